"""Money: amounts in Swedish kronor, normalised to kronor (``doc.spans["amounts"]``).

A number counts as money when a currency unit follows it (``kr``, ``kronor``, ``SEK``,
``tkr``, ``mnkr``, ``miljoner kronor``, ``500:-`` ...) or, inside a table, when the
table says its figures are kronor. ``span._.norm`` holds ``amount_sek``, ``period``
(year / month / total / None), ``price_year`` and ``flags``.
"""
from __future__ import annotations

import re
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from .layout import doc_text, section_bounds
from .numbers import (
    NUMBER_DIGITS,
    Ranges,
    Sentences,
    blocked_ranges,
    claimed_ranges,
    find_quantities,
    MAX_LISTED,
    list_last,
    parse_number,
    significant_integer_digits,
    placed_spans,
)

_KR = r"(?:kronor|kronors|krona|kr(?![a-zåäö])\.?|sek(?![a-zåäö]))"
# Unit right after the number; group name = multiplier. "miljoner" alone needs money
# around it ("bare_*"), since "3 miljoner invånare" is no amount.
UNIT_RE = re.compile(
    # "1 827 000 (en miljon åttahundratjugosjutusen) kronor": the figure spelled out between
    r"(?i)[ \t\u00a0]*\n?[ \t]*(?:\([^()\n]{1,80}\)[ \t\u00a0]*\n?[ \t]*)?(?:"
    rf"(?P<bn>miljard(?:er)?\s+{_KR}|md\.?\s?kr(?![a-zåäö])|mdr\.?\s?kr(?![a-zåäö])|mrd\.?\s?kr(?![a-zåäö])|mdkr)"
    rf"|(?P<mn>miljon(?:er)?\s+{_KR}|milj(?:\.|oner)?\s?{_KR}|mn\.?\s?kr(?![a-zåäö])|mnkr|mkr|msek|mn\s?sek)"
    rf"|(?P<k>tusen\s+{_KR}|tkr|kkr|tsek|ksek)"
    r"|(?P<bare_bn>miljard(?:er)?(?![a-zåäö]))"
    r"|(?P<bare_mn>miljon(?:er)?(?![a-zåäö]))"
    rf"|(?P<one>{_KR}|:-+|:\u2013)"
    r")"
)
MULTIPLIER = {"bn": 1e9, "mn": 1e6, "k": 1e3, "one": 1.0, "bare_bn": 1e9, "bare_mn": 1e6}
# "SEK 500 000", "kr 28 500", "kr. 45 000": currency before the figure, unless a figure
# stands right before it: in "1 500 kr 2022" it is the unit of that figure.
# "tkr 350", "mnkr 2,5": a multiplying unit stands before its figure the same way.
PREFIX_RE = re.compile(
    r"(?i)(?<!\d[ \t\u00a0])(?<![\w])(?:(?P<k>tkr|tsek|ksek)|(?P<mn>mnkr|mkr|msek)|(?P<one>sek|kr\.?))[ \t\u00a0]*$"
)
# Money words, also inside compounds ("statsbidraget", "driftskostnaden")
MONEY_WORDS = re.compile(
    r"(?i)(?:\bkr\b|kronor|\bsek\b|kostnad|kostar|budget|ersättning|intäkt|anslag|\bmedel\b|"
    r"belopp|pris|underskott|överskott|resultat|investering|bidrag|avgift|\blön|omsättning|utgift|skuld)"
)

# Rates: the amount is per hour / day / person, not per year or month.
RATE_RE = re.compile(
    r"(?i)^\s*(?:/|per\s+|i\s+|om\s+)\s*(?:timme[n]?|tim\b|h\b|dygn(?:et)?|vårddygn|dag(?:en)?|"
    r"natt|person|individ|brukare|plats|besök|deltagare|elev|barn|kvm|m2|m²|kvadratmeter|km|mil|st\b|styck|"
    r"invånare|insats|ärende|tillfälle|gång|vecka|veckan|enhet|lägenhet|portion|måltid)"
)
YEAR_AFTER = re.compile(r"(?i)^\s*(?:(?:/|per\s+|om\s+|i\s+)(?:år(?:et)?|helår|kalenderår)\b|årligen|/år\b)")
MONTH_AFTER = re.compile(r"(?i)^\s*(?:(?:/|per\s+|om\s+|i\s+)(?:månad(?:en)?|mån\.?)(?![a-zåäö])|månadsvis|månatligen)")
# "under avtalsperioden", "för hela avtalstiden": the sum over the whole contract
TOTAL_AFTER = re.compile(
    r"(?i)^\s*(?:totalt|sammanlagt|(?:\w+\s+){0,2}(?:hela\s+(?:(?:avtals|kontrakts|uppdrags|projekt)?(?:perioden|tiden)|"
    r"uppdraget|avtalet|kontraktet|projektet)"
    r"|(?:avtals|kontrakts|uppdrags|projekt)(?:perioden|tiden)))"
)
YEAR_BEFORE = re.compile(
    r"(?i)(?:\bårlig(?:a|t|en)?\b|\bårs(?:kostnad|belopp|ersättning|budget|hyra|avgift)\w*|"
    # not "helårsprognosen": a forecast of the year's outcome, no yearly sum
    r"\bhelårs(?!prognos)\w*|\bper\s+år\b|\bårligen\b|\bvarje\s+år\b|\bom\s+året\b)"
)
MONTH_BEFORE = re.compile(
    r"(?i)(?:\bmånatlig\w*|\bmånads(?:kostnad|belopp|ersättning|hyra|avgift)\w*|\bper\s+månad\b|\bvarje\s+månad\b|\bi\s+månaden\b)"
)
# "totalt", "sammanlagt", "totalkostnaden". Not "engångskostnad": a sum paid once is
# neither recurring nor a sum over a period. Nor "en total driftram", "den totala
# budgeten": a frame or budget is all boards' (or posts') allotment for its budget
# year, "total" says whose it is, not that it sums a contract's period.
TOTAL_BEFORE = re.compile(
    r"(?i)(?:\btotal(?:t|kostnad\w*|belopp\w*|summa\w*|(?:a)?(?![ \t\u00a0\n]+[a-zåäö]*(?:ram|budget|anslag)))\b|\bsammanlagt\b|\bsammanlagd\w*|"
    r"\bhela\s+(?:avtals|kontrakts|uppdrags)?perioden\b|"
    # "takpris för hela uppdraget", "ersättningen för förlängningsperioden"
    r"\bhela\s+(?:uppdraget|avtalet|kontraktet|projektet)\b|"
    # "värdet under förlängningen", "för hela optionsperioden": the sum over that term
    r"\b(?:för|under)\s+(?:den\s+|hela\s+)?(?:(?:avtals|kontrakts|uppdrags|förlängnings|options)(?:perioden|tiden)|"
    r"förlängningen|förlängningsåren)\b)"
)
# "under 2024", "för år 2023": a sum kept within one calendar year is that year's
# outcome, not the total of a contract or project ("under 2023–2025" is a period)
ONE_YEAR_RE = re.compile(r"(?i)\b(?:under|för|år|i)\s+(?:år\s+)?(?:19|20)\d{2}\b(?!\s*[-\u2013/]\s*\d|\s+års\b)")
# "i 2021 års pris", "2017 års prisnivå", "2021 års pris- och lönenivå", "prisnivå 2021"
PRICE_YEAR_RE = re.compile(
    r"(?i)\b(?P<a>(?:19|20)\d{2})\s+års\s+(?:pris|prisnivå|prisläge|priser|penningvärde|"
    r"kostnadsnivå|löne|nivå|pl\b)"
    r"|\b(?:prisnivå|prisläge|penningvärde|prisbas)(?:n|t)?\s+(?:[a-zåäö]+\s+)?(?P<b>(?:19|20)\d{2})\b"
    r"|\(\s*(?:pl|prisnivå)\s+(?P<c>(?:19|20)\d{2})\s*\)"
)
MONEY_FIGURE_RE = re.compile(r"(?i)\d\s*(?:kr(?![a-zåäö])|kronor|sek\b|tkr|mkr|mnkr|msek|miljon|miljard|:-)")
# A table's own statement that its figures are money: "Belopp (tkr)", "Tkr", "kronor"
TABLE_UNIT_RE = re.compile(r"(?i)(?<![a-zåäö])(?P<u>mnkr|mkr|msek|tkr|tsek|kronor|kr|sek)(?![a-zåäö])")
TABLE_LINE_RE = re.compile(r"[|\t]")
_CELL_NUMBER_RE = re.compile(rf"^\s*(?P<p>\()?(?P<n>{NUMBER_DIGITS})(?(p)\))\s*$")
_SPAN_LIMIT = 80  # how far (characters) before an amount a period cue may stand
_PRICE_YEAR_REACH = 300


