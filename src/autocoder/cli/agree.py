"""``autocoder agree``: inter-coder agreement on coded files, a rating matrix or count table.

Each command reads its input with :mod:`autocoder.agreement.io` and calls one function of
:mod:`autocoder.agreement.report`; heavy imports happen inside the commands.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from autocoder.cli._util import app, console, handle_errors
from autocoder.errors import DataError

if TYPE_CHECKING:
    from autocoder.agreement.report import AgreementReport, Figure

agree_app = typer.Typer(
    name="agree",
    help="Inter-coder agreement: kappa, pi, Fleiss, Krippendorff's alpha, Gwet's AC1.",
    no_args_is_help=True,
)
app.add_typer(agree_app, name="agree")


class LevelChoice(str, Enum):
    nominal = "nominal"
    ordinal = "ordinal"
    interval = "interval"
    ratio = "ratio"


JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")]
OutOpt = Annotated[Path | None, typer.Option("--out", help="Write per-code results to this CSV.")]
DisagreementsOpt = Annotated[
    Path | None,
    typer.Option("--disagreements", help="Write the ranked disagreement list to this CSV."),
]
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed for the bootstrap.")]
BootstrapOpt = Annotated[
    int, typer.Option("--bootstrap", min=0, help="Bootstrap resamples (0 = no intervals).")
]
ConfusionOpt = Annotated[
    bool, typer.Option("--confusion", help="Also print each pair's confusion matrix.")
]


@contextmanager
def _as_data_errors() -> Iterator[None]:
    """Library ``ValueError``s about the data become ``DataError`` (a clean CLI message)."""
    try:
        yield
    except ValueError as err:
        raise DataError(str(err)) from None


def _num(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _print_json(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=_json_default) + "\n")


def _json_default(value: Any) -> Any:
    import numpy as np

    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return None if math.isnan(value) else float(value)
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    return str(value)


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _ci(low: Any, high: Any) -> str:
    if low is None or (isinstance(low, float) and math.isnan(low)):
        return ""
    return f" [{low:.2f}, {high:.2f}]"


def _figures_json(figures: dict[str, Figure], n_units: int) -> dict[str, Any]:
    out: dict[str, Any] = {name: _num(f.value) for name, f in figures.items()}
    out["n_units"] = n_units
    return out


def _figures_table(figures: dict[str, Figure], title: str) -> None:
    from rich.table import Table

    from autocoder.agreement.interpret import (
        KRIPPENDORFF_SOURCE,
        LANDIS_KOCH_SOURCE,
        krippendorff_band,
        landis_koch_band,
    )

    table = Table(title=title, caption=f"Bands: {LANDIS_KOCH_SOURCE} {KRIPPENDORFF_SOURCE}")
    for col in ("coefficient", "value", "units", "band", "note"):
        table.add_column(col, justify="right" if col in ("value", "units") else "left")
    for name, fig in figures.items():
        if name == "percent_agreement":
            band = ""
        elif name == "krippendorff_alpha":
            band = krippendorff_band(fig.value)
        else:
            band = landis_koch_band(fig.value)
        table.add_row(name, _fmt(fig.value), str(fig.n_units), band, fig.note)
    console.print(table)


@agree_app.command("matrix")
@handle_errors
def matrix_cmd(
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV/XLSX: header row of coder names, one row per unit, blank = missing."
        ),
    ],
    level: Annotated[
        LevelChoice, typer.Option("--level", help="Level of measurement for Krippendorff's alpha.")
    ] = LevelChoice.nominal,
    as_json: JsonOpt = False,
) -> None:
    """Agreement on a plain reliability matrix (units x coders)."""
    from autocoder.agreement.io import read_reliability_matrix
    from autocoder.agreement.report import summarize_matrix

    df = read_reliability_matrix(file)
    with _as_data_errors():
        figures = summarize_matrix(df.to_numpy().T, level=level.value)
    if as_json:
        _print_json(_figures_json(figures, df.shape[0]))
    else:
        _figures_table(figures, f"{file.name}: {df.shape[1]} coders, {df.shape[0]} units")


@agree_app.command("counts")
@handle_errors
def counts_cmd(
    file: Annotated[
        Path,
        typer.Argument(help="CSV/XLSX: header row of category names, one row per subject."),
    ],
    as_json: JsonOpt = False,
) -> None:
    """Agreement from a subjects x categories table of rating counts (Fleiss' layout)."""
    from autocoder.agreement.io import read_counts
    from autocoder.agreement.report import summarize_counts

    df = read_counts(file)
    with _as_data_errors():
        figures = summarize_counts(df.to_numpy())
    if as_json:
        _print_json(_figures_json(figures, df.shape[0]))
    else:
        _figures_table(figures, f"{file.name}: {df.shape[0]} subjects, {df.shape[1]} categories")


@agree_app.command("files")
@handle_errors
def files_cmd(
    files: Annotated[
        list[Path],
        typer.Argument(help="Two or more coded CSV/XLSX files, one per coder."),
    ],
    coders: Annotated[
        str | None, typer.Option("--coders", help="Coder names, comma-separated, one per file.")
    ] = None,
    as_json: JsonOpt = False,
    out: OutOpt = None,
    disagreements_out: DisagreementsOpt = None,
    seed: SeedOpt = 0,
    bootstrap: BootstrapOpt = 1000,
    none_code: Annotated[
        str, typer.Option("--none-code", help="Code meaning 'no code applies'.")
    ] = "LAIN",
    confusion: ConfusionOpt = False,
) -> None:
    """Agreement on multi-label coded files aligned by segment id or transcript and turn."""
    from autocoder.agreement.io import read_coded_files
    from autocoder.agreement.report import agreement_report

    names = [c for c in coders.split(",")] if coders else None
    codings = read_coded_files(files, coders=names, none_code=none_code)
    with _as_data_errors():
        report = agreement_report(codings, none_code=none_code, bootstrap=bootstrap, seed=seed)
    _emit_report(
        report, as_json=as_json, out=out, disagreements_out=disagreements_out, confusion=confusion
    )


@agree_app.command("project")
@handle_errors
def project_cmd(
    project: Annotated[Path, typer.Option("--project", "-p", help="Project folder.")] = Path("."),
    coders: Annotated[
        str | None,
        typer.Option(
            "--coders",
            help="Coders to compare, comma-separated (default: all; "
            "'machine' is the model's suggestions).",
        ),
    ] = None,
    no_machine: Annotated[
        bool, typer.Option("--no-machine", help="Leave the machine out.")
    ] = False,
    as_json: JsonOpt = False,
    out: OutOpt = None,
    disagreements_out: DisagreementsOpt = None,
    seed: SeedOpt = 0,
    bootstrap: BootstrapOpt = 1000,
    confusion: ConfusionOpt = False,
) -> None:
    """Agreement between the coders in a project store, the machine included as `machine`."""
    from autocoder.agreement.report import agreement_report
    from autocoder.agreement.store import project_codings
    from autocoder.codebook import load_codebook
    from autocoder.config import load_settings
    from autocoder.store import ProjectStore

    settings = load_settings(project)
    codebook = load_codebook(settings.codebook)
    names = coders.split(",") if coders else None
    with ProjectStore(project) as store:
        codings = project_codings(store, coders=names, include_machine=not no_machine)
    if codings["coder"].nunique() < 2:
        raise DataError(
            f"{project}: agreement needs two or more coders; "
            f"found {sorted(codings['coder'].unique())}. "
            "Import a second coding with `autocoder import csv FILE --coder NAME`."
        )
    with _as_data_errors():
        report = agreement_report(
            codings,
            codes=codebook.ids,
            none_code=codebook.none_id or "LAIN",
            bootstrap=bootstrap,
            seed=seed,
        )
    _emit_report(
        report, as_json=as_json, out=out, disagreements_out=disagreements_out, confusion=confusion
    )


def _emit_report(
    report: AgreementReport,
    *,
    as_json: bool,
    out: Path | None,
    disagreements_out: Path | None,
    confusion: bool,
) -> None:
    """Write the optional CSVs, then print the report as JSON or as tables."""
    if out is not None:
        report.per_code.to_csv(out, index=False)
    if disagreements_out is not None:
        report.disagreements.to_csv(disagreements_out, index=False)
    if as_json:
        _print_json(report.to_dict())
        return
    _print_report(report, show_confusion=confusion)
    if out is not None:
        console.print(f"per-code results written to {out}")
    if disagreements_out is not None:
        console.print(f"disagreement list written to {disagreements_out}")


def _print_report(report: AgreementReport, *, show_confusion: bool) -> None:
    from rich.table import Table

    from autocoder.agreement.interpret import krippendorff_band, landis_koch_band

    kname = "Cohen's kappa" if report.kappa_kind == "cohen_kappa" else "Fleiss' kappa"
    console.print(
        f"[bold]{len(report.coders)} coders[/] ({', '.join(report.coders)}); "
        f"{report.n_units_paired} segments coded by 2+ coders"
        + (
            f", {report.n_units_single} coded by one coder left out"
            if report.n_units_single
            else ""
        )
        + (
            f"; {report.n_resamples} bootstrap resamples, seed {report.seed}, "
            f"{report.confidence_level:.0%} intervals"
            if report.n_resamples
            else ""
        )
    )
    p, s = report.pooled, report.code_sets
    summary = Table(
        title="Overall",
        caption="Bands: Landis & Koch 1977 (kappa); "
        "Krippendorff 2004 (alpha: >= .800 reliable, >= .667 tentative)",
    )
    for col in ("figure", "value", "units", "band"):
        summary.add_column(col, justify="right" if col in ("value", "units") else "left")
    n = str(report.n_units_paired)
    if report.codes:
        summary.add_row("percent agreement (unit x code)", _fmt(p["percent_agreement"]), n, "")
        summary.add_row(
            f"{kname}, pooled",
            _fmt(p["kappa"]) + _ci(p["kappa_low"], p["kappa_high"]),
            n,
            landis_koch_band(p["kappa"]),
        )
        summary.add_row(
            "Krippendorff's alpha, pooled",
            _fmt(p["krippendorff_alpha"]) + _ci(p["alpha_low"], p["alpha_high"]),
            n,
            krippendorff_band(p["krippendorff_alpha"]),
        )
        summary.add_row(
            "Gwet's AC1, pooled", _fmt(p["gwet_ac1"]), n, landis_koch_band(p["gwet_ac1"])
        )
        summary.add_row(f"mean {kname} over codes", _fmt(p["mean_kappa"]), n, "")
    summary.add_row("exact code-set agreement", _fmt(s["exact_agreement"]), n, "")
    summary.add_row(
        "alpha on code sets (MASI)",
        _fmt(s["alpha_masi"]) + _ci(s["alpha_masi_low"], s["alpha_masi_high"]),
        n,
        krippendorff_band(s["alpha_masi"]),
    )
    summary.add_row(
        "alpha on code sets (Jaccard)",
        _fmt(s["alpha_jaccard"]),
        n,
        krippendorff_band(s["alpha_jaccard"]),
    )
    console.print(summary)

    if report.codes:
        table = Table(
            title="Per code: presence per segment; levels where coders gave the same code",
            caption="Intervals for each code: --json or --out FILE.csv",
        )
        kshort = "kappa" if report.kappa_kind == "cohen_kappa" else "Fleiss"
        table.add_column("code", no_wrap=True)
        for col in ("n", "both", "none", "diff", "%", kshort, "alpha", "AC1", "lvl n", "lvl a"):
            table.add_column(col, justify="right")
        for r in report.per_code.to_dict("records"):
            table.add_row(
                r["code"],
                str(r["n_units"]),
                str(r["n_agree_present"]),
                str(r["n_agree_absent"]),
                str(r["n_disagree"]),
                _fmt(r["percent_agreement"], 2),
                _fmt(r["kappa"], 2),
                _fmt(r["krippendorff_alpha"], 2),
                _fmt(r["gwet_ac1"], 2),
                str(r["level_n_units"]),
                _fmt(r["level_alpha"], 2),
            )
        console.print(table)

    if len(report.coders) > 2:
        pairs = Table(title="Pairs of coders")
        for col in ("coder a", "coder b", "units", "exact", "Jaccard", "kappa"):
            pairs.add_column(col)
        for r in report.pairs.to_dict("records"):
            pairs.add_row(
                r["coder_a"],
                r["coder_b"],
                str(r["n_units"]),
                _fmt(r["exact_agreement"]),
                _fmt(r["mean_jaccard"]),
                _fmt(r["kappa"]),
            )
        console.print(pairs)

    if show_confusion:
        for (a, b), m in report.confusion.items():
            cm = Table(title=f"Confusion: rows {a}, columns {b}")
            cm.add_column("")
            for c in m.columns:
                cm.add_column(str(c), justify="right")
            for label, row in m.iterrows():
                cm.add_row(str(label), *(str(v) if v else "." for v in row))
            console.print(cm)

    d = report.disagreements
    if len(d):
        top = Table(title=f"Disagreements ({len(d)} segments; most consequential first)")
        for col in ("segment", "codes differing", "level distance", *report.coders):
            top.add_column(col)
        for r in d.head(15).to_dict("records"):
            top.add_row(
                str(r["unit"]),
                r["codes_differing"],
                str(r["level_distance"]),
                *(r[c] for c in report.coders),
            )
        console.print(top)
        if len(d) > 15:
            console.print(f"... {len(d) - 15} more; write them all with --disagreements FILE.csv")
