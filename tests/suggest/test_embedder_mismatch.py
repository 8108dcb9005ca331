"""A model refuses an embedder whose vectors differ from the ones it was trained on."""

import numpy as np
import pytest

from autocoder.errors import ModelError
from autocoder.suggest.service import load_model


class Wide:
    name = "wide"

    def encode(self, texts, *, kind="passage"):
        v = np.ones((len(texts), 384), dtype=np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_shipped_model_refuses_vectors_of_another_size():
    model = load_model()
    assert model.meta["embedding_dim"] == 128
    with pytest.raises(ModelError, match="128-dimensional.*gives 384.*retrain"):
        model.predict(["Saya pakai AKPD."], ["Asesmen?"], Wide())
