"""``autocoder agree``: inter-coder agreement (filled in by the agreement work)."""

from __future__ import annotations
