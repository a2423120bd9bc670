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

from .layout import doc_text, in_boilerplate
from .scan import finditer_near, matches_at

_SP = r"[ \t\u00a0]"
# "Dnr", "Dnr.", "Diarienummer:", "Ärendenr", "Vår beteckning", "Vårt dnr" ...
CUE = (
    r"(?:dnr|d\.nr|diarienr|diarienummer|diarie{_SP}nr|ärendenummer|ärendenr|ärende{_SP}nr|"
    r"vår{_SP}beteckning|er{_SP}beteckning|beteckning|vårt{_SP}dnr|ert{_SP}dnr|"
    r"vår{_SP}ref(?:erens)?|registreringsnummer|reg\.?{_SP}?nr)"
).format(_SP=_SP)
_YEAR = r"(?:19|20)\d{2}"
_PREFIX = r"[A-ZÅÄÖ]{1,6}(?:-[A-ZÅÄÖ]{1,4})?"
# Patterns below begin with their first character class and only then look back at what
# stands before it ("[A-ZÅÄÖ](?<![\w\-/:.].)" is "(?<![\w\-/:.])[A-ZÅÄÖ]"): Python's
# engine skips ahead to a possible first character only when a pattern starts with one,
# three times faster over a document than a pattern that opens with a lookbehind.
_NB = r"(?<![\w\-/:.].)"
_LEAD_PREFIX = rf"[A-ZÅÄÖ]{_NB}[A-ZÅÄÖ]{{0,5}}(?:-[A-ZÅÄÖ]{{1,4}})?"  # _PREFIX, nothing glued before
_LEAD_YEAR = rf"(?:1{_NB}9|2{_NB}0)\d{{2}}"  # _YEAR, nothing glued before
# number part: year, separator, serial, optional further parts ("2018/123-1.4.2")
_NUMBER = rf"(?P<year>{_YEAR})(?P<sep>{_SP}?[-/.:]{_SP}?)(?P<serial>\d{{1,6}})(?P<tail>(?:[-.]\d{{1,4}})*)"
# SON 2021-611, KS-2020-123, KS 2019/0456, VO-2025-00072, BN 2024-000123, KS/2019/0456
PREFIXED = re.compile(
    rf"(?P<prefix>{_LEAD_PREFIX})(?:{_SP}?[-/]{_SP}?|{_SP}+|(?P<nl>{_SP}*\n{_SP}*))"
    rf"{_NUMBER}(?![\w]|[-/.:]\d|,\d)"
)
CUED = re.compile(
    rf"(?<![\w])(?P<cue>{CUE})\.?{_SP}*:?{_SP}*\n?{_SP}*"
    rf"(?:(?P<prefix>[A-Za-zÅÄÖåäö]{{1,6}}(?:-[A-Za-zÅÄÖåäö]{{1,4}})?)(?:{_SP}?[-/]{_SP}?|{_SP}+))?"
    rf"{_NUMBER}(?![\w]|[-/.:]\d|,\d)",
    re.IGNORECASE,
)
# other numberings, only after a cue: "Dnr 123/2019", "Dnr 0123/19", "Dnr N123-0456/22"
# (Göteborg: board number, serial, year), "Dnr 1.2.3-456/2019" (Stockholm:
# classification, serial, year)
CUED_OTHER = re.compile(
    rf"(?<![\w])(?:{CUE})\.?{_SP}*:?{_SP}*\n?{_SP}*"
    rf"(?:(?P<prefix>[A-Za-zÅÄÖåäö]{{1,6}})(?:{_SP}?-{_SP}?|{_SP}+))?"
    rf"(?P<value>(?:\d{{1,2}}(?:\.\d{{1,3}}){{1,4}}-|[A-ZÅÄÖ]{{1,3}}\d{{1,4}}-)?\d{{1,6}}/(?:{_YEAR}|\d{{2}})"
    # "Diarienr: 15/3035": a two-digit year before the serial
    rf"|\d{{2}}/\d{{3,6}}"
    rf"|\d{{2,6}}-{_YEAR})"
    rf"(?![\w]|[-/.:]\d)",
    re.IGNORECASE,
)
# "Dnr 29417": a registry that numbers its cases without the year, on the cue's own line
CUED_SERIAL = re.compile(
    rf"(?<![\w])(?:{CUE})\.?{_SP}*:?{_SP}*(?P<value>\d{{3,7}})(?![\w/-]|[.:,]\d|{_SP}+\d)",
    re.IGNORECASE,
)
# "2023/KS 0362", "2021/KS 0280 013", "2016/IN192": the year first, then the board and
# the serial, perhaps followed by the registry's classification code
YEAR_FIRST = re.compile(
    rf"(?P<year>{_LEAD_YEAR})/(?P<prefix>[A-ZÅÄÖ]{{1,6}}){_SP}?(?P<serial>\d{{1,6}})"
    rf"(?P<code>{_SP}\d{{2,3}})?(?![\w]|[-/.:,]\d|{_SP}\d)"
)
# "SN 18/0098", "KS 02-820": a two-digit year, then a serial of three or more digits;
# "KS25/0712": the prefix glued to the year, with the registry's slash only (a date,
# "25/07", has no letters before it; "AB25-0712" could be any code)
SHORT_YEAR = re.compile(
    rf"(?P<prefix>[A-ZÅÄÖ]{_NB}[A-ZÅÄÖ]{{1,5}})(?:{_SP}+|{_SP}?-{_SP}?|(?=\d{{2}}/))(?P<yy>\d{{2}})(?P<sep>[/-])(?P<serial>\d{{3,6}})"
    rf"(?P<code>{_SP}\d{{2,3}})?(?![\w]|[-/.:,]\d|{_SP}\d)"
)
# Regeringskansliet: a department's letters against the year, "S2020/09780", "Fi2021/01234/SFÖ"
DEPARTMENT = re.compile(
    rf"(?<![\w\-/])(?P<prefix>A|Fi|Fö|I|Ie|IJ|Jo|Ju|Ku|KN|LI|M|N|S|Sb|U|UD)(?P<year>{_YEAR})"
    rf"(?P<rest>/\d{{3,6}}(?:/[A-ZÅÄÖ]{{1,6}})?)(?![\w]|[-/.:]\d)"
)
# "KS.2020.0087": a registry that joins prefix and number with dots
DOTTED = re.compile(
    rf"(?P<prefix>[A-ZÅÄÖ]{_NB}[A-ZÅÄÖ]{{1,5}})\.(?P<year>{_YEAR})(?P<sep>\.)(?P<serial>\d{{1,6}})(?P<tail>)(?![\w]|[-/.:]\d)"
)
# "KS 123/2019", "HSN/1187/2024": serial before the year, upper-case prefix
PREFIXED_SERIAL_YEAR = re.compile(
    rf"(?P<prefix>{_LEAD_PREFIX})(?:{_SP}?[-/]{_SP}?|{_SP}+)(?P<value>\d{{1,6}}/{_YEAR})(?![\w]|[-/.:]\d)"
)
# "Ks 2019/123": a short title-case prefix, trusted only with the registry's slash
TITLE_PREFIXED = re.compile(
    rf"(?P<prefix>[A-ZÅÄÖ]{_NB}[a-zåäö]{{1,2}}){_SP}+(?P<year>{_YEAR})(?P<sep>/)(?P<serial>\d{{1,6}})"
    rf"(?P<tail>)(?![\w]|[-/.:]\d)"
)
# "KS2016/1963-2", "RS2025-00318": the prefix glued to the year, then the registry's slash
# or dash and the serial (a span of years, "HT2019-2020", or a date, "AB2019-01-15", is none)
GLUED = re.compile(
    rf"(?<![\w\-/:.])(?P<prefix>[A-ZÅÄÖ]{{2,6}})(?P<year>{_YEAR})(?P<sep>[/-])(?P<serial>\d{{1,6}})"
    rf"(?P<tail>(?:[-.]\d{{1,4}})*)(?![\w]|[-/.:]\d|,\d)"
)
# "Kst/2012:214", "KS/2013:54": a prefix slash-joined to the year; a series ("SOU 2019:12")
# is never written so, so the colon after the year is the registry's
SLASHED = re.compile(
    rf"(?<![\w\-/:.])(?P<prefix>[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{{1,5}})/(?P<year>{_YEAR})(?P<sep>[/:])(?P<serial>\d{{1,6}})"
    rf"(?P<tail>)(?![\w]|[-/.:]\d|,\d)"
)
# what each holds within a few characters of its start: a scan for these is cheaper than
# trying the prefix letters at every capital
_GLUED_ANCHOR = re.compile(rf"[A-ZÅÄÖ]{_YEAR}[/-]")
_SLASHED_ANCHOR = re.compile(rf"/{_YEAR}[/:]")
# letters before a year-number that are series, laws or words, not registry prefixes
NOT_PREFIX = {
    "SFS", "SOSFS", "HSLF", "FS", "AFS", "BFS", "MSBFS", "NFS", "SKOLFS", "TSFS", "ELSÄK",
    "PM", "ISO", "EN", "SS", "EU", "SOU", "DS", "PROP", "LOU", "LUF", "LOV", "LSS", "SOL",
    "HSL", "MBL", "LAS", "KL", "OSL", "FL", "PBL", "LVU", "LVM", "SKR", "SKL", "SCB", "KPI",
    "OPI", "AKI", "LPI", "CKS", "AB", "HB", "KB", "NR", "TEL", "FAX", "ORG", "SIDA", "BILAGA",
    "BIL", "KAP", "AVD", "DNR", "VECKA", "V", "Q", "KV", "ÅR", "TILL", "OCH", "CA", "MAX",
    "MIN", "SEK", "KR", "MNKR", "TKR", "MKR", "COVID", "RFS", "EG", "EEG", "EES", "GDPR",
    "HT", "VT", "LÅ", "VÅR", "HÖST", "KL", "SE", "AV", "OM", "VI", "ÄR", "NU", "NY", "TID",
    "PER", "DEN", "DET", "FÖR", "SOM", "MED", "VID", "SID", "JAN", "FEB", "MAR", "APR", "MAJ",
    "JUN", "JUL", "AUG", "SEP", "OKT", "NOV", "DEC", "UNDER", "MELLAN", "SEDAN", "FRÅN", "ÅREN",
}
LAW_ABBR = r"SFS|SoL|LSS|LOU|LUF|LOV|HSL|MBL|LAS|KL|OSL|FL|PBL|LVU|LVM|SFB|BrB|RB|PuL|GDPR|AL"
# what stands before "(1976:580)": a -lag/-lagen, -balk, förordning ... or a law's
# name ("lagen om offentlig upphandling (2016:1145)"); not "föreskrifter": agencies
# number theirs in their own series (SOSFS, HSLF-FS)
LAW_WORD = re.compile(
    r"(?:lag|lagen|balk|balken|förordning|förordningen|ordning|ordningen|stadga|stadgan|"
    r"kungörelse|kungörelsen|instruktion|instruktionen|"
    rf"(?<![\w])(?:{LAW_ABBR}))\s*,?\s*$"
    r"|\b(?:lag|lagen|förordning|förordningen)\s+(?:om|för|med|angående)\b[^().;:§]{0,100}$",
    re.IGNORECASE,
)
SFS_PAREN = re.compile(
    rf"\((?:(?P<abbr>{LAW_ABBR}),?\s*)?(?P<year>1[6-9]\d{{2}}|20\d{{2}}):(?P<num>\d{{1,4}})\)"
)
SFS_CUED = re.compile(r"S(?<![\w\-].)FS\s*(?:nr\.?:?\s*)?(?P<year>1[6-9]\d{2}|20\d{2}):(?P<num>\d{1,4})(?![\w]|[-:]\d)")
# A number introduced as an agreement's or a procurement's own id is no case number:
# "Avtals-ID: NK-SOW-2025-004", "Upphandlingsnummer: ...", "Referensnummer ..."
NOT_CASE_CUE = re.compile(
    r"(?i)(?<![\w])(?:avtals|ramavtals|kontrakts|upphandlings|anbuds|referens|order|beställnings|faktura)"
    r"[-\s]?(?:nummer|nr|id)\.?[ \t\u00a0]*:?[ \t\u00a0]*$"
)
URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# where an address can start: "http(s)" just before "://", or "www."
_URL_MARK = re.compile(r"[:wW](?:(?<=:)//|(?<=[wW])[wW][wW]\.)")  # one leading class: scanned fast


