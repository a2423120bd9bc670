"""Durations: lengths of time a contract or decision sets (``doc.spans["durations"]``).

``två år``, ``tre (3) månader``, ``12 månaders uppsägningstid``, ``6 veckor``,
``6 veckorsprogram``, ``en treårsperiod``, ``tio arbetsdagar``. ``span._.norm`` holds
``value``, ``unit`` (dag / vecka / månad / år), ``months`` and ``role``: ``term``
(avtalstid), ``extension`` (förlängning, ytterligare), ``notice`` (uppsägningstid) or
``other``, read off the nearest cue in the sentence, else the section heading.

Not durations: ages (``från 18 år``, ``0-20 år``, ``i åldern 6–15 år``), years
(``2017 års prisnivå``) and frequencies (``två dagar per vecka``, ``sju dagar i veckan``).
"""
from __future__ import annotations

import functools
import re
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from .layout import case_folded, doc_text, section_of
from .numbers import (
    NUMBER_WORDS,
    Ranges,
    Sentences,
    blocked_ranges,
    claimed_ranges,
    find_quantities,
    list_last,
    parse_number,
    placed_spans,
)

UNIT_FORMS = {
    # the singular genitive too: "en (1) månads varsel", "en veckas uppsägningstid"
    "dag": ("dag", "dagar", "dagars", "dags", "dagarna", "dygn", "dygns", "dygnen", "vardagar", "vardag"),
    "vecka": ("vecka", "veckor", "veckors", "veckas", "veckorna"),
    # OCR drops the ring: "manader"
    "månad": ("månad", "månader", "månaders", "månaderna", "månads", "mån", "mån.", "manad", "manader", "manaders"),
    "år": ("år", "års", "åren"),
}
FORM_UNIT = {f: u for u, forms in UNIT_FORMS.items() for f in forms}
# "arbetsdagar", "kalendermånader", "verksamhetsår": compounds that still measure time
COMPOUND_PREFIXES = ("arbets", "kalender", "bank", "verksamhets", "läs", "budget", "avtals", "halv")
# "6 veckorsprogram", "treårsperiod", "3-årigt avtal": the length qualifies what follows
_GENITIVE_HEADS = (
    r"(?:period\w*|program\w*|avtal\w*|kontrakt\w*|förlängning\w*|uppdrag\w*|projekt\w*|"
    r"anställning\w*|satsning\w*|försök\w*|garanti\w*|intervall\w*|cykel\w*)"
)
GENITIVE_RE = re.compile(rf"(?i)^(?P<u>dagars|veckors|månaders|års)-?{_GENITIVE_HEADS}$")
ARIG_RE = re.compile(r"(?i)^-?(?P<u>årig|månaders|veckors)(?:a|t|e)?$")
FUSED_RE = re.compile(
    rf"(?i)(?<![\w-])(?P<n>{NUMBER_WORDS})(?P<u>års|årig|månaders|veckors|dagars)"
    rf"(?P<rest>{_GENITIVE_HEADS}|a|t|e)?(?![\w-])"
)
DIGIT_FUSED_RE = re.compile(  # led by the digit (then what stands before it): scanned fast
    rf"(?i)(?P<n>\d(?<![\w.,-].)\d{{0,2}})-(?P<u>års|årig|månaders|veckors|dagars)(?P<rest>{_GENITIVE_HEADS}|a|t|e)?(?![\w-])"
)
# the unit every fused length holds ("tvåårigt", "3-månaders"): the long number-word
# alternation is tried only at the start of a word that holds one
_FUSED_ANCHOR = re.compile(r"(?i)års|årig|månaders|veckors|dagars")
_FUSED_ANCHOR_LOWER = re.compile(r"års|årig|månaders|veckors|dagars")  # for the case-folded text
_WORD_START = re.compile(r"[^\W\d_]*$")


def _fused(rx: re.Pattern, text: str):
    """``rx.finditer(text)`` for a pattern that starts at a word's start and runs, letters
    only, into a fused unit ("tvåårigt"); a number word set apart before it ("tre tusen-")
    is not looked back for."""
    end = 0
    low = case_folded(text)
    anchors = _FUSED_ANCHOR.finditer(text) if low is None else _FUSED_ANCHOR_LOWER.finditer(low)
    for a in anchors:
        if a.start() < end:
            continue
        start = _WORD_START.search(text, max(0, a.start() - 60), a.start()).start()
        m = rx.match(text, start) if start >= end else None
        if m:
            yield m
            end = m.end()
