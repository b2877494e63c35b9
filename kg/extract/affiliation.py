"""Role words, affiliations and the facts of a role: the machinery of :mod:`kg.extract.roles`.

A title run or a role noun phrase is split into role words ("local government spokeswoman"),
affiliations (the body or country the role is held for: a name in the title, a demonym, a
possessor, an "of/for/at/from/with" phrase, the article's country for a government portfolio,
the one body of its kind the article names) and a time ("former", "then"). ``Roles.facts`` turns
them into the facts of the role: ``holdsPosition`` a Position, ``positionOf`` its body, and the
holder's relation to the body (``leads``, ``worksFor``, ``memberOf``), or for an agent noun
(``kg:agentNoun``: assassin, owner, uncle) the relation itself. Word lists are data in
``ontology/lexicon/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..ontology import word_list, word_table
from ..records import Mention
from .firm_names import LEGAL_FORMS
from .holder_ties import (
    based_firm,
    function_director,
    heads_a_unit,
    one_of_several,
    party_word,
    unit_chief,
)
from .implied import ImpliedBodies, _national_offices, _portfolio_of, _portfolio_tokens
from .mentions import names_nothing
from .name_spans import NOT_NAME_STARTS
from .names import normalise
from .role_words import (
    _AFFILIATION_PREPS,
    _GOVERNMENT_ROLES,
    _NOT_ROLE,
    _SUBORDINATE,
    _TIME,
    _lookup_role,
    _personish,
    _role_vocabulary,
    _singular,
    _time_of,
    left_office,
    role_phrase,
)
from .rules import Candidate, Context, entities_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["Roles", "role_phrase"]

class Roles(ImpliedBodies):
    """Shared machinery of the role rules: one instance per document (``Context.roles``)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._country: Mention | None | bool = False

    def position(self, tokens: list[Token], affiliation: Mention | None) -> Mention:
        """A POSITION mention: key ``"<role>@<organisation key>"``, resolved in ``kg.resolve``."""
        doc = self.ctx.doc
        span = doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]
        key = f"{role_phrase(tokens)}@{affiliation.key if affiliation else ''}"
        return Mention(self.ctx.mentions.doc_id, span.text, span.start_char, span.end_char, "POSITION", key)

    # ------------------------------------------------------------ affiliations

    def affiliation_of(self, tok: Token) -> Mention | None:
        """The organisation or country a title word stands for: an entity, a demonym, a party adjective."""
        ctx = self.ctx
        m = ctx.mentions.at(tok)
        if m is not None:
            return m if m.label in {"ORG", "GPE", "NORP", "LOC", "FAC"} else None
        if tok.pos_ in {"ADJ", "PROPN"} and tok.is_title:
            from .. import places

            if places.country(tok.text, demonyms=True) is not None:  # "Irish", "French"
                return ctx.mentions.add(ctx.doc[tok.i : tok.i + 1], "NORP")
        return None

    def prep_affiliations(self, head: Token) -> list[tuple[str, Mention]]:
        """``(preposition, entity)`` of "<role> of/for/at/from/in X"; "spokesperson for the presidency" -> its owner."""
        ctx = self.ctx
        found: list[tuple[str, Mention]] = []
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in _AFFILIATION_PREPS):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                portfolio = _portfolio_of(prep, pobj) is not None
                if not portfolio:  # "Secretary of Transportation", "head of Research": the portfolio or department, not a body
                    direct = ctx.mentions.at(pobj) is not None or _names_an_org(pobj, ctx)  # "the IG Metall union"
                    # "head of the EC delegation": the role is in the delegation, which stands for the EC
                    mark = prep.lower_ if direct else prep.lower_ + "~"
                    based = based_firm(pobj, ctx)  # "president of Palo Alto, Calif.-based Adobe": Adobe's
                    found += [(prep.lower_, based)] if based is not None else [
                        (mark, m) for m, _ in entities_of(pobj, ctx) if m.label != "PERSON" or prep.lower_ == "of"]
                if prep.lower_ == "of" and (pobj.pos_ == "NOUN" and pobj.is_lower or portfolio):
                    # "head of treasury operations at UBS", "head of Research at Nomura"
                    found += [("at", m) for inner in pobj.children if inner.dep_ == "prep" and inner.lower_ in {"at", "with"}
                              for o in inner.children if o.dep_ == "pobj" for m, _ in entities_of(o, ctx) if m.label != "PERSON"]
        return found

    # ------------------------------------------------------------ facts

    def facts(self, holder: Mention, words: list[Token], affiliations: list[tuple[str, Mention]], rule: str,
              conf: float, verb: Token | None, *, time: str | None = None) -> Iterator[Candidate]:
        """The facts of "<holder>, <role words> <affiliations>"."""
        ctx = self.ctx
        found = _lookup_role(ctx, role_phrase(words))
        if found is None:
            return
        kind, prop, matched = found
        words[:] = _one_role(ctx, words, matched)  # "delegation chief Finance Minister": the last role
        role = role_phrase(words)
        if not role:
            return
        time = time or _time_of(words) or ("former" if holder.label == "PERSON" and left_office(ctx.span_of(holder)) else None)
        if kind == "agent":
            rel = ctx.lexicon.relations.get(prop)
            targets = [a for a in affiliations if not (a[1].label == "NORP" and a[0] == "")]  # "its French unit": France is where
            for _, target in targets[:1]:
                if target.key != holder.key and (rel is None or _strictly(rel.domain, holder) and _strictly(rel.range, target)):
                    # the agent noun's modifiers can make it a suspicion ("the accused assassin of X")
                    yield Candidate(holder, prop, target, rule, conf, verb, mapped=True, time=time, noun=words[-1])
            return
        if matched == "counterpart":
            return
        affiliations = _beyond_org_kind(words, affiliations, ctx)
        if prop == "leads" and (any(w.lower_ in _SUBORDINATE for w in words) or heads_a_unit(words) or function_director(role, matched)
                                or unit_chief(words, matched) or time != "former" and one_of_several(words)):
            prop = "worksFor"  # "deputy director of Comecon", "director of studies at X": works for it, does not lead it
        indirect = [(p.rstrip("~"), m) for p, m in affiliations if p.endswith("~")]
        affiliations = [(p, m) for p, m in affiliations if not p.endswith("~")]
        if indirect and not affiliations:
            for _, aff in indirect[:1]:
                if aff.key != holder.key and aff.label != "PERSON" and _personish(holder, ctx.span_of(holder)):
                    yield Candidate(holder, "worksFor" if prop != "memberOf" else prop, aff, rule, conf - 0.1, verb, mapped=True, time=time)
        body = next((a for a in affiliations if a[0] == "" and a[1].label == "ORG"), None)
        if body is not None and affiliations[0][0] == "'s" and affiliations[0][1].label in {"GPE", "LOC", "NORP"}:
            affiliations.remove(body)  # "Brazil's Central Bank governor": the bank's governor, in Brazil
            affiliations.insert(0, body)
        titled = [m for p, m in affiliations if p == ""]
        if len(titled) > 1:  # "Greek U.N. Representative", "American Honda president": the name next to the role
            affiliations = [a for a in affiliations if a[1] is not titled[-1]]
            affiliations.insert(0, ("", titled[-1]))
        ofs = [m for p, m in affiliations if p in {"of", "at"} and m.label == "ORG"]
        if affiliations and affiliations[0][0] == "" and affiliations[0][1].label in {"GPE", "LOC"} and ofs and _city(affiliations[0][1]):
            affiliations = [a for a in affiliations if a[1] is not ofs[0]]  # "Washington representative of the Institute"
            affiliations.insert(0, ("of", ofs[0]))
        firsts = [m for p, m in affiliations if p != "in"] or [m for _, m in affiliations]
        primary = firsts[0] if firsts else None
        if primary is not None and party_word(primary) and role.split()[-1] not in word_list("party_roles"):
            # "Socialist Prime Minister Craxi", "a Republican law professor": the party's member, not its office
            if holder.label == "PERSON" and primary.key != holder.key:
                yield Candidate(holder, "memberOf", primary, rule, conf - 0.05, verb, mapped=True, time=time)
            affiliations = [a for a in affiliations if a[1] is not primary]
            firsts = [m for p, m in affiliations if p != "in"] or [m for _, m in affiliations]
            primary = firsts[0] if firsts else None
        if prop == "memberOf":
            bodies = [a for a in affiliations if not (a[0] == "" and _a_place(a[1]))]
            for _, aff in bodies if len(bodies) < len(affiliations) and bodies else affiliations:  # "the only Asian member of OPEC": of OPEC, from Asia
                if aff.key != holder.key and aff.label != "PERSON":
                    yield Candidate(holder, "memberOf", aff, rule, conf, verb, mapped=True, time=time)
            return
        if prop == "leads" and any(w.lower_ in word_list("caucus_parties") for w in words):
            prop = "memberOf"  # "Senate Democratic leader": leads the Democrats of the Senate, sits in the Senate
        if holder.label != "PERSON" and (rule != "title" or not _personish(holder, ctx.span_of(holder))):
            return  # only a title right before a name outweighs the NER's organisation ("Merrill Lynch is agent for")
        if primary is None and "shadow" not in role.split() and (matched in _GOVERNMENT_ROLES or role.endswith(("minister", "secretary"))) and len(role.split()) > len(matched.split()) - (matched != "secretary"):
            national = _national_offices().get(role) or _national_offices().get(" ".join(role.split()[-2:]))
            # "secretary for trade and industry": a British style the article's country need not share
            primary = self.office_country(role, words) if national else None if " for " in role else self.article_country()
        if primary is None and not indirect and "shadow" not in role.split():
            primary = self.implied_body(words, matched, holder)
        if primary is not None and primary.label == "PERSON":
            yield from _for_person(holder, matched, primary, rule, conf, verb, time)  # "Ebbers's lawyer, Reid Weingarten"
            return
        if primary is not None and (primary.label in {"GPE", "LOC"} or primary.label == "NORP" and _demonym(primary)) \
                and matched not in word_list("public_roles") and role.split()[-1:] != [] and role.split()[-1] not in word_list("public_roles"):
            primary = None  # "the New York attorney": where he works, not whom for; "British analyst John Smith": his nationality
        position = self.position(words, primary)
        ministry = self.ministry_of(role, primary) if "shadow" not in role.split() else None
        if ministry is not None and ministry.key != holder.key:
            yield Candidate(holder, "leads", ministry, rule + "+ministry", conf - 0.1, verb, mapped=True, time=time)
        ctx.mentions.roles.setdefault(role, holder)
        ctx.held.setdefault(holder.key, (words, primary))
        yield Candidate(holder, "holdsPosition", position, rule, conf, verb, mapped=True, time=time)
        if primary is not None:
            yield Candidate(position, "positionOf", primary, rule, conf, verb, mapped=True)  # the post is the body's whoever held it when
            yield Candidate(holder, prop, primary, rule, conf - 0.05, verb, mapped=True, time=time)
        first_prep = next((p for p, m in affiliations if m is primary), "")
        for prep, aff in affiliations:
            if aff is primary or aff.key == holder.key or aff.label == "PERSON":
                continue
            if prep == "in" and aff.label == "ORG":  # "Tory leader in the Lords": he sits in the Lords too
                yield Candidate(holder, "memberOf", aff, rule, conf - 0.1, verb, mapped=True, time=time)
            elif prep == first_prep and prep != "":  # "the senior judge in England and Wales"
                yield Candidate(holder, prop, aff, rule, conf - 0.1, verb, mapped=True, time=time)
            elif prep in {"at", "from", "with"} and aff.label == "ORG":
                # "investment director of UK Equities at Standard Life Investments"
                yield Candidate(holder, "worksFor", aff, rule, conf - 0.1, verb, mapped=True, time=time)
                if primary is not None and primary.label == "ORG" and first_prep == "of":
                    yield Candidate(primary, "partOf", aff, rule, conf - 0.15, verb, mapped=True, time=time)

    def split(self, tokens: list[Token]) -> tuple[list[Token], list[tuple[str, Mention]]]:
        """Role words and affiliations of a title run ("Lib Dem Treasury spokesman").

        Capitalised words that are neither role words, qualifiers nor a portfolio are the name
        of the affiliation, with any entity they touch ("Liberal" + "Democrat"); a portfolio
        before the role noun is part of the role ("Treasury" in "Lib Dem Treasury spokesman",
        "Home" in "Home Secretary").
        """
        ctx = self.ctx
        words: list[Token] = []
        affiliations: list[tuple[str, Mention]] = []
        group: list[Token] = []

        def close() -> None:
            if group:
                m = self.group_mention(group)
                if m is not None and all(m.key != a.key for _, a in affiliations):
                    affiliations.append(("", m))
                elif m is None:
                    words.extend(group)
                group.clear()

        portfolio = _portfolio_tokens(tokens) - _named_body_tokens(ctx, tokens)
        in_role = {t.i for t in tokens if (m := ctx.mentions.at(t)) is not None and any(ctx.mentions.at(x) is m for x in tokens if x.i in portfolio)}
        self._ignored = {ctx.mentions.at(ctx.doc[i]) for i in in_role}  # names the NER made of a portfolio
        for m in self._ignored:  # "New Home" of "New Home Secretary Charles Clarke" names nothing ("US Treasury" does)
            span = ctx.span_of(m) if m is not None and m.label not in {"PERSON", "POSITION"} else None
            if span is not None and all(t.lower_ in NOT_NAME_STARTS for t in span if t.i not in portfolio):
                ctx.mentions.remove(m)
        caucus = _caucus(tokens)
        levels = word_list("office_levels")
        for n, t in enumerate(tokens):
            if group and group[-1].lower_ in word_list("news_agencies") and ctx.mentions.at(t) is not ctx.mentions.at(group[-1]):
                close()  # "told Reuters Senate Finance Committee Chairman X": Reuters, then the committee
            if t.lower_ in levels and n + 1 < len(tokens) and self.is_role_word(tokens[n + 1]):
                close()  # "State Treasurer Ann Hill": the level of the office, not a body (rule office_level)
                words.append(t)
                continue
            if t.i in caucus:  # "Senate Democratic leader": the leader of the chamber's Democrats
                close()
                words.append(t)
                continue
            m = ctx.mentions.at(t) if t.i not in in_role else None  # "New Home" Secretary: the NER's name is the role
            if m is not None and m.label not in {"PERSON", "POSITION"} and t.i not in portfolio:
                if group and (ctx.mentions.at(group[-1]) is not m) and (_is_demonym(group[-1]) or _is_demonym(t)):
                    close()  # "Greek U.N. Representative": Greece and the UN, not one name
                group.append(t)  # a name is never cut: "the New York attorney"
                continue
            if t.lower_ in _TIME or t.lower_ in _NOT_ROLE and t.text not in {"-", "–"} or m is None and t.text[:1].isupper() and t.lower_.rstrip(".") in LEGAL_FORMS and not _hyphened(t) \
                    or _aged(t):
                close()  # "Salomon Brothers (Asia) Ltd economist": the firm's legal form is no role word
                continue
            if t.i in portfolio or m is None and self.is_role_word(t):
                close()
                words.append(t)
                continue
            if m is not None and m.label == "PERSON":
                close()
                continue
            if m is None and words and self.is_role_word(words[-1]) and not _is_demonym(t) and not _is_country(t.text):
                close()  # "SEC Chief Accountant": a capitalised word after a role word is part of the role
                words.append(t)
                continue
            if m is None and t.is_sent_start and t.tag_ in {"NN", "NNS"} and n + 1 < len(tokens) and tokens[n + 1].is_lower:
                close()  # "Export director Carlos Santana": a common noun capitalised as the sentence's first word
                words.append(t)
                continue
            if m is not None or (t.is_title or t.is_upper) and t.pos_ in {"PROPN", "ADJ", "NOUN"} and (not t.text.endswith(".") or _is_country(t.text)):
                group.append(t)
                continue
            close()
            doc = t.doc
            if t.pos_ in {"NOUN", "PROPN"} or t.i in portfolio or self.is_role_word(t) or (
                    not t.whitespace_ and t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and self.is_role_word(doc[t.i + 2])):
                words.append(t)  # "feisty", "newly-elected" describe the holder, not the role; "Under-secretary" is one
        close()
        while words and words[0].text in {"-", "–"}:
            words.pop(0)
        while words and words[-1].text in {"-", "–"}:
            words.pop()  # "chairman-designate": the time word went
        return words, affiliations

    def is_role_word(self, t: Token) -> bool:
        """A word of a role name: a word of a role or agent noun of the lexicon ("prime"), a qualifier ("deputy"), "Gov."."""
        low = t.lower_
        vocabulary = _role_vocabulary(self.ctx.lexicon)
        return low in vocabulary or _singular(low) in vocabulary

    def group_mention(self, group: list[Token]) -> Mention | None:
        """The organisation or country a run of capitalised title words names, as one mention."""
        ctx = self.ctx
        if _capitalised_common_noun(group):
            return None
        inside = [m for t in group if (m := ctx.mentions.at(t)) is not None and m not in getattr(self, "_ignored", ())]
        for m in dict.fromkeys(inside):  # a name reaching outside the run stays whole
            span = ctx.span_of(m)
            if span is not None and (span.start < group[0].i or span.end > group[-1].i + 1):
                return m if m.label in {"ORG", "GPE", "NORP", "LOC", "FAC"} and len(set(inside)) == 1 else None
        if len(group) == 1 and not inside:
            if _is_demonym(group[0]) or _is_country(group[0].text):
                return self.ctx.mentions.add(self.ctx.doc[group[0].i : group[0].i + 1], "NORP" if _is_demonym(group[0]) else "GPE")
            if group[0].lower_ in word_list("chambers") and group[0].is_title and group[0].i + 1 < len(ctx.doc) \
                    and ctx.doc[group[0].i + 1].lower_ in word_list("caucus_parties"):
                return self._new_affiliation(group)  # "House Majority leader Tom Foley": the House's
            if group[0].lower_ in word_list("org_kinds"):
                return None  # "Committee chairman Alan Beith": a kind of body, not its name
            if ctx.mentions.at(group[0]) in getattr(self, "_ignored", ()):
                return self._new_affiliation(group)  # "EC" of the NER's "EC External Trade" before "Commissioner"
            return self.affiliation_of(group[0]) or self._new_affiliation(group)
        if inside and all(m is inside[0] for m in inside):
            span = ctx.span_of(inside[0])
            if span is not None and span.start == group[0].i and span.end == group[-1].i + 1:
                return inside[0] if inside[0].label in {"ORG", "GPE", "NORP", "LOC", "FAC"} else None
        return self._new_affiliation(group, inside)

    def _new_affiliation(self, group: list[Token], inside: list[Mention] = ()) -> Mention | None:
        ctx = self.ctx
        if any(m.label == "PERSON" for m in inside) or not any(t.is_alpha for t in group):
            return None
        if not inside and (len(group) > 3 or any(t.pos_ == "NOUN" and not t.is_title for t in group)):
            return None
        name = " ".join(t.text for t in group)
        if not normalise(name) or names_nothing(name):
            return None  # "Sir Anthony Meyer, the Tory backbencher": an honorific names no body; nor does "Inc"
        label = inside[0].label if inside else ("NORP" if group[-1].pos_ == "ADJ" else "ORG")
        if label == "NORP" and len(group) == 1:
            from .. import places

            if places.country(group[0].text, demonyms=True) is None and (not group[0].is_title or _kind_modifier(group[0])):
                return None  # "Central bank governor X": the kind's adjective, no name
        for m in inside:
            ctx.mentions.remove(m)
        return ctx.mentions.add(ctx.doc[group[0].i : group[-1].i + 1], label)


