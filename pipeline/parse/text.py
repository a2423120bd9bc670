"""The text layer, read with pypdfium2."""
from __future__ import annotations

import re

import pypdfium2 as pdfium

from ..records import Page
from .objects import page_hints
from .tables import lattice_grids


class PdfReadError(Exception):
    """The file cannot be read as a PDF; the message is meant for a person."""


def read_text_pages(path: str, max_pages: int, hints: list | None = None,
                    problems: list | None = None, tables: bool = True) -> tuple[int, list[Page]]:
    """(page count, pages read); ``hints``, when given, gets one PageHints per page read
    (with the cells of its plain lattices, if ``tables``).

    A page pdfium cannot open or read keeps an empty text (its hints None) and is named
    in ``problems``: one damaged page does not cost the document its other pages.
    """
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise PdfReadError(_explain(exc, path)) from None
    try:
        n = len(pdf)
        if n == 0:
            raise PdfReadError("no pages: the PDF has zero pages")
        pages = []
        broken = []
        for i in range(min(n, max_pages)):
            try:
                page = pdf[i]
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                hint = page_hints(page) if hints is not None else None
                if tables and hint is not None and hint.ruled:  # while the page is open
                    hint.grids = lattice_grids(hint, textpage)
                textpage.close()
                page.close()
            except pdfium.PdfiumError:
                broken.append(i + 1)
                text, hint = "", None
            if hints is not None:
                hints.append(hint)
            pages.append(Page(page_no=i + 1, text=text))
        if broken and len(broken) == len(pages):
            raise PdfReadError("damaged PDF: pdfium could not read any of its pages")
        if broken and problems is not None:
            problems.append(f"page(s) {', '.join(map(str, broken))} could not be read (damaged page)")
        return n, pages
    finally:
        pdf.close()


# Only read when pdfium has already refused the file, so it costs nothing on good ones.
_SNIFF = (
    (b"<!doctype html", "an HTML page"), (b"<html", "an HTML page"), (b"<?xml", "an XML file"),
    (b"PK\x03\x04", "a ZIP archive (e.g. a Word .docx or Excel .xlsx file)"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Excel (OLE) file"), (b"{\\rtf", "an RTF document"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"\x89PNG", "a PNG image"), (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)
_SCAN_LIMIT = 64 << 20


def _explain(exc: Exception, path: str | None = None) -> str:
    """One line a person understands, from pdfium's error and a look at the bytes."""
    msg = str(exc)
    if "password" in msg.lower():
        return "encrypted: password required"
    try:
        with open(path, "rb") as f:
            size = f.seek(0, 2)
            f.seek(0)
            head = f.read(1024)
            f.seek(max(0, size - 2048))
            tail = f.read()
            body = None
            if size <= _SCAN_LIMIT:
                f.seek(0)
                body = f.read()
    except (OSError, TypeError, ValueError):
        return f"not a readable PDF ({msg})"
    if size == 0:
        return "empty file (0 bytes)"
    if b"%PDF-" not in head:
        low = head.lstrip().lower()
        kind = next((name for magic, name in _SNIFF if low.startswith(magic.lower())), None)
        return f"not a PDF: the file is {kind}" if kind else "not a PDF: no %PDF header (unknown or random content)"
    if b"%%EOF" not in tail:
        return f"truncated or damaged PDF: no end-of-file marker ({size} bytes), pdfium could not repair it"
    if body is not None and not re.search(rb"/Type\s*/Page(?![a-zA-Z])", body):
        return "no pages: the PDF has zero pages"
    return f"damaged PDF: pdfium could not repair it ({msg})"
