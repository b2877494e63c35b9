"""The one progress helper: a tqdm bar that is silent when asked or when not on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["progress"]


class _NullBar:
    def update(self, n: int = 1) -> None:  # noqa: D401 - mirrors tqdm
        pass

    def set_postfix_str(self, s: str) -> None:
        pass


@contextmanager
def progress(*, total: int | None = None, desc: str = "", unit: str = "doc", quiet: bool = False) -> Iterator[Any]:
    """Yield an object with ``update(n)``; a real bar only on an interactive stderr."""
    if quiet or not sys.stderr.isatty():
        yield _NullBar()
        return
    from tqdm import tqdm

    with tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, dynamic_ncols=True, leave=False) as bar:
        yield bar
