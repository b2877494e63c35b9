"""Construction patterns as data: spaCy ``DependencyMatcher`` patterns read from the ontology folder.

Each line of ``ontology/patterns/*.jsonl`` is one named pattern: a dependency-tree pattern in
spaCy's ``DependencyMatcher`` format, the ontology property it states (or the lexicon table
that names the property from one of its words), which pattern nodes are the subject and the
object (each with the entity kinds it accepts), which node's clause decides negation and
modality, and example sentences with the triple each must give. A new construction is one line
of data; ``tests/test_patterns.py`` runs every example through the real model.

Patterns are read, validated by spaCy's ``DependencyMatcher`` and compiled once per process
(like the lexicon); :mod:`kg.extract.treematch` matches them with the same semantics, starting
each pattern from the words its first node names, so a pattern costs little where its word is
absent (spaCy's matcher tests every node on every token: as slow as parsing).
Every assertion a pattern makes carries the rule name ``pattern:<name>``.

Record fields (``ontology/patterns/README.md`` has the full reference)::

    name        unique name; the assertion's rule is "pattern:<name>"
    relation    a property ("kills"), or {"lexicon": "verb"|"noun"|"agent", "node": ID}:
                the property the lexicon gives that node's lemma; "allow" limits the result
    subject     {"node": ID, "kinds": [...], "exclude": [...], "conjuncts": false}
    object      the same, and "containers": true; kinds are mention labels (PERSON, ORG, GPE,
                LOC, FAC, NORP) or place knowledge: place, country, city, us_state, region
                (an ISO 3166-2 subdivision), demonym, dateline (see ``KINDS``); "conjuncts": every name coordinated with the node's
                ("X, Y and Z in Texas"); "containers": the places that follow the object's place
                after a comma, too ("of Bethany, Conn." -> Bethany and Connecticut)
    clause      the node whose clause decides negation and modality; null: the fact is plain
    confidence  0..1 (default 0.8)
    pattern     the DependencyMatcher pattern (RIGHT_ID / LEFT_ID / REL_OP / RIGHT_ATTRS), or a
                list of such patterns (alternatives with the same node ids)
    unless      {ID: [words]}: no match when that node has a child among the words ("former")
    adjacent    [[A, B], ...]: B's word must follow A's name at once or after a comma
    activity    [[A, B], ...]: no match when A's word is the object of "by", "with" or "against"
                and B names a country or region (no city): where A acts, not where A is
    examples    [{"text": ..., "expect": [subject, property, object]}], at least one
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OntologyError
from ..ontology import load_lexicon, ontology_dir
from ..places import subdivision, us_state_name
from ..records import Mention
from .mentions import normalise
from .rules import Candidate, Context, _is_org_kind, entities_of
from .treematch import TreePattern, TreeSet

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["KINDS", "Pattern", "load_patterns", "rule_patterns", "subdivision", "us_state_name"]

#: Mention labels a pattern node may ask for.
_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
#: Kinds read from place knowledge (kg.places), whatever label the NER gave the name.
_PLACE_KINDS = frozenset({"place", "country", "city", "us_state", "region", "demonym", "dateline"})
KINDS = _LABELS | _PLACE_KINDS
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LEXICON_TABLES = frozenset({"verb", "noun", "agent"})
_FIELDS = frozenset({"name", "relation", "subject", "object", "clause", "confidence", "pattern", "examples", "unless", "adjacent", "activity", "comment"})
#: Prepositions whose object acts or takes part: "distributed by X in the U.S.", "in court with X in the U.K.".
_ACTING = frozenset({"by", "with", "against"})


@dataclass(frozen=True, slots=True)
class Slot:
    """A subject or object node: its pattern node id and the entity kinds it accepts."""

    node: str
    kinds: frozenset[str]
    conjuncts: bool = False  # "X and Y": each conjunct of the node's mention is an argument too
    exclude: frozenset[str] = frozenset()  # kinds that rule a mention out ("country" for "A in B")
    containers: bool = False  # "Bethany, Conn.": the place after the comma holds the object too
    follow: bool = False  # through "who", appositions and coordination (rules.entities_of)


@dataclass(frozen=True, slots=True)
class Pattern:
    """One construction pattern, as read from a patterns file."""

    name: str
    relation: str  # a property name, or "" when the lexicon names it
    lexicon: tuple[str, str, frozenset[str]] | None  # (table, node id, allowed properties)
    subject: Slot
    object: Slot
    clause: str | None
    confidence: float
    alternatives: tuple[tuple[dict, ...], ...]  # DependencyMatcher patterns; any one may match
    examples: tuple[tuple[str, tuple[str, str, str]], ...]
    source: str  # "file.jsonl:line", for error messages
    unless: tuple[tuple[str, frozenset[str]], ...] = ()  # (node id, words none of its children may be)
    adjacent: tuple[tuple[str, str], ...] = ()  # (A, B): B's word comes right after A's name (or its comma)
    compiled: tuple[TreePattern, ...] = ()  # the alternatives, ready to match
    activity: tuple[tuple[str, str], ...] = ()  # (A, B): not when A acts ("by X") and B is a country

    @property
    def rule(self) -> str:
        return f"pattern:{self.name}"


# ---------------------------------------------------------------- loading


def patterns_dir() -> Path:
    """The folder of pattern files: ``ontology/patterns`` (``kg/_ontology/patterns`` when installed)."""
    return ontology_dir() / "patterns"


@functools.lru_cache(maxsize=4)
def load_patterns(folder: str | None = None) -> tuple[Pattern, ...]:
    """Read every ``*.jsonl`` pattern file of the folder, in name order (cached per process)."""
    root = Path(folder) if folder else patterns_dir()
    files = sorted(root.glob("*.jsonl"))
    if not files:
        raise OntologyError(f"{root}: no pattern files (*.jsonl)")
    lexicon = load_lexicon()
    tables = {"verb": lexicon.verbs, "noun": lexicon.nouns, "agent": lexicon.agents}
    out: list[Pattern] = []
    seen: dict[str, str] = {}
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            where = f"{path.name}:{n}"
            try:
                record = json.loads(line)
                pattern = _parse(record, where, set(lexicon.relations), tables)
            except (ValueError, KeyError, TypeError) as exc:
                raise OntologyError(f"{path}:{n}: not a valid pattern: {exc}") from exc
            if pattern.name in seen:
                raise OntologyError(f"{path}:{n}: pattern name {pattern.name!r} is already used at {seen[pattern.name]}")
            seen[pattern.name] = where
            out.append(pattern)
    _validate(tuple(out))
    return tuple(out)


def _parse(rec: dict, where: str, properties: set[str], tables: dict[str, dict[str, str]]) -> Pattern:
    unknown = set(rec) - _FIELDS
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}")
    name = rec["name"]
    if not isinstance(name, str) or not name.replace("_", "").isalnum():
        raise ValueError(f"name {name!r} must be letters, digits and underscores")
    raw = rec["pattern"]
    alternatives = [list(a) for a in raw] if raw and isinstance(raw[0], list) else [list(raw)]
    needed = {rec["subject"]["node"], rec["object"]["node"]} | ({rec["clause"]} if rec.get("clause") else set())
    relation, lexicon = rec["relation"], None
    if isinstance(relation, dict):
        table, node = relation["lexicon"], relation["node"]
        if table not in _LEXICON_TABLES:
            raise ValueError(f"relation {relation}: lexicon must be one of {sorted(_LEXICON_TABLES)}")
        allow = frozenset(relation.get("allow", ()))
        if allow - properties:
            raise ValueError(f"relation allows unknown properties {sorted(allow - properties)}")
        lexicon, relation = (table, node, allow), ""
        needed.add(node)
        # the lexicon's words go into the node, so the matcher never tries other words
        words = sorted({k.split()[0] for k, v in tables[table].items() if (not allow or v in allow) and not k.startswith("be ")})
        alternatives = [[_with_words(n, node, words) for n in alt] for alt in alternatives]
    elif relation not in properties:
        raise ValueError(f"relation {relation!r} is not a property of kg.ttl")
    for alt in alternatives:
        missing = needed - {n["RIGHT_ID"] for n in alt}
        if missing:
            raise ValueError(f"pattern lacks the nodes {sorted(missing)} that subject, object, clause or relation name")
    slots = []
    for role in ("subject", "object"):
        spec = rec[role]
        kinds, exclude = frozenset(spec["kinds"]), frozenset(spec.get("exclude", ()))
        if not kinds or (kinds | exclude) - KINDS:
            raise ValueError(f"{role}: kinds must be a non-empty subset of {sorted(KINDS)}")
        slots.append(Slot(spec["node"], kinds, bool(spec.get("conjuncts", False)), exclude, bool(spec.get("containers", False)),
                          bool(spec.get("follow", False))))
    examples = tuple((ex["text"], tuple(ex["expect"])) for ex in rec["examples"])
    if not examples or any(len(triple) != 3 for _, triple in examples):
        raise ValueError("needs at least one example with an expected [subject, property, object]")
    unless = tuple((node, frozenset(w.lower() for w in words)) for node, words in sorted(rec.get("unless", {}).items()))
    adjacent = tuple((a, b) for a, b in rec.get("adjacent", ()))
    activity = tuple((a, b) for a, b in rec.get("activity", ()))
    nodes = {n["RIGHT_ID"] for alt in alternatives for n in alt}
    if any(node not in nodes for node, _ in unless) or any(a not in nodes or b not in nodes for a, b in adjacent + activity):
        raise ValueError("unless, adjacent or activity names a node the pattern lacks")
    return Pattern(name, relation, lexicon, slots[0], slots[1], rec.get("clause"), float(rec.get("confidence", 0.8)),
                   tuple(tuple(alt) for alt in alternatives), examples, where, unless, adjacent,
                   tuple(TreePattern(alt) for alt in alternatives), activity)


def _with_words(node: dict, node_id: str, words: list[str]) -> dict:
    attrs = node["RIGHT_ATTRS"]
    if node["RIGHT_ID"] != node_id or "LEMMA" in attrs or "LOWER" in attrs:
        return node
    return {**node, "RIGHT_ATTRS": {**attrs, "LEMMA": {"IN": words}}}


def _validate(patterns: tuple[Pattern, ...]) -> None:
    """spaCy's own DependencyMatcher must accept every pattern (kg matches with kg.extract.treematch)."""
    from spacy.matcher import DependencyMatcher
    from spacy.vocab import Vocab

    matcher = DependencyMatcher(Vocab(), validate=True)
    for p in patterns:
        for k, alt in enumerate(p.alternatives):
            try:
                matcher.add(f"{p.name}#{k}", [list(alt)])
            except ValueError as exc:
                raise OntologyError(f"{p.source}: spaCy rejects pattern {p.name!r}: {str(exc).strip().splitlines()[0]}") from exc


