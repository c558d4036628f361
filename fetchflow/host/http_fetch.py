"""Real HTTP for fetch(): ``HTTPFetcher``, an http.client fetcher that behaves as node's fetch.

What a script sees matches node 20 (undici), measured against the same local server:

* requests carry node's default headers (``accept: */*``, ``accept-language: *``,
  ``sec-fetch-mode: cors``, ``user-agent: node``, ``accept-encoding: gzip, deflate``); the
  script's own headers win; a string body without a content-type gets
  ``text/plain;charset=UTF-8``;
* bodies in ``gzip``/``x-gzip``/``deflate`` (zlib or raw) are decoded, several codings in
  reverse order; ``br`` is not (the standard library has no brotli decoder, and fetchflow
  adds no dependency), so ``accept-encoding`` does not offer it and a ``br`` body a
  server sends anyway arrives undecoded, as undici treats any coding it does not know.
  The ``content-encoding`` and ``content-length`` headers are kept as received (undici
  keeps them too);
* the body is decoded as UTF-8 whatever the charset (``text()`` in node), a leading BOM
  dropped;
* redirects are followed hop by hop (fetch 4.4 HTTP-redirect fetch): 301/302 turn a POST
  into a GET without body, 303 turns anything but GET/HEAD into a GET, 307/308 keep method
  and body; a cross-origin hop drops ``authorization``, ``cookie`` and
  ``proxy-authorization``; more than 20 hops, a Location that does not parse or is not
  http(s) fail the fetch.  ``redirect: 'manual'`` returns the 3xx response itself,
  ``'error'`` fails on it.  **Every hop is checked against the fetch policy** (the VM
  only saw the first URL), and secrets are applied per hop, so a redirect never carries
  a secret to a host its pattern does not match;
* failures (refused connection, timeout, bad port, policy) resolve nothing: they become
  ``success=False`` responses, which reject in JS with ``TypeError: fetch failed``.

No proxy variables are read (node's fetch ignores them too), and only http and https are
ever opened.

The requests themselves are made in http_transport.py, loaded with http.client and ssl at
the first fetch (a run that never fetches does not pay for them).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Mapping, Optional, Tuple

from ..api import FetchRequest, FetchResponse

if TYPE_CHECKING:
    import ssl

__all__ = ["HTTPFetcher", "DEFAULT_TIMEOUT", "MAX_REDIRECTS", "NODE_DEFAULT_HEADERS", "BAD_PORTS",
           "policy_data"]

DEFAULT_TIMEOUT = 30.0
MAX_REDIRECTS = 20
DEFAULT_MAX_BODY_BYTES = 1 << 30   # the default Limits.max_heap_bytes: more could never be used
NODE_DEFAULT_HEADERS: Tuple[Tuple[str, str], ...] = (
    ("accept", "*/*"), ("accept-language", "*"), ("sec-fetch-mode", "cors"),
    ("user-agent", "node"), ("accept-encoding", "gzip, deflate"))
# fetch 2.9 "bad port": node refuses these before connecting
BAD_PORTS = frozenset((
    0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101,
    102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427,
    465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990,
    993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667,
    6668, 6669, 6679, 6697, 10080))


def policy_data(policy: Any) -> Optional[Mapping[str, Any]]:
    """A FetchPolicy (or its plain data, or None) as the plain data ``policy_denies`` reads."""
    if policy is None or isinstance(policy, Mapping):
        return policy
    return policy.to_data()


@dataclass(frozen=True)
class HTTPFetcher:
    """A fetcher (``FetchRequest -> FetchResponse``) that performs real HTTP as node does.

    ``timeout``: seconds for the whole fetch (connect, every hop, the body), None for no
    limit; ``max_redirects``: hops followed before the fetch fails; ``policy``: a
    FetchPolicy (or its data) checked on every redirect hop; ``secrets``:
    ``{pattern: {header: value}}`` added to each hop whose URL matches; ``max_body_bytes``:
    a larger (decoded) body fails the fetch.  Thread-safe: the drivers call one instance
    from several threads to fetch a batch concurrently."""
    timeout: Optional[float] = DEFAULT_TIMEOUT
    max_redirects: int = MAX_REDIRECTS
    policy: Any = None
    secrets: Optional[Mapping[str, Mapping[str, str]]] = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    ssl_context: Optional[ssl.SSLContext] = None

    def configured(self, **changes: Any) -> "HTTPFetcher":
        """A copy with ``changes`` (the drivers set the run's policy, secrets and timeout)."""
        return replace(self, **changes)

    def __call__(self, req: FetchRequest, timeout: Any = None) -> FetchResponse:
        """Perform ``req``; never raises for anything the network or the server does."""
        from . import http_transport   # start-up cost: http.client and ssl load at the first fetch
        return http_transport.fetch(self if timeout is None else self.configured(timeout=timeout), req)
