"""Lexicons: YAML files of domain terms and how recognisers get them wrong.

Schema version 1 (the README has a full, commented example)::

    asrfix: 1                 # schema version (required)
    name: china-news          # optional; defaults to the file name without .yaml
    description: ...          # optional
    context_window: 20        # optional; words either side searched for context words (default 20)
    entries:
      - term: Wuhan           # the canonical term, written exactly as it must appear (required)
        category: place       # optional
        misrecognitions:      # known misrecognitions: strings, or mappings with text and needs_context
          - Will Han
          - text: we han
            needs_context: true
        sounds_like: [woo hahn]   # plain-English respellings, for the phonetic corrector
        context: [China, province, virus]   # words that show the term is meant
        context_window: 20    # optional per-entry override
        inflect: true         # optional; also match plural/possessive forms (default true)
        phonetic: true        # optional; let the phonetic corrector look for unlisted variants (default true)
        examples:
          - input: stayed near Will Han
            output: stayed near Wuhan
          - input: Will Hancock said    # no output: must stay unchanged

Lexicons load by name (the ones shipped with asrfix) or by path, into frozen dataclasses. Errors name the
file, line, column and entry, and say what to fix.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import hashlib
import marshal
import math
import mmap
import os
import pickle
import re
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import accumulate, chain, compress, islice, pairwise, repeat
from operator import add, attrgetter, eq, itemgetter, mul, sub
from pathlib import Path
from typing import Any, NamedTuple, TypeVar, cast

import yaml

from . import yamlsubset
from .errors import LexiconError
from .tokens import WORD_PATTERN, tokenize

__all__ = [
    "DEFAULT_CONTEXT_WINDOW",
    "SCHEMA_VERSION",
    "Conflict",
    "Entry",
    "Example",
    "Lexicon",
    "Misrecognition",
    "cache_dir",
    "find_lexicon",
    "is_common_phrase",
    "keep",
    "kept",
    "lexicon_dirs",
    "list_lexicons",
    "load_lexicon",
    "load_lexicons",
    "merge_lexicons",
    "misrecognition_keys",
    "parse_lexicon",
    "paused_gc",
    "phrase_key",
    "zipf",
]

SCHEMA_VERSION = 1
DEFAULT_CONTEXT_WINDOW = 20
# A phrase this common in English (Zipf scale: 4 is once per 100,000 words) is a real word a recogniser
# writes correctly all the time, so as a misrecognition it applies only where context confirms it.
COMMON_ZIPF = 3.5

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Misrecognition:
    """A known wrong form of a term.

    Attributes:
        text: the wrong form as a recogniser writes it ("Will Han").
        needs_context: apply only where one of the entry's context words is near.
        line: line of the lexicon file where it is written (0 when not from a file).
    """

    text: str
    needs_context: bool
    line: int = 0

    def __reduce__(self) -> tuple[Any, ...]:
        return _make_misrecognition, (self.text, self.needs_context, self.line)


@dataclass(frozen=True, slots=True)
class Example:
    """An input and the output the full default pipeline must give (equal when it must stay unchanged)."""

    input: str
    output: str
    line: int = 0

    def __reduce__(self) -> tuple[Any, ...]:
        return _make_example, (self.input, self.output, self.line)

    @property
    def unchanged(self) -> bool:
        """True when the example asserts that the input is left alone."""
        return self.input == self.output


@dataclass(frozen=True, slots=True)
class Entry:
    """One domain term and what is known about how it is heard and misheard.

    Attributes:
        term: the canonical spelling, exactly as it must be written.
        misrecognitions: known wrong forms.
        sounds_like: plain-English respellings of how it sounds.
        context: words whose presence nearby shows the term is meant.
        context_window: how many words either side count as nearby.
        category: a free label ("place", "person", "organisation", ...).
        inflect: also match plural and possessive forms of the misrecognitions.
        phonetic: let the phonetic corrector look for unlisted variants.
        examples: inputs with expected outputs, run as tests.
        lexicon: name of the lexicon it comes from.
        line: line of the lexicon file where the entry starts.
    """

    term: str
    misrecognitions: tuple[Misrecognition, ...] = ()
    sounds_like: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    context_window: int = DEFAULT_CONTEXT_WINDOW
    category: str = ""
    inflect: bool = True
    phonetic: bool = True
    examples: tuple[Example, ...] = ()
    lexicon: str = ""
    line: int = 0

    def __reduce__(self) -> tuple[Any, ...]:
        return _make_entry, (
            self.term,
            self.misrecognitions,
            self.sounds_like,
            self.context,
            self.context_window,
            self.category,
            self.inflect,
            self.phonetic,
            self.examples,
            self.lexicon,
            self.line,
        )


# A frozen data class's __init__ sets each field through object.__setattr__; for the 400,000 objects of a
# 100,000-entry lexicon that was most of the loading time. These make the same objects by setting the slots
# through their descriptors, three times faster; loading and unpickling use them (a test checks that they
# equal what __init__ makes). Each takes every field, in order.
_new = object.__new__
_set_text, _set_needs_context, _set_mis_line = (
    getattr(Misrecognition, name).__set__ for name in ("text", "needs_context", "line")
)
_set_input, _set_output, _set_example_line = (getattr(Example, name).__set__ for name in ("input", "output", "line"))
(
    _set_term,
    _set_misrecognitions,
    _set_sounds_like,
    _set_context,
    _set_context_window,
    _set_category,
    _set_inflect,
    _set_phonetic,
    _set_examples,
    _set_lexicon,
    _set_line,
) = _ENTRY_SETTERS = tuple(getattr(Entry, f.name).__set__ for f in dataclasses.fields(Entry))


def _make_misrecognition(text: str, needs_context: bool, line: int) -> Misrecognition:
    made = _new(Misrecognition)
    _set_text(made, text)
    _set_needs_context(made, needs_context)
    _set_mis_line(made, line)
    return made


def _make_example(given: str, expected: str, line: int) -> Example:
    made = _new(Example)
    _set_input(made, given)
    _set_output(made, expected)
    _set_example_line(made, line)
    return made


def _make_entry(
    term: str,
    misrecognitions: tuple[Misrecognition, ...],
    sounds_like: tuple[str, ...],
    context: tuple[str, ...],
    context_window: int,
    category: str,
    inflect: bool,
    phonetic: bool,
    examples: tuple[Example, ...],
    lexicon: str,
    line: int,
) -> Entry:
    made = _new(Entry)
    _set_term(made, term)
    _set_misrecognitions(made, misrecognitions)
    _set_sounds_like(made, sounds_like)
    _set_context(made, context)
    _set_context_window(made, context_window)
    _set_category(made, category)
    _set_inflect(made, inflect)
    _set_phonetic(made, phonetic)
    _set_examples(made, examples)
    _set_lexicon(made, lexicon)
    _set_line(made, line)
    return made


@dataclass(frozen=True, slots=True)
class Conflict:
    """One misrecognition that two lexicon entries claim for different terms."""

    misrecognition: str
    terms: tuple[str, ...]
    lexicons: tuple[str, ...]

    def __str__(self) -> str:
        where = ", ".join(f"{t!r} ({lx})" for t, lx in zip(self.terms, self.lexicons, strict=False))
        return f"misrecognition {self.misrecognition!r} is claimed by {where}; it is not applied"


@dataclass(frozen=True, eq=False)
class Lexicon:
    """A set of entries, from one file or merged from several.

    Attributes:
        name: the lexicon's name ("a+b" when merged).
        entries: the entries, in file order.
        path: the file it was read from, when there is one.
        description: free text.
        conflicts: misrecognitions claimed by more than one term (reported, not applied).
    """

    name: str
    entries: tuple[Entry, ...]
    path: Path | None = None
    description: str = ""
    conflicts: tuple[Conflict, ...] = ()
    # Indexes that correctors derive from the entries, built once per lexicon on first use.
    _derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, key: str, build: Callable[[Lexicon], _T]) -> _T:
        """Return the index ``build(self)``, computing it only the first time ``key`` is asked for."""
        if key not in self._derived:
            self._derived[key] = build(self)
        value: _T = self._derived[key]
        return value

    def __getstate__(self) -> dict[str, Any]:
        # The derived indexes are left out: they are rebuilt on first use, and some cannot be pickled (an
        # Aho-Corasick automaton), so a lexicon can be sent to another process after it has been used. The
        # phrase keys and the cache file, plain data that spare work there, go along.
        derived = {key: value for key, value in self._derived.items() if key in _PLAIN_DERIVED}
        return {**self.__dict__, "_derived": derived}

    def __len__(self) -> int:
        return len(self.entries)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large, cycle-free structures.

    Loading or indexing a large lexicon makes millions of small objects, none of them garbage; with the
    collector running, its repeated full passes make that several times slower. When it resumes, the objects
    made meanwhile go straight to the oldest generation (``gc.freeze`` then ``gc.unfreeze``, which only move
    lists): otherwise the next allocation would go through all of them at once, about a second for a
    100,000-entry lexicon. They are looked at in the collector's next full pass, as long-lived objects are.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if not gc.get_freeze_count():  # never unfreeze what the program itself froze
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def phrase_key(text: str) -> tuple[str, ...]:
    """Return the matching key of a phrase: its normalised words.

    >>> phrase_key("Will  Han")
    ('will', 'han')
    """
    if text.isascii():  # the tokenizer's words without building tokens: lexicons have many phrases
        return tuple(_find_words(text.lower()))
    return tuple(token.norm for token in tokenize(text))


_find_words = WORD_PATTERN.findall
_has_word = WORD_PATTERN.search

# The key under which a lexicon keeps the phrase keys of its misrecognitions (see misrecognition_keys).
_KEYS = "misrecognition-keys"


def misrecognition_keys(lexicon: Lexicon) -> list[tuple[str, ...]]:
    """The :func:`phrase_key` of every misrecognition of ``lexicon``, entry by entry, in order.

    Loading a large lexicon computes them anyway (to find a form listed twice); they are kept with the lexicon
    and in its cache, so that a corrector's index does not compute them again.

    >>> lexicon = parse_lexicon("asrfix: 1\\nentries:\\n  - term: Wuhan\\n    misrecognitions: [Will Han]\\n")
    >>> misrecognition_keys(lexicon)
    [('will', 'han')]
    """
    return lexicon.derived(_KEYS, _misrecognition_keys)


def _misrecognition_keys(lexicon: Lexicon) -> list[tuple[str, ...]]:
    return [phrase_key(mis.text) for entry in lexicon.entries for mis in entry.misrecognitions]


@functools.lru_cache(maxsize=1)
def _english_frequencies() -> dict[str, float]:
    """wordfreq's table of English word frequencies (321,000 words), read from the cache folder when an earlier
    process kept it there: importing wordfreq and reading its table take about 0.25 s, a kept copy 0.1 s (so
    ``asrfix fix`` on one small subtitle file takes 0.35 s instead of 0.46 s)."""
    kept = _frequencies_file()
    if kept is not None:
        with contextlib.suppress(Exception):  # none yet, or a partial or damaged file: read from wordfreq again
            with kept.open("rb") as handle:
                table = pickle.load(handle)
            if type(table) is dict and len(table) >= _FEWEST_FREQUENCIES:
                with contextlib.suppress(OSError):  # the time of its last use, which pruning goes by
                    os.utime(kept)
                return table
    from wordfreq import get_frequency_dict  # imported lazily: importing it alone takes about 0.1 s

    table = get_frequency_dict("en")
    if kept is not None:
        _write_frequencies(kept, table)
    return table


# Fewer words than this in a kept table is not wordfreq's English table (it has about 321,000).
_FEWEST_FREQUENCIES = 100_000


def _frequencies_file() -> Path | None:
    """Where the English frequency table is kept, in the lexicon cache folder, under a name made from wordfreq's
    version and Python's (None when the cache is off, or wordfreq's version cannot be told)."""
    folder = cache_dir()
    if folder is None:
        return None
    from importlib import metadata

    try:
        version = metadata.version("wordfreq")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency of asrfix, but an odd install
        return None
    key = f"wordfreq {version} en\0{sys.implementation.cache_tag}\0{pickle.HIGHEST_PROTOCOL}"
    # No dot in the stem: an unused table is pruned like an unused lexicon cache (see _prune_cache).
    return folder / f"english-frequencies-{hashlib.blake2b(key.encode(), digest_size=10).hexdigest()}.pickle"


def _write_frequencies(path: Path, table: dict[str, float]) -> None:
    with contextlib.suppress(OSError):  # e.g. a read-only disk: only slower next time
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, table)


def zipf(word: str) -> float:
    """Return how common one normalised English word is, on the Zipf scale (0 unknown, 7 'the')."""
    frequency = _english_frequencies().get(word, 0.0)
    return math.log10(frequency) + 9.0 if frequency > 0 else 0.0


def is_common_phrase(text: str) -> bool:
    """True when every word of ``text`` is an everyday English word, so the phrase is a poor sign of a
    misrecognition on its own ("weaker", "red coat", "an way"; not "Uighur" or "Hang Zhou").

    >>> is_common_phrase("red coat"), is_common_phrase("Uighur")
    (True, False)
    """
    return _are_common(phrase_key(text))


def _are_common(words: Sequence[str]) -> bool:
    """True when there are words and each is common in English (see :func:`is_common_phrase`)."""
    frequencies = _english_frequencies()
    for word in words:
        frequency = frequencies.get(word, 0.0)
        if not (frequency > 0 and math.log10(frequency) + 9.0 >= COMMON_ZIPF):
            return False
    return bool(words)


# --- finding lexicons -------------------------------------------------------------------------------------


def lexicon_dirs() -> list[Path]:
    """Folders searched for lexicons by name: ``$ASRFIX_LEXICON_PATH`` entries, then the shipped ones."""
    dirs = [Path(p) for p in os.environ.get("ASRFIX_LEXICON_PATH", "").split(os.pathsep) if p]
    packaged = Path(str(resources.files("asrfix"))) / "lexicons"
    if packaged.is_dir():  # an installed wheel
        dirs.append(packaged)
    source = Path(__file__).resolve().parent.parent / "lexicons"
    if source.is_dir():  # a source checkout or an editable install
        dirs.append(source)
    return dirs


def list_lexicons() -> dict[str, Path]:
    """Return the lexicons that can be loaded by name, as ``{name: path}``, first found wins."""
    found: dict[str, Path] = {}
    for folder in lexicon_dirs():
        for path in sorted(folder.glob("*.yaml")):
            found.setdefault(path.stem, path)
    return found


def find_lexicon(name_or_path: str | os.PathLike[str]) -> Path:
    """Return the file of a lexicon given by name or path.

    Raises:
        LexiconError: when there is no such file or shipped lexicon, listing the names available.
    """
    text = os.fspath(name_or_path)
    path = Path(text)
    looks_like_path = path.suffix in {".yaml", ".yml"} or os.sep in text or "/" in text
    if looks_like_path:
        if not path.is_file():
            raise LexiconError(
                "no such lexicon file; check the path, or give a shipped lexicon by name "
                f"({', '.join(sorted(list_lexicons())) or 'none found'})",
                path=path,
            )
        return path
    available = list_lexicons()
    if text in available:
        return available[text]
    raise LexiconError(
        f"unknown lexicon {text!r}; choose one of {sorted(available)!r} or give the path of a .yaml file"
    )


def load_lexicon(name_or_path: str | os.PathLike[str]) -> Lexicon:
    """Load one lexicon by name (shipped or on ``$ASRFIX_LEXICON_PATH``) or by path.

    Raises:
        LexiconError: naming file, line and entry, if it cannot be found, read or validated.

    >>> load_lexicon("china-news").name
    'china-news'
    """
    path = find_lexicon(name_or_path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LexiconError(
            f"cannot read the file ({exc.strerror}); check its permissions", path=path
        ) from exc
    if len(raw) < CACHE_MIN_BYTES:
        return parse_lexicon(raw, path=path)
    cache = _cache_file(raw, path)
    if cache is None:
        return parse_lexicon(raw, path=path)
    lexicon = _read_cache(cache, path)
    if lexicon is None:
        text = _decode(raw, path)
        del raw  # not kept in memory while the lexicon is built
        with paused_gc():
            columns = _plain_columns(text, path, None)
            if columns is None:
                lexicon = _parse(text, path, None, plain=False)
                columns = _columns_of(lexicon)
            del text  # not kept in memory while the objects are made and the cache written
            if lexicon is None:
                lexicon = _assemble(columns, path)
        _write_cache(cache, columns)
        _prune_cache(cache)
    else:
        with contextlib.suppress(OSError):  # the time of its last use, which pruning goes by
            os.utime(cache)
    lexicon._derived[_CACHE_FILE] = cache  # where correctors may keep what they derive from it (see keep)
    _release_freed_memory()
    return lexicon


def _release_freed_memory() -> None:
    """Hand the memory freed while loading a large lexicon back to the system, where the C library keeps it.

    glibc's malloc raises its thresholds after a large block is freed (the file's bytes, here), and then keeps
    the tens of megabytes freed by the loading (lists and strings of a few hundred kB) instead of giving them
    back; the lexicon corrector's index would then take new memory on top. Elsewhere, nothing is done.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):  # not glibc (musl has no malloc_trim): nothing to do
            import ctypes

            ctypes.CDLL(None).malloc_trim(0)


