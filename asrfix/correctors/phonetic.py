"""The phonetic corrector: finds misrecognitions nobody listed, by how they sound.

For every span of one to four words it asks which lexicon terms sound like it, and proposes the term where the
evidence is strong enough. A term is heard through its spelling, its ``sounds_like`` respellings and, for
acronyms, the names of its letters; so "weaker" can become "Uyghur" (respelled "wee gur"), "Will Han"
"Wuhan", "cure quote" "QR code", with no misrecognition listed.

Three kinds of match, strongest first:

- spelled letters: a whole run of single letters spells an acronym term ("W H O" -> "WHO");
- joined or split words: the span's letters are the term's letters ("Hang Zhou" -> "Hangzhou");
- sound: the span's sound key is near a term's (see :mod:`asrfix.phonetics`).

How sure a sound match is (its confidence) combines sound similarity, spelling similarity, how common the
original words are in English (a frequent, correctly spelled word needs much stronger evidence, an unknown
spelling much less), and context: the entry's context words, or the term itself, nearby or elsewhere in the
text. Below the pipeline's ``min_confidence`` a proposal is a suggestion, not a change. Every proposal's
reason gives the keys that matched, the scores and what decided.

Spans that are listed misrecognitions are left to the lexicon corrector, and spans holding a word that is
itself a term (or a word of one) are left alone. The text's last word, when it is rare in English and the start
of one term only, is taken for that term: recognisers often cut the last word of a segment short ("use of
imagi" for "use of imagining").

Cost: candidates come from a dictionary of coarse sound keys and their one-deletion neighbourhoods, so each
span costs a few dictionary look-ups whatever the size of the lexicon; only the few terms found there are
scored. A word English does not know at all (a recogniser's own spelling: "antanarivo") is also looked up by
its consonants within one edit, in a second index made the first time such a word is met; when nothing sounds
like it, it may be a word English knows glued to a term ("withokonkwo") or two terms glued together ("tonacheron"
for "Tonnay Charente"), and is proposed as the two words. A spelling English hardly knows is also matched to terms
one syllable longer or shorter inside the word ("disincorated" for "disincorporated"), in a third index made on
first need.

Options (``options={"phonetic": {...}}`` in :func:`asrfix.correct`): ``min_similarity`` (float, default
0.72): sound similarity below which nothing is proposed; ``max_words`` (int, default 4): longest span tried.
"""

from __future__ import annotations

import bisect
import collections
import functools
import math
import operator
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..changes import Change, trusted_change
from ..lexicon import COMMON_ZIPF, Entry, Lexicon, paused_gc, phrase_key, zipf
from ..phonetics import (
    coarse_key,
    letter_names,
    phrase_words,
    sound_key,
    sound_similarity,
    word_key,
    word_keys,
)
from ..tokens import WORD_PATTERN, Token, is_sentence_start, match_case
from . import Context

__all__ = ["PhoneticCorrector"]

_PHRASE_GAP = re.compile(r"[ \t\r\n\-\u2010\u2011\u2012\u2013]+")
_LETTERS = re.compile(r"[^\W\d_]")
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_NOT_SPELLED = re.compile(r"[^\w']+|[\d_]+")

# Confidence of the exact kinds of match.
_CONFIDENCE_LETTERS = 0.95
_CONFIDENCE_JOINED = 0.9
_CONFIDENCE_JOINED_COMMON = 0.8
_CONFIDENCE_NO_CONTEXT = 0.3
# Words at least this common (about the 100 commonest: "we", "to", "on", "be") join others only with context
# ("in a" is not "Ina", nor "we chat" "WeChat", without it); unless the term is a compound English writes as one
# word, and only its first word is one of them (see _compound_word: "to night" is "tonight", "up town" "uptown").
_FUNCTION_WORD_ZIPF = 6.3
# Evidence needed by a span of unknown words, and more per step of Zipf frequency above 1.
BASE_NEEDED = 0.66
NEEDED_PER_ZIPF = 0.045
# Below this sound similarity a match is at most a suggestion, unless the span's rarest word is rarer than
# UNKNOWN_ZIPF (a spelling English hardly knows, such as a recogniser's "torkle" for "Thorkel").
MIN_SOUND_FOR_CHANGE = 0.8
UNKNOWN_ZIPF = 2.0
# A span of words English knows (its rarest word at least this common) whose first sound is not the term's is at
# most a suggestion: recognisers seldom get the start of a word wrong, so "Gloucestershire" is another place, not
# a misheard "Leicestershire", nor "Ronald" a misheard "Donald". A spelling English hardly knows ("yago" for
# "Jago") may still be changed.
KNOWN_ONSET_ZIPF = 2.5
# A term rarer in English than the words it would replace loses this much score per step of Zipf frequency,
# at most TERM_RARITY_MAX ("looked" is not "lookd", nor "somewhere" "somewhar"); a commoner term gains a little.
TERM_RARITY_PENALTY = 0.02
TERM_RARITY_MAX = 0.1
# Sound matches stay below the lexicon corrector's confidence for a listed misrecognition in context (0.9).
_MAX_CONFIDENCE = 0.85
# Evidence needed in addition per tenfold lexicon size above 100 terms.
LEXICON_SIZE_PENALTY = 0.09
# When the span is another inflection of the term ("district", "districts"; "robins", "robin's"): recognisers
# often drop or add an ending, so a small lexicon's term is likely meant (the evidence needed is lowered by
# INFLECTION_EVIDENCE); but a large lexicon of words holds inflections of many everyday words, so each tenfold
# of lexicon size above 100 terms needs INFLECTION_SIZE_PENALTY more (0.15 more than a plain match at 150,000).
INFLECTION_EVIDENCE = 0.1
INFLECTION_SIZE_PENALTY = 0.08
# A word at least this common is never made possessive by sound ("hotel" -> "hotel's", "plant" -> "plant's").
POSSESSIVE_ZIPF = 4.0
# Spans whose rarest word is this common (about the 1,500 commonest English words) are not matched by sound.
_EVERYDAY_ZIPF = 5.5
# Marker of the skeleton index's deletion keys (a character that never occurs in a sound key).
_SHORTER = "-"
# Sound matches less sure than this are not even reported as suggestions.
_MIN_SUGGESTION = 0.25
# Words English does not know (Zipf below ROUGH_ZIPF: "sandiaries", "montfiche") are almost always misheard: their
# consonants are also looked up within one edit, down to a sound similarity of ROUGH_SIMILARITY.
ROUGH_ZIPF = 1.0
# A proposal at least this sure (the pipeline's default min_confidence) is a change on its own.
_STRONG = 0.5
# Such a word may be a word English knows well (three letters or more, at least this common) glued to a term:
# "noncomposer" is "non" and "composser".
GLUED_ZIPF = COMMON_ZIPF
# A part of such a word read as a term has at least this many letters and sounds at least this much like the term.
GLUED_TERM_LETTERS = 3
GLUED_PART_SOUND = 0.72
ROUGH_SIMILARITY = 0.62
# Such a word's coarse key of at least _MIN_WIDE_KEY sounds is also looked up within two edits, in lexicons of up to
# WIDE_MAX_TERMS terms (the index holds each form under some thirty keys: 16 MB for 10,000 terms, 250 MB for
# 150,000, where chance matches two edits away are also far more frequent). A match only that search finds needs
# FAR_EVIDENCE more, as a very short key does: the wider the search, the more terms it meets by chance.
_MIN_WIDE_KEY = 6
WIDE_MAX_TERMS = 10_000
FAR_EVIDENCE = 0.05
_MIN_ROUGH_SKELETON = 4
# A spelling English hardly knows (rarer than this) is also matched to terms one syllable longer or shorter inside
# the word ("disincorated" for "disincorporated", "dignities" for "dignitaries"): recognisers drop and add unstressed
# syllables, and a syllable is two sounds of a coarse key, beyond the one-edit look-up. A word English knows (as for
# the first sound, KNOWN_ONSET_ZIPF) is more often another word one syllable away ("solidity", "solidarity").
SYLLABLE_ZIPF = 2.5
# A term that is the word with a two-sound ending ("gardening" for "garden") is tried only for words rarer than
# this: an everyday word has many inflections, and a lexicon of them would change it too often. The text's last word
# is tried whatever its frequency (recognisers cut the last word of a segment short: "a regular house clean" for
# "house cleaning"), unless it follows a word after which no "-ing" form ends a sentence ("built me a boat", "as
# I approve"; see _NO_S_AFTER), and only for terms in lower case: a name made of a word and "-ing" ("Browning",
# "Reading") is not what a text that ends with the word ("her hair was brown") meant.
TWO_SOUND_ZIPF = 4.5
# The last word of a text may be cut short: recognisers often drop the end of a segment's last word ("use of imagi"
# for "use of imagining"). Such a word, rarer in English than CUT_SHORT_ZIPF, that is the start of one term only
# (two letters or more short of it, and not the term less an ending English words take, which the inflection rules
# judge), is taken for the term with this confidence with 100 terms or fewer, less LEXICON_SIZE_PENALTY per tenfold
# above (a large lexicon holds many terms that start with any word: there it is a suggestion).
CUT_SHORT_ZIPF = 3.5
_CONFIDENCE_CUT_SHORT = 0.6
# Coarse keys shorter than this are matched exactly only: one deletion of a short key matches too much.
_MIN_FUZZY_KEY = 4
# From this many candidates one edit away, their fine keys are compared in one rapidfuzz call first.
_BULK = 4
# No sound match (shared: most spans have none, and the memo of a long text holds many of them).
_NOTHING: tuple[tuple[_Form, float], ...] = ()


@functools.lru_cache(maxsize=131072)
def _zipf(word: str) -> float:
    return zipf(word)


