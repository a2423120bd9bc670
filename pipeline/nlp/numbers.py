"""Swedish numbers as municipal documents write them, shared by amounts, volumes and durations.

One grammar, used three ways: ``NUMBER`` / ``QUANTITY`` are pattern sources that other
patterns embed, ``parse_number`` / ``parse_range`` turn a matched string into a value,
and ``find_quantities`` walks a text and yields every number or range with its offsets,
leaving out what only looks like a number (phone numbers, postcodes, organisation
numbers, clock times, dates, section and page references).

Written forms: ``1 827 000`` (space, NBSP or thin space between thousands),
``1.827.000``, ``2,5``, ``-28,8`` / ``−28,8``, ranges ``60-70``, ``6–8``, ``6 till 8``,
``mellan 60 och 70``, number words ``två`` ... ``nittio``, ``tjugofem``, ``hundra``,
``tusen``, halves (``en halv``, ``ett och ett halvt``) and doubled forms ``tre (3)``.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from spacy.tokens import Doc
from .layout import doc_text, in_boilerplate, sentence_starts
from .scan import Ranges, trie_alternation  # Ranges: amounts and durations import it from here

# --- digits ---------------------------------------------------------------------------
# Spaces a PDF or a word processor puts between thousands groups (never a line break:
# "2016\n500" is two numbers).
GROUP_SPACE = "[ \u00a0\u2009\u202f\u2007]"
_GROUPED = rf"\d{{1,3}}(?:{GROUP_SPACE}\d{{3}})+(?!\d)|\d{{1,3}}(?:\.\d{{3}})+(?!\d)"
DIGITS = rf"(?:{_GROUPED}|\d+)(?:,\d+)?"
SIGN = "[-\u2212]"
# A number made of digits, optionally signed; the sign is only a sign where no number
# stands right before it ("60-70" is a range).
NUMBER_DIGITS = rf"(?:(?<![\d\w]){SIGN})?{DIGITS}"

# --- words ----------------------------------------------------------------------------
ONES = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
    "åtta": 8, "nio": 9,
}
TEENS = {
    "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15,
    "sexton": 16, "sjutton": 17, "arton": 18, "aderton": 18, "nitton": 19,
}
TENS = {
    "tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "sextio": 60, "sjuttio": 70,
    "åttio": 80, "nittio": 90,
}


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_ONES_RE = _alt(ONES)
_BELOW100 = rf"(?:(?:{_alt(TENS)})(?:{_ONES_RE})?|{_alt(TEENS)}|{_ONES_RE})"
_BELOW1000 = rf"(?:(?:{_ONES_RE})?\s?hundra(?:och)?{_BELOW100}?|{_BELOW100})"
_WHOLE_WORDS = rf"(?:(?:{_BELOW1000}\s?)?tusen(?:\s?{_BELOW1000})?|{_BELOW1000})"
_HALF = r"(?:en|ett)\s+halv[ta]?"
# "en kvarts miljon", "trekvarts miljard": the genitive of "kvart" before what it counts
_QUARTER = r"(?:(?:en|ett)\s+kvarts|tre\s?kvarts)"
# the fractions first: "en halv miljon" is half a million, not "en" and a stray "halv"
NUMBER_WORDS = (
    rf"(?:{_HALF}|{_QUARTER}|halvannan|halvannat|{_WHOLE_WORDS}(?:\s+och\s+(?:{_HALF}|{_QUARTER}))?)"
)

# One number: digits, words, or the doubled legal form "tre (3)" / "3 (tre)".
NUMBER = (
    rf"(?:{NUMBER_WORDS}\s*\(\s*{DIGITS}\s*\)|{DIGITS}\s*\(\s*{NUMBER_WORDS}\s*\)"
    rf"|{NUMBER_DIGITS}|{NUMBER_WORDS})"
)
RANGE_SEP = r"(?:\s*[-\u2013\u2014]\s*|\s+(?:till|à)\s+)"
# A number or a range, as a pattern source others embed. Outside guards (what may not
# touch the match) are in ``quantity_re``.
QUANTITY = rf"(?:(?P<lo>{NUMBER}){RANGE_SEP}(?P<hi>{NUMBER})|(?P<one>{NUMBER}))"
_BEFORE = r"(?<![\w.,:/\u00a7-])"
# A money unit written against its figure ("690kr/tim", "25tkr", OCR's "1 000 000kr")
# ends the number; any other letter makes it part of a longer token.
_GLUED_MONEY = r"(?:kr|kronor|tkr|kkr|mkr|mnkr|mdkr|sek|tsek|ksek|msek)(?![a-zåäö])"
# not part of a longer token: "3.2", "12-stegsmodellen", "2019-01", "1976:580"
_AFTER = rf"(?!(?!{_GLUED_MONEY})[\w\u00a7%]|[.,:/]\d|-\w|\s*\u00a7)"


@functools.cache
def quantity_re() -> re.Pattern:
    """The whole grammar in one pattern: the reference the split forms below must agree
    with (compiled on demand: 55 ms that every worker's start would pay)."""
    return re.compile(rf"(?i){_BEFORE}{QUANTITY}{_AFTER}")


# Where a quantity can start: a digit, a sign, or the first letters of a number word.
# Trying the whole grammar only there is several times faster than letting it scan every
# position of a long document, with the same matches.
_STARTS = sorted({w[:3] for w in (*ONES, *TEENS, *TENS, "hundra", "tusen", "halv", "halvannan", "kvarts")})
QUANTITY_START_RE = re.compile(rf"(?i)(?<![\w.,:/\u00a7-])(?:[\d\-\u2212]|{trie_alternation(_STARTS)})")
# The grammar as it can match from a digit or sign, and from a letter: what cannot
# start there is left out of the first number, so that it is not tried and failed at
# every candidate (case-insensitive words do not fail fast). Same matches.
_FIRST_DIGITS = rf"(?:{DIGITS}\s*\(\s*{NUMBER_WORDS}\s*\)|{NUMBER_DIGITS})"
_FIRST_WORDS = rf"(?:{NUMBER_WORDS}\s*\(\s*{DIGITS}\s*\)|{NUMBER_WORDS})"


def _quantity_from(first: str) -> re.Pattern:
    return re.compile(
        rf"(?i){_BEFORE}(?:(?P<lo>{first}){RANGE_SEP}(?P<hi>{NUMBER})|(?P<one>{first})){_AFTER}"
    )


_FROM_DIGIT_RE, _FROM_WORD_RE = _quantity_from(_FIRST_DIGITS), _quantity_from(_FIRST_WORDS)
# "mellan 60 och 70": a range written with "och"
_MELLAN_RE = re.compile(rf"(?i)m(?<!\w.)ellan\s+(?P<lo>{NUMBER})\s+och\s+(?P<hi>{NUMBER}){_AFTER}")

_DOUBLED_RE = re.compile(rf"(?i)^(?P<a>.+?)\s*\(\s*(?P<b>[^()]+?)\s*\)$")
_DIGITS_RE = re.compile(rf"^(?P<sign>{SIGN})?(?P<body>{DIGITS})$")
_SPACE_RE = re.compile(GROUP_SPACE)


# A document repeats its figures ("1", "2024", "100 000"): each is read once.
@functools.lru_cache(maxsize=8192)
def parse_number(text: str) -> float | None:
    """The value of one Swedish number as written, or None if it is not one.

    >>> parse_number("1 827 000"), parse_number("2,5"), parse_number("tre (3)")
    (1827000.0, 2.5, 3.0)
    """
    s = " ".join(text.split()).strip()
    if not s:
        return None
    m = _DOUBLED_RE.match(s)
    if m:
        a, b = parse_number(m["a"]), parse_number(m["b"])
        # the digits are the binding figure in "tre (3)"; a mismatch is no doubled form
        if a is None or b is None:
            return None
        return b if _DIGITS_RE.match(m["b"].strip()) else a
    m = _DIGITS_RE.match(s)
    if m:
        body = _SPACE_RE.sub("", m["body"])
        whole = body.split(",")[0]
        if "." in whole:
            whole = whole.replace(".", "")
        if len(whole) > 1 and whole.startswith("0"):
            return None  # "013", "08": phone prefixes and clock hours, not quantities
        if len(whole) > 15:
            return None  # a run of digit groups (a table row read as one line), no figure
        frac = body.split(",")[1] if "," in body else ""
        value = float(f"{whole}.{frac}" if frac else whole)
        return -value if m["sign"] else value
    return _parse_words(s.lower())


def _parse_words(s: str) -> float | None:
    half = 0.0
    m = re.fullmatch(rf"(.+?)\s+och\s+({_HALF}|{_QUARTER})", s)
    if m:
        s, half = m.group(1), _fraction(m.group(2))
    if re.fullmatch(rf"{_HALF}|{_QUARTER}", s):
        return _fraction(s)
    if s in ("halvannan", "halvannat"):
        return 1.5
    s = s.replace(" ", "")
    if not _WHOLE_WORDS_RE.fullmatch(s):
        return None
    total = 0
    if "tusen" in s:
        head, _, s = s.partition("tusen")
        total += (_below_1000(head) if head else 1) * 1000
    if s:
        total += _below_1000(s)
    return float(total) + half


def _fraction(s: str) -> float:
    """"en halv" 0.5, "en kvarts" 0.25, "trekvarts" 0.75."""
    if "kvart" in s:
        return 0.75 if s.startswith("tre") else 0.25
    return 0.5


_WHOLE_WORDS_RE = re.compile(_WHOLE_WORDS)
# longest first, so "sjuttio" is not read as "sju" + "ttio"
_TENS_TEENS = tuple(sorted(t.items(), key=lambda kv: -len(kv[0])) for t in (TENS, TEENS))


def _below_1000(s: str) -> int:
    total = 0
    if "hundra" in s:
        head, _, s = s.partition("hundra")
        total += (ONES[head] if head else 1) * 100
        s = s.removeprefix("och")
    for table in _TENS_TEENS:
        for word, val in table:
            if s.startswith(word):
                total += val
                s = s[len(word):]
                break
    if s:
        total += ONES[s]
    return total


def parse_range(text: str) -> tuple[float, float | None] | None:
    """(low, high) of "60-70", "6 till 8", "mellan 6 och 8"; (value, None) for one number."""
    s = " ".join(text.split())
    m = _MELLAN_RE.fullmatch(s) or re.fullmatch(rf"(?i){QUANTITY}", s)
    if not m:
        return None
    if m.groupdict().get("one"):
        v = parse_number(m["one"])
        return None if v is None else (v, None)
    lo, hi = parse_number(m["lo"]), parse_number(m["hi"])
    if lo is None or hi is None:
        return None
    return lo, hi


# --- what only looks like a number -------------------------------------------------------
_NOT_QUANTITIES = re.compile(
    r"(?i)"
    # Every alternative starts at a digit, "+", "§" or a word's first letter: the
    # lookahead lets the engine pass over other positions without trying fourteen
    # alternatives at each (3.5 times faster over a document, same matches).
    r"(?=[\d+\u00a7]|\b[ksnarbpv]|(?-i:\b[A-ZÅÄÖ]))(?:"
    r"(?:\+46|(?<!\d)0(?=[1-9]))\d{1,3}\s?[-\u2013/]\s?\d{1,3}(?:[\s\u00a0]{1,2}\d{2,3}){0,3}(?!\d)"  # phone 013-20 60 00 (no area code begins 00)
    r"|(?<![\d-])\d{2,3}(?:[\s\u00a0]\d{2}){2,3}(?![\d\s]{0,12}(?:kr|kronor|sek|tkr|mkr|mnkr)\b)(?!\d)"  # 20 60 00 (rest of a phone)
    r"|(?<!\d)\d{6}-\d{4}(?!\d)"  # organisation / personal number
    r"|(?-i:(?:(?<=SE-)|(?<=S-)|(?<![\d,.]))\d{3}\s\d{2}(?=[ \t]+[A-ZÅÄÖ][a-zåäö]+))"  # postcode 581 81 Linköping
    r"|\b(?:kl\.?|klockan)\s*\d{1,2}(?:[.:]\d{2})?(?:\s*[-\u2013]\s*\d{1,2}(?:[.:]\d{2})?)?"  # kl 08.00 – 17.00
    r"|(?<![\d,.])\d{1,2}[.:]\d{2}(?:\s*[-\u2013]\s*\d{1,2}[.:]\d{2})?(?![\d,])"  # 13:30, 08.00-17.00
    r"|(?<!\d)(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)|(?<!\d)(?:19|20)\d{6}(?!\d)"  # dates
    r"|\u00a7\s*\d+(?:\s*(?:och|,)\s*\d+)*|\d+\s*(?:kap\.?\s*)?\u00a7|\bkap(?:itel)?\.?\s*\d+"  # § 83, 19 §, kap 14
    r"|(?:\bsida|\bsid\.|\bs\.)\s*\d+(?:\s*\(\d+\))?"  # page references "Sida 1 (4)", "s. 12"
    r"|\b(?:nr|nummer|avd|avdelning|rum|ruta|box|bilaga|punkt|paragraf|version|v)\.?\s*\d+"
    r"|\b(?:18|19|20)\d{2}\s*/\s*\d{2,4}\b"  # 2022/23, 2019/2020
    r"|(?-i:\b[A-ZÅÄÖ][a-zåäö]+(?:gatan|vägen|gränd|torget|allén|backen|stigen|leden)\s+\d+[A-Za-z]?\b)"  # street address
    r")", re.MULTILINE,
)


@dataclass(frozen=True)
class Quantity:
    """A number or range found in a text, with character offsets into that text."""

    start: int
    end: int
    value: float
    value_max: float | None
    text: str
    words: bool  # written in words (not digits): "tre", "en"
    lo_end: int  # end of the first number (a range's low end), for amounts that want both
    hi_start: int | None

    @property
    def is_article(self) -> bool:
        """'en' / 'ett' alone: usually the indefinite article, a count only in context."""
        return self.words and self.value_max is None and self.text.lower() in ("en", "ett")


def blocked_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges holding phone numbers, postcodes, clock times, dates, § refs ..."""
    return list(_blocked(text))


# Amounts, volumes and durations each read the same document's numbers: the scans are
# kept for the last few texts so that a document is scanned once, not three times.
@functools.lru_cache(maxsize=4)
def _blocked(text: str) -> tuple[tuple[int, int], ...]:
    """``_NOT_QUANTITIES.finditer(text)``, tried only where a match can start.

    Every match starts at a "+", a "§", the first digit of a run, or the word (led by
    a letter) that stands right before such a digit ("kl 8", "nr. 3", "Storgatan 5");
    only a match's own end can start another inside a run ("kl 123 §"). Trying the
    pattern at those few places finds what the scan of every position finds.
    """
    out = []
    end = 0
    for hit in _BLOCK_ANCHOR.finditer(text):
        pos = hit.start()
        if pos < end:
            continue
        for cand in (_word_before(text, pos), pos):
            if cand < end:
                continue
            m = _NOT_QUANTITIES.match(text, cand)
            while m is not None:
                out.append(m.span())
                end = m.end()
                m = _NOT_QUANTITIES.match(text, end)
    return tuple(out)


# a digit run, or a "+" or "§" alone; led by one class, so the engine skips to them
_BLOCK_ANCHOR = re.compile(r"[\d+\u00a7](?:(?<=\d)\d*)?")


def _word_before(text: str, pos: int) -> int:
    """Start of the letters before ``pos`` across spaces and one full stop, else -1."""
    j = pos
    while j and text[j - 1].isspace():
        j -= 1
    if j and text[j - 1] == ".":
        j -= 1
    k = j
    while k and text[k - 1].isalpha():
        k -= 1
    return k if k < j else -1


@functools.lru_cache(maxsize=4)
def _candidates(text: str) -> tuple[tuple[int, "Quantity | None"], ...]:
    mellan = {m.start("lo"): m for m in _MELLAN_RE.finditer(text)}
    out = []
    end = 0
    for c in QUANTITY_START_RE.finditer(text):
        pos = c.start()
        if pos < end:
            continue
        m = (_FROM_WORD_RE if text[pos].isalpha() else _FROM_DIGIT_RE).match(text, pos)
        if m is None:
            continue
        end = m.end()
        q = _to_quantity(mellan.get(m.start(), m))
        if q is None and m["hi"] is not None and _SPLIT_SEP_RE.fullmatch(text, m.end("lo"), m.start("hi")):
            # "ökade från 1,1 miljoner 2022 till 1,4 miljoner", "utfall 2024 -4,2 mnkr": a
            # falling "range" is two figures side by side; the second is read anew
            lo = parse_number(m["lo"])
            if lo is not None:
                s, e = m.span("lo")
                q = Quantity(s, e, lo, None, m["lo"], _is_words(m["lo"]), e, None)
                end = m.start("hi") - (1 if text[m.start("hi") - 1] in "-\u2212" else 0)
        out.append((m.start(), q))
    return tuple(out)


# what parts two figures that cannot be a range's ends: "till", or a sign set apart from
# the first figure and against the second ("2024 -4,2")
_SPLIT_SEP_RE = re.compile(r"(?i)\s+till\s+|\s+[-\u2212]")


def overlaps(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in ranges)


# Word wraps a line at the space between thousands groups: "21\n350 kr per plats",
# "2 150–2\n480 kr per dygn". A line break counts as that space only between a group of
# one to three digits that is not alone on its line (a page or list number) and exactly
# three digits followed by a money unit; "2016\n500" stays two numbers. Before any other
# word ("cirka 9\n400 assistanstimmar") only inside wrapped prose: a long line whose
# figure follows a word, as two figures seldom stand side by side in a sentence.
_WRAPPED_GROUP = re.compile(
    r"\n(?=\d{3}(?:,\d+)?[ \u00a0]?(?:kr|kronor|sek|tkr|mkr|mnkr|msek|:-)(?![a-zåäö])|(?P<word>\d{3}[ \u00a0]+(?-i:[a-zåäö]{3})))",
    re.IGNORECASE,
)
_LINE_END_GROUP = re.compile(r"(?:^|[^\d,.:/\n])(\d{1,3})$")
_PROSE_END_GROUP = re.compile(r"[a-zåäö]{2}[ \u00a0](\d{1,3})$")
_PROSE_LINE = 50  # characters: a line this long was wrapped by the layout, not ended


@functools.lru_cache(maxsize=4)
def joined_groups(text: str) -> str:
    """``text`` with the line breaks inside wrapped money figures read as group spaces
    (same length, so offsets hold)."""
    if "\n" not in text:
        return text
    chars = None
    for m in _WRAPPED_GROUP.finditer(text):
        i = m.start()
        line_start = text.rfind("\n", 0, i) + 1
        if m["word"]:
            g = _PROSE_END_GROUP.search(text, max(line_start, i - 6), i)
            if g is None or i - line_start < _PROSE_LINE:
                continue
        else:
            g = _LINE_END_GROUP.search(text, max(line_start, i - 5), i)
        if g is None or not text[line_start : g.start(1)].strip():
            continue
        if chars is None:
            chars = list(text)
        chars[i] = " "
    return text if chars is None else "".join(chars)


def find_quantities(text: str, blocked: Sequence[tuple[int, int]] | None = None) -> Iterator[Quantity]:
    """Every number or range in ``text`` that is not part of a phone number, date, § ..."""
    index = Ranges(_blocked(text) if blocked is None else blocked)
    pos = 0
    for start, q in _candidates(joined_groups(text)):
        if start < pos:
            continue
        if q is None:  # "013-20", "08 – 17": a code or opening hours, not a quantity
            continue
        if index.overlaps(q.start, q.end):
            continue
        pos = q.end
        yield q


# what joins figures that share the unit written after the last one
COORD_RE = re.compile(r"(?i)[ \t\u00a0]+(?:och|eller|respektive|resp\.)[ \t\u00a0]+")
_LIST_COMMA_RE = re.compile(r"[ \t\u00a0]*,[ \t\u00a0]+")  # "1,5" is a decimal: a space follows
MAX_LISTED = 8


def list_last(text: str, q: Quantity, by_start: dict[int, Quantity]) -> Quantity | None:
    """The last figure of the list that ``q`` stands in before its end, when the figures
    share one unit written after that last one: "40 och 55 besökare", "120, 140
    respektive 160 personer" (the last for 120 and for 140). Figures of one kind only
    (digits or words); commas alone make no list ("tabell 3, 14 personer"): the last
    join is a conjunction."""
    cur = q
    for _ in range(MAX_LISTED):
        c = COORD_RE.match(text, cur.end)
        if c is not None:
            nxt = by_start.get(c.end())
            return nxt if nxt is not None and nxt.words == q.words else None
        c = _LIST_COMMA_RE.match(text, cur.end)
        nxt = by_start.get(c.end()) if c else None
        if nxt is None or nxt.words != q.words:
            return None
        cur = nxt
    return None


# a year said as a point in time before "till": the end of "i december 2022 till 17 412"
_TIME_YEAR_BEFORE = re.compile(
    r"(?i)(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    r"\bår|\båret|våren|hösten|sommaren|vintern|\bslutet\s+av|"
    # a verb of a level or its change: "uppgick 2024 till 2 184 mnkr", "ökade 2023 till ..."
    r"\buppg(?:ick|år|ått|å)|\bök(?:ade|at|te)|\bminsk(?:ade|at)|\bsteg|\bstigit|\bsjönk|\bsjunkit|"
    r"\blandade|\bhamnade)\s+$"
)


# a change verb and its "med": "ökade med", "har minskat med", "sänks med", "växer med"
_CHANGE_BY_RE = re.compile(
    r"(?i)(?:ök|minsk|sjunk|sjönk|sjunkit|stig|steg|höj|sänk|väx|växt|reducer|förändr|förbättr|försämr|"
    r"justera|räknas\s+upp|skrivs\s+upp|skrivs\s+ned|gått\s+(?:upp|ned|ner)|går\s+(?:upp|ned|ner))[a-zåäö]*"
    r"(?:\s+[a-zåäö]+){0,3}\s+med\s+(?:(?:ca|cirka|drygt|knappt|nästan|omkring|runt)\.?\s+)?$"
)


def _to_quantity(m: re.Match) -> Quantity | None:
    g = m.groupdict()
    if g.get("one") is not None:
        v = parse_number(g["one"])
        if v is None:
            return None
        s, e = m.span("one")
        return Quantity(s, e, v, None, m["one"], _is_words(m["one"]), e, None)
    lo, hi = parse_number(g["lo"]), parse_number(g["hi"])
    if lo is None or hi is None:
        return None
    if hi <= lo:  # "5-3", "2-2": a score or a code, not a range
        return None
    if hi >= 2 * lo and "till" in m.string[m.end("lo") : m.start("hi")].lower() and _CHANGE_BY_RE.search(
        m.string, max(0, m.start("lo") - 50), m.start("lo")
    ):
        # "har minskat med 22 till 2 940 årsarbetare": after a change verb "med" gives
        # the change and "till" the new level, two figures (read apart by the caller);
        # a level of the change's own size ("ökar med 2 till 3 mnkr") stays a range
        return None
    if _TIME_YEAR_BEFORE.search(m.string, max(0, m.start("lo") - 16), m.start("lo")) and re.fullmatch(
        r"(?:19|20)\d{2}", g["lo"]
    ) and "till" in m.string[m.end("lo") : m.start("hi")].lower():
        # "uppgick i december 2022 till 17 412 personer": a point in time, then the figure
        s, e = m.span("hi")
        return Quantity(s, e, hi, None, g["hi"], _is_words(g["hi"]), e, None)
    s, e = m.start("lo"), m.end("hi")
    return Quantity(s, e, lo, hi, m.string[s:e], _is_words(g["lo"]), m.end("lo"), m.start("hi"))


def _is_words(s: str) -> bool:
    return not any(map(str.isdigit, s))


def significant_integer_digits(value: float) -> int:
    """Digits of the integer part without trailing zeros: 3 747 552 -> 7, 55 000 -> 2."""
    whole = str(int(abs(value))).rstrip("0")
    return len(whole)


# --- span helpers shared by the quantity components ---------------------------------------
CLAIMING_GROUPS = ("dates", "identifiers")


def claimed_ranges(doc: Doc, groups: Iterable[str] = CLAIMING_GROUPS) -> list[tuple[int, int]]:
    """Text already taken by components that ran before (a date is no amount)."""
    return [(s.start_char, s.end_char) for g in groups for s in doc.spans.get(g, [])]


# A list item or a blank line ends a statement even where the sentence splitter ran on.
_ITEM_BREAK = re.compile(r"\n[ \t]*(?:\n|[-\u2013\u2022*\uf0b7\u25cf]\s|\d{1,2}[.)]\s|[a-z][.)]\s)")


STATEMENT_REACH = 1000


def placed_spans(doc: Doc, candidates: Iterable[tuple]) -> Iterator[tuple[Span, tuple]]:
    """(span, candidate) for candidates ``(start, end, ...)`` in text order, leaving out
    one that overlaps a span already placed (a table cell read twice), does not fall on
    tokens, or stands in a running header or footer."""
    last_end = -1
    for cand in sorted(candidates, key=lambda c: (c[0], c[1])):
        start, end = cand[0], cand[1]
        if start < last_end:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or in_boilerplate(span):
            continue
        last_end = end
        yield span, cand


class Sentences:
    """Sentence bounds of one Doc by character offset.

    Built once per component call: ``span.sent`` walks the whole document each time,
    which costs seconds on a long report. Without sentence annotation (a component
    run on its own) blank lines and full stops mark the bounds.
    """

    def __init__(self, doc: Doc):
        self.text = doc_text(doc)
        self.starts = sentence_starts(doc) if doc.has_annotation("SENT_START") else None

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        if self.starts:
            i = max(0, bisect.bisect_right(self.starts, start) - 1)
            j = bisect.bisect_left(self.starts, max(end, start + 1))
            s = self.starts[i]
            e = self.starts[j] if j < len(self.starts) else len(text)
            while e > s and text[e - 1].isspace():
                e -= 1
            return s, max(e, min(end, len(text)))
        s = max(text.rfind("\n\n", 0, start), _last_stop(text, start))
        end_nl = text.find("\n\n", end)
        e = min(x for x in (end_nl, _next_stop(text, end), len(text)) if x >= 0)
        return (s + 1 if s >= 0 else 0), e

    def statement(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around ``start``-``end``, cut at list items and blank lines.

        A "sentence" longer than a few hundred words is a table or a list run together:
        it is cut to ``STATEMENT_REACH`` characters on either side.
        """
        s, e = self.sentence(start, end)
        s, e = max(s, start - STATEMENT_REACH), min(e, end + STATEMENT_REACH)
        for m in _ITEM_BREAK.finditer(self.text, s, e):
            if m.start() < start:
                s = m.start() + 1
            elif m.start() >= end:
                e = m.start()
                break
        return s, e


_STOP = re.compile(r"[.!?](?=\s+[A-ZÅÄÖ0-9])")


def _last_stop(text: str, pos: int) -> int:
    last = -1
    for m in _STOP.finditer(text, max(0, pos - 400), pos):
        last = m.end()
    return last


def _next_stop(text: str, pos: int) -> int:
    m = _STOP.search(text, pos)
    return m.end() if m else -1
