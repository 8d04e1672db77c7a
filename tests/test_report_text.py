"""``print(value)``: plain text for results, records, gaps and datasets, fitted to the terminal."""

from __future__ import annotations

import pytest

import vnhealth
from vnhealth import _display
from vnhealth._report import MAX_ROWS, render_text, roles_in_order

DATA = vnhealth.load()


def test_printing_results_is_a_table_not_reprs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    found = vnhealth.directives_by("To Lam")
    text = str(found)
    assert "Directive(" not in text
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["issued", "on", "#"]
    assert len(lines) == 2 + len(found)
    assert max(map(len, lines)) <= 100
    for line, directive in zip(lines[2:], found, strict=True):
        assert line.startswith(str(directive.issued_on))
        assert directive.id in line


def test_each_kind_of_results_has_its_table() -> None:
    assert str(vnhealth.gaps(set_by="72-NQ/TW")).split()[:2] == ["target", "goal"]
    assert str(vnhealth.targets()).split()[:2] == ["id", "target"]
    assert str(vnhealth.load().records("officials")).split()[:2] == ["id", "name"]
    assert str(vnhealth.search("Bạch Mai")).split()[:3] == ["kind", "id", "text"]
    assert str(vnhealth.search("no such words at all")) == "(no records)"


def test_long_results_say_how_many_more() -> None:
    every = vnhealth.load().records("observations")
    assert len(every) > MAX_ROWS
    last = render_text(every, width=120).splitlines()[-1]
    assert last == f"… {len(every) - MAX_ROWS} more ({len(every)} in all)"


def test_a_record_prints_its_fields_and_roles_in_date_order() -> None:
    person = vnhealth.official("To Lam")
    text = render_text(person, width=200)
    assert text.splitlines()[0] == "Official to-lam"
    shown = roles_in_order(person)
    assert [r.as_of for r in shown] == sorted(r.as_of for r in person.roles)
    positions = [text.index(f"{role.as_of}  {role.title}") for role in shown]
    assert positions == sorted(positions)


def test_a_gap_prints_what_it_measures() -> None:
    gap = vnhealth.gaps()[0]
    text = str(gap)
    assert text.splitlines()[0] == f"Gap of {gap.target.id}"
    assert gap.indicator.name in text
    assert gap.status.value in text
    assert "Gap(" not in text


def test_before_the_text_renderer_is_registered_str_is_the_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    person = vnhealth.official("To Lam")
    monkeypatch.setattr(_display, "_text_renderers", [])
    assert str(person) == repr(person)
    monkeypatch.undo()
    assert str(person).startswith("Official to-lam")


def test_a_dataset_prints_its_counts() -> None:
    text = str(DATA)
    assert text.startswith(f"Dataset of {len(DATA)} records: ")
    assert f"{len(DATA.directives)} directives" in text


@pytest.mark.parametrize("width", [40, 80, 120])
def test_record_lines_fit(width: int) -> None:
    for record in (vnhealth.resolution("72-NQ/TW"), vnhealth.official("PM Chinh"), DATA.directives[0]):
        assert max(map(len, render_text(record, width=width).splitlines())) <= width
