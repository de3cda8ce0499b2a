"""``asrfix lexicon ...``: validate, lint, test, learn, add and export lexicons, and print their JSON Schema.

Exit codes: 0 ok; 1 lint warnings under ``--strict`` or failing examples; 2 invalid files or usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..errors import FormatError, LexiconError
from ..lexicon import Lexicon, load_lexicon

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID = 2


def register(subparsers: Any) -> None:
    """Add ``asrfix lexicon`` and its subcommands to ``subparsers``."""
    group = subparsers.add_parser(
        "lexicon",
        help="maintain lexicons: validate, lint, test, learn, add, export",
        description="Tools for lexicon maintainers. FILE is a lexicon path or the name of a shipped lexicon.",
    )
    group.set_defaults(handler=lambda args: _usage(group))
    commands = group.add_subparsers(dest="lexicon_command", metavar="SUBCOMMAND", parser_class=type(group))

    validate = commands.add_parser(
        "validate",
        help="check lexicon files against the schema",
        description="Check lexicon files against "
        "the schema; every problem is printed as FILE:LINE:COLUMN. Exit 2 if any file is invalid.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="lexicon files, or names of shipped lexicons")
    validate.set_defaults(handler=_validate)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the lexicon format (or its path)",
        description="Print the JSON Schema of the lexicon format, for editors that validate YAML as it is typed "
        "(for example with a '# yaml-language-server: $schema=PATH' line at the top of a lexicon).",
    )
    schema.add_argument("--path", action="store_true", help="print the path of the installed schema file instead")
    schema.set_defaults(handler=_schema)

    lint = commands.add_parser(
        "lint",
        help="warn about entries likely to misfire, never fire or compete",
        description="Warn about duplicate or shadowed misrecognitions, misrecognitions that are other terms, "
        "everyday words without a context guard, terms that sound alike, and entries without examples.",
    )
    lint.add_argument("files", nargs="+", metavar="FILE", help="lexicon files, or names of shipped lexicons")
    lint.add_argument("--strict", action="store_true", help="exit 1 when there is any warning")
    lint.set_defaults(handler=_lint)

    test = commands.add_parser(
        "test",
        help="run every entry's examples through the default pipeline",
        description="Run every entry's examples (must change as given, or must stay unchanged) through the "
        "full default pipeline with only that lexicon loaded. Exit 1 if any fails.",
    )
    test.add_argument("files", nargs="+", metavar="FILE", help="lexicon files, or names of shipped lexicons")
    test.add_argument("-v", "--verbose", action="store_true", help="print one line per example")
    test.set_defaults(handler=_test)

    learn = commands.add_parser(
        "learn",
        help="propose entries from a transcript and its corrected version",
        description="Align a recogniser's output with a person's corrected version (text or subtitles), find "
        "recurring misrecognitions of names and terms, and propose lexicon entries with counts and examples.",
    )
    learn.add_argument("--hyp", required=True, metavar="ASR_FILE", help="the recogniser's output")
    learn.add_argument("--ref", required=True, metavar="CORRECTED_FILE", help="the corrected version")
    learn.add_argument("-o", "--output", metavar="NEW.yaml", help="write the proposals as a new lexicon")
    learn.add_argument(
        "--into", metavar="EXISTING.yaml", help="merge the proposals into this lexicon, keeping its layout"
    )
    learn.add_argument(
        "--min-count", type=int, default=2, metavar="N", help="propose a correction seen at least N times (2)"
    )
    learn.add_argument(
        "--single-names",
        action="store_true",
        help="also propose names and rare terms corrected only once",
    )
    learn.set_defaults(handler=_learn)

    add = commands.add_parser(
        "add",
        help="add one entry (or misrecognitions to an entry), keeping comments and layout",
        description="Add an entry to a lexicon file, or misrecognitions and examples to an existing entry, "
        "changing nothing else in the file.",
    )
    add.add_argument("file", metavar="FILE", help="the lexicon file to edit")
    add.add_argument("term", metavar="TERM", help="the canonical term")
    add.add_argument(
        "-m", "--misrecognition", action="append", default=[], metavar="TEXT", help="a misrecognition (repeat)"
    )
    add.add_argument("--sounds-like", action="append", default=[], metavar="TEXT", help="a respelling (repeat)")
    add.add_argument("--context", action="append", default=[], metavar="WORD", help="a context word (repeat)")
    add.add_argument("--category", metavar="LABEL", help="category of a new entry")
    add.add_argument("--example", nargs=2, action="append", default=[], metavar=("INPUT", "OUTPUT"), help="an example")
    add.add_argument(
        "--unchanged", action="append", default=[], metavar="INPUT", help="an example that must stay unchanged"
    )
    add.add_argument("--dry-run", action="store_true", help="print the new file instead of writing it")
    add.set_defaults(handler=_add)

    export = commands.add_parser(
        "export",
        help="write lexicons for other recognisers (AWS, Speechmatics, Whisper, find/replace)",
        description="Write lexicons in another recogniser's format: aws (Transcribe custom vocabulary table), "
        "speechmatics (additional_vocab JSON), whisper (initial prompt within 223 tokens), tsv (find/replace).",
    )
    export.add_argument("files", nargs="+", metavar="FILE", help="lexicon files, or names of shipped lexicons")
    export.add_argument(
        "--to", required=True, choices=("aws", "speechmatics", "whisper", "tsv"), help="the format to write"
    )
    export.add_argument("-o", "--output", metavar="OUT", help="write to this file (default: standard output)")
    export.add_argument(
        "--max-tokens", type=int, default=223, metavar="N", help="whisper: prompt budget in tokens (223)"
    )
    export.add_argument("--include-guarded", action="store_true", help="tsv: include misrecognitions that need context")
    export.add_argument("--aws-sounds-like", action="store_true", help="aws: fill SoundsLike from sounds_like")
    export.set_defaults(handler=_export)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_INVALID


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, so no half-written file is left."""
    folder = path.resolve().parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- validate, lint, test ---------------------------------------------------------------------------------


