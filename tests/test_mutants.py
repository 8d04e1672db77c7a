"""Tests written to kill the mutants mutation testing found alive (docs/reliability.md lists them).

Each test pins a behaviour the other tests left open: an edge of a comparison,
a branch no example reached, the exact words of a message.
"""

from __future__ import annotations

import pytest

import vnhealth
from vnhealth import DocumentNumber, DocumentNumberError


@pytest.fixture(scope="module")
def data() -> vnhealth.Dataset:
    return vnhealth.load()


# -- document numbers ----------------------------------------------------------------


def test_a_type_code_alone_is_not_a_document_number() -> None:
    # "15/NQ" has a type code and no issuer: not a number (and not an IndexError on the missing issuer).
    with pytest.raises(DocumentNumberError, match="not a Vietnamese document number"):
        DocumentNumber.parse("15/NQ")


def test_digits_and_a_slash_need_a_type_or_a_known_issuer() -> None:
    with pytest.raises(DocumentNumberError):
        DocumentNumber.parse("3/3")
    # A known type code makes a number even when the issuer is not one we know.
    number = DocumentNumber.parse("5/NQ-XYZ")
    assert (number.type_code, number.issuer, number.type_name, number.issuer_name) == (
        "NQ",
        ("XYZ",),
        "resolution",
        None,
    )


def test_document_numbers_order_strictly() -> None:
    a, b = DocumentNumber.parse("72-NQ/TW"), DocumentNumber.parse("282/NQ-CP")
    same = DocumentNumber.parse("Nghị quyết số 72 - NQ/TW")
    assert (same, not a < same, not same < a) == (a, True, True)
    assert (a < b) != (b < a)
    assert sorted([b, a, b]) == sorted([a, b, b])


# -- gaps ----------------------------------------------------------------------------


def test_a_gap_without_data_says_so(data: vnhealth.Dataset) -> None:
    empty = [gap for gap in data.gaps() if gap.observation is None]
    assert empty, "the bundled data has a target with no observation yet"
    for gap in empty:
        assert repr(gap).startswith(f"<Gap {gap.target.id!r}: no data against ")
        assert repr(gap).endswith(": no data>")
        assert f"Gap of {gap.target.id}" in gap._repr_html_()
