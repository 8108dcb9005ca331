"""`autocoder rate`: ratings recomputed from the store use the human decisions."""

import csv
from pathlib import Path

from typer.testing import CliRunner

from autocoder.cli import app
from autocoder.records import Transcript, Turn
from autocoder.segment import segment_transcript
from autocoder.store import Coding, ProjectStore, Suggestion


def test_human_decisions_override_the_machine_in_ratings(tmp_path: Path):
    t = Transcript(name="K", path="K.txt", subject="Konselor K", content_hash="h", turns=[
        Turn(1, "P", "interviewer", "Asesmen?", 1, 1),
        Turn(2, "K", "respondent", "Saya pakai AKPD dan DCM.", 2, 2),
        Turn(3, "P", "interviewer", "Etika?", 3, 3),
        Turn(4, "K", "respondent", "Rahasia siswa saya jaga.", 4, 4),
    ])
    with ProjectStore(tmp_path) as store:
        store.add_transcript(t, segment_transcript(t))
        a, e = (s["uid"] for s in store.segments())
        store.save_suggestions("m", [
            Suggestion(a, ("ASESMEN",), {"ASESMEN": 1}, 0.5, 0.5, "review", {}),
            Suggestion(e, ("ETIKA",), {"ETIKA": 3}, 0.95, 0.95, "auto", {}),
        ])
        store.add_coding(Coding(a, "rina", ("ASESMEN",), {"ASESMEN": 3}))
    result = CliRunner().invoke(app, ["rate", "--project", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with (tmp_path / "ratings.csv").open(encoding="utf-8") as fh:
        rows = {r["indicator"]: r for r in csv.DictReader(fh)}
    assert rows["ASESMEN"]["score"] == "3.0" and rows["ASESMEN"]["n_unreviewed"] == "0"
    assert rows["OVERALL"]["score"] == "3.0" and rows["OVERALL"]["category"] == "sangat baik"
    assert rows["TEORI"]["category"] == "tidak ada bukti"
    with (tmp_path / "segments.csv").open(encoding="utf-8") as fh:
        statuses = [r["status"] for r in csv.DictReader(fh)]
    assert statuses == ["human", "auto"]
