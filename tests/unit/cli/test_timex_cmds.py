"""The timexes command: a table of stored time expressions, or TimeML on stdout."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from typer.testing import CliRunner

from caseboard.cli.main import app

if TYPE_CHECKING:
    from pathlib import Path

ARTICLE = (
    "Ferry service resumes\n\n"
    "The ferry to Ostrava Island sank in [bold]mid-October[/bold] & was raised "
    "two years ago; it now sails daily.\n"
)


def test_timexes_table_and_timeml(tmp_path: Path, tmp_db: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    added = runner.invoke(app, ["add", str(src), "--db", str(tmp_db)])
    assert added.exit_code == 0, added.output
    table = runner.invoke(app, ["timexes", "--db", str(tmp_db)], env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    for expected in ("mid-October", "two years ago", "PRESENT_REF", "SET", "P1D"):
        assert expected in table.output
    tml = runner.invoke(app, ["timexes", "--db", str(tmp_db), "--format", "timeml"])
    assert tml.exit_code == 0, tml.output
    root = ET.fromstring(tml.output)
    tags = [t.text for t in root.iter("TIMEX3")]
    assert tags == ["mid-October", "two years ago", "now", "daily"]
    assert "".join(root.find("TEXT").itertext()) == ARTICLE.strip()  # type: ignore[union-attr]


def test_timexes_unknown_doc_is_a_usage_error(tmp_path: Path, tmp_db: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["add", str(src), "--db", str(tmp_db)]).exit_code == 0
    result = runner.invoke(
        app, ["timexes", "--db", str(tmp_db), "--doc", "doc_nope", "--format", "timeml"]
    )
    assert result.exit_code == 2
