"""Notebook display: records, results, gaps and datasets as escaped, self-contained HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vnhealth
from test_frames import sample
from vnhealth import Citation, Dataset, Gap, Results, Source, Status
from vnhealth import strategies as vs
from vnhealth._html import MAX_ROWS, STATUS_COLOURS, progress

VOID = {"br"}


class Checker(HTMLParser):
    """Parses HTML, checking that tags nest and collecting the text and the tags seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler {name}"
            if name == "href":
                assert value is not None
                assert value.startswith("https://") or value.startswith("http://")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack.pop() == tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(markup: str) -> Checker:
    checker = Checker()
    checker.feed(markup)
    checker.close()
    assert checker.stack == [], f"unclosed {checker.stack}"
    assert not {"script", "style", "link", "iframe"} & set(checker.tags)
    return checker


def text_of(markup: str) -> str:
    return " ".join(parse(markup).text)


HOSTILE = '<script>alert("x")</script> & "quotes" \'too\''


def hostile() -> Dataset:
    data = sample()
    source = attrs.evolve(data.sources[0], title=HOSTILE, url="javascript:alert(1)", text=HOSTILE + " text")
    directive = attrs.evolve(
        data.directives[0], text=HOSTILE, addressee=HOSTILE, citation=Citation(source=source.id, quote=HOSTILE)
    )
    return attrs.evolve(data, sources=(source, *data.sources[1:]), directives=(directive, *data.directives[1:]))


def test_values_are_escaped_everywhere() -> None:
    data = hostile()
    pieces = [
        data.sources[0]._repr_html_(),
        data.directives[0]._repr_html_(),
        Results(data.directives)._repr_html_(),
        Results(data.sources)._repr_html_(),
        data.search("alert")._repr_html_(),
    ]
    for markup in pieces:
        assert "<script>" not in markup
        assert HOSTILE in text_of(markup)
    # A javascript: address is shown, never linked.
    assert "href" not in data.sources[0]._repr_html_()


def test_a_record_is_a_table_of_its_fields() -> None:
    data = sample()
    directive = data.directives[0]
    markup = directive._repr_html_()
    text = text_of(markup)
    assert "Directive d1" in text
    for field in attrs.fields(type(directive)):
        assert field.name in text
    assert "grassroots_care, prevention" in text
    assert "2025-09-09" in text
    assert "“build grassroots health care” (vnexpress-2025)" in text
    assert "—" in text_of(data.directives[1]._repr_html_())  # no ordinal, no event


def test_sources_show_the_length_of_their_text_and_link_their_address() -> None:
    source = sample().sources[0]
    markup = source._repr_html_()
    assert f"{len(source.text or ''):,} characters" in text_of(markup)
    assert 'href="https://e.vnexpress.net/a"' in markup
    bare = Source(id="s", outlet="o", title="t", url="", published=pendulum.Date(2025, 1, 1), language="en")
    assert "not shipped" in text_of(bare._repr_html_())


def test_officials_list_their_roles_and_resolutions_their_citations() -> None:
    data = sample()
    text = text_of(data.officials[0]._repr_html_())
    assert "General Secretary, Communist Party of Viet Nam (as of 2025-09-09)" in text
    markup = data.resolutions[0]._repr_html_()
    assert markup.count("<br>") == 1
    assert "72-NQ/TW" in text_of(markup)
    assert "Observation doctors_per_10k" in text_of(data.observations[0]._repr_html_())


def test_long_values_are_shortened() -> None:
    directive = attrs.evolve(sample().directives[0], text="x" * 1000)
    text = text_of(directive._repr_html_())
    assert "x" * 299 + "…" in text
    assert "x" * 300 not in text


@pytest.mark.parametrize(
    "kind", ["sources", "officials", "resolutions", "events", "directives", "indicators", "observations", "targets"]
)
def test_results_are_one_row_per_record(kind: str) -> None:
    records = sample().records(kind)
    markup = records._repr_html_()
    parse(markup)
    assert markup.count("<tr>") == len(records) + 1  # and the header
    caption = re.search(r"<caption[^>]*>(.*?)</caption>", markup)
    assert caption is not None
    assert caption.group(1) == (f"{len(records)} {kind}" if len(records) != 1 else f"1 {kind[:-1]}")


