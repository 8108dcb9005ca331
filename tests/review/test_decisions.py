"""Decisions sit beside the machine's suggestion; undo restores the state before a decision."""

from __future__ import annotations

import pytest
from review_project import uids

from autocoder.errors import DataError
from autocoder.review import (
    audit_entries,
    history,
    make_coding,
    parse_code_entry,
    record_decision,
    undo_last,
    validate_codes,
)


def decide(store, codebook, sid, entry, coder="rina", memo=""):
    codes, levels = parse_code_entry(entry, codebook)
    coding = make_coding(codebook, segment_uid=uids(store)[sid], coder=coder, codes=codes,
                         levels=levels, memo=memo)
    return record_decision(store, coding)


def current(store, coder="rina"):
    return {c["segment_id"]: (c["codes"], c["levels"]) for c in store.codings(coder=coder)}


def test_a_decision_is_kept_beside_the_suggestion(store, codebook):
    decide(store, codebook, "A-004", "PROGRAM:3", memo="RPL disebut")
    [row] = store.codings(coder="rina")
    assert (row["segment_id"], row["codes"], row["levels"], row["memo"]) == (
        "A-004", ("PROGRAM",), {"PROGRAM": 3}, "RPL disebut")
    assert row["created_at"]
    assert store.suggestions()[uids(store)["A-004"]]["levels"] == {"PROGRAM": 2}
    effective = {r["segment_id"]: r for r in store.effective_codings()}
    assert (effective["A-004"]["status"], effective["A-004"]["levels"]) == ("human",
                                                                            {"PROGRAM": 3})
    assert effective["A-004"]["machine_levels"] == {"PROGRAM": 2}


def test_undo_of_a_first_decision_puts_the_segment_back(store, codebook):
    decide(store, codebook, "A-004", "PROGRAM:3")
    undone = undo_last(store, "rina")
    assert undone is not None and undone.restored_id is None
    assert current(store) == {}
    assert [r["status"] for r in store.effective_codings() if r["segment_id"] == "A-004"] == [
        "review"]
    [row] = history(store, uids(store)["A-004"])
    assert (row["undone"], row["current"]) == (True, False)


def test_undo_of_a_changed_decision_restores_the_earlier_one(store, codebook):
    decide(store, codebook, "A-004", "PROGRAM:2")
    decide(store, codebook, "A-004", "PROGRAM:3 ASESMEN:1")
    undone = undo_last(store, "rina")
    assert undone is not None and undone.restored_id is not None
    assert current(store) == {"A-004": (("PROGRAM",), {"PROGRAM": 2})}
    rows = history(store, uids(store)["A-004"])
    assert [(r["source"], r["current"], r["undone"]) for r in rows] == [
        ("review", False, False), ("review", False, True), ("undo", True, False)]


def test_repeated_undo_walks_back_through_the_decisions_in_order(store, codebook):
    decide(store, codebook, "A-004", "PROGRAM:1")
    decide(store, codebook, "B-002", "ASESMEN:2")
    decide(store, codebook, "A-004", "PROGRAM:3")
    assert undo_last(store, "rina").segment_uid == uids(store)["A-004"]
    assert current(store) == {"A-004": (("PROGRAM",), {"PROGRAM": 1}),
                              "B-002": (("ASESMEN",), {"ASESMEN": 2})}
    assert undo_last(store, "rina").segment_uid == uids(store)["B-002"]
    assert undo_last(store, "rina").segment_uid == uids(store)["A-004"]
    assert current(store) == {}
    assert undo_last(store, "rina") is None


def test_undo_touches_only_the_coders_own_decisions(store, codebook):
    decide(store, codebook, "A-004", "PROGRAM:1", coder="budi")
    decide(store, codebook, "A-004", "PROGRAM:3", coder="rina")
    undo_last(store, "rina")
    assert current(store, "budi") == {"A-004": (("PROGRAM",), {"PROGRAM": 1})}
    assert current(store, "rina") == {}


def test_the_audit_log_says_who_changed_what_and_when(store, codebook):
    decide(store, codebook, "A-004", "PROGRAM:3")
    undo_last(store, "rina")
    entries = audit_entries(store, actor="rina")
    assert [e["action"] for e in entries] == ["code", "undo"]
    assert entries[0]["detail"]["codes"] == ["PROGRAM"]
    assert entries[1]["detail"]["codes"] == ["PROGRAM"]
    assert entries[1]["detail"]["restored_codes"] is None
    assert all(e["at"] for e in entries)


def test_code_entries_accept_numbers_ids_and_levels(codebook):
    assert parse_code_entry("1:3 4:2", codebook) == (
        ("ASESMEN", "IMPLEMENTASI"), {"ASESMEN": 3, "IMPLEMENTASI": 2})
    assert parse_code_entry("asesmen=1, program:2", codebook) == (
        ("ASESMEN", "PROGRAM"), {"ASESMEN": 1, "PROGRAM": 2})
    assert parse_code_entry("8", codebook) == (("LAIN",), {})


@pytest.mark.parametrize(("entry", "problem"), [
    ("9:3", "unknown code '9' (use 1-8 or a code id)"),
    ("1", "code ASESMEN needs a level (levels 1, 2, 3)"),
    ("1:7", "level 7 of ASESMEN is out of range (levels 1, 2, 3)"),
    ("1:2 LAIN", "LAIN cannot be combined with other codes"),
    ("LAIN:2", "code LAIN takes no level"),
    ("1:2 1:3", "a code is given twice"),
    ("1:x", "level 'x' of ASESMEN is not a number"),
])
def test_bad_entries_say_what_is_wrong(codebook, entry, problem):
    with pytest.raises(DataError) as info:
        parse_code_entry(entry, codebook)
    assert problem in info.value.problems


def test_validate_codes_lists_every_problem(codebook):
    assert validate_codes(codebook, ["ASESMEN"], {"ASESMEN": 3}) == []
    assert validate_codes(codebook, [], {"TEORI": 2}) == [
        "no code given", "level given for 'TEORI', which is not among the codes"]


def test_the_machine_cannot_be_a_reviewer(store, codebook):
    with pytest.raises(DataError, match="reserved"):
        make_coding(codebook, segment_uid=1, coder="machine", codes=["LAIN"], levels={})
