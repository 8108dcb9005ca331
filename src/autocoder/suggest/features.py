"""Feature frames for the classifiers: lexical text columns, embeddings and zero-shot scores.

Everything a scikit-learn pipeline needs is put into one DataFrame, so that the estimators
stay plain, clone-able scikit-learn objects and the model files hold no custom code.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from autocoder.suggest.text import lemmatise, normalise


def embedding_columns(dim: int) -> list[str]:
    return [f"emb_{i}" for i in range(dim)]


def embedding_columns_of(frame: pd.DataFrame) -> list[str]:
    """The ``emb_*`` columns a feature frame holds (empty without an embedder)."""
    return [c for c in frame.columns if str(c).startswith("emb_")]


def zero_shot_columns(codes: Sequence[str]) -> list[str]:
    return [f"zs_{c}" for c in codes]


def feature_frame(
    answers: Sequence[str],
    questions: Sequence[str],
    embeddings: np.ndarray | None,
    zero_shot: np.ndarray | None,
    codes: Sequence[str],
) -> pd.DataFrame:
    """One row per segment: ``text`` (normalised answer), ``lemmas``, ``question``,
    ``len_log`` (log word count), ``emb_*`` and ``zs_*`` columns."""
    norm = [normalise(a) for a in answers]
    frame = pd.DataFrame(
        {
            "text": norm,
            "lemmas": [lemmatise(a) for a in answers],
            "question": [lemmatise(q) for q in questions],
            "len_log": np.log1p([len(t.split()) for t in norm]),
        }
    )
    blocks = [frame]
    if embeddings is not None and embeddings.size:
        blocks.append(pd.DataFrame(embeddings, columns=embedding_columns(embeddings.shape[1])))
    if zero_shot is not None and zero_shot.size:
        blocks.append(pd.DataFrame(zero_shot, columns=zero_shot_columns(codes)))
    return pd.concat(blocks, axis=1)
