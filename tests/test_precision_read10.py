"""Error classes of the precision reads of stop 21 (reads 10 and 11: Reuters-21578 records
4,000-5,000, seeds 21 and 22) and the classes left from reads 8 and 9: each a general rule,
tested here on sentences written for it (not the samples'). See #10."""

from __future__ import annotations

import pytest

from kg.extract import extract

pytestmark = pytest.mark.issue(10)


def _all(nlp, text: str):
    return {(a.subject.text, a.predicate, a.object.text): a for a in extract(nlp(text), "t").assertions}


def test_an_open_relation_keeps_the_noun_acted_on(nlp):
    """"ran trade surpluses with the U.S." is "run surplus with", never the meaningless "run with"
    (read 8 facts 41, 70, 86), also when the noun is a relative clause's antecedent."""
    facts = _all(nlp, "Malaysia and Thailand run big trade surpluses with Japan, officials said.")
    assert ("Malaysia", "run surplus with", "Japan") in facts
    assert not any(p == "run with" for _, p, _ in facts)
    facts = _all(nlp, "The deficits that Brazil ran with Argentina in 1985 were small.")
    assert ("Brazil", "run deficit with", "Argentina") in facts


@pytest.mark.parametrize("text, title", [
    ("Congress was told. Atty. Gen. Richard Thornburgh said the inquiry would go on.", "Atty."),
    ("The army said so. Lt. Col. James Hall, a spokesman, confirmed it.", "Lt."),
    ("Police were called. Supt. Brian Ward said two men were held.", "Supt."),
])
def test_an_abbreviated_title_ends_no_sentence(nlp, text, title):
    """"Atty. Gen. Edwin Meese told him": one sentence, the title one token (read 8 fact 6)."""
    doc = nlp(text)
    assert title in [t.text for t in doc]
    assert len(list(doc.sents)) == 2


def test_an_abbreviated_title_before_a_function_word_may_end_a_sentence(nlp):
    doc = nlp("He was promoted to Lt. Col. He left the army in 1990.")
    assert [s.text for s in doc.sents][-1] == "He left the army in 1990."


@pytest.mark.parametrize("text, holder, party", [
    ("Socialist Prime Minister Felipe Gonzalez said the talks would go on.", "Felipe Gonzalez", "Socialist"),
    ("Republican Senator Pete Domenici opposed the bill.", "Pete Domenici", "Republican"),
    ("Anne Hill, a Democratic economics professor at Yale University, said rates would fall.", "Anne Hill", "Democratic"),
])
def test_a_party_word_before_an_office_makes_a_member_not_the_office(nlp, text, holder, party):
    """"Socialist Prime Minister Craxi" is a Socialist, not the Socialists' prime minister (read 6);
    "Republican law professor" does not work for the Republicans (read 7)."""
    facts = _all(nlp, text)
    assert (holder, "memberOf", party) in facts
    assert not any(s == holder and p in {"leads", "worksFor"} and o == party for s, p, o in facts)
    assert not any(p == "positionOf" and o == party for _, p, o in facts)


def test_a_party_role_keeps_the_party_as_its_body(nlp):
    facts = _all(nlp, "Labour leader Neil Kinnock attacked the budget.")
    assert ("Neil Kinnock", "leads", "Labour") in facts


@pytest.mark.parametrize("text, holder", [
    ("Markets steadied after the resignation of party chief Zhao Ziyang, dealers said.", "Zhao Ziyang"),
    ("The ouster of Finance Minister Joao Sayad surprised bankers.", "Joao Sayad"),
])
def test_the_holder_of_a_role_left_in_a_noun_is_former(nlp, text, holder):
    """"after the resignation of party chief Hu Yaobang": a past role (read 8 fact 9)."""
    roles = [a for a in extract(nlp(text), "t").assertions if a.subject.text == holder and a.predicate == "holdsPosition"]
    assert roles and all(a.time == "former" for a in roles)


