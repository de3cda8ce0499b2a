"""Large lexicons load through a fast reader of plain YAML; anything else, and every error, goes through PyYAML.

asrfix.yamlsubset reads the plain YAML lexicons are written in, line by line, and a validator without
locations builds the lexicon from it. Anything the reader is not sure of, it declines, and PyYAML reads the
file; any lexicon the fast validator does not accept goes through the checked path, which names the
problem. These tests hold the fast way to exactly what the checked way gives: the same data as PyYAML or a
decline, the same lexicon or the same error.
"""

from __future__ import annotations

import contextlib
import pickle
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import asrfix
from asrfix import LexiconError, yamlsubset
from asrfix import lexicon as lexicon_module
from asrfix.lexicon import Entry, Example, Misrecognition, misrecognition_keys, parse_lexicon, phrase_key
from asrfix.tokens import tokenize

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
BROKEN = "PyYAML cannot read it"

# Scalars that YAML reads in surprising ways, or that are hard to write: each must come out as PyYAML reads it.
TRICKY = [
    "yes", "no", "on", "off", "On", "NO", "y", "n", "true", "False", "~", "null", "Null", "NULL", "",
    "1e3", "0x1F", "0o17", "017", "1_000", "12:30", "1:20:30", "2026-01-01", "2026-01-01 10:00:00", ".5",
    "+1", "-1", "1.0", ".inf", ".NaN", "=", "<<", "- x", "a: b", "a:b", "a #b", "a#b", "#x", "x #", "it's",
    "'quoted'", '"double"', 'say "hi"', "back\\slash", "Zürich", "Ürümqi", "北京", "emoji 😀", "a  b",
    " lead", "trail ", "[x]", "{x}", "a, b", "&anchor", "*alias", "!tag", "|", ">", "%", "@at", "`", "?",
    "? x", "-", "---", "...", "a\tb", "\u00a0x", "x\u2028y", "\ufeffx", "COVID-19", "W H O", "Uighur's",
    "12", "0", "007", "1984", "3 Gorges", "Hang Zhou", "a]", "x,", "a\\nb", "a\\u00e9",
]
ALPHABET = "abcXYZ019 '\"-:#,[]{}&*!|>%@`?~.=<\\\tü北\n\r"
scalars = st.one_of(st.sampled_from(TRICKY), st.text(alphabet=ALPHABET, max_size=10))
KEYS = ["asrfix", "term", "misrecognitions", "text", "input", "on", "yes", "null", "True", "x y", "a:b", "k"]


def quote(text: str, style: str) -> str:
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text  # plain, whatever it holds


@st.composite
def documents(draw: st.DrawFn) -> str:
    """YAML text shaped like a lexicon, written in varied and sometimes invalid ways."""
    step = draw(st.sampled_from([2, 2, 4, 1, 3]))
    out: list[str] = []

    def scalar() -> str:
        text = quote(draw(scalars), draw(st.sampled_from(["plain", "plain", "single", "double"])))
        return text + draw(st.sampled_from(["", "", "  # note", " #", "#x"]))

    def flow() -> str:
        styles = st.sampled_from(["plain", "plain", "single"])
        items = [quote(draw(scalars), draw(styles)) for _ in range(draw(st.integers(0, 3)))]
        separator = draw(st.sampled_from([", ", ",", " , ", ",\n      "]))
        return "[" + separator.join(items) + "]" + draw(st.sampled_from(["", " # c"]))

    def mapping(indent: int, first_prefix: str | None, depth: int) -> None:
        keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=4))
        for number, key in enumerate(keys):
            prefix = first_prefix if number == 0 and first_prefix is not None else " " * indent
            kinds = ["scalar", "scalar", "flow", "list", "map"] if depth < 3 else ["scalar", "flow"]
            kind = draw(st.sampled_from(kinds))
            if kind == "scalar":
                out.append(f"{prefix}{key}: {scalar()}")
            elif kind == "flow":
                out.append(f"{prefix}{key}: {flow()}")
            else:
                out.append(f"{prefix}{key}:" + draw(st.sampled_from(["", "", "  # c"])))
                inner = indent + draw(st.sampled_from([step, step, 0, step + 1]))
                if kind == "map":
                    mapping(inner + (step if inner == indent else 0), None, depth + 1)
                else:
                    sequence(inner, depth + 1)
            if draw(st.integers(0, 9)) == 0:
                out.append(draw(st.sampled_from(["", "# comment", "   ", " " * indent + "# c"])))

    def sequence(indent: int, depth: int) -> None:
        for _ in range(draw(st.integers(1, 3))):
            dash = " " * indent + draw(st.sampled_from(["- ", "- ", "-  "]))
            if draw(st.booleans()) and depth < 3:
                mapping(len(dash), dash, depth + 1)
            else:
                out.append(dash + draw(st.sampled_from([scalar(), flow()])))

    mapping(0, None, 0)
    text = "\n".join(out) + draw(st.sampled_from(["\n", "", "\n\n"]))
    return draw(st.sampled_from(["", "", "", "\ufeff"])) + (text.replace("\n", "\r\n") if draw(st.booleans()) else text)