def _names_the_kind(ctx: Context, span, mark: int) -> bool:
    """"BP Group Treasurer", "Mannesmann managing board chairman": a company right before the
    kind word (lower-case words between) is whose body it is; "Senate Finance Committee
    Chairman" names a committee of its own ("Finance"), of the Senate but not the Senate."""
    return all(t.is_lower for t in ctx.doc[span.end : mark])


def _beyond_org_kind(words: list[Token], affiliations: list[tuple[str, Mention]], ctx: Context) -> list[tuple[str, Mention]]:
    """"Belgrade trade union council leader": the place names where the council is, not whom he leads."""
    kinds = word_list("org_kinds")
    portfolio = _portfolio_tokens(words)  # "local government spokeswoman": a portfolio, not a body
    marks = [w.i for w in words[:-1] if (w.lower_ in kinds or w.lemma_.lower() in kinds) and w.i not in portfolio]
    if not marks:
        return affiliations
    out = []
    for prep, m in affiliations:
        span = ctx.span_of(m)
        if prep == "" and span is not None and span.start < max(marks) and not (m.label == "ORG" and _names_the_kind(ctx, span, max(marks))):
            continue
        out.append((prep, m))
    return out


def _one_role(ctx: Context, words: list[Token], matched: str) -> list[Token]:
    """The words of the last role of a run that names two ("delegation chief Finance Minister")."""
    cut = next((k for k, w in enumerate(words) if w.lower_ in {"of", "for"} and k > 0), None)
    if cut is not None:  # "director of communications", "vice president for finance": the role's head is before it
        return _one_role(ctx, words[:cut], matched) + words[cut:]
    n_matched = len(matched.split())
    keep = len(words) - n_matched
    portfolio = _portfolio_tokens(words)
    lex = ctx.lexicon
    while keep > 0:
        w, nxt = words[keep - 1], words[keep]
        low = w.lower_
        if not _hyphened(w) and w.i not in portfolio and (lex.role(low) or lex.agent(low)) and (low not in word_list("role_qualifiers") or w.is_lower and nxt.is_title and low not in _ONLY_QUALIFY):
            break  # another role's head ("delegation chief" before "Finance Minister"): not this role
        keep -= 1
    while keep < len(words) - 1 and (words[keep].pos_ == "CCONJ" or words[keep].is_punct):
        keep += 1  # "president and chief executive": the last role is "chief executive", not "and chief executive"
    return words[keep:]


