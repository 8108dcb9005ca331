"""Shared pieces of the CLI: the app, the console, option types and error handling."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from autocoder.errors import AutocoderError

app = typer.Typer(
    name="autocoder",
    help="Pre-code interview transcripts against a codebook; people review, rate and export.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)

ProjectOpt = Annotated[
    Path,
    typer.Option("--project", "-p", help="Project folder holding autocoder.db.", show_default=True),
]
CodebookOpt = Annotated[
    Path | None,
    typer.Option(
        "--codebook", help="Codebook YAML (default: the project's, else the bundled one)."
    ),
]

F = TypeVar("F", bound=Callable[..., object])


def handle_errors(func: F) -> F:
    """Turn library errors into a red message and exit code 1 (no traceback)."""

    @functools.wraps(func)
    def wrapper(*args: object, **kwargs: object) -> object:
        try:
            return func(*args, **kwargs)
        except AutocoderError as err:
            from rich.markup import escape

            err_console.print(f"[bold red]error:[/] {escape(str(err))}", highlight=False)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]
