"""Word, spreadsheet, CSV and subtitle transcripts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl

from autocoder.ingest import SUPPORTED_SUFFIXES, read_transcript

FIXTURES = Path(__file__).parent / "fixtures"


def summary(path: Path) -> list[tuple]:
    """(speaker, role, text, line_start, line_end, timestamp) per turn."""
    return [
        (t.speaker, t.role, t.text, t.line_start, t.line_end, t.timestamp)
        for t in read_transcript(path).turns
    ]


def test_supported_suffixes() -> None:
    assert {".txt", ".docx", ".csv", ".xlsx", ".srt", ".vtt"} <= SUPPORTED_SUFFIXES


# --- Word -------------------------------------------------------------------------------


def test_docx_paragraphs_are_cited_by_paragraph_number(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Transkrip Wawancara", level=1)  # paragraph 1
    d.add_paragraph("Subjek: Bu Lestari")  # 2
    d.add_paragraph("Tanggal: 3 April 2024")  # 3
    d.add_paragraph("")  # 4
    d.add_paragraph("Peneliti: Bagaimana Ibu menyusun RPL?")  # 5
    d.add_paragraph("Bu Lestari: Dari hasil AKPD.")  # 6
    d.add_paragraph("Lalu saya diskusikan dengan wali kelas.")  # 7
    p = d.add_paragraph()  # 8: bold label in its own run
    p.add_run("Peneliti:").bold = True
    p.add_run(" Terima kasih.")
    d.add_paragraph("Bu Lestari: Sama-sama.")  # 9
    path = tmp_path / "lestari.docx"
    d.save(path)
    transcript = read_transcript(path)
    assert transcript.metadata == {"Subjek": "Bu Lestari", "Tanggal": "3 April 2024"}
    assert transcript.subject == "Bu Lestari"
    assert summary(path) == [
        ("Peneliti", "interviewer", "Bagaimana Ibu menyusun RPL?", 5, 5, None),
        (
            "Bu Lestari",
            "respondent",
            "Dari hasil AKPD. Lalu saya diskusikan dengan wali kelas.",
            6,
            7,
            None,
        ),
        ("Peneliti", "interviewer", "Terima kasih.", 8, 8, None),
        ("Bu Lestari", "respondent", "Sama-sama.", 9, 9, None),
    ]


def _table_doc(path: Path, header: list[str] | None, rows: list[list[str]]) -> Path:
    d = docx.Document()
    d.add_heading("TRANSKRIP", level=1)
    d.add_paragraph("Informan: Pak Budi")
    d.add_paragraph("Tempat: Ruang guru")
    all_rows = ([header] if header else []) + rows
    table = d.add_table(rows=0, cols=len(all_rows[0]))
    for values in all_rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    d.save(path)
    return path


ROWS = [
    ["1", "P", "Apa peran Bapak dalam tim BK?"],
    ["2", "Pak Budi", "Saya koordinator."],
    ["3", "", "Sudah tiga tahun."],
    ["4", "P", "Bagaimana pembagian kelasnya?"],
    ["5", "Pak Budi", "Per angkatan."],
]
EXPECTED_TABLE = [
    ("P", "interviewer", "Apa peran Bapak dalam tim BK?", 1, 1, None),
    ("Pak Budi", "respondent", "Saya koordinator. Sudah tiga tahun.", 2, 3, None),
    ("P", "interviewer", "Bagaimana pembagian kelasnya?", 4, 4, None),
    ("Pak Budi", "respondent", "Per angkatan.", 5, 5, None),
]


def test_docx_table_with_no_nama_isi_columns(tmp_path: Path) -> None:
    path = _table_doc(tmp_path / "budi.docx", ["No", "Nama", "Isi"], ROWS)
    transcript = read_transcript(path)
    assert transcript.metadata == {"Informan": "Pak Budi", "Tempat": "Ruang guru"}
    assert transcript.subject == "Pak Budi"
    assert summary(path) == EXPECTED_TABLE


def test_docx_table_without_header_is_found_by_shape(tmp_path: Path) -> None:
    path = _table_doc(tmp_path / "budi.docx", None, ROWS)
    assert summary(path) == EXPECTED_TABLE


def test_docx_table_with_unknown_header_names_is_found_by_shape(tmp_path: Path) -> None:
    path = _table_doc(tmp_path / "budi.docx", ["#", "Siapa", "Apa yang dikatakan"], ROWS)
    assert summary(path) == EXPECTED_TABLE


def test_docx_table_numbered_by_row_without_no_column(tmp_path: Path) -> None:
    rows = [[speaker, text] for _, speaker, text in ROWS]
    path = _table_doc(tmp_path / "budi.docx", ["Pembicara", "Transkrip"], rows)
    assert summary(path) == EXPECTED_TABLE


# --- CSV and Excel ------------------------------------------------------------------------


def test_csv_semicolons_indonesian_headers_and_continuation_row() -> None:
    transcript = read_transcript(FIXTURES / "semicolon.csv")
    assert transcript.subject == "Bu Dewi"
    assert summary(FIXTURES / "semicolon.csv") == [
        ("Peneliti", "interviewer", "Apa program unggulan Ibu?", 1, 1, "00:01:10"),
        (
            "Bu Dewi",
            "respondent",
            "Konseling kelompok untuk kelas X. Setiap Jumat sore.",
            2,
            3,
            "00:01:15",
        ),
        ("Peneliti", "interviewer", "Siapa yang terlibat?", 4, 4, "00:01:30"),
        ("Bu Dewi", "respondent", "Wali kelas dan saya.", 5, 5, "00:01:33"),
    ]


def test_csv_english_headers_any_case_and_quoted_commas(tmp_path: Path) -> None:
    path = tmp_path / "interview.csv"
    path.write_text(
        "SPEAKER,Text,Time\n"
        'I,"So, how do you plan?",00:00:01\n'
        'R,"Needs first, then goals.",00:00:04\n',
        encoding="utf-8",
    )
    assert summary(path) == [
        ("I", "interviewer", "So, how do you plan?", 1, 1, "00:00:01"),
        ("R", "respondent", "Needs first, then goals.", 2, 2, "00:00:04"),
    ]


def test_csv_quotes_inside_quoted_cells(tmp_path: Path) -> None:
    path = tmp_path / "kutip.csv"
    path.write_text(
        'speaker,text\nP,"Apa kata mereka?"\nK,"Mereka bilang ""aku harus disukai"", gitu."\n'
        'P,"Lalu?"\nK,"Saya tanya, ""Apa yang kalian dapat hari ini?"""\n',
        encoding="utf-8",
    )
    assert [t.text for t in read_transcript(path).turns] == [
        "Apa kata mereka?",
        'Mereka bilang "aku harus disukai", gitu.',
        "Lalu?",
        'Saya tanya, "Apa yang kalian dapat hari ini?"',
    ]


