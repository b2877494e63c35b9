"""Negation, modality and attribution of a clause: is it a plain fact, and whose?

A fact is only a fact when the article asserts it. "has not recognized" is negated; "could",
"if", "whether", questions and plans are hypothetical; "X said that ..." and quotations are
reported, with X as the speaker. The rules read the dependency tree around the clause's verb.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..ontology import load_lexicon
from ..records import ASSERTED, HYPOTHETICAL, REPORTED
from ._doc import text as doc_text
from .mentions import is_dateline

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["SPEECH_VERBS", "Clause", "QuoteIndex", "classify", "neither", "nominal_hypothetical", "nominal_reported"]

#: Verbs that attribute the clause they govern to their subject: the cue words of
#: ``kg:Statement`` in ``kg.ttl``.
SPEECH_VERBS = frozenset(v for v in load_lexicon().cues if " " not in v) | {"warn", "admit", "tell"}
#: Auxiliaries that make a clause possible, conditional or future rather than a fact.
MODALS = frozenset({"could", "may", "might", "would", "should", "can", "will", "shall", "must", "ca", "wo", "'ll", "'d"})
#: Heads whose complement is intended, hoped or planned, not done: "plans to visit".
IRREALIS_HEADS = frozenset({
    "plan", "hope", "want", "seek", "aim", "intend", "expect", "try", "wish", "consider", "propose",
    "threaten", "prepare", "ready", "able", "likely", "possible", "willing", "need", "attempt",
    "offer", "promise", "agree", "decide", "unable", "eager", "keen", "set", "deserve", "aspire",
    "ought", "dream", "vow", "pledge", "demand", "ask", "urge",
    # what one asks or orders another to do (object_control_verbs.txt): "ordered the bank to take over X"
    "order", "require", "press", "pressure", "pressurise", "request", "invite", "encourage", "advise", "instruct",
    "call", "challenge", "beg", "implore", "remind", "warn", "direct", "prefer", "like", "tell", "nominate",
    # a passive that hedges what follows: "was rumored to have rejected", "is believed to have fled"
    "rumor", "rumour", "believe", "suspect", "allege", "think", "reckon",
    # what one may do, not what one did: "SAS is allowed to fly to Tokyo"
    "allow", "permit", "authorize", "authorise", "entitle", "license", "licence",
})
#: Heads whose complement did not happen: "refused to recognise", "failed to agree".
NEGATIVE_HEADS = frozenset({"refuse", "fail", "decline", "neglect", "omit"})
#: Nouns whose clause is only intended, offered or demanded: "Russia's plan to buy X".
IRREALIS_NOUNS = frozenset({
    "plan", "bid", "offer", "proposal", "attempt", "effort", "threat", "call", "demand", "hope",
    "intention", "readiness", "willingness", "promise", "pledge", "vow", "decision", "request",
    "push", "drive", "ambition", "desire", "option", "move", "aim", "goal", "bid", "target", "wish",
    "application", "candidacy", "recommendation",
})
#: Heads whose "that" clause with a bare verb is asked for, not done (the mandative subjunctive):
#: "the panel recommended that the FDA approve Rogaine", "urged that the EC take action".
MANDATIVE_HEADS = frozenset({
    "recommend", "urge", "demand", "ask", "insist", "propose", "suggest", "require", "request",
    "order", "move", "advise", "prefer", "stipulate", "command", "direct", "petition",
})
#: Nouns whose clause says something that did not happen: "Comecon's refusal to recognise X".
NEGATIVE_NOUNS = frozenset({"refusal", "failure", "inability", "reluctance", "unwillingness"})
#: Nouns whose clause someone claims, not the article: "allegations he pressured X".
CLAIM_NOUNS = frozenset({
    "allegation", "claim", "accusation", "rumour", "rumor", "speculation", "suggestion", "report",
    "suspicion", "fear", "charge", "assertion", "belief", "view", "idea", "possibility", "prospect",
})
#: Claim nouns that report, rather than suppose: "reports of their rift" (modality reported).
REPORT_NOUNS = frozenset({"report", "news"})
#: Verbs whose object is a topic or a plan, not a done thing: "met to discuss Serbia joining the
#: EU", "considered a merger with X", "opposed the takeover of Y".
TOPIC_HEADS = frozenset({
    "discuss", "consider", "debate", "examine", "study", "review", "explore", "weigh", "mull",
    "negotiate", "propose", "suggest", "oppose", "reject", "block", "seek", "plan", "approve",
    "investigate", "probe", "rule", "delay", "postpone", "abandon", "cancel", "need", "want",
    "urge", "demand", "recommend", "favour", "favor", "support", "back", "welcome", "explore",
    "contemplate", "envisage", "announce", "unveil", "float", "pursue", "resist", "fear",
})
#: Modifiers that make an event noun not (yet) real: "the proposed merger", "a possible takeover".
IRREALIS_MODIFIERS = frozenset({
    "proposed", "planned", "possible", "potential", "rumoured", "rumored", "expected", "mooted",
    "prospective", "likely", "would-be", "attempted", "hoped", "intended", "suggested", "contemplated",
    "envisaged", "future", "hypothetical", "putative", "pending", "unsolicited", "hostile",
    "alleged", "accused", "suspected", "reputed", "purported",  # "the accused assassin of X": not a finding
})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
_NEGATORS = frozenset({"not", "n't", "never", "no"})
_OPEN_QUOTES = {"“": "”", "«": "»", '"': '"'}
_QUOTE_OPENERS = re.compile('[“«"]')


def _ends_with_question(sent) -> bool:
    """Whether a sentence ends with "?" (before closing quotes and spaces), without building its text."""
    for tok in reversed(sent):
        if tok.is_space or tok.text in {"”", '"', "’", "'"}:
            continue
        return tok.text.endswith("?")
    return False


@dataclass(frozen=True, slots=True)
class Clause:
    """What :func:`classify` says about a clause."""

    negated: bool
    modality: str
    speaker: Token | None


class QuoteIndex:
    """Sentences and quotation spans of a document, each quotation with its speech verb.

    Built once per document: the rules ask it which sentence a token is in, whether that
    sentence is a question, and whether a character lies inside a quotation.
    """

    def __init__(self, doc: Doc) -> None:
        text = doc_text(doc)
        self.sents = list(doc.sents)
        self.sent_chars = [s.start_char for s in self.sents]
        self._sent_tokens = [s.start for s in self.sents]
        self._questions = [_ends_with_question(s) for s in self.sents]
        self.spans: list[tuple[int, int, Token | None]] = []
        i = 0
        while True:
            found = _QUOTE_OPENERS.search(text, i)
            if found is None:
                break
            i = found.start()
            close = _OPEN_QUOTES[text[i]]
            end = text.find(close, i + 1)
            if close == '"' and 0 < end < len(text) - 1 and text[end - 1].isspace() and text[end + 1].isalnum():
                # '... other offences. "We stand by ...': a straight quote with a space before it and a
                # word after it opens the next quotation; the one before it was left open, as news
                # leaves a quotation that goes on, and ends there
                end -= 1
            line_end = text.find("\n", i + 1)
            if end == -1 or line_end != -1 and end > line_end:
                # an unclosed quote runs to the end of its paragraph: news leaves a quotation that
                # goes on into the next paragraph open and opens it again there
                end = len(text) if line_end == -1 else line_end
            verb = self._speech_verb_near(doc, i, end + 1)
            if verb is None and self.spans and self.spans[-1][2] is not None and not text[self.spans[-1][1] : i].strip():
                # '"... differently to other offences. "We stand by the provisions ..."': a quotation
                # opened right after another, with no speech verb of its own, goes on with its speaker
                verb = self.spans[-1][2]
            self.spans.append((i, end + 1, verb))
            i = end + 1

    def sent_of(self, token: Token) -> int:
        """Index of the sentence a token belongs to."""
        return max(0, bisect.bisect_right(self._sent_tokens, token.i) - 1)

    def sent_at(self, char: int) -> int:
        """Index of the sentence a character offset belongs to."""
        return max(0, bisect.bisect_right(self.sent_chars, char) - 1)

    def is_question(self, token: Token) -> bool:
        """Whether the token's sentence ends with a question mark."""
        return self._questions[self.sent_of(token)] if self.sents else False

    def speaker_verb(self, char: int) -> tuple[bool, Token | None]:
        """Whether a character offset lies inside a quotation, and its speech verb."""
        for start, end, verb in self.spans:
            if start <= char < end:
                return True, verb
        return False, None

    def _speech_verb_near(self, doc: Doc, start: int, end: int) -> Token | None:
        """The speech verb outside a quotation, in the sentences where it opens or closes."""
        if not self.sents:
            return None
        first, last = self.sent_at(start), self.sent_at(end - 1)
        order = [last] + ([first] if first != last else [])
        # "He said:" on the line before a quote ends the sentence just before it.
        if first > 0 and self.sents[first - 1].text.rstrip().endswith(":"):
            order.append(first - 1)
        for n in order:
            for tok in self.sents[n]:
                if (tok.idx < start or tok.idx >= end) and tok.lemma_ in SPEECH_VERBS and tok.pos_ == "VERB":
                    return tok
        return None


