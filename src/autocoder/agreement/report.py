"""Agreement reports: pure functions from codings (or a rating table) to figures.

:func:`agreement_report` is the core for multi-label coding by two or more coders (human
coders or the machine as coder ``machine``): it takes a long table of codings and returns
an :class:`AgreementReport`. :func:`summarize_matrix` and :func:`summarize_counts` give the
standard coefficients for a plain reliability matrix or a Fleiss count table.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from autocoder.agreement.disagreement import confusion_matrix, disagreement_list
from autocoder.agreement.interpret import KRIPPENDORFF_SOURCE, LANDIS_KOCH_SOURCE
from autocoder.agreement.metrics import (
    LEVELS,
    Level,
    _alpha_level_counts,
    _as_matrix,
    _check_counts,
    _counts_from_codes,
    _encode,
    _fleiss_from_counts,
    _gwet_from_counts,
    _percent_from_counts,
    cohen_kappa_score,
    krippendorff_alpha_score,
    scott_pi_score,
)
from autocoder.agreement.multilabel import (
    code_agreement,
    coding_table,
    pair_agreement,
    paired_units,
    pooled_agreement,
    set_agreement,
)

COEFFICIENTS = (
    "percent_agreement",
    "cohen_kappa",
    "scott_pi",
    "fleiss_kappa",
    "krippendorff_alpha",
    "gwet_ac1",
)

BANDS = {"kappa": LANDIS_KOCH_SOURCE, "alpha": KRIPPENDORFF_SOURCE}


@dataclass(frozen=True)
class Figure:
    """One coefficient with the number of units it rests on."""

    name: str
    value: float
    n_units: int
    note: str = ""


def _figure(name: str, func: Any, *args: Any, n_units: int, note: str = "", **kw: Any) -> Figure:
    try:
        value = float(func(*args, **kw))
    except ValueError as err:
        return Figure(name, math.nan, n_units, str(err))
    return Figure(name, value, n_units, note)


def summarize_matrix(
    reliability_data: object,
    *,
    level: Level = "nominal",
    labels: Sequence[Hashable] | None = None,
) -> dict[str, Figure]:
    """Coefficients that apply to a coders x units matrix (missing values allowed).

    Percent agreement, Fleiss' kappa and Gwet's AC1 (Gwet 2014's forms for missing ratings)
    and Krippendorff's alpha at ``level`` always; Cohen's kappa and Scott's pi only for
    exactly two coders with no missing rating. All but alpha treat values as nominal.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}; got {level!r}")
    arr = _as_matrix(reliability_data)
    codes, labels = _encode(arr, labels)
    counts = _counts_from_codes(codes, len(labels))
    rated = counts.sum(axis=1)
    n_rated, n_paired = int((rated >= 1).sum()), int((rated >= 2).sum())
    if n_paired == 0:
        raise ValueError("no unit was rated by two or more coders; agreement is undefined")
    out: dict[str, Figure] = {}
    out["percent_agreement"] = _figure(
        "percent_agreement", _percent_from_counts, counts, n_units=n_paired
    )
    if arr.shape[0] == 2 and not (codes < 0).any():
        out["cohen_kappa"] = _figure(
            "cohen_kappa", cohen_kappa_score, list(arr[0]), list(arr[1]), n_units=n_paired
        )
        out["scott_pi"] = _figure(
            "scott_pi", scott_pi_score, list(arr[0]), list(arr[1]), n_units=n_paired
        )
    out["fleiss_kappa"] = _figure(
        "fleiss_kappa",
        _fleiss_from_counts,
        counts,
        n_units=n_rated,
        note="p_a over units rated twice or more" if n_rated != n_paired else "",
    )
    out["krippendorff_alpha"] = _figure(
        "krippendorff_alpha",
        krippendorff_alpha_score,
        arr,
        level=level,
        labels=labels,
        n_units=n_paired,
        note=level,
    )
    out["gwet_ac1"] = _figure(
        "gwet_ac1",
        _gwet_from_counts,
        counts,
        np.eye(len(labels)),
        n_units=n_rated,
        note="p_a over units rated twice or more" if n_rated != n_paired else "",
    )
    return out


