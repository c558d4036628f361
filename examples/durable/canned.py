"""Offline answers for crawler.js: ``--fetcher examples.durable.canned:fetch``."""
from pathlib import Path

from fetchflow.host.canned import CannedFetcher

_HERE = Path(__file__).resolve().parent
fetch = CannedFetcher.from_file(str(_HERE / "crawler.responses.json"))
