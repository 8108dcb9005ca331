"""REFI-QDA exchange: ``.qdpx`` projects and ``.qdc`` codebooks (QDA-XML 1.0).

Export
    * Codes keep their id as ``name``; the ``Description`` holds the label, description,
      include/exclude lists and examples. Each evidence code has one child code per level,
      named ``<ID> level <n>`` (for example ``ASESMEN level 3``): a coding at level 3
      points at that child, a coding without level (the none-code) at the parent.
    * Users are the human coders plus ``machine`` (the suggestions, auto and review).
    * Each transcript is a ``TextSource`` whose plain text (``sources/<guid>.txt``) is
      its turns as ``SPEAKER: text`` lines joined by ``\\n``; its ``Description`` records
      the subject and the speakers' roles. :func:`source_text` keeps the map from segment
      to character offsets.
    * One ``PlainTextSelection`` per (segment, coder), offsets in characters (Unicode code
      points) into that plain text, each code a ``Coding`` with ``creatingUser`` = coder;
      memos are ``Notes`` referenced from the selection.
    * GUIDs are name-based (UUID5), so exporting the same project twice gives the same file.

Import (:func:`read_qdpx`, :func:`read_qdc`)
    * Codes are matched by name (the id; or the child ``<ID> level <n>`` for levels).
    * A selection counts for every respondent segment it overlaps by at least half of the
      shorter of the two; selections on interviewer text are skipped and reported.
    * A source whose transcript is in the store must have the same plain text; a source
      not in the store is created from its plain text (``SPEAKER: text`` lines, roles from
      the ``Description`` or else the speaker who asks most questions is the interviewer;
      line numbers are lines of the plain text).
    * Codings by ``machine`` are skipped (the name is reserved for suggestions).
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from autocoder.codebook import Code, Codebook, Level, parse_codebook
from autocoder.errors import DataError
from autocoder.export.project import PALETTE, ProjectData
from autocoder.export.tables import xml_safe
from autocoder.records import Transcript, Turn

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
MACHINE = "machine"
ORIGIN = "autocoder"
_GUID_NS = uuid.UUID("6f1c1a52-3c36-4b8e-9a51-5d0f3e7a2b10")
_LEVEL_NAME = re.compile(r"^(?P<code>.+?)\s+level\s+(?P<value>-?\d+)$", re.IGNORECASE)
_SECTIONS = {"Termasuk:": "include", "Tidak termasuk:": "exclude", "Contoh:": "examples"}


def guid(kind: str, *parts: object) -> str:
    """A stable GUID for one object of the export."""
    return str(uuid.uuid5(_GUID_NS, "\x1f".join([kind, *map(str, parts)])))


# -- plain text and offsets -----------------------------------------------------------------


@dataclass(frozen=True)
class SourceText:
    """A transcript as plain text, with each segment's ``(start, end)`` character span."""

    text: str
    spans: dict[str, tuple[int, int]]
    turn_spans: dict[int, tuple[int, int]]


def source_text(
    turns: Sequence[Mapping[str, Any]], segments: Sequence[Mapping[str, Any]]
) -> SourceText:
    """Plain text ``SPEAKER: text`` per turn, and where each segment's text lies in it.

    >>> st = source_text([{"turn": 1, "speaker": "P", "text": "Apa?"},
    ...                   {"turn": 2, "speaker": "R", "text": "Ya."}],
    ...                  [{"segment_id": "A-002", "turn": 2, "text": "Ya."}])
    >>> st.text, st.spans["A-002"], st.text[slice(*st.spans["A-002"])]
    ('P: Apa?\\nR: Ya.\\n', (11, 14), 'Ya.')
    """
    lines, turn_spans, pos = [], {}, 0
    for t in turns:
        prefix = f"{t['speaker']}: "
        body = xml_safe(str(t["text"]))
        turn_spans[int(t["turn"])] = (pos + len(prefix), pos + len(prefix) + len(body))
        lines.append(prefix + body + "\n")
        pos += len(prefix) + len(body) + 1
    text = "".join(lines)
    spans: dict[str, tuple[int, int]] = {}
    cursor: dict[int, int] = {}
    for s in segments:
        turn = int(s["turn"])
        if turn not in turn_spans:
            continue
        start, end = turn_spans[turn]
        seg = xml_safe(str(s["text"]))
        at = text.find(seg, cursor.get(turn, start), end) if seg else -1
        if at < 0:
            spans[str(s["segment_id"])] = (start, end)
        else:
            spans[str(s["segment_id"])] = (at, at + len(seg))
            cursor[turn] = at + len(seg)
    return SourceText(text, spans, turn_spans)


