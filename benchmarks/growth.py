"""Growth: time and peak memory of a case as it grows, the incremental add, and report latency.

    python benchmarks/growth.py [--base 100] [--sizes 1000 10000] [--new 10] [--write FILE]
    python benchmarks/growth.py --ingest-only --sizes 1000 10000 100000

With ``--ingest-only`` each case is built as `caseboard add --no-analysis` builds it (the
per-document path: steps 1-2, then the merge of step 3 and the add of step 4 without the
analysis, each in its own process): the time and peak memory of the path that streams, at
sizes the whole-case analysis cannot reach on this machine.

What it does, in order:

1. **Base.** The first ``--base`` real articles of ../shared/eval-data/polnear/train/text (never
   copied into the repository) go through the real per-document path (`caseboard shard`: read,
   clean, parse, extract) once; their time per article is the per-document cost.
2. **Enlargement.** A case of N documents is the base repeated: copy k of each article gets a
   new id and outlet (so copies are independent sources), every entity name changed by a
   per-copy letter substitution (in the text inside each mention span and in the records, so
   names differ across copies and resolution has real work; lengths unchanged so every
   offset and ``text == cleaned[start:end]`` still hold), dates moved by k mod 7 years and
   quantities by +k (see benchmarks/scale_crossdoc.py). The substitution has period 15, so
   copies 15 apart share names, as the same actors recur through a running story. The copies are
   written as a Parquet shard, as a cluster job would write them.
3. **Case.** In a fresh process: `caseboard add N.parquet` into an empty case, timed as the merge
   (decode, check, store) and the cross-document analysis that follows; peak RSS of that
   process. Per-document extraction is independent per document (it runs on workers or a
   cluster), so its cost at N is N x the base's cost per article; the table shows that
   projection beside the measured steps and says which is which.
4. **Incremental.** In a fresh process: `caseboard add` of ``--new`` further real articles
   (never in the case) to the N-document case: extraction of the new ones, then the analysis,
   incremental as `caseboard add` makes it (analyse/increment.py): how many stored documents
   it read again. Then, in a copy of that case, `caseboard analyse` (the whole case analysed
   again) timed, and the two analyses compared part by part (caseboard/evaluate/increment.py).
5. **Report latency.** `caseboard brief -o brief.html` in a fresh process; the workbench
   (create_app, in process): its startup, which reads the case before serving, the first
   request, and the median of three requests for each main view.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TEXTS = SHARED / "eval-data" / "polnear" / "train" / "text"
sys.path.insert(0, str(ROOT / "benchmarks"))


def _peak_mb() -> float:
    """This process's peak resident memory. VmHWM belongs to the process's own address space;
    getrusage's ru_maxrss would also count the parent's memory at the fork."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def _articles(start: int, n: int) -> list[Path]:
    files = sorted(TEXTS.glob("*.txt"))[start : start + n]
    if len(files) < n:
        sys.exit(f"need {start + n} articles under {TEXTS}, found {len(files)}")
    return files


# --- steps run in their own process (so that each peak RSS is its own) -------------------------


def child_add(db: Path, sources: list[str]) -> dict[str, Any]:
    """`caseboard add SOURCES` into ``db`` (a shard is merged, articles are extracted): the
    store step and the analysis after it, timed apart."""
    from caseboard import service
    from caseboard.pipeline.runner import add_sources
    from caseboard.settings import Settings
    from caseboard.store.db import open_store

    t0 = time.perf_counter()
    with open_store(db) as store:
        report = add_sources(store, sources, Settings(case="growth", db=db))
        t1 = time.perf_counter()
        service.reanalyse(store, fresh=report.fresh, incremental=True)  # as `caseboard add`
        last = store.get_meta(service.LAST_INCREMENT_KEY)
    t2 = time.perf_counter()
    if report.failures:
        sys.exit(f"{len(report.failures)} inputs failed: {report.failures[0]}")
    return {
        "docs": len(report.added),
        "store_s": t1 - t0,
        "analyse_s": t2 - t1,
        "peak_mb": _peak_mb(),
        "increment": json.loads(last) if last else None,
    }


