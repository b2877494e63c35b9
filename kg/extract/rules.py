"""The named extraction rules: each finds one construction in a dependency parse.

A rule yields :class:`Candidate` records: subject and object mentions, a relation key (a
lemma phrase for the lexicon, or an ontology property name), the rule's name and confidence,
and the verb whose clause decides negation and modality. Rules do not map relations to the
ontology nor decide modality; the driver in ``kg.extract`` does both, once, for all rules.

Dependency labels are spaCy's English (ClearNLP) labels.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..ontology import Lexicon, word_list
from ..records import Mention
from ._doc import tokens
from .mentions import DocMentions
from .modality import SPEECH_VERBS, QuoteIndex, subject_of
from .topics import TOPIC

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
    from .affiliation import Roles

__all__ = ["Candidate", "Context", "LIGHT_VERBS", "RULES", "entities_of", "clause_subjects", "governing_verb"]

_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
_OBJ = frozenset({"dobj", "dative", "attr", "oprd"})
#: Prepositions that introduce a place or a time, not a participant: "met in Moscow".
_CIRCUMSTANTIAL = frozenset({"in", "on", "at", "during", "for", "after", "before", "since", "until", "as", "of", "amid", "despite", "like", "within", "under", "across", "throughout", "via"})
#: Prepositions whose object is the partner of an event noun: "a meeting with X".
_PARTNER = frozenset({"with", "between", "to", "from", "against", "about", "over", "toward", "towards", "into", "among"})
#: Nouns that stand in for the entity that modifies them: "Taliban officials", "the Russian delegation".
_STAND_IN = frozenset({
    "government", "authorities", "authority", "officials", "official", "leadership", "delegation",
    "administration", "forces", "force", "ministry", "military", "army", "regime", "presidency",
    "side", "cabinet", "parliament", "embassy", "envoys", "diplomats", "troops", "leaders", "state",
    "management", "board", "executives", "shareholders", "spokesman", "spokeswoman", "spokesperson",
    "negotiators", "team", "lawyers", "staff", "police", "prosecutors", "ministers", "lawmakers", "mps",
})
#: Verbs that take a dispute or a case to a forum, which is no party to it: "brought the dispute to the GATT".
TAKE_TO_FORUM = frozenset({"bring", "take", "refer", "submit", "carry"})
#: People of another body than the speaker's, named by where they work: "our colleagues at Defra".
_PEERS = frozenset({"colleague", "colleagues", "counterpart", "counterparts"})
#: Stand-ins that are the entity itself, not some of its people: one can lead "the Russian
#: government" (Russia), not "the EC delegation" (the EC).
#: An outlet stands for the broadcaster or paper that owns it: "told BBC Radio 4's Today programme",
#: "told the BBC News website".
_OUTLETS = frozenset({
    "programme", "program", "show", "website", "site", "newspaper", "paper", "magazine", "channel",
    "station", "radio", "television", "tv", "broadcast", "column", "blog", "podcast", "bulletin", "edition",
})
_SELF_STAND_IN = frozenset({"government", "authorities", "administration", "leadership", "regime", "presidency", "state", "cabinet", "management"})
#: Nouns for what an entity proposes or does: "attacked the Tory plans" criticises the Tories.
#: Parts of a law, which stand for the law they are in: "We stand by the provisions in the Act".
_LAW_PARTS = frozenset({"provision", "provisions", "clause", "clauses"})
_ACTS = _LAW_PARTS | frozenset({
    "plan", "plans", "proposal", "proposals", "policy", "policies", "programme", "program", "bill",
    "budget", "reform", "reforms", "scheme", "stance", "decision", "move", "handling", "record",
    "campaign", "manifesto", "strategy", "approach", "offer", "bid", "idea", "ideas", "initiative",
    "position", "remarks", "comments", "statement", "claims", "tactics", "conduct", "actions", "words",
    "views", "speech", "call", "calls", "leadership", "performance", "response", "line",
    "sums", "figures", "costings", "arithmetic",
})
#: Relations whose object can be what an entity proposes or does ("criticised the Tory plans").
_STANCES = frozenset({"supports", "opposes", "criticizes", "praises", "attacks", "accuses", "rejects"})
#: Nouns that make an idiom of "into": "come into effect", "enter into force".
_IDIOM_OBJECTS = frozenset({"effect", "force", "operation"})
#: Verbs with no content of their own: "X has Y", "X is Y" are not relations.
LIGHT_VERBS = frozenset({"be", "have", "do", "get", "make", "take", "give", "say", "tell", "go", "come", "see", "use", "include"})
#: "Russia-led bloc": participle after a hyphen -> (relation, whether the entity is the subject).
_HYPHEN_PARTICIPLES = {
    "led": ("leads", True), "backed": ("supports", True), "funded": ("supports", True),
    "sponsored": ("supports", True), "owned": ("owns", True),
    "based": ("basedIn", False), "headquartered": ("basedIn", False),
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A relation a rule found, before lexicon mapping and modality."""

    subject: Mention
    key: str  # lemma phrase ("meet with") or, when ``mapped``, an ontology property name
    object: Mention
    rule: str
    confidence: float
    verb: Token | None  # the clause head for negation/modality; None: the rule decides (asserted)
    mapped: bool = False
    time: str | None = None  # "former", "then": the fact held before the article's time
    noun: Token | None = None  # the event noun that states it, whose modifiers can make it hypothetical


