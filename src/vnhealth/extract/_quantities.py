"""Finding reported numbers: "74.7 years old", "nearly 21 million", "95,15% dân số", "15 bác sỹ/ 10.000 dân"."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator

import attrs

from vnhealth._bundled import bundled
from vnhealth._dataset import Dataset
from vnhealth._model import Indicator, Qualifier
from vnhealth._text import fold
from vnhealth._units import Unit
from vnhealth.extract._mentions import Quantity, Span
from vnhealth.extract._numbers import _symbols
from vnhealth.extract._scan import Plain, plain, sentence_at

__all__ = ["quantities"]

_GAP = r"[ \t\u00a0]*"
_SPACE = r"[ \t\u00a0]+"
# 24.429.721 and 1,234,567 (thousands), 1.234,5 and 1,234.5, then plain 74.7 or 95,15 (decimal).
_NUMBER = re.compile(
    r"(?<![\w.,/:-])(?P<number>\d{1,3}(?:(?P<thousands>[.,])\d{3})(?:(?P=thousands)\d{3})*(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?![\d/:]|[.,]\d)"
)
_SCALES = {
    "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6, "mln": 1e6, "billion": 1e9,
    "billions": 1e9, "bln": 1e9, "trillion": 1e12, "nghin": 1e3, "ngan": 1e3, "trieu": 1e6, "ty": 1e9, "ti": 1e9,
}  # fmt: skip
_SCALE = re.compile(rf"{_SPACE}(?i:(?P<scale>{'|'.join(sorted(_SCALES, key=len, reverse=True))}))\b(?!{_SPACE}le\b)")
_PER = re.compile(
    rf"""(?i:(?:per|/|tren|moi|cho{_SPACE}moi){_GAP}(?:(?:1|one|every){_SPACE})?
    (?P<denominator>100[.,]?000|10[.,]?000|1[.,]?000|(?:one{_SPACE})?hundred[ -]thousand|ten[ -]thousand|thousand|van)
    (?:{_GAP}(?P<population>people|population|inhabitants|residents|persons|citizens|live{_SPACE}births|births
        |dan{_SPACE}so|nguoi{_SPACE}dan|dan|nguoi|tre{_SPACE}(?:de|sinh){_SPACE}song|ca{_SPACE}sinh{_SPACE}song))?\b)""",
    re.VERBOSE,
)
_UNIT_AFTER = re.compile(
    rf"""{_GAP}(?i:
        (?P<percent>%|percent\b|per{_SPACE}cent\b|phan{_SPACE}tram\b)
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
# Words before a number that make it an identifier, a day or an ordinal, not a quantity.
_NOT_QUANTITY_AFTER = re.compile(
    r"(?i:\b(?:no|so|number|article|dieu|chapter|chuong|clause|khoan|section|muc|page|trang|resolution|decision|"
    r"decree|directive|circular|conclusion|law|plan|nghi quyet|quyet dinh|nghi dinh|chi thi|thong tu|ket luan|"
    r"ke hoach|luat|ngay|thang|thu|lan thu|khoa|term|session|phase|district|quan|ward|phuong|room|phong|route|"
    r"highway|quoc lo|street|duong|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?[ \t\u00a0#]*)$"
)
_MONTH_AFTER = re.compile(
    r"[ \t\u00a0]+(?i:january|february|march|april|may|june|july|august|september|october|november|december|thang)\b"
)
_GLUED_UNITS = frozenset({"cm", "tuoi"})
_YEAR = re.compile(r"(?<![\w.,/-])(?:19[5-9]\d|20\d\d)(?![\w/]|[.,]\d)")
# "since 1985" dates a start, not the value.
_SINCE = re.compile(r"(?i:\b(?:since|from|tu|ke[ \t]+tu|tu[ \t]+nam)[ \t\u00a0]+)$")
_WORD = re.compile(r"[^\W\d_][\w'-]*")
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
        "its",
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


def quantities(text: str, dataset: Dataset | None = None) -> tuple[Quantity, ...]:
    """Every reported number in ``text`` with its unit, qualifier and year, in document order.

    Reads English and Vietnamese writing: ``5.26%``, ``nearly 21 million``,
    ``at least 95 per cent``, ``74.7 years old``, ``95,15% dân số``,
    ``34,5 giường/ 10.000 dân``, ``24.429.721``. A rate's denominator may
    stand elsewhere in the sentence ("per 10,000 people will be 14 doctors").
    Dates, years, ordinals and document numbers are not quantities. Each is
    linked to an indicator of ``dataset`` (default: the bundled data) when
    its words and unit fit one.

    Examples:
        >>> [(q.value, q.unit.value, q.qualifier.value) for q in quantities("nearly 16% of people", Dataset())]
        [(16.0, 'percent', 'nearly')]
    """
    data = dataset if dataset is not None else _bundled()
    page = plain(text)
    found = list(_numbers(page))
    matcher = _IndicatorMatcher.of(data.indicators)
    results = []
    previous_end = 0
    for item in found:
        sentence = _plain_sentence(page, item.start)
        year = _year(page, sentence, item)
        indicator = matcher.match(page.text, item, max(sentence[0], previous_end), sentence[1])
        span = page.span(item.start, item.end)
        results.append(
            Quantity(
                text=page.original[span[0] : span[1]],
                span=span,
                value=item.value,
                unit=item.unit,
                qualifier=item.qualifier,
                year=year,
                indicator=indicator,
            )
        )
        previous_end = item.number_end
    return tuple(results)


def _bundled() -> Dataset:
    return bundled()


def _plain_sentence(page: Plain, position: int) -> Span:
    start, end = sentence_at(page.text, position)
    return start, end


def _numbers(page: Plain) -> Iterator[_Found]:
    text = page.text
    excluded = [(m.span[0], m.span[1]) for m in _symbols(page)]
    excluded = [(page.position(start), page.position(end)) for start, end in excluded]
    rates = [(m.start(), m.end(), _rate_unit(m)) for m in _PER.finditer(text)]
    excluded.extend((start, end) for start, end, _ in rates)
    used: set[int] = set()
    for match in _NUMBER.finditer(text):
        start, end = match.span()
        if any(first <= start < last for first, last in excluded) or not _is_quantity(text, match):
            continue
        value = _value(match["number"], match["thousands"])
        number_end = end
        scale = _SCALE.match(text, end)
        if scale is not None:
            value *= _SCALES[scale["scale"].lower()]
            number_end = end = scale.end()
        elif _is_year(match["number"]) and not _UNIT_AFTER.match(text, end):
            continue
        unit, end, explicit = _unit(text, match, number_end, rates, used)
        if unit is None and scale is None and text[start - 1 : start] == "(" and text[end : end + 1] == ")":
            continue  # "Comment (0)": page furniture, not a report
        qualifier, start = _qualifier(text, match.start())
        after = _QUALIFIER_AFTER.match(text, end)
        if after is not None and qualifier is Qualifier.EXACT:
            qualifier = Qualifier[after.lastgroup or "EXACT"]
            end = after.end()
        if unit is Unit.PER_1K_PEOPLE and "‰" in text[match.end() : end] and _mortality(text, match.start()):
            unit = Unit.PER_1K_LIVE_BIRTHS
        if not math.isfinite(value):
            continue
        yield _Found(start, end, value, unit, qualifier, number_end, explicit)


def _is_quantity(text: str, match: re.Match[str]) -> bool:
    start, end = match.span()
    following = re.match(r"[A-Za-z]+", text[end:])
    if following is not None and fold(following[0]) not in _GLUED_UNITS:
        return False  # 71st, 3D, 5G, 8h30
    if _NOT_QUANTITY_AFTER.search(text[max(0, start - 20) : start]):
        return False
    if _MONTH_AFTER.match(text, end) and "." not in match["number"] and int(match["number"].replace(",", "")) <= 31:
        return False  # 24 February, 9 tháng 9
    token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    token_end = re.compile(r"\s|$").search(text, end)
    token = text[token_start : token_end.start() if token_end else len(text)]
    return not re.search(r"://|www\.|\.(?i:jpe?g|png|gif|webp|pdf|html?)\b|_", token)


def _is_year(number: str) -> bool:
    return number.isdigit() and 1900 <= int(number) <= 2100


def _value(number: str, thousands: str | None) -> float:
    if thousands is not None:
        decimal = "," if thousands == "." else "."
        whole, _, fraction = number.partition(decimal) if decimal in number else (number, "", "")
        return float(whole.replace(thousands, "") + ("." + fraction if fraction else ""))
    return float(number.replace(",", "."))


def _rate_unit(match: re.Match[str]) -> Unit:
    denominator = fold(match["denominator"]).replace(",", "").replace(".", "")
    population = fold(match["population"] or "")
    births = "sinh" in population or "birth" in population
    if denominator in {"1000", "thousand"}:
        return Unit.PER_1K_LIVE_BIRTHS if births else Unit.PER_1K_PEOPLE
    if denominator in {"100000"} or "hundred" in denominator:
        return Unit.PER_100K_LIVE_BIRTHS if births else Unit.PER_100K_PEOPLE
    return Unit.PER_10K_PEOPLE


def _unit(
    text: str, match: re.Match[str], number_end: int, rates: list[tuple[int, int, Unit]], used: set[int]
) -> tuple[Unit | None, int, bool]:
    """The unit after the number, where the quantity's text ends, and whether the unit was written there."""
    written = _UNIT_AFTER.match(text, number_end)
    if written is not None:
        kind = written.lastgroup
        if kind == "money":
            return None, written.end(), True
        return _WRITTEN_UNITS[kind or "percent"], written.end(), True
    if _MONEY_BEFORE.search(text[max(0, match.start() - 6) : match.start()]):
        return None, number_end, True
    noun_end = _noun_end(text, number_end)
    sentence_start, sentence_end = sentence_at(text, match.start())
    for index, (start, end, unit) in enumerate(rates):
        # "15 bác sỹ/ 10.000 dân", "14 doctors per 10,000 people": the rate right after the noun.
        if number_end <= start <= noun_end + 2:
            used.add(index)
            return unit, end, True
    for index, (start, _, unit) in enumerate(rates):
        # "per 10,000 people will be 14 doctors, 18 nurses": a rate earlier in the sentence, if no number took it.
        if index not in used and sentence_start <= start < match.start() < sentence_end:
            return unit, max(noun_end, number_end), False
    if noun_end > number_end:
        return Unit.COUNT, noun_end, False
    return None, number_end, False


def _noun_end(text: str, position: int) -> int:
    """The end of the (up to four-word) noun phrase after a number: "343 private hospitals"."""
    end = position
    for _ in range(4):
        word = re.compile(rf"{_SPACE}({_WORD.pattern})").match(text, end)
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
    return re.search(r"(?i:mortality|death|die|tu vong|chet)", text[start:end]) is not None


def _year(page: Plain, sentence: Span, item: _Found) -> int | None:
    best: tuple[int, int] | None = None
    for match in _YEAR.finditer(page.text, sentence[0], sentence[1]):
        if item.start <= match.start() < item.end or _SINCE.search(
            page.text, max(0, match.start() - 12), match.start()
        ):
            continue
        distance = item.start - match.end() if match.end() <= item.start else match.start() - item.end
        if best is None or distance < best[0]:
            best = (distance, int(match[0]))
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
        scored = []
        for indicator, keys in self.keys:
            if not keys or not item.unit.compatible(indicator.unit):
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
    for indicator in indicators:
        words = _words(indicator.name) | _words(indicator.id.replace("_", " "))
        keys.append((indicator, frozenset(words)))
    return _IndicatorMatcher(tuple(keys))
