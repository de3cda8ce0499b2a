"""Speed of exact-variant matching (the lexicon corrector) against FlashText, and lexicon loading cost.

Run:  python benchmarks/bench_exact.py            (a few minutes)
      python benchmarks/bench_exact.py --quick    (smaller, for a smoke test)
      python benchmarks/bench_exact.py --part matching|automaton|loading   (one part)

The text is 100,000 words drawn from English word frequencies (wordfreq), with about one word in fifty
replaced by a listed misrecognition. Lexicons of 100, 10,000 and 100,000 entries map made-up rare
misrecognitions (one- and two-word) to terms. Both asrfix and FlashText run on the same text and lexicon in
the same process; the figure is words per second for the best of several runs of a full correction
(asrfix: ``Pipeline.correct`` of the whole text with the lexicon corrector, including resolve and apply;
FlashText: ``replace_keywords`` line by line, its usual use, which is also its fastest: on one long string
its speed depends on the state of the heap, from about 20,000 to 900,000 words/s, because it builds its
output by repeated string concatenation). asrfix is also timed alone, each size run again at once, and each
size in a process of its own (nothing else in the heap: a small lexicon's index then fits the caches), those
processes taking turns round by round, as the sizes do in the shared process.
Memory is read from /proc (VmHWM, the peak resident size).
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from turns import best_in_processes_taking_turns

import asrfix
from asrfix.lexicon import Entry, Lexicon, Misrecognition

SIZES = (100, 10_000, 100_000)
SYLLABLES = [
    "ka", "zu", "mo", "ri", "ten", "vex", "qua", "lor", "bi", "shan", "dro", "pel", "ux", "gor", "nim",
    "fa", "sek", "tu", "wim", "jo", "ral", "kri", "den", "pho", "yam", "bru", "sil", "tev", "nok", "zar",
]


def made_up_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5)))


def build_lexicon(size: int, seed: int = 1) -> tuple[Lexicon, list[tuple[str, str]]]:
    rng = random.Random(seed)
    entries = []
    pairs: list[tuple[str, str]] = []
    seen: set[str] = set()
    i = 0
    while len(entries) < size:
        single, double = made_up_word(rng), f"{made_up_word(rng)} {made_up_word(rng)}"
        i += 1
        if single in seen or double in seen:
            continue
        seen.update((single, double))
        term = f"Term{i}"
        entries.append(Entry(term, (Misrecognition(single, False), Misrecognition(double, False)), lexicon="bench"))
        pairs += [(single, term), (double, term)]
    return Lexicon("bench", tuple(entries)), pairs


def build_text(words: int, pairs: list[tuple[str, str]], seed: int = 2, distinct: int | None = None) -> str:
    """English words with a listed form every 50 words, drawn from all of ``pairs`` or, with ``distinct``, from
    that many of them chosen at random (so that texts for lexicons of every size hold as many distinct forms)."""
    from wordfreq import top_n_list

    rng = random.Random(seed)
    vocabulary = top_n_list("en", 20_000)
    weights = [1 / (rank + 10) for rank in range(len(vocabulary))]
    chosen = rng.choices(vocabulary, weights=weights, k=words)
    if distinct is not None:
        pairs = rng.sample(pairs, min(distinct, len(pairs)))
    for i in range(0, words, 50):
        chosen[i] = rng.choice(pairs)[0]
    lines = [" ".join(chosen[i : i + 12]).capitalize() + "." for i in range(0, words, 12)]
    return "\n".join(lines)


def best_of_interleaved(runs: int, *fns: Callable[[], object]) -> list[float]:
    """Best time of each function over ``runs`` rounds, the functions taking turns within a round, so that
    a change in the machine's load during the benchmark affects them alike."""
    best = [float("inf")] * len(fns)
    for _ in range(runs):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def _flashtext_lines(processor: Any, lines: list[str]) -> str:
    return "\n".join(processor.replace_keywords(line) for line in lines)


