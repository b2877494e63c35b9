"""Evaluative relations: who criticises, blames, warns, opposes, backs, rejects or urges whom.

The clause rules of :mod:`kg.extract.rules` already read a stance verb with a named object
("Gephardt blamed Japan", "attacked the Tory plans"). This stage reads what they leave:

- ``stance_noun``: a stance stated by a noun, with its holder and target: "X's criticism of Y",
  "criticism of Y by X", "Davis echoed criticisms of Y", "Mondale voiced reservations over
  Reagan's policy", "a stinging rebuke for Y", "Regan came in for criticism from the Tower
  Commission" (the subject of a receiving verb is the target), "a call for him to pause from X";
- ``stance_object``: a stance verb whose object is what a party says, fears or does, beyond
  the act nouns the clause rules know: "dismissed fears from some Conservatives", "echoed
  criticisms of the way Mr Blunkett introduced the rules"; a judging verb whose complement
  finds fault ("called Japan's trade practices unfair", ``judging_verbs.txt``); a passive
  ("Gandhi's budget was criticised by the BJP"); and "X said Y would ... and attacked Z", where
  the parser hung the second verb under the reported clause;
- ``wants_of``: "Atticus wants Deutsche Boerse to buy back its shares": X urges Y;
- ``stance_speech`` (:mod:`kg.extract.speech_stance`): a statement that finds fault with a
  named party or says a named thing ought to be undone.

The words are data (``ontology/lexicon/stance_*.txt``, ``stance_nouns.tsv``,
``judging_verbs.txt``, ``fault_words.txt``); the properties are the ontology's (``kg.ttl``). Every candidate keeps its
rule's name, and the driver decides negation and modality from its clause as for any rule.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..ontology import ontology_dir, word_list
from ..records import Mention
from .mentions import most_named
from .modality import IRREALIS_MODIFIERS, SPEECH_VERBS, subject_of
from .rules import _ACTS as ACTS
from .rules import _STAND_IN as STAND_IN
from .rules import _STANCES as CLAUSE_STANCES
from .rules import Candidate, Context, _verb_key, clause_subjects, entities_of, governing_verb

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["STANCES", "STANCE_RULES", "faults", "negated", "negated_fault", "rule_complaint", "rule_stance_noun", "rule_stance_object", "rule_wants_of", "targets"]

#: The evaluative properties of ``kg.ttl`` this stage states.
STANCES = frozenset({"criticizes", "opposes", "rejects", "supports", "praises", "accuses", "urges", "warns", "concernedAbout", "attacks"})
#: Prepositions whose object holds a stance a noun names: "criticism by X", "support from X".
_AGENT_PREPS = frozenset({"by", "from"})
#: Verbs whose subject holds the stance their object noun names when no "of"/"by" does ("has
#: reservations over X"), and receives it when one does ("has the backing of X").
_HAVE = frozenset({"have", "hold", "retain", "keep"})
_NEGATORS = frozenset({"not", "n't", "never", "no"})
_NEUTER = frozenset({"it", "its", "they", "their", "them"})
#: Verbs whose infinitive or gerund complement is done: "continued to criticise X".
_ASPECTUAL = frozenset({"continue", "begin", "start", "keep", "go", "resume"})
#: Adverbs the parser gives a phrasal verb's particle as: "hit back at", "lashed out at".
_PARTICLES = frozenset({"back", "out", "up", "down", "off", "aside"})
#: Prepositions whose object a clause takes as given: "despite a call from X", "after criticism by Y".
_PRESUPPOSING = frozenset({"despite", "after", "following", "amid", "because", "since", "over", "in"})
#: Words a participle must follow to find fault: "badly drawn up", "poorly drafted".
_FAULT_ADVERBS = frozenset({"badly", "poorly"})


@dataclass(frozen=True, slots=True)
class _Noun:
    """One row of ``stance_nouns.tsv``."""

    prop: str
    targets: frozenset[str]
    acts_only: bool
    asks: bool
    says: bool = False  # the target is the subject of the noun's "that" clause ("complaints that Howard took too long")


@functools.lru_cache(maxsize=1)
def stance_nouns() -> dict[str, _Noun]:
    """``lemma -> _Noun`` from ``ontology/lexicon/stance_nouns.tsv``."""
    out: dict[str, _Noun] = {}
    path = ontology_dir() / "lexicon" / "stance_nouns.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        flags = set(cells[3].split(",")) if len(cells) > 3 else set()
        out[cells[0]] = _Noun(cells[1], frozenset(cells[2].split(",")), "acts" in flags, "to" in flags, "that" in flags)
    return out


# ---------------------------------------------------------------- what a stance is towards


def _named(tok: Token, ctx: Context) -> list[tuple[Mention, float]]:
    """Entities named in a noun phrase's possessor, name modifier or "of/by/from" object, or the
    agent of the participle that says whose it is ("claims from Afghanistan raised by Russia")."""
    for clause in (c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        for agent in (c for c in clause.children if c.dep_ == "agent"):
            # whose they are is said here, named or not ("raised by neighbouring countries")
            return [(m, p + 0.15) for pobj in agent.children if pobj.dep_ == "pobj" for m, p in entities_of(pobj, ctx)]
    for child in tok.children:
        if child.dep_ in {"poss", "compound", "nmod", "amod"} and ctx.mentions.at(child) is not None:
            return [(m, p + 0.15) for m, p in entities_of(child, ctx)]
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"of", "by", "from"}):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found = entities_of(pobj, ctx)
            if found:
                return [(m, p + 0.15) for m, p in found]
    return []


def targets(tok: Token, ctx: Context, *, acts_only: bool = False) -> list[tuple[Mention, float]]:
    """The parties an argument of a stance denotes: a name, what a party proposes or does
    ("the Tory plans"), what it says or fears ("fears from some Conservatives"), or the way it
    did something ("the way Mr Blunkett introduced the rules")."""
    lemma = tok.lemma_.lower()
    if _ballot(tok) is not None:  # "back a 'yes' vote": what the referendum asks
        return _ballot_question(ctx)
    ruler = _ruled_by(tok, ctx)
    if ruler:
        return ruler
    acts = lemma in ACTS or tok.lower_ in ACTS
    said = lemma in word_list("stance_objects") or tok.lower_ in word_list("stance_objects")
    if acts_only and not acts:
        return _named(tok, ctx) if said else []  # "an attack on the Tory plans", not "an attack on Basra"
    found = entities_of(tok, ctx, acts=True)
    if found:
        return found
    if acts:
        owner = next((c for c in tok.children if c.dep_ == "poss" and ctx.mentions.at(c) is not None), None)
        for child in (c for c in tok.children if c.dep_ == "compound") if owner is None else ():
            # "John Prescott's buildings programme", parsed with the owner on the compound
            owner = next((g for g in child.children if g.dep_ == "poss" and ctx.mentions.at(g) is not None), None)
            if owner is not None:
                break
        if owner is not None:  # "the Social Democrats' plans": a possessor is a party, whatever its label
            return [(m, p + 0.15) for m, p in entities_of(owner, ctx)]
        return []
    if not said:
        return []
    if lemma in {"way", "manner"}:  # "the way Mr Blunkett introduced the rules"
        for clause in (c for c in tok.children if c.dep_ in {"relcl", "acl"} and c.pos_ == "VERB"):
            subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return [(m, p + 0.15) for m, p in entities_of(subj, ctx)]
        return []
    return _named(tok, ctx)


def _objects(verb: Token, ctx: Context) -> Iterator[tuple[str, Token, bool]]:
    """A verb's stance property with each of its objects, and whether the clause rules read that
    object already (a name, or an act noun after a stance verb): "criticise X", "hit back at X"."""
    key = _verb_key(verb)
    prop = ctx.lexicon.verb(key)
    if prop in STANCES:
        for child in verb.children:
            if child.dep_ == "dobj":
                yield prop, child, bool(entities_of(child, ctx, acts=prop in CLAUSE_STANCES))
    if verb.lemma_.lower() == "dismiss":  # what a party says or fears, never a person dismissed from a post
        for child in verb.children:
            if child.dep_ == "dobj" and child.lemma_.lower() in word_list("stance_objects"):
                yield "rejects", child, False
    # "hit back at X", parsed with "back" as an adverb: the clause rules look for a particle
    keys = [(key, True)] + [(f"{key} {c.lower_}", False) for c in verb.children if c.dep_ == "advmod" and c.lower_ in _PARTICLES]
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for k, clause_rules in keys:
            pprop = ctx.lexicon.verb(f"{k} {prep.lower_}")
            if pprop in STANCES:
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    yield pprop, pobj, clause_rules and bool(entities_of(pobj, ctx))


def _speech_subjects(verb: Token, ctx: Context) -> tuple[list[tuple[Mention, float]], Token] | None:
    """"Blair said Labour would set out plans and attacked the Tory plans": the parser made
    "attacked" a conjunct of the reported "would set out"; its tense says it is the speaker's."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ not in {"VBD", "VBZ"} or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    if head.dep_ != "ccomp" or head.tag_ != "VB" or head.head.lemma_ not in SPEECH_VERBS:
        return None
    if not any(c.dep_ == "aux" and c.tag_ == "MD" for c in head.children):
        return None
    speech = head.head
    return clause_subjects(speech, ctx), speech


