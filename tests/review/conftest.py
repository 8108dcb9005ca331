"""Fixtures of the review tests (the project itself is built in ``review_project``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from review_project import build_project

from autocoder.codebook import Codebook, load_codebook
from autocoder.store import ProjectStore


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return build_project(tmp_path / "proj")


@pytest.fixture
def store(project: Path):
    with ProjectStore(project) as s:
        yield s


@pytest.fixture(scope="session")
def codebook() -> Codebook:
    return load_codebook()
