"""Every shipped lexicon is valid, lint-clean under --strict, passes its own examples, and matches the JSON Schema.

This is how CI covers the lexicons: ``asrfix lexicon validate``, ``lint --strict`` and ``test`` over every file
in lexicons/, run in-process through ``main([...])``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from asrfix import Pipeline
from asrfix.cli import main
from asrfix.lexicon import _ENTRY_KEYS, _EXAMPLE_KEYS, _MIS_KEYS, _TOP_KEYS, load_lexicon, load_lexicons
from asrfix.lexicon_tools import SCHEMA_PATH

LEXICONS = sorted((Path(__file__).resolve().parent.parent / "lexicons").glob("*.yaml"))
IDS = [p.stem for p in LEXICONS]


def test_there_are_shipped_lexicons_in_several_domains() -> None:
    assert {"china-news", "world-places", "organisations"} <= set(IDS)


def test_shipped_lexicons_can_be_used_together_without_conflicts() -> None:
    merged = load_lexicons(LEXICONS)
    assert merged.conflicts == ()


@pytest.mark.parametrize("path", LEXICONS, ids=IDS)
def test_shipped_lexicon_validates(path: Path) -> None:
    assert main(["lexicon", "validate", str(path)]) == 0


@pytest.mark.parametrize("path", LEXICONS, ids=IDS)
def test_shipped_lexicon_is_lint_clean_under_strict(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["lexicon", "lint", "--strict", str(path)])
    assert code == 0, capsys.readouterr().out


@pytest.mark.parametrize("path", LEXICONS, ids=IDS)
def test_shipped_lexicon_passes_its_examples(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["lexicon", "test", str(path)])
    assert code == 0, capsys.readouterr().out


@pytest.mark.parametrize("path", LEXICONS, ids=IDS)
def test_every_entry_has_examples(path: Path) -> None:
    for entry in load_lexicon(path).entries:
        assert entry.examples, f"{path.name}: {entry.term!r} has no examples"


@pytest.mark.parametrize("name", ["world-places", "organisations"])
def test_every_entry_has_an_example_that_changes_and_one_that_must_not(name: str) -> None:
    for entry in load_lexicon(name).entries:
        kinds = {example.unchanged for example in entry.examples}
        assert kinds == {True, False}, f"{name}: {entry.term!r}"


@pytest.mark.parametrize("path", LEXICONS, ids=IDS)
def test_shipped_lexicon_matches_the_json_schema(path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(path.read_text("utf-8"))))
    assert errors == []


def test_json_schema_rejects_what_the_reader_rejects() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    bad = [
        {"entries": []},  # no version
        {"asrfix": 2, "entries": []},
        {"asrfix": 1, "entries": [{"term": "Wuhan", "sound_like": ["woo"]}]},
        {"asrfix": 1, "entries": [{"misrecognitions": ["Will Han"]}]},
        {"asrfix": 1, "entries": [{"term": "Wuhan", "examples": [{"output": "Wuhan"}]}]},
        {"asrfix": 1, "entries": [{"term": "Wuhan", "misrecognitions": [{"needs_context": True}]}]},
        {"asrfix": 1, "context_window": 0, "entries": []},
        {"asrfix": 1, "entries": [{"term": "---"}]},  # no letters or digits
    ]
    for document in bad:
        assert not validator.is_valid(document), document
    assert validator.is_valid({"asrfix": 1, "entries": [{"term": "北京", "examples": [{"input": "在北京"}]}]})


def test_json_schema_keys_match_the_reader() -> None:
    # The reader (asrfix.lexicon) is the one place for the rules; the schema must describe the same keys.
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    defs = schema["$defs"]
    assert set(schema["properties"]) == _TOP_KEYS
    assert set(defs["entry"]["properties"]) == _ENTRY_KEYS
    assert set(defs["misrecognition"]["oneOf"][1]["properties"]) == _MIS_KEYS
    assert set(defs["example"]["properties"]) == _EXAMPLE_KEYS


def test_json_schema_ships_inside_the_package() -> None:
    # Inside asrfix/, so the wheel (packages = ["asrfix"]) includes it.
    assert SCHEMA_PATH.is_file()
    assert SCHEMA_PATH.parent.parent.name == "asrfix"


def test_shipped_lexicon_entries_change_nothing_in_correct_text() -> None:
    # Precision first: text without recognition errors must come out unchanged by the lexicons' own entries
    # (their listed misrecognitions and context guards; the phonetic corrector's precision on clean text is
    # measured by tests/test_accuracy_regression.py). The corrected seed transcript is news about the shipped
    # domains; the LibriSpeech references (52,576 words of read books, in benchmarks/data) are everyday English.
    pipeline = Pipeline(lexicons=LEXICONS, correctors=["lexicon"])
    corrected = (Path(__file__).parent / "data" / "lexicon" / "news-transcript.ref.txt").read_text(encoding="utf-8")
    assert pipeline.correct(corrected).changes == ()
    bench = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "librispeech-biasing"
    rows = (bench / "test-clean.rnnt_baseline.tsv").read_text(encoding="utf-8").splitlines()[1:]
    references = [row.split("\t")[2] for row in rows]
    assert len(references) == 2620
    changed = [(ref, c.before, c.after) for ref in references for c in pipeline.correct(ref).changes]
    assert changed == []