def typed(value: Any) -> Any:
    """The value with the type of every scalar, so that True and 1 differ."""
    if isinstance(value, dict):
        return {typed(k): typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return type(value).__name__, value


def pyyaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=LOADER)
    except yaml.YAMLError:
        return BROKEN


def assert_same_lines(node: yaml.Node, data: Any) -> None:
    """The line of every list item is the line where PyYAML's node for it starts."""
    if isinstance(node, yaml.SequenceNode):
        assert data.lines == [item.start_mark.line + 1 for item in node.value]
        for item, value in zip(node.value, data, strict=True):
            assert_same_lines(item, value)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            assert_same_lines(value, data[key.value])


def assert_reads_as_pyyaml_or_declines(text: str) -> bool:
    data = yamlsubset.read(text)
    if data is None:
        return False
    expected = pyyaml(text)
    assert expected != BROKEN, f"read YAML that PyYAML rejects: {text!r}"
    assert typed(data) == typed(expected), text
    assert_same_lines(yaml.compose(text, Loader=LOADER), data)
    return True


@settings(max_examples=400, deadline=None)
@given(documents())
def test_the_fast_reader_gives_what_pyyaml_gives_or_declines(text):
    assert_reads_as_pyyaml_or_declines(text)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_an_edited_lexicon_is_read_as_pyyaml_reads_it_or_declined(data):
    # One small edit anywhere in a real lexicon: a character that matters to YAML, a deleted one, a line
    # indented differently.
    text = (asrfix.list_lexicons()["world-places"]).read_text(encoding="utf-8")[:3000]
    at = data.draw(st.integers(0, len(text)))
    edit = data.draw(st.sampled_from(["insert", "delete", "indent"]))
    if edit == "insert":
        text = text[:at] + data.draw(st.sampled_from([*": -#'\"[]{},&*!|>\t\r\n?%@`~", "  ", ": ", " #"])) + text[at:]
    elif edit == "delete":
        text = text[:at] + text[at + 1 :]
    else:
        start = text.rfind("\n", 0, at) + 1
        text = text[:start] + data.draw(st.sampled_from([" ", "  ", "   "])) + text[start:]
    assert_reads_as_pyyaml_or_declines(text)


@pytest.mark.parametrize("name", sorted(asrfix.list_lexicons()))
def test_the_shipped_lexicons_are_read_by_the_fast_reader(name):
    text = asrfix.list_lexicons()[name].read_text(encoding="utf-8")
    assert assert_reads_as_pyyaml_or_declines(text), "the fast reader declined a shipped lexicon"


PLAIN_LEXICON = """\
asrfix: 1
name: plain
context_window: 15
entries:
  # a comment line, then a blank one

  - term: Wuhan
    category: place
    misrecognitions: [Woo Han, 'we han']
    context: [China, Hubei,
              virus]
    examples:
      - input: near Woo Han   # a comment after a value
        output: near Wuhan
  - term: Uyghur
    inflect: false
    misrecognitions:
      - weaker
      - text: Uighur
        needs_context: yes
"""


