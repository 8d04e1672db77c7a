"""Recall and precision of `vnhealth.extract` on the labelled development corpus, per kind.

The corpus (``tests/corpus/extract_dev.txt``) is passages written for this purpose
in the forms real English and Vietnamese health news uses. Labels sit inline:

- ``{n|72 - NQ/TW|72-NQ/TW}``: a document number as written, and its canonical form;
- ``{p|Trần Văn Thuấn}``, ``{p|Đào Hồng Lan|dao-hong-lan}``: a person's name, and the
  known official's id when the bundled data has them;
- ``{q|12–15%|12|15}``: a quantity as written, its value and, for a range, its upper bound;
- ``{i:3}``: where the third item of a list starts (its marker, or its first word).

Passages are separated by a line ``---``; a line starting with ``#`` is a comment.
A found mention counts as right when it overlaps a label of its kind and agrees with
it (the canonical number, the name, the value and upper bound, the ordinal);
everything else found is a false positive. Run it standalone::

    python benchmarks/extract_eval.py [--verbose]
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import attrs

import vnhealth
from vnhealth._text import fold
from vnhealth.extract import document_numbers, enumeration, officials, quantities

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "extract_dev.txt"
_LABEL = re.compile(
    r"\{(?P<kind>[npq])\|(?P<text>[^{}|]+)(?:\|(?P<a>[^{}|]*))?(?:\|(?P<b>[^{}|]*))?\}|\{i:(?P<item>\d+)\}"
)
KINDS = ("numbers", "officials", "quantities", "items")


@attrs.frozen
class Label:
    kind: str
    start: int
    end: int
    text: str
    value: str | None = None
    upper: str | None = None


@attrs.frozen
class Passage:
    line: int
    text: str
    labels: tuple[Label, ...]


def parse(corpus: str) -> list[Passage]:
    """The passages of the corpus, with their markup removed and their labels placed."""
    passages = []
    line = 1
    for block in re.split(r"(?m)^---[ \t]*\n", corpus):
        kept = "".join(row for row in block.splitlines(keepends=True) if not row.startswith("#"))
        text_parts: list[str] = []
        labels = []
        position = 0
        length = 0
        for match in _LABEL.finditer(kept):
            before = kept[position : match.start()]
            text_parts.append(before)
            length += len(before)
            if match["item"] is not None:
                labels.append(Label("items", length, length, "", match["item"]))
            else:
                kind = {"n": "numbers", "p": "officials", "q": "quantities"}[match["kind"]]
                labels.append(Label(kind, length, length + len(match["text"]), match["text"], match["a"], match["b"]))
                text_parts.append(match["text"])
                length += len(match["text"])
            position = match.end()
        text_parts.append(kept[position:])
        text = "".join(text_parts)
        if text.strip():
            passages.append(Passage(line, text.strip("\n"), tuple(_shift(labels, text))))
        line += block.count("\n") + 1
    return passages


def _shift(labels: list[Label], text: str) -> Iterable[Label]:
    offset = len(text) - len(text.lstrip("\n"))
    return (attrs.evolve(label, start=label.start - offset, end=label.end - offset) for label in labels)


@attrs.define
class Score:
    labelled: int = 0
    found: int = 0
    right: int = 0
    misses: list[str] = attrs.field(factory=list)
    wrong: list[str] = attrs.field(factory=list)

    @property
    def recall(self) -> float:
        return self.right / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0


def _overlaps(label: Label, span: tuple[int, int]) -> bool:
    return label.start < span[1] and span[0] < label.end


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def evaluate(passages: Iterable[Passage], data: vnhealth.Dataset) -> dict[str, Score]:
    """Score every kind over the passages."""
    scores = {kind: Score() for kind in KINDS}
    false_lists = 0
    for passage in passages:
        text = passage.text
        where = f"line {passage.line}"
        labels = {kind: [label for label in passage.labels if label.kind == kind] for kind in KINDS}
        got: dict[str, list[tuple[tuple[int, int], str, object]]] = {
            "numbers": [(m.span, m.text, str(m.number)) for m in document_numbers(text, data)],
            "officials": [
                (m.span, m.text, (fold(m.name), m.official.id if m.official else None)) for m in officials(text, data)
            ],
            "quantities": [(q.span, q.text, (q.value, getattr(q, "value_max", None))) for q in quantities(text, data)],
            "items": [(i.span, i.text[:40], i.ordinal) for found in enumeration(text) for i in found.items],
        }
        if not labels["items"] and got["items"]:
            false_lists += 1
        for kind in KINDS:
            score = scores[kind]
            score.labelled += len(labels[kind])
            score.found += len(got[kind])
            matched: set[int] = set()
            for label in labels[kind]:
                hit = next(
                    (
                        index
                        for index, (span, _, value) in enumerate(got[kind])
                        if index not in matched and _agrees(kind, label, span, value)
                    ),
                    None,
                )
                if hit is None:
                    score.misses.append(f"{where}: {label.text or label.value!r} ({label.value}, {label.upper})")
                else:
                    matched.add(hit)
                    score.right += 1
            score.wrong.extend(
                f"{where}: {written!r} -> {value}"
                for index, (_, written, value) in enumerate(got[kind])
                if index not in matched
            )
    scores["items"].misses.append(f"passages without a list in which a list was found: {false_lists}")
    return scores


def _agrees(kind: str, label: Label, span: tuple[int, int], value: object) -> bool:
    if kind == "items":
        # The item's span starts at its marker; the label stands at the marker or within a few characters of it.
        return value == int(label.value or 0) and span[0] - 3 <= label.start <= span[0] + 12
    if not _overlaps(label, span):
        return False
    if kind == "numbers":
        return value == label.value
    if kind == "officials":
        assert isinstance(value, tuple)
        name, official = value
        return bool(name == fold(label.text) and (not label.value or official == label.value))
    assert isinstance(value, tuple)
    number, upper = value
    if not _same(number, float(label.value or "nan")):
        return False
    return (upper is None and not label.upper) or (
        upper is not None and label.upper is not None and _same(upper, float(label.upper))
    )


def main(argv: list[str] | None = None) -> dict[str, Score]:
    """Print recall and precision per kind, and with ``--verbose`` every miss and false find."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss and every false find")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    passages = parse(args.corpus.read_text(encoding="utf-8"))
    scores = evaluate(passages, vnhealth.load())
    print(f"{len(passages)} passages, {sum(len(p.labels) for p in passages)} labels ({args.corpus.name})")
    print(f"{'kind':<12}{'labelled':>9}{'found':>7}{'right':>7}{'recall':>8}{'precision':>10}")
    for kind, score in scores.items():
        print(
            f"{kind:<12}{score.labelled:>9}{score.found:>7}{score.right:>7}{score.recall:>8.3f}{score.precision:>10.3f}"
        )
    print(scores["items"].misses[-1])
    if args.verbose:
        for kind, score in scores.items():
            for miss in score.misses[:-1] if kind == "items" else score.misses:
                print(f"  miss  {kind}: {miss}")
            for wrong in score.wrong:
                print(f"  false {kind}: {wrong}")
    return scores


if __name__ == "__main__":
    main(sys.argv[1:])
