"""Bytes to text for :mod:`kg.ingest`: encodings, byte-order marks, binary detection, line splitting.

Split out of ingest so that the stage module reads as formats and records, and this one as
the byte-level rules they share. Every failure is an :class:`Unreadable` carrying a one-line
reason a user can act on; nothing here knows about files or records, only bytes and offsets.

A whole-file format (``.txt``, ``.md``, ``.html``) is judged once, on its bytes; a record
format (``.jsonl``, ``.csv``) is judged record by record (:func:`record_text`), so one bad
record never costs the good ones around it.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from typing import BinaryIO

SNIFF_BYTES = 8192  # binary detection looks at the first 8 KiB, like git and grep
_MAX_CONTROL_RATIO = 0.30
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v") + b"\x7f"
# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET_RE = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_GUESS_BYTES = 65536
# What no output format can carry: C0 controls (XML 1.0 allows only tab, LF and CR), DEL,
# lone surrogates (JSON "\ud800" escapes decode to them; UTF-8 cannot encode them) and the
# non-characters U+FFFE/U+FFFF.
_UNCARRIABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_BINARY = "binary file, not text"


class Unreadable(Exception):
    """The bytes at hand cannot become text; ``reason`` says why, in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def open_checks(fh: BinaryIO, encoding: str | None) -> str:
    """Check the head of a record file and return the codec to read it with.

    The whole file is refused as binary only when its first 8 KiB look binary *and* most of
    their lines are not text (an image, an archive, a PDF renamed ``.jsonl``); a few records
    with control bytes are a matter for those records. A UTF-8 byte-order mark is skipped.
    """
    head = fh.read(SNIFF_BYTES)
    fh.seek(0)
    if not head.strip() and len(head) < SNIFF_BYTES:
        raise Unreadable("empty file")
    codec = encoding or bom_codec(head) or "utf-8"
    if codecs.lookup(codec).name in ("utf-8", "utf-8-sig"):
        codec = "utf-8"
        if head.startswith(codecs.BOM_UTF8):
            head = head[len(codecs.BOM_UTF8):]
            fh.seek(len(codecs.BOM_UTF8))
    if ascii_compatible(codec) and looks_binary(head) and not _mostly_text_lines(head, codec):
        raise Unreadable(_BINARY)
    return codec


def _mostly_text_lines(head: bytes, codec: str) -> bool:
    """At least half the lines of ``head`` are text in ``codec`` (the last, cut line is left out)."""
    lines = [line for line in head.split(b"\n") if line.strip()]
    if len(head) >= SNIFF_BYTES and len(lines) > 1:
        lines.pop()
    good = 0
    for line in lines:
        try:
            record_text(line, codec, offset=0, given=True)
            good += 1
        except Unreadable:
            pass
    return 2 * good >= len(lines) > 0


def decode_file(data: bytes, encoding: str | None, *, html: bool = False) -> str:
    """Bytes of a whole file as text, or :class:`Unreadable` with a reason a user can act on."""
    if not data.strip():
        raise Unreadable("empty file")
    bom = bom_codec(data)
    codec = encoding or bom or "utf-8"
    if ascii_compatible(codec) and looks_binary(data[:SNIFF_BYTES]):
        raise Unreadable(_BINARY)
    offset = 0
    if codec == "utf-8-sig":
        codec, offset, data = "utf-8", len(codecs.BOM_UTF8), data[len(codecs.BOM_UTF8):]
    try:
        text = decode(data, codec, offset=offset, given=encoding is not None)
    except Unreadable:
        declared = _declared_charset(data) if html and not encoding and not bom else None
        if declared is None:
            raise
        text = decode(data, declared, offset=0, given=False)  # a page saved in its meta charset
    if not text.strip():
        raise Unreadable("empty file")
    return text


def record_text(raw: bytes, codec: str, *, offset: int, given: bool) -> str:
    """One record's bytes (a JSON line, a CSV row) as text: binary and encoding checked here."""
    if looks_binary(raw.rstrip(b"\r\n")):
        raise Unreadable("binary data, not text")
    return decode(raw, codec, offset=offset, given=given)


def decode(data: bytes, codec: str, *, offset: int, given: bool) -> str:
    """``data.decode(codec)``; the error names the first bad byte and its offset in the file."""
    try:
        return data.decode(codec)
    except UnicodeError as exc:
        raise Unreadable(decode_reason(exc, codec, offset, given=given)) from None


