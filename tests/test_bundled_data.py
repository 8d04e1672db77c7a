"""The bundled dataset, checked against the five articles it was built from.

These tests load the real data that ships with vnhealth (no mocks). Each one
states a rule of the data policy (docs/data.md) or a fact a reader can check
by opening the articles in ``src/vnhealth/data/sources/``.
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Iterator
from pathlib import Path

import attrs
import pendulum
import pytest

import vnhealth
from vnhealth import Citation, Dataset, Period, Status
from vnhealth._docnumber import NUMBER_PATTERN, DocumentNumber
from vnhealth._records import KINDS
from vnhealth._text import fold

ARTICLES = {
    "laodong-2026-02-24": "000_9edbfaee4d143954.txt",
    "vietnamvn-2025-02-24": "001_ebc563e3065e9390.txt",
    "vns-2025-03-19": "002_5a7247378cd6a04a.txt",
    "vna-2026-02-27": "003_a6c5b63db3e6dbc5.txt",
    "sggp-2026-01-21": "004_90d8ed0606e871df.txt",
}
"""The five articles, by source id and the file their text ships in."""


@pytest.fixture(scope="module")
def data() -> Dataset:
    return vnhealth.load()


@pytest.fixture(scope="module")
def articles(data: Dataset) -> dict[str, str]:
    """Each article's shipped text, by source id."""
    return {source_id: data.source(source_id).text or "" for source_id in ARTICLES}


def citations(data: Dataset) -> Iterator[tuple[str, Citation]]:
    """Every citation in the dataset, with the id of the record that carries it."""
    for official in data.officials:
        for role in official.roles:
            yield official.id, role.citation
    for resolution in data.resolutions:
        for citation in resolution.citations:
            yield resolution.id, citation
    for event in data.events:
        yield event.id, event.citation
    for directive in data.directives:
        yield directive.id, directive.citation
    for indicator in data.indicators:
        for citation in indicator.citations:
            yield indicator.id, citation
    for observation in data.observations:
        yield observation.indicator, observation.citation
    for target in data.targets:
        yield target.id, target.citation


# -- Sources and quotes ----------------------------------------------------------


def test_the_five_articles_ship_with_their_text(data: Dataset) -> None:
    folder = importlib.resources.files("vnhealth") / "data" / "sources"
    for source_id, file_name in ARTICLES.items():
        assert data.source(source_id).text == (folder / file_name).read_text("utf-8")


def test_an_articles_date_header_is_its_published_date(articles: dict[str, str], data: Dataset) -> None:
    # 002, 003 and 004 open with " date YYYY-MM-DD"; 000 and 001 have no header.
    for source_id, text in articles.items():
        header = re.match(r" date (\d{4}-\d{2}-\d{2})", text)
        if header:
            assert str(data.source(source_id).published) == header[1]


def test_reference_sources_are_cited_by_address_only(data: Dataset) -> None:
    for source in data.sources:
        if source.id not in ARTICLES:
            assert source.id.startswith("ref-")
            assert source.text is None
            assert source.url.startswith("http")


def test_every_quote_of_an_article_is_verbatim(data: Dataset, articles: dict[str, str]) -> None:
    for record_id, citation in citations(data):
        if citation.source in articles:
            assert citation.quote in articles[citation.source], (record_id, citation.quote)


def test_quotes_keep_the_articles_typos(data: Dataset) -> None:
    quotes = {citation.quote for _, citation in citations(data)}
    for typo in ("SOON complete", "adding that. every"):
        assert any(typo in quote for quote in quotes), typo


def test_every_source_is_cited(data: Dataset) -> None:
    cited = {citation.source for _, citation in citations(data)}
    assert cited == {source.id for source in data.sources}


def test_every_reference_resolves(data: Dataset) -> None:
    sources = {s.id for s in data.sources}
    officials = {o.id for o in data.officials}
    resolutions = {r.id for r in data.resolutions}
    events = {e.id for e in data.events}
    indicators = {i.id for i in data.indicators}
    assert all(citation.source in sources for _, citation in citations(data))
    for resolution in data.resolutions:
        assert set(resolution.implements) <= resolutions - {resolution.id}
    for event in data.events:
        assert set(event.officials) <= officials
    for directive in data.directives:
        assert directive.issued_by in officials
        assert directive.event is None or directive.event in events
        assert set(directive.resolutions) <= resolutions
    for observation in data.observations:
        assert observation.indicator in indicators
    for target in data.targets:
        assert target.indicator in indicators
        assert target.set_by in resolutions
    # The loader's own checks agree.
    assert data.problems() == ()


# -- Instruments ---------------------------------------------------------------------


