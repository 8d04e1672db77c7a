"""The entry points that give a `Dataset`: `load` a user's files, or the `bundled` data, parsed once.

The loader below reads files into `Records`; this façade makes them a
`Dataset` and keeps the bundled one for the life of the process. The cache
is guarded by a lock: threads that ask for the bundled data at the same
time get one dataset, parsed once.
"""

from __future__ import annotations

import os
import threading

from vnhealth._dataset import Dataset
from vnhealth._load import data_version as _data_version
from vnhealth._load import load as _load
from vnhealth._load import load_bundled

__all__ = ["bundled", "data_version", "load"]

_lock = threading.Lock()
_cache: list[Dataset] = []  # the bundled dataset, once parsed


def bundled() -> Dataset:
    """The dataset that ships with vnhealth, parsed on first use and cached (thread-safe)."""
    if not _cache:
        with _lock:
            if not _cache:  # another thread may have parsed it while this one waited
                _cache.append(Dataset.of(load_bundled()))
    return _cache[0]


def load(path: str | os.PathLike[str] | None = None, *, include_bundled: bool = False) -> Dataset:
    """Load a dataset: the bundled one, or a user's file or folder of ``.json``/``.toml`` files.

    The bundled dataset is parsed on first use and cached. Loading is all or
    nothing: every problem found (unreadable files, unknown keys, wrong types,
    bad dates, duplicate keys or ids, dangling references, quotes not in their
    source) is reported in one `LoadError`, and no partial dataset is returned.

    ``include_bundled=True`` loads your records on top of the bundled ones, as
    one checked dataset: your resolution may implement ``72-nq-tw``, your
    observations may be of ``doctors_per_10k``. An id used twice is still an
    error; values that disagree are listed by `Dataset.conflicts`.
    """
    if path is None:
        return bundled()
    return Dataset.of(_load(path, include_bundled=include_bundled))


def data_version() -> str:
    """The version of the bundled data, separate from the package's version."""
    return _data_version()
