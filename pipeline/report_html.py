"""One self-contained HTML page per document: the text by page with every extracted value
highlighted, and the fact tables beside it, so any number can be checked against its source.

Highlights come from the fact tables and from ``mentions`` (offsets are into that page's
``pages.text``). Overlapping highlights that cross each other cannot nest in HTML, so a
highlight may be cut into pieces; every piece carries the highlight's ``data-hid`` and only
the first has the ``id`` that the fact tables link to.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from .show import CATEGORY_ORDER, contract_row, document_facts, rows

# mentions.label -> the category its highlight is shown as; ORG is an organisation named
# in passing (not a party), shown so a reader sees what the party finder passed over.
LABEL_CATEGORY = {
    "PARTY": "parties", "PERSON": "people", "DATE": "dates", "MONEY": "amounts",
    "VOLUME": "volumes", "DURATION": "durations", "ID": "identifiers", "ORG": "orgs",
}
COLOURS = {
    "parties": "#fcd34d", "people": "#f9a8d4", "dates": "#7dd3fc", "amounts": "#86efac",
    "volumes": "#c4b5fd", "durations": "#fdba74", "identifiers": "#5eead4", "orgs": "#d1d5db",
}
ALL_CATEGORIES = CATEGORY_ORDER + ("orgs",)


@dataclass
class Highlight:
    hid: int
    category: str
    page_no: int
    start: int
    end: int
    labels: list[str] = field(default_factory=list)  # one line per fact/mention at this span
    facts: int = 0  # fact rows at this span (0: a mention the fact tables do not hold)

    def title(self) -> str:
        kind = self.category if self.facts else f"{self.category} (mention)"
        return "\n".join([kind, *dict.fromkeys(self.labels)])


def _fact_label(f: dict[str, Any]) -> str:
    bits = [f["value"] or ""]
    if f["unit"]:
        bits.append(f["unit"])
    if f["role"]:
        bits.append(f"· {f['role']}")
    if f["detail"]:
        bits.append(f"· {f['detail']}")
    return " ".join(bits)


def collect_highlights(con: duckdb.DuckDBPyConnection, doc_id: str,
                       facts: list[dict[str, Any]] | None = None) -> list[Highlight]:
    """One highlight per (category, page, start, end): facts first, then the mentions that
    add a span the fact tables do not (a party's second mention, an ORG in passing)."""
    facts = document_facts(con, doc_id) if facts is None else facts
    spans: dict[tuple, Highlight] = {}

    def get(cat: str, page: int, s: int, e: int) -> Highlight:
        key = (cat, page, s, e)
        if key not in spans:
            spans[key] = Highlight(len(spans) + 1, cat, page, s, e)
        return spans[key]

    party_roles: dict[str, list[str]] = {}
    for f in facts:
        if f["category"] == "parties" and f["role"]:
            party_roles.setdefault((f["value"] or "").lower(), []).append(f["role"])
        if f["page_no"] is None or f["start_char"] is None or f["end_char"] is None:
            continue
        h = get(f["category"], f["page_no"], f["start_char"], f["end_char"])
        h.labels.append(_fact_label(f))
        h.facts += 1
    party_spans = {(k[1], k[2], k[3]) for k in spans if k[0] == "parties"}
    for m in rows(con, """
            SELECT label, normalized, page_no, start_char, end_char FROM mentions
            WHERE doc_id = ? AND page_no IS NOT NULL AND start_char IS NOT NULL AND end_char IS NOT NULL
            ORDER BY page_no, start_char, end_char""", [doc_id]):
        cat = LABEL_CATEGORY.get(m["label"], "orgs")
        where = (m["page_no"], m["start_char"], m["end_char"])
        if cat == "orgs" and where in party_spans:
            continue  # the same words already shown as a party
        known = (cat, *where) in spans
        h = get(cat, *where)
        if not known:
            label = m["normalized"] or ""
            roles = party_roles.get(label.lower()) if cat == "parties" else None
            h.labels.append(label + (f" · {', '.join(dict.fromkeys(roles))}" if roles else ""))
    return sorted(spans.values(), key=lambda h: (h.page_no, h.start, -h.end, h.hid))


def render_page_text(text: str, highlights: list[Highlight]) -> str:
    """``text`` as escaped HTML with ``<mark>`` elements for ``highlights`` (offsets into
    ``text``; out-of-range offsets are clipped, empty spans dropped)."""
    spans = []
    for h in highlights:
        s, e = max(0, min(h.start, len(text))), max(0, min(h.end, len(text)))
        if e > s:
            spans.append((s, e, h))
    # Outer spans open first: sort by start, then longest.
    spans.sort(key=lambda x: (x[0], -x[1], x[2].hid))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[str] = []
    stack: list[Highlight] = []
    opened: set[int] = set()

    def open_mark(h: Highlight) -> None:
        first = h.hid not in opened
        opened.add(h.hid)
        attrs = {
            "data-hid": str(h.hid), "data-category": h.category, "data-page": str(h.page_no),
            "data-start": str(h.start), "data-end": str(h.end),
            "data-kind": "fact" if h.facts else "mention", "title": h.title(),
            "class": f"hl c-{h.category}" + ("" if first else " cont"),
        }
        if first:
            attrs["id"] = f"h{h.hid}"
        out.append("<mark " + " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items()) + ">")
        stack.append(h)

    for a, b in zip(cuts, cuts[1:]):
        active = [h for s, e, h in spans if s <= a and e >= b]
        # Keep the longest common prefix of the open stack; close the rest, reopen below.
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] is active[keep]:
            keep += 1
        while len(stack) > keep:
            stack.pop()
            out.append("</mark>")
        for h in active[keep:]:
            open_mark(h)
        out.append(html.escape(text[a:b], quote=False))
    while stack:
        stack.pop()
        out.append("</mark>")
    return "".join(out)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:,.0f}".replace(",", " ") if v == round(v) else f"{v:g}"
    if isinstance(v, list):
        return ", ".join(str(x) for x in v)
    return str(v)


