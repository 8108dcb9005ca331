"""``autocoder ingest`` and ``autocoder segments``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from autocoder.cli import app

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
SEGMENT_COLUMNS = ["transcript", "subject", "segment_id", "turn", "speaker", "role",
                   "line_start", "line_end", "question", "text"]
runner = CliRunner()


def expected_rows() -> dict[str, tuple[str, int]]:
    """file name -> (subject, number of turns), from the YAML each sample was rendered from."""
    out = {}
    for f in sorted(SAMPLES.glob("konselor_*.*")):
        data = yaml.safe_load((SAMPLES / "src" / f"{f.stem}.yaml").read_text(encoding="utf-8"))
        out[f.name] = (data["subject"], len(data["turns"]))
    return out


def table_rows(output: str) -> dict[str, list[str]]:
    """The body rows of the ingest table, by file name."""
    rows = {}
    for line in output.splitlines():
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if cells and cells[0] and cells[0] != "file":
            rows[cells[0]] = cells[1:]
    return rows


def ingest(*args: str):  # noqa: ANN201
    return runner.invoke(app, ["ingest", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The samples ingested once; the command's output."""
    folder = tmp_path_factory.mktemp("proj")
    result = ingest(str(SAMPLES), "--project", str(folder))
    assert result.exit_code == 0, result.output
    return folder, result.stdout


def test_ingest_reports_six_transcripts_with_subjects_and_turns(project: tuple[Path, str]) -> None:
    _, output = project
    rows = table_rows(output)
    assert {name: (cells[1], int(cells[2])) for name, cells in rows.items()} == expected_rows()
    assert expected_rows() == {
        "konselor_A.txt": ("Konselor A", 50), "konselor_E.txt": ("Konselor E", 54),
        "konselor_F.txt": ("Konselor F", 48), "konselor_K.txt": ("Konselor K", 51),
        "konselor_M.docx": ("Konselor M", 48), "konselor_N.docx": ("Konselor N", 49),
    }
    assert {cells[0] for cells in rows.values()} == {"new"}
    assert sum(int(cells[3]) for cells in rows.values()) == 172
    assert "6 of 6 files ingested, 0 failed." in output
    assert (project[0] / "autocoder.db").is_file()


def test_ingesting_again_adds_nothing(project: tuple[Path, str]) -> None:
    folder, _ = project
    result = ingest(str(SAMPLES), "--project", str(folder))
    assert result.exit_code == 0
    rows = table_rows(result.stdout)
    assert {cells[0] for cells in rows.values()} == {"unchanged"}
    listed = runner.invoke(app, ["segments", "--project", str(folder), "--format", "csv"])
    assert len(list(csv.DictReader(io.StringIO(listed.stdout)))) == 172


def test_segments_csv_lists_every_respondent_unit(project: tuple[Path, str]) -> None:
    folder, output = project
    result = runner.invoke(app, ["segments", "--project", str(folder), "--format", "csv"],
                           catch_exceptions=False)
    assert result.exit_code == 0
    reader = csv.DictReader(io.StringIO(result.stdout))
    rows = list(reader)
    assert reader.fieldnames == SEGMENT_COLUMNS
    assert len(rows) == 172
    assert {r["role"] for r in rows} == {"respondent"}
    assert {r["subject"] for r in rows} == {
        "Konselor A", "Konselor E", "Konselor F", "Konselor K", "Konselor M", "Konselor N",
    }
    per_transcript = {name: 0 for name in ("konselor_A", "konselor_E", "konselor_F",
                                           "konselor_K", "konselor_M", "konselor_N")}
    for r in rows:
        per_transcript[r["transcript"]] += 1
    counts = {name: int(cells[3]) for name, cells in table_rows(output).items()}
    assert per_transcript == {Path(name).stem: n for name, n in counts.items()}
    assert len({r["segment_id"] for r in rows}) == 172
    assert all(r["text"].strip() for r in rows)
    first = rows[0]
    assert (first["segment_id"], first["turn"], first["speaker"], first["line_start"]) == (
        "konselor_A-002", "2", "K", "8",
    )
    assert first["question"].startswith("Assalamualaikum, Bu.")


def test_segments_out_writes_the_csv_file(project: tuple[Path, str], tmp_path: Path) -> None:
    folder, _ = project
    target = tmp_path / "segments.csv"
    result = runner.invoke(app, ["segments", "--project", str(folder), "--format", "csv",
                                 "--out", str(target)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "172 segments written to" in result.stderr
    printed = runner.invoke(app, ["segments", "--project", str(folder), "--format", "csv"]).stdout
    assert target.read_text(encoding="utf-8") == printed


def test_segments_json_has_the_same_rows(project: tuple[Path, str]) -> None:
    import json

    result = runner.invoke(app, ["segments", "--project", str(project[0]), "--format", "json"])
    records = json.loads(result.stdout)
    assert len(records) == 172
    assert list(records[0]) == SEGMENT_COLUMNS


def test_segments_rejects_an_unknown_format(project: tuple[Path, str]) -> None:
    result = runner.invoke(app, ["segments", "--project", str(project[0]), "--format", "xml"])
    assert result.exit_code == 2
    assert "choose table, csv or json" in result.output


def test_a_batch_with_broken_files_reports_each_and_ingests_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # short paths keep the messages on one line
    Path("in").mkdir()
    (Path("in") / "junk.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8)
    (Path("in") / "empty.docx").write_bytes(b"")
    for name in ("konselor_A.txt", "konselor_M.docx"):
        (Path("in") / name).write_bytes((SAMPLES / name).read_bytes())

    result = ingest("in", "--project", "proj")

    assert result.exit_code == 1
    rows = table_rows(result.stdout)
    assert {name: cells[:3] for name, cells in rows.items()} == {
        "empty.docx": ["failed", "", "0"],
        "junk.txt": ["failed", "", "0"],
        "konselor_A.txt": ["new", "Konselor A", "50"],
        "konselor_M.docx": ["new", "Konselor M", "48"],
    }
    assert "2 of 4 files ingested, 2 failed." in result.stdout
    errors = " ".join(result.stderr.split())  # the console wraps long lines
    assert "failed: in/empty.docx: the file is empty" in errors
    assert ("failed: in/junk.txt: looks like a binary file (it contains NUL bytes), "
            "not a text transcript") in errors
    listed = runner.invoke(app, ["segments", "--project", "proj", "--format", "csv"])
    transcripts = {r["transcript"] for r in csv.DictReader(io.StringIO(listed.stdout))}
    assert transcripts == {"konselor_A", "konselor_M"}
