"""Roles of named people within one document: appositions, pre-modifiers, ``who is``, ``of Y``.

Roles are found next to a name mention; the entities stage attaches them to the entity and uses
them to resolve title forms ("the Russian president"). A period after a role ("from 2018 to
2023") goes into ``Role.as_of`` as a year-granularity ISO 8601 interval ``2018/2023`` with
qualifier ``period`` (``since 2019`` -> ``2019``, qualifier ``since``). An organisation named with
the role (``a fellow at the Atlantic Council``, ``Mark Lind of the Lowy Institute``) becomes
``Role.affiliation``; the role text then stops before ``at``/``of``/``with``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from caseboard.extract.base import ParsedDoc
from caseboard.model import DateValue, Role

# Nouns that head a role phrase for a person (lower case; plural-free).
ROLE_WORDS = frozenset(
    [
        "president",
        "vice-president",
        "minister",
        "spokeswoman",
        "spokesman",
        "spokesperson",
        "secretary",
        "ambassador",
        "envoy",
        "diplomat",
        "analyst",
        "fellow",
        "professor",
        "lecturer",
        "researcher",
        "scholar",
        "expert",
        "economist",
        "historian",
        "director",
        "adviser",
        "advisor",
        "author",
        "editor",
        "correspondent",
        "journalist",
        "reporter",
        "founder",
        "co-founder",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "chief",
        "head",
        "leader",
        "commander",
        "general",
        "admiral",
        "colonel",
        "officer",
        "official",
        "lawmaker",
        "senator",
        "congressman",
        "congresswoman",
        "deputy",
        "governor",
        "mayor",
        "consultant",
        "strategist",
        "negotiator",
        "member",
        "king",
        "queen",
        "prince",
        "premier",
        "chancellor",
        "dictator",
        "strongman",
        "opposition",
        "activist",
        "politician",
        "candidate",
        "prosecutor",
        "judge",
        "attorney",
        "lawyer",
        "partner",
        "manager",
        "executive",
        "representative",
        "administrator",
        "coordinator",
        "aide",
        "owner",
        "observer",
        "watcher",
        "commentator",
        "attache",
        "attaché",
        "scientist",
        "specialist",
        "academic",
        "columnist",
    ]
)

# Title words that may stand before a name (lower case, without a final period).
TITLE_WORDS = ROLE_WORDS | frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "capt",
        "sgt",
        "sen",
        "rep",
        "gov",
        "adm",
        "maj",
        "cmdr",
        "sir",
        "dame",
        "lord",
        "rev",
    ]
)

_PERIOD = re.compile(
    r"\s+(?:(?:from|between)\s+(?P<a>\d{4})\s+(?:to|and|until|through)\s+(?P<b>\d{4})"
    r"|(?P<a2>\d{4})\s*[-–]\s*(?P<b2>\d{4})|since\s+(?P<since>\d{4})|until\s+(?P<until>\d{4}))$"
)
_AFFIL = re.compile(r"\s+(?:at|of|with|for)\s+(?:the\s+)?(?P<org>[A-Z].*)$")

# APPOSITION, example sentences -- The deal is off, said Ana Ruiz, the Chilean ambassador to
# Peru from 2015 to 2019, on Monday. / Rafael Ortiz, a senior fellow at the Brookings
# Institution, disagreed. / The talks failed, said Olga Petrova, Russia's deputy foreign minister.
_APPOS = re.compile(
    r"^,\s+(?:(?P<det>the|a|an)\s+|(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})[’']s\s+)?"
    r"(?P<role>[^,;:“”\"()]{2,120}?)"
    r"(?=\s*(?:,|;|:|(?<![A-Z])\.(?:\s|$)|$|“|\"|\s(?:said|says|told|wrote|warned|added|noted)\b))"
)

# WHO_IS, example sentence -- Lena Kraus, who is the mayor of Bremen, said the port would reopen.
_WHO_IS = re.compile(
    r"^,\s+who\s+(?:is|was|has\s+been|had\s+been|serves\s+as|served\s+as)\s+"
    r"(?:(?:the|a|an)\s+)?(?P<role>[^,;:“”\"()]{2,120}?)(?=\s*(?:,|;|(?<![A-Z])\.(?:\s|$)|$))"
)

# OF_ORG, example sentence -- Tom Hale of the Lowy Institute said sanctions had failed.
_OF_ORG = re.compile(
    r"^\s+(?:of|from)\s+(?:the\s+)?(?P<org>[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|of|on|for|and|the))*)"
)

# PREMODIFIER, example sentences -- Russian Foreign Ministry Spokeswoman Maria Zakharova said
# so. / Secretary of State Marco Rubio agreed. / Colombia-based analyst Ivan Mora doubted it.
_PREMOD_STOP_POS = frozenset(
    {"ADP", "DET", "VERB", "AUX", "PRON", "PUNCT", "CCONJ", "SCONJ", "NUM"}
)


@dataclass(frozen=True, slots=True)
class FoundRole:
    """A role next to a mention; ``personal`` when its head noun names a human role."""

    role: Role
    personal: bool


_NOT_PERSON_SUFFIXES = ("cy", "ship", "ism", "sis", "ment", "tion", "ence", "ance", "ing")


# Role words of 6+ letters by the word lengths they can be within two edits of (a length
# difference above the edit limit is never within it).
_LONG_ROLE_WORDS: dict[int, tuple[str, ...]] = {
    n: tuple(sorted(r for r in ROLE_WORDS if len(r) >= 6 and abs(len(r) - n) <= 2))
    for n in range(6, 64)
}


def _edits_within(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of ``a`` and ``b`` is at most ``limit`` (small words only)."""
    if abs(len(a) - len(b)) > limit:
        return False
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1] <= limit


