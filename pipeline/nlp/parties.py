"""Organisations, and the parties among them: who decides, buys, supplies, prepares, receives.

``doc.spans["orgs"]`` holds every organisation mention; ``doc.spans["parties"]`` one
span per (mention, role) for the organisations that act in the matter. Names are
resolved to one canonical form per document ("Linköping Stadsmission" and
"Linköpings Stadsmission" are one party; "social- och omsorgsnämndens" is
"Social- och omsorgsnämnden").

Recognition of the names is ``orgs.py``'s work (``find_orgs``). Roles come from the
document's structure (proposal heading, letterhead, signature block, "Beslutet skickas
till") and verbal cues ("avtal med X", "tilldelas X", "X, genom Y-nämnden").

The module reads top down: ``group_orgs`` (one canonical name per organisation); role
finding (decision maker, contract sides, funders, preparers, recipients); the component.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from .layout import case_folded, doc_text, in_boilerplate, page_starts, sentence_starts
from .scan import finditer_near, word_spans
from .orgs import (
    _APPOSITION_ROLE,
    _LC,
    sent_to_spans,
    ACRONYM_AFTER_RE,
    AGENCY,
    BOARD,
    COMPANY,
    COUNCIL,
    DECIDING,
    FORMER_RE,
    MUNICIPALITY,
    OFFICE,
    PROCURER,
    PUBLIC,
    REGION,
    ROLE_APPOSITION_RE,
    _clean,
    find_orgs,
    gazetteers,
    Org,
    recipient_lines,
)
# re-exported: doctype and the tests import these from here
from .orgs import board_canonical, find_public_bodies, is_title, uncapitalise  # noqa: F401

ROLES = ("decision_maker", "buyer", "supplier", "preparer", "recipient")


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


@lru_cache(maxsize=4096)  # a document names each organisation many times
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
            # a name in capitals (a letterhead's, a signature block's) yields to the same name in
            # mixed case: "TOLKTJÄNSTER AB" and "Tolktjänster AB" are "Tolktjänster AB"
            name = max(forms, key=lambda f: (len(name_key(f)), _genitives(f), not _in_capitals(f), forms[f],
                                             -len(re.findall(r"[,&]", f)), -len(f)))
        for i in members:
            canon[i] = name
    return canon


def _in_capitals(name: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", name) if len(w) > 3]
    return bool(words) and all(w.isupper() for w in words)


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
    r"\s+(?:har|hade|ska|skall|kommer|bör|beslutar|beslöt|föreslås|godkänner|tecknar|tecknade|tecknat|ingår|"
    r"ingick|ingått|slöt|sluter|slutit|förlänger|säger|avser|driver|köper|upphandlar)\b", re.I)
_DELEGATION_AFTER = re.compile(r"\s+delegationsordning\w*(?:[^.\n]|\.(?=\d)){0,60}?\bbeslutar\s+jag\b", re.I)
_PROPOSES_TO = re.compile(r"föreslår\s+$", re.I)
_INTENDS_AFTER = re.compile(r"\s+(?:avser|planerar|kommer)\s+(?:därefter\s+|sedan\s+)?att\b", re.I)
# what the body proposed to decide is asked to do: "föreslår kommunfullmäktige (att) besluta",
# "föreslår kommunfullmäktige att anse motionen besvarad", "... att godkänna avtalet"
_PROPOSED_ACT = re.compile(r"\s+(?:att\s+[a-zåäö]+|besluta)\b")
_PREPARES_AFTER = re.compile(
    r"\s*(?:föreslår|:s\s+förslag|s\s+förslag|förslag|har\s+(?:tagit\s+fram|utrett)|"
    r"(?:tjänsteskrivelse|tjänsteutlåtande|skrivelse|utredning)\b)", re.I)
_PREPARED_BY_BEFORE = re.compile(
    # a report's title block: "Utförd av Revisionsbyrån X på uppdrag av ..."
    r"(?:tagits\s+fram|sammanställts|utarbetats|skrivits|utförts|genomförts|gjorts|(?:^|\n)[ \t]*(?:utförd|utfört|genomförd|framtagen|sammanställd)(?:\s+och\s+\w+)?)\s+av\s+$", re.I
)
_STUDIES_AFTER = re.compile(
    r"\s+(?:har\s+)?(?:granskat|utrett|kartlagt|utvärderat|analyserat|genomlyst)\b", re.I
)
_FUNDS_AFTER = re.compile(r"\b(?:finansier\w*|bekosta\w*|beställ(?:t|er|de)|gett\s+i\s+uppdrag)\b", re.I)
_STUDY = re.compile(r"(?i)projekt|studie|rapport|utvärdering|forskning|kartläggning|uppdrag|arbetsnotat")
_ON_BEHALF_BEFORE = re.compile(r"(?:på\s+uppdrag\s+av|beställ(?:d|t)\s+av|finansierad?\s+av)\s+$", re.I)
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
    text: str = ""  # doc_text(doc): spaCy rebuilds doc.text on every access
    # built on first use: asked for once per mention, they made a long document quadratic
    _org_lines: list | None = field(default=None, repr=False)
    _by_start: tuple | None = field(default=None, repr=False)

    def starting_in(self, a: int, b: int) -> list[int]:
        """Indices (in order) of the mentions that start in ``[a, b)``."""
        if self._by_start is None:
            order = sorted(range(len(self.orgs)), key=lambda i: self.orgs[i].start)
            self._by_start = ([self.orgs[i].start for i in order], order)
        starts, order = self._by_start
        return sorted(order[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)])

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
    head = doc_text(doc)[:3000].lower() if text is None else text[:3000].lower()
    if doc_type == "rapport":
        return follows_up_contract(head)
    if doc_type == "other":
        return bool(_CONTRACT_DECISION.search(head))
    if re.search(r"avtal|upphandl|tilldelning|uppdrag|leverantör|utförare|överenskommelse", head):
        return True
    from .contract import contract_paragraphs  # contract.py imports this module
    # long minutes: the § about a contract may start past the head
    return doc_type != "rapport" and contract_paragraphs(doc, doc_text(doc) if text is None else text) is not None


# a report that follows up one contract ("Avtalsuppföljning 2024", "Uppföljningen avser
# avtalet mellan ..."): its parties are the contract's, though it decides nothing
_FOLLOW_UP = re.compile(r"(?i)avtalsuppföljning|uppföljning(?:en)?\s+(?:av|avser)\s+(?:\w+\s+)?(?:ram)?avtal")


def follows_up_contract(head: str) -> bool:
    return bool(_FOLLOW_UP.search(head))


# "Utförare är X", "Leverantör: X", and the parties section's "Beställare\nX"
_SUPPLIER_LABEL = re.compile(
    # a lease's "Hyresvärd: X", "Upplåtare: X": the side that lets out supplies
    r"(?i)(?:utförare(?:n)?|leverantör(?:en)?|uppdragstagare(?:n)?|hyresvärd(?:en)?|upplåtare(?:n)?|värdkommun(?:en)?)\s*(?:är|blir|:)?\s*$|"
    r"(?:drivs|utförs|bedrivs)\s+(?:i\s*dag\s+|sedan\s+\d{4}\s+)?av\s+$"  # "Verksamheten drivs av X"
)
# ... the side that takes the premises or land buys ("Hyresgäst: X", "Arrendator: X"), and so does
# the procuring body ("Upphandlande myndighet: X", "upphandlande organisation är X")
_BUYER_LABEL = re.compile(r"(?i)(?:beställare(?:n)?|uppdragsgivare(?:n)?|hyresgäst(?:en)?|arrendator(?:n)?|"
                          r"nyttjanderättshavare(?:n)?|upphandlande\s+(?:myndighet|organisation|enhet)(?:en)?)\s*(?:är|:)?\s*$")
# "... avtal med X", "överenskommit med X", "uppdrag till X", "tilldelas X"
_CONTRACT_WITH = re.compile(
    r"(?i)(?:\b[a-zåäö]*avtal(?:et)?|överenskommelse(?:n)?|överenskommit|kontrakt(?:et)?)"
    # "avtalet om skolskjutstrafik med X", "avtal avseende städtjänster med X": the object between
    r"(?:\s+(?:om|avseende|gällande)(?:\s+[a-zåäö\-]+){1,3}?)?"
    r"(?:\s+(?:har|ska|som))?(?:\s+(?:tecknas|tecknats|ingås|ingåtts|sluts|slutits))?\s+med\s+$|"
    r"anbud(?:et)?\s+från\s+$|(?:verksamhets)?uppdrag(?:et)?\s+till\s+$|tilldela(?:s|r)?\s+$|anlitar?\s+$"
)
# a decision on a contract: award, sign, extend, terminate
_CONTRACT_DECISION = re.compile(
    r"(?:tilldela(?:s|r)?|ingå|teckna|förlänga?|förlänger|säga\s+upp|sägs\s+upp|uppsägning\s+av)\s+"
    r"(?:\w+\s+){0,3}?(?:hyres|ram)?(?:avtal|kontrakt|överenskommelse)|(?:avtal|kontrakt)\w*\s+[^.]{0,120}?\btilldelas\b"
)
_AWARDED_AFTER = re.compile(r"\s+(?:tilldelas|har\s+tilldelats|antas\s+som\s+(?:leverantör|utförare))\b"
                            # "med X som leverantör", "X:s leverans" (a follow-up of what X delivers)
                            r"|,?\s+som\s+(?:leverantör|utförare)\b|(?::s|s)?\s+leverans(?:er)?\b")
# "tilldela ramavtal avseende familjehemsvård till X": the award's object lies between verb and name
_AWARD_TO = re.compile(r"(?i)\btilldela(?:s|r)?\s+(?:[^.\n]|\n(?!\n)){0,150}?\btill\s+$")
# "ramavtalet som X har upphandlat": X bought it, for the members it serves
_PROCURED_CONTRACT_BEFORE = re.compile(r"(?i)(?:avtal|kontrakt)\w*\s+som\s+$")
# the decision's own act: "att teckna avtal med X", "beslutar att ingå avtal med X"
_DECIDED_WITH = re.compile(r"(?i)\batt\s+(?:teckna|ingå|förlänga|sluta)\s+(?:\w+\s+){0,3}?(?:avtal|överenskommelse|kontrakt)\w*\s+med\s+$")
# "Malmö stad, genom arbetsmarknads- och socialnämnden": the municipality acts through its board
_THROUGH = re.compile(r"\s*,?\s*genom\s+(?:sin\s+|dess\s+)?$")
_CONCLUDED_AFTER = re.compile(r"(?i)\s+(?:har\s+|hade\s+)?(?:tecknade|tecknat|ingick|ingått|slöt|slutit)\s+"
                              r"(?:\w+\s+){0,2}?(?:[\wåäö]*avtal\w*|kontrakt\w*|överenskommelse\w*)")
_CONTRACT_BETWEEN = re.compile(r"(?i)avtal(?:et)?\s+mellan\s+$")
# "mellan X kommun genom Y-nämnden och Z", and the apposition "mellan X kommun, Y-nämnden, och Z"
_THROUGH_BETWEEN = re.compile(r"\s*,?\s*\(?\s*(?:genom\s+(?:sin\s+|dess\s+)?)?")
# the role nouns that name the side whatever the party's kind
_EXPLICIT_ROLE_NOUNS = ("utföraren", "leverantören", "säljaren", "entreprenören", "anordnaren", "uppdragstagaren",
                        "beställaren", "uppdragsgivaren", "köparen", "hyresvärden", "upplåtaren", "värdkommunen",
                        "hyresgästen", "arrendatorn", "nyttjanderättshavaren")
# "X har upphandlat", "X genomförde en öppen upphandling", "X är upphandlande myndighet"
_PROCURES_AFTER = re.compile(r"(?i)\s+(?:har\s+|hade\s+)?(?:upphandlat|upphandlar|upphandlade|"
                             r"genomför(?:t|de)?\s+(?:en\s+)?(?:[a-zåäö]+\s+){0,2}?upphandling(?:en)?|"
                             r"är\s+upphandlande\s+(?:myndighet|organisation|enhet))\b")
_PROCURED_BY_BEFORE = re.compile(r"(?i)upphandla(?:t|ts|d|des)\s+(?:av|genom)\s+$|upphandling(?:en)?\s+(?:har\s+)?(?:genomförts|gjorts)\s+(?:av|genom)\s+$")


# between two items of a list: "A AB (rangordning 1), B Oy", "A AB och B AB", "A AB, org.nr ..., samt B AB"
_LIST_NEXT = re.compile(r"\s*(?:\([^()\n]{1,40}\))?[ \t]*(?:,[ \t\n]*(?:och|samt)?|\s+(?:och|samt))\s+")


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
    # a report decides nothing, unless it carries a proposal ("Förslag till beslut")
    if ctx.doc_type != "avtal" and (ctx.doc_type != "rapport" or proposal_ranges(ctx.doc, ctx.text)):
        found = _decision_makers(ctx)
        # whole minutes record their board's decisions, whatever else an item proposes to
        # whom ("Kommunstyrelsens förslag till kommunfullmäktige" in the board's own minutes)
        if ctx.doc_type == "protokoll":
            found += _minutes_board(ctx)
        for i in found:
            roles.add_to_group(i, "decision_maker")
    if ctx.contractual:
        _contract_roles(ctx, roles)
        _performer_roles(ctx, roles)
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
    live = _in_contract_paragraphs(ctx, live)
    live_set = set(live)
    # the side the contract itself names ("Upplåtare: X", "nedan kallad Hyresgästen"): it outweighs
    # what a party's kind suggests ("nedan kallad Kommunen", "För X kommun" over a signature)
    named_as: dict[str, set[str]] = {}
    for i in live:
        o = orgs[i]
        m = ROLE_APPOSITION_RE.match(text, o.end)
        # "Omsorgsnämnden tecknade avtalet": the public body that concluded it bought
        if o.kind in PUBLIC and _sentence_subject(ctx, i) and _CONCLUDED_AFTER.match(text, o.end):
            roles.add(i, "buyer")
        # "Region X har genomfört en upphandling", "Kommunen har upphandlat ...": the procuring body buys
        if o.kind in PUBLIC and o.kind not in (OFFICE, PROCURER) and _sentence_subject(ctx, i) and _PROCURES_AFTER.match(text, o.end):
            roles.add(i, "buyer")
        if m:
            noun = (m.group("r1") or m.group("r2")).lower()
            role = _APPOSITION_ROLE[noun]
            # "nedan kallad Kommunen" names the public side, "nedan kallad Föreningen" the other
            if noun in _EXPLICIT_ROLE_NOUNS or ((role == "buyer") == (o.kind in PUBLIC)):
                roles.add(i, role)
            if noun in _EXPLICIT_ROLE_NOUNS:
                named_as.setdefault(ctx.canon[i], set()).add(role)
        # "Städbolaget Glans AB tilldelas kontraktet": the award names the supplier first
        if o.kind not in PUBLIC and o.kind != AGENCY and _AWARDED_AFTER.match(text, o.end):
            roles.add(i, "supplier")
        before = text[max(0, o.start - 40) : o.start]
        if o.kind not in PUBLIC and o.kind != AGENCY and _AWARD_TO.search(text[ctx.sentence(o.start)[0] : o.start]):
            roles.add(i, "supplier")
        if (o.kind in PUBLIC or o.kind == AGENCY) and _PROCURED_CONTRACT_BEFORE.search(before) and _PROCURES_AFTER.match(text, o.end):
            roles.add(i, "buyer")
        # a public body the deciding one contracts with ("att teckna avtal med Kommunalförbundet X")
        # supplies it; the decider itself is the buyer
        if (o.kind in (MUNICIPALITY, REGION) and _DECIDED_WITH.search(text, max(0, o.start - 80), o.start)
                and not any("decision_maker" in roles.get(j, ()) and ctx.canon[j] == ctx.canon[i] for j in roles)):
            roles.add(i, "supplier")
        label = _SUPPLIER_LABEL.search(before)
        # "Handläggningen utförs av Tillståndsenheten": a unit of one party does the work, for its
        # organisation; an office is no contracting party
        if label and not (o.kind == OFFICE and label.group(0).rstrip().endswith("av")):
            roles.add(i, "supplier")
            if not label.group(0).rstrip().endswith("av"):
                named_as.setdefault(ctx.canon[i], set()).add("supplier")
        if _BUYER_LABEL.search(before):
            roles.add(i, "buyer")
            named_as.setdefault(ctx.canon[i], set()).add("buyer")
        # a state agency in "samverkan ... avtal med Polisen" is a partner, not a contractor
        if _CONTRACT_WITH.search(before) and o.kind != AGENCY:
            # the sentence's subject ("Nämnden har sedan 2022 avtal med X") and who acts through
            # whom ("Förvaltningen har genom nämnden överenskommit med X") are the other side
            sent_start, _ = ctx.sentence(o.start)
            subj = [j for j in ctx.starting_in(sent_start, o.start) if j in live_set
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
            # "avtal mellan X kommun genom Y-nämnden och Z AB": the board acts for the municipality,
            # the party after "och" is the other side
            side = [i]
            end = o.end
            via = _THROUGH_BETWEEN.match(text, end)
            if via:
                board = next((j for j in live if orgs[j].start == via.end() and orgs[j].kind in (BOARD, COUNCIL)), None)
                if board is not None:
                    side.append(board)
                    end = orgs[board].end + len(re.match(r"\)?", text[orgs[board].end :]).group(0))
            m2 = re.match(r"\s*,?\s+och\s+", text[end : end + 10])
            if m2:
                for k in side:
                    roles.add(k, "buyer" if o.kind in PUBLIC else "supplier")
                for j in live:
                    if orgs[j].start == end + m2.end():
                        roles.add(j, "buyer" if orgs[j].kind in PUBLIC else "supplier")
    for i in live:
        # the purchasing body that signs for its member municipalities ("Upphandlingscenter, 222000-2527,
        # vad beträffar ... kommun") or that ran the procurement a memo reports on
        o = orgs[i]
        if o.kind == PROCURER and (
            (ctx.doc_type == "avtal" and o.start < len(text) * 0.4)
            or (_sentence_subject(ctx, i) and _PROCURES_AFTER.match(text, o.end))
            or _PROCURED_BY_BEFORE.search(text, max(0, o.start - 40), o.start)
        ):
            roles.add(i, "buyer")
    if ctx.doc_type == "avtal":
        for i, role in _signing_parties(ctx):
            roles.add(i, role)
    for i in live:
        named = named_as.get(ctx.canon[i], ())
        if len(named) == 1:
            other = "buyer" if "supplier" in named else "supplier"
            roles.get(i, set()).discard(other)
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
    # "till A AB (rangordning 1), B Oy (rangordning 2) och C AB": every party of a coordinated
    # list after a supplier cue is awarded alike
    for i in live:
        if "supplier" not in roles.get(i, ()) or orgs[i].kind in PUBLIC or orgs[i].kind == AGENCY:
            continue
        end = orgs[i].end
        for j in ctx.starting_in(end, end + 60):
            if j not in live_set or orgs[j].kind in PUBLIC or orgs[j].kind == AGENCY:
                break
            if not _LIST_NEXT.fullmatch(text, end, orgs[j].start):
                break
            roles.add(j, "supplier")
            end = orgs[j].end
    # the board deciding on a contract with a supplier is the one that holds it; an utskott
    # decides for its nämnd, which the contract names as its side ("avtalet mellan X kommun,
    # socialnämnden, och Y")
    if any("supplier" in rs for rs in roles.values()):
        named_board = {ctx.canon[i] for i, rs in roles.items() if "buyer" in rs and orgs[i].kind == BOARD
                       and "decision_maker" not in rs}
        for i, rs in list(roles.items()):
            if "decision_maker" in rs and orgs[i].kind == BOARD and not (
                    "utskott" in orgs[i].text.lower() and named_board - {ctx.canon[i]}):
                roles.add(i, "buyer")
    # "Ljungby kommun genom barn- och utbildningsnämnden avser att teckna avtal": the municipality
    # buys through its buying board
    buying = {ctx.canon[i] for i, rs in roles.items() if "buyer" in rs and orgs[i].kind in (BOARD, COUNCIL)}
    for i in live:
        if ctx.canon[i] in buying and orgs[i].kind in (BOARD, COUNCIL):
            for j in ctx.starting_in(max(0, orgs[i].start - 60), orgs[i].start):
                if orgs[j].kind in (MUNICIPALITY, REGION) and _THROUGH.fullmatch(text[orgs[j].end : orgs[i].start]):
                    roles.add(j, "buyer")


# an agreement between two public bodies names no Beställare/Leverantör: the one that works
# for the other supplies ("Kalmar ska för Mörbylångas räkning handlägga", "A utför ... åt B",
# "B köper ... av A"); names may be the short forms the parties section defines
_PERFORMS = (
    r"(?P<a>{n})\b[^.]{{0,80}}?\b(?:för|på)\s+(?P<b>{n})(?::s|s)\s+(?:räkning|uppdrag)\b",
    r"(?P<a>{n})\b[^.]{{0,80}}?\b(?:utför|utfört|utföra|utförde|levererar|tillhandahåller)\b[^.]{{0,80}}?\såt\s+(?P<b>{n})\b",
    r"(?P<b>{n})\s+(?:köper|köpte|har\s+köpt)\b[^.]{{0,80}}?\bav\s+(?P<a>{n})\b",
    # who pays whom: "Regionen ersätter Kommunen med 2 450 kr per plats"
    r"(?P<b>{n})\s+(?:ersätter|betalar|ska\s+ersätta|ska\s+betala)\s+(?:ersättning\s+till\s+)?(?P<a>{n})\b",
)
# what each of them holds next to a name: before it (a group "n") or after it (a group "after")
_PERFORMS_CUES = (
    re.compile(r"(?P<n>:?s\s+(?:räkning|uppdrag)\b)"),
    re.compile(r"(?<=\s)åt\s+(?P<after>)"),
    re.compile(r"(?P<n>\s+(?:köper|köpte|har\s+köpt)\b)"),
    re.compile(r"(?P<n>\s+(?:ersätter|betalar|ska\s+ersätta|ska\s+betala)\s)"),
)


def _cue_by_name(text: str, cue: re.Pattern, names) -> bool:
    for m in cue.finditer(text):
        if "n" in cue.groupindex:
            # the name ends at the cue, or takes its colon ("Kalmar:s räkning")
            if any(text.endswith(n, 0, e) for e in (m.start(), m.start() + 1) for n in names):
                return True
        elif any(text.startswith(n, m.end()) for n in names):
            return True
    return False


_PERFORMS_ANCHOR = re.compile(r"\b(?:räkning|uppdrag|åt|köp(?:er|te|t)|ersätt(?:er|a)|betala(?:r)?)\b")
_CALLED = re.compile(rf"[^\n]{{0,80}}?\bnedan\s+(?:kallad|kallat|benämnd|benämnt)\s+[\"”']?(?P<n>[A-ZÅÄÖ][{_LC}]+(?:\s+[A-ZÅÄÖ][{_LC}]+)?)")


def _in_contract_paragraphs(ctx: _Ctx, idx: list[int]) -> list[int]:
    """In minutes, the parties of a contract are named in the § about it, not in the others."""
    from .contract import contract_paragraphs
    paras = contract_paragraphs(ctx.doc, ctx.text) if ctx.doc_type != "avtal" else None
    return [i for i in idx if any(a <= ctx.orgs[i].start < b for a, b in paras)] if paras else idx


def _public_short_names(ctx: _Ctx) -> dict[str, str]:
    """Names a municipality or region goes by in the text -> its canonical name: as written,
    its bare place ("Kalmar" for Kalmar kommun) and the short form "nedan kallad X" defines."""
    out: dict[str, str] = {}
    for o, c in zip(ctx.orgs, ctx.canon):
        if o.kind not in (MUNICIPALITY, REGION):
            continue
        out[_clean(o.text)] = c
        place = re.sub(r"\s+(?:[Kk]ommun|[Ss]tad)s?$", "", _clean(o.text))
        if o.kind == MUNICIPALITY and place != _clean(o.text):
            out[place] = c
            # "Tierps kommun" is Tierp's: the bare place without the genitive
            if place.endswith("s") and place[:-1].lower() in gazetteers().municipality_places:
                out[place[:-1]] = c
        m = _CALLED.match(ctx.text, o.end)
        if m:
            out[m.group("n")] = c
    return out


def _performer_roles(ctx: _Ctx, roles: _Roles) -> None:
    if len({c for o, c in zip(ctx.orgs, ctx.canon) if o.kind in (MUNICIPALITY, REGION)}) < 2:
        return
    names = _public_short_names(ctx)
    alt = "(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")"
    sides: set[tuple[str, str]] = set()
    # the host municipality ("nedan kallad Värdkommunen", "(värdkommun)") performs for the others
    hosts = {c for o, c in zip(ctx.orgs, ctx.canon) if o.kind in (MUNICIPALITY, REGION)
             and (m := ROLE_APPOSITION_RE.match(ctx.text, o.end)) and (m.group("r1") or m.group("r2")).lower() == "värdkommunen"}
    if len(hosts) == 1:
        host = next(iter(hosts))
        sides |= {(host, c) for c in set(names.values()) if c != host}
    for pat, cue in zip(_PERFORMS, _PERFORMS_CUES):
        if not _cue_by_name(ctx.text, cue, names):
            continue  # (the pattern is compiled anew for each document's names: 0.6 ms)
        rx = re.compile(rf"(?<![\w-])" + pat.format(n=alt))
        for m in finditer_near(rx, ctx.text, _PERFORMS_ANCHOR, 200):
            a, b = names[m.group("a")], names[m.group("b")]
            if a != b:
                sides.add((a, b))
    if len(sides) != 1 and len({a for a, _ in sides}) != 1:
        return  # no cue, or cues that contradict each other
    a = next(iter(sides))[0]
    buyers = {b for x, b in sides if x == a}
    for i in _live(ctx):
        if ctx.canon[i] == a:
            roles.get(i, set()).discard("buyer")
    for canon, role in [(a, "supplier")] + [(b, "buyer") for b in buyers]:
        i = next((j for j in _live(ctx) if ctx.canon[j] == canon), None)
        if i is not None:
            roles.add(i, role)


_RUNS_AFTER = re.compile(r"\s+(?:driver|bedriver|utför|sköter|har\s+drivit|har\s+bedrivit|ansvarar\s+för)\b", re.I)
_ON_BEHALF = re.compile(r"på\s+uppdrag\s+av\s+$", re.I)


def _on_behalf_roles(ctx: _Ctx, roles: _Roles) -> None:
    """"Olivia Omsorg AB driver Björkhagens gruppbostad på uppdrag av Tyresö kommun": the
    operator supplies, the one it works for buys (in any document: a review states it in passing)."""
    orgs, text = ctx.orgs, ctx.text
    live = _live(ctx)
    for i in live:
        z = orgs[i]
        if z.kind not in PUBLIC or not _ON_BEHALF.search(text, max(0, z.start - 30), z.start):
            continue
        sent_start, _ = ctx.sentence(z.start)
        runners = [j for j in live if sent_start <= orgs[j].start < z.start and orgs[j].kind not in PUBLIC
                   and orgs[j].kind != AGENCY and _RUNS_AFTER.match(text, orgs[j].end)]
        if runners:
            roles.add(i, "buyer")
            for j in runners:
                roles.add(j, "supplier")


def _funder_roles(ctx: _Ctx, roles: _Roles) -> None:
    """The buyer of a report or study: who funds or commissions it."""
    _on_behalf_roles(ctx, roles)
    if ctx.contractual and ctx.doc_type != "rapport":
        return
    text = ctx.text
    for i in _live(ctx):
        o = ctx.orgs[i]
        if o.kind not in PUBLIC and o.kind != AGENCY:
            continue
        rest = text[o.end : min(ctx.sentence(o.start)[1], o.end + 400)]
        funds = _sentence_subject(ctx, i) and _FUNDS_AFTER.search(rest) and _STUDY.search(rest)
        # the auditors who commission their audit buy no service of the matter: an audit report
        # has no contract
        if (funds or _ON_BEHALF_BEFORE.search(text[max(0, o.start - 30) : o.start])) and not _AUDITORS.search(o.text):
            roles.add(i, "buyer")


_AUDITORS = re.compile(r"(?i)revisor|revisionen")


def _preparer_roles(ctx: _Ctx, roles: _Roles) -> None:
    """The office that proposes, whose memo it is or that heads the signature block; a
    report's publisher."""
    orgs, text = ctx.orgs, ctx.text
    for i in _live(ctx):
        o = orgs[i]
        if o.kind == OFFICE and _PREPARES_AFTER.match(text, o.end) and ctx.doc_type != "avtal":
            roles.add(_head_office(ctx, i), "preparer")
        # a memo's "granskningen har genomförts av Revisionsbyrån X" names who did the work in the
        # matter, not who wrote the memo: outside reports, only an office of the organisation prepares
        if _PREPARED_BY_BEFORE.search(text[max(0, o.start - 40) : o.start]) and (
                o.kind == OFFICE or (ctx.doc_type == "rapport" and o.kind not in (BOARD, COUNCIL))):
            roles.add(i, "preparer")
        # a report's "har Revisionsbyrån X AB granskat ..." / "X AB har utrett ...": the firm doing
        # the study wrote the report (who commissioned it is its buyer, not its author)
        elif (ctx.doc_type == "rapport" and o.kind not in PUBLIC and o.kind not in (BOARD, COUNCIL, OFFICE, AGENCY)
                and _STUDIES_AFTER.match(text, o.end)):
            roles.add(i, "preparer")
    if ctx.doc_type != "avtal":
        listed = set(_recipients(ctx))
        # minutes are the board's own: an office in their header is no author
        letterhead = _letterhead_offices(ctx) if ctx.doc_type != "protokoll" else []
        for i in _signature_orgs(ctx):
            if orgs[i].kind == OFFICE and i not in listed:
                roles.add(i, "preparer")
        for i in letterhead:  # may stand in the running header: its first mention in the body then
            if i not in listed:
                roles.add_to_group(i, "preparer")
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
    cached = doc.user_data.get(_PROPOSAL_KEY)  # asked for four times per document
    if cached is not None:
        return list(cached)
    text = doc_text(doc) if text is None else text
    heads = sorted(h.start_char for h in doc.spans.get("headings", []))
    out = [(s.start_char, s.end_char) for s in doc.spans.get("sections", []) if _PROPOSAL_SECTION.match(s.label_)]
    stops = sorted(heads + [a for a, _ in sent_to_spans(text)])
    for _, end in _proposal_lines(text):
        nxt = next((h for h in stops if h > end + 1), len(text))
        out.append((end, min(nxt, end + 1500)))
    out = sorted(set(out))
    doc.user_data[_PROPOSAL_KEY] = out
    return list(out)


