"""Suite-wide options and hooks.

``--update-node-fixtures``: run node for the node-differential tests (tests/node_oracle.py)
and rewrite the ``<test module>.node.json`` files beside them; entries no test used are
pruned from the modules that ran whole.  Without it a test run never writes to the
repository, and such stale entries fail the run (tests/node_fixtures.py).

The suite runs in UTC whatever the machine's zone: a new machine takes the host's zone (``TZ``,
else the system's), and node's side runs with ``TZ=UTC``; tests of other zones set their own.
"""
from __future__ import annotations

import os
import time

os.environ["TZ"] = "UTC"
time.tzset()

from tests.node_fixtures import (  # noqa: F401  (pytest finds hooks by name here)
    pytest_addoption, pytest_collection_finish, pytest_configure, pytest_deselected,
    pytest_runtest_logreport, pytest_runtest_protocol, pytest_sessionfinish,
    pytest_terminal_summary)
