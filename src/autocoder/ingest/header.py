"""The header block before the dialogue: ``Subjek: Bu Rina``, ``Tanggal: ...``."""

from __future__ import annotations

import re

from autocoder.ingest.labels import first_word
from autocoder.ingest.vocab import (
    HEADER_KEYS,
    INTERVIEWER_WORDS,
    NOT_NAMES,
    RESPONDENT_WORDS,
    TITLE_WORDS,
    norm,
)

_PAREN = re.compile(r"\([^()]*\)")
_ABBREV = re.compile(r"(?:[A-Z][a-z]{0,3}\.){1,3},?")  # S.Pd., M.Pd., Dra.


def looks_like_name(value: str) -> bool:
    """A header value that names a person or code (``Bu Rina, S.Pd.``, ``Andi``, ``R1``).

    Speech such as ``Selamat pagi, Bu.`` or ``Baik.`` is not a name.
    """
    text = _PAREN.sub(" ", value).strip()
    words = text.split()
    if not words or len(words) > 6 or text[-1:] in "?!":
        return False
    if words[0].strip(".,!").casefold() in NOT_NAMES:
        return False
    for word in words:
        bare = word.strip(",;")
        if not bare:
            continue
        if bare.casefold().rstrip(".") in TITLE_WORDS or _ABBREV.fullmatch(word):
            continue
        if not (bare[0].isupper() or (bare[0].isdigit() and word is not words[0])):
            return False
    return not (text.endswith(".") and not _ABBREV.search(words[-1]))


def is_plain_entry(key: str, speakers: frozenset[str]) -> bool:
    """``Tanggal: ...``, ``Tempat: ...``, or any key that is not a speaker of the file.

    ``speakers`` holds the normalised labels that speak in this file.
    """
    k, word = norm(key), first_word(key)
    return k in HEADER_KEYS or word in HEADER_KEYS or k not in speakers


def is_role_key(key: str) -> bool:
    """A key that is a role word (``Pewawancara``, ``Informan 2``), not a code or a name."""
    word = first_word(key)
    return word in INTERVIEWER_WORDS or word in RESPONDENT_WORDS


def is_named_role(key: str, value: str) -> bool:
    """A role word followed by a name: ``Pewawancara: Andi``, ``Informan: Pak Hadi``.

    Such a line is metadata when it stands among other header entries or its key never
    speaks again; otherwise it may be the first turn (``Peneliti: Oke``), which a name-like
    value cannot tell apart.
    """
    word = first_word(key)
    return (word in INTERVIEWER_WORDS or word in RESPONDENT_WORDS) and looks_like_name(value)
