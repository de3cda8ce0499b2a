"""The seed transcript: the shipped lexicon fixes its domain-term errors and changes nothing that was right."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import asrfix
from asrfix.correctors.lexicon import LexiconCorrector
from asrfix.correctors.phonetic import PhoneticCorrector

SEED = Path(__file__).parent / "data" / "seed"


def test_seed_transcript_gives_the_expected_output() -> None:
    original = (SEED / "news-transcript.txt").read_text(encoding="utf-8")
    expected = (SEED / "news-transcript.expected.txt").read_text(encoding="utf-8")
    result = asrfix.correct(original, lexicons=["china-news"], correctors=[LexiconCorrector(), PhoneticCorrector()])
    assert result.text == expected
    fixed = {(c.before, c.after) for c in result.changes}
    for pair in [
        ("weaker", "Uyghur"),
        ("red coat", "red code"),
        ("Will Han", "Wuhan"),
        ("Wiggins", "Uyghurs"),
        ("will helps organization", "World Health Organization"),
        ("cure quote", "QR code"),
        ("Hang Zhou", "Hangzhou"),
        ("W H O", "WHO"),
    ]:
        assert pair in fixed
    assert "there's no way" in result.text and "Anyway?" in result.text


def test_seed_transcript_is_stable_when_corrected_twice() -> None:
    expected = (SEED / "news-transcript.expected.txt").read_text(encoding="utf-8")
    result = asrfix.correct(expected, lexicons=["china-news"], correctors=[LexiconCorrector(), PhoneticCorrector()])
    assert result.changes == ()


def test_phonetic_corrector_alone_finds_unlisted_errors_in_the_seed() -> None:
    # With every listed misrecognition removed from the lexicon, only terms, sounds-like respellings and
    # context remain: what the phonetic corrector changes must be a subset of the expected fixes.
    original = (SEED / "news-transcript.txt").read_text(encoding="utf-8")
    full = asrfix.load_lexicon("china-news")
    bare = asrfix.Lexicon("bare", tuple(dataclasses.replace(e, misrecognitions=()) for e in full.entries))
    expected = asrfix.correct(original, lexicons=[full], correctors=[LexiconCorrector(), PhoneticCorrector()])
    found = asrfix.correct(original, lexicons=[bare], correctors=[PhoneticCorrector()])
    expected_spans = {(c.start, c.end, c.after) for c in expected.changes}
    assert {(c.start, c.end, c.after) for c in found.changes} <= expected_spans
    assert {(c.before, c.after) for c in found.changes} >= {
        ("Corona virus", "coronavirus"),
        ("W H O", "WHO"),
        ("Hang Zhou", "Hangzhou"),
        ("I D", "ID"),
        ("red coat", "red code"),
        ("green coat", "green code"),
        ("Nuri Turko", "Nury Turkel"),
        ("weaker", "Uyghur"),
    }
