"""REFI-QDA: schema-valid export, exact offsets, import and round trip."""

from __future__ import annotations

import io
import zipfile

import pytest
from export_fixtures import build_store
from lxml import etree

from autocoder.errors import DataError
from autocoder.export import load_project
from autocoder.export.importing import import_qdpx
from autocoder.export.refiqda import (
    codebook_xml,
    match_selection,
    parse_qdc,
    parse_qdpx,
    project_files,
    qdpx_bytes,
    source_text,
)
from autocoder.store import ProjectStore

NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture
def schemas(shared_dir):
    folder = shared_dir / "refi-qda"
    return (etree.XMLSchema(etree.parse(str(folder / "Project.xsd"))),
            etree.XMLSchema(etree.parse(str(folder / "Codebook.xsd"))))


def test_project_and_codebook_validate_against_the_official_schemas(data, schemas):
    project_xsd, codebook_xsd = schemas
    qde, _ = project_files(data)
    project_xsd.assertValid(etree.fromstring(qde))
    codebook_xsd.assertValid(etree.fromstring(codebook_xml(data.codebook)))


def test_qdpx_zip_layout_and_users(data):
    z = zipfile.ZipFile(io.BytesIO(qdpx_bytes(data)))
    names = z.namelist()
    assert names[0] == "project.qde"
    assert sorted(n for n in names if n.startswith("sources/")) == sorted(
        n for n in names[1:])
    root = etree.fromstring(z.read("project.qde"))
    users = [u.get("name") for u in root.iterfind("q:Users/q:User", NS)]
    assert users == ["budi", "machine", "rina"]
    assert qdpx_bytes(data) == qdpx_bytes(data)  # stable GUIDs: same project, same file


def test_selection_offsets_select_exactly_the_coded_text(data):
    qde, files = project_files(data)
    root = etree.fromstring(qde)
    users = {u.get("guid"): u.get("name") for u in root.iterfind("q:Users/q:User", NS)}
    segs = {c["segment_id"]: c for c in data.codings}
    n = 0
    for src in root.iterfind("q:Sources/q:TextSource", NS):
        text = files["sources/" + src.get("plainTextPath").removeprefix("internal://")]
        for sel in src.iterfind("q:PlainTextSelection", NS):
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            assert text[start:end] == segs[sel.get("name")]["text"]
            for coding in sel.iterfind("q:Coding", NS):
                assert users[coding.get("creatingUser")] == users[sel.get("creatingUser")]
            n += 1
    assert n == 13  # 7 machine selections + 6 human ones


def test_window_segments_get_their_own_span():
    turns = [{"turn": 1, "speaker": "P", "text": "Apa?"},
             {"turn": 2, "speaker": "Bu R", "text": "Satu. Dua. Satu."}]
    segs = [{"segment_id": "a.1", "turn": 2, "text": "Satu."},
            {"segment_id": "a.2", "turn": 2, "text": "Dua. Satu."}]
    st = source_text(turns, segs)
    assert [st.text[slice(*st.spans[s])] for s in ("a.1", "a.2")] == ["Satu.", "Dua. Satu."]
    assert st.spans["a.2"][0] > st.spans["a.1"][0]


def test_match_selection_needs_half_of_the_shorter_span():
    spans = {"a": (0, 10), "b": (10, 20)}
    assert match_selection(0, 10, spans) == ["a"]
    assert match_selection(2, 12, spans) == ["a"]
    assert match_selection(0, 20, spans) == ["a", "b"]
    assert match_selection(25, 30, spans) == []


def test_memos_become_notes(data):
    qde, _ = project_files(data)
    root = etree.fromstring(qde)
    notes = [n.findtext("q:PlainTextContent", namespaces=NS)
             for n in root.iterfind("q:Notes/q:Note", NS)]
    assert sorted(notes) == ['=HYPERLINK("http://x","y")', "jelas"]


def _strip(book):
    """Codes and levels with surrounding whitespace dropped (the codebook's name,
    language and description are not part of a .qdc)."""
    codes = [{k: v.strip() if isinstance(v, str) else v for k, v in c.model_dump().items()}
             for c in book.codes]
    levels = [(lv.value, lv.label, lv.description.strip()) for lv in book.levels]
    return codes, levels


def test_qdc_round_trip(codebook):
    back = parse_qdc(codebook_xml(codebook), name="kompetensi")
    assert back.name == "kompetensi"
    assert _strip(back) == _strip(codebook)
    assert back.none_id == "LAIN" and back.evidence_ids == codebook.evidence_ids


def _human(store: ProjectStore) -> set[tuple[str, str, tuple[str, ...], tuple]]:
    return {(c["segment_id"], c["coder"], c["codes"], tuple(sorted(c["levels"].items())))
            for c in store.codings()}


def test_round_trip_into_a_fresh_project(project, tmp_path, codebook):
    first = tmp_path / "first.qdpx"
    first.write_bytes(qdpx_bytes(load_project(project)))
    fresh = tmp_path / "fresh"
    with ProjectStore(fresh) as store:
        result = import_qdpx(store, first, codebook)
        assert result.created_transcripts == ["T01", "T02"]
        imported = _human(store)
        memos = {c["segment_id"]: c["memo"] for c in store.codings(coder="rina")}
    with ProjectStore(project) as store:
        assert imported == _human(store)
    assert memos["T01-002"] == "jelas"
    second = qdpx_bytes(load_project(fresh))
    a, b = parse_qdpx(first.read_bytes()), parse_qdpx(second)
    human = lambda p: {(s.name, sel.start, sel.end, sel.coder, sel.codes)  # noqa: E731
                       for s in p.sources for sel in s.selections if sel.coder != "machine"}
    assert human(a) == human(b) and len(human(a)) == 6


def test_import_into_a_project_with_the_transcripts(project, tmp_path, codebook):
    path = tmp_path / "p.qdpx"
    path.write_bytes(qdpx_bytes(load_project(project)))
    target = build_store(tmp_path / "target", humans=False)
    with ProjectStore(target) as store:
        result = import_qdpx(store, path, codebook)
        assert result.created_transcripts == []
        assert result.coders == ["budi", "rina"]
        assert len(store.codings()) == 6


def test_import_refuses_unknown_codes_and_writes_nothing(project, tmp_path, codebook):
    qde, files = project_files(load_project(project))
    qde = qde.replace(b'name="TEORI"', b'name="TEORIX"')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("project.qde", qde)
        for name, text in files.items():
            z.writestr(name, text)
    path = tmp_path / "bad.qdpx"
    path.write_bytes(buf.getvalue())
    fresh = tmp_path / "fresh"
    with ProjectStore(fresh) as store:
        with pytest.raises(DataError, match="unknown code 'TEORIX'"):
            import_qdpx(store, path, codebook)
        assert store.transcripts() == [] and store.codings() == []


def test_import_refuses_a_changed_transcript(project, tmp_path, codebook):
    qde, files = project_files(load_project(project))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("project.qde", qde)
        for name, text in files.items():
            z.writestr(name, text.replace("lemari", "laci"))
    path = tmp_path / "changed.qdpx"
    path.write_bytes(buf.getvalue())
    target = build_store(tmp_path / "target", humans=False)
    with ProjectStore(target) as store, pytest.raises(DataError, match="differs"):
        import_qdpx(store, path, codebook)
