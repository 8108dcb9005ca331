"""`autocoder agree project`: human-human and human-machine agreement from a project store."""

import json
from pathlib import Path

from typer.testing import CliRunner

from autocoder.cli import app
from autocoder.records import Transcript, Turn
from autocoder.segment import segment_transcript
from autocoder.store import Coding, ProjectStore, Suggestion

runner = CliRunner()


def _project(tmp_path: Path) -> Path:
    turns = [Turn(1, "P", "interviewer", "Asesmen?", 1, 1)]
    for n in range(2, 22, 2):
        turns += [
            Turn(n, "K", "respondent", f"Jawaban nomor {n}.", n, n),
            Turn(n + 1, "P", "interviewer", "Lalu?", n + 1, n + 1),
        ]
    t = Transcript(name="A", path="A.txt", subject="Konselor A", turns=turns, content_hash="h")
    with ProjectStore(tmp_path) as store:
        store.add_transcript(t, segment_transcript(t))
        segs = store.segments()
        for i, seg in enumerate(segs):
            gold = ("ASESMEN",) if i % 2 else ("LAIN",)
            other = gold if i < 8 else ("ETIKA",)
            lv = {c: 3 for c in gold if c != "LAIN"}
            store.add_coding(Coding(seg["uid"], "rina", gold, lv))
            store.add_coding(
                Coding(seg["uid"], "budi", other, {c: 2 for c in other if c != "LAIN"})
            )
        store.save_suggestions(
            "m",
            [
                Suggestion(s["uid"], ("ASESMEN",), {"ASESMEN": 3}, 0.9, 0.9, "auto", {})
                for s in segs
            ],
        )
    return tmp_path


def test_agree_project_reports_humans_and_the_machine(tmp_path: Path):
    project = _project(tmp_path)
    result = runner.invoke(
        app,
        ["agree", "project", "--project", str(project), "--json", "--bootstrap", "50"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["coders"] == ["rina", "budi", "machine"]
    assert data["n_units"] == 10
    exact = {(p["coder_a"], p["coder_b"]): p["exact_agreement"] for p in data["pairs"]}
    # rina and budi differ on the last two segments; the machine always says ASESMEN
    assert exact == {("rina", "budi"): 0.8, ("rina", "machine"): 0.5, ("budi", "machine"): 0.4}


def test_agree_project_needs_two_coders(tmp_path: Path):
    project = _project(tmp_path)
    result = runner.invoke(app, ["agree", "project", "--project", str(project), "--coders", "rina"])
    assert result.exit_code == 1
    assert "two or more coders" in result.output
