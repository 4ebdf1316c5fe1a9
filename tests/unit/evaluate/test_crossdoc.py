"""The cross-document scorer on invented gold and predictions (no corpus needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseboard.errors import InputError
from caseboard.evaluate.crossdoc import (
    GoldContradiction,
    GoldEvent,
    GoldGroup,
    GoldMention,
    PredContradiction,
    PredEntity,
    PredEvent,
    Scores,
    check_crossdoc,
    load_crossdoc,
    same_sentence,
    score_contradictions,
    score_entities,
    score_events,
)
from caseboard.evaluate.gold import sha1


def _group(name: str, aliases: list[str], files: str) -> GoldGroup:
    return GoldGroup(name, "PERSON", frozenset(aliases), frozenset(files.split()))


def _pred(pid: str, names: list[str], files: str) -> PredEntity:
    return PredEntity(pid, "PERSON", frozenset(names), frozenset(files.split()))


def test_same_sentence_needs_half_of_the_shorter_span() -> None:
    gold = GoldMention("a", 100, 200)
    assert same_sentence(("a", 100, 200), gold)
    assert same_sentence(("a", 120, 130), gold)  # a quantity inside the sentence
    assert not same_sentence(("a", 190, 290), gold)  # 10 of 100 shared
    assert not same_sentence(("b", 100, 200), gold)


def test_entities_wrong_merge_and_split_are_counted() -> None:
    groups = [
        _group("Ana Ruiz", ["ana ruiz", "ruiz"], "a b c"),
        _group("Ana Torres", ["ana torres", "torres"], "a b"),
    ]
    preds = [
        _pred("e1", ["ana ruiz", "ruiz", "torres"], "a b"),  # Ruiz and Torres mixed
        _pred("e2", ["ruiz"], "c"),  # Ruiz split
        _pred("e3", ["ana torres"], "b"),
    ]
    out = Scores()
    score_entities(groups, preds, out)
    assert out.counts["entity wrong merges"] == 1
    assert out.counts["entity groups split"] >= 1
    pairs = out.figures["entity pairs"]
    # gold pairs: Ruiz a-b, a-c, b-c; Torres a-b -> 4; predicted pairs in e1 across docs
    assert pairs.gold == 4
    assert pairs.precision < 1.0
    assert pairs.recall < 1.0
    assert 0.0 < out.figures["entity b-cubed"].precision < 1.0


def test_perfect_entities_score_one() -> None:
    groups = [_group("Ana Ruiz", ["ruiz"], "a b"), _group("Ben Ode", ["ode"], "a b")]
    preds = [_pred("e1", ["ruiz"], "a b"), _pred("e2", ["ode"], "a b")]
    out = Scores()
    score_entities(groups, preds, out)
    assert out.figures["entity pairs"].precision == 1.0
    assert out.figures["entity pairs"].recall == 1.0
    assert out.figures["entity b-cubed"].recall == 1.0
    assert out.counts["entity wrong merges"] == 0


EVENT = GoldEvent(
    "ev-landing",
    "troops land",
    "2021-05",
    "month",
    (
        GoldMention("a", 0, 50),
        GoldMention("b", 100, 150),
        GoldMention("c", 10, 60, peripheral=True),
    ),
)


def test_event_found_with_all_required_sources_and_peripheral_allowed() -> None:
    pred = PredEvent(
        "p1", "2021-05-03", "deployment", (("a", 0, 50), ("b", 100, 150), ("c", 10, 60))
    )
    out = Scores()
    score_events([EVENT], [pred], out)
    assert out.figures["multi-source events"].recall == 1.0
    assert out.figures["multi-source events"].precision == 1.0
    assert out.counts["events found with the gold date"] == 1


def test_event_split_over_two_predictions_is_missed() -> None:
    preds = [
        PredEvent("p1", "2021-05", "deployment", (("a", 0, 50),)),
        PredEvent("p2", "2021-05", "deployment", (("b", 100, 150),)),
    ]
    out = Scores()
    score_events([EVENT], preds, out)
    assert out.figures["multi-source events"].recall == 0.0
    assert any(m.item == "ev-landing" for m in out.misses)


def test_predicted_event_with_an_extra_source_is_wrong_but_partly_right() -> None:
    pred = PredEvent("p1", "2021-05", "deployment", (("a", 0, 50), ("b", 100, 150), ("d", 0, 9)))
    out = Scores()
    score_events([EVENT], [pred], out)
    assert out.figures["multi-source events"].recall == 1.0  # every required source is there
    assert out.figures["multi-source events"].precision == 0.0  # but 'd' is not this event
    assert out.figures["multi-source events 2+"].precision == 1.0


DENIAL = GoldContradiction(
    "ct-1",
    "denial",
    "spokesman denies",
    ((GoldMention("b", 200, 260),), (GoldMention("a", 0, 50),)),
)
COMPATIBLE = GoldContradiction(
    "nc-1", "numeric", "agree", ((GoldMention("a", 300, 340),), (GoldMention("b", 0, 40),))
)


def test_contradictions_by_kind() -> None:
    preds = [
        PredContradiction("c1", "denial", (("a", 5, 45), ("b", 200, 260))),
        PredContradiction("c2", "numeric", (("a", 310, 312), ("b", 3, 8))),
        PredContradiction("c3", "reversal", (("a", 0, 50), ("b", 200, 260))),
    ]
    out = Scores()
    score_contradictions([DENIAL], [COMPATIBLE], preds, out)
    assert out.figures["contradictions: denial"].recall == 1.0
    assert out.figures["contradictions: denial"].precision == 1.0
    assert out.figures["contradictions: numeric"].precision == 0.0
    reasons = {m.item: m.reason for m in out.misses}
    assert "compatible" in reasons["c2"]
    assert "another kind" in reasons["c3"]
    assert out.figures["contradictions: all"].correct == 1


def test_a_denial_found_only_under_another_kind_is_missed() -> None:
    preds = [PredContradiction("c3", "reversal", (("a", 0, 50), ("b", 200, 260)))]
    out = Scores()
    score_contradictions([DENIAL], [], preds, out)
    assert out.figures["contradictions: denial"].recall == 0.0
    assert any("as reversal" in m.reason for m in out.misses)


def test_loader_and_span_check(tmp_path: Path) -> None:
    text = "Troops landed in May. The ministry denied it."
    base = {
        "schema": "caseboard/gold/1",
        "corpus": "invented",
        "documents": {"a.txt": {"sha1": sha1(text), "chars": len(text)}},
        "people": [],
        "entities": [],
    }
    (tmp_path / "g.gold.json").write_text(json.dumps(base), encoding="utf-8")
    s = text.index("The")
    mention = {"file": "a.txt", "start": s, "end": len(text), "sha1": sha1(text[s:])}
    cross = {
        "schema": "caseboard/crossdoc/1",
        "gold": "g.gold.json",
        "events": [{"id": "e", "date": "2021-05", "granularity": "month", "mentions": [mention]}],
        "contradictions": [{"id": "c", "kind": "unverified", "sides": [[mention]]}],
        "entities": [{"name": "Ruritania", "type": "GPE", "aliases": [], "documents": [mention]}],
    }
    path = tmp_path / "g.crossdoc.json"
    path.write_text(json.dumps(cross), encoding="utf-8")
    gold = load_crossdoc(path)
    assert gold.events[0].required_files == {"a.txt"}
    assert gold.groups[0].name == "Ruritania"
    check_crossdoc(path, {"a.txt": text})
    with pytest.raises(InputError):
        check_crossdoc(path, {"a.txt": text.replace("denied", "refuted")})
