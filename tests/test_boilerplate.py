"""Tests of the boilerplate cleaner, one table per rule, on lines composed to imitate many sites.

Each table has its negative cases next to the positive ones: real sentences that start like
boilerplate ("Share prices rose", "By contrast", "Back in 2019") must come through untouched.
"""

from __future__ import annotations

import dataclasses

import pytest

from kg.boilerplate import CleanResult, clean_text

# Two paragraphs of ordinary prose to put a line between, so the line is judged in context.
BEFORE = "The minister arrived in Tashkent on Monday for two days of talks on trade and water."
AFTER = "Officials said a joint statement would be issued after the meeting on Tuesday."


def clean_between(line: str) -> CleanResult:
    return clean_text(f"{BEFORE}\n{line}\n{AFTER}")


def paragraphs(result: CleanResult) -> list[str]:
    return result.text.split("\n\n")


WIDGET_LINES = [
    "Leave a Reply",
    "Leave a Comment",
    "Leave a Reply Cancel reply",
    "Your email address will not be published.",
    "Your email address will not be published. Required fields are marked *",
    "Required fields are marked *",
    "Save my name, email, and website in this browser for the next time I comment.",
    "You must be logged in to post a comment.",
    "12 Comments",
    "Post Comment",
    "Back to top",
    "Back to top button",
    "Scroll to top ↑",
    "Skip to content",
    "Share this:",
    "Share this article",
    "Share on WhatsApp",
    "Facebook Twitter LinkedIn Email",
    "Click here to download the full report",
    "Subscribe to our newsletter",
    "Sign up for our daily newsletter to get the news in your inbox",
    "Get our free newsletter every morning",
    "Read more: Tajikistan opens new hydropower plant",
    "READ MORE",
    "Related Articles",
    "You may also like",
    "Advertisement",
    "Story continues below advertisement",
    "We use cookies to give you the best experience on our website.",
    "Accept all cookies",
    "© 2024 Steppe Herald. All rights reserved.",
    "Copyright 2023 Kabul Times",
    "All Rights Reserved.",
    "Follow us on Telegram",
    "Tags: Russia, Taliban, CSTO",
    "Filed under: Politics",
    "Print this article",
    "Email this story",
    "5 min read",
    "Updated: 14 March 2024 09:30",
    "Photo: AFP/Getty Images",
    "* * *",
    # credits, captions and notices of news sites (#10: boilerplate never becomes an entity)
    "Image source, Getty Images",
    "Image caption, Demonstrators gathered outside the ministry on Monday",
    "Image copyright Reuters",
    "AFP/Getty",
    "Getty Images",
    "REUTERS/Kevin Lamarque",
    "(Photo by Jane Doe/Getty Images)",
    "Media playback is unsupported on your device",
    "Our Standards: The Thomson Reuters Trust Principles.",
    "The BBC is not responsible for the content of external sites.",
    "Read about our approach to external linking.",
    "Related Topics",
    "More on this story",
    "Political editor",
    "Business correspondent, BBC News",
]


@pytest.mark.parametrize("line", WIDGET_LINES)
def test_boilerplate_widget_lines_removed(line: str) -> None:
    result = clean_between(line)
    assert paragraphs(result) == [BEFORE, AFTER]
    assert line in result.removed


NAVIGATION_LINES = [
    "AfghanistanAnalysisEconomy & DevelopmentGovernmentMilitaryNewsPoliticsRegionSecuritySocietyTrade",
    "HomeNewsWorldBusinessSportOpinion",
    "HomeWorldUSPoliticsBusinessTechHealth",
    "Home | News | Politics | Economy | Contact",
    "News » Asia » Central Asia",
    "Home / World / Europe",
    "Home • Politics • Business • Sport",
    "Home World Business Markets Sport Culture Opinion",
]


