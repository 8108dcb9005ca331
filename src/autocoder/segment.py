"""Cut transcripts into coding units with spaCy's Indonesian tokenizer and sentencizer.

By default one unit per respondent turn, carrying the interviewer's preceding question as
context; a turn with more than ``max_sentences`` sentences is split into balanced windows of
consecutive sentences. Segment ids (``<transcript>-<turn>`` plus ``.<part>`` for windows) are
stable across re-runs of the same file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from autocoder.records import Segment, Transcript, Turn

if TYPE_CHECKING:
    from spacy.language import Language

#: Abbreviations kept whole by the tokenizer, so their full stop does not end a sentence.
ABBREVIATIONS = (
    "dll.",
    "dsb.",
    "dst.",
    "dkk.",
    "tsb.",
    "yth.",
    "spt.",
    "krn.",
    "tgl.",
    "hlm.",
    "no.",
    "No.",
    "S.Pd.",
    "M.Pd.",
    "S.Psi.",
    "M.Psi.",
    "S.Pd.I.",
    "Dra.",
    "Drs.",
    "Dr.",
    "dr.",
    "Prof.",
    "Bpk.",
    "Bp.",
    "Ibu.",
    "Sdr.",
    "Sdri.",
    "H.",
    "Hj.",
    "St.",
    "Jl.",
    "Kab.",
    "Kec.",
    "Kel.",
    "a.n.",
    "u.p.",
    "d.a.",
    "s.d.",
    "kls.",
    "Kls.",
    "bag.",
    "ps.",
    "Permendiknas.",
    "Ir.",
)


@dataclass(frozen=True)
class SegmentationOptions:
    """How respondent turns become coding units."""

    max_sentences: int = 5
    """A turn with more sentences than this is split into windows."""
    window: int = 4
    """Target number of sentences per window when a turn is split."""

    def __post_init__(self) -> None:
        if self.max_sentences < 1 or self.window < 1:
            raise ValueError("max_sentences and window must be at least 1")


@lru_cache(maxsize=1)
def indonesian_nlp() -> Language:
    """``spacy.blank("id")`` with the sentencizer and Indonesian abbreviation exceptions."""
    import spacy
    from spacy.symbols import ORTH

    nlp = spacy.blank("id")
    for abbr in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    nlp.add_pipe("sentencizer")
    return nlp


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``."""
    doc = indonesian_nlp()(text)
    return [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]


def _windows(n_sentences: int, options: SegmentationOptions) -> list[range]:
    """Balanced consecutive windows of sentence indices."""
    if n_sentences <= options.max_sentences:
        return [range(n_sentences)]
    n_windows = math.ceil(n_sentences / options.window)
    size, extra = divmod(n_sentences, n_windows)
    out, start = [], 0
    for i in range(n_windows):
        stop = start + size + (1 if i < extra else 0)
        out.append(range(start, stop))
        start = stop
    return out


def _line_at(turn: Turn, offset: int) -> int:
    """Approximate source line of a character offset inside a turn's joined text."""
    n_lines = turn.line_end - turn.line_start + 1
    if n_lines <= 1 or not turn.text:
        return turn.line_start
    share = min(max(offset, 0), len(turn.text) - 1) / len(turn.text)
    return turn.line_start + min(n_lines - 1, int(share * n_lines))


def _may_be_long(text: str, options: SegmentationOptions) -> bool:
    """Cheap upper bound: fewer end marks than ``max_sentences`` means no split is needed."""
    return sum(text.count(mark) for mark in ".?!") > options.max_sentences


def segment_id(transcript: str, turn: int, part: int | None = None) -> str:
    """Stable id of a coding unit: ``A-012`` for a whole turn, ``A-012.2`` for a window."""
    base = f"{transcript}-{turn:03d}"
    return base if part is None else f"{base}.{part}"


def segment_turn(
    turn: Turn, *, transcript: str, subject: str, question: str, options: SegmentationOptions
) -> list[Segment]:
    """The coding units of one respondent turn."""
    spans = split_sentences(turn.text) if _may_be_long(turn.text, options) else []
    windows = _windows(len(spans), options) if spans else [range(0)]
    if len(windows) <= 1:
        return [
            Segment(
                segment_id=segment_id(transcript, turn.turn),
                transcript=transcript,
                subject=subject,
                turn=turn.turn,
                speaker=turn.speaker,
                role=turn.role,
                line_start=turn.line_start,
                line_end=turn.line_end,
                question=question,
                text=turn.text,
            )
        ]
    segments = []
    for part, window in enumerate(windows, 1):
        start, end = spans[window[0]][0], spans[window[-1]][1]
        segments.append(
            Segment(
                segment_id=segment_id(transcript, turn.turn, part),
                transcript=transcript,
                subject=subject,
                turn=turn.turn,
                speaker=turn.speaker,
                role=turn.role,
                line_start=_line_at(turn, start),
                line_end=_line_at(turn, end - 1),
                question=question,
                text=turn.text[start:end].strip(),
                part=part,
            )
        )
    return segments


def segment_transcript(
    transcript: Transcript, options: SegmentationOptions | None = None
) -> list[Segment]:
    """All respondent coding units of a transcript, each with its preceding question."""
    options = options or SegmentationOptions()
    segments: list[Segment] = []
    question = ""
    for turn in transcript.turns:
        if turn.role == "interviewer":
            question = turn.text
            continue
        segments.extend(
            segment_turn(
                turn,
                transcript=transcript.name,
                subject=transcript.subject,
                question=question,
                options=options,
            )
        )
    return segments
