"""Tokens with character offsets into the original text.

A token is a run of letters and digits, with apostrophes allowed inside it ("Uighur's", "don't"). Hyphens,
spaces, punctuation and line breaks separate tokens, so "self-isolated" is two tokens and a phrase broken
over two lines of a subtitle cue is still two adjacent tokens. Offsets always refer to the text as given;
only ``Token.norm`` (the matching key) is normalised (NFC, lower case, curly apostrophe made straight).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "WORD_CHARACTER",
    "WORD_PATTERN",
    "Token",
    "case_as_written",
    "is_sentence_start",
    "match_case",
    "normalize_word",
    "tokenize",
]

# Letters and digits (and combining marks, so text in NFD form tokenizes like its NFC form), with internal
# apostrophes (straight or curly) joining the parts of one word.
_LETTER = r"[\w\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
WORD_PATTERN = re.compile(rf"{_LETTER}+(?:['\u2019]{_LETTER}+)*")
#: One character of a word (apostrophes aside): what may not stand right before or after a whole word.
WORD_CHARACTER = re.compile(_LETTER)


@dataclass(frozen=True, slots=True)
class Token:
    """One word of the original text.

    Attributes:
        text: the characters exactly as they stand in the original.
        start: offset of the first character in the original text.
        end: offset just past the last character.
        norm: the matching key: NFC, lower case, with a straight apostrophe.
    """

    text: str
    start: int
    end: int
    norm: str


def normalize_word(word: str) -> str:
    """Return the matching key of one word: NFC, lower case, straight apostrophes.

    >>> normalize_word("Uighur\u2019s")
    "uighur's"
    """
    if not word.isascii():
        word = unicodedata.normalize("NFC", word).replace("\u2019", "'")
    return word.lower()


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word tokens that keep their offsets into ``text``.

    >>> [t.text for t in tokenize("Will Han's lock-down")]
    ['Will', "Han's", 'lock', 'down']
    """
    return [
        Token(m.group(), m.start(), m.end(), normalize_word(m.group())) for m in WORD_PATTERN.finditer(text)
    ]


# Characters after which a word starts a sentence (a bullet or a dash opens a transcript line or a turn).
_SENTENCE_OPENERS = frozenset('.!?\u2026\u2022:;"\u201c\u2014\u2013-')


def is_sentence_start(text: str, start: int) -> bool:
    """True when the word at ``start`` opens ``text`` or a sentence in it.

    >>> is_sentence_start("Yes. Corona virus", 5), is_sentence_start("the Corona virus", 4)
    (True, False)
    """
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0 or text[i] in _SENTENCE_OPENERS


def match_case(before: str, term: str, *, sentence_start: bool = False) -> str:
    """Write ``term`` in the case style of the ``before`` text it replaces.

    The term keeps its own spelling (it is written "as it must be"), except that ALL-CAPS input of more than
    one letter gives an all-caps term, and a capitalised input at the start of a sentence gives a
    capitalised term when the term is written in lower case. Recognisers capitalise words mid-sentence at
    random ("the Corona virus"), so elsewhere the term's own case wins.

    >>> match_case("WILL HAN", "Wuhan"), match_case("Corona virus", "coronavirus", sentence_start=True)
    ('WUHAN', 'Coronavirus')
    """
    if before.islower():  # the common case: no capital letter at all, so the term stays as written
        return term
    letters = [c for c in before if c.isalpha()]
    if (
        len(letters) > 1
        and all(c.isupper() for c in letters)
        and not all(len(w) == 1 for w in before.split())
    ):
        return term.upper()
    if sentence_start and letters and letters[0].isupper() and term[:1].islower():
        return term[:1].upper() + term[1:]
    return term


def case_as_written(before: str, term: str, text: str, start: int) -> str:
    """``match_case(before, term, sentence_start=is_sentence_start(text, start))`` for ``before`` found at
    ``start`` in ``text``, without looking back for a sentence start where the answer cannot depend on it.

    >>> case_as_written("Will Han", "Wuhan", "Yes. Will Han", 5), case_as_written("Corona", "corona", "Yes. Corona", 5)
    ('Wuhan', 'Corona')
    """
    first = before[:1]
    if first.isalpha() and first.isupper() and before[1:].islower() and not term[:1].islower():
        return term  # capitalised, not all capitals: only a lower-case term could take the capital
    return match_case(before, term, sentence_start=is_sentence_start(text, start))