def _load_all(files: list[str]) -> tuple[list[Lexicon], bool]:
    from ..lexicon_tools.validate import validate_files

    lexicons: list[Lexicon] = []
    ok = True
    for result in validate_files(files):
        if result.error is not None:
            print(f"asrfix: error: {result.error}", file=sys.stderr)
            ok = False
        elif result.lexicon is not None:
            lexicons.append(result.lexicon)
    return lexicons, ok


def _validate(args: argparse.Namespace) -> int:
    lexicons, ok = _load_all(args.files)
    for lexicon in lexicons:
        print(f"{lexicon.path}: ok ({len(lexicon)} entries)")
    return EXIT_OK if ok else EXIT_INVALID


def _schema(args: argparse.Namespace) -> int:
    from ..lexicon_tools import SCHEMA_PATH

    if args.path:
        print(SCHEMA_PATH)
    else:
        sys.stdout.write(SCHEMA_PATH.read_text(encoding="utf-8"))
    return EXIT_OK


def _lint(args: argparse.Namespace) -> int:
    from ..lexicon_tools.lint import lint_lexicon

    lexicons, ok = _load_all(args.files)
    count = 0
    for lexicon in lexicons:
        for warning in lint_lexicon(lexicon):
            print(warning)
            count += 1
    files = len(lexicons)
    print(f"{count} warning{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}", file=sys.stderr)
    if not ok:
        return EXIT_INVALID
    return EXIT_FAILED if args.strict and count else EXIT_OK


def _test(args: argparse.Namespace) -> int:
    from ..lexicon_tools.runner import run_examples

    lexicons, ok = _load_all(args.files)
    passed = 0
    failures = []
    for lexicon in lexicons:
        marks: list[str] = []
        for result in run_examples(lexicon):
            if result.passed:
                passed += 1
            else:
                failures.append((lexicon, result))
            if args.verbose:
                status = "PASSED" if result.passed else "FAILED"
                print(f"{lexicon.path}:{result.example.line}: {result.entry.term}: {status}")
            else:
                marks.append("." if result.passed else "F")
        if not args.verbose:
            print(f"{lexicon.path} {''.join(marks)}")
    if failures:
        print("\n=== failures ===")
        for lexicon, result in failures:
            print(f"\n{lexicon.path}:{result.example.line}: entry {result.entry.term!r}: {result.describe()}")
    print(f"\n{passed} passed, {len(failures)} failed")
    if not ok:
        return EXIT_INVALID
    return EXIT_FAILED if failures else EXIT_OK


# --- export -----------------------------------------------------------------------------------------------


