"""The public surface: `__all__`, star imports, and an import that reads no data."""

from __future__ import annotations

import importlib
import subprocess
import sys
import textwrap

import pytest

import vnhealth
from vnhealth import VnhealthError


def test_every_public_name_resolves() -> None:
    for name in vnhealth.__all__:
        assert getattr(vnhealth, name) is not None, name
    assert set(vnhealth.__all__) <= set(dir(vnhealth))


def test_all_is_sorted_and_unique() -> None:
    assert list(vnhealth.__all__) == sorted(vnhealth.__all__)
    assert len(set(vnhealth.__all__)) == len(vnhealth.__all__)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=False
    )


def test_star_import_works_with_only_the_core_dependencies() -> None:
    result = _run(
        """
        import sys
        # The optional extras and the test tools are not there.
        for name in ("pandas", "polars", "pyarrow", "matplotlib", "hypothesis", "jsonschema"):
            sys.modules[name] = None
        from vnhealth import *
        import vnhealth
        missing = [name for name in vnhealth.__all__ if name not in globals()]
        assert not missing, missing
        print(official("PM Chinh").name)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Phạm Minh Chính"


def test_import_reads_no_data() -> None:
    result = _run(
        """
        import vnhealth, vnhealth._bundled
        assert len(vnhealth._bundled._cache) == 0
        vnhealth.official("To Lam")
        assert len(vnhealth._bundled._cache) == 1
        print("ok")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_bundled_data_is_parsed_once_for_threads_asking_together() -> None:
    result = _run(
        """
        import gc, threading
        import vnhealth, vnhealth._bundled, vnhealth._load

        parsed = []
        real = vnhealth._bundled.load_bundled
        def counting():
            parsed.append(1)
            return real()
        vnhealth._bundled.load_bundled = counting
        start = threading.Barrier(8)
        got = []
        def ask():
            start.wait()
            got.append(vnhealth.load())
        threads = [threading.Thread(target=ask) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(got) == 8 and all(data is got[0] for data in got), got
        assert len(parsed) == 1, parsed
        assert gc.get_freeze_count() == 0  # loading leaves the collector as it found it
        assert gc.isenabled()
        print("ok")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_every_value_renders_as_html_after_a_bare_import() -> None:
    result = _run(
        """
        import vnhealth
        data = vnhealth.load()
        for value in (data, data.officials[0], data.gaps(), data.gaps()[0], vnhealth.search("health")):
            assert value._repr_html_().startswith("<table"), value
        print("ok")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_errors_are_rooted_in_vnhealth_error_and_a_builtin() -> None:
    for name in vnhealth.__all__:
        value = getattr(vnhealth, name)
        if isinstance(value, type) and issubclass(value, Exception) and value is not VnhealthError:
            assert issubclass(value, VnhealthError), name
            assert any(
                base is not Exception and issubclass(value, base)
                for base in (ValueError, LookupError, OSError, ImportError, TypeError)
            ), name


def test_not_found_lists_its_suggestions() -> None:
    error = vnhealth.NotFound("no official named 'To Lamm'", query="To Lamm", suggestions=["Tô Lâm", "Đào Hồng Lan"])
    assert str(error) == "no official named 'To Lamm'; did you mean 'Tô Lâm' or 'Đào Hồng Lan'?"
    assert vnhealth.NotFound("x", suggestions=["a"]).args == ("x; did you mean 'a'?",)
    assert vnhealth.NotFound("x").suggestions == ()


def test_strategies_name_hypothesis_when_it_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    monkeypatch.delitem(sys.modules, "vnhealth.strategies", raising=False)
    with pytest.raises(ImportError, match="pip install hypothesis"):
        importlib.import_module("vnhealth.strategies")


def test_strategies_are_public_and_documented() -> None:
    from vnhealth import strategies

    assert strategies.__doc__
    for name in strategies.__all__:
        value = getattr(strategies, name)
        if callable(value):
            assert value.__doc__, name


def test_missing_extra_names_what_to_install() -> None:
    error = vnhealth.MissingExtra("DataFrames", "pandas")
    assert error.extra == "pandas"
    assert 'pip install "vnhealth[pandas]"' in str(error)
    assert isinstance(error, ImportError)
    assert isinstance(error, VnhealthError)