def _negated(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "neg" or (child.dep_ in {"advmod", "neg"} and child.lower_ in _NEGATORS):
            return True
        if child.dep_ in {"aux", "auxpass"} and any(g.dep_ == "neg" for g in child.children):
            return True
    return False


#: Passive verbs that put what follows in the future: "is expected to visit", "is scheduled for talks".
_FUTURE_PASSIVES = frozenset({"expect", "schedule", "set", "due", "slate", "plan", "tip", "poise"})


def _infinitive(verb: Token) -> bool:
    """A verb with "to" before it: the subject-and-infinitive clause of "wants X to buy Y"."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _rather_than(verb: Token) -> bool:
    """"bought back shares rather than buy the LSE", "instead of buying X": what was not done."""
    doc, i = verb.doc, verb.left_edge.i
    before = " ".join(t.lower_ for t in doc[max(0, i - 2) : i])
    return verb.dep_ in {"conj", "pcomp"} and before in {"rather than", "instead of"}


def neither(verb: Token) -> bool:
    """"Neither Jefferies Group nor Boyd Jefferies engaged in insider trading": no subject did."""
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subj is not None and any(c.dep_ == "preconj" and c.lower_ == "neither" or c.dep_ == "cc" and c.lower_ == "nor" for c in subj.subtree)


def _modal(verb: Token) -> bool:
    if verb.lemma_.lower() in _FUTURE_PASSIVES and any(c.dep_ == "auxpass" for c in verb.children):
        return True
    if _waited_until(verb):
        return False
    return any(c.dep_ in {"aux", "auxpass"} and (c.tag_ == "MD" or c.lower_ in MODALS) for c in verb.children)


def _waited_until(verb: Token) -> bool:
    """"Meyer had to wait until 1970 before he could re-enter Parliament": a past ability the
    waiting ends in happened ("could" here is no possibility)."""
    return (verb.dep_ == "advcl" and verb.head.lemma_.lower() == "wait"
            and any(c.dep_ == "mark" and c.lower_ in {"before", "until", "till"} for c in verb.children)
            and any(c.dep_ == "aux" and c.lower_ == "could" for c in verb.children))


def _for_to(verb: Token) -> bool:
    """"The deal cleared the way for Chrysler to buy American Motors", "it is time for Japan to
    open its markets": a clause with "for" and "to" says what may happen, not what did."""
    return verb.tag_ == "VB" and any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children) \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _conditional(verb: Token) -> bool:
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in verb.children):
        return True
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children)
        for c in verb.children
    )


