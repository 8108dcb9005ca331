"""Accuracy of suggestions against gold codes: per-code scores, kappa, levels, routing curve."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.metrics import brier_score_loss, cohen_kappa_score, precision_recall_fscore_support

THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.0, 1.0001, 0.05))


@dataclass
class Evaluation:
    """Scores of predicted codes and levels against gold ones."""

    n_segments: int
    per_code: list[dict[str, Any]]
    macro_f1: float
    micro_f1: float
    exact_match: float
    kappa_macro: float
    level_accuracy: float | None
    level_within_one: float | None
    level_kappa_quadratic: float | None
    n_level_pairs: int
    brier: float
    routing: list[dict[str, float]] = field(default_factory=list)
    reliability: list[dict[str, float]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def indicator_matrix(code_sets: Sequence[Sequence[str]], codes: Sequence[str]) -> np.ndarray:
    return np.array([[c in s for c in codes] for s in code_sets], dtype=int)


def routing_curve(
    confidence: np.ndarray,
    correct: np.ndarray,
    level_confidence: np.ndarray | None = None,
    *,
    level_threshold: float = 0.0,
    thresholds: Sequence[float] = THRESHOLDS,
) -> list[dict[str, float]]:
    """At each threshold: share auto-accepted, share sent to review, precision of the accepted.

    A segment is accepted when ``confidence >= t`` (and its level confidence, where it has
    one, ``>= level_threshold``); ``correct`` says whether its suggestion was right.
    """
    confidence = np.asarray(confidence, dtype=float)
    correct = np.asarray(correct, dtype=bool)
    level_ok = np.ones_like(correct)
    if level_confidence is not None:
        lc = np.asarray([np.nan if v is None else v for v in level_confidence], dtype=float)
        level_ok = np.isnan(lc) | (lc >= level_threshold)
    rows = []
    for t in thresholds:
        accepted = (confidence >= t) & level_ok
        n = int(accepted.sum())
        rows.append(
            {
                "threshold": float(t),
                "auto_share": n / len(correct) if len(correct) else 0.0,
                "review_share": 1 - n / len(correct) if len(correct) else 1.0,
                "precision": float(correct[accepted].mean()) if n else float("nan"),
                "n_auto": n,
            }
        )
    return rows


def reliability_table(
    confidence: np.ndarray, correct: np.ndarray, *, bins: int = 5
) -> list[dict[str, float]]:
    """Calibration check: per confidence bin, the mean confidence and the share right.

    Well calibrated means the two columns agree ("confidence 0.9" is right about 9 in 10).
    """
    confidence = np.asarray(confidence, dtype=float)
    correct = np.asarray(correct, dtype=float)
    edges = np.linspace(0, 1, bins + 1)
    rows = []
    for lo, hi in zip(edges[:-1], edges[1:], strict=False):
        inside = (confidence >= lo) & ((confidence < hi) if hi < 1 else (confidence <= hi))
        if inside.any():
            rows.append(
                {
                    "low": float(lo),
                    "high": float(hi),
                    "n": int(inside.sum()),
                    "mean_confidence": float(confidence[inside].mean()),
                    "share_correct": float(correct[inside].mean()),
                }
            )
    return rows


def threshold_for_precision(
    curve: list[dict[str, float]], target: float, *, min_auto: int = 5
) -> float:
    """The lowest threshold whose accepted segments reach ``target`` precision."""
    for row in curve:
        if row["n_auto"] >= min_auto and row["precision"] >= target:
            return row["threshold"]
    return 1.01


def evaluate(
    gold_codes: Sequence[Sequence[str]],
    pred_codes: Sequence[Sequence[str]],
    codes: Sequence[str],
    *,
    probabilities: np.ndarray | None = None,
    gold_levels: Sequence[dict[str, int]] | None = None,
    pred_levels: Sequence[dict[str, int]] | None = None,
    confidence: np.ndarray | None = None,
    level_confidence: Sequence[float | None] | None = None,
    level_threshold: float = 0.0,
) -> Evaluation:
    """Compare predictions with gold codes (and levels) for the same segments."""
    Y = indicator_matrix(gold_codes, codes)
    P = indicator_matrix(pred_codes, codes)
    prec, rec, f1, support = precision_recall_fscore_support(Y, P, zero_division=0)
    per_code = []
    kappas = []
    for j, code in enumerate(codes):
        k = cohen_kappa_score(Y[:, j], P[:, j]) if len(set(Y[:, j]) | set(P[:, j])) > 1 else 1.0
        kappas.append(k)
        per_code.append(
            {
                "code": code,
                "precision": float(prec[j]),
                "recall": float(rec[j]),
                "f1": float(f1[j]),
                "kappa": float(k),
                "support": int(support[j]),
            }
        )
    micro = precision_recall_fscore_support(Y, P, average="micro", zero_division=0)[2]
    exact = (Y == P).all(axis=1)
    brier = (
        float(np.mean([brier_score_loss(Y[:, j], probabilities[:, j]) for j in range(len(codes))]))
        if probabilities is not None
        else float("nan")
    )
    level_acc = within = lkappa = None
    n_pairs = 0
    if gold_levels is not None and pred_levels is not None:
        g, p = [], []
        for gl, pl in zip(gold_levels, pred_levels, strict=False):
            for code, value in gl.items():
                if code in pl:
                    g.append(value)
                    p.append(pl[code])
        n_pairs = len(g)
        if g:
            g_arr, p_arr = np.array(g), np.array(p)
            level_acc = float(np.mean(g_arr == p_arr))
            within = float(np.mean(np.abs(g_arr - p_arr) <= 1))
            lkappa = (
                float(cohen_kappa_score(g_arr, p_arr, weights="quadratic"))
                if len(set(g) | set(p)) > 1
                else 1.0
            )
    routing = reliability = []
    if confidence is not None:
        routing = routing_curve(
            confidence, exact, level_confidence, level_threshold=level_threshold
        )
        reliability = reliability_table(confidence, exact)
    return Evaluation(
        n_segments=len(Y),
        per_code=per_code,
        macro_f1=float(np.mean(f1)),
        micro_f1=float(micro),
        exact_match=float(exact.mean()),
        kappa_macro=float(np.mean(kappas)),
        level_accuracy=level_acc,
        level_within_one=within,
        level_kappa_quadratic=lkappa,
        n_level_pairs=n_pairs,
        brier=brier,
        routing=routing,
        reliability=reliability,
    )
