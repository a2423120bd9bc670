"""A tiny database built by hand, for exact tests of the views, the report and the export.

Offsets are computed from the page texts, so every fact points at the words it names.
The documents form known contract groups:

  aaaa0001 -> bbbb0002 -> eeee0005 (a scan of bbbb0002) -> gggg0007
      A-B-E: same supplier (spelled three ways) and subject; B-E-G: diarienummer ON 2020-77
  cccc0003 -> dddd0004   diarienummer SON 2019-846 (different suppliers)
  hhhh0008               alone (Leanlink again, another subject)
  ffff0006               a report, no contract
  xxxx0009               failed, no pages
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

D = dt.date.fromisoformat

PAGES = {
    ("aaaa0001", 1): "Omsorgsnämnden\nKontaktcentrum, ställningstagande\n"
                     "Linköping Stadsmission driver Kontaktcentrum på uppdrag av Omsorgsnämnden.",
    ("aaaa0001", 2): "Avtalet gäller från 2019-01-01 till och med 2020-12-31.\nPolisen är en samverkanspart.",
    ("aaaa0001", 3): "Ersättningen är 3 747 552 mnkr per år i 2017 års prisnivå. Cirka 60-70 besökare "
                     "per dag. Avtalet förlängs med två år. Lag (1976:580) <om> & \"citat\" </pre>.",
    ("bbbb0002", 1): "ON 2020-77. Avtalet med LINKÖPINGS STADSMISSION förlängs 2021-01-01 till 2022-12-31.",
    ("eeee0005", 1): "ON 2020-77. Avtalet med LINKÖPINGS STADSMISSION förlängs 2021-01-01 till 2022-12-31.",
    ("gggg0007", 1): "ON 2020-77. Stadsmissionen fortsätter 2023-01-01 till 2023-12-31.",
    ("cccc0003", 1): "SON 2019-846. Leanlink åtar sig uppdraget från 2021-04-01 för 1 827 000 kronor "
                     "med 12,5 årsarbetare.",
    ("dddd0004", 1): "Other AB städar enligt SON 2019-846.",
    ("hhhh0008", 1): "Leanlink Råd och Stöd driver boendet.",
    ("ffff0006", 1): "Rapport av Anna Andersson.",
}

DOCS = [
    # doc_id, file_name, doc_type, status
    ("aaaa0001", "a_kontakt_2018.pdf", "tjansteskrivelse", "ok"),
    ("bbbb0002", "b_forlangning.pdf", "tjansteskrivelse", "ok"),
    ("cccc0003", "c_leanlink.pdf", "avtal", "ok"),
    ("dddd0004", "d_other.pdf", "beslut", "ok"),
    ("eeee0005", "b_forlangning_scanned.pdf", "tjansteskrivelse", "ok"),
    ("ffff0006", "f_rapport.pdf", "rapport", "ok"),
    ("gggg0007", "g_2023.pdf", "beslut", "ok"),
    ("hhhh0008", "h_boende.pdf", "avtal", "ok"),
    ("xxxx0009", "x_broken.pdf", None, "failed"),
]

CONTRACTS = [
    dict(doc_id="aaaa0001", supplier="Linköping Stadsmission", buyer="Omsorgsnämnden",
         subject="Kontaktcentrum", start_date=D("2019-01-01"), end_date=D("2020-12-31"),
         decision="not_terminate", amount_per_year_sek=3747552.0, price_year=2017, notice_months=None),
    dict(doc_id="bbbb0002", supplier="LINKÖPINGS STADSMISSION", buyer="Omsorgsnämnden",
         subject=" kontaktcentrum ", start_date=D("2021-01-01"), end_date=D("2022-12-31"),
         decision="extend", amount_per_year_sek=None, price_year=None, notice_months=None),
    dict(doc_id="eeee0005", supplier="LINKÖPINGS STADSMISSION", buyer="Omsorgsnämnden",
         subject=" kontaktcentrum ", start_date=D("2021-01-01"), end_date=D("2022-12-31"),
         decision="extend", amount_per_year_sek=None, price_year=None, notice_months=None),
    dict(doc_id="gggg0007", supplier="Stadsmissionen", buyer=None, subject="Kontaktcentrum",
         start_date=D("2023-01-01"), end_date=D("2023-12-31"), decision="extend",
         amount_per_year_sek=None, price_year=None, notice_months=None),
    dict(doc_id="cccc0003", supplier="Leanlink", buyer="Social- och omsorgsnämnden", subject="Öppenvård",
         start_date=D("2021-04-01"), end_date=None, decision="amend",
         amount_per_year_sek=1827000.0, price_year=2021, notice_months=12.0),
    dict(doc_id="dddd0004", supplier="Other AB", buyer=None, subject="Städning",
         start_date=D("2022-01-01"), end_date=D("2022-06-30"), decision="new",
         amount_per_year_sek=100000.0, price_year=2022, notice_months=None),
    dict(doc_id="hhhh0008", supplier="Leanlink Råd och Stöd", buyer=None, subject="Boende",
         start_date=D("2020-01-01"), end_date=D("2020-12-31"), decision="new",
         amount_per_year_sek=500000.0, price_year=2020, notice_months=None),
]


def _at(doc_id: str, page: int, words: str, nth: int = 0) -> dict[str, Any]:
    """page_no, offsets and evidence of the nth occurrence of ``words`` on a page."""
    text = PAGES[(doc_id, page)]
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    # The sentence: good enough for tests, from the previous '.'/newline to the next.
    s = max(text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) >= 0 else 0,
            text.rfind("\n", 0, start) + 1)
    e = min([i for i in (text.find(". ", start + len(words)), text.find("\n", start + len(words))) if i >= 0]
            or [len(text)])
    return {"doc_id": doc_id, "page_no": page, "start_char": start, "end_char": start + len(words),
            "evidence": " ".join(text[s:e + 1].split()), "section": None, "confidence": 1.0}


def fact_rows() -> dict[str, list[dict[str, Any]]]:
    a = "aaaa0001"
    return {
        "parties": [
            dict(_at(a, 1, "Linköping Stadsmission"), name="Linköping Stadsmission",
                 canonical_name="Linköpings Stadsmission", role="supplier"),
            dict(_at(a, 1, "Linköping Stadsmission"), name="Linköping Stadsmission",
                 canonical_name="Linköpings Stadsmission", role="recipient"),
            dict(_at(a, 1, "Omsorgsnämnden", nth=1), name="Omsorgsnämnden",
                 canonical_name="Omsorgsnämnden", role="buyer"),
            dict(_at("bbbb0002", 1, "LINKÖPINGS STADSMISSION"), name="LINKÖPINGS STADSMISSION",
                 canonical_name="Linköpings Stadsmission", role="supplier"),
            dict(_at("eeee0005", 1, "LINKÖPINGS STADSMISSION"), name="LINKÖPINGS STADSMISSION",
                 canonical_name="Linköpings Stadsmission", role="supplier"),
            dict(_at("cccc0003", 1, "Leanlink"), name="Leanlink",
                 canonical_name="Leanlink Råd och Stöd", role="supplier"),
            dict(_at("dddd0004", 1, "Other AB"), name="Other AB", canonical_name="Other AB", role="supplier"),
        ],
        "people": [dict(_at("ffff0006", 1, "Anna Andersson"), name="Anna Andersson", role="author")],
        "dates": [
            dict(_at(a, 2, "2019-01-01"), date=D("2019-01-01"), role="period_start", text="2019-01-01"),
            dict(_at(a, 2, "2020-12-31"), date=D("2020-12-31"), role="period_end", text="2020-12-31"),
            dict(_at("bbbb0002", 1, "2021-01-01"), date=D("2021-01-01"), role="period_start", text="2021-01-01"),
            dict(_at("bbbb0002", 1, "2022-12-31"), date=D("2022-12-31"), role="period_end", text="2022-12-31"),
            dict(_at("cccc0003", 1, "2021-04-01"), date=D("2021-04-01"), role="period_start", text="2021-04-01"),
        ],
        "amounts": [
            dict(_at(a, 3, "3 747 552 mnkr per år"), amount_sek=3747552.0, text="3 747 552 mnkr per år",
                 period="year", price_year=2017, flags=["unit_suspect"]),
            dict(_at("cccc0003", 1, "1 827 000 kronor"), amount_sek=1827000.0, text="1 827 000 kronor",
                 period=None, price_year=2021, flags=[]),
        ],
        "volumes": [
            dict(_at(a, 3, "60-70 besökare per dag"), value=60.0, value_max=70.0, unit="personer",
                 unit_text="besökare", per="dag", text="60-70 besökare per dag"),
            dict(_at("cccc0003", 1, "12,5 årsarbetare"), value=12.5, value_max=None, unit="årsarbetare",
                 unit_text="årsarbetare", per=None, text="12,5 årsarbetare"),
        ],
        "durations": [
            dict(_at(a, 3, "två år"), value=2.0, unit="år", months=24.0, role="extension", text="två år"),
        ],
        "identifiers": [
            dict(_at(a, 3, "1976:580"), kind="sfs", value="1976:580", text="1976:580"),
            dict(_at("bbbb0002", 1, "ON 2020-77"), kind="diarienummer", value="ON 2020-77", text="ON 2020-77"),
            dict(_at("eeee0005", 1, "ON 2020-77"), kind="diarienummer", value="ON 2020-77", text="ON 2020-77"),
            dict(_at("gggg0007", 1, "ON 2020-77"), kind="diarienummer", value="ON 2020-77", text="ON 2020-77"),
            dict(_at("cccc0003", 1, "SON 2019-846"), kind="diarienummer", value="SON 2019-846", text="SON 2019-846"),
            dict(_at("dddd0004", 1, "SON 2019-846"), kind="diarienummer", value="SON 2019-846", text="SON 2019-846"),
        ],
    }


def mention_rows() -> list[dict[str, Any]]:
    """Mentions of document aaaa0001: the facts' spans again (as extract writes them), a
    party's other mention, an ORG in passing, and an ORG on a party's span (not shown twice)."""
    a = "aaaa0001"
    out = []
    for label, page, words, norm, nth in [
        ("PARTY", 1, "Linköping Stadsmission", "Linköpings Stadsmission", 0),
        ("ORG", 1, "Linköping Stadsmission", "Linköping Stadsmission", 0),
        ("PARTY", 1, "Omsorgsnämnden", "Omsorgsnämnden", 0),   # heading: mention only
        ("PARTY", 1, "Omsorgsnämnden", "Omsorgsnämnden", 1),
        ("ORG", 2, "Polisen", "Polisen", 0),
        ("DATE", 2, "2019-01-01", "2019-01-01", 0),
        ("DATE", 2, "2020-12-31", "2020-12-31", 0),
        ("MONEY", 3, "3 747 552 mnkr per år", "3747552.0", 0),
    ]:
        r = _at(a, page, words, nth)
        out.append({"doc_id": a, "label": label, "text": words, "normalized": norm, "page_no": page,
                    "start_char": r["start_char"], "end_char": r["end_char"], "sentence": r["evidence"]})
    return out


# Highlights expected in aaaa0001's report: (category, page, text). The party with two
# roles is one highlight; the ORG on the party's span is not shown.
EXPECTED_HIGHLIGHTS_A = sorted([
    ("parties", 1, "Linköping Stadsmission"), ("parties", 1, "Omsorgsnämnden"),
    ("parties", 1, "Omsorgsnämnden"), ("orgs", 2, "Polisen"),
    ("dates", 2, "2019-01-01"), ("dates", 2, "2020-12-31"),
    ("amounts", 3, "3 747 552 mnkr per år"), ("volumes", 3, "60-70 besökare per dag"),
    ("durations", 3, "två år"), ("identifiers", 3, "1976:580"),
])


def build(path: str | Path) -> Path:
    """Create the database with the pipeline's own schema and views, then the rows."""
    import pandas as pd

    from pipeline.load import Store

    path = Path(path)
    with Store(path) as store:
        con = store.con

        def insert(table: str, rows: list[dict[str, Any]]) -> None:
            cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            frame = pd.DataFrame([[r.get(c) for c in cols] for r in rows], columns=cols, dtype=object)
            con.register("_rows", frame)
            con.execute(f"INSERT INTO {table} SELECT * FROM _rows")
            con.unregister("_rows")

        insert("documents", [
            {"doc_id": d, "file_name": f, "source_path": f"tiny/{f}", "batch": "tiny", "status": s,
             "doc_type": t, "n_pages": sum(1 for k in PAGES if k[0] == d),
             "error": "broken xref" if s == "failed" else None}
            for d, f, t, s in DOCS])
        insert("pages", [{"doc_id": d, "page_no": p, "text": t, "source": "ocr" if d == "eeee0005" else "text"}
                         for (d, p), t in PAGES.items()])
        for table, rows in fact_rows().items():
            insert(table, rows)
        insert("mentions", mention_rows())
        insert("contracts", CONTRACTS)
    return path
