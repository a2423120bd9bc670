"""``python -m pipeline show DOC``: one document's facts with their page and sentence.

Reads the ``facts`` and ``contract_overview`` views, so what is printed is exactly what an
analyst's SQL sees. ``--html FILE`` hands over to ``report_html``.
"""
from __future__ import annotations

import sys
import textwrap
from typing import Any, TextIO

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

# The order categories are printed in: who, when, how much, of what, how long, which case.
CATEGORY_ORDER = ("parties", "people", "dates", "amounts", "volumes", "durations", "identifiers")


class DocumentNotFound(LookupError):
    pass


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def resolve_doc(con: duckdb.DuckDBPyConnection, ref: str) -> dict[str, Any]:
    """The documents row that ``ref`` names: a doc_id, a file name with or without
    '.pdf' (case-insensitive), a source path, or an unambiguous doc_id prefix."""
    ref = ref.strip()
    stem = ref[:-4] if ref.lower().endswith(".pdf") else ref
    stem = stem.replace("\\", "/").rsplit("/", 1)[-1]
    found = rows(con, """
        SELECT * FROM documents
        WHERE doc_id = ? OR source_path = ?
           OR lower(regexp_replace(file_name, '\\.[pP][dD][fF]$', '')) = lower(?)
        ORDER BY doc_id""", [ref, ref, stem])
    if not found:
        # A prefix is a convenience ("show 004_73ab"): it has to name one document.
        found = rows(con, """
            SELECT * FROM documents
            WHERE (length(?) >= 4 AND starts_with(doc_id, ?)) OR starts_with(lower(file_name), lower(?))
            ORDER BY doc_id""", [ref, ref, stem])
    if len(found) == 1:
        return found[0]
    if not found:
        raise DocumentNotFound(f"no document matches {ref!r} (give a doc_id or a file name)")
    # The same file name in two batches: the caller has to pick by doc_id.
    listing = ", ".join(f"{r['doc_id']} ({r['source_path']})" for r in found)
    raise DocumentNotFound(f"{ref!r} matches {len(found)} documents: {listing}")


def document_facts(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[dict[str, Any]]:
    order = " ".join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(CATEGORY_ORDER))
    return rows(con, f"""
        SELECT * FROM facts WHERE doc_id = ?
        ORDER BY CASE category {order} ELSE 99 END, page_no NULLS LAST, start_char NULLS LAST, value""",
        [doc_id])


def contract_row(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    found = rows(con, "SELECT * FROM contract_overview WHERE doc_id = ?", [doc_id])
    return found[0] if found else None


def _fmt_amount(x: float | None) -> str:
    if x is None:
        return ""
    # Swedish grouping with a thin space reads like the source documents do.
    return f"{x:,.0f}".replace(",", " ") + " kr"


def print_document(con: duckdb.DuckDBPyConnection, doc: dict[str, Any], out: TextIO | None = None,
                   width: int = 100) -> None:
    w = (out or sys.stdout).write
    head = f"{doc['file_name']}  (doc_id {doc['doc_id']})"
    w(head + "\n" + "=" * len(head) + "\n")
    meta = [f"status {doc['status']}", f"type {doc['doc_type'] or '?'}", f"{doc['n_pages'] or 0} pages"]
    if doc.get("ocr_pages"):
        meta.append(f"{doc['ocr_pages']} by OCR")
    if doc.get("document_date"):
        meta.append(f"dated {doc['document_date']}")
    w(", ".join(meta) + "\n")
    if doc.get("title"):
        w(f"title: {doc['title']}\n")
    if doc.get("error"):
        w(f"error: {doc['error']}\n")
    c = contract_row(con, doc["doc_id"])
    if c:
        w("\ncontract\n")
        for label, value in (
            ("supplier", c["supplier"]), ("buyer", c["buyer"]), ("subject", c["subject"]),
            ("period", f"{c['start_date'] or '?'} – {c['end_date'] or '?'}"
             if c["start_date"] or c["end_date"] else None),
            ("decision", c["decision"]),
            ("amount/year", f"{_fmt_amount(c['amount_per_year_sek'])}"
             + (f" ({c['price_year']} prices)" if c["price_year"] else "")
             if c["amount_per_year_sek"] is not None else None),
            ("notice", f"{c['notice_months']:g} months" if c["notice_months"] is not None else None),
            ("diarienummer", ", ".join(c["diarienummer"]) if c["diarienummer"] else None),
            ("evidence", f"page {c['page_no']}" if c["page_no"] else None),
        ):
            if value:
                w(f"  {label:<13} {value}\n")
    facts = document_facts(con, doc["doc_id"])
    if not facts:
        w("\nno facts extracted\n")
        return
    by_cat: dict[str, list[dict[str, Any]]] = {}
    for f in facts:
        by_cat.setdefault(f["category"], []).append(f)
    indent = " " * 8
    for cat, items in by_cat.items():
        w(f"\n{cat} ({len(items)})\n")
        for f in items:
            value = f["value"] if f["value"] is not None else ""
            if cat == "amounts" and f["value_num"] is not None:
                value = _fmt_amount(f["value_num"])
            elif f["unit"]:
                value += f" {f['unit']}"
            bits = [f"p.{f['page_no']}" if f["page_no"] is not None else "p.?", value]
            if f["role"]:
                bits.append(f"[{f['role']}]")
            if f["detail"]:
                bits.append(f"({f['detail']})")
            if f["text"] and f["text"] != f["value"]:
                bits.append(f"«{' '.join(f['text'].split())}»")
            w("  " + "  ".join(bits) + "\n")
            if f["evidence"]:
                w(textwrap.fill(f["evidence"], width=width, initial_indent=indent,
                                subsequent_indent=indent) + "\n")


def show(db: str, ref: str, html: str | None = None, out: TextIO | None = None) -> int:
    from .load import connect

    out = out or sys.stdout
    con = connect(db, read_only=True)
    try:
        doc = resolve_doc(con, ref)
        if html:
            from .report_html import write_report

            n = write_report(con, doc, html)
            out.write(f"wrote {html}: {n} highlights\n")
        else:
            print_document(con, doc, out)
    finally:
        con.close()
    return 0


def add_show_parser(sub, default_db: str) -> None:
    s = sub.add_parser(
        "show", help="print one document's facts (or write an HTML evidence report)",
        description="Print the facts of one document grouped by category, each with its page and "
        "sentence. With --html, write one self-contained HTML page: the document's text by page with "
        "every extracted value highlighted, and the fact tables beside it.")
    s.add_argument("doc", metavar="DOC", help="doc_id (or a unique prefix), or file name with or without .pdf")
    s.add_argument("--db", default=default_db, help="DuckDB file [%(default)s]")
    s.add_argument("--html", metavar="FILE", default=None, help="write the HTML report to FILE")
    s.set_defaults(func=_cmd_show)


def _cmd_show(args) -> int:
    import os

    if not os.path.exists(args.db):
        print(f"error: database not found: {args.db} (run extract first)", file=sys.stderr)
        return 2
    from .load import DatabaseLocked

    try:
        return show(args.db, args.doc, html=args.html)
    except DocumentNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except DatabaseLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except BrokenPipeError:
        # `show DOC | head`: the reader has what it wanted; no traceback, and none at exit
        # when Python flushes stdout into the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
