"""Putting the extractors together: a draft `Dataset` of candidate records for a curator to review."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from vnhealth._bundled import bundled
from vnhealth._dataset import Dataset
from vnhealth._dates import Period
from vnhealth._docnumber import DocumentNumber
from vnhealth._errors import InvalidInput, NotFound
from vnhealth._model import (
    Citation,
    Comparator,
    Directive,
    InstrumentKind,
    Observation,
    Official,
    Qualifier,
    Resolution,
    Role,
    Source,
    Target,
    Theme,
)
from vnhealth._text import fold, slug
from vnhealth.extract._enumeration import enumeration
from vnhealth.extract._mentions import Enumeration, NumberMention, OfficialMention, Quantity, Span
from vnhealth.extract._numbers import document_numbers
from vnhealth.extract._officials import officials
from vnhealth.extract._quantities import quantities
from vnhealth.extract._scan import checked_text, checked_type, plain, sentence_at

__all__ = ["draft"]

_THEMES: dict[Theme, str] = {
    Theme.DIGITAL_HEALTH: (
        r"digital|electronic|artificial intelligence|\bai\b|big data|software|online|so hoa|chuyen doi so|dien tu"
    ),
    Theme.HUMAN_RESOURCES: r"human resource|workforce|training|train\b|salar|allowance|staff|nhan luc|dao tao",
    Theme.GRASSROOTS_CARE: r"grassroots|commune|primary health|district health|co so|tram y te|cap xa",
    Theme.PREVENTION: r"prevent|vaccin|immuni|public health|hygiene|phong benh|du phong|tiem chung",
    Theme.INSTITUTIONS: r"institution|legal|law|regulation|polic|mechanism|the che|phap luat|chinh sach",
    Theme.FINANCING: r"insurance|financ|fund|budget|resource|bao hiem|tai chinh|ngan sach",
    Theme.PRIVATE_SECTOR: r"private|business|enterprise|public-private|tu nhan|doanh nghiep",
    Theme.PHARMA_AND_EQUIPMENT: r"pharma|drug|medicine supply|vaccine|equipment|bidding|duoc|thiet bi|thuoc",
    Theme.TRADITIONAL_MEDICINE: r"traditional medicine|oriental medicine|herbal|y hoc co truyen|duoc lieu",
    Theme.SCIENCE_TECHNOLOGY: r"scien|research|technolog|innovat|khoa hoc|cong nghe|nghien cuu",
    Theme.INTERNATIONAL_COOPERATION: r"international|foreign|global|quoc te",
    Theme.ETHICS_AND_QUALITY: r"ethic|quality|dignity|y duc|chat luong",
    Theme.INFRASTRUCTURE: r"infrastructure|facilit|hospital bed|co so vat chat|ha tang",
    Theme.ACCESS_AND_EQUITY: r"equit|access|disadvantaged|remote|no one left|universal|cong bang|tiep can",
}
_THEME_PATTERNS = {theme: re.compile(pattern) for theme, pattern in _THEMES.items()}
_KINDS: dict[str | None, InstrumentKind] = {
    "NQ": InstrumentKind.GOVERNMENT_RESOLUTION,
    "QĐ": InstrumentKind.DECISION,
    "CT": InstrumentKind.DIRECTIVE,
    "NĐ": InstrumentKind.DECREE,
    "TT": InstrumentKind.CIRCULAR,
    "TTLT": InstrumentKind.CIRCULAR,
    "KH": InstrumentKind.ACTION_PLAN,
    "CTr": InstrumentKind.PROGRAMME,
    "KL": InstrumentKind.OTHER,
}
_PARTY_KINDS = {
    "NQ": InstrumentKind.PARTY_RESOLUTION,
    "KL": InstrumentKind.PARTY_CONCLUSION,
    "CT": InstrumentKind.PARTY_DIRECTIVE,
    "KH": InstrumentKind.ACTION_PLAN,
}
_COMPARATORS = {
    Qualifier.AT_LEAST: Comparator.AT_LEAST,
    Qualifier.AT_MOST: Comparator.AT_MOST,
    Qualifier.OVER: Comparator.MORE_THAN,
    Qualifier.UNDER: Comparator.LESS_THAN,
}
_TARGET_WORDS = re.compile(
    r"(?i:target|\baim|strive|goal|objective|\bby\s+(?:19|20)\d\d|muc tieu|phan dau|den nam|chi tieu|will reach|"
    r"to reach|expected to)"
)
_TITLE_AFTER_NUMBER = re.compile(
    r"^[ \t\u00a0]*(?:\(?(?i:dated|ngay)[^,;()]{0,40}\)?,?[ \t\u00a0]*)?(?P<about>(?i:on|about|ve))[ \t\u00a0]+"
    r"(?P<title>[^,.;()\n]{8,160})"
)
_ADDRESSEE = re.compile(
    r"(?i:(?:requested|asked|urged|directed|called\s+on|tasked|required|yeu\s+cau|de\s+nghi)\s+"
    r"(?P<addressee>(?:the\s+)?[^,.;:\n]{3,80}?)\s+(?:to|phai|can)\b)"
)


def draft(text: str, *, source: Source, dataset: Dataset | None = None) -> Dataset:
    """A draft dataset of the records ``text`` holds, for a curator to review and save.

    The draft holds ``source`` (with ``text`` set), candidate records for the
    instruments and people the data does not know yet, one directive per item
    of each enumerated list, and an observation (or, where the sentence sets
    a goal for a later year, a target) for each value linked to a known
    indicator. Records the data already holds are referred to by id, not
    copied, so on its own the draft's `Dataset.problems` lists those ids as
    unknown; ``dataset.merge(draft(...)).problems()`` is empty unless the
    draft repeats an id. Every citation quotes an exact span of ``text``.
    """
    checked_text(text, "draft")
    given: object = source  # callers from untyped code pass anything
    if not isinstance(given, Source):
        msg = f"vnhealth.extract.draft: source must be a vnhealth.Source, not {type(given).__name__}"
        raise InvalidInput(msg)
    checked_type(dataset, Dataset, "dataset", "draft")
    data = dataset if dataset is not None else _bundled()
    written = attrs.evolve(source, text=text)
    builder = _Builder(text=text, source=written, data=data)
    numbers = document_numbers(text, data)
    people = officials(text, data)
    resolutions = builder.resolutions(numbers)
    new_people = builder.officials(people)
    directives = builder.directives(enumeration(text), people, numbers)
    observations, targets = builder.values(quantities(text, data), numbers)
    # Through a dict: mypy's attrs plugin cannot type the fields' tuple converters.
    records: dict[str, Any] = {
        "sources": (written,),
        "officials": new_people,
        "resolutions": resolutions,
        "directives": directives,
        "observations": observations,
        "targets": targets,
    }
    return Dataset(**records)


def _bundled() -> Dataset:
    return bundled()


@attrs.define
class _Builder:
    text: str
    source: Source
    data: Dataset
    numbered: dict[DocumentNumber, str] = attrs.field(factory=dict)
    """The id of every instrument mentioned, known or new."""

    @property
    def published(self) -> pendulum.Date:
        return self.source.published

    def cite(self, span: Span) -> Citation:
        return Citation(source=self.source.id, quote=self.text[span[0] : span[1]])

    def sentence(self, span: Span) -> Span:
        start = sentence_at(self.text, span[0])[0]
        end = sentence_at(self.text, max(span[0], span[1] - 1))[1]
        return min(start, span[0]), max(end, span[1])

    # -- instruments --------------------------------------------------------------

    def resolutions(self, numbers: Iterable[NumberMention]) -> tuple[Resolution, ...]:
        new: dict[str, Resolution] = {}
        for mention in numbers:
            if mention.number in self.numbered:
                continue
            try:
                self.numbered[mention.number] = self.data.resolution(mention.number).id
                continue
            except NotFound:
                pass
            record_id = slug(str(mention.number))
            self.numbered[mention.number] = record_id
            new[record_id] = Resolution(
                id=record_id,
                number=mention.number,
                title=self._title(mention),
                kind=_kind(mention),
                issuer=mention.number.issuer_name or "-".join(mention.number.issuer),
                citations=(self.cite(self.sentence(mention.span)),),
            )
        return tuple(new.values())

    def _title(self, mention: NumberMention) -> str:
        name = (mention.number.type_name or "document").capitalize()
        window = plain(self.text[mention.span[1] : mention.span[1] + 200])
        about = _TITLE_AFTER_NUMBER.match(window.text)
        if about is not None:
            start, end = window.span(about.start("title"), about.end("title"))
            return f"{name} {mention.number} on {' '.join(window.original[start:end].split())}"
        return f"{name} {mention.number}"

    # -- people -----------------------------------------------------------------

    def officials(self, people: Iterable[OfficialMention]) -> tuple[Official, ...]:
        known_ids = {official.id for official in self.data.officials}
        new: dict[str, Official] = {}
        for mention in people:
            if mention.official is not None or len(mention.name.split()) < 2:
                continue
            name = " ".join(unicodedata.normalize("NFC", mention.name).split())
            record_id = slug(name)
            if record_id in known_ids:
                continue
            roles = new[record_id].roles if record_id in new else ()
            if mention.title and mention.title_span and all(role.title != mention.title for role in roles):
                quote = (min(mention.span[0], mention.title_span[0]), max(mention.span[1], mention.title_span[1]))
                role = Role(
                    title=" ".join(mention.title.split()),
                    organization="",
                    as_of=self.published,
                    citation=self.cite(quote),
                )
                roles = (*roles, role)
            new[record_id] = Official(id=record_id, name=name, roles=roles)
        return tuple(new.values())

    def _person_id(self, mention: OfficialMention) -> str:
        if mention.official is not None:
            return mention.official.id
        return slug(" ".join(unicodedata.normalize("NFC", mention.name).split()))

    # -- directives -------------------------------------------------------------

    def directives(
        self, lists: Iterable[Enumeration], people: tuple[OfficialMention, ...], numbers: tuple[NumberMention, ...]
    ) -> tuple[Directive, ...]:
        found = [listed for listed in lists if listed.items]
        directives = []
        for position, listed in enumerate(found, start=1):
            issuer = self._issuer(listed, people)
            addressee = self._addressee(listed)
            prefix = f"{issuer}-{self.published}" + (f"-{position}" if len(found) > 1 else "")
            for item in listed.items:
                inside = _within(numbers, item.span)
                directives.append(
                    Directive(
                        id=f"{prefix}-{item.ordinal}",
                        text=_statement(item.body) or item.text.strip(),
                        issued_by=issuer,
                        issued_on=self.published,
                        addressee=addressee,
                        themes=_themes(item.text),
                        resolutions=tuple(dict.fromkeys(self.numbered[m.number] for m in inside)),
                        ordinal=item.ordinal,
                        citation=self.cite(item.span),
                    )
                )
        return tuple(directives)

    def _issuer(self, listed: Enumeration, people: tuple[OfficialMention, ...]) -> str:
        start = listed.span[0]
        index = bisect.bisect_right(people, start, key=lambda mention: mention.span[1]) - 1
        last_before = people[index] if index >= 0 else None
        nearest = last_before if last_before is not None else (people[0] if people else None)
        # "The Prime Minister requested ...": a title alone after the last name, held by one known official.
        lead_start = max(start - 400, last_before.span[1] if last_before is not None else 0)
        lead = fold(self.text[lead_start:start])
        holders = {
            official.id
            for official in self.data.officials
            for title in (official.title_on(self.published) or "").split("; ")
            if title and re.search(rf"\b{re.escape(fold(title))}\b", lead)
        }
        if len(holders) == 1:
            return holders.pop()
        if nearest is not None:
            return self._person_id(nearest)
        return "unknown"

    def _addressee(self, listed: Enumeration) -> str:
        start = listed.span[0]
        lead = plain(self.text[max(0, start - 300) : start])
        requests = list(_ADDRESSEE.finditer(lead.text))
        if not requests:
            return ""
        found = requests[-1]
        first, last = lead.span(found.start("addressee"), found.end("addressee"))
        return " ".join(lead.original[first:last].split())

    # -- values -----------------------------------------------------------------

    def values(
        self, values: Iterable[Quantity], numbers: tuple[NumberMention, ...]
    ) -> tuple[tuple[Observation, ...], tuple[Target, ...]]:
        observations: list[Observation] = []
        targets: list[Target] = []
        for value in values:
            if value.indicator is None or value.unit is None:
                continue
            sentence = self.sentence(value.span)
            goal = _TARGET_WORDS.search(fold(self.text[sentence[0] : sentence[1]])) is not None
            if value.year is not None and (
                value.year > self.published.year or (goal and value.year >= self.published.year)
            ):
                set_by = self._setter(sentence, numbers)
                if set_by is None:
                    continue
                targets.append(
                    Target(
                        id=f"{set_by}-{value.indicator}-{value.year}-{len(targets) + 1}",
                        indicator=value.indicator,
                        value=value.value,
                        unit=value.unit,
                        comparator=_COMPARATORS.get(value.qualifier, Comparator.ABOUT),
                        deadline=Period(year=value.year),
                        set_by=set_by,
                        citation=self.cite(sentence),
                    )
                )
                continue
            observations.append(
                Observation(
                    indicator=value.indicator,
                    value=value.value,
                    unit=value.unit,
                    # A value the article states without a year is as of the article's date.
                    as_of=Period(year=value.year) if value.year is not None else Period.of(self.published),
                    qualifier=value.qualifier,
                    citation=self.cite(sentence),
                )
            )
        return tuple(observations), tuple(targets)

    def _setter(self, sentence: Span, numbers: tuple[NumberMention, ...]) -> str | None:
        inside = _within(numbers, sentence)
        # Mentions come in document order and never overlap: the last to start before the sentence ends before it.
        index = bisect.bisect_left(numbers, sentence[0], key=lambda mention: mention.span[0]) - 1
        before = numbers[index] if index >= 0 and numbers[index].span[1] <= sentence[0] else None
        chosen = inside[0] if inside else before
        return self.numbered.get(chosen.number) if chosen is not None else None


def _within(numbers: tuple[NumberMention, ...], span: Span) -> list[NumberMention]:
    """The mentions (in document order) that start inside ``span``, found by bisection."""
    first = bisect.bisect_left(numbers, span[0], key=lambda mention: mention.span[0])
    last = bisect.bisect_left(numbers, span[1], key=lambda mention: mention.span[0])
    return list(numbers[first:last])


def _kind(mention: NumberMention) -> InstrumentKind:
    number = mention.number
    if number.type_code is None:
        if number.type_name == "law or resolution":
            word = fold(mention.kind_word or "")
            return (
                InstrumentKind.LAW if "law" in word or "luat" in word else InstrumentKind.NATIONAL_ASSEMBLY_RESOLUTION
            )
        return InstrumentKind.OTHER
    if number.party:
        return _PARTY_KINDS.get(number.type_code, InstrumentKind.OTHER)
    return _KINDS.get(number.type_code, InstrumentKind.OTHER)


def _statement(body: str) -> str:
    """The item's first sentence, as a statement: "continue to improve ..." → "Continue to improve ..."."""
    body = re.sub(r"^(?:(?:is|are|was)\s+(?:to\s+)?|to\s+)(?=\w)", "", body.strip(" ,:-"), flags=re.IGNORECASE)
    first = re.split(r"(?<=[.!?])\s+", " ".join(body.split()), maxsplit=1)[0]
    first = first[:400].rstrip()
    return first[:1].upper() + first[1:]


def _themes(text: str) -> frozenset[Theme]:
    folded = fold(text)
    return frozenset(theme for theme, pattern in _THEME_PATTERNS.items() if pattern.search(folded))
