"""Gold files as researchers write them: other column names, code case, named levels."""

from pathlib import Path

import pytest

from autocoder.codebook import load_codebook
from autocoder.errors import DataError
from autocoder.suggest.data import load_coded_segments


def test_indonesian_column_names_lowercase_codes_and_named_levels(tmp_path: Path):
    path = tmp_path / "koding.csv"
    path.write_text(
        "Pertanyaan,Jawaban,Kode,Level\n"
        "Asesmen?,Saya pakai AKPD dan DCM.,asesmen|program,ASESMEN=3;PROGRAM:2\n"
        "Halo,Iya Pak.,LAIN,\n"
        "Etika?,Rahasia siswa saya jaga.,ETIKA,\n",
        encoding="utf-8",
    )
    df = load_coded_segments([path], load_codebook())
    assert df["codes"].tolist() == [("ASESMEN", "PROGRAM"), ("LAIN",), ("ETIKA",)]
    # an empty level cell means "not known": kept out of level training and scores
    assert df["levels"].tolist() == [{"ASESMEN": 3, "PROGRAM": 2}, {}, {}]
    assert df["question"].tolist()[0] == "Asesmen?"


def test_bad_rows_are_reported_by_row_number(tmp_path: Path):
    path = tmp_path / "gold.csv"
    path.write_text(
        "text,codes,levels\nA,ASESMEN,3\nB,KARIER,2\nC,ASESMEN;ETIKA,3\nD,ETIKA,7\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        load_coded_segments([path], load_codebook())
    assert err.value.problems == [
        f"{path}:3: unknown code(s) ['KARIER']",
        f"{path}:4: 2 evidence code(s) but 1 level(s)",
        f"{path}:5: level(s) [7] not in [1, 2, 3]",
    ]
