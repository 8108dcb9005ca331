"""``autocoder retrain`` (learn from people's decisions) and ``autocoder simulate-review``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from autocoder.cli._util import CodebookOpt, ProjectOpt, app, console, err_console, handle_errors


@app.command()
@handle_errors
def retrain(
    project: ProjectOpt = Path("."),
    corpus: Annotated[
        list[Path] | None,
        typer.Option(
            "--corpus",
            help="Corpus file(s) to train on besides the decisions "
            "(default: those the current model was trained on).",
        ),
    ] = None,
    human_weight: Annotated[
        float, typer.Option(help="Weight of a person's decision relative to a corpus row.")
    ] = 2.0,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Model directory to write (default: <project>/models/retrained-<time>).",
        ),
    ] = None,
    model: Annotated[
        Path | None, typer.Option("--model", "-m", help="Base model (default: the project's).")
    ] = None,
) -> None:
    """Refit the model on the corpus plus every human decision, then re-suggest and re-route.

    Human-decided segments are untouched; the project's autocoder.yaml is pointed at the new model.
    """
    from rich.table import Table

    from autocoder.learning import retrain as run_retrain

    with console.status("retraining") as status:
        new, report = run_retrain(
            project,
            base_model=model,
            corpus=corpus,
            human_weight=human_weight,
            out=out,
            progress=lambda m: status.update(m),
        )
    table = Table(title="Routing before and after retraining")
    for col in ("", "auto", "review", "human"):
        table.add_column(col, justify="right" if col else "left")
    for name, counts in (("before", report.before), ("after", report.after)):
        table.add_row(name, str(counts["auto"]), str(counts["review"]), str(counts["human"]))
    console.print(table)
    cv = report.cv
    console.print(
        f"trained on {report.n_corpus} corpus rows + {report.n_human} human decisions "
        f"(weight {report.human_weight:g}; {report.n_replaced} corpus rows replaced by decisions); "
        f"cross-validated exact code set {cv.exact_match:.3f}, macro-F1 {cv.macro_f1:.3f}; "
        f"thresholds codes {new.code_threshold:.2f}, levels {new.level_threshold:.2f}"
    )
    console.print(f"model written to {report.model_path}; {project}/autocoder.yaml now uses it")


def _curve_table(sim):  # noqa: ANN001, ANN202
    from rich.table import Table

    table = Table(
        title=f"{sim.order} order: batch {sim.batch}, seed set {sim.n_seed} segments "
        f"({len(sim.seed_transcripts)} transcripts), pool {sim.n_pool}"
    )
    for col in (
        "decisions",
        "remaining",
        "threshold",
        "auto",
        "auto share",
        "precision of auto",
        "accuracy",
    ):
        table.add_column(col, justify="right")
    target = sim.decisions_to_target
    for r in sim.rounds:
        p = "-" if r.precision is None else f"{r.precision:.3f}"
        style = "bold green" if target is not None and r.decisions >= target else None
        table.add_row(
            str(r.decisions),
            str(r.n_remaining),
            f"{r.threshold:.2f}",
            str(r.n_auto),
            f"{r.auto_share:.3f}",
            p,
            f"{r.accuracy:.3f}",
            style=style,
        )
    return table


@app.command("simulate-review")
@handle_errors
def simulate_review(
    data: Annotated[
        list[Path], typer.Argument(help="Gold-coded CSV/XLSX files (or project folders).")
    ],
    batch: Annotated[int, typer.Option(help="Decisions between retrains.")] = 50,
    orders: Annotated[
        str, typer.Option(help="Review orders to compare, comma-separated.")
    ] = "uncertainty,random",
    seed: Annotated[int, typer.Option(help="Random seed (random order).")] = 0,
    target_precision: Annotated[
        float, typer.Option(help="Precision the auto-accepted segments must reach.")
    ] = 0.9,
    initial: Annotated[
        int, typer.Option(help="Seed transcripts the first model is trained on.")
    ] = 4,
    min_auto: Annotated[
        int,
        typer.Option(
            help="Rounds auto-accepting fewer segments neither reach nor break the target."
        ),
    ] = 20,
    embedder: Annotated[
        str,
        typer.Option(
            help="'none' (lexical features, fast), 'model' (the model's "
            "embedder) or an embedder spec."
        ),
    ] = "none",
    codebook: CodebookOpt = None,
    as_json: Annotated[
        Path | None, typer.Option("--json", help="Write the curves as JSON here.")
    ] = None,
) -> None:
    """Replay gold codings as if a person reviewed them in each order, retraining every BATCH
    decisions; report when the auto-accepted remaining segments reach the target precision."""
    from autocoder.codebook import load_codebook
    from autocoder.embed import load_embedder
    from autocoder.learning import simulate_reviews
    from autocoder.suggest.data import load_training_data
    from autocoder.suggest.service import load_model, model_embedder

    model = load_model()
    cb = load_codebook(codebook) if codebook else model.codebook
    df = load_training_data(data, cb)
    emb = None
    if embedder == "model":
        emb = model_embedder(model)
    elif embedder != "none":
        emb = load_embedder(embedder)
    wanted = [o.strip() for o in orders.split(",") if o.strip()]
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(order: str, done: int, total: int) -> None:
            if order not in tasks:
                tasks[order] = bar.add_task(f"{order} order", total=total)
            bar.update(tasks[order], completed=done, total=total)

        sims = simulate_reviews(
            df,
            cb,
            orders=wanted,
            batch=batch,
            target_precision=target_precision,
            seed=seed,
            initial=initial,
            min_auto=min_auto,
            embedder=emb,
            progress=progress,
        )
    for sim in sims:
        console.print(_curve_table(sim))
    for sim in sims:
        console.print(sim.summary(), highlight=False)
    if as_json:
        as_json.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "data": [str(p) for p in data],
            "n_segments": len(df),
            "batch": batch,
            "seed": seed,
            "initial_transcripts": initial,
            "min_auto": min_auto,
            "target_precision": target_precision,
            "embedder": embedder,
            "orders": [s.to_dict() for s in sims],
        }
        as_json.write_text(json.dumps(payload, indent=1), encoding="utf-8")
        console.print(f"curves written to {as_json}")
