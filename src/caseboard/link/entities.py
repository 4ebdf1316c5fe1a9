"""Entity resolution across documents: one Entity per real person, organisation or country.

Blocking keeps it near-linear: people are grouped by their folded, transliteration-normalised
surname, everything else by a name key; only members of one block are compared. Inside a
surname block, full names merge when their first names agree (same key, or an initial);
two different first names are two different people. A surname alone joins the one person of
its block (preferring the person named in the same document) and stays apart when ambiguous.

Places that stand for a state ("Moscow said", "the Kremlin denied") resolve to the state when
the mentions are subjects of political verbs (metonymy); demonyms ("Russian troops") and
country aliases ("the U.S.") resolve to the country.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from caseboard.link.text import fold
from caseboard.model import Document, Entity, LocalEntity, Role, make_id
from caseboard.model.records import EntityType

# Canonical country name -> folded aliases (names, abbreviations, demonyms).
COUNTRIES: dict[str, tuple[str, ...]] = {
    "Russia": ("russia", "russian federation", "russian", "russians"),
    "United States": ("united states", "us", "u.s.", "usa", "u.s.a.", "america", "american",
                      "americans", "united states of america", "the united states"),
    "Venezuela": ("venezuela", "venezuelan", "venezuelans", "bolivarian republic of venezuela"),
    "China": ("china", "chinese", "people's republic of china", "prc"),
    "Iran": ("iran", "iranian", "iranians", "islamic republic of iran"),
    "Cuba": ("cuba", "cuban", "cubans"),
    "Ukraine": ("ukraine", "ukrainian", "ukrainians"),
    "Colombia": ("colombia", "colombian", "colombians"),
    "Brazil": ("brazil", "brazilian", "brazilians"),
    "United Kingdom": ("united kingdom", "uk", "u.k.", "britain", "great britain", "british"),
    "Syria": ("syria", "syrian", "syrians"),
    "Nicaragua": ("nicaragua", "nicaraguan"),
    "Mexico": ("mexico", "mexican", "mexicans"),
    "Israel": ("israel", "israeli", "israelis"),
    "North Korea": ("north korea", "north korean", "dprk"),
    "Turkey": ("turkey", "turkish", "turkiye"),
    "India": ("india", "indian"),
}  # fmt: skip

# Capital cities and seats of government that stand for their state when they act politically.
SEATS: dict[str, str] = {
    "moscow": "Russia",
    "kremlin": "Russia",
    "the kremlin": "Russia",
    "washington": "United States",
    "the white house": "United States",
    "white house": "United States",
    "the pentagon": "United States",
    "pentagon": "United States",
    "beijing": "China",
    "tehran": "Iran",
    "havana": "Cuba",
    "caracas": "Venezuela",
    "miraflores": "Venezuela",
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
    "london": "United Kingdom",
    "bogota": "Colombia",
    "damascus": "Syria",
}
# Seats that only ever name the government (no city reading worth keeping).
_ALWAYS_STATE = frozenset({"kremlin", "the kremlin", "white house", "the white house",
                           "pentagon", "the pentagon", "miraflores"})  # fmt: skip

# METONYMY: a seat followed by a political verb acts as the state.
#   "Moscow acknowledged it had military personnel in the country."
#   "Washington has warned it will respond."
_POLITICAL_VERB = re.compile(
    r"^\s*(?:has|have|had|is|was|will|would|may|might|could|did|does|also|quickly|later)?\s*"
    r"(?:said|says|say|acknowledg\w*|admit\w*|announc\w*|confirm\w*|den(?:y|ied|ies)|"
    r"warn\w*|sen[dt]\w*|deploy\w*|demand\w*|threaten\w*|accus\w*|back\w*|support\w*|"
    r"recogni[sz]\w*|reject\w*|sanction\w*|sign\w*|agree\w*|respond\w*|condemn\w*|"
    r"insist\w*|claim\w*|call\w*|urg\w*|want\w*|sought|seek\w*|view\w*|see[sn]?|"
    r"appear\w*|tr(?:y|ied|ies)|refus\w*|vow\w*|pledg\w*|offer\w*|increas\w*|"
    r"step\w*|mov\w*|signal\w*|push\w*|stood|stand\w*|veto\w*|"
    r"ha[sd] been|is (?:not|also)|was (?:not|also))\b"
)
_POSSESSIVE = re.compile(r"^['’]s\s+(?:government|position|support|forces|military|ties|"
                         r"backing|stance|response|involvement|influence|role)\b")  # fmt: skip

# LEADER_GOVERNMENT: a leader's administration or government stands for the state they head,
# when the case says which state (a country named in the phrase, a seat of government, or a
# head-of-state role held by that person in any of the case's articles).
#   "the Halvorsen administration" + "Norwegian Prime Minister Ola Halvorsen" -> Norway
#   "Brazil's Ferreira government" -> Brazil;  "the Okafor White House" -> United States
# Never a person: the phrase is an organisation; two people are never merged by it.
_LEADER_PHRASE = re.compile(
    r"^(?P<words>.+?)(?:['’]s)?\s+"
    r"(?P<body>administration|government|regime|cabinet|white\s+house|kremlin)$"
)
_NAME_WORD = re.compile(r"^[^\W\d][\w'’.-]*$")
# roles that head a state ("US President", "prime minister of Ruritania", "Bordurian king")
_HEAD_OF_STATE = re.compile(
    r"\b(?:president|prime\s+minister|premier|chancellor|king|queen|emir|sultan|"
    r"head\s+of\s+(?:state|government)|supreme\s+leader)\b"
)
# ... but not a rival claimant, a deputy or someone hoping for the post
_NOT_HEAD = re.compile(
    r"\b(?:vice|deputy|opposition|interim|self[-\s](?:declared|proclaimed)|rival|exiled|"
    r"candidate|hopeful|elect|party|company|bank|board|club|university|council|assembly|"
    r"senate|court|foundation|institute|association|firm)\b"
)


def leader_phrase(name: str) -> tuple[str | None, str, str] | None:
    """(country or None, leader, body): "Brazil's Ferreira government" -> ('Brazil',
    'ferreira', 'government'), "the Okafor administration" -> (None, 'okafor', ...)."""
    m = _LEADER_PHRASE.match(re.sub(r"^the\s+", "", fold(name).strip()))
    if m is None:
        return None
    words = m.group("words").split()
    body = re.sub(r"\s+", " ", m.group("body"))
    for k in range(len(words) - 1, 0, -1):  # a country named first: "Brazil's", "Bordurian"
        country = country_of(" ".join(words[:k]))
        if country is not None:
            words, named = words[k:], country
            break
    else:
        named = None
    if not 1 <= len(words) <= 3 or not all(_NAME_WORD.match(w) for w in words):
        return None
    if country_of(" ".join(words)) is not None:
        return None  # "the Bordurian government" is the country itself
    return (named, " ".join(words), body)


def head_of_state_country(role: Role) -> str | None:
    """The country a head-of-state role names: 'US President' -> United States, 'president
    of Ruritania' / affiliation 'Ruritania' -> Ruritania; None for other roles."""
    text = fold(role.text)
    if not _HEAD_OF_STATE.search(text) or _NOT_HEAD.search(text):
        return None
    if role.affiliation and (country := country_of(role.affiliation)) is not None:
        return country
    words = re.findall(r"[\w.’']+", text)
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            country = country_of(" ".join(words[i : i + n]))
            if country is not None:
                return country
    return None


