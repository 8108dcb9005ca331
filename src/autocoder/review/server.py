"""A local web page for review: ``autocoder serve``.

Standard library only: a :class:`~http.server.ThreadingHTTPServer` serving one static page
(``static/review.html``) and a small JSON API. Each request opens its own connection to the
project store (SQLite in WAL mode with a busy timeout), so several reviewers can work at
once; leases keep two people off the same segment.

Security: by default the server binds to 127.0.0.1. Binding to any other address needs an
access token; with a token set, every request (page, reads and writes) must carry it, as
``?token=`` on the page address or the ``X-Autocoder-Token`` header on API calls. Without a
token, requests must name a loopback host (against DNS rebinding), and writes must be JSON
(so another web site cannot post to the API from a visitor's browser).

API (all JSON):

=======  ================  ====================================================================
GET      /api/codebook     codes (numbered from 1) and levels
GET      /api/next         ``coder``, optional ``skip`` (uids, comma-separated) and ``prefer``:
                           leases and returns the coder's next item with its context turns,
                           progress and the coder's recent decisions
POST     /api/decide       ``coder``, ``segment_uid`` and one of ``accept: true``,
                           ``entry: "1:3 4:2"``, ``codes``/``levels``; optional ``memo``
POST     /api/skip         ``coder``, ``segment_uid``: give the segment back
POST     /api/undo         ``coder``: undo the coder's last decision
POST     /api/release      ``coder``: give back all the coder's leases
=======  ================  ====================================================================
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from autocoder.codebook import Codebook
from autocoder.errors import AutocoderError, ConfigError, DataError
from autocoder.review.decisions import (
    check_coder,
    make_coding,
    parse_code_entry,
    record_decision,
    undo_last,
)
from autocoder.review.queue import (
    LEASE_SECONDS,
    Order,
    assignments,
    claim_next,
    context_turns,
    leased_by_other,
    progress,
    release,
)
from autocoder.store import ProjectStore

PAGE = Path(__file__).with_name("static") / "review.html"
TOKEN_HEADER = "X-Autocoder-Token"
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServeOptions:
    """What the review server serves, and how."""

    project: Path
    codebook: Codebook
    token: str | None = None
    order: Order = "uncertainty"
    include_all: bool = False
    lease_seconds: float = LEASE_SECONDS


class ReviewServer(ThreadingHTTPServer):
    """The HTTP server; ``url`` is the address to open (with the token, if any)."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], options: ServeOptions) -> None:
        self.options = options
        super().__init__(address, ReviewHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/" + (f"?token={self.options.token}"
                                            if self.options.token else "")

    def start_background(self) -> threading.Thread:
        """Serve in a daemon thread (for notebooks and tests); stop with ``shutdown()``."""
        thread = threading.Thread(target=self.serve_forever, daemon=True)
        thread.start()
        return thread


def make_server(
    project: str | Path,
    codebook: Codebook,
    *,
    host: str = "127.0.0.1",
    port: int = 8765,
    token: str | None = None,
    order: Order = "uncertainty",
    include_all: bool = False,
    lease_seconds: float = LEASE_SECONDS,
) -> ReviewServer:
    """A review server bound to ``host:port`` (port 0: any free port); not yet serving."""
    token = token or None
    if not is_loopback(host) and not token:
        raise ConfigError(
            f"binding to {host} would open the review page to the network; "
            "give an access token (--token) or bind to 127.0.0.1"
        )
    with ProjectStore(project):  # create or migrate the store before threads use it
        pass
    options = ServeOptions(Path(project), codebook, token, order, include_all, lease_seconds)
    try:
        return ReviewServer((host, port), options)
    except OSError as err:
        raise ConfigError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None