@dataclass
class Context:
    """What every rule reads: the doc, its mentions, the lexicon."""

    doc: Doc
    mentions: DocMentions
    lexicon: Lexicon
    quotes: QuoteIndex | None = None
    tokens: list = field(default_factory=list)  # every token, made once: rules share one pass
    verbs: list = field(default_factory=list)  # VERB and AUX tokens
    nouns: list = field(default_factory=list)  # NOUN and PROPN tokens
    held: dict = field(default_factory=dict)  # person key -> (role words, affiliation) found so far
    roles: Roles | None = None  # the role machinery over this context, set by whoever runs the rules (kg.extract.extract)
    fronted: set = field(default_factory=set)  # participles of fronted clauses, read by rule fronted_participle (kg.extract.fronted)

    def __post_init__(self) -> None:
        if not self.tokens:
            self.tokens = tokens(self.doc)
        self.verbs = [t for t in self.tokens if t.pos_ in {"VERB", "AUX"}]
        self.nouns = [t for t in self.tokens if t.pos_ in {"NOUN", "PROPN"}]

    def span_of(self, m: Mention):
        """The token span of a mention of this document."""
        return self.mentions.span_of(m) or self.doc.char_span(m.start, m.end, alignment_mode="expand")


def entities_of(tok: Token, ctx: Context, *, acts: bool = False, members: bool = True, _depth: int = 0) -> list[tuple[Mention, float]]:
    """The entities an argument token denotes, with a confidence penalty for indirection.

    Distributes over coordination ("Russia, Armenia and Belarus"), follows relative pronouns
    to their antecedent, appositions to the entity they describe ("the CSTO, a ... bloc"),
    "a delegation led by X" to X, and stand-in nouns to their modifier ("Taliban officials").
    With ``acts`` (the argument of a stance: criticise, support, oppose), what an entity
    proposes or does stands for it too ("attacked the Tory plans").
    """
    if _depth > 3:
        return []
    out: list[tuple[Mention, float]] = []
    for t in [tok, *tok.conjuncts]:
        m = ctx.mentions.at(t)
        if m is not None:
            out.append((m, 0.1 if m.text.lower() in {"he", "she", "it", "its", "his", "her", "i", "me", "my"} else 0.0))
            continue
        if t.lower_ == "those":  # "Among those who opposed the plan were X and Y"
            out += _among_those(t, ctx)
            continue
        if t.tag_ in {"WDT", "WP"} and t.head.dep_ == "relcl":
            own = ctx.mentions.at(t.head.head)  # "Jack Ruby, who killed X, and Jim Bakker": Ruby alone
            antecedent = [(own, 0.0)] if own is not None else entities_of(t.head.head, ctx, _depth=_depth + 1)[:1]
            if t.lower_ in {"who", "whom"} and not any(m.label == "PERSON" for m, _ in antecedent):
                antecedent = _person_above(t.head.head, ctx)  # "X, deputy director of Comecon, who heads ..."
            out += [(m, p + 0.05) for m, p in antecedent]
            continue
        if t.lower_ in _PARTITIVES and t.pos_ in {"DET", "PRON", "NOUN", "ADJ"}:  # "some of the party's MPs": the MPs
            for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"):
                # "the rest of the Cabinet" is the body; "some of" a group's people
                for pobj in (c for c in prep.children if c.dep_ == "pobj" and (t.lower_ == "rest" or c.tag_ in {"NNS", "NNPS"} or c.lower_.endswith("s"))):
                    out += [(m, p + 0.05) for m, p in entities_of(pobj, ctx, acts=acts, members=members, _depth=_depth + 1)]
            continue
        if t.pos_ not in {"NOUN", "PROPN"}:
            continue
        if t.dep_ == "attr" and t.head.lemma_ == "be":  # "The CSTO is a bloc led by Russia"
            subj = subject_of(t.head)
            if subj is not None and ctx.mentions.at(subj) is not None:
                out.append((ctx.mentions.at(subj), 0.1))  # type: ignore[arg-type]
            continue
        if t.dep_ == "appos" and ctx.mentions.at(t.head) is not None:
            out.append((ctx.mentions.at(t.head), 0.05))  # type: ignore[arg-type]
            continue
        appos = [c for c in t.children if c.dep_ == "appos" and ctx.mentions.at(c) is not None]
        if appos:
            out.append((ctx.mentions.at(appos[0]), 0.05))  # type: ignore[arg-type]
            continue
        leader = _led_by(t)
        if leader is not None:
            out += [(m, p + 0.1) for m, p in entities_of(leader, ctx, _depth=_depth + 1)]
            continue
        lemma = t.lemma_.lower()
        if not members and (lemma in _STAND_IN or t.lower_ in _STAND_IN) and lemma not in _SELF_STAND_IN and t.lower_ not in _SELF_STAND_IN:
            continue  # "heads the EC delegation" does not head the EC
        if lemma in _OUTLETS or _is_org_kind(t):  # "the clearing firm Clearstream", "JPMorgan Chase bank"
            named = [c for c in t.children if c.dep_ in {"poss", "compound", "nmod", "appos"} and ctx.mentions.at(c) is not None
                     and c.tag_ != "PRP$"  # "talks with its advisory committee": a body of its, not it
                     and ctx.mentions.at(c).label in ({"ORG", "GPE", "NORP", "FAC", "WORK_OF_ART"} if lemma in _OUTLETS else {"ORG", "FAC"})]
            named.sort(key=lambda c: c.dep_ == "poss")  # "Westpac's Mase Westpac Ltd unit" is Mase Westpac
            if named and named[0].dep_ == "poss" and (lemma in _PARTS or not members and lemma in _DEPARTMENTS):
                continue  # "Gelco's Canadian unit" is not Gelco (rule part_of_possessor); who heads the IMF's department heads no IMF
            if named:
                out += [(m, p + 0.05) for m, p in entities_of(named[0], ctx, _depth=_depth + 1)]
                continue
        if lemma in _PEERS or t.lower_ in _PEERS:  # "with our colleagues at Defra": Defra, not "our" side
            out += [(m, p + 0.1) for prep in t.children if prep.dep_ == "prep" and prep.lower_ in {"at", "from"}
                    for pobj in prep.children if pobj.dep_ == "pobj" for m, p in entities_of(pobj, ctx, _depth=_depth + 1)
                    if m.label == "ORG"]
            continue
        if (lemma in _STAND_IN or t.lower_ in _STAND_IN) and _some_of_them(t):
            continue  # "one Trade Ministry official told Reuters": an unnamed official, not the ministry
        if lemma in _STAND_IN or t.lower_ in _STAND_IN or acts and (lemma in _ACTS or t.lower_ in _ACTS):
            penalty = 0.1 if lemma in _STAND_IN or t.lower_ in _STAND_IN else 0.15
            for child in t.children:
                m = ctx.mentions.at(child)
                if child.dep_ in {"compound", "amod", "poss", "nmod"} and m is not None and _can_stand_for(m):
                    out.append((m, penalty))
                    break
            else:
                if lemma in _STAND_IN or t.lower_ in _STAND_IN:  # "lawyers for Mr Ebbers", "officials of the ministry"
                    for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ in {"for", "of"}):
                        found = [m for c in prep.children if c.dep_ == "pobj" for m in [ctx.mentions.at(c) or _group_of(c, ctx)] if m is not None and _can_stand_for(m)]
                        out += [(m, penalty) for m in found[:1]]
                if acts and (lemma in _ACTS or t.lower_ in _ACTS):  # "welcomed the words of Mr Snow"
                    for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ in {"of", "by", "from", "in", "for"}):
                        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                            m = ctx.mentions.at(pobj)
                            if m is not None and _act_stands_for(lemma, prep.lower_, m):
                                out.append((m, penalty))
            continue
        named = [c for c in t.children if c.dep_ in {"dobj", "compound", "npadvmod"} and c.i > t.i and c.pos_ == "PROPN" and ctx.mentions.at(c) is not None]
        if named:  # "the derivatives market Eurex" (parsed with the name under the noun)
            out += [(m, p + 0.05) for m, p in entities_of(named[0], ctx, _depth=_depth + 1)]
    return out


