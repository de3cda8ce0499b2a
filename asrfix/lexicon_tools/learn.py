"""Learn lexicon entries from a recogniser's output and a person's corrected version of it.

The two texts are aligned word by word (:func:`asrfix.evaluation.align`); each run of differing words is a
candidate correction "hypothesis words -> reference words". Candidates are kept when they look like what a
lexicon is for, the misrecognition of a name or term, and dropped when they look like ordinary editing:

- *names and terms*: the corrected words include a capitalised word that does not start a sentence, an
  acronym, a word with digits, or a rare word (Zipf frequency below 3.5, the threshold of
  :func:`asrfix.lexicon.is_common_phrase`);
- *dropped*: changes of function words only ("off" -> "of", "on" -> "and"), spelling slips where the
  recogniser wrote a non-word close to a common word ("theat" -> "that"), joining or splitting common words
  ("lock down" -> "lockdown"), differences of case only, and runs longer than four words on either side
  (usually rewording, or an alignment that is not a misrecognition);
- *recurring*: a candidate is proposed when seen at least ``min_count`` times (default 2); with
  ``single_names=True`` a name or term corrected once is proposed too.

At the edges of a run, words inserted or deleted on their own ("as a a cure quote" -> "has a QR code") are
kept or trimmed by whichever choice sounds most like the correction (:func:`asrfix.phonetics.sound_similarity`).

Each proposal carries its count, how often the same words were left unchanged by the person (a sign that they
are also ordinary words, which then need context), context words seen around it, and examples taken from the
texts: inputs that must change, and an input that must stay unchanged where the person kept the words.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from ..api import Pipeline
from ..evaluation import Edit, align
from ..lexicon import COMMON_ZIPF, Lexicon, is_common_phrase, phrase_key, zipf
from ..phonetics import sound_key, sound_similarity
from ..tokens import Token, is_sentence_start, tokenize
from .edit import EntryDraft

__all__ = ["FUNCTION_WORDS", "Occurrence", "Proposal", "learn", "to_drafts"]


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: English function words: a change among these alone is grammar, not a misrecognised term.
FUNCTION_WORDS = _word_set(
    """a an the and or but nor so yet if of off on in into onto at to too two by for from with without
    about as than then that this these those there their they're theyre here where were we're was is are
    be been being am it its it's i me my mine you your you're he him his she her hers we us our ours they
    them who whom whose which what when why how not no do does did done have has had having will would
    shall should can could may might must just up down out over under again also very all any some each
    every both either neither one ones own same such only oh uh um ah er hey well yeah yes okay ok"""
)
NUMBER_WORDS = _word_set(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
    billion trillion"""
)
_CLITICS = frozenset({"s", "d", "ll", "re", "ve", "m", "t"})
_MAX_WORDS = 4
_CONTEXT_WINDOW = 8
# Context words are chosen among the less common words near a correction ("camps", not "people").
_CONTEXT_MAX_ZIPF = 5.0
_EXAMPLE_WINDOW = 6
_MAX_CONTEXT_WORDS = 6
_MAX_EXAMPLES = 2
_LETTERS = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place where the person made the correction, as an example: the corrected text around it with the
    recogniser's words put back (input), the corrected text (output), and the line in the recogniser's file."""

    input: str
    output: str
    hyp_line: int


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposed misrecognition of a term.

    Attributes:
        term: the corrected words, as the person wrote them.
        misrecognition: the recogniser's words.
        count: how many times the person made this correction.
        kept: how many times the same words were left unchanged.
        kind: ``"name"`` (a name, acronym or rare term) or ``"recurring"`` (common words corrected often).
        occurrences: where it was corrected, as examples.
        kept_examples: where the same words were left unchanged, as must-stay-unchanged examples.
        context: words seen near the corrections that can show the term is meant.
        known: ``""``, or the term that an existing lexicon already maps this misrecognition to.
    """

    term: str
    misrecognition: str
    count: int
    kept: int
    kind: str
    occurrences: tuple[Occurrence, ...]
    kept_examples: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    known: str = ""

    @property
    def needs_context(self) -> bool:
        """True when the misrecognition is everyday English or was also seen as correct text."""
        return self.kept > 0 or is_common_phrase(self.misrecognition)


