"""The contract a document concerns, summarised in one row.

Reads what earlier components found (parties with roles; dates with roles
period_start/period_end; durations with roles extension/term/notice; amounts with
period and price_year) and adds what only the whole document says: whether it
concerns a contract at all, the service it is about (from the title), the decision
taken, and the arithmetic of an extension ("förlängs två år från 2019-01-01" ends
2020-12-31).
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from spacy.language import Language
from spacy.tokens import Doc, Span

import bisect

from .layout import doc_text, section_of, sentence_starts
from .parties import follows_up_contract, proposal_ranges

FIELDS = ("supplier", "buyer", "subject", "start_date", "end_date", "decision",
          "amount_per_year_sek", "price_year", "notice_months")

_CONTRACT_WORDS = re.compile(
    r"(?i)avtal|verksamhetsuppdrag|upphandl|tilldelning|överenskommelse|kontrakt|leverantör|utförare"
)
# Decision cues, tried in this order: a negated notice before the extension it implies.
_DECISIONS = (
    ("not_terminate", r"(?:sägs|säga|sägas)\s+(?:inte|ej)\s+upp|(?:inte|ej)\s+(?:säga|sägas)\s+upp|"
                      r"avstå(?:r|s)?\s+från\s+(?:att\s+)?(?:säga\s+upp|uppsägning)"),
    ("terminate", r"\bsägs\s+upp\b|\b(?:säga|säger)\s+upp\s+(?:\w*avtal|uppdrag|överenskommelse|kontrakt)|"
                  r"\buppsägning\s+av\s+(?:\w*avtal|uppdrag|överenskommelse|kontrakt)|(?:inte|ej)\s+förläng|"
                  r"förlängs\s+(?:inte|ej)|avslutas\s+i\s+förtid|hävning|hävs\b"),
    ("extend", r"förläng"),
    ("amend", r"\btillägg|\bändring|\bändras\b|\bjustering\s+av\s+avtal"),
    ("new", r"nytt\s+\w*avtal|tilldel|tecknar?\s+\w*avtal|teckna\s+\w*avtal|ingå\s+\w*avtal|ingår\s+\w*avtal|"
            r"godkänn\w*\s+(?:förslag(?:et)?\s+till\s+)?(?:(?:bifogat?|nytt|upprättat?)\s+)?\w*avtal|antar?\s+anbud|anta\s+anbud|"
            r"upphandling\s+av|nytt\s+verksamhetsuppdrag"),
)
_DECISION_RES = [(d, re.compile(p, re.I)) for d, p in _DECISIONS]

# Subjects written in titles: "Kontaktcentrum, ställningstagande till ...",
# "Hemtjänst - förlängning av avtal", "... avtal avseende familjestödande insatser".
_MATTER = (r"ställningstagande|beslut|förslag|förlängning|uppsägning|tilldelning|upphandling|"
           r"information|yttrande|avtal|ramavtal|verksamhetsuppdrag|godkännande|revidering|ändring")
_SUBJECT_RES = (
    re.compile(rf"^(?P<s>.+?)\s*(?:,|\s[-–]|[-–]\s)\s*(?:{_MATTER})\b", re.I),
    re.compile(r"\bavseende\s+(?P<s>.+)$", re.I),
    # "Avtal med Samhall AB om lokalvård" (a protocol's § heading)
    re.compile(r"\b(?:ram)?(?:avtal(?:et)?|överenskommelse(?:n)?|kontrakt(?:et)?)\b.*?\b(?:om|gällande)\s+(?P<s>.+)$", re.I),
    re.compile(r"\b(?:\w*avtal|kontrakt|verksamhetsuppdrag|upphandling|förlängning)\s+(?:för|om|gällande|av)\s+"
               r"(?!avtal|överenskommelse|kontrakt)(?P<s>.+)$", re.I),
    # "Godkännande av X AB som utförare inom valfrihetssystemet för hemtjänst"
    re.compile(r"\butförare\s+(?:inom\s+[\wåäö]+\s+)?(?:av|för|inom|i)\s+(?P<s>.+)$", re.I),
    # a title wrapped under its kind line: "AVTAL" / "om bostad med särskild service, Strömnäs"
    re.compile(r"^(?:om|gällande)\s+(?P<s>.+)$", re.I),
)
# a title that names the matter first and the service after a dash: "Underrättelse om tilldelningsbeslut –
# Skolskjuts", "Förlängning av avtal – Hemtjänst" (tried after the other shapes, on titles only)
_MATTER_FIRST = re.compile(
    r"(?i)^(?:[a-zåäö]+\s+(?:om|av|till)\s+)?[a-zåäö]*(?:beslut|avtal|upphandling|tilldelning|förlängning)[a-zåäö]*"
    # "Förlängning av placeringsavtal, HVB för ungdom - Hagaberg": a comma parts them as a dash does
    r"(?:\s+(?:av|om)\s+[a-zåäö]*avtal[a-zåäö]*)?(?:\s*[-–—]|,)\s*"
    # what follows is the service, not another matter ("Delegationsbeslut – Direktupphandling av ...")
    r"(?![a-zåäö]*(?:beslut|avtal|upphandling|tilldelning|förlängning)[a-zåäö]*\b)(?P<s>\S.*)$")
# a title naming what is built or bought for the service: "Investering i ny ishall på Klostergården"
_INVESTMENT = re.compile(
    r"(?i)^(?:investering(?:en)?|nybyggnad|nybyggnation|ombyggnad|tillbyggnad|renovering)\s+(?:i|av|för)\s+"
    r"(?:(?:en|ett)\s+)?(?:(?:ny|nytt|nya)\s+)?(?P<s>\S.*)$")
# what a title says about the matter, not the service: "Tilldelningsbeslut", "Förlängning av avtal"
_GENERIC = re.compile(
    # the kind of agreement, not its matter: "Placeringsavtal", "Hyresavtalet"
    r"(?i)^(?:\w*beslut|[a-zåäö]*avtal(?:et)?|förlängning(?:\s+av\s+(?:ram)?avtal(?:et)?)?|ärendet?|"
    r"tjänste\w+|(?:verksamhets)?uppdrag(?:et)?|tillägg|ändring|upphandling|tilldelning|"
    r"ställningstagande(?:\s+till\s+.*)?|information|yttrande|uppsägning(?:\s+av\s+.*)?|"
    # the form of the agreement, not its matter: "Överenskommelse om idéburet offentligt partnerskap"
    r"idéburet\s+offentligt\s+partnerskap|(?:offentligt\s+)?partnerskap|samverkan|samarbete|iop|"
    # the procedure, and a length of time ("avtal ... med en avtalstid om fyra år")
    # the kind of premises a lease lets, not which: "Hyresavtal för lokal"
    r"lokal(?:en|er|erna)?|bostad|offentlig\s+upphandling|(?:\d+|[a-zåäö]+)\s+(?:år|månader|månad|veckor|dagar))$"
)
_CURRENT_END = re.compile(r"(?i)(?:gäller|löper|upphör|slutar|går\s+ut)\b[^.]{0,40}?(?:till\s+och\s+med|t\s?\.?o\s?\.?m\.?|till|den)?\s*$")
# "Socialnämnden", "Farsta stadsdelsnämnd", "Socialnämnden Nordost", "Kommunfullmäktige"
_BOARD_NAME = re.compile(r"(?i)(?:nämnd(?:en)?|styrelsen|fullmäktige)(?:\s+[A-ZÅÄÖ]\w+)?$")


def _in(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= span.start_char < b for a, b in ranges)


# The words of a contract in what is about something else: the rules for buying
# ("upphandlingspolicy", "riktlinjer för inköp och upphandling"), the handling of contracts in
# general ("avtalstrohet", "avtalshantering"), plans, registers, staff agreements
_NOT_A_CONTRACT = re.compile(
    r"(?i)[\wåäö]*(?:avtals|upphandlings|leverantörs)(?:policy|riktlinje|regel|regler|strategi|plan|program|trohet|"
    r"hantering|process|rutin|verksamhet|funktion|enhet|organisation|reskontra|faktur|register|katalog|databas|"
    r"system|kompetens|frågor|arbete|område|pension)[\wåäö]*|kollektivavtal[\wåäö]*|"
    r"(?:policy|riktlinje[\wåäö]*|regler|reglemente[\wåäö]*|strategi[\wåäö]*|program|handbok|rutin[\wåäö]*|"
    r"instruktion[\wåäö]*)\s+(?:för|om|vid|gällande|avseende)\s+(?:[\wåäö\-]+\s+(?:och|&)\s+)?"
    r"(?:[\wåäö]*upphandling[\wåäö]*|inköp[\wåäö]*|[\wåäö]*avtal[\wåäö]*)"
)
# a title naming a governing document, a budget, the accounts or a review: the matter is that
# document, whatever contracts its text or proposal touches ("Budget 2025", "Revidering av
# upphandlingspolicy", "Revisionsskrivelse om avtalshantering")
_GOVERNING_TITLE = re.compile(
    r"(?i)^(?:(?:revidering|antagande|fastställande|uppdatering|godkännande|översyn)\s+av\s+|förslag\s+(?:till|på)\s+|"
    r"(?:ny|nytt|reviderad|reviderat|uppdaterad)\s+)?(?:[\wåäö]*(?:policy|riktlinjer?|reglemente|strategi|handlingsplan)|"
    r"(?:detalj|mål\s+och\s+)?budget|delårs\w+|årsredovisning|års?bokslut|bokslut|intern\s*kontroll\w*|internkontroll\w*|"
    r"delegationsordning|taxa|taxor|revisions\w+|granskning|verksamhetsplan|verksamhetsberättelse)\b"
)
# an act on a contract in the proposal: it decides one, whatever the title
_CONTRACT_ACT = re.compile(
    r"(?i)(?:tilldela\w*|ingå|ingår|teckna\w*|förläng\w*|säga\s+upp|sägs\s+upp|uppsägning\s+av|häva|godkänn\w*|anta\w*)"
    r"\s+(?:\w+\s+){0,3}?(?:[\wåäö]*avtal\w*|kontrakt\w*|överenskommelse\w*|anbud\w*|verksamhetsuppdrag\w*)"
)


def names_contract(s: str) -> bool:
    """Does ``s`` (a title, a § heading, a proposal) name a contract, procurement or assignment?"""
    return bool(_CONTRACT_WORDS.search(s)) and bool(_CONTRACT_WORDS.search(_NOT_A_CONTRACT.sub(" ", s)))


def concerns_contract(doc: Doc, text: str) -> bool:
    """A document concerns a contract when what it is about does: its title, the § about a
    contract in minutes, its proposed decision. Words in its body only mention contracts."""
    if doc._.doc_type == "rapport":
        # a follow-up of one contract is about it; other reports only mention contracts
        return follows_up_contract(text[:3000])
    if doc._.doc_type == "avtal":
        return True
    if contract_paragraphs(doc, text) is None and _n_paragraphs(doc) >= 2:
        return False  # minutes none of whose §s is about a contract
    title = doc._.title or ""
    proposal = _proposal_text(doc, text)
    if _GOVERNING_TITLE.match(title):
        return bool(_CONTRACT_ACT.search(_NOT_A_CONTRACT.sub(" ", proposal)))
    return names_contract(title + "\n" + proposal)


def _n_paragraphs(doc: Doc) -> int:
    return sum(1 for sp in doc.spans.get("sections", []) if _PARAGRAPH.match(sp.label_))


def _proposal_text(doc: Doc, text: str) -> str:
    return "\n".join(text[a:b] for a, b in _proposals(doc, text))


_PARAGRAPH = re.compile(r"^§\s*\d+")


def contract_paragraphs(doc: Doc, text: str) -> list[tuple[int, int]] | None:
    """Minutes decide several matters, one per §: the ranges of the §s about a contract
    (their heading or their decision names one), or None when the document is no such
    sequence or none of its §s is about a contract. Amounts, dates and the decision of
    another § (a motion's cost, a delegation report's period) are not the contract's."""
    cached = doc.user_data.get(_PARAGRAPHS_KEY, False)
    if cached is not False:
        return cached
    heads = sorted((sp.start_char, sp.label_) for sp in doc.spans.get("sections", []) if _PARAGRAPH.match(sp.label_))
    out = None
    # a contract numbers its clauses "§ 1 Parter", "§ 5 Ersättning": all of them are the contract's
    if len(heads) >= 2 and doc._.doc_type != "avtal":
        bounds = [(a, heads[k + 1][0] if k + 1 < len(heads) else len(text), label) for k, (a, label) in enumerate(heads)]
        about = [(a, b) for a, b, label in bounds if names_contract(label)]
        if not about:
            about = [(a, b) for a, b, label in bounds
                     if any(names_contract(text[x:y]) for x, y in proposal_ranges(doc, text) if a <= x < b)]
        out = about or None
    doc.user_data[_PARAGRAPHS_KEY] = out
    return out


