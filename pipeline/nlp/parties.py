"""Organisations, and the parties among them: who decides, buys, supplies, prepares, receives.

``doc.spans["orgs"]`` holds every organisation mention; ``doc.spans["parties"]`` one
span per (mention, role) for the organisations that act in the matter. Names are
resolved to one canonical form per document ("Linköping Stadsmission" and
"Linköpings Stadsmission" are one party; "social- och omsorgsnämndens" is
"Social- och omsorgsnämnden").

Recognition is by the shape of Swedish organisation names (boards and offices end in
-nämnden, -styrelsen, -förvaltningen, -kontoret; companies carry AB, ekonomisk
förening, stiftelse ...), gazetteers in ``data/`` (municipalities, regions, named
agencies and operators) and names that a cue introduces ("avtal med X",
"utförare är X", "X (utföraren)"). Roles come from the document's structure
(proposal heading, signature block, "Beslutet skickas till") and verbal cues.

The module reads top down: gazetteers; name shapes (compiled patterns) and the
``find_*`` functions that turn them into ``Org`` mentions; ``group_orgs`` (one canonical
name per organisation); role finding (decision maker, contract sides, funders,
preparers, recipients); the component.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from .layout import KNOWN_HEADINGS, in_boilerplate, page_starts

DATA = Path(__file__).parent / "data"

# kinds of organisation; the public ones decide and buy, the others supply
BOARD, COUNCIL, OFFICE = "board", "council", "office"
MUNICIPALITY, REGION, AGENCY = "municipality", "region", "agency"
COMPANY, PROVIDER, NAMED = "company", "provider", "named"
PUBLIC = {BOARD, COUNCIL, OFFICE, MUNICIPALITY, REGION}
DECIDING = {BOARD, COUNCIL, MUNICIPALITY, REGION}

ROLES = ("decision_maker", "buyer", "supplier", "preparer", "recipient")

_UC = "A-ZÅÄÖÉÜ"
_LC = "a-zåäöéüè"
_W = f"{_UC}{_LC}"
_NB = rf"(?<![{_W}\-])"  # no word character (or hyphen) before
_NA = rf"(?![{_W}])"  # no word character after


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _genitive(place: str) -> str:
    # "Linköping" -> "Linköpings"; names ending in a vowel or s/x/z take no -s
    return place if place[-1].lower() in "aeiouyåäöésxz" else place + "s"


@dataclass(frozen=True)
class Gazetteers:
    municipality_re: re.Pattern
    municipality_gen: dict  # written place (lower) -> official genitive form
    region_re: re.Pattern
    region_canon: dict  # written form (lower) -> official name
    named_re: re.Pattern
    named_canon: dict  # written form (lower) -> (canonical, kind)
    municipality_places: frozenset


@lru_cache(maxsize=1)
def gazetteers() -> Gazetteers:
    gen: dict[str, str] = {}
    forms: set[str] = set()
    for line in _lines("municipalities.txt"):
        place, _, official = line.partition("|")
        g = official or _genitive(place)
        for f in {place, g, place + "s"}:
            gen[f.lower()] = g
            forms.add(f)
    alt = "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))
    muni_re = re.compile(rf"{_NB}(?P<place>{alt})\s+(?P<suffix>[Kk]ommun|[Ss]tad)(?P<gen>s)?{_NA}")

    region_canon: dict[str, str] = {}
    for line in _lines("regions.txt"):
        names = line.split("|")
        for n in names:
            region_canon[n.lower()] = names[0]
    ralt = "|".join(sorted((re.escape(n) for n in {k for k in region_canon}), key=len, reverse=True))
    region_re = re.compile(
        rf"{_NB}(?P<name>(?i:{ralt})|Region\s+[{_UC}][{_LC}]+(?:\s+län)?"
        rf"|Landstinget\s+i\s+[{_UC}][{_LC}]+(?:\s+län)?)(?P<gen>s)?{_NA}"
    )

    named_canon: dict[str, tuple[str, str]] = {}
    written: set[str] = set()
    for line in _lines("organisations.txt"):
        kind, _, names = line.partition("\t")
        parts = names.split("|")
        written.update(parts)
        for n in parts:
            named_canon[n.lower()] = (parts[0], PROVIDER if kind == "provider" else AGENCY)
    nalt = "|".join(
        sorted(
            (_first_letter_any_case(re.escape(n)) for n in written),
            key=len,
            reverse=True,
        )
    )
    named_re = re.compile(rf"{_NB}(?P<name>{nalt})(?P<gen>s|:s)?{_NA}")
    places = frozenset(k for k in gen)
    return Gazetteers(muni_re, gen, region_re, region_canon, named_re, named_canon, places)


def _first_letter_any_case(escaped: str) -> str:
    first = escaped[0]
    # "polisen" in running text is Polisen; acronyms keep their case
    if first.isalpha() and not (len(escaped) > 1 and escaped[1].isupper()):
        return f"[{first.upper()}{first.lower()}]{escaped[1:]}"
    return escaped


# --- name shapes ---------------------------------------------------------------------

# Boards, offices and councils: "Omsorgsnämnden", "kommunstyrelsens",
# "Social- och omsorgsförvaltningen", "Kultur-, fritids- och idrottsnämnden",
# "kommunfullmäktige". The coordinated first part may lose its hyphen ("social och
# omsorgsförvaltningen"): accepted only when the document also writes it properly.
_UNIT_END = r"(?:nämnd(?:en)?|styrelse(?:n)?|förvaltning(?:en)?|kontor(?:et)?|fullmäktige)"
BOARD_RE = re.compile(
    rf"{_NB}(?P<coord>(?:[{_W}]{{2,}}(?:[-–—]?,\s+|[ \t]+samt[ \t]+))*[{_W}]{{2,}}(?P<hy>[-–—]?)[\s:;'’`´]*(?:och|samt|&)\s+)?"
    rf"(?P<head>[{_W}]{{2,}}?{_UNIT_END})(?P<gen>s)?{_NA}"
)
# "Nämnden för funktionsstöd", "Förvaltningen för arbetsmarknad och vuxenutbildning"
_VERBS = (r"beslut\w*|föresl\w*|godkänn\w*|fastställ\w*|ansvarar|anser|bör|får|vill|kommer|"
          r"lämnar|tar|ger|yttrar|önskar|hade|var|skall|tecknar|säger|förlänger|avslår|bifaller")
BOARD_FOR_RE = re.compile(
    rf"{_NB}(?P<head>(?:Nämnden|Styrelsen|Förvaltningen|Kontoret)(?P<gen>s)?\s+för"
    rf"(?:(?:\s+(?!(?:i|att|som|är|har|ska|kan|och|med|om|på|till|av|den|det|de|{_VERBS})\b)[{_LC}]+|[ \t]+[{_UC}][{_LC}]+)"
    rf"(?:,|\s+och|[ \t]+&)?){{1,4}})"
)
# offices named by a compound unit word, capitalised: "Kommunledningsstaben", "Stödavdelningen"
UNIT_RE = re.compile(
    rf"{_NB}(?P<name>[{_UC}][{_LC}\-]{{2,}}(?:avdelningen|enheten|staben|sekretariatet|kansliet))(?P<gen>s)?{_NA}"
)
# Göteborg's district boards ("Socialnämnden Nordost") and Stockholm's ("Farsta stadsdelsnämnd")
_DISTRICT = re.compile(r"[ \t]+(?:Nordost|Sydväst|Nordväst|Sydost|Centrum|Hisingen|Norr|Söder|Öster|Väster|Syd|Nord|Väst|Öst)(?![\w-])")
STADSDEL_RE = re.compile(
    rf"{_NB}(?P<name>[{_UC}][{_W}\-]+[ \t]+stadsdels(?:nämnd|förvaltning))(?P<def>en|et)?(?P<gen>s)?{_NA}"
)
# "Malmö stads socialnämnd", "Region Skånes regionstyrelse": an owner's board, indefinite
OWNED_BOARD_RE = re.compile(
    rf"(?:kommuns|stads|[Ss]tads|kommunens|regionens|[{_UC}][{_LC}]+s)[ \t]+"
    rf"(?P<head>[{_LC}]{{3,}}?(?:nämnd|styrelse|förvaltning|kontor))(?P<gen>s)?{_NA}"
)
# "Regionala utvecklingsnämnden", "Gemensamma nämnden för upphandlingssamverkan"
ADJ_BOARD_RE = re.compile(
    rf"{_NB}(?P<name>(?:Regionala|Gemensamma|Kommunala|Lokala|Norra|Södra|Östra|Västra|Centrala)[ \t]+"
    rf"[{_LC}]*(?:nämnden|styrelsen)(?:[ \t]+för(?:[ \t]+(?!(?:i|att|som|är|har|ska|kan|med|om|på|till|av|den|det|de)\b)[{_LC}]+){{1,3}})?)"
    rf"(?P<gen>s)?{_NA}"
)
# committees: "Kommunledningsutskottet", "Kommunstyrelsens arbetsutskott"
UTSKOTT_RE = re.compile(
    rf"{_NB}(?P<name>(?:[{_UC}][{_LC}]+(?:nämndens|styrelsens)[ \t]+[{_LC}]*utskott|[{_UC}][{_LC}]*utskott(?:et)?))(?P<gen>s)?{_NA}"
)
# bare heads are pronouns, not names: "nämnden", "förvaltningen"
_GENERIC_HEADS = {"nämnd", "nämnden", "styrelse", "styrelsen", "förvaltning", "förvaltningen",
                  "kontor", "kontoret", "fullmäktige"}
# compounds that end like a board but name no organisation of the matter
_NOT_BOARDS = re.compile(r"^(?:huvud|lokal|hem|resebyrå|bolags|bygg|arbets)?kontor(?:et)?$|^.*landskontor", re.I)

# Organisations with a head noun and a "för"-phrase: "Centrum för kommunstrategiska
# studier", "Myndigheten för vårdanalys", "Inspektionen för vård och omsorg".
_STOP = r"(?:i|att|som|är|har|var|ska|kan|med|av|till|på|om|den|det|de|en|ett|vid|under|från|efter|inom|genom|mellan|samt|eller|men|för|och)"
HEAD_FOR_RE = re.compile(
    rf"{_NB}(?P<name>(?:Centrum|Centret|Forum|Institutet|Myndigheten|Inspektionen|Föreningen|Förbundet|"
    rf"Stiftelsen|Rådet|Nätverket|Akademin|Sällskapet|Kommittén|Delegationen|Enheten|Avdelningen)"
    rf"\s+(?:för|mot)(?:\s+(?!{_STOP}\b)[{_LC}][{_LC}\-]+)(?:(?:\s+och|,)?\s+(?!{_STOP}\b)[{_LC}][{_LC}\-]+){{0,3}})"
)

# Companies and associations by their legal form.
_FORM = (
    r"AB|Aktiebolag|HB|KB|Handelsbolag|Kommanditbolag|ek\.\s?för\.|ekonomisk förening|"
    r"ideell förening|stiftelse|Stiftelse|Ideell förening|Ekonomisk förening|i Sverige AB"
)
COMPANY_SUFFIX_RE = re.compile(rf"(?<=\s)(?P<form>{_FORM})(?P<gen>s)?{_NA}")
COMPANY_PREFIX_RE = re.compile(
    rf"{_NB}(?P<name>(?:AB|Stiftelsen|Föreningen|Kooperativet|Bostadsrättsföreningen)[ \t]+"
    rf"[{_UC}][\w&\-]*(?:[ \t]+[{_UC}][\w&\-]*){{0,3}})(?P<gen>s)?{_NA}"
)
_NAME_STOP = {
    "med", "och", "av", "till", "i", "på", "för", "att", "som", "är", "har", "var", "från",
    "om", "den", "det", "de", "en", "ett", "vid", "mellan", "samt", "eller", "genom", "hos",
    "avtal", "avtalet", "bolaget", "företaget", "leverantören", "utföraren", "privata",
}

# Stadsmission(en), with the place it belongs to: "Östergötlands Stadsmission".
MISSION_RE = re.compile(
    rf"{_NB}(?P<name>(?:(?P<place>[{_UC}][{_LC}]+)\s+)?(?:[Ss]tadsmission|Räddningsmission)(?:en)?)(?P<gen>s)?{_NA}"
)

# A name introduced by a cue: "avtal med X", "utförare är X", "uppdrag till X".
_CUE = (
    r"(?:[a-zåäö]*avtal(?:et)?|överenskommelse(?:n)?|kontrakt(?:et)?)(?:\s+(?:har|ska|som|har\s+tidigare))?"
    r"(?:\s+(?:tecknas|tecknats|ingås|ingåtts|sluts|slutits|träffas|träffats))?\s+(?:med|mellan)|"
    r"anbud(?:et)?\s+från|"
    r"överenskommit\s+med|utförare(?:n)?\s+(?:är|blir|har\s+varit)|leverantör(?:en)?\s+(?:är|blir)|"
    r"(?:verksamhets)?uppdrag(?:et)?\s+till|tilldela(?:s|r)?|tilldelning\s+till|"
    r"anlita(?:r|s)?|upphandlats?\s+av|drivs\s+av|utförs\s+av"
)
CUE_NAME_RE = re.compile(
    rf"(?i:(?<![{_W}])(?:{_CUE}))[ \t]*\n?[ \t]*(?P<name>[{_UC}][\w&.\-]*(?:(?:[ \t]+|,[ \t]+(?=[{_UC}][\w\-]*[ \t]+&)|[ \t]+&[ \t]+|[ \t]+och[ \t]+)[{_UC}&][\w&.\-]*){{0,4}})"
)
# "X (utföraren)", "X, nedan kallad leverantören"
ROLE_APPOSITION_RE = re.compile(
    r"\s*(?:\(\s*(?:nedan\s+(?:kallad\s+)?)?[\"”']?(?P<r1>utföraren|leverantören|beställaren|"
    r"uppdragsgivaren|köparen|säljaren)[\"”']?\s*\)|,\s*nedan\s+(?:kallad\s+)?[\"”']?"
    r"(?P<r2>utföraren|leverantören|beställaren|uppdragsgivaren|köparen|säljaren))",
    re.I,
)
_APPOSITION_ROLE = {
    "utföraren": "supplier", "leverantören": "supplier", "säljaren": "supplier",
    "beställaren": "buyer", "uppdragsgivaren": "buyer", "köparen": "buyer",
}
# "Region Östergötland (RÖ)", "Centrum för kommunstrategiska studier (CKS)"
ACRONYM_AFTER_RE = re.compile(r"\s*\((?P<abbr>[A-ZÅÄÖ][A-ZÅÄÖ&]{1,7})\)")
# "Östergötlands Stadsmission (tidigare Linköpings Stadsmission)"
FORMER_RE = re.compile(r"\s*[(,]\s*(?:tidigare|f\.\s?d\.|fd|före detta|tidigare kallad)\s+", re.I)

_NOT_CUE_NAMES = {
    "Leverantören", "Utföraren", "Beställaren", "Kommunen", "Regionen", "Nämnden", "Staten",
    "Parterna", "Avtalet", "Förvaltningen", "Styrelsen", "Bolaget", "Företaget", "Föreningen",
    "Privata", "Externa", "Andra", "Flera", "Olika", "Samtliga", "Befintlig", "Nuvarande",
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december", "Den", "Det", "De", "En", "Ett", "Vi", "Lou", "LOU", "Sol", "SoL",
}


@dataclass
class Org:
    start: int
    end: int
    text: str
    kind: str
    canon: str | None = None  # fixed canonical (gazetteer, board form), else decided by group
    former: bool = False  # named as the former name of another ("tidigare X")


# --- finding mentions -----------------------------------------------------------------


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def board_canonical(text: str) -> str:
    """'social- och omsorgsnämndens' -> 'Social- och omsorgsnämnden'."""
    s = _clean(text)
    s = re.sub(r"[-–—][\s:;'’`´]*(och|samt)\s", r"- \1 ", s)
    s = re.sub(r"(?<=[a-zåäö])\s*-\s*,", "-,", s)
    s = re.sub(r"(?<=[a-zåäö])-(och|samt)\s", r"- \1 ", s)
    if s.endswith(("nämndens", "styrelsens", "förvaltningens", "kontorets", "fullmäktiges")):
        s = s[:-1]
    return _cap(s)


def _board_kind(head: str) -> str:
    h = head.lower()
    if h.endswith("fullmäktige"):
        return COUNCIL
    if re.search(r"nämnd(en)?$|styrelse(n)?$", h):
        return BOARD
    return OFFICE


def find_boards(text: str) -> list[Org]:
    out = []
    hyphenated = set(re.findall(r"(?<![\w-])(\w+)-\s*och\s", text.lower()))
    # "Äldre samt vård- och omsorgsnämnden": a first member joined by "samt" belongs to the
    # name when it is written with its capital somewhere ("beslut om äldre samt ..." is prose)
    samt_first = {m.group(1).lower() for m in re.finditer(rf"{_NB}([{_UC}][{_LC}]+)[ \t]+samt[ \t]+[{_LC}]+[-–—]", text)}
    for m in BOARD_RE.finditer(text):
        head = m.group("head")
        if head.lower() in _GENERIC_HEADS or _NOT_BOARDS.match(head):
            continue
        start = m.start()
        coord = m.group("coord")
        for sm in reversed(list(re.finditer(r"[ \t]+samt[ \t]+(?=\S)", coord or ""))):
            word = coord[: sm.start()].split()[-1].lower()
            if word.rstrip(",-–—") in samt_first and not re.search(rf"{_UNIT_END}s?,?$", word):
                continue  # the member belongs to the name
            start = m.start() + sm.end()  # "Kommunstyrelsen samt vård- och omsorgsnämnden": two bodies
            coord = coord[sm.end() :]
            break
        if coord:
            first = coord.split()[0].rstrip(",-").lower()
            if first in ("och", "samt") or first in _NAME_STOP:
                start = m.start("head")
            elif not m.group("hy") and not re.search(r"[-–—]", coord):
                # "social och omsorgsnämnden": one board only if "social- och" is written elsewhere
                if first not in hyphenated:
                    start = m.start("head")
        written = text[start : m.end()]
        canon = board_canonical(written)
        if start == m.start() and coord and not re.search(r"[-–—]", coord):
            canon = board_canonical(re.sub(r"^(\S+)\s+(och|samt)\s", r"\1- \2 ", _clean(written)))
        if not canon.endswith(("nämnden", "styrelsen", "förvaltningen", "kontoret", "fullmäktige")):
            # indefinite "Socialnämnd" names a board only as a capitalised heading word
            if not written[:1].isupper():
                continue
            if m.group("gen"):
                canon = canon[:-1]
            canon = canon + ("en" if canon.endswith(("nämnd", "förvaltning")) else "et" if canon.endswith("kontor") else "n")
        end = m.end()
        d = _DISTRICT.match(text, end) if not m.group("gen") else None
        if d and canon[:1].isupper():
            end = d.end()
            canon = f"{canon} {d.group(0).strip()}"
            written = text[start:end]
        out.append(Org(start, end, written, _board_kind(head), canon))
    for m in ADJ_BOARD_RE.finditer(text):
        out.append(Org(m.start(), m.end(), m.group(0), BOARD, _clean(m.group("name"))))
    for m in UTSKOTT_RE.finditer(text):
        name = m.group("name")
        canon = name if " " in name or name.endswith("et") else name + "et"
        out.append(Org(m.start(), m.end(), m.group(0), BOARD, canon))
    for m in OWNED_BOARD_RE.finditer(text):
        head = m.group("head")
        canon = _cap(head) + ("en" if head.endswith(("nämnd", "förvaltning")) else "et" if head.endswith("kontor") else "n")
        out.append(Org(m.start("head"), m.end(), text[m.start("head") : m.end()], _board_kind(canon), canon))
    for m in UNIT_RE.finditer(text):
        out.append(Org(m.start(), m.end(), m.group(0), OFFICE, m.group("name")))
    for m in STADSDEL_RE.finditer(text):
        kind = BOARD if m.group("name").endswith("nämnd") else OFFICE
        out.append(Org(m.start(), m.end(), m.group(0), kind, _clean(m.group("name"))))
    for m in BOARD_FOR_RE.finditer(text):
        written = re.sub(r"(?:,|\s+och|\s+&)$", "", m.group("head"))
        canon = _clean(written).replace("Nämndens", "Nämnden").replace("Styrelsens", "Styrelsen")
        canon = canon.replace("Förvaltningens", "Förvaltningen").replace("Kontorets", "Kontoret")
        kind = OFFICE if written.startswith(("Förvaltning", "Kontor")) else BOARD
        out.append(Org(m.start(), m.start() + len(written), written, kind, canon))
    return out


def find_public_bodies(text: str) -> list[Org]:
    """Municipalities and regions named in ``text`` (also used for the authority)."""
    gz = gazetteers()
    out = []
    for m in gz.municipality_re.finditer(text):
        gen = gz.municipality_gen[m.group("place").lower()]
        suffix = m.group("suffix")
        canon = f"{gen} {'kommun' if suffix.lower() == 'kommun' else suffix}"
        out.append(Org(m.start(), m.end(), m.group(0), MUNICIPALITY, canon))
    for m in gz.region_re.finditer(text):
        name = _clean(m.group("name"))
        canon = gz.region_canon.get(name.lower(), name)
        out.append(Org(m.start(), m.end(), m.group(0), REGION, canon))
    return out


def _walk_back_name(text: str, end: int, limit: int = 5) -> int | None:
    """Start of a company name that ends at ``end`` (just before its legal form): the
    capitalised words before it on its line, with lower-case words between them
    ("VisVitalis omsorg AB") but no function words ("avtal med Misa AB")."""
    line_start = text.rfind("\n", 0, end) + 1
    chunk = text[line_start:end]
    tokens = list(re.finditer(r"[^\s,;:()]+", chunk))
    start = None
    for k in range(len(tokens) - 1, max(-1, len(tokens) - 1 - limit), -1):
        t = tokens[k]
        gap_end = tokens[k + 1].start() if k + 1 < len(tokens) else len(chunk)
        if chunk[t.end() : gap_end].strip():
            break  # punctuation between words ends the name
        w = t.group(0)
        if w in ("i", "för") and start is not None and any(tokens[x].group(0)[:1].isupper() for x in range(max(0, k - 2), k)):
            continue  # "Vardagsstöd i Umeå ekonomisk förening", "Tekniska verken i Linköping AB"
        if w.lower() in _NAME_STOP and w[:1].isupper():
            break  # "För Attendo Sverige AB"
        if w[:1].isupper() or w[:1].isdigit() or w == "&":
            start = line_start + t.start()
        elif w.lower() in _NAME_STOP or not w.isalpha():
            break
    return start


def find_companies(text: str) -> list[Org]:
    out = []
    for m in COMPANY_SUFFIX_RE.finditer(text):
        start = _walk_back_name(text, m.start())
        if start is None:
            continue
        written = text[start : m.end()]
        if len(written.split()) < 2:
            continue
        base = _clean(text[start : m.end("form")])
        out.append(Org(start, m.end(), written, COMPANY, base))
    for m in COMPANY_PREFIX_RE.finditer(text):
        out.append(Org(m.start(), m.end(), m.group(0), COMPANY if m.group(0).startswith("AB") else PROVIDER,
                       _clean(m.group("name"))))
    return out


def find_named(text: str) -> list[Org]:
    gz = gazetteers()
    out = []
    for m in gz.named_re.finditer(text):
        canon, kind = gz.named_canon[m.group("name").lower()]
        out.append(Org(m.start(), m.end(), m.group(0), kind, canon))
    for m in HEAD_FOR_RE.finditer(text):
        head = m.group(0).split()[0]
        kind = PROVIDER if head in ("Föreningen", "Stiftelsen") else OFFICE if head in ("Enheten", "Avdelningen") else AGENCY
        out.append(Org(m.start(), m.end(), m.group(0), kind))
    for m in MISSION_RE.finditer(text):
        place = m.group("place")
        start = m.start()
        if place and not (place.endswith("s") or place.lower() in gz.municipality_places):
            start = m.start("name") + len(place) + 1
            while text[start].isspace():
                start += 1
        out.append(Org(start, m.end(), text[start : m.end()], PROVIDER))
    # "Linköpings universitet", "Högskolan i Jönköping"
    for m in re.finditer(rf"{_NB}(?:[{_UC}][{_LC}]+s\s+(?:[Uu]niversitet|[Hh]ögskola)|Högskolan\s+i\s+[{_UC}][{_LC}]+){_NA}", text):
        out.append(Org(m.start(), m.end(), m.group(0), AGENCY))
    return out


def find_cue_names(text: str) -> list[Org]:
    out = []
    for m in CUE_NAME_RE.finditer(text):
        name = m.group("name").rstrip(".,")
        words = name.split()
        # "Humana och Nytida" is two names; "Leanlink Råd och Stöd" is one
        if "och" in words and words.index("och") < 2:
            name = " ".join(words[: words.index("och")])
        if words[0] in _NOT_CUE_NAMES or len(name) < 3 or (name.isupper() and len(name) <= 3):
            continue
        start = m.start("name")
        out.append(Org(start, start + len(name), name, NAMED))
    return out


def _prefer(a: Org, b: Org) -> Org:
    """Of two overlapping mentions keep the specific one; among equals the longer."""
    if a.kind == NAMED or b.kind == NAMED:  # a cue's guess yields to any recognised name
        return b if a.kind == NAMED else a
    rank = {AGENCY: 1, PROVIDER: 2, COMPANY: 2, OFFICE: 3, BOARD: 3, COUNCIL: 3, MUNICIPALITY: 4, REGION: 4}
    return a if (a.end - a.start, rank[a.kind]) >= (b.end - b.start, rank[b.kind]) else b


def _resolve_overlaps(orgs: list[Org]) -> list[Org]:
    orgs = sorted(orgs, key=lambda o: (o.start, -(o.end - o.start)))
    kept: list[Org] = []
    for o in orgs:
        if kept and o.start < kept[-1].end:
            kept[-1] = _prefer(kept[-1], o)
        else:
            kept.append(o)
    return kept


def _more_mentions(text: str, orgs: list[Org]) -> list[Org]:
    """Later mentions of names that a cue or an acronym introduced ("Leanlink", "CKS")."""
    extra: list[Org] = []
    taken = [(o.start, o.end) for o in orgs]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    lower_words = set(re.findall(r"\b[a-zåäöéü]+\b", text))
    names = {}
    for o in orgs:
        if o.kind in (NAMED, PROVIDER, COMPANY):
            names.setdefault(_clean(o.text), o.kind)
            first = _clean(o.text).split()[0].rstrip(",")
            if (o.kind == NAMED and len(first) >= 4 and first[0].isupper() and first.lower() not in _COMMON_CAPS
                    and first.lower() not in gazetteers().municipality_places
                    and first.lower() not in lower_words):
                names.setdefault(first, NAMED)
        m = ACRONYM_AFTER_RE.match(text, o.end)
        if m:
            names.setdefault(m.group("abbr"), o.kind if o.kind != NAMED else NAMED)
    for name, kind in names.items():
        # "Leanlink, Råd & Stöd" is also written "Leanlink Råd och Stöd"
        words = [w for w in re.split(r"[\s,]+", name) if w]
        flexible = r",?\s+".join("(?:&|och)" if w in ("&", "och") else re.escape(w) for w in words)
        pat = re.compile(rf"{_NB}{flexible}(?:s|:s)?(?![{_W}\-])")
        for m in pat.finditer(text):
            if free(m.start(), m.end()):
                extra.append(Org(m.start(), m.end(), m.group(0), kind))
                taken.append((m.start(), m.end()))
    return extra


_COMMON_CAPS = {"region", "kommun", "stad", "social", "stiftelsen", "föreningen", "svenska", "sveriges"}


def recipient_lines(text: str, pos: int, limit: int = 10) -> list[tuple[int, int]]:
    """The lines listed after "Beslutet skickas till:" (from ``pos``, the end of the cue):
    the rest of the cue's line and the lines below, up to a blank line after the first
    entry, a link, an attachment list or a template placeholder ("Klicka här ...")."""
    from .people import name_on_line

    out: list[tuple[int, int]] = []
    while pos < len(text) and len(out) < limit:
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        line = text[pos:nl].strip()
        if (_PLACEHOLDER.search(line) or "http" in line or _SIGNATURE_OPENING.match(line)
                or (out and KNOWN_HEADINGS.match(line)) or (line and (is_title(line) or name_on_line(line)))):
            break
        if line:
            out.append((pos, nl))
        elif out:
            break
        pos = nl + 1
    return out


def find_recipient_units(text: str) -> list[Org]:
    """Units listed as recipients ("Ekonomiavdelningen", "Upphandlingsenheten"): named only there."""
    out = []
    for m in _SENT_TO.finditer(text):
        for a, b in recipient_lines(text, m.end()):
            # one per line, or several on one: "Socialnämnden, Ekonomienheten och Convictus"
            for part in re.finditer(r"[^,;\n]+", text[a:b]):
                for item in re.split(r"\s+och\s+", part.group(0)):
                    name = item.strip(" \t•-–*.:")
                    start = a + part.start() + part.group(0).find(name)
                    if name and _RECIPIENT_UNIT.match(name):
                        out.append(Org(start, start + len(name), name, OFFICE, _cap(name)))
                    elif _unknown_recipient(name):
                        # listed to receive the decision: an organisation, though no pattern knows it
                        out.append(Org(start, start + len(name), name, NAMED))
    return out


# where a signature block opens: "Vid protokollet", "Justerat 2024-03-01", "Underskrifter"
_SIGNATURE_OPENING = re.compile(r"(?i)bilag|underskrift|justera|vid\s+protokollet|protokollet\s+förs|för\s+kännedom\s*:?$|"
                                r"ordförande\b|sekreterare\b|(?:[a-zåäö]+\s+)?den\s+\d{1,2}\s+[a-zåäö]+\s+\d{4}$")
# a person's title is never an organisation: "Socialchef", "Stadsdelsdirektör", "Sekreterare"
_TITLE_WORD = re.compile(
    r"(?i)^(?:[\w\-]*(?:chef|direktör|sekreterare|ordförande|justerare|handläggare|controller|strateg|utredare|"
    r"samordnare|upphandlare|jurist|ekonom|kommunalråd|regionråd|föreståndare|koordinator|utvecklare|registrator|"
    r"ansvarig|specialist|ledare|assistent|rådgivare|inspektör|konsulent|sakkunnig|revisor|vd)(?:en|n)?)"
    r"(?:[ \t,]+[a-zåäö][\w\-]*){0,5}"
    r"[ \t.,]*$"
)


def is_title(line: str) -> bool:
    """A title line of a signature block ("Socialchef", "Avdelningschef för stöd")."""
    return bool(_TITLE_WORD.match(line.strip()))


_CAPS_WORD = re.compile(rf"(?<![{_W}])[{_UC}]{{2,}}(?![{_W}])")


def uncapitalise(text: str) -> str:
    """"SOCIAL- OCH OMSORGSNÄMNDEN" (a header in capitals) reads as "Social- och
    Omsorgsnämnden"; the same length, so offsets hold."""
    return _CAPS_WORD.sub(lambda m: m.group(0).lower() if m.group(0) in ("OCH", "SAMT") else m.group(0).capitalize(), text)


