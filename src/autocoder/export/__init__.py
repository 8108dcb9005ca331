"""Results out (and coded data back in): spreadsheets, CSV, an HTML report, REFI-QDA.

Builders are pure functions over a :class:`ProjectData` snapshot and return workbooks,
strings or bytes; only :func:`load_project` and the ``write_*`` / ``import_*`` helpers
touch files or the store.

* :mod:`~autocoder.export.tables` rows per segment and per turn (shared by CSV and XLSX)
* :mod:`~autocoder.export.xlsx` the coded verbatim workbook
* :mod:`~autocoder.export.csv` one CSV row per segment
* :mod:`~autocoder.export.report` the self-contained HTML report
* :mod:`~autocoder.export.refiqda` REFI-QDA ``.qdpx`` projects and ``.qdc`` codebooks
* :mod:`~autocoder.export.importing` coded CSV/XLSX/QDPX back into the store
"""

from __future__ import annotations

from autocoder.export.project import ProjectData, load_project, project_data

__all__ = ["ProjectData", "load_project", "project_data"]
