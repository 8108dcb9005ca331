"""Invariants of the coefficients, checked on generated data (hypothesis)."""

from __future__ import annotations

import doctest
import importlib
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autocoder.agreement.metrics import (
    _kappa_from_table,
    cohen_kappa_score,
    fleiss_kappa_score,
    gwet_ac1_score,
    krippendorff_alpha_score,
    percent_agreement_score,
    ratings_to_counts,
    scott_pi_score,
)
from autocoder.agreement.multilabel import jaccard_distance, masi_distance

LABELS = ["a", "b", "c", "d"]


@st.composite
def pairs(draw, min_units: int = 2):
    n = draw(st.integers(min_units, 30))
    y1 = draw(st.lists(st.sampled_from(LABELS), min_size=n, max_size=n))
    y2 = draw(st.lists(st.sampled_from(LABELS), min_size=n, max_size=n))
    return y1, y2


@st.composite
def matrices(draw, missing: bool = True):
    """coders x units with None for missing; every unit rated at least twice."""
    k = draw(st.integers(2, 5))
    n = draw(st.integers(2, 20))
    cell = (
        st.one_of(st.sampled_from([1, 2, 3, 4]), st.none())
        if missing
        else st.sampled_from([1, 2, 3, 4])
    )
    m = [draw(st.lists(cell, min_size=n, max_size=n)) for _ in range(k)]
    for j in range(n):  # make each unit pairable
        if sum(m[i][j] is not None for i in range(k)) < 2:
            m[0][j] = m[0][j] or 1
            m[1][j] = m[1][j] or 2
    return m


def defined(*values: float) -> bool:
    return all(not math.isnan(v) for v in values)


@settings(deadline=None, max_examples=60)
@given(st.lists(st.sampled_from(LABELS), min_size=2, max_size=30), st.integers(2, 5))
def test_perfect_agreement_gives_one(labels: list[str], k: int) -> None:
    if len(set(labels)) < 2:
        labels = [*labels, "z"]
    data = [labels] * k
    assert percent_agreement_score(data) == 1
    assert krippendorff_alpha_score(data) == pytest.approx(1)
    assert gwet_ac1_score(data) == pytest.approx(1)
    assert fleiss_kappa_score(ratings_to_counts(data)[0]) == pytest.approx(1)
    assert cohen_kappa_score(labels, labels) == pytest.approx(1)
    assert scott_pi_score(labels, labels) == pytest.approx(1)


@settings(deadline=None, max_examples=60)
@given(
    st.lists(st.integers(0, 9), min_size=2, max_size=25),
    st.sampled_from(["ordinal", "interval", "ratio"]),
)
def test_perfect_agreement_all_levels(values: list[int], level: str) -> None:
    if len(set(values)) < 2:
        values = [*values, 10]
    assert krippendorff_alpha_score([values, values, values], level=level) == pytest.approx(1)


@settings(deadline=None, max_examples=60)
@given(matrices(), st.randoms(use_true_random=False))
def test_coder_order_does_not_matter(m: list, rnd) -> None:
    shuffled = list(m)
    rnd.shuffle(shuffled)
    for f in (percent_agreement_score, krippendorff_alpha_score, gwet_ac1_score):
        a, b = f(m), f(shuffled)
        assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)
    a = fleiss_kappa_score(ratings_to_counts(m)[0])
    b = fleiss_kappa_score(ratings_to_counts(shuffled)[0])
    assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)


@settings(deadline=None, max_examples=60)
@given(pairs())
def test_two_coder_coefficients_are_symmetric(p) -> None:
    y1, y2 = p
    for f in (cohen_kappa_score, scott_pi_score):
        a, b = f(y1, y2), f(y2, y1)
        assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)


@settings(deadline=None, max_examples=60)
@given(pairs(), st.permutations(["w", "x", "y", "z"]))
def test_relabelling_categories_changes_nothing(p, new: list[str]) -> None:
    y1, y2 = p
    rename = dict(zip(LABELS, new, strict=True))
    z1, z2 = [rename[v] for v in y1], [rename[v] for v in y2]
    for f in (
        cohen_kappa_score,
        scott_pi_score,
        lambda a, b: krippendorff_alpha_score([a, b]),
        lambda a, b: gwet_ac1_score([a, b]),
        lambda a, b: percent_agreement_score([a, b]),
    ):
        a, b = f(y1, y2), f(z1, z2)
        assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)


