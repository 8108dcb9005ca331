"""Fixtures of the export tests: a small coded project in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_fixtures import build_store

from autocoder.codebook import load_codebook


@pytest.fixture(scope="session")
def codebook():
    return load_codebook()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with two transcripts, suggestions and two human coders."""
    return build_store(tmp_path / "proj")


@pytest.fixture
def data(project: Path):
    from autocoder.export import load_project

    return load_project(project)
