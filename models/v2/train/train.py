#!/usr/bin/env python3
"""Train reference model v2 (per-modality encoders + fusion head) on synthetic cases, fit its
calibration and out-of-distribution gate on held-out data, train a second finding as a head on the
frozen encoders, and export everything to ONNX.

    nice -n 10 /usr/bin/python3 models/v2/train/train.py

Writes models/v2/{encoders,head,extent-head}.onnx, model.json, extent.json, golden.json, README.md.
Everything is synthetic: NOT for clinical use.
"""
from __future__ import annotations

import json
import math
import os
import random
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

import data
import evaluate
import export
import manifest as manifest_builder
from model import FullModel, FusionHead

OUT = Path(__file__).resolve().parents[1]
SEED = 20261201
N_TRAIN = int(os.environ.get("V2_N_TRAIN", "8000"))
N_HELD_OUT = int(os.environ.get("V2_N_HELD_OUT", "2000"))
EPOCHS = int(os.environ.get("V2_EPOCHS", "16"))
N_SMALL = int(os.environ.get("V2_N_SMALL", "300"))  # the second finding's labelled cases
BATCH_SIZE = 64
MODALITY_KEEP_PROBABILITY = 0.6
OOD_QUANTILE = 0.99
INPUT_SETS = {("image",): [1, 0, 0], ("labs",): [0, 1, 0], ("note",): [0, 0, 1],
              ("image", "labs"): [1, 1, 0], ("image", "labs", "note"): [1, 1, 1]}


