"""Run the benchmark programs on fetchflow and its peers, side by side, in one invocation.

    python bench/run.py                      # every program, every engine, 5 runs each
    python bench/run.py --only fib --runs 3
    python bench/run.py --engines fetchflow,cpython,node

Each run is a child process; its CPU time (user + system) and peak RSS come from
``os.wait4``, so other load on the machine inflates wall time but not the figures here.
Every engine also runs an empty program, and that start-up median is subtracted to give a
"net" time. Each program's stdout must equal node's (the checksum line); a run that differs,
fails or times out is recorded as such and left out of the ratios.

Nothing is installed here: see bench/README.md.
"""
from __future__ import annotations

import argparse
import datetime
import math
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

BENCH = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(BENCH, 'programs')
REPO = os.path.dirname(BENCH)
RESULTS = os.path.join(BENCH, 'RESULTS.md')
DRIVERS = os.path.join(BENCH, 'drivers.py')

#: engine name -> label used in tables
LABELS = {
    'fetchflow': 'fetchflow',
    'js2py': 'Js2Py',
    'microjs': 'micro-javascript',
    'cpython': 'CPython (.py)',
    'node': 'node',
}
ENGINES = list(LABELS)
#: engines that run the ES5 variant ``NAME.es5.js`` when one exists
ES5_ONLY = {'js2py', 'microjs'}


