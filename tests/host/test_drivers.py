"""The drivers (``run``, ``arun``) and the built-in HTTP fetcher against a local server:
policy and secrets on every redirect hop, redirect modes, timeouts, concurrent batches."""
from __future__ import annotations

import asyncio
import gzip
import json
import time
import urllib.parse
from typing import Iterator

import pytest

import fetchflow
from fetchflow.api import FetchRequest, FetchResponse
from fetchflow.host.drivers import HTTPFetcher, http_fetcher
from fetchflow.host.policy import FetchPolicy
from tests.durable.httpserver import LocalServer

@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    s = LocalServer()
    try:
        yield s
    finally:
        s.close()


def _other_origin(server: LocalServer) -> str:
    """The same server under another origin (localhost instead of 127.0.0.1)."""
    return server.url.replace("127.0.0.1", "localhost")


def _redirect(server: LocalServer, to: str, status: int = 302) -> str:
    return f"{server.url}/redirect?status={status}&to={urllib.parse.quote(to, safe='')}"


def _req(url: str, **options: object) -> FetchRequest:
    return FetchRequest("req_1", url, dict(options), 0.0)


# -- policy and secrets on every hop ---------------------------------------------------------

def test_a_redirect_to_a_denied_host_fails_the_fetch(server: LocalServer) -> None:
    allow = FetchPolicy(allow=[f"http://127.0.0.1:{server.server_address[1]}/**"])
    target = _other_origin(server) + "/echo?leak"
    src = f"""
    let out;
    try {{ await fetch({_redirect(server, target)!r}); out = 'fetched'; }}
    catch (e) {{ out = e.name + ': ' + e.message + ' / ' + e.cause.message; }}
    out"""
    before = len(server.log)
    r = fetchflow.run(src, policy=allow)
    assert r.result.startswith("TypeError: fetch failed / ")
    assert "denied by policy" in r.result
    assert [e["path"] for e in server.log[before:]] == ["/redirect"]   # the target was never reached


def test_a_redirect_to_a_denied_path_fails_the_fetch(server: LocalServer) -> None:
    port = server.server_address[1]
    policy = FetchPolicy(allow=[f"http://127.0.0.1:{port}/**"], deny=[f"http://127.0.0.1:{port}/echo"])
    r = http_fetcher.configured(policy=policy)(_req(_redirect(server, "/echo")))
    assert not r.success and "denied by policy" in (r.cause or "")
    ok = http_fetcher.configured(policy=policy)(_req(_redirect(server, "/item/7")))
    assert ok.success and json.loads(ok.data) == {"n": 7}


def test_secrets_go_only_to_hops_their_pattern_matches(server: LocalServer) -> None:
    port = server.server_address[1]
    secrets = {f"http://127.0.0.1:{port}/**": {"x-api-key": "s3cret"}}
    src_same = f"(await (await fetch({_redirect(server, '/echo')!r})).json()).headers"
    r = fetchflow.run(src_same, secrets=secrets)
    assert r.result["x-api-key"] == "s3cret"
    cross = _redirect(server, _other_origin(server) + "/echo", 307)
    src_cross = f"""(await (await fetch({cross!r}, {{method: 'POST', body: 'b',
        headers: {{authorization: 'mine', cookie: 'c=1', 'x-custom': 'kept'}}}})).json())"""
    r = fetchflow.run(src_cross, secrets=secrets)
    got = r.result
    assert got["method"] == "POST" and got["body"] == "b"
    assert "x-api-key" not in got["headers"]              # the secret stayed with its origin
    assert "authorization" not in got["headers"] and "cookie" not in got["headers"]  # as undici
    assert got["headers"]["x-custom"] == "kept"
    # and the first hop did carry it
    first = [e for e in server.log if e["path"] == "/redirect"][-1]
    assert {k.lower(): v for k, v in first["headers"].items()}["x-api-key"] == "s3cret"


def test_secrets_never_enter_the_request_the_script_made(server: LocalServer) -> None:
    port = server.server_address[1]
    seen = []

    def fetcher(q: FetchRequest) -> FetchResponse:
        seen.append(q)
        return http_fetcher(q)
    # a fetcher of your own gets the secrets already added (it cannot re-apply them per hop)
    r = fetchflow.run(f"(await (await fetch({server.url + '/echo'!r})).json()).headers['x-k']", fetcher,
                      secrets={f"http://127.0.0.1:{port}/**": {"x-k": "v"}})
    assert r.result == "v" and seen[0].headers == {"x-k": "v"}


# -- redirect modes and the fields a redirect reports ------------------------------------------

def test_redirect_manual_returns_the_redirect_itself(server: LocalServer) -> None:
    r = http_fetcher(_req(_redirect(server, "/echo"), redirect="manual"))
    assert r.success and r.status == 302 and r.headers["location"] == "/echo" and r.data == "moved"


