"""Finding reported numbers: "74.7 years old", "nearly 21 million", "95,15% dân số", "15 bác sỹ/ 10.000 dân".

A number is read in digits ("1.700", "74,8", "24.429.721"), in words ("ten",
"two-thirds" is not one, "mười", "mỗi năm một lần"), as a range ("12–15%", "từ 3
đến 5") or as a count out of a whole ("34/34 provinces"), with a currency before
it ("VND6 trillion", "US$227.82 million") and a scale, unit and qualifier around
it. What looks like a number but reports nothing stays out, each for a reason
`not_quantities` names: years, dates and times (lunar ones too), ages,
durations, list markers and section numbers, vote counts, document numbers.
Every step is a pattern matched at a known position, so the work is linear.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterator

import attrs

from vnhealth._bundled import bundled
from vnhealth._dataset import Dataset
from vnhealth._model import Indicator, Qualifier
from vnhealth._text import fold
from vnhealth._units import Unit
from vnhealth.extract._mentions import Quantity, Span
from vnhealth.extract._numbers import _symbols
from vnhealth.extract._scan import Plain, Taken, checked_text, checked_type, plain, sentence_at, token_around

__all__ = ["not_quantities", "quantities"]

_GAP = r"[ \t\u00a0]*"
_SPACE = r"[ \t\u00a0]+"
# 24.429.721 and 1,234,567 (thousands), 1.234,5 and 1,234.5, then plain 74.7 or 95,15 (decimal).
# Digit runs are bounded: a run of a thousand digits is not a number anyone reports.
_DIGITS = (
    r"\d{1,3}(?:(?P<thousands>[.,])\d{3})(?:(?P=thousands)\d{3}){0,4}(?:[.,]\d{1,6})?(?![.,]?\d)"
    r"|\d{1,15}(?:[.,]\d{1,6})?(?![.,]?\d)"
)
_EN_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_EN_WORD = (
    rf"(?:{'|'.join(_EN_TENS)})(?:-(?:{'|'.join(k for k in _EN_UNITS if _EN_UNITS[k] < 10)}))?"
    rf"|{'|'.join(sorted(_EN_UNITS, key=len, reverse=True))}"
)
# Vietnamese number words as written with their marks; matched on the plain copy, then checked on the original.
_VI_WORDS = {
    "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10, "một": 1,
}  # fmt: skip
_VI_PLAIN = {fold(word): word for word in _VI_WORDS}
# The nouns a Vietnamese number word counts (a number word before anything else is too often a name or a year).
_VI_COUNTED = (
    "benh vien|trung tam|nhom|noi dung|nhiem vu|giai phap|tinh|thanh pho|xa|huyen|phuong|bac si|bac sy|nguoi|ca|"
    "tram|co so|lan|loai|don vi|dot|mui|lieu|khoa|dia phuong|bo|nganh|chuong trinh|du an|de an|muc tieu|"
    "chi tieu|dot pha|van de|linh vuc|khau|buoc|cap|tang|trieu|ty|ti|nghin|ngan|tram|chuc|benh|vaccine|vac xin"
)
_TOKEN = re.compile(
    rf"""(?<![\w.,/:\-$€+])
    (?:(?P<currency>VND|USD|US\$|S\$|\$|€)[ \t\u00a0]?)?
    (?:
        (?P<ratio>(?P<numerator>\d{{1,7}})[ \t\u00a0]?/[ \t\u00a0]?
            (?P<denominator>\d{{1,3}}(?:[.,]\d{{3}}){{0,3}}|\d{{1,7}}))
            (?![\d/]|[.,]\d)
      | (?P<number>{_DIGITS})(?!/\d|[$])
      | (?P<word>(?i:{_EN_WORD}))(?![\w-]|-[a-z])
      | (?P<once>(?i:once|twice))\b
      | (?P<vi>(?i:{"|".join(sorted(_VI_PLAIN, key=len, reverse=True))}))(?!\w)
    )""",
    re.VERBOSE,
)
_UPPER_DIGITS = _DIGITS.replace("?P<thousands>", "?P<upper_thousands>").replace(
    "(?P=thousands)", "(?P=upper_thousands)"
)
_RANGE = re.compile(
    rf"""(?P<joint>[ \t\u00a0]*[-][ \t\u00a0]*|{_SPACE}(?i:to|den|toi|and|or){_SPACE})
    (?P<upper>{_UPPER_DIGITS}
        |(?i:{_EN_WORD})(?![\w-]))(?![/:]\d|[\w$/]|-\d)""",
    re.VERBOSE,
)
_SCALES = {
    "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9,
    "billions": 1e9, "bln": 1e9, "bn": 1e9, "trillion": 1e12, "nghin": 1e3, "ngan": 1e3, "trieu": 1e6, "ty": 1e9,
    "ti": 1e9, "nghin ty": 1e12, "ngan ty": 1e12, "trieu ty": 1e15, "hundred": 1e2,
}  # fmt: skip
_SCALE = re.compile(
    rf"{_GAP}(?i:(?P<scale>{'|'.join(s.replace(' ', _SPACE) for s in sorted(_SCALES, key=len, reverse=True))}))"
    rf"\b(?!{_SPACE}le\b)"
)
_PER = re.compile(
    rf"""(?i:(?:per|/|tren|moi|cho{_SPACE}moi){_GAP}(?:(?:1|one|every){_SPACE})?
    (?P<denominator>100[.,]?000|10[.,]?000|1[.,]?000|(?:one{_SPACE})?hundred[ -]thousand|ten[ -]thousand|thousand|van)
    (?:{_GAP}(?P<population>people|population|inhabitants|residents|persons|citizens|live{_SPACE}births|births
        |dan{_SPACE}so|nguoi{_SPACE}dan|dan|nguoi|tre{_SPACE}(?:de|sinh){_SPACE}song|ca{_SPACE}sinh{_SPACE}song))?\b)""",
    re.VERBOSE,
)
_UNIT_AFTER = re.compile(
    rf"""{_GAP}(?i:
        (?P<percent>%|percent\b|per{_SPACE}cent\b|(?:diem{_SPACE})?phan{_SPACE}tram\b|percentage{_SPACE}points?\b)
      | (?P<permille>‰)
      | (?P<years>years?{_SPACE}old\b|years?{_SPACE}of{_SPACE}age\b|tuoi\b|years?\b|nam\b(?!{_SPACE}\d))
      | (?P<cm>cm\b|centimet(?:re|er)s?\b)
      | (?P<money>VND\b|USD\b|dong\b|d\b|US\$|\$|euros?\b|yuan\b)
    )""",
    re.VERBOSE,
)
_WRITTEN_UNITS = {"percent": Unit.PERCENT, "permille": Unit.PER_1K_PEOPLE, "years": Unit.YEARS, "cm": Unit.CENTIMETRES}
_MONEY_BEFORE = re.compile(r"(?i:VND|USD|US\$|\$)[ \t\u00a0]*$")
_QUALIFIERS = {
    Qualifier.NEARLY: "nearly|almost|close to|gan|gan nhu",
    Qualifier.ABOUT: "about|around|approximately|approx\\.|roughly|some|an estimated|an average of|khoang|chung|"
    "xap xi|uoc tinh|~|≈",
    Qualifier.AT_LEAST: "at least|no less than|not less than|a minimum of|minimum of|minimum|toi thieu|it nhat|"
    "khong duoi|khong thap hon|≥|>=",
    Qualifier.AT_MOST: "at most|no more than|not more than|up to|a maximum of|maximum|toi da|khong qua|"
    "khong vuot qua|≤|<=",
    Qualifier.OVER: "over|more than|above|exceeding|in excess of|upwards of|tren|hon|vuot|>",
    Qualifier.UNDER: "under|less than|below|fewer than|duoi|chua den|<",
}


def _longest_first(words: str) -> str:
    return "|".join(word.replace(" ", _SPACE) for word in sorted(words.split("|"), key=len, reverse=True))


_QUALIFIER_BEFORE = re.compile(
    "(?i:(?<![\\w])(?P<qualifier>"
    + "|".join(f"(?P<{qualifier.name}>{_longest_first(words)})" for qualifier, words in _QUALIFIERS.items())
    + f")){_GAP}$"
)
_QUALIFIER_AFTER = re.compile(
    rf"{_SPACE}(?i:(?P<AT_LEAST>or{_SPACE}more|or{_SPACE}above|or{_SPACE}higher|and{_SPACE}above|tro{_SPACE}len)"
    rf"|(?P<AT_MOST>or{_SPACE}less|or{_SPACE}fewer|or{_SPACE}below|tro{_SPACE}xuong))\b"
)
# -- what is not a quantity, and why ---------------------------------------------------------------
# Words before a number that make it an identifier, a day or an ordinal, not a quantity.
_IDENTIFIER_BEFORE = re.compile(
    r"(?i:\b(?:no|so|number|article|dieu|chapter|chuong|clause|khoan|section|muc|page|trang|resolution|decision|"
    r"decree|directive|circular|conclusion|law|plan|nghi quyet|quyet dinh|nghi dinh|chi thi|thong tu|ket luan|"
    r"ke hoach|luat|lan thu|khoa|term|session|phase|district|quan|ward|phuong|room|phong|route|"
    r"highway|quoc lo|street|duong|diem|point|item|level|grade|lop|tier|tuyen|mui|dose|dot|giai doan|round|group)"
    r"\.?[ \t\u00a0#]*)$"
)
_DATE_BEFORE = re.compile(
    r"(?i:\b(?:ngay|thang|thu|mung|mong|ram|sang|chieu|toi|trua|dem|hom|dip|luc|tu ngay|den ngay|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|"
    r"jun|jul|aug|sep|sept|oct|nov|dec)\.?[ \t\u00a0]*)$"
)
_DATE_AFTER = re.compile(
    r"[ \t\u00a0]*(?:[-/.]\d{1,2}[-/.]\d{2,4}\b|(?i:january|february|march|april|may|june|july|august|september|"
    r"october|november|december|tet\b|thang[ \t\u00a0]+(?:\d|gieng|chap|[a-z]+[ \t\u00a0]+am)|am[ \t\u00a0]+lich))"
)
_TIME_AFTER = re.compile(r"(?i:[ \t\u00a0]*(?:a\.?m\.?|p\.?m\.?|gio\b|h\d|h\b|g\d|o'clock))")
_DURATION_AFTER = re.compile(
    r"(?i:[ \t\u00a0]*(?:days?|weeks?|months?|hours?|minutes?|seconds?|decades?|ngay|tuan|thang|gio|phut|giay|"
    r"thap ky)\b)"
)
_YEARS_AFTER = re.compile(r"(?i:[ \t\u00a0]*(?:years?|nam)\b(?![ \t\u00a0]+\d))")
_DURATION_BEFORE = re.compile(
    r"(?i:\b(?:for|of|over the (?:past|last|next)|the (?:past|last|next)|in the (?:past|last|next)|within|after|"
    r"lasting|trong|sau|suot|qua|moi|every)[ \t\u00a0]*(?:\w+[ \t\u00a0]+)?)$"
)
_DURATION_TAIL = re.compile(r"(?i:[ \t\u00a0]+(?:qua|toi|nua|ago|apart|later|earlier|truoc|sau)\b)")
_AGE_BEFORE = re.compile(
    r"(?i:\b(?:aged|ages?|age group|age of|do tuoi|lua tuoi|under-|duoi-)[ \t\u00a0]*(?:of[ \t\u00a0]+)?"
    r"(?:from[ \t\u00a0]+|between[ \t\u00a0]+|tu[ \t\u00a0]+)?)$"
)
_PERSON_BEFORE = re.compile(
    r"(?i:\b(?:children|child|kids|infants|adults|women|men|girls|boys|people|persons|patients|elderly|those|"
    r"tre|tre em|tre nho|nguoi|nguoi dan|nguoi cao tuoi|nam|nu|thanh nien|phu nu|benh nhan|hoc sinh|dan so)"
    r"[ \t\u00a0]+(?:(?:aged|tu|from|over|under|above|below|duoi|tren)[ \t\u00a0]+)?)$"
)
# "trẻ từ 5 đến dưới 12 tuổi": the first bound of an age range.
_AGE_RANGE_AFTER = re.compile(
    r"(?i:[ \t\u00a0]*(?:-|den|to|toi)[ \t\u00a0]+(?:(?:duoi|under|below)[ \t\u00a0]+)?\d{1,3}[ \t\u00a0]*"
    r"(?:tuoi|years?[ \t\u00a0]+old|thang[ \t\u00a0]+tuoi|months?[ \t\u00a0]+old))"
)
_AGE_AFTER = re.compile(
    r"(?i:[ \t\u00a0]*(?:-?years?-old|years?[ \t\u00a0]+old|tuoi|months?[ \t\u00a0]+old|thang[ \t\u00a0]+tuoi)\b)"
)
_LIFE = re.compile(r"(?i:expectancy|tuoi tho|\blife\b|average age|tuoi trung binh)")
_VOTE = re.compile(
    r"(?i:\bvot(?:e|ed|es|ing)\b|in favou?r\b|tan thanh|bieu quyet|bo phieu|\bphieu\b|\bballots?\b|abstain)"
)
_LIST_MARKER = re.compile(r"(?:^|(?<=\n))[ \t\u00a0]*(?:[-•*+][ \t\u00a0]*)?$")
_CHANGE = re.compile(
    r"(?i:\b(?:rose|rise|rising|risen|fell|fall|fallen|falling|increased?|decreased?|grew|grown|dropped|declined?|"
    r"climbed|went up|went down|reduced?|cut|tang|giam|nang|ha)[ \t\u00a0]+(?:\w+[ \t\u00a0]+){0,2}?(?:from|tu)"
    r"[ \t\u00a0]*)$"
)
_BETWEEN = re.compile(r"(?i:\b(?:between|giua|tu|from)[ \t\u00a0]*)$")
# A capitalised word (not the first of its sentence) right before a number without a noun: a name's number.
_NAME_BEFORE = re.compile(
    r"(?:(?<=[\w,;] )[A-Z][a-z]*|(?i:quan doi|benh vien|hospital|hotline|tong dai|duong day nong|clinic))[ \t\u00a0]$"
)
_SLOGAN = re.compile(r"[ \t\u00a0]+[^\W\d_]+[^\d\n\"]{0,20}\"")
_ALPHA_AFTER = re.compile(r"[A-Za-z]+")
_WORD_AFTER = re.compile(r"[ \t\u00a0]+([^\W\d_][\w'-]*)")
# English words after a number word that make it not a count: "two of them", "one day", "ten to one".
_NOT_COUNTED = frozenset(
    [
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "is",
        "are",
        "was",
        "were",
        "who",
        "which",
        "that",
        "have",
        "has",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "did",
        "do",
        "does",
        "said",
        "say",
        "says",
        "the",
        "a",
        "an",
        "than",
        "as",
        "if",
        "it",
        "its",
        "their",
        "this",
        "these",
        "those",
        "per",
        "percent",
        "cent",
        "point",
        "points",
    ]
)
_COUNTED_OF = re.compile(r"(?i:[ \t\u00a0]+of[ \t\u00a0]+(?:them|whom|which|these|those)\b)")
_GLUED_UNITS = frozenset({"cm", "tuoi"})
_YEAR = re.compile(r"(?<![\w.,/-])(?:19[5-9]\d|20\d\d)(?![\w/]|[.,]\d)")
# "since 1985" dates a start, not the value.
_SINCE = re.compile(r"(?i:\b(?:since|from|tu|ke[ \t]+tu|tu[ \t]+nam)[ \t\u00a0]+)$")
_WORD = re.compile(r"[^\W\d_][\w'-]*")
_NOUN_WORD = re.compile(rf"{_SPACE}({_WORD.pattern})")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "will",
        "be",
        "been",
        "has",
        "have",
        "had",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "their",
        "which",
        "who",
        "while",
        "per",
        "than",
        "also",
        "each",
        "all",
        "such",
        "into",
        "over",
        "under",
        "about",
        "nearly",
        "va",
        "cua",
        "cac",
        "nhung",
        "la",
        "co",
        "duoc",
        "trong",
        "tren",
        "voi",
        "cho",
        "den",
        "tu",
        "nam",
        "so",
        "hon",
        "nhu",
        "khi",
        "da",
        "se",
        "dang",
        "bi",
        "tai",
        "sau",
        "truoc",
    ]
)


@attrs.frozen
class _Found:
    start: int
    end: int
    value: float
    unit: Unit | None
    qualifier: Qualifier
    number_end: int
    """Where the number (and its scale word) ends: the noun after it starts there."""
    explicit_unit: bool
    value_max: float | None = None
    total: float | None = None


@attrs.frozen
class _Rejected:
    start: int
    end: int
    reason: str


def quantities(text: str, dataset: Dataset | None = None) -> tuple[Quantity, ...]:
    """Every reported number in ``text`` with its unit, qualifier and year, in document order.

    Reads English and Vietnamese writing: ``5.26%``, ``nearly 21 million``,
    ``at least 95 per cent``, ``74.7 years old``, ``95,15% dân số``,
    ``34,5 giường/ 10.000 dân``, ``24.429.721``, ``VND6 trillion``, ``68.000 tỉ
    đồng``, ``12–15%`` (``value_max`` 15), ``34/34 provinces`` (``total`` 34),
    ``ten``, ``once a year``, ``mỗi năm một lần``. A rate's denominator may
    stand elsewhere in the sentence ("per 10,000 people will be 14 doctors").
    Years, dates, times, ages, durations, list markers, section numbers, vote
    counts and document numbers are not quantities (`not_quantities` says
    why). Each is linked to an indicator of ``dataset`` (default: the bundled
    data) when its words and unit fit one.

    Examples:
        >>> [(q.value, q.unit.value, q.qualifier.value) for q in quantities("nearly 16% of people", Dataset())]
        [(16.0, 'percent', 'nearly')]
        >>> [(q.value, q.value_max) for q in quantities("rise by 12–15% next year", Dataset())]
        [(12.0, 15.0)]
    """
    checked_text(text, "quantities")
    checked_type(dataset, Dataset, "dataset", "quantities")
    data = dataset if dataset is not None else _bundled()
    page = plain(text)
    found = [item for item in _numbers(page) if isinstance(item, _Found)]
    matcher = _IndicatorMatcher.of(data.indicators)
    years = _Years(page.text)
    results = []
    previous_end = 0
    for item in found:
        sentence = sentence_at(page.text, item.start)
        indicator = matcher.match(page.text, item, max(sentence[0], previous_end), sentence[1])
        span = page.span(item.start, item.end)
        results.append(
            Quantity(
                text=page.original[span[0] : span[1]],
                span=span,
                value=item.value,
                unit=item.unit,
                qualifier=item.qualifier,
                year=years.nearest(sentence, item),
                indicator=indicator,
                value_max=item.value_max,
                total=item.total,
            )
        )
        previous_end = item.number_end
    return tuple(results)


def not_quantities(text: str) -> tuple[tuple[Span, str], ...]:
    """The numbers in ``text`` that are not reported quantities, each with the reason: ``"year"``, ``"age"``, ...

    Examples:
        >>> text = "In 2025, children aged 6 were seen for 10 days."
        >>> [(text[start:end], reason) for (start, end), reason in not_quantities(text)]
        [('2025', 'year'), ('6', 'age'), ('10', 'duration')]
    """
    page = plain(checked_text(text, "not_quantities"))
    return tuple(
        (page.span(item.start, item.end), item.reason) for item in _numbers(page) if isinstance(item, _Rejected)
    )


def _bundled() -> Dataset:
    return bundled()


@attrs.define
class _Context:
    """What every number of one text is checked against: document numbers, rates, vote sentences."""

    page: Plain
    excluded: Taken
    rates: list[tuple[int, int, Unit]]
    rate_starts: list[int]
    used_rates: set[int] = attrs.field(factory=set)
    votes: dict[Span, bool] = attrs.field(factory=dict)

    def in_vote(self, position: int) -> bool:
        sentence = sentence_at(self.page.text, position)
        if sentence not in self.votes:
            self.votes[sentence] = _VOTE.search(self.page.text, *sentence) is not None
        return self.votes[sentence]


def _numbers(page: Plain) -> Iterator[_Found | _Rejected]:
    text = page.text
    excluded = Taken([(page.position(m.span[0]), page.position(m.span[1])) for m in _symbols(page)])
    rates = [(m.start(), m.end(), _rate_unit(m)) for m in _PER.finditer(text)]
    context = _Context(page, excluded, rates, [start for start, _, _ in rates])
    denominators = Taken([(start, end) for start, end, _ in rates])
    claimed = 0
    for match in _TOKEN.finditer(text):
        if match.start() < claimed:
            continue
        if excluded.covers(match.start()):
            yield _Rejected(match.start(), match.end(), "document number")
            continue
        if denominators.covers(match.start()):
            yield _Rejected(match.start(), match.end(), "rate denominator")
            continue
        found = _read(context, match)
        if found is None:
            continue
        # What was read, a quantity or not, is not read again: "1 - 14 tuổi" is one age, not an age and a 14.
        claimed = max(claimed, found.end)
        yield found


_OF_AFTER = re.compile(r"(?i:[ \t\u00a0]+(?:of|trong|tren)\b)")
# "8 out of 9 targets", "1 trong 5 tỉnh": a count out of a whole, written in words.
_OUT_OF = re.compile(
    r"(?i:[ \t\u00a0]+(?:out[ \t\u00a0]+of|trong(?:[ \t\u00a0]+so)?)[ \t\u00a0]+(?P<whole>\d{1,7})(?![\d.,/]))"
)
_FREQUENCY = re.compile(r"(?i:[ \t\u00a0]+(?:a|an|per|every|each|mot|moi)[ \t\u00a0]+\w+)")
_WORD_SCALES = frozenset({"million", "billion", "thousand", "hundred", "trillion"})


@attrs.frozen
class _Number:
    """A number read at a match: where it starts and ends, its value, and the whole it is out of."""

    start: int
    """Where the quantity's text starts: the currency before the number, if any."""
    digits_start: int
    end: int
    value: float
    total: float | None = None


