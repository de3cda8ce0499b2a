"""What every format shares: the spoken-text view of a file, and how changes to it become edits of the file.

A format reader turns the decoded text of a file into a :class:`Document`: a *view* in which everything that
is not spoken (cue numbers, timings, settings, NOTE and STYLE blocks, tags, speaker labels) is replaced by
spaces of the same length, plus the *regions* (cues, segments, lines) the spoken text belongs to and the
*protected* spans that must never change. Because masked characters are spaces, a term broken over two lines
of a cue, or around a tag, is still two adjacent words for the correctors.

:func:`plan` turns the pipeline's changes to the view into :class:`Edit` objects that never touch protected
characters:

* the same number of words before and after ("red coat" -> "red code"): each word is replaced on its own,
  so line breaks and tags between the words stay where they were;
* words merged or split inside one cue ("Will\\nHan" -> "Wuhan"): the whole span is replaced, line breaks
  included (ASS ``\\N`` breaks count as line breaks);
* words merged across two adjacent cues ("Will" | "Han"): the whole term goes into the first cue and the
  words are removed from the second, with the space next to them; timings are not touched. If that would
  leave the second cue without words, or the words are separated by a tag, nothing is changed and the
  change is reported as a suggestion instead;
* words with a lone dash between them ("Will\n- Han", two dialogue turns) are never merged: suggestion.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..changes import Change
from ..errors import FormatError

__all__ = ["Document", "Edit", "Located", "Plan", "Region", "mask", "plan"]

_WORDS = re.compile(r"\S+")
_WORD_CHAR = re.compile(r"[^\W_]")
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Region:
    """A stretch of spoken text: one cue, segment or line.

    Attributes:
        start: view offset of its first spoken character.
        end: view offset just past its last spoken character.
        cue: the cue's number or identifier as written (or its position), "" for plain text.
        time: the cue's start time as written in the file, "" when there is none.
    """

    start: int
    end: int
    cue: str = ""
    time: str = ""


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``view[start:end]`` (spoken characters, and line breaks only) by ``after``."""

    start: int
    end: int
    after: str


@dataclass(frozen=True, slots=True)
class Located:
    """A change or suggestion with where it is in the file, for the report.

    Attributes:
        cue: the cue number or identifier ("12", or "12-13" for a term across two cues); "" for plain text.
        time: the start time of the cue as written in the file; "" when there is none.
        line: the 1-based line of the file where the change starts.
        before: the spoken words replaced ("Will | Han" across cues).
        after: the replacement.
        corrector, lexicon, entry, confidence, reason: as in :class:`~asrfix.changes.Change`.
        note: how the change was applied when that is not plain ("across cues 12-13: ...", "not applied: ...").
    """

    cue: str
    time: str
    line: int
    before: str
    after: str
    corrector: str
    lexicon: str
    entry: str
    confidence: float
    reason: str
    note: str = ""


@dataclass
class Document:
    """A decoded file as a format reader sees it.

    Attributes:
        text: the decoded file text, line endings as they are.
        view: the spoken-text view; for text formats the same length as ``text``.
        regions: the cues, segments or lines, in order, not overlapping.
        protected: sorted, non-overlapping ``(start, end)`` view spans that must not change.
        breaks: protected spans that stand for a line break (ASS ``\\N``) and may be merged over.
        warnings: problems worth a look that did not stop the reading.
    """

    text: str
    view: str
    regions: list[Region]
    protected: list[tuple[int, int]] = field(default_factory=list)
    breaks: frozenset[tuple[int, int]] = frozenset()
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._region_starts = [r.start for r in self.regions]
        self._protected_starts = [s for s, _ in self.protected]

    def raw_offset(self, offset: int) -> int:
        """Return the offset in :attr:`text` of view offset ``offset`` (the same for text formats)."""
        return offset

    def line_at(self, offset: int) -> int:
        """Return the 1-based file line of view offset ``offset``."""
        if not hasattr(self, "_line_starts"):
            self._line_starts = [0] + [m.end() for m in _LINE_END.finditer(self.text)]
        return bisect.bisect_right(self._line_starts, self.raw_offset(offset))

    def region_at(self, offset: int) -> int:
        """Return the index of the region holding view offset ``offset`` (the one before it, in a gap)."""
        return max(0, bisect.bisect_right(self._region_starts, offset) - 1)

    def protected_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """Return the protected spans that overlap ``start..end``."""
        i = max(0, bisect.bisect_right(self._protected_starts, start) - 1)
        found = []
        while i < len(self.protected) and self.protected[i][0] < end:
            s, e = self.protected[i]
            if e > start:
                found.append((s, e))
            i += 1
        return found

    def write(self, edits: Sequence[Edit]) -> str:
        """Return :attr:`text` with ``edits`` (view offsets, sorted, not overlapping) written in."""
        parts: list[str] = []
        position = 0
        for edit in edits:
            parts.append(self.text[position : edit.start])
            parts.append(edit.after)
            position = edit.end
        parts.append(self.text[position:])
        return "".join(parts)