#: Quantities of a group that act as the group does ("some of the party's MPs complained"); not
#: "one of", whose one member speaks for nobody, nor "none of", "few of".
_PARTITIVES = frozenset({"some", "many", "most", "several", "all", "dozens", "scores", "hundreds", "thousands", "rest"})


def _act_stands_for(lemma: str, prep: str, m: Mention) -> bool:
    """Whether an act's "of/by/from/in/for" object is whose the act is: "the words of Mr Snow";
    "the provisions in the Act" (a law's parts, only in a law); "plans for ID cards" (the
    policy itself, kg.extract.topics)."""
    if lemma in _LAW_PARTS:
        return m.label == "LAW"
    if prep == "in":
        return False
    return prep != "for" or m.label == TOPIC


#: Stand-ins for a body's people that speak for it by office: "a Bundesbank spokesman said" is the Bundesbank's word.
MOUTHPIECES = frozenset({"spokesman", "spokeswoman", "spokesperson", "delegation", "government", "authorities", "administration",
                         "leadership", "regime", "presidency", "state", "cabinet", "management", "board", "team", "parliament", "embassy",
                         "ministry", "military", "army", "police", "side"})
#: Determiners and numbers that pick some of a body's people out: "one official", "two officials", "a senior official".
_SOME = frozenset({"a", "an", "one", "another", "some", "several", "two", "three", "few", "many", "other"})