_PARAGRAPHS_KEY = "_contract_paragraphs"


def _proposals(doc: Doc, text: str) -> list[tuple[int, int]]:
    """The proposal ranges, within the contract's § in minutes."""
    ranges = proposal_ranges(doc, text)
    paras = contract_paragraphs(doc, text)
    if paras:
        ranges = [(a, b) for a, b in ranges if any(x <= a < y for x, y in paras)]
    return ranges


def _facts(doc: Doc, group: str) -> list[Span]:
    """The spans of a fact group that belong to the contract's § (all of them outside minutes)."""
    spans = list(doc.spans.get(group, []))
    paras = contract_paragraphs(doc, doc_text(doc))
    if paras:
        spans = [s for s in spans if any(a <= s.start_char < b for a, b in paras)]
    return spans


# --- parties ------------------------------------------------------------------------------


def _party(doc: Doc, role: str, mentions: Counter) -> str | None:
    """``mentions``: a Counter the caller keeps for the document, filled here with the count
    of each organisation's mentions on first need (a long document names hundreds)."""
    names = [s._.norm["canonical_name"] for s in doc.spans.get("parties", []) if s._.norm and s._.norm.get("role") == role]
    if not names:
        return None
    if not mentions:
        mentions.update(Counter(s._.norm["canonical_name"] for s in doc.spans.get("orgs", []) if s._.norm))
    if role == "buyer":
        # a board holds the contract; the municipality is its legal person; the office acts for it
        def rank(n: str) -> tuple:
            board = _BOARD_NAME.search(n) is not None
            public_body = re.search(r"(?i)\b(?:kommun|stad)$|^region\b|regionen$", n) is not None
            return (not board, not public_body, -mentions[n], names.index(n))  # ties: first named
        return min(set(names), key=rank)
    return max(set(names), key=lambda n: (mentions[n], -names.index(n)))


