"""Plain intermediate records passed between the readers and the turn detector."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cue:
    """One subtitle cue: its number (SRT index or position), start time and text lines."""

    number: int
    start: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Line:
    """One line of running text with the number it is cited by (physical, printed or paragraph)."""

    number: int
    text: str


@dataclass
class RawTurn:
    """A speaker turn before roles are assigned."""

    speaker: str
    text: str
    line_start: int
    line_end: int
    timestamp: str | None = None


@dataclass
class Source:
    """What a reader found in a file: running text lines, ready-made turns, or cues.

    ``rows`` is ``None`` when the turns still have to be found in ``lines`` (txt, docx
    paragraphs) or ``cues`` (srt, vtt); otherwise they came from table rows and ``lines``
    holds only text around them (a header).
    """

    lines: list[Line] = field(default_factory=list)
    rows: list[RawTurn] | None = None
    cues: list[Cue] | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: Why ``rows`` is empty, when the reader knows better than "no turns".
    problem: str | None = None