def test_long_results_say_how_many_more_there_are() -> None:
    many = Results([sample().directives[0]] * (MAX_ROWS + 7))
    markup = many._repr_html_()
    assert markup.count("<tr>") == MAX_ROWS + 1
    assert "… and 7 more" in text_of(markup)


def test_mixed_and_empty_results() -> None:
    data = sample()
    mixed = Results([data.directives[0], data.officials[0], data.observations[0], data.sources[0]])
    text = text_of(mixed._repr_html_())
    assert "4 records" in text
    assert "Build grassroots care" in text
    assert "Tô Lâm" in text
    assert "doctors_per_10k" in text
    assert "1" in text  # the observation's value
    assert "0 records" in text_of(Results()._repr_html_())


def test_gap_tables_show_progress_bars_coloured_by_status() -> None:
    gaps = sample().gaps()
    markup = gaps._repr_html_()
    text = text_of(markup)
    for gap in gaps:
        assert gap.target.id in text
        assert STATUS_COLOURS[gap.status] in markup
    assert "14.5 per 10,000 people (2024)" in text
    assert "≥ 19 per 10,000 people" in text
    assert "76% · on track" in text
    assert "100% · met" in text
    assert "≥ 0.93 (share)" in text


def test_one_gap_shows_its_bar_and_explanation() -> None:
    gap = sample().indicator_gap("doctors-2030")
    markup = gap._repr_html_()
    text = text_of(markup)
    assert "Gap of doctors-2030" in text
    assert "≥ 19 per 10,000 people by 2030 (set by 72-nq-tw)" in text
    assert "14.5 per 10,000 people for 2024" in text
    assert "width:76.3%" in markup
    assert gap.explain() in text
    assert "6.0" in text  # years left
    none = sample().indicator_gap("stunting-2030")
    none_text = text_of(none._repr_html_())
    assert "no data" in none_text
    assert "width:0.0%" in none._repr_html_()


def test_progress_toward_the_target() -> None:
    data = sample()
    assert progress(data.indicator_gap("doctors-2030")) == pytest.approx(14.5 / 19)
    assert progress(data.indicator_gap("insurance-2025")) == 1.0
    assert progress(data.indicator_gap("stunting-2030")) is None
    stunting = data.indicator("stunting")
    target = data.target("stunting-2030")
    observed = attrs.evolve(data.observations[0], indicator="stunting", value=20.0, unit=vnhealth.Unit.PERCENT)
    lower = Gap(target=target, indicator=stunting, as_of=None, observation=observed, met=False, status=Status.OFF_TRACK)
    assert progress(lower) == pytest.approx(0.75)
    zero = attrs.evolve(lower, observation=attrs.evolve(observed, value=0.0))
    assert progress(zero) is None


@settings(max_examples=15)
# Values within reason: the growth rates of gaps overflow for extreme ones (a _gaps issue).
@given(vs.datasets(values=st.floats(min_value=0.5, max_value=1000)))
def test_any_dataset_renders(data: Dataset) -> None:
    for kind in ("sources", "officials", "resolutions", "directives", "observations", "targets", "gaps"):
        parse(data.records(kind)._repr_html_())
    for record in data:
        parse(record._repr_html_())
    for gap in data.gaps():
        share = progress(gap)
        assert share is None or 0 <= share <= 1
        parse(gap._repr_html_())


def test_a_dataset_is_a_table_of_counts() -> None:
    data = sample()
    text = text_of(data._repr_html_())
    for kind in ("sources", "officials", "resolutions", "events", "directives", "indicators", "observations"):
        assert re.search(rf"{kind} {len(getattr(data, kind))}\b", text)
    assert f"total {len(data)}" in text


def test_plain_values_read_as_words() -> None:
    from vnhealth._html import _text

    assert _text(True) == "yes"
    assert _text(False) == "no"
    assert _text(None) == "—"
    assert _text(()) == "—"
    assert _text(1234.5) == "1,234.5"
