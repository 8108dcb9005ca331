"""Learning from decisions: retrain on people's codings, and simulate how fast that pays off.

``retrain`` refits the suggestion model on the corpus it was trained on plus every current
human decision in a project (human rows weigh ``human_weight`` times a corpus row), then
re-suggests and re-routes the project; human-decided segments are never touched.

``simulate_review`` replays a gold-coded data set as if a person reviewed it in a chosen
order (lowest confidence first, or random), retraining every ``batch`` decisions, and records
how precise the auto-accepted part of the remaining segments is after each round.
"""

from __future__ import annotations

import math
import re
import shutil
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from autocoder.codebook import Codebook
from autocoder.embed.base import Embedder
from autocoder.errors import DataError, ModelError
from autocoder.suggest.evaluate import Evaluation
from autocoder.suggest.model import SuggestionModel

HUMAN_WEIGHT = 2.0
"""Default weight of a person's decision relative to one corpus row."""
RETRAIN_FOLDS = 3
ORDERS = ("uncertainty", "random")
MIN_AUTO = 20
"""Rounds auto-accepting fewer remaining segments say too little about precision to count."""

Progress = Callable[[str], None]


# -- retrain --------------------------------------------------------------------------------


@dataclass
class RetrainReport:
    """What ``retrain`` did."""

    model_path: Path
    base_model: str
    corpus: list[str]
    n_corpus: int
    n_human: int
    n_replaced: int
    """Corpus rows dropped because a person decided the same segment text in the project."""
    human_weight: float
    before: dict[str, int]
    after: dict[str, int]
    cv: Evaluation


def corpus_sources(
    model: SuggestionModel, corpus: Sequence[str | Path] | None = None
) -> list[Path]:
    """The corpus files to retrain on: ``corpus`` if given, else the files named in the model's
    ``training_data.sources`` that can be found (as given, or beside the model folder's parent,
    i.e. the repository root for ``models/<name>``). Project sources (``dir#coder``) are skipped:
    a project's decisions are read from the project itself."""
    if corpus:
        missing = [str(p) for p in corpus if not Path(p).exists()]
        if missing:
            raise DataError(f"corpus file(s) not found: {missing}")
        return [Path(p) for p in corpus]
    meta = model.meta.get("retrained", {}).get("corpus") or model.meta.get("training_data", {}).get(
        "sources", []
    )
    roots = [Path.cwd()] + (
        [model.path.parent.parent, model.path.parent, model.path] if model.path else []
    )
    found = []
    for source in meta:
        if "#" in source:
            continue
        path = Path(source)
        for candidate in [path] if path.is_absolute() else [r / path for r in roots]:
            if candidate.is_file():
                found.append(candidate.resolve())
                break
    return found


def _route_counts(store: Any) -> dict[str, int]:
    counts = {"auto": 0, "review": 0, "human": 0, "uncoded": 0}
    for row in store.effective_codings():
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    return counts


def _set_project_model(project: Path, model_path: Path) -> None:
    """Point ``autocoder.yaml``'s ``model:`` at ``model_path``, keeping every other line."""
    from autocoder.config import CONFIG_NAME, load_settings

    config = project / CONFIG_NAME
    try:
        value = model_path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        value = model_path.resolve().as_posix()
    line = f"model: {value}"
    text = config.read_text(encoding="utf-8") if config.exists() else ""
    pattern = re.compile(r"^model:.*$", re.MULTILINE)
    if pattern.search(text):
        new = pattern.sub(lambda _m: line, text, count=1)
    else:
        new = text + ("" if not text or text.endswith("\n") else "\n") + line + "\n"
    config.write_text(new, encoding="utf-8")
    try:
        load_settings(project)  # validate; put the old file back if we broke it
    except Exception:
        config.write_text(text, encoding="utf-8")
        raise


