"""PolNeAR attribution benchmark: caseboard quotes vs textacy direct_quotations, same scorer.

    python benchmarks/eval_polnear.py [--split dev] [--limit N] [--every K [--offset I]]
        [--no-peer] [--no-write]

Reads ../shared/eval-data/polnear/<split>/text/*.txt (with its manifest) through the real
ingest + extraction pipeline, maps each predicted content back to the raw file offsets and
scores it against <split>/gold.jsonl (see the corpus README for the format; a split without
one, train, gets it built from its .ann files by ``build_gold``, with a stand-in antecedent
for pronoun sources):

- a gold attribution is *found* when one predicted content covers >= 50% of its characters;
- a prediction is *right* when it covers >= 50% of some gold content or lies >= 50% inside it;
- the speaker is right when its head word (surname, or head noun) matches the gold source's
  head; a pronoun source is judged by the person it refers to (``source_resolved``);
- the cue is right when the predicted cue overlaps the gold cue (or has the same words).

Prints the table and writes docs/quality_quotes.md (unless --no-write).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval-data" / "polnear"
OUT = ROOT / "docs" / "quality_quotes.md"
PRONOUNS = {"he", "she", "they", "who", "i", "we", "him", "her", "them", "it", "you", "which"}
# the source texts gold.jsonl flags as source_is_pronoun (dev has all but the last row)
SOURCE_PRONOUNS = PRONOUNS | {"that", "his", "me", "one", "its", "us", "whom", "whose", "their"}
SOURCE_PRONOUNS |= {"my", "our", "your", "hers", "theirs", "itself", "himself", "herself"}
QUOTE_MARKS = '"\u201c\u201d'


@dataclass(frozen=True, slots=True)
class Pred:
    doc: str
    fragments: tuple[tuple[int, int], ...]  # raw-file offsets
    speaker: str
    cue: str | None
    cue_span: tuple[int, int] | None
    kind: str


@dataclass(slots=True)
class Score:
    name: str
    gold: int = 0
    found: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    found_by_kind: Counter[str] = field(default_factory=Counter)
    preds: int = 0
    right: int = 0
    spk_named: int = 0
    spk_named_ok: int = 0
    spk_pron: int = 0
    spk_pron_ok: int = 0
    cue_n: int = 0
    cue_ok: int = 0
    failures: int = 0
    docs: int = 0
    seconds: float = 0.0
    words: int = 0
    misses: Counter[str] = field(default_factory=Counter)


# --- alignment of cleaned offsets to raw offsets --------------------------------------------


def align(raw: str, text: str, hint: int) -> tuple[int, int] | None:
    """Find ``text`` in ``raw`` near ``hint``, tolerant to whitespace differences."""
    if not text.strip():
        return None
    window = 2000
    lo = max(0, hint - window)
    pos = raw.find(text, lo, hint + len(text) + window)
    if pos >= 0:
        return pos, pos + len(text)
    pattern = r"\s+".join(re.escape(w) for w in text.split())
    rx = re.compile(pattern)
    m = rx.search(raw, lo, min(len(raw), hint + len(text) + window)) or rx.search(raw)
    return (m.start(), m.end()) if m else None


# --- heads ----------------------------------------------------------------------------------


def head_word(nlp: Any, phrase: str, cache: dict[str, str]) -> str:
    """Surname for a person, head noun otherwise (lower case)."""
    if phrase in cache:
        return cache[phrase]
    # 'Ana Ruiz, the party leader,' -> 'Ana Ruiz' (the apposition is not the head)
    first = phrase.split(",", maxsplit=1)[0].strip()
    doc = nlp(first or phrase)
    out = ""
    if len(doc):
        root = next(iter(doc.sents)).root
        for ent in doc.ents:
            if ent.label_ in ("PERSON", "ORG", "GPE", "NORP") and ent.start <= root.i < ent.end:
                root = ent[-1]
                break
        if root.pos_ in ("VERB", "AUX"):  # 'who spoke ...': fall back to the first noun
            root = next((t for t in doc if t.pos_ in ("PROPN", "NOUN", "PRON")), root)
        out = root.text.lower().removesuffix("'s").removesuffix("’s")
    cache[phrase] = out
    return out


def gold_heads(nlp: Any, g: dict[str, Any], cache: dict[str, str]) -> tuple[set[str], bool]:
    src = g.get("source")
    if not src:
        return set(), False
    if g.get("source_is_pronoun"):
        res = g.get("source_resolved") or {}
        heads = {h.lower() for h in res.get("heads", [])}
        heads |= {n.split()[-1].lower() for n in res.get("names", []) if n.split()}
        return heads, True
    return {head_word(nlp, src["text"], cache)}, False


# --- coverage -------------------------------------------------------------------------------


def chars(frags: Iterable[Sequence[int]]) -> set[int]:
    out: set[int] = set()
    for s, e in frags:
        out.update(range(s, e))
    return out


def _nonspace(raw: str, cs: set[int]) -> set[int]:
    return {i for i in cs if i < len(raw) and not raw[i].isspace()}


def score(
    name: str, preds: list[Pred], gold: list[dict[str, Any]], raws: dict[str, str], nlp: Any
) -> Score:
    sc = Score(name)
    cache: dict[str, str] = {}
    gold_by_doc: dict[str, list[tuple[dict[str, Any], set[int]]]] = {}
    for g in gold:
        if g["doc"] not in raws:
            continue
        gc = _nonspace(raws[g["doc"]], chars(g["content"]["fragments"]))
        if gc:
            gold_by_doc.setdefault(g["doc"], []).append((g, gc))
    pred_by_doc: dict[str, list[tuple[Pred, set[int]]]] = {}
    for p in preds:
        pc = _nonspace(raws[p.doc], chars(p.fragments))
        if pc:
            pred_by_doc.setdefault(p.doc, []).append((p, pc))
    for doc, items in pred_by_doc.items():
        golds = gold_by_doc.get(doc, [])
        for _, pc in items:
            sc.preds += 1
            if any(
                len(pc & gc) >= 0.5 * len(gc) or len(pc & gc) >= 0.5 * len(pc) for _, gc in golds
            ):
                sc.right += 1
    for doc, golds in gold_by_doc.items():
        items = pred_by_doc.get(doc, [])
        for g, gc in golds:
            kind = g["content_kind"]
            sc.gold += 1
            sc.by_kind[kind] += 1
            best: Pred | None = None
            best_cov = 0.0
            for p, pc in items:
                cov = len(pc & gc) / len(gc)
                if cov > best_cov:
                    best, best_cov = p, cov
            if best is None or best_cov < 0.5:
                sc.misses[kind] += 1
                continue
            sc.found += 1
            sc.found_by_kind[kind] += 1
            heads, is_pron = gold_heads(nlp, g, cache)
            if heads:
                ok = head_word(nlp, best.speaker, cache) in heads
                if is_pron:
                    sc.spk_pron += 1
                    sc.spk_pron_ok += ok
                else:
                    sc.spk_named += 1
                    sc.spk_named_ok += ok
            if g.get("cue"):
                sc.cue_n += 1
                gcue = chars(g["cue"]["fragments"])
                words = g["cue"]["text"].lower().split()
                overlap = best.cue_span is not None and chars([best.cue_span]) & gcue
                if overlap or (best.cue and best.cue.lower() in words):
                    sc.cue_ok += 1
    return sc


# --- gold from the .ann files (train has no gold.jsonl) --------------------------------------


_ROLES = {"Source": "source", "Cue": "cue", "Content": "content"}


def read_ann(path: Path) -> list[tuple[str, dict[str, list[tuple[int, int]]]]]:
    """(event id, {'source'|'cue'|'content': fragments}) per attribution of a brat file."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        ident, tab, rest = line.partition("\t")
        if not tab:
            continue
        fields = rest.split("\t", 1)[0]
        if ident[:1] == "T":  # 'TYPE START END[;START END...]'
            offsets = fields.split(" ", 1)[1] if " " in fields else ""
            pairs = [piece.split() for piece in offsets.split(";")]
            spans[ident] = [(int(p[0]), int(p[1])) for p in pairs if len(p) == 2]
        elif ident[:1] == "E":  # 'Attribution:T.. Content:T.. Cue:T.. Source:T..'
            events.append((ident, fields))
    out: list[tuple[str, dict[str, list[tuple[int, int]]]]] = []
    for ident, fields in events:  # spans are resolved once the whole file is read
        parts: dict[str, list[tuple[int, int]]] = {}
        for arg in fields.split():
            role, sep, target = arg.partition(":")
            if sep and role in _ROLES and target in spans:
                parts[_ROLES[role]] = sorted(spans[target])
        out.append((ident, parts))
    return out


