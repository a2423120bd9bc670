"""Extension attributes the project's components read and write.

Every fact span carries its normalised value in ``span._.norm``: a dict with the
columns of that category's DuckDB table (``dates``: ``date``, ``role``; ``amounts``:
``amount_sek``, ``period``, ``price_year``, ``flags``; ...). Document-level results
live on ``doc._``.
"""
from spacy.tokens import Doc, Span

# Span groups the fact components fill, one per table of the contract.
FACT_GROUPS = ("parties", "people", "dates", "amounts", "volumes", "durations", "identifiers")
# Layout groups: "pages" (one span per page, in order), "sections" (label = heading),
# "headings" (the heading lines), "boilerplate" (running headers/footers: never facts).
LAYOUT_GROUPS = ("pages", "sections", "headings", "boilerplate")


def _norm_key(span: Span) -> tuple:
    # spaCy keys span extension values by offsets alone, so two spans over the same
    # text (a party's two roles, an ORG mention and its party) would share one value;
    # the label keeps them apart.
    return ("norm", span.start_char, span.end_char, span.label_)


def _get_norm(span: Span):
    return span.doc.user_data.get(_norm_key(span))


def _set_norm(span: Span, value) -> None:
    span.doc.user_data[_norm_key(span)] = value


def register_extensions() -> None:
    if not Span.has_extension("norm"):
        Span.set_extension("norm", getter=_get_norm, setter=_set_norm)
    for name in ("doc_type", "title", "authority", "document_date", "contract"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("ocr_pages"):
        # page numbers (1-based) whose text came from OCR: their facts get lower confidence
        Doc.set_extension("ocr_pages", default=frozenset())
