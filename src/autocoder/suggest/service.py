"""Suggest codes for the segments of a project store, route them, and keep humans in charge."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from autocoder.codebook import Codebook, _bundled_config, load_codebook
from autocoder.config import Settings
from autocoder.embed import CachedEmbedder, Embedder, EmbeddingCache, load_embedder
from autocoder.errors import ModelError
from autocoder.store import ProjectStore, Suggestion
from autocoder.suggest.model import SuggestionModel

DEFAULT_MODEL = _bundled_config("autocoder-default", folder="models")
CACHE_FILE = Path(".autocoder") / "embeddings.sqlite"


def load_model(path: str | Path | None = None) -> SuggestionModel:
    """The model at ``path``, or the shipped default."""
    return SuggestionModel.load(path or DEFAULT_MODEL)


def model_codebook(path: str | Path | None = None) -> Codebook:
    """The codebook a model was trained on, read without loading its classifiers."""
    return load_codebook(Path(path or DEFAULT_MODEL) / "codebook.yaml")


def model_embedder(
    model: SuggestionModel, *, override: str | None = None, cache_dir: Path | None = None
) -> Embedder | None:
    """The embedder a model needs (resolved next to the model), cached under ``cache_dir``."""
    spec = override or model.embedder_spec
    if not spec:
        return None
    base = model.path or DEFAULT_MODEL  # a zero-shot model borrows the shipped embedder
    embedder: Embedder | None = None
    for root in [p for p in (base, base.parent if base else None) if p is not None]:
        try:
            embedder = load_embedder(spec, base=root)
            break
        except ModelError:
            continue
    if embedder is None:
        embedder = load_embedder(spec)
    if cache_dir is not None:
        return CachedEmbedder(embedder, EmbeddingCache(cache_dir / CACHE_FILE))
    return embedder


@dataclass
class SuggestReport:
    n_segments: int
    n_auto: int
    n_review: int
    n_human: int
    model: str


def suggest_project(
    store: ProjectStore,
    model: SuggestionModel,
    embedder: Embedder | None,
    settings: Settings | None = None,
    *,
    batch_size: int = 512,
    on_batch: Callable[[int], None] | None = None,
) -> SuggestReport:
    """Suggest codes for every current segment and route each to ``auto`` or ``review``.

    Suggestions are stored beside human codings, which always win and are never touched.
    """
    settings = settings or Settings()
    segments = store.segments()
    humans = {c["segment_uid"] for c in store.codings()}
    suggestions: list[Suggestion] = []
    for start in range(0, len(segments), batch_size):
        batch = segments[start : start + batch_size]
        preds = model.predict([s["text"] for s in batch], [s["question"] for s in batch], embedder)
        for seg, pred in zip(batch, preds, strict=False):
            status = model.route(
                pred,
                code_threshold=settings.routing.code_threshold,
                level_threshold=settings.routing.level_threshold,
            )
            suggestions.append(
                Suggestion(
                    segment_uid=seg["uid"],
                    codes=pred.codes,
                    levels=pred.levels,
                    confidence=pred.confidence,
                    level_confidence=pred.level_confidence,
                    status=status,
                    scores=pred.code_probs,  # type: ignore[arg-type]
                )
            )
        if on_batch:
            on_batch(len(batch))
    store.save_suggestions(model.name, suggestions)
    n_auto = sum(s.status == "auto" and s.segment_uid not in humans for s in suggestions)
    n_human = sum(s.segment_uid in humans for s in suggestions)
    return SuggestReport(
        len(suggestions), n_auto, len(suggestions) - n_auto - n_human, n_human, model.name
    )
