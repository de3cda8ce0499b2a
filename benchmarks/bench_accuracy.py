"""Accuracy of asrfix: what the default pipeline does to text with recognition errors, and to text without.

Run:  python benchmarks/bench_accuracy.py                      (all three parts, default correctors)
      python benchmarks/bench_accuracy.py --correctors lexicon  (name the correctors, comma-separated)
      python benchmarks/bench_accuracy.py --limit 300           (the first 300 LibriSpeech utterances)
      python benchmarks/bench_accuracy.py --every 13            (every 13th utterance: the regression-test subset)
      python benchmarks/bench_accuracy.py --half dev            (the speakers tuned on; --half held-out: the others)
      python benchmarks/bench_accuracy.py --parts clean --show 20  (one part; list 20 of its changes)
      python benchmarks/bench_accuracy.py --min-confidence 0.7  (make only changes at least this sure)

Parts:

- ``librispeech``: LibriSpeech test-clean, RNN-T baseline output (benchmarks/data/librispeech-biasing). Each
  utterance's 100-word biasing list is that utterance's lexicon (bare terms, no misrecognitions, lexicon name
  ``librispeech-list``). WER, U-WER and B-WER before and after, as the benchmark defines them.
- ``seed``: the seed news transcript against the team's hand-corrected reference (benchmarks/data/seed), with
  the shipped ``china-news`` lexicon, line by line.
- ``clean``: text with no recognition errors (the LibriSpeech references, and the seed reference) corrected
  with a large lexicon: every biasing-list word of the utterances used (150,769 words for all 2,620) merged
  into one lexicon, plus ``china-news``. Every change is a false change; the figure is false changes per
  10,000 words.
- ``other-list``: the LibriSpeech references again, each corrected with the 100-word list of the utterance half
  the file away (another speaker and book): a small lexicon of rare words that do not belong to the text, as
  when a user's lexicon does not match a transcript. Every change is a false change.

The definitions of good/bad/neutral changes, precision and recall are those of :func:`asrfix.evaluation.evaluate`.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from asrfix import Entry, Lexicon, Pipeline, apply, load_lexicon
from asrfix.api import DEFAULT_MIN_CONFIDENCE
from asrfix.correctors import DEFAULT_CORRECTORS
from asrfix.evaluation import EvaluationReport, Segment, edit_distance, evaluate, scoring_words

DATA = Path(__file__).resolve().parent / "data"
LIBRISPEECH = DATA / "librispeech-biasing"
SEED = DATA / "seed"
PARTS = ("librispeech", "seed", "clean", "other-list")
PUBLISHED = {"B1 baseline (no biasing)": (3.65, 2.37, 14.08), "S5 best published (audio biasing)": (1.98, 1.52, 5.71)}


def librispeech_rows() -> list[dict[str, str]]:
    """The benchmark's utterances in file order: id, hyp, ref, and the biasing list as JSON."""
    with open(LIBRISPEECH / "test-clean.rnnt_baseline.tsv", encoding="utf-8", newline="") as f:
        rows = {r["id"]: r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}
    with open(LIBRISPEECH / "test-clean.biasing.tsv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows[r["id"]]["biasing_list_100"] = r["biasing_list_100"]
    return list(rows.values())


HALVES = ("dev", "held-out")


def speaker_half(rows: Sequence[dict[str, str]], half: str) -> list[dict[str, str]]:
    """The utterances of half of the speakers: with the 40 speaker ids (the first field of an utterance id)
    in numeric order, ``dev`` holds the 1st, 3rd, 5th... and ``held-out`` the 2nd, 4th, 6th... Weights are
    tuned on ``dev`` only; ``held-out`` shows whether they carry over to speakers and books not tuned on.
    """
    if half not in HALVES:
        raise ValueError(f"half must be one of {HALVES}, got {half!r}")
    speakers = sorted({int(r["id"].split("-", 1)[0]) for r in rows})
    chosen = set(speakers[HALVES.index(half) :: 2])
    return [r for r in rows if int(r["id"].split("-", 1)[0]) in chosen]


def select(
    rows: Sequence[dict[str, str]], *, limit: int | None = None, every: int = 1, half: str | None = None
) -> list[dict[str, str]]:
    """The utterances of one speaker half (or all), every ``every``-th of those, then the first ``limit``."""
    chosen = list((speaker_half(rows, half) if half else rows)[::every])
    return chosen[:limit] if limit is not None else chosen


def librispeech_segments(rows: Sequence[dict[str, str]]) -> list[Segment]:
    return [Segment(r["hyp"], r["ref"], r["id"], tuple(json.loads(r["biasing_list_100"]))) for r in rows]


def seed_segments() -> list[Segment]:
    """The seed transcript and its reference, paired line by line (both files have the same lines)."""
    hyp = (SEED / "news-transcript.txt").read_text(encoding="utf-8").splitlines()
    ref = (SEED / "news-transcript.reference.txt").read_text(encoding="utf-8").splitlines()
    if len(hyp) != len(ref):
        raise SystemExit("seed transcript and reference must have the same number of lines")
    return [Segment(h, r, str(n)) for n, (h, r) in enumerate(zip(hyp, ref, strict=True), start=1) if r.strip()]


def large_lexicon(rows: Sequence[dict[str, str]]) -> Lexicon:
    """Every biasing-list word of every utterance as a bare term: a large lexicon of rare words."""
    words = sorted({w for r in rows for w in json.loads(r["biasing_list_100"])})
    return Lexicon(name="librispeech-all", entries=tuple(Entry(term=w, lexicon="librispeech-all") for w in words))


def clean_segments(rows: Sequence[dict[str, str]]) -> list[Segment]:
    """Error-free text: the LibriSpeech references and the seed reference, as their own hypotheses."""
    segments = [Segment(r["ref"], r["ref"], r["id"]) for r in rows]
    segments += [Segment(s.ref, s.ref, f"seed:{s.id}") for s in seed_segments()]
    return segments


def other_list_segments(rows: Sequence[dict[str, str]]) -> list[Segment]:
    """Each reference as its own hypothesis, with the biasing list of the utterance half the rows away."""
    half = len(rows) // 2
    others = [*rows[half:], *rows[:half]]
    return [
        Segment(r["ref"], r["ref"], r["id"], tuple(json.loads(o["biasing_list_100"])))
        for r, o in zip(rows, others, strict=True)
    ]


def false_changes_per_10k(report: EvaluationReport) -> float:
    """Changes made on error-free text, per 10,000 reference words."""
    return 10_000 * report.changes / max(1, report.before.wer.ref_words)


def _rate(value: float) -> str:
    return f"{value:6.2f}"


def print_scores(title: str, report: EvaluationReport, seconds: float) -> None:
    print(f"\n## {title}")
    print(f"{report.segments:,} segments, {report.before.wer.ref_words:,} words, {seconds:.1f} s")
    print(f"{'':<12}{'WER':>8}{'U-WER':>8}{'B-WER':>8}")
    for label, s in (("before", report.before), ("after", report.after)):
        print(f"{label:<12}{_rate(s.wer.rate):>8}{_rate(s.u_wer.rate):>8}{_rate(s.b_wer.rate):>8}")
    precision = "-" if report.precision is None else f"{100 * report.precision:.1f}%"
    recall = "-" if report.recall is None else f"{100 * report.recall:.1f}%"
    print(
        f"changes {report.changes} (good {report.good}, bad {report.bad}, neutral {report.neutral}); "
        f"precision {precision}; term words fixed {report.fixed}/{report.fixable}, recall {recall}"
    )


def show_changes(changes: list[tuple[str, str, str, str, str]], limit: int) -> None:
    """Print up to ``limit`` changes, bad ones first, then neutral, then good."""
    order = {"bad": 0, "neutral": 1, "good": 2}
    for verdict, sid, before, after, corrector in sorted(changes, key=lambda c: order[c[0]])[:limit]:
        print(f"  {verdict:<7} {sid}: {before!r} -> {after!r} ({corrector})")


def collect_changes(
    segments: Sequence[Segment], correctors: Any, lexicons: Any, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> list[tuple[str, str, str, str, str]]:
    """Run the pipeline again; list its changes as (verdict, segment id, before, after, corrector)."""
    found = []
    for segment in segments:
        lx = list(lexicons)
        if segment.terms:
            lx.append(
                Lexicon("librispeech-list", tuple(Entry(term=t, lexicon="librispeech-list") for t in segment.terms))
            )
        pipeline = Pipeline(lexicons=lx, correctors=correctors, min_confidence=min_confidence)
        ref = scoring_words(segment.ref)
        distance = edit_distance(ref, scoring_words(segment.hyp))
        for change in pipeline.correct(segment.hyp).changes:
            delta = edit_distance(ref, scoring_words(apply(segment.hyp, [change]))) - distance
            verdict = "good" if delta < 0 else "bad" if delta > 0 else "neutral"
            found.append((verdict, segment.id, change.before, change.after, change.corrector))
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument(
        "--correctors", help=f"comma-separated corrector names (default: {','.join(DEFAULT_CORRECTORS)})"
    )
    parser.add_argument("--limit", type=int, help="use only the first N LibriSpeech utterances (after --every)")
    parser.add_argument("--every", type=int, default=1, help="use every N-th LibriSpeech utterance (default 1)")
    parser.add_argument("--half", choices=HALVES, help="only the LibriSpeech speakers of this half (dev: tuned on)")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated, of {', '.join(PARTS)}")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="list N changes of each part, bad first")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument(
        "--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE, help="the pipeline's threshold (default 0.5)"
    )
    args = parser.parse_args(argv)
    correctors = args.correctors.split(",") if args.correctors else None
    parts = args.parts.split(",")
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        parser.error(f"unknown part(s) {unknown}; choose from {', '.join(PARTS)}")

    all_rows = librispeech_rows()
    rows = select(all_rows, limit=args.limit, every=args.every, half=args.half)
    half = f"; LibriSpeech speakers: {args.half} half" if args.half else ""
    print(f"# asrfix accuracy: correctors {','.join(correctors or DEFAULT_CORRECTORS)}{half}")
    figures: dict[str, Any] = {
        "correctors": list(correctors or DEFAULT_CORRECTORS),
        "utterances": len(rows),
        "half": args.half or "all",
    }

    if "librispeech" in parts:
        segments = librispeech_segments(rows)
        start = time.perf_counter()
        report = evaluate(
            segments, min_confidence=args.min_confidence, correctors=correctors, terms_lexicon="librispeech-list"
        )
        print_scores(
            "LibriSpeech test-clean, per-utterance 100-word biasing lists", report, time.perf_counter() - start
        )
        for name, (wer, u, b) in PUBLISHED.items():
            print(f"{'published':<12}{wer:>8.2f}{u:>8.2f}{b:>8.2f}   {name}, full set")
        figures["librispeech"] = report.to_dict() | {"entries": None}
        if args.show:
            show_changes(collect_changes(segments, correctors, [], args.min_confidence), args.show)

    if "seed" in parts:
        segments = seed_segments()
        start = time.perf_counter()
        report = evaluate(segments, min_confidence=args.min_confidence, lexicons=["china-news"], correctors=correctors)
        print_scores(
            "Seed news transcript vs hand-corrected reference, china-news lexicon", report, time.perf_counter() - start
        )
        figures["seed"] = report.to_dict()
        if args.show:
            show_changes(collect_changes(segments, correctors, ["china-news"], args.min_confidence), args.show)

    if "clean" in parts:
        lexicons = [large_lexicon(rows), load_lexicon("china-news")]
        segments = clean_segments(rows)
        start = time.perf_counter()
        report = evaluate(segments, min_confidence=args.min_confidence, lexicons=lexicons, correctors=correctors)
        seconds = time.perf_counter() - start
        per_10k = false_changes_per_10k(report)
        print("\n## Clean text (no recognition errors): LibriSpeech references + seed reference")
        print(
            f"{report.segments:,} segments, {report.before.wer.ref_words:,} words, lexicon of "
            f"{sum(len(lx) for lx in lexicons):,} terms, {seconds:.1f} s"
        )
        print(
            f"false changes: {report.changes} = {per_10k:.2f} per 10,000 words; WER after {report.after.wer.rate:.2f}"
        )
        figures["clean"] = {"changes": report.changes, "words": report.before.wer.ref_words, "per_10k": per_10k}
        if args.show:
            show_changes(collect_changes(segments, correctors, lexicons, args.min_confidence), args.show)

    if "other-list" in parts:
        segments = other_list_segments(rows)
        start = time.perf_counter()
        report = evaluate(
            segments, min_confidence=args.min_confidence, correctors=correctors, terms_lexicon="librispeech-list"
        )
        seconds = time.perf_counter() - start
        per_10k = false_changes_per_10k(report)
        print("\n## Clean text, each with another utterance's 100-word list (a lexicon that does not match)")
        print(f"{report.segments:,} segments, {report.before.wer.ref_words:,} words, {seconds:.1f} s")
        print(
            f"false changes: {report.changes} = {per_10k:.2f} per 10,000 words; WER after {report.after.wer.rate:.2f}"
        )
        figures["other-list"] = {"changes": report.changes, "words": report.before.wer.ref_words, "per_10k": per_10k}
        if args.show:
            show_changes(collect_changes(segments, correctors, [], args.min_confidence), args.show)

    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
