"""Remove web boilerplate from article text and keep the metadata it carries.

News saved as text keeps the debris of the page around the article: a glued navigation bar,
the headline, a byline, "DID Press: " or "MOSCOW — " before the first paragraph, comment
forms, share buttons and copyright lines. The parser would read them as sentences and the
extractor would make facts out of them, so :func:`clean_text` removes them, one named rule
per kind of debris, and returns what they say (title, author, publisher, dateline) instead.

Every rule is written for news pages in general, not for one site, and errs on the side of
keeping text: a line is dropped only when its shape says "page furniture" (no sentence-final
punctuation, a known widget string, a byline pattern) or, for section headings, when prose
stands on both sides of it. Newswire bodies such as Reuters-21578 pass through untouched.

The rules, in the order they apply:

``widget``     whole short lines from comment forms, share bars, newsletters, cookie banners,
               footers, photo credits and captions, agency notices (:data:`WIDGET_PATTERNS`,
               kept as data in ``kg/data/boilerplate.toml``);
``navigation`` menu bars: glued CamelCase words, items separated by ``|``/``•``/``»``/`` / ``,
               or a run of capitalised section names;
``byline``     ``By First Last – Publisher``, ``Written by ...``, ``(Reporting by ...; Editing by ...)``;
``headline``   the first line, when it has no sentence-final punctuation;
``heading``    later short unpunctuated lines between two paragraphs of prose;
``teaser``     a run of short unpunctuated lines closing the text after prose (teaser lists);
``prefix``     ``DID Press:``, ``MOSCOW —``, ``WASHINGTON (Reuters) -`` opening the first paragraph;
``quote``      a line ending in ``:`` ("He said:") is joined with the quotation that follows.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["CleanResult", "clean_text", "strip_markdown", "WIDGET_PATTERNS"]

_MAX_WIDGET_LEN = 120
_MAX_HEADLINE_LEN = 200
_MAX_HEADING_LEN = 120
_MAX_HEADING_WORDS = 15

_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«„"
#: A line ends a sentence: final punctuation, then maybe closing quotes or brackets.
_FINAL_RE = re.compile(rf"[.!?…][{re.escape(_CLOSERS)}]*$")

def _widget_patterns() -> tuple[str, ...]:
    import tomllib
    from importlib import resources

    data = tomllib.loads(resources.files("kg").joinpath("data/boilerplate.toml").read_text(encoding="utf-8"))
    return tuple(p for patterns in data["widget"].values() for p in patterns)


#: Whole-line patterns (matched case-insensitively against a stripped line of at most
#: 120 characters) for the furniture that content management systems put around articles,
#: kept as data in ``kg/data/boilerplate.toml``.
WIDGET_PATTERNS: tuple[str, ...] = _widget_patterns()
_WIDGET_RE = re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in WIDGET_PATTERNS) + r")$", re.IGNORECASE)

#: Section names that menu bars are made of; a run of them is a navigation line.
_SECTION_WORDS = frozenset(
    """home news world local national international politics business economy economics markets
    money finance tech technology science health sport sports football culture arts art books
    music film entertainment lifestyle life style travel food opinion opinions analysis
    features feature video videos photos podcasts podcast live weather education environment
    climate society security military trade region regions government development media
    africa asia europe americas us uk middle east more about contact subscribe login menu
    search newsletters games puzzles crossword obituaries investigations interviews""".split()
)
_NAV_SPLIT_RE = re.compile(r"\s*[|•·»›]\s*|\s+[/>]\s+")
_CAMEL_JOIN_RE = re.compile(r"(?<=[a-z]{2})[A-Z](?=[a-z]{2})")

_NAME_TOKEN = r"(?:[A-Z][\w'’.\-]*|(?:de|da|del|della|der|den|di|du|la|le|van|von|bin|ibn|al|el)(?=\s))"
_ONE_NAME = rf"[A-Z][\w'’.\-]*(?:\s+{_NAME_TOKEN}){{0,4}}"
_NAMES = rf"{_ONE_NAME}(?:\s+(?:and|&)\s+{_ONE_NAME})*"
#: ``By First Last – Publisher``; the name must be capitalised, so "By contrast, ..." is prose.
_BYLINE_RE = re.compile(
    rf"^(?i:by|written by|words by|story by|text by|report by)\s*:?\s+(?P<name>{_NAMES})"
    rf"(?:\s*(?:[–—|/,]|\s-|(?i:for|at))\s*(?P<pub>[A-Z0-9][^!?;]{{0,60}}))?$"
)
#: The wire-service trailer: ``(Reporting by A in Kabul; Editing by B)``.
_CREDITS_RE = re.compile(
    r"^\(?\s*(?i:(?:additional |further )?(?P<role>reporting|writing|editing|compiled|compilation) by)\s+"
    rf"(?P<name>{_ONE_NAME})?[^()]{{0,200}}\)?$"
)
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december the this that then now far
    comparison contrast""".split()
)
_ROLE_WORDS = frozenset("staff writer reporter correspondent editor contributor columnist senior chief".split())

