"""Quotes and attribution: direct, partial and indirect (reported) speech with its speaker.

The stage reads the cleaned text, its spaCy parse and the entities/time expressions assigned by
earlier stages. It works in four passes, each a named pattern with an invented example:

1. QUOTE_MARKS - pair quote marks into quotations (curly or straight; a paragraph that opens a
   quote and does not close it continues into the next paragraph that opens with a quote mark;
   unpaired marks are recovered, never fatal).
2. CUE_NEAR_QUOTE - a quotation attributed by a cue just after or just before it:
       '"We will not back down," said Ana Ruiz, the party leader.'
       'Ruiz told reporters: "We will not back down."'
       '"We are ready," he said, "and we will stay."'   (content split by the cue)
3. REPORTED_SPEECH (dependency parse) - a cue verb with a subject speaker and a clausal content:
       'Zakharova said Russia was ready to mediate.'            (ccomp)
       'The army is exhausted, the report says.'                (ccomp before the cue)
       'The talks failed, Ruiz said, and no date was set.'      (parataxis: split content)
       'According to the lawsuit, the firm hid the losses.'     (according to)
       'Ruiz: The vote was rigged.'                             (colon after a speaker)
4. LEFTOVER_QUOTES - quotations no cue claimed:
       continuation paragraphs -> the previous speaker (direct);
       'He called the deal "a disaster for workers".' -> partial, speaker = the clause subject;
       titles and one- or two-word scare quotes that no speech verb governs are skipped.

Speakers: a pronoun resolves to the previous speaker or the nearest preceding person; a surname
resolves to the document's entity through its mentions and aliases.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from caseboard.extract.base import ParsedDoc, Stage
from caseboard.extract.coref import first_name_gender
from caseboard.extract.cues import (
    ADJECTIVE_CUES,
    ANNOUNCE_VERBS,
    ANONYMITY_WORDS,
    COGNITION_VERBS,
    CUE_VERBS,
    DOCUMENT_NOUNS,
    FIRST_PERSON,
    MEDIA_NOUNS,
    MESSAGE_NOUNS,
    NAMING_VERBS,
    NOMINAL_CUES,
    NON_SPEAKERS,
    PERSON_NOUNS,
    PERSONAL_PRONOUNS,
    PLURAL_PRONOUNS,
    POLL_NOUNS,
    PREP_CUES,
    RELATIVE_PRONOUNS,
    SPEECH_VERBS,
    STANCE_VERBS,
)
from caseboard.extract.nlp import doc_text
from caseboard.extract.roles import ROLE_WORDS
from caseboard.model import LocalEntity, Quote, TimeExpr, make_id
from caseboard.model.records import DateValue, QuoteKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME, VERSION = "quotes", "1.8"

OPEN_MARKS = "“«„"
CLOSE_MARKS = "”»"
STRAIGHT = '"'
QUOTE_CHARS = OPEN_MARKS + CLOSE_MARKS + STRAIGHT
_TRIM = " \t\n,;:—–-" + QUOTE_CHARS
_MAX_SPEAKER_TOKENS = 14
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
# written forms of a cue word just before an opening quote mark: 'Crowds chanted "..."'
_SPEECH_FORMS = frozenset(
    {"said", "says", "wrote", "writes", "added", "told", "asked", "chanted", "shouted", "yelled"}
    | {"tweeted", "declared", "replied", "responded", "warned", "insisted", "screamed"}
)
_STANCE_DEPS = ("dobj", "xcomp", "ccomp", "prep", "oprd", "dative")
_XCOMP_CUES = frozenset(
    {"urge", "call", "ask", "demand", "encourage", "promise", "pledge", "vow", "threaten", "agree"}
)


# --- pass 1: quote marks --------------------------------------------------------------------


@dataclass(slots=True)
class Quotation:
    """One quotation: inner fragments (without marks), one per paragraph it spans."""

    fragments: list[tuple[int, int]] = field(default_factory=list)
    outer: tuple[int, int] = (0, 0)  # from the opening mark to after the closing mark
    closed: bool = True

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


def _is_opening(text: str, i: int) -> bool:
    """A straight quote mark opens when it follows a space/start/bracket and precedes a word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return False
    return before.isspace() or before in "([{—–-/" + OPEN_MARKS


# DOUBLED_APOSTROPHES: some newswires type a double quote mark as two apostrophes,
#   ''We will not back down,'' said Ana Ruiz.   (read like the curly or straight mark)
_DOUBLED = re.compile(r"'{2,3}")


def _doubled_apostrophes(text: str) -> str:
    """The text with each doubled apostrophe written as one straight mark (same length).

    An opening pair becomes a space and a mark, a closing pair a mark and a space, so that the
    mark sits next to the quoted words; a third apostrophe (a nested single quote) is kept.
    """
    if "''" not in text:
        return text
    chars = list(text)
    for m in _DOUBLED.finditer(text):
        s, e = m.start(), m.end()
        before = text[s - 1] if s > 0 else " "
        after = text[e] if e < len(text) else " "
        if (before.isspace() or before in "([{—–-/") and not after.isspace():
            chars[s], chars[s + 1] = " ", STRAIGHT  # opening: the mark before the words
        else:
            chars[e - 2], chars[e - 1] = STRAIGHT, " "  # closing: the mark after the words
    return "".join(chars)


_MISTYPED = re.compile(r"[“«„](?:says|said|writes|wrote|added|adds|told|tells)\b")


def _mistyped_close(text: str, i: int) -> bool:
    """MISTYPED_CLOSING: an opening mark glued to the cue after an open quotation closes it.

    '“The fleet is old and slow, “says Ana Ruiz.'
    """
    return text[i - 1 : i] in (",", " ") and _MISTYPED.match(text, i) is not None


def find_quotations(text: str) -> list[Quotation]:
    """QUOTE_MARKS: pair double quote marks paragraph by paragraph (never raises)."""
    text = _doubled_apostrophes(text)
    paragraphs: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append((pos, pos + len(line)))
        pos += len(line) + 1
    out: list[Quotation] = []
    pending: Quotation | None = None  # a quotation continuing from the previous paragraph
    for p_start, p_end in paragraphs:
        first = p_start + (len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip()))
        opens_with_mark = first < p_end and text[first] in OPEN_MARKS + STRAIGHT
        if pending is not None and not opens_with_mark:
            # the previous paragraph's quote never closed and this one does not continue it:
            # recover by closing it at its paragraph end
            pending.closed = False
            out.append(pending)
            pending = None
        open_at: int | None = None
        for i in range(p_start, p_end):
            ch = text[i]
            if ch not in QUOTE_CHARS:
                continue
            opening = (
                (ch in OPEN_MARKS and not (open_at is not None and _mistyped_close(text, i)))
                or (ch == STRAIGHT and open_at is None and _is_opening(text, i))
                # a closing mark typed at the start of a paragraph: '”We never ...”'
                or (ch in CLOSE_MARKS and i == first and open_at is None and _is_opening(text, i))
            )
            if opening:
                if pending is not None and i == first:
                    open_at = i  # continuation paragraph of the pending quotation
                    continue
                if open_at is not None and ch in OPEN_MARKS:
                    open_at = None  # an earlier unmatched opening mark: drop it
                open_at = i
                continue
            if open_at is None:
                continue  # a closing mark with nothing open (or an apostrophe-like mark)
            inner = (open_at + 1, i)
            if pending is not None:
                pending.fragments.append(inner)
                pending.outer = (pending.outer[0], i + 1)
                pending.closed = True
                out.append(pending)
                pending = None
            elif inner[1] > inner[0]:
                out.append(Quotation([inner], (open_at, i + 1)))
            open_at = None
        if open_at is not None:
            inner = (open_at + 1, p_end)
            if pending is None:
                pending = Quotation([inner], (open_at, p_end), closed=False)
            else:
                pending.fragments.append(inner)
                pending.outer = (pending.outer[0], p_end)
    if pending is not None:
        pending.closed = False
        out.append(pending)
    out.extend(_single_quotations(text, [q.outer for q in out]))
    out.sort(key=lambda q: q.outer[0])
    cleaned: list[Quotation] = []
    for q in out:
        frags = [_strip_span(text, s, e, " \t\n,") for s, e in q.fragments]
        frags = [f for f in frags if f[1] > f[0]]
        if frags:
            cleaned.append(Quotation(frags, q.outer, q.closed))
    return cleaned


# SINGLE_QUOTE_MARKS: curly single marks outside any double quotation, as headlines use them:
#   "Mayor vows ‘no retreat on the harbour plan’"
# the opening mark follows a space and precedes a word; the closing one is the next right
# mark not followed by a letter (so "Ruiz’s" and "don’t" never close it).
_SINGLE = re.compile(
    r"(?:(?<=\s)|^|(?<=[(\[—–-]))‘(?=\w)"  # an opening mark before a word
    r"(?P<inner>[^‘’\n]*?(?:’\w[^‘’\n]*?)*)"  # words, apostrophes inside them allowed
    r"’(?!\w)"  # the closing mark
)


def _single_quotations(text: str, doubles: list[tuple[int, int]]) -> list[Quotation]:
    out = []
    for m in _SINGLE.finditer(text):
        if any(s <= m.start() < e for s, e in doubles):
            continue  # a quotation inside a quotation belongs to the outer one
        inner = (m.start("inner"), m.end("inner"))
        if inner[1] > inner[0]:
            out.append(Quotation([inner], (m.start(), m.end())))
    return out


def _strip_span(text: str, start: int, end: int, chars: str = " \t\n") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


# --- shared context -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    start: int
    end: int
    entity: LocalEntity | None = None
    role: str | None = None


@dataclass(slots=True)
class Attribution:
    kind: QuoteKind
    fragments: list[tuple[int, int]]
    speaker: Speaker
    cue: str | None
    cue_span: tuple[int, int] | None


@dataclass(slots=True)
class Context:
    p: ParsedDoc
    text: str
    doc: Doc
    quotations: list[Quotation]
    in_quote: list[int]  # char offset -> index into quotations, or -1
    entity_at: dict[int, LocalEntity]  # char offset -> entity whose mention covers it
    people: list[tuple[int, int, LocalEntity]]  # PERSON mentions sorted by start
    gender: dict[str, str]  # PERSON entity id -> 'm' | 'f' when the document shows it
    timexes: tuple[TimeExpr, ...]
    # offsets of sentence punctuation ('.', '!', '?'), not the dot of 'Mr.' or 'Gov.'
    stops: frozenset[int] = frozenset()
    used_cues: set[int] = field(default_factory=set)
    found: list[Attribution] = field(default_factory=list)

    def quote_at(self, offset: int) -> int:
        if 0 <= offset < len(self.in_quote):
            return self.in_quote[offset]
        return -1


def _context(p: ParsedDoc) -> Context:
    text = p.document.text
    quotations = find_quotations(text)
    in_quote = [-1] * len(text)
    for qi, q in enumerate(quotations):
        for i in range(q.outer[0], min(q.outer[1], len(text))):
            in_quote[i] = qi
    entities: Sequence[LocalEntity] = p.results.get("entities", ())
    entity_at: dict[int, LocalEntity] = {}
    people: list[tuple[int, int, LocalEntity]] = []
    for ent in entities:
        for m in ent.mentions:
            for i in range(m.evidence.start, m.evidence.end):
                entity_at.setdefault(i, ent)
            if ent.type == "PERSON":
                people.append((m.evidence.start, m.evidence.end, ent))
    people.extend(_missed_surnames(p.doc, people, entity_at))
    people.sort(key=lambda t: t[0])
    return Context(
        p=p,
        text=text,
        doc=p.doc,
        quotations=quotations,
        in_quote=in_quote,
        entity_at=entity_at,
        people=people,
        gender=_genders(p.doc, people),
        timexes=tuple(p.results.get("timexes", ())),
        stops=frozenset(
            t.idx + k for t in p.doc if t.is_punct for k, ch in enumerate(t.text) if ch in ".!?"
        ),
    )


_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos"})


def _missed_surnames(
    doc: Doc, people: list[tuple[int, int, LocalEntity]], entity_at: dict[int, LocalEntity]
) -> list[tuple[int, int, LocalEntity]]:
    """MISSED_SURNAME: a person's surname the NER left untyped is still a mention of them.

    'Ana Lind met the board. Later Lind said ...': the second 'Lind' may carry no entity;
    as a mention it can be the antecedent of a following 'she'. Only a capitalised proper
    noun (or a word the tagger took for a verb or noun, standing as a subject, object or
    possessor) matching the surname of exactly one person counts, outside every entity or typed as
    something else on its own ('Lind' as a place).
    """
    by_surname: dict[str, set[str]] = {}
    ents: dict[str, LocalEntity] = {}
    for _, _, ent in people:
        words = ent.name.split()
        if len(words) >= 2:
            by_surname.setdefault(words[-1], set()).add(ent.id)
            ents[ent.id] = ent
    out: list[tuple[int, int, LocalEntity]] = []
    if not by_surname:
        return out
    for tok in doc:
        if not tok.text[:1].isupper():
            continue
        if tok.pos_ != "PROPN" and tok.dep_ not in _NOMINAL_DEPS:
            # a surname that is also a word may be tagged as one: 'Trump himself was
            # delighted' (a verb), 'Bush aides' (a noun); as a subject or object it is a name
            continue
        other = entity_at.get(tok.idx)
        if other is not None and (other.type == "PERSON" or other.name != tok.text):
            continue  # a person's mention already, or part of a longer name ('Lind Street')
        ids = by_surname.get(tok.text)
        if ids is None or len(ids) != 1:
            continue
        (ent_id,) = ids
        out.append((tok.idx, tok.idx + len(tok.text), ents[ent_id]))
    return out


# --- speakers -------------------------------------------------------------------------------


# DATELINE: 'HARBOURTON, July 25 (Agency) — ...' or 'Harbourton (Agency) – ...' at the start of
# a paragraph names a place, never a speaker: a place name, an optional date and either an
# agency in brackets or a city written in capitals, then a dash
_DATELINE = re.compile(
    r"(?P<city>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)?)?"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"
    r" ?(?P<agency>\([A-Za-z. ]{2,25}\))? ?[—–-]{1,2} "
)


