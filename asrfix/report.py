"""Reports of a run over files: a table for people, JSON for programs, a unified diff for review.

The JSON report (``asrfix fix --report FILE.json``) has this schema, version 1; keys are only ever added::

    {
      "asrfix": "0.1.0",            # the version that wrote it
      "schema": 1,
      "files": [
        {
          "path": "talk.srt",       # as given on the command line ("-" for standard input)
          "output": "out/talk.srt", # where the corrected file was written; null when nothing was written
          "format": "srt",          # srt, vtt, ass, ssa, json or txt; null when the file could not be read
          "encoding": "utf-8-sig",  # as read and written back; null when the file could not be read
          "status": "changed",      # "changed", "unchanged" or "failed"
          "error": null,            # the one-line message when status is "failed"
          "changes": [CHANGE, ...], # the changes made (or that would be made, under --check/--dry-run)
          "suggestions": [CHANGE, ...],  # below --min-confidence, or not applicable; never made
          "warnings": ["..."]
        }
      ],
      "summary": {"files": 3, "changed": 1, "unchanged": 1, "failed": 1, "changes": 4, "suggestions": 2}
    }

    CHANGE = {
      "cue": "12",                  # cue number or identifier as written ("12-13" across two cues; "" in text)
      "time": "00:01:02,345",       # the cue's start time as written ("" when there is none)
      "line": 45,                   # 1-based line of the file where the change starts
      "before": "Will Han",         # the spoken words replaced ("Will | Han" across two cues)
      "after": "Wuhan",
      "corrector": "lexicon", "lexicon": "china-news", "entry": "Wuhan",
      "confidence": 0.99,
      "reason": "known misrecognition 'Will Han' of 'Wuhan' (china-news line 15)",
      "note": ""                    # how it was applied, or why not ("across cues 12-13: ...")
    }
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from .formats.base import Located

__all__ = ["SCHEMA_VERSION", "FileResult", "render_diff", "render_json", "render_summary", "render_table"]

SCHEMA_VERSION = 1


@dataclass
class FileResult:
    """What happened to one file.

    Attributes:
        path: the path as given ("-" for standard input).
        format: the format name, "" when the file could not be read.
        encoding: the encoding name, "" when the file could not be read.
        changes: the changes made (or that would be made).
        suggestions: proposals not made.
        warnings: problems worth a look.
        error: the error message when the file failed.
        changed: whether the corrected file differs from the input.
        data: the bytes to write: the corrected file, or the input as it was (``None`` when it failed).
        original: the decoded original text (kept only when a diff is wanted).
        corrected: the decoded corrected text (kept only when a diff is wanted).
        output: where the corrected file was written, if anywhere.
    """

    path: str
    format: str = ""
    encoding: str = ""
    changes: list[Located] = field(default_factory=list)
    suggestions: list[Located] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    changed: bool = False
    data: bytes | None = None
    original: str = ""
    corrected: str = ""
    output: str | None = None

    @property
    def status(self) -> str:
        """``"failed"``, ``"changed"`` or ``"unchanged"``."""
        if self.error is not None:
            return "failed"
        return "changed" if self.changed else "unchanged"


def _where(item: Located) -> str:
    if item.cue:
        return f"cue {item.cue} {item.time}".rstrip()
    return f"line {item.line}"


def _rows(results: Sequence[FileResult], suggestions: bool) -> list[tuple[FileResult, Located]]:
    return [(r, item) for r in results for item in (r.suggestions if suggestions else r.changes)]


def _table(rows: list[tuple[FileResult, Located]], verbose: bool) -> list[str]:
    cells = [
        (
            r.path,
            _where(item),
            f"{item.before!r} -> {item.after!r}",
            item.corrector,
            f"{item.confidence:.2f}",
        )
        for r, item in rows
    ]
    widths = [max(len(c[k]) for c in cells) for k in range(4)]
    lines = []
    for (_r, item), cell in zip(rows, cells, strict=False):
        lines.append("  ".join(c.ljust(w) for c, w in zip(cell[:4], widths, strict=False)) + "  " + cell[4])
        if item.note:
            lines.append(f"    note: {item.note}")
        if verbose and item.reason:
            lines.append(f"    why: {item.reason}")
    return lines


def render_table(results: Sequence[FileResult], *, verbose: bool = False) -> str:
    """Return the human report: one line per change, then the suggestions, then warnings.

    Each line reads ``file  cue 12 00:01:02,345  'Will Han' -> 'Wuhan'  lexicon  0.99`` (``line 14`` for
    plain text). With ``verbose``, each change is followed by its reason.
    """
    lines: list[str] = []
    changes = _rows(results, suggestions=False)
    if changes:
        lines.extend(_table(changes, verbose))
    below = _rows(results, suggestions=True)
    if below:
        if lines:
            lines.append("")
        lines.append("suggestions (not applied; lower --min-confidence or edit by hand):")
        lines.extend("  " + line for line in _table(below, verbose))
    for r in results:
        lines.extend(f"{r.path}: warning: {w}" for w in r.warnings)
    return "\n".join(lines) + ("\n" if lines else "")


def render_summary(results: Sequence[FileResult], *, check: bool = False, written: bool = True) -> str:
    """Return the one-line summary, plus one line per failed file."""
    changed = [r for r in results if r.status == "changed"]
    failed = [r for r in results if r.status == "failed"]
    n_changes = sum(len(r.changes) for r in results)
    n_suggestions = sum(len(r.suggestions) for r in results)
    files = f"{len(results)} file" + ("" if len(results) == 1 else "s")
    verb = "would change" if check or not written else "changed"
    text = (
        f"asrfix: {files}: {len(changed)} {verb} ({n_changes} change{'' if n_changes == 1 else 's'}), "
        f"{n_suggestions} suggestion{'' if n_suggestions == 1 else 's'}, {len(failed)} failed"
    )
    lines = [text]
    lines.extend(f"asrfix: failed: {r.error}" for r in failed)
    return "\n".join(lines) + "\n"


def _change_dict(item: Located) -> dict[str, Any]:
    return asdict(item)


def report_dict(results: Sequence[FileResult]) -> dict[str, Any]:
    """Return the JSON report as a dict (see the module documentation for the schema)."""
    from . import __version__

    files = [
        {
            "path": r.path,
            "output": r.output,
            "format": r.format or None,
            "encoding": r.encoding or None,
            "status": r.status,
            "error": r.error,
            "changes": [_change_dict(c) for c in r.changes],
            "suggestions": [_change_dict(c) for c in r.suggestions],
            "warnings": list(r.warnings),
        }
        for r in results
    ]
    summary = {
        "files": len(results),
        "changed": sum(r.status == "changed" for r in results),
        "unchanged": sum(r.status == "unchanged" for r in results),
        "failed": sum(r.status == "failed" for r in results),
        "changes": sum(len(r.changes) for r in results),
        "suggestions": sum(len(r.suggestions) for r in results),
    }
    return {"asrfix": __version__, "schema": SCHEMA_VERSION, "files": files, "summary": summary}


def render_json(results: Sequence[FileResult]) -> str:
    """Return the JSON report (schema in the module documentation), indented, ending in a newline."""
    return json.dumps(report_dict(results), ensure_ascii=False, indent=2) + "\n"


def render_diff(results: Sequence[FileResult]) -> str:
    """Return a unified diff of every changed file (``a/PATH`` and ``b/PATH``, three lines of context)."""
    parts: list[str] = []
    for r in results:
        if r.status != "changed":
            continue
        before = r.original.splitlines(keepends=True)
        after = r.corrected.splitlines(keepends=True)
        absolute = r.path.startswith("/") or r.path == "-"
        names = (r.path, r.path) if absolute else (f"a/{r.path}", f"b/{r.path}")
        for line in difflib.unified_diff(before, after, *names):
            parts.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(parts)