# --- subject ------------------------------------------------------------------------------


def find_subject(doc: Doc, text: str) -> str | None:
    orgs = sorted({s._.norm["name"] for s in doc.spans.get("orgs", []) if s._.norm}, key=len, reverse=True)
    candidates = [doc._.title or ""]
    # minutes: the § heading of the item about a contract
    candidates += [m.group(1) for m in re.finditer(r"(?im)^\s*§\s*\d+\s+(.*(?:avtal|upphandling|uppdrag).*)$", text)]
    n_titles = len(candidates)
    # "Avtalet avseende familjestödande insatser, med ..." in the proposal, else in the text
    proposal = _proposal_text(doc, text)
    # a line that goes on in lower case is one clause wrapped by the PDF ("om närsjukvård och\nsäsongsmottagning")
    # and so is a long line that stops without punctuation ("... med Örebro\nStadsmission om ...")
    in_proposal = _avtal_sentences(re.sub(r"\n(?=[a-zåäö])|(?<=[^\n]{50}[\wåäö,])\n(?=[A-ZÅÄÖ][a-zåäö])", " ", proposal))
    candidates += in_proposal + _avtal_sentences(text[:4000])
    for k, cand in enumerate(candidates):
        if k == n_titles:
            # the title block goes on: a follow-up report's "Daglig verksamhet enligt LSS – Bergkvists Omsorg AB"
            sub = _subtitle_service(doc, text, orgs) or _line_under_kind_title(doc, text, orgs)
            if sub:
                return sub
        # the "X, ställningstagande till ..." shape belongs to titles only
        for rx in _SUBJECT_RES + (_MATTER_FIRST, _INVESTMENT) if k < n_titles else _SUBJECT_RES[1:]:
            m = rx.search(cand)
            if m:
                s = _clean_subject(m.group("s"), orgs)
                if s:
                    return _spelled_out(_fuller_in_proposal(s, in_proposal, orgs), text) if k < n_titles else s
    if len(candidates) == n_titles:  # no clause named the matter: the loop never reached the subtitle
        sub = _subtitle_service(doc, text, orgs) or _line_under_kind_title(doc, text, orgs)
        if sub:
            return sub
    # an agreement about a service known by its name: "Föreningen driver mötesplatsen Solrummet"
    for m in _RUNS_NAMED.finditer(text[:6000]):
        name = m.group("s")
        if name not in orgs and not any(name in o for o in orgs):
            return name
    # ... or by what it is: "Föreningen har sedan 2016 drivit en mötesplats för personer som utsatts för våld"
    for m in _RUNS_KIND.finditer(text[:6000]):
        s = _clean_subject(re.sub(r"(?i)(?<=\s(?:som|där))\s.*$|(?<=\svilka)\s.*$", "", m.group("s")), orgs)
        if s:
            return s
    return None