def test_a_leaving_that_is_asked_for_leaves_the_role_current(nlp):
    roles = [a for a in extract(nlp("Unions called for the resignation of Labour Minister Manuel Chaves."), "t").assertions
             if a.predicate == "holdsPosition"]
    assert roles and all(a.time is None for a in roles)


def test_a_demonym_before_an_acronym_is_not_part_of_the_name(nlp):
    """"the Guatemalan ICO delegate Rene Montes": ICO's delegate, no "Guatemalan ICO" (read 9 fact 24);
    a demonym the place table lacked ("Ecuadorean") is the country's (read 11 fact 61)."""
    facts = _all(nlp, "The plan was presented by the Honduran OAS delegate Jorge Lopez at the meeting.")
    assert ("Jorge Lopez", "worksFor", "OAS") in facts
    assert not any("Honduran OAS" in (s, o) for s, _, o in facts)
    from kg import places

    assert places.country("Ecuadorean", demonyms=True).name == "Ecuador"


@pytest.mark.parametrize("text, holder, body", [
    ("Karl Weber, a director of Deutsche Bank, said the merger would go ahead.", "Karl Weber", "Deutsche Bank"),
    ("Smith said he would resign as a director of Allied Corp next month.", "Smith", "Allied Corp"),
])
def test_one_of_a_board_works_for_the_company_does_not_lead_it(nlp, text, holder, body):
    """"Rudolf Mueller, a director of Union Bank of Switzerland" (read 11 fact 8, read 10 fact 98)."""
    facts = _all(nlp, text)
    assert not (holder, "leads", body) in facts
    assert (holder, "worksFor", body) in facts or not any(s == holder for s, _, _ in facts)


def test_the_role_with_a_definite_article_still_leads(nlp):
    assert ("Karl Weber", "leads", "Deutsche Bank") in _all(nlp, "Karl Weber, the chairman of Deutsche Bank, said the merger would go ahead.")
    assert ("Karl Weber", "leads", "Deutsche Bank") in _all(nlp, "Karl Weber, a former chairman of Deutsche Bank, said it would.")


def test_a_capitalised_first_word_before_a_role_is_the_role(nlp):
    """"Export director Carlos Santana": no organisation "Export" (read 10 facts 28, 46, 88)."""
    facts = _all(nlp, "Export director Ana Silva told reporters the Saudis were the first suppliers to impose such conditions.")
    assert not any(o == "Export" for _, _, o in facts)
    assert any(s == "Ana Silva" and p == "holdsPosition" and o.lower() == "export director" for s, p, o in facts)
    assert ("Ann Lee", "leads", "Exxon") in _all(nlp, "Exxon chairman Ann Lee said sales rose.")


def test_a_name_before_a_facility_noun_is_no_person(nlp):
    """"Shell Francaise's Berre l'Etang refinery": a refinery, which works for nobody (read 10 fact 18)."""
    ex = extract(nlp("Total's Jean Gosselin refinery will close in April, a spokesman said."), "t")
    assert not any(m.label == "PERSON" and "Gosselin" in m.text for m in ex.mentions)
    assert not any(a.predicate == "worksFor" for a in ex.assertions)


@pytest.mark.parametrize("text", [
    "Bankers attending the Paris talks with Finance Minister Ana Ruiz said progress was slow.",
    "Economist Mark Lee of Citibank said in a telephone conversation from Chicago that rates would rise.",
])
def test_a_city_where_talks_are_held_is_no_party_to_them(nlp, text):
    """"the Washington talks with Funaro" (read 10 fact 83), "a telephone conversation from New York" (read 11 fact 82)."""
    facts = _all(nlp, text)
    assert not any(p == "meets" and ("Paris" in (s, o) or "Chicago" in (s, o)) for s, p, o in facts)


def test_countries_in_talks_still_meet(nlp):
    assert ("Japan", "meets", "Canada") in _all(nlp, "Japan's talks with Canada ended on Friday.")