# -- codebook --------------------------------------------------------------------------------


def describe_code(code: Code) -> str:
    """The ``Description`` of a code: label, description, then the include/exclude/examples."""
    parts = [code.label, code.description.strip()]
    for header, attr in _SECTIONS.items():
        items = getattr(code, attr)
        if items:
            parts.append(header + "\n" + "\n".join(f"- {i}" for i in items))
    return "\n\n".join(parts)


def parse_description(text: str) -> dict[str, Any]:
    """Inverse of :func:`describe_code` (a foreign description becomes label + description)."""
    blocks = [b.strip() for b in text.strip().split("\n\n") if b.strip()]
    out: dict[str, Any] = {}
    rest = []
    for block in blocks:
        first, _, body = block.partition("\n")
        if first in _SECTIONS:
            out[_SECTIONS[first]] = [ln[2:] if ln.startswith("- ") else ln
                                     for ln in body.splitlines() if ln.strip()]
        else:
            rest.append(block)
    if len(rest) >= 2:
        out["label"], out["description"] = rest[0], "\n\n".join(rest[1:])
    elif rest:
        out["label"] = out["description"] = rest[0]
    return out


def level_name(code_id: str, value: int) -> str:
    return f"{code_id} level {value}"


def _codes_element(book: Codebook, ns: str) -> etree._Element:
    q = f"{{{ns}}}"
    codes = etree.Element(q + "Codes")
    for i, code in enumerate(book.codes):
        el = etree.SubElement(codes, q + "Code", guid=guid("code", code.id), name=code.id,
                              isCodable="true", color=PALETTE[i % len(PALETTE)])
        etree.SubElement(el, q + "Description").text = xml_safe(describe_code(code))
        if not code.evidence:
            continue
        for lv in book.levels:
            child = etree.SubElement(el, q + "Code", guid=guid("level", code.id, lv.value),
                                     name=level_name(code.id, lv.value), isCodable="true",
                                     color=PALETTE[i % len(PALETTE)])
            desc = lv.label + ("\n\n" + lv.description.strip() if lv.description.strip() else "")
            etree.SubElement(child, q + "Description").text = xml_safe(desc)
    return codes


def codebook_xml(book: Codebook) -> bytes:
    """The codebook alone as a REFI-QDA ``.qdc`` document."""
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS}, origin=ORIGIN)
    root.append(_codes_element(book, CODEBOOK_NS))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _codebook_from_codes(codes_el: etree._Element, ns: str, name: str) -> Codebook:
    q = f"{{{ns}}}"
    codes: list[dict[str, Any]] = []
    levels: dict[int, dict[str, Any]] = {}
    for el in codes_el.findall(q + "Code"):
        desc = parse_description(el.findtext(q + "Description") or "")
        entry = {"id": el.get("name", ""), "label": desc.get("label") or el.get("name", ""),
                 "description": desc.get("description") or el.get("name", ""),
                 "include": desc.get("include", []), "exclude": desc.get("exclude", []),
                 "examples": desc.get("examples", [])}
        children = el.findall(q + "Code")
        entry["evidence"] = bool(children)
        for child in children:
            m = _LEVEL_NAME.match(child.get("name", ""))
            if not m:
                continue
            value = int(m["value"])
            text = (child.findtext(q + "Description") or "").strip()
            label, _, rest = text.partition("\n\n")
            levels.setdefault(value, {"value": value, "label": label or str(value),
                                      "description": rest.strip()})
        codes.append(entry)
    data = {"name": name, "levels": [levels[v] for v in sorted(levels)], "codes": codes}
    return parse_codebook(data, source=name)