_FUSED_UNIT = {"års": "år", "årig": "år", "månaders": "månad", "veckors": "vecka", "dagars": "dag"}
DURATION_HEADS_AFTER_ARIG = re.compile(rf"(?i)\s+(?:\w+\s+)?{_GENITIVE_HEADS}\b")

_WORD_AFTER = re.compile(r"[ \t\u00a0]*\n?[ \t\u00a0]*(?P<w>[^\W\d_][\w\-]*\.?)")
# "två dagar per vecka", "sju dagar i veckan": how often, not how long
FREQUENCY_AFTER = re.compile(
    r"(?i)^\s*(?:(?:per|/|varje)\s*(?:dag|dygn|vecka|månad|år|termin)|(?:i|om)\s+(?:veckan|månaden|året|dygnet|dagen))(?![a-zåäö])"
)
# ("var" is also "was": "Avtalstiden var 3 år"; "var tredje månad" has an ordinal anyway)
FREQUENCY_BEFORE = re.compile(r"(?i)\b(?:varje|varannan|vartannat)\s*$")
# Ages: "från 18 år", "över 18 år", "i åldern 6 år", "18 år och äldre", "18 år gammal"
AGE_BEFORE = re.compile(
    r"(?i)(?:\b(?:från|över|under|upp\s+till|äldre\s+än|yngre\s+än|fyllt|fyllda|fyller|fylla|fyllde|"
    r"åldern|ålder|åldrarna|åldersgrupp\w*|mellan|barn|ungdomar|unga|vuxna|personer|kvinnor|män|"
    r"flickor|pojkar|elever|målgruppen)\s+(?:ca\.?\s+|cirka\s+)?)$"
)
# "i åldern O- 20 år" (OCR), "åldersspann mellan 18 till 70 år", "medelåldern är 41,2 år",
# "medelåldern 41,2 år": an age word (or a compound ending in one) just before
AGE_NEAR_BEFORE = re.compile(r"(?i)ålder\w*|åldr\w*")
# life expectancy is an age too (not "livslängd" alone: an asset's "livslängd överstigande
# tre år" is a length of time)
LIFE_EXPECTANCY = re.compile(r"(?i)medellivslängd|förväntad\s+livslängd")
# the subject of an age figure may stand far before it in its clause: "Medellivslängden
# för kvinnor i kommunen var under perioden 84,7 år", "Medelåldern bland brukarna i
# särskilt boende är 86 år"
AGE_SUBJECT = re.compile(
    r"(?i)(?:medellivslängd|förväntad\s+livslängd|medelålder|snittålder|genomsnittsålder|"
    r"medianålder)\w*[^.;!?\n]*(?:\n[^.;!?\n]*)?$"
)
AGE_SUBJECT_REACH = 140
YEAR_AFTER = re.compile(r"\s*(?:19|20)\d{2}(?!\d)")
PEOPLE_BEFORE = re.compile(r"(?i)\b(?:barn|barnen|ungdomar|unga|personer|vuxna|kvinnor|män|elever|flickor|pojkar|äldre)\b")
# "Avtalet löper under 4 år", "gäller under 3 år": "under" after a verb of lasting
# names a length of time, not an age limit
LASTING_UNDER = re.compile(
    r"(?i)\b(?:löper|löpa|löpt|gäller|gälla|gällt|pågår|pågå|pågått|varar|vara|varat|"
    r"sträcker\s+sig|förlängs|förlängas|tecknas|tecknats|ingås|bedrivs|bedrivas)\s+"
    r"(?:(?:ca\.?|cirka|totalt)\s+)?under\s+$"
)
# "Barnet är nu 12 år", "pojken var 9 år när": a person's age said with a copula
AGE_COPULA = re.compile(
    r"(?i)\b(?:barnet|barnen|pojken|flickan|sonen|dottern|eleven|ungdomen|den\s+unge|han|hon|hen|"
    r"mannen|kvinnan|personen|sökanden|sökande|brukaren|klienten|patienten|den\s+enskilde)\b"
    r"[^.;!?\n]{0,40}\b(?:är|var|blir|blev|fyller|fyllde)\s+(?:nu\s+|idag\s+|i\s+dag\s+|snart\s+|då\s+)?$"
)
AGE_AFTER = re.compile(r"(?i)^\s*(?:gammal|gamla|gammalt|och\s+(?:äldre|yngre|uppåt|över)|eller\s+(?:äldre|yngre)|fyllda|ålder|åldern|-?åring\w*)\b")

