"""The ``autocoder`` command: a thin layer over the library.

Each command group lives in its own module and registers itself on the shared ``app``;
modules import heavy libraries inside the command functions so ``--help`` stays fast.
"""

# The import order below is the order of the commands in `autocoder --help`.
# ruff: noqa: I001

from __future__ import annotations

from autocoder.cli._util import app

# Importing registers the commands on ``app``.
from autocoder.cli import ingest as _ingest  # noqa: F401,E402  (ingest, segments)
from autocoder.cli import run as _run  # noqa: F401,E402  (run, suggest)
from autocoder.cli import review as _review  # noqa: F401,E402  (review, serve)
from autocoder.cli import agree as _agree  # noqa: F401,E402  (agree)
from autocoder.cli import models as _models  # noqa: F401,E402  (train, evaluate, models)
from autocoder.cli import export as _export  # noqa: F401,E402  (export, import, report)
from autocoder.cli import learn as _learn  # noqa: F401,E402


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]
