"""Moved to tests/node_oracle.py (which now runs every program through ``execute_code``);
this name stays for tests written before the move."""
from tests.node_oracle import assert_same_as_node, fetchflow_output, node_output  # noqa: F401
