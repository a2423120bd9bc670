"""What kind of document this is, its title, the authority issuing it, and its date.

The kind is read from the words a Swedish municipal document announces itself with
(the running header "TJÄNSTESKRIVELSE", "PROTOKOLLSUTDRAG", "VERKSAMHETSUPPDRAG",
"CKS ARBETSNOTAT"...), else from its structure ("Sammanträdesdatum", "Justerare",
"§ 12", "Förslag till beslut", "Avtalsparter"). Running headers are read here: they
are where a document says what it is.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .layout import doc_text, KNOWN_HEADINGS, in_boilerplate, page_starts

TYPES = ("tjansteskrivelse", "beslut", "protokoll", "avtal", "rapport", "other")

# Header words, tried in this order on the top lines of the first page.
_HEADER_WORDS = (
    ("beslut", r"protokollsutdrag|utdrag\s+ur\s+(?:sammanträdes)?protokoll|justerat\s+protokollsutdrag|delegationsbeslut|tilldelningsbeslut|beslut"),
    ("protokoll", r"(?:sammanträdes)?protokoll"),
    ("tjansteskrivelse", r"tjänsteskrivelse|tjänsteutlåtande|beslutsförslag|missiv|ärendeblad"),
    ("avtal", r"verksamhetsuppdrag|(?:ram|tilläggs|samverkans|leverantörs|vård|hyres|köpe|ramavtals)?avtal(?:sförlaga|sutkast)?|"
              r"överenskommelse|kontrakt|uppdragsbeskrivning|avropsavtal"),
    # any compound of "rapport" (revisions-, gransknings-, delårs-, tillsyns-, läges-), the
    # follow-ups and reviews, and the accounts of a year or part of one
    ("rapport", r"arbetsnotat|[\wåäö]*rapport|[\wåäö]*berättelse|utvärdering|uppföljning|"
                r"granskning|årsredovisning|delårsredovisning|(?:års|delårs)bokslut|kartläggning|förstudie|pm"),
    # a notice of a meeting and its agenda: the minutes record decisions, a memo proposes one,
    # the notice does neither (the memos it carries are attachments of it)
    ("other", r"kallelse|föredragningslista|dagordning"),
)
_HEADER_RES = [(t, re.compile(rf"(?<![\wåäö])(?:{p})(?![\wåäö])", re.I)) for t, p in _HEADER_WORDS]
# "§ 12", and "12 §" as förbund and some municipalities number their items
_PARAGRAPH = re.compile(r"(?m)^\s*(?:§\s*\d+|\d+\s*§(?!§))")
_MONTH_DATE = re.compile(r"(?i)\b\d{1,2}\s+(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\s+\d{4}\b")
# "Direktionens protokoll", "Kommunstyrelsens protokoll": the body whose kind of document it is
_OWNER_GENITIVE = re.compile(r"^[A-ZÅÄÖ][\wåäö\-]{3,}s\s+(?=[a-zåäö])")
_PROPOSAL_LINE = re.compile(
    r"(?i)^(?:[\wåäö]+s\s+)?förslag\s+till\s+(?:[\wåäö\- ]+\s)?beslut\s*:?$|^(?:[\wåäö]+s\s+)?(?:beslutsförslag|beslut)\s*:?$"
)


def _top(doc: Doc, n_lines: int = 8, text: str | None = None) -> str:
    text = doc_text(doc) if text is None else text
    starts = page_starts(doc)
    first = text[: starts[1]] if len(starts) > 1 else text
    lines = [ln for ln in first.split("\n") if ln.strip()]
    return "\n".join(lines[:n_lines])


def classify(doc: Doc, text: str | None = None) -> str:
    """The document's kind: one of ``TYPES``."""
    # parties and people ask before this component has run: read once per document
    kind = doc.user_data.get(_TYPE_KEY)
    if kind is None:
        kind = doc.user_data[_TYPE_KEY] = _classify(doc, doc_text(doc) if text is None else text)
    return kind


_TYPE_KEY = "_doc_type"