def test_a_role_the_article_calls_past_is_past_throughout(nlp):
    """"former President Ferdinand Marcos" ... "President Marcos" (read 11 fact 65)."""
    text = "Former Prime Minister Kakuei Tanaka was ill. Officials said Prime Minister Tanaka had taken the money."
    roles = [a for a in extract(nlp(text), "t").assertions if a.predicate == "holdsPosition" and "tanaka" in a.subject.key]
    assert len(roles) == 2 and all(a.time == "former" for a in roles)
    current = [a for a in extract(nlp("Prime Minister Kakuei Tanaka was ill. Prime Minister Tanaka left."), "t").assertions
               if a.predicate == "holdsPosition"]
    assert current and all(a.time is None for a in current)


def test_a_past_role_of_another_body_leaves_the_current_one_current(nlp):
    text = "Tom Hill, previously president of Smith Tool, is now president of Smith International."
    roles = {a.object.key: a.time for a in extract(nlp(text), "t").assertions if a.predicate == "holdsPosition"}
    assert roles.get("president@smith tool") == "former"
    assert "president@smith international" in roles and roles["president@smith international"] is None


def test_a_sum_paid_names_no_relation(nlp):
    """"would pay 217 mln dlrs to GenCorp" is "pay to", not "pay dlrs to"."""
    facts = _all(nlp, "Boeing would pay 300 mln dlrs to Textron for the unit.")
    assert ("Boeing", "pay to", "Textron") in facts


def test_a_firm_name_cut_at_and_is_one_name(nlp):
    """"Britain's Cable and Wireless Plc": never "Cable and" (read 9 fact 18)."""
    ex = extract(nlp("Officials said they would propose that Britain's Cable and Wireless Plc be given a seat on the board."), "t")
    assert "Cable and Wireless Plc" in {m.text for m in ex.mentions}
    assert not any(m.text == "Cable and" for m in ex.mentions)


def test_three_subjects_that_agree_agree_each_not_with_each_other(nlp):
    """"Norway, Egypt and the Soviet Union agreed to help OPEC" (read 11 fact 40); two still do."""
    three = _all(nlp, "Mexico, Egypt and Malaysia agreed to help OPEC by cutting exports.")
    assert not any(p == "agreesWith" for _, p, _ in three)
    assert ("France", "agreesWith", "Yugoslavia") in _all(nlp, "France and Yugoslavia agreed to set up a joint commission.")


def test_a_former_unit_is_owned_no_more(nlp):
    """"VW's former office equipment subsidiary Triumph-Adler AG" (read 10 fact 76)."""
    owned = [a for a in extract(nlp("Lang was finance director at Siemens' former computer subsidiary Nixdorf AG."), "t").assertions
             if a.predicate in {"owns", "ownedBy"}]
    assert owned and all(a.time == "former" for a in owned)


def test_a_bare_role_is_no_organisation(nlp):
    """"Adolfo Hegewisch, Mexico's Undersecretary for Commerce": no body "Undersecretary" (read 11 fact 96)."""
    facts = _all(nlp, "Juan Perez, Chile's Undersecretary for Trade, said talks resumed.")
    assert not any(s == "Undersecretary" for s, _, _ in facts)


def test_the_house_is_no_short_form_of_the_white_house(nlp):
    """"the White House ... House Budget Committee Chairman William Gray": neither the committee
    nor its chairman is the White House's (read 10 fact 95)."""
    text = ("White House chief of staff Howard Baker said no decision was made. Baker plans talks with "
            "House Budget Committee Chairman William Gray before the White House decides.")
    ex = extract(nlp(text), "t")
    assert not any(a.subject.text == "William Gray" and a.object.key == "white house" for a in ex.assertions)
    assert not any(a.predicate == "partOf" and a.object.key == "white house" for a in ex.assertions)
    assert not any(m.text == "House" and m.key == "white house" for m in ex.mentions)
    assert ("william gray", "leads", "house budget committee") in {(a.subject.key, a.predicate, a.object.key) for a in ex.assertions}


# Reads 12 and 13 (at 8d2a61f: 88 and 90 of 100)


