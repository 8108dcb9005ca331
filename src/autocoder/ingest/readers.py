"""File formats: the bytes of a txt, docx, csv, xlsx, srt or vtt file -> :class:`Source`.

Each reader only knows its format; finding turns in running text is :mod:`.turns`' job.
Readers raise :class:`ReadError` with a reason; :func:`read_transcript` adds the path.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

from autocoder.ingest.decode import DecodeError, decode_text
from autocoder.ingest.model import Line, RawTurn, Source
from autocoder.ingest.subtitles import parse_cues
from autocoder.ingest.tables import Grid, read_grid


class ReadError(ValueError):
    """The file cannot be read in its format; the message says why."""


def _text(data: bytes) -> tuple[str, list[str]]:
    try:
        return decode_text(data)
    except DecodeError as err:
        raise ReadError(str(err)) from None


def text_lines(text: str) -> list[Line]:
    """Physical lines numbered from 1 (any newline convention)."""
    return [Line(n, line) for n, line in enumerate(text.splitlines(), 1)]


def read_txt(data: bytes) -> Source:
    """Plain text: lines, numbered physically."""
    text, warnings = _text(data)
    return Source(lines=text_lines(text), warnings=warnings)


def _grid_source(grid: Grid, what: str) -> Source:
    if grid.columns is None:
        return Source(
            rows=[],
            problem=(
                f"cannot find the speaker and text columns of the {what}; name them in a header "
                "row, e.g. 'Pembicara' / 'Speaker' / 'Nama' and 'Transkrip' / 'Teks' / 'Text'"
            ),
        )
    return Source(rows=grid.turns, metadata=grid.metadata)


def csv_delimiter(text: str) -> str:
    """The separator used most on the first non-empty line: comma, semicolon, tab or pipe."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in ",;\t|"}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(data: bytes) -> Source:
    """CSV (comma, semicolon, tab or pipe separated, Excel quoting): one row per turn."""
    text, warnings = _text(data)
    try:
        reader = csv.reader(io.StringIO(text), delimiter=csv_delimiter(text))
        rows = [row for row in reader if any(c.strip() for c in row)]
    except csv.Error as err:
        raise ReadError(f"not a readable CSV file: {err}") from None
    source = _grid_source(read_grid(rows), "CSV file")
    source.warnings = warnings + source.warnings
    return source


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%H:%M:%S") if value.date() == dt.date(1899, 12, 30) else str(value)
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, dt.timedelta):
        total = int(value.total_seconds())
        return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(data: bytes) -> Source:
    """Excel workbook: the first sheet whose columns name a speaker and a text, one row per turn."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise ReadError(f"not a readable Excel (.xlsx) workbook: {err}") from None
    try:
        first: Source | None = None
        for sheet in book.worksheets:
            rows = [
                [_cell_text(v) for v in row]
                for row in sheet.iter_rows(values_only=True)
                if any(v is not None and str(v).strip() for v in row)
            ]
            source = _grid_source(read_grid(rows), f"sheet {sheet.title!r}")
            if source.rows:
                return source
            first = first or source
        return first or Source(rows=[], problem="the workbook has no sheets")
    finally:
        book.close()


def _docx_blocks(document: Any) -> Iterator[Any]:
    """Paragraphs and tables of the body in document order."""
    yield from document.iter_inner_content()


def _row_cells(row: Any) -> list[str]:
    """Cell texts of a table row, merged cells counted once."""
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        cells.append(cell.text)
    return cells


def read_docx(data: bytes) -> Source:
    """Word document: paragraphs become lines numbered by paragraph (1-based); a table laid
    out as a verbatim sheet (speaker and text columns) gives one turn per row, cited by its
    ``No`` column or its data-row number. Other tables are read as lines, ``key: value`` for
    two-cell rows.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise ReadError(f"not a readable Word (.docx) document: {err}") from None
    source = Source()
    index = 0
    table_rows: list[RawTurn] = []
    for block in _docx_blocks(document):
        if not isinstance(block, Table):
            index += 1
            source.lines.extend(Line(index, part) for part in (block.text or "").split("\n"))
            continue
        rows = [_row_cells(row) for row in block.rows]
        grid = read_grid(rows, first_number=len(table_rows) + 1)
        if grid.columns is not None and grid.turns:
            table_rows.extend(grid.turns)
            source.metadata.update(
                {k: v for k, v in grid.metadata.items() if k not in source.metadata}
            )
            continue
        for cells in rows:
            index += 1
            cells = [c.strip() for c in cells if c.strip()]
            joined = (
                f"{cells[0]}: {cells[1]}"
                if len(cells) == 2 and ":" not in cells[0]
                else " ".join(cells)
            )
            source.lines.extend(Line(index, part) for part in joined.split("\n"))
    if table_rows:
        source.rows = table_rows
    return source


def read_subtitles(data: bytes) -> Source:
    """SubRip or WebVTT: the cues (speakers are found by :mod:`.subtitles`)."""
    text, warnings = _text(data)
    cues = parse_cues(text)
    if not cues:
        return Source(
            rows=[], warnings=warnings, problem="no subtitle cues (no 'start --> end' timing lines)"
        )
    return Source(cues=cues, warnings=warnings)


READERS: dict[str, Callable[[bytes], Source]] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".md": read_txt,
    ".docx": read_docx,
    ".csv": read_csv,
    ".tsv": read_csv,
    ".xlsx": read_xlsx,
    ".xlsm": read_xlsx,
    ".srt": read_subtitles,
    ".vtt": read_subtitles,
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(READERS)

#: Suffixes worth a hint when refused.
CONVERT_HINTS = {
    ".doc": "save it as .docx (Word: File > Save As > Word Document)",
    ".xls": "save it as .xlsx",
    ".rtf": "save it as .docx or .txt",
    ".odt": "save it as .docx",
    ".ods": "save it as .xlsx",
    ".pdf": "export or copy its text to .txt or .docx",
}
