"""Pages and sections of a document as span groups on one Doc.

A PDF's pages are joined into one text (``PAGE_SEP`` between pages) so that every
component sees the whole document, and each span can still say which page it is
on and under which heading (as explosion/spacy-layout does).
"""
from __future__ import annotations

import bisect
import functools
import re
from typing import Iterable, Sequence

from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .scan import Ranges

PAGE_SEP = "\n\n"

# Headings Swedish municipal memos, decisions and contracts use, matched on the whole line.
KNOWN_HEADINGS = re.compile(
    r"^(?:förslag till (?:[\wåäö\- ]+ )?beslut|(?:[\wåäö\-]+s )?beslut|ärende(?:t)?|ärendebeskrivning|bakgrund|"
    r"beslutsunderlag|ekonomiska konsekvenser|ekonomi|kommunala mål|jämställdhet|"
    r"miljö|barnperspektiv|barnkonsekvensanalys|"
    r"beslutet skickas till|expedieras till|sammanfattning|yrkanden?|propositionsordning|"
    r"information eller förhandling enligt lag .*|mbl|protokollsanteckning|reservation|"
    r"bilagor?|avtalsparter|parter|avtalstid|avtalsperiod|ersättning|uppsägning|"
    r"förlängning|uppdrag(?:et)?|inledning|syfte|metod|resultat|slutsatser|diskussion|"
    r"referenser|källor|underskrifter?|handläggare|kontaktperson|paragraf \d+|§ ?\d+.*)[:.]?$",
    re.IGNORECASE,
)
# "3. ERSÄTTNING TILL UTFÖRARE, VOLYMER", "2.1 Avtalstid", "§ 83 Avtal ..."
NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|§\s*\d+)\s+[A-ZÅÄÖ][^.!?]{2,60}$")
_TERMINAL = (".", "!", "?", ",", ";", ":", "-", "–")


# A signature block ("Social- och omsorgsförvaltningen" / "Yvonne Thilander") is set
# like a heading but names who signs, not what follows.
_SIGNATURE_LIKE = re.compile(
    r"(?:förvaltning(?:en)?|nämnd(?:en)?|kontor(?:et)?|styrelse(?:n)?|direktör|chef|kommun|"
    r"region(?:en)?|\bAB)$",
    re.IGNORECASE,
)
# A heading broken over two lines ends on a word that cannot end it.
_OPEN_END = re.compile(r"\b(?:om|och|i|av|för|till|enligt|med|inom|samt|vid|på)$|[(,]$", re.IGNORECASE)
_NOT_GIVEN = object()


def is_heading_line(line: str, prev_line: str | None, next_line=_NOT_GIVEN) -> bool:
    """Is ``line`` a heading? ``prev_line``/``next_line`` are the neighbouring non-empty
    lines (None at the start/end of the text); without ``next_line`` it is not consulted."""
    s = line.strip()
    if not s or len(s) > 90:
        return False
    if KNOWN_HEADINGS.match(s):
        return True
    if NUMBERED_HEADING.match(s) and sum(c.isdigit() for c in s) <= 6:
        # a numbered heading is set apart: capitals, or few words; a list item runs on
        words = s.split()[1:]
        return s.upper() == s or len(words) <= 5
    # An unknown heading: a short, capitalised line that ends no sentence, follows one
    # that did, and is followed by running text (not by a name, as in a signature block).
    prev = (prev_line or "").strip()
    if not (
        len(s) <= 60
        and s[0].isupper()
        and not s.endswith(_TERMINAL)
        and not re.search(r"\d{3}", s)
        and len(s.split()) <= 8
        and (not prev or prev.endswith((".", "!", "?")))
        and not _SIGNATURE_LIKE.search(s)
    ):
        return False
    if next_line is _NOT_GIVEN:
        return True
    return next_line is not None and _body_like(next_line.strip(), s)


