"""Vietnamese document numbers: ``72-NQ/TW``, ``282/NQ-CP``, ``114/2025/QH15``, ...

Two conventions are in use (reference: Decree 30/2020/NĐ-CP, Appendix I;
Law on Promulgation of Legal Documents, Article 10; Party Guidance 36-HD/VPTW):

- Party documents: ``number-TYPE/ISSUER``, e.g. ``72-NQ/TW``; numbers run per
  Party-committee term.
- State documents: ``number/TYPE-ISSUER``, e.g. ``388/QĐ-TTg``; numbers run per
  year. Legal normative documents add the year: ``30/2020/NĐ-CP``; laws and
  National Assembly resolutions carry no type code: ``114/2025/QH15``.
  Official letters carry no type code either: ``5906/BYT-VPB1``.

`DocumentNumber.parse` accepts the forms people write (spaces around the
separators, ``QD`` for ``QĐ``, a page's ``20/NQ-TW`` for ``20-NQ/TW``, a leading
"Resolution No." or "Nghị quyết số") and ``str()`` prints the canonical form,
chosen by the issuer: a Party issuer gets the Party form.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import attrs

from vnhealth._errors import DocumentNumberError
from vnhealth._text import fold

__all__ = ["DOCUMENT_TYPES", "ISSUERS", "NUMBER_PATTERN", "DocumentNumber", "number_pattern"]

DOCUMENT_TYPES: dict[str, str] = {
    "NQ": "resolution",
    "NQLT": "joint resolution",
    "QĐ": "decision",
    "CT": "directive",
    "NĐ": "decree",
    "TT": "circular",
    "TTLT": "joint circular",
    "KH": "plan",
    "KL": "conclusion",
    "HD": "guidance",
    "TB": "notice",
    "BC": "report",
    "CTr": "programme",
    "ĐA": "scheme",
    "DA": "project",
    "PA": "plan of action",
    "QC": "regulation",
    "QyĐ": "rules",
    "TC": "communiqué",
    "TTr": "submission",
    "BB": "minutes",
    "HĐ": "contract",
    "CĐ": "official dispatch",
    "PL": "ordinance",
    "L": "order",
    "Lt": "law",
    "CV": "official letter",
    "QĐNS": "personnel decision",
    "QĐi": "regulation (Party)",
}
"""Type codes (Decree 30/2020/NĐ-CP, Appendix III, and the older legal table) and their English names."""

ISSUERS: dict[str, str] = {
    "TW": "Party Central Committee (Central Committee, Politburo or Secretariat)",
    "BCĐTW": "Central Steering Committee",
    "VPTW": "Party Central Office",
    "BCSĐ": "Party Civil Affairs Committee",
    "ĐU": "Party Committee",
    "TU": "Provincial Party Committee",
    "HU": "District Party Committee",
    "QU": "Urban District Party Committee",
    "ĐUK": "Party Committee of a bloc of agencies",
    "CP": "Government",
    "TTg": "Prime Minister",
    "VPCP": "Government Office",
    "CTN": "State President",
    "BYT": "Ministry of Health",
    "BTC": "Ministry of Finance",
    "BNV": "Ministry of Home Affairs",
    "BGDĐT": "Ministry of Education and Training",
    "BKHCN": "Ministry of Science and Technology",
    "BCA": "Ministry of Public Security",
    "BQP": "Ministry of National Defence",
    "BNG": "Ministry of Foreign Affairs",
    "BTP": "Ministry of Justice",
    "BHXH": "Vietnam Social Security",
    "UBND": "People's Committee",
    "HĐND": "People's Council",
}
"""Issuer codes and their English names; ``QH<n>`` and ``UBTVQH<n>`` are decoded by rule."""

_PARTY_ISSUERS = frozenset({"TW", "BCĐTW", "VPTW", "BCSĐ", "ĐU", "TU", "HU", "QU", "ĐUK"})
_ASSEMBLY = re.compile(r"(UBTVQH|QH)(\d{1,2})")

# Letters as they occur in codes, Vietnamese đ/Đ and ư/Ư (in "TƯ", a spelling of TW) included.
_CODE = r"[A-Za-zĐđƯư][A-Za-zĐđƯư0-9]*"
# Spellings of an issuer that folding would send to another code: "TƯ" (Trung ương) is TW, not TU.
_ISSUER_ALIASES = {"TƯ": "TW"}


def number_pattern(*, gap: str = r"\s*", space: str = r"\s+", code: str = _CODE) -> re.Pattern[str]:
    """The one pattern of a document number, with the white space and code letters a reader allows.

    `NUMBER_PATTERN` allows any white space and the letters đ/Đ; `vnhealth.extract`
    builds its own from the same groups for text with diacritics removed and no
    line break inside a number. The groups: ``number``, ``party_gap``, ``ptype``,
    ``pissuer`` (Party form), ``year`` and ``codes`` (State form).
    """
    codes = rf"{code}(?:{gap}-{gap}{code})*"
    return re.compile(
        rf"""
        (?P<number>\d{{1,5}})
        (?:
            # Party form, and the state form miswritten as it: 72-NQ/TW, 72 NQ/TW, 03-NQ/CP
            (?P<party_gap>{gap}-{gap}|{space})(?P<ptype>{code}){gap}/{gap}(?P<pissuer>{codes})
          |
            # State form, with or without a year: 282/NQ-CP, 30/2020/NĐ-CP, 114/2025/QH15, 5906/BYT-VPB1
            {gap}/{gap}(?:(?P<year>(?:19|20)\d{{2}}){gap}/{gap})?(?P<codes>{codes})
        )
        """,
        re.VERBOSE,
    )


NUMBER_PATTERN = number_pattern()
"""Finds a document number inside text; `DocumentNumber.parse` checks what it finds."""

# Words that may stand before a number: "Resolution No.", "Nghị quyết số", "Decision No", ...
_PREFIX = re.compile(
    r"""^(?:
        (?:party|politburo|government|state|national\s+assembly|prime\s+minister'?s?|ministry'?s?|joint)\s+
    )*
    (?:resolution|decision|directive|decree|circular|plan|conclusion|law|guidance|notice|programme|program
      |regulation|instruction|official\s+letter|document|dispatch|report
      |nghi\s+quyet|quyet\s+dinh|chi\s+thi|nghi\s+dinh|thong\s+tu|ke\s+hoach|ket\s+luan|luat|huong\s+dan
      |cong\s+van|chuong\s+trinh|thong\s+bao|van\s+ban)?
    \s*(?:no\.?|number|n°|so|\#)?\s*$""",
    re.VERBOSE,
)


