"""The pipeline's attribute ruler and lemmatizer, the same annotations for less CPU.

In the small English pipeline these two rule components cost a fifth of the parse (on 400
Reuters articles, 1.4 s and 1.0 s of CPU beside 13.6 s in all): spaCy's Matcher tries each of
the ruler's 179 patterns at every token, and the lemmatizer makes a ``Token`` and reads its
morphology for every token. Both are functions of a few attributes of the token: the ruler's
one-token patterns test only the token's own tag, dependency, lower-case form and the like,
and the lemma of spaCy's rule lemmatizer depends only on the word, its part of speech and its
morphology (the key of spaCy's own lemma cache). So the answer for each distinct key is asked
of spaCy once per process and remembered: the ruler's one-token matches come from spaCy's
Matcher run on that one token, the lemma from spaCy's ``lemmatize``; the ruler's patterns of
more than one token still run through a Matcher over the whole Doc, and its annotations are
set by its own ``set_annotations``. Annotations are byte-identical (``tests/test_memo_pipes.py``);
a ruler whose patterns test anything else (a length, an extension, an operator) or a
lemmatizer in another mode keeps spaCy's own code.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["remember"]

#: Pattern keys a token's key may hold: attributes of the token itself, read by ``Doc.to_array``.
_KEYS = frozenset({"ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LEMMA", "TAG", "POS", "MORPH", "DEP",
                   "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE",
                   "IS_STOP", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY",
                   "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL"})
#: Attributes whose values are few (tags, dependency labels): used as they are, not folded.
_FEW = frozenset({"TAG", "POS", "DEP", "MORPH"})


def remember(nlp: Language) -> None:
    """Make ``nlp``'s attribute ruler and rule lemmatizer remember their answers (see above)."""
    for name, proc in nlp.pipeline:
        if type(proc) is AttributeRuler and not isinstance(proc.__dict__.get("match"), RulerMatches):
            matches = RulerMatches.of(proc)
            if matches is not None:
                proc.match = matches  # AttributeRuler.__call__ asks self.match(doc) for its matches
        elif type(proc) in _LEMMATIZERS and proc.mode == "rule" and not proc.overwrite:
            proc.__class__ = _LEMMATIZERS[type(proc)]
            if proc.lookups.has_table("lemma_index"):
                table = proc.lookups.get_table("lemma_index")
                for key, words in list(table.items()):
                    if type(words) is list:
                        table[key] = WordList(words)


