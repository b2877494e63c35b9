"""Time: temporal expressions normalised against the article's date, and the article's date itself.

``normalise("on Monday", date(2024, 11, 28))`` is the day ``2024-11-25``; "November 25",
"last week", "in 1989", "next month", "earlier this year", "from 1941 to 1945" become an
``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``, or an interval (first and last day), keeping
the words. The parsing is dateparser's (a relative base, past or future preference, and the
period it read: day, week, month, year); this module only cuts the words it cannot read
(prepositions, "early", "the end of", ranges, decades) and turns its answer into XSD values.

Without an article date nothing is invented: the expression is parsed against two different
dates, and only the parts on which both readings agree are kept, so "November 25" gives the
partial date ``--11-25`` and "on Monday" gives no value (the words are kept).

dateparser is imported on first use: a build whose expressions need no parsing never loads it.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = ["TimeValue", "normalise", "names_a_time", "article_date", "dateline_date", "parse_iso", "iso_days", "warm"]

_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A normalised time: the words, an XSD value when one fits, and the days it can cover.

    ``datatype`` is ``date``, ``gYearMonth``, ``gYear`` or ``gMonthDay`` (the local name of an
    XSD type), ``None`` when only an interval fits (last week, the 1990s, since 1997).
    """

    text: str
    value: str | None = None
    datatype: str | None = None
    start: str | None = None  # ISO dates, inclusive
    end: str | None = None

    @property
    def datatype_iri(self) -> str | None:
        return _XSD + self.datatype if self.datatype else None


#: Words before the expression that do not change the time it names.
_LEAD = re.compile(r"^(?:on|in|at|during|of|by|around|about|as of|from|the|this past|past)\s+", re.I)
#: Words that narrow a time inside the unit that follows; the unit is kept ("early 2004" -> 2004).
_WITHIN = re.compile(r"^(?:early|earlier|mid|mid-|middle of|late|later|the end of|end of|the beginning of|beginning of|"
                     r"the start of|start of|the middle of|the first half of|the second half of)[\s-]*", re.I)
_RANGE = re.compile(r"^(?:from\s+|between\s+)?(.+?)\s*(?:\bto\b|\band\b|\buntil\b|\bthrough\b|-|–)\s*(.+)$", re.I)
_DECADE = re.compile(r"^(?:the\s+)?(?:early\s+|mid-?\s*|late\s+)?((?:1[5-9]|20)\d)0'?s$", re.I)
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
#: Expressions relative to the story, not to the article's date, or durations: no value.
_NARRATIVE = re.compile(r"\b(?:later|earlier|previous|following|next day|day before|same day|that day|that year|"
                        r"quarter|season|fiscal|annual|annually|weekly|daily|monthly|yearly|decades?|centur(?:y|ies)|times?|"
                        r"recent|coming|some|several|few|many)\b", re.I)
_DURATION = re.compile(r"^(?:(?:the|a|an)\s+)?(?:past|last|next|first|coming|previous)?\s*(?:\d+|one|two|three|four|five|six|seven|"
                       r"eight|nine|ten|eleven|twelve|a|an)(?:\s+|-)(?:years?|months?|weeks?|days?)$", re.I)
_NAMED_MONTH = re.compile(r"^(last|next|this)\s+(january|february|march|april|may|june|july|august|september|october|"
                          r"november|december)$", re.I)
_RELATIVE_WITHIN = re.compile(r"^(?:earlier|later)\s+(this|last|next)\s+(year|month|week)$", re.I)


def normalise(text: str, base: date | None, prefer: str = "past") -> TimeValue | None:
    """The time ``text`` names, read against the article's date ``base`` (None: no date known).

    ``prefer`` is ``past`` (what the article reports) or ``future`` (what is planned): which
    Monday "on Monday" is. Returns None for words that name no time kg can place.

    Examples
    --------
    >>> normalise("on Monday", date(2024, 11, 28)).value
    '2024-11-25'
    >>> v = normalise("November 25", None); (v.value, v.datatype)
    ('--11-25', 'gMonthDay')
    >>> normalise("on Monday", None) is None
    True
    >>> v = normalise("from 1941 to 1945", None); (v.start, v.end)
    ('1941-01-01', '1945-12-31')
    """
    return _normalise(" ".join(text.split()), base, prefer)