def _copy_embedder(base: SuggestionModel, out: Path) -> None:
    """Keep the new model folder self-contained when the embedder lives in the base model's."""
    spec = base.embedder_spec
    if not spec or base.path is None:
        return
    target = spec.partition(":")[2] if spec.startswith(("static:", "sbert:")) else spec
    rel = Path(target)
    if rel.is_absolute():
        return
    for root in (base.path, base.path.parent):
        if (root / rel).is_dir():
            shutil.copytree(root / rel, out / rel, dirs_exist_ok=True)
            return


def retrain(
    project: str | Path,
    *,
    base_model: str | Path | None = None,
    corpus: Sequence[str | Path] | None = None,
    human_weight: float = HUMAN_WEIGHT,
    out: str | Path | None = None,
    folds: int = RETRAIN_FOLDS,
    progress: Progress | None = None,
) -> tuple[SuggestionModel, RetrainReport]:
    """Refit the project's model on its corpus plus all human decisions, then re-route.

    Training rows: the base model's corpus (``corpus``, else the files recorded in the model's
    ``training_data.sources``; none if they cannot be found) with weight 1, plus the latest
    human decision on every segment of the project with weight ``human_weight``. A corpus row
    whose text a person decided in the project is dropped: the person's decision replaces it.

    The new model is written to ``out`` (default ``<project>/models/retrained-<timestamp>``),
    the project's ``autocoder.yaml`` is pointed at it, every segment is re-suggested and
    re-routed (human decisions stay as they are) and the CSV outputs are rewritten.
    """
    from autocoder.codebook import load_codebook
    from autocoder.config import load_settings
    from autocoder.run import write_outputs
    from autocoder.store import ProjectStore
    from autocoder.suggest.data import load_coded_segments, load_project_codings
    from autocoder.suggest.service import load_model, model_embedder, suggest_project
    from autocoder.suggest.text import normalise
    from autocoder.suggest.train import train_model

    if human_weight <= 0:
        raise DataError("--human-weight must be positive")
    say = progress or (lambda _m: None)
    project = Path(project)
    if not (project / "autocoder.db").exists():
        raise DataError(f"{project} is not a project (no autocoder.db)")
    settings = load_settings(project)
    base = load_model(base_model or settings.model)
    codebook = load_codebook(settings.codebook) if settings.codebook else base.codebook
    if codebook.ids != base.codebook.ids:
        raise ModelError(
            f"the model was trained on codes {base.codebook.ids}, the codebook has {codebook.ids}"
        )
    human = load_project_codings(project, base.codebook)
    if human.empty:
        raise DataError(
            f"{project}: no human decisions to learn from yet; review some segments first"
        )
    paths = corpus_sources(base, corpus)
    corpus_df = load_coded_segments(paths, base.codebook) if paths else human.iloc[:0]
    decided = {normalise(t) for t in human["text"]}
    keep = ~corpus_df["text"].map(normalise).isin(decided)
    n_replaced = int((~keep).sum())
    corpus_df = corpus_df[keep]
    columns = list(human.columns)
    df = pd.concat([corpus_df[columns], human[columns]], ignore_index=True)
    weights = np.r_[np.ones(len(corpus_df)), np.full(len(human), float(human_weight))]
    embedder = model_embedder(base, override=settings.embedder, cache_dir=project)
    cv_meta = base.meta.get("cross_validation", {})
    model, cv = train_model(
        df,
        base.codebook,
        embedder=embedder,
        embedder_spec=base.embedder_spec,
        folds=folds,
        target_precision=float(cv_meta.get("target_precision", 0.9)),
        code_params=base.meta.get("code_params"),
        level_params=base.meta.get("level_params"),
        sample_weight=weights,
        kind="retrained",
        progress=say,
    )
    model.meta["retrained"] = {
        "base_model": str(base.path) if base.path else base.name,
        "project": str(project.resolve()),
        "corpus": [str(p) for p in paths],
        "n_corpus": len(corpus_df),
        "n_human": len(human),
        "n_replaced": n_replaced,
        "human_weight": float(human_weight),
        "at": datetime.now().isoformat(timespec="seconds"),
    }
    out = Path(out) if out else project / "models" / f"retrained-{datetime.now():%Y%m%d-%H%M%S}"
    model.save(out)
    _copy_embedder(base, out)
    _set_project_model(project, out)
    settings = load_settings(project)
    say("re-suggesting the project")
    with ProjectStore(project) as store:
        before = _route_counts(store)
        suggest_project(
            store,
            model,
            model_embedder(model, override=settings.embedder, cache_dir=project),
            settings,
        )
        write_outputs(store, project, codebook, settings)
        after = _route_counts(store)
    report = RetrainReport(
        out,
        base.name,
        [str(p) for p in paths],
        len(corpus_df),
        len(human),
        n_replaced,
        float(human_weight),
        before,
        after,
        cv,
    )
    return model, report


