"""The analyst views: exact rows on a hand-built database, and what they promise on the
real sample batch given whatever the extractors put in the fact tables."""
from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest

import analyst_db
from conftest import GOLD

D = dt.date.fromisoformat
VIEW_NAMES = ("facts", "contract_overview", "contract_timeline", "supplier_totals")
FACT_TABLES = ("parties", "people", "dates", "amounts", "volumes", "durations", "identifiers")


def q(con, sql, params=None) -> list[dict]:
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    path = analyst_db.build(tmp_path_factory.mktemp("tiny") / "tiny.duckdb")
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


# --- facts -------------------------------------------------------------------------------

def test_facts_one_row_per_fact_row_of_every_table(tiny):
    n = sum(tiny.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in FACT_TABLES)
    assert tiny.execute("SELECT count(*) FROM facts").fetchone()[0] == n == 24
    by_cat = dict(tiny.execute("SELECT category, count(*) FROM facts GROUP BY 1").fetchall())
    assert by_cat == {"parties": 7, "people": 1, "dates": 5, "amounts": 2, "volumes": 2,
                      "durations": 1, "identifiers": 6}


def test_facts_values_units_roles(tiny):
    rows = q(tiny, """SELECT category, value, value_num, unit, role, detail, text, page_no, file_name
                      FROM facts WHERE doc_id = 'aaaa0001' ORDER BY category, page_no, start_char, role""")
    got = [(r["category"], r["value"], r["unit"], r["role"], r["detail"], r["page_no"]) for r in rows]
    assert got == [
        ("amounts", "3747552", "SEK", "year", "price year 2017; unit_suspect", 3),
        ("dates", "2019-01-01", None, "period_start", None, 2),
        ("dates", "2020-12-31", None, "period_end", None, 2),
        ("durations", "2", "år", "extension", "24 months", 3),
        ("identifiers", "1976:580", None, "sfs", None, 3),
        # a party with two roles is two facts; the canonical name is the value
        ("parties", "Linköpings Stadsmission", None, "recipient", "written: Linköping Stadsmission", 1),
        ("parties", "Linköpings Stadsmission", None, "supplier", "written: Linköping Stadsmission", 1),
        ("parties", "Omsorgsnämnden", None, "buyer", None, 1),
        ("volumes", "60-70", "personer", None, "per dag", 3),
    ]
    assert {r["file_name"] for r in rows} == {"a_kontakt_2018.pdf"}
    amount = next(r for r in rows if r["category"] == "amounts")
    assert amount["value_num"] == 3747552.0 and amount["text"] == "3 747 552 mnkr per år"
    # a fractional volume keeps its decimals; an integral one has none
    assert tiny.execute("SELECT value, value_num FROM facts WHERE doc_id = 'cccc0003' AND category = 'volumes'"
                        ).fetchone() == ("12.5", 12.5)
    assert tiny.execute("SELECT value, role FROM facts WHERE category = 'people'").fetchone() == (
        "Anna Andersson", "author")


def test_facts_offsets_point_at_the_words(tiny):
    rows = tiny.execute("""
        SELECT f.text, substr(p.text, f.start_char + 1, f.end_char - f.start_char)
        FROM facts f JOIN pages p ON p.doc_id = f.doc_id AND p.page_no = f.page_no""").fetchall()
    assert len(rows) == 24
    assert all(text == cut for text, cut in rows), [r for r in rows if r[0] != r[1]]


# --- contract_overview -------------------------------------------------------------------

def test_contract_overview_one_row_per_contract_document(tiny):
    rows = q(tiny, "SELECT * FROM contract_overview ORDER BY doc_id")
    assert [r["doc_id"] for r in rows] == ["aaaa0001", "bbbb0002", "cccc0003", "dddd0004",
                                           "eeee0005", "gggg0007", "hhhh0008"]
    a = rows[0]
    assert (a["file_name"], a["doc_type"], a["supplier"], a["supplier_canonical"], a["buyer"], a["subject"]) == (
        "a_kontakt_2018.pdf", "tjansteskrivelse", "Linköping Stadsmission", "Linköpings Stadsmission",
        "Omsorgsnämnden", "Kontaktcentrum")
    assert (a["start_date"], a["end_date"], a["decision"], a["amount_per_year_sek"], a["price_year"]) == (
        D("2019-01-01"), D("2020-12-31"), "not_terminate", 3747552.0, 2017)
    # the page is where the period is set; each piece of evidence has its own page
    assert (a["page_no"], a["supplier_page"], a["start_page"], a["end_page"], a["amount_page"]) == (2, 1, 2, 2, 3)
    assert a["evidence"] == "Avtalet gäller från 2019-01-01 till och med 2020-12-31."
    assert a["diarienummer"] is None
    c = rows[2]
    assert (c["supplier_canonical"], c["end_date"], c["notice_months"], c["diarienummer"]) == (
        "Leanlink Råd och Stöd", None, 12.0, ["SON 2019-846"])
    # no dates found: the page falls back to where the supplier is named
    d = rows[3]
    assert (d["page_no"], d["start_page"], d["supplier_page"]) == (1, None, 1)
    assert d["evidence"] == "Other AB städar enligt SON 2019-846."
    # no evidence rows at all: the contract row is still there, page unknown
    assert (rows[6]["page_no"], rows[6]["supplier_canonical"]) == (None, "Leanlink Råd och Stöd")


