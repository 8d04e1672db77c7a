"""A plain-text report: digital-health directives since 2025, and where the targets of 20-NQ/TW stand.

Run it with ``python examples/digital_health_report.py [AS_OF]``; it needs
only vnhealth itself (no pandas, no matplotlib). ``AS_OF`` (``YYYY-MM-DD``)
measures the gaps as they stood on that day; without it, at the latest data.
"""

from __future__ import annotations

import sys
from collections import Counter

import vnhealth


def short(text: str, limit: int = 160) -> str:
    """A quote on one line, cut at ``limit`` characters."""
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def digital_health_directives(data: vnhealth.Dataset, since: str) -> list[vnhealth.Directive]:
    """Every official's directives on digital health since ``since``, oldest first."""
    found = [
        directive
        for official in data.officials
        for directive in data.directives_by(official, theme=vnhealth.Theme.DIGITAL_HEALTH, since=since)
    ]
    return sorted(found, key=lambda directive: (directive.issued_on, directive.id))


def main(as_of: str | None = None) -> None:
    """Print the report."""
    data = vnhealth.load()
    print(f"vnhealth {vnhealth.__version__}, data {vnhealth.data_version()}")

    print("\n1. Who directed what on digital health since 2025\n")
    directives = digital_health_directives(data, since="2025")
    for directive in directives:
        who = data.official(directive.issued_by)
        source = data.source(directive.citation.source)
        print(f"{directive.issued_on}  {who.name} ({who.title_on(directive.issued_on) or 'no attested title'})")
        print(f"    {directive.text}")
        print(f"    source: {source.outlet}, {source.published}: “{short(directive.citation.quote)}”")
    counts = Counter(data.official(directive.issued_by).name for directive in directives)
    print(f"\n{len(directives)} directives: " + ", ".join(f"{name} {count}" for name, count in counts.most_common()))

    nq20 = data.resolution("20-NQ/TW")
    when = f"at {as_of}" if as_of else "at the latest data"
    print(f"\n2. The targets of {nq20.label} ({nq20.issued_on}), {when}\n")
    gaps = [gap for gap in data.gaps(as_of=as_of) if gap.target.set_by == nq20.id]
    for gap in gaps:
        target = gap.target
        latest = f"{gap.observation.value:g} ({gap.observation.as_of})" if gap.observation else "no data"
        amount = f"{target.value:g} {target.unit.label}".rstrip()
        goal = f"{target.comparator.symbol} {amount} by {target.deadline}"
        print(f"{gap.status.value:>10}  {gap.indicator.name}: {goal}; latest {latest}")
    statuses = Counter(gap.status.value for gap in gaps)
    print(f"\n{len(gaps)} targets: " + ", ".join(f"{count} {status}" for status, count in statuses.most_common()))

    met = [gap for gap in gaps if gap.met]
    if met:
        print("\nThe met targets, explained:\n")
        for gap in met:
            print(gap.explain(), end="\n\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
