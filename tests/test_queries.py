"""The queries: examples on the bundled data that read as documentation, and brute-force oracles."""

from __future__ import annotations

import datetime as dt
import pickle

import attrs
import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import vnhealth
from vnhealth import (
    Dataset,
    Directive,
    DocumentNumber,
    NotFound,
    Official,
    Period,
    Results,
    Target,
    Theme,
)
from vnhealth import strategies as vs
from vnhealth._names import strip_titles
from vnhealth._records import KINDS, RECORD_TYPES, Records
from vnhealth._text import fold

# -- the bundled data, as a user meets it --------------------------------------------------


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("PM Chinh", "Phạm Minh Chính"),
        ("Prime Minister Pham Minh Chinh", "Phạm Minh Chính"),
        ("General Secretary To Lam", "Tô Lâm"),
        ("Party General Secretary Tô Lâm", "Tô Lâm"),
        ("to lam", "Tô Lâm"),
        ("TÔ LÂM", "Tô Lâm"),
        ("to-lam", "Tô Lâm"),
        ("Minister Lan", "Đào Hồng Lan"),
        ("Bộ trưởng Bộ Y tế Đào Hồng Lan", "Đào Hồng Lan"),
        ("Dao Hong Lan", "Đào Hồng Lan"),
        ("Hong Lan", "Đào Hồng Lan"),
        ("Deputy Prime Minister Le Thanh Long", "Lê Thành Long"),
        ("Mr. Le Minh Hung", "Lê Minh Hưng"),
    ],
)
def test_an_official_by_any_way_of_writing_the_name(query: str, name: str) -> None:
    assert vnhealth.official(query).name == name


def test_an_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(NotFound) as raised:
        vnhealth.official("To Lamm")
    assert "Tô Lâm" in raised.value.suggestions
    assert isinstance(raised.value, LookupError)
    with pytest.raises(NotFound, match="no official named"):
        vnhealth.official("General Secretary")  # a title and no name
    with pytest.raises(vnhealth.InvalidInput, match="named by text"):
        vnhealth.official(42)  # type: ignore[arg-type]


def test_an_official_record_finds_itself() -> None:
    lam = vnhealth.official("To Lam")
    assert vnhealth.official(lam) is lam
    stranger = Official(id="nobody", name="Nguyễn Văn A")
    with pytest.raises(NotFound, match="no official with id 'nobody'"):
        vnhealth.load().official(stranger)


def test_directives_by_an_official_are_chronological_then_by_ordinal() -> None:
    chinh = vnhealth.directives_by("PM Chinh")
    assert [d.ordinal for d in chinh] == [1, 2, 3, 4, 5, 6]  # the "six key contents"
    assert all(d.issued_by == "pham-minh-chinh" for d in chinh)
    lan = vnhealth.directives_by("Minister Lan")
    assert [d.issued_on for d in lan] == sorted(d.issued_on for d in lan)
    first_day = [d for d in lan if d.issued_on == lan[0].issued_on]
    numbered = [d.ordinal for d in first_day if d.ordinal is not None]
    assert numbered == sorted(numbered)
    assert first_day[-1].ordinal is None  # unnumbered directives of a day come after the numbered ones


def test_directives_by_period_and_theme() -> None:
    since_2026 = vnhealth.directives_by("To Lam", since="2026")
    assert since_2026
    assert {d.issued_on.year for d in since_2026} == {2026}
    until_2025 = vnhealth.directives_by("To Lam", until="2025")
    assert len(since_2026) + len(until_2025) == len(vnhealth.directives_by("To Lam"))
    assert vnhealth.directives_by("To Lam", since=dt.date(2026, 1, 1)) == since_2026
    assert vnhealth.directives_by("To Lam", since=pendulum.Date(2026, 1, 1), until="2026-12-31") == since_2026
    assert vnhealth.directives_by("To Lam", since="2025-02-25", until="2026-02-26") == ()
    digital = vnhealth.directives_by("To Lam", theme="digital_health")
    assert digital
    assert all(Theme.DIGITAL_HEALTH in d.themes for d in digital)
    assert vnhealth.directives_by("To Lam", theme=Theme.DIGITAL_HEALTH) == digital
    with pytest.raises(NotFound, match="no theme 'health'; the themes are digital_health"):
        vnhealth.directives_by("To Lam", theme="health")


