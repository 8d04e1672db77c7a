"""Typed DataFrames from records: pandas, polars and pyarrow, the same columns in each."""

from __future__ import annotations

import datetime as dt
import functools
import subprocess
import sys

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vnhealth
from vnhealth import (
    Citation,
    Comparator,
    Dataset,
    Direction,
    Directive,
    Event,
    Indicator,
    InstrumentKind,
    MissingExtra,
    Observation,
    Official,
    Period,
    Qualifier,
    Resolution,
    Results,
    Role,
    Source,
    Target,
    Theme,
    Unit,
    VnhealthError,
)
from vnhealth import strategies as vs
from vnhealth._frames import COLUMNS, KIND_OF_TYPE, FieldType

# Optional extras: the core-only CI run (.ci/matrix.sh) has none of them and deselects `-m extras`.
try:
    import pandas as pd
    import polars as pl
    import pyarrow as pa
except ImportError:
    pass

# Every test here converts to a DataFrame; `sample()` is shared with the core tests of other modules.
pytestmark = pytest.mark.extras

TEXT_A = (
    "General Secretary To Lam asked the health sector to build grassroots health care. "
    "Viet Nam had 14.5 doctors per 10,000 people in 2024 and aims for 19 by 2030. "
    "Health insurance covered 94.2% of the population."
)
TEXT_B = "Prime Minister Pham Minh Chinh signed Resolution 282/NQ-CP on 31 December 2025. Coverage was 92% in 2022."


def cite(source: str, quote: str) -> Citation:
    return Citation(source=source, quote=quote)


