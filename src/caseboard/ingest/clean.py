"""Cleaning: RawArticle -> Document.

The cleaner works on lines, then on paragraphs:

1. Lines. Blank lines separate blocks. Each line is checked against the named boilerplate
   patterns below (share menus, comment widgets, newsletter sign-up blocks, blog navigation,
   "popular posts" footers, reprint notices, image captions and credit lines, publication
   lines). A dropped line goes into ``removed`` with its reason.
2. Paragraphs. The kept lines of a block are re-flowed: a hard-wrapped block (most lines end
   mid-sentence) becomes one paragraph; otherwise each line is a paragraph unless the next line
   clearly continues it (starts in lower case, or the line is long and ends mid-sentence).
   List items (bullets, "1.") always start a paragraph.
3. The first paragraph is dropped when it equals the known title (reason ``title``); exact and
   near duplicates of an earlier paragraph are dropped, and a truncated copy ending in "…"
   gives way to the full paragraph it starts (reason ``duplicate``).

The cleaned text is the kept paragraphs joined with ``"\\n\\n"``, whitespace runs inside a
paragraph collapsed to one space. No other character of kept text is changed (no quote
normalisation), so every paragraph also occurs in the whitespace-collapsed input.
"""

from __future__ import annotations

import bisect
import difflib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from caseboard.ingest.dates import PUBLISHED_LINE, full_dates, infer_published, parse_date
from caseboard.model import DateValue, Document, RawArticle, Removed, make_id, sha256_text
from caseboard.model.records import PublishedOrigin

_WS = re.compile(r"\s+")


def collapse_ws(text: str) -> str:
    """Whitespace runs (any Unicode whitespace) to one space, ends stripped."""
    return _WS.sub(" ", text).strip()


# --- line grammar: each named pattern has an invented example line beside it ------------------
# A pattern matches the whole line (stripped), case-insensitively.


def _line(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{pattern})$", re.IGNORECASE)


