"""A fast reader for the plain subset of YAML that lexicon files are written in.

PyYAML builds a node for every scalar, key, list and mapping before anything can be checked, which made a
100,000-entry lexicon take 17 s and 800 MB to load. Lexicons use a small part of YAML, and this reader reads
that part a line at a time with compiled regular expressions, into the same Python data that
``yaml.safe_load`` gives, plus the line of every list item (which the lexicon loader reports).

What it reads:

- block mappings whose keys are plain words (``term:``), one key per line, each at the same indentation;
- block sequences (``- item``), also at the indentation of their parent key (``entries:`` then ``- term: x``),
  whose items are scalars, flow sequences or mappings starting on the dash's line (``- input: ...``);
- flow sequences of scalars on one line (``[Woohan, 'we han']``), or of plain words and phrases over several
  lines, each line but the last ending with a comma;
- scalars on one line: plain, single-quoted (``''`` for a quote) and double-quoted (escapes ``\\"`` and
  ``\\\\`` only); plain scalars that YAML types as something else than a string are read as YAML does when
  they are decimal whole numbers, booleans (``true``, ``no``, ``On``, ...) or null (``~``, ``null``, nothing);
- comments, blank lines, a CRLF line ending.

Anything else makes it decline by returning None, and the caller reads the file with PyYAML, which gives the
same data, or the precise error: anchors, aliases, tags, directives and document markers, block scalars
(``|``, ``>``), scalars over several lines, flow mappings, other flow sequences over several lines, quoted keys,
numbers that are not plain decimal whole numbers, dates, tabs, unusual line breaks or control characters,
a byte order mark inside the text, duplicate keys, and any indentation it cannot place. It never guesses:
what it returns is what PyYAML returns for the same text (a property test compares the two).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from typing import Any

import yaml

__all__ = ["Seq", "read"]

Value = Any  # str | int | bool | None | Seq | dict[str, Value]


class Seq(list[Any]):
    """A list read from YAML that also knows the line (1-based) where each of its items starts."""

    __slots__ = ("lines",)
    lines: list[int]  # set by the reader on every Seq it makes


class _Decline(Exception):
    """Raised inside the reader for anything outside the subset."""


# One line: indentation, an optional sequence dash, an optional 'key:', and the rest (value and comment).
_LINE = re.compile(r"^( *)(- +|-$)?(?:([A-Za-z_][A-Za-z0-9_]*):(?: +|$))?(.*)$", re.MULTILINE)
# Characters the reader is sure about: everything YAML prints, except tabs, the byte order mark, the
# line breaks YAML 1.1 adds to '\n' (NEL, LS, PS) and '\r' (handled before, for CRLF files).
_UNSURE_CHARACTER = re.compile(r"[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# A plain scalar may not start with an indicator (a few may in YAML, in ways not worth the risk).
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
# First characters after which a plain scalar is surely a string, read at once: not an indicator, not white
# space, nor a digit or sign that may start a number (any other character is fine, letters and non-ASCII).
_NOT_STRING_START = frozenset(_INDICATORS + " <=~+.0123456789")
# A plain scalar starting with one of these letters may be a word YAML reads as true, false or null: it is
# typed by PyYAML's own tables when it is one of these words, in any case (a superset of those tables).
_WORD_START = frozenset("yYnNtTfFoO")
_MAYBE_SPECIAL = frozenset(("yes", "no", "true", "false", "on", "off", "null", "y", "n"))
_SINGLE = re.compile(r"'((?:[^']|'')*)'(?: +#.*)? *")
_DOUBLE = re.compile(r'"((?:[^"\\]|\\["\\])*)"(?: +#.*)? *')
_DOUBLE_ESCAPE = re.compile(r'\\(["\\])')
_COMMA = re.compile(r" *, *")
# A flow sequence on one line whose items are plain words and phrases (no ':', '?', '#' or brackets in them)
# or quoted scalars.
_FLOW_PLAIN = r"""[^\s\-?:,\[\]{}#&*!|>'"%@`](?:[^,\[\]{}:#?]*[^\s,\[\]{}:#?])?"""
_FLOW_ITEM = rf"""(?:{_FLOW_PLAIN}|'(?:[^']|'')*'|"(?:[^"\\]|\\["\\])*")"""
_FLOW = re.compile(rf"\[ *((?:{_FLOW_ITEM} *, *)*{_FLOW_ITEM})? *\](?: +#.*)? *")
_FLOW_ITEMS = re.compile(rf"({_FLOW_PLAIN})|'((?:[^']|'')*)'|\"((?:[^\"\\]|\\[\"\\])*)\"")
_FLOW_QUICK_FORBIDDEN = re.compile(r"""['"#:?\[\]{}]""")
_DECIMAL = re.compile(r"0|[1-9][0-9]*")
_TRUE = frozenset(("yes", "true", "on"))
# The implicit types PyYAML's safe loader gives plain scalars, by first character: its own tables.
_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
).yaml_implicit_resolvers


