"""``asrfix fix``: correct subtitle and transcript files, keep everything else, report every change.

Only the spoken text is corrected; cue numbers, timings, settings, NOTE/STYLE blocks, tags and speaker
labels are never touched, and a file without changes is written back byte for byte. See
:mod:`asrfix.formats` for what each format reads and :mod:`asrfix.report` for the JSON report schema.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..api import Pipeline
from ..correctors import DEFAULT_CORRECTORS, available_correctors
from ..errors import AsrfixError
from ..fileio import atomic_write, decode, encode
from ..formats import FORMATS, detect, extensions, plan
from ..lexicon import list_lexicons, load_lexicon
from ..report import FileResult, render_diff, render_json, render_summary, render_table
from . import EXIT_CHANGES, EXIT_OK, EXIT_USAGE
from .options import add_correction_options, chosen_correctors

__all__ = ["Settings", "fix_bytes", "register"]

STDIN = "-"


@dataclass(frozen=True)
class Settings:
    """What every worker needs to build its pipeline and read files (picklable)."""

    lexicons: tuple[str, ...]
    correctors: tuple[str, ...] | None
    min_confidence: float
    format: str | None
    encoding: str | None
    keep_text: bool  # keep the decoded texts for --diff


def _workers(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("-j needs at least 1 worker")
    return number


def register(subparsers: Any) -> None:
    """Add ``asrfix fix`` to ``subparsers``."""
    parser = subparsers.add_parser(
        "fix",
        help="correct subtitle and transcript files (srt, vtt, ass/ssa, txt, Whisper json)",
        description=(
            "Correct the spoken text of subtitle and transcript files, keep every other byte, and report every "
            "change on stderr. One file (or - for stdin) is written to stdout unless -o or --in-place is given; "
            "folders are searched recursively for files of the known formats. Exit codes: 0 ok, 1 changes found "
            "under --check, 2 usage or input error."
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="FILE|DIR|-", help="files, folders, or - for standard input")
    out = parser.add_argument_group("output")
    out.add_argument("-o", "--output", metavar="OUT", help="output file (one input) or folder (several inputs)")
    out.add_argument("--in-place", action="store_true", help="rewrite changed files in place (atomically)")
    out.add_argument("--backup", metavar="SUFFIX", help="with --in-place, keep the original as FILE+SUFFIX")
    out.add_argument("--check", action="store_true", help="change nothing; exit 1 if a change would be made")
    out.add_argument("--dry-run", action="store_true", help="report the changes but write nothing")
    out.add_argument("--diff", action="store_true", help="print a unified diff of the changes on stdout")
    out.add_argument("--report", metavar="FILE.json", help="write the JSON report to this file (- for stdout)")
    corr = parser.add_argument_group("correction")
    add_correction_options(corr)
    inp = parser.add_argument_group("input")
    inp.add_argument("--format", choices=sorted(FORMATS), help="the format of every input (default: detected)")
    inp.add_argument("--encoding", metavar="NAME", help="decode inputs without a byte-order mark with this codec")
    misc = parser.add_argument_group("other")
    misc.add_argument("-j", "--jobs", type=_workers, default=1, metavar="N", help="parallel workers (default 1)")
    misc.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    misc.add_argument("-v", "--verbose", action="store_true", help="also print the reason of every change")
    misc.add_argument("--list-lexicons", action="store_true", help="list the lexicons usable by name and exit")
    misc.add_argument("--list-correctors", action="store_true", help="list the installed correctors and exit")
    misc.add_argument("--version", action="version", version=f"asrfix {__version__}")
    parser.set_defaults(handler=run)


# --- one file ----------------------------------------------------------------------------------------------


def fix_bytes(data: bytes, path: str, pipeline: Pipeline, settings: Settings) -> FileResult:
    """Correct the bytes of one file; never raises for bad input (the result carries the error).

    >>> from asrfix import Pipeline
    >>> s = Settings(("china-news",), None, 0.5, None, None, False)
    >>> r = fix_bytes(b"near Will Han\\n", "a.txt", Pipeline(lexicons=["china-news"]), s)
    >>> r.data
    b'near Wuhan\\n'
    """
    result = FileResult(path)
    try:
        text, encoding = decode(data, settings.encoding, path=path)
        fmt = detect(None if path == STDIN else path, text, settings.format)
        result.format, result.encoding = fmt.name, encoding.name
        document = fmt.read(text, path)
        outcome = pipeline.correct(document.view)
        planned = plan(document, outcome.changes, outcome.suggestions)
        result.changes, result.suggestions = planned.changes, planned.suggestions
        corrected = document.write(planned.edits) if planned.edits else text
        result.warnings.extend(document.warnings)
        result.data = encode(corrected, encoding) if corrected != text else data
        result.changed = result.data != data
        if settings.keep_text:
            result.original, result.corrected = text, corrected
    except AsrfixError as exc:
        result.error = str(exc) if str(exc).startswith(path) else f"{path}: {exc}"
        result.changes, result.suggestions, result.data = [], [], None
    except Exception as exc:  # a bug must not stop the batch nor show a traceback; it is reported instead
        result.error = (
            f"{path}: asrfix failed on this file ({type(exc).__name__}: {exc}); this is a bug, please report it "
            "with the file"
        )
        result.changes, result.suggestions, result.data = [], [], None
    return result


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise AsrfixError(f"{path}: no such file or folder; check the path") from None
    except IsADirectoryError:
        raise AsrfixError(f"{path}: is a folder") from None
    except OSError as exc:
        raise AsrfixError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None


def fix_path(path: str, pipeline: Pipeline, settings: Settings) -> FileResult:
    """Read and correct one file; a read error becomes the result's error."""
    try:
        data = _read(path)
    except AsrfixError as exc:
        return FileResult(path, error=str(exc))
    return fix_bytes(data, path, pipeline, settings)


