"""SubRip (.srt): numbered cues with ``HH:MM:SS,mmm --> HH:MM:SS,mmm`` timings, separated by blank lines."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import FormatError
from .base import Document, Region, markup_spans, split_lines, text_document

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
        lines = split_lines(text)
        regions: list[Region] = []
        i = 0
        count = 0
        while i < len(lines):
            if not text[lines[i][0] : lines[i][1]].strip():
                i += 1
                continue
            block_start = i
            while i < len(lines) and text[lines[i][0] : lines[i][1]].strip():
                i += 1
            block = lines[block_start:i]
            count += 1
            regions.extend(self._cue(text, block, block_start, count, path))
        return text_document(text, regions, [m for r in regions for m in markup_spans(text, r.start, r.end)])

    def _cue(
        self, text: str, block: list[tuple[int, int]], first_line: int, count: int, path: str | Path | None
    ) -> list[Region]:
        def line(k: int) -> str:
            return text[block[k][0] : block[k][1]]

        number = str(count)
        k = 0
        if _NUMBER.fullmatch(line(0)) and len(block) > 1:
            number = line(0).strip()
            k = 1
        timing = _TIMING.fullmatch(line(k))
        if timing is None:
            if "-->" in line(k):
                raise FormatError(
                    f"bad cue timing {line(k).strip()!r}; write it as '00:01:02,345 --> 00:01:04,000'",
                    path=path,
                    line=first_line + k + 1,
                )
            raise FormatError(
                f"expected a cue timing like '00:01:02,345 --> 00:01:04,000', found {line(k).strip()[:60]!r}; "
                "a cue's text must not contain a blank line (or pass --format txt to treat the file as text)",
                path=path,
                line=first_line + k + 1,
            )
        if k + 1 >= len(block):
            return []  # a cue without text
        return [Region(block[k + 1][0], block[-1][1], number, timing.group("start"))]


SRT = SubRip()
