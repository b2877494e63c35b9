"""Clause, noun-phrase and non-fact constructions of news (kg.extract.rules, kg.extract.modality).

Sentences composed for the test or taken from Reuters-21578 (marked) and the BBC development
articles; each is read by the real model. See #10.
"""

from __future__ import annotations

import pytest

from kg.extract import extract

pytestmark = pytest.mark.issue(10)


def _all(nlp, text: str):
    return {(a.subject.text, a.predicate, a.object.text): a for a in extract(nlp(text), "t").assertions}


def _facts(nlp, text: str) -> set[tuple[str, str, str]]:
    return {k for k, a in _all(nlp, text).items() if a.is_fact}


FACTS = [
    # coordination: joint subjects act together; symmetric verbs keep their property
    ("France and Yugoslavia agreed to set up a joint economic commission.", {("France", "agreesWith", "Yugoslavia")}),
    ("Michael Howard and frontbencher John Redwood on Thursday launched new plans to abolish quangos.",
     {("Michael Howard", "launch with", "John Redwood")}),
    # objects of event nouns, coordinated
    ("Egypt will host talks with Zambia and Uganda next week. Egypt held talks with Zambia and Uganda.",
     {("Egypt", "meets", "Zambia"), ("Egypt", "meets", "Uganda")}),
    # passives, with the agent where the parser hung it
    ("Mr Kennedy was killed by Lee Harvey Oswald in Dallas.", {("Lee Harvey Oswald", "kills", "Kennedy")}),
    ("Mr Brown was joined at the launch by John Prescott and Alan Milburn.", {("John Prescott", "join", "Brown")}),
    # nominalisations: X's takeover of Y
    ("Chrysler's takeover of American Motors was completed in August.", {("Chrysler", "acquires", "American Motors")}),
    # stakes (Reuters-21578, reuters-393; BBC development set)
    ("National Amusements holds 19.6 pct of Viacom's stock.", {("National Amusements", "owns", "Viacom")}),
    ("Atticus Capital, holding 2% of Deutsche Boerse, wants a buyback.", {("Atticus Capital", "owns", "Deutsche Boerse")}),
    ("Standard Life, which owns a 1% stake in Deutsche Boerse, may seek a shareholder vote.", {("Standard Life", "owns", "Deutsche Boerse")}),
    # the news verbs and their ontology properties
    ("Police arrested Mark Chapman outside the Dakota building.", set()),
    ("The SEC sued Drexel Burnham Lambert in federal court.", {("SEC", "sues", "Drexel Burnham Lambert")}),
    ("Tony Blair attacked the Tory plans.", {("Tony Blair", "attacks", "Tory")}),
    ("Nestle praised Perrier for its results.", {("Nestle", "praises", "Perrier")}),
    ("Mr Clarke told BBC News he would not resign.", {("Clarke", "speaksTo", "BBC News")}),
    # a stance reaches what an entity proposes; other verbs do not
    ("Vince Cable criticised the Conservative plans.", {("Vince Cable", "criticizes", "Conservative")}),
    # an outlet stands for its owner; an organisation named by its kind is that organisation
    ("But Mr Clarke told BBC Radio 4's Today programme he believed the changes were enough.",
     {("Clarke", "speaksTo", "Today programme"), ("Today programme", "producedBy", "BBC Radio 4")}),
    ("But Mr Clarke told Radio 4's morning programme he believed the changes were enough.", {("Clarke", "speaksTo", "Radio 4")}),
    ("It was a good year, said Junya Tanase of JPMorgan Chase bank in Tokyo.", {("Junya Tanase", "worksFor", "JPMorgan Chase")}),
    # disputes, standoffs and wars relate both sides (Reuters-21578)
    ("Turkey's standoff with Greece over Aegean oil rights appeared at an end.", {("Turkey", "disputesWith", "Greece")}),
    ("The IRS denied it was because of the trade dispute over semiconductors between the United States and Japan.",
     {("United States", "disputesWith", "Japan")}),
    # "demanding that X do": X is the one urged
    ("But the Tories are demanding that Tony Blair spell out which taxes he would raise.", {("Tories", "urges", "Tony Blair")}),
    # a relative clause whose object the parser hung under a noun it made a clause (BBC development set)
    ("Deutsche Boerse, which also owns the derivatives market Eurex and the clearing firm Clearstream, made a bid.",
     {("Deutsche Boerse", "owns", "Eurex"), ("Deutsche Boerse", "owns", "Clearstream")}),
    # consenting to an event noun with a "by" agent: the subject undergoes it
    ("On Monday, MCI agreed to a buyout by Verizon Communications in a deal valued at $6.75bn.",
     {("Verizon Communications", "acquires", "MCI")}),
    # two demonyms joined by a hyphen, before an organisation's kind
    ("Turkish-Austrian consortium TAV was chosen to build the airport.", {("TAV", "basedIn", "Turkish"), ("TAV", "basedIn", "Austrian")}),
]


