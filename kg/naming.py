"""Names into identifiers and labels: IRI slugs, spelling-independent person keys, position titles.

Its own module so that resolution (:mod:`kg.resolve`) and the writers share one way of turning
a name into an IRI without importing each other.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["STOP_INITIALS", "name_parts", "person_key", "slug", "title_word"]

#: Words that stay lower case in a title and are no initial of an acronym.
STOP_INITIALS = frozenset({"of", "the", "and", "for", "in", "on", "&", "de", "des", "du", "la", "le"})
_slug_re = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """ASCII slug for IRIs: "Sergeï Lavrov" -> "sergei-lavrov"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _slug_re.sub("-", ascii_text.lower()).strip("-") or "x"


_TRANSLIT = ((re.compile(r"x"), "ks"), (re.compile(r"kh"), "h"), (re.compile(r"ou"), "u"), (re.compile(r"y"), "i"),
             (re.compile(r"(.)\1"), r"\1"))


def person_key(name: str) -> str:
    """A spelling-independent key of a person's name, for IRIs: "Sergey"/"Sergei" -> "sergei".

    Builds of disjoint inputs must give one person one IRI even when each build saw a different
    transliteration (Sergey/Sergei Lavrov, Shoigu/Shoygu, Alexey/Aleksei), so the IRI is not
    made from whichever spelling was most frequent in the build but from this folded form.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = name_parts(ascii_name)
    out = []
    for word in words:
        word = re.sub(r"[^a-z]", "", word)
        for pattern, repl in _TRANSLIT:
            word = pattern.sub(repl, word)
        out.append(word)
    return "-".join(w for w in out if w) or slug(name)


def name_parts(key: str) -> list[str]:
    """Person name tokens without initials ("vladimir v. putin" -> ["vladimir", "putin"])."""
    return [w for w in key.replace(".", ". ").split() if len(w.rstrip(".")) > 1]


def title_word(word: str) -> str:
    """A role word in a position's label: "Director-General", "U.S."; "of", "and" stay low."""
    if word in STOP_INITIALS:
        return word
    if "." in word[:-1]:
        return word.upper()  # "u.s." is "U.S.", not "U.s."
    return "-".join(part.capitalize() for part in word.split("-"))
