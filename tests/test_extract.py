"""vnhealth.extract on examples and on the bundled articles, checked against the bundled records."""

from __future__ import annotations

import argparse
import collections
import time
from pathlib import Path

import pendulum
import pytest

import vnhealth
from vnhealth import Dataset, DocumentNumber, Qualifier, Source, Unit
from vnhealth._docnumber import NUMBER_PATTERN
from vnhealth.extract import document_numbers, draft, enumeration, officials, quantities
from vnhealth.extract._command import add_parser

DATA = vnhealth.load()
ARTICLES = {source.id: source.text for source in DATA.sources if source.text}
EMPTY = Dataset()


def _source(source_id: str = "draft-article", published: str = "2026-03-01") -> Source:
    return Source(
        id=source_id,
        outlet="Test",
        title="A test article",
        url="",
        published=pendulum.Date.fromisoformat(published),
        language="en",
    )


def _numbers(text: str, dataset: Dataset = EMPTY) -> list[str]:
    return [str(mention.number) for mention in document_numbers(text, dataset)]


# -- document numbers ---------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("72-NQ/TW", "72-NQ/TW"),
        ("149-KL/TW", "149-KL/TW"),
        ("52-CT/TW", "52-CT/TW"),
        ("282/NQ-CP", "282/NQ-CP"),
        ("07/CT-TTg", "07/CT-TTg"),
        ("388/QĐ-TTg", "388/QĐ-TTg"),
        ("2733/QD-BYT", "2733/QĐ-BYT"),
        ("5906/BYT-VPB1", "5906/BYT-VPB1"),
        ("114/2025/QH15", "114/2025/QH15"),
        ("30/2020/NĐ-CP", "30/2020/NĐ-CP"),
        ("72 NQ/TW", "72-NQ/TW"),
        ("72 - NQ/TW", "72-NQ/TW"),
        ("72–NQ/TW", "72-NQ/TW"),
        ("20/NQ-TW", "20-NQ/TW"),
        ("02-KH/BCĐTW", "02-KH/BCĐTW"),
    ],
)
def test_each_form_of_number_is_found(written: str, canonical: str) -> None:
    text = f"Theo văn bản {written}, ngày 9/9/2025."
    [mention] = document_numbers(text, EMPTY)
    assert str(mention.number) == canonical
    assert mention.text == written
    assert text[mention.span[0] : mention.span[1]] == written


@pytest.mark.parametrize(
    ("text", "kind_word"),
    [
        ("under No.72-NQ/TW", None),
        ("Nghị quyết số 72-NQ/TW của Bộ Chính trị", "Nghị quyết số"),
        ("by Decision No 388/QĐ-TTg of the Prime Minister", "Decision No"),
        ("Bộ Chính trị số31-QĐ/TW, ngày 01-10-1997", None),
    ],
)
def test_numbers_after_their_type_word(text: str, kind_word: str | None) -> None:
    [mention] = document_numbers(text, EMPTY)
    assert mention.kind_word == kind_word


@pytest.mark.parametrize(
    "text",
    [
        "ngày 16/9/2025 và 9.1.2025",
        "the score was 3/3 and 448/450 delegates",
        "đạt 15 bác sỹ/ 10.000 dân và 34,5 giường/ 10.000 dân",
        "số 138A/5 Trần Hưng Đạo, P.301/B2, Lô A2/KCN",
        "10 L/day, 3 CT/MRI, COVID-19/SARS, H5N1/2024",
        "https://luatvietnam.vn/72-NQ/TW.html",
    ],
)
def test_no_false_numbers(text: str) -> None:
    assert document_numbers(text, EMPTY) == ()


def test_a_spaced_hyphen_ends_the_number_unless_a_code_follows() -> None:
    assert _numbers("Resolution 282/NQ-CP - the action programme") == ["282/NQ-CP"]
    assert _numbers("Decision 55/2005/TTLT - BNV - VPCP") == ["55/2005/TTLT-BNV-VPCP"]


