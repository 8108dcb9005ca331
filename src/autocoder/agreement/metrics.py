"""Agreement coefficients as plain functions, in scikit-learn's style.

Layouts
-------
``reliability_data``
    coders x units (the ``krippendorff`` package's layout): one row per coder, one column
    per unit; a missing rating is ``None``, ``NaN`` or an empty string.
``y1, y2``
    two equally long sequences of labels, one per coder (scikit-learn's layout).
``counts``
    units x categories: how many coders put each unit in each category (Fleiss' layout).

Every ``*_score`` returns a float (``nan`` where the coefficient is undefined, e.g. chance
agreement is 1 because a single category was used). Options are keyword-only and checked
before any work is done; bad input raises ``ValueError`` saying what arrived.

Where a maintained library computes a coefficient exactly it is used: Cohen's kappa is
scikit-learn's ``cohen_kappa_score`` and Krippendorff's alpha for the four standard levels
is the ``krippendorff`` package. Scott's pi, Fleiss' kappa, Gwet's AC1/AC2, percent
agreement and alpha with a custom distance (for code sets) are written here.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Literal

import numpy as np

Level = Literal["nominal", "ordinal", "interval", "ratio"]
Weights = Literal["linear", "quadratic"]
Distance = Callable[[Any, Any], float]

LEVELS: tuple[str, ...] = ("nominal", "ordinal", "interval", "ratio")
WEIGHTS: tuple[str, ...] = ("linear", "quadratic")

__all__ = [
    "LEVELS",
    "cohen_kappa_score",
    "fleiss_kappa_score",
    "gwet_ac1_score",
    "is_missing",
    "krippendorff_alpha_score",
    "percent_agreement_score",
    "ratings_to_counts",
    "scott_pi_score",
]


# --------------------------------------------------------------------------- input checks


def is_missing(value: object) -> bool:
    """True for ``None``, ``NaN``, ``pd.NA`` and blank strings: a rating that was not given."""
    if value is None:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    if isinstance(value, str):
        return value.strip() == ""
    return type(value).__name__ in {"NAType", "NaTType"}


def _sort_key(value: object) -> tuple[str, str]:
    return (type(value).__name__, repr(value))


def _sorted_labels(values: Sequence[Hashable]) -> list[Hashable]:
    unique = list(dict.fromkeys(values))
    if all(isinstance(v, frozenset | set) for v in unique):
        return sorted(unique, key=lambda v: sorted(map(repr, v)))
    try:
        return sorted(unique)  # type: ignore[type-var]
    except TypeError:
        return sorted(unique, key=_sort_key)


def _as_matrix(reliability_data: object, *, name: str = "reliability_data") -> np.ndarray:
    if isinstance(reliability_data, np.ndarray) and reliability_data.dtype != object:
        arr = reliability_data.astype(object)
    else:
        rows = [list(row) for row in reliability_data]  # type: ignore[attr-defined]
        if len({len(r) for r in rows}) > 1:
            raise ValueError(f"{name}: rows (coders) have different lengths")
        arr = np.empty((len(rows), len(rows[0]) if rows else 0), dtype=object)
        for i, row in enumerate(rows):
            arr[i, :] = row
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 2-D (coders x units); got {arr.ndim}-D")
    if arr.shape[0] < 2:
        raise ValueError(f"{name} needs at least two coders (rows); got {arr.shape[0]}")
    if arr.shape[1] < 1:
        raise ValueError(f"{name} has no units (columns)")
    return arr


def _encode(
    arr: np.ndarray, labels: Sequence[Hashable] | None
) -> tuple[np.ndarray, list[Hashable]]:
    """Integer codes (missing = -1) and the label list they index."""
    mask = np.vectorize(is_missing, otypes=[bool])(arr)
    values = list(arr[~mask])
    if labels is None:
        labels = _sorted_labels(values)
    else:
        labels = list(labels)
        if len(set(labels)) != len(labels):
            raise ValueError("labels contains duplicates")
        known = set(labels)
        unknown = sorted({repr(v) for v in values if v not in known})
        if unknown:
            raise ValueError(
                f"ratings {', '.join(unknown[:5])} are not in labels {labels!r}; "
                "add them to labels or leave labels out"
            )
    index = {lab: i for i, lab in enumerate(labels)}
    codes = np.full(arr.shape, -1, dtype=np.intp)
    codes[~mask] = [index[v] for v in values]
    return codes, labels


def _counts_from_codes(codes: np.ndarray, n_labels: int) -> np.ndarray:
    """coders x units integer codes -> units x categories counts."""
    counts = np.zeros((codes.shape[1], n_labels), dtype=np.int64)
    for row in codes:
        ok = row >= 0
        np.add.at(counts, (np.flatnonzero(ok), row[ok]), 1)
    return counts


def _check_counts(counts: object) -> np.ndarray:
    arr = np.asarray(counts)
    if arr.ndim != 2:
        raise ValueError(f"counts must be 2-D (units x categories); got {arr.ndim}-D")
    if arr.shape[0] < 1 or arr.shape[1] < 1:
        raise ValueError(f"counts is empty (shape {arr.shape})")
    if not np.issubdtype(arr.dtype, np.number) or np.isnan(arr.astype(float)).any():
        raise ValueError("counts must hold numbers of ratings (no blanks)")
    if (arr < 0).any() or (arr != np.round(arr)).any():
        raise ValueError("counts must be whole numbers >= 0")
    return arr.astype(np.int64)


def _weight_matrix(n_labels: int, weights: str | None) -> np.ndarray:
    """Agreement weights w_kl in [0, 1] on category positions (1 on the diagonal)."""
    if weights is None:
        return np.eye(n_labels)
    if weights not in WEIGHTS:
        raise ValueError(f"weights must be None, 'linear' or 'quadratic'; got {weights!r}")
    if n_labels < 2:
        return np.ones((1, 1))
    pos = np.arange(n_labels)
    diff = np.abs(pos[:, None] - pos[None, :]) / (n_labels - 1)
    return 1 - diff if weights == "linear" else 1 - diff**2


def ratings_to_counts(
    reliability_data: object, *, labels: Sequence[Hashable] | None = None
) -> tuple[np.ndarray, list[Hashable]]:
    """Turn coders x units ratings into a units x categories count table.

    >>> counts, labels = ratings_to_counts([["a", "b", None], ["a", "a", "b"]])
    >>> counts.tolist(), labels
    ([[2, 0], [1, 1], [0, 1]], ['a', 'b'])
    """
    codes, labels = _encode(_as_matrix(reliability_data), labels)
    return _counts_from_codes(codes, len(labels)), labels


# ------------------------------------------------------------------ count-based internals


def _pa_pi(counts: np.ndarray, w: np.ndarray) -> tuple[float, np.ndarray, int]:
    """Gwet's (2014) observed agreement and category proportions from a count table.

    p_a averages, over units rated at least twice, sum_k r_ik (r*_ik - 1) / (r_i (r_i - 1))
    with r*_ik = sum_l w_kl r_il; pi_k averages r_ik / r_i over units rated at least once.
    """
    r = counts.sum(axis=1)
    paired = r >= 2
    if not paired.any():
        raise ValueError("no unit was rated by two or more coders; agreement is undefined")
    rstar = counts @ w.T
    num = (counts * (rstar - 1)).sum(axis=1)[paired]
    pa = float(np.mean(num / (r[paired] * (r[paired] - 1))))
    rated = r >= 1
    pi = (counts[rated] / r[rated, None]).mean(axis=0)
    return pa, pi, int(paired.sum())


def _chance_corrected(pa: float, pe: float) -> float:
    if math.isclose(pe, 1.0, rel_tol=0, abs_tol=1e-12):
        return float("nan")
    return (pa - pe) / (1 - pe)


def _fleiss_from_counts(counts: np.ndarray) -> float:
    pa, pi, _ = _pa_pi(counts, np.eye(counts.shape[1]))
    return _chance_corrected(pa, float(np.sum(pi**2)))


def _gwet_from_counts(counts: np.ndarray, w: np.ndarray) -> float:
    q = counts.shape[1]
    pa, pi, _ = _pa_pi(counts, w)
    pe = 0.0 if q < 2 else float(w.sum() * np.sum(pi * (1 - pi)) / (q * (q - 1)))
    return _chance_corrected(pa, pe)


def _percent_from_counts(counts: np.ndarray) -> float:
    return _pa_pi(counts, np.eye(counts.shape[1]))[0]


def _kappa_from_table(table: np.ndarray, weights: str | None = None) -> float:
    """Cohen's kappa from a q x q contingency table (fast path used by the bootstrap)."""
    n = table.sum()
    q = table.shape[0]
    if n == 0:
        return float("nan")
    dis = 1 - _weight_matrix(q, weights)
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / n
    de = float((dis * expected).sum())
    if de <= 1e-12:
        return float("nan")
    return 1 - float((dis * table).sum()) / de


