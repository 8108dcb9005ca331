"""Compare embedders for the suggestion model on held-out transcripts (accuracy and speed).

Two held-out views, both by transcript, never by segment:
  * leave-one-writer-out on the corpus: the corpus was written by four writers (file
    prefixes w1..w4); each fold trains on three and tests on the fourth;
  * the six samples (written by yet another author), with a model trained on the corpus.

    python benchmarks/compare_embedders.py [--embedders none,static,minilm] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from autocoder.codebook import load_codebook
from autocoder.embed import load_embedder
from autocoder.suggest.classifier import CodeClassifier, LevelClassifier
from autocoder.suggest.data import load_coded_segments
from autocoder.suggest.decide import decide_codes
from autocoder.suggest.evaluate import evaluate, indicator_matrix
from autocoder.suggest.features import feature_frame
from autocoder.suggest.train import fit_level_classifier
from autocoder.suggest.zeroshot import code_prototypes, segment_texts, zero_shot_probabilities

REPO = Path(__file__).resolve().parents[1]
SPECS = {
    "none": None,
    "static": f"static:{REPO}/models/autocoder-default/embedder",
    "minilm": "minilm",
}


def scores(train, test, Xtr, Xte, codebook):
    codes = codebook.ids
    clf = CodeClassifier().fit(Xtr, indicator_matrix(train["codes"], codes))
    probs = clf.predict_proba(Xte)
    chosen = decide_codes(probs, codes, none_id=codebook.none_id)
    lvl = fit_level_classifier(Xtr, train, codebook, LevelClassifier())
    pairs = [(i, c) for i, cs in enumerate(chosen) for c in cs if c in codebook.evidence_ids]
    levels = [{} for _ in chosen]
    if pairs:
        sub = (
            Xte.iloc[[i for i, _ in pairs]]
            .reset_index(drop=True)
            .assign(code=[c for _, c in pairs])
        )
        for (i, c), v in zip(pairs, lvl.predict(sub), strict=False):
            levels[i][c] = int(v)
    return evaluate(
        test["codes"].tolist(),
        chosen,
        codes,
        probabilities=probs,
        gold_levels=test["levels"].tolist(),
        pred_levels=levels,
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--embedders", default="none,static,minilm")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    cb = load_codebook()
    corpus = load_coded_segments([REPO / "data/corpus/gold.csv"], cb)
    samples = load_coded_segments([REPO / "data/samples/gold.csv"], cb)
    writer = corpus["transcript"].str[:2].to_numpy()
    results = {}
    for name in args.embedders.split(","):
        spec = SPECS.get(name, name)
        emb = load_embedder(spec) if spec else None
        row: dict[str, float] = {}
        frames = {}
        for key, df in (("corpus", corpus), ("samples", samples)):
            vecs = zs = None
            if emb is not None:
                texts = segment_texts(df["text"].tolist(), df["question"].tolist())
                start = time.perf_counter()
                vecs = emb.encode(texts, kind="query")
                row[f"encode_per_s_{key}"] = len(texts) / (time.perf_counter() - start)
                zs = zero_shot_probabilities(vecs, code_prototypes(cb, emb))
                top = [cb.ids[k] for k in zs.argmax(1)]
                row[f"zero_shot_top1_{key}"] = float(
                    np.mean([t in g for t, g in zip(top, df["codes"], strict=False)])
                )
            frames[key] = feature_frame(
                df["text"].tolist(), df["question"].tolist(), vecs, zs, cb.ids
            )
        _gold, _pred_f1, _exact, _lvl = [], [], [], []
        folds = []
        for w in np.unique(writer):
            m = writer == w
            ev = scores(
                corpus[~m].reset_index(drop=True),
                corpus[m].reset_index(drop=True),
                frames["corpus"][~m].reset_index(drop=True),
                frames["corpus"][m].reset_index(drop=True),
                cb,
            )
            folds.append(ev)
        row["lowo_macro_f1"] = float(np.mean([e.macro_f1 for e in folds]))
        row["lowo_exact"] = float(np.mean([e.exact_match for e in folds]))
        row["lowo_level_accuracy"] = float(np.mean([e.level_accuracy for e in folds]))
        ev = scores(corpus, samples, frames["corpus"], frames["samples"], cb)
        row["samples_macro_f1"], row["samples_exact"] = ev.macro_f1, ev.exact_match
        row["samples_level_accuracy"] = ev.level_accuracy
        results[name] = row
        print(name, json.dumps({k: round(v, 3) for k, v in row.items()}), flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
