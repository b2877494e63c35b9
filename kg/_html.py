"""The article text of a web page, for :mod:`kg.ingest`: trafilatura first, the page's paragraphs second.

trafilatura finds the main text of real news pages and their metadata, but it gives up on some
pages that still hold prose: markup nested deeper than libxml2's limit of 256 levels, an
article inside an ``<aside>``, a page of short paragraphs it scores as boilerplate. Such a page
is then read from its paragraphs (the text of its ``<p>`` elements, or of its text blocks when
it has none), by the standard library's HTML parser, which has no nesting limit and never
raises on broken markup. Only a page with no prose at all is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["PageText", "page_text"]

#: Said in the build summary about a page read the second way.
FALLBACK_NOTE = "no main text found by trafilatura; read from the page's paragraphs"

_SKIP = frozenset({"script", "style", "template", "noscript", "svg", "math", "head", "title", "select", "textarea"})
_BLOCKS = frozenset({
    "p", "div", "li", "td", "th", "dd", "dt", "blockquote", "pre", "article", "section", "main", "aside",
    "header", "footer", "nav", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "caption", "br", "tr", "table",
    "ul", "ol", "dl", "form", "body", "html",
})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"})
#: A block is prose when it has a few words and ends a sentence.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_MIN_WORDS = 4


@dataclass(frozen=True)
class PageText:
    """What a page gave: its text, its metadata, and whether the fallback found it."""

    text: str
    meta: dict[str, str] = field(default_factory=dict)
    fallback: bool = False


def page_text(html: str) -> PageText | str:
    """The article text of ``html``, or the reason there is none (a one-line string)."""
    import trafilatura  # imported here: only HTML input needs it

    meta: dict[str, str] = {}
    try:
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception:  # noqa: BLE001 - a third-party parser on untrusted input; the fallback reads it
        result = None
    if result is not None:
        found = {"title": result.title, "author": result.author, "publisher": result.sitename,
                 "date": result.date, "url": result.url}
        meta = {k: v for k, v in found.items() if v}
        if (result.text or "").strip():
            return PageText(result.text, meta)
    paragraphs = _Paragraphs.read(html)
    text = "\n\n".join(paragraphs.prose())
    if not text:
        return "no article text found in HTML"
    if "title" not in meta and paragraphs.title:
        meta["title"] = paragraphs.title
    return PageText(text, meta, fallback=True)


class _Paragraphs(HTMLParser):
    """Collects the text of ``<p>`` elements and of other text blocks, and the ``<title>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.blocks: list[str] = []
        self._skip: list[str] = []
        self._in_p = 0
        self._p: list[str] = []
        self._block: list[str] = []
        self._title: list[str] | None = None
        self.title: str | None = None

    @classmethod
    def read(cls, html: str) -> _Paragraphs:
        parser = cls()
        parser.feed(html)
        parser.close()
        parser._flush_p()
        parser._flush_block()
        return parser

    def prose(self) -> list[str]:
        """Paragraphs (or text blocks, when the page has no ``<p>``) that read as sentences."""
        for candidates in (self.paragraphs, self.blocks):
            kept = [c for c in candidates if len(c.split()) >= _MIN_WORDS and _SENTENCE_END.search(c)]
            if kept:
                return kept
        return []

    def handle_starttag(self, tag: str, attrs) -> None:  # noqa: ANN001 - HTMLParser's signature
        if tag == "title" and self._title is None and not self.title:
            self._title = []
        if tag in _SKIP and tag not in _VOID:
            self._skip.append(tag)
            return
        if tag in _BLOCKS:
            self._flush_block()
        if tag == "p":
            self._flush_p()
            self._in_p += 1

    def handle_startendtag(self, tag: str, attrs) -> None:  # noqa: ANN001
        if tag in _BLOCKS:
            self._flush_block()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title is not None:
            self.title = " ".join("".join(self._title).split()) or None
            self._title = None
        if self._skip:
            if tag in self._skip:
                while self._skip and self._skip.pop() != tag:
                    pass
            return
        if tag in _BLOCKS:
            self._flush_block()
        if tag == "p" and self._in_p:
            self._in_p -= 1
            if not self._in_p:
                self._flush_p()

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        if self._skip:
            return
        self._block.append(data)
        if self._in_p:
            self._p.append(data)

    def _flush_p(self) -> None:
        if text := " ".join("".join(self._p).split()):
            self.paragraphs.append(text)
        self._p = []

    def _flush_block(self) -> None:
        if text := " ".join("".join(self._block).split()):
            self.blocks.append(text)
        self._block = []
