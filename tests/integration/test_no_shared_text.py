"""No run of eight words from the third-party texts in ../shared (the reference articles and the
evaluation corpora) appears in any file of the repository: tests and benchmarks read them from
../shared at run time. Skips when ../shared is absent."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
WORD = re.compile(r"[A-Za-z0-9']+")
N = 8
# The comment and paywall widgets the cleaner removes are the same on every site; the cleaner
# must name them, and they are not article text.
WIDGETS = (
    "leave a reply your email address will not be published required fields are marked",
    "continue reading for free we hope you're enjoying our journalism",
)
BINARY = {".png", ".jpg", ".parquet", ".duckdb", ".ico", ".woff", ".woff2"}


def _runs(text: str) -> set[str]:
    words = [w.lower() for w in WORD.findall(text)]
    return {" ".join(words[i : i + N]) for i in range(len(words) - N + 1)}


def test_no_eight_word_run_of_shared_text_in_the_repository() -> None:
    roots = [SHARED / "corpus", SHARED / "eval-data" / "polnear", SHARED / "eval-data" / "timebank"]
    if not all(r.is_dir() for r in roots):
        pytest.skip("../shared is not beside the repository")
    shared: set[str] = set()
    for root in roots:
        for f in root.rglob("*"):
            if f.is_file() and f.suffix.lower() not in BINARY and f.stat().st_size < 5_000_000:
                shared |= _runs(f.read_text(encoding="utf-8", errors="ignore"))
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    found: dict[str, list[str]] = {}
    for name in tracked:
        path = ROOT / name
        if path.suffix.lower() in BINARY or not path.is_file():
            continue
        common = _runs(path.read_text(encoding="utf-8", errors="ignore")) & shared
        common = {c for c in common if not any(c in w for w in WIDGETS)}
        if common:
            found[name] = sorted(common)[:3]
    assert not found, f"text from ../shared copied into the repository: {found}"
