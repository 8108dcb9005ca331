"""The same review done in the terminal, in Excel and in the browser's API ends with the same
rows in the store, and the ratings recomputed afterwards use those decisions."""

from __future__ import annotations

import csv
import json
import shutil
import urllib.request

from openpyxl import load_workbook
from typer.testing import CliRunner

from autocoder.cli import app
from autocoder.review import export_queue, import_decisions
from autocoder.review.server import make_server
from autocoder.review.spreadsheet import COLUMNS
from autocoder.store import ProjectStore

runner = CliRunner()
# least confident first: A-006 (accept LAIN), A-004 (recode ASESMEN 3), B-002 (accept ASESMEN 2)
EXPECTED = [
    ("A-004", ("ASESMEN",), {"ASESMEN": 3}),
    ("A-006", ("LAIN",), {}),
    ("B-002", ("ASESMEN",), {"ASESMEN": 2}),
]


def rows(project):
    with ProjectStore(project) as store:
        return sorted((c["segment_id"], c["codes"], c["levels"]) for c in store.codings())


def in_the_terminal(project):
    result = runner.invoke(app, ["review", "--coder", "rina", "--project", str(project)],
                           input="a\nc\n1:3\na\n", catch_exceptions=False)
    assert result.exit_code == 0, result.output


def in_excel(project, codebook, tmp_path):
    path = tmp_path / "queue.xlsx"
    with ProjectStore(project) as store:
        export_queue(store, codebook, "rina", path)
    wb = load_workbook(path)
    ws = wb["review"]
    col = {name: COLUMNS.index(name) + 1 for name in COLUMNS}
    for row in range(2, ws.max_row + 1):
        sid = ws.cell(row, col["segment_id"]).value
        if sid == "A-004":
            ws.cell(row, col["code_1"], "ASESMEN")
            ws.cell(row, col["level_1"], 3)
        else:
            ws.cell(row, col["accept"], "ya")
    wb.save(path)
    with ProjectStore(project) as store:
        import_decisions(store, codebook, path)


def in_the_browser_api(project, codebook):
    server = make_server(project, codebook, host="127.0.0.1", port=0)
    server.start_background()
    host, port = server.server_address[:2]

    def call(method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"http://{host}:{port}{path}", data=data, method=method)
        req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req, timeout=10) as res:
            return json.loads(res.read())

    try:
        while (item := call("GET", "/api/next?coder=rina")["item"]) is not None:
            segment = item["segment"]
            body = {"coder": "rina", "segment_uid": segment["uid"]}
            if segment["segment_id"] == "A-004":
                body["entry"] = "1:3"
            else:
                body["accept"] = True
            call("POST", "/api/decide", body)
    finally:
        server.shutdown()
        server.server_close()


def test_terminal_excel_and_browser_end_with_the_same_rows(project, codebook, tmp_path):
    copies = {way: tmp_path / way for way in ("terminal", "excel", "browser")}
    for path in copies.values():
        shutil.copytree(project, path)
    in_the_terminal(copies["terminal"])
    in_excel(copies["excel"], codebook, tmp_path)
    in_the_browser_api(copies["browser"], codebook)
    assert rows(copies["terminal"]) == rows(copies["excel"]) == rows(copies["browser"]) == EXPECTED


def test_ratings_recomputed_after_review_use_the_decisions(project):
    in_the_terminal(project)
    result = runner.invoke(app, ["rate", "--project", str(project)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with (project / "ratings.csv").open(encoding="utf-8") as fh:
        ratings = {(r["transcript"], r["indicator"]): r for r in csv.DictReader(fh)}
    # A: the machine said PROGRAM 2 for A-004; the reviewer said ASESMEN 3 (A-002 auto: ASESMEN 3)
    assert ratings[("A", "ASESMEN")]["score"] == "3.0"
    assert ratings[("A", "ASESMEN")]["n_evidence"] == "2"
    assert ratings[("A", "PROGRAM")]["category"] == "tidak ada bukti"
    assert ratings[("B", "ASESMEN")]["score"] == "2.0"
    assert ratings[("B", "ASESMEN")]["n_unreviewed"] == "0"
