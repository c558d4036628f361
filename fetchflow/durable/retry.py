"""Retries of failed fetches, outside the VM: the script sees only the final answer.

A fetch is retried on a network error, a 5xx or a 429, after an exponentially growing
delay with jitter (so a recovering host is not hit by every client at the same instant),
or after the server's ``Retry-After`` when it gives one.  A retry is durable: the fetch
job goes back to the store with its next try time, so a worker restart does not reset
the schedule, and a long wait holds no thread.  Policies are chosen per host.
"""
from __future__ import annotations

import email.utils
import fnmatch
import random
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any, Mapping, Optional, Union


@dataclass(frozen=True)
class RetryPolicy:
    """``max_attempts`` tries in all (1 = no retry); the n-th retry waits
    ``min(max_delay, base * factor**(n-1))`` scaled by a random factor in
    ``[1 - jitter, 1]``; a ``Retry-After`` header (seconds or an HTTP date) wins, up to
    ``max_retry_after``."""
    max_attempts: int = 4
    base: float = 0.5
    factor: float = 2.0
    max_delay: float = 30.0
    jitter: float = 0.5
    max_retry_after: float = 3600.0
    retry_statuses: tuple = (429, 500, 502, 503, 504)

    def delay(self, attempt: int, response: Mapping[str, Any],
              rng: Optional[random.Random] = None) -> Optional[float]:
        """Seconds to wait before the next try after ``attempt`` tries ended in
        ``response`` (a response dict), or None when it is final."""
        if attempt >= self.max_attempts or not is_retryable(response, self.retry_statuses):
            return None
        after = retry_after(response.get("headers") or {})
        if after is not None:
            return min(after, self.max_retry_after)
        d = min(self.max_delay, self.base * self.factor ** (attempt - 1))
        return d * (1.0 - self.jitter * (rng or random).random())


NO_RETRY = RetryPolicy(max_attempts=1)


def is_retryable(response: Mapping[str, Any], statuses: tuple) -> bool:
    if not response.get("success", True):
        # a network error (connection refused, timeout, DNS), unless the fetcher knows the
        # same request fails again (a policy denial, a bad redirect)
        return bool(response.get("retryable", True))
    return int(response.get("status") or 0) in statuses


def retry_after(headers: Mapping[str, Any]) -> Optional[float]:
    """``Retry-After`` in seconds from now (RFC 9110 10.2.3: delay-seconds or an HTTP-date)."""
    v = None
    for k, val in headers.items():
        if k.lower() == "retry-after":
            v = str(val).strip()
    if not v:
        return None
    if v.isdigit():
        return float(v)
    try:
        when = email.utils.parsedate_to_datetime(v)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


Retry = Union[RetryPolicy, Mapping[str, RetryPolicy], None]


def policy_for(retry: Retry, url: str) -> RetryPolicy:
    """The policy for ``url``'s host: ``retry`` is one policy, or ``{host glob: policy}``
    (``"*"`` as the fallback; the most specific - longest - matching glob wins)."""
    if retry is None:
        return RetryPolicy()
    if isinstance(retry, RetryPolicy):
        return retry
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    best, best_len = None, -1
    for pattern, pol in retry.items():
        if fnmatch.fnmatchcase(host, pattern.lower()) and len(pattern) > best_len:
            best, best_len = pol, len(pattern)
    return best if best is not None else RetryPolicy()
