"""Suggesting for a project store: humans stay in charge."""

from __future__ import annotations

from pathlib import Path

import pytest

from autocoder.codebook import Codebook
from autocoder.pipeline import ingest_files
from autocoder.store import Coding, ProjectStore
from autocoder.suggest.model import zero_shot_model
from autocoder.suggest.service import suggest_project
from embed.fake_encoder import HashEmbedder

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "konselor_A.txt"


@pytest.fixture
def store(tmp_path: Path):
    with ProjectStore(tmp_path / "proj") as s:
        assert ingest_files([SAMPLE], s).ok
        yield s


def test_suggestions_never_overwrite_human_codings(
    store: ProjectStore, codebook: Codebook, fake: HashEmbedder
) -> None:
    model = zero_shot_model(codebook, "fake-hash")
    first = suggest_project(store, model, fake)
    assert (first.n_segments, first.n_auto, first.n_review, first.n_human) == (30, 0, 30, 0)
    assert first.model == "zero-shot"

    segment = store.segments()[5]
    store.add_coding(Coding(segment["uid"], "rina", ("EVALUASI",), {"EVALUASI": 3}, memo="jelas"))
    human_before = store.codings()

    again = suggest_project(store, model, fake)
    assert (again.n_segments, again.n_auto, again.n_review, again.n_human) == (30, 0, 29, 1)
    assert store.codings() == human_before
    row = next(r for r in store.effective_codings() if r["uid"] == segment["uid"])
    assert (row["status"], row["coder"], row["codes"], row["levels"], row["memo"]) == (
        "human", "rina", ("EVALUASI",), {"EVALUASI": 3}, "jelas",
    )
    # the machine's suggestion is still stored beside the human decision
    assert store.suggestions()[segment["uid"]]["status"] == "review"
    others = [r for r in store.effective_codings() if r["uid"] != segment["uid"]]
    assert {r["status"] for r in others} == {"review"}


def test_re_suggesting_replaces_the_machine_suggestions_only(
    store: ProjectStore, codebook: Codebook, fake: HashEmbedder
) -> None:
    model = zero_shot_model(codebook, "fake-hash")
    suggest_project(store, model, fake)
    suggest_project(store, model, fake)
    assert len(store.suggestions()) == 30
    assert store.codings() == []
