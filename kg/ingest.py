"""Read articles from files, folders and glob patterns into :class:`~kg.records.Document` records.

This is the first stage of the pipeline (DESIGN.md): everything after it sees only clean
article text with its metadata, whatever the input format was. The formats:

``.txt``, ``.md``   one article a file; Markdown markup is stripped first
``.html``, ``.htm`` one article a page; trafilatura finds the main text and the metadata
``.jsonl``          one article a line, text in ``text_field``; read line by line
``.csv``            one article a row, text in the ``text_field`` column

Every text goes through :func:`kg.boilerplate.clean_text`, so comment forms, bylines and
navigation bars never reach the parser.

Bad input never raises: each unreadable file or record becomes one
:class:`~kg.records.Skipped` with a one-line reason, and reading goes on with the rest, so a
build over a thousand files is not stopped by one binary file. Only invalid *options*
(an unknown ``encoding``, a non-positive ``max_bytes``) raise :class:`~kg.errors.InputError`,
at call time, because they would make every file fail the same way.
"""

from __future__ import annotations

import codecs
import csv
import glob
import hashlib
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from kg.boilerplate import CleanResult, clean_text, strip_markdown
from kg.errors import InputError
from kg.records import Document, Skipped

__all__ = ["SUPPORTED_SUFFIXES", "CleanResult", "clean_text", "discover", "iter_documents", "read_file"]

#: The file types ingest reads; anything else named explicitly is reported as skipped.
SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".csv")
_RECORD_SUFFIXES = (".jsonl", ".csv")
_HTML_SUFFIXES = (".html", ".htm")
_DEFAULT_MAX_BYTES = 5_000_000

_SNIFF_BYTES = 8192  # binary detection looks at the first 8 KiB, like git and grep
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
_GLOB_CHARS = re.compile(r"[*?\[]")
_SUPPORTED_LIST = ", ".join(SUPPORTED_SUFFIXES)


class _Unreadable(Exception):
    """Internal: the bytes at hand cannot become text; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --------------------------------------------------------------------------- discovery


def discover(inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> tuple[list[Path], list[Skipped]]:
    """Expand files, folders and glob patterns into the list of files to read.

    Folders are searched recursively for the supported suffixes, leaving out hidden files
    and folders (``.git``, ``.cache``); patterns are expanded with ``glob(recursive=True)``,
    so ``data/**/*.html`` works on every shell. The result is sorted and de-duplicated, so
    the same inputs give the same build whatever order they were named in.

    Parameters
    ----------
    inputs : iterable of str or os.PathLike
        Paths of files or folders, or glob patterns. A single path is accepted too.

    Returns
    -------
    files : list of Path
        Supported files, sorted, each once (a file named twice, or through a folder and a
        pattern, is listed once).
    skipped : list of Skipped
        Inputs that gave no file: a missing path, a pattern that matched nothing, a folder
        without supported files, or a file named explicitly whose type is not supported.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    found: dict[str, Path] = {}
    skipped: list[Skipped] = []

    def add(path: Path) -> None:
        key = os.path.normcase(os.path.realpath(path))
        if key not in found or str(path) < str(found[key]):
            found[key] = path

    for item in inputs:
        name = os.fspath(item)
        if not name:
            skipped.append(Skipped(name, "empty path"))
            continue
        path = Path(name)
        try:
            if path.is_dir():
                files = list(_walk(path, skipped))
                if not files:
                    skipped.append(Skipped(name, f"no supported files in folder (supported: {_SUPPORTED_LIST})"))
                for file in files:
                    add(file)
            elif path.exists():
                if not path.is_file():
                    skipped.append(Skipped(name, "not a regular file"))
                elif path.suffix.lower() in SUPPORTED_SUFFIXES:
                    add(path)
                else:
                    skipped.append(Skipped(name, _unsupported(path)))
            elif _GLOB_CHARS.search(name):
                _expand_glob(name, add, skipped)
            else:
                skipped.append(Skipped(name, "no such file or directory"))
        except OSError as exc:
            skipped.append(Skipped(name, _os_reason(exc)))
    return sorted(found.values()), skipped


