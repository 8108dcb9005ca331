"""The suggestion model: embedder + zero-shot prototypes + trained classifiers + calibration.

A model directory is self-describing and safe to load (no pickle):

    model.json       what it is: codebook name, embedder, versions, data hash, thresholds,
                     calibration arrays and cross-validated scores
    codebook.yaml    the codebook it was trained on
    codes.skops      the code classifier   (skops format, loaded with an allow-list of types)
    levels.skops     the level classifier
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED

import numpy as np
import yaml

from autocoder.codebook import Codebook, load_codebook
from autocoder.embed.base import Embedder
from autocoder.errors import ModelError
from autocoder.suggest.calibration import Calibrator
from autocoder.suggest.decide import decide_codes, raw_set_confidence
from autocoder.suggest.features import embedding_columns_of, feature_frame
from autocoder.suggest.zeroshot import (
    code_prototypes,
    level_prototypes,
    segment_texts,
    similarities,
    softmax,
    zero_shot_probabilities,
)

FORMAT_VERSION = 1
# Prefixes of the type names a model file may hold beyond skops' own safe set. Not "builtins.":
# that would let a file carry functions such as builtins.eval or builtins.exec.
#: Types a model file may hold beyond those skops trusts by default; anything else is refused.
TRUSTED_TYPES = frozenset(
    {
        "autocoder.suggest.classifier.CodeClassifier",
        "autocoder.suggest.classifier.LevelClassifier",
        "sklearn.calibration._CalibratedClassifier",
        "sklearn.calibration._SigmoidCalibration",
        "sklearn.isotonic.IsotonicRegression",
    }
)
ZERO_SHOT_THRESHOLD = 1.01  # without a trained model every suggestion goes to review


@dataclass
class Prediction:
    """The machine's suggestion for one segment."""

    codes: tuple[str, ...]
    levels: dict[str, int]
    code_probs: dict[str, float]
    confidence: float
    level_confidence: float | None


