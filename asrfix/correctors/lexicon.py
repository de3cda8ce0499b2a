"""The lexicon corrector: replaces known misrecognitions listed in the lexicon with their terms.

Matching is on whole words and phrases, case-insensitive, across line breaks and hyphens inside a phrase,
with plural and possessive forms ("Uighurs" -> "Uyghurs", "Uighur's" -> "Uyghur's"). A misrecognition that
is itself everyday English ("weaker", "red coat") applies only where one of the entry's context words (or the
term itself) stands within the entry's context window; elsewhere it is reported as a suggestion.

Cost: one Aho-Corasick pass (``daachorse``'s double-array automaton, in compiled code; ``ahocorasick_rs``
where daachorse has no wheel) over the lower-cased text finds every occurrence of each variant's *trigger*, its
least common word; only there does Python look at the text, to check the word boundaries, the other words of a
phrase and an inflected ending. The pass is linear in the text and independent of the number of entries, and
the text is never split into words as a whole.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

try:
    import daachorse
except ImportError:  # pragma: no cover - platforms without its wheels (see pyproject.toml) use ahocorasick_rs
    daachorse = None  # type: ignore[assignment]

from ..changes import Change, apply, resolve, trusted_change
from ..lexicon import (
    Entry,
    Lexicon,
    Misrecognition,
    _english_frequencies,
    keep,
    kept,
    misrecognition_keys,
    paused_gc,
    phrase_key,
)
from ..tokens import (
    WORD_CHARACTER,
    WORD_PATTERN,
    Token,
    case_as_written,
    is_sentence_start,
    match_case,
    tokenize,
)
from . import Context

__all__ = ["LexiconCorrector"]

# What may stand between the words of a multi-word match: spaces, line breaks and hyphens, nothing else.
_GAP_CHARS = "-\u2010\u2011\u2012\u2013"
_PHRASE_GAP = re.compile(rf"[\s{re.escape(_GAP_CHARS)}]+")
_APOSTROPHES = "'\u2019"
_CONFIDENCE = 0.99
_CONFIDENCE_IN_CONTEXT = 0.9
_CONFIDENCE_NO_CONTEXT = 0.3
_INFLECTION_PENALTY = 0.02
# A form this sure (in context, or needing none; inflected or not) is made; one less sure waits for context.
_MADE = _CONFIDENCE_IN_CONTEXT - _INFLECTION_PENALTY


class _Variant(NamedTuple):  # a named tuple: built hundreds of thousands of times for a large lexicon
    words: tuple[str, ...]  # the misrecognition's normalised words
    trigger: int  # which of them the automaton looks for
    entry: Entry
    misrecognition: Misrecognition
    # The plural/possessive endings allowed after the last word ("" for none), less those that would spell a
    # form listed in its own right ("uighurs" listed: that entry decides, so "uighur" takes no "s").
    endings: tuple[str, ...]
    context: frozenset[str]


# The context of a form that needs none: one object for all of them (an empty frozenset is not a singleton, and
# one each took 216 bytes, 41 MB for 200,000 forms).
_NO_CONTEXT: frozenset[str] = frozenset()


# Built straight from a tuple: several times faster than calling the class, for hundreds of thousands.
_new_variant = functools.partial(tuple.__new__, _Variant)


# What every hit of a variant as listed (needing no context, not inflected) proposes: (after: the term, the
# lexicon, the change's entry: the term again, the confidence: 0 when each hit is judged anew, inflected or
# needing context, the reason, the form with its words one space apart, how far the trigger word is from the
# form's start, the variant's place in its pattern's bucket). A plain tuple: unpacked at every hit, faster
# than a named one.
_Plain = tuple[str, str, str, float, str, str, int, int]


@dataclass(frozen=True)
class _Index:
    # The automaton's search: each hit of a pattern as (start, end, the pattern's number), leftmost longest.
    find: Callable[[str], list[tuple[int, int, int]]]
    # The forms each of the automaton's patterns stands for, by the pattern's number: those whose trigger word is
    # the pattern, then those whose trigger and an ending spell it (see _forms), at forms[starts[number]:
    # starts[number + 1]]. A form is numbers only: its misrecognition's number in the lexicon (in ``forms``),
    # which of its words is the trigger (``trigger_of``), its endings by number in ``endings`` (``endings_of``);
    # a few bytes each, where an object per form took about 40 MB for 200,000 forms. A pattern's variants are
    # made at its first hit (see bucket).
    starts: array[int]
    forms: array[int]
    trigger_of: array[int]
    endings_of: array[int]
    endings: tuple[tuple[str, ...], ...]
    # Each misrecognition's key, entry and misrecognition, by number (the lexicon's own objects).
    keys: list[tuple[str, ...]]
    entries: list[Entry]
    misrecognitions: list[Misrecognition]
    # The variants of the patterns hit so far, by number.
    variants: dict[int, tuple[_Variant, ...]] = field(default_factory=dict)
    # What a plain hit of each variant of a pattern (its form as listed, needing no context) always proposes,
    # by the pattern's number: for each of its variants, the term, the lexicon, the confidence and the reason
    # (see _plain), made at the pattern's first hit. Most hits of a text are plain, and many of them repeat a
    # pattern. The records are made in the order of the hits, so they stand together in memory: a hit reads
    # one record instead of the pattern's bucket, its variants and their entries, spread over the whole
    # lexicon (at 100,000 entries, reading those took about 5 ms of a 100,000-word text's 13 ms after the
    # automaton, in cache misses).
    plain: dict[int, tuple[_Plain, ...]] = field(default_factory=dict)

    def bucket(self, number: int) -> tuple[_Variant, ...]:
        """The variants of pattern ``number``, made at its first hit."""
        bucket = self.variants.get(number)
        if bucket is None:
            bucket = self.variants[number] = tuple(
                map(self._variant, range(self.starts[number], self.starts[number + 1]))
            )
        return bucket

    def _variant(self, slot: int) -> _Variant:
        n = self.forms[slot]
        entry, mis = self.entries[n], self.misrecognitions[n]
        context = _NO_CONTEXT
        if mis.needs_context:
            context = frozenset(w for p in (*entry.context, entry.term) for w in phrase_key(p))
        endings = self.endings[self.endings_of[slot]]
        return _new_variant((self.keys[n], self.trigger_of[slot], entry, mis, endings, context))


def _copy(text: str) -> str:
    """A new string object equal to ``text`` (allocated now, next to what is allocated with it)."""
    return (text + " ")[:-1] if text else text


_NO_ENDING: tuple[str, ...] = ("",)
_ENDINGS = ("", "s", "'s")
_ENDINGS_ES = ("", "s", "'s", "es")


def _rarest(key: tuple[str, ...]) -> int:
    """Index of the least common word of ``key`` (the first of the longest among equals)."""
    frequency = _english_frequencies().get
    if len(key) == 2:  # most phrases: no list to build
        a, b = key
        return 0 if (frequency(a, 0.0), -len(a)) <= (frequency(b, 0.0), -len(b)) else 1
    ranks = [(frequency(word, 0.0), -len(word)) for word in key]
    return ranks.index(min(ranks))


# The forms of each pattern, as _Index holds them: starts, forms, trigger_of, endings_of, endings.
_Forms = tuple["array[int]", "array[int]", "array[int]", "array[int]", tuple[tuple[str, ...], ...]]


def _build_index(lexicon: Lexicon) -> _Index | None:
    keys = misrecognition_keys(lexicon)  # kept with the lexicon (and in its cache) when it is read
    entries = [entry for entry in lexicon.entries for _ in entry.misrecognitions]  # each misrecognition's entry
    data = _kept_forms(lexicon, keys)
    if data is None:
        data = _forms(entries, keys)
        if _kept_key():
            keep(lexicon, _kept_key(), lambda: data)
    starts, forms, trigger_of, endings_of, endings = data
    if len(starts) < 2:
        return None
    # The patterns are in alphabetical order, which builds the automaton faster (its trie is filled branch by
    # branch; daachorse 0.27 against 0.39 s shuffled at 100,000 entries, a measurement in benchmarks/README.md,
    # Session 10); each one's first form is one whose trigger is the pattern itself.
    words = [keys[forms[slot]][trigger_of[slot]] for slot in starts[:-1]]
    find = _automaton(words, _BACKEND)
    del words
    misrecognitions = [mis for entry in lexicon.entries for mis in entry.misrecognitions]
    return _Index(find, starts, forms, trigger_of, endings_of, endings, keys, entries, misrecognitions)


# Which automaton the index is built with: "daachorse" where it is installed, else "ahocorasick_rs". Both find
# the same hits (leftmost longest, offsets in characters); a test builds each.
_BACKEND = "daachorse" if daachorse is not None else "ahocorasick_rs"


def _automaton(words: list[str], backend: str) -> Callable[[str], list[tuple[int, int, int]]]:
    """The search of an automaton of ``words``: each leftmost longest hit as (start, end, the word's number).

    daachorse's character-wise double-array automaton is compact, so a pass walks less memory: at 100,000 bench
    entries (188,000 trigger words) it holds 31 MB against 99 MB for ahocorasick_rs's DFA, builds in 0.24 against
    0.61 s and searches the bench text in 3.5 against 5.5 ms (``benchmarks/bench_exact.py --part automaton``)."""
    if backend == "daachorse":
        return daachorse.CharwiseDoubleArrayAhoCorasick(words, match_kind=daachorse.MATCH_KIND_LEFTMOST_LONGEST).find
    try:
        from ahocorasick_rs import AhoCorasick, Implementation, MatchKind
    except ImportError as error:  # pragma: no cover - an install that left out asrfix's dependencies
        raise ImportError(
            "asrfix's lexicon corrector needs daachorse or ahocorasick-rs, and neither is installed: "
            "run `pip install daachorse` (or `pip install ahocorasick-rs` where daachorse has no wheel)"
        ) from error

    # Its DFA up to 200,000 trigger words (faster to search), above that a contiguous NFA (smaller to hold).
    implementation = Implementation.DFA if len(words) <= 200_000 else Implementation.ContiguousNFA
    search = AhoCorasick(words, matchkind=MatchKind.LeftmostLongest, implementation=implementation)

    def find(text: str) -> list[tuple[int, int, int]]:
        return [(start, end, number) for number, start, end in search.find_matches_as_indexes(text)]

    return find


def _forms(entries: list[Entry], keys: list[tuple[str, ...]]) -> _Forms:
    """The forms of each trigger word, the automaton's patterns, in alphabetical order (see _Index); ``entries``
    and ``keys`` give each misrecognition's entry and key, in the lexicon's order."""
    with paused_gc():
        # The first listing of each form, and the forms two terms claim (reported by the lexicon merge as
        # conflicts, never applied).
        first: dict[tuple[str, ...], int] = {}
        conflicts: set[tuple[str, ...]] = set()
        for n, key in enumerate(keys):
            listing = first.setdefault(key, n)
            if listing != n and entries[listing].term != entries[n].term:
                conflicts.add(key)
        # The endings that spell a listed form (conflicts too) from another: an inflection never stands for one.
        listed: dict[tuple[str, ...], set[str]] = {}
        for key in first:
            if key and key[-1].endswith("s"):
                for ending in ("s", "'s", "es") if key[-1].endswith("es") else ("s", "'s"):
                    if key[-1].endswith(ending) and len(key[-1]) > len(ending):
                        listed.setdefault((*key[:-1], key[-1][: -len(ending)]), set()).add(ending)
        numbers: list[int] = []
        triggers: list[int] = []
        kinds: list[int] = []
        table: dict[tuple[str, ...], int] = {}
        patterns: dict[str, list[int]] = {}  # the forms of each trigger word, by their place in the lists above
        for key, n in first.items():
            if not key or key in conflicts:
                continue
            # The rarest word (then the longest) triggers the match: the fewer false starts, the faster.
            trigger = 0 if len(key) == 1 else _rarest(key)
            last = key[-1]
            if not entries[n].inflect or len(last) < 2:
                endings = _NO_ENDING
            else:
                endings = _ENDINGS_ES if last.endswith(("s", "x", "z", "ch", "sh")) else _ENDINGS
                if key in listed:
                    endings = tuple(ending for ending in endings if ending not in listed[key])
            form = len(numbers)
            numbers.append(n)
            triggers.append(trigger)
            kinds.append(table.setdefault(endings, len(table)))
            bucket = patterns.get(key[trigger])
            if bucket is None:
                patterns[key[trigger]] = [form]
            else:
                bucket.append(form)
        # The automaton reports the longest trigger at each word start, so where one trigger is another plus
        # an ending ("uighurs", "uighur"), the longer one's hit also stands for the shorter's inflected form.
        endings_by_kind = list(table)
        for word, bucket in list(patterns.items()):
            for form in bucket:
                if triggers[form] == len(keys[numbers[form]]) - 1:
                    for ending in endings_by_kind[kinds[form]]:
                        longer = patterns.get(word + ending) if ending else None
                        if longer is not None:
                            longer.append(form)
        buckets = [patterns[word] for word in sorted(patterns)]
        flat = [form for bucket in buckets for form in bucket]
        starts = array("I", [0])
        starts.extend(accumulate(map(len, buckets)))
        return (
            starts,
            array("I", [numbers[form] for form in flat]),
            array("I", [triggers[form] for form in flat]),
            array("I", [kinds[form] for form in flat]),
            tuple(endings_by_kind),
        )


# The forms of a large lexicon are kept next to its cache (asrfix.lexicon.keep), so that a process that loads
# the same file later only builds the automaton. The key names this module's code: any change to it is a new key.
@functools.lru_cache(maxsize=1)
def _kept_key() -> str:
    try:
        return "lexicon-corrector-" + hashlib.blake2b(Path(__file__).read_bytes(), digest_size=10).hexdigest()
    except OSError:  # pragma: no cover - the module's own file is always there but in exotic installs
        return ""


def _kept_forms(lexicon: Lexicon, keys: list[tuple[str, ...]]) -> _Forms | None:
    data = kept(lexicon, _kept_key()) if _kept_key() else None
    if data is None:
        return None
    try:
        starts, forms, trigger_of, endings_of, endings = data
        columns = (starts, forms, trigger_of, endings_of)
        # What this code keeps, for a lexicon of this size (whatever a damaged file holds, it is built again).
        if (
            all(isinstance(column, array) and column.typecode == "I" for column in columns)
            and starts[-1] == len(forms) == len(trigger_of) == len(endings_of)
            and (not forms or (max(forms) < len(keys) and max(endings_of) < len(endings)))
        ):
            return starts, forms, trigger_of, endings_of, endings
    except Exception:  # nothing kept, or not what this code keeps: built again
        pass
    return None


def _normalised(text: str) -> tuple[str, list[int] | None]:
    """Return the text as the automaton reads it (lower case, straight apostrophes) and, when that is not
    character for character the original, the map from its offsets back to the original's."""
    if text.isascii():  # a flag of the string: ASCII is its own NFC and lower-cases letter for letter
        return text.lower(), None
    try:
        data = text.encode()
    except UnicodeEncodeError:  # a lone surrogate (not text, but a str may hold one): read as U+FFFD
        return _normalised(_SURROGATE.sub("\ufffd", text))
    others = set(data.translate(None, _ASCII_BYTES).decode())  # the text's other characters
    capitals = [c for c in others if c.lower() != c]
    if all(map(_stays_nfc, others)) and len(capitals) <= 8 and all(map(_lowers_alone, capitals)):
        # Most transcripts: a few curly quotes, accents, names or emoji, none able to combine. Lower-cased as
        # UTF-8 (ASCII letters by bytes.lower, each other capital by a replace), several times faster than
        # str.lower on text with such characters, and no pass of the whole text for its normal form.
        data = data.lower()
        for capital in capitals:
            data = data.replace(capital.encode(), capital.lower().encode())
        lowered = data.decode()
        return (lowered.replace("\u2019", "'") if "\u2019" in others else lowered), None
    lowered = text.lower()
    if len(lowered) == len(text) and unicodedata.is_normalized("NFC", text):
        return lowered.replace("\u2019", "'"), None
    # Rare: a character whose lower case is longer, or text not in NFC. Rebuild word by word; ``where`` maps
    # each offset of the rebuilt text (and its end) to the original's, exactly at word starts and ends.
    parts: list[str] = []
    where: list[int] = []
    position = 0
    for token in tokenize(text):
        parts += (text[position : token.start], token.norm)
        where += range(position, token.start)
        where += [token.start] * len(token.norm)
        position = token.end
    parts.append(text[position:])
    where += range(position, len(text) + 1)
    return "".join(parts), where


_ASCII_BYTES = bytes(range(128))
_SURROGATE = re.compile("[\ud800-\udfff]")


@functools.lru_cache(maxsize=4096)
def _stays_nfc(character: str) -> bool:
    """True when ``character`` is in NFC and no normalisation ever joins it with the one before it or moves it:
    no combining class, not a mark (but a variation selector, as in emoji), not a Hangul vowel or final
    consonant (which compose with the syllable before them). Text made of such characters is in NFC."""
    return (
        not unicodedata.combining(character)
        and (unicodedata.category(character)[0] != "M" or _VARIATION_SELECTOR.match(character) is not None)
        and not "\u1160" <= character <= "\u11ff"
        and unicodedata.is_normalized("NFC", character)
    )


_VARIATION_SELECTOR = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def _lowers_alone(capital: str) -> bool:
    """True when ``capital`` lower-cases to one character whatever stands around it (not so the Greek
    capital sigma, whose lower case at the end of a word is the final sigma)."""
    return len(capital.lower()) == 1 and capital != "\u03a3"


def _word_starts_at(low: str, i: int) -> bool:
    if i == 0:
        return True
    if WORD_CHARACTER.match(low, i - 1):
        return False
    return not (low[i - 1] in _APOSTROPHES and i >= 2 and WORD_CHARACTER.match(low, i - 2))


def _word_ends_at(low: str, i: int) -> bool:
    if i >= len(low):
        return True
    if WORD_CHARACTER.match(low, i):
        return False
    return not (low[i] in _APOSTROPHES and WORD_CHARACTER.match(low, i + 1))


def _gap_before(low: str, i: int) -> int:
    """Start of the run of phrase-gap characters that ends at ``i`` (``i`` itself when there is none)."""
    while i > 0 and (low[i - 1].isspace() or low[i - 1] in _GAP_CHARS):
        i -= 1
    return i


def _span(low: str, variant: _Variant, start: int, end: int) -> tuple[int, int, str] | None:
    """Where ``variant`` stands around its trigger word found at ``start:end``, which starts a word:
    (start, end, ending), or None."""
    words, trigger = variant.words, variant.trigger
    if trigger:  # the words before the trigger (the trigger's own start is checked by the caller)
        for word in reversed(words[:trigger]):
            gap = _gap_before(low, start)
            if gap == start or gap < len(word) or not low.startswith(word, gap - len(word)):
                return None
            start = gap - len(word)
        if not _word_starts_at(low, start):
            return None
    for word in words[trigger + 1 :]:
        run = _PHRASE_GAP.match(low, end)
        if run is None or not low.startswith(word, run.end()):
            return None
        end = run.end() + len(word)
    for ending in variant.endings:
        if low.startswith(ending, end) and _word_ends_at(low, end + len(ending)):
            return start, end + len(ending), ending
    return None


def _words_around(low: str, start: int, end: int, window: int) -> list[str]:
    """The ``window`` words before ``start`` and after ``end`` (normalised)."""
    reach = 16 * (window + 1)
    while True:
        lo = max(0, start - reach)
        before = WORD_PATTERN.findall(low, lo, start)
        if lo > 0:
            del before[:1]  # it may be the tail of a longer word
        if len(before) >= window or lo == 0:
            break
        reach *= 4
    reach = 16 * (window + 1)
    while True:
        hi = min(len(low), end + reach)
        after = WORD_PATTERN.findall(low, end, hi)
        if hi < len(low):
            del after[-1:]
        if len(after) >= window or hi == len(low):
            break
        reach *= 4
    return before[max(0, len(before) - window) :] + after[:window]


class LexiconCorrector:
    """Proposes the lexicon's term wherever one of its listed misrecognitions occurs.

    >>> from asrfix import correct
    >>> correct("near Will Han", lexicons=["china-news"], correctors=[LexiconCorrector()]).text
    'near Wuhan'
    """

    name = "lexicon"
    # A form that waits for context finds it in a term another corrector writes: the pipeline runs this
    # corrector again on the corrected text when that may matter (see Pipeline._reread).
    rereads_output = True

    def propose(self, text: str, tokens: Sequence[Token], context: Context) -> Iterable[Change]:
        """Return a change for every listed misrecognition in ``text``."""
        index = context.lexicon.derived("lexicon-corrector", _build_index)
        if index is None or not text:
            return []
        low, where = _normalised(text)
        changes: list[Change] = []
        waiting: list[tuple[int, _Variant, str]] = []  # forms that need context and have none (see below)
        bucket, variants, span_of, make = index.bucket, index.variants, _span, self._change
        plain, new_change, name, cased = index.plain, trusted_change, self.name, case_as_written
        # Triggers are whole words, and no word crosses a space or punctuation, so the automaton's leftmost
        # longest hits (a word's start first) hold every trigger that starts a word; _build_index has filed
        # a shorter trigger's inflected forms under the longer triggers that spell them.
        for start, end, number in index.find(low):
            if start and low[start - 1] != " " and not _word_starts_at(low, start):
                continue  # inside a longer word: whatever the variant, its trigger is a whole word
            following = low[end : end + 1]
            if following.isalnum() and following not in "se":
                continue  # the start of a longer word, and not of a plural or possessive ending
            records = plain.get(number)
            if records is None:
                records = plain[number] = self._records(bucket(number), end - start)
            for record in records:
                after, lexicon, term, confidence, reason, phrase, back, k = record
                if confidence and where is None:
                    # The common case: the form as listed, its words one space apart, in text whose offsets are
                    # the original's, needing no context. What every such hit of the variant shares is made once.
                    lo = start - back
                    hi = lo + len(phrase)
                    if (
                        (back == 0 or (lo >= 0 and low.startswith(phrase, lo) and _word_starts_at(low, lo)))
                        and (hi == end or low.startswith(phrase, lo))
                        and (low[hi : hi + 1] in " ,.\n" or _word_ends_at(low, hi))
                    ):
                        before = text[lo:hi]
                        if not before.islower():
                            after = cased(before, after, text, lo)
                        changes.append(new_change(lo, hi, before, after, name, lexicon, term, confidence, reason))
                        continue
                    # Not as listed. A phrase whose word before or after the trigger is not there, one space
                    # away, is no form of it (a large lexicon's trigger is often another form's word too);
                    # _span, which would say so, reads the variant, spread over the lexicon with the others.
                    if back and start > 1 and low[start - 1] == " ":
                        c = low[start - 2]
                        if c != phrase[back - 2] and not (c.isspace() or c in _GAP_CHARS):
                            continue
                    tail = back + end - start  # where the trigger ends in the phrase
                    if tail < len(phrase) and low[end : end + 1] == " ":
                        c = low[end + 1 : end + 2]
                        if c != phrase[tail + 1] and not (c.isspace() or c in _GAP_CHARS):
                            continue
                variant = variants[number][k]  # made with the records
                span = span_of(low, variant, start, start + len(variant.words[variant.trigger]))
                if span is None:
                    continue
                lo, hi, ending = span
                changes.append(make(text, low, where, variant, lo, hi, ending))
                if changes[-1].confidence < _MADE:
                    waiting.append((len(changes) - 1, variant, ending))
        if waiting:
            self._context_from_changes(text, changes, waiting)
        return changes

    def _context_from_changes(self, text: str, changes: list[Change], waiting: list[tuple[int, _Variant, str]]) -> None:
        """Apply the everyday-English forms that lacked context but have it once the other changes are made
        ("weaker" twenty words before a "weaker" made "Uyghur"): otherwise correcting the output again would
        make them. Repeated until nothing more changes; the changes are the same as a fresh pass would make."""
        while waiting:
            made = resolve([c for c in changes if c.confidence >= _MADE])
            if not made:
                return
            after = apply(text, made)
            low = after.lower().replace("\u2019", "'")
            # Only where the lower case changes the length (rare) are the words around read from tokens.
            tokens = tokenize(after) if len(low) != len(after) else []
            first = {token.start: k for k, token in enumerate(tokens)}
            last = {token.end: k for k, token in enumerate(tokens)}
            starts = [c.start for c in made]
            shifts = list(accumulate(len(c.after) - len(c.before) for c in made))
            still: list[tuple[int, _Variant, str]] = []
            for number, variant, ending in waiting:
                change = changes[number]
                i = bisect.bisect_right(starts, change.start)
                if (i and made[i - 1].end > change.start) or (i < len(made) and made[i].start < change.end):
                    continue  # overlaps another change: nothing of it is left to apply as it was written
                shift = shifts[i - 1] if i else 0
                lo, hi = change.start + shift, change.end + shift
                window = variant.entry.context_window
                if not tokens:
                    nearby = set(_words_around(low, lo, hi, window))
                else:
                    a, b = first.get(lo), last.get(hi)
                    if a is None or b is None:
                        continue  # not whole words in the changed text (never seen; a safeguard)
                    nearby = {t.norm for t in tokens[max(0, a - window) : a] + tokens[b + 1 : b + 1 + window]}
                found = sorted(variant.context.intersection(nearby))
                if found:
                    changes[number] = self._change(
                        after, "", None, variant, lo, hi, ending, found=found, moved_to=(change.start, change.end, text)
                    )
                else:
                    still.append((number, variant, ending))
            if len(still) == len(waiting):
                return
            waiting = still

    def _records(self, bucket: tuple[_Variant, ...], length: int) -> tuple[_Plain, ...]:
        """The ``_Plain`` record of each variant of the bucket of a pattern of ``length`` characters, in its order."""
        return tuple(
            self._plain(variant, length - len(variant.words[variant.trigger]), k) for k, variant in enumerate(bucket)
        )

    def _plain(self, variant: _Variant, cut: int, k: int) -> _Plain:
        """What every hit of ``variant`` as listed shares (see ``_Plain``); a confidence of 0 when the
        hit is an inflected form (``cut``) or the variant needs context, which each hit judges anew."""
        entry, mis = variant.entry, variant.misrecognition
        # Copies of the strings a hit reads, made now so that they stand next to the record in memory.
        term = _copy(entry.term)
        phrase = _copy(" ".join(variant.words))
        back = len(" ".join(variant.words[: variant.trigger])) + 1 if variant.trigger else 0
        if mis.needs_context or cut:
            return term, entry.lexicon, term, 0.0, "", phrase, back, k
        where_listed = f"{entry.lexicon} line {mis.line}" if mis.line else entry.lexicon
        reason = f"known misrecognition {mis.text!r} of {entry.term!r} ({where_listed})"
        return term, entry.lexicon, term, _CONFIDENCE, reason, phrase, back, k

    def _change(
        self,
        text: str,
        low: str,
        where: list[int] | None,
        variant: _Variant,
        lo: int,
        hi: int,
        ending: str,
        found: list[str] | None = None,
        moved_to: tuple[int, int, str] | None = None,
    ) -> Change:
        start, end = (lo, hi) if where is None else (where[lo], where[hi])
        before = text[start:end]
        entry, mis = variant.entry, variant.misrecognition
        # Keep the ending exactly as written ("'s" with a curly apostrophe stays curly).
        after = entry.term + text[end - len(ending) : end] if ending else entry.term
        if not before.islower():
            after = match_case(before, after, sentence_start=is_sentence_start(text, start))
        where_listed = f"{entry.lexicon} line {mis.line}" if mis.line else entry.lexicon
        reason = f"known misrecognition {mis.text!r} of {entry.term!r} ({where_listed})"
        confidence = _CONFIDENCE
        if mis.needs_context:
            if found is None:
                found = sorted(variant.context.intersection(_words_around(low, lo, hi, entry.context_window)))
            if found:
                confidence = _CONFIDENCE_IN_CONTEXT
                reason += f"; {mis.text!r} is everyday English, applied because of context {found[0]!r} nearby"
            else:
                confidence = _CONFIDENCE_NO_CONTEXT
                reason += (
                    f"; {mis.text!r} is everyday English and none of the context words is within "
                    f"{entry.context_window} words"
                )
        if ending:
            confidence -= _INFLECTION_PENALTY
            reason += "; inflected form"
        if moved_to is not None:  # judged in the text as the other changes make it: the change is in the original
            start, end, text = moved_to
            reason += " (once the other changes are made)"
        # Valid by construction: a non-empty span of the text, a confidence from the constants above.
        return trusted_change(start, end, before, after, self.name, entry.lexicon, entry.term, confidence, reason)
