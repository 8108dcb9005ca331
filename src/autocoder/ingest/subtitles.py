"""SubRip (``.srt``) and WebVTT (``.vtt``) cues into speaker turns.

A cue names its speaker as ``LABEL: text`` or with a WebVTT voice tag ``<v Name>``; a cue
without one continues the previous speaker, and consecutive cues of one speaker merge.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from autocoder.ingest.labels import split_label
from autocoder.ingest.model import Cue, RawTurn
from autocoder.ingest.turns import speaker_set
from autocoder.ingest.vocab import norm

_TIMING = re.compile(r"[ \t]*(?P<start>(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})[ \t]+-->[ \t]+\S+")
_VOICE = re.compile(r"<v(?:\.[^ \t>]*)?[ \t]+(?P<name>[^>]+)>")
_TAG = re.compile(r"</?[^>\n]*>")
_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")
_SKIP_BLOCKS = ("WEBVTT", "NOTE", "STYLE", "REGION")


def parse_cues(text: str) -> list[Cue]:
    """Split subtitle text into cues, skipping the WebVTT header, NOTE, STYLE and REGION blocks."""
    cues: list[Cue] = []
    for block in _BLOCK_SPLIT.split(text.replace("\r\n", "\n").replace("\r", "\n").strip()):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        if not lines or lines[0].split(" ", 1)[0].split("\t", 1)[0] in _SKIP_BLOCKS:
            continue
        at = next((i for i, ln in enumerate(lines[:3]) if _TIMING.match(ln)), None)
        if at is None:
            continue
        ident = lines[at - 1].strip() if at else ""
        number = int(ident) if ident.isdigit() else len(cues) + 1
        start = _TIMING.match(lines[at]).group("start")  # type: ignore[union-attr]
        cues.append(Cue(number, start, tuple(lines[at + 1 :])))
    return cues


@dataclass(frozen=True)
class _Part:
    label: str | None  # a candidate speaker label, or None
    words: str  # the text after the label
    line: str  # the whole line without tags
    voice: bool  # the label came from a <v Name> tag


def _parts(cue: Cue) -> list[_Part]:
    """Each line of a cue with its candidate speaker label."""
    out: list[_Part] = []
    for line in cue.lines:
        plain = _TAG.sub("", line).strip()
        voice = _VOICE.search(line)
        if voice:
            out.append(_Part(voice.group("name").strip(), plain, plain, True))
            continue
        labelled = split_label(plain)
        out.append(_Part(labelled.label, labelled.text, plain, False))
    return out


def cues_to_turns(cues: list[Cue], known: frozenset[str] = frozenset()) -> list[RawTurn]:
    """Speaker turns from cues; empty when no cue names a speaker.

    ``known`` holds normalised labels that are speakers even if they occur only once.
    """
    split = [(cue, _parts(cue)) for cue in cues]
    labelled = [p for _, parts in split for p in parts if p.label]
    speakers = speaker_set(Counter(norm(p.label or "") for p in labelled if not p.voice))
    speakers |= {norm(p.label or "") for p in labelled if p.voice} | known
    turns: list[RawTurn] = []
    for cue, parts in split:
        for part in parts:
            label = part.label if part.label and norm(part.label) in speakers else None
            words = part.words if label else part.line
            if label and not (turns and norm(turns[-1].speaker) == norm(label)):
                turns.append(RawTurn(label, words, cue.number, cue.number, cue.start))
            elif turns:
                turns[-1].text = f"{turns[-1].text} {words}"
                turns[-1].line_end = cue.number
    for turn in turns:
        turn.text = " ".join(turn.text.split())
    return [t for t in turns if t.text]


def no_speaker_reason(cues: list[Cue]) -> str:
    """The error text for cues of which none names a speaker."""
    shown = "; ".join(" / ".join(c.lines)[:80] for c in cues[:3])
    return (
        f"{len(cues)} cues but none names a speaker; start each speaker's first cue with "
        f"'LABEL: text' or a WebVTT voice tag '<v Name>'. First cues: {shown}"
    )
