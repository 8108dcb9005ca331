"""The project store (SQLite) and its migrations."""

from autocoder.store.db import DB_NAME, MACHINE, Coding, ProjectStore, StoredTranscript, Suggestion

__all__ = ["DB_NAME", "MACHINE", "Coding", "ProjectStore", "StoredTranscript", "Suggestion"]