def _read(context: _Context, match: re.Match[str]) -> _Found | _Rejected | None:
    text = context.page.text
    start, end = match.span()
    number_start = match.start("currency") if match["currency"] else start
    digits_start = start if not match["currency"] else match.end("currency")
    while digits_start < end and text[digits_start] in " \t\u00a0":
        digits_start += 1
    reason = _reason_before(context, text, digits_start, match)
    if reason is not None:
        return _Rejected(digits_start, end, reason)
    if match["ratio"]:
        read = _read_ratio(context, match, number_start)
        if not isinstance(read, _Number):
            return read
        number = read
    elif match["number"]:
        number = _Number(number_start, digits_start, end, _value(match["number"], match["thousands"]))
    elif match["once"]:
        frequency = _FREQUENCY.match(text, end)
        if frequency is None:
            return None
        value = 1.0 if match["once"].lower() == "once" else 2.0
        return _Found(start, frequency.end(), value, Unit.COUNT, Qualifier.EXACT, frequency.end(), False)
    elif match["word"]:
        number = _Number(number_start, digits_start, end, _word_value(match["word"]))
    else:
        return _vietnamese_word(context.page, match)
    return _read_rest(context, match, number)


def _read_ratio(context: _Context, match: re.Match[str], number_start: int) -> _Found | _Rejected | _Number:
    """A rate ("46/100.000 trẻ đẻ sống"), a count out of a whole ("34/34 provinces") or a date ("15/3")."""
    text = context.page.text
    start, end = match.span()
    numerator, denominator = match["numerator"], match["denominator"]
    rate = _PER.match(text, match.start("denominator") - 1)
    if rate is not None and text[match.end("numerator") : match.start("denominator")].strip() == "/":
        qualifier, first = _qualifier(text, number_start)
        return _Found(first, rate.end(), float(numerator), _rate_unit(rate), qualifier, rate.end(), True)
    whole = _value(denominator, _thousands(denominator))
    part = float(numerator)
    if numerator == "24" and denominator in {"24", "7"}:
        return _Rejected(start, end, "time")  # "trực 24/24", "24/7": around the clock
    if whole < part or whole == 0:
        return _Rejected(start, end, "date")
    if _is_year(denominator):
        return _Rejected(start, end, "date")  # "01/2024": a month and a year
    if whole <= 12 and part <= 31 and _noun_end(text, end) == end and not _OF_AFTER.match(text, end):
        return _Rejected(start, end, "date")  # "ngày 15/3" without its "ngày"; but "3/3 of the targets"
    return _Number(number_start, start, end, part, whole)


