"""Turn raw bytes into text, or say plainly why they are not text.

Order of attempts: a byte-order mark (UTF-8, UTF-16 LE/BE), strict UTF-8, then cp1252 (Windows
"smart quotes" saved by office software), then latin-1 (which decodes any byte). NUL bytes in a
file without a UTF-16 BOM mean binary data and are refused, as are texts full of control
characters after decoding.
"""

from __future__ import annotations

import codecs
import re

from caseboard.errors import InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, carriage return and form feed (counted by one
# regular-expression scan, not a Python loop over every character of every input).
_CONTROL = frozenset(chr(c) for c in range(32) if c not in (9, 10, 12, 13)) | {"\x7f"}
_CONTROL_RE = re.compile("[" + "".join(sorted(_CONTROL)) + "]")
_MAX_CONTROL_SHARE = 0.01


def decode_bytes(data: bytes, source: str) -> str:
    """Decode ``data``; raise :class:`InputError` naming ``source`` when it is not text."""
    if not data.strip():
        raise InputError(source, "empty input (no text)")
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(source, f"invalid {encoding} text: {exc.reason}") from exc
            break
    if text is None:
        if b"\x00" in data:
            raise InputError(source, "binary data (NUL bytes), not text")
        for encoding in ("utf-8", "cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if text is None:  # pragma: no cover - latin-1 decodes every byte
        raise InputError(source, "undecodable bytes")
    controls = len(_CONTROL_RE.findall(text))
    if controls > max(2, len(text) * _MAX_CONTROL_SHARE):
        raise InputError(source, f"binary data ({controls} control characters), not text")
    if not text.strip():
        raise InputError(source, "empty input (no text)")
    return text
