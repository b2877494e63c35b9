"""Error classes of the fifth hand-read precision sample (Reuters-21578 records 8,000-10,000, 100
facts, seed 13) and the extended-recall constructions of the same stop: each is a general rule,
tested here on sentences written for it (not the sample's). See #10."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.records import HYPOTHETICAL, REPORTED

pytestmark = pytest.mark.issue(10)


def _all(nlp, text: str):
    return {(a.subject.text, a.predicate, a.object.text): a for a in extract(nlp(text), "t").assertions}


def _keys(nlp, text: str):
    return {(a.subject.key, a.predicate, a.object.key): a for a in extract(nlp(text), "t").assertions}


@pytest.mark.parametrize("text, holder, role", [
    ('"Costs will rise," said Anna Berg, director-general of the Swedish Employers Federation.', "Anna Berg", "director general"),
    ("UN Secretary-General Javier Perez de Cuellar arrived in Geneva.", "Javier Perez de Cuellar", "secretary general"),
    ("Credit Lyonnais deputy director-general Paul Roux said rates would hold.", "Paul Roux", "deputy director general"),
])
def test_a_hyphenated_role_is_one_role(nlp, text, holder, role):
    """"director-general" is one role: not a position "General" (read 5 fact 75, read 4 fact 27)."""
    positions = [a.object.key for a in extract(nlp(text), "t").assertions if a.subject.text == holder and a.predicate == "holdsPosition"]
    assert positions and all(k.split("@")[0] == role for k in positions)


def test_a_body_in_the_title_is_the_office_holders_not_the_possessor(nlp):
    """"Brazil's Central Bank governor": the bank's governor (read 5 fact 20)."""
    facts = _all(nlp, "Argentina's Central Bank governor Jose Luis Machinea said the deal was near.")
    assert ("Jose Luis Machinea", "leads", "Central Bank") in facts
    assert not any(o == "Argentina" and p in {"leads", "positionOf"} for _, p, o in facts)


def test_a_company_before_its_kind_word_keeps_the_role(nlp):
    """"BP Group Treasurer": BP's, never the group the article named last (read 5 facts 55, 91);
    "Senate Finance Committee Chairman" still leads the committee, not the Senate."""
    facts = _all(nlp, "Royal Dutch/Shell Group said profits rose. Unilever Group Treasurer Ann Cole said the bonds sold well.")
    assert ("Ann Cole", "worksFor", "Unilever Group") in facts
    assert not any(s == "Ann Cole" and o == "Royal Dutch/Shell Group" for s, _, o in facts)
    senate = _all(nlp, "The plan was backed by Senate Banking Committee Chairman William Proxmire.")
    assert not any(s == "William Proxmire" and o == "Senate" for s, _, o in senate)


def test_the_unit_of_its_owner_is_not_the_names_in_the_unit(nlp):
    """"head of its U.S. Government bond trading desk": its (the bank's), not the government's (read 5 fact 42)."""
    facts = _keys(nlp, '"Trading is thin," said Mary Cole, vice president at Salomon Brothers Inc and head of its U.S. Government bond desk.')
    assert not any(s == "mary cole" and "government" in o and p == "worksFor" for s, p, o in facts)
    titles = [o for s, p, o in facts if s == "mary cole" and p == "holdsPosition" and o.startswith("head")]
    assert titles and all("its" not in t.split("@")[0].split() for t in titles)


def test_an_office_of_a_country_is_no_home(nlp):
    """"President Hissene Habre of Chad": an office, not livesIn (read 5 fact 36); a plain "X of Y" still is."""
    facts = _all(nlp, "Rebels attacked the forces of President Daniel Arap Moi of Kenya on Friday.")
    assert not any(p == "livesIn" for _, p, _ in facts)
    assert ("Daniel Sullivan", "livesIn", "Boothbay") in _all(nlp, "Daniel Sullivan, 30, of Boothbay, was arrested.")


@pytest.mark.parametrize("text, owner, company", [
    ("Apex Corp has offered a stake in the company to three Japanese banks.", "Apex Corp", None),
    ("Analysts say Tiber Holdings needs a 25 pct stake in Norfolk Mills to block the merger.", "Tiber Holdings", "Norfolk Mills"),
])
def test_a_stake_offered_or_needed_is_not_held(nlp, text, owner, company):
    """Read 5 facts 43, 45: only a verb of holding or getting a stake says it is held."""
    facts = _all(nlp, text)
    assert not any(s == owner and p == "owns" for s, p, _ in facts)


