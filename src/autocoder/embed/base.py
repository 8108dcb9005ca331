"""The embedder interface and the on-disk embedding cache."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, Protocol, runtime_checkable

import numpy as np

Kind = Literal["query", "passage"]


@runtime_checkable
class Embedder(Protocol):
    """Encodes texts into L2-normalised float32 vectors."""

    name: str

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        """Unit vectors of shape ``(len(texts), dim)``; ``kind`` matters for e5-style models."""
        ...


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def text_key(text: str, kind: Kind) -> str:
    return hashlib.sha1(f"{kind}\x00{text}".encode()).hexdigest()


class EmbeddingCache:
    """Vectors in a SQLite file, keyed by (model name, hash of kind and text)."""

    def __init__(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT, key TEXT, vec BLOB,"
            " PRIMARY KEY (model, key))"
        )

    def get(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 900):
            chunk = list(keys[i : i + 900])
            rows = self.conn.execute(
                "SELECT key, vec FROM vectors WHERE model = ?"
                f" AND key IN ({','.join('?' * len(chunk))})",
                [model, *chunk],
            )
            out.update((k, np.frombuffer(v, dtype=np.float32)) for k, v in rows)
        return out

    def put(self, model: str, items: dict[str, np.ndarray]) -> None:
        self.conn.execute("BEGIN")
        self.conn.executemany(
            "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
            [(model, k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
        )
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


class CachedEmbedder:
    """Wraps an embedder so that each (model, text) is encoded once, ever."""

    def __init__(self, inner: Embedder, cache: EmbeddingCache) -> None:
        self.inner = inner
        self.cache = cache
        self.name = inner.name
        self.misses = 0

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        keys = [text_key(t, kind) for t in texts]
        found = self.cache.get(self.name, list(dict.fromkeys(keys)))
        todo = {k: t for k, t in zip(keys, texts, strict=False) if k not in found}
        if todo:
            self.misses += len(todo)
            fresh = self.inner.encode(list(todo.values()), kind=kind)
            new = dict(zip(todo.keys(), fresh, strict=False))
            self.cache.put(self.name, new)
            found.update(new)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([found[k] for k in keys])
