"""``asrfix lexicon add`` and the comment-preserving edits behind it (also used by ``learn --into``)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asrfix.cli import main
from asrfix.errors import LexiconError
from asrfix.lexicon import parse_lexicon
from asrfix.lexicon_tools.edit import EntryDraft, add_to_lexicon, merge_into_lexicon

DATA = Path(__file__).parent / "data" / "lexicon"
STYLED = (DATA / "styled.yaml").read_text(encoding="utf-8")
NEWS = (Path(__file__).parent.parent / "lexicons" / "china-news.yaml").read_text(encoding="utf-8")


def only_insertions(before: str, after: str) -> bool:
    """True when ``after`` is ``before`` with text inserted: every original byte kept, in order."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return all(tag in {"equal", "insert"} for tag, *_ in matcher.get_opcodes())


def test_adding_to_a_multiline_flow_list_keeps_everything_else_byte_for_byte() -> None:
    result = add_to_lexicon(NEWS, EntryDraft("Uyghur", misrecognitions=("Wiggur",), context=("Kashgar",)))
    assert only_insertions(NEWS, result.text)
    assert "ethnic, community, oppression, surveillance, Kashgar]" in result.text
    entry = next(e for e in parse_lexicon(result.text).entries if e.term == "Uyghur")
    assert "Wiggur" in [m.text for m in entry.misrecognitions]
    assert entry.context[-1] == "Kashgar"


def test_a_new_entry_follows_the_files_indentation_and_keeps_trailing_comments() -> None:
    draft = EntryDraft(
        "Lhasa",
        misrecognitions=("Lasa",),
        context=("Tibet",),
        category="place",
        examples=(("flights to Lasa in Tibet", "flights to Lhasa in Tibet"), ("Larsa: a name", None)),
        comment="learned: seen 3 times",
    )
    result = add_to_lexicon(STYLED, draft)
    assert only_insertions(STYLED, result.text)
    assert "\n    # learned: seen 3 times\n    -   term: Lhasa\n        category: place\n" in result.text
    assert result.text.endswith("# trailing comment about the list above\n")
    assert '      - input: "Larsa: a name"\n' in result.text  # quoted where YAML needs it
    lexicon = parse_lexicon(result.text)
    assert [e.term for e in lexicon.entries] == ["Wuhan", "Kyiv", "Lhasa"]
    assert lexicon.entries[2].examples[1].unchanged


def test_block_lists_grow_at_their_own_indentation_and_missing_lists_are_made() -> None:
    result = merge_into_lexicon(
        STYLED,
        [
            EntryDraft("Wuhan", misrecognitions=("Wu Han",), examples=(("Wu Han, China", "Wuhan, China"),)),
            EntryDraft("Kyiv", misrecognitions=("Keev",), examples=(("Key of the door", None),)),
        ],
    )
    assert only_insertions(STYLED, result.text)
    assert "            needs_context: false\n          - Wu Han\n        context:" in result.text
    assert "    -   term: Kyiv\n        misrecognitions: [Keev]\n        sounds_like: ['keev']\n" in result.text
    assert "examples: [{input: in Keev}, {input: Key of the door}]" in result.text
    assert len(result.done) == 4


def test_windows_line_endings_are_kept() -> None:
    crlf = STYLED.replace("\n", "\r\n")
    result = add_to_lexicon(crlf, EntryDraft("Wuhan", misrecognitions=("Wu Han",)))
    assert only_insertions(crlf, result.text)
    assert "\n" not in result.text.replace("\r\n", "")


def test_adding_what_is_already_there_changes_nothing() -> None:
    draft = EntryDraft("Wuhan", misrecognitions=("will han", "Wuhan"), context=("china",))
    result = add_to_lexicon(STYLED, draft)
    assert result.text == STYLED
    assert result.done == ()


def test_an_edit_that_would_make_the_file_invalid_is_refused() -> None:
    with pytest.raises(LexiconError, match="the file was not changed"):
        add_to_lexicon(STYLED, EntryDraft("Wuhan", examples=((" ", None),)))


def test_cli_add_writes_the_file_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "news.yaml"
    path.write_text(NEWS, encoding="utf-8")
    code = main(
        ["lexicon", "add", str(path), "Lhasa", "-m", "Lasa", "--context", "Tibet", "--category", "place",
         "--example", "flights to Lasa in Tibet", "flights to Lhasa in Tibet", "--unchanged", "Lhasa is high"]
    )  # fmt: skip
    assert code == 0
    assert "added entry 'Lhasa'" in capsys.readouterr().err
    text = path.read_text(encoding="utf-8")
    assert text.startswith(NEWS)
    assert [p.name for p in tmp_path.iterdir()] == ["news.yaml"]
    assert main(["lexicon", "test", str(path)]) == 0


def test_cli_add_dry_run_leaves_the_file_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "styled.yaml"
    path.write_text(STYLED, encoding="utf-8")
    assert main(["lexicon", "add", "--dry-run", str(path), "Wuhan", "-m", "Wu Han"]) == 0
    assert "- Wu Han" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == STYLED


def test_cli_add_to_a_missing_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lexicon", "add", str(tmp_path / "nope.yaml"), "Wuhan"]) == 2
    assert "nope.yaml: no such lexicon file" in capsys.readouterr().err


_TEXT = (
    st.text(alphabet=st.sampled_from(list("abcXYZ é09 :#-'\"[]{},&*!|>%@`?")), min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=60, deadline=None)
@given(
    base=st.sampled_from(["styled", "news"]),
    term=_TEXT,
    wrong=st.lists(_TEXT, max_size=3),
    example=_TEXT,
)
def test_any_draft_is_added_by_insertion_only_or_refused(base: str, term: str, wrong: list[str], example: str) -> None:
    original = STYLED if base == "styled" else NEWS
    draft = EntryDraft(term, misrecognitions=tuple(wrong), context=("zebra",), examples=((example, None),))
    try:
        result = add_to_lexicon(original, draft)
    except LexiconError:
        return  # e.g. a term with no letters or digits: refused, nothing written
    assert only_insertions(original, result.text)
    entry = next(e for e in parse_lexicon(result.text).entries if e.term == term)
    assert "zebra" in entry.context or result.done == ()