@pytest.mark.parametrize("text, owner, company", [
    ("Grand Metropolitan raised its stake in Heublein Inc to 19.9 pct.", "Grand Metropolitan", "Heublein Inc"),
    ("Nestle has a 30 pct stake in L'Oreal.", "Nestle", "L'Oreal"),
    ("Cargill Inc bought a 12 pct stake in Rank Hovis Plc last month.", "Cargill Inc", "Rank Hovis Plc"),
])
def test_a_stake_held_is_owned(nlp, text, owner, company):
    assert (owner, "owns", company) in _all(nlp, text)


def test_an_elided_stake_is_in_the_company_of_the_stake_before(nlp):
    """"X, holding 2% of Y, ... And Z, which holds about 5%, ...": Z holds part of Y (extended recall)."""
    facts = _all(nlp, "Harbor Fund, holding 2% of Vortex Mining, wants a new board. Delta Partners, which holds about 5%, backed it.")
    assert ("Delta Partners", "owns", "Vortex Mining") in facts
    assert not any(p == "owns" for _, p, _ in _all(nlp, "Vortex Mining said sales rose 5 pct. Its profit rose 12 pct."))


def test_a_second_object_of_a_misparse_is_dropped(nlp):
    """Two direct objects of one verb are a misparse ("completed its reorganisation ... <Unit Ltd>", read 5 fact 33)."""
    doc = nlp("The Jardine group has nearly completed its reorganisation, with Apex transferring its control of Hk Land to the new unit <Jardine Strategic Holdings Ltd>.")
    for verb in (t for t in doc if sum(c.dep_ == "dobj" for c in t.children) > 1):
        second = [c for c in verb.children if c.dep_ == "dobj"][1]
        assert not any(a.object.start == second.left_edge.idx or a.object.end == second.right_edge.idx + len(second.right_edge)
                       for a in extract(doc, "t").assertions if a.subject.start < verb.idx)


def test_a_second_apposition_after_a_person_is_that_persons(nlp):
    """"X, aide to Rep. Y (R-Ill), ranking minority leader of the Z Committee": Y's role (read 5 fact 52)."""
    facts = _all(nlp, '"We oppose it," said Tom Hale, aide to Rep. Edward Madigan (R-Ill), ranking minority leader of the Agriculture Committee.')
    assert not any(s == "Tom Hale" and o == "Agriculture Committee" for s, _, o in facts)
    assert ("Edward Madigan", "memberOf", "Agriculture Committee") in facts


def test_a_past_title_before_a_body_name_is_past(nlp):
    """"former Bank of Japan governor Haruo Maekawa": former (read 5 fact 89); "chairman-designate": not yet."""
    facts = _all(nlp, "The panel, headed by former Bank of Canada governor Gerald Bouey, will report in April.")
    assert facts[("Gerald Bouey", "leads", "Bank of Canada")].time == "former"
    later = _all(nlp, "Acme chairman-designate John Gough said it was a quality stock.")
    assert later[("John Gough", "leads", "Acme")].time == "designate"


def test_a_firm_named_twice_round_and_is_one(nlp):
    """"Reynolds and Reynolds": one firm, not "Reynolds" (read 5 fact 5)."""
    facts = _all(nlp, "Afterwards, Johnson and Johnson told Acme Voice it would not sell the system.")
    assert any(s == "Johnson and Johnson" for s, _, _ in facts)


def test_wanting_another_to_act(nlp):
    """"X wants Y to buy back its shares": X urges Y; the buying stays hypothetical, "rather than" negated."""
    facts = _all(nlp, "Atticus Capital wants Deutsche Boerse to buy back its own shares rather than buy the LSE.")
    assert ("Atticus Capital", "urges", "Deutsche Boerse") in facts
    buy = facts[("Deutsche Boerse", "acquires", "LSE")]
    assert buy.modality == HYPOTHETICAL and buy.negated
    assert facts.get(("Atticus Capital", "acquires", "LSE")) is None


def test_the_pronoun_subject_of_a_wanted_act_is_not_the_wanter(nlp):
    """"Atticus, holding 2% of DB, wants it to buy back its shares": "it" is DB, not Atticus."""
    keys = _keys(nlp, "Atticus Capital, holding 2% of Deutsche Boerse, wants it to buy back its own shares rather than buy the LSE.")
    assert ("deutsche boerse", "acquires", "lse") in keys and ("atticus capital", "acquires", "lse") not in keys


