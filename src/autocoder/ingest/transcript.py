"""``read_transcript``: one file in, one :class:`~autocoder.records.Transcript` out."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from autocoder.errors import TranscriptError
from autocoder.ingest.model import Source
from autocoder.ingest.readers import CONVERT_HINTS, READERS, SUPPORTED_SUFFIXES, ReadError
from autocoder.ingest.roles import assign_roles
from autocoder.ingest.subject import choose_subject
from autocoder.ingest.subtitles import cues_to_turns, no_speaker_reason
from autocoder.ingest.turns import find_turns
from autocoder.ingest.vocab import norm
from autocoder.records import Transcript, Turn

ROLES = ("interviewer", "respondent")
_SHOWN_LINES = 5


@dataclass(frozen=True)
class IngestOptions:
    """Overrides for one transcript.

    ``subject`` replaces the inferred subject; ``roles`` maps speaker labels (any case) to
    ``"interviewer"`` or ``"respondent"``.
    """

    subject: str | None = None
    roles: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        bad = {k: v for k, v in self.roles.items() if v not in ROLES}
        if bad:
            raise ValueError(f"roles must be 'interviewer' or 'respondent', got {bad}")


def read_transcript(path: str | Path, *, options: IngestOptions | None = None) -> Transcript:
    """Read a transcript file into speaker turns with roles, subject and header metadata.

    Raises :class:`~autocoder.errors.TranscriptError` when the file is missing, of an
    unsupported type, empty, binary, malformed, or holds no speaker turns.
    """
    options = options or IngestOptions()
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        hint = CONVERT_HINTS.get(suffix, "use one of " + ", ".join(sorted(SUPPORTED_SUFFIXES)))
        raise TranscriptError(path, f"unsupported file type {suffix or '(no suffix)'!r}; {hint}")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TranscriptError(path, "file not found") from None
    except IsADirectoryError:
        raise TranscriptError(path, "is a folder, not a transcript file") from None
    except OSError as err:
        raise TranscriptError(path, f"cannot read the file: {err.strerror or err}") from None
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise TranscriptError(path, "the file is empty")
    try:
        source = READERS[suffix](data)
    except ReadError as err:
        raise TranscriptError(path, str(err)) from None
    return build_transcript(
        source, path=path, content_hash=hashlib.sha256(data).hexdigest(), options=options
    )


def build_transcript(
    source: Source, *, path: Path, content_hash: str, options: IngestOptions
) -> Transcript:
    """Find turns in a reader's :class:`Source` and assign roles and subject (pure)."""
    known = frozenset(norm(label) for label in options.roles)
    found = find_turns(source.lines, known)
    metadata = {**found.metadata, **source.metadata}
    warnings = list(source.warnings)
    problem = source.problem
    if source.cues is not None:
        raw = cues_to_turns(source.cues, known)
        problem = problem or no_speaker_reason(source.cues)
    elif source.rows is not None:
        raw = source.rows
    else:
        raw = found.turns
        warnings += found.warnings
    if not raw:
        raise TranscriptError(path, problem or _no_turns_reason(source))
    roles = assign_roles(raw, options.roles)
    subject = options.subject or choose_subject(metadata, raw, roles, path.stem)
    turns = [
        Turn(
            turn=n,
            speaker=t.speaker.strip(),
            role=roles[norm(t.speaker)],
            text=t.text,
            line_start=t.line_start,
            line_end=t.line_end,
            timestamp=t.timestamp,
        )
        for n, t in enumerate(raw, 1)
    ]
    return Transcript(
        name=path.stem,
        path=str(path),
        subject=subject,
        turns=turns,
        metadata=metadata,
        warnings=warnings,
        content_hash=content_hash,
    )


def _no_turns_reason(source: Source) -> str:
    shown = [line for line in source.lines if line.text.strip()][:_SHOWN_LINES]
    if not shown:
        return "no speaker turns found: the file has no text"
    listing = "\n".join(f"  {line.number}: {line.text.strip()[:100]}" for line in shown)
    return (
        "no speaker turns found. Each turn must start with a speaker label and a colon, "
        "e.g. 'P: ...' / 'K: ...' or 'Peneliti: ...' / 'Bu Rina: ...' (a label that is not a "
        "role word must appear on at least two lines). The first lines read were:\n" + listing
    )
