"""Header lines that name a role without a tidy name, and interviewers with titles."""

from pathlib import Path

from autocoder.ingest import read_transcript


def test_role_lines_among_header_lines_are_metadata(tmp_path: Path):
    path = tmp_path / "w.txt"
    path.write_text(
        "Informan: LI, guru BK di SLB (S1 BK, mengajar sejak 2015)\n"
        "Hari/tgl: Kamis, 25 Januari 2024\n"
        "Pewawancara: tim peneliti (T)\n\n"
        "  1 | Peneliti: Permisi Bu, sudah mulai merekam.\n"
        "  2 | Informan: Boleh, Mas.\n"
        "  3 | Peneliti: Bagaimana asesmennya?\n"
        "  4 | Informan: Pakai observasi.\n",
        encoding="utf-8",
    )
    t = read_transcript(path)
    assert t.metadata == {
        "Informan": "LI, guru BK di SLB (S1 BK, mengajar sejak 2015)",
        "Hari/tgl": "Kamis, 25 Januari 2024",
        "Pewawancara": "tim peneliti (T)",
    }
    assert [(u.turn, u.speaker, u.role, u.line_start) for u in t.turns] == [
        (1, "Peneliti", "interviewer", 1),
        (2, "Informan", "respondent", 2),
        (3, "Peneliti", "interviewer", 3),
        (4, "Informan", "respondent", 4),
    ]


def test_a_titled_interviewer_is_found_by_the_questions(tmp_path: Path):
    path = tmp_path / "w.vtt"
    path.write_text(
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:05.000\nDr. Haryanto: Bagaimana Bapak menyusun program?\n\n"
        "00:00:06.000 --> 00:00:09.000\nFauzan: Dari AKPD, Pak.\n\n"
        "00:00:10.000 --> 00:00:12.000\nDr. Haryanto: Apakah ada evaluasinya?\n\n"
        "00:00:13.000 --> 00:00:15.000\nFauzan: Ada, laiseg tiap layanan.\n",
        encoding="utf-8",
    )
    t = read_transcript(path)
    assert [(u.speaker, u.role) for u in t.turns] == [
        ("Dr. Haryanto", "interviewer"),
        ("Fauzan", "respondent"),
        ("Dr. Haryanto", "interviewer"),
        ("Fauzan", "respondent"),
    ]
    assert t.subject == "Fauzan"
