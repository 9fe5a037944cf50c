#!/usr/bin/env python3
"""Train the reference image + labs + note fusion model on synthetic cases and export it to ONNX.

Run with Debian's interpreter (the pyenv `python3` shim has no torch):
    nice -n 10 /usr/bin/python3 models/reference/train.py

Writes model.onnx, model.json (the manifest), golden.json and nothing else, next to this file.
Everything here is synthetic: the model is NOT for clinical use.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import os
import random
import time
import unicodedata
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = Path(__file__).resolve().parent
SEED = 20240611
IMAGE_SIZE = 64
HEATMAP_SIZE = 16
MAX_TOKENS = 32
PAD_ID, UNK_ID = 0, 1
MODALITIES = ["image", "labs", "note"]

# Sizes keep training well inside ~8 minutes on 2 shared cores.
N_TRAIN = int(os.environ.get("REF_N_TRAIN", "8000"))
N_TEST = int(os.environ.get("REF_N_TEST", "2000"))
EPOCHS = int(os.environ.get("REF_EPOCHS", "24"))
BATCH_SIZE = 64
PREVALENCE = 0.4
MODALITY_KEEP_PROBABILITY = 0.6

# ---------------------------------------------------------------------------------------------
# Lab panel: key, labels, unit, plausible range (input validation), transform before z-scoring.
# CRP and procalcitonin are strongly right-skewed, so they are z-scored on log1p scale.
LAB_PANEL = [
    dict(key="wbc", en="White blood cells", ja="白血球数", unit="10^3/µL", plausibleMin=0.1, plausibleMax=200.0, transform="identity"),
    dict(key="crp", en="C-reactive protein", ja="CRP", unit="mg/dL", plausibleMin=0.0, plausibleMax=60.0, transform="log1p"),
    dict(key="procalcitonin", en="Procalcitonin", ja="プロカルシトニン", unit="ng/mL", plausibleMin=0.0, plausibleMax=500.0, transform="log1p"),
    dict(key="neutrophilPct", en="Neutrophils", ja="好中球", unit="%", plausibleMin=0.0, plausibleMax=100.0, transform="identity"),
    dict(key="lymphocytePct", en="Lymphocytes", ja="リンパ球", unit="%", plausibleMin=0.0, plausibleMax=100.0, transform="identity"),
    dict(key="ldh", en="Lactate dehydrogenase", ja="LDH", unit="U/L", plausibleMin=20.0, plausibleMax=10000.0, transform="identity"),
    dict(key="spo2", en="SpO2", ja="SpO2", unit="%", plausibleMin=40.0, plausibleMax=100.0, transform="identity"),
    dict(key="bodyTemperature", en="Body temperature", ja="体温", unit="°C", plausibleMin=30.0, plausibleMax=45.0, transform="identity"),
]

# LOINC codes and the UCUM unit of each lab, for matching FHIR Observations from the EHR (lib/ehr).
LAB_CODES = {
    "wbc": (["6690-2", "26464-8"], "10*3/uL"),
    "crp": (["1988-5", "30522-7"], "mg/dL"),
    "procalcitonin": (["33959-8"], "ng/mL"),
    "neutrophilPct": (["770-8"], "%"),
    "lymphocytePct": (["736-9"], "%"),
    "ldh": (["2532-0", "14804-9"], "U/L"),
    "spo2": (["59408-5", "2708-6"], "%"),
    "bodyTemperature": (["8310-5"], "Cel"),
}

# ---------------------------------------------------------------------------------------------
# Tokenizer vocabulary. Ids: 0 pad, 1 unk, vocab[i] -> i + 2. No whitespace inside a term.
VOCAB = [
    # English
    "year", "old", "male", "female", "presents", "with", "and", "for", "days", "history", "of",
    "fever", "cough", "sputum", "dyspnea", "chest", "pain", "fatigue", "chills", "smoking",
    "diabetes", "hypertension", "pneumonia", "suspected", "routine", "checkup", "no",
    "complaints", "previous", "radiograph", "normal", "infiltrate", "follow", "up", "since",
    # Japanese clinical terms (greedy longest match makes 呼吸困難 win over 呼吸, 異常なし over 異常)
    "歳", "男性", "女性", "発熱", "咳嗽", "喀痰", "呼吸", "呼吸困難", "胸痛", "倦怠感", "悪寒",
    "喫煙歴", "糖尿病", "高血圧", "肺炎", "疑い", "健診", "自覚症状", "なし", "あり", "日前",
    "から", "前回", "胸部", "写真", "異常", "異常なし", "浸潤影", "経過観察", "にて", "で", "受診",
]
assert len(VOCAB) == len(set(VOCAB)) and all(t == normalise_t for t, normalise_t in
                                             ((t, unicodedata.normalize("NFKC", t).lower()) for t in VOCAB))
assert not any(ch.isspace() for t in VOCAB for ch in t)


def is_ascii_alnum(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("0" <= ch <= "9")


class NoteTokenizer:
    """Greedy longest-match tokenizer; TypeScript (lib/inference/tokenize-note.ts) mirrors it exactly."""

    def __init__(self, vocab: list[str], max_tokens: int):
        self.ids = {term: i + 2 for i, term in enumerate(vocab)}
        self.max_len = max(len(t) for t in vocab)
        self.max_tokens = max_tokens

    def tokenize(self, text: str) -> list[int]:
        s = unicodedata.normalize("NFKC", text).lower()
        out: list[int] = []
        i, n = 0, len(s)
        while i < n and len(out) < self.max_tokens:
            match = None
            for length in range(min(self.max_len, n - i), 0, -1):
                term = s[i:i + length]
                if term in self.ids:
                    end = i + length
                    # A term ending in [a-z0-9] must end at a word boundary ("no" must not match "normal").
                    if is_ascii_alnum(term[-1]) and end < n and is_ascii_alnum(s[end]):
                        continue
                    match = term
                    break
            if match is not None:
                out.append(self.ids[match])
                i += len(match)
            elif is_ascii_alnum(s[i]):
                while i < n and is_ascii_alnum(s[i]):
                    i += 1
                out.append(UNK_ID)
            else:
                i += 1  # whitespace, punctuation, unknown non-ASCII character: skipped, no token
        return out + [PAD_ID] * (self.max_tokens - len(out))


TOKENIZER = NoteTokenizer(VOCAB, MAX_TOKENS)

# ---------------------------------------------------------------------------------------------
# Synthetic cases


def soft_ellipse(xx, yy, cx, cy, rx, ry, sharpness=12.0):
    d = np.sqrt(((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2)
    return 1.0 / (1.0 + np.exp((d - 1.0) * sharpness))


def smooth_field(rng, grid=5, size=IMAGE_SIZE):
    """Low-frequency structured noise: a random coarse grid, bilinearly upsampled."""
    coarse = torch.from_numpy(rng.normal(0.0, 1.0, (1, 1, grid, grid)).astype(np.float32))
    return F.interpolate(coarse, size=(size, size), mode="bilinear", align_corners=True)[0, 0].numpy()


def make_image(rng, positive: bool, severity: float):
    """Radiograph-like chest image: bright body, two dark lung fields, faint ribs, structured
    noise, vessel-like distractor blobs; a positive case adds one opacity (Gaussian blob)."""
    yy, xx = np.mgrid[0:IMAGE_SIZE, 0:IMAGE_SIZE].astype(np.float32) / (IMAGE_SIZE - 1)
    jitter = lambda s: rng.normal(0.0, s)
    body = soft_ellipse(xx, yy, 0.5 + jitter(0.02), 0.55 + jitter(0.02), 0.47, 0.5, 6.0)
    lungs = []
    for side in (-1, 1):
        lungs.append(dict(cx=0.5 + side * (0.2 + jitter(0.015)), cy=0.5 + jitter(0.02),
                          rx=0.15 + jitter(0.01), ry=0.3 + jitter(0.02)))
    lung_field = sum(soft_ellipse(xx, yy, l["cx"], l["cy"], l["rx"], l["ry"]) for l in lungs)
    ribs = 0.5 + 0.5 * np.sin(2 * np.pi * (yy * rng.uniform(6.0, 8.0) + 0.6 * (xx - 0.5) ** 2 + rng.uniform()))
    image = (0.25 + 0.55 * body - 0.4 * lung_field + 0.05 * ribs * lung_field
             + 0.035 * smooth_field(rng) + 0.25 * np.exp(-((xx - 0.5) / 0.06) ** 2) * (yy > 0.2))

    px = np.arange(IMAGE_SIZE, dtype=np.float32)
    gy, gx = np.meshgrid(px, px, indexing="ij")

    def lung_point():
        lung = lungs[rng.integers(0, 2)]
        r, a = 0.75 * math.sqrt(rng.uniform()), rng.uniform(0, 2 * math.pi)
        return ((lung["cx"] + r * lung["rx"] * math.cos(a)) * (IMAGE_SIZE - 1),
                (lung["cy"] + r * lung["ry"] * math.sin(a)) * (IMAGE_SIZE - 1))

    for _ in range(rng.integers(0, 4)):  # distractors in every class: small, mostly faint
        cx, cy = lung_point()
        sigma = rng.uniform(0.8, 2.0)
        image += rng.uniform(0.03, 0.12) * np.exp(-((gx - cx) ** 2 + (gy - cy) ** 2) / (2 * sigma ** 2))

    mask = np.zeros((IMAGE_SIZE, IMAGE_SIZE), dtype=np.float32)
    if positive:
        cx, cy = lung_point()
        sigma = 1.8 + 4.0 * severity * rng.uniform(0.6, 1.0)
        amplitude = 0.05 + 0.22 * severity * rng.uniform(0.5, 1.0)
        blob = np.exp(-((gx - cx) ** 2 + (gy - cy) ** 2) / (2 * sigma ** 2))
        image += amplitude * blob
        mask = (blob >= 0.5).astype(np.float32)

    image += rng.normal(0.0, rng.uniform(0.03, 0.06), image.shape)
    # Scanner-dependent gain/offset: the model sees the image only after min-max windowing.
    raw = rng.uniform(600, 1400) * image + rng.uniform(-200, 200)
    return raw.astype(np.float32), mask


def make_labs(rng, positive: bool, severity: float) -> dict[str, float]:
    # Systemic inflammation: high in pneumonia, but also in some negatives (other infections).
    if positive:
        inflammation = float(np.clip(0.15 + 0.6 * severity + rng.normal(0, 0.3), 0, 1.3))
    else:
        inflammation = float(rng.uniform(0.2, 1.0)) if rng.uniform() < 0.35 else float(abs(rng.normal(0, 0.1)))
    lung_damage = severity if positive else 0.0
    neut = float(np.clip(57 + 16 * inflammation + rng.normal(0, 8), 25, 97))
    return {
        "wbc": float(np.clip(6.5 + 5.5 * inflammation + rng.normal(0, 2.3), 1.0, 60.0)),
        "crp": float(np.exp(math.log(0.2) + 2.6 * inflammation + rng.normal(0, 0.9))),
        "procalcitonin": float(np.exp(math.log(0.04) + 2.0 * inflammation + rng.normal(0, 0.9))),
        "neutrophilPct": neut,
        "lymphocytePct": float(np.clip(92 - neut - rng.uniform(3, 10) + rng.normal(0, 3), 2, 70)),
        "ldh": float(np.clip(185 + 50 * lung_damage + 25 * inflammation + rng.normal(0, 45), 80, 2000)),
        "spo2": float(np.clip(97.6 - 3.0 * lung_damage + rng.normal(0, 1.6), 70, 100)),
        "bodyTemperature": float(np.clip(36.7 + 1.5 * inflammation + rng.normal(0, 0.5), 35.0, 41.5)),
    }


SYMPTOMS = [  # (English, Japanese, P(mention | present), P(mention | absent))
    ("fever", "発熱", 0.42, 0.3), ("cough", "咳嗽", 0.45, 0.35), ("sputum", "喀痰", 0.25, 0.18),
    ("dyspnea", "呼吸困難", 0.2, 0.12), ("chest pain", "胸痛", 0.12, 0.1),
    ("fatigue", "倦怠感", 0.3, 0.28), ("chills", "悪寒", 0.15, 0.1),
]


def make_note(rng, positive: bool) -> tuple[str, str]:
    japanese = rng.uniform() < 0.5
    age, female = int(rng.integers(25, 90)), bool(rng.uniform() < 0.5)
    symptoms = [s for s in SYMPTOMS if rng.uniform() < (s[2] if positive else s[3])]
    days = int(rng.integers(1, 8))
    extras = []
    if rng.uniform() < (0.1 if positive else 0.18):
        extras.append(("Routine checkup.", "健診にて受診。"))
    if rng.uniform() < (0.15 if positive else 0.08):
        extras.append(("Pneumonia suspected.", "肺炎疑い。"))
    if rng.uniform() < 0.3:
        extras.append(("History of smoking.", "喫煙歴あり。"))
    if rng.uniform() < 0.15:
        extras.append(("History of diabetes.", "糖尿病あり。"))
    if rng.uniform() < 0.2:
        extras.append(("History of hypertension.", "高血圧あり。"))
    if rng.uniform() < (0.06 if positive else 0.12):
        extras.append(("Previous radiograph normal.", "前回胸部写真異常なし。"))
    order = rng.permutation(len(extras))
    if japanese:
        head = f"{age}歳{'女性' if female else '男性'}。"
        body = (f"{days}日前から" + "、".join(s[1] for s in symptoms) + "あり。") if symptoms else "自覚症状なし。"
        text = head + body + "".join(extras[i][1] for i in order)
        return text, "ja"
    head = f"{age}-year-old {'female' if female else 'male'}"
    if symptoms:
        names = [s[0] for s in symptoms]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        body = f" presents with {listed} for {days} days."
    else:
        body = " with no complaints."
    text = head + body + "".join(" " + extras[i][0] for i in order)
    return text, "en"


def make_cases(seed: int, n: int):
    rng = np.random.default_rng(seed)
    labels = (rng.uniform(size=n) < PREVALENCE).astype(np.float32)
    images, masks, labs, notes, languages = [], [], [], [], []
    for label in labels:
        positive = bool(label)
        severity = float(rng.beta(2.0, 2.0)) if positive else 0.0
        raw, mask = make_image(rng, positive, severity)
        images.append(raw)
        masks.append(mask)
        labs.append(make_labs(rng, positive, severity))
        note, language = make_note(rng, positive)
        notes.append(note)
        languages.append(language)
    return dict(raw_images=np.stack(images), masks=np.stack(masks), labs=labs, notes=notes,
                languages=languages, labels=labels)


# ---------------------------------------------------------------------------------------------
# Preprocessing, identical to lib/inference (min-max window -> [0,1] -> (x - mean) / std).


def window_minmax(raw: np.ndarray) -> np.ndarray:
    lo = raw.reshape(len(raw), -1).min(axis=1)[:, None, None]
    hi = raw.reshape(len(raw), -1).max(axis=1)[:, None, None]
    return ((raw - lo) / np.maximum(hi - lo, 1e-12)).astype(np.float32)


def lab_matrix(labs: list[dict[str, float]]) -> np.ndarray:
    columns = []
    for spec in LAB_PANEL:
        values = np.array([case[spec["key"]] for case in labs], dtype=np.float64)
        columns.append(np.log1p(values) if spec["transform"] == "log1p" else values)
    return np.stack(columns, axis=1)


# ---------------------------------------------------------------------------------------------
# Model


class ReferenceFusionModel(nn.Module):
    def __init__(self, vocab_size: int, lab_count: int):
        super().__init__()
        self.vocab_size = vocab_size
        # Strided convolutions instead of full-resolution conv + max-pool: a third of the FLOPs, so
        # the explanation's extra ablation rows stay cheap (see the benchmark).
        self.image_encoder = nn.Sequential(
            nn.Conv2d(1, 8, 3, stride=2, padding=1), nn.ReLU(),           # 32x32
            nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.ReLU(),          # 16x16
            nn.Conv2d(16, 16, 3, padding=1), nn.ReLU(),
            nn.Conv2d(16, 16, 3, padding=2, dilation=2), nn.ReLU(),       # wider context, same grid
        )
        self.heatmap_head = nn.Conv2d(16, 1, 1)
        # Linear projections (no ReLU): a dead projection would silently drop a whole modality.
        self.image_projection = nn.Linear(16 * 2 + 1, 32)
        self.lab_encoder = nn.Sequential(nn.Linear(lab_count, 32), nn.ReLU(), nn.Linear(32, 32))
        self.token_embedding = nn.Embedding(vocab_size, 16, padding_idx=PAD_ID)
        self.note_projection = nn.Linear(16, 32)
        self.fusion = nn.Sequential(nn.Linear(32 * 3 + 3, 32), nn.ReLU(), nn.Dropout(0.1))
        self.classifier = nn.Linear(32, 1)

    def forward(self, image, labs, note_tokens, modality_mask):
        present = modality_mask > 0.5
        has_image, has_labs, has_note = present[:, 0:1], present[:, 1:2], present[:, 2:3]
        # `where` (not multiplication) so a withheld tensor's content, even NaN, cannot leak in.
        image = torch.where(has_image[:, :, None, None], image, torch.zeros_like(image))
        labs = torch.where(has_labs, labs, torch.zeros_like(labs))
        in_vocab = (note_tokens >= 0) & (note_tokens < self.vocab_size)
        tokens = torch.where(in_vocab, note_tokens, torch.full_like(note_tokens, UNK_ID))
        token_present = (tokens != PAD_ID) & has_note
        tokens = torch.where(token_present, tokens, torch.zeros_like(tokens))

        features = self.image_encoder(image)
        heat_logit = self.heatmap_head(features)
        pooled = torch.cat([features.mean(dim=(2, 3)), features.amax(dim=(2, 3)),
                            heat_logit.amax(dim=(2, 3))], dim=1)
        image_embedding = self.image_projection(pooled) * has_image.float()
        lab_embedding = self.lab_encoder(labs) * has_labs.float()
        weights = token_present.float().unsqueeze(-1)
        token_mean = (self.token_embedding(tokens) * weights).sum(1) / weights.sum(1).clamp(min=1.0)
        note_embedding = self.note_projection(token_mean) * has_note.float()

        fused = self.fusion(torch.cat([image_embedding, lab_embedding, note_embedding,
                                       present.float()], dim=1))
        logit = self.classifier(fused)
        heatmap = torch.sigmoid(heat_logit) * has_image.float()[:, :, None, None]
        return logit, heat_logit, heatmap


class ExportWrapper(nn.Module):
    """The ONNX contract: probability (sigmoid applied) and heat map."""

    def __init__(self, model: ReferenceFusionModel):
        super().__init__()
        self.model = model

    def forward(self, image, labs, note_tokens, modality_mask):
        logit, _, heatmap = self.model(image, labs, note_tokens, modality_mask)
        return torch.sigmoid(logit), heatmap


# ---------------------------------------------------------------------------------------------
# Metrics


def auroc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Mann-Whitney U / (n_pos * n_neg), ties counted as 1/2 (average ranks)."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores), dtype=np.float64)
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2.0 + 1.0
        i = j + 1
    n_pos = int(labels.sum())
    n_neg = len(labels) - n_pos
    return float((ranks[labels == 1].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def hanley_mcneil_ci95(auc: float, n_pos: int, n_neg: int) -> list[float]:
    """Hanley & McNeil (1982), Radiology 143:29-36: SE of the AUROC under an exponential model."""
    q1, q2 = auc / (2 - auc), 2 * auc * auc / (1 + auc)
    var = (auc * (1 - auc) + (n_pos - 1) * (q1 - auc * auc) + (n_neg - 1) * (q2 - auc * auc)) / (n_pos * n_neg)
    se = math.sqrt(max(var, 0.0))
    return [round(max(0.0, auc - 1.96 * se), 4), round(min(1.0, auc + 1.96 * se), 4)]


def dice_per_case(heatmap: torch.Tensor, masks: torch.Tensor) -> np.ndarray:
    upsampled = F.interpolate(heatmap, size=(IMAGE_SIZE, IMAGE_SIZE), mode="bilinear", align_corners=False)
    predicted = (upsampled[:, 0] >= 0.5).float()
    intersection = (predicted * masks).sum(dim=(1, 2))
    total = predicted.sum(dim=(1, 2)) + masks.sum(dim=(1, 2))
    return (2 * intersection / total.clamp(min=1e-9)).numpy()


def count_flops_per_case(model: ReferenceFusionModel, example_inputs) -> int:
    """Multiply-accumulates of Conv2d and Linear layers at batch 1, times 2 (elementwise ops ignored)."""
    macs = [0]

    def conv_hook(module, _inputs, output):
        kernel = module.kernel_size[0] * module.kernel_size[1] * module.in_channels // module.groups
        macs[0] += output.numel() * kernel

    def linear_hook(module, _inputs, output):
        macs[0] += output.numel() * module.in_features

    handles = [m.register_forward_hook(conv_hook) for m in model.modules() if isinstance(m, nn.Conv2d)]
    handles += [m.register_forward_hook(linear_hook) for m in model.modules() if isinstance(m, nn.Linear)]
    with torch.no_grad():
        model(*[t[:1] for t in example_inputs])
    for handle in handles:
        handle.remove()
    return 2 * macs[0]


# ---------------------------------------------------------------------------------------------


def set_seeds(seed: int):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def tensors_for(cases, image_mean, image_std, lab_mean, lab_sd):
    windowed = window_minmax(cases["raw_images"])
    image = torch.from_numpy(((windowed - image_mean) / image_std)[:, None].astype(np.float32))
    labs = torch.from_numpy(((lab_matrix(cases["labs"]) - lab_mean) / lab_sd).astype(np.float32))
    tokens = torch.tensor([TOKENIZER.tokenize(note) for note in cases["notes"]], dtype=torch.int64)
    masks = torch.from_numpy(cases["masks"])
    labels = torch.from_numpy(cases["labels"])
    return image, labs, tokens, masks, labels


def main():
    started = time.time()
    torch.set_num_threads(2)
    set_seeds(SEED)

    train = make_cases(SEED + 1, N_TRAIN)
    test = make_cases(SEED + 2, N_TEST)
    windowed_train = window_minmax(train["raw_images"])
    image_mean, image_std = float(windowed_train.mean()), float(windowed_train.std())
    lab_values = lab_matrix(train["labs"])
    lab_mean, lab_sd = lab_values.mean(axis=0), lab_values.std(axis=0)

    x_img, x_lab, x_tok, y_mask, y = tensors_for(train, image_mean, image_std, lab_mean, lab_sd)
    t_img, t_lab, t_tok, t_mask, t_y = tensors_for(test, image_mean, image_std, lab_mean, lab_sd)
    print(f"data ready in {time.time() - started:.1f}s: train {N_TRAIN}, held-out {N_TEST}", flush=True)

    model = ReferenceFusionModel(vocab_size=len(VOCAB) + 2, lab_count=len(LAB_PANEL))
    parameter_count = sum(p.numel() for p in model.parameters())
    optimiser = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    steps_per_epoch = math.ceil(N_TRAIN / BATCH_SIZE)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=4e-3, total_steps=EPOCHS * steps_per_epoch)
    heat_targets = F.avg_pool2d(y_mask[:, None], IMAGE_SIZE // HEATMAP_SIZE)  # area fraction per cell
    generator = torch.Generator().manual_seed(SEED)

    for epoch in range(EPOCHS):
        model.train()
        permutation = torch.randperm(N_TRAIN, generator=generator)
        total_loss = 0.0
        for start in range(0, N_TRAIN, BATCH_SIZE):
            idx = permutation[start:start + BATCH_SIZE]
            # Modality dropout: each modality is kept with p=0.6, so every subset is trained.
            keep = (torch.rand(len(idx), 3, generator=generator) < MODALITY_KEEP_PROBABILITY).float()
            logit, heat_logit, _ = model(x_img[idx], x_lab[idx], x_tok[idx], keep)
            cls_loss = F.binary_cross_entropy_with_logits(logit[:, 0], y[idx])
            # The heat map is supervised on every image it sees (empty target on negatives).
            target = heat_targets[idx]
            per_case = F.binary_cross_entropy_with_logits(heat_logit, target, reduction="none").mean(dim=(1, 2, 3))
            prob = torch.sigmoid(heat_logit)
            soft_dice = 1 - (2 * (prob * target).sum(dim=(1, 2, 3)) + 1) / (prob.sum(dim=(1, 2, 3)) + target.sum(dim=(1, 2, 3)) + 1)
            weight = keep[:, 0]
            positive_weight = weight * y[idx]
            heat_loss = (per_case * weight).sum() / weight.sum().clamp(min=1) \
                + 0.5 * (soft_dice * positive_weight).sum() / positive_weight.sum().clamp(min=1)
            loss = cls_loss + heat_loss
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            scheduler.step()
            total_loss += float(loss) * len(idx)
        print(f"epoch {epoch + 1}/{EPOCHS} loss {total_loss / N_TRAIN:.4f} ({time.time() - started:.0f}s)", flush=True)

    # ---- evaluation on the held-out set -------------------------------------------------------
    model.eval()
    export = ExportWrapper(model).eval()
    labels_np = t_y.numpy()
    n_pos = int(labels_np.sum())
    n_neg = len(labels_np) - n_pos

    def predict(mask_row):
        mask = torch.tensor(mask_row, dtype=torch.float32).repeat(N_TEST, 1)
        with torch.no_grad():
            probability, heatmap = export(t_img, t_lab, t_tok, mask)
        return probability[:, 0].double().numpy(), heatmap

    input_sets = {
        ("image",): [1, 0, 0], ("labs",): [0, 1, 0], ("note",): [0, 0, 1],
        ("image", "labs"): [1, 1, 0], ("image", "labs", "note"): [1, 1, 1],
    }
    auroc_entries, probabilities = [], {}
    for inputs, mask_row in input_sets.items():
        p, heatmap = predict(mask_row)
        probabilities[inputs] = p
        value = auroc(p, labels_np)
        auroc_entries.append(dict(inputs=list(inputs), method="joint", value=round(value, 4), n=N_TEST,
                                  nPositive=n_pos, ci95=hanley_mcneil_ci95(value, n_pos, n_neg)))
        if inputs == ("image", "labs", "note"):
            full_heatmap = heatmap
    # Naive-Bayes late fusion of the same model's single-modality outputs: sum of logits.
    logit = lambda p: np.log(np.clip(p, 1e-7, 1 - 1e-7) / np.clip(1 - p, 1e-7, 1))
    summed = sum(logit(probabilities[(m,)]) for m in MODALITIES)
    late_value = auroc(summed, labels_np)
    auroc_entries.append(dict(inputs=list(MODALITIES), method="sumOfSingleModalityLogits", value=round(late_value, 4),
                              n=N_TEST, nPositive=n_pos, ci95=hanley_mcneil_ci95(late_value, n_pos, n_neg)))
    positive = t_y == 1
    dice = dice_per_case(full_heatmap[positive], t_mask[positive])
    negative_heat = full_heatmap[~positive]
    false_positive_rate = float((F.interpolate(negative_heat, size=(IMAGE_SIZE, IMAGE_SIZE), mode="bilinear",
                                               align_corners=False).amax(dim=(1, 2, 3)) >= 0.5).float().mean())
    for entry in auroc_entries:
        print(f"AUROC {'+'.join(entry['inputs'])} ({entry['method']}): {entry['value']:.4f} {entry['ci95']}")
    print(f"Dice (positives, n={int(positive.sum())}): mean {dice.mean():.4f} median {np.median(dice):.4f}; "
          f"negatives with any heat >= 0.5: {false_positive_rate:.3f}")

    # ---- export -------------------------------------------------------------------------------
    example = (t_img[:2], t_lab[:2], t_tok[:2], torch.ones(2, 3))
    onnx_path = HERE / "model.onnx"
    torch.onnx.export(
        export, example, str(onnx_path), opset_version=17, do_constant_folding=True,
        input_names=["image", "labs", "note_tokens", "modality_mask"],
        output_names=["probability", "heatmap"],
        dynamic_axes={name: {0: "N"} for name in ["image", "labs", "note_tokens", "modality_mask", "probability", "heatmap"]},
    )
    import onnx
    onnx.checker.check_model(onnx.load(str(onnx_path)))
    flops = count_flops_per_case(model, example)

    manifest = build_manifest(image_mean, image_std, lab_mean, lab_sd, auroc_entries, dice, parameter_count, flops,
                              false_positive_rate)
    (HERE / "model.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    write_golden(export, test, t_img, t_lab, t_tok)
    write_model_card(manifest, onnx_path.stat().st_size, time.time() - started)
    print(f"params {parameter_count}, onnx {onnx_path.stat().st_size} bytes, flops/case {flops}, "
          f"total {time.time() - started:.0f}s")


def build_manifest(image_mean, image_std, lab_mean, lab_sd, auroc_entries, dice, parameter_count, flops,
                   heat_false_positive_rate):
    return {
        "schemaVersion": 1,
        "name": "reference-pneumonia-fusion",
        "version": "1.0.0",
        "task": "binary-classification-with-localisation",
        "labels": {"classes": ["absent", "present"], "positive": "present"},
        "intendedUse": {
            "en": "Demonstration and integration testing of the portal's inference pipeline only. Estimates whether a "
                  "synthetic chest-radiograph-like image, lab panel and note show a pneumonia-like opacity.",
            "ja": "ポータルの推論パイプラインのデモと結合試験専用。合成の胸部X線様画像・検査値・記録から肺炎様陰影の有無を推定する。",
        },
        "trainingData": {
            "en": f"{N_TRAIN} synthetic cases generated by models/reference/train.py (seed {SEED}); no patient data.",
            "ja": f"models/reference/train.py が生成した合成症例 {N_TRAIN} 件(シード {SEED})。患者データは含まない。",
        },
        "notForClinicalUse": True,
        "inputs": [
            {"name": "image", "dtype": "float32", "shape": ["N", 1, IMAGE_SIZE, IMAGE_SIZE]},
            {"name": "labs", "dtype": "float32", "shape": ["N", len(LAB_PANEL)]},
            {"name": "note_tokens", "dtype": "int64", "shape": ["N", MAX_TOKENS]},
            {"name": "modality_mask", "dtype": "float32", "shape": ["N", 3]},
        ],
        "preprocessing": {
            "image": {
                "input": "image",
                "size": IMAGE_SIZE,
                "channels": 1,
                "resize": "area",
                "normalisation": {"mean": round(image_mean, 6), "std": round(image_std, 6)},
                "windowing": {
                    "CT": {"kind": "fixed", "center": -600, "width": 1500},
                    "MR": {"kind": "minmax"},
                    "CR": {"kind": "fileVoi"},
                    "DX": {"kind": "fileVoi"},
                    "default": {"kind": "minmax"},
                },
            },
            "labs": {
                "input": "labs",
                "items": [
                    {"key": spec["key"], "label": {"en": spec["en"], "ja": spec["ja"]}, "unit": spec["unit"],
                     "plausibleMin": spec["plausibleMin"], "plausibleMax": spec["plausibleMax"],
                     "transform": spec["transform"], "mean": round(float(mean), 6), "sd": round(float(sd), 6),
                     "loinc": LAB_CODES[spec["key"]][0], "ucum": LAB_CODES[spec["key"]][1]}
                    for spec, mean, sd in zip(LAB_PANEL, lab_mean, lab_sd)
                ],
            },
            "note": {
                "input": "note_tokens",
                "tokenizer": {
                    "kind": "greedy-longest-match-v1",
                    "normalisation": ["NFKC", "lowercase"],
                    "maxTokens": MAX_TOKENS,
                    "padId": PAD_ID,
                    "unkId": UNK_ID,
                    "firstVocabId": 2,
                    "algorithm": (
                        "s = lowercase(NFKC(text)); i = 0; while i < len(s) and fewer than maxTokens ids: among vocab "
                        "terms that s continues with at i, take the longest, but a term whose last character is in "
                        "[a-z0-9] only counts if the next character of s is not in [a-z0-9]; if found, emit "
                        "firstVocabId + its index in vocab and advance past it; else if s[i] is in [a-z0-9], skip the "
                        "whole run of [a-z0-9] and emit unkId; else skip one character (whitespace, punctuation, "
                        "unknown characters emit nothing). Pad with padId to maxTokens. Vocab terms are NFKC, "
                        "lowercase, without whitespace, inside the Basic Multilingual Plane."
                    ),
                    "vocab": VOCAB,
                },
            },
        },
        "outputs": [
            {"name": "probability", "role": "probability", "dtype": "float32", "shape": ["N", 1],
             "meaning": "Probability that the positive label applies (sigmoid applied)."},
            {"name": "heatmap", "role": "heatmap", "dtype": "float32", "shape": ["N", 1, HEATMAP_SIZE, HEATMAP_SIZE],
             "meaning": "Per-cell lesion probability in [0,1] over the preprocessed image; all zero when the "
                        "image is withheld."},
        ],
        "modalities": {"order": MODALITIES, "maskInput": "modality_mask"},
        "metrics": {
            "heldOutCases": N_TEST,
            "auroc": auroc_entries,
            "dice": {"value": round(float(dice.mean()), 4), "n": int(len(dice)), "threshold": 0.5,
                     "description": "Mean per-case Dice of the heat map (bilinear to 64x64, >= 0.5) against the "
                                    "lesion mask, positive held-out cases, all modalities present."},
            "heatmapFalsePositiveRate": round(heat_false_positive_rate, 4),
        },
        "parameterCount": parameter_count,
        "flopsPerCase": flops,
        "createdAt": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
    }


def write_model_card(manifest, onnx_bytes: int, training_seconds: float):
    """README.md is generated so its numbers always match model.json."""
    rows = "\n".join(
        f"| {' + '.join(e['inputs'])} | {'joint model' if e['method'] == 'joint' else 'sum of single-modality logits'} "
        f"| {e['value']:.3f} | {e['ci95'][0]:.3f}–{e['ci95'][1]:.3f} | {e['n']} ({e['nPositive']} positive) |"
        for e in manifest["metrics"]["auroc"])
    by_key = {("+".join(e["inputs"]), e["method"]): e["value"] for e in manifest["metrics"]["auroc"]}
    joint = by_key[("image+labs+note", "joint")]
    summed = by_key[("image+labs+note", "sumOfSingleModalityLogits")]
    joint_ci = next(e["ci95"] for e in manifest["metrics"]["auroc"] if e["method"] == "joint" and len(e["inputs"]) == 3)
    gap_phrase = ("inside the joint model's 95% confidence interval" if joint_ci[0] <= summed <= joint_ci[1]
                  else "outside the joint model's 95% confidence interval")
    dice = manifest["metrics"]["dice"]
    labs = "\n".join(f"| `{i['key']}` | {i['label']['en']} / {i['label']['ja']} | {i['unit']} | {i['plausibleMin']}–{i['plausibleMax']} "
                     f"| {i['transform']} |" for i in manifest["preprocessing"]["labs"]["items"])
    text = f"""# Reference model card: `{manifest['name']}` {manifest['version']}

