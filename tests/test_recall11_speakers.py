"""Who "we" is, whose aide or lawyer a person is, where a treaty was signed, and stances said
with a dative or a negation (#11: facts a reader would sign). Real model, written sentences."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.records import Mention
from kg.resolve import Resolver, is_pronoun

from facts_of import fact_keys as _facts

pytestmark = pytest.mark.issue(11)


def test_we_in_a_spokesmans_quotation_is_the_body(nlp):
    text = 'A Home Office spokesman said: "We stand by the provisions in the Criminal Justice Act."'
    ex = extract(nlp(text), "t")
    assert any(m.text == "We" and m.key == "home office" for m in ex.mentions)
    assert ("home office", "supports", "criminal justice act") in {(a.subject.key, a.predicate, a.object.key) for a in ex.assertions}


def test_a_persons_we_is_not_the_person(nlp):
    """"We have agreed to buy ...," said Smith: the firm agreed, which the sentence does not name."""
    ex = extract(nlp('"We are working with Toyota on the engine," said John Smith.'), "t")
    assert any(m.key == "john smith" for m in ex.mentions)
    assert not any(m.text == "We" for m in ex.mentions)
    assert not any(a.subject.key == "john smith" for a in ex.assertions)


def test_a_pronoun_is_no_alias_but_a_countrys_capitals_are():
    assert is_pronoun("I") and is_pronoun("me") and is_pronoun("We") and is_pronoun("us")
    assert not is_pronoun("US") and not is_pronoun("IT")
    r = Resolver()
    r.add([Mention("d", "John Smith", 0, 10, "PERSON", "john smith"), Mention("d", "I", 20, 21, "PERSON", "john smith"),
           Mention("d", "US", 30, 32, "GPE", "us"), Mention("d", "United States", 40, 53, "GPE", "united states")])
    res = r.resolve()
    smith = next(e for e in res.entities if e.label == "John Smith")
    assert "I" not in smith.aliases
    assert any("US" in (e.label, *e.aliases) for e in res.entities)


def test_a_law_is_what_its_provisions_stand_for(nlp):
    assert ("labour party", "opposes", "criminal justice act") in _facts(nlp, "The Labour Party opposed the provisions of the Criminal Justice Act.")
    assert not any(p == "opposes" for _, p, _ in _facts(nlp, "The Labour Party opposed the provisions of Ford Motor Co."))


@pytest.mark.parametrize(("text", "fact"), [
    ("The Louvre Accord was signed in Paris in February.", ("louvre accord", "signedIn", "paris")),
    # the parser hangs the place on the signers
    ("The European constitution was signed by all 25 current EU members in Rome last October.", ("european constitution", "signedIn", "rome")),
])
def test_where_a_treaty_was_signed(nlp, text, fact):
    assert fact in _facts(nlp, text)


def test_a_party_signing_somewhere_is_no_treaty_signed_there(nlp):
    assert not any(p == "signedIn" for _, p, _ in _facts(nlp, "Japan and the United States signed the pact in Tokyo."))


@pytest.mark.parametrize(("text", "fact"), [
    ("Tony Blair's spokesman, Tom Kelly, denied the report.", ("tom kelly", "worksFor", "tony blair")),
    ("John Gotti's lawyer, Bruce Cutler, said the verdict was wrong.", ("bruce cutler", "represents", "john gotti")),
    # "his boss": he works for the boss
    ("Fired National Security Council aide Oliver North and his boss John Poindexter refused to testify.",
     ("oliver north", "worksFor", "john poindexter")),
])
def test_a_role_held_for_a_person(nlp, text, fact):
    assert fact in _facts(nlp, text)


def test_a_role_for_a_person_is_no_office_of_a_body(nlp):
    facts = _facts(nlp, "Tony Blair's spokesman, Tom Kelly, denied the report.")
    assert not any(p in {"holdsPosition", "leads"} and o == "tony blair" for _, p, o in facts)


def test_a_fault_said_by_denying_credit(nlp):
    assert ("lewis champion", "criticizes", "ford") in _facts(nlp, "Lewis Champion said Ford did not deserve any credit for his plea.")


@pytest.mark.parametrize("text", [
    "Lewis Champion said Ford may not deserve credit.",  # a doubt
    "Lewis Champion said Ford deserves credit for the plan.",  # praise, not fault
])
def test_no_fault_without_the_denial(nlp, text):
    assert not any(p == "criticizes" for _, p, _ in _facts(nlp, text))


@pytest.mark.parametrize(("text", "fact"), [
    ("The Labour Party issued a stinging rebuke to John Prescott.", ("labour party", "criticizes", "john prescott")),
    ("Japan gave its backing to the Louvre Accord.", ("japan", "supports", "louvre accord")),
    ("The Labour Party gave its support to John Prescott.", ("labour party", "supports", "john prescott")),
])
def test_a_stance_given_to_someone(nlp, text, fact):
    """"issued a rebuke to Y", "gave its backing to Y": the parser hangs "to Y" on the verb."""
    assert fact in _facts(nlp, text)


def test_the_election_is_no_war_the_article_named(nlp):
    text = ("The Liberal Democrats were the authentic opposition on the Iraq war. The Tories demanded that Tony Blair "
            "say which taxes he would raise if he wins the election.")
    assert not any(a.predicate == "wins" for a in extract(nlp(text), "t").assertions)  # not even as a supposition


def test_defying_a_body_opposes_it(nlp):
    assert ("iran", "opposes", "united nations") in _facts(nlp, "Iran defied the United Nations.")


_SULLIVAN = ("The former chief financial officer at US telecoms firm WorldCom has finished giving evidence at the trial "
             "of his ex-boss Bernie Ebbers. Scott Sullivan admitted to jurors he was willing to commit fraud.")


def test_a_description_the_next_sentence_names_is_that_person(nlp):
    ex = extract(nlp(_SULLIVAN), "t")
    assert any(m.key == "scott sullivan" and m.text.startswith("The former chief") for m in ex.mentions)
    facts = {(a.subject.key, a.predicate, a.object.key, a.time) for a in ex.assertions}
    assert ("scott sullivan", "worksFor", "bernie ebbers", "former") in facts  # "his ex-boss": he is the officer
    assert ("scott sullivan", "worksFor", "worldcom") in {f[:3] for f in facts}


@pytest.mark.parametrize("text", [
    # "the diplomat" is the one said before, not the next one named
    'One diplomat said the call showed resolve. "It will be back on the table," the diplomat said. '
    'Willy De Clercq told journalists there was a growing impatience.',
    # the next one named has an office of his own, or a firm of his own (precision read of Reuters 11,001-13,000)
    "The chairman of Acme Corp said profits rose sharply. John Smith, an analyst at Merrill Lynch, said the shares were cheap.",
    "First Boston's analyst was unavailable for comment. Morgan Stanley's David Hill said he just assumed coverage of Philip Morris.",
])
def test_a_description_is_not_the_next_one_named_when_someone_else(nlp, text):
    ex = extract(nlp(text), "t")
    assert not any(m.text.lower().startswith("the ") and m.label == "PERSON" for m in ex.mentions)


def test_a_role_a_speaker_speaks_of_is_not_the_speakers(nlp):
    text = "Charles Kennedy leads the Liberal Democrats. Mr Kennedy said the new home secretary had time to think again."
    assert not any(p == "holdsPosition" for s, p, _ in _facts(nlp, text) if s == "charles kennedy")


@pytest.mark.parametrize(("text", "fact"), [
    ("The Labour Party complained that Tony Blair had ignored it.", ("labour party", "criticizes", "tony blair")),
    ("James Baker met Gerhard Stoltenberg. He complained that West Germany was refusing to do enough to boost growth.",
     ("james baker", "criticizes", "west germany")),
])
def test_who_complains_criticises_whom_the_complaint_is_about(nlp, text, fact):
    assert fact in _facts(nlp, text)


def test_a_complaint_is_said_and_no_complaint_is_none(nlp):
    ex = extract(nlp("The Labour Party complained that Tony Blair had ignored it."), "t")
    assert any(st.cue == "complain" for st in ex.statements)
    assert all(a.modality == "reported" for a in ex.assertions if a.subject.key == "tony blair")  # what it complains of is said
    assert not any(p == "criticizes" for _, p, _ in _facts(nlp, "The Labour Party did not complain that Ford was late."))


def test_a_persons_aide_named_in_apposition_is_no_clause_of_the_sentence(nlp):
    """The clause's "will not" is about the policies, not the aide (precision read, Reuters 12806)."""
    text = ("The departure of James Baker's closest aide, Deputy Treasury Secretary Richard Darman, will not change the "
            "course of Washington's economic policies, U.S. officials said.")
    found = [a for a in extract(nlp(text), "t").assertions if (a.subject.key, a.predicate, a.object.key) == ("richard darman", "worksFor", "james baker")]
    assert found and all(not a.negated and a.modality == "asserted" for a in found)
    denied = [a for a in extract(nlp("Bruce Cutler is not John Gotti's lawyer."), "t").assertions if a.predicate == "represents"]
    assert denied and all(a.negated for a in denied)


