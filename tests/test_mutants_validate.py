"""Tests written to kill the mutants of `vnhealth._validate` that mutation testing found alive.

Each pins a behaviour of the dataset checks the other tests left open: a kind of
reference no example broke, a record that failed to build and is still referred
to, the one place a repeated id is reported, the quote a message shows.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest

import vnhealth
from vnhealth import (
    Area,
    Citation,
    Dataset,
    Indicator,
    LoadError,
    Problem,
    Resolution,
    Series,
    Source,
    Target,
)

TEXT = "The ministry asked every province to train more nurses before the end of the decade."
CITE = {"source": "report", "quote": "train more nurses"}


def _document() -> dict[str, Any]:
    """A valid document in which every kind of record is referred to by another."""
    return {
        "sources": [
            {
                "id": "report",
                "outlet": "A newspaper",
                "title": "Nurses",
                "url": "https://example.invalid/nurses",
                "published": "2026-03-01",
                "language": "en",
                "text": TEXT,
            }
        ],
        "areas": [
            {"id": "hanoi", "name": "Hà Nội", "level": "province", "parent": "vn", "citations": [CITE]},
            {"id": "ba-dinh", "name": "Ba Đình", "level": "commune", "parent": "hanoi"},
        ],
        "officials": [
            {
                "id": "minister",
                "name": "A Minister",
                "roles": [{"title": "Minister", "organization": "Ministry", "as_of": "2026-03-01", "citation": CITE}],
            }
        ],
        "resolutions": [
            {"id": "nq-1", "title": "Resolution one", "kind": "party_resolution", "issuer": "Politburo"},
            {
                "id": "nq-2",
                "title": "Resolution two",
                "kind": "government_resolution",
                "issuer": "Government",
                "implements": ["nq-1"],
            },
        ],
        "events": [
            {
                "id": "meeting",
                "date": "2026-03-01",
                "title": "A meeting",
                "place": "Hà Nội",
                "officials": ["minister"],
                "citation": CITE,
            }
        ],
        "directives": [
            {
                "id": "d1",
                "text": "Train more nurses",
                "issued_by": "minister",
                "issued_on": "2026-03-01",
                "addressee": "provinces",
                "resolutions": ["nq-1"],
                "event": "meeting",
                "citation": CITE,
            }
        ],
        "indicators": [
            {"id": "nurses", "name": "Nurses per 10,000 people", "unit": "per_10k_people", "direction": "higher"}
        ],
        "series": [{"id": "survey", "description": "A yearly survey"}],
        "observations": [
            {
                "indicator": "nurses",
                "value": 12,
                "unit": "per_10k_people",
                "as_of": "2025",
                "area": "hanoi",
                "series": "survey",
                "citation": CITE,
            }
        ],
        "targets": [
            {
                "id": "t1",
                "indicator": "nurses",
                "value": 15,
                "unit": "per_10k_people",
                "comparator": "at_least",
                "deadline": "2030",
                "area": "hanoi",
                "series": "survey",
                "set_by": "nq-1",
                "citation": CITE,
            }
        ],
    }


def _load_problems(tmp_path: Path, document: dict[str, Any]) -> tuple[Problem, ...]:
    path = tmp_path / "data.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    with pytest.raises(LoadError) as raised:
        vnhealth.load(path)
    return raised.value.problems


def test_the_document_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text(json.dumps(_document(), ensure_ascii=False), "utf-8")
    assert vnhealth.load(path).problems() == ()


# -- a record that failed to build still exists ------------------------------------


@pytest.mark.parametrize(
    ("kind", "field", "bad"),
    [
        ("sources", "published", "2026-02-30"),
        ("areas", "name", " "),
        ("officials", "name", " "),
        ("resolutions", "kind", "wish"),
        ("events", "date", "2026-02-30"),
        ("indicators", "direction", "sideways"),
        ("series", "description", " "),
    ],
)
def test_a_record_that_failed_to_build_is_not_also_unknown_where_it_is_named(
    tmp_path: Path, kind: str, field: str, bad: str
) -> None:
    # The user fixes the one field; what refers to the record is not wrong and must not be reported.
    document = _document()
    document[kind][0][field] = bad
    problems = _load_problems(tmp_path, document)
    assert [problem.path for problem in problems] == [f"{kind}[0].{field}"]


# -- references of every kind ------------------------------------------------------------


def _report() -> Source:
    return Source(
        id="report",
        outlet="A newspaper",
        title="Nurses",
        url="https://example.invalid/nurses",
        published="2026-03-01",
        language="en",
        text=TEXT,
    )


def _dataset(**records: Any) -> Dataset:
    """A dataset of ``records`` and the source, indicator and resolution they may cite or name."""
    indicator = Indicator(id="nurses", name="Nurses", unit="per_10k_people", direction="higher")
    resolution = Resolution(id="nq-1", title="Resolution one", kind="party_resolution", issuer="Politburo")
    kinds: dict[str, Any] = {"sources": [_report()], "indicators": [indicator], "resolutions": [resolution]}
    return Dataset(**(kinds | records))


def _target(target_id: str, **fields: Any) -> Target:
    return Target(
        id=target_id,
        indicator="nurses",
        value=15,
        unit="per_10k_people",
        comparator="at_least",
        set_by="nq-1",
        citation=Citation(**CITE),
        **fields,
    )


def _found(data: Dataset) -> dict[str, str]:
    return {problem.path: problem.message for problem in data.problems()}


def test_a_target_names_an_area_and_a_series_that_exist() -> None:
    data = _dataset(
        series=[Series(id="survey", description="A yearly survey")],
        targets=[
            _target("t1", series="survey"),
            _target("t2", area="atlantis", series="no-survey"),
        ],
    )
    assert _found(data) == {
        "targets[1].area": "unknown area 'atlantis'",
        "targets[1].series": "unknown series 'no-survey'",
    }


def test_every_area_parent_is_checked_not_only_those_before_an_area_without_one() -> None:
    data = _dataset(
        areas=[
            Area(id="hanoi", name="Hà Nội", level="province"),  # no parent
            Area(id="ba-dinh", name="Ba Đình", level="commune", parent="ha-noi"),
        ]
    )
    assert _found(data) == {"areas[1].parent": "unknown area 'ha-noi'"}


def test_a_repeated_id_is_reported_at_each_repeat_in_every_kind() -> None:
    # The first record with an id is the one the others repeat: it is not itself a problem.
    data = _dataset(targets=[_target("t1"), _target("t1"), _target("t2"), _target("t1")])
    assert _found(data) == {"targets[1].id": "duplicate id 't1'", "targets[3].id": "duplicate id 't1'"}


def test_problems_found_in_memory_name_no_file() -> None:
    (problem,) = _dataset(targets=[_target("t1", area="atlantis")]).problems()
    assert problem == Problem(file="<memory>", path="targets[0].area", message="unknown area 'atlantis'")


# -- quotes ---------------------------------------------------------------------------------


def test_a_source_without_text_is_not_searched_while_other_quotes_are() -> None:
    # A source may hold no text (not fetched yet): its quotes cannot be checked, and are not
    # reported, even when another citation's quote is missing from its source.
    untexted = Source(
        id="untexted",
        outlet="A newspaper",
        title="Not fetched",
        url="https://example.invalid/later",
        published="2026-03-01",
        language="en",
    )
    areas = (
        Area(id="hanoi", name="Hà Nội", level="province", citations=(Citation(source="untexted", quote="anything"),)),
        Area(id="hue", name="Huế", level="province", citations=(Citation(source="report", quote="train doctors"),)),
    )
    data = _dataset(areas=areas, sources=[_report(), untexted])
    assert _found(data) == {
        "areas[1].citations[0].quote": "quote not found verbatim in source 'report': 'train doctors'",
    }


def test_a_missing_quote_is_shown_in_the_message_cut_to_80_characters() -> None:
    quote = "nurses " * 30  # far longer than a message line, and not in the text
    data = _dataset(
        areas=[Area(id="hue", name="Huế", level="province", citations=(Citation(source="report", quote=quote),))]
    )
    (problem,) = data.problems()
    prefix = "quote not found verbatim in source 'report': "
    assert problem.message.startswith(prefix)
    shown = ast.literal_eval(problem.message.removeprefix(prefix))
    assert (len(shown), shown[-1], quote.startswith(shown[:-1])) == (80, "…", True)