def summarize_counts(counts: object) -> dict[str, Figure]:
    """Coefficients that apply to a units x categories count table (Fleiss' layout).

    Percent agreement, Fleiss' kappa, Gwet's AC1 and nominal Krippendorff's alpha; Scott's
    pi too when every unit has exactly two ratings (it equals Fleiss' kappa then).
    """
    arr = _check_counts(counts)
    if arr.shape[1] < 2:
        raise ValueError("counts needs at least two categories (columns)")
    rated = arr.sum(axis=1)
    n_rated, n_paired = int((rated >= 1).sum()), int((rated >= 2).sum())
    if n_paired == 0:
        raise ValueError("no unit was rated by two or more coders; agreement is undefined")
    out: dict[str, Figure] = {}
    out["percent_agreement"] = _figure(
        "percent_agreement", _percent_from_counts, arr, n_units=n_paired
    )
    if (rated == 2).all():
        out["scott_pi"] = _figure("scott_pi", _fleiss_from_counts, arr, n_units=n_paired)
    out["fleiss_kappa"] = _figure("fleiss_kappa", _fleiss_from_counts, arr, n_units=n_rated)
    out["krippendorff_alpha"] = _figure(
        "krippendorff_alpha",
        _alpha_level_counts,
        arr,
        np.arange(arr.shape[1], dtype=float),
        "nominal",
        n_units=n_paired,
        note="nominal",
    )
    out["gwet_ac1"] = _figure(
        "gwet_ac1", _gwet_from_counts, arr, np.eye(arr.shape[1]), n_units=n_rated
    )
    return out


