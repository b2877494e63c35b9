"""Open mode: general Open IE tuples over any noun phrase, for benchmarks such as CaRB.

kg's main extractor is entity-centred: both arguments of an assertion must be entities. Open
IE benchmarks score tuples whose arguments are any noun phrases, n-ary, with the relation
phrase written as the sentence writes it (auxiliaries, negation and prepositions included).
:func:`extract_open` shares the clause machinery of :mod:`kg.extract.rules` and
:mod:`kg.extract.modality` (subjects through coordination and control, relative clauses,
passives, negation and modality) but emits surface spans instead of entities.

Each tuple is built by one named construction, recorded in ``OpenTuple.rule``:

- ``clause``: a verb with its subject, objects and prepositional phrases.
- ``copula``: "X is Y" / "X became Y" with an attribute or adjective.
- ``apposition``: "X, the Y" -> (X; is; the Y).
- ``title``: "President Bush" -> (Bush; is; President).
- ``possessive``: "X 's Y" -> (X; has; Y).
- ``place_comma``: "Davidson Township , Sullivan County" -> (Davidson Township; is in; Sullivan County).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records import ASSERTED
from .modality import QuoteIndex, classify, subject_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["OpenTuple", "extract_open"]

_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_OBJ = frozenset({"dobj", "dative", "oprd"})
_COPULAS = frozenset({"be", "become", "remain", "seem", "appear", "stay"})
#: Dependents cut from an argument: they start clauses or asides of their own.
_CUT = frozenset({"relcl", "appos", "punct", "cc", "conj", "parataxis", "advcl", "ccomp", "mark"})
#: Dependents of a verb that are arguments after the object: places, times, manners.
_EXTRA = frozenset({"npadvmod", "prep", "agent", "dative"})
_TIME_WORDS = frozenset({"today", "yesterday", "tomorrow", "now", "then", "recently", "earlier", "later", "ago"})


@dataclass(frozen=True, slots=True)
class OpenTuple:
    """One Open IE tuple: relation phrase, arguments (surface text), confidence, provenance."""

    relation: str
    args: tuple[str, ...]
    confidence: float
    rule: str
    negated: bool = False
    modality: str = ASSERTED
    start: int = 0  # character offsets of the sentence in the document
    end: int = 0


@functools.lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Words that are titles before a name: the role triggers of the ontology, and a few ranks."""
    from ..ontology import load_lexicon

    words = {w for phrase in load_lexicon().roles for w in phrase.replace("-", " ").split()}
    return frozenset(words | {"general", "judge", "captain", "colonel", "pope", "prince", "princess", "sheikh", "senator", "rep", "gov", "sen"})


def _words(tokens: list[Token]) -> str:
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))


def _arg_tokens(head: Token, *, keep_conj: bool = True) -> list[Token]:
    """The noun phrase of ``head``: its subtree without clauses, asides and trailing punctuation."""
    out = [head]
    stack = [c for c in head.children]
    while stack:
        c = stack.pop()
        if c.dep_ in {"cc", "conj"}:
            if c.head == head and not keep_conj:
                continue
        elif c.dep_ in _CUT:
            continue
        if c.dep_ == "acl" and c.tag_ in {"VBG", "VBN", "VB"} and c.head == head and any(g.dep_ in {"dobj", "agent", "prep"} for g in c.children):
            continue
        if c.dep_ == "punct" and c.text not in {"-", "'", "`", "``", "''", '"'}:
            continue
        out.append(c)
        stack.extend(c.children)
    out.sort(key=lambda t: t.i)
    # keep one contiguous run around the head (a cut child may leave gaps)
    idx = [t.i for t in out]
    lo = hi = idx.index(head.i)
    while lo > 0 and idx[lo - 1] == idx[lo] - 1:
        lo -= 1
    while hi < len(idx) - 1 and idx[hi + 1] == idx[hi] + 1:
        hi += 1
    run = out[lo : hi + 1]
    while run and (run[-1].is_punct and run[-1].text not in {"''", '"', ")"} or run[-1].dep_ == "cc"):
        run.pop()
    while run and run[0].is_punct and run[0].text not in {"``", '"', "("}:
        run.pop(0)
    return run


def _rel_prefix(verb: Token) -> list[Token]:
    """Auxiliaries, negation and particles of a verb, in sentence order, with the verb."""
    parts = [verb]
    for c in verb.children:
        if c.dep_ in {"aux", "auxpass", "neg"} and c.i < verb.i and c.lower_ != "to":
            parts.append(c)
        elif c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == verb.i - 1 and c.lower_ in {"not", "never", "also", "still", "already"}):
            parts.append(c)
    return sorted(parts, key=lambda t: t.i)


