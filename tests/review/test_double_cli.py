"""``autocoder review assign``, and what an assigned coder then sees."""

from __future__ import annotations

from typer.testing import CliRunner

from autocoder.cli import app
from autocoder.store import ProjectStore

runner = CliRunner()


def test_assign_then_review_blind(project):
    result = runner.invoke(app, ["review", "assign", "--coders", "rina,budi", "--share", "0.5",
                                 "--seed", "7", "--project", str(project)],
                           catch_exceptions=False)
    assert result.exit_code == 0
    assert "3 segments from 2 transcripts assigned to rina, budi (blind)" in result.output
    with ProjectStore(project) as store:
        rows = store.conn.execute(
            "SELECT coder, COUNT(*) FROM review_assignments GROUP BY coder ORDER BY coder")
        assert [tuple(r) for r in rows] == [("budi", 3), ("rina", 3)]
        assert store.conn.execute(
            "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0] == "assign"

    out = runner.invoke(app, ["review", "--coder", "rina", "--project", str(project)],
                        input="a\nl\nq\n", catch_exceptions=False).output
    assert "double coding, blind" in out
    assert "Suggestion hidden (blind double coding)." in out
    assert "Suggested:" not in out.split("saved")[0]
    assert "No suggestion to accept here: press c or l." in out


def test_assign_refuses_a_single_coder(project):
    result = runner.invoke(app, ["review", "assign", "--coders", "rina", "--project",
                                 str(project)])
    assert result.exit_code == 1
    assert "double coding needs two or more different coders" in result.output
