"""Scorer behaviour on an invented gold file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseboard.errors import InputError
from caseboard.evaluate.gold import check_corpus, load_gold, sha1
from caseboard.evaluate.reference import count_not_verbatim
from caseboard.evaluate.score import (
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

TEXT = (
    "Port director Elena Ramírez said on Monday that “the cranes will run again by June,” "
    "adding that 40 ships were waiting. Union leader Tomas Brandt called it “a fantasy”."
)


def _item(prefix: str, needle: str, **facts: object) -> dict[str, object]:
    s = TEXT.index(needle)
    return {
        "id": prefix,
        "file": "a.txt",
        "start": s,
        "end": s + len(needle),
        "sha1": sha1(needle),
        **facts,
    }


@pytest.fixture
def gold_path(tmp_path: Path) -> Path:
    role = TEXT.index("Port director")
    data = {
        "schema": "caseboard/gold/1",
        "corpus": "invented",
        "documents": {"a.txt": {"sha1": sha1(TEXT), "published": "2024-03-13"}},
        "quotes": [
            _item(
                "q1", "the cranes will run again by June,", speaker="Elena Ramírez", kind="direct"
            ),
            _item("q2", "a fantasy", speaker="Tomas Brandt", kind="partial"),
        ],
        "people": [
            {
                **_item("p1", "Elena Ramírez", name="Elena Ramírez"),
                "roles": [
                    {
                        "label": "port director",
                        "start": role,
                        "end": role + 13,
                        "sha1": sha1("Port director"),
                    }
                ],
            },
            {**_item("p2", "Tomas Brandt", name="Tomas Brandt"), "roles": []},
        ],
        "timexes": [_item("t1", "Monday", value="2024-03-11", granularity="day", mod=None)],
        "quantities": [_item("n1", "40 ships", value=40, unit="ships", modifier=None)],
        "ignore": [],
        "entities": [{"name": "Elena Ramírez", "aliases": ["Ramírez", "Elena Ramirez"]}],
    }
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _span(needle: str) -> tuple[int, int]:
    s = TEXT.index(needle)
    return (s, s + len(needle))


def test_quotes_found_and_attributed_by_head_word(gold_path: Path) -> None:
    gold = load_gold(gold_path)
    out = Scored()
    preds = [
        PredQuote("a.txt", _span("the cranes will run again"), "Ramirez"),  # > half, no accent
        PredQuote("a.txt", _span("a fantasy"), "Elena Ramírez"),  # wrong speaker
        PredQuote("a.txt", _span("40 ships were waiting"), "Elena Ramírez"),  # no gold quote
    ]
    score_quotes(gold, preds, out)
    found, attributed = out.scores["quotes found"], out.scores["quotes attributed"]
    assert (found.tp_gold, found.gold, found.tp_pred, found.pred) == (2, 2, 2, 3)
    assert (attributed.tp_gold, attributed.tp_pred) == (1, 1)
    assert [(m.category, m.item) for m in out.misses] == [("quote-speaker", "q2")]


def test_people_by_alias_and_roles_by_token_overlap(gold_path: Path) -> None:
    gold = load_gold(gold_path)
    out = Scored()
    preds = [
        PredPerson("a.txt", frozenset({"ramirez"}), ("director of the port",)),
        PredPerson("a.txt", frozenset({"monday"})),
    ]
    score_people(gold, preds, out)
    people, roles = out.scores["people found"], out.scores["roles found"]
    assert (people.tp_gold, people.gold, people.tp_pred, people.pred) == (1, 2, 1, 2)
    assert (roles.tp_gold, roles.gold, roles.tp_pred, roles.pred) == (1, 1, 1, 1)


def test_dates_and_quantities(gold_path: Path) -> None:
    gold = load_gold(gold_path)
    out = Scored()
    score_timexes(gold, [PredTimex("a.txt", _span("on Monday"), ("2024-03-18",))], out)
    assert out.scores["dates found"].tp_gold == 1
    assert out.scores["dates normalised"].tp_gold == 0
    score_quantities(gold, [PredQuantity("a.txt", _span("40 ships"), 40.0, "ship")], out)
    assert out.scores["quantities found"].tp_gold == 1


def test_changed_corpus_is_detected(gold_path: Path) -> None:
    gold = load_gold(gold_path)
    assert check_corpus(gold, gold_path.parent)["a.txt"] == TEXT
    (gold_path.parent / "a.txt").write_text(TEXT.replace("40", "41"), encoding="utf-8")
    with pytest.raises(InputError):
        check_corpus(gold, gold_path.parent)


def test_evidence_not_verbatim_is_counted() -> None:
    export = {
        "quotes": [
            {"evidence": {"doc": "d", "start": 0, "end": 4, "text": "Port"}},
            {"evidence": {"doc": "d", "start": 5, "end": 9, "text": "dock"}},
        ]
    }
    assert count_not_verbatim(export, {"d": TEXT}) == (2, 1)
