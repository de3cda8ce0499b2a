"""Make examples/news.srt from examples/news-transcript.txt (the seed transcript), with plausible timings.

Each bullet of the transcript is one or more cues of at most two lines of 42 characters; a cue lasts as long
as its words take at 160 words a minute (at least one second), with a tenth of a second between cues. The
words are the transcript's own, recognition errors included: it is the input asrfix is meant to clean.

    python examples/make_news_srt.py   # rewrites examples/news.srt
"""

from __future__ import annotations

import textwrap
from pathlib import Path

HERE = Path(__file__).parent
WORDS_PER_SECOND = 160 / 60
LINE = 42


def timestamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def cues(transcript: str) -> list[str]:
    texts: list[str] = []
    for raw in transcript.splitlines():
        sentence = raw.strip().lstrip("\u2022").strip()
        if not sentence:
            continue
        lines = textwrap.wrap(sentence, LINE)
        texts.extend("\n".join(lines[i : i + 2]) for i in range(0, len(lines), 2))
    return texts


def main() -> None:
    transcript = (HERE / "news-transcript.txt").read_text(encoding="utf-8")
    blocks = []
    start = 1.0
    for number, text in enumerate(cues(transcript), 1):
        duration = max(1.0, len(text.split()) / WORDS_PER_SECOND)
        blocks.append(f"{number}\n{timestamp(start)} --> {timestamp(start + duration)}\n{text}\n")
        start += duration + 0.1
    (HERE / "news.srt").write_text("\n".join(blocks), encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main()