@dataclass
class _Candidate:
    term_forms: Counter[str] = field(default_factory=Counter)
    misrecognition_forms: Counter[str] = field(default_factory=Counter)
    occurrences: list[Occurrence] = field(default_factory=list)
    context: Counter[str] = field(default_factory=Counter)
    surroundings: list[set[str]] = field(default_factory=list)
    name: bool = False


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _is_name(ref_text: str, tokens: Sequence[Token]) -> bool:
    for token in tokens:
        word = token.text
        if any(c.isdigit() for c in word):
            return True
        letters = [c for c in word if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            return True  # an acronym
        if word[:1].isupper() and not is_sentence_start(ref_text, token.start) and token.norm != "i":
            return True
        if zipf(token.norm) < COMMON_ZIPF:
            return True
    return False


def _ordinary(hyp: Sequence[Token], ref: Sequence[Token]) -> bool:
    """True for grammar, spelling slips and joins/splits of common words: not a lexicon's business."""
    hyp_words = [t.norm for t in hyp]
    ref_words = [t.norm for t in ref]
    changed = set(hyp_words).symmetric_difference(ref_words)
    if changed and all(_function_word(w) for w in changed):
        return True  # "off" -> "of", "he is" -> "he's"
    if _LETTERS.sub("", "".join(hyp_words)) == _LETTERS.sub("", "".join(ref_words)):
        return True  # joined, split or hyphenated differently ("lock down" -> "lockdown")
    if len(hyp_words) == 1 and len(ref_words) == 1 and zipf(hyp_words[0]) == 0.0:
        return Levenshtein.normalized_similarity(hyp_words[0], ref_words[0]) >= 0.6  # "theat" -> "that"
    hyp_content = sorted(_stem(w) for w in hyp_words if w not in FUNCTION_WORDS)
    ref_content = sorted(_stem(w) for w in ref_words if w not in FUNCTION_WORDS)
    if hyp_content == ref_content:
        return True  # only function words and endings differ ("on a restriction" -> "and restrictions")
    numbers = [w for w in (*hyp_words, *ref_words) if w not in FUNCTION_WORDS]
    return all(any(c.isdigit() for c in w) or w in NUMBER_WORDS for w in numbers)  # "1,000,000" -> "million"


def _function_word(word: str) -> bool:
    # A contraction of function words ("he's", "wouldn't") is one too.
    parts = [p for p in re.split(r"['\u2019]", word) if p]
    return bool(parts) and parts[0] in FUNCTION_WORDS and all(p in FUNCTION_WORDS or p in _CLITICS for p in parts[1:])


def _stem(word: str) -> str:
    for ending in ("'s", "es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)]
    return word


def _digits(token: Token) -> bool:
    return any(c.isdigit() for c in token.text)


def _strip_digits(indexes: list[int], tokens: Sequence[Token]) -> list[int]:
    while indexes and _digits(tokens[indexes[0]]):
        indexes = indexes[1:]
    while indexes and _digits(tokens[indexes[-1]]):
        indexes = indexes[:-1]
    return indexes


def _trimmable(token: Token) -> bool:
    return token.norm in FUNCTION_WORDS or token.norm in NUMBER_WORDS or any(c.isdigit() for c in token.text)


def _trimmed_spans(
    block: Sequence[Edit], hyp_tokens: Sequence[Token], ref_tokens: Sequence[Token]
) -> tuple[list[int], list[int]]:
    """The hypothesis and reference word indexes of a run, trimmed at the edges where that sounds closer.

    An edge word may be trimmed on either side when it is a function word or a number, or when the aligner
    has it inserted or deleted on its own ("near Will Han on back" -> "near Wuhan and back" gives
    "Will Han" -> "Wuhan"); of the choices, the pair that sounds most alike wins, the longer on a tie. Digits
    have no sound, so edge numbers written in digits on one side only are always trimmed ("1,000,000 Wiggins"
    -> "million Uyghurs" gives "Wiggins" -> "Uyghurs").
    """
    hyp_all = [e.hyp_index for e in block if e.hyp_index is not None]
    ref_all = [e.ref_index for e in block if e.ref_index is not None]
    hyp_digits = any(_digits(hyp_tokens[i]) for i in hyp_all)
    if hyp_digits != any(_digits(ref_tokens[i]) for i in ref_all):
        hyp_all = _strip_digits(hyp_all, hyp_tokens)
        ref_all = _strip_digits(ref_all, ref_tokens)
    lone_hyp = {e.hyp_index for e in block if e.kind == "insertion"}
    lone_ref = {e.ref_index for e in block if e.kind == "deletion"}

    def choices(indexes: list[int], tokens: Sequence[Token], lone: set[int | None]) -> list[list[int]]:
        def loose(i: int) -> bool:
            return i in lone or _trimmable(tokens[i])

        heads = [indexes]
        while len(heads[-1]) > 1 and loose(heads[-1][0]):
            heads.append(heads[-1][1:])
        found = list(heads)
        for option in heads:
            while len(option) > 1 and loose(option[-1]):
                option = option[:-1]
                found.append(option)
        return found

    best: tuple[float, int, list[int], list[int]] | None = None
    for hyp_idx in choices(hyp_all, hyp_tokens, lone_hyp) if hyp_all else []:
        hyp_key = sound_key(" ".join(hyp_tokens[i].text for i in hyp_idx))
        for ref_idx in choices(ref_all, ref_tokens, lone_ref) if ref_all else []:
            ref_key = sound_key(" ".join(ref_tokens[i].text for i in ref_idx))
            score = sound_similarity(hyp_key, ref_key) if hyp_key and ref_key else 0.0
            candidate = (score, len(hyp_idx) + len(ref_idx), hyp_idx, ref_idx)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    return (best[2], best[3]) if best is not None else ([], [])


def _extend(
    hyp_idx: list[int],
    ref_idx: list[int],
    kept: Sequence[int | None],
    ref_text: str,
    ref_tokens: Sequence[Token],
    hyp_tokens: Sequence[Token],
) -> tuple[list[int], list[int]]:
    """Grow a correction over neighbouring words of the same name ("will helps" + "Organization").

    A neighbour belongs to the name when the person capitalised it: the same word, written in other capitals
    ("organization" -> "Organization"). ``kept[r]`` is the hypothesis index matched to reference word ``r``.
    """

    def recapitalised(r: int, h: int | None) -> bool:
        if h is None:
            return False
        token = ref_tokens[r]
        return token.text[:1].isupper() and token.text != hyp_tokens[h].text

    while len(ref_idx) < _MAX_WORDS and ref_idx[-1] + 1 < len(ref_tokens):
        r = ref_idx[-1] + 1
        h = kept[r]
        if h is None or h != hyp_idx[-1] + 1 or not recapitalised(r, h):
            break
        ref_idx, hyp_idx = [*ref_idx, r], [*hyp_idx, h]
    while len(ref_idx) < _MAX_WORDS and ref_idx[0] > 0:
        r = ref_idx[0] - 1
        h = kept[r]
        if (
            h is None
            or h != hyp_idx[0] - 1
            or not recapitalised(r, h)
            or is_sentence_start(ref_text, ref_tokens[r].start)
        ):
            break
        ref_idx, hyp_idx = [r, *ref_idx], [h, *hyp_idx]
    return hyp_idx, ref_idx


def _phrase(
    hyp_idx: list[int], ref_idx: list[int], kept: Sequence[int | None], ref_tokens: Sequence[Token]
) -> tuple[list[int], list[int]]:
    """Give a lone common word its neighbour ("coat" -> "code" becomes "red coat" -> "red code")."""
    for r in (ref_idx[0] - 1, ref_idx[-1] + 1):
        if 0 <= r < len(ref_tokens) and kept[r] is not None and ref_tokens[r].norm not in FUNCTION_WORDS:
            h = kept[r]
            assert h is not None
            if r < ref_idx[0] and h == hyp_idx[0] - 1:
                return [h, *hyp_idx], [r, *ref_idx]
            if r > ref_idx[-1] and h == hyp_idx[-1] + 1:
                return [*hyp_idx, h], [*ref_idx, r]
    return hyp_idx, ref_idx


def _runs(edits: Sequence[Edit]) -> Iterable[list[Edit]]:
    run: list[Edit] = []
    for edit in edits:
        if edit.kind == "match":
            if run:
                yield run
            run = []
        else:
            run.append(edit)
    if run:
        yield run


def _example(text: str, tokens: Sequence[Token], first: int, last: int, middle: str | None) -> tuple[str, set[str]]:
    """The words around tokens ``first..last`` on their line (that span replaced by ``middle`` when given),
    white space squeezed, and the normalised words of the surroundings."""
    start, end = tokens[first].start, tokens[last].end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    lo_i, hi_i = max(0, first - _EXAMPLE_WINDOW), min(len(tokens) - 1, last + _EXAMPLE_WINDOW)
    lo = max(tokens[lo_i].start, line_start)
    hi = tokens[hi_i].end
    while hi < line_end and not text[hi].isspace():
        hi += 1  # keep the punctuation that closes the last word ("economy.")
    hi = min(hi, line_end)
    around = {t.norm for t in tokens[lo_i : hi_i + 1] if lo <= t.start and t.end <= hi} - {
        t.norm for t in tokens[first : last + 1]
    }
    snippet = f"{text[lo:start]}{text[start:end] if middle is None else middle}{text[end:hi]}"
    return " ".join(snippet.split()), around


def learn(
    hyp_text: str,
    ref_text: str,
    *,
    min_count: int = 2,
    single_names: bool = False,
    known: Lexicon | None = None,
) -> list[Proposal]:
    """Propose misrecognitions of terms from a recogniser's output and its corrected version.

    Args:
        hyp_text: the recogniser's output (spoken text only: read subtitles with a format reader first).
        ref_text: the same text corrected by a person.
        min_count: propose a correction seen at least this many times.
        single_names: also propose names and rare terms corrected once.
        known: an existing lexicon; corrections it already makes (its examples-style check: every
            occurrence corrected by the default pipeline with it) are not proposed again, and a misrecognition
            it maps to another term is reported with ``known`` set.

    Returns:
        Proposals, most frequent first.

    >>> found = learn("a weaker man, a weaker town", "a Uyghur man, a Uyghur town")
    >>> [(p.misrecognition, p.term, p.count) for p in found]
    [('weaker', 'Uyghur', 2)]
    """
    hyp_tokens = tokenize(hyp_text)
    ref_tokens = tokenize(ref_text)
    edits = align([t.norm for t in ref_tokens], [t.norm for t in hyp_tokens])
    kept: list[int | None] = [None] * len(ref_tokens)
    for edit in edits:
        if edit.kind == "match" and edit.ref_index is not None:
            kept[edit.ref_index] = edit.hyp_index
    candidates: dict[tuple[tuple[str, ...], tuple[str, ...]], _Candidate] = defaultdict(_Candidate)
    for run in _runs(edits):
        hyp_idx, ref_idx = _trimmed_spans(run, hyp_tokens, ref_tokens)
        if not hyp_idx or not ref_idx or len(hyp_idx) > _MAX_WORDS or len(ref_idx) > _MAX_WORDS:
            continue
        hyp_idx, ref_idx = _extend(hyp_idx, ref_idx, kept, ref_text, ref_tokens, hyp_tokens)
        hyp = [hyp_tokens[i] for i in hyp_idx]
        ref = [ref_tokens[i] for i in ref_idx]
        name = _is_name(ref_text, ref)
        if [t.norm for t in hyp] == [t.norm for t in ref] or (not name and _ordinary(hyp, ref)):
            continue
        if not name and len(hyp_idx) == 1 and len(ref_idx) == 1:
            hyp_idx, ref_idx = _phrase(hyp_idx, ref_idx, kept, ref_tokens)
            hyp = [hyp_tokens[i] for i in hyp_idx]
            ref = [ref_tokens[i] for i in ref_idx]
        term = ref_text[ref[0].start : ref[-1].end]
        mis_key = tuple(t.norm for t in hyp)
        candidate = candidates[(mis_key, phrase_key(term))]
        candidate.term_forms[term] += 1
        candidate.misrecognition_forms[hyp_text[hyp[0].start : hyp[-1].end]] += 1
        candidate.name = candidate.name or name
        # Examples come from the corrected text with only this misrecognition put back, so that each tests
        # one entry and nothing else the recogniser got wrong nearby.
        before = hyp_text[hyp[0].start : hyp[-1].end]
        if is_sentence_start(ref_text, ref[0].start):
            before = before[:1].upper() + before[1:]
        given, around = _example(ref_text, ref_tokens, ref_idx[0], ref_idx[-1], before)
        expected, _ = _example(ref_text, ref_tokens, ref_idx[0], ref_idx[-1], None)
        candidate.occurrences.append(Occurrence(given, expected, _line_of(hyp_text, hyp[0].start)))
        candidate.surroundings.append(around)
        lo, hi = max(0, ref_idx[0] - _CONTEXT_WINDOW), ref_idx[-1] + 1 + _CONTEXT_WINDOW
        term_words = set(phrase_key(term))
        for token in ref_tokens[lo : ref_idx[0]] + ref_tokens[ref_idx[-1] + 1 : hi]:
            if token.norm not in term_words and len(token.norm) > 2 and 0 < zipf(token.norm) < _CONTEXT_MAX_ZIPF:
                candidate.context[token.text if token.text[:1].isupper() else token.norm] += 1
    matched = _matched_positions(edits, ref_tokens)
    pipeline = Pipeline(lexicons=[known]) if known is not None else None
    known_forms = _known_forms(known)
    proposals = []
    _merge_inflections(candidates)
    for (mis_key, _), candidate in candidates.items():
        count = len(candidate.occurrences)
        if count < min_count and not (single_names and candidate.name):
            continue
        kept_count = len(matched.get(mis_key, []))
        if not candidate.name and kept_count > count:
            continue  # common words, left alone more often than corrected: grammar or style, not a term
        term = candidate.term_forms.most_common(1)[0][0]
        misrecognition = candidate.misrecognition_forms.most_common(1)[0][0]
        kept_at = matched.get(mis_key, [])
        known_term = known_forms.get(phrase_key(misrecognition))
        if known_term == term or (pipeline is not None and _handled(pipeline, candidate.occurrences)):
            continue  # the existing lexicon already makes this correction
        # Context words: the most frequent near the corrections, rarer words first among equals; then one from
        # each example that has none yet, so the examples of a guarded misrecognition can pass.
        ranked = sorted(candidate.context, key=lambda w: (-candidate.context[w], zipf(w.lower()), w))
        context = ranked[:_MAX_CONTEXT_WORDS]
        for around in candidate.surroundings[:_MAX_EXAMPLES]:
            if not any(phrase_key(c)[0] in around for c in context):
                nearby = [w for w in ranked if w.lower() in around] or sorted(
                    (w for w in around if w not in FUNCTION_WORDS and len(w) > 2 and zipf(w) > 0), key=zipf
                )
                context += nearby[:1]
        proposals.append(
            Proposal(
                term=term,
                misrecognition=misrecognition,
                count=count,
                kept=len(kept_at),
                kind="name" if candidate.name else "recurring",
                occurrences=tuple(candidate.occurrences),
                kept_examples=tuple(
                    _example(ref_text, ref_tokens, r, r + len(mis_key) - 1, None)[0] for r in kept_at[:1]
                ),
                context=tuple(context),
                known=known_term or "",
            )
        )
    return sorted(proposals, key=lambda p: (-p.count, p.kind != "name", p.term.lower(), p.misrecognition))


def _merge_inflections(candidates: dict[tuple[tuple[str, ...], tuple[str, ...]], _Candidate]) -> None:
    """Count "kaffir's" -> "kaffar's" as "kaffir" -> "kaffar": the lexicon corrector matches the inflections."""
    for mis_key, term_key in list(candidates):
        for ending in ("'s", "s", "es"):
            if not (mis_key[-1].endswith(ending) and term_key[-1].endswith(ending)):
                continue
            base = ((*mis_key[:-1], mis_key[-1][: -len(ending)]), (*term_key[:-1], term_key[-1][: -len(ending)]))
            if base in candidates and base != (mis_key, term_key):
                inflected = candidates.pop((mis_key, term_key))
                target = candidates[base]
                target.occurrences += inflected.occurrences
                target.surroundings += inflected.surroundings
                target.context.update(inflected.context)
                target.name = target.name or inflected.name
                break


def _matched_positions(edits: Sequence[Edit], ref_tokens: Sequence[Token]) -> dict[tuple[str, ...], list[int]]:
    """Reference start indexes of every run of 1..4 words that the person left as the recogniser wrote them."""
    kept = [False] * len(ref_tokens)
    for edit in edits:
        if edit.kind == "match" and edit.ref_index is not None:
            kept[edit.ref_index] = True
    found: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in range(len(ref_tokens)):
        for n in range(1, _MAX_WORDS + 1):
            if i + n > len(ref_tokens) or not kept[i + n - 1]:
                break
            found[tuple(t.norm for t in ref_tokens[i : i + n])].append(i)
    return found


def _handled(pipeline: Pipeline, occurrences: Sequence[Occurrence]) -> bool:
    return all(pipeline.correct(o.input).text == o.output for o in occurrences)


def _known_forms(lexicon: Lexicon | None) -> dict[tuple[str, ...], str]:
    """The term each phrase of ``lexicon`` stands for: its terms (the recogniser's words are already a term: do
    not propose them) and their misrecognitions; the first entry wins."""
    forms: dict[tuple[str, ...], str] = {}
    for entry in lexicon.entries if lexicon is not None else ():
        forms.setdefault(phrase_key(entry.term), entry.term)
        for mis in entry.misrecognitions:
            forms.setdefault(phrase_key(mis.text), entry.term)
    return forms


def to_drafts(proposals: Iterable[Proposal], *, source: str = "") -> list[EntryDraft]:
    """Group proposals by term into entry drafts for :func:`asrfix.lexicon_tools.edit.merge_into_lexicon`."""
    grouped: dict[str, list[Proposal]] = {}
    for proposal in proposals:
        if not proposal.known:
            grouped.setdefault(proposal.term, []).append(proposal)
    drafts = []
    for term, group in grouped.items():
        examples: list[tuple[str, str | None]] = []
        for proposal in group:
            examples += [(o.input, o.output) for o in proposal.occurrences[:_MAX_EXAMPLES]]
            examples += [(k, None) for k in proposal.kept_examples]
        unique: dict[str, str | None] = {}
        for given, expected in examples:
            unique.setdefault(given, expected)  # one example per input, the first kept
        context: list[str] = []
        for proposal in group:
            context += [c for c in proposal.context if c not in context]
        counts = ", ".join(f"{p.misrecognition!r} x{p.count}" + (f" (kept x{p.kept})" if p.kept else "") for p in group)
        where = f" in {source}" if source else ""
        drafts.append(
            EntryDraft(
                term=term,
                misrecognitions=tuple(p.misrecognition for p in group),
                context=tuple(context),
                examples=tuple(unique.items()),
                comment=f"learned{where}: {counts}; review before use",
            )
        )
    return drafts