def test_a_plain_lexicon_loads_without_pyyaml():
    with mock.patch.object(lexicon_module.yaml, "compose", side_effect=AssertionError("PyYAML was used")):
        lexicon = parse_lexicon(PLAIN_LEXICON)
    wuhan, uyghur = lexicon.entries
    assert wuhan.context == ("China", "Hubei", "virus") and wuhan.context_window == 15
    assert [(m.text, m.line) for m in wuhan.misrecognitions] == [("Woo Han", 9), ("we han", 9)]
    assert wuhan.examples == (Example("near Woo Han", "near Wuhan", 13),)
    assert [(m.text, m.needs_context, m.line) for m in uyghur.misrecognitions] == [
        ("weaker", True, 18),
        ("Uighur", True, 19),
    ]
    assert (uyghur.line, uyghur.inflect) == (15, False)


@pytest.mark.parametrize(
    "value",
    [
        "&anchor Wuhan", "!!str Wuhan", "|\n      Wuhan", ">\n      Wuhan", "Wu\n      han", "'Wu\n      han'",
        '"Wu\\u0068an"', "{a: b}", "[Woo Han,\n  Wu]",
    ],
)
def test_yaml_beyond_the_plain_subset_is_read_by_pyyaml(value):
    text = f"asrfix: 1\nentries:\n  - term: Wuhan\n    notes: {value}\n"
    assert yamlsubset.read(text) is None
    # Notes that are not a string are an error, as they should be.
    with mock.patch.object(lexicon_module.yaml, "compose", wraps=yaml.compose) as compose, contextlib.suppress(
        LexiconError
    ):
        parse_lexicon(text)
    assert compose.called


@pytest.mark.parametrize("text", ["asrfix: 1\non: 2\n", "asrfix: 1\nasrfix: 1\n", "asrfix: 1\n\tentries: []\n",
                                  "%YAML 1.1\n---\nasrfix: 1\n", "asrfix: 1\nentries:\n- a\n  - b\n"])
def test_the_fast_reader_declines_what_it_is_not_sure_of(text):
    assert yamlsubset.read(text) is None


# Lexicons with every kind of mistake, in the fast reader's subset: the fast way must give what the checked
# way gives, the same lexicon or the same error.
VALUES = {
    "term": ["Wuhan", "Hubei", "  ", "42", "yes", "'  '", "[Wuhan]", "'x: y'", "Uighur's", "'...'", "~"],
    "text": ["Woohan", "we han", "WE  HAN", "Wuhan", "weaker", "'  '", "3", "'-'", "'Woo-han'", "Zürich"],
    "bool": ["true", "no", "maybe", "~", "1"],
    "window": ["5", "0", "1001", "many", "~", "true"],
    "string": ["place", "  ", "'  '", "42", "[a]", "~", "person"],
}


@st.composite
def lexicons(draw: st.DrawFn) -> str:
    pick = lambda kind: draw(st.sampled_from(VALUES[kind]))  # noqa: E731
    lines = ["asrfix: " + draw(st.sampled_from(["1", "1", "1", "2", "one"]))]
    if draw(st.booleans()):
        lines.append("name: " + pick("string"))
    if draw(st.integers(0, 4)) == 0:
        lines.append("context_window: " + pick("window"))
    lines.append("entries:" + draw(st.sampled_from(["", "", " []", " ~"])))
    for _ in range(draw(st.integers(0, 4))):
        lines.append("  - term: " + pick("term"))
        if draw(st.booleans()):
            texts = [pick("text") for _ in range(draw(st.integers(0, 3)))]
            if draw(st.booleans()):
                lines.append(f"    misrecognitions: [{', '.join(texts)}]")
            else:
                lines.append("    misrecognitions:")
                for text in texts:
                    if draw(st.booleans()):
                        lines.append(f"      - text: {text}")
                        if draw(st.booleans()):
                            lines.append("        needs_context: " + pick("bool"))
                    else:
                        lines.append(f"      - {text}")
        for key, kind in (("category", "string"), ("context_window", "window"), ("inflect", "bool"),
                          ("phonetic", "bool"), ("notes", "string"), ("sounds_like", "flow"), ("context", "flow"),
                          ("misspellings", "string")):
            if draw(st.integers(0, 5)) == 0:
                value = f"[{pick('text')}, {pick('text')}]" if kind == "flow" else pick(kind)
                lines.append(f"    {key}: {value}")
        if draw(st.booleans()):
            lines.append("    examples:")
            for _ in range(draw(st.integers(1, 2))):
                fields = draw(st.lists(st.sampled_from(["input", "output"]), min_size=1, max_size=2))
                for number, field in enumerate(fields):
                    prefix = "      - " if number == 0 else "        "
                    lines.append(f"{prefix}{field}: {draw(st.sampled_from(['near Woohan', 'near Wuhan', '  ', '7']))}")
    return "\n".join(lines) + "\n"


