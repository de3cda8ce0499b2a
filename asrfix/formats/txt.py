"""Plain-text transcripts: one or many lines, bulleted or not. Every line is spoken text except labels."""

from __future__ import annotations

import re
from pathlib import Path

from .base import Document, Region, markup_spans, merge_spans, split_lines, text_document

__all__ = ["TXT"]

# A timestamp opening a line ("00:01:02", "[00:01:02.5]" is caught as a bracket).
_LINE_TIME = re.compile(r"[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?(?=\s|$)")


class PlainText:
    """Plain text. Spoken text: every line, without speaker labels, bracketed notes, timestamps and tags.

    Line breaks are not markup here: a term broken over two lines is corrected like one on a single line.
    """

    name: str = "txt"
    extensions: tuple[str, ...] = (".txt", ".text")
    description: str = "plain-text transcripts (one or many lines, bulleted or not)"

    def sniff(self, text: str) -> bool:
        """Plain text is what every other format is not."""
        return True

    def read(self, text: str, path: str | Path | None = None) -> Document:
        """Read the lines of ``text``; never fails."""
        regions = [Region(s, e) for s, e in split_lines(text) if text[s:e].strip()]
        markup: list[tuple[int, int]] = []
        for region in regions:
            markup.extend(markup_spans(text, region.start, region.end))
            m = _LINE_TIME.match(text, region.start, region.end)
            if m:
                markup.append(m.span())
        return text_document(text, regions, merge_spans(markup), protect_gaps=False)


TXT = PlainText()
