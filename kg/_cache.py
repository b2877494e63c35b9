"""kg's cache folder: tables made once from their sources and loaded in milliseconds after.

The place index (:mod:`kg.places`) and the ontology's lexicon (:mod:`kg.ontology`) are made
from files that change only with an install or an edit, but making them costs a build a
noticeable part of its start-up. Each is saved here under a fingerprint of its sources, so a
changed source makes a new file, and read back when the fingerprint matches. The folder is
``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``. A folder that cannot be
written only costs the next run the making again.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cache_path", "save"]

#: A cache file of other sources is deleted when it is older than this (days). Another install's
#: (a second virtual environment: its own fingerprint) is kept, or two installs on one machine
#: would each make their tables in every run.
STALE_DAYS = 30


def cache_path(name: str, fingerprint: str, suffix: str) -> Path | None:
    """``<folder>/<name>-<fingerprint><suffix>``, or None when there is no usable folder."""
    folder = os.environ.get("KG_CACHE_DIR")
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "kg")
    try:
        return Path(folder) / f"{name}-{fingerprint}{suffix}"
    except OSError:
        return None


def save(path: Path, data: bytes, name: str, suffix: str) -> None:
    """Write ``data`` to ``path`` atomically; delete ``name-*suffix`` files unwritten for STALE_DAYS."""
    import tempfile
    import time

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        stale = time.time() - STALE_DAYS * 86_400
        for old in path.parent.glob(f"{name}-*{suffix}"):
            if old != path and old.stat().st_mtime < stale:
                old.unlink(missing_ok=True)
    except OSError:
        pass
