"""Pluggable correctors: built-ins through entry points, third-party plugins, objects passed directly."""

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import asrfix
from asrfix import Change, CorrectorError
from asrfix import correctors as registry


class Shouting:
    """A corrector object passed directly: proposes upper case for the word 'who'."""

    name = "shouting"

    def propose(self, text, tokens, context):
        return [
            Change(t.start, t.end, t.text, "WHO", self.name, confidence=0.8, reason="test")
            for t in tokens
            if t.norm == "who"
        ]


def test_builtin_lexicon_corrector_is_registered_as_an_entry_point():
    assert "lexicon" in asrfix.available_correctors()
    assert asrfix.get_corrector("lexicon").name == "lexicon"


def test_corrector_objects_can_be_passed_directly():
    result = asrfix.correct("ask who", correctors=[Shouting()])
    assert result.text == "ask WHO"
    assert result.changes[0].corrector == "shouting"


def test_unknown_corrector_lists_the_installed_ones():
    with pytest.raises(CorrectorError, match=r"unknown corrector 'nope'; installed correctors are \[.*'lexicon'"):
        asrfix.correct("x", correctors=["nope"])


def test_a_corrector_must_not_lie_about_the_text():
    class Liar:
        name = "liar"

        def propose(self, text, tokens, context):
            return [Change(0, 3, "xyz", "abc", self.name)]

    with pytest.raises(CorrectorError, match="bug in that corrector"):
        asrfix.correct("abc def", correctors=[Liar()])


@pytest.fixture
def plugin_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Install a third-party package with two correctors (one broken) the way pip would lay it out."""
    (tmp_path / "asrfix_shout").mkdir()
    (tmp_path / "asrfix_shout" / "__init__.py").write_text(textwrap.dedent("""
        from asrfix import Change

        class Shout:
            name = "shout"

            def propose(self, text, tokens, context):
                return [Change(t.start, t.end, t.text, t.text.upper(), self.name, confidence=0.9)
                        for t in tokens if t.norm == "who"]
        """))
    (tmp_path / "asrfix_broken.py").write_text("raise ImportError('needs the numpy it forgot to declare')\n")
    dist = tmp_path / "asrfix_shout-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: asrfix-shout\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        "[asrfix.correctors]\nshout = asrfix_shout:Shout\nbroken = asrfix_broken:Broken\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    registry._entry_points.cache_clear()
    yield tmp_path
    registry._entry_points.cache_clear()
    sys.modules.pop("asrfix_shout", None)


def test_a_third_party_corrector_is_found_by_name(plugin_package):
    assert asrfix.available_correctors()["shout"] == "asrfix-shout: asrfix_shout:Shout"
    assert asrfix.correct("ask who", correctors=["lexicon", "shout"]).text == "ask WHO"


def test_a_plugin_that_fails_to_load_is_named_with_its_package_and_cause(plugin_package):
    with pytest.raises(CorrectorError) as info:
        asrfix.correct("x", correctors=["broken"])
    message = str(info.value)
    assert "corrector 'broken' from package 'asrfix-shout'" in message
    assert "ImportError: needs the numpy it forgot to declare" in message


class _Echo:
    """A corrector that proposes an upper-case "OK" after every change another corrector made, once shown them."""

    name = "echo"

    def propose(self, text: str, tokens: object, context: object) -> list[asrfix.Change]:
        return []

    def reconsider(
        self, text: str, changes: list[asrfix.Change], proposed: list[asrfix.Change], context: object
    ) -> list[asrfix.Change]:
        found = []
        for change in changes:
            if change.corrector != self.name and text[change.end : change.end + 3] == " ok":
                start = change.end + 1
                found.append(asrfix.Change(start, start + 2, "ok", "OK", self.name, "", "", 0.8, "after a change"))
        return found


def test_a_corrector_can_reconsider_its_judgement_once_the_changes_are_made() -> None:
    result = asrfix.correct("near Will Han ok", lexicons=["china-news"], correctors=["lexicon", _Echo()])
    assert result.text == "near Wuhan OK"
    assert result.changes[1].reason == "after a change (once the other changes are made)"
    # Its proposals are checked against the text like any other.
    assert asrfix.apply(result.original, result.changes) == result.text
