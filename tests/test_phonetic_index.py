"""The phonetic corrector's index finds every term within one sound of a span, however large the lexicon.

Its look-ups are shortcuts (deletion keys, and a filter on the thirds of a key that skips look-ups bound to find
nothing); these tests hold them to the plain definition: every term whose coarse key is one edit (or none) from
the span's, and sounds alike enough, found by comparing the span with every term.
"""

from __future__ import annotations

import random

from rapidfuzz.distance import Levenshtein

from asrfix import Entry, Lexicon
from asrfix.correctors.phonetic import _build_index, _sounding
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
    forms = [form for forms in index.by_coarse.values() for form in forms]
    forms = list({id(f): f for f in forms}.values())
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
