"""benchmarks/: batch generation and a tiny smoke run of the benchmark (no timing checks)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "benchmarks"


@pytest.fixture(scope="module")
def make_batch():  # noqa: ANN201 - a module
    sys.path.insert(0, str(BENCH))
    try:
        import make_batch as module
    finally:
        sys.path.remove(str(BENCH))
    return module


def test_batch_is_deterministic_and_nested(make_batch, tmp_path: Path) -> None:
    a = make_batch.make_batch(4, tmp_path / "a", seed=3)
    b = make_batch.make_batch(2, tmp_path / "b", seed=3)
    c = make_batch.make_batch(2, tmp_path / "c", seed=4)
    assert [p.read_bytes() for p in a[:2]] == [p.read_bytes() for p in b]
    assert [p.read_bytes() for p in b] != [p.read_bytes() for p in c]
    assert all(p.suffix == ".txt" for p in a)


def test_generated_docs_recombine_the_corpus(make_batch) -> None:
    docs = [make_batch.make_doc(i, seed=0) for i in range(20)]
    assert {d["layout"] for d in docs} <= set(make_batch.TEXT_LAYOUTS)
    answers = [t["r"] for d in docs for t in d["turns"] if "r" in t]
    assert 20 * 21 <= len(answers) <= 20 * 27
    assert len(set(answers)) > 0.9 * len(answers)  # recombined: almost no verbatim repeats


def test_generated_transcripts_ingest(make_batch, tmp_path: Path) -> None:
    from autocoder.ingest import read_transcript

    for path in make_batch.make_batch(6, tmp_path, seed=1):
        t = read_transcript(path)
        respondent = [x for x in t.turns if x.role == "respondent"]
        assert 21 <= len(respondent) <= 27, path.name


@pytest.mark.slow
def test_benchmark_smoke_run(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(BENCH / "run_benchmark.py"),
            "--n",
            "5",
            "--sizes",
            "3",
            "--json",
            str(out),
            "--workdir",
            str(tmp_path / "work"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    rep = json.loads(out.read_text(encoding="utf-8"))
    assert rep["cold_cache"] is True
    assert {"runs", "memory_growth", "marginal", "embedder_spec", "machine"} <= set(rep)
    assert [r["transcripts"] for r in rep["runs"]] == [3, 5]
    for r in rep["runs"]:
        assert {"pipeline", "embedder", "ratio_wall", "ratio_cpu", "segments"} <= set(r)
        p, e = r["pipeline"], r["embedder"]
        assert p["failed"] == 0 and p["segments"] == e["segments"] > 0
        for key in ("wall_s", "cpu_s", "segments_per_s", "peak_rss_mb"):
            assert p[key] > 0 and e[key] > 0
        assert p["embedder_cache_misses"] >= p["segments"] * 0.9  # cold: (almost) all encoded
        assert "ingest (total)" in p["stages"]
    assert rep["memory_growth"]["peak_rss"][0]["elasticity"] is not None
    assert "autocoder run vs embedder alone" in proc.stdout
