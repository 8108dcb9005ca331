"""Where coders disagree: confusion matrices per pair, and a ranked list for consensus."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from autocoder.agreement.multilabel import CodingTable


def confusion_matrix(table: CodingTable, coder_a: str, coder_b: str) -> pd.DataFrame:
    """Code-by-code confusion of two coders over the units both coded.

    Rows are ``coder_a``'s codes, columns ``coder_b``'s, plus the none-code for "no code".
    Per unit: each shared code adds 1 on the diagonal; each code only A gave is crossed with
    each code only B gave (or with the none-code if B gave no other code), and vice versa.
    Both coders giving no code adds 1 to (none, none).
    """
    if coder_a not in table.coders or coder_b not in table.coders:
        raise ValueError(f"unknown coder; coders are {list(table.coders)}")
    labels = [*table.codes, table.none_code]
    idx = {c: i for i, c in enumerate(labels)}
    none = idx[table.none_code]
    m = np.zeros((len(labels), len(labels)), dtype=np.int64)
    a_sets = table.sets[table.coders.index(coder_a)]
    b_sets = table.sets[table.coders.index(coder_b)]
    for a, b in zip(a_sets, b_sets, strict=True):
        if a is None or b is None:
            continue
        if not a and not b:
            m[none, none] += 1
            continue
        for c in a & b:
            m[idx[c], idx[c]] += 1
        only_a = [idx[c] for c in sorted(a - b)] or [none]
        only_b = [idx[c] for c in sorted(b - a)] or [none]
        if only_a == [none] and only_b == [none]:
            continue
        for i in only_a:
            for j in only_b:
                m[i, j] += 1
    return pd.DataFrame(
        m,
        index=pd.Index(labels, name=coder_a),
        columns=pd.Index(labels, name=coder_b),
    )


def _describe(codes: frozenset[str] | None, levels: dict[str, int] | None, none_code: str) -> str:
    if codes is None:
        return ""
    if not codes:
        return none_code
    levels = levels or {}
    return ";".join(f"{c}:{levels[c]}" if c in levels else c for c in sorted(codes))


def disagreement_list(table: CodingTable) -> pd.DataFrame:
    """Units on which coders differ, most consequential first.

    ``n_codes_differing``: codes given by some but not all coders of the unit (the none-code
    counts as a code when one coder gave nothing); ``level_distance``: summed over codes
    given a level by 2+ coders, the spread (max - min) of their levels. Sorted by these two,
    descending, then by unit order. One column per coder shows ``code:level;...``.
    """
    rows: list[dict[str, Any]] = []
    for j, unit in enumerate(table.units):
        given = [
            (i, s, table.levels[i, j]) for i, s in enumerate(table.sets[:, j]) if s is not None
        ]
        if len(given) < 2:
            continue
        union = frozenset().union(*(s for _, s, _ in given))
        inter = frozenset.intersection(*(s for _, s, _ in given))
        differing = sorted(union - inter)
        if differing and any(not s for _, s, _ in given):
            differing.append(table.none_code)
        spread = 0
        for code in sorted(inter | union):
            lv = [lv_map[code] for _, _, lv_map in given if lv_map and code in lv_map]
            if len(lv) >= 2:
                spread += max(lv) - min(lv)
        if not differing and spread == 0:
            continue
        row: dict[str, Any] = {
            "unit": unit,
            "n_coders": len(given),
            "n_codes_differing": len(differing),
            "level_distance": spread,
            "codes_differing": ";".join(differing),
        }
        for i, coder in enumerate(table.coders):
            row[coder] = _describe(table.sets[i, j], table.levels[i, j], table.none_code)
        row["_order"] = j
        rows.append(row)
    columns = [
        "unit",
        "n_coders",
        "n_codes_differing",
        "level_distance",
        "codes_differing",
        *table.coders,
    ]
    if not rows:
        return pd.DataFrame(columns=columns)
    df = pd.DataFrame(rows).sort_values(
        ["n_codes_differing", "level_distance", "_order"], ascending=[False, False, True]
    )
    return df[columns].reset_index(drop=True)