# Large lexicons are validated once and kept, validated, in a cache keyed by their bytes: reading a
# 100,000-entry lexicon from the cache takes a third of the time of reading its YAML.
CACHE_MIN_BYTES = 256 * 1024
# A cache file not used for this long, and what correctors kept next to it, is removed when a new one is
# written (old versions of a lexicon, or files written by an older asrfix, would otherwise pile up).
CACHE_MAX_AGE_DAYS = 30
# A cache file holds the lexicon's columns (_Columns: a list per field of the entries, flat lists of the
# misrecognitions' and examples' fields, the phrase keys), each written by marshal, then the format number and
# the columns' sizes: flat lists of strings and numbers are written and read in C, faster than pickle, and the
# objects are then made a field at a time (_assemble).
# marshal's format may change with the version of Python, which is part of the file's key.
_CACHE_FORMAT = 5
_CACHE_SUFFIX = ".marshal"
# Cache files, and those of asrfix 0.1 before format 4 (pickles), which pruning also removes.
_CACHE_SUFFIXES = (_CACHE_SUFFIX, ".pickle")


def cache_dir() -> Path | None:
    """The folder of the lexicon cache: ``$ASRFIX_CACHE_DIR``, else the user cache folder; None if off.

    Setting ``ASRFIX_CACHE_DIR`` to an empty string turns the cache off.
    """
    configured = os.environ.get("ASRFIX_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "asrfix" / "lexicons"


def _cache_file(raw: bytes, path: Path) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    from . import __version__

    # SHA-256, which processors compute in hardware (SHA extensions): 2-3 times faster than BLAKE2 on 17.7 MB.
    digest = hashlib.sha256(raw)
    # The name of a lexicon without a 'name:' key comes from its file name, so that is part of the key too; and
    # the code that reads and checks it and finds the phrase keys, so that a changed copy never reads an old cache.
    digest.update(f"\0{path.stem}\0{__version__}\0{SCHEMA_VERSION}\0{_CACHE_FORMAT}\0{_code_digest()}".encode())
    digest.update(f"\0{sys.implementation.cache_tag}\0{marshal.version}".encode())
    return folder / f"{digest.hexdigest()[:40]}{_CACHE_SUFFIX}"


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    digest = hashlib.blake2b(digest_size=10)
    for module in ("lexicon.py", "yamlsubset.py", "tokens.py"):
        with contextlib.suppress(OSError):  # always there, but in exotic installs
            digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()


def _read_cache(cache: Path, path: Path) -> Lexicon | None:
    try:
        # Mapped, not read: marshal reads each column from the file's pages, with no copy of the file in memory.
        with cache.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            view = memoryview(mapped)
            try:
                with paused_gc():
                    columns = _Columns(*_unmarshalled(view))
            finally:
                view.release()
        shared: dict[str, str] = {}
        categories = list(map(shared.setdefault, columns.categories, columns.categories))
        with paused_gc():
            return _assemble(columns._replace(categories=categories), path)
    except Exception:  # a missing, partial or stale cache file is only a slower load
        return None


def _unmarshalled(view: memoryview) -> list[Any]:
    """The columns of a cache file (see _write_cache)."""
    size = int.from_bytes(view[-4:], "little")
    written, sizes = marshal.loads(view[-4 - size : -4])
    if written != _CACHE_FORMAT or sum(sizes) + size + 4 != len(view):
        raise ValueError("not a cache file of this format")
    starts = list(accumulate(sizes, initial=0))
    return [marshal.loads(view[start:end]) for start, end in pairwise(starts)]


def _prune_cache(written: Path) -> None:
    """Remove the cache files (and what was kept next to them) of the folder of ``written`` that were not used
    for CACHE_MAX_AGE_DAYS, and temporary files left by an interrupted write a day ago or more."""
    now = time.time()
    unused = now - CACHE_MAX_AGE_DAYS * 86400
    try:
        files = list(written.parent.iterdir())
    except OSError:
        return
    stale: set[str] = set()
    for file in files:
        with contextlib.suppress(OSError):
            if file.suffix == ".tmp" and file.stat().st_mtime < now - 86400:
                file.unlink()
            elif file.suffix in _CACHE_SUFFIXES and "." not in file.stem and file.stat().st_mtime < unused:
                stale.add(file.stem)
    stale.discard(written.stem)
    for file in files:
        if file.suffix in _CACHE_SUFFIXES and file.name.split(".", 1)[0] in stale:  # kept files are pickles
            with contextlib.suppress(OSError):
                file.unlink()


def _write_cache(cache: Path, columns: _Columns) -> None:
    written = ""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=cache.parent, suffix=".tmp", delete=False) as handle:
            written = handle.name
            # A column at a time (never the whole file in memory), then where each ends, and the size of that.
            # Version 2, without references to objects written before: marshal would otherwise look up every
            # string the lexicon's objects also hold (several times slower); the categories are shared on reading.
            sizes = [handle.write(marshal.dumps(column, 2)) for column in columns]
            footer = marshal.dumps((_CACHE_FORMAT, sizes), 2)
            handle.write(footer + len(footer).to_bytes(4, "little"))
        os.replace(written, cache)
    except Exception:  # e.g. a read-only disk: loading still works, only slower
        if written:
            with contextlib.suppress(OSError):
                os.unlink(written)


