"""One real fetch for ``HTTPFetcher`` (http_fetch.py): hops on the wire with http.client,
redirects, the policy check of every hop, content codings.

Loaded by ``HTTPFetcher.__call__`` at the first fetch, so that a run that never fetches
does not load http.client, ssl and socket.
"""
from __future__ import annotations

import http.client
import ipaddress
import logging
import socket
import ssl
import time
import zlib
from dataclasses import dataclass, field
from typing import Any, List, Mapping, Optional, Tuple

from ..api import FetchRequest, FetchResponse
from . import http_pool
from .http_fetch import BAD_PORTS, NODE_DEFAULT_HEADERS, HTTPFetcher, policy_data
from .policy import apply_secrets, names_host_explicitly, policy_denies
from .url_parser import URLParseError, basic_url_parser, url_serializer
from .urls import URLError, ParsedURL, parse_url

__all__ = ["fetch"]

log = logging.getLogger("fetchflow")

_REDIRECT_STATUSES = frozenset((301, 302, 303, 307, 308))
_NULL_BODY_STATUSES = frozenset((101, 103, 204, 205, 304))
# fetch 4.4 step 11: what a redirect that drops the body drops with it
_REQUEST_BODY_HEADERS = frozenset(("content-encoding", "content-language", "content-location",
                                   "content-type", "content-length"))
# what undici drops on a cross-origin hop
_CROSS_ORIGIN_DROPPED = frozenset(("authorization", "cookie", "proxy-authorization"))


def fetch(fetcher: HTTPFetcher, req: FetchRequest) -> FetchResponse:
    """Perform ``req`` as ``fetcher`` says; never raises for anything the network or the
    server does."""
    try:
        return _fetch(fetcher, req)
    except _Failure as e:
        return _failed(req, e.cause, e.retryable)


class _Failure(Exception):
    """A network error: the fetch rejects with ``TypeError: fetch failed`` (``cause``)."""

    def __init__(self, cause: str, retryable: bool = True) -> None:
        super().__init__(cause)
        self.cause = cause
        self.retryable = retryable   # False: the same request fails the same way again


@dataclass
class _Hop:
    """One request on the wire and what came back."""
    url: ParsedURL
    method: str
    headers: List[Tuple[str, str]]
    body: Optional[bytes]
    status: int = 0
    reason: str = ""
    response_headers: List[Tuple[str, str]] = field(default_factory=list)
    raw: bytes = b""
    address: Optional[str] = None    # connect to this checked address (None: resolve the host)


def _fetch(fetcher: HTTPFetcher, req: FetchRequest) -> FetchResponse:
    deadline = None if fetcher.timeout is None else time.monotonic() + fetcher.timeout
    try:
        url = parse_url(req.url) if isinstance(req.url, str) else None
    except URLError as e:
        raise _Failure(e.message, retryable=False) from None
    if url is None:
        raise _Failure(f"URL scheme must be a HTTP(S) scheme: {req.url!r}", retryable=False)
    method = str(req.method).upper()
    body = req.body_bytes   # a binary body as it is, a text body as UTF-8
    headers = _request_headers(req.headers, body)
    mode = req.options.get("redirect", "follow") if isinstance(req.options, Mapping) else "follow"
    policy = policy_data(fetcher.policy)
    hops = 0
    while True:
        _check(url, method, policy)
        hop = _Hop(url, method, _with_secrets(fetcher, req, url, headers), body,
                   address=_checked_address(url, policy))
        _perform(hop, deadline, fetcher.max_body_bytes, fetcher.ssl_context)
        location = _header(hop.response_headers, "location")
        if hop.status not in _REDIRECT_STATUSES or location is None or mode == "manual":
            break
        if mode == "error":
            raise _Failure("unexpected redirect", retryable=False)
        nxt = _location_url(location, url)
        if hops >= fetcher.max_redirects:
            raise _Failure("redirect count exceeded", retryable=False)
        hops += 1
        if (hop.status in (301, 302) and method == "POST") or \
                (hop.status == 303 and method not in ("GET", "HEAD")):
            method, body = "GET", None
            headers = [(k, v) for k, v in headers if k.lower() not in _REQUEST_BODY_HEADERS]
        if _origin(nxt) != _origin(url):
            headers = [(k, v) for k, v in headers if k.lower() not in _CROSS_ORIGIN_DROPPED]
        url = nxt
    data = hop.raw
    if method not in ("HEAD", "CONNECT") and hop.status not in _NULL_BODY_STATUSES:
        data = _content_decode(data, _header(hop.response_headers, "content-encoding"),
                               fetcher.max_body_bytes)
    body: Any = data
    try:
        # text when it is UTF-8 (what most APIs send, and what JSON-minded hosts expect);
        # other bytes stay bytes, so arrayBuffer()/blob() see exactly what was sent
        body = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return FetchResponse(req.id, True, hop.status, hop.reason, body, None,
                         _response_headers(hop.response_headers), time.time(),
                         url=url.href(), redirected=hops > 0)