def names_a_time(text: str) -> bool:
    """Whether the words can name a time at all, whatever the article's date: not a duration
    ("a week", "the past three months") nor a time told relative to the story ("two years later").

    >>> names_a_time("on Monday"), names_a_time("after a week"), names_a_time("two years later")
    (True, False, False)
    """
    core = _core(" ".join(text.split()))[1]
    return bool(core) and not _DURATION.match(core) and not (_NARRATIVE.search(core) and not _RANGE.match(core))


def _core(text: str) -> tuple[str | None, str]:
    """(bound word, the words that name the time) of an expression: "until 2003" -> ("until", "2003")."""
    core = text.strip(" ,.;:'’").replace("’s", "").replace("'s", "")
    bound = None
    m = re.match(r"^(since|until|till|up to|before|after|by)\s+(.+)$", core, re.I)
    if m:
        bound, core = m.group(1).lower(), core[m.end(1):].strip()
    while True:
        stripped = _LEAD.sub("", core)
        if stripped == core:
            break
        core = stripped
    return bound, core


@functools.lru_cache(maxsize=65536)
def _normalise(text: str, base: date | None, prefer: str) -> TimeValue | None:
    bound, core = _core(text)
    m = _NAMED_MONTH.match(core)
    if m:  # "last October": the last October before the article; "next March": the next one
        core, prefer = m.group(2), "future" if m.group(1).lower() == "next" else "past"
    m = _RELATIVE_WITHIN.match(core)
    if m:
        core = f"{m.group(1)} {m.group(2)}"  # "earlier this year": some time this year
    core = _WITHIN.sub("", core).strip()
    if not core or _DURATION.match(core):
        return None
    decade = _DECADE.match(core)
    if decade:
        first = int(decade.group(1)) * 10
        return _bounded(text, None, None, f"{first}-01-01", f"{first + 9}-12-31", bound)
    rng = _RANGE.match(core)
    if rng and not bound and re.search(r"\d", rng.group(1)) and re.search(r"\d", rng.group(2)):
        a, b = _point(rng.group(1), base, prefer), _point(rng.group(2), base, prefer)
        if a is not None and b is not None and a[2] and b[3] and a[2] <= b[3]:
            return TimeValue(text, start=a[2], end=b[3])
    if _NARRATIVE.search(core):
        return None
    point = _point(core, base, prefer)
    if point is None:
        return None
    value, datatype, start, end = point
    return _bounded(text, value, datatype, start, end, bound)


def _bounded(text: str, value, datatype, start, end, bound: str | None) -> TimeValue:
    """"since 1997": from its start on; "until 2003": up to its end; "before X", "after X" likewise."""
    if bound in {"since", "after"}:
        return TimeValue(text, start=start if bound == "since" else end)
    if bound in {"until", "till", "up to", "by"}:
        return TimeValue(text, end=end)
    if bound == "before":
        return TimeValue(text, end=start)
    return TimeValue(text, value, datatype, start, end)


def _point(core: str, base: date | None, prefer: str) -> tuple[str | None, str | None, str | None, str | None] | None:
    """(value, datatype, first day, last day) of one expression, or None."""
    if _YEAR.match(core):
        y = int(core)
        return str(y), "gYear", f"{y}-01-01", f"{y}-12-31"
    if base is not None:
        read = _parse(core, base, prefer)
        if read is None:
            return None
        return _value(*read)
    a, b = _parse(core, date(2001, 6, 15), prefer), _parse(core, date(2013, 3, 20), prefer)
    if a is None or b is None or a[1] != b[1]:
        return None
    (da, period), db = a, b[0]
    if period == "year" and da.year == db.year:
        return _value(da, "year")
    if period == "month" and (da.year, da.month) == (db.year, db.month):
        return _value(da, "month")
    if period == "day" and da == db:
        return _value(da, "day")
    if period == "day" and (da.month, da.day) == (db.month, db.day):
        return f"--{da.month:02d}-{da.day:02d}", "gMonthDay", None, None  # no year to give it
    return None


