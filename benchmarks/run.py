"""vnhealth performance benchmark: prints ratios measured side by side in one run.

    python benchmarks/run.py            # 100,000 directives and observations
    python benchmarks/run.py --quick    # 10,000, for a fast look

What it measures (each against its baseline, in the same run, on the same bytes):

1. ``import vnhealth`` against ``import attrs, cattrs, msgspec, pendulum`` (fresh
   subprocesses, interleaved, median);
2. the bundled ``vnhealth.load()``: its first call in a fresh process, and the
   cached call;
3. ``vnhealth.load(path)`` of a generated dataset (directives and observations,
   with citations and dates) against ``json.loads`` of the same bytes with the
   garbage collector paused (the floor), and against pydantic v2 validating the
   same JSON into equivalent frozen models (also with the collector paused; the
   unpaused figure is printed too);
4. the memory the loaded records retain against the parsed JSON dicts;
5. ``directives_by`` and ``latest`` against a linear scan over the records.

It is not a test: nothing here runs under pytest, and it exits 0 whatever the
figures (``--strict`` exits 1 if a target is missed).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# -- timing helpers -------------------------------------------------------------


def best_of(func: Callable[[], object], repeat: int, *, paused: bool = False) -> float:
    """The best CPU time of ``repeat`` calls; the result of each call is dropped and collected untimed.

    CPU time, not wall time: a load is single-threaded, and CPU time does not count
    waiting for a core, so other work on a 2-core machine does not blur the ratios.
    """
    times = []
    for _ in range(repeat):
        gc.collect()
        enabled = gc.isenabled()
        if paused:
            gc.disable()
        try:
            start = time.process_time()
            result = func()
            elapsed = time.process_time() - start
        finally:
            if enabled:
                gc.enable()
        del result
        times.append(elapsed)
    gc.collect()
    return min(times)


def per_call(func: Callable[[], object], *, budget: float = 0.2) -> float:
    """The median time of one call, from several timeit batches sized to ``budget`` seconds."""
    timer = timeit.Timer(func)
    number, _ = timer.autorange()
    number = max(1, int(number * budget / 0.2))
    return statistics.median(t / number for t in timer.repeat(repeat=7, number=number))


BYTECODE = tempfile.mkdtemp(prefix="vnhealth-bench-pycache-")
"""Where the fresh interpreters cache bytecode, outside the source tree (removed at exit)."""


def in_fresh_process(code: str) -> float:
    """Run ``code`` (which prints one float: seconds) in a new interpreter and return the figure.

    The interpreter may cache bytecode (in a temporary folder), as an installed
    package has it: with PYTHONDONTWRITEBYTECODE set, as in some development
    shells, every import of vnhealth would compile its source again while its
    dependencies' bytecode is cached, and the comparison would be unfair.
    """
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = BYTECODE
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)  # noqa: S603
    return float(done.stdout.strip().splitlines()[-1])


def fmt_time(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    if seconds >= 1e-6:
        return f"{seconds * 1e6:.1f} µs"
    return f"{seconds * 1e9:.0f} ns"


def fmt_bytes(size: float) -> str:
    return f"{size / 2**20:.1f} MiB"


# -- the generated dataset ------------------------------------------------------

WORDS = tuple(
    (  # noqa: SIM905 - a paragraph reads better than a list
        "health care commune station hospital district province ministry doctor nurse insurance digital record "
        "vaccination prevention screening primary grassroots capacity finance budget equipment medicine pharmacy "
        "traditional quality ethics access equity rural mountainous ethnic minority elderly children maternal "
        "mortality reform training workforce salary allowance investment infrastructure network telemedicine data "
        "platform resolution implementation target plan programme strategy national local coordination urgently "
        "ensure improve strengthen expand complete review report deadline people service free examination"
    ).split()
)
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thanh", "Hồng", "Quốc", "Xuân", "Hữu", "Thu"]
GIVEN = ["An", "Bình", "Chính", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc", "Sơn", "Tâm"]
ADDRESSEES = [
    "Ministry of Health",
    "Ministry of Finance",
    "Vietnam Social Security",
    "provincial People's Committees",
    "Ministry of Home Affairs",
    "Ministry of Education and Training",
    "Ministry of Science and Technology",
    "commune health stations",
]
THEMES = [
    "digital_health",
    "human_resources",
    "grassroots_care",
    "prevention",
    "institutions",
    "financing",
    "private_sector",
    "pharma_and_equipment",
    "traditional_medicine",
    "science_technology",
    "international_cooperation",
    "ethics_and_quality",
    "infrastructure",
    "access_and_equity",
]
UNITS = ["per_10k_people", "percent", "per_1k_live_births", "per_100k_live_births", "years", "count"]
QUALIFIERS = ["exact", "about", "nearly", "at_least", "over", "under"]


def sentence(rng: random.Random, length: int) -> str:
    words: list[str] = []
    while sum(len(word) + 1 for word in words) < length:
        words.append(rng.choice(WORDS))
    return " ".join(words).capitalize() + "."


def generate(size: int, seed: int = 20260101) -> dict[str, list[dict[str, Any]]]:  # noqa: PLR0915 - one recipe
    """``size`` records, half directives and half observations, and everything they refer to.

    Deterministic for a seed; every reference resolves and every quote is a
    verbatim substring of its source's text, so the dataset loads cleanly.
    """
    from vnhealth._text import slug  # noqa: PLC0415

    rng = random.Random(seed)
    day = [f"{y}-{m:02d}-{d:02d}" for y in range(2019, 2027) for m in range(1, 13) for d in range(1, 29)]

    sources = []
    for number in range(20):
        outlet = rng.choice(["Lao Dong", "VnExpress", "Nhan Dan", "VietnamPlus", "Tuoi Tre", "baochinhphu.vn"])
        published = rng.choice(day)
        sources.append(
            {
                "id": f"{outlet.lower().replace(' ', '').replace('.', '')}-{published}-{number:02d}",
                "outlet": outlet,
                "title": sentence(rng, 70),
                "url": f"https://example.vn/y-te/{number:04d}-{published}.html",
                "published": published,
                "language": rng.choice(["en", "vi"]),
                "text": " ".join(sentence(rng, 200) for _ in range(30)),
            }
        )

    def citation() -> dict[str, str]:
        source = rng.choice(sources)
        text = source["text"]
        start = rng.randrange(0, len(text) - 200)
        start = text.index(" ", start) + 1
        stop = text.rindex(" ", start, start + rng.randint(80, 160))
        return {"source": source["id"], "quote": text[start:stop]}

    officials = []
    names: set[str] = set()
    while len(officials) < 60:
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        if name in names:
            continue
        names.add(name)
        officials.append(
            {
                "id": slug(name),
                "name": name,
                "roles": [
                    {
                        "title": rng.choice(["Minister of Health", "Deputy Prime Minister", "Chairman", "Director"]),
                        "organization": rng.choice(
                            ["Government", "Ministry of Health", "Provincial People's Committee"]
                        ),
                        "as_of": rng.choice(day),
                        "citation": citation(),
                    }
                ],
            }
        )
    official_ids = [official["id"] for official in officials]

    resolutions = [
        {
            "id": f"{number}-nq-cp",
            "number": f"{number}/NQ-CP",
            "title": sentence(rng, 90),
            "kind": "government_resolution",
            "issuer": "Government",
            "issued_on": rng.choice(day),
            "citations": [citation()],
        }
        for number in rng.sample(range(1, 400), 30)
    ]
    resolution_ids = [resolution["id"] for resolution in resolutions]

    events = []
    for number in range(1000):
        date = rng.choice(day)
        events.append(
            {
                "id": f"meeting-{date}-{number:04d}",
                "date": date,
                "title": sentence(rng, 60),
                "place": rng.choice(["Hà Nội", "Thành phố Hồ Chí Minh", "Đà Nẵng", "Cần Thơ", "Huế"]),
                "officials": rng.sample(official_ids, rng.randint(1, 3)),
                "citation": citation(),
            }
        )

    indicators = []
    for number in range(40):
        indicators.append(
            {
                "id": f"indicator_{number:02d}_{rng.choice(WORDS)}",
                "name": sentence(rng, 30),
                "unit": UNITS[number % len(UNITS)],
                "direction": rng.choice(["higher", "lower"]),
            }
        )

    directives = []
    for number in range(size // 2):
        official = rng.choice(official_ids)
        date = rng.choice(day)
        record: dict[str, Any] = {
            "id": f"{official}-{date}-{number:06d}",
            "text": sentence(rng, 200),
            "issued_by": official,
            "issued_on": date,
            "addressee": rng.choice(ADDRESSEES),
            "themes": rng.sample(THEMES, rng.randint(1, 3)),
        }
        if rng.random() < 0.3:
            record["resolutions"] = rng.sample(resolution_ids, rng.randint(1, 2))
        if rng.random() < 0.2:
            record["ordinal"] = rng.randint(1, 6)
        if rng.random() < 0.5:
            record["event"] = rng.choice(events)["id"]
        record["citation"] = citation()
        directives.append(record)

    observations = []
    for _ in range(size - size // 2):
        indicator = rng.choice(indicators)
        year = rng.randint(2000, 2026)
        precision = rng.random()
        as_of = str(year) if precision < 0.6 else f"{year}-{rng.randint(1, 12):02d}"
        if precision > 0.9:
            as_of += f"-{rng.randint(1, 28):02d}"
        record = {
            "indicator": indicator["id"],
            "value": round(rng.uniform(0, 100), 2),
            "unit": indicator["unit"],
            "as_of": as_of,
        }
        if rng.random() < 0.3:
            record["qualifier"] = rng.choice(QUALIFIERS)
        record["citation"] = citation()
        observations.append(record)

    return {
        "sources": sources,
        "officials": officials,
        "resolutions": resolutions,
        "events": events,
        "directives": directives,
        "indicators": indicators,
        "observations": observations,
    }


# -- the pydantic peer ----------------------------------------------------------


def pydantic_adapter() -> Any:
    """A TypeAdapter for frozen pydantic models equivalent to vnhealth's records (dates, enums, tuples)."""
    import datetime as dt  # noqa: PLC0415
    from typing import Annotated  # noqa: PLC0415

    import pydantic  # noqa: PLC0415

    from vnhealth import Direction, InstrumentKind, Qualifier, Theme, Unit  # noqa: PLC0415

    config = pydantic.ConfigDict(frozen=True, extra="forbid")
    period_text = Annotated[str, pydantic.StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
    non_empty = Annotated[str, pydantic.StringConstraints(min_length=1)]

    class Citation(pydantic.BaseModel):
        model_config = config
        source: non_empty
        quote: non_empty

    class Source(pydantic.BaseModel):
        model_config = config
        id: non_empty
        outlet: str
        title: str
        url: str
        published: dt.date
        language: str
        text: str | None = None

    class Role(pydantic.BaseModel):
        model_config = config
        title: non_empty
        organization: str
        as_of: dt.date
        citation: Citation

    class Official(pydantic.BaseModel):
        model_config = config
        id: non_empty
        name: non_empty
        roles: tuple[Role, ...] = ()

    class Resolution(pydantic.BaseModel):
        model_config = config
        id: non_empty
        number: str | None = None
        title: non_empty
        kind: InstrumentKind
        issuer: str
        issued_on: dt.date | None = None
        implements: tuple[str, ...] = ()
        citations: tuple[Citation, ...] = ()

    class Event(pydantic.BaseModel):
        model_config = config
        id: non_empty
        date: dt.date
        title: non_empty
        place: str
        officials: tuple[str, ...] = ()
        citation: Citation

    class Directive(pydantic.BaseModel):
        model_config = config
        id: non_empty
        text: non_empty
        issued_by: non_empty
        issued_on: dt.date
        addressee: str
        themes: frozenset[Theme] = frozenset()
        resolutions: tuple[str, ...] = ()
        ordinal: Annotated[int, pydantic.Field(ge=1)] | None = None
        event: str | None = None
        citation: Citation

    class Indicator(pydantic.BaseModel):
        model_config = config
        id: non_empty
        name: non_empty
        unit: Unit
        direction: Direction
        who_gho: str | None = None
        wdi: str | None = None
        citations: tuple[Citation, ...] = ()

    class Observation(pydantic.BaseModel):
        model_config = config
        indicator: non_empty
        value: float
        unit: Unit
        as_of: period_text
        qualifier: Qualifier = Qualifier.EXACT
        citation: Citation

    class Dataset(pydantic.BaseModel):
        model_config = config
        sources: tuple[Source, ...] = ()
        officials: tuple[Official, ...] = ()
        resolutions: tuple[Resolution, ...] = ()
        events: tuple[Event, ...] = ()
        directives: tuple[Directive, ...] = ()
        indicators: tuple[Indicator, ...] = ()
        observations: tuple[Observation, ...] = ()

    return pydantic.TypeAdapter(Dataset), pydantic.VERSION


# -- the benchmark --------------------------------------------------------------


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str, str]] = []
        self.failed: list[str] = []

    def add(  # noqa: PLR0917 - a table row
        self, what: str, value: str, baseline: str, ratio: str, target: str = "", passed: bool | None = None
    ) -> None:
        verdict = "" if passed is None else ("PASS" if passed else "FAIL")
        if passed is False:
            self.failed.append(what)
        self.rows.append((what, value, baseline, ratio, target, verdict))
        print(f"  {what}: {value} vs {baseline} -> {ratio} {target} {verdict}".rstrip(), flush=True)

    def render(self) -> str:
        header = ("measure", "vnhealth", "baseline", "ratio", "target", "")
        widths = [max(len(row[i]) for row in [header, *self.rows]) for i in range(6)]
        lines = [
            "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + " |"
            for row in [header, *self.rows]
        ]
        lines.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
        return "\n".join(lines)


