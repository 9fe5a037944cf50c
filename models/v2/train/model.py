"""Model v2: one encoder per modality producing a 32-d embedding, and a small fusion head.

The encoders run once per case; the head is what an explanation re-runs with each modality
withheld, so explanations cost a few head runs instead of several CNN passes.
"""
from __future__ import annotations

import torch
import torch.nn as nn

EMBEDDING_SIZE = 32
PAD_ID, UNK_ID = 0, 1


class ImageEncoder(nn.Module):
    """v1's strided CNN; the heat map comes from the same features in the same pass."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 8, 3, stride=2, padding=1), nn.ReLU(),           # 32x32
            nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.ReLU(),          # 16x16
            nn.Conv2d(16, 16, 3, padding=1), nn.ReLU(),
            nn.Conv2d(16, 16, 3, padding=2, dilation=2), nn.ReLU(),
        )
        self.heatmap_head = nn.Conv2d(16, 1, 1)
        # Linear projection (no ReLU): a dead projection would silently drop the modality.
        self.projection = nn.Linear(16 * 2 + 1, EMBEDDING_SIZE)

    def forward(self, image):
        features = self.features(image)
        heat_logit = self.heatmap_head(features)
        pooled = torch.cat([features.mean(dim=(2, 3)), features.amax(dim=(2, 3)), heat_logit.amax(dim=(2, 3))], dim=1)
        return self.projection(pooled), heat_logit


class LabEncoder(nn.Module):
    def __init__(self, lab_count: int):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(lab_count, 32), nn.ReLU(), nn.Linear(32, EMBEDDING_SIZE))

    def forward(self, labs):
        return self.mlp(labs)


class NoteEncoder(nn.Module):
    """Embedding(padding_idx) + masked mean: nn.EmbeddingBag does not export cleanly to ONNX."""

    def __init__(self, vocab_size: int):
        super().__init__()
        self.vocab_size = vocab_size
        self.token_embedding = nn.Embedding(vocab_size, 16, padding_idx=PAD_ID)
        self.projection = nn.Linear(16, EMBEDDING_SIZE)

    def forward(self, note_tokens):
        in_vocab = (note_tokens >= 0) & (note_tokens < self.vocab_size)
        tokens = torch.where(in_vocab, note_tokens, torch.full_like(note_tokens, UNK_ID))
        weights = (tokens != PAD_ID).float().unsqueeze(-1)
        token_mean = (self.token_embedding(tokens) * weights).sum(1) / weights.sum(1).clamp(min=1.0)
        return self.projection(token_mean)


class Encoders(nn.Module):
    """ONNX graph 1: image, labs, note_tokens -> three embeddings and the heat map."""

    def __init__(self, vocab_size: int, lab_count: int):
        super().__init__()
        self.image = ImageEncoder()
        self.labs = LabEncoder(lab_count)
        self.note = NoteEncoder(vocab_size)

    def forward(self, image, labs, note_tokens):
        # A withheld input is fed as zeros by the service; non-finite values are zeroed so they
        # cannot poison the batch's other rows (each row is independent anyway).
        image = torch.nan_to_num(image, nan=0.0, posinf=0.0, neginf=0.0)
        labs = torch.nan_to_num(labs, nan=0.0, posinf=0.0, neginf=0.0)
        image_embedding, heat_logit = self.image(image)
        return image_embedding, self.labs(labs), self.note(note_tokens), torch.sigmoid(heat_logit), heat_logit


class FusionHead(nn.Module):
    """ONNX graph 2: three embeddings + modality mask -> logit. `where`, not multiplication, so a
    withheld embedding's content (even NaN) cannot reach the output."""

    def __init__(self, hidden: int = 32, dropout: float = 0.1):
        super().__init__()
        self.fusion = nn.Sequential(nn.Linear(EMBEDDING_SIZE * 3 + 3, hidden), nn.ReLU(), nn.Dropout(dropout))
        self.classifier = nn.Linear(hidden, 1)

    def forward(self, image_embedding, labs_embedding, note_embedding, modality_mask):
        present = modality_mask > 0.5
        zeros = torch.zeros_like(image_embedding)
        parts = [torch.where(present[:, i:i + 1], embedding, zeros)
                 for i, embedding in enumerate((image_embedding, labs_embedding, note_embedding))]
        return self.classifier(self.fusion(torch.cat(parts + [present.float()], dim=1)))


class FullModel(nn.Module):
    """Encoders + head for training; the heat map is zeroed for a withheld image only in the service."""

    def __init__(self, vocab_size: int, lab_count: int):
        super().__init__()
        self.encoders = Encoders(vocab_size, lab_count)
        self.head = FusionHead()

    def forward(self, image, labs, note_tokens, modality_mask):
        image_embedding, labs_embedding, note_embedding, _, heat_logit = self.encoders(image, labs, note_tokens)
        return self.head(image_embedding, labs_embedding, note_embedding, modality_mask), heat_logit


class EncodersExport(nn.Module):
    """The exported encoder contract: embeddings and heat map probabilities (no logits)."""

    def __init__(self, encoders: Encoders):
        super().__init__()
        self.encoders = encoders

    def forward(self, image, labs, note_tokens):
        image_embedding, labs_embedding, note_embedding, heatmap, _ = self.encoders(image, labs, note_tokens)
        return image_embedding, labs_embedding, note_embedding, heatmap