#: Qualifiers that make a lower office of the title after them, never a role of their own before
#: it: "William Martin, deputy Energy Secretary" is no Energy Secretary.
_ONLY_QUALIFY = frozenset({"deputy", "vice", "acting", "assistant", "associate", "shadow", "interim"})


def _a_place(m: Mention) -> bool:
    """A place, or a place's demonym ("Asian", "German"): where a member is from, not what it belongs to."""
    from .. import places

    return m.label in {"GPE", "LOC"} or m.label == "NORP" and any(places.country(w, demonyms=True) is not None for w in [m.text, *m.text.split()])


def _city(m: Mention) -> bool:
    from .. import places

    return places.country(m.text) is None


def _kind_modifier(t: Token) -> bool:
    """"Central bank", "Federal court": an adjective before a lower-case kind of body is part of that kind."""
    doc = t.doc
    return t.pos_ == "ADJ" and t.i + 1 < len(doc) and doc[t.i + 1].is_lower and doc[t.i + 1].lemma_.lower() in word_list("org_kinds")


def _hyphened(t: Token) -> bool:
    """"co-chairman", "director-general": the word before a hyphen of one compound."""
    doc = t.doc
    return not t.whitespace_ and t.i + 1 < len(doc) and doc[t.i + 1].text in {"-", "–"}