def url_spans(text: str) -> list[tuple[int, int]]:
    """``URL.finditer(text)`` spans, the pattern tried only at its marks."""
    starts = [p for m in _URL_MARK.finditer(text) for p in (
        (m.start() - 5, m.start() - 4) if m.group() == "://" else (m.start(),)) if p >= 0]
    return [m.span() for m in matches_at(URL, text, starts)]


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
    """'LSS 2019-2021' is a span of years and 'HT 2019/20' a season, not case numbers."""
    serial = m["serial"]
    if m["sep"].strip() not in "-/" or m["tail"]:
        return False
    year = int(m["year"])
    if len(serial) == 4:
        return year < int(serial) <= year + 15
    return len(serial) == 2 and int(serial) == (year + 1) % 100


def _date_shaped(m: re.Match) -> bool:
    """'KS 2019-01-15' is more likely a committee and a date than a case number."""
    tail = (m["tail"] or "").lstrip("-.")
    return bool(
        m["sep"].strip() == "-" and len(m["serial"]) == 2 and len(tail) == 2
        and 1 <= int(m["serial"]) <= 12 and 1 <= int(tail) <= 31
    )


_LAWS = frozenset(LAW_ABBR.split("|"))
_LAWS_UPPER = frozenset(a.upper() for a in _LAWS)


