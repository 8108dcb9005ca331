"""The review web server's JSON API, its access rules, and several writers at once."""

from __future__ import annotations

import json
import multiprocessing
import urllib.error
import urllib.request

import pytest
from review_project import uids
from typer.testing import CliRunner

from autocoder.cli import app
from autocoder.errors import ConfigError
from autocoder.review import assign_double, claim_next, make_coding, record_decision
from autocoder.review.server import make_server
from autocoder.store import ProjectStore


@pytest.fixture
def serve(project, codebook):
    servers = []

    def start(**kwargs):
        server = make_server(project, codebook, host="127.0.0.1", port=0, **kwargs)
        server.start_background()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def call(server, method, path, body=None, *, token=None, headers=None):
    """(status, JSON) of one request."""
    host, port = server.server_address[:2]
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://{host}:{port}{path}", data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("X-Autocoder-Token", token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=10) as res:
            raw = res.read()
            return res.status, json.loads(raw) if path.startswith("/api") else raw.decode()
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_next_shows_segment_suggestion_context_and_progress(serve):
    server = serve()
    status, data = call(server, "GET", "/api/next?coder=rina")
    assert status == 200
    item = data["item"]
    assert item["segment"]["segment_id"] == "A-006"
    assert item["suggestion"]["codes"] == ["LAIN"] and item["suggestion"]["confidence"] == 0.3
    assert [t["turn"] for t in item["context"]] == [3, 4, 5, 6]
    assert data["progress"] == {"done": 0, "remaining": 3}
    # a second reviewer gets another segment while rina holds hers
    assert call(server, "GET", "/api/next?coder=budi")[1]["item"]["segment"]["segment_id"] == (
        "A-004")


def test_decide_undo_and_skip(serve, project):
    server = serve()
    uid = call(server, "GET", "/api/next?coder=rina")[1]["item"]["segment"]["uid"]
    status, saved = call(server, "POST", "/api/decide",
                         {"coder": "rina", "segment_uid": uid, "entry": "7:2", "memo": "jarang"})
    assert status == 200 and saved["codes"] == ["PENELITIAN"] and saved["levels"] == {
        "PENELITIAN": 2}
    data = call(server, "GET", "/api/next?coder=rina")[1]
    assert data["recent"][0]["segment_id"] == "A-006" and data["progress"]["done"] == 1
    status, bad = call(server, "POST", "/api/decide",
                       {"coder": "rina", "segment_uid": uid, "entry": "1:9"})
    assert status == 422 and bad["problems"] == [
        "level 9 of ASESMEN is out of range (levels 1, 2, 3)"]
    assert call(server, "POST", "/api/undo", {"coder": "rina"})[1]["undone"]["segment_uid"] == uid
    next_uid = call(server, "GET", "/api/next?coder=rina")[1]["item"]["segment"]["uid"]
    assert next_uid == uid
    call(server, "POST", "/api/skip", {"coder": "rina", "segment_uid": uid})
    data = call(server, "GET", f"/api/next?coder=rina&skip={uid}")[1]
    assert data["item"]["segment"]["segment_id"] == "A-004"
    with ProjectStore(project) as store:
        assert store.codings() == []


def test_a_segment_another_reviewer_holds_cannot_be_written(serve):
    server = serve()
    uid = call(server, "GET", "/api/next?coder=rina")[1]["item"]["segment"]["uid"]
    status, data = call(server, "POST", "/api/decide",
                        {"coder": "budi", "segment_uid": uid, "accept": True})
    assert status == 409 and data["error"] == "rina is reviewing this segment now"


def test_accepting_a_suggestion_that_changed_meanwhile_is_refused(serve):
    server = serve()
    uid = call(server, "GET", "/api/next?coder=rina")[1]["item"]["segment"]["uid"]
    status, data = call(server, "POST", "/api/decide", {
        "coder": "rina", "segment_uid": uid, "accept": True, "codes": ["ASESMEN"],
        "levels": {"ASESMEN": 3}})
    assert status == 409 and "suggestion changed" in data["error"]
    assert call(server, "POST", "/api/skip", {"coder": "rina", "segment_uid": "x"})[0] == 400