def is_role_word(word: str) -> bool:
    """A role head noun, plural or misspelled by a letter or two.

    MISSPELLED_HEAD, example phrases -- 'a senior foreign-affairs advisir' (adviser), 'a Russia
    analysist' (analyst). One edit for words of 6+ letters, two for 9+; words ending like an
    abstract noun ('presidency', 'analysis') are never roles.
    """
    w = word.lower().rstrip(".")
    if w in ROLE_WORDS or w.rstrip("s") in ROLE_WORDS:
        return True
    if len(w) < 6 or not w.isalpha() or w.endswith(_NOT_PERSON_SUFFIXES):
        return False
    return _near_role_word(w)


@cache
def _near_role_word(w: str) -> bool:
    """``w`` is within one edit (two for 9+ letters) of a role word of 6+ letters. Cached: the
    same words recur across a corpus, and each check is an edit distance per role word."""
    limit = 2 if len(w) >= 9 else 1
    return any(_edits_within(w, r, limit) for r in _LONG_ROLE_WORDS.get(len(w), ()))


def _head_word(role_text: str) -> str:
    """The noun before any complement: "ambassador to Venezuela" -> "ambassador"."""
    head = re.split(r"\s+(?:to|of|at|for|with|in|on|from)\s+", role_text.strip(), maxsplit=1)[0]
    words = head.split()
    return words[-1].lower().rstrip(".") if words else ""


def _finish(p: ParsedDoc, start: int, end: int, owner: str | None = None) -> FoundRole | None:
    """Build a Role for ``text[start:end]``: split off the period and the affiliation."""
    text = p.document.text
    as_of: DateValue | None = None
    seg = text[start:end]
    m = _PERIOD.search(seg)
    if m:
        if m.group("a") or m.group("a2"):
            a, b = m.group("a") or m.group("a2"), m.group("b") or m.group("b2")
            as_of = DateValue(f"{a}/{b}", "year", "period", m.group(0).strip())
        elif m.group("since"):
            as_of = DateValue(m.group("since"), "year", "since", m.group(0).strip())
        else:
            as_of = DateValue(m.group("until"), "year", "until", m.group(0).strip())
        end = start + m.start()
        seg = text[start:end]
    affiliation = owner
    core = seg
    am = _AFFIL.search(seg)
    if am and _head_word(seg[: am.start()]) in ROLE_WORDS:
        affiliation = am.group("org").strip()
        core = seg[: am.start()]
        # "ambassador to Venezuela" keeps its complement; "fellow at X" is split
    core = core.strip()
    if not core or len(core.split()) > 14:
        return None
    head = _head_word(core)
    personal = is_role_word(head)
    if not personal:
        return None
    rs = start + (len(seg) - len(seg.lstrip()))
    # the evidence keeps the affiliation (it is part of the role phrase); text is the core
    ev_end = start + len(seg.rstrip())
    role_text = re.sub(r"\s+", " ", core)
    return FoundRole(
        Role(text=role_text, evidence=p.span(rs, ev_end), as_of=as_of, affiliation=affiliation),
        personal,
    )