def test_redirect_error_fails_on_a_redirect(server: LocalServer) -> None:
    r = http_fetcher(_req(_redirect(server, "/echo"), redirect="error"))
    assert not r.success and (r.error, r.cause) == ("fetch failed", "unexpected redirect")
    assert http_fetcher(_req(server.url + "/item/1", redirect="error")).success


def test_http_fetcher_redirect_fields(server: LocalServer) -> None:
    # node: res.url is the last hop's URL (no fragment), res.redirected true after a hop
    r = http_fetcher(_req(server.url + "/chain/3"))
    assert (r.url, r.redirected) == (server.url + "/chain/0", True)
    r = http_fetcher(_req(server.url + "/item/1?x=é"))
    assert (r.url, r.redirected) == (server.url + "/item/1?x=%C3%A9", False)
    r = http_fetcher(_req(_redirect(server, "/echo"), redirect="manual"))
    assert r.redirected is False


def test_response_url_and_redirected_in_js(server: LocalServer) -> None:
    src = f"""const r = await fetch({server.url + '/chain/2#f'!r});
    [r.url, r.redirected, (await fetch({server.url + '/item/1'!r})).redirected]"""
    assert fetchflow.run(src).result == [server.url + "/chain/0", True, False]


# -- failures ---------------------------------------------------------------------------------

def test_timeout_rejects_with_fetch_failed(server: LocalServer) -> None:
    src = f"""let out;
    try {{ await fetch({server.url + '/item/1?ms=3000'!r}); out = 'answered'; }}
    catch (e) {{ out = [e.name, e.message.split(':')[0]]; }}
    out"""
    t0 = time.monotonic()
    r = fetchflow.run(src, timeout=0.3)
    assert r.result == ["TypeError", "fetch failed"]
    assert time.monotonic() - t0 < 2.0


def test_the_timeout_covers_every_hop_and_the_body(server: LocalServer) -> None:
    # three hops of 150 ms each: no single read is slow, the whole fetch is
    slow = _redirect(server, _redirect(server, server.url + "/item/1?ms=150") + "&ms=150") + "&ms=150"
    assert http_fetcher(_req(slow)).success
    r = http_fetcher(_req(slow), timeout=0.3)
    assert not r.success and "timeout" in (r.cause or "")


@pytest.mark.parametrize("url,cause", [
    ("http://127.0.0.1:1/", "bad port"),
    ("ftp://127.0.0.1/", "URL scheme must be a HTTP(S) scheme"),
    ("http://[::1/", "Failed to parse URL"),
])
def test_network_errors_are_responses_not_exceptions(url: str, cause: str) -> None:
    r = http_fetcher(_req(url))
    assert not r.success and r.error == "fetch failed" and cause in (r.cause or "")


def test_refused_connection(server: LocalServer) -> None:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]     # bound, never listening: refused
        r = http_fetcher(_req(f"http://127.0.0.1:{port}/"))
    assert not r.success and "ECONNREFUSED" in (r.cause or "")


def test_a_body_past_max_body_bytes_fails_even_when_compressed(server: LocalServer) -> None:
    big = server.url + "/gzip?body=" + "a" * 5000
    assert http_fetcher(_req(big)).data == "a" * 5000
    r = HTTPFetcher(max_body_bytes=1000)(_req(big))
    assert not r.success and "larger than 1000 bytes" in (r.cause or "")
    assert HTTPFetcher(max_body_bytes=5000)(_req(big)).success


def test_brotli_is_not_offered_and_arrives_undecoded(server: LocalServer) -> None:
    r = http_fetcher(_req(server.url + "/br"))
    # not UTF-8 text, so the body arrives as the bytes that were sent
    assert r.success and r.headers["content-encoding"] == "br" and b"hello, brotli" in r.data
    sent = json.loads(http_fetcher(_req(server.url + "/echo")).data)["headers"]
    assert sent["accept-encoding"] == "gzip, deflate"


def test_a_body_that_is_not_utf8_arrives_as_bytes(server: LocalServer) -> None:
    assert http_fetcher(_req(server.url + "/binary")).data == bytes(range(256))
    assert http_fetcher(_req(server.url + "/gzip")).data == "hello, encoded world é"


def test_concatenated_gzip_members_and_a_truncated_stream() -> None:
    from fetchflow.host.http_transport import _content_decode
    two = gzip.compress(b"ab") + gzip.compress(b"cd")
    assert _content_decode(two, "gzip", 100) == b"abcd"
    assert _content_decode(gzip.compress(b"hello world" * 10)[:-12], "x-gzip", 1000).startswith(b"hello")
    assert _content_decode(b"raw", "identity, gzip", 100) == b"raw"   # a coding undici does not know


# -- batches ----------------------------------------------------------------------------------

BATCH = """const ns = await Promise.all(Array.from({length: 10}, (_, i) =>
    fetch(B + '/item/' + i + '?ms=200').then(r => r.json()).then(j => j.n)));
ns"""


