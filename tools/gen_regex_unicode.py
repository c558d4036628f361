"""Generate ``fetchflow/interp/regex_unicode_data.py``: the code point sets behind the
RegExp Unicode property escapes ``\\p{…}`` / ``\\P{…}`` (ES2023 22.2.2.9, tables 67-69).

    python tools/gen_regex_unicode.py [ALIASES_DIR]

The property and value names (with their aliases) come from the npm packages
``unicode-property-aliases-ecmascript`` and ``unicode-property-value-aliases-ecmascript``
(MIT; only the names are used), fetched with ``npm pack`` into a temporary folder unless
ALIASES_DIR already holds both unpacked.  The code point sets are those node's own RegExp
engine gives (V8 + ICU: node 20.20 ships Unicode 17.0), read by running ``/\\p{…}+/gu`` over
a string of every code point, so fetchflow agrees with node, the reference for its tests.
The data is the Unicode Character Database's, redistributable under the Unicode License v3.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "fetchflow" / "interp" / "regex_unicode_data.py"
PACKAGES = ("unicode-property-aliases-ecmascript", "unicode-property-value-aliases-ecmascript")

# ES2023 table 67: the binary properties (Any, ASCII and Assigned are derived, not from ICU
# tables, but node answers them all the same)
BINARY = """ASCII ASCII_Hex_Digit Alphabetic Any Assigned Bidi_Control Bidi_Mirrored Case_Ignorable
Cased Changes_When_Casefolded Changes_When_Casemapped Changes_When_Lowercased
Changes_When_NFKC_Casefolded Changes_When_Titlecased Changes_When_Uppercased Dash
Default_Ignorable_Code_Point Deprecated Diacritic Emoji Emoji_Component Emoji_Modifier
Emoji_Modifier_Base Emoji_Presentation Extended_Pictographic Extender Grapheme_Base
Grapheme_Extend Hex_Digit IDS_Binary_Operator IDS_Trinary_Operator ID_Continue ID_Start
Ideographic Join_Control Logical_Order_Exception Lowercase Math Noncharacter_Code_Point
Pattern_Syntax Pattern_White_Space Quotation_Mark Radical Regional_Indicator Sentence_Terminal
Soft_Dotted Terminal_Punctuation Unified_Ideograph Uppercase Variation_Selector White_Space
XID_Continue XID_Start""".split()

NODE_SCRIPT = r"""
const props = JSON.parse(require('fs').readFileSync(0, 'utf8'));
// every code point once, surrogates left out (a lead next to a trail would pair up)
const cps = [];
for (let c = 0; c <= 0x10FFFF; c++) if (c < 0xD800 || c > 0xDFFF) cps.push(c);
let s = '';
for (let i = 0; i < cps.length; i += 4096) s += String.fromCodePoint(...cps.slice(i, i + 4096));
const cpAt = (i) => i < 0xD800 ? i : i < 0x10000 - 0x800 ? i + 0x800 : 0x10000 + (i - (0x10000 - 0x800)) / 2;
const out = {};
for (const p of props) {
  let re;
  try { re = new RegExp('\\p{' + p + '}+', 'gu'); } catch (e) { out[p] = null; continue; }
  const ranges = [];
  const one = new RegExp('^\\p{' + p + '}$', 'u');
  let lead = -1;
  for (let c = 0xD800; c <= 0xDFFF; c++) {   // surrogates one by one
    if (one.test(String.fromCharCode(c))) {
      if (lead >= 0 && ranges[ranges.length - 1][1] === c - 1) ranges[ranges.length - 1][1] = c;
      else ranges.push([c, c]);
      lead = c;
    }
  }
  for (const m of s.matchAll(re)) {
    const lo = cpAt(m.index), hi = cpAt(m.index + m[0].length - (m[0].codePointAt(m[0].length - 1 - (m[0].length > 1 && m[0].charCodeAt(m[0].length - 1) >= 0xDC00 && m[0].charCodeAt(m[0].length - 1) <= 0xDFFF ? 1 : 0)) > 0xFFFF ? 2 : 1));
    ranges.push([lo, hi]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const r of ranges) {
    if (merged.length && r[0] <= merged[merged.length - 1][1] + 1) merged[merged.length - 1][1] = Math.max(merged[merged.length - 1][1], r[1]);
    else merged.push(r);
  }
  out[p] = merged;
}
process.stdout.write(JSON.stringify(out));
"""


def aliases_dir() -> Path:
    d = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    d.mkdir(parents=True, exist_ok=True)
    for pkg in PACKAGES:
        if not (d / pkg).is_dir():
            subprocess.run(["npm", "pack", pkg], cwd=d, check=True, capture_output=True)
            tgz = next(d.glob(pkg + "-*.tgz"))
            (d / pkg).mkdir()
            subprocess.run(["tar", "xzf", str(tgz), "-C", str(d / pkg), "--strip-components=1"],
                           check=True)
    return d


def read_map(text: str) -> list:
    """The ``['a', 'b']`` pairs of a generated ``new Map([...])`` source, in order."""
    return re.findall(r"\['([^']+)', '([^']+)'\]", text)


def value_aliases(d: Path) -> dict:
    """{property: {alias or name: canonical value}} for General_Category, Script, Script_Extensions."""
    src = next((d / PACKAGES[1]).glob("index.*js")).read_text()
    out: dict = {}
    for m in re.finditer(r"\['(\w+)', new Map\(\[(.*?)\]\)\]", src, re.S):
        out[m.group(1)] = dict(read_map(m.group(2)))
    return out


def property_aliases(d: Path) -> dict:
    src = next((d / PACKAGES[0]).glob("index.*js")).read_text()
    return dict(read_map(src))


def encode(ranges: list) -> str:
    """Ranges as gap/length pairs in base 36, comma-separated (deltas keep it short)."""
    out = []
    prev = -1
    for lo, hi in ranges:
        out.append(f"{_b36(lo - prev - 1)}.{_b36(hi - lo)}")
        prev = hi
    return ",".join(out)


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    s = ""
    while True:
        n, r = divmod(n, 36)
        s = digits[r] + s
        if not n:
            return s


def main() -> None:
    d = aliases_dir()
    values = value_aliases(d)
    prop_alias = {a: c for a, c in property_aliases(d).items() if c in BINARY or c in values}
    gc = sorted(set(values["General_Category"].values()))
    sc = sorted(set(values["Script"].values()))
    queries = ([f"General_Category={v}" for v in gc] + [f"Script={v}" for v in sc]
               + [f"Script_Extensions={v}" for v in sc] + BINARY)
    p = subprocess.run(["node", "-e", NODE_SCRIPT], input=json.dumps(queries), check=True,
                       capture_output=True, text=True)
    sets = json.loads(p.stdout)
    # values node does not accept (Katakana_Or_Hiragana: no characters, V8 rejects it) are
    # left out, so fetchflow rejects them too
    rejected = {q.split("=")[1] for q, r in sets.items() if r is None and "=" in q}
    if any(r is None and "=" not in q for q, r in sets.items()):
        sys.exit("node rejects a binary property")
    for prop in ("General_Category", "Script"):
        values[prop] = {a: v for a, v in values[prop].items() if v not in rejected}
    queries = [q for q in queries if sets[q] is not None]
    unicode = subprocess.run(["node", "-p", "process.versions.unicode"], capture_output=True,
                             text=True, check=True).stdout.strip()
    data = {}
    for q in queries:
        enc = encode(sets[q])
        if q.startswith("Script_Extensions=") and enc == data.get("Script=" + q.split("=")[1]):
            continue  # scx equal to sc: looked up through Script
        data[q] = enc
    lines = [
        '"""The code point sets of the RegExp Unicode property escapes (ES2023 22.2.2.9,',
        f'tables 67-69), Unicode {unicode} as node {subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()} gives them.',
        "",
        "Generated by ``tools/gen_regex_unicode.py``: do not edit.  The sets are data of the",
        "Unicode Character Database, (c) Unicode, Inc., redistributed under the Unicode License v3",
        "(https://www.unicode.org/license.txt).  ``SETS`` maps ``Property=Value`` (canonical",
        "names; binary properties by name alone) to its ranges, each written as the gap since the",
        "previous range's end and the range's length minus one, in base 36 (``gap.len`` pairs",
        "joined by commas).  A ``Script_Extensions`` set equal to its ``Script`` set is left out.",
        '"""',
        f"UNICODE_VERSION = {unicode!r}",
        "",
        "# General_Category and Script value names and aliases -> canonical value",
        f"GENERAL_CATEGORY = {values['General_Category']!r}",
        f"SCRIPT = {values['Script']!r}",
        "# property names and aliases -> canonical property (binary ones, gc, sc, scx)",
        f"PROPERTY = {prop_alias!r}",
        f"BINARY = {tuple(BINARY)!r}",
        "",
        "SETS = {",
    ]
    for k, v in data.items():
        lines.append(f"    {k!r}: {v!r},")
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(data)} sets)")


if __name__ == "__main__":
    main()
