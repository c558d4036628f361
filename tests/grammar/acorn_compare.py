"""Compare fetchflow's ESTree output with acorn 8's (run by node), for ES2018+ syntax.

esprima stops at ES2017, so the oracle for newer syntax is acorn (ecmaVersion
2023, sourceType script, allowAwaitOutsideFunction: fetchflow's script body
allows top-level await).  acorn is installed with npm into a cache outside the
repository (``~/.cache/fetchflow-acorn``, or ``$FETCHFLOW_ACORN_DIR``); every
program of a batch is parsed by one node process.

Normalisation (both sides): positions (``start``/``end``/``loc``/``range``) are
dropped; acorn's ``optional: false`` and ``await: false`` (fetchflow emits them
only when true), and fetchflow's esprima-era ``each: false`` on ForInStatement,
are dropped; a regex Literal's ``value`` (a RegExp in acorn, ``{}`` in JSON) is
None; a BigInt Literal's ``value`` is compared as its decimal string (JSON has
no BigInt); strings are compared in UTF-16 (fetchflow splits astral characters
into surrogate pairs, as JS strings do).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, List, Optional

ACORN_VERSION = "8"
_DUMP = r"""
const acorn = require(process.argv[1]);
const sources = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const opts = {ecmaVersion: 2023, sourceType: 'script', allowAwaitOutsideFunction: true,
              allowHashBang: true};
const out = sources.map(src => {
  try { return acorn.parse(src, opts); }
  catch (e) { return {error: e.message.replace(/ \(\d+:\d+\)$/, '')}; }
});
process.stdout.write(JSON.stringify(out, (k, v) =>
  typeof v === 'bigint' ? {$bigint: v.toString()} : v instanceof RegExp ? null : v));
"""


def acorn_dir() -> Path:
    return Path(os.environ.get("FETCHFLOW_ACORN_DIR")
                or os.path.expanduser("~/.cache/fetchflow-acorn"))


def ensure_acorn() -> Optional[str]:
    """The path of acorn's package (installing it if missing), or None with node/npm absent."""
    if shutil.which("node") is None:
        return None
    d = acorn_dir()
    pkg = d / "node_modules" / "acorn"
    if not (pkg / "package.json").exists():
        npm = shutil.which("npm")
        if npm is None:
            return None
        d.mkdir(parents=True, exist_ok=True)
        r = subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix",
                            str(d), f"acorn@{ACORN_VERSION}"], capture_output=True, text=True,
                           timeout=300)
        if r.returncode != 0 or not (pkg / "package.json").exists():
            return None
    return str(pkg)


def acorn_trees(package: str, sources: List[str]) -> List[Any]:
    """acorn's ESTree (or ``{"error": message}``) for each source, with positions."""
    r = subprocess.run(["node", "-e", _DUMP, package], input=json.dumps(sources),
                       capture_output=True, text=True, check=True, timeout=120)
    return json.loads(r.stdout)


_POSITIONS = frozenset(("start", "end", "loc", "range"))


def normalise(node: Any, positions: bool = False) -> Any:
    """See the module docstring; ``positions=True`` keeps ``start``/``end``."""
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k in _POSITIONS and not (positions and k in ("start", "end")):
                continue
            if (k == "optional" or k == "await" or k == "each") and v is False:
                continue
            out[k] = normalise(v, positions)
        if out.get("type") == "Literal":
            if "regex" in out:
                out["value"] = None
            if out.get("bigint") is not None:
                out["value"] = out["bigint"]
        return out
    if isinstance(node, list):
        return [normalise(x, positions) for x in node]
    if isinstance(node, str):
        return node.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return node


def our_dict(src: str) -> Any:
    """fetchflow's tree with acorn's position convention (``start``/``end`` offsets)."""
    from fetchflow import parse
    program = parse(src)
    return program.to_dict(range=True)


def with_start_end(tree: Any) -> Any:
    """fetchflow's ``range`` as acorn's ``start``/``end``."""
    if isinstance(tree, dict):
        out = {k: with_start_end(v) for k, v in tree.items() if k != "range"}
        if "range" in tree:
            out["start"], out["end"] = tree["range"]
        return out
    if isinstance(tree, list):
        return [with_start_end(x) for x in tree]
    return tree
