"""The single writer stores exactly what it is given."""
from __future__ import annotations

import datetime
from decimal import Decimal

from pipeline.load import Store
from pipeline.records import DocumentResult, SourceFile, document_row


def _result(doc_id: str, text: str, amount) -> DocumentResult:
    src = SourceFile(doc_id=doc_id, path="/x.pdf", rel_path="b/x.pdf", file_name="x.pdf", batch="b",
                     sha256="0" * 64, bytes=1)
    row = document_row(src, status="ok", n_pages=1, document_date="2024-03-01")
    rows = {
        "pages": [{"doc_id": doc_id, "page_no": 1, "text": text, "source": "text"}],
        "amounts": [{"doc_id": doc_id, "amount_sek": amount, "text": "x", "period": None, "price_year": 2024,
                     "flags": ["unit_suspect"], "page_no": 1, "evidence": text}],
    }
    return DocumentResult(src, row, rows)


def test_texts_round_trip_exactly(tmp_path):
    text = 'Citat "så här"\n\tny rad \\ snedstreck\x0cform feed, NBSP\u00a0och\u2009tunt, \u2028 € ½'
    with Store(tmp_path / "a.duckdb") as store:
        store.write_many([_result("d1", text, 1827000.0)])
        page, = store.con.execute("SELECT text FROM pages").fetchone()
        amount, flags, year = store.con.execute("SELECT amount_sek, flags, price_year FROM amounts").fetchone()
        when, ddate = store.con.execute("SELECT extracted_at, document_date FROM documents").fetchone()
    assert page == text
    assert (amount, flags, year) == (1827000.0, ["unit_suspect"], 2024)
    assert isinstance(when, datetime.datetime) and ddate == datetime.date(2024, 3, 1)


def test_a_value_json_cannot_carry_is_still_stored(tmp_path):
    with Store(tmp_path / "b.duckdb") as store:
        store.write_many([_result("d2", "text", Decimal("12.5"))])
        assert store.con.execute("SELECT amount_sek FROM amounts").fetchone() == (12.5,)


def test_a_lone_surrogate_becomes_one_replacement_character(tmp_path):
    with Store(tmp_path / "c.duckdb") as store:
        store.write_many([_result("d3", "a\ud800b", 1.0)])
        assert store.con.execute("SELECT text FROM pages").fetchone() == ("a?b",)


def test_a_document_the_database_refuses_gets_a_failed_row_and_the_others_are_stored(tmp_path):
    from collections import Counter

    from pipeline.runner import RunSummary, _Writer

    good, bad = _result("g1", "bra text", 100.0), _result("b1", "annan text", 200.0)
    bad.rows["pages"][0]["page_no"] = "inte ett sidnummer"  # no INTEGER: DuckDB refuses the row
    with Store(tmp_path / "d.duckdb") as store:
        summary = RunSummary(statuses=Counter())
        writer = _Writer(store, {"g1", "b1"}, summary, None, masked=True)
        writer.add(good)
        writer.add(bad)
        writer.flush()
        docs = dict(store.con.execute("SELECT doc_id, status FROM documents").fetchall())
        error = store.con.execute("SELECT error FROM documents WHERE doc_id = 'b1'").fetchone()[0]
        pages = store.con.execute("SELECT doc_id FROM pages").fetchall()
    assert docs == {"g1": "ok", "b1": "failed"}
    assert error.startswith("could not be stored: ")
    assert pages == [("g1",)]  # nothing of the refused document is half-written
