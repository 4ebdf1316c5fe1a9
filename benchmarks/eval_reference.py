"""Reference evaluation as a benchmark: ``python benchmarks/eval_reference.py [--json]``.

A thin wrapper over ``caseboard eval reference`` (see docs/quality_reference.md).
"""

from __future__ import annotations

import sys

from caseboard.cli.main import app

if __name__ == "__main__":
    app(["eval", "reference", *sys.argv[1:]])