def outcome(text: str) -> Any:
    try:
        lexicon = parse_lexicon(text)
    except LexiconError as error:
        return "error", str(error)
    return lexicon.name, lexicon.description, lexicon.entries


@settings(max_examples=300, deadline=None)
@given(lexicons())
def test_the_fast_path_gives_the_lexicon_or_the_error_of_the_checked_path(text):
    fast = outcome(text)
    with mock.patch.object(yamlsubset, "read", return_value=None):
        checked = outcome(text)
    assert fast == checked


def test_entries_made_by_the_fast_constructors_equal_those_made_by_init():
    mis = Misrecognition("we han", True, 7)
    example = Example("near we han", "near Wuhan", 9)
    fields = ("Wuhan", (mis,), ("woo hahn",), ("China",), 12, "place", False, True, (example,), "news", 5)
    entry = Entry(*fields)
    assert lexicon_module._make_entry(*fields) == entry
    assert lexicon_module._make_misrecognition("we han", True, 7) == mis
    assert lexicon_module._make_example("near we han", "near Wuhan", 9) == example
    assert pickle.loads(pickle.dumps(entry)) == entry


@given(st.text(alphabet="abcAÉé1_ '’-.\u0301İ", max_size=12))
def test_phrase_keys_are_the_tokenizers_words(text):
    assert phrase_key(text) == tuple(t.norm for t in tokenize(text))


# Large lexicons in the plainest shape are read a whole entry at a time (yamlsubset.entry_pattern), and built
# at once. Generated lexicons of that shape, written in varied ways, some beyond it or invalid: what the
# entry-at-a-time reader gives must be what the line-by-line reader (and so PyYAML) gives, or it declines.
PLAIN_VALUES = {
    "scalar": [
        "Wuhan", "we han", "red coat", "WE  HAN", "'we han'", '"Woo Han"', "Uighur's", "'it''s'", "Zürich", "北京",
        "Woo-han",
        "yes", "No", "'yes'", "null", "~", "42", "'42'", "a: b", "'a: b'", "a:b", "a #b", "C#", "-x", "x ", "[x]",
        "''", "'  '", "a, b", "y", "Off", "3 Gorges", "Hang Zhou", "'Wuhan'",
    ],
    "bool": ["true", "false", "No", "yes", "ON", "maybe", "1", "~"],
    "window": ["5", "1000", "12", "1001", "0", "007", "many"],
}
EXAMPLE_FIELDS = [["input"], ["input", "output"], ["input", "output"], ["output", "input"], ["output"], ["input"] * 2]
MISRECOGNITION_FIELDS = [["text"], ["text", "needs_context"], ["needs_context", "text"], ["needs_context"]]
PLAIN_KEYS = ["term", "category", "misrecognitions", "sounds_like", "context", "context_window", "inflect",
              "phonetic", "examples", "notes", "misspellings"]


