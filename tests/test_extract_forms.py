"""vnhealth.extract on every form issue 11 names, the development corpus's figures, and bad input (issue 12)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import vnhealth
from vnhealth import Dataset, Qualifier, Source, Unit, VnhealthError
from vnhealth._errors import InvalidInput
from vnhealth._names import strip_titles
from vnhealth._titles import TITLES
from vnhealth.extract import document_numbers, draft, enumeration, not_quantities, officials, quantities

DATA = vnhealth.load()
EMPTY = Dataset()
ROOT = Path(__file__).resolve().parent.parent


def _load_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extract_eval", ROOT / "benchmarks" / "extract_eval.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["extract_eval"] = module  # attrs resolves the module's classes through sys.modules
    spec.loader.exec_module(module)
    return module


EVAL = _load_eval()


def _source() -> Source:
    return Source(id="forms", outlet="Test", title="t", url="", published=pendulum.Date(2026, 3, 1), language="en")


# -- the development corpus -------------------------------------------------------


def test_the_development_corpus_has_three_hundred_labels_in_both_languages() -> None:
    passages = EVAL.parse((ROOT / "tests" / "corpus" / "extract_dev.txt").read_text(encoding="utf-8"))
    labels = [label for passage in passages for label in passage.labels]
    assert len(labels) >= 300
    assert {label.kind for label in labels} == {"numbers", "officials", "quantities", "items"}
    vietnamese = [
        p for p in passages if any(char in p.text for char in "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ")
    ]
    assert len(vietnamese) >= 50
    assert len(passages) - len(vietnamese) >= 50
    for passage in passages:
        for label in passage.labels:
            assert passage.text[label.start : label.end] == label.text


@pytest.mark.parametrize("corpus", ["extract_dev.txt", "extract_heldout.txt"])
def test_the_corpora_meet_the_issue_targets(corpus: str) -> None:
    passages = EVAL.parse((ROOT / "tests" / "corpus" / corpus).read_text(encoding="utf-8"))
    scores = EVAL.evaluate(passages, DATA)
    assert scores["numbers"].recall >= 0.98
    assert scores["numbers"].precision >= 0.98
    assert scores["officials"].recall >= 0.95
    assert scores["quantities"].recall >= 0.90
    assert scores["quantities"].precision >= 0.90
    assert scores["items"].recall >= 0.80
    assert scores["items"].misses[-1].endswith(": 0")  # no false list in a passage without one


# -- officials ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Lawmaker Pham Thi Thanh said so.", "Pham Thi Thanh", "Lawmaker"),
        ("National Assembly Delegate Le Van Hai spoke.", "Le Van Hai", "National Assembly Delegate"),
        (
            "Vo Thi Minh - Director of the Department of Health, said",
            "Vo Thi Minh",
            "Director of the Department of Health",
        ),
        (
            "Cục trưởng Cục Quản lý Dược (Bộ Y tế) Vũ Văn Bình nói",
            "Vũ Văn Bình",
            "Cục trưởng Cục Quản lý Dược (Bộ Y tế)",
        ),
        ("Phó Chủ tịch UBND tỉnh Nghệ An Bùi Văn Long dự họp.", "Bùi Văn Long", "Phó Chủ tịch UBND tỉnh Nghệ An"),
        ("Tổng Biên tập Báo Nhân Dân Lê Quốc Minh phát biểu.", "Lê Quốc Minh", "Tổng Biên tập Báo Nhân Dân"),
        (
            "đồng chí Trần Văn Sơn, Ủy viên Trung ương Đảng, Bộ trưởng, cho biết",
            "Trần Văn Sơn",
            "Ủy viên Trung ương Đảng",
        ),
        ("Vice Minister Nguyen Thi\nHoa announced it.", "Nguyen Thi\nHoa", "Vice Minister"),
        (
            "NGUYỄN VĂN TOÀN, Giám đốc Trung tâm Y tế huyện, phát biểu.",
            "NGUYỄN VĂN TOÀN",
            "Giám đốc Trung tâm Y tế huyện",
        ),
    ],
)
def test_titled_people_the_data_does_not_know(text: str, name: str, title: str) -> None:
    [mention] = officials(text, DATA)
    assert (mention.official, mention.name, mention.title) == (None, name, title)
    assert mention.title_span is not None
    assert text[slice(*mention.title_span)] == title
    assert text[slice(*mention.span)] == mention.text


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "Dr. Kidong Park, WHO Representative in Viet Nam, praised it.",
            "Kidong Park",
            "WHO Representative in Viet Nam",
        ),
        ("Director-General Tedros Adhanom Ghebreyesus spoke.", "Tedros Adhanom Ghebreyesus", "Director-General"),
        ("President Joe Biden arrived.", "Joe Biden", "President"),
    ],
)
def test_people_with_foreign_names(text: str, name: str, title: str) -> None:
    [mention] = officials(text, DATA)
    assert (mention.official, mention.name, mention.title) == (None, name, title)


def test_capitalised_organisations_after_a_title_are_not_people() -> None:
    assert officials("The President Office Building and Minister Of Health Affairs were closed.", DATA) == ()
    # A headline in title case: its capitals say nothing; the sentence below it names a person.
    found = officials("President Receives Ambassador In Hanoi\n\nThe president received Ambassador Marc Knapper.", DATA)
    assert [(m.title, m.name) for m in found] == [("Ambassador", "Marc Knapper")]


@pytest.mark.parametrize(
    "text",
    [
        "Vụ trưởng Vụ Bảo hiểm y tế trình bày.",  # Vụ (a department) is not the family name Vũ
        "Thủ tướng Chính phủ ban hành quyết định.",  # Chính phủ (the Government) is not PM Chính
        "Giám đốc Trung tâm Kiểm soát bệnh tật phát biểu.",  # Trung tâm (a centre) is not Lê Hoài Trung
        "The Deputy Director of the Ho Chi Minh City Department of Health spoke.",  # a city, not a person
    ],
)
def test_organisations_and_places_are_not_people(text: str) -> None:
    assert officials(text, DATA) == ()


def test_draft_proposes_the_new_official_with_a_cited_role() -> None:
    text = "Speaking in Hanoi, Deputy Minister of Health Tran Van Binh said the plan was ready."
    [official] = draft(text, source=_source(), dataset=DATA).officials
    assert (official.name, official.roles[0].title) == ("Tran Van Binh", "Deputy Minister of Health")
    assert official.roles[0].citation.quote in text
    assert "Tran Van Binh" in official.roles[0].citation.quote


def test_one_table_of_titles_serves_the_name_lookup() -> None:
    assert "dai bieu quoc hoi" in TITLES
    assert "lawmaker" in TITLES
    assert strip_titles("Đại biểu Quốc hội Tô Lâm") == "to lam"
    assert strip_titles("Tổng Biên tập Lê Quốc Minh") == "le quoc minh"


# -- enumerations ---------------------------------------------------------------


def _items(text: str) -> list[tuple[int, str]]:
    return [(item.ordinal, item.text) for found in enumeration(text) for item in found.items]


def test_an_announced_count_then_the_items_inline() -> None:
    text = "The law has three policy groups: wider benefits; a higher base; and payment by case. Next."
    [found] = enumeration(text)
    assert [(i.ordinal, i.text) for i in found.items] == [
        (1, "wider benefits"),
        (2, "a higher base"),
        (3, "payment by case"),
    ]
    assert (found.announced, found.complete) == (3, True)
    for item in found.items:
        assert text[slice(*item.span)] == item.text
    commas = "It names four pillars: laws, people, data and money."
    assert [i for i, _ in _items(commas)] == [1, 2, 3, 4]
    assert _items("It names four pillars: laws, people and money.") == []  # three parts, four announced


def test_lines_without_markers_under_a_heading() -> None:
    text = "Key tasks for 2026\n\nBuild stations\nTrain doctors\nConnect records\n\nThe ministry reports in June."
    assert _items(text) == [(1, "Build stations"), (2, "Train doctors"), (3, "Connect records")]
    # Ordinary paragraphs under a title are not a list.
    assert _items("Hospitals\n\nThe ministry met on Monday.\nIt agreed the budget.\n") == []


@pytest.mark.parametrize("bullet", ["-", "•", "+"])
def test_bullets(bullet: str) -> None:
    text = f"The plan asks provinces to:\n{bullet} screen adults;\n{bullet} keep records;\n{bullet} report monthly.\n"
    assert _items(text) == [
        (1, f"{bullet} screen adults;"),
        (2, f"{bullet} keep records;"),
        (3, f"{bullet} report monthly."),
    ]


def test_numbered_lines_with_a_dash_or_a_bracket() -> None:
    dashed = "Nhiệm vụ:\n1 - Kiện toàn bộ máy.\n2 - Nâng cao chất lượng.\n"
    assert _items(dashed) == [(1, "1 - Kiện toàn bộ máy."), (2, "2 - Nâng cao chất lượng.")]
    bracketed = "Focus:\n1) waiting times,\n2) stroke units.\n"
    assert [i for i, _ in _items(bracketed)] == [1, 2]


def test_numbers_and_letters_with_a_slash() -> None:
    text = (
        "Giải pháp:\n1/ Tăng cường đào tạo.\n2/ Đổi mới tài chính.\n\nYêu cầu:\na/ Báo cáo hằng tháng;\nb/ Kiểm tra.\n"
    )
    assert [(i, t) for i, t in _items(text)] == [
        (1, "1/ Tăng cường đào tạo."),
        (2, "2/ Đổi mới tài chính."),
        (1, "a/ Báo cáo hằng tháng;"),
        (2, "b/ Kiểm tra."),
    ]
    assert quantities(text, EMPTY) == ()


def test_an_unnumbered_paragraph_between_worded_items_takes_its_place() -> None:
    text = (
        "The third task is to build a database.\n\nThe ministry will also publish prices.\n\n"
        "The fifth point of focus is to reform training."
    )
    assert _items(text) == [
        (3, "The third task is to build a database."),
        (4, "The ministry will also publish prices."),
        (5, "The fifth point of focus is to reform training."),
    ]


def test_vietnamese_next_and_last() -> None:
    text = (
        "Thứ nhất, hoàn thiện thể chế. Thứ hai, bảo đảm nhân lực. Tiếp theo, đầu tư thiết bị. "
        "Cuối cùng, đổi mới tài chính."
    )
    assert [i for i, _ in _items(text)] == [1, 2, 3, 4]


def test_no_list_in_plain_prose() -> None:
    for text in [
        "For the first time, all provinces reported on time. There are two ways to read it.",
        "Thứ Hai, ngày 5/1, Bộ Y tế họp giao ban.",
        "He said:\nThe hospital is full, and we need help from the city as soon as possible because the winter is long "
        "and the patients keep coming from all the provinces around here, which we cannot refuse.\nWe will try.\n",
    ]:
        assert enumeration(text) == ()


# -- quantities -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "value_max", "unit", "qualifier"),
    [
        ("the province has ten district hospitals", 10, None, Unit.COUNT, Qualifier.EXACT),
        ("adults one to two times a year", 1, 2, Unit.COUNT, Qualifier.EXACT),
        ("a check once a year", 1, None, Unit.COUNT, Qualifier.EXACT),
        ("Tỉnh có hai bệnh viện tuyến tỉnh", 2, None, Unit.COUNT, Qualifier.EXACT),
        ("được khám miễn phí mỗi năm một lần", 1, None, Unit.COUNT, Qualifier.EXACT),
        ("the budget is VND6 trillion", 6e12, None, None, Qualifier.EXACT),
        ("tổng vốn 68.000 tỉ đồng", 6.8e13, None, None, Qualifier.EXACT),
        ("a loan of US$227.82 million", 227.82e6, None, None, Qualifier.EXACT),
        ("46 per 100,000 live births", 46, None, Unit.PER_100K_LIVE_BIRTHS, Qualifier.EXACT),
        ("còn 46/100.000 trẻ đẻ sống", 46, None, Unit.PER_100K_LIVE_BIRTHS, Qualifier.EXACT),
        ("tử vong trẻ em là 12,5‰", 12.5, None, Unit.PER_1K_LIVE_BIRTHS, Qualifier.EXACT),
        ("tuổi thọ đạt 74,8 tuổi", 74.8, None, Unit.YEARS, Qualifier.EXACT),
        ("cần thêm 1.700 bác sĩ", 1700, None, Unit.COUNT, Qualifier.EXACT),
        ("spending will rise by 12–15%", 12, 15, Unit.PERCENT, Qualifier.EXACT),
        ("each commune will have 4-5 doctors", 4, 5, Unit.COUNT, Qualifier.EXACT),
        ("mỗi trạm cần từ 3 đến 5 nhân viên", 3, 5, Unit.COUNT, Qualifier.EXACT),
        ("occupancy stays below 90%", 90, None, Unit.PERCENT, Qualifier.UNDER),
        ("tỷ lệ thấp còi dưới 15%", 15, None, Unit.PERCENT, Qualifier.UNDER),
        ("Ninety per cent of communes", 90, None, Unit.PERCENT, Qualifier.EXACT),
    ],
)
def test_every_form_of_number(
    text: str, value: float, value_max: float | None, unit: Unit | None, qualifier: Qualifier
) -> None:
    [found] = quantities(text, EMPTY)
    assert (found.value, found.value_max, found.unit, found.qualifier) == (
        pytest.approx(value),
        pytest.approx(value_max),
        unit,
        qualifier,
    )
    assert text[slice(*found.span)] == found.text


@pytest.mark.parametrize(("text", "total"), [("so far 34/34 provinces", 34), ("tổng cộng 13/13 bệnh viện", 13)])
def test_counts_out_of_a_whole(text: str, total: float) -> None:
    [found] = quantities(text, EMPTY)
    assert (found.value, found.total) == (total, total)


@pytest.mark.parametrize(
    ("text", "written", "reason"),
    [
        ("children aged 6-59 months", "6", "age"),
        ("women aged 15–49 years", "15", "age"),
        ("children under 5 years old", "5", "age"),
        ("screen adults over 40 for it", "40", "age"),
        ("Trẻ em dưới 6 tuổi được cấp thẻ", "6", "age"),
        ("protection lasts for 10 years", "10", "duration"),
        ("nằm viện 10 ngày", "10", "duration"),
        ("four weeks apart", "four", "duration"),
        ("it broke out at 2:30 am", "2", "time"),
        ("từ 8h30 đến 11h", "8", "time"),
        ("Ngày 29 Tết, đoàn đến thăm", "29", "date"),
        ("vào mùng 6 Tết", "6", "date"),
        ("on 1 January 2026", "1", "date"),
        ("trước ngày 15/3", "15/3", "date"),
        ("in 2025", "2025", "year"),
        ("from 1955–2026", "1955–2026", "year"),
        ("Article 5 was amended", "5", "section or identifier"),
        ("Khoản 3 Điều 22", "3", "section or identifier"),
        ("Plan:\n1. Reform.\n", "1", "list marker"),
        ("(1) institutions", "1", "list marker"),
        ("passed with 450 of 470 deputies voting in favour", "450", "vote count"),
        ("Với 462/466 đại biểu tán thành", "462/466", "vote count"),
        ("under Decision 388/QĐ-TTg", "388", "document number"),
        ("per 10,000 people", "10,000", "rate denominator"),
        ("trực 24/24 giờ", "24/24", "time"),
        ("the 71st anniversary", "71", "ordinal or code"),
    ],
)
def test_what_is_not_a_quantity_and_why(text: str, written: str, reason: str) -> None:
    assert quantities(text, EMPTY) == ()
    assert (written, reason) in [(text[slice(*span)], why) for span, why in not_quantities(text)]


@pytest.mark.parametrize(
    ("text", "value", "value_max"),
    [
        ("two or three hospitals", 2, 3),
        ("twenty-five doctors", 25, None),
        ("có hai đến ba bệnh viện", 2, 3),
        ("five of them died", 5, None),
    ],
)
def test_more_number_words(text: str, value: float, value_max: float | None) -> None:
    [found] = quantities(text, EMPTY)
    assert (found.value, found.value_max) == (value, value_max)


@pytest.mark.parametrize(
    "text",
    [
        "one hospital opened",  # "one" alone is an article
        "two of the ministries agreed",  # a number word that counts nothing after it
        "they met once again",
        "một bệnh viện mới",  # "một" is "a"
        "the ratio 45/30",  # not a part of a whole
    ],
)
def test_words_and_shapes_that_count_nothing(text: str) -> None:
    assert quantities(text, EMPTY) == ()


def test_reasons_in_context() -> None:
    assert ("18", "age") in [
        (t[slice(*s)], r) for t in ["Smoking under 18 years old is banned."] for s, r in not_quantities(t)
    ]
    assert [r for _, r in not_quantities("see the file 12_report.pdf")] == ["address"]


def test_lists_that_are_not_lists() -> None:
    interview = (
        "- Why did the hospital run out of drugs last winter, when the ministry had promised enough stock for all "
        "the provinces and the bidding had been finished early, and what will you and the other directors of the "
        "central hospitals do about it this year?\n"
        "- Because the supplier failed.\n- And now?\n"
    )
    assert enumeration(interview) == ()  # a long turn after a dash: an interview, not a list
    assert enumeration("It sets two tasks: plan; .") == ()  # an empty part
    assert enumeration("Finally, it ended.") == ()  # a last item with nothing before it
    assert [i for i, _ in _items("First, plan. Second, act. First, again. Second, more.")] == [1, 2, 1, 2]


@pytest.mark.parametrize(
    ("text", "value", "total"),
    [
        ("completed 3/3 of the main targets", 3, 3),
        ("exceeded 8 out of 9 targets", 8, 9),
        ("là 1 trong 5 tỉnh có tỷ lệ cao nhất", 1, 5),
    ],
)
def test_counts_out_of_a_whole_in_words(text: str, value: float, total: float) -> None:
    [found] = quantities(text, EMPTY)
    assert (found.value, found.total) == (value, total)


@pytest.mark.parametrize(
    ("text", "written", "reason"),
    [
        ("chiến dịch cho trẻ từ 1 - 14 tuổi", "1 - 14", "age"),
        ("under Resolution 01/2024 of the Government", "01/2024", "section or identifier"),
        ("the forecast for 01/2024 was low", "01/2024", "date"),
        ("tỷ lệ tiêm mũi 1 cao nhất", "1", "section or identifier"),
    ],
)
def test_more_numbers_that_are_not_quantities(text: str, written: str, reason: str) -> None:
    assert quantities(text, EMPTY) == ()
    assert [(text[slice(*span)], why) for span, why in not_quantities(text)] == [(written, reason)]


def test_both_bounds_of_an_age_range() -> None:
    text = "tiêm cho trẻ từ 5 đến dưới 12 tuổi"
    assert quantities(text, EMPTY) == ()
    assert [(text[slice(*span)], why) for span, why in not_quantities(text)] == [("5", "age"), ("12", "age")]


def test_page_furniture_is_not_a_quantity() -> None:
    assert quantities("Thứ 6, 29/03/2024, 18:44 [GMT+7]", EMPTY) == ()


def test_a_bullet_alone_on_its_line() -> None:
    text = "The focus will include:\n-\nStreamlining the apparatus.\n-\nBoosting the industry.\n\nMore text."
    assert _items(text) == [(1, "-\nStreamlining the apparatus."), (2, "-\nBoosting the industry.")]


def test_an_english_title_after_the_name_ends_before_the_verb() -> None:
    text = "Le Thi Hoai Chung - Director of the Department of Health chaired the meeting."
    [mention] = officials(text, DATA)
    assert mention.title == "Director of the Department of Health"


def test_an_office_after_the_name_is_preferred_to_a_rank_before_it() -> None:
    text = "ThS Lê Ngọc Danh – trưởng phòng nghiệp vụ dược Sở Y tế cho biết."
    [mention] = officials(text, DATA)
    assert (mention.name, mention.title) == ("Lê Ngọc Danh", "trưởng phòng nghiệp vụ dược Sở Y tế")


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "Đồng chí Đặng Thị Ngọc - TUV, Phó trưởng Đoàn ĐBQH tỉnh chủ trì hội nghị.",
            "Đặng Thị Ngọc",
            "Phó trưởng Đoàn ĐBQH tỉnh",
        ),
        ("Phó Chủ tịch Quốc hội Tòng Văn Phóng điều khiển phiên họp.", "Tòng Văn Phóng", "Phó Chủ tịch Quốc hội"),
        (
            "Chủ nhiệm Uỷ ban về các vấn đề xã hội của Quốc hội Trương Văn Mai trình bày.",
            "Trương Văn Mai",
            "Chủ nhiệm Uỷ ban về các vấn đề xã hội của Quốc hội",
        ),
        ("Tổng Thư ký Quốc hội Bùi Văn Cường cho biết.", "Bùi Văn Cường", "Tổng Thư ký Quốc hội"),
    ],
)
def test_more_vietnamese_titles(text: str, name: str, title: str) -> None:
    [mention] = officials(text, DATA)
    assert (mention.name, mention.title) == (name, title)


def test_a_hospital_named_after_a_city_is_not_a_person() -> None:
    found = officials("đại biểu Nguyễn Lân Bình - Giám đốc BV Y Hà Nội thay mặt ngành y tế.", DATA)
    assert [m.name for m in found] == ["Nguyễn Lân Bình"]


def test_a_persons_age_is_not_a_quantity() -> None:
    text = "Bà Nguyễn Thị Hoa, 51 tuổi, quê Hải Dương."
    assert quantities(text, EMPTY) == ()
    assert [reason for _, reason in not_quantities(text)] == ["age"]


def test_a_party_personnel_decision() -> None:
    [found] = document_numbers("Quyết định số 568-QĐNS/TW ngày 14/7/2022", EMPTY)
    assert (str(found.number), found.number.type_name) == ("568-QĐNS/TW", "personnel decision")


def test_money_in_brackets_is_money() -> None:
    text = "Costs rose from VNĐ900,000 (US$36) to VNĐ1.2 million ($48)."
    assert [(q.text, q.value) for q in quantities(text, EMPTY)] == [
        ("VNĐ900,000", 900_000),
        ("US$36", 36),
        ("VNĐ1.2 million", 1_200_000),
        ("$48", 48),
    ]


def test_a_province_is_not_a_person() -> None:
    text = "Head of the National Assembly delegation of Thai Binh province chaired the session at group 10."
    assert officials(text, DATA) == ()
    assert quantities(text, EMPTY) == ()


def test_a_count_links_to_an_indicator_only_by_what_it_counts() -> None:
    text = (
        "The minister set out five tasks for commune health stations; all 10,035 stations report, with 2 doctors each."
    )
    linked = [(q.value, q.indicator) for q in quantities(text, DATA)]
    assert linked == [(5, None), (10_035, None), (2, "doctors_per_commune_health_station")]


def test_the_marker_of_a_point_of_focus() -> None:
    [found] = enumeration("The fourth point is to plan. The fifth point of focus is training.")
    assert [item.marker for item in found.items] == ["The fourth point", "The fifth point of focus"]


def test_huge_digit_runs_are_skipped() -> None:
    text = "1" * 4301
    # Digit runs are read fifteen digits at most: a longer run is no number anyone reports.
    assert quantities(text, EMPTY) == ()
    assert not_quantities(text) == ()
    assert [q.value for q in quantities(f"{text} 999,999,999,999,999 người", EMPTY)] == [999_999_999_999_999]
    assert isinstance(draft(f"In 2025 the count was {text} people.", source=_source(), dataset=DATA), Dataset)


# -- document numbers -----------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Kế hoạch số 18-KH/BCDTW", "18-KH/BCĐTW"),
        ("Nghị quyết 08-NQ/BCSD", "08-NQ/BCSĐ"),
        ("Nghị quyết 05-NQ/ĐU", "05-NQ/ĐU"),
        ("Thông báo số 45-TB/TW", "45-TB/TW"),
        ("Thông báo 123/TB-VPCP", "123/TB-VPCP"),
        ("Chương trình hành động số 14-CTr/HU", "14-CTr/HU"),
        ("Hướng dẫn 115-HD/BTGTW", "115-HD/BTGTW"),
        ("Official Dispatch No 29/CD-TTg", "29/CĐ-TTg"),
        ("Decree 96/2023/ND-CP", "96/2023/NĐ-CP"),
        ("Quy định số 37-QĐi/TW", "37-QĐi/TW"),
        ("Nghị quyết số 20-NQ/TƯ", "20-NQ/TW"),
        ("Quyết định số 568-QĐNS/TW", "568-QĐNS/TW"),
    ],
)
def test_more_issuer_codes_and_ascii_spellings(written: str, canonical: str) -> None:
    [found] = document_numbers(written, EMPTY)
    assert str(found.number) == canonical


# -- bad input (issue 12) -----------------------------------------------------------

_FUNCTIONS: list[tuple[str, Any]] = [
    ("document_numbers", lambda value: document_numbers(value, EMPTY)),
    ("officials", lambda value: officials(value, DATA)),
    ("enumeration", enumeration),
    ("quantities", lambda value: quantities(value, EMPTY)),
    ("not_quantities", not_quantities),
    ("draft", lambda value: draft(value, source=_source(), dataset=DATA)),
]


@pytest.mark.parametrize(("name", "function"), _FUNCTIONS)
@pytest.mark.parametrize("value", [None, 42, b"bytes", ["a list"], 3.5])
def test_a_non_string_is_a_vnhealth_type_error(name: str, function: Any, value: object) -> None:
    with pytest.raises(InvalidInput, match=name) as raised:
        function(value)
    assert isinstance(raised.value, VnhealthError)
    assert isinstance(raised.value, TypeError)


def test_other_arguments_of_the_wrong_type() -> None:
    with pytest.raises(InvalidInput):
        quantities("5%", dataset="data")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        officials("Mr Tran Van A", dataset=42)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        draft("text", source="a source")  # type: ignore[arg-type]


@given(st.one_of(st.text(), st.binary(), st.integers(), st.none(), st.lists(st.text(max_size=3), max_size=3)))
def test_every_public_function_returns_or_raises_only_vnhealth_errors(value: object) -> None:
    for _, function in _FUNCTIONS:
        try:
            function(value)
        except VnhealthError:
            assert not isinstance(value, str)


_FILLER = st.text(alphabet=st.sampled_from("abcdefghij xyzđêô.,;\n"), max_size=30)


@given(
    _FILLER, st.integers(1, 10**9), st.sampled_from(["%", " per cent", " bác sĩ", " hospitals", " tỷ đồng"]), _FILLER
)
def test_a_number_inserted_into_random_text_is_found_once(left: str, value: int, unit: str, right: str) -> None:
    written = f"{value:,}".replace(",", ".") if "đ" in unit or "á" in unit else f"{value:,}"
    text = f"{left} đạt {written}{unit} . {right}"
    start = len(left) + len(" đạt ")
    overlapping = [q for q in quantities(text, EMPTY) if q.span[0] < start + len(written) and start < q.span[1]]
    assert len(overlapping) == 1
    assert overlapping[0].value == pytest.approx(value * (1e9 if "tỷ" in unit else 1))


@given(
    st.lists(st.text(alphabet=st.sampled_from("abcdef ghiđ"), min_size=1, max_size=20), min_size=2, max_size=6),
    st.sampled_from(["{n}. ", "{n}) ", "({n}) ", "{n} - ", "{n}/ ", "- ", "• ", "+ "]),
)
def test_list_markers_never_become_quantities(bodies: list[str], marker: str) -> None:
    text = "Tasks:\n" + "".join(f"{marker.format(n=n)}{body}\n" for n, body in enumerate(bodies, start=1))
    assert quantities(text, EMPTY) == ()
