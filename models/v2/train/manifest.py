"""The v2 manifests (lib/inference/manifest.ts, schemaVersion 2) and the model card README."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import torch
import torch.nn as nn

from data import EXTENSIVE_SEVERITY, LAB_PANEL, MAX_TOKENS, VOCAB, reference
from model import EMBEDDING_SIZE

OUT = Path(__file__).resolve().parents[1]
NAMES = {"pneumonia": "reference-pneumonia-fusion", "extent": "reference-extent-fusion"}


def count_flops(encoders, head, example) -> dict[str, int]:
    """Conv2d and Linear multiply-accumulates at batch 1, times 2 (elementwise ops ignored)."""
    def count(module, run) -> int:
        macs = [0]
        hooks = [m.register_forward_hook(lambda mod, _i, out: macs.__setitem__(0, macs[0] + out.numel() * mod.kernel_size[0] * mod.kernel_size[1] * mod.in_channels // mod.groups))
                 for m in module.modules() if isinstance(m, nn.Conv2d)]
        hooks += [m.register_forward_hook(lambda mod, _i, out: macs.__setitem__(0, macs[0] + out.numel() * mod.in_features))
                  for m in module.modules() if isinstance(m, nn.Linear)]
        with torch.no_grad():
            run()
        for hook in hooks:
            hook.remove()
        return 2 * macs[0]
    one = tuple(t[:1] for t in example)
    return dict(encoders=count(encoders, lambda: encoders(*one)),
                head=count(head, lambda: head(*(torch.zeros(1, EMBEDDING_SIZE) for _ in range(3)), torch.ones(1, 3))))


def tensor(name, dtype, shape, **extra):
    return dict(name=name, dtype=dtype, shape=shape, **extra)


def build(kind, head_file, calibration, metrics, image_mean, image_std, lab_mean, lab_sd, flops, parameter_counts, ood,
          n_train, seed, reuse=None):
    sha = lambda name: hashlib.sha256((OUT / name).read_bytes()).hexdigest()
    pneumonia = kind == "pneumonia"
    embedding_outputs = [
        tensor(f"{m}_embedding", "float32", ["N", EMBEDDING_SIZE], role="embedding", modality=m,
               meaning=f"{EMBEDDING_SIZE}-d {m} embedding from the frozen {m} encoder.") for m in ("image", "labs", "note")]
    manifest = {
        "schemaVersion": 2,
        "name": NAMES[kind],
        "version": "2.0.0",
        "task": "binary-classification-with-localisation",
        "labels": {"classes": ["absent", "present"], "positive": "present"},
        "intendedUse": {
            "en": ("Demonstration and integration testing of the portal's inference pipeline only. Estimates whether a synthetic "
                   "adult frontal chest-radiograph-like image (CR/DX), lab panel and note show a pneumonia-like opacity.")
            if pneumonia else
            ("Demonstration only. Estimates whether a synthetic adult chest-radiograph-like case shows extensive involvement "
             f"(latent severity > {EXTENSIVE_SEVERITY}); a head trained on the frozen encoders of reference-pneumonia-fusion 2.0.0."),
            "ja": ("ポータルの推論パイプラインのデモと結合試験専用。合成の成人正面胸部X線様画像(CR/DX)・検査値・記録から肺炎様陰影の有無を推定する。"
                   if pneumonia else
                   f"デモ専用。合成の成人胸部X線様症例が広範な病変(潜在重症度 > {EXTENSIVE_SEVERITY})を示すかを推定する。reference-pneumonia-fusion 2.0.0 の凍結エンコーダー上で学習したヘッド。"),
        },
        "trainingData": {
            "en": f"{n_train} synthetic cases from models/v2/train (seed {seed}); no patient data."
                  + ("" if pneumonia else f" The head saw {reuse['labelledCases']} labelled cases."),
            "ja": f"models/v2/train が生成した合成症例 {n_train} 件(シード {seed})。患者データは含まない。"
                  + ("" if pneumonia else f"ヘッドの学習はラベル付き {reuse['labelledCases']} 件。"),
        },
        "notForClinicalUse": True,
        "inputs": [tensor("image", "float32", ["N", 1, 64, 64]), tensor("labs", "float32", ["N", len(LAB_PANEL)]),
                   tensor("note_tokens", "int64", ["N", MAX_TOKENS])],
        "preprocessing": None,  # copied from v1 below: the same image, lab and note contract
        "outputs": embedding_outputs + [tensor("heatmap", "float32", ["N", 1, 16, 16], role="heatmap",
                                               meaning="Per-cell lesion probability in [0,1] over the preprocessed image (pneumonia-like opacity).")],
        "head": {
            "inputs": [tensor(f"{m}_embedding", "float32", ["N", EMBEDDING_SIZE]) for m in ("image", "labs", "note")]
                      + [tensor("modality_mask", "float32", ["N", 3])],
            "outputs": [tensor("logit", "float32", ["N", 1], role="logit",
                               meaning="Uncalibrated log-odds; the service divides by the calibration temperature and applies the sigmoid.")],
        },
        "files": {"encoders": {"file": "encoders.onnx", "sha256": sha("encoders.onnx")},
                  "head": {"file": head_file, "sha256": sha(head_file)}},
        "modalities": {"order": ["image", "labs", "note"], "maskInput": "modality_mask"},
        "calibration": calibration,
        "intendedInputs": {
            "dicomModalities": ["CR", "DX"],
            "bodyParts": ["CHEST"],
            "photometricInterpretations": ["MONOCHROME1", "MONOCHROME2"],
            "pixelSpacingMm": {"min": 0.05, "max": 0.5},
            "patientAgeYears": {"min": 18, "max": 89},
        },
        "outOfDistribution": ood,
        "metrics": metrics,
        "parameterCount": parameter_counts["encoders"] + parameter_counts["head"],
        "flopsPerCase": flops["encoders"] + flops["head"],
        "flopsPerHeadRow": flops["head"],
        "createdAt": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
    }
    if reuse:
        manifest["encodersSharedWith"] = {"name": NAMES["pneumonia"], "version": "2.0.0"}
        manifest["reuse"] = reuse
    return manifest


def fill_preprocessing(manifest, v1_manifest):
    manifest["preprocessing"] = v1_manifest["preprocessing"]
    return manifest


def fmt_ci(entry):
    return f"{entry['value']:.3f} | {entry['ci95'][0]:.3f}–{entry['ci95'][1]:.3f} | {entry['n']} ({entry['nPositive']} positive)"


def write_readme(path: Path, pneumonia, extent, seconds: float):
    cal = pneumonia["calibration"]["heldOut"]
    ood = pneumonia["outOfDistribution"]
    reuse = extent["reuse"]
    rows = "\n".join(f"| {' + '.join(e['inputs'])} | {e['method']} | {fmt_ci(e)} |" for e in pneumonia["metrics"]["auroc"])
    reliability = "\n".join(
        f"| {b['binFrom']:.1f}–{b['binTo']:.1f} | {b['n']} | {b['meanPredicted']:.3f} | {b['observed']:.3f} | "
        + next((f"{a['n']} | {a['meanPredicted']:.3f} | {a['observed']:.3f}" for a in cal["after"]["reliability"] if a["binFrom"] == b["binFrom"]), "0 | – | –")
        + " |" for b in cal["before"]["reliability"])
    detection = "\n".join(f"| {d['kind']} | {d['flagged']}/{d['n']} | {d['rate']:.3f} ({d['ci95'][0]:.3f}–{d['ci95'][1]:.3f}) |" for d in ood["detectionRate"])
    fa = ood["falseAlarmRate"]
    text = f"""# Reference model card: `reference-pneumonia-fusion` 2.0.0 (and `reference-extent-fusion` 2.0.0)

