"""Sentence boundaries for text that came out of a PDF.

PDF lines wrap mid-sentence, so a newline alone is no boundary; but headings,
list items and short closing lines are, even without a full stop.
"""
from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH, LIKE_NUM, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from .layout import SENT_KEY, doc_text

_LIST_START = re.compile(r"^\s*(?:[•\-–*\uf0b7\u25cf]|\d{1,2}[.)]\s|[a-z][.)]\s)")
_ABBREV = {"t.ex.", "bl.a.", "ca.", "resp.", "kl.", "s.", "nr.", "jfr.", "fr.o.m.", "t.o.m.", "o.s.v.", "m.m.", "dvs.", "el.", "st.", "tel.", "feb.", "jan.", "aug.", "sept.", "okt.", "nov.", "dec."}
SHORT_LINE = 50


def set_sentence_starts(doc: Doc) -> Doc:
    n = len(doc)
    if not n:
        return doc
    text = doc_text(doc)
    heading_starts = {h.start for h in doc.spans.get("headings", [])}
    heading_ends = {h.end for h in doc.spans.get("headings", [])}
    page_tok_starts = {p.start for p in doc.spans.get("pages", [])}
    # Token objects cost more than the rule: read every token from the arrays once.
    arr = doc.to_array([IDX, LENGTH, IS_SPACE, LIKE_NUM]).tolist()
    idx = [a[0] for a in arr]
    words = [text[a[0]:a[0] + a[1]] for a in arr]
    ws = [text[a[0] + a[1]:(idx[i + 1] if i + 1 < n else len(text))] for i, a in enumerate(arr)]
    space = [bool(a[2]) for a in arr]
    num = [bool(a[3]) for a in arr]
    pending = False  # a boundary found at a whitespace token moves to the next word
    # Set all at once: Token.is_sent_start re-checks the whole doc on every assignment.
    flags = numpy.full((n, 1), -1, dtype="int64")
    flags[0, 0] = 1
    starts = [idx[0]]
    for i in range(1, n):
        p = i - 1
        if space[p] and i >= 2:
            p = i - 2
        prev = words[p]
        start = False
        if i in heading_starts or i in heading_ends or i in page_tok_starts:
            start = True
        else:
            stop = prev in {".", "!", "?"} or (
                prev.endswith(".") and len(prev) > 1 and prev.lower() not in _ABBREV and not num[p])
            broken = not stop and ("\n" in words[i - 1] or "\n" in ws[i - 1])
            # most tokens follow neither a full stop nor a line break: nothing more to ask
            if (stop or broken) and not _is_list_number(p, words, ws):
                if stop:
                    word = words[i]
                    start = word[:1].isupper() or word[:1].isdigit() or space[i]
                else:
                    start = _line_break_is_boundary(text, idx[i])
        if space[i]:
            pending = pending or start
            continue
        if start or pending:
            flags[i, 0] = 1
            starts.append(idx[i])
        pending = False
    doc.from_array([SENT_START], flags.view("uint64"))
    doc.user_data[SENT_KEY] = starts
    return doc


def _is_list_number(i: int, words: list[str], ws: list[str]) -> bool:
    """'1.' or '2)' opening a line: a list marker, not a sentence end."""
    word = words[i]
    if word in {".", ")"} and i > 0 and not ws[i - 1]:
        i -= 1  # the tokenizer split "1." into "1" "."
        if not _MARKER_BODY.fullmatch(words[i]):
            return False
    elif not _MARKER.fullmatch(word):
        return False
    return i == 0 or "\n" in words[i - 1] or "\n" in ws[i - 1]


_MARKER_BODY = re.compile(r"\d{1,2}|[a-z]")
_MARKER = re.compile(r"\d{1,2}[.)]|[a-z][.)]")


def _line_break_is_boundary(text: str, pos: int) -> bool:
    """Does the line break just before ``pos`` end a sentence?"""
    line_start = text.rfind("\n", 0, pos)
    if line_start < 0:
        return False
    if text[max(0, line_start - 1)] == "\n" or text[line_start:pos].count("\n") > 1:
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
