"""Fixtures of the suggestion tests: the codebook, the fake encoder and a small trained model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

from autocoder.codebook import Codebook, load_codebook
from autocoder.suggest.data import load_coded_segments
from autocoder.suggest.evaluate import Evaluation
from autocoder.suggest.model import SuggestionModel
from autocoder.suggest.train import train_model
from embed.fake_encoder import HashEmbedder  # tests/ is on sys.path (rootdir conftest)

REPO = Path(__file__).resolve().parents[2]
CORPUS_GOLD = REPO / "data" / "corpus" / "gold.csv"
SAMPLES_GOLD = REPO / "data" / "samples" / "gold.csv"
SHIPPED_MODEL = REPO / "models" / "autocoder-default"


@pytest.fixture(scope="module", autouse=True)
def _one_thread() -> Iterator[None]:
    """Small sparse fits are fastest single-threaded; several BLAS/OpenMP threads on a
    busy machine make them tens of times slower."""
    with threadpool_limits(1):
        yield


@pytest.fixture(scope="session")
def codebook() -> Codebook:
    return load_codebook()


@pytest.fixture
def fake() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture(scope="session")
def corpus_slice(codebook: Codebook) -> pd.DataFrame:
    """The gold segments of the first 12 corpus transcripts (363 segments)."""
    df = load_coded_segments([CORPUS_GOLD], codebook)
    names = sorted(df["transcript"].unique())[:12]
    return df[df["transcript"].isin(names)].reset_index(drop=True)


@pytest.fixture(scope="session")
def trained(corpus_slice: pd.DataFrame, codebook: Codebook) -> tuple[SuggestionModel, Evaluation]:
    """A lexical-only model (no embedder, so fast) with 3-fold cross-validation."""
    with threadpool_limits(1):
        return train_model(corpus_slice, codebook, embedder=None, embedder_spec=None, folds=3)