# e.g. "Share this article" / "Share on Facebook" / "Tweet" / "Copy link"
SHARE_LINE = _line(
    r"share(?: this)?(?: article| story| post| page)?(?: on| via| to)?"
    r"(?: (?:facebook|twitter|x|linkedin|whatsapp|email|reddit|telegram))?:?|tweet|copy link"
    r"|email this|blogthis!|share to (?:twitter|facebook|pinterest)|print(?: this)?(?: article)?"
)
# Words of a share / text-size / line-spacing menu, one per line: "Text Size", "Medium", "Large"
MENU_WORD = _line(
    r"share|comments?|text|text size|font size|small|medium|large|larger|normal|line spacing"
    r"|print|email|e-mail|facebook|twitter|x|linkedin|whatsapp|reddit|telegram|pinterest"
    r"|flipboard|copy link|save|listen|a\+|a-|aa|other apps|get link"
)
# e.g. "Leave a Reply" / "Your email address will not be published. Required fields are marked *"
COMMENTS_LINE = _line(
    r"leave a (?:reply|comment)|post a comment|add (?:a )?comment|comments?|\d+ comments?"
    r"|your email address will not be published\.?.*|required fields are marked \*?"
    r"|(?:comment|name|email|website) ?\*?|post comment|cancel reply"
    r"|save my name, email, and website in this browser.*|join the conversation.*"
    r"|no comments(?: yet)?:?.*|be the first to comment.*"
)
# e.g. "Skip to main content" / "Home | World | Business | Sport" / "Older Posts" / "Labels: war"
NAVIGATION_LINE = _line(
    r"skip to (?:main )?content|home|menu|search(?: this blog)?|main menu|navigation"
    r"|(?:older|newer) posts?|(?:older|newer) post|previous post|next post|back to top"
    r"|subscribe to: posts? (?:comments )?\(atom\)|labels?: .{1,120}|posted by .{1,80}"
    r"|(?:[^|\n]{1,25}\|){2,}[^|\n]{1,25}|powered by blogger|report abuse"
)
# e.g. "Sign up for our free morning newsletter" / "Get the best stories delivered to your inbox"
NEWSLETTER_LINE = _line(
    r"(?:sign up|subscribe|register) (?:for|to) (?:our|the|a)? ?.{0,60}newsletters?\.?"
    r"|.{0,80}delivered (?:directly |straight )?to your inbox\.?|enter your email(?: address)?:?"
    r"|by signing up,? you agree.{0,200}|newsletters?|sign up|sign me up|subscribe(?: now)?"
    r"|subscribe to [A-Z0-9].{0,60}|get (?:our|the) .{0,60}newsletter.{0,60}"
)
# The button that ends a sign-up block: "Sign up" / "Subscribe now"
NEWSLETTER_END = _line(r"sign up|sign me up|subscribe(?: now)?|submit|join now|get started")
# e.g. "This article was originally published by the Harbour Gazette; reprinted with permission."
REPRINT_LINE = re.compile(
    r"(?:originally (?:published|appeared) (?:by|in|on|at)|(?:re)?printed with (?:the )?"
    r"permission|republished (?:here )?(?:with|under)|this (?:story|article) first appeared)",
    re.IGNORECASE,
)
# e.g. "(Image credit: Harbour Photo Agency)" / "Photo: Jane Doe/AFP" / "(Getty Images)"
CREDIT_LINE = _line(
    r"\(?(?:image|photo|picture|video)? ?(?:credit|courtesy|source)s?:.{1,80}\)?"
    r"|(?:photo|photograph|picture|image)s?(?: by|:) .{1,80}"
    r"|\((?:getty|afp|reuters|ap|epa|shutterstock|alamy)[^)]{0,60}\)"
)
# e.g. "The mayor speaks at the harbour opening on May 2, 2024 (Getty)" / "... (AP Photo/J. Doe)"
CAPTION_WITH_CREDIT = re.compile(
    r"\((?:getty(?: images)?|afp(?: via getty images)?|reuters|ap photo[^)]{0,60}|epa"
    r"|shutterstock|alamy|photo: [^)]{1,60}|image: [^)]{1,60})\)\s*$",
    re.IGNORECASE,
)
# A kicker/section label above a caption: "Venezuela" / "World news"
LABEL_LINE = re.compile(r"^[\w'’&-]+(?: [\w'’&-]+){0,2}$")
# e.g. "Popular posts from this blog" / "Related articles" / "You may also like"
RELATED_START = _line(
    r"popular posts(?: from this blog)?|related (?:posts|articles|stories|reading|coverage)"
    r"|you (?:may|might) also like|recommended(?: for you| reading)?|read next|more from .{1,40}"
    r"|most (?:read|popular)|trending(?: now)?|more stories"
)
# e.g. "Continue reading for free" / "We hope you're enjoying our journalism"
PAYWALL_START = _line(
    r"continue reading(?: for free)?|we hope you(?:'|’)re enjoying .{0,120}"
    r"|subscribed to .{1,60}\? .{0,200}|already a subscriber\?.{0,120}"
    r"|to continue reading.{0,120}|this article is for subscribers.{0,80}"
)
# e.g. "Published 12 March 2024" / "Updated: March 12, 2024 9:14 am" (short lines only)
PUBLICATION_LINE = PUBLISHED_LINE
_PUBLICATION_LINE_MAX = 80

# --- paragraph grammar ------------------------------------------------------------------------
# e.g. "• Oil output fell" / "· Ports" / "- item" / "1. The first step" / "2) Second"
LIST_ITEM = re.compile(r"^(?:[•·▪‣◦∙●○■□➢→*–—-]\s+|\d{1,3}[.)]\s+|\(\w\)\s+)")
_CLOSERS = "\"'”’»)]"
_TERMINAL = ".!?:;…"
# A line this long that ends mid-sentence was wrapped by the writer, not ended.
_WRAP_MIN = 55
_DUP_MIN = 40
_TRUNCATION_MIN = 30
_NEAR_DUP_MIN = 80
_NEAR_DUP_RATIO = 0.92
_NEWSLETTER_WINDOW = 8
# Only boilerplate in the last part of an article cuts the tail ("Popular posts ...").
_TAIL_FROM = 0.5


@dataclass(slots=True)
class _Line:
    text: str
    block: int
    reason: str | None = None


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _starts_lower(line: str) -> bool:
    first = line.lstrip(_CLOSERS + "“‘([")
    return bool(first) and first[0].islower()


