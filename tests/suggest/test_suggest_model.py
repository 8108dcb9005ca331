"""Training, saving and loading a suggestion model; refusing unsafe model files."""

from __future__ import annotations

import collections
import functools
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import skops.io as sio

from autocoder import __version__
from autocoder.codebook import Codebook
from autocoder.errors import ModelError
from autocoder.suggest.data import load_coded_segments
from autocoder.suggest.evaluate import Evaluation
from autocoder.suggest.model import SuggestionModel, zero_shot_model
from autocoder.suggest.train import data_hash
from embed.fake_encoder import HashEmbedder

REPO = Path(__file__).resolve().parents[2]
SAMPLES_GOLD = REPO / "data" / "samples" / "gold.csv"
SHIPPED_MODEL = REPO / "models" / "autocoder-default"


@pytest.fixture(scope="module")
def saved(
    trained: tuple[SuggestionModel, Evaluation], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The small trained model written to a folder (once: compressing takes seconds)."""
    return trained[0].save(tmp_path_factory.mktemp("models") / "m")


@pytest.fixture(scope="module")
def samples(codebook: Codebook) -> pd.DataFrame:
    return load_coded_segments([SAMPLES_GOLD], codebook).head(40)


def test_train_model_returns_a_trained_model_and_its_cross_validation(
    trained: tuple[SuggestionModel, Evaluation],
) -> None:
    model, cv = trained
    assert model.is_trained
    assert model.level_classifier is not None
    assert cv.n_segments == 363
    assert 0.5 < cv.macro_f1 <= 1
    assert len(cv.routing) == 21
    assert 0 <= model.code_threshold <= 1.01
    assert 0 <= model.level_threshold <= 1.01


def test_model_json_records_what_the_model_is(
    trained: tuple[SuggestionModel, Evaluation], saved: Path, corpus_slice: pd.DataFrame,
    codebook: Codebook,
) -> None:
    model, cv = trained
    assert sorted(p.name for p in saved.iterdir()) == [
        "codebook.yaml", "codes.skops", "levels.skops", "model.json",
    ]
    meta = json.loads((saved / "model.json").read_text(encoding="utf-8"))
    assert meta["format_version"] == 1
    assert meta["kind"] == "trained"
    assert meta["codebook"] == codebook.name
    assert meta["codes"] == codebook.ids
    assert meta["embedder"] is None
    assert meta["autocoder_version"] == __version__
    assert {"scikit-learn", "numpy", "scipy", "skops", "spacy"} <= set(meta["versions"])
    assert meta["training_data"]["n_segments"] == 363
    assert meta["training_data"]["n_transcripts"] == 12
    assert meta["training_data"]["sha256"] == data_hash(corpus_slice)
    assert len(meta["training_data"]["sha256"]) == 64
    assert meta["thresholds"] == {"code": model.code_threshold, "level": model.level_threshold}
    scores = meta["cross_validation"]
    assert scores["folds"] == 3
    assert scores["split"] == "GroupKFold by transcript"
    assert scores["target_precision"] == 0.9
    assert scores["macro_f1"] == cv.macro_f1
    assert [r["code"] for r in scores["per_code"]] == codebook.ids
    assert len(scores["routing"]) == len(scores["level_routing"]) == 21


def test_save_and_load_give_identical_predictions(
    trained: tuple[SuggestionModel, Evaluation], saved: Path, samples: pd.DataFrame
) -> None:
    model, _ = trained
    loaded = SuggestionModel.load(saved)
    assert loaded.path == saved
    assert loaded.name == "m"
    assert loaded.codebook == model.codebook
    assert loaded.set_calibrator == model.set_calibrator
    assert loaded.level_calibrator == model.level_calibrator
    before = model.predict(samples["text"].tolist(), samples["question"].tolist(), None)
    after = loaded.predict(samples["text"].tolist(), samples["question"].tolist(), None)
    assert after == before
    assert [loaded.route(p) for p in after] == [model.route(p) for p in before]


def test_data_hash_ignores_row_order(corpus_slice: pd.DataFrame) -> None:
    shuffled = corpus_slice.sample(frac=1, random_state=0)
    assert data_hash(shuffled) == data_hash(corpus_slice)
    assert data_hash(corpus_slice.head(10)) != data_hash(corpus_slice)


class SneakyDict(collections.OrderedDict):
    """A type from outside the allow-list (it lives in this test module)."""


@pytest.mark.parametrize(
    ("payload", "refused"),
    [
        (SneakyDict(a=1), "SneakyDict"),
        (functools.partial(print, "hello"), "functools.partial"),
        ({"call": eval}, "builtins.eval"),
    ],
    ids=["test-module-class", "functools-partial", "builtins-eval"],
)
def test_a_model_file_with_an_unexpected_type_is_refused(
    payload: object, refused: str, tmp_path: Path
) -> None:
    model_dir = tmp_path / "tampered"
    model_dir.mkdir()
    for name in ("model.json", "codebook.yaml"):
        shutil.copy(SHIPPED_MODEL / name, model_dir / name)
    sio.dump(payload, model_dir / "codes.skops")
    with pytest.raises(ModelError, match="refusing to load unexpected types") as info:
        SuggestionModel.load(model_dir)
    assert refused in str(info.value)
    assert "codes.skops" in str(info.value)


def test_a_folder_without_model_json_is_not_a_model(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no model.json.*autocoder train"):
        SuggestionModel.load(tmp_path)


def test_an_unknown_format_version_is_refused(tmp_path: Path) -> None:
    (tmp_path / "model.json").write_text(json.dumps({"format_version": 99}))
    with pytest.raises(ModelError, match="model format 99 is not supported"):
        SuggestionModel.load(tmp_path)


def test_a_zero_shot_model_sends_everything_to_review(
    codebook: Codebook, fake: HashEmbedder, samples: pd.DataFrame
) -> None:
    model = zero_shot_model(codebook, "fake-hash")
    assert not model.is_trained
    preds = model.predict(samples["text"].tolist(), samples["question"].tolist(), fake)
    assert len(preds) == 40
    assert {model.route(p) for p in preds} == {"review"}
    for p in preds:
        assert p.codes and set(p.codes) <= set(codebook.ids)
        assert sum(p.code_probs.values()) == pytest.approx(1, rel=1e-5)
        evidence = [c for c in p.codes if c != codebook.none_id]
        assert sorted(p.levels) == sorted(evidence)
        assert set(p.levels.values()) <= {1, 2, 3}
    # even a perfect confidence goes to review under the zero-shot thresholds
    assert model.route(preds[0].__class__(("ASESMEN",), {"ASESMEN": 2}, {}, 1.0, 1.0)) == "review"


def test_a_zero_shot_model_needs_an_embedder(codebook: Codebook) -> None:
    with pytest.raises(ModelError, match="needs an embedder"):
        zero_shot_model(codebook, "fake-hash").predict(["Saya pakai AKPD."], [""], None)


def test_predicting_nothing_returns_nothing(trained: tuple[SuggestionModel, Evaluation]) -> None:
    assert trained[0].predict([], [], None) == []


def test_route_needs_both_confidences_to_clear_their_thresholds(
    trained: tuple[SuggestionModel, Evaluation],
) -> None:
    model, _ = trained
    pred = model.predict(["Saya pakai AKPD di awal tahun untuk asesmen kebutuhan."], [""], None)[0]
    assert model.route(pred, code_threshold=0.0, level_threshold=0.0) == "auto"
    assert model.route(pred, code_threshold=np.nextafter(pred.confidence, 2), level_threshold=0.0) \
        == "review"
    if pred.level_confidence is not None:
        assert model.route(pred, code_threshold=0.0,
                           level_threshold=np.nextafter(pred.level_confidence, 2)) == "review"
