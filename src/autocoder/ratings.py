"""Rate each subject from the coded evidence with a configurable rubric (pure functions).

Per subject and indicator the score is the mean evidence level of the segments coded
with that indicator; per subject, ``OVERALL`` is the mean over indicators with evidence.
Every rating lists the segments behind it and how many of them are still unreviewed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from autocoder.codebook import Codebook, _bundled_config
from autocoder.errors import CodebookError

DEFAULT_RUBRIC = _bundled_config("rubric.yaml")
OVERALL = "OVERALL"
NO_EVIDENCE = "tidak ada bukti"


class Category(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str
    min: float


class Rubric(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    categories: list[Category] = Field(min_length=1)
    min_indicators: int = Field(1, ge=1)
    indicators: list[str] = Field(default_factory=list)

    def category(self, score: float) -> str:
        for cat in sorted(self.categories, key=lambda c: c.min, reverse=True):
            if score >= cat.min:
                return cat.label
        return sorted(self.categories, key=lambda c: c.min)[0].label


def load_rubric(path: str | Path | None = None) -> Rubric:
    path = Path(path) if path else DEFAULT_RUBRIC
    try:
        return Rubric.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    except FileNotFoundError:
        raise CodebookError(f"{path}: rubric file not found") from None
    except (yaml.YAMLError, ValidationError) as err:
        raise CodebookError(f"{path}: invalid rubric: {err}") from None


@dataclass(frozen=True)
class Evidence:
    """One coded segment as evidence for an indicator."""

    segment_id: str
    level: int
    status: str  # human | auto | review
    line_start: int = 0
    line_end: int = 0
    text: str = ""


@dataclass
class Rating:
    """A subject's rating on one indicator (or ``OVERALL``), with the evidence behind it."""

    transcript: str
    subject: str
    indicator: str
    score: float | None
    category: str
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def n_evidence(self) -> int:
        return len(self.evidence)

    @property
    def n_unreviewed(self) -> int:
        return sum(e.status == "review" for e in self.evidence)

    def as_row(self) -> dict[str, object]:
        return {
            "transcript": self.transcript,
            "subject": self.subject,
            "indicator": self.indicator,
            "score": None if self.score is None else round(self.score, 3),
            "n_evidence": self.n_evidence,
            "n_unreviewed": self.n_unreviewed,
            "category": self.category,
            "segments": ";".join(e.segment_id for e in self.evidence),
        }


def rate_subjects(
    codings: Iterable[Mapping[str, object]], codebook: Codebook, rubric: Rubric
) -> list[Rating]:
    """Ratings per (transcript, subject) and indicator, plus one ``OVERALL`` row each.

    ``codings`` are rows with ``transcript``, ``subject``, ``segment_id``, ``codes``,
    ``levels`` and ``status`` (as from ``ProjectStore.effective_codings``); rows with status
    ``uncoded`` are ignored.
    """
    indicators: Sequence[str] = rubric.indicators or codebook.evidence_ids
    groups: dict[tuple[str, str], dict[str, list[Evidence]]] = {}
    for row in codings:
        key = (str(row["transcript"]), str(row["subject"]))
        per = groups.setdefault(key, {i: [] for i in indicators})
        if row.get("status") == "uncoded":
            continue
        levels = row.get("levels") or {}
        assert isinstance(levels, Mapping)
        for code in row.get("codes") or ():  # type: ignore[union-attr]
            if code in per and code in levels:
                per[code].append(
                    Evidence(
                        segment_id=str(row["segment_id"]),
                        level=int(levels[code]),
                        status=str(row.get("status", "")),
                        line_start=int(row.get("line_start", 0) or 0),  # type: ignore[arg-type]
                        line_end=int(row.get("line_end", 0) or 0),  # type: ignore[arg-type]
                        text=str(row.get("text", "")),
                    )
                )
    ratings: list[Rating] = []
    for (transcript, subject), per in sorted(groups.items()):
        scores = []
        for indicator in indicators:
            ev = per[indicator]
            if ev:
                score = sum(e.level for e in ev) / len(ev)
                scores.append(score)
                ratings.append(
                    Rating(transcript, subject, indicator, score, rubric.category(score), ev)
                )
            else:
                ratings.append(Rating(transcript, subject, indicator, None, NO_EVIDENCE, []))
        all_ev = [e for i in indicators for e in per[i]]
        if len(scores) >= rubric.min_indicators:
            overall = sum(scores) / len(scores)
            ratings.append(
                Rating(transcript, subject, OVERALL, overall, rubric.category(overall), all_ev)
            )
        else:
            ratings.append(Rating(transcript, subject, OVERALL, None, NO_EVIDENCE, all_ev))
    return ratings
