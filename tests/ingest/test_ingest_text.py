"""Plain-text transcripts: labels, headers, timestamps, numbered sheets, continuation lines."""

from __future__ import annotations

import hashlib
from pathlib import Path

from autocoder.ingest import read_transcript
from autocoder.records import Turn

FIXTURES = Path(__file__).parent / "fixtures"


def write(tmp_path: Path, text: str, name: str = "wawancara.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def summary(path: Path) -> list[tuple]:
    """(speaker, role, text, line_start, line_end, timestamp) per turn."""
    return [
        (t.speaker, t.role, t.text, t.line_start, t.line_end, t.timestamp)
        for t in read_transcript(path).turns
    ]


def test_short_labels_with_header_title_and_blank_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "TRANSKRIP WAWANCARA\n"
        "\n"
        "Subjek: Bu Rina\n"
        "Tanggal: 12 Maret 2024\n"
        "Tempat: Ruang BK\n"
        "\n"
        "P: Selamat pagi, Bu.\n"
        "\n"
        "K: Pagi, Mas (tertawa).\n"
        "\n"
        "P: Bagaimana Ibu mengenali kebutuhan siswa?\n"
        "\n"
        "K: Lewat AKPD di awal tahun,\n"
        "lalu saya cek dengan observasi [tidak jelas].\n",
    )
    transcript = read_transcript(path)
    assert transcript.name == "wawancara"
    assert transcript.path == str(path)
    assert transcript.subject == "Bu Rina"
    assert transcript.metadata == {
        "Subjek": "Bu Rina",
        "Tanggal": "12 Maret 2024",
        "Tempat": "Ruang BK",
    }
    assert transcript.warnings == []
    assert transcript.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert transcript.turns == [
        Turn(1, "P", "interviewer", "Selamat pagi, Bu.", 7, 7),
        Turn(2, "K", "respondent", "Pagi, Mas (tertawa).", 9, 9),
        Turn(3, "P", "interviewer", "Bagaimana Ibu mengenali kebutuhan siswa?", 11, 11),
        Turn(
            4,
            "K",
            "respondent",
            "Lewat AKPD di awal tahun, lalu saya cek dengan observasi [tidak jelas].",
            13,
            14,
        ),
    ]
    assert transcript.turns[1].notes == ("(tertawa)",)
    assert transcript.turns[3].notes == ("[tidak jelas]",)


def test_short_label_pairs(tmp_path: Path) -> None:
    for interviewer, respondent in [("I", "R"), ("I", "S"), ("T", "J"), ("Q", "A"), ("P1", "K1")]:
        path = write(
            tmp_path,
            f"{interviewer}: Apa tugas Ibu?\n{respondent}: Mengajar BK.\n"
            f"{interviewer}: Berapa kelas?\n{respondent}: Enam.\n",
        )
        assert summary(path) == [
            (interviewer, "interviewer", "Apa tugas Ibu?", 1, 1, None),
            (respondent, "respondent", "Mengajar BK.", 2, 2, None),
            (interviewer, "interviewer", "Berapa kelas?", 3, 3, None),
            (respondent, "respondent", "Enam.", 4, 4, None),
        ], (interviewer, respondent)


def test_bold_markers_space_before_colon_and_dash() -> None:
    assert summary(FIXTURES / "bold_dash.txt") == [
        ("P", "interviewer", "Ibu sudah lama di sekolah ini?", 1, 1, None),
        ("K", "respondent", "Sudah sepuluh tahun.", 2, 2, None),
        ("P", "interviewer", "Apa kesan Ibu?", 3, 3, None),
        ("K", "respondent", "Senang, anak-anaknya baik.", 4, 4, None),
        ("P", "interviewer", "Terima kasih, Bu.", 5, 5, None),
        ("K", "respondent", "Sama-sama.", 6, 6, None),
    ]