def _bad_prefix(prefix: str) -> bool:
    p = prefix.upper()
    if p in _LAWS_UPPER and prefix not in _LAWS and not prefix.isupper():
        # "Lov 2024-000345": a law's acronym is written as the law writes it ("LOV",
        # "SoL"); in other letters it is a word or a registry's prefix
        return False
    return p in NOT_PREFIX or p.split("-")[0] in NOT_PREFIX


# Where a cue ("Dnr", "Vår beteckning", ...) may begin: a word starting with one of the
# cues' first two letters (in any case a case-blind match accepts). The three cued
# patterns are tried only there, not each over the whole text.
_CUE_FIRST = re.compile(
    r"[däverbDÄVERB](?<![\w].)(?:(?<=[dD])[nN.iI\u0131\u0130]|(?<=[äÄ])[rR]|(?<=[vV])[åÅ\u212b]"
    r"|(?<=[eE])[rR]|(?<=[bB])[eE]|(?<=[rR])[eE])"
)
_CUE_AT = re.compile(CUE, re.IGNORECASE)


def _cue_starts(text: str) -> list[int]:
    return [m.start() for m in _CUE_FIRST.finditer(text) if _CUE_AT.match(text, m.start())]


# A department's letters stand right before the year: "S2020/09780"
_DEPARTMENT_YEAR = re.compile(rf"{_YEAR}(?=/\d)")


