"""asrfix.evaluation: alignment and WER / U-WER / B-WER as the LibriSpeech biasing benchmark defines them."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asrfix.evaluation import (
    DELETION_COST,
    INSERTION_COST,
    SUBSTITUTION_COST,
    Edit,
    align,
    biasing_scores,
    edit_distance,
)

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "librispeech-biasing"


def kinds(ref: str, hyp: str) -> list[str]:
    return [e.kind for e in align(ref.split(), hyp.split())]


def path_cost(edits: list[Edit]) -> int:
    costs = {"match": 0, "substitution": SUBSTITUTION_COST, "insertion": INSERTION_COST, "deletion": DELETION_COST}
    return sum(costs[e.kind] for e in edits)


def test_substitution_insertion_deletion_are_counted_over_reference_words() -> None:
    s = biasing_scores([("a b c d", "a x c d e", set()), ("f g h", "f h", set())])
    assert (s.wer.ref_words, s.wer.substitutions, s.wer.insertions, s.wer.deletions) == (7, 1, 1, 1)
    assert s.wer.rate == pytest.approx(300 / 7)


def test_weights_prefer_a_match_over_two_substitutions() -> None:
    # With unit costs "b c" against "a b" is a tie between two substitutions and delete+match+insert;
    # with substitution 4, insertion 3, deletion 3 the second costs 6 < 8 and wins.
    assert kinds("a b", "b c") == ["deletion", "match", "insertion"]


def test_biased_reference_words_and_inserted_list_words_count_as_b_errors() -> None:
    s = biasing_scores([("we met in wuhan", "we met in will han", {"wuhan"})])
    # Hand-checked: "wuhan" is substituted (a B error over 1 B word); the extra word is a U insertion.
    assert (s.b_wer.ref_words, s.b_wer.substitutions, s.b_wer.insertions) == (1, 1, 0)
    assert (s.u_wer.ref_words, s.u_wer.errors, s.u_wer.insertions) == (3, 1, 1)
    assert s.b_wer.rate == 100.0
    assert s.u_wer.rate == pytest.approx(100 / 3)


def test_a_false_correction_into_a_list_word_is_a_u_error() -> None:
    s = biasing_scores([("the stew was hot", "the stu was hot", {"stu"})])
    assert s.b_wer.ref_words == 0
    assert s.u_wer.substitutions == 1


def test_an_inserted_list_word_is_a_b_insertion() -> None:
    s = biasing_scores([("go home", "go home nelly", {"nelly"})])
    assert (s.b_wer.ref_words, s.b_wer.insertions, s.u_wer.errors) == (0, 1, 0)
    assert s.b_wer.to_dict()["rate"] is None  # errors over no words: undefined, not a number


def test_ties_are_broken_like_the_benchmark_scorer() -> None:
    # "x" against "y z": substitute-then-insert and insert-then-substitute both cost 7. The scorer keeps the
    # diagonal step at the last cell, so "x" is substituted by "z" and "y" is the inserted word.
    edits = align(["x"], ["y", "z"])
    assert [(e.kind, e.ref_index, e.hyp_index) for e in edits] == [("insertion", None, 0), ("substitution", 0, 1)]
    s = biasing_scores([("x", "y z", {"y"})])
    assert (s.b_wer.insertions, s.u_wer.substitutions) == (1, 1)


def test_empty_sides() -> None:
    assert kinds("a b", "") == ["deletion", "deletion"]
    assert kinds("", "a") == ["insertion"]
    assert align([], []) == []
    s = biasing_scores([("", "a", set())])
    assert s.wer.rate == float("inf")


def scorer_alignment(ref: list[str], hyp: list[str]) -> list[tuple[str, int | None, int | None]]:
    """The benchmark scorer's dynamic programme, written out cell by cell (the test oracle)."""
    n, m = len(ref), len(hyp)
    score = [[0] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            if i == 0:
                score[i][j], back[i][j] = score[i][j - 1] + 3, (i, j - 1)
                continue
            if j == 0:
                score[i][j], back[i][j] = score[i - 1][j] + 3, (i - 1, j)
                continue
            best, prev = score[i - 1][j - 1] + (0 if ref[i - 1] == hyp[j - 1] else 4), (i - 1, j - 1)
            if score[i][j - 1] + 3 < best:
                best, prev = score[i][j - 1] + 3, (i, j - 1)
            if score[i - 1][j] + 3 < best:
                best, prev = score[i - 1][j] + 3, (i - 1, j)
            score[i][j], back[i][j] = best, prev
    out: list[tuple[str, int | None, int | None]] = []
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj = back[i][j]
        if pi == i - 1 and pj == j - 1:
            out.append(("match" if ref[i - 1] == hyp[j - 1] else "substitution", i - 1, j - 1))
        elif pi == i:
            out.append(("insertion", None, j - 1))
        else:
            out.append(("deletion", i - 1, None))
        i, j = pi, pj
    return out[::-1]


word_lists = st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=12)