@dataclass(frozen=True)
class AgreementReport:
    """Agreement among coders on multi-label codings.

    Attributes
    ----------
    coders, codes
        Coders (in order of appearance) and the codes reported (none-code excluded).
    n_units
        Units in the input; ``n_units_paired`` of them were coded by two or more coders and
        every figure rests on those; ``n_units_single`` were left out.
    per_code
        One row per code: counts (``n_units``, ``n_<coder>``, ``n_agree_present``,
        ``n_agree_absent``, ``n_disagree``), ``percent_agreement``, ``kappa`` (Cohen for
        two coders, Fleiss for more) with ``kappa_low/high``, ``krippendorff_alpha`` with
        ``alpha_low/high``, ``gwet_ac1``, bands, and level agreement (``level_n_units``,
        ``level_percent_agreement``, ``level_alpha`` ordinal, ``level_kappa`` quadratic).
    pooled
        The same figures over all unit x code decisions, plus macro means over codes.
    code_sets
        Whole-set agreement: ``exact_agreement``, ``alpha_exact``, ``alpha_jaccard``,
        ``alpha_masi`` with ``alpha_masi_low/high``.
    pairs
        One row per pair of coders (units both coded, exact agreement, Jaccard, kappa).
    confusion
        ``(coder_a, coder_b) -> DataFrame`` code-by-code confusion matrix.
    disagreements
        Units with disagreement, most consequential first.
    """

    coders: tuple[str, ...]
    codes: tuple[str, ...]
    n_units: int
    n_units_paired: int
    n_units_single: int
    per_code: pd.DataFrame
    pooled: dict[str, Any]
    code_sets: dict[str, Any]
    pairs: pd.DataFrame
    confusion: dict[tuple[str, str], pd.DataFrame]
    disagreements: pd.DataFrame
    kappa_kind: str
    n_resamples: int
    seed: int | None
    confidence_level: float
    bands: dict[str, str] = field(default_factory=lambda: dict(BANDS))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: pooled coefficients at the top, details below."""

        def clean(v: Any) -> Any:
            if isinstance(v, float | np.floating):
                return None if math.isnan(v) else float(v)
            if isinstance(v, np.integer):
                return int(v)
            return v

        def records(df: pd.DataFrame) -> list[dict[str, Any]]:
            return [{k: clean(v) for k, v in r.items()} for r in df.to_dict("records")]

        top: dict[str, Any] = {
            "percent_agreement": clean(self.pooled["percent_agreement"]),
            self.kappa_kind: clean(self.pooled["kappa"]),
            "krippendorff_alpha": clean(self.pooled["krippendorff_alpha"]),
            "gwet_ac1": clean(self.pooled["gwet_ac1"]),
            "n_units": self.n_units_paired,
        }
        top.update(
            {
                "n_units_input": self.n_units,
                "n_units_single": self.n_units_single,
                "coders": list(self.coders),
                "codes": list(self.codes),
                "kappa_kind": self.kappa_kind,
                "pooled": {k: clean(v) for k, v in self.pooled.items()},
                "code_sets": {k: clean(v) for k, v in self.code_sets.items()},
                "per_code": records(self.per_code),
                "pairs": records(self.pairs),
                "disagreements": records(self.disagreements),
                "bootstrap": {
                    "n_resamples": self.n_resamples,
                    "seed": self.seed,
                    "confidence_level": self.confidence_level,
                },
                "bands": dict(self.bands),
            }
        )
        return top


def agreement_report(
    codings: pd.DataFrame,
    *,
    codes: Sequence[str] | None = None,
    none_code: str = "LAIN",
    bootstrap: int = 1000,
    seed: int | None = 0,
    confidence_level: float = 0.95,
) -> AgreementReport:
    """Inter-coder agreement on multi-label codings.

    ``codings`` is a long table with columns ``unit`` (segment id), ``coder``, ``codes``
    (list/tuple of code ids; ``none_code`` or empty = no code applies) and optionally
    ``levels`` (dict code -> int). ``codes`` is the codebook's code list (default: codes
    seen). ``bootstrap`` resamples units that many times for intervals (0 = none).

    >>> df = pd.DataFrame({"unit": [1, 1, 2, 2, 3, 3], "coder": ["a", "b"] * 3,
    ...                    "codes": [["X"], ["X"], ["Y"], ["X", "Y"], ["LAIN"], ["LAIN"]]})
    >>> r = agreement_report(df, bootstrap=0)
    >>> r.per_code[["code", "n_agree_present", "n_disagree"]].values.tolist()
    [['X', 1, 1], ['Y', 1, 0]]
    >>> r.disagreements["unit"].tolist()
    [2]
    """
    if not isinstance(bootstrap, int) or bootstrap < 0:
        raise ValueError(f"bootstrap must be a whole number >= 0; got {bootstrap!r}")
    if not 0 < confidence_level < 1:
        raise ValueError(f"confidence_level must be between 0 and 1; got {confidence_level!r}")
    full = coding_table(codings, codes=codes, none_code=none_code)
    keep = paired_units(full)
    if not keep.any():
        raise ValueError("no unit was coded by two or more coders; align the coders' files")
    table = full.restrict(keep)
    opts = {"n_resamples": bootstrap, "seed": seed, "confidence_level": confidence_level}
    per_code = pd.DataFrame([code_agreement(table, c, **opts) for c in table.codes])
    pooled = pooled_agreement(table, **opts) if table.codes else {}
    if table.codes:
        for col in ("kappa", "krippendorff_alpha", "gwet_ac1"):
            vals = per_code[col].astype(float)
            pooled[f"mean_{col}"] = float(vals.mean()) if vals.notna().any() else math.nan
    else:
        pooled = {
            "n_units": int(keep.sum()),
            "percent_agreement": 1.0,
            "kappa": math.nan,
            "krippendorff_alpha": math.nan,
            "gwet_ac1": math.nan,
        }
    confusion = {
        (a, b): confusion_matrix(table, a, b)
        for i, a in enumerate(table.coders)
        for b in table.coders[i + 1 :]
    }
    return AgreementReport(
        coders=table.coders,
        codes=table.codes,
        n_units=len(full.units),
        n_units_paired=int(keep.sum()),
        n_units_single=int((~keep).sum()),
        per_code=per_code,
        pooled=pooled,
        code_sets=set_agreement(table, **opts),
        pairs=pair_agreement(table),
        confusion=confusion,
        disagreements=disagreement_list(table),
        kappa_kind="cohen_kappa" if len(table.coders) == 2 else "fleiss_kappa",
        n_resamples=bootstrap,
        seed=seed,
        confidence_level=confidence_level,
    )