def test_their_rift_relates_the_pair_named_before(nlp):
    """"MPs criticised X and Y over reports of their rift": X disputes with Y, reported (extended recall)."""
    facts = _all(nlp, "Backbenchers criticised Tony Blair and Gordon Brown over reports of their rift.")
    rift = facts[("Tony Blair", "disputesWith", "Gordon Brown")]
    assert rift.modality == REPORTED
    assert rift.rule == "event_noun"
    three = extract(nlp("Backbenchers criticised Tony Blair, Gordon Brown and John Prescott over reports of their rift."), "t").assertions
    assert not any(a.predicate == "disputesWith" and a.rule == "event_noun" for a in three)  # of three, which two?


def test_his_splits_with(nlp):
    facts = _keys(nlp, "Mr Brown returned after a week of questions about reports of his splits with Downing Street.")
    assert any(p == "disputesWith" and "downing street" in {s, o} for s, p, o in facts)
    assert not any(p == "disputesWith" for _, p, _ in _all(nlp, "Shareholders approved a two-for-one stock split."))


def test_members_voting_are_their_chamber(nlp):
    """"MPs voted in favour of the Bill" in an article that names the Commons: the Commons' vote;
    "MPs criticised Blair" is some MPs, not the House."""
    keys = _keys(nlp, "The Bill was debated in the House of Commons. On Monday, MPs voted 272 to 219 in favour of the Bill.")
    assert any(s == "house of commons" and p == "supports" for s, p, _ in keys)
    other = _keys(nlp, "The Bill was debated in the House of Commons. MPs criticised Tony Blair.")
    assert not any(s == "house of commons" for s, _, _ in other)
    assert not any(s == "house of commons" for s, _, _ in _keys(nlp, "On Monday, MPs voted 272 to 219 in favour of the Bill."))


def test_a_talk_with_its_committee_is_not_a_talk_with_it(nlp):
    """"talks with its advisory committee": the committee's, not the owner's meeting."""
    facts = _keys(nlp, "Acme Corp chairman John Smith said after talks with its bank advisory committee that a deal was near.")
    assert ("john smith", "leads", "acme corp") in facts
    assert not any(p == "meets" and s == "john smith" for s, p, _ in facts)


def test_a_possessive_after_the_main_subject_is_the_subjects(nlp):
    """"Chemical Bank, the main subsidiary of Chemical New York Corp, is closing its office in
    Dubai": its is the bank's; "... by Bally and its subsidiary, Scientific Games": Bally's."""
    keys = _keys(nlp, "Chemical Bank, the main subsidiary of Chemical New York Corp, is closing its representative office in Dubai.")
    assert any(s == "chemical bank" and o == "dubai" for s, _, o in keys)
    assert not any(s == "chemical new york corp" and o == "dubai" for s, _, o in keys)
    keys = _keys(nlp, "Dittler Brothers called for investigations of Bally Manufacturing Corp and its subsidiary, Scientific Games.")
    assert not any("dittler brothers" in {s, o} and "scientific games" in {s, o} for s, _, o in keys)


def test_a_firm_of_a_country_with_a_legal_form_is_one_name(nlp):
    """"Richardson Greenshields of Canada Ltd economist X": the firm, not "Canada Ltd" (read 4 fact 36)."""
    facts = _all(nlp, '"It is a trend," said Wood Gundy of Canada Ltd economist Mary Hart.')
    assert ("Mary Hart", "worksFor", "Wood Gundy of Canada Ltd") in facts
    assert not any(p == "livesIn" for _, p, _ in facts)


def test_an_acronym_in_brackets_holds_no_role(nlp):
    """"vice minister of Japan's Ministry of International Trade and Industry (MITI)": MITI is the
    ministry's name, not a vice minister (read 4 fact 99)."""
    facts = _all(nlp, "Kenji Ono, deputy director of Japan's Economic Planning Agency (EPA), said so.")
    assert ("Kenji Ono", "worksFor", "Economic Planning Agency") in facts
    assert not any(s == "EPA" for s, _, _ in facts)


def test_partners_listed_after_one_persons_role_are_one_firm(nlp):
    """"an attorney with Kronish, Lieb, Weiner and Hellman" is one firm (read 4 fact 7); officials
    at firms named alone elsewhere are of several firms."""
    facts = _all(nlp, "But Ann Weiss, an attorney with Cravath, Swaine and Moore in New York, said the case was weak.")
    assert ("Ann Weiss", "worksFor", "Cravath, Swaine and Moore") in facts
    several = _all(nlp, "An official at Sony, Hitachi and Toshiba said so. Sony said profits rose.")
    assert not any(s in {"Hitachi", "Toshiba"} and o == "Sony" for s, _, o in several)