# Role cues, most specific first where two stand equally near.
ROLE_CUES = (
    ("notice", re.compile(r"(?i)\b(?:uppsägningstid\w*|uppsägning\w*|säg(?:a|er|s)\s+upp|sägas\s+upp|uppsäga\w*|varsel)")),
    # not "förnyad konkurrensutsättning / förfrågan": a call-off among framework suppliers
    ("extension", re.compile(
        r"(?i)\b(?:förläng(?!d)\w*|ytterligare|option\w*|"
        r"förnya(?!(?:d|de|t)[ \t\u00a0\n]+(?:konkurrens|förfrågan|anbudsförfrågan|upphandling))\w*|prolonger\w*)"
    )),
    ("term", re.compile(
        # not "avtalstidens utgång": the genitive names a point in time, not the length
        r"(?i)\b(?:(?:avtals|kontrakts|uppdrags|giltighets|löp|hyres|arrende|leasing)tid(?:en)?\b|(?:avtals|kontrakts)period(?:en)?\b|"
        r"avtalet\s+gäller|gäller\s+(?:i|under|för)|löper|teckna(?:s|t|ts|des)\s+(?:på|för)|"
        # "Avtalet avses gälla från ... i två år", "Avtalet tecknades 2023 och gällde ... i 24
        # månader": what the agreement lasted or is to last, its term then or now
        r"(?:avtal|kontrakt|överenskommels)\w*\s+(?:[^\s;:]+\s+){0,4}?gäll(?:er|a|de|t)\b|"
        r"(?:avtal|ramavtal|kontrakt)\w*\s+(?:på|om|för))"
    )),
)
SECTION_ROLES = (("uppsägning", "notice"), ("förlängning", "extension"), ("avtalstid", "term"),
                 ("avtalsperiod", "term"), ("uppdragstid", "term"), ("giltighet", "term"))
# Periods the law sets, not the contract or decision: the appeal period of an
# överklagande or laglighetsprövning ("inom tre veckor från den dag du fick del av
# beslutet") and the procurement standstill ("avtalsspärr", "avtal får tidigast tecknas
# tio dagar efter") and the validity of a bygglov ("Lovet upphör att gälla om åtgärden
# inte har påbörjats inom två år")
STATUTORY_RE = re.compile(
    r"(?i)överklag\w*|laglighetsprövning\w*|avtalsspärr\w*|överprövning\w*|"
    r"\b(?:ram)?avtal\s+(?:får|kan)\s+(?:inte\s+|tidigast\s+)?(?:ingås|tecknas|slutas)"
    # a permit lapses unless the work starts and ends within what PBL 9:43 sets
    r"|lov(?:et)?\s+upphör\s+att\s+gälla"  # (bygg|rivnings|mark)lov(et)
)
MONTHS_PER = {"år": 12.0, "månad": 1.0, "vecka": 1 / 4.33, "dag": 1 / 30}
_NEAR = 60  # characters: a cue this close to the duration speaks for it
_PREPOSITION_BEFORE = re.compile(r"(?i)\b(?:inom|under|på|i|om|med|efter|till|för|senast)\s+$")


@functools.lru_cache(maxsize=4096)
def duration_unit(word: str) -> tuple[str, float] | None:
    """(unit, factor) for a written unit word: 'månader' -> ('månad', 1), 'halvår' -> ('år', .5)."""
    w = word.lower()
    if w in FORM_UNIT:
        return FORM_UNIT[w], 1.0
    m = GENITIVE_RE.match(w)
    if m:
        return _FUSED_UNIT[m["u"].lower()], 1.0
    for prefix in COMPOUND_PREFIXES:
        rest = w[len(prefix):]
        if w.startswith(prefix) and rest in FORM_UNIT:
            return FORM_UNIT[rest], 0.5 if prefix == "halv" else 1.0
    return None


def months_of(value: float, unit: str) -> float:
    return round(value * MONTHS_PER[unit], 2)


