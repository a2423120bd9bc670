"""The whole pipeline on the real sample batch: ingest, parse, extract, load, re-runs."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

import duckdb
import pytest

from conftest import ROOT, SAMPLE
from pipeline import __version__
from pipeline.ingest import discover
from pipeline.parse import parse_pdf
from pipeline.runner import RunOptions, run_batch

CONTRACT_COLUMNS = {
    "documents": "doc_id, file_name, source_path, batch, sha256, bytes, n_pages, status, error, doc_type, title, authority, document_date, text_chars, ocr_pages, extracted_at, pipeline_version",
    "pages": "doc_id, page_no, text, source",
    "mentions": "doc_id, label, text, normalized, page_no, start_char, end_char, sentence",
    "parties": "doc_id, name, canonical_name, role, page_no, evidence",
    "people": "doc_id, name, role, page_no, evidence",
    "dates": "doc_id, date, role, text, page_no, evidence",
    "amounts": "doc_id, amount_sek, text, period, price_year, flags, page_no, evidence",
    "volumes": "doc_id, value, value_max, unit, unit_text, per, text, page_no, evidence",
    "durations": "doc_id, value, unit, months, role, text, page_no, evidence",
    "identifiers": "doc_id, kind, value, text, page_no, evidence",
    "contracts": "doc_id, supplier, buyer, subject, start_date, end_date, decision, amount_per_year_sek, price_year, notice_months",
}
SAMPLE_PDFS = sorted(p.name for p in SAMPLE.glob("*.pdf"))


def test_ingest_finds_every_pdf_with_hash_and_batch(sample_raw):
    found = list(discover(sample_raw))
    assert sorted(s.file_name for s in found) == SAMPLE_PDFS
    for s in found:
        data = (sample_raw / s.rel_path).read_bytes()
        assert s.sha256 == hashlib.sha256(data).hexdigest()
        assert s.bytes == len(data)
        assert s.batch == "sample"
    assert len({s.doc_id for s in found}) == len(found)


def test_parse_reads_pages_and_marks_the_running_footer(sample_raw):
    src = next(s for s in discover(sample_raw) if s.file_name.startswith("002_"))
    parsed = parse_pdf(src)
    assert parsed.status == "ok" and parsed.n_pages == 3 and len(parsed.pages) == 3
    first = parsed.pages[0]
    assert "Förslag till social- och omsorgsnämndens beslut" in first.text
    assert "31 mars 2026" in first.text
    footer = [first.text[s:e] for s, e in first.boilerplate]
    assert any("Organisationsnummer 212000-0449" in line for line in footer)
    # the body is not boilerplate
    assert not any("Förslag till" in line for line in footer)


def test_every_contract_table_exists_with_its_columns(sample_con):
    for table, cols in CONTRACT_COLUMNS.items():
        have = {r[0] for r in sample_con.execute(f"DESCRIBE {table}").fetchall()}
        missing = {c.strip() for c in cols.split(",")} - have
        assert not missing, f"{table} lacks {missing}"


def test_one_documents_row_per_sample_pdf(sample_con):
    rows = sample_con.execute(
        "SELECT file_name, status, n_pages, batch, pipeline_version FROM documents ORDER BY file_name").fetchall()
    assert [r[0] for r in rows] == SAMPLE_PDFS
    for name, status, n_pages, batch, version in rows:
        assert status in ("ok", "partial"), name
        assert n_pages >= 3 and batch == "sample" and version == __version__
    pages = dict(sample_con.execute("SELECT doc_id, count(*) FROM pages GROUP BY doc_id").fetchall())
    for doc_id, n_pages in sample_con.execute("SELECT doc_id, n_pages FROM documents").fetchall():
        assert pages[doc_id] == n_pages


def test_facts_point_at_their_text(sample_con):
    """Every fact's page and offsets find its text in the stored page."""
    checked = 0
    for table in ("dates", "amounts", "volumes", "durations", "identifiers", "mentions"):
        rows = sample_con.execute(
            f"SELECT t.text, t.page_no, t.start_char, t.end_char, p.text FROM {table} t "
            "JOIN pages p ON p.doc_id = t.doc_id AND p.page_no = t.page_no").fetchall()
        for text, page_no, start, end, page_text in rows:
            assert page_text[start:end] == text, (table, text, page_no)
            checked += 1
    assert checked > 0


def test_dates_and_amounts_are_found(sample_con):
    dates = {r[0].isoformat() for r in sample_con.execute(
        "SELECT d.date FROM dates d JOIN documents USING (doc_id) WHERE file_name LIKE '002_%'").fetchall()}
    assert {"2026-01-01", "2026-03-31", "2025-12-31"} <= dates
    amounts = {r[0] for r in sample_con.execute(
        "SELECT a.amount_sek FROM amounts a JOIN documents USING (doc_id) WHERE file_name LIKE '001_%'").fetchall()}
    assert 1827000 in amounts


@pytest.fixture()
def small_batch(tmp_path):
    """Two text PDFs of the sample (no OCR: fast to reprocess)."""
    raw = tmp_path / "raw"
    (raw / "b1").mkdir(parents=True)
    for name in SAMPLE_PDFS[1:3]:
        shutil.copy(SAMPLE / name, raw / "b1" / name)
    return raw