def _span(raw: str, frags: list[tuple[int, int]] | None) -> dict[str, Any] | None:
    if not frags:
        return None
    s, e = min(a for a, _ in frags), max(b for _, b in frags)
    return {"start": s, "end": e, "text": raw[s:e], "fragments": [list(f) for f in frags]}


def content_kind(raw: str, frags: list[tuple[int, int]]) -> str:
    """direct: every fragment opens and closes with a double quote mark; partial: some marks."""
    pieces = [raw[s:e].strip() for s, e in frags]
    if all(p and p[0] in QUOTE_MARKS and p[-1] in QUOTE_MARKS for p in pieces):
        return "direct"
    if any(ch in QUOTE_MARKS for p in pieces for ch in p):
        return "partial"
    return "indirect"


def article_annotators(metadata: Path, split: str) -> dict[str, list[str]]:
    """Article name -> its annotators in the order metadata.tsv lists them."""
    out: dict[str, list[str]] = {}
    with metadata.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["compartment"] == split:
                out[row["filename"]] = row["annotators"].split("|")
    return out


def build_gold(
    data: Path,
    split: str,
    head: Callable[[str], str] | None = None,
    docs: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """Gold records in the shape of dev/gold.jsonl, built from <split>/attributions/*.ann.

    One annotator per article (the first one metadata.tsv lists that has a file), attributions
    in file order, content-less ones dropped, fragments sorted, ``content_kind`` from the double
    quote marks as the corpus README describes, ``source_is_pronoun`` for a source that is one
    pronoun ('he', 'she', 'they', 'who', ...). Built this way from dev, every field equals
    dev/gold.jsonl except ``source_resolved``: dev's comes from the corpus's CoreNLP coreference,
    which cannot be reproduced here. For a pronoun source this builder puts a STAND-IN instead,
    the nearest preceding non-pronoun annotated Source of the same document,
    ``{"method": "previous-annotated-source", "names": [text], "heads": [head(text)]}`` (``head``
    defaults to the last word), or None when there is none. That antecedent is often not the
    person the pronoun means, so pronoun figures on such a split are a rough guide only.
    ``docs`` (text file names) limits the build to those articles.
    """
    headf = head or (lambda t: (t.split() or [""])[-1].lower())
    annotators = article_annotators(data / "metadata.tsv", split)
    wanted = set(docs) if docs is not None else None
    out: list[dict[str, Any]] = []
    for txt in sorted((data / split / "text").glob("*.txt")):
        if wanted is not None and txt.name not in wanted:
            continue
        ann = next(
            (
                (a, p)
                for a in annotators.get(txt.stem, [])
                if (p := data / split / "attributions" / f"{txt.stem}_{a}.ann").is_file()
            ),
            None,
        )
        if ann is None:
            continue
        raw = txt.read_text(encoding="utf-8")
        records: list[dict[str, Any]] = []
        for eid, roles in read_ann(ann[1]):
            if not roles.get("content"):
                continue
            source = _span(raw, roles.get("source"))
            is_pron = source is not None and source["text"].strip().lower() in SOURCE_PRONOUNS
            records.append(
                {
                    "doc": txt.name,
                    "id": eid,
                    "annotator": ann[0],
                    "source": source,
                    "cue": _span(raw, roles.get("cue")),
                    "content": _span(raw, roles["content"]),
                    "content_kind": content_kind(raw, roles["content"]),
                    "source_is_pronoun": is_pron,
                    "source_resolved": None,
                }
            )
        named = sorted(
            (r["source"]["start"], r["source"]["text"])
            for r in records
            if r["source"] is not None and not r["source_is_pronoun"]
        )
        for r in records:
            if not r["source_is_pronoun"]:
                continue
            before = [t for s, t in named if s < r["source"]["start"]]
            if before:
                r["source_resolved"] = {
                    "method": "previous-annotated-source",
                    "names": [before[-1]],
                    "heads": [headf(before[-1])],
                }
        out.extend(records)
    return out


# --- systems --------------------------------------------------------------------------------


def run_caseboard(
    files: list[Path], manifest: Path | None, raws: dict[str, str], nlp: Any
) -> tuple[list[Pred], Score, list[Any]]:
    from caseboard.extract import entities, quotes, timexes
    from caseboard.extract.base import check_order
    from caseboard.extract.pipeline import extract_documents
    from caseboard.ingest.clean import to_document
    from caseboard.ingest.readers import read_sources
    from caseboard.model import Failure
    from caseboard.settings import Settings

    sc = Score("caseboard")
    settings = Settings()
    docs = []
    for item in read_sources([str(f) for f in files], settings, manifest):
        if isinstance(item, Failure):
            sc.failures += 1
            continue
        docs.append(to_document(item))
    t0 = time.perf_counter()
    preds: list[Pred] = []
    parsed: list[Any] = []
    # the stages quotes depend on (the other stages do not change what is scored here)
    stages = [entities.STAGE, timexes.STAGE, quotes.STAGE]
    check_order(stages)
    for document, ex in extract_documents(docs, nlp, stages):
        name = Path(document.source).name
        raw = raws[name]
        sc.docs += 1
        sc.words += len(document.text.split())
        sc.failures += sum(1 for f in ex.failures if f.stage == "quotes")
        for q in ex.quotes:
            spans = q.fragments or (q.evidence,)
            frags = []
            for sp in spans:
                hit = align(raw, sp.text, sp.start)
                if hit is not None:
                    frags.append(hit)
            cue_span = None
            if q.cue_evidence is not None:
                cue_span = align(raw, q.cue_evidence.text, q.cue_evidence.start)
            if frags:
                preds.append(Pred(name, tuple(frags), q.speaker_name, q.cue, cue_span, q.kind))
        parsed.append((name, document))
    sc.seconds = time.perf_counter() - t0
    return preds, sc, parsed


def run_textacy(parsed: list[Any], raws: dict[str, str], nlp: Any) -> tuple[list[Pred], Score]:
    from textacy.extract.triples import direct_quotations

    sc = Score("textacy 0.13 direct_quotations")
    preds: list[Pred] = []
    t0 = time.perf_counter()
    for name, document in parsed:
        doc = nlp(document.text)
        sc.docs += 1
        raw = raws[name]
        try:
            triples = list(direct_quotations(doc))
        except Exception:
            sc.failures += 1
            continue
        for tr in triples:
            content = tr.content
            s, e = content.start_char, content.end_char
            hit = align(raw, document.text[s:e].strip('"“” '), s)
            if hit is None:
                continue
            spk = " ".join(t.text for t in tr.speaker)
            cue = " ".join(t.text for t in tr.cue)
            c0 = tr.cue[0].idx if tr.cue else None
            cue_span = align(raw, cue, c0) if c0 is not None and cue else None
            preds.append(Pred(name, (hit,), spk, cue, cue_span, "direct"))
    sc.seconds = time.perf_counter() - t0
    return preds, sc


# --- report ---------------------------------------------------------------------------------


def pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:.1f}" if b else "-"


