"""TempEval-3 task A scoring of time expressions (span P/R/F1, value and type accuracy).

A prediction or gold item is (doc, start, end, type, value). Strict match: same offsets.
Relaxed match: the spans overlap (each gold item matched at most once, best overlap first).
Value accuracy and type accuracy are computed over relaxed matches; value F1 = value accuracy x
relaxed F1 (the TempEval-3 "value" score).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Item:
    doc: str
    start: int
    end: int
    type: str
    value: str


@dataclass(slots=True)
class Score:
    system: str
    n_pred: int = 0
    n_gold: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    type_ok: int = 0
    failures: int = 0
    seconds: float = 0.0
    per_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [gold, found, value]

    @staticmethod
    def _f(p: float, r: float) -> float:
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.n_pred if self.n_pred else 0.0
        r = hits / self.n_gold if self.n_gold else 0.0
        return p, r, self._f(p, r)

    @property
    def value_acc(self) -> float:
        return self.value_ok / self.relaxed if self.relaxed else 0.0

    @property
    def type_acc(self) -> float:
        return self.type_ok / self.relaxed if self.relaxed else 0.0


def load_gold(paths: Iterable[Path]) -> dict[str, list[Item]]:
    gold: dict[str, list[Item]] = defaultdict(list)
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            gold[d["doc"]].append(Item(d["doc"], d["start"], d["end"], d["type"], d["value"]))
    return gold


def canonical(value: str) -> str:
    """Zero-pad week numbers ('2000-W7' == '2000-W07'); nothing else is forgiven."""
    if "-W" in value:
        head, _, tail = value.partition("-W")
        num = "".join(c for c in tail[:2] if c.isdigit())
        if num and len(num) == 1:
            return f"{head}-W0{tail}"
    return value


def score(
    system: str, gold: dict[str, list[Item]], pred: dict[str, list[Item]], docs: Iterable[str]
) -> Score:
    s = Score(system)
    for doc in docs:
        g_items = gold.get(doc, [])
        p_items = pred.get(doc, [])
        s.n_gold += len(g_items)
        s.n_pred += len(p_items)
        for g in g_items:
            s.per_type.setdefault(g.type, [0, 0, 0])[0] += 1
        pairs = sorted(
            (
                (-(min(g.end, p.end) - max(g.start, p.start)), gi, pi)
                for gi, g in enumerate(g_items)
                for pi, p in enumerate(p_items)
                if g.start < p.end and p.start < g.end
            ),
        )
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, gi, pi in pairs:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            g, p = g_items[gi], p_items[pi]
            s.relaxed += 1
            s.strict += g.start == p.start and g.end == p.end
            ok = canonical(g.value) == canonical(p.value)
            s.value_ok += ok
            s.type_ok += g.type == p.type
            s.per_type[g.type][1] += 1
            s.per_type[g.type][2] += ok
    return s


def table(scores: list[Score], words: int) -> str:
    head = (
        "| system | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 "
        "| value acc | value F1 | type acc | doc failures | seconds |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    rows = []
    for s in scores:
        sp, sr, sf = s.prf(s.strict)
        rp, rr, rf = s.prf(s.relaxed)
        rows.append(
            f"| {s.system} | {100 * sp:.1f} | {100 * sr:.1f} | {100 * sf:.1f} | {100 * rp:.1f} "
            f"| {100 * rr:.1f} | {100 * rf:.1f} | {100 * s.value_acc:.1f} "
            f"| {100 * s.value_acc * rf:.1f} | {100 * s.type_acc:.1f} | {s.failures} "
            f"| {s.seconds:.1f} |"
        )
    per = ["", "Per gold TIMEX3 type (recall relaxed / value accuracy on the matches):", ""]
    types = sorted({t for s in scores for t in s.per_type})
    per.append("| system | " + " | ".join(types) + " |")
    per.append("|---|" + "---|" * len(types))
    for s in scores:
        cells = []
        for t in types:
            n, found, ok = s.per_type.get(t, [0, 0, 0])
            cells.append(
                f"{100 * found / n:.0f} / {100 * ok / found:.0f} (n={n})" if n and found else "-"
            )
        per.append(f"| {s.system} | " + " | ".join(cells) + " |")
    return head + "\n".join(rows) + "\n" + "\n".join(per) + f"\n\nwords scored: {words}\n"
