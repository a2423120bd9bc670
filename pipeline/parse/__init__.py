"""Parse: a PDF to per-page text.

The text layer is read with pypdfium2 (fast, faithful); clean-up keeps offsets
honest by producing the text that is stored and indexed; running headers and
footers are marked, not removed. The same pass counts each page's objects, which
decides the expensive readers: OCR only for pages without a usable text layer,
pdfplumber only for pages with ruled lines.
"""
from __future__ import annotations

from dataclasses import dataclass

from .garbled import garbled
from ..records import FAILED, OK, PARTIAL, ParsedDocument, SourceFile
from ..remote import is_url, parse_remote

# The readers (pypdfium2 and the rest) are imported on first use: ``extract`` with
# nothing to do imports this package for ParseOptions alone, and its start-up is
# what an incremental re-run costs.

# Fewer visible characters than this and the text layer is a stamp or a page
# number on top of a scan, not the page's text.
MIN_TEXT_CHARS = 30


@dataclass(frozen=True)
class ParseOptions:
    max_pages: int = 2000
    ocr: bool = True
    ocr_lang: str = "swe"
    ocr_dpi: int = 250
    tables: bool = True
    deadline: float | None = None  # time.monotonic() after which no more pages are OCR'd


def parse_pdf(source: SourceFile, options: ParseOptions = ParseOptions()) -> ParsedDocument:
    if is_url(source.path):  # fetched once to a local file that every reader below can open
        return parse_remote(source, options)
    from .boilerplate import mark_boilerplate
    from .clean import clean_page_text
    from .text import PdfReadError, read_text_pages

    doc = ParsedDocument(source=source)
    hints: list = []
    problems: list[str] = []
    try:
        n_pages, pages = read_text_pages(
            source.path, max_pages=options.max_pages, hints=hints, problems=problems, tables=options.tables
        )
    except PdfReadError as exc:
        doc.status, doc.error = FAILED, str(exc)
        return doc
    doc.n_pages = n_pages
    for page in pages:
        page.text = clean_page_text(page.text)
    if n_pages > len(pages):
        problems.append(f"read the first {len(pages)} of {n_pages} pages (page limit)")
    hints = hints if len(hints) == len(pages) else [None] * len(pages)
    need_ocr = [p.page_no for p, h in zip(pages, hints) if needs_ocr(p.text, h)]
    if need_ocr:
        from .ocr import ocr_pages

        problems.extend(ocr_pages(source.path, pages, need_ocr, options, sha256=source.sha256, hints=hints))
    ruled = [p.page_no for p, h in zip(pages, hints) if h is not None and h.ruled and p.source == "text"]
    if options.tables and ruled:
        from .tables import read_tables

        doc.tables, table_problems = read_tables(source.path, ruled, hints)
        problems.extend(table_problems)
    mark_boilerplate(pages)
    doc.pages = pages
    if problems:
        doc.status, doc.error = PARTIAL, "; ".join(problems)
    else:
        doc.status = OK
    return doc


def needs_ocr(text: str, hints=None) -> bool:
    """A page whose text layer is missing or unreadable, with something to read on it.

    A blank page (no text, no image, no drawing) needs nothing.
    """
    if garbled(text, scanned=hints is not None and hints.scanned):
        return True  # glyphs are drawn, their text is lost: only the picture can be read
    if _visible_chars(text[:4 * MIN_TEXT_CHARS]) >= MIN_TEXT_CHARS or _visible_chars(text) >= MIN_TEXT_CHARS:
        return False  # (a page's first lines usually settle it without splitting the page)
    if hints is None:
        return not text.strip()
    # text drawn as outlines has no text layer either: many paths and no rules grid
    return hints.scanned or hints.n_images > 0 or (hints.n_paths >= 50 and not hints.ruled)


def _visible_chars(text: str) -> int:
    return len("".join(text.split()))


def __getattr__(name: str):
    if name in ("PdfReadError", "read_text_pages"):
        from . import text

        return getattr(text, name)
    raise AttributeError(name)
