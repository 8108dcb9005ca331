"""Train and cross-validate the suggestion model on human-coded segments.

Cross-validation splits by transcript (never by segment), so scores reflect unseen
interviews. Out-of-fold predictions also calibrate the confidences and pick the default
routing thresholds for a target precision.
"""

from __future__ import annotations

import hashlib
import platform
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.model_selection import GroupKFold

from autocoder import __version__
from autocoder.codebook import Codebook
from autocoder.embed.base import Embedder
from autocoder.errors import DataError
from autocoder.suggest.calibration import Calibrator
from autocoder.suggest.classifier import CodeClassifier, LevelClassifier
from autocoder.suggest.decide import decide_codes, raw_set_confidence
from autocoder.suggest.evaluate import (
    THRESHOLDS,
    Evaluation,
    evaluate,
    indicator_matrix,
    threshold_for_precision,
)
from autocoder.suggest.features import embedding_columns_of
from autocoder.suggest.model import SuggestionModel

Progress = Callable[[str], None]


@dataclass
class OutOfFold:
    """Out-of-fold predictions for every training segment."""

    probs: np.ndarray
    codes: list[tuple[str, ...]]
    levels: list[dict[str, int]]
    raw_confidence: np.ndarray
    raw_level_confidence: list[float | None]
    fold: np.ndarray | None = None
    """The cross-validation fold each segment was predicted in."""


def data_hash(df: pd.DataFrame) -> str:
    """A fingerprint of the training data (texts, codes and levels)."""
    h = hashlib.sha256()
    for text, codes, levels in sorted(
        zip(
            df["text"],
            df["codes"].map(";".join),
            df["levels"].map(lambda d: repr(sorted(d.items()))),
            strict=False,
        )
    ):
        h.update(f"{text}\x1f{codes}\x1f{levels}\x1e".encode())
    return h.hexdigest()


def level_rows(df: pd.DataFrame, codebook: Codebook) -> tuple[list[int], list[str], np.ndarray]:
    """(segment index, code, level) for every gold evidence code with a level."""
    idx, codes, levels = [], [], []
    for i, lv in enumerate(df["levels"]):
        for code, value in lv.items():
            if code in codebook.evidence_ids:
                idx.append(i)
                codes.append(code)
                levels.append(value)
    return idx, codes, np.array(levels)


def fit_level_classifier(
    frame: pd.DataFrame,
    df: pd.DataFrame,
    codebook: Codebook,
    template: LevelClassifier,
    weights: np.ndarray | None = None,
) -> LevelClassifier | None:
    idx, codes, y = level_rows(df, codebook)
    if len(set(y)) < 2:
        return None
    X = frame.iloc[idx].reset_index(drop=True).assign(code=codes)
    return clone(template).fit(X, y, sample_weight=None if weights is None else weights[idx])


def predict_levels(
    model: SuggestionModel, frame: pd.DataFrame, chosen: list[tuple[str, ...]]
) -> tuple[list[dict[str, int]], list[float | None]]:
    """Levels and raw (uncalibrated) level confidences for the chosen codes."""
    return model._levels(frame, chosen, None, calibrate=False)