@pytest.mark.parametrize("line", NAVIGATION_LINES)
def test_boilerplate_navigation_removed(line: str) -> None:
    result = clean_text(f"{line}\n{BEFORE}\n{AFTER}")
    assert paragraphs(result) == [BEFORE, AFTER]
    assert result.removed == (line,)
    assert result.title is None


# Lines that begin like boilerplate, or carry CamelCase names, but are the article itself.
KEPT_LINES = [
    "Share prices rose 3 percent in early trading on Monday.",
    "Back in 2019, the two countries signed a trade pact.",
    "By contrast, exports to China fell by 12 percent.",
    "By Monday, the talks had collapsed.",
    "By 2030, the pipeline will carry 30 billion cubic metres of gas a year.",
    "Reporting by the state broadcaster was restricted during the war.",
    "Written by hand, the letter was delivered to the embassy on Friday.",
    "Copyright laws were tightened by parliament in 2019.",
    "Comments by the minister angered opposition lawmakers.",
    "Print media remains under state control in Turkmenistan.",
    "Advertising revenue fell by a third last year.",
    "Updated figures show that inflation slowed to 9 percent.",
    "Related talks will take place in Geneva next week.",
    "Follow-up talks are planned for May.",
    "Subscribers to the state newspaper fell by half.",
    "Click, the Kazakh fintech start-up, raised 20 million dollars.",
    "Tags on the cargo showed it had come from Iran.",
    "Read the statement, he told reporters, and judge for yourselves.",
    "Shares in PayPal and YouTube owner Alphabet were up 3 percent",
    "The McDonald's and PlayStation deals were announced in Almaty on Friday.",
    "Home Secretary James Cleverly met his Uzbek counterpart in London.",
    "Terms were not disclosed",
    "Shr 34 cts vs 1.19 dlrs",
    "The minister added: “We will not accept these terms.”",
    "Lavrov, who spoke in Moscow on Monday — a day after the summit — said the CSTO was ready.",
    "Note: the figures for 2023 are provisional.",
]


@pytest.mark.parametrize("line", KEPT_LINES)
def test_boilerplate_sentences_kept(line: str) -> None:
    result = clean_between(line)
    assert paragraphs(result) == [BEFORE, line, AFTER]
    assert result.removed == ()
    assert result.author is None and result.publisher is None


BYLINES = [
    ("By Jane Doe, Political correspondent", "Jane Doe", None),
    ("By Sulaiman Saber – DID Press Agency", "Sulaiman Saber", "DID Press Agency"),
    ("By Jane Doe, Associated Press", "Jane Doe", "Associated Press"),
    ("By Maria Ivanova | The Moscow Times", "Maria Ivanova", "The Moscow Times"),
    ("By Lucas de Vries for Euronews", "Lucas de Vries", "Euronews"),
    ("By JOHN SMITH", "John Smith", None),
    ("Written by Ahmad Shah Rahimi", "Ahmad Shah Rahimi", None),
    ("By Anna Petrosyan and David Grigoryan", "Anna Petrosyan and David Grigoryan", None),
    ("By Omar Khan, Staff Writer", "Omar Khan", None),
    ("(Reporting by Olzhas Auyezov in Almaty; Editing by Mark Heinrich)", "Olzhas Auyezov", None),
    ("Reporting by Nodira Karimova; Writing by Tom Balmforth", "Nodira Karimova", None),
    ("Editing by Mark Heinrich", None, None),
]


@pytest.mark.parametrize(("line", "author", "publisher"), BYLINES)
def test_boilerplate_byline_to_metadata(line: str, author: str | None, publisher: str | None) -> None:
    result = clean_between(line)
    assert paragraphs(result) == [BEFORE, AFTER]
    assert (result.author, result.publisher) == (author, publisher)
    assert line in result.removed


def test_boilerplate_byline_publisher_beats_source_prefix() -> None:
    result = clean_text(f"Khaama Press: {BEFORE}\n{AFTER}\nBy Ali Reza – Khaama Press News Agency")
    assert result.publisher == "Khaama Press News Agency"
    assert result.author == "Ali Reza"


