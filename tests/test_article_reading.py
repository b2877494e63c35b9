"""Reading a whole article: a blank line ends a sentence, a newswire's marked company is a
company, and "the company" as a subject carries its pronouns and its chairman. See #10.

The article is Reuters-21578's reuters-5456 (records 5,001-6,500, read for this, no rule written
from its facts' gold), cut; each text is read by the real model.
"""

from __future__ import annotations

import pytest

from kg.extract import extract

pytestmark = pytest.mark.issue(10)

MRS_FIELDS = (
    "U.S. Based speciality food retailer <Mrs Fields Inc>, which earlier announced pre-tax profits of 17.1 mln "
    "dlrs in 1986 against 6.8 mln in 1985, said it plans further growth this year with the opening of 125 new "
    "stores in the U.S.\n\n"
    "The company, which is quoted on London's Unlisted Securities Market (USM), said it also planned to expand "
    "its outlets internationally.\n\n"
    "However, chairman Randall Fields told a news conference the company would not move into any new countries "
    "during 1987 but would intensify its efforts where it already had stores.\n"
)


def test_a_blank_line_ends_a_sentence(nlp):
    """The parser ran "... in the U.S." and "The company, which ..." together ("company" the object of "in")."""
    doc = nlp(MRS_FIELDS)
    starts = [s[0].text for s in doc.sents]
    assert starts[:3] == ["U.S.", "The", "However"]


def test_a_marked_company_is_a_company(nlp):
    """"<Mrs Fields Inc>": Reuters' mark, whatever the NER made of "Mrs" (rule marked_firm)."""
    orgs = {m.text for m in extract(nlp(MRS_FIELDS), "t").mentions if m.label == "ORG"}
    assert "Mrs Fields Inc" in orgs
    assert "Fields Inc" not in orgs


def test_the_company_as_subject_carries_its_pronouns(nlp):
    """"The company, which is quoted on London's USM, said it also planned to expand its outlets":
    it is the company (the subject of the clause above), not the market named last."""
    ex = extract(nlp(MRS_FIELDS), "t")
    its = [m for m in ex.mentions if m.text in {"it", "its"} and m.start > MRS_FIELDS.index("The company")]
    assert its and all(m.key == "fields inc" for m in its[:2])


@pytest.mark.parametrize(("text", "fact"), [
    # Reuters-21578 reuters-18 and reuters-114: a bare title's body is the organisation its sentence has for subject
    ("Dean Foods Co expects earnings for the fourth quarter to exceed those of the same year-ago period, Chairman "
     "Kenneth Douglas told analysts. The company later bought Larsen Co. Larsen Co said it was pleased. Larsen Co "
     "makes vegetables.", ("Kenneth Douglas", "leads", "Dean Foods Co")),
    ("World Film Services was formed by chairman John Heyman in 1963 to produce films.", ("John Heyman", "leads", "World Film Services")),
])
def test_a_bare_title_belongs_to_its_sentence_subject(nlp, text, fact):
    assert fact in {(a.subject.text, a.predicate, a.object.text) for a in extract(nlp(text), "t").assertions if a.is_fact}
