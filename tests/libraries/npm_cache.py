"""Libraries from the npm registry, fetched with ``npm pack`` into a cache outside the repo.

``library_source(spec, path)`` gives the text of ``path`` inside package ``spec``
(``name@version``, pinned), fetching ``<cache>/<name>-<version>.tgz`` and unpacking it on
first use.  The cache is ``~/.cache/fetchflow/npm-libs`` (or ``$FETCHFLOW_NPM_LIBS``); nothing
of it is ever committed.  When npm is missing or the registry cannot be reached, the
calling test is skipped with the reason.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

CACHE = Path(os.environ.get("FETCHFLOW_NPM_LIBS", Path.home() / ".cache" / "fetchflow" / "npm-libs"))


def package_dir(spec: str) -> Path:
    """The unpacked package (its ``package/`` folder), fetched if needed."""
    name, version = spec.rsplit("@", 1)
    base = name.replace("/", "-").lstrip("@")
    unpacked = CACHE / f"{base}-{version}"
    if (unpacked / "package").is_dir():
        return unpacked / "package"
    tgz = CACHE / f"{base}-{version}.tgz"
    if not tgz.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip(f"npm is not on PATH: cannot fetch {spec}")
        CACHE.mkdir(parents=True, exist_ok=True)
        p = subprocess.run([npm, "pack", spec, "--silent", "--pack-destination", str(CACHE)],
                           capture_output=True, text=True, timeout=180)
        if p.returncode != 0 or not tgz.exists():
            pytest.skip(f"`npm pack {spec}` failed (offline?): {p.stderr.strip()[-300:]}")
    tmp = unpacked.with_name(unpacked.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    with tarfile.open(tgz) as tar:
        tar.extractall(tmp, filter="data")
    tmp.rename(unpacked)
    return unpacked / "package"


def library_source(spec: str, path: str) -> str:
    return (package_dir(spec) / path).read_text(encoding="utf-8")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
