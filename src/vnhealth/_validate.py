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
    officials = {o.id for o in data.officials}
    resolutions = {r.id for r in data.resolutions}
    events = {e.id for e in data.events}
    indicators = {i.id for i in data.indicators}

    def missing(path: str, what: str, value: str, known: set[str]) -> Iterator[Problem]:
        if value not in known:
            yield _problem(path, f"unknown {what} {value!r}")

    for index, resolution in enumerate(data.resolutions):
        for position, parent in enumerate(resolution.implements):
            path = f"resolutions[{index}].implements[{position}]"
            if parent == resolution.id:
                yield _problem(path, f"{resolution.id!r} cannot implement itself")
            yield from missing(path, "instrument", parent, resolutions)
    for index, event in enumerate(data.events):
        for position, official in enumerate(event.officials):
            yield from missing(f"events[{index}].officials[{position}]", "official", official, officials)
    for index, directive in enumerate(data.directives):
        yield from missing(f"directives[{index}].issued_by", "official", directive.issued_by, officials)
        if directive.event is not None:
            yield from missing(f"directives[{index}].event", "event", directive.event, events)
        for position, resolution_id in enumerate(directive.resolutions):
            yield from missing(f"directives[{index}].resolutions[{position}]", "instrument", resolution_id, resolutions)
    for index, observation in enumerate(data.observations):
        yield from missing(f"observations[{index}].indicator", "indicator", observation.indicator, indicators)
    for index, target in enumerate(data.targets):
        yield from missing(f"targets[{index}].indicator", "indicator", target.indicator, indicators)
        yield from missing(f"targets[{index}].set_by", "instrument", target.set_by, resolutions)


def _all_citations(data: Dataset) -> Iterator[tuple[str, Citation]]:
    for index, official in enumerate(data.officials):
        for position, role in enumerate(official.roles):
            yield f"officials[{index}].roles[{position}].citation", role.citation
    for index, resolution in enumerate(data.resolutions):
        for position, citation in enumerate(resolution.citations):
            yield f"resolutions[{index}].citations[{position}]", citation
    for index, event in enumerate(data.events):
        yield f"events[{index}].citation", event.citation
    for index, directive in enumerate(data.directives):
        yield f"directives[{index}].citation", directive.citation
    for index, indicator in enumerate(data.indicators):
        for position, citation in enumerate(indicator.citations):
            yield f"indicators[{index}].citations[{position}]", citation
    for index, observation in enumerate(data.observations):
        yield f"observations[{index}].citation", observation.citation
    for index, target in enumerate(data.targets):
        yield f"targets[{index}].citation", target.citation


def _citations(data: Dataset) -> Iterator[Problem]:
    texts = {source.id: source.text for source in data.sources}
    checked: set[tuple[str, str]] = set()
    for path, citation in _all_citations(data):
        if citation.source not in texts:
            yield _problem(f"{path}.source", f"unknown source {citation.source!r}")
            continue
        text = texts[citation.source]
        key = (citation.source, citation.quote)
        if text is None or key in checked:
            continue
        if citation.quote not in text:
            yield _problem(
                f"{path}.quote", f"quote not found verbatim in source {citation.source!r}: {_short(citation.quote)}"
            )
        else:
            checked.add(key)


def _units(data: Dataset) -> Iterator[Problem]:
    units = {indicator.id: indicator.unit for indicator in data.indicators}
    for kind in ("observations", "targets"):
        for index, record in enumerate(getattr(data, kind)):
            unit = units.get(record.indicator)
            if unit is not None and not record.unit.compatible(unit):
                yield _problem(
                    f"{kind}[{index}].unit",
                    f"unit {record.unit.value!r} cannot be converted to {unit.value!r}, "
                    f"the unit of {record.indicator!r}",
                )


def _short(text: str, limit: int = 80) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