def _subject(verb: Token) -> tuple[Token | None, float]:
    """The subject head of a clause and a confidence penalty for how it was found."""
    subj = subject_of(verb)
    if subj is not None:
        if subj.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
            return verb.head, 0.05
        return subj, 0.0 if subj.head == verb else 0.05
    if verb.dep_ == "relcl":  # "the man who ..."/"a book written by": the antecedent
        return verb.head, 0.1
    if verb.dep_ == "acl":  # "a bloc led by Russia", "an alliance comprising X"
        return verb.head, 0.15
    if verb.dep_ in {"xcomp", "advcl"} and verb.head != verb:
        head_subj, pen = _subject(verb.head)
        return head_subj, pen + 0.1
    return None, 0.0


def _prep_phrase(prep: Token) -> list[Token]:
    pobj = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
    tokens = [prep]
    for p in pobj:
        tokens += _arg_tokens(p) if p.dep_ == "pobj" else list(p.subtree)
    return sorted(tokens, key=lambda t: t.i)


def _clause_tuples(verb: Token, quotes: QuoteIndex) -> list[OpenTuple]:
    subj, penalty = _subject(verb)
    if subj is None:
        return []
    inside = set(t.i for t in verb.subtree) if verb.dep_ in {"acl", "relcl"} else set()
    subj_tokens = [t for t in _arg_tokens(subj) if t.i not in inside]
    if verb.dep_ == "relcl" and subject_of(verb) is not None and subject_of(verb).tag_ not in {"WDT", "WP"}:
        return []  # "the book that he wrote": object relative, too unreliable
    rel = _rel_prefix(verb)
    clause = classify(verb, quotes)
    sent = quotes.sents[quotes.sent_of(verb)]
    objs = [c for c in verb.children if c.dep_ in _OBJ and c.i > verb.i]
    attrs = [c for c in verb.children if c.dep_ in {"attr", "acomp"}]
    preps = [c for c in verb.children if c.dep_ in _EXTRA and c.dep_ != "dative" and c.i > verb.i]
    front = [c for c in verb.children if c.dep_ in {"prep", "npadvmod"} and c.i < subj.i]
    comps = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp"} and c.i > verb.i]
    base = 0.75 - penalty
    if subj.pos_ == "PRON":
        base -= 0.1
    out: list[OpenTuple] = []

    def emit(rel_tokens: list[Token], args: list[list[Token]], conf: float, rule: str = "clause") -> None:
        args = [a for a in args if a]
        if not rel_tokens or not args:
            return
        long = sum(len(a) for a in args)
        conf = conf - 0.01 * max(0, long - 12)
        out.append(OpenTuple(
            _words(rel_tokens), tuple(_words(a) for a in args), round(max(0.05, min(0.99, conf)), 3), rule,
            clause.negated, clause.modality, sent.start_char, sent.end_char,
        ))

    def extras(items: list[Token]) -> list[list[Token]]:
        res = []
        for c in items:
            if c.dep_ in {"prep", "agent"}:
                res.append(_prep_phrase(c))
            elif c.dep_ == "npadvmod":
                res.append(_arg_tokens(c))
        return res

    front_args = extras(front)
    if attrs and verb.lemma_ in _COPULAS:
        for attr in attrs:
            for a in [attr, *[c for c in attr.conjuncts if c.i > attr.i]]:
                emit(rel, [subj_tokens, _arg_tokens(a, keep_conj=False), *extras(preps), *front_args], base + 0.05, "copula")
        return out
    if objs:
        for obj in objs:
            targets = [obj, *obj.conjuncts]
            for n, o in enumerate(targets):
                obj_tokens = _arg_tokens(o, keep_conj=False)
                emit(rel, [subj_tokens, obj_tokens, *extras(preps), *front_args], base + 0.05 - 0.03 * (n > 0))
            if len(targets) > 1:
                emit(rel, [subj_tokens, _arg_tokens(obj), *extras(preps), *front_args], base - 0.15)
        return out
    if preps:
        first = preps[0]
        if first.dep_ in {"prep", "agent"}:
            pp = _prep_phrase(first)
            rel2 = rel + [first]
            emit(rel2, [subj_tokens, [t for t in pp if t != first], *extras(preps[1:]), *front_args], base)
        else:
            emit(rel, [subj_tokens, *extras(preps), *front_args], base - 0.05)
        return out
    for comp in comps:
        if comp.dep_ == "ccomp":
            mark = [c for c in comp.children if c.dep_ == "mark"]
            body = [t for t in comp.subtree if t not in mark and not (t.is_punct and t.i == comp.right_edge.i)]
            emit(rel + mark, [subj_tokens, body], base - 0.1, "clause")
        return out
    if verb.dep_ != "xcomp":
        emit(rel, [subj_tokens, *front_args], base - 0.25)
    return out


