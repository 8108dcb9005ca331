"""Spreadsheet round trip: export with drop-downs and locked text, validated all-or-none import."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from autocoder.cli import app
from autocoder.errors import DataError
from autocoder.review import assign_double, export_queue, import_decisions
from autocoder.review.spreadsheet import COLUMNS

runner = CliRunner()


def fill(path, rows: dict[int, dict[str, object]]) -> None:
    """Write values into the review sheet: {excel row: {column name: value}}."""
    wb = load_workbook(path)
    ws = wb["review"]
    for row, values in rows.items():
        for name, value in values.items():
            ws.cell(row=row, column=COLUMNS.index(name) + 1, value=value)
    wb.save(path)


@pytest.fixture
def sheet(store, codebook, tmp_path):
    path = tmp_path / "queue.xlsx"
    assert export_queue(store, codebook, "rina", path) == 3
    return path


def test_the_export_has_the_queue_drop_downs_and_locked_text(sheet):
    wb = load_workbook(sheet)
    ws = wb["review"]
    assert [c.value for c in ws[1]] == COLUMNS
    assert [ws.cell(r, 2).value for r in (2, 3, 4)] == ["A-006", "A-004", "B-002"]
    assert ws.cell(3, COLUMNS.index("suggested") + 1).value == "PROGRAM:2"
    assert ws.protection.sheet is True
    text, code = ws.cell(2, COLUMNS.index("text") + 1), ws.cell(2, COLUMNS.index("code_1") + 1)
    assert text.value == "Belum pernah [tertawa]." and text.protection.locked is True
    assert code.protection.locked is False
    rules = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert rules["J2:J4"] == '"yes"'
    assert rules["K2:K4 M2:M4 O2:O4"] == "codebook!$A$2:$A$9"
    assert rules["L2:L4 N2:N4 P2:P4"] == '"1,2,3"'
    assert [r[0] for r in wb["codebook"].iter_rows(min_row=2, values_only=True)][:3] == [
        "ASESMEN", "TEORI", "PROGRAM"]
    assert dict(wb["info"].iter_rows(max_col=2, values_only=True))["coder"] == "rina"


def test_a_filled_sheet_imports_as_decisions(store, codebook, sheet):
    fill(sheet, {2: {"accept": "yes"},
                 3: {"code_1": "PROGRAM", "level_1": 3, "code_2": "ASESMEN", "level_2": "1",
                     "memo": "RPL ada"}})
    result = import_decisions(store, codebook, sheet)
    assert (result.coder, result.applied, result.skipped) == ("rina", 2, 1)
    assert [(c["segment_id"], c["codes"], c["levels"], c["memo"], c["source"])
            for c in store.codings(coder="rina")] == [
        ("A-006", ("LAIN",), {}, "", "spreadsheet"),
        ("A-004", ("PROGRAM", "ASESMEN"), {"PROGRAM": 3, "ASESMEN": 1}, "RPL ada",
         "spreadsheet"),
    ]


def test_every_bad_row_is_reported_and_nothing_is_imported(store, codebook, sheet):
    wb = load_workbook(sheet)
    ws = wb["review"]
    ws.append([9999, "Z-001", "Z", "?", "1-1", "", "teks", "", None, "yes"])
    wb.save(sheet)
    fill(sheet, {
        2: {"code_1": "ASESMEN", "level_1": 3},          # fine on its own
        3: {"code_1": "PROGRAM", "level_1": 5},          # level out of range
        4: {"code_1": "ASESMN", "level_1": 2,            # unknown code
            "text": "Kadang DCM."},                      # ... and edited text
    })
    with pytest.raises(DataError) as info:
        import_decisions(store, codebook, sheet)
    assert info.value.problems == [
        "row 3: level 5 of PROGRAM is out of range (levels 1, 2, 3)",
        "row 4: the text of segment B-002 was edited; segment columns are read-only",
        "row 5: unknown segment Z-001 (uid 9999) in this project",
    ]
    assert "3 problem(s); nothing was imported" in str(info.value)
    assert store.codings() == []


@pytest.mark.parametrize(("values", "problem"), [
    ({"code_1": "ASESMN", "level_1": 2},
     "unknown code 'ASESMN' (expected one of ASESMEN, TEORI, PROGRAM, IMPLEMENTASI, EVALUASI, "
     "ETIKA, PENELITIAN, LAIN)"),
    ({"code_1": "ASESMEN"}, "code ASESMEN needs a level (levels 1, 2, 3)"),
    ({"level_2": 2}, "level_2 is filled but code_2 is empty"),
    ({"accept": "yes", "code_1": "LAIN"}, "both accept and codes are filled; use one"),
    ({"accept": "maybe"}, "accept must be 'yes' or empty, not 'maybe'"),
    ({"memo": "nanti"}, "a memo without a decision (fill accept or codes)"),
    ({"code_1": "ASESMEN", "level_1": "tinggi"}, "level_1 'tinggi' is not a number"),
])
def test_row_problems_name_the_row(store, codebook, sheet, values, problem):
    fill(sheet, {3: values})
    with pytest.raises(DataError) as info:
        import_decisions(store, codebook, sheet)
    assert info.value.problems == [f"row 3: {problem}"]


def test_blind_rows_hide_the_suggestion_and_cannot_accept_it(store, codebook, tmp_path):
    assign_double(store, ["rina", "budi"], share=1.0, seed=1)
    path = tmp_path / "blind.xlsx"
    export_queue(store, codebook, "rina", path)
    ws = load_workbook(path)["review"]
    assert {ws.cell(r, COLUMNS.index("suggested") + 1).value for r in range(2, 7)} == {
        "(hidden: blind)"}
    fill(path, {2: {"accept": "yes"}})
    with pytest.raises(DataError) as info:
        import_decisions(store, codebook, path)
    assert info.value.problems == ["row 2: accept is 'yes' but there is no suggestion to accept"]


def test_the_cli_round_trip(project, tmp_path):
    out = tmp_path / "q.xlsx"
    result = runner.invoke(app, ["review", "export", "--coder", "rina", "--out", str(out),
                                 "--project", str(project), "--order", "transcript"],
                           catch_exceptions=False)
    assert result.exit_code == 0 and "3 segments written" in result.output
    fill(out, {2: {"accept": "yes"}, 4: {"code_1": "LAIN"}})
    result = runner.invoke(app, ["review", "import", str(out), "--coder", "sari",
                                 "--project", str(project)], catch_exceptions=False)
    assert result.exit_code == 0
    assert "2 decisions by sari recorded; 1 blank rows skipped." in result.output

    fill(out, {3: {"code_1": "LAIN", "level_1": 2}})
    result = runner.invoke(app, ["review", "import", str(out), "--project", str(project)])
    assert result.exit_code == 1
    assert "row 3: code LAIN takes no level" in " ".join(result.output.split())
    result = runner.invoke(app, ["review", "import", str(tmp_path / "none.xlsx"),
                                 "--project", str(project)])
    assert result.exit_code == 1 and "none.xlsx: file not found" in " ".join(result.output.split())