def bench_matching(words: int, runs: int, sizes: tuple[int, ...]) -> None:
    from flashtext import KeywordProcessor

    print(f"Exact-variant matching, {words:,}-word text, best of {runs} rounds (the sizes take turns in each)")
    print(f"{'entries':>9} | {'asrfix words/s':>15} | {'FlashText words/s':>17} | {'ratio':>6} | changes | proposals")
    contenders: list[Callable[[], object]] = []
    counts = []
    for size in sizes:
        lexicon, pairs = build_lexicon(size)
        text = build_text(words, pairs)
        pipeline = asrfix.Pipeline(lexicons=[lexicon], correctors=["lexicon"])
        result = pipeline.correct(text)  # also builds the index once, as a long-running pipeline would
        processor = KeywordProcessor(case_sensitive=False)
        for variant, term in pairs:
            processor.add_keyword(variant, term)
        lines = text.split("\n")
        # Each size's own pipeline, processor and text, bound now (a closure over the loop's variables would
        # time the last size three times).
        contenders += [
            functools.partial(pipeline.correct, text),
            # FlashText line by line, its usual use: on one long string its speed swings 40-fold with the
            # state of the heap (it builds its output by repeated string concatenation).
            functools.partial(_flashtext_lines, processor, lines),
        ]
        counts.append((len(result.changes), len(pipeline.propose(text))))
    # All sizes are built before any is timed, and they take turns round by round: the first size timed in a
    # process would otherwise run on a cold machine (up to 1.5x slower, seen during development).
    best = best_of_interleaved(runs, *contenders)
    for i, size in enumerate(sizes):
        ours, theirs = best[2 * i], best[2 * i + 1]
        changes, proposals = counts[i]
        print(
            f"{size:>9,} | {words / ours:>15,.0f} | {words / theirs:>17,.0f} | {theirs / ours:>5.1f}x | "
            f"{changes:>7,} | {proposals:,}"
        )
    slowest, fastest = max(best[0::2]), min(best[0::2])
    print(f"asrfix's slowest size takes {slowest / fastest:.2f}x the time of its fastest")
    # The same corrections, each size timed alone and again at once (its data warm in the caches, which
    # favours the small lexicons, whose index fits there): the other way to read flatness.
    alone = [best_of_interleaved(runs, ours)[0] for ours in contenders[0::2]]
    print(
        "asrfix alone, each size run again at once (warm caches): "
        + ", ".join(f"{size:,}: {words / t:,.0f} words/s" for size, t in zip(sizes, alone, strict=True))
        + f"; slowest / fastest {max(alone) / min(alone):.2f}x"
    )
    # And each size in a process of its own, as a pipeline with one lexicon runs: nothing else in the heap.
    # The processes run at once and take turns (one correction each, then the next process), so that all
    # sizes meet the same moments of the machine: its speed drifts over minutes (seen in
    # session 7), which would otherwise land on whichever size ran then.
    folder = str(Path(__file__).parent)
    separate = best_in_processes_taking_turns(WORKER_SCRIPT, [(folder, str(words), str(size)) for size in sizes], runs)
    print("Each size in a process of its own (nothing else in the heap), the processes taking turns, best of")
    print(f"{runs} rounds:")
    for size, (ours, theirs) in zip(sizes, separate, strict=True):
        print(f"{size:>9,} | {words / ours:>15,.0f} | {words / theirs:>17,.0f} | {theirs / ours:>5.1f}x")
    ours_all, theirs_all = [t[0] for t in separate], [t[1] for t in separate]
    print(
        f"slowest size / fastest, each in its own process: asrfix {max(ours_all) / min(ours_all):.2f}x, "
        f"FlashText {max(theirs_all) / min(theirs_all):.2f}x"
    )