def _subjunctive(verb: Token) -> bool:
    """A bare verb with its own subject and no auxiliary: "that the FDA approve Rogaine"."""
    return verb.tag_ == "VB" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children) and any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def closest_subject(verb: Token, found: list[Token]) -> Token | None:
    """Of the subjects the parser gave a verb, the one it has, or of two (a misparse: "North Devon
    landowner Giles Bradshaw was put") the one next to the verb."""
    before = [c for c in found if c.i < verb.i]
    return (before[-1] if len(found) > 1 and before else found[0]) if found else None


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of a verb (:func:`closest_subject`), looking through coordination."""
    found = closest_subject(verb, [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and not is_dateline(c)])
    if found is not None:
        return found
    if verb.dep_ == "conj" and verb.head != verb:
        clause = _misparsed_clause(verb)
        return subject_of(clause if clause is not None else verb.head)
    return None


def _misparsed_clause(verb: Token) -> Token | None:
    """The clause a conjunct verb goes on: "During his time on the witness stand Mr Sullivan
    told jurors he met frequently with Mr Ebbers, told him ... and had warned him ...": the
    parser took "stand" for the main verb, with no subject, made "told jurors" its clausal
    complement and the verbs after it the root's conjuncts; they go on what Sullivan told the
    jurors ("he met ...", subject "he", reported). Only for a root with no subject after a phrase
    of its own (an imperative, "Tell him ... and ask ...", has none to find)."""
    root = verb.head
    if verb.dep_ != "conj" or root.dep_ != "ROOT" or any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in root.children):
        return None
    if not any(c.dep_ == "prep" and c.i < root.i for c in root.children):
        return None
    inner = next((c for c in root.children if c.dep_ == "ccomp" and root.i < c.i < verb.i), None)
    if inner is None or not any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in inner.children):
        return None
    said = next((c for c in inner.children if c.dep_ == "ccomp" and c.i < verb.i), None) if inner.lemma_ in SPEECH_VERBS else None
    return said if said is not None and any(c.dep_ == "nsubj" for c in said.children) else inner


def nominal_hypothetical(noun: Token) -> bool:
    """Whether an event noun is only proposed, planned, discussed or opposed, not done.

    "the proposed merger", "talks on a possible takeover", "considered a merger with X",
    "opposed the takeover of Y", "Chrysler's takeover offer" (an offer is not a takeover).
    """
    for c in noun.children:
        if c.dep_ in {"amod", "compound", "advmod"} and c.lower_ in IRREALIS_MODIFIERS:
            return True
        if c.dep_ == "amod" and any(g.lower_ in IRREALIS_MODIFIERS for g in c.children):
            return True  # "the previously-proposed merger"
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in IRREALIS_NOUNS | CLAIM_NOUNS:
        return True  # "a takeover offer", "merger proposal"
    head, dep = noun.head, noun.dep_
    while dep in {"pobj", "prep", "conj"} and head != head.head:  # "talks on a merger", "plans for a takeover"
        if head.pos_ in {"NOUN", "PROPN"} and dep == "prep":
            lemma = head.lemma_.lower()
            if lemma in REPORT_NOUNS:
                return False  # "reports of their rift": reported (nominal_reported), not supposed
            if lemma in IRREALIS_NOUNS or lemma in CLAIM_NOUNS or lemma in {"talk", "talks", "discussion", "negotiation", "vote", "debate"}:
                return True
        dep, head = head.dep_, head.head
    if dep in {"dobj", "pobj", "nsubjpass", "xcomp", "attr"} and head.lemma_.lower() in TOPIC_HEADS:
        return True
    return head.pos_ in {"VERB", "AUX"} and _modal(head)  # "X is expected here for talks with Y"


def nominal_reported(noun: Token) -> bool:
    """"reports of their rift", "news of the merger": an event noun the article has from others."""
    head, dep = noun.head, noun.dep_
    return dep == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in REPORT_NOUNS


#: Auxiliaries of the future: a stance declared for the future is held now.
_FUTURE = frozenset({"will", "'ll", "wo", "shall"})
#: Heads under which a stance is taken, not only intended: "decided to back the plans".
_COMMITTED = frozenset({"decide", "vow", "pledge", "promise", "agree"})


def _future_only(verb: Token, reported: bool) -> bool:
    """Whether the verb's modals only say it is future: "will back", and in reported speech
    "would back" ("announced they would back the plans"); not "may", "could" or "should"."""
    modals = [c for c in verb.children if c.dep_ in {"aux", "auxpass"} and (c.tag_ == "MD" or c.lower_ in MODALS)]
    return bool(modals) and all(c.lower_ in _FUTURE or reported and c.lower_ in {"would", "'d"} for c in modals)


def classify(verb: Token, quotes: QuoteIndex, *, stance: bool = False) -> Clause:
    """Negation, modality and speaker of the clause headed by ``verb``.

    Walks from the verb to the root of its sentence: a conditional or modal anywhere on the
    way makes the clause hypothetical, a speech verb above it makes it reported. With
    ``stance`` (supports, opposes: an attitude, not an act), a stance declared for the future or
    decided on is held: "The Tories announced they would back the plans", "decided to support".
    """
    if stance:
        plain = classify(verb, quotes)
        if plain.modality != HYPOTHETICAL:
            return plain
        heads = [t for t in verb.ancestors if t.pos_ in {"VERB", "AUX"}][:1]
        committed = verb.dep_ == "xcomp" and heads and heads[0].lemma_.lower() in _COMMITTED and not _modal(heads[0])
        reported = any(t.lemma_ in SPEECH_VERBS for t in verb.ancestors) or quotes.speaker_verb(verb.idx)[0]
        future = _future_only(verb, reported) and not _conditional(verb) and not quotes.is_question(verb)
        if not (committed and not _modal(verb) or future) or verb.dep_ not in {"ROOT", "ccomp", "xcomp", "conj"}:
            return plain
        outer = heads[0] if committed else verb.head if verb.dep_ != "ROOT" else None
        if outer is not None and outer is not verb and classify(outer, quotes).modality == HYPOTHETICAL:
            return plain  # "may have decided to back", "said it might announce it would back"
        return Clause(plain.negated, REPORTED if reported else ASSERTED, plain.speaker)
    negated = _negated(verb) or _rather_than(verb)
    hypothetical = quotes.is_question(verb) or any(c.lower_ == "yet" for c in verb.children) and any(c.dep_ == "xcomp" for c in verb.children)
    hypothetical = hypothetical or _for_to(verb)
    speaker: Token | None = None
    reported = False
    tok = below = verb
    path_dep = ""
    own_clause = True  # modals above a relative clause do not reach it: "X, which owns Y, may sell"
    while True:
        if own_clause and (_modal(tok) or _conditional(tok)):
            hypothetical = True
        if own_clause and tok != verb and path_dep in {"xcomp", "acomp", "acl"} and tok.lemma_.lower() in IRREALIS_HEADS:
            hypothetical = True
        if own_clause and tok != verb and path_dep == "xcomp" and tok.lemma_ == "be" and _infinitive(below):
            hypothetical = True  # "Rha was to leave for trade talks": planned
        if own_clause and tok != verb and path_dep == "ccomp" and tok.lemma_.lower() in IRREALIS_HEADS and _infinitive(below):
            hypothetical = True  # "wants Deutsche Boerse to buy back its shares": parsed as a clause with "to"
        if own_clause and tok != verb and path_dep == "ccomp" and tok.lemma_.lower() in MANDATIVE_HEADS and _subjunctive(verb):
            hypothetical = True  # "recommended that the FDA approve Rogaine" (rule mandative_subjunctive)
        if own_clause and tok != verb and (path_dep == "acl" and tok.pos_ == "NOUN" or path_dep == "advcl") and _infinitive(below):
            hypothetical = True  # "a trip to help improve relations with China", "flew to Tokyo to seek talks": a purpose
        if own_clause and tok != verb and path_dep == "xcomp" and any(c.lower_ == "yet" for c in tok.children):
            hypothetical = True  # "the dates have yet to be set"
        if own_clause and tok != verb and path_dep == "xcomp" and tok.lemma_.lower() in NEGATIVE_HEADS:
            negated = not negated
        elif own_clause and tok != verb and path_dep == "xcomp" and _negated(tok):
            hypothetical = True  # "did not manage to buy X": the buying is not stated
        if tok != verb and tok.pos_ in {"NOUN", "PROPN"} and path_dep in {"acl", "relcl", "ccomp", "xcomp"}:
            lemma = tok.lemma_.lower()
            if lemma in NEGATIVE_NOUNS:  # "Comecon's refusal to recognise West Berlin"
                negated = not negated
            elif lemma in IRREALIS_NOUNS or lemma in CLAIM_NOUNS:  # "plans to buy", "allegations he pressured"
                hypothetical = True
        if own_clause and tok != verb and path_dep in {"dobj", "pcomp", "xcomp", "ccomp"} and verb.tag_ == "VBG" and tok.lemma_.lower() in TOPIC_HEADS:
            hypothetical = True  # "met to discuss Serbia joining the EU"
        if tok != verb and tok.lemma_ in SPEECH_VERBS and path_dep in {"ccomp", "parataxis", "xcomp"}:
            reported = True
            if tok.lemma_ == "deny":
                negated = not negated
            speaker = speaker or subject_of(tok)
        for child in tok.children:  # "according to X"
            if child.dep_ == "prep" and child.lower_ == "according":
                reported = True
                pobj = next((g for c in child.children for g in ([c] + list(c.children)) if g.dep_ == "pobj"), None)
                speaker = speaker or pobj
        if tok.head == tok:
            break
        path_dep = tok.dep_
        below = tok
        if path_dep in {"relcl", "appos"} or path_dep == "acl" and tok.tag_ in {"VBG", "VBN"}:
            own_clause = False
        tok = _misparsed_clause(tok) or tok.head
    inside, quote_verb = quotes.speaker_verb(verb.idx)
    if inside and not reported:
        reported = True
        if quote_verb is not None and quote_verb != verb:
            speaker = subject_of(quote_verb)
    if hypothetical:
        modality = HYPOTHETICAL
    elif reported:
        modality = REPORTED
    else:
        modality = ASSERTED
    return Clause(negated, modality, speaker)