def parse_qdc(content: bytes, *, name: str = "codebook") -> Codebook:
    """A codebook from a ``.qdc`` document written by autocoder (or another tool whose
    codes have level children named ``<ID> level <n>``)."""
    root = _parse_xml(content, "codebook")
    ns = etree.QName(root).namespace or CODEBOOK_NS
    codes_el = root.find(f"{{{ns}}}Codes")
    if codes_el is None:
        raise DataError(f"{name}: no <Codes> element in the codebook")
    return _codebook_from_codes(codes_el, ns, name)


def read_qdc(path: str | Path, *, name: str | None = None) -> Codebook:
    path = Path(path)
    try:
        content = path.read_bytes()
    except OSError as err:
        raise DataError(f"{path}: cannot read ({err})") from None
    return parse_qdc(content, name=name or path.stem)


def codebook_yaml(book: Codebook) -> str:
    """A codebook as YAML text that :func:`autocoder.codebook.load_codebook` reads back."""
    import yaml

    return yaml.safe_dump(book.model_dump(), allow_unicode=True, sort_keys=False, width=100)


# -- project export ------------------------------------------------------------------------


def _source_description(subject: str, turns: Sequence[Mapping[str, Any]]) -> str:
    roles: dict[str, list[str]] = {"interviewer": [], "respondent": []}
    for t in turns:
        if t["speaker"] not in roles.get(t["role"], []):
            roles.setdefault(t["role"], []).append(t["speaker"])
    lines = [f"subject: {subject}"]
    lines += [f"{role}: {', '.join(names)}" for role, names in roles.items() if names]
    return "\n".join(lines)


def _coder_codings(data: ProjectData) -> dict[str, list[dict[str, Any]]]:
    """Per segment id, each coder's current coding (humans, then ``machine``)."""
    segs = {c["uid"]: c for c in data.codings}
    out: dict[str, list[dict[str, Any]]] = {}
    for h in data.human_codings:
        if h["segment_uid"] in segs and h["codes"]:
            out.setdefault(h["segment_id"], []).append(
                {"coder": h["coder"], "codes": h["codes"], "levels": h["levels"],
                 "memo": h["memo"], "note": ""})
    for uid, s in sorted(data.suggestions.items()):
        if uid in segs and s["codes"]:
            out.setdefault(segs[uid]["segment_id"], []).append(
                {"coder": MACHINE, "codes": s["codes"], "levels": s["levels"], "memo": "",
                 "note": f"status: {s['status']}; confidence: {float(s['confidence']):.3f}"})
    return out


