"""Evaluate a model on gold-coded segments."""

from __future__ import annotations

import numpy as np
import pandas as pd

from autocoder.embed.base import Embedder
from autocoder.suggest.evaluate import Evaluation, evaluate
from autocoder.suggest.model import SuggestionModel


def evaluate_model(
    model: SuggestionModel, embedder: Embedder | None, df: pd.DataFrame
) -> Evaluation:
    """Predict every gold segment and score the predictions.

    The routing curve uses the model's level threshold."""
    preds = model.predict(df["text"].tolist(), df["question"].tolist(), embedder)
    return evaluate(
        df["codes"].tolist(),
        [p.codes for p in preds],
        model.codebook.ids,
        probabilities=np.array([[p.code_probs[c] for c in model.codebook.ids] for p in preds]),
        gold_levels=df["levels"].tolist(),
        pred_levels=[p.levels for p in preds],
        confidence=np.array([p.confidence for p in preds]),
        level_confidence=[p.level_confidence for p in preds],
        level_threshold=model.level_threshold,
    )