def test_a_resolution_by_any_form_of_its_number() -> None:
    seventy_two = vnhealth.resolution("72-NQ/TW")
    assert seventy_two.number == DocumentNumber.parse("72-NQ/TW")
    for form in ("Nghị quyết số 72-NQ/TW", "Resolution No. 72 - NQ/TW", "72/NQ-TW", "72-nq-tw"):
        assert vnhealth.resolution(form) is seventy_two
    assert vnhealth.resolution(DocumentNumber.parse("72-NQ/TW")) is seventy_two
    assert vnhealth.resolution(seventy_two) is seventy_two
    assert vnhealth.resolution("388/QD-TTg").number == DocumentNumber.parse("388/QĐ-TTg")
    congress = vnhealth.resolution("14th-congress-resolution")
    assert congress.number is None
    assert vnhealth.resolution(congress.title.upper()) is congress  # by title, any case


def test_an_unknown_resolution_suggests_numbers() -> None:
    with pytest.raises(NotFound) as raised:
        vnhealth.resolution("73-NQ/TW")
    assert "72-NQ/TW" in raised.value.suggestions
    with pytest.raises(NotFound):
        vnhealth.resolution("not a resolution at all")


def test_what_implements_a_resolution() -> None:
    implementing = vnhealth.implementing("72-NQ/TW")
    assert isinstance(implementing, Results)
    numbers = {str(r.number) for r in implementing if r.number is not None}
    assert {"282/NQ-CP", "114/2025/QH15"} <= numbers
    assert all("72-nq-tw" in r.implements for r in implementing)
    assert vnhealth.implementing("282/NQ-CP") == ()


def test_indicators_observations_and_the_latest_value() -> None:
    doctors = vnhealth.indicator("doctors_per_10k")
    assert vnhealth.indicator("Doctors per 10,000 people") is doctors
    assert vnhealth.indicator(doctors) is doctors
    history = vnhealth.observations("doctors_per_10k")
    assert [o.as_of for o in history] == sorted(o.as_of for o in history)
    assert vnhealth.latest("doctors_per_10k") == history[-1]
    # Known at a date: only observations whose period had ended by then.
    earlier = vnhealth.latest("doctors_per_10k", as_of="2024-06-30")
    assert earlier is not None
    assert earlier.as_of.end <= pendulum.Date(2024, 6, 30)
    assert vnhealth.latest("doctors_per_10k", as_of=dt.date(1990, 1, 1)) is None
    with pytest.raises(NotFound, match="no indicator with id 'doctors'"):
        vnhealth.indicator("doctors")


def test_targets_by_indicator_and_instrument() -> None:
    everything = vnhealth.targets()
    assert everything == tuple(vnhealth.load().targets)
    doctors = vnhealth.targets(indicator="doctors_per_10k")
    assert doctors
    assert {t.indicator for t in doctors} == {"doctors_per_10k"}
    by_72 = vnhealth.targets(set_by="Nghị quyết 72-NQ/TW")
    assert by_72
    assert {t.set_by for t in by_72} == {"72-nq-tw"}
    assert vnhealth.targets(indicator="doctors_per_10k", set_by="72-NQ/TW") == tuple(
        t for t in by_72 if t.indicator == "doctors_per_10k"
    )
    assert vnhealth.target(doctors[0].id) is doctors[0]


