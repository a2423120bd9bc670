"""``export``: every table and view, read back with the same contents."""
from __future__ import annotations

import datetime as dt

import duckdb
import pytest

import analyst_db
from pipeline.cli import main
from pipeline.export import WORKBOOK, export

TABLES = {"documents", "pages", "sections", "tables", "mentions", "parties", "people", "dates", "amounts",
          "volumes", "durations", "identifiers", "contracts"}
VIEWS = {"facts", "contract_overview", "contract_timeline", "supplier_totals"}


@pytest.fixture(scope="module")
def tiny_path(tmp_path_factory):
    return analyst_db.build(tmp_path_factory.mktemp("tiny") / "tiny.duckdb")


def rows(con, sql):
    return sorted(con.execute(sql).fetchall(), key=repr)


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_files_read_back(tiny_path, tmp_path, fmt, capsys):
    out = tmp_path / fmt
    assert main(["export", "--format", fmt, "--out", str(out), "--db", str(tiny_path)]) == 0
    printed = capsys.readouterr().out
    assert "view  supplier_totals" in printed and "table contracts" in printed
    assert {p.stem for p in out.iterdir()} == TABLES | VIEWS
    src = duckdb.connect(str(tiny_path), read_only=True)
    con = duckdb.connect()
    try:
        for name in TABLES | VIEWS:
            n = src.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            assert con.execute(f"SELECT count(*) FROM '{out / (name + '.' + fmt)}'").fetchone()[0] == n, name
        # contents, not just counts; parquet keeps the types, csv the text
        reader = f"'{out / 'contract_timeline'}.{fmt}'"
        got = rows(con, f"SELECT contract_key, seq, doc_id, step, repeat_of FROM {reader}")
        assert got == rows(src, "SELECT contract_key, seq, doc_id, step, repeat_of FROM contract_timeline")
        assert ("aaaa0001", 3, "eeee0005", "repeat", "bbbb0002") in got
        pages = rows(con, f"SELECT doc_id, page_no, text FROM '{out / 'pages'}.{fmt}'")
        assert pages == rows(src, "SELECT doc_id, page_no, text FROM pages")  # newlines, quotes, <, & survive
        c = con.execute(f"SELECT start_date, amount_per_year_sek, price_year FROM '{out / 'contracts'}.{fmt}' "
                        "WHERE doc_id = 'aaaa0001'").fetchone()
        assert c == (dt.date(2019, 1, 1), 3747552.0, 2017)
        if fmt == "parquet":
            flags = con.execute(f"SELECT flags FROM '{out / 'amounts'}.parquet' WHERE doc_id = 'aaaa0001'").fetchone()
            assert flags == (["unit_suspect"],)
            totals = con.execute(f"SELECT price_years FROM '{out / 'supplier_totals'}.parquet' "
                                 "WHERE supplier = 'Leanlink Råd och Stöd'").fetchone()
            assert totals == ([2020, 2021],)
    finally:
        con.close()
        src.close()


def test_export_xlsx(tiny_path, tmp_path):
    import openpyxl

    done = export(tiny_path, tmp_path, "xlsx")
    assert {e.name for e in done} == TABLES | VIEWS
    book = openpyxl.load_workbook(tmp_path / WORKBOOK, read_only=True)
    assert set(book.sheetnames) == TABLES | VIEWS
    sheet = [list(r) for r in book["supplier_totals"].iter_rows(values_only=True)]
    header, body = sheet[0], sheet[1:]
    assert header[:4] == ["supplier", "contracts", "documents", "total_amount_per_year_sek"]
    by_supplier = {r[0]: dict(zip(header, r)) for r in body}
    lean = by_supplier["Leanlink Råd och Stöd"]
    assert (lean["contracts"], lean["total_amount_per_year_sek"], lean["price_years"]) == (2, 2327000, "2020, 2021")
    assert lean["earliest_start"].date() == dt.date(2020, 1, 1)
    pages = [list(r) for r in book["pages"].iter_rows(values_only=True)]
    texts = {(r[0], r[1]): r[2] for r in pages[1:]}
    assert texts[("aaaa0001", 3)] == analyst_db.PAGES[("aaaa0001", 3)]
    assert len(pages) - 1 == len(analyst_db.PAGES)
    facts = [list(r) for r in book["facts"].iter_rows(values_only=True)]
    assert len(facts) - 1 == 24


def test_export_xlsx_cleans_what_excel_refuses(tmp_path):
    import openpyxl

    from pipeline.export import XLSX_MAX_CELL
    from pipeline.load import Store

    db = tmp_path / "odd.duckdb"
    with Store(db) as s:
        s.con.execute("INSERT INTO pages VALUES ('d1', 1, ?, 'text', NULL)", ["a\x0cb\x00c" + "x" * 40000])
    export(db, tmp_path / "x", "xlsx")
    cell = openpyxl.load_workbook(tmp_path / "x" / WORKBOOK, read_only=True)["pages"]["C2"].value
    assert cell.startswith("a b c") and len(cell) == XLSX_MAX_CELL and cell.endswith("…")


def test_export_sample(sample_db, tmp_path):
    done = {e.name: e for e in export(sample_db, tmp_path, "parquet")}
    con = duckdb.connect(str(sample_db), read_only=True)
    try:
        for name, e in done.items():
            assert e.rows == con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        got = duckdb.connect().execute(f"SELECT doc_id, file_name, status FROM '{done['documents'].path}'").fetchall()
        assert sorted(got) == sorted(con.execute("SELECT doc_id, file_name, status FROM documents").fetchall())
        assert {"000_7f2fc2e1f45aab5b.pdf", "004_73ab96fcde37e5c4_scanned.pdf"} <= {r[1] for r in got}
    finally:
        con.close()
    assert VIEWS <= set(done) and TABLES <= set(done)
