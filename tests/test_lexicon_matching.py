"""The lexicon corrector finds exactly what a plain word-by-word reading of the text would find.

The corrector never splits the whole text into words (an automaton finds each variant's rarest word and only
the text around it is read), so these tests compare it, on generated texts and lexicons, with the simplest
possible matcher: tokenize the text, then at every word try every listed misrecognition.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

import asrfix
from asrfix.changes import Change, apply, resolve
from asrfix.correctors import lexicon as lexicon_corrector
from asrfix.correctors.lexicon import _normalised
from asrfix.lexicon import Entry, Lexicon, Misrecognition
from asrfix.tokens import tokenize

WORDS = ["will", "han", "hans", "weaker", "a", "corona", "virus", "uighur", "box", "hang", "zhou", "x1", "éte", "ﬁn"]
SEPARATORS = [" ", "  ", "\n", "\r\n", "-", " - ", ", ", ". ", "'", "\u2019", "_", "", " (", "\u2013", "\t"]
TERMS = ["Wuhan", "Uyghur", "WHO", "Hangzhou"]
GAP = re.compile(r"[\s\-\u2010\u2011\u2012\u2013]+")


def cased(word: str, style: int) -> str:
    return [word, word.upper(), word.capitalize(), word + "s", word + "'s", word + "\u2019S", word + "es"][style]


texts = st.lists(
    st.tuples(st.sampled_from(WORDS), st.integers(0, 6), st.sampled_from(SEPARATORS)), min_size=1, max_size=14
).map(lambda parts: "".join(cased(w, s) + sep for w, s, sep in parts))

misrecognitions = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
lexicons = st.lists(
    st.tuples(misrecognitions, st.booleans(), st.booleans(), st.sampled_from(TERMS)),
    min_size=1,
    max_size=6,
).map(
    lambda specs: Lexicon(
        "gen",
        tuple(
            Entry(
                term,
                (Misrecognition(text, needs_context),),
                context=("box",),
                context_window=3,
                inflect=inflect,
                lexicon="gen",
            )
            for text, needs_context, inflect, term in specs
        ),
    )
)


def reference(text: str, lexicon: Lexicon) -> set[tuple[int, int, str, float]]:
    """Every (start, end, term, confidence>=0.5) a word-by-word matcher proposes."""
    tokens = tokenize(text)
    claims: dict[tuple[str, ...], set[str]] = {}
    for entry in lexicon.entries:
        for mis in entry.misrecognitions:
            claims.setdefault(tuple(t.norm for t in tokenize(mis.text)), set()).add(entry.term)
    found = set()
    seen = set()
    for entry in lexicon.entries:
        for mis in entry.misrecognitions:
            words = tuple(t.norm for t in tokenize(mis.text))
            if len(claims[words]) > 1 or words in seen:
                continue  # a conflict is never applied; a form listed twice counts once
            seen.add(words)
            endings = [""]
            if entry.inflect and len(words[-1]) > 1:
                endings += ["s", "'s"] + (["es"] if words[-1].endswith(("s", "x", "z", "ch", "sh")) else [])
            for ending in endings:
                want = (*words[:-1], words[-1] + ending)
                if ending and want in claims:
                    continue  # listed in its own right
                for i in range(len(tokens) - len(want) + 1):
                    run = tokens[i : i + len(want)]
                    if tuple(t.norm for t in run) != want:
                        continue
                    if not all(GAP.fullmatch(text, a.end, b.start) for a, b in itertools.pairwise(run)):
                        continue
                    nearby = {t.norm for t in tokens[max(0, i - 3) : i] + tokens[i + len(want) : i + len(want) + 3]}
                    confident = not mis.needs_context or bool(nearby & {"box", entry.term.lower()})
                    sure = (0.99 if not mis.needs_context else 0.9) - (0.02 if ending else 0.0)
                    after = entry.term + text[run[-1].end - len(ending) : run[-1].end]
                    found.add((run[0].start, run[-1].end, entry.term, after, confident, sure))
    return with_context_from_changes(text, found)


def with_context_from_changes(
    text: str, found: set[tuple[int, int, str, str, bool, float]]
) -> set[tuple[int, int, str, bool]]:
    """A form without context is made when the confident changes, made, give it context (3 words around).

    ``found``: (start, end, term, the term with the ending as written, confident, its confidence if confident).
    """
    while True:
        made = resolve(
            Change(start, end, text[start:end], after, "lexicon", confidence=sure)
            for start, end, _, after, confident, sure in found
            if confident
        )
        tokens = tokenize(apply(text, made))
        upgraded = set()
        for item in found:
            start, end, term, _, confident, _ = item
            if confident or any(c.start < end and start < c.end for c in made):
                continue
            shift = sum(len(c.after) - len(c.before) for c in made if c.end <= start)
            i = next(k for k, t in enumerate(tokens) if t.start == start + shift)
            j = next(k for k, t in enumerate(tokens) if t.end == end + shift)
            nearby = {t.norm for t in tokens[max(0, i - 3) : i] + tokens[j + 1 : j + 4]}
            if nearby & {"box", term.lower()}:
                upgraded.add(item)
        if not upgraded:
            return {(start, end, term, confident) for start, end, term, _, confident, _ in found}
        found = (found - upgraded) | {
            (start, end, term, after, True, sure) for start, end, term, after, _, sure in upgraded
        }


def proposed(text: str, lexicon: Lexicon) -> set[tuple[int, int, str, float]]:
    pipeline = asrfix.Pipeline(lexicons=[lexicon], correctors=["lexicon"])
    return {(c.start, c.end, c.entry, c.confidence >= 0.5) for c in pipeline.propose(text)}


@settings(max_examples=300, deadline=None)
@given(texts, lexicons)
def test_the_corrector_finds_what_a_word_by_word_reading_finds(text: str, lexicon: Lexicon) -> None:
    assert proposed(text, lexicon) == reference(text, lexicon)


@settings(max_examples=150, deadline=None)
@given(texts, lexicons)
def test_the_fallback_automaton_finds_what_a_word_by_word_reading_finds(text: str, lexicon: Lexicon) -> None:
    # Where daachorse has no wheel, the corrector's automaton is ahocorasick_rs's.
    with mock.patch.object(lexicon_corrector, "_BACKEND", "ahocorasick_rs"):
        assert proposed(text, lexicon) == reference(text, lexicon)


def test_both_automata_propose_the_same_changes_on_the_shipped_example():
    text = (Path(__file__).parents[1] / "examples" / "news-transcript.txt").read_text(encoding="utf-8")
    shipped = asrfix.load_lexicon("china-news")
    found = []
    for backend in ("daachorse", "ahocorasick_rs"):
        fresh = Lexicon(shipped.name, shipped.entries)  # a new object, whose index is built anew
        with mock.patch.object(lexicon_corrector, "_BACKEND", backend):
            found.append(asrfix.Pipeline(lexicons=[fresh], correctors=["lexicon"]).propose(text))
    assert len(found[0]) > 10
    assert found[0] == found[1]


@settings(max_examples=100, deadline=None)
@given(texts, lexicons)
def test_text_that_is_not_in_nfc_or_changes_length_in_lower_case_is_matched_the_same(
    text: str, lexicon: Lexicon
) -> None:
    # "İ" lower-cases to two characters and "e\u0301" is "é" in NFD: offsets must still point into the original.
    odd = "İ " + text.replace("é", "e\u0301")
    assert proposed(odd, lexicon) == reference(odd, lexicon)
    for start, end, _, _ in proposed(odd, lexicon):
        assert tokenize(odd[start:end])


def test_text_holding_a_lone_surrogate_is_corrected_around_it():
    # Not Unicode text, but a str may hold one (read with errors="surrogateescape", or from JSON): the
    # automaton cannot read it, so the corrector reads it as U+FFFD and leaves it where it is.
    result = asrfix.correct("\udce9 near Will Han\ud800 and the weaker camps", lexicons=["china-news"])
    assert result.text == "\udce9 near Wuhan\ud800 and the Uyghur camps"


def test_a_phrase_must_not_reach_back_past_the_start_of_the_text():
    lexicon = Lexicon("demo", (Entry("Wuhan", (Misrecognition("Will Han", False),), lexicon="demo"),))
    assert asrfix.correct(" Han said near Will", lexicons=[lexicon], correctors=["lexicon"]).changes == ()


def test_a_form_that_spells_another_forms_plural_does_not_hide_that_plural():
    # "Hans" is the rarer word of a phrase of its own; "hans" alone is still the plural of the listed "han".
    lexicon = Lexicon(
        "demo",
        (
            Entry("Wuhan", (Misrecognition("han", False),), lexicon="demo"),
            Entry("Hans Zimmer", (Misrecognition("hans zimmer", False),), lexicon="demo"),
            Entry("Uyghur", (Misrecognition("uighur", False),), lexicon="demo"),
            Entry("Uyghur camp", (Misrecognition("uighur's corp", False),), lexicon="demo"),
        ),
    )
    text = "the hans and the uighur's and hans zimmer"
    assert proposed(text, lexicon) == reference(text, lexicon)
    assert asrfix.correct(text, lexicons=[lexicon]).text == "the Wuhans and the Uyghur's and Hans Zimmer"


# Capitals that lower-case to one character, to two ("İ"), or by context (the final sigma); combining marks (NFD
# "e\u0301"), marks that join the letter before them at no combining class (Bengali "\u09be", a Hangul vowel),
# an emoji with its variation selector, curly and straight apostrophes.
UNUSUAL = "aZ '\u2019\u00e9\u00c9\u03a3\u03c3\u0130e\u0301\ufe0f\U0001f602\u1100\u1161\u1e9e\u0995\u09be\u0345-"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=UNUSUAL, max_size=30))
def test_the_corrector_reads_any_text_in_lower_case_nfc_with_offsets_into_the_original(text: str) -> None:
    low, where = _normalised(text)
    if where is None:  # read character for character: the text is in NFC, its lower case as long as it
        assert unicodedata.is_normalized("NFC", text)
        assert low == text.lower().replace("\u2019", "'")
    else:  # rebuilt word by word: each word is its normalised form, found where the map says
        assert [t.norm for t in tokenize(text)] == [t.norm for t in tokenize(low)]
        assert len(where) == len(low) + 1


def test_a_word_that_triggers_several_forms_proposes_the_same_at_every_call():
    # "han" is a form of its own, the rarer word of a phrase, and spelled by the plural of another form: its
    # pattern holds several variants, whose records are made at the first hit and read at the later ones.
    lexicon = Lexicon(
        "demo",
        (
            Entry("Wuhan", (Misrecognition("will han", False),), lexicon="demo"),
            Entry("Han", (Misrecognition("han", False),), lexicon="demo"),
            Entry("Hanna", (Misrecognition("ha", False),), lexicon="demo"),
            Entry("Hangzhou", (Misrecognition("han x1", True),), context=("box",), context_window=3, lexicon="demo"),
            Entry("Hans", (Misrecognition("hans", False),), lexicon="demo"),
        ),
    )
    text = "Han, will han and has han x1 box; the HAs\nand will\nhan's HANS, and ha han x1"
    pipeline = asrfix.Pipeline(lexicons=[lexicon], correctors=["lexicon"])
    first = pipeline.propose(text)
    assert pipeline.propose(text) == first
    assert pipeline.propose(text.upper()) == asrfix.Pipeline(lexicons=[lexicon], correctors=["lexicon"]).propose(
        text.upper()
    )
    assert proposed(text, lexicon) == reference(text, lexicon)


def test_a_trigger_shared_with_phrases_is_matched_whatever_stands_around_it():
    # "han" is a form of its own and the trigger of phrases with a word before it and a word after it; each
    # hit without the phrase's other word (one space away, or any other gap) is only the form of its own.
    lexicon = Lexicon(
        "demo",
        (
            Entry("Han", (Misrecognition("hanx", False),), lexicon="demo"),
            Entry("Wuhan", (Misrecognition("will hanx", False),), lexicon="demo"),
            Entry("Hangzhou", (Misrecognition("hanx zhou", False),), lexicon="demo"),
            Entry("Hans", (Misrecognition("wil hanx zhou", False),), lexicon="demo"),
            Entry("Zhou", (Misrecognition("o'wïll hanx zhöu", False),), lexicon="demo"),
        ),
    )
    befores = ("will", "wil", "wall", "", "x", "will'", "o'wïll", "o\u2019wïll", "o'will", "wïll")
    for gap in (" ", "  ", "\n", "-", " - ", "\u2013", ", ", ""):
        words = itertools.product(befores, ("zhou", "zhoux", "zou", "", "s", "zhöu", "zhöus"))
        for before, after in words:
            text = f"{before}{gap}hanx{gap}{after}"
            assert proposed(text, lexicon) == reference(text, lexicon), text
            assert proposed(text.upper(), lexicon) == reference(text.upper(), lexicon), text
