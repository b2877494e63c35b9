"""Definite descriptions with a name or a place in them, resolved to an entity named before.

"the Tory leader said" (a role as a clause's subject) is the person who was the subject of the
previous sentence, when the article gives that person no other office (``described-role``).
"the London exchange", "the German stock market operator's plans", "the Houston-based company"
(a kind of business, ``anaphoric_org_kinds``, with a place or demonym, or a kind its name says:
"exchange") is an organisation named before (``described-kind``), chosen in this order:

1. one the article itself places where the description does ("France's Renault ... the French
   state-owned car group", "Houston-based Coastal Corp ... the Houston based gas company", a
   name with the place in it: "the Tokyo exchange" and "Tokyo Stock Exchange");
2. else, one named earlier in the same sentence ("a blow to Fujitsu but ... expansion by the
   Japanese firm");
3. else, any named before;

and among those, the one the article refers to most often ("Montedison Spa said it ... the
Italian company"), then the last.

Never one the article places in another country, one named with another place, a public body
("the Monopolies Commission"), or the subject the description's own clause hangs on
("Standard Life expressed concern at the German operator's plans" is not Standard Life's).
Only the words after the last name become the mention, so "Tory" and "London" stay names of
their own and the rules read them as the description's affiliation or place
(:func:`kg.extract.described.rule_described_kind`, :func:`~kg.extract.described.rule_described_role`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Mention
from .mentions import DocMentions, normalise
from .modality import SPEECH_VERBS, subject_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["common_noun", "described"]

#: Kinds whose name says them ("the London exchange" is a name with "exchange" in it).
_NAMED_KINDS = frozenset({"exchange", "bank", "club", "union"})
#: Labels of the names that place a description or an organisation.
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})


def described(doc: Doc, dm: DocMentions, chunk: Span, prev_subject: Mention | None, phrases: list[Span]) -> None:
    """Resolve one definite description with modifiers (see the module docs), if it is one."""
    from ..ontology import load_lexicon, word_list

    head = chunk.root
    if head.dep_ in {"attr", "oprd"} or head.tag_ in {"NNS", "NNPS"}:
        return  # "The firm is the largest utility company in India" says what it is; "the Turkish firms" are several
    inner = [t for t in chunk[1:] if dm.at(t) is not None]
    start = max(t.i for t in inner) + 1 if inner else chunk.start + 1
    if start > head.i or any(dm.at(t).label not in {"GPE", "LOC", "NORP", "ORG"} for t in inner):
        return
    mods = doc[chunk.start + 1 : head.i]
    if any(t.pos_ in {"NUM", "PART"} or t.tag_ == "POS" or t.pos_ == "PROPN" and dm.at(t) is None for t in mods):
        return  # "the 1.35bn offer", "the company's": not a description of one entity
    words = normalise(doc[start : head.i + 1].text)
    lexicon = load_lexicon()
    if (lexicon.role(words) or lexicon.role(words.split()[-1])) and head.pos_ == "NOUN":
        _role(doc, dm, chunk, start, words, prev_subject)
        return
    kinds = word_list("anaphoric_org_kinds")
    if head.lemma_.lower() not in kinds and head.lower_ not in kinds:
        return
    if _introduced(phrases, chunk):
        return  # "a Japanese company ... the Japanese company": the one introduced, not a name
    inner_mentions = {dm.at(t).key: dm.at(t) for t in inner}
    where = {_place_code(m) for m in inner_mentions.values() if m.label in _PLACE_LABELS and _known_place(m)}
    kind = head.lemma_.lower()
    if len(where) != len(inner_mentions) or not where and kind not in _NAMED_KINDS:
        return  # "the Redstone group" is Redstone's; "the management group" too vague to follow
    target = _organisation(doc, dm, chunk, kind, where, set(inner_mentions))
    if target is not None:
        new = dm.add(doc[start : head.i + 1], "ORG", key=target.key, text=chunk.text)
        dm.coref[new] = "described-kind"


def _role(doc: Doc, dm: DocMentions, chunk: Span, start: int, words: str, prev_subject: Mention | None) -> None:
    head = chunk.root
    if head.dep_ != "nsubj" or prev_subject is None or prev_subject.label != "PERSON":
        return
    own = dm.roles.get(words)
    if own is None and any(_same_person(m.key, prev_subject.key) for m in dm.roles.values()):
        return  # "Agriculture Minister Denis Bra Kanon ... the veteran Ivorian leader": someone else's office
    if any((m := dm.at(t)) is not None and prev_subject.key in {m.key, normalise(m.text)} for t in chunk):
        return  # "Goldstar said ... the Goldstar spokesman said": the NER's person is the company
    for verb in head.ancestors:
        subj = subject_of(verb) if verb.lemma_ in SPEECH_VERBS else None
        if subj is not None and (m := dm.at(subj)) is not None and m.key == prev_subject.key:
            return  # "Mr Kennedy said the new home secretary had time to think again": someone he speaks of
    new = dm.add(doc[start : head.i + 1], "PERSON", key=prev_subject.key, text=chunk.text)
    dm.coref[new] = "described-role"


def _organisation(doc: Doc, dm: DocMentions, chunk: Span, kind: str, where: set[str], inner: set[str]) -> Mention | None:
    from ..ontology import word_list

    bodies = word_list("org_kinds") - word_list("anaphoric_org_kinds")
    blocked = _dominating_subjects(chunk.root, dm)
    placed = _placed(doc, dm)
    seen: dict[str, list[Mention]] = {}
    names: dict[str, Mention] = {}
    for m in sorted(dm.mentions, key=lambda m: m.start):
        if m.start >= chunk.start_char or m.label != "ORG" or m.key in blocked:
            continue
        seen.setdefault(m.key, []).append(m)  # "it" and "the company" count towards what the article is about
        span = dm.span_of(m)
        if m in dm.coref or span is None or m.key in inner:
            continue
        if kind in _NAMED_KINDS and kind not in m.text.lower() or where and _placed_elsewhere(span, where):
            continue
        if span[-1].lower_ in bodies:
            continue  # "the Monopolies Commission" is no company
        if _countries(placed.get(m.key, set())) and _countries(where) and not _countries(placed[m.key]) & _countries(where):
            continue  # the article puts it in another country
        names[m.key] = m
    if not names:
        return None
    agreeing = [k for k in names if placed.get(k, set()) & where or _named_with(names[k], where)]
    here = [k for k in names if names[k].start >= chunk.sent.start_char]
    pool = agreeing or here or list(names)
    return names[max(pool, key=lambda k: (len(seen[k]), seen[k][-1].start))]


def _placed(doc: Doc, dm: DocMentions) -> dict[str, set[str]]:
    """Where the article itself puts each organisation: a place or demonym among the few words
    before its name ("France's <Renault>", "Houston-based Coastal", "Japanese firm Fujitsu") or
    in an apposition right after it (", a French healthcare publisher")."""
    out: dict[str, set[str]] = {}
    for m in dm.mentions:
        span = dm.span_of(m)
        if m.label != "ORG" or span is None or m in dm.coref:
            continue
        window = list(doc[max(0, span.start - 4) : span.start])
        if span.end < len(doc) and doc[span.end].text == ",":
            window += list(doc[span.end + 1 : span.end + 5])
        for tok in window:
            p = dm.at(tok)
            if p is not None and p is not m and p.label in _PLACE_LABELS and _known_place(p):
                out.setdefault(m.key, set()).add(_place_code(p))
    return out


def _known_place(m: Mention) -> bool:
    from .. import places

    return places.country(m.text, demonyms=m.label == "NORP") is not None or m.label != "NORP" and places.lookup(m.text) is not None


def _place_code(m: Mention) -> str:
    """A country's ISO code ("French", "France": "FR"), else the place's name ("houston")."""
    return _code(m.text, demonyms=m.label == "NORP")


def _code(text: str, *, demonyms: bool) -> str:
    from .. import places

    p = places.country(text, demonyms=demonyms)
    return p.iso if p is not None and p.iso else normalise(text)


def _countries(codes: set[str]) -> set[str]:
    return {c for c in codes if len(c) == 2 and c.isupper()}


def _named_with(m: Mention, where: set[str]) -> bool:
    """"Tokyo Stock Exchange" for "the Tokyo exchange": the name holds the description's place."""
    return any(w in normalise(m.text).split() for w in where)