def project_files(data: ProjectData) -> tuple[bytes, dict[str, str]]:
    """``project.qde`` and the plain texts (``sources/<guid>.txt`` -> text) of a project."""
    q = f"{{{PROJECT_NS}}}"
    by_segment = _coder_codings(data)
    coders = sorted({c["coder"] for cs in by_segment.values() for c in cs} | {MACHINE})
    root = etree.Element(q + "Project", nsmap={None: PROJECT_NS}, name=data.name or "autocoder",
                         origin=ORIGIN, creatingUserGUID=guid("user", MACHINE))
    users = etree.SubElement(root, q + "Users")
    for coder in coders:
        etree.SubElement(users, q + "User", guid=guid("user", coder), name=coder, id=coder)
    book = etree.SubElement(root, q + "CodeBook")
    book.append(_codes_element(data.codebook, PROJECT_NS))
    sources = etree.SubElement(root, q + "Sources")
    notes: list[etree._Element] = []
    files: dict[str, str] = {}
    for t in data.transcripts:
        name = t["name"]
        turns = data.turns.get(name, [])
        segs = data.segments_of(name)
        st = source_text(turns, segs)
        sguid = guid("source", name)
        files[f"sources/{sguid}.txt"] = st.text
        src = etree.SubElement(sources, q + "TextSource", guid=sguid, name=name,
                               plainTextPath=f"internal://{sguid}.txt")
        etree.SubElement(src, q + "Description").text = xml_safe(
            _source_description(t["subject"], turns))
        for seg in segs:
            sid = seg["segment_id"]
            start, end = st.spans[sid]
            for c in by_segment.get(sid, []):
                user = guid("user", c["coder"])
                sel = etree.SubElement(src, q + "PlainTextSelection",
                                       guid=guid("selection", sid, c["coder"]), name=sid,
                                       startPosition=str(start), endPosition=str(end),
                                       creatingUser=user)
                if c["note"]:
                    etree.SubElement(sel, q + "Description").text = c["note"]
                for code in c["codes"]:
                    level = c["levels"].get(code)
                    target = guid("code", code) if level is None else guid("level", code, level)
                    cguid = guid("coding", sid, c["coder"], code)
                    cod = etree.SubElement(sel, q + "Coding", guid=cguid, creatingUser=user)
                    etree.SubElement(cod, q + "CodeRef", targetGUID=target)
                if c["memo"]:
                    nguid = guid("note", sid, c["coder"])
                    etree.SubElement(sel, q + "NoteRef", targetGUID=nguid)
                    note = etree.Element(q + "Note", guid=nguid, name=f"Memo {sid} ({c['coder']})",
                                         creatingUser=user)
                    etree.SubElement(note, q + "PlainTextContent").text = xml_safe(c["memo"])
                    notes.append(note)
    if notes:
        etree.SubElement(root, q + "Notes").extend(notes)
    qde = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    return qde, files


def qdpx_bytes(data: ProjectData) -> bytes:
    """The project as a ``.qdpx`` zip: ``project.qde`` plus ``sources/<guid>.txt``."""
    qde, files = project_files(data)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(_entry("project.qde"), qde)
        for name, text in sorted(files.items()):
            z.writestr(_entry(name), text.encode("utf-8"))
    return buf.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


# -- project import ------------------------------------------------------------------------


@dataclass(frozen=True)
class QdpxSelection:
    start: int
    end: int
    coder: str
    codes: tuple[tuple[str, int | None], ...]
    """``(code name, level)`` pairs; unknown codes keep their name for the error message."""
    memo: str = ""


@dataclass(frozen=True)
class QdpxSource:
    name: str
    text: str
    description: str
    selections: list[QdpxSelection] = field(default_factory=list)


@dataclass(frozen=True)
class QdpxProject:
    name: str
    codebook: Codebook | None
    sources: list[QdpxSource]


