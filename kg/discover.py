"""Which files a build reads: inputs (files, folders, glob patterns) expanded to the article
files kg can read, in a stable order, and everything else reported as skipped with a reason.

Split from :mod:`kg.ingest` (which reads the files found here into documents).
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.records import Skipped

__all__ = ["SUPPORTED_SUFFIXES", "discover"]

#: The file types ingest reads; anything else named explicitly is reported as skipped.
SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".csv")
_GLOB_CHARS = re.compile(r"[*?\[]")
_SUPPORTED_LIST = ", ".join(SUPPORTED_SUFFIXES)


def discover(inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> tuple[list[Path], list[Skipped]]:
    """Expand files, folders and glob patterns into the list of files to read.

    Folders are searched recursively for the supported suffixes, leaving out hidden files
    and folders (``.git``, ``.cache``); patterns are expanded with ``glob(recursive=True)``,
    so ``data/**/*.html`` works on every shell. The result is sorted and de-duplicated, so
    the same inputs give the same build whatever order they were named in.

    Parameters
    ----------
    inputs : iterable of str or os.PathLike
        Paths of files or folders, or glob patterns. A single path is accepted too.

    Returns
    -------
    files : list of Path
        Supported files, sorted, each once (a file named twice, or through a folder and a
        pattern, is listed once).
    skipped : list of Skipped
        Inputs that gave no file: a missing path, a pattern that matched nothing, a folder
        without supported files, or a file named explicitly whose type is not supported.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    found: dict[str, Path] = {}
    skipped: list[Skipped] = []

    def add(path: Path) -> None:
        key = os.path.normcase(os.path.realpath(path))
        if key not in found or str(path) < str(found[key]):
            found[key] = path

    for item in inputs:
        name = os.fspath(item)
        if not name:
            skipped.append(Skipped(name, "empty path"))
            continue
        path = Path(name)
        try:
            if path.is_dir():
                files = list(_walk(path, skipped))
                if not files:
                    skipped.append(Skipped(name, f"no supported files in folder (supported: {_SUPPORTED_LIST})"))
                for file in files:
                    add(file)
            elif path.exists():
                if not path.is_file():
                    skipped.append(Skipped(name, "not a regular file"))
                elif path.suffix.lower() in SUPPORTED_SUFFIXES:
                    add(path)
                else:
                    skipped.append(Skipped(name, _unsupported(path)))
            elif _GLOB_CHARS.search(name):
                _expand_glob(name, add, skipped)
            else:
                skipped.append(Skipped(name, "no such file or directory"))
        except OSError as exc:
            skipped.append(Skipped(name, _os_reason(exc)))
    return sorted(found.values()), skipped


def _walk(root: Path, skipped: list[Skipped]) -> Iterator[Path]:
    """Supported, non-hidden files under ``root``, in sorted order."""

    def onerror(exc: OSError) -> None:
        skipped.append(Skipped(exc.filename or str(root), _os_reason(exc)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if not filename.startswith(".") and Path(filename).suffix.lower() in SUPPORTED_SUFFIXES:
                yield Path(dirpath, filename)


def _expand_glob(pattern: str, add: Callable[[Path], None], skipped: list[Skipped]) -> None:
    """Add the supported files a pattern matches (folders it matches are searched)."""
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        skipped.append(Skipped(pattern, "pattern matched no file"))
        return
    n = 0
    for match in map(Path, matches):
        if match.is_dir():
            for file in _walk(match, skipped):
                add(file)
                n += 1
        elif match.is_file() and match.suffix.lower() in SUPPORTED_SUFFIXES:
            add(match)
            n += 1
    if not n:
        skipped.append(Skipped(pattern, f"pattern matched no supported file (supported: {_SUPPORTED_LIST})"))


def _unsupported(path: Path) -> str:
    return f"unsupported file type '{path.suffix.lower() or path.name}' (supported: {_SUPPORTED_LIST})"


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
