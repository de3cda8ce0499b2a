"""``asrfix eval``: measure what correction does to your own data, against a reference you trust.

Inputs, by the hypothesis file:

- a TSV file with a header line (``.tsv``): one segment per row, joined with the reference on the ``id``
  column (or the first column); the hypothesis is the ``hyp`` column (or the second), the reference the
  ``ref`` column of the reference file (or its second). One TSV with both columns may be given alone.
- a subtitle or transcript file (SubRip, WebVTT, ASS, Whisper JSON, plain text): only the spoken text is
  scored; cue by cue (or line by line) when both files have the same number of cues, else as one text.

``--terms FILE`` adds per-segment terms: a TSV with an id column and a column holding a JSON list of words
(the LibriSpeech biasing lists), used as each segment's own lexicon and as its B words.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..errors import FormatError
from ..evaluation import EntryStats, EvaluationReport, Segment, evaluate
from ..fileio import decode
from ..formats import detect
from .options import add_correction_options, chosen_correctors

__all__ = ["read_segments", "register", "render_report"]


def register(subparsers: Any) -> None:
    """Add ``asrfix eval`` to ``subparsers``."""
    parser = subparsers.add_parser(
        "eval",
        help="measure correction against a reference: WER, term error rate, precision of the changes",
        description=(
            "Correct the hypothesis, then compare it and the corrected text with the reference: WER, U-WER "
            "(words outside the lexicon terms) and B-WER (words of the terms) before and after, whether each "
            "change moved the text toward the reference (good), away (bad) or neither (neutral), and how many "
            "wrong term words were fixed."
        ),
    )
    parser.add_argument("--hyp", required=True, metavar="FILE", help="recogniser output: .tsv, subtitles or text")
    parser.add_argument("--ref", metavar="FILE", help="the reference (optional when the --hyp TSV has a 'ref' column)")
    add_correction_options(parser)
    parser.add_argument("--terms", metavar="FILE.tsv", help="per-segment terms: id and a JSON list of words")
    parser.add_argument(
        "--terms-column", metavar="NAME", help="the --terms column holding the lists (default: the last one)"
    )
    parser.add_argument("--format", metavar="NAME", help="format of non-TSV inputs (default: detected)")
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    parser.add_argument(
        "--entries", type=int, default=20, metavar="N", help="lexicon entries shown in the table (0: all; default 20)"
    )
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    segments = read_segments(
        args.hyp, args.ref, terms=args.terms, terms_column=args.terms_column, format_name=args.format
    )
    correctors = chosen_correctors(args)
    report = evaluate(segments, lexicons=args.lexicon, correctors=correctors, min_confidence=args.min_confidence)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_report(report, entries=args.entries), end="")
    return 0


# --- reading ----------------------------------------------------------------------------------------------


def _read_text(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read {path}: {exc.strerror or exc}", path=path) from exc
    text, _encoding = decode(data, path=path)
    return text


def _is_tsv(path: str, text: str) -> bool:
    if Path(path).suffix.lower() == ".tsv":
        return True
    first = text.split("\n", 1)[0]
    return "\t" in first and {"hyp", "ref", "id"} & set(first.rstrip("\r").split("\t")) != set()


def _tsv(path: str, text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise FormatError(f"{path}:1: a TSV file needs a header line (for example: id<TAB>hyp<TAB>ref)", path=path)
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) > len(header):
            raise FormatError(
                f"{path}:{number}: {len(cells)} tab-separated cells but the header has {len(header)}; "
                "texts must not contain tabs",
                path=path,
                line=number,
            )
        rows.append((number, cells + [""] * (len(header) - len(cells))))
    return header, rows


def _column(path: str, header: list[str], name: str, fallback: int) -> int:
    if name in header:
        return header.index(name)
    if len(header) > fallback:
        return fallback
    raise FormatError(f"{path}:1: no {name!r} column; the header has {header!r}", path=path, line=1)


def _tsv_texts(path: str, text: str, name: str) -> dict[str, tuple[int, str]]:
    header, rows = _tsv(path, text)
    id_col = header.index("id") if "id" in header else 0
    col = _column(path, header, name, 1)
    texts: dict[str, tuple[int, str]] = {}
    for number, cells in rows:
        uid = cells[id_col]
        if uid in texts:
            raise FormatError(f"{path}:{number}: id {uid!r} already on line {texts[uid][0]}", path=path, line=number)
        texts[uid] = (number, cells[col])
    return texts


def _read_terms(path: str, column: str | None) -> dict[str, tuple[str, ...]]:
    header, rows = _tsv(path, _read_text(path))
    id_col = header.index("id") if "id" in header else 0
    if column is None:
        col = len(header) - 1
    elif column in header:
        col = header.index(column)
    else:
        raise FormatError(f"{path}:1: no column {column!r}; the header has {header!r}", path=path, line=1)
    terms: dict[str, tuple[str, ...]] = {}
    for number, cells in rows:
        try:
            value = json.loads(cells[col])
        except json.JSONDecodeError as exc:
            raise FormatError(
                f"{path}:{number}: column {header[col]!r} is not a JSON list of words ({exc.msg})",
                path=path,
                line=number,
            ) from exc
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise FormatError(
                f"{path}:{number}: column {header[col]!r} must be a JSON list of words", path=path, line=number
            )
        terms[cells[id_col]] = tuple(value)
    return terms


def _spoken_parts(path: str, text: str, format_name: str | None) -> tuple[str, list[tuple[str, str]]]:
    document = detect(path, text, format_name).read(text, path)
    parts = [
        (region.cue or str(k), document.view[region.start : region.end])
        for k, region in enumerate(document.regions, start=1)
    ]
    return document.view, parts


def read_segments(
    hyp_path: str,
    ref_path: str | None,
    *,
    terms: str | None = None,
    terms_column: str | None = None,
    format_name: str | None = None,
) -> list[Segment]:
    """Read hypothesis/reference pairs from files (see the module documentation for the forms accepted).

    Raises:
        FormatError: a file cannot be read, a column is missing, or an id of the reference has no hypothesis.
    """
    hyp_text = _read_text(hyp_path)
    segment_terms = _read_terms(terms, terms_column) if terms else {}
    if _is_tsv(hyp_path, hyp_text):
        hyps = _tsv_texts(hyp_path, hyp_text, "hyp")
        if ref_path is None or Path(ref_path).resolve() == Path(hyp_path).resolve():
            header, _rows = _tsv(hyp_path, hyp_text)
            if "ref" not in header:
                raise FormatError(f"{hyp_path}:1: no 'ref' column; give the reference with --ref", path=hyp_path)
            ref_path, refs = hyp_path, _tsv_texts(hyp_path, hyp_text, "ref")
        else:
            refs = _tsv_texts(ref_path, _read_text(ref_path), "ref")
        segments = []
        for uid, (number, ref) in refs.items():
            if uid not in hyps:
                raise FormatError(f"{ref_path}:{number}: id {uid!r} has no hypothesis in {hyp_path}", path=ref_path)
            if segment_terms and uid not in segment_terms:
                raise FormatError(f"{ref_path}:{number}: id {uid!r} has no terms in {terms}", path=ref_path)
            segments.append(Segment(hyps[uid][1], ref, uid, segment_terms.get(uid, ())))
        return segments
    if ref_path is None:
        raise FormatError(f"{hyp_path}: give the reference with --ref (only a TSV can hold both)", path=hyp_path)
    hyp_view, hyp_parts = _spoken_parts(hyp_path, hyp_text, format_name)
    ref_view, ref_parts = _spoken_parts(ref_path, _read_text(ref_path), format_name)
    whole_terms = segment_terms.get("", ())
    if len(hyp_parts) == len(ref_parts):
        return [
            Segment(hyp, ref, cue, segment_terms.get(cue, whole_terms))
            for (cue, hyp), (_cue, ref) in zip(hyp_parts, ref_parts, strict=True)
        ]
    return [Segment(hyp_view, ref_view, "", whole_terms)]


# --- reporting --------------------------------------------------------------------------------------------


def _percent(value: float | None) -> str:
    if value is None or value == float("inf"):
        return "-"
    return f"{value:.2f}%"


def _share(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _interesting(entry: EntryStats) -> bool:
    return entry.hits > 0 or entry.right_before < entry.in_ref or entry.right_after < entry.in_ref


def render_report(report: EvaluationReport, *, entries: int = 20) -> str:
    """Return the report as a table a person can read."""
    before, after = report.before, report.after
    lines = [
        f"{report.segments:,} segments, {before.wer.ref_words:,} reference words "
        f"({before.b_wer.ref_words:,} in lexicon terms)",
        "",
        f"{'':<18}{'before':>9}{'after':>9}{'change':>9}",
    ]
    for label, b, a in (
        ("WER", before.wer, after.wer),
        ("U-WER (other)", before.u_wer, after.u_wer),
        ("B-WER (terms)", before.b_wer, after.b_wer),
    ):
        finite = b.ref_words > 0 or (b.errors == 0 and a.errors == 0)
        change = f"{a.rate - b.rate:+.2f}" if finite else "-"
        lines.append(f"{label:<18}{_percent(b.rate):>9}{_percent(a.rate):>9}{change:>9}")
    lines += [
        "",
        f"changes made: {report.changes:,} (good {report.good:,}, bad {report.bad:,}, neutral {report.neutral:,}); "
        f"precision {_share(report.precision)}",
        f"term words wrong before: {report.fixable:,}; fixed: {report.fixed:,}; recall {_share(report.recall)}",
    ]
    shown = sorted((e for e in report.entries if _interesting(e)), key=lambda e: (-e.bad, -e.hits, -e.in_ref, e.term))
    if shown:
        limit = len(shown) if entries <= 0 else entries
        rows: list[tuple[str, ...]] = [
            ("entry", "lexicon", "in ref", "right before", "right after", "hits", "good", "bad", "neutral")
        ]
        rows += [
            (
                e.term or "(no entry)",
                e.lexicon,
                *(str(v) for v in (e.in_ref, e.right_before, e.right_after, e.hits, e.good, e.bad, e.neutral)),
            )
            for e in shown[:limit]
        ]
        widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
        lines.append("")
        for row in rows:
            cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
            cells += [cell.rjust(width) for cell, width in zip(row[2:], widths[2:], strict=True)]
            lines.append("  ".join(cells).rstrip())
        if len(shown) > limit:
            lines.append(f"... and {len(shown) - limit} more entries (--entries 0 shows all, --json gives everything)")
    return "\n".join(lines) + "\n"