def _some_of_them(t: Token) -> bool:
    """"one Trade Ministry official", "a senior Bundesbank official", "two EC diplomats": some
    unnamed people of the body, not the body itself (rule unnamed_member), unless they speak
    for it by office ("a Bundesbank spokesman")."""
    if t.lemma_.lower() in MOUTHPIECES or t.lower_ in MOUTHPIECES:
        return False
    return any(c.dep_ in {"det", "nummod", "amod"} and c.lower_ in _SOME for c in t.children)


#: Organisation kinds that name a part of their possessor: "Gelco's Canadian unit" is not Gelco.
_PARTS = frozenset({"unit", "subsidiary", "business", "division", "arm", "affiliate", "operation", "operations"})
#: Parts of a body one can head without heading the body: "heads the IMF's trade relations department".
_DEPARTMENTS = frozenset({"department", "section", "desk", "bureau", "office", "branch", "wing", "directorate"})


def _is_org_kind(t: Token) -> bool:

    return t.lemma_.lower() in word_list("org_kinds") or t.lower_ in word_list("org_kinds")


#: Plural nouns for the members of a bloc: "the 12 eurozone countries" are the eurozone.
_BLOC_MEMBERS = frozenset({"countries", "states", "nations", "members", "economies", "governments"})


def _group_of(noun: Token, ctx: Context) -> Mention | None:
    """"ministers of the 12 eurozone countries", "leaders of the EC states": the bloc whose
    members the plural noun names stands for them."""
    if noun.lower_ not in _BLOC_MEMBERS:
        return None
    named = [m for c in noun.children if c.dep_ in {"compound", "nmod", "amod"} and (m := ctx.mentions.at(c)) is not None]
    return named[0] if len(named) == 1 and named[0].label in {"ORG", "LOC"} else None


def _person_above(tok: Token, ctx: Context) -> list[tuple[Mention, float]]:
    """The person a "who" clause hangs under, through the role phrase the parser attached it to."""
    for _ in range(4):
        if tok.dep_ not in {"pobj", "prep", "appos", "compound"} or tok.head == tok:
            return []
        tok = tok.head
        m = ctx.mentions.at(tok)
        if m is not None and m.label == "PERSON":
            return [(m, 0.1)]
    return []


