"""Accuracy must not get worse: the default pipeline on a fixed subset of the accuracy benchmarks.

The thresholds are the figures of the default pipeline when they were last measured, plus a margin of about
one word. They come from (the same subset, the same definitions, printed as tables):

    python benchmarks/bench_accuracy.py --every 13

When a change makes these figures better, lower the thresholds to the new figures (keep the margins) in the same
commit, so that the gain is kept. When a change makes them worse, the test fails: fix the change, or, if the
loss is a deliberate trade (say, B-WER for U-WER), raise the threshold in the same commit and say why in the
commit message.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from asrfix import load_lexicon
from asrfix.evaluation import EvaluationReport, evaluate

# --- thresholds (measured 2026-11-26 16:28 UTC, default pipeline: correctors "lexicon", "phonetic") ----------
EVERY = 13  # every 13th LibriSpeech test-clean utterance: 202 utterances, 4,027 words (465 in biasing lists)
LIBRISPEECH_MAX_B_WER = 6.02 + 0.25  # after correction (before: 15.05; session 4: 6.24); one term word is 0.22
LIBRISPEECH_MAX_U_WER = 2.53 + 0.06  # after correction (before: 2.58; session 3: 2.55); one other word is 0.03
SEED_MAX_B_WER = 14.29 + 2.0  # after, china-news (before: 65.71); one term word is 2.9
SEED_MAX_U_WER = 3.60 + 0.10  # after, china-news (before: 4.41); one other word is 0.09
SEED_MAX_BAD_CHANGES = 0 + 1
CLEAN_MAX_FALSE_CHANGES = 1 + 1  # on 5,172 error-free words with a 19,686-term lexicon (1 = 1.93 per 10,000)
# ------------------------------------------------------------------------------------------------------------


def _bench() -> ModuleType:
    # The benchmark script defines the subsets and lexicons; the test uses it, so the command above reproduces
    # exactly what is tested.
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_accuracy.py"
    spec = importlib.util.spec_from_file_location("bench_accuracy", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_accuracy", module)
    spec.loader.exec_module(module)
    return module


bench = _bench()


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return bench.select(bench.librispeech_rows(), every=EVERY)  # type: ignore[no-any-return]


def test_librispeech_subset_does_not_get_worse(rows: list[dict[str, str]]) -> None:
    report: EvaluationReport = evaluate(bench.librispeech_segments(rows), terms_lexicon="librispeech-list")
    assert report.before.wer.ref_words == 4027  # the subset is the one the thresholds were measured on
    assert report.after.b_wer.rate <= LIBRISPEECH_MAX_B_WER
    assert report.after.u_wer.rate <= LIBRISPEECH_MAX_U_WER


def test_seed_transcript_does_not_get_worse() -> None:
    report = evaluate(bench.seed_segments(), lexicons=["china-news"])
    assert report.after.b_wer.rate <= SEED_MAX_B_WER
    assert report.after.u_wer.rate <= SEED_MAX_U_WER
    assert report.bad <= SEED_MAX_BAD_CHANGES
    assert report.after.wer.rate < report.before.wer.rate


def test_clean_text_gets_no_false_changes(rows: list[dict[str, str]]) -> None:
    lexicons = [bench.large_lexicon(rows), load_lexicon("china-news")]
    report = evaluate(bench.clean_segments(rows), lexicons=lexicons)
    assert report.before.wer.errors == 0
    assert report.before.wer.ref_words == 5172
    assert report.changes <= CLEAN_MAX_FALSE_CHANGES, f"{bench.false_changes_per_10k(report):.2f} per 10,000 words"
