"""Turn per-code probabilities into a code set, levels and raw confidences (pure functions)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def decide_codes(
    probs: np.ndarray, codes: Sequence[str], *, none_id: str | None, threshold: float = 0.5
) -> list[tuple[str, ...]]:
    """Codes whose probability clears ``threshold``; at least the top code; the no-evidence
    code is dropped when any evidence code is chosen."""
    out = []
    for row in probs:
        chosen = [c for c, p in zip(codes, row, strict=False) if p >= threshold]
        if not chosen:
            chosen = [codes[int(row.argmax())]]
        if none_id in chosen and len(chosen) > 1:
            chosen = [c for c in chosen if c != none_id]
        out.append(tuple(chosen))
    return out


def raw_set_confidence(
    probs: np.ndarray, codes: Sequence[str], chosen: Sequence[tuple[str, ...]]
) -> np.ndarray:
    """Probability of the chosen set under independent per-code probabilities."""
    index = {c: i for i, c in enumerate(codes)}
    out = np.empty(len(chosen))
    for n, (row, picked) in enumerate(zip(probs, chosen, strict=False)):
        mask = np.zeros(len(codes), dtype=bool)
        mask[[index[c] for c in picked]] = True
        out[n] = float(np.prod(np.where(mask, row, 1 - row)))
    return out
