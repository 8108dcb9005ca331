"""Retraining on human decisions and the simulated review (issue 5, part 6)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from autocoder.cli import app
from autocoder.config import load_settings
from autocoder.errors import DataError
from autocoder.learning import retrain, simulate_review
from autocoder.records import Transcript, Turn
from autocoder.segment import segment_transcript
from autocoder.store import Coding, ProjectStore
from autocoder.suggest.data import load_coded_segments
from autocoder.suggest.service import load_model, model_embedder, suggest_project

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "data" / "corpus" / "gold.csv"


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    return load_coded_segments([GOLD], load_model().codebook)


def _transcripts(gold: pd.DataFrame, n: int, skip: int = 0) -> pd.DataFrame:
    names = list(dict.fromkeys(gold["transcript"]))[skip : skip + n]
    return gold[gold["transcript"].isin(names)]


def _project(tmp: Path, rows: pd.DataFrame) -> Path:
    """A project whose transcripts are gold rows as question/answer turns; suggestions from the
    shipped model; people decided every other segment (with the gold codes)."""
    model = load_model()
    gold_by_text = {r.text: r for r in rows.itertuples()}
    with ProjectStore(tmp) as store:
        for name, part in rows.groupby("transcript", sort=False):
            turns = []
            for r in part.itertuples():
                turns += [
                    Turn(len(turns) + 1, "P", "interviewer", r.question or "Bagaimana?", 0, 0),
                    Turn(len(turns) + 2, "K", "respondent", r.text, 0, 0),
                ]
            t = Transcript(
                name=name, path=f"{name}.txt", subject=name, turns=turns, content_hash=name
            )
            store.add_transcript(t, segment_transcript(t))
        suggest_project(store, model, model_embedder(model, cache_dir=tmp))
        decided = [s for s in store.segments() if s["text"] in gold_by_text][::2]
        store.add_codings(
            [
                Coding(
                    s["uid"],
                    "rina",
                    tuple(gold_by_text[s["text"]].codes),
                    dict(gold_by_text[s["text"]].levels),
                )
                for s in decided
            ]
        )
    (tmp / "autocoder.yaml").write_text(
        "# my project\nrouting:\n  code_threshold: null\n", encoding="utf-8"
    )
    return tmp


def test_retrain_cli_keeps_human_decisions_and_switches_the_model(
    tmp_path: Path, gold: pd.DataFrame
):
    corpus = tmp_path / "corpus.csv"
    raw = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
    raw[raw["transcript"].isin(_transcripts(gold, 3)["transcript"])].to_csv(corpus, index=False)
    project = _project(tmp_path / "proj", _transcripts(gold, 2, skip=3))
    with ProjectStore(project) as store:
        humans_before = [(c["segment_uid"], c["codes"], c["levels"]) for c in store.codings()]
        effective_before = {
            r["uid"]: (r["codes"], r["levels"])
            for r in store.effective_codings()
            if r["status"] == "human"
        }
    assert humans_before

    result = CliRunner().invoke(
        app,
        [
            "retrain",
            "--project",
            str(project),
            "--corpus",
            str(corpus),
            "--out",
            str(project / "models" / "new"),
            "--human-weight",
            "3",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "before" in result.output and "after" in result.output

    settings = load_settings(project)
    assert settings.model == (project / "models" / "new").resolve()
    text = (project / "autocoder.yaml").read_text(encoding="utf-8")
    assert text.startswith("# my project\nrouting:") and "model: models/new" in text
    new = load_model(settings.model)
    assert new.meta["retrained"]["human_weight"] == 3.0
    assert new.meta["retrained"]["n_human"] == len(humans_before)
    assert model_embedder(new) is not None  # embedder copied beside the new model
    with ProjectStore(project) as store:
        assert [
            (c["segment_uid"], c["codes"], c["levels"]) for c in store.codings()
        ] == humans_before
        rows = store.effective_codings()
        assert {
            r["uid"]: (r["codes"], r["levels"]) for r in rows if r["status"] == "human"
        } == effective_before
        assert {r["status"] for r in rows} <= {"human", "auto", "review"}
        assert {s["model"] for s in store.suggestions().values()} == {"new"}
    table = pd.read_csv(project / "segments.csv")
    assert (table["status"] == "human").sum() == len(effective_before)


def test_retrain_needs_human_decisions(tmp_path: Path, gold: pd.DataFrame):
    with ProjectStore(tmp_path):
        pass
    with pytest.raises(DataError, match="no human decisions"):
        retrain(tmp_path)


@pytest.mark.parametrize("order", ["uncertainty", "random"])
def test_simulated_review_curves(gold: pd.DataFrame, order: str):
    data = _transcripts(gold, 8)
    sim = simulate_review(data, load_model().codebook, order=order, batch=40, initial=2)
    decisions = [r.decisions for r in sim.rounds]
    assert decisions == sorted(decisions) and decisions[0] == 0
    assert all(b - a == 40 for a, b in zip(decisions, decisions[1:], strict=False))
    assert sim.n_seed + sim.n_pool == len(data)
    assert [r.n_remaining for r in sim.rounds] == [sim.n_pool - d for d in decisions]
    for r in sim.rounds:
        assert 0 <= r.n_auto <= r.n_remaining and 0 <= r.auto_share <= 1 and 0 <= r.accuracy <= 1
        assert (r.precision is None) == (r.n_auto == 0)
    target = sim.decisions_to_target
    assert target is None or target in decisions
    as_dict = sim.to_dict()
    assert as_dict["order"] == order and len(as_dict["rounds"]) == len(sim.rounds)
    json.dumps(as_dict)


def test_simulate_review_cli(tmp_path: Path):
    raw = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
    names = list(dict.fromkeys(raw["transcript"]))[:4]
    data = tmp_path / "gold.csv"
    raw[raw["transcript"].isin(names)].to_csv(data, index=False)
    out = tmp_path / "curves.json"
    result = CliRunner().invoke(
        app, ["simulate-review", str(data), "--batch", "40", "--initial", "2", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "uncertainty order" in result.output and "random order" in result.output
    payload = json.loads(out.read_text())
    assert [o["order"] for o in payload["orders"]] == ["uncertainty", "random"]
    bad = CliRunner().invoke(app, ["simulate-review", str(data), "--orders", "alphabetical"])
    assert bad.exit_code == 1 and "unknown order" in bad.output
