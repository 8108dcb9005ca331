"""Review in a spreadsheet: export a coder's queue to XLSX, import the decisions back.

The ``review`` sheet has one row per segment. Segment columns are locked (the sheet is
protected without a password, and they are shaded grey); the reviewer fills ``accept``
(``yes`` takes the suggestion) or up to three code/level pairs, each with a drop-down
list from the codebook, and optionally a memo. Rows left blank are not decisions.

Import checks every row first (unknown segment, edited text, unknown code, level out of
range, ...) and reports all problems by Excel row number; only a clean file is applied,
all rows in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autocoder.codebook import Codebook
from autocoder.errors import DataError
from autocoder.review.decisions import check_coder, parse_code_entry, validate_codes
from autocoder.review.queue import Order, pending
from autocoder.store import Coding, ProjectStore
from autocoder.store.migrations import now

SHEET = "review"
SLOTS = 3
READ_ONLY = ["segment_uid", "segment_id", "transcript", "subject", "lines", "question", "text",
             "suggested", "confidence"]
EDITABLE = ["accept", *[f"{k}_{i}" for i in range(1, SLOTS + 1) for k in ("code", "level")],
            "memo"]
COLUMNS = READ_ONLY + EDITABLE
YES = ("yes", "y", "ya", "x", "1", "true")


def _entry(codes: Any, levels: dict[str, int]) -> str:
    return " ".join(f"{c}:{levels[c]}" if c in levels else c for c in codes)


def export_queue(
    store: ProjectStore,
    codebook: Codebook,
    coder: str,
    path: str | Path,
    *,
    order: Order = "uncertainty",
    include_all: bool = False,
) -> int:
    """Write the coder's queue to ``path`` (XLSX); return the number of segment rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    coder = check_coder(coder)
    items = pending(store, coder, order=order, include_all=include_all)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(COLUMNS)
    for item in items:
        seg, sug = item.segment, item.suggestion
        shown = _entry(sug["codes"], sug["levels"]) if sug else ""
        ws.append([
            seg["uid"], seg["segment_id"], seg["transcript"], seg["subject"],
            f"{seg['line_start']}-{seg['line_end']}", seg["question"], seg["text"],
            "(hidden: blind)" if item.blind else shown,
            None if sug is None else round(float(sug["confidence"]), 3),
            *[None] * len(EDITABLE),
        ])

    grey = PatternFill("solid", fgColor="E7E6E6")
    n = len(items)
    for col, name in enumerate(COLUMNS, 1):
        letter = get_column_letter(col)
        ws[f"{letter}1"].font = Font(bold=True)
        width = {"question": 50, "text": 70, "suggested": 28, "memo": 40}.get(name, 13)
        ws.column_dimensions[letter].width = width
        for row in range(2, n + 2):
            cell = ws.cell(row=row, column=col)
            if name in READ_ONLY:
                cell.fill = grey
                if name in ("question", "text"):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.protection = Protection(locked=False)
    ws.freeze_panes = "C2"
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False

    book = wb.create_sheet("codebook")
    book.append(["code", "label", "", "level", "label"])
    levels = sorted(codebook.levels, key=lambda lv: lv.value)
    for i in range(max(len(codebook.codes), len(levels))):
        code = codebook.codes[i] if i < len(codebook.codes) else None
        level = levels[i] if i < len(levels) else None
        book.append([code.id if code else None, code.label if code else None, None,
                     level.value if level else None, level.label if level else None])
    book.protection.sheet = True

    info = wb.create_sheet("info")
    for key, value in (("coder", coder), ("exported_at", now()), ("rows", n),
                       ("how", "Fill 'accept' (yes) or code/level pairs; leave a row blank to "
                               "skip it. Import with: autocoder review import FILE")):
        info.append([key, value])
    info.protection.sheet = True

    last = n + 1
    rules = [
        (DataValidation(type="list", formula1="\"yes\"", allow_blank=True), ["accept"]),
        (DataValidation(type="list", formula1=f"codebook!$A$2:$A${len(codebook.codes) + 1}",
                        allow_blank=True), [f"code_{i}" for i in range(1, SLOTS + 1)]),
        (DataValidation(type="list",
                        formula1='"' + ",".join(map(str, codebook.level_values)) + '"',
                        allow_blank=True), [f"level_{i}" for i in range(1, SLOTS + 1)]),
    ]
    for dv, names in rules:
        dv.showErrorMessage = True
        dv.error = "Choose a value from the list."
        ws.add_data_validation(dv)
        for name in names:
            letter = get_column_letter(COLUMNS.index(name) + 1)
            dv.add(f"{letter}2:{letter}{max(last, 2)}")
    wb.save(path)
    return n


@dataclass(frozen=True)
class ImportResult:
    """Outcome of :func:`import_decisions`."""

    coder: str
    applied: int
    skipped: int
    coding_ids: tuple[int, ...]


def _text(value: Any) -> str:
    return "" if value is None else str(value).replace("\r\n", "\n").strip()