@dataclass(frozen=True, slots=True, eq=False)  # compared and hashed by identity: fast, in dicts and sets
class _Form:
    """One way a term sounds: its spelling, a respelling, or its letters' names."""

    entry: Entry
    key: str
    coarse: str
    source: str
    letters: str  # the term's letters, lower case, for spelling similarity


# What the index files under one coarse key (or one-deletion of a coarse key) ``k``, in one list (one look-up
# finds all): [0] the forms whose coarse key is ``k``, [1] the forms one sound longer (``k`` is their key with one
# sound deleted, anywhere), [2 + p] those whose key with the sound at ``p`` deleted is ``k`` (a query whose sound at
# ``p`` differs); None where there is none, and the list stops after the last position that has some.
_Slots = list[list[_Form] | None]


@dataclass
class _Index:
    by_coarse: dict[str, _Slots] = field(default_factory=dict)
    by_letters: dict[str, Entry] = field(default_factory=dict)
    spaced: dict[str, Entry] = field(default_factory=dict)  # the entries of by_letters whose term has a space
    acronyms: dict[str, Entry] = field(default_factory=dict)
    listed: set[tuple[str, ...]] = field(default_factory=set)
    term_words: set[str] = field(default_factory=set)
    phrases: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # multi-word terms by first word
    context: dict[str, frozenset[str]] = field(default_factory=dict)
    parts: set[str] = field(default_factory=set)  # see _parts
    forms: list[_Form] = field(default_factory=list)
    stems: dict[str, list[tuple[_Form, str]]] = field(default_factory=dict)  # see _two_sound_stems
    skeletons: dict[str, list[_Form]] | None = None  # see _rough_sounding; made on first need
    syllables: dict[str, list[_Form]] | None = None  # see _syllable_sounding; made on first need
    wide: dict[str, list[_Form]] | None = None  # see _wide_sounding; made on first need
    wide_found: dict[str, list[tuple[_Form, float]]] = field(default_factory=dict)  # its results, by sound key
    starts: list[str] | None = None  # see _cut_short; made on first need
    max_words: int = 1
    max_key: int = 0
    terms: int = 0
    # At least the Zipf frequency of the commonest term, the most a term's commonness can help (see _floor). Not
    # worked out per lexicon (a frequency per form costs 0.7 s for 100,000 terms): no English word reaches 8 ("the"
    # is 7.7), and any bound above 7.5 gives the same floors, as spans of words commoner than 5.5 are not matched.
    top_zipf: float = 9.0
    has_context: bool = False  # whether any entry has context words
    context_words: frozenset[str] = frozenset()  # every entry's context words
    floors: dict[tuple[float, int, bool, float, float], float] = field(default_factory=dict)  # see _floor

    def add(self, form: _Form) -> None:
        """File a form under its coarse key and, for fuzzy look-up, under each one-deletion of it (see _Slots)."""
        coarse = form.coarse
        by_coarse = self.by_coarse
        slots = by_coarse.get(coarse)
        if slots is None:
            by_coarse[coarse] = [[form], None]
        elif slots[0] is None:
            slots[0] = [form]
        else:
            slots[0].append(form)
        if len(coarse) >= _MIN_FUZZY_KEY:
            previous = None
            for p in range(len(coarse)):
                d = coarse[:p] + coarse[p + 1 :]
                slots = by_coarse.get(d)
                if slots is None:
                    slots = by_coarse[d] = [None, None]
                if d != previous:  # a deletion in a run of one sound gives the same key: the form is one longer once
                    longer = slots[1]
                    if longer is None:
                        slots[1] = [form]
                    else:
                        longer.append(form)
                    previous = d
                if len(slots) < p + 3:
                    slots.extend([None] * (p + 3 - len(slots)))
                at = slots[p + 2]
                if at is None:
                    slots[p + 2] = [form]
                else:
                    at.append(form)
        n = len(coarse)
        for m in (n - 1, n, n + 1):
            if m >= _MIN_FUZZY_KEY:
                a, b = m // 3, 2 * m // 3
                self.parts.update(_parts(m, coarse[:b], coarse[n - (m - a) :], coarse[:a], coarse[n - (m - b) :]))


def _parts(length: int, head: str, tail: str, first: str, last: str) -> tuple[str, str, str]:
    """The three keys that let a query of ``length`` sounds skip the look-ups when no coarse key is within one
    edit of it.

    Cut a query into thirds A B C (A = ``length // 3`` sounds, A + B = ``2 * length // 3``). One edit leaves two
    thirds as they were, so a key within one edit of it starts with A B (``head``), ends with B C (``tail``), or
    starts with A (``first``) and ends with C (``last``). The index holds these three for every coarse key and
    every query length within one of its own; a query none of whose three is there finds nothing.
    """
    at = _LENGTHS[length] if length < len(_LENGTHS) else str(length)
    return at + "<" + head, at + ">" + tail, at + "<" + first + "|" + last


_LENGTHS = tuple(str(n) for n in range(256))


def _reach(length: int, key_length: int) -> float:
    """The highest sound similarity of two keys whose coarse keys differ by one edit, the longer of ``length``
    sounds, when one of the keys (the query's) has ``key_length`` sounds, with a margin for rounding.

    The coarse similarity is 1 - 1 / ``length``. The keys themselves differ too (the coarse key is a function of
    the key), by at least one edit and at least their difference in length, so their fine similarity is at most
    1 - 1 / (``key_length`` + 1): a key as long or shorter differs by an edit in ``key_length`` sounds or more, a
    key ``d`` sounds longer by ``d`` edits in ``key_length + d``.
    """
    coarse = _COARSE_REACH[length] if length < len(_COARSE_REACH) else 2.0 * (1.0 - 1.0 / length) / 3.0
    fine = _FINE_REACH[key_length] if key_length < len(_FINE_REACH) else (1.0 - 1.0 / (key_length + 1)) / 3.0
    return coarse + fine + 1e-9


_COARSE_REACH = (0.0, *(2.0 * (1.0 - 1.0 / n) / 3.0 for n in range(1, 256)))
_FINE_REACH = tuple((1.0 - 1.0 / (n + 1)) / 3.0 for n in range(256))


def _letters(text: str) -> str:
    return _NOT_LETTERS.sub("", text.casefold())


# What the corrector needs of one normalised word, worked out once per distinct word and kept across calls
# (texts repeat their words): its sound key, the coarse form of that key, its Zipf frequency and its letters.
_WORD_INFO: dict[str, tuple[str, str, float, str]] = {}
_WORD_INFO_LIMIT = 200_000


# Words longer than this many characters are no words of speech (English's longest have 30 to 45 letters).
_LONGEST_WORD = 60
_NO_WORD_INFO = ("", "", 0.0, "")


def _word_info(word: str) -> tuple[str, str, float, str]:
    info = _WORD_INFO.get(word)
    if info is None:
        if len(_WORD_INFO) >= _WORD_INFO_LIMIT:
            _WORD_INFO.clear()
        key = word_key(word)
        info = _WORD_INFO[word] = (key, coarse_key(key), _zipf(word), _letters(word))
    return info


def _spelled(text: str) -> str:
    """The letters and apostrophes of ``text``, lower case: "Robin's" and "robins" differ, "ROBINS" does not."""
    return _NOT_SPELLED.sub("", text.casefold().replace("\u2019", "'"))


_SUFFIXES = ("", "s", "'s", "es", "d", "ed", "'d", "ing", "ly")


def _inflected(a: str, b: str) -> bool:
    """True when one of the two letter strings is the other plus an ending ("epidemic", "epidemics"), or both are
    the same letters (written with different apostrophes: "robins", "robin's")."""
    if len(a) > len(b):
        a, b = b, a
    if b.startswith(a) and b[len(a) :] in _SUFFIXES:
        return True
    # "whittle", "whittling"; "snorkel", "snorkelling"; "fit", "fitted"
    return b in (a[:-1] + "ing" if a[-1:] == "e" else "", a + a[-1:] + "ing", a + a[-1:] + "ed")


# Endings English words take: inflections, "-ly", "-er", and those of the names of peoples and languages
# ("Azerbaijani", "Korean", "Chinese").
_ENDINGS = frozenset(("s", "es", "ed", "ing", "ly", "er", "ers", "i", "is", "an", "ans", "ian", "ese"))


def _with_ending(letters: str, term: str) -> bool:
    """True when the letters ``letters`` are the term's, ``term``, with an ending ("mogadishus", "azerbaijani",
    "decreed", "planned"); not when they only start with them ("holland" is not "hollan" with an ending)."""
    if len(letters) <= len(term) or not letters.startswith(term):
        return False
    ending = letters[len(term) :]
    if ending in _ENDINGS:
        return True
    if term[-1:] in "aeiouy":
        return ending in ("d", "r", "rs", "n", "ns")  # "decreed", "Korean"
    # "planned", "running"; and the last letter doubled, which does not change the sound ("bull", "bul")
    return ending[:1] == term[-1] and ending[1:] in ("", "ed", "ing", "er", "ers")


# Words after which a noun is singular and a verb not in the third person singular ("a station", "I approve"):
# there a term that is the heard word with "-s" or "-es" added is not what was said.
_NO_S_AFTER = frozenset(("a", "an", "one", "each", "every", "another", "this", "i", "you", "we", "they"))


def _noun_or_subject(text: str, words: Sequence[str], spans: Sequence[tuple[int, int]], i: int) -> bool:
    """True when word ``i`` follows one of _NO_S_AFTER ("a boat", "I approve"): a singular noun or a verb after its
    subject, not a form with "-s", nor one with "-ing" ("a boating", "I approving") when no word follows."""
    return i > 0 and words[i - 1] in _NO_S_AFTER and text[spans[i - 1][1] : spans[i][0]].isspace()


def _adds_s(heard: str, term: str) -> bool:
    """True when ``term`` is ``heard`` with "-s" or "-es" added (a plural or a verb's "-s"; not a possessive)."""
    heard, term = _spelled(heard), _spelled(term)
    return term in (heard + "s", heard + "es")


