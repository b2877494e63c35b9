"""Bodies and countries a role implies when its words name none: the article's country, the one
body of its kind the article names, a national office's country, the department a government
post heads, the organisation a "with" clause is about (a mixin of :class:`kg.extract.affiliation.Roles`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..ontology import word_list
from ..records import Mention
from .names import normalise
from .role_words import _COMPANY_OFFICERS, _PORTFOLIO_HEADS, _SUBORDINATE, _singular

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .rules import Context

__all__ = ["ImpliedBodies"]


class ImpliedBodies:
    """What a role implies; needs ``self.ctx`` (a :class:`kg.extract.rules.Context`) and ``self._country``."""

    ctx: Context
    _country: object

    def article_country(self) -> Mention | None:
        """The country the article is about: the one its mentions name most (at least twice)."""
        if self._country is not False:
            return self._country  # type: ignore[return-value]
        from .. import places

        counts: dict[str, list[Mention]] = {}
        named: dict[str, list[Mention]] = {}
        for m in self.ctx.mentions.mentions:
            if m.label in {"GPE", "NORP", "LOC"}:
                place = places.country(m.text, demonyms=m.label == "NORP")
                if place is not None:
                    named.setdefault(place.iso or place.name, []).append(m)
                elif m.label != "NORP":  # "England", "London": places in the country count for it
                    place = places.lookup(m.text)
                if place is not None and (place.iso or place.kind == "Country"):
                    counts.setdefault(place.iso or place.name, []).append(m)
        best = sorted(counts.items(), key=lambda kv: (-len(kv[1]), kv[1][0].start))
        clear = best and len(best[0][1]) >= 3 and (len(best) == 1 or len(best[1][1]) * 3 <= len(best[0][1]))
        self._country = named[best[0][0]][0] if clear and best[0][0] in named else None
        return self._country  # type: ignore[return-value]

    def implied_body(self, words: list[Token], matched: str, holder: Mention) -> Mention | None:
        """The body a role without a stated affiliation belongs to, when the article leaves no doubt.

        "Committee chairman Alan Beith": the one committee the article names; "chief executive
        Peter Brabeck-Letmathe" in an article about Nestle: the organisation it names most, at
        least twice and twice as often as any other.
        """
        absolute = _with_clause_body(self.ctx, holder)
        if absolute is not None:
            return absolute
        kinds = word_list("org_kinds")
        head = matched.split()[-1]
        if words and any(pobj.lemma_.lower() in kinds for prep in words[-1].children if prep.dep_ == "prep" and prep.lower_ in {"of", "at"}
                         for pobj in prep.children if pobj.dep_ == "pobj"):
            return None  # "chairman of the refining company that is to spin off": a body the text does not name
        kind_words = [w.lower_ for w in words if w.lower_ in kinds and w.lower_ != head]
        orgs = [m for m in self.ctx.mentions.mentions if m.label == "ORG" and m.start < holder.start and m.text.lower() not in {"it", "its", "they", "their"}]
        if kind_words and _portfolio_tokens(words):  # "House Budget Committee Chairman": the body the title names
            return _named_in_title(words, orgs)  # (the article's company is not it)
        if kind_words:
            at = next(k for k, w in enumerate(words) if w.lower_ == kind_words[-1])
            modifier = words[at - 1].lower_ if at > 0 and words[at - 1].pos_ in {"ADJ", "PROPN"} else None  # "central bank"
            before = words[at].doc[words[at].i - 1] if words[at].i > 0 else None
            dropped = before.lower_ if modifier is None and before is not None and before.pos_ == "ADJ" and before.head == words[at] else None
            named = {m.key: m for m in orgs if kind_words[-1] in m.text.lower().split() and (modifier is None or modifier in m.text.lower().split())
                     and (dropped is None or dropped in m.text.lower().split())}  # "state central bank": no World Bank
            if len(named) == 1:
                body = {words[at].i} | ({words[at - 1].i} if modifier is not None else set())
                words[:] = [w for w in words if w.i not in body]  # "Committee chairman" of the committee
                return next(iter(named.values()))
            return None
        if matched not in _COMPANY_OFFICERS:
            return None
        if words and any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in words[-1].children):
            return None  # "Their chairman, Belgium's Paul de Keersmaeker": theirs (the ministers'), not the article's company
        subject = self._named_subject(holder)
        if subject is not None:
            return subject
        qualifiers = word_list("role_qualifiers")
        if any(w.is_lower and w.lower_ not in matched.split() and w.lower_ not in qualifiers for w in words):
            return None  # "West Berlin state central bank president": a body of its own, not the article's most named
        counts: dict[str, list[Mention]] = {}
        for m in self.ctx.mentions.mentions:
            if m.label == "ORG" and m.text[:1].isupper() and len(m.text) > 2 and m.text.lower() not in {"it", "its", "they", "their"}:
                counts.setdefault(m.key, []).append(m)
        ranked = sorted(counts.values(), key=lambda ms: (-len(ms), ms[0].start))
        if ranked and len(ranked[0]) >= 2 and (len(ranked) == 1 or len(ranked[1]) * 2 <= len(ranked[0])):
            return ranked[0][0]
        return None

    def _named_subject(self, holder: Mention) -> Mention | None:
        """The one organisation a clause of the holder's sentence has for its subject, by name:
        "Dean Foods Co expects earnings ..., Chairman Kenneth Douglas told analysts", "World Film
        Services was formed by chairman John Heyman" (the article may name others more often); never
        a subject inside a quotation ('"The option of selling Perrier is still on the table," chief
        executive Peter Brabeck-Letmathe confirmed')."""
        span = self.ctx.span_of(holder)
        if span is None:
            return None
        found = {}
        for tok in span.sent:
            if tok.dep_ in {"nsubj", "nsubjpass"} and tok.pos_ == "PROPN" and not self.ctx.quotes.speaker_verb(tok.idx)[0]:
                m = self.ctx.mentions.at(tok)
                if m is not None and m.label == "ORG" and m.key != holder.key and m.text[:1].isupper():
                    found.setdefault(m.key, m)
        return next(iter(found.values())) if len(found) == 1 else None

    def office_country(self, role: str, words: list[Token] = ()) -> Mention | None:
        """The country whose office this is by name ("home secretary": the UK), if the article names
        it, or names no country at all (then the title implies it)."""
        from .. import places

        iso = _national_offices().get(role) or _national_offices().get(" ".join(role.split()[-2:]))
        if iso is None:
            return None
        named = False
        for m in self.ctx.mentions.mentions:
            if m.label in {"GPE", "NORP"}:
                place = places.country(m.text, demonyms=m.label == "NORP")
                if place is not None and place.iso == iso:
                    return m
                named = named or place is not None and place.kind == "Country"
        doc = self.ctx.doc
        for tok in self.ctx.tokens:  # the NER misses some: "the U.S. agreed"
            if tok.is_upper or tok.is_title:
                place = places.country(tok.text)
                if place is not None and place.iso == iso and self.ctx.mentions.at(tok) is None:
                    return self.ctx.mentions.add(doc[tok.i : tok.i + 1], "GPE")
        place = places.country_by_iso(iso)
        if named or not words or place is None:
            return None  # another country named: whose office it is stays open
        return self.ctx.mentions.add_implied(doc[words[0].i : words[-1].i + 1], "GPE", normalise(place.name), place.name)

    def ministry_of(self, role: str, country: Mention | None) -> Mention | None:
        """The department a government post heads, when the article names it: "Home Secretary" and
        "the Home Office", "Foreign Minister" and "the Foreign Ministry", "Deputy Prime Minister"
        and "the Office of the Deputy Prime Minister". A department named with another country
        is that country's."""
        from .. import places

        words = role.split()
        if not words or words[-1] not in {"minister", "secretary"} or any(w in _SUBORDINATE for w in words[:1]) and role != "deputy prime minister":
            return None
        portfolio = [w for w in words[:-1] if w not in {"prime", "deputy"} | set(word_list("role_qualifiers"))]
        for m in self.ctx.mentions.mentions:
            if m.label != "ORG":
                continue
            name = m.text.lower().replace("the ", "").split()
            if " ".join(name) in {f"office of {role}", f"office of the {role}"} or (
                    portfolio and all(w in name for w in portfolio) and any(w in name for w in ("office", "ministry", "department"))
                    and len(name) <= len(portfolio) + 3):
                others = [w for w in m.text.split() if places.country(w, demonyms=True) is not None]
                if others and (country is None or all(places.country(w, demonyms=True) != places.country(country.text, demonyms=True) for w in others)):
                    continue  # "the Soviet Foreign Ministry" is not a British minister's
                return m
        return None


def _named_in_title(words: list[Token], orgs: list[Mention]) -> Mention | None:
    """The one organisation of the article whose whole name the title's words spell ("House Budget
    Committee" in "House Budget Committee Chairman"); its words leave the role."""
    low = [w.lower_ for w in words]
    found: dict[str, tuple[Mention, int, int]] = {}
    for m in orgs:
        name = m.text.lower().split()
        for at in range(len(low) - len(name)):  # never the whole title: the role noun stays
            if low[at : at + len(name)] == name:
                found.setdefault(m.key, (m, at, at + len(name)))
    if len(found) != 1:
        return None
    m, start, end = next(iter(found.values()))
    words[:] = words[:start] + words[end:]
    return m


def _with_clause_body(ctx: Context, holder: Mention) -> Mention | None:
    """"The Liberal Democrats launched their platform, with leader Charles Kennedy saying ...": the
    holder of a bare role in a "with" clause holds it in the organisation the clause is about."""
    span = ctx.span_of(holder)
    if span is None or span.root.dep_ != "nsubj" or span.root.head.dep_ not in {"pcomp", "pobj"} or span.root.head.head.lower_ != "with":
        return None
    clause = next((a for a in span.root.head.head.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if clause is None:
        return None
    for subj in (c for c in clause.children if c.dep_ == "nsubj"):
        m = ctx.mentions.at(subj)
        if m is not None and m.label in {"ORG", "NORP"} and m.text.lower() not in {"it", "its", "they", "their"}:
            span = ctx.span_of(m)
            lead = [c for c in subj.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and ctx.mentions.at(c) is None]
            if span is not None and lead and lead[-1].i == span.start - 1:  # "The Liberal Democrats": the NER's "Democrats"
                ctx.mentions.remove(m)
                m = ctx.mentions.add(ctx.doc[lead[0].i : span.end], "ORG")
            return m
    return None


def _national_offices() -> dict[str, str]:
    """``office -> ISO code`` from ``ontology/lexicon/national_offices.tsv``."""
    from ..ontology import word_table

    return word_table("national_offices")


def _portfolio_of(prep: Token, pobj: Token) -> list[Token] | None:
    """The words of the portfolio a role's "of" or "for" names, if it names one: "Secretary of
    Transportation", "Secretary of State for the Economy" ("the" after "for" is no part of it),
    or the department an "of" names: "Vice-President of Marketing Services"."""
    if prep.lower_ not in {"of", "for"}:
        return None
    words = [w for w in pobj.subtree if w.dep_ != "det" or prep.lower_ == "of"]
    if " ".join(w.lower_ for w in words) in word_list("portfolios"):
        return words
    units = word_list("function_units") | word_list("portfolios")
    inner = {t.i for c in pobj.children if c.dep_ == "prep" for t in c.subtree}  # "of Research at Nomura": at Nomura
    own = [w for w in words if w.i not in inner]
    # "Vice-President of Marketing Services": a department (``function_units``), not a body
    return own if prep.lower_ == "of" and own and all(w.is_alpha and w.lower_ in units for w in own) else None


def _portfolio_tokens(tokens: list[Token]) -> set[int]:
    """Indexes of the portfolio words right before a role noun: "Home" Secretary, "Rural Affairs" Secretary."""
    portfolios = word_list("portfolios")
    out: set[int] = set()
    n = len(tokens)
    for end in range(n):
        nxt = tokens[end + 1] if end + 1 < n else None
        if nxt is None or nxt.lower_ not in _PORTFOLIO_HEADS and _singular(nxt.lower_) not in _PORTFOLIO_HEADS:
            continue
        if tokens[end].lower_ == "affairs" and end >= 1 and tokens[end - 1].is_alpha:  # "Corporate Affairs minister"
            out.update((tokens[end - 1].i, tokens[end].i))
            continue
        j = end
        while j >= 0:
            for k in range(max(0, j - 2), j + 1):  # phrases of up to three words
                phrase = " ".join(x.lower_ for x in tokens[k : j + 1])
                if phrase in portfolios:
                    out.update(x.i for x in tokens[k : j + 1])
                    j = k - 1
                    if j >= 1 and tokens[j].lower_ in {"and", "&"} and tokens[j - 1].lower_ in portfolios:
                        out.add(tokens[j].i)  # "Energy and mines minister": one portfolio
                        j -= 1
                    break
            else:
                break
    return out