def _judged(verb: Token) -> bool:
    """Whether a judging verb's complement finds fault: "described X as deeply flawed", "called X unfair"."""
    words = [c for c in verb.children if c.dep_ in {"oprd", "acomp", "advcl", "ccomp", "xcomp"}]
    for as_ in (c for c in verb.children if c.lower_ == "as" and c.dep_ in {"prep", "advmod"}):
        words += [g for g in as_.children if g.dep_ in {"pobj", "amod", "acomp", "advmod"}]
    words += [c for w in words for c in w.conjuncts]
    return any(not negated(w) and faults(w) for w in words)


def _stance_heads(lexicon) -> frozenset[str]:
    """The first words of every stance trigger, "dismiss" and the judging verbs: the verbs worth a look."""
    heads = {k.split(" ")[0] for k, prop in lexicon.verbs.items() if prop in STANCES}
    return frozenset(heads) | {"dismiss"} | word_list("judging_verbs")


def rule_stance_object(ctx: Context) -> Iterator[Candidate]:
    """A stance verb whose object only stands for a party: what it says, fears or does."""
    heads = _stance_heads(ctx.lexicon)
    for verb in ctx.verbs:
        if verb.lemma_.lower() not in heads:
            continue
        if verb.pos_ != "VERB" or (verb.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)) and verb.head.lemma_ not in _ASPECTUAL:
            continue  # "called on the department to reject X", "wanted the agency ... to turn down X": asked for, not done
        pairs = list(_objects(verb, ctx))
        if verb.lemma_.lower() in word_list("judging_verbs") and _judged(verb):  # "called Japan's trade practices unfair"
            pairs += [("criticizes", c, False) for c in verb.children if c.dep_ == "dobj"]
        prop = ctx.lexicon.verb(_verb_key(verb))
        if not pairs and prop in STANCES and any(c.dep_ == "nsubjpass" for c in verb.children):
            pairs = [(prop, verb, False)]
        if not pairs:
            continue
        rescued = _speech_subjects(verb, ctx)
        if rescued is not None:  # "... and attacked the Tory plans": the speaker did
            subjects, clause = rescued
            if any(c.dep_ == "neg" or c.lower_ in _NEGATORS for c in verb.children):
                continue
            for prop, obj, _ in pairs:
                for s, ps in subjects:
                    for o, po in targets(obj, ctx):
                        yield Candidate(s, prop, o, "stance_object", 0.7 - ps - po, clause, mapped=True)
            continue
        patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if patient is not None:  # "Gandhi's budget was criticised by the opposition": the rule above reads names only
            if agent is None or entities_of(patient, ctx):
                continue
            for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                for s, ps in entities_of(pobj, ctx):
                    for o, po in targets(patient, ctx):
                        yield Candidate(s, pairs[0][0], o, "stance_object", 0.7 - ps - po, verb, mapped=True)
            continue
        if verb.dep_ == "conj" and verb.tag_ != verb.head.tag_ and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
            continue  # "... were concerned that Japan do more and welcomed X": not Japan's "welcomed"
        subj = subject_of(verb)
        if subj is not None and subj.lemma_.lower() in STAND_IN and any(c.dep_ == "poss" and c.lower_ in {"his", "her"} for c in subj.children):
            continue  # "his government rejected X": the government, not the minister who said so
        subjects = _distinct(clause_subjects(verb, ctx), ctx)
        if not subjects:
            continue
        for prop, obj, read in pairs:
            if read:
                continue  # the clause rules state it
            if _ballot(obj) == "no" and prop in _FLIP:
                prop = _FLIP[prop]  # "will back a 'no' vote": against what the ballot asks
            for s, ps in subjects:
                for o, po in _distinct(targets(obj, ctx), ctx):
                    yield Candidate(s, prop, o, "stance_object", 0.7 - ps - po, verb, mapped=True)


