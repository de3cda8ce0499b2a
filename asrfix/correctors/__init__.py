"""The corrector protocol and the registry of correctors.

A corrector is any object with a ``name`` and a ``propose(text, tokens, context)`` method that returns
candidate :class:`~asrfix.changes.Change` objects. It proposes; it never edits the text. The resolver decides
which proposals become changes.

Correctors are registered under the entry-point group ``asrfix.correctors``; the built-in ones are registered
there too, exactly as a third-party package would register its own::

    [project.entry-points."asrfix.correctors"]
    shouting = "my_package.correctors:ShoutingCorrector"

The entry point names a class (or any callable) that builds the corrector with no arguments. Entry points are
read on first use, sorted by name.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any, Protocol, runtime_checkable

from ..changes import Change
from ..errors import CorrectorError
from ..lexicon import Lexicon
from ..tokens import Token

__all__ = [
    "DEFAULT_CORRECTORS",
    "ENTRY_POINT_GROUP",
    "Context",
    "Corrector",
    "available_correctors",
    "get_corrector",
    "resolve_correctors",
]

ENTRY_POINT_GROUP = "asrfix.correctors"
# The pipeline used when no corrector is named: the built-ins, in the order they propose.
DEFAULT_CORRECTORS: tuple[str, ...] = ("lexicon", "phonetic")


@dataclass(frozen=True)
class Context:
    """What a corrector may use besides the text.

    Attributes:
        lexicon: the merged lexicon of the run.
        options: corrector-specific options, keyed by option name (documented by each corrector).
    """

    lexicon: Lexicon
    options: Mapping[str, Any] = field(default_factory=dict)


@runtime_checkable
class Corrector(Protocol):
    """What every corrector provides.

    ``propose`` receives the original text, its tokens (offsets into ``text``) and the :class:`Context`,
    and returns candidate changes whose ``before`` equals ``text[start:end]``.

    Two optional hooks serve a corrector whose judgement depends on the terms written around a form (see
    ``Pipeline._reread``): a method ``reconsider(text, changes, proposed, context)`` returning what it would
    now propose in ``text`` once ``changes`` are made (``proposed`` is what its ``propose`` returned), or the
    attribute ``rereads_output = True``, for which the pipeline runs ``propose`` again on the corrected text.
    """

    name: str

    def propose(self, text: str, tokens: Sequence[Token], context: Context) -> Iterable[Change]:
        """Return candidate changes for ``text``; never modify anything."""
        ...


@functools.lru_cache(maxsize=1)
def _entry_points() -> dict[str, metadata.EntryPoint]:
    found: dict[str, metadata.EntryPoint] = {}
    for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name, e.value)):
        found.setdefault(ep.name, ep)
    return found


def available_correctors() -> dict[str, str]:
    """Return the registered correctors as ``{name: "package: module:object"}``, sorted by name."""
    result: dict[str, str] = {}
    for name, ep in _entry_points().items():
        result[name] = f"{_package(ep)}: {ep.value}"
    return result


def get_corrector(name: str) -> Corrector:
    """Load and build the corrector registered as ``name``.

    Raises:
        CorrectorError: when no corrector has that name, or its package fails to load or build it.
    """
    entry_points = _entry_points()
    if name not in entry_points:
        raise CorrectorError(
            f"unknown corrector {name!r}; installed correctors are {sorted(entry_points)!r}. "
            f"A plugin registers one under the entry-point group {ENTRY_POINT_GROUP!r}",
            name=name,
        )
    ep = entry_points[name]
    try:
        corrector = _factory(ep)()
    except Exception as exc:  # any failure inside a plugin is reported, with its package and cause
        raise CorrectorError(
            f"corrector {name!r} from package {_package(ep)!r} ({ep.value}) failed to load: "
            f"{type(exc).__name__}: {exc}; reinstall or update that package, or leave the corrector out",
            name=name,
        ) from exc
    if not isinstance(corrector, Corrector):
        raise CorrectorError(
            f"corrector {name!r} from package {_package(ep)!r} ({ep.value}) has no 'name' and 'propose()'",
            name=name,
        )
    return corrector


@functools.cache
def _factory(ep: metadata.EntryPoint) -> Any:
    # Loaded once per entry point: correct() builds its correctors on every call.
    return ep.load()


def _package(ep: metadata.EntryPoint) -> str:
    # Reading a distribution's name parses its metadata file: only done for messages.
    return ep.dist.name if ep.dist is not None else "an unknown package"


def resolve_correctors(correctors: Iterable[str | Corrector] | None) -> list[Corrector]:
    """Turn names and corrector objects into corrector objects (``None``: the default pipeline)."""
    if correctors is None:
        correctors = DEFAULT_CORRECTORS
    result: list[Corrector] = []
    for item in correctors:
        if isinstance(item, str):
            result.append(get_corrector(item))
        elif isinstance(item, Corrector):
            result.append(item)
        else:
            raise CorrectorError(
                f"{item!r} is not a corrector: pass a registered name or an object with 'name' and 'propose()'"
            )
    return result
