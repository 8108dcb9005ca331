"""The trained suggesters follow scikit-learn's estimator contract."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils.validation import check_is_fitted

from autocoder.codebook import Codebook
from autocoder.suggest.classifier import CodeClassifier, LevelClassifier
from autocoder.suggest.evaluate import indicator_matrix
from autocoder.suggest.features import feature_frame
from autocoder.suggest.train import level_rows


@pytest.fixture(scope="module")
def frame(corpus_slice: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    embeddings = rng.standard_normal((len(corpus_slice), 8)).astype(np.float32)
    return feature_frame(corpus_slice["text"], corpus_slice["question"], embeddings, None,
                         codebook.ids)


def test_feature_frame_columns(frame: pd.DataFrame) -> None:
    assert list(frame.columns) == ["text", "lemmas", "question", "len_log",
                                   *[f"emb_{i}" for i in range(8)]]
    assert len(frame) == 363


@pytest.mark.parametrize("estimator", [CodeClassifier(C=1.0, calibration_cv=2),
                                       LevelClassifier(use_embeddings=False)])
def test_clone_keeps_the_parameters(estimator) -> None:  # noqa: ANN001
    copy = clone(estimator)
    assert copy is not estimator
    assert copy.get_params() == estimator.get_params()


@pytest.mark.parametrize("estimator", [CodeClassifier(), LevelClassifier()])
def test_predicting_before_fit_raises_not_fitted(estimator, frame: pd.DataFrame) -> None:  # noqa: ANN001
    with pytest.raises(NotFittedError):
        check_is_fitted(estimator)
    with pytest.raises(NotFittedError):
        estimator.predict_proba(frame)


def test_code_classifier_gives_one_probability_per_code(
    frame: pd.DataFrame, corpus_slice: pd.DataFrame, codebook: Codebook
) -> None:
    Y = indicator_matrix(corpus_slice["codes"], codebook.ids)
    clf = CodeClassifier(calibration_cv=2)
    assert clf.fit(frame, Y) is clf
    check_is_fitted(clf)
    assert clf.n_codes_ == 8
    probs = clf.predict_proba(frame.iloc[:20])
    assert probs.shape == (20, 8)
    assert ((probs >= 0) & (probs <= 1)).all()
    assert clf.predict(frame.iloc[:20]).shape == (20, 8)


def test_code_classifier_wants_an_indicator_matrix(frame: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"Y must be \(n_samples, n_codes\)"):
        CodeClassifier().fit(frame, np.zeros(len(frame)))


def test_level_classifier_predicts_one_of_the_levels(
    frame: pd.DataFrame, corpus_slice: pd.DataFrame, codebook: Codebook
) -> None:
    idx, codes, y = level_rows(corpus_slice, codebook)
    X = frame.iloc[idx].reset_index(drop=True).assign(code=codes)
    clf = LevelClassifier(calibration_cv=2).fit(X, y)
    assert clf.classes_.tolist() == [1, 2, 3]
    probs = clf.predict_proba(X.iloc[:10])
    assert probs.shape == (10, 3)
    np.testing.assert_allclose(probs.sum(axis=1), np.ones(10))
    assert set(clf.predict(X.iloc[:10])) <= {1, 2, 3}


def test_level_classifier_needs_the_code_column(frame: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="needs a 'code' column"):
        LevelClassifier().fit(frame, np.ones(len(frame)))