_FLIP = {"supports": "opposes", "opposes": "supports"}


def _ruled_by(tok: Token, ctx: Context) -> list[tuple[Mention, float]]:
    """"an attack on the cost of Britain's asylum system under Tony Blair": what is judged is
    how things went under a person or a party, so the judgement is of them (not of Britain)."""
    for _ in range(3):
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "under"):
            found = [(m, p + 0.15) for pobj in prep.children if pobj.dep_ == "pobj" for m, p in entities_of(pobj, ctx)
                     if m.label in {"PERSON", "ORG", "NORP"}]
            if found:
                return found
        tok = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
        if tok is None:
            break
    return []


def _ballot(tok: Token) -> str | None:
    """"yes" or "no" for "a 'yes' vote", "a no vote", "the Yes campaign"; else None."""
    if tok.lemma_.lower() not in {"vote", "campaign", "side"}:
        return None
    return next((c.lower_ for c in tok.children if c.lower_ in {"yes", "no"} and c.dep_ in {"nmod", "amod", "compound", "det"}), None)


def _ballot_question(ctx: Context) -> list[tuple[Mention, float]]:
    """What a yes or no vote is a vote on: in an article about a referendum, the law or policy
    it names most often (a tie, or no referendum: nothing). "Straw will back a 'yes' vote" in
    an article on the referendum on the European constitution backs the constitution."""
    text = ctx.doc.text.lower()
    if "referendum" not in text and "plebiscite" not in text:
        return []
    asked = most_named(m for m in ctx.mentions.mentions if m.label in {"LAW", "TOPIC"} and m.text.lower() not in {"it", "its", "they", "them"})
    return [(asked, 0.15)] if asked is not None else []