HEADLINES = [
    "Kazakhstan and Uzbekistan Sign Water-Sharing Deal",
    "Biden Meets Xi Amid Rising Tensions Over Taiwan",
    "Russia signals strategic, security-focused engagement with Taliban",
    "EU foreign ministers to discuss Central Asia strategy – sources",
]


@pytest.mark.parametrize("headline", HEADLINES)
def test_boilerplate_headline_becomes_title(headline: str) -> None:
    result = clean_text(f"{headline}\n\n{BEFORE}\n{AFTER}")
    assert result.title == headline
    assert paragraphs(result) == [BEFORE, AFTER]


def test_boilerplate_first_sentence_is_not_a_title() -> None:
    result = clean_text(f"{BEFORE}\n{AFTER}")
    assert result.title is None
    assert paragraphs(result) == [BEFORE, AFTER]


def test_boilerplate_single_line_is_text_not_title() -> None:
    assert clean_text("Talks resumed in Doha").text == "Talks resumed in Doha"


def test_boilerplate_known_title_removes_only_an_equal_first_line() -> None:
    same = clean_text(f"BAHIA COCOA REVIEW\n{BEFORE}", title="Bahia cocoa review")
    assert same.text == BEFORE and same.title == "Bahia cocoa review"
    table = clean_text("Shr 34 cts vs 1.19 dlrs\nNet 807,000 vs 2,858,000", title="COBANCO INC YEAR NET")
    assert table.text == "Shr 34 cts vs 1.19 dlrs\n\nNet 807,000 vs 2,858,000"
    assert table.removed == ()


SECTION_HEADINGS = [
    "High-level engagement",
    "Reaction from Tashkent",
    "What comes next",
    "Economic Ties and Interdependence: Gas, Fuel, and Trade",
    "Why the 2024 deal matters",
]


@pytest.mark.parametrize("heading", SECTION_HEADINGS)
def test_boilerplate_section_heading_dropped(heading: str) -> None:
    result = clean_between(heading)
    assert paragraphs(result) == [BEFORE, AFTER]
    assert result.removed == (heading,)


def test_boilerplate_heading_needs_prose_on_both_sides() -> None:
    # Rows of a results table have no full stop either, but no prose around them.
    text = "Qtly div three cts vs three cts prior\nYear\nPay April one\nRecord March nine"
    assert clean_text(text, title="ACME CORP DIVIDEND").removed == ()


QUOTE_JOINS = [
    ("He said:", "“We will not retreat.”"),
    ("Lavrov stated:", "“Russia does not play a mediating role.”"),
    ("Political analyst Rohullah Hotak said:", "\"These concerns are being used to achieve certain objectives.\""),
    ("The ministry added:", "The border will reopen on Monday."),
]


@pytest.mark.parametrize(("intro", "quote"), QUOTE_JOINS)
def test_boilerplate_colon_line_joined_with_quotation(intro: str, quote: str) -> None:
    result = clean_between(f"{intro}\n{quote}")
    assert paragraphs(result) == [BEFORE, f"{intro} {quote}", AFTER]


def test_boilerplate_colon_line_before_a_list_not_joined() -> None:
    result = clean_between("Oilseed export registrations were:\nSunflowerseed total 15.0 (7.9)")
    assert paragraphs(result) == [BEFORE, "Oilseed export registrations were:", "Sunflowerseed total 15.0 (7.9)", AFTER]