# --- plain data that correctors derive from a large lexicon, kept next to its cache ---------------------------

_CACHE_FILE = "cache-file"
# What a lexicon keeps of its derived data when it is pickled (see Lexicon.__getstate__).
_PLAIN_DERIVED = frozenset((_KEYS, _CACHE_FILE))


def keep(lexicon: Lexicon, key: str, make: Callable[[], Any]) -> None:
    """Keep plain data derived from ``lexicon`` (tuples, lists, dicts, strings, numbers), made by ``make()``,
    next to its cache file, for later processes that load the same file: :func:`kept` gives it back.

    Only a lexicon loaded from a cached file (a large one) has somewhere to keep it; otherwise nothing is made.
    ``key`` must name what made the data, including the version of its code: a change of code is a new key.
    """
    cache = lexicon._derived.get(_CACHE_FILE)
    if cache is not None:
        with paused_gc():
            _write_atomically(_kept_file(cache, key), make())


def kept(lexicon: Lexicon, key: str) -> Any:
    """The data kept by :func:`keep` under ``key`` for the file ``lexicon`` was loaded from, or None."""
    cache = lexicon._derived.get(_CACHE_FILE)
    if cache is None:
        return None
    try:
        with _kept_file(cache, key).open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # none yet, or a partial or damaged file: the caller derives it again
        return None


def _kept_file(cache: Path, key: str) -> Path:
    return cache.with_name(f"{cache.stem}.{hashlib.blake2b(key.encode(), digest_size=10).hexdigest()}.pickle")


def _write_atomically(path: Path, data: Any) -> None:
    written = ""
    try:
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, suffix=".tmp", delete=False) as handle:
            written = handle.name
            pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.fast = True  # plain data without cycles: no memo of objects already written, much faster
            pickler.dump(data)
        os.replace(written, path)
    except Exception:  # e.g. a read-only disk: only slower next time
        if written:
            with contextlib.suppress(OSError):
                os.unlink(written)


def load_lexicons(names: Iterable[str | os.PathLike[str] | Lexicon]) -> Lexicon:
    """Load several lexicons (names, paths or :class:`Lexicon` objects) and merge them."""
    return merge_lexicons([n if isinstance(n, Lexicon) else load_lexicon(n) for n in names])


def merge_lexicons(lexicons: Sequence[Lexicon]) -> Lexicon:
    """Merge lexicons into one; a misrecognition claimed for two different terms becomes a :class:`Conflict`."""
    if len(lexicons) == 1:
        return lexicons[0]
    entries = tuple(e for lx in lexicons for e in lx.entries)
    keys = [key for lx in lexicons for key in misrecognition_keys(lx)]
    claims: dict[tuple[str, ...], dict[str, str]] = {}
    spelled: dict[tuple[str, ...], str] = {}
    forms = iter(keys)
    for entry in entries:
        for mis in entry.misrecognitions:
            key = next(forms)
            claims.setdefault(key, {}).setdefault(entry.term, entry.lexicon)
            spelled.setdefault(key, mis.text)
    conflicts = tuple(
        Conflict(spelled[key], tuple(terms), tuple(terms.values()))
        for key, terms in claims.items()
        if len(terms) > 1
    )
    merged = Lexicon(
        name="+".join(lx.name for lx in lexicons),
        entries=entries,
        description="; ".join(lx.description for lx in lexicons if lx.description),
        conflicts=conflicts,
    )
    merged._derived[_KEYS] = keys
    return merged


# --- reading and validating -------------------------------------------------------------------------------

_TOP_KEYS = {"asrfix", "name", "description", "language", "context_window", "entries"}
_ENTRY_KEYS = {
    "term",
    "category",
    "misrecognitions",
    "sounds_like",
    "context",
    "context_window",
    "inflect",
    "phonetic",
    "examples",
    "notes",
}
_MIS_KEYS = {"text", "needs_context"}
_EXAMPLE_KEYS = {"input", "output"}
_TYPE_NAMES = {
    "tag:yaml.org,2002:str": "a string",
    "tag:yaml.org,2002:int": "a whole number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:null": "empty",
    "tag:yaml.org,2002:seq": "a list",
    "tag:yaml.org,2002:map": "a mapping",
}