# ---------------------------------------------------------------- place knowledge

# us_state_name lives in kg.places (entity typing reads it too); imported here for the kinds.


@functools.lru_cache(maxsize=4096)
def _has_kind(m: Mention, kinds: frozenset[str]) -> bool:
    from .. import places

    if m.label in kinds:
        return True
    if not kinds & _PLACE_KINDS or m.label == "POSITION":
        return False
    text = m.text
    if "us_state" in kinds and us_state_name(text) is not None:
        return True
    if "region" in kinds and m.label != "PERSON" and subdivision(text) is not None:
        return True
    if "country" in kinds and m.label != "PERSON" and places.country(text) is not None:
        return True
    if "demonym" in kinds and m.label == "NORP" and places.country(text, demonyms=True) is not None:
        return True
    if "city" in kinds and m.label in _PLACE_LABELS | {"ORG"} and places.city(text) is not None:
        return True
    if "dateline" in kinds and m.label != "PERSON" and (places.lookup(text) is not None or us_state_name(text) is not None):
        return True
    if "place" in kinds:
        return m.label in _PLACE_LABELS or (m.label in {"ORG", "NORP"} and (places.lookup(text) is not None or us_state_name(text) is not None))
    return False


def _described_as_org(m: Mention, ctx: Context) -> bool:
    """"derivatives market Liffe": a name the NER took for a person, described by a kind of organisation."""
    if m.label != "PERSON":
        return False
    span = ctx.span_of(m)
    if span is None:
        return False
    return any(c.dep_ in {"compound", "appos"} and c.pos_ == "NOUN" and c.i < span.start and _is_org_kind(c) for c in span.root.children)