def _check(url: ParsedURL, method: str, policy: Optional[Mapping[str, Any]]) -> None:
    """Fail a hop to a bad port or one the policy denies."""
    if url.effective_port in BAD_PORTS:
        raise _Failure("bad port", retryable=False)
    if policy is not None:
        why = policy_denies(policy, url.href(), method)
        if why is not None:
            raise _Failure(f"fetch to {url.href()} denied by policy: {why}", retryable=False)


def _with_secrets(fetcher: HTTPFetcher, req: FetchRequest, url: ParsedURL,
                  headers: List[Tuple[str, str]]) -> List[Tuple[str, str]]:
    """The hop's headers with the secrets its own URL matches."""
    if not fetcher.secrets:
        return headers
    hop_req = FetchRequest(req.id, url.href(), {"headers": dict(headers)}, req.timestamp)
    added = apply_secrets(hop_req, fetcher.secrets).headers
    if added is hop_req.headers:
        return headers
    return list(added.items())


# -- one hop on the wire ----------------------------------------------------------------------

def _checked_address(url: ParsedURL, policy: Optional[Mapping[str, Any]]) -> Optional[str]:
    """Under a policy, the public address to connect to for a host name no ``allow``
    pattern names explicitly (see host/policy.py, "DNS"); None: connect as usual."""
    if policy is None or url.ip is not None or names_host_explicitly(policy, url.href()):
        return None
    host = url.host[:-1] if url.host.endswith(".") else url.host
    try:
        infos = socket.getaddrinfo(host, url.effective_port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise _Failure(f"getaddrinfo ENOTFOUND {host}") from None
    addresses = [info[4][0] for info in infos]
    for a in addresses:
        ip = ipaddress.ip_address(a.split("%")[0])
        if ip.version == 6 and ip.ipv4_mapped is not None:   # ::ffff:127.0.0.1 is loopback
            ip = ip.ipv4_mapped
        if not ip.is_global:
            raise _Failure(f"fetch to {url.href()} denied by policy: {host} resolves to the "
                           f"non-public address {a}", retryable=False)
    if not addresses:
        raise _Failure(f"getaddrinfo ENOTFOUND {host}")
    return addresses[0]


def _request_headers(given: Any, body: Optional[bytes]) -> List[Tuple[str, str]]:
    """The script's headers, then node's defaults for the names it did not set."""
    out = [(str(k), str(v)) for k, v in dict(given or {}).items()]
    names = {k.lower() for k, _ in out}
    if body is not None and "content-type" not in names:
        out.append(("content-type", "text/plain;charset=UTF-8"))
    out += [(k, v) for k, v in NODE_DEFAULT_HEADERS if k not in names]
    return out


def _perform(hop: _Hop, deadline: Optional[float], max_bytes: int,
             context: Optional[ssl.SSLContext]) -> None:
    """Send ``hop``'s request and read the whole response into it, on a kept-alive
    connection to the same place when there is one (see http_pool.py)."""
    u = hop.url
    host = u.host[1:-1] if u.host.startswith("[") else u.host
    https = u.scheme == "https"
    if https and context is None:
        context = _default_context()
    key = (u.scheme, host, u.effective_port, hop.address, id(context) if https else None)
    conn = http_pool.take(key) if hop.method in http_pool.IDEMPOTENT else None
    if conn is not None:
        try:
            _exchange(conn, hop, deadline, max_bytes, key, True)
            return
        except _Stale:
            pass   # the server closed it while it idled: send again on a new connection
    cls: Any = http.client.HTTPSConnection if https else http.client.HTTPConnection
    kwargs = {"context": context} if https else {}
    conn = cls(host, u.effective_port, timeout=_remaining(deadline), **kwargs)
    if hop.address is not None:
        # the address the policy check resolved, not a second lookup (DNS rebinding); the
        # Host header and TLS server name stay the host's name
        pinned = hop.address
        conn._create_connection = lambda addr, timeout, source: socket.create_connection(
            (pinned, addr[1]), timeout, source)
    _exchange(conn, hop, deadline, max_bytes, key, False)


class _Stale(Exception):
    """A kept-alive connection turned out closed before any answer came back."""


_STALE_ERRORS = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
                 ConnectionAbortedError, http.client.CannotSendRequest)
