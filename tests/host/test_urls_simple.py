"""fetch()'s URL fast path (fetchflow/host/urls.py ``_simple``) answers exactly what the WHATWG
basic URL parser does, for every URL it takes."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from fetchflow.host import urls

_HOSTS = st.sampled_from(["a", "example.com", "x-y.z9", "127.0.0.1", "1.2.3.4", "255.255.255.255",
                          "256.1.1.1", "01.2.3.4", "1.2.3", "a.1", "0x7f.0.0.1", "a.0x1", "xn--nxasmq6b.com",
                          "Example.com", "a..b", "a.", "123", "8.8.8.08", "a-.b", "-a.b"])
_SAFE = st.sampled_from(["/", "a", "b", "0", "9", ".", "..", "-", "_", "~", "!", "$", "(", ")", "*", "+",
                         ",", ";", ":", "@", "=", "&", "?", "'"])
_PIECES = st.sampled_from(["/", "a", "b", ".", "..", "%2e", "%20", "?", "&", "=", "'", "\"", "#", " ",
                           ":", "@", "\\", "~", "!", "$", "(", ")", "*", "+", ",", ";", "`", "{", "}",
                           "<", ">", "^", "|", "\t", "é", "0", "9", "-", "_"])


@st.composite
def _urls(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(["http", "https", "HTTP", "ftp", "http:", "https:/"]))
    host = draw(_HOSTS)
    port = draw(st.sampled_from(["", ":80", ":443", ":8080", ":0", ":65535", ":65536", ":080", ":", ":99999"]))
    path = "".join(draw(st.lists(_SAFE if draw(st.booleans()) else _PIECES, max_size=8)))
    if path and draw(st.booleans()):
        path = "/" + path
    return f"{scheme}://{host}{port}{path}"


def _fields(p: urls.ParsedURL) -> tuple:
    return (p.scheme, p.host, p.port, p.path, p.query, p.ip, p.ip_version, p.ascii_host, p.href())


def _slow(u: str) -> object:
    s = urls.usv_string(u).strip(urls._C0_SPACE)
    try:
        p = urls._parse(u, s)
    except urls.URLError as e:
        return ("error", e.message)
    return None if p is None else _fields(p)


@settings(max_examples=400, deadline=None)
@given(_urls())
def test_the_fast_path_agrees_with_the_parser(u: str) -> None:
    fast = urls._simple(urls.usv_string(u).strip(urls._C0_SPACE))
    if fast is not None:
        assert _fields(fast) == _slow(u)


def test_the_fast_path_takes_common_urls() -> None:
    taken = ["http://127.0.0.1:8080/item/3", "https://api.example.com/v1/users.json?page=2&per=50",
             "http://a.b/", "https://x.y", "http://a.b/p?", "http://1.2.3.4:80/a//b"]
    for u in taken:
        assert urls._simple(u) is not None, u
        assert _fields(urls.parse_url(u)) == _slow(u)
    assert urls.parse_url("http://1.2.3.4:80/a//b").port is None
    for u in ["http://a.b/x/../y", "http://A.b/", "http://127.1/", "http://a.b/%7e", "http://u@a.b/",
              "http://a.b/#f", "http://xn--nxasmq6b.com/", "http://a.b:65536/"]:
        assert urls._simple(u) is None, u