def test_every_document_number_in_an_article_is_an_instrument(articles: dict[str, str], data: Dataset) -> None:
    numbers = {r.number for r in data.resolutions if r.number is not None}
    found = set()
    for text in articles.values():
        for match in NUMBER_PATTERN.finditer(text):
            number = DocumentNumber.from_match(match)
            if number is not None:
                found.add(number)
    assert {str(n) for n in found} == {"20-NQ/TW", "57-NQ/TW", "72-NQ/TW", "282/NQ-CP"}
    assert found <= numbers


def test_implementation_links(data: Dataset) -> None:
    assert [r.id for r in data.implementing("72-NQ/TW")] >= ["282-nq-cp"]
    assert data.resolution("282/NQ-CP").implements == ("72-nq-tw",)
    assert set(data.resolution("moh-2025-digital-transformation-plan").implements) == {"57-nq-tw", "03-nq-cp"}
    assert data.resolution("388/QĐ-TTg").implements == ("261-2025-qh15",)
    # Unnumbered instruments have no number, not an invented one.
    assert data.resolution("14th-congress-resolution").number is None
    assert data.resolution("law-on-population").number is None


# -- Officials -------------------------------------------------------------------------

NAMED_IN_ARTICLES = {
    "To Lam": "to-lam",
    "General Secretary Lam": "to-lam",
    "Pham Minh Chinh": "pham-minh-chinh",
    "Dao Hong Lan": "dao-hong-lan",
    "Đào Hồng Lan": "dao-hong-lan",
    "Le Minh Hung": "le-minh-hung",
    "Nguyen Trong Nghia": "nguyen-trong-nghia",
    "Le Hoai Trung": "le-hoai-trung",
    "Tran Quang Phuong": "tran-quang-phuong",
    "Le Thanh Long": "le-thanh-long",
    "Nguyen The Anh": "nguyen-the-anh",
}
"""Every person the articles name in office, as written there (checked by hand)."""


def test_people_the_articles_name_are_officials(articles: dict[str, str], data: Dataset) -> None:
    text = fold(" ".join(articles.values()))
    for written, official_id in NAMED_IN_ARTICLES.items():
        assert fold(written) in text, written
        assert data.official(written).id == official_id


def test_every_official_is_named_in_an_article(articles: dict[str, str], data: Dataset) -> None:
    text = fold(" ".join(articles.values()))
    for official in data.officials:
        forms = {fold(official.name)} | {fold(f"{role.title} {official.given_name}") for role in official.roles}
        assert any(form in text for form in forms), official.id
    assert {o.id for o in data.officials} == set(NAMED_IN_ARTICLES.values())


def test_historical_figures_are_not_officials(data: Dataset) -> None:
    # "President Ho Chi Minh" and "Uncle Ho" are quoted as authorities, not office holders.
    assert not any("ho chi minh" in fold(o.name) for o in data.officials)


def test_roles_from_an_article_are_dated_by_it(data: Dataset) -> None:
    for official in data.officials:
        assert official.roles, official.id
        for role in official.roles:
            if role.citation.source in ARTICLES:
                assert role.as_of == data.source(role.citation.source).published


def test_titles_on_the_days_of_the_articles(data: Dataset) -> None:
    assert data.official("to-lam").title_on("2025-02-24") == "General Secretary"
    assert data.official("pham-minh-chinh").title_on("2026-02-24") == "Prime Minister"
    assert data.official("nguyen-the-anh").title_on("2026-02-27") == "Director"
    assert "Minister of Health" in (data.official("dao-hong-lan").title_on("2025-02-24") or "")
    assert data.official("le-thanh-long").title_on("2026-03-07") == "Deputy Prime Minister"


# -- Directives and events --------------------------------------------------------------


def test_the_prime_ministers_six_key_contents(data: Dataset) -> None:
    six = [d for d in data.directives if d.issued_by == "pham-minh-chinh" and d.issued_on == pendulum.Date(2026, 2, 24)]
    assert sorted(d.ordinal or 0 for d in six) == [1, 2, 3, 4, 5, 6]
    assert {d.event for d in six} == {"2026-02-24-pm-meets-health-scientists"}
    first = next(d for d in six if d.ordinal == 1)
    assert set(first.resolutions) == {"14th-congress-resolution", "57-nq-tw", "72-nq-tw"}


def test_the_ministrys_plan_has_seven_tasks(data: Dataset) -> None:
    plan = [d for d in data.directives if "moh-2025-digital-transformation-plan" in d.resolutions]
    tasks = sorted((d for d in plan if d.ordinal is not None), key=lambda d: d.ordinal or 0)
    assert [d.ordinal for d in tasks] == [1, 2, 3, 4, 5, 6, 7]
    assert {d.issued_by for d in plan} == {"dao-hong-lan"}
    assert {d.issued_on for d in plan} == {pendulum.Date(2025, 3, 19)}
    assert tasks[-1].citation.quote.startswith("Finally")


