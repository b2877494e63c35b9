"""The warm writer (forked before parsing, writes the views and exports) changes no byte. See #14."""

from __future__ import annotations

import shutil

import pytest

from kg.errors import KGError
from kg.pipeline import OUTPUT_FILES, warm_writer, write_outputs
from kg.records_io import RECORDS_FILE, read_records

pytestmark = pytest.mark.issue(14)


def test_warm_writer_writes_the_same_bytes(tmp_path, sample_build):
    records = read_records(sample_build.out_dir / RECORDS_FILE)
    writer = warm_writer()
    try:
        assert writer.started
        write_outputs(sample_build.data, tmp_path / "warm", records=records.pairs, base_iri=records.base_iri, writer=writer)
        assert writer.seconds > 0 and writer.peak_rss_mb > 0  # the job ran in the child
    finally:
        writer.close()
    write_outputs(sample_build.data, tmp_path / "plain", records=records.pairs, base_iri=records.base_iri)
    for rel in (*OUTPUT_FILES, RECORDS_FILE):
        assert (tmp_path / "warm" / rel).read_bytes() == (tmp_path / "plain" / rel).read_bytes(), rel


def test_warm_writer_failure_leaves_previous_outputs(tmp_path, sample_build, monkeypatch):
    out = tmp_path / "out"
    shutil.copytree(sample_build.out_dir, out)
    before = {rel: (out / rel).read_bytes() for rel in OUTPUT_FILES}

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kg.views.write_html", broken)
    writer = warm_writer()  # forked after the patch: the child's write_html fails
    try:
        with pytest.raises(KGError, match="No space left on device"):
            write_outputs(sample_build.data, out, writer=writer)
    finally:
        writer.close()
    assert {rel: (out / rel).read_bytes() for rel in OUTPUT_FILES} == before
    assert not list(out.glob(".kg-tmp-*"))


def test_warm_writer_closed_unused_and_unpicklable_jobs_fall_back(tmp_path, sample_build):
    writer = warm_writer()
    writer.close()
    assert not writer.started and not writer.submit(print, "x")
    writer = warm_writer()
    try:
        assert not writer.submit(lambda: None)  # a lambda does not pickle: the caller writes itself
        assert not writer.started
    finally:
        writer.close()
