"""How fast `vnhealth.extract.draft` reads articles: characters per second, and a 10,000-character article.

Run it standalone (``python benchmarks/bench_extract.py``) or import it
(``from bench_extract import main``).
"""

from __future__ import annotations

import time

import vnhealth
from vnhealth.extract import draft


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
    return results


if __name__ == "__main__":
    main()