# libyaml's parser when PyYAML has it (about ten times faster); the pure-Python one otherwise.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Reader:
    """Validates a composed YAML node tree, raising :class:`LexiconError` with the node's position."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entry: str | None = None

    def fail(self, node: yaml.Node, problem: str) -> LexiconError:
        mark = node.start_mark
        return LexiconError(
            problem, path=self.path, line=mark.line + 1, column=mark.column + 1, entry=self.entry
        )

    def describe(self, node: yaml.Node) -> str:
        return _TYPE_NAMES.get(node.tag, node.tag)

    def mapping(self, node: yaml.Node, what: str, allowed: set[str]) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping (key: value lines), not {self.describe(node)}")
        result: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise self.fail(key_node, f"keys of {what} must be plain words")
            key = key_node.value
            if key not in allowed:
                raise self.fail(
                    key_node, f"unknown key {key!r} in {what}; allowed keys are {sorted(allowed)!r}"
                )
            if key in result:
                raise self.fail(key_node, f"key {key!r} appears twice in {what}; keep one")
            result[key] = value_node
        return result

    def string(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            raise self.fail(node, f"{what} must be a string, not {self.describe(node)}; quote it if needed")
        value = str(node.value)
        if not value.strip():
            raise self.fail(node, f"{what} must not be empty; write the text or remove the key")
        return value.strip()

    def word_string(self, node: yaml.Node, what: str) -> str:
        value = self.string(node, what)
        if not tokenize(value):
            raise self.fail(node, f"{what} {value!r} has no letters or digits to match")
        return value

    def boolean(self, node: yaml.Node, what: str) -> bool:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            raise self.fail(node, f"{what} must be true or false, not {self.describe(node)}")
        return str(node.value).lower() in {"true", "yes", "on"}

    def integer(self, node: yaml.Node, what: str, low: int, high: int) -> int:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:int":
            raise self.fail(node, f"{what} must be a whole number, not {self.describe(node)}")
        value = int(node.value)
        if not low <= value <= high:
            raise self.fail(node, f"{what} must be from {low} to {high}, got {value}")
        return value

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(
                node, f"{what} must be a list (lines starting with '- '), not {self.describe(node)}"
            )
        return list(node.value)

    def strings(self, node: yaml.Node, what: str) -> tuple[str, ...]:
        return tuple(self.word_string(item, f"each item of {what}") for item in self.sequence(node, what))


def _decode(raw: bytes, path: Path | None) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LexiconError(
            f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} cannot be decoded); "
            "save it as UTF-8 (for example: iconv -f latin1 -t utf-8)",
            path=path,
            line=line,
        ) from exc


def parse_lexicon(source: str | bytes, *, path: Path | None = None, name: str | None = None) -> Lexicon:
    """Read and validate a lexicon from YAML text or bytes.

    Raises:
        LexiconError: naming the line, column and entry of the first problem and how to fix it.
    """
    text = _decode(source, path) if isinstance(source, bytes) else source
    # A large lexicon makes millions of small objects and none of them is garbage: with the cyclic collector
    # running, loading 100,000 entries takes several times longer.
    with paused_gc():
        return _parse(text, path, name)


def _parse(text: str, path: Path | None, name: str | None, *, plain: bool = True) -> Lexicon:
    # Nearly every lexicon is plain YAML that the fast reader reads, and valid: built at once. Anything else,
    # and every invalid lexicon, is read by PyYAML and checked by _Reader, which names the problem.
    lexicon = _read_plain(text, path, name) if plain else None
    if lexicon is not None:
        return lexicon
    data = yamlsubset.read(text)
    if data is not None:
        lexicon = _build(data, path, name)
        if lexicon is not None:
            return lexicon
    try:
        root = yaml.compose(text, Loader=_YAML_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise LexiconError(
            f"YAML syntax error: {exc.problem or exc.context}; check indentation, colons and quotes",
            path=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"YAML error: {exc}", path=path) from exc
    if root is None:
        raise LexiconError(
            f"the lexicon is empty; start it with 'asrfix: {SCHEMA_VERSION}' and a list of entries", path=path
        )
    reader = _Reader(path)
    top = reader.mapping(root, "the lexicon", _TOP_KEYS)
    if "asrfix" not in top:
        raise reader.fail(root, f"missing 'asrfix: {SCHEMA_VERSION}' (the schema version) at the top")
    version = reader.integer(top["asrfix"], "the schema version 'asrfix'", 1, 1_000_000)
    if version != SCHEMA_VERSION:
        raise reader.fail(
            top["asrfix"],
            f"schema version {version} is not supported; this asrfix reads version {SCHEMA_VERSION}",
        )
    lex_name = name or (reader.string(top["name"], "'name'") if "name" in top else None)
    if lex_name is None:
        lex_name = path.stem if path is not None else "lexicon"
    description = reader.string(top["description"], "'description'") if "description" in top else ""
    if "language" in top:
        reader.string(top["language"], "'language'")
    window = (
        reader.integer(top["context_window"], "'context_window'", 1, 1000)
        if "context_window" in top
        else DEFAULT_CONTEXT_WINDOW
    )
    if "entries" not in top:
        raise reader.fail(root, "missing 'entries:', the list of terms")
    entries: list[Entry] = []
    seen_terms: dict[str, int] = {}
    for item in reader.sequence(top["entries"], "'entries'"):
        entry = _read_entry(reader, item, lex_name, window)
        if entry.term in seen_terms:
            raise reader.fail(
                item,
                f"duplicate entry: {entry.term!r} is already defined at line {seen_terms[entry.term]}; "
                "merge the two entries into one",
            )
        seen_terms[entry.term] = entry.line
        entries.append(entry)
        reader.entry = None
    return Lexicon(name=lex_name, entries=tuple(entries), path=path, description=description)


def _read_entry(reader: _Reader, node: yaml.Node, lexicon: str, default_window: int) -> Entry:
    # Name the entry in every error about it, even one found before its term is read (an unknown key).
    if isinstance(node, yaml.MappingNode):
        reader.entry = next(
            (str(v.value) for k, v in node.value if k.value == "term" and isinstance(v, yaml.ScalarNode)), None
        )
    keys = reader.mapping(node, "an entry", _ENTRY_KEYS)
    if "term" not in keys:
        raise reader.fail(node, "entry has no 'term:'; add the canonical spelling of the term")
    term = reader.word_string(keys["term"], "'term'")
    reader.entry = term
    misrecognitions: list[Misrecognition] = []
    seen: dict[tuple[str, ...], int] = {}
    for item in reader.sequence(
        keys.get("misrecognitions", yaml.ScalarNode("tag:yaml.org,2002:null", "")), "'misrecognitions'"
    ):
        if isinstance(item, yaml.MappingNode):
            mk = reader.mapping(item, "a misrecognition", _MIS_KEYS)
            if "text" not in mk:
                raise reader.fail(item, "a misrecognition mapping needs 'text:'")
            text = reader.word_string(mk["text"], "misrecognition 'text'")
            guard: bool | None = (
                reader.boolean(mk["needs_context"], "'needs_context'") if "needs_context" in mk else None
            )
        else:
            text = reader.word_string(item, "each misrecognition")
            guard = None
        key = phrase_key(text)
        line = item.start_mark.line + 1
        if text == term:
            raise reader.fail(item, f"misrecognition {text!r} is the term itself; remove it")
        if key in seen:
            raise reader.fail(
                item, f"misrecognition {text!r} is listed twice (also at line {seen[key]}); keep one"
            )
        seen[key] = line
        if guard is None:
            guard = is_common_phrase(text)
        misrecognitions.append(Misrecognition(text, guard, line))
    context = reader.strings(keys["context"], "'context'") if "context" in keys else ()
    window = (
        reader.integer(keys["context_window"], "'context_window'", 1, 1000)
        if "context_window" in keys
        else default_window
    )
    examples: list[Example] = []
    for item in reader.sequence(
        keys.get("examples", yaml.ScalarNode("tag:yaml.org,2002:null", "")), "'examples'"
    ):
        ek = reader.mapping(item, "an example", _EXAMPLE_KEYS)
        if "input" not in ek:
            raise reader.fail(item, "an example needs 'input:' (and 'output:' unless it must stay unchanged)")
        given = reader.string(ek["input"], "example 'input'")
        expected = reader.string(ek["output"], "example 'output'") if "output" in ek else given
        examples.append(Example(given, expected, item.start_mark.line + 1))
    if "notes" in keys:
        reader.string(keys["notes"], "'notes'")
    return Entry(
        term=term,
        misrecognitions=tuple(misrecognitions),
        sounds_like=reader.strings(keys["sounds_like"], "'sounds_like'") if "sounds_like" in keys else (),
        context=context,
        context_window=window,
        category=reader.string(keys["category"], "'category'") if "category" in keys else "",
        inflect=reader.boolean(keys["inflect"], "'inflect'") if "inflect" in keys else True,
        phonetic=reader.boolean(keys["phonetic"], "'phonetic'") if "phonetic" in keys else True,
        examples=tuple(examples),
        lexicon=lexicon,
        line=node.start_mark.line + 1,
    )


# --- the fast path: valid lexicons read by the fast YAML reader --------------------------------------------
#
# _build makes the same Lexicon as _parse's checked path from the same data, and gives up (None) at anything
# that path would reject, leaving it to report the problem: it applies the same rules, without locations or
# messages. Tests compare the two on generated lexicons, valid and not.


def _build_top(data: dict[str, Any], path: Path | None, name: str | None) -> tuple[str, str, int] | None:
    """The lexicon's name, description and context window from its top-level keys, or None."""
    if not data.keys() <= _TOP_KEYS or type(data.get("asrfix")) is not int or data["asrfix"] != SCHEMA_VERSION:
        return None
    lex_name = name or (_text(data["name"]) if "name" in data else None)
    if lex_name is None:
        if "name" in data:
            return None
        lex_name = path.stem if path is not None else "lexicon"
    description = _text(data["description"]) if "description" in data else ""
    window = data.get("context_window", DEFAULT_CONTEXT_WINDOW)
    if (
        description is None
        or ("language" in data and _text(data["language"]) is None)
        or type(window) is not int
        or not 1 <= window <= 1000
    ):
        return None
    return lex_name, description, window


