"""Verbal bands for agreement coefficients, each with the source that states it.

Bands are conventions, not tests: report the value and its confidence interval, and use
the band as a reader's guide.
"""

from __future__ import annotations

import math

LANDIS_KOCH_SOURCE = (
    "Landis, J.R. & Koch, G.G. (1977). The measurement of observer agreement for "
    "categorical data. Biometrics 33(1):159-174, p. 165."
)
KRIPPENDORFF_SOURCE = (
    "Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology, "
    "2nd ed., Sage, p. 241: rely on alpha >= .800; alpha >= .667 only for tentative "
    "conclusions."
)

#: (upper bound, label) for kappa-type coefficients, Landis & Koch (1977): a value belongs
#: to the first band whose upper bound it does not exceed, so .20 is slight and .2001 fair.
LANDIS_KOCH_BANDS: tuple[tuple[float, str], ...] = (
    (0.0, "poor"),  # below 0 (0 itself is slight)
    (0.20, "slight"),
    (0.40, "fair"),
    (0.60, "moderate"),
    (0.80, "substantial"),
    (math.inf, "almost perfect"),
)
#: (lower bound, label) for Krippendorff's alpha (Krippendorff 2004), from the top down.
KRIPPENDORFF_BANDS: tuple[tuple[float, str], ...] = (
    (0.800, "reliable"),
    (0.667, "tentative"),
    (-math.inf, "unreliable"),
)
_EPS = 1e-9  # float noise, e.g. 0.8 computed as 0.7999999999999999


def _undefined(value: float | None) -> bool:
    return value is None or math.isnan(value)


def landis_koch_band(kappa: float) -> str:
    """Landis & Koch (1977) band for kappa, pi, AC1: <0 poor, .00-.20 slight, .21-.40 fair,
    .41-.60 moderate, .61-.80 substantial, .81-1.00 almost perfect.

    >>> landis_koch_band(0.4728)
    'moderate'
    """
    if _undefined(kappa):
        return "undefined"
    if kappa < -_EPS:
        return "poor"
    return next(label for upper, label in LANDIS_KOCH_BANDS[1:] if kappa <= upper + _EPS)


def krippendorff_band(alpha: float) -> str:
    """Krippendorff (2004) band: >= .800 reliable, >= .667 tentative, else unreliable.

    >>> krippendorff_band(0.743)
    'tentative'
    """
    if _undefined(alpha):
        return "undefined"
    return next(label for lower, label in KRIPPENDORFF_BANDS if alpha >= lower - _EPS)
