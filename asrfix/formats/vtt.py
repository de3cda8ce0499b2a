"""WebVTT (.vtt): a ``WEBVTT`` header, then cues, NOTE, STYLE and REGION blocks separated by blank lines."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import FormatError
from .base import Document, Region, blocks, cue_regions, markup_spans, split_lines, text_document

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
        count = 0
        for first, block in blocks(text, lines):
            if first == 0:
                continue  # the header block
            if _NOT_CUES.fullmatch(text[block[0][0] : block[0][1]]):
                continue
            count += 1
            regions.extend(self._cue(text, block, first, count, path))
        markup = [m for r in regions for m in markup_spans(text, r.start, r.end)]
        return text_document(text, regions, markup)

    def _cue(
        self, text: str, block: list[tuple[int, int]], first_line: int, count: int, path: str | Path | None
    ) -> list[Region]:
        first = text[block[0][0] : block[0][1]]
        k = 0 if "-->" in first or len(block) == 1 else 1
        return cue_regions(
            text,
            block,
            k,
            _TIMING,
            first.strip() if k == 1 else str(count),
            first_line,
            path,
            example="00:01:02.345 --> 00:01:04.000",
            hint="a cue's text must not contain a blank line",
        )


VTT = WebVTT()
