"""Trained suggesters as scikit-learn estimators.

``CodeClassifier`` predicts which codes apply to a segment (multi-label, one calibrated
logistic regression per code); ``LevelClassifier`` predicts the evidence level of a
(segment, code) pair. Both take the DataFrame of :func:`autocoder.suggest.features.feature_frame`
and follow scikit-learn's conventions (parameters stored in ``__init__``, learned state in
attributes ending in ``_``, ``check_is_fitted`` before predicting), so ``clone`` and
cross-validation work.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn import config_context
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.utils.validation import check_is_fitted


def _drop_stop_words(pipeline: Pipeline) -> None:
    """Forget the n-grams a vectorizer cut (``stop_words_``, only needed for introspection
    and by far the largest part of a saved model) and store the vocabulary as plain ints."""
    for _, transformer, _ in pipeline.named_steps["features"].transformers_:
        if isinstance(transformer, TfidfVectorizer):
            transformer.stop_words_ = None
            # plain ints: numpy ints make skops store one array per n-gram (slow to load)
            transformer.vocabulary_ = {k: int(v) for k, v in transformer.vocabulary_.items()}


def _forget_requests(obj: object, seen: set[int] | None = None) -> None:
    """Drop the metadata-routing requests ``set_fit_request`` leaves on estimators (and their
    fitted clones): they are not needed to predict and skops cannot save them."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, (list, tuple)):
        for item in obj:
            _forget_requests(item, seen)
    elif type(obj).__module__.startswith("sklearn") and hasattr(obj, "__dict__"):
        obj.__dict__.pop("_metadata_request", None)
        for value in list(vars(obj).values()):
            _forget_requests(value, seen)


def _columns(X: pd.DataFrame, prefix: str) -> list[str]:
    return [c for c in X.columns if c.startswith(prefix)]


def _features(
    X: pd.DataFrame,
    *,
    use_embeddings: bool,
    use_zero_shot: bool,
    use_question: bool,
    embedding_weight: float,
    use_chars: bool = True,
    extra: list[tuple[str, object, list[str] | str]] | None = None,
) -> ColumnTransformer:
    blocks: list[tuple[str, object, list[str] | str]] = [
        ("word", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True), "lemmas"),
        ("length", StandardScaler(), ["len_log"]),
    ]
    weights = {"word": 1.0, "length": 0.3}
    if use_chars:
        chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True, max_features=30000
        )
        blocks.insert(1, ("char", chars, "text"))
        weights["char"] = 1.0
    if use_question:
        blocks.append(
            (
                "question",
                TfidfVectorizer(ngram_range=(1, 1), min_df=2, sublinear_tf=True),
                "question",
            )
        )
        weights["question"] = 0.5
    if use_embeddings and (emb := _columns(X, "emb_")):
        blocks.append(("emb", "passthrough", emb))
        weights["emb"] = embedding_weight
    if use_zero_shot and (zs := _columns(X, "zs_")):
        blocks.append(("zs", StandardScaler(), zs))
        weights["zs"] = 0.3
    for name, transformer, cols in extra or []:
        blocks.append((name, transformer, cols))
        weights[name] = 1.0
    return ColumnTransformer(blocks, transformer_weights=weights, sparse_threshold=1.0)


class CodeClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label code classifier: ``predict_proba`` gives one probability per code.

    ``Y`` for ``fit`` is a binary indicator matrix ``(n_segments, n_codes)``.
    """

    def __init__(
        self,
        C: float = 4.0,
        use_embeddings: bool = True,
        use_zero_shot: bool = False,
        use_question: bool = True,
        embedding_weight: float = 1.0,
        calibration_cv: int = 3,
    ) -> None:
        self.C = C
        self.use_embeddings = use_embeddings
        self.use_zero_shot = use_zero_shot
        self.use_question = use_question
        self.embedding_weight = embedding_weight
        self.calibration_cv = calibration_cv

    def fit(
        self, X: pd.DataFrame, Y: np.ndarray, sample_weight: np.ndarray | None = None
    ) -> CodeClassifier:
        Y = np.asarray(Y, dtype=int)
        if Y.ndim != 2 or Y.shape[0] != len(X):
            raise ValueError(f"Y must be (n_samples, n_codes); got {Y.shape} for {len(X)} rows")
        base = LogisticRegression(C=self.C, class_weight="balanced", max_iter=3000)
        estimator = CalibratedClassifierCV(
            base, cv=self.calibration_cv, method="sigmoid", ensemble=False
        )
        self.pipeline_ = Pipeline(
            [
                (
                    "features",
                    _features(
                        X,
                        use_embeddings=self.use_embeddings,
                        use_zero_shot=self.use_zero_shot,
                        use_question=self.use_question,
                        embedding_weight=self.embedding_weight,
                    ),
                ),
                ("clf", OneVsRestClassifier(estimator)),
            ]
        )
        if sample_weight is None:
            self.pipeline_.fit(X, Y)
        else:  # OneVsRestClassifier passes weights on only through metadata routing
            Xt = self.pipeline_.named_steps["features"].fit_transform(X)
            with config_context(enable_metadata_routing=True):
                estimator.set_fit_request(sample_weight=True)
                base.set_fit_request(sample_weight=True)
                self.pipeline_.named_steps["clf"].fit(
                    Xt, Y, sample_weight=np.asarray(sample_weight, dtype=float)
                )
            _forget_requests(self.pipeline_)
        _drop_stop_words(self.pipeline_)
        self.n_codes_ = Y.shape[1]
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        check_is_fitted(self, "pipeline_")
        return np.asarray(self.pipeline_.predict_proba(X))

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return (self.predict_proba(X) >= 0.5).astype(int)


class LevelClassifier(ClassifierMixin, BaseEstimator):
    """Evidence level of a (segment, code) pair; ``X`` needs a ``code`` column too."""

    def __init__(
        self,
        C: float = 2.0,
        use_embeddings: bool = True,
        use_chars: bool = True,
        embedding_weight: float = 1.0,
        calibration_cv: int = 3,
    ) -> None:
        self.C = C
        self.use_embeddings = use_embeddings
        self.use_chars = use_chars
        self.embedding_weight = embedding_weight
        self.calibration_cv = calibration_cv

    def fit(
        self, X: pd.DataFrame, y: np.ndarray, sample_weight: np.ndarray | None = None
    ) -> LevelClassifier:
        if "code" not in X.columns:
            raise ValueError("LevelClassifier needs a 'code' column")
        base = LogisticRegression(C=self.C, class_weight="balanced", max_iter=3000)
        self.pipeline_ = Pipeline(
            [
                (
                    "features",
                    _features(
                        X,
                        use_embeddings=self.use_embeddings,
                        use_zero_shot=False,
                        use_question=False,
                        embedding_weight=self.embedding_weight,
                        use_chars=self.use_chars,
                        extra=[("code", OneHotEncoder(handle_unknown="ignore"), ["code"])],
                    ),
                ),
                (
                    "clf",
                    CalibratedClassifierCV(
                        base, cv=self.calibration_cv, method="sigmoid", ensemble=False
                    ),
                ),
            ]
        )
        weights = (
            {}
            if sample_weight is None
            else {"clf__sample_weight": np.asarray(sample_weight, dtype=float)}
        )
        self.pipeline_.fit(X, np.asarray(y), **weights)
        _drop_stop_words(self.pipeline_)
        self.classes_ = self.pipeline_.classes_
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        check_is_fitted(self, "pipeline_")
        return np.asarray(self.pipeline_.predict_proba(X))

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]