def mask(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """Return ``text`` with every character of ``spans`` (sorted) made a space; line breaks are kept.

    >>> mask("1\\nWill <i>Han</i>", [(0, 1), (7, 10), (13, 17)])
    ' \\nWill    Han    '
    """
    parts: list[str] = []
    position = 0
    for start, end in spans:
        if start < position:
            start = position
        if end <= start:
            continue
        parts.append(text[position:start])
        parts.append(re.sub(r"[^\r\n]", " ", text[start:end]))
        position = end
    parts.append(text[position:])
    return "".join(parts)


@dataclass
class Plan:
    """What the pipeline's result becomes for one file: edits to make, and what to report."""

    edits: list[Edit] = field(default_factory=list)
    changes: list[Located] = field(default_factory=list)
    suggestions: list[Located] = field(default_factory=list)


def _located(doc: Document, change: Change, before: str, first: int, last: int, note: str = "") -> Located:
    a, b = (doc.regions[first], doc.regions[last]) if doc.regions else (Region(0, 0), Region(0, 0))
    cue = a.cue if first == last or not a.cue else f"{a.cue}-{b.cue}"
    return Located(
        cue=cue,
        time=a.time,
        line=doc.line_at(change.start),
        before=before,
        after=change.after,
        corrector=change.corrector,
        lexicon=change.lexicon,
        entry=change.entry,
        confidence=change.confidence,
        reason=change.reason,
        note=note,
    )


def _regions_of(doc: Document, start: int, end: int) -> tuple[int, int]:
    if not doc.regions:
        return 0, 0
    return doc.region_at(start), doc.region_at(end - 1)


def _display(doc: Document, start: int, end: int, first: int, last: int) -> str:
    # The spoken words replaced, on one line; " | " marks where the change crosses from one cue to the next.
    if first == last or not doc.regions[first].cue:
        return " ".join(doc.view[start:end].split())
    parts = []
    for i in range(first, last + 1):
        region = doc.regions[i]
        parts.append(" ".join(doc.view[max(start, region.start) : min(end, region.end)].split()))
    return " | ".join(parts)


def _plan_one(doc: Document, change: Change) -> tuple[list[Edit], Located, bool]:
    """Return the edits for one change, its report record, and whether it is made (else a suggestion)."""
    start, end = change.start, change.end
    first, last = _regions_of(doc, start, end)
    before = _display(doc, start, end, first, last)
    words = [m.span() for m in _WORDS.finditer(doc.view, start, end)]
    after_words = change.after.split()
    across = first != last and bool(doc.regions[first].cue)
    cues = f"{doc.regions[first].cue}-{doc.regions[last].cue}" if across and doc.regions else ""
    if len(words) == len(after_words) and len(words) > 1:
        # Word for word: what stands between the words (line breaks, tags, cue boundaries) stays.
        edits = [Edit(s, e, w) for (s, e), w in zip(words, after_words, strict=False) if doc.view[s:e] != w]
        note = f"across cues {cues}: each cue keeps its own words" if across else ""
        return edits, _located(doc, change, before, first, last, note), True
    if any(not _WORD_CHAR.search(doc.view, s, e) for s, e in words):
        # A lone dash between the words is a dialogue turn ("Will\n- Han"): not one term.
        note = "not applied: a dash or punctuation stands between the words"
        return [], _located(doc, change, before, first, last, note), False
    hard = [span for span in doc.protected_in(start, end) if span not in doc.breaks]
    if not hard:
        return [Edit(start, end, change.after)], _located(doc, change, before, first, last), True
    if not across or last != first + 1:
        note = "not applied: the words are separated by markup that would be lost"
        return [], _located(doc, change, before, first, last, note), False
    # A term split over two adjacent cues: the whole term goes into the first cue; its words leave the second.
    first_region, second = doc.regions[first], doc.regions[last]
    head = [(s, e) for s, e in words if s < first_region.end]
    tail = [(s, e) for s, e in words if s >= second.start]
    if len(head) + len(tail) != len(words):
        note = "not applied: the words are separated by markup that would be lost"
        return [], _located(doc, change, before, first, last, note), False
    tail_start, tail_end = tail[0][0], tail[-1][1]
    if doc.protected_in(head[0][0], head[-1][1]) or doc.protected_in(tail_start, tail_end):
        note = "not applied: the words are separated by markup that would be lost"
        return [], _located(doc, change, before, first, last, note), False
    rest = _WORD_CHAR.search(doc.view, tail_end, second.end)
    if rest is None:
        note = f"not applied: across cues {cues}, the second cue would be left without words"
        return [], _located(doc, change, before, first, last, note), False
    # Remove the words and the spaces after them, up to the next word or the first markup.
    cut = tail_end
    while cut < rest.start() and doc.view[cut].isspace() and not doc.protected_in(cut, cut + 1):
        cut += 1
    edits = [Edit(head[0][0], head[-1][1], change.after), Edit(tail_start, cut, "")]
    note = f"across cues {cues}: the whole term is put in cue {doc.regions[first].cue}, timings unchanged"
    return edits, _located(doc, change, before, first, last, note), True


def plan(doc: Document, changes: Sequence[Change], suggestions: Sequence[Change] = ()) -> Plan:
    """Turn changes to ``doc.view`` into edits of the file, and report records for all of them.

    Changes that cannot be made without losing markup are reported as suggestions with a note.
    """
    result = Plan()
    for change in sorted(changes, key=lambda c: c.start):
        edits, located, made = _plan_one(doc, change)
        if made:
            result.edits.extend(edits)
            result.changes.append(located)
        else:
            result.suggestions.append(located)
    for suggestion in suggestions:
        first, last = _regions_of(doc, suggestion.start, suggestion.end)
        before = _display(doc, suggestion.start, suggestion.end, first, last)
        result.suggestions.append(_located(doc, suggestion, before, first, last))
    result.edits.sort(key=lambda e: e.start)
    result.suggestions.sort(key=lambda s: (s.line, s.cue))
    return result


# --- helpers shared by the text formats ----------------------------------------------------------------------

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")


def split_lines(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of every line's content (line ending excluded), in order.

    >>> split_lines("a\\r\\nbc\\n")
    [(0, 1), (3, 5)]
    """
    lines: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and m.end() == m.start():
            break
        lines.append(m.span(1))
    return lines


# Inline markup inside cue text: HTML-style tags (<i>, </i>, <font ...>, WebVTT <v Name>, <c.x>, <00:01.000>),
# ASS-style override blocks ({\an8}, {\i1}), sound descriptions in square brackets, and character entities.
INLINE_MARKUP = re.compile(r"<[^<>\r\n]*>|\{\\[^{}\r\n]*\}|\[[^\[\]\r\n]*\]|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
# A speaker label at the start of a line, after an optional dialogue dash and tags: "JOHN:", "DR. SMITH:",
# "Speaker 2:", "Lindsay Hilsum:", "(NARRATOR)". The dash itself stays: it is punctuation, never corrected.
SPEAKER_LABEL = re.compile(
    r"[ \t]*(?:-[ \t]*)?(?:(?:<[^<>\r\n]*>|\{\\[^{}\r\n]*\}|\[[^\[\]\r\n]*\])[ \t]*)*"
    r"(?P<label>(?:[A-Z][\w.'\-]*(?:[ \t][A-Z0-9][\w.'\-]*){0,2}:)|\([A-Z][A-Z0-9 .'\-]*\))(?=\s|$)"
)



def blocks(text: str, lines: Sequence[tuple[int, int]]) -> Iterator[tuple[int, list[tuple[int, int]]]]:
    """Yield each run of non-blank lines as ``(index of its first line, its lines)``.

    >>> text = "1 a b c  2 d".replace(" ", chr(10))
    >>> [first for first, _ in blocks(text, split_lines(text))]
    [0, 5]
    """
    i = 0
    while i < len(lines):
        if not text[lines[i][0] : lines[i][1]].strip():
            i += 1
            continue
        first = i
        while i < len(lines) and text[lines[i][0] : lines[i][1]].strip():
            i += 1
        yield first, list(lines[first:i])


def cue_regions(
    text: str,
    block: Sequence[tuple[int, int]],
    k: int,
    timing: re.Pattern[str],
    cue: str,
    first_line: int,
    path: str | Path | None,
    *,
    example: str,
    hint: str,
) -> list[Region]:
    """The spoken region of a cue whose timing is line ``k`` of ``block`` (SubRip and WebVTT alike).

    Raises:
        FormatError: the line is not a timing like ``example``; ``hint`` says what else may be wrong.
    """
    line = text[block[k][0] : block[k][1]]
    match = timing.fullmatch(line)
    if match is None:
        if "-->" in line:
            raise FormatError(
                f"bad cue timing {line.strip()!r}; write it as {example!r}", path=path, line=first_line + k + 1
            )
        raise FormatError(
            f"expected a cue timing like {example!r}, found {line.strip()[:60]!r}; {hint}",
            path=path,
            line=first_line + k + 1,
        )
    if k + 1 >= len(block):
        return []  # a cue without text
    return [Region(block[k + 1][0], block[-1][1], cue, match.group("start"))]

def markup_spans(text: str, start: int, end: int, *, labels: bool = True) -> list[tuple[int, int]]:
    """Return the spans of inline markup and speaker labels in the lines of ``text[start:end]``."""
    chunk = text[start:end]
    spans = []
    if "<" in chunk or "{" in chunk or "[" in chunk or "&" in chunk:
        spans = [m.span() for m in INLINE_MARKUP.finditer(text, start, end)]
    if labels and (":" in chunk or "(" in chunk):
        for line_start, line_end in split_lines(text[start:end]):
            m = SPEAKER_LABEL.match(text, start + line_start, start + line_end)
            if m:
                spans.append(m.span("label"))
    return merge_spans(spans)


def merge_spans(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort spans and merge those that overlap or touch."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def gaps(regions: Sequence[Region], length: int) -> list[tuple[int, int]]:
    """Return the spans of ``0..length`` that no region covers."""
    found: list[tuple[int, int]] = []
    position = 0
    for region in regions:
        if region.start > position:
            found.append((position, region.start))
        position = max(position, region.end)
    if position < length:
        found.append((position, length))
    return found


def text_document(
    text: str,
    regions: list[Region],
    markup: Sequence[tuple[int, int]],
    *,
    protect_gaps: bool = True,
    breaks: Sequence[tuple[int, int]] = (),
) -> Document:
    """Build the document of a text format: protected = what lies between regions + markup inside them."""
    protected = merge_spans([*(gaps(regions, len(text)) if protect_gaps else []), *markup, *breaks])
    # Line-break escapes are kept apart from the rest so that a merge may cross them.
    soft = {b for b in breaks if b in set(protected)}
    return Document(text, mask(text, protected), regions, protected, frozenset(soft))
