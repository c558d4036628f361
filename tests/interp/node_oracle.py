"""Moved to tests/node_oracle.py; this name stays for tests written before the move."""
from tests.node_oracle import (MODES, assert_same_as_node, fetchflow_output,  # noqa: F401
                               has_node_output, node_output)
