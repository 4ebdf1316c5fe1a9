"""Hand-built records for the report tests: two invented articles and a full Analysis.

The first article's text carries hostile markup (a script element, an image with an onerror
handler), quotes and ampersands, as scraped pages sometimes do; the brief must show it as text.
"""

from __future__ import annotations

import re

from caseboard.model import (
    Analysis,
    Claim,
    Contradiction,
    DateValue,
    DocExtraction,
    Document,
    Entity,
    Event,
    Hypothesis,
    HypothesisEvidence,
    LocalEntity,
    Mention,
    Quantity,
    Quote,
    Relation,
    Role,
    Span,
    Vulnerability,
    make_id,
    sha256_text,
)

HOSTILE = (
    '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    '<a href="javascript:window.__pwned=3">read more</a>”“"\''
)

TEXT_A = (
    "Harbour talks stall as Dalmark & Fennland trade blame\n\n"
    "Dalmark moved 9 frigates to the Tarn Strait on Monday, officials said. "
    f"A banner reading {HOSTILE} was shown on the ministry website. "
    '"We will not bargain under threat," said Foreign Minister Ada Quist on Tuesday.\n\n'
    "Fennland relies on a single port for its grain imports. "
    "Some analysts suspect Dalmark wants leverage before the tariff review."
)
TEXT_B = (
    "Fennland denies sending a letter to Dalmark\n\n"
    "Officials in Fennland denied that any letter had been sent. "
    "Dalmark moved 9 frigates to the strait, the navy confirmed. "
    "Osterholm supplies arms to Dalmark and buys grain from Fennland."
)


def _doc(text: str, outlet: str, day: str, title: str) -> Document:
    return Document(
        id=make_id("doc", sha256_text(text)),
        source=f"{outlet.lower().replace(' ', '-')}.txt",
        title=title,
        outlet=outlet,
        published=DateValue(day, "day"),
        published_origin="manifest",
        text=text,
        text_sha256=sha256_text(text),
        raw_sha256=sha256_text(text),
    )


def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in re.finditer(r"[^\n.!?]+[.!?]*\"?", text))


def span(doc: Document, needle: str) -> Span:
    start = doc.text.index(needle)
    sents = _sentences(doc.text)
    idx = next(i for i, (s, e) in enumerate(sents) if s <= start < e)
    return Span(doc.id, start, start + len(needle), needle, idx)


