"""The fuzzing campaign: hostile data files through `vnhealth.load`, outcomes counted.

    python -m fuzz.campaign --inputs 20000 --workers 2
    python -m fuzz.campaign --budget 150 --strict          # what .ci/fuzz.sh runs
    python -m fuzz.campaign --replay 0:1234                 # one input again, with its result

Each input runs in a watched worker (see `fuzz.worker`): a pool of long-lived
processes, each under a memory cap, with a timeout per input; a worker that
hangs or dies is replaced and its input recorded. Outcomes:

- ``dataset`` / ``load_error``: the two outcomes vnhealth promises;
- ``other``: anything else escaped (its type, stage and a minimised
  reproduction are saved under ``--findings``);
- ``hang``, ``memory``, ``crash``: timed out, ran out of its memory cap, died;
- ``read_outside``: a Dataset holding text from a file outside the data folder;
- ``flood``: a LoadError with more than 1,000 problems or 1 MB of messages;
- ``round_trip_differs``: a Dataset that did not survive dump and load;
- ``dump_mode``: a file written by dump without the permissions the umask gives.

Planted problems are checked on ``load_error``: ``planted_missed`` counts
inputs whose planted bad value no Problem names, ``cascade`` those where a
broken source or indicator made its citers "unknown".
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import multiprocessing
import os
import re
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import attrs

from fuzz import mutate
from fuzz.mutate import Case, Plant
from fuzz.worker import remove, serve

GOOD = ("dataset", "load_error")
BAD = (
    "other",
    "hang",
    "memory",
    "crash",
    "read_outside",
    "flood",
    "round_trip_differs",
    "dump_mode",
    "planted_missed",
    "cascade",
)
FLOOD_PROBLEMS = 1_000
FLOOD_BYTES = 1_000_000


# -- the worker pool -----------------------------------------------------------------


class Worker:
    """One watched worker process and its end of the pipe."""

    def __init__(self, memory_bytes: int, scratch: str) -> None:
        context = multiprocessing.get_context("fork")
        self.connection, child = context.Pipe()
        self.process: BaseProcess = context.Process(target=serve, args=(child, memory_bytes, scratch), daemon=True)
        self.process.start()
        child.close()
        self.case: Case | None = None
        self.sent = 0.0

    def send(self, case: Case) -> None:
        self.case = case
        self.sent = time.perf_counter()
        self.connection.send(case)

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


class Pool:
    """Workers fed one case at a time; hung or dead ones are replaced."""

    def __init__(self, size: int, *, timeout: float, memory_bytes: int, scratch: str) -> None:
        self.timeout = timeout
        self.memory_bytes = memory_bytes
        self.scratch = scratch
        self.workers = [Worker(memory_bytes, scratch) for _ in range(size)]

    def run(self, cases: Iterator[Case]) -> Iterator[tuple[Case, dict[str, Any]]]:
        """Results as they come, for as long as ``cases`` gives inputs."""
        pending = iter(cases)
        exhausted = False
        for worker in self.workers:
            exhausted = not self._feed(worker, pending)
            if exhausted:
                break
        while any(worker.case is not None for worker in self.workers):
            busy = [worker for worker in self.workers if worker.case is not None]
            ready = multiprocessing.connection.wait([worker.connection for worker in busy], timeout=0.05)
            now = time.perf_counter()
            for worker in busy:
                case = worker.case
                assert case is not None
                result: dict[str, Any] | None = None
                if worker.connection in ready:
                    try:
                        result = worker.connection.recv()
                    except (EOFError, OSError):
                        result = self._replace(worker, "crash", now)
                elif now - worker.sent > self.timeout:
                    result = self._replace(worker, "hang", now)
                if result is None:
                    continue
                if "leftover" in result:
                    remove(Path(result["leftover"]))
                if result["outcome"] == "memory":
                    # A worker that ran out of memory may be in a bad state: start a fresh one.
                    self._replace(worker, "memory", now)
                worker.case = None
                yield case, result
                if not exhausted:
                    exhausted = not self._feed(worker, pending)

    def _feed(self, worker: Worker, pending: Iterator[Case]) -> bool:
        case = next(pending, None)
        if case is None:
            return False
        worker.send(case)
        return True

    def _replace(self, worker: Worker, outcome: str, now: float) -> dict[str, Any]:
        case = worker.case
        assert case is not None
        exit_code = worker.process.exitcode
        worker.kill()
        remove(Path(self.scratch) / f"case-{worker.process.pid}-{case.index}")
        fresh = Worker(self.memory_bytes, self.scratch)
        worker.connection, worker.process = fresh.connection, fresh.process
        return {"index": case.index, "outcome": outcome, "seconds": now - worker.sent, "exit_code": exit_code}

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.connection.send(None)
            worker.process.join(2)
            if worker.process.is_alive():
                worker.kill()


# -- judging a result ----------------------------------------------------------------


def judge(case: Case, result: dict[str, Any]) -> str:
    """The outcome class of one input, planted-problem checks included."""
    outcome: str = result["outcome"]
    if outcome == "dataset" and case.plant is not None and case.plant.certain:
        return "planted_missed"  # the bad value was accepted
    if outcome == "dataset" and "dump_mode" in result:
        return "dump_mode"
    if outcome != "load_error":
        return outcome
    if result["problem_count"] > FLOOD_PROBLEMS or result["message_size"] > FLOOD_BYTES:
        return "flood"
    plant = case.plant
    if plant is None:
        return outcome
    problems: list[tuple[str, str]] = result["problems"]
    if not any(_names(plant, path) for path, _ in problems):
        return "planted_missed"
    if plant.cascade_from and any(
        message.startswith(("unknown source", "unknown indicator")) and repr(plant.cascade_from) in message
        for _, message in problems
    ):
        return "cascade"
    return outcome


def _names(plant: Plant, path: str) -> bool:
    if not plant.path:
        return True
    if path == plant.path or path.startswith((plant.path + ".", plant.path + "[")):
        return True
    # record_ok: the record, or the container the bad value sits in, may carry the problem. Otherwise a
    # field of the record that holds the bad value counts: the nearest place a parser that cannot read
    # the file (tomllib, a 5,000-digit number inside an inline table) can still name.
    within = plant.record_ok or "." in path
    return within and plant.path.startswith((path + ".", path + "[")) and bool(path)


def signature(case: Case, outcome: str, result: dict[str, Any]) -> str:
    """What makes two findings the same defect.

    An escaped exception is known by its stage, type and the start of its message
    (numbers and paths blanked); any other outcome by the mutators that made the input.
    """
    if outcome == "other":
        message = re.sub(r"/\S+|\d+", "_", result.get("message", ""))[:50]
        return "|".join([outcome, result.get("stage", ""), result.get("type", ""), message])
    if outcome == "dump_mode":  # the same whatever the input
        return f"dump_mode|{result['dump_mode']}"
    return "|".join([outcome, case.mutator.split("/")[0]])


# -- minimising and saving findings --------------------------------------------------


def minimise(case: Case, outcome: str, pool: Pool, budget: int = 40) -> Case:
    """Drop records the finding does not need, chunk by chunk, while the outcome stays the same."""
    if case.records is None:
        return case
    records = case.records
    fmt = case.load.split("records.", 1)[-1]  # json, ascii.json or toml
    tries = 0
    for kind in list(records):
        items = records[kind]
        if not isinstance(items, list):
            continue
        chunk = max(1, len(items) // 2)
        while chunk >= 1 and tries < budget:
            changed = False
            for start in range(0, len(records[kind]), chunk):
                trial = dict(records)
                trial[kind] = records[kind][:start] + records[kind][start + chunk :]
                candidate = attrs.evolve(case, entries=mutate.tree_entries(trial, fmt), records=trial, plant=None)
                tries += 1
                (_, result), *_ = list(pool.run(iter([candidate])))
                if result["outcome"] == outcome and (outcome != "other" or result.get("type")):
                    records = trial
                    changed = True
                    break
            if not changed:
                chunk //= 2
    return attrs.evolve(case, entries=mutate.tree_entries(records, fmt), records=records)


def save_finding(folder: Path, case: Case, outcome: str, result: dict[str, Any]) -> Path:
    """Write the input's files and a note on what happened: enough to reproduce it by hand."""
    where = folder / outcome / f"{case.seed}-{case.index}"
    where.mkdir(parents=True, exist_ok=True)
    note = {
        "replay": f"python -m fuzz.campaign --replay {case.seed}:{case.index}",
        "mutator": case.mutator,
        "load": case.load,
        "plant": attrs.asdict(case.plant) if case.plant else None,
        "result": {key: value for key, value in result.items() if key != "problems"},
        "first_problems": result.get("problems", [])[:5],
        "entries": [
            {
                "kind": entry.kind,
                "path": entry.path[:300],
                "target": entry.target,
                "mode": entry.mode,
                "size": len(entry.data),
            }
            for entry in case.entries
        ],
    }
    (where / "case.json").write_text(json.dumps(note, indent=1, ensure_ascii=True, default=str) + "\n")
    for number, entry in enumerate(case.entries):
        if entry.kind == "file" and len(entry.data) <= 2_000_000:
            (where / f"file{number}-{Path(entry.path).name[:60]}").write_bytes(entry.data)
    return where


