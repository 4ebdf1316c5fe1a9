"""Quotes and attribution on invented hard cases (tests/data/quotes/cases.tsv and inline)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseboard.extract import entities, quotes, timexes
from caseboard.extract.base import ParsedDoc
from caseboard.extract.pipeline import extract_parsed, sentence_offsets
from caseboard.extract.quotes import extract_quotes, find_quotations
from caseboard.model import DateValue, Document, Quote, TimeExpr, make_id

if TYPE_CHECKING:
    from spacy.language import Language

CASES = Path(__file__).resolve().parents[2] / "data" / "quotes" / "cases.tsv"
STAGES = [entities.STAGE, timexes.STAGE, quotes.STAGE]


def _document(text: str) -> Document:
    return Document(
        id=make_id("doc", text),
        source="test.txt",
        title=None,
        outlet=None,
        published=None,
        published_origin="unknown",
        text=text,
        text_sha256="",
        raw_sha256="",
    )


def run(nlp: Language, text: str) -> tuple[Quote, ...]:
    ex = extract_parsed(_document(text), nlp(text), STAGES)
    assert ex.failures == ()
    for q in ex.quotes:
        _assert_verbatim(text, q)
    return ex.quotes


def _assert_verbatim(text: str, q: Quote) -> None:
    spans = [q.evidence, *q.fragments]
    for extra in (q.speaker_evidence, q.cue_evidence):
        if extra is not None:
            spans.append(extra)
    for sp in spans:
        assert sp.text == text[sp.start : sp.end]


def _cases() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, speaker, kind, content = line.split("\t")
            rows.append((text, speaker, kind, content))
    return rows


@pytest.mark.parametrize(("text", "speaker", "kind", "content"), _cases())
def test_table_case(nlp: Language, text: str, speaker: str, kind: str, content: str) -> None:
    found = run(nlp, text)
    hits = [q for q in found if content in q.text]
    assert hits, f"no quote holds {content!r}: {found}"
    q = hits[0]
    assert (q.speaker_name, q.kind) == (speaker, kind)


def test_direct_quote_has_no_marks_and_records_cue_and_role(nlp: Language) -> None:
    text = '"We will not back down," said James Story, the U.S. ambassador, in an interview.'
    (q,) = run(nlp, text)
    assert q.text == "We will not back down"
    assert q.cue == "said"
    assert q.speaker_role == "the U.S. ambassador"
    assert q.speaker_evidence is not None
    assert q.speaker_evidence.text.endswith("Story")


def test_role_from_premodifier(nlp: Language) -> None:
    text = "Foreign Ministry spokeswoman Maria Zakharova said Russia was ready to help."
    (q,) = run(nlp, text)
    assert q.speaker_role == "Foreign Ministry spokeswoman"


def test_pronoun_resolves_to_previous_person(nlp: Language) -> None:
    text = (
        "Maria Zakharova criticised the new sanctions on Tuesday. "
        "She said that Moscow would respond within days."
    )
    (q,) = [q for q in run(nlp, text) if q.cue == "said"]
    assert q.speaker_name == "Maria Zakharova"
    assert q.speaker_entity is not None
    assert q.speaker_evidence is not None
    assert q.speaker_evidence.text == "She"


def test_pronoun_skips_a_person_of_the_other_gender(nlp: Language) -> None:
    text = (
        "Maria Delgado opened the meeting and her tone was calm. "
        "Peter Holm arrived late because his train was delayed. "
        "She said that the strike would continue until Friday."
    )
    (q,) = [q for q in run(nlp, text) if q.cue == "said"]
    assert q.speaker_name == "Maria Delgado"


def test_he_added_resolves_to_the_previous_speaker(nlp: Language) -> None:
    text = (
        '"The harvest is lost," said Peter Holm, a grain trader in Odesa. '
        "He added that prices would rise before the winter."
    )
    found = run(nlp, text)
    assert [q.speaker_name for q in found] == ["Peter Holm", "Peter Holm"]
    assert found[1].cue == "added"


def test_surname_resolves_to_the_full_name(nlp: Language) -> None:
    text = (
        "James Story arrived in Caracas on a Monday morning. "
        "Story said the embassy would reopen after the election."
    )
    (q,) = run(nlp, text)
    assert q.speaker_name == "James Story"


def test_multi_paragraph_quote_continues(nlp: Language) -> None:
    text = (
        "Peter Holm spoke at the harbour.\n\n"
        '"The grain has been sitting here for months and nobody will insure the ships.\n\n'
        '"We need a corridor before the winter," Holm said.'
    )
    found = [q for q in run(nlp, text) if q.kind == "direct"]
    assert len(found) == 1
    q = found[0]
    assert q.speaker_name == "Peter Holm"
    assert len(q.fragments) == 2
    assert q.fragments[0].text.startswith("The grain has been sitting")
    assert q.fragments[1].text == "We need a corridor before the winter"


def test_continuation_after_abbreviations_in_the_cue_clause(nlp: Language) -> None:
    text = (
        '"The city will never be the same," said the Rev. Ana Ruiz of St. Mark\'s Church. '
        '"And that is a good thing."'
    )
    found = run(nlp, text)
    assert len(found) == 1
    assert [f.text for f in found[0].fragments] == [
        "The city will never be the same",
        "And that is a good thing.",
    ]


def test_bare_quote_paragraph_goes_to_previous_speaker(nlp: Language) -> None:
    text = (
        '"The mine is flooded," said Rosa Ibarra, the site manager.\n\n'
        '"We cannot reach the lower galleries without pumps."'
    )
    found = run(nlp, text)
    assert [q.speaker_name for q in found] == ["Rosa Ibarra", "Rosa Ibarra"]
    assert found[1].text.startswith("We cannot reach")


def test_titles_and_scare_quotes_are_not_speech(nlp: Language) -> None:
    text = (
        'The senator appeared on "60 Minutes" to promote her book "Winds of Change" '
        'and a film called "The Long Road Home" about her "tough" childhood.'
    )
    assert run(nlp, text) == ()


def test_unbalanced_quote_marks_recover(nlp: Language) -> None:
    text = (
        '"The ceasefire is holding, said the mayor of the town.\n\n'
        'Aid convoys arrived on Friday. "We need more doctors," said Rosa Ibarra.'
    )
    found = run(nlp, text)
    assert any(q.speaker_name == "Rosa Ibarra" and q.text == "We need more doctors" for q in found)


def test_curly_and_straight_marks_mixed(nlp: Language) -> None:
    text = '“The port is open,” said Rosa Ibarra. "Ships can dock again," she added.'
    found = run(nlp, text)
    assert [q.text for q in found] == ["The port is open", "Ships can dock again"]
    assert {q.speaker_name for q in found} == {"Rosa Ibarra"}


def test_colon_after_speaker(nlp: Language) -> None:
    text = "Peter Holm spoke to us.\nHolm: The harvest will be the worst in a decade."
    found = run(nlp, text)
    colon = [q for q in found if q.cue == ":"]
    assert len(colon) == 1
    assert colon[0].speaker_name == "Peter Holm"
    assert colon[0].text.startswith("The harvest will be")


def test_said_on_comes_from_the_timex_in_the_cue_clause(nlp: Language) -> None:
    text = "On November 1, Maria Zakharova said that Moscow would respond."
    document = _document(text)
    doc = nlp(text)
    parsed = ParsedDoc(document, doc, sentence_offsets(doc))
    parsed.results.update(entities.STAGE.run(parsed))
    when = DateValue("2025-11-01", "day", text="November 1")
    tx = TimeExpr("t1", document.id, "November 1", "DATE", "2025-11-01", parsed.span(3, 13), when)
    parsed.results["timexes"] = (tx,)
    (q,) = extract_quotes(parsed)
    assert q.said_on == when
    assert q.text == "that Moscow would respond"


def test_empty_and_quote_only_documents(nlp: Language) -> None:
    assert run(nlp, "") == ()
    assert run(nlp, '"') == ()
    assert run(nlp, "“”“") == ()


def test_find_quotations_pairs_marks() -> None:
    text = 'He said "a b c" and “d e f” but "g h'
    qs = find_quotations(text)
    assert [text[q.start : q.end] for q in qs] == ["a b c", "d e f", "g h"]
    assert [q.closed for q in qs] == [True, True, False]


def test_ids_are_stable(nlp: Language) -> None:
    text = "Peter Holm said that the factory would close by the end of the year."
    assert [q.id for q in run(nlp, text)] == [q.id for q in run(nlp, text)]


_WORDS = st.sampled_from(
    ["said", "he", "Maria", "Holm", "told", "the", "report", "says", "that", "war", ",", "."]
)
_MARKS = st.sampled_from(['"', "“", "”", "\n", "\n\n", " ", ": ", "― "])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.one_of(_WORDS, _MARKS, st.text(max_size=6)), max_size=40))
def test_random_quote_marks_never_crash(nlp: Language, parts: list[str]) -> None:
    text = " ".join(parts)
    document = _document(text)
    doc = nlp(text)
    parsed = ParsedDoc(document, doc, sentence_offsets(doc))
    parsed.results.update(entities.STAGE.run(parsed))
    parsed.results["timexes"] = ()
    for q in extract_quotes(parsed):
        _assert_verbatim(text, q)
        assert q.text.strip()


def test_pronoun_after_title_with_appositive_name(nlp: Language) -> None:
    text = (
        "The Chilean air attache in Lima, Jorge Molina Vega, offered a similar view.\n\n"
        "Sign up for our newsletter.\n\n"
        "“The presence of our officers is in no way a threat,” he stressed."
    )
    found = run(nlp, text)
    stressed = [q for q in found if q.cue == "stressed"]
    assert [q.speaker_name for q in stressed] == ["Jorge Molina Vega"]
    assert found[0].speaker_role == "Chilean air attache in Lima"


def test_pronoun_keeps_previous_speaker_when_the_other_person_is_an_object(nlp: Language) -> None:
    text = (
        "“The harvest is lost,” said Peter Holm, a grain trader. "
        "Holm blamed Karl Weiss for the delays. "
        "“Nobody listened to us,” he said."
    )
    found = [q for q in run(nlp, text) if "Nobody" in q.text]
    assert [q.speaker_name for q in found] == ["Peter Holm"]


def test_honorific_is_no_speaker_role(nlp: Language) -> None:
    (q,) = run(nlp, '"The harbour stays open," Mr. Halvorsen said.')
    assert q.speaker_name == "Halvorsen"
    assert q.speaker_role is None


def test_single_marks_never_pair_apostrophes() -> None:
    text = "Ruiz’s aides don’t ‘whine’ about the voters’ anger, he said."
    assert [text[s:e] for q in find_quotations(text) for s, e in q.fragments] == ["whine"]


def test_doubled_apostrophes_pair_like_quote_marks() -> None:
    text = "''We are ready,'' Ruiz said. ''The boats can sail.''"
    found = [text[s:e] for q in find_quotations(text) for s, e in q.fragments]
    assert found == ["We are ready", "The boats can sail."]


def test_dash_after_quote_before_a_description_is_no_signature(nlp: Language) -> None:
    text = 'He called the levy "theft" – a term his neighbours repeat at every market.'
    assert all(not q.speaker_name.startswith("a term") for q in run(nlp, text))


def test_definite_description_keeps_the_written_words_as_role(nlp: Language) -> None:
    text = "Senator Ed Vance toured the port on Monday. Later the senator said it was safe."
    (q,) = run(nlp, text)
    assert (q.speaker_name, q.speaker_role) == ("Ed Vance", "the senator")


@pytest.mark.parametrize(
    "text",
    [
        "The price of wheat declined from 2001 to 2009.",
        "The courier showed up at noon with the parcels.",
    ],
)
def test_stance_verb_in_another_sense_is_no_attribution(nlp: Language, text: str) -> None:
    assert run(nlp, text) == ()


def test_quote_signed_on_the_next_line_goes_to_the_signature(nlp: Language) -> None:
    # QUOTE_DASH: a quotation standing as its own paragraph, the signature on the next line
    text = (
        'Reza Tamm spoke first. "We will rebuild the pier," Tamm said.\n\n'
        '"The harbour is ours again and the boats will come back."\n\n'
        "-Lina Okafor, at the rally.\n"
    )
    hits = [q for q in run(nlp, text) if "boats will come back" in q.text]
    assert [q.speaker_name for q in hits] == ["Lina Okafor"]


def test_paragraph_ending_with_a_colon_introduces_the_next_quote(nlp: Language) -> None:
    # INTRODUCED_BY_COLON: 'X released the following statement:' then the quotation
    text = (
        '"We will rebuild the pier," Reza Tamm said on Monday.\n\n'
        "When the storm ended, Mayor Lina Okafor released the following statement:\n\n"
        '"Our thoughts are with every family that lost a home this week."\n'
    )
    hits = [q for q in run(nlp, text) if "lost a home" in q.text]
    assert [(q.speaker_name, q.cue) for q in hits] == [("Lina Okafor", "released")]


def test_two_subjects_take_the_one_after_the_fronted_phrase(nlp: Language) -> None:
    # TWO_SUBJECTS: a parse giving the verb a place of the fronted phrase and the person as
    # subjects; the one after the comma speaks (the parse is built by hand: the model's own
    # parse of such sentences varies)
    from spacy.tokens import Doc

    words = ["Visiting", "Dover", ",", "Kent", ",", "Vance", "said", "it", "was", "safe", "."]
    heads = [6, 0, 3, 6, 6, 6, 6, 8, 6, 8, 6]
    deps = ["advcl", "dobj", "punct", "nsubj", "punct", "nsubj", "ROOT"]
    deps += ["nsubj", "ccomp", "acomp", "punct"]
    pos = ["VERB", "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "VERB"]
    pos += ["PRON", "AUX", "ADJ", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    said = doc[6]
    assert [t.text for t in quotes._subjects(said)][:1] == ["Vance"]
    subject = quotes._subject_of(said)
    assert subject is not None
    assert subject.i == 5
    # without a comma before it, the first subject stays: 'Ruiz's lawyer Ana Berg did not ...'
    words = ["Ruiz", "lawyer", "Berg", "said", "no", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        heads=[1, 3, 3, 3, 3, 3],
        deps=["poss", "nsubj", "nsubj", "ROOT", "dobj", "punct"],
        pos=["PROPN", "NOUN", "PROPN", "VERB", "DET", "PUNCT"],
    )
    subject = quotes._subject_of(doc[3])
    assert subject is not None
    assert subject.i == 1


def test_finite_conjunct_joins_the_verb_above_the_modal(nlp: Language) -> None:
    # FINITE_CONJUNCT: 'Vance predicted that the port would recover and praised the board':
    # the parse joins 'praised' to 'recover'; a finite verb shares the subject of 'predicted'
    from spacy.tokens import Doc

    words = ["Vance", "predicted", "that", "the", "port", "would", "recover", "and"]
    words += ["praised", "the", "board", "."]
    heads = [1, 1, 6, 4, 6, 6, 1, 6, 6, 10, 8, 1]
    deps = ["nsubj", "ROOT", "mark", "det", "nsubj", "aux", "ccomp", "cc", "conj", "det"]
    deps += ["dobj", "punct"]
    tags = ["NNP", "VBD", "IN", "DT", "NN", "MD", "VB", "CC", "VBD", "DT", "NN", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags)
    subject = quotes._subject_of(doc[8])
    assert subject is not None
    assert subject.i == 0
    # without the modal the conjunct stays with its own head ('said the port recovered and
    # praised' keeps the parse)
    tags[5] = "RB"
    deps[5] = "advmod"
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags)
    subject = quotes._subject_of(doc[8])
    assert subject is not None
    assert subject.i == 4


def test_infinitive_on_a_given_noun_goes_to_the_one_given_it(nlp: Language) -> None:
    # INFINITIVE_OF with a dative: 'The vote gave them leverage to insist ...' -> them
    from spacy.tokens import Doc

    words = ["The", "vote", "gave", "them", "leverage", "to", "insist", "on", "a", "vote", "."]
    heads = [1, 2, 2, 2, 2, 6, 4, 6, 9, 7, 2]
    deps = ["det", "nsubj", "ROOT", "dative", "dobj", "aux", "relcl", "prep", "det", "pobj"]
    deps += ["punct"]
    tags = ["DT", "NN", "VBD", "PRP", "NN", "TO", "VB", "IN", "DT", "NN", "."]
    pos = ["DET", "NOUN", "VERB", "PRON", "NOUN", "PART", "VERB", "ADP", "DET", "NOUN", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)
    subject = quotes._subject_of(doc[6])
    assert subject is not None
    assert subject.i == 3


def _speaker_of(nlp: Language, text: str, words: str) -> list[str]:
    return [q.speaker_name for q in run(nlp, text) if words in q.text]


def test_a_description_as_later_subject_is_the_new_topic(nlp: Language) -> None:
    # DESCRIBED_TOPIC: 'the governor' as a main subject stands for the governor, so the next
    # 'she' is not the captain named before
    text = (
        "Governor Ines Varga leads the harbour board. Captain Rolf Amsel questioned Governor "
        "Varga about the storm drills on Friday. Pressed again on the schedule, the governor "
        'smiled.\n\n"The drills stay as planned," she said.\n'
    )
    assert _speaker_of(nlp, text, "stay as planned") == ["Ines Varga"]


def test_fronted_description_is_not_the_subject(nlp: Language) -> None:
    # FRONTED_DESCRIPTION: a parse giving 'opposed' two subjects, 'A sailor' and 'he',
    # takes the pronoun after the comma
    from spacy.tokens import Doc

    words = ["A", "sailor", ",", "he", "opposed", "the", "bridge", "."]
    heads = [1, 4, 4, 4, 4, 6, 4, 4]
    deps = ["det", "nsubj", "punct", "nsubj", "ROOT", "det", "dobj", "punct"]
    tags = ["DT", "NN", ",", "PRP", "VBD", "DT", "NN", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags)
    assert [t.i for t in quotes._subjects(doc[4])] == [3, 1]


def test_participle_after_a_quotation_is_the_speakers(nlp: Language) -> None:
    # QUOTED_NOUN: '"Far too many rules," she said, blaming the council.' with 'blaming'
    # hung on the quoted 'rules': the one who said it blames
    from spacy.tokens import Doc

    words = ['"', "Too", "many", "rules", ",", '"', "she", "said", ",", "blaming", "them", "."]
    heads = [3, 2, 3, 3, 7, 7, 7, 3, 7, 3, 9, 3]
    deps = ["punct", "advmod", "amod", "ROOT", "punct", "punct", "nsubj", "parataxis"]
    deps += ["punct", "acl", "dobj", "punct"]
    tags = ["``", "RB", "JJ", "NNS", ",", "''", "PRP", "VBD", ",", "VBG", "PRP", "."]
    pos = ["PUNCT", "ADV", "ADJ", "NOUN", "PUNCT", "PUNCT", "PRON", "VERB", "PUNCT", "VERB"]
    pos += ["PRON", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)
    subject = quotes._subject_of(doc[9])
    assert subject is not None
    assert subject.i == 6


def test_they_after_a_collective_is_its_members(nlp: Language) -> None:
    # COLLECTIVE_GROUP: 'the council's tiny bloc of Greens' is the 'they' that argued
    text = (
        "Critics called the levy unfair. The council's tiny bloc of Greens refused to vote on "
        "the budget. For two whole days, they argued that the levy would ruin small shops."
    )
    assert _speaker_of(nlp, text, "ruin small shops") == ["The council's tiny bloc of Greens"]


def test_they_is_not_a_thing_done_to_but_its_agent(nlp: Language) -> None:
    # INANIMATE_PASSIVE: the tolls were rejected; the dockers point, the tolls do not
    text = (
        "Such tolls were rejected last week by the dockers. They pointed to the port of Lisk "
        "as a warning."
    )
    assert _speaker_of(nlp, text, "port of Lisk") == ["the dockers"]


def test_speaker_inside_a_report_is_not_the_previous_speaker(nlp: Language) -> None:
    # NESTED_SPEAKER: 'Ed Berg wanted ...' is inside what Tom Hale alleged
    text = (
        "Tom Hale, later alleging that Mayor Ed Berg wanted to sell the piers, said he would "
        "block the sale. (A day later he told reporters he would call a vote.)"
    )
    assert _speaker_of(nlp, text, "call a vote") == ["Tom Hale"]


def test_name_stranded_in_a_fronted_participle_is_the_subject(nlp: Language) -> None:
    # STRANDED_SUBJECT: 'Visiting Lisk, Ruiz, accused Vanko ...' parsed with 'Ruiz' as an
    # apposition of 'Lisk' and no subject for 'accused'
    from spacy.tokens import Doc, Span

    words = ["Visiting", "in", "Lisk", ",", "Ruiz", ",", "accused", "Vanko", "."]
    heads = [6, 0, 1, 2, 2, 6, 6, 6, 6]
    deps = ["advcl", "prep", "pobj", "punct", "appos", "punct", "ROOT", "dobj", "punct"]
    tags = ["VBG", "IN", "NNP", ",", "NNP", ",", "VBD", "NNP", "."]
    pos = ["VERB", "ADP", "PROPN", "PUNCT", "PROPN", "PUNCT", "VERB", "PROPN", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)
    doc.ents = [Span(doc, 2, 3, "GPE"), Span(doc, 4, 5, "PERSON"), Span(doc, 7, 8, "PERSON")]
    assert [t.i for t in quotes._subjects(doc[6])] == [4]


def test_they_that_spoke_keeps_its_reported_subjects_out(nlp: Language) -> None:
    # REPORTED_GROUP for a 'they' speaker: the fees the auditors found about are no 'they'
    text = (
        "Two auditors studied the harbour accounts. They found that rising fees at the docks "
        "cut trade by a third. In a second report, they estimated that empty berths cost the "
        "town a fortune."
    )
    assert _speaker_of(nlp, text, "empty berths") == ["Two auditors"]


def test_participle_on_the_one_emailed_speaks_for_the_sender(nlp: Language) -> None:
    # MESSAGED: the supporters were emailed; Ana Ruiz says it
    text = "Ana Ruiz emailed supporters saying the fight would go on."
    assert _speaker_of(nlp, text, "the fight would go on") == ["Ana Ruiz"]


def test_cue_joined_to_a_quoted_verb_is_not_said_by_the_quoted_subject(nlp: Language) -> None:
    # QUOTED_SUBJECT: 'vowing' hangs on the quoted 'continues', whose subject 'The work' is
    # inside the quotation; the one who emailed the quotation vows
    text = (
        "Nobody knew if Ruiz would quit. The harbour senator emailed members "
        'saying: "The work continues" and vowing to run in the final vote next week.'
    )
    assert _speaker_of(nlp, text, "run in the final vote") == ["The harbour senator"]
    assert _speaker_of(nlp, text, "The work continues") == ["The harbour senator"]
