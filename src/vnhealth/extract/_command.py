"""``vnhealth extract ARTICLE.txt``: write the draft records of a new article to a data file for review."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import pendulum

from vnhealth._dates import parse_date
from vnhealth._errors import VnhealthError
from vnhealth._model import Source
from vnhealth._text import slug
from vnhealth.extract._draft import draft
from vnhealth.extract._scan import is_vietnamese

__all__ = ["add_parser", "run"]

# The bundled articles open with " date YYYY-MM-DD": a page header some scrapers leave.
_DATE_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b")


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """Register ``extract`` on an argparse sub-parsers object; dispatch with ``args.handler(args)``."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "extract",
        help="draft records from a new article, for review",
        description=(
            "Read an article (English or Vietnamese, plain text) and write the records it holds "
            "(document numbers, officials, enumerated tasks, indicator values) as a draft data file "
            "for a curator to review."
        ),
    )
    parser.add_argument("article", metavar="ARTICLE", help="the article as a UTF-8 text file")
    parser.add_argument("--source-id", help="the id of the new source (default: from the file name)")
    parser.add_argument("--outlet", default="", help="the outlet that published the article")
    parser.add_argument("--url", default="", help="the article's address")
    parser.add_argument("--title", help="the article's headline (default: its first line)")
    parser.add_argument(
        "--published",
        help="the publication date, YYYY-MM-DD (default: a ' date YYYY-MM-DD' header in the text)",
    )
    parser.add_argument("--language", help="en, vi, ... (default: guessed from the text)")
    parser.add_argument("--out", help="the draft file, .toml or .json (default: ARTICLE.draft.toml)")
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Write the draft; the exit status is 0, or 2 with a one-line error on stderr."""
    try:
        article = Path(args.article)
        try:
            text = article.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            return _error(f"cannot read {str(article)!r}: {getattr(error, 'strerror', None) or error}")
        if not text.strip():
            return _error(f"{str(article)!r} is empty")
        out = Path(args.out) if args.out else article.with_name(article.name.rsplit(".", 1)[0] + ".draft.toml")
        if out.suffix not in {".toml", ".json"}:
            return _error(f"cannot write {out.name!r}: give a file name ending in .toml or .json")
        published = _published(args.published, text)
        if published is None:
            return _error("no publication date: give --published YYYY-MM-DD")
        source = Source(
            id=args.source_id or slug(article.name.rsplit(".", 1)[0]) or "article",
            outlet=args.outlet,
            title=args.title or _headline(text),
            url=args.url,
            published=published,
            language=args.language or ("vi" if is_vietnamese(text) else "en"),
        )
        records = draft(text, source=source)
        records.dump(out)
    except (VnhealthError, ValueError) as error:
        return _error(str(error).splitlines()[0])
    counts = ", ".join(
        f"{len(getattr(records, kind))} {kind}"
        for kind in ("officials", "resolutions", "directives", "observations", "targets")
    )
    print(f"wrote {out}: a draft of {counts} from {article.name}; review it before saving it as data")
    return 0


def _error(message: str) -> int:
    print(f"vnhealth: error: {message}", file=sys.stderr)
    return 2


def _published(given: str | None, text: str) -> pendulum.Date | None:
    if given is not None:
        return parse_date(given.strip())
    header = _DATE_HEADER.match(text)
    return parse_date(header[1]) if header else None


def _headline(text: str) -> str:
    first = _DATE_HEADER.sub("", text, count=1).strip().split("\n", 1)[0]
    headline = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0].strip()
    return headline[:200] or "Untitled article"
