"""The README's "Walking a program pause by pause" session, run as written: every `$` command
in that section's shell block runs in a temporary directory, and what it prints must be what
the README shows (VM ids, heap object counts and state sizes stand for any value)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import List, Tuple

README = Path(__file__).resolve().parent.parent / "README.md"
VOLATILE = [(re.compile(r"\b[0-9a-f]{32}\b"), "<id>"),
            (re.compile(r"heap objects \d+, state \d+ bytes"), "heap objects N, state N bytes")]


def session() -> List[Tuple[str, str]]:
    """(command, expected output) pairs of the section's first ```sh block."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Walking a program pause by pause"):]
    block = section[section.index("```sh\n") + 6:]
    block = block[:block.index("```\n")]
    steps: List[Tuple[str, str]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], ""))
        else:
            cmd, out = steps[-1]
            steps[-1] = (cmd, out + line + "\n")
    return steps


def normal(text: str) -> str:
    for pattern, stand_in in VOLATILE:
        text = pattern.sub(stand_in, text)
    return text


def test_the_readme_session_prints_what_the_readme_shows(tmp_path: Path) -> None:
    steps = session()
    assert len(steps) >= 8 and steps[0][0] == "cat shop.js"
    (tmp_path / "shop.js").write_text(steps[0][1], encoding="utf-8")
    python = f'"{sys.executable}"'
    for cmd, expected in steps[1:]:
        run = cmd.replace("python -m fetchflow", f"{python} -m fetchflow")
        p = subprocess.run(["bash", "-c", run], cwd=tmp_path, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=120)   # as a terminal shows them
        assert normal(p.stdout) == normal(expected), cmd


def test_every_command_of_the_session_is_checked() -> None:
    cmds = [c for c, _ in session()]
    assert cmds[0] == "cat shop.js" and sum("python -m fetchflow" in c for c in cmds) == len(cmds) - 2