def _xcomp_chain(verb: Token, quotes: QuoteIndex) -> list[OpenTuple]:
    """"wants to visit Paris" -> (X; wants to visit; Paris): the head verb joins the relation."""
    out = []
    for x in (c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}):
        inner = _clause_tuples(x, quotes)
        if not inner:
            continue
        prefix = _words(_rel_prefix(verb))
        to = " to" if any(c.lower_ == "to" and c.dep_ == "aux" for c in x.children) else ""
        for t in inner:
            out.append(OpenTuple(f"{prefix}{to} {t.relation}", t.args, round(t.confidence - 0.05, 3), "xcomp", t.negated, t.modality, t.start, t.end))
    return out


def _np_tuples(doc: Doc, quotes: QuoteIndex) -> list[OpenTuple]:
    """Relations a noun phrase implies: apposition, title, possessive, "place, place"."""
    out = []
    for tok in doc:
        sent = quotes.sents[quotes.sent_of(tok)]
        if tok.dep_ == "appos" and tok.head.pos_ in {"PROPN", "NOUN"}:
            head = _arg_tokens(tok.head, keep_conj=False)
            head = [t for t in head if t.i < tok.i]
            out.append(OpenTuple("is", (_words(head), _words(_arg_tokens(tok, keep_conj=False))), 0.6, "apposition", start=sent.start_char, end=sent.end_char))
        elif tok.tag_ == "POS" and tok.head.dep_ == "poss":
            owner = tok.head
            owned = owner.head
            if owned.pos_ in {"NOUN", "PROPN"}:
                o_tokens = [t for t in _arg_tokens(owned, keep_conj=False) if t.i > tok.i]
                out.append(OpenTuple("has", (_words(_arg_tokens(owner, keep_conj=False)), _words(o_tokens)), 0.45, "possessive", start=sent.start_char, end=sent.end_char))
        elif tok.ent_type_ == "PERSON" and tok.dep_ != "compound" and tok.pos_ == "PROPN":
            titles = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i and not c.ent_type_ and c.lower_ in _title_words()]
            if titles:
                name = [t for t in doc[tok.left_edge.i : tok.i + 1] if t.ent_type_ == "PERSON"]
                out.append(OpenTuple("is", (_words(name), _words(titles)), 0.5, "title", start=sent.start_char, end=sent.end_char))
        elif tok.text == "," and 0 < tok.i < len(doc) - 1:
            left, right = doc[tok.i - 1], doc[tok.i + 1]
            if left.ent_type_ in {"GPE", "LOC", "FAC"} and right.ent_type_ in {"GPE", "LOC"} and right.ent_iob_ == "B":
                lspan = [t for t in doc[max(0, left.i - 4) : left.i + 1] if t.ent_type_ == left.ent_type_]
                rspan = [right] + [t for t in doc[right.i + 1 : right.i + 5] if t.ent_iob_ == "I"]
                out.append(OpenTuple("is in", (_words(lspan[-(len(lspan)):]), _words(rspan)), 0.55, "place_comma", start=sent.start_char, end=sent.end_char))
    return out


def extract_open(doc: Doc) -> list[OpenTuple]:
    """Open IE tuples of every clause and noun phrase of ``doc``.

    Examples
    --------
    >>> from kg.nlp import load_model
    >>> nlp = load_model()
    >>> [(t.relation, t.args) for t in extract_open(nlp("Gideon Rodan taught at the University of Connecticut."))]
    [('taught at', ('Gideon Rodan', 'the University of Connecticut'))]
    """
    quotes = QuoteIndex(doc)
    out: list[OpenTuple] = []
    for tok in doc:
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in {"aux", "auxpass"}):
            out += _clause_tuples(tok, quotes)
            out += _xcomp_chain(tok, quotes)
    out += _np_tuples(doc, quotes)
    seen: set[tuple] = set()
    unique = []
    for t in out:
        k = (t.relation, t.args)
        if k not in seen and all(t.args):
            seen.add(k)
            unique.append(t)
    return unique