def _aged(t: Token) -> bool:
    """A word of "58-year-old", "three-month": a measure that describes the holder or the term, no role."""
    doc, i = t.doc, t.i
    start = i
    while start >= 2 and doc[start - 1].text in {"-", "–"} and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_:
        start -= 2
    return t.lower_ in {"year", "years", "old", "month", "week", "day"} and (doc[start].like_num or doc[start].pos_ == "NUM")


def _names_an_org(noun: Token, ctx: Context) -> bool:
    """"the IG Metall union": an organisation kind whose name is written before it."""
    if noun.lemma_.lower() not in word_list("org_kinds") and noun.lower_ not in word_list("org_kinds"):
        return False
    return any(c.dep_ in {"compound", "nmod"} and (m := ctx.mentions.at(c)) is not None and m.label == "ORG" for c in noun.children)


def _is_demonym(t: Token) -> bool:
    from .. import places

    return t.pos_ in {"ADJ", "PROPN"} and places.is_demonym(t.text)


def _is_country(text: str) -> bool:
    from .. import places

    return places.country(text) is not None


def _named_body_tokens(ctx: Context, tokens: list[Token]) -> set[int]:
    """"Board of Education spokesman": a body's name that starts before the title run (the run
    stops at "of") is that body, not a portfolio ("Education spokesman")."""
    out: set[int] = set()
    for t in tokens:
        m = ctx.mentions.at(t)
        span = ctx.span_of(m) if m is not None and m.label == "ORG" else None
        if span is not None and span.start < tokens[0].i and any(w.lower_ in {"of", "for"} for w in span):
            out.update(range(span.start, span.end))
    return out