@st.composite
def plain_lexicons(draw: st.DrawFn, uniform: bool = False) -> str:
    """Lexicons shaped as large ones are: a list of entries of one-line values and lists; if ``uniform``, mostly
    with the same keys in the same order in every entry, as a script writes them."""
    def pick(kind: str) -> str:  # mostly values a lexicon would have; sometimes any of the others
        values = PLAIN_VALUES[kind]
        return draw(st.sampled_from(values[:4] if draw(st.integers(0, 3)) else values))

    dash = " " * draw(st.sampled_from([0, 2, 2, 4]))
    keys = dash + "  "
    lines = ["asrfix: 1", "name: plain"]
    if draw(st.booleans()):
        lines.append("context_window: " + draw(st.sampled_from(["5", "20"])))
    lines.append("entries:")
    same_names: list[str] = []
    for number in range(draw(st.integers(1, 4))):
        names = ["term", *draw(st.lists(st.sampled_from(PLAIN_KEYS[1:-1]), max_size=5, unique=True))]
        if draw(st.integers(0, 5)) == 0:  # a key twice, or one unknown
            names.append(draw(st.sampled_from(PLAIN_KEYS)))
        names = draw(st.permutations(names))
        if uniform and (not same_names or draw(st.integers(0, 9))):
            names = same_names = same_names or names
        for key_number, key in enumerate(names):
            prefix = dash + "- " if key_number == 0 else keys
            if key in ("misrecognitions", "sounds_like", "context", "examples"):
                forms = ["flow", "block", "block", "null"] if key != "examples" else ["block", "null"]
                form = draw(st.sampled_from(forms))
                if form == "flow":
                    items = [pick("scalar") for _ in range(draw(st.integers(0, 3)))]
                    lines.append(f"{prefix}{key}: [{', '.join(items)}]")
                    continue
                lines.append(f"{prefix}{key}:")
                if form == "null":
                    continue
                under = keys + draw(st.sampled_from(["", "  "]))
                for _ in range(draw(st.integers(1, 3))):
                    if key == "examples":
                        fields = draw(st.sampled_from(EXAMPLE_FIELDS))
                    elif key == "misrecognitions" and draw(st.booleans()):
                        fields = draw(st.sampled_from(MISRECOGNITION_FIELDS))
                    else:
                        lines.append(f"{under}- {pick('scalar')}")
                        continue
                    for field_number, field in enumerate(fields):
                        value = pick("bool") if field == "needs_context" else pick("scalar")
                        lines.append(f"{under}{'- ' if field_number == 0 else '  '}{field}: {value}")
            elif key == "term" and draw(st.integers(0, 3)):
                term = draw(st.sampled_from([f"Term {number}", f"'Wu {number}'", f"Ü{number}"]))
                lines.append(f"{prefix}term: {term}")
            else:
                kind = {"inflect": "bool", "phonetic": "bool", "context_window": "window"}.get(key, "scalar")
                lines.append(f"{prefix}{key}: {pick(kind)}")
        if draw(st.integers(0, 6)) == 0:  # a blank line between entries, or something else
            lines.append(draw(st.sampled_from(["", "", keys + "# a comment", keys + "  deeper", dash + "x: y"])))
    text = "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))
    return text.replace("\n", "\r\n") if draw(st.integers(0, 5)) == 0 else text


def read_line_by_line(text: str) -> Any:
    with mock.patch.object(lexicon_module, "_read_plain", return_value=None):
        return outcome(text)


@settings(max_examples=400, deadline=None)
@given(plain_lexicons(), st.sampled_from([1, 2, 3, 4096]))
def test_a_lexicon_read_an_entry_at_a_time_is_the_one_read_line_by_line(text, batch):
    with mock.patch.object(lexicon_module, "_BATCH", batch):  # entries are read in batches of this many
        lexicon = lexicon_module._read_plain(text, None, None)
    if lexicon is not None:
        assert (lexicon.name, lexicon.description, lexicon.entries) == read_line_by_line(text)
        assert misrecognition_keys(lexicon) == keys_of(lexicon)


@settings(max_examples=300, deadline=None)
@given(plain_lexicons(uniform=True), st.sampled_from([1, 40, 1 << 18]))
def test_entries_with_the_same_keys_are_read_as_the_entry_at_a_time_reader_reads_them(text, chunk):
    # Entries with the same keys in the same order are read by a simpler pattern that takes the values as
    # written, and checks them afterwards (in parts of about ``chunk`` characters): what it reads must be what
    # the entry-at-a-time reader reads, and so what the line-by-line reader reads.
    with mock.patch.object(lexicon_module, "_CHUNK", chunk):
        lexicon = lexicon_module._read_plain(text, None, None)
    def none_read(text: str, start: int, end: int, line: int, *_: Any) -> tuple[list[Any], int, int]:
        return [], start, line

    with mock.patch.object(lexicon_module, "_uniform_parts", none_read):
        entry_at_a_time = lexicon_module._read_plain(text, None, None)
    if lexicon is not None:
        assert entry_at_a_time is not None
        assert (lexicon.name, lexicon.description, lexicon.entries) == read_line_by_line(text)
        assert (lexicon.entries, misrecognition_keys(lexicon)) == (entry_at_a_time.entries, keys_of(lexicon))