# ---------------------------------------------------------------- stance nouns


def _clause_of(noun: Token) -> Token | None:
    """The verb a stance noun is the object of, through prepositions: "came in for criticism"."""
    head, dep = noun.head, noun.dep_
    while dep == "pobj" and head.dep_ == "prep" and head.head != head:
        dep, head = head.dep_, head.head
    if dep in {"dobj", "pobj", "prep", "attr"} and head.pos_ in {"VERB", "AUX"}:
        return head
    return None


def _asked(prep: Token, ctx: Context) -> list[tuple[Mention, float]]:
    """"a call for him to pause", "an appeal to Japan to cut tariffs": whom the noun asks to act."""
    out: list[tuple[Mention, float]] = []
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        if any(c.dep_ in {"acl", "relcl", "xcomp"} and any(g.lower_ == "to" for g in c.children) for c in pobj.children):
            out += entities_of(pobj, ctx)
    return out


def rule_stance_noun(ctx: Context) -> Iterator[Candidate]:
    """"X's criticism of Y", "Davis echoed criticisms of Y", "a rebuke for Y", "Regan came in for
    criticism from the Tower Commission", "a call for him to pause from Charles Kennedy"."""
    nouns = stance_nouns()
    receive, support = word_list("stance_receive_verbs"), word_list("stance_support_verbs")
    for noun in ctx.nouns:
        entry = nouns.get(noun.lemma_.lower()) or nouns.get(noun.lower_)
        if entry is None or noun.pos_ != "NOUN" or ctx.mentions.at(noun) is not None or noun.dep_ == "compound":
            continue
        if any(c.dep_ == "det" and c.lower_ == "no" or c.dep_ in {"amod", "compound"} and c.lower_ in IRREALIS_MODIFIERS for c in noun.children):
            continue  # "there was no criticism of X", "the proposed support for X"
        holders: list[tuple[Mention, float]] = []
        aimed: list[tuple[Mention, float]] = []
        verb = _clause_of(noun)
        lemma = verb.lemma_.lower() if verb is not None else ""
        # "X has the support of Y", "won the backing of Y": after a receiving verb "of" names the holder
        receiving = lemma in receive or lemma in _HAVE
        target_preps = entry.targets - {"of"} if receiving else entry.targets
        for child in noun.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"} and ctx.mentions.at(child) is not None:
                holders += entities_of(child, ctx)  # "Labour's criticism", "US support"
        for prep in (c for c in noun.children if c.dep_ == "prep"):
            low = prep.lower_
            if low in target_preps:
                if entry.asks:
                    aimed += _asked(prep, ctx)
                else:
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        aimed += targets(pobj, ctx, acts_only=entry.acts_only)
            elif low in _AGENT_PREPS or low == "of":
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    holders += [(m, p + 0.05) for m, p in entities_of(pobj, ctx)]
        if entry.says:  # "complaints from Tory MPs that Mr Howard has taken too long": what the complaint is about
            for clause in _that_clauses(noun, {"acl", "ccomp"}):
                aimed += [t for s in clause.children if s.dep_ in {"nsubj", "nsubjpass"} for t in targets(s, ctx)]
        if entry.asks:  # "a call for him to pause from X": the parser hangs "from X" on the verb asked for
            for clause in (c for c in noun.children if c.dep_ in {"acl", "relcl"} and any(g.lower_ == "to" for g in c.children)):
                subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                if subj is not None:
                    aimed += entities_of(subj, ctx)
                for prep in (c for c in clause.children if c.dep_ == "prep" and c.lower_ in _AGENT_PREPS):
                    holders += [(m, p + 0.05) for pobj in prep.children if pobj.dep_ == "pobj" for m, p in entities_of(pobj, ctx)]
        named = bool(holders)  # the noun's own holder ("Labour's concern"), before the verb's subject is asked
        if verb is not None and (lemma in receive or lemma in _HAVE and holders):
            if not aimed:  # "the plan drew criticism from the Fed", "Reagan's plan drew criticism"
                subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if subj is not None:
                    aimed = targets(subj, ctx, acts_only=entry.acts_only)
        elif verb is not None and (lemma in support or lemma in _HAVE) and not holders:
            holders = clause_subjects(verb, ctx)  # "Davis echoed criticisms of Y"
            if not holders and verb.dep_ in {"acl", "relcl"} and verb.tag_ == "VB":  # "X is the latest shareholder to express concern at Y"
                holders = [(m, p + 0.1) for m, p in entities_of(verb.head, ctx)]
        elif verb is not None and lemma == "be" and noun.dep_ == "attr" and not holders:
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)  # "the X report was a rebuke for Y"
            holders = entities_of(subj, ctx) if subj is not None else []
        if verb is not None and (lemma in support or lemma in _HAVE and not named) and not aimed and noun.dep_ == "dobj":
            # "expressed concern at Y", "issued a rebuke to Y", "gave its support to Y": the preposition hung on the verb
            for prep in (c for c in verb.children if c.dep_ in {"prep", "dative"} and c.lower_ in entry.targets and not entry.asks):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    aimed += targets(pobj, ctx, acts_only=entry.acts_only)
        # the noun as the subject of its clause, or after "despite", is presupposed: "the criticism of Y could ..." was made
        presupposed = noun.dep_ in {"nsubj", "nsubjpass"} or noun.dep_ == "pobj" and noun.head.lower_ in _PRESUPPOSING
        clause = None if presupposed else governing_verb(noun)
        for s, ps in _distinct(holders, ctx):
            for o, po in _distinct(aimed, ctx):
                # no ``noun=``: an event noun under "announce" or "support" is only planned, a stance is held
                yield Candidate(s, entry.prop, o, "stance_noun", 0.65 - ps - po, clause, mapped=True)


