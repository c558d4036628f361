"""Host side: fetch/Headers/Response, events, drivers."""
from . import events as _events  # noqa: F401  (registers waitForEvent before states load)
