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

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..ontology import word_list
from ..records import Mention
from .implied import _portfolio_of, _portfolio_tokens
from .mentions import normalise
from .role_words import (
    _PERSON_PRONOUNS,
    _TIME,
    _lookup_role,
    _personish,
    _time_of,
    role_phrase,
)
from .rules import Candidate, Context, entities_of, governing_verb

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

__all__ = [
    "rule_apposition",
    "rule_copula_role",
    "rule_counterpart",
    "rule_misparsed_apposition",
    "rule_title",
]

# ---------------------------------------------------------------- title before a name


def _title_run(ctx: Context, span: Span) -> tuple[list[Token], Mention | None]:
    """Tokens of the title right before a name, and its possessor ("Labour's", "Germany's")."""
    doc = ctx.doc
    run: list[Token] = []
    owner: Mention | None = None
    i = span.start - 1
    while i >= 0:
        t = doc[i]
        if t.text == ">" and "<" in [x.text for x in doc[max(0, i - 3) : i]]:
            i = max(x.i for x in doc[max(0, i - 3) : i] if x.text == "<") - 1
            continue  # "Commerzbank AG <CBKG.F> management board chairman": the stock symbol is no title word
        if t.tag_ == "POS" and i > 0:  # "Labour's Paul Flynn": the possessor closes the run
            m = ctx.mentions.at(doc[i - 1])
            if m is not None:
                owner = m
            break
        if t.tag_ == "PRP$":  # "his Swiss counterpart Otto Stich"
            owner = ctx.mentions.at(t)
            break
        if t.pos_ == "VERB" and t.is_lower and run and run[0].is_lower and i >= 2 and doc[i - 1].pos_ == "CCONJ" and doc[i - 2].pos_ in {"NOUN", "ADJ"}:
            run.insert(0, t)  # "food and drink giant Nestle", with "drink" parsed as a verb
            i -= 1
            continue
        if t.pos_ == "CCONJ" and run and i > 0 and doc[i - 1].pos_ in {"NOUN", "ADJ"} and doc[i - 1].is_lower and run[0].is_lower:
            run.insert(0, t)  # "food and drink giant Nestle"
            i -= 1
            continue
        if t.is_space or "\n" in t.whitespace_:
            break  # a headline or paragraph ends here: "... ID cards\n\nNew Home Secretary Charles Clarke"
        if t.lower_ in word_list("role_qualifiers") and t.is_lower:
            run.insert(0, t)  # "shadow home secretary", with "shadow" parsed as a verb
            i -= 1
            continue
        if t.lower_ in {"and", "&"} and run and i > 0 and _portfolio_pair(doc[i - 1], run[0]):
            run.insert(0, t)  # "Trade and Industry Secretary Paul Channon": one portfolio (rule coordinated_portfolio)
            i -= 1
            continue
        if t.ent_type_ in {"DATE", "TIME"} and t.lower_ not in _TIME:
            break  # "Earlier today U.S. Treasury secretary James Baker": a time is no part of the title
        hyphened = not t.whitespace_ and i + 1 < len(doc) and doc[i + 1].text in {"-", "–"}  # "Under-secretary"
        if t.is_punct and t.text not in {"-", "–"} or t.pos_ in {"DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "NUM", "PART", "SCONJ"} and t.lower_ not in _TIME and not hyphened:
            break
        m = ctx.mentions.at(t)
        if m is not None and m.label == "PERSON":
            if not (run and _title_named_person(ctx, m, run)):
                break
            ctx.mentions.remove(m)  # not a person: the title's words
        run.insert(0, t)
        i -= 1
    return run, owner


def _title_named_person(ctx: Context, m: Mention, run: list[Token]) -> bool:
    """"Lib Dem Treasury spokesman Vince Cable": the NER made a person of a title ending in a portfolio."""
    span = ctx.span_of(m)
    after = next((t for t in run if t.i >= span.end), None) if span is not None else None
    if after is None or after.i != span.end or not ctx.roles.is_role_word(after):
        return False
    return bool(_portfolio_tokens([*span, after]) & {t.i for t in span})


def _portfolio_pair(left: Token, right: Token) -> bool:
    """Two portfolio words joined by "and" ("Energy and mines", "Trade and Industry"): one office's portfolio."""
    portfolios = word_list("portfolios")
    return left.lower_ in portfolios and right.lower_ in portfolios


def _plural_title(run: list[Token]) -> bool:
    """Whether a title names several, so the names after "and" hold it too: a plural ("co-chairmen
    Liam Fox and Maurice Saatchi"), or a seat many hold at once ("Sen. John Glenn and John
    Warner"); not an office one holds ("President Reagan and Nakasone", "American Sports
    president Edward Horowitz and Mike Warren")."""
    if not run:
        return False
    last = run[-1]
    return last.tag_ in {"NNS", "NNPS"} or last.lower_.endswith(("men", "ors", "ers", "ents", "ists")) or last.lower_.rstrip(".") in _MEMBER_TITLES


#: Titles of a seat in a body that many hold at once.
_MEMBER_TITLES = frozenset({"sen", "senator", "rep", "representative", "congressman", "congresswoman", "mp", "deputy",
                            "councillor", "councilman", "delegate", "assemblyman", "legislator"})


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
        if run and run[-1].tag_ in {"NNS", "NNPS"} and not root.conjuncts:
            continue  # "told reporters Goldstar will invest": a plural noun titles no one name (rule plural_title)
        if not run and owner is None and root.dep_ == "conj" and root.head.i in shared and not any(c.dep_ == "appos" for c in root.children) \
                and _plural_title(shared[root.head.i][0]):
            run, owner = shared[root.head.i]  # "co-chairmen Liam Fox and Maurice Saatchi"; not "president X and Y": X's alone
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
        yield from roles.facts(m, words, affiliations, "title", 0.9, None, time=_time_of(run + _before_name(ctx, run)))


def _before_name(ctx: Context, run: list[Token]) -> list[Token]:
    """The word before a name the title run starts inside: "former" of "former Bank of Japan governor"."""
    first = ctx.mentions.at(run[0]) if run else None
    span = ctx.span_of(first) if first is not None else None
    return [ctx.doc[span.start - 1]] if span is not None and span.start > 0 and span.start < run[0].i else []

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
    skip: set[int] = set()
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in {"of", "for"}):  # "Secretary of Transportation"
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            portfolio = _portfolio_of(prep, pobj)
            if portfolio is not None:
                words += [prep, *portfolio]
            elif (prep.lower_ == "of" or not any(c.dep_ == "det" for c in pobj.children)) and pobj.pos_ == "NOUN" and pobj.is_lower \
                    and pobj.lemma_.lower() not in word_list("org_kinds") and len(list(pobj.subtree)) > 1:  # not "for a postwar record"
                # "head of treasury operations at UBS", "head of equity research": the unit is part of
                # the role (one word, "head of research", is already), the firm after it its body
                inner = {t.i for c in pobj.children if c.dep_ == "prep" for t in c.subtree}
                owned = {t.i for c in pobj.children if c.dep_ == "poss" for t in c.subtree}  # "its", "Kodak's": the owner, not the unit
                unit = [t for t in pobj.subtree if t.i not in inner and t.dep_ != "det" and t.i not in owned]
                if all(t.is_lower or ctx.mentions.at(t) is None or t.pos_ == "PROPN" for t in unit):
                    words += [prep, *unit]
                    unit_owner = next((m for c in pobj.children if c.dep_ == "poss" and (m := ctx.mentions.at(c)) is not None), None)
                    if unit_owner is not None:  # "head of its U.S. Government bond trading desk": its desk, not the government's
                        inside = {t.i for t in unit}
                        unit_names = {id(m) for t in unit if (m := ctx.mentions.at(t)) is not None}
                        affiliations = [a for a in affiliations if id(a[1]) not in unit_names] + [("of", unit_owner)]
                        skip = inside
    owner = None
    for c in head.children:
        if c.dep_ == "poss":
            owner = ctx.mentions.at(c)
    if owner is not None:
        affiliations.insert(0, ("'s", owner))
    affiliations += [a for a in roles.prep_affiliations(head) if a[1] not in {x for _, x in affiliations}
                     and not ((span := ctx.span_of(a[1])) is not None and span.start in skip)]
    return words, affiliations, owner


