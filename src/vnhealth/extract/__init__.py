"""Turn a new article into draft records: document numbers, officials, enumerated lists and indicator values.

Examples:
    >>> from vnhealth.extract import document_numbers
    >>> [str(m.number) for m in document_numbers("Decision No 388/QĐ-TTg implements 261/2025/QH15.")]
    ['388/QĐ-TTg', '261/2025/QH15']

Every result carries the exact ``span`` it was read from:
``text[m.span[0]:m.span[1]] == m.text``. `draft` puts them together into a
`vnhealth.Dataset` for a curator to review; ``python -m vnhealth extract
ARTICLE.txt`` writes that draft as a data file.
"""

from __future__ import annotations

from vnhealth.extract._draft import draft
from vnhealth.extract._enumeration import enumeration
from vnhealth.extract._mentions import Enumeration, EnumerationItem, NumberMention, OfficialMention, Quantity, Span
from vnhealth.extract._numbers import document_numbers
from vnhealth.extract._officials import officials
from vnhealth.extract._quantities import not_quantities, quantities

__all__ = [
    "Enumeration",
    "EnumerationItem",
    "NumberMention",
    "OfficialMention",
    "Quantity",
    "Span",
    "document_numbers",
    "draft",
    "enumeration",
    "not_quantities",
    "officials",
    "quantities",
]
