"""Finding enumerated lists of tasks: "First, ... Second, ... Finally, ...", numbered lines, "(1) ... (2) ..."."""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from vnhealth.extract._mentions import Enumeration, EnumerationItem, Span
from vnhealth.extract._scan import Plain, plain, sentence_at, sentences

__all__ = ["enumeration"]

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
_VIETNAMESE_ORDINALS = {
    "nhat": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}  # fmt: skip
_CARDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}  # fmt: skip
_NOUNS = [
    "tasks?",
    "contents?",
    "points?",
    "solutions?",
    "measures?",
    "groups?",
    "areas?",
    "priorit(?:y|ies)",
    "requirements?",
    "goals?",
    "objectives?",
    "breakthroughs?",
    "steps?",
    "pillars?",
    "directions?",
    "orientations?",
    "issues?",
    "recommendations?",
    "proposals?",
    "principles?",
    "lessons?",
    "focus(?:es)?",
    "missions?",
    "things?",
    "components?",
    "elements?",
    "factors?",
    "polic(?:y|ies)",
    "actions?",
    "initiatives?",
    "targets?",
    "items?",
    "matters?",
    "contents?",
    "key_tasks?",
    "nhiem_vu",
    "noi_dung",
    "giai_phap",
    "nhom",
    "diem",
    "van_de",
    "muc_tieu",
    "dot_pha",
    "yeu_cau",
    "dinh_huong",
    "tru_cot",
    "bai_hoc",
    "chinh_sach",
    "bien_phap",
]
_NOUN = "|".join(noun.replace("_", r"[ \t\u00a0]+") for noun in _NOUNS)
_GAP = r"[ \t\u00a0]+"
_ORDINAL_WORD = "|".join(_ORDINALS)
_WORD_MARKER = re.compile(
    rf"""(?i:
        (?P<the>the{_GAP})?(?P<word>{_ORDINAL_WORD})(?:ly)?
          (?(the){_GAP}(?:(?:[a-z]+|group{_GAP}of){_GAP}){{0,2}}?(?:{_NOUN}|is|one)\b
                |(?:{_GAP}of{_GAP}all|{_GAP}and{_GAP}foremost)?[ \t\u00a0]*(?:[,:]|{_GAP}(?:is|are|was)\b))
      | (?P<last>finally|lastly|last{_GAP}but{_GAP}not{_GAP}least|cuoi{_GAP}cung)[ \t\u00a0]*(?:[,:]|{_GAP}is\b)
      | thu{_GAP}(?P<vietnamese>{"|".join(_VIETNAMESE_ORDINALS)})[ \t\u00a0]*[,:]
      | (?P<cardinal>{"|".join(sorted(_CARDINALS, key=len, reverse=True))}){_GAP}la[ \t\u00a0]*[,:]
    )""",
    re.VERBOSE,
)
_NUMBER_MARKER = re.compile(r"(?m)^[ \t\u00a0]*(?:[-•*][ \t\u00a0]*)?(?P<number>\d{1,2})[.)](?=[ \t\u00a0]+\S)")
_LETTER_MARKER = re.compile(r"(?m)^[ \t\u00a0]*(?P<letter>[a-h])\)(?=[ \t\u00a0]+\S)")
_PAREN_MARKER = re.compile(r"\((?P<paren>\d{1,2})\)(?=[ \t\u00a0]+\S)")
_ANNOUNCED = re.compile(
    rf"""(?i:\b(?P<count>\d{{1,2}}|{"|".join(sorted(_CARDINALS, key=len, reverse=True))})
        {_GAP}(?:[a-z-]+{_GAP}){{0,2}}?(?P<noun>{_NOUN})\b)""",
    re.VERBOSE,
)
# What ends an item without belonging to it: a byline ("— VNS"), the news agencies' "/.", a joining "and".
_BYLINE = re.compile(
    r"(?:[ \t\u00a0]*-+[ \t\u00a0]*[A-Z]{2,6}|[ \t\u00a0]*/\.|[ \t\u00a0]+(?i:and|or|va|hoac))[ \t\u00a0]*$"
)
_MAX_GAP = 5000
"""Characters between two items beyond which they are not read as one list."""


@attrs.frozen
class _Marker:
    family: str
    ordinal: int | None
    """None for "Finally": the item after the last."""
    start: int
    end: int


def enumeration(text: str) -> tuple[Enumeration, ...]:
    """Every enumerated list in ``text``, in document order.

    Lists are numbered by words ("First, ... Second, ... Finally, ...", "The
    second task is ...", "Thứ nhất, ..."), by numbered lines ("1. ...") or by
    numbers in brackets ("(1) ... (2) ..."). An item runs from its marker to
    the next item; the last one to the end of its paragraph. A count announced
    just before the list ("seven specific tasks", "6 key contents") is
    reported, and ``complete`` says whether exactly that many items, numbered
    1 to n, were found.

    >>> [found] = enumeration("There are three tasks. First, plan. Second, do. Third, check.")
    >>> [item.body for item in found.items], found.announced, found.complete
    (['plan.', 'do.', 'check.'], 3, True)
    """
    page = plain(text)
    lists: list[Enumeration] = []
    for family_markers in _families(page.text):
        for group in _groups(family_markers):
            lists.append(_build(page, group, lists))
    lists.sort(key=lambda found: found.span)
    return tuple(lists)


