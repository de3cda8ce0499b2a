"""``asrfix lexicon validate / lint / test / export``: what a lexicon maintainer sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from asrfix import load_lexicon
from asrfix.cli import main
from asrfix.lexicon import parse_lexicon
from asrfix.lexicon_tools.export import aws_phrase, estimate_tokens, export_lexicon, whisper_prompt
from asrfix.lexicon_tools.lint import lint_lexicon

DATA = Path(__file__).parent / "data" / "lexicon"


# --- validate ---------------------------------------------------------------------------------------------


def test_validate_reports_every_invalid_file_with_line_and_column(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["lexicon", "validate", str(DATA / "invalid-key.yaml"), str(DATA / "invalid-yaml.yaml"), "china-news"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "invalid-key.yaml:5:5: entry 'Wuhan': unknown key 'sound_like' in an entry" in err
    assert "invalid-yaml.yaml:5:1: YAML syntax error" in err
    assert "china-news.yaml: ok (" in out
    assert "Traceback" not in err


def test_validate_passes_a_valid_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lexicon", "validate", str(DATA / "lint-problems.yaml")]) == 0
    assert "lint-problems.yaml: ok (9 entries)" in capsys.readouterr().out


def test_validate_missing_file_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["lexicon", "validate", str(tmp_path / "nope.yaml")]) == 2
    assert "nope.yaml: no such lexicon file" in capsys.readouterr().err


# --- lint -------------------------------------------------------------------------------------------------


def _codes_by_line(path: Path) -> set[tuple[int, str]]:
    return {(w.line, w.code) for w in lint_lexicon(load_lexicon(path))}


def test_lint_finds_each_kind_of_problem_at_its_line() -> None:
    found = _codes_by_line(DATA / "lint-problems.yaml")
    assert (7, "common-unguarded") in found  # 'work' with needs_context: false
    assert (16, "guard-without-context") in found  # 'weaker' guarded, but no context words
    assert (18, "shadowed") in found  # 'Uighurs' is the plural of 'Uighur', listed two lines up
    assert (25, "duplicate") in found  # 'Uighur' listed for Uyghur and for Uyghurs
    assert (30, "no-examples") in found
    assert (31, "is-a-term") in found  # 'York' is the term of the first entry
    assert (40, "sounds-alike") in found  # Niger and Nigeria, nothing to tell them apart
    assert (46, "inert") in found
    assert (53, "shadowed") in found  # guarded 'U N H C R' always loses to unguarded 'U N' of another entry
    assert (64, "is-a-term") in found  # 'Un' is the entry's own term 'UN' in other capitals


def test_lint_is_quiet_about_a_guarded_common_word_with_context() -> None:
    lexicon = parse_lexicon(
        "asrfix: 1\nentries:\n  - term: Uyghur\n    misrecognitions: [weaker]\n    context: [Muslim]\n"
        "    examples:\n      - input: the Muslim weaker community\n        output: the Muslim Uyghur community\n"
    )
    assert lint_lexicon(lexicon) == []


def test_sound_alike_terms_with_their_own_context_words_are_not_reported() -> None:
    lexicon = parse_lexicon(
        "asrfix: 1\nentries:\n"
        "  - term: Niger\n    context: [Niamey]\n    examples: [{input: Niamey}]\n"
        "  - term: Nigeria\n    context: [Lagos]\n    examples: [{input: Lagos}]\n"
    )
    assert [w.code for w in lint_lexicon(lexicon)] == []


def test_lint_cli_strict_fails_on_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(DATA / "lint-problems.yaml")
    assert main(["lexicon", "lint", path]) == 0
    out = capsys.readouterr().out
    assert f"{path}:7: common-unguarded: entry 'York'" in out
    assert main(["lexicon", "lint", "--strict", path]) == 1


def test_lint_cli_strict_passes_a_clean_lexicon(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lexicon", "lint", "--strict", "china-news"]) == 0
    assert "0 warnings in 1 file" in capsys.readouterr().err


# --- test -------------------------------------------------------------------------------------------------


def test_test_reports_failures_like_a_test_runner(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["lexicon", "test", str(DATA / "failing-examples.yaml")])
    out = capsys.readouterr().out
    assert code == 1
    assert "failing-examples.yaml .FF" in out
    assert "failing-examples.yaml:11: entry 'Wuhan': must change" in out
    assert "expected: near Wu Han" in out and "got:      near Wuhan" in out
    assert "failing-examples.yaml:13: entry 'Wuhan': must stay unchanged" in out
    assert out.rstrip().splitlines()[-1] == "1 passed, 2 failed"


def test_test_passes_the_shipped_news_lexicon(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lexicon", "test", "china-news"]) == 0
    assert capsys.readouterr().out.rstrip().endswith(" passed, 0 failed")


# --- export -----------------------------------------------------------------------------------------------


def test_aws_phrase_follows_transcribe_rules() -> None:
    lexicon = parse_lexicon(
        "asrfix: 1\nentries:\n"
        "  - term: WHO\n    sounds_like: [double you aitch oh]\n"
        "  - term: NATO\n    sounds_like: [nay toe]\n"
        "  - term: COVID-19\n    sounds_like: [koh vid nine teen]\n"
        "  - term: São Paulo\n"
        "  - term: G7\n"
    )
    phrases = [aws_phrase(e) for e in lexicon.entries]
    assert phrases == ["W.H.O.", "NATO", "COVID-nineteen", "Sao-Paulo", "G-seven"]


def test_export_aws_table_has_four_tab_separated_columns_and_display_as(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lexicon", "export", "china-news", "--to", "aws"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert rows[0] == ["Phrase", "IPA", "SoundsLike", "DisplayAs"]
    assert all(len(r) == 4 for r in rows)
    assert ["Xi-Jinping", "", "", "Xi Jinping"] in rows
    assert all(" " not in r[0] and not any(c.isdigit() for c in r[0]) for r in rows[1:])


def test_export_speechmatics_is_additional_vocab_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lexicon", "export", "china-news", "--to", "speechmatics"]) == 0
    vocab = json.loads(capsys.readouterr().out)
    assert {"content": "Wuhan", "sounds_like": ["woo hahn"]} in vocab
    assert len(vocab) == len(load_lexicon("china-news"))


def test_export_tsv_leaves_out_guarded_misrecognitions_unless_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lexicon", "export", "china-news", "--to", "tsv"]) == 0
    out, err = capsys.readouterr()
    assert "Will Han\tWuhan\n" in out
    assert "weaker\tUyghur" not in out
    assert "left out" in err
    assert main(["lexicon", "export", "china-news", "--to", "tsv", "--include-guarded"]) == 0
    assert "weaker\tUyghur\n" in capsys.readouterr().out


def test_whisper_prompt_stays_within_its_token_budget_most_important_first() -> None:
    lexicon = load_lexicon("china-news")
    prompt = whisper_prompt([lexicon], max_tokens=40)
    terms = prompt.text.strip().rstrip(".").split(", ")
    assert estimate_tokens(" " + prompt.text.strip()) <= 40
    assert 1 < len(terms) < len(lexicon)
    most = max(len(e.misrecognitions) for e in lexicon.entries)
    first = next(e for e in lexicon.entries if e.term == terms[0])
    assert len(first.misrecognitions) == most
    assert "left out" in prompt.notes[-1]


def test_token_estimate_is_never_below_the_real_gpt2_count() -> None:
    # Real counts measured with GPT-2's own encoder (see the file's header); the estimate must be an upper bound.
    rows = [
        line.split("\t")
        for line in (DATA / "gpt2-token-counts.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(rows) > 100
    under = [(text, real) for text, real in rows if estimate_tokens(text) < int(real)]
    assert under == []


def test_export_writes_a_file_atomically(tmp_path: Path) -> None:
    out = tmp_path / "prompt.txt"
    assert main(["lexicon", "export", "china-news", "--to", "whisper", "-o", str(out)]) == 0
    assert "Wuhan" in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["prompt.txt"]


def test_export_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export_lexicon([load_lexicon("china-news")], "kaldi")
    assert main(["lexicon", "export", "china-news", "--to", "kaldi"]) == 2


def test_schema_command_prints_the_shipped_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lexicon", "schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["required"] == ["asrfix", "entries"]
    assert main(["lexicon", "schema", "--path"]) == 0
    assert Path(capsys.readouterr().out.strip()).name == "lexicon.schema.json"


def test_lexicon_commands_run_as_a_program() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "asrfix", "lexicon", "lint", "--strict", str(DATA / "lint-problems.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "common-unguarded" in done.stdout
    assert "Traceback" not in done.stderr