CSS = """
:root { --ink:#1f2937; --muted:#6b7280; --line:#e5e7eb; --bg:#f9fafb; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color:var(--ink); background:var(--bg); }
header { padding:12px 20px; background:#fff; border-bottom:1px solid var(--line); position:sticky; top:0; z-index:2; }
header h1 { font-size:18px; margin:0 0 2px; }
header .meta { color:var(--muted); font-size:13px; }
#legend { margin-top:8px; display:flex; flex-wrap:wrap; gap:6px; }
#legend label { cursor:pointer; padding:1px 8px; border-radius:10px; font-size:12px; border:1px solid rgba(0,0,0,.12); user-select:none; }
#legend input { margin:0 4px 0 0; vertical-align:-1px; }
main { display:grid; grid-template-columns:minmax(0,3fr) minmax(0,2fr); gap:20px; padding:16px 20px; align-items:start; }
.page { background:#fff; border:1px solid var(--line); border-radius:6px; margin-bottom:16px; }
.page h2 { font-size:12px; margin:0; padding:6px 12px; border-bottom:1px solid var(--line); color:var(--muted);
           text-transform:uppercase; letter-spacing:.04em; }
.page h2 .ocr { color:#b45309; margin-left:6px; }
.page .text { margin:0; padding:12px 14px; white-space:pre-wrap; overflow-wrap:anywhere;
            font:13.5px/1.6 "DejaVu Sans Mono", Menlo, Consolas, monospace; }
mark.hl { border-radius:3px; padding:0 1px; color:inherit; cursor:help; }
mark.hl mark.hl { box-shadow: inset 0 -2px 0 rgba(0,0,0,.35); }
mark[data-kind="mention"] { background:transparent !important; border-radius:0;
  border-bottom:3px dotted color-mix(in srgb, var(--c) 75%, black); }
mark.flash { outline:2px solid #dc2626; }
body.hide-parties mark.c-parties, body.hide-people mark.c-people, body.hide-dates mark.c-dates,
body.hide-amounts mark.c-amounts, body.hide-volumes mark.c-volumes, body.hide-durations mark.c-durations,
body.hide-identifiers mark.c-identifiers, body.hide-orgs mark.c-orgs { background:transparent !important; border:0; box-shadow:none; }
aside { position:sticky; top:110px; max-height:calc(100vh - 130px); overflow:auto; }
aside section { background:#fff; border:1px solid var(--line); border-radius:6px; margin-bottom:14px; }
aside h3 { font-size:13px; margin:0; padding:6px 10px; border-bottom:1px solid var(--line); }
aside h3 .swatch { display:inline-block; width:10px; height:10px; border-radius:2px; margin-right:6px; }
table { border-collapse:collapse; width:100%; font-size:12.5px; }
th, td { text-align:left; vertical-align:top; padding:3px 8px; border-bottom:1px solid var(--line); }
th { color:var(--muted); font-weight:600; }
td.val { white-space:nowrap; }
td.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
td .ev { color:var(--muted); font-size:11.5px; overflow-wrap:anywhere; }
tr[data-target] { cursor:pointer; }
tr[data-target]:hover { background:#fef9c3; }
.empty { color:var(--muted); padding:8px 10px; }
"""

