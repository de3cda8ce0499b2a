"""Would a compiled matcher of asrfix's own make exact matching flatter in lexicon size? A measurement for issue
#2's flatness target, not a part of asrfix.

Run:  python benchmarks/bench_wordhash.py     (needs a C compiler, ``cc``, and Python's headers; about a minute)

Two parts, each built here with the system C compiler into a temporary folder:
- **memory**: how long a read from memory takes when it depends on the one before (``wordhash/chase.c``, a
  pointer chase through a random cycle), as the data grows, and with the same lines spread over more pages;
- **pass**: the lexicon corrector's automaton pass (daachorse) against a word-hash pass written in C
  (``wordhash/wordhash.c``: each word hashed as it is read, a bit filter, then a table), on bench_exact's
  100,000-word texts and lexicons of 100, 10,000 and 100,000 entries, and on English text with no listed form.
  The two must find the same hits wherever a hit can make a change (a whole word, or the word less "s", "es" or
  "'s"); the script checks that before timing. Each search is timed with 32 MB written before it (what a whole
  correction and other work leave in the caches), best of 21.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from bench_exact import build_lexicon, build_text

from asrfix.correctors.lexicon import _automaton, _build_index, _normalised, _word_ends_at, _word_starts_at

HERE = Path(__file__).parent / "wordhash"
SIZES = (100, 10_000, 100_000)


def compiler() -> str:
    found = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if found is None:
        sys.exit("bench_wordhash.py needs a C compiler (cc, gcc or clang) on the PATH")
    return found


def build_module(folder: Path) -> ModuleType:
    target = folder / f"wordhash{sysconfig.get_config_var('EXT_SUFFIX')}"
    include = sysconfig.get_paths()["include"]
    subprocess.run(
        [compiler(), "-O2", "-shared", "-fPIC", f"-I{include}", str(HERE / "wordhash.c"), "-o", str(target)], check=True
    )
    spec = importlib.util.spec_from_file_location("wordhash", target)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bench_memory(folder: Path) -> None:
    program = folder / "chase"
    subprocess.run([compiler(), "-O2", str(HERE / "chase.c"), "-o", str(program)], check=True)

    def read_ns(lines: int, stride: int) -> float:
        out = subprocess.run([str(program), str(lines), str(stride)], check=True, capture_output=True, text=True)
        return float(out.stdout.split()[0])

    print("One read from memory depending on the one before (a pointer chase), as the data grows:")
    print("  " + ", ".join(f"{mb} MB: {read_ns(mb * 16_384, 64):.0f} ns" for mb in (1, 4, 16, 32, 128)))
    print("The same 16,384 lines (1 MB) in a 1 MB span, then one line per 4 kB page over 64 MB:")
    print(f"  {read_ns(16_384, 64):.0f} ns, then {read_ns(16_384, 4096):.0f} ns")


JUNK = bytearray(32 << 20)


def best_cold(search: Callable[[], object], runs: int = 21) -> float:
    """Best time of ``search`` in ms, with 32 MB written before each run."""
    best = float("inf")
    for run in range(runs):
        for i in range(0, len(JUNK), 64):
            JUNK[i] = run & 255
        began = time.perf_counter()
        search()
        best = min(best, time.perf_counter() - began)
    return best * 1000


def bench_pass(wordhash: ModuleType) -> None:
    print("The pass alone, ms (best of 21, 32 MB written before each search):")
    print(f"{'entries':>9} |  hits | daachorse | word hash | English only: daachorse | word hash")
    english = _normalised(build_text(100_000, [("the", "the")]))[0]  # every listed slot is "the": no hit
    for size in SIZES:
        lexicon, pairs = build_lexicon(size)
        low = _normalised(build_text(100_000, pairs))[0]
        index = _build_index(lexicon)
        assert index is not None
        triggers = [index.keys[index.forms[slot]][index.trigger_of[slot]] for slot in index.starts[:-1]]
        automaton = _automaton(triggers, "daachorse")
        hashed = wordhash.Index(triggers)

        def whole(start: int, end: int, low: str = low) -> bool:
            return _word_starts_at(low, start) and any(
                low.startswith(ending, end) and _word_ends_at(low, end + len(ending))
                for ending in ("", "s", "es", "'s")
            )

        expected = [hit for hit in automaton(low) if whole(hit[0], hit[1])]
        assert hashed.find(low) == expected, f"the word-hash pass finds other hits at {size:,} entries"
        times = [best_cold(lambda f=f, t=t: f(t)) for t in (low, english) for f in (automaton, hashed.find)]
        widths = (9, 9, 23, 9)  # the columns' widths: daachorse, word hash, then both on English only
        cells = " | ".join(f"{ms:>{width}.2f}" for ms, width in zip(times, widths, strict=True))
        print(f"{size:>9,} | {len(expected):>5,} | {cells}")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="asrfix-wordhash-") as tmp:
        bench_memory(Path(tmp))
        bench_pass(build_module(Path(tmp)))


if __name__ == "__main__":
    main()