@functools.cache
def sample() -> Dataset:
    """A small consistent dataset with every kind of record, and targets met, on track, off track and without data."""
    d = pendulum.Date
    a, b = "vnexpress-2025", "chinhphu-2026"
    data = Dataset(
        sources=(
            Source(
                id=a,
                outlet="VnExpress",
                title='Health <b>"care"</b> & more',
                url="https://e.vnexpress.net/a",
                published=d(2025, 9, 9),
                language="en",
                text=TEXT_A,
            ),
            Source(
                id=b,
                outlet="Chinhphu",
                title="Resolution 282",
                url="https://chinhphu.vn/b",
                published=d(2026, 1, 2),
                language="vi",
                text=TEXT_B,
            ),
        ),
        officials=(
            Official(
                id="to-lam",
                name="Tô Lâm",
                roles=(
                    Role(
                        title="General Secretary",
                        organization="Communist Party of Viet Nam",
                        as_of=d(2025, 9, 9),
                        citation=cite(a, "General Secretary To Lam"),
                    ),
                ),
            ),
            Official(id="pham-minh-chinh", name="Phạm Minh Chính"),
        ),
        resolutions=(
            Resolution(
                id="72-nq-tw",
                number=vnhealth.DocumentNumber.parse("72-NQ/TW"),
                title="Resolution 72",
                kind=InstrumentKind.PARTY_RESOLUTION,
                issuer="Politburo",
                issued_on=d(2025, 9, 9),
                citations=(cite(a, "build grassroots health care"), cite(b, "Resolution 282/NQ-CP")),
            ),
            Resolution(
                id="282-nq-cp",
                number=vnhealth.DocumentNumber.parse("282/NQ-CP"),
                title="Action programme",
                kind=InstrumentKind.GOVERNMENT_RESOLUTION,
                issuer="Government",
                implements=("72-nq-tw",),
            ),
            Resolution(
                id="congress-14", title="Resolution of the 14th Congress", kind=InstrumentKind.OTHER, issuer="Party"
            ),
        ),
        events=(
            Event(
                id="meeting-2025",
                date=d(2025, 9, 9),
                title="Meeting",
                place="Ha Noi",
                officials=("to-lam", "pham-minh-chinh"),
                citation=cite(a, "asked the health sector"),
            ),
        ),
        directives=(
            Directive(
                id="d1",
                text="Build grassroots care",
                issued_by="to-lam",
                issued_on=d(2025, 9, 9),
                addressee="Ministry of Health",
                themes=frozenset({Theme.PREVENTION, Theme.GRASSROOTS_CARE}),
                resolutions=("72-nq-tw",),
                ordinal=1,
                event="meeting-2025",
                citation=cite(a, "build grassroots health care"),
            ),
            Directive(
                id="d2",
                text="Sign the programme <now>",
                issued_by="pham-minh-chinh",
                issued_on=d(2025, 12, 31),
                addressee="Government",
                citation=cite(b, "signed Resolution 282/NQ-CP"),
            ),
        ),
        indicators=(
            Indicator(
                id="doctors_per_10k",
                name="Doctors per 10,000 people",
                unit=Unit.PER_10K_PEOPLE,
                direction=Direction.HIGHER,
                who_gho="HWF_0001",
                wdi="SH.MED.PHYS.ZS",
                citations=(cite(a, "doctors per 10,000 people"),),
            ),
            Indicator(
                id="insurance_coverage",
                name="Health insurance coverage",
                unit=Unit.PERCENT,
                direction=Direction.HIGHER,
            ),
            Indicator(id="stunting", name="Stunting", unit=Unit.PERCENT, direction=Direction.LOWER),
        ),
        observations=(
            Observation(
                indicator="doctors_per_10k",
                value=1.0,
                unit=Unit.PER_1K_PEOPLE,
                as_of=Period(year=2020),
                citation=cite(a, "doctors per 10,000 people"),
            ),
            Observation(
                indicator="doctors_per_10k",
                value=14.5,
                unit=Unit.PER_10K_PEOPLE,
                as_of=Period(year=2024),
                qualifier=Qualifier.ABOUT,
                citation=cite(a, "14.5 doctors per 10,000 people in 2024"),
            ),
            Observation(
                indicator="insurance_coverage",
                value=92,
                unit=Unit.PERCENT,
                as_of=Period(year=2022),
                citation=cite(b, "Coverage was 92% in 2022"),
            ),
            Observation(
                indicator="insurance_coverage",
                value=94.2,
                unit=Unit.PERCENT,
                as_of=Period(year=2025, month=6),
                citation=cite(a, "covered 94.2% of the population"),
            ),
        ),
        targets=(
            Target(
                id="doctors-2030",
                indicator="doctors_per_10k",
                value=19,
                unit=Unit.PER_10K_PEOPLE,
                comparator=Comparator.AT_LEAST,
                deadline=Period(year=2030),
                set_by="72-nq-tw",
                citation=cite(a, "aims for 19 by 2030"),
            ),
            Target(
                id="doctors-2026",
                indicator="doctors_per_10k",
                value=30,
                unit=Unit.PER_10K_PEOPLE,
                comparator=Comparator.AT_LEAST,
                deadline=Period(year=2026),
                set_by="282-nq-cp",
                citation=cite(a, "aims for 19 by 2030"),
            ),
            Target(
                id="insurance-2025",
                indicator="insurance_coverage",
                value=0.93,
                unit=Unit.SHARE,
                comparator=Comparator.AT_LEAST,
                deadline=Period(year=2025),
                set_by="72-nq-tw",
                citation=cite(a, "covered 94.2% of the population"),
            ),
            Target(
                id="stunting-2030",
                indicator="stunting",
                value=15,
                unit=Unit.PERCENT,
                comparator=Comparator.LESS_THAN,
                deadline=Period(year=2030, month=12, day=31),
                set_by="72-nq-tw",
                citation=cite(a, "aims for 19 by 2030"),
            ),
        ),
    )
    assert data.problems() == ()
    return data


KINDS = ("sources", "officials", "resolutions", "events", "directives", "indicators", "observations", "targets", "gaps")


