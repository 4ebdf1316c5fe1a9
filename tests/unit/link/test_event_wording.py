"""Event clustering: the action word, shared phrases and present-tense speech (link/events.py,
link/context.py), on invented sentences; no model needed."""

from __future__ import annotations

from caseboard.link.context import SentenceInfo
from caseboard.link.events import (
    EventMention,
    _phrases,
    cluster,
    merge_threshold,
    placed,
)
from caseboard.link.text import Sentence
from tests.support import event_mention as mention
from tests.support import sentence_context as context

PUBLISHED = "2023-03-01"


def filler(
    n: int,
    text: str = "Ruritania signed trade agreement number {i} with a neighbour.",
    actors: tuple[str, ...] = ("RURITANIA", "BORDURIA"),
) -> list[EventMention]:
    """Dated sentences naming the countries of the case (common actors, not specific ones)."""
    return [
        mention(f"f{i}", text.format(i=i + 10), list(actors), f"20{10 + i % 9}", "timex")
        for i in range(n)
    ]


def merged(events: list[object], *docs: str) -> bool:
    return any(set(docs) <= set(e.sources) for e in events)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- present-tense speech


def test_a_present_reporting_verb_dates_the_sentence_by_publication() -> None:
    infos = context(
        "One. Two. Three. As warships patrol the strait, Borduria insists the drills are routine.",
        [],
        ["Borduria"],
    )
    assert infos[-1].date_source == "present:speech"
    assert infos[-1].date is not None
    assert infos[-1].date.value == PUBLISHED


def test_a_reporting_verb_inside_a_quotation_or_after_a_carried_date_does_not() -> None:
    quoted = context(
        "One. Two. Three. “Nobody says that about Borduria,” the envoy replied.", [], ["Borduria"]
    )
    assert quoted[-1].date_source == "published"
    carried = context(
        "Borduria sailed its fleet in 2021. Borduria says the voyage was routine.",
        [("2021", "2021")],
        ["Borduria"],
    )
    assert carried[-1].date_source == "inherited"


def test_present_speech_places_the_happening_told_but_not_the_statement() -> None:
    happening = mention(
        "a", "As Bordurian warships circle the islands, Borduria insists the patrols are lawful.",
        ["BORDURIA"], PUBLISHED, "present:speech",
    )  # fmt: skip
    statement = mention(
        "b", "The Herald says that Oduya has a record of defying his generals.",
        ["HERALD", "ODUYA"], PUBLISHED, "present:speech",
    )  # fmt: skip
    assert happening.kind == "happened"
    assert placed(happening)
    assert statement.kind == "said"
    assert not placed(statement)
    other = mention("c", "Oduya resigned in late February 2023.", ["ODUYA"], "2023-02", "timex")
    assert merge_threshold(statement, other) > merge_threshold(happening, other)


def test_two_outlets_quoted_in_the_present_in_one_article_stay_apart() -> None:
    herald = mention(
        "a", "The Herald says that General Oduya has a record of purging rivals in the army.",
        ["HERALD", "ODUYA", "RURITANIA"], PUBLISHED, "present:speech",
    )  # fmt: skip
    courier = mention(
        "a", "The Courier also says that support for Oduya in Ruritania fell to a record low.",
        ["COURIER", "ODUYA", "RURITANIA"], PUBLISHED, "present:speech",
    )  # fmt: skip
    later = Sentence("a", 1, 90, 170, courier.info.sentence.text)
    courier = EventMention(
        SentenceInfo(**{**_fields(courier.info), "sentence": later}),  # type: ignore[arg-type]
        courier.type, courier.kind, courier.date,
    )  # fmt: skip
    events, _ = cluster([herald, courier, *filler(30)], {})
    assert len([e for e in events if "a" in e.sources]) == 2


def _fields(info: SentenceInfo) -> dict[str, object]:
    return {name: getattr(info, name) for name in SentenceInfo.__slots__}


# ---------------------------------------------------------------- the same rare action word


BUILDUP = "As Bordurian warships circle Ruritanian waters, Borduria insists its aim is smugglers."
LEDE = (
    "As Borduria sent warships and submarines to the gulf in recent months and stepped up raids "
    "on suspected drug boats, the president of Ruritania turned to an old friend for help."
)


def test_the_same_rare_action_word_joins_two_placed_mentions_of_one_buildup() -> None:
    a = mention("a", BUILDUP, ["BORDURIA", "RURITANIA"], PUBLISHED, "present:speech")
    b = mention("b", LEDE, ["BORDURIA", "RURITANIA"], "2023-02-01", "recent:months", "deployment")
    assert a.type == b.type == "deployment"
    events, _ = cluster([a, b, *filler(30)], {})
    assert merged(events, "a", "b")


def test_an_action_word_in_every_tenth_mention_says_little() -> None:
    a = mention("a", BUILDUP, ["BORDURIA", "RURITANIA"], PUBLISHED, "present:speech")
    b = mention("b", LEDE, ["BORDURIA", "RURITANIA"], "2023-02-01", "recent:months", "deployment")
    common = filler(30, "Ruritania docked warships at port number {i} for repairs.")
    events, _ = cluster([a, b, *common], {})
    assert not merged(events, "a", "b")


