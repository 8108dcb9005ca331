"""Which segment a coder sees next, leases between reviewers, and double-coding assignments."""

from __future__ import annotations

import time

import pytest
from review_project import uids

from autocoder.errors import DataError
from autocoder.review import (
    assign_double,
    claim_next,
    make_coding,
    pending,
    progress,
    record_decision,
    release,
    sample_segments,
)
from autocoder.review.queue import Progress


def ids(items):
    return [it.segment["segment_id"] for it in items]


def decide(store, codebook, sid, coder="rina", codes=("LAIN",), levels=None):
    coding = make_coding(codebook, segment_uid=uids(store)[sid], coder=coder, codes=codes,
                         levels=levels or {})
    return record_decision(store, coding)


def test_the_queue_is_the_review_segments_least_confident_first(store):
    assert ids(pending(store, "rina")) == ["A-006", "A-004", "B-002"]
    assert ids(pending(store, "rina", order="transcript")) == ["A-004", "A-006", "B-002"]
    assert ids(pending(store, "rina", include_all=True)) == [
        "A-006", "A-004", "B-002", "B-004", "A-002"]
    with pytest.raises(ValueError, match="order must be one of"):
        pending(store, "rina", order="random")


def test_decided_segments_do_not_come_back(store, codebook):
    decide(store, codebook, "A-006")
    assert ids(pending(store, "rina")) == ["A-004", "B-002"]
    assert ids(pending(store, "budi")) == ["A-004", "B-002"]  # decided by someone: done
    assert progress(store, "rina") == Progress(done=1, remaining=2)


def test_two_reviewers_never_get_the_same_segment(store):
    first = claim_next(store, "rina")
    second = claim_next(store, "budi")
    third = claim_next(store, "sari")
    assert [first.segment["segment_id"], second.segment["segment_id"],
            third.segment["segment_id"]] == ["A-006", "A-004", "B-002"]
    assert claim_next(store, "dewi") is None
    release(store, "budi", second.uid)
    assert claim_next(store, "dewi").segment["segment_id"] == "A-004"


def test_a_coder_holds_one_lease_and_expired_leases_are_free(store):
    assert claim_next(store, "rina", lease_seconds=0.05).segment["segment_id"] == "A-006"
    assert claim_next(store, "budi").segment["segment_id"] == "A-004"
    time.sleep(0.1)
    assert claim_next(store, "sari").segment["segment_id"] == "A-006"
    # asking again moves rina's lease on: she never blocks two segments at once
    claim_next(store, "budi", exclude={uids(store)["A-004"]})
    assert claim_next(store, "dewi").segment["segment_id"] == "A-004"


def test_skipped_and_preferred_segments(store):
    skip = {uids(store)["A-006"]}
    assert claim_next(store, "rina", exclude=skip).segment["segment_id"] == "A-004"
    assert claim_next(store, "rina", prefer=uids(store)["B-002"]).segment["segment_id"] == "B-002"


def test_sampling_takes_a_share_of_each_transcript(store):
    sample = sample_segments(store.segments(), share=0.5, seed=3)
    assert {k: len(v) for k, v in sample.items()} == {"A": 2, "B": 1}
    assert sample == sample_segments(store.segments(), share=0.5, seed=3)
    with pytest.raises(DataError, match="share"):
        sample_segments(store.segments(), share=0)


def test_assigned_segments_come_first_and_blind(store, codebook):
    result = assign_double(store, ["rina", "budi"], share=0.5, seed=3)
    assert result.coders == ("rina", "budi") and result.new_rows == 2 * len(result.segment_uids)
    assigned = {s["segment_id"] for s in store.segments() if s["uid"] in result.segment_uids}
    queue = pending(store, "rina")
    head = queue[: len(assigned)]
    assert set(ids(head)) == assigned
    assert all(it.assigned and it.blind and it.suggestion is None for it in head)
    # the others' queues leave the sample to its assigned coders
    assert not assigned & set(ids(pending(store, "sari", include_all=True)))

    sid = ids(head)[0]
    decide(store, codebook, sid, coder="rina")
    budi = {it.segment["segment_id"]: it for it in pending(store, "budi")}
    assert sid in budi and budi[sid].others == []  # blind to rina's decision
    assert sid not in ids(pending(store, "rina"))


def test_double_coders_may_work_on_the_same_segment_at_once(store):
    result = assign_double(store, ["rina", "budi"], share=1.0, seed=1)
    a = claim_next(store, "rina", order="transcript")
    b = claim_next(store, "budi", order="transcript")
    assert a.uid == b.uid == result.segment_uids[0]


def test_not_blind_assignments_show_the_suggestion(store):
    assign_double(store, ["rina", "budi"], share=1.0, seed=1, blind=False)
    assert all(it.suggestion is not None for it in pending(store, "rina"))


def test_assigning_needs_two_coders(store):
    with pytest.raises(DataError, match="two or more different coders"):
        assign_double(store, ["rina", "rina"])
