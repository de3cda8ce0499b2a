"""The command line's shell: subcommands, help, version and usage errors."""

from asrfix.cli import main


def test_no_subcommand_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().err


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("asrfix ")


def test_lexicons_and_correctors_are_listed(capsys):
    assert main(["lexicons"]) == 0
    assert "china-news" in capsys.readouterr().out
    assert main(["correctors"]) == 0
    out = capsys.readouterr().out
    assert "lexicon (default)" in out and "asrfix.correctors.lexicon:LexiconCorrector" in out


def test_unknown_subcommand_is_a_usage_error(capsys):
    assert main(["frobnicate"]) == 2
    assert "invalid choice" in capsys.readouterr().err