def _dateline_end(tok: Token) -> int:
    """End offset of the dateline opening ``tok``'s paragraph, or -1 when there is none."""
    sent = tok.sent
    text = doc_text(tok.doc)  # Doc.text joins every token on each access
    start = sent.start_char
    if start > 0 and text[start - 1] != "\n":
        return -1
    m = _DATELINE.match(text, start, min(len(text), start + 80))
    if m is None or not (m.group("agency") or m.group("city").isupper()):
        return -1
    return m.end()


def _in_dateline(tok: Token) -> bool:
    return tok.i - tok.sent.start < 8 and tok.idx < _dateline_end(tok)


def _subject_of(tok: Token) -> Token | None:
    """The speaker token of a cue: its subject, or the subject it shares with its head.

    'Ruiz attacked the plan, saying it was illegal.'  (advcl inherits 'Ruiz')
    'The minister, who said the plan was legal, ...' (relcl -> 'minister')
    BY_SAYING: 'Ruiz responded by saying that ...' (the verb of the 'by' phrase -> 'Ruiz')
    PERCEIVED_SPEAKER: 'The broadcast saw Ruiz wave the idea away and, pressed, say ...'
    (a cue sharing the subject of 'see'/'hear'/'watch' is said by the one seen: 'Ruiz')
    """
    cur = tok
    fallback: Token | None = None  # a noun passed over for its clause's subject
    for _ in range(3):
        sender = _message_sender(cur)
        if sender is not None:
            cur = sender
            continue
        for child in _subjects(cur):
            if _in_dateline(child):
                # DATELINE: 'HARBOURTON (Agency) – Singer Ana Ruiz said ...' -> 'Ana Ruiz',
                # which the parse may hang on the place as an apposition
                after = _dateline_end(child)
                appos = next(
                    (a for a in child.children if a.dep_ == "appos" and a.idx >= after), None
                )
                if appos is not None:
                    return appos
                continue
            if child.lower_ in RELATIVE_PRONOUNS and cur.dep_ == "relcl":
                return cur.head
            if cur.i != tok.i and cur.lemma_.lower() in _PERCEPTION_VERBS:
                seen = _perceived(cur)
                if seen is not None:
                    return seen
            return child
        if cur.i == tok.i:
            # QUANTIFIED_GROUP with no subject in the parse: 'About 4 in 10 say ...' hangs
            # the share on the verb as a number
            share = next((c for c in cur.children if c.dep_ == "nummod" and c.i < cur.i), None)
            if share is not None and _counted_group(share):
                return share
        if cur.dep_ == "xcomp" and cur.head is not cur:
            # OBJECT_CONTROL: 'The result led Ed Vance to declare ...' -> 'Ed Vance', the object
            # of the verb the infinitive completes is its subject
            obj = next((c for c in cur.head.children if c.dep_ == "dobj" and c.i < cur.i), None)
            causing = cur.head.lemma_.lower() in _OBJECT_CONTROL
            if obj is not None and causing and cur.i > 0 and cur.nbor(-1).lower_ == "to":
                return obj
        holder = _infinitive_holder(cur)
        if holder is not None and holder.dep_ == "dative":
            return holder
        if holder is not None:
            cur = holder
            continue
        if cur.dep_ in ("advcl", "conj", "xcomp") and cur.head is not cur:
            cur = _finite_conjunct_head(cur)
            continue
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.lower_ == "by":
            cur = cur.head.head
            continue
        if cur.dep_ == "relcl":
            return cur.head
        if cur.dep_ == "acl" and cur.tag_ == "VBG" and cur.head.pos_ in ("NOUN", "PROPN"):
            # PARTICIPLE_OF: 'a group backing the mayor' -> 'a group'; a message speaks for
            # whoever sent it: 'Ruiz released a statement saying ...' -> 'Ruiz'
            noun = cur.head
            # QUOTED_NOUN: a participle after a quotation and its cue is the speaker's, not
            # the quotation's noun the parse hung it on: '"Too much noise," she said,
            # blaming the port.' -> 'she'
            cue = next(
                (
                    c
                    for c in noun.children
                    if c.dep_ == "parataxis" and c.i < cur.i and c.pos_ == "VERB"
                ),
                None,
            )
            if cue is not None and any(c.dep_ in _SUBJECT_DEPS for c in cue.children):
                cur = cue
                continue
            if noun.lemma_.lower() in _SENT_MESSAGES and noun.head.pos_ in ("VERB", "AUX"):
                cur = noun.head
                continue
            sender = _addressee_sender(noun)
            if sender is not None:
                cur = sender
                continue
            if _no_speaker_noun(noun, cur) and noun.head.pos_ in ("VERB", "AUX"):
                fallback = noun
                cur = noun.head
                continue
            return noun
        break
    return fallback


def _quoted_clause_subject(ctx: Context, subj: Token, cue: Token) -> bool:
    """The subject and its verb inside one quotation, the cue outside it (a quoted title as a
    subject, 'The "Harbour Act" was called ...', is not meant)."""
    q = ctx.quote_at(subj.idx)
    if q < 0 or ctx.quote_at(cue.idx) == q:
        return False
    return ctx.quote_at(subj.left_edge.idx) == q and ctx.quote_at(subj.head.idx) == q


def _outside_quotation(ctx: Context, subj: Token) -> Token | None:
    """QUOTED_SUBJECT: a cue outside quotation marks is not said by a subject inside them; a
    cue the parse joined to a quoted verb is the one who quoted it:
      'Ruiz emailed supporters saying: "The fight goes on" and vowing to ...' -> not 'The
      fight': the subject of 'saying' (so Ruiz)
    """
    verb = subj.head
    for _ in range(3):
        if verb.head is verb:
            return None
        verb = verb.head
        if ctx.quote_at(verb.idx) < 0:
            found = _subject_of(verb)
            if found is not None and ctx.quote_at(found.idx) < 0:
                return found
            return None
    return None


def _message_sender(verb: Token) -> Token | None:
    """MESSAGE_RELCL: a message's own clause speaks for whoever sent it, as its participle does:
    'Ruiz released a video that said ...' -> the verb 'released', whose subject is Ruiz."""
    if verb.dep_ != "relcl":
        return None
    noun = verb.head
    if noun.lemma_.lower() not in _SENT_MESSAGES or noun.dep_ != "dobj":
        return None
    if noun.head.pos_ not in ("VERB", "AUX"):
        return None
    relative = any(c.dep_ in _SUBJECT_DEPS and c.lower_ in RELATIVE_PRONOUNS for c in verb.children)
    return noun.head if relative else None


# Messages that speak for whoever sent them through a participle or a relative clause; with
# the replies and pieces a sender fires back or runs: 'Ruiz fired back a response saying ...',
# 'The Gazette ran a piece that argued ...'
_SENT_MESSAGES = MESSAGE_NOUNS | {"response", "reply", "piece", "article"}


# verbs whose object is the one a message goes to: 'emailed supporters', 'texted voters'
_MESSAGING_VERBS = frozenset({"email", "text", "message", "tweet", "mail", "cable", "phone"})


def _addressee_sender(noun: Token) -> Token | None:
    """ADDRESSEE_PARTICIPLE: a participle the parse hangs on the one a message went to speaks
    for the message's sender: 'Ruiz sent a text message to supporters saying ...' -> the verb
    'sent' (so Ruiz), not the supporters; so for the object of a messaging verb (MESSAGED):
    'Ruiz emailed supporters saying ...' -> Ruiz."""
    if noun.dep_ in ("dobj", "dative") and noun.head.lemma_.lower() in _MESSAGING_VERBS:
        return noun.head  # 'Ruiz emailed supporters saying ...' -> Ruiz
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("to", "for"):
        return None
    if prep.dep_ not in ("dative", "prep"):
        return None
    carrier = prep.head
    if carrier.lemma_.lower() in _SENT_MESSAGES and carrier.dep_ == "dobj":
        carrier = carrier.head  # 'a message to supporters saying'
    if carrier.pos_ not in ("VERB", "AUX"):
        return None
    sent = any(c.dep_ == "dobj" and c.lemma_.lower() in _SENT_MESSAGES for c in carrier.children)
    return carrier if sent else None


# Nouns that can say something themselves (people, roles, messages, documents, outlets): a
# participle or infinitive hung on one of them is theirs, not the clause subject's.
_SPEAKING_NOUNS = ROLE_WORDS | PERSON_NOUNS | MESSAGE_NOUNS | DOCUMENT_NOUNS | MEDIA_NOUNS


def _infinitive_holder(verb: Token) -> Token | None:
    """INFINITIVE_OF: an infinitive hung on a noun with no subject of its own is the clause's
    subject's: 'Ed Vance had reason to believe that ...', 'had plenty of reason to doubt',
    'Ed Vance became the first mayor to endorse ...' -> Ed Vance (the verb governing the noun).
    A person as object keeps the infinitive ('hired a lawyer to argue ...')."""
    if verb.dep_ not in ("relcl", "acl") or verb.tag_ != "VB":
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" and c.i < verb.i for c in verb.children):
        return None
    if any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return None
    noun = verb.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "PRON"):
        noun = noun.head.head  # 'plenty of reason to ...'
    if noun.pos_ not in ("NOUN", "PRON") or noun.head.pos_ not in ("VERB", "AUX"):
        return None
    if noun.dep_ == "attr":
        return noun.head
    given = next((c for c in noun.head.children if c.dep_ == "dative"), None)
    if given is not None and noun.dep_ == "dobj":
        return given  # 'gave them reason to insist ...' -> them
    if noun.dep_ != "dobj" or noun.ent_type_ or noun.lemma_.lower() in _SPEAKING_NOUNS:
        return None
    return noun.head


def _finite_conjunct_head(verb: Token) -> Token:
    """The verb a conjunct shares its subject with. FINITE_CONJUNCT: a finite verb cannot be
    coordinated with a bare verb under a modal, so 'Ed Vance predicted that the port would
    recover and praised the board' joins 'praised' to 'predicted', not to 'recover', whatever
    the parse says."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ not in ("VBD", "VBZ") or head.tag_ != "VB":
        return head
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in head.children)
    if modal and head.dep_ == "ccomp" and head.head is not head:
        return head.head
    return head


def _subjects(verb: Token) -> list[Token]:
    """The subjects of ``verb``. TWO_SUBJECTS: a parse that gives a verb two subjects before it
    has often taken the end of a fronted phrase for one; the one after the comma is the
    subject then:
      'Speaking in Harbourton, Vale County, Ed Vance said ...' -> 'Ed Vance', not 'Vale County'
      'Checking the ledgers of the port, the auditors found ...' -> 'the auditors'
    Without a comma the first stays ('Ruiz's lawyer Ana Berg did not respond').
    FRONTED_DESCRIPTION: so does a personal pronoun after a fronted description the parse
    took for a second subject: 'A farmer himself, he backed the levy' -> 'he'.
    """
    subs = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if not subs:
        stranded = _stranded_subject(verb)
        if stranded is not None:
            return [stranded]
    before = [c for c in subs if c.i < verb.i]
    if len(before) > 1:
        near = before[-1]
        edge = near.left_edge
        listed = any(c.dep_ in ("cc", "conj") for c in near.children)  # 'A, B and C say'
        comma = edge.i > 0 and edge.nbor(-1).text == ","
        personal = near.lower_ in PERSONAL_PRONOUNS | PLURAL_PRONOUNS | FIRST_PERSON
        if comma and not listed and (near.pos_ in ("NOUN", "PROPN") or personal):
            subs.remove(near)
            subs.insert(0, near)
    return subs


def _stranded_subject(verb: Token) -> Token | None:
    """STRANDED_SUBJECT: a main verb without a subject whose fronted participle ends on a name
    the parse hung on the place as an apposition: in 'Speaking in Harbourton, Ana Ruiz,
    without naming him, accused Vance of ...' 'Ana Ruiz' is the subject of 'accused'."""
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ not in ("ROOT", "conj"):
        return None
    for clause in verb.lefts:
        if clause.dep_ != "advcl" or clause.tag_ != "VBG" or clause.i > verb.i:
            continue
        names = [
            t
            for t in clause.subtree
            if t.dep_ == "appos" and t.pos_ == "PROPN" and t.head.dep_ == "pobj" and t.ent_type_
        ]
        if names and names[-1].ent_type_ == "PERSON":
            return names[-1]
    return None


# OBJECT_CONTROL verbs: what they made someone do, that someone did ('led Ed Vance to
# declare'); not 'urge', 'persuade' or 'force', whose infinitive is the urger's content
_OBJECT_CONTROL = frozenset({"lead", "prompt", "cause", "drive", "spur", "inspire", "move"})


# TIME_SPAN: a stretch of time does not speak: 'The board had spent months pushing back
# against claims that ...' -> the board
_TIME_NOUNS = frozenset(
    {"second", "minute", "hour", "day", "night", "week", "weekend", "month", "year", "decade"}
    | {"morning", "afternoon", "evening", "time", "while"}
)


def _no_speaker_noun(noun: Token, participle: Token) -> bool:
    """A noun a participle hangs on that is not the one saying it:
    TIME_SPAN 'The board spent months pushing back against claims that ...' -> the board;
    COMMA_PARTICIPLE 'Ed Vance called for a vote, declaring that ...' -> Ed Vance: after a
    comma, a participle on a noun that is no person, group or message is the clause's.
    """
    if noun.lemma_.lower() in _TIME_NOUNS:
        return True
    comma = participle.i > 0 and participle.nbor(-1).text == ","
    if not comma or noun.ent_type_ or noun.pos_ != "NOUN" or noun.tag_ == "NNS":
        return False
    lemma = noun.lemma_.lower()
    return lemma not in _SPEAKING_NOUNS and lemma not in POLL_NOUNS


_PERCEPTION_VERBS = frozenset({"see", "watch", "hear"})


def _perceived(verb: Token) -> Token | None:
    """The subject of the clause a perception verb governs ('saw Ruiz dismiss' -> 'Ruiz')."""
    for clause in verb.children:
        if clause.dep_ in ("ccomp", "xcomp") and clause.i > verb.i:
            subj = next((c for c in clause.children if c.dep_ in _SUBJECT_DEPS), None)
            if subj is not None and subj.pos_ == "PROPN":
                return subj
    return None


def _noun_phrase(ctx: Context, head: Token) -> tuple[int, int, str | None]:
    """Offsets of the speaker phrase around ``head`` and a role from an apposition."""
    left = head.left_edge
    toks = [t for t in head.subtree if t.i >= left.i and t.i <= head.i]
    start = toks[0].idx if toks else head.idx
    end = head.idx + len(head.text)
    role: str | None = None
    for child in head.rights:
        if child.dep_ == "appos":
            a_start = child.left_edge.idx
            a_end = child.right_edge.idx + len(child.right_edge.text)
            a_start, a_end = _strip_span(ctx.text, a_start, a_end, _TRIM + ".")
            if a_end > a_start:
                role = ctx.text[a_start:a_end]
        elif child.dep_ == "relcl" and any(t.lower_ in ANONYMITY_WORDS for t in child.subtree):
            end = child.right_edge.idx + len(child.right_edge.text)
        elif child.dep_ == "amod" and len(list(child.subtree)) <= 6 and not role:
            end = child.right_edge.idx + len(child.right_edge.text)  # 'people familiar with it'
        elif child.dep_ == "prep" and head.pos_ == "NUM" and child.lower_ in ("in", "out"):
            end = child.right_edge.idx + len(child.right_edge.text)  # 'Nine in 10'
        elif child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "with") and not role:
            r_end = child.right_edge.idx + len(child.right_edge.text)
            if len(list(child.subtree)) <= 6:
                end = r_end
        elif child.dep_ in ("compound", "flat"):
            end = max(end, child.idx + len(child.text))
        elif (
            child.dep_ in ("acl", "relcl")
            and _those_described(head)
            and child.right_edge.i - head.i <= _MAX_SPEAKER_TOKENS
        ):
            # 'those' is only who its clause says: 'those polled', 'those who voted early'
            end = child.right_edge.idx + len(child.right_edge.text)
    if head.i - left.i > _MAX_SPEAKER_TOKENS:
        start = head.idx
    # a sentence adverb the parse hung on the subject is not part of it: 'Moreover, every bank'
    lead = [t for t in head.subtree if left.i <= t.i < head.i]
    comma = next((t for t in lead if t.text == ","), None)
    if comma is not None and all(t.pos_ in ("ADV", "CCONJ", "INTJ") for t in lead if t.i < comma.i):
        start = max(start, comma.idx + 1)
    elif lead and lead[0].pos_ in ("ADP", "SCONJ"):
        # a fronted phrase the parse hung on the subject: 'In an interview, Ruiz' or
        # 'Without Ruiz' -> 'Ruiz'
        after = comma.idx + 1 if comma is not None else (lead[1:] or [head])[0].idx
        start = max(start, after)
    start, end = _strip_span(ctx.text, start, end, _TRIM)
    return start, end, role


