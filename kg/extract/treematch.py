"""A fast matcher for spaCy ``DependencyMatcher`` patterns (the subset kg's pattern files use).

Why not spaCy's own ``DependencyMatcher``: it tests every node of every pattern against every
token of a document and then combines the hits, which on news costs about as much as parsing
itself (measured: 11 s of matching for 17 s of parsing, 300 Reuters articles, 44 patterns).
Here each pattern starts from the tokens its first node can match, found in one pass over the
document's token ids (lemma, word or label) through a map from each id to the patterns that
start there, and follows the pattern's relations from there: a pattern whose word is absent
costs nothing.

The semantics are spaCy's (same operators, same token attributes, no requirement that nodes
be distinct tokens); ``tests/test_patterns.py`` checks that both matchers find the same
matches on real news. Patterns are validated by spaCy's ``DependencyMatcher`` when loaded.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from ._doc import column, tokens, tree_spans

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["SUPPORTED_ATTRS", "SUPPORTED_OPS", "TreePattern", "TreeSet"]

#: Token attributes a node may test, as spaCy's Matcher names them -> how to read them.
_STRING_ATTRS: dict[str, Callable[[Token], str]] = {
    "ORTH": lambda t: t.text, "TEXT": lambda t: t.text, "LOWER": lambda t: t.lower_, "LEMMA": lambda t: t.lemma_,
    "NORM": lambda t: t.norm_, "POS": lambda t: t.pos_, "TAG": lambda t: t.tag_, "DEP": lambda t: t.dep_,
    "ENT_TYPE": lambda t: t.ent_type_, "SHAPE": lambda t: t.shape_,
}
_BOOL_ATTRS: dict[str, Callable[[Token], bool]] = {
    "IS_SENT_START": lambda t: bool(t.is_sent_start), "IS_UPPER": lambda t: t.is_upper, "IS_TITLE": lambda t: t.is_title,
    "IS_ALPHA": lambda t: t.is_alpha, "IS_DIGIT": lambda t: t.is_digit, "IS_PUNCT": lambda t: t.is_punct,
    "IS_LOWER": lambda t: t.is_lower, "IS_STOP": lambda t: t.is_stop,
}
SUPPORTED_ATTRS = frozenset(_STRING_ATTRS) | frozenset(_BOOL_ATTRS)


def _tree_span(t: Token) -> tuple[int, int]:
    """The token range of the tree ``t`` is in (spaCy's DependencyMatcher calls it the sentence)."""
    return tree_spans(t.doc)[t.i]


def _siblings(t: Token) -> list[Token]:
    return list(t.head.children)


#: REL_OP -> the tokens that stand in that relation to a token (spaCy's DependencyMatcher._ops).
_OPS: dict[str, Callable[[Token], list[Token]]] = {
    "<": lambda t: [] if t.head.i == t.i else [t.head],
    ">": lambda t: list(t.children),
    "<<": lambda t: list(t.ancestors),
    ">>": lambda t: [d for d in t.subtree if d.i != t.i],
    ".": lambda t: [t.doc[t.i + 1]] if t.i + 1 < _tree_span(t)[1] else [],
    ".*": lambda t: [t.doc[i] for i in range(t.i + 1, _tree_span(t)[1])],
    ";": lambda t: [t.doc[t.i - 1]] if t.i > _tree_span(t)[0] else [],
    ";*": lambda t: [t.doc[i] for i in range(_tree_span(t)[0], t.i)],
    "$+": lambda t: [c for c in _siblings(t) if c.i == t.i + 1],
    "$-": lambda t: [c for c in _siblings(t) if c.i == t.i - 1],
    "$++": lambda t: [c for c in _siblings(t) if c.i > t.i],
    "$--": lambda t: [c for c in _siblings(t) if c.i < t.i],
    ">+": lambda t: [c for c in t.rights if c.i == t.i + 1],
    ">-": lambda t: [c for c in t.lefts if c.i == t.i - 1],
    ">++": lambda t: list(t.rights),
    ">--": lambda t: list(t.lefts),
    "<+": lambda t: [t.head] if t.head.i == t.i + 1 else [],
    "<-": lambda t: [t.head] if t.head.i == t.i - 1 else [],
    "<++": lambda t: [t.head] if t.head.i > t.i else [],
    "<--": lambda t: [t.head] if t.head.i < t.i else [],
}
SUPPORTED_OPS = frozenset(_OPS)


def _test(attr: str, value) -> Callable[[Token], bool]:
    """A predicate for one ``RIGHT_ATTRS`` entry: a value, or {"IN": [...]} / {"NOT_IN": [...]}."""
    if attr in _BOOL_ATTRS:
        if not isinstance(value, bool):
            raise ValueError(f"{attr} takes true or false, not {value!r}")
        read_bool = _BOOL_ATTRS[attr]
        return lambda t: read_bool(t) == value
    if attr not in _STRING_ATTRS:
        raise ValueError(f"token attribute {attr!r} is not supported (use one of {sorted(SUPPORTED_ATTRS)})")
    read = _STRING_ATTRS[attr]
    if isinstance(value, str):
        return lambda t: read(t) == value
    if isinstance(value, dict) and set(value) == {"IN"}:
        members = frozenset(value["IN"])
        return lambda t: read(t) in members
    if isinstance(value, dict) and set(value) == {"NOT_IN"}:
        banned = frozenset(value["NOT_IN"])
        return lambda t: read(t) not in banned
    raise ValueError(f"{attr}: only a string, {{'IN': [...]}} or {{'NOT_IN': [...]}} is supported, not {value!r}")


class TreeSet:
    """Patterns matched together. Each pattern starts from the tokens its first node can match;
    which those are is read in one pass over the document's token ids per attribute (``Doc.to_array``,
    in C), through a map from each id to the patterns that start there, built once. So a pattern
    whose words the document lacks costs nothing, and no ``Token`` is made for the other words."""

    def __init__(self, trees: Sequence[TreePattern]) -> None:
        self.trees = tuple(trees)
        self._starts: dict[str, dict[int, list[int]]] = {}  # array attribute -> id -> the trees starting there
        for k, tree in enumerate(self.trees):
            if tree.start is not None:
                attr, values = tree.start
                table = self._starts.setdefault(_ARRAY_ATTRS[attr], {})
                for v in _value_ids(attr, values):
                    table.setdefault(v, []).append(k)

    def matches(self, doc: Doc) -> Iterator[tuple[int, list[Token]]]:
        """Every match in ``doc`` as (tree number, tokens in node order): trees in order, each as
        :meth:`TreePattern.matches` gives them."""
        toks = tokens(doc)
        anchors: list[list[int]] = [[] for _ in self.trees]
        for attr, table in self._starts.items():
            for i, v in enumerate(column(doc, attr)):
                hit = table.get(v)
                if hit is not None:
                    for k in hit:
                        anchors[k].append(i)
        everywhere = range(len(toks))
        for k, tree in enumerate(self.trees):
            for i in (everywhere if tree.start is None else anchors[k]):
                for found in tree.matches_from(toks[i]):
                    yield k, found


#: The ``Doc.to_array`` attribute of each pattern attribute a pattern may start from.
_ARRAY_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "LEMMA": "LEMMA", "NORM": "NORM", "POS": "POS",
                "TAG": "TAG", "DEP": "DEP", "ENT_TYPE": "ENT_TYPE"}


