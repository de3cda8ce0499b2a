"""Add entries, misrecognitions, context words and examples to a lexicon file, changing nothing else in it.

Every edit is an insertion of new text at the right place, found from the positions that the YAML parser
reports for each node; the rest of the file (comments, order, blank lines, quoting, flow lists that span
lines, line endings) stays byte for byte as it was. A round-trip YAML library (ruamel.yaml) was tried first
and rejected: it re-flows flow lists that span several lines, such as the ``context:`` lists of china-news.

New text follows the file's own layout: the indentation of its entries, flow lists (``[a, b]``) or block
lists to match the list being extended, a blank line between entries when the file has them, and its line
endings. The result is validated with :func:`asrfix.lexicon.parse_lexicon` before it is returned.

>>> text = "asrfix: 1\\nentries:\\n  - term: Wuhan  # the city\\n    misrecognitions: [Will Han]\\n"
>>> print(add_to_lexicon(text, EntryDraft("Wuhan", misrecognitions=("Woo Han",))).text, end="")
asrfix: 1
entries:
  - term: Wuhan  # the city
    misrecognitions: [Will Han, Woo Han]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import LexiconError
from ..lexicon import parse_lexicon, phrase_key

__all__ = ["EditResult", "EntryDraft", "add_to_lexicon", "merge_into_lexicon"]

_STR = "tag:yaml.org,2002:str"
# Plain (unquoted) YAML scalars: start with a letter or digit, no characters that YAML gives a meaning to.
_PLAIN = re.compile(r"[^\W_][\w .'\u2019()/&+-]*(?<![ :])", re.UNICODE)
_FLOW_PLAIN = re.compile(r"[^\W_][\w .'\u2019/&+-]*(?<![ :])", re.UNICODE)
_RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}


@dataclass(frozen=True, slots=True)
class EntryDraft:
    """What to add for one term: a new entry, or additions to the entry that already has this term.

    Attributes:
        term: the canonical term.
        misrecognitions: wrong forms to add (whether each needs context is decided as usual, from the words).
        sounds_like: respellings to add.
        context: context words to add.
        category: category of a new entry (an existing entry's category is left alone).
        examples: ``(input, output)`` pairs; an output of ``None`` means "must stay unchanged".
        comment: a comment line written above a new entry (without ``#``).
    """

    term: str
    misrecognitions: tuple[str, ...] = ()
    sounds_like: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    category: str = ""
    examples: tuple[tuple[str, str | None], ...] = ()
    comment: str = ""


@dataclass(frozen=True, slots=True)
class EditResult:
    """The edited text and what was done, one line per change (empty when nothing was new)."""

    text: str
    done: tuple[str, ...] = field(default=())


def _scalar(value: str, *, flow: bool) -> str:
    plain = _FLOW_PLAIN if flow else _PLAIN
    if plain.fullmatch(value) and value.lower() not in _RESERVED and " #" not in value:
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def _flow_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(_scalar(v, flow=True) for v in values) + "]"


def _line_end(text: str, index: int) -> int:
    """Index just after the newline of the line that contains ``index`` (or the end of the text)."""
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _last_index(node: yaml.Node) -> int:
    """The end of the last character that belongs to ``node`` (block collections end at their last child)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _last_index(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _last_index(node.value[-1])
    return int(node.end_mark.index)


class _Document:
    """The composed YAML of a lexicon file, with positions, and the file's layout conventions."""

    def __init__(self, text: str, path: Path | None) -> None:
        self.text = text
        self.path = path
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            raise LexiconError(f"cannot edit: the file is not valid YAML ({exc})", path=path) from exc
        if not isinstance(root, yaml.MappingNode):
            raise LexiconError("cannot edit: the file is not a lexicon (no top-level mapping)", path=path)
        self.root = root
        self.entries_key: yaml.ScalarNode | None = None
        self.entries: yaml.Node | None = None
        for key, value in root.value:
            if key.value == "entries":
                self.entries_key, self.entries = key, value

    def entry_nodes(self) -> list[yaml.MappingNode]:
        if isinstance(self.entries, yaml.SequenceNode):
            return [n for n in self.entries.value if isinstance(n, yaml.MappingNode)]
        return []

    def find_entry(self, term: str) -> yaml.MappingNode | None:
        for node in self.entry_nodes():
            for key, value in node.value:
                if key.value == "term" and isinstance(value, yaml.ScalarNode) and value.value.strip() == term:
                    return node
        return None

    def layout(self) -> tuple[int, int, bool]:
        """(column of the entries' dashes, column of their keys, blank line between entries)."""
        nodes = self.entry_nodes()
        if not nodes:
            base = 0 if self.entries_key is None else self.entries_key.start_mark.column
            return base + 2, base + 4, True
        dash = self.entries.start_mark.column if self.entries is not None else 2
        key_col = nodes[0].start_mark.column
        blank = False
        if len(nodes) > 1:
            between = self.text[_line_end(self.text, _last_index(nodes[0])) : nodes[1].start_mark.index]
            blank = any(line.strip() == "" for line in between.split("\n")[:-1])
        return dash, key_col, blank


def _render_entry(draft: EntryDraft, dash: int, key_col: int, blank: bool) -> str:
    pad = " " * key_col
    lines = []
    if blank:
        lines.append("")
    if draft.comment:
        lines.extend(" " * dash + "# " + c for c in draft.comment.splitlines())
    lines.append(" " * dash + "-" + " " * (key_col - dash - 1) + "term: " + _scalar(draft.term, flow=False))
    if draft.category:
        lines.append(f"{pad}category: {_scalar(draft.category, flow=False)}")
    for key, values in (
        ("misrecognitions", draft.misrecognitions),
        ("sounds_like", draft.sounds_like),
        ("context", draft.context),
    ):
        if values:
            lines.append(f"{pad}{key}: {_flow_list(values)}")
    if draft.examples:
        lines.append(f"{pad}examples:")
        lines.extend(_render_examples(draft.examples, key_col + 2))
    return "\n".join(lines) + "\n"


def _render_examples(examples: Iterable[tuple[str, str | None]], dash: int) -> list[str]:
    lines = []
    for given, expected in examples:
        lines.append(" " * dash + "- input: " + _scalar(given, flow=False))
        if expected is not None and expected != given:
            lines.append(" " * (dash + 2) + "output: " + _scalar(expected, flow=False))
    return lines


def _insert(text: str, index: int, new: str) -> str:
    return text[:index] + new + text[index:]


def _append_to_list(doc: _Document, entry: yaml.MappingNode, key: str, values: Sequence[str]) -> str:
    """Return the text with string ``values`` appended to the list ``key`` of ``entry`` (made if missing)."""
    text = doc.text
    node = next((v for k, v in entry.value if k.value == key), None)
    key_col = entry.start_mark.column
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
        if node is not None:  # "key:" with nothing after it: put the list on that line
            return _insert(text, int(node.start_mark.index), " " + _flow_list(values))
        term_value = next(v for k, v in entry.value if k.value == "term")
        at = _line_end(text, _last_index(term_value))
        if at == len(text) and not text.endswith("\n"):
            text, at = text + "\n", at + 1
        return _insert(text, at, " " * key_col + f"{key}: {_flow_list(values)}\n")
    if not isinstance(node, yaml.SequenceNode):
        raise LexiconError(f"cannot add to {key!r}: it is not a list", path=doc.path, line=node.start_mark.line + 1)
    if node.flow_style:
        close = int(node.end_mark.index) - 1
        if text[close] != "]":
            raise LexiconError(f"cannot find the end of the {key!r} list", path=doc.path, line=node.end_mark.line + 1)
        items = ", ".join(_scalar(v, flow=True) for v in values)
        return _insert(text, close, (", " if node.value else "") + items)
    dash = node.start_mark.column
    at = _line_end(text, _last_index(node))
    new = "".join(" " * dash + "- " + _scalar(v, flow=False) + "\n" for v in values)
    if at == len(text) and not text.endswith("\n"):
        new = "\n" + new
    return _insert(text, at, new)


def _append_examples(doc: _Document, entry: yaml.MappingNode, examples: Sequence[tuple[str, str | None]]) -> str:
    text = doc.text
    node = next((v for k, v in entry.value if k.value == "examples"), None)
    key_col = entry.start_mark.column
    if isinstance(node, yaml.SequenceNode) and node.flow_style:
        items = ", ".join(
            "{input: "
            + _scalar(i, flow=True)
            + ("" if o is None or o == i else ", output: " + _scalar(o, flow=True))
            + "}"
            for i, o in examples
        )
        return _insert(text, int(node.end_mark.index) - 1, (", " if node.value else "") + items)
    if isinstance(node, yaml.SequenceNode) and node.value:
        dash = node.start_mark.column
        at = _line_end(text, _last_index(node))
        lines = _render_examples(examples, dash)
    else:
        anchor = node if node is not None else entry
        at = _line_end(text, _last_index(anchor))
        if node is None:
            lines = [" " * key_col + "examples:", *_render_examples(examples, key_col + 2)]
        else:  # "examples:" with nothing after it
            at = _line_end(text, int(node.start_mark.index))
            lines = _render_examples(examples, key_col + 2)
    new = "".join(line + "\n" for line in lines)
    if at == len(text) and not text.endswith("\n"):
        new = "\n" + new
    return _insert(text, at, new)


def add_to_lexicon(text: str, draft: EntryDraft, *, path: Path | None = None) -> EditResult:
    """Add ``draft`` to the lexicon ``text``: a new entry at the end, or only what is new to an existing entry.

    Raises:
        LexiconError: the text is not a valid lexicon, or the result would not be (nothing is changed then).
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    work = text.replace("\r\n", "\n") if newline == "\r\n" else text
    lexicon = parse_lexicon(work, path=path)
    existing = next((e for e in lexicon.entries if e.term == draft.term), None)
    done: list[str] = []
    if existing is None:
        doc = _Document(work, path)
        dash, key_col, blank = doc.layout()
        entry_text = _render_entry(draft, dash, key_col, blank and bool(doc.entry_nodes()))
        entries = doc.entries
        if isinstance(entries, yaml.SequenceNode) and entries.value:
            at = _line_end(work, _last_index(entries))
            if at == len(work) and not work.endswith("\n"):
                entry_text = "\n" + entry_text
            work = _insert(work, at, entry_text)
        elif entries is not None and doc.entries_key is not None:
            # "entries:" with nothing, or "entries: []": the list starts on the next line.
            start, end = int(entries.start_mark.index), int(entries.end_mark.index)
            tail = work[end:]
            work = work[:start].rstrip(" ") + "\n" + entry_text + tail.lstrip("\n")
        else:
            raise LexiconError("cannot add: the lexicon has no 'entries:'", path=path)
        done.append(f"added entry {draft.term!r}")
    else:
        known = {phrase_key(m.text) for m in existing.misrecognitions} | {phrase_key(existing.term)}
        steps: list[tuple[str, Sequence[str]]] = [
            ("misrecognitions", _new(draft.misrecognitions, known)),
            ("sounds_like", _new(draft.sounds_like, {phrase_key(s) for s in existing.sounds_like})),
            ("context", _new(draft.context, {phrase_key(c) for c in existing.context})),
        ]
        for key, values in steps:
            if values:
                doc = _Document(work, path)
                node = doc.find_entry(draft.term)
                assert node is not None
                work = _append_to_list(doc, node, key, values)
                done.append(f"added {key} {', '.join(map(repr, values))} to {draft.term!r}")
        inputs = {e.input for e in existing.examples}
        examples = [(i, o) for i, o in draft.examples if i not in inputs]
        if examples:
            doc = _Document(work, path)
            node = doc.find_entry(draft.term)
            assert node is not None
            work = _append_examples(doc, node, examples)
            done.append(f"added {len(examples)} example{'s' if len(examples) > 1 else ''} to {draft.term!r}")
    if done:
        try:
            parse_lexicon(work, path=path)
        except LexiconError as exc:
            raise LexiconError(
                f"the edit would make the lexicon invalid ({exc.problem}); the file was not changed", path=path
            ) from exc
    if newline == "\r\n":
        work = work.replace("\n", "\r\n")
    return EditResult(work if done else text, tuple(done))


def _new(values: Iterable[str], known: set[tuple[str, ...]]) -> list[str]:
    result = []
    for value in values:
        key = phrase_key(value)
        if key and key not in known:
            known.add(key)
            result.append(value)
    return result


def merge_into_lexicon(text: str, drafts: Iterable[EntryDraft], *, path: Path | None = None) -> EditResult:
    """Add several drafts in order (see :func:`add_to_lexicon`); ``done`` lists every change."""
    done: list[str] = []
    for draft in drafts:
        result = add_to_lexicon(text, draft, path=path)
        text = result.text
        done.extend(result.done)
    return EditResult(text, tuple(done))