def out_of_fold(
    frame: pd.DataFrame,
    df: pd.DataFrame,
    codebook: Codebook,
    groups: np.ndarray,
    code_template: CodeClassifier,
    level_template: LevelClassifier,
    *,
    folds: int,
    sample_weight: np.ndarray | None = None,
    progress: Progress | None = None,
) -> OutOfFold:
    codes = codebook.ids
    Y = indicator_matrix(df["codes"], codes)
    probs = np.zeros(Y.shape)
    n_splits = min(folds, len(np.unique(groups)))
    if n_splits < 2:
        raise DataError("training needs coded segments from at least two transcripts")
    sw = sample_weight
    fold = np.zeros(len(df), dtype=int)
    levels: list[dict[str, int]] = [{} for _ in range(len(df))]
    level_conf: list[float | None] = [None] * len(df)
    for k, (tr, te) in enumerate(GroupKFold(n_splits).split(frame, Y, groups), 1):
        if progress:
            progress(f"cross-validation fold {k}/{n_splits}")
        clf = clone(code_template).fit(
            frame.iloc[tr], Y[tr], sample_weight=None if sw is None else sw[tr]
        )
        probs[te] = clf.predict_proba(frame.iloc[te])
        lvl = fit_level_classifier(
            frame.iloc[tr].reset_index(drop=True),
            df.iloc[tr].reset_index(drop=True),
            codebook,
            level_template,
            None if sw is None else sw[tr],
        )
        fold_model = SuggestionModel(
            codebook=codebook, embedder_spec=None, code_classifier=clf, level_classifier=lvl
        )
        chosen = decide_codes(probs[te], codes, none_id=codebook.none_id)
        lv, lc = predict_levels(fold_model, frame.iloc[te].reset_index(drop=True), chosen)
        for j, i in enumerate(te):
            levels[i], level_conf[i] = lv[j], lc[j]
        fold[te] = k
    chosen_all = decide_codes(probs, codes, none_id=codebook.none_id)
    return OutOfFold(
        probs, chosen_all, levels, raw_set_confidence(probs, codes, chosen_all), level_conf, fold
    )


def cross_calibrated(
    raw: np.ndarray, correct: np.ndarray, fold: np.ndarray, fit_mask: np.ndarray
) -> np.ndarray:
    """Calibrated confidences where each fold is calibrated on the other folds only.

    Scoring the calibration on the data it was fitted on would flatter it; this keeps the
    routing curve and the reliability table honest. ``fit_mask`` marks the rows whose
    ``correct`` value may be used for fitting.
    """
    out = np.full(len(raw), np.nan)
    for f in np.unique(fold):
        train = fit_mask & (fold != f)
        cal = Calibrator.fit(raw[train], correct[train]) if train.any() else Calibrator.identity()
        here = fold == f
        out[here] = cal(raw[here])
    return out


def calibrate_and_route(
    oof: OutOfFold, df: pd.DataFrame, codebook: Codebook, *, target_precision: float
) -> dict[str, Any]:
    """Fit the confidence calibrators on all out-of-fold predictions (they ship with the model)
    and pick thresholds on cross-calibrated confidences."""
    n = len(df)
    fold = oof.fold if oof.fold is not None else np.zeros(n, dtype=int)
    gold = [tuple(c) for c in df["codes"]]
    set_correct = np.array([set(g) == set(p) for g, p in zip(gold, oof.codes, strict=True)])
    set_cal = Calibrator.fit(oof.raw_confidence, set_correct)
    confidence = cross_calibrated(oof.raw_confidence, set_correct, fold, np.ones(n, dtype=bool))

    has_level = np.array([lc is not None for lc in oof.raw_level_confidence])
    raw_lc = np.array(
        [np.nan if lc is None else lc for lc in oof.raw_level_confidence], dtype=float
    )
    level_correct = np.array(
        [
            bool(has_level[i])
            and all(df["levels"].iloc[i].get(c) == v for c, v in oof.levels[i].items())
            for i in range(n)
        ]
    )
    usable = has_level & set_correct  # level correctness is judged where the codes were right
    level_cal = (
        Calibrator.fit(raw_lc[usable], level_correct[usable])
        if usable.any()
        else Calibrator.identity()
    )
    level_conf = np.full(n, np.nan)
    if has_level.any():
        level_conf[has_level] = cross_calibrated(
            raw_lc[has_level], level_correct[has_level], fold[has_level], usable[has_level]
        )
    level_curve = []
    for t in THRESHOLDS:
        keep = usable & (level_conf >= t)
        k = int(keep.sum())
        level_curve.append(
            {
                "threshold": float(t),
                "n_auto": k,
                "precision": float(level_correct[keep].mean()) if k else float("nan"),
            }
        )
    return {
        "set": set_cal,
        "level": level_cal,
        "confidence": confidence,
        "level_confidence": [None if np.isnan(v) else float(v) for v in level_conf],
        "level_threshold": threshold_for_precision(level_curve, target_precision),
        "level_curve": level_curve,
    }


