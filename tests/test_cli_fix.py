"""``asrfix fix`` in process: every option and exit code, as a user would run them."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from asrfix import __version__
from asrfix.cli import main

DATA = Path(__file__).parent / "data" / "formats"
EXAMPLE = Path(__file__).parent.parent / "examples" / "news.srt"

SRT = (
    "1\n00:00:01,000 --> 00:00:03,000\nHe stayed near Will Han\nbefore flying home.\n\n"
    "2\n00:00:03,500 --> 00:00:05,000\n<i>The information is in Hang Zhou.</i>\n"
)
FIXED = SRT.replace("Will Han", "Wuhan").replace("Hang Zhou", "Hangzhou")
CLEAN = "1\n00:00:01,000 --> 00:00:03,000\nNothing to fix here.\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["fix", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def talk(tmp_path: Path) -> Path:
    path = tmp_path / "talk.srt"
    path.write_text(SRT, encoding="utf-8", newline="")
    return path


def test_one_file_is_written_to_stdout_and_the_report_to_stderr(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(talk), "-l", "china-news")
    assert code == 0
    assert out == FIXED
    assert talk.read_text(encoding="utf-8") == SRT  # the input is untouched
    assert "cue 1 00:00:01,000  'Will Han' -> 'Wuhan'" in err
    assert "cue 2 00:00:03,500  'Hang Zhou' -> 'Hangzhou'" in err
    assert "lexicon  0.99" in err
    assert "1 file: 1 changed (2 changes)" in err


def test_output_file(talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "fixed.srt"
    code, out, _ = run(capsys, str(talk), "-l", "china-news", "-o", str(out_path))
    assert code == 0 and out == ""
    assert out_path.read_text(encoding="utf-8") == FIXED


def test_output_into_an_existing_folder(talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "fixed"
    folder.mkdir()
    assert run(capsys, str(talk), "-l", "china-news", "-o", str(folder))[0] == 0
    assert (folder / "talk.srt").read_text(encoding="utf-8") == FIXED


def test_in_place_with_backup(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, str(talk), "-l", "china-news", "--in-place", "--backup", ".orig")
    assert code == 0
    assert talk.read_text(encoding="utf-8") == FIXED
    assert talk.with_name("talk.srt.orig").read_text(encoding="utf-8") == SRT
    assert not [p for p in talk.parent.iterdir() if "asrfix-tmp" in p.name]  # no temporary file left


def test_in_place_leaves_unchanged_files_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = tmp_path / "clean.srt"
    clean.write_text(CLEAN, encoding="utf-8")
    before = clean.stat().st_mtime_ns
    code, _, err = run(capsys, str(clean), "-l", "china-news", "--in-place")
    assert code == 0 and clean.stat().st_mtime_ns == before
    assert "0 changed" in err


def test_check_exits_1_when_a_change_would_be_made_and_0_when_clean(
    talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, str(talk), "-l", "china-news", "--check")
    assert (code, out) == (1, "")
    assert "would change" in err and talk.read_text(encoding="utf-8") == SRT
    clean = tmp_path / "clean.srt"
    clean.write_text(CLEAN, encoding="utf-8")
    assert run(capsys, str(clean), "-l", "china-news", "--check")[0] == 0


def test_dry_run_reports_but_writes_nothing(talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(talk), "-l", "china-news", "--dry-run", "-o", str(tmp_path / "x.srt"))
    assert (code, out) == (0, "")
    assert "'Will Han' -> 'Wuhan'" in err
    assert not (tmp_path / "x.srt").exists()


def test_diff_prints_a_unified_diff(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(talk), "-l", "china-news", "--diff", "-q")
    assert code == 0
    assert "-He stayed near Will Han\n+He stayed near Wuhan\n" in out
    assert "-<i>The information is in Hang Zhou.</i>\n+<i>The information is in Hangzhou.</i>\n" in out
    assert out.startswith("--- ")


def test_json_report_follows_the_documented_schema(
    talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.json"
    missing = tmp_path / "missing.srt"
    code, _, _ = run(capsys, str(talk), str(missing), "-l", "china-news", "--report", str(report), "--dry-run")
    assert code == 2  # one input failed
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["asrfix"] == __version__ and data["schema"] == 1
    first, failed = data["files"]
    assert (first["path"], first["format"], first["encoding"]) == (str(talk), "srt", "utf-8")
    assert first["status"] == "changed" and first["output"] is None
    assert first["changes"][0] == {
        "cue": "1",
        "time": "00:00:01,000",
        "line": 3,
        "before": "Will Han",
        "after": "Wuhan",
        "corrector": "lexicon",
        "lexicon": "china-news",
        "entry": "Wuhan",
        "confidence": 0.99,
        "reason": first["changes"][0]["reason"],
        "note": "",
    }
    assert "Will Han" in first["changes"][0]["reason"]
    assert failed["status"] == "failed" and "no such file" in failed["error"]
    assert data["summary"] == {"files": 2, "changed": 1, "unchanged": 0, "failed": 1, "changes": 2, "suggestions": 0}


def test_suggestions_below_the_threshold_are_listed_separately(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "coat.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nShe wore a red coat.\n", encoding="utf-8")
    code, out, err = run(capsys, str(path), "-l", "china-news")
    assert code == 0 and "red coat" in out
    assert "suggestions (not applied" in err and "'red coat' -> 'red code'" in err
    code, out, err = run(capsys, str(path), "-l", "china-news", "--min-confidence", "0.2")
    assert "red code" in out and "not applied" not in err


def test_only_and_skip_choose_the_correctors(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(talk), "-l", "china-news", "--skip", "lexicon")
    assert code == 0 and "Will Han" in out  # the lexicon corrector was left out
    code, out, _ = run(capsys, str(talk), "-l", "china-news", "--only", "lexicon")
    assert code == 0 and out == FIXED
    code, _, err = run(capsys, str(talk), "-l", "china-news", "--only", "nonesuch")
    assert code == 2 and "unknown corrector 'nonesuch'" in err and "Traceback" not in err


def test_folders_are_searched_recursively_and_mirrored_into_the_output_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "subs"
    (source / "season1").mkdir(parents=True)
    (source / "season1" / "e1.srt").write_text(SRT, encoding="utf-8")
    (source / "e2.vtt").write_text("WEBVTT\n\n00:01.000 --> 00:02.000\nin Hang Zhou\n", encoding="utf-8")
    (source / "notes.docx").write_bytes(b"PK\x03\x04")  # not a known format: not touched
    out = tmp_path / "out"
    code, _, err = run(capsys, str(source), "-l", "china-news", "-o", str(out))
    assert code == 0
    assert (out / "season1" / "e1.srt").read_text(encoding="utf-8") == FIXED
    assert (out / "e2.vtt").read_text(encoding="utf-8").endswith("in Hangzhou\n")
    assert not (out / "notes.docx").exists()
    assert "2 files: 2 changed" in err


def test_several_files_need_an_output_folder_or_in_place(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(talk), str(talk), "-l", "china-news")
    assert (code, out) == (2, "")
    assert "-o FOLDER or --in-place" in err


def test_stdin_to_stdout(monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    data = "\ufeffHe stayed near Will Han.\r\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code = main(["fix", "-", "-l", "china-news", "-q"])
    out, err = capsysbinary.readouterr()
    assert code == 0 and err == b""
    assert out == "\ufeffHe stayed near Wuhan.\r\n".encode()


def test_format_option_overrides_detection(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "transcript.srt"
    path.write_text("not cues at all, near Will Han\n", encoding="utf-8")
    code, _, err = run(capsys, str(path), "-l", "china-news", "--check")
    assert code == 2 and f"{path}:1: expected a cue timing" in err
    code, out, _ = run(capsys, str(path), "-l", "china-news", "--format", "txt")
    assert code == 0 and out == "not cues at all, near Wuhan\n"


def test_encoding_option_reads_and_writes_other_encodings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "caf\u00e9.txt"
    path.write_bytes("Caf\u00e9 near Will Han\n".encode("cp1252"))
    code, _, err = run(capsys, str(path), "-l", "china-news", "--check")
    assert code == 2 and "--encoding" in err and f"{path}:1:" in err
    out_path = tmp_path / "fixed.txt"
    code, _, _ = run(capsys, str(path), "-l", "china-news", "--encoding", "cp1252", "-o", str(out_path))
    assert code == 0 and out_path.read_bytes() == "Caf\u00e9 near Wuhan\n".encode("cp1252")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.srt", b"1\n00:00:01,000 --> 00:00:0x,000\nhi\n", "bad.srt:2: bad cue timing"),
        ("blob.srt", b"\x00\x01\x02binary\x00", "binary file"),
        ("latin.srt", b"1\n00:00:01,000 --> 00:00:02,000\ncaf\xe9\n", "latin.srt:3: byte 0xe9 is not valid UTF-8"),
    ],
)
def test_bad_input_gets_one_clear_line_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, message: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.srt"
    good.write_text(SRT, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, str(bad), str(good), "-l", "china-news", "-o", str(out))
    assert code == 2
    assert message in err and "Traceback" not in err
    assert "2 files: 1 changed (2 changes), 0 suggestions, 1 failed" in err
    assert (out / "good.srt").read_text(encoding="utf-8") == FIXED
    assert not (out / name).exists()  # no partial output


def test_missing_path_and_broken_lexicon_exit_2(talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(tmp_path / "nope.srt"), "-l", "china-news")
    assert (code, out) == (2, "")
    assert "nope.srt: no such file or folder" in err
    broken = tmp_path / "broken.yaml"
    broken.write_text("asrfix: 1\nentries:\n  - term: [unclosed\n", encoding="utf-8")
    code, out, err = run(capsys, str(talk), "-l", str(broken))
    assert (code, out) == (2, "")
    assert err.startswith("asrfix: error: ") and "broken.yaml" in err and "Traceback" not in err


def test_parallel_workers_give_the_same_results_as_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i, fixture in enumerate(sorted(DATA.iterdir())):
        shutil.copy(fixture, folder / f"{i:02d}-{fixture.name}")
    reports = []
    for jobs in ("1", "2"):
        report = tmp_path / f"report-{jobs}.json"
        code, _, err = run(capsys, str(folder), "-l", "china-news", "-j", jobs, "--dry-run", "--report", str(report))
        assert code == 0, err
        reports.append((err, report.read_text(encoding="utf-8")))
    assert reports[0] == reports[1]
    assert json.loads(reports[0][1])["summary"]["changed"] == len(list(DATA.iterdir()))


def test_progress_bar_only_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in range(3):
        (tmp_path / f"{i}.srt").write_text(CLEAN, encoding="utf-8")
    run(capsys, str(tmp_path), "-l", "china-news", "--check")
    assert "file/s" not in capsys.readouterr().err
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code = main(["fix", str(tmp_path), "-l", "china-news", "--check"])
    assert code == 0 and "file/s" in capsys.readouterr().err


def test_quiet_prints_nothing_and_verbose_prints_reasons(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run(capsys, str(talk), "-l", "china-news", "-q", "--dry-run")
    assert err == ""
    _, _, err = run(capsys, str(talk), "-l", "china-news", "-v", "--dry-run")
    assert "why: known misrecognition 'Will Han' of 'Wuhan'" in err


def test_list_lexicons_correctors_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--list-lexicons")
    assert code == 0 and "china-news\t" in out
    code, out, _ = run(capsys, "--list-correctors")
    assert code == 0 and "lexicon (default)" in out
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out == f"asrfix {__version__}\n"


def test_usage_errors_exit_2(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "-l", "china-news")[0] == 2  # no input
    assert run(capsys, str(talk), "--min-confidence", "1.5")[0] == 2
    assert run(capsys, str(talk), "-j", "0")[0] == 2
    assert run(capsys, str(talk), "--in-place", "-o", "x.srt")[0] == 2
    assert run(capsys, str(talk), "--backup", ".bak")[0] == 2
    assert run(capsys, str(talk), "--format", "docx")[0] == 2
    assert run(capsys, str(talk), "--encoding", "klingon")[0] == 2
    assert run(capsys, str(talk), str(talk), "-o", "-")[0] == 2
    code, _, err = run(capsys, str(talk), "--report", "-")
    assert code == 2 and "--report FILE.json" in err
    code, _, err = run(capsys, "-", "--in-place")
    assert code == 2 and "standard input" in err


def test_report_to_stdout_under_check(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(talk), "-l", "china-news", "--check", "--report", "-", "-q")
    assert code == 1
    assert json.loads(out)["files"][0]["changes"][1]["after"] == "Hangzhou"


def test_every_option_is_documented_in_the_readme_notes() -> None:
    notes = Path(__file__).parent.parent / "examples" / "README.md"
    text = notes.read_text(encoding="utf-8")
    for option in ("-o", "--in-place", "--backup", "--check", "--dry-run", "--diff", "--report", "-l", "--only",
                   "--skip", "--min-confidence", "--format", "--encoding", "-j", "-q", "-v", "--list-lexicons",
                   "--list-correctors", "--version"):
        assert f"`{option}" in text, option


def test_shipped_example_is_corrected_and_reported(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(EXAMPLE), "-l", "china-news")
    assert code == 0
    assert "'Will Han' -> 'Wuhan'" in err and "'W H O' -> 'WHO'" in err
    assert "Wuhan" in out and "Will Han" not in out


def test_python_dash_m_asrfix_runs_fix(talk: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "asrfix", "fix", str(talk), "-l", "china-news", "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert "'Will Han' -> 'Wuhan'" in proc.stderr and "would change" in proc.stderr


def test_new_output_files_get_ordinary_permissions(
    talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "fixed.srt"
    talk.chmod(0o640)
    run(capsys, str(talk), "-l", "china-news", "-o", str(out_path))
    assert out_path.stat().st_mode & 0o777 == 0o666 & ~_umask()
    run(capsys, str(talk), "-l", "china-news", "--in-place")
    assert talk.stat().st_mode & 0o777 == 0o640  # an existing file keeps its own


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_unreadable_file_is_named_with_what_to_do(
    talk: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "talk.srt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)  # tests run as root, where chmod 000 would not stop a read
    code, out, err = run(capsys, str(talk), "-l", "china-news")
    assert (code, out) == (2, "")
    assert f"{talk}: cannot be read (Permission denied); check its permissions" in err