def build() -> tuple[list[Document], list[DocExtraction], Analysis]:
    a = _doc(
        TEXT_A,
        "Harbour Times",
        "2026-03-03",
        "Harbour talks stall as Dalmark & Fennland trade blame",
    )
    b = _doc(TEXT_B, "Strait Wire", "2026-03-04", "Fennland denies sending a letter")
    quist = LocalEntity(
        id=make_id("le", a.id, "Ada Quist"),
        doc=a.id,
        name="Ada Quist",
        type="PERSON",
        aliases=(),
        mentions=(Mention("Ada Quist", span(a, "Ada Quist")),),
        roles=(Role("Foreign Minister", span(a, "Foreign Minister")),),
    )
    dal_a = LocalEntity(
        id=make_id("le", a.id, "Dalmark"),
        doc=a.id,
        name="Dalmark",
        type="GPE",
        aliases=(),
        mentions=(Mention("Dalmark", span(a, "Dalmark moved")),),
    )
    fen_b = LocalEntity(
        id=make_id("le", b.id, "Fennland"),
        doc=b.id,
        name="Fennland",
        type="GPE",
        aliases=(),
        mentions=(Mention("Fennland", span(b, "Fennland denied")),),
    )
    ost_b = LocalEntity(
        id=make_id("le", b.id, "Osterholm"),
        doc=b.id,
        name="Osterholm",
        type="GPE",
        aliases=(),
        mentions=(Mention("Osterholm", span(b, "Osterholm")),),
    )
    quote = Quote(
        id=make_id("q", a.id, "bargain"),
        doc=a.id,
        text="We will not bargain under threat,",
        kind="direct",
        speaker_name="Ada Quist",
        evidence=span(a, "We will not bargain under threat,"),
        speaker_entity=quist.id,
        said_on=DateValue("2026-03-03", "day"),
    )
    hostile_claim = Claim(
        id=make_id("c", a.id, "banner"),
        doc=a.id,
        text=f"A banner reading {HOSTILE} was shown",
        status="reported",
        evidence=span(a, f"A banner reading {HOSTILE} was shown"),
    )
    frigates_a = Quantity(
        id=make_id("n", a.id, "9 frigates"),
        doc=a.id,
        value=9,
        unit="frigates",
        text="9 frigates",
        evidence=span(a, "9 frigates"),
    )
    frigates_b = Quantity(
        id=make_id("n", b.id, "9 frigates"),
        doc=b.id,
        value=9,
        unit="frigates",
        text="9 frigates",
        evidence=span(b, "9 frigates"),
    )
    denial = Claim(
        id=make_id("c", b.id, "denied"),
        doc=b.id,
        text="any letter had been sent",
        status="denied",
        evidence=span(b, "denied that any letter had been sent"),
        attributed_to="Officials in Fennland",
    )
    ex_a = DocExtraction(
        doc=a.id,
        sentences=_sentences(a.text),
        entities=(quist, dal_a),
        quotes=(quote,),
        quantities=(frigates_a,),
        claims=(hostile_claim,),
    )
    ex_b = DocExtraction(
        doc=b.id,
        sentences=_sentences(b.text),
        entities=(fen_b, ost_b),
        quantities=(frigates_b,),
        claims=(denial,),
    )
    ents = [
        Entity(make_id("ent", "Dalmark"), "Dalmark", "GPE", (), (), 4, (a.id, b.id), (dal_a.id,)),
        Entity(make_id("ent", "Fennland"), "Fennland", "GPE", (), (), 3, (a.id, b.id), (fen_b.id,)),
        Entity(make_id("ent", "Osterholm"), "Osterholm", "GPE", (), (), 1, (b.id,), (ost_b.id,)),
        Entity(
            make_id("ent", "Ada Quist"),
            "Ada Quist",
            "PERSON",
            (),
            quist.roles,
            1,
            (a.id,),
            (quist.id,),
        ),
    ]
    dal, fen, ost, ada = (e.id for e in ents)
    event = Event(
        id=make_id("ev", "frigates"),
        date=DateValue("2026-03-02", "day"),
        summary="Dalmark moves 9 frigates to the Tarn Strait",
        type="deployment",
        actors=(dal,),
        sources=(a.id, b.id),
        evidence=(
            span(a, "Dalmark moved 9 frigates to the Tarn Strait on Monday"),
            span(b, "Dalmark moved 9 frigates to the strait"),
        ),
        independent_sources=2,
    )
    analysis = Analysis(
        entities=tuple(ents),
        events=(event,),
        relations=(
            Relation(
                make_id("rel", "arms"),
                ost,
                dal,
                "military",
                "supplies arms",
                (span(b, "Osterholm supplies arms to Dalmark"),),
            ),
            Relation(
                make_id("rel", "grain"),
                ost,
                fen,
                "economic",
                "buys grain",
                (span(b, "buys grain from Fennland"),),
            ),
        ),
        contradictions=(
            Contradiction(
                make_id("con", "letter"),
                "denial",
                "Fennland officials deny a letter was sent",
                (span(b, "denied that any letter had been sent"),),
                (denial.id,),
            ),
        ),
        hypotheses=(
            Hypothesis(
                make_id("hyp", "leverage"),
                "Dalmark wants leverage before the tariff review",
                "detected",
                (
                    HypothesisEvidence(
                        "consistent", span(a, "Dalmark moved 9 frigates to the Tarn Strait")
                    ),
                ),
                0.0,
                span(a, "Some analysts suspect Dalmark wants leverage before the tariff review"),
            ),
            Hypothesis(
                make_id("hyp", "routine"),
                "The deployment is routine",
                "user",
                (
                    HypothesisEvidence(
                        "inconsistent",
                        span(a, "Dalmark moved 9 frigates to the Tarn Strait"),
                        by="analyst",
                    ),
                ),
                1.0,
            ),
        ),
        vulnerabilities=(
            Vulnerability(
                make_id("vul", "port"),
                fen,
                "economic",
                "relies on a single port for grain imports",
                (span(a, "Fennland relies on a single port for its grain imports"),),
                "blockade",
            ),
        ),
        entity_of={quist.id: ada, dal_a.id: dal, fen_b.id: fen, ost_b.id: ost},
        corroboration={frigates_a.id: (frigates_b.evidence,)},
    )
    return [a, b], [ex_a, ex_b], analysis
