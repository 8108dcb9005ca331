"""Labels in their own column, separated by a tab (a Word table pasted as text)."""

from pathlib import Path

from autocoder.ingest import read_transcript


def test_tab_separated_labels(tmp_path: Path):
    path = tmp_path / "w1.txt"
    path.write_text(
        "W1/K1/12-03-2024\nPewawancara (P), Konselor (K)\n\n"
        "P\tApa kabar Bu?\nK\tBaik Pak.\n"
        "P\tBagaimana evaluasi program BK di sekolah Ibu?\n"
        "K\tKami pakai laiseg setiap selesai layanan.\n",
        encoding="utf-8",
    )
    turns = read_transcript(path).turns
    assert [(t.turn, t.speaker, t.role, t.line_start) for t in turns] == [
        (1, "P", "interviewer", 4), (2, "K", "respondent", 5),
        (3, "P", "interviewer", 6), (4, "K", "respondent", 7),
    ]
    assert turns[3].text == "Kami pakai laiseg setiap selesai layanan."


def test_numbered_sheet_with_tab_separated_labels(tmp_path: Path):
    path = tmp_path / "w2.txt"
    path.write_text(
        "1\tPeneliti\tBagaimana Ibu menyusun program BK?\n"
        "2\tBu Sari\tDari hasil AKPD, lalu saya buat program\n"
        "3\t\ttahunan dan semesteran.\n"
        "4\tPeneliti\tTerima kasih.\n",
        encoding="utf-8",
    )
    turns = read_transcript(path).turns
    assert [(t.speaker, t.role, t.line_start, t.line_end) for t in turns] == [
        ("Peneliti", "interviewer", 1, 1), ("Bu Sari", "respondent", 2, 3),
        ("Peneliti", "interviewer", 4, 4),
    ]
    assert turns[1].text == "Dari hasil AKPD, lalu saya buat program tahunan dan semesteran."


def test_label_on_a_line_of_its_own(tmp_path: Path):
    path = tmp_path / "w3.txt"
    path.write_text(
        "Peneliti\nBagaimana Ibu melakukan asesmen?\n\nInforman\nSaya pakai AKPD.\n"
        "Lalu DCM.\n\nPeneliti\nAda yang lain?\n\nInforman\nTidak.\n",
        encoding="utf-8",
    )
    turns = read_transcript(path).turns
    assert [(t.speaker, t.role, t.line_start, t.line_end, t.text) for t in turns] == [
        ("Peneliti", "interviewer", 1, 2, "Bagaimana Ibu melakukan asesmen?"),
        ("Informan", "respondent", 4, 6, "Saya pakai AKPD. Lalu DCM."),
        ("Peneliti", "interviewer", 8, 9, "Ada yang lain?"),
        ("Informan", "respondent", 11, 12, "Tidak."),
    ]


def test_labels_in_square_brackets(tmp_path: Path):
    path = tmp_path / "w4.txt"
    path.write_text(
        "[P1] Bagaimana asesmen dilakukan?\n[K] Dengan AKPD dan observasi.\n"
        "[P1] Apakah ada tindak lanjut?\n[K] [tidak jelas] Ada, konseling individual.\n",
        encoding="utf-8",
    )
    turns = read_transcript(path).turns
    assert [(t.speaker, t.role, t.text) for t in turns] == [
        ("P1", "interviewer", "Bagaimana asesmen dilakukan?"),
        ("K", "respondent", "Dengan AKPD dan observasi."),
        ("P1", "interviewer", "Apakah ada tindak lanjut?"),
        ("K", "respondent", "[tidak jelas] Ada, konseling individual."),
    ]
