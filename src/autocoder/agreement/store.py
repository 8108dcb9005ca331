"""Codings of a project store as the long table that :func:`agreement_report` reads."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from autocoder.store import MACHINE, ProjectStore


def project_codings(
    store: ProjectStore, *, coders: Sequence[str] | None = None, include_machine: bool = True
) -> pd.DataFrame:
    """One row per (segment, coder): ``unit``, ``coder``, ``codes`` (tuple), ``levels`` (dict).

    Human coders are the current decisions in the store; the machine (coder ``machine``) is
    its latest suggestion for every segment, whether auto-accepted or sent to review.
    """
    rows = [
        {
            "unit": c["segment_id"] if "segment_id" in c else c["segment_uid"],
            "coder": c["coder"],
            "codes": tuple(c["codes"]),
            "levels": dict(c["levels"]),
        }
        for c in store.codings()
    ]
    if include_machine:
        ids = {s["uid"]: s["segment_id"] for s in store.segments()}
        for uid, s in store.suggestions().items():
            if uid in ids:
                rows.append(
                    {
                        "unit": ids[uid],
                        "coder": MACHINE,
                        "codes": tuple(s["codes"]),
                        "levels": dict(s["levels"]),
                    }
                )
    df = pd.DataFrame(rows, columns=["unit", "coder", "codes", "levels"])
    if coders:
        df = df[df["coder"].isin(coders)]
    return df.reset_index(drop=True)