@settings(max_examples=300, deadline=None)
@given(word_lists, word_lists)
def test_align_equals_the_scorer_step_by_step(ref: list[str], hyp: list[str]) -> None:
    edits = align(ref, hyp)
    assert [(e.kind, e.ref_index, e.hyp_index) for e in edits] == scorer_alignment(ref, hyp)
    assert path_cost(edits) == edit_distance(ref, hyp)


def test_long_texts_are_aligned_at_optimal_cost() -> None:
    # 2,500 words: above the size where align() first cuts the texts at long identical runs.
    ref = [f"w{i % 97}" for i in range(2500)]
    hyp = list(ref)
    hyp[100] = "oops"
    del hyp[1200]
    hyp.insert(2000, "extra")
    edits = align(ref, hyp)
    assert path_cost(edits) == edit_distance(ref, hyp) == 4 + 3 + 3
    assert [e.ref_index for e in edits if e.ref_index is not None] == list(range(len(ref)))
    assert [e.hyp_index for e in edits if e.hyp_index is not None] == list(range(len(hyp)))


def test_long_texts_with_many_errors_are_aligned_at_optimal_cost() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(300)]
    ref = [rng.choice(vocabulary) for _ in range(3000)]
    hyp = [w if rng.random() > 0.3 else rng.choice(vocabulary) for w in ref if rng.random() > 0.05]
    assert path_cost(align(ref, hyp)) == edit_distance(ref, hyp)


def test_the_published_baseline_figures_are_reproduced_exactly() -> None:
    # Published by the benchmark's scorer for the B1 hyp column: WER 3.65, U-WER 2.37, B-WER 14.08.
    with open(BENCH / "test-clean.rnnt_baseline.tsv", encoding="utf-8") as f:
        rows = {r["id"]: r for r in csv.DictReader(f, delimiter="\t")}
    with open(BENCH / "test-clean.biasing.tsv", encoding="utf-8") as f:
        lists = {r["id"]: set(json.loads(r["biasing_list_100"])) for r in csv.DictReader(f, delimiter="\t")}
    s = biasing_scores((rows[uid]["ref"], rows[uid]["hyp"], lists[uid]) for uid in lists)
    assert (s.wer.ref_words, s.wer.substitutions, s.wer.insertions, s.wer.deletions) == (52576, 1501, 195, 225)
    assert (s.u_wer.ref_words, s.u_wer.substitutions, s.u_wer.insertions, s.u_wer.deletions) == (46815, 725, 195, 190)
    assert (s.b_wer.ref_words, s.b_wer.substitutions, s.b_wer.insertions, s.b_wer.deletions) == (5761, 776, 0, 35)
    assert (round(s.wer.rate, 2), round(s.u_wer.rate, 2), round(s.b_wer.rate, 2)) == (3.65, 2.37, 14.08)
