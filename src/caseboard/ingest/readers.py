"""Read sources into RawArticles: files, folders, globs, JSONL dumps, URLs and manifests.

``read_sources`` yields one :class:`RawArticle` per article, or one :class:`Failure` per input
that could not be read (naming the input and the problem); other inputs still proceed.

Supported inputs:

* ``.txt`` / ``.md``: plain text with optional YAML front matter (``title``, ``outlet``,
  ``published``, ``url``; origin ``metadata``).
* ``.html`` / ``.htm``: main text and metadata extracted with trafilatura (origin ``html``).
* ``.jsonl``: one article per line, ``text`` or ``html`` plus optional ``title``, ``outlet``,
  ``published``, ``url``, ``source``; a broken line is a Failure naming the file and line.
* folders (recursive, supported extensions, sorted; README/LICENSE/CHANGELOG files skipped)
  and glob patterns.
* ``http(s)://`` URLs, fetched under the limits in :mod:`caseboard.ingest.fetch`.
* a manifest (``manifest.csv`` or ``.json``; columns ``file,title,outlet,published,url``)
  supplying metadata for files (origin ``manifest``). A folder holding ``manifest.csv`` (or
  ``manifest.json``) uses it unless a manifest is given explicitly.

``RawArticle.text`` is always plain text: HTML is extracted here, and ``is_html`` records that
it was. ``raw_sha256`` is the hash of the raw bytes (the file, the JSONL line, or the fetched
body), used to skip unchanged inputs.
"""

from __future__ import annotations

import csv
import glob
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from caseboard.errors import InputError
from caseboard.ingest.decode import decode_bytes
from caseboard.model import Failure, RawArticle, sha256_bytes
from caseboard.settings import Settings

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MANIFEST_NAMES = ("manifest.csv", "manifest.json")
MANIFEST_FIELDS = ("title", "outlet", "published", "url")
# Folder walks skip a collection's own paperwork: "README.md", "LICENSE.txt", "CHANGELOG.md"
NOT_ARTICLES = re.compile(r"^(?:readme|license|licence|changelog|contributing)(?:\.|$)", re.I)

# e.g. "https://example.org/a", "ftp://host/f" (any scheme; non-http ones are refused)
URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
# YAML front matter: "---\ntitle: Harbour budget approved\n---\n"
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_GLOB_CHARS = frozenset("*?[")
# Extracted HTML counts as an article only if one paragraph has at least this many words.
_MIN_PARAGRAPH_WORDS = 8

_STAGE = "ingest"


@dataclass(frozen=True, slots=True)
class ManifestRow:
    path: Path
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


# --- metadata helpers -------------------------------------------------------------------------


def _meta_str(value: object) -> str | None:
    """A metadata value as a stripped string (YAML dates become ISO strings); empty -> None."""
    if value is None:
        return None
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    text = text.strip()
    return text or None


def _with_metadata(raw: RawArticle, meta: Mapping[str, object], origin: str) -> RawArticle:
    """Overlay non-empty metadata fields on ``raw``; ``published`` gets ``origin``."""
    changes: dict[str, Any] = {}
    for key in ("title", "outlet", "url"):
        value = _meta_str(meta.get(key))
        if value is not None:
            changes[key] = value
    published = _meta_str(meta.get("published", meta.get("date")))
    if published is not None:
        changes["published"] = published
        changes["published_origin"] = origin
    return replace(raw, **changes) if changes else raw


# --- HTML ------------------------------------------------------------------------------------


def extract_html(html: str | bytes, source: str, url: str | None = None) -> RawArticle:
    """Main text and metadata of an HTML page with trafilatura; InputError when there is none."""
    import trafilatura  # noqa: PLC0415 (heavy; only when HTML is read)

    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(result, "text", None) if result is not None else None
    if not text or not any(len(line.split()) >= _MIN_PARAGRAPH_WORDS for line in text.split("\n")):
        # trafilatura falls back to whatever is left (menu words, ad labels): not an article
        raise InputError(source, "no main text found in the HTML after extraction")
    # trafilatura puts one block element per line: make each a paragraph for the cleaner.
    body = "\n\n".join(line for line in str(text).split("\n") if line.strip())
    date = getattr(result, "date", None)
    return RawArticle(
        source=source,
        text=body,
        title=_meta_str(getattr(result, "title", None)),
        outlet=_meta_str(getattr(result, "sitename", None)),
        published=_meta_str(date),
        published_origin="html" if date else "unknown",
        url=_meta_str(getattr(result, "url", None)) or url,
        is_html=True,
    )


