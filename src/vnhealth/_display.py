"""The one ``_repr_html_`` and ``__str__`` of vnhealth's values, and the registry that lets presentation fill them in.

Records, gaps, results and datasets are defined below the HTML module, so
they cannot import it. Each inherits `HtmlRepr`, whose ``_repr_html_`` asks
the renderer that `vnhealth._html` registers when it is imported (and
``import vnhealth`` imports it): the values depend on this small module,
the HTML on the values, and nothing goes in a circle. ``str(value)`` works
the same way with the plain-text renderer of `vnhealth._report`; before it
is registered, ``str`` is the ``repr``.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["HtmlRepr", "register_html", "register_text", "render_html"]

_renderers: list[Callable[[object], str]] = []
_text_renderers: list[Callable[[object], str]] = []


def register_html(renderer: Callable[[object], str]) -> None:
    """Make ``renderer`` the function that turns any vnhealth value into HTML for notebooks."""
    _renderers[:] = [renderer]


def render_html(value: object) -> str:
    """``value`` as HTML, by the registered renderer (importing any part of vnhealth registers it)."""
    return _renderers[0](value)


def register_text(renderer: Callable[[object], str]) -> None:
    """Make ``renderer`` the function that turns any vnhealth value into plain text for ``print``."""
    _text_renderers[:] = [renderer]


class HtmlRepr:
    """Adds the HTML that Jupyter, VS Code and saved notebooks show for a value, and its plain text for ``print``."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return render_html(self)

    def __str__(self) -> str:
        if not _text_renderers:
            return repr(self)
        return _text_renderers[0](self)
