"""Searching records on whole Vietnamese syllables and phrases, diacritics ignored, best first.

Vietnamese writes one syllable per word ("y tế cơ sở" is four), so a word
of the query matches a whole syllable of the text, never a piece of one:
``"y"`` finds "y tế" but not "quy". A record found ranks in one of four tiers, then in
data order:

0. its id, document number or name is the query;
1. its name or title holds the query as a phrase (its words together, in order);
2. its text holds the query as a phrase;
3. its text holds every word of the query somewhere.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator, Sequence

import attrs

from vnhealth._docnumber import DocumentNumber
from vnhealth._errors import DocumentNumberError
from vnhealth._model import Source
from vnhealth._text import fold

__all__ = ["Entry", "entries", "holds_phrase", "rank", "words"]

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> tuple[str, ...]:
    """The folded syllables (and numbers) of ``text``: ``"Nghị quyết 72-NQ/TW"`` → nghi, quyet, 72, nq, tw.

    >>> words("Y tế cơ sở")
    ('y', 'te', 'co', 'so')
    """
    return tuple(_WORD.findall(fold(text)))


def holds_phrase(text: str, phrase: str) -> bool:
    """Whether ``text`` holds the words of ``phrase`` together, in order, as whole words (folded).

    >>> holds_phrase("units under the Ministry of Health", "ministry of health")
    True
    >>> holds_phrase("the health sector", "heal")
    False
    """
    wanted = words(phrase)
    return bool(wanted) and _padded(wanted) in _padded(words(text))


@attrs.frozen
class Entry:
    """A record as search sees it: its keys, its title's words and all its words, each padded by spaces."""

    record: object
    keys: frozenset[str]
    title: str
    text: str
    vocabulary: frozenset[str]


def entries(records: Iterable[object]) -> list[Entry]:
    """The search entry of every record, in data order."""
    found = []
    for record in records:
        title = _title(record)
        every = words(" ".join(_texts(record)))
        keys = {fold(title)}
        record_id = getattr(record, "id", None)
        if isinstance(record_id, str):
            keys.add(record_id)
        number = getattr(record, "number", None)
        if isinstance(number, DocumentNumber):
            keys.add(str(number))
        found.append(
            Entry(
                record=record,
                keys=frozenset(keys),
                title=_padded(words(title)),
                text=_padded(every),
                vocabulary=frozenset(every),
            )
        )
    return found


def rank(query: str, found: Sequence[Entry]) -> tuple[object, ...]:
    """The records of ``found`` that match ``query``, best first (see the module's tiers)."""
    wanted = words(query)
    if not wanted:
        return ()
    phrase = _padded(wanted)
    keys = {query.strip(), fold(query)}
    with contextlib.suppress(DocumentNumberError):  # a query that is a number is found by its canonical form
        keys.add(str(DocumentNumber.parse(query.strip())))
    tiers: list[tuple[int, int, object]] = []
    for position, entry in enumerate(found):
        if not all(word in entry.vocabulary for word in wanted):
            continue
        if entry.keys & keys:
            tier = 0
        elif phrase in entry.title:
            tier = 1
        elif phrase in entry.text:
            tier = 2
        else:
            tier = 3
        tiers.append((tier, position, entry.record))
    tiers.sort(key=lambda item: item[:2])
    return tuple(record for _, _, record in tiers)


def _padded(syllables: Sequence[str]) -> str:
    # Spaces either side, so that " y te " is found only as whole syllables.
    return " " + " ".join(syllables) + " "


def _title(record: object) -> str:
    for field in ("name", "title", "text"):
        value = getattr(record, field, None)
        if isinstance(value, str):
            return value
    return str(getattr(record, "id", ""))


def _texts(record: object) -> Iterator[str]:
    for field in attrs.fields(type(record)):  # type: ignore[arg-type]  # every record is an attrs class
        value = getattr(record, field.name)
        if field.name == "text" and isinstance(record, Source):
            continue  # whole articles would match everything
        if isinstance(value, str):
            yield value
        elif isinstance(value, DocumentNumber):
            yield str(value)
        elif field.name == "roles":
            yield from (role.title for role in value)
        elif field.name in {"citation", "citations"}:
            citations = value if isinstance(value, tuple) else (value,)
            yield from (citation.quote for citation in citations)
