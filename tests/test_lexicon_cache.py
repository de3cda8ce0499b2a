"""A large lexicon is read once: later loads of the same file come from a cache, and the lexicon corrector
builds its index from what an earlier process kept next to it (only the automaton is built again)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
from typing import Any
from unittest import mock

import pytest

import asrfix
from asrfix import lexicon as lexicon_module
from asrfix.correctors import lexicon as corrector_module

LEXICON = """\
asrfix: 1
name: cached
entries:
  - term: Uyghur
    misrecognitions: [Uighur, weaker, we gore]
    context: [Xinjiang, camps]
  - term: Uyghurs
    misrecognitions: [Uighurs]
  - term: Wuhan
    misrecognitions: [Will Han, woo han, Wu-han]
    inflect: false
  - term: Red Code
    misrecognitions:
      - red coat
      - text: red codes
        needs_context: true
    context: [health, app]
  - term: Ürümqi
    misrecognitions: [oo room chee, Urumqi]
  - term: Hangzhou
    misrecognitions: [Hang Zhou, hang jos]
"""
TEXT = (
    "The weaker people in the camps of Xinjiang, Uighurs and an Uighur's family. A weaker economy.\n"
    "Will Han and Wu-han and woo hans; the red coat of the health app, red codes. Urumqi, hang jos, Hang Zhou."
)


@pytest.fixture
def cached_file(tmp_path, monkeypatch):
    monkeypatch.setenv("ASRFIX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(lexicon_module, "CACHE_MIN_BYTES", 0)  # cache this small lexicon as a large one
    path = tmp_path / "cached.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return path


def index_of(lexicon: asrfix.Lexicon) -> Any:
    return lexicon.derived("lexicon-corrector", corrector_module._build_index)


def described(index: Any) -> Any:
    """Everything of the index but the automaton (which is built from the variants' trigger words)."""
    return [
        [(v.words, v.trigger, v.entry, v.misrecognition, v.endings, v.context) for v in index.bucket(number)]
        for number in range(len(index.starts) - 1)
    ]


def corrected(lexicon: asrfix.Lexicon) -> Any:
    result = asrfix.correct(TEXT, lexicons=[lexicon], correctors=["lexicon"])
    return result.text, [(c.start, c.end, c.after, c.confidence, c.reason) for c in result.changes]


def test_a_later_load_builds_the_index_from_what_the_first_kept(cached_file):
    first = asrfix.load_lexicon(cached_file)
    built = index_of(first)
    later = asrfix.load_lexicon(cached_file)  # from the cache, as a later process would
    assert later.entries == first.entries
    with mock.patch.object(corrector_module, "_forms", side_effect=AssertionError("built again")):
        from_cache = index_of(later)
    assert described(from_cache) == described(built)
    assert corrected(later) == corrected(first)
    assert corrected(first)[0] != TEXT  # the text has something to correct


def test_a_lexicon_sent_to_another_process_still_finds_what_was_kept(cached_file):
    first = asrfix.load_lexicon(cached_file)
    index_of(first)
    sent = pickle.loads(pickle.dumps(first))
    with mock.patch.object(corrector_module, "_forms", side_effect=AssertionError("built again")):
        assert described(index_of(sent)) == described(index_of(first))


def test_damaged_or_stale_kept_data_is_only_a_slower_start(cached_file, tmp_path):
    first = asrfix.load_lexicon(cached_file)
    expected = described(index_of(first))
    for kept in (tmp_path / "cache").glob("*.*.pickle"):
        kept.write_bytes(pickle.dumps(("not", "the variants")))
    assert described(index_of(asrfix.load_lexicon(cached_file))) == expected
    for kept in (tmp_path / "cache").glob("*.*.pickle"):
        kept.write_bytes(b"\x80 damaged")
    assert described(index_of(asrfix.load_lexicon(cached_file))) == expected
    # An edited lexicon is another file: nothing kept for the old one applies to it.
    cached_file.write_text(LEXICON.replace("we gore", "we gora"), encoding="utf-8")
    edited = asrfix.load_lexicon(cached_file)
    forms = {variant[0] for bucket in described(index_of(edited)) for variant in bucket}
    assert ("we", "gora") in forms and ("we", "gore") not in forms


def test_lexicons_without_a_cache_keep_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("ASRFIX_CACHE_DIR", "")
    path = tmp_path / "small.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    lexicon = asrfix.load_lexicon(path)
    lexicon_module.keep(lexicon, "anything", lambda: [1, 2])
    assert lexicon_module.kept(lexicon, "anything") is None
    assert corrected(lexicon)[0] != TEXT


def test_cache_files_unused_for_a_month_are_removed_when_a_new_one_is_written(cached_file, tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    month_ago = time.time() - 31 * 86400
    old, old_kept, recent = folder / "0ld.marshal", folder / "0ld.abc.pickle", folder / "recent.marshal"
    leftover, older_format = folder / "tmp123.tmp", folder / "01d.pickle"  # as asrfix wrote them before
    for file in (old, old_kept, recent, leftover, older_format):
        file.write_bytes(b"x")
    for file in (old, old_kept, leftover, older_format):
        os.utime(file, (month_ago, month_ago))

    asrfix.load_lexicon(cached_file)  # a first load: writes its cache file, and prunes

    names = sorted(p.name for p in folder.iterdir())
    assert not {"0ld.marshal", "0ld.abc.pickle", "tmp123.tmp", "01d.pickle"} & set(names)
    assert "recent.marshal" in names and len(names) == 2  # the recent file and the new cache


def test_a_cache_file_in_use_is_kept_however_old(cached_file, tmp_path):
    asrfix.load_lexicon(cached_file)
    (cache,) = (tmp_path / "cache").iterdir()
    month_ago = time.time() - 31 * 86400
    os.utime(cache, (month_ago, month_ago))
    asrfix.load_lexicon(cached_file)  # read from the cache: marks it used
    other = tmp_path / "other.yaml"
    other.write_text(LEXICON.replace("name: cached", "name: other"), encoding="utf-8")
    asrfix.load_lexicon(other)  # writes a second cache file, and prunes
    assert cache.exists() and len(list((tmp_path / "cache").iterdir())) == 2


FREQUENCIES_SCRIPT = """
import sys
import asrfix
result = asrfix.correct("He stayed near Will Han with the weaker people in the camps.", lexicons=["china-news"])
from asrfix.lexicon import zipf
print(result.text)
print("wordfreq" in sys.modules, zipf("the"), zipf("camps"), zipf("uyghur"))
"""


def _run_in_a_new_process(cache: str) -> list[str]:
    """The corrected text, whether wordfreq was imported, three words' Zipf frequencies."""
    env = {**os.environ, "ASRFIX_CACHE_DIR": cache}
    command = [sys.executable, "-c", FREQUENCIES_SCRIPT]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    text, facts = out.stdout.splitlines()
    return [text, *facts.split()]


def test_english_word_frequencies_are_kept_so_a_later_process_starts_without_wordfreq(tmp_path):
    cache = tmp_path / "cache"
    first = _run_in_a_new_process(str(cache))
    assert first[0] == "He stayed near Wuhan with the Uyghur people in the camps."
    assert first[1] == "True"  # read from wordfreq, then kept
    [kept] = cache.glob("english-frequencies-*.pickle")
    later = _run_in_a_new_process(str(cache))
    assert later[1] == "False"  # wordfreq was not even imported
    assert later[0] == first[0] and later[2:] == first[2:]  # the same correction, the same frequencies
    # A damaged copy is read from wordfreq again, and written anew.
    kept.write_bytes(b"not a pickle")
    again = _run_in_a_new_process(str(cache))
    assert again[1] == "True" and again[2:] == first[2:]
    assert _run_in_a_new_process(str(cache))[1] == "False"
    # With the cache off, nothing is kept.
    assert _run_in_a_new_process("")[1] == "True"