def _build(data: dict[str, Any], path: Path | None, name: str | None) -> Lexicon | None:
    top = _build_top(data, path, name)
    if top is None or "entries" not in data:
        return None
    lex_name, description, window = top
    items = data["entries"]
    if items is None:
        return Lexicon(name=lex_name, entries=(), path=path, description=description)
    if type(items) is not yamlsubset.Seq:
        return None
    entries: list[Entry] = []
    terms: set[str] = set()
    categories: dict[str, str] = {}
    frequencies = _english_frequencies()
    for index, line in enumerate(items.lines):
        item = items[index]
        items[index] = None  # the data of an entry is not needed once the entry is made
        entry = _build_entry(item, line, lex_name, window, categories, frequencies)
        if entry is None or entry.term in terms:
            return None
        terms.add(entry.term)
        entries.append(entry)
    return Lexicon(name=lex_name, entries=tuple(entries), path=path, description=description)


def _text(value: Any) -> str | None:
    """A string that _Reader.string accepts, stripped, or None."""
    if type(value) is not str:
        return None
    value = value.strip()
    return value or None


def _word_texts(items: Any) -> tuple[str, ...] | None:
    """The strings that _Reader.strings accepts, stripped, or None."""
    if items is None:
        return ()
    if type(items) is not yamlsubset.Seq:
        return None
    texts: list[str] = []
    for item in items:
        if type(item) is not str or not (text := item.strip()) or not _has_word(text):
            return None
        texts.append(text)
    return tuple(texts)


# A word less frequent than this is not common (Zipf 3.5 is a frequency of 3.16e-6): most misrecognitions are
# rare words, and this spares them the logarithm of _are_common.
_RARE_FREQUENCY = 3e-6


def _build_entry(
    data: Any,
    line: int,
    lexicon: str,
    default_window: int,
    categories: dict[str, str],
    frequencies: dict[str, float],
) -> Entry | None:
    # One function, few calls: this runs once per entry of the largest lexicons.
    if type(data) is not dict or not data.keys() <= _ENTRY_KEYS:
        return None
    term = data.get("term")
    if type(term) is not str or not (term := term.strip()) or not _has_word(term):
        return None
    misrecognitions: tuple[Misrecognition, ...] = ()
    listed = data.get("misrecognitions")
    if listed is not None:
        if type(listed) is not yamlsubset.Seq:
            return None
        made: list[Misrecognition] = []
        seen: set[tuple[str, ...]] = set()
        for item, item_line in zip(listed, listed.lines, strict=True):
            guard: Any = None
            if type(item) is dict:
                if not item.keys() <= _MIS_KEYS or "text" not in item:
                    return None
                if "needs_context" in item and type(guard := item["needs_context"]) is not bool:
                    return None
                item = item["text"]
            if type(item) is not str or not (text := item.strip()) or text == term:
                return None
            words = phrase_key(text)  # in ASCII, there are words if and only if the text has a word
            if not words or words in seen or (not text.isascii() and not _has_word(text)):
                return None
            seen.add(words)
            if guard is None:
                guard = frequencies.get(words[0], 0.0) >= _RARE_FREQUENCY and _are_common(words)
            made.append(_make_misrecognition(text, guard, item_line))
        misrecognitions = tuple(made)
    examples: tuple[Example, ...] = ()
    listed = data.get("examples")
    if listed is not None:
        if type(listed) is not yamlsubset.Seq:
            return None
        given_examples: list[Example] = []
        for item, item_line in zip(listed, listed.lines, strict=True):
            if type(item) is not dict or not item.keys() <= _EXAMPLE_KEYS:
                return None
            given = item.get("input")
            expected = item.get("output", given)
            if (
                type(given) is not str
                or type(expected) is not str
                or not (given := given.strip())
                or not (expected := expected.strip())
            ):
                return None
            given_examples.append(_make_example(given, expected, item_line))
        examples = tuple(given_examples)
    sounds_like = _word_texts(data["sounds_like"]) if "sounds_like" in data else ()
    context = _word_texts(data["context"]) if "context" in data else ()
    window = data.get("context_window", default_window)
    category = _text(data["category"]) if "category" in data else ""
    inflect = data.get("inflect", True)
    phonetic = data.get("phonetic", True)
    if (
        sounds_like is None
        or context is None
        or type(window) is not int
        or not 1 <= window <= 1000
        or category is None
        or type(inflect) is not bool
        or type(phonetic) is not bool
        or ("notes" in data and _text(data["notes"]) is None)
    ):
        return None
    return _make_entry(
        term,
        misrecognitions,
        sounds_like,
        context,
        window,
        categories.setdefault(category, category),
        inflect,
        phonetic,
        examples,
        lexicon,
        line,
    )


# --- the fastest path: the plain shape of large lexicons -----------------------------------------------------
#
# A large lexicon is nearly always one list of entries in the plainest YAML. yamlsubset.entry_pattern matches
# a whole entry of that shape at a time (in C) and captures each key's value; _read_plain reads the entries
# from them with the rules of _build_entry, and gives up (None) at anything else: a gap between the matches
# (something the pattern is not sure of), a key given twice, or a value _build_entry would not accept.
# Everything before 'entries:' is read by yamlsubset.read. Tests compare it with the paths above.
#
# It works a column at a time (all the terms, then all the categories...), not an entry at a time: a column in
# its common shape (every value plain, say) is checked and converted by passes in C over the whole column
# (str methods, map, set), and only a column with something else in it is looked at value by value. The
# entries are then made a field at a time, also in C (_assemble); the lexicon cache keeps the same columns.

_ENTRIES = "\nentries:\n"
_FIRST_DASH = re.compile(r"\n+( *)- ")
_TOP_LEVEL_LINE = re.compile(r"\n[^\s-]")
_QUOTES = "'\""


class _Columns(NamedTuple):
    """A lexicon as columns: the entries' fields (one item per entry, in order), their misrecognitions and
    examples as flat lists of fields with the number of each entry's, and the misrecognitions' phrase keys."""

    name: str
    description: str
    terms: list[str]
    categories: list[str]
    windows: list[int]
    inflects: list[bool]
    phonetics: list[bool]
    lines: list[int]
    sounds_like: list[tuple[str, ...]]
    contexts: list[tuple[str, ...]]
    mis_counts: list[int]
    mis_texts: list[str]
    mis_guards: list[bool]
    mis_lines: list[int]
    keys: list[tuple[str, ...]]
    example_counts: list[int]
    example_inputs: list[str]
    example_outputs: list[str]
    example_lines: list[int]


_MISRECOGNITION_SETTERS = (_set_text, _set_needs_context, _set_mis_line)
_EXAMPLE_SETTERS = (_set_input, _set_output, _set_example_line)


def _made(
    kind: type[_T], setters: Sequence[Callable[[Any, Any], None]], count: int, *columns: Iterable[Any]
) -> list[_T]:
    """``count`` new objects of the slotted class ``kind``, each field set from its column: a loop in C per
    field (map over the slot's setter), where calling a maker per object would be a Python call each."""
    made: list[_T] = list(map(_new, repeat(kind, count)))
    for setter, column in zip(setters, columns, strict=True):
        deque(map(setter, made, column), 0)
    return made


def _grouped(items: list[_T], counts: list[int]) -> list[tuple[_T, ...]]:
    """``items`` cut into consecutive tuples of ``counts[i]`` items each."""
    size = counts[0] if counts else 0
    if size and counts.count(size) == len(counts) and size * len(counts) == len(items):
        return list(zip(*[iter(items)] * size, strict=True))  # the same number each (often): four times faster
    flat = tuple(items)
    starts = list(accumulate(counts, initial=0))
    if starts[-1] != len(flat):
        raise ValueError("the counts do not add up to the items")
    return list(map(flat.__getitem__, map(slice, starts, starts[1:])))


