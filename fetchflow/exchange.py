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
        return self.options.get("body")


@dataclass
class FetchResponse:
    id: str
    success: bool
    status: int = 200
    status_text: str = ""
    data: Any = None
    error: Optional[str] = None
    headers: Optional[dict] = None
    timestamp: Optional[float] = None
