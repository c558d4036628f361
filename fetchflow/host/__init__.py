"""Host side: fetch/Headers/Response, events, drivers."""
from . import events as _events  # noqa: F401  (registers waitForEvent before states load)
from . import web_platform as _web_platform  # noqa: F401  (URL, AbortController...: issue 11)
