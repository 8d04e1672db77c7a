"""`Results`: what a query returns — a plain tuple that also renders and converts itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, SupportsIndex, TypeVar, overload

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

__all__ = ["Results"]

T = TypeVar("T")


class Results(tuple[T, ...], Generic[T]):
    """A tuple of records that a query returned.

    It is a tuple in every way (equal to the plain tuple of the same records)
    and adds what a notebook user reaches for: an HTML table in Jupyter and
    ``to_pandas()``, ``to_polars()``, ``to_arrow()`` (optional extras).
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        from vnhealth._html import results_html  # noqa: PLC0415 - only in notebooks

        return results_html(self)

    def to_pandas(self) -> pd.DataFrame:
        """The records as a pandas DataFrame (needs ``vnhealth[pandas]``)."""
        from vnhealth._frames import to_pandas  # noqa: PLC0415 - optional dependency

        return to_pandas(self)

    def to_polars(self) -> pl.DataFrame:
        """The records as a polars DataFrame (needs ``vnhealth[polars]``)."""
        from vnhealth._frames import to_polars  # noqa: PLC0415 - optional dependency

        return to_polars(self)

    def to_arrow(self) -> pa.Table:
        """The records as a pyarrow Table (needs ``vnhealth[arrow]``)."""
        from vnhealth._frames import to_arrow  # noqa: PLC0415 - optional dependency

        return to_arrow(self)

    @overload
    def __getitem__(self, index: SupportsIndex) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Results[T]: ...

    def __getitem__(self, index: SupportsIndex | slice) -> T | Results[T]:
        if isinstance(index, slice):
            # A slice of results is still results.
            return Results(super().__getitem__(index))
        return super().__getitem__(index)
