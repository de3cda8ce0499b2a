"""Time each lexicon size in a process of its own, the processes taking turns round by round.

The machine's speed drifts over minutes; sizes timed one after another would meet different machine speeds.
Here every size's process is started first, then, round by round, each is told to time one run in turn, so that
all sizes meet the same moments. A worker script prints ``ready`` once set up, then for each line it reads prints
one line of seconds (one figure or several, such as asrfix's and FlashText's).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence


def best_in_processes_taking_turns(worker: str, arguments: Sequence[Sequence[str]], rounds: int) -> list[list[float]]:
    """For each argument list, the best (least) of each figure the ``worker`` script printed over ``rounds``."""
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", worker, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        for args in arguments
    ]
    best: list[list[float]] = [[] for _ in arguments]
    try:
        for process in workers:
            assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        for _ in range(rounds):
            for i, process in enumerate(workers):
                assert process.stdin is not None and process.stdout is not None
                process.stdin.write("go\n")
                process.stdin.flush()
                figures = [float(x) for x in process.stdout.readline().split()]
                best[i] = [min(pair) for pair in zip(best[i], figures, strict=True)] if best[i] else figures
    finally:
        for process in workers:
            if process.stdin is not None:
                process.stdin.close()
            process.wait()
    return best
