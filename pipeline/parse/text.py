"""The text layer, read with pypdfium2."""
from __future__ import annotations

import pypdfium2 as pdfium

from ..records import Page
from .objects import page_hints


class PdfReadError(Exception):
    """The file cannot be read as a PDF; the message is meant for a person."""


def read_text_pages(path: str, max_pages: int, hints: list | None = None) -> tuple[int, list[Page]]:
    """(page count, pages read); ``hints``, when given, gets one PageHints per page read."""
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise PdfReadError(_explain(exc)) from None
    try:
        n = len(pdf)
        if n == 0:
            raise PdfReadError("no pages: the PDF has zero pages")
        pages = []
        for i in range(min(n, max_pages)):
            page = pdf[i]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            if hints is not None:
                hints.append(page_hints(page))
            page.close()
            pages.append(Page(page_no=i + 1, text=text))
        return n, pages
    finally:
        pdf.close()


def _explain(exc: Exception) -> str:
    msg = str(exc)
    low = msg.lower()
    if "password" in low:
        return "encrypted: password required"
    if "format" in low or "file" in low:
        return f"not a readable PDF ({msg})"
    return f"could not open PDF ({msg})"
