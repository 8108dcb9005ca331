"""Turn a grid of cells (CSV, sheet, Word table) into speaker turns, one row per turn."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from autocoder.ingest.model import RawTurn
from autocoder.ingest.vocab import LINE_COLUMNS, SPEAKER_COLUMNS, TEXT_COLUMNS, TIME_COLUMNS, norm

_HEADER_SCAN = 20
_TIME = re.compile(r"[\[(]?\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?[\])]?")
_INT = re.compile(r"\d{1,6}")


@dataclass(frozen=True)
class Columns:
    """Column indexes of a verbatim grid; ``header`` is the header row's index or ``None``."""

    speaker: int
    text: int
    timestamp: int | None = None
    line: int | None = None
    header: int | None = None


@dataclass
class Grid:
    """The turns read from a grid plus ``Key | value`` rows above its header."""

    turns: list[RawTurn] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    columns: Columns | None = None


def _match(names: Sequence[str], header: Sequence[str], taken: set[int]) -> int | None:
    """Index of the column named like one of ``names``: exact first, then by a word in it."""
    cells = [norm(h).strip(" :.") for h in header]
    for name in names:
        for i, cell in enumerate(cells):
            if i not in taken and cell == name:
                return i
    for name in names:
        for i, cell in enumerate(cells):
            if i not in taken and " " not in name and name in cell.split(" "):
                return i
    return None


def columns_by_name(header: Sequence[str]) -> Columns | None:
    """Columns from header names (English or Indonesian, any case), or ``None``."""
    taken: set[int] = set()
    text = _match(TEXT_COLUMNS, header, taken)
    if text is None:
        return None
    taken.add(text)
    speaker = _match(SPEAKER_COLUMNS, header, taken)
    if speaker is None:
        return None
    taken.add(speaker)
    timestamp = _match(TIME_COLUMNS, header, taken)
    if timestamp is not None:
        taken.add(timestamp)
    line = _match(LINE_COLUMNS, header, taken)
    return Columns(speaker, text, timestamp, line)


def columns_by_shape(rows: Sequence[Sequence[str]]) -> Columns | None:
    """Guess columns without names: few short recurring values = speaker, longest = text."""
    width = max((len(r) for r in rows), default=0)
    if width < 2 or len(rows) < 2:
        return None
    cols = [[r[i].strip() if i < len(r) else "" for r in rows] for i in range(width)]
    filled = [[v for v in col if v] for col in cols]
    mean_len = [sum(map(len, col)) / max(len(col), 1) for col in filled]
    text = max(range(width), key=lambda i: mean_len[i])
    speaker = None
    for i in range(width):
        values = filled[i]
        if i == text or not values or any(len(v) > 30 for v in values):
            continue
        if all(_INT.fullmatch(v) or _TIME.fullmatch(v) for v in values):
            continue
        distinct = Counter(values)
        if len(distinct) <= max(4, len(values) // 3) and distinct.most_common(1)[0][1] >= 2:
            speaker = i
            break
    if speaker is None:
        return None
    others = [i for i in range(width) if i not in (speaker, text)]
    line = next(
        (i for i in others if filled[i] and all(_INT.fullmatch(v) for v in filled[i])), None
    )
    stamp = next(
        (i for i in others if filled[i] and all(_TIME.fullmatch(v) for v in filled[i])), None
    )
    return Columns(speaker, text, stamp, line)


def find_columns(rows: Sequence[Sequence[str]]) -> Columns | None:
    """Find the header row among the first rows by its names, else guess by shape."""
    for i, row in enumerate(rows[:_HEADER_SCAN]):
        found = columns_by_name(row)
        if found is not None:
            return Columns(found.speaker, found.text, found.timestamp, found.line, header=i)
    guessed = columns_by_shape(rows[1:]) if len(rows) > 2 else None
    if guessed is None:
        return None
    first = rows[0]
    speakers = {r[guessed.speaker].strip() for r in rows[1:] if guessed.speaker < len(r)}
    first_speaker = first[guessed.speaker].strip() if guessed.speaker < len(first) else ""
    header = None if first_speaker in speakers else 0
    return Columns(guessed.speaker, guessed.text, guessed.timestamp, guessed.line, header)


def _cell(row: Sequence[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def read_grid(rows: Sequence[Sequence[str]], *, first_number: int = 1) -> Grid:
    """Read turns from ``rows`` of cell strings.

    Lines are cited by the row's line column when it holds a number, else by the data row's
    position (counting from ``first_number``). A row without a speaker continues the previous
    turn; a row without text is skipped. Two-cell rows above the header become metadata.
    """
    grid = Grid()
    columns = find_columns(rows)
    if columns is None:
        return grid
    grid.columns = columns
    start = 0 if columns.header is None else columns.header + 1
    for row in rows[: columns.header or 0]:
        cells = [c.strip() for c in row if c.strip()]
        if len(cells) == 2:
            grid.metadata.setdefault(cells[0].rstrip(":").strip(), cells[1])
    for n, row in enumerate(rows[start:], first_number):
        speaker, text = _cell(row, columns.speaker), _cell(row, columns.text)
        printed = _cell(row, columns.line)
        number = int(printed) if _INT.fullmatch(printed) else n
        if not text:
            continue
        if not speaker and grid.turns:
            last = grid.turns[-1]
            last.text = f"{last.text} {text}"
            last.line_end = number
            continue
        if not speaker:
            continue
        stamp = _cell(row, columns.timestamp).strip("[]()") or None
        grid.turns.append(RawTurn(speaker, text, number, number, stamp))
    for turn in grid.turns:
        turn.text = " ".join(turn.text.split())
    return grid