def _person_named(ctx: Context, word: str) -> LocalEntity | None:
    """A person of the document whose alias or surname is ``word``."""
    for _, _, person in ctx.people:
        if word in person.aliases or person.name.split()[-1] == word:
            return person
    return None


def _entity_for(ctx: Context, start: int, end: int, head: Token) -> LocalEntity | None:
    ent = ctx.entity_at.get(head.idx)
    if ent is not None:
        return ent
    if head.pos_ == "NOUN":
        # MODIFIER_IS_NOT_SPEAKER: a name modifying a common noun is not who speaks:
        #   'Ruiz aides said ...', 'the Ruiz campaign said ...' -> the aides, the campaign
        return None
    for i in range(start, end):
        ent = ctx.entity_at.get(i)
        if ent is not None and ent.type in ("PERSON", "ORG"):
            return ent
    # a surname the NER missed: match it against the aliases of the document's people
    return _person_named(ctx, head.text)


def _role_before(ctx: Context, start: int, ent_start: int) -> str | None:
    """'Foreign Ministry spokeswoman Maria Zakharova' -> 'Foreign Ministry spokeswoman'."""
    s, e = _strip_span(ctx.text, start, ent_start, _TRIM)
    if e <= s:
        return None
    words = ctx.text[s:e].split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if words and words[-1].lower().rstrip(".") in _HONORIFICS:
        words = words[:-1]  # 'Mr.' or 'Ms.' is no role
    return " ".join(words) or None


_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "mx"})


def _resolve_pronoun(ctx: Context, offset: int, word: str) -> Speaker | None:
    """'he'/'she' -> the previous speaker or the nearest preceding person of that gender.

    A person's gender is only what the document shows: honorifics ('Mr.', 'Ms.') and the
    pronouns used in sentences that mention that person alone.
    """
    previous = _speaker_before(ctx, offset)
    if word in PLURAL_PRONOUNS:
        return _resolve_plural(ctx, offset)
    if word in FIRST_PERSON:
        if previous is not None and offset - previous.end < 1500:
            return previous
        return None
    want = "m" if word in ("he", "him") else "f"
    barred = _disjoint_people(ctx, offset)

    def fits(ent: LocalEntity | None) -> bool:
        if ent is None or ent.type != "PERSON" or ent.id in barred:
            return False
        return ctx.gender.get(ent.id, want) == want

    governing = _as_for(ctx, offset, fits) or _governing_subject(ctx, offset, fits)
    if governing is not None:
        ent = governing[2]
        return Speaker(ent.name, governing[0], governing[1], ent, _entity_role(ent))
    nearest = _nearest_person(ctx, offset, fits)
    # NEW_SUBJECT: a person introduced as a sentence subject after the previous speaker and
    # before the pronoun's sentence is the new topic:
    #   '"Rates will fall," said Anna Berg. Karl Weiss sent mixed signals. "No," he said.'
    topic = _new_subject(ctx, previous, offset, fits)
    # DESCRIBED_TOPIC: 'the admiral' as a later subject counts as the admiral's name would
    lo = max(previous.end if previous is not None else 0, nearest[1] if nearest else 0)
    described = _described_topic(ctx, max(lo, offset - 1500), offset, fits)
    prev_id = previous.entity.id if previous is not None and previous.entity is not None else ""
    later = described is not None and (topic is None or described[0] > topic[0])
    if described is not None and later and described[2].id != prev_id:
        topic = described
    if topic is not None:
        ent = topic[2]
        return Speaker(ent.name, topic[0], topic[1], ent, _entity_role(ent))
    # UNNAMED_SPEAKER: the latest speaker is someone the NER did not type as a person:
    #   'Darro Quill of the harbour board said the pier was safe. He added ...'
    #   'A police officer said the road was shut. He added ...'
    unnamed = _unnamed_speaker_before(ctx, offset)
    if unnamed is not None and _noun_gender(ctx, unnamed) not in (None, want):
        unnamed = None  # 'the woman said ...' is no 'he'; 'his father said ...' no 'she'
    if (
        unnamed is not None
        and (previous is None or not fits(previous.entity) or unnamed.end > previous.end)
        and (nearest is None or unnamed.end > nearest[1])
    ):
        return unnamed
    if previous is not None and fits(previous.entity):
        # the previous speaker keeps a pronoun for about two paragraphs, even if someone is
        # named in between (not as a new subject: NEW_SUBJECT took that case)
        close = nearest is None or previous.end >= nearest[0] - 1 or offset - previous.end < 800
        if close:
            return previous
    if nearest is None or offset - nearest[1] > 3000:
        return previous if previous is not None and fits(previous.entity) else None
    ent = nearest[2]
    return Speaker(ent.name, nearest[0], nearest[1], ent, _entity_role(ent))


_OWN_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "parataxis"})


def _pronoun_clause(ctx: Context, offset: int) -> list[Token]:
    """The tokens after a subject pronoun at ``offset`` in its verb's clause, outside quotation
    marks and outside the clauses modifying a word of it (empty unless the pronoun is a
    clause subject). A statement before the pronoun is not counted: in 'Ruiz was shocked,
    she said' the statement is about the speaker."""
    span = ctx.doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        return []
    pron = span[0]
    if pron.dep_ not in _SUBJECT_DEPS or pron.head.i == pron.i:
        return []
    verb = pron.head
    # an aside in brackets is the writer's: 'he explained why (as Ruiz put it) ...'
    aside = next((t.i for t in verb.subtree if t.i > pron.i and t.text == "("), len(ctx.doc))
    out = []
    for t in verb.subtree:
        if t.i <= pron.i or t.i >= aside or ctx.quote_at(t.idx) >= 0:
            continue
        # a clause of its own inside the verb's ('the event where Ruiz spoke') is no argument
        path = t
        while path.i != verb.i and path.dep_ not in _OWN_CLAUSE_DEPS:
            path = path.head
        if path.i == verb.i:
            out.append(t)
    return out


def _disjoint_people(ctx: Context, offset: int) -> set[str]:
    """DISJOINT_REFERENCE: a subject pronoun is not a person named in its own clause:
      'He insisted Ruiz had lied.'        -> 'He' is not Ruiz
      'He told Ruiz ...', 'She praised Vance's plan' -> not Ruiz, not Vance
    A name inside a quotation may be the speaker's own ('"They say Ruiz should quit," she
    said'), and one in a clause of a noun is no argument ('he said at the rally where Ruiz
    spoke'): both stay candidates.
    The people named before stay candidates; only these are taken out.
    """
    clause = _pronoun_clause(ctx, offset)
    if not clause:
        return set()
    # a name modifying a noun is no argument either ('he said Vance supporters ...')
    starts = {t.idx for t in clause if t.dep_ != "compound" or t.head.pos_ == "PROPN"}
    out: set[str] = set()
    for s, _, ent in ctx.people:
        if s in starts:
            out.add(ent.id)
    return out


def _reresolve_pronouns(ctx: Context) -> None:
    """IN_TEXT_ORDER: resolve pronoun speakers again, in reading order, once every pass ran.

    The quotation pass runs before the reported-speech pass, so a pronoun after a quotation
    was first resolved without the reported statements before it:
      'Ana Lind said the bridge was unsafe. "I was worried," she added.' -> Ana Lind
    (the first pass only saw earlier quotations). Each pronoun now sees every attribution
    whose speaker precedes it, the earlier pronouns already resolved.
    """
    order = sorted(ctx.found, key=lambda a: (a.speaker.start, a.speaker.end))
    for a in order:
        sp = a.speaker
        written = ctx.text[sp.start : sp.end]
        low = _POSSESSIVE.get(written.lower(), written.lower())
        if low not in PERSONAL_PRONOUNS | PLURAL_PRONOUNS | FIRST_PERSON:
            continue
        resolved = _resolve_pronoun(ctx, sp.start, low)
        if resolved is None:
            a.speaker = Speaker(written, sp.start, sp.end)
        else:
            a.speaker = Speaker(resolved.name, sp.start, sp.end, resolved.entity, resolved.role)


def _is_group(ctx: Context, tok: Token) -> bool:
    """A plural noun ('officials') or an organisation ('the union') can be a 'they'."""
    if _those_described(tok):
        return True
    ent = ctx.entity_at.get(tok.idx)
    if ent is not None:
        # a person's surname the NER typed as an organisation is no group ('Vance' as ORG)
        return ent.type in ("ORG", "NORP") and _person_named(ctx, tok.text) is None
    return tok.tag_ in ("NNS", "NNPS") and tok.lower_ not in NON_SPEAKERS


def _those_described(tok: Token) -> bool:
    """THOSE_DESCRIBED: 'those surveyed', 'those who voted early' are a group, a 'they'."""
    return tok.lower_ == "those" and any(c.dep_ in ("acl", "relcl") for c in tok.children)


def _group_speaker(ctx: Context, sp: Speaker) -> bool:
    span = ctx.doc.char_span(sp.start, sp.end, alignment_mode="expand")
    return span is not None and _is_group(ctx, span.root)


def _resolve_plural(ctx: Context, offset: int) -> Speaker | None:
    """PLURAL_ANTECEDENT: 'they' -> the latest group that spoke or was a clause subject.

    '"The deal is dead," union leaders said. "We will strike," they added.' -> union leaders
    'Several senators met the envoy. They said the talks were useful.' -> Several senators
    Only the pronoun's sentence and the two before it are searched for a subject; a group
    inside a quotation is not a speaker. REPORTED_GROUP: a subject inside a statement a
    group made is what the group said, not the next 'they':
      'Farmers say subsidies would help, though they blame the banks.' -> Farmers
    DISJOINT_REFERENCE holds for groups too: 'They say the unions lied.' -> not the unions.
    """
    barred = {t.lemma_.lower() for t in _pronoun_clause(ctx, offset) if t.pos_ in ("NOUN", "PROPN")}
    best: tuple[int, Speaker] | None = None
    for a in ctx.found:
        sp = a.speaker
        if sp.end > offset or offset - sp.end > 1500:
            continue
        span = ctx.doc.char_span(sp.start, sp.end, alignment_mode="expand")
        if span is None or span.root.lemma_.lower() in barred:
            continue
        if _is_group(ctx, span.root) and (best is None or sp.end > best[0]):
            best = (sp.end, sp)
    # REPORTED_GROUP also holds for a 'they' that spoke: in 'They found that wages fell.
    # They ...' the second 'they' is not the wages
    reported = [
        f
        for a in ctx.found
        if _group_speaker(ctx, a.speaker)
        or ctx.text[a.speaker.start : a.speaker.end].lower() in PLURAL_PRONOUNS
        for f in a.fragments
    ]
    s_pron = ctx.p.sentence_index(offset)
    if s_pron is not None:
        lo = ctx.p.sentences[max(0, s_pron - 2)][0]
        for subj in ctx.doc.char_span(lo, offset, alignment_mode="contract") or ():
            if subj.dep_ not in _SUBJECT_DEPS or ctx.quote_at(subj.idx) >= 0:
                continue
            if subj.lemma_.lower() in barred or any(fs <= subj.idx < fe for fs, fe in reported):
                continue
            tok = subj
            if _passive_thing(ctx, subj):
                # the ones who acted on it stand in its place: '... were rejected by unions.
                # They said ...' -> the unions
                by = next((c for c in subj.head.children if c.dep_ == "agent"), None)
                agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
                if agent is None or ctx.quote_at(agent.idx) >= 0:
                    continue
                tok = agent
            if not (_is_group(ctx, tok) or _collective_of_group(ctx, tok)) or (
                tok.pos_ not in ("NOUN", "PROPN") and not _those_described(tok)
            ):
                continue
            end = tok.idx + len(tok.text)
            if best is None or end > best[0]:
                start, n_end, role = _noun_phrase(ctx, tok)
                ent = ctx.entity_at.get(tok.idx)
                name = ent.name if ent is not None else ctx.text[start:n_end]
                best = (end, Speaker(name, start, n_end, ent, role or _entity_role(ent)))
    return best[1] if best is not None else None


