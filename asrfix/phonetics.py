"""Pronunciation keys and sound similarity: all of asrfix's phonetic code, in one place.

A word is turned into a *sound key*, a short string with one character per sound, by English letter-to-sound
rules ("Wuhan" -> ``wuhan``, "Will Han" -> ``wilhan``, "pane" and "pain" -> ``pen``, "cure quote" ->
``kyurkwot``). Keys of several words are simply joined, so word boundaries do not count: "Hang Zhou" and
"Hangzhou" have the same key. Each key has a *coarse* form that merges what recognisers confuse: voiced and
voiceless pairs (k/g, t/d, p/b, f/v, s/z, ch/j) and the quality of vowels (every run of vowels is one ``a``).
The coarse key is what candidate look-up indexes; :func:`sound_similarity` compares both forms, so a voicing
or vowel difference costs less than a different consonant.

Letter-to-sound rules are used rather than a pronouncing dictionary because the words that matter most
(names, rare terms, a recogniser's misspellings such as "holbine" or "craswell") are mostly not in one, and
one consistent set of rules maps a term and its mishearings to comparable keys (measured in
benchmarks/README.md).

Acronyms written in capitals ("WHO", "QR") and single letters ("W H O") are keyed by the names of their
letters ("double-u aitch oh").

>>> sound_key("Will Han") == sound_key("Wuhan")
False
>>> coarse_key(sound_key("red coat")) == coarse_key(sound_key("red code"))
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence

from rapidfuzz.distance import Levenshtein

__all__ = [
    "coarse_key",
    "deletions",
    "letter_names",
    "phrase_words",
    "sound_key",
    "sound_similarity",
    "spelling_similarity",
    "word_key",
    "word_keys",
]

# One character per sound. Consonants: p b t d k g f v s z m n l r w y h, S (sh), Z (zh), C (ch), J (j),
# T (th), N (ng). Vowels: a e i o u, I (the vowel of "eye"), and those of "coin" and "cow" as two vowels.
_VOWELS = frozenset("aeiouI")

# Letter-to-sound rules, applied in order to a lower-case word of letters. Each is a (pattern, sound)
# pair; the patterns are written for English spelling and for the romanised names (pinyin, Latin, Greek)
# that English recognisers meet most. They are compiled as MULTILINE and no pattern matches a line break, so
# they can also run over many words at once, one word per line (see word_keys): "^" and "$" are a word's
# start and end, and a negated class such as "[^aeiou]" must exclude "\n".
_RULES: tuple[tuple[str, str], ...] = (
    (r"'", ""),
    (r"^x", "z"),
    (r"^(?:kn|gn|pn)", "n"),
    (r"^wr", "r"),
    (r"^ps", "s"),
    (r"^wh", "w"),
    (r"^zh", "J"),
    (r"(?<=[aeiou])zh", "J"),
    (r"zh", "J"),
    (r"mb$", "m"),
    (r"tch", "C"),
    (r"sch(?=[aulmnrw]|$)", "S"),  # German names: "Schabata", "Schubert", "Schmidt", "Schwarz", "Bosch"
    (r"sch", "sk"),
    (r"chr", "kr"),
    (r"ch", "C"),
    (r"sh", "S"),
    (r"(?<=.)ti(?=on|al|a|ou)", "S"),
    (r"(?<=.)si(?=on)", "Z"),
    (r"(?<=.)ci(?=a|o|ou)", "S"),
    (r"ph", "f"),
    (r"th", "T"),
    (r"eigh", "e"),
    (r"igh", "I"),
    (r"ough$", "o"),
    (r"augh", "o"),
    (r"gh(?=t|$)", ""),
    (r"gh", "g"),
    (r"dge", "J"),
    (r"dg", "J"),
    (r"ck", "k"),
    (r"qu", "kw"),
    (r"q", "k"),
    (r"x", "ks"),
    (r"c(?=[eiy])", "s"),
    (r"c", "k"),
    (r"(?<!g)g(?=e$|es$|ed$|ing$|y$)", "J"),  # "aged", "raging"; not "begged", "foggy"
    (r"ng(?![aeiouy])", "N"),
    (r"nk", "Nk"),
    (r"wh", "w"),
    (r"j", "J"),
    # vowels: silent final e, then "magic e" (a_e, i_e, o_e, u_e), then digraphs, then single letters
    (r"(?<=[^aeiou\n])re$", "er"),
    (r"a(?=[^aeiouIy\n]e$)", "e"),
    (r"i(?=[^aeiouIy\n]e$)", "I"),
    (r"o(?=[^aeiouIy\n]e$)", "o"),
    (r"(?<=[kpbfmhv])u(?=[^aeiouIy\n]e$)", "yu"),
    (r"u(?=[^aeiouIy\n]e$)", "u"),
    (r"(?<=[^aeiou\n])es$", "z"),
    (r"^(.*[aeiouyI][lrw]+)ed$", r"\1d"),  # "called", "appealed", "mowed"
    # "looked"; not "bed", "hundred": a vowel, later a consonant, then "ed" (the look-ahead finds the first vowel
    # without backtracking, so a long word costs linear time: ".*[vowel].*[consonant]" took seconds at 40,000 letters)
    (r"^(?=[^aeiouyI\n]*[aeiouyI][^\n]*[^aeiouIlrw\n]ed$)(.*[^aeiouIlrw\n])ed$", r"\1t"),
    (r"^([^aeiouyI\n]+)e$", r"\1i"),  # "he", "the", "le": the only vowel is sounded
    (r"(?<=[^aeiou\n])e$", ""),
    (r"(?:ee|ea|ie|ey$)", "i"),
    (r"(?:oo|ou|ew(?![aeiouy])|ue|ui)", "u"),
    (r"(?:ai|ay|ei|eigh)", "e"),
    (r"(?:oa|ow|oe)", "o"),
    (r"(?:au|aw(?![aeiou]))", "o"),  # before a vowel the w is a consonant: "away", "award", "Haworth"
    (r"(?:oi|oy)", "oi"),
    (r"y(?=[aeiou])", "Y"),  # a consonant; kept apart from the vowel y until the next rule has run
    (r"y", "i"),
    (r"Y", "y"),
    (r"(?<=[aeiouI])h(?![aeiouI])", ""),
    (r"([^aeiouI\n])\1+", r"\1"),
)
_COMPILED = tuple((re.compile(p, re.MULTILINE), s) for p, s in _RULES)

# The names of the letters, as sound keys, for acronyms and spelled-out letters.
_LETTER_NAMES = {
    "a": "e", "b": "bi", "c": "si", "d": "di", "e": "i", "f": "ef", "g": "Ji", "h": "eC", "i": "I",
    "j": "Je", "k": "ke", "l": "el", "m": "em", "n": "en", "o": "o", "p": "pi", "q": "kyu", "r": "ar",
    "s": "es", "t": "ti", "u": "yu", "v": "vi", "w": "dabelyu", "x": "eks", "y": "wI", "z": "zi",
}  # fmt: skip

# Coarse classes: voicing merged, th with t, the sh/ch/j family together, every vowel run one "a".
_COARSE = str.maketrans({
    "b": "p", "d": "t", "T": "t", "g": "k", "v": "f", "z": "s", "Z": "S", "C": "S", "J": "S",
    "e": "a", "i": "a", "o": "a", "u": "a", "I": "a",
})  # fmt: skip
_VOWEL_RUN = re.compile(r"a{2,}")
_LETTERS_ONLY = re.compile(r"[^a-z]+")


@functools.lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """Return the sound key of one word (a normalised, lower-case word; apostrophes allowed).

    >>> word_key("pane") == word_key("pain"), word_key("hallo") == word_key("hello")
    (True, False)
    """
    return word_keys([word])[0]


def word_keys(words: Sequence[str]) -> list[str]:
    """Return the sound keys of many words, as :func:`word_key` would one by one, but each rule runs once over
    all of them (one word per line of a single string): for the terms of a large lexicon, about ten times as
    fast as a call per word.

    >>> word_keys(["pane", "Wuhan", "x"]) == [word_key("pane"), word_key("Wuhan"), word_key("x")]
    True
    """
    if not words:
        return []
    letters = _LETTERS_ONLY.sub
    text = "\n".join([letters("", word.lower()) for word in words])
    for pattern, sound in _COMPILED:
        text = pattern.sub(sound, text)
    keys = text.split("\n")
    for i, word in enumerate(words):
        if len(word) == 1 and word.isalpha() and word.isascii():
            keys[i] = _LETTER_NAMES.get(word, word)
    return keys


def letter_names(letters: str) -> str:
    """Return the sound key of letters spoken one by one ("WHO" as "double-u aitch oh").

    >>> letter_names("QR") == word_key("q") + word_key("r")
    True
    """
    return "".join(_LETTER_NAMES.get(c, c) for c in letters.lower() if c.isalpha())


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return 1 < len(letters) <= 5 and all(c.isupper() for c in letters) and word.isascii()


_PHRASE_WORDS = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def phrase_words(phrase: str) -> list[str]:
    """Return the words of a phrase as :func:`sound_key` keys them (lower-case them for :func:`word_key`)."""
    return _PHRASE_WORDS.findall(phrase)


def sound_key(phrase: str, keys: Mapping[str, str] | None = None) -> str:
    """Return the sound key of a phrase: its words' keys joined, acronyms spoken as letters.

    ``keys`` may hold the keys of lower-case words worked out beforehand (by :func:`word_keys`).

    >>> sound_key("Hang Zhou") == sound_key("Hangzhou")
    True
    """
    known = (keys or {}).get
    parts = _PHRASE_WORDS.findall(phrase)
    return "".join(letter_names(w) if _is_acronym(w) else known(w.lower()) or word_key(w.lower()) for w in parts)


@functools.lru_cache(maxsize=65536)
def coarse_key(key: str) -> str:
    """Return the coarse form of a sound key: voicing and vowel quality merged.

    >>> coarse_key(sound_key("Wiggins")) == coarse_key(sound_key("wee gins"))
    True
    """
    return _VOWEL_RUN.sub("a", key.translate(_COARSE))


def deletions(key: str) -> set[str]:
    """Return the strings made by deleting one character of ``key`` (its deletion neighbourhood).

    Two keys within one edit of each other share the key itself or one of these, which lets a dictionary
    find near matches without comparing every pair.

    >>> sorted(deletions("abc"))
    ['ab', 'ac', 'bc']
    """
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def sound_similarity(key_a: str, key_b: str) -> float:
    """Return how alike two sound keys sound, from 0 (nothing alike) to 1 (the same).

    Differences of voicing or vowel quality cost a third of a different consonant: the score averages the
    normalised edit similarity of the fine keys (weight 1/3) and of the coarse keys (weight 2/3).

    >>> round(sound_similarity(sound_key("red coat"), sound_key("red code")), 2)
    0.94
    """
    if key_a == key_b:
        return 1.0
    fine = Levenshtein.normalized_similarity(key_a, key_b)
    coarse = Levenshtein.normalized_similarity(coarse_key(key_a), coarse_key(key_b))
    return (fine + 2.0 * coarse) / 3.0


def spelling_similarity(a: str, b: str) -> float:
    """Return how alike two spellings are (letters only, case and spaces ignored), from 0 to 1.

    >>> spelling_similarity("Hang Zhou", "Hangzhou")
    1.0
    """
    return Levenshtein.normalized_similarity(_LETTERS_ONLY.sub("", a.lower()), _LETTERS_ONLY.sub("", b.lower()))
