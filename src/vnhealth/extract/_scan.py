"""Reading page text: a diacritic-free copy that maps back to the original, and sentences.

Articles arrive as pasted page text: Vietnamese with or without diacritics (in
composed or decomposed Unicode), typographic dashes and quotes, non-breaking
and zero-width spaces, hard line breaks. The extractors match patterns on a
*plain* copy of the text, with diacritics removed (đ→d), dashes made ``-``,
quotes made ASCII and invisible characters dropped, but with case kept,
because capitals are what tell a name from a word. `Plain.span` maps a match
in the copy back to the original text, so every span reported is exact.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
import unicodedata

import attrs

from vnhealth._errors import InvalidInput
from vnhealth.extract._mentions import Span

__all__ = ["Plain", "Taken", "checked_text", "is_vietnamese", "plain", "sentence_at", "sentences", "token_around"]


def checked_text(text: object, function: str) -> str:
    """``text`` if it is a string; InvalidInput (a TypeError) naming ``function`` otherwise."""
    if not isinstance(text, str):
        msg = f"vnhealth.extract.{function} reads text (a str), not {type(text).__name__}"
        raise InvalidInput(msg)
    return text


def checked_type(value: object, expected: type, what: str, function: str) -> None:
    """InvalidInput unless ``value`` is None or an instance of ``expected``."""
    if value is not None and not isinstance(value, expected):
        msg = f"vnhealth.extract.{function}: {what} must be a {expected.__name__} or None, not {type(value).__name__}"
        raise InvalidInput(msg)


class Taken:
    """Spans already claimed, kept sorted so that an overlap is found in logarithmic time.

    The spans added never overlap one another (a span that overlaps is not added),
    so the nearest span starting before a candidate's end is the only one to check.
    """

    def __init__(self, spans: list[Span] | None = None) -> None:
        self._spans: list[Span] = []
        for span in spans or ():
            self.add(*span)

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self._spans, (end, end))
        # Spans starting before ``end``: only the last of them (and an empty one at ``start``) can reach ``start``.
        return any(first < end and start < last for first, last in self._spans[max(0, index - 2) : index])

    def covers(self, position: int) -> bool:
        """Whether a span holds ``position`` (``first <= position < last``)."""
        index = bisect.bisect_right(self._spans, (position, sys.maxsize)) - 1
        return index >= 0 and self._spans[index][0] <= position < self._spans[index][1]

    def add(self, start: int, end: int) -> bool:
        """Claim the span unless it overlaps one already claimed; whether it was claimed."""
        if self.overlaps(start, end):
            return False
        bisect.insort(self._spans, (start, end))
        return True


_REPLACEMENTS = {
    "đ": "d",
    "Đ": "D",
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\ufe63": "-",
    "\uff0d": "-",
    "\uff0f": "/",
    "\u2044": "/",
}
# Characters a page carries that a reader never sees: they must not split a word or a number.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


@functools.lru_cache(maxsize=4096)
def _plain_char(char: str) -> str:
    if char in _REPLACEMENTS:
        return _REPLACEMENTS[char]
    if char in _INVISIBLE:
        return ""
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(part for part in decomposed if not unicodedata.combining(part))


@attrs.frozen
class Plain:
    """The plain copy of a text and, for each of its characters, where it came from."""

    original: str
    text: str
    origins: tuple[int, ...]
    """``origins[i]`` is the offset in ``original`` of the character ``text[i]`` came from."""

    def span(self, start: int, end: int) -> Span:
        """The span of the original text that ``text[start:end]`` came from."""
        if start >= end:
            position = self.origins[start] if start < len(self.origins) else len(self.original)
            return position, position
        first = self.origins[start]
        last = self.origins[end - 1] + 1
        # A decomposed letter's marks belong to it.
        while last < len(self.original) and unicodedata.combining(self.original[last]):
            last += 1
        return first, last

    def position(self, offset: int) -> int:
        """The index in ``text`` of the first character at or after ``offset`` in the original."""
        return bisect.bisect_left(self.origins, offset)


@functools.lru_cache(maxsize=16)
def plain(text: str) -> Plain:
    """The plain copy of ``text`` (cached: `draft` runs every extractor over the same text)."""
    if text.isascii():
        return Plain(text, text, tuple(range(len(text))))
    pieces: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        if char.isascii():
            pieces.append(char)
            origins.append(index)
            continue
        replacement = _plain_char(char)
        pieces.append(replacement)
        origins.extend([index] * len(replacement))
    return Plain(text, "".join(pieces), tuple(origins))


# Letters only Vietnamese writes (beyond the shared Latin ones): ă â đ ê ô ơ ư and the tone marks.
_VIETNAMESE_LETTERS = re.compile("[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")


def is_vietnamese(text: str) -> bool:
    """Whether ``text`` is written in Vietnamese with diacritics (by how many letters carry marks)."""
    sample = unicodedata.normalize("NFC", text[:5000])
    letters = sum(char.isalpha() for char in sample)
    return letters > 0 and len(_VIETNAMESE_LETTERS.findall(sample)) / letters > 0.05


# Words that end with a full stop without ending a sentence.
_ABBREVIATIONS = frozenset(
    {"no", "nos", "dr", "mr", "mrs", "ms", "prof", "assoc", "st", "vs", "gs", "pgs", "ts", "ths", "bs", "tp", "q"}
)
_BREAK = re.compile(
    r"""
      (?P<stop>[.!?…])["')\]]*(?=\s)      # a full stop, a question or an exclamation before a space
    | \n[ \t\u00a0]*\n                   # a blank line
    | (?P<line>\n)                       # a line break: a sentence ends only if it looks finished
    """,
    re.VERBOSE,
)
_WORD_BEFORE = re.compile(r"(\w+)$")


def sentences(text: str) -> tuple[Span, ...]:
    """The sentences of ``text`` as spans, surrounding white space excluded."""
    return _sentences(text)


@functools.lru_cache(maxsize=16)
def _sentences(text: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    start = 0
    for found in _BREAK.finditer(text):
        if found["stop"]:
            word = _WORD_BEFORE.search(text, max(0, found.start() - 8), found.start())
            if found["stop"] == "." and word and (word[1].casefold() in _ABBREVIATIONS or len(word[1]) == 1):
                continue
        elif found["line"] and not _line_ends(text, found.start()):
            continue
        _add(spans, text, start, found.end())
        start = found.end()
    _add(spans, text, start, len(text))
    return tuple(spans)


def _line_ends(text: str, newline: int) -> bool:
    """Whether a single line break ends a sentence: not when a hard-wrapped sentence runs on."""
    following = text[newline + 1 : newline + 40].lstrip()
    if not following or not following[0].islower():
        # A capital, a digit or a bullet starts a new line of its own (a heading, a list item).
        return True
    line_start = text.rfind("\n", 0, newline) + 1
    # A short line followed by lower case is still a heading or a caption; a long one is wrapped.
    return newline - line_start < 25


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def sentence_at(text: str, offset: int) -> Span:
    """The sentence holding ``offset`` (or the nearest one before it)."""
    spans = _sentences(text)
    index = bisect.bisect_right(spans, (offset, len(text) + 1)) - 1
    if index < 0:
        return spans[0] if spans else (0, len(text))
    return spans[index]


_WHITE = re.compile(r"\s")
_TOKEN_REACH = 300
"""How far a token is followed either side of a match: a web address is shorter, and the work stays linear."""


def token_around(text: str, start: int, end: int) -> str:
    """The white-space-delimited token holding ``text[start:end]`` (at most a few hundred characters each side)."""
    reach = max(0, start - _TOKEN_REACH)
    token_start = max(text.rfind(" ", reach, start), text.rfind("\n", reach, start), reach - 1) + 1
    following = _WHITE.search(text, end, end + _TOKEN_REACH)
    return text[token_start : following.start() if following else min(len(text), end + _TOKEN_REACH)]
