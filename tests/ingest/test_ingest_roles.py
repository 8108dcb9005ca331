"""Who is the interviewer, who is the subject, and the overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from autocoder.ingest import IngestOptions, read_transcript
from autocoder.ingest.model import RawTurn
from autocoder.ingest.roles import assign_roles, question_score, role_from_label
from autocoder.ingest.subject import label_is_name

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("P", "interviewer"),
        ("I", "interviewer"),
        ("Q", "interviewer"),
        ("T", "interviewer"),
        ("P1", "interviewer"),
        ("Peneliti", "interviewer"),
        ("Pewawancara", "interviewer"),
        ("Interviewer", "interviewer"),
        ("Penanya", "interviewer"),
        ("Moderator", "interviewer"),
        ("K", "respondent"),
        ("R", "respondent"),
        ("S", "respondent"),
        ("J", "respondent"),
        ("A", "respondent"),
        ("N", "respondent"),
        ("Responden", "respondent"),
        ("Informan 1", "respondent"),
        ("Narasumber", "respondent"),
        ("Subjek", "respondent"),
        ("Konselor A", "respondent"),
        ("Guru BK", "respondent"),
        ("Bu Rina", "respondent"),
        ("Pak Joko", "respondent"),
        ("Rina", None),
        ("Bu", None),
    ],
)
def test_role_from_label(label: str, role: str | None) -> None:
    assert role_from_label(label) == role


@pytest.mark.parametrize(
    ("label", "is_name"),
    [
        ("Bu Rina", True),
        ("Pak Joko", True),
        ("Rina", True),
        ("K", False),
        ("R1", False),
        ("Informan 1", False),
        ("Guru BK", False),
        ("Responden", False),
        ("Konselor A", False),
    ],
)
def test_label_is_name(label: str, is_name: bool) -> None:
    assert label_is_name(label) is is_name


def test_question_score() -> None:
    assert question_score(["Apa kabar?", "Bagaimana programnya", "Terima kasih."]) == pytest.approx(
        (1 + 2) / 6
    )
    assert question_score([]) == 0.0


def test_unknown_labels_the_asker_is_the_interviewer() -> None:
    transcript = read_transcript(FIXTURES / "unknown_labels.txt")
    assert [(t.speaker, t.role) for t in transcript.turns][:2] == [
        ("Andi", "interviewer"),
        ("Rina", "respondent"),
    ]
    assert transcript.subject == "Rina"  # the respondent's label is a name


def test_unknown_labels_asker_speaking_second(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_text(
        "Rina: Silakan duduk, Mas.\nAndi: Terima kasih. Bagaimana awal mula program ini?\n"
        "Rina: Dari keluhan wali kelas.\nAndi: Apakah siswa ikut dilibatkan?\n"
        "Rina: Iya, lewat angket.\n",
        encoding="utf-8",
    )
    roles = {t.speaker: t.role for t in read_transcript(path).turns}
    assert roles == {"Rina": "respondent", "Andi": "interviewer"}


def test_tie_goes_to_the_first_speaker() -> None:
    turns = [RawTurn("X", "Halo.", 1, 1), RawTurn("Y", "Halo juga.", 2, 2)]
    assert assign_roles(turns) == {"x": "interviewer", "y": "respondent"}


def test_more_than_two_speakers_one_interviewer() -> None:
    turns = [
        RawTurn("Dina", "Apa kegiatan BK minggu ini?", 1, 1),
        RawTurn("Sari", "Bimbingan klasikal.", 2, 2),
        RawTurn("Tono", "Saya konseling individu.", 3, 3),
        RawTurn("Dina", "Bagaimana hasilnya?", 4, 4),
        RawTurn("Tono", "Lumayan.", 5, 5),
    ]
    assert assign_roles(turns) == {
        "dina": "interviewer",
        "sari": "respondent",
        "tono": "respondent",
    }


def test_known_interviewer_makes_unknown_speakers_respondents() -> None:
    turns = [
        RawTurn("Peneliti", "Apa tugas Ibu?", 1, 1),
        RawTurn("Rina", "Mengajar. Bagaimana dengan Mas?", 2, 2),
        RawTurn("Joko", "Saya wali kelas.", 3, 3),
    ]
    assert assign_roles(turns) == {
        "peneliti": "interviewer",
        "rina": "respondent",
        "joko": "respondent",
    }


def test_known_respondent_and_unknown_asker() -> None:
    turns = [RawTurn("Dimas", "Apa tugas Ibu?", 1, 1), RawTurn("Bu Rina", "Mengajar.", 2, 2)]
    assert assign_roles(turns) == {"dimas": "interviewer", "bu rina": "respondent"}


def test_two_interviewer_codes_fall_back_to_questions() -> None:
    turns = [RawTurn("P1", "Sudah siap?", 1, 1), RawTurn("P2", "Sudah.", 2, 2)]
    assert assign_roles(turns) == {"p1": "interviewer", "p2": "respondent"}


def test_role_overrides_are_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_text("K: Apa kabar?\nP: Baik.\nK: Syukurlah.\nP: Ya.\n", encoding="utf-8")
    options = IngestOptions(roles={"k": "interviewer", "p ": "respondent"})
    transcript = read_transcript(path, options=options)
    assert [(t.speaker, t.role) for t in transcript.turns] == [
        ("K", "interviewer"),
        ("P", "respondent"),
        ("K", "interviewer"),
        ("P", "respondent"),
    ]


def test_one_role_override_decides_the_other_speakers(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_text("Rina: Apa kabar?\nAndi: Baik.\nRina: Syukurlah.\n", encoding="utf-8")
    transcript = read_transcript(path, options=IngestOptions(roles={"ANDI": "interviewer"}))
    assert {t.speaker: t.role for t in transcript.turns} == {
        "Rina": "respondent",
        "Andi": "interviewer",
    }


def test_subject_precedence(tmp_path: Path) -> None:
    path = tmp_path / "konselor_e.txt"
    path.write_text("Nama: Bu Eka\nP: Apa kabar?\nBu Rina: Baik.\n", encoding="utf-8")
    assert read_transcript(path).subject == "Bu Eka"  # header first
    path.write_text("P: Apa kabar?\nBu Rina: Baik.\n", encoding="utf-8")
    assert read_transcript(path).subject == "Bu Rina"  # then the respondent's name label
    path.write_text("P: Apa kabar?\nK: Baik.\n", encoding="utf-8")
    assert read_transcript(path).subject == "konselor_e"  # then the file name
    options = IngestOptions(subject="Konselor E")
    assert read_transcript(path, options=options).subject == "Konselor E"  # override wins


def test_subject_drops_a_trailing_note_in_brackets(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_text(
        "Subjek: Drs. Hartono, M.Pd. (guru BK kelas XI dan XII)\n\nP: Apa kabar?\nK: Baik.\n",
        encoding="utf-8",
    )
    transcript = read_transcript(path)
    assert transcript.subject == "Drs. Hartono, M.Pd."
    assert transcript.metadata == {"Subjek": "Drs. Hartono, M.Pd. (guru BK kelas XI dan XII)"}


def test_subject_key_order_prefers_subjek_over_nama(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_text(
        "Nama: Dimas (pewawancara)\nSubjek: Konselor M\n\nP: Apa kabar?\nK: Baik.\n",
        encoding="utf-8",
    )
    assert read_transcript(path).subject == "Konselor M"
