"""One document's tokens and text, made once for every extraction step.

spaCy makes a new ``Token`` object on every ``doc[i]`` and every pass over a ``Doc``, and joins
every token again on every ``Doc.text``; the steps of :func:`kg.extract.extract` make a dozen
passes over each article. They share one list and one string kept in ``doc.user_data`` while the
article is extracted (:func:`forget` drops them, so the ``Doc`` holds no cycle afterwards).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["tokens", "text", "tree_spans", "column", "string_ids", "lower_in", "forget"]

_PREFIX = "kg.extract:"
_TOKENS, _TEXT, _TREES = f"{_PREFIX}tokens", f"{_PREFIX}text", f"{_PREFIX}trees"


def tokens(doc: Doc) -> list[Token]:
    """Every token of ``doc``, in order (the same list for every step)."""
    found = doc.user_data.get(_TOKENS)
    if found is None:
        found = doc.user_data[_TOKENS] = list(doc)
    return found


def text(doc: Doc) -> str:
    """``doc.text``, joined once."""
    found = doc.user_data.get(_TEXT)
    if found is None:
        found = doc.user_data[_TEXT] = doc.text
    return found


def tree_spans(doc: Doc) -> list[tuple[int, int]]:
    """For each token, the token range of the dependency tree it is in: its root's left and
    right edges (from the head offsets of ``Doc.to_array``, not by walking ``Token.head``)."""
    found = doc.user_data.get(_TREES)
    if found is None:
        heads = [i + offset for i, offset in enumerate(doc.to_array("HEAD").astype("int64").tolist())]

        def root(i: int) -> int:
            while heads[i] != i:
                i = heads[i]
            return i

        roots = [root(i) for i in range(len(heads))]
        edges = {r: (doc[r].left_edge.i, doc[r].right_edge.i + 1) for r in set(roots)}
        found = doc.user_data[_TREES] = [edges[r] for r in roots]
    return found


def column(doc: Doc, attr: str) -> list[int]:
    """Every token's ``attr`` as ``Doc.to_array`` gives it (a word's hash, a label's id), read once:
    a scan of every token for a few words compares numbers, with no ``Token`` made per token."""
    key = f"{_PREFIX}column:{attr}"
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = doc.to_array(attr).tolist()
    return found


@functools.lru_cache(maxsize=64)
def string_ids(words: frozenset[str]) -> frozenset[int]:
    """The hashes :func:`column` gives ``words`` (spaCy's ids of the strings)."""
    from spacy.strings import get_string_id

    return frozenset(get_string_id(w) for w in words)


def lower_in(doc: Doc, words: frozenset[str]) -> list[Token]:
    """The tokens of ``doc`` whose lower-case form is one of ``words``, in order (read from
    :func:`column`: no ``Token`` made for the other words)."""
    wanted, toks = string_ids(words), tokens(doc)
    return [toks[i] for i, word in enumerate(column(doc, "LOWER")) if word in wanted]


def forget(doc: Doc) -> None:
    """Drop what :func:`tokens`, :func:`text`, :func:`tree_spans` and :func:`column` kept."""
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith(_PREFIX)]:
        del doc.user_data[key]