def _canonical_codes(table: dict[str, str]) -> dict[str, str]:
    """Map each code's exact, upper-case and folded spellings to its canonical spelling.

    Exact and upper-case spellings win over folded ones so that ``DA`` (project)
    and ``ĐA`` (scheme) stay apart while ``QD`` still finds ``QĐ``.
    """
    index: dict[str, str] = {}
    for code in table:
        index.setdefault(fold(code), code)
    for code in table:
        index[code.upper()] = code
    return index


_TYPE_INDEX = _canonical_codes(DOCUMENT_TYPES)
_ISSUER_INDEX = _canonical_codes(ISSUERS)


def _lookup(index: dict[str, str], code: str) -> str | None:
    return index.get(code.upper()) or index.get(fold(code))


def _canonical_issuer(code: str) -> str:
    if match := _ASSEMBLY.fullmatch(code.upper()):
        return f"{match[1]}{int(match[2])}"
    return _ISSUER_ALIASES.get(code.upper()) or _lookup(_ISSUER_INDEX, code) or code


def _from_fields(number: int, year: int | None, type_code: str | None, issuer: tuple[str, ...]) -> DocumentNumber:
    return DocumentNumber(number=number, year=year, type_code=type_code, issuer=issuer)


@functools.total_ordering
class DocumentNumber:
    """A parsed Vietnamese document number.

    >>> n = DocumentNumber.parse("Nghị quyết số 72 - NQ/TW")
    >>> str(n), n.type_name, n.party
    ('72-NQ/TW', 'resolution', True)
    >>> str(DocumentNumber.parse("388/QD-TTg")), DocumentNumber.parse("388/QD-TTg").issuer_name
    ('388/QĐ-TTg', 'Prime Minister')

    A scalar like `Period`: data files write it as one string, so it is an
    immutable value class of its own rather than an attrs record.
    """

    __slots__ = ("issuer", "number", "type_code", "year")

    number: int
    """The serial number: per term for Party documents, per year for state ones."""
    year: int | None
    """The year written into legal normative numbers (``30/2020/NĐ-CP``), else None."""
    type_code: str | None
    """``NQ``, ``QĐ``, ``CT``, ...; None for laws (``114/2025/QH15``) and letters."""
    issuer: tuple[str, ...]
    """Issuer codes, most senior first: ``("CP",)``, ``("BYT", "VPB1")``, ``("QH15",)``."""

    def __init__(
        self, *, number: int, year: int | None = None, type_code: str | None = None, issuer: Iterable[str]
    ) -> None:
        codes = tuple(issuer)
        if type(number) is not int or number < 0:
            msg = f"a document number's serial must be a whole number 0 or more, not {number!r}"
            raise DocumentNumberError(msg)
        if not codes or not all(isinstance(code, str) and code for code in codes):
            msg = "a document number needs an issuer code"
            raise DocumentNumberError(msg)
        _set = object.__setattr__
        _set(self, "number", number)
        _set(self, "year", year)
        _set(self, "type_code", type_code)
        _set(self, "issuer", codes)

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __reduce__(self) -> tuple[object, ...]:
        return (_from_fields, (self.number, self.year, self.type_code, self.issuer))

    def __repr__(self) -> str:
        return (
            f"DocumentNumber(number={self.number!r}, year={self.year!r}, "
            f"type_code={self.type_code!r}, issuer={self.issuer!r})"
        )

    def __eq__(self, other: object) -> bool:
        if type(other) is not DocumentNumber:
            return NotImplemented
        return self._fields == other._fields

    def __hash__(self) -> int:
        return hash((DocumentNumber, *self._fields))

    @property
    def _fields(self) -> tuple[object, ...]:
        return (self.number, self.year, self.type_code, self.issuer)

    @classmethod
    def parse(cls, text: str | DocumentNumber) -> DocumentNumber:
        """Parse any accepted way of writing a number; DocumentNumberError otherwise."""
        value: object = text  # callers from untyped code pass anything
        if isinstance(value, DocumentNumber):
            return value
        if not isinstance(value, str):
            msg = f"a document number is text, not {type(value).__name__}"
            raise DocumentNumberError(msg)
        return _parse(value)

    @classmethod
    def from_match(cls, match: re.Match[str]) -> DocumentNumber | None:
        """The number a `NUMBER_PATTERN` match found, or None if its codes are not a document's."""
        return _from_match(match)

    @property
    def party(self) -> bool:
        """Whether this is a Party document (written ``number-TYPE/ISSUER``)."""
        return self.issuer[0] in _PARTY_ISSUERS or self.issuer[0].endswith("TW")

    @property
    def type_name(self) -> str | None:
        """The English name of the type code (``"resolution"``), or None when unknown or absent."""
        if self.type_code is None:
            if _ASSEMBLY.fullmatch(self.issuer[0]):
                return "law or resolution"
            return None
        return DOCUMENT_TYPES.get(self.type_code)

    @property
    def issuer_name(self) -> str | None:
        """The English name of the (first) issuer code, or None when unknown."""
        code = self.issuer[0]
        if match := _ASSEMBLY.fullmatch(code):
            body = "National Assembly" if match[1] == "QH" else "National Assembly Standing Committee"
            return f"{_ordinal(int(match[2]))} {body}"
        return ISSUERS.get(code)

    def __str__(self) -> str:
        number = f"{self.number:02d}"
        issuer = "-".join(self.issuer)
        if self.party and self.type_code is not None and self.year is None:
            return f"{number}-{self.type_code}/{issuer}"
        symbol = issuer if self.type_code is None else f"{self.type_code}-{issuer}"
        if self.year is not None:
            return f"{number}/{self.year}/{symbol}"
        return f"{number}/{symbol}"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, DocumentNumber):
            return NotImplemented
        return (self.year or 0, self.number, str(self)) < (other.year or 0, other.number, str(other))


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@functools.lru_cache(maxsize=1024)
def _parse(text: str) -> DocumentNumber:
    cleaned = text.replace("\u00a0", " ").strip().rstrip(".,;:")
    for match in NUMBER_PATTERN.finditer(cleaned):
        if cleaned[match.end() :].strip() or not _PREFIX.match(fold(cleaned[: match.start()])):
            continue
        parsed = _from_match(match)
        if parsed is not None:
            return parsed
    msg = f"{text!r} is not a Vietnamese document number (expected forms like 72-NQ/TW, 282/NQ-CP, 114/2025/QH15)"
    raise DocumentNumberError(msg)


def _split(codes: str) -> list[str]:
    return [part.strip() for part in codes.split("-")]


def _from_match(match: re.Match[str]) -> DocumentNumber | None:
    number = int(match["number"])
    if match["ptype"] is not None:
        type_code = _lookup(_TYPE_INDEX, match["ptype"])
        if type_code is None:
            return None
        party_issuer = tuple(_canonical_issuer(code) for code in _split(match["pissuer"]))
        return DocumentNumber(number=number, type_code=type_code, issuer=party_issuer)
    codes = _split(match["codes"])
    year = int(match["year"]) if match["year"] else None
    type_code = _lookup(_TYPE_INDEX, codes[0]) if len(codes) > 1 else None
    if type_code is not None:
        codes = codes[1:]
    issuer = tuple(_canonical_issuer(code) for code in codes)
    if type_code is None and not _known_issuer(issuer[0]):
        # "3/3 patients", "15 doctors/ 10.000": without a type code, only a
        # known issuer makes a document number of digits and a slash.
        return None
    return DocumentNumber(number=number, year=year, type_code=type_code, issuer=issuer)


def _known_issuer(code: str) -> bool:
    return code in ISSUERS or _ASSEMBLY.fullmatch(code) is not None
