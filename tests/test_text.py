"""Folding: "Tô Lâm", "To Lam" and "TO LAM" are one name."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnhealth import InvalidInput, fold
from vnhealth._text import slug
from vnhealth.strategies import vietnamese_names

# An independent table of the Vietnamese letters and the bare letter each folds to.
_VIETNAMESE = {
    "a": "àáảãạăằắẳẵặâầấẩẫậ",
    "e": "èéẻẽẹêềếểễệ",
    "i": "ìíỉĩị",
    "o": "òóỏõọôồốổỗộơờớởỡợ",
    "u": "ùúủũụưừứửữự",
    "y": "ỳýỷỹỵ",
    "d": "đ",
}
_BARE = {marked: bare for bare, letters in _VIETNAMESE.items() for marked in letters}
_BARE |= {marked.upper(): bare.upper() for marked, bare in _BARE.items()}


def _strip_marks(text: str) -> str:
    return "".join(_BARE.get(char, char) for char in text)


@given(st.text())
def test_folding_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(vietnamese_names())
def test_folding_ignores_diacritics_and_case(name: str) -> None:
    bare = _strip_marks(name)
    assert bare.isascii()
    assert fold(name) == fold(bare) == fold(bare.upper()) == bare.lower()


@given(st.text(alphabet="".join(_BARE) + " \t\nabcxyzABC"))
def test_folding_vietnamese_letters_matches_the_table(text: str) -> None:
    assert fold(text) == " ".join(_strip_marks(text).lower().split())


def test_folding_examples() -> None:
    assert fold("  Đào   Hồng Lan ") == "dao hong lan"
    assert fold("Tô Lâm") == fold("TO LAM") == fold("to\tlam") == "to lam"
    assert fold("đ") == fold("Đ") == "d"
    assert fold("Nghị quyết số 72") == "nghi quyet so 72"
    assert fold("İstanbul") == "istanbul"  # casefolding adds a mark that goes too
    assert fold("Straße") == "strasse"


@given(st.text())
def test_slugs_are_ascii_identifiers(text: str) -> None:
    made = slug(text)
    assert made == made.strip("-")
    assert all(char.isascii() and (char.isalnum() or char == "-") for char in made)
    assert "--" not in made


def test_slug_examples() -> None:
    assert slug("Tô Lâm") == "to-lam"
    assert slug("Phạm Minh Chính") == "pham-minh-chinh"
    assert slug("Đào Hồng Lan") == "dao-hong-lan"
    assert slug("Resolution 72-NQ/TW") == "resolution-72-nq-tw"


@pytest.mark.parametrize("value", [None, 1, 1.5, b"To Lam", ["To Lam"], {"To": "Lam"}])
@pytest.mark.parametrize("function", [fold, slug])
def test_non_strings_are_invalid_input(function: Callable[[str], str], value: object) -> None:
    # A vnhealth error that is also the TypeError a caller would expect; never AttributeError or "unhashable".
    with pytest.raises(InvalidInput, match=rf"^{function.__name__}\(\) takes a string, not {type(value).__name__}$"):
        function(value)  # type: ignore[arg-type]
