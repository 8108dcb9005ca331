"""The project store: one SQLite file, ``autocoder.db``, in the project folder.

It holds transcripts (with a content hash and versions), their turns and segments, the
machine's suggestions, and human codings. Every write is one transaction. Human codings
are never replaced: a new decision supersedes the old row, which stays for the audit.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from autocoder.errors import StoreError
from autocoder.records import Segment, Transcript
from autocoder.store.migrations import migrate, now

DB_NAME = "autocoder.db"
MACHINE = "machine"

IngestStatus = Literal["new", "unchanged", "new_version"]


@dataclass(frozen=True)
class StoredTranscript:
    """Outcome of adding a transcript to the store."""

    transcript_id: int
    status: IngestStatus
    version: int


@dataclass(frozen=True)
class Suggestion:
    """The machine's suggestion for one segment."""

    segment_uid: int
    codes: tuple[str, ...]
    levels: dict[str, int]
    confidence: float
    level_confidence: float | None
    status: Literal["auto", "review"]
    scores: dict[str, float]


@dataclass(frozen=True)
class Coding:
    """A coder's decision on one segment (human, or the machine's suggestion as a coding)."""

    segment_uid: int
    coder: str
    codes: tuple[str, ...]
    levels: dict[str, int]
    memo: str = ""
    source: str = "review"


