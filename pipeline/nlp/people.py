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
from .scan import stands_alone, trie_alternation

DATA = Path(__file__).parent / "data"
_UC = "A-ZÅÄÖÉÜŠŽČĆĐŁŚŻÇ"
# the letters of names from the Balkans, Poland, Czechia, Turkey too ("Hadžija", "Wiśniewski", "Çelik")
_LC = "a-zåäöéüèëïçñáàíìóòúùâêîôûãõøæšžčćđłńśźżřěůýğşı"
_NAME_WORD = rf"[{_UC}][{_LC}]+(?:-[{_UC}][{_LC}]+)?"
# what may not stand before a name, tested after its first letter: the letter then leads the
# pattern and the engine skips to where a capital stands instead of trying every position
_NB1 = r"(?<![\w\-].)"
_NAME_WORD_LED = rf"[{_UC}]{_NB1}[{_LC}]+(?:-[{_UC}][{_LC}]+)?"
_PARTICLE = r"(?:von|af|de|van|van der|von der|al|el|bin|ibn)"

# capitalised words that follow a first name without being a surname
NOT_SURNAMES = {
    "Kommun", "Kommuns", "Stad", "Stads", "Region", "Regionen", "Stadsmission", "Stadsmissionen",
    "Direktör", "Socialdirektör", "Förvaltningschef", "Ordförande", "Sekreterare", "Justerare",
    "Handläggare", "Enhetschef", "Avdelningschef", "Verksamhetschef", "Chef", "Tel", "Telefon",
    "Januari", "Februari", "Mars", "April", "Maj", "Juni", "Juli", "Augusti", "September",
    "Oktober", "November", "December", "AB", "Sverige", "Sveriges", "Och", "Med", "Samt",
    # the labels of a minutes' signature block, flattened onto the name's line
    # ("Ordförande... Karin Lövgren Justerande... Jonas Berg")
    "Justerande", "Justeras", "Underskrift", "Underskrifter", "Paragraf", "Paragrafer", "Utdragsbestyrkande",
    "Beslutande", "Ersättare", "Ledamot", "Ledamöter",
    # credentials written after a name ("Hans Forslund Cert", "Certifierad kommunal revisor")
    "Cert", "Certifierad", "Auktoriserad", "Godkänd", "Revisor", "Leg", "Legitimerad",
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
# the label row of a flattened signature block, its names after it in order
# ("Sekreterare Ordförande Justerande Eva Ek Jan Berg (S) Ola Lind (M)"): the names between
# the labels and this one are blanked out before the match
_LABEL_RUN = re.compile(
    r"(?i)(?<![\w\-])(?:underskrift(?:er)?|paragrafer|sekreterare|ordförande|justerare|justerande)"
    r"(?:[\s.…_:]+(?:underskrift(?:er)?|paragrafer|§+\s*[\d\s\-–,]+|sekreterare|ordförande|justerare|justerande))*"
    r"(?:[\s.…_:,]|\((?:S|M|C|V|L|KD|MP|SD|FP|NP)\))*$")
# a title after someone else's name ("Eva Ek, S, ordförande Jan Berg", "Ola Lind (M) vice
# ordförande Per Ek"): the attendance list's, which names no signatory
_OTHERS_TITLE = re.compile(r"(?i)(?:,|\))[\s,]*(?:[A-ZÅÄÖa-zåäö]{1,3}[\s,]+)?$|(?:vice|1:e|2:e|förste|andre)\s+$")


# "revisorernas ordförande Gunnar Åberg", "nämndens sekreterare Eva Ek": a title with its owner in
# the genitive describes the person in prose; a signing label stands alone
_GENITIVE_TITLE = re.compile(r"(?i)(?<![\w\-])[a-zåäö]{3,}s\s+(?:vice\s+)?(?:ordförande|sekreterare)\s*$")


def _signing_label_before(prefix: str) -> bool:
    if _GENITIVE_TITLE.search(prefix):
        return False
    if _SIGN_BEFORE.search(prefix) and not re.search(r"(?i)(?:justerare|justerande|ordförande|sekreterare)[\s.…_:]*$", prefix):
        return True  # "Att jämte ordföranden justera protokollet valdes Eva Ek", "Utses att justera Eva Ek"
    m = _LABEL_RUN.search(prefix)
    return bool(m) and not _OTHERS_TITLE.search(prefix, 0, m.start())


_AUTHOR_CUE = re.compile(
    r"(?i)(?:handläggare|författare|författad\s+av|skriven\s+av|rapportförfattare|utredare|kontaktperson|"
    # "Upplysningar lämnas av ansvarig upphandlare Sara Ek": the one in charge of the matter wrote it
    r"ansvarig\s+tjänste(?:man|person)|ansvarig\s+(?:upphandlare|handläggare)|upphandlare(?=\s*:)|"
    # "Rapporten är framtagen av", "Utredningen har tagits fram av", "PM:et är sammanställt av"
    r"(?:rapport|utredning|uppföljning|granskning|pm|promemoria|analys|kartläggning)\w*(?:\s+\S+)?\s+(?:är|har)\s+"
    r"(?:framtagen|framtaget|framtagna|tagits\s+fram|sammanställ(?:d|t|ts)|utarbetat?s?|skriv(?:en|its|et)|genomför(?:d|t|ts))\s+av)"
    # the header table's label row over its values: "Handläggare Datum Diarienummer\nAnna Berg 2015-02-10"
    r"(?:\s*,\s*(?:telefon|tel|e-post))*(?:\s+(?:datum|diarienummer|dnr|vår\s+beteckning|er\s+beteckning))*\s*:?\s*"
    # the person's title between the label and the name: "Handläggare: Avtalscontroller Anna Ek"
    r"(?:[\wåäö\-]*(?:controller|handläggare|upphandlare|strateg|utredare|samordnare|sekreterare|ekonom|jurist|"
    r"chef|specialist|koordinator|utvecklare|konsulent|inspektör|rådgivare|assistent)\s+)?$"
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
    names = first_names()
    alt = trie_alternation(names)
    by_first: dict[str, list[str]] = {}
    for n in names:
        by_first.setdefault(n[0], []).append(n[1:])
    led = "(?:" + "|".join(re.escape(c) + _NB1 + trie_alternation(rest) for c, rest in sorted(by_first.items())) + ")"
    # first name (+ a second first name) + surname(s), all on one line
    person = re.compile(
        # one or two spaces inside a name: wider gaps separate the columns of a signature block
        # "Pär-Olof", "Ann-Margret": two listed names joined by a hyphen are one first name
        rf"(?P<first>{led}(?:-(?:{alt}))?(?:[ \t]{{1,2}}(?:{alt}))?)"
        rf"(?P<last>(?:[ \t]{{1,2}}{_PARTICLE})?[ \t]{{1,2}}{_NAME_WORD}(?:[ \t]{{1,2}}{_NAME_WORD})?)(?![\w\-])"
    )
    # "Åström, Karsten (1988)", "Åström, K. & Karlsson, Per (2001)"
    inverted = re.compile(
        rf"(?P<last>{_NAME_WORD_LED}),[ \t]+(?P<first>{alt})(?=[ \t]*(?:\(\d{{4}}|&|och|,|;))"
    )
    return person, inverted


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """Nothing but spaces (or a party mark) around start..end on its line."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    return not text[ls:start].strip() and not _PARTY_MARK.sub("", text[end:le]).strip(" ,.")


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
        # a second surname the text also writes in lower case is a word of what follows the
        # name ("Eva Ek Granskad av ...", "Per Holm Tf socialchef"), not part of it
        if len(last_words) == 2 and _written_in_lower_case(text, last_words[-1].lower()):
            last_words.pop()
        if not last_words or any(w in NOT_SURNAMES for w in last_words):
            continue
        name = " ".join(m.group("first").split() + last_words)
        end = m.start() + _span_len(scan[m.start() :], name)
        words = name.split()
        # "Maria Sten Jesper Wik" alone on a line: two signature columns whose gap the text
        # layer collapsed (first name + surname twice over), not one person with four names
        if (len(words) == 4 and words[2] in fn and words[3] not in fn and "-" not in words[1]
                and _alone_on_line(scan, m.start(), end)):
            cut = m.start() + _span_len(scan[m.start() :], " ".join(words[:2]))
            nxt = scan.find(words[2], cut)
            out.append((m.start(), cut, " ".join(words[:2])))
            out.append((nxt, end, " ".join(words[2:])))
            pos = end
            continue
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


def _written_in_lower_case(text: str, word: str) -> bool:
    r"""``word`` stands in ``text`` as a word of lower-case letters, hyphens not joining it
    to another (a word of ``re.findall(r"(?<![\w\-])[a-zåäöéü]+(?![\w\-])", text)``)."""
    return _LOWER_WORD.fullmatch(word) is not None and stands_alone(text, word, "-")


_LOWER_WORD = re.compile("[a-zåäöéü]+")


_PARTIES = r"S|M|C|V|L|KD|MP|SD|FP|NP|s|m|c|v|l|kd|mp|sd|fp"
_ANCHORED = (
    # "Stiven Wiklund, s, vice ordförande": the party may also stand bare between commas
    # (after a short label: "För Mörbylånga: Omid Rahimi, chef individ- och familjeomsorg")
    re.compile(rf"(?m)^[ \t]*(?:[^\n:]{{1,40}}:[ \t]*)?(?P<n>{_NAME_WORD}[ \t]{_NAME_WORD}(?:[ \t]{_NAME_WORD})?)"
               rf"(?:[ \t]*\((?:{_PARTIES})\)|[ \t]*,[ \t]*(?:{_PARTIES})(?=[ \t]*,))?"
               r"[ \t]*,[ \t]*(?:vice\s+|tf\.?\s+|biträdande\s+)?(?:[\wåäö\-]*(?:direktör|chef|ordförande|sekreterare|"
               r"justerare|justerande|handläggare|samordnare|strateg|controller|utredare))\b"),
    re.compile(rf"(?P<n>{_NAME_WORD_LED}[ \t]{_NAME_WORD}(?:-{_NAME_WORD})?)[ \t]*\((?:{_PARTIES})\)"),
    # the slot a person fills: "Handläggare: Omid Rahimi", "Ansvarig upphandlare: Omid Rahimi, 035-..."
    re.compile(rf"(?=[hkauHKAU])(?<![\w\-])(?i:handläggare|kontaktperson|ansvarig[ \t]+[a-zåäö]+|upphandlare)[ \t]*:[ \t]*"
               rf"(?P<n>{_NAME_WORD}[ \t]{_NAME_WORD}(?:[ \t]{_NAME_WORD})?)(?=[ \t]*(?:,|\n|$))"),
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


# a party's letters after a member's name ("Ulla Granberg (S)") add nothing to the line:
# a signature line of minutes is still a name alone
_PARTY_MARK = re.compile(rf"\((?:{_PARTIES})\)")


def names_only(line: str) -> bool:
    """Does ``line`` hold nothing but names (and titles): one signature line, or several
    side by side in columns?"""
    names = find_names(line)
    if not names:
        return False
    rest = line
    for s, e, _ in sorted(names, reverse=True):
        rest = rest[:s] + " " + rest[e:]
    rest = _PARTY_MARK.sub(" ", rest)
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
    rest = _PARTY_MARK.sub("", s[:start] + s[end:]).strip(" ,.")
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


def _role(doc: Doc, text: str, start: int, end: int, org_lines: set[int], doc_type: str,
          line_names: list[tuple[int, int]] = ()) -> str:
    ls, le = _line_at(text, start)
    line = text[ls:le]
    # "Handläggare: Anna Berg", "Författare\nAnna Berg", "Handläggare Jan Ek Therese Berg" (the second too)
    cue_above = not text[ls:start].strip() and _cue_above_names(text, ls)
    if _AUTHOR_CUE.search(_without(text, ls, start, line_names)) or cue_above or _AUTHOR_LIST.match(line, 0, start - ls):
        return "author"
    # the line holds only names the document found (one the first-name list lacks among them)
    only_names = bool(line_names) and all(
        not p.strip(" ,.") or TITLE_RE.match(p.strip(" ,.")) for p in re.split(r"\s{3,}|\t", _without(text, ls, le, line_names)))
    # "Att: Ebba Lindén, ordförande" addresses the letter to the person: no signature
    if _ADDRESSEE_BEFORE.search(text[ls:start]):
        return "other"
    # a person the decision is sent to ("Beslutet skickas till\nLöneenheten\nEva Ek") receives it
    if ls in _listed_lines(doc, text):
        return "other"
    if (name_on_line(line) or names_only(line) or only_names) and _signs(doc, text, ls, le, org_lines, doc_type):
        return "signatory"
    if _signing_label_before(_without(text, ls, start, line_names)):  # "Justerare Jan Ek" in a header table
        return "signatory"
    if _SIGNING_ROLE.match(text[end:le]):  # "Pär-Olof Stål, ordförande" (not "vice ordförande")
        return "signatory"
    if doc_type == "rapport" and _title_page_authors(doc, text, ls, le):
        return "author"
    return "other"


# "Författare: Anna Ek, utredare, och Jan Berg, controller": every name the label's line lists
# (no other label, "Datum:", between)
_AUTHOR_LIST = re.compile(r"(?i)[ \t]*(?:författare|rapportförfattare|författad\s+av)[ \t]*:[^:\n]*$")
_ADDRESSEE_BEFORE = re.compile(r"(?i)^[ \t]*(?:att|attn|till|mottagare)[ \t]*[:.][ \t]*$")


def _listed_lines(doc: Doc, text: str) -> frozenset[int]:
    """Starts of the lines of the distribution lists ("Beslutet skickas till"): each runs to a
    blank line (a page ends in one), a signature opening ("Vid protokollet", "Justeras"), a
    title line, or a name line with its title under it (a signature: "Eva Ek\nSocialchef")."""
    cached = doc.user_data.get(_LISTED_KEY)
    if cached is not None:
        return cached
    from .orgs import _SIGNATURE_OPENING, sent_to_spans

    out = set()
    for _, pos in sent_to_spans(text):
        for _ in range(12):
            nl = text.find("\n", pos)
            if nl < 0:
                break
            ls = nl + 1
            le = text.find("\n", ls)
            le = len(text) if le < 0 else le
            line = text[ls:le].strip()
            if not line or _SIGNATURE_OPENING.match(line) or TITLE_RE.match(line):
                break
            below = text[le + 1 : text.find("\n", le + 1) if text.find("\n", le + 1) >= 0 else len(text)]
            if find_names(line) and below.strip() and TITLE_RE.match(below):
                break
            out.add(ls)
            pos = ls
    found = frozenset(out)
    doc.user_data[_LISTED_KEY] = found
    return found


_LISTED_KEY = "_listed_lines"


_PERFORMED_BY_LINE = re.compile(r"(?i)[ \t]*(?:utförd|utfört|genomförd|genomfört|framtagen|framtaget|sammanställd)\s+av\s+\S")


def _cue_above_names(text: str, ls: int, limit: int = 4) -> bool:
    """Is the line at ``ls`` under an author cue, directly or below other name lines of
    the same list ("Rapporten är framtagen av\nAnna Ek, utredare\nJan Berg, controller")?"""
    for _ in range(limit):
        if _AUTHOR_CUE.search(text[max(0, ls - 80) : ls].rstrip("\n ")):
            return True
        if ls == 0:
            return False
        ps = text.rfind("\n", 0, ls - 1) + 1
        prev = text[ps : ls - 1]
        # the line above is another person of the list: a name at its start, a title at most after it
        first = find_names(prev)
        if not first or prev[: first[0][0]].strip() or len(prev) > 80:
            # a report's title block: "Utförd av Revisionsbyrån X på uppdrag av\nRegion Y:s revisorer\n
            # Anna Ek, certifierad kommunal revisor": the people under the firm wrote it
            above = text[max(0, ls - 240) : ls].rstrip("\n").split("\n")[-2:]
            return any(_PERFORMED_BY_LINE.match(ln) for ln in above)
        ls = ps
    return False


def _without(text: str, a: int, b: int, spans) -> str:
    """text[a:b] with the given name spans blanked out."""
    chunk = list(text[a:b])
    for s, e in spans:
        for k in range(max(s, a), min(e, b)):
            chunk[k - a] = " "
    return "".join(chunk)


# the headings of a minutes' attendance list: the names under them attended, they sign nothing
_ATTENDANCE_HEADING = re.compile(
    r"(?i)^\s*(?:beslutande(?:\s+ledamöter)?|ledamöter|(?:ej\s+|närvarande,?\s+ej\s+)?tjänstgörande\s+ersättare|"
    r"(?:närvarande\s+|övriga\s+)?ersättare|övriga\s+(?:närvarande|deltagande|deltagare)|närvarande|tjänstemän|"
    r"närvarolista|frånvarande)\s*:?\s*$")


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
    # an attendance heading after the signatures ("Övriga närvarande") opens a new list
    for k in range(len(above) - 1, -1, -1):
        if _ATTENDANCE_HEADING.match(above[k]):
            above = above[k + 1 :]
            break
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


# the header table's label row: "Handläggare Datum Diarienummer" over its values
_HANDLER_SLOT = re.compile(
    r"(?i)(?<![\w\-])(?:handläggare|kontaktperson)(?:[ \t]*:)?(?:[ \t]+(?:datum|diarienummer|dnr|telefon|tel|e-post|"
    r"vår\s+beteckning|er\s+beteckning|referens))*[ \t]*(?:\n[ \t]*)?")
_SLOT_WORDS = re.compile(rf"[ \t]*({_NAME_WORD})")


def _handler_names(text: str) -> list[tuple[int, int, str]]:
    """Persons in the handläggare slot of a header table written surname first, as Uppsala
    does ("Handläggare Hagström Ingela Jo Linder Roger"): the slot is nothing but capitalised
    words and each person ends at a first name. Read as "Ingela Hagström", "Roger Jo Linder"."""
    if "andläggare" not in text and "ANDLÄGGARE" not in text and "ontaktperson" not in text:
        return []
    fn = first_names()
    out = []
    for m in _HANDLER_SLOT.finditer(text):
        pos, words = m.end(), []
        while (w := _SLOT_WORDS.match(text, pos)) is not None:
            words.append((w.start(1), w.end(1), w.group(1)))
            pos = w.end()
        if len(words) < 2 or words[0][2] in fn or words[-1][2] not in fn:
            continue  # first name first (the general pattern reads it), or no first name to end on
        surnames: list[tuple[int, int, str]] = []
        for ws, we, w in words:
            if w in fn and surnames:
                out.append((surnames[0][0], we, " ".join([w] + [x for _, _, x in surnames])))
                surnames = []
            else:
                surnames.append((ws, we, w))
    return out


_LONE_NAME_LINE = re.compile(
    rf"(?m)^[ \t]*(?P<n>{_NAME_WORD}[ \t]{_NAME_WORD}(?:[ \t]{_NAME_WORD})?)[ \t]*(?:\((?:{_PARTIES})\))?[ \t]*$")


# capitalised at a line's start in a signature block, but no names: "För Utföraren", "Vid protokollet"
_NOT_NAME_WORDS = {"för", "vid", "och", "med", "av", "på", "till", "utföraren", "beställaren", "leverantören",
                   "kommunen", "regionen", "föreningen", "bolaget", "parterna", "protokollet", "datum", "ort"}


def _slot_names(text: str, taken: list[tuple[int, int]], places: frozenset) -> list[tuple[int, int, str]]:
    """Two or three capitalised words alone on a line where the layout puts a person: under
    "Underskrifter"/"Justerare", over or under a title ("Teres Lindberg\nFörvaltningschef").
    This finds the names the first-name list lacks; words the text also writes in lower case
    are common nouns, not names."""
    out = []
    lower = None
    for m in _LONE_NAME_LINE.finditer(text):
        s, e = m.start("n"), m.end("n")
        if any(a < e and s < b for a, b in taken):
            continue
        words = m.group("n").split()
        if any(w in NOT_SURNAMES or TITLE_RE.match(w) or _ORGISH.search(w) or w.lower() in places
               or w.lower() in _NOT_NAME_WORDS for w in words):
            continue
        ls, le = _line_at(text, s)
        above = [ln for ln in text[max(0, ls - 300) : ls].split("\n") if re.sub(r"[\s._…\-]", "", ln)][-3:]
        near = _neighbour_lines(text, ls, le, 1)
        titled = any(TITLE_RE.match(n) and not find_names(n) for n in near)
        if not (titled or any(_SIGN_HEADINGS.match(ln) for ln in above) or (above and _AUTHOR_CUE.search(above[-1]))):
            continue
        if lower is None:
            lower = set(re.findall(r"(?<![\w\-])[a-zåäöéü]+(?![\w\-])", text))
        if any(w.lower() in lower for w in words):
            continue
        out.append((s, e, " ".join(words)))
    return out


def _split_on_learned(text: str, names: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A first name the list lacks, learnt where the layout showed it ("Vice ordförande Teres
    Lindberg (s)"), also opens a person elsewhere: "Kristina Alvendal Teres Lindberg" on a
    "Justeras:" line is two persons, not "Kristina Alvendal Teres"."""
    fn = first_names()
    learned = {n.split()[0] for _, _, n in names if n.split()[0] not in fn}
    if not learned:
        return names
    out = []
    for s, e, n in names:
        words = n.split()
        nxt = re.match(rf"[ \t]{{1,2}}({_NAME_WORD})(?![\w\-])", text[e:])
        if len(words) >= 3 and words[-1] in learned and nxt and text.endswith(words[-1], 0, e):
            cut = e - len(words[-1])
            out.append((s, len(text[:cut].rstrip()), " ".join(words[:-1])))
            out.append((cut, e + nxt.end(), f"{words[-1]} {nxt.group(1)}"))
        else:
            out.append((s, e, n))
    # a name taken apart here may also have been found whole elsewhere: keep the first of overlaps
    kept: list[tuple[int, int, str]] = []
    for item in sorted(out):
        if kept and item[0] < kept[-1][1]:
            continue
        kept.append(item)
    return kept


def _contact_author(text: str, ls: int, le: int, name: str, first_end: int) -> bool:
    """The handläggare named in the header block without the label: the name line at the
    top of page 1, with the person's own e-mail address just below ("Lena Berg\nSocialkontoret\n
    lena.berg@...")."""
    if ls >= first_end or text.count("\n", 0, ls) > 15:
        return False
    fold = str.maketrans("åäöéüÅÄÖÉÜ", "aaoeuAAOEU")
    parts = [w.lower().translate(fold) for w in name.split()]
    for ln in _neighbour_lines(text, ls, le, 3)[-3:]:
        for mail in re.findall(r"[\w.\-]+(?=@)", ln):
            local = mail.lower().translate(fold)
            if parts[-1] in local or (len(parts[0]) > 2 and local.startswith(parts[0])):
                return True
    return False


def annotate(doc: Doc) -> Doc:
    from .doctype import classify
    from .orgs import gazetteers

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
    handlers = _handler_names(text)
    names = [n for n in find_names(text) if not any(a < n[1] and n[0] < b for a, b, _ in handlers)]
    names += _slot_names(text, [(a, b) for a, b, _ in names + handlers] + org_spans, gazetteers().municipality_places)
    names = _split_on_learned(text, sorted(names))
    starts = page_starts(doc)
    first_end = starts[1] if len(starts) > 1 else len(text)
    by_line: dict[int, list[tuple[int, int]]] = {}
    for start, end, _ in names + handlers:
        by_line.setdefault(_line_at(text, start)[0], []).append((start, end))
    for start, end, name in names + handlers:
        sp = doc.char_span(start, end, alignment_mode="expand")
        if sp is None or in_boilerplate(sp):
            continue
        if any(a <= start and end <= b and (a, b) != (start, end) for a, b in org_spans):
            continue
        if (start, end, name) in handlers:
            role = "author"
        else:
            role = _role(doc, text, start, end, org_lines, doc_type, by_line[_line_at(text, start)[0]])
            if role == "other" and _contact_author(text, *_line_at(text, start), name, first_end):
                role = "author"
        found.append((sp, name, role))
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
