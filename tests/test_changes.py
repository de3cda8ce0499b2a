import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asrfix import Change, Result, apply, correct, resolve


def change(start: int, end: int, text: str, after: str = "X", confidence: float = 0.9, corrector: str = "c") -> Change:
    return Change(start, end, text[start:end], after, corrector, confidence=confidence)


def test_higher_confidence_wins_an_overlap():
    text = "near Will Han today"
    low = change(5, 9, text, "Wu", confidence=0.6)
    high = change(5, 13, text, "Wuhan", confidence=0.9)
    assert resolve([low, high]) == [high]


def test_ties_go_to_the_longer_span_then_the_earlier_start_then_names():
    text = "abcdefgh"
    short = change(2, 4, text, "S")
    long = change(1, 5, text, "L")
    assert resolve([short, long]) == [long]
    first = change(0, 3, text, "F")
    second = change(2, 5, text, "G")
    assert resolve([second, first]) == [first]
    by_a = change(0, 3, text, "same", corrector="a")
    by_b = change(0, 3, text, "same", corrector="b")
    assert resolve([by_b, by_a]) == [by_a]


def test_resolve_drops_changes_that_change_nothing():
    assert resolve([change(0, 3, "abc", "abc")]) == []


def test_apply_writes_changes_and_keeps_everything_else():
    text = "He stayed near Will Han with the weaker community.\r\n"
    changes = [change(15, 23, text, "Wuhan"), change(33, 39, text, "Uyghur")]
    assert apply(text, changes) == "He stayed near Wuhan with the Uyghur community.\r\n"


def test_apply_rejects_a_change_that_does_not_fit_the_text():
    with pytest.raises(ValueError, match="expects"):
        apply("abc", [Change(0, 1, "z", "y", "c")])


def test_a_change_must_span_its_before_text():
    with pytest.raises(ValueError):
        Change(0, 3, "ab", "x", "c")
    with pytest.raises(ValueError):
        Change(2, 2, "", "x", "c")


def test_the_changes_a_corrector_makes_are_changes_like_any_other():
    # The lexicon corrector builds its changes by a faster route; they must be the same frozen objects.
    made = correct("near Will Han", lexicons=["china-news"]).changes[0]
    again = Change(made.start, made.end, made.before, made.after, made.corrector, made.lexicon, made.entry,
                   made.confidence, made.reason)
    assert type(made) is Change and made == again and hash(made) == hash(again)
    assert Change.from_dict(made.to_dict()) == made
    with pytest.raises(AttributeError):
        made.after = "Wu"  # type: ignore[misc]


def test_result_round_trips_through_json():
    result = correct("He stayed near Will Han with the weaker community in the camps.", lexicons=["china-news"])
    assert result.changes
    again = Result.from_json(result.to_json())
    assert again == result
    data = json.loads(result.to_json())
    assert set(data["changes"][0]) == {
        "start", "end", "before", "after", "corrector", "lexicon", "entry", "confidence", "reason",
    }
    assert apply(again.original, list(again.changes)) == again.text


@st.composite
def proposals(draw: st.DrawFn) -> tuple[str, list[Change]]:
    text = draw(st.text(alphabet="ab c\n", min_size=1, max_size=40))
    cands = []
    for _ in range(draw(st.integers(0, 12))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        after = draw(st.text(alphabet="xyZ ", max_size=5))
        conf = draw(st.sampled_from([0.3, 0.5, 0.9, 1.0]))
        cands.append(Change(start, end, text[start:end], after, draw(st.sampled_from(["a", "b"])), confidence=conf))
    return text, cands


@settings(max_examples=200, deadline=None)
@given(proposals())
def test_resolve_never_overlaps_and_does_not_depend_on_order(case: tuple[str, list[Change]]):
    text, cands = case
    chosen = resolve(cands)
    for left, right in itertools.pairwise(chosen):
        assert left.end <= right.start
    assert resolve(list(reversed(cands))) == chosen
    # Every proposal that was left out overlaps a chosen one that was preferred.
    for cand in cands:
        if cand not in chosen and cand.after != cand.before:
            assert any(cand.start < c.end and c.start < cand.end for c in chosen)
    apply(text, chosen)  # applies cleanly


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_apply_with_no_changes_is_the_identity(text: str):
    assert apply(text, []) == text


VOCAB = ["near", "Will", "Han", "weaker", "the", "camps", "W", "H", "O", "Uighur's", "red", "coat", "code", "app",
         "Hang", "Zhou", "Corona", "virus", ",", ".", "\n", "-", "I", "D", "number", "WILL", "HAN", "Uighurs"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), max_size=30))
def test_correcting_twice_changes_nothing_the_second_time(words: list[str]):
    text = " ".join(words)
    first = correct(text, lexicons=["china-news"])
    assert apply(text, list(first.changes)) == first.text
    second = correct(first.text, lexicons=["china-news"])
    assert second.changes == ()
    assert second.text == first.text
