"""Inter-coder agreement: coefficients, multi-label reports, bootstrap intervals.

``metrics`` holds the coefficient functions, ``multilabel`` per-code / code-set agreement,
``bootstrap`` intervals, ``disagreement`` confusion matrices and the ranked list,
``report`` the :func:`agreement_report` core, ``io`` the file readers used by the CLI.
"""

from __future__ import annotations

from autocoder.agreement.bootstrap import ConfidenceInterval, alpha_ci, bootstrap_ci, kappa_ci
from autocoder.agreement.interpret import krippendorff_band, landis_koch_band
from autocoder.agreement.metrics import (
    cohen_kappa_score,
    fleiss_kappa_score,
    gwet_ac1_score,
    krippendorff_alpha_score,
    percent_agreement_score,
    ratings_to_counts,
    scott_pi_score,
)
from autocoder.agreement.multilabel import jaccard_distance, masi_distance
from autocoder.agreement.report import (
    AgreementReport,
    Figure,
    agreement_report,
    summarize_counts,
    summarize_matrix,
)

__all__ = [
    "AgreementReport",
    "ConfidenceInterval",
    "Figure",
    "agreement_report",
    "alpha_ci",
    "bootstrap_ci",
    "cohen_kappa_score",
    "fleiss_kappa_score",
    "gwet_ac1_score",
    "jaccard_distance",
    "kappa_ci",
    "krippendorff_alpha_score",
    "krippendorff_band",
    "landis_koch_band",
    "masi_distance",
    "percent_agreement_score",
    "ratings_to_counts",
    "scott_pi_score",
    "summarize_counts",
    "summarize_matrix",
]
