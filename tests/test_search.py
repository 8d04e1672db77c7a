"""Search on whole syllables and phrases, ranked: examples on the bundled data and the rule as properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vnhealth
from vnhealth._search import entries, holds_phrase, rank, words

DATA = vnhealth.load()
ENTRIES = entries(DATA)


def _text_words(record: object) -> str:
    entry = next(entry for entry in ENTRIES if entry.record is record)
    return entry.text


def test_a_vietnamese_phrase_finds_only_records_holding_its_syllables() -> None:
    found = vnhealth.search("y tế cơ sở")
    assert found, "the bundled data speaks of grassroots health care"
    for record in found:
        text = _text_words(record)
        assert all(f" {word} " in text for word in ("y", "te", "co", "so"))
    # A single letter is a syllable, not a piece of one: "y" is not found inside "quy" or "my".
    for record in vnhealth.search("y"):
        assert " y " in _text_words(record)
    assert len(vnhealth.search("y")) < len(DATA.directives)


def test_phrase_matches_rank_before_scattered_words() -> None:
    found = vnhealth.search("y tế")
    tiers = [" y te " in _text_words(record) for record in found]
    # Every record holding the phrase comes before every record holding only the words.
    assert tiers == sorted(tiers, reverse=True)


def test_the_instrument_a_number_names_comes_first() -> None:
    for query in ("72-NQ/TW", "72/NQ-TW", "72-nq-tw"):
        assert vnhealth.search(query)[0] is vnhealth.resolution("72-NQ/TW")
    assert vnhealth.search("to-lam")[0] is vnhealth.official("To Lam")
    assert vnhealth.search("Tô Lâm")[0] is vnhealth.official("To Lam")


def test_no_words_no_results() -> None:
    assert vnhealth.search("  ... ") == ()


def test_addressees_match_whole_words() -> None:
    assert holds_phrase("units under the Ministry of Health", "MINISTRY OF HEALTH")
    assert not holds_phrase("the health sector", "heal")
    assert not holds_phrase("Ministry of Health", "health ministry")
    assert not holds_phrase("anything", "")


_SYLLABLES = st.sampled_from(["y", "te", "co", "so", "quy", "tế", "Y", "sở", "72", "nq", "tw", "health", "cơ"])
_QUERIES = st.lists(_SYLLABLES, min_size=1, max_size=3).map(" ".join)


@given(_QUERIES)
def test_every_result_holds_every_word_whole(query: str) -> None:
    wanted = words(query)
    for record in rank(query, ENTRIES):
        text = _text_words(record)
        assert all(f" {word} " in text for word in wanted)


@given(_QUERIES)
def test_every_record_holding_the_words_is_found_once(query: str) -> None:
    wanted = words(query)
    found = rank(query, ENTRIES)
    holding = [entry.record for entry in ENTRIES if all(word in entry.vocabulary for word in wanted)]
    assert sorted(map(id, found)) == sorted(map(id, holding))


@given(_QUERIES)
def test_phrase_holders_rank_before_the_rest(query: str) -> None:
    phrase = " " + " ".join(words(query)) + " "
    found = rank(query, ENTRIES)
    holds = [phrase in _text_words(record) for record in found]
    exact = [i for i, record in enumerate(found) if vnhealth.fold(query) in _keys(record)]
    rest = holds[len(exact) :] if exact == list(range(len(exact))) else holds
    assert rest == sorted(rest, reverse=True)


def _keys(record: object) -> frozenset[str]:
    return next(entry.keys for entry in ENTRIES if entry.record is record)


@given(st.sampled_from([record for record in DATA if hasattr(record, "id")]))
def test_a_record_is_first_when_its_id_is_asked_for(record: object) -> None:
    found = vnhealth.search(record.id)  # type: ignore[attr-defined]
    assert found[0].id == record.id  # type: ignore[attr-defined]


@pytest.mark.parametrize("query", ["Bạch Mai", "bach mai", "BACH MAI"])
def test_diacritics_and_case_do_not_matter(query: str) -> None:
    assert vnhealth.search(query) == vnhealth.search("Bạch Mai")
    assert vnhealth.search(query)
