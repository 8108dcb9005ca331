"""``autocoder ingest`` and ``autocoder segments``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from autocoder.cli._util import ProjectOpt, app, console, err_console, handle_errors
from autocoder.records import SEGMENT_COLUMNS


@app.command()
@handle_errors
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Transcript files or folders (recursive).")],
    project: ProjectOpt = Path("."),
) -> None:
    """Read transcripts, cut them into coding units and add them to the project store."""
    from rich.markup import escape
    from rich.progress import Progress
    from rich.table import Table

    from autocoder.config import load_settings
    from autocoder.pipeline import find_transcript_files, ingest_files
    from autocoder.store import ProjectStore

    settings = load_settings(project)
    files = list(find_transcript_files(paths))
    with ProjectStore(project) as store, Progress(console=err_console, transient=True) as bar:
        task = bar.add_task("Ingesting", total=len(files))
        report = ingest_files(files, store, settings, on_file=lambda _: bar.advance(task))

    table = Table(title=f"Ingested into {Path(project) / 'autocoder.db'}")
    for col in ("file", "status", "subject", "turns", "segments", "warnings"):
        table.add_column(col)
    for f in report.files:
        style = "red" if f.status == "failed" else None
        table.add_row(
            Path(f.path).name,
            f.status,
            f.subject,
            str(f.n_turns),
            str(f.n_segments),
            "; ".join(f.warnings),
            style=style,
        )
    console.print(table)
    for f in report.failed:
        err_console.print(f"[red]failed:[/] {escape(f.error)}", highlight=False)
    ok = len(report.files) - len(report.failed)
    console.print(f"{ok} of {len(report.files)} files ingested, {len(report.failed)} failed.")
    if not report.ok:
        raise typer.Exit(1)


@app.command()
@handle_errors
def segments(
    project: ProjectOpt = Path("."),
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file.")] = None,
) -> None:
    """List the respondent coding units of the project."""
    import pandas as pd

    from autocoder.store import ProjectStore

    with ProjectStore(project) as store:
        df = pd.DataFrame(store.segments(), columns=["uid", *SEGMENT_COLUMNS])[
            list(SEGMENT_COLUMNS)
        ]
    if format == "csv":
        text = df.to_csv(index=False)
    elif format == "json":
        text = df.to_json(orient="records", force_ascii=False, indent=1)
    elif format == "table":
        from rich.table import Table

        table = Table(show_lines=False)
        for col in ("segment_id", "subject", "turn", "line_start", "line_end", "text"):
            table.add_column(col, overflow="fold")
        for r in df.itertuples():
            table.add_row(
                r.segment_id,
                r.subject,
                str(r.turn),
                str(r.line_start),
                str(r.line_end),
                r.text[:120],
            )
        console.print(table)
        return
    else:
        raise typer.BadParameter("choose table, csv or json", param_hint="--format")
    if out:
        out.write_text(text, encoding="utf-8")
        err_console.print(f"{len(df)} segments written to {out}")
    else:
        sys.stdout.write(text)