# -- simulate review ------------------------------------------------------------------------


@dataclass
class Round:
    """The state after ``decisions`` simulated decisions (and a retrain on them)."""

    decisions: int
    n_remaining: int
    n_auto: int
    auto_share: float
    precision: float | None
    """Exact-code-set precision of the auto-accepted remaining segments (None if none)."""
    accuracy: float
    """Exact-code-set accuracy of the suggestions for all remaining segments."""
    threshold: float


@dataclass
class Simulation:
    order: str
    batch: int
    target_precision: float
    seed: int
    seed_transcripts: list[str]
    n_seed: int
    n_pool: int
    min_auto: int
    rounds: list[Round] = field(default_factory=list)

    @property
    def decisions_to_target(self) -> int | None:
        """Decisions after which the auto-accepted remaining segments reach the target precision
        (with at least ``min_auto`` of them) and never fall below it again (rounds that
        auto-accept fewer than ``min_auto`` neither reach nor break it)."""
        found = None
        for r in self.rounds:
            if r.n_auto < self.min_auto:
                continue
            if r.precision is not None and r.precision >= self.target_precision:
                found = r.decisions if found is None else found
            else:
                found = None
        return found

    @property
    def first_reached(self) -> int | None:
        """Decisions after which the target precision is first reached (on >= ``min_auto``)."""
        return next(
            (
                r.decisions
                for r in self.rounds
                if r.n_auto >= self.min_auto
                and r.precision is not None
                and r.precision >= self.target_precision
            ),
            None,
        )

    def at_target(self) -> Round | None:
        d = self.decisions_to_target
        return next((r for r in self.rounds if r.decisions == d), None) if d is not None else None

    def to_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items() if k != "rounds"}
        out["decisions_to_target"] = self.decisions_to_target
        out["first_reached"] = self.first_reached
        at = self.at_target()
        out["auto_share_at_target"] = at.auto_share if at else None
        out["rounds"] = [asdict(r) for r in self.rounds]
        return out

    def summary(self) -> str:
        at = self.at_target()
        if at is None:
            return (
                f"{self.order}: the auto-accepted remaining segments never stayed at "
                f"{self.target_precision:.0%} precision (first reached after "
                f"{self.first_reached} decisions; batch {self.batch}, {self.n_pool} in the pool)"
            )
        return (
            f"{self.order}: {at.decisions} decisions until the auto-accepted remaining "
            f"segments reach {self.target_precision:.0%} precision and stay there "
            f"({at.precision:.1%} on {at.n_auto} auto-accepted = {at.auto_share:.0%} "
            f"of the {at.n_remaining} remaining)"
        )


def seed_transcripts(df: pd.DataFrame, initial: int | Sequence[str]) -> list[str]:
    """The first ``initial`` transcripts in file order, or the names given."""
    names = list(dict.fromkeys(df["transcript"].astype(str)))
    if isinstance(initial, int):
        if not 1 <= initial < len(names):
            raise DataError(
                f"initial must be between 1 and {len(names) - 1} transcripts; got {initial}"
            )
        return names[:initial]
    unknown = sorted(set(initial) - set(names))
    if unknown:
        raise DataError(f"unknown seed transcript(s): {unknown}")
    return list(initial)