> **Synthetic data only. NOT for clinical use.** This model exists so the portal's inference path
> (upload → preprocessing → ONNX → explanation) can be built and tested end to end. It has never
> seen a patient and says nothing about real radiographs, labs or notes.

Generated by `train.py` (`nice -n 10 /usr/bin/python3 models/reference/train.py`, fixed seed {SEED},
{training_seconds:.0f} s on this machine's 2 shared cores). Files: `model.onnx` ({onnx_bytes / 1024:.0f} KB, opset 17,
dynamic batch axis `N`), `model.json` (the manifest the portal validates), `golden.json` (exact input
tensors and expected outputs for parity tests in TypeScript).

## Data
Each synthetic case has a lesion with probability {PREVALENCE:.0%} and a latent severity:
- **image**: 64×64 chest-radiograph-like picture (body, two lung fields, faint ribs, low-frequency
  noise, vessel-like distractor blobs in every class, random gain and offset) and, when positive,
  one Gaussian opacity of varying size, contrast and place inside a lung, with its mask;
- **labs** (8): WBC, CRP, procalcitonin, neutrophil %, lymphocyte %, LDH, SpO2, body temperature,
  driven by an inflammation level that is high in pneumonia but also in 35% of negatives (other
  infections), plus noise;
- **note**: a short Japanese or English note (50/50) whose symptom words are only slightly more
  frequent in positive cases.

