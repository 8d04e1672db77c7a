"""The one table of titles and forms of address that stand before (or after) a person's name.

English and Vietnamese, folded (lower case, Vietnamese without its marks: "bộ
trưởng" is ``"bo truong"``), so that a lookup folds the text and compares. Used
by the core's name lookup (`vnhealth._names`), which strips them from a query,
and by `vnhealth.extract`, which finds people by them. A primitive module: it
imports nothing of vnhealth.
"""

from __future__ import annotations

__all__ = ["ADDRESS", "ENGLISH_TITLES", "RANKS", "TITLES", "VIETNAMESE_TITLES"]

ENGLISH_TITLES: tuple[str, ...] = (
    # Party and State
    "party general secretary",
    "general secretary",
    "secretary general",
    "secretary-general",
    "party chief",
    "party leader",
    "state president",
    "vice president",
    "president",
    "standing deputy prime minister",
    "permanent deputy prime minister",
    "deputy prime minister",
    "prime minister",
    "deputy pm",
    "pm",
    "party central committee secretary",
    "permanent secretary",
    "deputy secretary",
    "secretary",
    # Ministries and their departments
    "acting minister",
    "minister of health",
    "deputy health minister",
    "health minister",
    "deputy minister",
    "vice minister",
    "minister",
    "director-general",
    "director general",
    "deputy director general",
    "deputy director",
    "director of the hospital",
    "hospital director",
    "director",
    "deputy head",
    "head",
    "deputy chief",
    "chief",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "ambassador",
    "representative",
    "chief representative",
    # The National Assembly and local government
    "vice chairman of the national assembly",
    "chairman of the national assembly",
    "national assembly chairman",
    "national assembly chairwoman",
    "na chairman",
    "na chairwoman",
    "national assembly delegate",
    "national assembly deputy",
    "na delegate",
    "na deputy",
    "lawmaker",
    "legislator",
    "deputy",
    "delegate",
    "vice chairman",
    "vice chairwoman",
    "chairman",
    "chairwoman",
    "chairperson",
    "governor",
    "mayor",
    # Institutions, the press
    "rector",
    "editor-in-chief",
    "deputy editor-in-chief",
    "editor in chief",
    "chief justice",
    # Academic, medical and military ranks, forms of address
    "associate professor",
    "assoc. prof.",
    "professor",
    "prof.",
    "prof",
    "doctor",
    "dr.",
    "dr",
    "mr.",
    "mr",
    "mrs.",
    "mrs",
    "ms.",
    "ms",
    "madam",
    "comrade",
    "senior lieutenant general",
    "lieutenant general",
    "major general",
    "colonel general",
    "general",
    "colonel",
)
"""English titles and forms of address, lower case."""

VIETNAMESE_TITLES: tuple[str, ...] = (
    # Party and State
    "tong bi thu",
    "chu tich nuoc",
    "pho chu tich nuoc",
    "thu tuong chinh phu",
    "pho thu tuong chinh phu",
    "pho thu tuong thuong truc",
    "pho thu tuong",
    "thu tuong",
    "uy vien bo chinh tri",
    "uy vien trung uong dang",
    "uy vien",
    "pho bi thu thuong truc",
    "pho bi thu",
    "bi thu",
    "truong ban",
    "pho truong ban",
    "truong doan dai bieu quoc hoi",
    "pho truong doan dai bieu quoc hoi",
    "truong doan",
    "pho truong doan",
    "tong thu ky",
    "thu ky",
    # ministries and their departments
    "quyen bo truong",
    "bo truong bo y te",
    "bo truong",
    "thu truong",
    "cuc truong",
    "pho cuc truong",
    "vu truong",
    "pho vu truong",
    "chanh van phong",
    "pho chanh van phong",
    "chanh thanh tra",
    "vien truong",
    "pho vien truong",
    "tong cuc truong",
    "pho tong cuc truong",
    # the National Assembly and local government
    "chu tich quoc hoi",
    "pho chu tich quoc hoi",
    "dai bieu quoc hoi",
    "dai bieu",
    "chu nhiem",
    "pho chu nhiem",
    "pho chu tich",
    "chu tich",
    "pho giam doc",
    "giam doc",
    # hospitals, schools, the press
    "truong khoa",
    "pho truong khoa",
    "truong phong",
    "pho truong phong",
    "hieu truong",
    "pho hieu truong",
    "tong bien tap",
    "pho tong bien tap",
    "chanh an",
    "bac si",
    "bac sy",
    # ranks and forms of address
    "dai tuong",
    "thuong tuong",
    "trung tuong",
    "thieu tuong",
    "dai ta",
    "dong chi",
    "ong",
    "ba",
    "gs.ts",
    "pgs.ts",
    "ts.bs",
    "ths.bs",
    "gs",
    "pgs",
    "ts",
    "bs",
    "ths",
)
"""Vietnamese titles and forms of address, folded: "bộ trưởng" is ``"bo truong"``."""

TITLES: tuple[str, ...] = ENGLISH_TITLES + VIETNAMESE_TITLES
"""Every title, folded; a matcher tries a longer title before a shorter one it starts with."""

ADDRESS: frozenset[str] = frozenset(
    {"comrade", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "madam", "dong chi", "ong", "ba", "doctor", "dr", "dr."}
)
"""Forms of address: they say nothing about office, so a title written after the name is preferred to them."""

RANKS: frozenset[str] = frozenset(
    {"associate professor", "assoc. prof.", "professor", "prof.", "prof", "gs.ts", "pgs.ts", "ts.bs", "ths.bs", "gs",
     "pgs", "ts", "bs", "ths", "bac si", "bac sy"}
)  # fmt: skip
"""Academic and medical ranks: like forms of address, an office written after the name says more."""