def _parse_xml(content: bytes, what: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(content, parser)
    except etree.XMLSyntaxError as err:
        raise DataError(f"not a valid REFI-QDA {what} document: {err}") from None


def parse_qdpx(content: bytes, *, name: str = "project.qdpx") -> QdpxProject:
    """Read a ``.qdpx`` (zip) into plain data: sources, their text and coded selections."""
    try:
        z = zipfile.ZipFile(io.BytesIO(content))
        qde = z.read("project.qde")
    except (zipfile.BadZipFile, KeyError) as err:
        raise DataError(f"{name}: not a .qdpx file with a project.qde ({err})") from None
    root = _parse_xml(qde, "project")
    ns = etree.QName(root).namespace or PROJECT_NS
    q = f"{{{ns}}}"
    users = {u.get("guid", "").lower(): u.get("name") or u.get("id") or u.get("guid", "")
             for u in root.iter(q + "User")}
    codes: dict[str, tuple[str, int | None]] = {}
    codes_el = root.find(f"{q}CodeBook/{q}Codes")
    for el in root.iter(q + "Code"):
        m = _LEVEL_NAME.match(el.get("name", ""))
        parent = el.getparent()
        if m and parent is not None and parent.tag == q + "Code":
            codes[el.get("guid", "").lower()] = (parent.get("name", ""), int(m["value"]))
        else:
            codes[el.get("guid", "").lower()] = (el.get("name", ""), None)
    notes = {n.get("guid", "").lower(): n.findtext(q + "PlainTextContent") or ""
             for n in root.iter(q + "Note")}
    codebook = None
    if codes_el is not None:
        try:
            codebook = _codebook_from_codes(codes_el, ns, root.get("name") or Path(name).stem)
        except Exception:  # a foreign codebook need not fit ours; codes still match by name
            codebook = None
    sources = []
    for src in root.iter(q + "TextSource"):
        if src.getparent() is not None and src.getparent().tag != q + "Sources":
            continue
        text = src.findtext(q + "PlainTextContent")
        if text is None:
            path = (src.get("plainTextPath") or "").removeprefix("internal://")
            try:
                text = z.read(f"sources/{path}").decode("utf-8-sig")
            except KeyError:
                raise DataError(f"{name}: source {src.get('name')!r} has no plain text") from None
        selections = []
        for sel in src.findall(q + "PlainTextSelection"):
            by: dict[str, list[tuple[str, int | None]]] = {}
            for cod in sel.findall(q + "Coding"):
                user = cod.get("creatingUser") or sel.get("creatingUser") or ""
                coder = users.get(user.lower(), "unknown")
                ref = cod.find(q + "CodeRef")
                target = (ref.get("targetGUID", "") if ref is not None else "").lower()
                by.setdefault(coder, []).append(codes.get(target, (f"guid {target}", None)))
            memo = "\n".join(notes.get(r.get("targetGUID", "").lower(), "")
                             for r in sel.findall(q + "NoteRef")).strip()
            for coder, pairs in by.items():
                selections.append(QdpxSelection(int(sel.get("startPosition", 0)),
                                                int(sel.get("endPosition", 0)), coder,
                                                tuple(pairs), memo))
        sources.append(QdpxSource(src.get("name") or src.get("guid", ""),
                                  text.replace("\r\n", "\n"),
                                  src.findtext(q + "Description") or "", selections))
    return QdpxProject(root.get("name", ""), codebook, sources)


def read_qdpx(path: str | Path) -> QdpxProject:
    path = Path(path)
    try:
        content = path.read_bytes()
    except OSError as err:
        raise DataError(f"{path}: cannot read ({err})") from None
    return parse_qdpx(content, name=str(path))


_TURN_LINE = re.compile(r"^(?P<speaker>[^:\n]{1,60}):\s(?P<text>.*)$")


def transcript_from_source(source: QdpxSource) -> Transcript:
    """A transcript rebuilt from a source's plain text (``SPEAKER: text`` lines)."""
    meta = dict(line.split(": ", 1) for line in source.description.splitlines() if ": " in line)
    raw: list[list[Any]] = []
    for n, line in enumerate(source.text.split("\n"), 1):
        m = _TURN_LINE.match(line)
        if m:
            raw.append([m["speaker"].strip(), m["text"], n, n])
        elif raw and line.strip():
            raw[-1][1] += "\n" + line
            raw[-1][3] = n
    if not raw:
        raise DataError(f"source {source.name!r}: no 'SPEAKER: text' lines to rebuild turns from")
    roles: dict[str, str] = {}
    for role in ("interviewer", "respondent"):
        roles.update({s.strip(): role for s in meta.get(role, "").split(",") if s.strip()})
    speakers = list(dict.fromkeys(r[0] for r in raw))
    if not roles:
        def asks(s: str) -> float:
            texts = [r[1] for r in raw if r[0] == s]
            return sum(t.rstrip().endswith("?") for t in texts) / len(texts)
        asker = max(speakers, key=lambda s: (asks(s), -speakers.index(s)))
        roles = {s: "interviewer" if s == asker else "respondent" for s in speakers}
    turns = [Turn(i, sp, roles.get(sp, "respondent"), text, a, b)  # type: ignore[arg-type]
             for i, (sp, text, a, b) in enumerate(raw, 1)]
    return Transcript(
        name=source.name, path=f"qdpx:{source.name}", subject=meta.get("subject", source.name),
        turns=turns, content_hash=hashlib.sha256(source.text.encode("utf-8")).hexdigest(),
    )


def match_selection(
    start: int, end: int, spans: Mapping[str, tuple[int, int]]
) -> list[str]:
    """Segment ids a selection covers: overlap of at least half the shorter of the two."""
    out = []
    for sid, (a, b) in spans.items():
        overlap = min(end, b) - max(start, a)
        if overlap > 0 and overlap * 2 >= min(end - start, b - a):
            out.append(sid)
    return out


def selection_codings(
    project: QdpxProject,
    stored: Mapping[str, tuple[Sequence[Mapping[str, Any]], Sequence[Mapping[str, Any]]]],
    codebook: Codebook,
) -> tuple[dict[tuple[str, str], dict[str, Any]], list[Transcript], list[str]]:
    """Match every selection to segments; validate codes and levels.

    ``stored`` maps transcript name -> (turns, segments) of the store. Returns codings keyed
    by (segment id, coder), the transcripts to create, and notes on skipped selections;
    raises :class:`DataError` listing every bad selection.
    """
    from autocoder.segment import segment_transcript

    problems: list[str] = []
    skipped: list[str] = []
    create: list[Transcript] = []
    out: dict[tuple[str, str], dict[str, Any]] = {}
    known = set(codebook.ids)
    for source in project.sources:
        if source.name in stored:
            turns, segments = stored[source.name]
            st = source_text(turns, segments)
            if st.text.rstrip("\n") != source.text.rstrip("\n"):
                problems.append(
                    f"source {source.name!r}: its text differs from transcript {source.name!r} "
                    "in the store; offsets cannot be matched (re-ingest the same version)")
                continue
        else:
            transcript = transcript_from_source(source)
            turns = [vars(t) for t in transcript.turns]
            segments = [vars(s) for s in segment_transcript(transcript)]
            create.append(transcript)
            st = source_text(turns, segments)
            if st.text.rstrip("\n") != source.text.rstrip("\n"):
                st = SourceText(source.text, _spans_in(source.text, segments), {})
        for k, sel in enumerate(source.selections, 1):
            where = f"source {source.name!r}, selection {k} ({sel.start}–{sel.end})"
            if sel.coder == MACHINE:
                continue
            sids = match_selection(sel.start, sel.end, st.spans)
            if not sids:
                skipped.append(f"{where}: covers no respondent segment, skipped")
                continue
            for code, level in sel.codes:
                if code not in known:
                    problems.append(f"{where}: unknown code {code!r} (codebook has "
                                    f"{', '.join(codebook.ids)})")
                elif level is not None and level not in codebook.level_values:
                    problems.append(f"{where}: level {level} of {code} is out of range "
                                    f"{codebook.level_values}")
            for sid in sids:
                entry = out.setdefault((sid, sel.coder), {"codes": [], "levels": {}, "memo": []})
                for code, level in sel.codes:
                    if code not in entry["codes"]:
                        entry["codes"].append(code)
                    if level is not None:
                        entry["levels"][code] = level
                if sel.memo and sel.memo not in entry["memo"]:
                    entry["memo"].append(sel.memo)
    if problems:
        name = project.name or "project"
        raise DataError(f"{name}: cannot import the coded selections", problems)
    return out, create, skipped


def _spans_in(text: str, segments: Iterable[Mapping[str, Any]]) -> dict[str, tuple[int, int]]:
    spans, cursor = {}, 0
    for s in segments:
        at = text.find(str(s["text"]), cursor)
        if at >= 0:
            spans[str(s["segment_id"])] = (at, at + len(str(s["text"])))
            cursor = at + len(str(s["text"]))
    return spans


# Keep Level importable from here for callers building codebooks by hand.
__all__ = [
    "Level", "QdpxProject", "QdpxSelection", "QdpxSource", "SourceText", "codebook_xml",
    "codebook_yaml", "guid", "match_selection", "parse_qdc", "parse_qdpx", "project_files",
    "qdpx_bytes", "read_qdc", "read_qdpx", "selection_codings", "source_text",
    "transcript_from_source",
]