def _department_starts(text: str) -> list[int]:
    return [p for m in _DEPARTMENT_YEAR.finditer(text) for p in (m.start() - 2, m.start() - 1) if p >= 0]


def find_identifiers(text: str) -> list[Identifier]:
    """Identifiers in ``text``, left to right; where two overlap the longer wins."""
    out: list[Identifier] = []
    dnr = "diarienummer"
    cues = _cue_starts(text)
    for m in matches_at(CUED, text, cues):
        prefix = m["prefix"]
        if (prefix and _bad_prefix(prefix)) or _year_range(m):
            continue
        if not prefix and m["sep"].strip() not in {"-", ".", "/"}:
            continue
        if not prefix and _date_shaped(m):
            continue  # a header row "Datum  Vår beteckning" puts the date first under the cue
        start = m.start("prefix") if prefix else m.start("year")
        out.append(Identifier(start, m.end(), dnr, _diarienummer(prefix, m)))
    for m in matches_at(CUED_OTHER, text, cues):
        prefix = m["prefix"]
        if prefix and _bad_prefix(prefix):
            continue
        value = f"{prefix.upper()} {m['value'].upper()}" if prefix else m["value"].upper()
        out.append(Identifier(m.start("prefix") if prefix else m.start("value"), m.end(), dnr, value))
    for m in matches_at(CUED_SERIAL, text, cues):
        if not 1900 <= int(m["value"]) <= 2100:  # "Dnr 2021": a year left without its serial
            out.append(Identifier(m.start("value"), m.end(), dnr, m["value"]))
    for m in YEAR_FIRST.finditer(text):
        if not _bad_prefix(m["prefix"]):
            out.append(Identifier(m.start(), m.end(), dnr, " ".join(m.group(0).split())))
    for m in SHORT_YEAR.finditer(text):
        if not _bad_prefix(m["prefix"]):
            number = m["yy"] + m["sep"] + m["serial"] + (" " + m["code"].strip() if m["code"] else "")
            out.append(Identifier(m.start(), m.end(), dnr, f"{m['prefix']} {number}"))
    for m in matches_at(DEPARTMENT, text, _department_starts(text)):
        out.append(Identifier(m.start(), m.end(), dnr, f"{m['prefix'].upper()} {m['year']}{m['rest']}"))
    for pattern in (PREFIXED, TITLE_PREFIXED, DOTTED):
        for m in pattern.finditer(text):
            prefix = m["prefix"]
            if _bad_prefix(prefix) or _year_range(m) or _date_shaped(m):
                continue
            if m["sep"].strip() == ":":
                continue  # "SOU 2019:12"-like series use a colon; registries do not
            if m.groupdict().get("nl") and len(prefix) > 5:
                continue  # a capitalised heading above a number, not a wrapped "SON\n2019-846"
            out.append(Identifier(m.start(), m.end(), dnr, _diarienummer(prefix, m)))
    for pattern, anchor, before in ((GLUED, _GLUED_ANCHOR, 6), (SLASHED, _SLASHED_ANCHOR, 7)):
        for m in finditer_near(pattern, text, anchor, before):
            if not _bad_prefix(m["prefix"]) and not _year_range(m) and not _date_shaped(m):
                out.append(Identifier(m.start(), m.end(), dnr, _diarienummer(m["prefix"], m)))
    for m in PREFIXED_SERIAL_YEAR.finditer(text):
        if not _bad_prefix(m["prefix"]):
            out.append(Identifier(m.start(), m.end(), dnr, f"{m['prefix']} {m['value']}"))
    for m in SFS_PAREN.finditer(text):
        if m["abbr"] or LAW_WORD.search(text, max(0, m.start() - 160), m.start()):
            out.append(Identifier(m.start("year"), m.end("num"), "sfs", f"{m['year']}:{m['num']}"))
    for m in SFS_CUED.finditer(text):
        out.append(Identifier(m.start(), m.end(), "sfs", f"{m['year']}:{m['num']}"))

    urls = url_spans(text)
    kept: list[Identifier] = []
    for ident in sorted(out, key=lambda i: (i.start, -(i.end - i.start))):
        if any(s <= ident.start < e for s, e in urls):
            continue
        if kept and ident.start < kept[-1].end:
            continue
        kept.append(ident)
    # dropped only now, so that its overlapping shorter reading ("SOW-2025-004") goes too
    return [i for i in kept if not (i.kind == dnr and NOT_CASE_CUE.search(text, max(0, i.start - 30), i.start))]


def tag_identifiers(doc: Doc) -> list[Span]:
    spans = []
    for ident in find_identifiers(doc_text(doc)):
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