def keys_of(lexicon: asrfix.Lexicon) -> list[tuple[str, ...]]:
    return [phrase_key(mis.text) for entry in lexicon.entries for mis in entry.misrecognitions]


@settings(max_examples=200, deadline=None)
@given(lexicons())
def test_the_entry_at_a_time_reader_declines_what_the_checked_path_rejects(text):
    lexicon = lexicon_module._read_plain(text, None, None)
    if lexicon is not None:
        assert (lexicon.name, lexicon.description, lexicon.entries) == read_line_by_line(text)


def dumped(entries: list[dict[str, Any]]) -> str:
    return yaml.safe_dump({"asrfix": 1, "name": "dumped", "entries": entries}, allow_unicode=True)


@pytest.mark.parametrize(
    "text",
    [
        PLAIN_LEXICON.replace("  # a comment line, then a blank one\n\n", "")
        .replace("   # a comment after a value", "")
        .replace("[China, Hubei,\n              virus]", "[China, Hubei, virus]"),
        # As yaml.safe_dump writes lexicons: keys sorted, lists at their key's indentation, quotes where needed.
        dumped(
            [
                {"term": "Wuhan", "misrecognitions": ["Will Han", {"text": "we han", "needs_context": True}],
                 "examples": [{"input": "near Will Han", "output": "near Wuhan"}, {"input": "yes"}],
                 "context": ["China", "Hubei"], "inflect": False, "context_window": 12, "category": "place"},
                {"term": "Ürümqi", "misrecognitions": ["oo room chee", "a: b", "no"], "sounds_like": ["oo room chee"]},
            ]
        ),
        "asrfix: 1\nentries:\n- term: Wuhan\n  misrecognitions: ['we han', \"woo han\", it's]\n\n- term: Hubei\n",
    ],
)
def test_plain_lexicons_are_read_an_entry_at_a_time(text):
    lexicon = lexicon_module._read_plain(text, None, None)
    assert lexicon is not None, "the entry-at-a-time reader declined a plain lexicon"
    assert (lexicon.name, lexicon.description, lexicon.entries) == read_line_by_line(text)


@pytest.mark.parametrize(
    "text",
    [
        "asrfix: 1\nentries:\n"
        + "".join(
            f"  - term: Term{i}\n    category: test\n    misrecognitions: [tee {i}, 'term {i} x']\n    examples:\n"
            f"      - input: said tee {i}\n        output: said Term{i}\n\n"
            for i in range(30)
        ),
        dumped(
            [
                {"term": f"Ürümqi {i}", "misrecognitions": [f"oo room {i}", {"text": "a b", "needs_context": True}],
                 "sounds_like": ["oo room chee"], "examples": [{"input": f"said no, {i}"}], "inflect": i % 2 == 0}
                for i in range(30)
            ]
        ),
    ],
)
def test_entries_with_the_same_keys_are_read_by_one_simpler_pattern(text):
    with mock.patch.object(yamlsubset, "entry_pattern", side_effect=AssertionError("read entry by entry")):
        lexicon = lexicon_module._read_plain(text, None, None)
    assert lexicon is not None, "the reader of entries with the same keys declined a plain lexicon"
    assert (lexicon.name, lexicon.description, lexicon.entries) == read_line_by_line(text)


UNIFORM_ENTRY = (
    "  - term: {term}\n    category: {category}\n    misrecognitions: [we han, {form}]\n    sounds_like:\n"
    "      - {sound}\n    examples:\n      - input: {input}\n        output: {output}\n"
)