def _walk(root: Path, skipped: list[Skipped]) -> Iterator[Path]:
    """Supported, non-hidden files under ``root``, in sorted order."""

    def onerror(exc: OSError) -> None:
        skipped.append(Skipped(exc.filename or str(root), _os_reason(exc)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if not filename.startswith(".") and Path(filename).suffix.lower() in SUPPORTED_SUFFIXES:
                yield Path(dirpath, filename)


def _expand_glob(pattern: str, add: Callable[[Path], None], skipped: list[Skipped]) -> None:
    """Add the supported files a pattern matches (folders it matches are searched)."""
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        skipped.append(Skipped(pattern, "pattern matched no file"))
        return
    n = 0
    for match in map(Path, matches):
        if match.is_dir():
            for file in _walk(match, skipped):
                add(file)
                n += 1
        elif match.is_file() and match.suffix.lower() in SUPPORTED_SUFFIXES:
            add(match)
            n += 1
    if not n:
        skipped.append(Skipped(pattern, f"pattern matched no supported file (supported: {_SUPPORTED_LIST})"))


def _unsupported(path: Path) -> str:
    return f"unsupported file type '{path.suffix.lower() or path.name}' (supported: {_SUPPORTED_LIST})"


# --------------------------------------------------------------------------- reading


def iter_documents(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    text_field: str = "text",
    max_bytes: int = _DEFAULT_MAX_BYTES,
    encoding: str | None = None,
) -> Iterator[Document | Skipped]:
    """Stream the documents of all inputs, with a :class:`Skipped` for each that failed.

    Files are read one at a time, and a ``.jsonl`` one line at a time, so memory stays at
    one article however large the corpus is.

    Parameters
    ----------
    inputs : iterable of str or os.PathLike
        Files, folders and glob patterns, as for :func:`discover`.
    text_field : str, default "text"
        The JSONL field or CSV column holding the article text.
    max_bytes : int, default 5_000_000
        Largest article read, in bytes: for ``.txt``/``.md``/``.html`` the file, for
        ``.jsonl``/``.csv`` the text of each record (those files hold many articles).
    encoding : str, optional
        Decode text with this codec instead of detecting UTF-8 (with or without BOM) or
        UTF-16/UTF-32 with a BOM.

    Yields
    ------
    Document or Skipped
        First the inputs :func:`discover` skipped, then, file by file in sorted order, each
        article or the reason it was skipped.

    Raises
    ------
    InputError
        At call time, if ``encoding``, ``max_bytes`` or ``text_field`` is invalid.
    """
    _check_options(text_field, max_bytes, encoding)
    return _iter_documents(inputs, text_field, max_bytes, encoding)


def _iter_documents(inputs: Any, text_field: str, max_bytes: int, encoding: str | None) -> Iterator[Document | Skipped]:
    files, skipped = discover(inputs)
    yield from skipped
    for path in files:
        yield from _read(path, text_field, max_bytes, encoding)


def read_file(
    path: str | os.PathLike[str],
    *,
    text_field: str = "text",
    max_bytes: int = _DEFAULT_MAX_BYTES,
    encoding: str | None = None,
) -> Iterator[Document | Skipped]:
    """Read one file: one document for an article file, one per record for JSONL and CSV.

    Parameters are those of :func:`iter_documents`. Nothing is raised for bad content;
    an unreadable file or record is yielded as a :class:`Skipped` with the reason.
    """
    _check_options(text_field, max_bytes, encoding)
    return _read(Path(path), text_field, max_bytes, encoding)


def _check_options(text_field: str, max_bytes: int, encoding: str | None) -> None:
    """Reject options that would make every file fail, before any is read."""
    if not text_field:
        raise InputError("--text-field", "must name a field or column, got ''")
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise InputError("--max-bytes", f"must be a positive number of bytes, got {max_bytes!r}")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError("--encoding", f"unknown encoding {encoding!r}; try utf-8, latin-1 or cp1252") from None


def _read(path: Path, text_field: str, max_bytes: int, encoding: str | None) -> Iterator[Document | Skipped]:
    """Dispatch on the suffix and turn I/O errors (permissions, a vanished file) into Skipped."""
    src = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield Skipped(src, _unsupported(path))
        return
    try:
        if suffix == ".jsonl":
            yield from _read_jsonl(path, text_field, max_bytes, encoding)
        elif suffix == ".csv":
            yield from _read_csv(path, text_field, max_bytes, encoding)
        else:
            yield _read_article(path, suffix, max_bytes, encoding)
    except OSError as exc:
        yield Skipped(src, _os_reason(exc))


def _read_article(path: Path, suffix: str, max_bytes: int, encoding: str | None) -> Document | Skipped:
    """One ``.txt``, ``.md`` or ``.html`` file: one article."""
    src = str(path)
    size = path.stat().st_size
    if size > max_bytes:
        return Skipped(src, _over_limit(size, max_bytes))
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)  # the file may have grown since stat()
    if len(data) > max_bytes:
        return Skipped(src, _over_limit(len(data), max_bytes))
    try:
        text = _decode_file(data, encoding, html=suffix in _HTML_SUFFIXES)
    except _Unreadable as exc:
        return Skipped(src, exc.reason)

    if suffix in _HTML_SUFFIXES:
        return _html_document(path, text)
    meta: dict[str, str] = {}
    if suffix == ".md":
        text, meta = strip_markdown(text)
    cleaned = clean_text(text, title=meta.get("title"))
    if not cleaned.text:
        return Skipped(src, "no text left after removing boilerplate")
    return _document(path.stem, src, cleaned, meta)


def _html_document(path: Path, html: str) -> Document | Skipped:
    """Main text and metadata of a web page, by trafilatura, then our cleaner."""
    import trafilatura  # imported here: only HTML input needs it

    src = str(path)
    try:
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # noqa: BLE001 - a third-party parser on untrusted input
        return Skipped(src, f"could not parse HTML ({type(exc).__name__}: {' '.join(str(exc).split())})")
    if result is None or not (result.text or "").strip():
        return Skipped(src, "no article text found in HTML")
    cleaned = clean_text(result.text, title=result.title)
    if not cleaned.text:
        return Skipped(src, "no text left after removing boilerplate")
    meta = {
        "title": result.title,
        "author": result.author,
        "publisher": result.sitename,
        "date": result.date,
        "url": result.url,
    }
    return _document(path.stem, src, cleaned, {k: v for k, v in meta.items() if v})


def _document(doc_id: str, source: str, cleaned: CleanResult, meta: Mapping[str, str | None]) -> Document:
    """Build the record; metadata fields win over what the cleaner found in the text."""
    return Document(
        id=doc_id,
        text=cleaned.text,
        source=source,
        title=meta.get("title") or cleaned.title,
        author=meta.get("author") or cleaned.author,
        publisher=meta.get("publisher") or cleaned.publisher,
        date=_date(meta.get("date"), cleaned),
        url=meta.get("url"),
        sha256=hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest(),
    )


def _date(raw: str | None, cleaned: CleanResult) -> str | None:
    """The article's day as an ISO date: its date field (kept as given when unreadable), else its dateline's."""
    from .timex import article_date, dateline_date

    return article_date(raw) or raw or dateline_date(cleaned.dateline or "") or dateline_date(cleaned.text)


# --------------------------------------------------------------------------- records


def _read_jsonl(path: Path, text_field: str, max_bytes: int, encoding: str | None) -> Iterator[Document | Skipped]:
    """One record a line; a bad line is skipped with its number and the others are read."""
    src = str(path)
    with path.open("rb") as fh:
        try:
            codec = _open_checks(fh, encoding)
        except _Unreadable as exc:
            yield Skipped(src, exc.reason)
            return
        # JSON escapes can double the text, and the other fields add to it.
        lines = _binary_lines(fh, 2 * max_bytes + 1_000_000) if _ascii_compatible(codec) else _text_lines(fh, codec)
        seen = False
        for lineno, offset, raw in lines:
            where = f"{src}:{lineno}"
            if isinstance(raw, _Unreadable):
                yield Skipped(where, raw.reason)
                continue
            if isinstance(raw, bytes):
                if not raw.strip():
                    continue
                try:
                    raw = _decode(raw, codec, offset=offset, given=encoding is not None)
                except _Unreadable as exc:
                    yield Skipped(where, exc.reason)
                    continue
            if not raw.strip():
                continue
            seen = True
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                yield Skipped(where, f"malformed JSON: {exc.msg} (column {exc.colno})")
                continue
            if not isinstance(obj, dict):
                yield Skipped(where, f"not a JSON object but {_json_kind(obj)}")
                continue
            yield _record(obj, where, f"{path.stem}-{lineno}", text_field, max_bytes, "field")
        if not seen:
            yield Skipped(src, "empty file")


def _read_csv(path: Path, text_field: str, max_bytes: int, encoding: str | None) -> Iterator[Document | Skipped]:
    """One record a row, under a header row that names the text column."""
    src = str(path)
    _raise_csv_field_limit(2 * max_bytes)
    with path.open("rb") as raw:
        try:
            codec = _open_checks(raw, encoding)
        except _Unreadable as exc:
            yield Skipped(src, exc.reason)
            return
        fh = io.TextIOWrapper(raw, encoding="utf-8-sig" if codec == "utf-8" else codec, errors="strict", newline="")
        reader = csv.reader(fh)
        try:
            header = [h.strip() for h in next(reader)]
            if text_field not in header:
                columns = ", ".join(h for h in header if h) or "none"
                yield Skipped(src, f"no '{text_field}' column (columns: {columns}); use --text-field")
                return
            while True:
                start = reader.line_num + 1
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    yield Skipped(f"{src}:{start}", f"malformed CSV: {exc}")
                    if reader.line_num < start:
                        break
                    continue
                if not any(cell.strip() for cell in row):
                    continue
                where = f"{src}:{start}"
                if len(row) > len(header):
                    yield Skipped(where, f"malformed CSV: {len(row)} fields, the header has {len(header)}")
                    continue
                fields = dict(zip(header, row + [""] * (len(header) - len(row))))
                yield _record(fields, where, f"{path.stem}-{start}", text_field, max_bytes, "column")
        except StopIteration:
            yield Skipped(src, "empty file")
        except UnicodeDecodeError as exc:
            # Decoding runs ahead of the parser by a block, so no line number can be trusted.
            reason = _decode_reason(exc, codec, None, given=encoding is not None)
            yield Skipped(src, f"{reason}; the rest of the file was not read")


def _record(
    fields: Mapping[str, Any], where: str, fallback_id: str, text_field: str, max_bytes: int, kind: str
) -> Document | Skipped:
    """A JSONL object or CSV row as a Document, or the reason it cannot be one."""
    if text_field not in fields:
        names = list(fields)
        listed = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
        return Skipped(where, f"no '{text_field}' {kind} ({kind}s: {listed or 'none'}); use --text-field")
    value = fields[text_field]
    if value is None or (isinstance(value, str) and not value.strip()):
        return Skipped(where, f"empty '{text_field}' {kind}")
    if not isinstance(value, str):
        return Skipped(where, f"'{text_field}' {kind} is {_json_kind(value)}, not a string")
    size = len(value.encode("utf-8"))
    if size > max_bytes:
        return Skipped(where, _over_limit(size, max_bytes))
    meta = {name: _field(fields, name) for name in ("id", "title", "author", "date", "url")}
    meta["publisher"] = _field(fields, "publisher") or _field(fields, "source")
    cleaned = clean_text(value, title=meta["title"])
    if not cleaned.text:
        return Skipped(where, "no text left after removing boilerplate")
    return _document(meta["id"] or fallback_id, where, cleaned, meta)


def _field(fields: Mapping[str, Any], name: str) -> str | None:
    """A metadata field as a string: lists are joined, ``{"name": ...}`` objects unwrapped."""
    value = fields.get(name)
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v not in (None, ""))
    if value is None or isinstance(value, bool):
        return None
    value = str(value).strip()
    return value or None


