"""Coreference: the words that refer back to an entity the document named before.

Personal pronouns, "its", "they", definite role descriptions ("the Foreign Minister") and
definite kind descriptions ("the company", "the party", "the bill") are added to the
document's mentions with the key of the entity they refer to, so every rule reads them like
names. Each resolution records the rule that made it (``DocMentions.coref``), and an assertion
built on a resolved mention carries that rule in its own (``svo+coref:clause-subject``).

How a pronoun is resolved, in order of preference (a missing fact costs less than a wrong one,
so anything unclear stays unresolved):

1. ``clause-subject``: the subject of the clause the pronoun's clause depends on ("Blair said
   *he* would ..."; "Blair told Brown *he* would ...": Blair);
2. ``previous-subject``: the subject of the previous sentence's main clause;
3. ``recent``: the nearest earlier name of the right kind in this or the previous sentence.

A candidate must agree: in gender (he/she against what the article says of the person: "Mr",
"Mrs", "Lord", "spokeswoman", a "his"/"her" already resolved to them) and number (it/its: one
organisation or place; they: a group, or people named together); a pronoun never takes the
subject of its own clause as its object ("Blair praised *him*"); a pronoun inside a quotation
never refers to the quotation's speaker, and names inside a quotation are not antecedents for
pronouns outside it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Mention
from ._doc import tokens
from .descriptions import common_noun, described
from .mentions import DocMentions, most_named, normalise
from .modality import closest_subject
from .rules import MOUTHPIECES

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable

    from spacy.tokens import Doc, Span, Token

    from .modality import QuoteIndex
    from .rules import Candidate

__all__ = ["resolve_pronouns", "resolve_descriptions", "resolve_heads_we", "heads_of", "parties_of", "PERSON_PRONOUNS", "THING_PRONOUNS"]

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
_MALE = frozenset({"he", "him", "his", "himself"})
_FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine"})
#: "we" in a quotation is its speaker's side: '"We stand by the Act," a Home Office spokesman said'.
_FIRST_PLURAL = frozenset({"we", "us", "our", "ourselves"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
#: Labels a plural pronoun can refer to: "The Taliban said they would attend".
_GROUP_LABELS = frozenset({"ORG", "NORP", "GPE"})
_THING_LABELS = frozenset({"ORG", "GPE"})
#: Words before or around a name that say whether the person is a man or a woman.
_MALE_WORDS = frozenset({
    "mr", "mr.", "sir", "lord", "king", "prince", "duke", "earl", "baron", "father", "son", "brother",
    "husband", "uncle", "nephew", "grandfather", "grandson", "spokesman", "chairman", "businessman",
    "congressman", "actor", "widower", "boyfriend", "monsieur", "herr", "señor", "signor",
})
_FEMALE_WORDS = frozenset({
    "mrs", "mrs.", "ms", "ms.", "miss", "lady", "dame", "queen", "princess", "duchess", "countess",
    "baroness", "mother", "daughter", "sister", "wife", "aunt", "niece", "grandmother", "granddaughter",
    "spokeswoman", "chairwoman", "businesswoman", "congresswoman", "actress", "widow", "girlfriend",
    "madame", "mme", "frau", "señora", "signora",
})
#: Subordinate links: a pronoun in a clause under these takes the subject of the clause above.
_SUBORDINATE = frozenset({"ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "parataxis"})
#: "the company", "the club": kind words and the labels of the entities they can refer to.
#: Kinds whose word a name of the kind must contain: "the bank" is a bank's name with "bank" in it.
_NAMED_IN = frozenset({"ministry", "council", "union", "party", "bank", "exchange", "club", "committee", "commission", "department",
                       "election", "referendum"})  # "the election" is no war the article named
_KINDS = {
    "company": "ORG", "firm": "ORG", "group": "ORG", "bank": "ORG", "club": "ORG", "party": "ORG",
    "carrier": "ORG", "airline": "ORG", "insurer": "ORG", "retailer": "ORG", "lender": "ORG",
    "broadcaster": "ORG", "corporation": "ORG", "organisation": "ORG", "organization": "ORG",
    "union": "ORG", "charity": "ORG", "team": "ORG", "council": "ORG", "ministry": "ORG",
    "agency": "ORG", "exchange": "ORG", "operator": "ORG", "regulator": "ORG", "conglomerate": "ORG",
    "committee": "ORG", "commission": "ORG", "department": "ORG",
    "country": "GPE", "nation": "GPE", "city": "GPE", "capital": "GPE", "state": "GPE",
    "bill": "LAW", "act": "LAW", "law": "LAW", "legislation": "LAW", "treaty": "LAW", "constitution": "LAW", "pact": "LAW", "charter": "LAW",
    "referendum": "EVENT", "election": "EVENT",
}


def _gender_evidence(doc: Doc, dm: DocMentions) -> dict[str, str]:
    """``key -> "m" | "f"`` for people the article marks as a man or a woman; conflicting marks give nothing."""
    marks: dict[str, set[str]] = {}
    for m in dm.mentions:
        if m.label != "PERSON":
            continue
        span = dm.span_of(m)
        if span is None:
            continue
        around = [doc[i] for i in range(max(0, span.start - 3), span.start)] + list(span[:1])
        for tok in around:
            low = tok.lower_
            if low in _MALE_WORDS:
                marks.setdefault(m.key, set()).add("m")
            elif low in _FEMALE_WORDS:
                marks.setdefault(m.key, set()).add("f")
    return {k: next(iter(v)) for k, v in marks.items() if len(v) == 1}


def _clause_verb(tok: Token) -> Token | None:
    head = tok.head
    while head != head.head and head.pos_ not in {"VERB", "AUX"}:
        head = head.head
    return head if head.pos_ in {"VERB", "AUX"} else None


def _subject(verb: Token) -> Token | None:
    return closest_subject(verb, [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}])


class _Resolver:
    """One document's pronoun resolution (state: genders learnt, mentions seen, quotations)."""

    def __init__(self, doc: Doc, dm: DocMentions, quotes: QuoteIndex | None) -> None:
        self.doc, self.dm, self.quotes = doc, dm, quotes
        self.gender = _gender_evidence(doc, dm)
        self.sent_of = {}
        self.sents = list(doc.sents)
        for n, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = n

    def quote_of(self, char: int) -> tuple[int, int, Token | None] | None:
        for span in self.quotes.spans if self.quotes is not None else ():
            if span[0] <= char < span[1]:
                return span
        return None

    def quote_speaker(self, tok: Token) -> Mention | None:
        """The person (for "we", the body) whose quotation a first-person pronoun is in, if the
        article says who."""
        quote = self.quote_of(tok.idx)
        if quote is None or quote[2] is None:
            return None
        subj = _subject(quote[2])
        m = self.dm.at(subj) if subj is not None else None
        if m is None and subj is not None and tok.lower_ in _FIRST_PLURAL:
            m = self._body_spoken_for(subj)
        if m is None:
            return None
        if tok.lower_ in _FIRST_PLURAL:  # a person's "we" is a firm's or a government's, which the article may not say
            # and a body the speaker only stands for by a pronoun ('"In our opinion ...," it added') is a guess on a guess
            return m if m.label in _GROUP_LABELS and m.text.lower() not in THING_PRONOUNS | _PLURAL_PRONOUNS else None
        return m if m.label == "PERSON" else None

    def _body_spoken_for(self, subj: Token) -> Mention | None:
        """The body a spokesman speaks for: '"We stand by the Act," a Home Office spokesman said';
        "A spokesman for the Home Office defended the proposals. He said: '... We stand by ...'"
        (an unnamed "he" after a sentence whose subject is the spokesman)."""
        if subj.lower_ in {"he", "she"} and self.dm.at(subj) is None:
            n = self.sent_of[subj.i]
            earlier = self.sents[n - 1 : n] if n else []
            subj = next((c for s in earlier for c in s.root.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.lemma_.lower() not in {"spokesman", "spokeswoman", "spokesperson"}:
                return None
        if subj.lemma_.lower() not in MOUTHPIECES:
            return None
        named = [c for c in subj.children if c.dep_ in {"compound", "poss"}]
        named += [g for c in subj.children if c.dep_ == "prep" and c.lower_ in {"for", "of"} for g in c.children if g.dep_ == "pobj"]
        return next((m for c in named if (m := self.dm.at(c)) is not None and m.label in _GROUP_LABELS), None)

    def fits(self, m: Mention, pronoun: Token) -> bool:
        low = pronoun.lower_
        # a pronoun already resolved stands for its entity: "Davies said ... He said ... he told BBC News"
        bare = m.text.lower() in PERSON_PRONOUNS | THING_PRONOUNS | _PLURAL_PRONOUNS and m not in self.dm.coref
        if low in PERSON_PRONOUNS:
            if m.label != "PERSON" or bare or m.text.lower() in THING_PRONOUNS | _PLURAL_PRONOUNS:
                return False
            g = self.gender.get(m.key)
            return g is None or (g == "m") == (low in _MALE)
        if low in THING_PRONOUNS:
            return m.label in _THING_LABELS and not bare and m.text.lower() not in PERSON_PRONOUNS | _PLURAL_PRONOUNS
        return m.label in _GROUP_LABELS

    def allowed(self, m: Mention, pronoun: Token) -> bool:
        """Quotation and clause constraints."""
        quote = self.quote_of(pronoun.idx)
        m_quote = self.quote_of(m.start)
        if m_quote is not None and m_quote != quote:
            return False  # a name inside someone's quotation is not an antecedent outside it
        if quote is not None and quote[2] is not None:
            speaker = _subject(quote[2])
            sm = self.dm.at(speaker) if speaker is not None else None
            if sm is not None and sm.key == m.key and pronoun.lower_ not in {"they", "them", "their"}:
                return False  # '"He is wrong," Blair said': he is not Blair
        verb = _clause_verb(pronoun)
        if verb is not None and pronoun.dep_ == "nsubj" and verb.dep_ in {"ccomp", "xcomp"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            verb = verb.head if verb.head.pos_ in {"VERB", "AUX"} else None  # "Atticus wants it to buy back its shares": "it" is the object of "wants"
        elif pronoun.dep_ not in {"dobj", "pobj", "dative", "iobj"}:
            verb = None
        subj = _subject(verb) if verb is not None else None
        sm = self.dm.at(subj) if subj is not None else None
        return sm is None or sm.key != m.key  # "Blair praised him": him is not Blair

    def antecedent(self, pronoun: Token, recent: list[Mention], prev_subject: Mention | None) -> tuple[Mention, str] | None:
        verb = _clause_verb(pronoun)
        # 0. a possessive after the subject of the sentence's main clause: "Chemical Bank is closing
        # its office in Dubai" (in a clause below, the clause above may hold it: "Suffield said the
        # Fed approved its application")
        own = _subject(verb) if verb is not None and pronoun.tag_ == "PRP$" and verb.dep_ == "ROOT" else None
        if own is not None and own.i < pronoun.i and not own.left_edge.i <= pronoun.i <= own.right_edge.i:
            m = _referent(self.dm, own, prev_subject)
            between = [x for x in recent if verb.idx < x.start < pronoun.idx]  # "... by Bally and its subsidiary": Bally's
            if m is not None and self.fits(m, pronoun) and self.allowed(m, pronoun) and not any(self.fits(x, pronoun) for x in between):
                return m, "own-subject"
        # 1. the subject of the clause above: "Blair said he would ...", "Blair, who said his ..."
        seen = 0
        while verb is not None and seen < 4:
            seen += 1
            if verb.dep_ not in _SUBORDINATE or verb.head == verb:
                break
            upper = verb.head if verb.head.pos_ in {"VERB", "AUX"} else _clause_verb(verb.head)
            if upper is None:
                break
            subj = _subject(upper)
            m = _referent(self.dm, subj, prev_subject) if subj is not None else None
            if m is not None and subj.idx < pronoun.idx and self.fits(m, pronoun) and self.allowed(m, pronoun):
                return m, "clause-subject"
            verb = upper
        # 2. the subject of the previous sentence, when nothing of the right kind came between
        here = [m for m in recent if self.sent_of.get(self.dm.spans[m][0]) == self.sent_of[pronoun.i] and m.start < pronoun.idx]
        if prev_subject is not None and not any(self.fits(m, pronoun) for m in here):
            if self.fits(prev_subject, pronoun) and self.allowed(prev_subject, pronoun):
                return prev_subject, "previous-subject"
        # 3. the nearest earlier name of the right kind, in this or the previous sentence
        for m in reversed(recent):
            if self.sent_of[pronoun.i] - self.sent_of.get(self.dm.spans[m][0], -10) > 1:
                break
            if self.fits(m, pronoun) and self.allowed(m, pronoun):
                return m, "recent"
        return None


def _plural_policy(recent: list[Mention], res: _Resolver, pronoun: Token) -> Mention | None:
    """The policy (kg.extract.topics) "them" stands for: one named in the plural earlier in the
    same sentence ("the plans", "ID cards"), when no other plural noun or group comes between
    (a person may: "he had supported the plans when Mr Blunkett argued for them")."""
    policy = next((m for m in reversed(recent) if m.label == "TOPIC"), None)
    if policy is None or res.sent_of.get(res.dm.spans[policy][0]) != res.sent_of[pronoun.i]:
        return None
    span = res.dm.span_of(policy)
    if span is None or span[-1].tag_ != "NNS":
        return None
    between = pronoun.doc[span.end : pronoun.i]
    if any(t.tag_ in {"NNS", "NNPS"} or (m := res.dm.at(t)) is not None and m.label in _GROUP_LABELS for t in between):
        return None  # "... ID cards they are going to be detained": the men, not the cards
    return policy


def _plural_noun_subject(root: Token, dm: DocMentions, pronoun: Token) -> bool:
    """Whether the main verb's subject, before ``pronoun``, is a plural common noun that names no entity."""
    subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subj is not None and subj.i < pronoun.i and subj.tag_ == "NNS" and dm.by_token.get(subj.i) is None


def _group_subject(root: Token, dm: DocMentions, prev: Mention | None = None) -> Mention | None:
    """The entity that is the single subject of a sentence's main verb, if any: a name, or "the
    company" the article's company ("The company, which is quoted on the USM, said it ...")."""
    subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or subj.conjuncts:
        return None
    found = _referent(dm, subj, prev)
    if found is None:
        # "As a result, says the committee, the government may need to ...": the one who speaks
        # is what the sentence is about when what it reports names no entity.
        from .modality import SPEECH_VERBS

        for frame in (c for c in root.children if c.dep_ == "parataxis" and c.lemma_ in SPEECH_VERBS):
            speaker = next((c for c in frame.children if c.dep_ == "nsubj" and not c.conjuncts), None)
            if speaker is not None:
                return _referent(dm, speaker, prev)
    return found


def _referent(dm: DocMentions, tok: Token, prev: Mention | None = None) -> Mention | None:
    """The entity a subject names: its mention, or for "the company" the company it refers to
    (``prev``: the subject of the sentence before)."""
    named = dm.by_token.get(tok.i)
    if named is None and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "the" and tok.doc[tok.i - 1].head == tok:
        return _kind_referent(dm, tok.lower_, tok.idx, prev, tok.sent.start_char)
    return named


def _kind_referent(dm: DocMentions, kind: str, before: int, prev: Mention | None = None, sentence: int | None = None) -> Mention | None:
    """The entity "the <kind>" refers to: for a kind whose word is in the name ("the bank"), the
    one so named earlier in the same sentence (from char ``sentence``: "The Bank of America
    certificates were issued by a trust the bank established"); else the subject of the sentence
    before when it is of that kind ("MTN ... may well be back in the running. The company has
    said ..."); else the one of that kind named before ``before`` most often (a tie: none)."""
    label = _KINDS.get(kind)
    if label is None:
        return None
    labels = {label, "NORP"} if kind == "party" else {label}  # "the Tory plan ... the party's sums": Tory
    if sentence is not None and kind in _NAMED_IN:
        here = [m for m in dm.mentions if sentence <= m.start < before and m.label in labels and kind in m.text.lower()]
        if len({m.key for m in here}) == 1:
            return here[0]
    if prev is not None and prev.label in labels and prev.start < before and prev.text.lower() not in THING_PRONOUNS | _PLURAL_PRONOUNS and _kind_fits(kind, prev):
        return prev
    found = [m for m in dm.mentions if m.start < before and m.label in labels
             and m.text.lower() not in THING_PRONOUNS | PERSON_PRONOUNS | _PLURAL_PRONOUNS and _kind_fits(kind, m)]
    if label == "LAW":  # "the Act" after the Criminal Justice Bill and the Criminal Justice Act: the Act
        first: dict[str, Mention] = {}
        for m in found:
            first.setdefault(m.key, m)
        called = {k for k, m in first.items() if kind in m.text.lower().split()}
        if called:
            found = [m for m in found if m.key in called]
    return most_named(found)


def resolve_pronouns(doc: Doc, dm: DocMentions, quotes: QuoteIndex | None = None) -> None:
    """Resolve he/she/his, it/its and they/their to the entities they refer to (see the module docs)."""
    res = _Resolver(doc, dm, quotes)
    recent: list[Mention] = []
    prev_subject: Mention | None = None
    toks = tokens(doc)
    later: list[Token] = []
    for sent in doc.sents:
        root_subject = _group_subject(sent.root, dm, prev_subject)
        for tok in toks[sent.start : sent.end]:
            m = dm.by_token.get(tok.i)
            if m is not None:
                if not recent or recent[-1] is not m:
                    recent.append(m)
                continue
            low = tok.lower_
            if low in _FIRST_PERSON | _FIRST_PLURAL and tok.pos_ == "PRON":
                speaker = res.quote_speaker(tok)  # '"I welcome his words," said Almunia': I is Almunia
                if speaker is not None:
                    recent.append(_add(dm, doc, tok, speaker, "quote-speaker"))
                else:
                    later.append(tok)  # '"I wasn't advised ...," he told the court': once "he" is resolved
                continue
            if tok.pos_ != "PRON" or low not in PERSON_PRONOUNS | THING_PRONOUNS | _PLURAL_PRONOUNS:
                continue
            if low in _PLURAL_PRONOUNS:
                # "they": the subject of the clause above ("The Taliban said they ..."), else of
                # the previous sentence; a plural common noun subject ("Analysts") blocks it.
                here = root_subject if root_subject is not None and root_subject.start < tok.idx else None
                target = here or (prev_subject if root_subject is None or root_subject.start >= tok.idx else None)
                policy = _plural_policy(recent, res, tok)
                if policy is not None and low == "them":  # "he had supported the plans when Blunkett argued for them"
                    _add(dm, doc, tok, policy, "policy")
                    continue
                if here is None and _plural_noun_subject(sent.root, dm, tok):
                    continue  # "The measures passed into law after Mr Blunkett introduced them": the measures
                if target is not None and target.label in _GROUP_LABELS and res.allowed(target, tok):
                    _add(dm, doc, tok, target, "clause-subject" if here is not None else "previous-subject")
                continue
            found = res.antecedent(tok, recent, prev_subject)
            if found is None:
                continue
            target, rule = found
            new = _add(dm, doc, tok, target, rule)
            if low in _MALE | _FEMALE and target.key not in res.gender:
                res.gender[target.key] = "m" if low in _MALE else "f"  # later pronouns agree with this one
            recent.append(new)
        prev_subject = root_subject if root_subject is not None else None
    for tok in later:
        speaker = res.quote_speaker(tok)
        if speaker is not None:
            _add(dm, doc, tok, speaker, "quote-speaker")


def _add(dm: DocMentions, doc: Doc, tok: Token, target: Mention, rule: str) -> Mention:
    label = "PERSON" if tok.lower_ in PERSON_PRONOUNS | _FIRST_PERSON else target.label
    new = dm.add(doc[tok.i : tok.i + 1], label, key=target.key)
    dm.coref[new] = rule
    return new


def resolve_descriptions(doc: Doc, dm: DocMentions, country: Mention | None = None, parties: dict[str, Mention] | None = None) -> None:
    """"the Foreign Minister": the person the document named in that role; "the company",
    "the party", "the bill": the entity of that kind the article is about (named before, and
    named most often of its kind; a tie leaves it unresolved); "the government": the
    government of ``country``, the country the article is about (which stands for it, as
    "the Russian government" does); "the party line" a person defies is the party ``parties``
    gives that person (person key -> party, from the article's role rules: "Meyer, the Tory
    backbencher"). Descriptions with a name or a place in them ("the Tory
    leader", "the London exchange", "the Detroit-based automaker") are resolved by
    :func:`kg.extract.descriptions.described`."""
    prev_subject: dict[int, Mention | None] = {}
    last: Mention | None = None
    for sent in doc.sents:
        prev_subject[sent.start] = last
        last = _group_subject(sent.root, dm, last)
    phrases = _definite_phrases(doc)
    for chunk in phrases:
        if chunk[0].lower_ != "the" or len(chunk) < 2 or chunk.root.dep_ == "appos":
            continue
        named = dm.at(chunk.root)
        if named is not None and (not common_noun(dm, named) or dm.coref.get(named) == "topic-plan"):
            continue  # a name, or "the plans" already the article's policy (kg.extract.topics)
        if named is not None:
            dm.remove(named)  # "the Detroit-based automaker": the NER's organisation "automaker" is no name
        if any(c.dep_ == "appos" or c.dep_ == "prep" and c.lower_ == "of" for c in chunk.root.children):
            continue  # "the company, Acme", "the party of ..." name something new
        members = _members_kind(chunk)
        if members is not None:  # "the MPs' committee": the committee, which the MPs sit on
            target = _kind_referent(dm, members.lower_, chunk.start_char, prev_subject.get(chunk.sent.start), chunk.sent.start_char)
            if target is not None:
                new = dm.add(doc[members.i : members.i + 1], target.label, key=target.key, text=chunk.text)
                dm.coref[new] = "members-description"
            continue
        if any(dm.at(t) for t in chunk):
            described(doc, dm, chunk, prev_subject.get(chunk.sent.start), phrases)
            continue
        holder = dm.roles.get(normalise(chunk[1:].text)) if dm.roles else None
        if holder is not None:
            new = dm.add(chunk, "PERSON", key=holder.key)
            dm.coref[new] = "role-description"
            continue
        if country is not None and len(chunk) == 2 and chunk.root.lower_ == "government":
            new = dm.add(chunk, country.label, key=country.key, text=chunk.text)
            dm.coref[new] = "article-government"
            continue
        if len(chunk) != 2:
            if len(chunk) > 2:
                described(doc, dm, chunk, prev_subject.get(chunk.sent.start), phrases)
            continue
        target = _kind_referent(dm, chunk.root.lower_, chunk.start_char, prev_subject.get(chunk.sent.start), chunk.sent.start_char)
        if target is None:
            continue
        new = dm.add(chunk, target.label, key=target.key, text=chunk.text)
        dm.coref[new] = "kind-description"
    for tok in tokens(doc):  # "for the party leadership": the kind noun a compound, the party's leadership
        if tok.dep_ == "compound" and tok.pos_ == "NOUN" and tok.lower_ in _KINDS and tok.i > 0 and dm.at(tok) is None \
                and doc[tok.i - 1].lower_ == "the" and doc[tok.i - 1].head == tok.head and tok.head.i == tok.i + 1:
            target = _own_party(tok, dm, parties) if tok.lower_ == "party" else None
            target = target or _kind_referent(dm, tok.lower_, doc[tok.i - 1].idx, prev_subject.get(tok.sent.start), tok.sent.start_char)
            if target is not None:
                new = dm.add(doc[tok.i : tok.i + 1], target.label, key=target.key, text=doc[tok.i - 1 : tok.i + 1].text)
                dm.coref[new] = "kind-description"


def parties_of(candidates: list[Candidate]) -> dict[str, Mention]:
    """Person key -> the one party the role rules made them a member or leader of ("Meyer, the
    Tory backbencher"); a person with two parties has none here."""
    return _one_body_each(c for c in candidates if c.key in {"memberOf", "leads"} and _party_name(c.object))


def heads_of(candidates: list[Candidate]) -> dict[str, Mention]:
    """Person key -> the one body the role rules made them head of ("Deputy Prime Minister John
    Prescott" heads the Office of the Deputy Prime Minister); one who heads two has none here."""
    return _one_body_each(c for c in candidates if c.key == "leads")


def _one_body_each(candidates: Iterable[Candidate]) -> dict[str, Mention]:
    """Person key -> the body the candidates tie that person to, for each person tied to one only."""
    found: dict[str, dict[str, Mention]] = {}
    for c in candidates:
        if c.subject.label == "PERSON" and c.object.label in {"ORG", "NORP"}:
            found.setdefault(c.subject.key, {}).setdefault(c.object.key, c.object)
    return {k: next(iter(v.values())) for k, v in found.items() if len(v) == 1}


def _of_person(table: dict[str, Mention], person: Mention) -> Mention | None:
    """``table``'s entry for a person, also under a fuller name of the article's ("Mr Prescott",
    "Meyer" after "Anthony Meyer"); two people of that surname: none."""
    found = {b.key: b for k, b in table.items() if k == person.key or k.endswith(" " + person.key)}
    return next(iter(found.values())) if len(found) == 1 else None


def resolve_heads_we(doc: Doc, dm: DocMentions, quotes: QuoteIndex, heads: dict[str, Mention]) -> None:
    """"we" in the quotation of a person the article makes head of one body is that body:
    Prescott, Deputy Prime Minister, said: "We are working ... with our colleagues at Defra"
    (his office works with Defra). Any other person's "we" stays unresolved: a firm or a
    government the article may not name (:meth:`_Resolver.quote_speaker`). Coref rule ``head-we``."""
    if not heads:
        return
    for tok in tokens(doc):
        if tok.lower_ not in _FIRST_PLURAL or tok.pos_ != "PRON" or dm.at(tok) is not None:
            continue
        inside, verb = quotes.speaker_verb(tok.idx)
        subj = _subject(verb) if inside and verb is not None else None
        m = dm.at(subj) if subj is not None else None
        if m is None or m.label != "PERSON":
            continue
        body = _of_person(heads, m)
        if body is not None:
            dm.coref[dm.add(doc[tok.i : tok.i + 1], body.label, key=body.key)] = "head-we"


def _own_party(tok: Token, dm: DocMentions, parties: dict[str, Mention] | None) -> Mention | None:
    """"he tended to defy the party line": the party of the person who is the clause's subject,
    when the article has said which it is (before, the subject of the sentence before was taken:
    "Labour regained the seat. ... he tended to defy the party line" is no Labour line)."""
    if not parties:
        return None
    verb = tok.head.head if tok.head.dep_ in {"dobj", "pobj"} else None
    while verb is not None and verb.pos_ not in {"VERB", "AUX"} and verb.head is not verb:
        verb = verb.head
    subj = None
    for _ in range(3):  # "he tended to defy the party line": the subject of "tended"
        if verb is None:
            break
        subj = closest_subject(verb, [c for c in verb.children if c.dep_ == "nsubj"])
        if subj is not None or verb.dep_ != "xcomp":
            break
        verb = verb.head
    m = dm.at(subj) if subj is not None else None
    return _of_person(parties, m) if m is not None and m.label == "PERSON" else None


def _members_kind(chunk: Span) -> Token | None:
    """The kind noun of "the MPs' committee", "the workers' union": a body named by the plural
    common noun for its members ("MPs'", not "Labour's"), which says no more than "the committee"."""
    head = chunk.root
    if len(chunk) != 4 or head.lower_ not in _KINDS or _KINDS[head.lower_] != "ORG":
        return None
    owner, case = chunk[1], chunk[2]
    from ..ontology import word_table

    plural = owner.tag_ in {"NNS", "NNPS"} or owner.lower_ in word_table("chamber_members")  # "MPs" tags as one name
    if not plural or owner.head != head or owner.dep_ != "poss" or case.text not in {"'", "’"}:
        return None
    return head


def _definite_phrases(doc: Doc) -> list[Span]:
    """The noun chunks, and the possessors inside them ("the German operator's plans")."""
    found = list(doc.noun_chunks)
    for tok in tokens(doc):
        if tok.dep_ == "poss" and tok.pos_ == "NOUN" and tok.left_edge.lower_ == "the" and tok.left_edge.i < tok.i:
            found.append(doc[tok.left_edge.i : tok.i + 1])

    return sorted(found, key=lambda s: (s.start, s.end))


def _kind_fits(kind: str, m: Mention) -> bool:
    """"the country" is a country, "the city" not one; "the ministry" names a ministry."""
    from .. import places

    if kind in {"country", "nation"}:
        return places.country(m.text) is not None
    if kind in {"city", "capital"}:
        return places.country(m.text) is None
    if kind in _NAMED_IN:
        return kind in m.text.lower() or kind == "party" and _party_name(m)
    return True


def _party_name(m: Mention) -> bool:
    """"Labour", "the Tories", "Tory", "the Conservatives", "Socialist": a party called by its
    adjective (:func:`kg.extract.holder_ties.party_word`), singular or plural."""
    from ..ontology import word_list
    from .holder_ties import party_word

    if party_word(m):
        return True
    text, words = m.text.lower(), word_list("party_adjectives")
    return text.endswith("s") and (text[:-1] in words or text.endswith("ies") and text[:-3] + "y" in words)
