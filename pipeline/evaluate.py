"""Score a database against gold JSON files (the contract's rules).

Scoring is per document and set-based (a value mentioned five times counts once);
counts are summed over documents (micro average). Roles and attributes are scored
as the share of matched items whose role/attribute agrees.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import duckdb

CATEGORIES = ("parties", "people", "dates", "amounts", "volumes", "durations", "identifiers")
CONTRACT_FIELDS = (
    "supplier", "buyer", "subject", "start_date", "end_date", "decision",
    "amount_per_year_sek", "price_year", "notice_months",
)
# When one value carries several roles in a document, the most specific one speaks for it.
ROLE_PRIORITY = ["period_start", "period_end", "document", "extension", "term", "notice",
                 "signatory", "author", "other"]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    attributes: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "attributes": {k: round(a / n, 4) if n else None for k, (a, n) in self.attributes.items()},
        }


def _pick_role(roles: list[str]) -> str | None:
    roles = [r for r in roles if r]
    if not roles:
        return None
    return min(roles, key=lambda r: ROLE_PRIORITY.index(r) if r in ROLE_PRIORITY else len(ROLE_PRIORITY))


def _num(x) -> float | None:
    return None if x is None else float(x)


# --- per category: how a gold item and a predicted row are keyed, and which attributes count
def _key_simple(fields: tuple[str, ...], numeric: tuple[str, ...] = ()) -> Callable[[dict], tuple]:
    def key(item: dict) -> tuple:
        out = []
        for f in fields:
            v = item.get(f)
            if f in numeric:
                v = None if v is None else round(float(v), 2)
            elif isinstance(v, str):
                v = v.strip().lower()
            out.append(v)
        return tuple(out)

    return key


KEYS = {
    "people": _key_simple(("name",)),
    "dates": _key_simple(("value",)),
    "volumes": _key_simple(("value", "value_max", "unit"), numeric=("value", "value_max")),
    "durations": _key_simple(("value", "unit"), numeric=("value",)),
    "identifiers": _key_simple(("kind", "value")),
}
ATTRS = {
    "parties": ("role",), "people": ("role",), "dates": ("role",),
    "amounts": ("period", "price_year", "flags"), "volumes": ("per",), "durations": ("role",),
    "identifiers": (),
}


def score_category(cat: str, gold: list[dict], pred: list[dict], score: Score, doc: str) -> None:
    if cat == "parties":
        return _score_parties(gold, pred, score, doc)
    if cat == "amounts":
        match = lambda g, p: abs(float(g["value"]) - float(p["value"])) <= 1.0  # noqa: E731
        gkeys = [(g, g) for g in gold]
        groups = _group(pred, lambda p: round(float(p["value"]), 0))
    else:
        key = KEYS[cat]
        groups = _group(pred, key)
        gkeys = [(key(g), g) for g in gold]
        match = lambda gk, pk: gk == pk  # noqa: E731
    used = set()
    for gk, g in gkeys:
        hit = next((pk for pk in groups if pk not in used and match(gk, groups[pk][0] if cat == "amounts" else pk)), None)
        if hit is None:
            score.fn += 1
            score.misses.append({"doc": doc, "kind": "fn", "item": g})
            continue
        used.add(hit)
        score.tp += 1
        rows = groups[hit]
        for attr in ATTRS[cat]:
            if attr == "flags":
                want = sorted(g.get("flags") or [])
                got = sorted({f for r in rows for f in (r.get("flags") or [])})
            elif attr == "role":
                want, got = g.get("role"), _pick_role([r.get("role") for r in rows])
            else:
                want = g.get(attr)
                vals = [r.get(attr) for r in rows if r.get(attr) is not None]
                got = vals[0] if vals else None
                if attr == "price_year" and got is not None:
                    got = int(got)
            a = score.attributes[attr]
            a[0] += int(want == got)
            a[1] += 1
            if want != got:
                score.misses.append({"doc": doc, "kind": f"attr:{attr}", "item": g, "got": got})
    for pk, rows in groups.items():
        if pk not in used:
            score.fp += 1
            score.misses.append({"doc": doc, "kind": "fp", "item": rows[0]})


def _group(rows: list[dict], key: Callable) -> dict:
    out: dict = {}
    for r in rows:
        out.setdefault(key(r), []).append(r)
    return out


def _score_parties(gold: list[dict], pred: list[dict], score: Score, doc: str) -> None:
    by_canon = _group(pred, lambda r: (r.get("canonical_name") or r.get("name") or "").strip().lower())
    used = set()
    for g in gold:
        names = {n.strip().lower() for n in [g["name"], *g.get("aliases", [])]}
        hits = [c for c in by_canon if c in names and c not in used]
        if not hits:
            score.fn += 1
            score.misses.append({"doc": doc, "kind": "fn", "item": g})
            continue
        used.update(hits)
        score.tp += 1
        got = sorted({r.get("role") for c in hits for r in by_canon[c] if r.get("role")})
        want = sorted(set(g.get("roles") or []))
        a = score.attributes["role"]
        a[0] += int(got == want)
        a[1] += 1
        if got != want:
            score.misses.append({"doc": doc, "kind": "attr:role", "item": g, "got": got})
    for c, rows in by_canon.items():
        if c not in used:
            score.fp += 1
            score.misses.append({"doc": doc, "kind": "fp", "item": rows[0]})


def _field_equal(name: str, want, got, gold: dict) -> bool:
    if want is None or got is None:
        return want is None and got is None
    if name in ("supplier", "buyer"):
        names = {want.lower()}
        for p in gold.get("parties", []):
            if p["name"].lower() == want.lower():
                names |= {a.lower() for a in p.get("aliases", [])}
        return str(got).strip().lower() in names
    if name == "subject":
        w, g = want.strip().lower(), str(got).strip().lower()
        return w == g or (len(g) >= 4 and (g in w or w in g))
    if name in ("amount_per_year_sek",):
        return abs(float(want) - float(got)) <= 1.0
    if name in ("price_year", "notice_months"):
        return float(want) == float(got)
    return str(want) == str(got)


def load_predictions(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, list[dict]]:
    def rows(sql: str) -> list[dict]:
        cur = con.execute(sql, [doc_id])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]

    return {
        "parties": rows("SELECT name, canonical_name, role FROM parties WHERE doc_id = ?"),
        "people": rows("SELECT name, role FROM people WHERE doc_id = ?"),
        "dates": rows("SELECT strftime(date, '%Y-%m-%d') AS value, role FROM dates WHERE doc_id = ?"),
        "amounts": rows("SELECT amount_sek AS value, period, price_year, flags FROM amounts WHERE doc_id = ?"),
        "volumes": rows("SELECT value, value_max, unit, per FROM volumes WHERE doc_id = ?"),
        "durations": rows("SELECT value, unit, role FROM durations WHERE doc_id = ?"),
        "identifiers": rows("SELECT kind, value FROM identifiers WHERE doc_id = ?"),
        "contract": rows("SELECT * EXCLUDE (doc_id) FROM contracts WHERE doc_id = ?"),
        "document": rows("SELECT doc_type FROM documents WHERE doc_id = ?"),
    }


def evaluate(gold_dir: str | Path, db_path: str | Path) -> dict[str, Any]:
    from .load import connect

    con = connect(db_path, read_only=True)
    try:
        docs = dict(con.execute(
            "SELECT regexp_replace(file_name, '\\.[pP][dD][fF]$', ''), doc_id FROM documents "
            "WHERE status IN ('ok', 'partial') ORDER BY doc_id").fetchall()[::-1])
        scores = {c: Score() for c in CATEGORIES}
        contract = {f: [0, 0] for f in CONTRACT_FIELDS}
        doc_type = [0, 0]
        missing, evaluated, baseline_pages = [], [], {}
        gold_dates: dict[str, set[str]] = {}
        for path in sorted(Path(gold_dir).glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            doc_id = docs.get(path.stem)
            if doc_id is None:
                missing.append(path.stem)
                continue
            evaluated.append(path.stem)
            pred = load_predictions(con, doc_id)
            for cat in CATEGORIES:
                score_category(cat, gold.get(cat) or [], pred[cat], scores[cat], path.stem)
            if gold.get("doc_type"):
                got = pred["document"][0]["doc_type"] if pred["document"] else None
                doc_type[0] += int(got == gold["doc_type"])
                doc_type[1] += 1
            if gold.get("contract"):
                row = pred["contract"][0] if pred["contract"] else {}
                for f in CONTRACT_FIELDS:
                    got = row.get(f)
                    if hasattr(got, "isoformat"):
                        got = got.isoformat()
                    contract[f][0] += int(_field_equal(f, gold["contract"].get(f), got, gold))
                    contract[f][1] += 1
            baseline_pages[path.stem] = [r[0] for r in con.execute(
                "SELECT text FROM pages WHERE doc_id = ? ORDER BY page_no", [doc_id]).fetchall()]
            gold_dates[path.stem] = {d["value"] for d in gold.get("dates") or []}
    finally:
        con.close()
    report: dict[str, Any] = {c: s.as_dict() for c, s in scores.items()}
    report["contracts"] = {f: round(a / n, 4) if n else None for f, (a, n) in contract.items()}
    total = sum(a for a, _ in contract.values()), sum(n for _, n in contract.values())
    report["contracts"]["all_fields"] = round(total[0] / total[1], 4) if total[1] else None
    report["doc_type"] = {"accuracy": round(doc_type[0] / doc_type[1], 4) if doc_type[1] else None, "n": doc_type[1]}
    report["documents"] = {"evaluated": evaluated, "missing": missing}
    report["baseline_dates"] = _baseline(baseline_pages, gold_dates)
    report["_misses"] = {c: s.misses for c, s in scores.items()}
    return report


def _baseline(pages: dict[str, list[str]], gold: dict[str, set[str]]) -> dict[str, Any] | None:
    """dateparser's own search over the same page texts: the obvious tool, for comparison."""
    try:
        from .baseline import baseline_dates
    except ImportError:
        return None
    s = Score()
    for stem, texts in pages.items():
        found = baseline_dates(texts)
        s.tp += len(found & gold[stem])
        s.fp += len(found - gold[stem])
        s.fn += len(gold[stem] - found)
    out = s.as_dict()
    out.pop("attributes")
    return out


