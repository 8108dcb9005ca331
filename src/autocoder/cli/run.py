"""``autocoder run`` (the main job) and ``autocoder suggest`` (re-suggest a project)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from autocoder.cli._util import ProjectOpt, app, console, err_console, handle_errors

ModelOpt = Annotated[
    Path | None, typer.Option("--model", "-m", help="Model directory (default: the shipped model).")
]


def _progress_bar():  # noqa: ANN202 - rich types stay lazy
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    )


@contextmanager
def _shown_warnings() -> Iterator[None]:
    """Show the library's warnings as notes on stderr."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for w in caught:
        err_console.print(f"[yellow]note:[/] {w.message}", highlight=False)


@app.command()
@handle_errors
def run(
    paths: Annotated[list[Path], typer.Argument(help="Transcript files or folders.")],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder (also the project).")
    ] = Path("autocoder-out"),
    model: ModelOpt = None,
) -> None:
    """Ingest, segment, suggest, route and rate in one go; write CSVs and the project store."""
    from rich.markup import escape

    from autocoder.run import run as run_job

    with _progress_bar() as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                label = {"ingest": "Ingesting", "suggest": "Suggesting"}[stage]
                tasks[stage] = bar.add_task(label, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        with _shown_warnings():
            result = run_job(paths, out, model_path=model, progress=progress)

    for f in result.ingest.failed:
        err_console.print(f"[red]failed:[/] {escape(f.error)}", highlight=False)
    _print_subjects(result.ratings)
    s = result.suggest
    console.print(
        f"{len(result.ingest.files) - len(result.ingest.failed)} transcripts, "
        f"{s.n_segments} segments: "
        f"{s.n_auto} auto-coded, {s.n_review} await review, {s.n_human} coded by people "
        f"(model {s.model})."
    )
    console.print(f"Wrote {out}/segments.csv, ratings.csv, review_queue.csv and autocoder.db")
    if result.ingest.failed:
        raise typer.Exit(1)


def _print_subjects(ratings) -> None:  # noqa: ANN001
    from rich.table import Table

    from autocoder.ratings import OVERALL

    table = Table(title="Subjects")
    for col in ("subject", "transcript", "score", "category", "evidence", "unreviewed"):
        table.add_column(col)
    for r in ratings:
        if r.indicator == OVERALL:
            score = "-" if r.score is None else f"{r.score:.2f}"
            table.add_row(
                r.subject, r.transcript, score, r.category, str(r.n_evidence), str(r.n_unreviewed)
            )
    console.print(table)


@app.command()
@handle_errors
def rate(project: ProjectOpt = Path(".")) -> None:
    """Recompute the ratings (human decisions first) and rewrite the project's CSV files."""
    from autocoder.codebook import load_codebook
    from autocoder.config import load_settings
    from autocoder.run import write_outputs
    from autocoder.store import ProjectStore
    from autocoder.suggest.service import model_codebook

    settings = load_settings(project)
    codebook = (
        load_codebook(settings.codebook) if settings.codebook else model_codebook(settings.model)
    )
    with ProjectStore(project) as store:
        _, ratings = write_outputs(store, Path(project), codebook, settings)
    _print_subjects(ratings)
    console.print(f"Wrote {project}/ratings.csv, segments.csv and review_queue.csv")


@app.command()
@handle_errors
def suggest(project: ProjectOpt = Path("."), model: ModelOpt = None) -> None:
    """Suggest codes for a project's segments again (human decisions stay as they are)."""
    from autocoder.config import load_settings
    from autocoder.run import model_for_codebook, write_outputs
    from autocoder.store import ProjectStore
    from autocoder.suggest.service import model_embedder, suggest_project

    settings = load_settings(project)
    with _shown_warnings():
        m, codebook = model_for_codebook(model or settings.model, settings)
    with ProjectStore(project) as store:
        report = suggest_project(
            store,
            m,
            model_embedder(m, override=settings.embedder, cache_dir=Path(project)),
            settings,
        )
        write_outputs(store, Path(project), codebook, settings)
    console.print(
        f"{report.n_segments} segments: {report.n_auto} auto, {report.n_review} review, "
        f"{report.n_human} human."
    )