_CONTEXT: list = []


def _default_context() -> ssl.SSLContext:
    # one context for every default fetch: kept-alive connections are keyed by it
    if not _CONTEXT:
        _CONTEXT.append(ssl.create_default_context())
    return _CONTEXT[0]


def _exchange(conn: Any, hop: _Hop, deadline: Optional[float], max_bytes: int, key: Tuple,
              reused: bool) -> None:
    """One request and its whole response on ``conn``; the connection goes back to the
    pool when the response allows, else it is closed."""
    u = hop.url
    host = u.host[1:-1] if u.host.startswith("[") else u.host
    target = u.path + ("" if u.query is None else "?" + u.query)
    keep = False
    try:
        if reused:
            conn.timeout = _remaining(deadline)
            if conn.sock is not None:
                conn.sock.settimeout(conn.timeout)
        names = {k.lower() for k, _ in hop.headers}
        conn.putrequest(hop.method, target, skip_host="host" in names, skip_accept_encoding=True)
        for k, v in hop.headers:
            conn.putheader(k, v)
        if hop.body is not None and "content-length" not in names:
            conn.putheader("content-length", str(len(hop.body)))
        conn.endheaders(hop.body)
        _set_timeout(conn, deadline)
        resp = conn.getresponse()
        hop.status, hop.reason = resp.status, resp.reason or ""
        hop.response_headers = list(resp.getheaders())
        if hop.method == "HEAD" or hop.status in _NULL_BODY_STATUSES:
            keep = not resp.will_close
            resp.close()   # done with it: the connection may carry the next request
            return
        chunks, size = [], 0
        while True:
            _set_timeout(conn, deadline)
            chunk = resp.read1(65536)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise _Failure(f"response body larger than {max_bytes} bytes")
            chunks.append(chunk)
        hop.raw = b"".join(chunks)
        keep = not resp.will_close
        resp.close()
    except _STALE_ERRORS as e:
        if reused and hop.status == 0:
            raise _Stale() from None
        raise _Failure(f"{type(e).__name__}: {e}") from None
    except (socket.timeout, TimeoutError):
        raise _Failure("timeout: the request took longer than the fetcher's timeout") from None
    except ssl.SSLError as e:
        raise _Failure(f"TLS: {e.reason or e}") from None
    except ConnectionRefusedError:
        raise _Failure(f"connect ECONNREFUSED {u.host}:{u.effective_port}") from None
    except socket.gaierror:
        raise _Failure(f"getaddrinfo ENOTFOUND {host}") from None
    except (OSError, http.client.HTTPException, ValueError, UnicodeError) as e:
        raise _Failure(f"{type(e).__name__}: {e}") from None
    finally:
        if keep:
            http_pool.give(key, conn)
        else:
            conn.close()


def _remaining(deadline: Optional[float]) -> Optional[float]:
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise _Failure("timeout: the request took longer than the fetcher's timeout")
    return left


