"""Recording and undoing human decisions.

A decision is a row of ``codings`` (coder, time, codes, levels, memo) written in its own
transaction; the machine's suggestion for the segment stays untouched beside it.

Undo never deletes or edits a decision. Undoing decision ``C`` restores the coder's state
just before ``C``:

* if ``C`` replaced an earlier decision ``P``, a new row copying ``P`` (source ``undo``)
  supersedes ``C``;
* if ``C`` was the coder's first decision on the segment, ``C`` is *withdrawn*: it is marked
  superseded by itself, so every reader of current codings (``superseded_by IS NULL``) sees
  the segment as undecided by that coder again.

Each undo is one transaction that also writes a ``coding_undos`` row (which decision was
undone, which row restored what) and an ``undo`` entry in the audit log. Repeated undos walk
back through the coder's decisions in the order they were first made.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from autocoder.codebook import Codebook
from autocoder.errors import DataError
from autocoder.store import MACHINE, Coding, ProjectStore
from autocoder.store.migrations import now


def validate_codes(
    codebook: Codebook, codes: Iterable[str], levels: Mapping[str, int]
) -> list[str]:
    """Problems with a set of codes and levels under ``codebook`` (empty when valid).

    Evidence codes need a level from the codebook; the no-evidence code (such as ``LAIN``)
    takes no level and stands alone.
    """
    codes = list(codes)
    problems = []
    if not codes:
        problems.append("no code given")
    unknown = [c for c in codes if c not in codebook.ids]
    if unknown:
        problems.append(f"unknown code {', '.join(map(repr, unknown))} "
                        f"(expected one of {', '.join(codebook.ids)})")
    if len(set(codes)) != len(codes):
        problems.append("a code is given twice")
    none_id = codebook.none_id
    if none_id in codes and len(codes) > 1:
        problems.append(f"{none_id} cannot be combined with other codes")
    for code in codes:
        if code not in codebook.ids:
            continue
        evidence = codebook.code(code).evidence
        if evidence and code not in levels:
            problems.append(f"code {code} needs a level ({_levels(codebook)})")
        elif not evidence and code in levels:
            problems.append(f"code {code} takes no level")
    for code, level in levels.items():
        if code not in codes:
            problems.append(f"level given for {code!r}, which is not among the codes")
        elif level not in codebook.level_values:
            problems.append(f"level {level} of {code} is out of range ({_levels(codebook)})")
    return problems


def _levels(codebook: Codebook) -> str:
    return "levels " + ", ".join(map(str, codebook.level_values))


def check_coder(coder: str) -> str:
    """A usable coder name, stripped; the machine's name is reserved."""
    name = coder.strip()
    if not name:
        raise DataError("a coder name is required (for example --coder rina)")
    if name == MACHINE:
        raise DataError(f"the coder name {MACHINE!r} is reserved for the machine's suggestions")
    return name


def make_coding(
    codebook: Codebook,
    *,
    segment_uid: int,
    coder: str,
    codes: Iterable[str],
    levels: Mapping[str, int],
    memo: str = "",
    source: str = "review",
) -> Coding:
    """A validated :class:`Coding`; raises :class:`DataError` listing what is wrong."""
    codes = tuple(codes)
    levels = {str(k): int(v) for k, v in levels.items()}
    problems = validate_codes(codebook, codes, levels)
    if problems:
        raise DataError(f"invalid decision on segment {segment_uid}", problems)
    ordered = {c: levels[c] for c in codes if c in levels}
    return Coding(segment_uid, check_coder(coder), codes, ordered, memo.strip(), source)


def record_decision(store: ProjectStore, coding: Coding) -> int:
    """Write one decision in one transaction and drop the coder's lease on the segment."""
    exists = store.conn.execute(
        "SELECT 1 FROM segments s JOIN transcripts t ON t.id = s.transcript_id"
        " WHERE s.uid = ? AND t.is_current = 1", (coding.segment_uid,)
    ).fetchone()
    if not exists:
        raise DataError(f"unknown segment {coding.segment_uid} (not in a current transcript)")
    coding_id = store.add_coding(coding)
    store.conn.execute(
        "DELETE FROM review_leases WHERE segment_uid = ? AND coder = ?",
        (coding.segment_uid, coding.coder),
    )
    return coding_id


@dataclass(frozen=True)
class Undo:
    """What an undo did: ``restored_id`` is None when the decision was withdrawn."""

    segment_uid: int
    undone_id: int
    restored_id: int | None
    restores_id: int | None


def _origin(conn: sqlite3.Connection, coding_id: int) -> int:
    """The decision a row stands for: a restored copy stands for the row it copies."""
    seen = set()
    while coding_id not in seen:
        seen.add(coding_id)
        row = conn.execute(
            "SELECT restores_id FROM coding_undos WHERE restored_id = ?", (coding_id,)
        ).fetchone()
        if row is None or row[0] is None:
            return coding_id
        coding_id = int(row[0])
    return coding_id


