"""Library API for the ingest step: files -> transcripts -> segments -> project store."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from autocoder.config import Settings
from autocoder.errors import AutocoderError
from autocoder.segment import SegmentationOptions, segment_transcript
from autocoder.store import ProjectStore


@dataclass
class FileResult:
    """What happened to one input file."""

    path: str
    status: str  # new | unchanged | new_version | failed
    transcript: str = ""
    subject: str = ""
    n_turns: int = 0
    n_segments: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str = ""


@dataclass
class IngestReport:
    files: list[FileResult]

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failed


CODING_COLUMNS = frozenset({"codes", "code", "kode", "koding", "levels", "level"})


def is_coding_table(path: Path) -> bool:
    """A CSV/XLSX of codings (a ``codes``/``kode`` column), not a transcript: skipped in folders.

    Such files sit beside transcripts (``gold.csv``, a second coder's sheet); they are read
    by ``autocoder train``, ``evaluate`` and ``import``, not by ``ingest``.
    """
    suffix = path.suffix.lower()
    try:
        if suffix in {".csv", ".tsv"}:
            with path.open(encoding="utf-8-sig", errors="replace") as fh:
                first = fh.readline()
            header = first.replace("\t", ",").replace(";", ",").split(",")
        elif suffix in {".xlsx", ".xlsm"}:
            from openpyxl import load_workbook

            wb = load_workbook(path, read_only=True)
            try:
                row = next(wb.worksheets[0].iter_rows(max_row=1, values_only=True), ())
            finally:
                wb.close()
            header = ["" if v is None else str(v) for v in row]
        else:
            return False
    except Exception:  # noqa: BLE001 - unreadable files are reported by the reader instead
        return False
    return any(h.strip().strip('"').lower() in CODING_COLUMNS for h in header)


def find_transcript_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files and folders (recursively) into transcript files, sorted per folder.

    Hidden files, Office lock files (``~$...``), coding tables (:func:`is_coding_table`) and
    files with unsupported suffixes inside folders are skipped; a file named explicitly is
    always yielded (and fails if unsupported).
    """
    from autocoder.ingest import SUPPORTED_SUFFIXES

    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if (
                    f.is_file()
                    and f.suffix.lower() in SUPPORTED_SUFFIXES
                    and not any(part.startswith(".") for part in f.relative_to(p).parts)
                    and not f.name.startswith("~$")
                    and not is_coding_table(f)
                ):
                    yield f
        else:
            yield p


def ingest_files(
    files: Iterable[Path],
    store: ProjectStore,
    settings: Settings | None = None,
    *,
    on_file: Callable[[FileResult], None] | None = None,
) -> IngestReport:
    """Parse, segment and store each file; a broken file is reported, the rest go on."""
    from autocoder.ingest import IngestOptions, read_transcript

    settings = settings or Settings()
    seg_options = SegmentationOptions(
        max_sentences=settings.segmentation.max_sentences, window=settings.segmentation.window
    )
    results = []
    for path in files:
        try:
            options = IngestOptions(
                subject=settings.ingest.subjects.get(path.stem), roles=settings.ingest.roles
            )
            transcript = read_transcript(path, options=options)
            segments = segment_transcript(transcript, seg_options)
            stored = store.add_transcript(transcript, segments)
            result = FileResult(
                path=str(path),
                status=stored.status,
                transcript=transcript.name,
                subject=transcript.subject,
                n_turns=len(transcript.turns),
                n_segments=len(segments),
                warnings=list(transcript.warnings),
            )
        except AutocoderError as err:
            result = FileResult(path=str(path), status="failed", error=str(err))
        except Exception as err:  # noqa: BLE001 - one bad file must not stop the batch
            result = FileResult(
                path=str(path),
                status="failed",
                error=f"{path}: unexpected {type(err).__name__}: {err}",
            )
        results.append(result)
        if on_file:
            on_file(result)
    return IngestReport(results)
