"""Options shared by the subcommands that correct text (``fix``, ``eval``): one definition, one meaning."""

from __future__ import annotations

import argparse
from typing import Any

from ..api import DEFAULT_MIN_CONFIDENCE
from ..correctors import DEFAULT_CORRECTORS, available_correctors
from ..errors import CorrectorError

__all__ = ["add_correction_options", "chosen_correctors", "confidence"]


def confidence(value: str) -> float:
    """argparse type: a number from 0 to 1."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number between 0 and 1") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"{value!r} is not between 0 and 1")
    return number


def add_correction_options(group: Any) -> None:
    """Add ``-l/--lexicon``, ``--only``, ``--skip`` and ``--min-confidence`` to a parser or argument group."""
    group.add_argument(
        "-l", "--lexicon", action="append", default=[], metavar="LEXICON", help="lexicon name or path (repeatable)"
    )
    group.add_argument("--only", action="append", default=[], metavar="CORRECTOR", help="run only these correctors")
    group.add_argument("--skip", action="append", default=[], metavar="CORRECTOR", help="leave out these correctors")
    group.add_argument(
        "--min-confidence",
        type=confidence,
        default=DEFAULT_MIN_CONFIDENCE,
        metavar="X",
        help=f"make only changes at least this sure; list the rest as suggestions (default {DEFAULT_MIN_CONFIDENCE})",
    )


def chosen_correctors(args: argparse.Namespace) -> tuple[str, ...] | None:
    """The correctors named by ``--only``/``--skip`` (None: the default pipeline).

    Raises:
        CorrectorError: for a name that is not installed, listing the installed ones.
    """
    installed = available_correctors()
    for name in [*args.only, *args.skip]:
        if name not in installed:
            raise CorrectorError(
                f"unknown corrector {name!r}; installed correctors are {', '.join(installed)} "
                "(see asrfix correctors)",
                name=name,
            )
    if args.only:
        chosen = [c for c in args.only if c not in args.skip]
    elif args.skip:
        chosen = [c for c in DEFAULT_CORRECTORS if c not in args.skip]
    else:
        return None
    return tuple(dict.fromkeys(chosen))
