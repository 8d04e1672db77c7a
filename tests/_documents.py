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