def _assemble(columns: _Columns, path: Path | None) -> Lexicon:
    """The lexicon of ``columns``, its objects made a field at a time (see _made)."""
    c = columns
    count = len(c.terms)
    entry_columns = (c.categories, c.windows, c.inflects, c.phonetics, c.lines, c.sounds_like, c.contexts)
    if any(len(column) != count for column in (*entry_columns, c.mis_counts, c.example_counts)) or not (
        len(c.mis_texts) == len(c.mis_guards) == len(c.mis_lines) == len(c.keys)
        and len(c.example_inputs) == len(c.example_outputs) == len(c.example_lines)
    ):
        raise ValueError("columns of different lengths")
    misrecognitions = _grouped(
        _made(Misrecognition, _MISRECOGNITION_SETTERS, len(c.mis_texts), c.mis_texts, c.mis_guards, c.mis_lines),
        c.mis_counts,
    )
    examples = _grouped(
        _made(
            Example, _EXAMPLE_SETTERS, len(c.example_inputs), c.example_inputs, c.example_outputs, c.example_lines
        ),
        c.example_counts,
    )
    entries = _made(
        Entry,
        _ENTRY_SETTERS,
        count,
        c.terms,
        misrecognitions,
        c.sounds_like,
        c.contexts,
        c.windows,
        c.categories,
        c.inflects,
        c.phonetics,
        examples,
        repeat(c.name),
        c.lines,
    )
    lexicon = Lexicon(name=c.name, entries=tuple(entries), path=path, description=c.description)
    lexicon._derived[_KEYS] = c.keys
    return lexicon


def _columns_of(lexicon: Lexicon) -> _Columns:
    """The columns of a lexicon read from a file (each entry's lexicon is the lexicon's name)."""
    entries = lexicon.entries
    misrecognitions = [mis for entry in entries for mis in entry.misrecognitions]
    examples = [example for entry in entries for example in entry.examples]

    def column(objects: Sequence[Any], name: str) -> list[Any]:
        return list(map(attrgetter(name), objects))

    return _Columns(
        lexicon.name,
        lexicon.description,
        column(entries, "term"),
        column(entries, "category"),
        column(entries, "context_window"),
        column(entries, "inflect"),
        column(entries, "phonetic"),
        column(entries, "line"),
        column(entries, "sounds_like"),
        column(entries, "context"),
        [len(entry.misrecognitions) for entry in entries],
        column(misrecognitions, "text"),
        column(misrecognitions, "needs_context"),
        column(misrecognitions, "line"),
        misrecognition_keys(lexicon),
        [len(entry.examples) for entry in entries],
        column(examples, "input"),
        column(examples, "output"),
        column(examples, "line"),
    )


def _read_plain(text: str, path: Path | None, name: str | None) -> Lexicon | None:
    columns = _plain_columns(text, path, name)
    return None if columns is None else _assemble(columns, path)


def _plain_columns(text: str, path: Path | None, name: str | None) -> _Columns | None:
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    at = text.find(_ENTRIES)
    if at < 0 or not yamlsubset.is_sure(text):
        return None
    if not text.endswith("\n"):
        text += "\n"
    start = at + len(_ENTRIES) - 1  # the line break that ends 'entries:'
    first = _FIRST_DASH.match(text, start)
    if first is None:
        return None
    # The list ends at the first line that starts with something else than a space or a dash: top-level keys
    # after it (yaml.safe_dump sorts them) are read with those before it.
    after = _TOP_LEVEL_LINE.search(text, start)
    tail = len(text) if after is None else after.start() + 1
    data = yamlsubset.read(text[: at + 1] + text[tail:])
    top = _build_top(data, path, name) if data is not None and "entries" not in data else None
    if top is None:
        return None
    lex_name, description, default_window = top
    end = tail - 1  # the line break after the last entry
    while text[end - 1] == "\n":
        end -= 1
    indent = len(first.group(1))
    line = text.count("\n", 0, at) + 2  # of 'entries:'
    # Entries with the keys of the first are read a chunk at a time by one simpler pattern; from the first chunk
    # where they do not all have them, or a value it is not sure of, the entries are read one at a time.
    parts, start, line = _uniform_parts(text, start, end, line, indent, default_window)
    if start < end:
        rest = _entry_parts(text, start, end, line, indent, default_window)
        if rest is None:
            return None
        parts += rest
    if not parts:
        return None
    fields: list[list[Any]] = [[] for _ in parts[0][2:]]
    for part in parts:
        for field_values, column in zip(fields, cast(tuple[list[Any], ...], part[2:]), strict=True):
            field_values.extend(column)
    if len(set(fields[0])) != len(fields[0]):
        return None  # a term given twice
    return _Columns(lex_name, description, *fields)


# Entries read at a time by _entry_parts.
_BATCH = 4096
# Characters read at a time by _uniform_parts (about 1,500 entries of the benchmark's lexicon; smaller parts are
# faster, their lists staying in the processor's caches, down to about this size).
_CHUNK = 1 << 18
# The keys whose values may take several lines (their lists).
_LIST_KEYS = frozenset(("misrecognitions", "sounds_like", "context", "examples"))


def _uniform_parts(
    text: str, start: int, end: int, line: int, indent: int, default_window: int
) -> tuple[list[_Columns], int, int]:
    """The columns of the entries from ``start`` to ``end``, a part per chunk of text, read by
    yamlsubset.uniform_pattern, as long as every entry of a chunk has the keys of the first entry, in the same
    order, and every value is sure; then where it stopped (``end`` when it read them all) and that line."""
    parts: list[_Columns] = []
    dash = "\n" + " " * indent + "- "
    second = text.find(dash, start + 1, end)
    keys = tuple(yamlsubset.entry_keys(text[start : end if second < 0 else second], indent))
    if not keys or len(set(keys)) != len(keys) or not _ENTRY_KEYS.issuperset(keys):
        return parts, start, line
    pattern = yamlsubset.uniform_pattern(indent, keys)
    where = {key: number - 1 for key, number in pattern.groupindex.items()}
    listed = [key for key in keys if key in _LIST_KEYS]
    pos = start
    while pos < end:
        stop = text.find(dash, pos + _CHUNK, end)
        if stop < 0:
            stop = end
        while text[stop - 1] == "\n":  # blank lines before an entry are its own
            stop -= 1
        if stop <= pos:
            return parts, pos, line
        # The matches, searched up to and with the line break after the chunk (the pattern looks at it).
        rows = pattern.findall(text, pos, stop + 1)
        if not rows:
            return parts, pos, line
        found = list(zip(*rows, strict=True))
        del rows
        count = len(found[0])
        columns: dict[str, Sequence[str | None]] = dict.fromkeys(yamlsubset.ENTRY_GROUPS, (None,) * count)
        columns.update((key, found[where[key]]) for key in keys)
        blanks = list(map(len, found[where["blank"]]))
        del found
        # The line breaks of each entry: those before its dash, one before each key but the first, and those of
        # its lists. The matches cover the chunk if and only if they have all of its line breaks (each starts
        # at a line break and ends at the end of a line).
        breaks = {
            key: list(map(str.count, columns[key], repeat("\n")))  # type: ignore[arg-type]
            for key in listed
            if "\n" in "".join(columns[key])  # type: ignore[arg-type]  # (flow lists have none)
        }
        if sum(blanks) + count * (len(keys) - 1) + sum(map(sum, breaks.values())) != text.count("\n", pos, stop):
            return parts, pos, line
        per_entry = list(map(add, blanks, repeat(len(keys) - 1)))
        for column in breaks.values():
            per_entry = list(map(add, per_entry, column))
        reached = list(accumulate(per_entry, initial=line))
        after = reached.pop()
        lines = list(map(add, reached, blanks))
        # The line of each list's key: its place among the keys, after the lines of the lists before it.
        key_lines: dict[str, list[int]] = {}
        before = lines
        for number, key in enumerate(keys):
            if key in _LIST_KEYS:
                key_lines[key] = list(map(add, before, repeat(number))) if number else before
                if key in breaks:
                    before = list(map(add, before, breaks[key]))
        # What the pattern took as written, checked: one-line scalars and flow sequences (the lists on the next
        # lines were matched exactly, but for the examples' values, which _plain_batch checks).
        for key in ("term", "category", "notes"):
            if key in keys and not yamlsubset.sure_scalars(columns[key]):  # type: ignore[arg-type]
                return parts, pos, line
        for key in ("sounds_like", "context"):  # and the misrecognitions, checked by _plain_batch
            if key in keys:
                values: Sequence[str] = columns[key]  # type: ignore[assignment]
                if not yamlsubset.sure_flows(list(compress(values, map(str.startswith, values, repeat(" "))))):
                    return parts, pos, line
        part = _plain_batch(
            columns,
            lines,
            key_lines.get("misrecognitions", lines),
            key_lines.get("examples", lines),
            default_window,
            sure=False,
        )
        if part is None:
            return parts, pos, line
        parts.append(part)
        pos, line = stop, after
    return parts, pos, line


