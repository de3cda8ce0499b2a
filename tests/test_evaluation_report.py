"""asrfix.evaluation.evaluate(): WER before and after correction, precision of changes, recall of term errors."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from asrfix import Change, Context, Entry, Lexicon, Token
from asrfix.evaluation import Segment, biasing_scores, evaluate, scoring_words

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "librispeech-biasing"


class ScriptedCorrector:
    """Replaces fixed phrases, citing a lexicon entry: makes good, bad and neutral changes on purpose."""

    name = "scripted"

    def __init__(self, replacements: dict[str, str], lexicon: str = "test") -> None:
        self.replacements = replacements
        self.lexicon = lexicon

    def propose(self, text: str, tokens: Sequence[Token], context: Context) -> Iterable[Change]:
        for before, after in self.replacements.items():
            for m in re.finditer(rf"\b{re.escape(before)}\b", text):
                yield Change(m.start(), m.end(), before, after, self.name, self.lexicon, entry=after)


def test_changes_are_judged_good_bad_or_neutral_against_the_reference() -> None:
    corrector = ScriptedCorrector({"will han": "Wuhan", "work": "York", "stoo": "stu"})
    segment = Segment(hyp="we met in will han for work and ate stoo", ref="We met in Wuhan for work, and ate stew.")
    report = evaluate([segment], correctors=[corrector])
    assert (report.changes, report.good, report.bad, report.neutral) == (3, 1, 1, 1)
    assert report.precision == 1 / 3
    by_term = {e.term: (e.hits, e.good, e.bad, e.neutral) for e in report.entries}
    assert by_term == {"Wuhan": (1, 1, 0, 0), "York": (1, 0, 1, 0), "stu": (1, 0, 0, 1)}


def test_wer_before_and_after_with_lexicon_terms_as_b_words() -> None:
    lexicon = Lexicon(
        name="news", entries=(Entry(term="Wuhan", lexicon="news"), Entry(term="Xi Jinping", lexicon="news"))
    )
    corrector = ScriptedCorrector({"will han": "Wuhan"}, lexicon="news")
    segments = [
        Segment(hyp="she jin ping visited will han", ref="Xi Jinping visited Wuhan."),
        Segment(hyp="nothing to see here", ref="Nothing to see here."),
    ]
    report = evaluate(segments, lexicons=[lexicon], correctors=[corrector])
    # Term words in the references: xi, jinping, wuhan. Before: she/jin ping against xi jinping (2 subs + 1 ins,
    # the inserted "ping" is not a term word, so a U error), and will han against wuhan (1 sub + 1 U insertion).
    assert (report.before.b_wer.ref_words, report.before.b_wer.errors) == (3, 3)
    assert (report.before.u_wer.ref_words, report.before.u_wer.errors) == (5, 2)
    assert (report.after.b_wer.errors, report.after.u_wer.errors) == (2, 1)
    assert (report.fixable, report.fixed, report.recall) == (3, 1, 1 / 3)
    by_term = {e.term: (e.in_ref, e.right_before, e.right_after, e.hits) for e in report.entries}
    assert by_term == {"Wuhan": (1, 0, 1, 1), "Xi Jinping": (1, 0, 0, 0)}


def test_a_segment_own_terms_are_its_lexicon() -> None:
    segment = Segment(hyp="a rear word", ref="a rare word", terms=("rare",))
    report = evaluate([segment], correctors=[])
    assert report.before.b_wer.errors == report.after.b_wer.errors == 1
    assert report.changes == 0 and report.precision is None


def test_scoring_ignores_case_and_punctuation_but_keeps_apostrophes() -> None:
    assert scoring_words("“Hello,” she said — it's Shelley’s!") == ["hello", "she", "said", "it's", "shelley's"]
    report = evaluate([Segment(hyp="hello there", ref="Hello, there!")], correctors=[])
    assert report.before.wer.errors == 0


def test_evaluate_gives_the_benchmark_figures_on_benchmark_data() -> None:
    with open(BENCH / "test-clean.rnnt_baseline.tsv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))[:400]
    with open(BENCH / "test-clean.biasing.tsv", encoding="utf-8") as f:
        lists = {r["id"]: json.loads(r["biasing_list_100"]) for r in csv.DictReader(f, delimiter="\t")}
    segments = [Segment(r["hyp"], r["ref"], r["id"], tuple(lists[r["id"]])) for r in rows]
    report = evaluate(segments, correctors=[])
    expected = biasing_scores((r["ref"], r["hyp"], set(lists[r["id"]])) for r in rows)
    assert report.before == report.after == expected
    assert report.before.b_wer.errors > 0 and report.before.u_wer.errors > 0
