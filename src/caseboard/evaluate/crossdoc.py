"""Cross-document evaluation: entity resolution, multi-source events and contradictions.

The gold (``tests/golden/venezuela.crossdoc.json``, format in ``tests/golden/README.md``) says
which names are one actor, which sentences of which articles report one happening, and which
sentence pairs contradict. Like the reference evaluation, the real pipeline runs into a
temporary store, predictions are read from the JSON export and every evidence span is mapped
back to raw-file offsets (:mod:`caseboard.evaluate.align`), so gold and predictions meet on the
raw text. The scoring functions below are pure and take plain records, so each rule can be
tested on invented data.

Figures:

- entities: pairwise precision/recall over cross-document pairs of gold mentions (a mention is
  one gold actor in one document) and B-cubed over all mentions; a *wrong merge* is a predicted
  entity whose names belong to two gold actors.
- events: a gold event (reported by two or more articles) is *found* when one predicted event
  holds a sentence of it from every article that reports it; a predicted multi-source event is
  *correct* when one gold event covers every article it cites (``2+ sources``: at least two).
- contradictions, by kind: a gold pair is found when one predicted contradiction of the same
  kind cites a sentence of each side; a prediction is correct when it matches any gold pair of
  its kind (required or optional).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from caseboard.errors import InputError
from caseboard.evaluate.align import Aligner
from caseboard.evaluate.gold import Gold, check_corpus, load_gold, sha1
from caseboard.evaluate.match import name_key
from caseboard.evaluate.score import Miss, aliases_of
from caseboard.settings import Settings

CROSSDOC_SCHEMA = "caseboard/crossdoc/1"
DEFAULT_CROSSDOC = (
    Path(__file__).resolve().parents[3] / "tests" / "golden" / "venezuela.crossdoc.json"
)
# share of the shorter span two spans must share to be "the same sentence"
SPAN_SHARE = 0.5
CONTRADICTION_KINDS = ("denial", "reversal", "disagreement", "numeric", "date", "unverified")

RawSpan = tuple[str, int, int]  # file, start, end in the raw file


# ---------------------------------------------------------------- gold


@dataclass(frozen=True, slots=True)
class GoldMention:
    file: str
    start: int
    end: int
    peripheral: bool = False  # a passing reference: may be merged, is not required

    @property
    def raw(self) -> RawSpan:
        return (self.file, self.start, self.end)


@dataclass(frozen=True, slots=True)
class GoldEvent:
    id: str
    label: str
    date: str
    granularity: str
    mentions: tuple[GoldMention, ...]

    @property
    def required_files(self) -> frozenset[str]:
        return frozenset(m.file for m in self.mentions if not m.peripheral)

    @property
    def files(self) -> frozenset[str]:
        return frozenset(m.file for m in self.mentions)


@dataclass(frozen=True, slots=True)
class GoldContradiction:
    id: str
    kind: str
    label: str
    sides: tuple[tuple[GoldMention, ...], ...]  # one side (unverified) or two
    required: bool = True


@dataclass(frozen=True, slots=True)
class GoldGroup:
    """One real actor: its name keys and the documents it is named in."""

    name: str
    type: str
    aliases: frozenset[str]
    files: frozenset[str]


@dataclass(frozen=True, slots=True)
class CrossdocGold:
    base: Gold
    events: tuple[GoldEvent, ...]
    contradictions: tuple[GoldContradiction, ...]
    compatible: tuple[GoldContradiction, ...]  # pairs that look opposed but agree
    groups: tuple[GoldGroup, ...]


def _mention(row: dict[str, Any]) -> GoldMention:
    return GoldMention(
        str(row["file"]), int(row["start"]), int(row["end"]), bool(row.get("peripheral"))
    )


def _contradiction(row: dict[str, Any]) -> GoldContradiction:
    return GoldContradiction(
        id=str(row["id"]),
        kind=str(row["kind"]),
        label=str(row.get("label", "")),
        sides=tuple(tuple(_mention(m) for m in side) for side in row["sides"]),
        required=bool(row.get("required", True)),
    )


def person_groups(base: Gold) -> list[GoldGroup]:
    """The people of the reference gold as groups: one per name, with its documents."""
    files: dict[str, set[str]] = {}
    for p in base.people:
        files.setdefault(str(p.facts["name"]), set()).add(p.file)
    return [
        GoldGroup(name, "PERSON", aliases_of(base, name), frozenset(fs))
        for name, fs in sorted(files.items())
    ]


def load_crossdoc(path: Path) -> CrossdocGold:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot read cross-document gold: {exc}") from exc
    if data.get("schema") != CROSSDOC_SCHEMA:
        raise InputError(
            str(path), f"expected schema {CROSSDOC_SCHEMA!r}, got {data.get('schema')!r}"
        )
    base = load_gold(path.parent / str(data["gold"]))
    groups = person_groups(base)
    for e in data.get("entities", []):
        names = [e["name"], *e.get("aliases", [])]
        groups.append(
            GoldGroup(
                name=str(e["name"]),
                type=str(e.get("type", "ORG")),
                aliases=frozenset(name_key(n) for n in names),
                files=frozenset(str(d["file"]) for d in e["documents"]),
            )
        )
    return CrossdocGold(
        base=base,
        events=tuple(
            GoldEvent(
                id=str(e["id"]),
                label=str(e.get("label", "")),
                date=str(e["date"]),
                granularity=str(e["granularity"]),
                mentions=tuple(_mention(m) for m in e["mentions"]),
            )
            for e in data.get("events", [])
        ),
        contradictions=tuple(_contradiction(c) for c in data.get("contradictions", [])),
        compatible=tuple(_contradiction(c) for c in data.get("compatible", [])),
        groups=tuple(groups),
    )


def _all_spans(data: dict[str, Any]) -> Iterable[dict[str, Any]]:
    for e in data.get("events", []):
        yield from e["mentions"]
    for c in (*data.get("contradictions", []), *data.get("compatible", [])):
        for side in c["sides"]:
            yield from side
    for e in data.get("entities", []):
        yield from e["documents"]


def check_crossdoc(path: Path, texts: dict[str, str]) -> None:
    """Raise if any span of the cross-document gold no longer matches the raw text."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for row in _all_spans(data):
        text = texts.get(str(row["file"]))
        if text is None or sha1(text[row["start"] : row["end"]]) != row["sha1"]:
            raise InputError(str(row["file"]), f"gold span {row['start']}-{row['end']} changed")


