"""A library loaded as a script, then a battery of calls: fetchflow prints what node prints.

The library's source comes from the npm cache (npm_cache.py), so the recorded node fixture
holds only a header naming the library (with a digest of its text) and the battery: the
key is ``// library <spec>/<path> sha256:<digest> ...\\n<battery>``.  Node runs the library
with ``vm.runInThisContext`` as a classic script, after hiding the globals that only node
has (``process``, ``Buffer``, ``require``/``module``, the built-in module names, ``Intl``,
``SharedArrayBuffer``/``Atomics``, ``WebAssembly``), so a UMD bundle takes its browser path
in both, as it would in fetchflow.
"""
from __future__ import annotations

import os
import re
import subprocess
import tempfile

from tests import node_fixtures
from tests.node_oracle import MODES, fetchflow_output, mismatch

from .npm_cache import digest

NODE_LOADER = r"""
const fs = require('fs'), vm = require('vm'), builtins = require('module').builtinModules;
const code = fs.readFileSync(process.argv[1], 'utf8');
for (const k of ['process', 'global', 'Buffer', 'Intl', 'SharedArrayBuffer', 'Atomics',
                 'WebAssembly', 'require', 'module', 'exports', '__filename', '__dirname',
                 ...builtins.filter(m => m !== 'console' && m !== 'crypto')]) {
  if (Object.prototype.hasOwnProperty.call(globalThis, k)) delete globalThis[k];
}
vm.runInThisContext(code, {filename: 'library.js'});
"""


def _run_node(program: str):
    def run(node: str) -> str:
        with tempfile.TemporaryDirectory() as tmp:
            script = os.path.join(tmp, "program.js")
            with open(script, "w", encoding="utf-8") as f:
                f.write(program)
            # output into files, not pipes: node's report of an uncaught error quotes the
            # (minified, 100 KB) source line, and a write to a full non-blocking pipe is lost;
            # bytes, not text: universal newlines would turn a printed "\r\n" into "\n"
            with open(os.path.join(tmp, "out"), "w+b") as out_f, \
                    open(os.path.join(tmp, "err"), "w+b") as err_f:
                p = subprocess.run([node, "-e", NODE_LOADER, script], stdout=out_f, stderr=err_f,
                                   timeout=120, env={**os.environ, "TZ": "UTC"})
                out_f.seek(0)
                err_f.seek(0)
                out = out_f.read().decode("utf-8", errors="replace")
                stderr = err_f.read().decode("utf-8", errors="replace")
        if p.returncode != 0:
            err = [ln for ln in stderr.splitlines() if re.match(r"^[A-Za-z]*Error\b", ln)][:1]
            out += "UNCAUGHT " + (err[0].strip() if err else "?") + "\n"
        return out
    return run


def assert_library_like_node(label: str, library: str, battery: str, prelude: str = "") -> None:
    """``prelude``, then ``library`` (the source text, named by ``label``), then ``battery``
    (in a function), as one script, in each mode."""
    # the battery in a function of its own: a top-level `var c` would overwrite a minified
    # bundle's global helper of that name
    program = prelude + "\n" + library + "\n;(function () {\n" + battery + "\n})();\n"
    key = node_fixtures.make_key(f"{prelude}\n// library {label} sha256:{digest(library)}, "
                                 f"loaded as a script before this battery\n{battery}")
    expected = node_fixtures.current().output(key, _run_node(program))
    for mode in MODES:
        got = fetchflow_output(program, mode)
        if got != expected:
            raise AssertionError(mismatch(f"<{label}>\n{battery}", expected, got, mode))
