"""All or nothing, proven by faults: SIGKILL at every write and rename step of build, add and store. See #13.

tests/fault_runner.py runs each operation once to the end, counting the steps that change files
(``open`` for writing, renames, ``mkdir``, links, removals, ``rmtree``, ``chmod``, the folder
exchange, ...). Then, for every step N, a fresh copy of the old state is made, the operation
runs in a forked child that SIGKILLs itself just before step N (the kernel ends it: no
``finally``, no ``atexit``), and the folder must be wholly the old build or wholly the new one,
with the user's own files still there. Then the operation runs again, unhurt, and must give the
new build and leave nothing beside the folder. The runner loads kg and spaCy once and forks per
step, so a step costs the writing, not a start-up.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import kg
from kg.records_io import RECORDS_FILE, read_records

pytestmark = [pytest.mark.issue(13), pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")]

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "samples"
NEW_ARTICLE = "Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev in Tashkent on Friday.\n"
USER_FILES = {"README.md": b"my notes\n", "neo4j/mine.cypher": b"MATCH (n) RETURN n;\n", "views/lavrov.html": b"<p>mine</p>\n"}


class Runner:
    """tests/fault_runner.py, started once: ``run(op, work, kill_at)`` -> its JSON answer."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen([sys.executable, str(HERE / "fault_runner.py"), str(root)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert json.loads(self.process.stdout.readline()) == {"ready": True}

    def run(self, op: str, work: Path, *, jobs: int = 1, kill_at: int = 0) -> dict:
        self.process.stdin.write(json.dumps({"op": op, "work": str(work), "jobs": jobs, "kill_at": kill_at}) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


def snapshot_output(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (user files included) and its bytes' hash."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest().encode()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def snapshot_store(folder: Path) -> tuple:
    """A store's marker, records and the sorted content of its database."""
    from kg.store import open_store

    marker = (folder / "kg-store.json").read_bytes()
    records = hashlib.sha256((folder / RECORDS_FILE).read_bytes()).hexdigest()
    store = open_store(folder)
    dump = store.native.dump(format=__import__("pyoxigraph").RdfFormat.N_QUADS)
    del store
    extra = sorted(p.name for p in folder.iterdir() if p.name not in ("kg-store.json", RECORDS_FILE, "oxigraph"))
    return marker, records, hashlib.sha256(b"".join(sorted(dump.splitlines()))).hexdigest(), extra


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}.kg-")
                  and not p.name.endswith(".kg-lock"))


