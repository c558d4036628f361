"""Suite-wide options and hooks.

``--update-node-fixtures``: run node for the node-differential tests (tests/node_oracle.py)
and rewrite the ``<test module>.node.json`` files beside them; entries no test used are
pruned from the modules that ran whole.  Without it a test run never writes to the
repository, and such stale entries fail the run (tests/node_fixtures.py).
"""
from __future__ import annotations

from tests.node_fixtures import (  # noqa: F401  (pytest finds hooks by name here)
    pytest_addoption, pytest_collection_finish, pytest_configure, pytest_deselected,
    pytest_runtest_logreport, pytest_runtest_protocol, pytest_sessionfinish,
    pytest_terminal_summary)
