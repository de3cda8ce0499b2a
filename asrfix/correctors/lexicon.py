"""The lexicon corrector: replaces known misrecognitions listed in the lexicon with their terms.

Matching is on whole words and phrases, case-insensitive, across line breaks and hyphens inside a phrase,
with plural and possessive forms ("Uighurs" -> "Uyghurs", "Uighur's" -> "Uyghur's"). A misrecognition that
is itself everyday English ("weaker", "red coat") applies only where one of the entry's context words (or the
term itself) stands within the entry's context window; elsewhere it is reported as a suggestion.

Cost: one pass over the words with a dictionary look-up of each, so linear in the text and independent of the
number of entries; multi-word variants are only compared where their first word occurs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from ..changes import Change
from ..lexicon import Entry, Lexicon, Misrecognition, paused_gc, phrase_key
from ..tokens import Token, is_sentence_start, match_case, word_keys
from . import Context

__all__ = ["LexiconCorrector"]

# What may stand between the words of a multi-word match: spaces, line breaks and hyphens, nothing else.
_PHRASE_GAP = re.compile(r"[\s\-\u2010\u2011\u2012\u2013]+")
_CONFIDENCE = 0.99
_CONFIDENCE_IN_CONTEXT = 0.9
_CONFIDENCE_NO_CONTEXT = 0.3
_INFLECTION_PENALTY = 0.02


class _Variant(NamedTuple):  # a named tuple: built hundreds of thousands of times for a large lexicon
    words: tuple[str, ...]
    entry: Entry
    misrecognition: Misrecognition
    suffix_len: int  # characters of plural/possessive ending after the listed form (0 for the form itself)
    context: frozenset[str]


def _inflections(word: str) -> list[str]:
    forms = [word + "s", word + "'s"]
    if word.endswith(("s", "x", "z", "ch", "sh")):
        forms.append(word + "es")
    return forms


def _build_index(lexicon: Lexicon) -> dict[str, list[_Variant]]:
    with paused_gc():
        listed = [(phrase_key(mis.text), entry, mis) for entry in lexicon.entries for mis in entry.misrecognitions]
        terms: dict[tuple[str, ...], str | None] = {}
        for key, entry, _ in listed:
            # None marks a conflict (two terms claim it): reported by the lexicon merge, never applied.
            terms[key] = entry.term if terms.get(key, entry.term) == entry.term else None
        contexts: dict[int, frozenset[str]] = {}
        exact: dict[tuple[str, ...], _Variant] = {}
        inflected: dict[tuple[str, ...], _Variant] = {}
        for key, entry, mis in listed:
            if terms[key] is None:
                continue
            context: frozenset[str] = frozenset()
            if mis.needs_context:
                if id(entry) not in contexts:
                    contexts[id(entry)] = frozenset(w for p in (*entry.context, entry.term) for w in phrase_key(p))
                context = contexts[id(entry)]
            exact[key] = _Variant(key, entry, mis, 0, context)
            if entry.inflect and len(key[-1]) > 1:
                for form in _inflections(key[-1]):
                    words = (*key[:-1], form)
                    if words not in inflected:
                        inflected[words] = _Variant(words, entry, mis, len(form) - len(key[-1]), context)
        index: dict[str, list[_Variant]] = {}
        for key, variant in {**inflected, **exact}.items():
            index.setdefault(key[0], []).append(variant)
    return index


class LexiconCorrector:
    """Proposes the lexicon's term wherever one of its listed misrecognitions occurs.

    >>> from asrfix import correct
    >>> correct("near Will Han", lexicons=["china-news"], correctors=[LexiconCorrector()]).text
    'near Wuhan'
    """

    name = "lexicon"

    def propose(self, text: str, tokens: Sequence[Token], context: Context) -> Iterable[Change]:
        """Return a change for every listed misrecognition in ``text``."""
        index = context.lexicon.derived("lexicon-corrector", _build_index)
        if not index:
            return []
        # The pipeline's tokens are not needed: word_keys reads the words at C speed.
        words, offsets = word_keys(text)
        if index.keys().isdisjoint(words):
            return []
        changes: list[Change] = []
        for i in [i for i, w in enumerate(words) if w in index]:
            for variant in index[words[i]]:
                change = self._match(text, words, offsets, i, variant)
                if change is not None:
                    changes.append(change)
        return changes

    def _match(
        self, text: str, words: list[str], offsets: list[int], i: int, variant: _Variant
    ) -> Change | None:
        n = len(variant.words)
        last = i + n - 1
        if last >= len(words) or (n > 1 and tuple(words[i : i + n]) != variant.words):
            return None
        for j in range(i, last):
            if not _PHRASE_GAP.fullmatch(text, offsets[2 * j + 1], offsets[2 * j + 2]):
                return None
        start, end = offsets[2 * i], offsets[2 * last + 1]
        before = text[start:end]
        entry, mis = variant.entry, variant.misrecognition
        after = entry.term
        if variant.suffix_len:
            # Keep the ending exactly as written ("'s" with a curly apostrophe stays curly).
            after += text[end - variant.suffix_len : end]
        after = match_case(before, after, sentence_start=is_sentence_start(text, start))
        where = f"{entry.lexicon} line {mis.line}" if mis.line else entry.lexicon
        reason = f"known misrecognition {mis.text!r} of {entry.term!r} ({where})"
        confidence = _CONFIDENCE
        if mis.needs_context:
            lo, hi = max(0, i - entry.context_window), last + 1 + entry.context_window
            found = sorted(variant.context.intersection(words[lo:i] + words[last + 1 : hi]))
            if found:
                confidence = _CONFIDENCE_IN_CONTEXT
                reason += (
                    f"; {mis.text!r} is everyday English, applied because of context {found[0]!r} nearby"
                )
            else:
                confidence = _CONFIDENCE_NO_CONTEXT
                reason += (
                    f"; {mis.text!r} is everyday English and none of the context words is within "
                    f"{entry.context_window} words"
                )
        if variant.suffix_len:
            confidence -= _INFLECTION_PENALTY
            reason += "; inflected form"
        return Change(start, end, before, after, self.name, entry.lexicon, entry.term, confidence, reason)
