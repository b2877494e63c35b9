"""Good records survive bad neighbours: byte checks per record, an HTML fallback, encoding hints. See #13."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from kg.ingest import read_file
from kg.records import Document, Notice, Skipped

pytestmark = pytest.mark.issue(13)

GOOD = "Boris Johnson met Joe Biden in London."
PROSE = ("Boris Johnson met Joe Biden in London on Tuesday to discuss trade between the two countries, "
         "officials said.")


def kinds(items: list) -> list[type]:
    return [type(i) for i in items]


@pytest.mark.parametrize("bad", [b"\x00\x00", b"\x01\x02", b"\x00\x1b"])
def test_bom_csv_control_bytes_in_second_record_keep_the_first(tmp_path: Path, bad: bytes) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"id,text\r\nr1,%s\r\nr2,%s\r\nr3,Angela Merkel visited Paris.\r\n"
                     % (GOOD.encode(), bad))
    items = list(read_file(path))
    assert kinds(items) == [Document, Skipped, Document]
    assert (items[0].id, items[0].text) == ("r1", GOOD)
    assert items[1] == Skipped(f"{path}:3", "binary data, not text")
    assert items[2].id == "r3"


def test_csv_undecodable_record_is_one_skip_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    body = b'id,text\na,"%s"\nb,"Fran\xe7ois Hollande\nmet Angela Merkel."\nc,"Olaf Scholz visited Warsaw."\n' % GOOD.encode()
    path.write_bytes(body)
    items = list(read_file(path))
    assert kinds(items) == [Document, Skipped, Document]
    offset = body.index(b"\xe7")
    assert items[1] == Skipped(f"{path}:3", f"not valid UTF-8 (invalid byte 0xe7 at offset {offset}); "
                                            "it reads as cp1252: pass --encoding cp1252")
    assert items[2].source == f"{path}:5"  # the bad record spanned lines 3-4


def test_csv_binary_header_skips_the_file(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_bytes(b"id,te\x00xt\nr1,%s\n" % GOOD.encode())
    assert list(read_file(path)) == [Skipped(str(path), "header row: binary data, not text")]


def test_jsonl_nul_bytes_in_one_line_keep_the_others(tmp_path: Path) -> None:
    path = tmp_path / "nul.jsonl"
    good = json.dumps({"id": "g", "text": GOOD}).encode()
    path.write_bytes(good + b"\n" + b'{"id": "b", "text": "\x00\x00\x00"}\n' + good.replace(b'"g"', b'"h"') + b"\n")
    items = list(read_file(path))
    assert kinds(items) == [Document, Skipped, Document]
    assert items[1] == Skipped(f"{path}:2", "binary data, not text")
    assert [items[0].id, items[2].id] == ["g", "h"]


def test_jsonl_escapes_no_writer_can_carry_are_replaced(tmp_path: Path) -> None:
    path = tmp_path / "escapes.jsonl"
    record = {"id": "e\ud800", "title": "A\x0bB", "text": "Lavrov met Wang Yi \ud800 in\x01 Moscow."}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    doc = only(read_file(path))
    assert isinstance(doc, Document)
    assert (doc.id, doc.title, doc.text) == ("e\ufffd", "A B", "Lavrov met Wang Yi \ufffd in Moscow.")


def test_really_binary_record_file_is_one_skip(tmp_path: Path) -> None:
    path = tmp_path / "image.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    assert list(read_file(path)) == [Skipped(str(path), "binary file, not text")]


@pytest.mark.parametrize("depth", [300, 5000])
def test_html_nested_deeper_than_libxml2_reads_its_paragraphs(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<html><head><title>Talks</title></head><body>" + "<div>" * depth + f"<p>{PROSE}</p>"
                    + "</div>" * depth + "</body></html>", encoding="utf-8")
    notices: list[Notice] = []
    doc = only(read_file(path, on_notice=notices.append))
    assert isinstance(doc, Document) and doc.text == PROSE and doc.title == "Talks"
    assert notices == [Notice(str(path), "no main text found by trafilatura; read from the page's paragraphs")]


def deep(body: str, depth: int = 300) -> str:
    """A page trafilatura reads nothing from: its body nested deeper than libxml2 goes."""
    return "<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>"


def test_html_fallback_leaves_menus_and_scripts_out(tmp_path: Path) -> None:
    path = tmp_path / "menus.html"
    path.write_text(deep("<nav><ul><li>Home</li><li>World</li></ul></nav><script>var x = 'Not prose at all.';</script>"
                         f"<p>{PROSE}</p><p>Share on Facebook</p><style>p {{ color: red; }}</style>"), encoding="utf-8")
    doc = only(read_file(path))
    assert isinstance(doc, Document) and doc.text == PROSE


def test_html_fallback_reads_text_blocks_when_there_is_no_p(tmp_path: Path) -> None:
    path = tmp_path / "divs.html"
    path.write_text(deep(f"<div>Menu</div><div>{PROSE}</div>"), encoding="utf-8")
    doc = only(read_file(path))
    assert isinstance(doc, Document) and doc.text == PROSE


def test_html_without_prose_is_still_skipped(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text(deep("<nav><a>Home</a> | <a>World</a></nav><p>Subscribe</p><div>Log in</div>"
                         "<script>render('A sentence that is code.');</script>"), encoding="utf-8")
    assert only(read_file(path)) == Skipped(str(path), "no article text found in HTML")


@pytest.mark.parametrize(("text", "codec"), [
    ("François Hollande met Angela Merkel in Strasbourg; the café was closed.", "cp1252"),
    ("Министр иностранных дел России Сергей Лавров встретился с коллегой в Москве.", "cp1251"),
])
def test_legacy_encoding_error_names_the_codec_that_reads_it(tmp_path: Path, text: str, codec: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(codec))
    reason = only(read_file(path)).reason
    assert reason.startswith("not valid UTF-8 (invalid byte") and reason.endswith(f"pass --encoding {codec}")
    doc = only(read_file(path, encoding=codec))  # the hint works
    assert isinstance(doc, Document) and doc.text == text


def test_summary_says_which_pages_were_read_from_paragraphs(tmp_path: Path) -> None:
    from kg.build import BuildResult

    result = BuildResult(data=None, documents=2, sentences=3, entities=4, facts=1, assertions=2, seconds=1.0,
                         notices=(Notice("a.html", "no main text found by trafilatura; read from the page's paragraphs"),))
    assert result.summary().startswith("2 documents read (1 HTML page read from its paragraphs), 0 skipped;")


def only(items: object) -> Document | Skipped:
    items = list(items)  # type: ignore[call-overload]
    assert len(items) == 1, items
    return items[0]


def test_csv_with_lone_cr_line_ends_reads_every_row(tmp_path: Path) -> None:
    """Found by the fuzz suite: classic Mac line ends (CR only), as csv reads them with newline=''."""
    path = tmp_path / "mac.csv"
    path.write_bytes(b'id,text\rr1,%s\rr2,"Angela Merkel visited Paris.\rShe met Emmanuel Macron."\rr3,x y z.\r'
                     % GOOD.encode())
    items = list(read_file(path))
    assert [(d.id, d.source) for d in items] == [("r1", f"{path}:2"), ("r2", f"{path}:3"), ("r3", f"{path}:5")]
    assert "Angela Merkel visited Paris." in items[1].text and "She met Emmanuel Macron." in items[1].text


def test_csv_malformed_header_and_odd_column_names_are_one_line(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_bytes(b'"id\nx","te\r\nxt"\nr1,%s\n' % GOOD.encode())
    assert list(read_file(path)) == [Skipped(str(path), "no 'text' column (columns: id x, te xt); use --text-field")]
