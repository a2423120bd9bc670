"""Organisation mentions: boards, offices, municipalities, regions, companies, associations.

``find_orgs(text)`` returns every organisation named in a text, recognised by the shape
of Swedish organisation names (boards and offices end in -nämnden, -styrelsen,
-förvaltningen, -kontoret; companies carry AB, ekonomisk förening, stiftelse ...),
gazetteers in ``data/`` (municipalities, regions, named agencies and operators), names
that a cue introduces ("avtal med X", "utförare är X", "X (utföraren)") and the units
listed under "Beslutet skickas till". Titles ("Socialchef") and persons are never
organisations. The roles these organisations play are ``parties.py``'s work.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .layout import KNOWN_HEADINGS, case_folded
from .scan import Ranges, finditer_near, matches_at, stands_alone, trie_alternation, word_spans

DATA = Path(__file__).parent / "data"

# kinds of organisation; the public ones decide and buy, the others supply
BOARD, COUNCIL, OFFICE = "board", "council", "office"
MUNICIPALITY, REGION, AGENCY = "municipality", "region", "agency"
COMPANY, PROVIDER, NAMED = "company", "provider", "named"
# central purchasing bodies ("Upphandlingscenter", "Adda Inköpscentral AB") buy for the
# municipalities they serve: the public side of a contract, though they decide nothing
PROCURER = "procurer"
PUBLIC = {BOARD, COUNCIL, OFFICE, MUNICIPALITY, REGION, PROCURER}
DECIDING = {BOARD, COUNCIL, MUNICIPALITY, REGION}


_UC = "A-ZÅÄÖÉÜ"
_LC = "a-zåäöéüè"
_W = f"{_UC}{_LC}"
_NB = rf"(?<![{_W}\-])"  # no word character (or hyphen) before
# The same test written after a pattern's first character, so that the character leads the
# pattern: the engine then jumps from one place the character stands to the next instead
# of trying the lookbehind at every position (3-4 times faster on a long text).
_NB1 = rf"(?<![{_W}\-].)"
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
    muni_re = re.compile(rf"(?P<place>{_led_by_first(forms)})\s+(?P<suffix>[Kk]ommun|[Ss]tad)(?P<gen>s)?{_NA}")

    region_canon: dict[str, str] = {}
    for line in _lines("regions.txt"):
        names = line.split("|")
        for n in names:
            region_canon[n.lower()] = names[0]
    ralt = trie_alternation(region_canon)
    region_re = re.compile(
        rf"{_NB}{_starts_with([*region_canon, 'Region', 'Landstinget'], any_case=True)}(?P<name>(?i:{ralt})|Region\s+[{_UC}][{_LC}]+(?:\s+län)?"
        rf"|Landstinget\s+i\s+[{_UC}][{_LC}]+(?:\s+län)?)(?P<gen>s)?{_NA}"
    )

    named_canon: dict[str, tuple[str, str]] = {}
    written: set[str] = set()
    for line in _lines("organisations.txt"):
        kind, _, names = line.partition("\t")
        parts = names.split("|")
        written.update(parts)
        for n in parts:
            named_canon[n.lower()] = (parts[0], {"provider": PROVIDER, "procurer": PROCURER}.get(kind, AGENCY))
    nalt = trie_alternation(form for n in written for form in _first_letter_any_case(n))
    # (the names begin with letters of either case, most of the letters: led by them it is slower)
    named_re = re.compile(rf"{_NB}{_starts_with(written, any_case=True)}(?P<name>{nalt})(?P<gen>s|:s)?{_NA}")
    places = frozenset(k for k in gen)
    return Gazetteers(muni_re, gen, region_re, region_canon, named_re, named_canon, places)


def _led_by_first(words) -> str:
    """``trie_alternation(words)`` with ``_NB1`` after each first character."""
    by_first: dict[str, list[str]] = {}
    for w in words:
        by_first.setdefault(w[0], []).append(w[1:])
    return "(?:" + "|".join(re.escape(c) + _NB1 + trie_alternation(rest) for c, rest in sorted(by_first.items())) + ")"


def _cases(*words: str) -> list[str]:
    return [f(w[0]) + w[1:] for w in words for f in (str.upper, str.lower)]


def _starts_with(names, any_case: bool = False) -> str:
    """A lookahead on the first characters of ``names``: a long alternation is then tried
    only where one of them can begin, not at every position of the text."""
    firsts = {n[0] for n in names if n}
    if any_case:
        firsts |= {c.upper() for c in firsts} | {c.lower() for c in firsts}
    return "(?=[" + "".join(sorted(re.escape(c) for c in firsts)) + "])"


def _first_letter_any_case(name: str) -> set[str]:
    first = name[:1]
    # "polisen" in running text is Polisen; acronyms keep their case
    if first.isalpha() and not (len(name) > 1 and name[1].isupper()):
        return {first.upper() + name[1:], first.lower() + name[1:]}
    return {name}


# --- name shapes ---------------------------------------------------------------------

# Boards, offices and councils: "Omsorgsnämnden", "kommunstyrelsens",
# "Social- och omsorgsförvaltningen", "Kultur-, fritids- och idrottsnämnden",
# "kommunfullmäktige". The coordinated first part may lose its hyphen ("social och
# omsorgsförvaltningen"): accepted only when the document also writes it properly.
_UNIT_END = r"(?:nämnd(?:en)?|styrelse(?:n)?|förvaltning(?:en)?|kontor(?:et)?|fullmäktige)"
# A member that is a whole board itself is a body of its own: "Kommunstyrelsen och socialnämnden".
_NOT_UNIT = rf"(?![{_W}]*{_UNIT_END}s?[\s,])"
BOARD_RE = re.compile(
    rf"{_NB}(?P<coord>(?:{_NOT_UNIT}[{_W}]{{2,}}(?:[-–—]?,\s+|[ \t]+samt[ \t]+))*{_NOT_UNIT}[{_W}]{{2,}}(?P<hy>[-–—]?)[\s:;'’`´]*(?:och|samt|&)\s+)?"
    # "omsorgs- nämnden", "social-\nnämnden": a word split by the hyphen of a line break.
    # (The whole word is tried before the split one: a lazy run before the split and another
    # after it would try every two places in the word.)
    rf"(?P<head>[{_W}]{{2,}}?{_UNIT_END}|[{_W}]{{2,}}-[ \t]*\n?[ \t]*(?=[{_LC}]*{_UNIT_END})[{_W}]*?{_UNIT_END})(?P<gen>s)?{_NA}"
)
# the unit word every board name holds, a few coordinated members after the name's start
_UNIT_ANCHOR = ("nämnd", "styrelse", "förvaltning", "kontor", "fullmäktige")
# "Nämnden för funktionsstöd", "Förvaltningen för arbetsmarknad och vuxenutbildning"
_VERBS = (r"beslut\w*|föresl\w*|godkänn\w*|fastställ\w*|ansvarar|anser|bör|får|vill|kommer|"
          r"lämnar|tar|ger|yttrar|önskar|hade|var|skall|tecknar|säger|förlänger|avslår|bifaller")
BOARD_FOR_RE = re.compile(
    rf"(?P<head>{_led_by_first(_cases('Nämnden', 'Styrelsen', 'Förvaltningen', 'Kontoret'))}(?P<gen>s)?\s+för"
    rf"(?:(?:(?:\s+med(?=\s))?\s+(?!(?:i|att|som|är|har|ska|kan|och|med|om|på|till|av|den|det|de|en|ett|sin|sitt|sina|dess|egen|"
    rf"detta|denna|närvarande|året|perioden|{_VERBS})\b)[{_LC}][{_LC}\-]*|[ \t]+[{_UC}][{_LC}]+)"
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
    rf"[ksr{_UC}](?:(?<=k)ommuns|(?<=s)tads|(?<=k)ommunens|(?<=r)egionens|(?<=[{_UC}])[{_LC}]+s)[ \t]+"
    rf"(?P<head>[{_LC}]{{3,}}?(?:nämnd|styrelse|förvaltning|kontor))(?P<gen>s)?{_NA}"
)
# "Regionala utvecklingsnämnden", "Gemensamma nämnden för upphandlingssamverkan", "Tekniska nämnden":
# a capitalised weak adjective before the board
ADJ_BOARD_RE = re.compile(
    # (the words excluded are tested at the adjective's end: only its first letter is a capital)
    rf"(?P<name>[{_UC}]{_NB1}[{_LC}]{{3,}}a"
    + "".join(f"(?<!{w})" for w in ("Hela", "Samma", "Båda", "Andra", "Enda", "Första", "Sista", "Nya", "Gamla",
                                    "Denna", "Dessa", "Vilka", "Alla"))
    + rf"[ \t]+"
    rf"[{_LC}]*(?:nämnden|styrelsen|förvaltningen|kontoret)(?:[ \t]+för(?:[ \t]+(?!(?:i|att|som|är|har|ska|kan|med|om|på|till|av|den|det|de)\b)[{_LC}]+){{1,3}})?)"
    rf"(?P<gen>s)?{_NA}"
)
# Örebro-style boards named by their programme: "Programnämnd social välfärd",
# "Programnämnd samhällsbyggnad" (the name runs on in lower case, without "för")
PROGRAM_BOARD_RE = re.compile(
    rf"{_NB}(?P<name>[Pp]rogramnämnd(?:[ \t]+(?!(?:i|att|som|är|har|ska|kan|och|med|om|på|till|av|den|det|de|"
    rf"en|ett|har|hade|under|efter|enligt|{_VERBS})\b)[{_LC}]{{3,}}){{1,3}})(?P<gen>s)?{_NA}"
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

# Kommunalförbund, which act as a municipality of their own ("rättsligt att betrakta som en
# egen kommun"): "Kommunalförbundet Räddningstjänsten Östra Götaland", "Samordningsförbundet
# Botkyrka, Huddinge och Salem", "Medelpads räddningstjänstförbund"; and their board,
# "Direktionen" ("förbundsdirektionen", "direktionens"). Only the federation kinds of
# förbund: "Brandmännens Riksförbund" is a union, "förbundet" alone a pronoun.
_FEDERATION_STEM = (r"(?:[Kk]ommunal|[Rr]äddningstjänst|[Ss]amordnings|[Rr]egion|[Vv]atten|[Aa]vfalls|[Rr]enhållnings|"
                    r"[Mm]iljö|[Uu]tbildnings|[Gg]ymnasie|[Ss]otnings|[Öö]verförmyndar|[Ss]jukvårds|[Hh]älso)förbund")
_FED_NAME = rf"[{_UC}][\w\-]+(?:(?:,[ \t]+|[ \t]+och[ \t]+|[ \t]+)[{_UC}][\w\-]+){{0,4}}"
FEDERATION_RE = re.compile(
    rf"{_NB}(?P<name>{_FEDERATION_STEM}et[ \t]+{_FED_NAME}"
    rf"|(?:(?:Västra|Östra|Norra|Södra|Mellersta|Nedre|Övre)[ \t]+)?[{_UC}][{_LC}]+s[ \t]+{_FEDERATION_STEM}(?:et)?)(?P<gen>s)?{_NA}"
)
DIREKTION_RE = re.compile(rf"{_NB}(?P<name>(?:[Ff]örbunds)?[Dd]irektionen)(?P<gen>s)?{_NA}")

# Organisations with a head noun and a "för"-phrase: "Centrum för kommunstrategiska
# studier", "Myndigheten för vårdanalys", "Inspektionen för vård och omsorg".
_STOP = r"(?:i|att|som|är|har|var|ska|kan|med|av|till|på|om|den|det|de|en|ett|vid|under|från|efter|inom|genom|mellan|samt|eller|men|för|och)"
_HEAD_NOUNS = ("Centrum", "Centret", "Forum", "Institutet", "Myndigheten", "Inspektionen", "Föreningen", "Förbundet",
               "Stiftelsen", "Rådet", "Nätverket", "Akademin", "Sällskapet", "Kommittén", "Delegationen", "Enheten",
               "Avdelningen")
HEAD_FOR_RE = re.compile(
    rf"(?P<name>{_led_by_first(_HEAD_NOUNS)}"
    rf"\s+(?:för|mot)(?:\s+(?!{_STOP}\b)[{_LC}][{_LC}\-]+)(?:(?:\s+och|,)?\s+(?!{_STOP}\b)[{_LC}][{_LC}\-]+){{0,3}})"
)

# its own name, capitalised, or after the owner's name ("Storstadsregionens inköpscentral");
# "kommunens upphandlingscenter" is the municipality's unit, not a name
PROCURER_RE = re.compile(
    rf"(?P<name>[{_UC}]{_NB1}(?:[{_LC}]+s(?<!Kommunens)(?<!Regionens)(?<!Stadens)(?<!Förvaltningens)[ \t]+[UuIi]|(?<=[UI]))"
    # written in camel case too ("UpphandlingsCenter")
    rf"(?:pphandlings[cC]ent(?:er|ret|rum)|nköps[cC]entral(?:en)?))(?P<gen>s)?{_NA}"
)

_FOUNDERS_RE = re.compile(rf"[{_UC}]{_NB1}[{_LC}]+(?:[ \t]+[{_UC}][{_LC}]+)?[ \t]+&[ \t]+(?:Partners?|Co|Söner|Son){_NA}")
# what every match of the two above holds: a text without it needs no search
_FOUNDERS_TAIL = re.compile(rf"&(?<=[ \t]&)[ \t]+(?:Partners?|Co|Söner|Son){_NA}")
_PROCURER_WORDS = ("pphandlingsc", "pphandlingsC", "nköpscentral", "nköpsCentral")

# Companies and associations by their legal form.
_FORM = (
    r"AB|Aktiebolag|HB|KB|Handelsbolag|Kommanditbolag|ek\.\s?för\.|ekonomisk förening|"
    r"ideell förening|stiftelse|Stiftelse|Ideell förening|Ekonomisk förening|i Sverige AB|"
    # suppliers from abroad bid too: Finnish, Norwegian, Danish, German, Dutch, British
    r"Oyj?|ASA|AS|A/S|ApS|GmbH|AG|B\.V\.|BV|N\.V\.|Ltd\.?|Limited|Plc|plc|Inc\.?|LLC"
)
# the space before the form is part of the match (not a lookbehind): the engine then jumps
# from space to space; the name ends at the form's start
COMPANY_SUFFIX_RE = re.compile(rf"\s(?P<form>{_FORM})(?P<gen>s)?{_NA}")
COMPANY_PREFIX_RE = re.compile(
    rf"(?P<name>(?:A{_NB1}B|S{_NB1}tiftelsen|F{_NB1}öreningen(?<=(?P<assoc>Föreningen))|K{_NB1}ooperativet|B{_NB1}ostadsrättsföreningen)[ \t]+"
    # the place is part of an association's name ("Föreningen Kvinnojouren Vilja i Hässleholm"),
    # where a foundation's is where it works ("Stiftelsen Hela Människan i Malmö")
    rf"[{_UC}][\w&\-]*(?:[ \t]+[{_UC}][\w&\-]*){{0,3}}(?(assoc)(?:[ \t]+i[ \t]+[{_UC}][{_LC}]+(?![ \t]+(?:kommun|stad)\b))?))(?P<gen>s)?{_NA}"
)
_NAME_STOP = {
    "med", "och", "av", "till", "i", "på", "för", "att", "som", "är", "har", "var", "från",
    "om", "den", "det", "de", "en", "ett", "vid", "mellan", "samt", "eller", "genom", "hos",
    "avtal", "avtalet", "bolaget", "företaget", "leverantören", "utföraren", "privata",
}

# A sports club by the letters of its kind: "Skäretsvallens IK", "Ekby IF", "Norrby BK", "IFK Ekby".
# The words before are the club's name (a place, a genitive), never a sentence word: so capitalised,
# and the first not a sentence's opening function word.
_CLUB = r"IK|IF|BK|FF|FK|IBK|GoIF|BoIS"
SPORTS_CLUB_RE = re.compile(
    rf"{_NB}(?P<name>(?!(?:Den|Det|En|Ett|Att|Om|Med|I|På|Av|Och|För|Till|Från|Hos|Vid|Mot)[ \t])[{_UC}][{_LC}]+(?:[ \t\-][{_UC}][{_LC}]+)?"
    rf"[ \t](?:{_CLUB})|IFK[ \t][{_UC}][{_LC}]+)(?::?s)?{_NA}"
)
_CLUB_ANCHOR = ("IK", "IF", "BK", "IBK", "FF", "FK", "GoIF", "BoIS")  # (in "IFK" too)
_NOT_IN_CLUB = re.compile(rf"[^{_W} \t\-:]")

# Stadsmission(en), with the place it belongs to: "Östergötlands Stadsmission".
MISSION_RE = re.compile(
    rf"{_NB}(?P<name>(?:(?P<place>[{_UC}][{_LC}]+)\s+)?(?:[Ss]tadsmission|Räddningsmission)(?:en)?)(?P<gen>s)?{_NA}"
)

# Key words that the patterns above must hold near their start (scan.finditer_near):
# the long patterns are tried only around them.
_FEDERATION_ANCHOR = ("förbund",)
_DIREKTION_ANCHOR = ("irektion",)
_MISSION_ANCHOR = ("ission",)
_PROGRAM_ANCHOR = ("rogramnämnd",)
_UTSKOTT_ANCHOR = ("utskott",)
_OFFICE_ANCHOR = ("avdelningen", "enheten", "staben", "sekretariatet", "kansliet")
_STADSDEL_ANCHOR = ("stadsdels",)
_NOT_IN_UNIT = re.compile(rf"[^{_W}\-]")  # what UNIT_RE never holds

# A name introduced by a cue: "avtal med X", "utförare är X", "uppdrag till X".
_CUE = (
    r"(?:[a-zåäö]*avtal(?:et)?|överenskommelse(?:n)?|kontrakt(?:et)?)(?:\s+(?:har|ska|som|har\s+tidigare))?"
    r"(?:\s+(?:tecknas|tecknats|ingås|ingåtts|sluts|slutits|träffas|träffats))?\s+(?:med|mellan)|"
    r"anbud(?:et)?\s+från|"
    r"överenskommit\s+med|utförare(?:n)?\s+(?:är|blir|har\s+varit)|leverantör(?:en)?\s+(?:är|blir)|"
    r"(?:verksamhets)?uppdrag(?:et)?\s+till|tilldela(?:s|r)?|tilldelning\s+till|"
    r"anlita(?:r|s)?|upphandlats?\s+av|drivs\s+av|utförs\s+av|"
    # "borgen för den ideella föreningen Tyresö Båtklubb": the legal form written before the name
    r"(?:den\s+)?(?:ideella|ekonomiska)\s+föreningen"
)
CUE_NAME_RE = re.compile(
    rf"(?i:(?<![{_W}])(?:{_CUE}))[ \t]*\n?[ \t]*(?P<name>[{_UC}][\w&.\-]*(?:(?:[ \t]+|,[ \t]+(?=[{_UC}][\w\-]*[ \t]+&)|[ \t]+&[ \t]+|[ \t]+och[ \t]+)[{_UC}&][\w&.\-]*){{0,4}})"
)
# "X (utföraren)", "X, nedan kallad leverantören"
# (also after the party's organisation number: "Föreningen X (org.nr 769612-3456), nedan kallad Föreningen")
_ROLE_NOUN = (r"utföraren|leverantören|entreprenören|anordnaren|uppdragstagaren|beställaren|uppdragsgivaren|köparen|"
              r"säljaren|kommunen|staden|regionen|föreningen|stiftelsen|bolaget|organisationen|"
              # a lease's and a samverkansavtal's sides: who lets out or hosts, who takes or joins
              r"hyresvärden|upplåtaren|värdkommunen|hyresgästen|arrendatorn|nyttjanderättshavaren")
# the organisation number between name and role, written "(org.nr 556677-1234)", "(556677-1234)"
# or ", 212000-1234", with the postal town in capitals after it in some templates (", VISBY")
_ORG_NUMBER = (r"(?:\s*,?\s*(?:\((?:(?:org\.?\s*(?:nr|nummer)|organisationsnummer)[^)\n]{0,30}|\d{6}-?\d{4})\)|"
               r"(?:(?:org\.?\s*(?:nr|nummer)|organisationsnummer)\.?:?\s*)?\d{6}-?\d{4})(?:\s*,\s*[A-ZÅÄÖ]{3,})?)?"
               # and the party's address after it: ", Vallvägen 3, 451 55 Ekby"
               r"(?:\s*,\s*[A-ZÅÄÖ][\wåäö\-]*(?:[ \t][\wåäö\-]+){0,3}[ \t]\d{1,4}[A-Za-z]?)?(?:\s*,\s*\d{3}[ \t]?\d{2}[ \t]+[A-ZÅÄÖ][\wåäö\-]+)?")
ROLE_APPOSITION_RE = re.compile(
    _ORG_NUMBER
    + rf"\s*(?:\(\s*(?:nedan\s+(?:kallad|kallat|benämnd|benämnt)?\s*)?[\"”']?(?P<r1>{_ROLE_NOUN})[\"”']?\s*\)|,?\s*nedan\s+(?:kallad\s+|kallat\s+|benämnd\s+|benämnt\s+)?[\"”']?"
    rf"(?P<r2>{_ROLE_NOUN}))",
    re.I,
)
# the public side buys, the association or company supplies: parties.py checks the kind
_APPOSITION_ROLE = {
    "utföraren": "supplier", "leverantören": "supplier", "säljaren": "supplier", "föreningen": "supplier",
    "entreprenören": "supplier", "anordnaren": "supplier", "uppdragstagaren": "supplier",
    "stiftelsen": "supplier", "bolaget": "supplier", "organisationen": "supplier",
    "beställaren": "buyer", "uppdragsgivaren": "buyer", "köparen": "buyer", "kommunen": "buyer",
    "staden": "buyer", "regionen": "buyer",
    # a lease: the side that lets out supplies, the side that takes buys; the host municipality
    # of a samverkansavtal performs the service for the others
    "hyresvärden": "supplier", "upplåtaren": "supplier", "värdkommunen": "supplier",
    "hyresgästen": "buyer", "arrendatorn": "buyer", "nyttjanderättshavaren": "buyer",
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
    s = re.sub(r"(?<=[a-zåäö])-\s+(?!och\b|samt\b)(?=[a-zåäö]+$)", "", s)  # "omsorgs- nämnden"
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
    for m in finditer_near(BOARD_RE, text, _UNIT_ANCHOR, before=200):
        head = m.group("head")
        if head.lower() in _GENERIC_HEADS or _NOT_BOARDS.match(head):
            continue
        start = m.start()
        coord = m.group("coord")
        for sm in reversed(list(re.finditer(r"[ \t]+samt[ \t]+(?=\S)", coord or ""))):
            word = coord[: sm.start()].split()[-1].lower()
            if word.rstrip(",-–—") in _samt_first(text) and not re.search(rf"{_UNIT_END}s?,?$", word):
                continue  # the member belongs to the name
            start = m.start() + sm.end()  # "Kommunstyrelsen samt vård- och omsorgsnämnden": two bodies
            coord = coord[sm.end() :]
            break
        if coord and m.group("hy"):
            # the members of a hyphenated coordination all carry the hyphen ("Kultur-, fritids-
            # och idrottsnämnden"): a word before a comma without it ends a name of its own
            # ("Motala kommun, vård- och omsorgsnämnden": the municipality, then its board)
            # (a capitalised first member is the name's start, its hyphen forgotten: "Kultur,
            # fritids- och idrottsnämnden"; not after a capitalised word: "Region Gotland, ...")
            bare = None
            forgot = coord[:1].isupper() and not re.search(rf"[{_UC}][{_LC}]*[ \t]+$", text[max(0, m.start() - 40) : m.start()])
            for cm in re.finditer(rf"[{_W}],\s+", coord):
                if not (bare is None and forgot and not re.search(r"\s", coord[: cm.start()])):
                    bare = cm
            if bare:
                start = m.start() + bare.end()
                coord = coord[bare.end() :]
        if coord:
            first = coord.split()[0].rstrip(",-").lower()
            if first in ("och", "samt") or first in _NAME_STOP:
                start = m.start("head")
            elif not m.group("hy") and not re.search(r"[-–—]", coord):
                # "social och omsorgsnämnden": one board only if "social- och" is written elsewhere
                if first not in _hyphenated(text):
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
        # "Tekniska kontoret", "Sociala förvaltningen": an office named the same way as a board
        name = _clean(m.group("name"))
        out.append(Org(m.start(), m.end(), m.group(0), _board_kind(name.split(" för ")[0]), name))
    for m in finditer_near(PROGRAM_BOARD_RE, text, _PROGRAM_ANCHOR, before=2):
        out.append(Org(m.start(), m.end(), m.group(0), BOARD, _cap(_clean(m.group("name")))))
    for m in finditer_near(UTSKOTT_RE, text, _UTSKOTT_ANCHOR, before=80):
        name = m.group("name")
        canon = name if " " in name or name.endswith("et") else name + "et"
        out.append(Org(m.start(), m.end(), m.group(0), BOARD, canon))
    for m in OWNED_BOARD_RE.finditer(text):
        head = m.group("head")
        canon = _cap(head) + ("en" if head.endswith(("nämnd", "förvaltning")) else "et" if head.endswith("kontor") else "n")
        out.append(Org(m.start("head"), m.end(), text[m.start("head") : m.end()], _board_kind(canon), canon))
    for m in finditer_near(UNIT_RE, text, _OFFICE_ANCHOR, before=60, stop=_NOT_IN_UNIT):
        out.append(Org(m.start(), m.end(), m.group(0), OFFICE, m.group("name")))
    for m in finditer_near(STADSDEL_RE, text, _STADSDEL_ANCHOR, before=80):
        kind = BOARD if m.group("name").endswith("nämnd") else OFFICE
        out.append(Org(m.start(), m.end(), m.group(0), kind, _clean(m.group("name"))))
    found = []
    for m in BOARD_FOR_RE.finditer(text):
        written = _board_for_name(text, m)
        if re.search(r"[ \t](?:Ab|Hb|Kb)$", written) or re.match(r"[ \t]+(?:Ab|Hb|Kb|AB|HB|KB)\b", text[m.start() + len(written) :]):
            continue  # "Styrelsen för Solby Energi AB": the company's board, read as the company
        canon = _cap(_clean(written)).replace("Nämndens", "Nämnden").replace("Styrelsens", "Styrelsen")
        canon = canon.replace("Förvaltningens", "Förvaltningen").replace("Kontorets", "Kontoret")
        found.append((m, written, canon))
    capitalised = {canon.lower() for m, written, canon in found if written[:1].isupper()}
    for m, written, canon in found:
        # "nämnden för X" in lower case is a name when the document also writes it with its
        # capital, or in Göteborg's "I nämnden för X:"
        if written[:1].islower() and canon.lower() not in capitalised and not re.match(r"\s*:", text[m.start() + len(written):]):
            continue
        kind = OFFICE if written.lower().startswith(("förvaltning", "kontor")) else BOARD
        out.append(Org(m.start(), m.start() + len(written), written, kind, canon))
    return out


# (the two below are asked for by few documents: found only then, once per text)
@lru_cache(maxsize=1)
def _hyphenated(text: str) -> set[str]:
    return {m.group(1) for m in finditer_near(_HYPHEN_MEMBER, text.lower(), _HYPHEN_OCH, before=60)}


@lru_cache(maxsize=1)
def _samt_first(text: str) -> set[str]:
    # "Äldre samt vård- och omsorgsnämnden": a first member joined by "samt" belongs to the
    # name when it is written with its capital somewhere ("beslut om äldre samt ..." is prose)
    return {m.group(1).lower() for m in re.finditer(rf"([{_UC}]{_NB1}[{_LC}]+)[ \t]+samt[ \t]+[{_LC}]+[-–—]", text)}


# what may follow a "för"-phrase whose "med" belongs to it: the clause goes on with a verb,
# a coordinated name, a date, or ends ("Nämnden för personer med funktionsnedsättning beslutar")
_AFTER_FOR_PHRASE = re.compile(
    rf"\s*(?:$|[.,;:)\n]|(?:och|samt|den\s+\d|har|hade|är|var|ska|kan|{_VERBS})(?![{_W}]))")


def _board_for_name(text: str, m: re.Match) -> str:
    """The written name of a BOARD_FOR_RE match. A lower-case "för"-phrase ends before a
    capitalised word ("Nämnden för vård och Bergsgårdens Omsorg AB" are two parties); a
    "med" in it belongs to the name only when the name is followed by what ends a name
    ("personer med funktionsnedsättning beslutar", not "teknik med hjälp av")."""
    written = m.group("head")
    head_end = re.match(r"\S+\s+för", written).end()
    if re.match(rf"\s+[{_LC}]", written[head_end:]):
        cap = re.search(rf"[ \t]+[{_UC}]", written[head_end:])
        if cap:
            written = written[: head_end + cap.start()]
    written = re.sub(r"(?:,|\s+och|\s+&)$", "", written)
    med = re.search(r"\s+med\s", written[head_end:])
    if med and not _AFTER_FOR_PHRASE.match(text, m.start() + len(written)):
        written = written[: head_end + med.start()]
    return written


def find_public_bodies(text: str) -> list[Org]:
    """Municipalities and regions named in ``text`` (also used for the authority)."""
    return [Org(*o) for o in _public_bodies(text)]


@lru_cache(maxsize=32)
def _public_bodies(text: str) -> tuple[tuple, ...]:
    # the authority is looked for in the whole text again after the parties (fresh Orgs
    # each time: find_orgs rewrites their text)
    gz = gazetteers()
    out = []
    for m in gz.municipality_re.finditer(text):
        gen = gz.municipality_gen[m.group("place").lower()]
        suffix = m.group("suffix")
        canon = f"{gen} {'kommun' if suffix.lower() == 'kommun' else suffix}"
        out.append((m.start(), m.end(), m.group(0), MUNICIPALITY, canon))
    for m in gz.region_re.finditer(text):
        name = _clean(m.group("name"))
        canon = gz.region_canon.get(name.lower(), name)
        out.append((m.start(), m.end(), m.group(0), REGION, canon))
    return tuple(out)


def _walk_back_name(text: str, end: int, limit: int = 5) -> int | None:
    """Start of a company name that ends at ``end`` (just before its legal form): the
    capitalised words before it on its line, with lower-case words between them
    ("VisVitalis omsorg AB") but no function words ("avtal med Misa AB")."""
    line_start = text.rfind("\n", 0, end) + 1
    # a prose line that wraps inside the name ("... till Familjehemsbyrån\nVätterbygden AB i ..."):
    # the name may begin on the line above; a heading, a list or a letterhead line does not wrap
    if line_start >= 2 and text[line_start - 2] != "\n":
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        prev = text[prev_start : line_start - 1]
        if len(prev) >= 40 and not prev.rstrip().endswith((".", ":", ";", ",")) and len(re.findall(rf"(?<![{_W}])[{_LC}]+", prev)) >= 3:
            line_start = prev_start
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
        if w == "och" and start is not None and _joins_name(text, [x.group(0) for x in tokens[max(0, k - 2) : k + 2]]):
            continue  # "Norrskenets Stöd och Omsorg AB": coordinated nouns inside one name
        if (w.lower() in _NAME_STOP or w.lower() in ("styrelsen", "styrelsens")) and w[:1].isupper():
            break  # "För Attendo Sverige AB", "Styrelsen för Solby Energi AB"
        if _doc_word(w):
            break  # "3 Tillsynsrapport Solbacka Bygg AB": the document's kind, then the name
        if start is not None and w.isupper() and len(w) >= 5 and not text[start:end].split()[0].isupper():
            break  # "SÖKANDE Norrlands Bygg AB": a form's label in capitals before a name that is not
        if w[:1].isdigit() and start is not None and re.fullmatch(r"\d+(?:\.\d+)*\.?", w) and (
                k == 0 or _doc_word(tokens[k - 1].group(0))):
            break  # "3 Solbacka Bygg AB" at a line's start, "Bilaga 2 ...": an item's number, not the name's
        if w[:1].isupper() or w[:1].isdigit() or w == "&":
            start = line_start + t.start()
        elif w.lower() in _NAME_STOP or not w.isalpha():
            break
    return start


# the kind of a document, its part or a form's field, capitalised before a name on a heading line
_DOC_WORDS = ("rapport", "protokoll", "protokollsutdrag", "beslut", "skrivelse", "utlåtande", "yttrande", "bilaga",
              "ansökan", "kallelse", "anmälan", "föreläggande", "sökande", "mottagare", "avsändare", "ärende", "rubrik")


def _doc_word(w: str) -> bool:
    return w.lower().endswith(_DOC_WORDS) and w.isalpha()


def _joins_name(text: str, words: list[str]) -> bool:
    """Does the "och" in ``words`` (the two words before it, "och", the word after) join
    two nouns of one company name rather than two names? It does when both neighbours are
    capitalised, the first is no organisation of its own ("Kommunstyrelsen och X AB",
    "Humana AB och Y AB"), and they read as common nouns: after an owner's genitive
    ("Mellandalens Vatten och Avfall AB") or written in lower case elsewhere in the text
    ("stöd och omsorg"). A bare "Humana och Nytida AB" stays two names."""
    *before, _och, after = words
    if not before or not before[-1][:1].isupper() or not after[:1].isupper():
        return False
    prev = before[-1]
    if re.search(rf"(?:{_UNIT_END}|kommun|stad|region|{_FORM})s?$", prev, re.I) or prev.isupper():
        return False
    owner = len(before) == 2 and before[0][:1].isupper() and before[0].endswith("s") and before[0].lower() not in _NAME_STOP
    return owner or any(_written_in_lower_case(text, w.lower()) for w in (prev, after))


def _written_in_lower_case(text: str, word: str) -> bool:
    r"""``word`` stands in ``text`` as a word of lower-case letters (a word of
    ``re.findall(r"\b[a-zåäöéü]+\b", text)``)."""
    return _LOWER_WORD.fullmatch(word) is not None and stands_alone(text, word)


_LOWER_WORD = re.compile("[a-zåäöéü]+")


def find_federations(text: str) -> list[Org]:
    out = []
    for m in finditer_near(FEDERATION_RE, text, _FEDERATION_ANCHOR, before=100):
        out.append(Org(m.start(), m.end(), m.group(0), MUNICIPALITY, _cap(_clean(m.group("name")))))
    for m in finditer_near(DIREKTION_RE, text, _DIREKTION_ANCHOR, before=12):
        out.append(Org(m.start(), m.end(), m.group(0), BOARD, _cap(m.group("name"))))
    return out


def find_companies(text: str) -> list[Org]:
    out = []
    for m in COMPANY_SUFFIX_RE.finditer(text):
        start = _walk_back_name(text, m.start("form"))
        if start is None:
            continue
        end = m.end()
        # "Bostads AB Mimer", "Fastighets AB Förvaltaren": the name goes on after the form
        after = re.match(rf"[ \t]+[{_UC}][\w\-]+(?:s(?=[ \t]))?", text[end:])
        if (m.group("form") == "AB" and not m.group("gen") and after and re.fullmatch(rf"[{_UC}][{_LC}]+s", text[start : m.start("form")].strip())
                and after.group(0).strip().lower() not in _NAME_STOP):
            end += after.end()
        written = text[start:end]
        if len(written.split()) < 2:
            continue
        base = _clean(text[start : m.end("form") if end == m.end() else end])
        out.append(Org(start, end, written, COMPANY, base))
    for m in COMPANY_PREFIX_RE.finditer(text):
        out.append(Org(m.start(), m.end(), m.group(0), COMPANY if m.group(0).startswith("AB") else PROVIDER,
                       _clean(m.group("name"))))
    return out


# "social- och": a member written with its hyphen, tried only where "- och" stands
_HYPHEN_MEMBER = re.compile(r"(?<![\w-])(\w+)-\s*och\s")
_HYPHEN_OCH = re.compile(r"-\s*och\s")
_ACADEMY_RE = re.compile(rf"[{_UC}]{_NB1}(?:[{_LC}]+s\s+(?:[Uu]niversitet|[Hh]ögskola)|(?<=H)ögskolan\s+i\s+[{_UC}][{_LC}]+){_NA}")
_ACADEMY_ANCHOR = ("niversitet", "ögskola")


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
    for m in finditer_near(MISSION_RE, text, _MISSION_ANCHOR, before=60):
        place = m.group("place")
        start = m.start()
        if place and not (place.endswith("s") or place.lower() in gz.municipality_places):
            start = m.start("name") + len(place) + 1
            while text[start].isspace():
                start += 1
        out.append(Org(start, m.end(), text[start : m.end()], PROVIDER))
    # "Upphandlingscenter", "Inköpscentralen", "Storstadsregionens inköpscentral": a purchasing centre
    for m in (PROCURER_RE.finditer(text) if any(w in text for w in _PROCURER_WORDS) else ()):
        name = _clean(m.group("name"))
        # one canonical form whatever the casing inside the word: "UpphandlingsCenter" is Upphandlingscenter
        name = " ".join(w[:1] + w[1:].lower() if w[1:] != w[1:].lower() and not w.isupper() else w for w in name.split())
        out.append(Org(m.start(), m.end(), m.group(0), PROCURER, _cap(name)))
    for m in finditer_near(SPORTS_CLUB_RE, text, _CLUB_ANCHOR, before=60, stop=_NOT_IN_CLUB):
        out.append(Org(m.start(), m.end(), m.group(0), PROVIDER, m.group("name")))
    # "Starck & Partner", "Lindh & Söner": a firm named by its founders (capital "&" needs no lookahead)
    for m in (_FOUNDERS_RE.finditer(text) if _FOUNDERS_TAIL.search(text) else ()):
        out.append(Org(m.start(), m.end(), m.group(0), PROVIDER))
    # "Linköpings universitet", "Högskolan i Jönköping"
    for m in finditer_near(_ACADEMY_RE, text, _ACADEMY_ANCHOR, before=40):
        out.append(Org(m.start(), m.end(), m.group(0), AGENCY))
    return out


def find_cue_names(text: str) -> list[Org]:
    out = []
    for m in matches_at(CUE_NAME_RE, text, _cue_starts(text)):
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
    rank = {AGENCY: 1, PROVIDER: 2, COMPANY: 2, OFFICE: 3, BOARD: 3, COUNCIL: 3, MUNICIPALITY: 4, REGION: 4, PROCURER: 5}
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
    taken = Ranges((o.start, o.end) for o in orgs)
    names = {}
    for o in orgs:
        if o.kind in (NAMED, PROVIDER, COMPANY):
            names.setdefault(_clean(o.text), o.kind)
            first = _clean(o.text).split()[0].rstrip(",")
            if (o.kind == NAMED and len(first) >= 4 and first[0].isupper() and first.lower() not in _COMMON_CAPS
                    and first.lower() not in gazetteers().municipality_places
                    and not _written_in_lower_case(text, first.lower())):
                names.setdefault(first, NAMED)
        m = ACRONYM_AFTER_RE.match(text, o.end)
        if m:
            names.setdefault(m.group("abbr"), o.kind if o.kind != NAMED else NAMED)
    for name, kind in names.items():
        for m in _name_pattern(name).finditer(text):
            if m.start() and _NOT_BEFORE.match(text, m.start() - 1):
                continue
            if not taken.overlaps(m.start(), m.end()):
                extra.append(Org(m.start(), m.end(), m.group(0), kind))
                taken.add(m.start(), m.end())
    return extra


_NOT_BEFORE = re.compile(rf"[{_W}\-]")


@lru_cache(maxsize=4096)
def _name_pattern(name: str) -> re.Pattern:
    """A name as it may be written again; kept across documents, whose names recur."""
    # "Leanlink, Råd & Stöd" is also written "Leanlink Råd och Stöd"
    words = [w for w in re.split(r"[\s,]+", name) if w]
    flexible = r",?\s+".join("(?:&|och)" if w in ("&", "och") else re.escape(w) for w in words)
    # the name's own first letters lead the pattern, so the engine can jump between
    # its occurrences; what may not stand before it is checked by hand
    return re.compile(rf"{flexible}(?:s|:s)?(?![{_W}\-])")


_COMMON_CAPS = {"region", "kommun", "stad", "social", "stiftelsen", "föreningen", "svenska", "sveriges"}


def recipient_lines(text: str, pos: int, limit: int = 10) -> list[tuple[int, int]]:
    """The lines listed after "Beslutet skickas till:" (from ``pos``, the end of the cue):
    the rest of the cue's line and the lines below, up to a blank line after the first
    entry, a heading, a link, an attachment list, a template placeholder ("Klicka här
    ...") or a signature block (a person's name, "Vid protokollet", a title over a name).
    A title listed alone ("Socialchef") receives the decision as a person: it is skipped.
    An office over a signature ("Omsorgsförvaltningen\nEva Ek  Per Holm\nFörvaltningschef  Ekonom",
    where the PDF lost the blank line before it) is the signature's heading, not a recipient."""
    from .people import name_on_line, names_only

    out: list[tuple[int, int]] = []
    while pos < len(text) and len(out) < limit:
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        line = text[pos:nl].strip()
        if (_PLACEHOLDER.search(line) or "http" in line or _SIGNATURE_OPENING.match(line)
                or (out and KNOWN_HEADINGS.match(line)) or (line and (name_on_line(line) or names_only(line)))
                or (out and line and _heads_signature(text, nl))):
            break
        if line and is_title(line):
            nxt = text[nl + 1 : text.find("\n", nl + 1) if text.find("\n", nl + 1) >= 0 else len(text)]
            if not nxt.strip() or name_on_line(nxt):
                break  # the title of a signature: "Socialchef\nKarin Wester"
            pos = nl + 1
            continue
        if line:
            out.append((pos, nl))
        elif out:
            break
        pos = nl + 1
    return out


def _heads_signature(text: str, nl: int) -> bool:
    """Do the two lines after ``nl`` hold a signature: names, then their titles?"""
    from .people import name_on_line, names_only

    lines = text[nl + 1 : nl + 300].split("\n")[:2]
    return (len(lines) == 2 and bool(lines[0].strip()) and (bool(name_on_line(lines[0])) or names_only(lines[0]))
            and all(is_title(t) for t in re.split(r"\s{2,}|\t", lines[1].strip()) if t) and bool(lines[1].strip()))


def find_recipient_units(text: str) -> list[Org]:
    """Units listed as recipients ("Ekonomiavdelningen", "Upphandlingsenheten"): named only there."""
    out = []
    for _, cue_end in sent_to_spans(text):
        for a, b in recipient_lines(text, cue_end):
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


_CAPS_WORD = re.compile(rf"[{_UC}](?<![{_W}].)[{_UC}]+(?![{_W}])")


@lru_cache(maxsize=32)  # for the parties and the authority
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
    # a definite plural names a group, not one organisation: "Medlemskommunerna", "Revisorerna",
    # "Rektorerna" (and the political parties, "Moderaterna", are no party to the matter)
    if " " not in name and re.search(r"(?:arna|erna|orna)$", name):
        return False
    # a person named by the part they play in the matter: "Motionären", "Sökanden",
    # "Fastighetsägaren", "Förslagsställaren", "Interpellanten", "Klaganden"
    if " " not in name and re.search(r"(?:ären|aren|anten|enten|anden|enden)$", name):
        return False
    # a name, not a sentence: lower-case words only as joints ("och", "för", "i")
    loose = [w for w in name.split()[1:] if w[:1].islower() and w not in ("och", "för", "i", "&")]
    return len(loose) <= 1


def find_orgs(text: str) -> list[Org]:
    plain = uncapitalise(text)
    by_shape = find_boards(plain) + find_public_bodies(plain) + find_federations(plain)
    for o in by_shape:
        o.text = text[o.start : o.end]
    orgs = (by_shape + find_companies(text) + find_named(text)
            + find_cue_names(text) + find_recipient_units(text))
    # "avtal med Region Östergötland": a recognised name wins over the cue's guess
    orgs = _resolve_overlaps(orgs)
    _own_organs(text, orgs)
    orgs += _more_mentions(text, orgs)
    orgs = _resolve_overlaps(orgs)
    for o in orgs:
        if o.kind in (COMPANY, NAMED, PROVIDER, AGENCY) and _PROCURER_WORD.search(o.text):
            o.kind = PROCURER  # "Adda Inköpscentral AB": the purchasing body, not a company that supplies
    return [o for o in orgs if not (o.kind == NAMED and _not_an_org(o.text))]


_PROCURER_WORD = re.compile(r"(?i)inköpscentral|upphandlingscent|kommentus")
# a body's own organ named by its owner's genitive: "Region Gotlands revisorer", "Kommunens
# revisorer", "Regionfullmäktiges presidium", "Kommunstyrelsens presidium", and a board's
# committees: "Vård- och omsorgsnämndens arbetsutskott", "Socialnämndens individutskott"
# (the committee's own genitive, "arbetsutskotts beslut", is no part of its name)
_OWN_ORGAN = re.compile(
    rf"[ \t]+(?P<w>revisorer(?:na)?|revisionen|presidi(?:um|et)|[{_LC}]*utskott)(?P<gen>s)?(?![\w\-])")


def _own_organs(text: str, orgs: list[Org]) -> None:
    """The genitive name and the organ after it are one name, the organ's: the region's
    auditors are no region, the council's presidium no council."""
    for o in orgs:
        if o.kind not in (MUNICIPALITY, REGION, COUNCIL, BOARD) or not o.text.endswith("s"):
            continue
        m = _OWN_ORGAN.match(text, o.end)
        if not m:
            continue
        o.end = m.end()
        o.text = text[o.start : o.end]
        w = m.group("w")
        if w.startswith("revisor") or w == "revisionen" or w.endswith("utskott"):
            o.kind = BOARD  # the auditors are elected by the council and decide of their own
        o.canon = _cap(_clean(text[o.start : m.end("w")]))


def _not_an_org(name: str) -> bool:
    """A title ("Sekreterare", "Vid protokollet") or a person's name, which a cue took for a name."""
    from .people import find_names

    s = _clean(name)
    return is_title(s) or bool(_SIGNATURE_OPENING.match(s)) or any(b - a == len(s) for a, b, _ in find_names(s))


# where recipients are listed, and template text that is no name
_SENT_TO = re.compile(
    # the lookahead lets the engine skip positions no cue can start at (twice as fast)
    r"(?=[bespukrsy])(?:beslut(?:et)?\s+(?:ska\s+)?(?:skickas|sänds|expedieras|delges)\s+till|expedieras\s+till|expediering|"
    # a report's or a letter's distribution list: "Rapporten har överlämnats till:"
    r"(?:rapporten|skrivelsen|yttrandet)\s+(?:har\s+|ska\s+)?(?:överlämnats|överlämnas|skickats|skickas|sänts|sänds|lämnats)\s+till|"
    r"beslutet\s+delges|sändlista|(?:protokolls)?utdrag\s+(?:skickas\s+)?till|kopia\s+(?:av\s+beslut(?:et)?\s+)?till)\s*:?",
    re.I,
)


@lru_cache(maxsize=4)
def sent_to_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every "Beslutet skickas till"-like cue; the parties component asks
    for them several times per document."""
    return tuple(m.span() for m in matches_at(_SENT_TO, text, _word_starts(text, _SENT_TO_FIRST)))


# the first words of the cues above, each where a cue may begin
_SENT_TO_FIRST = ("beslut", "expedier", "rapporten", "skrivelsen", "yttrandet", "sändlista", "protokollsutdrag",
                  "utdrag", "kopia")
# words each cue of CUE_NAME_RE holds, in the word it begins with ("hyresavtal", "verksamhetsuppdrag")
_CUE_WORDS = ("avtal", "överenskomm", "kontrakt", "anbud", "utförare", "leverantör", "uppdrag", "tilldel", "anlita",
              "upphandla", "drivs", "utförs")
_FORM_WORDS = ("ideella", "ekonomiska")  # after "den" or not
_WORD_CHAR = re.compile(rf"(?i:[{_W}])")


def _word_starts(text: str, words) -> list[int] | None:
    low = case_folded(text)
    if low is None:
        return None
    return sorted({s for s, _ in word_spans(low, words)})


def _cue_starts(text: str) -> list[int] | None:
    """Where a cue of CUE_NAME_RE may begin: the start of a word holding one of its words,
    and "den" before the legal form."""
    low = case_folded(text)
    if low is None:
        return None
    starts = set()
    for w in _CUE_WORDS + _FORM_WORDS:
        for j, _ in word_spans(low, (w,)):
            m_start = j
            while j and _is_word_char(low[j - 1]):
                j -= 1
            starts.add(j)
            if w in _FORM_WORDS:
                while j and low[j - 1].isspace():  # what \s matches
                    j -= 1
                if j < m_start and low.endswith("den", 0, j):
                    starts.add(j - 3)
    return sorted(starts)


@lru_cache(maxsize=None)
def _is_word_char(c: str) -> bool:
    return _WORD_CHAR.match(c) is not None
_PLACEHOLDER = re.compile(r"klicka\s+(?:här|eller\s+tryck)|ange\s+text|skriv\s+text", re.I)
_RECIPIENT_UNIT = re.compile(rf"^[{_UC}][{_W}\-]*(?:avdelningen|enheten|sektionen|förbundet|bolaget)$")
