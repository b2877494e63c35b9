"""Small typed records passed between the stages of the pipeline.

Stages never pass spaCy objects to each other: a record keeps character offsets and the
sentence text, so it can be pickled, compared and stored without the parser around.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

__all__ = ["Document", "Skipped", "Notice", "Mention", "Assertion", "Entity", "Modality", "Statement", "Participant", "Event",
           "fast_pickle"]


def fast_pickle(cls):
    """Pickle a frozen slotted dataclass as a call of its constructor.

    Records cross processes (workers, Dask, spilled parts) by the million; dataclasses restores
    such instances field by field through ``__setstate__``, which looks the fields up again for
    every instance and takes about a third more time.
    """
    names = tuple(f.name for f in fields(cls))

    def __reduce__(self):
        return cls, tuple(getattr(self, n) for n in names)

    cls.__reduce__ = __reduce__
    return cls

#: The modalities an assertion can carry (DESIGN.md, triples.csv `modality`).
Modality = str
ASSERTED, REPORTED, HYPOTHETICAL = "asserted", "reported", "hypothetical"


@fast_pickle
@dataclass(frozen=True, slots=True)
class Document:
    """One article, cleaned of web boilerplate; offsets elsewhere refer to ``text``."""

    id: str
    text: str
    source: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    sha256: str = ""


@fast_pickle
@dataclass(frozen=True, slots=True)
class Skipped:
    """An input (file, or record of a file) that could not be read, with the reason."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@fast_pickle
@dataclass(frozen=True, slots=True)
class Notice:
    """An input that was read, but not the usual way (an HTML page read from its paragraphs)."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@fast_pickle
@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document that names (or refers to) an entity.

    ``label`` is the spaCy entity label (PERSON, ORG, GPE, ...) or POSITION for a role.
    ``key`` is the normalised name used for resolution; for a pronoun or description it is
    the key of the mention it was resolved to, so resolution treats them alike.
    """

    doc_id: str
    text: str
    start: int
    end: int
    label: str
    key: str


@fast_pickle
@dataclass(frozen=True, slots=True)
class Assertion:
    """One extracted subject–predicate–object statement with its provenance.

    ``predicate`` is the local name of an ontology property (``meets``) or, when ``open`` is
    true, the lemma phrase of an unmapped relation (``express concern about``).
    """

    doc_id: str
    subject: Mention
    predicate: str
    object: Mention
    sentence: str
    sent_start: int
    sent_end: int
    rule: str
    confidence: float
    negated: bool = False
    modality: Modality = ASSERTED
    speaker: Mention | None = None
    open: bool = False
    time: str | None = None  # "former", "then": the words that put the fact in the past
    when: str | None = None  # the temporal expression of its clause: "in 1989", "until 2003"
    statement: str | None = None  # :attr:`Statement.key` of the statement it was said in
    event: str | None = None  # :attr:`Event.key` of the event it is part of

    @property
    def is_fact(self) -> bool:
        """A plain fact: not negated, and asserted or reported (not hypothetical)."""
        return not self.negated and self.modality in (ASSERTED, REPORTED)


@fast_pickle
@dataclass(frozen=True, slots=True)
class Entity:
    """A resolved real-world referent: one node of the graph."""

    id: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    same_as: tuple[str, ...] = field(default=())


@fast_pickle
@dataclass(frozen=True, slots=True)
class Statement:
    """What a speaker said, as one article reports it: a node of its own, not an edge.

    ``start``/``end`` are the offsets of the content (the quoted or reported words) in the
    document; ``kind`` is ``direct`` for a quotation and ``reported`` for indirect speech;
    ``about`` are the entities that are arguments of the content, not every name in it.
    """

    doc_id: str
    speakers: tuple[Mention, ...]
    cue: str  # lemma of the speech verb ("say", "warn"), or "according to"
    kind: str  # "direct" or "reported"
    text: str
    start: int
    end: int
    sentence: str
    sent_start: int
    sent_end: int
    about: tuple[Mention, ...] = ()

    @property
    def key(self) -> str:
        """Its id within the document: the offsets of its content."""
        return f"{self.start}-{self.end}"


@fast_pickle
@dataclass(frozen=True, slots=True)
class Participant:
    """An entity taking part in an event, by role (``agent``, ``partner``, ``target``, ``winner`` ...)."""

    role: str
    mention: Mention
    slot: str = ""  # where the text names it: subject, object, support, possessor, with, of ...


@fast_pickle
@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened (or is planned): a meeting, visit, election, takeover, attack ...

    ``cls`` is an event class of the ontology (``Meeting``); ``start``/``end`` are the offsets
    of the trigger word; ``time`` keeps the words that say when ("on Monday"), which are
    normalised against the article's date when the graph is made.
    """

    doc_id: str
    cls: str
    trigger: str
    start: int
    end: int
    participants: tuple[Participant, ...]
    place: Mention | None
    time: str | None
    sentence: str
    sent_start: int
    sent_end: int
    negated: bool = False
    modality: Modality = ASSERTED

    @property
    def key(self) -> str:
        """Its id within the document: the offsets of its trigger."""
        return f"{self.start}-{self.end}"