def test_named_labels_and_hari_tanggal_header_guard_false_labels() -> None:
    transcript = read_transcript(FIXTURES / "pewawancara_narasumber.txt")
    assert transcript.metadata == {
        "Hari/Tanggal": "Senin, 4 Maret 2024",
        "Waktu": "10:00 - 10:45 WIB",
        "Lokasi": "Ruang BK SMA Negeri 1 Bandung",
        "Pewawancara": "Dimas Pratama",
        "Narasumber": "Ibu Sari Wulandari, S.Pd.",
    }
    assert transcript.subject == "Ibu Sari Wulandari, S.Pd."
    # "Contohnya:" (twice), "Jam 10:30" and the URL stay inside the answer.
    assert [(t.turn, t.speaker, t.role, t.line_start, t.line_end) for t in transcript.turns] == [
        (1, "Pewawancara", "interviewer", 10, 10),
        (2, "Narasumber", "respondent", 11, 11),
        (3, "Pewawancara", "interviewer", 12, 12),
        (4, "Narasumber", "respondent", 13, 17),
        (5, "Pewawancara", "interviewer", 18, 18),
        (6, "Narasumber", "respondent", 19, 19),
    ]
    assert transcript.turns[3].text == (
        "Kami mulai dari asesmen kebutuhan. Contohnya: AKPD di awal tahun ajaran. "
        "Hasilnya saya unggah di https://sekolah.example/bk supaya wali kelas bisa lihat. "
        "Jam 10:30 biasanya saya rapat dengan tim [tidak jelas]."
    )
    assert transcript.turns[5].text == (
        "Waktu, Mas. Contohnya: jam masuk kelas cuma satu minggu sekali."
    )


def test_named_labels_of_people(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Peneliti: Bagaimana pembagian tugas di sini?\n"
        "Guru BK: Saya pegang kelas X.\n"
        "Bu Rina: Saya kelas XI dan XII.\n"
        "Peneliti: Siapa yang mengatur jadwalnya?\n"
        "Pak Joko: Saya, sebagai koordinator.\n",
    )
    assert summary(path) == [
        ("Peneliti", "interviewer", "Bagaimana pembagian tugas di sini?", 1, 1, None),
        ("Guru BK", "respondent", "Saya pegang kelas X.", 2, 2, None),
        ("Bu Rina", "respondent", "Saya kelas XI dan XII.", 3, 3, None),
        ("Peneliti", "interviewer", "Siapa yang mengatur jadwalnya?", 4, 4, None),
        ("Pak Joko", "respondent", "Saya, sebagai koordinator.", 5, 5, None),
    ]


def test_konselor_and_informan_numbers(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Interviewer: Sejak kapan Ibu menjadi konselor?\n"
        "Konselor A: Sejak 2015.\n"
        "Interviewer: Dan Ibu?\n"
        "Informan 1: Baru dua tahun.\n",
    )
    transcript = read_transcript(path)
    assert [(t.speaker, t.role) for t in transcript.turns] == [
        ("Interviewer", "interviewer"),
        ("Konselor A", "respondent"),
        ("Interviewer", "interviewer"),
        ("Informan 1", "respondent"),
    ]
    assert transcript.subject == "wawancara"  # role labels are not names


def test_timestamps_before_the_label(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "[00:03:15] P: Apa tugas Ibu?\n"
        "00:03:20 K: Mengajar BK.\n"
        "[03:25] P: Berapa kelas?\n"
        "(03:28) K: Enam, jam 10:30 mulai.\n",
    )
    assert summary(path) == [
        ("P", "interviewer", "Apa tugas Ibu?", 1, 1, "00:03:15"),
        ("K", "respondent", "Mengajar BK.", 2, 2, "00:03:20"),
        ("P", "interviewer", "Berapa kelas?", 3, 3, "03:25"),
        ("K", "respondent", "Enam, jam 10:30 mulai.", 4, 4, "03:28"),
    ]


def test_timestamps_after_the_label(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "P [00:00:05]: Apa tugas Ibu?\nK (00:09): Mengajar BK.\nP: [00:00:12] Sudah lama?\n",
    )
    assert summary(path) == [
        ("P", "interviewer", "Apa tugas Ibu?", 1, 1, "00:00:05"),
        ("K", "respondent", "Mengajar BK.", 2, 2, "00:09"),
        ("P", "interviewer", "Sudah lama?", 3, 3, "00:00:12"),
    ]


def test_i_s_labels_with_parenthesised_stamps_and_kode_header() -> None:
    transcript = read_transcript(FIXTURES / "i_s_parens.txt")
    assert transcript.metadata == {"Kode": "W2-S3", "Subjek": "S3 (guru BK kelas XII)"}
    assert transcript.subject == "S3"  # a trailing note in brackets is not part of the name
    assert [
        (t.speaker, t.role, t.line_start, t.line_end, t.timestamp) for t in transcript.turns
    ] == [
        ("I", "interviewer", 4, 4, "00:05"),
        ("S", "respondent", 5, 5, "00:09"),
        ("I", "interviewer", 6, 6, "00:14"),
        ("S", "respondent", 7, 8, "00:18"),
        ("I", "interviewer", 9, 9, "01:02"),
    ]
    assert transcript.turns[3].text == (
        "Jumlah siswanya, satu banding tiga ratus lebih. Jadi tidak semua bisa saya temui."
    )


