"""Typed errors raised by the library; the CLI turns them into messages and exit codes.

AutocoderError
 ├── TranscriptError     a file could not be read or holds no speaker turns
 ├── CodebookError       a codebook or rubric file is invalid (message says where)
 ├── ConfigError         a project setting is invalid
 ├── StoreError          the project store cannot be opened or migrated
 ├── ModelError          a model directory or embedder is missing or incompatible
 └── DataError           coded input data (CSV/XLSX/QDPX) has bad rows
"""

from __future__ import annotations

from pathlib import Path


class AutocoderError(Exception):
    """Base class of every error autocoder raises on purpose."""


class TranscriptError(AutocoderError):
    """A transcript file could not be turned into speaker turns."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class CodebookError(AutocoderError):
    """A codebook or rubric file is invalid."""


class ConfigError(AutocoderError):
    """A project setting is invalid."""


class StoreError(AutocoderError):
    """The project store cannot be opened, migrated or written."""


class ModelError(AutocoderError):
    """A model or embedder cannot be loaded or does not fit the codebook."""


class DataError(AutocoderError):
    """Coded input data has invalid rows; ``problems`` lists them with row numbers."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = problems or []
        detail = "".join(f"\n  - {p}" for p in self.problems[:50])
        more = f"\n  ... and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__(f"{message}{detail}{more}")