def common_noun(dm: DocMentions, m: Mention) -> bool:
    """A mention the NER made of one lower-case common noun ("automaker")."""
    span = dm.span_of(m)
    return span is not None and len(span) == 1 and span[0].pos_ == "NOUN" and span[0].is_lower


def _same_person(a: str, b: str) -> bool:
    """Two keys of one article's person: equal, or one the other's surname ("bra kanon")."""
    return a == b or a.endswith(" " + b) or b.endswith(" " + a)


def _placed_elsewhere(name: Span, where: set[str]) -> bool:
    """Whether a name holds a place other than the description's ("London Stock Exchange" is
    not "the Frankfurt stock exchange")."""
    from .. import places

    for tok in name:
        if tok.is_title and places.lookup(tok.text, demonyms=True) is not None:
            if _code(tok.text, demonyms=True) not in where and normalise(tok.text) not in where:
                return True
    return False


def _introduced(phrases: list[Span], chunk: Span) -> bool:
    """Whether an indefinite "a/an <same words>" came before the description."""
    words = chunk[1:].text.lower()
    for other in phrases:
        if other.start >= chunk.start:
            break
        if other[0].lower_ in {"a", "an", "another"} and other[1:].text.lower() == words:
            return True
    return False


def _dominating_subjects(tok: Token, dm: DocMentions) -> set[str]:
    """Keys of the named subjects of the clauses a token's phrase hangs on: they cannot be what it
    describes ("Standard Life expressed concern at the German operator's plans"), except a
    speaker's ("Chrysler said the Detroit-based company would ..." is Chrysler). A pronoun
    subject does not count: its own resolution may be wrong."""
    from .modality import SPEECH_VERBS

    keys: set[str] = set()
    node = tok
    for _ in range(12):
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in {"VERB", "AUX"} and node.lemma_ not in SPEECH_VERBS:
            for c in node.children:
                m = dm.at(c) if c.dep_ in {"nsubj", "nsubjpass"} and c.i < tok.i else None
                if m is not None and m not in dm.coref:
                    keys.add(m.key)
    return keys
