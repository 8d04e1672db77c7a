"""Reading the files a user's data names: one rule, so that a data folder reads nothing it was not meant to.

A file is read only if it is a regular file (never a named pipe, a device or a
socket, which could hang a read or never end), of bounded size, and, when it
is named from inside a data folder, only if its real path (links resolved)
lies inside that folder. Every refusal is an `Unreadable` with a message a
person can act on; the loader turns it into a problem at the right field.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = ["MAX_DATA_FILE", "MAX_TEXT_FILE", "Unreadable", "read_bytes", "real_path", "reason"]

MAX_DATA_FILE = 512 * 2**20
"""The largest data file read (512 MiB: several million records)."""
MAX_TEXT_FILE = 16 * 2**20
"""The largest source text read (16 MiB: far more than any article)."""


class Unreadable(Exception):
    """A file that is not read, and why."""


def real_path(path: Path, *, inside: Path | None = None) -> Path:
    """``path`` with every link resolved; Unreadable if it does not exist, loops, or leaves ``inside``."""
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        message = "a link to a file that does not exist" if path.is_symlink() else "no such file"
        raise Unreadable(message) from None
    except RuntimeError:  # a loop of links (Python before 3.13)
        raise Unreadable("a loop of links") from None
    except OSError as error:
        raise Unreadable(reason(error)) from None
    if inside is not None:
        try:
            root = inside.resolve(strict=True)
        except (OSError, RuntimeError) as error:
            raise Unreadable(f"the data folder cannot be resolved: {error}") from None
        if not resolved.is_relative_to(root):
            msg = "it is (or links to) a file outside the data folder: a data folder may only name files inside it"
            raise Unreadable(msg)
    return resolved


def read_bytes(path: Path, *, limit: int, inside: Path | None = None) -> bytes:
    """The bytes of the regular file at ``path`` (at most ``limit`` of them), or Unreadable."""
    resolved = real_path(path, inside=inside)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    # O_NOFOLLOW: the path was just resolved, so a link here now means it was swapped in since.
    flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(resolved, flags)
    except OSError as error:
        raise Unreadable(reason(error)) from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            msg = f"not a regular file ({_kind(status.st_mode)})"
            raise Unreadable(msg)
        if status.st_size > limit:
            msg = f"larger than the {limit // 2**20} MiB a file may be ({status.st_size:,} bytes)"
            raise Unreadable(msg)
        chunks = []
        remaining = limit + 1  # a file that grows while it is read is caught too
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 2**20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        if remaining <= 0:
            msg = f"larger than the {limit // 2**20} MiB a file may be"
            raise Unreadable(msg)
        return b"".join(chunks)
    except OSError as error:
        raise Unreadable(reason(error)) from None
    finally:
        os.close(descriptor)


def _kind(mode: int) -> str:
    kinds = {
        stat.S_ISDIR: "a folder",
        stat.S_ISFIFO: "a named pipe",
        stat.S_ISCHR: "a character device",
        stat.S_ISBLK: "a block device",
        stat.S_ISSOCK: "a socket",
    }
    return next((name for test, name in kinds.items() if test(mode)), "not a file")


def reason(error: OSError) -> str:
    """An OS error in words a person can act on."""
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.ENAMETOOLONG:
        return "the path is too long"
    if error.errno == errno.ELOOP:
        return "a loop of links"
    return error.strerror or str(error)