def test_a_standing_fact_gets_no_help_from_the_action_word() -> None:
    fact = mention(
        "a", "Bordurian warships are a familiar sight off Ruritanian waters.",
        ["BORDURIA", "RURITANIA"], PUBLISHED, "published",
    )  # fmt: skip
    b = mention("b", LEDE, ["BORDURIA", "RURITANIA"], "2023-02-01", "recent:months", "deployment")
    events, _ = cluster([fact, b, *filler(30)], {})
    assert not merged(events, "a", "b")


# ---------------------------------------------------------------- a shared phrase


CAMPAIGN = (
    "Officials in the capital at the time launched a pressure campaign, including sanctions on "
    "the grain trade, to weaken the junta."
)
ROUND = (
    "Following its neighbours and most of the other coastal states, the Bordurian government "
    "backed Oduya's rival in March, adding heavy sanctions on Ruritania's grain trade to push "
    "him out."
)


# "sanctions" in every mention of the case: the action word alone says nothing here
SANCTIONS = "Ruritania faced sanctions package number {i} from a neighbour."


def test_a_shared_phrase_joins_two_dated_mentions_of_one_sanction_round() -> None:
    a = mention("a", CAMPAIGN, ["BORDURIA"], "2021", "inherited")
    b = mention("b", ROUND, ["BORDURIA", "ODUYA", "RURITANIA"], "2021-03", "timex", "sanction")
    assert a.type == b.type == "sanction"
    events, _ = cluster([a, b, *filler(30, SANCTIONS)], {})
    assert merged(events, "a", "b")


def test_a_phrase_is_two_lower_case_content_words_without_a_reporting_verb() -> None:
    m = mention(
        "a", "Ruritanian officials said sanctions on the Zemblan grain trade were lifted.",
        ["RURITANIA"], "2021", "timex",
    )  # fmt: skip
    assert _phrases(m) == {("sanction", "grain"), ("grain", "trade"), ("trade", "lift")}


def test_without_the_phrase_or_with_dates_apart_they_stay_apart() -> None:
    banks = CAMPAIGN.replace("grain trade", "central bank")
    a = mention("a", banks, ["BORDURIA"], "2021", "inherited")
    b = mention("b", ROUND, ["BORDURIA", "ODUYA", "RURITANIA"], "2021-03", "timex", "sanction")
    events, _ = cluster([a, b, *filler(30, SANCTIONS)], {})
    assert not merged(events, "a", "b")
    later = mention("c", CAMPAIGN, ["BORDURIA"], "2022-08", "timex")
    events, _ = cluster([later, b, *filler(30, SANCTIONS)], {})
    assert not merged(events, "b", "c")


# ---------------------------------------------------------------- who owns the action word


def _at(m: EventMention, doc: str, names: dict[str, str]) -> EventMention:
    """``m`` with each actor's first offset at the first place its name occurs."""
    text = m.info.sentence.text
    fields = {
        **_fields(m.info),
        "sentence": Sentence(doc, 0, 0, len(text), text),
        "actors": tuple(names),
        "actor_offsets": tuple(text.index(n) for n in names.values()),
    }
    return EventMention(SentenceInfo(**fields), m.type, m.kind, m.date)  # type: ignore[arg-type]


PATROL = (
    "As Ruritanian warships patrol the Gulf of Sarn, the defence ministry insists they are "
    "there to deter smugglers."
)
ESCORT = (
    "As Zemblan warships escort grain convoys across the Gulf of Sarn, the foreign ministry "
    "insists they are there to deter smugglers."
)


def test_warships_of_two_navies_in_one_gulf_are_two_happenings() -> None:
    names_a = {"RURITANIA": "Ruritanian", "SARN": "Gulf of Sarn"}
    names_b = {"ZEMBLA": "Zemblan", "SARN": "Gulf of Sarn"}
    a = _at(mention("a", PATROL, list(names_a), PUBLISHED, "present:speech"), "a", names_a)
    b = _at(mention("b", ESCORT, list(names_b), "2023-02-25", "present:speech"), "b", names_b)
    events, _ = cluster([a, b, *filler(30)], {})
    assert not merged(events, "a", "b")
    # the same navy told twice is one happening
    again = ESCORT.replace("Zemblan", "Ruritanian")
    c = _at(mention("c", again, list(names_a), "2023-02-25", "present:speech"), "c", names_a)
    events, _ = cluster([a, c, *filler(30)], {})
    assert merged(events, "a", "c")


def test_a_model_designator_is_not_an_owner() -> None:
    names_a = {"BORDURIA": "Borduria", "K8": "K-8"}
    names_b = {"BORDURIA": "Borduria", "KARAKORUM": "Karakorum"}
    a = _at(
        mention("a", "Ruritania's air force took K-8 fighter jets from Borduria in May 2022.",
                list(names_a), "2022-05", "timex"), "a", names_a,
    )  # fmt: skip
    b = _at(
        mention("b", "In May 2022 the Ruritanian air force took Karakorum fighter jets from "
                "Borduria.", list(names_b), "2022-05", "timex"), "b", names_b,
    )  # fmt: skip
    assert a.type == b.type == "arms_transfer"
    events, _ = cluster([a, b, *filler(30)], {})
    assert merged(events, "a", "b")