def format_report(report: dict[str, Any]) -> str:
    lines = [f"{'category':<12} {'precision':>9} {'recall':>7} {'f1':>6} {'tp':>5} {'fp':>5} {'fn':>5}  attributes"]
    for c in CATEGORIES:
        r = report[c]
        attrs = " ".join(f"{k}={v:.2f}" for k, v in r["attributes"].items() if v is not None)
        lines.append(f"{c:<12} {r['precision']:>9.3f} {r['recall']:>7.3f} {r['f1']:>6.3f} {r['tp']:>5} {r['fp']:>5} {r['fn']:>5}  {attrs}")
    c = report["contracts"]
    lines.append("contracts    " + " ".join(f"{k}={v:.2f}" for k, v in c.items() if v is not None))
    if report["doc_type"]["accuracy"] is not None:
        lines.append(f"doc_type     accuracy={report['doc_type']['accuracy']:.2f} (n={report['doc_type']['n']})")
    b = report.get("baseline_dates")
    if b:
        lines.append(f"baseline     dates via dateparser.search_dates(languages=['sv']): precision={b['precision']:.3f} recall={b['recall']:.3f} f1={b['f1']:.3f} tp={b['tp']} fp={b['fp']} fn={b['fn']}")
    d = report["documents"]
    lines.append(f"documents    evaluated={len(d['evaluated'])} missing={len(d['missing'])}" + (f" ({', '.join(d['missing'])})" if d["missing"] else ""))
    return "\n".join(lines)
