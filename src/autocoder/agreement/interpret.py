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

#: (lower bound, label) from the top down; Landis & Koch (1977) for kappa-type coefficients.
LANDIS_KOCH_BANDS: tuple[tuple[float, str], ...] = (
    (0.81, "almost perfect"),
    (0.61, "substantial"),
    (0.41, "moderate"),
    (0.21, "fair"),
    (0.0, "slight"),
    (-math.inf, "poor"),
)
#: (lower bound, label) for Krippendorff's alpha (Krippendorff 2004).
KRIPPENDORFF_BANDS: tuple[tuple[float, str], ...] = (
    (0.800, "reliable"),
    (0.667, "tentative"),
    (-math.inf, "unreliable"),
)


def _band(value: float, bands: tuple[tuple[float, str], ...]) -> str:
    if value is None or math.isnan(value):
        return "undefined"
    # Coefficients are compared after rounding to the published precision (2 or 3 dp).
    for lower, label in bands:
        if round(value, 3) >= lower:
            return label
    return bands[-1][1]


def landis_koch_band(kappa: float) -> str:
    """Landis & Koch (1977) band for kappa, pi, AC1: <0 poor, .00-.20 slight, .21-.40 fair,
    .41-.60 moderate, .61-.80 substantial, .81-1.00 almost perfect.

    >>> landis_koch_band(0.4728)
    'moderate'
    """
    return _band(kappa, LANDIS_KOCH_BANDS)


def krippendorff_band(alpha: float) -> str:
    """Krippendorff (2004) band: >= .800 reliable, >= .667 tentative, else unreliable.

    >>> krippendorff_band(0.743)
    'tentative'
    """
    return _band(alpha, KRIPPENDORFF_BANDS)