def bench_import(table: Table, repeat: int) -> None:
    print(f"import time ({repeat} fresh interpreters each, interleaved, median CPU time)", flush=True)
    # CPU time of the import in the new process: unlike wall time, it does not count waiting for a
    # core, so other work on the machine does not blur a ratio of two figures this small.
    code = "import time; s = time.process_time(); import {}; print(time.process_time() - s)"
    ours, deps = [], []
    in_fresh_process(code.format("vnhealth"))  # write the bytecode caches first
    # What `import vnhealth` itself imports of its dependencies (tomli waits for the first TOML file).
    dependencies = "attrs, cattrs, msgspec, pendulum"
    in_fresh_process(code.format(dependencies))
    for _ in range(repeat):
        ours.append(in_fresh_process(code.format("vnhealth")))
        deps.append(in_fresh_process(code.format(dependencies)))
    mine, theirs = statistics.median(ours), statistics.median(deps)
    ratio = mine / theirs
    table.add(
        "import vnhealth / import attrs, cattrs, msgspec, pendulum",
        fmt_time(mine),
        fmt_time(theirs),
        f"{ratio:.2f}×",
        "≤ 1.15×",
        ratio <= 1.15,
    )


def bench_bundled(table: Table, repeat: int) -> None:
    print("bundled load()", flush=True)
    code = "import time, vnhealth; s = time.perf_counter(); vnhealth.load(); print(time.perf_counter() - s)"
    first = statistics.median(in_fresh_process(code) for _ in range(repeat))
    code = (
        "import timeit, vnhealth; vnhealth.load(); "
        "print(min(timeit.repeat(vnhealth.load, number=100000, repeat=5)) / 100000)"
    )
    cached = in_fresh_process(code)
    table.add("bundled load(), first call (fresh process)", fmt_time(first), "", "")
    table.add("bundled load(), cached call", fmt_time(cached), "", "")


