"""Reading coded files, reliability matrices and count tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from autocoder.agreement.io import read_coded_files, read_counts, read_reliability_matrix
from autocoder.errors import DataError


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_coded_files_by_transcript_and_turn(tmp_path: Path) -> None:
    a = write(
        tmp_path / "ani.csv",
        "transcript,turn,codes,levels\nT1,1,A;B,2;3\nT1,2,LAIN,\nT1,3,A;LAIN;B,1;;2\nT1,4,,\n",
    )
    b = write(tmp_path / "budi.csv", "transcript,turn,codes,levels\nT1,1.0,B,1\nT1,2,A,\n")
    df = read_coded_files([a, b])
    assert df["coder"].tolist() == ["ani", "ani", "ani", "budi", "budi"]
    assert df["unit"].tolist() == ["T1#1", "T1#2", "T1#3", "T1#1", "T1#2"]
    assert df["codes"][0] == ("A", "B") and df["levels"][0] == {"A": 2, "B": 3}
    assert df["levels"][2] == {"A": 1, "B": 2}
    assert df["levels"][4] == {}


def test_coded_files_by_segment_id_and_names(tmp_path: Path) -> None:
    a = write(tmp_path / "x.csv", "segment_id,codes,levels\ns1,A,1\n")
    b = write(tmp_path / "y.csv", "segment_id,codes\ns1,A\n")
    df = read_coded_files([a, b], coders=["ani", "machine"])
    assert df["coder"].tolist() == ["ani", "machine"]
    assert df["unit"].tolist() == ["s1", "s1"]


def test_coded_files_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "ani.xlsx"
    pd.DataFrame({"transcript": ["T1"], "turn": [1], "codes": ["A"], "levels": [2]}).to_excel(
        path, index=False
    )
    b = write(tmp_path / "budi.csv", "transcript,turn,codes,levels\nT1,1,A,2\n")
    df = read_coded_files([path, b])
    assert df["levels"].tolist() == [{"A": 2}, {"A": 2}]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("transcript,turn,codes,levels\nT1,1,A;B,2\n", "1 level"),
        ("transcript,turn,codes,levels\nT1,1,A,x\n", "whole number"),
        ("transcript,turn,codes,levels\nT1,1,LAIN,2\n", "LAIN takes no level"),
        ("transcript,turn,codes,levels\nT1,1,A,\nT1,1,B,\n", "already coded in row 2"),
        ("turn,codes\n1,A\n", "lacks column"),
    ],
)
def test_coded_file_errors(tmp_path: Path, text: str, message: str) -> None:
    a = write(tmp_path / "a.csv", text)
    b = write(tmp_path / "b.csv", "transcript,turn,codes,levels\nT1,1,A,\n")
    with pytest.raises(DataError, match=message):
        read_coded_files([a, b])


def test_coder_names_must_match_files(tmp_path: Path) -> None:
    a = write(tmp_path / "a.csv", "segment_id,codes\ns1,A\n")
    with pytest.raises(DataError, match="one per file"):
        read_coded_files([a, a], coders=["x"])
    with pytest.raises(DataError, match="at least two"):
        read_coded_files([a])


def test_matrix_numbers_or_strings(tmp_path: Path) -> None:
    nums = read_reliability_matrix(write(tmp_path / "n.csv", "a,b,c\n1,2,\n3,,1.0\n,,\n"))
    assert nums.to_numpy().tolist() == [[1, 2, None], [3, None, 1]]
    floats = read_reliability_matrix(write(tmp_path / "f.csv", "a,b\n1.5,2\n"))
    assert floats.to_numpy().tolist() == [[1.5, 2.0]]
    text = read_reliability_matrix(write(tmp_path / "s.csv", "a,b\n1,x\n2,\n"))
    assert text.to_numpy().tolist() == [["1", "x"], ["2", None]]


def test_counts(tmp_path: Path) -> None:
    df = read_counts(write(tmp_path / "c.csv", "yes,no\n7,1\n3,\n"))
    assert df.to_numpy().tolist() == [[7, 1], [3, 0]]
    with pytest.raises(DataError, match="row 3, column 'no'"):
        read_counts(write(tmp_path / "bad.csv", "yes,no\n7,1\n3,x\n"))
