"""Lint a lexicon: entries that are valid but likely to misfire, never to fire, or to compete.

Each warning has a code, the line of the file it concerns and a message that says what to do:

- ``duplicate``: one misrecognition listed for two different terms (neither is applied);
- ``shadowed``: a misrecognition that never wins: a guarded longer form that contains another entry's
  unguarded shorter one (the resolver prefers confidence to length), an inflected form listed for another
  entry, or one the entry's own plural/possessive matching already covers;
- ``is-a-term``: a misrecognition that is another entry's term, so correct text would be rewritten;
- ``common-unguarded``: an everyday English word or phrase ("weaker", "way", "work") applied everywhere,
  without a context guard;
- ``guard-without-context``: a misrecognition that needs context in an entry that lists no context words, so
  it applies only where the term itself is already nearby;
- ``sounds-alike``: two terms that sound alike (:data:`SOUND_ALIKE`, by :mod:`asrfix.phonetics`) with
  nothing (no context words of each one's own) to tell them apart, so the phonetic corrector would guess;
- ``no-examples``: an entry without examples (they are its tests);
- ``inert``: an entry with no misrecognitions and phonetic matching off, which can never change anything.

>>> from asrfix import load_lexicon
>>> [w.code for w in lint_lexicon(load_lexicon("china-news"))]
[]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..lexicon import Entry, Lexicon, Misrecognition, phrase_key, zipf
from ..phonetics import coarse_key, sound_key, sound_similarity

__all__ = ["CODES", "SOUND_ALIKE", "LintWarning", "lint_lexicon", "sounds_alike"]

CODES = (
    "duplicate",
    "shadowed",
    "is-a-term",
    "common-unguarded",
    "guard-without-context",
    "sounds-alike",
    "no-examples",
    "inert",
)

# A single word at least this common (Zipf scale) is everyday English; the threshold of
# asrfix.lexicon.is_common_phrase. Only single words are judged: a phrase of common words ("cure quote",
# "covid nineteen") is guarded by default, and an explicit 'needs_context: false' on one is the maintainer's
# judgement that the phrase itself is not English, which word frequencies cannot check.
_COMMON_WORD_ZIPF = 3.5

_Warn = Callable[[int, str, Entry, str], None]

#: Terms at least this alike in sound compete: it is the phonetic corrector's default ``min_similarity``, so
#: a variant heard between the two can be taken for either. Measured on the shipped lexicons (71 terms): 4
#: pairs in the same file reach it (Uyghur/Uyghurs, Niger/Nigeria, Hangzhou/Guangzhou and, across files,
#: Niger/Uyghur); plural forms of the same term are not reported.
SOUND_ALIKE = 0.72


@dataclass(frozen=True, slots=True)
class LintWarning:
    """One lint finding.

    Attributes:
        path: the lexicon file, when there is one.
        line: the line it concerns (0 when unknown).
        code: one of :data:`CODES`.
        message: what is wrong and what to do.
        entry: the term of the entry concerned.
    """

    path: Path | None
    line: int
    code: str
    message: str
    entry: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: " if self.path is not None else f"line {self.line}: "
        return f"{where}{self.code}: entry {self.entry!r}: {self.message}"


def sounds_alike(a: str, b: str) -> float:
    """Return how alike two terms sound (:func:`asrfix.phonetics.sound_similarity` of their sound keys).

    >>> sounds_alike("Hang Zhou", "Hangzhou")
    1.0
    """
    key_a, key_b = sound_key(a), sound_key(b)
    return sound_similarity(key_a, key_b) if key_a and key_b else 0.0


def _unguarded_common(mis: Misrecognition) -> bool:
    if mis.needs_context:
        return False
    words = phrase_key(mis.text)
    return len(words) == 1 and zipf(words[0]) >= _COMMON_WORD_ZIPF


def _inflections(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    last = key[-1]
    forms = [last + "s", last + "'s"]
    if last.endswith(("s", "x", "z", "ch", "sh")):
        forms.append(last + "es")
    return [(*key[:-1], form) for form in forms]


def lint_lexicon(lexicon: Lexicon) -> list[LintWarning]:
    """Return the lint warnings of one lexicon, sorted by line.

    Args:
        lexicon: a lexicon read from one file (its entries' lines are that file's lines).
    """
    warnings: list[LintWarning] = []
    path = lexicon.path

    def warn(line: int, code: str, entry: Entry, message: str) -> None:
        warnings.append(LintWarning(path, line, code, message, entry.term))

    terms = {phrase_key(e.term): e for e in lexicon.entries}
    claims = _claims(lexicon)
    first_claim: dict[tuple[str, ...], tuple[Entry, Misrecognition]] = {}
    for entry in lexicon.entries:
        for mis in entry.misrecognitions:
            key = phrase_key(mis.text)
            if key in first_claim and first_claim[key][0].term != entry.term:
                other, other_mis = first_claim[key]
                warn(
                    mis.line,
                    "duplicate",
                    entry,
                    f"misrecognition {mis.text!r} is also listed for {other.term!r} (line {other_mis.line}); "
                    "neither is applied; keep it in one entry",
                )
            first_claim.setdefault(key, (entry, mis))
            owner = terms.get(key)
            if owner is entry and mis.text.casefold() == entry.term.casefold():
                warn(
                    mis.line,
                    "is-a-term",
                    entry,
                    f"misrecognition {mis.text!r} differs from the term only in case, and matching ignores case, "
                    "so it would match the term itself; remove it",
                )
            elif owner is not None and owner is not entry:
                warn(
                    mis.line,
                    "is-a-term",
                    entry,
                    f"misrecognition {mis.text!r} is the term of another entry (line {owner.line}); "
                    "correct text would be rewritten; remove it",
                )
            if _unguarded_common(mis):
                warn(
                    mis.line,
                    "common-unguarded",
                    entry,
                    f"misrecognition {mis.text!r} is everyday English and would be replaced everywhere; "
                    "remove 'needs_context: false' and list context words",
                )
            elif mis.needs_context and not entry.context:
                warn(
                    mis.line,
                    "guard-without-context",
                    entry,
                    f"misrecognition {mis.text!r} needs context but the entry lists no 'context:' words, so it "
                    "applies only next to the term itself; add context words",
                )
        _shadowing(claims, entry, warn)
        if not entry.examples:
            warn(entry.line, "no-examples", entry, "no examples; add one that changes and one that must not")
        if not entry.misrecognitions and not entry.phonetic:
            warn(
                entry.line,
                "inert",
                entry,
                "no misrecognitions and 'phonetic: false': the entry can never change anything",
            )
    warnings.extend(_sound_alike(lexicon, path))
    return sorted(warnings, key=lambda w: (w.line, CODES.index(w.code), w.message))


_Claims = dict[tuple[str, ...], list[tuple[Entry, Misrecognition]]]


def _claims(lexicon: Lexicon) -> _Claims:
    claims: _Claims = {}
    for entry in lexicon.entries:
        for mis in entry.misrecognitions:
            claims.setdefault(phrase_key(mis.text), []).append((entry, mis))
    return claims


def _shadowing(claims: _Claims, entry: Entry, warn: _Warn) -> None:
    # Look-ups by key rather than comparing every pair: linear in the number of misrecognitions.
    own = {phrase_key(m.text): m for m in entry.misrecognitions}
    for mis in entry.misrecognitions:
        key = phrase_key(mis.text)
        if entry.inflect:
            for form in _inflections(key):
                if form in own and own[form] is not mis:
                    redundant = own[form]
                    warn(
                        redundant.line,
                        "shadowed",
                        entry,
                        f"misrecognition {redundant.text!r} is a plural or possessive of {mis.text!r} "
                        f"(line {mis.line}), which 'inflect' already matches; remove it",
                    )
                for other, other_mis in claims.get(form, ()):
                    if other is not entry:
                        warn(
                            mis.line,
                            "shadowed",
                            entry,
                            f"the plural or possessive {other_mis.text!r} of misrecognition {mis.text!r} is listed "
                            f"for {other.term!r} (line {other_mis.line}), which wins there; check that is intended",
                        )
        if not mis.needs_context:
            continue
        # A guarded form loses to an unguarded part of it from another entry: the resolver prefers confidence
        # to length, so where both match the shorter one is applied every time.
        parts = {key[i:j] for i in range(len(key)) for j in range(i + 1, len(key) + 1)} - {key}
        for part in sorted(parts):
            for other, other_mis in claims.get(part, ()):
                if other is not entry and not other_mis.needs_context:
                    warn(
                        mis.line,
                        "shadowed",
                        entry,
                        f"misrecognition {mis.text!r} needs context but contains {other_mis.text!r} of "
                        f"{other.term!r} (line {other_mis.line}), which is applied without context and so always "
                        "wins where both match; guard the shorter one too, or drop the longer one",
                    )


def _sound_alike(lexicon: Lexicon, path: Path | None) -> Iterable[LintWarning]:
    phonetic = [e for e in lexicon.entries if e.phonetic]
    keys = [sound_key(e.term) for e in phonetic]
    coarse = [coarse_key(k) for k in keys]
    # sound_similarity = (fine + 2 * coarse) / 3 with fine <= 1, so a pair can reach SOUND_ALIKE only if its
    # coarse keys are at least this alike; rapidfuzz finds those pairs in C before the exact score is taken.
    coarse_cutoff = (3.0 * SOUND_ALIKE - 1.0) / 2.0
    for i, entry in enumerate(phonetic):
        if not keys[i] or i == 0:
            continue
        near = process.extract(
            coarse[i], coarse[:i], scorer=Levenshtein.normalized_similarity, score_cutoff=coarse_cutoff, limit=None
        )
        for _, _, j in sorted(near, key=lambda found: found[2]):
            earlier = phonetic[j]
            if not keys[j] or _inflection_of(entry.term, earlier.term) or _inflection_of(earlier.term, entry.term):
                continue
            similarity = sound_similarity(keys[i], keys[j])
            if similarity < SOUND_ALIKE:
                continue
            contexts = {phrase_key(c) for c in entry.context}
            earlier_contexts = {phrase_key(c) for c in earlier.context}
            if contexts - earlier_contexts and earlier_contexts - contexts:
                continue  # each has context words of its own that tell them apart
            yield LintWarning(
                path,
                entry.line,
                "sounds-alike",
                f"term sounds like {earlier.term!r} (line {earlier.line}, similarity {similarity:.2f}) and "
                "nothing tells them apart; give each entry context words of its own, or 'phonetic: false' to one",
                entry.term,
            )


def _inflection_of(form: str, base: str) -> bool:
    return form in {base + "s", base + "es", base + "'s"}