def test_lookups_by_id() -> None:
    event = vnhealth.event("2026-02-24-pm-meets-health-scientists")
    assert event.officials == ("pham-minh-chinh",)
    source = vnhealth.source(event.citation.source)
    assert source.text is not None
    assert event.citation.quote in source.text
    with pytest.raises(NotFound, match="no event with id"):
        vnhealth.event("doctors-day")


def test_search_ignores_diacritics_and_case() -> None:
    plain = vnhealth.search("dao hong lan")
    assert plain
    assert vnhealth.search("Đào Hồng Lan") == plain == vnhealth.search("ĐÀO   HỒNG LAN")
    assert vnhealth.official("Minister Lan") in plain
    assert plain[0] == vnhealth.official("Minister Lan")  # the record named so comes first
    assert vnhealth.search("   ") == ()
    assert vnhealth.resolution("72-NQ/TW") in vnhealth.search("72-NQ/TW")


def test_records_by_kind() -> None:
    data = vnhealth.load()
    assert data.records("officials") == data.officials
    assert data.records("gaps") == data.gaps()
    with pytest.raises(NotFound, match="no kind of record 'people'"):
        data.records("people")
    assert len(data) == len(list(data))
    assert repr(data).startswith(f"<Dataset: {len(data.sources)} sources")


# -- oracles over generated datasets --------------------------------------------------------


def _brute_directives(
    data: Dataset, official: str, since: pendulum.Date | None, until: pendulum.Date | None, theme: Theme | None
) -> list[Directive]:
    chosen = [
        (position, d)
        for position, d in enumerate(data.directives)
        if d.issued_by == official
        and (since is None or d.issued_on >= since)
        and (until is None or d.issued_on <= until)
        and (theme is None or theme in d.themes)
    ]
    # Chronological; on one day the numbered ones in order, then the rest as the data lists them.
    chosen.sort(key=lambda item: (item[1].issued_on, item[1].ordinal is None, item[1].ordinal or 0, item[0]))
    return [d for _, d in chosen]


date_args = (
    st.none()
    | vs.dates(dt.date(2019, 1, 1), dt.date(2031, 12, 31))
    | vs.periods(dt.date(2019, 1, 1), dt.date(2031, 12, 31))
)


def _as_argument(value: pendulum.Date | Period, form: str) -> object:
    if isinstance(value, Period):
        return str(value)
    return {"pendulum": value, "datetime": dt.date(value.year, value.month, value.day), "iso": value.isoformat()}[form]


@given(vs.datasets(), date_args, date_args, st.none() | vs.themes(), st.data())
def test_directives_by_agrees_with_a_brute_force_filter(
    data: Dataset,
    since: pendulum.Date | Period | None,
    until: pendulum.Date | Period | None,
    theme: Theme | None,
    draw: st.DataObject,
) -> None:
    form = draw.draw(st.sampled_from(["pendulum", "datetime", "iso"]))
    assume(data.officials)
    official = draw.draw(st.sampled_from(data.officials))
    start = since.start if isinstance(since, Period) else since
    end = until.end if isinstance(until, Period) else until
    expected = _brute_directives(data, official.id, start, end, theme)
    got = data.directives_by(
        draw.draw(st.sampled_from([official.id, official])),
        since=None if since is None else _as_argument(since, form),  # type: ignore[arg-type]
        until=None if until is None else _as_argument(until, form),  # type: ignore[arg-type]
        theme=None if theme is None else draw.draw(st.sampled_from([theme, theme.value])),
    )
    assert list(got) == expected


@given(vs.datasets(), st.data())
def test_targets_agree_with_a_brute_force_filter(data: Dataset, draw: st.DataObject) -> None:
    indicator = draw.draw(st.none() | st.sampled_from(data.indicators)) if data.indicators else None
    set_by = draw.draw(st.none() | st.sampled_from(data.resolutions)) if data.resolutions else None
    expected = [
        t
        for t in data.targets
        if (indicator is None or t.indicator == indicator.id) and (set_by is None or t.set_by == set_by.id)
    ]
    by_id = data.targets_where(
        indicator=None if indicator is None else indicator.id, set_by=None if set_by is None else set_by.id
    )
    assert list(by_id) == expected
    assert data.targets_where(indicator=indicator, set_by=set_by) == by_id
    if set_by is not None and set_by.number is not None:
        assert data.targets_where(set_by=str(set_by.number)) == data.targets_where(set_by=set_by)
        assert data.resolution(set_by.number) is data.resolution(set_by.id)


