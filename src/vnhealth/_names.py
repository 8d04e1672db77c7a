"""Finding an official from the way people write a name: "PM Chinh", "General Secretary To Lam"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from vnhealth._errors import NotFound
from vnhealth._model import Official
from vnhealth._text import fold, slug
from vnhealth._titles import TITLES

__all__ = ["find_official", "split_titles", "strip_titles", "title_fits"]

# Titles and forms of address: one table, shared with vnhealth.extract.
_TITLES = TITLES
_PUNCTUATION = re.compile(r"[.,;:()\"'“”‘’]")

# Forms of address say nothing about office: "Mr", "Dr", "Comrade" fit anyone.
_ADDRESS = frozenset(
    {"comrade", "mr", "mrs", "ms", "dr", "prof", "professor", "associate professor", "general", "dong chi", "ong", "ba"}
)
# What each title of office means, as the words a role on record must contain (folded, English as the data writes it).
_OFFICE = {
    "party general secretary": "general secretary",
    "secretary general": "general secretary",
    "party chief": "general secretary",
    "party leader": "general secretary",
    "tong bi thu": "general secretary",
    "pm": "prime minister",
    "thu tuong": "prime minister",
    "thu tuong chinh phu": "prime minister",
    "deputy pm": "deputy prime minister",
    "pho thu tuong": "deputy prime minister",
    "health minister": "minister of health",
    "bo truong bo y te": "minister of health",
    "bo truong": "minister",
    "thu truong": "deputy minister",
    "na chairman": "chairman of the national assembly",
    "chu tich quoc hoi": "chairman of the national assembly",
    "pho chu tich quoc hoi": "vice chairman of the national assembly",
    "chu tich nuoc": "president",
    "chu tich": "chairman",
    "director of the hospital": "director",
    "hospital director": "director",
    "giam doc": "director",
}
# A role "Deputy Prime Minister" is not a "Prime Minister": these words before the office change it.
_LESSER = ("deputy", "vice")


def strip_titles(name: str, titles: Iterable[str] = ()) -> str:
    """Fold a name and remove the titles and forms of address before it.

    >>> strip_titles("General Secretary Tô Lâm")
    'to lam'
    """
    return split_titles(name, titles)[1]


def split_titles(name: str, titles: Iterable[str] = ()) -> tuple[tuple[str, ...], str]:
    """The titles before a name (folded, in order) and the folded name left after them.

    >>> split_titles("PM Phạm Minh Chính")
    (('pm',), 'pham minh chinh')
    """
    folded = fold(_PUNCTUATION.sub(" ", name))
    known = sorted({*_TITLES, *(fold(_PUNCTUATION.sub(" ", title)) for title in titles)}, key=len, reverse=True)
    found: list[str] = []
    changed = True
    while changed:
        changed = False
        for title in known:
            if title and folded.startswith(title + " "):
                folded = folded[len(title) + 1 :]
                found.append(title)
                changed = True
                break
    return tuple(found), folded


def title_fits(title: str, official: Official) -> bool:
    """Whether the folded ``title`` fits some role of ``official`` on record (anyone with no roles on record).

    >>> from vnhealth._model import Citation, Role
    >>> cited = Citation(source="s", quote="q")
    >>> minister = Official(id="x", name="X", roles=(Role(title="Deputy Prime Minister", organization="Government",
    ...     as_of="2024-01-01", citation=cited),))
    >>> title_fits("deputy pm", minister), title_fits("pm", minister), title_fits("mr", minister)
    (True, False, True)
    """
    if title in _ADDRESS or not official.roles:
        return True
    office = _OFFICE.get(title, title)
    lesser = office.startswith(_LESSER)
    for role in official.roles:
        held = " " + fold(_PUNCTUATION.sub(" ", role.title)) + " "
        start = held.find(" " + office + " ")
        while start != -1:
            before = held[:start].split()
            if lesser or not before or before[-1] not in _LESSER:
                return True
            start = held.find(" " + office + " ", start + 1)
    return False


def find_official(query: str, officials: Sequence[Official]) -> Official:
    """The one official ``query`` names; NotFound naming the closest matches otherwise."""
    given: object = query  # callers from untyped code pass anything
    if not isinstance(given, str):
        msg = f"an official is named by a string or an Official, not {type(given).__name__}"
        raise NotFound(msg, query=repr(given))
    by_id = {official.id: official for official in officials}
    if query in by_id:
        return by_id[query]
    titles, name = split_titles(query, (role.title for official in officials for role in official.roles))
    if not name:
        msg = f"no official named {query!r}"
        raise NotFound(msg, query=query)
    named = _match(name, officials)
    # A title narrows the people a name could be; a title nobody of that name ever held is an error, not a guess.
    matches = [official for official in named if all(title_fits(title, official) for title in titles)]
    if named and not matches:
        people = "; ".join(f"{o.name} ({o.id}): {', '.join(_titles_of(o))}" for o in named)
        msg = f"{query!r}: no one of that name is on record with that title; the records attest {people}"
        raise NotFound(msg, query=query)
    if len(matches) == 1:
        return matches[0]
    if matches:
        msg = f"{query!r} is ambiguous: it names " + ", ".join(f"{m.name} ({m.id})" for m in matches)
        raise NotFound(msg, query=query, suggestions=[m.name for m in matches])
    msg = f"no official named {query!r}"
    raise NotFound(msg, query=query, suggestions=_closest(name, officials))


def _titles_of(official: Official) -> list[str]:
    """The titles a source attests for ``official``, oldest first, each once."""
    roles = sorted(official.roles, key=lambda role: role.as_of)
    return list(dict.fromkeys(role.title for role in roles))


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