def _spelled_out(subject: str, text: str) -> str:
    """A title's abbreviation the text spells out where it says what the agreement is about:
    "HVB för ungdom" and "Avtalet ... avser HVB-vård med skolgång" make "HVB-vård för ungdom"."""
    head = subject.split(" ", 1)
    if not re.fullmatch(r"[A-ZÅÄÖ]{2,6}", head[0]):
        return subject
    m = re.search(rf"\b(?:avser|avseende|om|gällande)\s+({re.escape(head[0])}-[a-zåäö]{{3,}})\b", text)
    return " ".join([m.group(1)] + head[1:]) if m else subject


def _fuller_in_proposal(subject: str, clauses: list[str], orgs: list[str]) -> str:
    """A title shortens what the decision names in full: "Avtal om närsjukvård i Fjällby"
    over "att teckna avtal om närsjukvård och säsongsmottagning i Fjällby". The decision's
    service wins when it holds every word of the title's, and more."""
    words = subject.lower().split()
    for clause in clauses:
        for rx in _SUBJECT_RES[1:]:
            m = rx.search(clause)
            full = _clean_subject(m.group("s"), orgs) if m else None
            # "om drift av jourmottagningen i Skellefteå": the running of the service the title names,
            # in the definite form of the one the decision is about
            if full:
                full = re.sub(r"(?i)^(?:drift(?:en)?|utförande(?:t)?|tillhandahållande(?:t)?)\s+av\s+", "", full)
                fw = full.lower().split()
                if fw != words and len(fw) == len(words) and all(
                        f == w or (f.startswith(w) and f[len(w):] in ("en", "et", "n", "t", "na")) for f, w in zip(fw, words)):
                    return full[:1].upper() + full[1:]
            extra = [w for w in (full or "").lower().split() if w not in words]
            # only a coordinated member the title left out ("och säsongsmottagning"), not a
            # longer wording of the same service ("utförande av hemtjänst i Rimbo")
            if full and extra and extra[0] in ("och", "samt") and all(w in full.lower().split() for w in words):
                return full
    return subject