def test_to_lams_2025_speech_is_split_into_unnumbered_directives(data: Dataset) -> None:
    speech = [d for d in data.directives if d.event == "2025-02-24-gs-to-lam-works-with-moh"]
    assert len(speech) > 10
    assert {d.issued_by for d in speech} == {"to-lam"}
    assert {d.ordinal for d in speech} == {None}


def test_ordinals_are_unique_within_a_list(data: Dataset) -> None:
    seen: set[tuple[str, pendulum.Date, int]] = set()
    for directive in data.directives:
        if directive.ordinal is not None:
            key = (directive.issued_by, directive.issued_on, directive.ordinal)
            assert key not in seen, directive.id
            seen.add(key)


def test_directives_are_dated_by_their_event_or_article(data: Dataset) -> None:
    for directive in data.directives:
        if directive.event is not None:
            assert directive.issued_on == data.event(directive.event).date
        else:
            assert directive.issued_on == data.source(directive.citation.source).published


def test_reported_actions_are_not_directives(data: Dataset) -> None:
    # docs/data.md: what was done or is being done is neither an instruction nor a commitment.
    for directive in data.directives:
        for report in ("has coordinated", "has registered", "is decisively developing", "remains a olitical task"):
            assert report not in directive.citation.quote, directive.id


def test_the_ministrys_commitment_for_2025_is_a_directive(data: Dataset) -> None:
    [focus] = [d for d in data.directives if d.citation.quote.startswith("The Ministry of Health will focus on")]
    assert focus.issued_by == "dao-hong-lan"
    assert focus.issued_on == pendulum.Date(2025, 3, 19)
    assert {vnhealth.Theme.SCIENCE_TECHNOLOGY, vnhealth.Theme.DIGITAL_HEALTH} <= focus.themes


def test_a_directives_text_stays_inside_its_quote(data: Dataset) -> None:
    [transfer] = [d for d in data.directives if d.id == "to-lam-2025-02-24-technique-transfer"]
    assert transfer.text.startswith("To reduce the overload")
    assert transfer.citation.quote.startswith("To reduce the overload")
    assert vnhealth.Theme.SCIENCE_TECHNOLOGY in transfer.themes


def test_event_attendees(data: Dataset) -> None:
    delegation = data.event("2025-02-24-gs-to-lam-works-with-moh")
    assert set(delegation.officials) >= {
        "to-lam",
        "le-minh-hung",
        "nguyen-trong-nghia",
        "le-hoai-trung",
        "tran-quang-phuong",
        "le-thanh-long",
    }
    assert "nguyen-the-anh" in data.event("2026-02-27-gs-to-lam-visits-huu-nghi-hospital").officials


# -- Indicators and targets -----------------------------------------------------------------


def test_the_articles_numbers(data: Dataset) -> None:
    def value(indicator: str, as_of: str) -> float:
        found = [o for o in data.observations if o.indicator == indicator and str(o.as_of) == as_of]
        assert len(found) == 1, (indicator, as_of)
        return found[0].value

    assert value("life_expectancy", "2025-02-24") == 74.7
    assert value("hospital_beds_per_10k", "2024") == 34
    assert value("doctors_per_10k", "2024") == 14
    assert value("nurses_per_10k", "2024") == 18
    assert value("pharmacists_per_10k", "2024") == 3.3
    assert value("private_hospitals", "2025-02-24") == 343
    assert value("private_hospital_bed_share", "2025-02-24") == 5.26
    assert value("electronic_health_book_coverage", "2025-02-24") == 16
    nearly = {o.indicator for o in data.observations if o.qualifier == vnhealth.Qualifier.NEARLY}
    assert nearly == {
        "health_insurance_card_accounts_integrated",
        "electronic_health_book_accounts",
        "electronic_health_book_coverage",
    }


def test_sources_that_disagree_are_both_kept(data: Dataset) -> None:
    def values(indicator: str, period: str) -> set[float]:
        return {o.value for o in data.observations if o.indicator == indicator and str(o.as_of) == period}

    assert values("life_expectancy", "2023") == {74.5, 73.7}  # Statistical Yearbook, statistics office
    assert values("infant_mortality", "2020") == {13.9, 12.1}  # population authority, Health Minister
    assert values("under5_mortality", "2011") == {16, 22}  # household survey, model estimate
    assert values("health_insurance_coverage", "2023") == {93.35, 93.2}  # Social Security, ministry


def test_every_target_with_no_data_is_named_in_the_data_policy() -> None:
    # The policy says why each one has no data; a target that loses its data, or a new one without, fails here.
    policy = (Path(__file__).parent.parent / "docs" / "data.md").read_text("utf-8")
    section = policy[policy.index("**Targets with no data.**") :].split("\n- ", 1)[0]
    named = set(re.findall(r"`([a-z0-9-]+)`", section))
    no_data = {gap.target.id for gap in vnhealth.gaps() if gap.status is Status.NO_DATA}
    assert no_data == named