def _level(value: Any) -> int | None | str:
    """A level cell as int (None when empty); the raw text when it is not a whole number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    return int(text) if text.lstrip("-").isdigit() else text


def read_decisions(
    store: ProjectStore, codebook: Codebook, path: str | Path, *, coder: str | None = None
) -> tuple[str, list[Coding], int]:
    """Validate an exported review sheet; return (coder, codings, rows skipped).

    Raises :class:`DataError` listing every problem by row number; nothing is written.
    """
    from openpyxl import load_workbook

    path = Path(path)
    try:
        wb = load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except Exception as err:  # openpyxl raises many kinds for a file that is not XLSX
        raise DataError(f"{path}: not a readable XLSX file ({err})") from None
    if SHEET not in wb.sheetnames:
        raise DataError(f"{path}: no sheet named {SHEET!r}; export one with "
                        "`autocoder review export`")
    if coder is None and "info" in wb.sheetnames:
        meta = {r[0]: r[1] for r in wb["info"].iter_rows(values_only=True) if r and r[0]}
        coder = meta.get("coder")
    if not coder:
        raise DataError(f"{path}: no coder named in the file; pass --coder NAME")
    coder = check_coder(str(coder))

    rows = wb[SHEET].iter_rows(values_only=True)
    header = [_text(h) for h in next(rows, ())]
    missing = [c for c in ["segment_uid", "segment_id", "text", "suggested", *EDITABLE]
               if c not in header]
    if missing:
        raise DataError(f"{path}: sheet {SHEET!r} lacks columns {', '.join(missing)}")
    col = {name: header.index(name) for name in header if name}
    segments = {int(s["uid"]): s for s in store.segments()}

    problems: list[str] = []
    codings: list[Coding] = []
    seen: dict[int, int] = {}
    skipped = 0
    for rownum, values in enumerate(rows, start=2):
        cells = list(values) + [None] * (len(header) - len(values))
        if all(_text(v) == "" for v in cells):
            continue

        def get(name: str, _cells: list[Any] = cells) -> Any:
            return _cells[col[name]]

        where = f"row {rownum}"
        raw_uid = get("segment_uid")
        try:
            uid = int(raw_uid)
        except (TypeError, ValueError):
            problems.append(f"{where}: segment_uid {raw_uid!r} is not a number")
            continue
        seg = segments.get(uid)
        if seg is None or seg["segment_id"] != _text(get("segment_id")):
            problems.append(f"{where}: unknown segment {_text(get('segment_id')) or uid!s} "
                            f"(uid {uid}) in this project")
            continue
        if _text(get("text")) != _text(seg["text"]):
            problems.append(f"{where}: the text of segment {seg['segment_id']} was edited; "
                            "segment columns are read-only")
            continue
        if uid in seen:
            problems.append(f"{where}: segment {seg['segment_id']} already given in row "
                            f"{seen[uid]}")
            continue
        seen[uid] = rownum

        accept = _text(get("accept")).lower()
        codes: list[str] = []
        levels: dict[str, int] = {}
        row_problems = []
        for i in range(1, SLOTS + 1):
            code = _text(get(f"code_{i}"))
            level = _level(get(f"level_{i}"))
            if not code:
                if level is not None:
                    row_problems.append(f"level_{i} is filled but code_{i} is empty")
                continue
            codes.append(code)
            if isinstance(level, str):
                row_problems.append(f"level_{i} {level!r} is not a number")
            elif level is not None:
                levels[code] = level
        memo = _text(get("memo"))
        if accept:
            if accept not in YES:
                row_problems.append(f"accept must be 'yes' or empty, not {accept!r}")
            elif codes:
                row_problems.append("both accept and codes are filled; use one")
            else:
                suggested = _text(get("suggested"))
                if not suggested or suggested.startswith("("):
                    row_problems.append("accept is 'yes' but there is no suggestion to accept")
                else:
                    try:
                        codes_t, levels = parse_code_entry(suggested, codebook)
                        codes = list(codes_t)
                    except DataError as err:
                        row_problems.append(f"the suggestion cell was changed: {err}")
        elif not codes:
            if memo:
                row_problems.append("a memo without a decision (fill accept or codes)")
            else:
                skipped += 1
            problems.extend(f"{where}: {p}" for p in row_problems)
            continue
        if not row_problems:
            row_problems = validate_codes(codebook, codes, levels)
        if row_problems:
            problems.extend(f"{where}: {p}" for p in row_problems)
            continue
        codings.append(Coding(uid, coder, tuple(codes), levels, memo, "spreadsheet"))
    if problems:
        raise DataError(f"{path}: {len(problems)} problem(s); nothing was imported", problems)
    return coder, codings, skipped


def import_decisions(
    store: ProjectStore, codebook: Codebook, path: str | Path, *, coder: str | None = None
) -> ImportResult:
    """Validate every row of an exported review sheet, then apply all rows or none."""
    name, codings, skipped = read_decisions(store, codebook, path, coder=coder)
    ids = store.add_codings(codings) if codings else []
    return ImportResult(name, len(ids), skipped, tuple(ids))
