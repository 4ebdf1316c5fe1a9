"""Evaluation gate: TimeBank/AQUAINT time-expression scores may only drop by an explicit change.

Runs benchmarks/eval_timebank.py (caseboard only, no peers) on 80 of the 256 documents, spread
evenly (the full set takes about 80 s on a shared 2-core machine). Floors sit just under what
was measured on that subset.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import load_benchmark

# measured on these 80 documents: relaxed F1 94.7, strict F1 88.7, value acc 89.2, type acc 96.5
FLOORS = {"relaxed_f1": 94.2, "strict_f1": 88.0, "value_acc": 88.5, "type_acc": 96.0}


@pytest.mark.corpus
def test_timebank_floors(eval_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not (eval_data_dir / "timebank" / "gold-TimeBank.jsonl").is_file():
        pytest.skip("TimeBank is not present")
    module = load_benchmark("eval_timebank", monkeypatch)
    scores, _, n_docs = module.evaluate(80, [])
    s = scores[0]
    got = {
        "relaxed_f1": 100 * s.prf(s.relaxed)[2],
        "strict_f1": 100 * s.prf(s.strict)[2],
        "value_acc": 100 * s.value_acc,
        "type_acc": 100 * s.type_acc,
    }
    assert n_docs == 80
    assert s.failures == 0
    low = {k: round(v, 1) for k, v in got.items() if v < FLOORS[k]}
    assert not low, f"below the pinned floors {FLOORS}: {low} (measured {got})"
