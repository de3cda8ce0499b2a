"""Changes: what a corrector proposes, how proposals are resolved, and how they are applied.

Correctors never edit text; they propose :class:`Change` objects. :func:`resolve` turns all proposals into a
non-overlapping, deterministic set, and :func:`apply` writes that set into the original text.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields, make_dataclass
from typing import Any

__all__ = ["Change", "apply", "not_overlapping", "resolve"]


@dataclass(frozen=True, slots=True)
class Change:
    """One replacement of ``original[start:end]`` (``before``) by ``after``.

    Attributes:
        start: offset of the first replaced character in the original text.
        end: offset just past the last replaced character.
        before: the replaced characters, exactly as in the original.
        after: the replacement.
        corrector: name of the corrector that proposed it.
        lexicon: name of the lexicon holding the entry ("" when none).
        entry: the canonical term of the lexicon entry that justified it ("" when none).
        confidence: how sure the corrector is, from 0 to 1.
        reason: why, in words a person can check.
    """

    start: int
    end: int
    before: str
    after: str
    corrector: str
    lexicon: str = ""
    entry: str = ""
    confidence: float = 1.0
    reason: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"a change needs 0 <= start < end, got start={self.start!r}, end={self.end!r}")
        if len(self.before) != self.end - self.start:
            raise ValueError(f"before={self.before!r} does not span start={self.start}..end={self.end}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be between 0 and 1, got {self.confidence!r}")

    def to_dict(self) -> dict[str, Any]:
        """Return the change as a JSON-ready dict (field names as keys)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Change:
        """Build a change from :meth:`to_dict` output; unknown keys are an error."""
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise ValueError(f"unknown change field(s) {unknown!r}; expected {sorted(names)!r}")
        return cls(**data)


# The slots of Change, in its order, without the freezing: its __init__ stores each field directly. An
# instance becomes a Change by taking that class (the two have the same memory layout).
_Fields = make_dataclass("_Fields", [(f.name, f.type) for f in fields(Change)], slots=True)


def trusted_change(
    start: int,
    end: int,
    before: str,
    after: str,
    corrector: str,
    lexicon: str,
    entry: str,
    confidence: float,
    reason: str,
) -> Change:
    """Build a :class:`Change` without checking its fields: about three times as fast, for a corrector that
    makes thousands of changes whose fields hold by construction (``before`` is ``text[start:end]`` of a
    non-empty span, the confidence one of its constants). Anyone else should call ``Change`` itself.

    >>> fast = trusted_change(5, 13, "Will Han", "Wuhan", "lexicon", "", "", 1.0, "")
    >>> fast == Change(5, 13, "Will Han", "Wuhan", "lexicon"), type(fast) is Change
    (True, True)
    """
    change: Any = _Fields(start, end, before, after, corrector, lexicon, entry, confidence, reason)
    change.__class__ = Change
    return change  # type: ignore[no-any-return]


def _priority(change: Change) -> tuple[float, int, int, str, str]:
    # The documented tie rule: higher confidence, then the longer span, then the earlier start, then the
    # corrector's name, then the replacement text (both alphabetically).
    return (-change.confidence, change.start - change.end, change.start, change.corrector, change.after)


_start = operator.attrgetter("start")


def resolve(candidates: Iterable[Change]) -> list[Change]:
    """Choose a non-overlapping set of changes from proposals that may overlap.

    Proposals whose ``after`` equals ``before`` are dropped. Among overlapping proposals the winner is the one
    with the higher confidence; ties go to the longer span, then the earlier start, then the corrector name
    and the replacement in alphabetical order. The result is sorted by position and does not depend on the
    order of ``candidates``.

    >>> a = Change(0, 4, "Will", "Wu", "x", confidence=0.5)
    >>> b = Change(0, 8, "Will Han", "Wuhan", "x", confidence=0.9)
    >>> [c.after for c in resolve([a, b])]
    ['Wuhan']
    """
    proposals = sorted((c for c in candidates if c.after != c.before), key=_start)
    # Proposals that overlap nothing stand as they are; the others are resolved in groups of proposals
    # linked by overlaps, which never overlap another group, so each group's choice is independent.
    chosen: list[Change] = []
    group: list[Change] = []
    reach = -1
    for change in proposals:
        if change.start >= reach and group:
            chosen += group if len(group) == 1 else _resolve_group(group)
            group = []
        group.append(change)
        reach = max(reach, change.end)
    if group:
        chosen += group if len(group) == 1 else _resolve_group(group)
    return chosen


def _resolve_group(proposals: list[Change]) -> list[Change]:
    if len(proposals) == 2:  # the commonest group (a form and a word of it): the two overlap, the preferred one stands
        first, second = proposals
        return [first if _priority(first) <= _priority(second) else second]
    # ``starts``/``ends`` hold the chosen spans in position order; chosen spans never overlap, so a new span
    # only has to be checked against its two neighbours.
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[Change] = []
    for change in sorted(proposals, key=_priority):
        i = bisect.bisect_right(starts, change.start)
        if i > 0 and ends[i - 1] > change.start:
            continue
        if i < len(starts) and starts[i] < change.end:
            continue
        starts.insert(i, change.start)
        ends.insert(i, change.end)
        chosen.insert(i, change)
    return chosen


def not_overlapping(candidates: Iterable[Change], chosen: Sequence[Change]) -> list[Change]:
    """Return the ``candidates`` that overlap none of ``chosen`` (non-overlapping changes sorted by position)."""
    starts = [c.start for c in chosen]
    result = []
    for change in candidates:
        i = bisect.bisect_right(starts, change.start)
        if (i > 0 and chosen[i - 1].end > change.start) or (i < len(chosen) and chosen[i].start < change.end):
            continue
        result.append(change)
    return result


def apply(original: str, changes: Sequence[Change]) -> str:
    """Return ``original`` with ``changes`` written in; every other character is kept as it was.

    Raises:
        ValueError: if two changes overlap or one does not match the original text.

    >>> apply("near Will Han", [Change(5, 13, "Will Han", "Wuhan", "lexicon")])
    'near Wuhan'
    """
    parts: list[str] = []
    position = 0
    for change in sorted(changes, key=_start):
        if change.start < position:
            raise ValueError(f"change at {change.start} overlaps the change before it")
        if original[change.start : change.end] != change.before:
            raise ValueError(
                f"change at {change.start}..{change.end} expects {change.before!r} but the text has "
                f"{original[change.start : change.end]!r}"
            )
        parts.append(original[position : change.start])
        parts.append(change.after)
        position = change.end
    parts.append(original[position:])
    return "".join(parts)