# ---------------------------------------------------------------- predictions


@dataclass(frozen=True, slots=True)
class PredEntity:
    id: str
    type: str
    names: frozenset[str]  # name keys of the name and aliases
    files: frozenset[str]


@dataclass(frozen=True, slots=True)
class PredEvent:
    id: str
    date: str
    type: str
    spans: tuple[RawSpan, ...]

    @property
    def files(self) -> frozenset[str]:
        return frozenset(s[0] for s in self.spans)


@dataclass(frozen=True, slots=True)
class PredContradiction:
    id: str
    kind: str
    spans: tuple[RawSpan, ...]


def same_sentence(pred: RawSpan, gold: GoldMention, share: float = SPAN_SHARE) -> bool:
    """Same file and the spans share at least ``share`` of the shorter one."""
    if pred[0] != gold.file:
        return False
    n = min(pred[2], gold.end) - max(pred[1], gold.start)
    return n > 0 and n >= share * min(pred[2] - pred[1], gold.end - gold.start)


# ---------------------------------------------------------------- figures


@dataclass(frozen=True, slots=True)
class Figure:
    """``found`` of ``gold`` recalled; ``correct`` of ``pred`` right (B-cubed: averages)."""

    precision: float
    recall: float
    gold: int
    pred: int
    found: int
    correct: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def counted(gold: int, pred: int, found: int, correct: int) -> Figure:
    return Figure(correct / pred if pred else 0.0, found / gold if gold else 0.0, gold, pred,
                  found, correct)  # fmt: skip


@dataclass(slots=True)
class Scores:
    figures: dict[str, Figure] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)


# ---------------------------------------------------------------- entities


def _entity_of(group: GoldGroup, file: str, preds: Sequence[PredEntity]) -> list[PredEntity]:
    cands = [p for p in preds if file in p.files and p.names & group.aliases]
    return sorted(cands, key=lambda p: (-len(p.names & group.aliases), p.id))