@pytest.mark.parametrize("text, firm", [
    ('"Prices will fall," said Carroll Hanley and McGuire analyst Brian Singer.', "Carroll Hanley and McGuire"),
    ("Dean Witter, Reynolds, Fenner and Smith is a subsidiary of Sears Co.", "Dean Witter, Reynolds, Fenner and Smith"),
])
def test_partners_before_a_role_or_a_singular_verb_are_one_firm(nlp, text, firm):
    """Read 7 facts 38, 46, 57, 71: "X and Y analyst Z", "A, B, C and D is a subsidiary of ..."."""
    assert any(firm in (s, o) for s, _, o in _all(nlp, text))


def test_a_market_share_is_no_stake(nlp):
    """"increased its market share in West Germany": no ownership of Germany (read 7 fact 54)."""
    assert not any(p == "owns" for _, p, _ in _all(nlp, "Nestle increased its market share in France to 44.9 pct."))


def test_was_to_is_a_plan(nlp):
    """"Rha was to leave for Ottawa for trade talks with Canadian officials": planned (read 7 fact 25)."""
    found = [a for a in extract(nlp("Mr Kim was to leave later today for Ottawa for trade talks with Canadian officials."), "t").assertions
             if a.predicate in {"meets", "visits"}]
    assert found and all(a.modality == HYPOTHETICAL for a in found)


def test_a_function_chief_works_for_the_body(nlp):
    """"White House budget chief James Miller" works for the White House, does not lead it (read 6 facts 19, 49)."""
    facts = _all(nlp, "Pentagon budget chief Robert Helm said the deficit would fall.")
    assert ("Robert Helm", "worksFor", "Pentagon") in facts and ("Robert Helm", "leads", "Pentagon") not in facts


@pytest.mark.parametrize("text, bad", [
    ('"Growth will slow," said Salomon Brothers (Asia) Ltd economist John Smith.', "ltd"),
    ('"Growth will slow," said a 58-year-old law professor, John Smith.', "year"),
])
def test_a_legal_form_or_an_age_is_no_role_word(nlp, text, bad):
    """Read 6 facts 81, 94: "Ltd Economist", "Year Law Professor"."""
    roles = [o for s, p, o in _keys(nlp, text) if s == "john smith" and p == "holdsPosition"]
    assert roles and not any(bad in r.split("@")[0].split() for r in roles)


def test_a_lone_surname_joins_the_junior_of_its_own_article():
    """"Robert Miller Jr ... Miller told Reuters": the Jr of the article, not James Miller of another
    (read 6 fact 96)."""
    from kg.extract.mentions import normalise
    from kg.records import Mention
    from kg.resolve import Resolver

    def m(doc, text):
        return Mention(doc, text, 0, len(text), "PERSON", normalise(text))

    james, robert, lone = m("d1", "James Miller"), m("d2", "Robert Miller Jr"), m("d2", "Miller")
    r = Resolver()
    r.add([james], ())
    r.add([robert, lone], ())
    res = r.resolve()
    assert res.entity_id(lone) == res.entity_id(robert) != res.entity_id(james)


def test_a_lone_chamber_word_before_a_caucus_is_the_chamber(nlp):
    """"House Majority leader Tom Foley": the House's, not the House Agriculture Committee the article names (read 7 fact 3)."""
    keys = _keys(nlp, "The House Agriculture Committee met on Monday. Gene Moos, aide to House Majority leader Tom Foley, predicted a vote.")
    assert ("tom foley", "memberOf", "house") in keys
    assert not any(s == "tom foley" and o == "house agriculture committee" for s, _, o in keys)


def test_a_central_bank_is_no_other_bank(nlp):
    """"Central bank governor X" is not the governor of "a U.S. Bank" named before (read 7 fact 82)."""
    keys = _keys(nlp, "A U.S. Bank lent money. Central bank governor Chang Chi-cheng said rates would fall.")
    assert not any("u.s. bank" in (s, o) for s, _, o in keys)
    keys = _keys(nlp, "The Central Bank of China cut rates. Central bank governor Chang Chi-cheng said rates would fall.")
    assert any(p == "leads" and o == "central bank of china" for _, p, o in keys)