def test_csv_line_column_cites_lines(tmp_path: Path) -> None:
    path = tmp_path / "baris.csv"
    path.write_text(
        "baris,pembicara,teks\n10,P,Apa kabar?\n11,K,Baik.\n14,P,Syukurlah.\n", encoding="utf-8"
    )
    assert [(t.line_start, t.line_end) for t in read_transcript(path).turns] == [
        (10, 10),
        (11, 11),
        (14, 14),
    ]


def test_xlsx_english_headers_metadata_rows_and_time_cells(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Respondent", "Mrs. Tan"])
    sheet.append(["Date", "5 June 2024"])
    sheet.append([])
    sheet.append(["Line", "Time", "Speaker", "Transcript"])
    sheet.append([1, dt.time(0, 0, 5), "Interviewer", "How long have you been a counselor?"])
    sheet.append([2, dt.time(0, 0, 9), "Mrs. Tan", "Twelve years."])
    sheet.append([3, "00:00:15", "Interviewer", "What do you do first each year?"])
    sheet.append([4, "00:00:19", "Mrs. Tan", "A needs assessment."])
    path = tmp_path / "tan.xlsx"
    book.save(path)
    transcript = read_transcript(path)
    assert transcript.metadata == {"Respondent": "Mrs. Tan", "Date": "5 June 2024"}
    assert transcript.subject == "Mrs. Tan"
    assert summary(path) == [
        ("Interviewer", "interviewer", "How long have you been a counselor?", 1, 1, "00:00:05"),
        ("Mrs. Tan", "respondent", "Twelve years.", 2, 2, "00:00:09"),
        ("Interviewer", "interviewer", "What do you do first each year?", 3, 3, "00:00:15"),
        ("Mrs. Tan", "respondent", "A needs assessment.", 4, 4, "00:00:19"),
    ]


def test_xlsx_reads_the_sheet_that_holds_the_transcript(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Catatan"
    book.active.append(["Catatan lapangan"])
    sheet = book.create_sheet("Transkrip")
    sheet.append(["Penutur", "Ucapan"])
    sheet.append(["T", "Sudah lama di sini?"])
    sheet.append(["J", "Baru setahun."])
    path = tmp_path / "dua_sheet.xlsx"
    book.save(path)
    assert summary(path) == [
        ("T", "interviewer", "Sudah lama di sini?", 1, 1, None),
        ("J", "respondent", "Baru setahun.", 2, 2, None),
    ]


# --- Subtitles ----------------------------------------------------------------------------


def test_srt_labels_unlabelled_cue_continues_and_crlf() -> None:
    assert summary(FIXTURES / "labels.srt") == [
        ("P", "interviewer", "Apa saja layanan yang Ibu berikan?", 1, 1, "00:00:01,000"),
        ("K", "respondent", "Layanan dasar, responsif, dan peminatan.", 2, 3, "00:00:03,500"),
        ("P", "interviewer", "Baik.", 4, 4, "00:00:10,500"),
    ]


def test_vtt_voice_tags_merge_consecutive_cues_of_one_speaker() -> None:
    transcript = read_transcript(FIXTURES / "voices.vtt")
    assert transcript.subject == "Bu Rina"
    assert summary(FIXTURES / "voices.vtt") == [
        ("Peneliti", "interviewer", "Selamat siang, Bu. Boleh kita mulai?", 1, 1, "00:00:01.000"),
        ("Bu Rina", "respondent", "Silakan, Mas.", 2, 2, "00:00:04.500"),
        (
            "Peneliti",
            "interviewer",
            "Bagaimana Ibu mengetahui kebutuhan siswa?",
            3,
            3,
            "00:00:07.500",
        ),
        (
            "Bu Rina",
            "respondent",
            "Dari AKPD setiap awal tahun, lalu saya cek dengan wawancara.",
            4,
            5,
            "00:00:12.500",
        ),
    ]


def test_vtt_labels_without_ids_are_numbered_by_position(tmp_path: Path) -> None:
    path = tmp_path / "tanpa_id.vtt"
    path.write_text(
        "WEBVTT\n\n00:01.000 --> 00:03.000\nI: Apa kabar?\n\n"
        "00:03.500 --> 00:05.000\nR: Baik.\n\n00:05.500 --> 00:07.000\nR: Sehat.\n",
        encoding="utf-8",
    )
    assert summary(path) == [
        ("I", "interviewer", "Apa kabar?", 1, 1, "00:01.000"),
        ("R", "respondent", "Baik. Sehat.", 2, 3, "00:03.500"),
    ]
