"""Benchmark ``autocoder run`` against its own embedder, side by side, in one invocation.

    python benchmarks/run_benchmark.py --n 1000 --sizes 250,500,1000 --profile 100 \
        --json benchmarks/results/static.json
    python benchmarks/run_benchmark.py --n 100 --sizes 50 --embedder minilm \
        --json benchmarks/results/minilm.json

For every batch size it generates a batch (``make_batch.py``, nested: the first k files of a
bigger batch are the batch of k), then runs two fresh subprocesses one after the other:

``pipeline``  the full ``autocoder.run.run`` job into a new output folder, so the embedding
              cache (``.autocoder/embeddings.sqlite``) starts empty: a cold run. With
              ``--embedder`` an ``autocoder.yaml`` naming it is written there first.
``embedder``  the same embedder alone (loaded the way ``model_embedder`` loads it, no cache)
              encoding exactly the texts the run embedded (``segment_texts`` of the stored
              segments, in store order, in batches of 512 as ``suggest_project`` does).

Each reports wall and CPU time, segments per second and its own peak RSS (``VmHWM`` of
/proc/self/status, else ``ru_maxrss``; one process per measurement). The pipeline child also
reports where its time went (cumulative seconds of the main functions, by wrapping them in
the child only; no library code is changed). The ratio pipeline/embedder is printed; the
issue's budget is ratio <= 1.25. Memory growth is reported as the elasticity of peak RSS
with batch size (log growth of memory / log growth of batch; <= 1 means memory grows no
faster than the batch) and as a linear fit (MB fixed + MB per 1,000 segments).

``--profile K`` also runs the pipeline under cProfile on the batch of K transcripts and
writes the top functions (own time and cumulative) to the JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BATCH_SIZE = 512  # suggest_project's default batch size
INNER_ENCODE = "suggest: embedder encode (inner, cache misses)"
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
               "NUMEXPR_NUM_THREADS", "RAYON_NUM_THREADS")


# -- helpers ------------------------------------------------------------------------------

def _rss_mb() -> float:
    """Current resident set size of this process, MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _peak_mb() -> float:
    """Peak RSS of this process, MB.

    ``VmHWM`` where there is /proc: ``ru_maxrss`` survives ``execve`` on Linux, so a child
    forked from a big parent would report the parent's peak.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 / (1024 if sys.platform == "darwin" else 1)


def _cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class Timers:
    """Cumulative wall seconds and call counts per name."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    def wrap(self, owner: Any, attr: str, name: str) -> None:
        inner = getattr(owner, attr)

        def timed(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - t
                self.calls[name] += 1

        setattr(owner, attr, timed)

    def as_dict(self) -> dict[str, dict[str, float]]:
        return {k: {"s": round(v, 3), "calls": self.calls[k]}
                for k, v in sorted(self.seconds.items(), key=lambda kv: -kv[1])}


def _set_threads(n: int) -> None:
    for var in THREAD_VARS:
        os.environ[var] = str(n)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _limit_torch_threads(n: int) -> None:
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(n)


# -- children -----------------------------------------------------------------------------

def child_pipeline(args: argparse.Namespace) -> dict[str, Any]:
    t0, c0 = time.perf_counter(), _cpu_s()
    import autocoder.embed.base as embed_base
    import autocoder.run as run_mod
    import autocoder.suggest.model as model_mod
    from autocoder.ingest import transcript as transcript_mod
    from autocoder.store import ProjectStore
    from autocoder.suggest.classifier import CodeClassifier, LevelClassifier
    from autocoder.suggest.zeroshot import segment_texts

    import_s = time.perf_counter() - t0
    out = Path(args.out)
    if out.exists():
        raise SystemExit(f"{out} exists: the benchmark needs a fresh folder (cold cache)")
    out.mkdir(parents=True)
    if args.embedder:
        (out / "autocoder.yaml").write_text(f"embedder: {json.dumps(args.embedder)}\n",
                                            encoding="utf-8")

    timers = Timers()
    inner_embedders: list[Any] = []
    cached_embedders: list[Any] = []
    timers.wrap(run_mod, "load_model", "load_model")
    timers.wrap(run_mod, "ingest_files", "ingest (total)")
    timers.wrap(transcript_mod, "read_transcript", "ingest: read_transcript")
    import autocoder.ingest as ingest_pkg
    ingest_pkg.read_transcript = transcript_mod.read_transcript
    timers.wrap(sys.modules["autocoder.pipeline"], "segment_transcript",
                "ingest: segment_transcript")
    timers.wrap(ProjectStore, "add_transcript", "ingest: store.add_transcript")
    timers.wrap(run_mod, "suggest_project", "suggest (total)")
    timers.wrap(ProjectStore, "segments", "suggest: store.segments")
    timers.wrap(model_mod, "feature_frame", "suggest: feature_frame (normalise/lemmatise)")
    timers.wrap(model_mod, "code_prototypes", "suggest: code_prototypes")
    timers.wrap(embed_base.CachedEmbedder, "encode", "suggest: CachedEmbedder.encode (total)")
    timers.wrap(embed_base.EmbeddingCache, "get", "suggest: embedding cache get")
    timers.wrap(embed_base.EmbeddingCache, "put", "suggest: embedding cache put")
    timers.wrap(CodeClassifier, "predict_proba", "suggest: code classifier predict_proba")
    timers.wrap(LevelClassifier, "predict_proba", "suggest: level classifier predict_proba")
    timers.wrap(ProjectStore, "save_suggestions", "suggest: store.save_suggestions")
    timers.wrap(run_mod, "write_outputs", "write (total)")
    timers.wrap(ProjectStore, "effective_codings", "write: store.effective_codings")
    timers.wrap(run_mod, "rate_subjects", "write: rate_subjects")
    timers.wrap(run_mod, "segments_table", "write: segments_table")

    real_model_embedder = run_mod.model_embedder

    def model_embedder(*a: Any, **kw: Any) -> Any:
        t = time.perf_counter()
        emb = real_model_embedder(*a, **kw)
        timers.seconds["load embedder"] += time.perf_counter() - t
        timers.calls["load embedder"] += 1
        _limit_torch_threads(args.threads)
        cached_embedders.append(emb)
        target = getattr(emb, "inner", emb)
        inner_embedders.append(target)
        timers.wrap(target, "encode", INNER_ENCODE)
        return emb

    run_mod.model_embedder = model_embedder
    rss_before = _rss_mb()

    profiler = None
    if args.profile_out:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    t1, c1 = time.perf_counter(), _cpu_s()
    result = run_mod.run([args.batch], out, model_path=args.model_dir)
    run_s, run_cpu = time.perf_counter() - t1, _cpu_s() - c1
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile_out)
    peak = _peak_mb()

    stages = timers.as_dict()
    n = result.suggest.n_segments
    with ProjectStore(out) as store:
        segs = store.segments()
    texts = segment_texts([s["text"] for s in segs], [s["question"] for s in segs])
    Path(args.texts).write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    emb = inner_embedders[0] if inner_embedders else None
    misses = getattr(cached_embedders[0], "misses", None) if cached_embedders else None
    return {
        "kind": "pipeline",
        "transcripts": len(result.ingest.files),
        "failed": len(result.ingest.failed),
        "segments": n,
        "unique_texts": len(set(texts)),
        "embedder_cache_misses": misses,
        "embedder": getattr(emb, "name", None),
        "import_s": round(import_s, 3),
        "wall_s": round(run_s, 3),
        "cpu_s": round(run_cpu, 3),
        "segments_per_s": round(n / run_s, 1),
        "rss_before_mb": round(rss_before, 1),
        "peak_rss_mb": round(peak, 1),
        "stages": stages,
        "cpu_total_s": round(_cpu_s() - c0, 3),
    }