def _subtitle_service(doc: Doc, text: str, orgs: list[str]) -> str | None:
    """The line under the title that pairs a service with its supplier: "S – X AB"."""
    title = doc._.title or ""
    at = text.find(title) if title else -1
    if at < 0:
        return None
    nxt = text[text.find("\n", at) + 1 :].lstrip("\n").split("\n", 1)[0]
    parts = re.split(r"\s+[–—-]\s+", nxt.strip())
    if len(parts) != 2:
        return None
    for service, other in (parts, parts[::-1]):
        if any(other.strip().lower() in (o.lower(), o.lower() + "s") for o in orgs):
            return _clean_subject(service, orgs)
    return None


_RUNS_NAMED = re.compile(
    r"\b(?:driver|driva|bedriver|bedriva|ansvarar\s+för)\s+(?:(?:en|ett|den|det)\s+)?(?:[a-zåäö]+\s+)?"
    r"(?P<s>[A-ZÅÄÖ][\wåäö\-]+(?:[ \t]+[A-ZÅÄÖ][\wåäö\-]+){0,2})"
)


_RUNS_KIND = re.compile(
    r"(?i)\b(?:driver|drivit|drev|driva|bedriver|bedrivit|bedriva)\s+(?:en|ett)\s+(?P<s>[a-zåäö][^.\n]*)")


_CALL_OFF = re.compile(r"(?i)\bavrop\w*\s+(?:från|enligt|inom|på|ur)\s+[^.\n]*$")
# a title that only names the kind of agreement: "UPPDRAGSAVTAL (STATEMENT OF WORK)", "Ramavtal"
_KIND_TITLE = re.compile(r"(?i)^(?:[\wåäö]*avtal|överenskommelse|kontrakt|verksamhetsuppdrag|uppdragsbeskrivning)"
                         r"(?:\s*\([^)]*\))?$")


def _line_under_kind_title(doc: Doc, text: str, orgs: list[str]) -> str | None:
    """The service named on the line under a title that only names the kind of agreement."""
    def form_only(line: str) -> bool:
        # "Avtal om idéburet offentligt partnerskap (IOP)" names only the form of the agreement too
        form = re.match(r"(?i)^(?:[\wåäö]*avtal|överenskommelse|kontrakt)\s+(?:om|för|avseende)\s+(?P<s>.+)$", line)
        return bool(form) and not _clean_subject(form.group("s"), orgs)

    def kind_only(line: str) -> bool:
        return bool(_KIND_TITLE.match(line) or form_only(line))

    title = (doc._.title or "").strip()
    tries = [text.find(title)] if title and kind_only(title) else []
    # the title proper under a letterhead taken for the title ("Ekby kommun IOP-AVTAL"), and the
    # kind line of its own when the letterhead repeats it ("Ekby kommun RAMAVTAL\n...\nRAMAVTAL")
    tries += [m.start() for m in re.finditer(r"(?m)^[^\n]+", text[:1500])
              if kind_only(m.group(0).strip().strip("#*_ "))]
    for at in tries:
        if at < 0:
            continue
        nxt = text[text.find("\n", at) + 1 :].lstrip("\n").split("\n", 1)[0].strip()
        # the title again in capitals names no service either; a label's colon ("Dnr: 12"),
        # not a property's designation ("Rörstrand 4:12")
        if not nxt or re.search(r":(?!\d)", nxt) or re.match(r"(?i)(?:dnr|diarie|avrop|mellan|sida|\d)", nxt) or kind_only(nxt):
            continue
        sub = _clean_subject(nxt, orgs)
        if sub:
            return sub
    return None


def _avtal_sentences(text: str) -> list[str]:
    """Clauses naming a contract's matter: "avtalet avseende X", "avtal om X", "överenskommelsen
    med Y om X" (an agreement of any name)."""
    out = []
    # a period inside a word or number ("org.nr 559287-1143") does not end the clause; "en upphandling
    # av skolskjutstrafik" names the matter as an agreement does
    for m in re.finditer(r"(?i)\b(?:(?:ram)?avtal(?:et)?|överenskommelse(?:n)?|kontrakt(?:et)?)\b"
                         r"(?:[^.\n]|\.(?=\S)){0,80}?"
                         r"\b(?<!tid\s)(?:avseende|om|gällande|för)\s+[^.\n]+"  # not "uppsägningstid om"
                         r"|\bupphandling(?:en)?\s+av\s+[^.\n]+", text):
        # "Avrop från Nacka kommuns ramavtal för managementkonsulttjänster": the framework's
        # scope, not what this call-off buys
        if _CALL_OFF.search(text, max(0, m.start() - 80), m.start()):
            continue
        out.append(m.group(0))
    return out


