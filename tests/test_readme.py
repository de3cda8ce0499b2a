"""The README's first command (the main job on the shipped example) does what the README says."""

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.*?)\n```", text, flags=re.S)


def test_the_main_job_command_corrects_the_shipped_example_and_reports(tmp_path):
    install, run = readme_commands()[0].split(" && ")
    assert install == "python -m pip install ."
    args = shlex.split(run)
    assert args[:3] == ["python", "-m", "asrfix"]
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    done = subprocess.run([sys.executable, *args[1:]], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    output = tmp_path / args[args.index("-o") + 1]
    fixed = output.read_text(encoding="utf-8")
    assert "near Wuhan" in fixed and "Will Han" not in fixed
    assert "'Will Han' -> 'Wuhan'" in done.stderr
    assert "1 changed" in done.stderr


def test_the_test_command_is_the_one_ci_runs():
    _, tests = readme_commands()[:2]
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
