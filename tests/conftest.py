"""Shared fixtures: the NLP model loads once per session; ../shared is optional (skip cleanly)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VENEZUELA = SHARED / "corpus" / "venezuela"
EVAL_DATA = SHARED / "eval-data"


@pytest.fixture(scope="session")
def nlp() -> Language:
    from caseboard.extract.nlp import load_nlp
    from caseboard.settings import Settings

    return load_nlp(Settings().spacy_model)


@pytest.fixture(scope="session")
def venezuela_dir() -> Path:
    if not (VENEZUELA / "manifest.csv").is_file():
        pytest.skip("../shared/corpus/venezuela is not present")
    return VENEZUELA


@pytest.fixture(scope="session")
def eval_data_dir() -> Path:
    if not EVAL_DATA.is_dir():
        pytest.skip("../shared/eval-data is not present")
    return EVAL_DATA


@pytest.fixture
def tmp_db(tmp_path: Path) -> Path:
    return tmp_path / "test.caseboard.duckdb"