# -- the campaign --------------------------------------------------------------------


@attrs.define
class Tally:
    """Counts and figures of a run."""

    counts: collections.Counter[str] = attrs.field(factory=collections.Counter)
    by_signature: dict[str, list[int]] = attrs.field(factory=dict)
    by_mutator: collections.Counter[str] = attrs.field(factory=collections.Counter)
    planted: int = 0
    slowest: tuple[float, str] = (0.0, "")
    inputs: int = 0
    # Inputs finish slightly out of order; every input below ``resume_at`` has finished.
    resume_at: int = 0
    finished_above: set[int] = attrs.field(factory=set)
    stopped_by: str | None = None

    def finished(self, index: int) -> None:
        self.finished_above.add(index)
        while self.resume_at in self.finished_above:
            self.finished_above.remove(self.resume_at)
            self.resume_at += 1


def campaign(args: argparse.Namespace) -> Tally:
    seeds = mutate.build_seeds(seed=args.seed)
    deadline = time.monotonic() + args.budget if args.budget else None
    findings = Path(args.findings)
    scratch = tempfile.mkdtemp(prefix="vnhealth-fuzz-")
    Path(scratch).chmod(0o1777)  # a worker that dropped to nobody creates its case folders here
    tally = Tally(resume_at=args.start)
    started = time.perf_counter()

    def cases() -> Iterator[Case]:
        index = args.start
        while (args.inputs is None or index < args.start + args.inputs) and (
            deadline is None or time.monotonic() < deadline
        ):
            yield mutate.make_case(seeds, args.seed, index)
            index += 1

    pool = Pool(args.workers, timeout=args.timeout, memory_bytes=args.memory << 20, scratch=scratch)
    saved: set[str] = set()
    try:
        for case, result in pool.run(cases()):
            outcome = judge(case, result)
            tally.inputs += 1
            tally.finished(case.index)
            tally.counts[outcome] += 1
            if case.plant is not None and outcome in {*GOOD, "planted_missed", "cascade"}:
                tally.planted += 1
            seconds = float(result.get("seconds", 0.0))
            if seconds > tally.slowest[0]:
                tally.slowest = (seconds, f"{case.seed}:{case.index} {case.mutator} -> {outcome}")
            if outcome in BAD:
                key = signature(case, outcome, result)
                tally.by_signature.setdefault(key, []).append(case.index)
                # Every bad input by number, not just the first of its class: each can be replayed.
                findings.mkdir(parents=True, exist_ok=True)
                with (findings / "bad-inputs.txt").open("a", encoding="utf-8") as listing:
                    listing.write(f"{case.seed}:{case.index}\t{outcome}\t{case.mutator}\n")
                tally.by_mutator[f"{outcome} {case.mutator}"] += 1
                if key not in saved and len(saved) < args.max_findings:
                    saved.add(key)
                    small = minimise(case, outcome, _MinimisePool(pool)) if args.minimise else case
                    save_finding(findings, small, outcome, result)
            if args.progress and tally.inputs % args.progress == 0:
                _print_progress(tally, time.perf_counter() - started)
    except BaseException as error:
        # A Ctrl-C, or a fault of the engine's own: what ran is still counted, and can be resumed.
        signal_name = str(error) if isinstance(error, KeyboardInterrupt) else ""
        tally.stopped_by = signal_name or type(error).__name__
        raise
    finally:
        pool.close()
        remove(Path(scratch))
        print_summary(tally, time.perf_counter() - started, args)
    return tally


