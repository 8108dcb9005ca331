"""``autocoder export``, ``import`` and ``report`` end to end."""

from __future__ import annotations

import zipfile

from export_fixtures import build_store
from typer.testing import CliRunner

from autocoder.cli import app
from autocoder.store import ProjectStore

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_every_command_has_help():
    for group, commands in {"export": ["xlsx", "csv", "qdpx", "qdc"],
                            "import": ["qdpx", "qdc", "csv", "xlsx"]}.items():
        for command in commands:
            result = invoke(group, command, "--help")
            assert result.exit_code == 0 and "--project" in result.output
    assert "--out" in invoke("report", "--help").output


def test_export_all_formats(project, tmp_path):
    for fmt, name in [("xlsx", "a.xlsx"), ("csv", "a.csv"), ("qdpx", "a.qdpx"), ("qdc", "a.qdc")]:
        out = tmp_path / name
        result = invoke("export", fmt, "--project", project, "--out", out)
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    assert "project.qde" in zipfile.ZipFile(tmp_path / "a.qdpx").namelist()
    out = tmp_path / "r.html"
    assert invoke("report", "--project", project, "--out", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_import_qdpx_and_qdc(project, tmp_path):
    invoke("export", "qdpx", "--project", project, "--out", tmp_path / "a.qdpx")
    invoke("export", "qdc", "--project", project, "--out", tmp_path / "a.qdc")
    fresh = tmp_path / "fresh"
    result = invoke("import", "qdpx", tmp_path / "a.qdpx", "--project", fresh)
    assert result.exit_code == 0, result.output
    assert "6 codings imported (coders: budi, rina)" in result.output
    result = invoke("import", "qdc", tmp_path / "a.qdc", "--project", fresh)
    assert result.exit_code == 0 and (fresh / "codebook.yaml").exists()
    again = invoke("import", "qdc", tmp_path / "a.qdc", "--project", fresh)
    assert again.exit_code == 1 and "exists" in again.output


def test_import_csv_with_map_and_errors(tmp_path):
    project = build_store(tmp_path / "p", humans=False)
    good = tmp_path / "good.csv"
    good.write_text("Unit,Kode\nT01-002,ASESMEN\n", encoding="utf-8")
    result = invoke("import", "csv", good, "--project", project, "--coder", "ani",
                    "--map", "Unit=segment_id", "--map", "Kode=codes")
    assert result.exit_code == 0, result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("segment_id,codes,levels\nT01-008,TEORI,2\nT01-002,XX,1\n", encoding="utf-8")
    result = invoke("import", "csv", bad, "--project", project, "--coder", "ani")
    assert result.exit_code == 1
    assert "row 3: unknown code 'XX'" in result.output
    with ProjectStore(project) as store:
        assert [c["segment_id"] for c in store.codings()] == ["T01-002"]
