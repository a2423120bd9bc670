"""The project's spaCy pipeline: ``spacy.blank("sv")`` plus registered components.

    >>> from pipeline.nlp import build_nlp
    >>> nlp = build_nlp()
    >>> doc = nlp("Avtalet förlängs till och med 31 mars 2026.")
    >>> [(s.text, s._.norm) for s in doc.spans["dates"]]

Facts land in span groups named after the DuckDB tables (``doc.spans["dates"]``,
``"amounts"``, ...), each span with its normalised value in ``span._.norm``.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .extensions import FACT_GROUPS, register_extensions

register_extensions()

# Importing the modules registers their factories (the pyproject entry points do the
# same for spacy.load() in a fresh interpreter).
from . import (  # noqa: E402,F401
    amounts,
    contract,
    dates,
    doctype,
    durations,
    identifiers,
    layout,
    parties,
    people,
    sentences,
    tokenizer,
    volumes,
)
from .layout import PAGE_SEP, TEXT_KEY  # noqa: E402

# Order matters: layout and sentences first; identifiers and dates claim their text
# before numbers are read as amounts or volumes; parties/people before the
# document-level components that summarise them.
COMPONENTS = (
    "muni_layout",
    "muni_sentences",
    "muni_identifiers",
    "muni_dates",
    "muni_amounts",
    "muni_durations",
    "muni_volumes",
    "muni_parties",
    "muni_people",
    "muni_doctype",
    "muni_contract",
)


MAX_CHARS = 50_000_000


def build_nlp() -> Language:
    nlp = spacy.blank("sv", config={"nlp": {"tokenizer": {"@tokenizers": "muni_tokenizer.v1"}}})
    # spaCy's million-character guard is for its parser and NER, which this pipeline does
    # not run; a 400-page protocol is longer. The parse stage's page limit bounds a text.
    nlp.max_length = MAX_CHARS
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def make_doc(
    nlp: Language,
    pages: Sequence[str],
    boilerplate: Iterable[tuple[int, int, int]] = (),
    ocr_pages: Iterable[int] = (),
) -> Doc:
    """One Doc for a whole document, pages joined by ``PAGE_SEP``.

    ``boilerplate`` holds (page_no, start, end) ranges in page coordinates: running
    headers and footers that stay in the text but yield no facts.
    """
    starts, pos = [], 0
    for text in pages:
        starts.append(pos)
        pos += len(text) + len(PAGE_SEP)
    text = PAGE_SEP.join(pages)
    doc = nlp.make_doc(text)
    doc.user_data["page_starts"] = starts
    doc.user_data[TEXT_KEY] = text  # what layout.doc_text would rebuild from every token
    page_spans = []
    for i, (start, text) in enumerate(zip(starts, pages)):
        sp = doc.char_span(start, start + len(text), alignment_mode="expand", label=str(i + 1))
        if sp is not None and len(sp):
            page_spans.append(sp)
    doc.spans["pages"] = page_spans
    bp = []
    for page_no, start, end in boilerplate:
        base = starts[page_no - 1]
        sp = doc.char_span(base + start, base + end, alignment_mode="expand")
        if sp is not None:
            bp.append(sp)
    doc.spans["boilerplate"] = bp
    doc._.ocr_pages = frozenset(ocr_pages)
    return doc


def run(nlp: Language, pages: Sequence[str], **kw) -> Doc:
    return nlp(make_doc(nlp, pages, **kw))


__all__ = ["build_nlp", "make_doc", "run", "COMPONENTS", "FACT_GROUPS", "PAGE_SEP"]