Modalities share the latent severity, so they are not independent given the label.
Training: {N_TRAIN} cases, held-out evaluation: {N_TEST} cases from another seed.

## Architecture ({manifest['parameterCount']:,} parameters, {manifest['flopsPerCase'] / 1e6:.1f} MFLOPs per case)
- image: 4 conv layers (8-16-16-16 channels, the first two with stride 2, the last dilated) giving 16×16 features;
  a 1×1 conv gives the **heat map** logits (16×16); mean-, max-pooled features and the peak heat
  logit feed a linear projection;
- labs: MLP 8→32→32; note: `Embedding(padding_idx=0)` 16-d, masked mean over tokens, linear 16→32;
- fusion: concatenated embeddings (each zeroed when its modality is withheld) + the 3-value
  `modality_mask` → 32 → probability. Withheld inputs are replaced with zeros inside the graph via
  `Where`, so their tensor content (even NaN) cannot change the output.
- Training: AdamW + one-cycle LR, {EPOCHS} epochs, BCE for the label, BCE + soft Dice for the heat map
  against the mask area fraction per cell, and **modality dropout** (each modality kept with
  p = {MODALITY_KEEP_PROBABILITY}) so any subset of modalities can be withheld at inference.

## Held-out metrics
| inputs | method | AUROC | 95% CI (Hanley–McNeil) | n |
| --- | --- | --- | --- | --- |
{rows}

