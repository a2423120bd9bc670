"""Calendar dates: ``doc.spans["dates"]``, norm ``{"date": "YYYY-MM-DD", "role": ...}``.

Candidates are found with compiled patterns over the whole text (never dateparser's
search); each one is normalised from its captured parts with a month/ordinal table.
dateparser was measured for this step: ~90 ms for the first call and ~0.7 ms after,
but it returns None for ``första mars 2022`` and ``20140408``, so the table is both
faster and complete for the forms we accept (dateparser remains the baseline, see
``pipeline/baseline.py``).

Roles (contract: period_start / period_end / document / other) are decided per
distinct date: a date written several times gets its strongest role on every
mention (period_start > period_end > document > other), matching the set-based gold.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple, Sequence

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from .layout import case_folded, doc_text, KNOWN_HEADINGS, in_boilerplate, page_of, page_starts, section_of
from .scan import finditer_near, matches_at, trie_alternation

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "febr": 2, "feb": 2, "mars": 3, "mar": 3,
    "april": 4, "apr": 4, "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augusti": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
    # English month names turn up in agreements with international suppliers
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10,
}
# letters a case-blind month pattern accepts for "s" and "i" (an old font's long s)
_ODD_CASES = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "i"})


def month_number(name: str) -> int:
    return MONTHS[name.translate(_ODD_CASES).lower()]


ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        "första andra tredje fjärde femte sjätte sjunde åttonde nionde tionde elfte tolfte "
        "trettonde fjortonde femtonde sextonde sjuttonde artonde nittonde tjugonde "
        "tjugoförsta tjugoandra tjugotredje tjugofjärde tjugofemte tjugosjätte tjugosjunde "
        "tjugoåttonde tjugonionde trettionde trettioförsta".split()
    )
}
ROLE_RANK = {"period_start": 0, "period_end": 1, "document": 2, "other": 3}
MIN_YEAR, MAX_YEAR = 1900, 2100

_SP = r"[ \t\u00a0\u2009\u202f]"
# whitespace that may hold one line break: PDF lines wrap inside dates
_WS = rf"(?:{_SP}+(?:\n{_SP}*)?|\n{_SP}*)"
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
_YEAR = r"(?P<y>(?:19|20|21)\d{2})(?!\d|[/:]\d|-tal)"

# "1 april 2021", "den 28 feb. 2026", "1:a april", "första mars 2022", "1 Mars, 2016"
TEXT_DATE = re.compile(
    # the lookahead (a day's digit or an ordinal's first letter, at a word start) lets the
    # engine pass over most positions without trying the month alternation
    rf"(?=\b[\dfatsåne])(?<![\w.,/:§])(?:(?P<d>[0-3]?\d)(?::{_SP}?[ae])?{_SP}*\n?{_SP}*|(?P<dw>{_ORD}){_WS})"
    rf"(?P<mon>{_MONTH})(?![\wåäö])\.?"
    rf"(?:,?{_WS}(?:år{_SP}+)?{_YEAR})?",
    re.IGNORECASE,
)
# "March 3, 2024", "mars 3, 2024": the month first, as English-language agreements write
# it; the comma before the year is required ("maj 12 2024" is too often a table row)
MONTH_FIRST_DATE = re.compile(
    rf"(?=\b[jfmasond])(?<![\w.,/:§])(?P<mon>{_MONTH})\.?{_SP}+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,{_WS}{_YEAR}",
    re.IGNORECASE,
)
# Bare day numbers listed before a written month: "2, 7 och 21 maj 2025", "1-3 maj".
_LIST_SEP = rf"(?:{_SP}*,{_SP}*(?:(?:och|samt){_SP}+)?|{_WS}(?:och|samt|&|eller|respektive|resp\.){_WS}|{_SP}*[-–]{_SP}*)"
DAY_LIST = re.compile(rf"(?:(?<![\w.,/:§-])[0-3]?\d(?::[ae])?{_LIST_SEP}(?:den{_SP}+)?)+$", re.IGNORECASE)
LIST_END = re.compile(rf"(?:och|samt|&|eller|respektive|resp\.|[-–]){_SP}*\n?{_SP}*(?:den{_SP}+)?$", re.IGNORECASE)
DAY_ITEM = re.compile(r"(?<![\w.,/:§-])([0-3]?\d)(?::[ae])?")

# These numeric forms open with their first digit and only then look back at what
# stands before it ("1(?<![\w/.,].)9" is "(?<![\w/.,])19"): Python's engine skips ahead
# to a pattern's leading character, not past a leading lookbehind (2-3x faster scans).
# 2019-01-01 (OCR may add a space: "2019-01 -01"; a line may wrap after a dash),
# 2019/01/01, 2019.01.01
ISO_DATE = re.compile(
    rf"(?P<y>(?:1(?<![\w/.,].)9|2(?<![\w/.,].)[01])\d{{2}})"
    rf"(?:{_SP}?[-–]\n?{_SP}?(?P<m1>[01]?\d){_SP}?[-–]\n?{_SP}?(?P<d1>[0-3]?\d)"
    rf"|/(?P<m2>[01]?\d)/(?P<d2>[0-3]?\d)|\.(?P<m3>[01]?\d)\.(?P<d3>[0-3]?\d))"
    r"(?![\w]|[/.,:]\d|-\d{1,3}(?!\d))"
)
# 20140408: not inside a longer digit run, not the first half of "19850101-1234"
COMPACT_DATE = re.compile(r"(?P<y>(?:1(?<![\w\-/.,:+].)9|2(?<![\w\-/.,:+].)[01])\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?![\w]|[-/]\d|[.,:]\d)")
# numbers, not dates, follow these words
COMPACT_BLOCK = re.compile(
    r"\b(?:tel|telefon|fax|mobil|org|nr|nummer|konto|bankgiro|plusgiro|bg|pg|ocr|faktura\w*|"
    r"pers|personnummer|id|ref)\W{0,12}$",
    re.IGNORECASE,
)
# 31/3 2026, 31/3-2026, 1/4-21
SLASH_DATE = re.compile(
    rf"(?P<d>\d(?<![\w/.,:-].)(?:(?<=[0-3])\d)?)/(?P<m>[01]?\d)"
    rf"(?:{_SP}*[-–]{_SP}*(?P<y>(?:19|20|21)\d{{2}}|\d{{2}})|{_SP}+(?P<y4>(?:19|20|21)\d{{2}}))(?![\w]|[/.:,]\d)"
)
# 31.3.2026 (not the tail of a section number such as 1.5.3.2021)
DOT_DATE = re.compile(r"(?P<d>\d(?<![\w.,].)(?:(?<=[0-3])\d)?)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20|21)\d{2})(?![\w]|[.,]\d)")
# OCR reads 0 as O and 1 as l or I: on OCR'd pages an ISO-shaped run may hold them
_OD = r"[\dOolI|]"
OCR_ISO = re.compile(
    rf"(?<![\w/.,])(?P<y>[12]{_OD}{{3}}){_SP}?[-–]{_SP}?(?P<m>{_OD}{{2}}){_SP}?[-–]{_SP}?(?P<d>{_OD}{{2}})(?![\w])"
)
OCR_DIGITS = str.maketrans("OolI|", "00111")
URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\S+\.(?:pdf|docx?|html?|aspx?)\b", re.IGNORECASE)
# what every address holds, a few hundred characters at most after its start
_URL_ANCHOR = re.compile(r"://|www\.|@|\.(?:pdf|docx?|html?|aspx?)\b", re.IGNORECASE)

# a year said as a time in a sentence ("under 2021", "år 2021"); any other year-like
# number in the sentence makes the year of a "den 1 april" there a guess
TIME_YEAR = re.compile(
    r"\b(?:under|år|i|inför|hösten|våren|sommaren|vintern)\s+((?:19|20)\d{2})\b(?!\s*års|[-/]\d)",
    re.IGNORECASE,
)
BARE_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# what joins two dates into a range, or a list of days sharing a month and year
RANGE_GAP = re.compile(
    rf"^{_SP}*(?:-{{1,2}}|–|—|till{_SP}+och{_SP}+med|t\.?{_SP}?o\.?{_SP}?m\.?|tom|till|fram{_SP}+till)"
    rf"(?:{_WS}den)?{_SP}*\n?{_SP}*$",
    re.IGNORECASE,
)
LIST_GAP = re.compile(
    rf"^{_SP}*(?:,|,?{_SP}*(?:och|samt|&|eller|respektive|resp\.)){_WS}(?:den{_SP}+)?$", re.IGNORECASE
)
MELLAN = re.compile(r"\bmellan\W*(?:den\s+)?$", re.IGNORECASE)

START_CUE = re.compile(
    r"\b(?:från\s+och\s+med|fr\.?\s?o\.?\s?m\.?|from|från|med\s+start|med\s+början|startar|"
    r"börjar(?:\s+gälla)?|påbörjas|gäller\s+fr\w*|giltig\w*\s+fr\w*|träder\s+i\s+kraft|"
    r"ikraftträdande|i\s+kraft|"
    # a lease runs from when the tenant takes the premises: "Tillträde sker den ...",
    # "Tillträde planeras till den ...", "Inflyttning: 2027-08-01"
    r"(?:tillträde|inflyttning)\w*(?:\s+[a-zåäö]+){0,3}?|"
    # the agreement's or service's start: "Avtalsstart planeras till den ...", "Planerad
    # driftstart: ...", "Avtalet börjar gälla den ..." (above)
    r"(?:avtals|kontrakts|uppdrags|drifts?)start(?:en)?(?:\s+[a-zåäö]+){0,3}?|"
    r"(?:planerad|beräknad)\s+(?:avtals|drifts?)?start(?:en)?(?:\s+[a-zåäö]+){0,3}?)\s*:?\s*(?:den\s+)?$",
    re.IGNORECASE,
)
END_CUE = re.compile(
    r"\b(?:till\s+och\s+med|t\.?\s?o\.?\s?m\.?|tom|till|fram\s+till|löper\s+ut|upphör(?:a)?(?:\s+att\s+gälla)?|"
    r"slutar|avslutas)(?:\s+(?:därmed|då|alltså|således))?\s*:?\s*(?:den\s+)?$",
    re.IGNORECASE,
)
# "till den 1 augusti" after a verb of planning, moving or finishing names when a thing
# happens, not the end of a period: "planeras till", "flyttas fram till", "vara klar till"
POINT_BEFORE_TILL = re.compile(
    r"\b(?:planer|beräkn|flytt|inflytt|tillträd|klar|färdig|skjut|uppskjut|senarelägg|"
    r"tidigarelägg|förskjut|återrapporter|rapporter|redovis|återkomm)[a-zåäö]*"
    r"(?:\s+[a-zåäö]+){0,2}?\s+(?:fram\s+)?till\s*(?:den\s+)?$",
    re.IGNORECASE,
)
# a sentence about the period the matter sets ...
MATTER = re.compile(
    r"förläng|avtalstid|avtalsperiod|uppdragstid|giltighetstid|kontraktstid|perioden\s+avser|"
    r"tills\s+vidare|\bgiltig|i\s+kraft|ikraftträdande|"
    # "tecknar avtal med X fr.o.m. ... t.o.m. ...": the agreement being concluded, whose
    # term the cued dates give (the past "tecknades" is history, below)
    r"\bteckna(?:r|s)?\b",
    re.IGNORECASE,
)
# ... or one where something lasts ("Avtalet gäller från ...", "Det löper till ..."),
# unless the clause opens with a thing that is no agreement, decision or period:
# "Avtalsspärren löper t.o.m. ...", "Erbjudandet gäller till ..."
LASTING = re.compile(r"\b(?:gäller|gälla|löper|löpa)\b", re.IGNORECASE)
_LASTING_AUX = (
    r"ska|skall|kan|kommer\s+att|avses|bedöms|beräknas|föreslås|därmed|därefter|då|nu|"
    r"fortsatt|alltså|således|även|också|inte|redan|fortfarande"
)
CLAUSE_SUBJECT = re.compile(
    rf"(?:^|[.,;:!?]\s*|\b(?:och|men|samt|att)\s+)(?:(?:den|det|de|denna|detta)\s+[a-zåäö]+\s+)?"
    rf"(?P<w>[^\W\d_]+)\s+(?:(?:{_LASTING_AUX})\s+)*$",
    re.IGNORECASE,
)
DEFINITE_NOUN = re.compile(r"[^\W\d_]{2,}(?:en|et|na|an)$", re.IGNORECASE)
AGREEMENT_HEAD = re.compile(
    r"(?:avtal|kontrakt|överenskommelse|uppdrag|beslut|period|tillägg|partnerskap|samverkan|"
    r"samarbete|förlängning|option|arrende|hyresförhållande|tillstånd|löptid|"
    r"(?:avtals|kontrakts|uppdrags|hyres|arrende|giltighets|period)tid)\w{0,4}$",
    re.IGNORECASE,
)
NOT_SUBJECT = {"sedan", "därefter", "härefter", "vidare", "även", "detsamma", "densamma", "samma"}


def _other_thing_lasts(text: str, lo: int, verb: re.Match) -> bool:
    """Whether the clause of a lasting verb opens with a thing that is no agreement,
    decision or period ("Avtalsspärren löper", "Anbudet ska gälla"); ``lo`` is where
    its sentence starts."""
    subj = CLAUSE_SUBJECT.search(text[max(lo, verb.start() - 80) : verb.start()])
    w = subj["w"] if subj else ""
    return bool(DEFINITE_NOUN.match(w)) and w.lower() not in NOT_SUBJECT and not AGREEMENT_HEAD.search(w)


def _about_term(sent_text: str) -> bool:
    """Whether a sentence is about the period an agreement or decision runs."""
    if MATTER.search(sent_text):
        return True
    return any(not _other_thing_lasts(sent_text, 0, m) for m in LASTING.finditer(sent_text))


# a decision sets a period only in a sentence about an agreement or a period (not
# "att återrapportera till 2024-06-30")
PERIODISH = re.compile(
    MATTER.pattern + r"|\bgäller\b|\bgälla\b|\blöper\b|avtal|period|överenskommelse|uppdrag|kontrakt|löptid|hyrestid",
    re.IGNORECASE,
)
# a sentence that extends an agreement (sets the period after the current one)
EXTENDS = re.compile(r"\bförläng(?:s|a|er|ning|t)\b", re.IGNORECASE)
# a sentence that names an agreement
AGREEMENT = re.compile(r"avtal|överenskommelse|kontrakt|uppdrag", re.IGNORECASE)
# ... unless it tells the history of the current agreement ...
HISTORY = re.compile(
    r"\b(?:befintlig\w*|nuvarande|sedan|tidigare|ursprunglig\w*|startade|tecknades|löpte|"
    r"förlängdes|har\s+förlängts|gällde)\b",
    re.IGNORECASE,
)
# ... or the period is the one a report covers: a decision that takes a report or a list
# of delegated decisions "för perioden ..." (or puts it "till handlingarna") sets no term
REPORTED = re.compile(
    r"\b(?:redovisning|rapport|uppföljning|delegationsbeslut|bokslut|utfall|anmälan|statistik)\w*"
    r"(?:\s+\S+){0,5}?\s+(?:för|avseende|under)\s+(?:perioden|tiden)\b|\btill\s+handlingarna\b",
    re.IGNORECASE,
)
# ... or the date closes an option not (yet) taken: "med möjlighet till förlängning till 2024-12-31"
OPTION = re.compile(r"\b(?:möjlighet\w*|option\w*|längst|kan\s+förlängas)\b", re.IGNORECASE)
PERIOD_SECTION = re.compile(r"avtalstid|avtalsperiod|uppdragstid|giltighet|avtalets\s+löptid", re.IGNORECASE)
DECISION_SECTION = re.compile(r"\bbeslut\b|beslutsförslag|^yrkande|förslag till beslut|beslutar", re.IGNORECASE)
NOT_DECISION = re.compile(r"underlag|skickas|expedier|beslutsgång", re.IGNORECASE)
# a decision written out where no heading announces it: "Socialnämnden beslutar att ..."
DECISION_SENT = re.compile(r"\b(?:beslutar|besluta|föreslås\s+besluta)\b(?!\s+om\b)", re.IGNORECASE)
# a header field that labels the date of the document itself; the label opens its line
# (or column): "1. Överenskommelse, daterad 2019-12-15" dates an attachment
_DOC_LABEL_WORD = (r"(?:datum|dokumentdatum|sammanträdesdatum|beslutsdatum|upprättad|upprättat|daterad|"
                   r"daterat|utfärdad|utfärdat|skapad|skapat)")
# "Sammanträdesdatum: Tisdagen den 18 november 2025": the weekday belongs to the date
_DATE_OPENING = r"(?:(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?,?\s+)?(?:den\s+)?$"
DOC_LABEL = re.compile(rf"^\W{{0,3}}{_DOC_LABEL_WORD}\W{{0,3}}{_DATE_OPENING}", re.IGNORECASE)
# the label alone on its line, its date opening the next ("Sammanträdesdatum\nTisdagen den
# 18 november 2025", "Datum:\n2025-03-14"): a form's field over its value
DOC_LABEL_LINE = re.compile(rf"^\W{{0,3}}{_DOC_LABEL_WORD}\W{{0,3}}$", re.IGNORECASE)
DATE_OPENS_LINE = re.compile(rf"^\W{{0,3}}{_DATE_OPENING}", re.IGNORECASE)
_ONLY_TIME_AFTER = re.compile(r"[ \t,.]*(?:(?:kl\.?|klockan)[ \t]*\d[\d.:\-–— \t]*)?$", re.IGNORECASE)
# "Linköping 2021-03-15" / "Stockholm den 1 april 2021" before a signature
PLACE_LINE = re.compile(r"^\s*(?:[Oo]rt\s+och\s+datum\W*)?[A-ZÅÄÖ][\wåäö-]+(?:\s+[A-ZÅÄÖ][\wåäö-]+)?\s*,?\s*(?:den\s+)?$")
# a capitalised word before a date that names a document, not a place ("Tjänsteskrivelse 2023-01-20")
DOC_NOUN = re.compile(
    r"(?:skrivelse|rapport|protokoll|protokollsutdrag|avtal|beslut|underlag|plan|utredning|yttrande|"
    r"bilaga|remiss|program|policy|riktlinjer?|förslag|sammanställning|uppföljning|redovisning|"
    r"anteckningar|kallelse|ansökan|sammanträde|datum|pm|missiv|handling|dokument)$",
    re.IGNORECASE,
)
NOT_PLACE = {
    "den", "från", "till", "sedan", "under", "efter", "före", "senast", "mellan", "och", "per",
    "tom", "from", "datum", "beslut", "information", "avtalet", "avtal", "period", "perioden",
    # minutes close with when they were checked and posted, not when they were written
    "justerat", "justerad", "justerade", "justering", "justeringsdatum", "anslaget", "anslagen",
    "anslagsdatum", "uppsatt", "nedtaget", "nedtas", "expedierat", "expedierad", "protokollet",
}
# the line under a signature's place and date: a name ("Karin Ek", "Per-Olof de Wall"),
# a line of dots or underscores to sign on, or "För nämnden"
SIGNER_LINE = re.compile(
    r"^\s*(?:[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?(?:\s+(?:af|von|de|van)?\s*[A-ZÅÄÖ][a-zåäöé]+"
    r"(?:-[A-ZÅÄÖ][a-zåäöé]+)?){1,2}\s*$|[._\s]{6,}$|[Ff]ör\s)"
)
MEMO = re.compile(r"tjänsteskrivelse", re.IGNORECASE)
# a listed item (Beslutsunderlag) ends with its date, file name or a full stop; a line
# ending otherwise wraps into the next ("... Linköpings\nStadsmission ställningstagande")
ITEM_END = re.compile(r"(?:\d|\.(?:docx?|pdf|xlsx?)|[.;:)])\s*$", re.IGNORECASE)
BULLET = re.compile(r"^\s*(?:[•\-–*\uf0b7]|\d{1,2}[.)])\s")
PROTOCOL = re.compile(r"protokoll", re.IGNORECASE)  # protokoll, sammanträdesprotokoll, protokollsutdrag
# a § heading of minutes ("§ 44 Förlängning av avtal ...")
PARAGRAPH_HEAD = re.compile(r"^§\s*\d+")
# the line that certifies an extract of minutes ("Utdragsbestyrkande", "Rätt utdraget
# intygar"): its date is when the extract was certified, not the document's own date
CERTIFY = re.compile(r"bestyrk|intygar|intygas|rätt\s+utdrag", re.IGNORECASE)
HEADER_LINES = 12
HEADER_CHARS = 600
COLUMN_GAP = re.compile(r"\t|[ \u00a0]{3,}")
HEADER_WORDS = {"dnr", "diarienummer", "datum", "den", "sida", "av", "nr", "vår", "er", "beteckning"}


@dataclass
class DateCandidate:
    start: int
    end: int
    day: int
    month: int
    year: int | None
    link: str | None = None  # "start" / "end" when one end of a range

    @property
    def iso(self) -> str | None:
        return to_iso(self.year, self.month, self.day)


def to_iso(year: int | None, month: int, day: int) -> str | None:
    """ISO string of a real calendar date in the accepted years, else None."""
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _year(text: str | None) -> int | None:
    if not text:
        return None
    y = int(text)
    if len(text) == 2:  # "1/4-21": two-digit years are this century unless clearly past
        y += 2000 if y < 70 else 1900
    return y


def find_date_candidates(text: str, ocr_ranges: Sequence[tuple[int, int]] = ()) -> list[DateCandidate]:
    """Every date-shaped stretch of ``text``; yearless ones keep ``year=None``.

    Lists and ranges of written dates share their month and year ("30 januari och
    6 februari 2023", "2, 7 och 21 maj 2025", "1 januari till 31 mars 2026").
    In ``ocr_ranges`` (character ranges of OCR'd pages) "2O19-0l-01" is read too.
    """
    blocked = [m.span() for m in finditer_near(URL, text, _URL_ANCHOR, before=300)]
    cands: list[DateCandidate] = []
    months = _month_starts(text)
    for m in _text_dates(text, months):
        day = int(m["d"]) if m["d"] else ORDINALS[m["dw"].lower()]
        month = month_number(m["mon"])
        end = m.end("y") if m["y"] else m.end("mon")
        cands.append(DateCandidate(m.start(), end, day, month, _year(m["y"])))
        lst = DAY_LIST.search(text, max(0, m.start() - 80), m.start())
        # a list ends in "och"/"-" ...: "Tabell 2, 10 maj 2021" lists no days
        if lst and LIST_END.search(lst.group(0)):
            for it in DAY_ITEM.finditer(text, lst.start(), lst.end()):
                cands.append(DateCandidate(it.start(), it.end(1), int(it[1]), month, _year(m["y"])))
    for m in matches_at(MONTH_FIRST_DATE, text, months):
        cands.append(DateCandidate(m.start(), m.end(), int(m["d"]), month_number(m["mon"]), int(m["y"])))
    for m in ISO_DATE.finditer(text):
        mo, d = next((m[f"m{i}"], m[f"d{i}"]) for i in (1, 2, 3) if m[f"m{i}"])
        cands.append(DateCandidate(m.start(), m.end(), int(d), int(mo), int(m["y"])))
    for m in COMPACT_DATE.finditer(text):
        if not COMPACT_BLOCK.search(text, max(0, m.start() - 25), m.start()):
            cands.append(DateCandidate(m.start(), m.end(), int(m["d"]), int(m["m"]), int(m["y"])))
    for m in SLASH_DATE.finditer(text):
        cands.append(DateCandidate(m.start(), m.end(), int(m["d"]), int(m["m"]), _year(m["y"] or m["y4"])))
    for m in DOT_DATE.finditer(text):
        cands.append(DateCandidate(m.start(), m.end(), int(m["d"]), int(m["m"]), int(m["y"])))
    for lo, hi in ocr_ranges:
        for m in OCR_ISO.finditer(text, lo, hi):
            y, mo, d = (m[g].translate(OCR_DIGITS) for g in ("y", "m", "d"))
            cands.append(DateCandidate(m.start(), m.end(), int(d), int(mo), int(y)))

    cands = _drop_overlaps(c for c in cands if not any(s <= c.start < e for s, e in blocked))
    _link(text, cands)
    return cands


# Both written-month patterns are case-blind and would be tried at every word of a
# document; every match holds a month name, which a case-sensitive scan of the
# lower-cased text finds. A month's start begins a month-first date; a day-first date
# starts within the day's few characters before it.
_MONTH_SCAN = re.compile(trie_alternation(MONTHS))
_DAY_REACH = 14  # "trettioförsta", "31: a"
_SPACES = frozenset(" \t\u00a0\u2009\u202f\n")


def _month_starts(text: str) -> list[int] | None:
    """Where a month name starts, case-blind; None where lower-casing is no guide."""
    low = case_folded(text)
    return None if low is None else [m.start() for m in _MONTH_SCAN.finditer(low)]


def _text_dates(text: str, months: list[int] | None):
    """``TEXT_DATE.finditer(text)``, tried only in the reach of a day before a month."""
    if months is None:
        yield from TEXT_DATE.finditer(text)
        return
    end = tried = 0
    for start in months:
        p = start
        while p and text[p - 1] in _SPACES:
            p -= 1
        for pos in range(max(p - _DAY_REACH, end, tried), p):
            m = TEXT_DATE.match(text, pos) if pos >= end else None
            if m is not None:
                yield m
                end = m.end()
        tried = max(tried, p)


def _drop_overlaps(cands) -> list[DateCandidate]:
    out: list[DateCandidate] = []
    for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


def _link(text: str, cands: list[DateCandidate]) -> None:
    """Carry month/year leftwards through lists and ranges; mark range ends."""
    for left, right in reversed(list(zip(cands, cands[1:]))):
        gap = text[left.end : right.start]
        is_range = bool(RANGE_GAP.match(gap)) or (
            gap.strip().lower() == "och" and MELLAN.search(text, max(0, left.start - 20), left.start)
        )
        if is_range or LIST_GAP.match(gap) or (gap.strip() in {"-", "–"}):
            if left.year is None and right.year is not None:
                left.year = right.year
        if is_range:
            left.link = left.link or "start"
            right.link = "end"


# --------------------------------------------------------------------------- roles
class _Sentences:
    """Sentence lookup by character offset, built once per document (``span.sent``
    checks the whole document's annotation on every call)."""

    def __init__(self, doc: Doc):
        if not len(doc) or "sents" in doc.user_hooks:
            sents = [doc[:]] if not len(doc) else list(doc.sents)
            self.starts = [s.start_char for s in sents]
            self.ends = [s.end_char for s in sents]
            return
        # read off the arrays: building a Span per sentence costs more than the lookups
        arr = doc.to_array([SENT_START, IDX, LENGTH]).astype("int64")
        first = numpy.flatnonzero(arr[:, 0] == 1) if doc.has_annotation("SENT_START") else numpy.zeros(0, "int64")
        first = numpy.concatenate(([0], first[first > 0]))  # no boundaries: one sentence
        last = numpy.concatenate((first[1:], [len(doc)])) - 1
        self.starts = arr[first, 1].tolist()
        self.ends = (arr[last, 1] + arr[last, 2]).tolist()

    def of(self, span: Span) -> _Sent:
        i = max(bisect.bisect_right(self.starts, span.start_char) - 1, 0)
        return _Sent(self.starts[i], self.ends[i])


class _Sent(NamedTuple):
    start_char: int
    end_char: int


def _line(text: str, start: int, end: int, column: bool = False) -> tuple[str, str]:
    """The text before and after a span on its own line (or in its column of it:
    signature blocks and header tables put fields side by side, apart by tabs or wide
    spaces)."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    before, after = text[ls:start], text[end : le if le >= 0 else len(text)]
    if column:
        before = COLUMN_GAP.split(before)[-1]
        after = COLUMN_GAP.split(after)[0]
    return before, after


def _is_decision(label: str | None) -> bool:
    return bool(label and DECISION_SECTION.search(label) and not NOT_DECISION.search(label))


def _local_role(text: str, cand: DateCandidate, sent: "_Sent") -> str | None:
    if cand.link:
        role = cand.link
    else:
        before = text[max(sent.start_char, cand.start - 40) : cand.start]
        if START_CUE.search(before):
            role = "start"
        elif END_CUE.search(before) and not POINT_BEFORE_TILL.search(before):
            role = "end"
        else:
            return None
    # the date ends or starts what its clause says lasts: not the period when that is
    # another thing ("Avtalsspärren löper t.o.m. ...", "Erbjudandet gäller till ...")
    verb = None
    for verb in LASTING.finditer(text, max(sent.start_char, cand.start - 60), cand.start):
        pass
    if verb is not None and not re.search(r"[;!?]|[.:]\s+[A-ZÅÄÖ]", text[verb.end() : cand.start]):
        if _other_thing_lasts(text, sent.start_char, verb):
            return None
    return role


def _document_role(doc: Doc, text: str, cand: DateCandidate, span: Span, starts: Sequence[int]) -> bool:
    # ``text`` is doc_text(doc), passed in: Doc.text rebuilds the string on every access
    before, after = _line(text, cand.start, cand.end, column=True)
    if DOC_LABEL.search(before):
        return True
    if _labelled_above(text, cand.start, cand.end):
        return True
    if after.strip(" ,.") or not PLACE_LINE.match(before):
        # two signatures side by side whose gap the text lost: "Varberg den 12 mars 2025
        # Varberg 14/3 2025" is two place lines, each dating its signature
        own = _place_date_segment(*_line(text, cand.start, cand.end), cand.end - cand.start)
        if own is not None:
            before, after = own, ""
    if _place_before_signature(text, cand, span, before, after):
        return True
    if page_of(span, starts) == 1:
        page_start = starts[0]
        line_no = text.count("\n", page_start, cand.start) - text.count("\n\n", page_start, cand.start)
        near_top = line_no < HEADER_LINES and cand.start - page_start < HEADER_CHARS
        label = section_of(span)
        in_body = bool(label and KNOWN_HEADINGS.match(label))  # under "Ärende", "Beslutsunderlag" ...
        if near_top and not in_body and _header_line(" ".join(_line(text, cand.start, cand.end))):
            return True
    return _memo_in_underlag(doc, text, cand, span)


def _labelled_above(text: str, start: int, end: int) -> bool:
    """The date is its line (a time of day may follow: "kl. 9.00-12.00") and the line
    above is a document-date label alone; a column of dates under "Datum" is a list."""
    ls = text.rfind("\n", 0, start) + 1
    if ls < 2 or not DATE_OPENS_LINE.match(text[ls:start]):
        return False
    le = text.find("\n", end)
    if not _ONLY_TIME_AFTER.match(text[end : le if le >= 0 else len(text)]):
        return False
    above = text[text.rfind("\n", 0, ls - 1) + 1 : ls - 1]
    return len(above) <= 40 and bool(DOC_LABEL_LINE.match(above.strip()))


def _place_before_signature(text: str, cand: DateCandidate, span: Span, before: str, after: str) -> bool:
    """'Linköping 2021-03-15' on its own line, in the closing part of the document."""
    words = re.sub(r"(?i)^\s*ort\s+och\s+datum\W*", "", before).split()
    if not (PLACE_LINE.match(before) and words and not after.strip(" ,.")):
        return False
    if words[0].lower() in NOT_PLACE or any(DOC_NOUN.search(w.strip(",")) for w in words):
        return False
    if "beslutsunderlag" in (section_of(span) or ""):
        return False
    prev = text[max(0, text.rfind("\n", 0, cand.start) - 120) : cand.start].split("\n")
    if CERTIFY.search(before) or (len(prev) >= 2 and CERTIFY.search(prev[-2])):
        return False
    if cand.start >= 0.6 * len(text) or re.match(r"\s*(?:för\b|underskrift)", after, re.I):
        return True
    # in a short document the closing part is no share of it: the signer's name (or a
    # line to sign on) under the place line tells the same
    nxt = next((ln for ln in text[cand.end : cand.end + 200].split("\n")[1:] if ln.strip()), "")
    return bool(SIGNER_LINE.match(nxt))


def _place_date_segment(before: str, after: str, length: int) -> str | None:
    """The place before a date on a line made only of "place [den] date" pairs
    ("Linköping 2021-03-15   Stockholm den 1 april 2021"), else None."""
    line = before + "x" * length + after
    if len(line) > 160 or not line[:1].isupper():
        return None
    cands = sorted((c for c in find_date_candidates(before + " " * length + after) if c.iso), key=lambda c: c.start)
    cands.append(DateCandidate(len(before), len(before) + length, 1, 1, 2000))
    cands.sort(key=lambda c: c.start)
    if len(cands) < 2 or line[cands[-1].end :].strip(" ,."):
        return None
    pos, own = 0, None
    for c in cands:
        if c.start < pos:
            return None
        seg = line[pos : c.start]
        words = seg.split()
        if not (PLACE_LINE.match(seg) and words) or words[0].lower() in NOT_PLACE:
            return None
        if any(DOC_NOUN.search(w.strip(",")) for w in words):
            return None
        if c.start == len(before):
            own = seg
        pos = c.end
    return own


def _header_line(rest: str) -> bool:
    """A page-1 line that holds a date among header fields, not inside a sentence."""
    words = re.findall(r"[^\W\d_]+", rest)
    return len(words) <= 6 and all(w[0].isupper() or w.lower() in HEADER_WORDS for w in words)


def _last_item(head: str) -> str:
    """The item of a list (text up to a date) that the date closes."""
    head = re.split(r"(?i)beslutsunderlag:?", head)[-1]
    item: list[str] = []
    for line in head.split("\n"):
        if not line.strip() or BULLET.match(line) or (item and ITEM_END.search(item[-1])):
            item = []
        if line.strip():
            item.append(BULLET.sub("", line))
    return " ".join(item)


def _memo_in_underlag(doc: Doc, text: str, cand: DateCandidate, span: Span) -> bool:
    """A date given for the Tjänsteskrivelse listed under Beslutsunderlag: this memo."""
    label = section_of(span) or ""
    if "beslutsunderlag" in label:
        sec = next(s for s in doc.spans["sections"] if s.start_char <= cand.start < s.end_char)
        head = text[sec.start_char : cand.start]
    else:
        lo = max(0, cand.start - 300)
        pos = text[lo : cand.start].lower().rfind("beslutsunderlag")
        pos = pos + lo if pos >= 0 else -1
        if pos < 0 or any(pos < h.start_char < cand.start for h in doc.spans.get("headings", [])):
            return False
        head = text[pos : cand.start]
    item = _last_item(head)
    _, after = _line(text, cand.start, cand.end)
    if not MEMO.match(item.strip()) or len(item) > 300 or after.strip(" .,;)"):
        return False
    # in minutes, the memo listed is another document
    head_lines = [ln for ln in text[:600].splitlines() if ln.strip()][:3]
    return not any(PROTOCOL.search(ln) for ln in head_lines)


def _resolve_yearless(doc: Doc, text: str, cands: list[DateCandidate], sents: _Sentences) -> None:
    """``den 1 april`` takes the year its sentence gives it, when that is clear.

    Clear means: every full date after it in the sentence has the same year and a
    later or equal month (dates are written in order); or, with no full date in the
    sentence, one year said as a time ("under 2021", "år 2021"), not as a price level
    ("2017 års") or a topic ("rapporten för 2022", due the next spring). Otherwise
    which year is meant is a guess, and a date without a year is not a date.
    """
    # only years written out count as evidence: a year given to "1 maj" must not change
    # what "30 juni" in the same sentence is read against
    written = [o for o in cands if o.year is not None]
    for i, c in enumerate(cands):
        if c.year is not None:
            continue
        sp = doc.char_span(c.start, c.end, alignment_mode="expand")
        if sp is None:
            continue
        sent = sents.of(sp)
        in_sent = [o for o in written if sent.start_char <= o.start < sent.end_char]
        later = [o for o in in_sent if o.start > c.start]
        years = {o.year for o in later}
        if len(years) == 1 and all(o.month >= c.month for o in later):
            c.year = years.pop()
        elif not in_sent:
            said = {int(m[1]) for m in TIME_YEAR.finditer(text, sent.start_char, sent.end_char)}
            if len(said) == 1 and not BARE_YEAR.search(
                TIME_YEAR.sub(" ", text[sent.start_char : sent.end_char])
            ):
                c.year = said.pop()


@dataclass
class _Mention:
    cand: DateCandidate
    span: Span
    cue: str | None  # "start" / "end": a range end or a cue word before it
    decision: bool  # in the decision (section or "beslutar att" sentence), about a period
    matter: bool  # in a sentence about the agreement's term, not its history
    extends: bool = False  # in a sentence that extends an agreement ("förlängs med ...")


def tag_dates(doc: Doc) -> list[Span]:
    text = doc_text(doc)  # read once: Doc.text rebuilds the string on every access
    claimed = [(s.start_char, s.end_char) for s in doc.spans.get("identifiers", [])]
    starts = page_starts(doc)
    bounds = [*starts, len(text)]
    ocr = [(bounds[p - 1], bounds[p]) for p in sorted(doc._.ocr_pages) if 0 < p < len(bounds)]
    cands = [
        c for c in find_date_candidates(text, ocr)
        if not any(s < c.end and c.start < e for s, e in claimed)
    ]
    sents = _Sentences(doc)
    _resolve_yearless(doc, text, cands, sents)
    mentions = _mentions(doc, text, cands, sents)
    period = _period_roles(mentions)

    roles: dict[str, str] = {}  # strongest role per distinct date
    for i, m in enumerate(mentions):
        if i in period:
            role = "period_" + period[i]
        elif _document_role(doc, text, m.cand, m.span, starts):
            role = "document"
        else:
            role = "other"
        iso = m.cand.iso
        if iso not in roles or ROLE_RANK[role] < ROLE_RANK[roles[iso]]:
            roles[iso] = role

    # Span extensions are stored per character offsets: two dates in one token
    # ("2019-01-01--2020-12-31") need a token boundary between them to keep two norms.
    extents = [(m.span.start, m.span.end) for m in mentions]
    if len(set(extents)) < len(extents):
        split_tokens(doc, {x for m in mentions for x in (m.cand.start, m.cand.end)})
    out = []
    for m in mentions:
        span = doc.char_span(m.cand.start, m.cand.end, label=m.cand.iso, alignment_mode="expand")
        span._.norm = {"date": m.cand.iso, "role": roles[m.cand.iso]}
        out.append(span)
    return out


def _contract_paragraphs(doc: Doc, text: str) -> list[tuple[int, int]] | None:
    """In minutes that decide several matters, one per §: the ranges of the §s whose
    heading names a contract (None when there is no such § or these are no minutes)."""
    from .contract import names_contract  # contract.py runs after this component

    head_lines = [ln for ln in text[:600].splitlines() if ln.strip()][:3]
    if not any(PROTOCOL.search(ln) for ln in head_lines):
        return None
    heads = sorted((sp.start_char, sp.label_) for sp in doc.spans.get("sections", []) if PARAGRAPH_HEAD.match(sp.label_))
    if len(heads) < 2:
        return None
    bounds = [(a, heads[k + 1][0] if k + 1 < len(heads) else len(text), lab) for k, (a, lab) in enumerate(heads)]
    return [(a, b) for a, b, lab in bounds if names_contract(lab)] or None


def _mentions(doc: Doc, text: str, cands: list[DateCandidate], sents: _Sentences) -> list[_Mention]:
    # in minutes with a § about a contract, another §'s dates (a taxa's start, a term of
    # office) set no period, unless their sentence is about an agreement
    paras = _contract_paragraphs(doc, text)
    out = []
    for c in cands:
        if c.iso is None:
            continue
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is None or in_boilerplate(span):
            continue
        sent = sents.of(span)
        sent_text = text[sent.start_char : sent.end_char]
        label = section_of(span)
        decision = (_is_decision(label) or bool(DECISION_SENT.search(sent_text))) and bool(
            PERIODISH.search(sent_text)
        ) and not REPORTED.search(sent_text)
        matter = decision or (
            (bool(label and PERIOD_SECTION.search(label)) or _about_term(sent_text))
            and not HISTORY.search(sent_text)
            and not REPORTED.search(sent_text)
            and not OPTION.search(text[sent.start_char : c.start])
        )
        if paras and not any(a <= c.start < b for a, b in paras) and not AGREEMENT.search(sent_text):
            decision = matter = False
        extends = bool(EXTENDS.search(sent_text)) and not OPTION.search(sent_text)  # not an option
        out.append(_Mention(c, span, _local_role(text, c, sent), decision, matter, extends))
    return out


def _period_roles(mentions: list[_Mention]) -> dict[int, str]:
    """Which mentions give the period the matter sets: index -> "start" / "end".

    The cued dates of the decision when it has any, plus the other end of a range
    whose one end the decision names ("perioden avser 1 januari 2026 till 31 mars
    2026" in the memo body, "till och med 31 mars 2026" in the decision); without
    cued dates in a decision, the cued dates in sentences about the agreement's term.
    """
    decided = {m.cand.iso for m in mentions if m.decision and m.cue}
    period = {i: m.cue for i, m in enumerate(mentions) if m.cue and (m.decision if decided else m.matter)}
    # an amendment decides when it starts and leaves the agreement's end as it was: the
    # end told about the term elsewhere ("Avtalstiden är oförändrad och löper till och
    # med ...") closes the period, when it falls after the decided start
    starts = [m.cand.iso for i, m in enumerate(mentions) if period.get(i) == "start"]
    if starts and "end" not in period.values():
        for i, m in enumerate(mentions):
            if m.matter and m.cue == "end" and m.cand.iso > max(starts):
                period[i] = "end"
    # an extension sets the period after the one that runs now: the term told elsewhere
    # that ends (or starts) before the extension's start is the old one ("Avtalet ...
    # gäller 2024-02-14--2025-12-31" beside "förlängs ... fr.o.m. den 1/1 2026")
    new_starts = [m.cand.iso for i, m in enumerate(mentions) if period.get(i) == "start" and m.extends]
    if new_starts:
        first = min(new_starts)
        for i in [i for i in period if not mentions[i].extends and mentions[i].cand.iso < first]:
            del period[i]
    if decided:
        for i, m in enumerate(mentions):
            if m.cand.link and m.cand.iso in decided:
                j = _range_partner(mentions, i)
                if j is not None and j not in period:
                    period[j] = mentions[j].cand.link
    return period


def _range_partner(mentions: list[_Mention], i: int) -> int | None:
    """The other end of the range mention ``i`` belongs to (adjacent by construction)."""
    j = i - 1 if mentions[i].cand.link == "end" else i + 1
    if 0 <= j < len(mentions) and mentions[j].cand.link and mentions[j].cand.link != mentions[i].cand.link:
        return j
    return None


def split_tokens(doc: Doc, cuts: set[int]) -> None:
    """Add token boundaries at the character offsets ``cuts`` that fall inside tokens.

    The retokenizer does not move span groups, so they are saved as character
    offsets and rebuilt (splitting only adds boundaries: every old span still aligns).
    Sentence starts are kept where they were.
    """
    targets = []
    for tok in doc:
        inner = sorted(c for c in cuts if tok.idx < c < tok.idx + len(tok.text))
        if inner:
            targets.append((tok, inner))
    if not targets:
        return
    saved = {
        name: (group.attrs, [(sp.start_char, sp.end_char, sp.label, sp.kb_id, sp.id) for sp in group])
        for name, group in doc.spans.items()
    }
    sent_starts = {t.idx for t in doc if t.is_sent_start} if doc.has_annotation("SENT_START") else None
    text = doc_text(doc)
    with doc.retokenize() as retok:
        for tok, inner in targets:
            bounds = [tok.idx, *inner, tok.idx + len(tok.text)]
            orths = [text[a:b] for a, b in zip(bounds, bounds[1:])]
            retok.split(tok, orths, heads=[(tok, 0)] * len(orths))
    if sent_starts is not None:
        for t in doc:
            t.is_sent_start = t.idx in sent_starts
    for name, (attrs, items) in saved.items():
        group = [doc.char_span(a, b, label=lab, kb_id=kb, span_id=sid) for a, b, lab, kb, sid in items]
        doc.spans[name] = SpanGroup(doc, name=name, attrs=attrs, spans=[g for g in group if g is not None])


@Language.factory("muni_dates")
def make_dates(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc.spans["dates"] = tag_dates(doc)
        return doc

    return component
