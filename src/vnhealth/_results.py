"""`Results`: what a query returns — a plain tuple that also renders and converts itself."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Generic, SupportsIndex, TypeVar, overload

from vnhealth._display import HtmlRepr
from vnhealth._frames import to_arrow, to_pandas, to_polars
from vnhealth._records import Records

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

__all__ = ["Results"]

T = TypeVar("T")


class Results(HtmlRepr, tuple[T, ...], Generic[T]):
    """A tuple of records that a query returned.

    It is a tuple in every way (equal to the plain tuple of the same records)
    and adds what a notebook user reaches for: an HTML table in Jupyter, an
    aligned text table fitted to the terminal for ``print(results)``, and
    ``to_pandas()``, ``to_polars()``, ``to_arrow()`` (optional extras).

    Results remember the dataset their query ran on, and their tables take
    the citations' addresses (``citation_url``) from its sources. Results
    made by hand know no dataset: pass ``dataset=`` for the addresses, or
    they are missing values next to the sources' ids. A pickled copy holds
    only the records (sending three results to another process should not
    send the whole dataset with them).
    """

    # A tuple subclass cannot have slots of its own: the dataset goes in the instance dict.
    _dataset: Records | None = None

    @classmethod
    def of(cls, records: Iterable[T], dataset: Records | None) -> Results[T]:
        """``records`` as results of a query on ``dataset``."""
        results = cls(records)
        if dataset is not None:
            results._dataset = dataset
        return results

    def _with(self, dataset: Records | None) -> Records | None:
        return dataset if dataset is not None else self._dataset

    def to_pandas(self, *, dataset: Records | None = None) -> pd.DataFrame:
        """The records as a pandas DataFrame (needs ``vnhealth[pandas]``); addresses from ``dataset``'s sources."""
        return to_pandas(self, dataset=self._with(dataset))

    def to_polars(self, *, dataset: Records | None = None) -> pl.DataFrame:
        """The records as a polars DataFrame (needs ``vnhealth[polars]``); addresses from ``dataset``'s sources."""
        return to_polars(self, dataset=self._with(dataset))

    def to_arrow(self, *, dataset: Records | None = None) -> pa.Table:
        """The records as a pyarrow Table (needs ``vnhealth[arrow]``); addresses from ``dataset``'s sources."""
        return to_arrow(self, dataset=self._with(dataset))

    def __reduce__(self) -> tuple[type[Results[T]], tuple[tuple[T, ...]]]:
        return type(self), (tuple(self),)

    @overload
    def __getitem__(self, index: SupportsIndex) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Results[T]: ...

    def __getitem__(self, index: SupportsIndex | slice) -> T | Results[T]:
        if isinstance(index, slice):
            # A slice of results is still results, of the same dataset.
            return Results.of(super().__getitem__(index), self._dataset)
        return super().__getitem__(index)