def test_the_sample_covers_every_status() -> None:
    statuses = {gap.status.value for gap in sample().gaps()}
    assert statuses == {"on track", "off track", "met", "no data"}


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_typed_columns_in_all_three_libraries(kind: str) -> None:
    data = sample()
    records = data.records(kind)
    assert len(records) > 0
    frame, lazy, table = data.to_pandas(kind), data.to_polars(kind), data.to_arrow(kind)
    names = [column.name for column in COLUMNS[kind]]
    assert list(frame.columns) == names == lazy.columns == table.column_names
    assert len(frame) == lazy.height == table.num_rows == len(records)
    for column in COLUMNS[kind]:
        pandas_type, polars_type, arrow_type = (
            frame[column.name].dtype,
            lazy[column.name].dtype,
            table.schema.field(column.name).type,
        )
        if column.type is FieldType.DATE:
            assert str(pandas_type) == "datetime64[s]"
            assert polars_type == pl.Date
            assert arrow_type == pa.date32()
        elif column.type is FieldType.ARRAY:
            assert pandas_type == "object"
            assert all(isinstance(value, list) for value in frame[column.name])
            assert polars_type == pl.List(pl.String)
            assert arrow_type == pa.list_(pa.string())
        elif column.type is FieldType.STRING:
            assert pandas_type == pd.StringDtype()
            assert polars_type == pl.String
            assert arrow_type == pa.string()
        elif column.type is FieldType.NUMBER:
            assert pandas_type == "float64"
            assert polars_type == pl.Float64
            assert arrow_type == pa.float64()
        elif column.type is FieldType.INTEGER:
            assert pandas_type == pd.Int64Dtype()
            assert polars_type == pl.Int64
            assert arrow_type == pa.int64()
        else:
            assert pandas_type == pd.BooleanDtype()
            assert polars_type == pl.Boolean
            assert arrow_type == pa.bool_()
        assert table.schema.field(column.name).metadata == {b"description": column.description.encode()}


def test_the_three_libraries_hold_the_same_values() -> None:
    for kind in KINDS:
        table = sample().to_arrow(kind)
        assert sample().to_polars(kind).to_dicts() == table.to_pylist()
        frame = sample().to_pandas(kind)
        for row, expected in zip(frame.to_dict("records"), table.to_pylist(), strict=True):
            for name, value in expected.items():
                got = row[name]
                if value is None:
                    assert pd.isna(got)
                elif isinstance(value, dt.date):
                    assert got.date() == value
                else:
                    assert got == value


def test_directives_columns() -> None:
    frame = sample().to_pandas("directives")
    first = frame.iloc[0]
    assert first["id"] == "d1"
    assert first["issued_on"] == pd.Timestamp("2025-09-09")
    assert first["themes"] == ["grassroots_care", "prevention"]
    assert first["resolutions"] == ["72-nq-tw"]
    assert first["ordinal"] == 1
    assert first["citation_source"] == "vnexpress-2025"
    assert first["citation_quote"] == "build grassroots health care"
    assert first["citation_url"] == "https://e.vnexpress.net/a"
    second = frame.iloc[1]
    assert pd.isna(second["ordinal"])
    assert pd.isna(second["event"])
    assert second["themes"] == []
    assert second["citation_url"] == "https://chinhphu.vn/b"


def test_resolutions_number_kind_and_several_citations() -> None:
    rows = sample().to_arrow("resolutions").to_pylist()
    assert rows[0]["number"] == "72-NQ/TW"
    assert rows[0]["kind"] == "party_resolution"
    assert rows[0]["citation_sources"] == ["vnexpress-2025", "chinhphu-2026"]
    assert rows[0]["citation_urls"] == ["https://e.vnexpress.net/a", "https://chinhphu.vn/b"]
    assert rows[1]["implements"] == ["72-nq-tw"]
    assert rows[1]["issued_on"] is None
    assert rows[2]["number"] is None
    assert rows[2]["citation_sources"] == []


def test_officials_show_the_latest_attested_title() -> None:
    rows = sample().to_polars("officials").to_dicts()
    assert rows[0]["title"] == "General Secretary"
    assert rows[0]["organization"] == "Communist Party of Viet Nam"
    assert rows[0]["title_as_of"] == dt.date(2025, 9, 9)
    assert rows[0]["citation_url"] == "https://e.vnexpress.net/a"
    assert rows[1]["title"] is None
    assert rows[1]["title_as_of"] is None
    assert rows[1]["citation_source"] is None
    assert rows[1]["citation_url"] is None