# COLLECTIVE_GROUP: nouns that count members of a group, 'a small number of senators'
_COLLECTIVE_NOUNS = frozenset(
    {"number", "majority", "minority", "handful", "group", "couple", "dozen", "bloc", "band"}
)


def _collective_of_group(ctx: Context, tok: Token) -> bool:
    """COLLECTIVE_GROUP: 'the chamber's small number of senators' is the senators, a 'they':
    'The small number of senators in the chamber mounted a filibuster. For hours, they
    spoke ...'."""
    if tok.lemma_.lower() not in _COLLECTIVE_NOUNS or tok.tag_ != "NN":
        return False
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    member = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    return member is not None and _is_group(ctx, member)


def _passive_thing(ctx: Context, tok: Token) -> bool:
    """INANIMATE_PASSIVE: a plural common noun that things are done to is no 'they' that
    speaks unless it is a noun for people or sources; its 'by' agent is, if a group:
    'Such levies have been met with opposition by unions. They pointed to ...' -> the
    unions, not the levies."""
    if tok.dep_ != "nsubjpass" or tok.pos_ != "NOUN" or ctx.entity_at.get(tok.idx) is not None:
        return False
    lemma = tok.lemma_.lower()
    if lemma in _SPEAKING_NOUNS or lemma in POLL_NOUNS:
        return False
    # nouns for people mostly end so ('dockers', 'activists', 'residents', 'Democrats')
    return not lemma.endswith(_AGENT_SUFFIXES)


_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "an", "crat", "ee", "ive", "ic")


def _nearest_person(
    ctx: Context, offset: int, fits: Callable[[LocalEntity | None], bool]
) -> tuple[int, int, LocalEntity] | None:
    """The person a 'he'/'she' most likely refers to when no speaker is close.

    SALIENT_ANTECEDENT: the latest sentence naming a fitting person outside quotation marks;
    in it, a clause subject before a possessive, object or modifier:
      'Sara Lind met the mayor's aide, Tom Berg, at Ed Vance's office. Later he said ...'
      -> the latest sentence names Tom Berg and Ed Vance; neither is a subject: the last one.
      'Tom Berg praised Ed Vance's plan. He said ...' -> Tom Berg (the subject).
      'Asked if Ed Vance could win, Tom Berg smiled. He said ...' -> Tom Berg (main clause).
    A name inside someone's quotation is not the next speaker:
      'Ana Lind said: "Ed Vance has no plan." She added ...' -> Ana Lind.
    """
    q_here = ctx.quote_at(offset)
    cands = [
        m for m in ctx.people if m[0] < offset and fits(m[2]) and ctx.quote_at(m[0]) in (-1, q_here)
    ]
    if not cands:
        return None
    last_sent = ctx.p.sentence_index(cands[-1][0])
    same = [m for m in cands if ctx.p.sentence_index(m[0]) == last_sent]
    best, best_rank = same[-1], 2
    for m in same:
        span = ctx.doc.char_span(m[0], m[1], alignment_mode="expand")
        if span is None:
            continue
        root = _through_apposition(span.root)
        stranded = next((a for a in span.root.ancestors if a.dep_ == "ROOT"), None)
        if stranded is not None and _stranded_subject(stranded) == span.root:
            best, best_rank = m, 0  # STRANDED_SUBJECT: the main clause's subject
            continue
        if root.dep_ not in _SUBJECT_DEPS:
            continue
        verb = root.head
        rank = 0 if verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT") else 1
        if rank <= best_rank:  # the main clause's subject first, the later one on a tie
            best, best_rank = m, rank
    return best


_AS_FOR = re.compile(r"\W*(?:(?:but|and|yet)\s+)?as\s+(?:for|to)\s", re.IGNORECASE)


def _as_for(
    ctx: Context, offset: int, fits: Callable[[LocalEntity | None], bool]
) -> tuple[int, int, LocalEntity] | None:
    """AS_FOR: a sentence opened on a person is about them: 'As for Ruiz, she said ...'."""
    s_pron = ctx.p.sentence_index(offset)
    if s_pron is None:
        return None
    lo = ctx.p.sentences[s_pron][0]
    if not _AS_FOR.match(ctx.text, lo, offset):
        return None
    m = next((m for m in ctx.people if lo <= m[0] and m[1] <= offset), None)
    return m if m is not None and fits(m[2]) else None


def _governing_subject(
    ctx: Context, offset: int, fits: Callable[[LocalEntity | None], bool]
) -> tuple[int, int, LocalEntity] | None:
    """GOVERNING_SUBJECT: a pronoun in a clause under another clause of the same sentence is
    that clause's subject when it is a fitting person named before the pronoun:
      'Ruiz attacked the levy, which she said would ruin the port.' -> Ruiz
      'The report that Vance wrote, which he said ...' -> the report is the subject: no one
    """
    span = ctx.doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        return None
    pron = span[0]
    cur = pron.head
    for _ in range(6):
        if cur.head is cur:
            return None
        cur = cur.head
        subj = next((c for c in cur.children if c.dep_ in _SUBJECT_DEPS and c.i < pron.i), None)
        if subj is None:
            continue
        if ctx.quote_at(subj.idx) >= 0:
            return None
        if subj.lower_ in RELATIVE_PRONOUNS:
            # through 'who' to the person it is about: 'Ed Vance, the farmer who rose to
            # fame when he sued the mill, ...' -> Ed Vance
            clause = next((a for a in subj.ancestors if a.dep_ == "relcl"), None)
            if clause is None:
                return None
            subj = _described_by_apposition(ctx, clause.head)
        heads = [subj] + [c for c in subj.children if c.dep_ == "appos"]
        m = next((m for m in ctx.people for h in heads if m[0] <= h.idx < m[1]), None)
        return m if m is not None and fits(m[2]) else None
    return None


def _new_subject(
    ctx: Context,
    previous: Speaker | None,
    offset: int,
    fits: Callable[[LocalEntity | None], bool],
) -> tuple[int, int, LocalEntity] | None:
    """The last person named as a clause subject between the previous speaker and ``offset``.

    Only a subject of an earlier sentence counts (an object or a name inside a quotation is no
    new topic), or the owner of the main subject of the sentence just before
    (POSSESSOR_TOPIC), and only when that person is not the previous speaker.
    """
    if previous is None or previous.entity is None:
        return None
    s_pron = ctx.p.sentence_index(offset)
    found: tuple[int, int, LocalEntity] | None = None
    # a subject inside someone's reported clause is what they said, not a new topic:
    #   'Ed Vance said Tom Berg could appeal. He said ...' -> 'He' is still Ed Vance
    reported = [f for a in ctx.found for f in a.fragments]
    for m in ctx.people:
        if m[0] >= offset:
            break
        if m[0] < previous.end or not fits(m[2]) or ctx.quote_at(m[0]) >= 0:
            continue
        if any(fs <= m[0] < fe for fs, fe in reported):
            continue
        s_m = ctx.p.sentence_index(m[0])
        if s_m is None or s_pron is None or s_m >= s_pron:
            continue
        span = ctx.doc.char_span(m[0], m[1], alignment_mode="expand")
        if span is None:
            continue
        root = _through_apposition(span.root)
        # a subject inside a noun's clause is no new topic: 'He rejects claims that Ed
        # Vance lied. He said ...' -> 'He' is not Ed Vance
        in_noun_clause = any(t.dep_ in ("acl", "relcl") for t in _clause_path(root.head))
        subject = root.dep_ in _SUBJECT_DEPS and root.head.pos_ in ("VERB", "AUX")
        owner = root.dep_ == "poss" and s_m == s_pron - 1 and _owns_main_subject(root)
        if (subject and not in_noun_clause) or owner:
            found = m
    if found is None or found[2].id == previous.entity.id:
        return None
    return found


def _described_topic(
    ctx: Context, lo: int, offset: int, fits: Callable[[LocalEntity | None], bool]
) -> tuple[int, int, LocalEntity] | None:
    """DESCRIBED_TOPIC: a definite description as a main-clause subject after the previous
    speaker is a new topic, as the person's name would be (DEFINITE_DESCRIPTION finds who):
      'Admiral Tom Keller runs the fleet. General Sam Ortiz asked him about it. Later the
       admiral laughed. "It is good," he said.' -> Tom Keller, not Sam Ortiz
    Only a sentence after ``lo`` and before the pronoun's counts, and not a description
    inside a quotation, inside someone's reported clause or inside a noun's clause."""
    s_pron = ctx.p.sentence_index(offset)
    if s_pron is None or s_pron == 0:
        return None
    hi = ctx.p.sentences[s_pron - 1][1]
    if hi <= lo:
        return None
    reported = [f for a in ctx.found for f in a.fragments]
    found: tuple[int, int, LocalEntity] | None = None
    for tok in ctx.doc.char_span(lo, hi, alignment_mode="contract") or ():
        if (
            tok.dep_ not in _SUBJECT_DEPS
            or tok.pos_ != "NOUN"
            or tok.head.pos_ not in ("VERB", "AUX")
        ):
            continue
        if tok.lemma_.lower() not in ROLE_WORDS or ctx.quote_at(tok.idx) >= 0:
            continue
        if any(fs <= tok.idx < fe for fs, fe in reported):
            continue
        if any(t.dep_ in ("acl", "relcl") for t in _clause_path(tok.head)):
            continue
        start, end, _ = _noun_phrase(ctx, tok)
        if end <= start:
            continue
        sp = _described_person(ctx, tok, start, end)
        if sp is not None and sp.entity is not None and fits(sp.entity):
            found = (start, end, sp.entity)
    return found


def _owns_main_subject(owner: Token) -> bool:
    """POSSESSOR_TOPIC: the owner of a main clause's subject, just before the pronoun, is the
    topic: 'Ed Vance's plan met resistance. He could not pass it.' -> Ed Vance. Not when the
    owned subject is a person who could be the pronoun: 'Ed Vance's aide said ...'."""
    owned = owner.head
    if owned.dep_ not in _SUBJECT_DEPS or owned.head.dep_ != "ROOT":
        return False
    return owned.lemma_.lower() not in ROLE_WORDS | PERSON_NOUNS and owned.pos_ == "NOUN"


def _through_apposition(tok: Token) -> Token:
    """A name in apposition stands where its head stands: in 'The chairman, Ed Vance, said'
    'Vance' is the subject."""
    for _ in range(3):
        if tok.dep_ != "appos" or tok.head is tok:
            break
        tok = tok.head
    return tok


def _clause_path(verb: Token) -> list[Token]:
    """The verbs from ``verb`` up to the sentence root (``verb`` included)."""
    out = [verb]
    cur = verb
    while cur.head is not cur and len(out) < 12:
        cur = cur.head
        out.append(cur)
    return out


_MALE = frozenset({"he", "him", "his", "himself", "mr.", "mr"})
_FEMALE = frozenset({"she", "her", "hers", "herself", "mrs.", "ms.", "mrs", "ms"})
# GENDERED_TITLE: 'spokeswoman Ana Ruiz', 'Ruiz, the party chairwoman' tell the gender too
# ('spokesman', 'chairman' are also said of women, so only the '-woman' forms count)
_MALE_TITLES = frozenset({"king", "sir", "lord", "father", "husband", "son", "brother", "prince"})
_FEMALE_TITLES = frozenset(
    {"spokeswoman", "chairwoman", "congresswoman", "businesswoman", "actress", "queen"}
    | {"councilwoman", "assemblywoman", "mother", "wife", "daughter", "sister", "princess"}
    | {"lady", "dame"}
)


_MALE_VOTERS = frozenset({"he", "himself"})
_FEMALE_VOTERS = frozenset({"she", "herself"})
_MALE_NOUNS = _MALE_TITLES | {"man", "boy", "guy", "dad", "grandfather", "uncle", "nephew"}
_FEMALE_NOUNS = _FEMALE_TITLES | {"woman", "girl", "mom", "grandmother", "aunt", "niece"}


def _noun_gender(ctx: Context, sp: Speaker) -> str | None:
    """'m' / 'f' for a speaker phrase headed by a gendered noun ('the woman', 'his father')."""
    span = ctx.doc.char_span(sp.start, sp.end, alignment_mode="expand")
    if span is None:
        return None
    lemma = span.root.lemma_.lower()
    if lemma in _MALE_NOUNS:
        return "m"
    if lemma in _FEMALE_NOUNS:
        return "f"
    return None