_TITLES = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "foreign",
        "defence",
        "defense",
        "secretary",
        "state",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "senator",
        "sen",
        "rep",
        "representative",
        "gov",
        "governor",
        "gen",
        "general",
        "col",
        "colonel",
        "adm",
        "admiral",
        "lt",
        "lieutenant",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "lord",
        "chancellor",
        "ambassador",
        "envoy",
        "chief",
        "leader",
        "opposition",
        "interim",
        "deputy",
        "commander",
        "king",
        "queen",
        "prince",
        "pope",
        "mayor",
        "former",
        "ex",
        "the",
    ]
)
_PARTICLES = frozenset({"de", "da", "del", "la", "van", "von", "der", "di", "le", "bin", "al"})


def translit(token: str) -> str:
    """A spelling key that tolerates common transliteration variants.

    'Sergei'/'Sergey' -> 'sergei', 'Guaidó'/'Guaido' -> 'guaido', 'Aleksandr'/'Alexander'
    share 'alexandr'-like keys; doubled letters collapse ('Lavrrov' typos aside).
    """
    t = fold(token).replace("’", "'").strip(".'")
    for a, b in (("ks", "x"), ("ph", "f"), ("kh", "h"), ("w", "v"), ("y", "i"), ("j", "i")):
        t = t.replace(a, b)
    t = re.sub(r"(.)\1+", r"\1", t)
    return re.sub(r"er$", "r", t)


