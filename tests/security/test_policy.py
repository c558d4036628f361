"""Finding 9: the fetch policy matched globs against the URL string, so other spellings of
127.0.0.1 passed a loopback deny rule, ``/%61dmin`` passed ``…/admin*``, and ``*`` matched
``/``, so ``http://*.example.com/*`` sent secrets to ``http://ATTACKER/.example.com/``.
Now URLs are parsed as node parses them and patterns match per component
(fetchflow.host.policy documents the pattern language)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from typing import Any, List

import pytest

import fetchflow
from fetchflow import FetchResponse, execute_code
from fetchflow.host.policy import (FetchPolicy, PolicyPatternError, compile_pattern, matches,
                                   normalize_url, policy_denies)
from fetchflow.host.urls import parse_url, URLError

from ._local_server import LocalServer, local_server  # noqa: F401 - fixture

# host spellings and what node 20's `new URL(u).href` makes of them (None: invalid);
# test_host_table_matches_node rechecks the table against node when node is on PATH
NODE_HOSTS = [
    ('http://[::1]/', 'http://[::1]/'),
    ('http://[0:0:0:0:0:0:0:1]/', 'http://[::1]/'),
    ('http://[::ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/'),
    ('http://[::ffff:7f00:1]/', 'http://[::ffff:7f00:1]/'),
    ('http://[0::ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/'),
    ('http://[::FFFF:127.0.0.1]:8080/', 'http://[::ffff:7f00:1]:8080/'),
    ('http://[1:0:0:2:0:0:0:3]/', 'http://[1:0:0:2::3]/'),
    ('http://[1:0:0:0:2:0:0:3]/', 'http://[1::2:0:0:3]/'),
    ('http://[::]/', 'http://[::]/'),
    ('http://[0:0::0:0]/', 'http://[::]/'),
    ('http://[2001:db8::1:0:0:1]/', 'http://[2001:db8::1:0:0:1]/'),
    ('http://[2001:DB8:0:0:1::1]/', 'http://[2001:db8::1:0:0:1]/'),
    ('http://[::127.0.0.1]/', 'http://[::7f00:1]/'),
    ('http://[64:ff9b::127.0.0.1]/', 'http://[64:ff9b::7f00:1]/'),
    ('http://[::1.2.3]/', None),
    ('http://[::01.2.3.4]/', None),
    ('http://[1:2:3:4:5:6:7:8:9]/', None),
    ('http://[:1]/', None),
    ('http://[1:]/', None),
    ('http://[12345::]/', None),
    ('http://[fe80::1%25eth0]/', None),
    ('http://[::1]x/', None),
    ('http://[1::2::3]/', None),
    ('http://[1:2:3:4:5:6:1.2.3.4]/', 'http://[1:2:3:4:5:6:102:304]/'),
    ('http://[1:2:3:4:5:6:7:1.2.3.4]/', None),
    ('http://[::ffff:1.2.3.4.5]/', None),
    ('http://[::ffff:256.0.0.1]/', None),
    ('http://2130706433/', 'http://127.0.0.1/'),
    ('http://0x7f000001/', 'http://127.0.0.1/'),
    ('http://127.1/', 'http://127.0.0.1/'),
    ('http://0/', 'http://0.0.0.0/'),
    ('http://0177.0.0.1/', 'http://127.0.0.1/'),
    ('http://0x7f.1/', 'http://127.0.0.1/'),
    ('http://127.0.0.1./', 'http://127.0.0.1/'),
    ('http://127.0.0.1../', 'http://127.0.0.1../'),
    ('http://4294967295/', 'http://255.255.255.255/'),
    ('http://4294967296/', None),
    ('http://0x/', 'http://0.0.0.0/'),
    ('http://0x.0x.0/', 'http://0.0.0.0/'),
    ('http://%31%32%37.0.0.1/', 'http://127.0.0.1/'),
    ('http://127.000.000.001/', 'http://127.0.0.1/'),
    ('http://127.0.1/', 'http://127.0.0.1/'),
    ('http://1.2.3.09/', None),
    ('http://foo.09/', None),
    ('http://foo.0x/', None),
    ('http://a.1/', None),
    ('http://1.a/', 'http://1.a/'),
    ('http://09/', None),
    ('http://LOCALHOST/', 'http://localhost/'),
    ('http://ex%61mple.com/', 'http://example.com/'),
    ('http://example.com./', 'http://example.com./'),
]


def _href(url: str) -> Any:
    try:
        p = parse_url(url)
    except URLError:
        return None
    return p.href() if p is not None else "OTHER"


@pytest.mark.parametrize("url,expected", NODE_HOSTS)
def test_host_parsing_matches_node(url: str, expected: Any) -> None:
    assert _href(url) == expected


@pytest.mark.skipif(shutil.which("node") is None, reason="node not on PATH")
def test_host_table_matches_node() -> None:
    js = ("const u = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
          "console.log(JSON.stringify(u.map(x => { try { return new URL(x).href } catch (e) { return null } })))")
    urls = [u for u, _ in NODE_HOSTS]
    out = subprocess.run(["node", "-e", js], input=json.dumps(urls), capture_output=True,
                         text=True, timeout=60)
    assert json.loads(out.stdout) == [e for _, e in NODE_HOSTS]


# -- loopback in every spelling, through the default driver ----------------------------------

LOOPBACK = ["127.0.0.1", "2130706433", "0x7f000001", "127.1", "0177.0.0.1", "0x7f.1", "127.0.1",
            "127.000.000.001", "127.0.0.1.", "%31%32%37.0.0.1", "0", "0x", "[::ffff:127.0.0.1]",
            "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:7f00:1]", "[::1]", "localhost", "LOCALHOST.",
            "a.localhost"]


def _try_all(hosts: List[str], port: int, path: str = "/") -> str:
    urls = json.dumps([f"http://{h}:{port}{path}" for h in hosts])
    return f"""(async () => {{ const out = [];
        for (const u of {urls}) {{
            try {{ out.push(await (await fetch(u)).text()) }} catch (e) {{ out.push(e.name) }} }}
        return out }})()"""


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for k in list(os.environ):
        if k.lower().endswith("_proxy"):
            monkeypatch.delenv(k)


@pytest.mark.parametrize("policy", [
    FetchPolicy(deny=["http://127.0.0.1:*/**", "http://localhost:*/**"]),   # what users wrote
    FetchPolicy(),                                                         # no rule at all
    FetchPolicy(allow=["http://**:*/**"]),                                 # any domain name
], ids=["deny-loopback", "empty", "allow-any-domain"])
def test_loopback_is_unreachable_in_every_spelling(policy: FetchPolicy, local_server: LocalServer,
                                                   no_proxy: None) -> None:
    r = fetchflow.run(_try_all(LOOPBACK, local_server.port), quiet=True, policy=policy)
    assert r.result == ["TypeError"] * len(LOOPBACK)
    assert local_server.seen == []


def test_explicit_ip_allow_reaches_the_canonical_url(local_server: LocalServer, no_proxy: None) -> None:
    port = local_server.port
    policy = FetchPolicy(allow=[f"http://[127.0.0.0/8]:{port}/**"],
                         deny=[f"http://127.0.0.1:{port}/admin/**"])
    hosts = ["2130706433", "0x7f.1", "[::ffff:127.0.0.1]"]
    r = fetchflow.run(_try_all(hosts, port, "/a/../%61dmin/x"), quiet=True, policy=policy)
    assert r.result == ["TypeError"] * 3 and local_server.seen == []
    r = fetchflow.run(_try_all(hosts, port, "/ok/./b/%7e"), quiet=True, policy=policy)
    assert r.result == ["reached"] * 3
    # node's serialization: IPv4 dotted, an IPv4-mapped IPv6 address stays IPv6 on the wire
    assert [(path, h["Host"]) for _, path, h, _ in local_server.seen] == \
        [("/ok/b/%7e", f"127.0.0.1:{port}")] * 2 + [("/ok/b/%7e", f"[::ffff:7f00:1]:{port}")]


# -- paths ----------------------------------------------------------------------------------

API = "https://api.example.com"
ADMIN = FetchPolicy(allow=[f"{API}/**"], deny=[f"{API}/admin/**"])


def _sent(url: str, policy: FetchPolicy = ADMIN) -> Any:
    src = f"fetch({url!r}).then(() => 'sent', e => e.name + ': ' + e.message)"
    r = execute_code(src, quiet=True, policy=policy)
    return r.fetch_request.url if r.type == "paused" else r.result


@pytest.mark.parametrize("path", [
    "/admin", "/admin/", "/admin/x", "/%61dmin/x", "/%61%64%6D%69%6E/x", "/x/../admin/x",
    "/%2e%2e/admin/x", "/.%2E/admin", "/x/%2E%2e/admin", "//admin/x", "/admin//x", "/./admin",
    "/admin%2fx", "/admin%2Fx", "/x%5c..%5cadmin", "/x/..%2fadmin/x", "/admin?x=1", "/admin#f",
])
def test_denied_paths(path: str) -> None:
    assert _sent(API + path) == f"TypeError: fetch to {API + path} denied by policy"


@pytest.mark.parametrize("path,sent", [
    ("/administrator", "/administrator"), ("/x/admin", "/x/admin"), ("/%41dmin", "/%41dmin"),
    ("/a/./b/../c", "/a/c"), ("/%7euser", "/%7euser"), ("/a?q=%61", "/a?q=%61"),
])
def test_allowed_paths(path: str, sent: str) -> None:
    assert _sent(API + path) == API + sent


# -- secrets ------------------------------------------------------------------------------------

SECRET = "Bearer s3cr3t-for-example-com"


@pytest.mark.parametrize("url", [
    "http://ATTACKER/.example.com/", "http://attacker.com/x.example.com/",
    "http://a.example.com.attacker.com/", "http://attacker.com/?.example.com/",
    "http://attacker.com#.example.com/", "http://a.example.com:8080/", "https://a.example.com/",
    "http://a.b.example.com/", "http://example.com/", "http://a.example.com/x/y",
    "http://attacker.com\\.example.com/", "http://a.example.com@attacker.com/",
    "http://127.0.0.1/.example.com/",
])
def test_secrets_go_only_to_matching_hosts(url: str) -> None:
    seen = []

    def fetcher(req: Any) -> FetchResponse:
        seen.append((req.url, dict(req.headers)))
        return FetchResponse(req.id, True, 200, "OK", "ok")
    src = f"fetch({url!r}).then(r => r.text(), e => e.name)"
    fetchflow.run(src, fetcher, quiet=True, secrets={"http://*.example.com/*": {"Authorization": SECRET}})
    assert all(SECRET not in json.dumps(h) for _, h in seen), seen


def test_secrets_reach_the_matching_host() -> None:
    seen = []

    def fetcher(req: Any) -> FetchResponse:
        seen.append((req.url, dict(req.headers)))
        return FetchResponse(req.id, True, 200, "OK", "ok")
    src = "fetch('HTTP://A.Example.COM:80/x').then(r => r.text())"
    fetchflow.run(src, fetcher, quiet=True, secrets={"http://*.example.com/*": {"Authorization": SECRET}})
    assert seen == [("http://a.example.com/x", {"Authorization": SECRET})]


def test_bad_secret_patterns_are_refused_before_the_run() -> None:
    with pytest.raises(PolicyPatternError):
        fetchflow.run("1", lambda r: None, secrets={"*.example.com": {"a": "b"}})
    with pytest.raises(TypeError):
        fetchflow.run("1", lambda r: None, secrets={"http://x.com/": {"a": 1}})


# -- the matcher ------------------------------------------------------------------------------------

MATCHES = [
    ("http://*.example.com/*", "http://a.example.com/x", True),
    ("http://*.example.com/*", "http://a.example.com/x/y", False),
    ("http://*.example.com/*", "http://ATTACKER/.example.com/", False),
    ("http://*.example.com/**", "http://a.example.com/x/y", True),
    ("http://*.example.com/**", "http://a.b.example.com/x", False),
    ("http://*.example.com/**", "http://example.com/x", False),
    ("http://**.example.com/**", "http://a.b.example.com/x", True),
    ("http://**.example.com/**", "http://example.com/", True),
    ("http://**.example.com/**", "http://badexample.com/", False),
    ("http://api-*.example.com/", "http://api-7.example.com/", True),
    ("http://api-*.example.com/", "http://api.example.com/", False),
    ("http://EXAMPLE.com/", "http://example.COM./", True),
    ("http://x.com/admin/**", "http://x.com/admin", True),
    ("http://x.com/admin/**", "http://x.com/admin/a/b", True),
    ("http://x.com/admin/**", "http://x.com/administrator", False),
    ("http://x.com/admin**", "http://x.com/administrator/a", True),
    ("http://x.com/a/*/c", "http://x.com/a/b/c", True),
    ("http://x.com/a/*/c", "http://x.com/a/b/b/c", False),
    ("http://x.com/a/**/c", "http://x.com/a/b/b/c", True),
    ("http://x.com/%61", "http://x.com/a", True),
    ("http://x.com/a", "http://x.com/%61", True),
    ("http://x.com/a%3f", "http://x.com/a%3F", True),
    ("http://x.com/A", "http://x.com/a", False),
    ("http://x.com", "http://x.com/any/path?q=1", True),
    ("http://x.com", "http://x.com:8080/", False),
    ("http://x.com:8080", "http://x.com:8080/", True),
    ("http://x.com:*", "http://x.com:1/", True),
    ("http://x.com:80/", "http://x.com/", True),
    ("https://x.com/", "http://x.com/", False),
    ("*://x.com/", "https://x.com/", True),
    ("http://x.com/?", "http://x.com/", True),
    ("http://x.com/?", "http://x.com/?a", False),
    ("http://x.com/?a=*", "http://x.com/?a=1&b=/", True),
    ("http://x.com/", "http://x.com/?a", True),
    ("http://x.com/p", "http://x.com/p?a", True),
    ("http://*/", "http://intranet/", True),
    ("http://*/", "http://localhost/", False),
    ("http://**/**", "http://a.localhost/", False),
    ("http://localhost/", "http://LocalHost./", True),
    ("http://**/**", "http://10.0.0.1/", False),
    ("http://10.0.0.1/", "http://167772161/", True),
    ("http://[10.0.0.0/8]/**", "http://10.200.0.1/x", True),
    ("http://[10.0.0.0/8]/**", "http://11.0.0.1/x", False),
    ("http://[10.0.0.0/8]/**", "http://[::ffff:10.1.2.3]/", True),
    ("http://[::ffff:10.0.0.0/104]/**", "http://10.1.2.3/", True),
    ("http://[::1]/", "http://[0:0:0::1]/", True),
    ("http://[::1]/", "http://127.0.0.1/", False),
    ("http://[fc00::/7]/**", "http://[fd12:3456::1]/a", True),
    ("http://[fc00::/7]/**", "http://[fe80::1]/a", False),
    ("http://[0.0.0.0/0]:*/**", "http://0/", True),
]


@pytest.mark.parametrize("pattern,url,expected", MATCHES)
def test_matcher(pattern: str, url: str, expected: bool) -> None:
    assert matches(pattern, url) is expected


@pytest.mark.parametrize("pattern", [
    "*.example.com", "ftp://x.com/", "http://", "http://x.com/../a", "http://x.com/./a",
    "http://x y.com/", "http://x.com/a#f", "http://u@x.com/", "http://x.com\\a", "http://x.com/%2f",
    "http://a**b.com/", "http://x..com/", "http://x.com:0/", "http://x.com:99999/",
    "http://x.com:a/", "http://[::1/", "http://[10.0.0.1/8]/", "http://[10.0.0.0/33]/",
    "http://[::g]/", "http://10.*.*.*/", "http://bücher.de/", "http://x.com?a",
    "http://256.0.0.1/",
])
def test_bad_patterns_are_refused(pattern: str) -> None:
    if pattern == "http://x.com?a":   # a query without a path is fine: the path is /
        assert compile_pattern(pattern).path is not None
        return
    with pytest.raises(PolicyPatternError):
        FetchPolicy(allow=[pattern])


@pytest.mark.parametrize("url,why", [
    ("ftp://x.com/", "only http"), ("/relative", "only http"), ("http://[::1/", "invalid"),
    ("http://a:b@x.com/", "invalid"), ("http://bücher.de/", "non-ASCII"),
    ("http://xn--bcher-kva.de/", None), ("http://x..com/", "empty label"),
    ("http://x.com/a%2Fb", "encoded slash"), (" http://x.com/", "whitespace"),
    ("http://x.com/" + "a" * 20000, "too long"),
])
def test_urls_refused_outright(url: str, why: Any) -> None:
    reason = policy_denies(FetchPolicy(allow=["http://**/**"]).to_data(), url)
    assert (reason is None) if why is None else (why in reason)


def test_normalize_url() -> None:
    assert normalize_url("HTTP://2130706433:80/a/../%2e%2e/b?q#f") == "http://127.0.0.1/b?q"
    assert normalize_url("https://a.com@b.com/") is None
    assert normalize_url("HTTPS://A.COM:443/x/./y#f") == "https://a.com/x/y"


def test_a_malformed_policy_in_a_state_refuses_everything() -> None:
    for bad in ({"allow": 5}, {"deny": ["not a pattern"]}, {"allow": [["x"]]}, {"methods": 3}):
        assert policy_denies(bad, "https://api.example.com/x") is not None


def test_matching_time_is_linear() -> None:
    # a regex translation of `**a**a**a**a**b` backtracks for ages on a long path
    p = FetchPolicy(allow=["https://x.com/**a**a**a**a**b"])
    t = time.perf_counter()
    assert p.denies("https://x.com/" + "a" * 10000) is not None
    assert time.perf_counter() - t < 2.0