def _split_lines(text: str) -> list[_Line]:
    text = re.sub(r"\r\n?|[\f\v\x85\u2028\u2029]", "\n", text)
    lines: list[_Line] = []
    block = 0
    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if not line:
            block += 1
            continue
        lines.append(_Line(line, block))
    return lines


def _mark(lines: list[_Line], index: int, reason: str) -> None:
    if lines[index].reason is None:
        lines[index].reason = reason


def _mark_single_lines(lines: list[_Line], notes: list[str]) -> None:
    for i, line in enumerate(lines):
        text = line.text
        if len(text) <= 300 and REPRINT_LINE.search(text):
            line.reason = "reprint_notice"
            notes.append(collapse_ws(text))
        elif SHARE_LINE.match(text):
            line.reason = "share_menu"
        elif COMMENTS_LINE.match(text) and not MENU_WORD.match(text):
            line.reason = "comments"
        elif NAVIGATION_LINE.match(text):
            line.reason = "navigation"
        elif CREDIT_LINE.match(text) and len(text) <= 100:
            line.reason = "caption"
            # the caption text just above its credit line, in the same block
            if i > 0 and lines[i - 1].block == line.block and len(lines[i - 1].text) <= 300:
                lines[i - 1].reason = "caption"
                _mark_label(lines, i - 1)
        elif CAPTION_WITH_CREDIT.search(text) and len(text) <= 400:
            line.reason = "caption"
            _mark_label(lines, i)
        elif (
            len(text) <= _PUBLICATION_LINE_MAX
            and (match := PUBLICATION_LINE.match(text))
            and full_dates(match["rest"])
        ):
            line.reason = "publication_line"


def _mark_label(lines: list[_Line], caption: int) -> None:
    """A one-to-three word label line right above a caption, in its block, goes with it."""
    if caption > 0:
        above = lines[caption - 1]
        if above.block == lines[caption].block and LABEL_LINE.match(above.text):
            above.reason = "caption"


def _mark_menus(lines: list[_Line]) -> None:
    """Runs of three or more menu words, one per line, are a share / text-size menu."""
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and MENU_WORD.match(lines[j].text):
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                lines[k].reason = "share_menu"
        elif j - i > 0 and lines[i].text.casefold() in {"comments", "comment"}:
            lines[i].reason = "comments"
        i = max(j, i + 1)


def _mark_newsletters(lines: list[_Line]) -> None:
    """A sign-up prompt, and the promo lines after it up to its button, are a newsletter block."""
    for i, line in enumerate(lines):
        if NEWSLETTER_END.match(line.text):  # a lone "Sign up" button
            _mark(lines, i, "newsletter")
            continue
        if not NEWSLETTER_LINE.match(line.text):
            continue
        line.reason = "newsletter"
        window = range(i + 1, min(len(lines), i + 1 + _NEWSLETTER_WINDOW))
        end = next((k for k in window if NEWSLETTER_END.match(lines[k].text)), None)
        if end is not None:
            for k in range(i + 1, end + 1):
                lines[k].reason = "newsletter"


def _mark_tail(lines: list[_Line]) -> None:
    """Related-posts and paywall footers in the last part of the text drop everything after."""
    start = int(len(lines) * _TAIL_FROM)
    for i in range(start, len(lines)):
        text = lines[i].text
        reason = (
            "related_posts"
            if RELATED_START.match(text)
            else "paywall"
            if PAYWALL_START.match(text)
            else None
        )
        if reason is not None:
            for k in range(i, len(lines)):
                _mark(lines, k, reason)
            return


def _is_wrapped(lines: list[str]) -> bool:
    """Most lines of the block end mid-sentence: the writer's editor wrapped them."""
    inner = [line for line in lines[:-1] if not LIST_ITEM.match(line)]
    if not inner:
        return False
    open_lines = sum(1 for line in inner if not _ends_sentence(line))
    return open_lines * 2 >= len(inner)


