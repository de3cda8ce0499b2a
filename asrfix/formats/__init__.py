"""Subtitle and transcript formats: a closed set, detected by extension and content.

Every format reads the decoded text of a file into a :class:`~asrfix.formats.base.Document` whose *view*
holds only the spoken text, and writes changes back into the original text so that everything else stays
byte-identical. The readers are written by hand rather than with a subtitle library because libraries such
as pysubs2 re-serialise the file (numbering, timing format, spacing, line endings), which would change
bytes that the user did not ask to change.

>>> fmt = detect("talk.srt", "1\\n00:00:01,000 --> 00:00:02,000\\nnear Will Han\\n")
>>> fmt.name, fmt.read("1\\n00:00:01,000 --> 00:00:02,000\\nnear Will Han\\n").view
('srt', ' \\n                             \\nnear Will Han\\n')
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ..errors import FormatError
from .ass import ASS
from .base import Document, Edit, Located, Plan, Region, plan
from .srt import SRT
from .txt import TXT
from .vtt import VTT
from .whisper import WHISPER_JSON

__all__ = ["FORMATS", "Document", "Edit", "Format", "Located", "Plan", "Region", "detect", "extensions", "plan"]


class Format(Protocol):
    """What each format provides."""

    name: str
    extensions: tuple[str, ...]
    description: str

    def sniff(self, text: str) -> bool:
        """True when ``text`` looks like this format."""
        ...

    def read(self, text: str, path: str | Path | None = None) -> Document:
        """Read ``text`` into a document; raise FormatError naming the line on bad input."""
        ...


#: The formats, by name. ``ssa`` is read by the ASS reader.
FORMATS: dict[str, Format] = {"srt": SRT, "vtt": VTT, "ass": ASS, "ssa": ASS, "json": WHISPER_JSON, "txt": TXT}

# Content sniffing order: the most distinctive signatures first; plain text takes the rest.
_SNIFF_ORDER = ("vtt", "ass", "json", "srt")


def extensions() -> dict[str, str]:
    """Return ``{".srt": "srt", ...}``: the file extensions of every format."""
    return {ext: name for name, fmt in FORMATS.items() for ext in fmt.extensions}


def detect(path: str | Path | None, text: str, forced: str | None = None) -> Format:
    """Choose the format of a file: ``forced`` (``--format``) first, then the extension, then the content.

    A ``.txt`` file or one of unknown extension is sniffed: it may hold SubRip or WebVTT cues. A file whose
    content clearly belongs to another format than its extension says (a WebVTT file named ``.srt``) is
    read as what it is.

    Raises:
        FormatError: ``forced`` is not a format name.
    """
    if forced is not None:
        if forced not in FORMATS:
            raise FormatError(f"unknown format {forced!r}; choose one of {', '.join(sorted(FORMATS))}")
        return FORMATS[forced]
    if path is not None:
        name = extensions().get(Path(path).suffix.lower())
        if name is not None and name != "txt":
            chosen = FORMATS[name]
            if text.strip() and not chosen.sniff(text):
                # The content says otherwise (a WebVTT file saved as .srt): trust a clear signature.
                for other in _SNIFF_ORDER:
                    if FORMATS[other] is not chosen and FORMATS[other].sniff(text):
                        return FORMATS[other]
            return chosen
    for name in _SNIFF_ORDER:
        if FORMATS[name].sniff(text):
            return FORMATS[name]
    return TXT