def _body_like(line: str, heading: str) -> bool:
    if not line or line == heading:
        return False
    return len(line) >= 40 or line.endswith((".", "!", "?", ":")) or bool(KNOWN_HEADINGS.match(line)) \
        or bool(NUMBERED_HEADING.match(line))


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc.

    spaCy's ``Doc.text`` joins every token's text on each access: called in a loop
    over spans it costs O(tokens) each time (a quarter of the pipeline's time on the
    benchmark batch). A Doc's text never changes, so the first build is kept.
    """
    text = doc.user_data.get(TEXT_KEY)
    n = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if text is None or len(text) != n:  # absent, or user_data carried over from another Doc
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


TEXT_KEY = "_text"


# what a case-blind pattern matches to a Latin-1 letter besides its lower case: "ſ" for
# "s", "ı" and "İ" for "i", Greek mu for the micro sign (tests/test_layout.py checks the
# list against the regex engine)
EXTRA_CASES = "\u0130\u0131\u017f\u039c\u03bc"
_EXTRA_CASES = re.compile(f"[{EXTRA_CASES}]")


@functools.lru_cache(maxsize=2)
def case_folded(text: str) -> str | None:
    """``text`` lower-cased, where a case-sensitive scan of it for lower-case Swedish
    words finds just what a case-blind scan of ``text`` finds, else None.

    A case-blind pattern can skip ahead to no first letter (every letter has two
    cases), so it is tried at every position of a document; on the lower-cased text
    a case-sensitive one skips to its first letters, several times faster.
    """
    low = text.lower()
    return low if len(low) == len(text) and not _EXTRA_CASES.search(text) else None


def sentence_starts(doc: Doc) -> list[int]:
    """Character offsets where sentences start (``[0]`` without sentence annotation).

    ``muni_sentences`` leaves them in user_data; otherwise they are read from the
    arrays (a Python loop over the tokens costs more than most components).
    """
    starts = doc.user_data.get(SENT_KEY)
    if starts is None:
        if not len(doc) or not doc.has_annotation("SENT_START"):
            return [0]
        arr = doc.to_array([SENT_START, IDX]).astype("int64")
        starts = arr[arr[:, 0] == 1, 1].tolist()
        doc.user_data[SENT_KEY] = starts
    return starts


def sentence_text(doc: Doc, start: int, end: int) -> str:
    """The sentence(s) around characters ``start``..``end``, whitespace collapsed."""
    return sentence_around(doc_text(doc), sentence_starts(doc), start, end)


def sentence_around(text: str, starts: Sequence[int], start: int, end: int) -> str:
    """``sentence_text`` for a caller that holds the text and the sentence starts."""
    i = max(0, bisect.bisect_right(starts, start) - 1)
    j = bisect.bisect_left(starts, max(end, start + 1))
    stop = starts[j] if j < len(starts) else len(text)
    return " ".join(text[starts[i]:stop].split())


# Sentence starts as character offsets, for components that look sentences up by
# offset: plain data (the Doc still serialises), and offsets survive the dates
# component's retokenising.
SENT_KEY = "_sentence_starts"


def page_starts(doc: Doc) -> list[int]:
    """Character offset where each page begins (page 1 first)."""
    return doc.user_data.get("page_starts") or [0]


def page_of(span: Span | int, starts: Sequence[int]) -> int:
    """1-based page number of a span (or character offset)."""
    pos = span if isinstance(span, int) else span.start_char
    return max(1, bisect.bisect_right(starts, pos))


def section_of(span: Span) -> str | None:
    """The heading of the section a span stands in, lower-cased, or None."""
    starts, ends, labels = _section_index(span.doc)
    i = bisect.bisect_right(starts, span.start_char) - 1
    return labels[i] if i >= 0 and span.start_char < ends[i] else None


def section_bounds(span: Span) -> tuple[int, int] | None:
    """Character bounds of the section a span stands in, or None."""
    starts, ends, _ = _section_index(span.doc)
    i = bisect.bisect_right(starts, span.start_char) - 1
    return (starts[i], ends[i]) if i >= 0 and span.start_char < ends[i] else None


# Span groups hand out new Span objects on every access, so the components' many
# "is this in a header?" and "which section?" questions are answered from plain
# offset lists kept in user_data (plain data: a Doc still serialises). mark_layout
# writes them; a Doc that never went through it gets them built on first use.
_BP_KEY, _SEC_KEY = "_boilerplate_ranges", "_section_index"


def _boilerplate_index(doc: Doc) -> tuple[list[int], list[int]]:
    index = doc.user_data.get(_BP_KEY)
    if index is None:
        index = _merged((s.start_char, s.end_char) for s in doc.spans.get("boilerplate", []))
        doc.user_data[_BP_KEY] = index
    return index


def _merged(ranges: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    r = Ranges(ranges)
    return r.starts, r.ends


def _section_index(doc: Doc) -> tuple[list[int], list[int], list[str]]:
    index = doc.user_data.get(_SEC_KEY)
    if index is None:
        secs = list(doc.spans.get("sections", []))
        index = ([s.start_char for s in secs], [s.end_char for s in secs], [s.label_ for s in secs])
        doc.user_data[_SEC_KEY] = index
    return index


def mark_layout(doc: Doc, boilerplate: Iterable[tuple[int, int]] = ()) -> Doc:
    """Fill the layout groups: pages (if absent), headings, sections, boilerplate.

    ``boilerplate`` holds document character ranges of running headers/footers found
    by the parse stage; they stay in the text (offsets stay honest) but no fact is
    taken from them.
    """
    if "page_starts" not in doc.user_data:
        doc.user_data["page_starts"] = [0]
        doc.spans["pages"] = [Span(doc, 0, len(doc), label="1")]
    bp = []
    for start, end in boilerplate:
        sp = doc.char_span(start, end, alignment_mode="expand")
        if sp is not None:
            bp.append(sp)
    doc.spans["boilerplate"] = bp
    doc.user_data[_BP_KEY] = _merged((s.start_char, s.end_char) for s in bp)

    headings: list[Span] = []
    text = doc_text(doc)
    lines = []  # (start, end, stripped) of every non-empty line
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            lines.append((pos + lead, pos + lead + len(stripped), stripped))
        pos += len(line) + 1
    bp_ranges = sorted((s.start_char, s.end_char) for s in bp)
    body = [ln for ln in lines if not _in_ranges(ln[0], bp_ranges)]
    k = 0
    while k < len(body):
        start, end, stripped = body[k]
        prev = body[k - 1][2] if k else None
        nxt = body[k + 1][2] if k + 1 < len(body) else None
        if is_heading_line(stripped, prev, nxt):
            if nxt is not None and _continues(stripped, nxt):
                end = body[k + 1][1]  # "... enligt lag (1976:580) om" / "medbestämmande i arbetslivet"
                k += 1
            sp = doc.char_span(start, end, alignment_mode="expand")
            if sp is not None:
                headings.append(sp)
        k += 1
    doc.spans["headings"] = headings
    sections = []
    for i, h in enumerate(headings):
        end_tok = headings[i + 1].start if i + 1 < len(headings) else len(doc)
        sp = Span(doc, h.start, end_tok, label=_heading_label(h.text))
        sections.append(sp)
    doc.spans["sections"] = sections
    doc.user_data[_SEC_KEY] = (
        [s.start_char for s in sections], [s.end_char for s in sections], [s.label_ for s in sections]
    )
    return doc


def _heading_label(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().rstrip(":.")).lower()


def _continues(heading: str, nxt: str) -> bool:
    """The next line finishes a heading that breaks at a word that cannot end it."""
    return (
        bool(_OPEN_END.search(heading))
        and len(nxt) <= 60
        and nxt[:1].islower()
        and not nxt.endswith(_TERMINAL)
    )


def _in_ranges(pos: int, ranges: Sequence[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(ranges, (pos, float("inf"))) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


def _inside(pos: int, spans: Sequence[Span]) -> bool:
    return any(s.start_char <= pos < s.end_char for s in spans)


def in_boilerplate(span: Span) -> bool:
    """Does the span overlap a running header or footer?"""
    starts, ends = _boilerplate_index(span.doc)
    i = bisect.bisect_left(starts, span.end_char) - 1  # last range starting before the span ends
    return i >= 0 and ends[i] > span.start_char


@Language.factory("muni_layout")
def make_layout(nlp: Language, name: str):
    """Marks headings and sections; the parse stage may have set pages and boilerplate."""

    def layout(doc: Doc) -> Doc:
        bp = [(s.start_char, s.end_char) for s in doc.spans.get("boilerplate", [])]
        return mark_layout(doc, bp)

    return layout
