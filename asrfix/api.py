"""``correct()``: run the correctors over a text, resolve their proposals, apply the winners."""

from __future__ import annotations

import bisect
import dataclasses
import functools
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from .changes import Change, apply, not_overlapping, resolve
from .correctors import Context, Corrector, resolve_correctors
from .errors import CorrectorError
from .lexicon import Lexicon, find_lexicon, load_lexicon, merge_lexicons
from .tokens import Token, tokenize

__all__ = ["DEFAULT_MIN_CONFIDENCE", "LexiconSpec", "Pipeline", "Result", "correct"]

#: Proposals below this confidence are reported as suggestions, not made.
DEFAULT_MIN_CONFIDENCE = 0.5

LexiconSpec = str | os.PathLike[str] | Lexicon

# At most this many rounds of rereading the corrected text (see Pipeline._reread).
_REREADS = 3


@dataclass(frozen=True)
class Result:
    """The outcome of correcting one text.

    Attributes:
        text: the corrected text.
        original: the text as given.
        changes: the changes made, in order of position; ``apply(original, changes) == text``.
        suggestions: proposals below the confidence threshold, not made.
        warnings: problems worth a look that did not stop the run (lexicon conflicts, for example).
    """

    text: str
    original: str
    changes: tuple[Change, ...] = ()
    suggestions: tuple[Change, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """Return the result as a JSON-ready dict."""
        return {
            "text": self.text,
            "original": self.original,
            "changes": [c.to_dict() for c in self.changes],
            "suggestions": [c.to_dict() for c in self.suggestions],
            "warnings": list(self.warnings),
        }

    def to_json(self, **kwargs: Any) -> str:
        """Serialise to JSON; :meth:`from_json` reads it back into an equal result."""
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Result:
        """Rebuild a result from :meth:`to_dict` output."""
        return cls(
            text=data["text"],
            original=data["original"],
            changes=tuple(Change.from_dict(c) for c in data.get("changes", ())),
            suggestions=tuple(Change.from_dict(c) for c in data.get("suggestions", ())),
            warnings=tuple(data.get("warnings", ())),
        )

    @classmethod
    def from_json(cls, text: str) -> Result:
        """Read a result written by :meth:`to_json`."""
        return cls.from_dict(json.loads(text))


class _LazyTokens(Sequence[Token]):
    """The tokens of a text, computed only if a corrector asks for them."""

    def __init__(self, text: str) -> None:
        self._text = text

    @functools.cached_property
    def _tokens(self) -> list[Token]:
        return tokenize(self._text)

    @overload
    def __getitem__(self, index: int) -> Token: ...
    @overload
    def __getitem__(self, index: slice) -> list[Token]: ...
    def __getitem__(self, index: int | slice) -> Token | list[Token]:
        return self._tokens[index]

    def __len__(self) -> int:
        return len(self._tokens)

    def __iter__(self) -> Iterator[Token]:
        return iter(self._tokens)


@functools.lru_cache(maxsize=64)
def _load_cached(path: str, mtime_ns: int, size: int) -> Lexicon:
    # Keyed on modification time and size, so an edited file is read again.
    return load_lexicon(path)


def _load(spec: LexiconSpec) -> Lexicon:
    if isinstance(spec, Lexicon):
        return spec
    path = find_lexicon(spec)
    stat = path.stat()
    return _load_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _merged(lexicons: tuple[Lexicon, ...]) -> Lexicon:
    # Cached so that repeated correct() calls with the same lexicons reuse the correctors' indexes.
    return merge_lexicons(lexicons) if lexicons else Lexicon(name="", entries=())


class Pipeline:
    """Correctors, lexicons and settings, prepared once and applied to many texts.

    Args:
        lexicons: lexicon names (shipped ones, or on ``$ASRFIX_LEXICON_PATH``), paths, or
            :class:`~asrfix.lexicon.Lexicon` objects; several are merged.
        correctors: corrector names or objects, in order; ``None`` for the default pipeline.
        min_confidence: proposals below it become suggestions (default 0.5).
        options: corrector options (see each corrector's documentation).

    >>> Pipeline(lexicons=["china-news"]).correct("near Will Han").text
    'near Wuhan'
    """

    def __init__(
        self,
        *,
        lexicons: LexiconSpec | Iterable[LexiconSpec] = (),
        correctors: Iterable[str | Corrector] | None = None,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        if isinstance(lexicons, (str, os.PathLike, Lexicon)):
            lexicons = [lexicons]
        if not 0.0 <= min_confidence <= 1.0:
            raise ValueError(f"min_confidence must be between 0 and 1, got {min_confidence!r}")
        loaded = [_load(spec) for spec in lexicons]
        self.lexicon = _merged(tuple(loaded))
        self.correctors = resolve_correctors(correctors)
        self.min_confidence = min_confidence
        self.context = Context(self.lexicon, dict(options or {}))
        self.warnings = tuple(str(c) for c in self.lexicon.conflicts)

    def propose(self, text: str) -> list[Change]:
        """Return every corrector's proposals for ``text``, checked against the text."""
        return [change for proposals in self._propose(text) for change in proposals]

    def _propose(self, text: str) -> list[list[Change]]:
        """Every corrector's proposals for ``text``, checked against it, a list per corrector."""
        tokens = _LazyTokens(text)
        context = self.context
        return [_checked(corrector, text, corrector.propose(text, tokens, context)) for corrector in self.correctors]

    def correct(self, text: str) -> Result:
        """Correct one text; see :func:`correct`."""
        proposed = self._propose(text)
        proposals = [change for changes in proposed for change in changes]
        floor = self.min_confidence
        above = [c for c in proposals if c.confidence >= floor]
        changes = self._reread(text, resolve(above), proposed)
        suggestions: tuple[Change, ...] = ()
        if len(above) < len(proposals):
            below = resolve(c for c in proposals if c.confidence < floor)
            suggestions = tuple(not_overlapping(below, changes))
        return Result(apply(text, changes), text, tuple(changes), suggestions, self.warnings)

    def _reread(self, text: str, changes: list[Change], proposed: list[list[Change]]) -> list[Change]:
        """Add what the correctors find once the changes are made: a term one corrector wrote is context for a
        form another (or the same) corrector judged without it, so without this, correcting the output again
        would make more changes. A corrector with a ``reconsider`` method is asked for such proposals; one that
        sets ``rereads_output`` is run again on the corrected text when another corrector changed it and it left
        a suggestion outside the changes. This goes on, at most ``_REREADS`` rounds, while they find more."""
        if not changes:
            return changes
        floor = self.min_confidence
        seen: dict[int, set[tuple[int, int, str]]] = {}  # the changes each corrector has been shown
        for _ in range(_REREADS):
            found_any = False
            for number, corrector in enumerate(self.correctors):
                reconsider = getattr(corrector, "reconsider", None)
                if reconsider is None and not getattr(corrector, "rereads_output", False):
                    continue
                shown = seen.setdefault(number, set())
                new = [c for c in changes if (c.start, c.end, c.after) not in shown]
                if not new:
                    continue
                shown.update((c.start, c.end, c.after) for c in changes)
                if reconsider is not None:
                    found = _checked(corrector, text, reconsider(text, changes, proposed[number], self.context))
                elif self._other_changes_matter(corrector.name, new, changes, proposed[number]):
                    found = self._read_again(corrector, text, changes)
                else:
                    continue
                found = _away_from(changes, [c for c in found if c.confidence >= floor])
                if found:
                    changes = resolve([*changes, *found])
                    found_any = True
            if not found_any:
                break
        return changes

    def _other_changes_matter(
        self, name: str, new: list[Change], changes: list[Change], proposals: list[Change]
    ) -> bool:
        """Whether another corrector changed the text and ``name`` left a suggestion outside the changes."""
        if all(c.corrector == name for c in new):
            return False
        waiting = [p for p in proposals if p.confidence < self.min_confidence]
        return bool(not_overlapping(waiting, changes))

    def _read_again(self, corrector: Corrector, text: str, changes: list[Change]) -> list[Change]:
        """What ``corrector`` proposes in the corrected text away from the changes, at the offsets of ``text``."""
        after = apply(text, changes)
        # Where each change stands in the output, and how far the output has moved at each of them.
        spans: list[tuple[int, int]] = []
        shifts: list[int] = []
        shift = 0
        for change in changes:
            spans.append((change.start + shift, change.start + shift + len(change.after)))
            shift += len(change.after) - len(change.before)
            shifts.append(shift)
        starts = [start for start, _ in spans]
        found: list[Change] = []
        for proposal in corrector.propose(after, _LazyTokens(after), self.context):
            i = bisect.bisect_right(starts, proposal.start)
            if (i and spans[i - 1][1] > proposal.start) or (i < len(spans) and spans[i][0] < proposal.end):
                continue  # touches a change: not a form of the original text
            moved = shifts[i - 1] if i else 0
            start, end = proposal.start - moved, proposal.end - moved
            found.append(dataclasses.replace(proposal, start=start, end=end))
        return found


def _checked(corrector: Corrector, text: str, proposals: Iterable[Change]) -> list[Change]:
    """``proposals`` as a list (the very object when it is one), each checked against ``text``."""
    checked = proposals if isinstance(proposals, list) else list(proposals)
    for change in checked:
        if change.end > len(text) or text[change.start : change.end] != change.before:
            raise CorrectorError(
                f"corrector {corrector.name!r} proposed a change at {change.start}..{change.end} whose "
                f"'before' {change.before!r} is not the text there; this is a bug in that corrector",
                name=corrector.name,
            )
    return checked


def _away_from(changes: list[Change], found: list[Change]) -> list[Change]:
    """The proposals of ``found`` that overlap no change and are not made already, their reasons saying why they
    come now."""
    made = {(c.start, c.end) for c in changes}
    kept = [c for c in not_overlapping(found, changes) if (c.start, c.end) not in made]
    return [dataclasses.replace(c, reason=f"{c.reason} (once the other changes are made)") for c in kept]


def correct(
    text: str,
    *,
    lexicons: LexiconSpec | Iterable[LexiconSpec] = (),
    correctors: Iterable[str | Corrector] | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    options: Mapping[str, Any] | None = None,
) -> Result:
    """Correct the speech-recognition errors in ``text`` that the lexicons and correctors know of.

    Lexicon files are read once and cached (until they change on disk); for many texts, build a
    :class:`Pipeline` once and call its ``correct``.

    Args:
        text: the transcript text.
        lexicons: lexicon names, paths or objects.
        correctors: corrector names or objects; ``None`` for the default pipeline.
        min_confidence: proposals below it are reported as suggestions and not made.
        options: corrector options.

    Returns:
        A :class:`Result` with the corrected text, the changes made and the suggestions.

    Raises:
        LexiconError: a lexicon cannot be found or is invalid.
        CorrectorError: a corrector cannot be found or loaded.

    >>> correct("He stayed near Will Han.", lexicons=["china-news"]).text
    'He stayed near Wuhan.'
    """
    pipeline = Pipeline(
        lexicons=lexicons, correctors=correctors, min_confidence=min_confidence, options=options
    )
    return pipeline.correct(text)
