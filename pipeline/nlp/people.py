"""Named persons: who signs the document, who wrote it, who else is named.

A person is a known first name (``data/first_names.txt``) followed by one or two
capitalised surnames ("Anna-Karin Öberg", "Karsten Åström", "Maria von Essen").
Reference lists invert the order ("Åström, Karsten (1988)"); initials alone
("Denvall, V") name nobody we can put a full name to.

Roles: ``signatory`` for names in the closing signature block (a name line next to a
title line or an organisation line, on the last pages, or under "Underskrifter",
"Justerare"...), ``author`` for "Handläggare", "Författare" and a report's title-page
authors, ``other`` for the rest. One person has one role in a document: the strongest.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from .layout import doc_text, in_boilerplate, page_starts

DATA = Path(__file__).parent / "data"
_UC = "A-ZÅÄÖÉÜ"
_LC = "a-zåäöéüèëïçñáàíìóòúùâêîôûãõøæ"
_NAME_WORD = rf"[{_UC}][{_LC}]+(?:-[{_UC}][{_LC}]+)?"
_PARTICLE = r"(?:von|af|de|van|van der|von der|al|el|bin|ibn)"

# capitalised words that follow a first name without being a surname
NOT_SURNAMES = {
    "Kommun", "Kommuns", "Stad", "Stads", "Region", "Regionen", "Stadsmission", "Stadsmissionen",
    "Direktör", "Socialdirektör", "Förvaltningschef", "Ordförande", "Sekreterare", "Justerare",
    "Handläggare", "Enhetschef", "Avdelningschef", "Verksamhetschef", "Chef", "Tel", "Telefon",
    "Januari", "Februari", "Mars", "April", "Maj", "Juni", "Juli", "Augusti", "September",
    "Oktober", "November", "December", "AB", "Sverige", "Sveriges", "Och", "Med", "Samt",
}
# title words of a signature block, also as the last part of a compound ("Socialdirektör")
TITLE_RE = re.compile(
    r"(?i)^\s*(?:[\w\-]*(?:direktör|chef|ordförande|sekreterare|justerare|handläggare|strateg|"
    r"controller|utredare|samordnare|upphandlare|jurist|ekonom|kommunalråd|regionråd|"
    r"föreståndare|vd|verkställande direktör|ansvarig|specialist|koordinator|utvecklare|"
    r"registrator|nämndsekreterare|stadsdirektör|kommundirektör|regiondirektör))\b[\w\s,\-/]*$"
)
# "Justerare", "Ordförande ........", "Underskrifter Sekreterare ...... §§ 45-52"
_SIGN_HEADINGS = re.compile(
    r"(?im)^\s*(?:underskrift(?:er)?\s*)?(?:underskrift(?:er)?|signatur(?:er)?|justerare|justerande|justerandes\s+signatur|"
    r"justeras|ordförande|sekreterare|för\s+(?:beställaren|leverantören|utföraren|kommunen))[\s.…_:]*(?:§§?\s*[\d\s\-–,]*)?$"
)
_SIGN_BEFORE = re.compile(
    r"(?i)(?:justerare|justerande|justeras|ordförande|sekreterare|justerandes\s+signatur|utses\s+att\s+justera)"
    r"(?:\s+(?:är|var))?[\s.…_:]*$|"
    # "Att jämte ordföranden justera protokollet valdes Eva Ek", "Till justeringsperson utsågs Eva Ek"
    r"\bjustera\w*\b[^.\n]{0,80}?\b(?:valdes|utsågs|utses|väljs)\s+(?:till\s+\w+\s+)?$")
_AUTHOR_CUE = re.compile(
    r"(?i)(?:handläggare|författare|författad\s+av|skriven\s+av|rapportförfattare|utredare|kontaktperson)"
    r"(?:\s*,\s*(?:telefon|tel|e-post))*\s*:?\s*$"
)
# the roles that sign minutes, written after the name: "Laila Nabb, sekreterare"
_SIGNING_ROLE = re.compile(
    r"(?i)^(?:\s*\([^)]{1,4}\)|\s*,\s*(?:S|M|C|V|L|KD|MP|SD|FP)(?=\s*,))?\s*,\s*(?:ordförande|sekreterare|justerare|justerande)\b")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    text = (DATA / "first_names.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    names = sorted(first_names(), key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    # first name (+ a second first name) + surname(s), all on one line
    person = re.compile(
        # one or two spaces inside a name: wider gaps separate the columns of a signature block
        # "Pär-Olof", "Ann-Margret": two listed names joined by a hyphen are one first name
        rf"(?<![\w\-])(?P<first>(?:{alt})(?:-(?:{alt}))?(?:[ \t]{{1,2}}(?:{alt}))?)"
        rf"(?P<last>(?:[ \t]{{1,2}}{_PARTICLE})?[ \t]{{1,2}}{_NAME_WORD}(?:[ \t]{{1,2}}{_NAME_WORD})?)(?![\w\-])"
    )
    # "Åström, Karsten (1988)", "Åström, K. & Karlsson, Per (2001)"
    inverted = re.compile(
        rf"(?<![\w\-])(?P<last>{_NAME_WORD}),[ \t]+(?P<first>{alt})(?=[ \t]*(?:\(\d{{4}}|&|och|,|;))"
    )
    return person, inverted


def find_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, full name) of each person named in ``text``."""
    person, inverted = _patterns()
    fn = first_names()
    out = []
    scan = _titlecase_caps_lines(text)
    pos = 0
    while (m := person.search(scan, pos)) is not None:
        pos = m.end()
        last_words = m.group("last").split()
        # drop a trailing word that is no surname ("Linda Ljungqvist Direktör")
        while last_words and (last_words[-1] in NOT_SURNAMES or TITLE_RE.match(last_words[-1])
                              or (len(last_words) > 1 and last_words[-1] in fn)):
            last_words.pop()
        if not last_words or any(w in NOT_SURNAMES for w in last_words):
            continue
        name = " ".join(m.group("first").split() + last_words)
        end = m.start() + _span_len(scan[m.start() :], name)
        out.append((m.start(), end, name))
        # "Handläggare Jan Holmlund Therese Hagberg": a dropped first name opens the next person
        pos = end
    for m in inverted.finditer(text):
        out.append((m.start(), m.end(), f"{m.group('first')} {m.group('last')}"))
    # first names the list lacks, where the shape says person: "Laila Nabb, sekreterare",
    # "Effe Östman (M)" (a party after the name)
    known = list(out)
    for rx in _ANCHORED:
        for m in rx.finditer(scan):
            words = m.group("n").split()
            if any(w in NOT_SURNAMES or TITLE_RE.match(w) or _ORGISH.search(w) for w in words):
                continue
            if any(ks < m.end("n") and m.start("n") < ke for ks, ke, _ in known):
                continue  # "Beslutande Lena Nilsson (S)": the known first name shows where the name starts
            out.append((m.start("n"), m.end("n"), " ".join(words)))
    out.sort()
    kept = []
    for s, e, n in out:
        if kept and s < kept[-1][1]:
            continue
        kept.append((s, e, n))
    return kept


