"""One leniency for every query and the CLI: themes, dates, indicators, instruments and titles."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import vnhealth
from vnhealth import InvalidDate, NotFound, Status, Theme
from vnhealth._lenient import bound, short_reference, status, theme, theme_label

DATA = vnhealth.load()


@given(st.sampled_from(list(Theme)), st.sampled_from([str, str.upper, str.title]), st.sampled_from(["_", " ", "-"]))
def test_a_theme_by_value_label_or_slug(value: Theme, case: object, separator: str) -> None:
    written = case(value.value.replace("_", separator))  # type: ignore[operator]
    assert theme(written) is value
    assert theme(theme_label(value)) is value


@given(st.sampled_from(list(Status)), st.sampled_from(["_", " ", "-"]))
def test_a_status_by_its_words(value: Status, separator: str) -> None:
    assert status(value.value.replace(" ", separator).upper()) is value


@given(st.integers(min_value=1900, max_value=2100))
def test_a_year_is_its_iso_period(year: int) -> None:
    for start in (True, False):
        assert bound(year, start=start) == bound(str(year), start=start)
    assert bound(year, start=True) == dt.date(year, 1, 1)
    assert bound(year, start=False) == dt.date(year, 12, 31)


@pytest.mark.parametrize("bad", [True, 2025.0, [2025]])
def test_other_date_types_are_refused(bad: object) -> None:
    with pytest.raises(InvalidDate):
        bound(bad, start=True)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [5, None, "astrology", "   "])
def test_unknown_themes_and_statuses_name_the_known_ones(bad: object) -> None:
    with pytest.raises(NotFound, match="the themes are digital_health"):
        theme(bad)  # type: ignore[arg-type]
    with pytest.raises(NotFound, match="the statuses are met, on track"):
        status(bad)  # type: ignore[arg-type]


def test_a_short_reference_to_no_instrument_is_none() -> None:
    assert short_reference("Resolution 9999", DATA.resolutions) is None
    assert short_reference("72 nq tw extra words", DATA.resolutions) is None


def test_python_takes_what_the_cli_takes() -> None:
    expected = vnhealth.directives_by("To Lam", theme=Theme.DIGITAL_HEALTH, since="2025")
    assert expected
    assert vnhealth.directives_by("To Lam", theme="Digital Health", since=2025) == expected
    assert vnhealth.directives_by("To Lam", theme="digital-health", since=dt.date(2025, 1, 1)) == expected
    assert vnhealth.latest("doctors_per_10k", as_of=2024) == vnhealth.latest("doctors_per_10k", as_of="2024-12-31")


@pytest.mark.parametrize("indicator", list(DATA.indicators))
def test_an_indicator_by_id_name_or_international_code(indicator: vnhealth.Indicator) -> None:
    assert vnhealth.indicator(indicator.id) is indicator
    assert vnhealth.indicator(indicator.name.upper()) is indicator
    for code in (indicator.wdi, indicator.who_gho):
        if code is not None:
            assert vnhealth.indicator(code) is indicator
            assert vnhealth.indicator(code.lower()) is indicator


def test_the_wdi_code_of_physicians() -> None:
    assert vnhealth.indicator("SH.MED.PHYS.ZS").id == "doctors_per_10k"
    with pytest.raises(NotFound):
        vnhealth.indicator("SH.XXX")


@pytest.mark.parametrize("reference", ["Resolution 72", "Nghị quyết 72", "nghi quyet so 72", "NQ 72", "72", "No. 72"])
def test_short_references_to_an_instrument(reference: str) -> None:
    assert vnhealth.resolution(reference).id == "72-nq-tw"
    assert vnhealth.targets(set_by=reference) == vnhealth.targets(set_by="72-NQ/TW")


def test_a_short_reference_to_several_instruments_lists_them() -> None:
    party = vnhealth.resolution("72-NQ/TW")
    government = attrs.evolve(party, id="72-nq-cp", number=vnhealth.DocumentNumber.parse("72/NQ-CP"))
    data = vnhealth.Dataset.of(DATA).merge(vnhealth.Dataset(resolutions=(government,)))
    with pytest.raises(NotFound, match="give the full number") as raised:
        data.resolution("Resolution 72")
    assert set(raised.value.suggestions) == {"72-NQ/TW", "72/NQ-CP"}
    assert data.resolution("72/NQ-CP") is government  # the full number still tells them apart


def test_a_short_reference_of_another_kind_is_not_a_resolution() -> None:
    assert short_reference("Decision 72", DATA.resolutions) is None
    assert short_reference("Bach Mai", DATA.resolutions) is None
    with pytest.raises(NotFound, match="no instrument"):
        vnhealth.resolution("Decision 72")


@given(st.sampled_from([r for r in DATA.resolutions if r.number is not None]))
def test_every_form_of_a_number_reaches_its_instrument_everywhere(resolution: vnhealth.Resolution) -> None:
    for form in (str(resolution.number), resolution.id, resolution.number):
        assert vnhealth.resolution(form) is resolution  # type: ignore[arg-type]
        assert vnhealth.gaps(set_by=form) == vnhealth.gaps(set_by=resolution)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "person", "attested"),
    [
        ("PM Lam", "Tô Lâm", "General Secretary"),
        ("Prime Minister Lan", "Đào Hồng Lan", "Minister of Health"),
        ("Deputy PM Chinh", "Phạm Minh Chính", "Prime Minister"),
        ("Thủ tướng Lâm", "Tô Lâm", "State President"),
    ],
)
def test_a_title_nobody_of_that_name_held_is_not_found(query: str, person: str, attested: str) -> None:
    with pytest.raises(NotFound, match="no one of that name is on record with that title") as raised:
        vnhealth.official(query)
    assert person in str(raised.value)
    assert attested in str(raised.value)


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("PM Chinh", "Phạm Minh Chính"),
        ("Thủ tướng Phạm Minh Chính", "Phạm Minh Chính"),
        ("General Secretary To Lam", "Tô Lâm"),
        ("President To Lam", "Tô Lâm"),
        ("Minister Lan", "Đào Hồng Lan"),
        ("Health Minister Dao Hong Lan", "Đào Hồng Lan"),
        ("Dr Lan", "Đào Hồng Lan"),
        ("Comrade To Lam", "Tô Lâm"),
    ],
)
def test_titles_that_fit_a_role_on_record(query: str, name: str) -> None:
    assert vnhealth.official(query).name == name


@given(st.sampled_from([official for official in DATA.officials if official.roles]))
def test_every_attested_title_finds_its_holder(official: vnhealth.Official) -> None:
    for role in official.roles:
        assert vnhealth.official(f"{role.title} {official.name}") is official


def test_directives_across_officials() -> None:
    every = vnhealth.directives()
    assert len(every) == len(DATA.directives)
    assert [d.issued_on for d in every] == sorted(d.issued_on for d in every)
    to_ministry = vnhealth.directives(addressee="Ministry of Health")
    assert to_ministry
    assert all("ministry of health" in vnhealth.fold(d.addressee) for d in to_ministry)
    assert {d.addressee for d in to_ministry} > {"Ministry of Health"}  # "units under the Ministry of Health" too
    assert not vnhealth.directives(addressee="Ministry of Heal")
    mine = vnhealth.directives(by="To Lam", theme="Digital Health", since=2025, until="2026")
    assert mine == vnhealth.directives_by("To Lam", theme="digital_health", since="2025", until="2026")
    under = vnhealth.directives(resolution="Resolution 72")
    assert under
    assert all("72-nq-tw" in d.resolutions for d in under)
    assert vnhealth.load().directives_where(resolution="72-NQ/TW") == under


def test_gap_filters() -> None:
    of_72 = vnhealth.gaps(set_by="72-NQ/TW")
    assert of_72
    assert {gap.target.set_by for gap in of_72} == {"72-nq-tw"}
    assert of_72 == vnhealth.gaps(set_by="Resolution 72")
    off_track = vnhealth.gaps(set_by="72-NQ/TW", status="off track")
    assert off_track
    assert all(gap.status is Status.OFF_TRACK for gap in off_track)
    assert set(off_track) <= set(of_72)
    doctors = vnhealth.gaps(indicator="SH.MED.PHYS.ZS")
    assert doctors
    assert {gap.indicator.id for gap in doctors} == {"doctors_per_10k"}
    assert vnhealth.gaps(as_of=2020) == vnhealth.gaps(as_of="2020-12-31")
    with pytest.raises(NotFound, match="no status"):
        vnhealth.gaps(status="late")
    with pytest.raises(InvalidDate):
        vnhealth.gaps(indicator="doctors_per_10k", status="met", as_of="yesterday")
