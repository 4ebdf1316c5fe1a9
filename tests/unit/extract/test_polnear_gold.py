"""The PolNeAR gold builder (benchmarks/eval_polnear.py): .ann files -> gold.jsonl records.

The invented article below stands in for the corpus; the corpus itself is only read from
../shared/eval-data at test time (dev's gold.jsonl rebuilt from dev's .ann files).
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.support import load_benchmark


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    return load_benchmark("eval_polnear", monkeypatch)


def _offsets(text: str, piece: str, nth: int = 0) -> str:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return f"{start} {start + len(piece)}"


def test_build_gold_from_invented_article(bench: ModuleType, tmp_path: Path) -> None:
    text = (
        "Harbour plan stalls\n\n"
        'Mayor Ana Ruiz said the port would reopen. "We are ready," she said.\n'
        "Dockers fear the cranes, they said, and the board disagrees.\n"
    )
    split = tmp_path / "train"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "port.txt").write_text(text, encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text(
        "compartment\tfilename\tannotators\ntrain\tport\tbbbb|aaaa\n", encoding="utf-8"
    )

    def o(piece: str, nth: int = 0) -> str:
        return _offsets(text, piece, nth)

    ann = [
        f"T1\tSource {o('Mayor Ana Ruiz')}\tMayor Ana Ruiz",
        f"T2\tCue {o('said')}\tsaid",
        f"T3\tContent {o('the port would reopen')}\tthe port would reopen",
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        f"T4\tSource {o('she')}\tshe",
        f"T5\tCue {o('said', 1)}\tsaid",
        f'T6\tContent {o(chr(34) + "We are ready," + chr(34))}\t"We are ready,"',
        "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
        f"T7\tSource {o('they')}\tthey",
        f"T8\tCue {o('said', 2)}\tsaid",
        # a discontinuous content listed out of order
        f"T9\tContent {o('and the board disagrees')};{o('Dockers fear the cranes')}\t...",
        "E3\tAttribution:T8 Content:T9 Cue:T8 Source:T7",
        f"T10\tCue {o('fear')}\tfear",
        "E4\tAttribution:T10 Cue:T10",  # no content: dropped
    ]
    # the second annotator listed has the file, the first does not
    (split / "attributions" / "port_aaaa.ann").write_text("\n".join(ann) + "\n", "utf-8")
    gold = bench.build_gold(tmp_path, "train")
    assert [g["id"] for g in gold] == ["E1", "E2", "E3"]
    assert all(g["annotator"] == "aaaa" and g["doc"] == "port.txt" for g in gold)
    first, second, third = gold
    assert first["content_kind"] == "indirect"
    assert not first["source_is_pronoun"]
    assert first["source_resolved"] is None
    assert first["source"]["text"] == "Mayor Ana Ruiz"
    assert second["content_kind"] == "direct"
    assert second["source_is_pronoun"]
    stand_in = {"method": "previous-annotated-source", "names": ["Mayor Ana Ruiz"]}
    assert second["source_resolved"] == stand_in | {"heads": ["ruiz"]}
    frags = third["content"]["fragments"]
    assert frags == sorted(frags)
    assert len(frags) == 2
    assert third["content"]["text"] == text[frags[0][0] : frags[1][1]]
    assert third["source_resolved"]["names"] == ["Mayor Ana Ruiz"]  # pronouns are skipped


def test_content_kind(bench: ModuleType) -> None:
    raw = '"All of it." Some of "it" here. None of it.'
    assert bench.content_kind(raw, [(0, 12)]) == "direct"
    assert bench.content_kind(raw, [(13, 31)]) == "partial"
    assert bench.content_kind(raw, [(32, 44)]) == "indirect"
    assert bench.content_kind(raw, [(0, 12), (32, 44)]) == "partial"


@pytest.mark.corpus
def test_build_gold_reproduces_dev(bench: ModuleType, eval_data_dir: Path) -> None:
    data = eval_data_dir / "polnear"
    if not (data / "dev" / "gold.jsonl").is_file():
        pytest.skip("PolNeAR dev split is not present")
    lines = (data / "dev" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    expected: list[dict[str, Any]] = [json.loads(line) for line in lines if line.strip()]
    built: list[dict[str, Any]] = bench.build_gold(data, "dev")
    assert len(built) == len(expected)
    for got, want in zip(built, expected, strict=True):
        got.pop("source_resolved")
        want.pop("source_resolved")
        assert got == want, (want["doc"], want["id"])
