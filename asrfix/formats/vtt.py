"""WebVTT (.vtt): a ``WEBVTT`` header, then cues, NOTE, STYLE and REGION blocks separated by blank lines."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import FormatError
from .base import Document, Region, markup_spans, split_lines, text_document

__all__ = ["VTT"]

_TIME = r"(?:\d+:)?\d{2}:\d{2}\.\d{3}"
_TIMING = re.compile(rf"[ \t]*(?P<start>{_TIME})[ \t]+-->[ \t]+(?P<end>{_TIME})(?:[ \t].*)?")
_HEADER = re.compile(r"WEBVTT(?:[ \t].*)?")
_NOT_CUES = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t].*)?")


class WebVTT:
    """The WebVTT format. Spoken text: cue payloads, without tags, entities and speaker labels."""

    name: str = "vtt"
    extensions: tuple[str, ...] = (".vtt",)
    description: str = "WebVTT subtitles"

    def sniff(self, text: str) -> bool:
        """True when ``text`` starts with the WEBVTT signature."""
        return text.startswith("WEBVTT")

    def read(self, text: str, path: str | Path | None = None) -> Document:
        """Read the cues of ``text``; NOTE, STYLE and REGION blocks and the header are left alone.

        Raises:
            FormatError: no WEBVTT header, a block without a cue timing, or a malformed timestamp.
        """
        lines = split_lines(text)
        if not lines or not _HEADER.fullmatch(text[lines[0][0] : lines[0][1]]):
            raise FormatError(
                "a WebVTT file must start with the line 'WEBVTT'; add it, or pass --format txt or --format srt",
                path=path,
                line=1,
            )
        regions: list[Region] = []
        i = 0
        count = 0
        first_block = True
        while i < len(lines):
            if not text[lines[i][0] : lines[i][1]].strip():
                i += 1
                continue
            block_start = i
            while i < len(lines) and text[lines[i][0] : lines[i][1]].strip():
                i += 1
            block = lines[block_start:i]
            if first_block:
                first_block = False
                if block_start == 0:
                    continue  # the header block
            if _NOT_CUES.fullmatch(text[block[0][0] : block[0][1]]):
                continue
            count += 1
            regions.extend(self._cue(text, block, block_start, count, path))
        markup = [m for r in regions for m in markup_spans(text, r.start, r.end)]
        return text_document(text, regions, markup)

    def _cue(
        self, text: str, block: list[tuple[int, int]], first_line: int, count: int, path: str | Path | None
    ) -> list[Region]:
        def line(k: int) -> str:
            return text[block[k][0] : block[k][1]]

        k = 0 if "-->" in line(0) or len(block) == 1 else 1
        identifier = line(0).strip() if k == 1 else str(count)
        timing = _TIMING.fullmatch(line(k))
        if timing is None:
            if "-->" in line(k):
                raise FormatError(
                    f"bad cue timing {line(k).strip()!r}; write it as '00:01:02.345 --> 00:01:04.000'",
                    path=path,
                    line=first_line + k + 1,
                )
            raise FormatError(
                f"expected a cue timing like '00:01:02.345 --> 00:01:04.000', found {line(k).strip()[:60]!r}; "
                "a cue's text must not contain a blank line",
                path=path,
                line=first_line + k + 1,
            )
        if k + 1 >= len(block):
            return []
        return [Region(block[k + 1][0], block[-1][1], identifier, timing.group("start"))]


VTT = WebVTT()
