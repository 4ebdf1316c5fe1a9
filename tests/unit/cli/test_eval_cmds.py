"""`caseboard eval crossdoc`: usage errors without the corpus, JSON figures with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caseboard.cli.main import app

runner = CliRunner()


def test_crossdoc_is_listed_under_eval() -> None:
    result = runner.invoke(app, ["eval", "--help"])
    assert result.exit_code == 0
    assert "crossdoc" in result.output


def test_crossdoc_without_the_corpus_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "crossdoc", "--corpus", str(tmp_path / "absent")])
    assert result.exit_code == 2


@pytest.mark.corpus
def test_crossdoc_prints_every_analysis_as_json(venezuela_dir: Path) -> None:
    result = runner.invoke(app, ["eval", "crossdoc", "--corpus", str(venezuela_dir), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)["figures"]
    for name in ("entity pairs", "people b-cubed", "multi-source events", "contradictions: all"):
        assert 0.0 <= figures[name]["precision"] <= 1.0