_PARTIES = r"S|M|C|V|L|KD|MP|SD|FP|NP|s|m|c|v|l|kd|mp|sd|fp"
_ANCHORED = (
    # "Stiven Wiklund, s, vice ordförande": the party may also stand bare between commas
    re.compile(rf"(?m)^[ \t]*(?P<n>{_NAME_WORD}[ \t]{_NAME_WORD}(?:[ \t]{_NAME_WORD})?)"
               rf"(?:[ \t]*\((?:{_PARTIES})\)|[ \t]*,[ \t]*(?:{_PARTIES})(?=[ \t]*,))?"
               r"[ \t]*,[ \t]*(?:vice\s+|tf\.?\s+|biträdande\s+)?(?:[\wåäö\-]*(?:direktör|chef|ordförande|sekreterare|"
               r"justerare|justerande|handläggare|samordnare|strateg|controller|utredare))\b"),
    re.compile(rf"(?<![\w\-])(?P<n>{_NAME_WORD}[ \t]{_NAME_WORD}(?:-{_NAME_WORD})?)[ \t]*\((?:{_PARTIES})\)"),
)
_ORGISH = re.compile(r"(?i)(?:nämnd|styrelse|förvaltning|kontor|kommun|region|stad|avdelning|enhet|bolag)\w*$")


