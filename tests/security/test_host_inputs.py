"""Finding 11 (host side): odd FetchResponse fields raised raw TypeError/ValueError/
RecursionError, and ``fetch('http://[::1/')`` or a body with a lone surrogate raised
ValueError/UnicodeEncodeError out of ``run()``.  Each now is a documented fetchflow exception
(ResponseError) or a JS TypeError, as node's fetch gives."""
from __future__ import annotations

import math
import os
from typing import Any

import pytest

import fetchflow
from fetchflow import FetchRequest, FetchResponse, ResponseError, execute_code, resume_execution
from fetchflow.host.drivers import http_fetcher

from ._local_server import LocalServer, local_server  # noqa: F401 - fixture


def _deep(n: int) -> list:
    root: list = []
    cur = root
    for _ in range(n):
        nxt: list = []
        cur.append(nxt)
        cur = nxt
    return root


class _Odd:
    pass


_circular: dict = {}
_circular["self"] = _circular


@pytest.fixture(scope="module")
def paused() -> Any:
    r = execute_code("fetch('https://api.example.com/x').then(r => r.text())", quiet=True)
    assert r.type == "paused"
    return r


@pytest.mark.parametrize("fields", [
    dict(data=_Odd()), dict(data=_deep(100_000)), dict(data=_circular), dict(data=10 ** 5000),
    dict(data={(1, 2): 3}), dict(data={1j: 1}), dict(data=[object()]),
    dict(timestamp="soon"), dict(timestamp=math.nan), dict(timestamp=math.inf), dict(timestamp=[1]),
    dict(timestamp=True), dict(timestamp=10 ** 400),
    dict(id=["req_1"]), dict(id=None), dict(id=1), dict(id={"a": 1}),
    dict(status_text=5), dict(status_text=b"OK"), dict(error=3, success=False),
    dict(headers={"a b": "x"}), dict(headers={1: "x"}), dict(headers={"a": 1}),
    dict(headers={"a": "x\r\nset-cookie: y"}), dict(headers={"": "x"}),
    dict(success=1), dict(status="200"), dict(status=2 ** 70), dict(headers=[("a", "b")]),
])
def test_odd_responses_raise_response_error(paused: Any, fields: dict) -> None:
    rid = paused.fetch_request.id
    base = dict(id=rid, success=True, status=200, status_text="OK", data="ok")
    base.update(fields)
    with pytest.raises(ResponseError):
        resume_execution(paused.state, FetchResponse(**base), quiet=True)
    # the state is untouched and still resumes
    r = resume_execution(paused.state, FetchResponse(rid, True, 200, "OK", "fine", timestamp=1.5))
    assert r.result == "fine"


def test_ordinary_data_types_still_work(paused: Any) -> None:
    rid = paused.fetch_request.id
    for data, text in [({"a": [1, 2.5, None, True]}, '{"a":[1,2.5,null,true]}'), (b"\xff", "\ufffd"),
                       ("x\ud800", "x\ufffd"), (None, ""), (7, "7")]:
        r = resume_execution(paused.state, FetchResponse(rid, True, 200, "OK", data))
        assert r.result == text


def _js(src: str) -> Any:
    return execute_code(f"(async () => {{ try {{ return await {src} }} catch (e) {{ "
                        f"return e.name + ': ' + e.message }} }})()", quiet=True)


@pytest.mark.parametrize("call,message", [
    ("fetch('http://[::1/')", "TypeError: Failed to parse URL from http://[::1/"),
    ("fetch('http://x.com:99999/')", "TypeError: Failed to parse URL from http://x.com:99999/"),
    ("fetch('https://u:p@x.com/')",
     "TypeError: Request cannot be constructed from a URL that includes credentials: https://u:p@x.com/"),
    ("fetch('http://x.com/', {headers: {a: '\\u20ac'}})",
     "TypeError: Cannot convert argument to a ByteString because the character at index 0 has a "
     "value of 8364 which is greater than 255."),
    ("fetch('http://x.com/', {headers: {a: 'x\\r\\nb: c'}})",
     'TypeError: Headers.append: "x\r\nb: c" is an invalid header value.'),
    ("fetch('http://x.com/', {method: 'GET / HTTP/1.1'})",
     "TypeError: 'GET / HTTP/1.1' is not a valid HTTP method."),
    ("fetch('http://x.com/', {method: 'TRACE'})", "TypeError: 'TRACE' HTTP method is unsupported."),
])
def test_bad_requests_reject_in_js_as_in_node(call: str, message: str) -> None:
    r = _js(call)
    assert r.type == "completed" and r.result == message


def test_bad_url_through_run_with_the_default_driver() -> None:
    r = fetchflow.run("fetch('http://[::1/').then(() => 'sent', e => e.name)", quiet=True)
    assert r.result == "TypeError"


def test_lone_surrogate_body_is_sent_as_utf8(local_server: LocalServer,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    for k in list(os.environ):
        if k.lower().endswith("_proxy"):
            monkeypatch.delenv(k)
    src = f"""fetch('http://127.0.0.1:{local_server.port}/p', {{method: 'POST',
        body: 'a\\ud800b\\ud83d\\ude00'}}).then(r => r.text())"""
    pol = fetchflow.host.policy.FetchPolicy(allow=[f"http://127.0.0.1:{local_server.port}/**"])
    r = fetchflow.run(src, quiet=True, policy=pol)
    assert r.result == "reached"
    assert local_server.seen[0][3] == "a\ufffdb\U0001F600".encode("utf-8")


def test_the_request_the_host_sees_is_plain_unicode() -> None:
    r = execute_code("fetch('http://x.com/\\ud800?\\ud83d\\ude00', {method: 'POST', body: '\\udc00'})",
                     quiet=True)
    q = r.fetch_request
    assert q.url == "http://x.com/%EF%BF%BD?%F0%9F%98%80" and q.body == "\ufffd"
    q.body.encode("utf-8")


@pytest.mark.parametrize("url", ["http://[::1/", "file:///etc/passwd", "/relative", "", "http://x.com:0x50/"])
def test_http_fetcher_never_raises(url: str) -> None:
    resp = http_fetcher(FetchRequest("req_1", url, {"method": "GET", "headers": {}}, 0.0))
    assert resp.success is False and resp.error.startswith("fetch failed")
    resp = http_fetcher(FetchRequest("req_1", "http://127.0.0.1:1/", {"method": "BAD METHOD",
                                                                       "headers": {"a\n": "b"}}, 0.0))
    assert resp.success is False
