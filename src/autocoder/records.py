"""Plain records passed between the stages: turns, transcripts and segments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Role = Literal["interviewer", "respondent"]

#: Columns of a segment listing (``autocoder segments``), the start of ``segments.csv``.
SEGMENT_COLUMNS = (
    "transcript",
    "subject",
    "segment_id",
    "turn",
    "speaker",
    "role",
    "line_start",
    "line_end",
    "question",
    "text",
)

#: Bracketed transcriber notes such as ``(tertawa)``, ``[tidak jelas]``, ``[inaudible]``.
NOTE_PATTERN = re.compile(r"\([^()\n]{1,40}\)|\[[^\[\]\n]{1,40}\]")


def find_notes(text: str) -> tuple[str, ...]:
    """Return the bracketed transcriber notes in ``text``, in order."""
    return tuple(m.group(0) for m in NOTE_PATTERN.finditer(text))


def strip_notes(text: str) -> str:
    """Return ``text`` without bracketed transcriber notes, spaces tidied."""
    return re.sub(r"\s{2,}", " ", NOTE_PATTERN.sub(" ", text)).strip()


@dataclass(frozen=True)
class Turn:
    """One speaker turn of a transcript, traceable to its source lines."""

    turn: int
    speaker: str
    role: Role
    text: str
    line_start: int
    line_end: int
    timestamp: str | None = None

    @property
    def notes(self) -> tuple[str, ...]:
        """Bracketed notes in the text (kept in ``text``, marked here)."""
        return find_notes(self.text)

    @property
    def clean_text(self) -> str:
        """The text without bracketed notes, for the NLP stages."""
        return strip_notes(self.text)


@dataclass
class Transcript:
    """A parsed interview: its speaker turns plus header metadata."""

    name: str
    path: str
    subject: str
    turns: list[Turn]
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    content_hash: str = ""

    @property
    def respondent_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.role == "respondent"]


@dataclass(frozen=True)
class Segment:
    """A coding unit: a respondent turn (or a window of one) with its question as context."""

    segment_id: str
    transcript: str
    subject: str
    turn: int
    speaker: str
    role: Role
    line_start: int
    line_end: int
    question: str
    text: str
    part: int = 1

    @property
    def clean_text(self) -> str:
        return strip_notes(self.text)

    @property
    def clean_question(self) -> str:
        return strip_notes(self.question)