def _appos_facts(ctx: Context, holder: Mention, head: Token, rule: str, conf: float, verb: Token | None, time: str | None = None,
                 more: list[tuple[str, Mention]] = ()) -> Iterator[Candidate]:
    if head.lower_ in {"one", "among"} or head.pos_ == "NUM":  # "one of six WorldCom executives"
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        head = next((c for c in of.children if c.dep_ == "pobj"), head) if of is not None else head
    words, affiliations, owner = _role_np(ctx, head)
    affiliations += [a for a in more if a[1] not in {x for _, x in affiliations}]
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


def _party_tag(tok: Token) -> bool:
    """"R-S.C.", "D-Mass.": a US legislator's party-state tag, in apposition to the name."""
    return tok.dep_ == "appos" and any(c.dep_ == "compound" and c.text in {"R", "D", "I"} and c.nbor(1).text in {"-", "–"} for c in tok.children)


def rule_apposition(ctx: Context, *, rule: str = "apposition") -> Iterator[Candidate]:
    """A role in apposition: "Gol Hassan, the Taliban ambassador in Moscow"; "Lavrov, Russia's foreign minister"."""
    for tok in ctx.tokens:
        if tok.dep_ != "appos" or tok.pos_ not in {"NOUN", "PROPN", "NUM"}:
            continue
        holder_tok, role_head = tok.head, tok
        fronted = _role_of_body_before(ctx, tok)
        if fronted is not None:  # "the chairman of the Front, Mohamed Ahmed Issa": the parser hung the name on the body
            yield from _appos_facts(ctx, ctx.mentions.at(tok), fronted, rule, 0.8, governing_verb(fronted))
            continue
        if _party_tag(holder_tok):  # "Rep. Dan Rostenkowski, D-Ill., chairman of ...": the role is the person's
            holder_tok = holder_tok.head
        holder_tok = _described_last(ctx, holder_tok, tok)
        joined = [c for c in holder_tok.children if c.dep_ == "conj" and c.i < tok.i]
        if joined and tok.tag_ == "NN" and (last := ctx.mentions.at(joined[-1])) is not None and last.label == "PERSON":
            holder_tok = joined[-1]  # "Lechin and Victor Lopez, the miners' top leader": one leader, the nearer
        holder = ctx.mentions.at(holder_tok)
        appos_m = ctx.mentions.at(tok)
        if appos_m is not None and tok.i > 0 and ctx.doc[tok.i - 1].text == "(":
            continue  # "Ministry of International Trade and Industry (MITI)": a name for it, no holder
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
        if role_head is tok:
            for other in _coordinated_roles(ctx, role_head):
                yield from _appos_facts(ctx, holder, other, rule, 0.8, governing_verb(holder_tok), time)


