"""From per-code probabilities to a code set and a confidence; calibration."""

from __future__ import annotations

import numpy as np
import pytest

from autocoder.suggest.calibration import Calibrator
from autocoder.suggest.decide import decide_codes, raw_set_confidence

CODES = ["ASESMEN", "PROGRAM", "LAIN"]


def test_codes_clearing_the_threshold_are_chosen() -> None:
    probs = np.array([[0.7, 0.6, 0.1]])
    assert decide_codes(probs, CODES, none_id="LAIN") == [("ASESMEN", "PROGRAM")]


def test_at_least_the_top_code_is_chosen() -> None:
    probs = np.array([[0.2, 0.45, 0.3], [0.3, 0.2, 0.4]])
    assert decide_codes(probs, CODES, none_id="LAIN") == [("PROGRAM",), ("LAIN",)]


def test_the_no_evidence_code_is_dropped_beside_evidence_codes() -> None:
    probs = np.array([[0.8, 0.1, 0.9], [0.3, 0.2, 0.4]])
    assert decide_codes(probs, CODES, none_id="LAIN") == [("ASESMEN",), ("LAIN",)]
    low = decide_codes(probs, CODES, none_id="LAIN", threshold=0.25)
    assert low == [("ASESMEN",), ("ASESMEN",)]


def test_without_a_no_evidence_code_nothing_is_dropped() -> None:
    probs = np.array([[0.8, 0.1, 0.9]])
    assert decide_codes(probs, CODES, none_id=None) == [("ASESMEN", "LAIN")]


def test_raw_set_confidence_is_the_probability_of_exactly_that_set() -> None:
    probs = np.array([[0.9, 0.2, 0.1], [0.9, 0.2, 0.1]])
    out = raw_set_confidence(probs, CODES, [("ASESMEN",), ("ASESMEN", "PROGRAM")])
    np.testing.assert_allclose(out, [0.9 * 0.8 * 0.9, 0.9 * 0.2 * 0.9])


def test_calibrator_is_isotonic_on_enough_data() -> None:
    raw = np.linspace(0.1, 1.0, 10)
    correct = np.array([0, 0, 0, 1, 0, 1, 1, 1, 1, 1])
    cal = Calibrator.fit(raw, correct)
    np.testing.assert_allclose(cal(raw), [0, 0, 0, 0.5, 0.5, 1, 1, 1, 1, 1])
    grid = np.linspace(-0.5, 1.5, 201)
    assert (np.diff(cal(grid)) >= 0).all()
    assert cal(np.array([-1.0, 2.0])).tolist() == [0.0, 1.0]


def test_calibrator_is_monotone_on_noisy_data() -> None:
    rng = np.random.default_rng(0)
    raw = rng.uniform(size=500)
    correct = rng.uniform(size=500) < raw
    values = Calibrator.fit(raw, correct)(np.sort(raw))
    assert (np.diff(values) >= 0).all()
    assert 0 <= values.min() and values.max() <= 1


@pytest.mark.parametrize(
    ("raw", "correct"),
    [
        (np.linspace(0, 1, 9), np.array([0, 1] * 4 + [1])),  # fewer than 10 points
        (np.linspace(0, 1, 20), np.ones(20)),  # only one outcome
    ],
)
def test_calibrator_falls_back_to_identity(raw: np.ndarray, correct: np.ndarray) -> None:
    cal = Calibrator.fit(raw, correct)
    assert cal == Calibrator.identity()
    np.testing.assert_allclose(cal(np.array([0.0, 0.37, 1.0])), [0.0, 0.37, 1.0])


def test_calibrator_round_trips_through_a_dict() -> None:
    cal = Calibrator.fit(np.linspace(0.1, 1.0, 10), np.array([0, 0, 0, 1, 0, 1, 1, 1, 1, 1]))
    assert Calibrator.from_dict(cal.to_dict()) == cal
