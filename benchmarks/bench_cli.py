"""Speed of ``asrfix fix`` on a folder of one-hour SubRip files, with one and with two workers.

Makes FILES subtitle files of one hour each (about 9,300 words in 950 cues, 160 words a minute) from the
sentences of examples/news-transcript.txt in a seeded random order, then times the whole command line,
start-up included, as a user runs it:

    asrfix fix FOLDER -l china-news -o OUT -q -j N

    python benchmarks/bench_cli.py                 # 200 files, -j 1 and -j 2
    python benchmarks/bench_cli.py --files 20 --jobs 1
    python benchmarks/bench_cli.py --only lexicon  # the lexicon corrector alone
    python benchmarks/bench_cli.py --files 0       # only the start-up of one small file

It also checks that -j 2 writes the same files as -j 1. First it times what a pipeline that runs asrfix once
per file pays each time: ``asrfix fix examples/news.srt -l china-news`` in a new process (mostly start-up:
the file has 1,145 words), with the cache folder in use (filled by a first run: it then holds the English
word frequencies) and with it off (``ASRFIX_CACHE_DIR=""``), the two taking turns, best and median of
``--startup`` runs each.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS_PER_SECOND = 160 / 60


def timestamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def one_hour(sentences: list[str], rng: random.Random) -> str:
    blocks: list[str] = []
    start = 1.0
    while start < 3600:
        lines = textwrap.wrap(rng.choice(sentences), 42)
        for i in range(0, len(lines), 2):
            text = "\n".join(lines[i : i + 2])
            duration = max(1.0, len(text.split()) / WORDS_PER_SECOND)
            blocks.append(f"{len(blocks) + 1}\n{timestamp(start)} --> {timestamp(start + duration)}\n{text}\n")
            start += duration + 0.1
    return "\n".join(blocks)


def make_folder(folder: Path, files: int) -> int:
    transcript = (ROOT / "examples" / "news-transcript.txt").read_text(encoding="utf-8")
    sentences = [s.strip().lstrip("\u2022").strip() for s in transcript.splitlines() if s.strip()]
    rng = random.Random(20260101)
    size = 0
    for n in range(files):
        path = folder / f"episode-{n:03d}.srt"
        path.write_text(one_hour(sentences, rng), encoding="utf-8")
        size += path.stat().st_size
    return size


def run(folder: Path, out: Path, jobs: int, only: list[str]) -> tuple[float, float]:
    """Return the wall-clock seconds and the CPU seconds (all processes) of one run."""
    command = [sys.executable, "-m", "asrfix", "fix", str(folder), "-l", "china-news", "-o", str(out), "-q"]
    command += ["-j", str(jobs)]
    for name in only:
        command += ["--only", name]
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(command, check=True)
    wall = time.perf_counter() - began
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    return wall, cpu


def startup(runs: int, tmp: str) -> None:
    """Time ``asrfix fix`` on the shipped example in new processes, with the cache folder warm and off."""
    out = Path(tmp, "news.fixed.srt")
    command = [sys.executable, "-m", "asrfix", "fix", str(ROOT / "examples" / "news.srt"), "-l", "china-news"]
    command += ["-o", str(out), "-q"]
    settings = {"cache in use": str(Path(tmp, "cache")), "cache off": ""}
    subprocess.run(command, check=True, env={**os.environ, "ASRFIX_CACHE_DIR": settings["cache in use"]})
    times: dict[str, list[float]] = {label: [] for label in settings}
    for _ in range(runs):
        for label, cache in settings.items():
            began = time.perf_counter()
            subprocess.run(command, check=True, env={**os.environ, "ASRFIX_CACHE_DIR": cache})
            times[label].append(time.perf_counter() - began)
    print(f"asrfix fix examples/news.srt in a new process, {runs} runs each, taking turns:")
    for label, seconds in times.items():
        print(f"  {label}: best {min(seconds):.2f} s, median {statistics.median(seconds):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--only", action="append", default=[], help="run only this corrector (default pipeline)")
    parser.add_argument("--startup", type=int, default=10, help="runs of the one-file start-up timing (0: none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="asrfix-bench-") as tmp:
        if args.startup:
            startup(args.startup, tmp)
        if not args.files:
            return
        folder = Path(tmp, "in")
        folder.mkdir()
        size = make_folder(folder, args.files)
        print(f"{args.files} one-hour SRT files, {size / 1e6:.1f} MB; load average before: {os.getloadavg()[0]:.1f}")
        print(f"correctors: {', '.join(args.only) or 'the default pipeline'}")
        outputs = []
        for jobs in args.jobs:
            out = Path(tmp, f"out-j{jobs}")
            seconds, cpu = run(folder, out, jobs, args.only)
            outputs.append(out)
            print(f"-j {jobs}: {seconds:.1f} s ({args.files / seconds:.1f} files/s), {cpu:.1f} CPU-seconds")
        for other in outputs[1:]:
            same = all(
                filecmp.cmp(outputs[0] / p.name, other / p.name, shallow=False) for p in sorted(folder.iterdir())
            )
            print(f"{other.name} identical to {outputs[0].name}: {same}")


if __name__ == "__main__":
    main()
