"""Zero-shot suggestions: similarity of a segment to each code's prototype in the codebook.

A code's prototype is the normalised mean of the embeddings of its label + description,
its inclusion notes and its examples. Works with no training data at all.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from autocoder.codebook import Codebook
from autocoder.embed.base import Embedder, normalise


def code_prototypes(codebook: Codebook, embedder: Embedder) -> np.ndarray:
    """One unit vector per code, in codebook order: shape ``(n_codes, dim)``."""
    texts: list[str] = []
    owners: list[int] = []
    for i, code in enumerate(codebook.codes):
        for text in code.prototype_texts():
            texts.append(text)
            owners.append(i)
    vectors = embedder.encode(texts, kind="passage")
    protos = np.stack(
        [
            vectors[[j for j, o in enumerate(owners) if o == i]].mean(axis=0)
            for i in range(len(codebook.codes))
        ]
    )
    return normalise(protos)


def level_prototypes(codebook: Codebook, embedder: Embedder) -> np.ndarray:
    """One unit vector per evidence level (label + description), in level order."""
    levels = sorted(codebook.levels, key=lambda lv: lv.value)
    return embedder.encode([f"{lv.label}. {lv.description}" for lv in levels], kind="passage")


def similarities(segment_vectors: np.ndarray, prototypes: np.ndarray) -> np.ndarray:
    """Cosine similarity of each segment to each prototype: ``(n_segments, n_codes)``."""
    return segment_vectors @ prototypes.T


def softmax(scores: np.ndarray, *, temperature: float = 0.05) -> np.ndarray:
    """Row-wise softmax of similarity scores."""
    z = (scores - scores.max(axis=1, keepdims=True)) / temperature
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def zero_shot_probabilities(
    segment_vectors: np.ndarray, prototypes: np.ndarray, *, temperature: float = 0.05
) -> np.ndarray:
    """Per-code scores in [0, 1] that sum to one per segment (not calibrated)."""
    return softmax(similarities(segment_vectors, prototypes), temperature=temperature)


def segment_texts(answers: Sequence[str], questions: Sequence[str]) -> list[str]:
    """The text a segment is embedded as: the answer, with its question as light context."""
    pairs = zip(answers, questions, strict=True)
    return [a if not q else f"{a} (Pertanyaan: {q})" for a, q in pairs]