@functools.lru_cache(maxsize=1024)
def _value_ids(attr: str, values: frozenset[str]) -> tuple[int, ...]:
    """The ids ``Doc.to_array`` gives the values: part-of-speech numbers, 0 for none, else spaCy's
    id of the string (a symbol's number for labels such as NORP or nsubj, else its hash; the same
    for every pipeline)."""
    from spacy.parts_of_speech import IDS
    from spacy.strings import StringStore

    strings = StringStore()
    return tuple(sorted({IDS.get(v, 0) if attr == "POS" else (strings[v] if v else 0) for v in values}))


#: Which attribute of the first node to start from, most selective first.
_START_ATTRS = ("LEMMA", "LOWER", "ORTH", "TEXT", "NORM", "ENT_TYPE", "DEP", "TAG", "POS")


class TreePattern:
    """One DependencyMatcher pattern, compiled: node tests, relations, and where to start."""

    def __init__(self, nodes: list[dict]) -> None:
        if not nodes or "LEFT_ID" in nodes[0]:
            raise ValueError("the first node is the anchor: it has a RIGHT_ID and RIGHT_ATTRS only")
        self.ids = [n["RIGHT_ID"] for n in nodes]
        if len(set(self.ids)) != len(self.ids):
            raise ValueError("RIGHT_IDs must be unique")
        self.tests: list[list[Callable[[Token], bool]]] = []
        self.steps: list[tuple[int, Callable[[Token], list[Token]]]] = []  # (left node index, op), per node after the anchor
        for k, node in enumerate(nodes):
            self.tests.append([_test(a, v) for a, v in node.get("RIGHT_ATTRS", {}).items()])
            if k == 0:
                continue
            if node.get("LEFT_ID") not in self.ids[:k] or node.get("REL_OP") not in _OPS:
                raise ValueError(f"node {node['RIGHT_ID']!r}: LEFT_ID must name an earlier node and REL_OP be one of {sorted(_OPS)}")
            self.steps.append((self.ids.index(node["LEFT_ID"]), _OPS[node["REL_OP"]]))
        anchor = nodes[0].get("RIGHT_ATTRS", {})
        self.start: tuple[str, frozenset[str]] | None = None  # (attribute, values) to start from
        for attr in _START_ATTRS:
            value = anchor.get(attr)
            if isinstance(value, str):
                self.start = (attr, frozenset({value}))
            elif isinstance(value, dict) and set(value) == {"IN"}:
                self.start = (attr, frozenset(value["IN"]))
            if self.start is not None:
                break
        # the anchor's tests but the one its start already passed (kept for POS: an unknown
        # part of speech has id 0, as a token without one)
        skip = self.start[0] if self.start is not None and self.start[0] != "POS" else None
        self.first = [_test(a, v) for a, v in anchor.items() if a != skip] if skip else self.tests[0]

    def matches_from(self, anchor: Token) -> Iterator[list[Token]]:
        """Every assignment of tokens to the nodes with ``anchor`` the first, in node order, as
        spaCy would give it (the anchor already has the value :attr:`start` names)."""
        if all(test(anchor) for test in self.first):
            yield from self._extend([anchor])

    def _extend(self, assigned: list[Token]) -> Iterator[list[Token]]:
        k = len(assigned)
        if k == len(self.ids):
            yield list(assigned)
            return
        left, op = self.steps[k - 1]
        tests = self.tests[k]
        for t in op(assigned[left]):
            if all(test(t) for test in tests):
                assigned.append(t)
                yield from self._extend(assigned)
                assigned.pop()
