"""Render hand-written transcript sources (YAML) into transcript files plus a gold coding CSV.

The samples and the training corpus are written as YAML (one interview per file, see
``data/README.md`` for the format) so that the gold codes sit beside the words they code.
This script renders each one in the layout it names, the way real verbatim sheets look,
and writes ``gold.csv`` with one row per respondent turn.

    python scripts/render_transcripts.py data/samples/src data/samples
    python scripts/render_transcripts.py data/corpus/src data/corpus
"""

from __future__ import annotations

import csv
import sys
import textwrap
from pathlib import Path

import yaml

GOLD_COLUMNS = [
    "transcript",
    "subject",
    "turn",
    "speaker",
    "role",
    "question",
    "text",
    "codes",
    "levels",
]
LAYOUTS = {
    "short",
    "named",
    "timestamp",
    "numbered",
    "docx",
    "docx_table",
    "csv",
    "xlsx",
    "srt",
    "vtt",
}


def _clock(seconds: int, sep: str = ":") -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h:02d}:{m:02d}:{s:02d}"


def _turns(doc: dict) -> list[tuple[str, str, dict]]:
    """(role, text, turn-dict) for every speaker turn, in order."""
    out = []
    for t in doc["turns"]:
        if "i" in t:
            out.append(("interviewer", str(t["i"]).strip(), t))
        elif "r" in t:
            out.append(("respondent", str(t["r"]).strip(), t))
        else:
            raise ValueError(f"{doc['id']}: a turn needs 'i' or 'r': {t}")
    return out


def _header_lines(doc: dict) -> list[str]:
    return [f"{k}: {v}" for k, v in (doc.get("header") or {}).items()]


