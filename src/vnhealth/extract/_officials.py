"""Finding people: known officials by full name or title and given name, and titled strangers as candidates."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence

import attrs

from vnhealth._bundled import bundled
from vnhealth._dataset import Dataset
from vnhealth._model import Official
from vnhealth._text import fold
from vnhealth._titles import ADDRESS, ENGLISH_TITLES, RANKS, TITLES
from vnhealth.extract._mentions import OfficialMention, Span
from vnhealth.extract._scan import Plain, Taken, checked_text, checked_type, plain

__all__ = ["officials"]

# The shared table of titles (vnhealth._titles), and spellings only running text uses.
# Matched on the plain copy of the text, without regard to case.
_TITLES = (*TITLES, "bs.ckii", "bs.cki", "ths.bs.ckii", "ttut", "nsnd")
_WEAK = ADDRESS | RANKS | {"ts.bs", "bs.ckii", "bs.cki", "ths.bs.ckii"}
"""Titles that say nothing of an office: one written after the name is preferred to them."""
# In an English title after a name, the words that may follow the office inside it; another lower-case
# word is the sentence going on ("Director of the Department of Health chaired the meeting").
_TITLE_GLUE = frozenset({"of", "the", "and", "for", "on", "in", "at", "to", "&", "cum"})
_VERBS = frozenset({
    "said", "says", "told", "spoke", "chaired", "attended", "presided", "led", "met", "visited", "gave", "made",
    "took", "noted", "added", "stressed", "asked", "urged", "called", "announced", "delivered", "opened", "is",
    "was", "were", "are", "has", "have", "had", "will", "would", "welcomed", "praised",
})  # fmt: skip
_GAP = r"[ \t\u00a0]+"


def _alternation(words: Sequence[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", _GAP) for word in ordered)


_CORE = _alternation(_TITLES)
_TITLE_SET = frozenset(_TITLES)
_ENGLISH_TITLES = frozenset(ENGLISH_TITLES)
_CORE_WORD = re.compile(rf"(?i:(?<![\w.])(?:{_CORE})(?![\w]))")
_TITLE_BEFORE = re.compile(
    rf"""(?<![\w.])(?P<title>(?i:{_CORE})
        (?:{_GAP}(?i:of|for|at)(?:{_GAP}[\w'&.-]+){{1,10}}?   # Director of the hospital
          |{_GAP}[A-Z][\w'&.-]*(?:{_GAP}[\w'&.-]+){{0,12}}?    # Bo truong Bo Y te, Giam doc Benh vien Bach Mai
        )?(?:{_GAP}\([^()\n]{{1,40}}\))?)[ \t\u00a0]*$""",  # Cuc truong Cuc Quan ly Duoc (Bo Y te)
    re.VERBOSE,
)
_TITLE_AFTER = re.compile(
    r"""[ \t\u00a0]*(?:,|[ \t\u00a0]-)[ \t\u00a0]*(?P<title>[^,;.()\n"]{2,90}?)
    (?=[ \t\u00a0]*(?:[,;.()\n"]|$)|[ \t\u00a0]+-[ \t\u00a0]
        |[ \t\u00a0]+(?:said|says|stated|noted|told|added|affirmed|emphasi[sz]ed|stressed
        |highlighted|reported|underlined|chaired|presided|attended|visited|welcomed|cho[ \t]biet|noi|phat[ \t]bieu
        |nhan[ \t]manh|khang[ \t]dinh|chu[ \t]tri|trinh[ \t]bay|dieu[ \t]khien|tham[ \t]du|trao|ky|de[ \t]nghi
        |yeu[ \t]cau|neu|chia[ \t]se|thong[ \t]tin|bao[ \t]cao|cam[ \t]on|danh[ \t]gia|giai[ \t]thich
        |tra[ \t]loi|thay[ \t]mat|den[ \t]tham|kiem[ \t]tra|lam[ \t]viec)\b)""",
    re.VERBOSE,
)

# Vietnamese family names (plain): a name is one of them and one to three syllables more.
_SURNAMES = [
    "Nguyen",
    "Tran",
    "Le",
    "Pham",
    "Hoang",
    "Huynh",
    "Phan",
    "Vu",
    "Vo",
    "Dang",
    "Bui",
    "Do",
    "Ho",
    "Ngo",
    "Duong",
    "Ly",
    "Dao",
    "Dinh",
    "Luong",
    "Truong",
    "To",
    "Mai",
    "Cao",
    "Luu",
    "Ta",
    "Ha",
    "Doan",
    "Vuong",
    "Trinh",
    "Lam",
    "Thai",
    "Chau",
    "Quach",
    "Phung",
    "Kieu",
    "Chu",
    "La",
    "Lai",
    "Trieu",
    "Than",
    "Khuc",
    "Nong",
    "Lo",
    "Giang",
    "Tang",
    "Kim",
    "Mac",
    "Tu",
    "Hua",
    "Ton",
    "Nghiem",
    "Bach",
    "Quan",
    "Diep",
    "Thach",
    "Ung",
    "Tong",
    "Lu",
    "Van",
    "Khong",
    "Hau",
    "Au",
    "Dam",
    "Dong",
    "Lang",
    "Ninh",
    "Son",
    "Y",
    "Cam",
    "Luc",
]
_NAME_GAP = r"(?:[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*)"
_VIETNAMESE_NAME = re.compile(
    rf"\b(?:(?:{'|'.join(_SURNAMES)})(?:{_NAME_GAP}[A-Z][a-z]{{0,6}}){{1,7}}"
    rf"|(?:{'|'.join(name.upper() for name in _SURNAMES)})(?:{_NAME_GAP}[A-Z]{{1,7}}){{1,3}})\b"
)
# The family names as written with their marks: "Vụ" (a department) and "Bộ" are not "Vũ" and "Bố".
_MARKED_SURNAMES = frozenset(
    [
        "Nguyễn",
        "Tòng",
        "Cầm",
        "Lục",
        "Sầm",
        "Bế",
        "Lường",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Đào",
        "Đinh",
        "Lương",
        "Trương",
        "Tô",
        "Mai",
        "Cao",
        "Lưu",
        "Tạ",
        "Hà",
        "Đoàn",
        "Vương",
        "Trịnh",
        "Lâm",
        "Thái",
        "Châu",
        "Quách",
        "Phùng",
        "Kiều",
        "Chu",
        "La",
        "Lã",
        "Lại",
        "Triệu",
        "Thân",
        "Khúc",
        "Nông",
        "Lò",
        "Giang",
        "Tăng",
        "Kim",
        "Mạc",
        "Từ",
        "Hứa",
        "Tôn",
        "Nghiêm",
        "Bạch",
        "Quan",
        "Diệp",
        "Thạch",
        "Ưng",
        "Tống",
        "Lữ",
        "Lư",
        "Văn",
        "Khổng",
        "Hầu",
        "Âu",
        "Đàm",
        "Đồng",
        "Lăng",
        "Ninh",
        "Sơn",
        "Y",
        "Vi",
        "Hàn",
    ]
)
# Places written like a person's name: "Ho Chi Minh City", "Lam Dong".
_PLACES = frozenset(
    {"ho chi minh", "ha noi", "ha tinh", "ha giang", "ha nam", "lam dong", "cao bang", "vinh long", "kim bang",
     "ly son", "mai chau", "hoang sa", "truong sa", "phan thiet", "phan rang", "ha long", "tan an", "dong nai",
     "thai binh", "thai nguyen", "ninh binh", "ninh thuan", "lang son", "dong thap", "dong hoi", "dong da",
     "hau giang", "son la", "lai chau", "ha dong", "hoang mai", "long bien", "dong anh", "tay ninh", "kim son",
     "cam ranh", "cam pha", "ha tien", "chau doc", "tran de", "phu quoc", "thai hoa", "ninh hoa", "son tay"}
)  # fmt: skip
# A given name followed by these words is a common noun: "Chính phủ" (government), "Trung tâm" (centre).
_COMPOUNDS = {
    "chinh": {"phu", "tri", "sach", "quyen", "thuc"},
    "trung": {"tam", "uong", "hoc", "cap", "thu", "quoc"},
    "lam": {"dong", "sang", "viec"},
    "long": {"an"},
    "hung": {"yen"},
    "nghia": {"vu", "la"},
    "anh": {"huong"},
    "phuong": {"an", "thuc", "tien", "huong"},
}
_SURNAME_SET = frozenset(_SURNAMES)
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
# Titles that introduce a person by name in English, whoever they are, and a name of two or three capitalised words.
_FOREIGN_TITLE = re.compile(
    r"(?<![\w.])(?:Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Madam|Professor|Prof\.|Ambassador|Representative|President|Minister"
    r"|Director-General|Director General|Secretary-General|Secretary General|Chairman|Chairwoman|CEO|Chief Executive)"
    r"[ \t\u00a0]+"
)
_FOREIGN_NAME = re.compile(r"[A-Z][a-z'-]+(?:[ \t\u00a0][A-Z][a-z'-]+){1,2}(?![\w-]|[ \t\u00a0]+[A-Z])")
_ORGANISATION_WORDS = frozenset(
    [
        "Ministry",
        "Department",
        "Hospital",
        "Committee",
        "Health",
        "National",
        "Assembly",
        "Party",
        "Government",
        "People",
        "City",
        "Province",
        "Office",
        "General",
        "Central",
        "Vietnam",
        "Viet",
        "Nam",
        "State",
        "Council",
        "Union",
        "Bank",
        "Organization",
        "Organisation",
        "World",
        "United",
        "Nations",
        "Institute",
        "University",
        "Centre",
        "Center",
        "Association",
        "Fund",
        "Program",
        "Programme",
        "Agency",
        "Administration",
        "Bureau",
        "Board",
        "Commission",
        "Federation",
        "Front",
        "Fatherland",
        "Social",
        "Affairs",
        "Foreign",
        "Finance",
        "Science",
        "Technology",
        "Education",
        "Training",
        "Justice",
        "Defence",
        "Defense",
        "Security",
        "Public",
        "Planning",
        "Investment",
        "Medical",
        "Examination",
        "Treatment",
        "Preventive",
        "Medicine",
        "Politburo",
        "Secretariat",
        "Delegation",
        "Conference",
        "Day",
        "Law",
        "Resolution",
        "Decree",
        "Decision",
        "Plan",
        "Programme",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Hanoi",
        "Ha",
        "Noi",
        "Ho",
        "Chi",
        "Minh",
        "Da",
        "Nang",
        "Hai",
        "Phong",
        "Can",
        "Tho",
        "Asia",
        "Pacific",
        "European",
        "Japan",
        "Korea",
        "China",
        "America",
        "American",
        "Australia",
        "Singapore",
        "Thailand",
        "Laos",
        "Cambodia",
        "France",
        "Germany",
        "Russia",
        "India",
        "WHO",
        "UNICEF",
    ]
)
_NEXT_WORD = re.compile(r"[ \t\u00a0]+([A-Za-z]+)")


def officials(text: str, dataset: Dataset | None = None) -> tuple[OfficialMention, ...]:
    """Every mention of a person in ``text``: known officials, and titled people as candidates.

    A known official (of ``dataset``, default the bundled data) is found by
    full name, with or without diacritics and with any title before it, and
    by a title and the given name ("General Secretary Lam", "PM Chinh").
    Anyone else named with a title ("Deputy Prime Minister Tran Hong Ha",
    "Director of the hospital Nguyen The Anh") or with a title after the name
    ("Le Minh Hung, Head of ...") is returned with ``official=None``: a
    candidate for a new `Official` record.
    """
    checked_text(text, "officials")
    checked_type(dataset, Dataset, "dataset", "officials")
    data = dataset if dataset is not None else _bundled()
    page = plain(text)
    known = _Known.of(data.officials)
    mentions: list[OfficialMention] = []
    taken = Taken()
    for start, end, official in known.full_names(page.text):
        if taken.add(start, end):
            mentions.append(_mention(page, start, end, official))
    for match in _VIETNAMESE_NAME.finditer(page.text):
        start, end = _name_bounds(page.text, match.start(), match.end())
        if end <= start or taken.overlaps(start, end) or not _is_name(page, start, end):
            continue
        taken.add(start, end)
        mention = _mention(page, start, end, None)
        if mention.title is not None:
            mentions.append(mention)
    for match in _FOREIGN_TITLE.finditer(page.text):
        # "Dr. Kidong Park", "WHO Representative Angela Pratt": a name no Vietnamese family name starts.
        name = _FOREIGN_NAME.match(page.text, match.end())
        if (
            name is None
            or taken.overlaps(name.start(), name.end())
            or not _is_foreign_name(name[0])
            or _in_headline(page.text, name.start())
        ):
            continue
        taken.add(name.start(), name.end())
        mentions.append(_mention(page, name.start(), name.end(), None))
    for match in _CAPITALISED.finditer(page.text):
        if taken.overlaps(match.start(), match.end()):
            continue
        addressed = _given_name_mention(page, match, known)
        if addressed is not None:
            mentions.append(addressed)
    mentions.sort(key=lambda mention: mention.span)
    return tuple(mentions)


def _bundled() -> Dataset:
    return bundled()


def _is_foreign_name(name: str) -> bool:
    words = name.split()
    return (
        words[0] not in _SURNAME_SET
        and not any(word.strip("'s") in _ORGANISATION_WORDS for word in words)
        and not any(fold(word) in _TITLE_SET for word in words)
    )


def _in_headline(text: str, position: int) -> bool:
    """Whether ``position`` is on a headline in title case ("Minister Meets Voters In Hanoi"): its capitals say nothing.

    A headline is a line of four words or more, most of them capitalised, that does not end a sentence.
    """
    start = text.rfind("\n", max(0, position - 200), position) + 1
    end = text.find("\n", position, position + 200)
    line = text[start : end if end != -1 else position + 200].strip()
    words = [word for word in line.split() if word[:1].isalpha()]
    capitalised = sum(word[0].isupper() for word in words)
    return len(words) >= 4 and capitalised >= 0.7 * len(words) and not line.endswith((".", "!", "?", '"'))


def _is_name(page: Plain, start: int, end: int) -> bool:
    """Whether the words are a person's name: not a place, and a family name spelt as one."""
    words = page.text[start:end].lower().split()
    if " ".join(words) in _PLACES or " ".join(words[1:]) in _PLACES:
        return False  # "Ho Chi Minh", and "Y Ha Noi" in "BV Y Hà Nội" (a hospital)
    first = page.span(start, start + len(page.text[start:end].split()[0]))
    written = unicodedata.normalize("NFC", page.original[first[0] : first[1]])
    # Written without marks, any family name is a family name; written with them, only the real spellings are.
    return written.isascii() or written.capitalize() in _MARKED_SURNAMES


def _name_bounds(text: str, start: int, end: int) -> Span:
    """The name in a run of capitalised words: Vietnamese syllables only, two to four of them.

    "To Lam Visits" is "To Lam"; in "Benh vien Bach Mai Dao Xuan Co" the run
    "Bach Mai Dao Xuan Co" is a hospital's name and then a person's, and the
    person is the last family name that leaves two to four words.
    """
    words = list(re.finditer(r"[A-Za-z]+", text[start:end]))
    kept = 1
    while kept < len(words) and _SYLLABLE.fullmatch(words[kept][0].lower()):
        kept += 1
    if kept < 2:
        return start, start
    first = 0
    if kept > 4:
        # Most Vietnamese names have three words, then four, then two.
        first = next((kept - n for n in (3, 4, 2) if words[kept - n][0] in _SURNAME_SET), kept - 3)
    return start + words[first].start(), start + words[kept - 1].end()


@attrs.frozen
class _Known:
    """The dataset's officials, indexed for finding them in plain text."""

    pattern: re.Pattern[str] | None
    by_name: dict[str, Official]
    by_given_name: dict[str, tuple[Official, ...]]

    @classmethod
    def of(cls, people: tuple[Official, ...]) -> _Known:
        return _known(people)

    def full_names(self, text: str) -> Iterator[tuple[int, int, Official]]:
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            official = self.by_name.get(" ".join(fold(match[0]).split()))
            if official is not None:
                yield match.start(), match.end(), official


@functools.lru_cache(maxsize=8)
def _known(people: tuple[Official, ...]) -> _Known:
    by_name: dict[str, Official] = {}
    given: dict[str, list[Official]] = {}
    words_of_names = []
    for person in people:
        by_name.setdefault(fold(person.name), person)
        given.setdefault(fold(person.given_name), []).append(person)
        words = plain(person.name).text.split()
        if len(words) > 1:
            # Each word capitalised as written, or the whole name in capitals: "To Lam", "TO LAM", not "to Lam".
            words_of_names.append(
                _GAP.join(f"{re.escape(word[0].upper())}(?i:{re.escape(word[1:])})" for word in words)
            )
            words_of_names.append(_GAP.join(re.escape(word.upper()) for word in words))
    pattern = None
    if words_of_names:
        ordered = sorted(set(words_of_names), key=len, reverse=True)
        pattern = re.compile(rf"\b(?:{'|'.join(ordered)})\b")
    return _Known(pattern, by_name, {name: tuple(group) for name, group in given.items()})


def _mention(page: Plain, start: int, end: int, official: Official | None) -> OfficialMention:
    title_found = _title_before(page.text, start)
    title_span: Span | None = None
    if title_found is not None:
        title_span = page.span(*title_found)
    after = _title_after(page.text, end)
    if after is not None and (title_span is None or fold(page.original[slice(*title_span)]) in _WEAK):
        title_span = page.span(*after)
        span = page.span(start, end)
    else:
        span = page.span(title_found[0] if title_found else start, end)
    name_span = page.span(start, end)
    return OfficialMention(
        text=page.original[span[0] : span[1]],
        span=span,
        title=page.original[title_span[0] : title_span[1]] if title_span else None,
        official=official,
        name=page.original[name_span[0] : name_span[1]],
        title_span=title_span,
    )


def _title_before(text: str, name_start: int) -> tuple[int, int] | None:
    window_start = max(0, name_start - 100)
    window = text[window_start:name_start]
    position = 0
    while (found := _TITLE_BEFORE.search(window, position)) is not None:
        core = _CORE_WORD.match(found["title"])
        rest = found["title"][core.end() :] if core else ""
        # Not when the words after it hold another title, or a verb: "Minister ... is inspecting work at".
        if core is not None and not _CORE_WORD.search(rest) and not _VERBS.intersection(rest.lower().split()):
            return window_start + found.start("title"), window_start + found.end("title")
        # The words after the title hold another title: the nearer one is the person's.
        position = found.start() + 1
    return None


def _title_after(text: str, name_end: int) -> tuple[int, int] | None:
    position = name_end
    for _ in range(2):
        found = _TITLE_AFTER.match(text, position)
        if found is None:
            return None
        title = found["title"]
        core = _CORE_WORD.search(title)
        if len(title.split()) <= 14 and core is not None and not fold(title).startswith(("and ", "va ")):
            return found.start("title"), found.start("title") + _english_title_end(title, core)
        position = found.end()
    return None


def _english_title_end(title: str, core: re.Match[str]) -> int:
    """Where an English title ends: before the verb that goes on with the sentence ("... of Health chaired ...")."""
    if not core[0].isascii() or fold(core[0]) not in _ENGLISH_TITLES:
        return len(title)
    end = core.end()
    for word in re.finditer(r"[^\s]+", title[core.end() :]):
        text = word[0]
        if text.lower() in _VERBS or (text[0].islower() and text.endswith("ed") and len(text) > 4):
            break
        end = core.end() + word.end()
    # "Director of the" with nothing capitalised after it: the office alone.
    while True:
        words = title[:end].split()
        if len(words) > 1 and words[-1].lower() in _TITLE_GLUE:
            end = title[:end].rstrip().rfind(" ")
            continue
        return end


def _given_name_mention(page: Plain, match: re.Match[str], known: _Known) -> OfficialMention | None:
    people = known.by_given_name.get(match[0].lower())
    if not people:
        return None
    following = _NEXT_WORD.match(page.text, match.end())
    if following is not None and following[1].lower() in _COMPOUNDS.get(match[0].lower(), ()):
        return None  # "Thủ tướng Chính phủ", "Giám đốc Trung tâm": a noun, not a given name
    title_found = _title_before(page.text, match.start())
    if title_found is None:
        return None
    title = fold(page.text[slice(*title_found)])
    if len(people) > 1:
        # Two officials share the given name: the title decides, if it fits only one.
        people = tuple(person for person in people if _holds(person, title))
        if len(people) != 1:
            return None
    span = page.span(title_found[0], match.end())
    title_span = page.span(*title_found)
    name_span = page.span(match.start(), match.end())
    return OfficialMention(
        text=page.original[span[0] : span[1]],
        span=span,
        title=page.original[title_span[0] : title_span[1]],
        official=people[0],
        name=page.original[name_span[0] : name_span[1]],
        title_span=title_span,
    )


def _holds(person: Official, title: str) -> bool:
    words = set(title.split()) - {"of", "the", "party", "deputy", "vice"}
    return any(words & set(fold(role.title).split()) for role in person.roles)
