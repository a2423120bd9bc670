"""Case numbers and statute numbers: ``doc.spans["identifiers"]``.

norm ``{"kind": "diarienummer" | "sfs", "value": ...}``. A diarienummer keeps its
own punctuation but is upper-cased, loses a leading ``Dnr``, and gets one space
between its letter prefix and the number (``Dnr VO-2025-00072`` -> ``VO 2025-00072``).
An SFS number is ``YYYY:N`` (``lag (1976:580)``, ``SFS 2001:453``); the series that
look like it (``SOSFS 2011:9``, ``HSLF-FS 2016:40``, ``PM 2013:2``, page references
``2013:11-12``) are not statutes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from .layout import in_boilerplate

_SP = r"[ \t\u00a0]"
# "Dnr", "Dnr.", "Diarienummer:", "Ärendenr", "Vår beteckning", "Vårt dnr" ...
CUE = (
    r"(?:dnr|d\.nr|diarienr|diarienummer|diarie{_SP}nr|ärendenummer|ärendenr|ärende{_SP}nr|"
    r"vår{_SP}beteckning|er{_SP}beteckning|beteckning|vårt{_SP}dnr|ert{_SP}dnr|"
    r"vår{_SP}ref(?:erens)?|registreringsnummer|reg\.?{_SP}?nr)"
).format(_SP=_SP)
_YEAR = r"(?:19|20)\d{2}"
_PREFIX = r"[A-ZÅÄÖ]{1,6}(?:-[A-ZÅÄÖ]{1,4})?"
# number part: year, separator, serial, optional further parts ("2018/123-1.4.2")
_NUMBER = rf"(?P<year>{_YEAR})(?P<sep>{_SP}?[-/.:]{_SP}?)(?P<serial>\d{{1,6}})(?P<tail>(?:[-.]\d{{1,4}})*)"
# SON 2021-611, KS-2020-123, KS 2019/0456, VO-2025-00072, BN 2024-000123
PREFIXED = re.compile(
    rf"(?<![\w\-/:.])(?P<prefix>{_PREFIX})(?:{_SP}?-{_SP}?|{_SP}+|(?P<nl>{_SP}*\n{_SP}*))"
    rf"{_NUMBER}(?![\w]|[-/.:]\d|,\d)"
)
CUED = re.compile(
    rf"(?<![\w])(?P<cue>{CUE})\.?{_SP}*:?{_SP}*\n?{_SP}*"
    rf"(?:(?P<prefix>[A-Za-zÅÄÖåäö]{{1,6}}(?:-[A-Za-zÅÄÖåäö]{{1,4}})?)(?:{_SP}?-{_SP}?|{_SP}+))?"
    rf"{_NUMBER}(?![\w]|[-/.:]\d|,\d)",
    re.IGNORECASE,
)
# older style "Dnr 123/2019"
CUED_SERIAL_YEAR = re.compile(
    rf"(?<![\w])(?:{CUE})\.?{_SP}*:?{_SP}*\n?{_SP}*(?P<value>\d{{1,6}}/{_YEAR})(?![\w]|[-/.:]\d)", re.IGNORECASE
)
# letters before a year-number that are series, laws or words, not registry prefixes
NOT_PREFIX = {
    "SFS", "SOSFS", "HSLF", "FS", "AFS", "BFS", "MSBFS", "NFS", "SKOLFS", "TSFS", "ELSÄK",
    "PM", "ISO", "EN", "SS", "EU", "SOU", "DS", "PROP", "LOU", "LUF", "LOV", "LSS", "SOL",
    "HSL", "MBL", "LAS", "KL", "OSL", "FL", "PBL", "LVU", "LVM", "SKR", "SKL", "SCB", "KPI",
    "OPI", "AKI", "LPI", "CKS", "AB", "HB", "KB", "NR", "TEL", "FAX", "ORG", "SIDA", "BILAGA",
    "BIL", "KAP", "AVD", "DNR", "VECKA", "V", "Q", "KV", "ÅR", "TILL", "OCH", "CA", "MAX",
    "MIN", "SEK", "KR", "MNKR", "TKR", "MKR", "COVID", "RFS", "EG", "EEG", "EES", "GDPR",
}
# the word before "(1976:580)" names a statute: a -lag/-lagen, -balk, förordning ...
LAW_WORD = re.compile(
    r"(?:lag|lagen|balk|balken|förordning|förordningen|ordning|ordningen|stadga|stadgan|"
    r"kungörelse|kungörelsen|instruktion|instruktionen|föreskrift\w*|"
    r"(?<![\w])(?:SoL|LSS|LOU|LUF|LOV|HSL|MBL|LAS|KL|OSL|FL|PBL|LVU|LVM|SFB|BrB|RB|PuL|OSL))"
    rf"{_SP}*,?{_SP}*$",
    re.IGNORECASE,
)
SFS_PAREN = re.compile(r"\((?:SFS\s*)?(?P<year>1[6-9]\d{2}|20\d{2}):(?P<num>\d{1,4})\)")
SFS_CUED = re.compile(r"(?<![\w\-])SFS\s*(?:nr\.?\s*)?(?P<year>1[6-9]\d{2}|20\d{2}):(?P<num>\d{1,4})(?![\w]|[-:]\d)")
URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


@dataclass
class Identifier:
    start: int
    end: int
    kind: str
    value: str


def _diarienummer(prefix: str | None, m: re.Match) -> str:
    number = m["year"] + m["sep"].strip() + m["serial"] + (m["tail"] or "")
    return f"{prefix.upper()} {number}" if prefix else number


def _year_range(m: re.Match) -> bool:
    """'LSS 2019-2021' is a span of years, not case 2021 of 2019."""
    serial = m["serial"]
    return (
        m["sep"].strip() in "-/" and len(serial) == 4 and not m["tail"]
        and int(m["year"]) < int(serial) <= int(m["year"]) + 15
    )


def _date_shaped(m: re.Match) -> bool:
    """'KS 2019-01-15' is more likely a committee and a date than a case number."""
    tail = (m["tail"] or "").lstrip("-.")
    return bool(
        m["sep"].strip() == "-" and len(m["serial"]) == 2 and len(tail) == 2
        and 1 <= int(m["serial"]) <= 12 and 1 <= int(tail) <= 31
    )


def find_identifiers(text: str) -> list[Identifier]:
    out: list[Identifier] = []
    urls = [m.span() for m in URL.finditer(text)]
    for m in CUED.finditer(text):
        prefix = m["prefix"]
        if prefix and prefix.upper() in NOT_PREFIX - {"DNR"}:
            continue
        if not prefix and m["sep"].strip() not in {"-", ".", "/"}:
            continue
        if _year_range(m):
            continue
        start = m.start("prefix") if prefix else m.start("year")
        out.append(Identifier(start, m.end(), "diarienummer", _diarienummer(prefix, m)))
    for m in CUED_SERIAL_YEAR.finditer(text):
        out.append(Identifier(m.start("value"), m.end("value"), "diarienummer", m["value"]))
    for m in PREFIXED.finditer(text):
        prefix = m["prefix"]
        if prefix.split("-")[0] in NOT_PREFIX or prefix in NOT_PREFIX:
            continue
        if m["sep"].strip() == ":" or _year_range(m) or _date_shaped(m):
            continue  # "SOU 2019:12"-like series use a colon; registries do not
        if m["nl"] and len(prefix) > 5:
            continue  # a capitalised heading above a number, not a wrapped "SON\n2019-846"
        out.append(Identifier(m.start(), m.end(), "diarienummer", _diarienummer(prefix, m)))
    for m in SFS_PAREN.finditer(text):
        if LAW_WORD.search(text, max(0, m.start() - 40), m.start()) or m.group(0).startswith("(SFS"):
            out.append(Identifier(m.start() + 1, m.end() - 1, "sfs", f"{m['year']}:{m['num']}"))
    for m in SFS_CUED.finditer(text):
        out.append(Identifier(m.start(), m.end(), "sfs", f"{m['year']}:{m['num']}"))

    kept: list[Identifier] = []
    for ident in sorted(out, key=lambda i: (i.start, -(i.end - i.start))):
        if any(s <= ident.start < e for s, e in urls):
            continue
        if kept and ident.start < kept[-1].end:
            continue
        kept.append(ident)
    return kept


def tag_identifiers(doc: Doc) -> list[Span]:
    spans = []
    for ident in find_identifiers(doc.text):
        span = doc.char_span(ident.start, ident.end, alignment_mode="expand")
        if span is None or in_boilerplate(span):
            continue
        span = Span(doc, span.start, span.end, label=ident.kind)
        span._.norm = {"kind": ident.kind, "value": ident.value}
        spans.append(span)
    return spans


@Language.factory("muni_identifiers")
def make_identifiers(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc.spans["identifiers"] = tag_identifiers(doc)
        return doc

    return component