def child_analyse(db: Path) -> dict[str, Any]:
    """`caseboard analyse`: the whole case analysed again."""
    from caseboard import service
    from caseboard.settings import Settings

    t0 = time.perf_counter()
    service.analyse_case(Settings(case="growth", db=db))
    return {"analyse_s": time.perf_counter() - t0, "peak_mb": _peak_mb()}


def child_compare(incremental: Path, whole: Path) -> dict[str, Any]:
    """Each part of the incremental analysis against the whole-case one (both, only one)."""
    from caseboard.evaluate.increment import compare
    from caseboard.store.db import open_store

    analyses = []
    for db in (incremental, whole):
        with open_store(db, read_only=True) as store:
            analyses.append(store.analysis())
    assert analyses[0] is not None
    assert analyses[1] is not None
    found = compare(analyses[0], analyses[1])
    return {k: [v.both, v.only_incremental, v.only_whole] for k, v in found.items()}


def child_store(db: Path, sources: list[str]) -> dict[str, Any]:
    """`caseboard add --no-analysis SOURCES` into ``db``: stored, the analysis marked stale."""
    from caseboard import service
    from caseboard.settings import Settings

    t0 = time.perf_counter()
    report = service.add(Settings(case="growth", db=db), sources, analyse=False)
    if report.failures:
        sys.exit(f"{len(report.failures)} inputs failed: {report.failures[0]}")
    return {"docs": len(report.added), "store_s": time.perf_counter() - t0, "peak_mb": _peak_mb()}


def child_brief(db: Path, out: Path) -> dict[str, Any]:
    from caseboard.report.build import write_brief
    from caseboard.settings import Settings

    t0 = time.perf_counter()
    write_brief(Settings(case="growth", db=db), out)
    return {"brief_s": time.perf_counter() - t0, "peak_mb": _peak_mb(), "bytes": out.stat().st_size}


