"""``autocoder ingest`` and ``autocoder segments``."""

from __future__ import annotations
