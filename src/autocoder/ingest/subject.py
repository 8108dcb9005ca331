"""Who is interviewed: from the header, else the respondent's name label, else the file name."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from autocoder.ingest.labels import first_word, is_code
from autocoder.ingest.model import RawTurn
from autocoder.ingest.vocab import (
    INTERVIEWER_WORDS,
    RESPONDENT_WORDS,
    SUBJECT_KEYS,
    TITLE_WORDS,
    norm,
)
from autocoder.records import Role

_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def label_is_name(label: str) -> bool:
    """``Bu Rina`` and ``Joko`` are names; ``K``, ``R1``, ``Informan 1``, ``Guru BK`` are not."""
    key = norm(label)
    if not key or is_code(label):
        return False
    word = first_word(label)
    if word in TITLE_WORDS:
        return " " in key
    return word not in INTERVIEWER_WORDS and word not in RESPONDENT_WORDS


def subject_from_header(metadata: Mapping[str, str]) -> str | None:
    """The value of the most specific subject key (``Subjek``, ``Responden`` ... ``Nama``).

    A trailing note in brackets is dropped: ``Bu Rina (guru BK)`` -> ``Bu Rina``.
    """
    by_key = {}
    for key, value in metadata.items():
        name = _TRAILING_NOTE.sub("", value).strip() or value.strip()
        if name:
            by_key.setdefault(norm(key), name)
    return next((by_key[k] for k in SUBJECT_KEYS if k in by_key), None)


def choose_subject(
    metadata: Mapping[str, str],
    turns: Sequence[RawTurn],
    roles: Mapping[str, Role],
    stem: str,
) -> str:
    """Header subject, else the most talkative respondent's label if it is a name, else ``stem``."""
    from_header = subject_from_header(metadata)
    if from_header:
        return from_header
    counts = Counter(t.speaker.strip() for t in turns if roles.get(norm(t.speaker)) == "respondent")
    if counts:
        label, _ = counts.most_common(1)[0]
        if label_is_name(label):
            return label
    return stem