def _read_rest(context: _Context, match: re.Match[str], number: _Number) -> _Found | _Rejected | None:  # noqa: PLR0912
    """The range, scale, unit and qualifier around a number, or why it is not a quantity after all."""
    text = context.page.text
    word = match["word"] is not None
    value, number_end = number.value, number.end
    value_max: float | None = None
    total = number.total
    out_of = _OUT_OF.match(text, number_end) if match["number"] else None
    if out_of is not None and float(out_of["whole"]) >= value:
        total, number_end = float(out_of["whole"]), out_of.end()
    ranged = _RANGE.match(text, number_end)
    if ranged is not None and total is None and _is_range(text, number.start, ranged, match):
        upper = _upper_value(ranged)
        if upper > value:
            value_max, number_end = upper, ranged.end()
    if word and value == 1 and value_max is None:
        return None  # "one" alone is an article more often than a number
    scale = _SCALE.match(text, number_end)
    if scale is not None and (not word or scale["scale"].lower() in _WORD_SCALES):
        multiplier = _SCALES[" ".join(fold(scale["scale"]).split())]
        value *= multiplier
        value_max = value_max * multiplier if value_max is not None else None
        number_end = scale.end()
    elif (
        _is_year(match["number"])
        and (value_max is None or _is_year(ranged["upper"] if ranged else None))
        and not _UNIT_AFTER.match(text, number_end)
    ):
        return _Rejected(number.digits_start, number_end, "year")  # 2025, and "1955–2026"
    reason = _reason_after(text, number.digits_start, number_end, match, has_scale=scale is not None)
    if reason is not None:
        return _Rejected(number.digits_start, number_end, reason)
    if word and not _word_counts(text, number_end):
        return None
    unit, item_end, explicit = _unit(context, match, number_end, money=bool(match["currency"]))
    start, end = match.span()
    money = bool(match["currency"])
    if unit is None and scale is None and not money and text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        return _Rejected(start, end, "list marker")  # "(1)", and "Comment (0)": page furniture
    if unit is None and word and _COUNTED_OF.match(text, number_end):
        unit = Unit.COUNT  # "five of them"
    if unit is None and word and not explicit:
        return None
    qualifier, first = _qualifier(text, number.start)
    after = _QUALIFIER_AFTER.match(text, item_end)
    if after is not None and qualifier is Qualifier.EXACT:
        qualifier = Qualifier[after.lastgroup or "EXACT"]
        item_end = after.end()
    if unit is Unit.YEARS and (
        _is_age(text, first, qualifier, number.digits_start)
        or (_AGE_AFTER.match(text, number_end) and not _life(text, number.digits_start))
    ):
        return _Rejected(number.digits_start, number_end, "age")
    if unit is Unit.PER_1K_PEOPLE and "‰" in text[number_end:item_end] and _mortality(text, number.digits_start):
        unit = Unit.PER_1K_LIVE_BIRTHS
    return _Found(first, item_end, value, unit, qualifier, number_end, explicit, value_max, total)


