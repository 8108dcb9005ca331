"""Multi-label coding: a segment may carry several codes, each with an optional level.

The long table of codings (one row per unit and coder) becomes a :class:`CodingTable`
(coders x units of code sets and levels). From it come agreement per code (presence or
absence per segment), pooled over codes, on whole code sets (alpha with a set distance),
and on levels where coders gave the same code.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from autocoder.agreement.bootstrap import ConfidenceInterval, alpha_ci, bootstrap_ci
from autocoder.agreement.interpret import krippendorff_band, landis_koch_band
from autocoder.agreement.metrics import (
    _alpha_level_counts,
    _fleiss_from_counts,
    _gwet_from_counts,
    _kappa_from_table,
    _percent_from_counts,
    cohen_kappa_score,
    is_missing,
    krippendorff_alpha_score,
    percent_agreement_score,
)

REQUIRED_COLUMNS = ("unit", "coder", "codes")
_BINARY = np.array([0.0, 1.0])


# ---------------------------------------------------------------------------- distances


def jaccard_distance(a: frozenset[Hashable], b: frozenset[Hashable]) -> float:
    """1 - |a & b| / |a | b|; two empty sets are identical (distance 0).

    >>> jaccard_distance(frozenset("AB"), frozenset("BC"))
    0.6666666666666667
    """
    union = len(a | b)
    return 0.0 if union == 0 else 1 - len(a & b) / union


def masi_distance(a: frozenset[Hashable], b: frozenset[Hashable]) -> float:
    """MASI distance 1 - J * M (Passonneau 2006, LREC): J the Jaccard index, M = 1 for equal
    sets, 2/3 if one contains the other, 1/3 if they overlap otherwise, 0 if disjoint.

    >>> round(masi_distance(frozenset("AB"), frozenset("A")), 4)
    0.6667
    """
    if a == b:
        return 0.0
    union = len(a | b)
    inter = len(a & b)
    if inter == 0:
        return 1.0
    m = 2 / 3 if (a <= b or b <= a) else 1 / 3
    return 1 - (inter / union) * m


# ------------------------------------------------------------------------- coding table


@dataclass(frozen=True)
class CodingTable:
    """Codings in wide form: ``sets[i, j]`` is coder i's code set on unit j (``None`` if the
    coder did not code the unit); ``levels[i, j]`` maps code -> level (``{}`` if none)."""

    units: tuple[Hashable, ...]
    coders: tuple[str, ...]
    codes: tuple[str, ...]
    sets: np.ndarray
    levels: np.ndarray
    none_code: str

    def restrict(self, keep: np.ndarray) -> CodingTable:
        return CodingTable(
            tuple(u for u, k in zip(self.units, keep, strict=True) if k),
            self.coders,
            self.codes,
            self.sets[:, keep],
            self.levels[:, keep],
            self.none_code,
        )


def _code_tuple(cell: object, row: int, problems: list[str]) -> tuple[str, ...]:
    if isinstance(cell, str):
        return tuple(c.strip() for c in cell.split(";") if c.strip())
    if isinstance(cell, list | tuple | set | frozenset | np.ndarray):
        return tuple(str(c).strip() for c in cell if not is_missing(c))
    if is_missing(cell):
        return ()
    problems.append(f"row {row}: codes must be a list of code ids; got {cell!r}")
    return ()


def _level_dict(cell: object, row: int, problems: list[str]) -> dict[str, int]:
    if cell is None or (not isinstance(cell, Mapping) and is_missing(cell)):
        return {}
    if not isinstance(cell, Mapping):
        problems.append(f"row {row}: levels must be a mapping code -> int; got {cell!r}")
        return {}
    out: dict[str, int] = {}
    for code, level in cell.items():
        if level is None or is_missing(level):
            continue
        try:
            as_float = float(level)
        except (TypeError, ValueError):
            as_float = math.nan
        if math.isnan(as_float) or as_float != int(as_float):
            problems.append(f"row {row}: level of {code!r} must be a whole number; got {level!r}")
            continue
        out[str(code)] = int(as_float)
    return out


def coding_table(
    codings: pd.DataFrame, *, codes: Sequence[str] | None = None, none_code: str = "LAIN"
) -> CodingTable:
    """Validate a long table of codings and turn it into a :class:`CodingTable`.

    ``codings`` has columns ``unit``, ``coder``, ``codes`` (list of code ids; ``none_code``
    or an empty list means "no code applies") and optionally ``levels`` (dict code -> int).
    ``codes`` is the codebook's list (default: the codes seen, sorted); other codes raise.
    """
    if not isinstance(codings, pd.DataFrame):
        raise ValueError(f"codings must be a pandas DataFrame; got {type(codings).__name__}")
    missing_cols = [c for c in REQUIRED_COLUMNS if c not in codings.columns]
    if missing_cols:
        raise ValueError(
            f"codings lacks column(s) {', '.join(missing_cols)}; "
            f"expected {', '.join(REQUIRED_COLUMNS)} (+ levels)"
        )
    if codings.empty:
        raise ValueError("codings is empty")
    problems: list[str] = []
    dup = codings.duplicated(["unit", "coder"], keep=False)
    if dup.any():
        pairs = codings.loc[dup, ["unit", "coder"]].drop_duplicates().head(5)
        listed = ", ".join(f"({u!r}, {c!r})" for u, c in pairs.itertuples(index=False))
        problems.append(f"a coder coded the same unit more than once: {listed}")
    coders = tuple(dict.fromkeys(str(c) for c in codings["coder"]))
    if len(coders) < 2:
        raise ValueError(f"agreement needs at least two coders; got {list(coders)}")
    units = tuple(dict.fromkeys(codings["unit"]))
    u_index = {u: j for j, u in enumerate(units)}
    c_index = {c: i for i, c in enumerate(coders)}
    sets = np.full((len(coders), len(units)), None, dtype=object)
    levels = np.full((len(coders), len(units)), None, dtype=object)
    has_levels = "levels" in codings.columns
    seen: set[str] = set()
    for row_no, row in enumerate(codings.itertuples(index=False), start=1):
        rec = row._asdict()
        code_set = frozenset(_code_tuple(rec["codes"], row_no, problems)) - {none_code}
        lv = _level_dict(rec["levels"], row_no, problems) if has_levels else {}
        stray = sorted(set(lv) - code_set)
        if stray:
            problems.append(f"row {row_no}: levels given for codes not coded: {', '.join(stray)}")
        seen |= code_set
        i, j = c_index[str(rec["coder"])], u_index[rec["unit"]]
        sets[i, j] = code_set
        levels[i, j] = {k: v for k, v in lv.items() if k in code_set}
    if codes is None:
        code_list = tuple(sorted(seen))
    else:
        code_list = tuple(dict.fromkeys(c for c in codes if c != none_code))
        unknown = sorted(seen - set(code_list))
        if unknown:
            problems.append(f"codes not in the codebook: {', '.join(unknown)}")
    if problems:
        raise ValueError("invalid codings:\n  - " + "\n  - ".join(problems))
    return CodingTable(units, coders, code_list, sets, levels, none_code)


def presence_matrix(table: CodingTable, code: str) -> np.ndarray:
    """coders x units: 1 if the coder gave ``code``, 0 if not, ``None`` if unit not coded."""
    out = np.full(table.sets.shape, None, dtype=object)
    for (i, j), s in np.ndenumerate(table.sets):
        if s is not None:
            out[i, j] = int(code in s)
    return out


def level_matrix(table: CodingTable, code: str) -> np.ndarray:
    """coders x units: the level the coder gave ``code``, ``None`` where not given."""
    out = np.full(table.sets.shape, None, dtype=object)
    for (i, j), lv in np.ndenumerate(table.levels):
        if lv and code in lv:
            out[i, j] = lv[code]
    return out


def _binary_counts(presence: np.ndarray) -> np.ndarray:
    """coders x units of 1/0/None -> units x 2 counts (absent, present)."""
    p = np.array([[np.nan if v is None else v for v in row] for row in presence], dtype=float)
    present = np.nansum(p, axis=0)
    rated = np.sum(~np.isnan(p), axis=0)
    return np.column_stack([rated - present, present]).astype(np.int64)


def _nan_if_error(func: Any, *args: Any, **kwargs: Any) -> float:
    try:
        return float(func(*args, **kwargs))
    except ValueError:
        return math.nan


# ---------------------------------------------------------------------------- per code


def _kappa_stat(pairs_or_counts: np.ndarray, two_coders: bool) -> Any:
    if two_coders:
        pair = pairs_or_counts  # units (x codes) of a*2+b

        def stat(idx: np.ndarray) -> float:
            table = np.bincount(pair[idx].ravel(), minlength=4).reshape(2, 2)
            return _kappa_from_table(table)

        return stat
    counts = pairs_or_counts  # units (x codes) x 2

    def stat_f(idx: np.ndarray) -> float:
        return _fleiss_from_counts(counts[idx].reshape(-1, 2))

    return stat_f


def _alpha_stat(counts: np.ndarray) -> Any:
    def stat(idx: np.ndarray) -> float:
        return _alpha_level_counts(counts[idx].reshape(-1, 2), _BINARY, "nominal")

    return stat


def _ci(stat: Any, n: int, n_resamples: int, seed: int | None, level: float) -> tuple[float, float]:
    if n_resamples <= 0 or n == 0:
        return math.nan, math.nan
    ci = bootstrap_ci(stat, n, n_resamples=n_resamples, confidence_level=level, seed=seed)
    return ci.low, ci.high


def code_agreement(
    table: CodingTable,
    code: str,
    *,
    n_resamples: int = 1000,
    seed: int | None = 0,
    confidence_level: float = 0.95,
) -> dict[str, Any]:
    """Agreement on one code's presence per unit, and on its levels where coders both gave it.

    Units must be coded by at least two coders (see :func:`paired_units`). ``kappa`` is
    Cohen's kappa for two coders and Fleiss' kappa (Gwet's generalisation) for more.
    """
    presence = presence_matrix(table, code)
    counts = _binary_counts(presence)
    n = counts.shape[0]
    two = len(table.coders) == 2
    row: dict[str, Any] = {"code": code, "n_units": n}
    for coder, p in zip(table.coders, presence, strict=True):
        row[f"n_{coder}"] = int(sum(v == 1 for v in p))
    r = counts.sum(axis=1)
    row["n_agree_present"] = int(np.sum(counts[:, 1] == r))
    row["n_agree_absent"] = int(np.sum(counts[:, 0] == r))
    row["n_disagree"] = n - row["n_agree_present"] - row["n_agree_absent"]
    row["percent_agreement"] = _percent_from_counts(counts)
    if two:
        pair = np.array(presence[0], dtype=np.intp) * 2 + np.array(presence[1], dtype=np.intp)
        row["kappa"] = cohen_kappa_score(list(presence[0]), list(presence[1]), labels=[0, 1])
        kstat = _kappa_stat(pair, True)
    else:
        row["kappa"] = _fleiss_from_counts(counts)
        kstat = _kappa_stat(counts, False)
    row["kappa_low"], row["kappa_high"] = _ci(kstat, n, n_resamples, seed, confidence_level)
    row["krippendorff_alpha"] = _alpha_level_counts(counts, _BINARY, "nominal")
    row["alpha_low"], row["alpha_high"] = _ci(
        _alpha_stat(counts), n, n_resamples, seed, confidence_level
    )
    row["gwet_ac1"] = _gwet_from_counts(counts, np.eye(2))
    row["kappa_band"] = landis_koch_band(row["kappa"])
    row["alpha_band"] = krippendorff_band(row["krippendorff_alpha"])
    row.update(level_agreement(table, code))
    return row


def level_agreement(table: CodingTable, code: str) -> dict[str, Any]:
    """Agreement on the (ordinal) levels of ``code`` over units where 2+ coders gave it a level.

    ``level_alpha`` is Krippendorff's ordinal alpha; ``level_kappa`` (two coders) is Cohen's
    kappa with quadratic weights on the levels seen.
    """
    lv = level_matrix(table, code)
    rated = np.sum(lv != None, axis=0)  # noqa: E711 - elementwise on an object array
    both = rated >= 2
    out: dict[str, Any] = {"level_n_units": int(both.sum())}
    if not both.any():
        out.update(level_percent_agreement=math.nan, level_alpha=math.nan, level_kappa=math.nan)
        return out
    sub = lv[:, both]
    out["level_percent_agreement"] = percent_agreement_score(sub)
    out["level_alpha"] = _nan_if_error(krippendorff_alpha_score, sub, level="ordinal")
    if len(table.coders) == 2:
        labels = sorted({v for v in sub.ravel() if v is not None})
        out["level_kappa"] = (
            cohen_kappa_score(list(sub[0]), list(sub[1]), weights="quadratic", labels=labels)
            if len(labels) > 1
            else math.nan
        )
    else:
        out["level_kappa"] = math.nan
    return out


def paired_units(table: CodingTable) -> np.ndarray:
    """Boolean mask of units coded by at least two coders."""
    return np.sum(table.sets != None, axis=0) >= 2  # noqa: E711


# ------------------------------------------------------------------------------ pooled


def pooled_agreement(
    table: CodingTable,
    *,
    n_resamples: int = 1000,
    seed: int | None = 0,
    confidence_level: float = 0.95,
) -> dict[str, Any]:
    """Presence/absence decisions of all codes pooled as one binary task (unit x code).

    Intervals resample whole units, keeping each unit's codes together.
    """
    if not table.codes:
        raise ValueError("no codes to pool: every unit was coded with the none-code only")
    presences = [presence_matrix(table, c) for c in table.codes]
    counts = np.stack([_binary_counts(p) for p in presences], axis=1)  # units x codes x 2
    n = counts.shape[0]
    flat = counts.reshape(-1, 2)
    out: dict[str, Any] = {"n_units": n, "n_decisions": int(flat.shape[0])}
    out["percent_agreement"] = _percent_from_counts(flat)
    if len(table.coders) == 2:
        pair = np.stack(
            [np.array(p[0], dtype=np.intp) * 2 + np.array(p[1], dtype=np.intp) for p in presences],
            axis=1,
        )
        out["kappa"] = _kappa_from_table(np.bincount(pair.ravel(), minlength=4).reshape(2, 2))
        kstat = _kappa_stat(pair, True)
    else:
        out["kappa"] = _fleiss_from_counts(flat)
        kstat = _kappa_stat(counts, False)
    out["kappa_low"], out["kappa_high"] = _ci(kstat, n, n_resamples, seed, confidence_level)
    out["krippendorff_alpha"] = _alpha_level_counts(flat, _BINARY, "nominal")
    out["alpha_low"], out["alpha_high"] = _ci(
        _alpha_stat(counts), n, n_resamples, seed, confidence_level
    )
    out["gwet_ac1"] = _gwet_from_counts(flat, np.eye(2))
    return out


# -------------------------------------------------------------------------------- sets


def set_agreement(
    table: CodingTable,
    *,
    n_resamples: int = 1000,
    seed: int | None = 0,
    confidence_level: float = 0.95,
) -> dict[str, Any]:
    """Agreement on whole code sets: alpha with MASI and Jaccard distances, exact match.

    The none-code counts as the empty set. ``alpha_masi`` carries a bootstrap interval.
    """
    sets = table.sets
    out: dict[str, Any] = {"n_units": sets.shape[1]}
    out["exact_agreement"] = percent_agreement_score(sets)
    out["alpha_exact"] = _nan_if_error(krippendorff_alpha_score, sets, level="nominal")
    out["alpha_jaccard"] = _nan_if_error(krippendorff_alpha_score, sets, level=jaccard_distance)
    out["alpha_masi"] = _nan_if_error(krippendorff_alpha_score, sets, level=masi_distance)
    if n_resamples > 0:
        ci: ConfidenceInterval = alpha_ci(
            sets,
            level=masi_distance,
            n_resamples=n_resamples,
            seed=seed,
            confidence_level=confidence_level,
        )
        out["alpha_masi_low"], out["alpha_masi_high"] = ci.low, ci.high
    else:
        out["alpha_masi_low"] = out["alpha_masi_high"] = math.nan
    return out


def pair_agreement(table: CodingTable) -> pd.DataFrame:
    """One row per pair of coders: units both coded, exact set agreement, mean Jaccard
    similarity and Cohen's kappa on pooled code presence."""
    rows = []
    k = len(table.coders)
    for a in range(k):
        for b in range(a + 1, k):
            both = [
                (x, y)
                for x, y in zip(table.sets[a], table.sets[b], strict=True)
                if x is not None and y is not None
            ]
            row: dict[str, Any] = {
                "coder_a": table.coders[a],
                "coder_b": table.coders[b],
                "n_units": len(both),
            }
            if both:
                row["exact_agreement"] = float(np.mean([x == y for x, y in both]))
                row["mean_jaccard"] = float(np.mean([1 - jaccard_distance(x, y) for x, y in both]))
                ya = [int(c in x) for x, _ in both for c in table.codes]
                yb = [int(c in y) for _, y in both for c in table.codes]
                row["kappa"] = cohen_kappa_score(ya, yb, labels=[0, 1]) if table.codes else math.nan
            else:
                row.update(exact_agreement=math.nan, mean_jaccard=math.nan, kappa=math.nan)
            rows.append(row)
    return pd.DataFrame(
        rows,
        columns=["coder_a", "coder_b", "n_units", "exact_agreement", "mean_jaccard", "kappa"],
    )
