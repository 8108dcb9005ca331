"""Hand-verifiable published cases that are not in the shared file (never tuned on)."""

from __future__ import annotations

import pytest

from autocoder.agreement.interpret import krippendorff_band, landis_koch_band
from autocoder.agreement.metrics import (
    cohen_kappa_score,
    fleiss_kappa_score,
    gwet_ac1_score,
    percent_agreement_score,
)


def from_table(table: list[list[int]]) -> tuple[list[int], list[int]]:
    """Expand a contingency table (rows = coder A, columns = coder B) into two label lists."""
    y1: list[int] = []
    y2: list[int] = []
    for i, row in enumerate(table):
        for j, n in enumerate(row):
            y1 += [i] * n
            y2 += [j] * n
    return y1, y2


# Fleiss, J.L. (1971) Measuring nominal scale agreement among many raters. Psychol. Bull.
# 76(5):378-382, Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses; overall
# kappa = .430 (p. 381). Rows: Depression, Personality disorder, Schizophrenia, Neurosis, Other.
FLEISS_1971 = [
    [0, 0, 0, 6, 0],
    [0, 3, 0, 0, 3],
    [0, 1, 4, 0, 1],
    [0, 0, 0, 0, 6],
    [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0],
    [0, 0, 4, 0, 2],
    [2, 0, 3, 1, 0],
    [2, 0, 0, 4, 0],
    [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0],
    [1, 1, 0, 4, 0],
    [0, 3, 3, 0, 0],
    [1, 0, 0, 5, 0],
    [0, 2, 0, 3, 1],
    [0, 0, 5, 0, 1],
    [3, 0, 0, 1, 2],
    [5, 1, 0, 0, 0],
    [0, 2, 0, 4, 0],
    [1, 0, 2, 0, 3],
    [0, 0, 0, 0, 6],
    [0, 1, 0, 5, 0],
    [0, 2, 0, 1, 3],
    [2, 0, 0, 4, 0],
    [1, 0, 0, 4, 1],
    [0, 5, 0, 1, 0],
    [4, 0, 0, 0, 2],
    [0, 2, 0, 4, 0],
    [1, 0, 5, 0, 0],
    [0, 0, 0, 0, 6],
]


def test_fleiss_1971_overall_kappa() -> None:
    assert fleiss_kappa_score(FLEISS_1971) == pytest.approx(0.430, abs=5e-4)


# Fleiss, Levin & Paik (2003) Statistical Methods for Rates and Proportions, 3rd ed., ch. 18,
# Table 18.1: 100 subjects, diagnoses psychological / neurological / organic by two raters.
# p_o = .89, p_e = .66, kappa = (.89 - .66) / (1 - .66) = .6765 (worked by hand).
FLP_2003 = [[75, 1, 4], [5, 4, 1], [0, 0, 10]]


def test_fleiss_levin_paik_cohen_kappa() -> None:
    y1, y2 = from_table(FLP_2003)
    assert percent_agreement_score([y1, y2]) == pytest.approx(0.89)
    assert cohen_kappa_score(y1, y2) == pytest.approx(0.23 / 0.34, abs=1e-12)


# The kappa paradox (Feinstein & Cicchetti 1990, J. Clin. Epidemiol. 43:543-549; Gwet 2008,
# Br. J. Math. Stat. Psychol. 61:29-48): 125 units, 118 agreed "yes", none agreed "no".
# By hand: p_o = 118/125 = .944; kappa p_e = (123*120 + 2*5)/125^2 = .94528, kappa = -.0234;
# AC1: pi_yes = 243/250 = .972, p_e = 2 * .972 * .028 = .054432, AC1 = .9408.
PARADOX = [[118, 5], [2, 0]]


def test_kappa_paradox_ac1_stays_high() -> None:
    y1, y2 = from_table(PARADOX)
    assert cohen_kappa_score(y1, y2) == pytest.approx((0.944 - 0.94528) / (1 - 0.94528))
    assert gwet_ac1_score([y1, y2]) == pytest.approx((0.944 - 0.054432) / (1 - 0.054432))


# Cohen (1968) weighted kappa, checked by hand on a 3x3 table: with linear disagreement
# weights |i - j| and table [[10, 2, 0], [1, 8, 3], [0, 2, 4]] (N = 30): observed weighted
# disagreement = (2 + 1 + 3 + 2) / 30 = 8/30; expected = sum |i-j| r_i c_j / N^2 where
# r = (12, 12, 6), c = (11, 12, 7): (12*12 + 12*11 + 12*7 + 6*12 + 2*(12*7 + 6*11)) / 900
# = (144 + 132 + 84 + 72 + 300) / 900 = 732/900; kappa_w = 1 - (8/30) / (732/900) = 0.6721.
def test_linear_weighted_kappa_by_hand() -> None:
    y1, y2 = from_table([[10, 2, 0], [1, 8, 3], [0, 2, 4]])
    assert cohen_kappa_score(y1, y2, weights="linear") == pytest.approx(1 - (8 / 30) / (732 / 900))


@pytest.mark.parametrize(
    ("kappa", "band"),
    [
        (-0.1, "poor"),
        (0.0, "slight"),
        (0.2, "slight"),
        (0.2001, "fair"),
        (0.40, "fair"),
        (0.4001, "moderate"),
        (0.60, "moderate"),
        (0.6001, "substantial"),
        (0.80, "substantial"),
        (0.8001, "almost perfect"),
        (1.0, "almost perfect"),
    ],
)
def test_landis_koch_bands(kappa: float, band: str) -> None:
    # Landis & Koch (1977) Biometrics 33:159-174, p. 165.
    assert landis_koch_band(kappa) == band


@pytest.mark.parametrize(
    ("alpha", "band"),
    [
        (0.8, "reliable"),
        (0.7999, "tentative"),
        (0.667, "tentative"),
        (0.6669, "unreliable"),
        (float("nan"), "undefined"),
    ],
)
def test_krippendorff_bands(alpha: float, band: str) -> None:
    # Krippendorff (2004) Content Analysis, 2nd ed., p. 241 (strict thresholds).
    assert krippendorff_band(alpha) == band
