"""A deterministic fake encoder for unit tests (no model files, no torch).

Each word gets a unit vector drawn from a generator seeded by a hash of the word; a text is
the normalised sum of its words. Equal texts get equal vectors, texts sharing words are
similar, and unrelated texts are nearly orthogonal.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from autocoder.embed.base import Kind, normalise


def word_vector(word: str, dim: int) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:8], "little")
    v = np.random.default_rng(seed).standard_normal(dim)
    return v / np.linalg.norm(v)


class HashEmbedder:
    """Hash-seeded bag-of-words vectors; counts calls and the texts it was asked for."""

    def __init__(self, dim: int = 256, name: str = "fake-hash") -> None:
        self.dim = dim
        self.name = name
        self.calls: list[tuple[Kind, list[str]]] = []

    @property
    def n_texts(self) -> int:
        return sum(len(texts) for _, texts in self.calls)

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        self.calls.append((kind, list(texts)))
        rows = []
        for text in texts:
            words = re.findall(r"\w+", text.lower()) or [""]
            rows.append(np.sum([word_vector(w, self.dim) for w in words], axis=0))
        return normalise(np.array(rows).reshape(len(texts), self.dim))