def _state_mention(tok: Token, ctx: Context) -> Mention | None:
    """A mention for a US state the NER missed ("Astoria, Ore."): its key is the state's name."""
    doc = tok.doc
    text = tok.text
    if tok.i + 1 < len(doc) and doc[tok.i + 1].text == "." and not text.endswith("."):
        text += "."
    if not tok.is_title and not (tok.is_upper and "." in text):
        return None
    name = us_state_name(text)
    if name is None or (len(name.split()) == 1 and name.lower() != text.lower() and not text.endswith(".")):
        return None
    return ctx.mentions.add(doc[tok.i : tok.i + 1], "GPE", key=normalise(name))


def _dateline_mention(tok: Token, ctx: Context) -> Mention | None:
    """A place the NER missed in an upper-case dateline ("BANGKOK, Thailand (AP)")."""
    from .. import places

    doc = tok.doc
    if not tok.is_upper or not tok.is_alpha:
        return None
    start = end = tok.i
    while start > 0 and doc[start - 1].is_upper and doc[start - 1].is_alpha and ctx.mentions.at(doc[start - 1]) is None:
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].is_upper and doc[end + 1].is_alpha and ctx.mentions.at(doc[end + 1]) is None:
        end += 1
    span = doc[start : end + 1]
    line_start = start == 0 or "\n" in doc[start - 1].text_with_ws or doc[start - 1].is_space
    if not line_start or places.lookup(span.text) is None and us_state_name(span.text) is None:
        return None
    return ctx.mentions.add(span, "GPE")