#: ``DID Press: text``: up to four capitalised words and a colon open the first paragraph.
_PREFIX_RE = re.compile(r"^(?P<src>[A-Z][\w&'’.\-]*(?:\s+[A-Z][\w&'’.\-]*){0,3})\s*:\s+(?=[A-Z0-9])")
_PREFIX_LABELS = frozenset(
    """note update updated correction clarification warning breaking exclusive analysis opinion
    comment commentary watch video photo live q a summary background context explainer read
    related source sources editor's disclaimer""".split()
)
_AGENCIES = frozenset(
    "AP AFP UPI PTI ANI IANS TASS RIA DPA EFE ANSA XINHUA KYODO YONHAP BERNAMA IRNA WAM SPA MENA".split()
)
#: Wire services whose name in brackets marks a dateline after a title-case place.
_WIRES = _AGENCIES | {"REUTERS", "BLOOMBERG", "CNN", "BBC", "ASSOCIATED PRESS", "AL JAZEERA", "ANADOLU"}
_DASH = r"(?:—|–|--|-)"
#: After the place: ", Afghanistan", ", March 3", ", Jan. 5, 2024" (capitalised words, numbers).
_PLACE_REST = r"(?:,\s*[A-Z0-9][\w.'’]*(?:,?\s+[A-Z0-9][\w.'’]*){0,4})?"
#: ``MOSCOW —``, ``LONDON, March 3 (AP) —``, ``NEW YORK, Jan. 5 /PRNewswire/ --``.
_DATELINE_CAPS_RE = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+)*{_PLACE_REST})"
    rf"\s*(?:\((?P<agency>[A-Z][\w .&\-]{{1,29}})\)|/(?P<agency2>[A-Z][\w .&\-]{{1,29}})/)?\s*{_DASH}\s+(?=\S)"
)
#: ``Moscow (Reuters) -``: a title-case place needs a wire service in brackets.
_DATELINE_WIRE_RE = re.compile(
    rf"^(?P<place>[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){{0,2}}{_PLACE_REST})"
    rf"\s*\((?P<agency>[A-Z][\w .&\-]{{1,29}})\)\s*{_DASH}\s+(?=\S)"
)
_PUB_CONNECTORS = frozenset("of the and for on in at de du la le el al &".split())
#: Verbs that introduce a quotation on the next line ("He said:").
_SPEECH_VERBS = frozenset(
    """said says stated states added adds told tells wrote writes noted notes explained explains
    declared declares asked asks replied replies warned warns tweeted posted announced announces
    continued continues insisted insists argued argues commented remarked concluded""".split()
)
#: Words that make a short line a clause ("Terms were not disclosed"), not a section heading.
_CLAUSE_WORDS = frozenset(
    """is are was were be been being am has have had will would could should can may might must
    shall did does do said says told i he she it we they""".split()
)
#: A figure other than a year ("24.8", "3", "1,000"): a table row, not a heading.
_FIGURE_RE = re.compile(r"(?<![\d.,])(?!(?:19|20)\d\d(?![\d.,]))\d[\d.,]*")
#: ", the Commission ...": a comma then a lowercase word other than and/or continues a clause.
_COMMA_CLAUSE_RE = re.compile(r",\s+(?!(?:and|or|&)\b)[a-z]")
#: Lines with their position in the input, so ``removed`` keeps input order.
_Lines = list[tuple[int, str]]
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


