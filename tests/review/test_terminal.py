"""The terminal review, scripted through ``CliRunner`` (one line per key)."""

from __future__ import annotations

import io

from rich.console import Console
from typer.testing import CliRunner

from autocoder.cli import app
from autocoder.review.terminal import LineKeys, review_session
from autocoder.store import ProjectStore

runner = CliRunner()


def review(project, keys: str, *args: str):
    result = runner.invoke(app, ["review", "--coder", "rina", "--project", str(project), *args],
                           input=keys, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def decisions(project, coder="rina"):
    with ProjectStore(project) as store:
        return [(c["segment_id"], c["codes"], c["levels"], c["memo"], c["source"])
                for c in store.codings(coder=coder)]


def test_accept_twice_then_quit(project):
    out = review(project, "a\n\nq\n")
    assert decisions(project) == [
        ("A-006", ("LAIN",), {}, "", "terminal"),
        ("A-004", ("PROGRAM",), {"PROGRAM": 2}, "", "terminal"),
    ]
    assert "saved A-006: LAIN" in out
    assert "saved A-004: PROGRAM 2 (sebagian)" in out
    assert "Stopped; 2 saved this session." in out


def test_the_screen_shows_what_a_reviewer_needs(project):
    out = review(project, "q\n")
    assert "A-006" in out and "Konselor A" in out and "A, lines 12-13" in out
    assert "Q: Pernah meneliti?" in out
    assert "A (K): Belum pernah [tertawa]." in out  # transcriber notes are not markup
    assert "Suggested: LAIN  confidence 0.30" in out
    assert "0 done · 3 left" in out
    assert "1 ASESMEN  2 TEORI  3 PROGRAM" in out


def test_codes_lain_memo_and_skip(project):
    review(project, "s\nc\n3:3 1:1\nm\nRPL tidak ada\nl\n", "--order", "transcript")
    assert decisions(project) == [
        ("A-006", ("PROGRAM", "ASESMEN"), {"PROGRAM": 3, "ASESMEN": 1}, "", "terminal"),
        ("B-002", ("LAIN",), {}, "RPL tidak ada", "terminal"),
    ]


def test_a_bad_entry_is_explained_and_asked_again(project):
    out = review(project, "c\n1:9\nc\n1:2\nq\n")
    assert "level 9 of ASESMEN is out of range (levels 1, 2, 3)" in out
    assert decisions(project) == [("A-006", ("ASESMEN",), {"ASESMEN": 2}, "", "terminal")]


def test_undo_shows_the_segment_again(project):
    out = review(project, "a\nu\nc\n7:2\nq\n")
    assert "Undone decision" in out
    assert decisions(project) == [("A-006", ("PENELITIAN",), {"PENELITIAN": 2}, "", "terminal")]


def test_a_second_run_resumes_where_the_coder_stopped(project):
    review(project, "a\nq\n")
    out = review(project, "q\n")
    assert "1 done · 2 left" in out
    assert "A-004" in out and "A-006" not in out.split("A-004")[0]


def test_the_end_of_the_queue_and_the_end_of_input(project):
    out = review(project, "a\na\na\n")
    assert "Nothing left to review." in out
    assert len(decisions(project)) == 3
    review(project, "", "--all")  # end of input quits cleanly
    assert len(decisions(project)) == 3


def test_progress_estimates_the_time_left_from_the_pace(store, codebook):
    ticks = iter([0.0, 120.0])  # start, then the first decision took two minutes
    console = Console(file=io.StringIO(), width=100)
    result = review_session(store, codebook, "rina", keys=LineKeys(io.StringIO("a\nq\n")),
                            console=console, clock=lambda: next(ticks))
    assert (result.decided, result.skipped, result.undone) == (1, 0, 0)
    assert "1 done · 2 left · ~4 min left" in console.file.getvalue()


def test_a_coder_name_is_required(project):
    result = runner.invoke(app, ["review", "--project", str(project)], input="q\n")
    assert result.exit_code == 2
    assert "--coder" in result.output
