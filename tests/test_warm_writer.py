"""The warm writer (forked before parsing, writes the views and exports) changes no byte. See #14."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time

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


def test_warm_writer_sharing_the_files_writes_the_same_bytes(tmp_path, sample_build, monkeypatch):
    """Above kg._write.SHARE_ABOVE the writer writes the view, the build the tables and the other
    exports, each from a projection of its own: the same bytes."""
    from dataclasses import replace

    from kg.pipeline import assemble

    monkeypatch.setattr("kg._write.SHARE_ABOVE", 0)
    records = read_records(sample_build.out_dir / RECORDS_FILE)
    # dated articles: GEXF then dates its edges by their sources, which a projection without them would lose
    pairs = [(replace(doc, date=f"2024-05-0{i % 9 + 1}"), ex) for i, (doc, ex) in enumerate(records.pairs)]
    data, _ = assemble(pairs, base_iri=records.base_iri)
    writer = warm_writer()
    try:
        write_outputs(data, tmp_path / "shared", records=pairs, base_iri=records.base_iri, writer=writer)
        assert writer.seconds > 0
    finally:
        writer.close()
    monkeypatch.setattr("kg._write.SHARE_ABOVE", 10**9)
    write_outputs(data, tmp_path / "plain", records=pairs, base_iri=records.base_iri)
    assert b"<spells>" in (tmp_path / "plain" / "graph.gexf").read_bytes()
    for rel in (*OUTPUT_FILES, RECORDS_FILE):
        assert (tmp_path / "shared" / rel).read_bytes() == (tmp_path / "plain" / rel).read_bytes(), rel


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


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel ends the child with its parent on Linux")
def test_warm_writer_ends_with_a_killed_build(tmp_path):
    """A build killed while its warm writer waits leaves no orphan: the child holds its own end of
    the pipe, so it would never see the pipe close and wait for ever."""
    script = ("import os, signal, sys\n"
              "from kg.pipeline import warm_writer\n"
              "w = warm_writer()\n"
              "print(w.process.pid, flush=True)\n"
              "os.kill(os.getpid(), signal.SIGKILL)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    child = int(done.stdout.split()[0])
    for _ in range(100):
        if not _alive(child):
            break
        time.sleep(0.1)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(") ")[1][:1] not in {"Z", "X"}  # a zombie waiting for init is gone
    except OSError:
        return False