def test_a_two_word_demonym_is_one_name(nlp):
    """"Saudi Arabian Oil Minister Hisham Nazer": Saudi Arabia's, never an "Arabian" (read 12 fact 95)."""
    facts = _all(nlp, "Saudi Arabian Foreign Minister Saud al-Faisal arrived in Paris.")
    assert not any(o == "Arabian" for _, _, o in facts)
    assert any(o == "Saudi Arabian" for _, p, o in facts if p == "worksFor")


def test_a_department_in_a_role_is_no_body(nlp):
    """"ATT's Vice-President of Marketing Services" (read 12 fact 18), "head of the Treasury Unit of
    Chase" (read 13 fact 25): the department is the role's, the firm after "at" its body."""
    facts = _all(nlp, "Tom Lee, head of Research at Nomura Securities, said yields would fall.")
    assert ("Tom Lee", "worksFor", "Nomura Securities") in facts
    assert not any(o in {"Research", "Research at"} for _, _, o in facts)
    facts = _all(nlp, "Ann Hill, director of Corporate Finance at Morgan Grenfell, said the bid would fail.")
    assert ("Ann Hill", "worksFor", "Morgan Grenfell") in facts and ("Ann Hill", "leads", "Morgan Grenfell") not in facts
    assert ("Jim Baker", "worksFor", "Treasury") in _all(nlp, "Jim Baker, Secretary of the Treasury, said the dollar was stable.")


def test_a_portfolio_pair_of_a_minister_is_one_portfolio(nlp):
    """"Tanzania's Agriculture and Livestock Development Minister" (read 12 fact 12)."""
    facts = _all(nlp, "Kenya's Agriculture and Livestock Development Minister Paul Kiptoo said rains had come.")
    assert not any(o == "Livestock" for _, _, o in facts)


def test_the_firm_after_a_based_place_is_the_body(nlp):
    """"president of Palo Alto, Calif.-based Adobe" (read 12 fact 48): Adobe's president; no verb "calif.-base"."""
    facts = _all(nlp, "Ann Marsh, president of Austin, Texas-based Dell, said sales rose.")
    assert ("Ann Marsh", "leads", "Dell") in facts
    assert not any(o == "Austin" and p in {"leads", "positionOf"} for _, p, o in facts)
    facts = _all(nlp, "Ann Marsh, president of Cupertino, Calif.-based Apple, said sales rose.")
    assert ("Ann Marsh", "leads", "Apple") in facts
    assert not any(p.endswith(("-base", "-based")) for _, p, _ in facts)


def test_a_place_before_its_owners_plant_works_for_nobody(nlp):
    """"Champlin's Corpus Christi plant" (read 12 fact 47)."""
    facts = _all(nlp, "The purchase of half of Citgo's Lake Charles plant will give Venezuela an outlet.")
    assert not any(p == "worksFor" for _, p, _ in facts)


@pytest.mark.parametrize("text, name", [
    ("Dillard Department Stores Inc, based in Little Rock, Ark., said sales rose.", "Dillard Department Stores Inc"),
    ('"We will wait," said Hiroyuki Kondo of Mitsui Trust and Banking Co Ltd in New York.', "Mitsui Trust and Banking Co Ltd"),
    ('"We will invest," said Ichiro Kono, chief actuary of Sony Prudential.', "Sony Prudential"),
])
def test_a_firm_name_the_ner_cut_is_one_name(nlp, text, name):
    """"Stores Inc" (read 13 fact 10), "Banking Co Ltd" (fact 78), "Prudential" for Sony Prudential (facts 7, 21, 92)."""
    ex = extract(nlp(text), "t")
    assert name in {m.text for m in ex.mentions}
    assert any(name in (a.subject.text, a.object.text) for a in ex.assertions)


def test_attending_a_bodys_meeting_is_no_meeting_with_it(nlp):
    """"Feldstein is attending the annual meeting of the Trilateral Commission" (read 8 fact 4),
    "the meetings of Finance Ministers from the Group of Seven" (read 13 fact 61)."""
    facts = _all(nlp, "Volcker is attending the annual meeting of the Bilderberg Group in Vienna.")
    assert not any(p == "meets" for _, p, _ in facts)
    assert ("Lavrov", "meets", "CSTO") in _all(nlp, "Lavrov held a meeting with the CSTO in Moscow.")


