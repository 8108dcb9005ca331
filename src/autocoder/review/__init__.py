"""Human review of the machine's suggestions: queue, decisions, undo, and three front ends.

* :mod:`~autocoder.review.queue`: what a coder sees next; leases so reviewers never clash
* :mod:`~autocoder.review.decisions`: record a decision (one transaction each) and undo it
* :mod:`~autocoder.review.terminal`: one-key review in the terminal
* :mod:`~autocoder.review.spreadsheet`: XLSX export with drop-downs, validated import
* :mod:`~autocoder.review.server`: a local web page (stdlib HTTP server)
* :mod:`~autocoder.review.double`: double coding assignments for reliability
"""

from autocoder.review.decisions import (
    Undo,
    audit_entries,
    history,
    make_coding,
    parse_code_entry,
    record_decision,
    undo_last,
    validate_codes,
)
from autocoder.review.double import Assignment, assign_double, sample_segments
from autocoder.review.queue import ReviewItem, claim_next, pending, progress, release
from autocoder.review.spreadsheet import ImportResult, export_queue, import_decisions

__all__ = [
    "Assignment", "ImportResult", "ReviewItem", "Undo", "assign_double", "audit_entries",
    "claim_next", "export_queue", "history", "import_decisions", "make_coding",
    "parse_code_entry", "pending", "progress", "record_decision", "release", "sample_segments",
    "undo_last", "validate_codes",
]