def _described_last(ctx: Context, holder_tok: Token, appos: Token) -> Token:
    """"Bill O'Conner, aide to Rep. Edward Madigan (R-Ill), ranking minority leader of the
    Agriculture Committee": a second apposition right after a person named in the first
    describes that person, however the parser hung it."""
    prior = [c for c in holder_tok.children if c.dep_ == "appos" and c.i < appos.i]
    if not prior:
        return holder_tok
    people = [t for t in prior[-1].subtree if t.i < appos.i and (m := ctx.mentions.at(t)) is not None and m.label == "PERSON"
              and t.dep_ != "compound" and t.i != prior[-1].i]
    if not people:
        return holder_tok
    person = people[-1]
    between = ctx.doc[person.i + 1 : appos.left_edge.i]
    if all(t.is_punct or person in t.ancestors for t in between):
        return person
    return holder_tok


def rule_misparsed_apposition(ctx: Context) -> Iterator[Candidate]:
    """"calling on the senior judge in England and Wales, Lord Woolf, to abandon ...": a name
    between commas right after a role's noun phrase, which the parser hung elsewhere (not as a
    subject: "After meeting the president, Smith said" is Smith's own clause)."""
    doc = ctx.doc
    for m in list(ctx.mentions.mentions):
        span = ctx.span_of(m)
        if span is None or m.label != "PERSON" or span.root.dep_ not in {"npadvmod", "dep"}:
            continue
        start = min(span.start, span.root.left_edge.i)  # "Lord Woolf": the title is the name's too
        if start < 3 or doc[start - 1].text != "," or span.end < len(doc) and doc[span.end].text not in {",", ".", ";"}:
            continue
        node, last = doc[start - 2], doc[start - 2]
        for _ in range(4):
            if node.pos_ == "NOUN" and _lookup_role(ctx, role_phrase([node])) is not None:
                break
            node = node.head
        else:
            continue
        if ctx.mentions.at(node) is not None or node.right_edge.i != last.i or not any(c.dep_ == "det" for c in node.children):
            continue
        yield from _appos_facts(ctx, m, node, "apposition", 0.8, governing_verb(node))