# --- files -----------------------------------------------------------------------------------


def _read_bytes(path: Path, settings: Settings) -> bytes:
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise InputError(
                str(path),
                f"file too large: {size} bytes, limit {settings.max_file_bytes} (max_file_bytes)",
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc


def _read_text_file(path: Path, data: bytes) -> RawArticle:
    source = str(path)
    text = decode_bytes(data, source)
    meta: dict[str, object] = {}
    if match := FRONT_MATTER.match(text):
        try:
            loaded = yaml.safe_load(match["yaml"])
        except yaml.YAMLError as exc:
            raise InputError(source, f"invalid YAML front matter: {exc}") from exc
        if loaded is not None and not isinstance(loaded, dict):
            raise InputError(source, "front matter is not a mapping of fields")
        meta = loaded or {}
        text = text[match.end() :]
        if not text.strip():
            raise InputError(source, "empty input (front matter only, no text)")
    raw = RawArticle(source=source, text=text, raw_sha256=sha256_bytes(data))
    return _with_metadata(raw, meta, "metadata")


def _read_jsonl(path: Path, data: bytes) -> Iterator[RawArticle | Failure]:
    text = decode_bytes(data, str(path))
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            yield _jsonl_article(line, where)
        except InputError as exc:
            yield Failure(where, _STAGE, exc.problem)


def _jsonl_article(line: str, where: str) -> RawArticle:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"invalid JSON: {exc.msg} (column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise InputError(where, "line is not a JSON object")
    source = _meta_str(record.get("source")) or where
    raw_sha = sha256_bytes(line.encode("utf-8"))
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        raw = RawArticle(source=source, text=text, raw_sha256=raw_sha)
    elif isinstance(html, str) and html.strip():
        raw = replace(extract_html(html, source, _meta_str(record.get("url"))), raw_sha256=raw_sha)
    else:
        raise InputError(where, "no non-empty 'text' or 'html' field")
    return _with_metadata(raw, record, "metadata")


def read_file(path: Path, settings: Settings) -> Iterator[RawArticle | Failure]:
    """All articles in one file (one, or one per line for JSONL)."""
    try:
        data = _read_bytes(path, settings)
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, data)
        elif suffix in HTML_SUFFIXES:
            decode_bytes(data, str(path))  # empty / binary input is refused the same way
            raw = extract_html(data, str(path))
            yield replace(raw, raw_sha256=sha256_bytes(data))
        elif suffix in TEXT_SUFFIXES:
            yield _read_text_file(path, data)
        else:
            yield Failure(str(path), _STAGE, f"unsupported file type {path.suffix or '(none)'!r}")
    except InputError as exc:
        yield Failure(exc.source, _STAGE, exc.problem)


# --- URLs ------------------------------------------------------------------------------------


def read_url(url: str, settings: Settings) -> RawArticle:
    """Fetch and extract one URL; InputError naming the URL on any problem."""
    from caseboard.ingest.fetch import fetch_url  # noqa: PLC0415 (httpx only when needed)

    fetched = fetch_url(url, settings)
    content_type = fetched.content_type.split(";", 1)[0].strip().lower()
    if content_type.startswith("text/plain"):
        raw = RawArticle(source=url, text=decode_bytes(fetched.content, url), url=fetched.url)
    elif content_type and "html" not in content_type and "xml" not in content_type:
        raise InputError(url, f"unsupported content type {content_type!r}")
    else:
        decode_bytes(fetched.content, url)
        raw = extract_html(fetched.content, url, fetched.url)
        if raw.url is None:
            raw = replace(raw, url=fetched.url)
    return replace(raw, raw_sha256=sha256_bytes(fetched.content))


# --- manifests -------------------------------------------------------------------------------


