"""ONNX export of the encoders and heads, and the golden cases TypeScript checks parity against."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import onnx
import torch

from data import TOKENIZER
from model import EMBEDDING_SIZE, EncodersExport, FusionHead

OPSET = 17
EMBEDDING_NAMES = ["image_embedding", "labs_embedding", "note_embedding"]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export_encoders(encoders, example, path: Path):
    wrapper = EncodersExport(encoders).eval()
    names_out = EMBEDDING_NAMES + ["heatmap"]
    torch.onnx.export(wrapper, example, str(path), opset_version=OPSET, do_constant_folding=True,
                      input_names=["image", "labs", "note_tokens"], output_names=names_out,
                      dynamic_axes={name: {0: "N"} for name in ["image", "labs", "note_tokens"] + names_out})
    onnx.checker.check_model(onnx.load(str(path)))


def export_head(head: FusionHead, path: Path):
    head = head.eval()
    example = tuple(torch.zeros(2, EMBEDDING_SIZE) for _ in range(3)) + (torch.ones(2, 3),)
    names_in = EMBEDDING_NAMES + ["modality_mask"]
    torch.onnx.export(head, example, str(path), opset_version=OPSET, do_constant_folding=True,
                      input_names=names_in, output_names=["logit"],
                      dynamic_axes={name: {0: "N"} for name in names_in + ["logit"]})
    onnx.checker.check_model(onnx.load(str(path)))


def write_golden(path: Path, encoders, heads: dict[str, FusionHead], temperatures: dict[str, float], test, tensors, seed: int):
    """Cases with exact input tensors; expected embeddings, heat map and every head's logit for the full
    input and each modality withheld (the explanation's rows)."""
    rng = np.random.default_rng(seed)
    languages, labels = test["languages"], test["labels"]
    en = [i for i, lang in enumerate(languages) if lang == "en"]
    ja = [i for i, lang in enumerate(languages) if lang == "ja"]
    pick = lambda pool, label, skip=0: [i for i in pool if labels[i] == label][skip]
    specs = [
        dict(index=pick(en, 1), present=[1, 1, 1], description="English note, positive, all modalities"),
        dict(index=pick(ja, 1), present=[1, 1, 1], description="Japanese note, positive, all modalities"),
        dict(index=pick(en, 0), present=[1, 1, 1], description="English note, negative, all modalities"),
        dict(index=pick(ja, 0), present=[0, 1, 1], description="image withheld: fed as zeros"),
        dict(index=pick(ja, 1, 1), present=[1, 0, 0], description="labs and note withheld: fed as zeros"),
    ]
    masks = {"full": [1, 1, 1], "withoutImage": [0, 1, 1], "withoutLabs": [1, 0, 1], "withoutNote": [1, 1, 0]}
    cases = []
    for spec in specs:
        i = spec["index"]
        image = tensors["image"][i:i + 1].clone()
        labs = tensors["labs"][i:i + 1].clone()
        tokens = tensors["tokens"][i:i + 1].clone()
        if not spec["present"][0]:
            image.zero_()
        if not spec["present"][1]:
            labs.zero_()
        if not spec["present"][2]:
            tokens.zero_()
        with torch.no_grad():
            embeddings = EncodersExport(encoders).eval()(image, labs, tokens)
            expected_logits = {}
            for head_name, head in heads.items():
                per_mask = {}
                for mask_name, mask in masks.items():
                    row = [m * p for m, p in zip(mask, spec["present"])]
                    per_mask[mask_name] = float(head.eval()(*embeddings[:3], torch.tensor([row], dtype=torch.float32))[0, 0])
                expected_logits[head_name] = per_mask
        cases.append({
            "description": spec["description"],
            "label": int(labels[i]),
            "note": test["notes"][i],
            "present": spec["present"],
            "inputs": {
                "image": [float(v) for v in image.flatten().tolist()],
                "labs": [float(v) for v in labs.flatten().tolist()],
                "note_tokens": [int(v) for v in tokens.flatten().tolist()],
            },
            "rawLabs": test["labs"][i],
            "expected": {
                "imageEmbedding": [float(v) for v in embeddings[0].flatten().tolist()],
                "labsEmbedding": [float(v) for v in embeddings[1].flatten().tolist()],
                "noteEmbedding": [float(v) for v in embeddings[2].flatten().tolist()],
                "heatmap": [float(v) for v in embeddings[3].flatten().tolist()],
                "logits": expected_logits,
            },
        })
    golden = {"encoders": "encoders.onnx", "heads": {name: f"{name}.onnx" for name in heads},
              "temperatures": temperatures, "tolerance": 1e-4, "cases": cases}
    path.write_text(json.dumps(golden, ensure_ascii=False) + "\n", encoding="utf-8")
