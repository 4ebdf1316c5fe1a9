"""Content-hash ids: the same content always gets the same id, so reruns are reproducible."""

from __future__ import annotations

import hashlib


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_id(prefix: str, *parts: object) -> str:
    """``prefix`` + 16 hex digits of a hash over the parts (joined with a unit separator)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return f"{prefix}_{hashlib.sha256(joined.encode('utf-8')).hexdigest()[:16]}"