def test_the_2026_insurance_target_follows_the_vietnamese_text(data: Dataset) -> None:
    target = data.target("72-nq-tw-health-insurance-2026")
    assert target.comparator is vnhealth.Comparator.AT_LEAST
    assert target.value == 95
    assert target.citation.quote.endswith("Tỷ lệ phủ bảo hiểm y tế đạt 95%.")


def test_issuers_and_sessions_follow_the_sources(data: Dataset) -> None:
    # "BCĐTW" in a number is not an attested issuer; the reference gives the 10th Session.
    assert data.resolution("02-KH/BCĐTW").issuer == ""
    quotes = " ".join(c.quote for c in data.resolution("law-on-population").citations)
    assert "10th Session" in quotes
    assert "14th session" not in quotes


def test_pharmacists_have_no_international_code(data: Dataset) -> None:
    assert data.indicator("pharmacists_per_10k").who_gho is None
    assert data.indicator("pharmacists_per_10k").wdi is None
    for indicator in data.indicators:
        if indicator.who_gho or indicator.wdi:
            assert indicator.citations, indicator.id


# "Many indicators have exceeded the requirements of Resolution No. 20-NQ/TW"
# (article 001): which 2025 targets the February 2025 figures meet.
MET_IN_FEBRUARY_2025 = {
    "doctors_per_10k": True,  # 14 against at least 10
    "hospital_beds_per_10k": True,  # 34 against at least 30
    "pharmacists_per_10k": True,  # 3.3 against at least 2.8
    "life_expectancy": True,  # 74.7 against about 74.5
    "nurses_per_10k": False,  # 18 against at least 25
    "private_hospital_bed_share": False,  # 5.26% against 10%
}


def test_the_20_nq_tw_comparison() -> None:
    gaps = {
        gap.target.indicator: gap
        for gap in vnhealth.gaps(as_of="2025-02-24")
        if gap.target.set_by == "20-nq-tw" and gap.target.deadline == Period.parse("2025")
    }
    for indicator, met in MET_IN_FEBRUARY_2025.items():
        gap = gaps[indicator]
        assert gap.observation is not None, indicator
        assert gap.met is met, indicator
        assert (gap.status is Status.MET) is met, indicator


def test_the_nurse_target_is_not_made_overdue_by_the_calendar() -> None:
    gap = vnhealth.indicator_gap("20-nq-tw-nurses-2025", as_of="2026-01-01")
    assert gap.observation is not None
    # The latest figure by then: "roughly 14-15 nurses per 10,000" (November 2025), a series of one value.
    assert gap.observation.value == 14
    assert gap.met is False
    # It is from before the end of 2025 and shows no trend: no new value, no new verdict.
    assert gap.status is Status.NO_TREND
    assert vnhealth.indicator_gap("20-nq-tw-nurses-2025", as_of="2030-01-01") == attrs.evolve(
        gap, as_of=pendulum.Date(2030, 1, 1)
    )


def test_the_electronic_health_book_gap() -> None:
    gap = vnhealth.indicator_gap("moh-2025-plan-electronic-health-book", as_of="2025-03-19")
    assert gap.target.value == 95
    assert gap.observation is not None
    assert gap.observation.value == 16
    assert gap.observation.qualifier == vnhealth.Qualifier.NEARLY
    assert gap.met is False


def test_targets_without_data_say_so() -> None:
    gap = vnhealth.indicator_gap("20-nq-tw-adult-obesity-2025", as_of="2025-02-24")
    assert gap.observation is None
    assert gap.met is None
    assert gap.status is Status.NO_DATA


# -- The files -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["x.json", "x.toml"])
def test_the_dataset_dumps_and_reloads_unchanged(data: Dataset, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    data.dump(path)
    assert vnhealth.load(path) == data


def test_the_data_version_and_changelog(data: Dataset) -> None:
    folder = importlib.resources.files("vnhealth") / "data"
    version = (folder / "DATA_VERSION").read_text("utf-8").strip()
    assert vnhealth.data_version() == version
    changes = (folder / "CHANGES.md").read_text("utf-8")
    first = re.search(r"^## \[(\d[^\]]*)\]", changes, re.MULTILINE)
    assert first is not None
    assert first[1] == version
    # The counts the changelog states are the counts of the data.
    entry = changes[first.end() :].split("\n## ", 1)[0]
    stated = {kind: int(count) for count, kind in re.findall(r"^- (\d+) (\w+)", entry, re.MULTILINE)}
    assert stated == {kind: len(getattr(data, kind)) for kind in stated}
    assert set(stated) == set(KINDS)