JS = """
(function () {
  var marks = document.querySelectorAll('mark[data-category]');
  var seen = {}, counts = {}, total = 0;
  marks.forEach(function (m) {
    var id = m.dataset.hid;
    if (seen[id]) return;
    seen[id] = true; total += 1;
    counts[m.dataset.category] = (counts[m.dataset.category] || 0) + 1;
  });
  document.querySelectorAll('#legend [data-count-for]').forEach(function (el) {
    el.textContent = counts[el.dataset.countFor] || 0;
  });
  document.body.dataset.highlights = total;
  document.getElementById('hl-total').textContent = total;
  document.querySelectorAll('#legend input[data-category]').forEach(function (box) {
    box.addEventListener('change', function () {
      document.body.classList.toggle('hide-' + box.dataset.category, !box.checked);
    });
  });
  document.querySelectorAll('tr[data-target]').forEach(function (tr) {
    tr.addEventListener('click', function () {
      var el = document.getElementById(tr.dataset.target);
      if (!el) return;
      el.scrollIntoView({behavior: 'smooth', block: 'center'});
      el.classList.add('flash');
      setTimeout(function () { el.classList.remove('flash'); }, 1500);
    });
  });
})();
"""


def build_report(con: duckdb.DuckDBPyConnection, doc: dict[str, Any]) -> tuple[str, list[Highlight]]:
    e = lambda v: html.escape(_cell(v), quote=True)  # noqa: E731
    doc_id = doc["doc_id"]
    facts = document_facts(con, doc_id)
    highlights = collect_highlights(con, doc_id, facts)
    by_page: dict[int, list[Highlight]] = {}
    for h in highlights:
        by_page.setdefault(h.page_no, []).append(h)
    hid_of = {(h.category, h.page_no, h.start, h.end): h.hid for h in highlights}
    pages = rows(con, "SELECT page_no, text, source FROM pages WHERE doc_id = ? ORDER BY page_no", [doc_id])

    present = [c for c in ALL_CATEGORIES if any(h.category == c for h in highlights)] or list(CATEGORY_ORDER)
    legend = "".join(
        f'<label style="background:{COLOURS[c]}"><input type="checkbox" checked data-category="{c}">'
        f'{c} <b data-count-for="{c}">0</b></label>' for c in present)
    meta = [f"doc_id {doc_id}", f"status {doc['status']}", f"type {doc['doc_type'] or '?'}",
            f"{doc['n_pages'] or 0} pages"]
    if doc.get("ocr_pages"):
        meta.append(f"{doc['ocr_pages']} by OCR")
    if doc.get("document_date"):
        meta.append(f"dated {doc['document_date']}")

    parts = [
        "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">",
        f"<title>{e(doc['file_name'])} — extracted facts</title>",
        f"<style>{CSS}{_category_css()}</style></head>",
        f'<body data-doc-id="{e(doc_id)}" data-highlights="0">',
        f"<header><h1>{e(doc['file_name'])}</h1>",
        f'<div class="meta">{" · ".join(e(m) for m in meta)}'
        + (f" — {e(doc['title'])}" if doc.get("title") else "")
        + ' · <span id="hl-total">0</span> highlights (hover for the normalised value and role; '
          "dotted = mention only)</div>",
        f'<div id="legend">{legend}</div></header>',
        "<main><div id=\"text\">",
    ]
    if doc.get("error"):
        parts.append(f'<div class="page"><h2>error</h2><div class="text">{e(doc["error"])}</div></div>')
    for p in pages:
        ocr = '<span class="ocr">OCR</span>' if p["source"] == "ocr" else ""
        parts.append(
            f'<section class="page" id="page-{p["page_no"]}" data-page="{p["page_no"]}">'
            f'<h2>page {p["page_no"]}{ocr}</h2>'
            # a div, not <pre>: a parser drops a newline right after <pre>, and offsets must hold
            f'<div class="text">{render_page_text(p["text"] or "", by_page.get(p["page_no"], []))}</div></section>')
    if not pages:
        parts.append('<div class="page"><div class="empty">no text stored for this document</div></div>')
    parts.append("</div><aside>")

    c = contract_row(con, doc_id)
    if c:
        period = f"{_cell(c['start_date']) or '?'} – {_cell(c['end_date']) or '?'}"
        amount = (_cell(c["amount_per_year_sek"]) + " kr/år"
                  + (f" ({c['price_year']} års pris)" if c["price_year"] else "")) if c["amount_per_year_sek"] is not None else ""
        items = [("supplier", c["supplier"]), ("buyer", c["buyer"]), ("subject", c["subject"]),
                 ("period", period), ("decision", c["decision"]), ("amount", amount),
                 ("notice", f"{c['notice_months']:g} months" if c["notice_months"] is not None else None),
                 ("diarienummer", c["diarienummer"]), ("evidence", f"page {c['page_no']}" if c["page_no"] else None)]
        trs = "".join(f"<tr><th>{k}</th><td>{e(v)}</td></tr>" for k, v in items if v)
        parts.append(f'<section id="contract"><h3>contract</h3><table>{trs}</table></section>')

    by_cat: dict[str, list[dict[str, Any]]] = {}
    for f in facts:
        by_cat.setdefault(f["category"], []).append(f)
    for cat in CATEGORY_ORDER:
        items = by_cat.get(cat, [])
        head = (f'<h3><span class="swatch" style="background:{COLOURS[cat]}"></span>{cat} '
                f'<span class="n">({len(items)})</span></h3>')
        if not items:
            parts.append(f'<section class="facts" data-category="{cat}">{head}<div class="empty">none</div></section>')
            continue
        trs = []
        for f in items:
            hid = hid_of.get((cat, f["page_no"], f["start_char"], f["end_char"]))
            target = f' data-target="h{hid}"' if hid else ""
            num = f["value_num"] is not None
            value = f["value"] or ""
            if cat == "amounts" and f["value_num"] is not None:
                value = _cell(f["value_num"])
            trs.append(
                f"<tr{target}><td class=\"num\">{e(f['page_no'])}</td>"
                f"<td class=\"{'num' if num else 'val' if cat == 'dates' else ''}\">{e(value)}</td><td>{e(f['unit'])}</td>"
                f"<td>{e(f['role'])}</td><td>{e(f['detail'])}"
                + (f"<div class=\"ev\" title=\"{e(f['evidence'])}\">{e(_short(f['evidence']))}</div>" if f["evidence"] else "")
                + "</td></tr>")
        parts.append(
            f'<section class="facts" data-category="{cat}">{head}<table><thead><tr><th>p.</th><th>value</th>'
            f"<th>unit</th><th>role</th><th>detail / sentence</th></tr></thead><tbody>{''.join(trs)}</tbody>"
            "</table></section>")
    parts.append("</aside></main>")
    # The page's data, for anyone who wants to script against the report.
    data = {"doc_id": doc_id, "file_name": doc["file_name"],
            "highlights": [{"hid": h.hid, "category": h.category, "page": h.page_no,
                            "start": h.start, "end": h.end, "facts": h.facts} for h in highlights]}
    parts.append('<script type="application/json" id="report-data">'
                 + json.dumps(data, ensure_ascii=False).replace("</", "<\\/") + "</script>")
    parts.append(f"<script>{JS}</script></body></html>\n")
    return "".join(parts), highlights


def _category_css() -> str:
    return "".join(f"mark.c-{c} {{ background:{col}; --c:{col}; }}\n" for c, col in COLOURS.items())


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def write_report(con: duckdb.DuckDBPyConnection, doc: dict[str, Any], path: str | Path) -> int:
    """Write the report; returns the number of highlights."""
    page, highlights = build_report(con, doc)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return len(highlights)