def decode_reason(exc: UnicodeError, codec: str, offset: int | None, *, given: bool) -> str:
    """``not valid UTF-8 (invalid byte 0xe9 at offset 3); it reads as cp1252: pass --encoding cp1252``.

    When the bytes read cleanly in a legacy codec (guessed by charset_normalizer), the reason
    names that codec, so the fix is one option away; otherwise it says to re-encode.
    """
    name = "UTF-8" if codecs.lookup(codec).name == "utf-8" else codec
    if not isinstance(exc, UnicodeDecodeError):  # e.g. "UTF-16 stream does not start with BOM"
        return f"not valid {name} ({exc}); {'check --encoding' if given else 're-encode as UTF-8 or pass --encoding'}"
    what = f"invalid byte 0x{exc.object[exc.start]:02x}" if exc.start < len(exc.object) else exc.reason
    where = f" at offset {offset + exc.start}" if offset is not None else ""
    if given:
        return f"not valid {name} ({what}{where}); check --encoding"
    guess = guess_codec(bytes(exc.object))
    advice = f"it reads as {guess}: pass --encoding {guess}" if guess else "re-encode as UTF-8 or pass --encoding"
    return f"not valid {name} ({what}{where}); {advice}"


def guess_codec(data: bytes) -> str | None:
    """A legacy codec that reads ``data`` as text, or None.

    charset_normalizer (a trafilatura dependency, well kept) ranks the candidates; Western
    text decodes identically in cp1250 and cp1252, and cp1252 is then named as the likelier.
    UTF-16/32 guesses for BOM-less bytes are noise on short samples and are never offered.
    """
    from charset_normalizer import from_bytes

    sample = data[:_GUESS_BYTES]
    best = from_bytes(sample).best()
    name = codecs.lookup(best.encoding).name if best is not None else None
    if name is not None and name.startswith(("utf-", "ascii")):
        name = None
    try:
        western = sample.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and (name is None or str(best) == western) and not looks_binary(sample):
        return "cp1252"
    if name is None:
        return None
    try:
        data.decode(name)
    except UnicodeDecodeError:
        return None
    return name


def carriable(text: str) -> str:
    """``text`` with what no writer can carry replaced: controls by a space, the rest by U+FFFD."""
    if not _UNCARRIABLE.search(text):
        return text
    return _UNCARRIABLE.sub(lambda m: " " if m.group() < "\x80" else "\ufffd", text)


def needs_care(text: str) -> bool:
    """True when ``text`` holds something :func:`carriable` would replace."""
    return _UNCARRIABLE.search(text) is not None


def carriable_record(value):  # noqa: ANN001, ANN201 - any record, tuple or string
    """A frozen record (dataclass), tuple or string with every string in it made carriable."""
    from dataclasses import fields, is_dataclass, replace

    if isinstance(value, str):
        return carriable(value)
    if isinstance(value, tuple):
        return tuple(carriable_record(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: carriable_record(getattr(value, f.name)) for f in fields(value)})
    return value


def bom_codec(data: bytes) -> str | None:
    """The codec a byte-order mark announces, or None."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def ascii_compatible(codec: str) -> bool:
    """False for UTF-16/32, whose text is full of NUL bytes and cannot be split on b"\\n"."""
    return not codecs.lookup(codec).name.startswith(("utf-16", "utf-32"))


def looks_binary(head: bytes) -> bool:
    """NUL bytes, or more than 30% control characters: an image, archive or PDF, not text."""
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > _MAX_CONTROL_RATIO * len(head)


def _declared_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` of a page, if it names a codec Python knows."""
    m = _META_CHARSET_RE.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def binary_lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, int, bytes | Unreadable]]:
    """``(line number, byte offset, line)``; a line longer than ``limit`` is not kept in memory."""
    offset = fh.tell()
    lineno = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        lineno += 1
        start, size = offset, len(line)
        if size > limit and not line.endswith(b"\n"):
            while chunk := fh.readline(1 << 20):
                size += len(chunk)
                if chunk.endswith(b"\n"):
                    break
            yield lineno, start, Unreadable(f"line of {human(size)} is over the limit for one record")
        else:
            yield lineno, start, line
        offset += size


def text_lines(fh: BinaryIO, codec: str) -> Iterator[tuple[int, int, str | Unreadable]]:
    """Lines of a UTF-16/32 file; a decoding error ends the file, as the rest cannot be trusted."""
    text = io.TextIOWrapper(fh, encoding=codec, errors="strict", newline=None)
    lineno = 0
    try:
        for lineno, line in enumerate(text, 1):
            yield lineno, 0, line
    except UnicodeError as exc:
        yield lineno + 1, 0, Unreadable(
            decode_reason(exc, codec, None, given=True) + "; the rest of the file was not read"
        )
    finally:
        text.detach()


def human(n: int) -> str:
    """``12.3 MB``, ``4.5 kB``, ``12 bytes``."""
    if n >= 1_000_000:
        return f"{n / 1e6:.1f} MB"
    if n >= 1_000:
        return f"{n / 1e3:.1f} kB"
    return f"{n} bytes"
