"""Zero-shot suggestions from codebook prototypes, with the fake encoder."""

from __future__ import annotations

import numpy as np

from autocoder.codebook import Codebook
from autocoder.suggest.zeroshot import (
    code_prototypes,
    level_prototypes,
    segment_texts,
    softmax,
    zero_shot_probabilities,
)
from embed.fake_encoder import HashEmbedder


def test_code_prototypes_are_one_unit_vector_per_code(
    codebook: Codebook, fake: HashEmbedder
) -> None:
    protos = code_prototypes(codebook, fake)
    assert protos.shape == (8, 256)
    np.testing.assert_allclose(np.linalg.norm(protos, axis=1), np.ones(8), rtol=1e-5)
    assert {kind for kind, _ in fake.calls} == {"passage"}


def test_level_prototypes_are_one_vector_per_level(codebook: Codebook, fake: HashEmbedder) -> None:
    assert level_prototypes(codebook, fake).shape == (3, 256)


def test_probabilities_have_one_column_per_code_and_rows_sum_to_one(
    codebook: Codebook, fake: HashEmbedder
) -> None:
    vectors = fake.encode(["Saya pakai AKPD di awal tahun.", "Terima kasih, Bu.", "Rapat program."])
    probs = zero_shot_probabilities(vectors, code_prototypes(codebook, fake))
    assert probs.shape == (3, 8)
    assert ((probs >= 0) & (probs <= 1)).all()
    np.testing.assert_allclose(probs.sum(axis=1), np.ones(3), rtol=1e-6)


def test_a_segment_equal_to_a_code_example_scores_that_code_highest(
    codebook: Codebook, fake: HashEmbedder
) -> None:
    protos = code_prototypes(codebook, fake)
    examples = [code.prototype_texts()[-1] for code in codebook.codes]
    probs = zero_shot_probabilities(fake.encode(examples, kind="query"), protos)
    assert [codebook.ids[i] for i in probs.argmax(axis=1)] == codebook.ids


def test_softmax_is_sharper_at_lower_temperature() -> None:
    scores = np.array([[0.5, 0.4]])
    np.testing.assert_allclose(softmax(scores, temperature=1.0), [[0.52498, 0.47502]], rtol=1e-4)
    np.testing.assert_allclose(softmax(scores, temperature=0.05), [[0.88080, 0.11920]], rtol=1e-4)


def test_segment_text_adds_the_question_as_context() -> None:
    assert segment_texts(["Pakai AKPD.", "Iya."], ["Bagaimana asesmennya?", ""]) == [
        "Pakai AKPD. (Pertanyaan: Bagaimana asesmennya?)",
        "Iya.",
    ]