def bench_distinct(words: int, runs: int, sizes: tuple[int, ...], distinct: int) -> None:
    """The same corrections on texts whose listed forms are drawn from ``distinct`` forms at every size.

    In the texts above, the smallest lexicon's 200 forms each come back about ten times, while the largest
    lexicon's text holds 2,000 distinct forms, each read once: walking the automaton for a form read once costs
    cache misses whatever the lexicon, so those texts mix the lexicon's size with the number of distinct forms.
    Here only the lexicon's size differs."""
    print(f"Texts of {distinct} distinct listed forms at every size, best of {runs} rounds (the sizes take turns)")
    contenders: list[Callable[[], object]] = []
    for size in sizes:
        lexicon, pairs = build_lexicon(size)
        text = build_text(words, pairs, distinct=distinct)
        pipeline = asrfix.Pipeline(lexicons=[lexicon], correctors=["lexicon"])
        pipeline.correct(text)
        contenders.append(functools.partial(pipeline.correct, text))
    best = best_of_interleaved(runs, *contenders)
    print(", ".join(f"{size:,}: {words / t:,.0f} words/s" for size, t in zip(sizes, best, strict=True)))
    print(f"asrfix's slowest size takes {max(best) / min(best):.2f}x the time of its fastest")


WORKER_SCRIPT = """
import sys, time
sys.path.insert(0, sys.argv[1])
import asrfix
from flashtext import KeywordProcessor
from bench_exact import _flashtext_lines, build_lexicon, build_text
words, size = map(int, sys.argv[2:])
lexicon, pairs = build_lexicon(size)
text = build_text(words, pairs)
pipeline = asrfix.Pipeline(lexicons=[lexicon], correctors=["lexicon"])
pipeline.correct(text)
processor = KeywordProcessor(case_sensitive=False)
for variant, term in pairs:
    processor.add_keyword(variant, term)
lines = text.split("\\n")
_flashtext_lines(processor, lines)
print("ready", flush=True)
for _ in sys.stdin:  # one round: asrfix, then FlashText
    start = time.perf_counter()
    pipeline.correct(text)
    middle = time.perf_counter()
    _flashtext_lines(processor, lines)
    print(middle - start, time.perf_counter() - middle, flush=True)
"""


LOAD_SCRIPT = """
import sys, time

def memory(field):
    # Peak (VmHWM) or current (VmRSS) resident size of this process, in MB; ru_maxrss would carry the
    # parent's peak over the exec.
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1]) / 1024

import asrfix
from asrfix.correctors.lexicon import _build_index
from asrfix.lexicon import zipf
zipf("the")  # the word-frequency table, loaded once per process whatever the lexicon's size
before = memory("VmRSS")
start, start_cpu = time.perf_counter(), time.process_time()
lexicon = asrfix.load_lexicon(sys.argv[1])
loaded, loaded_cpu = time.perf_counter(), time.process_time()
after_load = memory("VmHWM")
lexicon.derived("lexicon-corrector", _build_index)
indexed, indexed_cpu = time.perf_counter(), time.process_time()
print(len(lexicon), loaded - start, loaded_cpu - start_cpu, indexed - loaded, indexed_cpu - loaded_cpu,
      after_load - before, memory("VmHWM") - before)
"""


def bench_loading(size: int, runs: int) -> None:
    """Load a generated lexicon in new processes: the first load (reading the YAML, then writing the cache),
    a later load (from the cache), each followed by building the lexicon corrector's index; best of ``runs``."""
    lexicon, _ = build_lexicon(size)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.yaml"
        with path.open("w", encoding="utf-8") as out:
            out.write("asrfix: 1\nname: big\nentries:\n")
            for entry in lexicon.entries:
                single, double = (m.text for m in entry.misrecognitions)
                out.write(f"  - term: {entry.term}\n    category: test\n")
                out.write(f"    misrecognitions: [{single}, {double}]\n")
                out.write(f"    examples:\n      - input: said {single}\n        output: said {entry.term}\n")
        size_mb = path.stat().st_size / 1e6
        labels = ("first load (read and validate the YAML)", "later load (from the validated cache)")
        best: dict[str, list[float]] = {}
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as cache:  # a new, empty cache: the first load is a first load
                env = {**os.environ, "ASRFIX_CACHE_DIR": cache}
                for label in labels:
                    out_text = subprocess.run(
                        [sys.executable, "-c", LOAD_SCRIPT, str(path)],
                        check=True, capture_output=True, text=True, env=env,
                    ).stdout
                    count, *figures = out_text.split()
                    assert int(count) == size
                    load_s, load_cpu, index_s, index_cpu, load_mb, peak_mb = map(float, figures)
                    ready_s, ready_cpu = load_s + index_s, load_cpu + index_cpu
                    run = [load_s, load_cpu, index_s, index_cpu, ready_s, ready_cpu, load_mb, peak_mb]
                    # Best of the runs by the CPU time of load and index together (the machine may be shared).
                    if label not in best or run[5] < best[label][5]:
                        best[label] = run
    print(f"Loading a {size:,}-entry lexicon ({size_mb:.1f} MB of YAML), each in a new process, best of {runs}")
    print("(elapsed time, then CPU time, which varies less on a shared machine):")
    for label in labels:
        load_s, load_cpu, index_s, index_cpu, ready_s, ready_cpu, load_mb, peak_mb = best[label]
        print(
            f"  {label}: {load_s:.2f} s (CPU {load_cpu:.2f} s), peak memory +{load_mb:.0f} MB; then building "
            f"the lexicon corrector's index: {index_s:.2f} s (CPU {index_cpu:.2f} s);\n"
            f"    ready to correct (load + index): {ready_s:.2f} s (CPU {ready_cpu:.2f} s), "
            f"peak memory +{peak_mb:.0f} MB in all"
        )