_CAPS_LINE = re.compile(r"(?m)^[ \t]*[A-ZÅÄÖÉÜ][A-ZÅÄÖÉÜ\-]+(?:[ \t]+[A-ZÅÄÖÉÜ][A-ZÅÄÖÉÜ\-]+){1,3}[ \t]*$")


def _titlecase_caps_lines(text: str) -> str:
    """"LINDA LJUNGQVIST" on a signature line reads as "Linda Ljungqvist" (same offsets)."""
    return _CAPS_LINE.sub(lambda m: re.sub(r"[A-ZÅÄÖÉÜ]+", lambda w: w.group(0).capitalize(), m.group(0)), text)


def _span_len(text: str, name: str) -> int:
    """Length of the written form of ``name`` at the start of ``text`` (spaces may differ)."""
    pos = 0
    for w in name.split():
        idx = text.find(w, pos)
        pos = idx + len(w)
    return pos


def names_only(line: str) -> bool:
    """Does ``line`` hold nothing but names (and titles): one signature line, or several
    side by side in columns?"""
    names = find_names(line)
    if not names:
        return False
    rest = line
    for s, e, _ in sorted(names, reverse=True):
        rest = rest[:s] + " " + rest[e:]
    parts = [p.strip(" ,.") for p in re.split(r"\s{3,}|\t", rest) if p.strip(" ,.")]
    return all(TITLE_RE.match(p) for p in parts)


def name_on_line(line: str) -> str | None:
    """The person's name when ``line`` holds nothing else (a signature line), else None."""
    s = line.strip()
    if not s or len(s) > 60:
        return None
    names = find_names(s)
    if len(names) != 1:
        return None
    start, end, name = names[0]
    rest = (s[:start] + s[end:]).strip(" ,.")
    if rest and not TITLE_RE.match(rest):
        return None
    return name