def test_run_fetches_a_batch_concurrently_in_request_order(server: LocalServer) -> None:
    src = f"const B = {server.url!r};\n" + BATCH
    t0 = time.monotonic()
    r = fetchflow.run(src)
    took = time.monotonic() - t0
    assert r.result == list(range(10))
    assert took < 1.2, f"10 x 200 ms took {took:.2f} s: not concurrent"   # sequential: >= 2 s
    t0 = time.monotonic()
    assert fetchflow.run(src, max_concurrency=5).result == list(range(10))
    assert 0.35 < time.monotonic() - t0 < 1.6                              # two rounds of 5


def test_run_calls_a_fetcher_of_your_own_one_request_at_a_time(server: LocalServer) -> None:
    order = []

    def fetcher(q: FetchRequest) -> FetchResponse:
        order.append(q.url.rsplit("/", 1)[1])
        return FetchResponse(q.id, True, 200, "", json.dumps({"n": int(order[-1].split("?")[0])}))
    src = f"const B = {server.url!r};\n" + BATCH
    assert fetchflow.run(src, fetcher).result == list(range(10))
    assert [o.split("?")[0] for o in order] == [str(i) for i in range(10)]


def test_arun_has_a_default_fetcher_and_is_concurrent(server: LocalServer) -> None:
    src = f"const B = {server.url!r};\n" + BATCH
    t0 = time.monotonic()
    r = asyncio.run(fetchflow.arun(src))
    assert r.result == list(range(10)) and time.monotonic() - t0 < 1.2


def test_arun_accepts_sync_and_async_fetchers(server: LocalServer) -> None:
    src = f"(await (await fetch({server.url + '/item/4'!r})).json()).n"

    async def afetch(q: FetchRequest) -> FetchResponse:
        await asyncio.sleep(0)
        return http_fetcher(q)
    assert asyncio.run(fetchflow.arun(src, http_fetcher)).result == 4
    assert asyncio.run(fetchflow.arun(src, lambda q: http_fetcher(q))).result == 4
    assert asyncio.run(fetchflow.arun(src, afetch)).result == 4
    assert asyncio.run(fetchflow.arun(src, lambda q: afetch(q))).result == 4


@pytest.mark.parametrize("bad", [{"timeout": 0}, {"timeout": "1"}, {"max_concurrency": 0},
                                 {"max_concurrency": 1.5}])
def test_driver_options_are_checked(bad: dict) -> None:
    with pytest.raises(ValueError):
        fetchflow.run("1", **bad)


# -- URLs a host hands over as they are ---------------------------------------------------------

def test_raw_non_ascii_urls_are_encoded_not_crashed_on(server: LocalServer) -> None:
    # a FetchRequest made by a host (not by fetch(), which serializes first) with a space,
    # non-ASCII query and path, and a tab: sent as node would send them
    r = http_fetcher(_req(server.url + "/echo/é è?q=café &x=1\t"))
    assert r.success and json.loads(r.data)["target"] == "/echo/%C3%A9%20%C3%A8?q=caf%C3%A9%20&x=1"
    r = http_fetcher(_req("http://bücher.invalid/"))     # an IDNA host goes out as punycode
    assert not r.success and "xn--bcher-kva.invalid" in (r.cause or "")


def test_under_a_policy_a_name_must_resolve_to_a_public_address(server: LocalServer,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import socket
    real = socket.getaddrinfo
    port = int(server.url.rsplit(":", 1)[1])
    answers = {"rebind.example": "127.0.0.1", "public.example": "93.184.215.14"}

    def fake_dns(host, *a, **kw):  # type: ignore[no-untyped-def]  # this machine has no DNS
        if host in answers:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[host], port))]
        return real(host, *a, **kw)
    monkeypatch.setattr(socket, "getaddrinfo", fake_dns)
    url = f"http://rebind.example:{port}/echo"
    anyone = HTTPFetcher(policy=FetchPolicy(allow=None), timeout=5)
    r = anyone(_req(url))
    assert not r.success and not r.retryable
    assert r.cause == f"fetch to {url} denied by policy: rebind.example resolves to the non-public address 127.0.0.1"
    wildcard = HTTPFetcher(policy=FetchPolicy(allow=[f"http://*.example:{port}/**"]), timeout=5)
    assert "non-public address" in (wildcard(_req(url)).cause or "")
    # named without wildcards: allowed, and the connection goes to the checked address
    named = HTTPFetcher(policy=FetchPolicy(allow=[f"http://rebind.example:{port}/**"]), timeout=5)
    r = named(_req(url))
    assert r.success and json.loads(r.data)["headers"]["host"] == f"rebind.example:{port}"
    # a public answer is pinned: the connection goes there (nothing listens here: it fails
    # on connecting, not on the check)
    r = HTTPFetcher(policy=FetchPolicy(allow=None), timeout=0.5)(_req(f"http://public.example:{port}/"))
    assert not r.success and "non-public" not in (r.cause or "") and r.retryable
    # no policy: no check
    assert http_fetcher(_req(url)).success