def _export(args: argparse.Namespace) -> int:
    from ..lexicon_tools.export import export_lexicon

    if args.max_tokens < 1:
        raise LexiconError(f"--max-tokens must be at least 1, got {args.max_tokens}")
    lexicons = [load_lexicon(f) for f in args.files]
    result = export_lexicon(
        lexicons,
        args.to,
        max_tokens=args.max_tokens,
        include_guarded=args.include_guarded,
        aws_sounds_like=args.aws_sounds_like,
    )
    for note in result.notes:
        print(f"asrfix: note: {note}", file=sys.stderr)
    if args.output:
        write_atomically(Path(args.output), result.text)
    else:
        sys.stdout.write(result.text)
    return EXIT_OK


# --- learn and add ----------------------------------------------------------------------------------------


def _learn(args: argparse.Namespace) -> int:
    from ..lexicon_tools.edit import merge_into_lexicon
    from ..lexicon_tools.learn import learn, to_drafts

    if args.output and args.into:
        raise LexiconError("give either -o NEW.yaml or --into EXISTING.yaml, not both")
    if args.min_count < 1:
        raise LexiconError(f"--min-count must be at least 1, got {args.min_count}")
    into = _editable(args.into) if args.into else None
    output = Path(args.output) if args.output else None
    if output is not None and output.exists():
        raise LexiconError("the file exists; merge into it with --into, or choose a new name", path=output)
    known = load_lexicon(into) if into is not None else None
    proposals = learn(
        _spoken_text(args.hyp),
        _spoken_text(args.ref),
        min_count=args.min_count,
        single_names=args.single_names,
        known=known,
    )
    for p in proposals:
        note = f"  (already {p.known!r} in the lexicon: not added)" if p.known else ""
        kept = f", kept {p.kept}x" if p.kept else ""
        print(f"{p.count:4d}x {p.kind:<9} {p.misrecognition!r} -> {p.term!r}{kept}{note}")
        for occurrence in p.occurrences[:2]:
            print(f"        line {occurrence.hyp_line}: {occurrence.input}")
    source = f"{Path(args.hyp).name} vs {Path(args.ref).name}"
    drafts = to_drafts(proposals, source=source)
    print(_plural(len(proposals), "proposal") + ", " + _plural(len(drafts), "entry", "entries"), file=sys.stderr)
    if into is not None:
        result = merge_into_lexicon(_read_text(into), drafts, path=into)
        if result.done:
            write_atomically(into, result.text)
        for line in result.done or ("nothing new",):
            print(f"{into}: {line}", file=sys.stderr)
    elif output is not None:
        header = (
            f"# Learned by 'asrfix lexicon learn' from {source}; review every entry before use.\n"
            f"asrfix: 1\nname: {output.stem}\nentries:\n"
        )
        result = merge_into_lexicon(header, drafts, path=output)
        write_atomically(output, result.text)
        print(f"{output}: wrote {len(drafts)} entries", file=sys.stderr)
    return EXIT_OK


def _plural(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _spoken_text(given: str) -> str:
    """The spoken text of a transcript or subtitle file (timings, numbers and tags left out)."""
    from ..fileio import decode
    from ..formats import detect

    path = Path(given)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read the file ({exc.strerror})", path=path) from exc
    text, _encoding = decode(data, path=path)
    return detect(path, text).read(text, path).view


def _add(args: argparse.Namespace) -> int:
    from ..lexicon_tools.edit import EntryDraft, add_to_lexicon

    path = _editable(args.file)
    draft = EntryDraft(
        term=args.term.strip(),
        misrecognitions=tuple(args.misrecognition),
        sounds_like=tuple(args.sounds_like),
        context=tuple(args.context),
        category=args.category or "",
        examples=tuple((i, o) for i, o in args.example) + tuple((i, None) for i in args.unchanged),
    )
    result = add_to_lexicon(_read_text(path), draft, path=path)
    if args.dry_run:
        sys.stdout.write(result.text)
    elif result.done:
        write_atomically(path, result.text)
    for line in result.done or (f"nothing new for {draft.term!r}; {path} is unchanged",):
        print(f"{path}: {line}", file=sys.stderr)
    return EXIT_OK


def _editable(given: str) -> Path:
    path = Path(given)
    if not path.is_file():
        raise LexiconError("no such lexicon file; give the path of the .yaml file to edit", path=path)
    return path


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LexiconError(f"cannot read the file ({exc.strerror})", path=path) from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LexiconError("the file is not UTF-8; save it as UTF-8", path=path) from exc