def read_durations(doc: Doc, taken: list[tuple[int, int]]) -> Iterator[tuple[int, int, float, str]]:
    """(start, end, value, unit) for every duration in the text."""
    text = doc_text(doc)
    blocked = blocked_ranges(text) + taken
    quantities = list(find_quantities(text, blocked))
    by_start = {q.start: q for q in quantities}
    for q in quantities:
        if q.value_max is not None or q.value <= 0:
            continue  # a range has no single length; "0-20 år", "18 till 70 år" are ages
        hit = _unit_after(text, q.end)
        end = hit[2] if hit else None
        if hit is None and not q.is_article:
            # "3 eller 6 månader", "två respektive tre år": the unit of the second serves both
            last = list_last(text, q, by_start)
            hit = _unit_after(text, last.end) if last is not None else None
            end = q.end
        if hit is None:
            continue
        unit, factor, unit_end = hit
        if not _is_duration(text, q.start, unit_end, q.value, unit, q.words, q.is_article):
            continue
        yield q.start, end, q.value * factor, unit
    index = Ranges(blocked)
    for m in [*_fused(FUSED_RE, text), *DIGIT_FUSED_RE.finditer(text)]:
        if index.overlaps(m.start(), m.end()):
            continue
        if m["u"].lower() == "årig" and not DURATION_HEADS_AFTER_ARIG.match(text, m.end()):
            continue  # "en 12-årig pojke" is an age
        if not m["rest"] and m["u"].lower() != "årig":
            continue
        value = parse_number(m["n"])
        if value is None or value <= 0:
            continue
        yield m.start(), m.end(), value, _FUSED_UNIT[m["u"].lower()]


def _unit_after(text: str, pos: int) -> tuple[str, float, int] | None:
    """(unit, factor, end of the unit word) of a duration unit right after ``pos``."""
    m = _WORD_AFTER.match(text, pos)
    if m is None:
        return None
    word = m["w"].rstrip(".") if m["w"].lower() != "mån." else m["w"]
    hit = duration_unit(word)
    if hit is None and ARIG_RE.match(word) and DURATION_HEADS_AFTER_ARIG.match(text, m.end()):
        hit = ("år", 1.0)
    return (*hit, m.start("w") + len(word)) if hit else None


# "personer som varit arbetslösa i mer än tolv månader", "som har haft försörjningsstöd
# i minst sex månader": how long a state has lasted is a condition on who qualifies,
# no length the decision sets
_CONDITION_BEFORE = re.compile(r"(?i)\bi[ \t\u00a0\n]+(?:(?:mer|längre|mindre|kortare)[ \t\u00a0\n]+än|minst|över)[ \t\u00a0\n]+$")
_STATE_LASTED = re.compile(r"(?i)\b(?:varit|haft|bott|vistats|stått|uppburit|levt|vårdats)\b")
_CONDITION_REACH = 80


def _is_duration(text: str, start: int, end: int, value: float, unit: str, words: bool, article: bool) -> bool:
    after = text[end : end + 40]
    before = text[max(0, start - 40) : start]
    if _CONDITION_BEFORE.search(before):
        state = _STATE_LASTED.search(text, max(0, start - _CONDITION_REACH), start)
        if state is not None and not re.search(r"[.;!?]", text[state.end() : start]):
            return False
    if FREQUENCY_AFTER.match(after) or FREQUENCY_BEFORE.search(before):
        return False
    if unit == "år":
        if value == int(value) and 1900 <= value <= 2100:
            return False  # "2017 års prisnivå": a year
        if AGE_AFTER.match(after):
            return False
        if AGE_NEAR_BEFORE.search(before[-25:]) or LIFE_EXPECTANCY.search(before):
            return False
        if AGE_SUBJECT.search(text, max(0, start - AGE_SUBJECT_REACH), start):
            return False
        if YEAR_AFTER.match(after) and text[end - 1 : end] == "r":
            return False  # "var 42 300 år 2022": "år" names the year, no length of time
        # "under 20 år" is an age, "under två år" a length of time unless people are
        # named: "barn under tre år"
        if AGE_COPULA.search(text, max(0, start - 80), start):
            return False
        if AGE_BEFORE.search(before) and (not words or PEOPLE_BEFORE.search(before)):
            if not LASTING_UNDER.search(before) or PEOPLE_BEFORE.search(before):
                return False
    if article and unit == "dag" and not _PREPOSITION_BEFORE.search(before):
        return False  # "en dag" is as often an idiom as a length
    return True


# "ett 3-årigt avtal", "ett tvåårsavtal": the length of a contract is its term
CONTRACT_AFTER = re.compile(r"(?i)\s*(?:\w+\s+)?(?:ram)?(?:avtal|kontrakt)\w*")


# "senast sex månader före avtalstidens utgång": how long before the term runs out word
# must be given (of an extension as of a termination) is a notice period, whatever
# the word is about
BEFORE_END_AFTER = re.compile(
    # the first of "2 eller 4 månader före" ends before the second and its unit
    r"(?i)(?:[ \t\u00a0\n]*(?:eller|och|respektive|till|-|\u2013)[ \t\u00a0\n]*\w+[ \t\u00a0\n]+[a-zåäö]+)?"
    r"[ \t\u00a0\n]+(?:före|innan)[ \t\u00a0\n]+(?:(?:den[ \t\u00a0\n]+)?[a-zåäö]*(?:tid|period)(?:ens)?[ \t\u00a0\n]+(?:utgång|slut)"
    r"|(?:avtalet|kontraktet)[ \t\u00a0\n]+(?:löper[ \t\u00a0\n]+ut|upphör|går[ \t\u00a0\n]+ut))"
)


