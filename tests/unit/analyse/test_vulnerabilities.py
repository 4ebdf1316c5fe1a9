"""Soft-spot cues on invented sentences: who is exposed, and which words are no exposure."""

from __future__ import annotations

from caseboard.analyse.vulnerabilities import find
from caseboard.link.context import SentenceInfo
from caseboard.link.text import Sentence

ACTORS = ("Borduria", "Syldavia", "Trump")


def _info(text: str, index: int = 0) -> SentenceInfo:
    names = [(text.find(a), a) for a in ACTORS if a in text]
    names.sort()
    return SentenceInfo(
        sentence=Sentence("d1", index, 0, len(text), text),
        actors=tuple(a for _, a in names),
        actor_offsets=tuple(o for o, _ in names),
        date=None,
        date_source="published",
        stems=frozenset(),
        numbers=frozenset(),
        outlet=None,
        published=None,
    )


def _found(*texts: str) -> set[tuple[str, str]]:
    infos = [_info(t, i) for i, t in enumerate(texts)]
    return {(v.actor, v.dimension) for v in find({"d1": infos}, ACTORS)}


def test_the_country_at_war_is_overstretched_not_the_theatre() -> None:
    found = _found(
        "With its army stretched by the war in Syldavia, Borduria cannot reinforce the garrison."
    )
    assert found == {("Borduria", "military: overstretch")}


def test_a_theatre_named_before_the_cue_is_skipped() -> None:
    found = _found(
        "Officials say Borduria, its reserves drained by the war against Syldavia, "
        "has limited means to help."
    )
    assert found == {("Borduria", "military: overstretch")}


def test_distancing_oneself_is_no_logistics_exposure() -> None:
    assert _found("Trump refused to distance himself from the remarks about Borduria.") == set()
    assert _found("Borduria's distance from Syldavia limits any airlift.") == {
        ("Borduria", "military: logistics distance")
    }
