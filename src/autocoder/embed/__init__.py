"""Sentence embedders behind one small interface, with a cache keyed by model and text hash.

embedder = load_embedder("minilm")              # all-MiniLM-L6-v2 from the PyPI package
embedder = load_embedder("static:models/minilm-static")   # model2vec static model
embedder = load_embedder("intfloat/multilingual-e5-small")  # any sentence-transformers model
vectors = embedder.encode(["Saya pakai AKPD."])  # unit vectors, shape (n, dim)
"""

from autocoder.embed.base import CachedEmbedder, Embedder, EmbeddingCache
from autocoder.embed.loading import load_embedder

__all__ = ["CachedEmbedder", "Embedder", "EmbeddingCache", "load_embedder"]
