"""Find the header and the speaker turns in running text lines (txt, docx paragraphs)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from autocoder.ingest.header import is_named_role, is_plain_entry, is_role_key
from autocoder.ingest.labels import (
    Labelled,
    is_code,
    is_role_word,
    split_label,
    split_sheet_number,
    valid_label,
)
from autocoder.ingest.model import Line, RawTurn
from autocoder.ingest.vocab import norm

_HYPHEN_END = re.compile(r"\w-$")
_MIN_NUMBERED_SHARE = 0.7
_MIN_STEP_SHARE = 0.8


@dataclass
class Found:
    """The header entries and speaker turns found in a text."""

    metadata: dict[str, str] = field(default_factory=dict)
    turns: list[RawTurn] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def speaker_set(counts: Counter[str], known: frozenset[str] = frozenset()) -> frozenset[str]:
    """Normalised labels accepted as speakers: recurring (>= 2 lines), a role word, or ``known``."""
    return frozenset(
        key
        for key, n in counts.items()
        if key in known or (valid_label(key) and (n >= 2 or is_role_word(key)))
    )


def number_lines(lines: Sequence[Line]) -> tuple[list[Line], bool]:
    """Strip the printed numbers of a numbered verbatim sheet and cite lines by them.

    A text counts as a numbered sheet when, from its first numbered line on, at least 70 %
    of the non-empty lines start with a number and 80 % of those count up by one.
    Lines of other texts come back unchanged.
    """
    split = [split_sheet_number(line.text) if line.text.strip() else None for line in lines]
    first = next((i for i, s in enumerate(split) if s is not None), None)
    if first is None:
        return list(lines), False
    body = [i for i in range(first, len(lines)) if lines[i].text.strip()]
    numbers = [split[i][0] for i in body if split[i] is not None]  # type: ignore[index]
    steps = sum(1 for a, b in zip(numbers, numbers[1:], strict=False) if b == a + 1)
    if (
        len(numbers) < 2
        or len(numbers) < _MIN_NUMBERED_SHARE * len(body)
        or steps < _MIN_STEP_SHARE * (len(numbers) - 1)
    ):
        return list(lines), False
    out: list[Line] = list(lines[:first])
    last = lines[first].number
    for line, parts in zip(lines[first:], split[first:], strict=False):
        if parts is None:
            out.append(Line(last, line.text))
        else:
            last = parts[0]
            out.append(Line(last, parts[1]))
    return out, True


def join_lines(parts: Iterable[str]) -> str:
    """Join wrapped lines with single spaces; a line ending in ``word-`` joins without one.

    >>> join_lines(["anak-", "anak  kelas", "", "X (tertawa)"])
    'anak-anak kelas X (tertawa)'
    """
    chunks: list[str] = []
    for part in parts:
        text = part.strip()
        if not text:
            continue
        if chunks:
            chunks.append("" if _HYPHEN_END.search(chunks[-1]) else " ")
        chunks.append(text)
    return " ".join("".join(chunks).split())


def find_turns(lines: Sequence[Line], known: frozenset[str] = frozenset()) -> Found:
    """Split ``lines`` into header metadata and speaker turns.

    Lines before the first turn that are not ``Key: value`` (titles, rules) are ignored;
    lines after it without a speaker label continue the previous turn. ``known`` holds
    normalised labels that are speakers even if they occur only once.
    """
    numbered, _ = number_lines(lines)
    parsed = _standalone_labels([(line, split_label(line.text)) for line in numbered])
    found = Found()
    start = _dialogue_start(parsed, found.metadata, known)
    if start is None:
        return found
    dialogue = parsed[start:]
    speakers = speaker_set(Counter(norm(p.label) for _, p in dialogue if p.label), known)
    found.turns, found.warnings = _build(dialogue, speakers)
    return found


_STANDALONE = re.compile(
    r"[ \t]*(?:\*{1,2}|__)?(?P<label>[^\W\d_][\w.' ]{0,29}?)[ \t]*(?:\*{1,2}|__)?[ \t]*:?[ \t]*$"
)


def _standalone_labels(parsed: list[tuple[Line, Labelled]]) -> list[tuple[Line, Labelled]]:
    """Read a label on a line of its own (``Peneliti`` then the words on the next lines).

    A bare line counts as a label when it is a role word or code (``Peneliti``, ``K``,
    ``Bu Rina``) and bare lines like it recur, so a one-word answer is not taken for one.
    """
    bare: dict[int, str] = {}
    for i, (_, p) in enumerate(parsed):
        if p.label is None and p.text:
            m = _STANDALONE.match(p.text)
            if m and (is_code(m.group("label")) or is_role_word(m.group("label"))):
                bare[i] = m.group("label").strip()
    counts = Counter(norm(label) for label in bare.values())
    if sum(c >= 2 for c in counts.values()) < 2:  # needs two recurring speakers
        return parsed
    out = list(parsed)
    for i, label in bare.items():
        if counts[norm(label)] >= 2 and valid_label(label):
            out[i] = (parsed[i][0], Labelled(label, "", None))
    return out


def _dialogue_start(
    parsed: list[tuple[Line, Labelled]], metadata: dict[str, str], known: frozenset[str]
) -> int | None:
    """Index of the first dialogue turn; header entries before it go into ``metadata``.

    ``Role: Name`` lines are header entries when they stand beside other entries or their
    key never recurs, so ``Peneliti: Andi`` alone at the top of a file whose interviewer
    speaks only once is read as a header.
    """
    counts = Counter(norm(p.label) for _, p in parsed if p.label)
    speakers = speaker_set(counts, known)

    def entry(i: int) -> bool:
        line, p = parsed[i]
        return p.label is not None and (
            is_plain_entry(p.label, speakers) or is_named_role(p.label, p.text)
        )

    def among_entries(i: int) -> bool:
        return any(
            0 <= j < len(parsed) and parsed[j][0].text.strip() and entry(j) for j in (i - 1, i + 1)
        )

    def followed_by_plain_entry(i: int) -> bool:
        nxt = next((q for line, q in parsed[i + 1 :] if line.text.strip()), None)
        return nxt is not None and nxt.label is not None and is_plain_entry(nxt.label, speakers)

    for i, (_, p) in enumerate(parsed):
        if p.label is None:
            continue
        plain = is_plain_entry(p.label, speakers)
        once = counts[norm(p.label)] == 1
        named = (is_named_role(p.label, p.text) and (once or among_entries(i))) or (
            # "Pewawancara: Tim peneliti (T)" among header lines; "Informan: LI, guru BK ..."
            # with more header lines after it
            is_role_key(p.label) and ((once and among_entries(i)) or followed_by_plain_entry(i))
        )
        if plain or named:
            metadata.setdefault(p.label.strip(" \t*_"), p.text)
            continue
        return i
    return None


def _build(
    dialogue: Iterable[tuple[Line, Labelled]], speakers: frozenset[str]
) -> tuple[list[RawTurn], list[str]]:
    turns: list[RawTurn] = []
    parts: list[list[str]] = []
    for line, p in dialogue:
        if p.label is not None and norm(p.label) in speakers:
            turns.append(RawTurn(p.label, "", line.number, line.number, p.timestamp))
            parts.append([p.text])
        elif turns and line.text.strip():
            parts[-1].append(line.text)
            turns[-1].line_end = line.number
    warnings: list[str] = []
    kept: list[RawTurn] = []
    for turn, texts in zip(turns, parts, strict=False):
        turn.text = join_lines(texts)
        if turn.text:
            kept.append(turn)
        else:
            warnings.append(
                f"line {turn.line_start}: label {turn.speaker!r} with no words; skipped"
            )
    return kept, warnings
