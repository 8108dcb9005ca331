"""Coded CSV/XLSX back into the store: mapping, row-numbered errors, all or nothing."""

from __future__ import annotations

import pytest

from autocoder.errors import DataError
from autocoder.export import load_project
from autocoder.export.csv import write_csv
from autocoder.export.importing import (
    import_table,
    parse_codes_levels,
    parse_mapping,
)
from autocoder.export.xlsx import write_xlsx
from autocoder.store import ProjectStore


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_import_csv_by_segment_id_and_by_turn(project, tmp_path, codebook):
    path = _write(tmp_path / "coded.csv",
                  "segment_id,transcript,turn,codes,levels,memo\n"
                  "T01-002,,,ASESMEN;PROGRAM,3;2,yakin\n"
                  ",T02,2,ETIKA,ETIKA=3,\n"
                  ",T01,4,LAIN,,\n"
                  "T01-006,,,,,\n")
    with ProjectStore(project) as store:
        result = import_table(store, path, codebook, coder="sari")
        rows = {c["segment_id"]: c for c in store.codings(coder="sari")}
    assert result.coders == ["sari"]
    assert sorted(rows) == ["T01-002", "T01-004.1", "T01-004.2", "T02-002"]
    assert rows["T01-002"]["codes"] == ("ASESMEN", "PROGRAM")
    assert rows["T01-002"]["levels"] == {"ASESMEN": 3, "PROGRAM": 2}
    assert rows["T01-002"]["memo"] == "yakin" and rows["T01-002"]["source"] == "csv"
    assert rows["T02-002"]["levels"] == {"ETIKA": 3}


def test_bad_rows_are_listed_by_number_and_nothing_is_written(project, tmp_path, codebook):
    path = _write(tmp_path / "bad.csv",
                  "segment_id,codes,levels,coder\n"
                  "T01-002,ASESMEN,3,sari\n"
                  "T01-004.1,NGAWUR,2,sari\n"
                  "T01-008,TEORI,7,sari\n"
                  "T09-001,TEORI,2,sari\n"
                  "T02-002,LAIN,2,sari\n"
                  "T02-004,ETIKA,2,\n")
    with ProjectStore(project) as store:
        before = len(store.codings())
        with pytest.raises(DataError) as err:
            import_table(store, path, codebook)
        assert len(store.codings()) == before
    problems = err.value.problems
    assert problems[0].startswith("row 3: unknown code 'NGAWUR'")
    assert problems[1] == "row 4: level 7 of TEORI is out of range [1, 2, 3]"
    assert problems[2] == "row 5: unknown segment 'T09-001'"
    assert problems[3] == "row 6: LAIN takes no level; got '2'"
    assert problems[4] == "row 7: no coder (add a coder column or give --coder)"


def test_mapping_renames_columns(project, tmp_path, codebook):
    path = _write(tmp_path / "m.csv", "Unit,Kode Akhir,Nilai,Pengode\nT01-008,TEORI,1,ani\n")
    mapping = parse_mapping(["Unit=segment_id", "Kode Akhir=codes", "Nilai=levels",
                             "Pengode=coder"])
    with ProjectStore(project) as store:
        import_table(store, path, codebook, mapping=mapping)
        assert [c["levels"] for c in store.codings(coder="ani")] == [{"TEORI": 1}]


def test_parse_mapping_rejects_unknown_fields():
    with pytest.raises(DataError, match="field must be one of"):
        parse_mapping(["A=kode"])


@pytest.mark.parametrize(
    ("codes", "levels", "expected"),
    [("ASESMEN;LAIN", "3", (("ASESMEN", "LAIN"), {"ASESMEN": 3})),
     ("ASESMEN, TEORI", "TEORI=1; ASESMEN=2", (("ASESMEN", "TEORI"), {"TEORI": 1, "ASESMEN": 2})),
     ("ASESMEN", "", (("ASESMEN",), {}))],
)
def test_parse_codes_levels(codebook, codes, levels, expected):
    assert parse_codes_levels(codes, levels, codebook) == (*expected, [])


def test_exported_csv_and_workbook_import_back_as_human_codings(project, tmp_path, codebook):
    data = load_project(project)
    csv_path = write_csv(data, tmp_path / "e.csv")
    xlsx_path = write_xlsx(data, tmp_path / "e.xlsx")
    with ProjectStore(project) as store:
        res = import_table(store, csv_path, codebook)  # machine rows are skipped
        assert res.coders == ["budi"] and len(res.skipped) == 4
        res = import_table(store, xlsx_path, codebook, coder="ulang")
        got = {c["segment_id"]: (c["codes"], c["levels"]) for c in store.codings(coder="ulang")}
    assert len(got) == 7
    assert got["T01-004.1"] == (("ASESMEN", "PROGRAM"), {"ASESMEN": 2, "PROGRAM": 3})