def _entry_parts(
    text: str, start: int, end: int, line: int, indent: int, default_window: int
) -> list[_Columns] | None:
    """The columns of the entries from ``start`` to ``end``, a part per batch of entries, read by
    yamlsubset.entry_pattern; or None."""
    pattern = yamlsubset.entry_pattern(indent)
    where = [pattern.groupindex[key] - 1 for key in yamlsubset.ENTRY_GROUPS]
    # The pattern looks at the line break after a value: the matches are searched up to and with it. They are
    # taken a batch at a time, so that only a batch of match objects is held at once.
    found = pattern.finditer(text, start, end + 1)
    parts: list[_Columns] = []
    pos = start
    while batch := list(islice(found, _BATCH)):
        starts = list(map(_match_start, batch))
        ends = list(map(_match_end, batch))
        if starts[0] != pos or starts[1:] != ends[:-1]:
            return None  # a gap: something the pattern is not sure of
        pos = ends[-1]
        dashes = list(map(_match_end, batch, repeat("blank")))
        rows = list(zip(*map(re.Match.groups, batch), strict=True))
        columns = dict(zip(yamlsubset.ENTRY_GROUPS, map(rows.__getitem__, where), strict=True))
        # The line of each entry's dash: that of the dash before plus the line breaks from there to its own.
        breaks = list(map(text.count, repeat("\n"), starts, ends))
        blanks = list(map(sub, dashes, starts))
        reached = list(accumulate(breaks, initial=line))
        line = reached.pop()
        lines = list(map(add, reached, blanks))
        # Each line of an entry is a key's or in a key's list; otherwise a key came twice (the pattern kept the
        # last value). Counted over the batch at once: no entry has fewer lines than its keys account for.
        present = sum(len(batch) - column.count(None) for column in columns.values())
        in_lists = sum(
            "".join(compress(columns[key], columns[key])).count("\n")
            for key in ("misrecognitions", "sounds_like", "context", "examples")
        )
        if sum(breaks) - sum(blanks) + len(batch) != present + in_lists:
            return None
        part = _plain_batch(
            columns,
            lines,
            _key_lines(text, lines, dashes, batch, "misrecognitions"),
            _key_lines(text, lines, dashes, batch, "examples"),
            default_window,
        )
        if part is None:
            return None
        parts.append(part)
        del batch, rows, columns
    if pos != end:
        return None
    return parts


def _plain_batch(
    columns: Mapping[str, Sequence[str | None]],
    lines: list[int],
    misrecognition_lines: list[int],
    example_lines: list[int],
    default_window: int,
    *,
    sure: bool = True,
) -> _Columns | None:
    """The columns of a batch of entries matched by yamlsubset.entry_pattern (name and description empty), or
    by yamlsubset.uniform_pattern (``sure`` false: the misrecognitions' flow lists and the examples' values
    are checked here)."""
    terms = _plain_terms(columns["term"])
    if terms is None:
        return None
    categories = _plain_scalars(columns["category"], "")
    if categories is None:
        return None
    notes = [value for value in columns["notes"] if value is not None]
    if notes and "" in [_scalar(value).strip() for value in notes]:
        return None
    windows = _plain_numbers(columns["context_window"], default_window)
    if windows is None:
        return None
    inflects = _plain_booleans(columns["inflect"])
    phonetics = _plain_booleans(columns["phonetic"])
    sounds_like = _plain_texts(columns["sounds_like"])
    contexts = _plain_texts(columns["context"])
    if sounds_like is None or contexts is None:
        return None
    misrecognitions = _plain_misrecognitions(columns["misrecognitions"], terms, misrecognition_lines, sure=sure)
    if misrecognitions is None:
        return None
    examples = _plain_examples(columns["examples"], example_lines, sure=sure)
    if examples is None:
        return None
    return _Columns(
        "",
        "",
        terms,
        categories,
        windows,
        inflects,
        phonetics,
        lines,
        sounds_like,
        contexts,
        *misrecognitions,
        *examples,
    )


_match_start, _match_end, _match_group = re.Match.start, re.Match.end, re.Match.group
_scalar = yamlsubset.scalar


def _key_lines(text: str, lines: list[int], dashes: list[int], matches: list[re.Match[str]], key: str) -> list[int]:
    """The line of ``key`` in each entry (that of the dash for an entry without it)."""
    at = list(map(max, map(_match_start, matches, repeat(key)), dashes))  # -1 where it is missing
    return list(map(add, lines, map(text.count, repeat("\n"), dashes, at)))


def _plain_terms(written: Sequence[str | None]) -> list[str] | None:
    if None in written:
        return None
    terms: list[str] = list(written)  # type: ignore[arg-type]  # no None in it
    joined = "\n".join(terms)
    if "'" in joined or '"' in joined:
        terms = [_scalar(term).strip() if term[0] in _QUOTES else term for term in terms]
        if "" in terms:
            return None
        joined = "\n".join(terms)
    return terms if _each_has_a_word(joined, terms) else None


# Every character of ASCII but those of words (letters, digits and '_': tokens.WORD_PATTERN's, in ASCII) and '\n'.
_NOT_WORD_ASCII = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) in "_\n"))


def _each_has_a_word(joined: str, texts: list[str]) -> bool:
    """True when each of ``texts`` (``joined``: them joined by line breaks, which none holds) has a word."""
    if joined.isascii():  # the words' characters only, a line each: none of the lines is empty
        return b"\n\n" not in b"\n" + joined.encode("ascii").translate(None, _NOT_WORD_ASCII) + b"\n"
    return all(map(_has_word, texts))


def _plain_scalars(written: Sequence[str | None], missing: str) -> list[str] | None:
    """The strings of a column of scalars that _Reader.string accepts, ``missing`` where there is none; each
    string once (a column such as the categories has few different values)."""
    values: list[str] = (
        [missing if value is None else value for value in written]
        if None in written
        else list(written)  # type: ignore[arg-type]  # no None in it
    )
    distinct = {value: value for value in set(values)}
    for value in distinct:
        if value and value[0] in _QUOTES:
            distinct[value] = _scalar(value).strip()
            if not distinct[value]:
                return None
    return list(map(distinct.__getitem__, values))


def _plain_numbers(written: Sequence[str | None], default: int) -> list[int] | None:
    if written.count(None) == len(written):
        return [default] * len(written)
    windows = [default if value is None else int(value) for value in written]
    return windows if min(windows) >= 1 and max(windows) <= 1000 else None


def _plain_booleans(written: Sequence[str | None]) -> list[bool]:
    if written.count(None) == len(written):
        return [True] * len(written)
    true = yamlsubset.TRUE
    return [value is None or value.lower() in true for value in written]


def _plain_texts(written: Sequence[str | None]) -> list[tuple[str, ...]] | None:
    """The sounds_like or context lists: the strings _Reader.strings accepts, stripped."""
    if written.count(None) == len(written):
        return [()] * len(written)
    lists: list[tuple[str, ...]] = []
    list_items = yamlsubset.LIST_ITEMS.findall
    for value in written:
        if not value:  # missing, or the key with nothing after it
            lists.append(())
            continue
        items = yamlsubset.flow_items(value) if value[0] == " " else [_scalar(item) for item in list_items(value)]
        stripped = tuple([item.strip() for item in items])
        if not all(map(_has_word, stripped)):  # an empty string has no word
            return None
        lists.append(stripped)
    return lists


_MisrecognitionColumns = tuple[list[int], list[str], list[bool], list[int], list[tuple[str, ...]]]