def _distinct(found: Iterable[tuple[Mention, float]], ctx: Context) -> list[tuple[Mention, float]]:
    """One of each entity, and none that is only a guess: "it" or "they" taken for the last name
    seen (coreference rule ``recent``) is too often wrong to carry a stance."""
    out: dict[str, tuple[Mention, float]] = {}
    for m, p in found:
        if ctx.mentions.coref.get(m) == "recent" and m.text.lower() in _NEUTER:
            continue
        if m.key not in out or p < out[m.key][1]:
            out[m.key] = (m, p)
    return list(out.values())


# ---------------------------------------------------------------- statements that find fault


def negated_fault(verb: Token) -> bool:
    """"the party's sums do not add up", "the claims do not hold water": a fault said by negation
    (not "may not add up": a doubt)."""
    if not negated(verb) or any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ not in {"will", "would", "can", "ca"} for c in verb.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children):
        return False  # "do not add up to much": an amount, not a fault
    faults = word_list("fault_words")
    return any(f"not {verb.lemma_.lower()} {c.lower_}" in faults for c in verb.children if c.dep_ in {"prt", "dobj", "advmod"})


def faults(verb: Token) -> bool:
    """Whether a clause's predicate finds fault: "is deeply flawed", "had been badly drawn up",
    "had broken promises", "was a shambles", "do not add up"."""
    if negated_fault(verb):
        return True
    faults = word_list("fault_words")
    words = [verb]
    judged = any(c.dep_ == "dobj" for c in verb.children)  # "called the tariffs unfair": the object is judged, not the subject
    for child in verb.children:
        if child.dep_ in {"acomp", "attr", "oprd"} and not judged:
            words += [child, *child.conjuncts]
    for w in words:
        lemma = w.lemma_.lower()
        if lemma in faults and lemma not in _FAULT_ADVERBS or w.lower_ in faults and w.lower_ not in _FAULT_ADVERBS:
            return True
    if verb.tag_ == "VBN" and any(c.dep_ == "advmod" and c.lower_ in _FAULT_ADVERBS for c in verb.children):
        return True
    for child in verb.children:  # "had broken promises" (parsed as verb + object or as "had" + "broken promises")
        if child.dep_ == "dobj" and (f"{verb.lemma_.lower()} {child.lemma_.lower()}" in faults
                                     or any(f"{a.lemma_.lower()} {child.lemma_.lower()}" in faults for a in child.children if a.dep_ == "amod")):
            return True
    return False


