"""Text keys shared by the cross-document stages: folding, content stems, numbers, sentences.

Everything here is pure and cheap: cross-document work compares these keys (blocking by name
key, date bucket and shared tokens), never raw strings pair by pair.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date as _date
from functools import cache, lru_cache
from itertools import chain

from caseboard.model import DateValue, DocExtraction, Document, Span

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD = re.compile(r"[a-z][a-z'’-]*|\d+(?:[.,]\d+)*")
# The words of _WORD longer than two characters that are not numbers (a number never holds a
# letter, so skipping numbers leaves the same words).
_LONG_WORD = re.compile(r"[a-z][a-z'’-]{2,}")
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?")

# Function words and reporting glue that say nothing about what a sentence is about.
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "said",
        "says",
        "say",
        "told",
        "according",
        "reported",
        "reports",
        "report",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "day",
        "days",
        "today",
        "yesterday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mr",
        "mrs",
        "ms",
        "dr",
        "new",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "many",
        "much",
        "several",
        "per",
        "cent",
        "percent",
        "last",
        "first",
        "since",
        "amid",
        "however",
        "still",
        "even",
    ]
)

_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ers", "er", "ed",
             "es", "s", "ly", "y")  # fmt: skip


def fold(text: str) -> str:
    """Lower-case, strip diacritics: 'Nicolás' -> 'nicolas'.

    The same as NFKD, dropping every combining mark, then ``lower().strip()``. ASCII text is
    already in NFKD with no combining marks, and NFKD decomposes character by character (its
    canonical reordering only moves combining marks, which are dropped), so only the non-ASCII
    characters are decomposed, each once (``_fold_char``).
    """
    if not text.isascii():
        text = _NON_ASCII.sub(_fold_match, text)
    return text.lower().strip()


@cache
def _fold_char(c: str) -> str:
    nfkd = unicodedata.normalize("NFKD", c)
    return "".join(x for x in nfkd if not unicodedata.combining(x))


def _fold_match(m: re.Match[str]) -> str:
    return _fold_char(m.group())


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude, consistent suffix stripper: 'deployed'/'deploying'/'deploys' -> 'deploy'."""
    w = word.strip("'’-")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def content_stems(text: str) -> frozenset[str]:
    """Stems of the content words of ``text`` (no function words, no bare numbers)."""
    kept = set(_LONG_WORD.findall(fold(text))) - STOPWORDS
    return frozenset(map(stem, kept))


def numbers(text: str) -> frozenset[float]:
    """Numbers written in digits, years excluded (they are dates, not amounts)."""
    out: set[float] = set()
    for m in _NUMBER.finditer(text):
        raw = m.group(0).replace(",", "")
        value = float(raw)
        if "." not in raw and len(raw) == 4 and 1900 <= value <= 2100:
            continue
        out.add(value)
    return frozenset(out)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)  # the size of a | b, without building it


def trim(text: str, limit: int = 180) -> str:
    """One line, cut at a word boundary: a verbatim extract, never new wording."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


def evidence_key(span: Span) -> str:
    """The key an analyst's ACH assessment is stored under: ``doc:start:end``."""
    return f"{span.doc}:{span.start}:{span.end}"


def date_bounds(d: DateValue) -> tuple[str, str] | None:
    """The (first, last) ``YYYY-MM-DD`` days covered by a date value, or None if unparsable."""
    return _value_bounds(d.value)


@lru_cache(maxsize=1 << 14)
def _value_bounds(value: str) -> tuple[str, str] | None:
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day and month:
        v = f"{year}-{month}-{day}"
        return v, v
    if month:
        return f"{year}-{month}-01", f"{year}-{month}-31"
    return f"{year}-01-01", f"{year}-12-31"


def dates_compatible(a: DateValue, b: DateValue) -> bool:
    """True when the two periods overlap (compared at the coarser of the two granularities)."""
    ba, bb = date_bounds(a), date_bounds(b)
    if ba is None or bb is None:
        return False
    return ba[0] <= bb[1] and bb[0] <= ba[1]


def days_apart(a: DateValue, b: DateValue) -> int | None:
    """Days between the two periods (0 when they overlap), or None if either is unparsable."""
    ba, bb = date_bounds(a), date_bounds(b)
    if ba is None or bb is None:
        return None
    if ba[0] <= bb[1] and bb[0] <= ba[1]:
        return 0
    first, second = (ba, bb) if ba[1] < bb[0] else (bb, ba)
    return (_day(second[0]) - _day(first[1])).days


