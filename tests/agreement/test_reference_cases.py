"""Every published case in ../shared/agreement_cases.json, within its stated tolerance."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from autocoder.agreement.metrics import (
    cohen_kappa_score,
    fleiss_kappa_score,
    gwet_ac1_score,
    krippendorff_alpha_score,
    percent_agreement_score,
    ratings_to_counts,
    scott_pi_score,
)

CASES_PATH = Path(__file__).resolve().parents[2] / ".." / "shared" / "agreement_cases.json"
CASES = json.loads(CASES_PATH.read_text()) if CASES_PATH.is_file() else []
SKIP = pytest.mark.skipif(
    not CASES, reason=f"shared reference cases not found at {CASES_PATH.resolve()}"
)


def compute(metric: str, data_format: str, data: list, level: str = "nominal"):
    if metric == "krippendorff_alpha":
        return krippendorff_alpha_score(data, level=level)
    if metric == "cohen_kappa":
        return cohen_kappa_score(*data)
    if metric == "scott_pi":
        return scott_pi_score(*data)
    if metric == "percent_agreement":
        return percent_agreement_score(data)
    if metric == "gwet_ac1":
        return gwet_ac1_score(data)
    if metric in ("fleiss_kappa", "fleiss_kappa_per_category"):
        counts = data if data_format == "counts" else ratings_to_counts(data)[0]
        return fleiss_kappa_score(counts, per_category=metric.endswith("per_category"))
    raise AssertionError(f"no implementation mapped for metric {metric!r}")


@SKIP
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_published_value(case: dict) -> None:
    value = compute(
        case["metric"], case["data_format"], case["data"], case.get("level") or "nominal"
    )
    np.testing.assert_allclose(value, case["expected"], rtol=0, atol=case["tolerance"])


# Secondary published values ("also_expected") for coefficients we implement. Tolerance is
# half a unit in the last published decimal.
ALSO = {
    "percent_agreement": lambda d: percent_agreement_score(d),
    "percent_agreement_gwet_pa": lambda d: percent_agreement_score(d),
    "scott_pi": lambda d: scott_pi_score(*d),
    "gwet_ac1": lambda d: gwet_ac1_score(d),
    "krippendorff_alpha_nominal": lambda d: krippendorff_alpha_score(d),
    "cohen_kappa_computed_not_published_here": lambda d: cohen_kappa_score(*d),
    "weighted_kappa_linear_weights_0_1_2 (SAS 'Weighted Kappa', Cicchetti-Allison)": (
        lambda d: cohen_kappa_score(*d, weights="linear")
    ),
}
ALSO_CASES = [
    (c["id"], key, value, c["data"])
    for c in CASES
    for key, value in c.get("also_expected", {}).items()
    if key in ALSO and c["data_format"] != "counts"
]


@SKIP
@pytest.mark.parametrize(
    ("case_id", "key", "expected", "data"),
    ALSO_CASES,
    ids=[f"{a}-{b}" for a, b, _, _ in ALSO_CASES],
)
def test_also_expected(case_id: str, key: str, expected: float, data: list) -> None:
    decimals = len(repr(expected).split(".")[1]) if "." in repr(expected) else 0
    np.testing.assert_allclose(ALSO[key](data), expected, rtol=0, atol=0.5 * 10**-decimals + 1e-12)


@SKIP
def test_counts_case_percent_agreement() -> None:
    case = next(c for c in CASES if c["id"] == "randolph_calc_2subj_8raters")
    from autocoder.agreement.metrics import _percent_from_counts

    got = _percent_from_counts(np.array(case["data"]))
    assert got == pytest.approx(case["also_expected"]["percent_agreement"], abs=5e-7)


@SKIP
@pytest.mark.parametrize(
    "case", [c for c in CASES if "contingency_table" in c], ids=lambda c: c["id"]
)
def test_pairs_match_their_contingency_table(case: dict) -> None:
    order = case["category_order"]
    table = np.zeros((len(order), len(order)), dtype=int)
    for a, b in zip(*case["data"], strict=True):
        table[order.index(a), order.index(b)] += 1
    assert table.tolist() == case["contingency_table"]
