"""Scanning a long text only where a pattern can match.

Python's regex engine tries a pattern at every position of the text. A name pattern
that begins with a run of letters and only later requires its key word ("...nämnden",
"...förbundet") backtracks over every word of a document to find that out. When
every match must contain a cheaper *anchor* (the key word) that starts at most
``before`` characters after the match's own start, the pattern needs trying only from
there: the text between anchors is skipped, the matches are the same.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterable, Iterator


def finditer_near(rx: re.Pattern, text: str, anchor: re.Pattern | tuple[str, ...], before: int,
                  stop: re.Pattern | None = None) -> Iterator[re.Match]:
    """``rx.finditer(text)``, with the search started only near ``anchor`` matches.

    Exact when each match of ``rx`` holds an anchor match starting within ``before``
    characters of the match's start. Searches run on the whole text (no ``endpos``),
    so lookarounds see what they always saw. ``anchor`` may be a few words, each found
    wherever it stands (``str.find`` skips ahead faster than a regex alternation).

    ``stop``: a character that ``rx`` can never consume, where its lookaheads fare as at
    the end of the text (``[^\\w]`` for a name of letters that ends at a non-letter).
    Each search then ends at the first such character after its anchor: an anchor with
    no match costs its own neighbourhood, not the text up to the next match.
    """
    pos = 0
    for a_start, a_end in _anchor_spans(text, anchor):
        if a_end <= pos:
            continue  # inside a match already found or text already searched
        start = max(pos, a_start - before)
        if stop is None:
            m = rx.search(text, start)
            if m is None:
                return
        else:
            # no match crosses the stop character, and one that ends there ends the same in
            # the cut text: what starts before it is found as in the whole text
            s = stop.search(text, a_end)
            m = rx.search(text, start, s.start() if s else len(text))
            if m is None:
                continue
        yield m
        pos = max(m.end(), m.start() + 1)


def matches_at(rx: re.Pattern, text: str, starts: Iterable[int] | None) -> Iterator[re.Match]:
    """``rx.finditer(text)`` for a pattern whose matches can begin only at ``starts``
    (ascending; None: anywhere). A case-blind alternation of words, or a pattern led by
    a lookbehind, is otherwise tried at every position of the text."""
    if starts is None:
        yield from rx.finditer(text)
        return
    end = 0
    for pos in starts:
        if pos >= end and (m := rx.match(text, pos)):
            yield m
            end = m.end()


def _anchor_spans(text: str, anchor: re.Pattern | tuple[str, ...]) -> Iterable[tuple[int, int]]:
    if isinstance(anchor, re.Pattern):
        return (a.span() for a in anchor.finditer(text))
    return word_spans(text, anchor)


def word_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of each word, overlapping ones too, in order."""
    spans = []
    for w in words:
        i = text.find(w)
        while i >= 0:
            spans.append((i, i + len(w)))
            i = text.find(w, i + 1)
    spans.sort()
    return spans


def stands_alone(text: str, word: str, joiners: str = "") -> bool:
    """Does ``word`` stand in ``text`` with no word character (``\\w``), nor one of
    ``joiners``, on either side? One search for the word, where collecting the text's
    every word to look it up built a set of thousands for a question or two."""
    i = text.find(word)
    while i >= 0:
        j = i + len(word)
        if not (i and _joins(text[i - 1], joiners)) and not (j < len(text) and _joins(text[j], joiners)):
            return True
        i = text.find(word, i + 1)
    return False


def _joins(c: str, joiners: str) -> bool:
    return c.isalnum() or c == "_" or c in joiners  # (what \w matches: alphanumerics and "_")


def trie_alternation(words: Iterable[str]) -> str:
    """A pattern matching exactly ``words``, longest first, as a prefix tree.

    An alternation of hundreds of names is tried name by name at every position; the
    tree shares their prefixes, so each position costs a few character tests. Where
    several names match at one position the longer is tried first, as in an
    alternation sorted by length.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _branch(trie)


def _branch(node: dict) -> str:
    parts = [re.escape(ch) + _branch(child) for ch, child in sorted(node.items()) if ch]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{body})?" if "" in node else body


class Ranges:
    """Character ranges merged and sorted, so that a long document's thousands of
    candidates each cost a bisection, not a scan."""

    def __init__(self, ranges: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for s, e in sorted(ranges):
            if merged and s < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def add(self, start: int, end: int) -> None:
        """Take one more range, which overlaps none already held."""
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
