"""Read human-coded segments (gold files) for training and evaluation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from autocoder.codebook import Codebook
from autocoder.errors import DataError

REQUIRED = ("text", "codes")


def split_list(value: object) -> list[str]:
    """``"ASESMEN; PROGRAM"`` -> ``["ASESMEN", "PROGRAM"]`` (empty cells -> ``[]``)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [p.strip() for p in str(value).replace(",", ";").split(";") if p.strip()]


def parse_levels(codes: Sequence[str], levels: object, *, none_id: str | None) -> dict[str, int]:
    """Pair levels with the evidence codes they follow, in order."""
    values = split_list(levels)
    evidence = [c for c in codes if c != none_id]
    if len(values) != len(evidence):
        raise ValueError(f"{len(evidence)} evidence code(s) but {len(values)} level(s)")
    return {c: int(float(v)) for c, v in zip(evidence, values)}


def read_table(path: Path) -> pd.DataFrame:
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return pd.read_excel(path, dtype=str)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def load_coded_segments(paths: Iterable[str | Path], codebook: Codebook) -> pd.DataFrame:
    """Gold rows from CSV/XLSX files: ``text``, ``codes``, ``levels`` and optionally
    ``question``, ``transcript``, ``turn``, ``subject``, ``segment_id``.

    Returns a frame with ``codes`` as tuples and ``levels`` as dicts. Every bad row is
    reported with its file and row number; nothing is returned if any row is bad.
    """
    frames, problems = [], []
    known = set(codebook.ids)
    for path in map(Path, paths):
        try:
            df = read_table(path)
        except Exception as err:  # noqa: BLE001 - pandas raises many kinds
            problems.append(f"{path}: cannot read ({err})")
            continue
        missing = [c for c in REQUIRED if c not in df.columns]
        if missing:
            problems.append(f"{path}: missing column(s) {missing}; has {list(df.columns)}")
            continue
        df = df.fillna("")
        codes_col, levels_col = [], []
        for i, row in enumerate(df.itertuples(index=False), start=2):
            codes = split_list(row.codes)
            unknown = [c for c in codes if c not in known]
            if not codes or unknown:
                problems.append(f"{path}:{i}: " + (f"unknown code(s) {unknown}" if unknown else "no codes"))
                codes_col.append(())
                levels_col.append({})
                continue
            try:
                levels = parse_levels(codes, getattr(row, "levels", ""), none_id=codebook.none_id)
                bad = [v for v in levels.values() if v not in codebook.level_values]
                if bad:
                    raise ValueError(f"level(s) {bad} not in {codebook.level_values}")
            except ValueError as err:
                problems.append(f"{path}:{i}: {err}")
                levels = {}
            codes_col.append(tuple(codes))
            levels_col.append(levels)
        df["codes"] = codes_col
        df["levels"] = levels_col
        df["source"] = str(path)
        for col, default in (("question", ""), ("subject", ""), ("turn", "")):
            if col not in df.columns:
                df[col] = default
        if "transcript" not in df.columns:
            df["transcript"] = path.stem
        frames.append(df)
    if problems:
        raise DataError("coded data has problems; nothing was loaded", problems)
    if not frames:
        raise DataError("no coded data given")
    out = pd.concat(frames, ignore_index=True)
    if "segment_id" not in out.columns:
        out["segment_id"] = [f"{t}-{int(n):03d}" if str(n).isdigit() else f"{t}-{i}"
                             for i, (t, n) in enumerate(zip(out["transcript"], out["turn"]))]
    return out
