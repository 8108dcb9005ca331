"""The coded verbatim workbook: one sheet per transcript, a summary and the codebook.

Every string cell is written as text; a cell that looks like a formula (``=``, ``+``,
``-``, ``@``) also gets Excel's quote prefix, so neither Excel nor LibreOffice runs it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autocoder.export.project import ProjectData
from autocoder.export.tables import (
    format_codes,
    format_levels,
    is_formula_like,
    verbatim_rows,
    xml_safe,
)

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

VERBATIM_HEADER = [
    "Baris", "Pembicara", "Teks", "Kode", "Level", "Keyakinan", "Status", "Coder", "Memo",
    "Segmen",
]
VERBATIM_WIDTHS = [9, 14, 80, 22, 10, 11, 10, 12, 30, 16]
SUMMARY_SHEET = "Ringkasan"
CODEBOOK_SHEET = "Codebook"

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique worksheet title (31 characters at most, no ``[]:*?/\\``)."""
    base = _BAD_SHEET_CHARS.sub("_", name).strip("'") or "Transkrip"
    title, n = base[:31], 2
    while title.lower() in taken:
        suffix = f"~{n}"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def set_cell(ws: Worksheet, row: int, col: int, value: Any) -> Any:
    """Write one cell; strings are always text, never formulas."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = xml_safe(value)
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def _header(ws: Worksheet, columns: Sequence[str], widths: Sequence[int] | None = None) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for j, name in enumerate(columns, 1):
        cell = set_cell(ws, 1, j, name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        if widths:
            ws.column_dimensions[get_column_letter(j)].width = widths[j - 1]
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"
    # printed (thesis appendices): landscape, all columns on one page width, header repeated
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"


def _verbatim_sheet(ws: Worksheet, data: ProjectData, transcript: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    _header(ws, VERBATIM_HEADER, VERBATIM_WIDTHS)
    fills = {c: PatternFill("solid", fgColor=h.lstrip("#")) for c, h in data.code_colors().items()}
    wrap = Alignment(vertical="top", wrap_text=True)
    for i, r in enumerate(verbatim_rows(data, transcript), 2):
        values = [
            r["lines"], r["speaker"], r["text"], format_codes(r["codes"]),
            format_levels(r["codes"], r["levels"]), r["confidence"], r["status"], r["coder"],
            r["memo"], r["segment_id"],
        ]
        for j, v in enumerate(values, 1):
            set_cell(ws, i, j, v).alignment = wrap
        if r["role"] == "interviewer":
            ws.cell(row=i, column=2).font = Font(italic=True)
            ws.cell(row=i, column=3).font = Font(italic=True)
        if r["codes"] and r["codes"][0] in fills:
            ws.cell(row=i, column=4).fill = fills[r["codes"][0]]
        if r["status"] == "review":
            ws.cell(row=i, column=7).font = Font(bold=True, color="C00000")
        ws.row_dimensions[i].height = row_height(values, VERBATIM_WIDTHS)


def row_height(values: Sequence[Any], widths: Sequence[int], *, line_points: float = 15.0) -> float:
    """Height that shows every wrapped cell of a row (spreadsheet programs do not always
    size wrapped rows themselves, e.g. LibreOffice when printing or converting)."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        text = "" if value is None else str(value)
        chars = max(1, int(width * 1.1))
        lines = max(lines, sum(max(1, -(-len(part) // chars)) for part in text.split("\n")))
    return lines * line_points


def _summary_sheet(ws: Worksheet, data: ProjectData) -> None:
    from autocoder.ratings import rate_subjects

    columns = [
        "transcript", "subject", "indicator", "score", "category", "n_evidence",
        "n_human", "n_auto", "n_unreviewed", "segments",
    ]
    _header(ws, columns, [18, 16, 16, 8, 16, 11, 9, 8, 13, 60])
    ratings = rate_subjects(data.codings, data.codebook, data.rubric)
    for i, rating in enumerate(ratings, 2):
        row = rating.as_row()
        row["n_human"] = sum(e.status == "human" for e in rating.evidence)
        row["n_auto"] = sum(e.status == "auto" for e in rating.evidence)
        for j, col in enumerate(columns, 1):
            set_cell(ws, i, j, row[col])


def _codebook_sheet(ws: Worksheet, data: ProjectData) -> None:
    from openpyxl.styles import Font, PatternFill

    book = data.codebook
    columns = ["id", "label", "description", "evidence", "include", "exclude", "examples"]
    _header(ws, columns, [14, 40, 60, 9, 40, 40, 60])
    colors = data.code_colors()
    for i, code in enumerate(book.codes, 2):
        values = [
            code.id, code.label, code.description.strip(), "ya" if code.evidence else "tidak",
            "\n".join(code.include), "\n".join(code.exclude), "\n".join(code.examples),
        ]
        for j, v in enumerate(values, 1):
            set_cell(ws, i, j, v)
        ws.cell(row=i, column=1).fill = PatternFill("solid", fgColor=colors[code.id].lstrip("#"))
    row = len(book.codes) + 3
    set_cell(ws, row, 1, "level").font = Font(bold=True)
    set_cell(ws, row, 2, "label").font = Font(bold=True)
    set_cell(ws, row, 3, "description").font = Font(bold=True)
    for k, level in enumerate(book.levels, row + 1):
        set_cell(ws, k, 1, level.value)
        set_cell(ws, k, 2, level.label)
        set_cell(ws, k, 3, level.description.strip())


def build_workbook(data: ProjectData) -> Workbook:
    """The workbook: a verbatim sheet per transcript, then the summary and the codebook."""
    from openpyxl import Workbook

    wb = Workbook()
    taken: set[str] = {SUMMARY_SHEET.lower(), CODEBOOK_SHEET.lower()}
    first = True
    for t in data.transcripts:
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = sheet_title(t["name"], taken)
        _verbatim_sheet(ws, data, t["name"])
    summary = wb.active if first else wb.create_sheet()
    summary.title = SUMMARY_SHEET
    _summary_sheet(summary, data)
    _codebook_sheet(wb.create_sheet(CODEBOOK_SHEET), data)
    return wb


def xlsx_bytes(data: ProjectData) -> bytes:
    buf = io.BytesIO()
    build_workbook(data).save(buf)
    return buf.getvalue()


def write_xlsx(data: ProjectData, path: str | Path) -> Path:
    path = Path(path)
    path.write_bytes(xlsx_bytes(data))
    return path
