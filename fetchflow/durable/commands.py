"""What the durable subcommands do (``start``, ``worker``, ``runs ...``); cli.py builds their
parsers and loads this module only when one of them runs (it needs the store and the worker,
which a plain ``fetchflow run`` should not load)."""
from __future__ import annotations

import argparse
import datetime
import json
import logging
import os
import sys
from typing import Any, Optional
from .store import Store
from ..state import read_key_file
from ..errors import JSSyntaxError
from .worker import run_workers


def _store(args: argparse.Namespace) -> Any:
    url = args.store or os.environ.get("FETCHFLOW_STORE")
    if not url:
        raise SystemExit("fetchflow: --store URL (or FETCHFLOW_STORE) is required")
    key: Optional[bytes] = None
    if getattr(args, "key_file", None):
        try:
            key = read_key_file(args.key_file)
        except ValueError as e:
            raise SystemExit(f"fetchflow: {e}") from None
    return Store(url, key=key)


def _ts(t: Optional[float]) -> str:
    if t is None:
        return "-"
    return datetime.datetime.fromtimestamp(t).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def _print_json(data: Any, indent: Optional[int] = None) -> int:
    """What every ``--json`` prints: one JSON document, non-ASCII text as itself; exit code 0."""
    print(json.dumps(data, ensure_ascii=False, indent=indent))
    return 0


def cmd_start(args: argparse.Namespace) -> int:
    with open(args.file, encoding="utf-8") as f:
        source = f.read()
    try:
        rid = _store(args).start(source, deadline=args.deadline, timers=args.timers)
    except JSSyntaxError as e:
        print(f"{args.file}:{e}", file=sys.stderr)
        return 2
    print(rid)
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    if not sys.stderr.isatty():
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s[%(process)d] %(message)s")
    url = args.store or os.environ.get("FETCHFLOW_STORE")
    if not url:
        raise SystemExit("fetchflow: --store URL (or FETCHFLOW_STORE) is required")
    Store(url, queue=args.queue).close()  # the schemas, once, before the processes start
    kwargs: dict = {"lease": args.lease, "max_in_flight": args.max_in_flight,
                    "max_per_host": args.max_per_host, "cache": args.cache}
    if args.chaos:
        kwargs["chaos"] = args.chaos
    if args.key_file:
        with open(args.key_file, "rb") as f:
            os.environ["FETCHFLOW_STATE_KEY"] = f.read().rstrip(b"\r\n").decode("utf-8")
    try:
        return run_workers(url, args.processes, args.fetcher, args.until_idle, args.queue, **kwargs)
    except KeyboardInterrupt:
        return 130


def cmd_list(args: argparse.Namespace) -> int:
    runs = _store(args).list(args.status, args.limit)
    if args.json:
        return _print_json(runs)
    for r in runs:
        wake = f"  wakes {_ts(r['wake_at'])}" if r["wake_at"] else ""
        print(f"{r['id']}  {r['status']:<9}  steps {r['steps']:<4} created {_ts(r['created'])}{wake}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    d = _store(args).show(args.id)
    if args.json:
        return _print_json(d)
    print(f"run {d['id']}: {d['status']} after {d['steps']} steps (created {_ts(d['created'])}, "
          f"updated {_ts(d['updated'])})")
    if d["deadline"]:
        print(f"  deadline {_ts(d['deadline'])}")
    if d["status"] in ("waiting", "runnable"):
        for q in d["pending_requests"]:
            print(f"  waiting for {q['id']}  {q['method']} {q['url']}")
        for e in d["pending_events"]:
            print(f"  waiting for event {e['name']!r}" +
                  (f" (timeout {e['timeout']:g} ms)" if e.get("timeout") is not None else ""))
        if d["wake_at"]:
            print(f"  wakes at {_ts(d['wake_at'])}")
    if d["result"] is not None:
        print(f"  result: {json.dumps(d['result'])}")
    if d["error"]:
        print(f"  error: {d['error'].get('name')}: {d['error'].get('message')}")
    if d["console"]:
        print(f"  console ({len(d['console'])} lines):")
        for line in d["console"]:
            print(f"  | {line}")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    hist = _store(args).history(args.id)
    if args.json:
        return _print_json(hist)
    for h in hist:
        ms = (h["finished"] - h["started"]) * 1000.0
        print(f"step {h['step']:<3} {h['kind']:<8} {h['status']:<9} {_ts(h['started'])} {ms:7.1f} ms"
              f"  {h['worker'] or ''}")
        for r in h["responses"]:
            what = f"{r['status']}" if r.get("success", True) else f"error {r.get('error')}"
            print(f"    <- {r['id']} {what}")
        for n, p in h["events"]:
            print(f"    <- event {n!r} {json.dumps(p)}")
        for line in h["console"]:
            print(f"    | {line}")
        for q in h["requests"]:
            print(f"    -> {q['id']} {q['method']} {q['url']}")
        if h["wake_at"]:
            print(f"    wakes at {_ts(h['wake_at'])}")
        if h["error"]:
            print(f"    error {h['error'].get('name')}: {h['error'].get('message')}")
    return 0


def cmd_inspect(args: argparse.Namespace) -> int:
    rep = _store(args).inspect(args.id, args.step)
    if args.json:
        return _print_json(rep.to_dict(), indent=2)
    print(rep)
    return 0


def cmd_cancel(args: argparse.Namespace) -> int:
    if _store(args).cancel(args.id):
        print(f"cancelled {args.id}")
        return 0
    print(f"run {args.id} had already finished", file=sys.stderr)
    return 1


def cmd_send_event(args: argparse.Namespace) -> int:
    try:
        payload = json.loads(args.payload)
    except json.JSONDecodeError as e:
        print(f"fetchflow: the payload is not JSON: {e}", file=sys.stderr)
        return 2
    _store(args).send_event(args.id, args.name, payload)
    return 0
