"""A read-only snapshot of a project, the input of every exporter."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autocoder.codebook import Codebook, load_codebook
from autocoder.ratings import Rubric, load_rubric
from autocoder.store import ProjectStore

#: Fill colours per code, in codebook order (light enough for black text).
PALETTE = (
    "#8DD3C7", "#FFFFB3", "#BEBADA", "#FB8072", "#80B1D3", "#FDB462",
    "#B3DE69", "#FCCDE5", "#D9D9D9", "#BC80BD", "#CCEBC5", "#FFED6F",
)


@dataclass(frozen=True)
class ProjectData:
    """Everything an export needs, read from the store once.

    ``codings`` are the effective codings (one row per segment, see
    :meth:`ProjectStore.effective_codings`); ``human_codings`` are all current human
    decisions (several coders possible); ``suggestions`` are the machine's, by segment uid.
    """

    name: str
    codebook: Codebook
    rubric: Rubric
    transcripts: list[dict[str, Any]]
    turns: dict[str, list[dict[str, Any]]]
    codings: list[dict[str, Any]]
    human_codings: list[dict[str, Any]] = field(default_factory=list)
    suggestions: dict[int, dict[str, Any]] = field(default_factory=dict)

    def code_colors(self) -> dict[str, str]:
        """``#RRGGBB`` per code id, stable in codebook order."""
        return {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(self.codebook.ids)}

    def segments_of(self, transcript: str) -> list[dict[str, Any]]:
        return [c for c in self.codings if c["transcript"] == transcript]


def project_data(
    store: ProjectStore, codebook: Codebook, rubric: Rubric | None = None, *, name: str = ""
) -> ProjectData:
    """Snapshot an open store."""
    transcripts = store.transcripts()
    return ProjectData(
        name=name or store.path.parent.name or "autocoder",
        codebook=codebook,
        rubric=rubric or load_rubric(),
        transcripts=transcripts,
        turns={t["name"]: store.turns(t["name"]) for t in transcripts},
        codings=store.effective_codings(),
        human_codings=store.codings(),
        suggestions=store.suggestions(),
    )


def project_codebook(project: str | Path, codebook: str | Path | None = None) -> Codebook:
    """The codebook given, else the project's (``autocoder.yaml``), else the bundled one."""
    if codebook is None:
        from autocoder.config import load_settings

        codebook = load_settings(project).codebook
    return load_codebook(codebook)


def load_project(
    project: str | Path,
    *,
    codebook: str | Path | None = None,
    rubric: str | Path | None = None,
) -> ProjectData:
    """Read a project folder: its store, its codebook and rubric (or the given files)."""
    from autocoder.config import load_settings

    settings = load_settings(project)
    book = load_codebook(codebook if codebook is not None else settings.codebook)
    rub = load_rubric(rubric if rubric is not None else settings.rubric)
    with ProjectStore(project) as store:
        return project_data(store, book, rub, name=Path(project).resolve().name)