def _can_stand_for(m: Mention) -> bool:
    """"Russian officials" stand for Russia, "Republican senators" for the party; "Central Asian
    states" and "The Western creditor governments" stand for no one entity."""
    from .. import places
    from .entity_types import cues

    if m.label != "NORP":
        return True
    return places.country(m.text, demonyms=True) is not None or m.key in cues()["aliases"]


def _led_by(noun: Token) -> Token | None:
    """"a delegation led by X": the delegation acts through its leader X."""
    for child in noun.children:
        if child.dep_ == "acl" and child.lemma_ in {"lead", "head"}:
            for agent in child.children:
                if agent.dep_ == "agent":
                    return next((p for p in agent.children if p.dep_ == "pobj"), None)
    return None


def _verb_key(verb: Token) -> str:
    """"take over" for a phrasal verb, "be concerned" for a copula with an adjective."""
    lemma = verb.lemma_.lower()
    if lemma.endswith("e") and verb.lower_ == lemma + "d":  # the lemmatiser's "deselecte" for an unknown "deselected"
        from ..ontology import load_lexicon

        if load_lexicon().verb(lemma) is None and load_lexicon().verb(lemma[:-1]) is not None:
            lemma = lemma[:-1]
    parts = [lemma]
    parts += [c.lower_ for c in verb.children if c.dep_ == "prt"]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "into"):  # "comes into effect in X"
        parts += [f"into {p.lower_}" for p in prep.children if p.dep_ == "pobj" and p.lower_ in _IDIOM_OBJECTS]
    if verb.lemma_ == "take":  # "took effect in X"
        parts += [c.lower_ for c in verb.children if c.dep_ == "dobj" and c.lower_ == "effect"]
    if verb.lemma_ in {"be", "remain", "become", "seem", "appear", "stay"}:
        acomp = next((c for c in verb.children if c.dep_ == "acomp"), None)
        if acomp is not None:
            return f"be {acomp.lower_}"
    return " ".join(parts)


def _among_those(those: Token, ctx: Context) -> list[tuple[Mention, float]]:
    """"Among those reported to have reservations were David Davis, Oliver Letwin and Tim Yeo":
    "those" are the names the sentence's "were" gives (the parser may make a list of them
    appositions of the first)."""
    among, be = those.head, those.head.head
    if those.dep_ != "pobj" or among.lower_ != "among" or be.lemma_ != "be":
        return []
    out: list[tuple[Mention, float]] = []
    for subj in (c for c in be.children if c.dep_ in {"nsubj", "attr"} and c.i > among.i):
        for t in [subj, *subj.conjuncts, *(g for a in subj.children if a.dep_ == "appos" for g in (a, *a.conjuncts))]:
            m = ctx.mentions.at(t)
            if m is not None and m.label in {"PERSON", "ORG", "GPE", "NORP"}:
                out.append((m, 0.05))
    return out


def clause_subjects(verb: Token, ctx: Context) -> list[tuple[Mention, float]]:
    """Who does what ``verb`` says, including inherited subjects of xcomp/conj/acl verbs."""
    subj = subject_of(verb)
    if subj is not None:
        return entities_of(subj, ctx) + [(m, p + 0.05) for t in _alongside(verb, subj) for m, p in entities_of(t, ctx)]
    if verb.dep_ == "advcl" and verb.tag_ == "VBN":
        return []  # "Asked if X ..., Reuber replied": whoever asked is not the subject of "replied"
    if verb.dep_ == "xcomp" and verb.tag_ == "VB" and verb.head != verb and verb.head.lemma_.lower() in word_list("object_control_verbs"):
        told = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if told is not None:  # "we require all arbitrageurs to register with the SEC": the arbitrageurs do
            return [(m, p + 0.05) for m, p in entities_of(told, ctx)]
    if verb.dep_ in {"xcomp", "advcl"} and verb.head != verb:  # "continue expanding", "Speaking ..., Putin"
        return [(m, p + 0.05) for m, p in clause_subjects(verb.head, ctx)]
    if verb.dep_ == "conj" and verb.head != verb and verb.head.pos_ in {"VERB", "AUX"}:  # "chosen to build and run X"
        return clause_subjects(verb.head, ctx)
    if verb.dep_ in {"acl", "relcl"} and verb.head.lower_ == "those":  # "Among those reported to have ... were X and Y"
        return _among_those(verb.head, ctx)
    if verb.dep_ in {"acl", "relcl"} and verb.tag_ == "VBG":  # "an alliance comprising X"
        return [(m, p + 0.05) for m, p in entities_of(verb.head, ctx)]
    if verb.dep_ == "acl" and verb.tag_ == "VB":  # "Russia's decision to deepen ties": Russia
        owner = next((c for c in verb.head.children if c.dep_ == "poss"), None)
        if owner is not None:
            return [(m, p + 0.1) for m, p in entities_of(owner, ctx)]
    return []


