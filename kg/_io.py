"""All-or-nothing file output: atomic files, folders swapped in one step, and a lock per folder.

A build writes a dozen files; a crash between two of them must not leave a folder that holds
one build's ``graph.ttl`` beside another's ``triples.csv``. So a folder of outputs (``--out``,
a ``--store`` folder) is never changed in place: :func:`replace_folder` writes the new one as
a sibling, carries over the files kg did not write (hard links, nothing is copied), and
exchanges the two with one ``renameat2(RENAME_EXCHANGE)`` call, which the kernel performs
atomically: a reader, or a crash, sees the old folder or the new one. The old folder is then
at the sibling's path and is removed; leftovers of a crashed run are removed by the next one.
Where the exchange is not available (not Linux, or a file system without it) the folder is
swapped with two renames, and a run that finds the folder missing beside its ``.kg-old``
sibling puts the old one back first.

:func:`folder_lock` keeps two kg processes from writing one folder at once: the second fails
at once with a message naming the first. The lock is an ``flock`` on a hidden file beside the
folder (inside, it would move with the swap), which the kernel releases when its process ends,
however it ends.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import KGError

__all__ = [
    "atomic_write_text", "atomic_write_lines", "atomic_write_bytes", "atomic_write_with",
    "replace_folder", "folder_lock", "exchange",
]

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_NEW, _OLD = "kg-new", "kg-old"


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    return atomic_write_with(path, lambda fh: fh.write(data))


def atomic_write_with(path: str | os.PathLike[str], write: Callable[[BinaryIO], object]) -> Path:
    """Like :func:`atomic_write_bytes`, the bytes written by ``write(binary file)`` as they come
    (a file larger than memory is never held in it)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
        with os.fdopen(fd, "wb", buffering=1 << 20) as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: Characters of text encoded and written at once by :func:`atomic_write_lines`.
_WRITE_CHARS = 1 << 20


def atomic_write_lines(path: str | os.PathLike[str], chunks: Iterable[str], *, batch: int = _WRITE_CHARS) -> Path:
    """Write the text chunks of a generator atomically, UTF-8, ``\\n`` line ends: the same bytes
    as :func:`atomic_write_text` of the joined text, written about ``batch`` characters at a time.

    Joining first held every chunk, the text and its bytes at once: 300 MB more than the
    graph for the 89 MB GEXF file of all of Reuters. A text with a lone surrogate is written
    as :func:`atomic_write_text` writes it, :func:`~kg._decode.carriable` throughout
    (:func:`_carry_written` mends what was written before one was met).
    """

    def write(fh: BinaryIO) -> None:
        care = False
        for text in _joined(chunks, batch):
            if not care:
                try:
                    fh.write(text.encode("utf-8"))
                    continue
                except UnicodeEncodeError:
                    care = True
                    _carry_written(fh)
            from ._decode import carriable

            fh.write(carriable(text).encode("utf-8"))

    return atomic_write_with(path, write)


def _joined(chunks: Iterable[str], size: int) -> Iterator[str]:
    """The chunks joined into texts of about ``size`` characters."""
    held: list[str] = []
    n = 0
    for chunk in chunks:
        held.append(chunk)
        n += len(chunk)
        if n >= size:
            yield "".join(held)
            held, n = [], 0
    if held:
        yield "".join(held)