def _mentions(tok: Token, slot: Slot, ctx: Context) -> list[tuple[Mention, float]]:
    """The mentions a node's token stands for, each with a confidence penalty for indirection."""
    if slot.follow:
        found = entities_of(tok, ctx)
    else:
        found = []
        # coordination only from a name: "Brazoria, Fort Bend and Galveston in Texas", never from
        # a common noun ("threats in Central Asia and developments in Afghanistan")
        for t in [tok, *tok.conjuncts] if slot.conjuncts and ctx.mentions.at(tok) is not None else [tok]:
            m = ctx.mentions.at(t)
            if m is None and slot.kinds & {"us_state", "place", "GPE"}:  # "Md.": the NER keeps no name without a letter-only word
                m = _state_mention(t, ctx)
            if m is None and "dateline" in slot.kinds:
                m = _dateline_mention(t, ctx)
            if m is not None:
                found.append((m, 0.0))
    out: list[tuple[Mention, float]] = []
    for m, penalty in found:
        if any(m == o for o, _ in out) or not (_has_kind(m, slot.kinds) or "ORG" in slot.kinds and _described_as_org(m, ctx)) \
                or slot.exclude and _has_kind(m, slot.exclude):
            continue
        out.append((m, penalty))
        if slot.containers:
            span = ctx.span_of(m)
            out += [(c, penalty + 0.05) for c in _containers(span.root if span is not None else tok, ctx) if all(c != o for o, _ in out)]
    return out