def _value(d: date, period: str) -> tuple[str | None, str | None, str, str]:
    if period == "year":
        return str(d.year), "gYear", f"{d.year}-01-01", f"{d.year}-12-31"
    if period == "month":
        last = calendar.monthrange(d.year, d.month)[1]
        return f"{d.year}-{d.month:02d}", "gYearMonth", f"{d.year}-{d.month:02d}-01", f"{d.year}-{d.month:02d}-{last:02d}"
    if period == "week":
        monday = d - timedelta(days=d.weekday())
        return None, None, monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    return d.isoformat(), "date", d.isoformat(), d.isoformat()


def _parse(core: str, base: date, prefer: str) -> tuple[date, str] | None:
    """dateparser's reading of ``core`` against ``base``: (date, period), or None."""
    data = _parser(base, prefer).get_date_data(core)
    when = data.date_obj if data is not None else None
    if when is None or (when.hour, when.minute, when.second) != (0, 0, 0):
        return None  # a time of day it made up ("the 1990s" read as minutes ago)
    return when.date(), data.period or "day"


def warm() -> None:
    """Import dateparser and load its English data now (a fifth of a second of the first normalisation),
    for a build that would otherwise wait (:func:`kg.pipeline.extract_documents`). Nothing is cached
    that a later normalisation reads differently: the parser made here is thrown away."""
    from dateparser.date import DateDataParser

    DateDataParser(languages=["en"]).get_date_data("3 March 1987")


@functools.lru_cache(maxsize=1024)
def _parser(base: date, prefer: str):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": prefer,
        "PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": True,
    })


# ---------------------------------------------------------------- article dates

_REUTERS = re.compile(r"^\d{1,2}-[A-Za-z]{3}-\d{4}(?: \d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def parse_iso(value: str | None) -> date | None:
    """The day of an ISO date or date-time (``2024-11-28``, ``2024-11-28T10:00:00Z``), or None."""
    if not value:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def article_date(raw: str | None) -> str | None:
    """An article's date field as an ISO date (``YYYY-MM-DD``), or None when it names no whole day.

    Reads ISO dates and date-times, Reuters-21578's ``26-FEB-1987 15:01:01.79``, e-mail style
    ``Thu, 03 Mar 2005 10:00:00 GMT``, and anything dateparser reads the same against two
    different dates (so "yesterday" or "March 3" is never taken for a date).
    """
    if raw is None or not str(raw).strip():
        return None
    raw = " ".join(str(raw).split())
    iso = parse_iso(raw)
    if iso is not None:
        return iso.isoformat()
    if _REUTERS.match(raw):
        try:
            return datetime.strptime(raw.split(" ")[0], "%d-%b-%Y").date().isoformat()
        except ValueError:
            return None
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    if not re.search(r"\d{4}", raw):
        return None
    a, b = _parse(raw, date(2001, 6, 15), "past"), _parse(raw, date(2013, 3, 20), "past")
    if a is not None and b is not None and a[0] == b[0] and a[1] == "day":
        return a[0].isoformat()
    return None


_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}},?\s+(?:1[89]|20)\d\d|\d{{1,2}}\s+{_MONTHS},?\s+(?:1[89]|20)\d\d)\b")


def dateline_date(text: str) -> str | None:
    """The date of a dateline that opens the text ("WASHINGTON, March 3, 2005 (Reuters) -"), or None.

    Only a date with its year, in the first line and within its first 120 characters, counts:
    a dateline without a year ("MOSCOW, Nov 25") gives no article date.
    """
    head = text.lstrip()[:120].split("\n", 1)[0]
    m = _DATELINE.search(head)
    return article_date(m.group()) if m else None


def iso_days(value: object) -> tuple[str, str] | None:
    """The first and last day of an ISO date, month (``2004-06``) or year (``2004``), or None.

    >>> iso_days("2004"), iso_days("2004-02"), iso_days("--11-25"), iso_days("2024-13-45")
    (('2004-01-01', '2004-12-31'), ('2004-02-01', '2004-02-29'), None, None)
    """
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", str(value or ""))
    if m is None:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        if day:
            return date(int(year), int(month), int(day)).isoformat(), m.group()
        if month:
            return f"{year}-{month}-01", f"{year}-{month}-{calendar.monthrange(int(year), int(month))[1]:02d}"
    except ValueError:  # "2024-13-45" names no day
        return None
    return f"{year}-01-01", f"{year}-12-31"