> **Synthetic data only. NOT for clinical use.** Generated by `models/v2/train/train.py`
> (`nice -n 10 /usr/bin/python3 models/v2/train/train.py`, seed {pneumonia['trainingData']['en'].split('seed ')[1].split(')')[0]},
> {seconds:.0f} s on this machine's shared cores). The portal exports the same facts, with a PoC's measured
> evidence, as a FHIR / CHAI-style model card (see the model's card page).

## What changed from 1.0.0
- **Per-modality encoders and a fusion head**, exported as two ONNX graphs: `encoders.onnx` (image, labs,
  note tokens → three {EMBEDDING_SIZE}-d embeddings and the heat map) and `head.onnx` (embeddings + modality mask → logit).
  The service caches a case's embeddings; an explanation (each modality withheld) re-runs only the head.
- **Calibration**: temperature scaling fitted on a separate held-out split of {pneumonia['calibration']['fittedOnCases']} cases,
  declared in the manifest (`calibration.temperature` = {pneumonia['calibration']['temperature']:.4f}) and applied by the service.
- **Intended-use gate**: declared DICOM modalities, body part, photometric interpretation, pixel spacing and age range
  (`intendedInputs`), and an embedding-distance score (`outOfDistribution`).
- **Reuse**: `extent-head.onnx` is a second finding trained as a new head on the frozen encoders.

Same data generator, preprocessing and tokenizer as 1.0.0 (`models/v2/train/data.py` imports them).

## Held-out discrimination (pneumonia-like opacity, {pneumonia['metrics']['heldOutCases']} cases)
| inputs | method | AUROC | 95% CI (Hanley–McNeil) | n |
| --- | --- | --- | --- | --- |
{rows}

Heat map: mean Dice {pneumonia['metrics']['dice']['value']:.3f} on n = {pneumonia['metrics']['dice']['n']} positive cases;
{100 * pneumonia['metrics']['heatmapFalsePositiveRate']:.1f}% of negative cases have some cell ≥ 0.5. As in 1.0.0, the
modalities of this synthetic set are nearly independent given the label, so joint fusion is not expected to beat the sum
of single-modality logits by much.

## Calibration (all modalities present, test split n = {cal['n']})
| | ECE (10 bins) | slope | intercept | Brier |
| --- | --- | --- | --- | --- |
| before (raw sigmoid) | {cal['before']['ece']:.4f} | {cal['before']['slope']:.3f} | {cal['before']['intercept']:.3f} | {cal['before']['brier']:.4f} |
| after (T = {pneumonia['calibration']['temperature']:.3f}) | {cal['after']['ece']:.4f} | {cal['after']['slope']:.3f} | {cal['after']['intercept']:.3f} | {cal['after']['brier']:.4f} |

Reliability curve (equal-width bins):

| bin | n before | mean predicted | observed | n after | mean predicted | observed |
| --- | --- | --- | --- | --- | --- | --- |
{reliability}

Slope and intercept: Cox logistic recalibration of the label on logit(p) (ideal 1 and 0). The temperature is fitted
on full-modality rows only; rows with a modality withheld use the same temperature.

## Out-of-distribution score
Mahalanobis distance of the image embedding to the training images' embeddings ({ood['fittedOnCases']} cases, shrinkage
{ood['shrinkage']}); threshold = the {100 * ood['thresholdQuantile']:.0f}th percentile on the calibration split
({ood['thresholdSetOnCases']} cases) = {ood['threshold']:.2f}. False-alarm rate on the test split: {fa['flagged']}/{fa['n']} =
{fa['value']:.3f} (95% Wilson {fa['ci95'][0]:.3f}–{fa['ci95'][1]:.3f}). Synthetic out-of-intended-use images flagged:

| kind | flagged | rate (95% CI) |
| --- | --- | --- |
{detection}

## Reuse: a second finding on frozen encoders
`reference-extent-fusion` 2.0.0 predicts extensive involvement (latent severity > {EXTENSIVE_SEVERITY}) from the same inputs.
Trained from {reuse['labelledCases']} labelled cases ({reuse['labelledPositive']} positive), evaluated on the
{reuse['headOnly']['n']}-case test split ({reuse['headOnly']['nPositive']} positive):

| model | AUROC | 95% CI | n |
| --- | --- | --- | --- |
| new head on frozen v2 encoders | {reuse['headOnly']['value']:.3f} | {reuse['headOnly']['ci95'][0]:.3f}–{reuse['headOnly']['ci95'][1]:.3f} | {reuse['headOnly']['n']} |
| same architecture trained from zero on the same cases | {reuse['fromScratch']['value']:.3f} | {reuse['fromScratch']['ci95'][0]:.3f}–{reuse['fromScratch']['ci95'][1]:.3f} | {reuse['fromScratch']['n']} |

The registry records that `reference-extent-fusion` 2.0.0 shares its encoders (same `encoders.onnx` sha256) with
`reference-pneumonia-fusion` 2.0.0.

## Size and cost
{pneumonia['parameterCount']} parameters; {pneumonia['flopsPerCase'] / 1e6:.2f} MFLOPs per case (encoders + head),
{pneumonia['flopsPerHeadRow']} FLOPs per extra head row (Conv + Gemm MACs × 2).

## Files
`encoders.onnx`, `head.onnx`, `extent-head.onnx` (opset 17, dynamic batch axis `N`), `model.json` and `extent.json`
(manifests, schemaVersion 2, validated by `lib/inference/manifest.ts`), `golden.json` (exact inputs and expected
embeddings, heat map and logits for parity tests).
"""
    path.write_text(text, encoding="utf-8")
