"""Parse one line: its sheet number, a timestamp and a ``LABEL:`` prefix.

Everything here looks at a bounded prefix of the line, so a long line costs no more than
reading it once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from autocoder.ingest.vocab import (
    INTERVIEWER_CODES,
    INTERVIEWER_WORDS,
    NOT_SPEAKERS,
    RESPONDENT_CODES,
    RESPONDENT_WORDS,
    TITLE_WORDS,
    norm,
)

_TS = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?"
#: A timestamp starting a line: ``[00:03:15]``, ``(03:15)``, ``00:03:15``, maybe a dash after.
LEADING_TS = re.compile(
    rf"[ \t]*(?:\[(?P<a>{_TS})\]|\((?P<b>{_TS})\)|(?P<c>{_TS})(?=[ \t]))"
    r"[ \t]*(?:[-\u2013\u2014][ \t]+)?"
)
#: A bracketed timestamp only (used after a label, where a bare time may be speech).
BRACKETED_TS = re.compile(rf"[ \t]*(?:\[(?P<a>{_TS})\]|\((?P<b>{_TS})\))[ \t]*")
#: ``Label:`` with up to four words, bold markers and a bracketed timestamp before the colon.
_LABEL = re.compile(
    r"[ \t]*(?:\*{1,2}|__)?[ \t]*"
    r"(?P<label>[^\W\d_][\w.'\u2019/&-]*(?:[ \t]+[\w.'\u2019/&()-]+){0,3}?)"
    r"[ \t]*(?:\*{1,2}|__)?[ \t]*"
    rf"(?:[\[(](?P<ts>{_TS})[\])][ \t]*(?:\*{{1,2}}|__)?[ \t]*)?"
    r":(?:[ \t]*(?:\*{1,2}|__)(?=[ \t]))?"
)
#: ``P - text`` / ``Peneliti – text``: label, spaces, a dash, spaces.
_DASH_LABEL = re.compile(
    r"[ \t]*(?:\*{1,2}|__)?(?P<label>[^\W\d_][\w.]*(?:[ \t]+[\w.]+)?)(?:\*{1,2}|__)?"
    r"[ \t]+[-\u2013\u2014][ \t]+"
)
#: ``[P1] text``: a label in square brackets (not a timestamp or a transcriber note).
_BRACKET_LABEL = re.compile(r"[ \t]*\[(?P<label>[^\W\d_][\w.]*(?:[ ][\w.]+){0,3})\][ \t]*:?[ \t]+")
#: ``P<TAB>text``: a label in its own column, as when a Word table is pasted as text.
_TAB_LABEL = re.compile(r"[ ]*(?P<label>[^\W\d_][\w.]*(?:[ ][\w.]+){0,3})[ ]*\t+[ \t]*")
#: A sheet line number: ``12  text``, ``12. text``, ``12) text``, ``12 | text``, ``12\ttext``
#: or a bare ``12``.
SHEET_NUMBER = re.compile(
    r"[ \t]*(?P<n>\d{1,5})(?:[.)][ \t]*|[ \t]*\|[ \t]*|\t[ \t]*|[ \t]+|[.)|]?[ \t]*$)"
)
_CODE = re.compile(r"[^\W\d_]{1,3}\d{0,2}")
_MAX_LABEL = 30
_PREFIX = 80


@dataclass(frozen=True)
class Labelled:
    """A line split into an optional label, its text and a timestamp (bracket-free)."""

    label: str | None
    text: str
    timestamp: str | None = None


def _ts(m: re.Match[str]) -> str:
    return next(g for g in m.groups() if g is not None)


def is_code(label: str) -> bool:
    """A bare role letter or short code such as ``P``, ``K``, ``P1``, ``IR``."""
    return _CODE.fullmatch(label.strip()) is not None


def first_word(label: str) -> str:
    """The first word of a normalised label, without a trailing dot."""
    words = norm(label).split(" ")
    return words[0].rstrip(".") if words else ""


def is_role_word(label: str) -> bool:
    """A known role word or code: ``Peneliti``, ``Informan 1``, ``P1``, ``Bu Rina``."""
    key = norm(label)
    word = first_word(label)
    code = re.sub(r"\d+$", "", key)
    return (
        code in INTERVIEWER_CODES
        or code in RESPONDENT_CODES
        or word in INTERVIEWER_WORDS
        or word in RESPONDENT_WORDS
        or (word in TITLE_WORDS and " " in key)
    )


def label_shape(label: str) -> bool:
    """1-4 words, at most 30 characters, not a URL scheme: may be a label or a header key."""
    key = norm(label)
    if not key or len(key) > _MAX_LABEL or len(key.split(" ")) > 4:
        return False
    return first_word(label) not in {"http", "https", "www", "mailto", "ftp"}


def valid_label(label: str) -> bool:
    """May name a speaker: :func:`label_shape` and not a header key or a discourse word."""
    key = norm(label)
    if not label_shape(label) or key in NOT_SPEAKERS:
        return False
    # Indonesian discourse words ending in -nya ("Misalnya:", "Intinya:") are not names.
    return not (" " not in key and len(key) >= 7 and key.endswith("nya") and not is_role_word(key))


def split_label(text: str) -> Labelled:
    """Split ``text`` into label, rest and a timestamp written before or after the label.

    >>> split_label("[00:03:15] P: Bagaimana?")
    Labelled(label='P', text='Bagaimana?', timestamp='00:03:15')
    >>> split_label("Jam 10:30 saya datang").label is None
    True
    """
    timestamp = None
    start = 0
    if text[:1] in "[(0123456789 \t":
        m = LEADING_TS.match(text, 0, _PREFIX)
        if m:
            timestamp, start = _ts(m), m.end()
    m = _LABEL.match(text, start, start + _PREFIX)
    if m:
        label = m.group("label").strip()
        rest = text[m.end() :]
        if _plausible(label, rest):
            timestamp = timestamp or m.group("ts")
            if timestamp is None:
                after = BRACKETED_TS.match(rest, 0, 40)
                if after:
                    timestamp, rest = _ts(after), rest[after.end() :]
            return Labelled(label, rest.strip(), timestamp)
    m = _DASH_LABEL.match(text, start, start + 40)
    if m:
        label = m.group("label").strip()
        if (is_code(label) or is_role_word(label)) and valid_label(label):
            return Labelled(label, text[m.end() :].strip(), timestamp)
    m = _BRACKET_LABEL.match(text, start, start + 40)
    if m:
        label = m.group("label").strip()
        if (is_code(label) or is_role_word(label)) and valid_label(label):
            return Labelled(label, text[m.end() :].strip(), timestamp)
    m = _TAB_LABEL.match(text, start, start + 40)
    if m:
        label = m.group("label").strip()
        if (is_code(label) or is_role_word(label)) and valid_label(label):
            return Labelled(label, text[m.end() :].strip(), timestamp)
    return Labelled(None, text.strip(), None)


def _plausible(label: str, rest: str) -> bool:
    if "(" in label and not label.endswith(")"):
        return False
    if rest.startswith("//"):  # a URL: "https://..."
        return False
    if label[-1:].isdigit() and rest[:1].isdigit():  # a clock time: "Jam 10:30"
        return False
    return label_shape(label)


def split_sheet_number(text: str) -> tuple[int, str] | None:
    """``(12, "text")`` for a numbered verbatim-sheet line, else ``None``."""
    m = SHEET_NUMBER.match(text)
    if m is None:
        return None
    return int(m.group("n")), text[m.end() :]