@pytest.mark.parametrize(("sentence", "expected"), FACTS)
def test_constructions_facts(nlp, sentence, expected):
    assert expected <= _facts(nlp, sentence)


NON_FACTS = [
    # topics of talk, plans, offers, bids, proposals (the issue's own example first)
    ("Leaders met to discuss Serbia joining the EU.", ("Serbia", "memberOf", "EU")),
    ("Universal Resources said shareholders will vote on the previously-proposed merger between it and Questar Corp.",
     ("it", "mergesWith", "Questar Corp.")),
    ("Hughes Tool Co rejected a proposed merger with Baker International Corp.", ("Hughes Tool Co", "mergesWith", "Baker International Corp.")),
    ("Chrysler made a takeover offer for American Motors.", ("Chrysler", "acquires", "American Motors")),
    ("Deutsche Boerse's board approved the possible takeover of the LSE.", ("Deutsche Boerse", "acquires", "LSE")),
    ("Gencorp rejected a takeover by General Partners.", ("General Partners", "acquires", "Gencorp")),
    # claims reported as allegations, denied or not
    ("Mr Ebbers rejected allegations he pressured Scott Sullivan to falsify accounts.", ("Ebbers", "urges", "Scott Sullivan")),
    # refusals and failures negate (Reuters-21578, reuters-7643)
    ("There was no breakthrough because of Comecon's refusal to recognise West Berlin.", ("Comecon", "recognizes", "West Berlin")),
    ("Iran refused to recognise Israel.", ("Iran", "recognizes", "Israel")),
    # what is yet to happen has not happened; talks among many are not between every pair (Reuters-21578)
    ("The dates for the Baker-Chung meeting have yet to be set.", ("Baker", "meets", "Chung")),
    ("Mulford based this on progress in talks between banks and Mexico, Chile, and Venezuela.", ("Mexico", "meets", "Chile")),
    # parties that each agree with someone else do not agree with each other (Reuters-21578)
    ("And they point out that Venezuela, Chile and the Philippines have struck agreement with commercial banks.",
     ("Venezuela", "agreesWith", "Chile")),
    # a relative clause belongs to its own noun, not to the names coordinated with it (CoNLL04 dev)
    ("Belli's clients have included Jack Ruby, who killed Lee Harvey Oswald, and Jim and Tammy Bakker.", ("Tammy Bakker", "kills", "Lee Harvey Oswald")),
    # what is expected or scheduled has not happened
    ("Iranian Oil Minister Gholamreza Aqazadeh is expected here on Friday for talks with Belkacem Nabi.",
     ("Gholamreza Aqazadeh", "meets", "Belkacem Nabi")),
    ("Sergey Lavrov is scheduled to visit India in March.", ("Sergey Lavrov", "visits", "India")),
    # questions, conditionals, "whether"
    ("Will Russia attack Ukraine?", ("Russia", "attacks", "Ukraine")),
    ("If Pepsi buys Quaker, Coca-Cola will respond.", ("Pepsi", "acquires", "Quaker")),
    # "died before he could": the ability never came to pass
    ("Mr Jones died before he could visit Acme Corp.", ("he", "visits", "Acme Corp.")),
]


