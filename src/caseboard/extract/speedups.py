"""Equivalent, faster stand-ins for two of the spaCy model's own components.

Profiled on PolNeAR train articles with en_core_web_sm (docs/benchmarks.md, "Pipeline
components"): the stock ``attribute_ruler`` runs a ``Matcher`` of 179 patterns over every token
(about 10% of the parse) and the rule ``lemmatizer`` visits every token in Python (about 8%),
although both compute a function of a handful of token attributes that takes few distinct
values in a corpus. The stand-ins compute the same function once per distinct value and write
the result into the Doc:

- :class:`MemoAttributeRuler`: each pattern token is a predicate over the token's attributes
  (``LOWER``, ``TAG``, ``DEP``, ``IS_SPACE``, ...), evaluated once per distinct combination;
  matches are applied in the stock order (pattern number, later rules win) from the
  attributes as they were before any rule, as the stock ruler matches first and sets after.
- :class:`MemoLemmatizer`: the stock ``rule_lemmatize`` keyed by (orth, pos, morph), the key
  the stock cache already uses, but also for the forms it returns without caching (proper
  nouns, base forms), and written with one ``Doc.from_array``.

Both keep the stock component and defer to it for anything they do not model (a pattern with
an operator or an attribute not listed here, a lemmatizer in another mode or overwriting), so
another model gets the stock behaviour. ``tests/unit/extract/test_speedups.py`` checks tags,
POS, morphology, lemmas and dependencies identical to the stock pipeline; the benchmark
``benchmarks/throughput.py`` keeps bare stock spaCy as its floor.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# the token attributes a pattern may test, as Doc.to_array columns, and how to read each
_ATTRS = ("LOWER", "ORTH", "TAG", "POS", "DEP", "IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT")
_BOOL = {"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT"}

Predicate = Callable[[Mapping[str, Any]], bool]
# the attribute a pattern token is looked up by, when it tests one for equality or membership
_INDEX_ORDER = ("LOWER", "ORTH", "TAG", "DEP", "POS")
_MEMO_LIMIT = 200_000  # distinct token rows (or lemma keys) remembered before a memo starts over


def _equals(attr: str, want: object) -> Predicate:
    return lambda v: bool(v[attr] == want)


def _member(attr: str, values: frozenset[Any], inside: bool) -> Predicate:
    return lambda v: (v[attr] in values) is inside


def _search(attr: str, rx: re.Pattern[str]) -> Predicate:
    return lambda v: rx.search(v[attr]) is not None


Compiled = tuple[Predicate, tuple[str, frozenset[Any]] | None]


def _predicate(spec: Mapping[str, Any]) -> Compiled | None:
    """One pattern token as a predicate over its attribute values, with the (attribute,
    values) it can be looked up by; None when it uses what this module does not model (an
    operator, another attribute, another kind of test)."""
    tests: list[Predicate] = []
    exact: dict[str, frozenset[Any]] = {}
    for attr, want in spec.items():
        if attr not in _ATTRS:
            return None
        if isinstance(want, (str, bool)):
            tests.append(_equals(attr, want))
            exact[attr] = frozenset([want])
        elif isinstance(want, dict) and len(want) == 1:
            ((op, arg),) = want.items()
            if op == "IN" and isinstance(arg, list):
                tests.append(_member(attr, frozenset(arg), True))
                exact[attr] = frozenset(arg)
            elif op == "NOT_IN" and isinstance(arg, list):
                tests.append(_member(attr, frozenset(arg), False))
            elif op == "REGEX" and isinstance(arg, str) and attr not in _BOOL:
                tests.append(_search(attr, re.compile(arg)))
            else:
                return None
        else:
            return None
    index = next(((a, exact[a]) for a in _INDEX_ORDER if a in exact), None)
    return (lambda v: all(t(v) for t in tests)), index


# per distinct token: (the one-token rules it matches, ascending; the (rule, position) pairs
# of the longer rules it meets; whether a longer rule can start at it)
_Row = tuple[tuple[int, ...], frozenset[tuple[int, int]], bool]


class MemoAttributeRuler:
    """The stock ``attribute_ruler``'s output, its patterns evaluated once per distinct token
    and only those that can match it (looked up by the word or tag they require)."""

    def __init__(self, stock: Any) -> None:
        from spacy.attrs import IDS  # noqa: PLC0415

        self.stock = stock
        self.modelled = True
        # (rule number, pattern length, index of the token it sets), by position in the list
        self.rules: list[tuple[int, int, int]] = []
        self.preds: dict[tuple[int, int], Predicate] = {}
        self.lookup: dict[tuple[str, Any], list[tuple[int, int]]] = {}
        self.always: list[tuple[int, int]] = []
        used: set[str] = set()
        for n, patterns in _matcher_patterns(stock):
            for pattern in patterns:
                index = stock.indices[n]
                if not pattern or not -len(pattern) <= index < len(pattern):
                    self.modelled = False  # (the stock ruler raises for such an index)
                    return
                k = len(self.rules)
                self.rules.append((n, len(pattern), index))
                for j, spec in enumerate(pattern):
                    compiled = _predicate(spec)
                    if compiled is None:
                        self.modelled = False
                        return
                    self.preds[(k, j)], by = compiled
                    used.update(spec)
                    if by is None:
                        self.always.append((k, j))
                    else:
                        for value in by[1]:
                            self.lookup.setdefault((by[0], value), []).append((k, j))
        self.attrs_used = tuple(a for a in _ATTRS if a in used)
        self.columns = [IDS[a] for a in self.attrs_used]
        self.multi = [k for k, r in enumerate(self.rules) if r[1] > 1]
        self._rows: dict[tuple[int, ...], _Row] = {}
        self._merged: dict[tuple[int, ...], dict[int, Any]] = {}

    def _row(self, row: tuple[int, ...]) -> _Row:
        got = self._rows.get(row)
        if got is not None:
            return got
        strings = self.stock.vocab.strings
        values = {
            a: bool(h) if a in _BOOL else strings[h]
            for a, h in zip(self.attrs_used, row, strict=True)
        }
        candidates = list(self.always)
        for a in _INDEX_ORDER:
            if a in values:
                candidates += self.lookup.get((a, values[a]), ())
        met = {kj for kj in candidates if self.preds[kj](values)}
        singles = tuple(sorted(self.rules[k][0] for k, j in met if self.rules[k][1] == 1))
        longer = frozenset(kj for kj in met if self.rules[kj[0]][1] > 1)
        got = (singles, longer, any(j == 0 for _, j in longer))
        if len(self._rows) >= _MEMO_LIMIT:
            self._rows.clear()
        self._rows[row] = got
        return got

    def __call__(self, doc: Doc) -> Doc:
        if not self.modelled:
            return self.stock(doc)  # type: ignore[no-any-return]
        from spacy.tokens._retokenize import set_token_attrs  # noqa: PLC0415

        n = len(doc)
        if not n:
            return doc
        table = doc.to_array(self.columns).reshape(n, len(self.columns))  # 1-D for one column
        values = cast("list[list[int]]", table.tolist())  # uint64 -> Python ints
        rows = [self._row(tuple(r)) for r in values]
        hits: list[list[int]] = [list(r[0]) for r in rows]  # rule numbers per target token
        extra = False
        for i, (_, longer, opens) in enumerate(rows):
            if not opens:
                continue
            for k in self.multi:
                num, length, index = self.rules[k]
                if (
                    (k, 0) in longer
                    and i + length <= n
                    and all((k, j) in rows[i + j][1] for j in range(1, length))
                ):
                    hits[i + (index if index >= 0 else length + index)].append(num)
                    extra = True
        attrs = self.stock.attrs
        for i, nums in enumerate(hits):
            if not nums:
                continue
            if extra:
                nums.sort()  # the stock order: by rule number, later rules win
            key = tuple(nums)
            merged = self._merged.get(key)
            if merged is None:
                merged = {}
                for num in key:
                    merged.update(attrs[num])
                self._merged[key] = merged
            set_token_attrs(doc[i], merged)
        return doc


def _matcher_patterns(stock: Any) -> list[tuple[int, list[list[dict[str, Any]]]]]:
    """(rule number, its token patterns) of the stock ruler, in the order they were added (the
    ruler keys rule n as the string 'n' in its matcher)."""
    out: list[tuple[int, list[list[dict[str, Any]]]]] = []
    for n in range(len(stock.attrs)):
        got = stock.matcher.get(stock.vocab.strings[str(n)])
        out.append((n, list(got[1]) if got is not None else []))
    return out


class MemoLemmatizer:
    """The stock rule ``lemmatizer``'s output, computed once per (orth, pos, morph)."""

    def __init__(self, stock: Any) -> None:
        self.stock = stock
        self.modelled = getattr(stock, "mode", None) == "rule" and not stock.overwrite
        self._lemma: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not self.modelled:
            return self.stock(doc)  # type: ignore[no-any-return]
        from spacy.attrs import LEMMA, MORPH, ORTH, POS  # noqa: PLC0415

        if not getattr(self.stock, "_validated", True):
            from spacy.errors import Errors  # noqa: PLC0415

            self.stock._validate_tables(Errors.E1004)
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = arr[:, 3].copy()
        strings = doc.vocab.strings
        for i in (lemmas == 0).nonzero()[0].tolist():
            key = (int(arr[i, 0]), int(arr[i, 1]), int(arr[i, 2]))
            h = self._lemma.get(key)
            if h is None:
                if len(self._lemma) >= _MEMO_LIMIT:
                    self._lemma.clear()  # bounded, as the ruler's memo
                h = self._lemma[key] = strings.add(self.stock.lemmatize(doc[i])[0])
            lemmas[i] = h
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]
        return doc


