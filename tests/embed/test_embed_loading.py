"""Loading embedders from specs: the shipped static model and sentence-transformers (faked)."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import numpy as np
import pytest

from autocoder.embed import load_embedder
from autocoder.embed.loading import SentenceTransformerEmbedder, StaticEmbedder
from autocoder.errors import ModelError

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "models" / "autocoder-default"


def test_static_embedder_loads_the_shipped_folder_and_returns_unit_vectors() -> None:
    emb = load_embedder("static:embedder", base=SHIPPED)
    assert isinstance(emb, StaticEmbedder)
    assert emb.name == "static:embedder"
    vectors = emb.encode(["Saya pakai AKPD di awal tahun.", "Terima kasih, Bu."])
    assert vectors.shape == (2, 128)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), [1.0, 1.0], rtol=1e-5)
    assert emb.encode([]).shape == (0, 128)


def test_a_model2vec_folder_is_recognised_without_the_static_prefix() -> None:
    assert isinstance(load_embedder(str(SHIPPED / "embedder")), StaticEmbedder)


def test_a_missing_static_folder_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="static embedder not found"):
        load_embedder(f"static:{tmp_path / 'nope'}")


class FakeSentenceTransformer:
    """Stands in for sentence_transformers.SentenceTransformer; records what it encodes."""

    instances: list[FakeSentenceTransformer] = []

    def __init__(self, name: str, **kwargs: object) -> None:
        self.name = name
        self.kwargs = kwargs
        self.encoded: list[list[str]] = []
        FakeSentenceTransformer.instances.append(self)

    def encode(self, texts: list[str], **kwargs: object) -> np.ndarray:
        self.encoded.append(list(texts))
        return np.eye(len(texts), 4, dtype=np.float32)


@pytest.fixture
def fake_st(monkeypatch: pytest.MonkeyPatch) -> type[FakeSentenceTransformer]:
    module = types.ModuleType("sentence_transformers")
    module.SentenceTransformer = FakeSentenceTransformer  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sentence_transformers", module)
    FakeSentenceTransformer.instances = []
    return FakeSentenceTransformer


def test_e5_models_get_query_and_passage_prefixes(fake_st: type[FakeSentenceTransformer]) -> None:
    emb = load_embedder("intfloat/multilingual-e5-small")
    assert isinstance(emb, SentenceTransformerEmbedder)
    emb.encode(["Saya pakai AKPD."], kind="query")
    emb.encode(["Asesmen kebutuhan siswa."], kind="passage")
    assert fake_st.instances[0].encoded == [
        ["query: Saya pakai AKPD."],
        ["passage: Asesmen kebutuhan siswa."],
    ]


def test_other_models_get_no_prefix(fake_st: type[FakeSentenceTransformer]) -> None:
    emb = load_embedder("sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2")
    emb.encode(["Saya pakai AKPD."], kind="query")
    assert fake_st.instances[0].encoded == [["Saya pakai AKPD."]]


def test_hub_names_load_from_the_local_cache_only_when_offline(
    fake_st: type[FakeSentenceTransformer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    load_embedder("intfloat/multilingual-e5-small")
    assert fake_st.instances[0].kwargs["local_files_only"] is True


def test_missing_sentence_transformers_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(ModelError, match=r"pip install 'autocoder\[transformers\]'"):
        load_embedder("intfloat/multilingual-e5-small")
