"""Measure what correction does: word alignment, WER, and the biased/unbiased split of errors.

The metrics follow the definitions of the LibriSpeech rare-word biasing benchmark (Le et al., Interspeech
2021, ``score.py`` in facebookresearch/fbai-speech ``is21_deep_bias``), so figures computed here can be put
next to the published ones:

- words are aligned by a weighted edit distance: match 0, substitution 4, insertion 3, deletion 3;
- **WER** counts substitutions, insertions and deletions over all reference words;
- **B-WER** counts substitutions and deletions of *biased* reference words (words of the biasing list, or of a
  lexicon term) plus insertions of biased hypothesis words, over the number of biased reference words;
- **U-WER** counts the other errors over the other reference words.

Ties between alignments of equal cost are broken exactly as the benchmark's scorer does, so that the split
between B- and U- errors is the same: filling the table, a cell takes the diagonal step (match or
substitution) unless an insertion is strictly cheaper, and then a deletion only if strictly cheaper still; the
path is read back from the end.

>>> [e.kind for e in align("the cat sat".split(), "the bat sat down".split())]
['match', 'substitution', 'match', 'insertion']
>>> scores = biasing_scores([("we met in wuhan", "we met in will han", {"wuhan"})])
>>> (scores.wer.errors, scores.b_wer.errors, scores.u_wer.errors)
(2, 1, 1)
"""

from __future__ import annotations

import functools
import operator
import unicodedata
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain, repeat
from typing import Any, Literal

from rapidfuzz.distance import Levenshtein

from .api import DEFAULT_MIN_CONFIDENCE, LexiconSpec, Pipeline
from .changes import apply
from .correctors import Corrector
from .lexicon import Entry, Lexicon
from .tokens import normalize_word

__all__ = [
    "DELETION_COST",
    "INSERTION_COST",
    "SUBSTITUTION_COST",
    "BiasingScores",
    "Edit",
    "EditKind",
    "EntryStats",
    "ErrorCounts",
    "EvaluationReport",
    "Segment",
    "align",
    "biasing_scores",
    "edit_distance",
    "evaluate",
    "score_alignment",
    "scoring_words",
    "words",
]

SUBSTITUTION_COST = 4
INSERTION_COST = 3
DELETION_COST = 3
# rapidfuzz orders weights as (insertion, deletion, substitution).
_RAPIDFUZZ_WEIGHTS = (INSERTION_COST, DELETION_COST, SUBSTITUTION_COST)

# Above this many table cells, texts are first cut at long runs of identical words (see align()).
_MAX_CELLS = 1_000_000
_ANCHOR_RUN = 12
_MIN_ANCHOR_RUN = 3

EditKind = Literal["match", "substitution", "insertion", "deletion"]


@dataclass(frozen=True, slots=True)
class Edit:
    """One step of a word alignment.

    Attributes:
        kind: ``"match"``, ``"substitution"``, ``"insertion"`` (a hypothesis word with no reference word) or
            ``"deletion"`` (a reference word with no hypothesis word).
        ref_index: index of the reference word, ``None`` for an insertion.
        hyp_index: index of the hypothesis word, ``None`` for a deletion.
    """

    kind: EditKind
    ref_index: int | None
    hyp_index: int | None


def words(text: str) -> list[str]:
    """Split a text into words on white space, as the benchmark's scorer does.

    >>> words("  the  cat\\tsat ")
    ['the', 'cat', 'sat']
    """
    return text.split()


def edit_distance(ref: Sequence[Hashable], hyp: Sequence[Hashable]) -> int:
    """Return the weighted edit distance (substitution 4, insertion 3, deletion 3) between two word lists.

    Computed by rapidfuzz in C.

    >>> edit_distance(["a", "b"], ["a", "c", "d"])
    7
    """
    return int(Levenshtein.distance(ref, hyp, weights=_RAPIDFUZZ_WEIGHTS))