def test_a_target_met_is_no_meeting(nlp):
    """"Pakistan has met its trade gap ... in the Gulf": no meetsIn (read 6 fact 3)."""
    assert not any(p in {"meets", "meetsIn"} for _, p, _ in _all(nlp, "Previously, Egypt has met its trade gap largely from remittances from its nationals working abroad, mainly in the Gulf."))
    assert ("Lavrov", "meetsIn", "Moscow") in _all(nlp, "Lavrov met Masadikov in Moscow.")


def test_secretary_of_state_for_a_portfolio(nlp):
    """"Secretary of State for the Economy" is the role, not "Secretary of State" (read 6 fact 72)."""
    roles = [o for s, p, o in _keys(nlp, "Jean Arthuis, Secretary of State for the Economy, said so.") if p == "holdsPosition"]
    assert roles and all(r.startswith("secretary of state for economy") for r in roles)


@pytest.mark.parametrize("text, holder, role", [
    ("David Pringle, United's senior vice president for human resources, said so.", "david pringle", "senior vice president for human resource"),
    ("Ann Lee, vice-president for finance, said the loan was arranged.", "ann lee", "vice president for finance"),
])
def test_a_role_for_a_function_keeps_it(nlp, text, holder, role):
    """"vice-president for finance": the whole role, not "Vice President" (and no country guessed for it)."""
    roles = [o.split("@")[0] for s, p, o in _keys(nlp, text) if s == holder and p == "holdsPosition"]
    assert roles == [role] or set(roles) == {role}


def test_two_juniors_of_one_given_name_stay_apart():
    """"John Pope Jr" and "John Johnstone Jr" are no namesakes: "Jr" is no surname."""
    from kg.extract.mentions import normalise
    from kg.records import Mention
    from kg.resolve import Resolver

    def m(doc, text):
        return Mention(doc, text, 0, len(text), "PERSON", normalise(text))

    pope, johnstone = m("d1", "John Pope Jr"), m("d2", "John Johnstone Jr")
    r = Resolver()
    r.add([pope], ())
    r.add([johnstone], ())
    res = r.resolve()
    assert res.entity_id(pope) != res.entity_id(johnstone)


def test_a_shared_title_is_not_shared_with_one_who_has_his_own(nlp):
    """"former Iowa Congressman Berkley Bedell and Bill Lesher, USDA Assistant Secretary": Lesher is no congressman."""
    keys = _keys(nlp, "Delegates heard former Iowa Congressman Berkley Bedell and Bill Lesher, USDA Assistant Secretary for Economics, debate the plan.")
    assert not any(s == "bill lesher" and o == "iowa" for s, _, o in keys)


def test_neither_nor_is_no_one(nlp):
    """"Neither X nor Y engaged in insider trading": no joint act, nothing stated (read 8 fact 13)."""
    facts = extract(nlp("Neither Jefferies Group nor Boyd Jefferies engaged in insider trading."), "t").assertions
    assert not any(a.predicate == "engagesWith" and not a.negated for a in facts)


def test_allowed_to_is_no_deed(nlp):
    """"SAS is allowed to fly to Tokyo": permitted, not done (read 8 facts 50, 89)."""
    found = [a for a in extract(nlp("Lufthansa is allowed to fly to Tokyo over the Soviet Union."), "t").assertions if a.predicate == "visits"]
    assert found and all(a.modality == HYPOTHETICAL for a in found)


def test_had_been_is_former(nlp):
    """"Boyd Jefferies had been chief executive of Jefferies Group": a past role (read 8 fact 27)."""
    facts = _all(nlp, "Mary Cole had been president of Victor Temporary Services.")
    assert facts[("Mary Cole", "leads", "Victor Temporary Services")].time == "former"


def test_neither_nor_negates_the_act_not_the_roles_named(nlp):
    facts = _all(nlp, "Neither Exxon nor Mobil bought Texaco.")
    assert facts[("Exxon", "acquires", "Texaco")].negated and facts[("Mobil", "acquires", "Texaco")].negated
    roles = _all(nlp, "Neither Palomino nor the company's general manager, Enrique Estremadoyro, were available for comment.")
    assert all(not a.negated for (s, p, _), a in roles.items() if p == "holdsPosition")


def test_a_past_holder_leaves_the_post_the_bodys(nlp):
    """"former chairman of Sony": the person's tenure is past, the post is still Sony's (reads 7, 8)."""
    facts = _all(nlp, "Akio Morita, former chairman of Sony, spoke.")
    assert facts[("Akio Morita", "leads", "Sony")].time == "former"
    assert all(a.time is None for (s, p, o), a in facts.items() if p == "positionOf")
