"""Property tests: files come back byte for byte, and corrections touch nothing but spoken words."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asrfix import Pipeline
from asrfix.cli.fix import Settings, fix_bytes
from asrfix.fileio import decode
from asrfix.formats import detect

DATA = Path(__file__).parent / "data" / "formats"
SETTINGS = Settings(lexicons=("china-news",), correctors=("lexicon",), min_confidence=0.5, format=None,
                    encoding=None, keep_text=False)
# No lexicon: nothing can change, whatever the text.
PLAIN = Pipeline(lexicons=[], correctors=["lexicon"])
CHINA = Pipeline(lexicons=["china-news"], correctors=["lexicon"])

# Everyday words, none of them a known misrecognition, and the pieces of a few that are.
SAFE = ["the", "people", "said", "virus", "home", "green", "app", "and", "you", "It's", "don\u2019t", "caf\u00e9",
        "\u6b66\u6c49", "1,000,000", "code", "way", "on", "Hilsum", "Chinese", "—", "?", "."]
RISKY = ["Will Han", "Hang Zhou", "W H O", "Corona virus", "an way province", "red coat app", "weaker people",
         "Will", "Han", "lock down"]
MARKUP = ["<i>", "</i>", "<b>", "</b>", "{\\an8}", "{\\i1}", '<font color="#ff0">', "</font>", "[MUSIC]"]


def words(vocabulary: list[str], breaks: bool = True) -> st.SearchStrategy[str]:
    """A line of words and markup; with ``breaks``, a phrase may be broken over two lines."""
    piece = st.sampled_from(vocabulary + MARKUP)
    gap = st.sampled_from([" ", " ", " ", "\n"] if breaks else [" "])
    return st.lists(st.tuples(piece, gap), min_size=1, max_size=8).map(
        lambda pairs: "".join(p.replace(" ", g) + " " for p, g in pairs).rstrip()
    )


def cue_text(vocabulary: list[str]) -> st.SearchStrategy[str]:
    label = st.sampled_from(["", "", "- ", "JOHN: ", "Speaker 2: "])
    line = st.tuples(label, words(vocabulary), st.sampled_from(["", " ", "  "])).map("".join)
    return st.lists(line, min_size=0, max_size=3)


def timestamp(sep: str, hours: bool = True) -> st.SearchStrategy[str]:
    return st.tuples(st.integers(0, 9), st.integers(0, 59), st.integers(0, 59), st.integers(0, 999)).map(
        lambda t: (f"{t[0]:02d}:" if hours else "") + f"{t[1]:02d}:{t[2]:02d}{sep}{t[3]:03d}"
    )


@st.composite
def srt_file(draw: st.DrawFn, vocabulary: list[str]) -> str:
    blocks = []
    split_term = "Will" in vocabulary and draw(st.booleans())  # "Will" ends a cue and "Han" opens the next
    for n in range(1, draw(st.integers(1, 5)) + 1):
        start, end = draw(timestamp(",")), draw(timestamp(","))
        settings_ = draw(st.sampled_from(["", " X1:10 X2:20 Y1:5 Y2:9"]))
        text = draw(cue_text(vocabulary))
        if split_term and text:
            text = [("Han " if n % 2 == 0 else "") + text[0], *text[1:]]
            text[-1] += " near Will" if n % 2 == 1 else ""
        blocks.append("\n".join([str(n), f"{start} --> {end}{settings_}", *text]))
    return "\n\n".join(blocks) + draw(st.sampled_from(["", "\n", "\n\n"]))


@st.composite
def vtt_file(draw: st.DrawFn, vocabulary: list[str]) -> str:
    blocks = ["WEBVTT" + draw(st.sampled_from(["", " - a title"]))]
    if draw(st.booleans()):
        blocks.append("NOTE " + draw(words(RISKY, breaks=False)))
    if draw(st.booleans()):
        blocks.append("STYLE\n::cue { color: red }")
    for n in range(draw(st.integers(1, 4))):
        ident = draw(st.sampled_from(["", f"cue-{n}\n", f"{n + 1}\n"]))
        timing = f"{draw(timestamp('.', draw(st.booleans())))} --> {draw(timestamp('.'))}"
        timing += draw(st.sampled_from(["", " align:start position:10%"]))
        text = draw(cue_text(vocabulary).filter(bool))
        blocks.append(ident + "\n".join([timing, *text]))
    return "\n\n".join(blocks) + "\n"


@st.composite
def ass_file(draw: st.DrawFn, vocabulary: list[str]) -> str:
    lines = ["[Script Info]", "Title: " + draw(words(RISKY, breaks=False)), "", "[V4+ Styles]",
             "Format: Name, Fontname, Fontsize", "Style: Default,Arial,20", "", "[Events]",
             "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text"]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["Dialogue", "Dialogue", "Comment"]))
        text = draw(st.lists(words(vocabulary, breaks=False), max_size=3))
        lines.append(f"{kind}: 0,0:00:01.00,0:00:02.50,Default,Will,0,0,0,," + "\\N".join(text))
    return "\n".join(lines) + "\n"


@st.composite
def txt_file(draw: st.DrawFn, vocabulary: list[str]) -> str:
    bullet = draw(st.sampled_from(["", "  \u2022 ", "- "]))
    lines = draw(st.lists(words(vocabulary, breaks=False), min_size=1, max_size=6))
    gap = draw(st.sampled_from(["\n", "\n\n"]))
    return gap.join(bullet + line for line in lines) + draw(st.sampled_from(["", "\n"]))


@st.composite
def json_file(draw: st.DrawFn, vocabulary: list[str]) -> str:
    segments: list[dict[str, Any]] = []
    t = 0.0
    for n in range(draw(st.integers(1, 4))):
        phrases = draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=6))
        if "Will" in vocabulary and draw(st.booleans()):  # a term split between this segment and the next
            phrases = (["Han"] if n % 2 else []) + phrases + ([] if n % 2 else ["Will"])
        spoken = [word for phrase in phrases for word in phrase.split()]
        segment_words = []
        for word in spoken:
            segment_words.append({"word": " " + word, "start": round(t, 2), "end": round(t + 0.3, 2),
                                  "probability": 0.9})
            t += 0.3
        segments.append({"id": n, "start": segment_words[0]["start"], "end": segment_words[-1]["end"],
                         "text": "".join(w["word"] for w in segment_words), "words": segment_words})
    doc = {"text": "".join(s["text"] for s in segments), "segments": segments, "language": "en"}
    return json.dumps(doc, indent=draw(st.sampled_from([None, 2, 4])), ensure_ascii=draw(st.booleans()))


FILES = {"srt": srt_file, "vtt": vtt_file, "ass": ass_file, "txt": txt_file, "json": json_file}


def stored(draw: st.DrawFn, text: str) -> bytes:
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    return text.encode(encoding)


@st.composite
def any_file(draw: st.DrawFn, vocabulary: list[str]) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(FILES)))
    return f"file.{name}", stored(draw, draw(FILES[name](vocabulary)))


QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@QUICK
@given(any_file(SAFE + RISKY))
def test_without_changes_every_file_comes_back_byte_for_byte(file: tuple[str, bytes]) -> None:
    name, data = file
    result = fix_bytes(data, name, PLAIN, SETTINGS)
    assert result.error is None
    assert result.data == data and not result.changed


@QUICK
@given(any_file(SAFE))
def test_text_without_misrecognitions_is_left_byte_for_byte(file: tuple[str, bytes]) -> None:
    name, data = file
    result = fix_bytes(data, name, CHINA, SETTINGS)
    assert (result.error, result.changes, result.data) == (None, [], data)


def protected_parts(name: str, data: bytes) -> list[str]:
    text, _ = decode(data)
    document = detect(name, text).read(text, name)
    if name.endswith(".json"):
        value = json.loads(text)
        for segment in value["segments"]:
            segment.pop("text")
            for word in segment.pop("words"):
                word.pop("word")
        value.pop("text")
        return [json.dumps(value)]
    # Joined: a correction may bring a tag next to a cue's start, where the two spans merge into one.
    return ["".join(text[s:e] for s, e in document.protected)]


@QUICK
@given(any_file(SAFE + RISKY))
def test_corrections_change_only_spoken_words_and_are_stable(file: tuple[str, bytes]) -> None:
    name, data = file
    result = fix_bytes(data, name, CHINA, SETTINGS)
    assert result.error is None and result.data is not None
    if name.endswith(".json"):
        # Words merged or dropped leave the word lists; everything else stays.
        before = json.loads(decode(data)[0])
        after = json.loads(decode(result.data)[0])
        assert [(s["id"], s["start"], s["end"]) for s in before["segments"]] == [
            (s["id"], s["start"], s["end"]) for s in after["segments"]
        ]
        for segment in after["segments"]:
            assert "".join(w["word"] for w in segment["words"]) == segment["text"]
            assert all(w["start"] <= w["end"] for w in segment["words"])
    elif not name.endswith(".txt"):
        assert protected_parts(name, result.data) == protected_parts(name, data)
    again = fix_bytes(result.data, name, CHINA, SETTINGS)
    assert again.data == result.data and not again.changes


@pytest.mark.parametrize("path", sorted(DATA.iterdir()), ids=lambda p: p.name)
def test_fixtures_come_back_byte_for_byte_without_changes(path: Path) -> None:
    data = path.read_bytes()
    result = fix_bytes(data, path.name, PLAIN, SETTINGS)
    assert result.error is None and result.data == data


PIECES = ["1", "\n", "\r\n", " ", "-->", "00:00:01,000", "00:01.000", "WEBVTT", "NOTE", "[Events]", "Dialogue:",
          "Format: Text", ",", "{", "}", '"', ":", "[", "]", "segments", "text", "words", "\\", "<i>", "\\N", "Will",
          "Han", "\u00e9", "\u2019", "0"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["a.srt", "a.vtt", "a.ass", "a.json", "a.txt"]), st.lists(st.sampled_from(PIECES), max_size=40))
def test_malformed_input_is_read_or_refused_with_a_format_error(name: str, pieces: list[str]) -> None:
    data = "".join(pieces).encode("utf-8")
    result = fix_bytes(data, name, CHINA, SETTINGS)
    assert result.error is None or "this is a bug" not in result.error


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.sampled_from(["Will Han", " Hang", ""]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["text", "segments", "words", "word", "start", "end", "probability"]), inner),
    max_leaves=12,
)


ODD_WORD = st.dictionaries(
    st.sampled_from(["word", "start", "end", "probability", "score"]), JSON_VALUES
) | st.fixed_dictionaries(
    {"word": st.sampled_from([" Will", " Han", "Will", "Han", " ok"]), "start": JSON_VALUES, "end": JSON_VALUES}
)
ODD_SEGMENT = st.fixed_dictionaries(
    {
        "text": st.sampled_from([" Will Han", " near Will", " Han ok", "Will Han"]),
        "words": st.lists(ODD_WORD, max_size=4),
    }
)
ODD_WHISPER = st.fixed_dictionaries({"segments": st.lists(ODD_SEGMENT, max_size=3)})


@settings(max_examples=200, deadline=None)
@given(JSON_VALUES | ODD_WHISPER, st.sampled_from([None, 1]))
def test_odd_json_is_read_or_refused_with_a_format_error(value: object, indent: int | None) -> None:
    data = json.dumps(value, indent=indent).encode("utf-8")
    result = fix_bytes(data, "a.json", CHINA, SETTINGS)
    assert result.error is None or "this is a bug" not in result.error
    if result.error is None:
        assert result.data is not None
        json.loads(result.data)