def _containers(tok: Token, ctx: Context, depth: int = 0) -> list[Mention]:
    """"Bethany, Conn.", "Aiken, S.C.": the region or country in apposition after a place; "Gosforth
    in northeast England", "Yatsushiro in Kumamoto Prefecture in southern Japan": the province,
    state or country a place is said to be in (what holds the place holds what is in it)."""
    out = []
    for child in tok.children:
        if child.dep_ == "appos" and child.i > tok.i and tok.doc[child.left_edge.i - 1].text == ",":
            m = ctx.mentions.at(child) or _state_mention(child, ctx)
            if m is not None and _has_kind(m, frozenset({"country", "us_state"})):
                out.append(m)
    if depth < 2:
        out += [c for c in _container_in(tok, ctx, depth) if c not in out]
    return out


def _container_in(tok: Token, ctx: Context, depth: int) -> list[Mention]:
    """"Gosforth in northeast England": the place right after the place's name and "in" (a compass
    word or article between), wherever the parser hung "in"; never after a country."""
    from .. import places

    doc = tok.doc
    own = ctx.mentions.at(tok)
    span = ctx.span_of(own) if own is not None else None
    end = span.end if span is not None else tok.i + 1
    if end >= len(doc) or doc[end].lower_ != "in" or doc[end].dep_ != "prep":
        return []
    for pobj in (c for c in doc[end].children if c.dep_ == "pobj"):
        m = ctx.mentions.at(pobj) or _state_mention(pobj, ctx)
        pspan = ctx.span_of(m) if m is not None else None
        if pspan is None or m.label not in {"GPE", "LOC"} or own is not None and _has_kind(own, frozenset({"country"})):
            continue  # a country is in no place named after it ("Spain in Madrid": an event there)
        if any(t.pos_ not in {"DET", "ADJ"} and not places.is_compass(t.text) for t in doc[end + 1 : pspan.start]):
            continue  # "in the mountains of Idaho": a thing in between, not the place's container
        return [m, *(c for c in _containers(pspan.root, ctx, depth + 1) if c != m)]
    return []


# ---------------------------------------------------------------- the ontology's domains and ranges


@functools.lru_cache(maxsize=1)
def _signatures() -> dict[str, tuple[str, str]]:
    """Each property's domain and range class (local names) in kg.ttl (read with the lexicon)."""
    from ..ontology import signatures

    return signatures()


#: What a mention must be to fill an argument of a class (classes not listed take any entity).
_CLASS_KINDS = {
    "Person": frozenset({"PERSON"}),
    "Organization": frozenset({"ORG", "NORP"}),
    "Group": frozenset({"NORP"}),
    "Place": frozenset({"place", "demonym"}),  # "a German company": the demonym stands for its country
    "City": frozenset({"place"}),
    "Region": frozenset({"place"}),
    "Facility": frozenset({"FAC", "place"}),
    "Country": frozenset({"country", "demonym"}),
}


def _fits(m: Mention, cls: str) -> bool:
    kinds = _CLASS_KINDS.get(cls)
    return kinds is None or _has_kind(m, kinds)


# ---------------------------------------------------------------- the rule


def _relation(p: Pattern, tokens: dict[str, Token], ctx: Context) -> str | None:
    if p.lexicon is None:
        return p.relation
    table, node, allow = p.lexicon
    tok = tokens[node]
    lemma = tok.lemma_.lower()
    if table == "verb":
        lemma = " ".join([lemma, *(c.lower_ for c in tok.children if c.dep_ == "prt")])
    prop = {"verb": ctx.lexicon.verb, "noun": ctx.lexicon.noun, "agent": ctx.lexicon.agent}[table](lemma)
    return prop if prop is not None and (not allow or prop in allow) else None


def _adjacent(a: Token, b: Token, ctx: Context) -> bool:
    """Whether ``b`` (the name it is part of, or its phrase) follows the name ``a`` is part of at
    once, or after one comma: "Decatur, Illinois", never "the Gulf Coast, offshore California"."""
    m = ctx.mentions.at(a)
    span = ctx.span_of(m) if m is not None else None
    end = span.end if span is not None else a.i + 1
    mb = ctx.mentions.at(b)
    bspan = ctx.span_of(mb) if mb is not None else None
    start = bspan.start if bspan is not None else b.left_edge.i
    return start == end or start == end + 1 and a.doc[end].text == ","