def _reflow(lines: list[str]) -> list[str]:
    """The kept lines of one block -> paragraphs (see module docstring)."""
    wrapped = _is_wrapped(lines)
    paragraphs: list[list[str]] = []
    for line in lines:
        if not paragraphs or LIST_ITEM.match(line):
            paragraphs.append([line])
            continue
        previous = paragraphs[-1][-1]
        continues = (
            wrapped
            or _starts_lower(line)
            or (len(previous) >= _WRAP_MIN and not _ends_sentence(previous))
        )
        if continues:
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return [collapse_ws(" ".join(p)) for p in paragraphs]


def _paragraphs(lines: list[_Line]) -> list[str]:
    result: list[str] = []
    run: list[str] = []
    block: int | None = None
    for line in lines:
        if line.reason is not None or line.block != block:
            if run:
                result.extend(_reflow(run))
            run = []
            block = line.block
        if line.reason is None:
            run.append(line.text)
            block = line.block
    if run:
        result.extend(_reflow(run))
    return result


def _key(text: str) -> str:
    return collapse_ws(text).casefold()


def _truncated_prefix(text: str) -> str | None:
    for tail in ("…", "..."):
        if text.endswith(tail):
            prefix = text[: -len(tail)].rstrip()
            if len(prefix) >= _TRUNCATION_MIN:
                return prefix.casefold()
    return None


def _ratio(matches: int, total: int) -> float:
    return 2.0 * matches / total  # difflib's _calculate_ratio (both strings are non-empty here)


@dataclass(slots=True)
class _NearDup:
    """Near-duplicate test of paragraph keys, cheapest bound first.

    The same three bounds as ``difflib.SequenceMatcher`` (``real_quick_ratio`` from the lengths,
    ``quick_ratio`` from the character counts, then the full ``ratio``), with each key's
    character counts computed once instead of once per pair: the full matcher only runs for
    the rare pairs whose counts already agree.
    """

    counts: dict[int, Counter[str]] = field(default_factory=dict)
    # character counts folded into 128 bins (code point mod 128): merging bins can only raise
    # the sum of the per-character minima, so the binned sum bounds ``quick_ratio`` from above
    # and is one vector operation instead of a Counter intersection
    bins: dict[int, npt.NDArray[np.int32]] = field(default_factory=dict)

    def count(self, i: int, key: str) -> Counter[str]:
        c = self.counts.get(i)
        if c is None:
            c = self.counts[i] = Counter(key)
        return c

    def binned(self, i: int, key: str) -> npt.NDArray[np.int32]:
        v = self.bins.get(i)
        if v is None:
            codes = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32) & 127
            v = self.bins[i] = np.bincount(codes, minlength=128).astype(np.int32)
        return v

    def __call__(self, i: int, a: str, j: int, b: str) -> bool:
        la, lb = len(a), len(b)
        if la < _NEAR_DUP_MIN or lb < _NEAR_DUP_MIN:
            return False
        total = la + lb
        if _ratio(min(la, lb), total) < _NEAR_DUP_RATIO:
            return False
        binned = int(np.minimum(self.binned(i, a), self.binned(j, b)).sum())
        if _ratio(binned, total) < _NEAR_DUP_RATIO:
            return False
        common = self.count(i, a) & self.count(j, b)
        if _ratio(sum(common.values()), total) < _NEAR_DUP_RATIO:
            return False
        return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= _NEAR_DUP_RATIO


def _near_lengths(n: int) -> tuple[float, float]:
    """Lengths a key may have and still pass the length bound against a key of length ``n``
    (``2 min / (sum) >= ratio``), widened by one so that rounding never drops a pair: the exact
    bounds are tested again for the pairs inside."""
    r = _NEAR_DUP_RATIO
    return n * r / (2 - r) - 1, n * (2 - r) / r + 1