#: Mention labels an agent noun's holder or object must have, by the ontology class of the slot:
#: an agent noun gives no clause to check, so its arguments must be what the relation relates.
_STRICT = {"Organization": {"ORG"}, "Person": {"PERSON"}, "Place": {"GPE", "LOC", "FAC"}, "Country": {"GPE", "NORP"}}


def _strictly(cls: str, m: Mention) -> bool:
    allowed = _STRICT.get(cls)
    return allowed is None or m.label in allowed


def _caucus(tokens: list[Token]) -> set[int]:
    """Party words right after a chamber ("Senate Democratic leader"): part of the role (rule caucus_title)."""
    chambers, parties = word_list("chambers"), word_list("caucus_parties")
    return {b.i for a, b in zip(tokens, tokens[1:]) if a.lower_ in chambers and b.lower_ in parties}


def _capitalised_common_noun(group: list[Token]) -> bool:
    """A common noun capitalised only by the sentence start ("Consumer spokesman Peter Baron"
    in an article that writes "consumer" elsewhere): no organisation's name (rule sentence_initial_noun)."""
    if len(group) != 1:
        return False
    t = group[0]
    return (t.i == t.sent.start and t.tag_ in {"NN", "NNS"} and not t.is_upper
            and any(x.text == t.lower_ for x in t.doc if x.i != t.i))


def _for_person(holder: Mention, matched: str, owner: Mention, rule: str, conf: float, verb: Token | None,
                time: str | None) -> Iterator[Candidate]:
    """A role held for a person, not a body (``ontology/lexicon/personal_roles.tsv``): "Ebbers's
    lawyer, Reid Weingarten" represents Ebbers; "his ex-boss Bernie Ebbers": he worked for Ebbers."""
    prop, _, reversed_ = word_table("personal_roles").get(matched, "").partition(" ")
    if not prop or owner.key == holder.key:  # the holder is a person, or titled like one (Roles.facts)
        return
    s, o = (owner, holder) if reversed_ == "reversed" else (holder, owner)
    # a noun phrase's tie is no clause's: "Baker's closest aide, Richard Darman, will not change
    # the course" keeps the aide; "X is not Gotti's lawyer" (a copula) is denied
    yield Candidate(s, prop, o, rule + "+person", conf - 0.05, verb if rule.startswith("copula") else None, mapped=True, time=time)


def _demonym(m: Mention) -> bool:
    """A country's people ("British", "West German"), not a party ("Republican") or a faith."""
    from .. import places

    return places.country(m.text, demonyms=True) is not None and places.country(m.text) is None