@pytest.mark.parametrize(("sentence", "triple"), NON_FACTS)
def test_constructions_non_facts_are_never_plain(nlp, sentence, triple):
    assert triple not in _facts(nlp, sentence)


def test_constructions_relative_clause_is_not_under_the_main_clause_modal(nlp):
    got = _all(nlp, "Russia could attack Ukraine, which borders Poland.")
    assert got[("Russia", "attacks", "Ukraine")].modality == "hypothetical"
    assert got[("Ukraine", "borders", "Poland")].is_fact


def test_constructions_refusal_is_a_negated_fact(nlp):
    got = _all(nlp, "There was no breakthrough because of Comecon's refusal to recognise West Berlin.")
    assert got[("Comecon", "recognizes", "West Berlin")].negated


def test_constructions_range_decides_the_property(nlp):
    """"join" with a person is not membership: the verb stays an open relation."""
    facts = _facts(nlp, "Mr Brown was joined at the launch by John Prescott.")
    assert not any(p == "memberOf" for _, p, _ in facts)
    assert ("Turkey", "memberOf", "NATO") in _facts(nlp, "Turkey joined NATO in 1952.")


def test_constructions_hyphen_participle_describes_its_own_noun(nlp):
    """Reuters-21578 (reuters-7643): "The EC and Soviet-led Comecon"."""
    facts = _facts(nlp, "The European Community and Soviet-led Comecon ended talks here.")
    assert ("Soviet", "leads", "Comecon") in facts
    assert not any(p == "leads" and o != "Comecon" for _, p, o in facts)


def test_constructions_first_person_in_a_quotation_is_its_speaker(nlp):
    """BBC development set (business): '"I fully welcome the words of Mr Snow," said Joaquin Almunia'."""
    got = {(a.subject.key, a.predicate, a.object.text): a for a in extract(nlp('"I fully welcome the words of Mr Snow," said Joaquin Almunia.'), "t").assertions}
    a = got[("joaquin almunia", "supports", "Snow")]
    assert a.modality == "reported" and "coref:quote-speaker" in a.rule


def test_constructions_event_under_a_negated_verb_stays_negated(nlp):
    """Reuters-21578: "only NEC hasn't been caught in ... disputes with IBM" (the dispute is not presupposed)."""
    got = _all(nlp, "Only NEC hasn't been caught in software copyright disputes with IBM, Sekimoto said.")
    assert got[("NEC", "disputesWith", "IBM")].negated


def test_constructions_interviewed_on_an_outlet(nlp):
    """"Interviewed on BBC Radio 2's Jeremy Vine show, Mr Howard said": he spoke to the show; a
    participle's main-clause subject is its patient, so only triggers meaning that count."""
    found = _facts(nlp, "Interviewed on BBC Radio 2's Jeremy Vine show, Mr Howard said the plans were modest.")
    assert any(s == "Howard" and p == "speaksTo" for s, p, _ in found), found
    assert not _facts(nlp, "Backed by Citicorp, Texaco launched a bid for the company.") & {("Texaco", "supports", "Citicorp")}


def test_constructions_work_title_in_apposition(nlp):
    """"a new book, Brown's Britain by Robert Peston": the title is one work, whatever names are in it."""
    found = _facts(nlp, "The row came after the publication of a new book, Brown's Britain by Robert Peston.")
    assert ("Robert Peston", "authorOf", "Brown's Britain") in found, found
    found = _facts(nlp, "The film was based on a new book, The Bonfire of the Vanities by Tom Wolfe.")
    assert any(s == "Tom Wolfe" and p == "authorOf" and "Bonfire" in o for s, p, o in found), found


def test_constructions_a_bodys_work_is_produced_by_it(nlp):
    """"the Treasury's Barker Review": the name says who made it, whatever the clause supposes."""
    found = _facts(nlp, "The government should recognise shortcomings of the Treasury's Barker Review, which said homes were needed.")
    assert ("Barker Review", "producedBy", "Treasury") in found, found
    assert not any(p == "producedBy" for _, p, _ in _facts(nlp, "Mr Blair's new book was a hit."))