Heat map: mean Dice {dice['value']:.3f} on n = {dice['n']} positive cases (heat map bilinearly upsampled to
64×64, threshold {dice['threshold']}); {manifest['metrics']['heatmapFalsePositiveRate']:.1%} of negative cases have some cell ≥ 0.5.

**Fusion vs. late fusion.** Summing the same model's single-modality logits (the naive-Bayes
combination, optimal when the modalities are independent given the label) reaches AUROC {summed:.3f}
against {joint:.3f} for the joint fusion layer. On synthetic data like this, where almost all
cross-modal structure goes through the label (and a shared severity), joint fusion cannot be
expected to beat that simple sum by much; here the difference is {joint - summed:+.3f}, {gap_phrase}.
A real multimodal benefit must be shown on real data.

## Inputs (see `model.json` for the exact contract)
- `image` float32 [N,1,64,64]: window (CT fixed -600/1500, MR min-max, CR/DX the file's VOI window,
  otherwise min-max) → [0,1] → area-average resize to 64×64 → (x − {manifest['preprocessing']['image']['normalisation']['mean']}) / {manifest['preprocessing']['image']['normalisation']['std']};
- `labs` float32 [N,8]: z-scores with the manifest's mean/sd (CRP and procalcitonin on log1p scale):

| key | label | unit | plausible range | transform |
| --- | --- | --- | --- | --- |
{labs}