_FACTORIES: dict[str, tuple[str, type[MemoAttributeRuler] | type[MemoLemmatizer]]] = {
    "attribute_ruler": ("caseboard_memo_attribute_ruler", MemoAttributeRuler),
    "lemmatizer": ("caseboard_memo_lemmatizer", MemoLemmatizer),
}


def install(nlp: Language) -> None:
    """Swap in the stand-ins for the model's ``attribute_ruler`` and ``lemmatizer``, each in
    the place and under the name of the stock one (idempotent; a component the stand-in does
    not model stays stock)."""
    from spacy.language import Language  # noqa: PLC0415

    for name, (factory, cls) in _FACTORIES.items():
        if name not in nlp.pipe_names or isinstance(nlp.get_pipe(name), cls):
            continue
        if not Language.has_factory(factory):
            Language.factory(factory, func=_make(cls))
        added = f"{factory}_new"
        memo = nlp.add_pipe(factory, name=added, after=name, config={"stock": name})
        if getattr(memo, "modelled", False):
            nlp.remove_pipe(name)
            nlp.rename_pipe(added, name)
        else:
            nlp.remove_pipe(added)


def _make(cls: type[MemoAttributeRuler] | type[MemoLemmatizer]) -> Callable[..., Any]:
    """The factory of a stand-in: it wraps the stock pipe named ``stock``, still in place."""

    def make(nlp: Language, name: str, stock: str) -> MemoAttributeRuler | MemoLemmatizer:
        return cls(nlp.get_pipe(stock))

    return make