def _clean_subject(s: str, orgs: list[str]) -> str | None:
    s = re.sub(r"\s+", " ", s).strip()
    # the sentence ends the matter ("... av färdtjänstresor. Tre anbud har kommit in")
    s = re.split(r"(?<=[a-zåäö]{3})\.\s+(?=[A-ZÅÄÖ])", s)[0]
    s = re.split(r"\s+(?:med|till|hos|från)\s+[A-ZÅÄÖ]", s)[0]
    # the procedure it is bought under, not the matter: "... enligt lagen (2016:1145) om offentlig upphandling"
    s = re.split(r"(?i)\s+enligt\s+(?:LOU\b|lagen\s+(?:\(2016:1145\)\s+)?om\s+offentlig\s+upphandling|lagen\s+\(2016:1145\))", s)[0]
    # the clause goes on with what happens to the contract
    s = re.split(r"(?i)\s+(?:förläng\w*|sägs|upphör\w*|gäller|ska|skall|löper|tecknas|godkänns|avslutas|är|har|"
                 r"fr\.?o\.?m\.?|från\s+och\s+med|till\s+och\s+med|t\.?o\.?m\.?|(?:under|för)\s+(?:perioden|tiden)|"
                 # "Idéburet offentligt partnerskap (IOP) mellan X och Y": the parties, not the matter
                 r"(?:\([^)]*\)\s+)?mellan)\b", s)[0]
    for name in orgs:
        for form in (name, name + "s"):
            if s.lower().startswith(form.lower() + " "):
                s = s[len(form) :].strip()
            if s.lower().endswith(" " + form.lower()):
                s = s[: -len(form)].strip()
    # "HVB för ungdom - Hagaberg": the supplier after a dash (its name wrapped to the next line)
    parts = re.split(r"\s+[-–—]\s+", s)
    if len(parts) > 1 and any(o.lower().startswith(parts[-1].lower()) for o in orgs):
        s = " – ".join(parts[:-1])
    if any(s.lower() == o.lower() for o in orgs):
        return None  # a party, not a service
    s = re.split(r"\s+(?:med|till|för|hos|från)\s+[A-ZÅÄÖ]", s)[0]
    s = re.sub(r"\s+(?:med|till|för|hos|från|av|och)$", "", s)
    s = s.split(",")[0]
    s = re.sub(r"\s*\([^)]*\)?$", "", s)
    s = re.sub(r"\.(?:docx?|pdf)$", "", s, flags=re.I)
    s = s.strip(" .:;-–")
    # the article of "om en arbetsmarknadsinsats" is the clause's, not the service's name
    s = re.sub(r"(?i)^(?:en|ett)\s+(?=\w{3})", "", s)
    # a relative clause cut at its verb ("för patienter som | är utskrivningsklara") leaves its
    # antecedent's phrase dangling; the head before it is the service
    s = re.sub(r"(?i)\s+(?:för|av|med|till|inom)\s+(?:[\wåäö\-]+\s+){0,3}?(?:som|vilka|där)$", "", s)
    if len(s) < 3 or _GENERIC.match(s) or re.fullmatch(r"[\d\s\-/]+", s):
        return None
    return s[:1].upper() + s[1:]


# --- period ---------------------------------------------------------------------------------


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _d(s: str | None) -> date | None:
    try:
        return date.fromisoformat(str(s)[:10]) if s else None
    except ValueError:
        return None


def _pick_date(spans: list[Span], role: str, proposal: list[tuple[int, int]]) -> date | None:
    found = [s for s in spans if (s._.norm or {}).get("role") == role and _d(s._.norm.get("date"))]
    if not found:
        return None
    in_proposal = [s for s in found if _in(s, proposal)]
    return _d((in_proposal or found)[0]._.norm["date"])


def _months(doc: Doc, role: str, proposal: list[tuple[int, int]] = ()) -> float | None:
    found = [s for s in _facts(doc, "durations") if (s._.norm or {}).get("role") == role and s._.norm.get("months")]
    if not found:
        return None
    in_proposal = [s for s in found if _in(s, proposal)]
    return float((in_proposal or found)[0]._.norm["months"])


def _add_months(d: date, months: float) -> date:
    whole = int(round(months))
    if abs(months - whole) < 0.05:
        return d + relativedelta(months=whole)
    return d + timedelta(days=round(months * 30.44))


# a period is the contract's when its sentence or section speaks of the agreement: a
# delegation report "för perioden 2025-01-01--2025-01-31" sets no contract period
_ABOUT_AGREEMENT = re.compile(
    r"(?i)avtal|överenskommelse|kontrakt|uppdrag|upphandl|tilldel|förläng|option|giltighet|partnerskap|utför|leverant|"
    r"tillägg|gäller|löper")