AUTOMATON_SCRIPT = """
import sys, time
sys.path.insert(0, sys.argv[1])
from bench_exact import build_lexicon, build_text
from asrfix.correctors.lexicon import _automaton, _build_index, _normalised

def rss():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024

words, size, backend, runs = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
lexicon, pairs = build_lexicon(size)
low = _normalised(build_text(words, pairs))[0]
index = _build_index(lexicon)
triggers = [index.keys[index.forms[slot]][index.trigger_of[slot]] for slot in index.starts[:-1]]
del index
before, start = rss(), time.perf_counter()
find = _automaton(triggers, backend)
built, after = time.perf_counter() - start, rss()
junk = bytearray(16 << 20)
best = float("inf")
for run in range(runs):
    for i in range(0, len(junk), 64):  # what a whole correction writes between two searches
        junk[i] = run & 255
    start = time.perf_counter()
    find(low)
    best = min(best, time.perf_counter() - start)
print(len(triggers), built, after - before, best)
"""


def bench_automata(words: int, sizes: tuple[int, ...], runs: int) -> None:
    """The lexicon corrector's automaton alone, each backend and size in a new process: the time to build it from
    the index's trigger words, the memory it holds (resident size after the build less before), and the best
    time of one search of the lower-cased bench text, with 16 MB written between searches."""
    print(f"The automaton alone ({words:,}-word text; search: best of {runs}, 16 MB written between searches)")
    print(f"{'entries':>9} | {'backend':>14} | trigger words | build s | memory MB | search ms")
    folder = str(Path(__file__).parent)
    for size in sizes:
        for backend in ("daachorse", "ahocorasick_rs"):
            out = subprocess.run(
                [sys.executable, "-c", AUTOMATON_SCRIPT, folder, str(words), str(size), backend, str(runs)],
                check=True, capture_output=True, text=True,
            ).stdout.split()
            count, built, memory, search = int(out[0]), *map(float, out[1:])
            print(f"{size:>9,} | {backend:>14} | {count:>13,} | {built:>7.2f} | {memory:>9.0f} | {search * 1000:>9.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="10,000 words and smaller lexicons")
    parser.add_argument("--part", choices=("matching", "loading", "automaton"), help="run only this part")
    parser.add_argument("--load-runs", type=int, default=3, help="loading: best of this many runs (default 3)")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, asrfix {asrfix.__version__}")
    if args.part in (None, "matching"):
        if args.quick:
            bench_matching(10_000, 3, (100, 1_000))
        else:
            bench_matching(100_000, 7, SIZES)
            bench_distinct(100_000, 15, SIZES, 200)
    if args.part in (None, "automaton"):
        bench_automata(10_000 if args.quick else 100_000, (100, 1_000) if args.quick else SIZES, 15)
    if args.part in (None, "loading"):
        bench_loading(1_000 if args.quick else 100_000, 1 if args.quick else args.load_runs)


if __name__ == "__main__":
    main()