def test_bare_numbers_resolve_against_the_data() -> None:
    [mention] = document_numbers("Resolution 72 set the course; Decision 99 did not.", DATA)
    assert (mention.text, str(mention.number), mention.kind_word) == ("Resolution 72", "72-NQ/TW", "Resolution")
    # Without an instrument of that number, a bare number is no document number.
    assert document_numbers("Resolution 72 set the course", EMPTY) == ()


def test_the_bundled_data_is_the_default() -> None:
    assert [m.text for m in document_numbers("Nghị quyết 72 đã đi vào cuộc sống")] == ["Nghị quyết 72"]


# -- officials ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "official_id", "title", "name"),
    [
        ("General Secretary Lam said", "to-lam", "General Secretary", "Lam"),
        ("PM Chinh asked", "pham-minh-chinh", "PM", "Chinh"),
        ("Minister Lan said", "dao-hong-lan", "Minister", "Lan"),
        ("Bộ trưởng Đào Hồng Lan cho biết", "dao-hong-lan", "Bộ trưởng", "Đào Hồng Lan"),
        ("Bộ trưởng Bộ Y tế Đào Hồng Lan cho biết", "dao-hong-lan", "Bộ trưởng Bộ Y tế", "Đào Hồng Lan"),
        ("TỔNG BÍ THƯ TÔ LÂM", "to-lam", "TỔNG BÍ THƯ", "TÔ LÂM"),
        ("as Pham\u00a0Minh Chinh put it", "pham-minh-chinh", None, "Pham\u00a0Minh Chinh"),
        ("Party General Secretary To Lam visits", "to-lam", "Party General Secretary", "To Lam"),
    ],
)
def test_known_officials(text: str, official_id: str, title: str | None, name: str) -> None:
    [mention] = officials(text, DATA)
    assert mention.official is not None
    assert (mention.official.id, mention.title, mention.name) == (official_id, title, name)
    assert text[mention.span[0] : mention.span[1]] == mention.text


@pytest.mark.parametrize(
    ("text", "title", "name"),
    [
        ("Deputy Prime Minister Tran Hong Ha said", "Deputy Prime Minister", "Tran Hong Ha"),
        ("Director of the hospital Nguyen Van Binh said", "Director of the hospital", "Nguyen Van Binh"),
        ("Giám đốc Bệnh viện Bạch Mai Đào Xuân Cơ cho biết", "Giám đốc Bệnh viện Bạch Mai", "Đào Xuân Cơ"),
        (
            "Nguyen Van An, Director of the Department of Health, said",
            "Director of the Department of Health",
            "Nguyen Van An",
        ),
    ],
)
def test_titled_strangers_are_candidates(text: str, title: str, name: str) -> None:
    [mention] = officials(text, DATA)
    assert (mention.official, mention.title, mention.name) == (None, title, name)
    assert mention.title_span is not None
    assert text[mention.title_span[0] : mention.title_span[1]] == title


def test_untitled_strangers_and_lookalikes_are_not_mentions() -> None:
    assert officials("They went to Lam Dong and Ho Chi Minh City with Nguyen Van An.", DATA) == ()


# -- enumerations ---------------------------------------------------------------


def test_word_lists_across_styles() -> None:
    text = (
        "The plan sets out four tasks.\n\nFirst, plan the work.\nMore about it.\n\n"
        "The second task is to do it. Third, check it. Finally, act on it. — VNS"
    )
    [found] = enumeration(text)
    assert [item.ordinal for item in found.items] == [1, 2, 3, 4]
    assert (found.announced, found.complete, found.announcement) == (4, True, "four tasks")
    assert found.items[0].text == "First, plan the work.\nMore about it."
    assert found.items[-1].text == "Finally, act on it."
    assert found.items[1].body == "is to do it."


