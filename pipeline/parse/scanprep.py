"""A scanned page's picture made fit for Tesseract: straightened, and cleaned on demand.

Tesseract reads lines of text; a sheet lying 3° crooked on the glass, or fed sideways,
gives it slanted or vertical lines and it reads little or nothing. The skew is found
by projection profile: the rows of a straight page alternate between ink (text
lines) and paper (the space between), so its row profile is sharpest at the angle
that undoes the skew; a sideways page has its sharp profile in the columns instead.
This runs on a small binarised copy of the page (a few tens of milliseconds); which
way up the page is (0° or 180°, 90° or 270°) the profile cannot tell: ocr.py asks
Tesseract's orientation detection when the text reads badly.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

# Wide enough that an 11 pt text line is a dozen pixel rows high; more costs time only.
PROFILE_WIDTH = 800
MAX_SKEW = 5.0  # degrees: a scan worse than this is a photograph, not a scan
COARSE_STEP, FINE_STEP = 0.25, 0.05
# Below this Tesseract's own line finding copes (measured on bench/ocr_quality.py: 0.7°
# and 2° read as well as a straight page); turning the picture would blur it for nothing.
MIN_DESKEW = 1.0
# A page is sideways when its column profile is this much sharper than its row profile.
SIDEWAYS_RATIO = 1.25


@dataclass(frozen=True)
class Layout:
    skew: float  # degrees to turn the picture counter-clockwise to straighten its lines
    sideways: bool  # text lines run up or down the page: turn it by 90° (one way or the other)


def otsu_threshold(a: np.ndarray) -> int:
    hist = np.bincount(a.ravel(), minlength=256).astype(np.float64)
    p = hist / max(hist.sum(), 1.0)
    w = np.cumsum(p)
    mu = np.cumsum(p * np.arange(256))
    between = (mu[-1] * w - mu) ** 2 / (w * (1.0 - w) + 1e-12)
    return int(np.argmax(between))


def _ink(image: Image.Image) -> np.ndarray:
    """Ink pixels of a small copy of the page (True = ink)."""
    small = image.convert("L")
    if small.width > PROFILE_WIDTH:
        small = small.resize((PROFILE_WIDTH, max(1, round(small.height * PROFILE_WIDTH / small.width))),
                             Image.BILINEAR)
    a = np.asarray(small)
    return a < otsu_threshold(a)


def _sharpness(along: np.ndarray, across: np.ndarray, angles: np.ndarray) -> np.ndarray:
    """For each angle, how sharp the profile of ink is across lines slanted by that angle.

    sum(bin²)·span/n² is 1 for ink spread evenly, higher the more it gathers in lines.
    """
    n = along.size
    out = np.zeros(len(angles))
    for i, ang in enumerate(angles):
        pos = np.rint(across - along * np.tan(np.radians(ang))).astype(np.int64)
        pos -= pos.min()
        hist = np.bincount(pos)
        out[i] = float((hist.astype(np.float64) ** 2).sum()) * len(hist) / (n * n)
    return out


def _best_angle(along: np.ndarray, across: np.ndarray) -> tuple[float, float]:
    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, COARSE_STEP)
    s = _sharpness(along, across, coarse)
    best = float(coarse[int(np.argmax(s))])
    fine = np.arange(best - COARSE_STEP, best + COARSE_STEP + 1e-9, FINE_STEP)
    s2 = _sharpness(along, across, fine)
    i = int(np.argmax(s2))
    return float(fine[i]), float(s2[i])


def analyse(image: Image.Image) -> Layout:
    ink = _ink(image)
    ys, xs = np.nonzero(ink)
    if ys.size < 500:  # a blank or nearly blank page: nothing to straighten
        return Layout(0.0, False)
    ys, xs = ys.astype(np.float64), xs.astype(np.float64)
    row_angle, row_sharp = _best_angle(xs, ys)
    col_angle, col_sharp = _best_angle(ys, xs)
    if col_sharp > SIDEWAYS_RATIO * row_sharp:
        return Layout(-col_angle, True)
    # image rows grow downwards: a line slanting down to the right needs a
    # counter-clockwise turn, which PIL's rotate() gives for a positive angle
    return Layout(row_angle, False)


def straighten(image: Image.Image, layout: Layout) -> Image.Image:
    """The picture turned by its skew (when it matters), lines horizontal but for sideways."""
    if abs(layout.skew) < MIN_DESKEW:
        return image
    # what the turn uncovers takes the paper's colour, so no dark wedges read as text
    paper = int(np.percentile(np.asarray(image.convert("L"))[::8, ::8], 90))
    return image.rotate(layout.skew, resample=Image.BICUBIC, expand=True, fillcolor=paper)


def despeckle(image: Image.Image) -> Image.Image:
    """Dust and scanner speckle off: a 3×3 median keeps strokes, drops lone dots."""
    return image.filter(ImageFilter.MedianFilter(3))