@settings(deadline=None, max_examples=60)
@given(pairs())
def test_values_in_range(p) -> None:
    y1, y2 = p
    assert 0 <= percent_agreement_score([y1, y2]) <= 1
    for v in (cohen_kappa_score(y1, y2), scott_pi_score(y1, y2), gwet_ac1_score([y1, y2])):
        assert math.isnan(v) or -1 - 1e-9 <= v <= 1 + 1e-9
    for w in ("linear", "quadratic"):
        v = cohen_kappa_score(y1, y2, weights=w, labels=LABELS)
        assert math.isnan(v) or -1 - 1e-9 <= v <= 1 + 1e-9
    alpha = krippendorff_alpha_score([y1, y2])
    assert math.isnan(alpha) or alpha <= 1 + 1e-9


@settings(deadline=None, max_examples=60)
@given(matrices())
def test_own_alpha_matches_krippendorff_package(m: list) -> None:
    """Our alpha with a custom distance reproduces the package for nominal and interval."""
    for level, dist in (
        ("nominal", lambda a, b: float(a != b)),
        ("interval", lambda a, b: (a - b) ** 2),
    ):
        ours = krippendorff_alpha_score(m, level=dist)
        theirs = krippendorff_alpha_score(m, level=level)
        assert (math.isnan(ours) and math.isnan(theirs)) or ours == pytest.approx(theirs)


@settings(deadline=None, max_examples=60)
@given(pairs(), st.sampled_from([None, "linear", "quadratic"]))
def test_fast_kappa_matches_scikit_learn(p, weights) -> None:
    y1, y2 = p
    idx = {v: i for i, v in enumerate(LABELS)}
    table = np.zeros((4, 4))
    for a, b in zip(y1, y2, strict=True):
        table[idx[a], idx[b]] += 1
    ours = _kappa_from_table(table, weights)
    theirs = cohen_kappa_score(y1, y2, weights=weights, labels=LABELS)
    assert (math.isnan(ours) and math.isnan(theirs)) or ours == pytest.approx(theirs)


sets = st.frozensets(st.sampled_from("ABCDE"), max_size=4)


@settings(deadline=None, max_examples=60)
@given(sets, sets)
def test_set_distances(a: frozenset, b: frozenset) -> None:
    for d in (jaccard_distance, masi_distance):
        assert 0 <= d(a, b) <= 1
        assert d(a, b) == d(b, a)
        assert (d(a, b) == 0) == (a == b)
    assert masi_distance(a, b) >= jaccard_distance(a, b)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: cohen_kappa_score([1, 2], [1]), "differ in length"),
        (lambda: cohen_kappa_score([1, None], [1, 2]), "missing"),
        (lambda: cohen_kappa_score([1, 2], [1, 2], weights="cubic"), "weights"),
        (lambda: krippendorff_alpha_score([[1, 2]]), "at least two coders"),
        (lambda: krippendorff_alpha_score([[1, 2], [1, 2]], level="fuzzy"), "level"),
        (lambda: krippendorff_alpha_score([["a", "b"], ["a", "b"]], level="interval"), "numeric"),
        (lambda: krippendorff_alpha_score([[1, None], [None, 2]]), "two or more coders"),
        (lambda: gwet_ac1_score([[1, 2], [1, 3]], labels=[1, 2]), "not in labels"),
        (lambda: fleiss_kappa_score([[1, -1], [2, 0]]), ">= 0"),
        (lambda: fleiss_kappa_score([1, 2, 3]), "2-D"),
    ],
)
def test_bad_input_raises_clear_value_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize(
    "module",
    ["metrics", "bootstrap", "interpret", "multilabel", "disagreement", "report"],
)
def test_doctests(module: str) -> None:
    mod = importlib.import_module(f"autocoder.agreement.{module}")
    result = doctest.testmod(mod)
    assert result.failed == 0