def name_tokens(name: str) -> list[str]:
    """A person's name tokens without titles: 'President Nicolás Maduro' -> [Nicolás, Maduro]."""
    raw = re.sub(r"['’]s$", "", name.strip())
    toks = [t for t in re.split(r"[\s]+", raw) if t]
    while toks and fold(toks[0]).strip(".") in _TITLES:
        toks = toks[1:]
    return toks


@lru_cache(maxsize=1 << 16)  # the same names recur in every article of a story
def person_key(name: str) -> tuple[str, str] | None:
    """(first-name key, surname key); first may be '' for a surname alone."""
    toks = name_tokens(name)
    if not toks:
        return None
    surname = translit(re.sub(r"^(?:al|el|ad|as|ash)-", "", fold(toks[-1])))
    # "Padrino López": a compound Hispanic surname keeps the first of its two names as key
    first = translit(toks[0]) if len(toks) > 1 else ""
    if first and fold(toks[0]).strip(".") in _PARTICLES:
        first = ""
    return first, surname


def _first_compatible(a: str, b: str) -> bool:
    if not a or not b:
        return True
    if a == b:
        return True
    # an initial matches the full first name (V. Putin is Vladimir Putin)
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


# 'Bolivia' -> 'Bolivian(s)', 'Chile' -> 'Chilean', 'Germany' -> 'German(s)', 'Peru' -> 'Peruvian'
_DEMONYM_ENDINGS = frozenset({"", "s", "n", "ns", "an", "ans", "ian", "ians", "vian", "vians",
                              "ese", "ish"})  # fmt: skip


@cache
def _country_names() -> dict[str, str]:
    """Folded name or alias -> canonical country name (CLDR territories via babel + table)."""
    from babel import Locale  # noqa: PLC0415 (loaded once, only when resolving)

    out: dict[str, str] = {}
    for code, name in Locale("en").territories.items():
        if len(code) == 2 and code.isalpha() and code not in ("EU", "EZ", "UN", "QO", "XA", "XB"):
            out[fold(name).replace(".", "")] = name
    for canonical, aliases in COUNTRIES.items():
        out[fold(canonical)] = canonical
        for a in aliases:
            out[a.replace(".", "")] = canonical
    return out


@cache
def _demonym_index() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for key, canonical in _country_names().items():
        if len(key) >= 5 and " " not in key:
            index.setdefault(key[:4], []).append(canonical)
    return index


def country_of(name: str) -> str | None:
    """The country a name, alias or demonym stands for: 'the U.S.' -> 'United States',
    'Bolivian' -> 'Bolivia' (a demonym is the country name with an -n/-an/-ian/-ese ending)."""
    key = re.sub(r"['’]s$", "", fold(name)).replace(".", "").strip()
    key = re.sub(r"^the\s+", "", key)
    names = _country_names()
    if key in names:
        return names[key]
    if " " in key or len(key) < 5:
        return None
    for canonical in _demonym_index().get(key[:4], ()):
        full = fold(canonical)
        for base in (full, full[:-1]):
            if key.startswith(base) and key[len(base) :] in _DEMONYM_ENDINGS:
                return canonical
    return None


def _is_metonymic(le: LocalEntity, texts: dict[str, str]) -> bool:
    """Are most mentions of this seat used as a political actor ("Moscow denied ...")?"""
    key = fold(le.name)
    if key in _ALWAYS_STATE:
        return True
    text = texts.get(le.doc)
    if text is None:
        return False
    acting = 0
    for m in le.mentions:
        after = text[m.evidence.end : m.evidence.end + 60]
        if _POLITICAL_VERB.match(after) or _POSSESSIVE.match(after):
            acting += 1
    return acting > 0 and acting * 2 >= len(le.mentions)


@dataclass(slots=True)
class _Cluster:
    key: str
    type: EntityType
    members: list[LocalEntity]
    name: str = ""