class ProjectStore:
    """Access to one project's ``autocoder.db``; use as a context manager or call ``close``."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        path = Path(path)
        self.path = path / DB_NAME if path.suffix != ".db" else path
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        except (OSError, sqlite3.Error) as err:
            raise StoreError(f"cannot open project store {self.path}: {err}") from None
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            migrate(self.conn)
        except sqlite3.DatabaseError as err:
            self.conn.close()
            raise StoreError(f"{self.path} is not an autocoder project store: {err}") from None

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on error)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- transcripts and segments -------------------------------------------------------

    def add_transcript(
        self, transcript: Transcript, segments: Sequence[Segment]
    ) -> StoredTranscript:
        """Store a parsed transcript and its segments; the same content twice adds nothing.

        A file whose content changed becomes a new version; the old version and its codings
        stay in the store, marked not current.
        """
        with self.transaction() as conn:
            rows = conn.execute(
                "SELECT id, content_hash, version FROM transcripts WHERE name = ? "
                "ORDER BY version DESC",
                (transcript.name,),
            ).fetchall()
            if rows and rows[0]["content_hash"] == transcript.content_hash:
                return StoredTranscript(rows[0]["id"], "unchanged", rows[0]["version"])
            version = rows[0]["version"] + 1 if rows else 1
            conn.execute("UPDATE transcripts SET is_current = 0 WHERE name = ?", (transcript.name,))
            cur = conn.execute(
                "INSERT INTO transcripts (name, path, subject, content_hash, version, is_current,"
                " metadata, warnings, ingested_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)",
                (
                    transcript.name,
                    transcript.path,
                    transcript.subject,
                    transcript.content_hash,
                    version,
                    json.dumps(transcript.metadata, ensure_ascii=False),
                    json.dumps(transcript.warnings, ensure_ascii=False),
                    now(),
                ),
            )
            tid = int(cur.lastrowid or 0)
            conn.executemany(
                "INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (tid, t.turn, t.speaker, t.role, t.text, t.line_start, t.line_end, t.timestamp)
                    for t in transcript.turns
                ],
            )
            conn.executemany(
                "INSERT INTO segments (transcript_id, segment_id, turn, part, speaker, role,"
                " line_start, line_end, question, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        tid,
                        s.segment_id,
                        s.turn,
                        s.part,
                        s.speaker,
                        s.role,
                        s.line_start,
                        s.line_end,
                        s.question,
                        s.text,
                    )
                    for s in segments
                ],
            )
            self._audit(
                conn, "autocoder", "ingest", {"transcript": transcript.name, "version": version}
            )
            return StoredTranscript(tid, "new" if version == 1 else "new_version", version)

    def transcripts(self, *, current_only: bool = True) -> list[dict[str, Any]]:
        where = "WHERE is_current = 1" if current_only else ""
        rows = self.conn.execute(
            f"SELECT t.*, (SELECT COUNT(*) FROM turns WHERE transcript_id = t.id) AS n_turns,"
            f" (SELECT COUNT(*) FROM segments WHERE transcript_id = t.id) AS n_segments"
            f" FROM transcripts t {where} ORDER BY name, version"
        ).fetchall()
        return [dict(r) for r in rows]

    def segments(self, *, transcripts: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Respondent segments of the current transcript versions, in reading order."""
        sql = (
            "SELECT s.uid, t.name AS transcript, t.subject, s.segment_id, s.turn, s.part,"
            " s.speaker, s.role, s.line_start, s.line_end, s.question, s.text"
            " FROM segments s JOIN transcripts t ON t.id = s.transcript_id"
            " WHERE t.is_current = 1"
        )
        params: list[Any] = []
        if transcripts is not None:
            names = list(transcripts)
            sql += f" AND t.name IN ({','.join('?' * len(names))})"
            params = names
        sql += " ORDER BY t.name, s.turn, s.part"
        return [dict(r) for r in self.conn.execute(sql, params)]

    def turns(self, transcript: str) -> list[dict[str, Any]]:
        """All turns of the current version of one transcript."""
        return [
            dict(r)
            for r in self.conn.execute(
                "SELECT u.* FROM turns u JOIN transcripts t ON t.id = u.transcript_id"
                " WHERE t.name = ? AND t.is_current = 1 ORDER BY u.turn",
                (transcript,),
            )
        ]

    # -- suggestions ----------------------------------------------------------------------

    def save_suggestions(self, model: str, suggestions: Sequence[Suggestion]) -> None:
        """Store the machine's latest suggestions (replacing earlier machine suggestions only)."""
        stamp = now()
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO suggestions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        s.segment_uid,
                        model,
                        json.dumps(list(s.codes)),
                        json.dumps(s.levels),
                        float(s.confidence),
                        None if s.level_confidence is None else float(s.level_confidence),
                        json.dumps({k: round(float(v), 4) for k, v in s.scores.items()}),
                        s.status,
                        stamp,
                    )
                    for s in suggestions
                ],
            )
            self._audit(conn, MACHINE, "suggest", {"model": model, "n": len(suggestions)})

    def suggestions(self) -> dict[int, dict[str, Any]]:
        out = {}
        for r in self.conn.execute("SELECT * FROM suggestions"):
            d = dict(r)
            d["codes"] = tuple(json.loads(d["codes"]))
            d["levels"] = {k: int(v) for k, v in json.loads(d["levels"]).items()}
            d["scores"] = json.loads(d["scores"])
            out[d["segment_uid"]] = d
        return out

    # -- human codings --------------------------------------------------------------------

    def add_coding(self, coding: Coding) -> int:
        """Record a coder's decision; the coder's earlier decision on the segment is superseded."""
        with self.transaction() as conn:
            return self._add_coding(conn, coding)

    def add_codings(self, codings: Sequence[Coding]) -> list[int]:
        """Record many decisions in one transaction: all or none."""
        with self.transaction() as conn:
            return [self._add_coding(conn, c) for c in codings]

    def _add_coding(self, conn: sqlite3.Connection, coding: Coding) -> int:
        if coding.coder == MACHINE:
            raise StoreError("the coder name 'machine' is reserved for suggestions")
        cur = conn.execute(
            "INSERT INTO codings (segment_uid, coder, codes, levels, memo, source, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                coding.segment_uid,
                coding.coder,
                json.dumps(list(coding.codes)),
                json.dumps(coding.levels),
                coding.memo,
                coding.source,
                now(),
            ),
        )
        new_id = int(cur.lastrowid or 0)
        conn.execute(
            "UPDATE codings SET superseded_by = ? WHERE segment_uid = ? AND coder = ?"
            " AND id != ? AND superseded_by IS NULL",
            (new_id, coding.segment_uid, coding.coder, new_id),
        )
        self._audit(
            conn,
            coding.coder,
            "code",
            {
                "segment_uid": coding.segment_uid,
                "coding_id": new_id,
                "codes": list(coding.codes),
                "levels": coding.levels,
            },
        )
        return new_id

    def codings(self, *, coder: str | None = None) -> list[dict[str, Any]]:
        """Current (not superseded) human codings of current transcripts."""
        sql = (
            "SELECT c.*, s.segment_id, t.name AS transcript, s.turn FROM codings c"
            " JOIN segments s ON s.uid = c.segment_uid JOIN transcripts t ON t.id = s.transcript_id"
            " WHERE c.superseded_by IS NULL AND t.is_current = 1"
        )
        params: list[Any] = []
        if coder is not None:
            sql += " AND c.coder = ?"
            params.append(coder)
        out = []
        for r in self.conn.execute(sql + " ORDER BY c.id", params):
            d = dict(r)
            d["codes"] = tuple(json.loads(d["codes"]))
            d["levels"] = {k: int(v) for k, v in json.loads(d["levels"]).items()}
            out.append(d)
        return out

    def effective_codings(self) -> list[dict[str, Any]]:
        """Per current segment, the coding that counts: a human decision wins over the machine.

        Each row is a segment (see :meth:`segments`) plus ``codes``, ``levels``,
        ``confidence`` (the machine's, or None), ``status`` (``human``, ``auto``, ``review``
        or ``uncoded``), ``coder`` and ``memo``. With several human coders, the latest
        decision counts.
        """
        suggestions = self.suggestions()
        humans: dict[int, dict[str, Any]] = {}
        for c in self.codings():
            humans[c["segment_uid"]] = c  # ordered by id: the latest wins
        rows = []
        for seg in self.segments():
            uid = seg["uid"]
            sug = suggestions.get(uid)
            row = dict(seg)
            row["confidence"] = sug["confidence"] if sug else None
            row["level_confidence"] = sug["level_confidence"] if sug else None
            row["machine_codes"] = sug["codes"] if sug else ()
            row["machine_levels"] = sug["levels"] if sug else {}
            if uid in humans:
                h = humans[uid]
                row.update(
                    codes=h["codes"],
                    levels=h["levels"],
                    status="human",
                    coder=h["coder"],
                    memo=h["memo"],
                )
            elif sug:
                row.update(
                    codes=sug["codes"],
                    levels=sug["levels"],
                    status=sug["status"],
                    coder=MACHINE,
                    memo="",
                )
            else:
                row.update(codes=(), levels={}, status="uncoded", coder="", memo="")
            rows.append(row)
        return rows

    def _audit(self, conn: sqlite3.Connection, actor: str, action: str, detail: dict) -> None:
        conn.execute(
            "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)",
            (now(), actor, action, json.dumps(detail, ensure_ascii=False)),
        )