def fetchflow_has_run_cli() -> bool:
    """True once ``python -m fetchflow run FILE`` exists (else the API driver is used)."""
    try:
        out = subprocess.run([sys.executable, '-m', 'fetchflow', '--help'], cwd=REPO,
                             capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False
    # argparse lists subcommands either as '{parse,run,...}' or one per line
    return re.search(r'\{[^}]*\brun\b[^}]*\}|^\s+run\s', out, re.M) is not None


def command(engine: str, program: Optional[str], empty_dir: str, ff_cli: bool) -> List[str]:
    """The argv that runs ``program`` (None: the empty program) on ``engine``."""
    if engine == 'cpython':
        path = os.path.join(empty_dir, 'empty.py') if program is None else \
            os.path.join(PROGRAMS, program + '.py')
        return [sys.executable, path]
    if program is None:
        path = os.path.join(empty_dir, 'empty.js')
    else:
        path = os.path.join(PROGRAMS, program + '.js')
        es5 = os.path.join(PROGRAMS, program + '.es5.js')
        if engine in ES5_ONLY and os.path.exists(es5):
            path = es5
    if engine == 'node':
        return ['node', path]
    if engine == 'fetchflow' and ff_cli:
        return [sys.executable, '-m', 'fetchflow', 'run', path]
    return [sys.executable, DRIVERS, engine, path]


@dataclass
class Sample:
    status: str              # 'ok', 'mismatch', 'error', 'timeout'
    cpu: float               # user + system seconds of the child
    rss_mb: float            # peak resident set size of the child
    stdout: str
    detail: str = ''         # first differing line, or the error line


def run_once(argv: Sequence[str], timeout: float, expected: Optional[str]) -> Sample:
    """Run one child; measure it with wait4; kill its process group after ``timeout`` s of wall time."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                cwd=REPO, start_new_session=True)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, ru = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)   # keep Popen from waiting again
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode('utf-8', 'replace')
        stderr = err.read().decode('utf-8', 'replace')
    cpu = ru.ru_utime + ru.ru_stime
    rss = ru.ru_maxrss / 1024.0          # Linux reports KiB
    if timed_out.is_set():
        return Sample('timeout', cpu, rss, stdout, f'killed after {timeout:g} s wall, {cpu:.1f} s CPU')
    if proc.returncode != 0:
        return Sample('error', cpu, rss, stdout, error_line(stderr, proc.returncode))
    if expected is not None and stdout.strip() != expected.strip():
        got = stdout.strip().splitlines()
        return Sample('mismatch', cpu, rss, stdout,
                      'got ' + (repr(got[-1][:100]) if got else 'no output'))
    return Sample('ok', cpu, rss, stdout)


def error_line(stderr: str, code: int) -> str:
    """The most telling line of a failed run's stderr: an ERROR:/Uncaught line, else the last one."""
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    for ln in lines:
        if ln.startswith(('ERROR:', 'Uncaught', 'fetchflow:')):
            return ln[len('ERROR:'):].strip()[:200] if ln.startswith('ERROR:') else ln[:200]
    return (lines[-1][:200] if lines else f'exit status {code}')


@dataclass
class Cell:
    """All samples of one engine on one program (or on the empty program)."""
    engine: str
    program: Optional[str]
    samples: List[Sample] = field(default_factory=list)
    warmup_counted: bool = False     # the warm-up was slow enough to serve as the only sample
    failure: Optional[Sample] = None

    @property
    def ok(self) -> bool:
        return self.failure is None and bool(self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def rss(self) -> float:
        return statistics.median(s.rss_mb for s in self.samples)


def measure(engine: str, program: Optional[str], args: argparse.Namespace, empty_dir: str,
            ff_cli: bool, expected: Optional[str]) -> Cell:
    """One warm-up, then up to ``args.runs`` timed runs within ``args.budget`` CPU seconds."""
    argv = command(engine, program, empty_dir, ff_cli)
    cell = Cell(engine, program)
    warm = run_once(argv, args.timeout, expected)
    if warm.status != 'ok':
        cell.failure = warm
        return cell
    if warm.cpu >= args.budget:
        cell.samples.append(warm)
        cell.warmup_counted = True
        return cell
    spent = 0.0
    while len(cell.samples) < args.runs and (not cell.samples or spent < args.budget):
        s = run_once(argv, args.timeout, expected)
        if s.status != 'ok':            # flaky: record the failure, keep the good samples out
            cell.failure = s
            return cell
        cell.samples.append(s)
        spent += s.cpu
    return cell


def discover() -> List[str]:
    names = sorted(f[:-3] for f in os.listdir(PROGRAMS) if f.endswith('.py'))
    return [n for n in names if os.path.exists(os.path.join(PROGRAMS, n + '.js'))]


def machine_info() -> Dict[str, str]:
    cpu = '?'
    try:
        with open('/proc/cpuinfo') as f:
            for ln in f:
                if ln.startswith('model name'):
                    cpu = ln.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        nodev = subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()
    except OSError:
        nodev = 'not found'
    try:
        commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=REPO,
                                capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = '?'
    versions = []
    for dist in ('js2py', 'micro-javascript', 'lark'):
        try:
            from importlib.metadata import version
            versions.append(f'{dist} {version(dist)}')
        except Exception:
            versions.append(f'{dist} not installed')
    return {
        'date': datetime.datetime.now().strftime('%Y-%m-%d %H:%M'),
        'nproc': str(os.cpu_count()),
        'cpu': cpu,
        'python': platform.python_version() + ' (' + platform.python_implementation() + ')',
        'node': nodev,
        'commit': commit,
        'packages': ', '.join(versions),
    }


# ---- report ---------------------------------------------------------------------------------

def fmt_s(x: Optional[float]) -> str:
    if x is None:
        return '–'
    return f'{x:.3f}' if x < 10 else f'{x:.1f}'


def fmt_ratio(x: Optional[float]) -> str:
    if x is None or x <= 0:
        return '–'
    return f'{x:.2f}×' if x < 100 else f'{x:.0f}×'


#: below this many CPU seconds a net time is start-up noise; ratios built on it are not shown
NET_FLOOR = 0.005


def net(cell: Cell, startup: Dict[str, Cell]) -> Optional[float]:
    if not cell.ok or not startup.get(cell.engine) or not startup[cell.engine].ok:
        return None
    return max(cell.cpu - startup[cell.engine].cpu, 0.0)


def ratio(a: Optional[float], b: Optional[float]) -> Optional[float]:
    if a is None or b is None or b < NET_FLOOR or a < NET_FLOOR:
        return None
    return a / b


def geomean(xs: List[float]) -> Optional[float]:
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def status_text(cell: Cell) -> str:
    if cell.failure is not None:
        return f'**{cell.failure.status.upper()}**: {cell.failure.detail}'.replace('|', '\\|')
    n = len(cell.samples)
    return 'ok (1 run, the warm-up)' if cell.warmup_counted else f'ok ({n} run{"s" if n > 1 else ""})'


def report(programs: List[str], engines: List[str], cells: Dict[tuple, Cell],
           startup: Dict[str, Cell], info: Dict[str, str], args: argparse.Namespace,
           ff_cli: bool) -> str:
    L: List[str] = []
    L.append('## Interpreter')
    L.append('')
    L.append(f'Generated by `python bench/run.py` on {info["date"]} (fetchflow at `{info["commit"]}`). '
             f'Machine: {info["nproc"]} CPUs, {info["cpu"]}; Python {info["python"]}; '
             f'node {info["node"]}; {info["packages"]}.')
    L.append('')
    L.append(f'Times are **CPU seconds (user + system) of the child process**, median of up to '
             f'{args.runs} runs after one warm-up (fewer when a cell exceeds the {args.budget:g} s '
             f'CPU budget; a warm-up over budget is the only sample), timeout {args.timeout:g} s. '
             '*Net* = gross − the same engine\'s empty-program median. Ratios use net times and '
             'read "row engine time ÷ column engine time" (below 1 = the row engine is faster). '
             'Peak RSS is the median of the child\'s max resident set size. Js2Py and '
             'micro-javascript run `NAME.es5.js` where that exists (array_methods, closures, '
             'richards); CPython runs the equivalent `NAME.py`. fetchflow runs via '
             + ('`python -m fetchflow run`.' if ff_cli else '`bench/drivers.py` (the embedding API).'))
    L.append('')
    L.append('### Start-up (empty program)')
    L.append('')
    L.append('| engine | CPU s | peak RSS MB | status |')
    L.append('|---|---:|---:|---|')
    for e in engines:
        c = startup.get(e)
        if c is None:
            continue
        L.append(f'| {LABELS[e]} | {fmt_s(c.cpu) if c.ok else "–"} | '
                 f'{c.rss if c.ok else 0:.0f} | {status_text(c)} |')
    L.append('')

    # summary: net seconds per program and engine
    L.append('### Summary: net CPU seconds (median)')
    L.append('')
    head = ['program'] + [LABELS[e] for e in engines]
    extra = []
    if 'fetchflow' in engines and 'cpython' in engines:
        extra.append('fetchflow ÷ CPython')
    if 'fetchflow' in engines and 'js2py' in engines:
        extra.append('fetchflow ÷ Js2Py')
    if 'fetchflow' in engines and 'microjs' in engines:
        extra.append('fetchflow ÷ micro-js')
    L.append('| ' + ' | '.join(head + extra) + ' |')
    L.append('|---|' + '---:|' * (len(head) - 1 + len(extra)))
    geo: Dict[str, List[float]] = {e: [] for e in engines}      # ratio to CPython per engine
    pair: Dict[str, List[float]] = {'js2py': [], 'microjs': []}
    for p in programs:
        row = [p]
        nets = {e: net(cells[(e, p)], startup) for e in engines}
        for e in engines:
            c = cells[(e, p)]
            row.append(fmt_s(nets[e]) if c.ok else f'**{c.failure.status}**' if c.failure else '–')
            r = ratio(nets[e], nets.get('cpython'))
            if r is not None:
                geo[e].append(r)
        if 'cpython' in engines and 'fetchflow' in engines:
            row.append(fmt_ratio(ratio(nets['fetchflow'], nets['cpython'])))
        for peer in ('js2py', 'microjs'):
            if peer in engines and 'fetchflow' in engines:
                r = ratio(nets['fetchflow'], nets[peer])
                row.append(fmt_ratio(r))
                if r is not None:
                    pair[peer].append(r)
        L.append('| ' + ' | '.join(row) + ' |')
    if 'cpython' in engines:
        row = ['**geomean ÷ CPython**']
        for e in engines:
            g = geomean(geo[e])
            row.append(f'{fmt_ratio(g)} (n={len(geo[e])})' if g else '–')
        if 'fetchflow' in engines:
            g = geomean(geo['fetchflow'])
            row.append(f'{fmt_ratio(g)} (n={len(geo["fetchflow"])})' if g else '–')
        for peer in ('js2py', 'microjs'):
            if peer in engines and 'fetchflow' in engines:
                g = geomean(pair[peer])
                row.append(f'{fmt_ratio(g)} (n={len(pair[peer])})' if g else '–')
        L.append('| ' + ' | '.join(row[:len(head) + len(extra)]) + ' |')
    L.append('')
    L.append('The geomean row gives each engine\'s geometric mean of (engine net ÷ CPython net) over '
             'the programs it passed, and for the last columns the geometric mean of fetchflow ÷ peer '
             'over the programs both passed; `n` = programs included.')
    L.append('')

    L.append('### Per program')
    for p in programs:
        L.append('')
        es5 = ' (peers run `%s.es5.js`)' % p if os.path.exists(os.path.join(PROGRAMS, p + '.es5.js')) else ''
        L.append(f'#### {p}{es5}')
        L.append('')
        L.append('| engine | gross s | net s | ÷ CPython (net) | peak RSS MB | status |')
        L.append('|---|---:|---:|---:|---:|---|')
        nets = {e: net(cells[(e, p)], startup) for e in engines}
        for e in engines:
            c = cells[(e, p)]
            if c.ok:
                L.append(f'| {LABELS[e]} | {fmt_s(c.cpu)} | {fmt_s(nets[e])} | '
                         f'{fmt_ratio(ratio(nets[e], nets.get("cpython")))} | {c.rss:.0f} | '
                         f'{status_text(c)} |')
            else:
                L.append(f'| {LABELS[e]} | – | – | – | – | {status_text(c)} |')
        if 'fetchflow' in engines:
            bits = []
            for peer in ('js2py', 'microjs'):
                if peer in engines:
                    bits.append(f'fetchflow ÷ {LABELS[peer]}: '
                                f'{fmt_ratio(ratio(nets["fetchflow"], nets[peer]))}')
            if bits:
                L.append('')
                L.append('; '.join(bits) + '.')
    L.append('')
    return '\n'.join(L)


def replace_section(text: str, title: str, body: str) -> str:
    """Replace the ``## title`` section of ``text`` (up to the next ``## ``) or append it."""
    pat = re.compile(r'^## ' + re.escape(title) + r'\s*$.*?(?=^## |\Z)', re.M | re.S)
    body = body.rstrip('\n') + '\n\n'
    if pat.search(text):
        return pat.sub(lambda m: body, text, count=1)
    if text and not text.endswith('\n\n'):
        text = text.rstrip('\n') + '\n\n'
    return text + body


def write_section(title: str, body: str) -> None:
    """Rewrite one section of bench/RESULTS.md, keeping every other section as it is on disk."""
    text = ''
    if os.path.exists(RESULTS):
        with open(RESULTS, encoding='utf-8') as f:
            text = f.read()
    if not text.startswith('# '):
        text = '# Benchmark results\n\n' + text
    text = replace_section(text, title, body)
    tmp = RESULTS + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(text.rstrip('\n') + '\n')
    os.replace(tmp, RESULTS)


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--only', help='comma-separated program names (default: all in bench/programs)')
    ap.add_argument('--runs', type=int, default=5, help='timed runs per cell after the warm-up (default 5)')
    ap.add_argument('--engines', default=','.join(ENGINES),
                    help=f'comma-separated subset of {",".join(ENGINES)}')
    ap.add_argument('--timeout', type=float, default=120.0, help='wall seconds per child (default 120)')
    ap.add_argument('--budget', type=float, default=60.0,
                    help='CPU seconds per cell after which no further runs start (default 60)')
    ap.add_argument('--no-write', action='store_true', help='print only; leave RESULTS.md alone')
    args = ap.parse_args(argv)

    engines = [e.strip() for e in args.engines.split(',') if e.strip()]
    bad = [e for e in engines if e not in LABELS]
    if bad:
        ap.error(f'unknown engine(s) {bad}; choose from {ENGINES}')
    programs = discover()
    if args.only:
        wanted = [p.strip() for p in args.only.split(',')]
        missing = [p for p in wanted if p not in programs]
        if missing:
            ap.error(f'unknown program(s) {missing}; have {programs}')
        programs = wanted

    ff_cli = 'fetchflow' in engines and fetchflow_has_run_cli()
    info = machine_info()
    print(f'# {info["date"]}  {info["nproc"]} CPUs  {info["cpu"]}  Python {info["python"]}  node {info["node"]}')
    print(f'# fetchflow via {"python -m fetchflow run" if ff_cli else "bench/drivers.py"}')
    t0 = time.time()
    with tempfile.TemporaryDirectory() as empty_dir:
        for name in ('empty.js', 'empty.py'):
            open(os.path.join(empty_dir, name), 'w').close()
        startup: Dict[str, Cell] = {}
        for e in engines:
            startup[e] = c = measure(e, None, args, empty_dir, ff_cli, None)
            print(f'{"<start-up>":16} {LABELS[e]:18} {fmt_s(c.cpu) if c.ok else "-":>8}  {status_text(c)}',
                  flush=True)
        cells: Dict[tuple, Cell] = {}
        for p in programs:
            ref = run_once(['node', os.path.join(PROGRAMS, p + '.js')], args.timeout, None)
            expected = ref.stdout if ref.status == 'ok' else None
            if expected is None:
                print(f'{p}: node failed ({ref.detail}); outputs are not checked', flush=True)
            for e in engines:
                cells[(e, p)] = c = measure(e, p, args, empty_dir, ff_cli, expected)
                n = net(c, startup)
                print(f'{p:16} {LABELS[e]:18} {fmt_s(c.cpu) if c.ok else "-":>8} '
                      f'net {fmt_s(n):>8}  {c.rss if c.ok else 0:6.0f} MB  {status_text(c)}', flush=True)
    text = report(programs, engines, cells, startup, info, args, ff_cli)
    print()
    print(text)
    print(f'# wall time {time.time() - t0:.0f} s')
    if not args.no_write:
        write_section('Interpreter', text)
        print(f'# wrote the "Interpreter" section of {os.path.relpath(RESULTS, REPO)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