# --- contract_timeline -------------------------------------------------------------------

def test_contract_timeline_groups_and_orders(tiny):
    rows = q(tiny, "SELECT * FROM contract_timeline ORDER BY contract_key, seq")
    got = [(r["contract_key"], r["seq"], r["doc_id"], r["step"], r["linked_by"]) for r in rows]
    assert got == [
        # same supplier (three spellings) + subject, then a diarienummer shared with a
        # document of another supplier name: one contract by transitivity
        ("aaaa0001", 1, "aaaa0001", "extension", "supplier+subject"),  # not_terminate: it goes on
        ("aaaa0001", 2, "bbbb0002", "extension", "diarienummer, supplier+subject"),
        ("aaaa0001", 3, "eeee0005", "repeat", "diarienummer, supplier+subject"),
        ("aaaa0001", 4, "gggg0007", "extension", "diarienummer"),
        ("cccc0003", 1, "cccc0003", "original", "diarienummer"),
        ("cccc0003", 2, "dddd0004", "new", "diarienummer"),
        ("hhhh0008", 1, "hhhh0008", "original", None),
    ]
    first = rows[:4]
    assert {(r["original_start"], r["original_end"], r["latest_end"], r["n_documents"]) for r in first} == {
        (D("2019-01-01"), D("2020-12-31"), D("2023-12-31"), 4)}
    assert [(r["start_date"], r["end_date"], r["previous_end"], r["gap_days"]) for r in first] == [
        (D("2019-01-01"), D("2020-12-31"), None, None),
        (D("2021-01-01"), D("2022-12-31"), D("2020-12-31"), 0),   # seamless extension
        (D("2021-01-01"), D("2022-12-31"), D("2022-12-31"), -730),  # the copy overlaps
        (D("2023-01-01"), D("2023-12-31"), D("2022-12-31"), 0),
    ]
    assert [r["repeat_of"] for r in rows] == [None, None, "bbbb0002", None, None, None, None]
    assert [r["supplier"] for r in first] == ["Linköpings Stadsmission"] * 3 + ["Stadsmissionen"]
    assert [r["subject"] for r in first] == ["Kontaktcentrum", "kontaktcentrum", "kontaktcentrum", "Kontaktcentrum"]


# --- supplier_totals ---------------------------------------------------------------------

def test_supplier_totals(tiny):
    rows = q(tiny, "SELECT * FROM supplier_totals ORDER BY supplier")
    got = {r["supplier"]: (r["contracts"], r["documents"], r["total_amount_per_year_sek"],
                           r["contracts_with_amount"], r["price_years"], r["earliest_start"],
                           r["latest_end"], r["open_ended"], r["subjects"]) for r in rows}
    assert got == {
        # two contracts, one open-ended: amounts of two price years summed, and said so
        "Leanlink Råd och Stöd": (2, 2, 2327000.0, 2, [2020, 2021], D("2020-01-01"), D("2020-12-31"), 1,
                                  ["Boende", "Öppenvård"]),
        # one contract in three documents: its amount counts once
        "Linköpings Stadsmission": (1, 3, 3747552.0, 1, [2017], D("2019-01-01"), D("2022-12-31"), 0,
                                    ["Kontaktcentrum"]),
        "Other AB": (1, 1, 100000.0, 1, [2022], D("2022-01-01"), D("2022-06-30"), 0, ["Städning"]),
        # linked to Linköpings Stadsmission's contract by diarienummer, but no amount of its own
        "Stadsmissionen": (1, 1, None, 0, [], D("2023-01-01"), D("2023-12-31"), 0, ["Kontaktcentrum"]),
    }


def test_views_are_recreated_on_an_old_database(tmp_path):
    from pipeline.load import Store

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE VIEW facts AS SELECT 1 AS stale")
    con.close()
    Store(db).close()
    con = duckdb.connect(str(db), read_only=True)
    cols = [r[0] for r in con.execute("DESCRIBE facts").fetchall()]
    con.close()
    assert cols[:6] == ["doc_id", "file_name", "category", "value", "value_num", "unit"]


# --- the real sample batch ---------------------------------------------------------------

def gold_contracts() -> dict[str, dict]:
    out = {}
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold.get("contract"):
            out[path.stem + ".pdf"] = gold
    return out