# "Förlängning ska begäras senast sex månader före avtalstidens utgång": the last day to
# ask for an extension is a deadline, no period of notice (uppsägningstid)
REQUEST_EXTENSION = re.compile(
    r"(?i)\bförläng\w*\s+(?:\w+\s+){0,3}?(?:begär|påkall|ansök|sök|anhåll)\w*"
    r"|\b(?:begär|påkall|ansök|anhåll)\w*\s+(?:\w+\s+){0,3}?förläng"
)
NOTICE_CUE = ROLE_CUES[0][1]
# "i två år, med möjlighet till förlängning": the option belongs to the length before it,
# the term; only a length the option itself names ("förlängning med ett år") is extension
OPTION_AFTER = re.compile(
    r"(?i)[ \t\u00a0\n]*,?[ \t\u00a0\n]*(?:och|med|samt)[ \t\u00a0\n]+(?:en[ \t\u00a0\n]+)?"
    r"(?:möjlighet|option|rätt)\w*\b"
)


# "max 4 år inklusive förlängningar", "högst sex år inkl. option": the longest the whole
# agreement can run, term and extensions together, neither the term nor an extension
INCLUDING_EXTENSIONS = re.compile(
    r"(?i)[ \t\u00a0\n]*,?[ \t\u00a0\n]*(?:inklusive|inkl\.?|inberäknat|medräknat)[ \t\u00a0\n]+"
    r"(?:(?:eventuella|samtliga|alla|möjliga)[ \t\u00a0\n]+)?(?:förläng|option)"
)


def role_of(doc: Doc, span: Span, sents: Sentences) -> str:
    text = sents.text  # Doc.text joins every token anew
    s, e = sents.statement(span.start_char, span.end_char)
    if INCLUDING_EXTENSIONS.match(text, span.end_char):
        return "other"
    if BEFORE_END_AFTER.match(text, span.end_char):
        if REQUEST_EXTENSION.search(text, s, e) and not NOTICE_CUE.search(text, s, e):
            return "other"
        return "notice"
    option_after = OPTION_AFTER.match(text, span.end_char)
    # only a cue within reach can win; a long table "sentence" is not searched whole
    s, e = max(s, span.start_char - _NEAR * 3), min(e, span.end_char + _NEAR * 3)
    best: tuple[float, str] | None = None
    if option_after:
        # what has the option is the term, unless a nearer cue says otherwise
        best = (option_after.end() - span.end_char + 0.5, "term")
    if re.search(r"(?i)(?:avtal|kontrakt)", span.text) or (
        re.search(r"(?i)årig|års$", span.text) and CONTRACT_AFTER.match(text, span.end_char)
    ):
        best = (1.0, "term")
    for role, rx in ROLE_CUES:
        for m in rx.finditer(text, s, e):
            if m.end() <= span.start_char:
                dist = span.start_char - m.end()
            elif m.start() >= span.end_char:
                if role == "extension" and option_after:
                    continue  # the option of the length before it, not that length's role
                dist = m.start() - span.end_char + 0.5  # a cue before the figure wins a tie
            else:
                dist = 0
            if best is None or dist < best[0]:
                best = (dist, role)
    if best is not None and best[0] <= _NEAR * 3:
        return best[1]
    heading = section_of(span) or ""
    for word, role in SECTION_ROLES:
        if word in heading:
            return role
    return "other"


def find_durations(doc: Doc) -> list[Span]:
    taken = claimed_ranges(doc, ("dates", "identifiers", "amounts"))
    spans: list[Span] = []
    sents = Sentences(doc)
    for span, (start, end, value, unit) in placed_spans(doc, read_durations(doc, taken)):
        if STATUTORY_RE.search(sents.text, *sents.statement(start, end)):
            continue
        span._.norm = {
            "value": float(value), "unit": unit, "months": months_of(value, unit),
            "role": role_of(doc, span, sents),
        }
        spans.append(span)
    return spans


@Language.factory("muni_durations")
def make_durations(nlp: Language, name: str):
    """Contract terms, extensions, notice periods and other lengths of time."""

    def durations(doc: Doc) -> Doc:
        doc.spans["durations"] = find_durations(doc)
        return doc

    return durations
