"""What a page is made of, read cheaply from pypdfium2's page objects.

The text pass already has each page open; counting its objects there costs little
and decides which pages need the expensive readers: OCR for pages whose text layer
is missing or unusable, pdfplumber for pages with ruled lines.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from itertools import repeat

import pypdfium2.raw as pdfium_c

# A rule is a long thin path: thinner than this (points), longer than the minimum.
_THIN = 3.0
_MIN_H_RULE, _MIN_V_RULE = 15.0, 8.0
# Paths with more segments are drawings (logos, charts) unless mostly axis-aligned lines;
# past the cap we stop looking, a page of that many segments is a drawing anyway.
_MAX_SEGMENTS = 400


@dataclass
class PageHints:
    width: float = 0.0
    height: float = 0.0
    n_images: int = 0
    image_cover: float = 0.0  # share of the page area under images (0..1, overlaps counted)
    image_scale: float | None = None  # pixels per point of the densest large image
    n_paths: int = 0
    h_rules: int = 0
    v_rules: int = 0
    # the rules themselves, in page coordinates: (y, x0, x1) and (x, y0, y1); a grid
    # drawn as one many-segment path is counted but not listed (``complex_rules``)
    h_segs: list = field(default_factory=list)
    v_segs: list = field(default_factory=list)
    complex_rules: bool = False
    grids: list | None = None  # a ruled page's plain lattices, cut into cells (tables.lattice_grids)

    @property
    def ruled(self) -> bool:
        """Enough horizontal and vertical rules for a grid of at least two rows."""
        return self.h_rules >= 3 and self.v_rules >= 2

    @property
    def scanned(self) -> bool:
        return self.image_cover >= 0.3


def bare(fn, restype):
    """``fn`` without argtypes: ctypes passes the ctypes objects and small ints it is
    given as they are, at half the cost of converting them (calls made per object or
    per character add up)."""
    return ctypes.CFUNCTYPE(restype)(ctypes.cast(fn, ctypes.c_void_p).value)


_GET_OBJECT = bare(pdfium_c.FPDFPage_GetObject, pdfium_c.FPDF_PAGEOBJECT)
_GET_TYPE = bare(pdfium_c.FPDFPageObj_GetType, ctypes.c_int)


def page_hints(page) -> PageHints:
    """Count images and ruled lines on a pypdfium2 ``PdfPage``."""
    w, h = page.get_size()
    hints = PageHints(width=w, height=h)
    area = max(w * h, 1.0)
    # Text objects are most of a page: their type is asked of pdfium directly, and only
    # images and paths get pypdfium2's wrapper objects.
    from pypdfium2 import PdfObject

    raw_page = page.raw
    n = max(0, pdfium_c.FPDFPage_CountObjects(raw_page))
    objects = list(filter(None, map(_GET_OBJECT, repeat(raw_page, n), range(n))))
    for raw, t in zip(objects, map(_GET_TYPE, objects)):
        if t not in (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH):
            continue
        obj = PdfObject(raw, page=page)
        if t == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            hints.n_images += 1
            left, bottom, right, top = obj.get_bounds()
            bw, bh = right - left, top - bottom
            share = (bw * bh) / area
            hints.image_cover += share
            if share >= 0.1 and bw > 0:
                try:
                    px_w, _ = obj.get_px_size()
                except Exception:  # an image pdfium cannot decode: render at the default
                    continue
                scale = px_w / bw
                hints.image_scale = max(hints.image_scale or 0.0, scale)
        elif t == pdfium_c.FPDF_PAGEOBJ_PATH:
            hints.n_paths += 1
            _count_rules(obj, hints)
    hints.image_cover = min(hints.image_cover, 1.0)
    return hints


def _count_rules(obj, hints: PageHints) -> None:
    left, bottom, right, top = obj.get_bounds()
    bw, bh = right - left, top - bottom
    if bh < _THIN and bw >= _MIN_H_RULE:
        hints.h_rules += 1
        hints.h_segs.append(((bottom + top) / 2, left, right))
        return
    if bw < _THIN and bh >= _MIN_V_RULE:
        hints.v_rules += 1
        hints.v_segs.append(((left + right) / 2, bottom, top))
        return
    if bw < _MIN_H_RULE or bh < _MIN_V_RULE:
        return
    n = pdfium_c.FPDFPath_CountSegments(obj.raw)
    if 4 <= n <= 5:
        # a box: a cell border or a ruled frame drawn as one rectangle
        hints.h_rules += 2
        hints.v_rules += 2
        hints.h_segs += [(bottom, left, right), (top, left, right)]
        hints.v_segs += [(left, bottom, top), (right, bottom, top)]
        return
    if n > _MAX_SEGMENTS or n < 2:
        return
    # one path holding a whole grid: count its axis-aligned straight segments
    x = y = 0.0
    fx, fy = ctypes.c_float(), ctypes.c_float()
    h = v = 0
    for i in range(n):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj.raw, i)
        if not pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(fx), ctypes.byref(fy)):
            continue
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        nx, ny = fx.value, fy.value
        if kind == pdfium_c.FPDF_SEGMENT_LINETO:
            if abs(ny - y) < 0.5 and abs(nx - x) >= _MIN_H_RULE:
                h += 1
            elif abs(nx - x) < 0.5 and abs(ny - y) >= _MIN_V_RULE:
                v += 1
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            return  # curves: a drawing, not a table
        x, y = nx, ny
    hints.h_rules += h
    hints.v_rules += v
    if h or v:
        hints.complex_rules = True