@pytest.fixture(scope="module")
def small(tmp_path_factory, nlp):
    """An old build of one sample article (with the user's files beside it) and its store."""
    root = tmp_path_factory.mktemp("faults")
    (root / "in").mkdir()
    shutil.copy(SAMPLES / "000_6adcf7dded68f096.txt", root / "in")
    (root / "new").mkdir()
    (root / "new" / "tokayev.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    old = kg.build(root / "in", out=root / "old-out", store=root / "old-store", quiet=True)
    for rel, data in USER_FILES.items():
        (root / "old-out" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "old-out" / rel).write_bytes(data)
    return root, old


@pytest.fixture(scope="module")
def runner(small):
    """Two runners: the kills of an operation are shared out between CI's two cores."""
    runners = [Runner(small[0]) for _ in range(2)]
    yield runners
    for r in runners:
        r.close()


def check_every_step(runners: list[Runner], root: Path, name: str, op: str,
                     folders: dict[str, Callable[[Path], object]], jobs: int = 1) -> tuple[int, dict]:
    """The heart of the test: kill ``op`` at each of its write steps; each time each folder is
    old or new, then the next run succeeds. Steps are shared out between the runners (one
    work folder each), so the two cores of CI both work."""
    from concurrent.futures import ThreadPoolExecutor

    def fresh(work: Path) -> None:
        for p in work.iterdir():
            shutil.rmtree(p) if p.is_dir() else p.unlink()
        shutil.copytree(root / "old-out", work / "out")
        shutil.copytree(root / "old-store", work / "store")

    def snap(work: Path) -> dict:
        return {folder: take(work / folder) for folder, take in folders.items()}

    works = [root / f"{name}-{i}" for i in range(len(runners))]
    for work in works:
        work.mkdir()
    fresh(works[0])
    old = snap(works[0])
    done = runners[0].run(op, works[0], jobs=jobs)
    assert done["exit"] == 0 and done["steps"] > 5, done
    new = snap(works[0])
    assert all(new[f] != old[f] for f in folders)

    def kill_at(i: int, step: int) -> list[str]:
        runner, work = runners[i], works[i]
        fresh(work)
        killed = runner.run(op, work, jobs=jobs, kill_at=step)
        assert killed["signal"] == signal.SIGKILL, (step, killed)
        state = snap(work)
        seen = []
        for folder in folders:
            assert state[folder] in (old[folder], new[folder]), \
                f"step {step} of {done['steps']}: {folder} is neither the old build nor the new one"
            seen.append("old" if state[folder] == old[folder] else "new")
        again = runner.run(op, work, jobs=jobs)  # the next run succeeds and cleans up
        assert again["exit"] == 0, f"the run after a kill at step {step} failed: {again}"
        assert snap(work) == new, step
        assert all(leftovers(work / f) == [] for f in folders), step
        for rel, data in USER_FILES.items():  # the user's files lived through the kill
            assert (work / "out" / rel).read_bytes() == data
        return seen

    steps = range(1, done["steps"] + 1)
    with ThreadPoolExecutor(len(runners)) as pool:
        chunks = [list(steps[i::len(runners)]) for i in range(len(runners))]
        results = pool.map(lambda i: [kill_at(i, step) for step in chunks[i]], range(len(runners)))
        outcomes = {"old": 0, "new": 0}
        for seen in (s for chunk in results for step_seen in chunk for s in step_seen):
            outcomes[seen] += 1
    assert outcomes["old"] and outcomes["new"], outcomes  # the kills fell both before and after the switch
    return done["steps"], outcomes


@pytest.mark.slow
def test_fault_build_killed_at_every_step(small, runner):
    """--workers 2: graph.ttl and the records are written by a forked child, the rest by the
    main process; each is killed at each of its own steps."""
    total, outcomes = check_every_step(runner, small[0], "build", "build", {"out": snapshot_output}, jobs=2)
    print(f"build: {total} write steps killed, {outcomes}")


@pytest.mark.slow
def test_fault_build_store_killed_at_every_step(small, runner):
    """The store switches first, then the output folder: each is old or new on its own."""
    folders = {"store": snapshot_store, "out": snapshot_output}
    total, outcomes = check_every_step(runner, small[0], "build-store", "build-store", folders)
    print(f"build --store: {total} write steps killed, {outcomes}")


@pytest.mark.slow
@pytest.mark.parametrize("where", ["out", "store"])
def test_fault_add_killed_at_every_step(small, runner, where):
    snap = snapshot_output if where == "out" else snapshot_store
    total, outcomes = check_every_step(runner, small[0], f"add-{where}", f"add-{where}", {where: snap})
    print(f"kg add ({where}): {total} write steps killed, {outcomes}")


def test_lock_second_writer_fails_with_a_clear_message(small, tmp_path):
    from kg._io import folder_lock

    root, _ = small
    out = tmp_path / "out"
    shutil.copytree(root / "old-out", out)
    before = snapshot_output(out)
    with folder_lock(out):
        proc = subprocess.run([sys.executable, "-m", "kg", "add", str(out), str(root / "new")],
                              capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert f"is being written by another kg run (pid {os.getpid()}" in proc.stderr
    assert proc.stderr.strip().endswith("try again when it has finished") and proc.stderr.count("\n") == 1
    assert snapshot_output(out) == before


@pytest.mark.slow
def test_lock_two_concurrent_adds_one_wins_nothing_corrupt(small, tmp_path):
    root, _ = small
    out = tmp_path / "out"
    shutil.copytree(root / "old-out", out)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "putin.txt").write_text("Vladimir Putin visited Minsk on Monday.\n", encoding="utf-8")
    cmds = [[sys.executable, "-m", "kg", "add", str(out), str(root / "new")],
            [sys.executable, "-m", "kg", "add", str(out), str(tmp_path / "other")]]
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in cmds]
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    codes = sorted(code for code, _, _ in results)
    assert codes in ([0, 0], [0, 1]), results
    for code, _, err in results:
        if code == 1:
            assert "is being written by another kg run" in err
    records = read_records(out / RECORDS_FILE)
    ids = records.doc_ids()
    # the graph holds exactly the old article plus each add that succeeded, and reads whole
    expected = {"000_6adcf7dded68f096"} | {name for (code, _, _), name in zip(results, ("tokayev", "putin")) if code == 0}
    assert ids == expected
    g = kg.load(out / "graph.ttl")
    assert len(g) > 100
