"""Which library normalises news time expressions best? kg.timex (dateparser + kg's cuts) against
dateparser alone, parsedatetime and ctparse, on hand-labelled expressions read against an article date.

Each expression has the days it can mean (first and last day, inclusive) for the article date
2024-11-28 (a Thursday); a library is right when it gives exactly those days. A second pass
reads the same expressions without an article date and counts the answers that carry a year
the text does not give (an invented year). Timing is the median of 5 passes, warm.

    python benchmarks/timex.py            # needs: pip install parsedatetime ctparse (optional ones are skipped)
"""

from __future__ import annotations

import calendar
import re
import statistics
import time
from datetime import date, datetime, timedelta

BASE = date(2024, 11, 28)

#: (words, first day, last day) read against BASE; None, None: no time a reader could place
LABELLED = [
    ("on Monday", "2024-11-25", "2024-11-25"), ("Monday", "2024-11-25", "2024-11-25"),
    ("on Wednesday", "2024-11-27", "2024-11-27"), ("yesterday", "2024-11-27", "2024-11-27"),
    ("today", "2024-11-28", "2024-11-28"), ("November 25", "2024-11-25", "2024-11-25"),
    ("On November 25", "2024-11-25", "2024-11-25"), ("Nov. 25", "2024-11-25", "2024-11-25"),
    ("25 November 2024", "2024-11-25", "2024-11-25"), ("March 3, 2005", "2005-03-03", "2005-03-03"),
    ("1 January", "2024-01-01", "2024-01-01"), ("last week", "2024-11-18", "2024-11-24"),
    ("this week", "2024-11-25", "2024-12-01"), ("next month", "2024-12-01", "2024-12-31"),
    ("last month", "2024-10-01", "2024-10-31"), ("this month", "2024-11-01", "2024-11-30"),
    ("in 1989", "1989-01-01", "1989-12-31"), ("1987", "1987-01-01", "1987-12-31"),
    ("last year", "2023-01-01", "2023-12-31"), ("this year", "2024-01-01", "2024-12-31"),
    ("next year", "2025-01-01", "2025-12-31"), ("earlier this year", "2024-01-01", "2024-12-31"),
    ("in November 2003", "2003-11-01", "2003-11-30"), ("June 2004", "2004-06-01", "2004-06-30"),
    ("last October", "2024-10-01", "2024-10-31"), ("early 2004", "2004-01-01", "2004-12-31"),
    ("mid-1988", "1988-01-01", "1988-12-31"), ("from 1941 to 1945", "1941-01-01", "1945-12-31"),
    ("between 2000 and 2002", "2000-01-01", "2002-12-31"), ("the 1990s", "1990-01-01", "1999-12-31"),
    ("two days ago", "2024-11-26", "2024-11-26"), ("next Monday", "2024-12-02", "2024-12-02"),
    ("two years later", None, None), ("the past three months", None, None), ("the first quarter", None, None),
    ("10 years", None, None), ("the following day", None, None), ("annual", None, None),
]
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)")


def _month(d: date) -> tuple[str, str]:
    return d.replace(day=1).isoformat(), d.replace(day=calendar.monthrange(d.year, d.month)[1]).isoformat()


def kg_timex(words: str, base: date | None):
    from kg.timex import normalise

    t = normalise(words, base)
    return (t.start, t.end) if t is not None else (None, None)


def dateparser_alone(words: str, base: date | None):
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(words)
    if data is None or data.date_obj is None:
        return None, None
    d = data.date_obj.date()
    if data.period == "year":
        return f"{d.year}-01-01", f"{d.year}-12-31"
    if data.period == "month":
        return _month(d)
    if data.period == "week":
        monday = d - timedelta(days=d.weekday())
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    return d.isoformat(), d.isoformat()


def parsedatetime_(words: str, base: date | None):
    import parsedatetime

    cal = parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)
    source = datetime(base.year, base.month, base.day) if base is not None else datetime.now()
    when, ctx = cal.parseDT(words, sourceTime=source)
    if not ctx.hasDate:
        return None, None
    return when.date().isoformat(), when.date().isoformat()


def ctparse_(words: str, base: date | None):
    from ctparse import ctparse
    from ctparse.types import Interval, Time

    source = datetime(base.year, base.month, base.day) if base is not None else datetime.now()
    parse = ctparse(words, ts=source, timeout=1)
    if parse is None:
        return None, None
    r = parse.resolution

    def bounds(t: Time, last: bool) -> str | None:
        if t is None or t.year is None:
            return None
        if t.month is None:
            return f"{t.year}-12-31" if last else f"{t.year}-01-01"
        if t.day is None:
            return _month(date(t.year, t.month, 1))[1 if last else 0]
        return date(t.year, t.month, t.day).isoformat()

    if isinstance(r, Interval):
        return bounds(r.t_from, False), bounds(r.t_to, True)
    if isinstance(r, Time):
        return bounds(r, False), bounds(r, True)
    return None, None


def main() -> int:
    import logging

    logging.getLogger("ctparse").setLevel(logging.ERROR)
    libraries = {"kg.timex (dateparser + cuts)": kg_timex, "dateparser alone": dateparser_alone,
                 "parsedatetime": parsedatetime_, "ctparse": ctparse_}
    print(f"{len(LABELLED)} expressions read against {BASE} (Thursday)\n")
    print(f"{'library':30} {'right':>7} {'invented years, no date':>24} {'ms/expr':>8}")
    for name, fn in libraries.items():
        try:
            fn("today", BASE)
        except ImportError:
            print(f"{name:30} (not installed)")
            continue
        right = sum(1 for w, a, b in LABELLED if fn(w, BASE) == (a, b))
        invented = 0
        for w, *_ in LABELLED:
            got = fn(w, None)
            if got != (None, None) and any(g and g[:4] for g in got) and not _YEAR.search(w):
                invented += 1
        times = []
        for _ in range(5):
            started = time.perf_counter()
            for w, *_ in LABELLED:
                if name.startswith("kg"):
                    from kg.timex import _normalise

                    _normalise.cache_clear()
                fn(w, BASE)
            times.append((time.perf_counter() - started) * 1000 / len(LABELLED))
        print(f"{name:30} {right:>3}/{len(LABELLED):<3} {invented:>24} {statistics.median(times):>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
