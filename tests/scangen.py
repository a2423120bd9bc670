"""Degraded scans of the text sample's pages, for the OCR tests and bench/ocr_quality.py.

A page of a text PDF is rendered, spoilt the way a municipal scanner spoils paper
(skew, a page fed upside down or sideways, 150-200 dpi, JPEG, a grey or yellowed
sheet, speckle) and wrapped as an image-only PDF: the text layer of the original page
is then the truth the OCR of the copy is held to. Deterministic (seeded noise), so a
failing test fails the same way twice.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image

# Rendered at this density first, then spoilt and brought down to the scan's own dpi:
# skewing a 150 dpi raster would blur it twice.
SOURCE_DPI = 300


@dataclass(frozen=True)
class Degradation:
    name: str
    skew: float = 0.0  # degrees, counter-clockwise, as a sheet lies crooked on the glass
    quarter_turns: int = 0  # 1 = fed sideways (90° ccw), 2 = upside down
    dpi: int = 200
    jpeg_quality: int = 75
    paper: int = 255  # grey level of the sheet (yellowed ~ 215, grey copy ~ 190)
    ink: int = 0  # grey level of the print (a faded copy ~ 80)
    speckle: float = 0.0  # share of pixels flipped to dark dots
    noise: float = 0.0  # sd of Gaussian grain, in grey levels
    seed: int = 1


DEGRADATIONS = (
    Degradation("clean 200 dpi"),
    Degradation("150 dpi jpeg q40", dpi=150, jpeg_quality=40),
    Degradation("skew 0.7°", skew=0.7),
    Degradation("skew 2°", skew=2.0),
    Degradation("skew -3°", skew=-3.0),
    Degradation("rotated 180°", quarter_turns=2),
    Degradation("rotated 90°", quarter_turns=1),
    Degradation("rotated 270°", quarter_turns=3),
    Degradation("grey paper faded ink", paper=190, ink=90, noise=12),
    Degradation("yellowed, speckle", paper=215, speckle=0.004, noise=8),
    Degradation("all: 150 dpi q40 skew 1.5° grey speckle", skew=1.5, dpi=150, jpeg_quality=40,
                paper=200, ink=40, speckle=0.002, noise=10),
    Degradation("all, upside down", skew=-1.0, quarter_turns=2, dpi=150, jpeg_quality=40,
                paper=205, ink=30, speckle=0.002, noise=8),
)
BY_NAME = {d.name: d for d in DEGRADATIONS}


def render_page(pdf_path, page_no: int, dpi: int = SOURCE_DPI) -> Image.Image:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        page = pdf[page_no - 1]
        image = page.render(scale=dpi / 72.0, grayscale=True).to_pil().convert("L")
        page.close()
        return image
    finally:
        pdf.close()


def degrade(image: Image.Image, d: Degradation, source_dpi: int = SOURCE_DPI) -> Image.Image:
    """The page as the scanner delivers it (grey, ``d.dpi``), before JPEG."""
    a = np.asarray(image, dtype=np.float32) / 255.0  # 1 = paper, 0 = ink
    a = d.ink / 255.0 + a * (d.paper - d.ink) / 255.0
    img = Image.fromarray(np.clip(a * 255, 0, 255).astype(np.uint8))
    if d.skew:
        # the scanner's lid is the paper's colour: what the turn uncovers is paper, too
        img = img.rotate(d.skew, resample=Image.BICUBIC, expand=True, fillcolor=d.paper)
    if d.quarter_turns % 4:
        img = img.rotate(90 * (d.quarter_turns % 4), expand=True)
    if d.dpi != source_dpi:
        w, h = img.size
        img = img.resize((round(w * d.dpi / source_dpi), round(h * d.dpi / source_dpi)), Image.LANCZOS)
    rng = np.random.default_rng(d.seed)
    a = np.asarray(img, dtype=np.float32)
    if d.noise:
        a = a + rng.normal(0.0, d.noise, a.shape)
    if d.speckle:
        dots = rng.random(a.shape) < d.speckle
        a[dots] = d.ink + rng.random(int(dots.sum())) * 40
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def image_pdf(images: list[Image.Image], dpi: int, jpeg_quality: int = 75) -> bytes:
    """An image-only PDF, one JPEG page per image, page size from ``dpi`` (no text layer)."""
    out = io.BytesIO()
    first, *rest = images
    first.save(out, "PDF", resolution=float(dpi), save_all=True, append_images=rest, quality=jpeg_quality)
    return out.getvalue()


def degraded_pdf(pdf_path, page_nos: list[int], d: Degradation) -> bytes:
    """Pages ``page_nos`` of a text PDF as a degraded image-only scan."""
    images = [degrade(render_page(pdf_path, no), d) for no in page_nos]
    return image_pdf(images, d.dpi, d.jpeg_quality)


def with_text_layer(pdf_bytes: bytes, text: str) -> bytes:
    """The PDF with ``text`` laid invisibly over its first page, as a scanner's OCR layer is."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        page = pdf[0]
        _, height = page.get_size()
        for i, line in enumerate(text.splitlines()):
            obj = raw.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(10.0))
            units = (line + "\0").encode("utf-16-le")
            raw.FPDFText_SetText(obj, ctypes.cast(ctypes.c_char_p(units), ctypes.POINTER(raw.FPDF_WCHAR)))
            raw.FPDFTextObj_SetTextRenderMode(obj, raw.FPDF_TEXTRENDERMODE_INVISIBLE)
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 40, height - 60 - 12 * i)
            raw.FPDFPage_InsertObject(page.raw, obj)
        raw.FPDFPage_GenerateContent(page.raw)
        out = io.BytesIO()
        pdf.save(out)
        page.close()
        return out.getvalue()
    finally:
        pdf.close()