def train_model(
    df: pd.DataFrame,
    codebook: Codebook,
    *,
    embedder: Embedder | None,
    embedder_spec: str | None,
    folds: int = 5,
    target_precision: float = 0.9,
    group_column: str = "transcript",
    code_params: dict[str, Any] | None = None,
    level_params: dict[str, Any] | None = None,
    sample_weight: np.ndarray | None = None,
    kind: str = "trained",
    progress: Progress | None = None,
) -> tuple[SuggestionModel, Evaluation]:
    """Fit the model on all of ``df`` and report its leave-transcripts-out CV scores.

    ``sample_weight`` weights rows in every fit (e.g. human decisions above the corpus);
    calibration and thresholds count each row once, since they are about how often a
    suggestion is right, not whose decision it was.
    """
    say = progress or (lambda _m: None)
    df = df.reset_index(drop=True)
    if sample_weight is not None:
        sample_weight = np.asarray(sample_weight, dtype=float)
    codes = codebook.ids
    template = SuggestionModel(codebook=codebook, embedder_spec=embedder_spec)
    say(f"features for {len(df)} segments")
    frame, _ = template.features(df["text"].tolist(), df["question"].tolist(), embedder)
    embedding_dim = len(embedding_columns_of(frame)) or None
    code_template = CodeClassifier(**(code_params or {}))
    level_template = LevelClassifier(**(level_params or {}))
    groups = df[group_column].astype(str).to_numpy()
    oof = out_of_fold(
        frame,
        df,
        codebook,
        groups,
        code_template,
        level_template,
        folds=folds,
        sample_weight=sample_weight,
        progress=say,
    )
    routing = calibrate_and_route(oof, df, codebook, target_precision=target_precision)
    cv = evaluate(
        df["codes"].tolist(),
        oof.codes,
        codes,
        probabilities=oof.probs,
        gold_levels=df["levels"].tolist(),
        pred_levels=oof.levels,
        confidence=routing["confidence"],
        level_confidence=routing["level_confidence"],
        level_threshold=routing["level_threshold"],
    )
    code_threshold = threshold_for_precision(cv.routing, target_precision)
    say("fitting the final model on all data")
    Y = indicator_matrix(df["codes"], codes)
    code_clf = clone(code_template).fit(frame, Y, sample_weight=sample_weight)
    level_clf = fit_level_classifier(frame, df, codebook, level_template, sample_weight)
    model = SuggestionModel(
        codebook=codebook,
        embedder_spec=embedder_spec,
        code_classifier=code_clf,
        level_classifier=level_clf,
        set_calibrator=routing["set"],
        level_calibrator=routing["level"],
        code_threshold=code_threshold,
        level_threshold=routing["level_threshold"],
        meta={
            "kind": kind,
            "embedding_dim": embedding_dim,
            "autocoder_version": __version__,
            "python": platform.python_version(),
            "versions": _versions(),
            "training_data": {
                "n_segments": len(df),
                "n_transcripts": int(df[group_column].nunique()),
                "sha256": data_hash(df),
                "sources": sorted(set(map(str, df.get("source", pd.Series(dtype=str))))),
            },
            "code_params": code_template.get_params(),
            "level_params": level_template.get_params(),
            "cross_validation": {
                "folds": min(folds, len(set(groups))),
                "split": f"GroupKFold by {group_column}",
                "weighted": sample_weight is not None,
                "target_precision": target_precision,
                **cv.to_dict(),
                "level_routing": routing["level_curve"],
            },
        },
    )
    return model, cv


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in (
        "scikit-learn",
        "numpy",
        "scipy",
        "skops",
        "spacy",
        "model2vec",
        "sentence-transformers",
    ):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    return out