def test_rerun_skips_unchanged_and_new_version_reprocesses(small_batch, tmp_path):
    db = tmp_path / "x.duckdb"
    opts = RunOptions(raw=str(small_batch), db=str(db), progress=False, workers=1)
    first = run_batch(opts)
    assert first.new == 2 and first.skipped == 0
    again = run_batch(opts)
    assert again.new == 0 and again.skipped == 2
    assert again.rows == first.rows
    forced = run_batch(RunOptions(raw=str(small_batch), db=str(db), progress=False, workers=1, force=True))
    assert forced.new == 2 and forced.rows == first.rows  # replaced, not doubled
    con = duckdb.connect(str(db))
    con.execute("UPDATE documents SET pipeline_version = '0.0.0-old' WHERE file_name = ?", [SAMPLE_PDFS[1]])
    con.close()
    upgraded = run_batch(opts)
    assert upgraded.new == 1 and upgraded.skipped == 1 and upgraded.rows == first.rows


def test_changed_file_is_reprocessed_in_place(small_batch, tmp_path):
    db = tmp_path / "x.duckdb"
    opts = RunOptions(raw=str(small_batch), db=str(db), progress=False, workers=1)
    run_batch(opts)
    target = small_batch / "b1" / SAMPLE_PDFS[1]
    shutil.copy(SAMPLE / SAMPLE_PDFS[4], target)  # new content under the old name
    s = run_batch(opts)
    assert s.new == 1 and s.skipped == 1
    con = duckdb.connect(str(db), read_only=True)
    (n,) = con.execute("SELECT count(*) FROM documents WHERE file_name = ?", [SAMPLE_PDFS[1]]).fetchone()
    (sha,) = con.execute("SELECT sha256 FROM documents WHERE file_name = ?", [SAMPLE_PDFS[1]]).fetchone()
    con.close()
    assert n == 1 and sha == hashlib.sha256(target.read_bytes()).hexdigest()


def test_cli_second_run_parses_nothing_and_says_so(small_batch, tmp_path):
    db = tmp_path / "cli.duckdb"
    cmd = [sys.executable, "-m", "pipeline", "extract", "--raw", str(small_batch), "--db", str(db), "--quiet"]
    first = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    assert "2 processed" in first.stdout and "rows:" in first.stdout
    second = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert second.returncode == 0
    assert "nothing to do" in second.stdout and "2 document(s) already loaded" in second.stdout


def test_cli_help_and_bad_raw_folder(tmp_path):
    out = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "extract" in out.stdout and "eval" in out.stdout
    bad = subprocess.run([sys.executable, "-m", "pipeline", "extract", "--raw", str(tmp_path / "nope"),
                          "--db", str(tmp_path / "x.duckdb")], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode != 0 and "raw folder not found" in bad.stderr


def test_an_unreadable_file_gets_a_failed_row_and_the_batch_goes_on(small_batch, tmp_path, monkeypatch):
    import pipeline.ingest as ingest

    # As root no permission bit makes a file unreadable, so the read itself fails here.
    real = ingest.sha256_of
    victim = SAMPLE_PDFS[1]

    def sha256_of(path):
        if path.name == victim:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(ingest, "sha256_of", sha256_of)
    db = tmp_path / "x.duckdb"
    s = run_batch(RunOptions(raw=str(small_batch), db=str(db), progress=False, workers=1))
    assert s.statuses["failed"] == 1 and s.statuses["ok"] == 1
    con = duckdb.connect(str(db), read_only=True)
    rows = dict(con.execute("SELECT file_name, status || ': ' || coalesce(error, '') FROM documents").fetchall())
    con.close()
    assert rows[victim] == "failed: cannot read the file: Permission denied"
    assert rows[SAMPLE_PDFS[2]].startswith("ok")


def test_a_component_that_fails_costs_only_its_own_facts(monkeypatch):
    from pipeline.extract import extract_document, get_nlp
    from pipeline.records import Page, ParsedDocument, SourceFile

    nlp = get_nlp()
    broken = dict(nlp.pipeline)["muni_people"]

    def boom(doc):
        raise IndexError("list index out of range")

    monkeypatch.setattr(nlp, "_components", [(n, boom if p is broken else p) for n, p in nlp._components])
    src = SourceFile(doc_id="x1", path="/x.pdf", rel_path="b/x.pdf", file_name="x.pdf", batch="b",
                     sha256="2" * 64, bytes=1)
    text = "Socialnämnden beslutar att avtalet med Humana AB förlängs till och med 2026-12-31.\n\nAnna Berg\nSocialchef"
    result = extract_document(ParsedDocument(source=src, pages=[Page(1, text)], n_pages=1, status="ok"), nlp)
    assert result.document["status"] == "partial"
    assert "muni_people failed on this text (IndexError: list index out of range)" in result.document["error"]
    assert [r["date"] for r in result.rows["dates"]] == ["2026-12-31"]
    assert result.rows["people"] == []