def _score_table(ref: Sequence[int], hyp: Sequence[int]) -> list[list[int]]:
    # rapidfuzz computes the weighted distance (edit_distance) but its editops/opcodes give unit-cost paths only
    # (weights are not accepted: rapidfuzz/python-Levenshtein issue #10), and the benchmark's B/U split depends
    # on the weighted path and its tie rule, so the path is computed here and its cost checked against rapidfuzz
    # in the tests.
    # Row i holds the costs of aligning ref[:i] with every prefix of hyp. Each row is computed with C-level
    # iteration (map/accumulate over builtins), not a Python loop over cells: within a row, the insertion
    # recurrence s[j] = min(c[j], s[j-1] + 3) is a running minimum of c[k] - 3k, shifted back by 3j.
    m = len(hyp)
    offsets = range(0, INSERTION_COST * (m + 1), INSERTION_COST)
    rows = [list(offsets)]
    cost_rows: dict[int, list[int]] = {}
    for i, word in enumerate(ref, start=1):
        prev = rows[-1]
        costs = cost_rows.get(word)
        if costs is None:
            costs = list(map(operator.mul, map(operator.ne, hyp, repeat(word)), repeat(SUBSTITUTION_COST)))
            cost_rows[word] = costs
        diagonal = map(operator.add, prev, costs)
        up = map(operator.add, prev[1:], repeat(DELETION_COST))
        best = map(min, diagonal, up)
        shifted = map(operator.sub, best, offsets[1:])
        running = accumulate(chain((DELETION_COST * i,), shifted), min)
        rows.append(list(map(operator.add, running, offsets)))
    return rows


def _align_exact(ref: Sequence[int], hyp: Sequence[int], ref_base: int, hyp_base: int) -> list[Edit]:
    if ref == hyp:  # the all-match path costs 0, so it is the only optimal one
        return [Edit("match", ref_base + k, hyp_base + k) for k in range(len(ref))]
    rows = _score_table(ref, hyp)
    edits: list[Edit] = []
    i, j = len(ref), len(hyp)
    while i > 0 or j > 0:
        if i == 0:
            edits.append(Edit("insertion", None, hyp_base + j - 1))
            j -= 1
            continue
        if j == 0:
            edits.append(Edit("deletion", ref_base + i - 1, None))
            i -= 1
            continue
        same = ref[i - 1] == hyp[j - 1]
        # The benchmark scorer's tie rule: diagonal, unless insertion is strictly cheaper, then deletion only
        # if strictly cheaper than the best so far.
        best = rows[i - 1][j - 1] + (0 if same else SUBSTITUTION_COST)
        step = "diagonal"
        insertion = rows[i][j - 1] + INSERTION_COST
        if insertion < best:
            best, step = insertion, "insertion"
        if rows[i - 1][j] + DELETION_COST < best:
            step = "deletion"
        if step == "diagonal":
            edits.append(Edit("match" if same else "substitution", ref_base + i - 1, hyp_base + j - 1))
            i -= 1
            j -= 1
        elif step == "insertion":
            edits.append(Edit("insertion", None, hyp_base + j - 1))
            j -= 1
        else:
            edits.append(Edit("deletion", ref_base + i - 1, None))
            i -= 1
    edits.reverse()
    return edits


def _anchors(ref: Sequence[int], hyp: Sequence[int], run: int) -> list[tuple[int, int]]:
    # Cut points in the middle of runs of at least `run` identical words, found by rapidfuzz's bit-parallel
    # (unit-cost) alignment.
    cuts: list[tuple[int, int]] = []
    for block in Levenshtein.opcodes(ref, hyp):
        if block.tag == "equal" and block.src_end - block.src_start >= run:
            middle = (block.src_end - block.src_start) // 2
            cuts.append((block.src_start + middle, block.dest_start + middle))
    return cuts