def bench_load(table: Table, path: Path, size: int, repeat: int) -> Any:
    import vnhealth  # noqa: PLC0415

    raw = path.read_bytes()
    print(f"loading {size:,} records ({len(raw) / 2**20:.1f} MiB of JSON), best of {repeat}", flush=True)
    floor = best_of(lambda: json.loads(raw), repeat, paused=True)
    unpaused = best_of(lambda: json.loads(raw), repeat)
    ours = best_of(lambda: vnhealth.load(path), repeat)
    table.add("json.loads, collector paused (the floor)", fmt_time(floor), "", "1.00×")
    table.add("json.loads, collector running", fmt_time(unpaused), fmt_time(floor), f"{unpaused / floor:.2f}×")
    table.add(
        f"vnhealth.load(path), {size:,} records / floor",
        fmt_time(ours),
        fmt_time(floor),
        f"{ours / floor:.2f}×",
        "≤ 1.00×",
        ours / floor <= 1.0,
    )
    try:
        adapter, version = pydantic_adapter()
    except ImportError:
        print("  pydantic is not installed (pip install 'pydantic>=2.7'): the peer comparison is skipped")
    else:
        peer = best_of(lambda: adapter.validate_json(raw), repeat, paused=True)
        peer_unpaused = best_of(lambda: adapter.validate_json(raw), repeat)
        table.add(
            f"pydantic {version} validate_json, collector paused / vnhealth.load",
            fmt_time(peer),
            fmt_time(ours),
            f"{peer / ours:.2f}×",
            "≥ 1×",
            peer / ours >= 1,
        )
        table.add(
            "pydantic validate_json, collector running / vnhealth.load",
            fmt_time(peer_unpaused),
            fmt_time(ours),
            f"{peer_unpaused / ours:.2f}×",
            "≥ 3×",
            peer_unpaused / ours >= 3,
        )
    return vnhealth.load(path)


