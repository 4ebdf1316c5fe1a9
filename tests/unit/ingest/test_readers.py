"""File readers, folders, globs, JSONL, manifests and bad inputs (fixtures written here)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from caseboard.ingest.readers import read_sources
from caseboard.model import Failure, RawArticle, sha256_bytes
from caseboard.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "data" / "ingest"
SETTINGS = Settings()
STORY = "The regional council approved the new tram line on Wednesday after two years of delays.\n"


def _read(*sources: str, manifest: Path | None = None, settings: Settings = SETTINGS):  # type: ignore[no-untyped-def]
    items = list(read_sources(list(sources), settings, manifest))
    articles = [i for i in items if isinstance(i, RawArticle)]
    failures = [i for i in items if isinstance(i, Failure)]
    return articles, failures


def test_txt_with_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "tram.txt"
    data = (
        "---\ntitle: Tram line approved\noutlet: Metro Gazette\npublished: 2024-04-17\n"
        "url: https://gazette.example.org/tram\n---\n" + STORY
    ).encode()
    path.write_bytes(data)
    [raw], failures = _read(str(path))
    assert failures == []
    assert raw.text.strip() == STORY.strip()
    assert (raw.title, raw.outlet, raw.url) == (
        "Tram line approved",
        "Metro Gazette",
        "https://gazette.example.org/tram",
    )
    assert (raw.published, raw.published_origin) == ("2024-04-17", "metadata")
    assert raw.raw_sha256 == sha256_bytes(data)


def test_md_and_broken_front_matter(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Tram update\n\n" + STORY, encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: [unclosed\n---\n" + STORY, encoding="utf-8")
    articles, failures = _read(str(tmp_path / "a.md"), str(tmp_path / "b.md"))
    assert [a.source for a in articles] == [str(tmp_path / "a.md")]
    assert articles[0].published_origin == "unknown"
    assert len(failures) == 1
    assert failures[0].source == str(tmp_path / "b.md")
    assert "invalid YAML front matter" in failures[0].reason


def test_html_file_main_text_and_metadata() -> None:
    [raw], failures = _read(str(DATA / "mining_page.html"))
    assert failures == []
    assert raw.is_html
    assert (raw.title, raw.outlet, raw.published, raw.published_origin) == (
        "Copper mine reopens after flood",
        "Northern Courier",
        "2024-05-21",
        "html",
    )
    assert raw.url == "https://courier.example.org/news/copper-mine-reopens"
    assert "about 90,000 cubic metres of water" in raw.text
    for noise in ("Advertisement", "Kerr Motors", "Cup final", "Copyright", "Privacy"):
        assert noise not in raw.text
    assert raw.text.count("\n\n") >= 3  # paragraphs kept


def test_html_without_main_text(tmp_path: Path) -> None:
    path = tmp_path / "nav.html"
    path.write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav>"
        "<div class='ad'>Advertisement</div><footer>Copyright 2024</footer></body></html>",
        encoding="utf-8",
    )
    [], [failure] = _read(str(path))
    assert failure.source == str(path)
    assert "no main text" in failure.reason


def test_jsonl_with_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps(
            {
                "text": STORY,
                "title": "Tram",
                "outlet": "Metro Gazette",
                "published": "17 April 2024",
                "source": "gazette-17",
            }
        ),
        '{"text": "unterminated',
        json.dumps(
            {
                "html": "<html><body><article><p>" + STORY * 3 + "</p></article></body></html>",
                "url": "https://example.org/t",
            }
        ),
        json.dumps({"title": "no body"}),
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    articles, failures = _read(str(path))
    assert [a.source for a in articles] == ["gazette-17", f"{path}:3"]
    assert articles[0].published == "17 April 2024"
    assert articles[0].published_origin == "metadata"
    assert articles[1].is_html
    assert articles[1].url == "https://example.org/t"
    assert articles[0].raw_sha256 != articles[1].raw_sha256
    assert [f.source for f in failures] == [f"{path}:2", f"{path}:4"]
    assert "invalid JSON" in failures[0].reason
    assert "no non-empty 'text' or 'html'" in failures[1].reason


def test_directory_recursive_sorted_and_glob(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a.md").write_text(STORY + "More.", encoding="utf-8")
    (tmp_path / "sub" / "c.txt").write_text(STORY + "Even more.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "README.md").write_text("How this folder was collected.", encoding="utf-8")
    articles, failures = _read(str(tmp_path))
    assert failures == []
    assert [Path(a.source).name for a in articles] == ["a.md", "b.txt", "c.txt"]
    articles, failures = _read(str(tmp_path / "*.txt"))
    assert [Path(a.source).name for a in articles] == ["b.txt"]
    _, [nothing] = _read(str(tmp_path / "*.docx"))
    assert "matched no supported files" in nothing.reason
    _, [missing] = _read(str(tmp_path / "nope.txt"))
    assert "no such file" in missing.reason


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "one.txt").write_text(STORY, encoding="utf-8")
    (folder / "two.txt").write_text(STORY + "Second source.", encoding="utf-8")
    return folder


def test_folder_manifest_csv_used_automatically(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    (folder / "manifest.csv").write_text(
        "file,title,outlet,published,url\n"
        "one.txt,Tram line approved,Metro Gazette,2024-04-17,\n"
        "gone.txt,Missing,Nobody,2024-01-01,\n"
        "../outside.txt,Escape,Nobody,2024-01-01,\n",
        encoding="utf-8",
    )
    (tmp_path / "outside.txt").write_text(STORY, encoding="utf-8")
    articles, failures = _read(str(folder))
    by_name = {Path(a.source).name: a for a in articles}
    assert sorted(by_name) == ["one.txt", "two.txt"]  # the manifest is not an article
    one = by_name["one.txt"]
    assert (one.title, one.outlet, one.published, one.published_origin) == (
        "Tram line approved",
        "Metro Gazette",
        "2024-04-17",
        "manifest",
    )
    assert by_name["two.txt"].published_origin == "unknown"
    reasons = sorted(f.reason for f in failures)
    assert any("not found: gone.txt" in r for r in reasons)
    assert any("refused: '../outside.txt' is outside" in r for r in reasons)


def test_explicit_json_manifest_and_absolute_path(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    manifest = tmp_path / "meta.json"
    shutil.copy(folder / "one.txt", tmp_path / "one.txt")
    manifest.write_text(
        json.dumps(
            [
                {
                    "file": "case/two.txt",
                    "title": "Second",
                    "outlet": "Harbour Times",
                    "published": "2024-05",
                    "url": "https://example.org/2",
                },
                {"file": str((tmp_path / "one.txt").resolve()), "title": "Absolute"},
            ]
        ),
        encoding="utf-8",
    )
    articles, failures = _read(str(folder), manifest=manifest)
    two = next(a for a in articles if a.source.endswith("two.txt"))
    assert (two.title, two.outlet, two.published, two.url) == (
        "Second",
        "Harbour Times",
        "2024-05",
        "https://example.org/2",
    )
    assert len(failures) == 1
    assert "outside the manifest's folder" in failures[0].reason


# --- bad inputs: each a Failure naming the input; the others still proceed ---------------------

BAD_INPUTS = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\t\n", "empty"),
    "binary.txt": (b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256)), "binary"),
    "controls.txt": (b"\x01\x02\x03\x04\x05\x06\x07\x08text", "binary"),
    "empty.html": (b"", "empty"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_a_failure_others_proceed(tmp_path: Path, name: str) -> None:
    data, problem = BAD_INPUTS[name]
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    articles, failures = _read(str(tmp_path / name), str(tmp_path / "good.txt"))
    assert [Path(a.source).name for a in articles] == ["good.txt"]
    assert [f.source for f in failures] == [str(tmp_path / name)]
    assert problem in failures[0].reason


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 1000)
    _, [failure] = _read(str(path), settings=Settings(max_file_bytes=2048))
    assert "file too large: 5000 bytes, limit 2048" in failure.reason


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("“Smart” quotes — fine".encode(), "“Smart” quotes — fine"),
        (b"\xef\xbb\xbf" + "Caf\u00e9 owners".encode(), "Café owners"),
        ("Zoë said “yes”".encode("utf-16"), "Zoë said “yes”"),
        ("Zoë said “yes”".encode("utf-16-be").join([b"\xfe\xff", b""]), "Zoë said “yes”"),
        (b"The minister\x92s \x93plan\x94 \x96 costs", "The minister’s “plan” – costs"),
        (b"Caf\xe9 \x81", "Café \x81"),
    ],
)
def test_encodings(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "enc.txt"
    path.write_bytes(data)
    [raw], failures = _read(str(path))
    assert failures == []
    assert raw.text == expected