def _adds_possessive(heard: str, term: str) -> bool:
    """True when ``term`` is ``heard`` made possessive ("hotel's", "mothers'", "James'")."""
    heard, term = _spelled(heard), _spelled(term)
    return term in (heard + "'s", heard + "s'", heard + "'")


def _stem(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word


def _compound_word(term: str, words: Sequence[str]) -> bool:
    """True when ``term`` is a word English knows (Zipf at least COMMON_ZIPF), written in lower case and as one word,
    a compound ("tonight", "today") whose two-word spelling ``words`` ("to night", "to day") is one of the commonest
    words of English before a word that is not one of them. A name is not such a compound ("in a", "a very" are
    everyday words, not a misheard "Ina" or "Avery"); nor is a verb and its particle, or a quantity, written apart
    for a reason ("we set up", "back up your files", "it may be so", "any more cake": not "setup", "backup",
    "maybe", "anymore")."""
    return (
        len(words) == 2
        and _zipf(words[0]) >= _FUNCTION_WORD_ZIPF > _zipf(words[1])
        and term.islower()
        and term.isalpha()
        and _zipf(term) >= COMMON_ZIPF
    )


def _is_acronym(term: str) -> bool:
    if term.islower() or " " in term:  # (a letter that is upper case is not lower case)
        return False
    letters = _LETTERS.findall(term)
    return 1 < len(letters) <= 6 and all(c.isupper() for c in letters)


def _inflections(word: str) -> list[str]:
    forms = [word + "s", word + "'s"]
    if word.endswith(("s", "x", "z", "ch", "sh")):
        forms.append(word + "es")
    return forms


def _two_sound_stems(letters: str) -> list[tuple[str, str]]:
    """The stems of a word whose ending is two sounds, with the ending's sound key: "gardening" -> "garden",
    "imagining" -> "imagine", "rioted" -> "riot". Recognisers drop such endings, and they are too long for the
    one-edit look-up by sound."""
    if len(letters) < 6:
        return []
    if letters.endswith("ing"):
        stem = letters[:-3]
        if stem[-1] in "aeiouy":
            return [(stem, "iN")]
        if stem[-1] == stem[-2]:  # "snorkelling", "running"
            return [(stem, "iN"), (stem[:-1], "iN")]
        return [(stem, "iN"), (stem + "e", "iN")]  # "gardening"; "whittling"
    if letters.endswith("ed") and letters[-3] in "td":
        return [(letters[:-2], "id"), (letters[:-3], "id")] if letters[-3] == letters[-4] else [(letters[:-2], "id")]
    return []


def _build_index(lexicon: Lexicon) -> _Index:
    with paused_gc():  # many small objects, no cycles
        return _make_index(lexicon)


# From this many terms on, the sound keys of the terms' words are worked out all at once (word_keys): for fewer,
# one call per word is as fast, and finds most of them in word_key's cache.
_KEYS_AT_ONCE = 2_000


def _make_index(lexicon: Lexicon) -> _Index:
    index = _Index(terms=len(lexicon.entries))
    keys: dict[str, str] | None = None
    if len(lexicon.entries) >= _KEYS_AT_ONCE:
        distinct = list(
            {
                word.lower(): None
                for entry in lexicon.entries
                if entry.phonetic
                for phrase in (entry.term, *entry.sounds_like)
                for word in phrase_words(phrase)
            }
        )
        keys = dict(zip(distinct, word_keys(distinct), strict=True))
    for entry in lexicon.entries:
        for mis in entry.misrecognitions:
            listed = phrase_key(mis.text)
            index.listed.add(listed)
            if entry.inflect and listed and len(listed[-1]) > 1:
                index.listed.update((*listed[:-1], form) for form in _inflections(listed[-1]))
        words = phrase_key(entry.term)
        if len(words) == 1:
            index.term_words.update(words)  # a word that is a term already is left alone
        else:
            index.phrases.setdefault(words[0], []).append(words)
        if not entry.phonetic or not words:
            continue
        # The entry's context words; the term itself is no evidence that a similar-sounding word means it.
        index.context[entry.term] = frozenset(w for phrase in entry.context for w in phrase_key(phrase))
        letters = _letters(entry.term)
        acronym = _is_acronym(entry.term)
        if acronym:
            index.acronyms.setdefault(letters, entry)
        index.by_letters.setdefault(letters, entry)
        sources = [(sound_key(entry.term, keys), "its spelling")]
        sources += [(sound_key(s, keys), f"sounds-like {s!r}") for s in entry.sounds_like]
        if acronym:
            sources.append((letter_names(entry.term), "its letters"))
        seen: set[str] = set()
        for key, source in sources:
            if not key or key in seen:
                continue
            seen.add(key)
            form = _Form(entry, key, coarse_key(key), source, letters)
            index.add(form)
            index.forms.append(form)
            if source == "its spelling" and len(words) == 1:
                for stem, ending in _two_sound_stems(form.letters):
                    index.stems.setdefault(stem, []).append((form, ending))
            index.max_key = max(index.max_key, len(form.coarse) + 1)
        index.max_words = max(index.max_words, min(4, len(words) + 2))
    index.spaced = {letters: entry for letters, entry in index.by_letters.items() if " " in entry.term}
    index.has_context = any(index.context.values())
    index.context_words = frozenset().union(*index.context.values())
    return index


def _sounding(
    key: str, coarse: str, by_coarse: dict[str, _Slots], parts: set[str], min_similarity: float
) -> Sequence[tuple[_Form, float]]:
    """Return the forms that sound like ``key`` (similarity at least ``min_similarity``), with the similarity.

    ``coarse`` is ``coarse_key(key)``. The similarity is :func:`asrfix.phonetics.sound_similarity`, computed
    here from the coarse similarity already at hand.
    """
    if min_similarity > 1.0:
        return _NOTHING
    # Keys within one edit: the same, one sound more, one sound less, one sound different; those one sound
    # longer, and those one sound shorter or different, only when their sound similarity could reach
    # min_similarity (see _reach).
    m = len(coarse)
    longer = m >= _MIN_FUZZY_KEY - 1 and min_similarity <= _reach(m + 1, len(key))
    fuzzy = longer and m >= _MIN_FUZZY_KEY and min_similarity <= _reach(m, len(key))
    positions: Iterable[int] = range(m)
    if fuzzy:
        # The three keys of _parts, made here in one step each. (Without the look-ups one sound shorter or
        # different, the one look-up of the key itself finds all there is: no need to ask them.)
        a, b = m // 3, 2 * m // 3
        at = _LENGTHS[m] if m < len(_LENGTHS) else str(m)
        head = f"{at}<{coarse[:b]}" in parts
        tail = f"{at}>{coarse[a:]}" in parts
        ends = f"{at}<{coarse[:a]}|{coarse[b:]}" in parts
        if not (head or tail or ends):
            return _NOTHING
        if not (head and tail and ends):
            # No key that differs from this one in the first third (tail missing), the middle third (ends
            # missing) or the last third (head missing): the look-ups for a sound there would find nothing.
            positions = [p for p in range(m) if (tail if p < a else ends if p < b else head)]
    get = by_coarse.get
    slots = get(coarse)
    found: list[_Form] = []
    n_same = 0
    if slots is not None:
        same = slots[0]
        if same is not None:
            found += same
            n_same = len(same)
        if longer and slots[1] is not None:
            found += slots[1]
    if fuzzy:
        for p in positions:
            slots = get(coarse[:p] + coarse[p + 1 :])
            if slots is not None:
                shorter = slots[0]
                if shorter is not None:
                    found += shorter
                if len(slots) > p + 2:
                    different = slots[p + 2]
                    if different is not None:
                        found += different
    if not found:
        return _NOTHING
    candidates = list(dict.fromkeys(found))  # each form once, in the order found: those with the same coarse key first
    result: list[tuple[_Form, float]] = []
    similarity = Levenshtein.normalized_similarity
    # As sound_similarity(key, form.key), whose coarse part is known here: 1 for the same coarse key; for the
    # others, exactly one edit away, 1 - 1 / (the longer one's length), as rapidfuzz computes it.
    for form in candidates[:n_same]:
        sound = 1.0 if key == form.key else (similarity(key, form.key) + 2.0) / 3.0
        if sound >= min_similarity:
            result.append((form, sound))
    others = candidates[n_same:]
    if not others:
        return result or _NOTHING
    if len(others) >= _BULK:
        # Their coarse similarity is at most 1 - 1 / (m + 1), and a fine similarity below the cut-off cannot make
        # up for it: rapidfuzz drops those in one call, and gives the fine similarity of the others.
        cutoff = 3.0 * min_similarity - 2.0 * (1.0 - 1.0 / (m + 1)) - 1e-9
        keys = [f.key for f in others]
        hits = process.extract(key, keys, scorer=similarity, limit=None, score_cutoff=max(0.0, cutoff))
        scored = [(others[k], fine) for _, fine, k in sorted(hits, key=_third)]
    else:
        scored = [(form, similarity(key, form.key)) for form in others]
    for form, fine in scored:
        coarse_similarity = 1.0 - 1.0 / max(m, len(form.coarse))
        if coarse_similarity * 2.0 / 3.0 + 1.0 / 3.0 < min_similarity:
            continue  # the coarse keys alone are too far
        sound = (fine + 2.0 * coarse_similarity) / 3.0
        if sound >= min_similarity:
            result.append((form, sound))
    return result or _NOTHING


_third = operator.itemgetter(2)


def _skeleton(coarse: str) -> str:
    """The consonants of a coarse key: recognisers add and drop unstressed vowels ("sandiaries", "cendenaries")."""
    return coarse.replace("a", "")


def _skeleton_index(index: _Index) -> dict[str, list[_Form]]:
    """File every form under its consonant skeleton and, marked, under each one-deletion of it."""
    skeletons: dict[str, list[_Form]] = {}
    with paused_gc():
        for form in index.forms:
            skeleton = _skeleton(form.coarse)
            if len(skeleton) < _MIN_ROUGH_SKELETON:
                continue
            keys = [skeleton] + [_SHORTER + skeleton[:p] + skeleton[p + 1 :] for p in range(len(skeleton))]
            for k in dict.fromkeys(keys):
                skeletons.setdefault(k, []).append(form)
    return skeletons


def _rough_sounding(key: str, coarse: str, index: _Index, floor: float) -> list[tuple[_Form, float]]:
    """Return the forms whose consonant skeleton is within one edit of the span's (a sound similarity of at least
    ``floor``): a wider search, made for words English does not know, which are almost always misheard."""
    skeleton = _skeleton(coarse)
    if len(skeleton) < _MIN_ROUGH_SKELETON:
        return []
    if index.skeletons is None:
        index.skeletons = _skeleton_index(index)
    get = index.skeletons.get
    found: list[_Form] = list(get(skeleton, ())) + list(get(_SHORTER + skeleton, ()))
    for p in range(len(skeleton)):
        d = skeleton[:p] + skeleton[p + 1 :]
        found += get(d, ())
        found += get(_SHORTER + d, ())
    return _sounding_at_least(key, found, floor)


def _two_deletions(coarse: str) -> set[str]:
    """The coarse key and the keys made by deleting one or two of its sounds: two keys within two edits of each
    other share one of these."""
    one = {coarse[:p] + coarse[p + 1 :] for p in range(len(coarse))}
    return {coarse, *one, *(d[:p] + d[p + 1 :] for d in one for p in range(len(d)))}


class _Far(NamedTuple):
    """A sound match found only by the two-edit search: it needs FAR_EVIDENCE more (see _confidence)."""

    form: _Form
    sound: float


def _wide_sounding(key: str, coarse: str, index: _Index) -> list[tuple[_Form, float]]:
    """Return the forms whose coarse key is within two edits of the span's, with a sound similarity of at least
    ROUGH_SIMILARITY, as _Far matches: the widest search, for words English does not know ("tincaretto" for
    "Tintoretto", "shoppenhower" for "Schopenhauer"), in lexicons of up to WIDE_MAX_TERMS terms."""
    if len(coarse) < _MIN_WIDE_KEY or index.terms > WIDE_MAX_TERMS:
        return []
    memo = index.wide_found
    result = memo.get(key)  # kept across calls: the same words come back, and this search meets many forms
    if result is None:
        if index.wide is None:
            index.wide = _filed(index, _MIN_WIDE_KEY, _two_deletions)
        get = index.wide.get
        distance = Levenshtein.distance
        found = [form for k in _two_deletions(coarse) for form in get(k, ()) if distance(coarse, form.coarse) <= 2]
        result = [_Far(form, sound) for form, sound in _sounding_at_least(key, found, ROUGH_SIMILARITY)]
        if len(memo) >= 100_000:
            memo.clear()
        memo[key] = result
    return result


def _sounding_at_least(key: str, found: Iterable[_Form], floor: float) -> list[tuple[_Form, float]]:
    """Each form of ``found`` once, with its sound similarity to ``key``, where that is at least ``floor``."""
    forms = list(dict.fromkeys(found))
    result = []
    if len(forms) < _BULK:
        for form in forms:
            sound = sound_similarity(key, form.key)
            if sound >= floor:
                result.append((form, sound))
        return result
    # With thousands of terms a wide search finds hundreds of forms: sound_similarity's two parts, each for all of
    # them in one rapidfuzz call. (fine + 2 x coarse) / 3 reaches the floor only where fine reaches 3 x floor - 2
    # and coarse (3 x floor - 1) / 2, as neither is above 1; the sum is sound_similarity's, to the last bit.
    similarity = Levenshtein.normalized_similarity
    cutoff = max(0.0, 3.0 * floor - 2.0 - 1e-9)
    fine = sorted(
        process.extract(key, [f.key for f in forms], scorer=similarity, limit=None, score_cutoff=cutoff), key=_third
    )
    kept = [forms[k] for _, _, k in fine]
    cutoff = max(0.0, (3.0 * floor - 1.0) / 2.0 - 1e-9)
    coarse = process.extract(
        coarse_key(key), [f.coarse for f in kept], scorer=similarity, limit=None, score_cutoff=cutoff
    )
    for _, coarse_similarity, k in sorted(coarse, key=_third):
        sound = (fine[k][1] + 2.0 * coarse_similarity) / 3.0
        if sound >= floor:
            result.append((kept[k], sound))
    return result


def _syllables_dropped(coarse: str) -> set[str]:
    """The coarse keys made by deleting one syllable inside ``coarse``: a vowel run and a consonant next to it,
    neither of them its first or last sound, with what then runs together merged ("taknataras" -> "taknatas").
    """
    dropped = set()
    for p in range(3, len(coarse) - 3):
        a, b = coarse[p], coarse[p + 1]
        if (a == "a") != (b == "a"):
            left, right = coarse[:p], coarse[p + 2 :]
            if left[-1] == right[0]:  # "kar" + "rat": one sound, as a coarse key has it
                right = right[1:]
            dropped.add(left + right)
    return dropped


def _filed(index: _Index, min_key: int, keys: Callable[[str], Iterable[str]]) -> dict[str, list[_Form]]:
    """File every form whose coarse key has at least ``min_key`` sounds under each key ``keys`` makes of it (the
    keys of a coarse key with a syllable inside dropped, see _syllables_dropped; or with two sounds, _two_deletions)."""
    filed: dict[str, list[_Form]] = {}
    with paused_gc():
        for form in index.forms:
            if len(form.coarse) >= min_key:
                for k in keys(form.coarse):
                    filed.setdefault(k, []).append(form)
    return filed


# Coarse keys shorter than this have no syllable dropped or added: too little of the word would be left.
_MIN_SYLLABLE_KEY = 6


def _syllable_sounding(key: str, coarse: str, index: _Index, floor: float) -> list[tuple[_Form, float]]:
    """Return the forms one syllable longer or shorter inside the word than the span (see SYLLABLE_ZIPF), with a
    sound similarity of at least ``floor``."""
    found: list[_Form] = []
    if len(coarse) >= _MIN_SYLLABLE_KEY - 2:
        if index.syllables is None:
            index.syllables = _filed(index, _MIN_SYLLABLE_KEY, _syllables_dropped)
        found += index.syllables.get(coarse, ())
    if len(coarse) >= _MIN_SYLLABLE_KEY:
        get = index.by_coarse.get
        for k in _syllables_dropped(coarse):
            slots = get(k)
            if slots is not None and slots[0] is not None:
                found += slots[0]
    return _sounding_at_least(key, found, floor)


def _without_swallowed_words(changes: list[Change]) -> list[Change]:
    """Drop a span that makes a term only with one English word more at its end than another change to the
    same term: "then montfiche said" is "then Montfichet said", not "then Montfichet". The longer span may
    sound a little nearer, but it deletes a word that was heard and is a word. (A word more at the start
    is often the term's own first sound, split off by the recogniser: "a proves" is "approves".)"""
    if len(changes) < 2:
        return changes
    strong = {(c.start, c.end, c.entry) for c in changes if c.confidence >= _STRONG}
    kept = []
    for change in changes:
        words = [m.span() for m in WORD_PATTERN.finditer(change.before)]
        if len(words) > 1:
            start, before = change.start, change.before
            last, next_to_last = words[-1], words[-2]
            if (start, start + next_to_last[1], change.entry) in strong and zipf(
                before[last[0] : last[1]].lower()
            ) >= COMMON_ZIPF:
                continue
        kept.append(change)
    return kept


# A span judged by PhoneticCorrector._judge: its first and last word, its key, its sound matches, the term with its
# letters (or None), the frequency of its rarest word, its letters, and whether it is the text's last word tried
# with the two-sound endings.
_Pending = tuple[int, int, str, Sequence[tuple["_Form", float]], Entry | None, float, str, bool]


class _Proposals(list[Change]):
    """The proposals of PhoneticCorrector.propose, with what reconsider needs: the text's words and their spans,
    and the spans judged and not proposed at the most confidence."""

    def __init__(
        self, changes: Iterable[Change], words: list[str], spans: list[tuple[int, int]], pending: list[_Pending]
    ) -> None:
        super().__init__(changes)
        self.words = words
        self.spans = spans
        self.pending = pending


def _words(text: str, tokens: Sequence[Token]) -> tuple[list[str], list[tuple[int, int]]]:
    """The normalised words of ``text`` and their spans (``tokens`` when it is beyond ASCII)."""
    if text.isascii():
        lowered = text.lower()
        spans = [m.span() for m in WORD_PATTERN.finditer(lowered)]
        return [lowered[s:e] for s, e in spans], spans
    return [t.norm for t in tokens], [(t.start, t.end) for t in tokens]


def _settings(context: Context) -> tuple[float, int]:
    options: Mapping[str, Any] = context.options.get("phonetic", {}) or {}
    return float(options.get("min_similarity", 0.72)), int(options.get("max_words", 4))


@dataclass(slots=True)  # not frozen: made for every span assessed, and a frozen dataclass is slow to make
class _Evidence:
    sound: float
    spelling: float
    commonness: float  # Zipf frequency of the span's rarest word
    term_commonness: float
    near: bool
    elsewhere: bool
    n_words: int
    short: bool  # a coarse key of three sounds or fewer
    terms: int  # how many terms the lexicon has
    inflection: bool  # span and term are forms of one word ("epidemic", "epidemics")
    # Zipf frequency of the span's text as a whole, for the term-rarity prior: ``commonness``, except for several
    # words heard for a term of fewer words (recognisers write a word they do not know as words they know:
    # "cross wells" for "Cresswells"), where it is the phrase's were its words independent (their Zipf values
    # added, less 9 for each word after the first; at least 0), a bound from below: "cross wells" is rarer in
    # English than "cross" or "wells".
    span_commonness: float
    other_onset: bool = False  # the span's first sound is not the term's (coarse keys)
    far: bool = False  # found only by the two-edit search (see _wide_sounding)

    def with_context(self, near: bool, elsewhere: bool) -> _Evidence:
        """The same evidence with context found nearby and/or elsewhere (dataclasses.replace, but faster)."""
        return _Evidence(
            self.sound,
            self.spelling,
            self.commonness,
            self.term_commonness,
            near,
            elsewhere,
            self.n_words,
            self.short,
            self.terms,
            self.inflection,
            self.span_commonness,
            self.other_onset,
            self.far,
        )


def _confidence(e: _Evidence) -> tuple[float, float]:
    """Return the evidence needed and the confidence of a sound match.

    The weights were chosen on the dev half of the LibriSpeech biasing benchmark (benchmarks/README.md): an unknown
    spelling needs a score of 0.66, each step of Zipf frequency above 1 adds 0.045 (a word seen once per million
    words, Zipf 3, needs 0.75; "the" needs 0.96), a phrase of everyday words adds 0.06, a very short key 0.05, and
    every tenfold of lexicon size above 100 terms 0.07; another inflection of the term needs 0.1 less with 100 terms
    or fewer, and 0.08 more per tenfold above. The score is 0.75 x sound + 0.25 x spelling; a term rarer in English
    than the words it replaces loses 0.02 per Zipf step (at most 0.1: a dialect spelling such as "lookd" is no
    reason to change "looked"), a commoner one gains up to 0.04. Context words of the entry nearby add 0.2 to the
    score of a close sound match, elsewhere in the text 0.08. Below sound 0.8, or when the span's first sound is
    not the term's, words English knows are at most a suggestion (confidence 0.45).
    """
    needed = BASE_NEEDED + NEEDED_PER_ZIPF * max(0.0, e.commonness - 1.0)
    if e.short:
        needed += 0.05
    if e.n_words > 1 and e.commonness >= COMMON_ZIPF:
        needed += 0.06
    if e.far:
        needed += FAR_EVIDENCE
    size = math.log10(e.terms / 100) if e.terms > 100 else 0.0
    # The more terms, the more of them sound like some right word by chance.
    needed += LEXICON_SIZE_PENALTY * size
    if e.inflection:
        needed += INFLECTION_SIZE_PENALTY * size - INFLECTION_EVIDENCE
    rarer = e.span_commonness - e.term_commonness  # how much rarer in English the term is than the span
    if rarer > 0:
        prior = -min(TERM_RARITY_MAX, TERM_RARITY_PENALTY * rarer)
    elif e.span_commonness < e.commonness:
        prior = 0.0  # the phrase's frequency is only a bound from below: no gain for a commoner term
    else:
        prior = min(0.04, -0.02 * rarer)
    score = 0.75 * e.sound + 0.25 * e.spelling + prior
    # Context confirms a close match; it does not make a distant one close.
    if e.sound >= 0.85:
        score += 0.2 if e.near else 0.08 if e.elsewhere else 0.0
    elif e.sound >= 0.8:
        score += 0.1 if e.near else 0.04 if e.elsewhere else 0.0
    confidence = min(_MAX_CONFIDENCE, max(0.05, 0.5 + 2.0 * (score - needed)))
    if e.sound < MIN_SOUND_FOR_CHANGE and e.commonness >= UNKNOWN_ZIPF:
        confidence = min(confidence, 0.45)  # a suggestion at most
    if e.other_onset and e.commonness >= KNOWN_ONSET_ZIPF:
        confidence = min(confidence, 0.45)  # words English knows, and the start misheard: a suggestion at most
    return needed, confidence


def _span_commonness(span_words: tuple[str, ...], term: str, commonness: float) -> float:
    """Return how common the span's text is as a whole, for the term-rarity prior (see _Evidence.span_commonness)."""
    n = len(span_words)
    if n == 1 or n <= len(phrase_key(term)):
        return commonness
    return max(0.0, sum(_zipf(w) for w in span_words) - 9.0 * (n - 1))


def _floor(
    index: _Index, commonness: float, n_words: int, short: bool, min_similarity: float, spelling: float = 1.0
) -> float:
    """Return the least sound similarity at which a span could be proposed at all (at least ``min_similarity``).

    The span has ``n_words`` words, the rarest at Zipf ``commonness``, and a coarse key of three sounds or fewer
    when ``short``; no term's spelling is more like the span's than ``spelling`` (see _best_spelling). Its best
    case is asked of :func:`_confidence` itself: spelled that alike, a term as common as the lexicon's commonest,
    context nearby if any entry has context, either inflection, the same first sound. Confidence never falls as
    sound, spelling, the term's commonness or context grow, nor rises when the first sound differs, so a sound below
    the floor scores below ``_MIN_SUGGESTION`` however the rest turns out, and a form sounding less than that cannot
    be the best match of the span and be proposed; leaving such forms out changes no proposal. Over 1 when nothing
    can pass.
    """
    key = (commonness, n_words, short, min_similarity, spelling)
    floor = index.floors.get(key)
    if floor is not None:
        return floor
    context = index.has_context

    # The span's text as a whole is as common as its rarest word, or for a term heard as several words, maybe as
    # rare as can be (see _Evidence.span_commonness): the best case is the better of the two.
    spans = (commonness,) if n_words == 1 else (commonness, 0.0)

    def best(sound: float) -> float:
        return max(
            _confidence(
                _Evidence(
                    sound,
                    spelling,
                    commonness,
                    index.top_zipf,
                    context,
                    context,
                    n_words,
                    short,
                    index.terms,
                    inflection,
                    span_commonness,
                )
            )[1]
            for inflection in (False, True)
            for span_commonness in spans
        )

    if best(min_similarity) >= _MIN_SUGGESTION:
        floor = min_similarity
    elif best(1.0) < _MIN_SUGGESTION:
        floor = 2.0
    else:
        # best(low) fails and best(high) passes; every sound below the final ``low`` fails too.
        low, high = min_similarity, 1.0
        for _ in range(16):
            middle = (low + high) / 2.0
            if best(middle) < _MIN_SUGGESTION:
                low = middle
            else:
                high = middle
        floor = low
    if len(index.floors) >= 100_000:
        index.floors.clear()
    index.floors[key] = floor
    return floor


def _best_spelling(letters: int) -> float:
    """The highest spelling similarity a term can have with a span of ``letters`` letters that are not any term's
    letters: they differ by at least one edit, and by at least their difference in length, so it is at most
    1 - 1 / (``letters`` + 1) (see _reach); 1 for 0 (a span without letters, or one whose letters are a term's)."""
    return 1.0 - 1.0 / (letters + 1) if letters else 1.0


# The number of letters a floor is worked out for (see _floor), by the span's: the same up to 8, more rounded up
# (a higher bound of spelling similarity, so a floor no higher), 0 (no bound) above 24: fewer floors to work out.
_LETTERS_FOR_FLOOR = dict(enumerate((*range(9), 10, 10, 12, 12, 16, 16, 16, 16, *(24,) * 8)))
_NO_LETTERS_FOR_FLOOR: dict[int, int] = {}


def _floor_commonness(commonness: float) -> float:
    """The Zipf frequency a floor is worked out for: the span's rarest word's (at least 0), rounded down to a tenth
    (a rarer span needs less evidence, so a floor no higher; the same for the same ``int(commonness * 10)``), so
    that fewer floors are worked out."""
    return int(commonness * 10.0) / 10.0 - 1e-9

_NO_CONTEXT: frozenset[str] = frozenset()

# The best sound match of a span, judged on the span's words alone: the form, sound and spelling similarity,
# the evidence (before context), the entry's context words, and for an entry without context words (whose judgement
# then depends on the span's words alone) the confidence and the reason, else None.
_Assessment = tuple[_Form, float, float, _Evidence, frozenset[str], tuple[float, str] | None]


def _assess(
    span_words: tuple[str, ...],
    key: str,
    found: Sequence[tuple[_Form, float]],
    letters: str,
    commonness: float,
    index: _Index,
) -> _Assessment | None:
    """Return the span's best sound match, or None when it cannot be proposed whatever its context.

    Only the span's words count here (not where the span stands), so the assessment is made once per distinct
    span of a text.
    """
    several = len(span_words) > 1
    best: tuple[float, _Form, float, float, bool] | None = None
    for match in found:
        form, sound = match
        if best is not None and 0.75 * sound + 0.25 <= best[0]:
            continue  # even spelled the same it would not score above the best so far
        if letters == form.letters:  # only apostrophes differ ("robins", "robin's"): they count in spelling
            spelling = Levenshtein.normalized_similarity(_spelled("".join(span_words)), _spelled(form.entry.term))
        else:
            spelling = Levenshtein.normalized_similarity(letters, form.letters)
        score = 0.75 * sound + 0.25 * spelling
        if best is not None and score <= best[0]:
            continue  # (asked before the rules below: a form they leave out would not be the best either)
        if several and form.letters in letters:
            continue  # the term is already there, written right, inside the span
        if _with_ending(letters, form.letters):
            continue  # the term with an ending ("Mogadishu's", "Azerbaijani"): the term is already there
        if not several and commonness >= POSSESSIVE_ZIPF and _adds_possessive(span_words[0], form.entry.term):
            continue  # an everyday word is written without "'s" far more often than a recogniser drops one
        best = (score, form, sound, spelling, type(match) is _Far)
    if best is None:
        return None
    score, form, sound, spelling, far = best
    entry = form.entry
    if letters == form.letters and _spelled("".join(span_words)) == _spelled(entry.term):
        return None  # only the case differs: not a recognition error
    coarse = coarse_key(key)
    ctx = index.context.get(entry.term, _NO_CONTEXT)
    evidence = _Evidence(
        sound,
        spelling,
        commonness,
        _zipf(form.letters),
        bool(ctx),  # at best, context nearby
        False,
        len(span_words),
        len(coarse) <= 3,
        index.terms,
        _inflected(letters, form.letters),
        _span_commonness(span_words, form.entry.term, commonness),
        coarse[:1] != form.coarse[:1],
        far,
    )
    needed, confidence = _confidence(evidence)
    if confidence < _MIN_SUGGESTION:
        return None  # too weak even with context: skip the search for context words
    if several:
        # Each edge word must add to the match: "to Al Jazira" is not a better "Al Jazeera" than "Al Jazira".
        inner = ("".join(word_key(w) for w in span_words[1:]), "".join(word_key(w) for w in span_words[:-1]))
        if any(k and sound_similarity(k, form.key) >= sound for k in inner):
            return None
    # Without context words this is already the judgement wherever the span stands (the same span recurs in a text:
    # its reason is written once).
    plain = None
    if not ctx:
        reason = _sound_reason(form, coarse, sound, spelling, commonness, needed, far)
        plain = confidence, f"{reason}; confidence {confidence:.2f}"
    return form, sound, spelling, evidence, ctx, plain


def _sound_reason(
    form: _Form, coarse: str, sound: float, spelling: float, commonness: float, needed: float, far: bool
) -> str:
    """The reason of a sound match, up to its context and confidence."""
    entry = form.entry
    return (
        f"sounds like {entry.term!r} ({form.source}, {entry.lexicon}): key {coarse!r} ~ "
        f"{form.coarse!r}{' (two edits apart)' if far else ''}, sound {sound:.2f}, spelling "
        f"{spelling:.2f}; rarest word at Zipf {commonness:.1f} needs {needed:.2f}"
    )


class PhoneticCorrector:
    """Proposes lexicon terms for spans that sound like them.

    >>> from asrfix import Lexicon, correct
    >>> from asrfix.lexicon import Entry
    >>> lexicon = Lexicon("demo", (Entry("Uyghur", sounds_like=("wee gur",), context=("Muslim",)),))
    >>> correct("the Muslim weaker community", lexicons=[lexicon], correctors=[PhoneticCorrector()]).text
    'the Muslim Uyghur community'
    """

    name = "phonetic"

    def propose(self, text: str, tokens: Sequence[Token], context: Context) -> Iterable[Change]:
        """Return a proposal for every span that sounds like a lexicon term."""
        with paused_gc():  # the look-ups make many small objects and no cycles; they are freed on return
            return self._propose(text, tokens, context)

    def _propose(self, text: str, tokens: Sequence[Token], context: Context) -> list[Change]:
        index = context.lexicon.derived("phonetic-corrector", _build_index)
        if not index.by_coarse and not index.by_letters:
            return []
        min_similarity, max_words = _settings(context)
        max_words = min(max_words, index.max_words)
        ascii_text = text.isascii()
        words, spans = _words(text, tokens)
        n = len(words)
        if not n:
            return []
        # joinable[i]: word i and word i + 1 may form one phrase (only spaces or hyphens between them).
        joinable = [
            text[spans[i][1] : spans[i + 1][0]] == " "
            or bool(_PHRASE_GAP.fullmatch(text, spans[i][1], spans[i + 1][0]))
            for i in range(n - 1)
        ]
        # A token longer than any spoken word (a pasted hash, a run of letters) is matched by nothing: its sound key
        # would cost time quadratic in its length.
        info = [_word_info(w) if len(w) <= _LONGEST_WORD else _NO_WORD_INFO for w in words]
        term_words = index.term_words
        protected = [
            w in term_words
            or len(w) > _LONGEST_WORD
            or (not w.isalpha() and (_stem(w) in term_words or any(c.isdigit() for c in w)))
            for w in words
        ]
        for i in (i for i, w in enumerate(words) if w in index.phrases):
            for phrase in index.phrases[words[i]]:
                last = i + len(phrase)
                if last <= n and tuple(words[i : last - 1]) == phrase[:-1] and _stem(words[last - 1]) == phrase[-1]:
                    protected[i:last] = [True] * len(phrase)
        doc_words = collections.Counter(words)  # how often each word occurs in the text
        changes: list[Change] = []
        if index.acronyms:
            changes.extend(self._spelled_letters(text, words, spans, joinable, index))
        by_coarse = index.by_coarse
        by_letters = index.by_letters
        spaced = index.spaced
        listed = index.listed
        stems = index.stems
        parts = index.parts
        max_key = index.max_key
        # The sound matches of each distinct key, by number of words less one, with the frequency of the span's
        # rarest word and the number of its letters they were looked up for (which set the floor of sound
        # similarity, see _floor; the frequency is the very float object of the word's information, compared by
        # identity: the same word, or a recomputation; the letters are 0 when a term has them, see below).
        memos: list[dict[str, tuple[float, int, Sequence[tuple[_Form, float]]]]] = [{} for _ in range(max_words)]
        memo_rough: dict[str, tuple[float, Sequence[tuple[_Form, float]]]] = {}
        memo_syllable: dict[str, list[tuple[_Form, float]]] = {}
        # The floor of sound similarity of spans, by number of words less one, the rarest word's frequency, the
        # span's letters (as in memos) and whether its coarse key is short; worked out for the frequency in tenths
        # (see _floor_commonness) and the letters rounded up (see _LETTERS_FOR_FLOOR), by number of words less
        # one. No bound of spelling where _assess compares other letters than these (text beyond ASCII).
        floors: list[dict[tuple[float, int, bool], float]] = [{} for _ in range(max_words)]
        rounded_floors: list[dict[tuple[int, int, bool], float]] = [{} for _ in range(max_words)]
        letters_for_floor = _LETTERS_FOR_FLOOR if ascii_text else _NO_LETTERS_FOR_FLOOR
        assessed: dict[tuple[tuple[str, ...], str], _Assessment | None] = {}
        # The spans judged and not proposed at the most confidence: a term written elsewhere may be context for
        # them once the changes are made (see reconsider). Kept only when some entry has context words.
        pending: list[_Pending] | None = [] if index.has_context else None
        for i in range(n):
            # The span's sound key, its coarse form and its letters grow word by word; a coarse key of several
            # words is the words' coarse keys joined, with a vowel run across the join merged into one.
            key = coarse = letters = ""
            rarest = 99.0
            single = False  # the word alone sounds like a term, or has its letters
            for j in range(i, min(n, i + max_words)):
                if j > i and not joinable[j - 1]:
                    break
                if protected[j]:
                    break
                word_key_j, coarse_j, frequency_j, letters_j = info[j]
                key += word_key_j
                if coarse and coarse_j and coarse[-1] == "a" and coarse_j[0] == "a":
                    coarse += coarse_j[1:]
                else:
                    coarse += coarse_j
                letters += letters_j
                if frequency_j < rarest:
                    rarest = frequency_j
                everyday = rarest >= _EVERYDAY_ZIPF  # the commonest words of English: no change for sound alone
                if everyday and j == i:
                    continue
                if len(coarse) > max_key:
                    break
                if j > i and len(words[j]) == 1 and len(words[j - 1]) == 1:
                    continue  # spelled letters are matched whole, above
                found: Sequence[tuple[_Form, float]]
                lettered = by_letters.get(letters)  # a term with the span's letters
                if everyday:
                    found = _NOTHING
                else:
                    # No term is spelled more like the span than _best_spelling of its letters, unless one has
                    # its very letters (then 0).
                    spelled = 0 if lettered is not None else len(letters)
                    hit = memos[j - i].get(key)
                    if hit is not None and hit[0] is rarest and hit[1] == spelled:
                        found = hit[2]
                    else:
                        if rarest < ROUGH_ZIPF:
                            # No floor for a word English does not know: whether it sounds like a term at all
                            # decides whether it is tried as two words glued together.
                            floor = min_similarity
                        else:
                            short = len(coarse) <= 3  # (coarse is coarse_key(key), see above)
                            floor = floors[j - i].get((rarest, spelled, short), 0.0)
                            if not floor:
                                bound = letters_for_floor.get(spelled, 0)
                                rounded = (int(rarest * 10.0), bound, short)
                                floor = rounded_floors[j - i].get(rounded, 0.0)
                                if not floor:
                                    floor = rounded_floors[j - i][rounded] = _floor(
                                        index,
                                        _floor_commonness(rarest),
                                        j - i + 1,
                                        short,
                                        min_similarity,
                                        _best_spelling(bound),
                                    )
                                floors[j - i][rarest, spelled, short] = floor
                        found = _sounding(key, coarse, by_coarse, parts, floor)
                        memos[j - i][key] = (rarest, spelled, found)
                if j == i and frequency_j < ROUGH_ZIPF:
                    # A word English does not know: also the forms wider searches find (its consonants within one
                    # edit; its coarse key within two, found last, as _Far matches).
                    rough_hit = memo_rough.get(key)
                    if rough_hit is not None and rough_hit[0] == rarest:
                        found = rough_hit[1]
                    else:
                        found = list(found)
                        near = {form for form, _ in found}
                        for match in (
                            *_rough_sounding(key, coarse, index, ROUGH_SIMILARITY),
                            *_wide_sounding(key, coarse, index),
                        ):
                            if match[0] not in near:
                                near.add(match[0])
                                found.append(match)
                        memo_rough[key] = (rarest, found)
                if j == i and frequency_j < SYLLABLE_ZIPF and len(coarse) >= _MIN_SYLLABLE_KEY - 2:
                    # A term one unstressed syllable longer or shorter ("dignities", "dignitaries").
                    syllable_hit = memo_syllable.get(key)
                    if syllable_hit is None:
                        syllable_hit = memo_syllable[key] = _syllable_sounding(key, coarse, index, min_similarity)
                    if syllable_hit:
                        near = {form for form, _ in found}
                        found = [*found, *(m for m in syllable_hit if m[0] not in near)]
                # The two-sound endings are tried for a commoner word when it ends the text (see TWO_SOUND_ZIPF).
                at_end = (
                    j == i == n - 1
                    and frequency_j >= TWO_SOUND_ZIPF
                    and letters in stems
                    and not _noun_or_subject(text, words, spans, i)
                )
                if j == i and letters in stems and (frequency_j < TWO_SOUND_ZIPF or at_end):
                    # A term that is this word with a two-sound ending ("garden", "gardening").
                    near = {form for form, _ in found}
                    found = [
                        *found,
                        *(
                            (form, sound_similarity(key + ending, form.key))
                            for form, ending in stems[letters]
                            if form not in near and (not at_end or form.entry.term.islower())
                        ),
                    ]
                # A single word with a term's letters matters only when the term is written in several words.
                exact = lettered if j > i or lettered is None else spaced.get(letters)
                if not found and exact is None:
                    continue
                if j == i:
                    single = True
                span_words = tuple(words[i : j + 1])
                if span_words in listed:
                    continue
                # The span's letters as _letters of its text gives them (the words are normalised otherwise).
                span_letters = letters if ascii_text else _letters(text[spans[i][0] : spans[j][1]])
                if exact is None and not at_end and assessed.get((span_words, span_letters), True) is None:
                    continue  # assessed before: no sound match can be proposed here
                change = self._judge(
                    text,
                    words,
                    spans,
                    i,
                    j,
                    key,
                    found,
                    exact,
                    index,
                    doc_words,
                    rarest,
                    span_letters,
                    {} if at_end else assessed,  # the same word elsewhere was assessed without those endings
                )
                if change is not None:
                    changes.append(change)
                if pending is not None and (change is None or change.confidence < _MAX_CONFIDENCE):
                    pending.append((i, j, key, found, exact, rarest, span_letters, at_end))
            if not single and info[i][2] < ROUGH_ZIPF and len(words[i]) >= 7 and not protected[i]:
                change = self._glued(text, words[i], spans[i], index, min_similarity)
                if change is not None:
                    changes.append(change)
        if info[-1][2] < CUT_SHORT_ZIPF and not protected[-1] and (words[-1],) not in listed:
            change = self._cut_short(text, words[-1], spans[-1], index, info[-1][2])
            if change is not None:
                changes.append(change)
        return _Proposals(_without_swallowed_words(changes), words, spans, pending or [])

    def reconsider(
        self, text: str, changes: Sequence[Change], proposed: Iterable[Change], context: Context
    ) -> list[Change]:
        """Judge again, in the text as ``changes`` make it, the spans that ``propose`` judged in ``text`` (its
        result is ``proposed``) and did not propose at the most confidence: a term a change writes may be one of
        an entry's context words ("Hamas" for "Gaza"), and on a second correction such a span would be proposed
        more surely. Returns those proposals, at ``text``'s offsets; only context can make them differ, as
        nothing else a span is judged on depends on text outside it (spans that overlap a change are left out)."""
        index = context.lexicon.derived("phonetic-corrector", _build_index)
        if not isinstance(proposed, _Proposals) or not proposed.pending or not changes:
            return []
        written = index.context_words
        if not any(not written.isdisjoint(phrase_key(c.after)) for c in changes):
            return []  # no context word written: every judgement stands
        # The words of the text as the changes make it: each change's words stand where the change is (they
        # take its span), the others keep theirs, so a span judged again is judged at its own offsets.
        words: list[str] = []
        spans: list[tuple[int, int]] = []
        where: dict[int, int] = {}  # the number of an original word among these, if it is kept
        old_words, old_spans = proposed.words, proposed.spans
        k = 0
        for change in changes:
            while k < len(old_spans) and old_spans[k][1] <= change.start:
                where[k] = len(words)
                words.append(old_words[k])
                spans.append(old_spans[k])
                k += 1
            while k < len(old_spans) and old_spans[k][0] < change.end:
                k += 1  # a word the change replaces
            for word in phrase_key(change.after):
                words.append(word)
                spans.append((change.start, change.end))
        for rest in range(k, len(old_spans)):
            where[rest] = len(words)
            words.append(old_words[rest])
            spans.append(old_spans[rest])
        doc_words = collections.Counter(words)
        found: list[Change] = []
        assessed: dict[tuple[tuple[str, ...], str], _Assessment | None] = {}
        for i, j, key, matches, exact, rarest, letters, at_end in proposed.pending:
            i2 = where.get(i)
            if i2 is None or where.get(j) != i2 + j - i:
                continue  # a change stands in the span
            judged = self._judge(
                text, words, spans, i2, i2 + j - i, key, matches, exact, index, doc_words, rarest, letters,
                {} if at_end else assessed,
            )
            if judged is not None:
                found.append(judged)
        if not found:
            return []
        kept = {id(c) for c in _without_swallowed_words([*proposed, *found])}
        return [c for c in found if id(c) in kept]

    def _cut_short(
        self, text: str, word: str, span: tuple[int, int], index: _Index, commonness: float
    ) -> Change | None:
        """The text's last word, rare in English, cut short by the recogniser: the one term it is the start of
        ("use of imagi" is "use of imagining")."""
        if len(word) < 2 or not word.isalpha():
            return None
        confidence = _CONFIDENCE_CUT_SHORT - LEXICON_SIZE_PENALTY * math.log10(max(1.0, index.terms / 100))
        if confidence < _MIN_SUGGESTION:
            return None
        if index.starts is None:
            index.starts = sorted(
                letters for letters, entry in index.by_letters.items() if len(phrase_key(entry.term)) == 1
            )
        starts = index.starts
        found = None
        for k in range(bisect.bisect_left(starts, word), len(starts)):
            letters = starts[k]
            if not letters.startswith(word):
                break
            if len(letters) >= len(word) + 2:
                if found is not None:
                    return None  # the start of several terms
                found = letters
        if found is None or found[len(word) :] in _ENDINGS:
            return None
        entry = index.by_letters[found]
        start, end = span
        before = text[start:end]
        reason = (
            f"{before!r}, the text's last word, is rare in English (Zipf {commonness:.1f}) and the start of "
            f"{entry.term!r} ({entry.lexicon}) only: recognisers often cut a segment's last word short; "
            f"{index.terms} terms; confidence {confidence:.2f}"
        )
        return self._change(text, start, end, before, entry, round(confidence, 3), reason)

    def _glued(
        self, text: str, word: str, span: tuple[int, int], index: _Index, min_similarity: float
    ) -> Change | None:
        """A word English does not know that is two words glued together, each of them a word English knows well or
        sounding like a term, and at least one a term ("noncomposer": "non" + "composser"; "tonacheron": "Tonnay"
        + "Charente"): propose the two words, apart. The whole word must sound like the two together."""
        if not word.isalpha():
            return None

        def readings(part: str) -> list[tuple[str, str, str, _Form | None, float]]:
            """Ways to read a part: as written (a word English knows), or as a term it sounds like; each with its
            sound key, coarse key, letters, the term's form (None for the word as written) and sound similarity."""
            result: list[tuple[str, str, str, _Form | None, float]] = []
            key = word_key(part)
            coarse = coarse_key(key)
            if len(part) >= 3 and _zipf(part) >= GLUED_ZIPF and (part,) not in index.listed:
                # (A listed misrecognition left standing beside the term, "weakerweaker" as "weaker Uyghur", would
                # be changed by a second correction: the output would not be final.)
                result.append((key, coarse, part, None, 1.0))
            if len(part) >= GLUED_TERM_LETTERS:
                found = _sounding(key, coarse, index.by_coarse, index.parts, min_similarity)
                result += [(form.key, form.coarse, form.letters, form, sound) for form, sound in found]
            return result

        whole_key = word_key(word)
        whole_coarse = coarse_key(whole_key)
        similarity = Levenshtein.normalized_similarity
        # The best reading: its rank, the word English knows (or the first term's part), the term's part, the term's
        # form, the first term's form (two terms), whether the term comes first, sound and spelling similarity.
        best: tuple[float, str, str, _Form, _Form | None, bool, float, float] | None = None
        for k in range(3, len(word) - 2):
            left, right = word[:k], word[k:]
            # The longer part first: it sounds like a term less often, and then the shorter needs no look-up.
            if k >= len(word) - k:
                lefts = readings(left)
                rights = readings(right) if lefts else []
            else:
                rights = readings(right)
                lefts = readings(left) if rights else []
            if not lefts or not rights:
                continue
            # A listed misrecognition is taken for its term only beside a word English knows.
            listed = (left,) in index.listed or (right,) in index.listed
            # A pair needs a term part that sounds like its term as much as a change needs (see below): unless the
            # left part is one, only such right parts can make one.
            strong = [r for r in rights if r[3] is not None and r[4] >= MIN_SOUND_FOR_CHANGE]
            for key_a, coarse_a, letters_a, form_a, sound_a in lefts:
                pool = rights if form_a is not None and sound_a >= MIN_SOUND_FOR_CHANGE else strong
                for key_b, coarse_b, letters_b, form_b, sound_b in pool:
                    if form_a is not None and form_b is not None:
                        # Two terms: the whole word must sound like them together, each part like its term, one of
                        # them as much as a change needs (the pool above).
                        if listed or min(sound_a, sound_b) < GLUED_PART_SOUND:
                            continue
                        two = True
                    elif form_a is None and form_b is None:
                        continue
                    else:
                        # A word English knows, as written, and a part that sounds like a term on its own.
                        part, sound = (right, sound_b) if form_b is not None else (left, sound_a)
                        if sound < MIN_SOUND_FOR_CHANGE or len(part) < 4:
                            continue
                        two = False
                    # How well the reading explains the whole word (sound_similarity of the word and the two
                    # together, with the coarse key of the two made from theirs) ranks the readings.
                    if coarse_a[-1:] == "a" and coarse_b[:1] == "a":
                        coarse_b = coarse_b[1:]
                    coarse = similarity(whole_coarse, coarse_a + coarse_b)
                    if two and (1.0 + 2.0 * coarse) / 3.0 < MIN_SOUND_FOR_CHANGE - 1e-9:
                        continue
                    # A reading with the word's very letters ("sans" + "hezbollah") comes first: the sound of the
                    # glued spelling may run across the cut ("sanshezbollah" has an "sh").
                    whole_spelling = similarity(word, letters_a + letters_b)
                    exact = 1.0 if letters_a + letters_b == word else 0.0
                    bound = exact + 0.75 * (1.0 + 2.0 * coarse) / 3.0 + 0.25 * whole_spelling
                    if best is not None and bound <= best[0]:
                        continue
                    whole = round((similarity(whole_key, key_a + key_b) + 2.0 * coarse) / 3.0, 9)  # (0.8, not 0.79999)
                    rank = exact + 0.75 * whole + 0.25 * whole_spelling
                    if best is not None and rank <= best[0]:
                        continue
                    if form_a is not None and form_b is not None:
                        if whole >= MIN_SOUND_FOR_CHANGE:
                            best = (rank, left, right, form_b, form_a, False, whole, whole_spelling)
                    elif form_b is not None:
                        best = (rank, left, right, form_b, None, False, sound_b, similarity(right, letters_b))
                    elif form_a is not None:
                        best = (rank, right, left, form_a, None, True, sound_a, similarity(left, letters_a))
        if best is None:
            return None
        _rank, known, part, form, other, first, sound, spelling = best
        entry = form.entry
        rarest = min(_zipf(form.letters), _zipf(other.letters)) if other is not None else _zipf(form.letters)
        short = len(form.coarse) <= 3 and other is None
        # Two terms are a pair of the lexicon's: of n terms, n x n pairs may sound like a word by chance, so the
        # lexicon-size term counts twice (the evidence is judged as for a lexicon of n x n / 100 terms).
        pairs = index.terms if other is None else max(index.terms, index.terms * index.terms // 100)
        evidence = _Evidence(sound, spelling, 0.0, rarest, False, False, 1, short, pairs, False, 0.0)
        needed, confidence = _confidence(evidence)
        if confidence < _MIN_SUGGESTION:
            return None
        start, end = span
        before = text[start:end]
        if other is not None:
            after = f"{other.entry.term} {entry.term}"
            what = (
                f"{known!r} and {part!r} glued together, which together sound like {other.entry.term!r} and "
                f"{entry.term!r} ({entry.lexicon}), each part like its term; pairs of {index.terms} terms"
            )
        else:
            after = f"{entry.term} {known}" if first else f"{known} {entry.term}"
            what = (
                f"{known!r} glued to {part!r}, which sounds like {entry.term!r} ({form.source}, {entry.lexicon})"
            )
        after = match_case(before, after, sentence_start=is_sentence_start(text, start))
        reason = (
            f"{before!r} is a word English does not know: {what}: sound {sound:.2f}, spelling {spelling:.2f}, "
            f"needs {needed:.2f}; confidence {confidence:.2f}"
        )
        return Change(start, end, before, after, self.name, entry.lexicon, entry.term, round(confidence, 3), reason)

    def _spelled_letters(
        self, text: str, words: list[str], spans: list[tuple[int, int]], joinable: list[bool], index: _Index
    ) -> Iterable[Change]:
        i, n = 0, len(words)
        while i < n:
            if len(words[i]) != 1 or not words[i].isalpha():
                i += 1
                continue
            j = i
            while j + 1 < n and joinable[j] and len(words[j + 1]) == 1 and words[j + 1].isalpha():
                j += 1
            letters = "".join(words[i : j + 1])
            entry = index.acronyms.get(letters) if j > i else None
            if entry is not None and tuple(words[i : j + 1]) not in index.listed:
                start, end = spans[i][0], spans[j][1]
                reason = (
                    f"the letters {text[start:end]!r} spell the acronym {entry.term!r} ({entry.lexicon}); "
                    "the whole run of single letters matches"
                )
                yield Change(
                    start,
                    end,
                    text[start:end],
                    entry.term,
                    self.name,
                    entry.lexicon,
                    entry.term,
                    _CONFIDENCE_LETTERS,
                    reason,
                )
            i = j + 1

    def _judge(
        self,
        text: str,
        words: list[str],
        spans: list[tuple[int, int]],
        i: int,
        j: int,
        key: str,
        found: Sequence[tuple[_Form, float]],
        exact: Entry | None,
        index: _Index,
        doc_words: collections.Counter[str],
        commonness: float,
        letters: str,
        assessed: dict[tuple[tuple[str, ...], str], _Assessment | None],
    ) -> Change | None:
        """Decide on the span of words ``i``..``j``: a proposal, or None.

        ``commonness`` is the Zipf frequency of the span's rarest word; ``letters`` the span's letters
        (``_letters`` of its text). What depends only on the span's words is assessed once per distinct span
        and text (in ``assessed``); context and the change itself depend on where the span stands.
        """
        start, end = spans[i][0], spans[j][1]
        before = text[start:end]
        if exact is not None and (j > i or " " in exact.term) and phrase_key(before) != phrase_key(exact.term):
            # Joined or split: the very letters of the term, only the spaces differ.
            reason = f"{before!r} has the letters of {exact.term!r} ({exact.lexicon}) with different word breaks"
            confidence = _CONFIDENCE_JOINED
            if commonness >= UNKNOWN_ZIPF and index.terms > 100:
                # Words English knows written apart ("waistcoat pocket", "et cetera"): a large lexicon of words
                # holds many compound spellings of such pairs, so the larger it is, the less sure the join.
                confidence -= 2.0 * LEXICON_SIZE_PENALTY * math.log10(index.terms / 100)
                reason += f"; words English knows, {index.terms} terms"
            if commonness >= COMMON_ZIPF:
                # Everyday words written apart ("main hall", "we chat"): less sure, the more so the larger the
                # lexicon; with one of the commonest words of English ("we", "to"), only with context nearby.
                lo, hi = max(0, i - exact.context_window), j + 1 + exact.context_window
                near = sorted(index.context.get(exact.term, frozenset()).intersection(words[lo:i] + words[j + 1 : hi]))
                commonest = max(_zipf(w) for w in words[i : j + 1]) >= _FUNCTION_WORD_ZIPF
                if near:
                    confidence = _CONFIDENCE_JOINED_COMMON
                    reason += f"; context {near[0]!r} nearby"
                elif commonest and not _compound_word(exact.term, words[i : j + 1]):
                    confidence = _CONFIDENCE_NO_CONTEXT
                    reason += "; one of the commonest words of English, and no context word nearby"
                else:
                    confidence = 0.6 - LEXICON_SIZE_PENALTY * math.log10(max(1.0, index.terms / 100))
                    reason += f"; everyday words, no context word nearby, {index.terms} terms"
                    if commonest:
                        reason += "; one of the commonest words of English, in a compound English writes as one word"
            return self._change(text, start, end, before, exact, confidence, reason)
        if not found:
            return None
        span = (tuple(words[i : j + 1]), letters)
        if span in assessed:
            assessment = assessed[span]
        else:
            assessment = assessed[span] = _assess(span[0], key, found, letters, commonness, index)
        if assessment is None:
            return None
        form, sound, spelling, evidence, ctx, plain = assessment
        entry = form.entry
        if (
            evidence.inflection
            and i > 0
            and words[i - 1] in _NO_S_AFTER
            and _adds_s(before, entry.term)
            and text[spans[i - 1][1] : start].isspace()
        ):
            return None  # "a station" is not "a stations", nor "I approve" "I approves"
        if plain is not None:
            return self._change(text, start, end, before, entry, *plain)
        lo, hi = max(0, i - entry.context_window), j + 1 + entry.context_window
        near = sorted(ctx.intersection(words[lo:i] + words[j + 1 : hi])) if ctx else []
        elsewhere = [] if near or not ctx else sorted(ctx.intersection(doc_words))
        if elsewhere and not ctx.isdisjoint(span[0]):
            # A word of the span is no context for replacing it ("the Iran" is not "Tehran" because of "Iran").
            elsewhere = [w for w in elsewhere if doc_words[w] > span[0].count(w)]
        needed, confidence = _confidence(evidence.with_context(bool(near), bool(elsewhere)))
        why = _sound_reason(form, coarse_key(key), sound, spelling, commonness, needed, evidence.far)
        if near:
            why += f"; context {near[0]!r} nearby"
        elif elsewhere:
            why += f"; context {elsewhere[0]!r} elsewhere in the text"
        why += f"; confidence {confidence:.2f}"
        if confidence < _MIN_SUGGESTION:
            return None  # too weak even to suggest
        return self._change(text, start, end, before, entry, confidence, why)

    def _change(
        self, text: str, start: int, end: int, before: str, entry: Entry, confidence: float, reason: str
    ) -> Change:
        after = match_case(before, entry.term, sentence_start=is_sentence_start(text, start))
        confidence = round(confidence, 3)
        # ``before`` is the text of a span of words (never empty): only the confidence needs checking, and Change
        # itself checks one out of range (a joined-words confidence with an absurdly large lexicon).
        make = trusted_change if 0.0 <= confidence <= 1.0 else Change
        return make(start, end, before, after, self.name, entry.lexicon, entry.term, confidence, reason)
