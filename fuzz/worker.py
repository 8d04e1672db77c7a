"""A watched worker: materialise a case in a fresh folder, load it, and say what happened.

Workers are long-lived processes (forked once, fed cases through a pipe),
under an address-space cap so a runaway read becomes a MemoryError here and
not a machine out of memory. Run as root, a worker drops to ``nobody`` first,
so "unreadable" files are unreadable to it too and nothing it is tricked into
opening outside its folder is anything root alone may read.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import subprocess
import time
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from fuzz.mutate import MARKER, Case, Entry

NOBODY = 65534


def materialise(case: Case, root: Path) -> None:
    """Create the case's files, folders, links and pipes under ``root``; permission changes last.

    Everything is made relative to an open folder (``dir_fd``), so paths longer than PATH_MAX work.
    """
    chmods: list[Entry] = []
    for entry in case.entries:
        if entry.kind == "chmod":
            chmods.append(entry)
            continue
        *parents, name = Path(entry.path).parts
        folder = _open_folder(root, parents)
        try:
            if entry.kind == "file":
                descriptor = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644, dir_fd=folder)
                with os.fdopen(descriptor, "wb") as stream:
                    stream.write(entry.data)
            elif entry.kind == "dir":
                with contextlib.suppress(FileExistsError):
                    os.mkdir(name, dir_fd=folder)
            elif entry.kind == "symlink":
                os.symlink(entry.target, name, dir_fd=folder)
            elif entry.kind == "fifo":
                os.mkfifo(name, dir_fd=folder)
        finally:
            os.close(folder)
    for entry in chmods:
        *parents, name = Path(entry.path).parts
        folder = _open_folder(root, parents)
        try:
            os.chmod(name, entry.mode, dir_fd=folder)
        finally:
            os.close(folder)


def _open_folder(root: Path, parts: list[str]) -> int:
    """``root/parts...`` made if need be and opened, one component at a time."""
    descriptor = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    for part in parts:
        with contextlib.suppress(FileExistsError):
            os.mkdir(part, dir_fd=descriptor)
        try:
            inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY, dir_fd=descriptor)
        finally:
            os.close(descriptor)
        descriptor = inner
    return descriptor


def remove(root: Path) -> None:
    """Delete a case folder whatever its permissions and depth."""
    try:
        shutil.rmtree(root)  # by folder descriptors: depth is no problem, permissions may be
    except FileNotFoundError:
        return
    except OSError:
        # Folders made unreadable or unlistable by the case: give them back, then remove.
        subprocess.run(["chmod", "-R", "u+rwx", str(root)], check=False, capture_output=True)  # noqa: S603, S607
        subprocess.run(["rm", "-rf", "--", str(root)], check=False, capture_output=True)  # noqa: S603, S607


def _holds_lone_surrogate(data: Any) -> bool:
    """Whether any text in the dataset holds a lone surrogate (text TOML cannot store)."""
    import json  # noqa: PLC0415

    import vnhealth  # noqa: PLC0415 - imported after the fork and the privilege drop

    converter = vnhealth.make_converter()
    for record in data:
        try:
            json.dumps(converter.unstructure(record), ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            return True
    return False


def run_case(case: Case, root: Path) -> dict[str, Any]:
    """Load the case and, for a Dataset, dump it as JSON and TOML and load that back."""
    import vnhealth  # noqa: PLC0415 - imported after the fork and the privilege drop

    root.mkdir(parents=True, exist_ok=True)
    stage = "materialise"
    started = time.perf_counter()
    result: dict[str, Any] = {"index": case.index}
    try:
        materialise(case, root)
        stage = "load"
        started = time.perf_counter()
        try:
            data = vnhealth.load(_join(root, case.load))
        except vnhealth.LoadError as error:
            result.update(outcome="load_error", problems=[(p.path, p.message[:300]) for p in error.problems[:2000]])
            result["problem_count"] = len(error.problems)
            result["message_size"] = sum(len(p.message) for p in error.problems)
            return result
        result.update(outcome="dataset", records=len(data))
        if any(MARKER in (getattr(source, "text", None) or "") for source in data.sources):
            result["outcome"] = "read_outside"
            return result
        stage = "dump"
        for suffix in (".json", ".toml"):
            out = root / f"round-trip{suffix}"
            try:
                data.dump(out)
            except vnhealth.WriteError:
                # JSON can hold a lone surrogate (as "\\ud800"); TOML cannot: the promise is a WriteError and
                # no file. Asked only on a refusal: a TOML file that was written is checked by loading it back
                # (a surrogate escaped into it would not load, one dropped would not compare equal).
                if suffix != ".toml" or not _holds_lone_surrogate(data):
                    raise
                if out.exists() or any(root.glob(".round-trip*")):
                    result.update(outcome="other", stage="dump", type="WriteError left a file behind")
                    return result
                continue
            if out.stat().st_mode & 0o777 != 0o666 & ~_umask():
                # A new file gets the permissions any new file of the user gets, not 0600.
                result["dump_mode"] = oct(out.stat().st_mode & 0o777)
            stage = "reload"
            again = vnhealth.load(out)
            if again != data:
                result.update(outcome="round_trip_differs", stage=suffix)
                return result
            stage = "dump"
    except MemoryError:
        result.update(outcome="memory", stage=stage)
    except vnhealth.LoadError as error:  # only from "reload": what dump wrote, load refused
        result.update(outcome="other", stage=stage, type="LoadError after dump", message=str(error)[:500])
    except vnhealth.VnhealthError as error:
        # WriteError from dump is a vnhealth error, but for a dataset that loaded it is still a defect.
        result.update(outcome="other", stage=stage, type=type(error).__name__, message=str(error)[:500])
    except BaseException as error:  # noqa: BLE001 - counting what escapes is the point
        left = [path.name for path in root.glob(".round-trip*")] if stage == "dump" else []
        result.update(
            outcome="other",
            stage=stage,
            type=type(error).__name__ + (" (and a temporary file left behind)" if left else ""),
            message=_short(error),
            traceback=traceback.format_exc(limit=-8)[-4000:],
        )
    finally:
        result["seconds"] = time.perf_counter() - started
    return result


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _short(error: BaseException) -> str:
    try:
        return str(error)[:500]
    except Exception as inner:  # noqa: BLE001 - even str() of an error can raise (a 5,000-digit int)
        return f"<str() raised {type(inner).__name__}>"


def _join(root: Path, relative: str) -> Path:
    return root / relative


def serve(connection: Connection, memory_bytes: int, scratch: str) -> None:
    """The worker's loop: receive a case, answer with its result, until told to stop."""
    if memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    if os.getuid() == 0:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
    import vnhealth  # noqa: PLC0415

    vnhealth.load()  # the bundled data, parsed once per worker, not timed against the first case
    while True:
        try:
            case = connection.recv()
        except EOFError:
            return
        if case is None:
            return
        root = Path(scratch) / f"case-{os.getpid()}-{case.index}"
        result = run_case(case, root)
        try:
            remove(root)
        except (OSError, MemoryError):  # out of memory still: the campaign's process removes it
            result["leftover"] = str(root)
        connection.send(result)