def _about_agreement(span: Span, text: str, starts: list[int]) -> bool:
    k = bisect.bisect_right(starts, span.start_char) - 1
    a = starts[max(k, 0)]
    b = starts[k + 1] if k + 1 < len(starts) else len(text)
    return bool(_ABOUT_AGREEMENT.search(text[a:b]) or _ABOUT_AGREEMENT.search(section_of(span) or ""))


def find_period(doc: Doc, text: str, decision: str | None = None) -> tuple[date | None, date | None]:
    """The period the document sets. An extension's length counts only in a decision
    to extend (``decision`` None: judged from the text): a new contract's option of
    extension ("två år med möjlighet till förlängning 1+1 år") is not its period."""
    starts = sentence_starts(doc)
    dates = [s for s in _facts(doc, "dates")
             if (s._.norm or {}).get("role") not in ("period_start", "period_end") or _about_agreement(s, text, starts)]
    proposal = _proposals(doc, text)
    start = _pick_date(dates, "period_start", proposal)
    end = _pick_date(dates, "period_end", proposal)
    if start and end and end < start:
        later = [_d(s._.norm["date"]) for s in dates if (s._.norm or {}).get("role") == "period_end"]
        end = next((e for e in later if e and e >= start), None)
    if decision is None:
        decision = find_decision(doc, text)
    ext = _months(doc, "extension", proposal) if decision == "extend" else None
    if ext:
        if start and not end:
            end = _add_months(start, ext) - timedelta(days=1)
        elif end and not start:
            start = _add_months(end + timedelta(days=1), -ext)
        elif not start and not end:
            current = _current_end(dates, text)
            if current:
                start = current + timedelta(days=1)
                end = _add_months(start, ext) - timedelta(days=1)
    elif end and not start and re.search(r"(?i)förläng", _proposal_text(doc, text)):
        # "förlängs till och med 2025-12-31" runs from the day after the current end
        current = _current_end(dates, text)
        if current and current < end:
            start = current + timedelta(days=1)
    return start, end


def _current_end(dates: list[Span], text: str) -> date | None:
    """The end of the contract in force: "Befintligt avtal gäller till och med 31 december 2025"."""
    for s in dates:
        before = text[max(0, s.start_char - 60) : s.start_char]
        if _CURRENT_END.search(before):
            return _d((s._.norm or {}).get("date"))
    return None


# --- decision, money ------------------------------------------------------------------------


# an option is no decision: "med möjlighet till förlängning i högst 24 månader", "kan förlängas"
_OPTION = re.compile(
    r"(?i)(?:möjlighet\w*|option\w*|rätt)\s+(?:till|att|om)\s+(?:\w+\s+){0,2}?förläng\w*|"
    r"\bkan\s+(?:därefter\s+|sedan\s+)?förlängas|förlängningsoption\w*|förlängningsmöjlighet\w*"
)


def find_decision(doc: Doc, text: str) -> str:
    # a contract's own text speaks of options ("möjlighet till förlängning"): only its title
    # says whether it is an extension, an amendment or a new contract
    if doc._.doc_type == "rapport":
        return "other"  # a report follows a contract up; it decides nothing
    if doc._.doc_type == "avtal":
        zones = [doc._.title or "", "\n".join(text[:400].split("\n")[:2])]
    else:
        zones = [_proposal_text(doc, text), doc._.title or "", text[:3000]]
    for zone in zones:
        zone = _OPTION.sub(" ", zone) if doc._.doc_type != "avtal" else zone
        for decision, rx in _DECISION_RES:
            if zone and rx.search(zone):
                return decision
    return "new" if doc._.doc_type == "avtal" else "other"


_SUPERSEDED = re.compile(r"[ \t\u00a0]+till[ \t\u00a0]+[-\d]")