@dataclass
class SuggestionModel:
    """Everything needed to suggest codes and levels for new segments."""

    codebook: Codebook
    embedder_spec: str | None
    code_classifier: Any = None
    level_classifier: Any = None
    set_calibrator: Calibrator = field(default_factory=Calibrator.identity)
    level_calibrator: Calibrator = field(default_factory=Calibrator.identity)
    code_threshold: float = ZERO_SHOT_THRESHOLD
    level_threshold: float = ZERO_SHOT_THRESHOLD
    meta: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def is_trained(self) -> bool:
        return self.code_classifier is not None

    @property
    def name(self) -> str:
        return self.path.name if self.path else ("zero-shot" if not self.is_trained else "model")

    # -- features ---------------------------------------------------------------------

    def features(
        self, answers: Sequence[str], questions: Sequence[str], embedder: Embedder | None
    ) -> tuple[Any, np.ndarray | None]:
        """Feature frame for the classifiers and the zero-shot probabilities."""
        vectors = zs = None
        if embedder is not None:
            vectors = embedder.encode(segment_texts(answers, questions), kind="query")
            zs = zero_shot_probabilities(vectors, code_prototypes(self.codebook, embedder))
        expected = self.trained_embedding_dim()
        got = None if vectors is None else int(vectors.shape[1])
        if self.is_trained and expected != got:
            raise ModelError(
                f"this model was trained with {expected or 'no'}-dimensional embeddings "
                f"({self.embedder_spec or 'no embedder'}), but the embedder gives {got or 'none'}: "
                "use the model's own embedder, or retrain with `autocoder train --embedder ...`"
            )
        frame = feature_frame(answers, questions, vectors, zs, self.codebook.ids)
        return frame, zs

    def trained_embedding_dim(self) -> int | None:
        """Size of the embedding vectors the code classifier was fitted on (None: none)."""
        if "embedding_dim" in self.meta:
            return self.meta["embedding_dim"]
        try:
            features = self.code_classifier.pipeline_.named_steps["features"]
        except AttributeError:
            return None
        for name, _, columns in features.transformers_:
            if name == "emb":
                return len(columns)
        return None

    # -- prediction -------------------------------------------------------------------

    def predict(
        self, answers: Sequence[str], questions: Sequence[str], embedder: Embedder | None
    ) -> list[Prediction]:
        """Suggested codes, levels and calibrated confidences, one per segment."""
        if not answers:
            return []
        frame, zs = self.features(answers, questions, embedder)
        codes = self.codebook.ids
        if self.is_trained:
            probs = self.code_classifier.predict_proba(frame)
        elif zs is not None:
            probs = zs
        else:
            raise ModelError("a model without a trained classifier needs an embedder")
        chosen = decide_codes(probs, codes, none_id=self.codebook.none_id)
        confidence = self.set_calibrator(raw_set_confidence(probs, codes, chosen))
        levels, level_conf = self._levels(frame, chosen, embedder)
        return [
            Prediction(
                codes=c,
                levels=lv,
                code_probs={k: float(p) for k, p in zip(codes, row, strict=False)},
                confidence=float(conf),
                level_confidence=lc,
            )
            for c, lv, row, conf, lc in zip(
                chosen, levels, probs, confidence, level_conf, strict=True
            )
        ]

    def _levels(
        self,
        frame: Any,
        chosen: list[tuple[str, ...]],
        embedder: Embedder | None,
        *,
        calibrate: bool = True,
    ) -> tuple[list[dict[str, int]], list[float | None]]:
        """Levels of the chosen evidence codes and each segment's (calibrated) level confidence.

        Without a level classifier, levels come from similarity to the codebook's level
        descriptions, using the segment vectors already in ``frame``.
        """
        evidence = set(self.codebook.evidence_ids)
        pairs = [(i, c) for i, cs in enumerate(chosen) for c in cs if c in evidence]
        levels: list[dict[str, int]] = [{} for _ in chosen]
        conf: list[float | None] = [None] * len(chosen)
        if not pairs:
            return levels, conf
        rows = [i for i, _ in pairs]
        if self.level_classifier is not None:
            sub = frame.iloc[rows].reset_index(drop=True).assign(code=[c for _, c in pairs])
            proba = self.level_classifier.predict_proba(sub)
            classes = list(self.level_classifier.classes_)
        elif embedder is not None:
            vecs = frame.iloc[rows][embedding_columns_of(frame)].to_numpy(dtype=np.float32)
            proba = softmax(similarities(vecs, level_prototypes(self.codebook, embedder)))
            classes = self.codebook.level_values
        else:
            return levels, conf
        raw: dict[int, float] = {}
        for (i, code), p in zip(pairs, proba, strict=False):
            levels[i][code] = int(classes[int(np.argmax(p))])
            raw[i] = min(raw.get(i, 1.0), float(np.max(p)))
        values = np.array(list(raw.values()))
        calibrated = self.level_calibrator(values) if calibrate else values
        for i, value in zip(raw, calibrated, strict=True):
            conf[i] = float(value)
        return levels, conf

    def route(
        self,
        prediction: Prediction,
        *,
        code_threshold: float | None = None,
        level_threshold: float | None = None,
    ) -> str:
        """``auto`` when both confidences clear their thresholds, else ``review``."""
        ct = self.code_threshold if code_threshold is None else code_threshold
        lt = self.level_threshold if level_threshold is None else level_threshold
        if prediction.confidence < ct:
            return "review"
        if prediction.level_confidence is not None and prediction.level_confidence < lt:
            return "review"
        return "auto"

    # -- persistence ------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write the model directory (safe formats only)."""
        import skops.io as sio

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "codebook.yaml").write_text(
            yaml.safe_dump(
                self.codebook.model_dump(mode="json"), allow_unicode=True, sort_keys=False
            ),
            encoding="utf-8",
        )
        if self.code_classifier is not None:
            sio.dump(
                self.code_classifier,
                path / "codes.skops",
                compression=ZIP_DEFLATED,
                compresslevel=9,
            )
        if self.level_classifier is not None:
            sio.dump(
                self.level_classifier,
                path / "levels.skops",
                compression=ZIP_DEFLATED,
                compresslevel=9,
            )
        meta = {
            **self.meta,
            "format_version": FORMAT_VERSION,
            "codebook": self.codebook.name,
            "codes": self.codebook.ids,
            "embedder": self.embedder_spec,
            "thresholds": {"code": self.code_threshold, "level": self.level_threshold},
            "calibration": {
                "set": self.set_calibrator.to_dict(),
                "level": self.level_calibrator.to_dict(),
            },
        }
        (path / "model.json").write_text(
            json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8"
        )
        self.path = path
        return path

    @classmethod
    def load(cls, path: str | Path) -> SuggestionModel:
        """Read a model directory, refusing any stored type outside the allow-list."""
        path = Path(path)
        meta_file = path / "model.json"
        if not meta_file.exists():
            raise ModelError(
                f"{path} is not an autocoder model (no model.json); train one with "
                f"`autocoder train DATA --out {path}`"
            )
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        if meta.get("format_version") != FORMAT_VERSION:
            raise ModelError(f"{path}: model format {meta.get('format_version')} is not supported")
        codebook = load_codebook(path / "codebook.yaml")
        return cls(
            codebook=codebook,
            embedder_spec=meta.get("embedder"),
            code_classifier=_load_skops(path / "codes.skops"),
            level_classifier=_load_skops(path / "levels.skops"),
            set_calibrator=Calibrator.from_dict(meta["calibration"]["set"]),
            level_calibrator=Calibrator.from_dict(meta["calibration"]["level"]),
            code_threshold=float(meta["thresholds"]["code"]),
            level_threshold=float(meta["thresholds"]["level"]),
            meta=meta,
            path=path,
        )


def _load_skops(file: Path) -> Any:
    if not file.exists():
        return None
    import skops.io as sio

    untrusted = sio.get_untrusted_types(file=file)
    refused = [t for t in untrusted if t not in TRUSTED_TYPES]
    if refused:
        raise ModelError(f"{file}: refusing to load unexpected types {refused}")
    return sio.load(file, trusted=untrusted)


def zero_shot_model(codebook: Codebook, embedder_spec: str) -> SuggestionModel:
    """A model with no training: codebook similarity only; everything goes to review."""
    return SuggestionModel(
        codebook=codebook, embedder_spec=embedder_spec, meta={"kind": "zero-shot"}
    )