def _reason_before(context: _Context, text: str, start: int, match: re.Match[str]) -> str | None:
    window = text[max(0, start - 24) : start]
    if text[start - 1 : start] in {'"', "“"} and _SLOGAN.match(text, match.end()):
        return "slogan"  # the "3 yes" spirit
    if _LIST_MARKER.search(text, max(0, start - 12), start) and re.match(
        r"[.)/][ \t\u00a0]|[ \t\u00a0]*-[ \t\u00a0]", text[match.end() : match.end() + 3]
    ):
        return "list marker"
    if _IDENTIFIER_BEFORE.search(window):
        return "section or identifier"
    if _DATE_BEFORE.search(window) and not match["word"]:
        return "date"
    if _AGE_BEFORE.search(window):
        return "age"
    if context.in_vote(start):
        return "vote count"
    return None


def _reason_after(text: str, start: int, end: int, match: re.Match[str], *, has_scale: bool) -> str | None:
    glued = _ALPHA_AFTER.match(text, end)
    if glued is not None and not has_scale and fold(glued[0]) not in _GLUED_UNITS:
        if re.match(r"(?i:h\d|h\b|g\d)", text[end : end + 2]):
            return "time"
        return "ordinal or code"  # 71st, 3D, 5G
    if text[end : end + 1] == ":" and text[end + 1 : end + 2].isdigit():
        return "time"
    if _TIME_AFTER.match(text, end) and not has_scale:
        return "time"
    number = match["number"] or ""
    if _DATE_AFTER.match(text, end) and "." not in number and "," not in number and match["ratio"] is None:
        digits = number or match["word"] or ""
        if not digits.isdigit() or int(digits) <= 31:
            return "date"
    if _DURATION_AFTER.match(text, end):
        return "duration"
    years = _YEARS_AFTER.match(text, end)
    life = _life(text, start)
    if (
        years is not None
        and not life
        and (
            _DURATION_BEFORE.search(text, max(0, start - 30), start)
            or _DURATION_TAIL.match(text, years.end())
            or match["word"] is not None  # "three to five years": a life expectancy is written in digits
        )
    ):
        return "duration"
    if _PERSON_BEFORE.search(text, max(0, start - 30), start) and not life:
        age = _AGE_AFTER.match(text, end)
        # "children under 5 years old", "adults over 40", "nam thanh niên 18 tuổi".
        if (
            age is not None
            or _AGE_RANGE_AFTER.match(text, end)
            or (_QUALIFIER_BEFORE.search(text, max(0, start - 30), start) and not _UNIT_AFTER.match(text, end))
        ):
            return "age"
    if (
        _NAME_BEFORE.search(text, max(0, start - 30), start)
        and _noun_end(text, end) == end
        and not _UNIT_AFTER.match(text, end)
    ):
        return "name"  # "Bệnh viện Trung ương Quân đội 108", "Highway 1"
    token = token_around(text, start, end)
    if re.search(r"://|www\.|\.(?i:jpe?g|png|gif|webp|pdf|html?)\b|_", token):
        return "address"
    return None


