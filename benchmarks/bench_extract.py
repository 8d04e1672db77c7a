"""How fast `vnhealth.extract` reads: characters per second, a 10,000-character article, and doubling ratios.

The doubling ratios (issue 12) time each extractor on a repeated input and on the
same input twice as long: a linear extractor takes about twice the time (a
ratio near 2.0), a quadratic one four times. The four inputs are those that
were quadratic before.

Run it standalone (``python benchmarks/bench_extract.py``) or import it
(``from bench_extract import main``).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import vnhealth
from vnhealth.extract import draft, enumeration, quantities


def _source(source_id: str) -> vnhealth.Source:
    return vnhealth.Source(
        id=source_id,
        outlet="benchmark",
        title="benchmark",
        url="",
        published=vnhealth.load().sources[0].published,
        language="en",
    )


def _best_of(repeats: int, text: str, data: vnhealth.Dataset) -> float:
    best = float("inf")
    for index in range(repeats):
        # A fresh copy each time: the extractors cache their reading of a text they have seen.
        fresh = f"{text} {index}"
        started = time.perf_counter()
        draft(fresh, source=_source(f"bench-{index}"), dataset=data)
        best = min(best, time.perf_counter() - started)
    return best


_DOUBLING: list[tuple[str, Callable[[str], object], str, int]] = [
    ('quantities("5% " * n)', lambda text: quantities(text, vnhealth.Dataset()), "5% ", 16_000),
    ('enumeration("(1) (2) " * n)', enumeration, "(1) (2) ", 8_000),
    ('enumeration("1. x\\n2. y\\n" * n)', enumeration, "1. x\n2. y\n", 4_000),
    ('quantities("1 - " * n)', lambda text: quantities(text, vnhealth.Dataset()), "1 - ", 16_000),
]


def _time(function: Callable[[str], object], text: str, repeats: int) -> float:
    best = float("inf")
    for index in range(repeats):
        fresh = f"{text}{' ' * index}"  # a new string each time: the extractors cache their reading of a text
        started = time.perf_counter()
        function(fresh)
        best = min(best, time.perf_counter() - started)
    return best


def doubling(repeats: int = 3) -> dict[str, float]:
    """Print and return, for each input, the time for 2n repeats over the time for n (about 2.0 when linear)."""
    ratios = {}
    print("doubling the input (time for 2n over time for n; 2.0 is linear, 4.0 quadratic):")
    for name, function, unit, size in _DOUBLING:
        half = _time(function, unit * (size // 2), repeats)
        full = _time(function, unit * size, repeats)
        ratios[name] = full / half
        print(
            f"  {name:<36} n={size // 2:>6,}: {half * 1000:7.1f} ms  2n: {full * 1000:7.1f} ms  ratio {full / half:.2f}"
        )
    return ratios


def main(repeats: int = 5) -> dict[str, float]:
    """Print and return the throughput over the bundled articles and the time to draft 10,000 characters."""
    data = vnhealth.load()
    articles = [source.text for source in data.sources if source.text]
    draft(articles[0], source=_source("warm-up"), dataset=data)  # compile the patterns once
    total_chars = sum(len(text) for text in articles)
    total_time = sum(_best_of(repeats, text, data) for text in articles)
    joined = "\n\n".join(articles)
    ten_thousand = (joined * (10_000 // len(joined) + 1))[:10_000]
    ten_thousand_time = _best_of(repeats, ten_thousand, data)
    results = {
        "characters": float(total_chars),
        "characters_per_second": total_chars / total_time,
        "seconds_for_10000_characters": ten_thousand_time,
    }
    print(f"draft() over the {len(articles)} bundled articles ({total_chars:,} characters):")
    print(f"  {results['characters_per_second']:,.0f} characters/second")
    print(f"  a 10,000-character article: {ten_thousand_time * 1000:.1f} ms")
    for name, ratio in doubling().items():
        results[f"doubling {name}"] = ratio
    return results


if __name__ == "__main__":
    main()
