"""Shared fixtures: the real spaCy pipeline and one real build of the sample articles.

Both are session-scoped: the model loads once, and the samples are built once into a
temporary folder that tests read (tests that modify outputs build their own).
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
REUTERS = SHARED / "corpus" / "reuters21578" / "reuters21578.jsonl"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: needs Debian's chromium at /usr/bin/chromium")


@pytest.fixture(scope="session")
def nlp():
    """The English pipeline kg uses by default."""
    from kg.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """A real ``kg.build`` of the five sample articles, written to a temporary folder."""
    import kg

    out = tmp_path_factory.mktemp("sample-build")
    return kg.build(SAMPLES, out=out, quiet=True)


@pytest.fixture(scope="session")
def sample_graph(sample_build):
    """The rdflib graph of the sample build, read back from its graph.ttl."""
    import kg

    return kg.load(sample_build.out_dir / "graph.ttl")


@pytest.fixture(scope="session")
def reuters_lines():
    """The first 60 Reuters-21578 records as raw JSON lines (skips if shared/ is absent)."""
    if not REUTERS.is_file():
        pytest.skip(f"{REUTERS} not found")
    with REUTERS.open(encoding="utf-8") as fh:
        return [next(fh) for _ in range(60)]


@pytest.fixture(scope="session")
def reuters500(tmp_path_factory):
    """The first 500 Reuters-21578 articles: ``(corpus path, extraction records)``, parsed once (2 processes)."""
    import itertools

    from kg.pipeline import extract_documents

    if not REUTERS.is_file():
        pytest.skip(f"{REUTERS} not found")
    corpus = tmp_path_factory.mktemp("reuters500") / "reuters-500.jsonl"
    with REUTERS.open(encoding="utf-8") as fh:
        corpus.write_text("".join(itertools.islice(fh, 500)), encoding="utf-8")
    return corpus, [item for item in extract_documents([corpus], workers=2) if isinstance(item, tuple)]


@pytest.fixture(scope="session")
def reuters500_pairs(reuters500):
    """The extraction records of the first 500 Reuters-21578 articles."""
    return reuters500[1]
