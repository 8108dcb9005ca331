"""Reading coded files and rating tables (the I/O edge of the agreement package).

Three layouts, all CSV (UTF-8, comma-separated) or XLSX:

* coded files, one per coder: columns ``transcript, turn, codes, levels`` or
  ``segment_id, codes, levels``; ``codes`` and ``levels`` are ``;``-separated, levels in
  the order of the codes (the none-code ``LAIN`` takes no level). An empty ``codes`` cell
  means the coder did not code that segment; ``LAIN`` means no code applies.
* a reliability matrix: a header row of coder names, one row per unit, empty = missing.
* a count table (Fleiss' layout): a header row of category names, one row per subject.

Errors are :class:`autocoder.errors.DataError` listing the bad rows (row 1 = header).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from autocoder.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a CSV or XLSX file with every cell as a stripped string ('' for blanks)."""
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    try:
        if path.suffix.lower() in EXCEL_SUFFIXES:
            df = pd.read_excel(path, dtype=str, keep_default_na=False)
        else:
            df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except Exception as err:  # pandas raises many kinds; report them as data errors
        raise DataError(f"{path}: cannot read as CSV/XLSX ({err})") from None
    df.columns = [str(c).strip() for c in df.columns]
    return df.map(lambda v: "" if v is None else str(v).strip())


def _numbers_or_strings(values: list[str]) -> list[object]:
    """Numbers when every non-blank cell is numeric (ints when all whole), else strings."""
    filled = [v for v in values if v != ""]
    try:
        nums = [float(v) for v in filled]
    except ValueError:
        return [None if v == "" else v for v in values]
    if any(math.isnan(x) or math.isinf(x) for x in nums):
        return [None if v == "" else v for v in values]
    whole = all(x == int(x) for x in nums)
    return [None if v == "" else (int(float(v)) if whole else float(v)) for v in values]


def read_reliability_matrix(path: str | Path) -> pd.DataFrame:
    """Units x coders table; blank cells become ``None``; numeric if every value is.

    Units that no coder rated are dropped.
    """
    import pandas as pd

    df = read_table(path)
    if df.shape[1] < 2:
        raise DataError(
            f"{path}: a reliability matrix needs a header row of at least two coder names; "
            f"got columns {list(df.columns)}"
        )
    flat = _numbers_or_strings(df.to_numpy().ravel().tolist())
    out = pd.DataFrame(
        [flat[i * df.shape[1] : (i + 1) * df.shape[1]] for i in range(df.shape[0])],
        columns=df.columns,
        dtype=object,
    )
    out = out[out.notna().any(axis=1)].reset_index(drop=True)
    if out.empty:
        raise DataError(f"{path}: no ratings found")
    return out


def read_counts(path: str | Path) -> pd.DataFrame:
    """Subjects x categories table of rating counts (blank = 0)."""
    df = read_table(path)
    if df.shape[1] < 2:
        raise DataError(f"{path}: a count table needs at least two category columns")
    problems = []
    for r, row in enumerate(df.itertuples(index=False), start=2):
        for col, v in zip(df.columns, row, strict=True):
            if v != "" and not (v.isdigit() or (_is_number(v) and float(v) == int(float(v)) >= 0)):
                problems.append(f"row {r}, column {col!r}: expected a count >= 0, got {v!r}")
    if problems:
        raise DataError(f"{path}: invalid count table", problems)
    out = df.map(lambda v: int(float(v)) if v != "" else 0)
    if out.empty:
        raise DataError(f"{path}: no subjects (rows) found")
    return out


def _is_number(v: str) -> bool:
    try:
        float(v)
    except ValueError:
        return False
    return True


def _unit_id(transcript: str, turn: str) -> str:
    if _is_number(turn) and float(turn) == int(float(turn)):
        turn = str(int(float(turn)))
    return f"{transcript}#{turn}"