class RulerMatches:
    """``AttributeRuler.match`` with the matches of its one-token patterns remembered per token key.

    A token's key is the values of the attributes the patterns test; a word that no pattern names
    (nor any pattern's regular expression matches) is folded into one value, so the key is mostly
    the tag, dependency label and whether the word is one the patterns list.
    """

    def __init__(self, ruler: AttributeRuler, single: Matcher, multi: Matcher, names: list[str],
                 folded: list[tuple[int, frozenset[int], tuple[re.Pattern[str], ...]]]) -> None:
        self.strings = ruler.vocab.strings
        self.order = {self.strings[str(i)]: i for i in range(len(ruler.attrs))}  # the ruler's sort key
        self.single, self.multi = single, multi
        self.attrs = [IDS[n] for n in names]
        self.folded = [(j, {}, known, regexes) for j, known, regexes in folded]
        self.memo: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}

    @classmethod
    def of(cls, ruler: AttributeRuler) -> RulerMatches | None:
        """The remembering match of ``ruler``, or None when its patterns test what a key cannot hold."""
        vocab = ruler.vocab
        single, multi = Matcher(vocab), Matcher(vocab)
        tested: dict[str, list[Any]] = {}
        for i in range(len(ruler.attrs)):  # the ruler adds its i-th entry under the key str(i)
            key = vocab.strings[str(i)]
            if key not in ruler.matcher:
                continue
            on_match, patterns = ruler.matcher.get(key)
            if on_match is not None:
                return None
            if any(len(p) != 1 for p in patterns):
                multi.add(str(i), patterns)
                continue
            for token in (p[0] for p in patterns):
                for name, value in token.items():
                    name = "ORTH" if name.upper() == "TEXT" else name.upper()
                    if name not in _KEYS or isinstance(value, dict) and not set(value) <= {"IN", "NOT_IN", "REGEX"}:
                        return None
                    tested.setdefault(name, []).append(value)
            single.add(str(i), patterns)
        if not tested:
            return None
        names = sorted(tested)
        folded = []
        for j, name in enumerate(names):
            if name in _FEW or not all(isinstance(v, (str, dict)) for v in tested[name]):
                continue
            known: set[int] = set()
            regexes: list[re.Pattern[str]] = []
            for value in tested[name]:
                if isinstance(value, str):
                    known.add(get_string_id(value))
                    continue
                for op, arg in value.items():
                    if op == "REGEX":
                        regexes.append(re.compile(arg))
                    else:
                        known.update(get_string_id(x) for x in arg)
            folded.append((j, frozenset(known), tuple(regexes)))
        return cls(ruler, single, multi, names, folded)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What ``AttributeRuler.match`` returns: ``(entry, match id, start, end)``, sorted."""
        memo, order, strings = self.memo, self.order, self.strings
        matches = []
        for i, row in enumerate(doc.to_array(self.attrs).tolist()):
            for j, cache, known, regexes in self.folded:
                value = row[j]
                canonical = cache.get(value)
                if canonical is None:
                    named = value in known or any(r.search(strings[value]) for r in regexes)
                    canonical = cache[value] = value if named else 0
                row[j] = canonical
            key = tuple(row)
            found = memo.get(key)
            if found is None:
                found = memo[key] = tuple((order[m], m) for m, _, _ in self.single(doc[i : i + 1], allow_missing=True))
            for entry, m in found:
                matches.append((entry, m, i, i + 1))
        if len(self.multi):
            matches.extend((order[m], m, s, e) for m, s, e in self.multi(doc, allow_missing=True))
        matches.sort()
        return matches


class WordList(list):
    """A list of words (a lemmatizer's index of one part of speech) that answers ``in`` from a set.

    spaCy's rule lemmatizer asks ``form in index`` of each candidate lemma of a word it has not
    seen, and the small English pipeline's index is a list of 57,528 nouns: 90 microseconds a
    new word. Still a list, in the same order, for everything else (serialisation included)."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self.members = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self.members


class _RememberingLemmas:
    """``Lemmatizer.__call__`` with each (word, part of speech, morphology)'s lemma remembered.

    spaCy's own rule lemmatizer caches on the same key, but only past a Token made for every
    token and the morphology's features read for every base form."""

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables(Errors.E1004)
        memo = self.__dict__.setdefault("_kg_lemmas", {})
        array = doc.to_array([LEMMA, ORTH, POS, MORPH])
        lemmas = array[:, 0].copy()
        strings, missing = self.vocab.strings, False
        for i, (lemma, orth, pos, morph) in enumerate(array.tolist()):
            if lemma == 0:  # not set before (the attribute ruler sets some), as spaCy's does
                key = (orth, pos, morph)
                found = memo.get(key)
                if found is None:
                    found = memo[key] = strings.add(self.lemmatize(doc[i])[0])
                lemmas[i] = found
                missing = True
        if missing:
            doc.from_array([LEMMA], lemmas)
        return doc


class RememberingLemmatizer(_RememberingLemmas, Lemmatizer):
    """spaCy's ``Lemmatizer``, remembering its lemmas."""


class RememberingEnglishLemmatizer(_RememberingLemmas, EnglishLemmatizer):
    """spaCy's ``EnglishLemmatizer``, remembering its lemmas."""


_LEMMATIZERS = {Lemmatizer: RememberingLemmatizer, EnglishLemmatizer: RememberingEnglishLemmatizer}