def _life(text: str, start: int) -> bool:
    """Whether the sentence before ``start`` speaks of a life expectancy (or an average age)."""
    return _LIFE.search(text, max(0, start - 200, sentence_at(text, start)[0]), start) is not None


def _is_age(text: str, first: int, qualifier: Qualifier, start: int) -> bool:
    """Whether a number of years is an age ("children under 5 years old"), not a life expectancy."""
    if _LIFE.search(text, max(0, first - 60), first):
        return False
    return qualifier in {Qualifier.UNDER, Qualifier.OVER, Qualifier.AT_LEAST, Qualifier.AT_MOST} or bool(
        _PERSON_BEFORE.search(text, max(0, start - 30), start)
    )


def _is_range(text: str, start: int, ranged: re.Match[str], match: re.Match[str]) -> bool:
    joint = fold(ranged["joint"]).strip()
    if joint in {"and", "or"} and not (joint == "and" and _BETWEEN.search(text, max(0, start - 12), start)):
        return joint == "or" and match["word"] is not None and ranged["upper"][0].isalpha()
    if _CHANGE.search(text, max(0, start - 40), start):
        return False  # "rose from 9.7 to 11.5": two values
    upper = ranged["upper"]
    # Word to word, digits to digits: "one to two", "4-5", not "5 to 10 (a)".
    return upper[0].isdigit() == (match["word"] is None)