def _parse_row(
    codes_cell: str, levels_cell: str, none_code: str, row: int, problems: list[str]
) -> tuple[tuple[str, ...], dict[str, int]]:
    codes = [c.strip() for c in codes_cell.split(";") if c.strip()]
    raw = [v.strip() for v in levels_cell.split(";")] if levels_cell else []
    real = [c for c in codes if c != none_code]
    if not raw:
        pairs: list[tuple[str, str]] = []
    elif len(raw) == len(codes):
        pairs = list(zip(codes, raw, strict=True))
    elif len(raw) == len(real):
        pairs = list(zip(real, raw, strict=True))
    else:
        problems.append(
            f"row {row}: {len(raw)} level(s) {levels_cell!r} for {len(codes)} code(s) "
            f"{codes_cell!r}; give one level per code, in the same order"
        )
        return tuple(codes), {}
    levels: dict[str, int] = {}
    for code, value in pairs:
        if value == "":
            continue
        if code == none_code:
            problems.append(f"row {row}: {none_code} takes no level; got {value!r}")
        elif _is_number(value) and float(value) == int(float(value)):
            levels[code] = int(float(value))
        else:
            problems.append(f"row {row}: level of {code} must be a whole number; got {value!r}")
    if len(set(codes)) != len(codes):
        problems.append(f"row {row}: a code is repeated in {codes_cell!r}")
    return tuple(codes), levels


def read_coded_files(
    paths: Sequence[str | Path],
    *,
    coders: Sequence[str] | None = None,
    none_code: str = "LAIN",
) -> pd.DataFrame:
    """Read one coded file per coder into the long table ``unit, coder, codes, levels``.

    Files are aligned by ``segment_id`` when every file has one, else by ``transcript`` and
    ``turn`` (unit id ``"transcript#turn"``). Coder names default to the file names.
    """
    import pandas as pd

    if len(paths) < 2:
        raise DataError(f"agreement needs at least two coded files; got {len(paths)}")
    if coders is None:
        stems = [Path(p).stem for p in paths]
        coders = [s if stems.count(s) == 1 else f"{s}_{i + 1}" for i, s in enumerate(stems)]
    coders = [c.strip() for c in coders]
    if len(coders) != len(paths):
        raise DataError(f"{len(coders)} coder name(s) for {len(paths)} file(s): give one per file")
    if len(set(coders)) != len(coders) or "" in coders:
        raise DataError(f"coder names must be distinct and non-empty; got {list(coders)}")
    tables = [read_table(p) for p in paths]
    lowered = [t.rename(columns=str.lower) for t in tables]
    by_segment = all("segment_id" in t.columns for t in lowered)
    rows = []
    for path, coder, df in zip(paths, coders, lowered, strict=True):
        need = ["segment_id", "codes"] if by_segment else ["transcript", "turn", "codes"]
        lacking = [c for c in need if c not in df.columns]
        if lacking:
            raise DataError(
                f"{path}: lacks column(s) {', '.join(lacking)}; expected transcript, turn, "
                "codes, levels (or segment_id, codes, levels in every file)"
            )
        problems: list[str] = []
        seen: dict[str, int] = {}
        for r, rec in enumerate(df.to_dict("records"), start=2):
            if by_segment:
                unit = rec["segment_id"]
            else:
                unit = _unit_id(rec["transcript"], rec["turn"])
            if unit in ("", "#") or unit.startswith("#") or unit.endswith("#"):
                problems.append(f"row {r}: no segment id / transcript and turn")
                continue
            if rec["codes"] == "":
                continue  # not coded by this coder
            if unit in seen:
                problems.append(f"row {r}: segment {unit} already coded in row {seen[unit]}")
                continue
            seen[unit] = r
            codes, levels = _parse_row(rec["codes"], rec.get("levels", ""), none_code, r, problems)
            rows.append({"unit": unit, "coder": coder, "codes": codes, "levels": levels})
        if problems:
            raise DataError(f"{path}: invalid rows", problems)
    return pd.DataFrame(rows, columns=["unit", "coder", "codes", "levels"])