OPENINGS = [
    ("DID Press: Kremlin emphasized the need for talks.", "Kremlin", None, "DID Press"),
    ("Khaama Press: Officials in Herat said on Sunday that the road had reopened.", "Officials", None, "Khaama Press"),
    ("MOSCOW — President Vladimir Putin announced the talks.", "President", "MOSCOW", None),
    ("WASHINGTON (Reuters) - The U.S. Senate approved the bill.", "The U.S.", "WASHINGTON", "Reuters"),
    ("LONDON, March 3 (AP) — British officials met their Kazakh counterparts.", "British", "LONDON, March 3", "AP"),
    ("KABUL, Afghanistan — Taliban officials met a Russian delegation.", "Taliban", "KABUL, Afghanistan", None),
    ("Almaty (Reuters) - Kazakhstan raised its key rate on Friday.", "Kazakhstan", "Almaty", "Reuters"),
    ("NEW DELHI: India and Afghanistan discussed trade routes on Monday.", "India", "NEW DELHI", None),
    ("NEW YORK, Jan. 5, 2024 /PRNewswire/ -- Acme Corp announced a merger.", "Acme", "NEW YORK, Jan. 5, 2024", "PRNewswire"),
]


@pytest.mark.parametrize(("line", "starts", "dateline", "publisher"), OPENINGS)
def test_boilerplate_source_prefix_and_dateline_stripped(
    line: str, starts: str, dateline: str | None, publisher: str | None
) -> None:
    result = clean_text(f"{line}\n{AFTER}")
    first = paragraphs(result)[0]
    assert first.startswith(starts) and line.endswith(first)
    assert (result.dateline, result.publisher) == (dateline, publisher)


UNTOUCHED_OPENINGS = [
    "Note: The figures for 2023 are provisional and may be revised later this year.",
    "The deal — worth 3 billion dollars — was signed in Ashgabat on Friday.",
    "NATO allies met in Brussels on Monday — the first meeting since the summit.",
    "NATO, the EU and the US - all of them allies - agreed on the text.",
    "Uzbekistan's president said: the reforms will continue next year.",
    "Putin: “We will not retreat from our positions in the region,” he told reporters.",
    "US-China trade talks resumed in Geneva on Monday.",
]


@pytest.mark.parametrize("line", UNTOUCHED_OPENINGS)
def test_boilerplate_ordinary_opening_kept(line: str) -> None:
    result = clean_text(f"{line}\n{AFTER}")
    assert paragraphs(result) == [line, AFTER]
    assert result.dateline is None and result.publisher is None


def test_boilerplate_dateline_only_opens_the_article() -> None:
    later = "MOSCOW — The Kremlin declined to comment."
    assert paragraphs(clean_text(f"{BEFORE}\n{later}")) == [BEFORE, later]


def test_boilerplate_whitespace_normalised() -> None:
    text = "\ufeff  First paragraph,\u00a0with a  gap.  \r\n\n\n\n\tSecond “quoted” paragraph — here.\t\n\n\n"
    result = clean_text(text)
    assert result.text == "First paragraph, with a gap.\n\nSecond “quoted” paragraph — here."


def test_boilerplate_removed_in_input_order() -> None:
    text = f"HomeNewsWorldSport\nA Headline Here\nDID Press: {BEFORE}\n{AFTER}\nBy Jane Doe\nLeave a Reply"
    result = clean_text(text)
    assert result.removed == ("HomeNewsWorldSport", "A Headline Here", "DID Press:", "By Jane Doe", "Leave a Reply")


def test_boilerplate_result_is_frozen() -> None:
    result = clean_text(BEFORE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = ""  # type: ignore[misc]
    assert not hasattr(result, "__dict__")


def test_boilerplate_teaser_list_after_the_article_dropped() -> None:
    """Headlines of other stories after the last paragraph go; a closing results table stays."""
    teasers = ["Top Stories", "Oil prices hit two-year high", "Minister quits over expenses row"]
    result = clean_text("\n".join([BEFORE, AFTER, *teasers]))
    assert paragraphs(result) == [BEFORE, AFTER] and all(t in result.removed for t in teasers)
    table = ["Shr 34 cts vs 1.19 dlrs", "Net 2,011,000 vs 7,021,000", "Revs 19.2 mln vs 20.8 mln"]
    result = clean_text("\n".join([BEFORE, AFTER, *table]))
    assert paragraphs(result) == [BEFORE, AFTER, *table]
