"""Suite-wide options.

``--update-node-fixtures``: run node for the node-differential tests and rewrite their
fixtures under tests/fixtures/node/ (tests/interp/node_oracle.py).  Without it a test run
never writes to the repository.
"""
from __future__ import annotations

from typing import Any


def pytest_addoption(parser: Any) -> None:
    parser.addoption("--update-node-fixtures", action="store_true", default=False,
                     help="run node and rewrite the fixtures in tests/fixtures/node/ that are "
                          "missing or differ (needs node 20 on PATH)")


def pytest_configure(config: Any) -> None:
    from tests.interp import node_oracle
    node_oracle.UPDATE = bool(config.getoption("--update-node-fixtures"))