@dataclass(frozen=True, slots=True)
class CleanResult:
    """The cleaned article text and the metadata read from the boilerplate around it.

    ``removed`` holds every line (or opening prefix) left out of ``text``, in input order,
    so a test or a curious user can see what a rule took away.
    """

    text: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    dateline: str | None = None
    removed: tuple[str, ...] = ()


def clean_text(text: str, *, title: str | None = None) -> CleanResult:
    """Remove web boilerplate from the plain text of one article.

    Each input line is one paragraph, as in news saved as text; the output separates the kept
    paragraphs by one blank line, so sentence offsets downstream are stable.

    Parameters
    ----------
    text : str
        The article as plain text.
    title : str, optional
        The headline when it is already known from metadata (a JSONL field, an HTML
        ``<title>``). Then only a first line equal to it is taken as the headline, so a
        first paragraph without a full stop (a results table, say) is never lost.

    Returns
    -------
    CleanResult
        ``text`` with paragraphs separated by ``"\\n\\n"``; ``title``, ``author``,
        ``publisher`` and ``dateline`` found in the boilerplate; ``removed`` lines.

    Examples
    --------
    >>> r = clean_text("Talks Resume in Doha\\nDID Press: Envoys met on Monday.\\n"
    ...                "By Jane Doe – Example News\\nLeave a Reply")
    >>> r.text, r.title, r.author, r.publisher
    ('Envoys met on Monday.', 'Talks Resume in Doha', 'Jane Doe', 'Example News')
    """
    removed: list[tuple[int, str]] = []  # (line number, text), sorted at the end
    author = publisher = dateline = None
    body: list[tuple[int, str]] = []
    for n, line in enumerate(_lines(text)):
        if _is_widget(line) or _is_navigation(line):
            removed.append((n, line))
            continue
        byline = _byline(line)
        if byline is not None:
            removed.append((n, line))
            author = author or byline[0] or None
            publisher = publisher or byline[1]
            continue
        body.append((n, line))

    found_title, body = _headline(body, title, removed)
    body = _drop_headings(body, removed)
    body = _drop_teasers(body, removed)
    paragraphs = [line for _, line in body]
    if paragraphs:
        paragraphs[0], source, dateline = _strip_prefix(body[0], removed)
        publisher = publisher or source
    return CleanResult(
        text="\n\n".join(_join_quotes(paragraphs)),
        title=title or found_title,
        author=author,
        publisher=publisher,
        dateline=dateline,
        removed=tuple(line for _, line in sorted(removed, key=lambda r: r[0])),
    )


def _lines(text: str) -> list[str]:
    """Split into stripped non-empty lines, with spaces and invisible characters normalised."""
    text = unicodedata.normalize("NFC", _INVISIBLE_RE.sub("", text))
    lines = (_SPACES_RE.sub(" ", line).strip() for line in text.splitlines())
    return [line for line in lines if line]


def _ends_sentence(line: str) -> bool:
    """True if the line ends with ``.``, ``!``, ``?`` or ``…``, maybe inside quotes."""
    return bool(_FINAL_RE.search(line))


def _is_widget(line: str) -> bool:
    """A comment-form, share, newsletter, cookie or footer line, or one without any word."""
    if not any(ch.isalnum() for ch in line):
        return True
    return len(line) <= _MAX_WIDGET_LEN and bool(_WIDGET_RE.match(line))


