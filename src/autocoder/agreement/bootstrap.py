"""Bootstrap confidence intervals for agreement coefficients, resampling units.

Units (segments) are drawn with replacement, the coefficient is recomputed on each
resample, and the percentile interval is reported (Efron & Tibshirani 1993, An
Introduction to the Bootstrap, ch. 13; for alpha cf. Hayes & Krippendorff 2007,
Communication Methods and Measures 1(1):77-89). Resamples on which the coefficient is
undefined (e.g. one category only) are dropped and counted.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from autocoder.agreement.metrics import (
    LEVELS,
    WEIGHTS,
    Distance,
    Level,
    Weights,
    _alpha_from_parts,
    _alpha_level_counts,
    _alpha_parts,
    _as_matrix,
    _counts_from_codes,
    _distance_matrix,
    _encode,
    _kappa_from_table,
    _two_raters,
)


@dataclass(frozen=True)
class ConfidenceInterval:
    """A point estimate with its percentile bootstrap interval."""

    estimate: float
    low: float
    high: float
    confidence_level: float
    n_resamples: int  # resamples on which the coefficient was defined
    n_units: int  # units resampled

    def as_dict(self) -> dict[str, float | int]:
        return {
            "estimate": self.estimate,
            "low": self.low,
            "high": self.high,
            "confidence_level": self.confidence_level,
            "n_resamples": self.n_resamples,
            "n_units": self.n_units,
        }


def _check(n_resamples: int, confidence_level: float) -> None:
    if not isinstance(n_resamples, int) or n_resamples < 1:
        raise ValueError(f"n_resamples must be a positive integer; got {n_resamples!r}")
    if not 0 < confidence_level < 1:
        raise ValueError(f"confidence_level must be between 0 and 1; got {confidence_level!r}")


def bootstrap_ci(
    statistic: Callable[[np.ndarray], float],
    n_units: int,
    *,
    n_resamples: int = 1000,
    confidence_level: float = 0.95,
    seed: int | None = 0,
) -> ConfidenceInterval:
    """Percentile interval of ``statistic(idx)`` over resamples ``idx`` of ``range(n_units)``.

    ``statistic`` receives an integer array of unit indices (with repeats) and returns the
    coefficient on those units; ``nan`` or ``ValueError`` marks an undefined resample.

    >>> ci = bootstrap_ci(lambda idx: float(np.mean(idx < 5)), 10, n_resamples=200, seed=1)
    >>> ci.estimate, ci.low < 0.5 < ci.high
    (0.5, True)
    """
    _check(n_resamples, confidence_level)
    if n_units < 1:
        raise ValueError("bootstrap needs at least one unit")
    estimate = statistic(np.arange(n_units))
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n_units, size=(n_resamples, n_units))
    values = []
    for idx in draws:
        try:
            v = statistic(idx)
        except ValueError:
            continue
        if not math.isnan(v):
            values.append(v)
    if not values:
        return ConfidenceInterval(estimate, math.nan, math.nan, confidence_level, 0, n_units)
    tail = (1 - confidence_level) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return ConfidenceInterval(
        float(estimate), float(low), float(high), confidence_level, len(values), n_units
    )


def alpha_ci(
    reliability_data: object,
    *,
    level: Level | Distance = "nominal",
    labels: Sequence[Hashable] | None = None,
    n_resamples: int = 1000,
    confidence_level: float = 0.95,
    seed: int | None = 0,
) -> ConfidenceInterval:
    """Bootstrap interval for Krippendorff's alpha (coders x units, missing allowed).

    >>> ci = alpha_ci([[1, 2, 3, 3, 2, 1, 4, 1, 2], [1, 2, 3, 3, 2, 2, 4, 1, 2]], seed=0)
    >>> round(ci.estimate, 3), ci.low <= ci.estimate <= ci.high
    (0.852, True)
    """
    codes, labels = _encode(_as_matrix(reliability_data), labels)
    counts = _counts_from_codes(codes, len(labels))
    if callable(level):
        delta = _distance_matrix(labels, level)
        d_u, m_u = _alpha_parts(counts, delta)

        def stat(idx: np.ndarray) -> float:
            return _alpha_from_parts(d_u[idx], m_u[idx], counts[idx], delta)

    else:
        if level not in LEVELS:
            raise ValueError(f"level must be one of {', '.join(LEVELS)}; got {level!r}")
        if level in ("interval", "ratio"):
            domain = np.array([float(v) for v in labels])  # type: ignore[arg-type]
        else:
            domain = np.arange(len(labels), dtype=float)

        def stat(idx: np.ndarray) -> float:
            return _alpha_level_counts(counts[idx], domain, level)

    return bootstrap_ci(
        stat,
        counts.shape[0],
        n_resamples=n_resamples,
        confidence_level=confidence_level,
        seed=seed,
    )


def kappa_ci(
    y1: Sequence[Hashable],
    y2: Sequence[Hashable],
    *,
    weights: Weights | None = None,
    labels: Sequence[Hashable] | None = None,
    n_resamples: int = 1000,
    confidence_level: float = 0.95,
    seed: int | None = 0,
) -> ConfidenceInterval:
    """Bootstrap interval for Cohen's kappa of two coders (no missing ratings).

    >>> ci = kappa_ci(["y"] * 25 + ["n"] * 25,
    ...               ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15, seed=0)
    >>> round(ci.estimate, 3), ci.low < 0.4 < ci.high
    (0.4, True)
    """
    if weights is not None and weights not in WEIGHTS:
        raise ValueError(f"weights must be None, 'linear' or 'quadratic'; got {weights!r}")
    codes, labels = _two_raters(y1, y2, labels)
    q = len(labels)
    pair = codes[0] * q + codes[1]

    def stat(idx: np.ndarray) -> float:
        table = np.bincount(pair[idx], minlength=q * q).reshape(q, q)
        return _kappa_from_table(table, weights)

    return bootstrap_ci(
        stat,
        len(pair),
        n_resamples=n_resamples,
        confidence_level=confidence_level,
        seed=seed,
    )
