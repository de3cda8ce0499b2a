"""The wheel carries the lexicons, and a non-editable install finds them by name from any directory."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("asrfix-*.whl")
    return path


def test_the_wheel_contains_every_shipped_lexicon(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.name for p in (ROOT / "lexicons").glob("*.yaml")}
    assert shipped
    assert {f"asrfix/lexicons/{name}" for name in shipped} <= names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "lexicon = asrfix.correctors.lexicon:LexiconCorrector" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_an_installed_wheel_loads_lexicons_by_name_from_another_directory(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import asrfix; print(asrfix.__file__); "
        "print(asrfix.correct('near Will Han', lexicons=['china-news']).text)"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    location, text = out.stdout.splitlines()
    assert location.startswith(str(target))  # the installed copy, not the source tree
    assert text == "near Wuhan"
