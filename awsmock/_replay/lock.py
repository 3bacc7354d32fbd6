"""One writer at a time per cassette, across processes (pytest-xdist workers).

A sidecar lock file next to the cassette (``.NAME.lock``) is locked while a
recording reads the file again, adds its interactions and writes it: two
workers recording into one cassette both keep theirs. ``fcntl.flock`` on
POSIX, ``msvcrt.locking`` on Windows. The holder removes the lock file
before it lets go, so none is left next to the cassettes; a process that
was waiting then holds a file no longer in the directory, sees so, and
locks the one at the path again.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Iterator

__unittest = True

if sys.platform == "win32":  # pragma: no cover
    import msvcrt

    def _acquire(fd: int) -> None:
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for 10 seconds
                return
            except OSError:
                continue

    def _release(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _acquire(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _release(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path(path: str) -> str:
    """The sidecar lock file of the cassette at ``path``."""
    directory, name = os.path.split(os.path.abspath(path))
    return os.path.join(directory, f".{name}.lock")


@contextlib.contextmanager
def locked(path: str) -> Iterator[None]:
    """Hold the cassette at ``path`` for this process until the block ends."""
    lock = lock_path(path)
    os.makedirs(os.path.dirname(lock), exist_ok=True)
    fd = _lock(lock)
    try:
        yield
    finally:
        # While held: no one else holds a file at this path. (Windows keeps
        # an open file: it stays, and is locked again next time.)
        with contextlib.suppress(OSError):
            os.unlink(lock)
        _release(fd)
        os.close(fd)


def _lock(lock: str) -> int:
    """A descriptor of the file at ``lock``, locked, that is still at ``lock``."""
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _acquire(fd)
        except BaseException:
            os.close(fd)
            raise
        if _still_there(fd, lock):
            return fd
        _release(fd)  # its holder removed it: lock the file at the path now
        os.close(fd)


def _still_there(fd: int, lock: str) -> bool:
    try:
        named = os.stat(lock)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)
