"""Command line of durable runs: ``start``, ``worker`` and ``runs ...`` (list, show, history,
inspect, cancel, send-event).  Every command takes ``--store URL`` (default: the
``FETCHFLOW_STORE`` environment variable) and ``--key-file K`` (else FETCHFLOW_STATE_KEY,
else the store's own key).

This module only builds the parsers (every CLI start does); the commands themselves are in
commands.py, loaded when one of them runs."""
from __future__ import annotations

import argparse
from typing import Any


class _Command:
    """A durable command by name: ``commands.cmd_<name>``, loaded when it runs."""
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, args: argparse.Namespace) -> Any:
        from . import commands   # start-up cost: the store and the worker load only for their commands
        return getattr(commands, f"cmd_{self.name}")(args)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", metavar="URL", help="sqlite:///runs.db or postgresql://...")
    p.add_argument("--key-file", metavar="K", help="the key states are signed with")


def setup(sub: Any) -> None:
    """Add ``start``, ``worker`` and ``runs`` to the main parser."""
    p = sub.add_parser("start", help="add a durable run of a script to a store; prints its id")
    p.add_argument("file")
    _common(p)
    p.add_argument("--deadline", type=float, metavar="S", help="fail the run after S seconds")
    p.add_argument("--timers", choices=("real", "virtual"), default="real")
    p.set_defaults(func=_Command("start"))

    p = sub.add_parser("worker", help="run steps and fetches of a store's runs")
    _common(p)
    p.add_argument("--processes", type=int, default=1, metavar="N")
    p.add_argument("--fetcher", metavar="MODULE:CALLABLE", help="FetchRequest -> FetchResponse")
    p.add_argument("--until-idle", action="store_true",
                   help="exit when nothing is runnable, due within 1 s or leased by another worker")
    p.add_argument("--lease", type=float, default=60.0, metavar="SECONDS")
    p.add_argument("--max-in-flight", type=int, default=64, metavar="N", help="fetches per process")
    p.add_argument("--max-per-host", type=int, default=6, metavar="N",
                   help="fetches per process to one origin at a time (0: no limit; default 6)")
    p.add_argument("--cache", type=int, default=256, metavar="N",
                   help="paused machines kept live per process (their next step skips the load)")
    p.add_argument("--queue", choices=("procrastinate",),
                   help="PostgreSQL: take work from procrastinate jobs instead of polling")
    p.add_argument("--chaos", type=float, default=0.0, help=argparse.SUPPRESS)  # crash tests
    p.set_defaults(func=_Command("worker"))

    runs = sub.add_parser("runs", help="list, show, inspect, cancel runs; send events")
    rs = runs.add_subparsers(dest="runs_command", required=True)
    p = rs.add_parser("list")
    _common(p)
    p.add_argument("--status")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_Command("list"))
    for name, helptext in (("show", "status, result, error and the whole console"),
                           ("history", "every step"),
                           ("inspect", "a past pause (default: the latest)"),
                           ("cancel", "cancel an active run")):
        p = rs.add_parser(name, help=helptext)
        p.add_argument("id")
        _common(p)
        if name in ("show", "history", "inspect"):
            p.add_argument("--json", action="store_true")
        if name == "inspect":
            p.add_argument("--step", type=int, metavar="K")
        p.set_defaults(func=_Command(name))
    p = rs.add_parser("send-event", help="deliver an event (JSON payload) to a run")
    p.add_argument("id")
    p.add_argument("name")
    p.add_argument("payload", metavar="JSON")
    _common(p)
    p.set_defaults(func=_Command("send_event"))