class _MinimisePool:
    """The campaign's pool, used for one case at a time while minimising."""

    def __init__(self, pool: Pool) -> None:
        self._pool = Pool(1, timeout=pool.timeout, memory_bytes=pool.memory_bytes, scratch=pool.scratch)

    def run(self, cases: Iterator[Case]) -> Iterator[tuple[Case, dict[str, Any]]]:
        return self._pool.run(cases)

    def __del__(self) -> None:
        self._pool.close()


def _print_progress(tally: Tally, seconds: float) -> None:
    bad = sum(tally.counts[name] for name in BAD)
    print(f"  {tally.inputs:>9,} inputs  {tally.inputs / seconds:7.1f}/s  bad {bad:,}", file=sys.stderr, flush=True)


def print_summary(tally: Tally, seconds: float, args: argparse.Namespace) -> None:
    print(
        f"vnhealth fuzz campaign: seed {args.seed}, {tally.inputs:,} inputs in {seconds:,.1f} s "
        f"({tally.inputs / max(seconds, 1e-9):,.1f} inputs/s, {args.workers} workers, "
        f"timeout {args.timeout:g} s, memory cap {args.memory} MiB)"
    )
    if tally.stopped_by is not None:
        print(
            f"stopped early by {tally.stopped_by}: every input from {args.start:,} to {tally.resume_at - 1:,} "
            f"ran; go on with --start {tally.resume_at}"
        )
    print()
    print(f"{'outcome':<22}{'inputs':>12}{'share':>9}")
    for name in (*GOOD, *BAD):
        count = tally.counts[name]
        print(f"{name:<22}{count:>12,}{count / max(tally.inputs, 1):>9.2%}")
    print(f"{'planted problems':<22}{tally.planted:>12,}   (checked; missed and cascades counted above)")
    print(f"slowest input: {tally.slowest[0]:.3f} s ({tally.slowest[1]})")
    if tally.by_signature:
        print()
        print("defect classes (outcome | stage | error | message, or outcome | mutators): inputs, first input")
        for key, indices in sorted(tally.by_signature.items(), key=lambda item: -len(item[1])):
            print(f"  {key[:96]:<96} {len(indices):>7,}  {args.seed}:{indices[0]}")