def _cluster_people(people: Sequence[LocalEntity]) -> list[_Cluster]:
    blocks: dict[str, list[tuple[str, LocalEntity]]] = {}
    for le in people:
        pk = person_key(le.name)
        if pk is None:
            continue
        blocks.setdefault(pk[1], []).append((pk[0], le))
    clusters: list[_Cluster] = []
    for surname, items in sorted(blocks.items()):
        full: list[tuple[str, list[LocalEntity]]] = []  # (first key, members)
        bare: list[LocalEntity] = []
        for first, le in sorted(items, key=lambda x: (-len(x[0]), x[1].id)):
            if not first:
                bare.append(le)
                continue
            for i, (fk, members) in enumerate(full):
                if _first_compatible(first, fk):
                    full[i] = (fk if len(fk) >= len(first) else first, [*members, le])
                    break
            else:
                full.append((first, [le]))
        for le in bare:
            same_doc = [i for i, (_, ms) in enumerate(full) if any(m.doc == le.doc for m in ms)]
            if len(same_doc) == 1:
                full[same_doc[0]][1].append(le)
            elif len(full) == 1:
                full[0][1].append(le)
            else:  # ambiguous or unknown: a surname-only person of its own
                full.append(("", [le]))
        # surname-only entries with no full name collapse into one
        merged_bare: list[LocalEntity] = []
        for first, members in full:
            if first:
                clusters.append(_Cluster(f"person:{first} {surname}", "PERSON", members))
            else:
                merged_bare.extend(members)
        if merged_bare:
            clusters.append(_Cluster(f"person:{surname}", "PERSON", merged_bare))
    return clusters


def _name_key(le: LocalEntity) -> str:
    return _key_of_name(le.name)


@lru_cache(maxsize=1 << 16)
def _key_of_name(name: str) -> str:
    key = fold(name)
    key = re.sub(r"['’]s$", "", key)
    key = re.sub(r"^the\s+", "", key)
    return re.sub(r"[^\w ]", "", key).strip()


# Organisations that are only ever cited, never actors in the situation ("Reuters reported").
_MEDIA = re.compile(
    r"\b(reuters|associated press|ap|afp|bloomberg|guardian|times|post|news|cnn|bbc|cbs|nbc|"
    r"abc|fox|vox|journal|tass|ria|interfax|press|tribune|herald|magazine|radio|tv|daily|weekly|"
    r"spectator|economist|axios|politico|wire|newsletter)\b"
)


def is_actor(entity: Entity, documents: Sequence[Document] = ()) -> bool:
    """Countries (and the seats standing for them), people and organisations other than the
    media that report on them: the parties a relation or a soft spot can belong to."""
    return entity.id in actor_ids([entity], documents)


def actor_ids(
    entities: Iterable[Entity],
    documents: Sequence[Document] = (),
    outlets: Collection[str] | None = None,
) -> set[str]:
    """The ids of the entities that are actors (``is_actor``), the outlets folded once (or
    ``outlets``, already folded: those of the whole case when ``documents`` are a part)."""
    countries = set(_country_names().values())
    out: set[str] = set()
    for entity in entities:
        if entity.type == "GPE":
            if entity.name in countries:
                out.add(entity.id)
        elif entity.type == "PERSON":
            out.add(entity.id)
        elif entity.type == "ORG":
            if outlets is None:
                outlets = {fold(d.outlet) for d in documents if d.outlet}
            name = fold(entity.name)
            if name not in outlets and not _MEDIA.search(name):
                out.add(entity.id)
    return out


# ORGANISATION ALIASES (never applied to people: "John Smith" is not "Smith" of another text).
#   GENERIC_SUFFIX: a name plus a generic word is the same body,
#     "Ruritania Broadcasting" (in one article) = "Ruritania Broadcasting Network" (in another)
#   PARENT_POSSESSIVE: a parent named before the body is the body,
#     "the Hartley Foundation's Lindqvist Institute" = "Lindqvist Institute"
#   LEGAL_FORM: an acronym plus the letters of a legal form is the same company,
#     "ACME" = "ACMESA" ("S.A."), "BRT" = "BRTAG" ("AG")
#   SHORT_FORM (within one document): the last word of a longer name used alone after it,
#     "The Ruritania Herald reported ... according to the Herald" (one longer name only)
_GENERIC_SUFFIX = frozenset(
    {"news", "group", "network", "networks", "corp", "corporation", "company", "co", "inc",
     "ltd", "llc", "plc", "holding", "holdings", "media", "international", "online", "tv"}
)  # fmt: skip
_LEGAL_FORM = ("SA", "AG", "NV", "BV", "AB", "AS", "PLC", "LLC", "INC", "SPA", "GMBH")
_POSSESSIVE_SPLIT = re.compile(r"['’]s\s+")


