"""``asrfix lexicon learn``: proposals from a recogniser's output and a person's corrected version."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from asrfix import load_lexicon
from asrfix.cli import main
from asrfix.lexicon_tools.learn import learn, to_drafts

DATA = Path(__file__).parent / "data" / "lexicon"
HYP = DATA / "news-transcript.hyp.txt"
REF = DATA / "news-transcript.ref.txt"
HYP_TEXT = HYP.read_text(encoding="utf-8")
REF_TEXT = REF.read_text(encoding="utf-8")


def only_insertions(before: str, after: str) -> bool:
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return all(tag in {"equal", "insert"} for tag, *_ in matcher.get_opcodes())


def test_recurring_misrecognitions_of_terms_are_proposed_with_counts() -> None:
    proposals = {(p.misrecognition, p.term): p for p in learn(HYP_TEXT, REF_TEXT)}
    weaker = proposals[("weaker", "Uyghur")]
    assert weaker.count == HYP_TEXT.count("weaker") == 4
    assert weaker.kind == "name"
    assert weaker.needs_context  # "weaker" is everyday English
    assert ("Corona virus", "coronavirus") in proposals
    assert all(p.count >= 2 for p in proposals.values())


def test_ordinary_grammar_and_typos_are_not_proposed() -> None:
    found = {p.misrecognition.lower() for p in learn(HYP_TEXT, REF_TEXT, min_count=1, single_names=True)}
    # The person changed "off" to "of" three times and "on" to "and" several times: grammar, not terms.
    assert HYP_TEXT.count(" off ") >= 3
    assert not found & {"off", "on", "of being", "its", "lock down", "self isolated", "1,000,000"}


def test_names_seen_once_are_proposed_only_when_asked() -> None:
    default = {p.term for p in learn(HYP_TEXT, REF_TEXT)}
    names = {(p.misrecognition, p.term) for p in learn(HYP_TEXT, REF_TEXT, single_names=True)}
    assert "Nury Turkel" not in default
    assert {
        ("Nuri Turko", "Nury Turkel"),
        ("Will Han", "Wuhan"),
        ("an way", "Anhui"),
        ("W H O", "WHO"),
        ("I D", "ID"),
        ("cure quote", "QR code"),
        ("will helps organization", "World Health Organization"),
    } <= names


def test_single_common_word_changes_become_phrases_and_need_recurrence() -> None:
    proposals = learn(HYP_TEXT, REF_TEXT, min_count=1)
    pairs = {(p.misrecognition, p.term) for p in proposals}
    assert ("red coat", "red code") in pairs and ("coat", "code") not in pairs
    assert all(p.count >= 2 or p.kind == "name" for p in learn(HYP_TEXT, REF_TEXT, single_names=True))


def test_words_the_person_left_alone_become_must_stay_unchanged_examples() -> None:
    hyp = "the weaker people in camps. the weaker community in camps. a weaker economy."
    ref = "the Uyghur people in camps. the Uyghur community in camps. a weaker economy."
    (proposal,) = learn(hyp, ref)
    assert (proposal.count, proposal.kept) == (2, 1)
    assert proposal.kept_examples == ("the Uyghur community in camps. a weaker economy.",)
    (draft,) = to_drafts([proposal])
    assert (proposal.kept_examples[0], None) in draft.examples


def test_learned_lexicon_is_valid_lint_clean_and_passes_its_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "learned.yaml"
    code = main(["lexicon", "learn", "--hyp", str(HYP), "--ref", str(REF), "--single-names", "-o", str(out)])
    assert code == 0
    report = capsys.readouterr().out
    assert "4x name      'weaker' -> 'Uyghur'" in report
    lexicon = load_lexicon(out)
    assert {"Uyghur", "coronavirus", "Nury Turkel", "Wuhan"} <= {e.term for e in lexicon.entries}
    assert all(e.examples for e in lexicon.entries)
    assert main(["lexicon", "lint", "--strict", str(out)]) == 0
    assert main(["lexicon", "test", str(out)]) == 0


def test_learn_into_an_existing_lexicon_keeps_its_text_and_skips_what_it_knows(tmp_path: Path) -> None:
    original = (DATA / "news-partial.yaml").read_text(encoding="utf-8")
    path = tmp_path / "news.yaml"
    path.write_text(original, encoding="utf-8")
    args = ["lexicon", "learn", "--hyp", str(HYP), "--ref", str(REF), "--single-names", "--into", str(path)]
    assert main(args) == 0
    merged = path.read_text(encoding="utf-8")
    assert only_insertions(original, merged)
    assert merged.endswith("# end of the lexicon\n")
    lexicon = load_lexicon(path)
    uyghur = next(e for e in lexicon.entries if e.term == "Uyghur")
    assert [m.text for m in uyghur.misrecognitions] == ["Uighur", "weaker"]
    assert [e.term for e in lexicon.entries].count("Wuhan") == 1  # 'Will Han' was already there
    assert "Uyghurs" in {e.term for e in lexicon.entries}  # 'Wiggins' and 'we goes' are new
    assert main(["lexicon", "test", str(path)]) == 0
    # Learning again adds nothing: everything is now known.
    assert main(args) == 0
    assert path.read_text(encoding="utf-8") == merged


def test_learn_reads_subtitles_without_learning_timings(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["lexicon", "learn", "--hyp", str(DATA / "learn-hyp.srt"), "--ref", str(DATA / "learn-ref.srt")])
    assert code == 0
    out = capsys.readouterr().out
    assert "2x name      'weaker' -> 'Uyghur', kept 1x" in out
    assert "-->" not in out and "00:00" not in out


def test_learn_refuses_to_overwrite_and_to_take_two_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "old.yaml"
    existing.write_text("asrfix: 1\nentries:\n", encoding="utf-8")
    base = ["lexicon", "learn", "--hyp", str(HYP), "--ref", str(REF)]
    assert main([*base, "-o", str(existing)]) == 2
    assert "the file exists" in capsys.readouterr().err
    assert main([*base, "-o", str(tmp_path / "new.yaml"), "--into", str(existing)]) == 2
    assert main(["lexicon", "learn", "--hyp", str(tmp_path / "nope.txt"), "--ref", str(REF)]) == 2
    assert "nope.txt" in capsys.readouterr().err


def test_a_misrecognition_the_lexicon_gives_to_another_term_is_reported_not_merged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "other.yaml"
    original = (
        "asrfix: 1\nentries:\n  - term: Wieger\n    misrecognitions: [weaker]\n    context: [camps]\n"
        "    examples:\n      - input: weaker camps\n        output: Wieger camps\n"
    )
    path.write_text(original, encoding="utf-8")
    (proposal,) = [p for p in learn(HYP_TEXT, REF_TEXT, known=load_lexicon(path)) if p.term == "Uyghur"]
    assert proposal.known == "Wieger"
    assert main(["lexicon", "learn", "--hyp", str(HYP), "--ref", str(REF), "--into", str(path)]) == 0
    assert "(already 'Wieger' in the lexicon: not added)" in capsys.readouterr().out
    assert "- term: Uyghur" not in path.read_text(encoding="utf-8")


def test_inflected_forms_count_with_their_base_and_contractions_are_grammar() -> None:
    hyp = "the kaffir came. the kaffir's horse ran. he is here. and he is there."
    ref = "the kaffar came. the kaffar's horse ran. he's here. and he's there."
    assert [(p.misrecognition, p.term, p.count) for p in learn(hyp, ref)] == [("kaffir", "kaffar", 2)]