def _json_kind(value: Any) -> str:
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return kinds.get(type(value), "a number")


def _raise_csv_field_limit(wanted: int) -> None:
    """Let a CSV field hold a whole article; never lower the limit, never overflow a C long."""
    limit = min(max(csv.field_size_limit(), wanted), sys.maxsize)
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


# --------------------------------------------------------------------------- bytes to text


def _open_checks(fh: BinaryIO, encoding: str | None) -> str:
    """Check the head of a record file (empty? binary?) and return the codec to read it with."""
    head = fh.read(_SNIFF_BYTES)
    fh.seek(0)
    if not head.strip() and len(head) < _SNIFF_BYTES:
        raise _Unreadable("empty file")
    codec = encoding or _bom_codec(head) or "utf-8"
    if _ascii_compatible(codec) and _looks_binary(head):
        raise _Unreadable("binary file, not text")
    if codec == "utf-8-sig":
        codec = "utf-8"
        fh.seek(len(codecs.BOM_UTF8))
    return codec


def _decode_file(data: bytes, encoding: str | None, *, html: bool = False) -> str:
    """Bytes of a whole file as text, or :class:`_Unreadable` with a reason a user can act on."""
    if not data.strip():
        raise _Unreadable("empty file")
    bom = _bom_codec(data)
    codec = encoding or bom or "utf-8"
    if _ascii_compatible(codec) and _looks_binary(data[:_SNIFF_BYTES]):
        raise _Unreadable("binary file, not text")
    offset = 0
    if codec == "utf-8-sig":
        codec, offset, data = "utf-8", len(codecs.BOM_UTF8), data[len(codecs.BOM_UTF8):]
    try:
        text = _decode(data, codec, offset=offset, given=encoding is not None)
    except _Unreadable:
        declared = _declared_charset(data) if html and not encoding and not bom else None
        if declared is None:
            raise
        text = _decode(data, declared, offset=0, given=False)  # a page saved in its meta charset
    if not text.strip():
        raise _Unreadable("empty file")
    return text