def _org_bases(name: str) -> list[str]:
    """Shorter name keys the organisation ``name`` (a ``_name_key``) may be known by."""
    out: list[str] = []
    toks = name.split()
    while len(toks) > 1 and toks[-1] in _GENERIC_SUFFIX:  # GENERIC_SUFFIX
        toks = toks[:-1]
        out.append(" ".join(toks))
    return out


def _merge_organisation_aliases(others: dict[str, _Cluster]) -> None:
    """Merge ORG clusters by the alias rules above; each lookup is one dictionary probe."""
    orgs = {k.split(":", 1)[1]: k for k in others if k.startswith("org:")}
    target: dict[str, str] = {}  # cluster key -> the key it joins

    def find(key: str) -> str:
        while key in target:
            key = target[key]
        return key

    def join(key: str, into: str) -> None:
        a, b = find(key), find(into)
        if a != b:
            target[a] = b

    for name, key in sorted(orgs.items()):
        for base in _org_bases(name):
            if base in orgs:
                join(key, orgs[base])
                break
        for le in others[key].members:
            raw = re.sub(r"^the\s+", "", le.name.strip(), flags=re.I)
            parts = _POSSESSIVE_SPLIT.split(raw)
            tail = re.sub(r"[^\w ]", "", fold(parts[-1])).strip()
            if len(parts) > 1 and len(tail.split()) >= 2 and tail in orgs:  # PARENT_POSSESSIVE
                join(key, orgs[tail])
            if raw.isupper() and raw.isalpha():  # LEGAL_FORM
                for form in _LEGAL_FORM:
                    stem = raw[: -len(form)]
                    if raw.endswith(form) and len(stem) >= 3 and stem.lower() in orgs:
                        join(orgs[stem.lower()], key)
    moves = _short_forms(others, orgs)
    for key in sorted(target):
        into = find(key)
        others[into].members.extend(others.pop(key).members)
    for le, key, long_key in moves:
        source, dest = others.get(find(key)), others[find(long_key)]
        if source is None or source is dest or le not in source.members:
            continue
        source.members.remove(le)
        dest.members.append(le)
        if not source.members:
            del others[find(key)]


def _short_forms(
    others: dict[str, _Cluster], orgs: dict[str, str]
) -> list[tuple[LocalEntity, str, str]]:
    """SHORT_FORM: a one-word organisation name that is the last word of exactly one longer
    organisation named earlier in the same document joins that longer one (that document's
    local entity only: "the Herald" of another article may be another paper).
    Returns (local entity, its cluster key, the longer name's cluster key)."""
    longer: dict[tuple[str, str], set[str]] = {}  # (doc, last word) -> keys of longer names
    first_seen: dict[tuple[str, str], int] = {}  # (doc, key) -> first mention offset
    for name, key in orgs.items():
        for le in others[key].members:
            start = min((m.evidence.start for m in le.mentions), default=0)
            first_seen[(le.doc, key)] = min(first_seen.get((le.doc, key), start), start)
            toks = name.split()
            if len(toks) > 1:
                longer.setdefault((le.doc, toks[-1]), set()).add(key)
    moves: list[tuple[LocalEntity, str, str]] = []
    for name, key in sorted(orgs.items()):
        if " " in name:
            continue
        for le in others[key].members:
            found = longer.get((le.doc, name), set())
            if len(found) != 1:
                continue
            (long_key,) = found
            start = min((m.evidence.start for m in le.mentions), default=0)
            if first_seen[(le.doc, long_key)] < start:
                moves.append((le, key, long_key))
    return moves


def _place_leader_phrases(
    leaders: Sequence[LocalEntity], people: Sequence[_Cluster], others: dict[str, _Cluster]
) -> None:
    """LEADER_GOVERNMENT: each "X administration" joins the state X heads when the case says
    which (the phrase's own country, its seat, else X's head-of-state roles, one country only);
    otherwise the one person X, as if the leader's name alone had been written; otherwise it
    stays an organisation of its own."""
    block: dict[str, list[_Cluster]] = {}
    for c in people:
        block.setdefault(c.key.split()[-1].removeprefix("person:"), []).append(c)
    for le in leaders:
        found = leader_phrase(le.name)
        if found is None:  # pragma: no cover - filtered by the caller
            continue
        country, leader, body = found
        if country is None and body in ("white house", "kremlin"):
            country = SEATS[body]
        pk = person_key(leader)
        holders = block.get(pk[1], []) if pk else []
        if country is None and len(holders) == 1:
            roles = [r for m in holders[0].members for r in m.roles]
            states = {st for r in roles if (st := head_of_state_country(r)) is not None}
            country = next(iter(states)) if len(states) == 1 else None
        if country is not None:
            key = f"country:{country}"
            cluster = others.setdefault(key, _Cluster(key, "GPE", [], country))
        elif len(holders) == 1:
            cluster = holders[0]
        else:
            key = f"{le.type.lower()}:{_name_key(le)}"
            cluster = others.setdefault(key, _Cluster(key, le.type, []))
        cluster.members.append(le)


