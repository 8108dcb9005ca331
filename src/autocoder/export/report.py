"""The HTML report: one self-contained file (inline CSS, charts as base64 PNG).

Per subject: the overall category, the ratings per indicator, the share of evidence that
people reviewed, and the quotes behind each rating with their lines ("baris 12–15").
For the project: a subject-by-indicator heat map, the routing figures (human / auto /
review / uncoded) and, where two coders (or a coder and the machine) coded the same
segments, the agreement figures. Every transcript text is HTML-escaped.
"""

from __future__ import annotations

import base64
import io
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any

from autocoder.export.project import ProjectData
from autocoder.export.tables import line_ref
from autocoder.ratings import OVERALL, Rating, rate_subjects

if TYPE_CHECKING:
    import pandas as pd

    from autocoder.agreement.report import AgreementReport

TEMPLATE = Path(__file__).parent / "templates" / "report.html"
STATUSES = ("human", "auto", "review", "uncoded")
STATUS_LABELS = {"human": "ditinjau manusia", "auto": "otomatis", "review": "menunggu tinjauan",
                 "uncoded": "tidak dikode"}
MACHINE = "machine"


def routing_counts(data: ProjectData) -> dict[str, int]:
    """Segments by effective status: ``human``, ``auto``, ``review``, ``uncoded``."""
    counts = Counter(c["status"] for c in data.codings)
    return {s: counts.get(s, 0) for s in STATUSES}


def agreement_codings(data: ProjectData) -> pd.DataFrame:
    """Long table ``unit, coder, codes, levels``: every human coding, plus the machine's
    suggestion on the segments people coded."""
    import pandas as pd

    rows = [{"unit": c["segment_id"], "coder": c["coder"], "codes": tuple(c["codes"]),
             "levels": dict(c["levels"])} for c in data.human_codings]
    coded = {c["segment_uid"] for c in data.human_codings}
    seg_ids = {c["uid"]: c["segment_id"] for c in data.codings}
    for uid, s in sorted(data.suggestions.items()):
        if uid in coded and uid in seg_ids:
            rows.append({"unit": seg_ids[uid], "coder": MACHINE, "codes": tuple(s["codes"]),
                         "levels": dict(s["levels"])})
    return pd.DataFrame(rows, columns=["unit", "coder", "codes", "levels"])


def project_agreement(
    data: ProjectData, *, bootstrap: int = 200, seed: int = 0
) -> AgreementReport | None:
    """Agreement among the coders (machine included) where any two coded the same segments."""
    from autocoder.agreement import agreement_report

    df = agreement_codings(data)
    if df.empty or df["coder"].nunique() < 2:
        return None
    try:
        return agreement_report(df, codes=data.codebook.ids,
                                none_code=data.codebook.none_id or "", bootstrap=bootstrap,
                                seed=seed)
    except ValueError:
        return None


# -- charts --------------------------------------------------------------------------------


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def heatmap_png(ratings: Sequence[Rating], indicators: Sequence[str], levels: Sequence[int]) -> str:
    """Subjects x indicators, coloured by mean level; base64 PNG."""
    import numpy as np
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure

    subjects = list(dict.fromkeys(f"{r.subject} ({r.transcript})" for r in ratings))
    grid = np.full((len(subjects), len(indicators)), np.nan)
    for r in ratings:
        if r.indicator in indicators and r.score is not None:
            row = subjects.index(f"{r.subject} ({r.transcript})")
            grid[row, indicators.index(r.indicator)] = r.score
    fig = Figure(figsize=(1.2 + 0.95 * len(indicators), 0.9 + 0.5 * len(subjects)))
    ax = fig.add_subplot()
    cmap = ListedColormap(["#f4a582", "#fddbc7", "#d1e5f0", "#92c5de", "#4393c3"]).with_extremes(
        bad="#eeeeee"
    )
    lo, hi = (min(levels), max(levels)) if levels else (1, 3)
    im = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, vmin=lo, vmax=hi, aspect="auto")
    ax.set_xticks(range(len(indicators)), labels=list(indicators), rotation=35, ha="right")
    ax.set_yticks(range(len(subjects)), labels=subjects)
    for i in range(len(subjects)):
        for j in range(len(indicators)):
            v = grid[i, j]
            ax.text(j, i, "–" if math.isnan(v) else f"{v:.1f}", ha="center", va="center",
                    fontsize=9)
    fig.colorbar(im, ax=ax, ticks=list(range(lo, hi + 1)), label="level")
    ax.set_title("Level rata-rata per subjek dan indikator")
    return _png(fig)