_NOT_RECIPIENT_ORGS = {
    "akten", "akt", "diariet", "diarium", "registrator", "handläggare", "ordförande", "sökande", "klaganden",
    "den enskilde", "enskild", "berörda", "samtliga", "för kännedom", "ekonomi", "personalen",
}


def _unknown_recipient(name: str) -> bool:
    from .people import find_names

    if not name or not name[0].isupper() or len(name) < 3 or len(name.split()) > 5 or re.search(r"\d|@|http", name):
        return False
    if name.lower() in _NOT_RECIPIENT_ORGS or find_names(name) or _PLACEHOLDER.search(name) or is_title(name):
        return False
    # a name, not a sentence: lower-case words only as joints ("och", "för", "i")
    loose = [w for w in name.split()[1:] if w[:1].islower() and w not in ("och", "för", "i", "&")]
    return len(loose) <= 1


def find_orgs(text: str) -> list[Org]:
    plain = uncapitalise(text)
    by_shape = find_boards(plain) + find_public_bodies(plain)
    for o in by_shape:
        o.text = text[o.start : o.end]
    orgs = (by_shape + find_companies(text) + find_named(text)
            + find_cue_names(text) + find_recipient_units(text))
    # "avtal med Region Östergötland": a recognised name wins over the cue's guess
    orgs = _resolve_overlaps(orgs)
    orgs += _more_mentions(text, orgs)
    orgs = _resolve_overlaps(orgs)
    return [o for o in orgs if not (o.kind == NAMED and _not_an_org(o.text))]


