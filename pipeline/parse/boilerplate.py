"""Running headers and footers: lines that repeat at the top or bottom of pages."""
from __future__ import annotations

import re
from collections import Counter

from ..records import Page

EDGE_LINES = 4
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"^(?:sida\s*)?\d+\s*(?:\(\d+\)|/\s*\d+|av\s+\d+)?$", re.IGNORECASE)


def _key(line: str) -> str:
    # "Sida 2 (3)" and "Sida 3 (3)" are the same running line
    return _DIGITS.sub("#", line.strip().lower())


def mark_boilerplate(pages: list[Page]) -> None:
    """Set ``page.boilerplate`` to the character ranges of header/footer lines.

    A line among the first or last few of a page is boilerplate when the same line
    (digits ignored) stands at an edge of at least half the pages (and of two or
    more), or when it is a bare page number.
    """
    edges = [_edge_lines(p.text) for p in pages]
    counts = Counter(k for lines in edges for k in {_key(t) for _, _, t in lines})
    need = max(2, (len(pages) + 1) // 2)
    for page, lines in zip(pages, edges):
        page.boilerplate = sorted(
            (s, e)
            for s, e, t in lines
            if (len(pages) > 1 and counts[_key(t)] >= need) or _PAGE_NUMBER.match(t.strip())
        )


def _edge_lines(text: str) -> list[tuple[int, int, str]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line), line))
        pos += len(line) + 1
    if len(spans) <= 2 * EDGE_LINES:
        return spans
    return spans[:EDGE_LINES] + spans[-EDGE_LINES:]
