"""``asrfix lexicons`` and ``asrfix correctors``: what is installed."""

from __future__ import annotations

import argparse
from typing import Any

from ..correctors import DEFAULT_CORRECTORS, available_correctors
from ..lexicon import list_lexicons, load_lexicon


def register(subparsers: Any) -> None:
    """Add the subcommands of this module to ``subparsers``."""
    lexicons = subparsers.add_parser("lexicons", help="list the lexicons that can be used by name")
    lexicons.set_defaults(handler=_list_lexicons)
    correctors = subparsers.add_parser("correctors", help="list the installed correctors")
    correctors.set_defaults(handler=_list_correctors)


def _list_lexicons(args: argparse.Namespace) -> int:
    for name, path in list_lexicons().items():
        lexicon = load_lexicon(path)
        print(f"{name}\t{len(lexicon)} entries\t{lexicon.description}")
    return 0


def _list_correctors(args: argparse.Namespace) -> int:
    for name, origin in available_correctors().items():
        default = " (default)" if name in DEFAULT_CORRECTORS else ""
        print(f"{name}{default}\t{origin}")
    return 0