def score_entities(
    groups: Sequence[GoldGroup], preds: Sequence[PredEntity], out: Scores, label: str = "entity"
) -> None:
    """Pairwise (cross-document) and B-cubed scores over gold mentions, and wrong merges."""
    mentions: list[tuple[GoldGroup, str, str]] = []  # group, file, predicted entity id
    for g in groups:
        for file in sorted(g.files):
            cands = _entity_of(g, file, preds)
            if not cands:
                mentions.append((g, file, f"unresolved:{g.name}:{file}"))
                out.misses.append(Miss(label, g.name, f"{file[:3]}: no entity with these names"))
                continue
            if len(cands) > 1:
                out.counts[f"{label} split in one document"] = (
                    out.counts.get(f"{label} split in one document", 0) + 1
                )
                out.misses.append(
                    Miss(label, g.name, f"{file[:3]}: {len(cands)} entities carry its names")
                )
            mentions.append((g, file, cands[0].id))
    gold_pairs = pred_pairs = right_pairs = 0
    for x, (ga, fa, pa) in enumerate(mentions):
        for gb, fb, pb in mentions[x + 1 :]:
            if fa == fb:
                continue
            same_gold, same_pred = ga.name == gb.name, pa == pb
            gold_pairs += same_gold
            pred_pairs += same_pred
            right_pairs += same_gold and same_pred
    out.figures[f"{label} pairs"] = counted(gold_pairs, pred_pairs, right_pairs, right_pairs)
    p_sum = r_sum = 0.0
    for ga, _, pa in mentions:
        in_pred = [m for m in mentions if m[2] == pa]
        in_gold = [m for m in mentions if m[0].name == ga.name]
        both = sum(1 for m in in_pred if m[0].name == ga.name)
        p_sum += both / len(in_pred)
        r_sum += both / len(in_gold)
    n = len(mentions)
    out.figures[f"{label} b-cubed"] = Figure(
        p_sum / n if n else 0.0, r_sum / n if n else 0.0, n, n, 0, 0
    )
    split = 0
    for g in groups:
        ids = {pid for gg, _, pid in mentions if gg.name == g.name and not pid.startswith("unr")}
        if len(ids) > 1:
            split += 1
            out.misses.append(Miss(label, g.name, f"split over {len(ids)} entities"))
    out.counts[f"{label} groups split"] = split
    wrong = 0
    for p in preds:
        owners = sorted({g.name for g in groups if p.names & g.aliases and g.files & p.files})
        if len(owners) > 1:
            wrong += 1
            out.misses.append(Miss(label, p.id, "wrong merge of " + " + ".join(owners)))
    out.counts[f"{label} wrong merges"] = wrong


# ---------------------------------------------------------------- events


def _hit_files(pred: PredEvent, gold: GoldEvent) -> frozenset[str]:
    return frozenset(m.file for m in gold.mentions if any(same_sentence(s, m) for s in pred.spans))


def _dates_agree(gold: GoldEvent, pred_date: str) -> bool:
    """The predicted date agrees with the gold one at the coarser of the two granularities."""
    width = min(len(gold.date), len(pred_date))
    return width >= 4 and gold.date[:width] == pred_date[:width]


def _where(m: GoldMention, preds: Sequence[PredEvent]) -> str:
    homes = [p for p in preds if any(same_sentence(s, m) for s in p.spans)]
    if not homes:
        return f"{m.file[:3]}@{m.start}: no event"
    return f"{m.file[:3]}@{m.start}: " + "; ".join(
        f"{p.type} {p.date} [{' '.join(sorted(f[:3] for f in p.files))}]" for p in homes
    )


def score_events(gold: Sequence[GoldEvent], preds: Sequence[PredEvent], out: Scores) -> None:
    found_all = found_two = dated = 0
    for g in gold:
        best = max(preds, key=lambda p: (len(_hit_files(p, g) & g.required_files),
                                         len(_hit_files(p, g))), default=None)  # fmt: skip
        hit = _hit_files(best, g) if best else frozenset()
        if best is not None and g.required_files <= hit:
            found_all += 1
            if _dates_agree(g, best.date):
                dated += 1
            else:
                out.misses.append(Miss("event-date", g.id, f"gold {g.date}, merged as {best.date}"))
        else:
            where = " | ".join(_where(m, preds) for m in g.mentions if not m.peripheral)
            out.misses.append(Miss("event", g.id, f"{g.date}: {where}"))
        found_two += len(hit) >= 2
    multi = [p for p in preds if len(p.files) >= 2]
    strict = loose = 0
    for p in multi:
        covers = [(g, _hit_files(p, g)) for g in gold]
        if any(p.files <= h for _, h in covers):
            strict += 1
            loose += 1
            continue
        partial = [g.id for g, h in covers if len(h) >= 2]
        loose += bool(partial)
        files = " ".join(sorted(f[:3] for f in p.files))
        why = f"partly {', '.join(partial)} (extra sources)" if partial else "no gold event"
        out.misses.append(Miss("event-pred", p.id, f"{p.type} {p.date} [{files}]: {why}"))
    out.figures["multi-source events"] = counted(len(gold), len(multi), found_all, strict)
    out.figures["multi-source events 2+"] = counted(len(gold), len(multi), found_two, loose)
    out.counts["events found with the gold date"] = dated
    out.counts["predicted multi-source events"] = len(multi)


