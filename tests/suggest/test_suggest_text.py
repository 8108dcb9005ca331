"""Indonesian text normalisation for the lexical features."""

from __future__ import annotations

import pytest

from autocoder.suggest.text import lemmatise, normalise, tokens


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Gak tau, Mas.", "tidak tau mas"),
        ("Yg penting anak2 ngerti", "yang penting anak2 ngerti"),
        ("Kita udah bikin RPL (tertawa) tapi blm dievaluasi",
         "kita sudah buat rpl tapi belum dievaluasi"),
        ("Saya pakai AKPD [batuk] di awal tahun ajaran", "saya pakai akpd di awal tahun ajaran"),
        ("Konseling kelompok, anak-anak senang", "konseling kelompok siswa senang"),
        ("Capek banget, nggak sempat", "capek sekali tidak sempat"),
    ],
)
def test_normalise_standardises_informal_spellings_and_drops_notes(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_tokens_are_lower_cased_words_without_transcriber_notes() -> None:
    assert tokens("Kita udah bikin RPL (tertawa), anak-anak senang!") == [
        "kita", "udah", "bikin", "rpl", "anak-anak", "senang",
    ]


def test_lemmatise_reduces_known_words_to_their_lemma() -> None:
    assert lemmatise("Mengajarkan kebutuhan siswa") == "ajar butuh siswa"
    assert lemmatise("Saya mengajarkan...") == "saya ajar"


def test_empty_text_normalises_to_empty() -> None:
    assert normalise("") == ""
    assert normalise("(tertawa)") == ""