def test_vietnamese_and_numbered_lists() -> None:
    vietnamese = "Bộ trưởng nêu 3 nhiệm vụ trọng tâm. Thứ nhất, tăng cường. Thứ hai, đẩy mạnh. Thứ ba, hoàn thiện."
    [found] = enumeration(vietnamese)
    assert found.complete
    assert [item.marker for item in found.items] == ["Thứ nhất,", "Thứ hai,", "Thứ ba,"]
    numbered = "Five priorities:\n1. Reform.\n2. Build.\n3) Train\nstaff well.\n\nNext paragraph."
    [found] = enumeration(numbered)
    assert (found.announced, found.complete) == (5, False)
    assert found.items[-1].text == "3) Train\nstaff well."
    inline = "three breakthroughs: (1) institutions; (2) human resources; and (3) infrastructure. Then more."
    [found] = enumeration(inline)
    assert [item.text for item in found.items] == ["(1) institutions;", "(2) human resources;", "(3) infrastructure."]


def test_gaps_and_strays() -> None:
    [found] = enumeration("The first task is to plan. The third task is to act. The fifth point is to review.")
    assert [item.ordinal for item in found.items] == [1, 3, 5]
    assert not found.complete
    assert enumeration("First, we met. Then we left. Thứ Hai, ngày 5/1, họp.") == ()


# -- quantities -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("life expectancy is 74.7 years old", 74.7, Unit.YEARS, Qualifier.EXACT),
        ("a share of 5.26%", 5.26, Unit.PERCENT, Qualifier.EXACT),
        ("integrating nearly 21 million accounts", 21e6, Unit.COUNT, Qualifier.NEARLY),
        ("there are 343 private hospitals", 343, Unit.COUNT, Qualifier.EXACT),
        ("for at least 95 per cent of people", 95, Unit.PERCENT, Qualifier.AT_LEAST),
        ("Tỷ lệ bao phủ đạt 95,15% dân số", 95.15, Unit.PERCENT, Qualifier.EXACT),
        ("có 34,5 giường/ 10.000 dân", 34.5, Unit.PER_10K_PEOPLE, Qualifier.EXACT),
        ("có 15 bác sỹ/ 10.000 dân", 15, Unit.PER_10K_PEOPLE, Qualifier.EXACT),
        ("tổng cộng 24.429.721 người tham gia", 24429721, Unit.COUNT, Qualifier.EXACT),
        ("tăng thêm tối thiểu 1,5cm", 1.5, Unit.CENTIMETRES, Qualifier.AT_LEAST),
        ("đạt trên 95%", 95, Unit.PERCENT, Qualifier.OVER),
        ("tử vong trẻ dưới 1 tuổi là 12,5‰", 12.5, Unit.PER_1K_LIVE_BIRTHS, Qualifier.EXACT),
        ("35 hospital beds per 10,000 people", 35, Unit.PER_10K_PEOPLE, Qualifier.EXACT),
        ("42 deaths per 100,000 live births", 42, Unit.PER_100K_LIVE_BIRTHS, Qualifier.EXACT),
    ],
)
def test_quantities(text: str, value: float, unit: Unit, qualifier: Qualifier) -> None:
    found = quantities(text, EMPTY)[-1]
    assert (found.value, found.unit, found.qualifier) == (pytest.approx(value), unit, qualifier)
    assert text[found.span[0] : found.span[1]] == found.text


def test_a_rate_earlier_in_the_sentence_and_the_year() -> None:
    text = "In 2024, the workforce per 10,000 people will be 14 doctors, 18 nurses and 3.3 pharmacists."
    found = quantities(text, DATA)
    assert [(q.value, q.unit, q.year, q.indicator) for q in found] == [
        (14, Unit.PER_10K_PEOPLE, 2024, "doctors_per_10k"),
        (18, Unit.PER_10K_PEOPLE, 2024, "nurses_per_10k"),
        (3.3, Unit.PER_10K_PEOPLE, 2024, "pharmacists_per_10k"),
    ]


def test_dates_years_ordinals_and_identifiers_are_not_quantities() -> None:
    text = (
        "On February 27, 1955, the 14th session met on 16/9/2025 (ngày 09 tháng 9 năm 2025) at 8:30 under "
        "Resolution No. 57 and Article 10; COVID-19, 3D printing and IMG_2024.jpg. Comment (0)"
    )
    assert quantities(text, EMPTY) == ()