def child_embedder(args: argparse.Namespace) -> dict[str, Any]:
    t0 = time.perf_counter()
    import numpy as np

    from autocoder.embed import load_embedder
    from autocoder.errors import ModelError

    import_s = time.perf_counter() - t0
    texts: list[str] = json.loads(Path(args.texts).read_text(encoding="utf-8"))
    rss_before = _rss_mb()
    model_dir = Path(args.model_dir)
    t1, c1 = time.perf_counter(), _cpu_s()
    embedder = None
    for root in (model_dir, model_dir.parent):  # as service.model_embedder resolves it
        try:
            embedder = load_embedder(args.spec, base=root)
            break
        except ModelError:
            continue
    if embedder is None:
        embedder = load_embedder(args.spec)
    _limit_torch_threads(args.threads)
    load_s, load_cpu = time.perf_counter() - t1, _cpu_s() - c1
    t2, c2 = time.perf_counter(), _cpu_s()
    dim = 0
    for start in range(0, len(texts), BATCH_SIZE):
        vecs = embedder.encode(texts[start : start + BATCH_SIZE], kind="query")
        dim = int(np.asarray(vecs).shape[1])
    enc_s, enc_cpu = time.perf_counter() - t2, _cpu_s() - c2
    n = len(texts)
    return {
        "kind": "embedder",
        "embedder": embedder.name,
        "dim": dim,
        "segments": n,
        "import_s": round(import_s, 3),
        "load_s": round(load_s, 3),
        "encode_s": round(enc_s, 3),
        "wall_s": round(load_s + enc_s, 3),
        "cpu_s": round(load_cpu + enc_cpu, 3),
        "encode_cpu_s": round(enc_cpu, 3),
        "segments_per_s": round(n / enc_s, 1) if enc_s else None,
        "rss_before_mb": round(rss_before, 1),
        "peak_rss_mb": round(_peak_mb(), 1),
    }


