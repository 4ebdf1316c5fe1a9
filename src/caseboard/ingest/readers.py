"""Read sources into RawArticles (first pass: .txt only; the full readers replace this)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from caseboard.model import Failure, RawArticle, sha256_bytes
from caseboard.settings import Settings


def read_sources(
    sources: Sequence[str], settings: Settings, manifest: Path | None = None
) -> Iterator[RawArticle | Failure]:
    for src in sources:
        path = Path(src)
        files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
        for f in files:
            try:
                data = f.read_bytes()
            except OSError as exc:
                yield Failure(str(f), "ingest", f"cannot read: {exc.strerror}")
                continue
            yield RawArticle(
                source=str(f), text=data.decode("utf-8"), raw_sha256=sha256_bytes(data)
            )