def test_numbered_sheet_cites_printed_line_numbers() -> None:
    transcript = read_transcript(FIXTURES / "numbered_informan.txt")
    assert transcript.metadata == {"Informan": "Pak Hadi", "Tanggal": "9 Mei 2024"}
    assert transcript.subject == "Pak Hadi"
    assert summary(FIXTURES / "numbered_informan.txt") == [
        (
            "Peneliti",
            "interviewer",
            "Bapak sudah berapa lama bertugas sebagai koordinator BK di sekolah ini?",
            12,
            13,
            None,
        ),
        (
            "Informan",
            "respondent",
            "Sudah enam tahun, sejak 2018. Sebelumnya saya mengajar di SMP.",
            14,
            15,
            None,
        ),
        (
            "Peneliti",
            "interviewer",
            "Bagaimana Bapak membagi tugas dengan guru BK lain?",
            16,
            17,
            None,
        ),
        (
            "Informan",
            "respondent",
            "Dibagi per jenjang kelas. 12 kelas untuk saya, sisanya untuk Bu Ani dan Pak Rudi.",
            18,
            19,
            None,
        ),
    ]


def test_numbered_sheet_separators(tmp_path: Path) -> None:
    for sep in ["  ", "\t", ") ", ". "]:
        path = write(
            tmp_path,
            f"1{sep}P: Apa tugas Ibu sehari-hari\n2{sep}di sekolah?\n"
            f"3{sep}K: Mengajar dan konseling.\n4{sep}P: Terima kasih.\n",
        )
        assert summary(path) == [
            ("P", "interviewer", "Apa tugas Ibu sehari-hari di sekolah?", 1, 2, None),
            ("K", "respondent", "Mengajar dan konseling.", 3, 3, None),
            ("P", "interviewer", "Terima kasih.", 4, 4, None),
        ], repr(sep)


def test_a_numbered_list_inside_an_answer_is_not_a_sheet(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "P: Apa saja layanannya?\nK: Ada tiga.\n1. Layanan dasar.\n2. Responsif.\n"
        "P: Lalu?\nK: Itu saja.\nP: Baik.\nK: Ya.\n",
    )
    assert [(t.speaker, t.text, t.line_start, t.line_end) for t in read_transcript(path).turns] == [
        ("P", "Apa saja layanannya?", 1, 1),
        ("K", "Ada tiga. 1. Layanan dasar. 2. Responsif.", 2, 4),
        ("P", "Lalu?", 5, 5),
        ("K", "Itu saja.", 6, 6),
        ("P", "Baik.", 7, 7),
        ("K", "Ya.", 8, 8),
    ]


def test_pewawancara_header_with_name_then_same_label_in_dialogue(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Pewawancara: Andi Saputra\nResponden: Bu Maya\n\n"
        "Pewawancara: Assalamualaikum, Bu.\nResponden: Waalaikumsalam.\n"
        "Pewawancara: Oke\nResponden: Silakan.\n",
    )
    transcript = read_transcript(path)
    assert transcript.metadata == {"Pewawancara": "Andi Saputra", "Responden": "Bu Maya"}
    assert transcript.subject == "Bu Maya"
    assert [(t.speaker, t.text, t.line_start) for t in transcript.turns] == [
        ("Pewawancara", "Assalamualaikum, Bu.", 4),
        ("Responden", "Waalaikumsalam.", 5),
        ("Pewawancara", "Oke", 6),
        ("Responden", "Silakan.", 7),
    ]


def test_label_without_words_is_skipped_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "P: Apa kabar?\nK:\nP: Bu?\nK: Baik.\n")
    transcript = read_transcript(path)
    assert [(t.turn, t.speaker, t.text) for t in transcript.turns] == [
        (1, "P", "Apa kabar?"),
        (2, "P", "Bu?"),
        (3, "K", "Baik."),
    ]
    assert transcript.warnings == ["line 2: label 'K' with no words; skipped"]


def test_label_alone_on_its_line_takes_the_next_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "P:\nApa kabar?\n\nK:\nBaik.\nSehat.\n")
    assert summary(path) == [
        ("P", "interviewer", "Apa kabar?", 1, 2, None),
        ("K", "respondent", "Baik. Sehat.", 4, 6, None),
    ]


def test_windows_newlines_and_tabs_are_tidied(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"P:\tApa   kabar?\r\nK: Baik,\r\n   terima kasih.\r\n")
    assert summary(path) == [
        ("P", "interviewer", "Apa kabar?", 1, 1, None),
        ("K", "respondent", "Baik, terima kasih.", 2, 3, None),
    ]
