"""``autocoder train``, ``autocoder evaluate`` and ``autocoder models ...``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from autocoder.cli._util import CodebookOpt, app, console, err_console, handle_errors

models_app = typer.Typer(help="Manage embedding models for offline use.", no_args_is_help=True)
app.add_typer(models_app, name="models")

DEFAULT_EMBEDDER = "static:models/minilm-static"


def _print_evaluation(ev, title: str) -> None:  # noqa: ANN001
    from rich.table import Table

    table = Table(title=title)
    for col in ("code", "precision", "recall", "F1", "kappa", "support"):
        table.add_column(col, justify="right" if col != "code" else "left")
    for r in ev.per_code:
        table.add_row(
            r["code"],
            f"{r['precision']:.3f}",
            f"{r['recall']:.3f}",
            f"{r['f1']:.3f}",
            f"{r['kappa']:.3f}",
            str(r["support"]),
        )
    console.print(table)
    lvl = "-" if ev.level_accuracy is None else f"{ev.level_accuracy:.3f}"
    lk = "-" if ev.level_kappa_quadratic is None else f"{ev.level_kappa_quadratic:.3f}"
    console.print(
        f"segments {ev.n_segments}  macro-F1 {ev.macro_f1:.3f}  micro-F1 {ev.micro_f1:.3f}  "
        f"exact code set {ev.exact_match:.3f}  mean kappa {ev.kappa_macro:.3f}  "
        f"level accuracy {lvl} (quadratic kappa {lk}, {ev.n_level_pairs} pairs)  "
        f"Brier {ev.brier:.3f}"
    )
    if ev.routing:
        curve = Table(title="Routing curve (auto-accept when confidence >= threshold)")
        for col in ("threshold", "auto share", "review share", "precision of auto"):
            curve.add_column(col, justify="right")
        for r in ev.routing:
            p = "-" if r["precision"] != r["precision"] else f"{r['precision']:.3f}"
            curve.add_row(
                f"{r['threshold']:.2f}", f"{r['auto_share']:.3f}", f"{r['review_share']:.3f}", p
            )
        console.print(curve)
    if ev.reliability:
        rel = Table(title="Calibration: confidence of the code set vs share right")
        for col in ("confidence bin", "segments", "mean confidence", "share right"):
            rel.add_column(col, justify="right")
        for r in ev.reliability:
            rel.add_row(
                f"{r['low']:.1f}-{r['high']:.1f}",
                str(r["n"]),
                f"{r['mean_confidence']:.3f}",
                f"{r['share_correct']:.3f}",
            )
        console.print(rel)


@app.command()
@handle_errors
def train(
    data: Annotated[
        list[Path],
        typer.Argument(help="Coded CSV/XLSX files (text, codes, levels) or project folders."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Model directory to write.")],
    codebook: CodebookOpt = None,
    embedder: Annotated[
        str, typer.Option(help="Embedder spec, or 'none' for lexical features only.")
    ] = DEFAULT_EMBEDDER,
    folds: Annotated[int, typer.Option(help="Cross-validation folds (split by transcript).")] = 5,
    target_precision: Annotated[
        float, typer.Option(help="Precision the default thresholds aim at.")
    ] = 0.9,
) -> None:
    """Train the suggestion model on human-coded segments and write a model directory."""
    import shutil

    from autocoder.codebook import load_codebook
    from autocoder.embed import load_embedder
    from autocoder.suggest.data import load_training_data
    from autocoder.suggest.train import train_model

    cb = load_codebook(codebook)
    df = load_training_data(data, cb)
    spec = None if embedder == "none" else embedder
    emb = load_embedder(spec) if spec else None
    with console.status("training") as status:
        model, cv = train_model(
            df,
            cb,
            embedder=emb,
            embedder_spec=spec,
            folds=folds,
            target_precision=target_precision,
            progress=lambda m: status.update(m),
        )
    if spec and spec.startswith("static:"):
        local = Path(spec.split(":", 1)[1])
        if local.is_dir():  # keep the model directory self-contained
            shutil.copytree(local, out / "embedder", dirs_exist_ok=True)
            model.embedder_spec = "static:embedder"
    model.save(out)
    _print_evaluation(cv, f"Cross-validation ({cv.n_segments} segments, split by transcript)")
    console.print(
        f"default thresholds for {target_precision:.0%} precision: "
        f"codes {model.code_threshold:.2f}, "
        f"levels {model.level_threshold:.2f}"
    )
    console.print(f"model written to {out}")


@app.command()
@handle_errors
def evaluate(
    data: Annotated[
        list[Path], typer.Argument(help="Gold-coded CSV/XLSX files or project folders.")
    ],
    model: Annotated[Path | None, typer.Option("--model", "-m", help="Model directory.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Score a model against gold codes: per-code P/R/F1, kappa, levels and the routing curve."""
    from autocoder.suggest.data import load_training_data
    from autocoder.suggest.service import load_model, model_embedder
    from autocoder.suggest.workflow import evaluate_model

    m = load_model(model)
    df = load_training_data(data, m.codebook)
    ev = evaluate_model(m, model_embedder(m), df)
    if as_json:
        print(json.dumps(ev.to_dict(), indent=1, default=float))
        return
    _print_evaluation(ev, f"{m.name} on {len(df)} segments")
    console.print(f"model thresholds: codes {m.code_threshold:.2f}, levels {m.level_threshold:.2f}")


@models_app.command("download")
@handle_errors
def models_download(
    name: Annotated[str, typer.Argument(help="A sentence-transformers hub model name.")],
    to: Annotated[Path, typer.Option("--to", help="Folder to save it under.")] = Path("models"),
) -> None:
    """Save a hub model (needs internet) for later offline use."""
    import os

    os.environ["HF_HUB_OFFLINE"] = "0"
    from autocoder.embed.loading import SentenceTransformerEmbedder

    emb = SentenceTransformerEmbedder(name)
    target = to / name.split("/")[-1]
    emb.model.save(str(target))
    console.print(f"saved {name} to {target}; name it in autocoder.yaml as `embedder: {target}`")


@models_app.command("distill")
@handle_errors
def models_distill(
    source: Annotated[
        str, typer.Argument(help="'minilm' or a local sentence-transformers folder.")
    ] = "minilm",
    out: Annotated[Path, typer.Option("--out", "-o")] = Path("models/minilm-static"),
    dims: Annotated[int, typer.Option(help="PCA dimensions of the static vectors.")] = 128,
    quantize: Annotated[str, typer.Option(help="int8, float16 or float32 vectors.")] = "int8",
) -> None:
    """Distil a fast static (model2vec) embedder from a sentence-transformers model, offline."""
    from autocoder.embed.distill import distill_static

    err_console.print(f"distilling {source} ...")
    path = distill_static(source, out, dims=dims, quantize=quantize)
    console.print(f"static embedder written to {path}")
