"""Kept-alive connections (fetchflow/host/http_pool.py) against a real local HTTP/1.1 server:
requests to one origin share a connection as node's fetch does, a ``Connection: close`` answer
is not reused, a connection the server dropped while idle is replaced without failing the
fetch, and a POST never rides on an idle connection."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator

import pytest

from fetchflow import FetchRequest, HTTPFetcher
from fetchflow.host import http_pool


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 5

    def log_message(self, *a: Any) -> None:
        pass

    def _answer(self) -> None:
        n = int(self.headers.get("content-length") or 0)
        if n:
            self.rfile.read(n)
        srv: Any = self.server
        with srv.lock:
            srv.ports.append(self.client_address[1])
        body = b"ok " + self.command.encode()
        self.send_response(200)
        self.send_header("content-length", str(len(body)))
        if "close" in self.path:
            self.send_header("connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body)
        if "drop" in self.path:   # answer, then drop the idle connection without a word
            self.close_connection = True

    do_GET = do_POST = do_PUT = _answer


@pytest.fixture
def server() -> Iterator[Any]:
    http_pool.clear()
    srv: Any = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads = True
    srv.lock = threading.Lock()
    srv.ports = []
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    http_pool.clear()


def _get(srv: Any, path: str, method: str = "GET") -> str:
    url = f"http://127.0.0.1:{srv.server_address[1]}{path}"
    options = {"method": method} if method == "GET" else {"method": method, "body": "x"}
    r = HTTPFetcher(timeout=5)(FetchRequest("r", url, options, 0.0))
    assert r.success and r.status == 200, r
    return r.data


def test_requests_to_one_origin_share_a_connection(server: Any) -> None:
    assert [_get(server, "/a"), _get(server, "/b"), _get(server, "/c", "PUT")] == \
        ["ok GET", "ok GET", "ok PUT"]
    assert len(server.ports) == 3 and len(set(server.ports)) == 1


def test_a_connection_close_answer_is_not_reused(server: Any) -> None:
    _get(server, "/close")
    _get(server, "/a")
    assert len(set(server.ports)) == 2


def test_a_connection_dropped_while_idle_is_replaced(server: Any) -> None:
    _get(server, "/drop")
    time.sleep(0.2)    # the server has closed its end by now; the pool still holds ours
    assert _get(server, "/after") == "ok GET"
    assert len(set(server.ports)) == 2


def test_a_post_never_takes_an_idle_connection(server: Any) -> None:
    _get(server, "/a")
    assert _get(server, "/p", "POST") == "ok POST"
    assert _get(server, "/b") == "ok GET"
    # the POST opened its own connection (the server may act on a request it then drops)
    # (and its own connection is kept alive afterwards, like any other)
    assert server.ports[0] != server.ports[1] and len(set(server.ports)) == 2


def test_an_idle_connection_expires(server: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(http_pool, "IDLE_SECONDS", 0.05)
    _get(server, "/a")
    time.sleep(0.1)
    _get(server, "/b")
    assert len(set(server.ports)) == 2