def _classify(doc: Doc, text: str) -> str:
    top = "\n".join(ln for ln in _top(doc, 3, text).split("\n") if not re.search(r"(?i)förslag\s+till", ln))
    # an upper-case header word (the template's own label) decides first
    for t, rx in _HEADER_RES:
        for m in rx.finditer(top):
            if m.group(0).isupper() and len(m.group(0)) > 2:
                return _refine(t, text, label=True)
    # a header line naming only the issuer and the kind, in any case: "Norrtälje kommun Tjänsteskrivelse"
    for line in top.split("\n"):
        for t, rx in _HEADER_RES:
            m = rx.search(line)
            if m and len(m.group(0)) > 2 and m.group(0)[:1].isupper() and _is_label_line(line.strip()):
                return _refine(t, text)
    head = _top(doc, 8, text)
    # a line that is nothing but the kind ("Tjänsteskrivelse", "Sammanträdesprotokoll 2024-03-12")
    for line in head.split("\n"):
        line = line.strip(" \t#*_")
        owner = _OWNER_GENITIVE.match(line)
        for t, rx in _HEADER_RES:
            m = rx.match(line, owner.end() if owner else 0)
            rest = _MONTH_DATE.sub(" ", line[m.end() :]) if m else ""
            if m and re.fullmatch(r"[\s\d\-:/.,()]*", rest) and not KNOWN_HEADINGS.match(line):
                return _refine(t, text)
    structural = _structure(text)
    if structural:
        return structural
    for line in head.split("\n")[:6]:
        line = line.strip(" \t#*_")
        if KNOWN_HEADINGS.match(line) or re.search(r"(?i)förslag\s+till", line):
            continue  # "Förslag till beslut" is a heading, not what the document is
        for t, rx in _HEADER_RES:
            m = rx.search(line)
            # a title word counts when it opens the line ("Avtal om ...", "Rapport 2023:4")
            if m and m.start() < 3:
                return _refine(t, text)
    return "other"


_MINUTES_CUE = re.compile(r"protokollet\s+är\s+justerat|justeringen\s+(?:har\s+)?tillkännag|beslutande\s+ledamöter|"
                          r"tjänstgörande\s+ersättare")
_PARAGRAPH_RANGE = re.compile(r"paragrafer\s*(?:§§?\s*)?(\d+)\s*[-–]\s*(\d+)")


def _structure(text: str) -> str | None:
    low = text[:6000].lower()
    paragraphs = len(_PARAGRAPH.findall(text))
    # "Paragrafer 20-35" on the first page: many items, wherever the text put their "§"
    span = _PARAGRAPH_RANGE.search(low)
    if span and int(span.group(2)) > int(span.group(1)):
        paragraphs = max(paragraphs, 2)
    # the posting box ("Protokollet är justerat ...") and the attendance list stand only in minutes
    # and their extracts, also when the header names neither
    if "sammanträdesdatum" in low or _MINUTES_CUE.search(low) or (
            re.search(r"justera(?:re|nde|s)\b|utses\s+att\s+justera|justeringsperson", low) and paragraphs):
        return "beslut" if paragraphs <= 1 or "utdrag" in low[:800] else "protokoll"
    # a proposal to a board is a memo (a contract proposes nothing; minutes are caught above)
    # ("Äldre- och omsorgsnämndens förslag till beslut", "Kommunstyrelsens förslag till kommunfullmäktige":
    # an agenda item that carries its proposal is a proposal too)
    if re.search(r"(?m)^[\s#*]*(?:[\wåäö][\wåäö\- ]*s\s+)?förslag till (?:(?:[\wåäö\- ]+ )?beslut|kommunfullmäktige|"
                 r"kommunstyrelsen|regionfullmäktige|regionstyrelsen|[\wåäö\-]+nämnden)[\s*:]*$", low):
        return "tjansteskrivelse"
    if re.search(r"(?m)^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:avtalsparter|parter(?:\s+och\s+ombud)?|avtalstid|avtalsperiod|"
                 r"ramavtalstid|uppdragstid)\s*$", low):
        return "avtal"
    if re.search(r"(?m)^\s*(?:\d+(?:\.\d+)*\s+)?(?:inledning|metod|referenser|sammanfattning)\s*$", low) and re.search(
        r"(?m)^\s*(?:referenser|litteratur|källor)\s*$", text.lower()
    ):
        return "rapport"
    return None