def _decode(data: bytes, codec: str, *, offset: int, given: bool) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise _Unreadable(_decode_reason(exc, codec, offset, given=given)) from None


def _decode_reason(exc: UnicodeDecodeError, codec: str, offset: int | None, *, given: bool) -> str:
    """``not valid UTF-8 (invalid byte 0xe9 at offset 1234); re-encode as UTF-8 or pass --encoding``."""
    name = "UTF-8" if codecs.lookup(codec).name == "utf-8" else codec
    what = f"invalid byte 0x{exc.object[exc.start]:02x}" if exc.start < len(exc.object) else exc.reason
    where = f" at offset {offset + exc.start}" if offset is not None else ""
    advice = "check --encoding" if given else "re-encode as UTF-8 or pass --encoding"
    return f"not valid {name} ({what}{where}); {advice}"


def _bom_codec(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def _ascii_compatible(codec: str) -> bool:
    """False for UTF-16/32, whose text is full of NUL bytes and cannot be split on b"\\n"."""
    return not codecs.lookup(codec).name.startswith(("utf-16", "utf-32"))


def _looks_binary(head: bytes) -> bool:
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


def _binary_lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, int, bytes | _Unreadable]]:
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
            yield lineno, start, _Unreadable(f"line of {_human(size)} is over the limit for one record")
        else:
            yield lineno, start, line
        offset += size


def _text_lines(fh: BinaryIO, codec: str) -> Iterator[tuple[int, int, str | _Unreadable]]:
    """Lines of a UTF-16/32 file; a decoding error ends the file, as the rest cannot be trusted."""
    text = io.TextIOWrapper(fh, encoding=codec, errors="strict", newline=None)
    lineno = 0
    try:
        for lineno, line in enumerate(text, 1):
            yield lineno, 0, line
    except UnicodeDecodeError as exc:
        yield lineno + 1, 0, _Unreadable(
            _decode_reason(exc, codec, None, given=True) + "; the rest of the file was not read"
        )
    finally:
        text.detach()


# --------------------------------------------------------------------------- messages


def _human(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1e6:.1f} MB"
    if n >= 1_000:
        return f"{n / 1e3:.1f} kB"
    return f"{n} bytes"


def _over_limit(size: int, limit: int) -> str:
    """``12.3 MB is over the --max-bytes limit of 5.0 MB`` (in bytes when rounding hides it)."""
    have, most = _human(size), _human(limit)
    if have == most:
        have, most = f"{size:,} bytes", f"{limit:,} bytes"
    return f"{have} is over the --max-bytes limit of {most}"


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
