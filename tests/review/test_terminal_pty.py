"""The real ``autocoder review`` in a pseudo-terminal: single key presses, and a crash."""

from __future__ import annotations

import os
import signal
import sys

import pytest

from autocoder.store import ProjectStore

pexpect = pytest.importorskip("pexpect", reason="pexpect is needed to drive a real terminal")

PROMPT = "q quit"


def spawn(project, *args: str):
    cmd = ["-c", "from autocoder.cli import main; main()", "review", "--coder", "rina",
           "--project", str(project), *args]
    env = {**os.environ, "COLUMNS": "100", "TERM": "dumb"}
    return pexpect.spawn(sys.executable, cmd, env=env, encoding="utf-8", timeout=30,
                         dimensions=(40, 100))


def decided(project):
    with ProjectStore(project) as store:
        return [(c["segment_id"], c["codes"]) for c in store.codings(coder="rina")]


def test_single_keys_without_enter(project):
    child = spawn(project)
    child.expect("A-006")
    child.expect(PROMPT)
    child.send("a")  # one key press, no Enter
    child.expect("saved A-006")
    child.expect(PROMPT)
    child.send("c")
    child.expect("codes \\(e.g. 1:3 4:2")
    child.sendline("3:3")
    child.expect("saved A-004: PROGRAM 3")
    child.expect(PROMPT)
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert decided(project) == [("A-006", ("LAIN",)), ("A-004", ("PROGRAM",))]


def test_killing_the_process_keeps_every_decision_made(project):
    child = spawn(project)
    child.expect(PROMPT)
    child.send("a")
    child.expect("saved A-006")
    child.send("l")
    child.expect("saved A-004")
    child.expect("B-002")  # the third segment is on screen, nothing typed yet
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL
    assert decided(project) == [("A-006", ("LAIN",)), ("A-004", ("LAIN",))]
    # a new session resumes with the segment that was on screen
    child = spawn(project)
    child.expect("2 done · 1 left")
    child.expect("B-002")
    child.send("q")
    child.expect(pexpect.EOF)
