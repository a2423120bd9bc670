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


def register_extensions() -> None:
    if not Span.has_extension("norm"):
        Span.set_extension("norm", default=None)
    for name in ("doc_type", "title", "authority", "document_date", "contract"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("ocr_pages"):
        # page numbers (1-based) whose text came from OCR: their facts get lower confidence
        Doc.set_extension("ocr_pages", default=frozenset())
