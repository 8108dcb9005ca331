"""Decide who is the interviewer: from the labels, else from who asks the questions."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from autocoder.ingest.labels import first_word
from autocoder.ingest.model import RawTurn
from autocoder.ingest.vocab import (
    INTERVIEWER_CODES,
    INTERVIEWER_WORDS,
    QUESTION_WORDS,
    RESPONDENT_CODES,
    RESPONDENT_WORDS,
    TITLE_WORDS,
    norm,
)
from autocoder.records import Role

_WORD = re.compile(r"[^\W\d_]+")
_TRAILING_NUMBER = re.compile(r"[ \t]*\d+$")


def role_from_label(label: str, *, titles: bool = True) -> Role | None:
    """The role a label names (``P``, ``Peneliti``, ``Bu Rina`` ...), or ``None`` if unknown.

    With ``titles=False`` a title and a name (``Bu Rina``, ``Dr. Haryanto``) names no role:
    interviewers carry titles too, so who asks the questions decides.

    >>> role_from_label("Pewawancara"), role_from_label("Konselor A"), role_from_label("Rina")
    ('interviewer', 'respondent', None)
    """
    key = norm(label)
    code = _TRAILING_NUMBER.sub("", key)
    word = first_word(label)
    if code in INTERVIEWER_CODES or word in INTERVIEWER_WORDS:
        return "interviewer"
    titled = titles and word in TITLE_WORDS and " " in key
    if code in RESPONDENT_CODES or word in RESPONDENT_WORDS or titled:
        return "respondent"
    return None


def question_score(texts: Sequence[str]) -> float:
    """Share of ``texts`` that end in ``?`` plus share that use a question word, halved."""
    if not texts:
        return 0.0
    asks = sum(1 for t in texts if t.rstrip(" .)]").endswith("?"))
    words = 0
    for text in texts:
        lowered = text.casefold()
        tokens = set(_WORD.findall(lowered[:400]))
        if tokens & QUESTION_WORDS or "seperti apa" in lowered:
            words += 1
    return (asks + words) / (2 * len(texts))


def assign_roles(
    turns: Sequence[RawTurn], overrides: Mapping[str, str] | None = None
) -> dict[str, Role]:
    """Map each normalised speaker label to its role.

    Known labels decide; unknown labels become respondents once someone is the interviewer.
    When the labels name no interviewer (or only interviewers), the speaker who asks most
    (questions marks, question words; ties go to the first speaker) is the interviewer and
    everybody else a respondent. ``overrides`` (label -> role, any case) win over both.
    """
    order: list[str] = []
    texts: dict[str, list[str]] = defaultdict(list)
    for turn in turns:
        key = norm(turn.speaker)
        if key not in texts:
            order.append(key)
        texts[key].append(turn.text)
    forced: dict[str, Role] = {norm(k): v for k, v in (overrides or {}).items()}  # type: ignore[misc]
    known: dict[str, Role | None] = {
        k: forced.get(k) or role_from_label(k, titles=False) for k in order
    }
    roles = set(known.values())
    if "interviewer" in roles and (None in roles or "respondent" in roles or len(order) == 1):
        return {k: r or "respondent" for k, r in known.items()}
    if "respondent" in roles and None in roles:
        unknown = [k for k in order if known[k] is None]
        asker = _most_questions(unknown, texts)
        return {k: r or ("interviewer" if k == asker else "respondent") for k, r in known.items()}
    if len(order) == 1:
        return {order[0]: known[order[0]] or "respondent"}
    candidates = [k for k in order if k not in forced] or order
    asker = _most_questions(candidates, texts)
    return {k: forced.get(k) or ("interviewer" if k == asker else "respondent") for k in order}


def _most_questions(keys: Sequence[str], texts: Mapping[str, Sequence[str]]) -> str:
    """The key whose texts ask most; the earliest key wins ties."""
    return max(keys, key=lambda k: (question_score(texts[k]), -keys.index(k)))
