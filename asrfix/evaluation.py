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

import operator
from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain, repeat
from typing import Any, Literal

from rapidfuzz.distance import Levenshtein

__all__ = [
    "DELETION_COST",
    "INSERTION_COST",
    "SUBSTITUTION_COST",
    "BiasingScores",
    "Edit",
    "EditKind",
    "ErrorCounts",
    "align",
    "biasing_scores",
    "edit_distance",
    "score_alignment",
    "words",
]

SUBSTITUTION_COST = 4
INSERTION_COST = 3
DELETION_COST = 3
# rapidfuzz orders weights as (insertion, deletion, substitution).
_RAPIDFUZZ_WEIGHTS = (INSERTION_COST, DELETION_COST, SUBSTITUTION_COST)

# Above this many table cells, texts are first cut at long runs of identical words (see align()).
_MAX_CELLS = 4_000_000
_ANCHOR_RUN = 12

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


def _anchors(ref: Sequence[int], hyp: Sequence[int]) -> list[tuple[int, int]]:
    # Cut points in the middle of long runs of identical words, found by rapidfuzz's bit-parallel alignment.
    cuts: list[tuple[int, int]] = []
    for block in Levenshtein.opcodes(ref, hyp):
        if block.tag == "equal" and block.src_end - block.src_start >= _ANCHOR_RUN:
            middle = (block.src_end - block.src_start) // 2
            cuts.append((block.src_start + middle, block.dest_start + middle))
    return cuts


def align(ref: Sequence[str], hyp: Sequence[str]) -> list[Edit]:
    """Align reference and hypothesis words with the benchmark's weights and tie rule.

    Args:
        ref: the reference words.
        hyp: the hypothesis words.

    Returns:
        The edits in order; every reference and hypothesis index appears exactly once.

    For inputs whose table would exceed four million cells (about 2,000 by 2,000 words), the texts are first
    cut in the middle of runs of at least 12 identical words (found by rapidfuzz's bit-parallel alignment),
    and each piece is aligned exactly; an optimal alignment practically always passes through such runs.
    Align sentence or cue pairs separately where you have them.

    >>> [(e.kind, e.ref_index, e.hyp_index) for e in align(["a", "b"], ["b"])]
    [('deletion', 0, None), ('match', 1, 0)]
    """
    vocabulary: dict[str, int] = {}
    ref_ids = [vocabulary.setdefault(w, len(vocabulary)) for w in ref]
    hyp_ids = [vocabulary.setdefault(w, len(vocabulary)) for w in hyp]
    if (len(ref_ids) + 1) * (len(hyp_ids) + 1) <= _MAX_CELLS:
        return _align_exact(ref_ids, hyp_ids, 0, 0)
    edits: list[Edit] = []
    r_start = h_start = 0
    for r_cut, h_cut in [*_anchors(ref_ids, hyp_ids), (len(ref_ids), len(hyp_ids))]:
        edits.extend(_align_exact(ref_ids[r_start:r_cut], hyp_ids[h_start:h_cut], r_start, h_start))
        r_start, h_start = r_cut, h_cut
    return edits


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


def score_alignment(
    edits: Iterable[Edit], ref_biased: Sequence[bool], hyp_biased: Sequence[bool]
) -> BiasingScores:
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
