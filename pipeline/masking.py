"""Personal data kept out of the database.

Decision documents name citizens. Before any NLP runs, the parsed text is masked:

* personnummer and samordningsnummer (YYYYMMDD-NNNN, YYMMDD-NNNN, YYMMDD+NNNN, with or
  without the dash), accepted only when the date is real (samordningsnummer: day + 60)
  and the Luhn check digit agrees, so organisationsnummer (month >= 20), case numbers
  and amounts stay;
* mobile phone numbers (070/072/073/076/079, also written +46 7x / 0046 7x); landlines
  such as a municipality's switchboard (013-20 60 00) and 0771 service numbers stay;
* e-mail addresses of private persons: any address at a free-mail or consumer ISP
  domain, and a personal-looking address (first name first) at a company. Addresses
  at public bodies (municipalities, regions, agencies) and functional addresses
  (info@, registrator@ ...) stay: they name officials and offices, not citizens.

Masking happens on parsed pages, before NLP, so every stored offset indexes the masked
text; boilerplate ranges computed before masking are moved with the edits.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from calendar import monthrange
from pathlib import Path
from typing import Iterable, Iterator

from .records import ParsedDocument, Page

PNR_MARK = "(personnummer borttaget)"
SAMORD_MARK = "(samordningsnummer borttaget)"
PHONE_MARK = "(telefonnummer borttaget)"
EMAIL_MARK = "(e-postadress borttagen)"

_SPACES = " \u00a0\u2009\u202f"
_SEP = f"[{_SPACES}]"
# A run of digits, never a piece of a longer one or of a word (SON 2021-611, 1976:580).
PNR_RE = re.compile(
    r"(?<![\w+\-–/])(?P<cc>19|20)?"
    r"(?P<date>\d{6})(?P<sep>" + _SEP + r"?[-+–]" + _SEP + r"?|" + _SEP + r")?(?P<tail>\d{4})(?![\w\-–])"
)
# Where a PNR_RE match can start: six digits (the century's and the date's) that no
# word or sign runs into. Trying PNR_RE only there is twice as fast as its own scan.
_PNR_HEAD = re.compile(r"\d(?<![\w+\-–/].)\d{5}")
_DIGIT = re.compile(r"\d")
_MOBILE_HEAD = re.compile(r"[+0]")
# Led by its first character, not by the lookbehind: the engine then skips to each "+"
# or "0" instead of trying every position (same matches as "(?<![\w+])(?:(?:\+|00)46...|0)").
MOBILE_RE = re.compile(
    r"[+0](?<![\w+].)(?:(?:(?<=\+)|(?<=0)0)46" + _SEP + r"?(?:\(0\)" + _SEP + r"?)?|(?<=0))"
    r"7[02369](?:" + _SEP + r"?[-–]?" + _SEP + r"?\d)(?:[-–" + _SPACES + r"]?\d){6}(?!\d)"
)
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.%+-]+@(?:[\w-]+\.)+[A-Za-z]{2,}(?![\w-])")

FREE_MAIL = {
    "gmail", "googlemail", "hotmail", "outlook", "live", "msn", "yahoo", "ymail", "icloud",
    "me", "mac", "aol", "gmx", "protonmail", "proton", "pm", "telia", "comhem", "bredband",
    "bredband2", "spray", "tele2", "bahnhof", "passagen", "swipnet", "home", "tutanota",
    "mail", "yandex", "zoho", "fastmail", "glocalnet", "bonet", "ownit",
}
# Local parts that name a function or an office, not a person.
FUNCTIONAL = {
    "info", "kontakt", "kontaktcenter", "kontaktcentret", "registrator", "registratur",
    "diarium", "post", "postmottagning", "kundtjanst", "kundservice", "support", "service",
    "order", "faktura", "fakturor", "ekonomi", "noreply", "no-reply", "webmaster",
    "press", "kommun", "kommunen", "kansli", "reception", "vaxel", "upphandling",
    "dataskydd", "dataskyddsombud", "hr", "it", "admin", "office", "mail", "jobb",
}
PUBLIC_WORDS = ("kommun", "region", "landsting", "lansstyrelsen")
PUBLIC_DOMAINS = {
    "gov.se", "regeringen.se", "riksdagen.se", "skr.se", "polisen.se",
    "forsakringskassan.se", "skatteverket.se", "socialstyrelsen.se", "ivo.se", "1177.se",
    "arbetsformedlingen.se", "migrationsverket.se", "kronofogden.se", "jo.se", "imy.se",
    "domstol.se", "skolverket.se", "boverket.se", "kammarkollegiet.se", "upphandlingsmyndigheten.se",
}


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c)
    ).replace(" ", "").replace("-", "")


def _gazetteer(name: str) -> list[str]:
    # Read beside the package, not via pipeline.nlp: importing that loads spaCy.
    try:
        data = (Path(__file__).parent / "nlp" / "data" / name).read_text(encoding="utf-8")
    except FileNotFoundError:  # the domain and name rules still apply without it
        return []
    return [ln.strip() for ln in data.splitlines() if ln.strip() and not ln.startswith("#")]


@functools.lru_cache(maxsize=1)
def _municipal_labels() -> frozenset[str]:
    labels = set()
    for line in _gazetteer("municipalities.txt"):
        for form in line.split("|"):
            labels.add(_fold(form))
    return frozenset(labels)


@functools.lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    return frozenset(_fold(n) for n in _gazetteer("first_names.txt"))


# --- personnummer -------------------------------------------------------------------

def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _date_ok(years: tuple[int, ...], month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    return any(day <= monthrange(y, month)[1] for y in years)


def classify_pnr(cc: str | None, date: str, tail: str) -> str | None:
    """'personnummer', 'samordningsnummer' or None for a candidate's parts."""
    if not luhn_ok(date + tail):
        return None
    yy = int(date[:2])
    # Without the century the year is one of two (29 Feb 1900 did not exist, 2000's did).
    years = (int(cc) * 100 + yy,) if cc else (1900 + yy, 2000 + yy)
    month, day = int(date[2:4]), int(date[4:6])
    if _date_ok(years, month, day):
        return "personnummer"
    if day > 60 and _date_ok(years, month, day - 60):
        return "samordningsnummer"
    return None