class ApiError(Exception):
    def __init__(self, status: HTTPStatus, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.status = status
        self.problems = problems or []


class ReviewHandler(BaseHTTPRequestHandler):
    server: ReviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        pass  # quiet; the CLI prints the address once

    # -- plumbing -------------------------------------------------------------------------

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: HTTPStatus, obj: Any) -> None:
        self._send(status, json.dumps(obj, ensure_ascii=False).encode("utf-8"),
                   "application/json; charset=utf-8")

    def _check_access(self, query: dict[str, list[str]]) -> None:
        token = self.server.options.token
        if token:
            given = self.headers.get(TOKEN_HEADER) or (query.get("token") or [""])[0]
            if not hmac.compare_digest(given.encode(), token.encode()):
                raise ApiError(HTTPStatus.UNAUTHORIZED, "missing or wrong access token")
        else:
            host = urlsplit("//" + (self.headers.get("Host") or "")).hostname or ""
            if not is_loopback(host):
                raise ApiError(HTTPStatus.FORBIDDEN, f"host {host!r} is not this machine")

    def _body(self) -> dict[str, Any]:
        if self.headers.get_content_type() != "application/json":
            raise ApiError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send JSON")
        length = int(self.headers.get("Content-Length") or 0)
        if length > 1_000_000:
            raise ApiError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request too large")
        try:
            data = json.loads(self.rfile.read(length) or b"{}")
        except json.JSONDecodeError as err:
            raise ApiError(HTTPStatus.BAD_REQUEST, f"invalid JSON: {err}") from None
        if not isinstance(data, dict):
            raise ApiError(HTTPStatus.BAD_REQUEST, "expected a JSON object")
        return data

    def _dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        try:
            self._check_access(query)
            if method == "GET" and url.path in ("/", "/index.html"):
                self._send(HTTPStatus.OK, PAGE.read_bytes(), "text/html; charset=utf-8")
                return
            routes = {
                ("GET", "/api/codebook"): self.api_codebook,
                ("GET", "/api/next"): self.api_next,
                ("POST", "/api/decide"): self.api_decide,
                ("POST", "/api/skip"): self.api_skip,
                ("POST", "/api/undo"): self.api_undo,
                ("POST", "/api/release"): self.api_release,
            }
            handler = routes.get((method, url.path))
            if handler is None:
                raise ApiError(HTTPStatus.NOT_FOUND, f"no such page: {method} {url.path}")
            data = self._body() if method == "POST" else {k: v[-1] for k, v in query.items()}
            with ProjectStore(self.server.options.project) as store:
                self._json(HTTPStatus.OK, handler(store, data))
        except ApiError as err:
            self._json(err.status, {"error": str(err), "problems": err.problems})
        except DataError as err:
            self._json(HTTPStatus.UNPROCESSABLE_ENTITY,
                       {"error": str(err).split("\n")[0], "problems": err.problems})
        except (KeyError, TypeError, ValueError) as err:
            self._json(HTTPStatus.BAD_REQUEST, {"error": f"bad request: {err}", "problems": []})
        except AutocoderError as err:
            self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": str(err), "problems": []})

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self._dispatch("GET")

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        self._dispatch("POST")

    # -- API ------------------------------------------------------------------------------

    def api_codebook(self, store: ProjectStore, data: dict[str, Any]) -> dict[str, Any]:
        cb = self.server.options.codebook
        return {
            "name": cb.name,
            "codes": [{"number": i, "id": c.id, "label": c.label, "evidence": c.evidence}
                      for i, c in enumerate(cb.codes, 1)],
            "levels": [{"value": lv.value, "label": lv.label}
                       for lv in sorted(cb.levels, key=lambda lv: lv.value)],
            "none_id": cb.none_id,
        }

    def api_next(self, store: ProjectStore, data: dict[str, Any]) -> dict[str, Any]:
        opts = self.server.options
        coder = check_coder(str(data.get("coder", "")))
        skip = {int(x) for x in str(data.get("skip", "")).split(",") if x.strip().isdigit()}
        prefer = int(data["prefer"]) if str(data.get("prefer", "")).isdigit() else None
        item = claim_next(store, coder, order=opts.order, include_all=opts.include_all,
                          exclude=skip, prefer=prefer, lease_seconds=opts.lease_seconds)
        prog = progress(store, coder, order=opts.order, include_all=opts.include_all)
        out: dict[str, Any] = {"item": None, "progress": {"done": prog.done,
                                                          "remaining": prog.remaining}}
        if item is not None:
            out["item"] = item.to_dict()
            out["item"]["context"] = context_turns(store, item.segment)
        out["recent"] = [
            {"segment_id": c["segment_id"], "transcript": c["transcript"],
             "codes": list(c["codes"]), "levels": c["levels"], "memo": c["memo"],
             "at": c["created_at"]}
            for c in reversed(store.codings(coder=coder)[-8:])
        ]
        return out

    def api_decide(self, store: ProjectStore, data: dict[str, Any]) -> dict[str, Any]:
        cb = self.server.options.codebook
        coder = check_coder(str(data.get("coder", "")))
        try:
            uid = int(data["segment_uid"])
        except (KeyError, TypeError, ValueError):
            raise ApiError(HTTPStatus.BAD_REQUEST, "segment_uid is required") from None
        holder = leased_by_other(store, coder, uid)
        if holder is not None:
            raise ApiError(HTTPStatus.CONFLICT, f"{holder} is reviewing this segment now")
        if data.get("accept"):
            assigned = assignments(store, coder).get(uid)
            suggestion = store.suggestions().get(uid)
            if (assigned and assigned["blind"]) or suggestion is None:
                raise ApiError(HTTPStatus.UNPROCESSABLE_ENTITY, "no suggestion to accept here")
            codes, levels = suggestion["codes"], suggestion["levels"]
            shown = data.get("codes")
            if shown is not None and (list(shown) != list(codes)
                                      or data.get("levels", {}) != levels):
                raise ApiError(HTTPStatus.CONFLICT,
                               "the suggestion changed since the page showed it; reload")
        elif data.get("entry"):
            codes, levels = parse_code_entry(str(data["entry"]), cb)
        else:
            codes = tuple(str(c) for c in data.get("codes") or ())
            levels = {str(k): v for k, v in (data.get("levels") or {}).items()}
            if not all(isinstance(v, int) for v in levels.values()):
                raise ApiError(HTTPStatus.BAD_REQUEST, "levels must be whole numbers")
        coding = make_coding(cb, segment_uid=uid, coder=coder, codes=codes, levels=levels,
                             memo=str(data.get("memo") or ""), source="web")
        coding_id = record_decision(store, coding)
        return {"coding_id": coding_id, "segment_uid": uid, "codes": list(coding.codes),
                "levels": coding.levels, "memo": coding.memo}

    def api_skip(self, store: ProjectStore, data: dict[str, Any]) -> dict[str, Any]:
        coder = check_coder(str(data.get("coder", "")))
        release(store, coder, int(data.get("segment_uid") or 0))
        return {"ok": True}

    def api_undo(self, store: ProjectStore, data: dict[str, Any]) -> dict[str, Any]:
        coder = check_coder(str(data.get("coder", "")))
        undone = undo_last(store, coder)
        if undone is None:
            return {"undone": None}
        return {"undone": {"segment_uid": undone.segment_uid, "coding_id": undone.undone_id,
                           "restored_id": undone.restored_id}}

    def api_release(self, store: ProjectStore, data: dict[str, Any]) -> dict[str, Any]:
        release(store, check_coder(str(data.get("coder", ""))))
        return {"ok": True}
