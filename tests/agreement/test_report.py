"""Multi-label agreement report on small codings worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from autocoder.agreement.bootstrap import alpha_ci, kappa_ci
from autocoder.agreement.metrics import cohen_kappa_score, krippendorff_alpha_score
from autocoder.agreement.multilabel import masi_distance
from autocoder.agreement.report import agreement_report, summarize_counts, summarize_matrix


def codings(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["unit", "coder", "codes", "levels"])


# Six segments, two coders. Code A: both on s1, s2, s4; only ani on s5. Code B: both on s2;
# only budi on s3. s6: both LAIN. budi also coded s7 alone (left out of every figure).
ROWS = [
    ("s1", "ani", ["A"], {"A": 2}),
    ("s1", "budi", ["A"], {"A": 3}),
    ("s2", "ani", ["A", "B"], {"A": 1, "B": 2}),
    ("s2", "budi", ["B", "A"], {"A": 1, "B": 2}),
    ("s3", "ani", ["LAIN"], {}),
    ("s3", "budi", ["B"], {"B": 1}),
    ("s4", "ani", ["A"], {"A": 3}),
    ("s4", "budi", ["A"], {"A": 3}),
    ("s5", "ani", ["A"], {}),
    ("s5", "budi", ["LAIN"], {}),
    ("s6", "ani", ["LAIN"], {}),
    ("s6", "budi", [], {}),
    ("s7", "budi", ["A"], {}),
]


@pytest.fixture(scope="module")
def report():
    return agreement_report(codings(ROWS), codes=["A", "B", "C", "LAIN"], bootstrap=200, seed=3)


def test_units_and_coders(report) -> None:
    assert report.coders == ("ani", "budi")
    assert report.codes == ("A", "B", "C")
    assert (report.n_units, report.n_units_paired, report.n_units_single) == (7, 6, 1)
    assert report.kappa_kind == "cohen_kappa"


def test_per_code_counts_and_values(report) -> None:
    a = report.per_code.set_index("code").loc["A"]
    assert (a.n_units, a.n_ani, a.n_budi) == (6, 4, 3)
    assert (a.n_agree_present, a.n_agree_absent, a.n_disagree) == (3, 2, 1)
    ani = [1, 1, 0, 1, 1, 0]
    budi = [1, 1, 0, 1, 0, 0]
    assert a.percent_agreement == pytest.approx(5 / 6)
    assert a.kappa == pytest.approx(cohen_kappa_score(ani, budi))
    assert a.krippendorff_alpha == pytest.approx(krippendorff_alpha_score([ani, budi]))
    assert a.kappa_low <= a.kappa <= a.kappa_high
    # levels where both gave A: s1 (2 vs 3), s2 (1, 1), s4 (3, 3)
    assert a.level_n_units == 3
    assert a.level_percent_agreement == pytest.approx(2 / 3)
    assert a.level_alpha == pytest.approx(
        krippendorff_alpha_score([[2, 1, 3], [3, 1, 3]], level="ordinal")
    )
    c = report.per_code.set_index("code").loc["C"]
    assert c.n_agree_absent == 6 and math.isnan(c.kappa) and c.gwet_ac1 == pytest.approx(1)


def test_code_sets(report) -> None:
    sets = report.code_sets
    assert sets["exact_agreement"] == pytest.approx(4 / 6)
    ani = [
        frozenset("A"),
        frozenset("AB"),
        frozenset(),
        frozenset("A"),
        frozenset("A"),
        frozenset(),
    ]
    budi = [
        frozenset("A"),
        frozenset("AB"),
        frozenset("B"),
        frozenset("A"),
        frozenset(),
        frozenset(),
    ]
    assert sets["alpha_masi"] == pytest.approx(
        krippendorff_alpha_score([ani, budi], level=masi_distance)
    )
    assert sets["alpha_masi_low"] <= sets["alpha_masi"] <= sets["alpha_masi_high"]


def test_pooled(report) -> None:
    p = report.pooled
    assert p["n_decisions"] == 18
    assert p["percent_agreement"] == pytest.approx(16 / 18)


def test_confusion_matrix(report) -> None:
    m = report.confusion[("ani", "budi")]
    assert m.loc["A", "A"] == 3 and m.loc["B", "B"] == 1
    assert m.loc["LAIN", "B"] == 1  # s3
    assert m.loc["A", "LAIN"] == 1  # s5
    assert m.loc["LAIN", "LAIN"] == 1  # s6
    assert int(m.to_numpy().sum()) == 7


def test_disagreements_ordered_by_weight(report) -> None:
    d = report.disagreements
    # s3 and s5 differ by a code (+ LAIN), s1 only by a level step
    assert d["unit"].tolist() == ["s3", "s5", "s1"]
    assert d.set_index("unit").loc["s3", "codes_differing"] == "B;LAIN"
    assert d.set_index("unit").loc["s1", "level_distance"] == 1
    assert d.set_index("unit").loc["s1", "ani"] == "A:2"


def test_same_seed_same_interval() -> None:
    df = codings(ROWS)
    r1 = agreement_report(df, bootstrap=100, seed=7)
    r2 = agreement_report(df, bootstrap=100, seed=7)
    pd.testing.assert_frame_equal(r1.per_code, r2.per_code)
    assert agreement_report(df, bootstrap=0).per_code["kappa_low"].isna().all()


def test_three_coders_use_fleiss() -> None:
    extra = [(u, "machine", c, lv) for u, coder, c, lv in ROWS if coder == "ani"]
    r = agreement_report(codings(ROWS + extra), bootstrap=0)
    assert r.kappa_kind == "fleiss_kappa"
    assert len(r.pairs) == 3 and len(r.confusion) == 3
    assert r.to_dict()["fleiss_kappa"] == pytest.approx(r.pooled["kappa"])


def test_to_dict_is_json_ready(report) -> None:
    import json

    out = json.loads(json.dumps(report.to_dict()))
    assert out["n_units"] == 6 and out["cohen_kappa"] == pytest.approx(report.pooled["kappa"])
    assert {r["code"] for r in out["per_code"]} == {"A", "B", "C"}


@pytest.mark.parametrize(
    ("rows", "kwargs", "message"),
    [
        (ROWS + [("s1", "ani", ["B"], {})], {}, "more than once"),
        (ROWS, {"codes": ["A"]}, "not in the codebook: B"),
        ([("s1", "ani", ["A"], {"B": 1}), ("s1", "budi", ["A"], {})], {}, "not coded: B"),
        ([("s1", "ani", ["A"], {"A": 1.5}), ("s1", "budi", ["A"], {})], {}, "whole number"),
        ([("s1", "ani", ["A"], {}), ("s2", "ani", ["A"], {})], {}, "at least two coders"),
        ([("s1", "ani", ["A"], {}), ("s2", "budi", ["A"], {})], {}, "no unit was coded by two"),
        (ROWS, {"bootstrap": -1}, "bootstrap"),
    ],
)
def test_invalid_codings(rows, kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        agreement_report(codings(rows), **kwargs)


def test_summaries_report_units() -> None:
    m = [[1, 2, 3, None], [1, 2, 3, 4], [None, 2, 3, None]]
    figs = summarize_matrix(m)
    assert "cohen_kappa" not in figs  # three coders
    assert figs["percent_agreement"].n_units == 3
    assert figs["fleiss_kappa"].n_units == 4
    two = summarize_matrix([[1, 2, 3], [1, 2, 2]])
    assert set(two) == {
        "percent_agreement",
        "cohen_kappa",
        "scott_pi",
        "fleiss_kappa",
        "krippendorff_alpha",
        "gwet_ac1",
    }
    assert two["scott_pi"].value == pytest.approx(two["fleiss_kappa"].value)
    counts = summarize_counts([[2, 0], [1, 1], [0, 2]])
    assert counts["scott_pi"].value == pytest.approx(counts["fleiss_kappa"].value)


def test_bootstrap_helpers_are_reproducible() -> None:
    y1 = ["y"] * 25 + ["n"] * 25
    y2 = ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15
    assert kappa_ci(y1, y2, seed=1) == kappa_ci(y1, y2, seed=1)
    ci = alpha_ci([y1, y2], n_resamples=300, seed=2)
    assert ci.low < ci.estimate < ci.high and ci.n_resamples == 300
    with pytest.raises(ValueError, match="n_resamples"):
        kappa_ci(y1, y2, n_resamples=0)