def _role_of_body_before(ctx: Context, name: Token) -> Token | None:
    """The role noun of "the <role> of <body>, <name>," when the parser made the name an
    apposition of the body: a person's name after a comma, the body a named organisation."""
    body = name.head
    m, b = ctx.mentions.at(name), ctx.mentions.at(body)
    if m is None or b is None or b.label != "ORG" or body.dep_ != "pobj" or body.head.lower_ != "of":
        return None
    span = ctx.span_of(m)
    if span is None or span.start == 0 or ctx.doc[span.start - 1].text != "," or not _personish(m, span):
        return None
    role = body.head.head
    if role.pos_ != "NOUN" or ctx.mentions.at(role) is not None or _lookup_role(ctx, role_phrase([role])) is None:
        return None
    return role


def _coordinated_roles(ctx: Context, role_head: Token) -> list[Token]:
    """"Harrington, a professor at Queens College and honorary president of the Socialist
    International": the role nouns coordinated after the first are roles of the same holder."""
    # the parser may hang the second role on the first role's organisation ("at Queens College and president")
    objects = [o for prep in role_head.children if prep.dep_ == "prep" for o in prep.children if o.dep_ == "pobj"]
    found = [*role_head.conjuncts, *(c for o in objects if ctx.mentions.at(o) is not None for c in o.conjuncts)]
    return [c for c in dict.fromkeys(found)
            if c.i > role_head.i and c.pos_ == "NOUN" and ctx.mentions.at(c) is None
            and _lookup_role(ctx, role_phrase([c])) is not None]


def rule_counterpart(ctx: Context) -> Iterator[Candidate]:
    """"Her French counterpart, Jean Dupont": runs after the other role rules, which say what her office is."""
    yield from rule_apposition(ctx, rule="counterpart")


def rule_copula_role(ctx: Context) -> Iterator[Candidate]:
    """"X is the president of Y", "Russia is a member of the CSTO", "X was elected chairman of Y"."""
    from .rules import clause_subjects

    for verb in ctx.verbs:
        lemma = verb.lemma_
        as_role = _as_role(ctx, verb) if lemma in _AS_ROLE_VERBS else None
        if as_role is None and lemma not in {"be", "become", "remain", "serve", "elect", "appoint", "name", "make", "promote", "install", "re-elect", "reelect"}:
            continue
        attr = as_role or next((c for c in verb.children if c.dep_ in {"attr", "oprd"} and c.pos_ in {"NOUN", "PROPN"}), None)
        if attr is None and lemma not in {"be", "become", "remain", "serve"}:  # "was elected chairman"
            attr = next((c for c in verb.children if c.dep_ in {"xcomp", "ccomp", "dobj"} and c.pos_ == "NOUN" and _lookup_role(ctx, normalise(c.lower_))), None)
        if attr is None or ctx.mentions.at(attr) is not None:
            continue
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        if lemma not in _HOLDER_IS_SUBJECT and not passive:
            continue  # "Blair appointed X chairman": the subject is not the holder
        # "resigned as chairman"; "Newitt is succeeded as president by Anderson": Newitt held it
        time = "former" if as_role is not None and (_left_as(verb) or passive and lemma in {"succeed", "replace"}) else None
        if lemma == "be" and verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
            time = "former"  # "Boyd Jefferies had been chief executive": no longer
        # "would step down as prime minister", "will remain as president": the office is held
        # now whatever becomes of the leaving, so the fact takes no modality from the verb
        held = verb if as_role is None or lemma not in _PRESUPPOSING else None
        holders = _chosen_to_be(verb, ctx)
        for holder, penalty in holders if holders is not None else clause_subjects(verb, ctx):
            yield from _appos_facts(ctx, holder, attr, "copula_role", 0.85 - penalty, held, time, more=_of_which(ctx, verb))


