import sqlite3
from pathlib import Path

import pytest

from autocoder.errors import StoreError
from autocoder.records import Transcript, Turn
from autocoder.segment import segment_transcript
from autocoder.store import Coding, ProjectStore
from autocoder.store.migrations import MIGRATIONS, applied, migrate


def _transcript(answer: str = "Saya pakai AKPD.", content_hash: str = "h1") -> Transcript:
    return Transcript(
        name="A",
        path="A.txt",
        subject="Konselor A",
        content_hash=content_hash,
        turns=[
            Turn(1, "P", "interviewer", "Asesmen?", 1, 1),
            Turn(2, "K", "respondent", answer, 2, 2),
        ],
    )


def _add(store: ProjectStore, t: Transcript):
    return store.add_transcript(t, segment_transcript(t))


def test_same_file_twice_adds_nothing(tmp_path: Path):
    with ProjectStore(tmp_path) as store:
        assert _add(store, _transcript()).status == "new"
        assert _add(store, _transcript()).status == "unchanged"
        assert len(store.transcripts(current_only=False)) == 1
        assert [s["segment_id"] for s in store.segments()] == ["A-002"]


def test_changed_file_is_a_new_version_and_old_codings_survive(tmp_path: Path):
    with ProjectStore(tmp_path) as store:
        _add(store, _transcript())
        uid = store.segments()[0]["uid"]
        store.add_coding(Coding(uid, "rina", ("ASESMEN",), {"ASESMEN": 3}))
        result = _add(store, _transcript("Saya pakai AKPD dan DCM.", "h2"))
        assert (result.status, result.version) == ("new_version", 2)
        assert [s["text"] for s in store.segments()] == ["Saya pakai AKPD dan DCM."]
        old = store.conn.execute("SELECT coder, codes FROM codings WHERE segment_uid=?", (uid,))
        assert [tuple(r) for r in old] == [("rina", '["ASESMEN"]')]


def test_a_new_decision_supersedes_but_keeps_the_old_row(tmp_path: Path):
    with ProjectStore(tmp_path) as store:
        _add(store, _transcript())
        uid = store.segments()[0]["uid"]
        first = store.add_coding(Coding(uid, "rina", ("ASESMEN",), {"ASESMEN": 2}))
        second = store.add_coding(Coding(uid, "rina", ("ASESMEN",), {"ASESMEN": 3}))
        assert [c["id"] for c in store.codings()] == [second]
        row = store.conn.execute(
            "SELECT superseded_by FROM codings WHERE id=?", (first,)
        ).fetchone()
        assert row[0] == second
        with pytest.raises(StoreError, match="reserved"):
            store.add_coding(Coding(uid, "machine", ("LAIN",), {}))


def test_migrations_are_recorded_and_an_old_store_upgrades(tmp_path: Path):
    db = tmp_path / "autocoder.db"
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, MIGRATIONS[:1])
    assert applied(conn) == ["0001_transcripts_turns_segments"]
    conn.close()
    with ProjectStore(tmp_path) as store:
        assert applied(store.conn) == [name for name, _ in MIGRATIONS]
        assert store.suggestions() == {}


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path: Path):
    (tmp_path / "autocoder.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not an autocoder project store|cannot open"):
        ProjectStore(tmp_path)
