"""Throughput of ingest+extract against bare spaCy, worker scaling, and incremental re-adds.

    python benchmarks/throughput.py [--articles 200] [--workers 2] [--write docs/benchmarks.md]

Texts: real news articles read from ../shared/eval-data/polnear/train/text (first N by name),
never copied into the repository. For each run it prints, in one table:

- bare ``nlp.pipe`` of the same spaCy model over the same texts, loaded as it ships
  (``spacy.load``: the floor of the cost);
- caseboard's parse alone: ``nlp.pipe`` of the pipeline caseboard loads (the same model with
  its paragraph and entity-ruler components added and the stock attribute ruler and
  lemmatizer replaced by the equivalent memoised ones of ``extract/speedups.py``);
- the ingest+extract path of ``caseboard add`` (read, clean, load the model, parse, extract every
  item, store) with 1 worker, and the whole add with the cross-document analysis after it;
- the same with N local worker processes;
- a re-add of the unchanged corpus (the incremental path), the whole add.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TEXTS = SHARED / "eval-data" / "polnear" / "train" / "text"


def _corpus(n: int, into: Path) -> tuple[list[Path], int]:
    files = sorted(TEXTS.glob("*.txt"))[:n]
    if len(files) < n:
        sys.exit(f"need {n} articles under {TEXTS}, found {len(files)}")
    into.mkdir(parents=True, exist_ok=True)
    words = 0
    for f in files:
        shutil.copy(f, into / f.name)
        words += len(f.read_text(encoding="utf-8").split())
    return files, words


def _bare_spacy(texts: list[str], model: str, batch_size: int, *, stock: bool) -> float:
    """Seconds of ``nlp.pipe`` over ``texts`` after loading: the model as it ships
    (``stock``) or as caseboard loads it."""
    import spacy

    from caseboard.extract.nlp import load_nlp

    nlp = spacy.load(model) if stock else load_nlp(model)
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - t0


def _add(corpus: Path, db: Path, workers: int) -> tuple[float, float]:
    """`caseboard add` of ``corpus``: seconds of the ingest+extract path (read, clean, load the
    model, parse, extract, store) and of the cross-document analysis that follows it."""
    from caseboard import service
    from caseboard.pipeline.runner import add_sources
    from caseboard.settings import Settings
    from caseboard.store.db import open_store

    settings = Settings(case="bench", db=db, workers=workers)
    t0 = time.perf_counter()
    with open_store(db) as store:
        report = add_sources(store, [str(corpus)], settings)
        t1 = time.perf_counter()
        if report.added or store.analysis() is None:
            service.reanalyse(store, fresh=report.fresh)
    t2 = time.perf_counter()
    if report.failures:
        print(f"warning: {len(report.failures)} inputs failed", file=sys.stderr)
    return t1 - t0, t2 - t1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--write", type=Path, default=None, help="append the table to this file")
    args = ap.parse_args()

    from caseboard.settings import Settings

    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        corpus = tmpdir / "corpus"
        files, words = _corpus(args.articles, corpus)
        texts = [f.read_text(encoding="utf-8") for f in files]
        n = len(files)

        # bare spaCy is timed after loading; the add rows include loading the model (real runs do)
        bare = _bare_spacy(texts, settings.spacy_model, settings.nlp_batch_size, stock=True)
        ours = _bare_spacy(texts, settings.spacy_model, settings.nlp_batch_size, stock=False)
        one, one_analysis = _add(corpus, tmpdir / "w1.duckdb", 1)
        many, many_analysis = _add(corpus, tmpdir / f"w{args.workers}.duckdb", args.workers)
        again, again_analysis = _add(corpus, tmpdir / "w1.duckdb", 1)

    whole = one + one_analysis
    rows = [
        ("bare spaCy nlp.pipe (the model as it ships)", bare, "floor"),
        ("caseboard's parse alone (its pipeline, nlp.pipe)", ours, f"{bare / ours:.0%} of bare"),
        ("ingest+extract+store, 1 worker", one, f"{bare / one:.0%} of bare spaCy"),
        (
            "whole `caseboard add`, 1 worker (+ cross-document analysis)",
            whole,
            f"{bare / whole:.0%} of bare spaCy; analysis {one_analysis:.2f} s",
        ),
        (
            f"ingest+extract+store, {args.workers} workers",
            many,
            f"{one / many:.2f}x vs 1 worker (whole add {whole / (many + many_analysis):.2f}x)",
        ),
        (
            "re-add unchanged corpus (whole add)",
            again + again_analysis,
            f"{(again + again_analysis) / whole:.1%} of first run",
        ),
    ]
    machine = (
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {n} articles, {words:,} words; "
        f"model {settings.spacy_model}"
    )
    lines = [
        machine,
        "",
        "| run | seconds | words/s | articles/s | note |",
        "|---|---:|---:|---:|---|",
    ]
    for name, secs, note in rows:
        lines.append(f"| {name} | {secs:.2f} | {words / secs:,.0f} | {n / secs:,.1f} | {note} |")
    table = "\n".join(lines)
    print(table)
    if args.write:
        with args.write.open("a", encoding="utf-8") as fh:
            fh.write(
                f"\n### Throughput ({time.strftime('%Y-%m-%d')})\n\n"
                f"`python benchmarks/throughput.py --articles {args.articles} "
                f"--workers {args.workers}`\n\n{table}\n"
            )


if __name__ == "__main__":
    main()
