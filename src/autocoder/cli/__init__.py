"""The ``autocoder`` command: a thin layer over the library.

Each command group lives in its own module and registers itself on the shared ``app``;
modules import heavy libraries inside the command functions so ``--help`` stays fast.
"""

from __future__ import annotations

from autocoder.cli._util import app

# Importing registers the commands on ``app``.
from autocoder.cli import agree as _agree  # noqa: F401,E402
from autocoder.cli import export as _export  # noqa: F401,E402
from autocoder.cli import ingest as _ingest  # noqa: F401,E402
from autocoder.cli import review as _review  # noqa: F401,E402


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]
