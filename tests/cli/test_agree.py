"""``autocoder agree``: JSON output checked against the shared published cases."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from autocoder.cli import app

CASES_PATH = Path(__file__).resolve().parents[2] / ".." / "shared" / "agreement_cases.json"
CASES = json.loads(CASES_PATH.read_text()) if CASES_PATH.is_file() else []
SKIP = pytest.mark.skipif(
    not CASES, reason=f"shared reference cases not found at {CASES_PATH.resolve()}"
)
runner = CliRunner()

# metric in the shared file -> key in the JSON output
KEYS = {
    "krippendorff_alpha": "krippendorff_alpha",
    "cohen_kappa": "cohen_kappa",
    "scott_pi": "scott_pi",
    "percent_agreement": "percent_agreement",
    "gwet_ac1": "gwet_ac1",
    "fleiss_kappa": "fleiss_kappa",
}
MATRIX_CASES = [
    c for c in CASES if c["data_format"] in ("reliability_matrix", "pairs") and c["metric"] in KEYS
]
COUNT_CASES = [c for c in CASES if c["data_format"] == "counts" and c["metric"] in KEYS]


def invoke(*args: str) -> dict:
    result = runner.invoke(app, ["agree", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def write_matrix(path: Path, data: list[list]) -> Path:
    """Coders x units -> CSV with a header of coder names and one row per unit."""
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow([f"coder{i + 1}" for i in range(len(data))])
        for unit in zip(*data, strict=True):
            w.writerow(["" if v is None else v for v in unit])
    return path


@SKIP
@pytest.mark.parametrize("case", MATRIX_CASES, ids=[c["id"] for c in MATRIX_CASES])
def test_matrix_json_matches_published(tmp_path: Path, case: dict) -> None:
    path = write_matrix(tmp_path / "m.csv", case["data"])
    out = invoke("matrix", str(path), "--level", case.get("level") or "nominal", "--json")
    assert out[KEYS[case["metric"]]] == pytest.approx(case["expected"], abs=case["tolerance"])
    assert out["n_units"] == len(case["data"][0])
    assert set(out) <= {*KEYS.values(), "n_units"}


@SKIP
@pytest.mark.parametrize("case", COUNT_CASES, ids=[c["id"] for c in COUNT_CASES])
def test_counts_json_matches_published(tmp_path: Path, case: dict) -> None:
    path = tmp_path / "c.csv"
    names = case.get("category_order") or [f"cat{j}" for j in range(len(case["data"][0]))]
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(names)
        w.writerows(case["data"])
    out = invoke("counts", str(path), "--json")
    assert out[KEYS[case["metric"]]] == pytest.approx(case["expected"], abs=case["tolerance"])
    assert out["n_units"] == len(case["data"])
    assert "cohen_kappa" not in out


@SKIP
def test_matrix_two_coders_reports_every_pairwise_figure(tmp_path: Path) -> None:
    case = next(c for c in CASES if c["id"] == "altman_rate2_cohen_kappa")
    out = invoke("matrix", str(write_matrix(tmp_path / "m.csv", case["data"])), "--json")
    for key, value in case["also_expected"].items():
        name = key.replace("_nominal", "")
        if name in out:
            assert out[name] == pytest.approx(value, abs=5e-5), name


def test_matrix_with_missing_has_no_cohen_kappa(tmp_path: Path) -> None:
    path = write_matrix(tmp_path / "m.csv", [[1, 2, 3, None], [1, 2, 2, 1]])
    out = invoke("matrix", str(path), "--json")
    assert "cohen_kappa" not in out and "scott_pi" not in out
    assert out["n_units"] == 4


def test_matrix_table_output(tmp_path: Path) -> None:
    path = write_matrix(tmp_path / "m.csv", [["a", "b", "a"], ["a", "b", "b"]])
    result = runner.invoke(app, ["agree", "matrix", str(path)], catch_exceptions=False)
    assert result.exit_code == 0
    assert "krippendorff_alpha" in result.stdout and "Landis" in result.stdout


CODED_A = "transcript,turn,codes,levels\nT1,1,A;B,2;3\nT1,2,LAIN,\nT1,3,C,1\nT2,1,A,2\n"
CODED_B = "transcript,turn,codes,levels\nT1,1,A,3\nT1,2,LAIN,\nT1,3,C;A,1;2\nT2,2,B,1\n"


def coded(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text(CODED_A)
    b.write_text(CODED_B)
    return a, b


def test_files_json_and_out(tmp_path: Path) -> None:
    a, b = coded(tmp_path)
    out_csv = tmp_path / "per_code.csv"
    out = invoke(
        "files",
        str(a),
        str(b),
        "--coders",
        "ani,budi",
        "--json",
        "--seed",
        "1",
        "--bootstrap",
        "50",
        "--out",
        str(out_csv),
    )
    assert out["coders"] == ["ani", "budi"]
    assert out["n_units"] == 3 and out["n_units_single"] == 2
    assert {"percent_agreement", "cohen_kappa", "krippendorff_alpha", "gwet_ac1"} <= set(out)
    assert [d["unit"] for d in out["disagreements"]] == ["T1#1", "T1#3"]
    lines = out_csv.read_text().splitlines()
    assert lines[0].startswith("code,n_units,n_ani,n_budi")
    assert [line.split(",")[0] for line in lines[1:]] == ["A", "B", "C"]
    again = invoke(
        "files",
        str(a),
        str(b),
        "--coders",
        "ani,budi",
        "--json",
        "--seed",
        "1",
        "--bootstrap",
        "50",
    )
    assert again["pooled"] == out["pooled"]


def test_files_table(tmp_path: Path) -> None:
    a, b = coded(tmp_path)
    result = runner.invoke(
        app,
        ["agree", "files", str(a), str(b), "--bootstrap", "20", "--confusion"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "Per code" in result.stdout and "Disagreements" in result.stdout


def test_errors_are_clean(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("transcript,turn,codes,levels\nT1,1,A;B,2\n")
    a, _ = coded(tmp_path)
    result = runner.invoke(app, ["agree", "files", str(a), str(bad)])
    assert result.exit_code == 1
    assert "1 level(s)" in result.output and "Traceback" not in result.output
    single = write_matrix(tmp_path / "s.csv", [[1, None], [None, 2]])
    result = runner.invoke(app, ["agree", "matrix", str(single), "--json"])
    assert result.exit_code == 1 and "two or more coders" in result.output


def test_every_command_has_help() -> None:
    for cmd in ("files", "matrix", "counts"):
        result = runner.invoke(app, ["agree", cmd, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output
