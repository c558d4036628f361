"""test262 frontmatter: the YAML between ``/*---`` and ``---*/``, parsed without a YAML library.

Only the shapes test262 uses for the keys we read are handled:

    includes: [a.js, b.js]          flow list
    flags:                          block list
      - onlyStrict
    negative:                       one-level mapping
      phase: parse
      type: SyntaxError
    description: |                  block scalars (kept as text, not interpreted)
      ...
"""
from __future__ import annotations

import re
from typing import Any

FRONTMATTER = re.compile(r"/\*---(.*?)---\*/", re.S)
_KEY = re.compile(r"^([A-Za-z_][\w-]*):\s*(.*)$")
LIST_KEYS = ("includes", "flags", "features")


def _scalar(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def _flow_list(text: str) -> list[str]:
    inner = text.strip()[1:-1]
    return [_scalar(x) for x in inner.split(",") if x.strip()]


def parse_yaml(text: str) -> dict[str, Any]:
    """Top-level keys of a test262 frontmatter block."""
    out: dict[str, Any] = {}
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        m = _KEY.match(line)  # top-level keys start in column 0
        if not m:
            continue
        key, rest = m.group(1), m.group(2).strip()
        # the indented lines that belong to this key
        block = []
        while i < len(lines) and (not lines[i].strip() or lines[i][:1] in " \t"
                                  or lines[i].lstrip().startswith("- ") and not _KEY.match(lines[i])):
            block.append(lines[i])
            i += 1
        if rest.startswith("["):
            # a flow list may continue over several lines
            flow = " ".join([rest] + [b.strip() for b in block]) if not rest.endswith("]") else rest
            out[key] = _flow_list(flow[:flow.rindex("]") + 1] if "]" in flow else flow + "]")
        elif rest in ("|", ">", "|-", ">-", "|+", ">+"):
            out[key] = "\n".join(b.strip() for b in block).strip()
        elif rest:
            out[key] = _scalar(rest) if not block else " ".join([rest] + [b.strip() for b in block])
        else:
            items = [b.strip() for b in block if b.strip()]
            if items and all(x.startswith("-") for x in items):
                out[key] = [_scalar(x[1:]) for x in items]
            else:
                sub: dict[str, str] = {}
                for x in items:
                    mm = _KEY.match(x)
                    if mm:
                        sub[mm.group(1)] = _scalar(mm.group(2))
                out[key] = sub
    return out


def parse_frontmatter(source: str) -> tuple[dict[str, Any], str]:
    """(metadata with list keys always present, source) for a test file.

    The returned source is the whole file, as test262 runs it (the frontmatter is
    a comment); scanning rules should use ``strip_frontmatter``.
    """
    m = FRONTMATTER.search(source)
    meta: dict[str, Any] = parse_yaml(m.group(1)) if m else {}
    for k in LIST_KEYS:
        v = meta.get(k)
        meta[k] = list(v) if isinstance(v, list) else ([v] if isinstance(v, str) and v else [])
    if not isinstance(meta.get("negative"), dict):
        meta["negative"] = {}
    return meta, source


def strip_frontmatter(source: str) -> str:
    return FRONTMATTER.sub("", source, count=1)
