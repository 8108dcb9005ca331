"""Read human-coded segments (gold files) for training and evaluation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from autocoder.codebook import Codebook
from autocoder.errors import DataError

REQUIRED = ("text", "codes")
#: Other names researchers give the columns (matched case-insensitively).
COLUMN_ALIASES = {
    "text": ("text", "teks", "jawaban", "answer", "segment", "segmen", "transkrip", "isi"),
    "codes": ("codes", "code", "kode", "koding", "coding", "indikator"),
    "levels": ("levels", "level", "tingkat", "skor", "score"),
    "question": ("question", "pertanyaan"),
    "transcript": ("transcript", "transkrip_id", "file", "berkas"),
    "subject": ("subject", "subjek", "informan", "responden"),
    "turn": ("turn", "giliran"),
}


def split_list(value: object) -> list[str]:
    """Split a cell on ``;``, ``,`` or ``|``: ``"A; B"`` -> ``["A", "B"]``; empty -> ``[]``."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    text = str(value).replace(",", ";").replace("|", ";")
    return [p.strip() for p in text.split(";") if p.strip()]


def parse_levels(codes: Sequence[str], levels: object, *, none_id: str | None) -> dict[str, int]:
    """Pair levels with the evidence codes: ``"3;2"`` in code order, or ``"ASESMEN=3;PROGRAM:2"``.

    An empty cell means the levels are not known (they are then left out of level training
    and level scores).
    """
    values = split_list(levels)
    evidence = [c for c in codes if c != none_id]
    if not values:
        return {}
    if all(("=" in v or ":" in v) for v in values):
        pairs = [v.replace(":", "=").split("=", 1) for v in values]
        named = {k.strip().upper(): int(float(x)) for k, x in pairs}
        by_upper = {c.upper(): c for c in evidence}
        unknown = sorted(set(named) - set(by_upper))
        if unknown:
            raise ValueError(f"levels for code(s) {unknown} that the row does not carry")
        return {by_upper[k]: v for k, v in named.items()}
    if len(values) != len(evidence):
        raise ValueError(f"{len(evidence)} evidence code(s) but {len(values)} level(s)")
    return {c: int(float(v)) for c, v in zip(evidence, values, strict=True)}


def _standard_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Rename known aliases (any case) to the standard column names."""
    lower = {str(c).strip().lower(): c for c in df.columns}
    renames = {}
    for standard, aliases in COLUMN_ALIASES.items():
        if standard in df.columns:
            continue
        for alias in aliases:
            if alias in lower and lower[alias] not in renames:
                renames[lower[alias]] = standard
                break
    return df.rename(columns=renames)


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
    by_upper = {c.upper(): c for c in codebook.ids}
    for path in map(Path, paths):
        try:
            df = read_table(path)
        except Exception as err:  # noqa: BLE001 - pandas raises many kinds
            problems.append(f"{path}: cannot read ({err})")
            continue
        df = _standard_columns(df)
        missing = [c for c in REQUIRED if c not in df.columns]
        if missing:
            problems.append(f"{path}: missing column(s) {missing}; has {list(df.columns)}")
            continue
        df = df.fillna("")
        codes_col, levels_col = [], []
        for i, row in enumerate(df.itertuples(index=False), start=2):
            codes = [by_upper.get(c.upper(), c) for c in split_list(row.codes)]
            unknown = [c for c in codes if c not in known]
            if not codes or unknown:
                problems.append(
                    f"{path}:{i}: " + (f"unknown code(s) {unknown}" if unknown else "no codes")
                )
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
        out["segment_id"] = [
            f"{t}-{int(n):03d}" if str(n).isdigit() else f"{t}-{i}"
            for i, (t, n) in enumerate(zip(out["transcript"], out["turn"], strict=False))
        ]
    return out


def load_project_codings(
    project: str | Path, codebook: Codebook, *, coder: str | None = None
) -> pd.DataFrame:
    """Human codings in a project store as training rows (the latest decision per segment)."""
    from autocoder.store import ProjectStore

    with ProjectStore(project) as store:
        segments = {s["uid"]: s for s in store.segments()}
        latest: dict[int, dict] = {}
        for c in store.codings(coder=coder):
            if c["segment_uid"] in segments:
                latest[c["segment_uid"]] = c
    unknown = sorted({c for row in latest.values() for c in row["codes"]} - set(codebook.ids))
    if unknown:
        raise DataError(f"{project}: human codings use codes not in the codebook: {unknown}")
    rows = []
    for uid, c in latest.items():
        s = segments[uid]
        rows.append(
            {
                "transcript": s["transcript"],
                "subject": s["subject"],
                "turn": s["turn"],
                "segment_id": s["segment_id"],
                "question": s["question"],
                "text": s["text"],
                "codes": tuple(c["codes"]),
                "levels": dict(c["levels"]),
                "source": f"{project}#{c['coder']}",
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "transcript",
            "subject",
            "turn",
            "segment_id",
            "question",
            "text",
            "codes",
            "levels",
            "source",
        ],
    )


def load_training_data(paths: Iterable[str | Path], codebook: Codebook) -> pd.DataFrame:
    """Coded segments from CSV/XLSX files and project folders (their human codings)."""
    files, frames = [], []
    for p in map(Path, paths):
        if p.is_dir() or p.name == "autocoder.db":
            frames.append(load_project_codings(p if p.is_dir() else p.parent, codebook))
        else:
            files.append(p)
    if files:
        frames.append(load_coded_segments(files, codebook))
    data = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if data.empty:
        raise DataError("no coded segments found in " + ", ".join(map(str, paths)))
    return data
