"""Roles and titles: who holds which office for whom, and what news calls people by relation.

News states roles in a handful of forms, each a named rule here:

- ``title``: a title run before a name: "Liberal Democrat chairman Matthew Taylor", "Labour's
  Paul Flynn", "Germany's foreign minister Heiko Maas", "Former WorldCom chief Bernie Ebbers",
  "Pittsburgh Mayor Sophie Masloff", "President Putin of Russia";
- ``apposition``: "Suhas Naik, an investment analyst from ING Mutual Fund", "Lord Strathclyde,
  Tory leader in the Lords", "The chairman of the Bar Council, Guy Mansfield QC";
- ``copula_role``: "X is the president of Y", "X became chairman", "X was elected leader of Y";
- ``counterpart``: "her French counterpart, Jean Dupont" holds the office the possessor holds,
  for the other country;
- agent nouns (``kg:agentNoun`` in the ontology) in any of these forms name a relation, not an
  office: "Kennedy's assassin, Lee Harvey Oswald", "Amanda's uncle, Lewis Champion",
  "Deutsche Boerse's rival Euronext".

A role noun (``kg:roleTrigger``) gives three facts: the holder ``holdsPosition`` a Position
("Chairman of Liberal Democrats"), the position ``positionOf`` the organisation, and the
holder's relation to it (``leads``, ``worksFor``; ``memberOf`` gives no position). The
affiliation is, in order: an entity or demonym in the title ("Tory", "Russian"), the possessor
("Labour's"), a prepositional phrase ("of/for/at/from/with X"), and for a government post with a
portfolio ("Home Secretary", "Health Minister") the country the article is about — a portfolio
names a post in a government, never an organisation. "former", "ex-" and "then" keep the fact
and mark it with its time (a past role is not a current one).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..ontology import word_list
from ..records import Mention
from .mentions import normalise
from .rules import Candidate, Context, entities_of, governing_verb

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

__all__ = ["ROLE_RULES", "role_phrase", "rule_title", "rule_apposition", "rule_copula_role"]

#: Words of a title run that are not part of the role ("the new chairman" is a chairman).
_NOT_ROLE = frozenset({
    "the", "a", "an", "mr", "mrs", "ms", "dr", "new", "current", "incumbent", "top", "high", "ranking",
    "-", "–", "his", "her", "its", "their", "our", "my", "your", "long", "longtime", "veteran", "newly",
    "outspoken", "influential", "powerful", "controversial", "embattled", "popular", "respected",
    "well", "known", "prominent", "leading", "key", "fellow", "one", "time", "also",
})
#: Words that put a role in the past, with the time they give it.
_TIME = {"former": "former", "ex": "former", "onetime": "former", "erstwhile": "former", "late": "former", "then": "then", "outgoing": "outgoing"}
#: Offices of a government: with a portfolio and no stated affiliation they belong to the
#: government of the article's country ("Home Secretary Charles Clarke").
_GOVERNMENT_ROLES = frozenset({"minister", "secretary", "chancellor", "prime minister", "deputy prime minister", "premier", "attorney general"})
#: Officers of a company or body: with no affiliation stated, that of the organisation the article is about.
_COMPANY_OFFICERS = frozenset({
    "chief executive", "chief executive officer", "ceo", "chairman", "chairwoman", "chief financial officer",
    "cfo", "chief operating officer", "coo", "managing director", "finance director", "general counsel",
    "company secretary",
})
#: Role words that make the holder subordinate: a deputy director works for the body, not leads it.
_SUBORDINATE = frozenset({"deputy", "vice", "assistant", "associate", "junior", "under", "undersecretary"})
#: Prepositions that attach a role to its organisation: "analyst from ING", "leader in the Lords".
_AFFILIATION_PREPS = frozenset({"of", "for", "at", "from", "with", "in", "to"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
#: Role nouns a portfolio word can stand before: "Home Secretary", "Treasury spokesman".
_PORTFOLIO_HEADS = frozenset({"secretary", "minister", "spokesman", "spokeswoman", "spokesperson", "chancellor", "commissioner", "committee", "editor", "correspondent", "adviser", "advisor", "czar", "tsar", "chief", "director", "representative", "negotiator", "envoy", "ambassador"})
#: Last words that make a name an organisation's.
_ORG_ENDINGS = frozenset({"inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "bv", "gmbh", "group", "holdings", "industries", "computing", "systems", "securities", "capital", "partners", "associates"})
#: Name suffixes the NER often keeps in a person's span: "Guy Mansfield QC".
_NAME_SUFFIXES = frozenset({"qc", "mp", "jr", "sr", "ii", "iii", "kc", "mep"})


@functools.lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    """``"gov." -> "governor"`` from ``ontology/lexicon/title_abbreviations.tsv``."""
    from ..ontology import ontology_dir

    rows = (ontology_dir() / "lexicon" / "title_abbreviations.tsv").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in rows if line.strip() and not line.startswith("#"))


_VOCABULARIES: dict[int, frozenset[str]] = {}


def _role_vocabulary(lexicon) -> frozenset[str]:
    """Every word of a role or agent noun of the lexicon ("prime", "minister", "general"), qualifiers, abbreviations."""
    found = _VOCABULARIES.get(id(lexicon))
    if found is None:
        words = {w for phrase in (*lexicon.roles, *lexicon.agents) for w in phrase.replace("-", " ").split()}
        found = _VOCABULARIES[id(lexicon)] = frozenset(words | word_list("role_qualifiers") | set(_abbreviations()))
    return found


def role_phrase(tokens: list[Token]) -> str:
    """Normalised role words: "Secretary-General" and "secretary general" are one role; "executives" is "executive"."""
    abbr = _abbreviations()
    words = [abbr.get(t.lower_, t.lower_) for t in sorted(tokens, key=lambda t: t.i) if t.lower_ not in _NOT_ROLE and t.lower_ not in _TIME]
    if words and (tokens[-1].tag_ in {"NNS", "NNPS"} or words[-1].endswith("men")):
        words[-1] = _singular(words[-1])
    return normalise(" ".join(words))


def _singular(word: str) -> str:
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _lookup_role(ctx: Context, role: str) -> tuple[str, str, str] | None:
    """``(kind, property, matched words)`` for a role phrase: the longest known tail, office or agent noun."""
    if " of " in role:  # "secretary of transportation": the role noun is before "of"
        return _lookup_role(ctx, role.split(" of ")[0])
    words = role.split()
    if not words:
        return None
    words[-1] = words[-1] if ctx.lexicon.role(words[-1]) or ctx.lexicon.agent(words[-1]) else _singular(words[-1])
    for i in range(len(words)):
        tail = " ".join(words[i:])
        prop = ctx.lexicon.role(tail)
        if prop is not None:
            return "office", prop, tail
        prop = ctx.lexicon.agent(tail)
        if prop is not None:
            return "agent", prop, tail
    return None


def _time_of(tokens: list[Token]) -> str | None:
    for t in tokens:
        if t.lower_ in _TIME:
            return _TIME[t.lower_]
        if t.lower_ == "ex" or t.lower_.startswith("ex-"):
            return "former"
    return None


def _personish(m: Mention, span: Span | None) -> bool:
    """A person's name, even where the NER gave it another label after a title ("spokesman Vince Cable")."""
    if m.label == "PERSON":
        return m.text.lower() not in _PERSON_PRONOUNS or True
    if span is None or m.label not in {"ORG", "GPE", "NORP", "FAC"} or not 2 <= len(span) <= 4:
        return False
    words = [t for t in span if t.lower_ not in _NAME_SUFFIXES]
    if words and (words[-1].lower_.rstrip(".") in _ORG_ENDINGS or words[-1].lower_ in word_list("org_kinds")):
        return False  # "Future Computing Inc", "Hawaiian Sugar Planters Association"
    return 2 <= len(words) <= 3 and all(t.is_title and t.is_alpha and t.pos_ == "PROPN" for t in words)