def _not_an_org(name: str) -> bool:
    """A title ("Sekreterare", "Vid protokollet") or a person's name, which a cue took for a name."""
    from .people import find_names

    s = _clean(name)
    return is_title(s) or bool(_SIGNATURE_OPENING.match(s)) or any(b - a == len(s) for a, b, _ in find_names(s))


# --- one canonical name per organisation ------------------------------------------------


def _norm_token(t: str) -> str:
    # written forms of one name differ by genitive -s and definite -en
    # ("Linköping(s) Stadsmission(en)"); both sides of a comparison are cut alike
    t = t.lower().strip(",.:;()")
    if t.endswith(":s"):
        t = t[:-2]
    if t.endswith("s") and len(t) > 4 and not t.endswith("ss"):
        t = t[:-1]
    if t.endswith("en") and len(t) > 7:
        t = t[:-2]
    return t


def name_key(text: str) -> tuple[str, ...]:
    s = _clean(text).replace("&", " och ")
    s = re.sub(r"\s*\([^)]*\)", "", s)
    return tuple(_norm_token(t) for t in s.split() if _norm_token(t))


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _base_form(text: str) -> str:
    s = _clean(text)
    s = re.sub(r"\s*\([^)]*\)$", "", s)
    if s.endswith(":s"):
        s = s[:-2]
    return s