def _alpha_parts(value_counts: np.ndarray, delta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-unit pieces of alpha: (sum_{c,k} n_uc n_uk delta_ck / (m_u - 1), m_u); 0 if m_u < 2."""
    vc = value_counts.astype(float)
    m = vc.sum(axis=1)
    pairable = m >= 2
    d_u = np.zeros(len(m))
    if pairable.any():
        p = vc[pairable]
        d_u[pairable] = np.einsum("uc,ck,uk->u", p, delta, p) / (m[pairable] - 1)
    return d_u, np.where(pairable, m, 0.0)


def _alpha_from_parts(
    d_u: np.ndarray, m_u: np.ndarray, value_counts: np.ndarray, delta: np.ndarray
) -> float:
    """alpha = 1 - D_o / D_e, D_o = sum_u d_u / n, D_e = sum_{c,k} n_c n_k delta_ck / (n(n-1))."""
    n = float(m_u.sum())
    if n == 0:
        raise ValueError("no unit was rated by two or more coders; alpha is undefined")
    n_c = value_counts[m_u > 0].sum(axis=0).astype(float)
    d_e = float(n_c @ delta @ n_c) / (n * (n - 1))
    if d_e <= 1e-12:
        return float("nan")
    return 1 - (float(d_u.sum()) / n) / d_e


def _alpha_from_value_counts(value_counts: np.ndarray, delta: np.ndarray) -> float:
    """Krippendorff's alpha from units x values counts and a values x values distance.

    alpha = 1 - D_o / D_e with D_o = (1/n) sum_u sum_{c,k} n_uc n_uk delta_ck / (m_u - 1)
    and D_e = sum_{c,k} n_c n_k delta_ck / (n (n - 1)), over pairable units (m_u >= 2).
    """
    d_u, m_u = _alpha_parts(value_counts, delta)
    return _alpha_from_parts(d_u, m_u, value_counts, delta)


def _distance_matrix(labels: Sequence[Hashable], distance: Distance) -> np.ndarray:
    q = len(labels)
    return np.array(
        [
            [0.0 if i == j else float(distance(labels[i], labels[j])) for j in range(q)]
            for i in range(q)
        ]
    )


# ------------------------------------------------------------------------------ metrics


def percent_agreement_score(
    reliability_data: object, *, labels: Sequence[Hashable] | None = None
) -> float:
    """Share of agreeing coder pairs per unit, averaged over units rated twice or more.

    p_a = (1/n') sum_i sum_k r_ik (r_ik - 1) / (r_i (r_i - 1)), over the n' units with
    r_i >= 2 ratings (Gwet 2014, Handbook of Inter-Rater Reliability, 4th ed., ch. 2). With
    two coders and no missing value this is the plain share of units they agree on.

    >>> percent_agreement_score([["a", "b", "a", "a"], ["a", "b", "b", "a"]])
    0.75
    """
    codes, labels = _encode(_as_matrix(reliability_data), labels)
    return _percent_from_counts(_counts_from_codes(codes, len(labels)))


def _two_raters(
    y1: Sequence[Hashable], y2: Sequence[Hashable], labels: Sequence[Hashable] | None
) -> tuple[np.ndarray, list[Hashable]]:
    a, b = list(y1), list(y2)
    if len(a) != len(b):
        raise ValueError(f"y1 and y2 differ in length ({len(a)} vs {len(b)})")
    if not a:
        raise ValueError("y1 and y2 are empty")
    codes, labels = _encode(_as_matrix([a, b], name="[y1, y2]"), labels)
    if (codes < 0).any():
        raise ValueError(
            "y1/y2 contain missing ratings; keep only units both coders rated "
            "(or use krippendorff_alpha_score, which handles missing values)"
        )
    return codes, labels


def cohen_kappa_score(
    y1: Sequence[Hashable],
    y2: Sequence[Hashable],
    *,
    weights: Weights | None = None,
    labels: Sequence[Hashable] | None = None,
) -> float:
    """Cohen's kappa for two coders, unweighted or with linear/quadratic weights.

    kappa = (p_o - p_e) / (1 - p_e), p_e = sum_k p_k. p_.k (Cohen 1960, Educ. Psychol. Meas.
    20:37-46); weighted: 1 - sum w_ij o_ij / sum w_ij e_ij with disagreement weights
    |i - j| or (i - j)^2 on the positions of ``labels`` (Cohen 1968). For ordinal levels
    pass ``labels`` in their order (default: sorted). Computed by scikit-learn.

    >>> round(cohen_kappa_score(["y"] * 25 + ["n"] * 25,
    ...                         ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15), 3)
    0.4
    """
    if weights is not None and weights not in WEIGHTS:
        raise ValueError(f"weights must be None, 'linear' or 'quadratic'; got {weights!r}")
    codes, labels = _two_raters(y1, y2, labels)
    from sklearn.metrics import cohen_kappa_score as _sk_kappa

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = _sk_kappa(codes[0], codes[1], labels=list(range(len(labels))), weights=weights)
    return float(value)


def scott_pi_score(
    y1: Sequence[Hashable], y2: Sequence[Hashable], *, labels: Sequence[Hashable] | None = None
) -> float:
    """Scott's pi for two coders: chance from the pooled distribution of both coders.

    pi = (p_o - p_e) / (1 - p_e), p_e = sum_k ((n_k. + n_.k) / 2N)^2 (Scott 1955, Public
    Opinion Quarterly 19:321-325; Artstein & Poesio 2008, Comput. Linguist. 34(4)).

    >>> round(scott_pi_score(["a", "a", "b", "b"], ["a", "b", "b", "b"]), 4)
    0.4667
    """
    codes, labels = _two_raters(y1, y2, labels)
    return _fleiss_from_counts(_counts_from_codes(codes, len(labels)))


def fleiss_kappa_score(counts: object, *, per_category: bool = False) -> float | np.ndarray:
    """Fleiss' kappa from a units x categories table of rating counts.

    kappa = (P_bar - P_e) / (1 - P_e), P_i = sum_j n_ij (n_ij - 1) / (n_i (n_i - 1)),
    P_e = sum_j p_j^2 (Fleiss 1971, Psychol. Bull. 76:378-382). Units may have different
    numbers of ratings (Gwet 2014's generalisation: P_bar over units rated at least twice,
    p_j the mean of n_ij / n_i). ``per_category=True`` returns Fleiss' kappa_j for each
    category against all others (the one-vs-rest collapse).

    >>> round(fleiss_kappa_score([[7, 1], [3, 5]]), 6)
    0.161905
    """
    arr = _check_counts(counts)
    if not per_category:
        return _fleiss_from_counts(arr)
    total = arr.sum(axis=1)
    return np.array(
        [
            _fleiss_from_counts(np.column_stack([arr[:, j], total - arr[:, j]]))
            for j in range(arr.shape[1])
        ]
    )


def gwet_ac1_score(
    reliability_data: object,
    *,
    weights: Weights | None = None,
    labels: Sequence[Hashable] | None = None,
) -> float:
    """Gwet's AC1 (AC2 when ``weights`` is given) for any number of coders, missing allowed.

    AC = (p_a - p_e) / (1 - p_e), p_e = T_w / (q (q - 1)) sum_k pi_k (1 - pi_k), where q is
    the number of categories (``labels``), T_w the sum of the agreement weights (q when
    unweighted), p_a as in ``percent_agreement_score`` with weighted counts and pi_k the
    mean share of ratings in k over all rated units (Gwet 2008, Br. J. Math. Stat. Psychol.
    61:29-48; Gwet 2014, Handbook, ch. 4; as R irrCAC ``gwet.ac1.raw``). Unlike kappa it
    stays meaningful when one category is rare.

    >>> round(gwet_ac1_score([["a"] * 9 + ["b"], ["a"] * 10]), 4)
    0.8895
    """
    if weights is not None and weights not in WEIGHTS:
        raise ValueError(f"weights must be None, 'linear' or 'quadratic'; got {weights!r}")
    codes, labels = _encode(_as_matrix(reliability_data), labels)
    counts = _counts_from_codes(codes, len(labels))
    return _gwet_from_counts(counts, _weight_matrix(len(labels), weights))


def krippendorff_alpha_score(
    reliability_data: object,
    *,
    level: Level | Distance = "nominal",
    labels: Sequence[Hashable] | None = None,
) -> float:
    """Krippendorff's alpha for any number of coders, missing values allowed.

    alpha = 1 - D_o / D_e, with observed and expected disagreement taken from the
    coincidence matrix of pairable values (Krippendorff 2004, Content Analysis, 2nd ed.,
    ch. 11; Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"). ``level`` is
    ``"nominal"``, ``"ordinal"`` (order of ``labels``, default sorted), ``"interval"`` or
    ``"ratio"`` (numbers only), computed by the ``krippendorff`` package; or a callable
    distance ``d(a, b) -> float`` (0 for equal values) over any hashable values, e.g. code
    sets with ``masi_distance``, computed here.

    >>> round(krippendorff_alpha_score([[0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    ...                                 [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]), 3)
    0.095
    """
    arr = _as_matrix(reliability_data)
    if callable(level):
        codes, labels = _encode(arr, labels)
        q = len(labels)
        delta = _distance_matrix(labels, level)
        return _alpha_from_value_counts(_counts_from_codes(codes, q), delta)
    if level not in LEVELS:
        raise ValueError(
            f"level must be one of {', '.join(LEVELS)} or a distance function; got {level!r}"
        )
    codes, labels = _encode(arr, labels)
    if level in ("interval", "ratio"):
        try:
            domain = np.array([float(v) for v in labels])  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ValueError(f"level={level!r} needs numeric ratings; got {labels[:5]!r}") from None
        if level == "ratio" and (domain < 0).any():
            raise ValueError("level='ratio' needs ratings >= 0")
    else:
        domain = np.arange(len(labels), dtype=float)
    counts = _counts_from_codes(codes, len(labels))
    return _alpha_level_counts(counts, domain, level)


def _alpha_level_counts(counts: np.ndarray, domain: np.ndarray, level: str) -> float:
    """Alpha by the ``krippendorff`` package from units x values counts (bootstrap path)."""
    paired = counts.sum(axis=1) >= 2
    if not paired.any():
        raise ValueError("no unit was rated by two or more coders; alpha is undefined")
    if np.count_nonzero(counts[paired].sum(axis=0)) < 2:
        return float("nan")  # a single value was used: no expected disagreement
    import krippendorff

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(
            krippendorff.alpha(value_counts=counts, value_domain=domain, level_of_measurement=level)
        )
