"""SubRip (.srt): numbered cues with ``HH:MM:SS,mmm --> HH:MM:SS,mmm`` timings, separated by blank lines."""

from __future__ import annotations

import re
from pathlib import Path

from .base import Document, Region, blocks, cue_regions, markup_spans, split_lines, text_document

__all__ = ["SRT"]

_NUMBER = re.compile(r"[ \t]*\d+[ \t]*")
_TIME = r"\d+:\d{1,2}:\d{1,2}[,.]\d{1,3}"
_TIMING = re.compile(rf"[ \t]*(?P<start>{_TIME})[ \t]*-->[ \t]*(?P<end>{_TIME})(?:[ \t].*)?")
_SNIFF = re.compile(rf"\A\s*\d+[ \t]*\r?\n[ \t]*{_TIME}[ \t]*-->")


class SubRip:
    """The SubRip format. Spoken text: the cue text lines, without tags and speaker labels."""

    name: str = "srt"
    extensions: tuple[str, ...] = (".srt",)
    description: str = "SubRip subtitles"

    def sniff(self, text: str) -> bool:
        """True when ``text`` starts like a SubRip file."""
        return _SNIFF.match(text) is not None

    def read(self, text: str, path: str | Path | None = None) -> Document:
        """Read the cues of ``text``.

        Raises:
            FormatError: a cue has no timing line or a timestamp is malformed, naming the line.
        """
        regions: list[Region] = []
        for count, (first, block) in enumerate(blocks(text, split_lines(text)), start=1):
            regions.extend(self._cue(text, block, first, count, path))
        return text_document(text, regions, [m for r in regions for m in markup_spans(text, r.start, r.end)])

    def _cue(
        self, text: str, block: list[tuple[int, int]], first_line: int, count: int, path: str | Path | None
    ) -> list[Region]:
        number, k = str(count), 0
        first = text[block[0][0] : block[0][1]]
        if _NUMBER.fullmatch(first) and len(block) > 1:
            number, k = first.strip(), 1
        return cue_regions(
            text,
            block,
            k,
            _TIMING,
            number,
            first_line,
            path,
            example="00:01:02,345 --> 00:01:04,000",
            hint="a cue's text must not contain a blank line (or pass --format txt to treat the file as text)",
        )


SRT = SubRip()