def _carry_written(fh: BinaryIO) -> None:
    """Make the bytes already in ``fh`` (a new file, opened read-write by ``mkstemp``)
    :func:`~kg._decode.carriable`, in place: what it replaces in valid UTF-8 (controls by a
    space, U+FFFE/U+FFFF by U+FFFD) keeps its length, so the file's end stays where it is."""
    from ._decode import carriable

    fh.flush()
    end, fd = fh.tell(), fh.fileno()
    written = bytearray()
    while len(written) < end:
        written += os.pread(fd, end - len(written), len(written))
    mended = memoryview(carriable(written.decode("utf-8")).encode("utf-8"))
    done = 0
    while done < len(mended):
        done += os.pwrite(fd, mended[done:], done)


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` atomically as UTF-8 (a lone surrogate, which UTF-8 cannot hold, as U+FFFD)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a title or name from the API or a non-UTF-8 command line
        from ._decode import carriable

        data = carriable(text).encode("utf-8")
    return atomic_write_bytes(path, data)


# --------------------------------------------------------------------------- folders


def exchange(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> None:
    """Swap two paths in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``).

    Raises OSError (ENOSYS where the call does not exist, EINVAL where the file system does
    not support it); the caller then falls back to two renames.
    """
    if not sys.platform.startswith("linux"):
        raise OSError(errno.ENOSYS, "renameat2 is Linux-only")
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    try:
        renameat2 = libc.renameat2
    except AttributeError:  # glibc before 2.28
        raise OSError(errno.ENOSYS, "no renameat2 in this C library") from None
    sys.audit("kg.exchange", os.fspath(a), os.fspath(b))  # a fault-injection point, like os.replace's
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), os.fspath(a), None, os.fspath(b))


def _sibling(target: Path, kind: str) -> Path:
    return target.with_name(f".{target.name}.{kind}-{secrets.token_hex(4)}")


def recover_folder(target: str | os.PathLike[str]) -> None:
    """Finish or undo what a crashed run left beside ``target``: restore a lost folder, drop leftovers.

    Only the two-rename fallback can leave ``target`` missing (between its renames); then the
    ``.kg-old`` sibling is the previous folder and is put back. Every other sibling is a
    half-written new folder or an old one already replaced, and is removed.
    """
    target = Path(target)
    parent = target.parent
    if not parent.is_dir():
        return
    prefix = f".{target.name}."
    leftovers = sorted(p for p in parent.iterdir() if p.name.startswith(prefix) and p.name[len(prefix):].startswith((_NEW, _OLD)))
    if not target.exists():
        olds = [p for p in leftovers if p.name[len(prefix):].startswith(_OLD)]
        if olds:
            os.rename(olds[0], target)
            leftovers.remove(olds[0])
    for path in leftovers:
        shutil.rmtree(path, ignore_errors=True)


def replace_folder(
    target: str | os.PathLike[str],
    write: Callable[[Path], object],
    *,
    ours: Callable[[str], bool],
) -> Path:
    """Make ``target`` the folder that ``write(folder)`` fills, in one step; all or nothing.

    Parameters
    ----------
    target : path
        The folder to replace (created if missing).
    write : callable
        Called with an empty sibling folder to fill. If it raises, ``target`` is untouched.
    ours : callable
        Tells, by path relative to ``target`` (``/``-separated), the files and folders that kg
        writes; everything else in ``target`` (a README, a view made with ``kg view -o``) is
        carried over into the new folder unchanged.
    """
    target = Path(os.path.realpath(target))  # a symlinked folder: replace what it points to
    recover_folder(target)
    fresh = _sibling(target, _NEW)
    os.mkdir(fresh)
    try:
        if target.is_dir():
            shutil.copymode(target, fresh)
        write(fresh)
        if target.is_dir():
            _carry_over(target, fresh, ours)
            _swap(fresh, target)
        else:
            os.rename(fresh, target)
            fresh = None
    except BaseException:
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        raise
    if fresh is not None:
        shutil.rmtree(fresh, ignore_errors=True)  # now the old folder
    return target


def _swap(fresh: Path, target: Path) -> None:
    """Put ``fresh`` at ``target`` and the old folder at ``fresh``'s path."""
    try:
        exchange(fresh, target)
        return
    except OSError as exc:
        if exc.errno not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
    old = _sibling(target, _OLD)
    os.rename(target, old)  # a crash here leaves `old`, which recover_folder puts back
    os.rename(fresh, target)
    os.rename(old, fresh)


def _carry_over(src: Path, dest: Path, ours: Callable[[str], bool], rel: str = "") -> None:
    """Hard-link (or copy) into ``dest`` every file of ``src`` that kg did not write."""
    for entry in sorted(os.scandir(src), key=lambda e: e.name):
        name = f"{rel}{entry.name}"
        if ours(name) or os.path.lexists(dest / entry.name) and not entry.is_dir(follow_symlinks=False):
            continue
        if entry.is_dir(follow_symlinks=False):
            (dest / entry.name).mkdir(exist_ok=True)
            shutil.copymode(entry.path, dest / entry.name)
            _carry_over(Path(entry.path), dest / entry.name, ours, name + "/")
        elif entry.is_symlink():
            os.symlink(os.readlink(entry.path), dest / entry.name)
        else:
            try:
                os.link(entry.path, dest / entry.name)
            except OSError:
                shutil.copy2(entry.path, dest / entry.name)


# --------------------------------------------------------------------------- locks

_held: dict[str, tuple[int, int]] = {}  # lock path -> (fd, depth): re-entrant within a process


def _drop_inherited_locks() -> None:
    """In a forked child (a parse worker, the graph.ttl writer), close the copies of held locks.

    An flock belongs to the open file, which a fork shares: a child that outlived a killed
    parent would otherwise keep the folder locked. The parent's own descriptor keeps the lock.
    """
    for fd, _ in _held.values():
        if fd >= 0:
            os.close(fd)
    _held.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_drop_inherited_locks)


@contextlib.contextmanager
def folder_lock(*targets: str | os.PathLike[str] | None) -> Iterator[None]:
    """Hold the write lock of each folder in ``targets`` (``None`` entries are ignored).

    Raises :class:`~kg.errors.KGError` at once when another process holds one, naming it.
    Locks are taken in sorted order, so two runs never wait on each other in a circle.
    """
    paths = sorted({_lock_path(t) for t in targets if t is not None})
    taken: list[str] = []
    try:
        for path in paths:
            _acquire(path)
            taken.append(path)
        yield
    finally:
        for path in reversed(taken):
            _release(path)


def _lock_path(target: str | os.PathLike[str]) -> str:
    target = Path(os.path.realpath(target))
    return str(target.with_name(f".{target.name}.kg-lock"))


def _acquire(path: str) -> None:
    if path in _held:
        fd, depth = _held[path]
        _held[path] = (fd, depth + 1)
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks here
        _held[path] = (-1, 1)
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
        os.close(fd)
        folder = Path(path).name[1:].removesuffix(".kg-lock")
        raise KGError(f"{Path(path).parent / folder} is being written by another kg run ({holder}); "
                      "try again when it has finished") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"pid {os.getpid()}: {' '.join(['kg', *sys.argv[1:]])[:150]}".encode(), 0)
    _held[path] = (fd, 1)


def _release(path: str) -> None:
    fd, depth = _held.pop(path)
    if depth > 1:
        _held[path] = (fd, depth - 1)
    elif fd >= 0:
        os.close(fd)  # closing the descriptor releases the flock