def _plain(text: str) -> Value:
    """The value of a plain scalar, as YAML types it, or :class:`_Decline`."""
    resolvers = _RESOLVERS.get(text[0])
    if resolvers is None:
        return text
    for tag, pattern in resolvers:
        if pattern.match(text):
            if tag == "tag:yaml.org,2002:bool":
                return text.lower() in _TRUE
            if tag == "tag:yaml.org,2002:null":
                return None
            if tag == "tag:yaml.org,2002:int" and _DECIMAL.fullmatch(text):
                return int(text)
            raise _Decline
    return text


def _value(rest: str, line: int) -> Value:
    """The value written after ``key:`` or ``- `` on one line (not empty, not a comment), or :class:`_Decline`."""
    first = rest[0]
    if first not in _NOT_STRING_START and ":" not in rest and " #" not in rest:
        # The common case: a plain scalar that is a string, unless it is a word such as 'yes' or 'null'.
        text = rest.rstrip(" ") if rest[-1] == " " else rest
        if first in _WORD_START and text.lower() in _MAYBE_SPECIAL:
            return _plain(text)
        return text
    if first == "[":
        return _flow(rest, line)
    if first == "'":
        single = _SINGLE.fullmatch(rest)
        if single is None:
            raise _Decline
        return single.group(1).replace("''", "'")
    if first == '"':
        double = _DOUBLE.fullmatch(rest)
        if double is None:
            raise _Decline
        text = double.group(1)
        return _DOUBLE_ESCAPE.sub(r"\1", text) if "\\" in text else text
    if first in _INDICATORS:
        raise _Decline
    comment = rest.find(" #")
    text = (rest[:comment] if comment >= 0 else rest).rstrip(" ")
    if ": " in text or text[-1] == ":":
        raise _Decline
    return _plain(text)


def _flow(rest: str, line: int) -> Value:
    """The items of a flow sequence on one line, ``[Woohan, 'we han']``, :data:`_OPEN_FLOW` for one that goes on
    over the next lines, or :class:`_Decline`."""
    if "]" not in rest:
        return _OPEN_FLOW
    text = rest.rstrip(" ")
    if text[-1] == "]" and not _FLOW_QUICK_FORBIDDEN.search(text, 1, len(text) - 1):
        # The common case: plain words and phrases between commas, read as strings when they surely are.
        inner = text[1:-1].strip(" ")
        items = Seq(_COMMA.split(inner)) if inner else Seq()
        for index, item in enumerate(items):
            first = item[:1]
            if not first or first in _NOT_STRING_START or (first in _WORD_START and item.lower() in _MAYBE_SPECIAL):
                items[index] = _value(item, line) if first else _decline()
        items.lines = [line] * len(items)
        return items
    flow = _FLOW.fullmatch(rest)
    if flow is None:
        raise _Decline
    items = Seq()
    for plain, single_quoted, double_quoted in _FLOW_ITEMS.findall(flow.group(1) or ""):
        if plain:
            items.append(_plain(plain))
        elif double_quoted:
            items.append(_DOUBLE_ESCAPE.sub(r"\1", double_quoted))
        else:  # a quoted scalar, perhaps empty
            items.append(single_quoted.replace("''", "'"))
    items.lines = [line] * len(items)
    return items