def _genders(doc: Doc, people: list[tuple[int, int, LocalEntity]]) -> dict[str, str]:
    """Entity id -> 'm'/'f' from honorifics, '-woman' titles, the usual gender of the first
    name and the pronouns after the name in sentences naming only that person."""
    votes: dict[str, int] = {}
    by_start = {s: ent for s, _, ent in people}
    for sent in doc.sents:
        named = {ent.id: ent for s, _, ent in people if sent.start_char <= s < sent.end_char}
        for tok in sent:
            ent = by_start.get(tok.idx)
            if ent is not None and tok.i > 0:
                prev = tok.nbor(-1).lower_
                male, female = _MALE | _MALE_TITLES, _FEMALE | _FEMALE_TITLES
                bump = 3 if prev in male else -3 if prev in female else 0
                votes[ent.id] = votes.get(ent.id, 0) + bump
        if len(named) != 1:
            continue
        (ent_id,) = named
        first = min(s for s, _, ent in people if sent.start_char <= s < sent.end_char)
        for tok in sent:
            if tok.idx < first:
                # a pronoun before the name is someone else's: '"No," she said, citing Ruiz.'
                continue
            low = tok.lower_
            # SUBJECT_PRONOUN_VOTES: only 'he'/'she' and reflexives vote; 'his'/'her'/'him'
            # are as often someone else's: 'Ed Vance questioned her email use' says nothing
            # of Vance
            if low in _MALE_VOTERS:
                votes[ent_id] = votes.get(ent_id, 0) + 1
            elif low in _FEMALE_VOTERS:
                votes[ent_id] = votes.get(ent_id, 0) - 1
    unique = {ent.id: ent for _, _, ent in people}
    for ent in unique.values():
        # FIRST_NAME_GENDER: 'Karen Voss' is a 'she' unless the document shows otherwise
        usual = first_name_gender(ent.name)
        if usual is not None:
            votes[ent.id] = votes.get(ent.id, 0) + (2 if usual == "m" else -2)
    for ent in unique.values():  # roles found by the entities stage ('the party chairwoman')
        for role in ent.roles:
            words = {w.lower().strip(",.") for w in role.text.split()}
            if words & _MALE_TITLES:
                votes[ent.id] = votes.get(ent.id, 0) + 1
            if words & _FEMALE_TITLES:
                votes[ent.id] = votes.get(ent.id, 0) - 1
    return {k: ("m" if v > 0 else "f") for k, v in votes.items() if v != 0}


def _speaker_before(ctx: Context, offset: int) -> Speaker | None:
    """The speaker of the nearest attribution whose speaker phrase precedes ``offset``.

    NESTED_SPEAKER: a speaker inside what someone else reported, before the pronoun's
    sentence, is part of that report, not the previous speaker:
      'Tom Hale, alleging that the mayor wanted a levy, said he would fight it. Later he
       said ...' -> Tom Hale, not the mayor
    """
    s_pron = ctx.p.sentence_index(offset)
    best: Speaker | None = None
    for a in ctx.found:
        sp = a.speaker
        if sp.end > offset or sp.entity is None or (best is not None and sp.end <= best.end):
            continue
        s_sp = ctx.p.sentence_index(sp.start)
        earlier = s_sp is not None and s_pron is not None and s_sp < s_pron
        if earlier and any(  # nested: inside what another speaker reported
            fs <= sp.start < fe
            for b in ctx.found
            if b is not a and b.speaker.entity is not None
            for fs, fe in b.fragments
        ):
            continue
        best = sp
    return best