def test_sample_views_exist_with_their_columns(sample_con):
    for name in VIEW_NAMES:
        assert sample_con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] >= 0
    cols = {v: [r[0] for r in sample_con.execute(f"DESCRIBE {v}").fetchall()] for v in VIEW_NAMES}
    assert {"doc_id", "file_name", "category", "value", "unit", "role", "page_no", "evidence"} <= set(cols["facts"])
    assert {"supplier", "buyer", "subject", "start_date", "end_date", "decision", "amount_per_year_sek",
            "price_year", "file_name", "page_no"} <= set(cols["contract_overview"])
    assert {"contract_key", "seq", "doc_id", "decision", "start_date", "end_date", "original_start",
            "original_end"} <= set(cols["contract_timeline"])
    assert {"supplier", "contracts", "total_amount_per_year_sek", "earliest_start", "latest_end"} <= set(
        cols["supplier_totals"])


def test_sample_facts_match_the_fact_tables(sample_con):
    for table in FACT_TABLES:
        diff = sample_con.execute(f"""
            SELECT count(*) FROM (
                (SELECT doc_id, page_no, start_char, end_char, evidence FROM {table}
                 EXCEPT ALL
                 SELECT doc_id, page_no, start_char, end_char, evidence FROM facts WHERE category = '{table}')
                UNION ALL
                (SELECT doc_id, page_no, start_char, end_char, evidence FROM facts WHERE category = '{table}'
                 EXCEPT ALL
                 SELECT doc_id, page_no, start_char, end_char, evidence FROM {table}))""").fetchone()[0]
        assert diff == 0, table
    # every fact's file is a sample file
    names = {r[0] for r in sample_con.execute("SELECT DISTINCT file_name FROM facts").fetchall()}
    assert names <= {p.stem + ".pdf" for p in GOLD.glob("*.json")}
    # values are what the tables hold: dates as ISO text, amounts as whole kronor
    bad = sample_con.execute("""
        SELECT f.value, strftime(d.date, '%Y-%m-%d') FROM facts f JOIN dates d
          ON d.doc_id = f.doc_id AND d.page_no = f.page_no AND d.start_char = f.start_char AND d.role IS NOT DISTINCT FROM f.role
        WHERE f.category = 'dates' AND f.value <> strftime(d.date, '%Y-%m-%d')""").fetchall()
    assert bad == []


def test_sample_fact_offsets_point_at_their_text(sample_con):
    """The HTML report highlights pages.text[start_char:end_char]: it has to be the words."""
    rows = sample_con.execute("""
        SELECT f.category, f.doc_id, f.page_no, f.text, substr(p.text, f.start_char + 1, f.end_char - f.start_char)
        FROM facts f JOIN pages p ON p.doc_id = f.doc_id AND p.page_no = f.page_no
        WHERE f.category NOT IN ('parties', 'people') AND f.start_char IS NOT NULL""").fetchall()
    wrong = [r for r in rows if " ".join((r[3] or "").split()) != " ".join((r[4] or "").split())]
    assert wrong == []


def test_sample_contract_overview_is_the_contracts_table(sample_con):
    contracts = q(sample_con, "SELECT * FROM contracts ORDER BY doc_id")
    overview = {r["doc_id"]: r for r in q(sample_con, "SELECT * FROM contract_overview")}
    assert sorted(overview) == sorted({c["doc_id"] for c in contracts})
    files = dict(sample_con.execute("SELECT doc_id, file_name FROM documents").fetchall())
    for c in contracts:
        o = overview[c["doc_id"]]
        for col in ("supplier", "buyer", "subject", "start_date", "end_date", "decision",
                    "amount_per_year_sek", "price_year", "notice_months"):
            assert o[col] == c[col], (c["doc_id"], col)
        assert o["file_name"] == files[c["doc_id"]]
        if o["start_page"] is not None:  # a date fact with the start date sits on that page
            assert sample_con.execute(
                "SELECT count(*) FROM dates WHERE doc_id = ? AND page_no = ? AND date = ?",
                [c["doc_id"], o["start_page"], c["start_date"]]).fetchone()[0] >= 1
        if o["page_no"] is not None:
            assert o["page_no"] in (o["start_page"], o["end_page"], o["supplier_page"], o["amount_page"])


