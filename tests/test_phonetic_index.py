"""The phonetic corrector's index finds every term within one sound of a span, however large the lexicon.

Its look-ups are shortcuts (deletion keys, and a filter on the thirds of a key that skips look-ups bound to find
nothing); these tests hold them to the plain definition: every term whose coarse key is one edit (or none) from
the span's, and sounds alike enough, found by comparing the span with every term.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from asrfix import Entry, Lexicon, tokenize
from asrfix.correctors import Context, phonetic
from asrfix.correctors.phonetic import PhoneticCorrector, _build_index, _sounding
from asrfix.phonetics import coarse_key, sound_similarity, word_key

SYLLABLES = (
    "ka", "ta", "ri", "mo", "nu", "bel", "dar", "fen", "gis", "han", "jo", "kel", "lum", "mor", "nash", "pol",
    "quin", "ros", "sef", "tov", "ur", "vak", "wil", "yen", "zo",
)  # fmt: skip


def pseudo_words(count: int, seed: int) -> list[str]:
    """Made-up words of one to four syllables: a dense lexicon, many of whose keys are one sound apart."""
    rng = random.Random(seed)
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(count)]


def within_one_sound(query: str, term: str) -> bool:
    """The index's definition: the same coarse key; one sound more (query of 3+ sounds, term of 4+); one sound
    less or one sound different (query of 4+ sounds)."""
    m, n = len(query), len(term)
    if query == term:
        return True
    if Levenshtein.distance(query, term) != 1:
        return False
    return (n == m + 1 and m >= 3 and n >= 4) or (n == m - 1 and m >= 4) or (n == m and m >= 4)


def test_every_term_within_one_sound_is_found_in_a_large_lexicon() -> None:
    terms = sorted(set(pseudo_words(4000, seed=1)))
    index = _build_index(Lexicon("made-up", tuple(Entry(term=t, lexicon="made-up") for t in terms)))
    forms = index.forms
    pairs = zip(pseudo_words(100, seed=3), pseudo_words(100, seed=4), strict=True)
    queries = pseudo_words(300, seed=2) + [a + b for a, b in pairs]
    checked = 0
    for word in queries:
        key = word_key(word)
        coarse = coarse_key(key)
        sounding = _sounding(key, coarse, index.by_coarse, index.parts, 0.72)
        found = {(form.entry.term, round(sound, 9)) for form, sound in sounding}
        expected = {
            (form.entry.term, round(sound_similarity(key, form.key), 9))
            for form in forms
            if within_one_sound(coarse, form.coarse) and sound_similarity(key, form.key) >= 0.72
        }
        assert found == expected, word
        checked += bool(expected)
    assert checked > 50  # many spans do have terms one sound away: the comparison is not vacuous


def test_a_higher_sound_floor_finds_exactly_the_terms_that_sound_that_alike() -> None:
    """Asked for a closer sound (a span's floor), the look-up skips the keys one sound away that cannot sound that
    alike (their own key differs too); what it returns is still every term within one sound above the floor."""
    terms = sorted(set(pseudo_words(4000, seed=1)))
    index = _build_index(Lexicon("made-up", tuple(Entry(term=t, lexicon="made-up") for t in terms)))
    forms = index.forms
    pairs = zip(pseudo_words(100, seed=6), pseudo_words(100, seed=7), strict=True)
    queries = pseudo_words(300, seed=5) + [a + b for a, b in pairs]
    one_sound_away = 0
    for word in queries:
        key = word_key(word)
        coarse = coarse_key(key)
        near = [
            (form.entry.term, round(sound_similarity(key, form.key), 9), form.coarse != coarse)
            for form in forms
            if within_one_sound(coarse, form.coarse)
        ]
        for floor in (0.7654, 0.8012, 0.8234, 0.8456, 0.8678, 0.889, 0.9123, 0.9345):  # (no sound exactly at one)
            found = {(form.entry.term, round(sound, 9)) for form, sound in _sounding(key, coarse, index.by_coarse,
                                                                                    index.parts, floor)}
            assert found == {(term, sound) for term, sound, _ in near if sound >= floor}, (word, floor)
            one_sound_away += any(sound >= floor and other for _, sound, other in near)
    assert one_sound_away > 100  # terms one sound away above these floors are found: the comparison is not vacuous


def librispeech() -> tuple[list[str], list[str]]:
    """Recogniser output of the first 600 LibriSpeech benchmark utterances, and every biasing-list word."""
    data = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "librispeech-biasing"
    with open(data / "test-clean.rnnt_baseline.tsv", encoding="utf-8", newline="") as f:
        hyps = [row["hyp"] for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)][:600]
    with open(data / "test-clean.biasing.tsv", encoding="utf-8", newline="") as f:
        words = {w for row in csv.DictReader(f, delimiter="\t") for w in json.loads(row["biasing_list_100"])}
    return hyps, sorted(words)


@pytest.mark.parametrize("context", [False, True], ids=["bare terms", "terms with context"])
def test_the_sound_floor_changes_no_proposal(context: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """A span of common words needs a closer sound to be proposed, so only the forms that sound close enough
    are looked up and scored (phonetic._floor): the proposals are exactly those of scoring every form above
    min_similarity, on recogniser output with a lexicon of 5,000 of the benchmark's rare words."""
    hyps, vocabulary = librispeech()
    terms = random.Random(0).sample(vocabulary, 5000)
    said = ("said",) if context else ()  # a context word found near many spans
    lexicon = Lexicon("words", tuple(Entry(term=t, lexicon="words", context=said * (k % 3 == 0))
                                     for k, t in enumerate(terms)))  # fmt: skip
    text = " ".join(hyps)

    def proposals() -> list[tuple[int, int, str, float, str]]:
        found = PhoneticCorrector().propose(text, tokenize(text), Context(lexicon=lexicon))
        return sorted((c.start, c.end, c.after, c.confidence, c.reason) for c in found)

    with_floor = proposals()
    monkeypatch.setattr(phonetic, "_floor", lambda index, commonness, n_words, short, min_sim, spelling: min_sim)
    assert with_floor == proposals()
    assert len(with_floor) > 100  # the comparison is not vacuous


@settings(max_examples=300, deadline=None)
@given(
    st.floats(0.0, 8.0), st.integers(1, 4), st.booleans(), st.integers(1, 200_000), st.booleans(), st.floats(0, 8),
    st.floats(0.0, 1.0), st.sampled_from([1.0, 0.95, 0.9, 0.8, 0.5]),
)  # fmt: skip
def test_nothing_below_the_sound_floor_could_be_proposed(
    commonness: float, n_words: int, short: bool, terms: int, context: bool, top_zipf: float, phrase_commonness: float,
    spelling: float,
) -> None:  # fmt: skip
    """Just below a span's floor (when above min_similarity), even the best case (spelled as alike as can be, the
    commonest term, context nearby, either inflection) scores under the confidence of a suggestion; just above
    it the best case passes (the floor is not needlessly low)."""
    index = phonetic._Index(terms=terms, top_zipf=top_zipf, has_context=context)
    floor = phonetic._floor(index, commonness, n_words, short, 0.72, spelling)
    # A span's text is as common as its rarest word or, heard for a term of fewer words, maybe as rare as can be.
    phrase = commonness if n_words == 1 else phrase_commonness * commonness
    spans = (commonness,) if n_words == 1 else (commonness, 0.0)

    def best(sound: float, inflection: bool, span_commonness: float) -> float:
        evidence = phonetic._Evidence(
            sound, spelling, commonness, top_zipf, context, context, n_words, short, terms, inflection, span_commonness
        )
        return phonetic._confidence(evidence)[1]

    if floor > 0.72:  # (at min_similarity, no floor of its own)
        below = 1.0 if floor > 1.0 else floor * (1 - 1e-12)
        assert all(best(below, inflection, phrase) < phonetic._MIN_SUGGESTION for inflection in (False, True))
    if 0.72 < floor <= 1.0:
        assert any(
            best(floor + 1e-4, inflection, span) >= phonetic._MIN_SUGGESTION
            for inflection in (False, True)
            for span in spans
        )


@settings(max_examples=300, deadline=None)
@given(
    st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.floats(0.0, 8.0), st.floats(0.0, 8.0),
    st.booleans(), st.booleans(), st.integers(1, 4), st.booleans(), st.integers(1, 200_000), st.booleans(),
    st.floats(0.0, 1.0),
)  # fmt: skip
def test_confidence_never_falls_as_the_evidence_grows(
    sound: float, spelling: float, commonness: float, term_commonness: float, near: bool, elsewhere: bool,
    n_words: int, short: bool, terms: int, inflection: bool, phrase_commonness: float,
) -> None:  # fmt: skip
    """The sound floor (phonetic._floor) relies on it: more sound, spelling, term commonness or context never
    lowers the confidence of a sound match."""
    evidence = phonetic._Evidence(
        sound, spelling, commonness, term_commonness, near, elsewhere, n_words, short, terms, inflection,
        commonness if n_words == 1 else phrase_commonness * commonness,
    )  # fmt: skip
    confidence = phonetic._confidence(evidence)[1]
    for more in (
        dataclasses.replace(evidence, sound=min(1.0, sound + 0.05)),
        dataclasses.replace(evidence, spelling=min(1.0, spelling + 0.05)),
        dataclasses.replace(evidence, term_commonness=term_commonness + 0.5),
        dataclasses.replace(evidence, near=True),
        dataclasses.replace(evidence, elsewhere=True),
    ):
        assert phonetic._confidence(more)[1] >= confidence


@settings(max_examples=300, deadline=None)
@given(
    st.floats(1.0, 6.0), st.floats(0.0, 0.5), st.integers(1, 4), st.booleans(), st.integers(1, 200_000),
    st.booleans(), st.integers(0, 30), st.integers(0, 5),
)  # fmt: skip
def test_a_rarer_span_or_a_closer_spelling_never_has_a_higher_floor(
    commonness: float, rarer: float, n_words: int, short: bool, terms: int, context: bool, letters: int, more: int
) -> None:
    """Floors are worked out for the rarest word's frequency rounded down and for a spelling bound rounded up
    (fewer floors to work out); that is safe only because either gives a floor no higher."""
    index = phonetic._Index(terms=terms, has_context=context)
    spelling = phonetic._best_spelling(letters)
    floor = phonetic._floor(index, commonness, n_words, short, 0.72, spelling)
    assert phonetic._floor(index, commonness - rarer, n_words, short, 0.72, spelling) <= floor
    assert phonetic._floor(index, phonetic._floor_commonness(commonness), n_words, short, 0.72, spelling) <= floor
    closer = phonetic._best_spelling(letters + more) if letters else 1.0
    assert phonetic._floor(index, commonness, n_words, short, 0.72, closer) <= floor
    rounded = phonetic._LETTERS_FOR_FLOOR.get(letters, 0)
    assert phonetic._best_spelling(rounded) >= spelling


@settings(max_examples=300, deadline=None)
@given(st.text("abcdefgh", max_size=12), st.text("abcdefgh", max_size=12))
def test_two_different_spellings_are_at_most_as_alike_as_the_bound_says(a: str, b: str) -> None:
    """A span whose letters are no term's is spelled at most _best_spelling(its letters) like any term (the bound
    that raises its floor)."""
    if a != b:
        assert Levenshtein.normalized_similarity(a, b) <= phonetic._best_spelling(len(a))