# -- the bundled articles against the bundled records -------------------------


def test_every_document_number_in_the_data_is_found_in_its_articles() -> None:
    known = {resolution.number for resolution in DATA.resolutions if resolution.number is not None}
    for text in ARTICLES.values():
        written = {DocumentNumber.from_match(match) for match in NUMBER_PATTERN.finditer(text)} & known
        assert written <= {mention.number for mention in document_numbers(text, DATA)}
    assert set(_numbers(ARTICLES["laodong-2026-02-24"], DATA)) == {"57-NQ/TW", "72-NQ/TW"}
    assert set(_numbers(ARTICLES["sggp-2026-01-21"], DATA)) == {"72-NQ/TW", "282/NQ-CP"}


def test_every_official_in_the_data_is_found_in_the_articles_that_cite_them() -> None:
    found = {source: {m.official.id for m in officials(text, DATA) if m.official} for source, text in ARTICLES.items()}
    cited = [
        (role.citation.source, official.id)
        for official in DATA.officials
        for role in official.roles
        if role.citation.source in ARTICLES
    ]
    cited += [
        (e.citation.source, person) for e in DATA.events for person in e.officials if e.citation.source in ARTICLES
    ]
    cited += [(d.citation.source, d.issued_by) for d in DATA.directives if d.citation.source in ARTICLES]
    assert cited
    for source, official in cited:
        assert official in found[source], (source, official)


def test_every_enumerated_list_in_the_data_is_found() -> None:
    lists = collections.defaultdict(list)
    for directive in DATA.directives:
        if directive.ordinal is not None and directive.citation.source in ARTICLES:
            lists[directive.citation.source, directive.issued_by, directive.issued_on].append(directive)
    assert lists
    for (source, _, _), directives in lists.items():
        text = ARTICLES[source]
        items = [item for found in enumeration(text) for item in found.items]
        for directive in directives:
            quoted = text.index(directive.citation.quote)
            assert any(i.ordinal == directive.ordinal and i.span[0] <= quoted < i.span[1] for i in items), directive.id


@pytest.mark.parametrize(("source", "count"), [("laodong-2026-02-24", 6), ("vns-2025-03-19", 7)])
def test_the_six_contents_and_the_seven_tasks_are_complete(source: str, count: int) -> None:
    [found] = enumeration(ARTICLES[source])
    assert (found.announced, found.complete, len(found.items)) == (count, True, count)


def test_every_observation_in_the_articles_is_found_with_its_indicator() -> None:
    observations = [o for o in DATA.observations if o.citation.source in ARTICLES]
    assert observations
    for observation in observations:
        text = ARTICLES[observation.citation.source]
        start = text.index(observation.citation.quote)
        end = start + len(observation.citation.quote)
        assert any(
            start <= q.span[0] < end
            and q.value == pytest.approx(observation.value)
            and q.indicator == observation.indicator
            and q.unit is not None
            and q.unit.compatible(observation.unit)
            and q.qualifier is observation.qualifier
            for q in quantities(text, DATA)
        ), observation


# -- draft ----------------------------------------------------------------------


def test_draft_of_a_bundled_article_merges_without_problems() -> None:
    original = DATA.source("laodong-2026-02-24")
    text = ARTICLES[original.id]
    records = draft(text, source=_source("laodong-draft", "2026-02-24"))
    assert [d.ordinal for d in records.directives] == [1, 2, 3, 4, 5, 6]
    assert {d.issued_by for d in records.directives} == {"pham-minh-chinh"}
    assert records.directives[0].resolutions == ("57-nq-tw", "72-nq-tw")
    assert records.directives[0].addressee == "the entire health sector"
    assert records.sources[0].text == text
    assert DATA.merge(records).problems() == ()
    # Alone, the draft refers to the bundled official and instruments it does not copy.
    assert {p.message for p in records.problems()} == {
        "unknown official 'pham-minh-chinh'",
        "unknown instrument '57-nq-tw'",
        "unknown instrument '72-nq-tw'",
    }


