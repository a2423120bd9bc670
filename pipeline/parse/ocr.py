"""OCR of pages without a usable text layer (Tesseract, Swedish)."""
from __future__ import annotations

import shutil

from ..records import Page


def tesseract_available(lang: str) -> bool:
    if not shutil.which("tesseract"):
        return False
    import pytesseract

    try:
        return lang in pytesseract.get_languages(config="")
    except Exception:
        return False


def ocr_pages(path: str, pages: list[Page], page_nos: list[int], options) -> list[str]:
    """Fill the text of ``page_nos`` by OCR; return problems worth reporting."""
    if not options.ocr:
        return [f"{len(page_nos)} page(s) without text layer; OCR disabled"]
    if not tesseract_available(options.ocr_lang):
        return [
            f"{len(page_nos)} page(s) without text layer; tesseract with '{options.ocr_lang}' "
            "not installed (apt-get install tesseract-ocr tesseract-ocr-swe)"
        ]
    import pypdfium2 as pdfium
    import pytesseract

    from .clean import clean_page_text

    pdf = pdfium.PdfDocument(path)
    try:
        for no in page_nos:
            image = pdf[no - 1].render(scale=300 / 72).to_pil()
            data = pytesseract.image_to_data(
                image, lang=options.ocr_lang, output_type=pytesseract.Output.DICT
            )
            text, conf = _assemble(data)
            page = pages[no - 1]
            page.text, page.source, page.ocr_confidence = clean_page_text(text), "ocr", conf
    finally:
        pdf.close()
    return []


def _assemble(data: dict) -> tuple[str, float | None]:
    """Lines from Tesseract's word boxes, blank lines between blocks; mean word confidence."""
    lines: list[str] = []
    confs: list[float] = []
    current_key, words, last_block = None, [], None
    for i, word in enumerate(data["text"]):
        if not word.strip():
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if key != current_key:
            if words:
                lines.append(" ".join(words))
            if last_block is not None and key[0] != last_block:
                lines.append("")
            current_key, words, last_block = key, [], key[0]
        words.append(word)
        c = float(data["conf"][i])
        if c >= 0:
            confs.append(c)
    if words:
        lines.append(" ".join(words))
    return "\n".join(lines), (sum(confs) / len(confs) if confs else None)
