"""The benchmark batch: distinct PDFs rewritten from the sample documents' texts.

Each document takes one seed text (tests/fixtures/text), changes its municipality,
people, dates and amounts, cuts or extends it to a length between one and a dozen
pages (borrowing paragraphs from the long report), and is typeset with reportlab
the way municipal memos are: a letterhead with ``Sida n (m)``, an address footer,
bold headings, and in some documents a ruled table. Generated once and kept under
bench/_work/ (the manifest says what is there); a new GENERATOR_VERSION regenerates.
"""
from __future__ import annotations

import json
import random
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "text"
GOLD = ROOT / "tests" / "fixtures" / "gold"
GENERATOR_VERSION = 2

MUNICIPALITIES = [
    ("Norrköping", "601 81"), ("Motala", "591 86"), ("Mjölby", "595 80"), ("Finspång", "612 80"),
    ("Vadstena", "592 80"), ("Åtvidaberg", "597 80"), ("Kinda", "590 40"), ("Valdemarsvik", "615 80"),
    ("Ödeshög", "599 80"), ("Söderköping", "614 80"), ("Boxholm", "590 10"), ("Ydre", "573 74"),
    ("Linköping", "581 81"),
]
FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Per", "Eva", "Mikael", "Lena",
         "Anders", "Sofia", "Magnus", "Emma", "Fredrik", "Ingrid", "Jonas", "Helena", "Björn"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
        "Svensson", "Gustafsson", "Pettersson", "Lindberg", "Lindqvist", "Berglund", "Holm", "Sandberg"]
SUPPLIERS = ["Östergötlands Stadsmission", "Leanlink Råd och Stöd", "Attendo Individ och Familj AB",
             "Humana Assistans AB", "Frälsningsarmén", "Convictus", "Nytida AB", "Vardaga AB"]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"]

_ISO = re.compile(r"\b(19[89]\d|20[0-3]\d)-(\d\d)-(\d\d)\b")
_LONG_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (20[0-3]\d)\b", re.IGNORECASE)
_AMOUNT = re.compile(r"\b\d{1,3}(?: \d{3})+(?= ?(?:kronor|kr\b|SEK))")
_SMALL_AMOUNT = re.compile(r"(?<!\d )\b\d+(?:,\d+)?(?= ?(?:mnkr|tkr|Mkr|miljoner kronor))")
_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d)*\.?\s+)?[A-ZÅÄÖ][^.!?]{1,70}$")


def _seed_texts() -> dict[str, list[str]]:
    seeds = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8").replace("*", "")
        # the fixtures keep a little markdown: heading marks and rules are not document text
        text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)
        text = re.sub(r"^\s*-{3,}\s*$", "", text, flags=re.MULTILINE)
        paras = [" ".join(p.split("\n")).strip() for p in re.split(r"\n\s*\n", text)]
        seeds[path.stem] = [p for p in paras if p]
    return seeds


def _gold_people() -> list[str]:
    names = set()
    for path in GOLD.glob("*.json"):
        for p in json.loads(path.read_text(encoding="utf-8")).get("people", []):
            names.add(p["name"])
    return sorted(names, key=len, reverse=True)


def _kommun(muni: str) -> str:
    # "Motala kommun", "Finspångs kommun": a name ending in a vowel takes no genitive s
    return f"{muni} kommun" if muni[-1] in "aeiouyåäö" else f"{muni}s kommun"


def _vary(text: str, rng: random.Random, ctx: dict) -> str:
    for old, new in ctx["people"].items():
        text = text.replace(old, new)
    text = text.replace("Linköpings kommun", _kommun(ctx["muni"]))
    text = text.replace("Linköping", ctx["muni"])
    for old in ("Östergötlands Stadsmission", "Linköpings Stadsmission", "Linköping Stadsmission"):
        text = text.replace(old, ctx["supplier"])
    shift = ctx["years"]

    def iso(m: re.Match) -> str:
        return f"{int(m.group(1)) + shift}-{m.group(2)}-{rng.randint(1, 28):02d}"

    def long_date(m: re.Match) -> str:
        return f"{rng.randint(1, 28)} {m.group(2)} {int(m.group(3)) + shift}"

    def amount(m: re.Match) -> str:
        digits = len(m.group(0).replace(" ", ""))
        value = rng.randint(10 ** (digits - 1), 10 ** digits - 1) // 1000 * 1000
        return f"{value:,}".replace(",", " ")

    def small(m: re.Match) -> str:
        return f"{rng.uniform(0.5, 40):.1f}".replace(".", ",")

    text = _ISO.sub(iso, text)
    text = _LONG_DATE.sub(long_date, text)
    text = _AMOUNT.sub(amount, text)
    return _SMALL_AMOUNT.sub(small, text)