def _decline() -> Any:
    raise _Decline


# What _value gives for a flow sequence that goes on over the next lines; the reader gathers them.
_OPEN_FLOW: Any = object()
_FLOW_END = re.compile(r"([^\]]*)\]( +#.*| *)")


def _continued_flow(parts: list[tuple[int, str]]) -> Seq:
    """A flow sequence written over several lines, given as (line, text) with the text after '[' on the
    first line and up to ']' on the last, or :class:`_Decline`. Every line but the last ends with a comma
    (or is empty), so no scalar goes on over two lines; items are plain words and phrases."""
    items = Seq()
    items.lines = []
    last = len(parts) - 1
    for index, (line, part) in enumerate(parts):
        part = part.strip(" ")
        if _FLOW_QUICK_FORBIDDEN.search(part):
            raise _Decline
        if index < last:
            if not part:
                continue
            if part[-1] != ",":
                raise _Decline
            part = part[:-1].rstrip(" ")
        elif not part:
            continue
        for item in _COMMA.split(part):
            first = item[:1]
            if not first or first in _NOT_STRING_START or (first in _WORD_START and item.lower() in _MAYBE_SPECIAL):
                item = _value(item, line) if first else _decline()
            items.append(item)
            items.lines.append(line)
    return items


# Lines are read in chunks of about this many characters, so that the rows of one chunk only are in memory.
_CHUNK = 1 << 16


def _item(rest: str, line: int) -> Value:
    """The value of a sequence item that is not a mapping, written on the dash's line."""
    if not rest or rest[0] == "#" or rest[0] == "-":
        raise _Decline  # an item that starts on the next line, or a sequence in a sequence
    value = _value(rest, line)
    if value is _OPEN_FLOW:
        raise _Decline  # a flow sequence over several lines as a sequence item
    return value