def _is_navigation(line: str) -> bool:
    """A menu bar: glued CamelCase, separated short items, or a run of section names."""
    if _ends_sentence(line):
        return False
    # "HomeNewsWorldPolitics": words glued into tokens make up most of the line. A join needs
    # two lowercase letters before the capital and two after, so "McMoRan" has none.
    tokens = line.split()
    joins = [len(_CAMEL_JOIN_RE.findall(tok)) for tok in tokens]
    glued = sum(len(tok) for tok, j in zip(tokens, joins) if j)
    if (max(joins) >= 2 or sum(joins) >= 4) and glued >= 0.5 * len(line.replace(" ", "")):
        return True
    # "Home | World | Business": three or more short items between separators.
    items = [item for item in _NAV_SPLIT_RE.split(line) if item]
    if len(items) >= 3 and all(len(i) <= 30 and len(i.split()) <= 4 and _has_letter(i) for i in items):
        return True
    # "Home World Business Markets Sport Culture": capitalised words only, mostly section names.
    words = [w for w in line.split() if w != "&"]
    if len(words) >= 6 and all(w[0].isupper() for w in words):
        sections = sum(w.lower().strip(",") in _SECTION_WORDS for w in words)
        return sections >= max(2, len(words) // 3)
    return False


def _byline(line: str) -> tuple[str, str | None] | None:
    """``(author, publisher)`` if the line is a byline or a credits trailer, else None."""
    if len(line) > _MAX_HEADLINE_LEN:
        return None
    m = _BYLINE_RE.match(line)
    if m and m.group("name").split()[0].lower() not in _NOT_NAMES:
        name = m.group("name")
        pub = (m.group("pub") or "").strip() or None
        if pub and (set(pub.lower().split()) <= _ROLE_WORDS or pub.lower().split()[-1] in _ROLE_WORDS):
            pub = None  # "By Jane Doe, Political correspondent": a role, not a publisher
        elif pub and not all(w[0].isupper() or w[0].isdigit() or w in _PUB_CONNECTORS for w in pub.split()):
            return None  # "By Monday, the talks had collapsed" is a sentence
        return (name.title() if name.isupper() else name), pub
    m = _CREDITS_RE.match(line)
    if m and not _ends_sentence(line.rstrip(")")):
        # The trailer is removed either way; an editor is not the author.
        return ("" if m.group("role").lower() == "editing" else m.group("name") or ""), None
    return None


def _headline(body: _Lines, known: str | None, removed: _Lines) -> tuple[str | None, _Lines]:
    """Take the headline off the top: the known title, or an unpunctuated first line."""
    if len(body) < 2:
        return None, body
    first = body[0][1]
    if known is not None:
        is_title = _norm(first) == _norm(known)
    else:
        is_title = len(first) < _MAX_HEADLINE_LEN and not _ends_sentence(first) and not first.endswith(":")
    if is_title:
        removed.append(body[0])
        return first, body[1:]
    return None, body


def _has_letter(s: str) -> bool:
    return any(ch.isalpha() for ch in s)


def _norm(s: str) -> str:
    """Compare headlines case- and space-insensitively."""
    return " ".join(s.split()).casefold().rstrip(".")


def _is_prose(line: str) -> bool:
    """A paragraph of running text: six words or more, ending a sentence."""
    return _ends_sentence(line) and len(line.split()) >= 6


def _looks_like_clause(line: str) -> bool:
    """A sentence that lost its full stop, or a table row: a finite verb, a pronoun, a figure."""
    words = {w.strip(",;:\"'“”‘’()").lower() for w in line.split()}
    return bool(words & _CLAUSE_WORDS) or bool(_FIGURE_RE.search(line)) or bool(_COMMA_CLAUSE_RE.search(line))


def _drop_headings(body: _Lines, removed: _Lines) -> _Lines:
    """Drop section headings: short unpunctuated lines with prose before and after them.

    Requiring prose on both sides is what tells "High-level engagement" between two
    paragraphs from the "Year" or "Shr 34 cts vs 1.19 dlrs" rows of a results table.
    """
    keep: _Lines = []
    for i, (n, line) in enumerate(body):
        if (
            0 < i < len(body) - 1
            and len(line) <= _MAX_HEADING_LEN
            and len(line.split()) <= _MAX_HEADING_WORDS
            and not _ends_sentence(line)
            and not line.endswith((":", ",", ";", "-", "–", "—"))
            and ". " not in line
            and (line[0].isupper() or line[0].isdigit())
            and not _looks_like_clause(line)
            and _is_prose(body[i - 1][1])
            and _is_prose(body[i + 1][1])
        ):
            removed.append((n, line))
        else:
            keep.append((n, line))
    return keep


def _drop_teasers(body: _Lines, removed: _Lines) -> _Lines:
    """Drop a list of teaser headlines after the article: two or more short unpunctuated lines
    closing the text after prose ("Top Stories", "Oil prices hit new high", ...).

    A results table or a line with a verb is no teaser (``_looks_like_clause``), so the
    "Shr 34 cts vs 1.19 dlrs" rows of a newswire report stay.
    """
    end = len(body)
    while end > 0:
        line = body[end - 1][1]
        if len(line) > _MAX_HEADING_LEN or _ends_sentence(line) or _looks_like_clause(line) or not line[0].isupper():
            break
        end -= 1
    if len(body) - end < 2 or end == 0 or not _is_prose(body[end - 1][1]):
        return body
    removed.extend(body[end:])
    return body[:end]


def _strip_prefix(numbered: tuple[int, str], removed: _Lines) -> tuple[str, str | None, str | None]:
    """Strip a ``Source:`` or dateline opening; return ``(rest, publisher, dateline)``."""
    n, line = numbered
    m = _DATELINE_CAPS_RE.match(line)
    if m is None:
        m = _DATELINE_WIRE_RE.match(line)
        if m is not None and m.group("agency").upper() not in _WIRES:
            m = None
    if m:
        agency = (m.groupdict().get("agency") or m.groupdict().get("agency2") or "").strip() or None
        removed.append((n, m.group(0).strip()))
        return line[m.end():], agency, m.group("place").strip().rstrip(",")
    m = _PREFIX_RE.match(line)
    if m and m.group("src").lower() not in _PREFIX_LABELS and len(line) > m.end() + 20:
        src = m.group("src")
        removed.append((n, m.group(0).strip()))
        if src.isupper() and src not in _AGENCIES:
            return line[m.end():], None, src  # "NEW DELHI: ..." is a dateline
        return line[m.end():], src, None
    return line, None, None


def _join_quotes(body: list[str]) -> list[str]:
    """Join "He said:" to the quotation on the next line, so the attribution survives."""
    out: list[str] = []
    i = 0
    while i < len(body):
        line = body[i]
        if line.endswith(":") and i + 1 < len(body):
            nxt = body[i + 1]
            last_word = line[:-1].split()[-1].lower() if line[:-1].split() else ""
            if nxt[0] in _OPENERS or last_word in _SPEECH_VERBS:
                out.append(f"{line} {nxt}")
                i += 2
                continue
        out.append(line)
        i += 1
    return out


# Markdown, turned into plain text before the rules above run on it.

_FENCE_RE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_LINE_RULES = (
    (re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S.*$"), ""),  # link reference definitions
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$"), r"\1"),  # ATX headings
    (re.compile(r"^(?:\s{0,3}>\s?)+"), ""),  # block quotes
    (re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(?=\S)"), ""),  # list items
    (re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])"), ""),  # images
    (re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])"), r"\1"),  # links
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"`([^`]+)`"), r"\1"),  # inline code
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),  # emphasis
    (re.compile(r"~~(.+?)~~"), r"\1"),  # strikethrough
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),  # escapes
)
_FRONT_KEYS = ("title", "author", "date", "url", "publisher", "source")


