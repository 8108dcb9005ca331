"""``autocoder export``, ``autocoder import`` and ``autocoder report``.

Each command calls one function of :mod:`autocoder.export`; heavy imports (openpyxl, lxml,
matplotlib, pandas) happen inside the commands so ``autocoder --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from autocoder.cli._util import CodebookOpt, ProjectOpt, app, console, err_console, handle_errors

export_app = typer.Typer(
    name="export",
    help="Write the coded project: XLSX, CSV, REFI-QDA project (.qdpx) or codebook (.qdc).",
    no_args_is_help=True,
)
import_app = typer.Typer(
    name="import",
    help="Read coded data (CSV, XLSX, REFI-QDA .qdpx) or a .qdc codebook into the project.",
    no_args_is_help=True,
)
app.add_typer(export_app, name="export")
app.add_typer(import_app, name="import")

OutOpt = Annotated[Path, typer.Option("--out", "-o", help="File to write.")]
RubricOpt = Annotated[
    Path | None,
    typer.Option("--rubric", help="Rubric YAML (default: the project's, else the bundled one)."),
]
CoderOpt = Annotated[
    str | None, typer.Option(help="Coder of every row (overrides a coder column).")
]
MapOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--map", help="COLUMN=FIELD; fields: segment_id transcript turn codes levels memo coder."
    ),
]
FileArg = Annotated[Path, typer.Argument(help="File to import.", exists=True, dir_okay=False)]


def _data(project: Path, codebook: Path | None, rubric: Path | None = None):  # noqa: ANN202
    from autocoder.export import load_project

    return load_project(project, codebook=codebook, rubric=rubric)


def _done(path: Path, what: str) -> None:
    err_console.print(f"{what} written to {path}", highlight=False)


@export_app.command("xlsx")
@handle_errors
def export_xlsx(
    out: OutOpt, project: ProjectOpt = Path("."), codebook: CodebookOpt = None,
    rubric: RubricOpt = None,
) -> None:
    """Coded verbatim workbook: a sheet per transcript, a summary and the codebook."""
    from autocoder.export.xlsx import write_xlsx

    _done(write_xlsx(_data(project, codebook, rubric), out), "Workbook")


@export_app.command("csv")
@handle_errors
def export_csv(out: OutOpt, project: ProjectOpt = Path("."), codebook: CodebookOpt = None) -> None:
    """One row per segment with its codes, levels, status, coder and memo."""
    from autocoder.export.csv import write_csv

    _done(write_csv(_data(project, codebook), out), "CSV")


@export_app.command("qdpx")
@handle_errors
def export_qdpx(out: OutOpt, project: ProjectOpt = Path("."), codebook: CodebookOpt = None) -> None:
    """REFI-QDA project (.qdpx) for ATLAS.ti, MAXQDA, NVivo, QDA Miner and others."""
    from autocoder.export.refiqda import qdpx_bytes

    out.write_bytes(qdpx_bytes(_data(project, codebook)))
    _done(out, "REFI-QDA project")


@export_app.command("qdc")
@handle_errors
def export_qdc(out: OutOpt, project: ProjectOpt = Path("."), codebook: CodebookOpt = None) -> None:
    """The codebook alone as a REFI-QDA codebook (.qdc); levels are child codes."""
    from autocoder.export.project import project_codebook
    from autocoder.export.refiqda import codebook_xml

    out.write_bytes(codebook_xml(project_codebook(project, codebook)))
    _done(out, "REFI-QDA codebook")


@app.command()
@handle_errors
def report(
    out: OutOpt, project: ProjectOpt = Path("."), codebook: CodebookOpt = None,
    rubric: RubricOpt = None,
) -> None:
    """Self-contained HTML report: ratings, heat map, evidence quotes, routing, agreement."""
    from autocoder.export.report import write_report

    _done(write_report(_data(project, codebook, rubric), out), "Report")


def _print_result(result: object) -> None:
    from autocoder.export.importing import ImportResult

    assert isinstance(result, ImportResult)
    for line in result.skipped:
        err_console.print(f"[yellow]skipped:[/] {line}", highlight=False)
    for name in result.created_transcripts:
        console.print(f"created transcript {name} from its source text")
    coders = ", ".join(result.coders) or "-"
    console.print(f"{len(result.codings)} codings imported (coders: {coders}).")


@import_app.command("csv")
@handle_errors
def import_csv(
    file: FileArg, project: ProjectOpt = Path("."), codebook: CodebookOpt = None,
    coder: CoderOpt = None,
    map_: MapOpt = None,
) -> None:
    """Coded rows (segment_id or transcript+turn, codes, levels, memo, coder): all or none."""
    _import_table(file, project, codebook, coder, map_)


@import_app.command("xlsx")
@handle_errors
def import_xlsx(
    file: FileArg, project: ProjectOpt = Path("."), codebook: CodebookOpt = None,
    coder: CoderOpt = None,
    map_: MapOpt = None,
) -> None:
    """Coded sheets (every sheet with a codes column; exported workbooks work): all or none."""
    _import_table(file, project, codebook, coder, map_)


def _import_table(
    file: Path, project: Path, codebook: Path | None, coder: str | None, map_: list[str] | None
) -> None:
    from autocoder.export.importing import import_table, parse_mapping
    from autocoder.export.project import project_codebook
    from autocoder.store import ProjectStore

    mapping = parse_mapping(map_ or [])
    book = project_codebook(project, codebook)
    with ProjectStore(project) as store:
        result = import_table(store, file, book, coder=coder, mapping=mapping)
    _print_result(result)


@import_app.command("qdpx")
@handle_errors
def import_qdpx(
    file: FileArg, project: ProjectOpt = Path("."), codebook: CodebookOpt = None
) -> None:
    """A REFI-QDA project coded elsewhere: its codings become human codings."""
    from autocoder.export.importing import import_qdpx as run
    from autocoder.export.project import project_codebook
    from autocoder.store import ProjectStore

    book = project_codebook(project, codebook)
    with ProjectStore(project) as store:
        result = run(store, file, book)
    _print_result(result)


@import_app.command("qdc")
@handle_errors
def import_qdc(
    file: FileArg,
    project: ProjectOpt = Path("."),
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Codebook YAML [default: PROJECT/codebook.yaml]."),
    ] = None,
) -> None:
    """A REFI-QDA codebook (.qdc) as an autocoder codebook YAML file (never overwritten)."""
    from autocoder.errors import DataError
    from autocoder.export.importing import import_qdc as run

    out = out or Path(project) / "codebook.yaml"
    if out.exists():
        raise DataError(f"{out} exists; choose another --out or move it away first")
    out.parent.mkdir(parents=True, exist_ok=True)
    book = run(file, out)
    console.print(f"{len(book.codes)} codes, {len(book.levels)} levels written to {out}; "
                  f"set 'codebook: {out.name}' in autocoder.yaml to use it.")
