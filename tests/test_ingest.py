"""Tests of the ingest stage on real files: the seed articles, Reuters records, and fixtures
under tests/fixtures/ingest/ for every format and every kind of bad input."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import random
import shutil
from datetime import datetime
from pathlib import Path

import pytest

import kg.ingest
from kg.boilerplate import clean_text
from kg.errors import InputError
from kg.ingest import SUPPORTED_SUFFIXES, discover, iter_documents, read_file
from kg.records import Document, Skipped

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
SAMPLES = ROOT / "samples"
REUTERS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "reuters21578" / "reuters21578.jsonl"


def only(items: object) -> Document | Skipped:
    items = list(items)  # type: ignore[call-overload]
    assert len(items) == 1, items
    return items[0]


@pytest.fixture(scope="module")
def samples() -> dict[str, Document]:
    docs = list(iter_documents([SAMPLES]))
    assert all(isinstance(d, Document) for d in docs), docs
    return {d.id: d for d in docs}


def test_ingest_exports() -> None:
    assert set(kg.ingest.__all__) == {
        "SUPPORTED_SUFFIXES", "CleanResult", "clean_text", "discover", "iter_documents", "read_file"
    }


# --------------------------------------------------------------------------- the seed articles


def test_ingest_samples_all_read(samples: dict[str, Document]) -> None:
    assert sorted(samples) == sorted(p.stem for p in SAMPLES.glob("*.txt"))
    for doc in samples.values():
        assert doc.source.endswith(f"{doc.id}.txt")
        assert doc.sha256 == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        assert doc.text == doc.text.strip() and "\n\n\n" not in doc.text


@pytest.mark.parametrize(
    "junk",
    ["Leave a Reply", "Back to top", "Required fields", "Your email address", "By Sulaiman Saber",
     "AfghanistanAnalysis", "DID Press:", "MOSCOW —", "High-level engagement", "Security and Geopolitics:"],
)
def test_ingest_samples_boilerplate_gone(samples: dict[str, Document], junk: str) -> None:
    for doc in samples.values():
        assert junk not in doc.text, doc.id


def test_ingest_samples_metadata(samples: dict[str, Document]) -> None:
    d000, d001 = samples["000_6adcf7dded68f096"], samples["001_7baf7cc50561ada2"]
    assert d000.title == "Russia Raises Security Concerns Over Afghanistan as Taliban Seeks Stronger Economic Ties"
    assert d001.title == "Russia Signals Strategic, Security-Focused Engagement with Taliban"
    assert (d001.author, d001.publisher) == ("Sulaiman Saber", "DID Press Agency")
    assert d000.publisher == "DID Press"
    assert samples["003_8d74d1f1f795a5dd"].title is None  # its first line is a sentence


@pytest.mark.parametrize(
    ("doc_id", "sentence"),
    [
        ("001_7baf7cc50561ada2", "Dmitry Peskov, spokesperson for the Russian presidency, recently said that Moscow "
                                 "will continue expanding its engagement with Afghanistan."),
        ("001_7baf7cc50561ada2", "Kremlin emphasized that Russia’s decision to deepen ties with the Taliban"),
        ("001_7baf7cc50561ada2", "in Central Asia—a policy with significant implications for the Taliban, regional "
                                 "actors, and global powers."),
        ("000_6adcf7dded68f096", "Sergey Lavrov, Russia’s foreign minister, has stated that Afghanistan"),
        ("002_5855140788810bfc", "President Vladimir V. Putin of Russia announced that Moscow is engaged with the "
                                 "Taliban"),
        ("002_5855140788810bfc", "“The situation in Afghanistan is complex,” he said."),
        ("003_8d74d1f1f795a5dd", "Lavrov made these remarks on Monday during discussions in Moscow"),
        ("004_1135b3a4308fe0a1", "He said: “The challenges facing the CSTO are new threats,"),
        ("004_1135b3a4308fe0a1", "Lavrov stated: “Russia does not play a mediating role"),
        ("004_1135b3a4308fe0a1", "Political analyst Rohullah Hotak said: “Some statements by countries"),
    ],
)
def test_ingest_samples_key_sentences_kept(samples: dict[str, Document], doc_id: str, sentence: str) -> None:
    assert sentence in samples[doc_id].text


def test_ingest_samples_every_sentence_line_kept(samples: dict[str, Document]) -> None:
    # Every line of a sample that ends a sentence survives (minus a source prefix or dateline).
    for path in SAMPLES.glob("*.txt"):
        text = samples[path.stem].text
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line.endswith((".", "”")) and not line.startswith("Your email"):
                tail = line.split(": ", 1)[-1] if line.startswith("DID Press") else line.split(" — ", 1)[-1]
                assert tail in text, (path.name, line)


# --------------------------------------------------------------------------- Reuters records


def reuters_records(n: int) -> list[dict]:
    if not REUTERS.exists():
        pytest.skip(f"Reuters corpus not present at {REUTERS}")
    with REUTERS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in itertools.islice(fh, n)]


def test_ingest_reuters_records_preserved() -> None:
    records = reuters_records(3)
    docs = list(itertools.islice(read_file(REUTERS), 3))
    for record, doc in zip(records, docs):
        assert isinstance(doc, Document)
        assert doc.id == record["id"] and doc.title == record["title"]
        assert doc.date == datetime.strptime(record["date"].split()[0], "%d-%b-%Y").date().isoformat()  # an ISO day
        assert doc.source.endswith(f"reuters21578.jsonl:{records.index(record) + 1}")
        expected = "\n\n".join(" ".join(p.split()) for p in record["text"].split("\n") if p.strip())
        assert doc.text == expected


def test_ingest_reuters_bodies_not_trimmed() -> None:
    # Nothing of a real newswire body is boilerplate: over 500 records the cleaner removes no line.
    records = reuters_records(500)
    removed = [line for r in records for line in clean_text(r["text"], title=r["title"]).removed]
    assert removed == []


# --------------------------------------------------------------------------- formats


def test_ingest_html_article_main_text_and_metadata() -> None:
    doc = only(read_file(FIXTURES / "water_deal.html"))
    assert isinstance(doc, Document)
    assert doc.title == "Kazakhstan and Uzbekistan Sign Water-Sharing Deal"
    assert doc.author == "Aigerim Bekova"
    assert doc.publisher == "Steppe Herald"
    assert doc.date == "2024-03-14"
    assert doc.url == "https://steppeherald.example/news/2024/03/water-deal"
    assert doc.text.startswith("Kazakhstan and Uzbekistan signed an agreement on Thursday")
    assert "Analysts welcomed the accord" in doc.text
    for junk in ("Politics", "cookies", "Share on", "Advertisement", "Related articles", "Tajikistan opens",
                 "Great news for farmers", "Leave a Reply", "Required fields", "All rights reserved",
                 "dataLayer", "renderAd", "Tags:", "ASTANA", "A long-running dispute"):
        assert junk not in doc.text, junk


def test_ingest_html_malformed_read_without_error() -> None:
    doc = only(read_file(FIXTURES / "malformed.html"))
    assert isinstance(doc, Document)
    assert doc.title == "Broken page"
    assert "Unclosed para" in doc.text


def test_ingest_html_without_article_text_skipped() -> None:
    assert only(read_file(FIXTURES / "no_text.html")) == Skipped(
        str(FIXTURES / "no_text.html"), "no article text found in HTML"
    )


def test_ingest_markdown_markup_stripped() -> None:
    doc = only(read_file(FIXTURES / "pamir_highway.md"))
    assert isinstance(doc, Document)
    assert (doc.title, doc.author, doc.date, doc.publisher) == (
        "Pamir Highway Reopens After Landslide", "Nodira Karimova", "2024-05-02", "Roof of the World Post"
    )
    assert doc.text.startswith("Tajik authorities reopened the Pamir Highway on Thursday, a week after")
    assert "Residents said food prices in Khorog had doubled during the closure." in doc.text
    assert "The road links Dushanbe with the Chinese border." in doc.text
    for markup in ("#", "**", "*", "](", "![", "```", "curl", "> ", "- The", "What happened", "KHOROG"):
        assert markup not in doc.text, markup


def test_ingest_jsonl_malformed_line_does_not_stop_the_file() -> None:
    path = FIXTURES / "records.jsonl"
    items = list(read_file(path))
    docs = [d for d in items if isinstance(d, Document)]
    skipped = {s.source: s.reason for s in items if isinstance(s, Skipped)}
    assert [d.id for d in docs] == ["wire-1", "records-2", "wire-8"]
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:2", f"{path}:8"]
    assert skipped[f"{path}:3"].startswith("malformed JSON: ")
    assert skipped[f"{path}:4"] == "no 'text' field (fields: id, title, body); use --text-field"
    assert skipped[f"{path}:5"] == "empty 'text' field"
    assert skipped[f"{path}:6"] == "not a JSON object but an array"
    assert len(skipped) == 4  # the blank line 7 is no record


def test_ingest_jsonl_metadata_fields() -> None:
    doc = next(iter(read_file(FIXTURES / "records.jsonl")))
    assert isinstance(doc, Document)
    assert (doc.title, doc.author, doc.date, doc.url, doc.publisher) == (
        "Mongolia raises interest rate", "Batbayar D.", "2024-02-01", "https://wire.example/1", "Example Wire"
    )
    assert doc.text.endswith("\n\nThe bank said further increases were possible.")


def test_ingest_jsonl_text_field_option() -> None:
    items = list(read_file(FIXTURES / "records.jsonl", text_field="body"))
    docs = [d for d in items if isinstance(d, Document)]
    assert [d.text for d in docs] == ["The text is under another field."]


def test_ingest_csv_records() -> None:
    path = FIXTURES / "records.csv"
    items = list(read_file(path))
    docs = [d for d in items if isinstance(d, Document)]
    assert [(d.id, d.source) for d in docs] == [("csv-1", f"{path}:2"), ("records-3", f"{path}:3")]
    assert docs[0].author == "Anna Petrosyan" and docs[0].date == "2024-04-10"
    assert docs[1].text == ("Georgia opened a new container terminal at the Black Sea port of Poti on Thursday."
                            "\n\nThe terminal can handle 500,000 containers a year, the operator said.")
    skipped = {s.source: s.reason for s in items if isinstance(s, Skipped)}
    assert skipped == {
        f"{path}:5": "malformed CSV: 8 fields, the header has 5",
        f"{path}:6": "empty 'text' column",
    }


def test_ingest_csv_without_text_column_one_skip() -> None:
    path = FIXTURES / "no_text_column.csv"
    assert only(read_file(path)) == Skipped(str(path), "no 'text' column (columns: id, title, body); use --text-field")


def test_ingest_csv_large_field(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    text = "The council met again. " * 10_000  # 230 kB, over csv's default field limit
    path.write_text(f'id,text\nbig-1,"{text}"\n', encoding="utf-8")
    doc = only(read_file(path))
    assert isinstance(doc, Document) and doc.text == text.strip()


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("whitespace.txt", "empty file"),
        ("binary.txt", "binary file, not text"),
        ("control.txt", "binary file, not text"),
        ("latin1.txt", "not valid UTF-8 (invalid byte 0xe9 at offset 3); it reads as cp1252: pass --encoding cp1252"),
        ("no_text.html", "no article text found in HTML"),
    ],
)
def test_ingest_bad_file_one_clear_reason(name: str, reason: str) -> None:
    assert only(read_file(FIXTURES / name)) == Skipped(str(FIXTURES / name), reason)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".md", ".html"])
@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (b"  \n\n ", "empty file"), (b"\x00\x01PK\x03\x04" * 50, "binary file, not text")],
)
def test_ingest_bad_file_every_format(tmp_path: Path, suffix: str, content: bytes, reason: str) -> None:
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(content)
    assert only(read_file(path)) == Skipped(str(path), reason)


@pytest.mark.parametrize("name", ["utf8_bom.txt", "utf16.txt"])
def test_ingest_bom_encodings_read(name: str) -> None:
    doc = only(read_file(FIXTURES / name))
    assert isinstance(doc, Document)
    assert doc.text.startswith("Café owners in Montréal protested on Monday")


def test_ingest_encoding_option() -> None:
    doc = only(read_file(FIXTURES / "latin1.txt", encoding="latin-1"))
    assert isinstance(doc, Document) and "Café owners in Montréal" in doc.text


def test_ingest_encoding_option_wrong_codec_says_so(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes("Ünïcode text that is not ASCII at all.".encode())
    reason = only(read_file(path, encoding="ascii")).reason  # type: ignore[union-attr]
    assert reason.startswith("not valid ascii (invalid byte 0xc3 at offset 0)") and "--encoding" in reason


def test_ingest_jsonl_bad_bytes_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": "Kazakhstan raised its key rate on Friday."}).encode()
    path.write_bytes(good + b"\n" + b'{"text": "Caf\xe9"}\n' + good + b"\n")
    items = list(read_file(path))
    assert [type(i) for i in items] == [Document, Skipped, Document]
    offset = len(good) + 1 + len(b'{"text": "Caf')  # counted from the start of the file
    assert items[1] == Skipped(f"{path}:2", f"not valid UTF-8 (invalid byte 0xe9 at offset {offset}); "
                                            "it reads as cp1252: pass --encoding cp1252")


def test_ingest_utf16_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_text('{"id": "w1", "text": "Almaty hosted the summit."}\n', encoding="utf-16")
    doc = only(read_file(path))
    assert isinstance(doc, Document) and (doc.id, doc.text) == ("w1", "Almaty hosted the summit.")


def test_ingest_huge_file_over_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("The talks went on for hours. " * 100, encoding="utf-8")
    assert only(read_file(path, max_bytes=1000)) == Skipped(
        str(path), "2.9 kB is over the --max-bytes limit of 1.0 kB"
    )


def test_ingest_huge_file_message_in_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as fh:
        fh.truncate(12_300_000)  # sparse: the size is checked before anything is read
    assert only(read_file(path)) == Skipped(str(path), "12.3 MB is over the --max-bytes limit of 5.0 MB")


def test_ingest_max_bytes_applies_to_each_record(tmp_path: Path) -> None:
    path = tmp_path / "recs.jsonl"
    lines = [{"id": "short", "text": "Short text."}, {"id": "long", "text": "Long text. " * 20}]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    items = list(read_file(path, max_bytes=100))
    assert isinstance(items[0], Document) and items[0].id == "short"
    assert items[1] == Skipped(f"{path}:2", "220 bytes is over the --max-bytes limit of 100 bytes")


def test_ingest_only_boilerplate_skipped(tmp_path: Path) -> None:
    path = tmp_path / "widgets.txt"
    path.write_text("Leave a Reply\nBack to top button\n© 2024 Example News\n", encoding="utf-8")
    assert only(read_file(path)) == Skipped(str(path), "no text left after removing boilerplate")


def test_ingest_directory_race_is_a_skip(tmp_path: Path) -> None:
    (tmp_path / "sub.txt").mkdir()
    assert only(read_file(tmp_path / "sub.txt")) == Skipped(str(tmp_path / "sub.txt"), "Is a directory")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_ingest_unreadable_file_is_a_skip(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("A sentence.", encoding="utf-8")
    path.chmod(0)
    try:
        assert only(read_file(path)) == Skipped(str(path), "Permission denied")
    finally:
        path.chmod(0o644)


def test_ingest_streams_one_file_at_a_time(tmp_path: Path) -> None:
    # A file removed after the first document was yielded is reported, not crashed on:
    # proof that files are opened one at a time, as the iterator advances.
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Tajikistan and Kyrgyzstan settled their border.", encoding="utf-8")
    stream = iter_documents([tmp_path])
    assert isinstance(next(stream), Document)
    (tmp_path / "b.txt").unlink()
    assert list(stream) == [Skipped(str(tmp_path / "b.txt"), "No such file or directory")]


def test_ingest_never_raises_on_any_fixture() -> None:
    items = list(iter_documents([FIXTURES, SAMPLES]))
    assert all(isinstance(i, (Document, Skipped)) for i in items)
    assert all("\n" not in str(s) for s in items if isinstance(s, Skipped))  # one line each


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"encoding": "latin-99"}, "--encoding: unknown encoding 'latin-99'"),
        ({"max_bytes": 0}, "--max-bytes: must be a positive number of bytes, got 0"),
        ({"text_field": ""}, "--text-field: must name a field or column"),
    ],
)
def test_ingest_bad_options_raise_at_call(kwargs: dict, message: str) -> None:
    with pytest.raises(InputError, match="^" + message.replace("(", r"\(")):
        iter_documents([FIXTURES], **kwargs)
    with pytest.raises(InputError):
        read_file(FIXTURES / "latin1.txt", **kwargs)


# --------------------------------------------------------------------------- discovery


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    for rel in ("a.txt", "b/c.md", "b/d/e.html", "b/d/f.jsonl", "g.csv", "b/notes.pdf", "b/.hidden.txt",
                ".git/x.txt", "b/.cache/y.txt", "Z.TXT"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Some text.", encoding="utf-8")
    return tmp_path


def test_ingest_discover_folder_recursive(tree: Path) -> None:
    files, skipped = discover([tree])
    assert [p.relative_to(tree).as_posix() for p in files] == [
        "Z.TXT", "a.txt", "b/c.md", "b/d/e.html", "b/d/f.jsonl", "g.csv"
    ]
    assert skipped == []


def test_ingest_discover_glob_patterns(tree: Path) -> None:
    files, skipped = discover([str(tree / "**" / "*.html"), str(tree / "b" / "*.md")])
    assert [p.name for p in files] == ["c.md", "e.html"]
    files, skipped = discover([str(tree / "*.nothing")])
    assert files == [] and skipped == [Skipped(str(tree / "*.nothing"), "pattern matched no file")]
    files, skipped = discover([str(tree / "b" / "*.pdf")])
    assert files == [] and skipped[0].reason.startswith("pattern matched no supported file")


def test_ingest_discover_missing_and_unsupported(tree: Path, tmp_path: Path) -> None:
    files, skipped = discover([tree / "b" / "notes.pdf", tree / "missing.txt", tree / "a.txt"])
    assert files == [tree / "a.txt"]
    assert skipped == [
        Skipped(str(tree / "b" / "notes.pdf"), f"unsupported file type '.pdf' (supported: {', '.join(SUPPORTED_SUFFIXES)})"),
        Skipped(str(tree / "missing.txt"), "no such file or directory"),
    ]


def test_ingest_discover_hidden_file_named_explicitly(tree: Path) -> None:
    files, _ = discover([tree / "b" / ".hidden.txt"])
    assert files == [tree / "b" / ".hidden.txt"]


def test_ingest_discover_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    files, skipped = discover([tmp_path / "empty"])
    assert files == [] and skipped[0].reason.startswith("no supported files in folder")


def test_ingest_discover_deduplicated(tree: Path) -> None:
    files, _ = discover([tree / "a.txt", tree, str(tree / "*.txt"), tree / "b" / ".." / "a.txt"])
    assert len(files) == len(set(files)) == 6
    assert files.count(tree / "a.txt") == 1


def test_ingest_discover_deterministic(tree: Path) -> None:
    inputs = [tree / "b", tree / "a.txt", str(tree / "*.csv"), tree / "b" / "d"]
    expected, _ = discover(inputs)
    for seed in range(5):
        shuffled = inputs[:]
        random.Random(seed).shuffle(shuffled)
        assert discover(shuffled)[0] == expected
    assert expected == sorted(expected)


def test_ingest_iter_documents_order_is_stable(tree: Path) -> None:
    shutil.copy(SAMPLES / "001_7baf7cc50561ada2.txt", tree / "b" / "sample.txt")
    first = [str(i) if isinstance(i, Skipped) else (i.id, i.sha256) for i in iter_documents([tree])]
    second = [str(i) if isinstance(i, Skipped) else (i.id, i.sha256) for i in iter_documents([tree])]
    assert first == second and len(first) == 7
