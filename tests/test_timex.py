"""Time: each temporal form normalised against an article date, without one, and article dates from the input."""

from __future__ import annotations

from datetime import date

import pytest

from kg.timex import article_date, dateline_date, iso_days, normalise

BASE = date(2024, 11, 28)  # a Thursday

#: (words, value, datatype, first day, last day) against BASE
FORMS = [
    ("on Monday", "2024-11-25", "date", "2024-11-25", "2024-11-25"),
    ("On November 25", "2024-11-25", "date", "2024-11-25", "2024-11-25"),
    ("25 November 2024", "2024-11-25", "date", "2024-11-25", "2024-11-25"),
    ("yesterday", "2024-11-27", "date", "2024-11-27", "2024-11-27"),
    ("last week", None, None, "2024-11-18", "2024-11-24"),
    ("in 1989", "1989", "gYear", "1989-01-01", "1989-12-31"),
    ("next month", "2024-12", "gYearMonth", "2024-12-01", "2024-12-31"),
    ("earlier this year", "2024", "gYear", "2024-01-01", "2024-12-31"),
    ("last year", "2023", "gYear", "2023-01-01", "2023-12-31"),
    ("in November 2003", "2003-11", "gYearMonth", "2003-11-01", "2003-11-30"),
    ("last October", "2024-10", "gYearMonth", "2024-10-01", "2024-10-31"),
    ("early 2004", "2004", "gYear", "2004-01-01", "2004-12-31"),
    ("from 1941 to 1945", None, None, "1941-01-01", "1945-12-31"),
    ("between 2000 and 2002", None, None, "2000-01-01", "2002-12-31"),
    ("the 1990s", None, None, "1990-01-01", "1999-12-31"),
    ("until 2003", None, None, None, "2003-12-31"),
    ("since 1997", None, None, "1997-01-01", None),
]


@pytest.mark.parametrize(("words", "value", "datatype", "start", "end"), FORMS, ids=[f[0] for f in FORMS])
def test_temporal_forms_against_the_article_date(words, value, datatype, start, end):
    t = normalise(words, BASE)
    assert (t.text, t.value, t.datatype, t.start, t.end) == (words, value, datatype, start, end)


def test_future_reading_for_plans():
    assert normalise("on Monday", BASE, "future").value == "2024-12-02"


@pytest.mark.parametrize("words", ["two years later", "the past three months", "this summer", "the first quarter", "10 years"])
def test_words_that_name_no_placeable_time(words):
    assert normalise(words, BASE) is None


def test_without_an_article_date_no_year_is_invented():
    assert normalise("on Monday", None) is None
    assert normalise("last week", None) is None
    t = normalise("November 25", None)
    assert (t.value, t.datatype, t.start) == ("--11-25", "gMonthDay", None)
    assert normalise("in 1989", None).value == "1989"
    assert normalise("June 2004", None).value == "2004-06"


def test_article_dates_from_fields_and_datelines():
    assert article_date("26-FEB-1987 15:01:01.79") == "1987-02-26"  # Reuters-21578
    assert article_date("2024-11-25T10:00:00+00:00") == "2024-11-25"
    assert article_date("Thu, 03 Mar 2005 10:00:00 GMT") == "2005-03-03"
    assert article_date("March 3, 2005") == "2005-03-03"
    assert article_date("yesterday") is None and article_date("March 3") is None and article_date("") is None
    assert dateline_date("WASHINGTON, March 3, 2005 (Reuters) - The ...") == "2005-03-03"
    assert dateline_date("MOSCOW, Nov 25 (Reuters) - no year") is None
    assert iso_days("2004-02") == ("2004-02-01", "2004-02-29")


def test_ingest_normalises_article_dates(tmp_path, reuters_lines):
    """A Reuters record's date field becomes an ISO day (dcterms:date typed xsd:date)."""
    from kg.ingest import iter_documents

    src = tmp_path / "r.jsonl"
    src.write_text(reuters_lines[0], encoding="utf-8")
    (doc,) = list(iter_documents([src]))
    assert doc.date == "1987-02-26"
    page = tmp_path / "p.txt"
    page.write_text("Talks resume\n\nGENEVA, March 3, 2005 (Reuters) - Sergey Lavrov met Colin Powell.\n", encoding="utf-8")
    (doc,) = list(iter_documents([page]))
    assert doc.date == "2005-03-03"
