"""Analysis of competing hypotheses (Heuer): detect hypotheses in the text, score the evidence.

Each hypothesis (the analyst's, or one the articles float) is tested against every relevant
piece of evidence: claims, quotes and event sentences that share its key words or actors.
Evidence is consistent, inconsistent (negated, denied) or neutral, weighted by reliability
(claim status, corroboration). Hypotheses rank by ``inconsistency_score``, the weighted count of
inconsistent evidence: the lowest is the one the evidence contradicts least. An analyst's own
assessment, keyed by hypothesis id and ``doc:start:end`` of the evidence, overrides ours.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import chain, compress

from caseboard.analyse.items import DENIAL, NEGATION, Item
from caseboard.link.context import SentenceInfo
from caseboard.link.text import content_stems, evidence_key, fold
from caseboard.model import Event, Hypothesis, HypothesisEvidence, Span, make_id

# HYPOTHESIS CUES: the articles float an explanation.
#   SOME_SUSPECT, e.g. "Some analysts suspect Borduria may be preparing a naval base."
#   (same pattern), e.g. "Other experts believe the deployment is a bargaining chip."
#   IT_IS_POSSIBLE, e.g. "It is possible that the advisers are there to guard the president."
#   MAY_BE_TRYING, e.g. "Borduria may be attempting to test Washington's resolve."
HYPOTHESIS_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("SOME_SUSPECT", re.compile(
        r"\b(?:some|many|other|several|western)?\s*(?:analysts|experts|observers|officials|"
        r"diplomats|critics|commentators)\s+(?:suspect|believe|think|fear|speculate|argue|"
        r"suggest)(?:ed|s)?\s+(?:that\s+)?(?P<h>[^.;]{15,})", re.I)),
    ("IT_IS_POSSIBLE", re.compile(
        r"\bit (?:is|was|remains) (?:possible|likely|plausible|conceivable) that\s+"
        r"(?P<h>[^.;]{15,})", re.I)),
    ("MAY_BE_TRYING", re.compile(
        r"(?P<h>\b[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?\s+(?:may|might|could) be "
        r"(?:attempting|trying|seeking|preparing|planning|looking) to\s+[^.;]{10,})")),
)  # fmt: skip

_STATUS_WEIGHT = {
    "asserted": 1.0,
    "reported": 0.8,
    "alleged": 0.6,
    "denied": 1.0,
    "unverified": 0.4,
    "hypothesised": 0.3,
}
# Pieces of evidence looked at per key word or actor of a hypothesis (the first ones in order).
_MAX_POSTING = 5000
_CONFIRM = re.compile(r"\b(confirm\w*|acknowledg\w*|admit\w*|show\w*|prove\w*|evidence of)\b")


def detect(context: Mapping[str, Sequence[SentenceInfo]]) -> list[tuple[str, Span]]:
    """Hypotheses floated in the text: (statement, span of the statement)."""
    out: list[tuple[str, Span]] = []
    for infos in context.values():
        for s in infos:
            for _name, pattern in HYPOTHESIS_CUES:
                m = pattern.search(s.sentence.text)
                if not m:
                    continue
                start = s.sentence.start + m.start("h")
                end = s.sentence.start + m.end("h")
                text = s.sentence.text[m.start("h") : m.end("h")].rstrip(" ,")
                end = start + len(text)
                out.append((text, Span(s.doc, start, end, text, s.sentence.index)))
                break
    return out


def build(
    user: Sequence[tuple[str, str]],
    detected: Sequence[tuple[str, Span]],
    items: Sequence[Item],
    events: Sequence[Event],
    corroboration: Mapping[str, Sequence[Span]],
    assessments: Mapping[tuple[str, str], str],
    alias_index: Mapping[str, str],
) -> list[Hypothesis]:
    """Score every hypothesis against the evidence; rank by inconsistency (lowest first)."""
    pieces = _evidence_pieces(items, events, corroboration)
    index: dict[str, list[int]] = {}
    for i, piece in enumerate(pieces):
        for f in [f"w:{w}" for w in piece[1]] + [f"a:{a}" for a in piece[2]]:
            index.setdefault(f, []).append(i)
    hyps: list[tuple[str, str, str, Span | None]] = [(h, s, "user", None) for h, s in user]
    seen = {fold(s) for _, s in user}
    for text, where in detected:
        if fold(text) not in seen:
            seen.add(fold(text))
            hyps.append((make_id("hyp", fold(" ".join(text.split()))), text, "detected", where))
    # names are matched as actors, not as key words ("Russia" would make everything relevant)
    name_stems = frozenset(w for alias in alias_index for w in content_stems(alias))
    out: list[Hypothesis] = []
    for hid, statement, origin, span in hyps:
        key = content_stems(statement) - name_stems
        actors = _named(statement, alias_index)
        postings = [index.get(f, []) for f in [f"w:{w}" for w in key] + [f"a:{a}" for a in actors]]
        counts = Counter(chain.from_iterable(p[:_MAX_POSTING] for p in postings))
        # A piece needs two shared features (two words, or a word and an actor). One counted
        # once can only have a second in a posting cut before reaching it.
        candidates = set(compress(counts, map((2).__le__, counts.values())))
        beyond = set(chain.from_iterable(p[_MAX_POSTING:] for p in postings))
        if beyond:
            candidates |= beyond & counts.keys()
        scored: list[HypothesisEvidence] = []
        for i in sorted(candidates):
            ev, stems, ev_actors, flags, weight = pieces[i]
            if span is not None and ev.doc == span.doc and ev.start <= span.start < ev.end:
                continue  # the sentence that floats the hypothesis is not evidence for it
            shared_words = len(key & stems)
            shared_actors = len(actors & set(ev_actors))
            if shared_words < 2 and not (shared_words == 1 and shared_actors):
                continue
            assessment, reason = _assess(flags, shared_words, shared_actors)
            by = "auto"
            override = assessments.get((hid, evidence_key(ev)))
            if override in ("consistent", "inconsistent", "neutral"):
                assessment, reason, by = override, "analyst's assessment", "analyst"
            scored.append(
                HypothesisEvidence(
                    assessment=assessment,  # type: ignore[arg-type]  # checked just above
                    evidence=ev,
                    weight=weight,
                    reason=reason,
                    by=by,  # type: ignore[arg-type]  # 'auto' or 'analyst'
                )
            )
        score = sum(e.weight for e in scored if e.assessment == "inconsistent")
        out.append(
            Hypothesis(
                id=hid,
                statement=statement,
                origin=origin,  # type: ignore[arg-type]  # 'user' or 'detected'
                evidence=tuple(scored),
                inconsistency_score=round(score, 3),
                detected_in=span,
            )
        )
    out.sort(key=lambda h: (h.inconsistency_score, -len(h.evidence), h.id))
    return out


def _named(statement: str, alias_index: Mapping[str, str]) -> set[str]:
    """Entity ids whose name or alias (up to four words) appears in the statement."""
    toks = fold(statement).replace("’", "'").split()
    toks = [t.strip('.,;:!?"“”()') for t in toks]
    toks = [t[:-2] if t.endswith("'s") else t for t in toks]
    found: set[str] = set()
    for n in range(1, 5):
        for i in range(len(toks) - n + 1):
            eid = alias_index.get(" ".join(toks[i : i + n]))
            if eid is not None:
                found.add(eid)
    return found


def _assess(
    flags: tuple[bool, bool, bool], shared_words: int, shared_actors: int
) -> tuple[str, str]:
    negative, denial, confirm = flags
    if denial:
        return "inconsistent", "a denial of what the hypothesis needs"
    if negative and shared_words >= 2:
        return "inconsistent", "negated statement on the same subject"
    if confirm or shared_words >= 2:
        return "consistent", "affirms the same actors and terms"
    return "neutral", "related, neither supports nor contradicts"


def _evidence_pieces(
    items: Sequence[Item], events: Sequence[Event], corroboration: Mapping[str, Sequence[Span]]
) -> list[tuple[Span, frozenset[str], tuple[str, ...], tuple[bool, bool, bool], float]]:
    pieces: dict[tuple[str, int, int], tuple[Span, frozenset[str], tuple[str, ...],
                                             tuple[bool, bool, bool], float]] = {}  # fmt: skip
    for it in items:
        if it.kind == "quantity":
            continue
        folded = fold(it.text)
        weight = _STATUS_WEIGHT.get(it.status or "reported", 0.8)
        weight *= 1.0 + 0.5 * min(len({s.doc for s in corroboration.get(it.id, ())}), 2)
        flags = (it.negative, it.denial, bool(_CONFIRM.search(folded)))
        ev = it.evidence
        pieces[(ev.doc, ev.start, ev.end)] = (ev, it.stems, it.actors, flags, round(weight, 3))
    for e in events:
        for ev in e.evidence:
            k = (ev.doc, ev.start, ev.end)
            if k in pieces:
                continue
            folded = fold(ev.text)
            flags = (bool(NEGATION.search(folded)), bool(DENIAL.search(folded)),
                     bool(_CONFIRM.search(folded)))  # fmt: skip
            weight = 1.0 + 0.5 * min(e.independent_sources - 1, 2)
            pieces[k] = (ev, content_stems(ev.text), e.actors, flags, weight)
    return [pieces[k] for k in sorted(pieces)]
