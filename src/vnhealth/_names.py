"""Finding an official from the way people write a name: "PM Chinh", "General Secretary To Lam"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from vnhealth._errors import NotFound
from vnhealth._model import Official
from vnhealth._text import fold, slug
from vnhealth._titles import TITLES

__all__ = ["find_official", "strip_titles"]

# Titles and forms of address: one table, shared with vnhealth.extract.
_TITLES = TITLES
_PUNCTUATION = re.compile(r"[.,;:()\"'“”‘’]")


def strip_titles(name: str, titles: Iterable[str] = ()) -> str:
    """Fold a name and remove the titles and forms of address before it.

    >>> strip_titles("General Secretary Tô Lâm")
    'to lam'
    """
    folded = fold(_PUNCTUATION.sub(" ", name))
    known = sorted({*_TITLES, *(fold(_PUNCTUATION.sub(" ", title)) for title in titles)}, key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for title in known:
            if title and folded.startswith(title + " "):
                folded = folded[len(title) + 1 :]
                changed = True
                break
    return folded


def find_official(query: str, officials: Sequence[Official]) -> Official:
    """The one official ``query`` names; NotFound naming the closest matches otherwise."""
    given: object = query  # callers from untyped code pass anything
    if not isinstance(given, str):
        msg = f"an official is named by a string or an Official, not {type(given).__name__}"
        raise NotFound(msg, query=repr(given))
    by_id = {official.id: official for official in officials}
    if query in by_id:
        return by_id[query]
    name = strip_titles(query, (role.title for official in officials for role in official.roles))
    if not name:
        msg = f"no official named {query!r}"
        raise NotFound(msg, query=query)
    matches = _match(name, officials)
    if len(matches) == 1:
        return matches[0]
    if matches:
        msg = f"{query!r} is ambiguous: it names " + ", ".join(f"{m.name} ({m.id})" for m in matches)
        raise NotFound(msg, query=query, suggestions=[m.name for m in matches])
    msg = f"no official named {query!r}"
    raise NotFound(msg, query=query, suggestions=_closest(name, officials))


def _match(name: str, officials: Sequence[Official]) -> list[Official]:
    exact = [o for o in officials if fold(o.name) == name or o.id == slug(name)]
    if exact:
        return exact
    words = name.split()
    if len(words) == 1:
        # Vietnamese usage addresses people by the given name, the last word.
        return [o for o in officials if fold(o.given_name) == name]
    # "Minh Chinh": the end of a full name.
    return [o for o in officials if fold(o.name).endswith(" " + name)]


def _closest(name: str, officials: Sequence[Official]) -> list[str]:
    import difflib  # noqa: PLC0415 - only on the error path, and slow to import

    candidates: dict[str, str] = {}
    for official in officials:
        candidates.setdefault(fold(official.name), official.name)
        candidates.setdefault(fold(official.given_name), official.name)
    close = difflib.get_close_matches(name, list(candidates), n=5, cutoff=0.6)
    return list(dict.fromkeys(candidates[match] for match in close))[:3]
