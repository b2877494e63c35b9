"""Run one kg write operation in a forked child that SIGKILLs itself before its Nth write step.

Started once by tests/test_faults.py as a subprocess (a clean process: no Oxigraph database was
ever opened in it, so a forked child can open one; RocksDB's threads do not survive a fork).
It loads kg and the spaCy pipeline once, prepares the new build's records, then reads one JSON
command a line on stdin::

    {"op": "build" | "build-store" | "add-out" | "add-store", "work": DIR, "jobs": 1, "kill_at": N}

and for each forks a child that installs an audit hook counting the steps that change files
(``open`` for writing, renames, ``mkdir``, links, removals, ``rmtree``, ``chmod``, copies, the
folder exchange), kills itself with SIGKILL just before step ``kill_at`` (0: never), and
otherwise runs the operation to the end. It answers one JSON line: the child's wait status
decoded, and the number of steps the child counted.

    python tests/fault_runner.py ROOT      # ROOT: in/, new/, old-out/, old-store/ (see test_faults.py)
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

_WRITE_EVENTS = {
    "os.rename", "os.link", "os.symlink", "os.mkdir", "os.remove", "os.rmdir", "os.truncate", "os.chmod",
    "shutil.rmtree", "shutil.copyfile", "shutil.copymode", "shutil.copystat", "shutil.move", "kg.exchange",
}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def is_write(event: str, args: tuple) -> bool:
    if event in _WRITE_EVENTS:
        return True
    if event == "open":
        _, mode, flags = args
        return any(c in mode for c in "wax+") if isinstance(mode, str) else bool((flags or 0) & _WRITE_FLAGS)
    return False


def _memoize_template_compiles() -> None:
    """Compile each Jinja template once for all forked runs.

    pyvis makes a new Jinja environment for every page, so each graph.html recompiles its
    template (0.37 s of the 0.5 s a small build takes to write); the compiled code depends only
    on the source, so reusing it changes no byte of any output (the test compares every byte).
    """
    import jinja2

    compile_ = jinja2.Environment.compile
    cache: dict = {}

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):  # noqa: A001
        if raw:
            return compile_(self, source, name, filename, raw, defer_init)
        key = (source, name, filename, defer_init)
        if key not in cache:
            cache[key] = compile_(self, source, name, filename, raw, defer_init)
        return cache[key]

    jinja2.Environment.compile = compile


def operations(root: Path) -> dict:
    """The four operations, with everything they need prepared in this process."""
    from kg.build import _collect, assemble, write_outputs
    from kg.incremental import add
    from kg.nlp import load_model
    from kg.records_io import RECORDS_FILE, read_records

    load_model()
    _memoize_template_compiles()
    records = read_records(root / "old-out" / RECORDS_FILE)
    new_pairs, _, _ = _collect([root / "new"], quiet=True)
    pairs = list(records.pairs) + new_pairs
    data, _ = assemble(pairs, base_iri=records.base_iri)
    write_outputs(data, root / f"warm-up-{os.getpid()}", records=pairs, base_iri=records.base_iri)  # compile the templates

    def build(work: Path, jobs: int) -> None:
        write_outputs(data, work / "out", records=pairs, base_iri=records.base_iri, jobs=jobs)

    def build_store(work: Path, jobs: int) -> None:
        write_outputs(data, work / "out", records=pairs, base_iri=records.base_iri, store=work / "store", jobs=jobs)

    return {
        "build": build,
        "build-store": build_store,
        "add-out": lambda work, jobs: add(work / "out", [root / "new"]),
        "add-store": lambda work, jobs: add(work / "store", [root / "new"]),
    }


def run(op, work: Path, jobs: int, kill_at: int) -> dict:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        steps = 0

        def hook(event: str, args: tuple) -> None:
            nonlocal steps
            if is_write(event, args):
                steps += 1
                if steps == kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)

        code = 0
        try:
            sys.addaudithook(hook)
            op(work, jobs)
        except BaseException as exc:  # noqa: BLE001 - reported through the exit status and stderr
            os.write(2, f"fault_runner child: {type(exc).__name__}: {exc}\n".encode())
            code = 1
        os.write(write_end, str(steps).encode())
        os._exit(code)
    os.close(write_end)
    _, status = os.waitpid(pid, 0)
    with os.fdopen(read_end, "rb") as fh:
        counted = fh.read()
    return {
        "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "steps": int(counted or 0),
    }


def main(root: str) -> None:
    ops = operations(Path(root))
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        cmd = json.loads(line)
        print(json.dumps(run(ops[cmd["op"]], Path(cmd["work"]), cmd.get("jobs", 1), cmd.get("kill_at", 0))), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