_PROPOSAL_HEAD = re.compile(r"(?im)^[\s#*]*(?:[\wåäö\- ]+s\s+)?förslag\s+till\s+(?:[\wåäö\- ]+\s)?beslut[\s*:]*$")


def _refine(t: str, text: str, label: bool = False) -> str:
    if t == "rapport" and not label and _PROPOSAL_HEAD.search(text, 0, 4000):
        # a memo titled after the report it lays before the board ("Delårsrapport 2024",
        # "Uppföljning av intern kontroll") proposes a decision; a report proposes none
        return "tjansteskrivelse"
    if t == "protokoll":
        # an extract of the minutes is the decision it holds ("Utdragsbestyrkande" stands in
        # the footer of whole minutes too, so it tells nothing)
        low = text[:1500].lower().replace("utdragsbestyrkande", "")
        # whole minutes may hold a single item: only the word "utdrag" makes them an extract
        if re.search(r"protokollsutdrag|utdrag\s+ur", low):
            return "beslut"
    return t


# --- title ----------------------------------------------------------------------------

_NOT_TITLE = re.compile(
    r"(?i)^(?:sida\s+\d|dnr|diarienr|diarienummer|datum|utfärdat|ärendenummer|referens|(?:vår|er)\s+referens|(?:ansvarig\s+)?upphandlare\s*:|kontaktperson\s*:|till\s+(?:samtliga\s+)?anbudsgivar|sammanträdesdatum|\d{4}-\d{2}-\d{2}|"
    r"handläggare|ert datum|vårt datum|beteckning|innehåll|tjänsteskrivelse\s*$|protokoll\s*$|"
    r"(?:sammanträdes)?protokoll(?:sutdrag)?\s*$|beslut\s*$|bilaga|\d+\s*\(\d+\)|https?:|"
    # the minutes' footer of signature boxes, which a one-page extract prints near its top
    r"justerandes\s+signatur|justerandes\s+sign|utdragsbestyrkande|ordförandes\s+signatur)"
)
# a header field, "Label: value" ("Upphandlingsnummer: UH-12", "Beslutsdatum: 2025-06-18",
# "Vår referens: Anna Ek"): a short label of words, a colon, then its value
_FIELD_LINE = re.compile(r"^[A-ZÅÄÖa-zåäö][\wåäö\-]*(?:[ \t]+[\wåäö\-]+){0,2}[ \t]*:[ \t]+\S")
_CONTINUES = re.compile(r"(?i)(?:\b(?:av|med|till|och|för|i|om|på|från|avseende|gällande|inom|samt)|[,\-–])$")


def find_title(doc: Doc) -> str | None:
    """The document's title: the line block just above the proposal heading ("Förslag till
    beslut") when page 1 has one, else the first body line(s); wrapped lines joined."""
    text = doc_text(doc)
    starts = page_starts(doc)
    end = starts[1] if len(starts) > 1 else len(text)
    lines: list[tuple[str, bool]] = []  # (stripped line, in a running header/footer)
    pos = 0
    for line in text[:end].split("\n"):
        sp = doc.char_span(pos, pos + len(line), alignment_mode="expand") if line.strip() else None
        # markdown renderings of PDFs ("## **Title**") are read as plain lines
        lines.append((line.strip().strip("#*_ \t"), sp is not None and in_boilerplate(sp)))
        pos += len(line) + 1
    title = _block_above_proposal(lines) or _first_block(lines)
    if not title:
        return None
    title = re.sub(r"\s+", " ", " ".join(title)).strip()
    return re.sub(r"^§\s*\d+\s*", "", title) or None


def _not_title(s: str) -> bool:
    from .people import find_names, name_on_line

    return bool(_NOT_TITLE.match(s) or _FIELD_LINE.match(s) or len(s) < 4 or s.isdigit() or _is_meta_line(s) or _is_label_line(s)
                or name_on_line(s) or (len(s.split()) <= 6 and find_names(s)))