# Reads 14-16 (at 704e7a7: 89, 92 and 84 of 100)


def test_a_vacation_home_is_no_residence(nlp):
    """"Reagan added in the statement from his California vacation home" (read 16 fact 91)."""
    assert not any(p == "livesIn" for _, p, _ in _all(nlp, '"We will act," Bush added in the statement from his Texas vacation home at Crawford.'))
    assert ("John Smith", "livesIn", "New Jersey") in _all(nlp, "Police arrived at John Smith's New Jersey home on Monday.")


def test_new_before_a_demonym_is_no_name(nlp):
    """"New Irish Prime Minister Charles Haughey" (read 15 facts 21, 30): Irish, newly in office."""
    facts = _all(nlp, "New Greek Prime Minister Andreas Papandreou said the talks would resume.")
    assert not any(o.startswith("New ") for _, _, o in facts)
    assert any(s == "Andreas Papandreou" and o == "Greek" for s, _, o in facts)


def test_an_agency_told_is_no_part_of_the_next_name(nlp):
    """"told Reuters Senate Budget Committee Chairman Lawton Chiles" (read 14 fact 1, read 15 fact 46)."""
    ex = extract(nlp("The plan would fail, a White House official told Reuters Senate Finance Committee Chairman Lloyd Bentsen said."), "t")
    assert not any(m.text.startswith("Reuters ") for m in ex.mentions)
    assert "Reuters" in {m.text for m in ex.mentions}


def test_places_in_a_list_are_not_in_each_other(nlp):
    """"producers in South America, Canada and Australia" (read 14 fact 91); "Astana, Kazakhstan" still is."""
    facts = _all(nlp, "Output rose at mines in West Africa, Brazil and Australia last year.")
    assert not any(p == "locatedIn" for _, p, _ in facts)
    assert ("Astana", "locatedIn", "Kazakhstan") in _all(nlp, "The talks were held in Astana, Kazakhstan, on Monday.")


def test_a_purpose_is_not_done(nlp):
    """"a trip to Asia to help improve business relations with China" (read 16 facts 4, 71)."""
    ex = extract(nlp("Commerce Secretary Malcolm Baldrige begins a trip on Monday to help improve business relations with China."), "t")
    relations = [a for a in ex.assertions if a.predicate == "engagesWith"]
    assert all(a.modality == "hypothetical" for a in relations)


def test_a_bare_title_with_a_body_kind_of_its_own_takes_no_other_body(nlp):
    """"West Berlin state central bank president Dieter Hiss" in an article naming a World Bank
    meeting (read 16 facts 25, 38); "Their chairman, Belgium's Paul de Keersmaeker" after "EC
    agriculture ministers" (read 16 facts 24, 80): neither is the most named organisation's."""
    text = ("Officials at the Washington IMF/World Bank meeting said rates would hold. The Washington IMF/World Bank "
            "meeting ends today. Remarks by Hamburg state central bank president Karl Thiel revived talk of a cut.")
    assert not any(a.subject.text == "Karl Thiel" and a.object.key.startswith("washington") for a in extract(nlp(text), "t").assertions)
    text = ("The EC Commission proposed cuts. EC farm ministers met the EC Commission on Monday. "
            "Their chairman, Denmark's Lars Gammelgaard, said talks would resume.")
    assert not any(a.subject.text == "Lars Gammelgaard" and a.predicate == "leads" for a in extract(nlp(text), "t").assertions)


def test_partners_named_before_a_role_after_a_quote_are_one_firm(nlp):
    """'"...," Phillips and Drew analyst Stephen Lewis said' (read 15 facts 23, 35): never "Drew"."""
    facts = _all(nlp, '"Sterling would suffer," Carroll and Snyder analyst Ann Bell said.')
    assert ("Ann Bell", "worksFor", "Carroll and Snyder") in facts
    assert not any(o == "Snyder" for _, _, o in facts)
