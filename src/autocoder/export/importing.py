"""Coded data back into the store: CSV/XLSX tables, REFI-QDA projects and codebooks.

Every import validates all rows first and then writes all codings in one transaction
(:meth:`ProjectStore.add_codings`): a file with a bad row changes nothing. Imported
codings are human codings (``source`` = ``csv``, ``xlsx`` or ``qdpx``), usable for
training and agreement.

Table layout (column names case-insensitive; ``--map COLUMN=FIELD`` renames):

* ``segment_id`` (or ``transcript`` + ``turn``; a turn cut into windows gets the coding on
  every window), ``codes`` (``;`` or ``,`` separated; the none-code such as ``LAIN`` for
  "no evidence"), ``levels`` (``3;2`` in the order of the codes that take a level, or
  ``ASESMEN=3;PROGRAM=2``), ``memo``, ``coder``.
* The Indonesian headers of the exported workbook work too (``Segmen``, ``Kode``,
  ``Level``, ``Memo``, ``Coder``); every sheet with a codes column is read.
* Rows with an empty ``codes`` cell are not coded and skipped; rows by ``machine`` (the
  suggestions in an export) are skipped unless ``coder`` is given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autocoder.codebook import Codebook
from autocoder.errors import DataError
from autocoder.store import Coding, ProjectStore

if TYPE_CHECKING:
    import pandas as pd

FIELDS = ("segment_id", "transcript", "turn", "codes", "levels", "memo", "coder")
ALIASES = {
    "segment_id": "segment_id", "segmen": "segment_id", "segment": "segment_id",
    "transcript": "transcript", "transkrip": "transcript", "turn": "turn",
    "codes": "codes", "code": "codes", "kode": "codes",
    "levels": "levels", "level": "levels", "memo": "memo", "coder": "coder",
}
MACHINE = "machine"
_LEVEL_PAIR = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_\-]*)\s*[=:]\s*(\S+)\s*$")


@dataclass
class ImportResult:
    """What an import wrote (or would write)."""

    codings: list[Coding] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    created_transcripts: list[str] = field(default_factory=list)

    @property
    def coders(self) -> list[str]:
        return sorted({c.coder for c in self.codings})


def parse_mapping(items: Sequence[str]) -> dict[str, str]:
    """``["Kode Akhir=codes", ...]`` -> ``{"kode akhir": "codes"}``; fields are checked."""
    out = {}
    for item in items:
        column, sep, target = item.rpartition("=")
        if not sep or not column.strip():
            raise DataError(f"--map {item!r}: expected COLUMN=FIELD")
        if target.strip() not in FIELDS:
            raise DataError(f"--map {item!r}: field must be one of {', '.join(FIELDS)}")
        out[column.strip().lower()] = target.strip()
    return out


def read_tables(path: str | Path) -> list[tuple[str, pd.DataFrame]]:
    """``(where, table)`` per sheet of an XLSX (or the one CSV), cells as stripped strings."""
    import pandas as pd

    from autocoder.agreement.io import EXCEL_SUFFIXES, read_table

    path = Path(path)
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        return [("", read_table(path))]
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    try:
        sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False)
    except Exception as err:  # pandas/openpyxl raise many kinds
        raise DataError(f"{path}: cannot read as XLSX ({err})") from None
    out = []
    for name, df in sheets.items():
        df.columns = [str(c).strip() for c in df.columns]
        out.append((f"sheet {name!r}, ", df.map(lambda v: "" if v is None else str(v).strip())))
    return out


def _rename(df: pd.DataFrame, mapping: Mapping[str, str]) -> pd.DataFrame:
    names = {}
    for col in df.columns:
        key = col.lower()
        target = mapping.get(key) or (ALIASES.get(key) if key not in mapping else None)
        if target and target not in names.values():
            names[col] = target
    return df[list(names)].rename(columns=names)


def parse_codes_levels(
    codes_cell: str, levels_cell: str, codebook: Codebook
) -> tuple[tuple[str, ...], dict[str, int], list[str]]:
    """Codes and levels of one row, plus the problems found (empty when valid).

    >>> from autocoder.codebook import load_codebook
    >>> parse_codes_levels("ASESMEN;LAIN", "3", load_codebook())[:2]
    (('ASESMEN', 'LAIN'), {'ASESMEN': 3})
    """
    problems: list[str] = []
    codes = tuple(c.strip() for c in re.split(r"[;,]", codes_cell) if c.strip())
    for c in codes:
        if c not in codebook.ids:
            problems.append(f"unknown code {c!r} (codebook has {', '.join(codebook.ids)})")
    if len(set(codes)) != len(codes):
        problems.append(f"a code is repeated in {codes_cell!r}")
    raw = [v.strip() for v in re.split(r"[;,]", levels_cell) if v.strip()]
    with_level = [c for c in codes if c != codebook.none_id]
    pairs: list[tuple[str, str]] = []
    if raw and all(_LEVEL_PAIR.match(v) for v in raw):
        for v in raw:
            m = _LEVEL_PAIR.match(v)
            assert m is not None
            if m[1] not in codes:
                problems.append(f"level given for {m[1]}, which is not among the codes")
            pairs.append((m[1], m[2]))
    elif raw:
        if len(raw) == len(with_level):
            pairs = list(zip(with_level, raw, strict=True))
        elif len(raw) == len(codes):
            pairs = list(zip(codes, raw, strict=True))
        else:
            problems.append(f"{len(raw)} level(s) {levels_cell!r} for {len(with_level)} "
                            f"code(s) that take one; give one level per code, in order")
    levels: dict[str, int] = {}
    for code, value in pairs:
        if code == codebook.none_id:
            problems.append(f"{code} takes no level; got {value!r}")
            continue
        try:
            number = int(float(value))
            if number != float(value):
                raise ValueError
        except ValueError:
            problems.append(f"level of {code} must be a whole number; got {value!r}")
            continue
        if number not in codebook.level_values:
            problems.append(f"level {number} of {code} is out of range {codebook.level_values}")
        levels[code] = number
    return codes, levels, problems


def codings_from_tables(
    tables: Sequence[tuple[str, pd.DataFrame]],
    segments: Sequence[Mapping[str, Any]],
    codebook: Codebook,
    *,
    coder: str | None = None,
    mapping: Mapping[str, str] | None = None,
    source: str = "csv",
    name: str = "table",
) -> ImportResult:
    """Validate coded rows against the store's segments and the codebook (pure).

    Raises :class:`DataError` listing every bad row (row 1 is the header).
    """
    by_id = {str(s["segment_id"]): s for s in segments}
    by_turn: dict[tuple[str, int], list[Mapping[str, Any]]] = {}
    for s in segments:
        by_turn.setdefault((str(s["transcript"]), int(s["turn"])), []).append(s)
    result = ImportResult()
    problems: list[str] = []
    seen: dict[tuple[int, str], str] = {}
    used = 0
    for where, raw in tables:
        df = _rename(raw, mapping or {})
        if "codes" not in df.columns:
            continue
        if "segment_id" not in df.columns and not {"transcript", "turn"} <= set(df.columns):
            problems.append(f"{where}no segment_id column (nor transcript and turn); "
                            f"columns are {list(raw.columns)}; use --map COLUMN=segment_id")
            continue
        used += 1
        for r, rec in enumerate(df.to_dict("records"), start=2):
            at = f"{where}row {r}"
            if not rec.get("codes"):
                continue
            who = coder or rec.get("coder", "")
            if who == MACHINE:
                result.skipped.append(f"{at}: coded by machine (a suggestion), skipped")
                continue
            if not who:
                problems.append(f"{at}: no coder (add a coder column or give --coder)")
                continue
            sid = rec.get("segment_id", "")
            if sid:
                targets = [by_id[sid]] if sid in by_id else []
                missing = f"unknown segment {sid!r}"
            else:
                turn = rec.get("turn", "")
                try:
                    targets = by_turn.get((rec.get("transcript", ""), int(float(turn))), [])
                except ValueError:
                    targets = []
                name_t = rec.get("transcript", "")
                missing = f"unknown segment: transcript {name_t!r}, turn {turn!r}"
            if not targets:
                problems.append(f"{at}: {missing}")
                continue
            codes, levels, bad = parse_codes_levels(rec["codes"], rec.get("levels", ""), codebook)
            problems += [f"{at}: {p}" for p in bad]
            if bad:
                continue
            for seg in targets:
                key = (int(seg["uid"]), who)
                if key in seen:
                    problems.append(f"{at}: segment {seg['segment_id']} already coded by "
                                    f"{who} in {seen[key]}")
                    continue
                seen[key] = at
                result.codings.append(Coding(int(seg["uid"]), who, codes, levels,
                                             memo=rec.get("memo", ""), source=source))
    if not used and not problems:
        problems.append("no table with a codes column; expected columns segment_id (or "
                        "transcript, turn), codes, levels, memo, coder")
    if problems:
        raise DataError(f"{name}: no coding imported, fix these rows", problems)
    return result


def import_table(
    store: ProjectStore,
    path: str | Path,
    codebook: Codebook,
    *,
    coder: str | None = None,
    mapping: Mapping[str, str] | None = None,
) -> ImportResult:
    """Import a coded CSV/XLSX file into the store, all rows or none."""
    path = Path(path)
    source = "xlsx" if path.suffix.lower() in (".xlsx", ".xlsm") else "csv"
    result = codings_from_tables(read_tables(path), store.segments(), codebook, coder=coder,
                                 mapping=mapping, source=source, name=str(path))
    store.add_codings(result.codings)
    return result


def import_qdpx(store: ProjectStore, path: str | Path, codebook: Codebook) -> ImportResult:
    """Import a REFI-QDA project's human codings (see :mod:`autocoder.export.refiqda`).

    Sources not in the store are created first (after every selection was validated).
    """
    from autocoder.export.refiqda import read_qdpx, selection_codings
    from autocoder.segment import segment_transcript

    project = read_qdpx(path)
    stored = {t["name"]: (store.turns(t["name"]), store.segments(transcripts=[t["name"]]))
              for t in store.transcripts()}
    found, create, skipped = selection_codings(project, stored, codebook)
    for transcript in create:
        store.add_transcript(transcript, segment_transcript(transcript))
    uids = {s["segment_id"]: s["uid"] for s in store.segments()}
    codings = [
        Coding(uids[sid], coder, tuple(e["codes"]), dict(e["levels"]),
               memo="\n".join(e["memo"]), source="qdpx")
        for (sid, coder), e in found.items()
    ]
    store.add_codings(codings)
    return ImportResult(codings, skipped, [t.name for t in create])


def import_qdc(path: str | Path, out: str | Path | None = None) -> Codebook:
    """Read a ``.qdc`` codebook; write it as YAML to ``out`` when given."""
    from autocoder.export.refiqda import codebook_yaml, read_qdc

    book = read_qdc(path)
    if out is not None:
        Path(out).write_text(codebook_yaml(book), encoding="utf-8")
    return book