def _alongside(verb: Token, subj: Token) -> list[Token]:
    """Who does it with the subject: "Straw, along with the rest of the Cabinet, will back X",
    "Japan, together with West Germany, agreed to ..." (the parser hangs the phrase on the verb
    or on the subject); not "X met with Y", whose "with" names no one who acts beside X."""
    out: list[Token] = []
    for prep in (c for head in (verb, subj) for c in head.children if c.dep_ == "prep"):
        if prep.lower_ == "along":
            withs = [c for c in prep.children if c.dep_ == "prep" and c.lower_ == "with"]
        elif prep.lower_ == "with" and any(c.dep_ == "advmod" and c.lower_ in {"together", "along"} for c in prep.children):
            withs = [prep]
        else:
            continue
        out += [c for w in withs for c in w.children if c.dep_ == "pobj"]
    return out


# ---------------------------------------------------------------- clause rules


def rule_svo(ctx: Context) -> Iterator[Candidate]:
    """Active clause with a direct object: "China welcomes the engagement", "includes Russia"."""
    for verb in ctx.verbs:
        objs = [c for c in verb.children if c.dep_ in _OBJ and c.dep_ != "attr"]
        first_dobj = next((c for c in objs if c.dep_ == "dobj"), None)
        objs = [c for c in objs if c.dep_ != "dobj" or c is first_dobj]  # a second dobj is a misparse
        if not objs:  # "which owns the derivatives market Eurex": the parser made the noun a clause
            objs = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ == "NOUN" and not any(g.dep_ in {"nsubj", "aux"} for g in c.children)]
        if not objs and not any(c.dep_ in {"prep", "prt", "ccomp", "xcomp"} for c in verb.children):  # "build and run the airport": a shared object
            objs = [o for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
                    for o in c.children if o.dep_ == "dobj"][:1]
        key = _verb_key(verb)
        if ctx.lexicon.verb(key) == "urges" and verb.lemma_ != "ask":  # "the Tories demanded that Tony Blair spell out ..."
            objs += [s for c in verb.children if c.dep_ == "ccomp" and not any(w.tag_ in {"WDT", "WP", "WRB"} or w.lower_ in {"if", "whether"} for w in c.children)
                     for s in c.children if s.dep_ == "nsubj"]
        if not objs or any(c.dep_ == "nsubjpass" for c in verb.children):
            continue
        subjects = clause_subjects(verb, ctx)
        if not subjects:
            continue
        if ctx.lexicon.verb(key) is None and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
            continue  # "Russia views Afghanistan as a challenge": the relation is with the complement
        acts = ctx.lexicon.verb(key) in _STANCES
        members = ctx.lexicon.verb(key) != "leads"
        charges = ctx.lexicon.verb(key) == "charges"
        if verb.lemma_ == "tell":  # "told Reuters Taiwan would cut tariffs": Reuters was told, Taiwan is what follows
            objs = [next((c for c in o.children if c.dep_ == "compound" and c.i == o.left_edge.i and c.lower_ in word_list("news_agencies")), o)
                    for o in objs]
        for obj in objs:
            named = _named_in_role(obj, ctx) if ctx.lexicon.verb(key) == "appoints" else None
            for s, ps in subjects:
                if named is not None:  # "Acme Corp appointed John Smith chairman": Smith, as chairman
                    yield Candidate(s, key, named, "svo_role", 0.75 - ps, verb)
                    if s.label == "ORG":
                        yield from ctx.roles.facts(named, [obj], [("", s)], "svo_role", 0.75 - ps, verb)
                    continue
                for o, po in entities_of(obj, ctx, acts=acts, members=members):
                    if charges and o.text.lower().split()[-1] in _TASKED_BODIES:
                        continue  # "Congress charged the commission with examining ...": a task, not a charge
                    yield Candidate(s, key, o, "svo", 0.8 - ps - po, verb)