def _unnamed_speaker_before(ctx: Context, offset: int) -> Speaker | None:
    """The latest speaker before ``offset`` without an entity who can be a 'he' or 'she':
    a singular proper noun or a person noun ('the farmer', 'a police officer')."""
    best: Speaker | None = None
    for a in ctx.found:
        sp = a.speaker
        if sp.end > offset or offset - sp.end > 1500 or (best is not None and sp.end <= best.end):
            continue
        span = ctx.doc.char_span(sp.start, sp.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        if head.pos_ == "PRON" or head.tag_ in ("NNS", "NNPS"):
            continue
        person_noun = head.lemma_.lower() in ROLE_WORDS | PERSON_NOUNS
        ent = ctx.entity_at.get(head.idx)
        is_name = head.pos_ == "PROPN" and ent is None
        # a name typed as an organisation that reports about itself as 'he'/'she':
        #   'Darro Quill of the harbour board said he had called the mayor.'
        first = ctx.text[a.fragments[0][0] : a.fragments[0][1]].split()[:1] if a.fragments else []
        said_of_self = ent is not None and ent.type != "PERSON" and head.pos_ == "PROPN"
        said_of_self = said_of_self and bool(first) and first[0] in ("he", "she")
        if (sp.entity is None and (person_noun or is_name)) or said_of_self:
            best = sp
        elif sp.entity is not None and sp.entity.type == "PERSON":
            best = None  # a named speaker is later: _speaker_before has it
    return best


def _entity_role(ent: LocalEntity | None) -> str | None:
    if ent is not None and ent.roles:
        return ent.roles[0].text
    return None


_POSSESSIVE = {"his": "he", "hers": "she", "their": "they", "my": "i", "our": "we"}


_OWNED_MESSAGES = MESSAGE_NOUNS | {"phrase", "slogan", "website", "blog"}


def _counted_group(head: Token) -> bool:
    """QUANTIFIED_GROUP: a number with its group: 'Two in five farmers', 'three out of 10';
    the parse may hang the share on the total ('More than six in 10': '10' with 'six' and
    'in' as quantity modifiers)."""
    return head.pos_ == "NUM" and any(
        c.dep_ in ("prep", "quantmod") and c.lower_ in ("in", "of", "out") for c in head.children
    )


def speaker_from_token(ctx: Context, head: Token) -> Speaker | None:
    low = head.lower_
    # QUANTIFIED_GROUP: a number with its group speaks: 'Two in five farmers said ...',
    # 'three out of 10 say ...'; a bare number does not
    counted = _counted_group(head)
    if (low in NON_SPEAKERS and not _those_described(head)) or (
        head.pos_ in ("VERB", "AUX", "ADP", "NUM") and not counted
    ):
        return None
    if low in RELATIVE_PRONOUNS and head.pos_ == "PRON":
        # RELATIVE_SPEAKER: 'who' speaks for the noun its clause modifies, wherever the parse
        # hung the cue ('commentators who have suggested ...' -> 'commentators')
        clause = next((a for a in head.ancestors if a.dep_ == "relcl"), None)
        if clause is not None and clause.head.lower_ not in RELATIVE_PRONOUNS:
            return speaker_from_token(ctx, clause.head)
    low = _POSSESSIVE.get(low, low)  # 'his claim' is held like 'he claimed'
    pronoun = head.pos_ == "PRON" and not _those_described(head)
    if pronoun or low in PERSONAL_PRONOUNS | PLURAL_PRONOUNS | FIRST_PERSON:
        end = head.idx + len(head.text)
        if low not in PERSONAL_PRONOUNS | PLURAL_PRONOUNS | FIRST_PERSON:
            # 'both', 'everyone', 'someone' refer to no one person: they stay as written
            return Speaker(head.text, head.idx, end)
        resolved = _resolve_pronoun(ctx, head.idx, low)
        if resolved is None:
            return Speaker(head.text, head.idx, end)
        return Speaker(resolved.name, head.idx, end, resolved.entity, resolved.role)
    head = _described_by_apposition(ctx, head)
    if head.lemma_.lower() in _OWNED_MESSAGES:
        # OWNED_MESSAGE: 'Ruiz's statement says ...', 'his email said ...' -> Ruiz, he: a
        # message speaks for the one it belongs to
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None and (owner.pos_ == "PROPN" or owner.lower_ in _POSSESSIVE):
            owned = speaker_from_token(ctx, owner)
            if owned is not None:
                return owned
    start, end, role = _noun_phrase(ctx, head)
    if end <= start:
        return None
    named = _appositive_name(ctx, head) or _described_person(ctx, head, start, end)
    if named is not None:
        return named
    ent = _entity_for(ctx, start, end, head)
    if (ent is None or ent.type != "PERSON") and head.pos_ == "PROPN":
        # a surname the NER typed as something else: 'But Park insisted: ...'
        ent = _person_named(ctx, head.text) or ent
    if ent is not None and ent.type == "PERSON":
        mention = next(
            (m for m in ent.mentions if m.evidence.start <= head.idx < m.evidence.end), None
        )
        if role is None and mention is not None:
            role = _role_before(ctx, start, mention.evidence.start)
        return Speaker(ent.name, start, end, ent, role or _entity_role(ent))
    name = ctx.text[start:end]
    if ent is not None and ctx.text[start:end].strip().lower() == ent.name.lower():
        name = ent.name
    outlet = _outlet_name(ctx, head)
    if outlet is not None:
        return Speaker(outlet, start, end, ent, role or _entity_role(ent))
    return Speaker(name, start, end, ent, role or _entity_role(ent))


def _described_by_apposition(ctx: Context, noun: Token) -> Token:
    """DESCRIBED_PERSON: a description in apposition to a named person speaks for the person;
    the parse gives it as the speaker through a relative clause on it:
      'The mayor met Ed Vance, a farmer who has argued that ...'       -> Ed Vance
      'Ana Ruiz, a pilot and union member who has claimed that ...'   -> Ana Ruiz
    A description standing alone ('a farmer who ...') stays the speaker.
    """
    own = ctx.entity_at.get(noun.idx)
    if noun.pos_ not in ("NOUN", "PROPN") or (own is not None and own.type != "NORP"):
        return noun  # 'a Republican who ...' (a NORP) is a description too
    tok = noun
    if tok.dep_ == "conj" and tok.head.dep_ == "appos":
        tok = tok.head  # 'a pilot and union member who ...'
    if tok.dep_ != "appos":
        return noun
    named = tok.head
    ent = ctx.entity_at.get(named.idx)
    # only right after the name and what belongs to it ('Ed Vance of Harbourton, a farmer'),
    # not a parse that reaches back over a verb
    gap = ctx.doc[named.i + 1 : tok.left_edge.i]
    own_words = {t.i for t in named.subtree}
    ends_comma = len(gap) > 0 and gap[-1].text == ","
    person = ent is not None and ent.type == "PERSON"
    if person and ends_comma and all(t.i in own_words for t in gap):
        return named
    return noun


_TITLE_ABBREVIATIONS = {
    "sen": "senator",
    "gov": "governor",
    "rep": "representative",
    "pres": "president",
    "gen": "general",
    "adm": "admiral",
    "sec": "secretary",
}


def _described_person(ctx: Context, head: Token, start: int, end: int) -> Speaker | None:
    """DEFINITE_DESCRIPTION: 'the senator' or 'the Russian president' is a person named before.

    'Senator Ed Vance toured the port. Later the senator said ...' -> Ed Vance: the latest
    person introduced with that role (a title before the name or a role of the entity);
    'Ed Vance promised grain to Ana Ruiz. At a dinner for Ruiz, the president said ...'
    -> Ed Vance: with no one introduced so, the main subject of the sentence before, if no
    role of theirs says otherwise and they are not named in the description's own sentence.
    The written description stays as the speaker's role.
    """
    if head.pos_ != "NOUN" or head.lemma_.lower() not in ROLE_WORDS:
        return None
    if head.left_edge.lower_ != "the":
        return None
    if any(c.dep_ in ("prep", "relcl", "acl") for c in head.rights):
        return None  # 'the president of the club' is introduced here, not before
    noun = head.lemma_.lower()
    description = ctx.text[start:end]
    s_desc = ctx.p.sentence_index(start)
    titled: tuple[int, int, LocalEntity] | None = None
    for m in ctx.people:
        if m[0] >= start:
            break
        ent = m[2]
        before = ctx.text[max(0, m[0] - 25) : m[0]].split()
        title = before[-1].lower().rstrip(".") if before else ""
        roles = {w.lower().strip(",.") for r in ent.roles for w in r.text.split()}
        if noun in roles or _TITLE_ABBREVIATIONS.get(title, title) == noun:
            titled = m
    if titled is not None and start - titled[1] < 3000:
        ent = titled[2]
        return Speaker(ent.name, start, end, ent, description)
    if s_desc is None or s_desc == 0:
        return None
    named_here = {
        m[2].id for m in ctx.people if ctx.p.sentence_index(m[0]) == s_desc and m[0] < start
    }
    p_lo, p_hi = ctx.p.sentences[s_desc - 1]
    prev_sent = ctx.doc.char_span(p_lo, p_hi, alignment_mode="expand") or ()
    if any(t.lemma_.lower() == noun for t in prev_sent):
        return None  # 'Vance met the president. The president said ...': someone else
    for m in ctx.people:
        if not (p_lo <= m[0] < p_hi) or m[2].id in named_here or ctx.quote_at(m[0]) >= 0:
            continue
        span = ctx.doc.char_span(m[0], m[1], alignment_mode="expand")
        if span is None or span.root.dep_ not in _SUBJECT_DEPS or span.root.head.dep_ != "ROOT":
            continue
        ent = m[2]
        if ent.roles and noun not in {w.lower() for r in ent.roles for w in r.text.split()}:
            return None  # introduced with another role: someone else
        return Speaker(ent.name, start, end, ent, description)
    return None


def _outlet_name(ctx: Context, head: Token) -> str | None:
    """OUTLET_DESCRIPTOR: 'Time magazine' or 'the Herald newspaper' speaks as 'Time', 'Herald'.

    The name is the proper nouns compounded with a media noun head.
    """
    if head.lower_ not in MEDIA_NOUNS:
        return None
    names = [c for c in head.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if not names:
        return None
    lo = min(t.left_edge.idx for t in names)
    last = max(names, key=lambda t: t.i)
    hi = last.idx + len(last.text)
    return ctx.text[lo:hi]


def _appositive_name(ctx: Context, head: Token) -> Speaker | None:
    """TITLE_THEN_NAME: a title whose apposition is a person; the person speaks, the title is
    the role.

    'The Chilean air attache in Lima, Jorge Molina, told the agency that ...'
    """
    if ctx.entity_at.get(head.idx) is not None or head.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in head.rights:
        if child.dep_ != "appos":
            continue
        ent = ctx.entity_at.get(child.idx)
        adjacent = child.i == head.i + 1
        if ent is None and adjacent and child.pos_ == "PROPN" and head.lower_ in MEDIA_NOUNS:
            # an outlet the NER missed, named right after its media noun: 'broadcaster KTV'
            n_s = child.left_edge.idx
            n_e = child.right_edge.idx + len(child.right_edge.text)
            n_s, n_e = _strip_span(ctx.text, n_s, n_e, _TRIM)
            return Speaker(ctx.text[n_s:n_e], n_s, n_e)
        # an organisation only right after its title: 'state broadcaster KTV said ...'
        org_ok = ent is not None and ent.type == "ORG" and adjacent
        if ent is None or (ent.type != "PERSON" and not org_ok):
            continue
        mention = next(
            (m for m in ent.mentions if m.evidence.start <= child.idx < m.evidence.end), None
        )
        if mention is None:
            continue
        r_start = head.left_edge.idx
        r_end = max(
            (t.idx + len(t.text) for t in head.subtree if t.i < child.left_edge.i), default=r_start
        )
        r_start, r_end = _strip_span(ctx.text, r_start, r_end, _TRIM)
        words = ctx.text[r_start:r_end].split()
        if words and words[0].lower() in ("the", "a", "an"):
            words = words[1:]
        role = " ".join(words) or None
        m_s, m_e = mention.evidence.start, mention.evidence.end
        return Speaker(ent.name, m_s, m_e, ent, role or _entity_role(ent))
    return None


# --- pass 2: a cue next to a quotation ------------------------------------------------------


def _sentence_bounds(ctx: Context, offset: int) -> tuple[int, int]:
    idx = ctx.p.sentence_index(offset)
    if idx is None:
        return offset, offset
    return ctx.p.sentences[idx]


def _cue_tokens(ctx: Context, start: int, end: int) -> Iterable[Token]:
    for tok in ctx.doc.char_span(start, end, alignment_mode="expand") or ():
        if ctx.quote_at(tok.idx) >= 0 or tok.i in ctx.used_cues:
            continue
        if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
            yield tok


def _paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, offset) + 1
    e = text.find("\n", offset)
    return s, (len(text) if e < 0 else e)


def _cue_near(ctx: Context, q: Quotation) -> tuple[Token, Speaker] | None:
    """CUE_NEAR_QUOTE: the cue after the closing mark, else before the opening mark."""
    text = ctx.text
    q_start, q_end = q.outer
    _, p_end = _paragraph_bounds(text, min(q_end, len(text)) - 1)
    # after: '"...," said Ruiz.' / '"...," Ruiz said on Monday.' up to the sentence end
    after_end = p_end
    for i in range(q_end, p_end):
        if i in ctx.stops or ctx.quote_at(i) >= 0:
            after_end = i
            break
    if q.closed and after_end > q_end:
        for tok in _cue_tokens(ctx, q_end, after_end):
            # the subject after the quotation, when the parse gives the cue two
            subj = next(
                (c for c in tok.children if c.dep_ in _SUBJECT_DEPS and c.idx >= q_end - 1),
                None,
            ) or _subject_of(tok)
            if subj is not None and subj.idx >= q_end - 1:
                speaker = speaker_from_token(ctx, subj)
                if speaker is not None:
                    return tok, speaker
    # before, e.g. 'Ruiz said: "..."' or 'Ruiz told reporters, "..."'
    p0_start, _ = _paragraph_bounds(text, q_start)
    before_start = p0_start
    for i in range(q_start - 1, p0_start - 1, -1):
        if i in ctx.stops or ctx.quote_at(i) >= 0:
            before_start = i + 1
            break
    lead = text[before_start:q_start].rstrip()
    last = lead.split()[-1].strip(",:").lower() if lead.split() else ""
    if lead.endswith((",", ":")) or last in _SPEECH_FORMS:
        for tok in reversed(list(_cue_tokens(ctx, before_start, q_start))):
            subj = _subject_of(tok)
            if subj is not None:
                speaker = speaker_from_token(ctx, subj)
                if speaker is not None:
                    return tok, speaker
    return None


def _continuation(ctx: Context, q: Quotation, cue: Token) -> Quotation | None:
    """The second piece of a content split by its cue, in the same paragraph:

    '"We are ready," he said, "and we will stay."'
    '"We are ready," he said. "We will stay."'
    """
    text = ctx.text
    cue_end = cue.idx + len(cue.text)
    if cue_end < q.outer[1]:
        return None  # the cue came before the quotation
    _, p_end = _paragraph_bounds(text, cue.idx)
    for i in range(cue_end, p_end):
        qi = ctx.quote_at(i)
        if qi < 0:
            continue
        nxt = ctx.quotations[qi]
        if nxt is q:
            return None
        # sentences between the cue and the next quotation ('N.C.' or 'Rev.' are no stop)
        s_cue = ctx.p.sentence_index(cue.idx)
        s_next = ctx.p.sentence_index(nxt.outer[0])
        if s_cue is None or s_next is None:
            return None
        tail = text[cue_end : nxt.outer[0]]
        stops = 0 if not any(c in tail for c in ".!?;") else max(1, s_next - s_cue)
        if stops > 1:
            return None
        if stops == 1 and _has_own_cue(ctx, nxt):
            return None  # '"A," she said. "B," she added.' are two quotes
        return nxt
    return None


_SPACES = re.compile(r"\s*")


def _dash_speaker(ctx: Context, q: Quotation) -> Speaker | None:
    """QUOTE_DASH: '"We were never asked." ― Ana Ruiz' (a name after a dash, to the line end)."""
    text = ctx.text
    p_start, p_end = _paragraph_bounds(text, max(q.outer[1] - 1, 0))
    tail_start = q.outer[1]
    if not text[tail_start:p_end].strip() and not text[p_start : q.outer[0]].strip():
        # a quotation standing as its own paragraph, signed on the next line:
        # '"We were never asked."' / '-Ana Ruiz, after the vote.'
        nxt = _SPACES.match(text, p_end).end()  # type: ignore[union-attr]
        if text[p_end:nxt].count("\n") <= 2 and text[nxt : nxt + 1] in ("-", "―", "—", "–"):
            tail_start = nxt
            _, p_end = _paragraph_bounds(text, nxt)
    tail = text[tail_start:p_end]
    stripped = tail.lstrip(" \u00a0")
    if not stripped or stripped[0] not in "―—–-":
        return None
    dash = tail_start + len(tail) - len(stripped)
    stop = next((i for i in range(dash + 1, p_end) if text[i] in QUOTE_CHARS), p_end)
    s, e = _strip_span(text, dash + 1, stop, _TRIM + "\u00a0")
    if e <= s or len(text[s:e].split()) > 8:
        return None
    sig = text[s:e].split()
    lower_after_the = sig[0].lower() == "the" and (len(sig) < 2 or not sig[1][:1].isupper())
    if not text[s].isupper() or sig[0].lower() in ("a", "an", "this", "that") or lower_after_the:
        return None  # '"robbery" - a term her neighbours repeat ...' is no signature
    cue = (dash, dash + 1)
    name = text[s:e].split(",")[0].strip()
    ent = ctx.entity_at.get(s) or _person_named(ctx, name.split()[-1] if name else "")
    if ent is not None and ent.type == "PERSON" and len(ent.name) >= len(name.rstrip(".")):
        name = ent.name  # the written name is a surname or alias of the document's person
    ctx.found.append(
        Attribution(
            "direct",
            list(q.fragments),
            Speaker(name, s, s + len(text[s:e].split(",")[0].rstrip()), ent, _entity_role(ent)),
            text[cue[0]],
            cue,
        )
    )
    return ctx.found[-1].speaker


def _has_own_cue(ctx: Context, q: Quotation) -> bool:
    text = ctx.text
    _, p_end = _paragraph_bounds(text, max(q.outer[1] - 1, 0))
    end = p_end
    for i in range(q.outer[1], p_end):
        if i in ctx.stops or ctx.quote_at(i) >= 0:
            end = i
            break
    if end > q.outer[1] and any(True for _ in _cue_tokens(ctx, q.outer[1], end)):
        return True
    # a cue introducing it: '... , the minister said: "No."'
    p_start, _ = _paragraph_bounds(text, q.outer[0])
    start = p_start
    for i in range(q.outer[0] - 1, p_start - 1, -1):
        if i in ctx.stops or ctx.quote_at(i) >= 0:
            start = i + 1
            break
    lead = text[start : q.outer[0]].rstrip()
    # or with a comma, after a new speaker: '"A," Ruiz said. Holm, smiling, said, "B."'
    return lead.endswith((":", ",")) and any(True for _ in _cue_tokens(ctx, start, q.outer[0]))


_TRANSCRIPT = re.compile(r"^[\"“]?(?P<name>[A-Z][A-Z.'’ -]{1,30}[A-Z.]):\s+(?P<body>\S)", re.M)


def _transcript_turns(ctx: Context, claimed: set[int]) -> None:
    """TRANSCRIPT_TURN: a paragraph opening with a speaker in capitals and a colon, e.g.

    'HOLM: We were never consulted about the route.'
    """
    text = ctx.text
    for m in _TRANSCRIPT.finditer(text):
        word = m.group("name").strip()
        if len(word.replace(".", "")) < 2:
            continue
        _, p_end = _paragraph_bounds(text, m.start())
        s, e = _strip_span(text, m.start("body"), p_end, " \t\n" + QUOTE_CHARS)
        if e - s < 3:
            continue
        ent = _person_named(ctx, word.title().split()[-1])
        name = ent.name if ent is not None else word.title()
        speaker = Speaker(name, m.start("name"), m.start("name") + len(word), ent)
        colon = m.start("name") + len(m.group("name"))
        ctx.found.append(Attribution("direct", [(s, e)], speaker, ":", (colon, colon + 1)))
        for i in {ctx.quote_at(j) for j in range(m.start(), e)}:
            if i >= 0:
                claimed.add(i)


def _direct_quotes(ctx: Context) -> set[int]:
    claimed: set[int] = set()
    _transcript_turns(ctx, claimed)
    for qi, q in enumerate(ctx.quotations):
        if qi in claimed or _is_title(ctx, q):
            continue
        if q.closed and _dash_speaker(ctx, q) is not None:
            claimed.add(qi)
            continue
        hit = _cue_near(ctx, q)
        if hit is None:
            continue
        cue, speaker = hit
        frags = list(q.fragments)
        nxt = _continuation(ctx, q, cue)
        if nxt is not None:
            frags.extend(nxt.fragments)
            claimed.add(ctx.quotations.index(nxt))
        claimed.add(qi)
        ctx.used_cues.add(cue.i)
        kind: QuoteKind = "direct" if _stands_alone(ctx, q) else "partial"
        if kind == "partial":
            frags = [_widen_partial(ctx, q, cue), *frags[len(q.fragments) :]]
        ctx.found.append(Attribution(kind, frags, speaker, cue.text, _tok_span(cue)))
    return claimed


def _stands_alone(ctx: Context, q: Quotation) -> bool:
    """A direct quote is not embedded in the reporter's clause: only a cue clause is outside."""
    text = ctx.text
    s0, _ = _sentence_bounds(ctx, q.outer[0])
    p0, _ = _paragraph_bounds(text, q.outer[0])
    lead_start = max(s0, p0)
    lead = text[lead_start : q.outer[0]].rstrip(" '").strip()  # "'" of a doubled mark
    if not lead:
        return True
    if lead.endswith((":", ",")):
        return True
    return lead.split()[-1].lower() in _SPEECH_FORMS


def _widen_partial(ctx: Context, q: Quotation, cue: Token) -> tuple[int, int]:
    """A partial quote's content is the reporter's clause around it, from the cue's complement."""
    parts = [c for c in cue.rights if c.dep_ in ("ccomp", "xcomp", "dobj", "oprd", "attr")]
    if parts:
        s = min(c.left_edge.idx for c in parts)
        last = max(parts, key=lambda c: c.right_edge.i).right_edge
        s, e = min(s, q.start), max(last.idx + len(last.text), q.end)
        return _strip_span(ctx.text, s, e, " ,;:.")
    return q.start, q.end


def _tok_span(tok: Token) -> tuple[int, int]:
    return tok.idx, tok.idx + len(tok.text)


def _is_title(ctx: Context, q: Quotation) -> bool:
    """Titles ('the show "Night Watch"') and short scare quotes are not speech."""
    inner = " ".join(ctx.text[s:e] for s, e in q.fragments)
    words = inner.split()
    if not words or len(words) > 6:
        return False
    if inner.rstrip()[-1:] in ".!?" and len(words) > 2:
        return False
    colon = len(ctx.text[: q.outer[0]].rstrip()) - 1
    if inner.rstrip()[-1:] in ".!?" and colon > 0 and ctx.text[colon] == ":":
        # SHORT_ANSWER: 'the minister said: "No."' is speech however short
        tok = ctx.doc.char_span(colon, colon + 1, alignment_mode="expand")
        if tok is not None and tok[0].i > 0 and tok[0].nbor(-1).lemma_.lower() in SPEECH_VERBS:
            return False
    governor = _governing_verb(ctx, q)
    if governor is not None and governor.lemma_.lower() in NAMING_VERBS | SPEECH_VERBS:
        return False
    capitalised = [w for w in words if w[:1].isupper() or w[:1].isdigit()]
    small = {"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "with", "or"}
    if len(capitalised) == len([w for w in words if w.lower() not in small]):
        return True  # every significant word capitalised: a title
    return len(words) <= 2


def _governing_verb(ctx: Context, q: Quotation) -> Token | None:
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and not (q.start <= tok.idx < q.end):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


# --- pass 3: reported speech from the parse ------------------------------------------------


def _agent_of(cue: Token) -> Token | None:
    """AS_REPORTED_BY: a participle cue with no subject of its own and a 'by' agent speaks for
    the agent, not for the subject of the clause it modifies: 'As reported by the Harbour
    Times, the mayor was warned' -> 'the Harbour Times'."""
    if cue.tag_ != "VBN" or any(c.dep_ in _SUBJECT_DEPS for c in cue.children):
        return None
    agent = next((c for c in cue.children if c.dep_ == "agent"), None)
    if agent is None:
        return None
    return next((c for c in agent.children if c.dep_ == "pobj"), None)


def _content_of(ctx: Context, cue: Token) -> list[tuple[int, int]] | None:
    """The clause a cue reports: its ccomp, or its head clause when the cue is parenthetical."""
    text = ctx.text
    for child in cue.children:
        if child.dep_ == "ccomp":
            s = child.left_edge.idx
            e = child.right_edge.idx + len(child.right_edge.text)
            return [_strip_span(text, s, e, _TRIM)]
    # pattern CUE_PREP_THAT, e.g. 'Ruiz wrote in an e-mailed comment that the vote was rigged.'
    for prep in (c for c in cue.children if c.dep_ == "prep"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            for clause in obj.children:
                marks = [t for t in clause.children if t.dep_ == "mark" and t.lower_ == "that"]
                if clause.dep_ in ("acl", "ccomp", "relcl") and marks:
                    s = marks[0].idx
                    e = clause.right_edge.idx + len(clause.right_edge.text)
                    return [_strip_span(text, s, e, _TRIM)]
    # pattern SENTENCE_FINAL_CUE (no ccomp in the parse), e.g.
    # 'The border stays closed, the source added.'
    sent = cue.sent
    tail = text[cue.idx + len(cue.text) : sent.end_char].strip(' .\n"”')
    subj = _subject_of(cue)
    if not tail and subj is not None and subj.i < cue.i and subj.left_edge.i > sent.start + 2:
        before = subj.left_edge.nbor(-1)
        if before.text in (",", "—", "–"):
            return [_strip_span(text, sent.start_char, before.idx, _TRIM)]
    # pattern CUE_XCOMP, e.g. 'The mayor urged residents to stay indoors.'
    xcomp = next((c for c in cue.children if c.dep_ == "xcomp"), None)
    if xcomp is not None and cue.lemma_.lower() in _XCOMP_CUES:
        first = next((c for c in cue.rights), xcomp)
        s = first.left_edge.idx
        e = xcomp.right_edge.idx + len(xcomp.right_edge.text)
        return [_strip_span(text, s, e, _TRIM + ".")]
    # pattern PREP_CUE, e.g. 'The mayor pointed to the budget.' / 'Ruiz sided with the union.'
    preps = PREP_CUES.get(cue.lemma_.lower())
    if preps:
        for prep in (c for c in cue.rights if c.dep_ == "prep" and c.lower_ in preps):
            pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                lo, last = pobj.left_edge.idx, pobj.right_edge
                return [_strip_span(text, lo, last.idx + len(last.text), _TRIM + ".")]
    # pattern STANCE_OBJECT, e.g. 'The union rejected the offer as an insult.'
    if cue.lemma_.lower() in STANCE_VERBS:
        parts = [c for c in cue.rights if c.dep_ in _STANCE_DEPS and not _own_clause(c)]
        phrasal = any(c.dep_ == "prt" for c in cue.children)  # 'showed up', 'backed off'
        # 'declined to comment' is a stance, 'declined from 1989 to 2013' is none
        verbal = cue.lemma_.lower() not in ("decline", "refuse") or any(
            c.dep_ != "prep" for c in parts
        )
        if phrasal or not verbal:
            parts = []
        if parts:
            s = min(c.left_edge.idx for c in parts)
            last = max(parts, key=lambda c: c.right_edge.i).right_edge
            return [_strip_span(text, s, last.idx + len(last.text), _TRIM + ".")]
        return None
    # pattern AS_CUE, e.g. 'As the report noted, the mine had been closed for years.'
    as_mark = any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
    if (
        (cue.dep_ == "advcl" and as_mark)
        or cue.dep_ == "parataxis"
        or (cue.dep_ in ("advcl", "ccomp") and cue.i > cue.head.i and _between_commas(cue))
    ):
        head = cue.head
        lo = head.left_edge.idx
        hi = head.right_edge.idx + len(head.right_edge.text)
        c_lo = cue.left_edge.idx
        c_hi = cue.right_edge.idx + len(cue.right_edge.text)
        return _around_cue(text, lo, hi, c_lo, c_hi) or None
    # pattern ANNOUNCED_OBJECT, e.g. 'The ministry announced a ban on exports.'
    if cue.lemma_.lower() in ANNOUNCE_VERBS:
        said = next((c for c in cue.rights if c.dep_ == "dobj"), None)
        if said is not None and said.lower_ not in NON_SPEAKERS:
            last = said.right_edge
            return [_strip_span(text, said.left_edge.idx, last.idx + len(last.text), _TRIM + ".")]
    return None


def _own_clause(prep: Token) -> bool:
    """WITH_CLAUSE: a 'with X doing' phrase has its own speaker and is not the content.

    'Regulators cited the audit, with Senator Ed Vance calling it "a disgrace".'
    """
    if prep.dep_ != "prep":
        return False
    return any(
        c.dep_ in ("pcomp", "pobj") and any(g.dep_ in _SUBJECT_DEPS for g in c.children)
        for c in prep.children
    )


def _between_commas(cue: Token) -> bool:
    left = cue.left_edge
    return left.i > 0 and left.nbor(-1).text in (",", "—", "–")


# written forms of stance verbs ('backed', 'opposed'): they can share a sentence with a poll
_STANCE_FORMS = frozenset(
    f
    for lemma in STANCE_VERBS - SPEECH_VERBS - COGNITION_VERBS
    for f in (lemma, lemma + "s", lemma + "ed", lemma + "d", lemma + "ing")
)


def _in_poll(ctx: Context, tok: Token) -> tuple[Token, list[tuple[int, int]]] | None:
    """IN_A_POLL: a poll or survey as the source of its finding.

    'In a survey published last week, most fishermen favoured the quota.'
    'The mayor is behind her challenger in every recent poll.'
    """
    if tok.lower_ != "in" or tok.dep_ != "prep" or tok.head.pos_ not in ("VERB", "AUX"):
        return None
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if obj is None or obj.lemma_.lower() not in POLL_NOUNS:
        return None
    sent = tok.sent
    c_lo, c_hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
    return obj, _around_cue(ctx.text, sent.start_char, sent.end_char, c_lo, c_hi)


def _around_cue(text: str, lo: int, hi: int, c_lo: int, c_hi: int) -> list[tuple[int, int]]:
    """The content around a cue clause: ``text[lo:c_lo]`` and ``text[c_hi:hi]``, trimmed, the
    pieces of two characters or more."""
    frags = [_strip_span(text, lo, c_lo, _TRIM), _strip_span(text, c_hi, hi, _TRIM + ".")]
    return [f for f in frags if f[1] - f[0] > 1]


def _according_to(ctx: Context, tok: Token) -> tuple[Token, list[tuple[int, int]]] | None:
    """'According to the lawsuit, the firm hid the losses.' / '..., according to officials.'"""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        return None
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    verb = tok.head
    if verb.lemma_.lower() in SPEECH_VERBS and any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        # ATTRIBUTION_CHAIN: the innermost source speaks; the outlet only relays it.
        #   'According to the Tribune, Berlin claims that the talks failed.' -> Berlin
        return None
    sent = tok.sent
    c_lo, c_hi = tok.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)
    return obj, _around_cue(ctx.text, sent.start_char, sent.end_char, c_lo, c_hi)


def _trim_claimed(
    ctx: Context, frags: list[tuple[int, int]], claimed: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """OTHER_CUE_QUOTE: a reported clause ends before a quotation that its own cue attributes.

    'She described the levy as "robbery", a term that stirs "old grudges", says the Herald.'
    -> 'the levy as "robbery", a term that stirs' for 'She'; "old grudges" for the Herald.
    """
    out = []
    for start, end in frags:
        stop = end
        for q_s, q_e in claimed:
            if start < q_s and q_e <= stop + 1:
                stop = q_s
        f = _strip_span(ctx.text, start, stop, _TRIM)
        if f[1] - f[0] > 1:
            out.append(f)
    return out


def _to_quote_end(ctx: Context, frag: tuple[int, int]) -> tuple[int, int]:
    """WHOLE_QUOTATION: a reported clause that ends inside a quotation runs to its end.

    'Ruiz suggests the fleet is "a relic [of the war], kept for parades".' (a bracket or a
    misparse can cut the clause inside the quotation)
    """
    s, e = frag
    qi = ctx.quote_at(e - 1)
    if qi < 0:
        return frag
    q = ctx.quotations[qi]
    if q.outer[0] < s or q.end <= e:
        return frag
    return s, q.end


def _reported_speech(ctx: Context) -> None:
    claimed = [
        ctx.quotations[qi].outer
        for a in ctx.found
        if a.cue_span is not None
        for qi in {ctx.quote_at(a.fragments[0][0])}
        if qi >= 0
    ]
    polls: list[tuple[Token, Token, list[tuple[int, int]]]] = []
    for tok in ctx.doc:
        if tok.i in ctx.used_cues or ctx.quote_at(tok.idx) >= 0:
            continue
        acc = _according_to(ctx, tok)
        if acc is not None:
            obj, acc_frags = acc
            speaker = speaker_from_token(ctx, obj)
            if speaker is None or not acc_frags:
                continue
            cue_end = obj.idx  # 'according to'
            to = next(c for c in tok.children if c.lower_ == "to")
            cue_end = to.idx + len(to.text)
            ctx.used_cues.add(tok.i)
            ctx.found.append(
                Attribution("indirect", acc_frags, speaker, "according to", (tok.idx, cue_end))
            )
            continue
        poll = _in_poll(ctx, tok)
        if poll is not None:
            polls.append((tok, *poll))
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ == "ADJ" and lemma in ADJECTIVE_CUES:
            _adjective_cue(ctx, tok)
            continue
        if tok.pos_ == "NOUN" and lemma in NOMINAL_CUES:
            _nominal_cue(ctx, tok)
            continue
        if (lemma not in CUE_VERBS and lemma not in PREP_CUES) or tok.pos_ not in ("VERB", "AUX"):
            continue
        frags = _content_of(ctx, tok)
        if frags and claimed:
            frags = _trim_claimed(ctx, frags, claimed)
        if frags:
            frags = [_to_quote_end(ctx, f) for f in frags]
        if not frags:
            continue
        subj = _subject_of(tok)
        if subj is not None and _quoted_clause_subject(ctx, subj, tok):
            subj = _outside_quotation(ctx, subj)
        if subj is None:
            continue
        subj = _agent_of(tok) or subj
        if subj.dep_ == "nsubjpass" and subj.head.i == tok.i:
            # PASSIVE_AGENT: 'The plan was rejected by the council' -> the council holds it
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if by is not None and lemma in STANCE_VERBS:
                last = subj.right_edge  # what was rejected is the subject
                frags = [_strip_span(ctx.text, subj.left_edge.idx, last.idx + len(last.text))]
            subj = by or subj
        elif tok.dep_ == "relcl" and any(
            c.dep_ == "nsubjpass" and c.lower_ in RELATIVE_PRONOUNS for c in tok.children
        ):
            # RELATIVE_PASSIVE: 'the port authority, which has been accused by dock workers of
            # hiding losses' -> the dock workers hold it, not the authority
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            subj = by or subj
        speaker = speaker_from_token(ctx, subj)
        if speaker is None:
            continue
        if lemma in COGNITION_VERBS and lemma not in SPEECH_VERBS and subj.lower_ in FIRST_PERSON:
            continue  # the reporter's own 'I think'
        ctx.used_cues.add(tok.i)
        cue_text = tok.text
        prt = next((c for c in tok.children if c.dep_ == "prt"), None)
        cue_span = _tok_span(tok)
        if prt is not None and prt.i == tok.i + 1:
            cue_text = f"{tok.text} {prt.text}"
            cue_span = (tok.idx, prt.idx + len(prt.text))
        ctx.found.append(Attribution("indirect", frags, speaker, cue_text, cue_span))
    # a poll is the source only of a sentence that no other cue attributes
    cued = {
        ctx.p.sentence_index(a.cue_span[0])
        for a in ctx.found
        if a.cue_span is not None and (a.cue or "").split()[0].lower() not in _STANCE_FORMS
    }
    for tok, obj, poll_frags in polls:
        speaker = speaker_from_token(ctx, obj)
        if speaker is None or not poll_frags or ctx.p.sentence_index(tok.idx) in cued:
            continue
        ctx.used_cues.add(tok.i)
        ctx.found.append(Attribution("indirect", poll_frags, speaker, tok.text, _tok_span(tok)))


_LIGHT_VERBS = frozenset(
    {"make", "voice", "express", "issue", "offer", "repeat", "renew", "reiterate", "give"}
    | {"raise", "announce", "have", "air", "restate", "stand"}
)


def _nominal_cue(ctx: Context, noun: Token) -> None:
    """NOMINAL_CUE: a statement named by a noun, with its content and its holder.

    "Ruiz's claim that the vote was rigged"  "his support for the strike"
    "The union voiced concern that the port would close." (a light verb's subject holds it)
    """
    content: list[tuple[int, int]] = []
    for child in noun.rights:
        part = None
        if child.dep_ in ("acl", "ccomp", "relcl") and any(
            t.dep_ == "mark" and t.lower_ == "that" for t in child.children
        ):
            part = child
        elif child.dep_ == "acl" and any(
            t.dep_ == "aux" and t.lower_ == "to" for t in child.children
        ):
            part = child  # 'his decision to leave'
        elif child.dep_ == "prep" and child.lower_ in ("for", "on", "of", "against", "about"):
            part = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if part is not None:
            last = part.right_edge
            lo = part.left_edge.idx
            content = [_strip_span(ctx.text, lo, last.idx + len(last.text), _TRIM + ".")]
            break
    if not content or ctx.quote_at(content[0][0]) >= 0:
        return
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    if holder is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in _LIGHT_VERBS:
        holder = _subject_of(noun.head)
    if holder is None or holder.lower_ in FIRST_PERSON or holder.lower_ in ("its", "it"):
        return
    speaker = speaker_from_token(ctx, holder)
    if speaker is None:
        return
    ctx.used_cues.add(noun.i)
    ctx.found.append(Attribution("indirect", content, speaker, noun.text, _tok_span(noun)))


def _adjective_cue(ctx: Context, adj: Token) -> None:
    """ADJECTIVE_CUE: a stance adjective after a copula, with its clause or object.

    'The mayor is confident that the port will reopen.'  'Ruiz was worried about the vote.'
    """
    if adj.dep_ != "acomp" or adj.head.pos_ not in ("AUX", "VERB"):
        return
    content: list[tuple[int, int]] = []
    for child in adj.children:
        part = None
        if child.dep_ == "ccomp":
            part = child
        elif child.dep_ == "prep" and child.lower_ in ("about", "of", "that", "in"):
            part = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if part is not None:
            last = part.right_edge
            content = [_strip_span(ctx.text, part.left_edge.idx, last.idx + len(last.text), _TRIM)]
            break
    if not content:
        return
    subj = _subject_of(adj.head)
    if subj is None or subj.lower_ in FIRST_PERSON:
        return  # the reporter's own 'I am sure'
    speaker = speaker_from_token(ctx, subj)
    if speaker is None:
        return
    ctx.used_cues.add(adj.i)
    ctx.found.append(Attribution("indirect", content, speaker, adj.text, _tok_span(adj)))


def _colon_speaker(ctx: Context) -> None:
    """'Ruiz: The vote was rigged.' - a short name-led prefix ending with a colon."""
    for sent in ctx.doc.sents:
        colon = next((t for t in sent if t.text == ":"), None)
        if colon is None or colon.i - sent.start > 5 or colon.i == sent.start:
            continue
        if ctx.quote_at(colon.idx) >= 0 or any(t.i in ctx.used_cues for t in sent):
            continue
        prefix = ctx.doc[sent.start : colon.i]
        ents = [ctx.entity_at.get(t.idx) or _person_named(ctx, t.text) for t in prefix]
        person = next((e for e in ents if e is not None and e.type in ("PERSON", "ORG")), None)
        # a document as the source of a headline, e.g. 'Survey: Most farmers expect losses'
        is_document = prefix[-1].lemma_.lower() in DOCUMENT_NOUNS
        if person is None and not is_document:
            continue
        s, e = _strip_span(ctx.text, colon.idx + 1, sent.end_char, _TRIM)
        if e - s < 8:
            continue
        p_s, p_e = _strip_span(ctx.text, prefix.start_char, prefix.end_char, _TRIM)
        if person is None and len(prefix) > 1 and prefix[0].pos_ == "ADP":
            # LEADING_PREPOSITION: 'From the survey: most farmers expect losses' -> the survey
            p_s, p_e = _strip_span(ctx.text, prefix[1].idx, prefix.end_char, _TRIM)
        if person is None:
            speaker = Speaker(ctx.text[p_s:p_e], p_s, p_e)
        else:
            speaker = Speaker(person.name, p_s, p_e, person, _entity_role(person))
        ctx.used_cues.add(colon.i)
        ctx.found.append(Attribution("indirect", [(s, e)], speaker, ":", _tok_span(colon)))


# --- pass 4: quotations no cue claimed ------------------------------------------------------


def _leftovers(ctx: Context, claimed: set[int]) -> None:
    covered = [(s, e, a) for a in ctx.found for s, e in a.fragments]  # attributions already found
    for qi, q in enumerate(ctx.quotations):
        if qi in claimed or _is_title(ctx, q):
            continue
        if any(s <= q.start and q.end <= e for s, e, _ in covered):
            continue
        p_start, _ = _paragraph_bounds(ctx.text, q.outer[0])
        lead = ctx.text[p_start : q.outer[0]].rstrip(" '")
        if not lead or lead[-1] in ".!?" or lead.endswith((".”", '."')):
            intro = _introduced(ctx, p_start) if not lead else None
            if intro is not None:
                ctx.used_cues.add(intro[1].i)
                cue_text, cue_span = intro[1].text, _tok_span(intro[1])
                ctx.found.append(
                    Attribution("direct", list(q.fragments), intro[0], cue_text, cue_span)
                )
                continue
            prev = _previous_speaker(ctx, q.outer[0])
            if prev is not None:
                ctx.found.append(Attribution("direct", list(q.fragments), prev, None, None))
            elif not lead:
                _followed_by_subject(ctx, q)
            continue
        verb = _governing_verb(ctx, q)
        if verb is not None and ctx.quote_at(verb.idx) >= 0:
            # QUOTE_IN_QUOTED_CLAUSE: governed from inside another quotation, it is said by the
            # same source: '"The strike revealed how weak the owners were," for instance "the
            # lack of spare parts"' -> the speaker of the first quotation
            owner = _owner(ctx, ctx.quotations[ctx.quote_at(verb.idx)])
            if owner is not None:
                ctx.found.append(Attribution("partial", list(q.fragments), owner, None, None))
            continue
        if verb is None:
            _quoted_clause(ctx, q)
            continue
        subj = _subject_of(verb)
        if subj is None:
            continue
        speaker = speaker_from_token(ctx, subj)
        if speaker is None or speaker.start >= q.start:
            continue
        if ctx.quote_at(speaker.start) >= 0:
            # a noun inside another quotation is no speaker: the quotation goes on
            prev = _previous_speaker(ctx, q.outer[0])
            if prev is not None:
                ctx.found.append(Attribution("partial", list(q.fragments), prev, None, None))
            continue
        frag = _widen_partial(ctx, q, verb)
        ctx.found.append(Attribution("partial", [frag], speaker, verb.text, _tok_span(verb)))


def _followed_by_subject(ctx: Context, q: Quotation) -> None:
    """FOLLOWING_SUBJECT: a quotation opening a paragraph with no earlier speaker goes to the
    subject of the verb after it, cue word or not: '"Keep your hands up," Ruiz sings.'"""
    verb = _governing_verb(ctx, q)
    if verb is None or verb.idx < q.outer[1] or ctx.quote_at(verb.idx) >= 0:
        return
    subj = _subject_of(verb)
    if subj is None or subj.idx < q.outer[1] or ctx.quote_at(subj.idx) >= 0:
        return
    speaker = speaker_from_token(ctx, subj)
    if speaker is not None:
        kind: QuoteKind = "direct" if _stands_alone(ctx, q) else "partial"
        ctx.found.append(Attribution(kind, list(q.fragments), speaker, verb.text, _tok_span(verb)))


def _introduced(ctx: Context, p_start: int) -> tuple[Speaker, Token] | None:
    """INTRODUCED_BY_COLON: a paragraph ending 'Ruiz released the following statement:' or
    'Ruiz wrote:' gives the quotation opening the next paragraph to its subject."""
    colon_at = p_start - 1
    while colon_at >= 0 and ctx.text[colon_at].isspace():
        colon_at -= 1
    if colon_at < 0 or ctx.text[colon_at] != ":":
        return None
    span = ctx.doc.char_span(colon_at, colon_at + 1, alignment_mode="expand")
    if span is None or ctx.quote_at(colon_at) >= 0:
        return None
    verb = span[0].head
    if verb.dep_ == "dobj" and verb.lemma_.lower() in MESSAGE_NOUNS:
        verb = verb.head  # the colon hung on the message: 'released this statement:'
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    said = verb.lemma_.lower() in SPEECH_VERBS
    message = any(c.dep_ == "dobj" and c.lemma_.lower() in MESSAGE_NOUNS for c in verb.children)
    if not (said or message) or verb.i in ctx.used_cues:
        return None
    subj = _subject_of(verb)
    if subj is None or ctx.quote_at(subj.idx) >= 0:
        return None
    speaker = speaker_from_token(ctx, subj)
    return None if speaker is None else (speaker, verb)


def _owner(ctx: Context, q: Quotation) -> Speaker | None:
    """The speaker of the attribution that holds quotation ``q``."""
    s, e = q.fragments[0]
    for a in ctx.found:
        if any(fs < e and s < fe for fs, fe in a.fragments):
            return a.speaker
    return None


_ADVERBIAL_POS = frozenset({"CCONJ", "SCONJ", "ADV", "ADP"})


def _quoted_clause(ctx: Context, q: Quotation) -> None:
    """A quotation inside a sentence that no verb outside it governs.

    QUOTED_PREDICATE: the quoted words are the predicate of a subject written before them:
      'At the summit the minister "voiced concern about the blockade."'
    QUOTED_CLAUSE_CONTINUES: a whole quoted clause after an adverbial goes on with the
    previous speaker:
      'Ruiz wrote that the talks failed. Even so, "the port stayed open."'
    """
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return
    root = span.root
    subj = _subject_of(root) if root.pos_ in ("VERB", "AUX") else None
    words = [t for t in span if not t.is_punct]
    # the quotation opens with its verb (or an adverb/auxiliary of it)
    lead_words = words[: next((k for k, t in enumerate(words) if t.i == root.i), 0) + 1]
    opens_with_verb = bool(words) and all(
        t.i == root.i or (t.head.i == root.i and t.dep_ in ("aux", "advmod", "neg"))
        for t in lead_words
    )
    if (
        subj is not None
        and opens_with_verb
        and subj.idx < q.outer[0]
        and ctx.quote_at(subj.idx) < 0
    ):
        speaker = speaker_from_token(ctx, subj)
        if speaker is not None:
            frags = list(q.fragments)
            ctx.found.append(Attribution("partial", frags, speaker, root.text, _tok_span(root)))
        return
    if subj is not None and subj.idx >= q.outer[1]:
        return  # a subject after the quotation: not a continuation
    s0, _ = _sentence_bounds(ctx, q.outer[0])
    lead = ctx.text[s0 : q.outer[0]].rstrip(" '")
    first = ctx.doc.char_span(s0, q.outer[0], alignment_mode="contract")
    adverbial = first is not None and len(first) > 0 and first[0].pos_ in _ADVERBIAL_POS
    if not adverbial or not lead.endswith(",") or len(lead.split()) > 8:
        return  # only after a short adverbial ('Even so,')
    prev = _previous_speaker(ctx, q.outer[0], 600)
    if prev is not None:
        ctx.found.append(Attribution("partial", list(q.fragments), prev, None, None))


def _previous_speaker(ctx: Context, offset: int, window: int = 1200) -> Speaker | None:
    best: Attribution | None = None
    for a in ctx.found:
        end = a.fragments[-1][1] if a.fragments else 0
        if end <= offset and (best is None or end > best.fragments[-1][1]):
            best = a
    if best is None or offset - best.fragments[-1][1] > window:
        return None
    return best.speaker


# --- assembly -------------------------------------------------------------------------------


def _reconcile(ctx: Context, a: Attribution) -> Attribution:
    """Indirect content holding quote marks is partial; a clause inside one quotation is direct."""
    if a.kind != "indirect":
        return a
    marks = [qi for s, e in a.fragments for qi in {ctx.quote_at(i) for i in range(s, e)} if qi >= 0]
    if not marks:
        return a
    qs = [ctx.quotations[qi] for qi in sorted(set(marks))]
    if len(qs) == 1 and all(
        qs[0].outer[0] <= s and e <= qs[0].outer[1] + 1 for s, e in a.fragments
    ):
        return Attribution("direct", list(qs[0].fragments), a.speaker, a.cue, a.cue_span)
    return Attribution("partial", a.fragments, a.speaker, a.cue, a.cue_span)


def _said_on(ctx: Context, a: Attribution) -> DateValue | None:
    """'On May 2, Ruiz said ...' / 'Ruiz said on Thursday ...': a timex in the cue's clause."""
    if a.cue_span is None or not ctx.timexes:
        return None
    s0, s1 = _sentence_bounds(ctx, a.cue_span[0])
    best: tuple[int, TimeExpr] | None = None
    for t in ctx.timexes:
        ts, te = t.evidence.start, t.evidence.end
        if ts < s0 or te > s1 or t.date is None:
            continue
        if any(fs <= ts < fe for fs, fe in a.fragments):
            continue
        dist = abs(ts - a.cue_span[0])
        if best is None or dist < best[0]:
            best = (dist, t)
    return best[1].date if best is not None else None


def _to_quote(ctx: Context, a: Attribution) -> Quote | None:
    p = ctx.p
    frags = sorted({f for f in a.fragments if f[1] > f[0]})
    if not frags:
        return None
    start, end = frags[0][0], frags[-1][1]
    text = " ".join(ctx.text[s:e] for s, e in frags)
    sp = a.speaker
    return Quote(
        id=make_id("q", p.document.id, start, end),
        doc=p.document.id,
        text=text,
        kind=a.kind,
        speaker_name=sp.name,
        evidence=p.span(start, end),
        speaker_entity=sp.entity.id if sp.entity is not None else None,
        speaker_role=sp.role,
        cue=a.cue,
        said_on=_said_on(ctx, a),
        speaker_evidence=p.span(sp.start, sp.end) if sp.end > sp.start else None,
        cue_evidence=p.span(*a.cue_span) if a.cue_span is not None else None,
        fragments=tuple(p.span(s, e) for s, e in frags) if len(frags) > 1 else (),
        producer=f"{NAME}/{VERSION}",
    )


def extract_quotes(p: ParsedDoc) -> tuple[Quote, ...]:
    """Every attributed quotation and reported statement in the document."""
    if not p.document.text.strip():
        return ()
    ctx = _context(p)
    claimed = _direct_quotes(ctx)
    _reported_speech(ctx)
    _colon_speaker(ctx)
    _reresolve_pronouns(ctx)
    _leftovers(ctx, claimed)
    quotes: dict[str, Quote] = {}
    taken: list[tuple[int, int]] = []  # fragments already attributed
    for a in sorted(ctx.found, key=lambda x: x.fragments[0][0] if x.fragments else 0):
        q = _to_quote(ctx, _reconcile(ctx, a))
        if q is None:
            continue
        frags = [(f.start, f.end) for f in q.fragments] or [(q.evidence.start, q.evidence.end)]
        if all(any(s <= fs and fe <= e for s, e in taken) for fs, fe in frags):
            # univocal: a statement nested in one already attributed; the gap between the
            # pieces of a split quote is not theirs:
            #   '"A," said Ruiz, who said she would stay. "B."' keeps 'she would stay'
            continue
        taken.extend(frags)
        quotes.setdefault(q.id, q)
    return tuple(sorted(quotes.values(), key=lambda q: (q.evidence.start, q.evidence.end)))


def _run(p: ParsedDoc) -> dict[str, Any]:
    return {"quotes": extract_quotes(p)}


STAGE = Stage(NAME, VERSION, requires=("doc", "entities", "timexes"), assigns=("quotes",), run=_run)
