"""What the extractors return: frozen records, each with the exact span of text it came from."""

from __future__ import annotations

import attrs

from vnhealth._docnumber import DocumentNumber
from vnhealth._model import Official, Qualifier
from vnhealth._units import Unit

__all__ = ["Enumeration", "EnumerationItem", "NumberMention", "OfficialMention", "Quantity", "Span"]

Span = tuple[int, int]
"""Start and end offsets into the text: ``text[start:end]`` is what was found."""


@attrs.frozen(kw_only=True)
class NumberMention:
    """A document number as written: ``NumberMention(text="72 - NQ/TW", number=72-NQ/TW, ...)``."""

    text: str
    """The number as the text writes it; for a bare reference, the type word too (``"Resolution 72"``)."""
    span: Span
    number: DocumentNumber
    """The parsed number, printed in its canonical form."""
    kind_word: str | None = None
    """The type word written before the number (``"Resolution No."``, ``"Nghị quyết số"``), if any."""


@attrs.frozen(kw_only=True)
class OfficialMention:
    """A person named in the text, with the title written before (or after) the name."""

    text: str
    """The mention: the title written before the name, if any, and the name."""
    span: Span
    title: str | None
    """The title as written (``"General Secretary"``, ``"Bộ trưởng"``), or None."""
    official: Official | None
    """The known official this names, or None for a candidate new official."""
    name: str
    """The name as written (``"To Lam"``, ``"Lam"``, ``"Nguyễn Thế Anh"``)."""
    title_span: Span | None = None
    """Where the title is: inside ``span`` when written before the name, after it in an apposition."""


@attrs.frozen(kw_only=True)
class EnumerationItem:
    """One item of an enumerated list, from its marker ("Second,", "2.") to the next item."""

    ordinal: int
    text: str
    span: Span
    marker: str = ""
    """The words that number the item: ``"First,"``, ``"The second task is"``, ``"3."``."""

    @property
    def body(self) -> str:
        """The item without its marker."""
        return self.text[len(self.marker) :].strip()


@attrs.frozen(kw_only=True)
class Enumeration:
    """An enumerated list: its items in order, and the count the text announced for it."""

    items: tuple[EnumerationItem, ...]
    announced: int | None
    """The count announced before the list ("seven specific tasks" is 7), or None."""
    complete: bool
    """Whether the announced count was found: as many items as announced, numbered 1 to n."""
    span: Span
    announcement: str | None = None
    """The words that announced the count (``"seven specific tasks"``), or None."""


@attrs.frozen(kw_only=True)
class Quantity:
    """A reported number: ``Quantity(text="nearly 21 million", value=21e6, qualifier=NEARLY, ...)``."""

    text: str
    """The number with its qualifier and unit words as written."""
    span: Span
    value: float
    """The value in ``unit``: "21 million" is 21000000.0, "95,15%" is 95.15; a range's lower bound."""
    unit: Unit | None
    """The unit, or None where the text gives none we know (money, a bare number)."""
    qualifier: Qualifier = Qualifier.EXACT
    year: int | None = None
    """The year the sentence gives for the value ("In 2024, ..."), or None."""
    indicator: str | None = None
    """The id of the known indicator the value measures, or None."""
    value_max: float | None = None
    """A range's upper bound ("12–15%", "4-5 doctors", "từ 3 đến 5"), or None for a single value."""
    total: float | None = None
    """The whole a count is out of ("34/34 provinces" is 34 of 34), or None."""