#: Verbs whose "as <role>" names an office: "served as", "stepped down as", "was elected as".
_AS_ROLE_VERBS = frozenset({
    "serve", "step", "stand", "resign", "quit", "retire", "remain", "continue", "return", "stay",
    "elect", "re-elect", "reelect", "appoint", "reappoint", "name", "install", "confirm", "succeed", "replace",
})
#: Of those, the verbs whose subject holds the office in the active voice.
_HOLDER_IS_SUBJECT = frozenset({
    "be", "become", "remain", "serve", "step", "stand", "resign", "quit", "retire", "continue", "return",
    "stay", "succeed", "replace",
})
#: Verbs that end the office they name: in the past tense the role is a former one.
_LEAVING = frozenset({"step", "stand", "resign", "quit", "retire"})
#: Verbs of leaving or staying, which presuppose that the subject holds the office.
_PRESUPPOSING = _LEAVING | {"remain", "continue", "stay"}


def _as_role(ctx: Context, verb: Token) -> Token | None:
    """The role noun of "<verb> as <role>" ("step down as prime minister"), when the noun is a role."""
    if verb.lemma_ in {"step", "stand"} and not any(c.dep_ == "prt" and c.lower_ in {"down", "aside"} for c in verb.children):
        return None  # "stood as a candidate", "step in as" say nothing of an office held
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    noun = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN"}), None) if prep is not None else None
    if noun is None or _lookup_role(ctx, role_phrase([noun])) is None:
        return None
    return noun


def _left_as(verb: Token) -> bool:
    """"resigned as chairman", "has stepped down as": done; "would step down", "refused to resign": not yet."""
    from .role_words import _NOT_YET

    if verb.lemma_ not in _LEAVING or verb.tag_ not in {"VBD", "VBN"}:
        return False
    return not any(c.dep_ in {"aux", "neg"} and c.lower_ in _NOT_YET for c in verb.children)


def _of_which(ctx: Context, verb: Token) -> list[tuple[str, Mention]]:
    """"The Middle Way Group, of which Mr Opik is a co-chairman": the body the relative clause hangs on."""
    if verb.dep_ != "relcl" or not any(c.dep_ == "prep" and c.lower_ == "of" and any(w.lower_ in {"which", "whom"} for w in c.children) for c in verb.children):
        return []
    body = ctx.mentions.at(verb.head)
    return [("of", body)] if body is not None and body.label in {"ORG", "GPE", "NORP"} else []


#: Verbs whose object is made what "to be" says: "the Democrats elected X to be chairman of Y".
_CHOOSING = frozenset({"elect", "re-elect", "reelect", "appoint", "name", "choose", "pick", "select", "install"})


def _chosen_to_be(verb: Token, ctx: Context) -> list[tuple[Mention, float]] | None:
    """The object of "elected/appointed/named X to be <role>": X holds the role (None: not this form)."""
    if verb.lemma_ != "be" or verb.dep_ != "xcomp" or verb.head.lemma_ not in _CHOOSING:
        return None
    obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
    return entities_of(obj, ctx) if obj is not None else None


# ---------------------------------------------------------------- affiliation without a role word
