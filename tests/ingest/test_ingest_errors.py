"""Encodings, and the errors a researcher sees for files that cannot be read."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from autocoder.errors import TranscriptError
from autocoder.ingest import read_transcript

TEXT = "P: Apa kabar, Bu?\nK: Baik. Saya senang—terima kasih.\n"
EXPECTED = [("P", "Apa kabar, Bu?"), ("K", "Baik. Saya senang—terima kasih.")]


def turns(path: Path) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in read_transcript(path).turns]


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_unicode_encodings_read_without_warnings(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "w.txt"
    path.write_bytes(data)
    transcript = read_transcript(path)
    assert [(t.speaker, t.text) for t in transcript.turns] == EXPECTED
    assert transcript.warnings == []


def test_cp1252_falls_back_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_bytes(TEXT.encode("cp1252"))
    transcript = read_transcript(path)
    assert [(t.speaker, t.text) for t in transcript.turns] == EXPECTED
    assert transcript.warnings == [
        "not valid UTF-8 (first bad byte on line 2); read as cp1252. "
        "Save the file as UTF-8 to be sure accents and quotes are right."
    ]


def test_latin1_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_bytes(b"P: Caf\xe9?\nK: Ya \x81.\n")
    transcript = read_transcript(path)
    assert [(t.speaker, t.text) for t in transcript.turns] == [("P", "Café?"), ("K", "Ya \x81.")]
    assert "read as latin-1" in transcript.warnings[0]


def test_utf16_without_bom_is_detected_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_bytes(TEXT.encode("utf-16-le"))
    transcript = read_transcript(path)
    assert [(t.speaker, t.text) for t in transcript.turns] == EXPECTED
    assert transcript.warnings == ["no byte-order mark; read as UTF-16-LE"]


def test_csv_in_cp1252_warns_too(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_bytes("speaker,text\nP,Caf\u00e9?\nK,Ya.\n".encode("cp1252"))
    transcript = read_transcript(path)
    assert [t.text for t in transcript.turns] == ["Café?", "Ya."]
    assert "read as cp1252" in transcript.warnings[0]


# --- errors ---------------------------------------------------------------------------------


def error(path: Path) -> TranscriptError:
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    assert info.value.path == str(path)
    return info.value


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".csv", ".xlsx", ".srt", ".vtt"])
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"kosong{suffix}"
    path.write_bytes(b"")
    assert error(path).reason == "the file is empty"


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "kosong.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"\n  \r\n\t\n")
    assert error(path).reason == "the file is empty"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "foto.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    err = error(path)
    assert err.reason == "looks like a binary file (it contains NUL bytes), not a text transcript"
    assert str(err).startswith(f"{path}: looks like a binary file")


def test_control_characters_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "aneh.txt"
    path.write_bytes(bytes(range(1, 9)) * 50)
    assert (
        error(path).reason == "looks like a binary file (control characters), not a text transcript"
    )


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_office_file_that_is_not_a_zip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"rusak{suffix}"
    path.write_text("P: ini sebenarnya teks biasa\n", encoding="utf-8")
    kind = "Word (.docx) document" if suffix == ".docx" else "Excel (.xlsx) workbook"
    assert error(path).reason.startswith(f"not a readable {kind}")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        (
            "lama.doc",
            "unsupported file type '.doc'; save it as .docx (Word: File > Save As > Word Document)",
        ),
        ("scan.pdf", "unsupported file type '.pdf'; export or copy its text to .txt or .docx"),
        ("catatan", "unsupported file type '(no suffix)'; use one of "),
        ("audio.mp3", "unsupported file type '.mp3'; use one of "),
    ],
)
def test_unknown_suffix(tmp_path: Path, name: str, reason: str) -> None:
    path = tmp_path / name
    path.write_text("P: halo\n", encoding="utf-8")
    assert error(path).reason.startswith(reason)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert error(tmp_path / "tidak_ada.txt").reason == "file not found"
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert error(folder).reason == "is a folder, not a transcript file"


def test_no_labels_shows_the_first_lines(tmp_path: Path) -> None:
    path = tmp_path / "tanpa_label.txt"
    path.write_text(
        "Transkrip wawancara\n\nSelamat pagi Bu.\nPagi.\nApa kabar?\nBaik.\nBagus.\nSatu lagi.\n",
        encoding="utf-8",
    )
    assert error(path).reason == (
        "no speaker turns found. Each turn must start with a speaker label and a colon, "
        "e.g. 'P: ...' / 'K: ...' or 'Peneliti: ...' / 'Bu Rina: ...' (a label that is not a "
        "role word must appear on at least two lines). The first lines read were:\n"
        "  1: Transkrip wawancara\n"
        "  3: Selamat pagi Bu.\n"
        "  4: Pagi.\n"
        "  5: Apa kabar?\n"
        "  6: Baik."
    )


def test_header_only_is_no_turns(tmp_path: Path) -> None:
    path = tmp_path / "header.txt"
    path.write_text("Subjek: Bu Rina\nTanggal: 1 Mei\n", encoding="utf-8")
    assert error(path).reason.startswith("no speaker turns found.")


def test_subtitles_without_speakers_say_so(tmp_path: Path) -> None:
    path = tmp_path / "tanpa_label.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nSelamat pagi.\n\n"
        "2\n00:00:02,500 --> 00:00:04,000\nPagi.\n",
        encoding="utf-8",
    )
    assert error(path).reason == (
        "2 cues but none names a speaker; start each speaker's first cue with 'LABEL: text' "
        "or a WebVTT voice tag '<v Name>'. First cues: Selamat pagi.; Pagi."
    )


def test_subtitles_without_cues(tmp_path: Path) -> None:
    path = tmp_path / "bukan.vtt"
    path.write_text("WEBVTT\n\nP: tidak ada waktu\n", encoding="utf-8")
    assert error(path).reason == "no subtitle cues (no 'start --> end' timing lines)"


def test_csv_without_speaker_and_text_columns(tmp_path: Path) -> None:
    path = tmp_path / "angka.csv"
    path.write_text("a,b\n1,2\n3,4\n", encoding="utf-8")
    assert error(path).reason.startswith(
        "cannot find the speaker and text columns of the CSV file; name them in a header row"
    )


def test_docx_without_turns_shows_paragraphs(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("Catatan lapangan saja.")
    path = tmp_path / "catatan.docx"
    d.save(path)
    assert error(path).reason.endswith("The first lines read were:\n  1: Catatan lapangan saja.")


def test_bad_role_override_is_rejected() -> None:
    from autocoder.ingest import IngestOptions

    with pytest.raises(ValueError, match="roles must be 'interviewer' or 'respondent'"):
        IngestOptions(roles={"P": "peneliti"})
