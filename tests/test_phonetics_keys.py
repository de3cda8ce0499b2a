"""Sound keys worked out many at a time are the keys worked out one at a time."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import top_n_list

from asrfix import load_lexicon
from asrfix.correctors import phonetic
from asrfix.lexicon import Entry, Lexicon
from asrfix.phonetics import phrase_words, sound_key, word_key, word_keys

# Words of letters and apostrophes, with the endings and short shapes the rules look at ("-ed", "-es", "-re",
# a final "e"), and the odd ones: an apostrophe alone, one letter, capitals.
_WORDS = st.lists(
    st.from_regex(r"\A[a-zA-Z']{0,4}(ed|es|re|e|ng|gh|ough|)\Z") | st.sampled_from(["'", "x", "A", "e'", "re", "es"]),
    max_size=30,
)


@given(_WORDS)
@settings(max_examples=300, deadline=None)
def test_word_keys_are_word_key_one_by_one(words: list[str]) -> None:
    assert word_keys(words) == [word_key(word) for word in words]


def test_word_keys_of_english_and_of_the_shipped_lexicon() -> None:
    lexicon = load_lexicon("china-news")
    words = top_n_list("en", 20_000) + [
        w for e in lexicon.entries for p in (e.term, *e.sounds_like) for w in phrase_words(p)
    ]
    assert word_keys(words) == [word_key(word) for word in words]


def test_a_large_lexicon_sounds_the_same_as_a_small_one(monkeypatch: pytest.MonkeyPatch) -> None:
    # From _KEYS_AT_ONCE terms on, the index works out its keys all at once; a term's forms are the same.
    words = [word for word in top_n_list("en", 3_000)[500:] if word.isalpha()]
    lexicon = Lexicon("words", tuple(Entry(word.capitalize(), (), lexicon="words") for word in words))
    assert len(lexicon.entries) >= phonetic._KEYS_AT_ONCE
    at_once = phonetic._make_index(lexicon)
    monkeypatch.setattr(phonetic, "_KEYS_AT_ONCE", len(words) + 1)
    one_by_one = phonetic._make_index(lexicon)
    assert [(f.entry.term, f.key) for f in at_once.forms] == [(f.entry.term, f.key) for f in one_by_one.forms]
    assert [f.key for f in at_once.forms] == [sound_key(word) for word in words if sound_key(word)]