def replay(args: argparse.Namespace) -> int:
    seed, index = (int(part) for part in args.replay.split(":"))
    seeds = mutate.build_seeds(seed=seed)
    case = mutate.make_case(seeds, seed, index)
    scratch = tempfile.mkdtemp(prefix="vnhealth-fuzz-")
    Path(scratch).chmod(0o1777)
    pool = Pool(1, timeout=args.timeout, memory_bytes=args.memory << 20, scratch=scratch)
    try:
        (_, result), *_ = list(pool.run(iter([case])))
    finally:
        pool.close()
        remove(Path(scratch))
    print(f"input {seed}:{index}: {case.mutator}, loading {case.load[:100]!r}, plant {case.plant}")
    print(f"outcome: {judge(case, result)}")
    print(json.dumps(result, indent=1, default=str)[:6000])
    return 0


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m fuzz.campaign", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0, help="the campaign's seed: same seed, same inputs")
    parser.add_argument("--start", type=int, default=0, help="the first input's index")
    parser.add_argument("--inputs", type=int, default=None, help="stop after this many inputs")
    parser.add_argument("--budget", type=float, default=None, help="stop after this many seconds")
    parser.add_argument("--workers", type=int, default=max(1, (os.cpu_count() or 2) - 0))
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before an input counts as a hang")
    parser.add_argument("--memory", type=int, default=1024, help="each worker's address-space cap, MiB")
    parser.add_argument("--findings", default="fuzz/findings", help="where reproductions are saved")
    parser.add_argument("--max-findings", type=int, default=50, help="save at most this many distinct findings")
    parser.add_argument("--no-minimise", dest="minimise", action="store_false", help="save findings as found")
    parser.add_argument("--progress", type=int, default=0, help="print a line every N inputs")
    parser.add_argument("--strict", action="store_true", help="exit 1 if any outcome is not Dataset or LoadError")
    parser.add_argument("--replay", metavar="SEED:INDEX", help="run one input and print its result")
    args = parser.parse_args(argv)
    if args.inputs is None and args.budget is None and args.replay is None:
        args.inputs = 1_000
    return args


def _stop(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    if args.replay:
        return replay(args)
    # A run stopped by hand or by a supervisor still prints its figures; a background job ignores SIGINT unless told.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _stop)
    try:
        tally = campaign(args)
    except KeyboardInterrupt:
        return 130  # stopped by hand: the summary is printed, a traceback would add nothing
    bad = sum(tally.counts[name] for name in BAD)
    return 1 if args.strict and bad else 0


if __name__ == "__main__":
    sys.exit(main())