def test_a_dataset_of_targets_alone_answers_by_id() -> None:
    target = Target(
        id="t",
        indicator="beds",
        value=30,
        unit=vnhealth.Unit.PER_10K_PEOPLE,
        comparator=vnhealth.Comparator.AT_LEAST,
        deadline=Period(year=2025),
        set_by="nq-20",
        citation=vnhealth.Citation(source="s", quote="q"),
    )
    data = vnhealth.Dataset(targets=[target])
    assert type(data.targets) is tuple  # the collections are plain tuples
    with pytest.raises(NotFound):
        data.targets_where(indicator="beds")  # no indicators: nothing to look the indicator up in
    assert data.targets_where() == (target,)


@given(vs.datasets(), st.data())
def test_observations_and_latest_agree_with_a_brute_force_filter(data: Dataset, draw: st.DataObject) -> None:
    assume(data.indicators)
    indicator = draw.draw(st.sampled_from(data.indicators))
    as_of = draw.draw(st.none() | vs.dates(dt.date(2000, 1, 1), dt.date(2031, 12, 31)))
    mine = [o for o in data.observations if o.indicator == indicator.id]
    assert sorted(data.observations_of(indicator.id), key=id) == sorted(mine, key=id)
    assert [o.as_of for o in data.observations_of(indicator)] == sorted(o.as_of for o in mine)
    known = [o for o in data.observations_of(indicator) if as_of is None or o.as_of.end <= as_of]
    national = [o for o in known if o.area == "vn"]  # latest reads the nation's values unless asked otherwise
    assert data.latest(indicator.id, as_of=as_of) == (national[-1] if national else None)
    for area in {o.area for o in mine}:
        here = [o for o in known if o.area == area]
        assert data.latest(indicator.id, as_of=as_of, area=area) == (here[-1] if here else None)
        assert data.observations_of(indicator, area=area) == tuple(
            o for o in data.observations_of(indicator) if o.area == area
        )


@given(vs.datasets())
def test_search_finds_every_record_by_its_id(data: Dataset) -> None:
    for record in (*data.officials, *data.resolutions, *data.indicators, *data.targets):
        found = data.search(record.id)
        assert record in found
        assert data.search(record.id.upper()) == found


@given(st.lists(vs.vietnamese_names(), min_size=1, max_size=6, unique_by=fold), st.data())
def test_official_finds_a_unique_name_in_any_writing(names: list[str], draw: st.DataObject) -> None:
    from vnhealth._text import slug

    officials = tuple(Official(id=slug(name), name=name) for name in names)
    data = Dataset(officials=officials)
    official = draw.draw(st.sampled_from(officials))
    bare = fold(official.name)
    title = draw.draw(st.sampled_from(["", "Mr ", "Minister ", "General Secretary ", "Đồng chí ", "Bộ trưởng "]))
    for query in (official.name, bare, bare.upper(), title + official.name, title + bare.title(), official.id):
        assert data.official(query) is official
    given_name = fold(official.given_name)
    sharing = [o for o in officials if fold(o.given_name) == given_name]
    if len(sharing) == 1:
        assert data.official(title + official.given_name) is official
    else:
        with pytest.raises(NotFound, match="ambiguous") as raised:
            data.official(official.given_name)
        assert set(raised.value.suggestions) == {o.name for o in sharing}


