"""Profile the whole `caseboard add` path (read, clean, extract, store, analyse): pyinstrument.

    python benchmarks/profile_add.py [--articles 50] [--workers 1] [--html out.html]

Texts: the first N PolNeAR train articles, read from ../shared/eval-data at run time (never
copied into the repository). Prints the call tree; the model load is included, as in real runs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT.parent / "shared" / "eval-data" / "polnear" / "train" / "text"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--html", type=Path, default=None, help="also write an HTML profile here")
    args = ap.parse_args()

    from pyinstrument import Profiler

    from caseboard import service
    from caseboard.settings import Settings

    files = sorted(TEXTS.glob("*.txt"))[: args.articles]
    if len(files) < args.articles:
        sys.exit(f"need {args.articles} articles under {TEXTS}, found {len(files)}")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for f in files:
            shutil.copy(f, corpus / f.name)
        settings = Settings(case="profile", db=Path(tmp) / "p.duckdb", workers=args.workers)
        profiler = Profiler(interval=0.002)
        t0 = time.perf_counter()
        with profiler:
            service.add(settings, [str(corpus)])
        elapsed = time.perf_counter() - t0
    print(profiler.output_text(unicode=False, color=False))
    print(f"{len(files)} articles in {elapsed:.2f} s (under the profiler)")
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")


if __name__ == "__main__":
    main()
