"""Entity types a reader would give, from the words around a name (kg.extract.entity_types). See #10.

Sentences written for the rules, then sentences of real news (Reuters-21578, by record id) that
no rule was written from.
"""

from __future__ import annotations

import pytest

from kg.extract.mentions import find_mentions

pytestmark = pytest.mark.issue(10)


@pytest.fixture(scope="module")
def nlp():
    from kg.nlp import load_model

    return load_model()


def _mentions(nlp, text: str) -> dict[str, tuple[str, str]]:
    """surface -> (label, key) of the mentions of one text (the last one wins)."""
    dm = find_mentions(nlp(text), "d")
    return {m.text: (m.label, m.key) for m in dm.mentions}


# (text, surface, labels it may get, key it must get or None)
WRITTEN = [
    # title: a title before a name makes it a person, whatever the gazetteer says
    ("Mr Kent said the plan would work.", "Kent", {"PERSON"}, None),
    ("Lord Strathclyde warned ministers that they should listen.", "Strathclyde", {"PERSON"}, None),
    # gazetteer: a county, a country, a city the NER took for a person
    ("Flooding hit homes across Kent on Monday.", "Kent", {"LOC"}, None),
    ("It emerged a Devon man had been told he could use dogs.", "Devon", {"LOC"}, None),
    # alias: parties and houses by their nicknames are organisations, one key each
    ("The Tories and the Lib Dems attacked Labour's plans in the Commons.", "Tories", {"ORG"}, "conservative party"),
    ("The Tories and the Lib Dems attacked Labour's plans in the Commons.", "Lib Dems", {"ORG"}, "liberal democrats"),
    ("The Tories and the Lib Dems attacked Labour's plans in the Commons.", "Labour", {"ORG"}, "labour party"),
    ("Labour's majority in the Commons was reduced to 14.", "Commons", {"ORG"}, "house of commons"),
    # noun: a person noun or an organisation noun before the name
    ("Lib Dem Treasury spokesman Vince Cable branded the Tory plans fantasy economics.", "Vince Cable", {"PERSON"}, None),
    ("He asked whether his technique was legal through contact with the rural affairs ministry, Defra. "
     "Defra have also invented a new offence, he said.", "Defra", {"ORG"}, None),
    ("Barclays, which owns former building society the Woolwich, forecast an 8% fall.", "Woolwich", {"ORG"}, None),
    # title: letters after a name
    ("The chairman of the Bar Council, Guy Mansfield QC, has warned of a real risk.", "Guy Mansfield QC", {"PERSON"}, "guy mansfield"),
    # head: the name's own head word; a law's year is not part of its name
    ("MPs voted in favour of the Prevention of Terrorism Bill after a long debate.", "Prevention of Terrorism Bill", {"LAW"}, None),
    ("Officers may use two dogs under the Hunting Act 2004, which came into force in February.", "Hunting Act 2004", {"LAW"}, "hunting act"),
    ("Passengers were stuck at Imam Khomeini International Airport for hours.", "Imam Khomeini International Airport", {"FAC"}, None),
    ("The South China Morning Post Ltd said profits rose.", "South China Morning Post Ltd", {"ORG"}, None),
    ("Israel occupied the West Bank in 1967.", "West Bank", {"LOC", "GPE"}, None),  # a place may end in Bank
    # compass: part of a known place
    ("North Devon landowner Giles Bradshaw was told it was an offence.", "North Devon", {"LOC"}, None),
    # gazetteer after a comma: "New College, Oxford"
    ("Educated at Eton, and at New College, Oxford, he served in the Scots Guards.", "Oxford", {"GPE"}, None),
    # schooling: where one was educated is a school, not a person
    ("Educated at Eton, and at New College, Oxford, he served in the Scots Guards.", "Eton", {"ORG"}, None),
    # a work is named with its noun, not after the person it is named for
    ("Interviewed on BBC Radio 2's Jeremy Vine show, Mr Howard said it was true.", "Jeremy Vine show", {"WORK_OF_ART"}, None),
    # age: an age between commas after a name the NER took for a body or a place
    ("Marie Magdefrau Ferraro, 50, of Bethany, Conn., was hurt on Thursday.", "Marie Magdefrau Ferraro", {"PERSON"}, None),
    ("Albrecht, 54, is a former professor of economics.", "Albrecht", {"PERSON"}, None),
    # kin and agent nouns with "of": only a person has them ("Lincoln" is a city too)
    ("John Wilkes Booth, assassin of Lincoln, was cornered by soldiers.", "Lincoln", {"PERSON"}, None),
    # ... but a place with a number after it stays a place ("Paris, 2, Lyon, 3": scores, not ages)
    ("The results were Paris, 2, Lyon, 3, and Nice, 4.", "Paris", {"GPE"}, None),
    # verb_argument: the doer and the victim of a killing verb are people, though the NER missed them
    ("Ruby fatally shot Oswald two days later.", "Ruby", {"PERSON"}, None),
    ("Ruby fatally shot Oswald two days later.", "Oswald", {"PERSON"}, None),
    ("Booth crept into the box and shot Lincoln in the head.", "Lincoln", {"PERSON"}, None),
    ("Booth crept into the box and shot Lincoln in the head.", "Booth", {"PERSON"}, None),
    ("He is serving 99 years in prison for first-degree murder of King in Memphis.", "King", {"PERSON"}, None),
    # born: the one born is a person, the known place after "in" a place
    ("Copland, who was born in Brooklyn, lives in upstate New York.", "Copland", {"PERSON"}, None),
    ("Norton Winfred Simon was born on Feb. 5, 1907, in Portland.", "Norton Winfred Simon", {"PERSON"}, None),
    ("Lucille Ball was born in Jamestown, N.Y., the daughter of an electrician.", "Jamestown", {"GPE"}, None),
    ("Morgan Ellis was born in Jamestown in 1911.", "Jamestown", {"GPE"}, None),
    # native: the name a native is of is the place the gazetteer knows
    ("Mr. Vee, a Fargo native, sent one of his recording contracts.", "Fargo", {"GPE"}, None),
    ("Miller is a Wilmington native who was recruited by the FBI.", "Wilmington", {"GPE"}, None),
    ("The names were picked by actress Cybill Shepherd, a Memphis native and mother of twins.", "Memphis", {"GPE"}, None),
    # dateline: an upper-case town before a comma, a state or country and "(AP)" is a place
    ("NAJAF, Iraq (AP) _ A car bomb exploded near a shrine on Monday.", "NAJAF", {"GPE"}, None),
]