def test_observations_periods_are_strings_with_start_and_end_dates() -> None:
    rows = sample().to_polars("observations").to_dicts()
    assert rows[3]["as_of"] == "2025-06"
    assert rows[3]["as_of_start"] == dt.date(2025, 6, 1)
    assert rows[3]["as_of_end"] == dt.date(2025, 6, 30)
    assert rows[1]["qualifier"] == "about"
    assert rows[0]["unit"] == "per_1k_people"
    targets = sample().to_polars("targets").to_dicts()
    assert targets[3]["deadline"] == "2030-12-31"
    assert targets[3]["deadline_start"] == targets[3]["deadline_end"] == dt.date(2030, 12, 31)


def test_gaps_columns() -> None:
    frame = sample().to_pandas("gaps").set_index("target")
    doctors = frame.loc["doctors-2030"]
    assert doctors["indicator"] == "doctors_per_10k"
    assert doctors["set_by"] == "72-nq-tw"
    assert doctors["target_value"] == 19
    assert doctors["comparator"] == "at_least"
    assert doctors["observed_value"] == 14.5
    assert doctors["observed_as_of"] == "2024"
    assert doctors["observed_as_of_end"] == pd.Timestamp("2024-12-31")
    assert doctors["difference"] == pytest.approx(-4.5)
    assert not doctors["met"]
    assert doctors["status"] == "on track"
    assert doctors["years_left"] == pytest.approx(6, abs=0.01)
    assert doctors["trend_per_year"] == pytest.approx((14.5 - 10) / 4, abs=0.01)
    assert doctors["projection"] > 19
    assert doctors["citation_url"] == "https://e.vnexpress.net/a"
    insurance = frame.loc["insurance-2025"]
    assert insurance["met"]
    assert insurance["observed_value"] == pytest.approx(0.942)
    assert insurance["unit"] == "share"
    none = frame.loc["stunting-2030"]
    assert none["status"] == "no data"
    assert pd.isna(none["met"])
    assert pd.isna(none["observed_value"])
    assert pd.isna(none["as_of"])
    assert pd.isna(none["citation_source"])


def test_query_results_convert_with_module_functions_and_methods() -> None:
    data = sample()
    found = data.directives_by("To Lam")
    frame = vnhealth.to_pandas(found, dataset=data)
    assert frame["id"].tolist() == ["d1"]
    assert found.to_polars()["id"].to_list() == ["d1"]
    assert vnhealth.to_polars(found, dataset=data)["citation_url"].to_list() == ["https://e.vnexpress.net/a"]
    assert vnhealth.to_arrow(data.targets_where(indicator="doctors_per_10k"), dataset=data).num_rows == 2
    assert found.to_arrow().column_names == [column.name for column in COLUMNS["directives"]]
    # A plain list of records, and a record type as the kind.
    assert vnhealth.to_pandas(list(data.events), kind=Event, dataset=data)["officials"][0] == [
        "to-lam",
        "pham-minh-chinh",
    ]


def test_the_addresses_come_from_the_dataset_queried_never_from_the_bundled_one() -> None:
    bundled = vnhealth.load()
    # A user's own dataset: the bundled records, with every source at an address of the user's.
    mine = attrs.evolve(
        bundled, sources=[attrs.evolve(source, url=f"https://example.org/{source.id}") for source in bundled.sources]
    )
    directive = mine.directives[0]
    mine_url = f"https://example.org/{directive.citation.source}"
    found = mine.directives_by(directive.issued_by)
    assert set(found.to_pandas()["citation_url"]) == {f"https://example.org/{d.citation.source}" for d in found}
    assert mine.to_polars("directives")["citation_url"][0] == mine_url
    assert found[:1].to_arrow().column("citation_url").to_pylist() == [mine_url]  # a slice keeps its dataset
    assert mine.gaps().to_pandas()["citation_url"].dropna().str.startswith("https://example.org/").all()
    # Records that know no dataset have no addresses (their ids are there), unless one is given.
    bare = vnhealth.to_pandas(mine.directives)
    assert bare["citation_url"].isna().all()
    assert bare["citation_source"][0] == directive.citation.source
    assert Results(mine.directives).to_pandas(dataset=mine)["citation_url"][0] == mine_url
    assert vnhealth.to_pandas(mine.directives, dataset=mine)["citation_url"][0] == mine_url
    assert found.to_pandas(dataset=bundled)["citation_url"][0] == bundled.source(directive.citation.source).url