@pytest.mark.parametrize(("sentence", "expected"), [
    # coordinated verbs share the subject of the first and the object of the last
    ("Turkish-Austrian consortium TAV was chosen to build and run Tehran's new Imam Khomeini International Airport.",
     {("TAV", "build", "Imam Khomeini International Airport"), ("TAV", "operates", "Imam Khomeini International Airport")}),
    ("Bell Canada bought and later sold Montreal Trust.", {("Bell Canada", "acquires", "Montreal Trust"), ("Bell Canada", "sells", "Montreal Trust")}),
    # another name (BBC development set)
    ("WorldCom emerged from bankruptcy protection in 2004, and is now known as MCI.", {("WorldCom", "knownAs", "MCI")}),
])
def test_constructions_shared_arguments_and_new_names(nlp, sentence, expected):
    assert expected <= _facts(nlp, sentence), _facts(nlp, sentence)


def test_constructions_running_a_company_is_leading_it(nlp):
    found = _facts(nlp, "Lee Iacocca, who runs Chrysler Corp, said no.")
    assert ("Lee Iacocca", "leads", "Chrysler Corp") in found, found


@pytest.mark.parametrize(("sentence", "expected"), [
    # being or getting in touch (BBC development set), the partner hung on the verb
    ("North Devon landowner Giles Bradshaw was put in touch with the Middle Way Group by his MP.",
     {("Giles Bradshaw", "contacts", "Middle Way Group")}),
    ("Exxon had been in contact with Mobil for weeks.", {("Exxon", "contacts", "Mobil")}),
    ("Exxon is in talks with Mobil.", {("Exxon", "meets", "Mobil")}),
])
def test_constructions_in_touch_with(nlp, sentence, expected):
    assert expected <= _facts(nlp, sentence), _facts(nlp, sentence)


def test_constructions_in_a_place_with_someone_is_no_contact(nlp):
    assert not any(p in {"contacts", "meets"} for _, p, _ in _facts(nlp, "Exxon was in Texas with Mobil."))


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The Hunting Act took effect in England and Wales in February.", {("Hunting Act", "inForceIn", "England"), ("Hunting Act", "inForceIn", "Wales")}),
    # BBC development set: "The Act" is the article's one act
    ("Public bodies are not ready for the Freedom of Information Act. The Act comes into effect in England, Wales and Northern Ireland "
     "on 1 January while similar measures are being brought in at the same time in Scotland.",
     {("The Act", "inForceIn", "England"), ("The Act", "inForceIn", "Northern Ireland")}),
])
def test_constructions_a_law_comes_into_effect_in_a_place(nlp, sentence, expected):
    found = _facts(nlp, sentence)
    assert expected <= found, found
    assert not any(o == "Scotland" for _, _, o in found), found


def test_constructions_a_company_operates_in_a_place(nlp):
    found = _facts(nlp, "Nestle added that it had performed strongly in Africa and Asia despite high oil prices.")
    assert {("it", "operatesIn", "Africa"), ("it", "operatesIn", "Asia")} <= found, found
    assert ("Citicorp", "operatesIn", "Asia") in _facts(nlp, "Citicorp expanded into Asia last year.")
    assert not _facts(nlp, "Madonna performed in Paris.")  # a person's performance is no business


def test_constructions_worked_under_and_at(nlp):
    """BBC development set (an obituary): "he" is the man the article is about, not the school he went to."""
    text = ("Sir Anthony Meyer has died. Educated at Eton, he served in the Scots Guards. "
            "He worked under Edward Heath on Europe at the Foreign Office.")
    found = _facts(nlp, text)
    assert {("He", "worksFor", "Edward Heath"), ("He", "worksFor", "Foreign Office")} <= found, found
    assert not any(s == "Eton" for s, _, _ in found), found
    assert ("Smith", "worksFor", "Exxon") in _facts(nlp, "Smith worked at Exxon for ten years.")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The influential Commons home affairs committee was responding to guidelines.", ("Commons home affairs committee", "partOf", "Commons")),
    ("The Senate voted. The Senate Foreign Relations Committee met on Tuesday.", ("Senate Foreign Relations Committee", "partOf", "Senate")),
    ("Deputy Prime Minister John Prescott said so. The Office of the Deputy Prime Minister should build more homes.",
     ("John Prescott", "leads", "Office of the Deputy Prime Minister")),
])
def test_constructions_bodies_named_after_their_house(nlp, sentence, expected):
    assert expected in _facts(nlp, sentence), _facts(nlp, sentence)