# "leader" (a leader's administration, placed once people are known), or the country the name
# names and the country whose seat it is (either None)
_Decision = Literal["leader"] | tuple[str | None, str | None]
_OWNED_S = re.compile(r"['’]s$")


def _decide(le: LocalEntity) -> _Decision:
    folded = fold(le.name).strip()
    country = country_of(le.name) if le.type in ("GPE", "NORP", "ORG") else None
    if le.type in ("ORG", "FACILITY") and leader_phrase(le.name) is not None:
        return "leader"
    return country, SEATS.get(_OWNED_S.sub("", folded))


def resolve(
    locals_: Iterable[LocalEntity], documents: Sequence[Document] = ()
) -> tuple[list[Entity], dict[str, str]]:
    """Merge local entities into cross-document entities; return them and local id -> entity id."""
    texts = {d.id: d.text for d in documents}
    people: list[LocalEntity] = []
    leaders: list[LocalEntity] = []  # "the X administration": resolved once people are known
    others: dict[str, _Cluster] = {}
    etype: EntityType
    # what the name and type alone decide, once per distinct (name, type): the same actors
    # recur in every article of a running story
    decided: dict[tuple[str, str], _Decision] = {}
    for le in locals_:
        decision = decided.get((le.name, le.type))
        if decision is None:
            decision = decided[(le.name, le.type)] = _decide(le)
        if decision == "leader":
            leaders.append(le)
            continue
        country, seat = decision
        if country is not None:
            key, etype = f"country:{country}", "GPE"
        elif (
            seat is not None and le.type in ("GPE", "ORG", "FACILITY") and _is_metonymic(le, texts)
        ):
            key, etype = f"country:{seat}", "GPE"
        elif le.type == "PERSON":
            people.append(le)
            continue
        else:
            key, etype = f"{le.type.lower()}:{_name_key(le)}", le.type
        cluster = others.setdefault(key, _Cluster(key, etype, []))
        cluster.members.append(le)
        if key.startswith("country:"):
            cluster.name = key.split(":", 1)[1]

    clusters = _cluster_people(people)
    # spaCy sometimes tags a surname as ORG/GPE ("Maduro" as ORG): fold a single-token
    # non-person name into the one person of that surname block, when there is exactly one.
    by_surname: dict[str, list[_Cluster]] = {}
    for c in clusters:
        by_surname.setdefault(c.key.split()[-1].removeprefix("person:"), []).append(c)
    for key in list(others):
        c = others[key]
        if key.startswith("country:") or " " in key.split(":", 1)[1]:
            continue
        target = by_surname.get(translit(key.split(":", 1)[1]), [])
        named = [t for t in target if " " in t.key]
        if len(named) == 1:
            named[0].members.extend(c.members)
            del others[key]
    _place_leader_phrases(leaders, clusters, others)
    _merge_organisation_aliases(others)
    clusters.extend(others.values())

    entities: list[Entity] = []
    entity_of: dict[str, str] = {}
    for c in sorted(clusters, key=lambda c: c.key):
        eid = make_id("ent", c.key)
        names = [m.name for m in c.members if m.type == c.type] or [m.name for m in c.members]
        if c.type == "PERSON":
            name = max(names, key=lambda n: (len(name_tokens(n)), names.count(n), -len(n), n))
            name = " ".join(name_tokens(name)) or name
        else:
            name = c.name or max(names, key=lambda n: (names.count(n), len(n), n))
        aliases = sorted({a for m in c.members for a in (m.name, *m.aliases)} - {name})
        entities.append(
            Entity(
                id=eid,
                name=name,
                type=c.type,
                aliases=tuple(aliases),
                roles=tuple(r for m in c.members for r in m.roles),
                mentions=sum(len(m.mentions) for m in c.members),
                documents=tuple(sorted({m.doc for m in c.members})),
                members=tuple(sorted(m.id for m in c.members)),
            )
        )
        for m in c.members:
            entity_of[m.id] = eid
    return entities, entity_of