def test_draft_of_a_new_article() -> None:
    text = (
        "Deputy Prime Minister Tran Hong Ha signed Decision No 1234/QĐ-TTg on the national health data strategy. "
        "The decision sets three tasks.\nFirst, connect every hospital.\nSecond, train 5,000 staff.\n"
        "Third, report to the Government.\nBy 2030, the health insurance coverage rate must reach at least 98%. "
        "In 2025, there were 15 doctors per 10,000 people."
    )
    records = draft(text, source=_source(), dataset=DATA)
    [official] = records.officials
    assert (official.id, official.name, official.roles[0].title) == (
        "tran-hong-ha",
        "Tran Hong Ha",
        "Deputy Prime Minister",
    )
    [resolution] = records.resolutions
    assert (resolution.id, resolution.title) == (
        "1234-qd-ttg",
        "Decision 1234/QĐ-TTg on the national health data strategy",
    )
    assert [d.issued_by for d in records.directives] == ["tran-hong-ha"] * 3
    [target] = records.targets
    assert (target.indicator, target.value, target.set_by, str(target.deadline)) == (
        "health_insurance_coverage",
        98,
        "1234-qd-ttg",
        "2030",
    )
    [observation] = records.observations
    assert (observation.indicator, observation.value, str(observation.as_of)) == ("doctors_per_10k", 15, "2025")
    for record in records:
        for citation in getattr(record, "citations", ()) or (getattr(record, "citation", None),):
            assert citation is None or citation.quote in text
    assert DATA.merge(records).problems() == ()


def test_a_ten_thousand_character_article_drafts_in_well_under_a_second() -> None:
    text = "\n\n".join(ARTICLES.values())
    text = (text * (10_000 // len(text) + 1))[:10_000]
    started = time.perf_counter()
    draft(text, source=_source(), dataset=DATA)
    assert time.perf_counter() - started < 0.5


# -- the command ---------------------------------------------------------------


def _run(*args: str) -> int:
    parser = argparse.ArgumentParser(prog="vnhealth")
    add_parser(parser.add_subparsers(dest="command"))
    arguments = parser.parse_args(["extract", *args])
    return int(arguments.handler(arguments))


def test_command_writes_a_draft_that_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "new-article.txt"
    article.write_text(
        " date 2026-03-05 Director of the hospital Nguyen Van Binh presented Plan 12/KH-BV on hospital quality. "
        "He set out two tasks.\nFirst, cut waiting times.\nSecond, train nurses.\n",
        encoding="utf-8",
    )
    assert _run(str(article), "--outlet", "Test", "--url", "https://example.org/a") == 0
    out = tmp_path / "new-article.draft.toml"
    assert "wrote" in capsys.readouterr().out
    records = vnhealth.load(out)
    assert records.sources[0].published == pendulum.Date(2026, 3, 5)
    assert records.sources[0].language == "en"
    assert [o.id for o in records.officials] == ["nguyen-van-binh"]
    assert [d.issued_by for d in records.directives] == ["nguyen-van-binh", "nguyen-van-binh"]
    json_out = tmp_path / "draft.json"
    assert _run(str(article), "--out", str(json_out), "--source-id", "a1", "--published", "2026-03-06") == 0
    assert vnhealth.load(json_out).sources[0].id == "a1"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("missing.txt",), "cannot read"),
        (("{article}", "--published", "2026-13-01"), "error"),
        (("{article}", "--out", "draft.csv"), "ending in .toml or .json"),
        (("{undated}",), "--published"),
    ],
)
def test_command_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(" date 2026-03-05 Text.", encoding="utf-8")
    undated = tmp_path / "b.txt"
    undated.write_text("Text without a date.", encoding="utf-8")
    filled = [arg.format(article=article, undated=undated) for arg in args]
    filled = [str(tmp_path / arg) if arg == "missing.txt" else arg for arg in filled]
    assert _run(*filled) == 2
    error = capsys.readouterr().err
    assert error.startswith("vnhealth: error:")
    assert message in error
    assert error.count("\n") == 1


