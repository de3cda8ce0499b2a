"""Errors that asrfix raises on bad input: one base class, one subclass per kind of input.

Every message says what is wrong, where (file and line when there is one), and what to do about it.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["AsrfixError", "CorrectorError", "FormatError", "LexiconError"]


class AsrfixError(Exception):
    """Base class of every error asrfix raises about its input or configuration."""


def _where(path: str | Path | None, line: int | None, column: int | None) -> str:
    if path is None:
        return ""
    where = str(path)
    if line is not None:
        where += f":{line}"
        if column is not None:
            where += f":{column}"
    return where + ": "


class LexiconError(AsrfixError):
    """A lexicon cannot be found, read or understood.

    Attributes:
        path: the lexicon file, when there is one.
        line: 1-based line of the problem, when known.
        column: 1-based column, when known.
        entry: the term of the entry concerned, when known.
        problem: what is wrong and what to do, without the location.
    """

    def __init__(
        self,
        problem: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        entry: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.entry = entry
        self.problem = problem
        prefix = _where(path, line, column)
        if entry:
            prefix += f"entry {entry!r}: "
        super().__init__(prefix + problem)


class FormatError(AsrfixError):
    """An input file is not in the format it claims (bad cue, bad timestamp, wrong encoding, ...).

    Attributes:
        path: the file, when there is one.
        line: 1-based line of the problem, when known.
        problem: what is wrong and what to do, without the location.
    """

    def __init__(self, problem: str, *, path: str | Path | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        super().__init__(_where(path, line, None) + problem)


class CorrectorError(AsrfixError):
    """A corrector cannot be found, loaded or run.

    Attributes:
        name: the corrector's name as asked for.
    """

    def __init__(self, problem: str, *, name: str | None = None) -> None:
        self.name = name
        super().__init__(problem)
