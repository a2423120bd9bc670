"""Views for analysts, created with the tables (``load.Store`` runs ``create_views``).

Each view answers one question; the README lists them. Views are recreated every time a
Store opens, so an old database picks up new definitions on its next ``extract``.
Order matters: a view may read the views defined before it.
"""
from __future__ import annotations

import duckdb


def _num(expr: str) -> str:
    """A number as text without a trailing '.0', so '2' and '12.5' read as written."""
    return (f"CASE WHEN {expr} IS NULL THEN NULL WHEN {expr} = round({expr}) "
            f"THEN CAST(CAST({expr} AS HUGEINT) AS VARCHAR) ELSE CAST({expr} AS VARCHAR) END")


FACTS = f"""
WITH f AS (
    SELECT doc_id, 'parties' AS category, coalesce(canonical_name, name) AS value,
           NULL::DOUBLE AS value_num, NULL AS unit, role,
           CASE WHEN canonical_name IS DISTINCT FROM name THEN 'written: ' || name END AS detail,
           name AS text, page_no, start_char, end_char, section, confidence, evidence
    FROM parties
    UNION ALL
    SELECT doc_id, 'people', name, NULL, NULL, role, NULL, name, page_no, start_char, end_char,
           section, confidence, evidence
    FROM people
    UNION ALL
    SELECT doc_id, 'dates', strftime(date, '%Y-%m-%d'), NULL, NULL, role, NULL, text, page_no,
           start_char, end_char, section, confidence, evidence
    FROM dates
    UNION ALL
    SELECT doc_id, 'amounts', {_num('amount_sek')}, amount_sek, 'SEK', period,
           concat_ws('; ', CASE WHEN price_year IS NOT NULL THEN 'price year ' || price_year END,
                     CASE WHEN len(flags) > 0 THEN array_to_string(flags, ', ') END),
           text, page_no, start_char, end_char, section, confidence, evidence
    FROM amounts
    UNION ALL
    SELECT doc_id, 'volumes',
           {_num('value')} || coalesce('-' || {_num('value_max')}, ''), value, unit, NULL,
           CASE WHEN per IS NOT NULL THEN 'per ' || per END,
           text, page_no, start_char, end_char, section, confidence, evidence
    FROM volumes
    UNION ALL
    SELECT doc_id, 'durations', {_num('value')}, value, unit, role,
           CASE WHEN months IS NOT NULL THEN {_num('round(months, 2)')} || ' months' END,
           text, page_no, start_char, end_char, section, confidence, evidence
    FROM durations
    UNION ALL
    SELECT doc_id, 'identifiers', value, NULL, NULL, kind, NULL, text, page_no,
           start_char, end_char, section, confidence, evidence
    FROM identifiers
)
SELECT f.doc_id, d.file_name, f.* EXCLUDE (doc_id)
FROM f LEFT JOIN documents d USING (doc_id)
"""