def _day(iso: str) -> _date:
    y, m, d = (int(x) for x in iso.split("-"))
    return _date(y, m, min(d, calendar.monthrange(y, m)[1]))


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a cleaned document with its offsets (``text == doc.text[start:end]``)."""

    doc: str
    index: int
    start: int
    end: int
    text: str

    def span(self) -> Span:
        return Span(self.doc, self.start, self.end, self.text, self.index)


def sentences(document: Document, extraction: DocExtraction) -> Iterator[Sentence]:
    """The sentences of a document; a paragraph split stands in when the parse gave none."""
    bounds: Sequence[tuple[int, int]] = extraction.sentences
    if not bounds:
        bounds = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", document.text)]
    for i, (s, e) in enumerate(bounds):
        # trim surrounding whitespace, keeping the offsets exact
        raw = document.text[s:e]
        lead = len(raw) - len(raw.lstrip())
        tail = len(raw.rstrip())
        if tail <= lead:
            continue
        yield Sentence(document.id, i, s + lead, s + tail, raw[lead:tail])


def sentence_of(sents: Sequence[Sentence], offset: int) -> Sentence | None:
    lo, hi = 0, len(sents) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s = sents[mid]
        if offset < s.start:
            hi = mid - 1
        elif offset >= s.end:
            lo = mid + 1
        else:
            return s
    return None


def _postings(features: Sequence[Iterable[str]], cap: int) -> list[list[int]]:
    """Inverted index (feature -> ascending item numbers), in order of first appearance, keeping
    only the features held by 2 to ``cap`` items."""
    index: dict[str, list[int]] = {}
    for i, feats in enumerate(features):
        for f in sorted(set(feats)):  # not set order: that changes with the hash seed
            index.setdefault(f, []).append(i)
    return [p for p in index.values() if 2 <= len(p) <= cap]


def pairs_sharing(
    features: Sequence[Iterable[str]], min_shared: int = 1, cap: int = 200
) -> dict[tuple[int, int], int]:
    """Candidate pairs (i < j) sharing at least ``min_shared`` features, via an inverted index.

    Features held by more than ``cap`` items are too common to discriminate and are skipped, so
    the work stays near-linear in the number of items (blocking; never all pairs). The pairs come
    in the order they are first met walking the postings in order (by the first feature they
    share, then i, then j). All pairs are held at once: :func:`pairs_in_order` streams them.
    """
    found = sorted((first, i, j, n) for i, j, n, first in pairs_in_order(features, min_shared, cap))
    return {(i, j): n for _, i, j, n in found}


def _later_slices(
    features: Sequence[Iterable[str]], cap: int
) -> Iterator[tuple[int, list[tuple[int, list[int]]]]]:
    """For each item i, in order, the parts after i of the postings holding it, each with the
    posting's index: (r, later items of posting r). The one walk behind every pair generator."""
    holds: list[list[tuple[int, list[int], int]]] = [[] for _ in features]
    for r, p in enumerate(_postings(features, cap)):
        for k, i in enumerate(p):
            holds[i].append((r, p, k))
    for i, ps in enumerate(holds):
        slices = [(r, p[k + 1 :]) for r, p, k in ps if k + 1 < len(p)]
        if slices:
            yield i, slices


def pairs_in_order(
    features: Sequence[Iterable[str]], min_shared: int = 1, cap: int = 200
) -> Iterator[tuple[int, int, int, int]]:
    """The pairs of :func:`pairs_sharing` as (i, j, shared, first) sorted by (i, j), one item's
    partners at a time (only those are held), where ``first`` is the index of the first posting
    the two share: sorting by (first, i, j) gives the order of :func:`pairs_sharing`."""
    for i, slices in _later_slices(features, cap):
        counts = Counter(chain.from_iterable(sl for _, sl in slices))
        kept = sorted(j for j, n in counts.items() if n >= min_shared)
        if not kept:
            continue
        first: dict[int, int] = {}
        for r, sl in reversed(slices):  # the earliest posting is written last
            first.update(dict.fromkeys(sl, r))
        for j in kept:
            yield i, j, counts[j], first[j]


def partners(
    features: Sequence[Iterable[str]], cap: int = 200
) -> Iterator[tuple[int, Counter[int]]]:
    """For each item i, in order, the later items j > i sharing features with it, with how many
    (the pairs of ``pairs_sharing``, unsorted within an item).

    Only one item's partners are counted at once, so memory stays that of the index, not that of
    the pairs (each item of a common feature pairs with up to ``cap`` others).
    """
    for i, slices in _later_slices(features, cap):
        yield i, Counter(chain.from_iterable(sl for _, sl in slices))


def pairs_at_least(
    features: Sequence[Iterable[str]], min_shared: int = 1, cap: int = 200
) -> Iterator[tuple[int, int, int]]:
    """The pairs of ``pairs_sharing`` as (i, j, shared), sorted by (i, j), one item at a time."""
    for i, counts in partners(features, cap):
        for j in sorted(j for j, n in counts.items() if n >= min_shared):
            yield i, j, counts[j]


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return list(out.values())