def _genitives(form: str) -> int:
    """Place genitives inside a name: "Linköpings Stadsmission" is the proper form of the
    "Linköping Stadsmission" that PDFs also hold."""
    return sum(w.endswith("s") for w in form.split()[:-1])


def group_orgs(text: str, orgs: list[Org]) -> list[str]:
    """The canonical name of each mention, one per organisation in the document."""
    n = len(orgs)
    uf = _UnionFind(n)
    keys = [name_key(o.canon or o.text) for o in orgs]
    by_key: dict[tuple, int] = {}
    for i, k in enumerate(keys):
        if k in by_key:
            uf.union(by_key[k], i)
        else:
            by_key[k] = i
    # "X (tidigare Y)": Y is X's former name; "X (ABBR)": ABBR is X
    by_start = {o.start: i for i, o in enumerate(orgs)}
    for i, o in enumerate(orgs):
        m = FORMER_RE.match(text, o.end)
        if m:
            j = by_start.get(m.end())
            if j is not None:
                orgs[j].former = True
                uf.union(i, j)
        m = ACRONYM_AFTER_RE.match(text, o.end)
        if m:
            k = name_key(m.group("abbr"))
            if k in by_key:
                uf.union(i, by_key[k])
    # "Stadsdelsnämnden" stands for the one district board the document names
    for generic, suffix in (("stadsdelsnämnden", " stadsdelsnämnd"), ("stadsdelsförvaltningen", " stadsdelsförvaltning")):
        named = {uf.find(j) for j, o in enumerate(orgs) if (o.canon or "").lower().endswith(suffix)}
        if len(named) == 1:
            target = named.pop()
            for i, o in enumerate(orgs):
                if (o.canon or "").lower() == generic:
                    uf.union(target, i)
    # short forms: "Stadsmissionen", "Leanlink" stand for the one longer name they begin or end
    private = [i for i, o in enumerate(orgs) if o.kind not in PUBLIC]
    ends: dict[tuple, set[int]] = {}  # first or last words of a longer name -> its mentions
    for j in private:
        for k in range(1, len(keys[j])):
            ends.setdefault(keys[j][:k], set()).add(j)
            ends.setdefault(keys[j][-k:], set()).add(j)
    for i in private:
        longer = {uf.find(j) for j in ends.get(keys[i], ())}
        if len(longer) == 1:
            uf.union(i, longer.pop())
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(uf.find(i), []).append(i)
    canon = [""] * n
    for members in groups.values():
        fixed = [orgs[i].canon for i in members if orgs[i].canon and orgs[i].kind in PUBLIC | {AGENCY}]
        named = [c for c in fixed if c.lower() not in ("stadsdelsnämnden", "stadsdelsförvaltningen")]
        fixed = named or fixed
        if fixed:
            name = Counter(fixed).most_common(1)[0][0]
        else:
            cands = [i for i in members if not orgs[i].former] or members
            forms = Counter(orgs[i].canon or _base_form(orgs[i].text) for i in cands)
            # forms that differ only by a genitive -s are one form: keep the one without
            for f in list(forms):
                if f.endswith("s") and f[:-1] in forms:
                    forms[f[:-1]] += forms.pop(f)
            name = max(forms, key=lambda f: (len(name_key(f)), _genitives(f), forms[f], -len(re.findall(r"[,&]", f)), -len(f)))
        for i in members:
            canon[i] = name
    return canon


