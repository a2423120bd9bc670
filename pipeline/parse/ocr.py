"""OCR of pages without a usable text layer (Tesseract, Swedish).

Speed: a scan is rendered at the pixel density of its own image (clamped to a
sensible width), not at a fixed 300 dpi: a 200 dpi scan upsampled to 300 dpi costs
Tesseract more than twice the time and reads no better. Tesseract runs with one
thread (``OMP_THREAD_LIMIT=1``): documents are already spread over the cores, and
OpenMP threads fighting over them make each page slower.

Real scans lie crooked, sideways or upside down, and come grey, speckled and
JPEG-compressed: scanprep.py straightens the picture before the one pass a good
page gets, and a page that reads badly (low mean confidence) is turned by
Tesseract's orientation detection or despeckled and read again, keeping the
pass Tesseract is surest of. ``python -m bench.ocr_quality`` measures each
degradation against the text layer of the same page.

A known document is never OCR'd twice: results are cached on disk, keyed by the
PDF's sha256, the page and the settings that change the result (language, engine,
page segmentation, scale; ``CACHE_FORMAT`` for how the picture is prepared). The
Tesseract version is kept with each entry but is no part of the key: an upgrade
does not re-read an archive, and a machine without Tesseract still gets the text of
documents read before. The cache lives in
``$PIPELINE_OCR_CACHE`` or ``~/.cache/municipal-pipeline/ocr`` and survives new
databases, ``--force`` re-runs and pipeline version changes.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..records import Page

# Width in pixels that the rendered page is clamped to: below ~1600 px an A4 page's
# body text gets too small for Tesseract; above ~2600 px (300 dpi A4) it only costs time.
MIN_WIDTH_PX, MAX_WIDTH_PX = 1600, 2600
DEFAULT_DPI = 250  # for vector pages without a text layer (text as outlines)
# Page segmentation 4 (one column of text of varying sizes) reads a memo as well as
# automatic segmentation (3) in about the time of 6 (one uniform block), which drops
# the line of names right under a signature block's underscores (13 scanned held-out
# documents: word recall 0.9968 against 0.9956 for 6, in the same time). Municipal
# memos, decisions and contracts are set in one column. LSTM engine only; no search
# for white-on-black text (another ~10%).
PSM, OEM = 4, 1
EXTRA_CONFIG = "-c tessedit_do_invert=0"
CACHE_FORMAT = 3  # bumped when what is stored for a page changes
# Mean word confidence (0-100) below which a page is read again: turned by
# orientation detection, then despeckled. Straight clean scans read at 90-95 (the
# scanned sample: 94); upside down or sideways ones at 30-40, speckled ones at ~80.
ORIENT_CONF, CLEAN_CONF = 70.0, 88.0


@dataclass(frozen=True)
class OcrSettings:
    lang: str = "swe"
    psm: int = PSM
    oem: int = OEM
    dpi: int = DEFAULT_DPI


def cache_dir() -> Path:
    env = os.environ.get("PIPELINE_OCR_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "municipal-pipeline" / "ocr"


@functools.lru_cache(maxsize=1)
def tesseract_version() -> str | None:
    exe = shutil.which("tesseract")
    if not exe:
        return None
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    first = (out.stdout or out.stderr).strip().splitlines()
    return first[0] if first else "tesseract"


@functools.lru_cache(maxsize=4)
def tesseract_available(lang: str) -> bool:
    if tesseract_version() is None:
        return False
    try:
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return False
    return lang in (out.stdout + out.stderr).split()


def render_scale(width_pt: float, image_scale: float | None, dpi: int = DEFAULT_DPI) -> float:
    """Pixels per PDF point for rendering a page for OCR."""
    scale = image_scale if image_scale else dpi / 72.0
    width_px = width_pt * scale
    if width_px < MIN_WIDTH_PX:
        scale = MIN_WIDTH_PX / width_pt
    elif width_px > MAX_WIDTH_PX:
        scale = MAX_WIDTH_PX / width_pt
    return round(scale, 4)


def cache_key(sha256: str, page_no: int, scale: float, settings: OcrSettings) -> str:
    sig = json.dumps([CACHE_FORMAT, settings.lang, settings.psm, settings.oem, EXTRA_CONFIG, scale])
    return f"{sha256}-{page_no}-{hashlib.sha1(sig.encode()).hexdigest()[:12]}"


def _cache_path(key: str) -> Path:
    return cache_dir() / key[:2] / f"{key}.json"


def cache_get(key: str) -> tuple[str, float | None] | None:
    try:
        with open(_cache_path(key), encoding="utf-8") as f:
            data = json.load(f)
        return data["text"], data["confidence"]
    except (OSError, ValueError, KeyError):
        return None


def cache_put(key: str, text: str, confidence: float | None) -> None:
    path = _cache_path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # written whole then renamed: two workers OCR-ing one page never leave half a file
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"text": text, "confidence": confidence, "tesseract": tesseract_version()}, f,
                      ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home costs a second OCR later, not this document


def ocr_pages(
    path: str,
    pages: list[Page],
    page_nos: list[int],
    options,
    sha256: str | None = None,
    hints: list | None = None,
) -> list[str]:
    """Fill the text of ``page_nos`` by OCR; return problems worth reporting.

    Pages that cannot be read keep an empty text; the problem names them.
    """
    if not page_nos:
        return []
    which = _page_list(page_nos)
    if not options.ocr:
        return [f"page(s) {which} have no text layer and were not read: OCR disabled (--no-ocr)"]
    settings = OcrSettings(lang=options.ocr_lang, dpi=getattr(options, "ocr_dpi", DEFAULT_DPI))
    todo: list[tuple[int, float, str | None]] = []
    for no in page_nos:
        h = hints[no - 1] if hints and len(hints) >= no else None
        scale = render_scale(h.width if h else 595.0, h.image_scale if h else None, settings.dpi)
        key = cache_key(sha256, no, scale, settings) if sha256 else None
        hit = cache_get(key) if key else None
        if hit is not None:
            _fill(pages[no - 1], *hit)
        else:
            todo.append((no, scale, key))
    if not todo:
        return []
    if not tesseract_available(settings.lang):
        return [
            f"page(s) {_page_list([n for n, _, _ in todo])} have no text layer and were not read: "
            f"tesseract with language '{settings.lang}' is not installed "
            "(sudo apt-get install tesseract-ocr tesseract-ocr-swe)"
        ]
    import pypdfium2 as pdfium

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    problems = []
    pdf = pdfium.PdfDocument(path)
    deadline = getattr(options, "deadline", None)
    try:
        for k, (no, scale, key) in enumerate(todo):
            if deadline is not None and time.monotonic() > deadline:
                problems.append(f"page(s) {_page_list([n for n, _, _ in todo[k:]])} not read by OCR: "
                                "the document's time limit was reached (raise --timeout)")
                break
            try:
                page = pdf[no - 1]
                image = page.render(scale=scale, grayscale=True).to_pil()
                page.close()
                text, conf = read_image(image, settings)
            except Exception as exc:
                problems.append(f"OCR of page {no} failed ({type(exc).__name__}: {str(exc)[:100]})")
                continue
            from .clean import clean_page_text

            text = clean_page_text(fix_ocr_digits(text))
            if key:
                cache_put(key, text, conf)
            _fill(pages[no - 1], text, conf)
    finally:
        pdf.close()
    return problems


def read_image(image, settings: OcrSettings) -> tuple[str, float | None]:
    """Text and mean word confidence of a page's picture.

    One Tesseract pass for a page that reads well; more only when it reads badly:
    the page may lie upside down or sideways (Tesseract's orientation detection says
    which), or be speckled (a median filter). Of the passes, the one Tesseract is most
    confident of wins, so a retry can only help.
    """
    from .scanprep import analyse, despeckle, straighten

    layout = analyse(image)
    image = straighten(image, layout)
    if layout.sideways:
        turn = orientation(image)
        tries = [(im, _tesseract(im, settings))
                 for im in (_turned(image, t) for t in ((turn,) if turn in (90, 270) else (90, 270)))]
        image, best = max(tries, key=_confidence)
    else:
        best = _tesseract(image, settings)
        if _confidence((image, best)) < ORIENT_CONF and (turn := orientation(image)):
            turned = _turned(image, turn)
            image, best = max([(image, best), (turned, _tesseract(turned, settings))], key=_confidence)
    if _confidence((image, best)) < CLEAN_CONF:
        clean = despeckle(image)
        image, best = max([(image, best), (clean, _tesseract(clean, settings))], key=_confidence)
    return best


def _tesseract(image, settings: OcrSettings) -> tuple[str, float | None]:
    import pytesseract

    data = pytesseract.image_to_data(
        image, lang=settings.lang, config=f"--psm {settings.psm} --oem {settings.oem} {EXTRA_CONFIG}",
        output_type=pytesseract.Output.DICT,
    )
    return assemble(data)


def _confidence(candidate: tuple) -> float:
    """Mean word confidence of an (image, (text, confidence)) pair; a page read as nothing is worst."""
    conf = candidate[1][1]
    return -1.0 if conf is None else conf


_ROTATE = re.compile(r"Rotate:\s*(\d+)")


def orientation(image) -> int:
    """Degrees clockwise that turn the page upright, by Tesseract's orientation detection (0 if unsure)."""
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0")
    except pytesseract.TesseractError:  # too few characters to tell
        return 0
    m = _ROTATE.search(osd)
    return int(m.group(1)) % 360 if m else 0


def _turned(image, clockwise: int):
    return image.rotate(-clockwise, expand=True) if clockwise % 360 else image


# Tesseract reads a zero as the letter O now and then ("O-20 år", "2O19"); in a
# number's company the letter is never meant.
_LETTER_O = re.compile(
    r"(?<=\d)[Oo](?=[\d\s.,:;)\-–]|$)"  # after a digit: "2O19", "1O kr"
    r"|(?<![\wÅÄÖåäö])[Oo](?=\d|-\n?\d)",  # opening a number: "O20", "O-20"
    re.MULTILINE,
)


def fix_ocr_digits(text: str) -> str:
    return _LETTER_O.sub("0", text)


def _fill(page: Page, text: str, confidence: float | None) -> None:
    page.text, page.source, page.ocr_confidence = text, "ocr", confidence


def _page_list(nos: list[int]) -> str:
    return ", ".join(str(n) for n in nos) if len(nos) <= 10 else f"{nos[0]}-{nos[-1]} ({len(nos)} pages)"


def assemble(data: dict) -> tuple[str, float | None]:
    """Lines from Tesseract's word boxes, a blank line between blocks; mean word confidence (0-100)."""
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
    return "\n".join(lines), (round(sum(confs) / len(confs), 2) if confs else None)