def _set_timeout(conn: Any, deadline: Optional[float]) -> None:
    """The socket's timeout is what is left of the whole fetch's (a slow drip of bytes
    must not restart the clock on every read)."""
    if deadline is not None and conn.sock is not None:
        conn.sock.settimeout(_remaining(deadline))


def _header(pairs: List[Tuple[str, str]], name: str) -> Optional[str]:
    values = [v for k, v in pairs if k.lower() == name]
    return ", ".join(values) if values else None


def _response_headers(pairs: List[Tuple[str, str]]) -> dict:
    """Lower-case names; repeated headers joined with ``, `` (``Headers.get`` in node, which
    joins ``set-cookie`` too).  Values keep http.client's Latin-1 reading of the bytes,
    as undici's."""
    out: dict = {}
    for k, v in pairs:
        k = k.lower()
        out[k] = f"{out[k]}, {v}" if k in out else v
    return out


def _location_url(location: str, base: ParsedURL) -> ParsedURL:
    """The Location header parsed against the current URL (its bytes read as UTF-8, as
    undici reads them)."""
    try:
        text = location.encode("latin-1").decode("utf-8", "replace")
    except UnicodeEncodeError:
        text = location
    try:
        rec = basic_url_parser(text, basic_url_parser(base.href()))
        absolute = url_serializer(rec, exclude_fragment=True)
        nxt = parse_url(absolute)
    except (URLParseError, URLError):
        raise _Failure(f"Invalid URL in Location: {location!r}", retryable=False) from None
    if nxt is None:
        raise _Failure("URL scheme must be a HTTP(S) scheme", retryable=False)
    return nxt


def _origin(u: ParsedURL) -> Tuple[str, str, int]:
    return (u.scheme, u.host, u.effective_port)


# -- content codings --------------------------------------------------------------------------

def _content_decode(data: bytes, coding: Optional[str], max_bytes: int) -> bytes:
    """Undo the Content-Encoding (RFC 9110 8.4: listed in the order applied, so undone in
    reverse).  A coding undici does not know leaves the body as it is."""
    if not coding or not data:
        return data
    codings = [c.strip().lower() for c in coding.split(",") if c.strip()]
    if any(c not in ("gzip", "x-gzip", "deflate") for c in codings):
        if "br" in codings:
            log.warning("fetchflow: a 'br' (brotli) body is passed on undecoded: the Python "
                        "standard library has no brotli decoder")
        return data
    for c in reversed(codings):
        if c in ("gzip", "x-gzip"):
            data = _inflate(data, 16 + zlib.MAX_WBITS, max_bytes)
        else:   # deflate: zlib-wrapped as the RFC says, or raw as some servers send it
            data = _inflate(data, zlib.MAX_WBITS if data[:1] and data[0] & 0x0F == 8 else -zlib.MAX_WBITS,
                            max_bytes)
    return data


def _inflate(data: bytes, wbits: int, max_bytes: int) -> bytes:
    """Decompress, several gzip members one after another; a truncated stream gives what
    it holds (undici flushes with Z_SYNC_FLUSH and does not fail either)."""
    out: List[bytes] = []
    size = 0
    while data:
        d = zlib.decompressobj(wbits)
        try:
            part = d.decompress(data, max_bytes + 1 - size)
        except zlib.error as e:
            raise _Failure(f"incorrect content encoding: {e}") from None
        size += len(part)
        if size > max_bytes or d.unconsumed_tail:
            raise _Failure(f"response body larger than {max_bytes} bytes once decoded")
        out.append(part)
        data = d.unused_data if wbits > zlib.MAX_WBITS and d.eof else b""
    return b"".join(out)


def _failed(req: FetchRequest, cause: str, retryable: bool = True) -> FetchResponse:
    """A network error as node reports it: ``fetch failed``, the detail in ``cause``."""
    rid = req.id if isinstance(req.id, str) else str(req.id)
    return FetchResponse(rid, False, 0, "", None, "fetch failed", None, time.time(), cause=cause,
                         retryable=retryable)
