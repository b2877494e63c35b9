"""A longer fuzz run: the properties of tests/test_fuzz.py with a larger example budget.

The test suite runs each property with a small, fixed budget (``KG_FUZZ_EXAMPLES``, 60 by
default, and fewer for the slow ones) so CI stays fast; this runs them with ``--examples``
each, still derandomized (the same examples every run) unless ``--random`` is given, and
prints, per property, the examples Hypothesis tried, how many were invalid, the time, and any
failure.

    python benchmarks/fuzz.py --examples 1000
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=1000, help="examples per property (the slow ones get a third or a half)")
    parser.add_argument("-k", default="fuzz", help="pytest -k expression selecting the properties")
    args = parser.parse_args(argv)

    env = {**os.environ, "KG_FUZZ_EXAMPLES": str(args.examples)}
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "test_fuzz.py"),
           "-k", args.k, "--hypothesis-show-statistics", "-W", "ignore"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    out = proc.stdout
    print(f"KG_FUZZ_EXAMPLES={args.examples} pytest tests/test_fuzz.py: {elapsed:.0f} s, exit {proc.returncode}")
    print(f"{'property':52} {'passing':>8} {'failing':>8} {'invalid':>8} {'time':>8}")
    total = 0
    for block in re.split(r"\n(?=tests/test_fuzz.py::)", out):
        head = re.match(r"tests/test_fuzz.py::(\S+):", block)
        if not head:
            continue
        phases = re.findall(r"(\d+) passing, (\d+) failing, and (\d+) invalid test cases", block)
        runtime = re.search(r"Typical runtimes: ~ ?([\d.]+-?[\d.]*) ?(\w+)", block)
        if phases:
            passing, failing, invalid = (sum(int(p[i]) for p in phases) for i in range(3))
            total += passing + failing
            took = f"{runtime.group(1)} {runtime.group(2)}" if runtime else "?"
            print(f"{head.group(1):52} {passing:>8} {failing:>8} {invalid:>8} {took:>8}/ex")
    print(f"examples tried: {total}")
    summary = [line for line in out.splitlines() if re.search(r"\d+ (passed|failed)", line)]
    print(summary[-1] if summary else out[-2000:])
    if proc.returncode:
        print(out[-6000:])
        raise SystemExit(proc.returncode)


if __name__ == "__main__":
    main()
