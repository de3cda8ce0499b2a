"""Schema check of lexicon files: every file is read and checked, and each problem is reported with its place.

The rules live in one place, :func:`asrfix.lexicon.parse_lexicon`; this module only runs it over files and
collects the errors instead of stopping at the first file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import LexiconError
from ..lexicon import Lexicon, load_lexicon

__all__ = ["Validation", "validate_files"]


@dataclass(frozen=True, slots=True)
class Validation:
    """The outcome of validating one file: the lexicon, or the error that stopped it."""

    path: Path
    lexicon: Lexicon | None
    error: LexiconError | None

    @property
    def ok(self) -> bool:
        """True when the file is a valid lexicon."""
        return self.error is None


def validate_files(paths: Iterable[str | os.PathLike[str]]) -> list[Validation]:
    """Validate each lexicon file (or shipped lexicon name); one :class:`Validation` per file, in order.

    >>> [v.ok for v in validate_files(["china-news"])]
    [True]
    """
    results: list[Validation] = []
    for given in paths:
        path = Path(given)
        try:
            lexicon = load_lexicon(given)
        except LexiconError as exc:
            results.append(Validation(path, None, exc))
        else:
            results.append(Validation(lexicon.path or path, lexicon, None))
    return results