class _Learner:
    """Cheap per-round refits on features computed once for the whole data set.

    The feature transform (TF-IDF vocabularies, scaling) is fitted once on all texts, which
    uses no codes; each round fits the code classifier's logistic regressions (one per code,
    liblinear solver, without the inner sigmoid calibration) on the decided segments and
    calibrates the code-set confidence with isotonic regression on out-of-fold predictions
    (GroupKFold by transcript over the decided segments), as ``train_model`` does; the
    threshold is the lowest whose out-of-fold precision reaches the target.
    """

    def __init__(
        self,
        df: pd.DataFrame,
        codebook: Codebook,
        embedder: Embedder | None,
        *,
        C: float,
        folds: int,
        target_precision: float,
        n_jobs: int | None,
    ) -> None:
        from autocoder.suggest.classifier import _features
        from autocoder.suggest.evaluate import indicator_matrix

        self.codebook = codebook
        frame, _ = SuggestionModel(codebook=codebook, embedder_spec=None).features(
            df["text"].tolist(), df["question"].tolist(), embedder
        )
        transform = _features(
            frame,
            use_embeddings=embedder is not None,
            use_zero_shot=False,
            use_question=True,
            embedding_weight=1.0,
        )
        self.X = transform.fit_transform(frame).tocsr()
        self.Y = indicator_matrix(df["codes"], codebook.ids)
        self.gold = [frozenset(c) for c in df["codes"]]
        self.groups = df["transcript"].astype(str).to_numpy()
        self.C, self.folds, self.target, self.n_jobs = C, folds, target_precision, n_jobs

    def _fit_predict(self, train: np.ndarray, test: np.ndarray) -> np.ndarray:
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier

        clf = OneVsRestClassifier(
            LogisticRegression(
                C=self.C, class_weight="balanced", solver="liblinear", random_state=0
            ),
            n_jobs=self.n_jobs,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # codes with no example yet: constant predictor
            clf.fit(self.X[train], self.Y[train])
            probs = clf.predict_proba(self.X[test])
        return np.asarray(probs).reshape(len(test), self.Y.shape[1])

    def _decide(self, probs: np.ndarray) -> tuple[list[tuple[str, ...]], np.ndarray]:
        from autocoder.suggest.decide import decide_codes, raw_set_confidence

        chosen = decide_codes(probs, self.codebook.ids, none_id=self.codebook.none_id)
        return chosen, raw_set_confidence(probs, self.codebook.ids, chosen)

    def score(
        self, labelled: np.ndarray, pool: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
        """(calibrated confidence, raw confidence, correct?) for the pool, and the threshold."""
        from sklearn.model_selection import GroupKFold

        from autocoder.suggest.calibration import Calibrator
        from autocoder.suggest.evaluate import routing_curve, threshold_for_precision

        chosen, raw = self._decide(self._fit_predict(labelled, pool))
        correct = np.array(
            [frozenset(c) == self.gold[i] for c, i in zip(chosen, pool, strict=True)]
        )
        n_splits = min(self.folds, len(np.unique(self.groups[labelled])))
        calibrator, threshold = Calibrator.identity(), 1.01
        if n_splits >= 2:
            oof_raw = np.zeros(len(labelled))
            oof_ok = np.zeros(len(labelled), dtype=bool)
            for tr, te in GroupKFold(n_splits).split(labelled, groups=self.groups[labelled]):
                c, r = self._decide(self._fit_predict(labelled[tr], labelled[te]))
                oof_raw[te] = r
                oof_ok[te] = [
                    frozenset(x) == self.gold[i] for x, i in zip(c, labelled[te], strict=True)
                ]
            calibrator = Calibrator.fit(oof_raw, oof_ok)
            threshold = threshold_for_precision(
                routing_curve(calibrator(oof_raw), oof_ok), self.target
            )
        return calibrator(raw), raw, correct, threshold


def simulate_reviews(
    df: pd.DataFrame,
    codebook: Codebook,
    *,
    orders: Sequence[str] = ORDERS,
    batch: int = 50,
    target_precision: float = 0.9,
    seed: int = 0,
    initial: int | Sequence[str] = 4,
    embedder: Embedder | None = None,
    folds: int = 3,
    C: float = 4.0,
    min_auto: int = MIN_AUTO,
    n_jobs: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[Simulation]:
    """Replay gold codings as if a person reviewed the data set in each order.

    The model starts from the ``initial`` seed transcripts (the first N, or the names given);
    all other segments form the pool. Each round the model is refit on everything decided so
    far, the pool is re-scored, and the round's numbers are recorded: share of the remaining
    pool that would be auto-accepted at the calibrated threshold, and the exact-code-set
    precision of those auto-accepted segments against gold. Then the simulated reviewer decides
    the next ``batch`` pool segments, lowest calibrated confidence first (``uncertainty``) or
    in a random order fixed by ``seed`` (``random``); their gold codes become training data.
    ``progress(order, rounds_done, rounds_total)`` is called after every round.
    """
    bad = [o for o in orders if o not in ORDERS]
    if bad:
        raise DataError(f"unknown order(s) {bad}; choose from {list(ORDERS)}")
    if batch < 1:
        raise DataError("batch must be at least 1")
    df = df.reset_index(drop=True)
    names = seed_transcripts(df, initial)
    is_seed = df["transcript"].astype(str).isin(names).to_numpy()
    seed_idx, pool_idx = np.flatnonzero(is_seed), np.flatnonzero(~is_seed)
    learner = _Learner(
        df, codebook, embedder, C=C, folds=folds, target_precision=target_precision, n_jobs=n_jobs
    )
    total_rounds = math.ceil(len(pool_idx) / batch) + 1
    results = []
    for order in orders:
        sim = Simulation(
            order, batch, target_precision, seed, names, len(seed_idx), len(pool_idx), min_auto
        )
        rng = np.random.default_rng(seed)
        queue = list(rng.permutation(pool_idx))
        labelled, pool = seed_idx.copy(), pool_idx.copy()
        while len(pool):
            conf, raw, correct, threshold = learner.score(labelled, pool)
            auto = conf >= threshold
            n_auto = int(auto.sum())
            sim.rounds.append(
                Round(
                    decisions=len(labelled) - len(seed_idx),
                    n_remaining=len(pool),
                    n_auto=n_auto,
                    auto_share=n_auto / len(pool),
                    precision=float(correct[auto].mean()) if n_auto else None,
                    accuracy=float(correct.mean()),
                    threshold=float(threshold),
                )
            )
            if progress:
                progress(order, len(sim.rounds), total_rounds)
            if order == "uncertainty":
                picked = pool[np.lexsort((raw, conf))[:batch]]
            else:
                remaining = set(pool.tolist())
                queue = [i for i in queue if i in remaining]
                picked, queue = np.array(queue[:batch]), queue[batch:]
            labelled = np.r_[labelled, picked]
            pool = np.setdiff1d(pool, picked, assume_unique=True)
        results.append(sim)
    return results


def simulate_review(
    df: pd.DataFrame,
    codebook: Codebook,
    *,
    order: str = "uncertainty",
    batch: int = 50,
    target_precision: float = 0.9,
    seed: int = 0,
    initial: int | Sequence[str] = 4,
    embedder: Embedder | None = None,
    **kwargs: Any,
) -> Simulation:
    """One order of :func:`simulate_reviews`."""
    return simulate_reviews(
        df,
        codebook,
        orders=[order],
        batch=batch,
        target_precision=target_precision,
        seed=seed,
        initial=initial,
        embedder=embedder,
        **kwargs,
    )[0]
