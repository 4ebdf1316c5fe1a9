"""Time the cross-document analysis on 1x, 10x and 100x synthetic enlargements of a corpus.

The base corpus (../shared/corpus/venezuela, else tests/data/analysis) runs once through the
real pipeline. Copy k of each document then gets: a new document id and outlet (so copies are
independent sources); entity names changed by a per-copy letter substitution applied both to
the text inside every mention span and to the records (so names differ across copies and
resolution has real work); dates moved by k mod 7 years; quantities by +k. Lengths never change,
so every offset stays valid and ``text == cleaned[start:end]`` still holds.

Each factor runs in its own forked process, so its peak memory (``ru_maxrss``) is its own: the
base corpus and the loaded model, the enlarged corpus and the analysis. ``--profile`` prints the
pyinstrument call tree of each analysis (pyinstrument is in the ``dev`` extra).

Usage: python benchmarks/scale_crossdoc.py [--factors 1 10 100] [--profile]
"""

from __future__ import annotations

import argparse
import dataclasses
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from caseboard.analyse.run import analyse
from caseboard.model import DateValue, DocExtraction, Document, Span, make_id

ROOT = Path(__file__).resolve().parents[1]
VENEZUELA = ROOT.parent / "shared" / "corpus" / "venezuela"
INVENTED = ROOT / "tests" / "data" / "analysis"
_CONSONANTS = "bcdfghklmnprstvz"


def _charmap(k: int) -> dict[str, str]:
    shift = (k % (len(_CONSONANTS) - 1)) + 1
    table = {c: _CONSONANTS[(i + shift) % len(_CONSONANTS)] for i, c in enumerate(_CONSONANTS)}
    table.update({c.upper(): v.upper() for c, v in list(table.items())})
    return table


def _sub(text: str, table: dict[str, str]) -> str:
    return "".join(table.get(c, c) for c in text)


def _shift_date(d: DateValue, k: int) -> DateValue:
    if d.value[:4].isdigit():
        return dataclasses.replace(d, value=f"{int(d.value[:4]) + k % 7}{d.value[4:]}")
    return d


def _copy(document: Document, ex: DocExtraction, k: int) -> tuple[Document, DocExtraction]:
    table = _charmap(k)
    chars = list(document.text)
    for le in ex.entities:
        for m in le.mentions:
            for i in range(m.evidence.start, m.evidence.end):
                chars[i] = table.get(chars[i], chars[i])
    text = "".join(chars)
    doc_id = make_id("doc", document.id, k)

    def fix(obj: Any) -> Any:
        if isinstance(obj, Span):
            return Span(doc_id, obj.start, obj.end, text[obj.start : obj.end], obj.sentence)
        if isinstance(obj, DateValue):
            return _shift_date(obj, k)
        if isinstance(obj, tuple):
            return tuple(fix(x) for x in obj)
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            changes: dict[str, Any] = {}
            for f in dataclasses.fields(obj):
                v = getattr(obj, f.name)
                if f.name == "id" and isinstance(v, str):
                    changes["id"] = f"{v}_{k}"
                elif f.name == "doc":
                    changes["doc"] = doc_id
                elif f.name in ("name", "speaker_name") and isinstance(v, str):
                    changes[f.name] = _sub(v, table)
                elif f.name == "aliases":
                    changes["aliases"] = tuple(_sub(a, table) for a in v)
                elif f.name in ("speaker_entity", "attributed_entity") and v:
                    changes[f.name] = f"{v}_{k}"
                elif f.name == "value" and isinstance(v, float):
                    changes["value"] = v + k
                else:
                    changes[f.name] = fix(v)
            return dataclasses.replace(obj, **changes)
        return obj

    new_doc = dataclasses.replace(
        document,
        id=doc_id,
        text=text,
        text_sha256=make_id("sha", doc_id),
        outlet=f"{document.outlet or 'outlet'} #{k}",
        published=_shift_date(document.published, k) if document.published else None,
    )
    return new_doc, fix(ex)


def base_corpus() -> tuple[list[Document], list[DocExtraction]]:
    from caseboard.service import add
    from caseboard.settings import Settings
    from caseboard.store.db import open_store

    src = VENEZUELA if (VENEZUELA / "manifest.csv").is_file() else INVENTED
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "base.caseboard.duckdb"
        add(Settings(case="bench", db=db), sorted(str(p) for p in src.glob("*.txt")),
            manifest=src / "manifest.csv")  # fmt: skip
        with open_store(db, read_only=True) as store:
            return store.documents(), list(store.extractions())


def _rss_mb() -> float:
    """Resident memory now (MB)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _run(
    docs: list[Document], exs: list[DocExtraction], factor: int, profile: bool
) -> tuple[int, int, int, int, int, float, float, float, float]:
    """Enlarge, analyse once: (factor, documents, local entities, entities, events, seconds,
    CPU seconds, resident MB before the analysis, peak resident MB of the process)."""
    big_docs: list[Document] = []
    big_exs: list[DocExtraction] = []
    for k in range(factor):
        for d, ex in zip(docs, exs, strict=True):
            nd, nex = _copy(d, ex, k) if k else (d, ex)
            big_docs.append(nd)
            big_exs.append(nex)
    before = _rss_mb()
    profiler = None
    if profile:
        from pyinstrument import Profiler  # dev tool, only with --profile

        profiler = Profiler()
        profiler.start()
    t0, c0 = time.perf_counter(), time.process_time()
    a = analyse(big_docs, big_exs)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    if profiler is not None:
        profiler.stop()
        print(f"## {factor}x\n" + profiler.output_text(unicode=True), file=sys.stderr)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    n_local = sum(len(e.entities) for e in big_exs)
    n_ent, n_ev = len(a.entities), len(a.events)
    return factor, len(big_docs), n_local, n_ent, n_ev, seconds, cpu, before, peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--profile", action="store_true", help="pyinstrument tree on stderr")
    args = parser.parse_args(argv)
    docs, exs = base_corpus()
    rows = []
    fork = multiprocessing.get_context("fork")
    for factor in args.factors:
        with fork.Pool(1) as pool:  # a fresh process: its peak memory is this factor's
            rows.append(pool.apply(_run, (docs, exs, factor, args.profile)))
    base = rows[0][5] / rows[0][1]
    header = "| factor | documents | local entities | entities | events | seconds | CPU s | s/doc |"
    print(header + " vs 1x per doc | peak RSS MB | of which analysis MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for factor, n_docs, n_local, n_entities, n_events, seconds, cpu, before, peak in rows:
        per_doc = seconds / n_docs
        print(f"| {factor}x | {n_docs} | {n_local} | {n_entities} | {n_events} | "
              f"{seconds:.2f} | {cpu:.2f} | {per_doc:.4f} | {per_doc / base:.2f} | {peak:.0f} | "
              f"{peak - before:.0f} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