def _named_in_role(obj: Token, ctx: Context) -> Mention | None:
    """The person an appointing verb's object names before the role it gives: the parser makes
    "appointed John Smith chairman" one noun phrase headed by "chairman" (rule svo_role)."""
    if obj.pos_ != "NOUN" or ctx.mentions.at(obj) is not None or not ctx.roles.is_role_word(obj):
        return None
    before = obj.doc[obj.i - 1] if obj.i > 0 else None
    m = ctx.mentions.at(before) if before is not None and before.dep_ == "compound" and before.head == obj else None
    return m if m is not None and m.label == "PERSON" else None


#: Bodies that are charged with a task, not with an offence ("charged the commission with examining ...").
_TASKED_BODIES = frozenset({"commission", "committee", "subcommittee", "panel", "council", "board", "force"})


#: Verbs whose coordinated subjects do one thing together: "Howard and Redwood launched new plans".
_JOINT_ACTS = frozenset({
    "launch", "unveil", "announce", "sign", "form", "found", "create", "establish", "build", "develop",
    "publish", "issue", "organise", "organize", "co-host", "share", "draft", "propose", "submit", "set",
})


def rule_joint_subjects(ctx: Context) -> Iterator[Candidate]:
    """"X and Y agreed to ...", "Howard and Redwood launched new plans": coordinated subjects act together.

    Only verbs that do something to an object or a complement relate their subjects; "X and Y
    died" or "X and Y said" do not make X and Y partners.
    """
    for verb in ctx.verbs:
        if verb.pos_ != "VERB" or verb.lemma_ in LIGHT_VERBS or verb.lemma_ in SPEECH_VERBS:
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or not subj.conjuncts or any(c.lower_ in {"neither", "nor", "or", "either"} for c in subj.subtree if c.dep_ in {"cc", "preconj"}):
            continue  # "Neither X nor Y engaged in ...", "X or Y will buy ...": not a joint act
        subjects = entities_of(subj, ctx)
        if not 2 <= len(subjects) <= 3:
            continue  # four banks that "agreed to provide financing" each agreed, not with each other
        if len(subjects) == 3 and any(c.dep_ == "xcomp" and any(d.dep_ == "dobj" and ctx.mentions.at(d) is not None for d in c.children)
                                      for c in verb.children):
            continue  # "Norway, Egypt and the Soviet Union agreed to help OPEC": each with OPEC, not with each other
        dobj_ = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if any(c.dep_ == "prep" and c.lower_ in {"with", "against"} for c in [*verb.children, *(dobj_.children if dobj_ is not None else ())]):
            continue  # "Venezuela, Chile and the Philippines struck agreement with banks": each with the banks
        mapped = ctx.lexicon.verb(_verb_key(verb))
        rel = ctx.lexicon.relations.get(mapped or "")
        dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        event = ctx.lexicon.noun(dobj.lemma_.lower()) or ctx.lexicon.noun(dobj.lower_) if dobj is not None else None
        event_rel = ctx.lexicon.relations.get(event or "")
        with_rel = ctx.lexicon.relations.get(ctx.lexicon.verb(f"{_verb_key(verb)} with") or "")
        if rel is not None and rel.symmetric:
            key, is_mapped = mapped, True  # "X and Y met"
        elif with_rel is not None and with_rel.symmetric:
            key, is_mapped = with_rel.name, True  # "France and Yugoslavia agreed to set up ...": agree with
        elif event_rel is not None and event_rel.symmetric:
            key, is_mapped = event, True  # "the EC and Comecon ended talks": they talked
        elif verb.lemma_ in _JOINT_ACTS and dobj is not None:
            key, is_mapped = f"{_verb_key(verb)} with", False  # "Howard and Redwood launched new plans"
        else:
            continue
        for i, (a, pa) in enumerate(subjects):
            for b, pb in subjects[i + 1 :]:
                if a.key != b.key:
                    yield Candidate(a, key, b, "joint_subjects", 0.6 - pa - pb, verb, mapped=is_mapped)


def governing_verb(tok: Token) -> Token | None:
    """The nearest verb above a token: its clause decides negation and modality."""
    head = tok.head
    while head != head.head and head.pos_ not in {"VERB", "AUX"}:
        head = head.head
    return head if head.pos_ in {"VERB", "AUX"} else None


#: The clause rules of this module; kg.extract runs them with rule_prep_object (kg.extract.prep_object)
#: and rule_passive_agent (kg.extract.passive).
RULES = (
    rule_svo,
    rule_joint_subjects,
)

