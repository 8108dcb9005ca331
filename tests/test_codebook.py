from pathlib import Path

import pytest
import yaml

from autocoder.codebook import DEFAULT_CODEBOOK, load_codebook, parse_codebook
from autocoder.errors import CodebookError


def test_default_codebook_has_the_seven_competencies_plus_lain():
    cb = load_codebook()
    assert cb.ids == [
        "ASESMEN",
        "TEORI",
        "PROGRAM",
        "IMPLEMENTASI",
        "EVALUASI",
        "ETIKA",
        "PENELITIAN",
        "LAIN",
    ]
    assert cb.none_id == "LAIN"
    assert cb.evidence_ids == cb.ids[:7]
    assert cb.level_values == [1, 2, 3]
    assert cb.level_label(3) == "menguasai"
    for code in cb.codes:
        assert code.description and code.examples, code.id


def _data():
    return yaml.safe_load(DEFAULT_CODEBOOK.read_text(encoding="utf-8"))


def test_duplicate_id_is_located():
    data = _data()
    data["codes"][3]["id"] = "ASESMEN"
    with pytest.raises(
        CodebookError, match=r"duplicate code id 'ASESMEN' \(first defined at codes -> 0\)"
    ):
        parse_codebook(data, source="cb.yaml")


def test_unknown_field_is_located():
    data = _data()
    data["codes"][2]["colour"] = "red"
    with pytest.raises(CodebookError, match=r"cb.yaml: \[codes -> 2 -> colour\] Extra inputs"):
        parse_codebook(data, source="cb.yaml")


def test_missing_description_is_located():
    data = _data()
    del data["codes"][5]["description"]
    with pytest.raises(CodebookError, match=r"\[codes -> 5 -> description\] Field required"):
        parse_codebook(data, source="cb.yaml")


def test_blank_description_is_rejected():
    data = _data()
    data["codes"][0]["description"] = "   "
    with pytest.raises(CodebookError, match=r"\[codes -> 0 -> description\]"):
        parse_codebook(data, source="cb.yaml")


def test_another_codebook_in_the_same_format_works(tmp_path: Path):
    path = tmp_path / "cb.yaml"
    path.write_text(
        """
name: Resiliensi siswa
levels: [{value: 0, label: tidak ada}, {value: 1, label: ada}]
codes:
  - {id: DUKUNGAN, label: Dukungan sosial, description: Dukungan teman dan keluarga.}
  - {id: REGULASI, label: Regulasi emosi, description: Mengelola emosi.}
""",
        encoding="utf-8",
    )
    cb = load_codebook(path)
    assert cb.ids == ["DUKUNGAN", "REGULASI"]
    assert cb.none_id is None
    assert cb.level_values == [0, 1]


def test_missing_file_and_bad_yaml(tmp_path: Path):
    with pytest.raises(CodebookError, match="not found"):
        load_codebook(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("codes: [", encoding="utf-8")
    with pytest.raises(CodebookError, match="not valid YAML"):
        load_codebook(bad)
