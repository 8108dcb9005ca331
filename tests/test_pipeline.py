"""The ingest step as a library: files -> transcripts -> segments -> project store."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from autocoder.pipeline import FileResult, find_transcript_files, ingest_files
from autocoder.store import ProjectStore

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"

#: subject and number of turns of each sample, from the YAML it was rendered from
EXPECTED = {
    src.stem: (data["subject"], len(data["turns"]))
    for src in sorted((SAMPLES / "src").glob("*.yaml"))
    for data in [yaml.safe_load(src.read_text(encoding="utf-8"))]
}


def write_broken_files(folder: Path) -> None:
    """A binary-junk ``.txt`` and an empty ``.docx``."""
    folder.mkdir(parents=True, exist_ok=True)
    junk = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    (folder / "junk.txt").write_bytes(junk)
    (folder / "empty.docx").write_bytes(b"")


def test_the_samples_are_six_transcripts_of_known_subjects() -> None:
    assert EXPECTED == {
        "konselor_A": ("Konselor A", 50),
        "konselor_E": ("Konselor E", 54),
        "konselor_F": ("Konselor F", 48),
        "konselor_K": ("Konselor K", 51),
        "konselor_M": ("Konselor M", 48),
        "konselor_N": ("Konselor N", 49),
    }


def test_find_transcript_files_skips_gold_files_and_unsupported_suffixes() -> None:
    assert [p.name for p in find_transcript_files([SAMPLES])] == [
        "konselor_A.txt",
        "konselor_E.txt",
        "konselor_F.txt",
        "konselor_K.txt",
        "konselor_M.docx",
        "konselor_N.docx",
    ]


def test_find_transcript_files_skips_hidden_and_lock_files(tmp_path: Path) -> None:
    for name in ("a.txt", ".hidden.txt", "~$b.docx", "notes.pdf", ".git/c.txt", "sub/d.vtt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in find_transcript_files([tmp_path])] == [
        "a.txt",
        "sub/d.vtt",
    ]
    # a file named explicitly is always tried
    assert list(find_transcript_files([tmp_path / "notes.pdf"])) == [tmp_path / "notes.pdf"]


def test_ingest_files_reports_each_transcript(tmp_path: Path) -> None:
    seen: list[FileResult] = []
    with ProjectStore(tmp_path / "proj") as store:
        report = ingest_files(find_transcript_files([SAMPLES]), store, on_file=seen.append)
        n_segments = len(store.segments())
    assert report.ok
    assert seen == report.files
    assert {f.transcript: (f.subject, f.n_turns) for f in report.files} == EXPECTED
    assert {f.status for f in report.files} == {"new"}
    assert sum(f.n_segments for f in report.files) == n_segments == 172


def test_ingesting_again_adds_nothing(tmp_path: Path) -> None:
    with ProjectStore(tmp_path / "proj") as store:
        ingest_files(find_transcript_files([SAMPLES]), store)
        before = store.segments()
        again = ingest_files(find_transcript_files([SAMPLES]), store)
        assert {f.status for f in again.files} == {"unchanged"}
        assert store.segments() == before
        assert len(store.transcripts()) == 6


def test_a_broken_file_is_reported_and_the_others_are_ingested(tmp_path: Path) -> None:
    write_broken_files(tmp_path / "in")
    broken = tmp_path / "in"
    files = [broken / "junk.txt", SAMPLES / "konselor_A.txt", broken / "empty.docx"]
    with ProjectStore(tmp_path / "proj") as store:
        report = ingest_files(files, store)
        assert [t["name"] for t in store.transcripts()] == ["konselor_A"]
    assert not report.ok
    assert [(Path(f.path).name, f.status) for f in report.files] == [
        ("junk.txt", "failed"),
        ("konselor_A.txt", "new"),
        ("empty.docx", "failed"),
    ]
    assert [f.error for f in report.failed] == [
        f"{files[0]}: looks like a binary file (it contains NUL bytes), not a text transcript",
        f"{files[2]}: the file is empty",
    ]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("notes.pdf", "unsupported file type '.pdf'; export or copy its text to .txt or .docx"),
        ("missing.txt", "file not found"),
    ],
)
def test_an_unreadable_path_fails_with_its_name_and_reason(
    tmp_path: Path, name: str, reason: str
) -> None:
    if name == "notes.pdf":
        (tmp_path / name).write_bytes(b"%PDF-1.4")
    with ProjectStore(tmp_path / "proj") as store:
        report = ingest_files([tmp_path / name], store)
    assert report.failed[0].error == f"{tmp_path / name}: {reason}"


def test_coding_tables_beside_transcripts_are_not_ingested(tmp_path):
    from autocoder.pipeline import find_transcript_files

    (tmp_path / "wawancara.csv").write_text("speaker,text\nP,Halo?\nK,Iya.\n", encoding="utf-8")
    (tmp_path / "koding_rina.csv").write_text("transcript,turn,Kode\nw,2,LAIN\n", encoding="utf-8")
    (tmp_path / "gold.csv").write_text("text,codes,levels\nIya.,LAIN,\n", encoding="utf-8")
    assert [f.name for f in find_transcript_files([tmp_path])] == ["wawancara.csv"]
