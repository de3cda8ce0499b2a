"""The seed transcript: the shipped lexicon fixes its domain-term errors and changes nothing that was right."""

from __future__ import annotations

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
