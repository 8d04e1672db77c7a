"""Finding enumerated lists: worded ordinals, numbered and bulleted lines, lines under a heading, inline lists.

Every marker family is found by one pass of a pattern over the text, and every
item's end by a search that stops at the next marker, so the work is linear in
the length of the text however many lists it holds.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import attrs

from vnhealth.extract._mentions import Enumeration, EnumerationItem, Span
from vnhealth.extract._scan import Plain, checked_text, plain, sentence_at, sentences

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
    "nhiem_vu_trong_tam",
    "linh_vuc",
    "huong",
    "cach",
    "ways?",
    "conclusions?",
    "commitments?",
]
_NOUN = "|".join(noun.replace("_", r"[ \t\u00a0]+") for noun in _NOUNS)
_GAP = r"[ \t\u00a0]+"
_ORDINAL_WORD = "|".join(_ORDINALS)
_WORD_MARKER = re.compile(
    rf"""(?<!\w)(?=[ftnlchmbseoFTNLCHMBSEO])(?i:
        (?P<the>the{_GAP})?(?P<word>{_ORDINAL_WORD})(?:ly)?
          (?(the){_GAP}(?:(?:[a-z]+|group{_GAP}of){_GAP}){{0,2}}?(?:{_NOUN}|is|one)\b
            (?:{_GAP}of{_GAP}(?:focus|attention|emphasis|priority)\b)?       # "The fifth point of focus"
                |(?:{_GAP}of{_GAP}all|{_GAP}and{_GAP}foremost)?[ \t\u00a0]*(?:[,:]|{_GAP}(?:is|are|was)\b))
      | (?P<last>finally|lastly|last{_GAP}but{_GAP}not{_GAP}least|cuoi{_GAP}cung)[ \t\u00a0]*(?:[,:]|{_GAP}is\b)
      | (?P<next>tiep{_GAP}theo|next)[ \t\u00a0]*[,:]
      | thu{_GAP}(?P<vietnamese>{"|".join(_VIETNAMESE_ORDINALS)})[ \t\u00a0]*[,:]
      | (?P<cardinal>{"|".join(sorted(_CARDINALS, key=len, reverse=True))}){_GAP}la[ \t\u00a0]*[,:]
    )""",
    re.VERBOSE,
)
_LINE_START = r"(?:^|(?<=\n))[ \t\u00a0]*"
_NUMBER_MARKER = re.compile(
    rf"{_LINE_START}(?:[-•*][ \t\u00a0]*)?(?P<number>\d{{1,2}})(?:[.)/]|[ \t\u00a0]*-(?=[ \t\u00a0]))(?=[ \t\u00a0]+\S)"
)
_LETTER_MARKER = re.compile(rf"{_LINE_START}(?P<letter>[a-h])[)/](?=[ \t\u00a0]+\S)")
_PAREN_MARKER = re.compile(r"\((?P<paren>\d{1,2})\)(?=[ \t\u00a0]+\S)")
# A bullet before its item, or alone on its line with the item on the next ("-\nStreamlining ...").
_BULLET_MARKER = re.compile(rf"{_LINE_START}(?P<bullet>[-•+*▪●◦])[ \t\u00a0]*(?:\n[ \t\u00a0]*)?(?=[^\s\d-])")
_BULLET_BREAK = re.compile(r"\n[ \t\u00a0]*\n[ \t\u00a0]*(?![-•+*▪●◦])\S")
_ANNOUNCED = re.compile(
    rf"""(?i:\b(?P<count>\d{{1,2}}|{"|".join(sorted(_CARDINALS, key=len, reverse=True))})
        {_GAP}(?:[a-z-]+{_GAP}){{0,2}}?(?P<noun>{_NOUN})\b)""",
    re.VERBOSE,
)
# "three policy groups: A; B; and C": the words between the noun and the colon, then the items.
_INLINE = re.compile(rf"(?:{_GAP}[\w'-]+){{0,4}}?[ \t\u00a0]*:[ \t\u00a0]*(?=\S)")
_JOINER = re.compile(r"^(?i:and|or|va|hoac|cung[ \t\u00a0]+nhu)[ \t\u00a0]+")
# A heading over lines that are a list without markers: "Key tasks for 2026", "Các giải pháp chính gồm:".
_HEADING_NOUN = re.compile(rf"(?i:\b(?:{_NOUN})\b)")
# What ends an item without belonging to it: a byline ("— VNS"), the news agencies' "/.", a joining "and".
_BYLINE = re.compile(
    r"(?:[ \t\u00a0]*-+[ \t\u00a0]*[A-Z]{2,6}|[ \t\u00a0]*/\.|[ \t\u00a0]+(?i:and|or|va|hoac))[ \t\u00a0]*$"
)
_PARAGRAPH_END = re.compile(r"[.!?:;\"')][ \t\u00a0\r]*(?P<after>\n)|(?P<blank>\n)(?=[ \t\u00a0\r]*\n|\s*\Z)")
_MAX_GAP = 5000
"""Characters between two items beyond which they are not read as one list."""
_MAX_LINE_ITEM = 200
"""The longest line read as an item of a list without markers, or of a bulleted list (a paragraph is longer)."""


@attrs.frozen
class _Marker:
    family: str
    ordinal: int | None
    """None for "Finally" (the item after the last) and "Next" (the item after the previous one)."""
    start: int
    end: int
    ends_list: bool = False
    item_end: int | None = None
    """Where the item ends, when the marker family knows it (inline lists, lines)."""


def enumeration(text: str) -> tuple[Enumeration, ...]:
    """Every enumerated list in ``text``, in document order.

    Lists are numbered by words ("First, ... Second, ... Finally, ...", "The
    second task is ...", "Thứ nhất, ...", "Một là, ...", "Tiếp theo, ...",
    "Cuối cùng, ..."), by numbered or lettered lines ("1. ...", "1) ...",
    "1 - ...", "a) ..."), by numbers in brackets ("(1) ... (2) ..."), by bullets
    ("- ", "• ", "+ "), by lines without markers under a heading that names
    them ("Key tasks for 2026"), or inline after an announced count ("three
    policy groups: A; B; and C"). An item runs from its marker to the next
    item; the last one to the end of its paragraph. An unnumbered paragraph
    between two worded items one number apart ("The third task ...", a
    paragraph, "The fifth point ...") is the item between them. A count
    announced just before the list ("seven specific tasks", "6 key
    contents") is reported, and ``complete`` says whether exactly that many
    items, numbered 1 to n, were found.

    >>> [found] = enumeration("There are three tasks. First, plan. Second, do. Third, check.")
    >>> [item.body for item in found.items], found.announced, found.complete
    (['plan.', 'do.', 'check.'], 3, True)
    """
    page = plain(checked_text(text, "enumeration"))
    groups = [group for markers in _families(page.text) for group in _groups(markers)]
    marked = sorted(marker.start for group in groups for marker in group)
    for inline in _inline_lists(page.text):
        # "three breakthroughs: (1) ...; (2) ...": the markers make the list already.
        inside = bisect.bisect_left(marked, inline[0].start)
        if inside == len(marked) or marked[inside] >= (inline[-1].item_end or inline[-1].start):
            groups.append(inline)
    groups.sort(key=lambda group: group[0].start)
    starts = sorted(marker.start for group in groups for marker in group)
    sentence_spans = sentences(page.text)
    lists: list[Enumeration] = []
    previous_end = 0
    for group in groups:
        found = _build(page, group, starts, sentence_spans, previous_end)
        lists.append(found)
        previous_end = max(previous_end, page.position(found.span[1]))
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
    yield from _bullet_groups(text)
    yield from _line_groups(text)


def _word_markers(text: str) -> Iterator[_Marker]:
    for match in _WORD_MARKER.finditer(text):
        ends_list = False
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
            ends_list = match["last"] is not None
        yield _Marker("word", ordinal, match.start(), match.end(), ends_list=ends_list)


def _starts_sentence(text: str, position: int) -> bool:
    index = position - 1
    while index >= 0 and text[index] in " \t\u00a0\"'*•-":
        index -= 1
    return index < 0 or text[index] in "\n.!?;:"


def _bullet_groups(text: str) -> Iterator[list[_Marker]]:
    """Runs of bulleted lines, numbered in order; a paragraph without a bullet ends a run.

    A run with a long paragraph after a dash is an interview's turns, not a list: none of it is.
    """
    run: list[_Marker] = []
    interview = False
    previous_end: int | None = None
    for match in _BULLET_MARKER.finditer(text):
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end == -1 else line_end
        if previous_end is not None and (
            _BULLET_BREAK.search(text, previous_end, match.start()) or match.start() - previous_end > _MAX_GAP
        ):
            if len(run) > 1 and not interview:
                yield run
            run, interview = [], False
        previous_end = match.end()
        if line_end - match.start() > _MAX_LINE_ITEM:
            interview = True
            continue
        run.append(_Marker("bullet", len(run) + 1, match.start("bullet"), match.end(), item_end=line_end))
    if len(run) > 1 and not interview:
        yield run


_LINE = re.compile(r"[^\n]*")


def _line_groups(text: str) -> Iterator[list[_Marker]]:
    """Lines without markers under a heading: a line ending in a colon, or a short one naming the items."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.start() == 0 or text[m.start() - 1] == "\n"]
    index = 0
    while index < len(lines):
        start, end = lines[index]
        heading = text[start:end].strip()
        following = index + 1
        if following < len(lines) and not text[slice(*lines[following])].strip() and not heading.endswith(":"):
            following += 1  # a blank line after a heading without a colon
        if heading and _is_heading(heading):
            run: list[_Marker] = []
            while following < len(lines):
                first, last = lines[following]
                line = text[first:last].strip()
                if not _is_line_item(line):
                    break
                offset = first + len(text[first:last]) - len(text[first:last].lstrip())
                run.append(
                    _Marker("line", len(run) + 1, offset, offset, item_end=first + len(text[first:last].rstrip()))
                )
                following += 1
            if len(run) > 1 and (following >= len(lines) or not text[slice(*lines[following])].strip()):
                yield run
                index = following
                continue
        index += 1


def _is_heading(line: str) -> bool:
    if len(line) > 100 or line[-1] in ".!?;,":
        return False
    return (line.endswith(":") and len(line) <= 60) or (_HEADING_NOUN.search(line) is not None and line[0].isupper())


def _is_line_item(line: str) -> bool:
    return (
        2 <= len(line) <= _MAX_LINE_ITEM
        and line[0].isupper()
        and line[-1] not in ":.!?"
        and not _NUMBER_MARKER.match(line)
        and not _BULLET_MARKER.match(line)
    )


def _inline_lists(text: str) -> Iterator[list[_Marker]]:
    """Inline lists ("three policy groups: A; B; and C"): as many parts after the colon as the count announced."""
    for announced in _ANNOUNCED.finditer(text):
        count = _count(announced["count"])
        colon = _INLINE.match(text, announced.end())
        if count < 2 or colon is None:
            continue
        end = _sentence_stop(text, colon.end())
        body = text[colon.end() : end]
        separator = ";" if ";" in body else ","
        parts = []
        position = colon.end()
        for piece in body.split(separator):
            parts.append((position, position + len(piece)))
            position += len(piece) + 1
        if separator == "," and parts:
            # "A, B and C": the last part holds two items.
            first, last = parts[-1]
            joined = re.search(r"[ \t\u00a0]+(?:and|or|va|hoac)[ \t\u00a0]+", text[first:last])
            if joined is not None:
                parts[-1:] = [(first, first + joined.start()), (first + joined.start() + 1, last)]
        if len(parts) != count:
            continue
        markers = []
        for ordinal, (part_start, last) in enumerate(parts, start=1):
            first = part_start
            while first < last and text[first].isspace():
                first += 1
            joiner = _JOINER.match(text[first:last])
            if joiner is not None:
                first += joiner.end()
            item_end = last
            while item_end > first and text[item_end - 1] in " \t\u00a0.;,":
                item_end -= 1
            if item_end <= first:
                break
            markers.append(_Marker("inline", ordinal, first, first, item_end=item_end))
        else:
            yield markers


def _sentence_stop(text: str, start: int) -> int:
    """The end of the sentence from ``start``: a full stop before a space, or the end of the line."""
    found = re.compile(r"[.!?](?=\s|\Z)|\n").search(text, start)
    return found.start() if found else len(text)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _CARDINALS[word.lower()]


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
                if marker.ends_list:
                    yield group
                    group, last = [], 0
                continue
            if len(group) > 1:
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


def _fill_gaps(text: str, group: list[_Marker]) -> list[_Marker]:
    """An unnumbered paragraph between worded items n-1 and n+1 is item n."""
    filled = [group[0]]
    for marker in group[1:]:
        previous = filled[-1]
        if marker.family == "word" and previous.ordinal is not None and marker.ordinal == previous.ordinal + 2:
            paragraph = _paragraph_end(text, previous.start, marker.start)
            start = paragraph
            while start < marker.start and text[start].isspace():
                start += 1
            if paragraph < marker.start and start < marker.start:
                filled.append(_Marker("word", previous.ordinal + 1, start, start))
        filled.append(marker)
    return filled


def _build(
    page: Plain, group: list[_Marker], starts: list[int], sentence_spans: tuple[Span, ...], previous_end: int
) -> Enumeration:
    text = page.text
    group = _fill_gaps(text, group)
    items = []
    for index, marker in enumerate(group):
        if marker.item_end is not None:
            end = marker.item_end
        elif index + 1 < len(group):
            end = group[index + 1].start
        else:
            # The last item ends with its paragraph, and never after the next marker of any list.
            following = bisect.bisect_right(starts, marker.start)
            limit = starts[following] if following < len(starts) else len(text)
            end = (
                _sentence_end(text, marker.start)
                if marker.family == "paren"
                else _paragraph_end(text, marker.start, limit)
            )
            end = min(end, max(limit, marker.end))
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
    announced, announcement = _announcement(page, group[0].start, sentence_spans, previous_end)
    ordinals = [item.ordinal for item in items]
    return Enumeration(
        items=tuple(items),
        announced=announced,
        complete=announced is not None and ordinals == list(range(1, announced + 1)),
        span=(items[0].span[0], items[-1].span[1]),
        announcement=announcement,
    )


def _paragraph_end(text: str, start: int, limit: int | None = None) -> int:
    """The end of the paragraph holding ``start``: a blank line, or a line break after a finished sentence."""
    limit = len(text) if limit is None else limit
    found = _PARAGRAPH_END.search(text, start, limit)
    if found is None:
        return limit
    return found.start("after") if found["after"] is not None else found.start("blank")


def _sentence_end(text: str, start: int) -> int:
    return sentence_at(text, start)[1]


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    byline = _BYLINE.search(text, max(start, end - 40), end)
    if byline is not None and byline.start() > start:
        end = byline.start()
    return end


def _announcement(
    page: Plain, list_start: int, sentence_spans: tuple[Span, ...], previous_end: int
) -> tuple[int | None, str | None]:
    """The count announced in the three sentences before the list ("seven specific tasks")."""
    before = bisect.bisect_right(sentence_spans, (list_start, list_start))
    # Sentences that end before the list starts, and the one the list starts in.
    index = before - 1
    while index >= 0 and sentence_spans[index][1] > list_start:
        index -= 1
    window_start = sentence_spans[index - 2][0] if index >= 2 else 0
    window_start = max(window_start, list_start - 800, previous_end)
    best = None
    for match in _ANNOUNCED.finditer(page.text, window_start, list_start):
        value = _count(match["count"])
        if value > 1:
            best = (value, match)
    if best is None:
        return None, None
    value, match = best
    span = page.span(match.start(), match.end())
    return value, page.original[span[0] : span[1]]
