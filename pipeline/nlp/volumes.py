"""Volumes: quantities of service and resources (``doc.spans["volumes"]``).

A number (digits or words) followed by a unit of the contract's table (timmar,
årsarbetare, platser, personer, barn, familjer, grupper, ärenden), written in any
inflection or as a compound ending in one (``stödtimmar``, ``gruppdeltagare``),
or ``h`` right after a number. A couple of describing words may stand between
(``96 aktuella ärenden``, ``10 000 antal utförda timmar``). ``span._.norm`` holds
``value``, ``value_max``, ``unit``, ``unit_text`` and ``per``.

Not volumes: percentages, ages, money, durations, dates, section numbers (none has a
unit of the table after it), the article "en"/"ett" ("en besökare"), and frequencies
("två dagar per vecka": ``dagar`` is no unit).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from .layout import doc_text, in_boilerplate
from .numbers import (
    Quantity,
    blocked_ranges,
    claimed_ranges,
    find_quantities,
    list_last,
)

DATA = Path(__file__).parent / "data" / "volume_units.json"
# Words that may stand between a number and its unit: counters and describing words.
GAP_WORDS = frozenset({"antal", "st", "st.", "stycken", "fler", "färre", "nya", "unika", "olika", "ca", "cirka"})
# Words ending like adjectives ("-a", "-e") that are no description of the counted thing.
NOT_GAP = frozenset({
    "alla", "dessa", "de", "dem", "sina", "våra", "era", "deras", "hela", "samma", "denna",
    "detta", "några", "ska", "skulle", "kunna", "vara", "bara", "inte", "också", "även", "ha",
    "bli", "få", "göra", "ge", "ta", "se", "inne", "ute", "sedan", "före", "efter", "mellan",
    "utanför", "inom", "mot", "runt", "kring", "enligt", "sådana", "andra", "egna", "ensamma",
})
MAX_GAP = 2
_WORD_RE = re.compile(r"[ \t\u00a0]*\n?[ \t\u00a0]*(?P<w>[^\W\d_](?:[\w\-]*\w)?\.?)")
# "Antal platser: 12": the unit named before the figure, as forms and tables write it
_ANTAL_RE = re.compile(r"(?i)\bantal[ \t\u00a0]+(?P<w>[^\W\d_][\w\-]*)[ \t\u00a0]*[:=]?[ \t\u00a0]*")
_PER_RE = re.compile(
    r"(?i)(?:"
    r"(?:(?<![\w])per\s+|/\s*)(?:[a-zåäö]+\s+och\s+)?(?P<a>dag|dygn|vecka|v\.|månad|mån|år|helår|kalenderår|verksamhetsår)(?![a-zåäö])"
    r"|(?<![\w])(?:i|om)\s+(?P<b>dagen|dygnet|veckan|månaden|året)(?![a-zåäö])"
    r"|(?<![\w])varje\s+(?P<c>dag|dygn|vecka|månad|år)(?![a-zåäö])"
    r"|(?<![\w])(?P<d>dagligen|veckovis|månadsvis|månatligen|årligen|årsvis)(?![a-zåäö])"
    r")"
)
PER_CANON = {
    "dag": "dag", "dagen": "dag", "dygn": "dag", "dygnet": "dag", "dagligen": "dag",
    "vecka": "vecka", "veckan": "vecka", "v.": "vecka", "veckovis": "vecka",
    "månad": "månad", "månaden": "månad", "mån": "månad", "månadsvis": "månad", "månatligen": "månad",
    "år": "år", "året": "år", "helår": "år", "kalenderår": "år", "verksamhetsår": "år",
    "årligen": "år", "årsvis": "år",
}
# a multiplier word between a figure and its unit
_MULTIPLIER_RE = re.compile(r"(?i)[ \t\u00a0]+(?P<m>miljon(?:er)?|milj\.|miljard(?:er)?|tusen)(?![\wåäö])")
MULTIPLIERS = {"miljon": 1e6, "miljoner": 1e6, "milj": 1e6, "miljard": 1e9, "miljarder": 1e9, "tusen": 1e3}
MAX_WORDS_TO_PER = 3
_WINDOW_END = re.compile(r"[.;:!?()]\s|\n\s*\n")


_KNOWN_MAX = 50_000


@dataclass(frozen=True)
class UnitLexicon:
    forms: dict[str, str]  # written form -> canonical unit (compounds allowed)
    exact: dict[str, str]  # whole words only
    abbrev: dict[str, str]  # only right after a number
    not_compounds: dict[str, frozenset[str]]
    longest_first: tuple[tuple[str, str], ...]  # forms, longest first: "stödtimmar" before "timmar"
    # each word's answer: a compound is tried against every form, and words repeat
    known: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    def lookup(self, word: str) -> str | None:
        w = word.lower()
        if w not in self.known:
            if len(self.known) > _KNOWN_MAX:
                self.known.clear()
            self.known[w] = self._lookup(w)
        return self.known[w]

    def _lookup(self, w: str) -> str | None:
        if w in self.exact:
            return self.exact[w]
        if w in self.forms:
            return self.forms[w]
        for form, unit in self.longest_first:
            if len(w) > len(form) + 1 and w.endswith(form):
                prefix = w[: -len(form)].rstrip("-")
                if prefix in self.not_compounds.get(unit, ()) or not prefix[-1:].isalpha():
                    continue
                return unit
        return None


@lru_cache(maxsize=1)
def lexicon() -> UnitLexicon:
    data = json.loads(DATA.read_text(encoding="utf-8"))["units"]
    forms, exact, abbrev, stops = {}, {}, {}, {}
    for unit, spec in data.items():
        forms.update({f: unit for f in spec.get("forms", [])})
        exact.update({f: unit for f in spec.get("exact", [])})
        abbrev.update({f: unit for f in spec.get("abbrev", [])})
        stops[unit] = frozenset(spec.get("not_compounds", []))
    ordered = tuple(sorted(forms.items(), key=lambda kv: -len(kv[0])))
    return UnitLexicon(forms, exact, abbrev, stops, ordered)


@dataclass(frozen=True)
class UnitHit:
    unit: str
    text: str
    end: int  # character offset after the unit word


def unit_after(text: str, pos: int, lex: UnitLexicon) -> UnitHit | None:
    """The volume unit that follows a number ending at ``pos``, skipping up to two describing words."""
    gap = 0
    first = True
    while True:
        m = _WORD_RE.match(text, pos)
        if m is None:
            return None
        word = m["w"]
        if text.startswith("-", m.end()) or ("\n" in text[pos : m.start("w")] and word[:1].isupper()):
            # "Barn- och utbildningsnämnden" (the first half of a compound), or a
            # capitalised word opening the next line (a table's next row label)
            return None
        bare = word.rstrip(".")  # a full stop ends the sentence, except in "tim." and "st."
        if first and word.lower() in lex.abbrev:
            return UnitHit(lex.abbrev[word.lower()], word, m.end())
        if first and bare.lower() in lex.abbrev:
            return UnitHit(lex.abbrev[bare.lower()], bare, m.start("w") + len(bare))
        unit = lex.lookup(bare)
        if unit is not None:
            return UnitHit(unit, bare, m.start("w") + len(bare))
        if gap >= MAX_GAP or not _describes(bare) or (word.endswith(".") and bare.lower() != "st"):
            return None
        gap += 1
        first = False
        pos = m.start("w") + len(bare) + (1 if word.endswith(".") else 0)


def _describes(word: str) -> bool:
    w = word.lower()
    if w in GAP_WORDS:
        return True
    if w in NOT_GAP or not w.isalpha() or word[:1].isupper() or len(w) < 3:
        return False
    # plural / definite adjectives and participles: "aktuella", "utförda", "unika", "äldre"
    return w.endswith(("a", "e"))


def per_after(text: str, start: int, end: int) -> str | None:
    """'per dag', 'dagligen', '/månad', 'per person och år' soon after the unit."""
    window = text[start:end]
    stop = _WINDOW_END.search(window)
    if stop:
        window = window[: stop.start() + 1]
    m = _PER_RE.search(window)
    if m is None:
        return None
    if len(re.findall(r"[^\W\d_]+", window[: m.start()])) > MAX_WORDS_TO_PER:
        return None
    word = next(v for v in m.groupdict().values() if v)
    return PER_CANON.get(word.lower())


_PER_BEFORE_RE = re.compile(
    r"(?i)(?<![\w])(?:(?:per|varje)\s+(?P<a>dag|dygn|vecka|månad|år)|(?P<d>dagligen|årligen|månatligen))"
    r"(?![a-zåäö])[^\d.,;:!?]*$"
)


def per_before(text: str, start: int, end: int, after_figure: bool = False) -> str | None:
    """'Varje vecka deltar 20 personer', 'Dagligen kommer 80 besökare'.

    ``after_figure``: ``start`` is the end of the previous figure, whose rate a cue
    right after its unit is ("150 besökare per vecka samt 12 grupper per termin").
    """
    m = _PER_BEFORE_RE.search(text, start, end)
    if m is None:
        return None
    if after_figure and len(re.findall(r"[^\W\d_]+", text[start : m.start()])) <= 1:
        return None
    return PER_CANON[(m["a"] or m["d"]).lower()]


def read_volumes(doc: Doc, taken: list[tuple[int, int]]) -> Iterator[tuple[int, int, dict]]:
    text = doc_text(doc)
    lex = lexicon()
    blocked = blocked_ranges(text) + taken
    quantities = list(find_quantities(text, blocked))
    by_start = {q.start: q for q in quantities}
    index_of = {q.start: i for i, q in enumerate(quantities)}

    def rate(i: int, hit: UnitHit) -> str | None:
        # a rate cue speaks for the nearest figure only: look no further than the next one
        q = quantities[i]
        j = i + 1
        while j < len(quantities) and quantities[j].start < hit.end:  # the "tusen" of "2,5 tusen"
            j += 1
        next_start = quantities[j].start if j < len(quantities) else len(text)
        prev_end = quantities[i - 1].end if i else 0
        return per_after(text, hit.end, min(next_start, hit.end + 80)) or per_before(
            text, max(prev_end, q.start - 30), q.start, after_figure=bool(i) and prev_end >= q.start - 30
        )

    scaled: set[int] = set()  # starts of "tusen" read as the multiplier of a figure before
    for i, q in enumerate(quantities):
        if q.value < 0 or q.start in scaled:
            continue
        value, value_max, num_end = q.value, q.value_max, q.end
        mult = _MULTIPLIER_RE.match(text, q.end) if not q.words else None
        if mult is not None:  # "156,4 miljoner timmar", "2,5 tusen besökare"
            factor = MULTIPLIERS[mult["m"].lower().rstrip(".")]
            value, num_end = round(value * factor, 6), mult.end()
            value_max = round(value_max * factor, 6) if value_max is not None else None
            scaled.add(mult.start("m"))
        hit = unit_after(text, num_end, lex)
        unit_end = hit.end if hit else None
        owner = i
        if hit is None and mult is None:
            # "13 000 och 260 timmar", "40, 45 och 55 besökare per dag": the unit (and
            # the rate) written after the last figure serve each of them
            last = list_last(text, q, by_start)
            hit = unit_after(text, last.end, lex) if last is not None else None
            if hit is None:
                continue
            unit_end, owner = q.end, index_of[last.start]
        if hit is None:
            continue
        if q.is_article and not _has_per(text, hit.end, quantities, i):
            continue  # "en besökare": the article, unless a rate makes it a count
        if hit.text[:1].isupper() and _starts_line(text, q.start):
            continue  # a numbered heading or list item, "3 Grupper"
        per = rate(owner, hit)
        yield q.start, unit_end, {
            "value": value, "value_max": value_max, "unit": hit.unit,
            "unit_text": hit.text, "per": per,
        }
    yield from _named_first(text, lex, by_start)


def _named_first(text: str, lex: UnitLexicon, by_start: dict[int, Quantity]) -> Iterator[tuple[int, int, dict]]:
    for m in _ANTAL_RE.finditer(text):
        unit = lex.lookup(m["w"])
        q = by_start.get(m.end())
        if unit is None or q is None or q.words or q.value < 0:
            continue
        if q.value_max is None and q.value == int(q.value) and 1900 <= q.value <= 2100:
            continue  # "Antal besökare 2021 2022": a table's column of years
        if _WORD_RE.match(text, q.end) and lex.lookup(_WORD_RE.match(text, q.end)["w"].rstrip(".")):
            continue  # "antal platser 12 platser": the number has its own unit
        per = per_after(text, q.end, q.end + 40)
        yield m.start(), q.end, {
            "value": q.value, "value_max": q.value_max, "unit": unit, "unit_text": m["w"], "per": per,
        }


def _has_per(text: str, pos: int, quantities: list[Quantity], i: int) -> bool:
    nxt = quantities[i + 1].start if i + 1 < len(quantities) else len(text)
    return per_after(text, pos, min(nxt, pos + 40)) is not None


# what may stand before a heading's number on its line: other numbering ("2.1"), "§", or
# the "8" that OCR reads a "§" as ("8 8 Kontaktpersoner" for "§ 8 Kontaktpersoner")
_NUMBERING_ONLY = re.compile(r"[\s\d.§]*")


def _starts_line(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return _NUMBERING_ONLY.fullmatch(text, line_start, pos) is not None


def find_volumes(doc: Doc) -> list[Span]:
    taken = claimed_ranges(doc, ("dates", "identifiers", "amounts", "durations"))
    spans: list[Span] = []
    for start, end, norm in read_volumes(doc, taken):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or in_boilerplate(span):
            continue
        span._.norm = norm
        spans.append(span)
    return spans


@Language.factory("muni_volumes")
def make_volumes(nlp: Language, name: str):
    """Service and resource volumes; runs after amounts and durations, whose text it leaves alone."""

    def volumes(doc: Doc) -> Doc:
        doc.spans["volumes"] = find_volumes(doc)
        return doc

    return volumes