def test_blind_items_hide_the_suggestion_and_refuse_accept(serve, store):
    assign_double(store, ["rina", "budi"], share=1.0, seed=2)
    server = serve()
    item = call(server, "GET", "/api/next?coder=rina")[1]["item"]
    assert item["blind"] and item["suggestion"] is None and item["others"] == []
    status, data = call(server, "POST", "/api/decide",
                        {"coder": "rina", "segment_uid": item["segment"]["uid"], "accept": True})
    assert status == 422 and data["error"] == "no suggestion to accept here"


def test_with_a_token_every_request_needs_it(serve):
    server = serve(token="s3cret")
    assert call(server, "GET", "/api/next?coder=rina")[0] == 401
    assert call(server, "GET", "/")[0] == 401
    assert call(server, "POST", "/api/undo", {"coder": "rina"}, token="wrong")[0] == 401
    assert call(server, "GET", "/api/next?coder=rina", token="s3cret")[0] == 200
    assert call(server, "GET", "/?token=s3cret")[0] == 200
    assert server.url.endswith("/?token=s3cret")


def test_without_a_token_only_local_json_requests_are_served(serve):
    server = serve()
    assert call(server, "GET", "/api/codebook", headers={"Host": "evil.example:80"})[0] == 403
    host, port = server.server_address[:2]
    req = urllib.request.Request(f"http://{host}:{port}/api/undo", data=b"coder=rina",
                                 method="POST", headers={"Content-Type": "text/plain"})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(req, timeout=10)
    assert info.value.code == 415


def test_binding_beyond_this_machine_needs_a_token(project, codebook):
    with pytest.raises(ConfigError, match="give an access token"):
        make_server(project, codebook, host="0.0.0.0", port=0)
    result = CliRunner().invoke(app, ["serve", "--project", str(project), "--host", "0.0.0.0",
                                      "--port", "0"])
    assert result.exit_code == 1 and "access token" in result.output


# -- several processes at once -------------------------------------------------------------

def _write_decisions(project, coder, uid_list, rounds):
    from autocoder.codebook import load_codebook

    codebook = load_codebook()
    with ProjectStore(project, timeout=60) as store:
        for r in range(rounds):
            for uid in uid_list:
                record_decision(store, make_coding(
                    codebook, segment_uid=uid, coder=coder, codes=["ASESMEN"],
                    levels={"ASESMEN": 1 + r % 3}))


def _claim_and_decide(project, coder, out):
    from autocoder.codebook import load_codebook

    codebook = load_codebook()
    got = []
    with ProjectStore(project, timeout=60) as store:
        while (item := claim_next(store, coder, include_all=True)) is not None:
            record_decision(store, make_coding(codebook, segment_uid=item.uid, coder=coder,
                                               codes=["LAIN"], levels={}))
            got.append(item.uid)
    out.put((coder, got))


def test_concurrent_writers_lose_nothing(project, store):
    all_uids = list(uids(store).values())
    ctx = multiprocessing.get_context("spawn")
    coders = [f"coder{i}" for i in range(6)]
    procs = [ctx.Process(target=_write_decisions, args=(project, c, all_uids, 10))
             for c in coders]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * len(procs)
    total = store.conn.execute("SELECT COUNT(*) FROM codings").fetchone()[0]
    assert total == len(coders) * len(all_uids) * 10
    assert len(store.codings()) == len(coders) * len(all_uids)  # one current row each
    audit = store.conn.execute("SELECT COUNT(*) FROM audit_log WHERE action='code'").fetchone()[0]
    assert audit == total


def test_concurrent_reviewers_never_decide_the_same_segment(project, store):
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_claim_and_decide, args=(project, f"r{i}", out))
             for i in range(4)]
    for p in procs:
        p.start()
    results = dict(out.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(60)
    decided = [uid for got in results.values() for uid in got]
    assert sorted(decided) == sorted(uids(store).values())  # each exactly once
    assert len(store.codings()) == len(decided)