def _block_above_proposal(lines: list[tuple[str, bool]]) -> list[str]:
    for k, (s, _) in enumerate(lines):
        if _PROPOSAL_LINE.match(s):
            block: list[str] = []
            j = k - 1
            while j >= 0 and len(block) < 4:
                t, boiler = lines[j]
                if block and re.match(r"§\s*\d+\s+\S", t) and not boiler:
                    block.insert(0, t)  # the § heading whose wrapped tail stands above the proposal
                    break
                if not t or boiler or _not_title(t) or KNOWN_HEADINGS.match(t):
                    break
                block.insert(0, t)
                j -= 1
            # a paragraph of prose ending in a full stop stands above a "Beslut" heading, no title
            if block and block[-1].endswith(".") and len(" ".join(block).split()) > 12:
                return []
            return block
    return []


def _first_block(lines: list[tuple[str, bool]]) -> list[str]:
    title: list[str] = []
    for s, boiler in lines:
        if not s or boiler:
            if title:
                break
            continue
        if not title:
            if not _not_title(s):
                title.append(s)
                if len(s) > 200:
                    break
            continue
        if KNOWN_HEADINGS.match(s) or _NOT_TITLE.match(s) or _FIELD_LINE.match(s):
            break
        if _CONTINUES.search(title[-1]) or s[:1].islower():
            title.append(s)
            continue
        break
    return title


def _is_label_line(s: str) -> bool:
    """A line that only names the issuer or the kind of document ("Göteborgs Stad",
    "Socialnämnden", "Tjänsteutlåtande")."""
    from .orgs import find_orgs

    rest = s
    for o in find_orgs(s):
        rest = rest.replace(o.text, " ")
    for _, rx in _HEADER_RES:
        rest = rx.sub(" ", rest)
    return not re.sub(r"[\W\d_]+", "", rest)


def _is_meta_line(s: str) -> bool:
    # the header block's "Socialnämnden  Dnr SN 2023/12", contact and address lines, dates
    return bool(re.search(
        r"(?i)\bdnr\b|\bdiarie|\bsida\s+\d|^\d{3}\s?\d{2}\s|e-post|epost|telefon|^tel\b|@|www\.|https?:|"
        r"^till\s*:?$|^från\s*:?$|^handläggare\b|^kopia\b|^\d{4}-\d{2}-\d{2}$|^\d{1,2} \w+ \d{4}$|"
        # a protocol's header table
        r"^(?:plats\s+och\s+tid|beslutande|övriga\s+(?:närvarande|deltagare)|närvarande|ersättare|justerare|"
        r"justeringens|underskrift|sekreterare|ordförande|paragrafer|anslag|datum\s+då)|\.{5,}|_{5,}", s))


# --- authority, date --------------------------------------------------------------------


def find_authority(doc: Doc) -> str | None:
    """The municipality or region issuing the document: named in the first page's
    header or footer, else the one the document names most."""
    from collections import Counter

    from .orgs import find_public_bodies, uncapitalise

    text = doc_text(doc)
    starts = page_starts(doc)
    first_end = starts[1] if len(starts) > 1 else len(text)
    bp = [b for b in doc.spans.get("boilerplate", []) if b.start_char < first_end]
    for b in bp:
        found = find_public_bodies(uncapitalise(b.text))
        if found:
            return found[0].canon
    top = uncapitalise(_top(doc, 6, text))
    found = find_public_bodies(top)
    if found:
        return found[0].canon
    counts = Counter(o.canon for o in find_public_bodies(uncapitalise(text)))  # "ÅNGE KOMMUN" in a footer
    return counts.most_common(1)[0][0] if counts else None


def find_document_date(doc: Doc) -> str | None:
    for sp in doc.spans.get("dates", []):
        norm = sp._.norm or {}
        if norm.get("role") == "document" and norm.get("date"):
            return str(norm["date"])
    return None


def annotate(doc: Doc) -> Doc:
    doc._.doc_type = classify(doc)
    doc._.title = find_title(doc)
    doc._.authority = find_authority(doc)
    doc._.document_date = find_document_date(doc)
    return doc


@Language.factory("muni_doctype")
def make_doctype(nlp: Language, name: str):
    return annotate
