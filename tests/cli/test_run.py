"""``autocoder run`` (the main job, with the shipped model, offline), ``train`` and ``evaluate``."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from threadpoolctl import threadpool_limits
from typer.testing import CliRunner

from autocoder.cli import app

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"
SUBJECTS = ["Konselor A", "Konselor E", "Konselor F", "Konselor K", "Konselor M", "Konselor N"]
INDICATORS = ["ASESMEN", "TEORI", "PROGRAM", "IMPLEMENTASI", "EVALUASI", "ETIKA", "PENELITIAN"]
runner = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def _one_thread() -> Iterator[None]:
    """Small sparse fits are fastest single-threaded (threads thrash on a busy machine)."""
    import autocoder.suggest.train  # noqa: F401 - load the BLAS/OpenMP libraries to limit

    with threadpool_limits(1):
        yield


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The samples run through the main job once (about 10 s); the folder and the output."""
    folder = tmp_path_factory.mktemp("run") / "out"
    result = runner.invoke(app, ["run", str(SAMPLES), "--out", str(folder)],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder, result.stdout


def test_run_writes_the_result_files(out: tuple[Path, str]) -> None:
    folder, output = out
    for name in ("segments.csv", "ratings.csv", "review_queue.csv", "autocoder.db"):
        assert (folder / name).is_file(), name
    assert "6 transcripts, 172 segments:" in " ".join(output.split())


def test_segments_csv_has_codes_confidence_and_status(out: tuple[Path, str]) -> None:
    segments = pd.read_csv(out[0] / "segments.csv", dtype=str, keep_default_na=False)
    assert list(segments.columns) == [
        "transcript", "subject", "segment_id", "turn", "speaker", "role", "line_start",
        "line_end", "question", "text", "codes", "levels", "confidence", "status",
    ]
    assert len(segments) == 172
    assert sorted(segments["subject"].unique()) == SUBJECTS
    assert set(segments["status"]) <= {"auto", "review", "human"}
    assert set(segments["status"]) == {"auto", "review"}  # nobody has reviewed yet
    assert (segments["codes"] != "").all()
    confidence = segments["confidence"].astype(float)
    assert confidence.between(0, 1).all()


def test_review_queue_holds_the_review_rows_least_confident_first(out: tuple[Path, str]) -> None:
    segments = pd.read_csv(out[0] / "segments.csv")
    queue = pd.read_csv(out[0] / "review_queue.csv")
    assert list(queue.columns) == list(segments.columns)
    assert set(queue["status"]) == {"review"}
    assert sorted(queue["segment_id"]) == sorted(segments.loc[segments["status"] == "review",
                                                               "segment_id"])
    assert queue["confidence"].is_monotonic_increasing


def test_ratings_csv_has_one_row_per_subject_and_indicator(out: tuple[Path, str]) -> None:
    ratings = pd.read_csv(out[0] / "ratings.csv")
    assert list(ratings.columns[:7]) == [
        "transcript", "subject", "indicator", "score", "n_evidence", "n_unreviewed", "category",
    ]
    assert len(ratings) == 6 * (7 + 1)
    for subject, rows in ratings.groupby("subject"):
        assert subject in SUBJECTS
        assert rows["indicator"].tolist() == [*INDICATORS, "OVERALL"]


def test_overall_categories_of_the_samples(out: tuple[Path, str]) -> None:
    ratings = pd.read_csv(out[0] / "ratings.csv")
    overall = ratings[ratings["indicator"] == "OVERALL"].set_index("subject")["category"]
    assert overall.to_dict() == {
        "Konselor A": "cukup baik",
        "Konselor E": "kurang baik",
        "Konselor F": "cukup baik",
        "Konselor K": "sangat baik",
        "Konselor M": "cukup baik",
        "Konselor N": "sangat baik",
    }
    for subject in SUBJECTS:
        assert subject in out[1]


def test_the_project_store_holds_every_suggestion(out: tuple[Path, str]) -> None:
    from autocoder.store import ProjectStore

    with ProjectStore(out[0]) as store:
        assert len(store.transcripts()) == 6
        assert len(store.suggestions()) == 172
        assert store.codings() == []


@pytest.fixture(scope="module")
def small_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Gold rows of the first six corpus transcripts (180 segments)."""
    gold = pd.read_csv(REPO / "data" / "corpus" / "gold.csv", dtype=str, keep_default_na=False)
    names = sorted(gold["transcript"].unique())[:6]
    path = tmp_path_factory.mktemp("train") / "small.csv"
    gold[gold["transcript"].isin(names)].to_csv(path, index=False)
    return path


def test_train_then_evaluate_as_json(small_csv: Path, tmp_path: Path) -> None:
    model_dir = tmp_path / "model"
    trained = runner.invoke(app, ["train", str(small_csv), "--out", str(model_dir),
                                  "--embedder", "none", "--folds", "2"], catch_exceptions=False)
    assert trained.exit_code == 0, trained.output
    assert sorted(p.name for p in model_dir.iterdir()) == [
        "codebook.yaml", "codes.skops", "levels.skops", "model.json",
    ]
    meta = json.loads((model_dir / "model.json").read_text(encoding="utf-8"))
    assert meta["embedder"] is None
    assert meta["training_data"]["n_segments"] == 180
    assert meta["cross_validation"]["folds"] == 2
    squeezed = "".join(trained.stdout.split())  # the console wraps and folds long paths
    assert "modelwrittento" + "".join(str(model_dir).split()) in squeezed

    gold = small_csv.parent / "eval.csv"
    pd.read_csv(SAMPLES / "gold.csv", dtype=str, keep_default_na=False).head(60).to_csv(
        gold, index=False)
    evaluated = runner.invoke(app, ["evaluate", str(gold), "--model", str(model_dir), "--json"],
                              catch_exceptions=False)
    assert evaluated.exit_code == 0, evaluated.output
    report = json.loads(evaluated.stdout)
    assert report["n_segments"] == 60
    assert 0 <= report["macro_f1"] <= 1
    assert [r["threshold"] for r in report["routing"]][:3] == [0.0, 0.05, 0.1]
    assert {"auto_share", "review_share", "precision", "n_auto"} <= set(report["routing"][0])
    assert [r["code"] for r in report["per_code"]] == [*INDICATORS, "LAIN"]


def test_run_with_a_missing_model_fails_with_a_message(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(SAMPLES / "konselor_A.txt"), "--out",
                                 str(tmp_path / "o"), "--model", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "no model.json" in " ".join(result.stderr.split())


def test_importing_the_cli_does_not_import_heavy_libraries() -> None:
    code = ("import autocoder.cli, sys; print(sorted(m for m in "
            "('torch','sentence_transformers','sklearn','spacy','pandas') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=REPO)
    assert done.stdout.strip() == "[]"