def _upper_value(ranged: re.Match[str]) -> float:
    upper = ranged["upper"]
    if upper[0].isdigit():
        return _value(upper, ranged["upper_thousands"])
    return _word_value(upper)


def _word_value(word: str) -> float:
    lowered = word.lower()
    if "-" in lowered:
        tens, _, units = lowered.partition("-")
        return float(_EN_TENS[tens] + _EN_UNITS[units])
    return float(_EN_TENS.get(lowered) or _EN_UNITS[lowered])


def _word_counts(text: str, end: int) -> bool:
    """Whether an English number word counts what follows it: "ten provinces", "three per cent", not "two of"."""
    if _UNIT_AFTER.match(text, end) or _SCALE.match(text, end):
        return True
    if _COUNTED_OF.match(text, end):
        return True  # "five of them"
    following = _WORD_AFTER.match(text, end)
    return following is not None and following[1].lower() not in _NOT_COUNTED


_VI_COUNTED_AFTER = re.compile(rf"[ \t\u00a0]+(?i:{_VI_COUNTED.replace(' ', _SPACE)})\b")
_VI_FREQUENCY = re.compile(r"(?i:moi[ \t\u00a0]+(?:nam|ngay|tuan|thang|quy)[ \t\u00a0]+)$")
_VI_RANGE = re.compile(rf"{_SPACE}(?i:den|toi|-){_SPACE}(?P<upper>{'|'.join(_VI_PLAIN)})\b")


