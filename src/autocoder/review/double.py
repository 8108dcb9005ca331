"""Double coding for reliability: a random sample of segments assigned to several coders.

The sample is drawn per transcript (``share`` of each transcript's segments, at least one),
from all segments, not only those routed to review, so agreement is measured on the whole
population. In blind mode the assigned coders do not see the machine's suggestion nor each
other's decisions.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass

from autocoder.errors import DataError
from autocoder.review.decisions import check_coder
from autocoder.store import ProjectStore
from autocoder.store.migrations import now


@dataclass(frozen=True)
class Assignment:
    """Outcome of :func:`assign_double`."""

    batch: str
    coders: tuple[str, ...]
    segment_uids: tuple[int, ...]
    per_transcript: dict[str, int]
    """Number of sampled segments per transcript."""
    new_rows: int
    """Assignment rows added (a segment already assigned to a coder is not added twice)."""


def sample_segments(
    segments: list[dict], *, share: float, seed: int | None = None
) -> dict[str, list[int]]:
    """A random ``share`` of each transcript's segment uids (at least one per transcript).

    >>> segs = [{"uid": i, "transcript": "A" if i < 10 else "B"} for i in range(15)]
    >>> {k: len(v) for k, v in sample_segments(segs, share=0.2, seed=1).items()}
    {'A': 2, 'B': 1}
    """
    if not 0 < share <= 1:
        raise DataError(f"share must be above 0 and at most 1, not {share}")
    by_transcript: dict[str, list[int]] = {}
    for s in segments:
        by_transcript.setdefault(s["transcript"], []).append(int(s["uid"]))
    rng = random.Random(seed)
    out = {}
    for name in sorted(by_transcript):
        uids = sorted(by_transcript[name])
        k = min(len(uids), max(1, math.ceil(round(share * len(uids), 9))))
        out[name] = sorted(rng.sample(uids, k))
    return out


def assign_double(
    store: ProjectStore,
    coders: list[str],
    *,
    share: float = 0.2,
    seed: int | None = None,
    blind: bool = True,
    batch: str | None = None,
) -> Assignment:
    """Assign a random sample of segments to every coder in ``coders`` (two or more)."""
    names = tuple(dict.fromkeys(check_coder(c) for c in coders))
    if len(names) < 2:
        raise DataError(f"double coding needs two or more different coders, got {list(names)}")
    sample = sample_segments(store.segments(), share=share, seed=seed)
    if not sample:
        raise DataError("the project has no segments to assign; run `autocoder ingest` first")
    stamp = now()
    batch = batch or f"double-{stamp}"
    uids = tuple(u for name in sorted(sample) for u in sample[name])
    with store.transaction() as conn:
        before = conn.total_changes
        conn.executemany(
            "INSERT OR IGNORE INTO review_assignments"
            " (segment_uid, coder, batch, blind, created_at) VALUES (?, ?, ?, ?, ?)",
            [(u, c, batch, int(blind), stamp) for u in uids for c in names],
        )
        added = conn.total_changes - before
        detail = {"batch": batch, "coders": list(names), "share": share, "seed": seed,
                  "blind": blind, "n_segments": len(uids)}
        conn.execute(
            "INSERT INTO audit_log (at, actor, action, detail)"
            " VALUES (?, 'autocoder', 'assign', ?)",
            (stamp, json.dumps(detail, ensure_ascii=False)),
        )
    return Assignment(batch, names, uids, {k: len(v) for k, v in sample.items()}, added)
