"""Run a lexicon's examples as tests: each input through the full default pipeline, compared to its output.

An example with an output must change into exactly that output; one without must stay unchanged. Only the
lexicon under test is loaded, so a failure is that lexicon's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..api import Pipeline, Result
from ..lexicon import Entry, Example, Lexicon

__all__ = ["ExampleResult", "run_examples"]


@dataclass(frozen=True, slots=True)
class ExampleResult:
    """One example run: what was expected and what the pipeline gave."""

    entry: Entry
    example: Example
    result: Result

    @property
    def passed(self) -> bool:
        """True when the pipeline's output is the expected output."""
        return self.result.text == self.example.output

    def describe(self) -> str:
        """A failure report: input, expected, got, and the changes made."""
        kind = "stay unchanged" if self.example.unchanged else "change"
        lines = [
            f"  input:    {self.example.input}",
            f"  expected: {self.example.output}" + ("  (unchanged)" if self.example.unchanged else ""),
            f"  got:      {self.result.text}",
        ]
        for change in self.result.changes:
            lines.append(f"  change:   {change.before!r} -> {change.after!r} by {change.corrector}: {change.reason}")
        for change in self.result.suggestions:
            lines.append(f"  suggested (not made): {change.before!r} -> {change.after!r}: {change.reason}")
        return f"must {kind}\n" + "\n".join(lines)


def run_examples(lexicon: Lexicon) -> Iterator[ExampleResult]:
    """Yield the result of every example of every entry, in file order, through the full default pipeline.

    >>> from asrfix import load_lexicon
    >>> all(r.passed for r in run_examples(load_lexicon("china-news")))
    True
    """
    pipeline = Pipeline(lexicons=[lexicon])
    for entry in lexicon.entries:
        for example in entry.examples:
            yield ExampleResult(entry, example, pipeline.correct(example.input))
