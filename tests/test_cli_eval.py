"""``asrfix eval``: the command line over asrfix.evaluation."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from asrfix.cli import build_parser, main
from asrfix.evaluation import biasing_scores

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "librispeech-biasing"


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    assert main(["eval", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_tsv_with_hyp_and_ref_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tsv = write(
        tmp_path / "pairs.tsv",
        "id\thyp\tref\n"
        "a\the stayed near will han before flying home\tHe stayed near Wuhan before flying home.\n"
        "b\tthe weather was fine\tThe weather was fine.\n",
    )
    report = run_json(capsys, "--hyp", tsv, "-l", "china-news")
    assert report["segments"] == 2
    assert report["before"]["b_wer"]["errors"] == 1  # "wuhan" substituted (the extra word is a U insertion)
    assert report["after"]["b_wer"]["errors"] == 0
    assert report["after"]["wer"]["errors"] == 0
    assert report["changes"] == {"made": 1, "good": 1, "bad": 0, "neutral": 0, "precision": 1.0}
    assert report["terms"] == {"fixable": 1, "fixed": 1, "recall": 1.0}
    wuhan = next(e for e in report["entries"] if e["term"] == "Wuhan")
    assert (wuhan["lexicon"], wuhan["hits"], wuhan["good"], wuhan["right_before"], wuhan["right_after"]) == (
        "china-news",
        1,
        1,
        0,
        1,
    )


def test_readable_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hyp = write(tmp_path / "hyp.txt", "he stayed near will han before flying home\n")
    ref = write(tmp_path / "ref.txt", "He stayed near Wuhan before flying home.\n")
    assert main(["eval", "--hyp", hyp, "--ref", ref, "-l", "china-news"]) == 0
    out = capsys.readouterr().out
    assert "1 segments, 7 reference words (1 in lexicon terms)" in out
    assert "B-WER (terms)" in out and "100.00%" in out
    assert "precision 100.0%" in out and "recall 100.0%" in out
    assert "Wuhan" in out


def test_subtitle_pairs_are_scored_cue_by_cue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cues = "1\n00:00:01,000 --> 00:00:02,000\n{}\n\n2\n00:00:03,000 --> 00:00:04,000\n{}\n"
    hyp = write(tmp_path / "hyp.srt", cues.format("the outbreak began in will han", "in who bay province"))
    ref = write(tmp_path / "ref.srt", cues.format("The outbreak began in Wuhan,", "in Hubei province."))
    report = run_json(capsys, "--hyp", hyp, "--ref", ref, "-l", "china-news")
    assert report["segments"] == 2
    assert report["before"]["wer"]["ref_words"] == 8  # spoken words only: no numbers, no timings
    assert report["after"]["b_wer"]["errors"] < report["before"]["b_wer"]["errors"]


def test_hand_checked_substitution_deletion_insertion(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pairs = write(
        tmp_path / "pairs.tsv",
        "id\thyp\tref\n"
        "a\twe met in will han\twe met in wuhan\n"  # "wuhan" substituted (B), one word inserted (U)
        "b\tthe was hot\tthe stew was hot\n"  # "stew" deleted (B)
        "c\tgo home nelly\tgo home\n",  # a list word inserted (B)
    )
    terms = write(tmp_path / "terms.tsv", 'id\tlist\na\t["wuhan"]\nb\t["stew"]\nc\t["nelly"]\n')
    report = run_json(capsys, "--hyp", pairs, "--terms", terms, "--only", "lexicon")
    wer, u, b = (report["before"][k] for k in ("wer", "u_wer", "b_wer"))
    assert (wer["ref_words"], wer["substitutions"], wer["deletions"], wer["insertions"], wer["rate"]) == (
        10,
        1,
        1,
        2,
        40.0,
    )
    assert (b["ref_words"], b["substitutions"], b["deletions"], b["insertions"], b["rate"]) == (2, 1, 1, 1, 150.0)
    assert (u["ref_words"], u["errors"], u["insertions"], u["rate"]) == (8, 1, 1, 12.5)


def test_benchmark_subset_gives_the_benchmark_definition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = (BENCH / "test-clean.rnnt_baseline.tsv").read_text(encoding="utf-8").splitlines()[:201]
    subset = write(tmp_path / "subset.tsv", "\n".join(lines) + "\n")
    terms = str(BENCH / "test-clean.biasing.tsv")
    report = run_json(
        capsys, "--hyp", subset, "--terms", terms, "--terms-column", "biasing_list_100", "--only", "lexicon"
    )
    lists = {}
    for line in (BENCH / "test-clean.biasing.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        uid, _rare, biasing = line.split("\t")
        lists[uid] = set(json.loads(biasing))
    rows = [line.split("\t") for line in lines[1:]]
    expected = biasing_scores((ref, hyp, lists[uid]) for uid, hyp, ref in rows).to_dict()
    assert report["before"] == expected
    assert report["after"] == expected  # a list of bare words gives the lexicon corrector nothing to do
    assert expected["b_wer"]["errors"] > 0 and expected["wer"]["insertions"] > 0 and expected["wer"]["deletions"] > 0


def test_a_reference_id_without_hypothesis_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hyp = write(tmp_path / "hyp.tsv", "id\thyp\na\thello\n")
    ref = write(tmp_path / "ref.tsv", "id\tref\na\thello\nb\tworld\n")
    assert main(["eval", "--hyp", hyp, "--ref", ref]) == 2
    err = capsys.readouterr().err
    assert err.startswith("asrfix: error: ") and "ref.tsv:3" in err and "'b'" in err
    assert "Traceback" not in err


def test_bad_terms_file_names_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pairs = write(tmp_path / "pairs.tsv", "id\thyp\tref\na\thello\thello\n")
    terms = write(tmp_path / "terms.tsv", "id\tterms\na\tnot json\n")
    assert main(["eval", "--hyp", pairs, "--terms", terms]) == 2
    err = capsys.readouterr().err
    assert "terms.tsv:2" in err and "JSON list" in err


def test_unknown_corrector_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pairs = write(tmp_path / "pairs.tsv", "id\thyp\tref\na\thello\thello\n")
    assert main(["eval", "--hyp", pairs, "--skip", "phonetik"]) == 2
    assert "unknown corrector 'phonetik'" in capsys.readouterr().err


def test_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--hyp", str(tmp_path / "nope.txt"), "--ref", str(tmp_path / "ref.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_as_a_subprocess(tmp_path: Path) -> None:
    pairs = write(tmp_path / "pairs.tsv", "id\thyp\tref\na\tthe cat sat\tthe cat sat down\n")
    done = subprocess.run(
        [sys.executable, "-m", "asrfix", "eval", "--hyp", pairs, "--json"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["before"]["wer"]["deletions"] == 1


def test_every_option_is_documented_in_the_benchmarks_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "benchmarks" / "README.md").read_text(encoding="utf-8")
    subparsers = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    eval_parser = subparsers.choices["eval"]
    options = [o for action in eval_parser._actions for o in action.option_strings if o not in ("-h", "--help")]
    assert "--terms-column" in options
    for option in options:
        assert f"`{option}" in readme, option
