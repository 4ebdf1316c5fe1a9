"""Print candidate spans with RAW-text offsets to speed up hand annotation of a corpus file.

Usage: python tests/golden/tools/candidates.py ../shared/corpus/venezuela/000_*.txt [--nlp]

Prints quoted segments (curly and straight quote marks), number and date-like tokens and, with
``--nlp``, spaCy PERSON entities. It only proposes: every gold item is decided by the annotator.
The output contains the article's text, so never redirect it into the repository.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# “The harbour comes next,” he said  -> a curly double-quoted segment
CURLY_DOUBLE = re.compile(r"“([^”]{1,2000})”")
# said "no" -> a straight double-quoted segment
STRAIGHT_DOUBLE = re.compile(r'"([^"]{1,2000})"')
# ‘Too little, too late’ -> a curly single-quoted segment (apostrophes make this noisy)
CURLY_SINGLE = re.compile(r"(?<![A-Za-z])‘([^’]{2,300})’(?![A-Za-z])")
MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# on Thursday / in mid-October / 28 Mar 2019 / 2019 / earlier this year / two days earlier
DATE_LIKE = re.compile(
    rf"\b(?:(?:early|mid|late)[- ])?{MONTHS}\b(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?"
    rf"|\b\d{{1,2}}\s+{MONTHS}\s+\d{{4}}"
    r"|\b(?:1[89]|20)\d\d(?:s)?\b"
    r"|\b(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
    r"|\b(?:this|last|next|earlier this|later this)\s+(?:week|month|year)\b"
    r"|\b(?:today|yesterday|tomorrow)\b"
    r"|\b\w+ (?:days?|weeks?|months?|years?) (?:earlier|later|ago|before)\b"
)
# $12 billion / 5,000 / 33.4% / nearly 100 / two
NUMBER_LIKE = re.compile(
    r"\$?\d[\d,.]*\s*(?:%|percent|billion|million|thousand)?"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?)\b",
    re.IGNORECASE,
)


def show(kind: str, text: str, start: int, end: int) -> None:
    line = text.count("\n", 0, start) + 1
    print(f"{kind:6} {start:6} {end:6} L{line:<4} {text[start:end]!r}")


def main(argv: list[str]) -> int:
    use_nlp = "--nlp" in argv
    for name in (a for a in argv if not a.startswith("--")):
        text = Path(name).read_text(encoding="utf-8")
        print(f"== {name} ({len(text)} chars)")
        for pattern in (CURLY_DOUBLE, STRAIGHT_DOUBLE, CURLY_SINGLE):
            for m in pattern.finditer(text):
                show("QUOTE", text, m.start(1), m.end(1))
        for m in DATE_LIKE.finditer(text):
            show("DATE", text, m.start(), m.end())
        for m in NUMBER_LIKE.finditer(text):
            if m.group().strip():
                show("NUM", text, m.start(), m.end())
        if use_nlp:
            from caseboard.extract.nlp import load_nlp
            from caseboard.settings import Settings

            for ent in load_nlp(Settings().spacy_model)(text).ents:
                if ent.label_ == "PERSON":
                    show("PERSON", text, ent.start_char, ent.end_char)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
