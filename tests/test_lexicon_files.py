"""Lexicons: loading by name and path, merging, and a clear error for every kind of bad file."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import asrfix
from asrfix import LexiconError, load_lexicon, merge_lexicons
from asrfix.lexicon import parse_lexicon

GOOD = """\
asrfix: 1
name: tiny
entries:
  - term: Wuhan
    category: place
    misrecognitions:
      - Woohan
      - text: we han
        needs_context: true
    sounds_like: [woo hahn]
    context: [China]
    examples:
      - input: near Woohan
        output: near Wuhan
      - input: Will Hancock said
"""


def test_a_good_lexicon_loads_into_entries(write_lexicon):
    lexicon = load_lexicon(write_lexicon(GOOD))
    assert lexicon.name == "tiny"
    (entry,) = lexicon.entries
    assert entry.term == "Wuhan" and entry.category == "place" and entry.line == 4
    assert [(m.text, m.needs_context) for m in entry.misrecognitions] == [("Woohan", False), ("we han", True)]
    assert entry.sounds_like == ("woo hahn",)
    assert entry.examples[0].output == "near Wuhan"
    assert entry.examples[1].unchanged


def test_common_words_as_misrecognitions_need_context_unless_told_otherwise(write_lexicon):
    lexicon = load_lexicon(write_lexicon(
        "asrfix: 1\nentries:\n  - term: Uyghur\n    misrecognitions: [weaker, Uighur]\n"
        "  - term: red code\n    misrecognitions:\n      - text: red coat\n        needs_context: false\n"
    ))
    guards = {m.text: m.needs_context for e in lexicon.entries for m in e.misrecognitions}
    assert guards == {"weaker": True, "Uighur": False, "red coat": False}


def test_shipped_lexicon_loads_by_name_from_any_directory(tmp_path):
    code = "import asrfix; print(asrfix.correct('near Will Han', lexicons=['china-news']).text)"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "near Wuhan"


def test_lexicon_by_path_and_from_the_lexicon_path_variable(write_lexicon, monkeypatch):
    path = write_lexicon(GOOD, name="mine")
    assert asrfix.correct("near Woohan", lexicons=[str(path)]).text == "near Wuhan"
    monkeypatch.setenv("ASRFIX_LEXICON_PATH", str(path.parent))
    assert asrfix.correct("near Woohan", lexicons=["mine"]).text == "near Wuhan"


def test_unknown_name_lists_the_choices():
    with pytest.raises(LexiconError, match=r"unknown lexicon 'nope'.*china-news"):
        load_lexicon("nope")


def test_missing_file_is_named(tmp_path):
    with pytest.raises(LexiconError, match=r"missing\.yaml: no such lexicon file"):
        load_lexicon(tmp_path / "missing.yaml")


BAD_CASES = {
    "yaml syntax": ("asrfix: 1\nentries:\n  - term: [Wuhan\n", 4, "YAML syntax error"),
    "unknown key": ("asrfix: 1\nentries:\n  - term: Wuhan\n    misspellings: [Woohan]\n", 4,
                    "unknown key 'misspellings'"),
    "wrong type": ("asrfix: 1\nentries:\n  - term: Wuhan\n    context_window: many\n", 4, "must be a whole number"),
    "list expected": ("asrfix: 1\nentries:\n  - term: Wuhan\n    misrecognitions: Woohan\n", 4, "must be a list"),
    "empty string": ("asrfix: 1\nentries:\n  - term: Wuhan\n    misrecognitions: ['  ']\n", 4, "must not be empty"),
    "number as term": ("asrfix: 1\nentries:\n  - term: 42\n", 3, "'term' must be a string"),
    "no term": ("asrfix: 1\nentries:\n  - category: place\n", 3, "has no 'term:'"),
    "duplicate entry": ("asrfix: 1\nentries:\n  - term: Wuhan\n  - term: Hubei\n  - term: Wuhan\n", 5,
                        "duplicate entry: 'Wuhan' is already defined at line 3"),
    "duplicate misrecognition": ("asrfix: 1\nentries:\n  - term: Wuhan\n    misrecognitions: [Woohan, WOOHAN]\n",
                                 4, "listed twice"),
    "duplicate key": ("asrfix: 1\nentries:\n  - term: Wuhan\n    term: Hubei\n", 4, "appears twice"),
    "no version": ("entries: []\n", 1, "missing 'asrfix: 1'"),
    "future version": ("asrfix: 2\nentries: []\n", 1, "schema version 2 is not supported"),
    "bad example": ("asrfix: 1\nentries:\n  - term: Wuhan\n    examples:\n      - output: Wuhan\n", 5,
                    "needs 'input:'"),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_lexicons_get_an_error_naming_file_line_and_fix(case, write_lexicon):
    text, line, message = BAD_CASES[case]
    path = write_lexicon(text)
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    error = info.value
    assert error.path == path
    assert error.line == line, str(error)
    assert message in str(error)
    assert str(error).startswith(f"{path}:{line}")


def test_errors_inside_an_entry_name_the_entry(write_lexicon):
    path = write_lexicon("asrfix: 1\nentries:\n  - term: Wuhan\n    sounds_like: [3]\n")
    with pytest.raises(LexiconError, match=r"test.yaml:4:19: entry 'Wuhan': each item of 'sounds_like'"):
        load_lexicon(path)
    path = write_lexicon("asrfix: 1\nentries:\n  - term: Wuhan\n  - sound_like: [x]\n    term: Hubei\n")
    with pytest.raises(LexiconError, match=r"test.yaml:4:5: entry 'Hubei': unknown key 'sound_like'"):
        load_lexicon(path)


def test_non_utf8_file_is_reported_with_its_line(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("asrfix: 1\nentries:\n  - term: Zürich\n".encode("latin-1"))
    with pytest.raises(LexiconError, match=r"latin1.yaml:3: the file is not UTF-8.*save it as UTF-8"):
        load_lexicon(path)


def test_empty_file_is_reported(write_lexicon):
    with pytest.raises(LexiconError, match="the lexicon is empty"):
        load_lexicon(write_lexicon(""))


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert load_lexicon(path).entries[0].term == "Wuhan"


def test_merging_reports_a_misrecognition_claimed_by_two_terms():
    a = parse_lexicon("asrfix: 1\nname: a\nentries:\n  - term: Wuhan\n    misrecognitions: [Woohan]\n")
    b = parse_lexicon("asrfix: 1\nname: b\nentries:\n  - term: Hunan\n    misrecognitions: [woohan]\n"
                      "  - term: Hangzhou\n    misrecognitions: [Hang Zhou]\n")
    merged = merge_lexicons([a, b])
    assert len(merged.entries) == 3
    (conflict,) = merged.conflicts
    assert conflict.terms == ("Wuhan", "Hunan") and conflict.lexicons == ("a", "b")
    result = asrfix.correct("near Woohan and Hang Zhou", lexicons=[a, b])
    # The conflicted misrecognition is reported and left alone; the rest still applies.
    assert result.text == "near Woohan and Hangzhou"
    assert any("'Woohan' is claimed by 'Wuhan' (a), 'Hunan' (b)" in w for w in result.warnings)


def test_an_edited_lexicon_file_is_read_again(write_lexicon):
    path = write_lexicon(GOOD)
    assert asrfix.correct("near Woohan", lexicons=[path]).text == "near Wuhan"
    path.write_text(GOOD.replace("Woohan", "Wuhhan"), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different modification time, whatever the clock's resolution
    assert asrfix.correct("near Wuhhan", lexicons=[path]).text == "near Wuhan"


def test_every_shipped_lexicon_example_holds():
    failures = []
    for name, path in asrfix.list_lexicons().items():
        for entry in load_lexicon(path).entries:
            for example in entry.examples:
                got = asrfix.correct(example.input, lexicons=[name]).text
                if got != example.output:
                    failures.append(f"{Path(path).name}:{example.line}: {example.input!r} -> {got!r}, "
                                    f"expected {example.output!r}")
    assert not failures, "\n".join(failures)


def test_large_lexicons_are_cached_by_content(write_lexicon, tmp_path, monkeypatch):
    from asrfix import lexicon as lexicon_module

    cache = tmp_path / "cache"
    monkeypatch.setenv("ASRFIX_CACHE_DIR", str(cache))
    monkeypatch.setattr(lexicon_module, "CACHE_MIN_BYTES", 0)
    path = write_lexicon(GOOD)
    first = load_lexicon(path)
    (cached,) = cache.glob("*.marshal")
    again = load_lexicon(path)
    assert again.entries == first.entries and again.path == path
    # An edited file is a new key; a damaged cache file (or one cut short, or empty) is only a slower load.
    path.write_text(GOOD.replace("Woohan", "Wuhhan"), encoding="utf-8")
    assert load_lexicon(path).entries[0].misrecognitions[0].text == "Wuhhan"
    path.write_text(GOOD, encoding="utf-8")
    written = cached.read_bytes()
    for damaged in (b"damaged", written[: len(written) // 2], written[:-1], b""):
        cached.write_bytes(damaged)
        assert load_lexicon(path).entries == first.entries


def test_the_cache_can_be_turned_off(write_lexicon, tmp_path, monkeypatch):
    from asrfix import lexicon as lexicon_module

    monkeypatch.setenv("ASRFIX_CACHE_DIR", "")
    monkeypatch.setattr(lexicon_module, "CACHE_MIN_BYTES", 0)
    assert load_lexicon(write_lexicon(GOOD)).entries[0].term == "Wuhan"
    assert lexicon_module.cache_dir() is None
