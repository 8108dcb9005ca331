"""A small coded project built straight in the store (no ingest, no model)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from autocoder.records import Transcript, Turn
from autocoder.segment import segment_transcript
from autocoder.store import Coding, ProjectStore, Suggestion

MALICIOUS = '=HYPERLINK("http://x","y")'
LONG = (
    "Awal tahun saya sebar AKPD ke semua kelas. Hasilnya saya olah di komputer. "
    "Lalu saya buat program tahunan. Program itu saya bahas dengan kepala sekolah. "
    "Setelah itu saya turunkan ke RPL. Tiap layanan ada evaluasinya. "
    "Evaluasi saya pakai angket singkat. Hasilnya jadi bahan program berikutnya."
)

TURNS = {
    "T01": ("Bu Rina", [
        ("P", "interviewer", "Bagaimana Ibu melakukan asesmen kebutuhan siswa?"),
        ("R", "respondent", "Saya pakai AKPD & DCM <b>setiap</b> awal tahun, lalu saya olah."),
        ("P", "interviewer", "Kalau program tahunan?"),
        ("R", "respondent", LONG),
        ("P", "interviewer", "Ada catatan lain?"),
        ("R", "respondent", MALICIOUS),
        ("P", "interviewer", "Dan teori konseling?"),
        ("R", "respondent", "@SUM(1) ya, saya pakai client-centered <script>alert(1)</script>."),
    ]),
    "T02": ("Pak Budi", [
        ("P", "interviewer", "Bagaimana Bapak menjaga kerahasiaan?"),
        ("R", "respondent", "Data siswa saya simpan di lemari terkunci."),
        ("P", "interviewer", "Penelitian?"),
        ("R", "respondent", "-- belum pernah, jujur saja."),
    ]),
}


def make_transcript(name: str, subject: str, spec: list[tuple[str, str, str]]) -> Transcript:
    turns, line = [], 1
    for i, (speaker, role, text) in enumerate(spec, 1):
        n_lines = 3 if len(text) > 200 else 1
        turns.append(Turn(i, speaker, role, text, line, line + n_lines - 1))  # type: ignore[arg-type]
        line += n_lines + 1
    digest = hashlib.sha256(repr(spec).encode()).hexdigest()
    return Transcript(name, f"{name}.txt", subject, turns, content_hash=digest)


def build_store(folder: Path, *, humans: bool = True, machine: bool = True) -> Path:
    with ProjectStore(folder) as store:
        for name, (subject, spec) in TURNS.items():
            t = make_transcript(name, subject, spec)
            store.add_transcript(t, segment_transcript(t))
        segs = {s["segment_id"]: s["uid"] for s in store.segments()}
        if machine:
            plan = {
                "T01-002": (("ASESMEN",), {"ASESMEN": 3}, 0.91, "auto"),
                "T01-004.1": (("ASESMEN", "PROGRAM"), {"ASESMEN": 2, "PROGRAM": 3}, 0.8, "auto"),
                "T01-004.2": (("EVALUASI",), {"EVALUASI": 2}, 0.55, "review"),
                "T01-006": (("LAIN",), {}, 0.4, "review"),
                "T01-008": (("TEORI",), {"TEORI": 2}, 0.7, "auto"),
                "T02-002": (("ETIKA",), {"ETIKA": 3}, 0.88, "auto"),
                "T02-004": (("PENELITIAN",), {"PENELITIAN": 1}, 0.6, "review"),
            }
            store.save_suggestions("test-model", [
                Suggestion(segs[sid], codes, levels, conf, None, status, {})
                for sid, (codes, levels, conf, status) in plan.items()
            ])
        if humans:
            store.add_codings([
                Coding(segs["T01-002"], "rina", ("ASESMEN",), {"ASESMEN": 3}, memo="jelas"),
                Coding(segs["T01-008"], "rina", ("TEORI",), {"TEORI": 3}, memo=MALICIOUS),
                Coding(segs["T02-004"], "rina", ("PENELITIAN",), {"PENELITIAN": 1}),
                Coding(segs["T01-002"], "budi", ("ASESMEN",), {"ASESMEN": 2}),
                Coding(segs["T01-008"], "budi", ("TEORI", "ETIKA"), {"TEORI": 3, "ETIKA": 1}),
                Coding(segs["T02-004"], "budi", ("PENELITIAN",), {"PENELITIAN": 1}),
            ])
    return folder