def negated(verb: Token) -> bool:
    """Whether a clause is denied: "not", "never", "no" on the verb or its auxiliary."""
    return any(c.dep_ == "neg" or c.lower_ in _NEGATORS and c.dep_ in {"advmod", "det"} for c in verb.children) or any(
        c.dep_ in {"aux", "auxpass"} and any(g.dep_ == "neg" for g in c.children) for c in verb.children)


#: The stance rules that read the parse alone, in the order they run (after the noun rules).
def rule_wants_of(ctx: Context) -> Iterator[Candidate]:
    """"Atticus Capital wants Deutsche Boerse to buy back its shares": who wants another party to
    act urges it (``urges``; the act itself stays hypothetical). Verbs: ``wanting_verbs.txt``
    ("like" only as "would like")."""
    wanting = word_list("wanting_verbs")
    for verb in ctx.verbs:
        lemma = verb.lemma_.lower()
        if lemma not in wanting or lemma == "like" and not any(c.lower_ in {"would", "'d"} for c in verb.children):
            continue
        for comp in (c for c in verb.children if c.dep_ in {"ccomp", "xcomp"} and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)):
            agent = next((c for c in comp.children if c.dep_ == "nsubj"), None)
            if agent is None or agent.lower_ in {"it", "they", "them"}:
                continue  # "wants it to be flexible": a thing as often as a party
            for s, ps in clause_subjects(verb, ctx):
                if s.text.lower() in {"it", "they"}:
                    continue  # "Poland says ... it wants Washington to ...": resolved too far to weigh a stance on
                for o, po in entities_of(agent, ctx):
                    if o.key != s.key and o.label in {"PERSON", "ORG", "GPE", "NORP"}:
                        yield Candidate(s, "urges", o, "wants_of", 0.7 - ps - po, verb, mapped=True)


def rule_complaint(ctx: Context) -> Iterator[Candidate]:
    """"He complained that West Germany was refusing to do enough": who complains criticises
    the subject of what they complain of (``complaint_verbs.txt``); a negated complaint none."""
    verbs = word_list("complaint_verbs")
    for verb in ctx.verbs:
        if verb.lemma_.lower() not in verbs or negated(verb):
            continue
        for clause in _that_clauses(verb, {"ccomp"}):
            subj = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is None:
                continue
            for s, ps in clause_subjects(verb, ctx):
                for o, po in targets(subj, ctx):
                    if o.key != s.key and o.label in {"PERSON", "ORG", "GPE", "NORP"}:
                        yield Candidate(s, "criticizes", o, "complaint", 0.65 - ps - po, verb, mapped=True)


def _that_clauses(head: Token, deps: set[str]) -> list[Token]:
    """The clauses under ``head`` (by one of ``deps``) that "that" introduces: what a complaint is of."""
    return [c for c in head.children if c.dep_ in deps and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]


STANCE_RULES = (rule_stance_noun, rule_stance_object, rule_wants_of, rule_complaint)
