"""The checks a dataset must pass: unique ids, references that resolve, quotes found in their sources."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from vnhealth._dataset import KINDS, Dataset
from vnhealth._errors import Problem
from vnhealth._model import Citation

__all__ = ["MEMORY", "find_problems"]

MEMORY = "<memory>"
"""The file name problems carry for records that were not read from a file."""


def find_problems(data: Dataset) -> Iterator[Problem]:
    """Yield every problem in ``data``; paths are ``kind[index].field`` into the dataset."""
    yield from _duplicates(data)
    yield from _references(data)
    yield from _citations(data)
    yield from _units(data)


def _problem(path: str, message: str) -> Problem:
    return Problem(file=MEMORY, path=path, message=message)


def _duplicates(data: Dataset) -> Iterator[Problem]:
    for kind in KINDS:
        if kind == "observations":
            continue  # observations have no id
        records = getattr(data, kind)
        counts = Counter(record.id for record in records)
        if len(counts) == len(records):
            continue  # every id is different: nothing to report
        seen: set[str] = set()
        for index, record in enumerate(records):
            if counts[record.id] > 1 and record.id in seen:
                yield _problem(f"{kind}[{index}].id", f"duplicate id {record.id!r}")
            seen.add(record.id)
    numbers = Counter(r.number for r in data.resolutions if r.number is not None)
    seen_numbers: set[object] = set()
    for index, resolution in enumerate(data.resolutions):
        number = resolution.number
        if number is not None and numbers[number] > 1 and number in seen_numbers:
            yield _problem(f"resolutions[{index}].number", f"document number {str(number)!r} is used twice")
        seen_numbers.add(number)


def _references(data: Dataset) -> Iterator[Problem]:
    # Paths are only formatted for the references that do not resolve: most do, in their hundreds of thousands.
    officials = {o.id for o in data.officials}
    resolutions = {r.id for r in data.resolutions}
    events = {e.id for e in data.events}
    indicators = {i.id for i in data.indicators}

    for index, resolution in enumerate(data.resolutions):
        for position, parent in enumerate(resolution.implements):
            path = f"resolutions[{index}].implements[{position}]"
            if parent == resolution.id:
                yield _problem(path, f"{resolution.id!r} cannot implement itself")
            if parent not in resolutions:
                yield _missing(path, "instrument", parent)
    for index, event in enumerate(data.events):
        for position, official in enumerate(event.officials):
            if official not in officials:
                yield _missing(f"events[{index}].officials[{position}]", "official", official)
    yield from _directive_references(data, officials, events, resolutions)
    for index, observation in enumerate(data.observations):
        if observation.indicator not in indicators:
            yield _missing(f"observations[{index}].indicator", "indicator", observation.indicator)
    for index, target in enumerate(data.targets):
        if target.indicator not in indicators:
            yield _missing(f"targets[{index}].indicator", "indicator", target.indicator)
        if target.set_by not in resolutions:
            yield _missing(f"targets[{index}].set_by", "instrument", target.set_by)


def _directive_references(
    data: Dataset, officials: set[str], events: set[str], resolutions: set[str]
) -> Iterator[Problem]:
    for index, directive in enumerate(data.directives):
        if directive.issued_by not in officials:
            yield _missing(f"directives[{index}].issued_by", "official", directive.issued_by)
        if directive.event is not None and directive.event not in events:
            yield _missing(f"directives[{index}].event", "event", directive.event)
        if directive.resolutions:
            for position, resolution_id in enumerate(directive.resolutions):
                if resolution_id not in resolutions:
                    yield _missing(f"directives[{index}].resolutions[{position}]", "instrument", resolution_id)


def _missing(path: str, what: str, value: str) -> Problem:
    return _problem(path, f"unknown {what} {value!r}")


def _all_citations(data: Dataset) -> Iterator[tuple[str, int, str, Citation]]:
    """Every citation with where it is: the kind, the record's index and the rest of the path."""
    for index, official in enumerate(data.officials):
        for position, role in enumerate(official.roles):
            yield "officials", index, f".roles[{position}].citation", role.citation
    for index, resolution in enumerate(data.resolutions):
        for position, citation in enumerate(resolution.citations):
            yield "resolutions", index, f".citations[{position}]", citation
    for index, event in enumerate(data.events):
        yield "events", index, ".citation", event.citation
    for index, directive in enumerate(data.directives):
        yield "directives", index, ".citation", directive.citation
    for index, indicator in enumerate(data.indicators):
        for position, citation in enumerate(indicator.citations):
            yield "indicators", index, f".citations[{position}]", citation
    for index, observation in enumerate(data.observations):
        yield "observations", index, ".citation", observation.citation
    for index, target in enumerate(data.targets):
        yield "targets", index, ".citation", target.citation


def _citations(data: Dataset) -> Iterator[Problem]:
    known = {record.id: record.text for record in data.sources}
    # Each source's text, and the quotes already found in it: a quote cited many times is searched for once.
    texts = {source_id: (text, set[str]()) for source_id, text in known.items() if text is not None}
    for kind, index, rest, citation in _all_citations(data):
        source, quote = citation.source, citation.quote
        entry = texts.get(source)
        if entry is None:
            if source not in known:
                yield _problem(f"{kind}[{index}]{rest}.source", f"unknown source {source!r}")
            continue  # a source cited only by address has no text to check quotes against
        text, seen = entry
        if quote in seen:
            continue
        if quote in text:
            seen.add(quote)
        else:
            yield _problem(
                f"{kind}[{index}]{rest}.quote", f"quote not found verbatim in source {source!r}: {_short(quote)}"
            )


def _units(data: Dataset) -> Iterator[Problem]:
    units = {indicator.id: indicator.unit for indicator in data.indicators}
    for kind in ("observations", "targets"):
        for index, record in enumerate(getattr(data, kind)):
            unit = units.get(record.indicator)
            if unit is not None and record.unit is not unit and not record.unit.compatible(unit):
                yield _problem(
                    f"{kind}[{index}].unit",
                    f"unit {record.unit.value!r} cannot be converted to {unit.value!r}, "
                    f"the unit of {record.indicator!r}",
                )


def _short(text: str, limit: int = 80) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
