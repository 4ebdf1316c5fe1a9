"""`caseboard demo` end to end: the packaged sample case into a folder, three briefs out."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caseboard.cli.main import app
from caseboard.report.build import sample_dir, sample_sources
from tests.conftest import SHARED

SCHEMA = SHARED / "spec" / "brief.schema.json"


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(app, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert str(out.resolve()) in result.output
    return out


def test_sample_is_complete() -> None:
    files, manifest = sample_sources()
    names = sorted(Path(f).name for f in files)
    assert len([n for n in names if n.endswith(".txt")]) == 3
    assert len([n for n in names if n.endswith(".html")]) == 2
    jsonl = [n for n in names if n.endswith(".jsonl")]
    assert len(jsonl) == 1
    assert len((sample_dir() / jsonl[0]).read_text(encoding="utf-8").splitlines()) == 2
    with manifest.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["file"] for r in rows} == {n for n in names if not n.endswith(".jsonl")}
    assert all(r["outlet"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["published"]) for r in rows)


def test_demo_writes_three_briefs(demo_dir: Path) -> None:
    for name in ("brief.html", "brief.md", "brief.json"):
        assert (demo_dir / name).stat().st_size > 1000
    md = (demo_dir / "brief.md").read_text(encoding="utf-8")
    assert "## Who said what" in md
    assert "Tomas Brell" in md
    # a footnote quotes the outlet and the publication date (every sample article is of Oct 2026)
    assert re.search(r"^\[\^1\]: .+, 2026-10-\d\d, ", md, flags=re.MULTILINE)
    page = (demo_dir / "brief.html").read_text(encoding="utf-8")
    assert "<script src=" not in page
    assert "<link" not in page


def test_demo_json_is_the_export_and_valid(demo_dir: Path) -> None:
    data = json.loads((demo_dir / "brief.json").read_text(encoding="utf-8"))
    assert data["schema"] == "caseboard/brief/1"
    assert data["case"] == "serrat"
    assert len(data["documents"]) == 7
    assert {d["outlet"] for d in data["documents"]} >= {"Harbor Radio News", "Meridian Wire"}
    if not SCHEMA.is_file():
        pytest.skip("../shared/spec/brief.schema.json is not present")
    import jsonschema

    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_brief_command_is_deterministic_and_checks_the_extension(
    demo_dir: Path, tmp_path: Path
) -> None:
    db = demo_dir / "serrat.caseboard.duckdb"
    runner = CliRunner()
    outs = []
    for i in (1, 2):
        out = tmp_path / f"b{i}.md"
        result = runner.invoke(app, ["brief", "--case", "serrat", "--db", str(db), "-o", str(out)])
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        outs.append(re.sub(r"_Generated \S+ ", "_Generated T ", text))
    assert outs[0] == outs[1]
    bad = runner.invoke(app, ["brief", "--db", str(db), "-o", str(tmp_path / "b.pdf")])
    assert bad.exit_code == 2
