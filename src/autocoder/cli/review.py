"""``autocoder review`` (terminal review, export, import, assign) and ``autocoder serve``."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from autocoder.cli._util import CodebookOpt, ProjectOpt, app, console, err_console, handle_errors

if TYPE_CHECKING:
    from autocoder.codebook import Codebook

review_app = typer.Typer(
    help="Review the machine's suggestions: one key per decision in the terminal, "
    "or export/import a spreadsheet, or assign double coding.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(review_app, name="review")


class OrderChoice(str, Enum):
    uncertainty = "uncertainty"
    transcript = "transcript"


CODER_HELP = "Your coder name (recorded with every decision)."
CoderOpt = Annotated[str, typer.Option("--coder", help=CODER_HELP)]
OrderOpt = Annotated[
    OrderChoice,
    typer.Option("--order", help="uncertainty: least confident first; transcript: reading order."),
]
AllOpt = Annotated[
    bool,
    typer.Option("--all", help="Queue every segment without a human decision, not only 'review'."),
]


def _codebook(project: Path, path: Path | None) -> Codebook:
    from autocoder.codebook import load_codebook
    from autocoder.config import load_settings

    return load_codebook(path if path is not None else load_settings(project).codebook)


@review_app.callback(invoke_without_command=True)
@handle_errors
def review(
    ctx: typer.Context,
    coder: Annotated[str | None, typer.Option("--coder", help=CODER_HELP)] = None,
    project: ProjectOpt = Path("."),
    order: OrderOpt = OrderChoice.uncertainty,
    all_: AllOpt = False,
    codebook: CodebookOpt = None,
) -> None:
    """Review segments one at a time: a/Enter accept, c codes, l LAIN, m memo, s skip, u undo.

    Most uncertain first by default; q quits, and the next run resumes where you stopped.
    """
    if ctx.invoked_subcommand is not None:
        return
    if coder is None:
        raise typer.BadParameter("give your coder name, e.g. --coder rina", param_hint="--coder")
    from autocoder.review.decisions import check_coder
    from autocoder.review.terminal import LineKeys, RawKeys, review_session
    from autocoder.store import ProjectStore

    name = check_coder(coder)
    book = _codebook(project, codebook)
    keys = RawKeys(console) if sys.stdin.isatty() else LineKeys(console=console)
    with ProjectStore(project) as store:
        result = review_session(store, book, name, keys=keys, console=console,
                                order=order.value, include_all=all_)
    err_console.print(f"{result.decided} decided, {result.skipped} skipped, "
                      f"{result.undone} undone.", highlight=False)


@review_app.command("export")
@handle_errors
def export_cmd(
    coder: CoderOpt,
    out: Annotated[Path, typer.Option("--out", "-o", help="XLSX file to write.")],
    project: ProjectOpt = Path("."),
    order: OrderOpt = OrderChoice.uncertainty,
    all_: AllOpt = False,
    codebook: CodebookOpt = None,
) -> None:
    """Write your review queue to a spreadsheet with drop-down lists for codes and levels."""
    from autocoder.review.spreadsheet import export_queue
    from autocoder.store import ProjectStore

    book = _codebook(project, codebook)
    with ProjectStore(project) as store:
        n = export_queue(store, book, coder, out, order=order.value, include_all=all_)
    console.print(f"{n} segments written to {out}. Fill 'accept' or codes and levels, then run "
                  f"`autocoder review import {out} --project {project}`.", highlight=False)


@review_app.command("import")
@handle_errors
def import_cmd(
    path: Annotated[Path, typer.Argument(help="A spreadsheet written by `review export`.")],
    coder: Annotated[
        str | None, typer.Option("--coder", help="Coder name (default: the one in the file).")
    ] = None,
    project: ProjectOpt = Path("."),
    codebook: CodebookOpt = None,
) -> None:
    """Check every row of a filled-in review spreadsheet, then record all decisions or none."""
    from autocoder.review.spreadsheet import import_decisions
    from autocoder.store import ProjectStore

    book = _codebook(project, codebook)
    with ProjectStore(project) as store:
        result = import_decisions(store, book, path, coder=coder)
    console.print(f"{result.applied} decisions by {result.coder} recorded; "
                  f"{result.skipped} blank rows skipped.", highlight=False)


@review_app.command("assign")
@handle_errors
def assign_cmd(
    coders: Annotated[
        str, typer.Option("--coders", help="Two or more coder names, comma-separated.")
    ],
    share: Annotated[
        float, typer.Option("--share", help="Share of each transcript's segments to double-code.")
    ] = 0.2,
    seed: Annotated[int | None, typer.Option("--seed", help="Random seed for the sample.")] = None,
    blind: Annotated[
        bool,
        typer.Option("--blind/--not-blind",
                     help="Hide the machine's suggestion and the other coders' decisions."),
    ] = True,
    project: ProjectOpt = Path("."),
) -> None:
    """Assign a random sample of segments to several coders for double coding."""
    from autocoder.review.double import assign_double
    from autocoder.store import ProjectStore

    names = [c.strip() for c in coders.split(",") if c.strip()]
    with ProjectStore(project) as store:
        result = assign_double(store, names, share=share, seed=seed, blind=blind)
    console.print(
        f"{len(result.segment_uids)} segments from {len(result.per_transcript)} transcripts "
        f"assigned to {', '.join(result.coders)}" + (" (blind)" if blind else "")
        + f"; batch {result.batch}.", highlight=False)


@app.command()
@handle_errors
def serve(
    project: ProjectOpt = Path("."),
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port (0: any free port).")] = 8765,
    token: Annotated[
        str | None,
        typer.Option("--token", envvar="AUTOCODER_TOKEN",
                     help="Access token; required when --host is not this machine."),
    ] = None,
    order: OrderOpt = OrderChoice.uncertainty,
    all_: AllOpt = False,
    codebook: CodebookOpt = None,
) -> None:
    """Serve the review page in the browser (keyboard-driven, several reviewers at once)."""
    from autocoder.review.server import make_server

    book = _codebook(project, codebook)
    server = make_server(project, book, host=host, port=port, token=token,
                         order=order.value, include_all=all_)
    console.print(f"Review page: {server.url}  (Ctrl-C to stop)", highlight=False)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