def test_strip_titles() -> None:
    assert strip_titles("General Secretary Tô Lâm") == "to lam"
    assert strip_titles("Comrade Dr. Nguyễn Văn A") == "nguyen van a"
    assert strip_titles("Chairman of the Fatherland Front Ánh", ["Chairman of the Fatherland Front"]) == "anh"


@pytest.mark.extras
def test_query_results_convert_to_tables() -> None:
    directives = vnhealth.directives_by("PM Chinh")
    assert len(directives.to_pandas()) == len(directives)
    assert len(directives.to_polars()) == len(directives)
    assert directives.to_arrow().num_rows == len(directives)


def test_pickled_results_are_the_records_alone() -> None:
    found = vnhealth.directives_by("PM Chinh")
    back = pickle.loads(pickle.dumps(found))  # noqa: S301 - our own bytes
    assert type(back) is Results
    assert back == found
    assert back._dataset is None
    assert len(pickle.dumps(found)) < len(pickle.dumps(vnhealth.load())) / 10


def test_query_results_are_tuples_that_convert_to_tables() -> None:
    directives = vnhealth.directives_by("PM Chinh")
    assert isinstance(directives, tuple)
    assert directives == tuple(directives)
    assert isinstance(directives[1:3], Results)
    assert directives[1:3] == directives[1:3:1]
    assert isinstance(directives[0], Directive)
    html = directives._repr_html_()
    assert html.startswith("<table")
    assert "human_resources" in html


def test_more_ways_to_name_things() -> None:
    with pytest.raises(NotFound, match=r"no official named '\.\.\.'"):
        vnhealth.official("...")  # nothing left once punctuation goes
    congress = vnhealth.resolution("14th-congress-resolution")
    assert vnhealth.resolution("14th Congress Resolution") is congress  # by the slug of its id
    # Dates must be ISO: anything else is an InvalidDate (a ValueError), whichever argument it is.
    with pytest.raises(vnhealth.InvalidDate, match="ISO period"):
        vnhealth.directives_by("To Lam", since="24/02/2025")
    with pytest.raises(vnhealth.InvalidDate, match="not float"):
        vnhealth.directives_by("To Lam", since=2025.0)  # type: ignore[arg-type]
    with pytest.raises(vnhealth.InvalidDate, match="ISO period"):
        vnhealth.latest("doctors_per_10k", as_of="the end of 2025")
    # A period stands for its last day: "2024" is the end of 2024.
    assert vnhealth.latest("doctors_per_10k", as_of="2024") == vnhealth.latest("doctors_per_10k", as_of="2024-12-31")


def test_each_index_family_is_built_on_its_first_use() -> None:
    data = vnhealth.load()
    fresh = Dataset(**{kind: getattr(data, kind) for kind in KINDS})
    built = fresh._index.__dict__
    assert not {"directives_by_official", "observations_by_indicator", "search_entries"} & set(built)
    fresh.directives_by("To Lam")
    assert "directives_by_official" in built
    assert "observations_by_indicator" not in built  # no sort of the observations for a directives query
    assert "search_entries" not in built
    fresh.latest("doctors_per_10k")
    assert "observations_by_indicator" in built
    assert "search_entries" not in built


def test_the_kinds_are_stated_once_by_the_records_fields() -> None:
    assert tuple(field.name for field in attrs.fields(Records)) == KINDS
    assert RECORD_TYPES["directives"] is vnhealth.Directive
    assert [field.name for field in attrs.fields(Dataset)] == list(KINDS)
    data = vnhealth.load()
    assert len(data) == sum(len(data.of_kind(kind)) for kind in KINDS) == len(list(data))
    # The tables kept per kind elsewhere cover exactly these kinds.
    from vnhealth._frames import COLUMNS, KIND_OF_TYPE
    from vnhealth._html import _SUMMARY

    assert tuple(_SUMMARY) == KINDS
    assert set(COLUMNS) == {*KINDS, "roles", "gaps"}
    assert {KIND_OF_TYPE[record_type] for record_type in RECORD_TYPES.values()} == set(KINDS)