def _unit(m: re.Match) -> tuple[str, float]:
    name = next(k for k, v in m.groupdict().items() if v is not None)
    return name, MULTIPLIER[name]


def read_amounts(doc: Doc, sents: Sentences) -> Iterator[tuple[int, int, dict]]:
    """(start_char, end_char, norm) for every money amount in the document text."""
    text = sents.text
    blocked = blocked_ranges(text) + claimed_ranges(doc)
    quantities = list(find_quantities(text, blocked))
    by_start = {q.start: q for q in quantities}
    for q in quantities:
        m = UNIT_RE.match(text, q.end)
        unit_end = m.end() if m else q.end
        if m is None and not q.words and not _is_year(q):
            # "500 respektive 600 kronor", "400, 450 och 500 kr": the unit of the last serves each
            last = list_last(text, q, by_start)
            m = UNIT_RE.match(text, last.end) if last is not None else None
        prefix = None if m is not None or q.words or _is_year(q) else PREFIX_RE.search(text, max(0, q.start - 8), q.start)
        if m is None and prefix is None:
            continue
        name, mult = _unit(m or prefix)
        if name.startswith("bare_") and not MONEY_WORDS.search(text, *sents.statement(q.start, unit_end)):
            continue
        if q.value_max is None:
            figures = [(q.start, unit_end, q.value)]
        else:  # "från 58 800 till 59 200 kronor": both ends are amounts
            figures = [(q.start, q.lo_end, q.value), (q.hi_start, unit_end, q.value_max)]
        # "från 28,4 mnkr till 33,7 mnkr per år", "500 respektive 600 kronor per månad":
        # a period written after the last of coordinated amounts belongs to each of them
        own_end = m.end() if m else unit_end  # a borrowed unit ends after the next figure
        period_at = _coordinated_end(text, own_end, by_start) or own_end
        for start, end, value in figures:
            amount, flags = _kronor(value, mult, q.words)
            yield start, end, {"amount_sek": amount, "unit_end": max(unit_end, period_at), "flags": flags}
    index = Ranges(blocked)
    yield from _table_amounts(text, index)
    yield from layout_table_amounts(text, index)


SHARE_RE = re.compile(r"(?i)[ \t\u00a0]+(?:och|eller|respektive|resp\.|till)[ \t\u00a0]+")


_SHARE_COMMA_RE = re.compile(r"[ \t\u00a0]*,[ \t\u00a0]+")


def _coordinated_end(text: str, pos: int, by_start: dict) -> int | None:
    """End of the money unit of the last amount coordinated with the one ending at
    ``pos`` ("12 000 kr, 13 000 kr och 14 000 kr per månad"); commas alone make no
    list, the last join is a conjunction."""
    for _ in range(MAX_LISTED):
        c = SHARE_RE.match(text, pos)
        last = c is not None
        c = c or _SHARE_COMMA_RE.match(text, pos)
        nxt = by_start.get(c.end()) if c else None
        if nxt is None or nxt.words:
            return None
        m = UNIT_RE.match(text, nxt.end)
        if m is None:
            return None
        if last:
            return m.end()
        pos = m.end()
    return None


def _is_year(q) -> bool:
    return q.value_max is None and q.value == int(q.value) and 1900 <= q.value <= 2100


# Half a trillion kronor: several times a large region's yearly costs (Region
# Stockholm's are about 120 000 mnkr), a third of the state budget.
SUSPECT_ABOVE = 5e11


def _kronor(value: float, mult: float, words: bool) -> tuple[float, list[str]]:
    """Kronor from a figure and its unit's multiplier, with the absurd-unit check.

    "3 747 552 mnkr" for one day centre is kronor with a wrong unit: a figure written to
    five or more significant whole digits is not a count of millions, unless it is one
    a region or the state can hold ("72 849 miljoner kronor", "110 486 mnkr"). Above
    ``SUSPECT_ABOVE`` kronor no municipal or regional matter is that large.
    """
    if (
        mult >= 1e6 and not words and value == int(value) and significant_integer_digits(value) >= 5
        and value * mult > SUSPECT_ABOVE
    ):
        return float(value), ["unit_suspect"]
    return round(value * mult, 2), []