def _line_at(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, len(text) if e < 0 else e


def _neighbour_lines(text: str, s: int, e: int, k: int) -> list[str]:
    before = [ln for ln in text[max(0, s - 400) : s].split("\n") if ln.strip()][-k:]
    after = [ln for ln in text[e + 1 : e + 400].split("\n") if ln.strip()][:k]
    return before + after


def _role(doc: Doc, text: str, start: int, end: int, org_lines: set[int], doc_type: str) -> str:
    ls, le = _line_at(text, start)
    line = text[ls:le]
    # "Handläggare: Anna Berg", "Författare\nAnna Berg"
    cue_above = _AUTHOR_CUE.search(text[max(0, ls - 60) : ls].rstrip("\n ")) and not text[ls:start].strip()
    if _AUTHOR_CUE.search(text[ls:start]) or cue_above:
        return "author"
    if (name_on_line(line) or names_only(line)) and _signs(doc, text, ls, le, org_lines, doc_type):
        return "signatory"
    if _SIGN_BEFORE.search(text[ls:start]):  # "Justerare Jan Ek" in a protocol's header table
        return "signatory"
    if _SIGNING_ROLE.match(text[end:le]):  # "Pär-Olof Stål, ordförande" (not "vice ordförande")
        return "signatory"
    if doc_type == "rapport" and _title_page_authors(doc, text, ls, le):
        return "author"
    return "other"


def _signs(doc: Doc, text: str, ls: int, le: int, org_lines: set[int], doc_type: str) -> bool:
    """Is the name line ls..le part of a signature block?"""
    line = text[ls:le]
    starts = page_starts(doc)
    near_end = (len(starts) > 1 and ls >= starts[-1]) or ls >= len(text) * 0.75
    def title_line(n: str) -> bool:
        # minutes list who attended as "Kommunchef Eva Ek" lines: a title beside a name is no signature
        return bool(TITLE_RE.match(n)) and not (doc_type in ("protokoll", "beslut") and find_names(n))

    titled = any(title_line(n) for n in _neighbour_lines(text, ls, le, 3)) or (
        "," in line and bool(TITLE_RE.match(line[line.find(",") + 1 :]))
    )
    org_near = any(ls - 400 <= o < ls for o in org_lines)
    # "Underskrifter", "Justerare ......" a few lines above (rules and dotted lines between)
    above = [ln for ln in text[max(0, ls - 300) : ls].split("\n") if re.sub(r"[\s._…\-]", "", ln)][-3:]
    under_sign_heading = any(_SIGN_HEADINGS.match(ln) for ln in above)
    # a name directly over or under its title signs wherever the template puts it
    # (Stockholm signs under the proposal on page 1); a report's foreword is no signature
    next_to_title = any(title_line(n) for n in _neighbour_lines(text, ls, le, 1))
    # "Eva Folke, socialchef" signs a memo; in minutes that shape lists who attended
    own_title = "," in line and bool(TITLE_RE.match(line[line.find(",") + 1 :]))
    signs_here = next_to_title or (own_title and doc_type not in ("protokoll", "beslut"))
    return under_sign_heading or (near_end and (titled or org_near)) or (signs_here and doc_type != "rapport")


def _title_page_authors(doc: Doc, text: str, ls: int, le: int) -> bool:
    """A line of names only ("Simon Härnbro & Martin Börjesson", "av Sara Lind och Omar
    Ali") in a report's title block: the first lines of page 1."""
    starts = page_starts(doc)
    first_end = starts[1] if len(starts) > 1 else len(text)
    if ls >= first_end:
        return False
    line = text[ls:le]
    names = find_names(line)
    if not names:
        return False
    rest = line
    for s, e, _ in sorted(names, reverse=True):
        rest = rest[:s] + rest[e:]
    if re.sub(r"(?i)[\s&,.:]|\b(?:och|samt|av|text|författare|redaktör(?:er)?)\b", "", rest):
        return False
    lines_before = [ln for ln in text[starts[0] if starts else 0 : ls].split("\n") if ln.strip()]
    return len(lines_before) <= 10 and not any(len(ln) > 100 for ln in lines_before)


def annotate(doc: Doc) -> Doc:
    from .doctype import classify

    text = doc_text(doc)
    doc_type = doc._.doc_type or classify(doc)
    org_lines = set()
    for o in doc.spans.get("orgs", []):
        s, e = _line_at(text, o.start_char)
        if text[s : o.start_char].strip() == "" and text[o.end_char : e].strip(" ,.") == "":
            org_lines.add(s)
    # "Olivia Omsorg AB": a first name opening a company's name names no person
    org_spans = [(o.start_char, o.end_char) for o in doc.spans.get("orgs", [])]
    found = []
    for start, end, name in find_names(text):
        sp = doc.char_span(start, end, alignment_mode="expand")
        if sp is None or in_boilerplate(sp):
            continue
        if any(a <= start and end <= b and (a, b) != (start, end) for a, b in org_spans):
            continue
        found.append((sp, name, _role(doc, text, start, end, org_lines, doc_type)))
    # "Jan Sahléns tjänsterum": a genitive of a person the document names
    written = {name for _, name, _ in found}
    found = [(sp, name[:-1] if name.endswith("s") and name[:-1] in written else name, role) for sp, name, role in found]
    priority = {"signatory": 0, "author": 1, "other": 2}
    best: dict[str, str] = {}
    for _, name, role in found:
        if name not in best or priority[role] < priority[best[name]]:
            best[name] = role
    spans = []
    for sp, name, _ in found:
        s = Span(doc, sp.start, sp.end, label="PERSON")
        s._.norm = {"name": name, "role": best[name]}
        spans.append(s)
    doc.spans["people"] = spans
    return doc


@Language.factory("muni_people")
def make_people(nlp: Language, name: str):
    _patterns()
    return annotate
