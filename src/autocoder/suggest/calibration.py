"""Confidence calibration stored as plain arrays (safe to save as JSON)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.isotonic import IsotonicRegression


@dataclass(frozen=True)
class Calibrator:
    """A monotone map from a raw score to the observed rate of being right."""

    x: tuple[float, ...]
    y: tuple[float, ...]

    @classmethod
    def fit(cls, raw: np.ndarray, correct: np.ndarray) -> Calibrator:
        """Isotonic regression of correctness on the raw score (out-of-fold data)."""
        raw = np.asarray(raw, dtype=float)
        if len(raw) < 10 or len(np.unique(correct)) < 2:
            return cls.identity()
        iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(raw, correct)
        return cls(tuple(map(float, iso.X_thresholds_)), tuple(map(float, iso.y_thresholds_)))

    @classmethod
    def identity(cls) -> Calibrator:
        return cls((0.0, 1.0), (0.0, 1.0))

    def __call__(self, raw: np.ndarray) -> np.ndarray:
        return np.interp(np.asarray(raw, dtype=float), self.x, self.y)

    def to_dict(self) -> dict[str, list[float]]:
        return {"x": list(self.x), "y": list(self.y)}

    @classmethod
    def from_dict(cls, data: dict[str, list[float]]) -> Calibrator:
        return cls(tuple(data["x"]), tuple(data["y"]))
