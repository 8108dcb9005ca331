"""Named, ordered schema migrations of the project store.

Each migration runs once, inside a transaction, and is recorded in ``_migrations``;
an older ``autocoder.db`` is upgraded when it is opened. Append new migrations; never edit
one that has shipped.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_transcripts_turns_segments",
        """
        CREATE TABLE transcripts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            path TEXT NOT NULL,
            subject TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            version INTEGER NOT NULL,
            is_current INTEGER NOT NULL DEFAULT 1,
            metadata TEXT NOT NULL DEFAULT '{}',
            warnings TEXT NOT NULL DEFAULT '[]',
            ingested_at TEXT NOT NULL,
            UNIQUE (name, version)
        );
        CREATE INDEX transcripts_hash ON transcripts (content_hash);
        CREATE TABLE turns (
            transcript_id INTEGER NOT NULL REFERENCES transcripts (id),
            turn INTEGER NOT NULL,
            speaker TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('interviewer', 'respondent')),
            text TEXT NOT NULL,
            line_start INTEGER NOT NULL,
            line_end INTEGER NOT NULL,
            timestamp TEXT,
            PRIMARY KEY (transcript_id, turn)
        );
        CREATE TABLE segments (
            uid INTEGER PRIMARY KEY,
            transcript_id INTEGER NOT NULL REFERENCES transcripts (id),
            segment_id TEXT NOT NULL,
            turn INTEGER NOT NULL,
            part INTEGER NOT NULL DEFAULT 1,
            speaker TEXT NOT NULL,
            role TEXT NOT NULL,
            line_start INTEGER NOT NULL,
            line_end INTEGER NOT NULL,
            question TEXT NOT NULL,
            text TEXT NOT NULL,
            UNIQUE (transcript_id, segment_id)
        );
        """,
    ),
    (
        "0002_suggestions_codings_audit",
        """
        CREATE TABLE suggestions (
            segment_uid INTEGER PRIMARY KEY REFERENCES segments (uid),
            model TEXT NOT NULL,
            codes TEXT NOT NULL,
            levels TEXT NOT NULL,
            confidence REAL NOT NULL,
            level_confidence REAL,
            scores TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL CHECK (status IN ('auto', 'review')),
            created_at TEXT NOT NULL
        );
        CREATE TABLE codings (
            id INTEGER PRIMARY KEY,
            segment_uid INTEGER NOT NULL REFERENCES segments (uid),
            coder TEXT NOT NULL,
            codes TEXT NOT NULL,
            levels TEXT NOT NULL,
            memo TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT 'review',
            created_at TEXT NOT NULL,
            superseded_by INTEGER REFERENCES codings (id)
        );
        CREATE INDEX codings_segment ON codings (segment_uid, coder);
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '{}'
        );
        """,
    ),
    (
        "0003_review_undo_leases_assignments",
        """
        CREATE TABLE coding_undos (
            coding_id INTEGER PRIMARY KEY REFERENCES codings (id),
            restored_id INTEGER REFERENCES codings (id),
            restores_id INTEGER REFERENCES codings (id),
            actor TEXT NOT NULL,
            undone_at TEXT NOT NULL
        );
        CREATE TABLE review_leases (
            segment_uid INTEGER NOT NULL REFERENCES segments (uid),
            coder TEXT NOT NULL,
            expires_at REAL NOT NULL,
            PRIMARY KEY (segment_uid, coder)
        );
        CREATE TABLE review_assignments (
            id INTEGER PRIMARY KEY,
            segment_uid INTEGER NOT NULL REFERENCES segments (uid),
            coder TEXT NOT NULL,
            batch TEXT NOT NULL,
            blind INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            UNIQUE (segment_uid, coder)
        );
        CREATE INDEX review_assignments_coder ON review_assignments (coder);
        """,
    ),
]


def now() -> str:
    """UTC timestamp as ISO text."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def applied(conn: sqlite3.Connection) -> list[str]:
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    return [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY name")]


def migrate(conn: sqlite3.Connection, migrations: list[tuple[str, str]] = MIGRATIONS) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied now."""
    done = set(applied(conn))
    ran = []
    for name, sql in migrations:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in sql.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT INTO _migrations VALUES (?, ?)", (name, now()))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        ran.append(name)
    return ran