# --- roles ------------------------------------------------------------------------------

_PROPOSAL_SECTION = re.compile(r"^(?:förslag till (?:.+ )?beslut|beslut|\d+\.?\s*beslut)$")
# "Omsorgsnämnden föreslås besluta", "Socialnämnden beslutar", "nämnden har att ta ställning"
_DECIDES_AFTER = re.compile(
    r"\s*(?:föreslås|beslutar|beslöt|beslutade|har\s+beslutat|ska\s+besluta|godkänner|"
    r"fastställer|(?:ska|har\s+att|bör|behöver)\s+(?:ta\s+ställning|besluta|fatta\s+beslut)|"
    r"tar\s+ställning|föreslås\s+besluta)\b",
    re.I,
)
# "föreslår kommunfullmäktige besluta": the body named after the verb decides
# the subject of "X har (sedan 2022) avtal med Y": a name followed by its verb
_SUBJECT_VERB = re.compile(
    r"\s+(?:har|hade|ska|skall|kommer|bör|beslutar|beslöt|föreslås|godkänner|tecknar|tecknade|ingår|"
    r"ingick|förlänger|säger|avser|driver|köper|upphandlar)\b", re.I)
_PROPOSES_TO = re.compile(r"föreslår\s+$", re.I)
_PREPARES_AFTER = re.compile(
    r"\s*(?:föreslår|:s\s+förslag|s\s+förslag|förslag|har\s+(?:tagit\s+fram|utrett)|"
    r"(?:tjänsteskrivelse|tjänsteutlåtande|skrivelse|utredning)\b)", re.I)
_PREPARED_BY_BEFORE = re.compile(
    r"(?:tagits\s+fram|sammanställts|utarbetats|skrivits|utförts|genomförts|gjorts)\s+av\s+$", re.I
)
_FUNDS_AFTER = re.compile(r"\b(?:finansier\w*|bekosta\w*|beställ(?:t|er|de)|gett\s+i\s+uppdrag)\b", re.I)
_STUDY = re.compile(r"(?i)projekt|studie|rapport|utvärdering|forskning|kartläggning|uppdrag|arbetsnotat")
_ON_BEHALF_BEFORE = re.compile(r"(?:på\s+uppdrag\s+av|beställ(?:d|t)\s+av|finansierad?\s+av)\s+$", re.I)
_SENT_TO = re.compile(
    r"(?:beslut(?:et)?\s+(?:ska\s+)?(?:skickas|sänds|expedieras|delges)\s+till|expedieras\s+till|expediering|"
    r"beslutet\s+delges|sändlista|(?:protokolls)?utdrag\s+(?:skickas\s+)?till|kopia\s+(?:av\s+beslut(?:et)?\s+)?till)\s*:?",
    re.I,
)
_PLACEHOLDER = re.compile(r"klicka\s+(?:här|eller\s+tryck)|ange\s+text|skriv\s+text", re.I)
_RECIPIENT_UNIT = re.compile(rf"^[{_UC}][{_W}\-]*(?:avdelningen|enheten|sektionen|förbundet|bolaget)$")
_REPORT_WORDS = re.compile(r"\b(?:ARBETSNOTAT|RAPPORT|Rapport|Arbetsnotat|PM|FoU-rapport|Verksamhetsberättelse|VERKSAMHETSBERÄTTELSE)\b")