def test_we_of_a_speaker_known_only_by_a_pronoun_is_left_alone(nlp):
    ex = extract(nlp('Lone Star Industries said it expects lower sales. "In our opinion, we will see lower capacity," it added.'), "t")
    assert not any(m.text.lower() in {"we", "our"} for m in ex.mentions)


@pytest.mark.parametrize(("text", "person", "country"), [
    ("West German economics researcher Jochen Bethkenhagen said the report was wrong.", "jochen bethkenhagen", "west german"),
    ("British analyst John Smith said the shares were cheap.", "john smith", "british"),
])
def test_a_demonym_before_a_private_role_is_a_nationality_not_an_employer(nlp, text, person, country):
    """Precision read of Reuters 11,001-13,000: "West German economics researcher" works for no
    government; "Japanese Foreign Minister" does."""
    facts = _facts(nlp, text)
    assert not any(s == person and p == "worksFor" for s, p, _ in facts)
    assert ("tadashi kuranari", "worksFor", "japanese") in _facts(nlp, "Japanese Foreign Minister Tadashi Kuranari said the talks failed.")


def test_we_of_he_who_spoke_for_a_body_is_the_body(nlp):
    """"A spokesman for the Home Office defended the proposals. He said: '... We stand by ...'"."""
    text = 'A spokesman for the Home Office defended the proposals. He said: "We stand by the provisions in the Criminal Justice Act."'
    assert ("home office", "supports", "criminal justice act") in {(a.subject.key, a.predicate, a.object.key) for a in extract(nlp(text), "t").assertions}
    named = 'John Smith defended the proposals. He said: "We stand by the provisions in the Criminal Justice Act."'
    assert not any(a.predicate == "supports" for a in extract(nlp(named), "t").assertions)  # a person's "we"


def test_a_quotation_opened_right_after_anothers_end_is_the_same_speakers(nlp):
    from kg.extract.modality import QuoteIndex

    text = ('John Smith said "This budget will reinforce business success."\n\n'
            '"We have always said we would judge the budget on the cost of borrowing."\n\n'
            'The pound rose. "Nobody expected it."')
    q = QuoteIndex(nlp(text))
    assert len(q.spans) == 3
    assert q.spans[0][2] is not None and q.spans[1][2] is q.spans[0][2]  # the next paragraph goes on
    assert q.spans[2][2] is None  # a sentence of the writer's came between