_NOT_ROLE_WORDS = frozenset(
    ["him", "her", "his", "them", "it", "its", "who", "which", "that", "this", "said", "says"]
)


def _plausible(m: re.Match[str]) -> bool:
    """A bare apposition (no article, no owner) must read like a role, not a clause."""
    words = m.group("role").split()
    if "\n\n" in m.group("role") or any(w.lower() in _NOT_ROLE_WORDS for w in words):
        return False
    if m.groupdict().get("det") or m.groupdict().get("owner"):
        return True
    if is_role_word(words[0]) or is_role_word(_head_word(m.group("role"))):
        return True  # "director of the Institute for …", "honorary professor at …"
    return len(words) <= 8 and not words[0].lower().endswith(("ing", "ed"))


# APPOSITION_LIST, example sentence -- It will fail, said Ana Ruiz, a novelist, Peru watcher,
# and visiting professor at the Lima Institute.
_APPOS_MORE = re.compile(
    r"^,\s+(?:and\s+)?(?:(?P<det>the|a|an)\s+)?"
    r"(?P<role>[^,;:“”\"()]{2,120}?)"
    r"(?=\s*(?:,|;|:|(?<![A-Z])\.(?:\s|$)|$|“|\"|\s(?:said|says|told|wrote|warned|added|noted)\b))"
)


def _more_roles(p: ParsedDoc, end: int) -> list[FoundRole]:
    """Further roles in a coordinated apposition ("an author, analyst, and professor at Y")."""
    text = p.document.text
    out: list[FoundRole] = []
    for _ in range(3):
        m = _APPOS_MORE.match(text[end : end + 240])
        if m is None or not _plausible(m):
            break
        first = p.doc.char_span(end + m.start("role"), end + m.end("role"), "expand")
        if first is None or (
            first[0].tag_ in {"VBD", "VBZ", "VBP", "MD"} or first[0].pos_ in {"PRON", "ADP"}
        ):
            break  # ", told reporters": the clause goes on, the list of roles has ended
        found = _finish(p, end + m.start("role"), end + m.end("role"))
        if found:
            out.append(found)
        end += m.end("role")
    return out


def _after(p: ParsedDoc, end: int) -> list[FoundRole]:
    text = p.document.text
    tail = text[end : end + 240]
    out: list[FoundRole] = []
    for pattern in (_WHO_IS, _APPOS):
        m = pattern.match(tail)
        if m and _plausible(m):
            owner = m.groupdict().get("owner")
            found = _finish(p, end + m.start("role"), end + m.end("role"), owner)
            if found:
                out.append(found)
                out += _more_roles(p, end + m.end("role"))
                return out
    m = _OF_ORG.match(tail)
    if m:
        org = m.group("org").rstrip(" ,.")
        org = re.sub(r"\s+(?:of|on|for|and|the)$", "", org)
        s = end + m.start("org")
        role = Role(text=org, evidence=p.span(s, s + len(org)), affiliation=org)
        out.append(FoundRole(role, False))
    return out


