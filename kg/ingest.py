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
import hashlib
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from kg._decode import (
    Unreadable, ascii_compatible, binary_lines, carriable, decode_file, decode_reason, human, open_checks, record_text,
    text_lines,
)
from kg.boilerplate import CleanResult, clean_text, strip_markdown
from kg.discover import SUPPORTED_SUFFIXES, _os_reason, _unsupported, discover
from kg.errors import InputError
from kg.records import Document, Notice, Skipped

__all__ = ["SUPPORTED_SUFFIXES", "CleanResult", "clean_text", "discover", "iter_documents", "read_file"]

_RECORD_SUFFIXES = (".jsonl", ".csv")
_HTML_SUFFIXES = (".html", ".htm")
_DEFAULT_MAX_BYTES = 5_000_000

_OnNotice = Callable[[Notice], None] | None
_LONE_CR = re.compile(rb"(?<=\r)(?!\n)")


# --------------------------------------------------------------------------- reading


def iter_documents(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    text_field: str = "text",
    max_bytes: int = _DEFAULT_MAX_BYTES,
    encoding: str | None = None,
    on_notice: Callable[[Notice], None] | None = None,
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
    on_notice : callable, optional
        Called with a :class:`~kg.records.Notice` for an input read another way than usual
        (an HTML page whose main text trafilatura missed, read from its paragraphs).

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
    return _iter_documents(inputs, text_field, max_bytes, encoding, on_notice)


def _iter_documents(
    inputs: Any, text_field: str, max_bytes: int, encoding: str | None, on_notice: _OnNotice
) -> Iterator[Document | Skipped]:
    files, skipped = discover(inputs)
    yield from skipped
    for path in files:
        yield from _read(path, text_field, max_bytes, encoding, on_notice)


def read_file(
    path: str | os.PathLike[str],
    *,
    text_field: str = "text",
    max_bytes: int = _DEFAULT_MAX_BYTES,
    encoding: str | None = None,
    on_notice: Callable[[Notice], None] | None = None,
) -> Iterator[Document | Skipped]:
    """Read one file: one document for an article file, one per record for JSONL and CSV.

    Parameters are those of :func:`iter_documents`. Nothing is raised for bad content;
    an unreadable file or record is yielded as a :class:`Skipped` with the reason.
    """
    _check_options(text_field, max_bytes, encoding)
    return _read(Path(path), text_field, max_bytes, encoding, on_notice)


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


def _read(
    path: Path, text_field: str, max_bytes: int, encoding: str | None, on_notice: _OnNotice = None
) -> Iterator[Document | Skipped]:
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
            yield _read_article(path, suffix, max_bytes, encoding, on_notice)
    except OSError as exc:
        yield Skipped(src, _os_reason(exc))


def _read_article(path: Path, suffix: str, max_bytes: int, encoding: str | None, on_notice: _OnNotice) -> Document | Skipped:
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
        text = decode_file(data, encoding, html=suffix in _HTML_SUFFIXES)
    except Unreadable as exc:
        return Skipped(src, exc.reason)

    if suffix in _HTML_SUFFIXES:
        return _html_document(path, text, on_notice)
    meta: dict[str, str] = {}
    if suffix == ".md":
        text, meta = strip_markdown(text)
    cleaned = clean_text(carriable(text), title=meta.get("title"))
    if not cleaned.text:
        return Skipped(src, "no text left after removing boilerplate")
    return _document(path.stem, src, cleaned, meta)


def _html_document(path: Path, html: str, on_notice: _OnNotice) -> Document | Skipped:
    """Main text and metadata of a web page (:mod:`kg._html`), then our cleaner."""
    from kg._html import FALLBACK_NOTE, page_text

    src = str(path)
    page = page_text(html)
    if isinstance(page, str):
        return Skipped(src, page)
    cleaned = clean_text(carriable(page.text), title=page.meta.get("title"))
    if not cleaned.text:
        return Skipped(src, "no text left after removing boilerplate")
    if page.fallback and on_notice is not None:
        on_notice(Notice(src, FALLBACK_NOTE))
    return _document(path.stem, src, cleaned, page.meta)


def _document(doc_id: str, source: str, cleaned: CleanResult, meta: Mapping[str, str | None]) -> Document:
    """Build the record; metadata fields win over what the cleaner found in the text.

    Every string is made :func:`~kg._decode.carriable` (file names and page metadata can hold
    controls or lone surrogates too), so no writer downstream meets what it cannot encode.
    """
    def field(value: str | None) -> str | None:
        return carriable(value) if value else None

    return Document(
        id=carriable(doc_id),
        text=cleaned.text,
        source=carriable(source),
        title=field(meta.get("title") or cleaned.title),
        author=field(meta.get("author") or cleaned.author),
        publisher=field(meta.get("publisher") or cleaned.publisher),
        date=field(_date(meta.get("date"), cleaned)),
        url=field(meta.get("url")),
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
            codec = open_checks(fh, encoding)
        except Unreadable as exc:
            yield Skipped(src, exc.reason)
            return
        # JSON escapes can double the text, and the other fields add to it.
        lines = binary_lines(fh, 2 * max_bytes + 1_000_000) if ascii_compatible(codec) else text_lines(fh, codec)
        seen = False
        for lineno, offset, raw in lines:
            where = f"{src}:{lineno}"
            if isinstance(raw, Unreadable):
                yield Skipped(where, raw.reason)
                continue
            if isinstance(raw, bytes):
                if not raw.strip():
                    continue
                try:
                    raw = record_text(raw, codec, offset=offset, given=encoding is not None)
                except Unreadable as exc:
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
    """One record a row, under a header row that names the text column.

    Bytes are checked row by row: a row with binary data or bytes the codec cannot read is
    skipped with its line number, and the rows around it are read. (Only UTF-16/32 files,
    which cannot be split into lines before decoding, stop at their first bad byte.)
    """
    src = str(path)
    _raise_csv_field_limit(2 * max_bytes)
    with path.open("rb") as raw:
        try:
            codec = open_checks(raw, encoding)
        except Unreadable as exc:
            yield Skipped(src, exc.reason)
            return
        given = encoding is not None
        pending: list[tuple[int, bytes]] = []  # the raw lines of the row being parsed
        if ascii_compatible(codec):
            reader = csv.reader(_csv_lines(raw, codec, pending))
        else:
            reader = csv.reader(io.TextIOWrapper(raw, encoding=codec, errors="strict", newline=""))

        def row_error() -> str | None:
            """Why the row just parsed cannot be trusted (binary, undecodable), or None."""
            if not pending:
                return None
            try:
                record_text(b"".join(line for _, line in pending), codec, offset=pending[0][0], given=given)
            except Unreadable as exc:
                return exc.reason
            return None

        try:
            try:
                header = [h.strip() for h in next(reader)]
            except csv.Error as exc:
                yield Skipped(src, f"malformed CSV header row: {exc}")
                return
            if (reason := row_error()) is not None:
                yield Skipped(src, f"header row: {reason}")
                return
            if text_field not in header:
                columns = ", ".join(_one_line(h) for h in header if h) or "none"
                yield Skipped(src, f"no '{text_field}' column (columns: {columns}); use --text-field")
                return
            while True:
                start = reader.line_num + 1
                pending.clear()
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    yield Skipped(f"{src}:{start}", f"malformed CSV: {exc}")
                    if reader.line_num < start:
                        break
                    continue
                where = f"{src}:{start}"
                if (reason := row_error()) is not None:
                    yield Skipped(where, reason)
                    continue
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) > len(header):
                    yield Skipped(where, f"malformed CSV: {len(row)} fields, the header has {len(header)}")
                    continue
                fields = dict(zip(header, row + [""] * (len(header) - len(row))))
                yield _record(fields, where, f"{path.stem}-{start}", text_field, max_bytes, "column")
        except StopIteration:
            yield Skipped(src, "empty file")
        except UnicodeError as exc:  # UTF-16/32 only: decoding runs ahead of the parser
            reason = decode_reason(exc, codec, None, given=given)
            yield Skipped(src, f"{reason}; the rest of the file was not read")


def _csv_lines(fh: BinaryIO, codec: str, pending: list[tuple[int, bytes]]) -> Iterator[str]:
    """Lines for csv.reader, decoded leniently; each raw line is kept in ``pending`` for its row's check."""
    offset = fh.tell()
    for chunk in iter(fh.readline, b""):
        for line in _LONE_CR.split(chunk):  # a lone CR ends a line too, as for newline=""
            if line:
                pending.append((offset, line))
                offset += len(line)
                yield line.decode(codec, "surrogateescape")


def _record(
    fields: Mapping[str, Any], where: str, fallback_id: str, text_field: str, max_bytes: int, kind: str
) -> Document | Skipped:
    """A JSONL object or CSV row as a Document, or the reason it cannot be one."""
    if text_field not in fields:
        names = [_one_line(str(n)) for n in fields]
        listed = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
        return Skipped(where, f"no '{text_field}' {kind} ({kind}s: {listed or 'none'}); use --text-field")
    value = fields[text_field]
    if value is None or (isinstance(value, str) and not value.strip()):
        return Skipped(where, f"empty '{text_field}' {kind}")
    if not isinstance(value, str):
        return Skipped(where, f"'{text_field}' {kind} is {_json_kind(value)}, not a string")
    value = carriable(value)
    size = len(value.encode("utf-8"))
    if size > max_bytes:
        return Skipped(where, _over_limit(size, max_bytes))
    meta = {name: _field(fields, name) for name in ("id", "title", "author", "date", "url")}
    meta["publisher"] = _field(fields, "publisher") or _field(fields, "source")
    cleaned = clean_text(value, title=meta["title"])
    if not cleaned.text:
        return Skipped(where, "no text left after removing boilerplate")
    return _document(meta["id"] or fallback_id, where, cleaned, meta)


def _one_line(name: str) -> str:
    """A field or column name as it can stand in a one-line reason."""
    return " ".join(carriable(name).split()) or repr(name)


def _field(fields: Mapping[str, Any], name: str) -> str | None:
    """A metadata field as a string: lists are joined, ``{"name": ...}`` objects unwrapped."""
    value = fields.get(name)
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v not in (None, ""))
    if value is None or isinstance(value, bool):
        return None
    value = carriable(str(value)).strip()
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


# --------------------------------------------------------------------------- messages


def _over_limit(size: int, limit: int) -> str:
    """``12.3 MB is over the --max-bytes limit of 5.0 MB`` (in bytes when rounding hides it)."""
    have, most = human(size), human(limit)
    if have == most:
        have, most = f"{size:,} bytes", f"{limit:,} bytes"
    return f"{have} is over the --max-bytes limit of {most}"