# ---------------------------------------------------------------- contradictions


def matches(pred: PredContradiction, gold: GoldContradiction) -> bool:
    """One predicted span on each gold side (two different spans for two sides)."""
    if len(gold.sides) == 1:
        return any(same_sentence(s, m) for s in pred.spans for m in gold.sides[0])
    a, b = gold.sides[0], gold.sides[1]
    for i, s in enumerate(pred.spans):
        for j, t in enumerate(pred.spans):
            if (
                i != j
                and any(same_sentence(s, m) for m in a)
                and any(same_sentence(t, m) for m in b)
            ):
                return True
    return False


def score_contradictions(
    gold: Sequence[GoldContradiction],
    compatible: Sequence[GoldContradiction],
    preds: Sequence[PredContradiction],
    out: Scores,
) -> None:
    totals = [0, 0, 0, 0]  # gold, pred, found, correct
    for kind in CONTRADICTION_KINDS:
        required = [g for g in gold if g.kind == kind and g.required]
        mine = [p for p in preds if p.kind == kind]
        found = 0
        for g in required:
            if any(matches(p, g) for p in mine):
                found += 1
                continue
            other = sorted({p.kind for p in preds if matches(p, g)})
            why = f"paired, but as {', '.join(other)}" if other else "not paired"
            out.misses.append(Miss(f"contradiction-{kind}", g.id, why))
        correct = 0
        for p in mine:
            if any(matches(p, g) for g in gold if g.kind == kind):
                correct += 1
                continue
            same = [g.id for g in compatible if matches(p, g)]
            other = [g.id for g in gold if matches(p, g)]
            files = " ".join(f"{s[0][:3]}@{s[1]}" for s in p.spans)
            why = (
                f"gold says compatible ({same[0]})"
                if same
                else f"matches {other[0]} of another kind"
                if other
                else "no gold contradiction"
            )
            out.misses.append(Miss(f"contradiction-pred-{kind}", p.id, f"{files}: {why}"))
        if required or mine:
            out.figures[f"contradictions: {kind}"] = counted(
                len(required), len(mine), found, correct
            )
        for x, v in enumerate((len(required), len(mine), found, correct)):
            totals[x] += v
    out.figures["contradictions: all"] = counted(*totals)


# ---------------------------------------------------------------- the run


@dataclass(frozen=True, slots=True)
class CrossdocReport:
    corpus: str
    figures: dict[str, Figure]
    counts: dict[str, int]
    misses: tuple[Miss, ...]
    unmapped_spans: int

    def figure(self, name: str) -> Figure | None:
        return self.figures.get(name)

    def to_json(self) -> dict[str, Any]:
        return {
            "corpus": self.corpus,
            "figures": {
                name: {
                    "precision": round(f.precision, 4),
                    "recall": round(f.recall, 4),
                    "gold": f.gold,
                    "predicted": f.pred,
                    "gold_found": f.found,
                    "predicted_correct": f.correct,
                }
                for name, f in self.figures.items()
            },
            "counts": self.counts,
            "misses": [
                {"category": m.category, "item": m.item, "reason": m.reason} for m in self.misses
            ],
            "unmapped_spans": self.unmapped_spans,
        }


@dataclass(slots=True)
class _RawMapper:
    gold: Gold
    file_of: dict[str, str]
    aligners: dict[str, Aligner]
    unmapped: int = 0

    def spans(self, evidence: Iterable[dict[str, Any]]) -> tuple[RawSpan, ...]:
        out: list[RawSpan] = []
        for ev in evidence:
            file = self.file_of.get(str(ev.get("doc")))
            if file is None:
                continue
            raw = self.aligners[file].to_raw(int(ev["start"]), int(ev["end"]))
            if raw is None:
                self.unmapped += 1
                continue
            s = self.gold.duplicate_target(file, raw[0])
            out.append((file, s, s + raw[1] - raw[0]))
        return tuple(out)