# Each worker process builds its pipeline once, in the initializer.
_worker_state: dict[str, Any] = {}


def _init_worker(settings: Settings) -> None:
    _worker_state["settings"] = settings
    _worker_state["pipeline"] = _pipeline(settings)


def _work(path: str) -> FileResult:
    return fix_path(path, _worker_state["pipeline"], _worker_state["settings"])


def _pipeline(settings: Settings) -> Pipeline:
    return Pipeline(
        lexicons=list(settings.lexicons), correctors=settings.correctors, min_confidence=settings.min_confidence
    )


# --- inputs and outputs --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Input:
    path: str  # as shown and read ("-" for stdin)
    relative: str  # path under the output folder


def _collect(paths: Sequence[str], forced_format: str | None) -> tuple[list[_Input], list[FileResult]]:
    """Expand folders (recursively, files of known formats, sorted); missing paths become failures."""
    known = extensions()
    if forced_format is not None:
        known = {ext: name for ext, name in known.items() if FORMATS[name] is FORMATS[forced_format]}
    inputs: list[_Input] = []
    failed: list[FileResult] = []
    for given in paths:
        if given == STDIN:
            inputs.append(_Input(STDIN, "stdin"))
            continue
        path = Path(given)
        if path.is_dir():
            found = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if Path(name).suffix.lower() in known and not name.startswith("."):
                        found.append(Path(folder, name))
            if not found:
                failed.append(
                    FileResult(
                        given,
                        error=f"{given}: no files of a known format ({', '.join(sorted(known))}) in this folder",
                    )
                )
            inputs.extend(_Input(str(f), str(f.relative_to(path))) for f in sorted(found))
        elif path.exists():
            inputs.append(_Input(given, path.name))
        else:
            failed.append(FileResult(given, error=f"{given}: no such file or folder; check the path"))
    return inputs, failed


def _run_all(
    inputs: list[_Input], settings: Settings, pipeline: Pipeline, jobs: int, progress: bool
) -> list[FileResult]:
    stdin_data = sys.stdin.buffer.read() if any(i.path == STDIN for i in inputs) else b""
    files = [i.path for i in inputs if i.path != STDIN]
    bar: Any = None
    if progress and len(files) > 1:
        from tqdm import tqdm  # type: ignore[import-untyped]

        bar = tqdm(total=len(files), unit="file", file=sys.stderr, leave=False)
    results: dict[str, FileResult] = {}
    try:
        if jobs > 1 and len(files) > 1:
            with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(settings,)) as pool:
                # map() keeps the input order, so the report is the same as with -j 1.
                for path, result in zip(files, pool.map(_work, files, chunksize=1), strict=False):
                    results[path] = result
                    if bar is not None:
                        bar.update(1)
        else:
            for path in files:
                results[path] = fix_path(path, pipeline, settings)
                if bar is not None:
                    bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    ordered = []
    for item in inputs:
        if item.path == STDIN:
            ordered.append(fix_bytes(stdin_data, STDIN, pipeline, settings))
        else:
            ordered.append(results[item.path])
    return ordered


def _iter_outputs(
    inputs: list[_Input], results: list[FileResult], args: argparse.Namespace, single: bool
) -> Iterator[tuple[FileResult, str | None]]:
    for item, result in zip(inputs, results, strict=False):
        if result.status == "failed":
            continue
        if args.in_place:
            yield result, (item.path if result.changed else None)
        elif args.output is not None:
            if single and (args.output == STDIN or not Path(args.output).is_dir()):
                yield result, args.output
            else:
                yield result, str(Path(args.output, item.relative))
        else:
            yield result, STDIN if single and not args.diff else None