# One row per contract document. The supplier is resolved to the canonical name of the
# party it names in the same document, so spelling variants ("Linköping Stadsmission")
# group with the canonical form in the views below. Pages point at the evidence an
# analyst opens first: where the period is set, else where the supplier is named.
CONTRACT_OVERVIEW = """
WITH c AS (
    SELECT * FROM contracts
    QUALIFY row_number() OVER (PARTITION BY doc_id ORDER BY start_date NULLS LAST) = 1
),
sup AS (
    SELECT c.doc_id, p.canonical_name, p.page_no, p.evidence,
           row_number() OVER (PARTITION BY c.doc_id
                              ORDER BY (p.role = 'supplier') DESC, p.page_no, p.start_char) AS rn
    FROM c JOIN parties p ON p.doc_id = c.doc_id
     AND lower(trim(c.supplier)) IN (lower(trim(p.name)), lower(trim(p.canonical_name)))
),
start_ev AS (
    SELECT c.doc_id, d.page_no, d.evidence,
           row_number() OVER (PARTITION BY c.doc_id
                              ORDER BY (d.role = 'period_start') DESC, d.page_no, d.start_char) AS rn
    FROM c JOIN dates d ON d.doc_id = c.doc_id AND d.date = c.start_date
),
end_ev AS (
    SELECT c.doc_id, d.page_no, d.evidence,
           row_number() OVER (PARTITION BY c.doc_id
                              ORDER BY (d.role = 'period_end') DESC, d.page_no, d.start_char) AS rn
    FROM c JOIN dates d ON d.doc_id = c.doc_id AND d.date = c.end_date
),
amount_ev AS (
    SELECT c.doc_id, a.page_no, a.evidence,
           row_number() OVER (PARTITION BY c.doc_id
                              ORDER BY (a.period = 'year') DESC, a.page_no, a.start_char) AS rn
    FROM c JOIN amounts a ON a.doc_id = c.doc_id AND abs(a.amount_sek - c.amount_per_year_sek) <= 1
),
dnr AS (
    SELECT doc_id, list(DISTINCT value ORDER BY value) AS diarienummer
    FROM identifiers WHERE kind = 'diarienummer' GROUP BY doc_id
)
SELECT c.doc_id, doc.file_name, doc.source_path, doc.doc_type, doc.title, doc.document_date,
       dnr.diarienummer,
       c.supplier, coalesce(sup.canonical_name, c.supplier) AS supplier_canonical,
       c.buyer, c.subject, c.start_date, c.end_date, c.decision,
       c.amount_per_year_sek, c.price_year, c.notice_months,
       coalesce(start_ev.page_no, end_ev.page_no, sup.page_no, amount_ev.page_no) AS page_no,
       coalesce(start_ev.evidence, end_ev.evidence, sup.evidence, amount_ev.evidence) AS evidence,
       sup.page_no AS supplier_page, start_ev.page_no AS start_page, end_ev.page_no AS end_page,
       amount_ev.page_no AS amount_page
FROM c
LEFT JOIN documents doc USING (doc_id)
LEFT JOIN dnr USING (doc_id)
LEFT JOIN sup ON sup.doc_id = c.doc_id AND sup.rn = 1
LEFT JOIN start_ev ON start_ev.doc_id = c.doc_id AND start_ev.rn = 1
LEFT JOIN end_ev ON end_ev.doc_id = c.doc_id AND end_ev.rn = 1
LEFT JOIN amount_ev ON amount_ev.doc_id = c.doc_id AND amount_ev.rn = 1
"""