@pytest.mark.parametrize("key", ["term", "category", "form", "sound", "input", "output"])
@pytest.mark.parametrize(
    "value",
    ["yes", "No", "42", "a: b", "x #c", "-x", "'unclosed", "no, thanks", "[x]", "x ", "''", "'it''s'", "Zürich",
     "a  b"],
)
def test_entries_with_the_same_keys_are_read_as_yaml_reads_each_value(key, value):
    values = {"term": "Wuhan", "category": "place", "form": "woo han", "sound": "woo", "input": "a", "output": "b"}
    entries = [UNIFORM_ENTRY.format(**{**values, "term": f"Term{i}"}) for i in range(3)]
    entries[1] = UNIFORM_ENTRY.format(**{**values, key: value})
    text = "asrfix: 1\nentries:\n" + "".join(entries)
    lexicon = lexicon_module._read_plain(text, None, None)
    line_by_line = read_line_by_line(text)
    if line_by_line[0] == "error":
        assert lexicon is None
    elif lexicon is not None:
        assert (lexicon.name, lexicon.description, lexicon.entries) == line_by_line


@pytest.mark.parametrize(
    "entry",
    [
        "- term: Wuhan\n    term: Hubei",  # a key twice
        "- term: Wuhan\n\n    category: place",  # a blank line inside an entry
        "- term: Wuhan\n    # a comment",
        "- term: Wuhan\n    category: place ",  # a space after a value
        "- term: Wuhan\n      Hubei",  # a value over two lines
        "- term: Wuhan\n    misspellings: [x]",  # an unknown key
        "- term: Wuhan\n    misrecognitions:\n      - a\n    - b",  # items not at one indentation
        # Mistakes the checked path names: a form listed twice (in any case), a form that is the term.
        "- term: Wuhan\n    misrecognitions: [we han, We Han]",
        "- term: Wuhan\n    misrecognitions: [we han, woo, WE HAN]",
        "- term: Wuhan\n    misrecognitions: [woo, Wuhan]",
    ],
)
def test_the_entry_at_a_time_reader_declines_what_it_is_not_sure_of(entry):
    assert lexicon_module._read_plain(f"asrfix: 1\nentries:\n  {entry}\n", None, None) is None


def test_a_large_plain_lexicon_loads_without_the_line_by_line_reader(tmp_path, monkeypatch):
    monkeypatch.setenv("ASRFIX_CACHE_DIR", "")
    path = tmp_path / "big.yaml"
    entries = "".join(
        f"  - term: Term{i}\n    misrecognitions: [tee {i}, term {i} x]\n    examples:\n"
        f"      - input: said tee {i}\n        output: said Term{i}\n"
        for i in range(3000)
    )
    path.write_text(f"asrfix: 1\nname: big\nentries:\n{entries}", encoding="utf-8")
    with mock.patch.object(yamlsubset, "_read", wraps=yamlsubset._read) as line_by_line:
        lexicon = asrfix.load_lexicon(path)
    assert all("term:" not in call.args[0] for call in line_by_line.call_args_list)  # the top-level keys only
    assert len(lexicon) == 3000 and lexicon.entries[-1].line == 3 + 2999 * 5 + 1
    assert [(m.text, m.line) for m in lexicon.entries[1].misrecognitions] == [("tee 1", 10), ("term 1 x", 10)]


def test_the_phrase_keys_of_the_misrecognitions_are_kept_with_the_lexicon_and_in_its_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("ASRFIX_CACHE_DIR", str(cache))
    monkeypatch.setattr(lexicon_module, "CACHE_MIN_BYTES", 0)
    path = tmp_path / "plain.yaml"
    path.write_text(
        "asrfix: 1\nentries:\n  - term: Wuhan\n    misrecognitions: [Woo-han, WE  HAN, it's, Zürich]\n"
        "  - term: Hubei\n    misrecognitions:\n      - who bay\n      - text: Hoo Bay\n", encoding="utf-8"
    )
    first = asrfix.load_lexicon(path)
    assert list(cache.glob("*.marshal")), "no cache was written"
    cached = asrfix.load_lexicon(path)
    checked = parse_lexicon(PLAIN_LEXICON)  # line by line
    merged = lexicon_module.merge_lexicons([cached, checked])
    assert misrecognition_keys(first)[:2] == [("woo", "han"), ("we", "han")]
    for lexicon in (first, cached, checked, merged):
        assert misrecognition_keys(lexicon) == keys_of(lexicon)
