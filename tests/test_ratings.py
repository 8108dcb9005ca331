from autocoder.codebook import load_codebook
from autocoder.ratings import NO_EVIDENCE, OVERALL, load_rubric, rate_subjects


def _row(seg, codes, levels, status="auto", subject="Konselor K"):
    return {
        "transcript": "K",
        "subject": subject,
        "segment_id": seg,
        "codes": codes,
        "levels": levels,
        "status": status,
    }


def test_mean_levels_per_indicator_and_overall_with_evidence_listed():
    rows = [
        _row("K-002", ("LAIN",), {}),
        _row("K-004", ("ASESMEN", "PROGRAM"), {"ASESMEN": 3, "PROGRAM": 2}, "human"),
        _row("K-006", ("ASESMEN",), {"ASESMEN": 2}, "review"),
        _row("K-008", ("ETIKA",), {"ETIKA": 3}),
    ]
    ratings = {r.indicator: r for r in rate_subjects(rows, load_codebook(), load_rubric())}
    assert ratings["ASESMEN"].score == 2.5 and ratings["ASESMEN"].category == "sangat baik"
    assert [e.segment_id for e in ratings["ASESMEN"].evidence] == ["K-004", "K-006"]
    assert ratings["ASESMEN"].n_unreviewed == 1
    assert ratings["PROGRAM"].score == 2 and ratings["PROGRAM"].category == "cukup baik"
    assert ratings["TEORI"].score is None and ratings["TEORI"].category == NO_EVIDENCE
    overall = ratings[OVERALL]
    assert overall.score == (2.5 + 2 + 3) / 3
    assert overall.category == "sangat baik"
    assert overall.n_evidence == 4 and overall.n_unreviewed == 1


def test_kurang_baik_below_the_lowest_band():
    rows = [_row("E-002", ("ASESMEN",), {"ASESMEN": 1}), _row("E-004", ("ETIKA",), {"ETIKA": 2})]
    overall = [
        r for r in rate_subjects(rows, load_codebook(), load_rubric()) if r.indicator == OVERALL
    ][0]
    assert overall.score == 1.5 and overall.category == "kurang baik"
