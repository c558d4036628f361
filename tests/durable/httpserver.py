"""A real HTTP server on 127.0.0.1 for the durable tests and the load bench (no mocks).

Paths: ``/item/N`` -> ``{"n": N}``; ``/flaky/NAME?fail=K`` answers 503 (``Retry-After: 0``)
K times per NAME, then 200; ``/limited/NAME`` answers 429 with ``Retry-After: 1`` once;
``/echo`` returns the method, headers, body and raw request target it got (``?hex=1`` adds
the body's bytes in hex).  ``?ms=D``
delays the answer by D ms (``latency_ms`` sets a default for every request).  The server
counts hits per path and records every request (``server.log``); it tracks requests in
flight: the peak overall (``max_in_flight``) and per ``Host`` header (``max_by_host``), and
the summed time requests spent in it (``busy``: busy / wall time is the mean in flight).

For the HTTP driver tests: ``/gzip``, ``/deflate``, ``/deflate-raw``, ``/br`` and
``/gzip-deflate`` (two codings) answer ``BODY`` (``?body=`` overrides) with that
Content-Encoding; ``/redirect?to=URL&status=S`` answers S with ``Location: URL``;
``/chain/N`` redirects to ``/chain/N-1`` down to ``/chain/0``; ``/headers`` repeats
``set-cookie`` and ``x-multi``; ``/binary`` sends the 256 byte values; ``/latin1`` sends ISO-8859-1 bytes labelled as such.
"""
from __future__ import annotations

import gzip
import json
import threading
import zlib
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BODY = "hello, encoded world é"
# brotli (node: zlib.brotliCompressSync('hello, brotli é')): the stdlib has no encoder
BROTLI = bytes.fromhex("8b078068656c6c6f2c2062726f746c6920c3a903")


def _encoded(kind: str, text: str) -> tuple:
    raw = text.encode()
    if kind == "gzip":
        return "gzip", gzip.compress(raw)
    if kind == "deflate":
        return "deflate", zlib.compress(raw)
    if kind == "deflate-raw":
        c = zlib.compressobj(wbits=-15)
        return "deflate", c.compress(raw) + c.flush()
    if kind == "gzip-deflate":       # applied in order: gzip first, then deflate
        return "gzip, deflate", zlib.compress(gzip.compress(raw))
    return "br", BROTLI


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # headers and body go out in two writes: with Nagle on, the body waits for the client's
    # delayed ACK of the headers (40 ms on Linux) on a kept-alive connection; real servers
    # (node's http, nginx) set TCP_NODELAY too
    disable_nagle_algorithm = True

    def log_message(self, *a: Any) -> None:
        pass

    def _answer(self) -> None:
        srv: Any = self.server
        u = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(u.query))
        n = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(n) if n else b""
        body = raw.decode("utf-8", "replace") if n else None
        host = self.headers.get("host", "")
        with srv.lock:
            srv.hits[u.path] = srv.hits.get(u.path, 0) + 1
            hits = srv.hits[u.path]
            srv.log.append({"method": self.command, "path": u.path, "headers": dict(self.headers),
                            "body": body})
            srv.in_flight += 1
            srv.max_in_flight = max(srv.max_in_flight, srv.in_flight)
            n = srv.by_host[host] = srv.by_host.get(host, 0) + 1
            srv.max_by_host[host] = max(srv.max_by_host.get(host, 0), n)
        t0 = time.monotonic()
        try:
            delay = float(q.get("ms", srv.latency_ms)) / 1000.0
            if delay:
                time.sleep(delay)
            status, headers, out = 200, {}, None
            parts = u.path.strip("/").split("/")
            if self._answer_http_case(parts, q):
                return
            if parts[0] == "item":
                out = {"n": int(parts[1])}
            elif parts[0] == "flaky":
                if hits <= int(q.get("fail", 2)):
                    status, headers, out = 503, {"Retry-After": "0"}, {"error": "busy"}
                else:
                    out = {"ok": True, "hits": hits}
            elif parts[0] == "limited":
                if hits == 1:
                    status, headers, out = 429, {"Retry-After": "1"}, {"error": "slow down"}
                else:
                    out = {"ok": True, "at": time.time()}
            elif parts[0] == "stats":  # for the bench: peak concurrency, busy time, then reset
                with srv.lock:
                    out = {"max_in_flight": srv.max_in_flight - 1, "requests": len(srv.log) - 1,
                           "busy": srv.busy, "cpu": time.process_time() - srv.cpu}
                    srv.max_in_flight = 0
                    srv.busy = 0.0
                    srv.cpu = time.process_time()
                    srv.log.clear()
            elif parts[0] == "echo":
                out = {"method": self.command, "headers": {k.lower(): v for k, v in self.headers.items()},
                       "body": body, "target": self.path}
                if "hex" in q:
                    out["body_hex"] = raw.hex()
            else:
                status, out = 404, {"error": "not found"}
            data = json.dumps(out).encode()
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        finally:
            with srv.lock:
                srv.in_flight -= 1
                srv.by_host[host] -= 1
                srv.busy += time.monotonic() - t0

    def _answer_http_case(self, parts: list, q: dict) -> bool:
        """The routes of the HTTP driver tests (encodings, redirects, repeated headers)."""
        head: list = []
        if parts[0] in ("gzip", "deflate", "deflate-raw", "br", "gzip-deflate"):
            coding, data = _encoded(parts[0], q.get("body", BODY))
            status, head = 200, [("content-type", "text/plain; charset=utf-8"), ("content-encoding", coding)]
        elif parts[0] == "redirect":
            status, data = int(q.get("status", 302)), b"moved"
            head = [("location", q.get("to", "/echo"))]
        elif parts[0] == "chain":
            n = int(parts[1])
            if n == 0:
                return False
            status, data, head = 302, b"", [("location", f"/chain/{n - 1}")]
        elif parts[0] == "headers":
            status, data = 200, b"ok"
            head = [("set-cookie", "a=1; Path=/"), ("set-cookie", "b=2"), ("x-multi", "one"),
                    ("x-multi", "two"), ("content-type", "text/plain")]
        elif parts[0] == "binary":     # every byte value: not UTF-8
            status, data = 200, bytes(range(256))
            head = [("content-type", "application/octet-stream")]
        elif parts[0] == "latin1":
            status, data = 200, "café".encode("latin-1")
            head = [("content-type", "text/plain; charset=iso-8859-1")]
        else:
            return False
        self.send_response(status)
        for k, v in head:
            self.send_header(k, v)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        return True

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _answer


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 512

    def __init__(self, latency_ms: float = 0.0) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.latency_ms = latency_ms
        self.lock = threading.Lock()
        self.hits: dict = {}
        self.log: list = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.by_host: dict = {}
        self.max_by_host: dict = {}
        self.busy = 0.0
        self.cpu = time.process_time()   # the server's CPU time at the last stats reset
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)   # a client that gave up is no error

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def close(self) -> None:
        self.shutdown()
        self.server_close()


if __name__ == "__main__":  # python -m tests.durable.httpserver [latency_ms]: serve until killed
    import sys
    s = LocalServer(float(sys.argv[1]) if len(sys.argv) > 1 else 0.0)
    print(s.url, flush=True)
    s.thread.join()
