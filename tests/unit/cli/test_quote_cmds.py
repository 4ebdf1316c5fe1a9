"""The quotes command lists stored quotes with filters; article text is never markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typer.testing import CliRunner

from caseboard.cli.main import app

if TYPE_CHECKING:
    from pathlib import Path

ARTICLE = (
    "Port strike ends\n\n"
    '"We will not back down," said Maria Delgado, the [bold]union[/bold] leader.\n\n'
    "Peter Holm said that the factory would close by the end of the year.\n"
)


def test_quotes_command_filters(tmp_path: Path, tmp_db: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    added = runner.invoke(app, ["add", str(src), "--db", str(tmp_db)])
    assert added.exit_code == 0, added.output
    wide = {"COLUMNS": "200"}
    result = runner.invoke(app, ["quotes", "--db", str(tmp_db)], env=wide)
    assert result.exit_code == 0, result.output
    assert "2 quote(s)" in result.output
    assert "[bold]union[/bold]" in result.output
    direct = runner.invoke(app, ["quotes", "--db", str(tmp_db), "--kind", "direct"], env=wide)
    assert "Maria Delgado" in direct.output
    assert "Peter Holm" not in direct.output
    holm = runner.invoke(app, ["quotes", "--db", str(tmp_db), "--speaker", "holm"], env=wide)
    assert "1 quote(s)" in holm.output
    assert "factory would close" in holm.output
