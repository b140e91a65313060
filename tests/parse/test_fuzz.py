"""Fuzzing the readers and the checker with mutated report files of every kind (see ``fuzzing.py``).

The rule: ``ogi.parse`` and ``ogi.check`` raise nothing but ``OgiError`` (and never ``ReaderFault``,
the last guard's answer to a foreign exception), no run takes 5 s of CPU, no run grows the peak memory by
256 MB. 2,050 examples in all, derandomised so that CI runs the same inputs every time; the longer,
random run is ``python3 bench/fuzz_readers.py --examples 50000``.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from .fuzzing import STATS, Example, memory_cap, mutated, run_one, seeds

EXAMPLES = {"txt": 450, "md": 200, "html": 300, "docx": 300, "xlsx": 300, "json": 400, "pdf": 100}


def fuzz(kind: str, examples: int, *, derandomize: bool = True):  # noqa: ANN201
    """The fuzz test of one kind: ``examples`` mutated seeds under the rule."""

    @settings(
        max_examples=examples,
        derandomize=derandomize,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(mutated(kind))
    def run(example: Example) -> None:
        run_one(kind, example)

    return run


def test_it_has_seeds_of_every_kind():
    assert {kind for kind, files in seeds().items() if files} == set(EXAMPLES)
    assert sum(EXAMPLES.values()) >= 2000


@pytest.mark.parametrize("kind", list(EXAMPLES))
def test_it_raises_only_ogi_errors_quickly_and_in_bounded_memory(kind):
    before = STATS.examples[kind]
    with memory_cap():
        fuzz(kind, EXAMPLES[kind])()
    assert STATS.examples[kind] - before == EXAMPLES[kind]