- `note_tokens` int64 [N,32]: greedy longest-match tokenizer over a {len(VOCAB)}-term English/Japanese
  vocabulary (algorithm in the manifest); 0 = padding, 1 = unknown word;
- `modality_mask` float32 [N,3]: image, labs, note; 1 = present, 0 = withheld.

Outputs: `probability` [N,1] (sigmoid applied) and `heatmap` [N,1,16,16] in [0,1] (zero when the
image is withheld).

## The manifest (what a hospital's own model must also provide)
`model.json` is validated by `modelManifestSchema` in `lib/inference/manifest.ts` (schemaVersion 1):
`name`, `version`, `task`, `labels` {{classes, positive}}, `intendedUse` and `trainingData` {{en, ja}},
`notForClinicalUse`, `inputs` (name, dtype, shape with "N" for the batch axis), `preprocessing`
(image: input, size, channels, resize, normalisation, windowing presets per DICOM Modality with a
`default`; labs: input, items with key, label {{en, ja}}, unit, plausible range, transform, mean, sd;
note: input and the tokenizer with its vocab), `outputs` (name, role `probability` or `heatmap`,
dtype, shape, meaning), `modalities` (mask order and mask input), `metrics` (AUROC per input set
with n and CI, Dice, held-out cases), optional `parameterCount` and `flopsPerCase`, `createdAt`.
The schema cross-checks preprocessing against the input shapes; at load time the ONNX session's
input/output names, dtypes and shapes are checked against the manifest and a mismatch is refused
with precise codes (`INPUT_DIMENSION`, `OUTPUT_MISSING`, ...).
"""
    (HERE / "README.md").write_text(text, encoding="utf-8")


def write_golden(export, test, t_img, t_lab, t_tok):
    """A handful of cases with exact tensors so TypeScript can check tokenizer and ONNX parity."""
    rng = np.random.default_rng(SEED + 3)
    languages = test["languages"]
    en = [i for i, lang in enumerate(languages) if lang == "en"]
    ja = [i for i, lang in enumerate(languages) if lang == "ja"]
    labels = test["labels"]
    pick = lambda pool, label: next(i for i in pool if labels[i] == label)
    specs = [
        dict(index=pick(en, 1), mask=[1, 1, 1], description="English note, positive, all modalities"),
        dict(index=pick(ja, 1), mask=[1, 1, 1], description="Japanese note, positive, all modalities"),
        dict(index=pick(en, 0), mask=[1, 1, 1], description="English note, negative, all modalities"),
        dict(index=pick(ja, 0), mask=[0, 1, 1], description="image withheld: its tensor holds noise the model must ignore"),
        dict(index=pick(ja, 1), mask=[1, 0, 0], description="labs and note withheld: their tensors hold noise",
             note="ＷＢＣ高値。呼吸困難、咳嗽あり。前回胸部写真異常なし。X-ray: infiltrate? Fever 38.5"),
        dict(index=pick(en, 1), mask=[1, 1, 1], description="NFKC/full-width, unknown words, truncation at 32",
             note="ＦＥＶＥＲ and COUGH since 3 days; nothing-normal no normal pneumonia-suspected; 呼吸 困難 呼吸困難 "
                  "倦怠感　悪寒 発熱発熱発熱 history of smoking, diabetes, hypertension, chest pain, sputum, dyspnea, "
                  "fatigue, chills, follow up"),
    ]
    cases = []
    for spec in specs:
        i = spec["index"]
        note = spec.get("note", test["notes"][i])
        tokens = torch.tensor([TOKENIZER.tokenize(note)], dtype=torch.int64)
        image, labs = t_img[i:i + 1].clone(), t_lab[i:i + 1].clone()
        mask = torch.tensor([spec["mask"]], dtype=torch.float32)
        if spec["mask"][0] == 0:
            image = torch.from_numpy(rng.normal(0, 50, image.shape).astype(np.float32))
        if spec["mask"][1] == 0:
            labs = torch.from_numpy(rng.normal(0, 50, labs.shape).astype(np.float32))
        if spec["mask"][2] == 0:
            tokens = torch.from_numpy(rng.integers(-5, 10_000, tokens.shape)).to(torch.int64)
        with torch.no_grad():
            probability, heatmap = export(image, labs, tokens, mask)
        cases.append({
            "description": spec["description"],
            "label": int(labels[i]),
            "note": note,
            "expectedTokenIds": TOKENIZER.tokenize(note),
            "inputs": {
                "image": [float(v) for v in image.flatten().tolist()],
                "labs": [float(v) for v in labs.flatten().tolist()],
                "note_tokens": [int(v) for v in tokens.flatten().tolist()],
                "modality_mask": spec["mask"],
            },
            "rawLabs": test["labs"][i],
            "expected": {
                "probability": [float(v) for v in probability.flatten().tolist()],
                "heatmap": [float(v) for v in heatmap.flatten().tolist()],
            },
        })
    golden = {"model": "model.onnx", "tolerance": 1e-4, "cases": cases}
    (HERE / "golden.json").write_text(json.dumps(golden, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
