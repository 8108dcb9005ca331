"""The review queue: which segment a coder sees next, and leases so two people never clash.

A coder's queue holds, first, the segments assigned to them for double coding (shown blind
when the assignment says so) and then the segments the machine routed to review (with
``include_all``: every segment that has no human decision yet). Segments another coder has
decided, or that are assigned to someone for double coding, are not in anyone else's
queue. Already decided segments never come back, so a review resumes where it stopped.

``claim_next`` takes the next free segment and leases it to the coder for a while (a row in
``review_leases``); a segment leased by someone else is passed over until its lease expires
or is released, unless it is assigned to both for double coding.
"""

from __future__ import annotations

import time
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, Literal

from autocoder.store import ProjectStore

Order = Literal["uncertainty", "transcript"]
ORDERS: tuple[str, ...] = ("uncertainty", "transcript")
LEASE_SECONDS = 600.0


@dataclass(frozen=True)
class ReviewItem:
    """One segment to review, with what the coder may see of others' work."""

    segment: dict[str, Any]
    suggestion: dict[str, Any] | None
    """The machine's suggestion; None when there is none or the review is blind."""
    blind: bool = False
    assigned: bool = False
    others: list[dict[str, Any]] = field(default_factory=list)
    """Other coders' current decisions (always empty when blind)."""

    @property
    def uid(self) -> int:
        return int(self.segment["uid"])

    def to_dict(self) -> dict[str, Any]:
        sug = None
        if self.suggestion is not None:
            sug = {k: self.suggestion[k] for k in
                   ("codes", "levels", "confidence", "level_confidence", "status", "model")}
            sug["codes"] = list(sug["codes"])
        return {
            "segment": dict(self.segment), "suggestion": sug, "blind": self.blind,
            "assigned": self.assigned,
            "others": [{"coder": o["coder"], "codes": list(o["codes"]), "levels": o["levels"]}
                       for o in self.others],
        }


def assignments(store: ProjectStore, coder: str | None = None) -> dict[int, dict[str, Any]]:
    """Double-coding assignments by segment uid (of one coder, or of anyone)."""
    sql, params = "SELECT * FROM review_assignments", []
    if coder is not None:
        sql += " WHERE coder = ?"
        params.append(coder)
    rows = store.conn.execute(sql + " ORDER BY id", params)
    return {int(r["segment_uid"]): dict(r) for r in rows}


def pending(
    store: ProjectStore,
    coder: str,
    *,
    order: Order = "uncertainty",
    include_all: bool = False,
    exclude: Collection[int] = (),
) -> list[ReviewItem]:
    """The coder's queue, in review order (assigned segments first)."""
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}, not {order!r}")
    suggestions = store.suggestions()
    codings = store.codings()
    decided_by: dict[int, list[dict[str, Any]]] = {}
    for c in codings:
        decided_by.setdefault(int(c["segment_uid"]), []).append(c)
    mine = assignments(store, coder)
    assigned_any = {int(r[0]) for r in store.conn.execute(
        "SELECT DISTINCT segment_uid FROM review_assignments")}
    assigned_items, queue_items = [], []
    for seg in store.segments():
        uid = int(seg["uid"])
        if uid in exclude:
            continue
        deciders = decided_by.get(uid, [])
        sug = suggestions.get(uid)
        if uid in mine:
            if any(c["coder"] == coder for c in deciders):
                continue
            blind = bool(mine[uid]["blind"])
            assigned_items.append(ReviewItem(
                seg, None if blind else sug, blind=blind, assigned=True,
                others=[] if blind else deciders,
            ))
        elif uid not in assigned_any and not deciders:
            if include_all or (sug is not None and sug["status"] == "review"):
                queue_items.append(ReviewItem(seg, sug))
    if order == "uncertainty":
        # Uncertainty sampling: least confident first; no suggestion at all counts as least.
        queue_items.sort(key=lambda it: -1.0 if it.suggestion is None
                         else float(it.suggestion["confidence"]))
    return assigned_items + queue_items


def _leased_by_others(store: ProjectStore, coder: str, at: float) -> set[int]:
    return {int(r[0]) for r in store.conn.execute(
        "SELECT segment_uid FROM review_leases WHERE coder != ? AND expires_at > ?", (coder, at))}


def claim_next(
    store: ProjectStore,
    coder: str,
    *,
    order: Order = "uncertainty",
    include_all: bool = False,
    exclude: Collection[int] = (),
    prefer: int | None = None,
    lease_seconds: float = LEASE_SECONDS,
) -> ReviewItem | None:
    """Lease the coder's next segment (``prefer`` first, if still in the queue) and return it.

    One transaction: the coder's earlier leases are released, expired leases dropped, and
    segments leased by other coders passed over (unless assigned to this coder). Returns
    None when nothing is left.
    """
    with store.transaction() as conn:
        at = time.time()
        conn.execute("DELETE FROM review_leases WHERE expires_at <= ? OR coder = ?", (at, coder))
        taken = _leased_by_others(store, coder, at)
        items = pending(store, coder, order=order, include_all=include_all, exclude=exclude)
        free = [it for it in items if it.assigned or it.uid not in taken]
        if not free:
            return None
        chosen = next((it for it in free if it.uid == prefer), free[0])
        conn.execute(
            "INSERT OR REPLACE INTO review_leases (segment_uid, coder, expires_at)"
            " VALUES (?, ?, ?)",
            (chosen.uid, coder, at + lease_seconds),
        )
        return chosen


def release(store: ProjectStore, coder: str, segment_uid: int | None = None) -> None:
    """Give back the coder's lease on one segment (or all of them)."""
    if segment_uid is None:
        store.conn.execute("DELETE FROM review_leases WHERE coder = ?", (coder,))
    else:
        store.conn.execute("DELETE FROM review_leases WHERE coder = ? AND segment_uid = ?",
                           (coder, segment_uid))


def leased_by_other(store: ProjectStore, coder: str, segment_uid: int) -> str | None:
    """The other coder holding a live lease on the segment, if any (and not double coding)."""
    if segment_uid in assignments(store, coder):
        return None
    row = store.conn.execute(
        "SELECT coder FROM review_leases WHERE segment_uid = ? AND coder != ? AND expires_at > ?",
        (segment_uid, coder, time.time()),
    ).fetchone()
    return None if row is None else str(row[0])


@dataclass(frozen=True)
class Progress:
    done: int
    remaining: int


def progress(
    store: ProjectStore, coder: str, *, order: Order = "uncertainty", include_all: bool = False
) -> Progress:
    """Decisions the coder has in effect, and segments left in their queue."""
    done = len(store.codings(coder=coder))
    left = len(pending(store, coder, order=order, include_all=include_all))
    return Progress(done, left)


def context_turns(
    store: ProjectStore, segment: dict[str, Any], *, before: int = 3, after: int = 2
) -> list[dict[str, Any]]:
    """The turns around a segment, the segment's own turn included."""
    turn = int(segment["turn"])
    return [t for t in store.turns(segment["transcript"])
            if turn - before <= int(t["turn"]) <= turn + after]
