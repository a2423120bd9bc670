"""Sentence boundaries for text that came out of a PDF.

PDF lines wrap mid-sentence, so a newline alone is no boundary; but headings,
list items and short closing lines are, even without a full stop.
"""
from __future__ import annotations

import re

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from .layout import SENT_KEY, doc_text

_LIST_START = re.compile(r"^\s*(?:[•\-–*\uf0b7\u25cf]|\d{1,2}[.)]\s|[a-z][.)]\s)")
_ABBREV = {"t.ex.", "bl.a.", "ca.", "resp.", "kl.", "s.", "nr.", "jfr.", "fr.o.m.", "t.o.m.", "o.s.v.", "m.m.", "dvs.", "el.", "st.", "tel.", "feb.", "jan.", "aug.", "sept.", "okt.", "nov.", "dec."}
SHORT_LINE = 50


def set_sentence_starts(doc: Doc) -> Doc:
    if not len(doc):
        return doc
    text = doc_text(doc)
    heading_starts = {h.start for h in doc.spans.get("headings", [])}
    heading_ends = {h.end for h in doc.spans.get("headings", [])}
    page_tok_starts = {p.start for p in doc.spans.get("pages", [])}
    pending = False  # a boundary found at a whitespace token moves to the next word
    # Set all at once: Token.is_sent_start re-checks the whole doc on every assignment.
    flags = numpy.full((len(doc), 1), -1, dtype="int64")
    flags[0, 0] = 1
    for i, tok in enumerate(doc):
        if i == 0:
            continue
        prev = doc[i - 1]
        if prev.is_space and i >= 2:
            prev = doc[i - 2]
        start = False
        if i in heading_starts or i in heading_ends or i in page_tok_starts:
            start = True
        elif _is_list_number(prev):
            start = False
        elif prev.text in {".", "!", "?"} or (prev.text.endswith(".") and len(prev.text) > 1 and prev.text.lower() not in _ABBREV and not prev.like_num):
            start = tok.text[:1].isupper() or tok.text[:1].isdigit() or tok.is_space
            if prev.text.lower() in _ABBREV:
                start = False
        elif "\n" in prev.text or "\n" in prev.whitespace_ or (i >= 2 and "\n" in doc[i - 2].whitespace_ and prev.is_space):
            start = _line_break_is_boundary(text, tok.idx)
        if tok.is_space:
            pending = pending or start
            continue
        if start or pending:
            flags[i, 0] = 1
        pending = False
    doc.from_array([SENT_START], flags.view("uint64"))
    return doc


def _is_list_number(tok) -> bool:
    """'1.' or '2)' opening a line: a list marker, not a sentence end."""
    if tok.text in {".", ")"} and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_:
        tok = tok.doc[tok.i - 1]  # the tokenizer split "1." into "1" "."
        if not re.fullmatch(r"\d{1,2}|[a-z]", tok.text):
            return False
    elif not re.fullmatch(r"\d{1,2}[.)]|[a-z][.)]", tok.text):
        return False
    return tok.i == 0 or "\n" in tok.doc[tok.i - 1].text or "\n" in tok.doc[tok.i - 1].whitespace_


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