@dataclass
class _Ctx:
    doc: Doc
    orgs: list[Org]
    canon: list[str]
    spans: list[Span | None]
    doc_type: str
    contractual: bool
    sent_starts: list[int] = field(default_factory=list)
    text: str = ""  # doc.text, which spaCy rebuilds on every access

    def sentence(self, pos: int) -> tuple[int, int]:
        """Character bounds of the sentence holding ``pos``."""
        k = bisect.bisect_right(self.sent_starts, pos) - 1
        start = self.sent_starts[max(k, 0)]
        end = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(self.text)
        return start, end


_CLAUSE_OPENING = re.compile(r"(?:[.!?:]\s|\n)[ \t]*(?:\d{1,2}[.)]|[-•–]|att)?[ \t]*$")


def _sentence_subject(ctx: _Ctx, i: int) -> bool:
    """Does mention i open its sentence, line or list item? (Read from the text as well
    as from the sentence boundaries: PDF lines make both uncertain.)"""
    o = ctx.orgs[i]
    start, _ = ctx.sentence(o.start)
    if re.fullmatch(r"\s*(?:\d{1,2}[.)]\s*)?", ctx.text[start : o.start]):
        return True
    window = ("\n" if o.start <= 40 else "") + ctx.text[max(0, o.start - 40) : o.start]
    return _CLAUSE_OPENING.search(window) is not None


def _is_contractual(doc: Doc, doc_type: str, text: str | None = None) -> bool:
    if doc_type == "avtal":
        return True
    head = doc.text[:3000].lower() if text is None else text[:3000].lower()
    if doc_type == "rapport":
        return False
    if doc_type == "other":
        return bool(_CONTRACT_DECISION.search(head))
    return bool(re.search(r"avtal|upphandl|tilldelning|uppdrag|leverantör|utförare|överenskommelse", head))


# "Utförare är X", "Leverantör: X", and the parties section's "Beställare\nX"
_SUPPLIER_LABEL = re.compile(
    r"(?i)(?:utförare(?:n)?|leverantör(?:en)?|uppdragstagare(?:n)?)\s*(?:är|blir|:)?\s*$|"
    r"(?:drivs|utförs|bedrivs)\s+(?:i\s*dag\s+|sedan\s+\d{4}\s+)?av\s+$"  # "Verksamheten drivs av X"
)
_BUYER_LABEL = re.compile(r"(?i)(?:beställare(?:n)?|uppdragsgivare(?:n)?)\s*(?:är|:)?\s*$")
# "... avtal med X", "överenskommit med X", "uppdrag till X", "tilldelas X"
_CONTRACT_WITH = re.compile(
    r"(?i)(?:\b[a-zåäö]*avtal(?:et)?|överenskommelse(?:n)?|överenskommit|kontrakt(?:et)?)"
    r"(?:\s+(?:har|ska|som))?(?:\s+(?:tecknas|tecknats|ingås|ingåtts|sluts|slutits))?\s+med\s+$|"
    r"anbud(?:et)?\s+från\s+$|(?:verksamhets)?uppdrag(?:et)?\s+till\s+$|tilldela(?:s|r)?\s+$|anlitar?\s+$"
)
# a decision on a contract: award, sign, extend, terminate
_CONTRACT_DECISION = re.compile(
    r"(?:tilldela(?:s|r)?|ingå|teckna|förlänga?|förlänger|säga\s+upp|sägs\s+upp|uppsägning\s+av)\s+"
    r"(?:\w+\s+){0,3}?(?:hyres|ram)?(?:avtal|kontrakt|överenskommelse)|(?:avtal|kontrakt)\w*\s+[^.]{0,120}?\btilldelas\b"
)
# "Malmö stad, genom arbetsmarknads- och socialnämnden": the municipality acts through its board
_THROUGH = re.compile(r"\s*,?\s*genom\s+(?:sin\s+|dess\s+)?$")
_CONTRACT_BETWEEN = re.compile(r"(?i)avtal(?:et)?\s+mellan\s+$")


class _Roles(dict):
    """Roles by mention index; a mention in a running header takes none."""

    def __init__(self, ctx: _Ctx):
        super().__init__()
        self.ctx = ctx

    def add(self, i: int, role: str) -> None:
        if self.ctx.spans[i] is not None:
            self.setdefault(i, set()).add(role)

    def add_to_group(self, i: int, role: str) -> None:
        """Give ``role`` to mention i, or to the first mention of its organisation outside
        running headers when i itself stands in one."""
        ctx = self.ctx
        target = i if ctx.spans[i] is not None else next(
            (j for j in range(len(ctx.orgs)) if ctx.canon[j] == ctx.canon[i] and ctx.spans[j] is not None), None
        )
        if target is not None:
            self.add(target, role)


def _roles(ctx: _Ctx) -> dict[int, set[str]]:
    roles = _Roles(ctx)
    if ctx.doc_type not in ("avtal", "rapport"):
        for i in _decision_makers(ctx):
            roles.add_to_group(i, "decision_maker")
    if ctx.contractual:
        _contract_roles(ctx, roles)
    _funder_roles(ctx, roles)
    _preparer_roles(ctx, roles)
    for i in _recipients(ctx):
        roles.add(i, "recipient")
    if ctx.contractual and ctx.doc_type != "avtal":
        _focus_suppliers(ctx, roles)
    return dict(roles)


def _live(ctx: _Ctx) -> list[int]:
    return [i for i in range(len(ctx.orgs)) if ctx.spans[i] is not None]


def _contract_roles(ctx: _Ctx, roles: _Roles) -> None:
    """Buyer and supplier from the cues of a contract: labels, appositions, "X har avtal med Y"."""
    orgs, text = ctx.orgs, ctx.text
    live = _live(ctx)
    for i in live:
        o = orgs[i]
        m = ROLE_APPOSITION_RE.match(text, o.end)
        if m:
            roles.add(i, _APPOSITION_ROLE[(m.group("r1") or m.group("r2")).lower()])
        before = text[max(0, o.start - 40) : o.start]
        if _SUPPLIER_LABEL.search(before):
            roles.add(i, "supplier")
        if _BUYER_LABEL.search(before):
            roles.add(i, "buyer")
        # a state agency in "samverkan ... avtal med Polisen" is a partner, not a contractor
        if _CONTRACT_WITH.search(before) and o.kind != AGENCY:
            # the sentence's subject ("Nämnden har sedan 2022 avtal med X") and who acts through
            # whom ("Förvaltningen har genom nämnden överenskommit med X") are the other side
            sent_start, _ = ctx.sentence(o.start)
            subj = [j for j in live if sent_start <= orgs[j].start < o.start
                    and ((_sentence_subject(ctx, j) and _SUBJECT_VERB.match(text, orgs[j].end))
                         or re.search(r"genom\s+$", text[max(0, orgs[j].start - 10) : orgs[j].start]))]
            if o.kind in PUBLIC:
                if any(orgs[j].kind not in PUBLIC for j in subj):
                    roles.add(i, "buyer")
                    for j in subj:
                        if orgs[j].kind not in PUBLIC:
                            roles.add(j, "supplier")
            else:
                roles.add(i, "supplier")
                for j in subj:
                    if (orgs[j].kind in PUBLIC and orgs[j].kind != OFFICE) or (
                        orgs[j].kind == OFFICE and "överenskommit" in text[orgs[j].end : o.start]
                    ):
                        roles.add(j, "buyer")
        if _CONTRACT_BETWEEN.search(before):
            m2 = re.match(r"\s+och\s+", text[o.end : o.end + 10])
            if m2:
                roles.add(i, "buyer" if o.kind in PUBLIC else "supplier")
                for j in live:
                    if orgs[j].start == o.end + m2.end():
                        roles.add(j, "buyer" if orgs[j].kind in PUBLIC else "supplier")
    if ctx.doc_type == "avtal":
        for i, role in _signing_parties(ctx):
            roles.add(i, role)
        # the contract's parties section: "X kommun, genom Y-nämnden, ... och Föreningen Z"
        first = {}
        for i in live:
            first.setdefault(ctx.canon[i], i)
        for i in live:
            o = orgs[i]
            if o.kind not in (BOARD, COUNCIL) or first[ctx.canon[i]] != i:
                continue
            for j in live:
                if orgs[j].kind in (MUNICIPALITY, REGION) and orgs[j].end < o.start and _THROUGH.fullmatch(text[orgs[j].end : o.start]):
                    roles.add(i, "buyer")
                    roles.add(j, "buyer")
    # the board deciding on a contract with a supplier is the one that holds it
    if any("supplier" in rs for rs in roles.values()):
        for i, rs in list(roles.items()):
            if "decision_maker" in rs and orgs[i].kind == BOARD:
                roles.add(i, "buyer")