def child_views(db: Path) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from caseboard.settings import Settings
    from caseboard.store.db import open_store
    from caseboard.web.app import create_app

    with open_store(db, read_only=True) as store:
        analysis = store.analysis()
        first_doc = store.documents()[0].id
    assert analysis is not None
    top = max(analysis.entities, key=lambda e: len(e.roles) + len(e.aliases)).id
    views = {
        "overview": "/",
        "timeline": "/timeline",
        "timeline, one year": "/timeline?from=2016-01-01&to=2016-12-31",
        "actor": f"/actors/{top}",
        "graph": "/graph",
        "quotes search": "/quotes?q=president",
        "contradictions": "/contradictions",
        "ACH": "/ach",
        "document": f"/documents/{first_doc}",
        "api events": "/api/events?limit=50",
    }
    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    with TestClient(create_app(Settings(case="growth", db=db))) as client:
        out["startup (reads the case before serving)"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        r = client.get("/")
        out["first request"] = time.perf_counter() - t0
        assert r.status_code == 200, r.status_code
        for name, url in views.items():
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                r = client.get(url)
                times.append(time.perf_counter() - t0)
                assert r.status_code == 200, (url, r.status_code)
            out[name] = statistics.median(times)
    return {"views": out, "peak_mb": _peak_mb()}


def _child(step: str, *args: str) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", step, *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"{step} failed:\n{proc.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


# --- the generator -------------------------------------------------------------------------------


def enlarge(base: list[tuple[Any, Any]], n: int, out: Path) -> float:
    """Write a shard of ``n`` documents made from ``base`` (see the module docstring)."""
    import dataclasses

    from scale_crossdoc import _copy

    from caseboard.model import make_id
    from caseboard.settings import Settings
    from caseboard.store.shards import ShardWriter

    t0 = time.perf_counter()
    writer = ShardWriter(out, Settings().spacy_model)
    batch: list[tuple[Any, Any]] = []
    for i in range(n):
        k, (doc, ex) = divmod(i, len(base))[0], base[i % len(base)]
        if k:
            doc, ex = _copy(doc, ex, k)
            doc = dataclasses.replace(doc, raw_sha256=make_id("raw", doc.id))
        batch.append((doc, ex))
        if len(batch) >= 500:
            writer.write(batch)
            batch = []
    writer.write(batch)
    writer.close()
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--base", type=int, default=100, help="real articles parsed once")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--new", type=int, default=10, help="articles added to each case")
    ap.add_argument("--write", type=Path, default=None, help="append the tables to this file")
    ap.add_argument(
        "--ingest-only",
        action="store_true",
        help="build each case as `add --no-analysis` does (no analysis, brief or workbench)",
    )
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:
        a = args.rest
        result = {
            "add": lambda: child_add(Path(a[0]), a[1:]),
            "store": lambda: child_store(Path(a[0]), a[1:]),
            "brief": lambda: child_brief(Path(a[0]), Path(a[1])),
            "views": lambda: child_views(Path(a[0])),
            "analyse": lambda: child_analyse(Path(a[0])),
            "compare": lambda: child_compare(Path(a[0]), Path(a[1])),
        }[args.child]()
        print(json.dumps(result))
        return 0

    from caseboard import service
    from caseboard.settings import Settings
    from caseboard.store.shards import read_shard

    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="cb-growth-") as tmp:
        tmpdir = Path(tmp)
        base_files = _articles(0, args.base)
        words = sum(len(f.read_text(encoding="utf-8").split()) for f in base_files)
        t0 = time.perf_counter()
        service.shard(Settings(), [str(f) for f in base_files], tmpdir / "base.parquet")
        base_s = time.perf_counter() - t0
        base = [p for p in read_shard(tmpdir / "base.parquet") if isinstance(p, tuple)]
        per_article = base_s / len(base)
        rate = f"{per_article:.3f} s/article, {words / base_s:.0f} words/s"
        print(f"base: {len(base)} articles, {words} words, {base_s:.1f} s ({rate})", flush=True)
        new_files = [str(f) for f in _articles(args.base, args.new)]
        for n in args.sizes:
            shard = tmpdir / f"case-{n}.parquet"
            gen_s = enlarge(base, n, shard)
            db = tmpdir / f"case-{n}.duckdb"
            if args.ingest_only:
                merged = _child("store", str(db), str(shard))
                shard.unlink()
                new = _child("store", str(db), *new_files)
                row = {"n": n, "gen_s": gen_s, "merged": merged, "new": new,
                       "db_mb": db.stat().st_size / 2**20}  # fmt: skip
                rows.append(row)
                print(json.dumps(row), flush=True)
                db.unlink()
                continue
            merged = _child("add", str(db), str(shard))
            shard.unlink()
            new = _child("add", str(db), *new_files)
            whole_db = tmpdir / f"whole-{n}.duckdb"
            shutil.copy(db, whole_db)
            whole = _child("analyse", str(whole_db))
            agreement = _child("compare", str(db), str(whole_db))
            whole_db.unlink()
            brief = _child("brief", str(db), str(tmpdir / f"brief-{n}.html"))
            views = _child("views", str(db))
            row = {"n": n, "gen_s": gen_s, "merged": merged, "new": new, "whole": whole,
                   "agreement": agreement, "brief": brief, "views": views,
                   "db_mb": db.stat().st_size / 2**20}  # fmt: skip
            rows.append(row)
            print(json.dumps(row), flush=True)
            db.unlink()
    render_rows = render_ingest if args.ingest_only else render
    tables = render_rows(rows, per_article, len(base), args)
    print(tables)
    if args.write:
        with args.write.open("a", encoding="utf-8") as fh:
            fh.write("\n" + tables)
    return 0


def _measured(per_article: float, n_base: int, args: Any) -> str:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    cmd = "python benchmarks/growth.py {}--base {} --sizes {} --new {}".format(
        "--ingest-only " if args.ingest_only else "",
        args.base,
        " ".join(map(str, args.sizes)),
        args.new,
    )
    return (
        f"Measured {time.strftime('%Y-%m-%d')} on {machine} with `{cmd}`; per-document "
        f"extraction measured on the {n_base} base articles: {per_article:.3f} s/article "
        "(1 worker)."
    )