def _plan(i: int, seeds: dict[str, list[str]], people: list[str]) -> dict:
    rng = random.Random(1000 + i)
    names = sorted(seeds)
    seed = names[i % len(names)]
    muni, post = MUNICIPALITIES[rng.randrange(len(MUNICIPALITIES))]
    ctx = {
        "muni": muni, "post": post, "years": rng.randint(-6, 3),
        "supplier": SUPPLIERS[rng.randrange(len(SUPPLIERS))],
        "people": {p: f"{rng.choice(FIRST)} {rng.choice(LAST)}" for p in people},
    }
    # page counts between 1 and 12, most of them short, as in a real archive
    target_pages = min(12, max(1, int(rng.expovariate(1 / 4.5)) + 1))
    target_chars = target_pages * 2600
    paras = list(seeds[seed])
    long_seed = max(seeds.values(), key=lambda ps: sum(map(len, ps)))
    while sum(map(len, paras)) < target_chars:
        start = rng.randrange(len(long_seed))
        paras.extend(long_seed[start : start + rng.randint(3, 12)])
    out, total = [], 0
    for p in paras:
        if total >= target_chars and out:
            break
        out.append(p)
        total += len(p)
    return {
        "i": i, "seed": seed, "ctx": ctx, "kind": rng.choice(["TJÄNSTESKRIVELSE", "VERKSAMHETSUPPDRAG", "BESLUT", "AVTAL"]),
        "paras": [_vary(p, rng, ctx) for p in out],
        "table": rng.random() < 0.25,
        "table_rows": [
            (rng.choice(["Familjestöd", "Gruppverksamhet", "Öppenvård", "Boendestöd", "Kontaktcentrum"]),
             f"{rng.randint(2, 120)} platser", f"{rng.randint(100, 9000) * 1000:,} kr".replace(",", " "))
            for _ in range(rng.randint(2, 7))
        ],
    }


def _build(plan: dict, out_dir: str) -> tuple[str, int]:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas as rl_canvas
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from xml.sax.saxutils import escape

    ctx = plan["ctx"]
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=14, spaceAfter=6)
    head = ParagraphStyle("head", fontName="Helvetica-Bold", fontSize=12, leading=15, spaceBefore=6, spaceAfter=4)
    header_left = _kommun(ctx["muni"])
    footer = (f"{header_left} · {ctx['post']} {ctx['muni']} · Besöksadress Storgatan {plan['i'] % 60 + 1} · "
              f"Telefon 0{plan['i'] % 90 + 10}-{plan['i'] % 90 + 10} 00 00 · Organisationsnummer 212000-{plan['i']:04d} · "
              f"{ctx['muni'].lower().replace('å', 'a').replace('ä', 'a').replace('ö', 'o')}.se")

    class Numbered(rl_canvas.Canvas):
        """Letterhead and 'Sida n (m)': m is known only after the last page."""

        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            self._saved = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            n = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self.setFont("Helvetica", 10)
                self.drawString(20 * mm, 285 * mm, f"{header_left}    {plan['kind']}")
                self.drawRightString(190 * mm, 280 * mm, f"Sida {self._pageNumber} ({n})")
                self.setFont("Helvetica", 7)
                self.drawString(20 * mm, 12 * mm, footer)
                super().showPage()
            super().save()

    story = []
    table_at = len(plan["paras"]) // 2 if plan["table"] else -1
    for k, p in enumerate(plan["paras"]):
        style = head if _HEADING.match(p) and len(p) < 70 else body
        story.append(Paragraph(escape(p), style))
        if k == table_at:
            data = [["Insats", "Volym", "Ersättning per år"]] + [list(r) for r in plan["table_rows"]]
            t = Table(data, hAlign="LEFT")
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("FONTNAME", (0, 0), (-1, -1), "Helvetica"),
                                   ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold")]))
            story.extend([Spacer(1, 4), t, Spacer(1, 8)])
    name = f"{plan['i']:04d}_{plan['seed'][:3]}_{ctx['muni'].lower()}.pdf"
    path = Path(out_dir) / name
    doc = SimpleDocTemplate(str(path), pagesize=A4, topMargin=30 * mm, bottomMargin=22 * mm,
                            leftMargin=20 * mm, rightMargin=20 * mm, title=plan["paras"][0][:80])
    doc.build(story, canvasmaker=Numbered)
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    n = len(pdf)
    pdf.close()
    return name, n


def ensure_batch(work: Path, min_docs: int = 220, min_pages: int = 1000, workers: int = 2) -> dict:
    """The batch under ``work/raw/bench``, generated once; returns its manifest."""
    raw = work / "raw" / "bench"
    manifest_path = work / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if (manifest.get("version") == GENERATOR_VERSION and manifest["docs"] >= min_docs
                and manifest["pages"] >= min_pages and len(list(raw.glob("*.pdf"))) == manifest["docs"]):
            return manifest
    raw.mkdir(parents=True, exist_ok=True)
    for old in raw.glob("*.pdf"):
        old.unlink()
    seeds, people = _seed_texts(), _gold_people()
    files: dict[str, int] = {}
    i = 0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        while len(files) < min_docs or sum(files.values()) < min_pages:
            n_more = max(min_docs - len(files), 20)
            plans = [_plan(j, seeds, people) for j in range(i, i + n_more)]
            i += n_more
            for name, n in pool.map(_build, plans, [str(raw)] * len(plans)):
                files[name] = n
    manifest = {"version": GENERATOR_VERSION, "docs": len(files), "pages": sum(files.values()),
                "tables": None, "files": files}
    manifest_path.write_text(json.dumps(manifest, indent=1))
    return manifest
