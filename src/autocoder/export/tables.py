"""Rows shared by the CSV and XLSX exports, and the guard against formula injection.

Codes are ``;``-separated; levels are ``;``-separated in the order of the codes that carry
evidence (the none-code such as ``LAIN`` takes no level), the layout ``autocoder agree
coded`` and ``autocoder import csv`` read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from autocoder.export.project import ProjectData

SEGMENT_COLUMNS = [
    "transcript", "subject", "segment_id", "turn", "speaker", "line_start", "line_end",
    "question", "text", "codes", "levels", "confidence", "status", "coder", "memo",
]

#: Leading characters that make Excel or LibreOffice treat a cell as a formula (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_formula_like(value: object) -> bool:
    """True for a string a spreadsheet would evaluate, such as ``=HYPERLINK(...)``."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def csv_safe(value: object) -> object:
    """``value`` with a leading ``'`` when a spreadsheet would run it as a formula.

    >>> csv_safe('=SUM(1)'), csv_safe('-- ya'), csv_safe('biasa'), csv_safe(3)
    ("'=SUM(1)", "'-- ya", 'biasa', 3)
    """
    return "'" + value if is_formula_like(value) else value  # type: ignore[operator]


def xml_safe(text: str) -> str:
    """``text`` without the control characters XML (and so XLSX and QDPX) cannot hold."""
    return _ILLEGAL_XML.sub("", text)


def line_ref(start: int, end: int) -> str:
    """``12`` or ``12–15`` (en dash), as researchers cite transcript lines."""
    return str(start) if not end or end == start else f"{start}–{end}"


def format_codes(codes: Sequence[str]) -> str:
    return ";".join(codes)


def format_levels(codes: Sequence[str], levels: Mapping[str, int]) -> str:
    """Levels in code order, skipping codes without a level: ``('A','LAIN','B') -> '3;2'``."""
    return ";".join(str(levels[c]) for c in codes if c in levels)


def format_confidence(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)


def segment_rows(data: ProjectData) -> list[dict[str, Any]]:
    """One row per segment with its effective coding (columns :data:`SEGMENT_COLUMNS`)."""
    rows = []
    for c in data.codings:
        rows.append({
            "transcript": c["transcript"], "subject": c["subject"],
            "segment_id": c["segment_id"], "turn": c["turn"], "speaker": c["speaker"],
            "line_start": c["line_start"], "line_end": c["line_end"],
            "question": c["question"], "text": c["text"],
            "codes": format_codes(c["codes"]), "levels": format_levels(c["codes"], c["levels"]),
            "confidence": format_confidence(c["confidence"]), "status": c["status"],
            "coder": c["coder"], "memo": c["memo"],
        })
    return rows


def verbatim_rows(data: ProjectData, transcript: str) -> list[dict[str, Any]]:
    """Every turn of a transcript in reading order, respondent turns with their coding.

    A respondent turn cut into several segments gives one row per segment. Interviewer
    turns (and turns without a segment) have empty coding fields.
    """
    by_turn: dict[int, list[dict[str, Any]]] = {}
    for c in data.segments_of(transcript):
        by_turn.setdefault(int(c["turn"]), []).append(c)
    rows: list[dict[str, Any]] = []
    for t in data.turns.get(transcript, []):
        segs = by_turn.get(int(t["turn"]))
        if not segs:
            rows.append({
                "lines": line_ref(t["line_start"], t["line_end"]), "speaker": t["speaker"],
                "role": t["role"], "text": t["text"], "segment_id": "", "codes": (),
                "levels": {}, "confidence": None, "status": "", "coder": "", "memo": "",
            })
            continue
        for c in segs:
            rows.append({
                "lines": line_ref(c["line_start"], c["line_end"]), "speaker": t["speaker"],
                "role": t["role"], "text": c["text"], "segment_id": c["segment_id"],
                "codes": tuple(c["codes"]), "levels": dict(c["levels"]),
                "confidence": format_confidence(c["confidence"]),
                "status": c["status"], "coder": c["coder"], "memo": c["memo"],
            })
    return rows
