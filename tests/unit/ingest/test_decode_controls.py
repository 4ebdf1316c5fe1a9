"""The control-character count of ``decode_bytes`` (one regex scan) counts the same set."""

from __future__ import annotations

import sys

from caseboard.ingest.decode import _CONTROL, _CONTROL_RE


def test_the_scan_finds_exactly_the_control_characters() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert _CONTROL_RE.findall(every) == [c for c in every if c in _CONTROL]
