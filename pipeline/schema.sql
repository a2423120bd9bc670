-- The contract's tables (../spec/extraction.md) plus provenance columns.
-- Every fact row carries page_no, start_char/end_char (offsets into pages.text of that
-- page) and evidence (the sentence it came from).
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    file_name VARCHAR,
    source_path VARCHAR,
    batch VARCHAR,
    sha256 VARCHAR,
    bytes BIGINT,
    n_pages INTEGER,
    status VARCHAR,          -- ok | partial | failed | duplicate
    error VARCHAR,
    duplicate_of VARCHAR,    -- doc_id of the first document with the same bytes
    doc_type VARCHAR,
    title VARCHAR,
    authority VARCHAR,
    document_date DATE,
    text_chars INTEGER,
    ocr_pages INTEGER,
    seconds DOUBLE,
    extracted_at TIMESTAMP,
    pipeline_version VARCHAR
);
CREATE TABLE IF NOT EXISTS pages (
    doc_id VARCHAR, page_no INTEGER, text VARCHAR, source VARCHAR, ocr_confidence DOUBLE
);
CREATE TABLE IF NOT EXISTS sections (
    doc_id VARCHAR, section_no INTEGER, heading VARCHAR, page_no INTEGER,
    start_char INTEGER, end_char INTEGER
);
CREATE TABLE IF NOT EXISTS tables (
    doc_id VARCHAR, page_no INTEGER, table_no INTEGER, row_no INTEGER,
    cells VARCHAR[], flags VARCHAR[]
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id VARCHAR, label VARCHAR, text VARCHAR, normalized VARCHAR, page_no INTEGER,
    start_char INTEGER, end_char INTEGER, sentence VARCHAR
);
CREATE TABLE IF NOT EXISTS parties (
    doc_id VARCHAR, name VARCHAR, canonical_name VARCHAR, role VARCHAR, page_no INTEGER,
    start_char INTEGER, end_char INTEGER, section VARCHAR, confidence DOUBLE, evidence VARCHAR
);
CREATE TABLE IF NOT EXISTS people (
    doc_id VARCHAR, name VARCHAR, role VARCHAR, page_no INTEGER,
    start_char INTEGER, end_char INTEGER, section VARCHAR, confidence DOUBLE, evidence VARCHAR
);
CREATE TABLE IF NOT EXISTS dates (
    doc_id VARCHAR, date DATE, role VARCHAR, text VARCHAR, page_no INTEGER,
    start_char INTEGER, end_char INTEGER, section VARCHAR, confidence DOUBLE, evidence VARCHAR
);
CREATE TABLE IF NOT EXISTS amounts (
    doc_id VARCHAR, amount_sek DOUBLE, text VARCHAR, period VARCHAR, price_year INTEGER,
    flags VARCHAR[], page_no INTEGER,
    start_char INTEGER, end_char INTEGER, section VARCHAR, confidence DOUBLE, evidence VARCHAR
);
CREATE TABLE IF NOT EXISTS volumes (
    doc_id VARCHAR, value DOUBLE, value_max DOUBLE, unit VARCHAR, unit_text VARCHAR,
    per VARCHAR, text VARCHAR, page_no INTEGER,
    start_char INTEGER, end_char INTEGER, section VARCHAR, confidence DOUBLE, evidence VARCHAR
);
CREATE TABLE IF NOT EXISTS durations (
    doc_id VARCHAR, value DOUBLE, unit VARCHAR, months DOUBLE, role VARCHAR, text VARCHAR,
    page_no INTEGER,
    start_char INTEGER, end_char INTEGER, section VARCHAR, confidence DOUBLE, evidence VARCHAR
);
CREATE TABLE IF NOT EXISTS identifiers (
    doc_id VARCHAR, kind VARCHAR, value VARCHAR, text VARCHAR, page_no INTEGER,
    start_char INTEGER, end_char INTEGER, section VARCHAR, confidence DOUBLE, evidence VARCHAR
);
CREATE TABLE IF NOT EXISTS contracts (
    doc_id VARCHAR, supplier VARCHAR, buyer VARCHAR, subject VARCHAR, start_date DATE,
    end_date DATE, decision VARCHAR, amount_per_year_sek DOUBLE, price_year INTEGER,
    notice_months DOUBLE
);
