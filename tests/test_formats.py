"""Format readers and writers: what counts as spoken text, and what a corrected file looks like."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from asrfix import FormatError, Pipeline
from asrfix.fileio import decode, encode
from asrfix.formats import FORMATS, detect, plan

DATA = Path(__file__).parent / "data" / "formats"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(lexicons=["china-news"])


def fix_text(text: str, pipeline: Pipeline, name: str = "file.srt", fmt: str | None = None) -> tuple[str, object]:
    document = detect(name, text, fmt).read(text, name)
    result = pipeline.correct(document.view)
    planned = plan(document, result.changes, result.suggestions)
    return document.write(planned.edits), planned


def spoken(text: str, name: str) -> list[str]:
    """The words of the spoken view."""
    return detect(name, text).read(text, name).view.split()


# --- detection ---------------------------------------------------------------------------------------------


def test_formats_are_detected_by_extension_then_content() -> None:
    srt = "1\n00:00:01,000 --> 00:00:02,000\nhello\n"
    assert detect("a.srt", srt).name == "srt"
    assert detect("a.vtt", "WEBVTT\n").name == "vtt"
    assert detect("a.ssa", "[Script Info]\n").name == "ass"
    assert detect(None, srt).name == "srt"
    assert detect("notes.txt", srt).name == "srt"  # a .txt holding cues is read as cues
    assert detect(None, "WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n").name == "vtt"
    assert detect(None, '{"segments": []}').name == "json"
    assert detect(None, "just words\n").name == "txt"
    assert detect("a.srt", "hello", "txt").name == "txt"
    assert detect("a.srt", "WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n").name == "vtt"  # content wins
    assert detect("a.srt", "").name == "srt"


def test_unknown_forced_format_lists_the_choices() -> None:
    with pytest.raises(FormatError, match="choose one of ass, json, srt, ssa, txt, vtt"):
        detect("a.srt", "", "docx")


# --- what is spoken ------------------------------------------------------------------------------------------


def test_srt_spoken_text_leaves_out_numbers_timings_tags_and_labels() -> None:
    text = (DATA / "real-world.srt").read_text(encoding="utf-8-sig")
    words = spoken(text, "a.srt")
    assert "President" in words and "Zhou?" in words
    assert not any("-->" in w or w.startswith("00:") or w.startswith("<") or "{" in w for w in words)
    assert "JOHN:" not in words and "X1:100" not in words
    assert "-" in words  # dialogue dashes are punctuation and stay visible


def test_vtt_spoken_text_leaves_out_header_note_style_voice_and_entities() -> None:
    words = spoken((DATA / "news.vtt").read_text(encoding="utf-8"), "a.vtt")
    assert "Will" not in words  # only in the NOTE block
    assert "color:" not in words and "Hilsum>The" not in words and "&amp;" not in words
    assert words[:4] == ["The", "Corona", "virus", "has"]


def test_ass_spoken_text_is_the_text_field_of_dialogue_lines() -> None:
    words = spoken((DATA / "news.ass").read_text(encoding="utf-8"), "a.ass")
    assert words[0] == "President" and "Jinping" in words
    assert "comment" not in words  # Comment: lines are not dialogue
    assert "Default" not in words and "Arial" not in words


def test_plain_text_masks_speaker_labels_timestamps_and_bracketed_notes() -> None:
    words = spoken((DATA / "speakers.txt").read_text(encoding="utf-8"), "a.txt")
    assert "INTERVIEWER:" not in words and "[00:00:01]" not in words and "(LAUGHS)" not in words
    assert "Nuri" not in words  # "Nuri Turkel:" opens the line: a speaker label
    assert words[:2] == ["How", "is"]


# --- corrections in each format -------------------------------------------------------------------------


def test_srt_corrects_terms_broken_over_lines_and_keeps_everything_else(pipeline: Pipeline) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,500\n<i>the surveillance in Hang\nZhou</i> today\n"
    fixed, _ = fix_text(text, pipeline)
    assert fixed == "1\n00:00:01,000 --> 00:00:02,500\n<i>the surveillance in Hangzhou</i> today\n"


def test_same_number_of_words_keeps_the_line_break_between_them(pipeline: Pipeline) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,500\nthe health app gave me a red\ncoat so I stayed home\n"
    fixed, _ = fix_text(text, pipeline)
    assert "gave me a red\ncode so I stayed home" in fixed


def test_term_split_across_two_cues_moves_into_the_first_cue_and_is_reported(pipeline: Pipeline) -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nvisiting a province near Will\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\nHan on his way home\n"
    )
    fixed, planned = fix_text(text, pipeline)
    assert fixed == (
        "1\n00:00:01,000 --> 00:00:02,000\nvisiting a province near Wuhan\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\non his way home\n"
    )
    (change,) = planned.changes  # type: ignore[attr-defined]
    assert (change.cue, change.before, change.after) == ("1-2", "Will | Han", "Wuhan")
    assert "across cues 1-2" in change.note


def test_term_across_cues_that_would_empty_the_second_cue_is_only_suggested(pipeline: Pipeline) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nhe stayed near Will\n\n2\n00:00:02,000 --> 00:00:03,000\nHan.\n"
    fixed, planned = fix_text(text, pipeline)
    assert fixed == text
    (suggestion,) = planned.suggestions  # type: ignore[attr-defined]
    assert suggestion.after == "Wuhan" and "without words" in suggestion.note


def test_a_merge_that_would_remove_a_tag_is_only_suggested(pipeline: Pipeline) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nhe stayed near <b>Will</b> Han today\n"
    fixed, planned = fix_text(text, pipeline)
    assert fixed == text
    assert [s.after for s in planned.suggestions] == ["Wuhan"]  # type: ignore[attr-defined]


def test_words_of_two_dialogue_turns_are_not_merged(pipeline: Pipeline) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\n- Where did you stay? Will\n- Han is where.\n"
    fixed, planned = fix_text(text, pipeline)
    assert fixed == text
    assert [s.note for s in planned.suggestions] == ["not applied: a dash or punctuation stands between the words"]  # type: ignore[attr-defined]


def test_speaker_labels_and_override_tags_are_never_changed(pipeline: Pipeline) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}WILL HAN: hello from Hang Zhou\n"
    fixed, _ = fix_text(text, pipeline)
    assert fixed == "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}WILL HAN: hello from Hangzhou\n"


def test_vtt_note_and_style_blocks_are_not_corrected(pipeline: Pipeline) -> None:
    text = (DATA / "news.vtt").read_text(encoding="utf-8")
    fixed, _ = fix_text(text, pipeline, "a.vtt")
    assert "NOTE\nThis file was made from the seed transcript; Will Han here is a comment." in fixed
    assert "<v Lindsay Hilsum>The coronavirus has given the party" in fixed
    assert "00:04.500 --> 00:06.000\n" in fixed


def test_ass_line_break_inside_a_term_is_merged_over(pipeline: Pipeline) -> None:
    text = (DATA / "news.ass").read_text(encoding="utf-8")
    fixed, _ = fix_text(text, pipeline, "a.ass")
    assert "{\\i1}President{\\i0} Xi Jinping visited Wuhan, where the coronavirus\n" in fixed
    assert "Comment: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,Will Han stays as a comment" in fixed
    assert "Title: Will Han news" in fixed


def test_bulleted_transcript_keeps_its_bullets(pipeline: Pipeline) -> None:
    text = (DATA / "bulleted.txt").read_text(encoding="utf-8")
    fixed, _ = fix_text(text, pipeline, "a.txt")
    assert "  • This man says he's self isolated while visiting Anhui province near Wuhan on back home" in fixed
    assert fixed.count("  • ") == text.count("  • ")


# --- Whisper JSON ---------------------------------------------------------------------------------------------


def test_whisper_merged_words_take_the_first_start_and_the_last_end(pipeline: Pipeline) -> None:
    text = (DATA / "whisper-words.json").read_text(encoding="utf-8")
    fixed, _ = fix_text(text, pipeline, "a.json")
    data = json.loads(fixed)
    first = data["segments"][0]
    assert first["text"] == " He stayed near Wuhan before"
    assert [w["word"] for w in first["words"]] == [" He", " stayed", " near", " Wuhan", " before"]
    wuhan = first["words"][3]
    assert (wuhan["start"], wuhan["end"], wuhan["probability"]) == (1.3, 2.1, 0.52)
    assert data["text"] == "".join(s["text"] for s in data["segments"])
    who = data["segments"][2]["words"][1]
    assert (who["word"], who["start"], who["end"]) == (" WHO", 5.2, 5.8)
    # Every segment's words still spell its text.
    for segment in data["segments"]:
        assert "".join(w["word"] for w in segment["words"]) == segment["text"]


def test_whisper_json_is_edited_in_place_not_re_dumped(pipeline: Pipeline) -> None:
    text = (DATA / "whisper-segments.json").read_text(encoding="utf-8")
    fixed, _ = fix_text(text, pipeline, "a.json")
    assert fixed == (
        text.replace("Will Han", "Wuhan")
        .replace("Corona virus", "coronavirus")
        .replace("W H O", "WHO")
        .replace("Hang Zhou", "Hangzhou")
    )
    assert "\\u2019cause" in fixed  # the file's own escapes are kept


def test_whisper_word_split_shares_the_time_span(tmp_path: Path) -> None:
    lexicon = tmp_path / "names.yaml"
    lexicon.write_text(
        "asrfix: 1\nentries:\n  - term: Xi Jinping\n    misrecognitions: [Xijinping]\n", encoding="utf-8"
    )
    doc = {
        "segments": [
            {
                "id": 7,
                "start": 1.0,
                "end": 3.0,
                "text": " President Xijinping spoke",
                "words": [
                    {"word": " President", "start": 1.0, "end": 1.5, "probability": 0.9},
                    {"word": " Xijinping", "start": 1.5, "end": 2.5, "probability": 0.4},
                    {"word": " spoke", "start": 2.5, "end": 3.0, "probability": 0.9},
                ],
            }
        ]
    }
    fixed, _ = fix_text(json.dumps(doc, indent=1), Pipeline(lexicons=[lexicon]), "a.json")
    words = json.loads(fixed)["segments"][0]["words"]
    assert [w["word"] for w in words] == [" President", " Xi", " Jinping", " spoke"]
    assert words[1]["start"] == 1.5 and words[2]["end"] == 2.5
    assert words[1]["end"] == words[2]["start"] == pytest.approx(1.5 + 1.0 * 2 / 9, abs=0.001)
    assert words[1]["probability"] == words[2]["probability"] == 0.4


def test_whisper_term_across_segments_keeps_segment_timings(pipeline: Pipeline) -> None:
    doc = {
        "segments": [
            {"start": 0.0, "end": 1.0, "text": " near Will", "words": [
                {"word": " near", "start": 0.0, "end": 0.5}, {"word": " Will", "start": 0.5, "end": 1.0}]},
            {"start": 1.0, "end": 2.0, "text": " Han today", "words": [
                {"word": " Han", "start": 1.0, "end": 1.4}, {"word": " today", "start": 1.4, "end": 2.0}]},
        ]
    }
    fixed, _ = fix_text(json.dumps(doc), pipeline, "a.json")
    segments = json.loads(fixed)["segments"]
    assert [s["text"] for s in segments] == [" near Wuhan", " today"]
    assert segments[0]["words"][1] == {"word": " Wuhan", "start": 0.5, "end": 1.0}
    assert segments[1]["words"] == [{"word": " today", "start": 1.4, "end": 2.0}]
    assert [(s["start"], s["end"]) for s in segments] == [(0.0, 1.0), (1.0, 2.0)]


# --- bad input -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "line", "message"),
    [
        ("a.srt", "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:0x,000 --> 00:00:03\nbad\n", 6, "bad cue timing"),
        ("a.srt", "1\n00:00:01,000 --> 00:00:02,000\nok\n\nstray text\n", 5, "expected a cue timing"),
        ("a.vtt", "1\n00:01.000 --> 00:02.000\nhi\n", 1, "must start with the line 'WEBVTT'"),
        ("a.vtt", "WEBVTT\n\n00:01.000 --> 00:0x.000\nhi\n", 3, "bad cue timing"),
        ("a.ass", "[Events]\nDialogue: 0,0:00:01.00,0:00:02.00\n", 2, "has 3 fields"),
        ("a.ass", "[Events]\nDialogue: 0,zero,0:00:02.00,Default,,0,0,0,,hi\n", 2, "bad start time"),
        ("a.json", '{"segments": [\n  {"text": "hi",}\n]}', 2, "not valid JSON"),
        ("a.json", '["just", "a", "list"]', 1, "not a Whisper-style JSON"),
    ],
)
def test_bad_input_names_the_line_and_what_to_do(name: str, text: str, line: int, message: str) -> None:
    with pytest.raises(FormatError, match=message) as info:
        detect(name, text).read(text, name)
    assert info.value.line == line
    assert str(info.value).startswith(f"{name}:{line}: ")


def test_every_format_has_a_name_extensions_and_a_reader() -> None:
    for name, fmt in FORMATS.items():
        assert fmt.extensions and fmt.description
        assert name in (fmt.name, "ssa")


# --- encodings ----------------------------------------------------------------------------------------------


def test_utf16_with_bom_round_trips_and_is_corrected(pipeline: Pipeline) -> None:
    data = (DATA / "utf16.srt").read_bytes()
    text, encoding = decode(data)
    assert encoding.name == "utf-16" and encode(text, encoding) == data
    fixed, _ = fix_text(text, pipeline)
    assert encode(fixed, encoding).startswith(b"\xff\xfe")
    assert "Anhui province near Wuhan" in fixed


def test_other_encodings_are_never_guessed() -> None:
    data = "caf\u00e9 in Hang Zhou\n".encode("cp1252")
    with pytest.raises(FormatError, match="--encoding") as info:
        decode(data, path="a.txt")
    assert info.value.line == 1
    text, encoding = decode(data, "cp1252")
    assert text == "caf\u00e9 in Hang Zhou\n" and encode(text, encoding) == data


def test_binary_files_are_refused() -> None:
    with pytest.raises(FormatError, match="binary file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_whisperx_words_without_spaces_and_with_scores(pipeline: Pipeline) -> None:
    doc = {
        "segments": [
            {"start": 0.0, "end": 2.0, "text": " near Will Han ok", "words": [
                {"word": "near", "start": 0.0, "end": 0.5, "score": 0.9},
                {"word": "Will", "start": 0.5, "end": 1.0, "score": 0.5},
                {"word": "Han", "start": 1.0, "end": 1.5, "score": 0.4},
                {"word": "ok", "start": 1.5, "end": 2.0, "score": 0.9}]},
        ]
    }
    fixed, _ = fix_text(json.dumps(doc), pipeline, "a.json")
    words = json.loads(fixed)["segments"][0]["words"]
    assert words[1] == {"word": "Wuhan", "start": 0.5, "end": 1.5, "score": 0.4}
    assert [w["word"] for w in words] == ["near", "Wuhan", "ok"]