def set_seeds(seed: int):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def train_full_model(model: FullModel, t, labels, epochs: int, generator, with_heatmap: bool, log=""):
    n = len(labels)
    optimiser = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    steps = epochs * math.ceil(n / BATCH_SIZE)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=4e-3, total_steps=steps)
    heat_targets = F.avg_pool2d(t["masks"][:, None], data.IMAGE_SIZE // data.HEATMAP_SIZE)
    for epoch in range(epochs):
        model.train()
        permutation = torch.randperm(n, generator=generator)
        total = 0.0
        for start in range(0, n, BATCH_SIZE):
            idx = permutation[start:start + BATCH_SIZE]
            # Modality dropout: every subset of modalities is trained, so any can be withheld.
            keep = (torch.rand(len(idx), 3, generator=generator) < MODALITY_KEEP_PROBABILITY).float()
            logit, heat_logit = model(t["image"][idx], t["labs"][idx], t["tokens"][idx], keep)
            loss = F.binary_cross_entropy_with_logits(logit[:, 0], labels[idx])
            if with_heatmap:
                target = heat_targets[idx]
                per_case = F.binary_cross_entropy_with_logits(heat_logit, target, reduction="none").mean(dim=(1, 2, 3))
                prob = torch.sigmoid(heat_logit)
                soft_dice = 1 - (2 * (prob * target).sum(dim=(1, 2, 3)) + 1) / (prob.sum(dim=(1, 2, 3)) + target.sum(dim=(1, 2, 3)) + 1)
                weight = keep[:, 0]
                positive_weight = weight * t["labels"][idx]
                loss = loss + (per_case * weight).sum() / weight.sum().clamp(min=1) \
                    + 0.5 * (soft_dice * positive_weight).sum() / positive_weight.sum().clamp(min=1)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            scheduler.step()
            total += float(loss) * len(idx)
        if log:
            print(f"{log} epoch {epoch + 1}/{epochs} loss {total / n:.4f}", flush=True)


def train_head_on_embeddings(head: FusionHead, embeddings, labels, epochs: int, generator):
    """A new finding on frozen encoders: only the head's parameters move."""
    n = len(labels)
    optimiser = torch.optim.AdamW(head.parameters(), lr=3e-3, weight_decay=1e-4)
    for _ in range(epochs):
        head.train()
        permutation = torch.randperm(n, generator=generator)
        for start in range(0, n, BATCH_SIZE):
            idx = permutation[start:start + BATCH_SIZE]
            keep = (torch.rand(len(idx), 3, generator=generator) < MODALITY_KEEP_PROBABILITY).float()
            logit = head(*(e[idx] for e in embeddings), keep)
            loss = F.binary_cross_entropy_with_logits(logit[:, 0], labels[idx])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()


def embed(encoders, t):
    with torch.no_grad():
        image_embedding, labs_embedding, note_embedding, heatmap, _ = encoders.eval()(t["image"], t["labs"], t["tokens"])
    return (image_embedding, labs_embedding, note_embedding), heatmap


def head_logits(head, embeddings, mask_row) -> np.ndarray:
    mask = torch.tensor(mask_row, dtype=torch.float32).repeat(len(embeddings[0]), 1)
    with torch.no_grad():
        return head.eval()(*embeddings, mask)[:, 0].double().numpy()


def auroc_entry(inputs, method, scores, labels):
    n_pos = int(labels.sum())
    value = evaluate.auroc(scores, labels)
    return dict(inputs=list(inputs), method=method, value=round(value, 4), n=len(labels), nPositive=n_pos,
                ci95=evaluate.hanley_mcneil_ci95(value, n_pos, len(labels) - n_pos))


def main():
    started = time.time()
    torch.set_num_threads(int(os.environ.get("V2_THREADS", "2")))
    set_seeds(SEED)
    train = data.make_cases(SEED + 1, N_TRAIN)
    test = data.make_cases(SEED + 2, N_HELD_OUT)
    calibration = data.make_cases(SEED + 4, N_HELD_OUT)
    small = data.make_cases(SEED + 5, N_SMALL)
    ood = data.make_out_of_distribution_images(SEED + 6, 200)
    image_mean, image_std, lab_mean, lab_sd = data.normalisation_from(train)
    tensors = lambda cases: data.tensors_for(cases, image_mean, image_std, lab_mean, lab_sd)
    t_train, t_test, t_cal, t_small = tensors(train), tensors(test), tensors(calibration), tensors(small)
    print(f"data ready in {time.time() - started:.0f}s", flush=True)

    generator = torch.Generator().manual_seed(SEED)
    vocab_size, lab_count = len(data.VOCAB) + 2, len(data.LAB_PANEL)
    model = FullModel(vocab_size, lab_count)
    train_full_model(model, t_train, t_train["labels"], EPOCHS, generator, with_heatmap=True, log="v2")
    encoders, head = model.encoders.eval(), model.head.eval()
    print(f"trained in {time.time() - started:.0f}s", flush=True)

    # ---- discrimination on the test set -------------------------------------------------------
    test_embeddings, test_heatmap = embed(encoders, t_test)
    y_test = test["labels"].astype(np.float64)
    logits = {inputs: head_logits(head, test_embeddings, mask) for inputs, mask in INPUT_SETS.items()}
    auroc_entries = [auroc_entry(inputs, "joint", logits[inputs], y_test) for inputs in INPUT_SETS]
    summed = sum(logits[(m,)] for m in data.MODALITIES)
    auroc_entries.append(auroc_entry(data.MODALITIES, "sumOfSingleModalityLogits", summed, y_test))
    positive = t_test["labels"] == 1
    dice = data.reference.dice_per_case(test_heatmap[positive], t_test["masks"][positive])
    upsampled = F.interpolate(test_heatmap[~positive], size=(data.IMAGE_SIZE, data.IMAGE_SIZE), mode="bilinear", align_corners=False)
    heat_fpr = float((upsampled.amax(dim=(1, 2, 3)) >= 0.5).float().mean())

    # ---- calibration: temperature fitted on the calibration split, judged on the test split ----
    cal_embeddings, _ = embed(encoders, t_cal)
    temperature = evaluate.fit_temperature(head_logits(head, cal_embeddings, [1, 1, 1]), calibration["labels"].astype(np.float64))
    full = logits[("image", "labs", "note")]
    calibration_entry = dict(
        method="temperature", temperature=round(temperature, 6), fittedOnCases=N_HELD_OUT,
        heldOut=dict(n=N_HELD_OUT, inputs=list(data.MODALITIES),
                     before=evaluate.calibration_summary(evaluate.sigmoid(full), y_test),
                     after=evaluate.calibration_summary(evaluate.sigmoid(full / temperature), y_test)))

    # ---- out-of-distribution gate on the image embedding ---------------------------------------
    train_embeddings, _ = embed(encoders, t_train)
    mean, whitening = evaluate.fit_mahalanobis(train_embeddings[0].double().numpy())
    distance = lambda e: evaluate.mahalanobis(e.double().numpy(), mean, whitening)
    threshold = float(np.quantile(distance(cal_embeddings[0]), OOD_QUANTILE))
    false_alarms = int((distance(test_embeddings[0]) > threshold).sum())
    detection = []
    for kind, raw in ood.items():
        image = data.image_tensor(raw, image_mean, image_std)
        with torch.no_grad():
            embedding, _ = encoders.image(image)
        flagged = int((distance(embedding) > threshold).sum())
        detection.append(dict(kind=kind, flagged=flagged, n=len(raw), rate=round(flagged / len(raw), 4),
                              ci95=evaluate.wilson_ci95(flagged, len(raw))))
    ood_entry = dict(modality="image", embedding="image_embedding", method="mahalanobis", shrinkage=1e-3,
                     mean=[round(float(v), 6) for v in mean],
                     whitening=[[round(float(v), 6) for v in row] for row in whitening],
                     threshold=round(threshold, 4), thresholdQuantile=OOD_QUANTILE, fittedOnCases=N_TRAIN,
                     thresholdSetOnCases=N_HELD_OUT,
                     falseAlarmRate=dict(value=round(false_alarms / N_HELD_OUT, 4), flagged=false_alarms, n=N_HELD_OUT,
                                         ci95=evaluate.wilson_ci95(false_alarms, N_HELD_OUT)),
                     detectionRate=detection)

    # ---- reuse: the second finding as a head on frozen encoders vs the whole model from zero ---
    small_embeddings, _ = embed(encoders, t_small)
    extent_head = FusionHead()
    torch.manual_seed(SEED + 7)
    train_head_on_embeddings(extent_head, small_embeddings, t_small["extensive"], 60, generator)
    extent_head.eval()
    torch.manual_seed(SEED + 8)
    scratch = FullModel(vocab_size, lab_count)
    train_full_model(scratch, t_small, t_small["extensive"], 60, generator, with_heatmap=False)
    y_extent = test["extensive"].astype(np.float64)
    extent_logits = {inputs: head_logits(extent_head, test_embeddings, mask) for inputs, mask in INPUT_SETS.items()}
    scratch_embeddings, _ = embed(scratch.encoders, t_test)
    scratch_logit = head_logits(scratch.head, scratch_embeddings, [1, 1, 1])
    extent_temperature = evaluate.fit_temperature(head_logits(extent_head, cal_embeddings, [1, 1, 1]),
                                                  calibration["extensive"].astype(np.float64))
    extent_full = extent_logits[("image", "labs", "note")]
    reuse_entry = dict(labelledCases=N_SMALL, labelledPositive=int(small["extensive"].sum()),
                       headOnly=auroc_entry(data.MODALITIES, "joint", extent_full, y_extent),
                       fromScratch=auroc_entry(data.MODALITIES, "joint", scratch_logit, y_extent))
    extent_calibration = dict(
        method="temperature", temperature=round(extent_temperature, 6), fittedOnCases=N_HELD_OUT,
        heldOut=dict(n=N_HELD_OUT, inputs=list(data.MODALITIES),
                     before=evaluate.calibration_summary(evaluate.sigmoid(extent_full), y_extent),
                     after=evaluate.calibration_summary(evaluate.sigmoid(extent_full / extent_temperature), y_extent)))
    extent_auroc = [auroc_entry(inputs, "joint", extent_logits[inputs], y_extent) for inputs in INPUT_SETS]

    # ---- export ------------------------------------------------------------------------------------
    example = (t_test["image"][:2], t_test["labs"][:2], t_test["tokens"][:2])
    export.export_encoders(encoders, example, OUT / "encoders.onnx")
    export.export_head(head, OUT / "head.onnx")
    export.export_head(extent_head, OUT / "extent-head.onnx")
    flops = manifest_builder.count_flops(encoders, head, example)
    parameter_counts = dict(encoders=sum(p.numel() for p in encoders.parameters()),
                            head=sum(p.numel() for p in head.parameters()))
    common = dict(image_mean=image_mean, image_std=image_std, lab_mean=lab_mean, lab_sd=lab_sd, flops=flops,
                  parameter_counts=parameter_counts, ood=ood_entry, n_train=N_TRAIN, seed=SEED)
    pneumonia = manifest_builder.build(
        **common, kind="pneumonia", head_file="head.onnx", calibration=calibration_entry,
        metrics=dict(heldOutCases=N_HELD_OUT, auroc=auroc_entries,
                     dice=dict(value=round(float(dice.mean()), 4), n=int(positive.sum()), threshold=0.5,
                               description="Mean per-case Dice of the heat map (bilinear to 64x64, >= 0.5) against the lesion mask, positive held-out cases."),
                     heatmapFalsePositiveRate=round(heat_fpr, 4)))
    extent = manifest_builder.build(
        **common, kind="extent", head_file="extent-head.onnx", calibration=extent_calibration,
        metrics=dict(heldOutCases=N_HELD_OUT, auroc=extent_auroc), reuse=reuse_entry)
    v1_manifest = json.loads((data.REFERENCE_DIR / "model.json").read_text(encoding="utf-8"))
    for name, manifest in (("model.json", pneumonia), ("extent.json", extent)):
        manifest_builder.fill_preprocessing(manifest, v1_manifest)
        (OUT / name).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    export.write_golden(OUT / "golden.json", encoders, {"head": head, "extent-head": extent_head},
                        {"head": temperature, "extent-head": extent_temperature}, test, t_test, SEED + 3)
    seconds = time.time() - started
    manifest_builder.write_readme(OUT / "README.md", pneumonia, extent, seconds)
    for entry in auroc_entries:
        print(f"AUROC {'+'.join(entry['inputs'])} ({entry['method']}): {entry['value']:.4f} {entry['ci95']}")
    print(f"Dice {dice.mean():.4f}; heat FPR {heat_fpr:.3f}; temperature {temperature:.3f}; "
          f"ECE {calibration_entry['heldOut']['before']['ece']} -> {calibration_entry['heldOut']['after']['ece']}")
    print(f"OOD threshold {threshold:.2f}; false alarms {false_alarms}/{N_HELD_OUT}; detection {[(d['kind'], d['rate']) for d in detection]}")
    print(f"extent: head-only {reuse_entry['headOnly']['value']} {reuse_entry['headOnly']['ci95']} vs scratch "
          f"{reuse_entry['fromScratch']['value']} {reuse_entry['fromScratch']['ci95']}")
    print(f"flops {flops}; params {parameter_counts}; total {seconds:.0f}s")


if __name__ == "__main__":
    main()
