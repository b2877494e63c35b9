"""The progress bar shows on a real terminal and stays out of pipes, logs and --quiet."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "000_6adcf7dded68f096.txt"


def _run_on_a_terminal(args: list[str], tmp_path: Path) -> str:
    """Run ``kg`` with stderr on a pseudo-terminal; return what the terminal showed."""
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
    proc = subprocess.Popen([sys.executable, "-m", "kg", *args], stdout=subprocess.DEVNULL, stderr=secondary, cwd=tmp_path)
    os.close(secondary)
    chunks = []
    while True:
        ready, _, _ = select.select([primary], [], [], 120)
        if not ready:
            break
        try:
            data = os.read(primary, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(primary)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal(tmp_path):
    shown = _run_on_a_terminal(["build", str(SAMPLE), "--out", str(tmp_path / "out")], tmp_path)
    assert "kg build" in shown and "doc" in shown, shown  # tqdm's bar: "kg build: ... 1/? [..., doc/s]"
    assert "1 documents read" in shown


def test_progress_quiet_on_a_terminal_shows_nothing(tmp_path):
    shown = _run_on_a_terminal(["build", str(SAMPLE), "--out", str(tmp_path / "out"), "--quiet"], tmp_path)
    assert shown.strip() == "", shown


def test_progress_no_bar_when_not_a_terminal(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(SAMPLE), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, check=True)
    assert "doc/s" not in proc.stderr and "\r" not in proc.stderr
    assert "1 documents read" in proc.stderr
