"""Document numbers: canonical forms round-trip, every accepted variant normalises."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnhealth import DocumentNumber, DocumentNumberError, VnhealthError
from vnhealth._docnumber import DOCUMENT_TYPES, ISSUERS, NUMBER_PATTERN
from vnhealth.strategies import document_numbers


@given(document_numbers())
def test_str_then_parse_is_the_identity_on_canonical_forms(number: DocumentNumber) -> None:
    assert DocumentNumber.parse(str(number)) == number
    assert str(DocumentNumber.parse(str(number))) == str(number)


def _ascii(code: str) -> str:
    return code.replace("Đ", "D").replace("đ", "d")


def _respellings(code: str, table: dict[str, str]) -> list[str]:
    """Other ways people write a known code that still name only that code."""
    spellings = [code, code.upper(), code.lower()]
    others = {other.upper() for other in table if other != code}
    if _ascii(code).upper() not in others:
        spellings += [_ascii(code), _ascii(code).lower()]
    return spellings


def _spell(draw: st.DrawFn, code: str, table: dict[str, str]) -> str:
    if code in table:
        return draw(st.sampled_from(_respellings(code, table)))
    if re.fullmatch(r"(UBTVQH|QH)\d+", code):
        return draw(st.sampled_from([code, code.lower()]))
    return code  # a sub-unit code nobody lists: written as is


@st.composite
def variants(draw: st.DrawFn) -> tuple[DocumentNumber, str]:
    """A canonical number and one of the ways people write it."""
    number = draw(document_numbers())
    dash = draw(st.sampled_from(["-", " - ", "- ", " -"]))
    slash = draw(st.sampled_from(["/", " / ", "/ ", "\u00a0/\u00a0"]))
    digits = str(number.number).rjust(draw(st.integers(min_value=1, max_value=5)), "0")
    type_code = _spell(draw, number.type_code, DOCUMENT_TYPES) if number.type_code else None
    issuer = dash.join(_spell(draw, code, ISSUERS) for code in number.issuer)
    if type_code is not None and number.year is None and draw(st.booleans()):
        # Either convention, whatever the issuer: a page's 20/NQ-TW, a typo'd 03-NQ/CP.
        text = f"{digits}{draw(st.sampled_from([dash, ' ']))}{type_code}{slash}{issuer}"
    else:
        symbol = issuer if type_code is None else f"{type_code}{dash}{issuer}"
        year = f"{number.year}{slash}" if number.year is not None else ""
        text = f"{digits}{slash}{year}{symbol}"
    prefix = draw(
        st.sampled_from(
            ["", "Resolution No. ", "Nghị quyết số ", "Decision No ", "Quyết định số ", "Government Resolution "]
        )
    )
    suffix = draw(st.sampled_from(["", ".", ",", ";", " "]))
    lead = draw(st.sampled_from(["", " ", "\u00a0"]))
    return number, f"{lead}{prefix}{text}{suffix}"


@given(variants())
def test_parse_normalises_every_variant(case: tuple[DocumentNumber, str]) -> None:
    number, text = case
    assert DocumentNumber.parse(text) == number
    assert str(DocumentNumber.parse(text)) == str(number)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("72-NQ/TW", "72-NQ/TW"),
        ("Nghị quyết số 72 - NQ/TW", "72-NQ/TW"),
        ("Resolution No. 72-NQ/TW", "72-NQ/TW"),
        ("20/NQ-TW", "20-NQ/TW"),
        ("282/NQ-CP", "282/NQ-CP"),
        ("03-NQ/CP", "03/NQ-CP"),
        ("388/QD-TTg", "388/QĐ-TTg"),
        ("388 / qđ - ttg", "388/QĐ-TTg"),
        ("30/2020/ND-CP", "30/2020/NĐ-CP"),
        ("114/2025/QH15", "114/2025/QH15"),
        ("114/2025/qh15", "114/2025/QH15"),
        ("5906/BYT-VPB1", "5906/BYT-VPB1"),
        ("Decision No. 1/QĐ-BYT.", "01/QĐ-BYT"),
        ("12/DA-BYT", "12/DA-BYT"),
        ("12/ĐA-BYT", "12/ĐA-BYT"),
    ],
)
def test_parse_examples(text: str, canonical: str) -> None:
    assert str(DocumentNumber.parse(text)) == canonical


@pytest.mark.parametrize(
    "text",
    ["", "hello", "3/3 patients", "15 doctors/ 10.000", "72-XX/TW", "the 72-NQ/TW resolution", "72-NQ/TW and more"],
)
def test_parse_rejects_what_is_not_a_document_number(text: str) -> None:
    with pytest.raises(DocumentNumberError, match="not a Vietnamese document number"):
        DocumentNumber.parse(text)


def test_parse_rejects_non_text_with_its_own_error() -> None:
    with pytest.raises(DocumentNumberError, match="not int") as raised:
        DocumentNumber.parse(72)  # type: ignore[arg-type]
    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, VnhealthError)


def test_parse_passes_a_document_number_through() -> None:
    number = DocumentNumber.parse("72-NQ/TW")
    assert DocumentNumber.parse(number) is number  # type: ignore[arg-type]


def test_a_number_needs_an_issuer() -> None:
    with pytest.raises(DocumentNumberError, match="issuer"):
        DocumentNumber(number=1, issuer=())
    with pytest.raises(DocumentNumberError, match="issuer"):
        DocumentNumber(number=1, issuer=("",))


def test_party_and_state_conventions() -> None:
    party = DocumentNumber.parse("72-NQ/TW")
    assert party.party
    assert (party.number, party.type_code, party.issuer, party.year) == (72, "NQ", ("TW",), None)
    assert party.type_name == "resolution"
    assert party.issuer_name is not None
    assert party.issuer_name.startswith("Party Central Committee")
    state = DocumentNumber.parse("282/NQ-CP")
    assert not state.party
    assert state.issuer_name == "Government"
    assert DocumentNumber.parse("12-KL/BCĐTW").party  # an issuer ending in TW


def test_laws_letters_and_unknown_codes() -> None:
    law = DocumentNumber.parse("114/2025/QH15")
    assert law.type_code is None
    assert law.type_name == "law or resolution"
    assert law.issuer_name == "15th National Assembly"
    assert DocumentNumber.parse("01/2021/UBTVQH14").issuer_name == "14th National Assembly Standing Committee"
    letter = DocumentNumber.parse("5906/BYT-VPB1")
    assert letter.type_code is None
    assert letter.type_name is None
    assert letter.issuer == ("BYT", "VPB1")
    assert letter.issuer_name == "Ministry of Health"
    odd = DocumentNumber(number=1, type_code="ZZ", issuer=("XYZ",))
    assert odd.type_name is None
    assert odd.issuer_name is None
    assert str(odd) == "01/ZZ-XYZ"


@pytest.mark.parametrize(
    ("term", "ordinal"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"), (21, "21st")],
)
def test_assembly_terms_read_as_ordinals(term: int, ordinal: str) -> None:
    assert DocumentNumber.parse(f"1/2020/QH{term}").issuer_name == f"{ordinal} National Assembly"


def test_numbers_order_by_year_then_serial() -> None:
    numbers = [DocumentNumber.parse(text) for text in ["30/2020/NĐ-CP", "282/NQ-CP", "72-NQ/TW", "1/2019/QH14"]]
    assert [str(n) for n in sorted(numbers)] == ["72-NQ/TW", "282/NQ-CP", "01/2019/QH14", "30/2020/NĐ-CP"]
    with pytest.raises(TypeError):
        _ = numbers[0] < "72-NQ/TW"  # type: ignore[operator]


@given(document_numbers(), document_numbers())
def test_order_is_total_and_agrees_with_equality(a: DocumentNumber, b: DocumentNumber) -> None:
    assert (a < b) + (b < a) + (a == b) == 1 or str(a) == str(b)
    assert (a <= b) or (b <= a)


def test_number_pattern_finds_numbers_in_running_text() -> None:
    text = "Thực hiện Nghị quyết 72-NQ/TW, Chính phủ ban hành 282/NQ-CP; 10 doctors/ km."
    found = [DocumentNumber.from_match(match) for match in NUMBER_PATTERN.finditer(text)]
    assert [str(n) for n in found if n is not None] == ["72-NQ/TW", "282/NQ-CP"]
    assert None in found  # "10 doctors/ km" is found by the pattern, and rejected


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("72-NQ/TƯ", "72-NQ/TW"), ("37-QĐi/TW", "37-QĐi/TW"), ("14-CTr/HU", "14-CTr/HU"), ("3-NQ/ĐUK", "03-NQ/ĐUK")],
)
def test_party_codes_and_the_spelling_tu_for_tw(written: str, canonical: str) -> None:
    number = DocumentNumber.parse(written)
    assert str(number) == canonical
    assert number.party


def test_one_pattern_for_the_extractor_and_the_parser() -> None:
    from vnhealth._docnumber import number_pattern

    plain = number_pattern(gap=r"[ \t]*", space=r"[ \t]+", code=r"[A-Z][A-Za-z0-9]*")
    assert plain.groupindex.keys() == NUMBER_PATTERN.groupindex.keys()
    assert plain.fullmatch("72 - NQ/TW") is not None
    assert plain.fullmatch("72 -\nNQ/TW") is None  # no line break inside a number in running text
    assert NUMBER_PATTERN.fullmatch("72 -\nNQ/TW") is not None