def load_manifest(manifest: Path) -> tuple[dict[Path, ManifestRow], list[Failure]]:
    """Rows by resolved file path, and Failures for rows naming missing or escaping files.

    Paths are relative to the manifest's folder; absolute paths and paths leaving that folder
    (``../``) are refused.
    """
    source = str(manifest)
    try:
        text = decode_bytes(manifest.read_bytes(), source)
    except OSError as exc:
        raise InputError(source, f"cannot read manifest: {exc.strerror or exc}") from exc
    records: list[dict[str, Any]]
    if manifest.suffix.lower() == ".json":
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(source, f"invalid JSON manifest: {exc.msg}") from exc
        if isinstance(loaded, dict):
            loaded = loaded.get("articles", loaded.get("files"))
        if not isinstance(loaded, list) or not all(isinstance(r, dict) for r in loaded):
            raise InputError(source, "JSON manifest must be a list of objects with 'file'")
        records = loaded
    else:
        reader = csv.DictReader(io.StringIO(text))
        if reader.fieldnames is None or "file" not in reader.fieldnames:
            raise InputError(source, "manifest has no 'file' column")
        records = list(reader)
    base = manifest.resolve().parent
    rows: dict[Path, ManifestRow] = {}
    failures: list[Failure] = []
    for number, record in enumerate(records, start=1):
        name = _meta_str(record.get("file"))
        where = f"{manifest} row {number}"
        if name is None:
            failures.append(Failure(where, _STAGE, "manifest row has no file"))
            continue
        relative = Path(name)
        target = (base / relative).resolve()
        if relative.is_absolute() or not target.is_relative_to(base):
            failures.append(
                Failure(where, _STAGE, f"refused: {name!r} is outside the manifest's folder")
            )
            continue
        if not target.is_file():
            failures.append(Failure(where, _STAGE, f"file named in manifest not found: {name}"))
            continue
        rows[target] = ManifestRow(
            target, *(_meta_str(record.get(field)) for field in MANIFEST_FIELDS)
        )
    return rows, failures


def _apply_manifest(raw: RawArticle, row: ManifestRow | None) -> RawArticle:
    if row is None:
        return raw
    meta = {key: getattr(row, key) for key in MANIFEST_FIELDS}
    return _with_metadata(raw, meta, "manifest")


# --- sources ---------------------------------------------------------------------------------


def _folder_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUPPORTED_SUFFIXES
        and p.name not in MANIFEST_NAMES
        and not NOT_ARTICLES.match(p.name)
    )


def _folder_manifest(folder: Path) -> Path | None:
    return next((folder / n for n in MANIFEST_NAMES if (folder / n).is_file()), None)


def read_sources(
    sources: Sequence[str], settings: Settings, manifest: Path | None = None
) -> Iterator[RawArticle | Failure]:
    """Read every source (see module docstring); never raises for a bad input."""
    rows: dict[Path, ManifestRow] = {}
    loaded: set[Path] = set()

    def use_manifest(path: Path) -> Iterator[Failure]:
        key = path.resolve()
        if key in loaded:
            return
        loaded.add(key)
        try:
            found, failures = load_manifest(path)
        except InputError as exc:
            yield Failure(exc.source, _STAGE, exc.problem)
            return
        rows.update(found)
        yield from failures

    def with_rows(items: Iterator[RawArticle | Failure], path: Path) -> Iterator[Any]:
        row = rows.get(path.resolve())
        for item in items:
            yield item if isinstance(item, Failure) else _apply_manifest(item, row)

    if manifest is not None:
        yield from use_manifest(manifest)
    seen: set[Path] = set()

    def files(paths: Sequence[Path]) -> Iterator[RawArticle | Failure]:
        for path in paths:
            key = path.resolve()
            if key in seen:
                continue
            seen.add(key)
            yield from with_rows(read_file(path, settings), path)

    if not sources and manifest is not None:
        yield from files(sorted(rows))
    for src in sources:
        if URL.match(src):
            try:
                yield read_url(src, settings)
            except InputError as exc:
                yield Failure(src, _STAGE, exc.problem)
            continue
        path = Path(src)
        if path.is_dir():
            if manifest is None and (found := _folder_manifest(path)) is not None:
                yield from use_manifest(found)
            yield from files(_folder_files(path))
        elif path.is_file():
            yield from files([path])
        elif _GLOB_CHARS & set(src):
            matches = sorted(Path(p) for p in glob.glob(src, recursive=True))  # noqa: PTH207
            matched = [p for p in matches if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES]
            if not matched:
                yield Failure(src, _STAGE, "pattern matched no supported files")
            yield from files(matched)
        else:
            yield Failure(src, _STAGE, "no such file, folder or URL")
