"""The phonetic corrector: accuracy on the LibriSpeech biasing benchmark, and speed against lexicon size.

Run:  python benchmarks/bench_phonetic.py                  (accuracy, then speed)
      python benchmarks/bench_phonetic.py --part accuracy  (or --part speed)
      python benchmarks/bench_phonetic.py --limit 300      (accuracy on the first 300 utterances only)

Accuracy: each utterance of LibriSpeech test-clean (RNN-T baseline output, benchmarks/data/librispeech-biasing)
is corrected with its own 100-word biasing list as the lexicon (bare terms, no misrecognitions), by the
lexicon and phonetic correctors; WER, U-WER and B-WER before and after, as the benchmark's README defines them
(:func:`asrfix.evaluation.biasing_scores`).

Speed: the full pipeline (lexicon and phonetic correctors) on a 100,000-word text (the benchmark's recogniser
output, repeated) with lexicons of 100, 1,000 and 10,000 terms drawn from all the biasing lists (a fixed
seed), in words per second; after one warm-up run of each that also builds the indexes, the sizes take turns
for five rounds (``--rounds``), so that a change in the machine's load falls on all of them alike, and the
best run of each counts. Words per second are given by elapsed time and by the process's CPU time (steadier on
a machine shared with other jobs); the slow-down of each round is printed too. Then each size runs in a process of
its own (only its lexicon in the heap), the processes taking turns round by round, so that every size meets the
same moments of the machine, whose speed drifts.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from pathlib import Path

from turns import best_in_processes_taking_turns

from asrfix import Entry, Lexicon, Pipeline
from asrfix.correctors import Corrector
from asrfix.correctors.lexicon import LexiconCorrector
from asrfix.correctors.phonetic import PhoneticCorrector
from asrfix.evaluation import biasing_scores

DATA = Path(__file__).resolve().parent / "data" / "librispeech-biasing"
SIZES = (100, 1_000, 10_000)
TEXT_WORDS = 100_000


def read_rows() -> list[tuple[str, str, str, list[str]]]:
    """(id, hyp, ref, biasing list) for every utterance, in file order."""
    with open(DATA / "test-clean.rnnt_baseline.tsv", encoding="utf-8", newline="") as f:
        rows = {r["id"]: r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}
    with open(DATA / "test-clean.biasing.tsv", encoding="utf-8", newline="") as f:
        lists = {r["id"]: json.loads(r["biasing_list_100"]) for r in csv.DictReader(f, delimiter="\t")}
    return [(i, r["hyp"], r["ref"], lists[i]) for i, r in rows.items()]


def word_list_lexicon(words: list[str]) -> Lexicon:
    return Lexicon(name="librispeech-list", entries=tuple(Entry(term=w, lexicon="librispeech-list") for w in words))


def accuracy(rows: list[tuple[str, str, str, list[str]]]) -> None:
    correctors: list[Corrector] = [LexiconCorrector(), PhoneticCorrector()]
    before, after = [], []
    changes = suggestions = 0
    started = time.perf_counter()
    for _id, hyp, ref, words in rows:
        result = Pipeline(lexicons=[word_list_lexicon(words)], correctors=correctors).correct(hyp)
        changes += len(result.changes)
        suggestions += len(result.suggestions)
        before.append((ref, hyp, set(words)))
        after.append((ref, result.text.lower(), set(words)))
    seconds = time.perf_counter() - started
    print(f"LibriSpeech test-clean, {len(rows)} utterances, each with its 100-word list as the lexicon")
    print("| | WER | U-WER | B-WER |")
    print("|---|---|---|---|")
    for label, items in (("before (RNN-T baseline)", before), ("after (lexicon + phonetic)", after)):
        s = biasing_scores(items)
        print(f"| {label} | {s.wer.rate:.2f} | {s.u_wer.rate:.2f} | {s.b_wer.rate:.2f} |")
    print(f"{changes} changes, {suggestions} suggestions, {seconds:.1f} s (including building 2,620 indexes)")


def speed_text_and_vocabulary(rows: list[tuple[str, str, str, list[str]]]) -> tuple[str, list[str]]:
    """The timed text (the recogniser's output, repeated to TEXT_WORDS words) and the words terms come from."""
    hyps = [hyp for _id, hyp, _ref, _words in rows]
    words: list[str] = []
    while len(words) < TEXT_WORDS:
        for hyp in hyps:
            words.extend(hyp.split())
    return " ".join(words[:TEXT_WORDS]), sorted({w for _id, _hyp, _ref, ws in rows for w in ws})


def speed_pipeline(vocabulary: list[str], size: int) -> Pipeline:
    lexicon = word_list_lexicon(random.Random(0).sample(vocabulary, size))
    return Pipeline(lexicons=[lexicon], correctors=[LexiconCorrector(), PhoneticCorrector()])


def speed(rows: list[tuple[str, str, str, list[str]]], rounds: int = 5) -> None:
    text, vocabulary = speed_text_and_vocabulary(rows)
    print(f"Speed: {TEXT_WORDS:,}-word text, terms drawn from {len(vocabulary):,} biasing-list words (seed 0)")
    pipelines, builds = {}, {}
    for size in SIZES:
        pipelines[size] = speed_pipeline(vocabulary, size)
        started = time.perf_counter()
        pipelines[size].correct("warm up")
        builds[size] = time.perf_counter() - started
        pipelines[size].correct(text)
    # The sizes take turns, so that a change in the machine's load falls on all of them alike.
    runs: dict[int, list[tuple[float, float]]] = {size: [] for size in SIZES}
    for _ in range(rounds):
        for size in SIZES:
            runs[size].append(_timed(pipelines[size], text))
    print("| terms | index build (s) | words/s | words/s of CPU time |")
    print("|---|---|---|---|")
    rates, cpu_rates = {}, {}
    for size in SIZES:
        rates[size] = TEXT_WORDS / min(elapsed for elapsed, _cpu in runs[size])
        cpu_rates[size] = TEXT_WORDS / min(cpu for _elapsed, cpu in runs[size])
        print(f"| {size:,} | {builds[size]:.2f} | {rates[size]:,.0f} | {cpu_rates[size]:,.0f} |")
    print(
        f"slow-down from {SIZES[0]} to {SIZES[-1]:,} terms: {rates[SIZES[0]] / rates[SIZES[-1]]:.2f}x "
        f"(CPU time: {cpu_rates[SIZES[0]] / cpu_rates[SIZES[-1]]:.2f}x); in each round (CPU time): "
        + ", ".join(f"{late[1] / early[1]:.2f}x" for early, late in zip(runs[SIZES[0]], runs[SIZES[-1]], strict=True))
    )
    # Each size in a process of its own, as a pipeline with one lexicon runs, the processes taking turns round by
    # round: the machine's speed drifts over minutes, and this way every size meets the same moments.
    folder = str(Path(__file__).parent)
    turns = best_in_processes_taking_turns(WORKER_SCRIPT, [(folder, str(size)) for size in SIZES], rounds)
    separate = {size: figures[0] for size, figures in zip(SIZES, turns, strict=True)}
    print(f"Each size in a process of its own, the processes taking turns, best of {rounds} rounds (CPU time):")
    print("| terms | words/s of CPU time |")
    print("|---|---|")
    for size in SIZES:
        print(f"| {size:,} | {TEXT_WORDS / separate[size]:,.0f} |")
    print(f"slow-down from {SIZES[0]} to {SIZES[-1]:,} terms: {separate[SIZES[-1]] / separate[SIZES[0]]:.2f}x")


WORKER_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
from bench_phonetic import _timed, read_rows, speed_pipeline, speed_text_and_vocabulary
text, vocabulary = speed_text_and_vocabulary(read_rows())
pipeline = speed_pipeline(vocabulary, int(sys.argv[2]))
pipeline.correct(text)
print("ready", flush=True)
for _ in sys.stdin:
    print(_timed(pipeline, text)[1], flush=True)
"""


def _timed(pipeline: Pipeline, text: str) -> tuple[float, float]:
    """Elapsed and CPU seconds of one correction."""
    started, started_cpu = time.perf_counter(), time.process_time()
    pipeline.correct(text)
    return time.perf_counter() - started, time.process_time() - started_cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("accuracy", "speed", "all"), default="all")
    parser.add_argument("--limit", type=int, default=None, help="accuracy on the first N utterances only")
    parser.add_argument("--rounds", type=int, default=5, help="timed runs of each lexicon size (best counts)")
    args = parser.parse_args(argv)
    rows = read_rows()
    if args.part in ("accuracy", "all"):
        accuracy(rows[: args.limit] if args.limit else rows)
    if args.part in ("speed", "all"):
        speed(rows, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
