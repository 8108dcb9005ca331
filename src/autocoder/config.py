"""Project settings: ``autocoder.yaml`` in the project folder overrides the defaults.

Every setting, with its default, is documented in ``configs/autocoder.yaml``.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from autocoder.errors import ConfigError

CONFIG_NAME = "autocoder.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IngestSettings(_Strict):
    roles: dict[str, str] = Field(default_factory=dict)
    """Speaker label -> interviewer/respondent, where inference gets it wrong."""
    subjects: dict[str, str] = Field(default_factory=dict)
    """Transcript name (file stem) -> subject, to override the detected subject."""


class SegmentationSettings(_Strict):
    max_sentences: int = Field(5, ge=1)
    window: int = Field(4, ge=1)


class RoutingSettings(_Strict):
    code_threshold: float | None = Field(None, ge=0, le=1)
    """Auto-accept when the confidence of the suggested code set clears this (None: the model's)."""
    level_threshold: float | None = Field(None, ge=0, le=1)
    """...and the confidence of its levels clears this (None: the model's)."""


class Settings(_Strict):
    codebook: Path | None = None
    rubric: Path | None = None
    model: Path | None = None
    """Trained model directory (None: the shipped default in models/)."""
    embedder: str | None = None
    """Embedder to use instead of the model's own: a sentence-transformers name or path."""
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    segmentation: SegmentationSettings = Field(default_factory=SegmentationSettings)
    routing: RoutingSettings = Field(default_factory=RoutingSettings)


def load_settings(project: str | Path) -> Settings:
    """Read ``<project>/autocoder.yaml`` if present; relative paths resolve from the project."""
    path = Path(project) / CONFIG_NAME
    if not path.exists():
        return Settings()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        settings = Settings.model_validate(data)
    except yaml.YAMLError as err:
        raise ConfigError(f"{path}: not valid YAML: {err}") from None
    except ValidationError as err:
        lines = [f"{path}: [{' -> '.join(map(str, e['loc']))}] {e['msg']}" for e in err.errors()]
        raise ConfigError("\n".join(lines)) from None
    for field in ("codebook", "rubric", "model"):
        value = getattr(settings, field)
        if value is not None and not value.is_absolute():
            setattr(settings, field, (Path(project) / value).resolve())
    return settings