def _touched(increment: dict[str, Any] | None, n: int) -> str:
    if increment is None:
        return "whole case"
    return f"{increment['touched']:,} of {n:,}"


def _agreement(counts: list[int]) -> str:
    both, mine, theirs = counts
    total = both + mine + theirs
    return f"{both:,} / {mine:,} / {theirs:,} ({100 * both / total if total else 100:.2f}%)"


def _table(head: list[str], body: list[list[str]]) -> list[str]:
    """A Markdown table: the first column left-aligned when it names things, else right."""
    first = "---" if head[0].startswith(("workbench", "part")) else "---:"
    lines = [
        "| " + " | ".join(head) + " |",
        "|" + "|".join([first] + ["---:"] * (len(head) - 1)) + "|",
    ]
    return lines + ["| " + " | ".join(cells) + " |" for cells in body]


def render_ingest(rows: list[dict[str, Any]], per_article: float, n_base: int, args: Any) -> str:
    head = [
        "documents",
        "generate shard",
        "merge shard, no analysis",
        "peak RSS",
        f"then add {args.new} new, no analysis",
        "peak RSS",
        "store on disk",
    ]
    body = [
        [
            f"{r['n']:,}",
            f"{r['gen_s']:.0f} s",
            f"{r['merged']['store_s']:.1f} s",
            f"{r['merged']['peak_mb']:,.0f} MB",
            f"{r['new']['store_s']:.1f} s",
            f"{r['new']['peak_mb']:,.0f} MB",
            f"{r['db_mb']:,.0f} MB",
        ]
        for r in rows
    ]
    return "\n".join([_measured(per_article, n_base, args), "", *_table(head, body)]) + "\n"


def render(rows: list[dict[str, Any]], per_article: float, n_base: int, args: Any) -> str:
    added = [
        [
            f"{r['n']:,}",
            f"{r['n'] * per_article:,.0f} s",
            f"{r['merged']['store_s']:.1f} s",
            f"{r['merged']['analyse_s']:.1f} s",
            f"{r['merged']['peak_mb']:,.0f} MB",
            f"{r['db_mb']:,.0f} MB",
        ]
        for r in rows
    ]
    new = [
        [
            f"{r['n']:,}",
            f"{r['new']['store_s']:.1f} s",
            f"{r['new']['analyse_s']:.1f} s",
            _touched(r["new"].get("increment"), r["n"]),
            f"{r['whole']['analyse_s']:.1f} s",
            f"{r['new']['peak_mb']:,.0f} MB",
            f"{r['brief']['brief_s']:.1f} s",
            f"{r['brief']['peak_mb']:,.0f} MB",
        ]
        for r in rows
    ]
    parts = list(rows[0]["agreement"]) if rows else []
    agreement = [[part] + [_agreement(r["agreement"][part]) for r in rows] for part in parts]
    names = list(rows[0]["views"]["views"]) if rows else []
    views = [
        [name] + [f"{r['views']['views'][name] * 1000:,.0f} ms" for r in rows] for name in names
    ]
    out = [
        _measured(per_article, n_base, args),
        "",
        *_table(
            [
                "documents",
                "extraction (projected: N x per-article)",
                "merge shard into case",
                "analysis",
                "peak RSS of add",
                "store on disk",
            ],
            added,
        ),
        "",
        *_table(
            [
                "documents",
                f"add {args.new} new: extraction",
                "then analysis (incremental)",
                "stored documents read again",
                "`caseboard analyse` (whole case)",
                "peak RSS of add",
                "brief.html",
                "brief peak RSS",
            ],
            new,
        ),
        "",
        (
            "Incremental analysis against `caseboard analyse` of the same documents, per part: "
            "held by both / only by the incremental one / only by the whole-case one."
        ),
        "",
        *_table(["part of the analysis"] + [f"{r['n']:,} docs" for r in rows], agreement),
        "",
        *_table(["workbench view"] + [f"{r['n']:,} docs" for r in rows], views),
    ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())
