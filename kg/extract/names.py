"""The resolution key of a name (:func:`normalise`), shared by every extraction step.

Its own module so that finding mentions and typing them (:mod:`kg.extract.mentions`,
:mod:`kg.extract.entity_types`) can both use it without importing each other.
"""

from __future__ import annotations

import re

__all__ = ["normalise"]

_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "prof", "sir", "mr.", "mrs.", "ms.", "dr.", "prof."})
_QUOTES = "\"'“”‘’«»"
_space = re.compile(r"\s+")
_possessive = re.compile(r"['’]s?$")


def normalise(text: str) -> str:
    """The resolution key of a name: no leading article or honorific, no possessive, no case."""
    text = _space.sub(" ", text.replace("’", "'").replace("–", "-").strip(" \t\n,.;:<>" + _QUOTES))
    words = text.split(" ")
    while words and words[0].lower() in ({"the"} | _HONORIFICS):
        words = words[1:]
    text = " ".join(words)
    text = _possessive.sub("", text) if len(text) > 3 else text
    return _space.sub(" ", text.lower().replace("-", " ")).strip()
