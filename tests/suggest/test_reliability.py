import numpy as np

from autocoder.suggest.evaluate import reliability_table


def test_reliability_bins_compare_confidence_with_the_share_right():
    confidence = np.array([0.1, 0.15, 0.5, 0.9, 0.92, 0.95])
    correct = np.array([0, 0, 1, 1, 0, 1])
    rows = reliability_table(confidence, correct, bins=5)
    assert [(round(r["low"], 1), r["n"]) for r in rows] == [(0.0, 2), (0.4, 1), (0.8, 3)]
    assert rows[0]["share_correct"] == 0.0
    assert rows[2]["mean_confidence"] == (0.9 + 0.92 + 0.95) / 3
    assert rows[2]["share_correct"] == 2 / 3
