"""Finding document numbers in running text: ``72-NQ/TW``, ``Decision No 388/QĐ-TTg``, ``Resolution 72``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from vnhealth._bundled import bundled
from vnhealth._dataset import Dataset
from vnhealth._docnumber import DOCUMENT_TYPES, ISSUERS, DocumentNumber, number_pattern
from vnhealth._errors import DocumentNumberError
from vnhealth._text import fold
from vnhealth.extract._mentions import NumberMention
from vnhealth.extract._scan import Plain, Taken, checked_text, checked_type, plain, token_around

__all__ = ["document_numbers"]

# The patterns run on the plain copy of the text (see _scan): đ is d, dashes are "-".
_GAP = r"[ \t\u00a0]*"
_CODE = r"[A-Z][A-Za-z0-9]*"
# Codes are joined by hyphens; a hyphen with spaces around it is checked afterwards (see _codes_end).
# The one document-number pattern (vnhealth._docnumber), for the plain copy: no line break inside a number.
_SYMBOL = number_pattern(gap=_GAP, space=r"[ \t\u00a0]+", code=_CODE)

# The words that name a type of instrument before its number, and the type code each stands for.
_KIND_CODES = {
    "resolution": "NQ",
    "nghi quyet": "NQ",
    "decision": "QĐ",
    "quyet dinh": "QĐ",
    "directive": "CT",
    "chi thi": "CT",
    "decree": "NĐ",
    "nghi dinh": "NĐ",
    "circular": "TT",
    "thong tu": "TT",
    "conclusion": "KL",
    "ket luan": "KL",
    "plan": "KH",
    "ke hoach": "KH",
    "law": None,
    "luat": None,
}
_KIND = "|".join(sorted((word.replace(" ", r"\s+") for word in _KIND_CODES), key=len, reverse=True))
_NUMBER_WORD = r"(?:No|NO|no|Number|number|So|so|N°|#)\.?"
_KIND_BEFORE = re.compile(rf"(?i:\b(?P<kind>{_KIND})(?:s)?(?:{_GAP}{_NUMBER_WORD})?{_GAP}[.:]?{_GAP})$")
_BARE = re.compile(
    rf"(?i:\b(?P<kind>{_KIND})){_GAP}(?:{_NUMBER_WORD}{_GAP})?(?P<number>\d{{1,5}})\b"
    # Not a bare number when a symbol follows: that is the symbol pattern's to find.
    rf"(?!{_GAP}[-/]|[ \t\u00a0]+[A-Z][A-Za-z]*{_GAP}/|[.,]\d)"
)
_SPACED_HYPHEN = re.compile(rf"[ \t\u00a0]+-{_GAP}|{_GAP}-[ \t\u00a0]+")
_KNOWN_CODES = frozenset(fold(code) for code in (*DOCUMENT_TYPES, *ISSUERS))
_ASSEMBLY = re.compile(r"(?:UBTVQH|QH)\d{1,2}", re.IGNORECASE)
# Before a number, a letter is allowed only as the end of "No" or "số" written without a space.
_JOINED_PREFIX = frozenset({"no", "so", "number"})
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad \t\u00a0"))


def document_numbers(text: str, dataset: Dataset | None = None) -> tuple[NumberMention, ...]:
    """Every Vietnamese document number in ``text``, in document order.

    Finds both conventions and the ways writers type them: ``72-NQ/TW``,
    ``72 - NQ/TW``, ``No.72-NQ/TW``, ``282/NQ-CP``, ``30/2020/NĐ-CP``,
    ``2733/QD-BYT``. A bare number after a type word ("Resolution 72") is
    reported only when exactly one instrument of ``dataset`` (default: the
    bundled data) has that number and type.

    Examples:
        >>> [str(m.number) for m in document_numbers("Nghị quyết số 72 - NQ/TW ngày 9/9/2025 và 282/NQ-CP")]
        ['72-NQ/TW', '282/NQ-CP']
    """
    checked_text(text, "document_numbers")
    checked_type(dataset, Dataset, "dataset", "document_numbers")
    page = plain(text)
    found = list(_symbols(page))
    taken = Taken([mention.span for mention in found])
    if _BARE.search(page.text):
        data = dataset if dataset is not None else _bundled()
        for mention in _bare_references(page, data):
            if not taken.overlaps(*mention.span):
                found.append(mention)
    found.sort(key=lambda mention: mention.span)
    return tuple(found)


def _bundled() -> Dataset:
    return bundled()


def _symbols(page: Plain) -> Iterator[NumberMention]:
    for match in _SYMBOL.finditer(page.text):
        if not _starts_cleanly(page.text, match.start()):
            continue
        codes_group = "pissuer" if match["ptype"] is not None else "codes"
        end = _codes_end(page.text, match.start(codes_group), match.end(codes_group))
        if _inside_address(page.text, match.start(), end):
            continue
        number = _parse(page, match, codes_group, end)
        if number is None:
            continue
        if match["party_gap"] is not None and "-" not in match["party_gap"] and not _known_issuer(number):
            # "3 CT/MRI": without the hyphen, only a known issuer makes a document number.
            continue
        span = page.span(match.start(), end)
        yield NumberMention(
            text=page.original[span[0] : span[1]],
            span=span,
            number=number,
            kind_word=_kind_word(page, match.start()),
        )


def _starts_cleanly(text: str, start: int) -> bool:
    """Whether a number starts a token: not "H5N1/...", "2020-72", "1.572" or "P.301/B2"."""
    if start == 0:
        return True
    before = text[start - 1]
    if before.isdigit() or before in "/_\\":
        return False
    if before.isalpha():
        return _word_before(text, start) in _JOINED_PREFIX
    if before in ".,-" and start >= 2:
        if text[start - 2].isdigit():
            return False
        if text[start - 2].isalpha():
            return _word_before(text, start - 1) in _JOINED_PREFIX
    return True


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:end].casefold()


def _inside_address(text: str, start: int, end: int) -> bool:
    """Whether the number is part of a web address or a file name."""
    token = token_around(text, start, end)
    return (
        "://" in token
        or token.startswith("www.")
        or re.search(r"\.(?:jpe?g|png|gif|webp|pdf|html?)\b", token) is not None
    )


def _codes_end(text: str, start: int, end: int) -> int:
    """Where the codes end: a hyphen with spaces around it must join a known code ("NQ-CP - the")."""
    for separator in _SPACED_HYPHEN.finditer(text, start, end):
        following = re.match(_CODE, text[separator.end() : end])
        code = following[0] if following else ""
        if fold(code) not in _KNOWN_CODES and not _ASSEMBLY.fullmatch(code):
            return separator.start()
    return end


def _original(page: Plain, start: int, end: int) -> str:
    first, last = page.span(start, end)
    return unicodedata.normalize("NFC", page.original[first:last]).translate(_INVISIBLE)


def _parse(page: Plain, match: re.Match[str], codes_group: str, end: int) -> DocumentNumber | None:
    # Rebuild the number from the original letters: the plain copy has lost đ, and QĐ is not QD-as-typed.
    codes = "-".join(part for part in _original(page, match.start(codes_group), end).split("-") if part)
    if match["ptype"] is not None:
        written = f"{match['number']}-{_original(page, match.start('ptype'), match.end('ptype'))}/{codes}"
    elif match["year"] is not None:
        written = f"{match['number']}/{match['year']}/{codes}"
    else:
        written = f"{match['number']}/{codes}"
    try:
        return DocumentNumber.parse(written)
    except DocumentNumberError:
        return None


def _known_issuer(number: DocumentNumber) -> bool:
    return number.issuer_name is not None or number.party


def _kind_word(page: Plain, start: int) -> str | None:
    window_start = max(0, start - 40)
    found = _KIND_BEFORE.search(page.text[window_start:start])
    if found is None:
        return None
    first, last = page.span(window_start + found.start(), start)
    return page.original[first:last].strip() or None


def _bare_references(page: Plain, data: Dataset) -> Iterator[NumberMention]:
    by_serial: dict[int, list[DocumentNumber]] = {}
    for resolution in data.resolutions:
        if resolution.number is not None:
            by_serial.setdefault(resolution.number.number, []).append(resolution.number)
    for match in _BARE.finditer(page.text):
        kind = " ".join(fold(match["kind"]).split())
        wanted = _KIND_CODES[kind]
        candidates = [
            number
            for number in by_serial.get(int(match["number"]), ())
            if (number.type_code == wanted) or (wanted is None and number.type_code is None)
        ]
        if len(candidates) != 1:
            continue
        span = page.span(match.start(), match.end())
        kind_span = page.span(match.start("kind"), match.end("kind"))
        yield NumberMention(
            text=page.original[span[0] : span[1]],
            span=span,
            number=candidates[0],
            kind_word=page.original[kind_span[0] : kind_span[1]],
        )