@pytest.mark.parametrize(("text", "surface", "label"), [
    ("The soldiers were killed on April 26, 1865.", None, "PERSON"),  # verb_argument: a date is no person
    ("Israel killed three militants in Gaza.", None, "PERSON"),  # ... and a country stays a country
    ("EXXON, Texas, is a big company.", "EXXON", "GPE"),
    ("In 1890, the 34th President of the United States, Dwight Eisenhower, was born in Denison, Texas.", "President", "PERSON"),  # dateline: no "(AP)", dash or line end after the state
])
def test_entity_types_rules_leave_others(nlp, text, surface, label):
    found = _mentions(nlp, text)
    assert all(got != label for name, (got, _) in found.items() if surface in (None, name)), found


@pytest.mark.parametrize(("text", "surface", "labels", "key"), WRITTEN)
def test_entity_types_written(nlp, text, surface, labels, key):
    found = _mentions(nlp, text)
    assert surface in found, found
    label, got_key = found[surface]
    assert label in labels, (surface, label)
    if key is not None:
        assert got_key == key


def test_entity_types_back_reference_and_consensus(nlp):
    """"the Bill" is the one bill the article names; a name typed once is typed throughout."""
    dm = find_mentions(nlp("MPs backed the Prevention of Terrorism Bill on Monday. The Bill now faces opposition "
                           "from peers. \"No Bill goes through Parliament without change,\" he said."), "d")
    bills = [m for m in dm.mentions if m.text.endswith("Bill")]
    assert len(bills) == 3 and {(m.label, m.key) for m in bills} == {("LAW", "prevention of terrorism bill")}


def test_entity_types_given_name_joins_the_one_person(nlp):
    dm = find_mentions(nlp("In July this year Amanda Champion's killer, James Ford, pleaded guilty to her murder. "
                           "Amanda's uncle, Lewis Champion, told the BBC News website Ford did not deserve any credit."), "d")
    amanda = [m for m in dm.mentions if m.text == "Amanda"]
    assert amanda and all((m.label, m.key) == ("PERSON", "amanda champion") for m in amanda)
    assert {m.key for m in dm.mentions if m.text == "Lewis Champion"} == {"lewis champion"}