# -- parent -------------------------------------------------------------------------------

def _spawn(argv: list[str], threads: int, nice: int) -> dict[str, Any]:
    env = dict(os.environ)
    for var in THREAD_VARS:
        env[var] = str(threads)
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    env.setdefault("HF_HUB_OFFLINE", "1")
    cmd = [sys.executable, str(Path(__file__).resolve()), *argv, "--threads", str(threads)]
    if nice:
        cmd = ["nice", "-n", str(nice), *cmd]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=REPO)
    if proc.returncode != 0:
        raise SystemExit(f"child failed ({' '.join(argv[:2])}):\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _elasticity(rows: list[dict[str, Any]], key: str) -> list[dict[str, float]]:
    out = []
    for a, b in zip(rows, rows[1:], strict=False):
        batch = b["segments"] / a["segments"]
        mem = b[key] / a[key]
        out.append({"from_segments": a["segments"], "to_segments": b["segments"],
                    "batch_growth": round(batch, 3), "memory_growth": round(mem, 3),
                    "elasticity": round(math.log(mem) / math.log(batch), 3) if batch > 1 else None})
    return out


def _linear_fit(xs: list[float], ys: list[float]) -> dict[str, float] | None:
    if len(xs) < 2:
        return None
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if not sxx:
        return None
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    icpt = my - slope * mx
    ss = sum((y - my) ** 2 for y in ys)
    res = sum((y - icpt - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    return {"intercept": round(icpt, 2), "per_1000_segments": round(slope * 1000, 3),
            "r2": round(1 - res / ss, 4) if ss else 1.0}


def _profile_summary(stats_file: Path, top: int = 25) -> dict[str, Any]:
    import pstats

    st = pstats.Stats(str(stats_file))
    total = st.total_tt  # type: ignore[attr-defined]
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in st.stats.items():  # type: ignore[attr-defined]
        short = file.split("site-packages/")[-1].split("/src/")[-1]
        rows.append({"function": f"{short}:{line}({func})", "calls": nc,
                     "own_s": round(tt, 3), "cum_s": round(ct, 3),
                     "own_share": round(tt / total, 4), "cum_share": round(ct / total, 4)})
    own = sorted(rows, key=lambda r: -r["own_s"])[:top]
    cum = sorted(rows, key=lambda r: -r["cum_s"])[:top * 2]
    return {"total_s": round(total, 3), "top_own": own, "top_cumulative": cum}


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.rjust(w) if j else c.ljust(w)
                       for j, (c, w) in enumerate(zip(r, widths, strict=True)))
             for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def parent(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from make_batch import make_batch

    from autocoder.suggest.service import DEFAULT_MODEL

    sizes = sorted({int(s) for s in args.sizes.split(",")} | {args.n}) if args.sizes else [args.n]
    model_dir = Path(args.model or DEFAULT_MODEL).resolve()
    meta = json.loads((model_dir / "model.json").read_text(encoding="utf-8"))
    spec = args.embedder or meta.get("embedder")
    if not spec:
        raise SystemExit(f"{model_dir} names no embedder: nothing to compare with")
    work = Path(args.workdir or tempfile.mkdtemp(prefix="autocoder-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"model {model_dir.name}, embedder {spec}, sizes {sizes}, threads {args.threads}, "
          f"workdir {work}", file=sys.stderr)
    runs = []
    try:
        for k in sizes:
            batch = work / f"batch_{k}"
            if batch.exists():
                shutil.rmtree(batch)
            make_batch(k, batch, seed=args.seed)
            out = work / f"out_{k}"
            if out.exists():
                shutil.rmtree(out)
            texts = work / f"texts_{k}.json"
            common = ["--model-dir", str(model_dir)]
            pipe = _spawn(["--child", "pipeline", "--batch", str(batch), "--out", str(out),
                           "--texts", str(texts), *common]
                          + (["--embedder", args.embedder] if args.embedder else []),
                          args.threads, args.nice)
            emb = _spawn(["--child", "embedder", "--texts", str(texts), "--spec", spec, *common],
                         args.threads, args.nice)
            row = {
                "transcripts": k,
                "segments": pipe["segments"],
                "pipeline": pipe,
                "embedder": emb,
                "ratio_wall": round(pipe["wall_s"] / emb["wall_s"], 2),
                "ratio_cpu": round(pipe["cpu_s"] / emb["cpu_s"], 2),
                "ratio_wall_encode_only": round(pipe["wall_s"] / emb["encode_s"], 2),
                "embedder_share_in_run": round(
                    pipe["stages"].get(INNER_ENCODE, {}).get("s", 0)
                    / pipe["wall_s"], 3),
            }
            runs.append(row)
            print(f"  {k} transcripts, {pipe['segments']} segments: pipeline {pipe['wall_s']:.1f}s "
                  f"({pipe['peak_rss_mb']:.0f} MB), embedder {emb['wall_s']:.1f}s "
                  f"({emb['peak_rss_mb']:.0f} MB), ratio {row['ratio_wall']}", file=sys.stderr)
            if not args.keep:
                shutil.rmtree(out, ignore_errors=True)
                shutil.rmtree(batch, ignore_errors=True)
                texts.unlink(missing_ok=True)
        profile = None
        if args.profile:
            batch = work / f"batch_profile_{args.profile}"
            make_batch(args.profile, batch, seed=args.seed)
            out = work / f"out_profile_{args.profile}"
            shutil.rmtree(out, ignore_errors=True)
            stats = work / "pipeline.pstats"
            pipe = _spawn(["--child", "pipeline", "--batch", str(batch), "--out", str(out),
                           "--texts", str(work / "texts_profile.json"),
                           "--model-dir", str(model_dir), "--profile-out", str(stats)]
                          + (["--embedder", args.embedder] if args.embedder else []),
                          args.threads, args.nice)
            profile = {"transcripts": args.profile, "segments": pipe["segments"],
                       "wall_s_under_cprofile": pipe["wall_s"], **_profile_summary(stats)}
            if not args.keep:
                shutil.rmtree(out, ignore_errors=True)
                shutil.rmtree(batch, ignore_errors=True)
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)

    pipe_rows = [{"segments": r["segments"], "peak": r["pipeline"]["peak_rss_mb"],
                  "marginal": r["pipeline"]["peak_rss_mb"] - r["pipeline"]["rss_before_mb"]}
                 for r in runs]
    report = {
        "benchmark": "autocoder run vs its embedder alone",
        "cold_cache": True,
        "command": " ".join(["python", "benchmarks/run_benchmark.py", *sys.argv[1:]]),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "threads": args.threads, "nice": args.nice},
        "model": model_dir.name,
        "embedder_spec": spec,
        "default_model": model_dir == Path(DEFAULT_MODEL).resolve(),
        "seed": args.seed,
        "budget_ratio": 1.25,
        "runs": runs,
        "memory_growth": {
            "peak_rss": _elasticity(pipe_rows, "peak"),
            "peak_minus_rss_before_run": _elasticity(pipe_rows, "marginal"),
            "linear_fit_peak_rss": _linear_fit([r["segments"] for r in pipe_rows],
                                               [r["peak"] for r in pipe_rows]),
        },
        "marginal": _marginal(runs),
        "profile": profile,
    }
    return report


def _marginal(runs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Seconds per 1,000 extra segments (slope over the batch sizes), fixed costs excluded."""
    if len(runs) < 2:
        return None
    xs = [r["segments"] for r in runs]
    out: dict[str, Any] = {}
    for clock, pkey, ekey in (("wall", "wall_s", "encode_s"), ("cpu", "cpu_s", "encode_cpu_s")):
        pipe = _linear_fit(xs, [r["pipeline"][pkey] for r in runs])
        emb = _linear_fit(xs, [r["embedder"][ekey] for r in runs])
        if not pipe or not emb:
            continue
        p, e = pipe["per_1000_segments"], emb["per_1000_segments"]
        out[clock] = {"pipeline_s_per_1000_segments": p, "pipeline_fixed_s": pipe["intercept"],
                      "embedder_s_per_1000_segments": e, "embedder_fixed_s": emb["intercept"],
                      "ratio": round(p / e, 2) if e > 0 else None}
    return out or None


def print_report(rep: dict[str, Any]) -> None:
    rows = [["transcripts", "segments", "pipeline s", "seg/s", "peak MB",
             "embedder s (load+enc)", "seg/s", "peak MB", "ratio wall", "ratio cpu",
             "emb share in run"]]
    for r in rep["runs"]:
        p, e = r["pipeline"], r["embedder"]
        rows.append([str(r["transcripts"]), str(r["segments"]), f"{p['wall_s']:.1f}",
                     f"{p['segments_per_s']:.0f}", f"{p['peak_rss_mb']:.0f}",
                     f"{e['load_s']:.1f}+{e['encode_s']:.1f}", f"{e['segments_per_s']:.0f}",
                     f"{e['peak_rss_mb']:.0f}", f"{r['ratio_wall']:.2f}", f"{r['ratio_cpu']:.2f}",
                     f"{r['embedder_share_in_run']:.0%}"])
    print(f"\nautocoder run vs embedder alone ({rep['embedder_spec']}, cold cache, "
          f"{rep['machine']['threads']} thread(s), {rep['machine']['cpus']} CPUs)")
    print(_table(rows))
    print(f"budget: ratio <= {rep['budget_ratio']}; seg/s of the embedder is encode only")
    last = rep["runs"][-1]["pipeline"]["stages"]
    wall = rep["runs"][-1]["pipeline"]["wall_s"]
    print(f"\nwhere the pipeline's time went (largest batch, {wall:.1f}s; nested names overlap):")
    for name, v in last.items():
        print(f"  {v['s']:8.2f}s  {v['s'] / wall:6.1%}  {name}")
    for clock, m in (rep.get("marginal") or {}).items():
        print(f"\nmarginal {clock} time (slope over batch sizes, fixed costs excluded): pipeline "
              f"{m['pipeline_s_per_1000_segments']} s per 1,000 segments "
              f"(+{m['pipeline_fixed_s']} s fixed), embedder encode "
              f"{m['embedder_s_per_1000_segments']} s per 1,000: "
              f"ratio {m['ratio']}")
    mg = rep["memory_growth"]
    if mg["peak_rss"]:
        print("\npeak RSS growth (memory growth / batch growth; "
              "elasticity <= 1: no faster than the batch):")
        for a, b in zip(mg["peak_rss"], mg["peak_minus_rss_before_run"], strict=True):
            print(f"  {a['from_segments']} -> {a['to_segments']} segments (x{a['batch_growth']}): "
                  f"peak x{a['memory_growth']} (elasticity {a['elasticity']}), above the "
                  f"pre-run RSS x{b['memory_growth']} (elasticity {b['elasticity']})")
        if mg["linear_fit_peak_rss"]:
            f = mg["linear_fit_peak_rss"]
            print(f"  linear fit: {f['intercept']} MB + {f['per_1000_segments']} MB per 1,000 "
                  f"segments (R^2 {f['r2']})")
    if rep.get("profile"):
        pr = rep["profile"]
        print(f"\ncProfile, {pr['transcripts']} transcripts ({pr['segments']} segments), "
              f"{pr['total_s']:.1f}s profiled; top own time:")
        for r in pr["top_own"][:15]:
            print(f"  {r['own_s']:7.2f}s {r['own_share']:6.1%}  {r['function']}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="transcripts in the largest batch")
    ap.add_argument("--sizes", default="", help="comma-separated batch sizes (--n is added)")
    ap.add_argument("--embedder", default=None,
                    help="embedder spec to use instead of the model's own (e.g. minilm)")
    ap.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--threads", type=int, default=1,
                    help="BLAS/torch threads in both children (default 1: same for both)")
    ap.add_argument("--nice", type=int, default=10, help="niceness of the children")
    ap.add_argument("--profile", type=int, default=0, metavar="K",
                    help="also profile the pipeline with cProfile on K transcripts")
    ap.add_argument("--json", type=Path, default=None, help="write the report here")
    ap.add_argument("--workdir", default=None, help="keep batches and outputs here")
    ap.add_argument("--keep", action="store_true", help="keep generated batches and outputs")
    # child-only options
    ap.add_argument("--child", choices=["pipeline", "embedder"], help=argparse.SUPPRESS)
    ap.add_argument("--batch", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("--texts", help=argparse.SUPPRESS)
    ap.add_argument("--spec", help=argparse.SUPPRESS)
    ap.add_argument("--model-dir", help=argparse.SUPPRESS)
    ap.add_argument("--profile-out", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        _set_threads(args.threads)
        fn = child_pipeline if args.child == "pipeline" else child_embedder
        print(json.dumps(fn(args)))
        return
    rep = parent(args)
    print_report(rep)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rep, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main(sys.argv[1:])