def _acts_there(a: Token, b: Token, ctx: Context) -> bool:
    """"a strike by IG Metall in Bavaria": a country or region (no city, no US state) after "by/with/against X"."""
    from .. import places

    m = ctx.mentions.at(b)
    return a.dep_ == "pobj" and a.head.lower_ in _ACTING and m is not None and places.city(m.text) is None and us_state_name(m.text) is None


def _acronym_of(a: Mention, b: Mention) -> bool:
    """"International Coffee Organization, ICO,": one name and its initials, never two entities."""
    short, long = (a, b) if len(a.text) < len(b.text) else (b, a)
    initials = "".join(w[0] for w in long.text.split() if w[:1].isupper())
    return short.text.isupper() and len(initials) > 1 and short.text.replace(".", "") == initials


#: Modifiers of an agent noun that put its tie in the past.
_PAST = frozenset({"former", "onetime", "one-time", "erstwhile", "ex"})


def matches(doc: Doc) -> Iterator[tuple[Pattern, dict[str, Token]]]:
    """Every pattern match in ``doc``: the pattern and its node id -> token map, in pattern order."""
    trees, owners = _tree_set()
    for k, tokens in trees.matches(doc):
        yield owners[k], dict(zip(trees.trees[k].ids, tokens))


def _tree_set() -> tuple[TreeSet, tuple[Pattern, ...]]:
    """Every alternative of every pattern, matched together, and the pattern of each (made
    again when the patterns are loaded again)."""
    patterns = load_patterns()
    if _TREES.get("patterns") is not patterns:
        pairs = [(tree, p) for p in patterns for tree in p.compiled]
        _TREES.update(patterns=patterns, trees=(TreeSet([tree for tree, _ in pairs]), tuple(p for _, p in pairs)))
    return _TREES["trees"]


_TREES: dict[str, object] = {}


def rule_patterns(ctx: Context) -> Iterator[Candidate]:
    """Facts of the construction patterns in ``ontology/patterns/`` (see the module docstring)."""
    for p, tokens in matches(ctx.doc):
        if any(c.lower_ in words for node, words in p.unless if node in tokens for c in tokens[node].children):
            continue  # "former Texas Sen. John Tower": not the office now
        if not all(_adjacent(tokens[a], tokens[b], ctx) for a, b in p.adjacent):
            continue  # "interests in Husky Oil Ltd <HYO.TO> of Canada": a far attachment is a parse error
        if any(_acts_there(tokens[a], tokens[b], ctx) for a, b in p.activity):
            continue  # "distributed by LyphoMed in the U.S.": where it acts, not where it is
        prop = _relation(p, tokens, ctx)
        if prop is None:
            continue
        domain, range_ = _signatures().get(prop, ("Entity", "Entity"))
        subjects = [(m, pen) for m, pen in _mentions(tokens[p.subject.node], p.subject, ctx) if _fits(m, domain)]
        objects = [(m, pen) for m, pen in _mentions(tokens[p.object.node], p.object, ctx) if _fits(m, range_)] if subjects else []
        verb = tokens[p.clause] if p.clause is not None else None
        # an agent noun's modifiers can make it a suspicion ("the accused assassin of X")
        noun = tokens[p.lexicon[1]] if p.lexicon is not None and p.lexicon[0] == "agent" else None
        # "VW's former subsidiary Triumph-Adler": a tie the agent noun says is past
        time = "former" if noun is not None and any(c.lower_ in _PAST for c in noun.children) else None
        for s, ps in subjects:
            for o, po in objects:
                if s.key != o.key and not _acronym_of(s, o):
                    yield Candidate(s, prop, o, p.rule, round(p.confidence - ps - po, 2), verb, mapped=True, noun=noun, time=time)
