"""The checks of a dataset: quotes are found by an index exactly when a plain search finds them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vnhealth._validate import _INDEX_FROM, _absent

words = st.text(alphabet="aăâbcdđeêy tế,.-", min_size=0, max_size=12)


@given(st.lists(words, min_size=1, max_size=60).map(" ".join), st.data())
def test_the_quote_index_agrees_with_a_plain_search(text: str, data: st.DataObject) -> None:
    # Spans of the text (at word starts and inside words) and strings that may or may not be in it.
    spans = data.draw(
        st.lists(
            st.tuples(st.integers(0, len(text)), st.integers(1, 40)).map(lambda ab: text[ab[0] : ab[0] + ab[1]]),
            min_size=_INDEX_FROM,
            max_size=_INDEX_FROM + 20,
        )
    )
    others = data.draw(st.lists(words.filter(bool), max_size=20))
    quotes = {quote for quote in spans + others if quote}
    assert _absent(text, quotes) == {quote for quote in quotes if quote not in text}