def _list(args: argparse.Namespace) -> int:
    if args.list_lexicons:
        for name, path in list_lexicons().items():
            try:
                lexicon = load_lexicon(path)
                print(f"{name}\t{len(lexicon)} entries\t{lexicon.description}")
            except AsrfixError as exc:
                print(f"{name}\tbroken: {exc}")
    if args.list_correctors:
        for name, origin in available_correctors().items():
            default = " (default)" if name in DEFAULT_CORRECTORS else ""
            print(f"{name}{default}\t{origin}")
    return EXIT_OK


def _usage(message: str) -> int:
    print(f"asrfix fix: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    """Run ``asrfix fix`` with parsed arguments; return the exit code."""
    if args.list_lexicons or args.list_correctors:
        return _list(args)
    if not args.paths:
        return _usage("give at least one FILE, DIR or - (see asrfix fix --help)")
    if args.in_place and args.output is not None:
        return _usage("--in-place and -o cannot be used together")
    if args.backup and not args.in_place:
        return _usage("--backup works only with --in-place")
    if args.in_place and STDIN in args.paths:
        return _usage("standard input cannot be fixed --in-place; use -o FILE or stdout")
    if args.paths.count(STDIN) > 1:
        return _usage("- (standard input) can be given only once")
    if args.check and args.dry_run:
        args.dry_run = False  # --check already writes nothing
    writes = not (args.check or args.dry_run)
    if args.encoding is not None:
        import codecs

        try:
            codecs.lookup(args.encoding)
        except LookupError:
            return _usage(f"unknown encoding {args.encoding!r}; use a Python codec name such as cp1252 or latin-1")

    inputs, failed = _collect(args.paths, args.format)
    single = len(args.paths) == 1 and (args.paths[0] == STDIN or not Path(args.paths[0]).is_dir())
    if writes and not single and not args.in_place and args.output is None and not args.diff:
        return _usage(
            "several inputs: pass -o FOLDER or --in-place to write them, "
            "or --check, --dry-run or --diff to see the changes"
        )
    if args.output == STDIN and not single:
        return _usage("-o - (standard output) takes only one input; pass -o FOLDER for several")
    to_stdout = single and writes and not args.in_place and args.output in (None, STDIN) and not args.diff
    if args.report == STDIN and (to_stdout or args.diff):
        return _usage("--report - would mix the report with the corrected text on stdout; pass --report FILE.json")
    if args.output is not None and not single and Path(args.output).exists() and not Path(args.output).is_dir():
        return _usage(f"-o {args.output}: several inputs need an output folder, and this is a file")

    settings = Settings(
        lexicons=tuple(args.lexicon),
        correctors=chosen_correctors(args),
        min_confidence=args.min_confidence,
        format=args.format,
        encoding=args.encoding,
        keep_text=args.diff,
    )
    pipeline = _pipeline(settings)  # a broken lexicon or unknown corrector stops here, before any file
    if not args.quiet:
        if not args.lexicon:
            print("asrfix: warning: no lexicon given (-l NAME); see --list-lexicons", file=sys.stderr)
        for warning in pipeline.warnings:
            print(f"asrfix: warning: {warning}", file=sys.stderr)

    progress = not args.quiet and sys.stderr.isatty()
    results = _run_all(inputs, settings, pipeline, args.jobs, progress)

    if writes:
        for result, target in _iter_outputs(inputs, results, args, single):
            if target is None:
                continue
            data = result.data
            if data is None:
                continue
            try:
                if target == STDIN:
                    sys.stdout.buffer.write(data)
                    sys.stdout.buffer.flush()
                else:
                    Path(target).parent.mkdir(parents=True, exist_ok=True)
                    atomic_write(target, data, backup_suffix=args.backup if args.in_place else None)
                    result.output = target
            except OSError as exc:
                result.error = f"{result.path}: cannot write {target} ({exc.strerror}); check the folder"
                result.data, result.changed = None, False
    if args.diff:
        sys.stdout.write(render_diff(results))
        sys.stdout.flush()

    all_results = results + failed
    if not args.quiet:
        table = render_table(all_results, verbose=args.verbose)
        if table:
            sys.stderr.write(table)
    if args.report:
        report = render_json(all_results)
        if args.report == STDIN:
            sys.stdout.write(report)
        else:
            try:
                atomic_write(args.report, report.encode("utf-8"))
            except OSError as exc:
                return _usage(f"cannot write the report {args.report} ({exc.strerror})")
    if not args.quiet or any(r.status == "failed" for r in all_results):
        if args.quiet:
            for r in all_results:
                if r.error:
                    print(f"asrfix: error: {r.error}", file=sys.stderr)
        else:
            sys.stderr.write(render_summary(all_results, check=args.check, written=writes))
    if any(r.status == "failed" for r in all_results):
        return EXIT_USAGE
    if args.check and any(r.status == "changed" for r in all_results):
        return EXIT_CHANGES
    return EXIT_OK
