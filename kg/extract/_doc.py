"""One document's tokens and text, made once for every extraction step.

spaCy makes a new ``Token`` object on every ``doc[i]`` and every pass over a ``Doc``, and joins
every token again on every ``Doc.text``; the steps of :func:`kg.extract.extract` make a dozen
passes over each article. They share one list and one string kept in ``doc.user_data`` while the
article is extracted (:func:`forget` drops them, so the ``Doc`` holds no cycle afterwards).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["tokens", "text", "forget"]

_TOKENS, _TEXT = "kg.extract:tokens", "kg.extract:text"


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


def forget(doc: Doc) -> None:
    """Drop what :func:`tokens` and :func:`text` kept."""
    doc.user_data.pop(_TOKENS, None)
    doc.user_data.pop(_TEXT, None)