def test_constructions_a_company_named_after_another_is_not_part_of_it(nlp):
    assert not any(p == "partOf" for _, p, _ in _facts(nlp, "Exxon said. The Exxon Valdez Group met."))


def test_constructions_a_verb_the_lemmatiser_does_not_know(nlp):
    """"deselected" is lemmatised "deselecte"; the lexicon's "deselect" still reads it (BBC development set)."""
    text = ("Sir Anthony Meyer has died. Meyer's constituency party, Clwyd North West, which he had represented "
            "as an MP for more than 20 years, deselected him as a result of that challenge.")
    assert any(s == "Clwyd North West" and p == "dismisses" for s, p, _ in _facts(nlp, text)), _facts(nlp, text)


def test_constructions_asked_a_question_is_not_urged(nlp):
    """Reuters-style sentences (a kind seen in the first precision read): "asked what" is a question."""
    q = _facts(nlp, "During a visit to the U.S. earlier this month, Economic Planning Minister Tetsuo Kondo was asked by "
                    "U.S. Federal Reserve chairman Paul Volcker what Japan could do.")
    assert not any(p == "urges" for _, p, _ in q), q
    assert ("Reagan", "urges", "Smith") in _facts(nlp, "Smith was asked by President Reagan to resign.")


def test_constructions_came_under_attack_from(nlp):
    """"came under attack from X": X attacks the subject (it gave the subject attacks X)."""
    found = _facts(nlp, "Reagan came under attack from Democrats over the budget.")
    assert ("Democrats", "attacks", "Reagan") in found and ("Reagan", "attacks", "Democrats") not in found, found
    assert ("Iraq", "attacks", "Iran") in _facts(nlp, "Iraq launched an attack on Iran.")


@pytest.mark.parametrize(("sentence", "expected"), [
    # BBC development set, business-220 (the parser hangs the cities on another noun)
    ("Deutsche Boerse's rival Euronext, which operates the Amsterdam, Brussels, Lisbon and Paris exchanges, as well as "
     "London-based derivatives market Liffe, said nothing.",
     {("Euronext", "operatesIn", c) for c in ("Amsterdam", "Brussels", "Lisbon", "Paris")}),
    ("General Motors Corp said it would close its Detroit and Flint plants next year.",
     {("it", "operatesIn", "Detroit"), ("it", "operatesIn", "Flint")}),
])
def test_constructions_facilities_named_after_places(nlp, sentence, expected):
    assert expected <= _facts(nlp, sentence)


@pytest.mark.parametrize("sentence", [
    "The company has Paris lawyers.",  # not a facility
    "Mr Smith runs the London and Paris offices.",  # a person runs them: he works there, no business of his own
    "Acme Inc would buy the London and Paris stores.",  # buying is no operating yet
])
def test_constructions_facilities_not_read(nlp, sentence):
    assert not any(p == "operatesIn" for _, p, _ in _facts(nlp, sentence))


@pytest.mark.parametrize(("sentence", "expected"), [
    # BBC development set, politics-308: the parser makes the participle the root
    ("Sir Anthony Meyer has died. Educated at Eton, and at New College, Oxford, he served in the Scots Guards.",
     ("he", "educatedAt", "Eton")),
    ("John Smith was educated at Harvard University.", ("John Smith", "educatedAt", "Harvard University")),
    ("Mary Jones graduated from Yale University in 1990.", ("Mary Jones", "educatedAt", "Yale University")),
])
def test_constructions_educated_at(nlp, sentence, expected):
    assert expected in _facts(nlp, sentence)


