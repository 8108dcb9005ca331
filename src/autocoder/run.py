"""The main job: ingest, segment, suggest, route and rate in one go, writing the result files."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from autocoder import records
from autocoder.codebook import Codebook, load_codebook
from autocoder.config import Settings, load_settings
from autocoder.errors import ModelError
from autocoder.pipeline import IngestReport, find_transcript_files, ingest_files
from autocoder.ratings import Rating, load_rubric, rate_subjects
from autocoder.store import ProjectStore
from autocoder.suggest.model import SuggestionModel, zero_shot_model
from autocoder.suggest.service import SuggestReport, load_model, model_embedder, suggest_project

SEGMENT_COLUMNS = [*records.SEGMENT_COLUMNS, "codes", "levels", "confidence", "status"]
RATING_COLUMNS = [
    "transcript",
    "subject",
    "indicator",
    "score",
    "n_evidence",
    "n_unreviewed",
    "category",
    "segments",
]


@dataclass
class RunResult:
    ingest: IngestReport
    suggest: SuggestReport
    ratings: list[Rating]
    segments: pd.DataFrame
    out: Path


def segments_table(rows: list[dict], codebook: Codebook) -> pd.DataFrame:
    """The ``segments.csv`` table from effective codings (humans win)."""
    order = {c: i for i, c in enumerate(codebook.ids)}
    table = []
    for r in rows:
        codes = sorted(r["codes"], key=lambda c: order.get(c, 99))
        table.append(
            {
                **{k: r[k] for k in records.SEGMENT_COLUMNS},
                "codes": ";".join(codes),
                "levels": ";".join(str(r["levels"][c]) for c in codes if c in r["levels"]),
                "confidence": None if r["confidence"] is None else round(r["confidence"], 3),
                "status": r["status"],
            }
        )
    return pd.DataFrame(table, columns=SEGMENT_COLUMNS)


def write_outputs(
    store: ProjectStore, out: Path, codebook: Codebook, settings: Settings
) -> tuple[pd.DataFrame, list[Rating]]:
    """Write segments.csv, ratings.csv and review_queue.csv from the store."""
    rows = store.effective_codings()
    table = segments_table(rows, codebook)
    table.to_csv(out / "segments.csv", index=False)
    table[table["status"] == "review"].sort_values("confidence").to_csv(
        out / "review_queue.csv", index=False
    )
    ratings = rate_subjects(rows, codebook, load_rubric(settings.rubric))
    pd.DataFrame([r.as_row() for r in ratings], columns=RATING_COLUMNS).to_csv(
        out / "ratings.csv", index=False
    )
    return table, ratings


def model_for_codebook(
    model_path: str | Path | None, settings: Settings
) -> tuple[SuggestionModel, Codebook]:
    """The trained model, or a zero-shot model when the project's codebook is not the one
    the model was trained on (a new codebook gets suggestions on day one, all for review)."""
    model = load_model(model_path)
    codebook = load_codebook(settings.codebook) if settings.codebook else model.codebook
    if codebook.ids == model.codebook.ids:
        return model, codebook
    if model_path is not None:
        raise ModelError(
            f"the model {model_path} was trained on codes {model.codebook.ids}, "
            f"but the codebook has {codebook.ids}: retrain with `autocoder train`"
        )
    warnings.warn(
        "the codebook's codes differ from the shipped model's: using zero-shot suggestions from "
        "the codebook (all sent to review); train a model with `autocoder train` "
        "once you have codings",
        stacklevel=2,
    )
    return zero_shot_model(codebook, model.embedder_spec or "minilm"), codebook


def run(
    paths: Iterable[str | Path],
    out: str | Path,
    *,
    model_path: str | Path | None = None,
    settings: Settings | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> RunResult:
    """Ingest ``paths`` into the project at ``out`` and suggest, route and rate everything.

    ``progress(stage, done, total)`` is called as work advances.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    settings = settings or load_settings(out)
    tick = progress or (lambda _s, _d, _t: None)
    model, codebook = model_for_codebook(model_path or settings.model, settings)
    files = list(find_transcript_files(paths))
    with ProjectStore(out) as store:
        done = 0

        def file_done(_result: object) -> None:
            nonlocal done
            done += 1
            tick("ingest", done, len(files))

        report = ingest_files(files, store, settings, on_file=file_done)
        embedder = model_embedder(model, override=settings.embedder, cache_dir=out)
        total = len(store.segments())
        coded = 0

        def batch_done(n: int) -> None:
            nonlocal coded
            coded += n
            tick("suggest", coded, total)

        suggest = suggest_project(store, model, embedder, settings, on_batch=batch_done)
        table, ratings = write_outputs(store, out, codebook, settings)
    return RunResult(report, suggest, ratings, table, out)
