"""Whisper-style JSON: ``{"text": ..., "segments": [{"text": ..., "words": [{"word", "start", "end",
"probability"}]}]}``, as written by Whisper, faster-whisper and WhisperX.

The file is edited in place, never re-dumped: only the string literals of changed texts and words, and the
numbers of merged or split words, are rewritten, so every other byte (indentation, key order, number
formatting, other keys) stays as it was. Escapes are written in the file's own style (``\\uXXXX`` when the
file is pure ASCII).

Word timings follow the words: words merged into one ("Will" + "Han" -> "Wuhan") become one word with the
start of the first, the end of the last and the lowest probability; a word split in two shares its time
span between the parts in proportion to their lengths and keeps its probability; words removed from the
start of a segment (a term moved into the segment before) leave the word list. WhisperX's ``score`` is
treated like ``probability``, and its words without a leading space stay without one. A top-level ``text``
equal to the segments' texts joined gets the same changes. Token ids (``tokens``) and WhisperX's top-level
``word_segments`` are not updated.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import FormatError
from .base import Document, Edit, Region

__all__ = ["WHISPER_JSON"]

_TOKEN = re.compile(
    r'(?P<s>"(?:[^"\\\x00-\x1f]|\\.)*")|(?P<n>-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)'
    r"|(?P<l>true|false|null|NaN|-?Infinity)|(?P<p>[{}\[\]:,])|(?P<w>[ \t\r\n]+)"
)
_ESCAPE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\.")


@dataclass
class Node:
    """A JSON value with its span in the file text."""

    kind: str  # "object", "array", "string", "number", "literal"
    start: int
    end: int
    items: list[Node] = field(default_factory=list)  # array elements
    keys: dict[str, Node] = field(default_factory=dict)  # object members (last one wins)
    raw: str = ""  # string literal or number, as written

    @property
    def value(self) -> Any:
        return json.loads(self.raw) if self.raw else None


def _parse(text: str) -> Node:
    tokens = [(m.lastgroup, m.start(), m.end()) for m in _TOKEN.finditer(text) if m.lastgroup != "w"]
    position = 0

    def value() -> Node:
        nonlocal position
        kind, start, end = tokens[position]
        position += 1
        raw = text[start:end]
        if kind == "s":
            return Node("string", start, end, raw=raw)
        if kind == "n":
            return Node("number", start, end, raw=raw)
        if kind == "l":
            return Node("literal", start, end, raw=raw)
        if raw == "[":
            node = Node("array", start, end)
            while text[tokens[position][1]] != "]":
                node.items.append(value())
                if text[tokens[position][1]] == ",":
                    position += 1
            node.end = tokens[position][2]
            position += 1
            return node
        node = Node("object", start, end)
        while text[tokens[position][1]] != "}":
            key = json.loads(text[tokens[position][1] : tokens[position][2]])
            position += 2  # the key and the colon
            node.keys[key] = value()
            if text[tokens[position][1]] == ",":
                position += 1
        node.end = tokens[position][2]
        position += 1
        return node

    return value()


def _decode_map(raw: str) -> tuple[str, list[int]]:
    """Decode a string literal's content; ``offsets[i]`` is where decoded character ``i`` starts in ``raw``."""
    chars: list[str] = []
    offsets: list[int] = []
    position = 1
    body_end = len(raw) - 1
    while position < body_end:
        if raw[position] == "\\":
            m = _ESCAPE.match(raw, position)
            assert m is not None
            decoded = json.loads(f'"{m.group()}"')
            for ch in decoded:
                chars.append(ch)
                offsets.append(position)
            position = m.end()
        else:
            chars.append(raw[position])
            offsets.append(position)
            position += 1
    offsets.append(body_end)
    return "".join(chars), offsets