@pytest.mark.parametrize(("sentence", "expected"), [
    # BBC development set, business-220
    ("Standard Life owns a stake in Deutsche Boerse. Richard Moffat, investment director at Standard Life Investments, spoke.",
     ("Standard Life Investments", "partOf", "Standard Life")),
    ("Chrysler Corp said Chrysler Financial Corp would raise money.", ("Chrysler Financial Corp", "partOf", "Chrysler Corp")),
])
def test_constructions_unit_named_after_its_company(nlp, sentence, expected):
    assert expected in _facts(nlp, sentence)


@pytest.mark.parametrize("sentence", [
    "Texas Air Corp and Texas Air said they agreed.",  # a legal form makes no unit
    "Standard Oil and Standard Life both rose.",  # neither name runs on from the other
    "American Motors and American Express both rose.",
])
def test_constructions_no_unit_without_a_units_word(nlp, sentence):
    assert not any(p == "partOf" for _, p, _ in _facts(nlp, sentence))


@pytest.mark.parametrize("sentence", [
    # Reuters-21578 reuters-1173, reuters-1000: the long name is the company's own, the short its short form
    "Knutson Mortgage Corp said it expects strong earnings. Knutson went public in September.",
    "Viacom International Inc said it received offers. Viacom shares rose.",
    # reuters-1272: a portfolio, not a unit
    "Federal Finance Minister Michael Wilson forecast growth. The Federal government agreed.",
])
def test_constructions_short_form_is_no_parent(nlp, sentence):
    assert not any(p == "partOf" for _, p, _ in _facts(nlp, sentence))


@pytest.mark.parametrize(("sentence", "expected"), [
    # BBC development set, business-276: the parser hangs the name on "Shares"
    ("Shares in India's largest power producer, National Thermal Power Corp (NTPC) have risen 13% on their debut.",
     ("National Thermal Power Corp", "basedIn", "India")),
    ("Profits at Britain's biggest bank, HSBC, rose.", ("HSBC", "basedIn", "Britain")),
])
def test_constructions_kind_right_before_a_named_apposition(nlp, sentence, expected):
    assert expected in _facts(nlp, sentence)


def test_constructions_waited_until_he_could(nlp):
    """BBC development set, politics-308: "had to wait until 1970 before he could re-enter Parliament" happened."""
    found = _facts(nlp, "Sir Anthony Meyer lost. Mr Meyer had to wait until 1970 before he could re-enter Parliament.")
    assert ("Meyer", "enter", "Parliament") in found
    assert not _facts(nlp, "Mr Smith will have to wait until May before he could join Acme Corp.")


@pytest.mark.parametrize(("sentence", "expected"), [
    # BBC development set, politics-260
    ("The event was the first time Mr Milburn has shared a platform with the chancellor since taking Mr Brown's "
     "traditional poll planning role.", ("Milburn", "succeeds", "Brown")),
    ("John Smith took over Mary Jones's job as chairman in May.", ("John Smith", "succeeds", "Mary Jones")),
])
def test_constructions_took_someones_role(nlp, sentence, expected):
    assert expected in _facts(nlp, sentence)


def test_constructions_took_a_place_is_no_succession(nlp):
    assert not any(p == "succeeds" for _, p, _ in _facts(nlp, "Mary Jones arrived. John Smith took his place at the table."))


@pytest.mark.parametrize(("sentence", "expected"), [
    # a passive gerund under another verb takes that verb's subject as its patient
    ("John Sullivan spent two days being questioned by Peter Smith.", ("Peter Smith", "question", "John Sullivan")),
    # "lawyers for X", "officials of X" stand for X
    ("Officials of the Finance Ministry met IMF staff.", ("Finance Ministry", "meets", "IMF")),
])
def test_constructions_passive_gerund_and_stand_ins_with_a_preposition(nlp, sentence, expected):
    assert expected in _facts(nlp, sentence)