def render(doc: dict, out_dir: Path) -> Path:
    """Write one transcript in its layout; return the file path."""
    layout = doc.get("layout", "short")
    if layout not in LAYOUTS:
        raise ValueError(f"{doc['id']}: unknown layout {layout!r}")
    labels = doc.get("labels") or {"interviewer": "P", "respondent": "K"}
    turns = _turns(doc)
    label = {role: labels[role] for role in ("interviewer", "respondent")}
    stem = doc["id"]
    seconds = int(doc.get("start_seconds", 5))

    def stamps() -> list[int]:
        out, t = [], seconds
        for _, text, _ in turns:
            out.append(t)
            t += max(3, len(text.split()) // 2)
        return out

    if layout in {"short", "named", "timestamp", "numbered"}:
        lines = _header_lines(doc)
        if lines:
            lines.append("")
        title = doc.get("title")
        if title:
            lines = [title, ""] + lines
        body: list[str] = []
        for (role, text, _), ts in zip(turns, stamps(), strict=False):
            if layout == "timestamp":
                style = doc.get("stamp_style", "brackets")
                stamp = {
                    "brackets": f"[{_clock(ts)}]",
                    "plain": _clock(ts),
                    "parens": f"({_clock(ts)[3:]})",
                }[style]
                body.append(f"{stamp} {label[role]}: {text}")
            else:
                body.append(f"{label[role]}: {text}")
            if layout != "numbered" and doc.get("blank_lines", True):
                body.append("")
        if layout == "numbered":
            physical: list[str] = []
            for line in lines:
                physical.append(line)
            numbered = []
            for turn_line in body:
                numbered.extend(
                    textwrap.wrap(turn_line, width=int(doc.get("wrap", 70)), break_on_hyphens=False)
                )
            width = len(str(len(numbered)))
            sep = doc.get("number_sep", "  ")
            physical.extend(f"{i:>{width}}{sep}{ln}" for i, ln in enumerate(numbered, 1))
            text_out = "\n".join(physical) + "\n"
        else:
            text_out = "\n".join(lines + body).rstrip() + "\n"
        path = out_dir / f"{stem}.txt"
        path.write_text(text_out, encoding=doc.get("encoding", "utf-8"))
        return path

    if layout in {"docx", "docx_table"}:
        import docx

        d = docx.Document()
        if doc.get("title"):
            d.add_heading(doc["title"], level=1)
        for line in _header_lines(doc):
            d.add_paragraph(line)
        if layout == "docx":
            for role, text, _ in turns:
                d.add_paragraph(f"{label[role]}: {text}")
        else:
            table = d.add_table(rows=1, cols=3)
            for cell, head in zip(table.rows[0].cells, ["No", "Pembicara", "Transkrip"], strict=False):
                cell.text = head
            for n, (role, text, _) in enumerate(turns, 1):
                cells = table.add_row().cells
                cells[0].text, cells[1].text, cells[2].text = str(n), label[role], text
        path = out_dir / f"{stem}.docx"
        d.save(path)
        return path

    if layout in {"csv", "xlsx"}:
        rows = [
            {"timestamp": _clock(ts), "speaker": label[role], "text": text}
            for (role, text, _), ts in zip(turns, stamps(), strict=False)
        ]
        if layout == "csv":
            path = out_dir / f"{stem}.csv"
            with path.open("w", newline="", encoding="utf-8") as fh:
                writer = csv.DictWriter(fh, fieldnames=["timestamp", "speaker", "text"])
                writer.writeheader()
                writer.writerows(rows)
        else:
            import openpyxl

            wb = openpyxl.Workbook()
            ws = wb.active
            ws.append(["Waktu", "Pembicara", "Transkrip"])
            for r in rows:
                ws.append([r["timestamp"], r["speaker"], r["text"]])
            path = out_dir / f"{stem}.xlsx"
            wb.save(path)
        return path

    # subtitles: one cue per turn, speaker as "LABEL: text"
    cues = []
    st = stamps()
    for n, ((role, text, _), ts) in enumerate(zip(turns, st, strict=False), 1):
        end = st[n] if n < len(st) else ts + 5
        cues.append((n, ts, end - 1, f"{label[role]}: {text}"))
    if layout == "srt":
        parts = [f"{n}\n{_clock(a)},000 --> {_clock(b)},500\n{txt}\n" for n, a, b, txt in cues]
        path = out_dir / f"{stem}.srt"
        path.write_text("\n".join(parts), encoding="utf-8")
    else:
        parts = ["WEBVTT\n"] + [
            f"{_clock(a)}.000 --> {_clock(b)}.500\n{txt}\n" for _, a, b, txt in cues
        ]
        path = out_dir / f"{stem}.vtt"
        path.write_text("\n".join(parts), encoding="utf-8")
    return path


def gold_rows(doc: dict, codebook_ids: set[str] | None = None) -> list[dict]:
    """One gold row per respondent turn; ``turn`` counts all speaker turns from 1."""
    labels = doc.get("labels") or {"interviewer": "P", "respondent": "K"}
    rows, question = [], ""
    for n, (role, text, t) in enumerate(_turns(doc), 1):
        if role == "interviewer":
            question = text
            continue
        codes = list(t.get("codes") or [])
        levels = list(t.get("levels") or [])
        if not codes:
            raise ValueError(f"{doc['id']} turn {n}: respondent turn without codes")
        evidence = [c for c in codes if c != "LAIN"]
        if len(levels) != len(evidence):
            raise ValueError(
                f"{doc['id']} turn {n}: {len(evidence)} evidence codes but levels {levels}"
            )
        if "LAIN" in codes and evidence:
            raise ValueError(f"{doc['id']} turn {n}: LAIN cannot be combined with other codes")
        if codebook_ids is not None and (unknown := set(codes) - codebook_ids):
            raise ValueError(f"{doc['id']} turn {n}: unknown codes {sorted(unknown)}")
        if any(lv not in (1, 2, 3) for lv in levels):
            raise ValueError(f"{doc['id']} turn {n}: levels must be 1, 2 or 3: {levels}")
        rows.append(
            {
                "transcript": doc["id"],
                "subject": doc["subject"],
                "turn": n,
                "speaker": labels["respondent"],
                "role": "respondent",
                "question": question,
                "text": text,
                "codes": ";".join(codes),
                "levels": ";".join(str(v) for v in levels),
            }
        )
    return rows


def main(src: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    ids = None
    codebook = Path(__file__).parents[1] / "configs" / "codebook.yaml"
    if codebook.exists():
        ids = {c["id"] for c in yaml.safe_load(codebook.read_text(encoding="utf-8"))["codes"]}
    all_rows = []
    for path in sorted(src.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if doc.get("id") != path.stem:
            raise ValueError(f"{path}: id {doc.get('id')!r} must equal the file name")
        render(doc, out)
        all_rows.extend(gold_rows(doc, ids))
    with (out / "gold.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=GOLD_COLUMNS)
        writer.writeheader()
        writer.writerows(all_rows)
    print(f"{len(list(src.glob('*.yaml')))} transcripts, {len(all_rows)} respondent turns -> {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