def find_money(doc: Doc, text: str) -> tuple[float | None, int | None]:
    amounts = [s for s in _facts(doc, "amounts") if s._.norm and s._.norm.get("amount_sek") is not None]
    yearly = [s for s in amounts if s._.norm.get("period") == "year" and s._.norm["amount_sek"] > 0]
    starts = sentence_starts(doc)
    # "Därutöver tillkommer licenskostnad med 2 400 kr/månad": an add-on, not the contract's price
    monthly = [s for s in amounts if s._.norm.get("period") == "month" and s._.norm["amount_sek"] > 0
               and not _ADD_ON.search(_sentence(s, text, starts))]
    priced = [s for s in amounts if s._.norm.get("period") is None and s._.norm.get("price_year") and not _is_rate(s, text)]
    amount = None
    chosen = None
    if yearly:
        # the contract's cost, not the board's budget
        # ... and in "höjs från 28,4 mnkr till 33,7 mnkr per år" the new one
        # ... and of "X 11,6 mnkr per år och Y ca 4 mnkr/år. Sammanlagt ... 15,6 mnkr per år" the sum
        # ... but where the parties divide a cost ("B betalar 40 procent av kostnaden, vilket ger en
        # ersättning om 1 840 tkr per år") the share the buyer pays, not the total it is part of
        chosen = max(yearly, key=lambda s: (_money_context(s, text), _is_share(s, text, starts), _is_sum(s, text, starts),
                                            not _SUPERSEDED.match(text, s.end_char)))
        amount = chosen._.norm["amount_sek"]
    elif monthly:
        chosen = monthly[0]
        amount = chosen._.norm["amount_sek"] * 12
    elif priced and doc._.doc_type == "avtal":
        # a contract's price "i 2021 års pris" without a period is its annual compensation
        chosen = priced[0]
        amount = chosen._.norm["amount_sek"]
    price_year = chosen._.norm.get("price_year") if chosen is not None else None
    if price_year is None:
        # the price level of the chosen amount's sentence, or of a price that is no rate:
        # "489 kr per timme i 2025 års prisnivå" prices the rate only, not the next
        # sentence's "1,9 mkr per år"
        own = _sentence(chosen, text, starts) if chosen is not None else None
        # An agreement's own price clause ("2 650 kr per plats och dygn ..., i 2025 års prisnivå")
        # sets the price level of the contract itself.
        agreement = doc._.doc_type == "avtal"
        price_year = next((s._.norm["price_year"] for s in amounts if s._.norm.get("price_year")
                           and (own is None or agreement or not _is_rate(s, text)
                                or _sentence(s, text, starts) == own)), None)
    return amount, (int(price_year) if price_year else None)


_RATE = re.compile(r"\s*(?:kr(?:onor)?\.?)?\s*(?:per|/|i|om)\s*(?:dygn|timme|tim|h\b|dag|plats|besök|person|brukare|"
                   r"vecka|vårddygn|timmen|dygnet|månad|deltagare|elev|barn|insats|ärende)")


_SUM = re.compile(r"(?i)\b(?:sammanlagt|totalt|sammantaget|sammanlagda|totala|summa)\b")


def _is_sum(span: Span, text: str, starts: list[int]) -> bool:
    """Is the amount the stated sum of its sentence ("Sammanlagt beräknas ersättningen till 15,6 mnkr")?"""
    k = bisect.bisect_right(starts, span.start_char) - 1
    a = starts[max(k, 0)] if starts else 0
    return bool(_SUM.search(text, a, span.start_char))


_SHARE = re.compile(r"(?i)\b(?:andel(?:en)?\s+(?:av|i)\s+(?:den\s+)?(?:totala\s+|gemensamma\s+)?kostnad|"
                    r"\d+(?:,\d+)?\s*(?:procent|%)\s+av\s+(?:den\s+)?(?:totala\s+|gemensamma\s+)?kostnad)")


def _is_share(span: Span, text: str, starts: list[int]) -> bool:
    """Is the amount one party's share of a divided cost ("betalar 40 procent av kostnaden, vilket ger ...")?"""
    return bool(_SHARE.search(_sentence(span, text, starts)))


_ADD_ON = re.compile(r"(?i)\b(?:därutöver|utöver|tillkommer|licens\w*)\b")


def _sentence(span: Span, text: str, starts: list[int]) -> str:
    k = bisect.bisect_right(starts, span.start_char) - 1
    a = starts[max(k, 0)] if starts else 0
    b = starts[k + 1] if k + 1 < len(starts) else len(text)
    return text[a:b]


def _money_context(span: Span, text: str) -> int:
    around = text[max(0, span.start_char - 150) : span.end_char + 150].lower()
    score = 1 if re.search(r"kostnad|ersättning|avtal|pris|verksamheten|uppdrag", around) else 0
    if "budget" in around and not score:
        score -= 1
    return score


def _is_rate(span: Span, text: str) -> bool:
    return bool(_RATE.match(text[span.end_char : span.end_char + 30]))


def _notice(doc: Doc) -> float | int | None:
    m = _months(doc, "notice")
    if m is None:
        return None
    return int(m) if float(m).is_integer() else m


def annotate(doc: Doc) -> Doc:
    text = doc_text(doc)
    if not concerns_contract(doc, text):
        doc._.contract = None
        return doc
    decision = find_decision(doc, text)
    start, end = find_period(doc, text, decision)
    amount, price_year = find_money(doc, text)
    mentions: Counter = Counter()
    supplier = _party(doc, "supplier", mentions)
    buyer = _party(doc, "buyer", mentions)
    if buyer is None:
        dm = _party(doc, "decision_maker", mentions)
        buyer = dm if dm and _BOARD_NAME.search(dm) else None
    values = {
        "supplier": supplier,
        "buyer": buyer,
        "subject": find_subject(doc, text),
        "start_date": _iso(start),
        "end_date": _iso(end),
        "decision": decision,
        "amount_per_year_sek": amount,
        "price_year": price_year,
        "notice_months": _notice(doc),
    }
    doc._.contract = {f: values[f] for f in FIELDS}
    return doc


@Language.factory("muni_contract")
def make_contract(nlp: Language, name: str):
    return annotate