def undo_last(store: ProjectStore, coder: str, *, segment_uid: int | None = None) -> Undo | None:
    """Undo the coder's latest decision still in effect (on one segment, if given).

    Returns None when there is nothing to undo.
    """
    with store.transaction() as conn:
        sql = "SELECT * FROM codings WHERE coder = ? AND superseded_by IS NULL"
        params: list[object] = [coder]
        if segment_uid is not None:
            sql += " AND segment_uid = ?"
            params.append(segment_uid)
        current = conn.execute(sql, params).fetchall()
        if not current:
            return None
        row = max(current, key=lambda r: (_origin(conn, r["id"]), r["id"]))
        origin = _origin(conn, row["id"])
        previous = conn.execute(
            "SELECT * FROM codings WHERE superseded_by = ? AND id != ? ORDER BY id DESC LIMIT 1",
            (origin, origin),
        ).fetchone()
        stamp = now()
        restored_id = None
        if previous is not None:
            cur = conn.execute(
                "INSERT INTO codings (segment_uid, coder, codes, levels, memo, source, created_at)"
                " VALUES (?, ?, ?, ?, ?, 'undo', ?)",
                (row["segment_uid"], coder, previous["codes"], previous["levels"],
                 previous["memo"], stamp),
            )
            restored_id = int(cur.lastrowid or 0)
            conn.execute("UPDATE codings SET superseded_by = ? WHERE id = ?",
                         (restored_id, row["id"]))
        else:
            conn.execute("UPDATE codings SET superseded_by = id WHERE id = ?", (row["id"],))
        conn.execute(
            "INSERT INTO coding_undos (coding_id, restored_id, restores_id, actor, undone_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (row["id"], restored_id, None if previous is None else previous["id"], coder, stamp),
        )
        detail = {
            "segment_uid": row["segment_uid"], "coding_id": row["id"],
            "codes": json.loads(row["codes"]),
            "restored_id": restored_id,
            "restored_codes": None if previous is None else json.loads(previous["codes"]),
        }
        conn.execute(
            "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, 'undo', ?)",
            (stamp, coder, json.dumps(detail, ensure_ascii=False)),
        )
        return Undo(int(row["segment_uid"]), int(row["id"]), restored_id,
                    None if previous is None else int(previous["id"]))


def history(store: ProjectStore, segment_uid: int) -> list[dict]:
    """Every decision ever made on a segment, oldest first, with whether it counts now."""
    out = []
    for r in store.conn.execute(
        "SELECT c.*, u.coding_id IS NOT NULL AS undone FROM codings c"
        " LEFT JOIN coding_undos u ON u.coding_id = c.id WHERE c.segment_uid = ? ORDER BY c.id",
        (segment_uid,),
    ):
        d = dict(r)
        d["codes"] = tuple(json.loads(d["codes"]))
        d["levels"] = {k: int(v) for k, v in json.loads(d["levels"]).items()}
        d["current"] = d["superseded_by"] is None
        d["undone"] = bool(d["undone"])
        out.append(d)
    return out


def audit_entries(store: ProjectStore, *, actor: str | None = None) -> list[dict]:
    """The audit log (oldest first), optionally for one actor; ``detail`` decoded."""
    sql, params = "SELECT * FROM audit_log", []
    if actor is not None:
        sql += " WHERE actor = ?"
        params.append(actor)
    rows = [dict(r) for r in store.conn.execute(sql + " ORDER BY id", params)]
    for r in rows:
        r["detail"] = json.loads(r["detail"])
    return rows


def parse_code_entry(text: str, codebook: Codebook) -> tuple[tuple[str, ...], dict[str, int]]:
    """Codes and levels from what a reviewer types, such as ``1:3 4:2`` or ``asesmen:3``.

    Each item is a code (its number in the codebook, from 1, or its id in any case) and,
    after ``:`` or ``=``, a level; items are separated by spaces, commas or semicolons.
    Raises :class:`DataError` when the entry is not a valid decision.

    >>> from autocoder.codebook import load_codebook
    >>> parse_code_entry("1:3 program=2", load_codebook())
    (('ASESMEN', 'PROGRAM'), {'ASESMEN': 3, 'PROGRAM': 2})
    """
    codes: list[str] = []
    levels: dict[str, int] = {}
    problems = []
    by_id = {c.lower(): c for c in codebook.ids}
    for item in text.replace(",", " ").replace(";", " ").split():
        name, sep, level = item.replace("=", ":").partition(":")
        if name.isdigit() and 1 <= int(name) <= len(codebook.ids):
            code = codebook.ids[int(name) - 1]
        elif name.lower() in by_id:
            code = by_id[name.lower()]
        else:
            problems.append(f"unknown code {name!r} (use 1-{len(codebook.ids)} or a code id)")
            continue
        codes.append(code)
        if sep:
            if not level.strip().lstrip("-").isdigit():
                problems.append(f"level {level!r} of {code} is not a number")
                continue
            levels[code] = int(level)
    if problems:
        raise DataError(f"cannot read {text!r}", problems)
    problems = validate_codes(codebook, codes, levels)
    if problems:
        raise DataError(f"cannot use {text!r}", problems)
    return tuple(codes), levels