def table(scores: list[Score]) -> str:
    head = (
        "| system | precision | recall | F1 | direct | partial | indirect | speaker named "
        "| speaker pronoun | cue | failed docs |\n|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    rows = []
    for s in scores:
        p = s.right / s.preds if s.preds else 0.0
        r = s.found / s.gold if s.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows.append(
            f"| {s.name} | {100 * p:.1f} | {100 * r:.1f} | {100 * f1:.1f} "
            f"| {pct(s.found_by_kind['direct'], s.by_kind['direct'])} "
            f"| {pct(s.found_by_kind['partial'], s.by_kind['partial'])} "
            f"| {pct(s.found_by_kind['indirect'], s.by_kind['indirect'])} "
            f"| {pct(s.spk_named_ok, s.spk_named)} | {pct(s.spk_pron_ok, s.spk_pron)} "
            f"| {pct(s.cue_ok, s.cue_n)} | {s.failures}/{s.docs} |"
        )
    return head + "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> dict[str, float]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument(
        "--every", type=int, default=1, help="every Nth text (a spread subset, e.g. of train)"
    )
    ap.add_argument("--offset", type=int, default=0, help="start the --every subset at text N")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--no-peer", action="store_true", help="skip textacy")
    ap.add_argument("--no-write", action="store_true", help="do not write docs/quality_quotes.md")
    args = ap.parse_args(argv)

    from caseboard.extract.nlp import load_nlp
    from caseboard.settings import Settings

    base = args.data / args.split
    texts = sorted((base / "text").glob("*.txt"))
    files = texts[max(0, args.offset) :: max(1, args.every)][: args.limit]
    if not files:
        print(f"no texts under {base / 'text'}", file=sys.stderr)
        raise SystemExit(2)
    manifest = base / "text" / "manifest.csv"
    raws = {f.name: f.read_text(encoding="utf-8") for f in files}
    nlp = load_nlp(Settings().spacy_model)
    if (base / "gold.jsonl").is_file():
        gold_lines = (base / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        gold = [json.loads(line) for line in gold_lines if line.strip()]
    else:  # train: built from the .ann files, with a stand-in antecedent for pronouns
        heads: dict[str, str] = {}
        gold = build_gold(args.data, args.split, lambda t: head_word(nlp, t, heads), raws)
    gold = [g for g in gold if g["doc"] in raws]

    preds, run, parsed = run_caseboard(files, manifest if manifest.is_file() else None, raws, nlp)
    ours = score("caseboard quotes", preds, gold, raws, nlp)
    ours.failures, ours.docs = run.failures, run.docs
    scores = [ours]
    if not args.no_peer:
        t_preds, t_run = run_textacy(parsed, raws, nlp)
        peer = score(t_run.name, t_preds, gold, raws, nlp)
        peer.failures, peer.docs = t_run.failures, t_run.docs
        scores.append(peer)
    wps = run.words / run.seconds if run.seconds else 0.0
    out = table(scores)
    by_kind = ", ".join(f"{k} {v}" for k, v in sorted(ours.by_kind.items()))
    misses = ", ".join(f"{k} {v}" for k, v in sorted(ours.misses.items()))
    summary = (
        f"split {args.split}: {len(files)} articles, {run.words} words, {ours.gold} gold "
        f"attributions ({by_kind}), {ours.preds} predictions; pipeline {wps:.0f} words/s "
        f"(parse + entities + timexes + quotes, 1 process)\nmissed gold by kind: {misses}\n"
    )
    print(out + "\n" + summary)
    if not args.no_write and args.limit is None and args.every == 1 and args.offset == 0:
        write_doc(out, summary, args.split)
    p = ours.right / ours.preds if ours.preds else 0.0
    r = ours.found / ours.gold if ours.gold else 0.0
    return {
        "precision": 100 * p,
        "recall": 100 * r,
        "direct": 100 * ours.found_by_kind["direct"] / max(1, ours.by_kind["direct"]),
        "speaker_named": 100 * ours.spk_named_ok / max(1, ours.spk_named),
        "speaker_pronoun": 100 * ours.spk_pron_ok / max(1, ours.spk_pron),
        "cue": 100 * ours.cue_ok / max(1, ours.cue_n),
        "words_per_second": wps,
    }


def write_doc(tbl: str, summary: str, split: str) -> None:
    text = OUT.read_text(encoding="utf-8") if OUT.is_file() else ""
    begin, end = "<!-- polnear:begin -->", "<!-- polnear:end -->"
    block = (
        f"{begin}\nMeasured with `python benchmarks/eval_polnear.py --split {split}`:\n\n"
        f"{tbl}\n{summary.replace(chr(10), '  ' + chr(10))}{end}"
    )
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end) :]
    else:
        text = (text or "# Quotes and attribution: quality\n\n") + block + "\n"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