def test_sample_contracts_against_gold(sample_con):
    """Where the extractor got a gold contract's supplier right, the views carry it through."""
    gold = gold_contracts()
    overview = {r["file_name"]: r for r in q(sample_con, "SELECT * FROM contract_overview")}
    totals = {r["supplier"].lower(): r for r in q(sample_con, "SELECT * FROM supplier_totals")}
    timeline = {r["file_name"]: r for r in q(sample_con, "SELECT * FROM contract_timeline")}
    for file_name, g in gold.items():
        o = overview.get(file_name)
        if o is None:
            continue
        t = timeline[file_name]
        assert t["doc_id"] == o["doc_id"] and t["start_date"] == o["start_date"]
        if o["supplier_canonical"]:
            s = totals[o["supplier_canonical"].strip().lower()]
            assert s["contracts"] >= 1
            if o["start_date"]:
                assert s["earliest_start"] <= o["start_date"]
    # the scan and the text PDF of 004 are one contract when both read the same supplier and subject
    a, b = timeline.get("004_73ab96fcde37e5c4.pdf"), timeline.get("004_73ab96fcde37e5c4_scanned.pdf")
    if a and b and a["supplier"] and b["supplier"] and a["subject"] and b["subject"] and \
            a["supplier"].lower() == b["supplier"].lower() and a["subject"].lower() == b["subject"].lower():
        assert a["contract_key"] == b["contract_key"]
        if (a["start_date"], a["end_date"], a["decision"]) == (b["start_date"], b["end_date"], b["decision"]):
            later = max(a, b, key=lambda r: r["seq"])
            assert later["repeat_of"] == min(a, b, key=lambda r: r["seq"])["doc_id"]
            assert later["step"] == "repeat"


@pytest.fixture(params=["tiny", "sample_con"])
def any_con(request):
    return request.getfixturevalue(request.param)


def test_timeline_groups_recomputed(any_con):
    """The recursive SQL against a plain union-find over the same rows (tiny and sample)."""
    sample_con = any_con
    docs = q(sample_con, "SELECT doc_id, supplier_canonical, subject, start_date, document_date FROM contract_overview")
    ids = sample_con.execute("SELECT DISTINCT doc_id, value FROM identifiers WHERE kind = 'diarienummer'").fetchall()
    parent = {d["doc_id"]: d["doc_id"] for d in docs}

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    def union(a, b):
        parent[find(a)] = find(b)

    by_key: dict = {}
    for d in docs:
        if d["supplier_canonical"] and d["subject"]:
            key = (d["supplier_canonical"].strip().lower(), " ".join(d["subject"].split()).lower())
            by_key.setdefault(key, []).append(d["doc_id"])
    for doc_id, value in ids:
        if doc_id in parent:
            by_key.setdefault(("dnr", value), []).append(doc_id)
    for members in by_key.values():
        for m in members[1:]:
            union(members[0], m)
    want = {}
    for d in docs:
        want.setdefault(find(d["doc_id"]), set()).add(d["doc_id"])
    got = {}
    for r in q(sample_con, "SELECT contract_key, doc_id, seq, n_documents FROM contract_timeline"):
        got.setdefault(r["contract_key"], []).append(r)
    assert sorted(sorted(g) for g in want.values()) == sorted(sorted(r["doc_id"] for r in g) for g in got.values())
    for key, rows in got.items():
        assert sorted(r["seq"] for r in rows) == list(range(1, len(rows) + 1))
        assert {r["n_documents"] for r in rows} == {len(rows)}
        assert next(r for r in rows if r["seq"] == 1)["doc_id"] == key


def test_supplier_totals_recomputed(any_con):
    """supplier_totals against the same sums done in Python over contract_timeline."""
    sample_con = any_con
    rows = q(sample_con, "SELECT * FROM contract_timeline WHERE supplier IS NOT NULL ORDER BY seq")
    per: dict = {}
    for r in rows:
        c = per.setdefault((r["supplier"].strip().lower(), r["contract_key"]), {"docs": 0, "amount": None,
                                                                               "starts": [], "ends": []})
        c["docs"] += 1
        if r["amount_per_year_sek"] is not None:
            c["amount"] = r["amount_per_year_sek"]  # rows come in seq order: the latest wins
        c["starts"] += [r["start_date"]] if r["start_date"] else []
        c["ends"] += [r["end_date"]] if r["end_date"] else []
    want = {}
    for (supplier, _), c in per.items():
        w = want.setdefault(supplier, {"contracts": 0, "documents": 0, "total": None, "starts": [], "ends": []})
        w["contracts"] += 1
        w["documents"] += c["docs"]
        if c["amount"] is not None:
            w["total"] = (w["total"] or 0) + c["amount"]
        w["starts"] += c["starts"]
        w["ends"] += [max(c["ends"])] if c["ends"] else []
    got = {r["supplier"].strip().lower(): r for r in q(sample_con, "SELECT * FROM supplier_totals")}
    assert sorted(got) == sorted(want)
    for s, w in want.items():
        g = got[s]
        assert (g["contracts"], g["documents"]) == (w["contracts"], w["documents"]), s
        assert g["total_amount_per_year_sek"] == w["total"], s
        assert g["earliest_start"] == (min(w["starts"]) if w["starts"] else None), s
        assert g["latest_end"] == (max(w["ends"]) if w["ends"] else None), s