# Contract documents linked by a shared diarienummer or by the same supplier and subject
# (case-insensitive) are one contract; links are transitive, so the groups are the
# connected components, found by a recursive walk (UNION, not UNION ALL, stops it).
CONTRACT_TIMELINE = """
WITH RECURSIVE
c AS (
    SELECT *, lower(trim(supplier_canonical)) AS supplier_key,
           lower(regexp_replace(trim(subject), '\\s+', ' ', 'g')) AS subject_key
    FROM contract_overview
),
ids AS (
    SELECT DISTINCT i.doc_id, i.value
    FROM identifiers i JOIN c USING (doc_id) WHERE i.kind = 'diarienummer'
),
edges AS (
    SELECT a.doc_id AS a, b.doc_id AS b, 'diarienummer' AS how
    FROM ids a JOIN ids b ON a.value = b.value AND a.doc_id <> b.doc_id
    UNION
    SELECT a.doc_id, b.doc_id, 'supplier+subject'
    FROM c a JOIN c b ON a.supplier_key = b.supplier_key AND a.subject_key = b.subject_key
     AND a.doc_id <> b.doc_id
),
reach(doc_id, other) AS (
    SELECT doc_id, doc_id FROM c
    UNION
    SELECT r.doc_id, e.b FROM reach r JOIN edges e ON e.a = r.other
),
comp AS (SELECT doc_id, min(other) AS comp FROM reach GROUP BY doc_id),
how AS (SELECT a AS doc_id, string_agg(DISTINCT how, ', ' ORDER BY how) AS linked_by
        FROM edges GROUP BY a),
ordered AS (
    SELECT c.*, comp.comp, how.linked_by,
           row_number() OVER w AS seq,
           nullif(first_value(c.doc_id) OVER (
               PARTITION BY comp.comp, c.start_date, c.end_date, c.decision
               ORDER BY coalesce(c.start_date, c.document_date) NULLS LAST, c.document_date NULLS LAST, c.doc_id),
               c.doc_id) AS repeat_of,
           count(*) OVER (PARTITION BY comp.comp) AS n_documents
    FROM c JOIN comp USING (doc_id) LEFT JOIN how USING (doc_id)
    WINDOW w AS (PARTITION BY comp.comp
                 ORDER BY coalesce(c.start_date, c.document_date) NULLS LAST, c.document_date NULLS LAST, c.doc_id)
)
SELECT first_value(doc_id) OVER g AS contract_key,
       seq, n_documents, doc_id, file_name, document_date, decision,
       supplier_canonical AS supplier, buyer, trim(subject) AS subject, start_date, end_date,
       amount_per_year_sek, price_year,
       first_value(start_date) OVER g AS original_start,
       first_value(end_date) OVER g AS original_end,
       lag(end_date) OVER g AS previous_end,
       date_diff('day', lag(end_date) OVER g, start_date) - 1 AS gap_days,
       max(end_date) OVER (PARTITION BY comp) AS latest_end,
       -- what the document does to the contract. A later one with the same period and
       -- decision is a copy (a scan, a protocol extract); the earliest document known may
       -- itself be an extension (the original contract is not in the batch).
       CASE WHEN repeat_of IS NOT NULL THEN 'repeat'
            WHEN decision IN ('extend', 'not_terminate') THEN 'extension'
            WHEN seq = 1 THEN 'original'
            WHEN decision = 'amend' THEN 'amendment'
            WHEN decision = 'terminate' THEN 'termination'
            WHEN decision = 'new' THEN 'new'
            ELSE 'other' END AS step,
       repeat_of,
       linked_by, diarienummer, page_no, evidence
FROM ordered
WINDOW g AS (PARTITION BY comp ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
"""

# Per supplier: a contract counts once however many documents extend it, and its amount
# per year is the latest one known (extensions restate it; summing documents would
# double-count). Price years are listed because amounts of different years are summed.
# A contract group whose documents name two suppliers (linked by diarienummer) counts for
# each; open-ended contracts have no end, so latest_end ignores them and open_ended counts them.
SUPPLIER_TOTALS = """
WITH per_contract AS (
    SELECT contract_key, lower(trim(supplier)) AS supplier_key,
           mode(supplier) AS supplier,
           arg_min(trim(subject), seq) AS subject,
           min(start_date) AS start_date, max(end_date) AS end_date,
           count(*) AS n_documents,
           arg_max(amount_per_year_sek, seq) FILTER (WHERE amount_per_year_sek IS NOT NULL) AS amount_per_year_sek,
           arg_max(price_year, seq) FILTER (WHERE amount_per_year_sek IS NOT NULL) AS price_year
    FROM contract_timeline
    WHERE supplier IS NOT NULL
    GROUP BY contract_key, lower(trim(supplier))
)
SELECT mode(supplier) AS supplier,
       count(*) AS contracts,
       CAST(sum(n_documents) AS BIGINT) AS documents,
       sum(amount_per_year_sek) AS total_amount_per_year_sek,
       count(amount_per_year_sek) AS contracts_with_amount,
       coalesce(list(DISTINCT price_year ORDER BY price_year) FILTER (WHERE price_year IS NOT NULL),
                []::INTEGER[]) AS price_years,
       min(start_date) AS earliest_start,
       max(end_date) AS latest_end,
       count(*) FILTER (WHERE end_date IS NULL) AS open_ended,
       list(DISTINCT subject ORDER BY subject) FILTER (WHERE subject IS NOT NULL) AS subjects,
       list(contract_key ORDER BY start_date NULLS LAST, contract_key) AS contract_keys
FROM per_contract
GROUP BY supplier_key
"""

VIEWS: dict[str, str] = {
    "facts": FACTS,
    "contract_overview": CONTRACT_OVERVIEW,
    "contract_timeline": CONTRACT_TIMELINE,
    "supplier_totals": SUPPLIER_TOTALS,
}


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    for name, sql in VIEWS.items():
        con.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")
