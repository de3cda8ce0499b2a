"""Advanced SubStation Alpha (.ass) and SubStation Alpha (.ssa): the Text field of Dialogue lines."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import FormatError
from .base import Document, Region, merge_spans, split_lines, text_document

__all__ = ["ASS"]

_SECTION = re.compile(r"[ \t]*\[(?P<name>[^\]]+)\][ \t]*")
_DIALOGUE = re.compile(r"Dialogue:[ \t]*", re.IGNORECASE)
_FORMAT = re.compile(r"Format:[ \t]*", re.IGNORECASE)
_TIME = re.compile(r"[ \t]*\d+:\d{1,2}:\d{1,2}[.:]\d{1,3}[ \t]*")
# Override blocks ({\i1}, {\an8}, and {comments}) are markup; \N, \n and \h are line breaks and hard spaces.
_OVERRIDE = re.compile(r"\{[^}\r\n]*(?:\}|$)")
_BREAK = re.compile(r"\\[Nnh]")
_DEFAULT_FIELDS = ("layer", "start", "end", "style", "name", "marginl", "marginr", "marginv", "effect", "text")


class SubStationAlpha:
    """The ASS/SSA format. Spoken text: the last field (Text) of every Dialogue line in [Events]."""

    name: str = "ass"
    extensions: tuple[str, ...] = (".ass", ".ssa")
    description: str = "Advanced SubStation Alpha / SubStation Alpha subtitles"

    def sniff(self, text: str) -> bool:
        """True when ``text`` starts with an ASS/SSA section header."""
        return text.lstrip().startswith("[Script Info]")

    def read(self, text: str, path: str | Path | None = None) -> Document:
        """Read the Dialogue lines of ``text``; styles, comments and other sections are left alone.

        Raises:
            FormatError: a Dialogue line has too few fields or a bad start time; no [Events] section.
        """
        regions: list[Region] = []
        markup: list[tuple[int, int]] = []
        breaks: list[tuple[int, int]] = []
        section = ""
        fields: tuple[str, ...] = _DEFAULT_FIELDS
        seen_events = False
        count = 0
        for number, (start, end) in enumerate(split_lines(text), 1):
            line = text[start:end]
            header = _SECTION.fullmatch(line)
            if header:
                section = header.group("name").strip().lower()
                seen_events = seen_events or section == "events"
                continue
            if section != "events":
                continue
            fmt = _FORMAT.match(line)
            if fmt:
                fields = tuple(f.strip().lower() for f in line[fmt.end() :].split(","))
                continue
            dialogue = _DIALOGUE.match(line)
            if not dialogue:
                continue
            count += 1
            values_start = dialogue.end()
            commas = [m.start() for m in re.finditer(",", line[values_start:])][: len(fields) - 1]
            if len(commas) < len(fields) - 1:
                raise FormatError(
                    f"this Dialogue line has {len(commas) + 1} fields but the Format line names {len(fields)} "
                    f"({', '.join(fields)}); add the missing fields",
                    path=path,
                    line=number,
                )
            bounds = [values_start, *(values_start + c + 1 for c in commas)]
            values = [line[b : (bounds[j + 1] - 1 if j + 1 < len(bounds) else len(line))] for j, b in enumerate(bounds)]
            time = ""
            if "start" in fields:
                time = values[fields.index("start")]
                if not _TIME.fullmatch(time):
                    raise FormatError(
                        f"bad start time {time.strip()!r}; write it as H:MM:SS.cc, for example 0:01:02.34",
                        path=path,
                        line=number,
                    )
            text_start = start + bounds[-1]
            region = Region(text_start, end, str(count), time.strip())
            if region.end > region.start:
                regions.append(region)
                markup.extend(m.span() for m in _OVERRIDE.finditer(text, region.start, region.end))
                breaks.extend(m.span() for m in _BREAK.finditer(text, region.start, region.end))
        if not seen_events:
            raise FormatError(
                "no [Events] section, so no Dialogue lines to correct; is this an ASS/SSA file? "
                "Otherwise pass --format",
                path=path,
            )
        markup = merge_spans(markup)
        # A break inside an override block is part of that block.
        breaks = [b for b in breaks if not any(s <= b[0] < e for s, e in markup)]
        return text_document(text, regions, markup, breaks=breaks)


ASS = SubStationAlpha()