def _seconds(value: Any) -> str:
    if not isinstance(value, (int, float)):
        return ""
    ms = round(float(value) * 1000)
    hours, ms = divmod(ms, 3_600_000)
    minutes, ms = divmod(ms, 60_000)
    seconds, ms = divmod(ms, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{ms:03d}"


def _number(value: float) -> str:
    text = f"{value:.3f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


@dataclass
class _Segment:
    node: Node | None  # the segment object (None for a file with only a top-level text)
    text: Node
    decoded: str
    offsets: list[int]
    view_start: int


class WhisperDocument(Document):
    """A Whisper JSON file: the view is the segments' texts, one per line."""

    segments: list[_Segment]
    top: Node | None  # the top-level "text", when it mirrors the segments
    ascii_only: bool

    def raw_offset(self, offset: int) -> int:
        for segment in reversed(self.segments):
            if offset >= segment.view_start:
                local = min(offset - segment.view_start, len(segment.decoded))
                return segment.text.start + segment.offsets[local]
        return 0

    def _literal(self, value: str) -> str:
        return json.dumps(value, ensure_ascii=self.ascii_only)

    def write(self, edits: list[Edit]) -> str:  # type: ignore[override]
        raw_edits: list[tuple[int, int, str]] = []
        top_parts: list[tuple[int, int, str]] = []
        top_offset = 0
        for segment in self.segments:
            lo, hi = segment.view_start, segment.view_start + len(segment.decoded)
            local = [(e.start - lo, e.end - lo, e.after) for e in edits if lo <= e.start and e.end <= hi]
            if local:
                new_text = _apply(segment.decoded, local)
                raw_edits.append((segment.text.start, segment.text.end, self._literal(new_text)))
                raw_edits.extend(self._words(segment, local))
                top_parts.extend((s + top_offset, e + top_offset, a) for s, e, a in local)
            top_offset += len(segment.decoded)
        if self.top is not None and top_parts:
            raw_edits.append((self.top.start, self.top.end, self._literal(_apply(self.top.value, top_parts))))
        parts: list[str] = []
        position = 0
        for start, end, after in sorted(raw_edits):
            parts.append(self.text[position:start])
            parts.append(after)
            position = end
        parts.append(self.text[position:])
        return "".join(parts)

    def _words(self, segment: _Segment, local: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        if segment.node is None or "words" not in segment.node.keys:
            return []
        array = segment.node.keys["words"]
        words = [w for w in array.items if w.kind == "object" and w.keys.get("word", array).kind == "string"]
        if len(words) != len(array.items) or not words:
            if array.items:
                self.warnings.append(
                    f"line {self.line_at(segment.view_start)}: the word list is not a list of words with text; "
                    "its words were left as they were"
                )
            return []
        # Where each word stands in the segment text; the words must spell the text, else timings are kept.
        spans: list[tuple[int, int]] = []
        cursor = 0
        for word in words:
            found = segment.decoded.find(word.keys["word"].value, cursor)
            if found < 0:
                self.warnings.append(
                    f"line {self.line_at(segment.view_start)}: the word list does not spell the segment text; "
                    "its words were left as they were"
                )
                return []
            spans.append((found, found + len(word.keys["word"].value)))
            cursor = spans[-1][1]
        # Each entry of ``result`` is the raw text of one word object (or None: removed).
        result: list[list[str]] = [[self.text[w.start : w.end]] for w in words]
        for start, end, after in local:
            hit = [i for i, span in enumerate(spans) if _overlaps(_core(segment.decoded, span), start, end)]
            if not hit:
                continue
            first, last = hit[0], hit[-1]
            if after == "" and all(_inside(_core(segment.decoded, spans[i]), start, end) for i in hit):
                for i in hit:
                    result[i] = []
                continue
            ws, we = spans[first][0], spans[last][1]
            new_word = segment.decoded[ws : max(ws, start)] + after + segment.decoded[max(ws, min(we, end)) : we]
            base = words[first]
            # Whisper calls it "probability", WhisperX "score"; a merged word is as sure as its least sure part.
            key = next((k for k in ("probability", "score") if k in base.keys), "")
            sureness = [
                (words[i].keys[key].value, self._source(words[i].keys[key])) for i in hit if key in words[i].keys
            ]
            begin = base.keys["start"].value if "start" in base.keys else None
            finish = words[last].keys["end"].value if "end" in words[last].keys else None
            pieces = re.findall(r"\s*\S+", new_word) if first == last else [new_word]
            if not base.keys["word"].value[:1].isspace():  # WhisperX words carry no leading space
                pieces = [p.strip() for p in pieces]
            if len(pieces) <= 1 or not (_finite(begin) and _finite(finish)):
                pieces = [new_word]
            objects: list[str] = []
            total = sum(len(p.strip()) for p in pieces) or 1
            elapsed = 0
            for piece in pieces:
                replacements = {"word": self._literal(piece)}
                if len(pieces) > 1:
                    assert isinstance(begin, (int, float)) and isinstance(finish, (int, float))
                    t0 = begin + (finish - begin) * elapsed / total
                    elapsed += len(piece.strip())
                    t1 = begin + (finish - begin) * elapsed / total
                    replacements["start"] = _number(t0)
                    replacements["end"] = _number(t1)
                elif last != first and "end" in base.keys and "end" in words[last].keys:
                    replacements["end"] = self._source(words[last].keys["end"])
                if len(hit) > 1 and key and all(isinstance(v, (int, float)) for v, _ in sureness):
                    replacements[key] = min(sureness)[1]
                objects.append(self._substitute(base, replacements))
            result[first] = objects
            for i in hit[1:]:
                result[i] = []
        originals = [[self.text[w.start : w.end]] for w in words]
        if result == originals:
            return []
        separators = [self.text[a.end : b.start] for a, b in itertools.pairwise(words)] or [", "]
        out: list[str] = []
        for i, objects in enumerate(result):
            for obj in objects:
                if out:
                    out.append(separators[min(max(i - 1, 0), len(separators) - 1)])
                out.append(obj)
        return [(words[0].start, words[-1].end, "".join(out))]

    def _source(self, node: Node) -> str:
        """The JSON text of ``node`` as written in the file."""
        return self.text[node.start : node.end]

    def _substitute(self, node: Node, replacements: dict[str, str]) -> str:
        spans = sorted((node.keys[k].start, node.keys[k].end, v) for k, v in replacements.items() if k in node.keys)
        parts: list[str] = []
        position = node.start
        for start, end, value in spans:
            parts.append(self.text[position:start])
            parts.append(value)
            position = end
        parts.append(self.text[position : node.end])
        return "".join(parts)


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _core(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    m = re.search(r"\S(?:.*\S)?", text[span[0] : span[1]], re.DOTALL)
    return None if m is None else (span[0] + m.start(), span[0] + m.end())


def _overlaps(span: tuple[int, int] | None, start: int, end: int) -> bool:
    return span is not None and span[0] < end and start < span[1]


def _inside(span: tuple[int, int] | None, start: int, end: int) -> bool:
    return span is not None and start <= span[0] and span[1] <= end


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    parts: list[str] = []
    position = 0
    for start, end, after in sorted(edits):
        parts.append(text[position:start])
        parts.append(after)
        position = end
    parts.append(text[position:])
    return "".join(parts)


class WhisperJSON:
    """Whisper-style JSON. Spoken text: ``segments[].text`` (or the top-level ``text`` without segments)."""

    name: str = "json"
    extensions: tuple[str, ...] = (".json",)
    description: str = "Whisper-style JSON (segments with text and optional timed words)"

    def sniff(self, text: str) -> bool:
        """True when ``text`` looks like a JSON object with segments or text."""
        head = text.lstrip()[:4096]
        return head.startswith("{") and ('"segments"' in head or '"text"' in head)

    def read(self, text: str, path: str | Path | None = None) -> Document:
        """Read the segments of a Whisper JSON file.

        Raises:
            FormatError: not valid JSON (with the line), or no ``segments`` list and no ``text``.
        """
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FormatError(
                f"not valid JSON: {exc.msg} (column {exc.colno}); fix the file or pass --format txt",
                path=path,
                line=exc.lineno,
            ) from None
        if not isinstance(data, dict) or not (
            isinstance(data.get("segments"), list) or isinstance(data.get("text"), str)
        ):
            raise FormatError(
                "not a Whisper-style JSON file: expected an object with a 'segments' list (each with 'text') "
                "or a 'text' string",
                path=path,
                line=1,
            )
        root = _parse(text)
        segment_nodes: list[tuple[Node | None, Node]] = []
        if "segments" in root.keys and root.keys["segments"].kind == "array":
            for item in root.keys["segments"].items:
                if item.kind == "object" and item.keys.get("text", Node("none", 0, 0)).kind == "string":
                    segment_nodes.append((item, item.keys["text"]))
        elif root.keys.get("text", Node("none", 0, 0)).kind == "string":
            segment_nodes.append((None, root.keys["text"]))
        segments: list[_Segment] = []
        regions: list[Region] = []
        protected: list[tuple[int, int]] = []
        view_parts: list[str] = []
        position = 0
        for index, (node, literal) in enumerate(segment_nodes):
            decoded, offsets = _decode_map(literal.raw)
            if view_parts:
                view_parts.append("\n")
                protected.append((position, position + 1))
                position += 1
            segments.append(_Segment(node, literal, decoded, offsets, position))
            cue = str(index)
            time = ""
            if node is not None:
                if "id" in node.keys and node.keys["id"].kind in ("number", "string"):
                    cue = str(node.keys["id"].value)
                if "start" in node.keys:
                    time = _seconds(node.keys["start"].value)
            regions.append(Region(position, position + len(decoded), cue, time))
            view_parts.append(decoded)
            position += len(decoded)
        doc = WhisperDocument(text, "".join(view_parts), regions, protected)
        doc.segments = segments
        doc.ascii_only = text.isascii()
        doc.top = None
        top = root.keys.get("text")
        if (
            segment_nodes
            and segment_nodes[0][0] is not None
            and top is not None
            and top.kind == "string"
            and top.value == "".join(s.decoded for s in segments)
        ):
            doc.top = top
        return doc


WHISPER_JSON = WhisperJSON()