class _Roles:
    """Shared machinery of the role rules: one instance per document (``Context.roles``)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._country: Mention | None | bool = False

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

    def article_country(self) -> Mention | None:
        """The country the article is about: the one its mentions name most (at least twice)."""
        if self._country is not False:
            return self._country  # type: ignore[return-value]
        from .. import places

        counts: dict[str, list[Mention]] = {}
        for m in self.ctx.mentions.mentions:
            if m.label in {"GPE", "NORP"}:
                place = places.country(m.text, demonyms=m.label == "NORP")
                if place is not None:
                    counts.setdefault(place.iso or place.name, []).append(m)
        best = sorted(counts.values(), key=lambda ms: (-len(ms), ms[0].start))
        clear = best and len(best[0]) >= 3 and (len(best) == 1 or len(best[1]) * 3 <= len(best[0]))
        self._country = best[0][0] if clear else None
        return self._country  # type: ignore[return-value]

    def implied_body(self, words: list[Token], matched: str, holder: Mention) -> Mention | None:
        """The body a role without a stated affiliation belongs to, when the article leaves no doubt.

        "Committee chairman Alan Beith": the one committee the article names; "chief executive
        Peter Brabeck-Letmathe" in an article about Nestle: the organisation it names most, at
        least twice and twice as often as any other.
        """
        kinds = word_list("org_kinds")
        head = matched.split()[-1]
        if words and any(pobj.lemma_.lower() in kinds for prep in words[-1].children if prep.dep_ == "prep" and prep.lower_ in {"of", "at"}
                         for pobj in prep.children if pobj.dep_ == "pobj"):
            return None  # "chairman of the refining company that is to spin off": a body the text does not name
        kind_words = [w.lower_ for w in words if w.lower_ in kinds and w.lower_ != head]
        orgs = [m for m in self.ctx.mentions.mentions if m.label == "ORG" and m.start < holder.start and m.text.lower() not in {"it", "its", "they", "their"}]
        if kind_words and not _portfolio_tokens(words):
            named = {m.key: m for m in orgs if kind_words[-1] in m.text.lower().split()}
            if len(named) == 1:
                words[:] = [w for w in words if w.lower_ != kind_words[-1]]  # "Committee chairman" of the committee
                return next(iter(named.values()))
            return None
        if matched not in _COMPANY_OFFICERS:
            return None
        counts: dict[str, list[Mention]] = {}
        for m in self.ctx.mentions.mentions:
            if m.label == "ORG" and m.text[:1].isupper() and len(m.text) > 2 and m.text.lower() not in {"it", "its", "they", "their"}:
                counts.setdefault(m.key, []).append(m)
        ranked = sorted(counts.values(), key=lambda ms: (-len(ms), ms[0].start))
        if ranked and len(ranked[0]) >= 2 and (len(ranked) == 1 or len(ranked[1]) * 2 <= len(ranked[0])):
            return ranked[0][0]
        return None

    def office_country(self, role: str) -> Mention | None:
        """The country whose office this is by name ("home secretary": the UK), if the article names it."""
        from .. import places

        iso = _national_offices().get(role) or _national_offices().get(" ".join(role.split()[-2:]))
        if iso is None:
            return None
        for m in self.ctx.mentions.mentions:
            if m.label in {"GPE", "NORP"}:
                place = places.country(m.text, demonyms=m.label == "NORP")
                if place is not None and place.iso == iso:
                    return m
        doc = self.ctx.doc
        for tok in doc:  # the NER misses some: "the U.S. agreed"
            if tok.is_upper or tok.is_title:
                place = places.country(tok.text)
                if place is not None and place.iso == iso and self.ctx.mentions.at(tok) is None:
                    return self.ctx.mentions.add(doc[tok.i : tok.i + 1], "GPE")
        return None

    def prep_affiliations(self, head: Token) -> list[tuple[str, Mention]]:
        """``(preposition, entity)`` of "<role> of/for/at/from/in X"; "spokesperson for the presidency" -> its owner."""
        ctx = self.ctx
        found: list[tuple[str, Mention]] = []
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in _AFFILIATION_PREPS):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if prep.lower_ == "of" and " ".join(w.lower_ for w in pobj.subtree) in word_list("portfolios"):
                    continue  # "Secretary of Transportation": the portfolio, not a body
                direct = ctx.mentions.at(pobj) is not None or _names_an_org(pobj, ctx)  # "the IG Metall union"
                # "head of the EC delegation": the role is in the delegation, which stands for the EC
                mark = prep.lower_ if direct else prep.lower_ + "~"
                found += [(mark, m) for m, _ in entities_of(pobj, ctx) if m.label != "PERSON" or prep.lower_ == "of"]
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
        time = time or _time_of(words)
        if kind == "agent":
            rel = ctx.lexicon.relations.get(prop)
            targets = [a for a in affiliations if not (a[1].label == "NORP" and a[0] == "")]  # "its French unit": France is where
            for _, target in targets[:1]:
                if target.key != holder.key and (rel is None or _strictly(rel.domain, holder) and _strictly(rel.range, target)):
                    yield Candidate(holder, prop, target, rule, conf, verb, mapped=True, time=time)
            return
        if matched == "counterpart":
            return
        affiliations = _beyond_org_kind(words, affiliations, ctx)
        if prop == "leads" and (any(w.lower_ in _SUBORDINATE for w in words) or _heads_a_unit(words)):
            prop = "worksFor"  # "deputy director of Comecon", "director of studies at X": works for it, does not lead it
        indirect = [(p.rstrip("~"), m) for p, m in affiliations if p.endswith("~")]
        affiliations = [(p, m) for p, m in affiliations if not p.endswith("~")]
        if indirect and not affiliations:
            for _, aff in indirect[:1]:
                if aff.key != holder.key and aff.label != "PERSON" and _personish(holder, ctx.span_of(holder)):
                    yield Candidate(holder, "worksFor" if prop != "memberOf" else prop, aff, rule, conf - 0.1, verb, mapped=True, time=time)
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
        if prop == "memberOf":
            for _, aff in affiliations:
                if aff.key != holder.key and aff.label != "PERSON":
                    yield Candidate(holder, "memberOf", aff, rule, conf, verb, mapped=True, time=time)
            return
        if not _personish(holder, ctx.span_of(holder)):
            return
        if primary is None and "shadow" not in role.split() and (matched in _GOVERNMENT_ROLES or role.endswith(("minister", "secretary"))) and len(role.split()) > len(matched.split()) - (matched != "secretary"):
            national = _national_offices().get(role) or _national_offices().get(" ".join(role.split()[-2:]))
            primary = self.office_country(role) if national else self.article_country()
        if primary is None and not indirect and "shadow" not in role.split():
            primary = self.implied_body(words, matched, holder)
        if primary is not None and primary.label == "PERSON":
            return
        if primary is not None and primary.label in {"GPE", "LOC"} and matched not in word_list("public_roles") and role.split()[-1:] != [] and role.split()[-1] not in word_list("public_roles"):
            primary = None  # "the New York attorney": where he works, not whom for
        position = ctx.position(words, primary)
        ctx.mentions.roles.setdefault(role, holder)
        ctx.held.setdefault(holder.key, (words, primary))
        yield Candidate(holder, "holdsPosition", position, rule, conf, verb, mapped=True, time=time)
        if primary is not None:
            yield Candidate(position, "positionOf", primary, rule, conf, verb, mapped=True, time=time)
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

        portfolio = _portfolio_tokens(tokens)
        in_role = {t.i for t in tokens if (m := ctx.mentions.at(t)) is not None and any(ctx.mentions.at(x) is m for x in tokens if x.i in portfolio)}
        self._ignored = {ctx.mentions.at(ctx.doc[i]) for i in in_role}  # names the NER made of a portfolio
        for t in tokens:
            m = ctx.mentions.at(t) if t.i not in in_role else None  # "New Home" Secretary: the NER's name is the role
            if m is not None and m.label not in {"PERSON", "POSITION"} and t.i not in portfolio:
                if group and (ctx.mentions.at(group[-1]) is not m) and (_is_demonym(group[-1]) or _is_demonym(t)):
                    close()  # "Greek U.N. Representative": Greece and the UN, not one name
                group.append(t)  # a name is never cut: "the New York attorney"
                continue
            if t.lower_ in _TIME or t.lower_ in _NOT_ROLE and t.text not in {"-", "–"}:
                close()
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
            if m is not None or (t.is_title or t.is_upper) and t.pos_ in {"PROPN", "ADJ", "NOUN"} and (not t.text.endswith(".") or _is_country(t.text)):
                group.append(t)
                continue
            close()
            if t.pos_ in {"NOUN", "PROPN"} or t.i in portfolio or self.is_role_word(t):
                words.append(t)  # "feisty", "newly-elected" describe the holder, not the role
        close()
        while words and words[0].text in {"-", "–"}:
            words.pop(0)
        return words, affiliations

    def is_role_word(self, t: Token) -> bool:
        """A word of a role name: a word of a role or agent noun of the lexicon ("prime"), a qualifier ("deputy"), "Gov."."""
        low = t.lower_
        vocabulary = _role_vocabulary(self.ctx.lexicon)
        return low in vocabulary or _singular(low) in vocabulary

    def group_mention(self, group: list[Token]) -> Mention | None:
        """The organisation or country a run of capitalised title words names, as one mention."""
        ctx = self.ctx
        inside = [m for t in group if (m := ctx.mentions.at(t)) is not None and m not in getattr(self, "_ignored", ())]
        for m in dict.fromkeys(inside):  # a name reaching outside the run stays whole
            span = ctx.span_of(m)
            if span is not None and (span.start < group[0].i or span.end > group[-1].i + 1):
                return m if m.label in {"ORG", "GPE", "NORP", "LOC", "FAC"} and len(set(inside)) == 1 else None
        if len(group) == 1 and not inside:
            if _is_demonym(group[0]) or _is_country(group[0].text):
                return self.ctx.mentions.add(self.ctx.doc[group[0].i : group[0].i + 1], "NORP" if _is_demonym(group[0]) else "GPE")
            if group[0].lower_ in word_list("org_kinds"):
                return None  # "Committee chairman Alan Beith": a kind of body, not its name
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
        label = inside[0].label if inside else ("NORP" if group[-1].pos_ == "ADJ" else "ORG")
        if label == "NORP" and len(group) == 1:
            from .. import places

            if places.country(group[0].text, demonyms=True) is None and not group[0].is_title:
                return None
        for m in inside:
            ctx.mentions.remove(m)
        return ctx.mentions.add(ctx.doc[group[0].i : group[-1].i + 1], label)


@functools.lru_cache(maxsize=1)
def _national_offices() -> dict[str, str]:
    """``office -> ISO code`` from ``ontology/lexicon/national_offices.tsv``."""
    from ..ontology import ontology_dir

    rows = (ontology_dir() / "lexicon" / "national_offices.tsv").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in rows if line.strip() and not line.startswith("#"))


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
        if prep == "" and span is not None and span.start < max(marks):
            continue
        out.append((prep, m))
    return out


def _one_role(ctx: Context, words: list[Token], matched: str) -> list[Token]:
    """The words of the last role of a run that names two ("delegation chief Finance Minister")."""
    n_matched = len(matched.split())
    keep = len(words) - n_matched
    portfolio = _portfolio_tokens(words)
    lex = ctx.lexicon
    while keep > 0:
        w, nxt = words[keep - 1], words[keep]
        low = w.lower_
        if w.i not in portfolio and (lex.role(low) or lex.agent(low)) and (low not in word_list("role_qualifiers") or w.is_lower and nxt.is_title):
            break  # another role's head ("delegation chief" before "Finance Minister"): not this role
        keep -= 1
    return words[keep:]


def _city(m: Mention) -> bool:
    from .. import places

    return places.country(m.text) is None


def _heads_a_unit(words: list[Token]) -> bool:
    """"director of studies", "head of research": the role leads a unit named by a common noun."""
    if not words:
        return False
    head = words[-1]
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if (pobj.pos_ == "NOUN" and pobj.is_lower and pobj.lemma_.lower() not in word_list("org_kinds")
                    and " ".join(w.lower_ for w in pobj.subtree) not in word_list("portfolios")):
                return True
    return False


def _names_an_org(noun: Token, ctx: Context) -> bool:
    """"the IG Metall union": an organisation kind whose name is written before it."""
    if noun.lemma_.lower() not in word_list("org_kinds") and noun.lower_ not in word_list("org_kinds"):
        return False
    return any(c.dep_ in {"compound", "nmod"} and (m := ctx.mentions.at(c)) is not None and m.label == "ORG" for c in noun.children)


def _is_demonym(t: Token) -> bool:
    from .. import places

    return t.pos_ in {"ADJ", "PROPN"} and places.country(t.text, demonyms=True) is not None and places.country(t.text) is None


def _is_country(text: str) -> bool:
    from .. import places

    return places.country(text) is not None


def _portfolio_tokens(tokens: list[Token]) -> set[int]:
    """Indexes of the portfolio words right before a role noun: "Home" Secretary, "Rural Affairs" Secretary."""
    portfolios = word_list("portfolios")
    out: set[int] = set()
    n = len(tokens)
    for end in range(n):
        nxt = tokens[end + 1] if end + 1 < n else None
        if nxt is None or nxt.lower_ not in _PORTFOLIO_HEADS and _singular(nxt.lower_) not in _PORTFOLIO_HEADS:
            continue
        if tokens[end].lower_ == "affairs" and end >= 1 and tokens[end - 1].is_alpha:  # "Corporate Affairs minister"
            out.update((tokens[end - 1].i, tokens[end].i))
            continue
        j = end
        while j >= 0:
            for k in range(max(0, j - 2), j + 1):  # phrases of up to three words
                phrase = " ".join(x.lower_ for x in tokens[k : j + 1])
                if phrase in portfolios:
                    out.update(x.i for x in tokens[k : j + 1])
                    j = k - 1
                    break
            else:
                break
    return out


# ---------------------------------------------------------------- title before a name


def _title_run(ctx: Context, span: Span) -> tuple[list[Token], Mention | None]:
    """Tokens of the title right before a name, and its possessor ("Labour's", "Germany's")."""
    doc = ctx.doc
    run: list[Token] = []
    owner: Mention | None = None
    i = span.start - 1
    while i >= 0:
        t = doc[i]
        if t.tag_ == "POS" and i > 0:  # "Labour's Paul Flynn": the possessor closes the run
            m = ctx.mentions.at(doc[i - 1])
            if m is not None:
                owner = m
            break
        if t.tag_ == "PRP$":  # "his Swiss counterpart Otto Stich"
            owner = ctx.mentions.at(t)
            break
        if t.pos_ == "CCONJ" and run and i > 0 and doc[i - 1].pos_ in {"NOUN", "ADJ"} and doc[i - 1].is_lower and run[0].is_lower:
            run.insert(0, t)  # "food and drink giant Nestle"
            i -= 1
            continue
        if t.is_punct and t.text not in {"-", "–"} or t.pos_ in {"DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "NUM", "PART", "SCONJ"} and t.lower_ not in _TIME:
            break
        m = ctx.mentions.at(t)
        if m is not None and m.label == "PERSON":
            break
        run.insert(0, t)
        i -= 1
    return run, owner


def rule_title(ctx: Context) -> Iterator[Candidate]:
    """A title before a name: "Russian Foreign Minister Sergey Lavrov", "Labour's Paul Flynn"."""
    roles = ctx.roles
    shared: dict[int, tuple[list[Token], Mention | None]] = {}
    for m in list(ctx.mentions.mentions):
        if m.text.lower() in _PERSON_PRONOUNS:
            continue
        span = ctx.span_of(m)
        if span is None or not (m.label == "PERSON" or _personish(m, span)):
            continue
        run, owner = _title_run(ctx, span)
        root = span.root
        if not run and owner is None and root.dep_ == "conj" and root.head.i in shared:
            run, owner = shared[root.head.i]  # "co-chairmen Liam Fox and Maurice Saatchi"
        words, affiliations = roles.split(run)
        if not words and owner is None:
            yield from _role_of_org_before(ctx, m, span)
            continue
        shared[root.i] = (run, owner)
        if owner is not None and owner.key != m.key:
            if _lookup_role(ctx, role_phrase(words)) is None and not words:
                affiliations.insert(0, ("'s", owner))  # "Labour's Paul Flynn": a member
                yield from _bare_possessive(ctx, m, owner)
                continue
            affiliations.insert(0, ("'s", owner))
        affiliations += [a for a in roles.prep_affiliations(root) if a[1] not in {x for _, x in affiliations}]
        if words and words[-1].lower_ == "counterpart":
            yield from _counterpart(ctx, m, run, owner, "counterpart", 0.85, None)
            continue
        yield from roles.facts(m, words, affiliations, "title", 0.9, None, time=_time_of(run))


#: Mention labels an agent noun's holder or object must have, by the ontology class of the slot:
#: an agent noun gives no clause to check, so its arguments must be what the relation relates.
_STRICT = {"Organization": {"ORG"}, "Person": {"PERSON"}, "Place": {"GPE", "LOC", "FAC"}, "Country": {"GPE", "NORP"}}


def _strictly(cls: str, m: Mention) -> bool:
    allowed = _STRICT.get(cls)
    return allowed is None or m.label in allowed


def _is_party(m: Mention) -> bool:
    """A political party: by its name, or one of the parties news names by a short name (kg/data)."""
    from .entity_types import cues

    aliases = cues()["aliases"]
    return "party" in m.key.split() or m.key in aliases and any(w in aliases[m.key][1].split() for w in ("party", "democrats", "conservatives", "republicans"))


def _bare_possessive(ctx: Context, person: Mention, owner: Mention) -> Iterator[Candidate]:
    """"Labour's Paul Flynn": a person owned by an organisation is one of its members ("its X" is not)."""
    if (owner.label == "ORG" or owner.label == "NORP") and owner.text.lower() not in {"its", "their", "his", "her"}:
        prop = "memberOf" if _is_party(owner) else "worksFor"  # "Labour's Paul Flynn", "Tenneco's Nance"
        yield Candidate(person, prop, owner, "title", 0.75, None, mapped=True)


def _role_of_org_before(ctx: Context, holder: Mention, span) -> Iterator[Candidate]:
    """"Secretary of the National Security Council Sergey Shoygu": role, "of", organisation, name."""
    doc = ctx.doc
    org = ctx.mentions.at(doc[span.start - 1]) if span.start > 0 else None
    if org is None or org.label not in {"ORG", "GPE"} or (" " not in org.text and not org.text.isupper()):
        return  # "Secretary of State George Shultz": "State" is part of the title
    i = span.start - 1
    while i >= 0 and ctx.mentions.at(doc[i]) is org:
        i -= 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 1 or doc[i].lower_ != "of":
        return
    role: list[Token] = []
    j = i - 1
    while j >= 0 and len(role) < 4 and doc[j].is_title and doc[j].pos_ in {"NOUN", "PROPN"} and ctx.mentions.at(doc[j]) is None:
        role.insert(0, doc[j])
        j -= 1
    if role:
        yield from ctx.roles.facts(holder, role, [("of", org)], "title", 0.8, None)


# ---------------------------------------------------------------- apposition and copula


def _role_np(ctx: Context, head: Token) -> tuple[list[Token], list[tuple[str, Mention]], Mention | None]:
    """Role words, affiliations and possessor of a role noun phrase ("her French counterpart")."""
    roles = ctx.roles
    subtree = {c.i for c in head.subtree}
    start = head.i
    doc = ctx.doc
    while True:  # only the words right before the role noun: a quotation the parser hung on it is not its title
        if start >= 2 and doc[start - 1].text in {"-", "–"} and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_:
            start -= 2  # "vice-governor", however the parser attached "vice"
        elif start - 1 in subtree and not (doc[start - 1].is_punct and doc[start - 1].text not in {"-", "–"}):
            start -= 1
        else:
            break
    left = [c for c in ctx.doc[start : head.i] if c.dep_ not in {"det", "punct", "case", "poss", "predet"} or c.text in {"-", "–"}]
    left = [t for t in left if not any(a.dep_ == "poss" for a in [t, *t.ancestors] if a.i < head.i)]
    words, affiliations = roles.split(left + [head])
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):  # "Secretary of Transportation"
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if " ".join(w.lower_ for w in pobj.subtree) in word_list("portfolios"):
                words += [prep, *pobj.subtree]
    owner = None
    for c in head.children:
        if c.dep_ == "poss":
            owner = ctx.mentions.at(c)
    if owner is not None:
        affiliations.insert(0, ("'s", owner))
    affiliations += [a for a in roles.prep_affiliations(head) if a[1] not in {x for _, x in affiliations}]
    return words, affiliations, owner


def _appos_facts(ctx: Context, holder: Mention, head: Token, rule: str, conf: float, verb: Token | None, time: str | None = None) -> Iterator[Candidate]:
    if head.lower_ in {"one", "among"} or head.pos_ == "NUM":  # "one of six WorldCom executives"
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        head = next((c for c in of.children if c.dep_ == "pobj"), head) if of is not None else head
    words, affiliations, owner = _role_np(ctx, head)
    time = time or _time_of(list(head.children))
    if head.lemma_.lower() == "counterpart" or head.lower_ == "counterpart":
        if rule == "counterpart":
            yield from _counterpart(ctx, holder, words, owner, rule, conf, verb)
        return
    yield from ctx.roles.facts(holder, words, affiliations, rule, conf, verb, time=time)


def _counterpart(ctx: Context, holder: Mention, words: list[Token], owner: Mention | None, rule: str, conf: float, verb: Token | None) -> Iterator[Candidate]:
    """"Her French counterpart, Jean Dupont": Dupont holds her office for France."""
    if owner is None or owner.label != "PERSON" or owner.key not in ctx.held:
        return
    office, _ = ctx.held[owner.key]
    countries = [m for t in words if (m := ctx.roles.affiliation_of(t)) is not None]
    if not countries:
        return
    role_words = [t for t in office if ctx.roles.affiliation_of(t) is None]
    yield from ctx.roles.facts(holder, role_words, [("", countries[0])], rule, conf - 0.05, verb)


def rule_apposition(ctx: Context, *, rule: str = "apposition") -> Iterator[Candidate]:
    """A role in apposition: "Gol Hassan, the Taliban ambassador in Moscow"; "Lavrov, Russia's foreign minister"."""
    for tok in ctx.tokens:
        if tok.dep_ != "appos" or tok.pos_ not in {"NOUN", "PROPN", "NUM"}:
            continue
        holder_tok, role_head = tok.head, tok
        holder = ctx.mentions.at(holder_tok)
        appos_m = ctx.mentions.at(tok)
        if appos_m is not None and (holder is None or _lookup_role(ctx, role_phrase([holder_tok])) is not None):
            # "The chairman of the Bar Council, Guy Mansfield QC": the role comes first
            if not _personish(appos_m, ctx.span_of(appos_m)) and _lookup_role(ctx, normalise(holder_tok.lower_)) is None:
                continue
            holder, role_head = appos_m, holder_tok
            if role_head.pos_ not in {"NOUN", "PROPN"}:
                continue
        if holder is None or ctx.mentions.at(role_head) is not None:
            continue
        if role_head.pos_ not in {"NOUN", "PROPN", "NUM"}:
            continue
        if (rule == "counterpart") != (role_head.lower_ == "counterpart"):
            continue
        time = _time_of([c for c in role_head.children if c.dep_ == "advmod"])
        yield from _appos_facts(ctx, holder, role_head, rule, 0.85, governing_verb(holder_tok), time)


def rule_counterpart(ctx: Context) -> Iterator[Candidate]:
    """"Her French counterpart, Jean Dupont": runs after the other role rules, which say what her office is."""
    yield from rule_apposition(ctx, rule="counterpart")


def rule_copula_role(ctx: Context) -> Iterator[Candidate]:
    """"X is the president of Y", "Russia is a member of the CSTO", "X was elected chairman of Y"."""
    from .rules import clause_subjects

    for verb in ctx.verbs:
        lemma = verb.lemma_
        if lemma not in {"be", "become", "remain", "serve", "elect", "appoint", "name", "make", "promote", "install", "re-elect", "reelect"}:
            continue
        attr = next((c for c in verb.children if c.dep_ in {"attr", "oprd"} and c.pos_ in {"NOUN", "PROPN"}), None)
        if attr is None and lemma == "serve":
            prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
            attr = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if attr is None and lemma not in {"be", "become", "remain", "serve"}:  # "was elected chairman"
            attr = next((c for c in verb.children if c.dep_ in {"xcomp", "ccomp", "dobj"} and c.pos_ == "NOUN" and _lookup_role(ctx, normalise(c.lower_))), None)
        if attr is None or ctx.mentions.at(attr) is not None:
            continue
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        if lemma not in {"be", "become", "remain", "serve"} and not passive:
            continue  # "Blair appointed X chairman": the subject is not the holder
        for holder, penalty in clause_subjects(verb, ctx):
            yield from _appos_facts(ctx, holder, attr, "copula_role", 0.85 - penalty, verb)


# ---------------------------------------------------------------- affiliation without a role word


def rule_of_affiliation(ctx: Context) -> Iterator[Candidate]:
    """"Hannah Ward of the Refugee Council", "Mike Hobday, of the League Against Cruel Sports",
    "Andrew Hall of Miami": a person of an organisation works for it; of a place, lives there."""
    for m in list(ctx.mentions.mentions):
        span = ctx.span_of(m)
        if span is None or m.label != "PERSON" or m.text.lower() in _PERSON_PRONOUNS:
            continue
        root = span.root
        preps = [c for c in root.children if c.dep_ == "prep" and c.lower_ in {"of", "from", "at"} and c.i >= span.end]
        if not preps and span.end < len(ctx.doc) - 2 and ctx.doc[span.end].text == "," and ctx.doc[span.end + 1].lower_ == "of":
            prep = ctx.doc[span.end + 1]  # "Mike Hobday, of the League ...": a comma before "of"
            preps = [prep] if prep.head.i in range(span.start, span.end) or prep.head.dep_ == "appos" else []
        for prep in preps:
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                for target, penalty in entities_of(pobj, ctx):
                    if target.label in {"ORG"} and prep.lower_ in {"of", "at"}:
                        yield Candidate(m, "worksFor", target, "of_affiliation", 0.75 - penalty, governing_verb(root), mapped=True)
                    elif target.label in {"GPE", "LOC"} and prep.lower_ in {"of", "from"}:
                        yield Candidate(m, "livesIn", target, "of_affiliation", 0.7 - penalty, governing_verb(root), mapped=True)


def rule_org_descriptor(ctx: Context) -> Iterator[Candidate]:
    """"US telecoms firm WorldCom", "Sun Hung Kai Properties, a Hong Kong construction firm",
    "Swiss food giant Nestle": an organisation described with a place is based there;
    "NATO member Turkey", "Deutsche Boerse's rival Euronext": an agent noun relates it."""
    from .. import places

    kinds = word_list("org_kinds")
    for m in list(ctx.mentions.mentions):
        if m.label not in {"ORG", "GPE", "NORP"}:
            continue
        span = ctx.span_of(m)
        if span is None:
            continue
        heads: list[tuple[Token, list[Token], list[tuple[str, Mention]], str]] = []
        run, owner = _title_run(ctx, span)
        if run:
            words, affiliations = ctx.roles.split(run)
            if owner is not None:
                affiliations.insert(0, ("'s", owner))
            heads.append((run[-1], words, affiliations, "title"))
        for c in span.root.children:
            if c.dep_ == "appos" and c.pos_ == "NOUN":
                words, affiliations, _ = _role_np(ctx, c)
                heads.append((c, words, affiliations, "apposition"))
        if span.root.dep_ == "appos" and span.root.head.pos_ == "NOUN" and ctx.mentions.at(span.root.head) is None:
            words, affiliations, _ = _role_np(ctx, span.root.head)
            heads.append((span.root.head, words, affiliations, "apposition"))
        for head, words, affiliations, rule in heads:
            if not words:
                continue
            found = _lookup_role(ctx, role_phrase(words))
            if found is not None and (found[0] == "agent" or found[1] == "memberOf"):
                yield from ctx.roles.facts(m, words, affiliations, rule, 0.8, governing_verb(span.root))
                continue
            if m.label != "ORG" or head.lemma_.lower() not in kinds and head.lower_ not in kinds:
                continue
            for _, place in affiliations:
                for part in _demonym_parts(ctx, place):
                    if part.label in {"GPE", "LOC"} or part.label == "NORP" and places.country(part.text, demonyms=True) is not None:
                        yield Candidate(m, "basedIn", part, "org_descriptor", 0.75, governing_verb(span.root), mapped=True)


def _demonym_parts(ctx: Context, m: Mention) -> list[Mention]:
    """"Turkish-Austrian" names two countries: a mention for each part."""
    from .. import places

    span = ctx.span_of(m)
    if m.label != "NORP" or span is None or "-" not in m.text or places.country(m.text, demonyms=True) is not None:
        return [m]
    parts = [t for t in span if t.text not in {"-", "–"}]
    if len(parts) < 2 or not all(places.country(t.text, demonyms=True) is not None for t in parts):
        return [m]
    doc = ctx.doc
    return [Mention(m.doc_id, t.text, t.idx, t.idx + len(t.text), "NORP", normalise(t.text)) for t in parts if doc is not None]


def rule_work_by(ctx: Context) -> Iterator[Candidate]:
    """"a new book, Brown's Britain by Robert Peston": the person "by" whom a named work is."""
    for m in list(ctx.mentions.mentions):
        if m.label not in {"WORK_OF_ART", "LAW", "PRODUCT"}:
            continue
        span = ctx.span_of(m)
        if span is None:
            continue
        by = next((c for c in span.root.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        if by is None and span.end < len(ctx.doc) and ctx.doc[span.end].lower_ == "by":
            by = ctx.doc[span.end]
        if by is None:
            continue
        for pobj in (c for c in by.children if c.dep_ == "pobj"):
            for author, penalty in entities_of(pobj, ctx):
                if author.label in {"PERSON", "ORG"}:
                    yield Candidate(author, "authorOf", m, "work_by", 0.75 - penalty, governing_verb(span.root), mapped=True)


#: The role rules in the order they run (before the clause rules: "the Foreign Minister" then resolves).
ROLE_RULES = (rule_title, rule_apposition, rule_copula_role, rule_counterpart, rule_of_affiliation, rule_org_descriptor, rule_work_by)
