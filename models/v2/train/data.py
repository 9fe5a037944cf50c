"""Synthetic cases for model v2: the reference model's task (models/reference/train.py) plus a second
finding on the same inputs, and images that lie outside the intended use.

Everything here is synthetic; no patient data.
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import torch

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "reference"
sys.path.insert(0, str(REFERENCE_DIR))
import train as reference  # noqa: E402  (the v1 script: generators, tokenizer, lab panel, preprocessing)

IMAGE_SIZE = reference.IMAGE_SIZE
HEATMAP_SIZE = reference.HEATMAP_SIZE
MAX_TOKENS = reference.MAX_TOKENS
LAB_PANEL = reference.LAB_PANEL
VOCAB = reference.VOCAB
TOKENIZER = reference.TOKENIZER
MODALITIES = reference.MODALITIES
PREVALENCE = reference.PREVALENCE
# Second finding: extensive involvement (a large, dense opacity with hypoxaemia), severity above this.
EXTENSIVE_SEVERITY = 0.55


def make_cases(seed: int, n: int):
    """Same generators and random stream as v1's make_cases, also returning the latent severity."""
    rng = np.random.default_rng(seed)
    labels = (rng.uniform(size=n) < PREVALENCE).astype(np.float32)
    images, masks, labs, notes, languages, severities = [], [], [], [], [], []
    for label in labels:
        positive = bool(label)
        severity = float(rng.beta(2.0, 2.0)) if positive else 0.0
        raw, mask = reference.make_image(rng, positive, severity)
        images.append(raw)
        masks.append(mask)
        labs.append(reference.make_labs(rng, positive, severity))
        note, language = reference.make_note(rng, positive)
        notes.append(note)
        languages.append(language)
        severities.append(severity)
    severity = np.array(severities, dtype=np.float32)
    return dict(raw_images=np.stack(images), masks=np.stack(masks), labs=labs, notes=notes, languages=languages,
                labels=labels, severity=severity, extensive=(severity > EXTENSIVE_SEVERITY).astype(np.float32))


def make_out_of_distribution_images(seed: int, n_per_kind: int) -> dict[str, np.ndarray]:
    """Raw images a chest-radiograph model should not score, each kind passing the declared checks
    only if someone mislabels it: an axial CT-like slice, an inverted radiograph (photometric
    interpretation ignored), a hand/limb-like radiograph, and pure noise."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:IMAGE_SIZE, 0:IMAGE_SIZE].astype(np.float32) / (IMAGE_SIZE - 1)
    kinds: dict[str, list[np.ndarray]] = {"axialCtSlice": [], "invertedRadiograph": [], "limbRadiograph": [], "noise": []}
    for _ in range(n_per_kind):
        # Axial slice: a wide ellipse of soft tissue, a bright thin rim, two small dark lungs, a spine.
        body = reference.soft_ellipse(xx, yy, 0.5, 0.5, 0.45 + rng.normal(0, 0.02), 0.32 + rng.normal(0, 0.02), 10.0)
        rim = body - reference.soft_ellipse(xx, yy, 0.5, 0.5, 0.41, 0.28, 10.0)
        lungs = sum(reference.soft_ellipse(xx, yy, 0.5 + s * 0.17, 0.47, 0.12, 0.17, 10.0) for s in (-1, 1))
        spine = reference.soft_ellipse(xx, yy, 0.5, 0.74, 0.05, 0.05, 10.0)
        ct = -1000 + 1040 * body - 850 * lungs + 500 * rim + 700 * spine + rng.normal(0, 20, body.shape)
        kinds["axialCtSlice"].append(ct.astype(np.float32))
        raw, _ = reference.make_image(rng, bool(rng.uniform() < PREVALENCE), float(rng.beta(2, 2)))
        kinds["invertedRadiograph"].append((raw.max() + raw.min() - raw).astype(np.float32))
        bones = sum(reference.soft_ellipse(xx, yy, 0.3 + 0.1 * k + rng.normal(0, 0.01), 0.5, 0.025, 0.4, 8.0) for k in range(5))
        hand = reference.soft_ellipse(xx, yy, 0.5, 0.5, 0.32, 0.48, 6.0)
        limb = 0.1 + 0.4 * hand + 0.6 * bones + rng.normal(0, 0.04, hand.shape)
        kinds["limbRadiograph"].append((800 * limb).astype(np.float32))
        kinds["noise"].append(rng.uniform(0, 1000, (IMAGE_SIZE, IMAGE_SIZE)).astype(np.float32))
    return {kind: np.stack(images) for kind, images in kinds.items()}


def image_tensor(raw_images: np.ndarray, image_mean: float, image_std: float) -> torch.Tensor:
    windowed = reference.window_minmax(raw_images)
    return torch.from_numpy(((windowed - image_mean) / image_std)[:, None].astype(np.float32))


def tensors_for(cases, image_mean, image_std, lab_mean, lab_sd):
    image = image_tensor(cases["raw_images"], image_mean, image_std)
    labs = torch.from_numpy(((reference.lab_matrix(cases["labs"]) - lab_mean) / lab_sd).astype(np.float32))
    tokens = torch.tensor([TOKENIZER.tokenize(note) for note in cases["notes"]], dtype=torch.int64)
    return dict(image=image, labs=labs, tokens=tokens, masks=torch.from_numpy(cases["masks"]),
                labels=torch.from_numpy(cases["labels"]), extensive=torch.from_numpy(cases["extensive"]))


def normalisation_from(train) -> tuple[float, float, np.ndarray, np.ndarray]:
    windowed = reference.window_minmax(train["raw_images"])
    lab_values = reference.lab_matrix(train["labs"])
    return float(windowed.mean()), float(windowed.std()), lab_values.mean(axis=0), lab_values.std(axis=0)