def retained(build: Callable[[], object]) -> tuple[object, int, int]:
    """What ``build()`` leaves allocated once it returns, and its peak while building (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    result = build()
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, current - before, peak - before


def bench_memory(table: Table, path: Path) -> None:
    import vnhealth  # noqa: PLC0415

    print("memory (tracemalloc: retained after the call, and peak during it)", flush=True)
    raw = path.read_bytes()
    vnhealth.load(path)  # converters and caches are built once per process, not per dataset
    dicts, dict_size, dict_peak = retained(lambda: json.loads(raw))
    del dicts
    records, record_size, record_peak = retained(lambda: vnhealth.load(path))
    del records
    table.add(
        "memory: loaded records / parsed JSON dicts",
        fmt_bytes(record_size),
        fmt_bytes(dict_size),
        f"{record_size / dict_size:.2f}×",
        "≤ 1.00×",
        record_size <= dict_size,
    )
    table.add(
        "memory: peak during load / during json.loads",
        fmt_bytes(record_peak),
        fmt_bytes(dict_peak),
        f"{record_peak / dict_peak:.2f}×",
    )


def bench_queries(table: Table, path: Path) -> None:
    import vnhealth  # noqa: PLC0415

    print("queries (median per call)", flush=True)
    data = vnhealth.load(path)
    counts: dict[str, int] = {}
    for directive in data.directives:
        counts[directive.issued_by] = counts.get(directive.issued_by, 0) + 1
    official = sorted(counts, key=lambda key: (counts[key], key))[len(counts) // 2]
    indicator = data.indicators[len(data.indicators) // 2].id

    start = time.perf_counter()
    first = data.directives_by(official)
    build = time.perf_counter() - start
    table.add(
        "first directives_by on a fresh dataset (builds its index)", fmt_time(build), "", "", "≤ 50 ms", build <= 0.05
    )

    def scan_directives() -> tuple[Any, ...]:
        return tuple(directive for directive in data.directives if directive.issued_by == official)

    def scan_latest() -> Any:
        return max(
            ((o.as_of, position, o) for position, o in enumerate(data.observations) if o.indicator == indicator),
            default=(None, None, None),
        )[2]

    assert set(first) == set(scan_directives())
    assert data.latest(indicator) is scan_latest()
    for name, query, scan in (
        (
            f"directives_by (≈{counts[official]:,} of {len(data.directives):,})",
            lambda: data.directives_by(official),
            scan_directives,
        ),
        (f"latest (of {len(data.observations):,} observations)", lambda: data.latest(indicator), scan_latest),
    ):
        fast, slow = per_call(query), per_call(scan)
        table.add(
            f"{name} / linear scan",
            fmt_time(fast),
            fmt_time(slow),
            f"{slow / fast:,.0f}× faster",
            "≥ 100×",
            slow / fast >= 100,
        )


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for package in ("attrs", "cattrs", "pendulum", "pydantic"):
        try:
            from importlib.metadata import version  # noqa: PLC0415

            versions.append(f"{package} {version(package)}")
        except Exception:  # noqa: BLE001
            versions.append(f"{package} -")
    return (
        f"{platform.python_implementation()} {platform.python_version()} on {platform.system()} "
        f"{platform.machine()}, {cpu}, {os.cpu_count()} cores; " + ", ".join(versions)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10,000 records and fewer repetitions")
    parser.add_argument("--size", type=int, help="records to generate (default 100,000; 10,000 with --quick)")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--no-extract", action="store_true", help="skip benchmarks/bench_extract.py")
    args = parser.parse_args(argv)
    size = args.size or (10_000 if args.quick else 100_000)
    repeat = 3 if args.quick else 5
    started = time.perf_counter()
    print(machine(), flush=True)

    table = Table()
    bench_import(table, 7 if args.quick else 15)
    bench_bundled(table, 3 if args.quick else 5)
    with tempfile.TemporaryDirectory(prefix="vnhealth-bench-") as folder:
        path = Path(folder) / "dataset.json"
        path.write_text(json.dumps(generate(size), ensure_ascii=False), encoding="utf-8")
        bench_load(table, path, size, repeat)
        bench_memory(table, path)
        bench_queries(table, path)

    print()
    print(f"vnhealth benchmark, {size:,} records — {machine()}")
    print(table.render())
    print(f"\n{len(table.failed)} target(s) missed" + (f": {', '.join(table.failed)}" if table.failed else ""))
    if size < 100_000:
        print("(the targets are set for 100,000 records: a smaller dataset makes a shorter scan and a cheaper load)")
    print(f"(ran in {time.perf_counter() - started:.0f} s)")

    if not args.no_extract and (HERE / "bench_extract.py").exists():
        sys.path.insert(0, str(HERE))
        try:
            import bench_extract  # type: ignore[import-not-found]  # noqa: PLC0415
        except ImportError as error:
            print(f"\nbench_extract could not be imported: {error}")
        else:
            print()
            saved, sys.argv = sys.argv, [str(HERE / "bench_extract.py")]
            try:
                bench_extract.main()
            finally:
                sys.argv = saved
    shutil.rmtree(BYTECODE, ignore_errors=True)
    return 1 if args.strict and table.failed else 0


if __name__ == "__main__":
    sys.exit(main())