def routing_png(counts: dict[str, int]) -> str:
    """Horizontal bars of segments by status; base64 PNG."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 2.2))
    ax = fig.add_subplot()
    colors = {"human": "#1b9e77", "auto": "#d95f02", "review": "#e7298a", "uncoded": "#999999"}
    labels = [STATUS_LABELS[s] for s in STATUSES]
    ax.barh(labels, [counts[s] for s in STATUSES], color=[colors[s] for s in STATUSES])
    for i, s in enumerate(STATUSES):
        ax.text(counts[s], i, f" {counts[s]}", va="center")
    ax.invert_yaxis()
    ax.set_xlabel("segmen")
    return _png(fig)


# -- HTML ------------------------------------------------------------------------------------


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return escape(str(value))


def _table(header: Sequence[str], rows: Iterable[Sequence[Any]], cls: str = "") -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = []
    for row in rows:
        cells = []
        for v in row:
            num = isinstance(v, int | float) and not isinstance(v, bool)
            cells.append(f'<td class="num">{_fmt(v)}</td>' if num else f"<td>{_fmt(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    attr = f' class="{cls}"' if cls else ""
    return f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _img(b64: str, alt: str, cls: str) -> str:
    return f'<img class="{cls}" alt="{escape(alt)}" src="data:image/png;base64,{b64}">'


def _share(evidence: Sequence[Any]) -> str:
    n = len(evidence)
    if not n:
        return "tidak ada bukti"
    c = Counter(e.status for e in evidence)
    return ", ".join(f"{STATUS_LABELS[s]} {c.get(s, 0)} ({100 * c.get(s, 0) / n:.0f}%)"
                     for s in ("human", "auto", "review"))


def _subject_section(k: int, ratings: Sequence[Rating], data: ProjectData) -> str:
    overall = next(r for r in ratings if r.indicator == OVERALL)
    per = [r for r in ratings if r.indicator != OVERALL]
    book = data.codebook
    out = [f'<section class="subject" id="subject-{k}">',
           f"<h2>{escape(overall.subject)} <span class=\"muted\">({escape(overall.transcript)})"
           f"</span></h2>",
           f'<p>Kategori keseluruhan: <span class="category">{escape(overall.category)}</span>'
           f" (skor {_fmt(overall.score)}, {overall.n_evidence} bukti)</p>",
           f'<p class="share">Bukti: {escape(_share(overall.evidence))}</p>']
    out.append(_table(
        ["indikator", "skor", "kategori", "bukti", "ditinjau", "otomatis", "menunggu"],
        [[r.indicator, r.score, r.category, r.n_evidence,
          sum(e.status == "human" for e in r.evidence),
          sum(e.status == "auto" for e in r.evidence), r.n_unreviewed] for r in per],
        "ratings"))
    for r in per:
        if not r.evidence:
            continue
        try:
            label = book.code(r.indicator).label
        except KeyError:
            label = r.indicator
        out.append(f"<h3>{escape(r.indicator)} – {escape(label)}</h3>")
        for e in r.evidence:
            status = escape(e.status)
            out.append(
                f'<blockquote class="evidence">{escape(e.text)}<br>'
                f'<span class="ref">baris {escape(line_ref(e.line_start, e.line_end))} · '
                f"{escape(e.segment_id)} · level {e.level} · "
                f'<span class="status-{status}">{escape(STATUS_LABELS.get(e.status, e.status))}'
                f"</span></span></blockquote>")
    out.append("</section>")
    return "\n".join(out)


def _agreement_section(report: AgreementReport | None) -> str:
    out = ['<section id="agreement"><h2>Kesepakatan antar-pengode</h2>']
    if report is None:
        out.append('<p class="muted">Belum ada segmen yang dikode oleh dua pengode '
                   "(atau oleh pengode dan mesin); kesepakatan belum dapat dihitung.</p>")
        return "\n".join([*out, "</section>"])
    p = report.pooled
    out.append(f"<p>Pengode: {escape(', '.join(report.coders))}; "
               f"{report.n_units_paired} segmen dikode oleh dua pengode atau lebih.</p>")
    out.append(_table(
        ["koefisien", "nilai"],
        [["persentase kesepakatan", float(p["percent_agreement"])],
         [report.kappa_kind.replace("_", " "), float(p["kappa"])],
         ["Krippendorff's alpha", float(p["krippendorff_alpha"])],
         ["Gwet's AC1", float(p["gwet_ac1"])]], "pooled"))
    if not report.per_code.empty:
        cols = ["code", "n_units", "percent_agreement", "kappa", "krippendorff_alpha",
                "level_percent_agreement"]
        cols = [c for c in cols if c in report.per_code.columns]
        out.append(_table(cols, report.per_code[cols].itertuples(index=False), "per-code"))
    if not report.pairs.empty:
        out.append(_table(list(report.pairs.columns),
                          report.pairs.itertuples(index=False), "pairs"))
    return "\n".join([*out, "</section>"])


def render_report(
    data: ProjectData, *, agreement: AgreementReport | None | str = "auto",
    title: str | None = None,
) -> str:
    """The report as one HTML string (``agreement="auto"`` computes it from the data)."""
    ratings = rate_subjects(data.codings, data.codebook, data.rubric)
    report = project_agreement(data) if agreement == "auto" else agreement
    assert not isinstance(report, str)
    indicators = list(dict.fromkeys(r.indicator for r in ratings if r.indicator != OVERALL))
    counts = routing_counts(data)
    title = title or f"Laporan pengodean – {data.name}"
    body = [f"<h1>{escape(title)}</h1>",
            f'<p class="muted">{len(data.transcripts)} transkrip, {len(data.codings)} segmen; '
            f"codebook: {escape(data.codebook.name)}.</p>",
            '<section id="overview"><h2>Ringkasan</h2>']
    overall = [r for r in ratings if r.indicator == OVERALL]
    body.append(_table(["subjek", "transkrip", "kategori", "skor", "bukti", "menunggu tinjauan"],
                       [[r.subject, r.transcript, r.category, r.score, r.n_evidence,
                         r.n_unreviewed] for r in overall], "overall"))
    if ratings and indicators:
        body.append(_img(heatmap_png(ratings, indicators, data.codebook.level_values),
                         "Peta panas level per subjek dan indikator", "heatmap"))
    body.append("</section>")
    body.append('<section id="routing"><h2>Alur pengodean</h2>')
    total = sum(counts.values()) or 1
    body.append(_table(["status", "segmen", "persen"],
                       [[STATUS_LABELS[s], counts[s], f"{100 * counts[s] / total:.0f}%"]
                        for s in STATUSES], "routing"))
    body.append(_img(routing_png(counts), "Segmen per status", "routing-chart"))
    body.append("</section>")
    body.append(_agreement_section(report))
    by_subject: dict[tuple[str, str], list[Rating]] = {}
    for r in ratings:
        by_subject.setdefault((r.transcript, r.subject), []).append(r)
    for k, group in enumerate(by_subject.values(), 1):
        body.append(_subject_section(k, group, data))
    template = Template(TEMPLATE.read_text(encoding="utf-8"))
    return template.substitute(title=escape(title), body="\n".join(body))


def write_report(data: ProjectData, path: str | Path, **kwargs: Any) -> Path:
    path = Path(path)
    path.write_text(render_report(data, **kwargs), encoding="utf-8")
    return path