_PROPOSAL_KEY = "_proposal_ranges"


@lru_cache(maxsize=2)
def _proposal_lines(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of _PROPOSAL_LINE's matches. Each is a whole line holding "förslag" or
    "beslut": tried at the start of those lines only, not (case-insensitively) everywhere."""
    low = case_folded(text)
    if low is None:
        return tuple(m.span() for m in _PROPOSAL_LINE.finditer(text))
    starts = sorted({text.rfind("\n", 0, i) + 1 for i, _ in word_spans(low, ("förslag", "beslut"))})
    return tuple(m.span() for s in starts if (m := _PROPOSAL_LINE.match(text, s)))


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
    for m_start, m_end in _proposal_lines(text):
        till = text.find("till", m_start, m_end)
        found = [i for i in range(len(orgs)) if max(m_start, till) <= orgs[i].start < m_end and orgs[i].kind in DECIDING]
        if found:
            return found
        # "Äldre- och omsorgsnämndens förslag till beslut": a board's own proposal is its decision
        # to take (an utskott proposes to its board, an office to its board: neither decides)
        found = [i for i in range(len(orgs)) if m_start <= orgs[i].start < till and orgs[i].kind in (BOARD, COUNCIL)
                 and orgs[i].text.endswith("s") and "utskott" not in orgs[i].text.lower()
                 and re.match(r"\s+förslag\s+till\s+beslut\b", text[orgs[i].end : m_end])]
        if found and ctx.spans[found[0]] is not None:
            return found[:1]
    # minutes report what was decided; a memo's background may, but its proposal does not
    past_ok = ctx.doc_type in ("protokoll", "beslut")
    scored: dict[int, int] = {}
    intending: set[int] = set()
    for i in live:
        o = orgs[i]
        if o.kind not in DECIDING:
            continue
        # "Förslag till beslut\nI kommunfullmäktige:" (Göteborg's template)
        in_colon = re.search(r"(?m)^\s*I\s+$", text[max(0, o.start - 6) : o.start]) and re.match(r"\s*:", text[o.end : o.end + 3])
        m = _DECIDES_AFTER.match(text, o.end)
        proposed_to = _PROPOSES_TO.search(text, max(0, o.start - 12), o.start) and _PROPOSED_ACT.match(text, o.end)
        if m and not past_ok and re.match(r"\s*(?:beslöt|beslutade|har\s+beslutat)", m.group(0)):
            m = None
        line_start = text.rfind("\n", 0, o.start) + 1
        opens_line = re.fullmatch(r"\s*(?:\d{1,2}[.)]|[-•–]|att)?\s*", text[line_start : o.start]) is not None
        # "1. Farsta stadsdelsnämnd förlänger avtalet": the body that acts in the proposal
        # ... but "Ljungby kommun genom barn- och utbildningsnämnden avser ...": the board acts
        acts = (re.match(rf"[ \t]+[{_LC}]", text[o.end : o.end + 3])
                and not re.match(r"\s*(?:föreslår|genom\b)", text[o.end : o.end + 12]))
        opens_proposal = any(a <= o.start < b for a, b in proposal) and (opens_line or _sentence_subject(ctx, i)) and acts
        # a memo addressed "Till: Socialnämnden" in its header block
        addressed = re.search(r"(?i)(?:^|\n)[ \t]*till[ \t]*:?[ \t]*\n?[ \t]*$", text[max(0, o.start - 20) : o.start])
        # "Med stöd av socialnämndens delegationsordning ... beslutar jag": a delegate decides for
        # the board, so the decision is the board's
        delegated = o.text.endswith("s") and _DELEGATION_AFTER.match(text, o.end)
        # "Kommunstyrelsen föreslår kommunfullmäktige besluta": the board decides to propose (an
        # utskott only prepares its board's matter)
        proposes = None
        if o.kind in (BOARD, COUNCIL) and "utskott" not in o.text.lower():
            pm = re.match(r"[ \t]+föreslår[ \t\n]+", text[o.end : o.end + 20])
            proposes = pm and any(orgs[j].start == o.end + pm.end() and orgs[j].kind in DECIDING
                                  and _PROPOSED_ACT.match(text, orgs[j].end) for j in live)
        if in_colon or m or proposed_to or opens_proposal or addressed or delegated or proposes:
            in_proposal = any(a <= o.start < b for a, b in proposal)
            scored[i] = 2 if in_proposal or in_colon else 1
            # "Region X avser att teckna ramavtal": who intends to sign buys; it decides
            # only when no other body does
            if not m and _INTENDS_AFTER.match(text, o.end):
                intending.add(i)
    if scored.keys() - intending:
        scored = {i: v for i, v in scored.items() if i not in intending}
    if scored:
        best = max(scored.values())
        return [i for i, v in scored.items() if v == best]
    if ctx.doc_type in ("protokoll", "beslut"):
        return _minutes_board(ctx)
    return []


def _minutes_board(ctx: _Ctx) -> list[int]:
    """The board in the first lines of page 1: whose minutes they are."""
    orgs, text = ctx.orgs, ctx.text
    starts = page_starts(ctx.doc)
    first_page_end = starts[1] if len(starts) > 1 else len(text)
    head_end = min(first_page_end, _nth_line_end(text, 8))
    return [i for i in ctx.starting_in(0, head_end) if orgs[i].kind in (BOARD, COUNCIL)][:1]


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
    if ctx._org_lines is None:
        ctx._org_lines = _find_org_lines(ctx)
    return ctx._org_lines


def _find_org_lines(ctx: _Ctx) -> list[tuple[int, int, int]]:
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
    text, orgs = ctx.text, ctx.orgs
    starts = page_starts(ctx.doc)
    head_end = min(starts[1] if len(starts) > 1 else len(text), _nth_line_end(text, 6))
    first_heading = min((h.start_char for h in ctx.doc.spans.get("headings", [])), default=head_end)
    limit = min(head_end, first_heading + 1)
    lines: dict[tuple[int, int], list[int]] = {}
    for i, o in enumerate(orgs):
        if o.start < limit:
            lines.setdefault(_line_bounds(text, o.start), []).append(i)
    # the line holds names and labels only: "Norrtälje kommun  Socialförvaltningen", "Från: Kulturkontoret"
    def letterhead(s: int, e: int, idx: list[int]) -> list[int]:
        rest = text[s:e]
        for i in sorted(idx, key=lambda i: -orgs[i].start):
            rest = rest[: orgs[i].start - s] + " " + rest[min(orgs[i].end, e) - s :]
        offices = [i for i in idx if orgs[i].kind == OFFICE]
        return offices if offices and _LETTERHEAD_REST.fullmatch(rest) else []

    for (s, e), idx in sorted(lines.items()):
        offices = letterhead(s, e, idx)
        if offices:
            # the unit within the office on the line below ("Vård- och omsorgsförvaltningen\n
            # Avdelningen för avtal och uppföljning") wrote a report too; under a memo's or a
            # decision's letterhead ("Kommunledningskontoret\nUpphandlingsenheten") the office
            # writes and the unit is only its address
            below = next(((s2, e2, idx2) for (s2, e2), idx2 in lines.items() if s2 == e + 1), None)
            if ctx.doc_type != "rapport":
                below = None
            units = [i for i in letterhead(*below) if _SUBUNIT.match(orgs[i].text)] if below else []
            return offices[:1] + units[:1]
    return []


# a unit inside an office: "Avdelningen för ...", "Enheten för ...", "Stödavdelningen", "Kommunledningsstaben"
_SUBUNIT = re.compile(r"(?i)(?:avdelning|enhet|stab|sektion|sekretariat|kansli)(?:en|et)?\b|\w+(?:avdelningen|enheten|staben|sektionen|sekretariatet|kansliet)\b")


_LETTERHEAD_REST = re.compile(
    r"(?i)(?:från\s*:|avsändare\s*:|tjänsteskrivelse|tjänsteutlåtande|missiv|(?:delegations)?beslut|sida\s+\d+\s*(?:\(\d+\)|av\s+\d+)?|"
    r"\d{4}-\d{2}-\d{2}|[\s,.|·–\-])*"
)


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
            if o.kind in (BOARD, COUNCIL, MUNICIPALITY, REGION, PROCURER):
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
    for cue_start, cue_end in sent_to_spans(text):
        sp = ctx.doc.char_span(cue_start, cue_end, alignment_mode="expand")
        if sp is None or in_boilerplate(sp):
            continue
        for a, b in recipient_lines(text, cue_end):
            out += [i for i in ctx.starting_in(a, b) if ctx.spans[i] is not None]
    return out


# --- the component ----------------------------------------------------------------------


def _span(doc: Doc, o: Org) -> Span | None:
    sp = doc.char_span(o.start, o.end, alignment_mode="expand")
    if sp is None or not len(sp) or (in_boilerplate(sp) and not _letterhead_office(doc, o)):
        return None
    return sp


def _letterhead_office(doc: Doc, o: Org) -> bool:
    """An office in page 1's first lines: a scan repeats its letterhead on every page, so
    the line reads as a running header, yet it is where the office writing is named."""
    return o.kind == OFFICE and doc_text(doc).count("\n", 0, o.start) < 3


def annotate(doc: Doc) -> Doc:
    from .doctype import classify

    text = doc_text(doc)
    orgs = find_orgs(text)
    canon = group_orgs(text, orgs)
    spans = [_span(doc, o) for o in orgs]
    doc_type = classify(doc, text)
    sent_starts = sentence_starts(doc)
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
        parties += _generic_decision_maker(ctx, parties) or _company_board(ctx)
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


_COMPANY_BOARD = re.compile(
    r"(?<![\w-])[Ss]tyrelsen(?!\w)(?P<for>[ \t]+för[ \t]+)?(?=[^.\n]{0,60}?\s(?:beslutar|beslutade|beslöt|föreslås\s+besluta)\b)")


def _company_board(ctx: _Ctx) -> list[Span]:
    """A municipal company's minutes: "Styrelsen beslutade ..." under the company's name in
    the header, or "Styrelsen för Solby Energi AB beslutar": the board acts for the company,
    which is the decision maker (a company's board has no name of its own)."""
    if ctx.doc_type not in ("tjansteskrivelse", "beslut", "protokoll"):
        return []
    head_end = _nth_line_end(ctx.text, 8)
    companies = [i for i, o in enumerate(ctx.orgs) if o.kind == COMPANY]
    if not companies or "tyrelsen" not in ctx.text:
        return []
    for m in _COMPANY_BOARD.finditer(ctx.text):
        if m.group("for"):
            named = [i for i in companies if ctx.orgs[i].start == m.end()]
        else:
            named = [i for i in companies if ctx.orgs[i].start < head_end][:1]
        sp = ctx.doc.char_span(m.start(), m.start() + len("Styrelsen"), alignment_mode="expand")
        if not named or sp is None or in_boilerplate(sp):
            continue
        s = Span(ctx.doc, sp.start, sp.end, label="decision_maker")
        s._.norm = {"name": "Styrelsen", "canonical_name": ctx.canon[named[0]], "role": "decision_maker"}
        return [s]
    return []


@Language.factory("muni_parties")
def make_parties(nlp: Language, name: str):
    gazetteers()  # compile once, when the pipeline is built
    return annotate