def _funder_roles(ctx: _Ctx, roles: _Roles) -> None:
    """The buyer of a report or study: who funds or commissions it."""
    if ctx.contractual and ctx.doc_type != "rapport":
        return
    text = ctx.text
    for i in _live(ctx):
        o = ctx.orgs[i]
        if o.kind not in PUBLIC and o.kind != AGENCY:
            continue
        rest = text[o.end : min(ctx.sentence(o.start)[1], o.end + 400)]
        funds = _sentence_subject(ctx, i) and _FUNDS_AFTER.search(rest) and _STUDY.search(rest)
        if funds or _ON_BEHALF_BEFORE.search(text[max(0, o.start - 30) : o.start]):
            roles.add(i, "buyer")


def _preparer_roles(ctx: _Ctx, roles: _Roles) -> None:
    """The office that proposes, whose memo it is or that heads the signature block; a
    report's publisher."""
    orgs, text = ctx.orgs, ctx.text
    for i in _live(ctx):
        o = orgs[i]
        if o.kind == OFFICE and _PREPARES_AFTER.match(text, o.end) and ctx.doc_type != "avtal":
            roles.add(_head_office(ctx, i), "preparer")
        if _PREPARED_BY_BEFORE.search(text[max(0, o.start - 40) : o.start]) and o.kind not in (BOARD, COUNCIL):
            roles.add(i, "preparer")
    if ctx.doc_type != "avtal":
        listed = set(_recipients(ctx))
        for i in _signature_orgs(ctx) + _letterhead_offices(ctx):
            if orgs[i].kind == OFFICE and i not in listed:
                roles.add(i, "preparer")
    if ctx.doc_type == "rapport":
        for name in _report_publishers(ctx):
            roles.add_to_group(ctx.canon.index(name), "preparer")


def _focus_suppliers(ctx: _Ctx, roles: dict[int, set[str]]) -> None:
    """A memo about one contract may mention others ("kommunen har även avtal med Y"):
    when the title or the proposal names a supplier, the others are no party."""
    text = ctx.text
    starts = page_starts(ctx.doc)
    page_end = starts[1] if len(starts) > 1 else len(text)
    first_heading = min((h.start_char for h in ctx.doc.spans.get("headings", [])), default=page_end)
    zones = [(0, min(page_end, first_heading, _nth_line_end(text, 8)))] + proposal_ranges(ctx.doc, text)
    named = {ctx.canon[i] for i, o in enumerate(ctx.orgs) if any(a <= o.start < b for a, b in zones)}
    suppliers = {ctx.canon[i] for i, rs in roles.items() if "supplier" in rs}
    focus = suppliers & named
    if focus:
        for i, rs in roles.items():
            if "supplier" in rs and ctx.canon[i] not in focus:
                rs.discard("supplier")
        for i in [i for i, rs in roles.items() if not rs]:
            del roles[i]


_PROPOSAL_LINE = re.compile(
    r"(?im)^[ \t]*(?:[\wåäö\- ]+s[ \t]+)?förslag[ \t]+till[ \t]+(?:[\wåäö\- ]+[ \t])?(?:beslut|kommunstyrelsen|"
    r"kommunfullmäktige|regionstyrelsen|regionfullmäktige|[\wåäö]+nämnden)[ \t]*:?[ \t]*$"
    r"|^[ \t]*(?:[\wåäö]+s[ \t]+)?(?:beslutsförslag|beslut)[ \t]*:?[ \t]*$"
)


def proposal_ranges(doc: Doc, text: str | None = None) -> list[tuple[int, int]]:
    """Character ranges of the proposed (or taken) decision: under "Förslag till beslut",
    "Förvaltningens förslag till beslut", "Beslut"."""
    text = doc.text if text is None else text
    heads = sorted(h.start_char for h in doc.spans.get("headings", []))
    out = [(s.start_char, s.end_char) for s in doc.spans.get("sections", []) if _PROPOSAL_SECTION.match(s.label_)]
    stops = sorted(heads + [m.start() for m in _SENT_TO.finditer(text)])
    for m in _PROPOSAL_LINE.finditer(text):
        nxt = next((h for h in stops if h > m.end() + 1), len(text))
        out.append((m.end(), min(nxt, m.end() + 1500)))
    return sorted(set(out))


def _head_office(ctx: _Ctx, i: int) -> int:
    """A unit named under its office in the header block ("Farsta stadsdelsförvaltning\n
    Avdelningen för individ- och familjeomsorg"): the office is the one writing."""
    lines = {s: j for j, s, _ in _org_lines(ctx)}
    while True:
        s, _ = _line_bounds(ctx.text, ctx.orgs[i].start)
        if s == 0:
            return i
        prev_start, _ = _line_bounds(ctx.text, s - 1)
        j = lines.get(prev_start)
        if j is None or ctx.orgs[j].kind != OFFICE:
            return i
        i = j


def _decision_makers(ctx: _Ctx) -> list[int]:
    """The body in the proposal heading; else the ones the text says decide, those in the
    proposal first; else, in minutes, the board in the page-1 header."""
    doc, orgs, text = ctx.doc, ctx.orgs, ctx.text
    live = [i for i in range(len(orgs)) if ctx.spans[i] is not None]
    proposal = proposal_ranges(doc, text)
    # "Förslag till social- och omsorgsnämndens beslut", "Utskottets förslag till kommunstyrelsen"
    for m in _PROPOSAL_LINE.finditer(text):
        till = text.find("till", m.start(), m.end())
        found = [i for i in range(len(orgs)) if max(m.start(), till) <= orgs[i].start < m.end() and orgs[i].kind in DECIDING]
        if found:
            return found
    # minutes report what was decided; a memo's background may, but its proposal does not
    past_ok = ctx.doc_type in ("protokoll", "beslut")
    scored: dict[int, int] = {}
    for i in live:
        o = orgs[i]
        if o.kind not in DECIDING:
            continue
        # "Förslag till beslut\nI kommunfullmäktige:" (Göteborg's template)
        in_colon = re.search(r"(?m)^\s*I\s+$", text[max(0, o.start - 6) : o.start]) and re.match(r"\s*:", text[o.end : o.end + 3])
        m = _DECIDES_AFTER.match(text, o.end)
        proposed_to = _PROPOSES_TO.search(text, max(0, o.start - 12), o.start) and re.match(
            r"\s+(?:att\s+)?besluta", text[o.end : o.end + 20])
        if m and not past_ok and re.match(r"\s*(?:beslöt|beslutade|har\s+beslutat)", m.group(0)):
            m = None
        line_start = text.rfind("\n", 0, o.start) + 1
        opens_line = re.fullmatch(r"\s*(?:\d{1,2}[.)]|[-•–]|att)?\s*", text[line_start : o.start]) is not None
        # "1. Farsta stadsdelsnämnd förlänger avtalet": the body that acts in the proposal
        acts = re.match(rf"[ \t]+[{_LC}]", text[o.end : o.end + 3]) and not re.match(r"\s*föreslår", text[o.end : o.end + 12])
        opens_proposal = any(a <= o.start < b for a, b in proposal) and (opens_line or _sentence_subject(ctx, i)) and acts
        # a memo addressed "Till: Socialnämnden" in its header block
        addressed = re.search(r"(?i)(?:^|\n)[ \t]*till[ \t]*:?[ \t]*\n?[ \t]*$", text[max(0, o.start - 20) : o.start])
        if in_colon or m or proposed_to or opens_proposal or addressed:
            in_proposal = any(a <= o.start < b for a, b in proposal)
            scored[i] = 2 if in_proposal or in_colon else 1
    if scored:
        best = max(scored.values())
        return [i for i, v in scored.items() if v == best]
    if ctx.doc_type in ("protokoll", "beslut"):
        starts = page_starts(doc)
        first_page_end = starts[1] if len(starts) > 1 else len(text)
        head_end = min(first_page_end, _nth_line_end(text, 8))
        return [i for i in range(len(orgs)) if orgs[i].start < head_end and orgs[i].kind in (BOARD, COUNCIL)][:1]
    return []


