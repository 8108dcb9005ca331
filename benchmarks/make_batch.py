"""Generate a large batch of transcripts by recombining turns of the training corpus.

    python benchmarks/make_batch.py 1000 /tmp/batch --seed 7

Each generated interview borrows the header, title, speaker labels and subject of one
corpus interview (its "host") and gets about 24 question/answer pairs drawn from all 44
interviews, in shuffled order. Each answer is recombined at sentence level (the opening
sentences of the drawn answer followed by the closing sentences of another answer), so that
segment texts are almost all distinct: the corpus has only ~1,300 answers, and a batch of
verbatim copies would let the run's embedding cache skip most of the encoding. The result is
rendered by ``scripts/render_transcripts.py`` in one of the
plain-text layouts (short, named, timestamp, numbered) so that the ingest path (header,
label and role detection, time stamps, line numbers, wrapped lines) is exercised.
With the defaults a batch of N transcripts gives about 30 x N segments.

Transcript ``i`` depends only on ``(seed, i)``, so the first k files of a batch of N are
the files of a batch of k: batches of several sizes are nested.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
CORPUS_SRC = REPO / "data" / "corpus" / "src"
TEXT_LAYOUTS = ("short", "named", "timestamp", "numbered")
#: Keys copied from the host interview (labels, header and layout details).
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
HOST_KEYS = ("subject", "labels", "header", "title", "stamp_style", "number_sep", "wrap",
             "blank_lines", "start_seconds")


@dataclass(frozen=True)
class Pair:
    question: str | None
    answer: str


@lru_cache(maxsize=1)
def _renderer():  # noqa: ANN202 - a module
    spec = importlib.util.spec_from_file_location(
        "render_transcripts", REPO / "scripts" / "render_transcripts.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@lru_cache(maxsize=2)
def load_corpus(src: Path = CORPUS_SRC) -> tuple[list[dict], list[Pair]]:
    """The corpus interviews and every (question, answer) pair in them."""
    docs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(src.glob("*.yaml"))]
    if not docs:
        raise SystemExit(f"no interviews in {src}")
    pairs: list[Pair] = []
    for doc in docs:
        question = None
        for t in doc["turns"]:
            if "i" in t:
                question = str(t["i"]).strip()
            elif "r" in t:
                pairs.append(Pair(question, str(t["r"]).strip()))
                question = None
    return docs, pairs


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text) if s.strip()] or [text]


def recombine(a: str, b: str, rng: random.Random) -> str:
    """At least one opening sentence of ``a`` followed by at least one closing sentence of ``b``."""
    sa, sb = sentences(a), sentences(b)
    return " ".join(sa[: rng.randint(1, len(sa))] + sb[-rng.randint(1, len(sb)):])


def make_doc(i: int, seed: int, *, turns: tuple[int, int] = (21, 27)) -> dict:
    """The YAML-like source of generated transcript ``i``."""
    docs, pairs = load_corpus()
    rng = random.Random(f"{seed}:{i}")
    host = rng.choice(docs)
    chosen = rng.sample(pairs, rng.randint(*turns))
    rng.shuffle(chosen)
    body: list[dict] = []
    for p in chosen:
        if p.question:
            body.append({"i": p.question})
        answer = recombine(p.answer, rng.choice(pairs).answer, rng)
        body.append({"r": answer, "codes": ["LAIN"]})  # codes only matter for gold.csv
    doc = {k: host[k] for k in HOST_KEYS if k in host}
    doc.update(id=f"bench_{i:05d}", layout=rng.choice(TEXT_LAYOUTS), turns=body)
    if doc["layout"] == "timestamp":
        doc.setdefault("stamp_style", rng.choice(["brackets", "plain", "parens"]))
    return doc


def make_batch(n: int, out: str | Path, *, seed: int = 0) -> list[Path]:
    """Write ``n`` generated transcripts into ``out``; return their paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    render = _renderer().render
    return [render(make_doc(i, seed), out) for i in range(n)]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of transcripts")
    ap.add_argument("out", type=Path, help="output folder")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    paths = make_batch(args.n, args.out, seed=args.seed)
    print(f"{len(paths)} transcripts -> {args.out}")


if __name__ == "__main__":
    main(sys.argv[1:])