# -- edges ----------------------------------------------------------------------


def test_draft_kinds_and_repeats() -> None:
    text = (
        "Luật số 99/2026/QH15 and Nghị quyết 300/2026/QH15 follow Decree 31/2026/NĐ-CP, Directive 52-CT/TW, "
        "letter 5906/BYT-VPB1 and Plan 12-KH/TW. Decree 31/2026/NĐ-CP again. "
        "Mr Nguyen Van Binh spoke; Director Nguyen Van Binh spoke again.\n"
        "By 2030, life expectancy must reach 76 years."
    )
    records = draft(text, source=_source(), dataset=EMPTY)
    kinds = {r.id: r.kind.value for r in records.resolutions}
    assert kinds == {
        "99-2026-qh15": "law",
        "300-2026-qh15": "national_assembly_resolution",
        "31-2026-nd-cp": "decree",
        "52-ct-tw": "party_directive",
        "5906-byt-vpb1": "other",
        "12-kh-tw": "action_plan",
    }
    [person] = records.officials
    assert [role.title for role in person.roles] == ["Mr", "Director"]
    # No known indicator and no instrument to set a target: no values.
    assert (records.observations, records.targets) == ((), ())


def test_draft_without_anyone_named() -> None:
    records = draft("Two tasks. First, plan. Second, act.", source=_source(), dataset=EMPTY)
    assert {d.issued_by for d in records.directives} == {"unknown"}


def test_targets_need_an_instrument() -> None:
    records = draft("By 2030, health insurance coverage will reach 98%.", source=_source(), dataset=DATA)
    assert (records.observations, records.targets) == ((), ())


def test_a_shared_given_name_is_settled_by_the_title() -> None:
    people = (
        vnhealth.Official(id="lan-a", name="Đào Hồng Lan", roles=DATA.official("dao-hong-lan").roles),
        vnhealth.Official(id="lan-b", name="Nguyễn Thị Lan"),
    )
    data = Dataset(officials=people)
    [mention] = officials("Minister Lan spoke, then Ms Lan.", data)
    assert mention.official is not None
    assert mention.official.id == "lan-a"


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("coverage of 95% or more", 95, Unit.PERCENT, Qualifier.AT_LEAST),
        ("infant mortality of 12.5‰", 12.5, Unit.PER_1K_LIVE_BIRTHS, Qualifier.EXACT),
        ("a birth rate of 14‰", 14, Unit.PER_1K_PEOPLE, Qualifier.EXACT),
        ("2.1 doctors per 1,000 people", 2.1, Unit.PER_1K_PEOPLE, Qualifier.EXACT),
        ("30 cases per 100,000 people", 30, Unit.PER_100K_PEOPLE, Qualifier.EXACT),
        ("a budget of US$ 5 billion", 5e9, None, Qualifier.EXACT),
        ("khoảng 2 triệu người", 2e6, Unit.COUNT, Qualifier.ABOUT),
    ],
)
def test_more_quantities(text: str, value: float, unit: Unit | None, qualifier: Qualifier) -> None:
    found = quantities(text, EMPTY)[-1]
    assert (found.value, found.unit, found.qualifier) == (pytest.approx(value), unit, qualifier)


def test_days_before_months_are_not_quantities() -> None:
    assert quantities("on 24 February and ngày 9 tháng 9", EMPTY) == ()


def test_number_edges() -> None:
    assert _numbers("72-NQ/TW mở đầu") == ["72-NQ/TW"]
    assert _numbers("Resolution 282/NQ-CP - WHO welcomed it") == ["282/NQ-CP"]
    assert _numbers("file 72-NQ/TW.html, 1.572-NQ/TW, 72-XY/TW, P.72-NQ/TW") == []