def test_entity_types_surname_not_taken_from_a_place(nlp):
    """"North Devon" is no person's full name, so "Devon" is not its surname."""
    dm = find_mentions(nlp("North Devon landowner Giles Bradshaw complained. A Devon man was told he could use two dogs."), "d")
    devon = [m for m in dm.mentions if m.text == "Devon"]
    assert devon and all(m.label != "PERSON" and m.key == "devon" for m in devon)


def test_entity_types_defined_acronym_of_one_word(nlp):
    dm = find_mentions(nlp("Economists at PricewaterhouseCoopers (PWC) warned house prices were overvalued."), "d")
    assert ("pwc", "pricewaterhousecoopers") in dm.acronyms


# Real news: Reuters-21578 sentences (record id), none of which a rule was written from.
REUTERS = [
    # reuters-2040ish rotterdam port strike: a city the NER called a person
    ("The Hague and Rotterdam preceded with programs to cut costs.", "Rotterdam", {"GPE"}),
    # reuters-3034: a city in apposition to a person noun stays a city; an acronym stays no town
    ("Uganda, Africa's second largest coffee producer, was disappointed by the stalemate in recent coffee talks in "
     "London, the chairman of the state-run Coffee Marketing Board, CMB, said.", "London", {"GPE"}),
    ("Producers and consumers failed to agree on a quota formula to share the world's coffee production during "
     "International Coffee Organisation, ICO, talks that ended last week.", "ICO", {"ORG"}),
    # a company after its class noun
    ("Brazil's state oil company Petrobras said it had suspended imports.", "Petrobras", {"ORG"}),
    # a person whose name only modifies a noun keeps the NER's person label
    ("Miller said the Reagan administration had no plans to change its policy.", "Reagan", {"PERSON"}),
    # parties
    ("Budget plans that Democrats controlling Congress hope to pass were criticised.", "Democrats", {"ORG"}),
    # laws and facilities by their head words
    ("The offer violates the Investment Company Act of 1940, the company said.", "Investment Company Act", {"LAW"}),
    ("Southern owns a share of the Vogtle Electric Generating Plant in Georgia.", "Vogtle Electric Generating Plant", {"FAC"}),
]


@pytest.mark.parametrize(("text", "surface", "labels"), REUTERS)
def test_entity_types_reuters(nlp, text, surface, labels):
    found = _mentions(nlp, text)
    assert surface in found, found
    assert found[surface][0] in labels, (surface, found[surface])


_PAGE_LINES = [
    "Clarke to press on with ID cards",
    "By Jane Doe, Political correspondent",
    "Image source, Getty Images",
    "Image caption, Charles Clarke in Downing Street on Monday",
    "Home Secretary Charles Clarke has vowed to plough on with plans for ID cards despite a call from Charles Kennedy.",
    "AFP/Getty",
    "The Liberal Democrat leader said the legislation was flawed, and Mr Clarke said the plans had wide support.",
    "Our Standards: The Thomson Reuters Trust Principles.",
    "Related Topics",
    "Share this",
    "Tony Blair faces Iraq inquiry call",
    "Gordon Brown unveils budget plans",
]
_BOILERPLATE = {"Getty Images", "Getty", "AFP", "Thomson Reuters Trust Principles", "The Thomson Reuters Trust Principles",
                "Jane Doe", "Tony Blair", "Gordon Brown"}


@pytest.mark.parametrize("kind", ["txt", "html"])
def test_entity_types_boilerplate_never_an_entity(nlp, tmp_path, kind):
    """Photo credits, captions, bylines, trust notices and teaser lists make no mention, in text or HTML."""
    from kg.ingest import read_file

    if kind == "txt":
        path = tmp_path / "page.txt"
        path.write_text("\n".join(_PAGE_LINES) + "\n", encoding="utf-8")
    else:
        body = "".join(f"<p>{line}</p>" for line in _PAGE_LINES[1:])
        path = tmp_path / "page.html"
        path.write_text(f"<html><head><title>{_PAGE_LINES[0]}</title></head><body><article><h1>{_PAGE_LINES[0]}</h1>"
                        f"{body}</article></body></html>", encoding="utf-8")
    (doc,) = list(read_file(path))
    names = {m.text for m in find_mentions(nlp(doc.text), "d").mentions}
    assert "Charles Clarke" in names and not names & _BOILERPLATE, names
