"""Calibration of the shipped model on held-out data.

``data/samples/gold.csv`` was written by another author than the training corpus. Measured
with the shipped model (scikit-learn 1.9, model2vec 0.10; corpus of 84 interviews): Brier
score 0.018; 133 of 149 segments reach the code threshold 0.55, and 90.2 % of those have
exactly the gold code set (the threshold is chosen for 90 % on cross-validation, with
cross-fitted calibration). The bounds leave some margin.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from autocoder.suggest.data import load_coded_segments
from autocoder.suggest.model import Prediction, SuggestionModel
from autocoder.suggest.service import load_model, model_embedder
from autocoder.suggest.workflow import evaluate_model

REPO = Path(__file__).resolve().parents[2]
SAMPLES_GOLD = REPO / "data" / "samples" / "gold.csv"


@pytest.fixture(scope="module")
def shipped() -> SuggestionModel:
    return load_model()


@pytest.fixture(scope="module")
def gold(shipped: SuggestionModel) -> pd.DataFrame:
    return load_coded_segments([SAMPLES_GOLD], shipped.codebook)


@pytest.fixture(scope="module")
def predictions(shipped: SuggestionModel, gold: pd.DataFrame) -> list[Prediction]:
    embedder = model_embedder(shipped)
    return shipped.predict(gold["text"].tolist(), gold["question"].tolist(), embedder)


def test_the_shipped_model_is_the_trained_default(shipped: SuggestionModel) -> None:
    assert shipped.name == "autocoder-default"
    assert shipped.embedder_spec == "static:embedder"
    assert shipped.code_threshold == 0.55
    assert shipped.level_threshold == 0.9


def test_code_probabilities_are_calibrated_on_held_out_data(
    shipped: SuggestionModel, gold: pd.DataFrame
) -> None:
    ev = evaluate_model(shipped, model_embedder(shipped), gold)
    assert ev.n_segments == 149
    assert ev.brier < 0.04


def test_confident_suggestions_are_mostly_exactly_right(
    shipped: SuggestionModel, gold: pd.DataFrame, predictions: list[Prediction]
) -> None:
    confidence = np.array([p.confidence for p in predictions])
    pairs = zip(predictions, gold["codes"], strict=True)
    right = np.array([set(p.codes) == set(g) for p, g in pairs])
    confident = confidence >= shipped.code_threshold
    assert confident.sum() >= 100
    assert right[confident].mean() >= 0.85
    assert right[confident].mean() > right[~confident].mean()
