"""Data-file records as plain tables, for tests that write their own small data files."""

from __future__ import annotations

from typing import Any


def source_document(**changes: Any) -> dict[str, Any]:
    """A valid source record as a data file holds it, with ``changes`` applied."""
    return {
        "id": "s",
        "outlet": "O",
        "title": "T",
        "url": "https://example.org",
        "published": "2025-01-01",
        "language": "en",
    } | changes


def small_document(*, name: str = "Nguyễn Văn A", outlet: str = "O") -> dict[str, Any]:
    """A small valid dataset: a source with its text, an official, and a directive that quotes the source."""
    return {
        "sources": [source_document(outlet=outlet, text="There are more doctors now.")],
        "officials": [{"id": "o", "name": name}],
        "directives": [
            {
                "id": "d",
                "text": "Train doctors.",
                "issued_by": "o",
                "issued_on": "2025-01-02",
                "addressee": "",
                "citation": {"source": "s", "quote": "doctors"},
            }
        ],
    }