def _plain_misrecognitions(
    written: Sequence[str | None], terms: list[str], key_lines: list[int], *, sure: bool = True
) -> _MisrecognitionColumns | None:
    """The misrecognitions' columns: how many each entry has, their texts, guards, lines and phrase keys. Unless
    ``sure``, flow lists were taken as written, and are checked (see yamlsubset.sure_flows)."""
    listed = cast(list[str], list(compress(written, written)))  # without the entries with none
    joined = "\n".join(listed)
    # The common case: every list a flow list (' [a, b]') of forms of letters and digits between single spaces,
    # plain (so stripped): the words of each are what is between its spaces, and its phrase key its lower case.
    # Checked and taken apart a column at a time.
    if listed and joined.startswith(" [") and joined.count("\n [") == len(listed) - 1:
        inner = joined[2:-1].replace("]\n [", "\n")  # the lists' insides, a line each
        low = inner.lower()
        inners = inner.split("\n")
        common = (
            "" not in inners
            and inner.isascii()
            and "  " not in low
            and low.count(",") == low.count(", ")
            and low.encode("ascii").translate(None, b", \n").isalnum()  # letters and digits between them
        )
    else:
        common = False
    if common:
        lows = low.replace("\n", ", ").split(", ")
        if not sure and not _sure_forms(low, lows):
            return None
        # The forms as written: their lower case when they are in lower case (often), the same strings.
        texts = lows if inner == low else inner.replace("\n", ", ").split(", ")
        counts = list(map(add, map(str.count, inners, repeat(", ")), repeat(1)))
        size = counts[0]
        same = counts.count(size) == len(counts)

        def each_form(column: list[_T]) -> Iterator[_T]:  # the item of each entry with a list, once per form
            return chain.from_iterable(zip(*[column] * size, strict=True) if same else map(repeat, column, counts))

        everywhere = len(listed) == len(written)
        if any(map(eq, texts, each_form(terms if everywhere else list(compress(terms, written))))):
            return None  # a form that is its term
        if max(counts) > 1 and (
            any(map(eq, lows[0::2], lows[1::2]))
            if same and size == 2
            else sum(map(len, map(set, map(str.split, low.split("\n"), repeat(", "))))) != len(lows)
        ):
            return None  # a form listed twice
        keys = list(map(tuple, map(str.split, lows, repeat(" "))))
        lines = list(each_form(key_lines if everywhere else list(compress(key_lines, written))))
        if not everywhere:
            every = iter(counts)
            counts = [next(every) if value else 0 for value in written]
    else:
        if not sure and not yamlsubset.sure_flows([value for value in listed if value[0] == " "]):
            return None
        counts, texts, lines, keys = [], [], [], []
        guard_texts: list[str] = []
        for term, value, at_line in zip(terms, written, key_lines, strict=True):
            made = _plain_misrecognition_list(value, term, at_line, texts, lines, keys, guard_texts)
            if made is None:
                return None
            counts.append(made)
        if any(guard_texts):
            true = yamlsubset.TRUE
            guards = [
                guard.lower() in true if guard else _is_common_key(key)
                for guard, key in zip(guard_texts, keys, strict=True)
            ]
            return counts, texts, guards, lines, keys
    return counts, texts, _guards(keys), lines, keys


# The words YAML reads as true, false or null (in lower case), and a table of bytes that makes every digit '0'.
_SPECIAL_WORDS = frozenset(("y", "yes", "n", "no", "null", "on", "off", "true", "false"))
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")


def _sure_forms(low: str, lows: list[str]) -> bool:
    """True when the forms of flow lists taken as written (``low``: the lists' insides in lower case, a line each,
    of letters and digits between single spaces and ', ') are each one that entry_pattern matches: not empty, no
    space at either end, not starting with a digit, not a word YAML reads as true, false or null."""
    lines = "\n" + low + "\n"
    if any(map(lines.__contains__, ("\n ", " \n", " ,", "\n,", ", ,"))):
        return False
    starts = lines.encode("ascii").translate(_DIGITS_AS_ZERO)
    return b"\n0" not in starts and b", 0" not in starts and _SPECIAL_WORDS.isdisjoint(lows)


@functools.lru_cache(maxsize=1)
def _fairly_common_words() -> frozenset[str]:
    """The English words of frequency _RARE_FREQUENCY or more: a phrase whose first word is not one of them is
    not common (see _are_common). A few thousand words: looked up in much faster than the whole table."""
    return frozenset(word for word, frequency in _english_frequencies().items() if frequency >= _RARE_FREQUENCY)


def _is_common_key(key: tuple[str, ...]) -> bool:
    return key[0] in _fairly_common_words() and _are_common(key)


def _guards(keys: list[tuple[str, ...]]) -> list[bool]:
    """Whether each phrase key is common English (see is_common_phrase): most misrecognitions start with a rare
    word, found by one pass in C over the first words; only the others are looked at."""
    guards = [False] * len(keys)
    for number in compress(range(len(keys)), map(_fairly_common_words().__contains__, map(itemgetter(0), keys))):
        guards[number] = _are_common(keys[number])
    return guards


def _plain_misrecognition_list(
    value: str | None,
    term: str,
    at_line: int,
    texts: list[str],
    lines: list[int],
    keys: list[tuple[str, ...]],
    guard_texts: list[str],
) -> int | None:
    """Add the misrecognitions of one entry to the columns; their number, or None."""
    if not value:
        return 0
    items: list[tuple[str, str, int]]
    if value[0] == " ":
        items = [(form, "", at_line) for form in yamlsubset.flow_items(value)]
    else:
        items = []
        for key_a, value_a, key_b, value_b, form in yamlsubset.MISRECOGNITION_ITEMS.findall(value):
            at_line += 1
            if key_a:
                guard_text = value_b if key_a == "text" else value_a
                items.append((_scalar(value_a if key_a == "text" else value_b), guard_text, at_line))
                if key_b:
                    at_line += 1
            else:
                items.append((_scalar(form), "", at_line))
    seen: set[str] = set()
    for form, guard_text, item_line in items:
        if form[-1:] == " " or form[:1] == " ":
            form = form.strip()
        if not form or form == term:
            return None
        low = form.lower()
        if form.isascii() and "  " not in low and low.replace(" ", "").isalnum():
            words = tuple(low.split(" "))  # as in the common case
            key = low
        else:
            words = phrase_key(form)
            if not words or (not form.isascii() and not _has_word(form)):
                return None
            key = " ".join(words)  # the words, as one string: the same key as above for the same words
        if key in seen:
            return None
        seen.add(key)
        texts.append(form)
        lines.append(item_line)
        keys.append(words)
        guard_texts.append(guard_text)
    return len(items)


_ExampleColumns = tuple[list[int], list[str], list[str], list[int]]


def _plain_examples(
    written: Sequence[str | None], key_lines: list[int], *, sure: bool = True
) -> _ExampleColumns | None:
    """The examples' columns: how many each entry has, their inputs, outputs and lines. Unless ``sure``, the
    values were taken as written, and are checked (see yamlsubset.sure_scalars)."""
    find = yamlsubset.EXAMPLE_ITEMS.findall
    listed = cast(list[str], list(compress(written, written)))  # without the entries with none
    joined = "".join(listed)  # each list starts with a line break
    # The common case: every example an input then an output, a line each, all at one indentation; plain,
    # unless a quote says not. Then the lines of the lists are as many as twice their lines that start with
    # that indentation and '- input: ', with as many that start with it and '  output: ': taken apart at these.
    dash = joined[: joined.find("- ") + 2]  # the line break, the first list's indentation and its dash
    given, expected = dash + "input: ", "\n" + " " * (len(dash) - 1) + "output: "
    count = joined.count(given) if dash[:1] == "\n" and dash.count("\n") == 1 else 0
    if count and joined.count(expected) == count and joined.count("\n") == 2 * count:
        values = joined.replace(expected, given).split(given)  # '', then each input and its output
        inputs, outputs = values[1::2], values[2::2]
        counts = list(map(str.count, listed, repeat(given)))
        if not sure and not (yamlsubset.sure_scalars(inputs) and yamlsubset.sure_scalars(outputs)):
            return None
        if "'" in joined or '"' in joined:
            inputs = [_scalar(value).strip() if value[0] in _QUOTES else value for value in inputs]
            outputs = [_scalar(value).strip() if value[0] in _QUOTES else value for value in outputs]
            if "" in inputs or "" in outputs:
                return None
        at = list(map(add, compress(key_lines, written), repeat(1)))  # the line of each list's first example
        size = counts[0]
        if counts.count(size) == len(counts):  # lists of one size: the lines of their first examples, and on
            lines = list(chain.from_iterable(zip(*[map(add, at, repeat(2 * n)) for n in range(size)], strict=True)))
        else:
            lines = list(chain.from_iterable(map(range, at, map(add, at, map(mul, counts, repeat(2))), repeat(2))))
        if len(listed) != len(written):
            every = iter(counts)
            counts = [next(every) if value else 0 for value in written]
        return counts, inputs, outputs, lines
    items = find(joined)
    if not sure and not yamlsubset.sure_scalars(
        [*map(itemgetter(1), items), *compress(map(itemgetter(3), items), map(itemgetter(2), items))]
    ):
        return None
    counts, inputs, outputs, lines = [], [], [], []
    for value, at_line in zip(written, key_lines, strict=True):
        if not value:
            counts.append(0)
            continue
        examples = find(value)
        for key_a, value_a, key_b, value_b in examples:
            at_line += 1
            if key_a == "input":
                given, expected = value_a, value_b if key_b else value_a
            elif key_b:
                given, expected = value_b, value_a
            else:
                return None
            if given[0] in _QUOTES:
                given = _scalar(given).strip()
            if expected[0] in _QUOTES:
                expected = _scalar(expected).strip()
            if not given or not expected:
                return None
            inputs.append(given)
            outputs.append(expected)
            lines.append(at_line)
            if key_b:
                at_line += 1
        counts.append(len(examples))
    return counts, inputs, outputs, lines
