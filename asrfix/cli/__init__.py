"""The ``asrfix`` command line: ``main(argv) -> exit code``.

Each subcommand lives in its own module of this package and adds itself through ``register(subparsers)``;
its handler returns the exit code. Exit codes: 0 ok, 1 changes found under ``--check``, 2 usage or input
error. An :class:`~asrfix.errors.AsrfixError` is printed as one ``asrfix: error: ...`` line, never a
traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Callable, Sequence

from ..errors import AsrfixError

__all__ = ["EXIT_CHANGES", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

EXIT_OK = 0
EXIT_CHANGES = 1
EXIT_USAGE = 2


Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse exits with 2 on usage errors, which is also our code for them; keep its message short.
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand."""
    from .. import __version__

    parser = _Parser(prog="asrfix", description="Fix speech-recognition errors in transcripts and subtitles.")
    parser.add_argument("--version", action="version", version=f"asrfix {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    # Every module of this package that has register(subparsers) adds its subcommands, in name order.
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code or 0)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return handler(args)
    except AsrfixError as exc:
        print(f"asrfix: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("asrfix: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``asrfix eval --json | head``): stop quietly. Point stdout at
        # devnull so that Python's own flush at exit does not raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
