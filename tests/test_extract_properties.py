"""Properties of vnhealth.extract: spans are exact, inserted numbers are found once, dates are never numbers."""

from __future__ import annotations

import unicodedata

from hypothesis import assume, given
from hypothesis import strategies as st

import vnhealth
from vnhealth import Dataset, DocumentNumber
from vnhealth.extract import document_numbers, enumeration, officials, quantities
from vnhealth.strategies import document_numbers as numbers

DATA = vnhealth.load()
ARTICLES = [source.text for source in DATA.sources if source.text]
EMPTY = Dataset()

# Page text as pasted: any characters, and the ones pages are full of.
_MESSY = st.sampled_from(["\u00a0", "\u200b", "\n", "\r\n", " ", "–", "—", "’", "“", "/", "-", ".", ",", "%", "\u0301"])
_TEXT = st.lists(st.one_of(st.text(max_size=12), _MESSY), max_size=20).map("".join)


@st.composite
def messy_articles(draw: st.DrawFn) -> str:
    """A piece of a bundled article with random characters, line breaks and invisible spaces spliced in."""
    article = draw(st.sampled_from(ARTICLES))
    start = draw(st.integers(0, len(article) - 1))
    piece = article[start : start + draw(st.integers(200, 3000))]
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(piece)))
        piece = piece[:at] + draw(_TEXT) + piece[at:]
    if draw(st.booleans()):
        piece = unicodedata.normalize("NFD", piece)
    return piece


def _check_spans(text: str, found: tuple[object, ...]) -> None:
    spans = [getattr(item, "span") for item in found]  # noqa: B009 - every result type has one
    assert spans == sorted(spans)
    for item, (start, end) in zip(found, spans, strict=True):
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == getattr(item, "text")  # noqa: B009


@given(st.one_of(messy_articles(), _TEXT))
def test_every_span_slices_back_to_its_text(text: str) -> None:
    _check_spans(text, document_numbers(text, DATA))
    _check_spans(text, officials(text, DATA))
    _check_spans(text, quantities(text, DATA))
    for found in enumeration(text):
        _check_spans(text, found.items)
        assert found.span == (found.items[0].span[0], found.items[-1].span[1])


_BEFORE = st.sampled_from([" ", "\n", "\u00a0", "(", " No. ", " số ", ", ", "Resolution ", "Quyết định số "])
_AFTER = st.sampled_from([" ", ", ", ". ", ")", ";", "\n", "\u00a0"])


@given(_TEXT, _BEFORE, numbers(), _AFTER, _TEXT)
def test_an_inserted_number_is_found_exactly_once(
    left: str, before: str, number: DocumentNumber, after: str, right: str
) -> None:
    # A hyphen or slash right after the number would continue it: "72-NQ/TW -CP" is another number.
    assume(not (after.isspace() and right.lstrip()[:1] in {"-", "/", "–", "—"}))
    written = str(number)
    text = f"{left}{before}{written}{after}{right}"
    start = len(left) + len(before)
    overlapping = [m for m in document_numbers(text, EMPTY) if m.span[0] < start + len(written) and start < m.span[1]]
    assert len(overlapping) == 1
    assert overlapping[0].number == number
    assert overlapping[0].span == (start, start + len(written))


_SEPARATOR = st.sampled_from(["/", "-", ".", " / ", "/ "])


@given(
    day=st.integers(1, 31),
    month=st.integers(1, 12),
    year=st.integers(1900, 2100),
    separator=_SEPARATOR,
    left=st.integers(0, 99_999),
    right=st.integers(0, 99_999),
    noun=st.sampled_from(["bác sỹ", "giường", "doctors", "beds", "dân", "người", "patients", "BS", "ca"]),
    per=st.sampled_from(["10.000 dân", "10,000 people", "100.000 trẻ đẻ sống", "1,000", "vạn dân"]),
    filler=_TEXT,
)
def test_dates_and_ratios_are_never_document_numbers(
    *, day: int, month: int, year: int, separator: str, left: int, right: int, noun: str, per: str, filler: str
) -> None:
    texts = [
        f"ngày {day}{separator}{month}{separator}{year}",
        f"on {day:02d}{separator}{month:02d}{separator}{year}",
        f"{month}{separator}{year}",
        f"{left}/{right}",
        f"{left} {noun}/ {per}",
        f"{left} {noun}/{per}",
    ]
    for text in texts:
        assert document_numbers(text, EMPTY) == ()
        # In running text: the random filler may hold a number of its own, but never one overlapping the date.
        padded = f"{filler} {text} {filler}"
        start = len(filler) + 1
        assert not [m for m in document_numbers(padded, EMPTY) if m.span[0] < start + len(text) and start < m.span[1]]


@given(
    st.integers(0, 10**9),
    st.sampled_from(["en", "vi"]),
    st.sampled_from(["", "%", " per cent", " years old", " tuổi", " cm"]),
)
def test_written_numbers_read_back(value: int, style: str, unit: str) -> None:
    grouped = f"{value:,}"
    written = grouped.replace(",", ".") if style == "vi" else grouped
    # A number of years old outside a life expectancy is an age (issue 11), so the sentence names one.
    text = f"The life expectancy figure was {written}{unit} last year"
    [found] = quantities(text, EMPTY)
    assert found.value == value
    assert found.text.startswith(written)


@given(st.integers(0, 9999), st.integers(1, 99), st.sampled_from(["en", "vi"]))
def test_decimals_read_back(whole: int, fraction: int, style: str) -> None:
    written = f"{whole}{',' if style == 'vi' else '.'}{fraction:02d}"
    [found] = quantities(f"đạt {written}% dân số", EMPTY)
    assert found.value == float(f"{whole}.{fraction:02d}")