def _vietnamese_word(page: Plain, match: re.Match[str]) -> _Found | None:
    """A Vietnamese number word before what it counts: "hai bệnh viện", "mười trung tâm", "mỗi năm một lần"."""
    text = page.text
    word = _vi_word(page, match.start("vi"), match.end("vi"))
    if word is None:
        return None
    value = float(_VI_WORDS[word])
    start, number_end = match.start("vi"), match.end("vi")
    value_max = None
    ranged = _VI_RANGE.match(text, number_end)
    if ranged is not None:
        upper = _vi_word(page, ranged.start("upper"), ranged.end("upper"))
        if upper is not None and _VI_WORDS[upper] > value:
            value_max, number_end = float(_VI_WORDS[upper]), ranged.end()
    counted = _VI_COUNTED_AFTER.match(text, number_end)
    frequency = _VI_FREQUENCY.search(text, max(0, start - 16), start)
    if counted is None:
        return None
    if word == "một" and frequency is None and not (counted[0].strip().lower() == "lan" and value_max is not None):
        return None  # "một" is "a" before a noun; a count only as "mỗi năm một lần"
    if fold(counted[0]).strip() == "lan" and frequency is not None:
        start = frequency.start()
    end = counted.end() if fold(counted[0]).strip() in {"lan"} else number_end
    unit = Unit.COUNT
    noun_end = _noun_end(text, number_end)
    return _Found(start, max(end, noun_end), value, unit, Qualifier.EXACT, number_end, False, value_max)


def _vi_word(page: Plain, start: int, end: int) -> str | None:
    first, last = page.span(start, end)
    written = unicodedata.normalize("NFC", page.original[first:last]).lower()
    return written if written in _VI_WORDS else None


def _thousands(number: str) -> str | None:
    found = re.fullmatch(r"\d{1,3}(?P<sep>[.,])\d{3}(?:(?P=sep)\d{3})*", number)
    return found["sep"] if found else None


def _is_year(number: str | None) -> bool:
    return number is not None and number.isdigit() and len(number) == 4 and 1900 <= int(number) <= 2100


def _value(number: str, thousands: str | None) -> float:
    if thousands is not None:
        decimal = "," if thousands == "." else "."
        whole, _, fraction = number.partition(decimal) if decimal in number else (number, "", "")
        return float(whole.replace(thousands, "") + ("." + fraction if fraction else ""))
    return float(number.replace(",", "."))


def _rate_unit(match: re.Match[str]) -> Unit:
    denominator = fold(match["denominator"]).replace(",", "").replace(".", "")
    population = fold(match["population"] or "")
    births = "sinh" in population or "birth" in population or "song" in population
    if denominator in {"1000", "thousand"}:
        return Unit.PER_1K_LIVE_BIRTHS if births else Unit.PER_1K_PEOPLE
    if denominator in {"100000"} or "hundred" in denominator:
        return Unit.PER_100K_LIVE_BIRTHS if births else Unit.PER_100K_PEOPLE
    return Unit.PER_10K_PEOPLE


def _unit(context: _Context, match: re.Match[str], number_end: int, *, money: bool) -> tuple[Unit | None, int, bool]:
    """The unit after the number, where the quantity's text ends, and whether the unit was written there."""
    text = context.page.text
    written = _UNIT_AFTER.match(text, number_end)
    if written is not None:
        kind = written.lastgroup
        if kind == "money":
            return None, written.end(), True
        return _WRITTEN_UNITS[kind or "percent"], written.end(), True
    if money or _MONEY_BEFORE.search(text, max(0, match.start() - 6), match.start()):
        return None, number_end, True
    noun_end = _noun_end(text, number_end)
    sentence_start, sentence_end = sentence_at(text, match.start())
    # "15 bác sỹ/ 10.000 dân", "14 doctors per 10,000 people": the rate right after the noun.
    index = bisect.bisect_left(context.rate_starts, number_end)
    if index < len(context.rates) and context.rates[index][0] <= noun_end + 2:
        context.used_rates.add(index)
        return context.rates[index][2], context.rates[index][1], True
    # "per 10,000 people will be 14 doctors, 18 nurses": a rate earlier in the sentence, if no number took it.
    before = bisect.bisect_left(context.rate_starts, match.start()) - 1
    while before >= 0 and context.rates[before][0] >= sentence_start:
        if before not in context.used_rates and match.start() < sentence_end:
            return context.rates[before][2], max(noun_end, number_end), False
        before -= 1
        break
    if noun_end > number_end:
        return Unit.COUNT, noun_end, False
    return None, number_end, False


def _noun_end(text: str, position: int) -> int:
    """The end of the (up to four-word) noun phrase after a number: "343 private hospitals"."""
    end = position
    for _ in range(4):
        word = _NOUN_WORD.match(text, end)
        if word is None or fold(word[1]) in _STOP:
            break
        end = word.end()
    return end


def _qualifier(text: str, start: int) -> tuple[Qualifier, int]:
    window_start = max(0, start - 30)
    found = _QUALIFIER_BEFORE.search(text[window_start:start])
    if found is None:
        return Qualifier.EXACT, start
    name = next(qualifier.name for qualifier in _QUALIFIERS if found.group(qualifier.name))
    return Qualifier[name], window_start + found.start()


def _mortality(text: str, position: int) -> bool:
    start, end = sentence_at(text, position)
    return (
        re.search(r"(?i:mortality|death|die|tu vong|chet)", text[max(start, position - 300) : min(end, position + 300)])
        is not None
    )


