"""Reading and writing files without losing a byte: encodings, byte-order marks, atomic writes.

Text is decoded without translating line endings, so offsets into the decoded text cover ``\\r\\n`` exactly
as it stands, and :func:`encode` gives back the original bytes for an unchanged text.

>>> data = b"\\xef\\xbb\\xbfHello\\r\\n"
>>> text, enc = decode(data)
>>> text, enc.name
('Hello\\r\\n', 'utf-8-sig')
>>> encode(text, enc) == data
True
"""

from __future__ import annotations

import codecs
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import FormatError

__all__ = ["Encoding", "atomic_write", "decode", "encode", "line_number"]

# Longest first: the UTF-32 little-endian mark starts with the UTF-16 little-endian one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)


@dataclass(frozen=True, slots=True)
class Encoding:
    """How a file's text was stored: the codec, and the byte-order mark in front of it (``b""`` for none).

    Attributes:
        codec: a Python codec name without BOM handling ("utf-8", "utf-16-le", "cp1252", ...).
        bom: the byte-order mark the file starts with, written back unchanged.
        name: the name shown in reports ("utf-8", "utf-8-sig", "utf-16", or the ``--encoding`` given).
    """

    codec: str
    bom: bytes = b""
    name: str = "utf-8"


def line_number(text: str, offset: int) -> int:
    """Return the 1-based line of ``offset`` in ``text`` (``\\n``, ``\\r\\n`` and ``\\r`` end lines)."""
    head = text[:offset]
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


def _undecodable(data: bytes, exc: UnicodeDecodeError, codec: str, path: str | Path | None) -> FormatError:
    line = data[: exc.start].count(b"\n") + 1
    return FormatError(
        f"byte 0x{data[exc.start]:02x} is not valid {codec}; the file is in another encoding: pass it with "
        f"--encoding (for example --encoding cp1252 or --encoding latin-1)",
        path=path,
        line=line,
    )


def decode(data: bytes, encoding: str | None = None, *, path: str | Path | None = None) -> tuple[str, Encoding]:
    """Decode file bytes, keeping line endings as they are.

    Without ``encoding``, a byte-order mark (UTF-8, UTF-16, UTF-32) decides; without one the bytes must be
    UTF-8. Nothing else is guessed: other encodings must be named, so a file is never read as mojibake.

    Raises:
        FormatError: the bytes are binary or not in the encoding, naming the line and what to pass.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            if encoding is not None and codecs.lookup(encoding).name not in (
                codecs.lookup(codec).name,
                codecs.lookup(name).name,
            ):
                raise FormatError(
                    f"the file starts with a {name} byte-order mark but --encoding {encoding} was given; "
                    f"leave out --encoding",
                    path=path,
                )
            try:
                return data[len(bom) :].decode(codec), Encoding(codec, bom, name)
            except UnicodeDecodeError as exc:
                raise _undecodable(data[len(bom) :], exc, name, path) from None
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise FormatError(
                f"unknown encoding {encoding!r}; use a Python codec name such as utf-8, cp1252 or latin-1"
            ) from None
        try:
            return data.decode(codec), Encoding(codec, b"", encoding)
        except UnicodeDecodeError as exc:
            raise _undecodable(data, exc, encoding, path) from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise FormatError(
            "this looks like a binary file (it contains NUL bytes and no UTF-16 byte-order mark); "
            "pass a subtitle or transcript file, or its encoding with --encoding utf-16-le",
            path=path,
            line=line,
        )
    try:
        return data.decode("utf-8"), Encoding("utf-8", b"", "utf-8")
    except UnicodeDecodeError as exc:
        raise _undecodable(data, exc, "UTF-8", path) from None


def encode(text: str, encoding: Encoding) -> bytes:
    """Encode ``text`` as it was stored: the same codec, with the same byte-order mark.

    Raises:
        FormatError: a corrected term cannot be written in the file's encoding.
    """
    try:
        return encoding.bom + text.encode(encoding.codec)
    except UnicodeEncodeError as exc:
        raise FormatError(
            f"the character {exc.object[exc.start : exc.end]!r} of a correction cannot be written in "
            f"{encoding.name}; convert the file to UTF-8 or change the lexicon term"
        ) from None


def atomic_write(path: str | Path, data: bytes, *, backup_suffix: str | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A reader sees the old file or the new one, never half of one. The file's permission bits are kept.
    With ``backup_suffix``, the old file is first kept as ``path + backup_suffix``.
    """
    target = Path(os.path.realpath(path))  # through a symbolic link: replace the file, keep the link
    folder = target.parent
    if target.exists():
        mode = stat.S_IMODE(target.stat().st_mode)
    else:  # a new file gets the usual permissions, not the private ones of a temporary file
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".asrfix-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp_name, mode)
        if backup_suffix and target.exists():
            backup = target.with_name(target.name + backup_suffix)
            shutil.copy2(target, backup)
        os.replace(tmp_name, target)
    except BaseException:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
        raise