def _table_amounts(text: str, blocked) -> Iterator[tuple[int, int, dict]]:
    """Bare figures in tables whose header (or caption just above) says kronor."""
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    i = 0
    while i < len(lines):
        if not TABLE_LINE_RE.search(lines[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and TABLE_LINE_RE.search(lines[j]):
            j += 1
        header = "\n".join(lines[max(0, i - 2) : i + 1])
        unit = TABLE_UNIT_RE.search(header)
        if unit is not None and j - i >= 2:
            mult = {"mnkr": 1e6, "mkr": 1e6, "msek": 1e6, "tkr": 1e3, "tsek": 1e3}.get(unit["u"].lower(), 1.0)
            for k in range(i + 1, j):
                yield from _row_amounts(lines[k], offsets[k], mult, blocked)
        i = j


def _row_amounts(line: str, base: int, mult: float, blocked) -> Iterator[tuple[int, int, dict]]:
    cells = re.split(r"([|\t])", line)
    pos = 0
    first = True
    for cell in cells:
        start = pos
        pos += len(cell)
        if cell in ("|", "\t") or not cell.strip():
            continue
        if first:  # the row's label
            first = False
            continue
        m = _CELL_NUMBER_RE.match(cell)
        if not m:
            continue
        value = parse_number(m["n"])
        if value is not None and m["p"]:
            value = -value  # "(1 204)": a negative figure, as accounts write it
        s, e = base + start + m.start("n"), base + start + m.end("n")
        if value is None or blocked.overlaps(s, e):
            continue
        amount, flags = _kronor(value, mult, False)
        yield s, e, {"amount_sek": amount, "unit_end": e, "flags": flags, "table": True}


# "kr per plats och månad", "kr per person och år": a rate that is also given per
# month or year takes that period ("kr per dygn och plats" stays a rate)
RATE_PERIOD_RE = re.compile(
    # not an area: "kr per kvm och år" is a rent's rate, as "kr/m² och år"; nor a head of
    # the population: "kr/invånare och år", "kr per kommuninvånare och år" is a capitation
    # rate (as "kr per listad invånare och år"), not a yearly sum
    r"(?i)^\s*(?:/|per\s+)(?!kvm\b|m2\b|kvadratmeter\b|[a-zåäö]*invånare\b|capita\b)[a-zåäö]+\s+(?:och|/)\s+(?:(?P<year>år(?:et)?)|(?P<month>månad(?:en)?|mån\.?))(?![a-zåäö])"
)


# --- tables laid out with spaces ------------------------------------------------------
# A Word table without rules reaches the text layer as lines of a label and figures
# with one space between cells, the same space that groups thousands: "Barn och unga
# 412 300 424 900 -12 600". Such figures count when a line just above declares the
# table's unit ("Tabell 1. Kostnader (tkr)", "Belopp i mnkr", "Tkr Budget Utfall"), and
# each row's digit groups are shared out into the table's number of columns.
LAYOUT_UNIT_RE = re.compile(
    r"(?i)(?<!\d[ \u00a0])(?<![a-zåäö\d])(?:(?P<m>mnkr|mkr|msek|miljoner\s+kronor)|"
    r"(?P<k>tkr|tsek|ksek|tusen(?:tal|tals)?\s+(?:kr|kronor))|(?P<one>kronor|kr|sek))(?![a-zåäö])"
)
_UNIT_LETTERS = re.compile(r"kr|Kr|KR|sek|Sek|SEK")
# A column of counts makes the table not (only) money: "Antal platser", "Årsarbetare"
COUNT_HEADER_RE = re.compile(
    r"(?i)\b(?:antal|st|årsarbetare|timmar|platser|personer|elever|invånare|ärenden|besök)\b"
)
NOTE_HEADER_RE = re.compile(r"(?<![\w])Not(?:er)?(?![\w])")
_CELL_RE = re.compile(r"(?P<sign>[-\u2013\u2212+])?(?P<int>\d+)(?P<frac>,\d+)?(?P<pct>%)?")
# a figure in parentheses is negative (Swedish accounting: "(0,9)", "(1 204)" in a table
# of Mkr or tkr); its parentheses may hold several digit groups: "(1" ... "204)"
_PAREN_CELL_RE = re.compile(r"(?P<open>\()?(?P<int>\d+)(?P<frac>,\d+)?(?P<close>\))?")
_SIGN_CELL = {"-", "\u2013", "\u2212"}
_MAX_LABEL_WORDS = 8
_MAX_HEADER_LINES = 12
# Digit groups a cell can hold: a kronor table's 999 999 999, a tkr table's 999 999
# (a billion kronor, more than most boards' budgets; larger sums are written in mnkr).
# Longer runs are two cells: "4 500 4 380 120" tkr is 4 500, 4 380 and 120.


def _line_cells(line: str) -> tuple[int, list[tuple[int, int, str]]]:
    """(where the label ends, [(start, end, kind)]): the run of figures that ends the
    line, read from the right. ``kind`` is "num", "sign", "pct" or "year"."""
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", line)]
    cells: list[tuple[int, int, str]] = []
    i = len(tokens)
    while i > 0:
        s, e, tok = tokens[i - 1]
        if tok in _SIGN_CELL:
            kind = "sign"
        elif tok == "%":
            kind = "pct"
        else:
            m = _CELL_RE.fullmatch(tok)
            if m is None:
                p = _PAREN_CELL_RE.fullmatch(tok) if "(" in tok or ")" in tok else None
                if p is None or not _paren_closes(tokens, i - 1, p):
                    break
                cells.append((s, e, "num"))
                i -= 1
                continue
            if m["pct"]:
                kind = "pct"
            elif not m["sign"] and not m["frac"] and len(m["int"]) == 4 and 1900 <= int(m["int"]) <= 2100:
                kind = "year"
            else:
                kind = "num"
        cells.append((s, e, kind))
        i -= 1
    cells.reverse()
    return (tokens[i - 1][1] if i else 0), cells


def _paren_closes(tokens, k: int, p: re.Match) -> bool:
    """Whether the parenthesised figure token ``tokens[k]`` is one of a whole figure in
    parentheses: "(0,9)" alone, or "(1" ... "204)" across digit groups."""
    if p["open"] and p["close"]:
        return True
    if p["close"]:  # "204)": an opening "(1" before it, over whole groups
        for j in range(k - 1, max(-1, k - _CELL_GROUPS), -1):
            t = tokens[j][2]
            if re.fullmatch(r"\(\d{1,3}", t):
                return True
            if not re.fullmatch(r"\d{3}", t):
                return False
        return False
    if p["open"]:  # "(1": a closing "204)" after it, over whole groups
        for j in range(k + 1, min(len(tokens), k + _CELL_GROUPS)):
            t = tokens[j][2]
            if re.fullmatch(r"\d{3}(?:,\d+)?\)", t):
                return True
            if not re.fullmatch(r"\d{3}", t):
                return False
    return False


def _row_groups(line: str, cells: list[tuple[int, int, str]], dash_empty: bool = False) -> list[list[tuple[int, int, str]]]:
    """The row's figures as runs that no number can cross: a sign, a percentage, a year
    or an empty cell ("–") ends one. Each item is (start, end, token) with its sign.
    With ``dash_empty`` a dash set apart before a figure is an empty cell (a run of one
    token "") rather than that figure's minus: "Föreningen X - 98 000"."""
    runs: list[list[tuple[int, int, str]]] = [[]]
    sign_at = None
    prev_end = None
    for k, (s, e, kind) in enumerate(cells):
        nxt = cells[k + 1] if k + 1 < len(cells) else None
        tok = line[s:e]
        if prev_end is not None and s - prev_end >= 2 and runs[-1] and sign_at is None:
            runs.append([])  # a wide space is a column gap: no number runs across it
        prev_end = e
        if kind == "num" and (tok[0] == "(" or tok[-1] == ")"):
            # a figure in parentheses is a negative cell of its own: "(0,9)", "(1 204)"
            if tok[0] == "(":
                if runs[-1]:
                    runs.append([])
                tok = "-" + tok[1:]
            tok = tok.rstrip(")")
            runs[-1].append((s, e, tok))
            if line[e - 1] == ")":
                runs.append([])
            sign_at = None
            continue
        if kind == "num" and nxt is not None and line[nxt[0] : nxt[1]] == "%":
            kind = "pct"  # "3,7 %"
        if kind != "num":
            runs.append([])
            # "– 1 329,0": a minus set apart from its figure; before anything else a
            # dash is an empty cell
            nxt_tok = line[nxt[0] : nxt[1]] if nxt is not None else ""
            # (a dash apart from the next figure by a column gap is an empty cell: "-      0,8")
            sign_at = (
                s if kind == "sign" and nxt is not None and nxt[2] == "num" and nxt_tok[0].isdigit()
                and nxt[0] - e < 2 else None
            )
            if dash_empty and kind == "sign":
                runs[-1:] = [[(s, e, "")], []]
                sign_at = None
            continue
        if sign_at is not None:
            runs[-1].append((sign_at, e, "-" + tok))
            sign_at = None
        else:
            runs[-1].append((s, e, tok))
    return [r for r in runs if r]


def _fits(tokens: list[str], i: int, j: int, max_groups: int) -> bool:
    """Can tokens[i:j] be one Swedish number ("412 300", "1 042,8")?"""
    head = tokens[i].lstrip("-+\u2013")
    if len(head.split(",")[0]) > 1 and head.startswith("0"):
        return False  # "000", "050": a thousands group, never a figure's start
    if j - i == 1:
        return True
    if j - i > max_groups:
        return False
    if "," in head or not 1 <= len(head) <= 3:
        return False
    for t in tokens[i + 1 : j - 1]:
        if len(t) != 3 or not t.isdigit():
            return False
    last = tokens[j - 1]
    whole = last.split(",")[0]
    return len(whole) == 3 and whole.isdigit()


def _splits(run: list[str], max_groups: int) -> dict[int, tuple[int, list[int]]]:
    """For each possible count of numbers in ``run``, (cost, cut points) of the best
    split: groups shared evenly ("412 300 424 900" is 412 300 and 424 900), then the
    longer number first."""
    n = len(run)
    # best[i][c]: (cost, cuts) for run[i:] read as c numbers
    best: list[dict[int, tuple[int, list[int]]]] = [dict() for _ in range(n + 1)]
    best[n][0] = (0, [])
    for i in range(n - 1, -1, -1):
        for j in range(i + 1, min(n, i + max_groups) + 1):
            if not _fits(run, i, j, max_groups):
                continue
            g = j - i
            for c, (cost, cuts) in best[j].items():
                # uneven groups cost most; a long number with more numbers after it
                # costs a little less (of "11 900 445" as two, 11 900 and 445)
                cand = (cost + 1000 * g * g - c * g, [j] + cuts)
                if c + 1 not in best[i] or cand[0] < best[i][c + 1][0]:
                    best[i][c + 1] = cand
    return best[0]


def _row_options(runs: list[list[tuple[int, int, str]]], max_groups: int, line: str = "") -> list[dict]:
    return [_run_options(run, max_groups, line) for run in runs]


PAGE_MARK_RE = re.compile(r"(?i)^\s*(?:sida|sid\.?|s\.)\s*\d+\s*(?:av|/|\()\s*\d+\)?\s*$")
_WIDE_FIGURES = re.compile(r"\d[ \t\u00a0]{2,}[-\u2013\u2212+]?\d")
_CELL_GROUPS = 4  # one cell set apart by wide spaces: "-1 204 800" tkr, "12 410 500" kr


def _run_options(run: list[tuple[int, int, str]], max_groups: int, line: str) -> dict:
    """Where a run stands alone between column gaps (wide spaces, or the row's ends),
    the columns are as the layout shows them: a run that reads as one number is one
    cell, however large ("-1 204 800" tkr); else the groups are shared out."""
    tokens = [t for _, _, t in run]
    if line and _alone(run, line) and _fits(tokens, 0, len(tokens), _CELL_GROUPS):
        return {1: (0, [len(tokens)])}
    return _splits(tokens, max_groups)


def _alone(run: list[tuple[int, int, str]], line: str) -> bool:
    before = line[: run[0][0]]
    after = line[run[-1][1] :]
    gap_before = len(before) - len(before.rstrip())
    return gap_before >= 2 and (not after.strip() or len(after) - len(after.lstrip()) >= 2)


def _least(row) -> int:
    return sum(min(o) for o in row[1])


def _most(row) -> int:
    return sum(max(o) for o in row[1])


def _row_values(runs, options, target: int) -> list[tuple[int, int, float]]:
    """Numbers of one row read as ``target`` values (or as near as the row allows): the
    split of all its runs together that shares the digit groups most evenly."""
    # knapsack over the runs: total count -> (cost, count per run)
    plans: dict[int, tuple[int, list[int]]] = {0: (0, [])}
    for o in options:
        nxt: dict[int, tuple[int, list[int]]] = {}
        for total, (cost, counts) in plans.items():
            for c, (run_cost, _) in o.items():
                cand = (cost + run_cost, counts + [c])
                if total + c not in nxt or cand[0] < nxt[total + c][0]:
                    nxt[total + c] = cand
        plans = nxt
    reach = min(plans, key=lambda total: (abs(total - target), total))
    out = []
    for run, o, c in zip(runs, options, plans[reach][1]):
        i = 0
        for j in o[c][1]:
            s, e = run[i][0], run[j - 1][1]
            value = parse_number(" ".join(t for _, _, t in run[i:j]))
            if value is not None:
                out.append((s, e, value))
            i = j
    return out


def layout_table_amounts(text: str, blocked) -> Iterator[tuple[int, int, dict]]:
    """Figures of space-aligned tables whose header declares kronor, tkr or mnkr."""
    done = -1
    # a case-sensitive scan for the letters of a unit is several times faster than the
    # unit pattern over the whole text; the pattern then reads only those lines
    for hit in _UNIT_LETTERS.finditer(text):
        if hit.start() < done:
            continue  # another unit word on a line or in a table already read
        if not _unit_word(text, hit.start(), hit.end()):
            continue  # "krav", "ökning", "sektor"
        line_start = text.rfind("\n", 0, hit.start()) + 1
        line_end = text.find("\n", hit.end())
        line_end = len(text) if line_end < 0 else line_end
        done = line_end
        if (line_end - line_start > 100 and not _header_like(text[line_start:line_end])) or TABLE_LINE_RE.search(
            text, line_start, line_end
        ):
            continue  # a sentence that names a unit, or a ruled table read elsewhere
        m = LAYOUT_UNIT_RE.search(text, line_start, line_end)
        if m is not None and _FIGURE_AFTER_RE.match(text, m.end()) and _SENTENCE_TAIL_RE.search(text, line_start, line_end):
            continue  # "SEK 1 300 000 har inte accepterats.": the currency of a sentence's figure
        if m is not None:
            done = yield from _read_layout_table(text, m, line_start, line_end, blocked)


_FIGURE_AFTER_RE = re.compile(r"[ \t\u00a0]*\.?[ \t\u00a0]*\d")
_SENTENCE_TAIL_RE = re.compile(r"^(?:\S+[ \t\u00a0]+){3,}\S*[a-zåäö)][.!?][ \t\u00a0]*$", re.MULTILINE)


def _unit_word(text: str, start: int, end: int) -> bool:
    """Do the letters at ``start:end`` ("kr", "sek") stand in a unit word (tkr, mnkr,
    kronor, msek), not inside another word?"""
    if text[end : end + 1].isalpha():  # most hits: "krav", "kring", "sektor"
        if text[start : start + 6].lower() != "kronor" or text[start + 6 : start + 7].isalpha():
            return False
    j = start
    while j > 0 and j > start - 3 and text[j - 1].isalpha():
        j -= 1
    return not (j > 0 and text[j - 1].isalpha()) and text[j:start].lower() in _UNIT_HEADS


_UNIT_HEADS = {"", "t", "m", "mn", "k"}


_HEADER_CELL_RE = re.compile(r"\S+(?: \S+)*")  # cells of a header line: apart by two spaces or more
# one-word headings of a line whose layout spaces are lost, with a unit in brackets
# kept to its word: "Anbudsgivare Jämförelsepris (SEK) Kvalitetspoäng Rang"
_HEADING_WORD_RE = re.compile(r"[^\s()]+(?: ?\([^()\n]{1,12}\))?")


def _unit_columns(line: str) -> tuple[bool, list[tuple[int, int]], set[int]] | None:
    """A unit in one column's heading ("Anbudsgivare   Pris (SEK)   Poäng   Rang") speaks
    for that column only: (laid out, the heading cells, the indexes of those that name
    a unit). None where the unit speaks for the whole table: a title or caption line,
    or the label column's heading ("Tkr   Budget   Utfall").

    Where the line keeps its layout (cells two spaces apart) a figure belongs to the
    heading above it; where it does not, the headings are single words and a unit in
    brackets, and the row's figures fill the last of them in order."""
    laid_out = "  " in line.strip()
    rx = _HEADER_CELL_RE if laid_out else _HEADING_WORD_RE
    cells = [m.span() for m in rx.finditer(line)]
    if not laid_out and line.lstrip()[:1].isupper():
        # a heading runs from its capitalised word over lowercase words, years and the
        # unit in brackets: "Förening | Medlemmar 7-20 år | Bidrag (kr)"
        heads = _capital_headings(line)
        if len(heads) >= 2:
            cells = heads
    if len(cells) < 2:
        return None
    with_unit = {
        i for i, (s, e) in enumerate(cells)
        if LAYOUT_UNIT_RE.search(line, s, e) and (laid_out or "(" in line[s:e])
    }
    if not with_unit or 0 in with_unit or len(with_unit) == len(cells):
        return None
    return laid_out, cells, with_unit


def _capital_headings(line: str) -> list[tuple[int, int]]:
    heads: list[list[int]] = []
    for m in re.finditer(r"\S+", line):
        w = m.group()
        if w[:1].isupper() and w[:1].isalpha() or not heads:
            heads.append([m.start(), m.end()])
        else:
            heads[-1][1] = m.end()
    return [(a, b) for a, b in heads]


def _unit_figures(columns, values: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The row's figures that stand under a heading naming the unit."""
    laid_out, cells, with_unit = columns
    if not laid_out:
        offset = len(cells) - len(values)
        if offset not in (0, 1):
            return values  # a row with empty or extra cells: which is which is lost
        return [v for k, v in enumerate(values) if offset + k in with_unit]
    # the heading a figure overlaps most, else the nearest
    return [
        (s, e, v) for s, e, v in values
        if max(range(len(cells)), key=lambda i: min(e, cells[i][1]) - max(s, cells[i][0])) in with_unit
    ]


def _read_layout_table(text, unit: re.Match, line_start: int, line_end: int, blocked):
    mult = 1e6 if unit["m"] else 1e3 if unit["k"] else 1.0
    columns = _unit_columns(text[line_start:line_end])
    groups = 3 if mult == 1.0 else 2
    header = [text[line_start:line_end]]
    rows: list[tuple[int, str]] = []
    pos = line_end + 1
    gap = 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        label_end, cells = _line_cells(line)
        label = line[:label_end].strip()
        is_row = (
            any(k == "num" for _, _, k in cells)
            and len(label) <= 60 and len(label.split()) <= _MAX_LABEL_WORDS
            and not TABLE_LINE_RE.search(line)
            # a page number under the table, alone or as "Sida 7 av 42"
            and not (not label and len(cells) == 1) and not PAGE_MARK_RE.match(line)
        )
        if is_row:
            rows.append((pos, line))
            gap = 0
        elif not rows and len(header) <= _MAX_HEADER_LINES and _header_like(line):
            header.append(line)
        elif rows and gap < 2 and _header_like(line):
            if LAYOUT_UNIT_RE.search(line):
                break  # the next table's caption ("Tabell 2. Utvärderingspris (tkr)"): read anew
            gap += 1  # a group label inside the table ("Kostnader"), or a blank line
        else:
            break
        pos = end + 1
    if len(rows) < 2:
        return line_end  # one line under a unit is as likely a sentence's tail as a table
    if any(h.strip() for h in header[1:]):
        # headings of their own under the unit's line: that line is the table's caption
        # ("Tabell 1. Driftbudget per verksamhet (mnkr)"), its unit every column's
        columns = None
    # "Förändring %" as the last heading: the rows' last figure is that percentage
    pct_last = bool(_PCT_LAST_RE.search(header[-1]))
    head = "\n".join(header)
    # "Rang", "Poäng" as the last heading: the rows' last figure is a rank or a score
    if columns is None and _SCORE_LAST_RE.search(header[-1]):
        pct_last = True
    # counts and money side by side: which column is which is lost, unless the unit
    # names its own column; then only rows that read one way count ("strict")
    strict = bool(COUNT_HEADER_RE.search(head))
    if strict and columns is None:
        return pos
    notes = bool(NOTE_HEADER_RE.search(head))
    parsed = []
    for row_pos, line in rows:
        runs = _row_groups(line, _line_cells(line)[1])
        if not runs:
            continue
        full = (runs, _row_options(runs, groups, line))
        noted = None
        # a "Not" column: a reference to a note before the figures; where wide spaces set
        # the columns apart, a reference stands alone in its cell ("31 700" is one figure)
        wide = bool(_WIDE_FIGURES.search(line))
        if notes and re.fullmatch(r"\d{1,2}", runs[0][0][2]) and (
            len(runs[0]) == 1 and len(runs) > 1 if wide else len(runs[0]) > 1 or len(runs) > 1
        ):
            rest = [r for r in [runs[0][1:], *runs[1:]] if r]
            noted = (rest, _row_options(rest, groups, line))
        parsed.append((row_pos, line, full, noted))
    if not parsed:
        return pos
    # The table's number of value columns: at least as many as a row needs, which is
    # a lower bound (three-digit groups can always be read together). A row's own
    # count above the others' (a label ending in a digit, "Grupp 4") does not count
    # unless a quarter of the rows (and two) share it.
    mins = sorted((min(_least(full), _least(noted) if noted else _least(full)) for _, _, full, noted in parsed), reverse=True)
    target = mins[min(len(mins), max(2, -(-len(mins) // 4))) - 1]
    # The headings say how many columns there are where the rows' digit groups do not
    # ("1 185 640 410" under "Liggande Rullstol Väntetid" is three prices)
    headings = _heading_count(header)
    if columns is not None and not columns[0]:
        headings = len(columns[1]) - 1  # the headings that the unit's column stands among
    # (a dash a row holds may be an empty cell: "varav inventarier - 0,8 0,4 1,2")
    if headings is not None and headings > target and 2 * sum(
        _most(noted or full) + sum(t in _SIGN_CELL for t in line.split()) >= headings
        for _, line, full, noted in parsed
    ) >= len(parsed):
        target = headings
    chosen = []
    for row_pos, line, full, noted in parsed:
        # the note column is read as such where the rest still fills the columns
        runs, options = noted if noted and _least(noted) <= target <= _most(noted) else full
        chosen.append((row_pos, line, runs, options, _readings(runs, groups, line, target)))
    for row_pos, line, values in _resolve_rows(chosen, groups, target, strict):
        if values is None:  # no reading of the table's columns: the old sharing out
            runs, options = next((c[2], c[3]) for c in chosen if c[0] == row_pos)
            if strict:
                continue
            while _least((runs, options)) > target and runs[0][0][2].isdigit():
                # more figures than columns: the first is the end of the label ("Grupp 4")
                runs = [r for r in [runs[0][1:], *runs[1:]] if r]
                options = _row_options(runs, groups, line)
            values = _row_values(runs, options, target)
            if pct_last and len(values) == target:
                values = values[:-1]
            if columns is not None:  # not "Kvalitetspoäng", "Rang" beside "Jämförelsepris (SEK)"
                values = _unit_figures(columns, values)
        else:  # one cell per column, None where a cell is empty or undecided
            if columns is not None:
                values = _unit_cells(columns, values)
            elif pct_last:
                values = values[:-1]
            values = [v for v in values if v is not None]
        for s, e, value in values:
            s, e = row_pos + s, row_pos + e
            if blocked.overlaps(s, e):
                continue
            amount, flags = _kronor(value, mult, False)
            yield s, e, {"amount_sek": amount, "unit_end": e, "flags": flags, "table": True}
    return pos


# The last heading a rank or score: "Rang", "Placering", "Poäng", "Plats"
_SCORE_LAST_RE = re.compile(r"(?i)(?:^|\s)(?:rang|rangordning|placering|poäng|plats)[ \t\u00a0]*$")
_SUM_LABEL_RE = re.compile(r"(?i)\s*(?:summa|s:a|totalt?|totalsumma|sammanlagt)\b")
_MAX_READINGS = 48


def _heading_count(header: list[str]) -> int | None:
    """Value columns that the table's last heading line names, where its spaces are
    lost: a line of units ("kr/uppdrag kr/uppdrag kr/timme") has one per column; a
    line of headings ("Verksamhet Budget 2025 Prognos 2025 Avvikelse") one capitalised
    word per column after the label's ("Avdrag mervärde", "Budget 2025" are one)."""
    lines = [h for h in header if h.strip()]
    if not lines:
        return None
    line = lines[-1].strip()
    if "  " in line or len(line) > _MAX_HEADER_WIDTH:
        return None  # laid out: the figures stand under their headings
    words = line.split()
    if len(words) >= 2 and all(_UNIT_LETTERS.search(w) or w in ("%", "(%)") for w in words):
        return len(words)
    if len(lines) == 1 and len(header) > 1:
        return None
    if _YEAR_HEAD_RE.fullmatch(words[0]):
        # "2026 2027 2028 Totalt": a column per year (and for the total) over the labels
        if all(_YEAR_HEAD_RE.fullmatch(w) or (w.isalpha() and w[:1].isupper()) for w in words):
            return len(words)
        return None
    if not words[0][:1].isupper() or not words[0][:1].isalpha():
        return None
    # a month ("Utfall Jan–Aug") or a capital inside a heading is no column of its own
    if any(_MONTH_HEAD_RE.match(w) or "-" in w or "\u2013" in w for w in words[1:]):
        return None
    caps = sum(1 for w in words[1:] if w[:1].isupper() and w[:1].isalpha())
    return caps or None


_YEAR_HEAD_RE = re.compile(r"(?:19|20)\d{2}")
_MONTH_HEAD_RE = re.compile(r"(?i)(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)")


def _all_splits(tokens: list[str], max_groups: int) -> list[list[int]]:
    """Every way (cut points) to read ``tokens`` as Swedish numbers of at most
    ``max_groups`` digit groups."""
    n = len(tokens)
    memo: dict[int, list[list[int]]] = {n: [[]]}
    for i in range(n - 1, -1, -1):
        out: list[list[int]] = []
        for j in range(i + 1, min(n, i + max_groups) + 1):
            if _fits(tokens, i, j, max_groups):
                out.extend([j] + rest for rest in memo[j])
                if len(out) > _MAX_READINGS:
                    break
        memo[i] = out[: _MAX_READINGS + 1]
    return memo[0]


def _readings(runs, max_groups: int, line: str, target: int) -> list[tuple]:
    """Every reading of the row's runs as exactly ``target`` cells: tuples of
    (start, end, value, groups), value None for an empty cell. A dash set apart is read
    as an empty cell only where its reading as a minus fills no row."""
    out = _readings_of(runs, max_groups, line, target)
    if not out and any(t in _SIGN_CELL for t in line.split()):
        out = _readings_of(_row_groups(line, _line_cells(line)[1], dash_empty=True), max_groups, line, target)
    return out


def _readings_of(runs, max_groups: int, line: str, target: int) -> list[tuple]:
    per_run = []
    for run in runs:
        tokens = [t for _, _, t in run]
        if tokens == [""]:
            per_run.append((run, [[1]]))
        elif line and _alone(run, line) and _fits(tokens, 0, len(tokens), _CELL_GROUPS):
            per_run.append((run, [[len(tokens)]]))
        else:
            per_run.append((run, _all_splits(tokens, max_groups)))
    out: list[tuple] = []

    def walk(k: int, acc: list, n: int) -> None:
        if len(out) > _MAX_READINGS:
            return
        if k == len(per_run):
            if n == target:
                out.append(tuple(acc))
            return
        run, splits = per_run[k]
        for cuts in splits:
            if n + len(cuts) > target:
                continue
            cells, i = [], 0
            for j in cuts:
                text = " ".join(t for _, _, t in run[i:j])
                value = parse_number(text) if text else None
                if text and value is None:
                    break
                cells.append((run[i][0], run[j - 1][1], value, j - i))
                i = j
            else:
                walk(k + 1, acc + cells, n + len(cuts))

    walk(0, [], 0)
    return out if len(out) <= _MAX_READINGS else []


def _resolve_rows(chosen, max_groups: int, target: int, strict: bool):
    """(row_pos, line, cells) for each row: its one reading of the table's columns, or
    the reading that keeps each column's digit groups as the rows that read only one
    way have them ("412 286 600" is 412 and 286 600 where "64 41 900" is 64 and 41 900).
    A cell the readings left open is None; cells None where no reading fills the
    columns. A sum row ("Summa") is read as the sum of the columns above it where
    one reading gives that."""
    profile: list[set[int]] = [set() for _ in range(target)]
    for _, _, _, _, readings in chosen:
        if len(readings) == 1:
            for col, cell in enumerate(readings[0]):
                if cell[2] is not None:
                    profile[col].add(cell[3])
    sums = [0.0] * target
    counts = [0] * target
    step = 1.0
    for row_pos, line, runs, options, readings in chosen:
        cells = None
        label = line[: _line_cells(line)[0]]
        if _SUM_LABEL_RE.match(label):
            cells = _sum_reading(runs, max_groups, line, target, sums, counts, step)
        if cells is None and len(readings) == 1:
            cells = list(readings[0])
        elif cells is None and readings:
            def fit(r):
                return sum(c[2] is None or c[3] in profile[k] for k, c in enumerate(r))
            best = max(map(fit, readings))
            tied = [r for r in readings if fit(r) == best]
            if len(tied) == 1:
                cells = list(tied[0])
            elif not strict:
                # the groups shared out most evenly, the longer figure first
                cells = list(min(tied, key=lambda r: (sum(c[3] ** 2 for c in r), [-c[3] for c in r])))
            else:  # keep what every equally good reading agrees on
                cells = [c if all(r[k][:3] == c[:3] for r in tied) else None for k, c in enumerate(tied[0])]
        if cells is None:
            yield row_pos, line, None
            continue
        for k, c in enumerate(cells):
            if c is not None and c[2] is not None:
                sums[k] += c[2]
                counts[k] += 1
                if c[2] != int(c[2]):
                    step = 0.1
        yield row_pos, line, [None if c is None or c[2] is None else (c[0], c[1], c[2]) for c in cells]


def _sum_reading(runs, max_groups, line, target, sums, counts, step):
    """The reading of a sum row whose figures equal the sums of their columns above,
    also with one digit group more per cell than the table's others (a total of
    seven-digit tkr) and with cells left empty at the left (no sum of a count column)."""
    candidates = []
    for groups in (max_groups, max_groups + 1):
        for size in range(target, 0, -1):
            for r in _readings_of(runs, groups, line, size):
                candidates.append((None,) * (target - size) + r)
    best: list[tuple] = []
    best_hits = 0
    for cand in candidates:
        hits = 0
        for k, c in enumerate(cand):
            if c is None or c[2] is None:
                continue
            if counts[k] < 2 or abs(c[2] - sums[k]) > counts[k] * step / 2:
                hits = -1  # a figure that is no sum of its column: not this reading
                break
            hits += 1
        if hits > best_hits:
            best, best_hits = [cand], hits
        elif hits == best_hits and hits > 0:
            best.append(cand)
    values = {tuple(None if c is None else c[:3] for c in b) for b in best}
    return list(best[0]) if len(values) == 1 else None


def _unit_cells(columns, cells):
    """The cells (one per column) that stand under a heading naming the unit."""
    laid_out, heads, with_unit = columns
    if not laid_out:
        offset = len(heads) - len(cells)
        if offset not in (0, 1):
            return cells
        return [c for k, c in enumerate(cells) if offset + k in with_unit]
    present = [c for c in cells if c is not None]
    return _unit_figures(columns, present)


def _header_like(line: str) -> bool:
    """A column heading, a year, a group label or a blank line: short, no sentence.
    A row of column headings set apart by wide spaces is as long as the table is wide:
    each of its headings is short."""
    s = line.strip()
    if not s or s.endswith((".", ":", ";")):
        return not s
    if len(s) <= 60 and len(s.split()) <= 6:
        return True
    if len(s) <= _MAX_HEADER_WIDTH and _HEADINGS_RE.fullmatch(s):
        return True  # a heading row whose wide spaces are lost: "Enhet Budget 2024 Utfall 2024 Förändring %"
    cells = _COLUMNS.split(s)
    return len(s) <= _MAX_HEADER_WIDTH and len(cells) >= 3 and all(
        len(c) <= 40 and len(c.split()) <= 6 for c in cells)


_COLUMNS = re.compile(r"[ \t\u00a0]{2,}")
# headings are capitalised words, years, "%" and units in brackets; a sentence has
# lowercase words
_HEADINGS_RE = re.compile(r"(?:(?:[A-ZÅÄÖ][\w-]*|(?:19|20)\d\d|%|\([^()\s]{1,8}\))[ \t\u00a0]*)+")
_PCT_LAST_RE = re.compile(r"(?:^|\s)\(?%\)?[ \t\u00a0]*$")
_MAX_HEADER_WIDTH = 240


# "350 000 kronor exkl. moms för hela perioden", "500 kr (inkl. moms) per år": the VAT
# note stands between the unit and its period or rate
_VAT_RE = re.compile(
    r"(?i)[ \t\u00a0\n]*[(,]?[ \t\u00a0]*(?:exkl|inkl|exklusive|inklusive|utan|med|ex)\.?[ \t\u00a0\n]+moms(?:en)?[ \t\u00a0]*\)?,?"
)


def _period(text: str, start: int, unit_end: int, sent: tuple[int, int]) -> str | None:
    vat = _VAT_RE.match(text, unit_end, sent[1])
    if vat is not None:
        unit_end = vat.end()
    after = text[unit_end : min(sent[1], unit_end + 40)]
    m = RATE_PERIOD_RE.match(after)
    if m:
        return "year" if m["year"] else "month"
    if RATE_RE.match(after):
        return None
    if YEAR_AFTER.match(after):
        return "year"
    if MONTH_AFTER.match(after):
        return "month"
    m = TOTAL_AFTER.match(after)
    if m:
        return _total(text, m.group(), sent)
    before = text[max(sent[0], start - _SPAN_LIMIT) : start]
    best, best_pos, cue = None, -1, ""
    for label, rx in (("year", YEAR_BEFORE), ("month", MONTH_BEFORE), ("total", TOTAL_BEFORE)):
        for m in rx.finditer(before):
            if label == "total" and _whose_total(before, m):
                continue
            if m.start() > best_pos:
                best, best_pos, cue = label, m.start(), m.group()
    return _total(text, cue, sent) if best == "total" else best


# "ett totalt belopp om", "kommunens totala nettokostnader", "en total kostnad": the
# adjective says the figure is all of something (a ceiling, a year's costs), not that it
# sums a period, unless what it totals is a contract's or project's ("den totala
# kostnaden för projektet"); the adverb "totalt 72 mnkr" sums
_TOTAL_ADJ_RE = re.compile(r"(?i)total(?:a)?|(?<=ett )totalt|(?<=det )totalt")
_TERM_WORD_RE = re.compile(r"(?i)projekt|avtal|kontrakt|uppdrag|insatsen|satsning")


def _whose_total(before: str, m: re.Match) -> bool:
    if not _TOTAL_ADJ_RE.fullmatch(before, m.start(), m.end()):
        return False
    return not _TERM_WORD_RE.search(before, max(0, m.start() - 40))


def _total(text: str, cue: str, sent: tuple[int, int]) -> str | None:
    """"total", unless the statement keeps the sum within one year ("sammanlagt ...
    under 2024"); a cue that names the contract period stays a total."""
    if re.search(r"(?i)period|tid|hela|förläng", cue) or not ONE_YEAR_RE.search(text, *sent):
        return "total"
    return None


def _price_year(doc: Doc, span: Span, sent: tuple[int, int], sents: Sentences) -> int | None:
    text = sents.text  # Doc.text joins every token anew
    # a price year this far from the figure speaks for another one (and a long table
    # "sentence" must not be searched once per figure)
    lo, hi = max(sent[0], span.start_char - _PRICE_YEAR_REACH), min(sent[1], span.end_char + _PRICE_YEAR_REACH)
    year = _nearest_price_year(text, lo, hi, span.start_char)
    if year is not None:
        return year
    # "Ersättningen är i 2021 års pris- och lönenivå." may stand in a sentence of its own
    # in the same section; a price year given with another figure speaks for that one only
    sec = section_bounds(span)
    if sec is not None and sec[1] - sec[0] < 3000:
        for m in PRICE_YEAR_RE.finditer(text, sec[0], sec[1]):
            s, e = sents.statement(m.start(), m.end())
            if not MONEY_FIGURE_RE.search(text, s, e):
                return int(m["a"] or m["b"] or m["c"])
    return None


def _nearest_price_year(text: str, start: int, end: int, pos: int) -> int | None:
    best = None
    for m in PRICE_YEAR_RE.finditer(text, start, end):
        year = int(m["a"] or m["b"] or m["c"])
        dist = abs(m.start() - pos)
        if best is None or dist < best[0]:
            best = (dist, year)
    return best[1] if best else None


# How far back the figures that a "sammanlagt" adds up may stand, and how many
_ITEMS_REACH = 400
_MAX_ITEMS = 6
_PERIOD_NAMED = re.compile(r"(?i)period|tiden\b|hela\s")


def _sum_of_items(text: str, spans: list[Span], start: int, unit_end: int, value: float) -> bool:
    """Does a "sammanlagt"/"totalt" figure add up the amounts just before it ("45 000:-
    ... samt 28 500 kr. Sammanlagt 73 500 kronor")? Then it is their sum, not a sum over
    a contract's period, unless the period is named."""
    if _PERIOD_NAMED.search(text, max(0, start - _SPAN_LIMIT), min(len(text), unit_end + 40)):
        return False
    items = []
    for prev in reversed(spans[-_MAX_ITEMS:]):
        if prev.end_char < start - _ITEMS_REACH or "\n\n" in text[prev.end_char : start]:
            break
        items.append(prev._.norm["amount_sek"])
        if len(items) >= 2 and abs(sum(items) - value) < 1:
            return True
    return False


def find_amounts(doc: Doc) -> list[Span]:
    text = doc_text(doc)
    spans: list[Span] = []
    sents = Sentences(doc)
    for span, (start, end, info) in placed_spans(doc, read_amounts(doc, sents)):
        sent = sents.statement(start, end)
        period = _period(text, start, info["unit_end"], sent)
        if period == "total" and _sum_of_items(text, spans, start, info["unit_end"], float(info["amount_sek"])):
            period = None
        span._.norm = {
            "amount_sek": float(info["amount_sek"]),
            # a table's cell takes no period from the words around the table: the
            # heading "Helårsprognos" is no "per år", and it would reach the first row only
            "period": None if info.get("table") else period,
            "price_year": _price_year(doc, span, sent, sents),
            "flags": list(info["flags"]),
        }
        spans.append(span)
    return spans


@Language.factory("muni_amounts")
def make_amounts(nlp: Language, name: str):
    """Money amounts in kronor; runs after dates and identifiers, whose text it leaves alone."""

    def amounts(doc: Doc) -> Doc:
        doc.spans["amounts"] = find_amounts(doc)
        return doc

    return amounts