def read(text: str) -> dict[str, Value] | None:
    """Read a YAML document whose top is a block mapping, or return None if it is outside the subset.

    Mappings become dicts, sequences :class:`Seq` lists (with the line of each item), scalars str, int, bool
    or None, exactly as ``yaml.safe_load`` would give them.

    >>> data = read("asrfix: 1\\nentries:\\n  - term: Wuhan\\n    sounds_like: [woo hahn]\\n")
    >>> data, data["entries"].lines
    ({'asrfix': 1, 'entries': [{'term': 'Wuhan', 'sounds_like': ['woo hahn']}]}, [3])
    >>> read("entries: &shared []") is None
    True
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _UNSURE_CHARACTER.search(text):
        return None
    try:
        return _read(text)
    except _Decline:
        return None


def _chunks(text: str) -> Iterator[list[tuple[str, str, str, str]]]:
    """The rows of :data:`_LINE`, one per line, in lists for a chunk of lines each."""
    start = 0
    while (end := text.find("\n", start + _CHUNK)) >= 0:
        yield _LINE.findall(text, start, end)
        start = end + 1
    yield _LINE.findall(text, start)


def _key(key: str, keys: dict[str, str]) -> str:
    """The key, one string object for each distinct key, or :class:`_Decline` for a key YAML reads otherwise."""
    if key[0] in _WORD_START and key.lower() in _MAYBE_SPECIAL and not isinstance(_plain(key), str):
        raise _Decline  # 'on:', 'yes:', 'null:' are keys true and None in YAML
    keys[key] = key
    return key


def _read(text: str) -> dict[str, Value]:
    root: dict[str, Value] = {}
    keys: dict[str, str] = {}
    # Open blocks, innermost last: (indentation, container, is a sequence, is a sequence at its key's
    # indentation). A mapping's indentation is its keys' column, a sequence's its dashes' column.
    stack: list[tuple[int, Any, bool, bool]] = [(0, root, False, False)]
    # Most lines add a key to the innermost mapping, or an item to the innermost sequence: these are read
    # first, when the line is at their indentation (the sequence is at stack[sequence_depth - 1]).
    mapping: dict[str, Value] | None = root
    mapping_spaces = ""
    sequences: dict[str, tuple[Seq, int]] = {}  # by the indentation of its dashes: a sequence, its depth
    # A flow sequence not closed on its line: the mapping and key, its lines so far, their least indentation.
    flow: tuple[dict[str, Value], str, list[tuple[int, str]], int] | None = None
    # A 'key:' with nothing after it: its value is the block on the next lines, or null.
    pending: dict[str, Value] | None = None
    pending_key = ""
    pending_indent = 0
    line = 0
    for rows in _chunks(text):
        for spaces, dash, key, rest in rows:
            line += 1
            if flow is not None:
                if dash or key or len(spaces) < flow[3] or not rest:
                    raise _Decline
                if "]" not in rest:
                    flow[2].append((line, rest))
                    continue
                end = _FLOW_END.fullmatch(rest)
                if end is None:
                    raise _Decline
                flow[2].append((line, end.group(1)))
                flow[0][flow[1]] = _continued_flow(flow[2])
                flow = None
                continue
            if pending is None:
                if not dash:
                    if key and spaces == mapping_spaces and mapping is not None:
                        # One more 'key: value' of the mapping being read, often a plain string.
                        key = keys.get(key) or _key(key, keys)
                        if key in mapping:
                            raise _Decline
                        if not rest or rest[0] == "#":
                            pending, pending_key, pending_indent = mapping, key, len(spaces)
                            mapping = None
                        elif (
                            (first := rest[0]) not in _NOT_STRING_START
                            and rest[-1] != " "
                            and ":" not in rest
                            and " #" not in rest
                            and (first not in _WORD_START or rest.lower() not in _MAYBE_SPECIAL)
                        ):
                            mapping[key] = rest
                        elif (value := _value(rest, line)) is _OPEN_FLOW:
                            flow = mapping, key, [(line, rest[1:])], len(spaces) + 1
                        else:
                            mapping[key] = value
                        continue
                elif (
                    (found := sequences.get(spaces)) is not None
                    and len(stack) >= (depth := found[1])
                    and stack[depth - 1][1] is (sequence := found[0])
                ):
                    # One more item of a sequence being read.
                    del stack[depth:]
                    sequence.lines.append(line)
                    if not key:
                        sequence.append(_item(rest, line))
                        mapping = None
                        continue
                    mapping = {}
                    sequence.append(mapping)
                    mapping_spaces = spaces + " " * len(dash)
                    stack.append((len(mapping_spaces), mapping, False, False))
                    key = keys.get(key) or _key(key, keys)
                    if not rest or rest[0] == "#":
                        pending, pending_key, pending_indent = mapping, key, len(mapping_spaces)
                        mapping = None
                    elif (value := _value(rest, line)) is _OPEN_FLOW:
                        flow = mapping, key, [(line, rest[1:])], len(mapping_spaces) + 1
                    else:
                        mapping[key] = value
                    continue
            if not (dash or key) and (not rest or rest[0] == "#"):
                continue  # a blank or comment line
            if not root and pending is None and (spaces or dash or not key):
                raise _Decline  # the document is not a mapping at the left margin
            indent = len(spaces)
            if pending is not None:
                if indent > pending_indent or (indent == pending_indent and dash):
                    block: Any
                    if dash:
                        block = Seq()
                        block.lines = []
                        stack.append((indent, block, True, indent == pending_indent))
                        sequences[spaces] = block, len(stack)
                    elif key:
                        block = {}
                        stack.append((indent, block, False, False))
                    else:
                        raise _Decline  # a scalar over several lines
                    pending[pending_key] = block
                else:
                    pending[pending_key] = None
                pending = None
            while stack[-1][0] > indent:
                stack.pop()
            block_indent, container, is_sequence, at_key_indent = stack[-1]
            if block_indent != indent:
                raise _Decline
            if dash:
                if not is_sequence:
                    raise _Decline
                container.lines.append(line)
                if not key:
                    container.append(_item(rest, line))
                    mapping = None
                    continue
                item: dict[str, Value] = {}
                container.append(item)
                indent += len(dash)
                spaces = " " * indent
                stack.append((indent, item, False, False))
                container = item
            elif is_sequence:
                if not at_key_indent:
                    raise _Decline
                stack.pop()  # the sequence written at its key's indentation ends; the mapping goes on
                block_indent, container, is_sequence, at_key_indent = stack[-1]
                if block_indent != indent or is_sequence:
                    raise _Decline
            if not key:
                raise _Decline
            key = keys.get(key) or _key(key, keys)
            if key in container:
                raise _Decline
            mapping, mapping_spaces = container, spaces
            if not rest or rest[0] == "#":
                pending, pending_key, pending_indent = container, key, indent
                mapping = None  # the next line says what the value is
            elif (value := _value(rest, line)) is _OPEN_FLOW:
                flow = container, key, [(line, rest[1:])], indent + 1
            else:
                container[key] = value
    if not root or flow is not None or line != text.count("\n") + 1:
        raise _Decline
    if pending is not None:
        pending[pending_key] = None
    return root


# --- whole entries of a large lexicon, one regular expression each ------------------------------------------
#
# A large lexicon is nearly always one list of entries, each a mapping of the lexicon's own keys with values on
# one line, and lists of one-line items under a key. For that shape, entry_pattern matches a whole entry, in C,
# and captures each key's value as written; the lexicon loader builds the entry from them. That is several
# times faster than reading line by line. The pattern matches only what it is sure of: plain scalars that are
# surely strings (no ':' or '#' in them, nothing YAML would read as another type), quoted scalars without
# escapes, flow sequences of those on one line ('[a, b]'), lists of them, and lists of the misrecognition and
# example mappings. Anything else in an entry (comments, blank lines, other keys, values over several lines,
# other indentation) leaves a gap between the matches, and the caller reads the whole file the other way. A key
# given twice in an entry is matched, its last value kept: the caller counts the lines to find out.

# First characters after which a plain scalar is surely a string; and not a word YAML reads as true, false or
# null (a superset: 'y' and 'n' too, in any case).
_SURE_FIRST = r"""[^\s\-?:,\[\]{}#&*!|>'"%@`<=~+.0-9]"""
_NOT_SPECIAL = (
    r"(?!(?:[yY](?:[eE][sS])?|[nN](?:[oO]|[uU][lL][lL])?|[oO](?:[nN]|[fF][fF])|[tT][rR][uU][eE]|[fF][aA][lL][sS][eE])"
    r"(?:\n|,|\]))"
)
_SURE_PLAIN = rf"{_NOT_SPECIAL}{_SURE_FIRST}(?:[^\n:#]*[^\s:#])?"
_SURE_FLOW_PLAIN = rf"{_NOT_SPECIAL}{_SURE_FIRST}(?:[^\n:#,\[\]{{}}]*[^\s:#,\[\]{{}}])?"
_SINGLE_QUOTED = r"'(?:[^'\n]|'')*'"
_DOUBLE_QUOTED = r'"[^"\\\n]*"'  # without escapes
_SCALAR = rf"(?:{_SURE_PLAIN}|{_SINGLE_QUOTED}|{_DOUBLE_QUOTED})"
_FLOW_ITEM = rf"(?:{_SURE_FLOW_PLAIN}|{_SINGLE_QUOTED}|{_DOUBLE_QUOTED})"
_FLOW_SEQUENCE = rf"\[(?:{_FLOW_ITEM}(?:, {_FLOW_ITEM})*)?\]"
_BOOLEAN = "true|false|True|False|TRUE|FALSE|yes|no|Yes|No|YES|NO|on|off|On|Off|ON|OFF"
_WHOLE_NUMBER = "0|[1-9][0-9]*"

#: The captured groups of :func:`entry_pattern`, in this order.
ENTRY_GROUPS = (
    "term", "category", "notes", "context_window", "inflect", "phonetic", "misrecognitions", "sounds_like",
    "context", "examples",
)
# The items of a list that entry_pattern captured, which it matched item by item, are taken apart again by
# these simpler patterns. Each item is on one line, or two for a mapping of two keys.
#: Scalar items: the scalar as written.
LIST_ITEMS = re.compile(r"\n *- ([^\n]*)")
#: Misrecognitions: ('', '', '', '', scalar) or (key, value, second key or '', its value or '', '').
MISRECOGNITION_ITEMS = re.compile(
    r"\n *- (?:(text|needs_context): ([^\n]*)(?:\n *(text|needs_context): ([^\n]*))?|([^\n]*))"
)
#: Examples: (key, value, second key or '', its value or '').
EXAMPLE_ITEMS = re.compile(r"\n *- (input|output): ([^\n]*)(?:\n *(input|output): ([^\n]*))?")
# The items of a flow sequence with quoted items: plain (group 1), single-quoted or double-quoted.
_QUOTED_FLOW_ITEMS = re.compile(rf"({_SURE_FLOW_PLAIN})|'((?:[^'\n]|'')*)'|\"([^\"\\\n]*)\"")
#: TRUE booleans, in lower case.
TRUE = _TRUE


def _key_pieces(indent: int, scalar: str, flow: str, example_scalar: str) -> dict[str, str]:
    """The pattern of each key of an entry whose dash is ``indent`` spaces in, from the key to the end of its
    value, with the value captured in a group of the key's name; ``scalar`` and ``flow`` are the patterns of a
    one-line scalar and flow sequence, ``example_scalar`` that of an example's input and output."""
    keys = " " * (indent + 2)

    def block(name: str, item: str) -> str:  # a list on the next lines, each item at the same indentation
        return rf"\n{keys}(?P<{name}>(?:  )?)- {item}(?:\n{keys}(?P={name})- {item})*"

    def inside(name: str) -> str:  # the indentation of the second key of a mapping in a list
        return rf"\n{keys}(?P={name})  "

    # The items of block lists other than examples are always matched exactly (lists written so are rare in
    # large lexicons): only the examples' values may be taken as written and checked afterwards.
    misrecognition = (
        rf"(?:text: {_SCALAR}(?:{inside('mi')}needs_context: (?:{_BOOLEAN}))?"
        rf"|needs_context: (?:{_BOOLEAN}){inside('mi')}text: {_SCALAR}|{_SCALAR})"
    )

    def example(inner: str) -> str:  # an example, the second line's indentation matched by ``inner``
        return (
            rf"(?:input: {example_scalar}(?:{inner}output: {example_scalar})?"
            rf"|output: {example_scalar}{inner}input: {example_scalar})"
        )

    examples = block("xi", example(inside("xi")))
    if example_scalar != _SCALAR:
        # Taken as written (uniform_pattern): the two indentations of the list as two alternatives, without a
        # group, whose text findall would make for every entry.
        examples = "|".join(
            rf"\n{keys}{extra}- {example(inner)}(?:\n{keys}{extra}- {example(inner)})*"
            for extra, inner in (("  ", rf"\n{keys}    "), ("", rf"\n{keys}  "))
        )
    return {
        "term": rf"term: (?P<term>{scalar})",
        "category": rf"category: (?P<category>{scalar})",
        "notes": rf"notes: (?P<notes>{scalar})",
        "context_window": rf"context_window: (?P<context_window>{_WHOLE_NUMBER})",
        "inflect": rf"inflect: (?P<inflect>{_BOOLEAN})",
        "phonetic": rf"phonetic: (?P<phonetic>{_BOOLEAN})",
        "misrecognitions": rf"misrecognitions:(?P<misrecognitions> {flow}|{block('mi', misrecognition)}|)",
        "sounds_like": rf"sounds_like:(?P<sounds_like> {flow}|{block('si', _SCALAR)}|)",
        "context": rf"context:(?P<context> {flow}|{block('ci', _SCALAR)}|)",
        "examples": rf"examples:(?P<examples>{examples}|)",
    }


@functools.lru_cache(maxsize=8)
def entry_pattern(indent: int) -> re.Pattern[str]:
    """The pattern of one entry of a list whose dashes are ``indent`` spaces in, from the line break(s) before
    the dash to the end of its last line.

    Groups: ``blank`` (the line breaks before the dash) and each of :data:`ENTRY_GROUPS`, the value as written
    (the scalar; for a list, ``" [a, b]"`` or its lines, ``"\\n  - a\\n  - b"``, or ``""`` for nothing).
    """
    pieces = _key_pieces(indent, _SCALAR, _FLOW_SEQUENCE, _SCALAR)
    alternatives = "|".join(pieces[key] for key in ENTRY_GROUPS)
    # The first key follows the dash ('- ' only there: right after the dash's indentation), the others each
    # start a line at the keys' indentation.
    dash = " " * indent
    keys = " " * (indent + 2)
    return re.compile(rf"(?P<blank>\n+){dash}(?=- )(?:(?:(?<=\n{dash})- |\n{keys})(?:{alternatives}))+")


# --- entries that all have the same keys in the same order ---------------------------------------------------
#
# Most large lexicons are written by a script, every entry with the same keys in the same order. For them,
# uniform_pattern matches an entry with exactly those keys, one after the other, which is much simpler for the
# regular expression engine than entry_pattern's choice of any key at each line; and it takes one-line scalars,
# flow sequences and examples' values as written, to the end of their line, which is faster again than matching
# them exactly. What it captured is then checked a column at a time (sure_scalars, sure_flows): when every value
# passes, entry_pattern would have matched the same entries with the same groups. The caller counts the lines
# to know that the matches cover every line (findall does not say where its matches are).

_LAX = r"[^\n]*"
_LAX_FLOW = r"\[[^\n]*\]"


@functools.lru_cache(maxsize=8)
def uniform_pattern(indent: int, keys: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern of one entry of a list whose dashes are ``indent`` spaces in, with exactly ``keys`` (of
    :data:`ENTRY_GROUPS`), in this order, one line each but for their lists.

    Groups: ``blank`` and each key of ``keys``, as in :func:`entry_pattern`, except that one-line scalars, flow
    sequences and examples' values are captured to the end of their line, without checking them: see
    :func:`sure_scalars` and :func:`sure_flows`. The match ends at the end of a line.
    """
    pieces = _key_pieces(indent, _LAX, _LAX_FLOW, _LAX)
    between = "\n" + " " * (indent + 2)
    return re.compile(rf"(?P<blank>\n+){' ' * indent}- " + between.join(pieces[key] for key in keys) + r"(?=\n)")


@functools.lru_cache(maxsize=8)
def _entry_keys(indent: int) -> re.Pattern[str]:
    return re.compile(rf"(?:\n{' ' * indent}- |\n{' ' * (indent + 2)})([A-Za-z_][A-Za-z0-9_]*):")


def entry_keys(entry: str, indent: int) -> list[str]:
    """The keys of one entry written from its dash (``indent`` spaces in) in ``entry``, in order: those at the
    entry's own indentation, not those of its lists."""
    return _entry_keys(indent).findall(entry)


# A value that does not start as a plain scalar that is surely a string (or is empty: '\s' matches the line
# break after it), or that is a word YAML reads as true, false or null, with what _NOT_SPECIAL looks at after it.
_UNSURE_START = re.compile(
    r"""\n(?:[\s\-?:,\[\]{}#&*!|>'"%@`<=~+.0-9]"""
    r"|(?:[yY](?:[eE][sS])?|[nN](?:[oO]|[uU][lL][lL])?|[oO](?:[nN]|[fF][fF])|[tT][rR][uU][eE]|[fF][aA][lL][sS][eE])"
    r"(?:\n|,|\]))"
)
_SPACE_AT_END = re.compile(r"\s\n")
_SCALAR_LINES = re.compile(rf"(?:{_SCALAR}\n)*")
_FLOW_LINES = re.compile(rf"(?: {_FLOW_SEQUENCE}\n)*")


def sure_plain_lines(lines: str) -> bool:
    """True when each line of ``lines`` (line breaks at both ends) is surely a plain scalar that _SURE_PLAIN
    matches whole: checked by a few passes in C over all of them; False when not sure."""
    return (
        ":" not in lines
        and "#" not in lines
        and (" \n" not in lines if lines.isascii() else _SPACE_AT_END.search(lines) is None)
        and _UNSURE_START.search(lines) is None
    )


def sure_scalars(values: Sequence[str]) -> bool:
    """True when entry_pattern's scalar matches each of ``values`` whole (values taken as written by
    :func:`uniform_pattern`): plain ones by a few passes over them all, then, if any is not surely plain
    (quoted, say), all of them by the exact pattern."""
    if not values:
        return True
    lines = "\n" + "\n".join(values) + "\n"
    return sure_plain_lines(lines) or _SCALAR_LINES.fullmatch(lines, 1) is not None


def sure_flows(values: Sequence[str]) -> bool:
    """True when entry_pattern's flow sequence matches each of ``values`` (``" [a, b]"``, as written) whole."""
    values = list(filter(" []".__ne__, values))  # empty lists are sure
    if not values:
        return True
    joined = "\n".join(values)
    # The items, a line each: the lists' insides (each value is ' [' ... ']'), their ', ' made line breaks. Sure
    # if each is a plain scalar with nothing of a flow sequence left in it.
    items = "\n" + joined[2:-1].replace("]\n [", "\n").replace(", ", "\n") + "\n"
    sure = not any(map(items.__contains__, ",[]{}")) and sure_plain_lines(items)
    return sure or _FLOW_LINES.fullmatch(joined + "\n") is not None


def scalar(written: str) -> str:
    """The string of a scalar matched by the patterns above, as written (plain, or quoted without escapes)."""
    first = written[0]
    if first == "'":
        return written[1:-1].replace("''", "'")
    if first == '"':
        return written[1:-1]
    return written


def flow_items(written: str) -> list[str]:
    """The strings of a flow sequence captured by :func:`entry_pattern` (``" [a, b]"``)."""
    inner = written[2:-1]
    if "'" not in inner and '"' not in inner:
        return inner.split(", ") if inner else []
    return [plain or single.replace("''", "'") or double for plain, single, double in _QUOTED_FLOW_ITEMS.findall(inner)]


# Characters the reader is sure about, in ASCII text (see _UNSURE_CHARACTER).
_SURE_ASCII = bytes(range(0x20, 0x7F)) + b"\n"


def is_sure(text: str) -> bool:
    """True when every character of ``text`` is one the readers here are sure about (see _UNSURE_CHARACTER)."""
    if text.isascii():  # a flag of the string; then one pass in C deleting the sure characters
        return not text.encode("ascii").translate(None, _SURE_ASCII)
    return _UNSURE_CHARACTER.search(text) is None