def _align_pieces(ref: Sequence[int], hyp: Sequence[int], ref_base: int, hyp_base: int, run: int) -> list[Edit]:
    if (len(ref) + 1) * (len(hyp) + 1) <= _MAX_CELLS or run < _MIN_ANCHOR_RUN:
        return _align_exact(ref, hyp, ref_base, hyp_base)
    cuts = _anchors(ref, hyp, run)
    if not cuts:
        return _align_pieces(ref, hyp, ref_base, hyp_base, run // 2)
    edits: list[Edit] = []
    r_start = h_start = 0
    for r_cut, h_cut in [*cuts, (len(ref), len(hyp))]:
        piece = _align_pieces(ref[r_start:r_cut], hyp[h_start:h_cut], ref_base + r_start, hyp_base + h_start, run // 2)
        edits.extend(piece)
        r_start, h_start = r_cut, h_cut
    return edits


def align(ref: Sequence[str], hyp: Sequence[str]) -> list[Edit]:
    """Align reference and hypothesis words with the benchmark's weights and tie rule.

    Args:
        ref: the reference words.
        hyp: the hypothesis words.

    Returns:
        The edits in order; every reference and hypothesis index appears exactly once.

    Exact for inputs whose table has up to a million cells (about 1,000 by 1,000 words: any sentence, cue or
    utterance). Longer texts are first cut in the middle of runs of at least 12 identical words (then 6, then
    3, for pieces still too long) found by rapidfuzz's bit-parallel alignment, and each piece is aligned
    exactly; an optimal alignment practically always passes through such runs, and the cost of the result is
    checked against rapidfuzz's weighted distance in the tests. Align sentence or cue pairs separately where
    you have them.

    >>> [(e.kind, e.ref_index, e.hyp_index) for e in align(["a", "b"], ["b"])]
    [('deletion', 0, None), ('match', 1, 0)]
    """
    vocabulary: dict[str, int] = {}
    ref_ids = [vocabulary.setdefault(w, len(vocabulary)) for w in ref]
    hyp_ids = [vocabulary.setdefault(w, len(vocabulary)) for w in hyp]
    return _align_pieces(ref_ids, hyp_ids, 0, 0, _ANCHOR_RUN)


@dataclass(slots=True)
class ErrorCounts:
    """Word errors over a number of reference words.

    Attributes:
        ref_words: reference words counted.
        substitutions: reference words replaced by another word.
        insertions: hypothesis words with no reference word.
        deletions: reference words missing from the hypothesis.
    """

    ref_words: int = 0
    substitutions: int = 0
    insertions: int = 0
    deletions: int = 0

    @property
    def errors(self) -> int:
        """Substitutions + insertions + deletions."""
        return self.substitutions + self.insertions + self.deletions

    @property
    def rate(self) -> float:
        """Errors per 100 reference words (0.0 with no reference words and no errors, else infinity)."""
        if self.ref_words == 0:
            return 0.0 if self.errors == 0 else float("inf")
        return 100.0 * self.errors / self.ref_words

    def __add__(self, other: ErrorCounts) -> ErrorCounts:
        return ErrorCounts(
            self.ref_words + other.ref_words,
            self.substitutions + other.substitutions,
            self.insertions + other.insertions,
            self.deletions + other.deletions,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the counts and the rate (``None`` when undefined) as a JSON-ready dict."""
        rate = self.rate
        return {
            "rate": None if rate == float("inf") else rate,
            "ref_words": self.ref_words,
            "errors": self.errors,
            "substitutions": self.substitutions,
            "insertions": self.insertions,
            "deletions": self.deletions,
        }


@dataclass(slots=True)
class BiasingScores:
    """WER over all words, split into biased (B-WER) and unbiased (U-WER) words.

    ``wer`` always equals ``u_wer + b_wer`` in every count.
    """

    wer: ErrorCounts = field(default_factory=ErrorCounts)
    u_wer: ErrorCounts = field(default_factory=ErrorCounts)
    b_wer: ErrorCounts = field(default_factory=ErrorCounts)

    def __add__(self, other: BiasingScores) -> BiasingScores:
        return BiasingScores(self.wer + other.wer, self.u_wer + other.u_wer, self.b_wer + other.b_wer)

    def to_dict(self) -> dict[str, Any]:
        """Return the three counts as a JSON-ready dict."""
        return {"wer": self.wer.to_dict(), "u_wer": self.u_wer.to_dict(), "b_wer": self.b_wer.to_dict()}


def score_alignment(edits: Iterable[Edit], ref_biased: Sequence[bool], hyp_biased: Sequence[bool]) -> BiasingScores:
    """Count the errors of an alignment, split by whether each word is biased.

    Args:
        edits: an alignment from :func:`align`.
        ref_biased: for each reference word, whether it is biased (in the list, or part of a lexicon term).
        hyp_biased: the same for each hypothesis word (used for insertions only).

    >>> edits = align(["in", "wuhan"], ["in", "will", "han"])
    >>> score_alignment(edits, [False, True], [False, False, False]).b_wer.errors
    1
    """
    scores = BiasingScores()
    for edit in edits:
        if edit.kind == "insertion":
            assert edit.hyp_index is not None
            scores.wer.insertions += 1
            part = scores.b_wer if hyp_biased[edit.hyp_index] else scores.u_wer
            part.insertions += 1
            continue
        assert edit.ref_index is not None
        part = scores.b_wer if ref_biased[edit.ref_index] else scores.u_wer
        for counts in (scores.wer, part):
            counts.ref_words += 1
            if edit.kind == "substitution":
                counts.substitutions += 1
            elif edit.kind == "deletion":
                counts.deletions += 1
    return scores


def biasing_scores(
    items: Iterable[tuple[str | Sequence[str], str | Sequence[str], Collection[str]]],
) -> BiasingScores:
    """Compute WER, U-WER and B-WER over utterances, as the LibriSpeech biasing benchmark defines them.

    Args:
        items: ``(ref, hyp, biasing_words)`` per utterance; ``ref`` and ``hyp`` are texts (split on white
            space) or word lists; a word is biased when it is in ``biasing_words`` (compared exactly).

    Returns:
        The summed counts; ``.wer.rate``, ``.u_wer.rate`` and ``.b_wer.rate`` are the percentages.

    >>> s = biasing_scores([("a rare word", "a rear word", {"rare"}), ("the end", "the end", set())])
    >>> (s.wer.rate, s.b_wer.rate, s.u_wer.rate)
    (20.0, 100.0, 0.0)
    """
    total = BiasingScores()
    for ref, hyp, biasing in items:
        ref_words = words(ref) if isinstance(ref, str) else list(ref)
        hyp_words = words(hyp) if isinstance(hyp, str) else list(hyp)
        bias = biasing if isinstance(biasing, (set, frozenset, dict)) else set(biasing)
        edits = align(ref_words, hyp_words)
        total += score_alignment(edits, [w in bias for w in ref_words], [w in bias for w in hyp_words])
    return total


# --- evaluating correction on a corpus -------------------------------------------------------------------


def _is_edge_punctuation(char: str) -> bool:
    # Apostrophes stay: they belong to words ("shelley's", "mornin'").
    return unicodedata.category(char).startswith("P") and char not in "'\u2019"


@functools.lru_cache(maxsize=65536)
def _scoring_word(raw: str) -> str:
    start, end = 0, len(raw)
    while start < end and _is_edge_punctuation(raw[start]):
        start += 1
    while end > start and _is_edge_punctuation(raw[end - 1]):
        end -= 1
    return normalize_word(raw[start:end]) if start < end else ""


def scoring_words(text: str) -> list[str]:
    """Split a text into the words that are scored: on white space, with punctuation stripped from both ends
    of each word (apostrophes kept), case-folded, NFC, curly apostrophes made straight; words made only of
    punctuation are dropped.

    Lower-case text without punctuation (the LibriSpeech benchmark) is left as it is.

    >>> scoring_words('He said: "Wuhan\u2019s mayor" - ok.')
    ['he', 'said', "wuhan's", 'mayor', 'ok']
    """
    return [word for word in map(_scoring_word, text.split()) if word]


@functools.lru_cache(maxsize=65536)
def _term_phrase(term: str) -> tuple[str, ...]:
    return tuple(scoring_words(term))


@dataclass(frozen=True, slots=True)
class Segment:
    """One hypothesis text and its reference, scored together.

    Attributes:
        hyp: the recogniser's text (what asrfix corrects).
        ref: the reference (what a person says is right).
        id: a name for reports (an utterance id, a cue number), "" when there is none.
        terms: extra words or phrases that count as terms for this segment only, and are given to the
            correctors as a lexicon of bare terms (a per-utterance biasing list).
    """

    hyp: str
    ref: str
    id: str = ""
    terms: tuple[str, ...] = ()


@dataclass(slots=True)
class EntryStats:
    """What one lexicon entry did.

    Attributes:
        term: the entry's term.
        lexicon: the lexicon it comes from.
        in_ref: occurrences of the term in the references.
        right_before: of those, how many the hypothesis had right (every word aligned as a match).
        right_after: the same after correction.
        hits: changes made citing this entry.
        good: changes that moved the text toward the reference.
        bad: changes that moved it away.
        neutral: changes that did neither.
    """

    term: str
    lexicon: str
    in_ref: int = 0
    right_before: int = 0
    right_after: int = 0
    hits: int = 0
    good: int = 0
    bad: int = 0
    neutral: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return the stats as a JSON-ready dict."""
        return {name: getattr(self, name) for name in self.__slots__}


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(slots=True)
class EvaluationReport:
    """WER before and after correction, and how good the changes were.

    Attributes:
        segments: number of segments scored.
        before: WER / U-WER / B-WER of the hypotheses (B: words of lexicon terms).
        after: the same for the corrected hypotheses.
        changes: changes made.
        good: changes that lowered the segment's weighted edit distance to its reference when applied alone.
        bad: changes that raised it.
        neutral: changes that left it equal.
        fixable: term words of the references that the hypotheses got wrong (substituted or deleted).
        fixed: of those, the words that are right (aligned as a match) after correction.
        entries: per lexicon entry, sorted by lexicon and term.
    """

    segments: int = 0
    before: BiasingScores = field(default_factory=BiasingScores)
    after: BiasingScores = field(default_factory=BiasingScores)
    changes: int = 0
    good: int = 0
    bad: int = 0
    neutral: int = 0
    fixable: int = 0
    fixed: int = 0
    entries: list[EntryStats] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        """Good changes over all changes made (``None`` when no change was made)."""
        return _ratio(self.good, self.changes)

    @property
    def recall(self) -> float | None:
        """Fixed term words over fixable term words (``None`` when nothing was fixable)."""
        return _ratio(self.fixed, self.fixable)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as a JSON-ready dict."""
        return {
            "segments": self.segments,
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "changes": {
                "made": self.changes,
                "good": self.good,
                "bad": self.bad,
                "neutral": self.neutral,
                "precision": self.precision,
            },
            "terms": {"fixable": self.fixable, "fixed": self.fixed, "recall": self.recall},
            "entries": [e.to_dict() for e in self.entries],
        }


def _phrase_index(phrases: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in set(phrases):
        if phrase:
            index.setdefault(phrase[0], []).append(phrase)
    for candidates in index.values():
        candidates.sort(key=len, reverse=True)
    return index


def _occurrences(
    text_words: Sequence[str], index: Mapping[str, list[tuple[str, ...]]]
) -> list[tuple[int, tuple[str, ...]]]:
    # Every occurrence of every phrase (the longest at each start), as (start, phrase).
    found: list[tuple[int, tuple[str, ...]]] = []
    for i, word in enumerate(text_words):
        for phrase in index.get(word, ()):
            if tuple(text_words[i : i + len(phrase)]) == phrase:
                found.append((i, phrase))
                break
    return found


def _covered(length: int, occurrences: Iterable[tuple[int, tuple[str, ...]]]) -> list[bool]:
    flags = [False] * length
    for start, phrase in occurrences:
        for k in range(start, start + len(phrase)):
            flags[k] = True
    return flags


def _ref_matched(edits: Iterable[Edit], ref_length: int) -> list[bool]:
    matched = [False] * ref_length
    for edit in edits:
        if edit.kind == "match" and edit.ref_index is not None:
            matched[edit.ref_index] = True
    return matched


def evaluate(
    segments: Iterable[Segment],
    *,
    lexicons: LexiconSpec | Iterable[LexiconSpec] = (),
    correctors: Iterable[str | Corrector] | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    options: Mapping[str, Any] | None = None,
    terms_lexicon: str = "terms",
) -> EvaluationReport:
    """Correct each segment's hypothesis and measure the result against its reference.

    Words are compared as :func:`scoring_words` gives them. The terms are the lexicon entries' terms plus each
    segment's own ``terms``; a word is a term word (B) where a term's words occur in the text.

    A change is judged alone: it is *good* if applying only that change to the hypothesis lowers the weighted
    edit distance (substitution 4, insertion 3, deletion 3) between the segment's words and the reference's,
    *bad* if it raises it, *neutral* if it leaves it equal (a wrong word made into another wrong word, or a
    change of case or punctuation only).

    Args:
        segments: the hypothesis/reference pairs.
        lexicons: lexicon names, paths or objects, as for :func:`asrfix.correct`.
        correctors: corrector names or objects; ``None`` for the default pipeline.
        min_confidence: as for :func:`asrfix.correct`.
        options: corrector options.
        terms_lexicon: the lexicon name given to the segments' own terms (in changes and per-entry stats).

    >>> report = evaluate([Segment("we flew to will han", "we flew to Wuhan.")], lexicons=["china-news"])
    >>> (report.before.b_wer.errors, report.after.b_wer.errors, report.good, report.precision)
    (1, 0, 1, 1.0)
    """
    base = Pipeline(lexicons=lexicons, correctors=correctors, min_confidence=min_confidence, options=options)
    corrector_objects = base.correctors
    report = EvaluationReport()
    stats: dict[tuple[str, str], EntryStats] = {}
    base_phrases = [_term_phrase(e.term) for e in base.lexicon.entries]
    base_index = _phrase_index(base_phrases)
    phrase_entry: dict[tuple[str, ...], tuple[str, str]] = {}
    for entry, phrase in zip(base.lexicon.entries, base_phrases, strict=True):
        phrase_entry.setdefault(phrase, (entry.lexicon, entry.term))

    for segment in segments:
        report.segments += 1
        pipeline = base
        index = base_index
        local_entry: dict[tuple[str, ...], tuple[str, str]] = {}
        if segment.terms:
            name = terms_lexicon
            local = Lexicon(name=name, entries=tuple(Entry(term=t, lexicon=name) for t in segment.terms))
            pipeline = Pipeline(
                lexicons=[base.lexicon, local] if base.lexicon.entries else [local],
                correctors=corrector_objects,
                min_confidence=min_confidence,
                options=options,
            )
            local_phrases = [_term_phrase(t) for t in segment.terms]
            index = _phrase_index([*base_phrases, *local_phrases])
            for term, phrase in zip(segment.terms, local_phrases, strict=True):
                local_entry.setdefault(phrase, (name, term))
        result = pipeline.correct(segment.hyp)

        ref_words = scoring_words(segment.ref)
        hyp_words = scoring_words(segment.hyp)
        out_words = scoring_words(result.text)
        ref_occurrences = _occurrences(ref_words, index)
        ref_biased = _covered(len(ref_words), ref_occurrences)
        edits_before = align(ref_words, hyp_words)
        edits_after = edits_before if out_words == hyp_words else align(ref_words, out_words)
        hyp_biased = _covered(len(hyp_words), _occurrences(hyp_words, index))
        out_biased = _covered(len(out_words), _occurrences(out_words, index))
        report.before += score_alignment(edits_before, ref_biased, hyp_biased)
        report.after += score_alignment(edits_after, ref_biased, out_biased)

        right_before = _ref_matched(edits_before, len(ref_words))
        right_after = _ref_matched(edits_after, len(ref_words))
        for k, biased in enumerate(ref_biased):
            if biased and not right_before[k]:
                report.fixable += 1
                report.fixed += right_after[k]
        for start, phrase in ref_occurrences:
            lexicon_name, term = local_entry.get(phrase) or phrase_entry[phrase]
            entry_stats = stats.setdefault((lexicon_name, term), EntryStats(term, lexicon_name))
            entry_stats.in_ref += 1
            span = range(start, start + len(phrase))
            entry_stats.right_before += all(right_before[k] for k in span)
            entry_stats.right_after += all(right_after[k] for k in span)

        distance = edit_distance(ref_words, hyp_words)
        for change in result.changes:
            delta = edit_distance(ref_words, scoring_words(apply(segment.hyp, [change]))) - distance
            report.changes += 1
            entry_stats = stats.setdefault((change.lexicon, change.entry), EntryStats(change.entry, change.lexicon))
            entry_stats.hits += 1
            if delta < 0:
                report.good += 1
                entry_stats.good += 1
            elif delta > 0:
                report.bad += 1
                entry_stats.bad += 1
            else:
                report.neutral += 1
                entry_stats.neutral += 1
    report.entries = [stats[key] for key in sorted(stats)]
    return report
