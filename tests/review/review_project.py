"""A small review project: two transcripts, five answers, machine suggestions.

The machine routed three answers to review; least confident first they are
A-006 (0.30), A-004 (0.40) and B-002 (0.55). A-002 and B-004 were auto-accepted.
"""

from __future__ import annotations

from pathlib import Path

from autocoder.records import Transcript, Turn
from autocoder.segment import segment_transcript
from autocoder.store import ProjectStore, Suggestion

TRANSCRIPTS = {
    "A": [
        ("P", "interviewer", "Bagaimana Ibu melakukan asesmen?"),
        ("K", "respondent", "Saya sebar AKPD setiap awal tahun."),
        ("P", "interviewer", "Programnya bagaimana?"),
        ("K", "respondent", "Program tahunan saya susun dari hasil AKPD."),
        ("P", "interviewer", "Pernah meneliti?"),
        ("K", "respondent", "Belum pernah [tertawa]."),
    ],
    "B": [
        ("P", "interviewer", "Instrumen apa yang dipakai?"),
        ("K", "respondent", "Kadang DCM, kadang ngobrol saja."),
        ("P", "interviewer", "Pendekatan konselingnya?"),
        ("K", "respondent", "Saya dengarkan dulu siswanya."),
    ],
}

SUGGESTIONS = {  # segment id: (codes, levels, confidence, status)
    "A-002": (("ASESMEN",), {"ASESMEN": 3}, 0.90, "auto"),
    "A-004": (("PROGRAM",), {"PROGRAM": 2}, 0.40, "review"),
    "A-006": (("LAIN",), {}, 0.30, "review"),
    "B-002": (("ASESMEN",), {"ASESMEN": 2}, 0.55, "review"),
    "B-004": (("TEORI",), {"TEORI": 1}, 0.80, "auto"),
}


def transcript(name: str) -> Transcript:
    turns = [Turn(i, who, role, text, 2 * i, 2 * i + 1)
             for i, (who, role, text) in enumerate(TRANSCRIPTS[name], 1)]
    return Transcript(name=name, path=f"{name}.txt", subject=f"Konselor {name}",
                      turns=turns, content_hash=f"hash-{name}")


def build_project(path: Path) -> Path:
    with ProjectStore(path) as store:
        for name in TRANSCRIPTS:
            t = transcript(name)
            store.add_transcript(t, segment_transcript(t))
        uid = uids(store)
        store.save_suggestions("test-model", [
            Suggestion(uid[sid], codes, levels, conf, None if not levels else 0.5, status, {})
            for sid, (codes, levels, conf, status) in SUGGESTIONS.items()
        ])
    return path


def uids(store: ProjectStore) -> dict[str, int]:
    """Segment id -> uid."""
    return {s["segment_id"]: s["uid"] for s in store.segments()}
