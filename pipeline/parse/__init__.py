"""Parse: a PDF to per-page text.

The text layer is read with pypdfium2 (fast, faithful); clean-up keeps offsets
honest by producing the text that is stored and indexed; running headers and
footers are marked, not removed. Pages without a usable text layer go to OCR.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..records import FAILED, OK, PARTIAL, ParsedDocument, SourceFile
from .boilerplate import mark_boilerplate
from .clean import clean_page_text
from .text import PdfReadError, read_text_pages


@dataclass(frozen=True)
class ParseOptions:
    max_pages: int = 2000
    ocr: bool = True
    ocr_lang: str = "swe"


def parse_pdf(source: SourceFile, options: ParseOptions = ParseOptions()) -> ParsedDocument:
    doc = ParsedDocument(source=source)
    try:
        n_pages, pages = read_text_pages(source.path, max_pages=options.max_pages)
    except PdfReadError as exc:
        doc.status, doc.error = FAILED, str(exc)
        return doc
    doc.n_pages = n_pages
    for page in pages:
        page.text = clean_page_text(page.text)
    problems = []
    if n_pages > len(pages):
        problems.append(f"read the first {len(pages)} of {n_pages} pages (page limit)")
    empty = [p.page_no for p in pages if not p.text.strip()]
    if empty:
        from .ocr import ocr_pages

        problems.extend(ocr_pages(source.path, pages, empty, options))
    mark_boilerplate(pages)
    doc.pages = pages
    if problems:
        doc.status, doc.error = PARTIAL, "; ".join(problems)
    else:
        doc.status = OK
    return doc