def _before(p: ParsedDoc, start: int) -> list[FoundRole]:
    """Walk back over title-case and role words that stand right before the name."""
    doc = p.doc
    span = doc.char_span(start, start, alignment_mode="expand")
    if span is None:
        return []
    i = span.start - 1
    first = None
    seen_role = False
    while i >= 0:
        tok = doc[i]
        low = tok.lower_.rstrip(".")
        if tok.is_sent_start and tok.pos_ in _PREMOD_STOP_POS:
            break
        if low in TITLE_WORDS:
            seen_role = seen_role or low in ROLE_WORDS
        elif tok.lower_ == "of" and first is not None and i > 0 and doc[i - 1].is_title:
            pass  # "Secretary of State"
        elif tok.lower_ == "based" and i > 1 and doc[i - 1].text == "-" and doc[i - 2].is_title:
            pass  # "Colombia-based analyst"
        elif tok.text == "-" and i + 1 < len(doc) and doc[i + 1].lower_ == "based":
            pass
        elif tok.pos_ == "NOUN" and tok.dep_ in ("compound", "amod", "nmod") and first is not None:
            pass  # 'State department spokesman', 'international relations expert'
        elif (
            tok.pos_ in _PREMOD_STOP_POS
            or tok.text in {"’s", "'s"}
            or not (
                tok.is_title or tok.is_upper or tok.text.endswith("-based") or tok.pos_ == "ADJ"
            )
        ):
            break
        first = i
        i -= 1
        if tok.is_sent_start:
            break
    if first is None or not seen_role:
        return []
    # the role must end with a title/role word: "Russian President" but not "Russian Maria"
    last = doc[span.start - 1]
    if last.lower_.rstrip(".") not in TITLE_WORDS and not last.is_title:
        return []
    s, e = doc[first].idx, last.idx + len(last.text)
    role_text = p.document.text[s:e]
    if role_text.lower().rstrip(".") in {"mr", "mrs", "ms", "dr", "sir", "dame", "lord"}:
        return []
    role = Role(text=role_text, evidence=p.span(s, e))
    return [FoundRole(role, True)]


def _title_then_name(p: ParsedDoc, start: int, end: int) -> list[FoundRole]:
    """TITLE_THEN_NAME, example sentences -- The Chilean air attache in Lima, Jorge Molina, said
    so. / Aid went to Peru's president, Ana Ruiz, on Monday. The name is an apposition of a role
    noun that stands before it; the role runs from that noun phrase's start to the comma.
    """
    doc = p.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    root = span.root
    head = root.head
    if root.dep_ != "appos" or head.i >= span.start or not is_role_word(head.text):
        return []
    if doc[span.start - 1].text != ",":
        return []
    toks = [t for t in head.subtree if t.i < span.start - 1]
    owner: str | None = None
    while toks and (toks[0].dep_ in ("det", "case") or toks[0].text in {"’s", "'s"}):
        toks = toks[1:]
    poss = [t for t in toks if t.dep_ == "poss" and t.head == head]
    if poss:
        owner = p.document.text[poss[0].left_edge.idx : poss[0].idx + len(poss[0].text)]
    if not toks:
        return []
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    found = _finish(p, s, e, owner)
    return [found] if found else []


# AS_FRAME, example sentences -- As head of the central bank, Ana Ruiz cut rates. / The court
# recognised Tom Hale as interim governor of the province.
_AS_AFTER = re.compile(
    r"^\s+as\s+(?:(?:the|an|a)\s+)?(?P<role>[^,;:“”\"().\n]{2,100}?)"
    r"(?=\s*(?:,|;|:|\.(?:\s|$)|$|\s(?:in|on|after|before|since|until|and)\s))"
)
_AS_VERBS = frozenset(
    ["recognise", "recognize", "name", "appoint", "elect", "install", "confirm", "nominate"]
)


def _as_frame(p: ParsedDoc, start: int, end: int) -> list[FoundRole]:
    doc = p.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    root = span.root
    out: list[FoundRole] = []
    m = _AS_AFTER.match(p.document.text[end : end + 160])
    if m and root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in _AS_VERBS:
        found = _finish(p, end + m.start("role"), end + m.end("role"))
        if found:
            out.append(found)
    if root.dep_ in ("nsubj", "nsubjpass"):
        sent = span.sent
        first = sent[0]
        if first.lower_ == "as" and first.head == root.head:
            comma = next((t for t in sent if t.text == "," and t.i < span.start), None)
            if comma is not None and comma.i > first.i + 1:
                s = doc[first.i + 1].idx
                if doc[first.i + 1].lower_ in ("the", "a", "an"):
                    s = doc[first.i + 2].idx
                found = _finish(p, s, comma.idx)
                if found:
                    out.append(found)
    return out


def find_roles(
    p: ParsedDoc, spans: Sequence[tuple[int, int]]
) -> dict[tuple[int, int], list[FoundRole]]:
    """Roles found next to each ``(start, end)`` mention, keyed by the mention."""
    out: dict[tuple[int, int], list[FoundRole]] = {}
    for start, end in spans:
        found = _before(p, start) + _title_then_name(p, start, end)
        found += _as_frame(p, start, end) + _after(p, end)
        if found:
            out[(start, end)] = found
    return out
