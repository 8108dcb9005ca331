"""The embedding cache: each (model, kind, text) is encoded once, ever."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from fake_encoder import HashEmbedder

from autocoder.embed import CachedEmbedder, Embedder, EmbeddingCache


def test_fake_encoder_gives_unit_vectors_and_is_deterministic(fake: HashEmbedder) -> None:
    a = fake.encode(["Saya pakai AKPD.", "Observasi di kelas."])
    b = HashEmbedder().encode(["Saya pakai AKPD.", "Observasi di kelas."])
    assert a.shape == (2, 256)
    assert a.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), [1.0, 1.0], rtol=1e-6)
    np.testing.assert_array_equal(a, b)
    assert isinstance(fake, Embedder)


def test_second_encode_of_the_same_texts_never_calls_the_inner_embedder(
    fake: HashEmbedder, tmp_path: Path
) -> None:
    cached = CachedEmbedder(fake, EmbeddingCache(tmp_path / "cache.sqlite"))
    texts = ["Saya pakai AKPD.", "Observasi di kelas.", "Saya pakai AKPD."]

    first = cached.encode(texts)
    assert fake.calls == [("passage", ["Saya pakai AKPD.", "Observasi di kelas."])]
    assert cached.misses == 2

    second = cached.encode(texts)
    assert len(fake.calls) == 1  # nothing new was encoded
    assert cached.misses == 2
    np.testing.assert_array_equal(first, second)
    np.testing.assert_array_equal(first, fake.encode(texts))


def test_only_new_texts_reach_the_inner_embedder(fake: HashEmbedder, tmp_path: Path) -> None:
    cached = CachedEmbedder(fake, EmbeddingCache(tmp_path / "cache.sqlite"))
    cached.encode(["satu", "dua"])
    cached.encode(["dua", "tiga"])
    assert fake.calls == [("passage", ["satu", "dua"]), ("passage", ["tiga"])]


def test_query_and_passage_are_different_keys(fake: HashEmbedder, tmp_path: Path) -> None:
    cached = CachedEmbedder(fake, EmbeddingCache(tmp_path / "cache.sqlite"))
    cached.encode(["Saya pakai AKPD."], kind="query")
    cached.encode(["Saya pakai AKPD."], kind="passage")
    cached.encode(["Saya pakai AKPD."], kind="query")
    assert fake.calls == [("query", ["Saya pakai AKPD."]), ("passage", ["Saya pakai AKPD."])]


def test_cache_persists_across_instances(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "cache.sqlite"
    first_inner = HashEmbedder()
    first = CachedEmbedder(first_inner, EmbeddingCache(path))
    vectors = first.encode(["Saya pakai AKPD.", "Observasi di kelas."])
    first.cache.close()

    second_inner = HashEmbedder()
    second = CachedEmbedder(second_inner, EmbeddingCache(path))
    np.testing.assert_array_equal(second.encode(["Observasi di kelas."]), vectors[1:])
    assert second_inner.calls == []


def test_cache_keys_include_the_model_name(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    CachedEmbedder(HashEmbedder(name="model-a"), cache).encode(["Saya pakai AKPD."])
    other = HashEmbedder(dim=32, name="model-b")
    out = CachedEmbedder(other, cache).encode(["Saya pakai AKPD."])
    assert out.shape == (1, 32)
    assert len(other.calls) == 1


def test_encoding_nothing_returns_an_empty_array(fake: HashEmbedder, tmp_path: Path) -> None:
    cached = CachedEmbedder(fake, EmbeddingCache(tmp_path / "cache.sqlite"))
    assert cached.encode([]).shape[0] == 0
    assert fake.calls == []