def strip_markdown(text: str) -> tuple[str, dict[str, str]]:
    """Turn a Markdown article into plain text for :func:`clean_text`, keeping its metadata.

    A small regex pass, not a Markdown parser: news in Markdown uses headings, emphasis,
    links, images, quotes, lists and code fences, and those are what it handles. Headings
    stay as lines of their own, so the headline and section rules of :func:`clean_text`
    apply to them as to any text.

    Parameters
    ----------
    text : str
        The Markdown source, optionally opening with ``---`` YAML front matter.

    Returns
    -------
    text : str
        Plain text, one block a line; images and code blocks removed, links kept as their text.
    meta : dict
        ``title``, ``author``, ``date``, ``url`` and ``publisher`` (or ``source``) found in
        the front matter, as strings.

    Examples
    --------
    >>> strip_markdown("# Talks *resume*\\n\\nEnvoys met in [Doha](https://x.org).\\n")
    ('Talks resume\\n\\nEnvoys met in Doha.', {})
    """
    meta: dict[str, str] = {}
    lines = text.lstrip("\ufeff").splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
        if end is not None:
            for line in lines[1:end]:
                key, sep, value = line.partition(":")
                if sep and key.strip().lower() in _FRONT_KEYS and value.strip():
                    meta[key.strip().lower()] = value.strip().strip("\"'")
            lines = lines[end + 1:]
    if "source" in meta:
        meta.setdefault("publisher", meta.pop("source"))
    out: list[str] = []
    in_fence = False
    for line in lines:
        if _FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for pattern, repl in _MD_LINE_RULES:
            line = pattern.sub(repl, line)
        out.append(line)
    return re.sub(r"<!--.*?-->", "", "\n".join(out), flags=re.DOTALL), meta