@pytest.mark.parametrize("convert", [vnhealth.to_pandas, vnhealth.to_polars, vnhealth.to_arrow])
@pytest.mark.parametrize("kind", [*KINDS, Directive, Target])
def test_an_empty_result_with_a_kind_is_an_empty_typed_frame(convert, kind) -> None:  # type: ignore[no-untyped-def]
    empty = convert(Results(), kind=kind)
    full = convert(sample().records(kind if isinstance(kind, str) else KIND_OF_TYPE[kind]), dataset=sample())
    assert len(empty) == 0
    assert empty.schema == full.schema if convert is not vnhealth.to_pandas else list(empty.dtypes) == list(full.dtypes)


def test_an_empty_result_without_a_kind_is_a_frame_without_columns() -> None:
    assert vnhealth.to_pandas(Results()).shape == (0, 0)
    assert vnhealth.to_polars(()).shape == (0, 0)
    assert vnhealth.to_arrow([]).num_columns == 0
    assert Results().to_pandas().empty


def test_mixed_or_foreign_records_are_refused() -> None:
    data = sample()
    with pytest.raises(TypeError, match="mixed records"):
        vnhealth.to_pandas([data.directives[0], data.events[0]])
    with pytest.raises(TypeError, match="int values"):
        vnhealth.to_polars([1, 2])
    with pytest.raises(TypeError, match="does not fit"):
        vnhealth.to_arrow(data.directives, kind="events")
    with pytest.raises(vnhealth.NotFound, match="no kind of record 'directive'"):
        vnhealth.to_pandas(data.directives, kind="directive")
    with pytest.raises(vnhealth.NotFound, match="no table for records of type int"):
        vnhealth.to_pandas(data.directives, kind=int)
    with pytest.raises(vnhealth.NotFound):
        data.to_pandas("nonsense")


@settings(max_examples=15)  # drawing a dataset takes a while
# Values within reason: the growth rates of gaps overflow for extreme ones (a _gaps issue).
@given(vs.datasets(values=st.floats(min_value=0.5, max_value=1000)))
def test_any_dataset_converts_with_a_row_per_record(data: Dataset) -> None:
    for kind in KINDS:
        table = data.to_arrow(kind)
        assert table.num_rows == len(data.records(kind))
        assert table.column_names == [column.name for column in COLUMNS[kind]]
    urls = {source.id: source.url for source in data.sources}
    frame = data.to_polars("observations")
    assert frame["citation_url"].to_list() == [urls[source] for source in frame["citation_source"].to_list()]


@pytest.mark.parametrize(
    ("module", "extra", "call"),
    [
        ("pandas", "pandas", "vnhealth.to_pandas(())"),
        ("polars", "polars", "vnhealth.Results().to_polars()"),
        ("pyarrow", "arrow", "vnhealth.load().to_arrow('directives')"),
    ],
)
def test_a_missing_extra_names_what_to_install(module: str, extra: str, call: str) -> None:
    code = f"""
import sys
sys.modules[{module!r}] = None
import vnhealth
try:
    {call}
except vnhealth.MissingExtra as error:
    assert isinstance(error, ImportError) and isinstance(error, vnhealth.VnhealthError)
    print(error)
else:
    raise SystemExit("no error")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr
    assert f'pip install "vnhealth[{extra}]"' in done.stdout


def test_missing_extra_is_a_vnhealth_import_error() -> None:
    assert issubclass(MissingExtra, VnhealthError)
    assert issubclass(MissingExtra, ImportError)