def _drop_duplicates(paragraphs: list[str], removed: list[Removed]) -> list[str]:
    keys = [_key(p) for p in paragraphs]
    near = _NearDup()
    kept: list[int] = []
    # the kept paragraphs by key length: a near duplicate is only looked for among the lengths
    # that can pass the length bound (a pair test per kept paragraph was most of the cleaning)
    by_length: list[tuple[int, int]] = []
    seen: set[str] = set()

    def keep(i: int) -> None:
        kept.append(i)
        bisect.insort(by_length, (len(keys[i]), i))

    def near_kept(i: int, key: str) -> bool:
        lo, hi = _near_lengths(len(key))
        start = bisect.bisect_left(by_length, (math.ceil(lo), -1))
        end = bisect.bisect_right(by_length, (math.floor(hi), len(keys)))
        return any(near(j, keys[j], i, key) for _, j in by_length[start:end])

    for i, (paragraph, key) in enumerate(zip(paragraphs, keys, strict=True)):
        if LIST_ITEM.match(paragraph):  # reference lists may legitimately repeat items
            seen.add(key)
            keep(i)
            continue
        prefix = _truncated_prefix(key)
        if prefix is not None and any(
            j != i and keys[j].startswith(prefix) and len(keys[j]) > len(prefix) + 1
            for j in range(len(keys))
        ):
            removed.append(Removed(paragraph, "duplicate"))
            continue
        if len(key) >= _DUP_MIN and (key in seen or near_kept(i, key)):
            removed.append(Removed(paragraph, "duplicate"))
            continue
        seen.add(key)
        keep(i)
    return [paragraphs[i] for i in kept]


_QUOTE_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _title_key(text: str) -> str:
    """Comparison key only (the text itself is never changed): case, quotes, end punctuation."""
    return _key(text).translate(_QUOTE_FOLD).rstrip(".:!?").strip("\"' ")


def _group_removed(lines: Iterable[_Line]) -> list[Removed]:
    """Consecutive dropped lines with the same reason become one Removed passage."""
    groups: list[Removed] = []
    last: _Line | None = None
    for line in lines:
        if line.reason is None:
            last = None
            continue
        if last is not None and groups and groups[-1].reason == line.reason:
            groups[-1] = Removed(f"{groups[-1].text}\n{line.text}", line.reason)
        else:
            groups.append(Removed(line.text, line.reason))
        last = line
    return groups


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    title: str | None
    removed: tuple[Removed, ...]
    notes: tuple[str, ...]


def clean_text(text: str, title: str | None = None) -> Cleaned:
    """Clean article text (see module docstring). Never raises on any input string."""
    notes: list[str] = []
    lines = _split_lines(text)
    passes: tuple[Callable[[list[_Line]], None], ...] = (
        _mark_menus,
        _mark_newsletters,
        _mark_tail,
    )
    _mark_single_lines(lines, notes)
    for mark in passes:
        mark(lines)
    removed = _group_removed(lines)
    paragraphs = _paragraphs(lines)
    if paragraphs and title and _title_key(paragraphs[0]) == _title_key(title):
        removed.append(Removed(paragraphs.pop(0), "title"))
    paragraphs = _drop_duplicates(paragraphs, removed)
    return Cleaned("\n\n".join(paragraphs), title, tuple(removed), tuple(notes))


def _published(
    raw: RawArticle, body: str, notes: list[str]
) -> tuple[DateValue | None, PublishedOrigin]:
    if raw.published and raw.published.strip():
        value = parse_date(raw.published)
        if value is not None:
            return value, raw.published_origin if raw.published_origin != "unknown" else "metadata"
        notes.append(
            f"published date {raw.published!r} ({raw.published_origin}) is not a valid date;"
            " ignored"
        )
    inferred = infer_published(raw.text, body)
    if inferred is not None:
        return inferred, "inferred"
    return None, "unknown"


def to_document(raw: RawArticle) -> Document:
    """Clean a RawArticle; raise ValueError naming the source when no text is left."""
    cleaned = clean_text(raw.text, raw.title)
    if not cleaned.text:
        raise ValueError(f"{raw.source}: no article text left after cleaning")
    notes = [*raw.notes, *cleaned.notes]
    published, origin = _published(raw, cleaned.text, notes)
    return Document(
        id=make_id("doc", sha256_text(cleaned.text)),
        source=raw.source,
        title=raw.title,
        outlet=raw.outlet,
        published=published,
        published_origin=origin,
        text=cleaned.text,
        text_sha256=sha256_text(cleaned.text),
        raw_sha256=raw.raw_sha256,
        url=raw.url,
        removed=(*raw.removed, *cleaned.removed),
        notes=tuple(dict.fromkeys(notes)),
    )
