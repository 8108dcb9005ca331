"""The codebook: indicator codes, their descriptions and examples, and evidence levels.

A codebook is a YAML file validated against a strict schema; errors say where they are,
for example ``configs/codebook.yaml: [codes -> 3 -> description] Field required``.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from autocoder.errors import CodebookError


def _bundled_config(name: str, folder: str = "configs") -> Path:
    """A bundled file: packaged in the wheel, or ``configs/``/``models/`` in a source checkout."""
    packaged = Path(__file__).parent / folder / name
    return packaged if packaged.exists() else Path(__file__).parents[2] / folder / name


DEFAULT_CODEBOOK = _bundled_config("codebook.yaml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Level(_Strict):
    """One evidence level, for example ``3 = menguasai``."""

    value: int
    label: str = Field(min_length=1)
    description: str = ""


class Code(_Strict):
    """One indicator code of the codebook."""

    id: str = Field(min_length=1, pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$")
    label: str = Field(min_length=1)
    description: str = Field(min_length=1)
    include: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    examples: list[str] = Field(default_factory=list)
    evidence: bool = True
    """False for a code such as ``LAIN`` that marks a unit with no evidence (no level)."""

    @field_validator("description")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("description must not be blank")
        return value

    def prototype_texts(self) -> list[str]:
        """Texts that describe the code, for building its embedding prototype."""
        head = f"{self.label}. {self.description}"
        return [head, *self.include, *self.examples]


class Codebook(_Strict):
    """A validated codebook."""

    name: str = Field(min_length=1)
    language: str = "id"
    description: str = ""
    levels: list[Level] = Field(min_length=1)
    codes: list[Code] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Codebook:
        seen: dict[str, int] = {}
        for i, code in enumerate(self.codes):
            if code.id in seen:
                raise ValueError(
                    f"[codes -> {i} -> id] duplicate code id {code.id!r} "
                    f"(first defined at codes -> {seen[code.id]})"
                )
            seen[code.id] = i
        values = [lv.value for lv in self.levels]
        if len(set(values)) != len(values):
            raise ValueError(f"[levels] duplicate level values in {values}")
        if not any(c.evidence for c in self.codes):
            raise ValueError("[codes] at least one code must carry evidence")
        return self

    @cached_property
    def ids(self) -> list[str]:
        return [c.id for c in self.codes]

    @cached_property
    def evidence_ids(self) -> list[str]:
        """Ids of the codes that carry evidence and get a level."""
        return [c.id for c in self.codes if c.evidence]

    @cached_property
    def none_id(self) -> str | None:
        """Id of the 'no evidence' code (such as ``LAIN``), if the codebook has one."""
        return next((c.id for c in self.codes if not c.evidence), None)

    @cached_property
    def level_values(self) -> list[int]:
        return sorted(lv.value for lv in self.levels)

    def code(self, code_id: str) -> Code:
        for c in self.codes:
            if c.id == code_id:
                return c
        raise KeyError(code_id)

    def level_label(self, value: int) -> str:
        return next(lv.label for lv in self.levels if lv.value == value)


def _format_validation_error(source: str, err: ValidationError) -> str:
    lines = []
    for e in err.errors():
        loc = " -> ".join(str(p) for p in e["loc"])
        msg = e["msg"].removeprefix("Value error, ")
        lines.append(f"{source}: [{loc}] {msg}" if loc else f"{source}: {msg}")
    return "\n".join(lines)


def parse_codebook(data: object, *, source: str = "<codebook>") -> Codebook:
    """Validate already-parsed YAML/JSON data as a codebook."""
    if not isinstance(data, dict):
        raise CodebookError(f"{source}: expected a mapping with 'name', 'levels' and 'codes'")
    try:
        return Codebook.model_validate(data)
    except ValidationError as err:
        raise CodebookError(_format_validation_error(source, err)) from None


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Load and validate a codebook YAML file (the bundled default when ``path`` is None)."""
    path = Path(path) if path is not None else DEFAULT_CODEBOOK
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CodebookError(f"{path}: codebook file not found") from None
    except yaml.YAMLError as err:
        raise CodebookError(f"{path}: not valid YAML: {err}") from None
    return parse_codebook(data, source=str(path))