# --- e-mail -------------------------------------------------------------------------

def is_private_email(address: str) -> bool:
    local, _, domain = address.lower().rpartition("@")
    labels = domain.split(".")
    registrable = ".".join(labels[-2:])
    name = labels[-2] if len(labels) >= 2 else labels[0]
    if name in FREE_MAIL:
        return True
    if registrable in PUBLIC_DOMAINS or domain.endswith(".gov.se"):
        return False
    folded = [_fold(lbl) for lbl in labels[:-1]]
    if any(w in lbl for lbl in folded for w in PUBLIC_WORDS):
        return False
    if any(lbl in _municipal_labels() for lbl in folded):
        return False
    loc = _fold(local)
    if loc in FUNCTIONAL or any(loc.startswith(f) for f in ("info", "kontakt", "registrator", "kundtj")):
        return False
    first = re.split(r"[._\-+]", local)[0]
    return _fold(first) in _first_names() or bool(re.search(r"[._]", local))


# --- text ---------------------------------------------------------------------------

Edit = tuple[int, int, int]  # (start, end) in the old text, length of the replacement


def mask_text(text: str) -> tuple[str, list[Edit]]:
    """The text with personal data replaced, and the edits made (in order)."""
    if not text:
        return text, []
    found: list[tuple[int, int, str]] = []
    if _DIGIT.search(text):  # both patterns need one
        for m in _matches_from(_PNR_HEAD, PNR_RE, text):
            kind = classify_pnr(m.group("cc"), m.group("date"), m.group("tail"))
            if kind:
                found.append((m.start(), m.end(), PNR_MARK if kind == "personnummer" else SAMORD_MARK))
        # every start, overlaps too: "…-0701 070-123 45 67" reads as a mobile number
        # from the personnummer's tail, which must not hide the real one after it
        for m in _matches_at(_MOBILE_HEAD, MOBILE_RE, text):
            found.append((m.start(), m.end(), PHONE_MARK))
    if "@" in text:
        for m in EMAIL_RE.finditer(text):
            if is_private_email(m.group()):
                found.append((m.start(), m.end(), EMAIL_MARK))
    if not found:
        return text, []
    found.sort()
    out, edits, pos = [], [], 0
    for start, end, mark in found:
        if start < pos:  # overlaps one already masked
            continue
        out.append(text[pos:start])
        out.append(mark)
        edits.append((start, end, len(mark)))
        pos = end
    out.append(text[pos:])
    return "".join(out), edits


def _matches_from(heads: re.Pattern, pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, tried only where ``heads`` finds that a match may start."""
    end = 0
    for h in heads.finditer(text):
        if h.start() >= end and (m := pattern.match(text, h.start())):
            end = m.end()
            yield m


def _matches_at(heads: re.Pattern, pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """``pattern`` matched at every place ``heads`` finds, overlapping matches included."""
    for h in heads.finditer(text):
        if m := pattern.match(text, h.start()):
            yield m


def shift(pos: int, edits: Iterable[Edit]) -> int:
    """Where old offset ``pos`` lands in the masked text (inside a masked run: its edge)."""
    delta = 0
    for start, end, n in edits:
        if pos <= start:
            break
        if pos < end:
            return start + delta + (n if pos > start else 0)
        delta += n - (end - start)
    return pos + delta


def mask_pages(pages: list[Page]) -> int:
    """Mask every page in place; returns how many items were masked."""
    count = 0
    for page in pages:
        new, edits = mask_text(page.text)
        if not edits:
            continue
        count += len(edits)
        page.text = new
        page.boilerplate = [(shift(s, edits), shift(e, edits)) for s, e in page.boilerplate]
    return count


def mask_document(parsed: ParsedDocument) -> int:
    """Mask the pages and table cells of a parsed document in place."""
    count = mask_pages(parsed.pages)
    for row in parsed.tables:
        cells = []
        for cell in row.cells:
            if cell:
                cell, edits = mask_text(cell)
                count += len(edits)
            cells.append(cell)
        row.cells = cells
    return count


def mask_value(value):
    """Mask a free-standing string (a file name, an error message); others pass through."""
    if isinstance(value, str):
        return mask_text(value)[0]
    return value
