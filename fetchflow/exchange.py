"""The records a paused machine and its host exchange: a fetch request the script made and
the response the host answers it with."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional


@dataclass
class FetchRequest:
    id: str
    url: str
    options: dict
    timestamp: float

    @property
    def method(self) -> str:
        return self.options.get("method", "GET")

    @property
    def headers(self) -> dict:
        return self.options.get("headers", {})

    @property
    def body(self) -> Optional[str]:
        """The body as text (a binary body's UTF-8 reading: send ``body_bytes``)."""
        return self.options.get("body")

    @property
    def body_bytes(self) -> Optional[bytes]:
        """The body as the bytes to send: a Blob's, a typed array's or a FormData's bytes as
        they are, a text body encoded as UTF-8 (lone surrogates as U+FFFD, as node sends)."""
        raw = self.options.get("body_bytes")
        if raw is not None:
            return raw
        body = self.options.get("body")
        return None if body is None else str(body).encode("utf-8", "replace")


@dataclass
class FetchResponse:
    """The host's answer to a FetchRequest.  ``success=False`` makes fetch() reject with
    ``TypeError: fetch failed`` (``error``: its message; ``cause``: its cause's message);
    ``data`` is the body: a str, bytes, or a JSON-able value sent as JSON text."""
    id: str
    success: bool
    status: int = 200
    status_text: str = ""
    data: Any = None
    error: Optional[str] = None
    headers: Optional[dict] = None
    timestamp: Optional[float] = None
    url: Optional[str] = None        # the final URL after redirects (None: the request's URL)
    redirected: bool = False         # whether redirects were followed to ``url``
    cause: Optional[str] = None      # a failed fetch: what failed (the TypeError's ``cause``)
    # a failed fetch: False when trying again cannot help (a policy denial, a bad URL or
    # redirect): job systems such as fetchflow.durable do not retry it
    retryable: bool = True
