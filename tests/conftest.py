"""Shared fixtures: small lexicons written to temporary files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def write_lexicon(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write YAML text to ``tmp_path/<name>.yaml`` and return the path."""

    def write(text: str, name: str = "test") -> Path:
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write
