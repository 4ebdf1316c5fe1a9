"""Typed failures. The CLI maps them to exit codes: 0 ok, 1 some items failed, 2 usage error."""

from __future__ import annotations


class CaseboardError(Exception):
    """Base class for errors caseboard reports to the user in plain words."""


class UsageError(CaseboardError):
    """The user asked for something that cannot be done as asked (exit code 2)."""


class InputError(CaseboardError):
    """One input could not be read; names the input and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class CaseBusyError(CaseboardError):
    """Another process is writing to the same case."""


class StoreError(CaseboardError):
    """The case store could not be opened or is not a caseboard store."""
