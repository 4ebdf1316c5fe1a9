"""The reference evaluation: run the real pipeline on a gold-annotated corpus and score it.

The pipeline runs into a temporary store (``service.add``), predictions are read from the JSON
export (``service.export_json``) and each evidence span is mapped back to raw-file offsets
(:mod:`caseboard.evaluate.align`). Baselines score the same cleaned texts: textacy's direct
quotations and plain spaCy PERSON entities.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from caseboard.evaluate.align import Aligner
from caseboard.evaluate.gold import Gold, check_corpus, load_gold
from caseboard.evaluate.match import Score, name_key
from caseboard.evaluate.score import (
    Miss,
    PredPerson,
    PredQuantity,
    PredQuote,
    PredTimex,
    Scored,
    score_people,
    score_quantities,
    score_quotes,
    score_timexes,
)
from caseboard.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_GOLD = Path(__file__).resolve().parents[3] / "tests" / "golden" / "venezuela.gold.json"
DIRECT_KINDS = ("direct", "partial")
METRICS = (
    "quotes found",
    "quotes attributed",
    "people found",
    "roles found",
    "dates found",
    "dates normalised",
    "quantities found",
    "quantity spans",
)


@dataclass(frozen=True, slots=True)
class Report:
    corpus: str
    systems: dict[str, dict[str, Score]]  # system -> metric -> score
    misses: tuple[Miss, ...]
    evidence_total: int
    evidence_not_verbatim: int
    unmapped_spans: int
    notes: tuple[str, ...] = ()

    def figure(self, metric: str, system: str = "caseboard") -> Score | None:
        return self.systems.get(system, {}).get(metric)

    def to_json(self) -> dict[str, Any]:
        return {
            "corpus": self.corpus,
            "metrics": {
                metric: {
                    system: {
                        "precision": round(s.precision, 4),
                        "recall": round(s.recall, 4),
                        "f1": round(s.f1, 4),
                        "gold": s.gold,
                        "predicted": s.pred,
                        "gold_found": s.tp_gold,
                        "predicted_correct": s.tp_pred,
                    }
                    for system, scores in self.systems.items()
                    if (s := scores.get(metric)) is not None
                }
                for metric in METRICS
            },
            "evidence": {
                "total": self.evidence_total,
                "not_verbatim": self.evidence_not_verbatim,
                "unmapped": self.unmapped_spans,
            },
            "misses": [
                {"category": m.category, "item": m.item, "reason": m.reason} for m in self.misses
            ],
            "notes": list(self.notes),
        }


@dataclass(slots=True)
class _Mapper:
    gold: Gold
    file_of: dict[str, str]  # document id -> gold file name
    aligners: dict[str, Aligner]
    unmapped: int = 0

    def span(self, ev: dict[str, Any]) -> tuple[str, tuple[int, int]] | None:
        file = self.file_of.get(str(ev.get("doc")))
        if file is None:
            return None
        raw = self.aligners[file].to_raw(int(ev["start"]), int(ev["end"]))
        if raw is None:
            self.unmapped += 1
            return None
        s = self.gold.duplicate_target(file, raw[0])
        return file, (s, s + raw[1] - raw[0])


def iter_evidence(node: Any) -> Iterator[dict[str, Any]]:
    """Every evidence object (doc, start, end, text) anywhere in an export."""
    if isinstance(node, dict):
        if {"doc", "start", "end", "text"} <= node.keys() and isinstance(node.get("start"), int):
            yield node
        for value in node.values():
            yield from iter_evidence(value)
    elif isinstance(node, list):
        for value in node:
            yield from iter_evidence(value)


def count_not_verbatim(export: dict[str, Any], cleaned: dict[str, str]) -> tuple[int, int]:
    total = bad = 0
    for ev in iter_evidence(export):
        total += 1
        text = cleaned.get(str(ev["doc"]))
        if text is None or text[ev["start"] : ev["end"]] != ev["text"]:
            bad += 1
    return total, bad


def _caseboard_preds(
    export: dict[str, Any], mapper: _Mapper
) -> tuple[list[PredQuote], list[PredPerson], list[PredTimex], list[PredQuantity]]:
    quotes = []
    for q in export.get("quotes", []):
        if q.get("kind") not in DIRECT_KINDS:
            continue  # the gold holds direct and partial quotes; indirect speech is not scored
        if (m := mapper.span(q["evidence"])) is not None:
            quotes.append(PredQuote(m[0], m[1], str(q.get("speaker_name") or "")))
    people = []
    for e in export.get("entities", []):
        if e.get("type") != "PERSON":
            continue
        names = frozenset(name_key(n) for n in [e["name"], *e.get("aliases", [])])
        for doc in e.get("documents", []):
            file = mapper.file_of.get(doc)
            if file is None:
                continue
            roles = tuple(str(r["text"]) for r in e.get("roles", []) if r["evidence"]["doc"] == doc)
            people.append(PredPerson(file, names, roles))
    timexes = []
    for t in export.get("timexes", []):
        if (m := mapper.span(t["evidence"])) is not None:
            values = [str(t.get("value") or "")]
            if t.get("date"):
                values.append(str(t["date"].get("value") or ""))
            timexes.append(PredTimex(m[0], m[1], tuple(v for v in values if v), str(t.get("type"))))
    quantities = []
    for n in export.get("quantities", []):
        if (m := mapper.span(n["evidence"])) is not None:
            quantities.append(PredQuantity(m[0], m[1], float(n["value"]), n.get("unit")))
    return quotes, people, timexes, quantities


def _baselines(
    nlp: Language, cleaned: dict[str, str], mapper: _Mapper
) -> tuple[list[PredQuote] | None, list[PredPerson], list[str]]:
    notes: list[str] = []
    try:
        from textacy.extract.triples import direct_quotations  # noqa: PLC0415
    except ImportError:
        notes.append("textacy is not installed: no quote baseline")
        quote_finder = None
    else:
        quote_finder = direct_quotations
    quotes: list[PredQuote] = []
    people: list[PredPerson] = []
    for doc_id, text in cleaned.items():
        file = mapper.file_of.get(doc_id)
        if file is None:
            continue
        parsed = nlp(text)
        seen: set[str] = set()
        for ent in parsed.ents:
            if ent.label_ == "PERSON" and (key := name_key(ent.text)) not in seen:
                seen.add(key)
                people.append(PredPerson(file, frozenset({key})))
        if quote_finder is None:
            continue
        for dq in quote_finder(parsed):
            ev = {"doc": doc_id, "start": dq.content.start_char, "end": dq.content.end_char}
            if (m := mapper.span(ev)) is not None:
                speaker = " ".join(t.text for t in dq.speaker)
                quotes.append(PredQuote(m[0], m[1], speaker))
    return (quotes if quote_finder is not None else None), people, notes


def evaluate_reference(
    corpus: Path,
    gold_path: Path = DEFAULT_GOLD,
    settings: Settings | None = None,
    baselines: bool = True,
) -> Report:
    """Run the pipeline on ``corpus`` into a temporary store and score it against the gold."""
    from caseboard import service  # noqa: PLC0415
    from caseboard.extract.nlp import load_nlp  # noqa: PLC0415
    from caseboard.store.db import open_case  # noqa: PLC0415

    gold = load_gold(gold_path)
    raw = check_corpus(gold, corpus)
    base = settings or Settings()
    manifest = corpus / "manifest.csv"
    with tempfile.TemporaryDirectory(prefix="caseboard-eval-") as tmp:
        run = base.model_copy(update={"case": "eval-reference", "db": Path(tmp) / "eval.duckdb"})
        service.add(
            run,
            [str(corpus / name) for name in gold.documents],
            manifest if manifest.is_file() else None,
        )
        export = service.export_json(run)
        with open_case(run, read_only=True) as store:
            documents = store.documents()
    cleaned = {d.id: d.text for d in documents}
    file_of = {d.id: Path(d.source).name for d in documents if Path(d.source).name in raw}
    mapper = _Mapper(gold, file_of, {f: Aligner(raw[f], cleaned[d]) for d, f in file_of.items()})
    notes = [f"{f} was not ingested" for f in raw if f not in file_of.values()]

    total, bad = count_not_verbatim(export, cleaned)
    quotes, people, timexes, quantities = _caseboard_preds(export, mapper)
    ours = Scored()
    score_quotes(gold, quotes, ours)
    score_people(gold, people, ours)
    score_timexes(gold, timexes, ours)
    score_quantities(gold, quantities, ours)
    systems = {"caseboard": ours.scores}
    unmapped = mapper.unmapped
    if baselines:
        b_quotes, b_people, b_notes = _baselines(load_nlp(base.spacy_model), cleaned, mapper)
        notes.extend(b_notes)
        base_scores = Scored()
        if b_quotes is not None:
            score_quotes(gold, b_quotes, base_scores)
        score_people(gold, b_people, base_scores, roles=False)
        systems["baseline"] = base_scores.scores
    return Report(
        corpus=gold.corpus,
        systems=systems,
        misses=tuple(ours.misses),
        evidence_total=total,
        evidence_not_verbatim=bad,
        unmapped_spans=unmapped,
        notes=tuple(notes),
    )


def render(report: Report) -> Any:
    """A rich Table of the figures, caseboard and baselines side by side."""
    from rich.table import Table  # noqa: PLC0415

    table = Table(title=f"Reference evaluation: {report.corpus}")
    table.add_column("metric")
    systems = list(report.systems)
    for system in systems:
        table.add_column(f"{system} P", justify="right")
        table.add_column(f"{system} R", justify="right")
        table.add_column(f"{system} found/gold", justify="right")
    for metric in METRICS:
        cells = [metric]
        for system in systems:
            s = report.systems[system].get(metric)
            if s is None:
                cells += ["-", "-", "-"]
            else:
                cells += [f"{s.precision:.1%}", f"{s.recall:.1%}", f"{s.tp_gold}/{s.gold}"]
        table.add_row(*cells)
    table.caption = (
        f"evidence spans not verbatim: {report.evidence_not_verbatim} of {report.evidence_total}"
        f"; spans not mappable to the raw file: {report.unmapped_spans}"
    )
    return table