def predictions(
    export: dict[str, Any], mapper: _RawMapper
) -> tuple[list[PredEntity], list[PredEvent], list[PredContradiction]]:
    entities = [
        PredEntity(
            id=str(e["id"]),
            type=str(e.get("type")),
            names=frozenset(name_key(n) for n in [e["name"], *e.get("aliases", [])]),
            files=frozenset(
                mapper.file_of[d] for d in e.get("documents", []) if d in mapper.file_of
            ),
        )
        for e in export.get("entities", [])
    ]
    events = [
        PredEvent(
            str(e["id"]),
            str(e["date"]["value"]),
            str(e.get("type")),
            mapper.spans(e.get("evidence", [])),
        )
        for e in export.get("events", [])
    ]
    contradictions = [
        PredContradiction(str(c["id"]), str(c["kind"]), mapper.spans(c.get("evidence", [])))
        for c in export.get("contradictions", [])
    ]
    return entities, events, contradictions


def evaluate_crossdoc(
    corpus: Path, gold_path: Path = DEFAULT_CROSSDOC, settings: Settings | None = None
) -> CrossdocReport:
    """Run the pipeline on ``corpus`` into a temporary store and score the cross-document
    analysis against the gold."""
    from caseboard import service  # noqa: PLC0415
    from caseboard.store.db import open_case  # noqa: PLC0415

    gold = load_crossdoc(gold_path)
    raw = check_corpus(gold.base, corpus)
    check_crossdoc(gold_path, raw)
    base = settings or Settings()
    manifest = corpus / "manifest.csv"
    with tempfile.TemporaryDirectory(prefix="caseboard-crossdoc-") as tmp:
        run = base.model_copy(update={"case": "eval-crossdoc", "db": Path(tmp) / "eval.duckdb"})
        service.add(
            run,
            [str(corpus / name) for name in gold.base.documents],
            manifest if manifest.is_file() else None,
        )
        export = service.export_json(run)
        with open_case(run, read_only=True) as store:
            documents = store.documents()
    file_of = {d.id: Path(d.source).name for d in documents if Path(d.source).name in raw}
    cleaned = {d.id: d.text for d in documents}
    mapper = _RawMapper(
        gold.base, file_of, {f: Aligner(raw[f], cleaned[d]) for d, f in file_of.items()}
    )
    return score_all(gold, *predictions(export, mapper), unmapped=mapper.unmapped)


def score_all(
    gold: CrossdocGold,
    entities: Sequence[PredEntity],
    events: Sequence[PredEvent],
    contradictions: Sequence[PredContradiction],
    unmapped: int = 0,
) -> CrossdocReport:
    out = Scores()
    people = [g for g in gold.groups if g.type == "PERSON"]
    score_entities(gold.groups, entities, out, "entity")
    people_only = Scores()
    score_entities(people, [e for e in entities if e.type == "PERSON"], people_only, "people")
    out.figures.update(people_only.figures)
    out.counts.update(people_only.counts)
    score_events(gold.events, events, out)
    score_contradictions(gold.contradictions, gold.compatible, contradictions, out)
    return CrossdocReport(
        corpus=gold.base.corpus,
        figures=out.figures,
        counts=out.counts,
        misses=tuple(out.misses),
        unmapped_spans=unmapped,
    )


def render(report: CrossdocReport) -> Any:
    """A rich Table of the figures."""
    from rich.table import Table  # noqa: PLC0415

    table = Table(title=f"Cross-document evaluation: {report.corpus}")
    for col in ("measure", "P", "R", "found/gold", "correct/predicted"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    for name, f in report.figures.items():
        if name.endswith("b-cubed"):
            table.add_row(name, f"{f.precision:.1%}", f"{f.recall:.1%}", f"{f.gold} mentions", "")
        else:
            table.add_row(
                name,
                f"{f.precision:.1%}",
                f"{f.recall:.1%}",
                f"{f.found}/{f.gold}",
                f"{f.correct}/{f.pred}",
            )
    table.caption = "; ".join(f"{k}: {v}" for k, v in report.counts.items())
    return table
