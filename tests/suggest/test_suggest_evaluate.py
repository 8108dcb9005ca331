"""Scores against gold codes and the routing curve, on hand-made examples."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autocoder.suggest.evaluate import evaluate, routing_curve, threshold_for_precision

CONFIDENCE = np.array([0.95, 0.9, 0.8, 0.7, 0.6, 0.4])
CORRECT = np.array([True, True, True, False, True, False])


def test_routing_curve_counts_accepted_segments_and_their_precision() -> None:
    curve = routing_curve(CONFIDENCE, CORRECT, thresholds=(0.5, 0.75, 0.9, 0.99))
    assert [r["n_auto"] for r in curve] == [5, 3, 2, 0]
    assert [r["precision"] for r in curve[:3]] == [0.8, 1.0, 1.0]
    assert math.isnan(curve[3]["precision"])
    assert [r["auto_share"] for r in curve] == pytest.approx([5 / 6, 1 / 2, 1 / 3, 0])
    assert [r["review_share"] for r in curve] == pytest.approx([1 / 6, 1 / 2, 2 / 3, 1])


def test_routing_curve_also_needs_the_level_confidence_where_there_is_one() -> None:
    level_confidence = [0.99, None, 0.5, 0.9, 0.9, None]
    curve = routing_curve(CONFIDENCE, CORRECT, level_confidence, level_threshold=0.8,
                          thresholds=(0.5, 0.75))
    assert [r["n_auto"] for r in curve] == [4, 2]
    assert [r["precision"] for r in curve] == [0.75, 1.0]


def test_threshold_for_precision_is_the_lowest_threshold_reaching_the_target() -> None:
    curve = routing_curve(CONFIDENCE, CORRECT, thresholds=(0.5, 0.75, 0.9))
    assert threshold_for_precision(curve, 0.8) == 0.5
    assert threshold_for_precision(curve, 0.9, min_auto=2) == 0.75
    assert threshold_for_precision(curve, 0.9, min_auto=3) == 0.75
    assert threshold_for_precision(curve, 0.9) == 1.01  # no threshold accepts 5 at 0.9
    assert threshold_for_precision(curve, 0.8, min_auto=6) == 1.01


def test_evaluate_gives_exact_per_code_scores() -> None:
    codes = ["A", "B", "N"]
    gold = [("A",), ("A", "B"), ("N",), ("B",)]
    pred = [("A",), ("A",), ("N",), ("A",)]
    probs = np.array([[0.9, 0.1, 0.0], [0.8, 0.4, 0.0], [0.1, 0.0, 0.9], [0.6, 0.3, 0.1]])
    ev = evaluate(
        gold, pred, codes, probabilities=probs,
        gold_levels=[{"A": 2}, {"A": 3, "B": 1}, {}, {"B": 2}],
        pred_levels=[{"A": 2}, {"A": 1}, {}, {"A": 3}],
    )
    assert ev.n_segments == 4
    assert ev.per_code == [
        {"code": "A", "precision": pytest.approx(2 / 3), "recall": 1.0, "f1": pytest.approx(0.8),
         "kappa": pytest.approx(0.5), "support": 2},
        {"code": "B", "precision": 0.0, "recall": 0.0, "f1": 0.0, "kappa": 0.0, "support": 2},
        {"code": "N", "precision": 1.0, "recall": 1.0, "f1": 1.0, "kappa": 1.0, "support": 1},
    ]
    assert ev.macro_f1 == pytest.approx(0.6)
    assert ev.micro_f1 == pytest.approx(2 / 3)  # 3 true positives, 1 false positive, 2 missed
    assert ev.exact_match == 0.5
    assert ev.kappa_macro == pytest.approx(0.5)
    assert ev.brier == pytest.approx((0.105 + 0.215 + 0.005) / 3)
    # levels are compared where both gave the code: A in rows 1 and 2
    assert ev.n_level_pairs == 2
    assert ev.level_accuracy == 0.5
    assert ev.level_within_one == 0.5
    assert ev.level_kappa_quadratic == pytest.approx(-1 / 3)
    assert ev.routing == []


def test_evaluate_routes_on_exact_code_sets_when_given_confidences() -> None:
    ev = evaluate([("A",), ("B",)], [("A",), ("A",)], ["A", "B"], confidence=np.array([0.9, 0.3]))
    by_threshold = {r["threshold"]: r for r in ev.routing}
    assert by_threshold[0.0]["precision"] == 0.5
    assert by_threshold[0.5]["precision"] == 1.0
    assert by_threshold[0.5]["n_auto"] == 1
    assert math.isnan(ev.brier)
    assert ev.level_accuracy is None