def _families(text: str) -> Iterator[list[_Marker]]:
    words = [marker for marker in _word_markers(text) if _starts_sentence(text, marker.start)]
    yield words
    yield [_Marker("number", int(m["number"]), m.start("number"), m.end()) for m in _NUMBER_MARKER.finditer(text)]
    yield [
        _Marker("letter", ord(m["letter"]) - ord("a") + 1, m.start("letter"), m.end())
        for m in _LETTER_MARKER.finditer(text)
    ]
    yield [_Marker("paren", int(m["paren"]), m.start(), m.end()) for m in _PAREN_MARKER.finditer(text)]


def _word_markers(text: str) -> Iterator[_Marker]:
    for match in _WORD_MARKER.finditer(text):
        if match["word"]:
            ordinal: int | None = _ORDINALS[match["word"].lower()]
        elif match["vietnamese"]:
            word = match["vietnamese"]
            # "Thứ Hai" with a capital is Monday; "thứ hai" (second) is written in lower case.
            if word[0].isupper() and word.lower() != "nhat":
                continue
            ordinal = _VIETNAMESE_ORDINALS[word.lower()]
        elif match["cardinal"]:
            ordinal = _CARDINALS[match["cardinal"].lower()]
        else:
            ordinal = None
        yield _Marker("word", ordinal, match.start(), match.end())


def _starts_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \t\u00a0\"'*•-")
    return not before or before[-1] in "\n.!?;:"


def _groups(markers: list[_Marker]) -> Iterator[list[_Marker]]:
    group: list[_Marker] = []
    last = 0
    for marker in markers:
        ordinal = marker.ordinal
        close_enough = bool(group) and marker.start - group[-1].end <= _MAX_GAP
        if ordinal is None:
            if close_enough:
                group.append(attrs.evolve(marker, ordinal=last + 1))
                last += 1
                yield group
            group, last = [], 0
            continue
        if group and close_enough and ordinal > last and ordinal != 1:
            group.append(marker)
        else:
            if len(group) > 1:
                yield group
            group = [marker]
        last = ordinal
    if len(group) > 1:
        yield group


def _build(page: Plain, group: list[_Marker], earlier: list[Enumeration]) -> Enumeration:
    text = page.text
    items = []
    for index, marker in enumerate(group):
        if index + 1 < len(group):
            end = group[index + 1].start
        elif marker.family == "paren":
            end = _sentence_end(text, marker.start)
        else:
            end = _paragraph_end(text, marker.start)
        end = _trim(text, marker.start, end)
        span = page.span(marker.start, end)
        marker_span = page.span(marker.start, marker.end)
        assert marker.ordinal is not None  # noqa: S101 - "Finally" is numbered in _groups
        items.append(
            EnumerationItem(
                ordinal=marker.ordinal,
                text=page.original[span[0] : span[1]],
                span=span,
                marker=page.original[marker_span[0] : marker_span[1]],
            )
        )
    announced, announcement = _announcement(page, group[0].start, earlier)
    ordinals = [item.ordinal for item in items]
    return Enumeration(
        items=tuple(items),
        announced=announced,
        complete=announced is not None and ordinals == list(range(1, announced + 1)),
        span=(items[0].span[0], items[-1].span[1]),
        announcement=announcement,
    )


def _paragraph_end(text: str, start: int) -> int:
    """The end of the paragraph holding ``start``: a blank line, or a line break after a finished sentence."""
    position = start
    while (newline := text.find("\n", position)) != -1:
        before = text[start:newline].rstrip()
        if not text[newline + 1 :].strip() or text[newline + 1 : newline + 2] == "\n":
            return newline
        if before and before[-1] in ".!?:;\"')":
            return newline
        position = newline + 1
    return len(text)


def _sentence_end(text: str, start: int) -> int:
    return sentence_at(text, start)[1]


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    byline = _BYLINE.search(text, start, end)
    if byline is not None and byline.start() > start:
        end = byline.start()
    return end


def _announcement(page: Plain, list_start: int, earlier: list[Enumeration]) -> tuple[int | None, str | None]:
    """The count announced in the three sentences before the list ("seven specific tasks")."""
    spans = [span for span in sentences(page.text) if span[1] <= list_start]
    window_start = spans[-3][0] if len(spans) >= 3 else 0
    window_start = max([window_start, list_start - 800, *(_plain_end(page, found.span) for found in earlier)])
    best = None
    for match in _ANNOUNCED.finditer(page.text, window_start, list_start):
        count = match["count"].lower()
        value = int(count) if count.isdigit() else _CARDINALS[count]
        if value > 1:
            best = (value, match)
    if best is None:
        return None, None
    value, match = best
    span = page.span(match.start(), match.end())
    return value, page.original[span[0] : span[1]]


def _plain_end(page: Plain, span: Span) -> int:
    return page.position(span[1])
