"""Indonesian text normalisation for lexical features (pure functions).

Uses spaCy's offline lookup tables from ``spacy-lookups-data``: lexeme norms for informal
spellings (``gak`` -> ``tidak``, ``yg`` -> ``yang``, ``udah`` -> ``sudah``) and lemmas
(``mengajarkan`` -> ``ajar``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from autocoder.records import strip_notes

TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)

#: Spoken forms the lookup tables miss, common in verbatim transcripts.
EXTRA_NORMS = {
    "nggak": "tidak",
    "ngga": "tidak",
    "enggak": "tidak",
    "gk": "tidak",
    "ga": "tidak",
    "mboten": "tidak",
    "ndak": "tidak",
    "nda": "tidak",
    "tak": "tidak",
    "udh": "sudah",
    "dah": "sudah",
    "wes": "sudah",
    "wis": "sudah",
    "sdh": "sudah",
    "blm": "belum",
    "krn": "karena",
    "soalnya": "karena",
    "dgn": "dengan",
    "utk": "untuk",
    "tdk": "tidak",
    "aja": "saja",
    "gimana": "bagaimana",
    "gitu": "begitu",
    "gini": "begini",
    "kayak": "seperti",
    "kaya": "seperti",
    "kek": "seperti",
    "bikin": "buat",
    "pake": "pakai",
    "kalo": "kalau",
    "klo": "kalau",
    "emang": "memang",
    "banget": "sekali",
    "bgt": "sekali",
    "anak-anak": "siswa",
    "murid": "siswa",
    "murid-murid": "siswa",
    "peserta": "siswa",
}


@lru_cache(maxsize=1)
def _tables() -> tuple[object, object]:
    from spacy.lookups import load_lookups

    lookups = load_lookups("id", ["lexeme_norm", "lemma_lookup"])
    return lookups.get_table("lexeme_norm"), lookups.get_table("lemma_lookup")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens of ``text`` without transcriber notes."""
    return TOKEN.findall(strip_notes(text).lower())


def normalise_tokens(words: list[str]) -> list[str]:
    """Informal spellings mapped to standard forms."""
    norms, _ = _tables()
    out = []
    for w in words:
        w = EXTRA_NORMS.get(w, w)
        out.append(norms.get(w, w))  # type: ignore[attr-defined]
    return out


def lemmatise_tokens(words: list[str]) -> list[str]:
    """Lemmas where the lookup table knows the word (``kebutuhan`` -> ``butuh``)."""
    _, lemmas = _tables()
    return [lemmas.get(w, w) for w in words]  # type: ignore[attr-defined]


def normalise(text: str) -> str:
    """Lower-cased, note-free text with informal spellings standardised."""
    return " ".join(normalise_tokens(tokens(text)))


def lemmatise(text: str) -> str:
    """Normalised text reduced to lemmas, for word n-grams."""
    return " ".join(lemmatise_tokens(normalise_tokens(tokens(text))))
