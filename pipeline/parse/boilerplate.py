"""Running headers and footers: letterhead, page numbers, the address footer.

They stay in the page text (offsets stay honest) and are listed in
``Page.boilerplate`` so that no fact is taken from them: the postcode ``581 81`` or
the switchboard ``013-20 60 00`` in a footer is never an amount, volume or date.

Two signals, either is enough:
- repetition: the same line (digits ignored) at the same edge (top or bottom) of at
  least half of the pages, and of two or more;
- form, for single pages too: a page number (``Sida 1 (3)``, ``2/5``) at an edge, or an
  edge line that reads like a letterhead footer (postal address, phone, organisation
  number, web address), with the short line it wraps onto.
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import islice

from ..records import Page

EDGE_LINES = 4
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"^(?:sida|page|s\.)?\s*\d+\s*(?:\(\s*\d+\s*\)|/\s*\d+|av\s+\d+|of\s+\d+)?$", re.IGNORECASE
)
# "Linköpings kommun TJÄNSTESKRIVELSE Sida 1 (3)" or "... 2023-01-17 Sida 2 av 4"
_PAGE_NUMBER_TAIL = re.compile(r"\bsida\s+\d+\s*(?:\(\s*\d+\s*\)|av\s+\d+|/\s*\d+)\s*$", re.IGNORECASE)
# What a letterhead footer is made of; one strong cue or two weak ones make a footer line.
_STRONG = re.compile(
    r"organisationsnummer|org\.?\s*nr|besöksadress|postadress|bankgiro|plusgiro|"
    r"\bvxl\b|växel|\bfax\b|momsreg|styrelsens säte",
    re.IGNORECASE,
)
# Each with a character it cannot match without (or ""), tested first: most lines are
# body text, and a substring test costs a fraction of a search.
_WEAK = [
    ("", re.compile(r"\b\d{3}\s?\d{2}\s+[A-ZÅÄÖ][a-zåäö]+")),  # postcode and town: "581 81 Linköping"
    ("", re.compile(r"\btel(?:efon)?\.?\s*:?\s*\+?\d", re.IGNORECASE)),  # "Telefon 013-20 60 00"
    ("@", re.compile(r"\b[\w.-]+@[\w-]+\.\w+")),  # e-mail
    (".", re.compile(r"\bwww\.|\b[\w-]+\.(?:se|nu|com|org)\b", re.IGNORECASE)),  # web address
    ("", re.compile(r"\s[·•|]\s")),  # the separators footers are set with
]
# A footer that wraps leaves a short tail ("linkoping.se") on the last line.
_TAIL = re.compile(r"^[\w.-]+\.(?:se|nu|com|org)/?$|^[\w.-]+@[\w.-]+$", re.IGNORECASE)
# Minutes end item after item with "Beslutet skickas till" and its list, often at a
# page's foot: repeated there, the list is still the item's body, not a footer.
_LIST_CUE = re.compile(
    r"^(?:beslut(?:et)?\s+(?:ska\s+)?(?:skickas|sänds|expedieras|delges)\s+till|expedieras(?:\s+till)?|"
    r"expediering|sändlista|kopia\s+till|protokollsutdrag\s+(?:skickas\s+)?till)\b",
    re.IGNORECASE,
)
# A running header may carry the document's own date and case number: its first
# occurrence stays readable so that the date and the diarienummer are found once.
_FACT_LIKE = re.compile(r"\b(?:dnr|diarienummer)\b|\b\d{4}-\d{2}-\d{2}\b|\b[A-ZÅÄÖ]{2,5}\s?\d{4}[-/.]\d+", re.IGNORECASE)


def _key(line: str) -> str:
    # "Sida 2 (3)" and "Sida 3 (3)" are the same running line
    return _DIGITS.sub("#", " ".join(line.split()).lower())


# The signature boxes printed at the foot of every page of minutes, labels only (an
# "Utdragsbestyrkande" line with a name and a date certifies an extract: body text)
_MINUTES_FOOTER = re.compile(r"^(?:justerandes\s+signatur(?:er)?|utdragsbestyrkande|[\s|·•/_.]+)+$", re.IGNORECASE)


# Three letters of each _STRONG word, none of them i, s or k: those match 'İ', 'ı' and
# 'ſ' without case, which lower() does not turn into them. A line without any of these
# cannot match _STRONG, and a substring test is much cheaper than its search.
_STRONG_KEYS = ("org", "adr", "ban", "plu", "vxl", "väx", "fax", "mom", "tyr")


def _has_strong_key(line: str) -> bool:
    low = line.lower()
    return any(k in low for k in _STRONG_KEYS)


def is_footer_line(line: str) -> bool:
    """A letterhead footer line: address, phone, organisation number, web."""
    s = line.strip()
    if not s:
        return False
    if (_has_strong_key(s) and _STRONG.search(s)) or _MINUTES_FOOTER.match(s):
        return True
    return sum(1 for needed, rx in _WEAK if needed in s and rx.search(s)) >= 2


def mark_boilerplate(pages: list[Page]) -> None:
    """Set ``page.boilerplate`` to the (start, end) character ranges of running
    headers and footers in each page's text."""
    edges = [_keyed(_edge_lines(p.text)) for p in pages]
    counts: Counter = Counter()
    for top, bottom in edges:
        counts.update({("t", key) for *_, key in top})
        counts.update({("b", key) for *_, key in bottom})
    need = max(2, (len(pages) + 1) // 2)
    multi = len(pages) > 1
    seen_header: set[str] = set()
    for page, (top, bottom) in zip(pages, edges):
        marked: set[tuple[int, int]] = set()
        cue = _last_list_cue(page.text)
        for side, lines in (("t", top), ("b", bottom)):
            prev_footer = False
            for s, e, t, key in lines:
                listing = cue is not None and s >= cue  # the cue and the list under it
                repeated = multi and counts[(side, key)] >= need and not listing
                first_header = repeated and side == "t" and key not in seen_header
                if repeated and not first_header:  # marked whatever its form
                    marked.add((s, e))
                    prev_footer = True
                    continue
                stripped = t.strip()
                formal = _formal(stripped, side == "b" and prev_footer)
                if first_header and not formal:
                    seen_header.add(key)
                    if _FACT_LIKE.search(stripped):
                        prev_footer = False
                        continue
                if repeated or formal:
                    marked.add((s, e))
                    prev_footer = True
                else:
                    prev_footer = False
        page.boilerplate = sorted(marked)


def _keyed(edges):
    top, bottom = edges
    return [(s, e, t, _key(t)) for s, e, t in top], [(s, e, t, _key(t)) for s, e, t in bottom]


def _formal(stripped: str, after_footer: bool) -> bool:
    """A page number or a letterhead footer by its form (or the tail a footer wraps onto)."""
    return bool(
        _PAGE_NUMBER.match(stripped)
        or _PAGE_NUMBER_TAIL.search(stripped)
        or is_footer_line(stripped)
        or (after_footer and _TAIL.match(stripped))
    )


def _last_list_cue(text: str) -> int | None:
    """Where the last recipient cue line of a page starts, if one stands in its last
    lines (a list that follows it runs to the foot of the page)."""
    tail = max(0, len(text) - 600)
    last = None
    for m in _LIST_CUE_LINE.finditer(text, tail):
        last = m.start(1)
    return last


_LIST_CUE_LINE = re.compile(r"(?m)^[ \t]*(" + _LIST_CUE.pattern[1:] + ")", re.IGNORECASE)


def _edge_lines(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """The first and the last few non-empty lines, as (start, end, line); the lines in
    between are not looked at."""
    lines = text.split("\n")
    head = list(islice(_spans(lines), 2 * EDGE_LINES + 1))
    if len(head) <= 2 * EDGE_LINES:
        half = (len(head) + 1) // 2
        return head[:half], head[half:]
    return head[:EDGE_LINES], list(islice(_spans_backwards(lines, len(text)), EDGE_LINES))[::-1]


def _spans(lines: list[str]):
    pos = 0
    for line in lines:
        if line.strip():
            yield pos + len(line) - len(line.lstrip()), pos + len(line.rstrip()), line
        pos += len(line) + 1


def _spans_backwards(lines: list[str], end: int):
    for line in reversed(lines):
        start = end - len(line)
        if line.strip():
            yield start + len(line) - len(line.lstrip()), start + len(line.rstrip()), line
        end = start - 1