class _Years:
    """The years a text names, found once, and the nearest one to a number in its sentence."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found = [
            (match.start(), match.end(), int(match[0]))
            for match in _YEAR.finditer(text)
            if not _SINCE.search(text, max(0, match.start() - 12), match.start())
        ]
        self.starts = [start for start, _, _ in self.found]

    def nearest(self, sentence: Span, item: _Found) -> int | None:
        best: tuple[int, int] | None = None
        # The nearest year before the number, then the nearest after it, both inside the sentence.
        before = bisect.bisect_left(self.starts, item.start) - 1
        if before >= 0 and self.found[before][0] >= sentence[0]:
            best = (item.start - self.found[before][1], self.found[before][2])
        after = bisect.bisect_left(self.starts, item.end)
        if after < len(self.found) and self.found[after][0] < sentence[1]:
            distance = self.found[after][0] - item.end
            if best is None or distance < best[0]:
                best = (distance, self.found[after][2])
        return best[1] if best else None


# -- linking to indicators ------------------------------------------------------

# Words as the text writes them, and the word an indicator's name would use.
_SYNONYMS = {
    "bac si": "doctor", "bac sy": "doctor", "physician": "doctor", "giuong benh": "bed", "giuong": "bed",
    "tuoi tho": "life expectancy", "dieu duong": "nurse", "nursing": "nurse", "duoc si": "pharmacist",
    "duoc sy": "pharmacist", "bao hiem y te": "health insurance", "bhyt": "health insurance",
    "so suc khoe dien tu": "electronic health book", "ho so suc khoe dien tu": "electronic health record",
    "tiem chung": "immunization", "vaccination": "immunization", "vaccinated": "immunization",
    "immunisation": "immunization", "chieu cao": "height", "tall": "height", "tu vong": "mortality",
    "death": "mortality", "suy dinh duong": "malnutrition", "thap coi": "stunting", "stunted": "stunting",
    "beo phi": "obesity", "hai long": "satisfaction", "satisfied": "satisfaction", "tu nhan": "private",
    "ngoai cong lap": "private", "benh vien": "hospital", "tram y te": "commune health station",
    "bao phu": "coverage", "covered": "coverage", "tham gia": "coverage", "chi tieu tu tui": "out-of-pocket",
    "pocket": "out-of-pocket", "ba me": "maternal", "me": "maternal", "tre em": "child", "children": "child",
    "infant": "infant", "duoi 1 tuoi": "infant", "duoi 5 tuoi": "under-5", "under-five": "under-5",
    "average": "average", "trung binh": "average", "dan so": "population", "nguoi dan": "people",
}  # fmt: skip
_SYNONYM = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _SYNONYMS), key=len, reverse=True)) + r")\b")
_IGNORED_KEYS = (
    frozenset(
        [
            "per",
            "people",
            "population",
            "share",
            "rate",
            "ratio",
            "number",
            "of",
            "the",
            "at",
            "in",
            "total",
            "percent",
            "pct",
            "proportion",
            "national",
            "vietnam",
            "k",
            "1k",
            "10k",
            "100k",
            "ty",
            "le",
            "so",
            "value",
            "level",
            "count",
            "year",
            "old",
            "tuoi",
            "percent",
            "cent",
            "phan",
            "tram",
        ]
    )
    | _STOP
)


def _words(text: str) -> set[str]:
    folded = _SYNONYM.sub(lambda found: _SYNONYMS[found[0]], fold(text))
    return {_stem(word) for word in re.findall(r"[a-z]+", folded)} - _IGNORED_KEYS


def _stem(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@attrs.frozen
class _IndicatorMatcher:
    keys: tuple[tuple[Indicator, frozenset[str]], ...]
    counted: dict[str, frozenset[str]]
    """For each indicator, the words a count of it may name: not those after "per" ("doctors per station")."""

    @classmethod
    def of(cls, indicators: tuple[Indicator, ...]) -> _IndicatorMatcher:
        return _matcher(indicators)

    def match(self, text: str, item: _Found, context_start: int, context_end: int) -> str | None:
        if item.unit is None or not self.keys:
            return None
        # The words of the clause around the number: the noun after it weighs most.
        clause_end = re.compile(r"[;,:(]|\d").search(text, item.end, context_end)
        after = _words(" ".join(text[item.number_end : clause_end.start() if clause_end else context_end].split()[:12]))
        clause_start = max(context_start, text.rfind(";", context_start, item.start) + 1)
        before = _words(" ".join(text[clause_start : item.start].split()[-12:]))
        # A count names what it counts right after the number: "five tasks" counts no station's doctors.
        noun = _words(text[item.number_end : item.end]) if item.unit is Unit.COUNT else None
        scored = []
        for indicator, keys in self.keys:
            if not keys or not item.unit.compatible(indicator.unit):
                continue
            if noun is not None and not noun & self.counted[indicator.id]:
                continue
            near, far = len(after & keys), len(before & keys)
            matched = len((after | before) & keys)
            # Two of its words, or its noun right after the number ("18 nurses"), and a third of its words.
            if (matched < min(2, len(keys)) and not near) or matched * 3 < len(keys):
                continue
            # Ties go to the indicator more of whose words the text has: "life expectancy" over "healthy ...".
            scored.append((3 * near + far, matched / len(keys), indicator.id))
        if not scored:
            return None
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[0][:2] == scored[1][:2]:
            return None
        return scored[0][2]


@functools.lru_cache(maxsize=8)
def _matcher(indicators: tuple[Indicator, ...]) -> _IndicatorMatcher:
    keys = []
    counted = {}
    for indicator in indicators:
        words = _words(indicator.name) | _words(indicator.id.replace("_", " "))
        keys.append((indicator, frozenset(words)))
        counted[indicator.id] = frozenset(words - _words(indicator.name.partition(" per ")[2]))
    return _IndicatorMatcher(tuple(keys), counted)
