"""Sentence boundaries for text that came out of a PDF.

PDF lines wrap mid-sentence, so a newline alone is no boundary; but headings,
list items and short closing lines are, even without a full stop.
"""
from __future__ import annotations

import bisect
import re
from typing import Callable

import numpy
from spacy.attrs import IDX, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc
from .layout import SENT_KEY, doc_text

_LIST_START = re.compile(r"^\s*(?:[•\-–*\uf0b7\u25cf]|\d{1,2}[.)]\s|[a-z][.)]\s)")
_ABBREV = {"t.ex.", "bl.a.", "ca.", "resp.", "kl.", "s.", "nr.", "jfr.", "fr.o.m.", "t.o.m.", "o.s.v.", "m.m.", "dvs.", "el.", "st.", "tel.", "feb.", "jan.", "aug.", "sept.", "okt.", "nov.", "dec."}
SHORT_LINE = 50
# whitespace characters (none is above U+3000), by code: a token is whitespace when its
# first character is, as the tokenizer never puts a space and a letter in one token
_IS_SPACE = numpy.array([chr(c).isspace() for c in range(0x3001)])


def set_sentence_starts(doc: Doc) -> Doc:
    n = len(doc)
    if not n:
        return doc
    text = doc_text(doc)
    heading_starts = {h.start for h in doc.spans.get("headings", [])}
    heading_ends = {h.end for h in doc.spans.get("headings", [])}
    page_tok_starts = {p.start for p in doc.spans.get("pages", [])}
    # Only a token after a full stop, a line break, a heading or a page can start a
    # sentence: those are found with array operations, and the rule runs on them alone.
    # Only offsets and trailing spaces are read off the tokens: lexeme attributes (LENGTH,
    # IS_SPACE, LIKE_NUM) cost five times as much there. A length is the distance to the
    # next token less its space; like_num is asked of the few words that need it.
    arr = doc.to_array([IDX, SPACY]).astype("int64")
    idx = arr[:, 0]
    ln = numpy.append(idx[1:], len(text)) - idx - arr[:, 1]
    codes = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    first = codes[idx]
    space = (first <= 0x3000) & _IS_SPACE[numpy.minimum(first, 0x3000)]
    last = codes[idx + ln - 1]
    ends_stop = (last == 46) | (last == 33) | (last == 63)  # . ! ?
    newlines = numpy.concatenate(([0], numpy.cumsum(codes == 10)))
    prev = numpy.arange(n) - 1  # the word before token i, over one whitespace token
    prev[2:] -= space[1:-1]
    broken = numpy.zeros(n, dtype=bool)
    broken[1:] = newlines[idx[1:]] > newlines[idx[:-1]]  # a line break since token i-1 began
    cand = numpy.zeros(n, dtype=bool)
    cand[1:] = ends_stop[prev[1:]] | broken[1:]
    todo = sorted(set(numpy.flatnonzero(cand).tolist()) | ((heading_starts | heading_ends | page_tok_starts) - {0}))
    todo = [i for i in todo if 0 < i < n]
    # the loop reads single items: plain lists index several times faster than arrays
    starts, ends = idx.tolist(), (idx + ln).tolist()
    prev_l, space_l, broken_l = prev.tolist(), space.tolist(), broken.tolist()
    marked = heading_starts | heading_ends | page_tok_starts

    def word(i: int) -> str:
        return text[starts[i]:ends[i]]

    def gap(i: int) -> str:  # the whitespace after token i
        return text[ends[i]:(starts[i + 1] if i + 1 < n else len(text))]

    nonspace = numpy.flatnonzero(~space).tolist()
    flags = numpy.full((n, 1), -1, dtype="int64")
    flags[0, 0] = 1
    for i in todo:
        p = prev_l[i]
        if i in marked:
            start = True
        else:
            start = False
            w = word(p)
            stop = w in {".", "!", "?"} or (w.endswith(".") and len(w) > 1 and w.lower() not in _ABBREV and not doc[p].like_num)
            # a list marker is at most "12." or "a)": anything else is none, untested
            if (stop or broken_l[i]) and not (len(w) <= 3 and w[-1] in ".)" and _is_list_number(p, word, gap)):
                if stop:
                    first = word(i)[:1]
                    start = first.isupper() or first.isdigit() or space_l[i]
                else:
                    start = _line_break_is_boundary(text, starts[i])
        if not start:
            continue
        if space_l[i]:  # a boundary found at a whitespace token moves to the next word
            k = bisect.bisect_left(nonspace, i)
            if k < len(nonspace):
                flags[nonspace[k], 0] = 1
        else:
            flags[i, 0] = 1
    # Set all at once: Token.is_sent_start re-checks the whole doc on every assignment.
    doc.from_array([SENT_START], flags.view("uint64"))
    doc.user_data[SENT_KEY] = idx[flags[:, 0] == 1].tolist()
    return doc


def _is_list_number(i: int, word: Callable[[int], str], gap: Callable[[int], str]) -> bool:
    """'1.' or '2)' opening a line: a list marker, not a sentence end."""
    w = word(i)
    if w in {".", ")"} and i > 0 and not gap(i - 1):
        i -= 1  # the tokenizer split "1." into "1" "."
        if not _MARKER_BODY.fullmatch(word(i)):
            return False
    elif not _MARKER.fullmatch(w):
        return False
    return i == 0 or "\n" in word(i - 1) or "\n" in gap(i - 1)


_MARKER_BODY = re.compile(r"\d{1,2}|[a-z]")
_MARKER = re.compile(r"\d{1,2}[.)]|[a-z][.)]")


def _line_break_is_boundary(text: str, pos: int) -> bool:
    """Does the line break just before ``pos`` end a sentence?"""
    line_start = text.rfind("\n", 0, pos)
    if line_start < 0:
        return False
    if text[max(0, line_start - 1)] == "\n":
        return True  # blank line
    prev_start = text.rfind("\n", 0, line_start)
    prev_line = text[prev_start + 1 : line_start].rstrip()
    next_line_end = text.find("\n", pos)
    next_line = text[pos : next_line_end if next_line_end >= 0 else len(text)]
    if _LIST_START.match(next_line):
        return True
    if prev_line.endswith((",", "-", "–", "och", "eller", "samt")):
        return False
    return len(prev_line) < SHORT_LINE and not prev_line.endswith(("med", "till", "av", "för", "i", "på", "om"))


@Language.factory("muni_sentences")
def make_sentences(nlp: Language, name: str):
    return set_sentence_starts