def _nth_line_end(text: str, n: int) -> int:
    pos = 0
    for _ in range(n):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
    return pos


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, (len(text) if e < 0 else e)


def _org_lines(ctx: _Ctx) -> list[tuple[int, int, int]]:
    """Lines that hold nothing but one organisation's name: (mention index, line start, line end)."""
    text = ctx.text
    out = []
    for i, o in enumerate(ctx.orgs):
        if ctx.spans[i] is None:
            continue
        s, e = _line_bounds(text, o.start)
        if re.fullmatch(r"\s*(?:[Ff]ör\s+)?", text[s:o.start]) and re.fullmatch(r"[\s,.]*", text[o.end:e] if o.end <= e else ""):
            out.append((i, s, e))
    return out


def _signature_orgs(ctx: _Ctx) -> list[int]:
    """Org lines in a signature block: closely followed by a person's name line, or closing
    one ("Anna Ek\nSocialdirektör\nSocialförvaltningen")."""
    from .people import TITLE_RE, name_on_line

    text = ctx.text
    out = []
    for i, s, e in _org_lines(ctx):
        following = [ln for ln in text[e + 1 : e + 300].split("\n") if ln.strip()][:3]
        preceding = [ln for ln in text[max(0, s - 200) : s].split("\n") if ln.strip()][-2:]
        closes = len(preceding) == 2 and name_on_line(preceding[0]) and TITLE_RE.match(preceding[1])
        if any(name_on_line(ln) for ln in following) or closes:
            out.append(i)
    return out


def _letterhead_offices(ctx: _Ctx) -> list[int]:
    """The office on a line of its own at the top of page 1, under the municipality's name
    and above the date, case number and title ("Socialförvaltningen\n2024-05-20\nDnr ...")."""
    text = ctx.text
    starts = page_starts(ctx.doc)
    head_end = min(starts[1] if len(starts) > 1 else len(text), _nth_line_end(text, 6))
    first_heading = min((h.start_char for h in ctx.doc.spans.get("headings", [])), default=head_end)
    return [i for i, s, _ in _org_lines(ctx) if s < min(head_end, first_heading + 1) and ctx.orgs[i].kind == OFFICE][:1]


def _signing_parties(ctx: _Ctx) -> list[tuple[int, str]]:
    """In a contract: the parties named in the closing signature block."""
    text = ctx.text
    tail_start = int(len(text) * 0.6)
    out = []
    for i, s, e in _org_lines(ctx):
        if s < tail_start:
            continue
        following = text[e + 1 : e + 400]
        from .people import name_on_line

        if any(name_on_line(ln) for ln in following.split("\n")[:6]):
            o = ctx.orgs[i]
            if o.kind in (BOARD, COUNCIL, MUNICIPALITY, REGION):
                out.append((i, "buyer"))
            elif o.kind not in (OFFICE, AGENCY):
                out.append((i, "supplier"))
    return out


def _report_publishers(ctx: _Ctx) -> list[str]:
    """A report's publisher: the organisation named just before the report word in its
    title block ("Linköpings universitet CKS ARBETSNOTAT" -> CKS)."""
    text = ctx.text
    starts = page_starts(ctx.doc)
    first_end = starts[1] if len(starts) > 1 else len(text)
    head_end = min(first_end, _nth_line_end(text, 4))
    m = _REPORT_WORDS.search(text, 0, head_end)
    if not m:
        return []
    before = [i for i, o in enumerate(ctx.orgs) if o.end <= m.start() and o.start < head_end]
    if not before:
        return []
    last = max(before, key=lambda i: ctx.orgs[i].end)
    if text[ctx.orgs[last].end : m.start()].strip():
        return []
    return [ctx.canon[last]]


def _recipients(ctx: _Ctx) -> list[int]:
    text = ctx.text
    out = []
    for m in _SENT_TO.finditer(text):
        sp = ctx.doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if sp is None or in_boilerplate(sp):
            continue
        for a, b in recipient_lines(text, m.end()):
            out += [i for i, o in enumerate(ctx.orgs) if a <= o.start < b and ctx.spans[i] is not None]
    return out


# --- the component ----------------------------------------------------------------------


def _span(doc: Doc, o: Org) -> Span | None:
    sp = doc.char_span(o.start, o.end, alignment_mode="expand")
    if sp is None or not len(sp) or in_boilerplate(sp):
        return None
    return sp


def annotate(doc: Doc) -> Doc:
    from .doctype import classify

    text = doc.text
    orgs = find_orgs(text)
    canon = group_orgs(text, orgs)
    spans = [_span(doc, o) for o in orgs]
    doc_type = classify(doc, text)
    sent_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    ctx = _Ctx(doc, orgs, canon, spans, doc_type, _is_contractual(doc, doc_type, text), sent_starts, text)
    mentions = []
    for o, c, sp in zip(orgs, canon, spans):
        if sp is None:
            continue
        s = Span(doc, sp.start, sp.end, label="ORG")
        s._.norm = {"name": _clean(o.text), "canonical_name": c}
        mentions.append(s)
    doc.spans["orgs"] = mentions
    parties = []
    for i, roles in sorted(_roles(ctx).items()):
        sp = spans[i]
        for role in ROLES:
            if role in roles:
                s = Span(doc, sp.start, sp.end, label=role)
                s._.norm = {"name": _clean(orgs[i].text), "canonical_name": canon[i], "role": role}
                parties.append(s)
    if not any(s._.norm["role"] == "decision_maker" for s in parties):
        parties += _generic_decision_maker(ctx, parties)
    doc.spans["parties"] = parties
    return doc


_GENERIC_BOARD = re.compile(r"(?<![\w-])(?:[Nn]ämnden|[Ss]tyrelsen)(?=\s+(?:föreslås|beslutar|ska\s+besluta|har\s+att))")


def _generic_decision_maker(ctx: _Ctx, parties: list[Span]) -> list[Span]:
    """"Nämnden föreslås besluta" where the board is named only in the running header:
    the party stands on the word "Nämnden", with the board's name as its canonical name."""
    if ctx.doc_type not in ("tjansteskrivelse", "beslut", "protokoll"):
        return []
    starts = page_starts(ctx.doc)
    head_end = min(starts[1] if len(starts) > 1 else len(ctx.text), _nth_line_end(ctx.text, 8))
    boards = [c for o, c in zip(ctx.orgs, ctx.canon) if o.kind == BOARD and o.start < head_end]
    if not boards:
        boards = sorted({c for o, c in zip(ctx.orgs, ctx.canon) if o.kind == BOARD})
        if len(boards) != 1:
            return []
    out = []
    for a, b in proposal_ranges(ctx.doc, ctx.text):
        for m in _GENERIC_BOARD.finditer(ctx.text, a, b):
            sp = ctx.doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if sp is None or in_boilerplate(sp):
                continue
            roles = ["decision_maker"]
            if ctx.contractual and any(p._.norm["role"] == "supplier" for p in parties) and not any(
                p._.norm["role"] == "buyer" for p in parties
            ):
                roles.append("buyer")
            for role in roles:
                s = Span(ctx.doc, sp.start, sp.end, label=role)
                s._.norm = {"name": m.group(0), "canonical_name": boards[0], "role": role}
                out.append(s)
            return out
    return out


@Language.factory("muni_parties")
def make_parties(nlp: Language, name: str):
    gazetteers()  # compile once, when the pipeline is built
    return annotate
