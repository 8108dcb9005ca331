"""One CSV row per segment with its effective coding (UTF-8 with BOM, for Excel)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from autocoder.export.project import ProjectData
from autocoder.export.tables import SEGMENT_COLUMNS, csv_safe, segment_rows


def csv_text(data: ProjectData) -> str:
    """The CSV export as text; cells a spreadsheet would run as formulas get a ``'``."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=SEGMENT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in segment_rows(data):
        writer.writerow({k: "" if v is None else csv_safe(v) for k, v in row.items()})
    return buf.getvalue()


def write_csv(data: ProjectData, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(csv_text(data), encoding="utf-8-sig", newline="")
    return path
