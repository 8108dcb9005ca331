"""The coded verbatim workbook and the CSV export."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile

import pytest
from export_fixtures import MALICIOUS
from openpyxl import load_workbook

from autocoder.export.csv import csv_text, write_csv
from autocoder.export.tables import SEGMENT_COLUMNS, csv_safe, line_ref
from autocoder.export.xlsx import sheet_title, write_xlsx


def test_csv_has_one_row_per_segment_in_the_documented_columns(data):
    rows = list(csv.DictReader(io.StringIO(csv_text(data))))
    assert list(rows[0]) == SEGMENT_COLUMNS
    assert [r["segment_id"] for r in rows] == [
        "T01-002", "T01-004.1", "T01-004.2", "T01-006", "T01-008", "T02-002", "T02-004",
    ]
    first = rows[0]
    assert (first["codes"], first["levels"], first["status"], first["coder"]) == (
        "ASESMEN", "2", "human", "budi"
    )
    window = rows[1]
    assert (window["codes"], window["levels"], window["confidence"], window["status"]) == (
        "ASESMEN;PROGRAM", "2;3", "0.8", "auto"
    )
    assert rows[3]["codes"] == "LAIN" and rows[3]["levels"] == ""


def test_csv_neutralises_formulas(data, tmp_path):
    rows = {r["segment_id"]: r for r in csv.DictReader(io.StringIO(csv_text(data)))}
    assert rows["T01-006"]["text"] == "'" + MALICIOUS
    assert rows["T01-008"]["text"].startswith("'@SUM(1)")
    assert rows["T02-004"]["text"] == "'-- belum pernah, jujur saja."
    path = write_csv(data, tmp_path / "out.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+62 812", "'+62 812"), ("-", "'-"), ("@A1", "'@A1"),
     ("a=b", "a=b"), ("", ""), (5, 5)],
)
def test_csv_safe(value, expected):
    assert csv_safe(value) == expected


def test_line_ref():
    assert (line_ref(12, 15), line_ref(3, 3), line_ref(4, 0)) == ("12–15", "3", "4")


def test_sheet_titles_are_valid_and_unique():
    taken: set[str] = set()
    long = "Wawancara: guru BK [SMA] / sesi 1 panjang sekali"
    a, b = sheet_title(long, taken), sheet_title(long, taken)
    assert a != b and len(a) <= 31 and len(b) <= 31
    assert not set("[]:*?/\\") & set(a + b)


@pytest.fixture
def workbook(data, tmp_path):
    path = write_xlsx(data, tmp_path / "coded.xlsx")
    return path, load_workbook(path)


def test_workbook_sheets_and_verbatim_layout(workbook):
    _, wb = workbook
    assert wb.sheetnames == ["T01", "T02", "Ringkasan", "Codebook"]
    ws = wb["T01"]
    header = [c.value for c in ws[1]]
    assert header[:9] == [
        "Baris", "Pembicara", "Teks", "Kode", "Level", "Keyakinan", "Status", "Coder", "Memo"
    ]
    assert ws.freeze_panes == "A2"
    # all 8 turns; the long turn is two segment rows
    assert ws.max_row == 1 + 9
    assert [ws.cell(r, 2).value for r in range(2, 5)] == ["P", "R", "P"]
    assert ws.cell(2, 4).value is None  # interviewer turn is uncoded
    assert ws["C3"].alignment.wrap_text
    assert (ws["A3"].value, ws["D3"].value, ws["E3"].value, ws["G3"].value) == (
        "3", "ASESMEN", "2", "human"
    )


def test_codes_have_one_fill_each(workbook, data):
    _, wb = workbook
    ws = wb["T01"]
    colors = {c: h.lstrip("#").upper() for c, h in data.code_colors().items()}
    fills = {}
    for r in range(2, ws.max_row + 1):
        code = ws.cell(r, 4).value
        if code:
            fills[code.split(";")[0]] = ws.cell(r, 4).fill.fgColor.rgb[-6:].upper()
    assert fills == {c: colors[c] for c in fills}
    assert len(set(fills.values())) == len(fills)


def test_formula_like_cells_are_text(workbook):
    path, wb = workbook
    ws = wb["T01"]
    texts = {ws.cell(r, 10).value: ws.cell(r, 3) for r in range(2, ws.max_row + 1)}
    for sid in ("T01-006", "T01-008"):
        cell = texts[sid]
        assert cell.data_type == "s" and cell.quotePrefix
    assert texts["T01-006"].value == MALICIOUS
    with zipfile.ZipFile(path) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in s or b"<f " in s for s in sheets)


def test_summary_lists_ratings_with_evidence_counts(workbook):
    _, wb = workbook
    ws = wb["Ringkasan"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True))
            for row in ws.iter_rows(min_row=2)]
    asesmen = next(r for r in rows if r["subject"] == "Bu Rina" and r["indicator"] == "ASESMEN")
    assert (asesmen["score"], asesmen["n_evidence"], asesmen["n_human"], asesmen["n_auto"]) == (
        2, 2, 1, 1
    )
    assert "OVERALL" in {r["indicator"] for r in rows}
    assert "LAIN" not in {r["indicator"] for r in rows}


def test_codebook_sheet(workbook, codebook):
    _, wb = workbook
    ws = wb["Codebook"]
    ids = [ws.cell(r, 1).value for r in range(2, 2 + len(codebook.codes))]
    assert ids == codebook.ids


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc",
)
def test_libreoffice_opens_the_workbook_and_shows_formulas_as_text(workbook, tmp_path):
    path, _ = workbook
    out = tmp_path / "lo"
    profile = tmp_path / "profile"
    # 44,34,76: comma, double quote, UTF-8; the final -1 writes every sheet to its own file
    options = "44,34,76,1,,0,false,true,false,false,false,-1"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", f"csv:Text - txt - csv (StarCalc):{options}",
         "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=180,
    )
    produced = sorted(out.glob("*.csv"))
    assert produced, "LibreOffice wrote no CSV"
    text = "\n".join(p.read_text(encoding="utf-8") for p in produced)
    assert "client-centered" in text
    assert "HYPERLINK" in text and "@SUM(1)" in text  # shown as text, not evaluated
    summary = next(p for p in produced if "Ringkasan" in p.name)
    assert "OVERALL" in summary.read_text(encoding="utf-8")
