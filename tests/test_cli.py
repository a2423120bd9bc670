"""The extract command's exit status and end-of-run summary, as a person sees them."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

import pdfgen

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def test_batch_with_failed_documents_exits_0_and_lists_them(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "bra beslut.pdf").write_bytes(pdfgen.TEXT_SAMPLES[0].read_bytes())
    (raw / "tom.pdf").write_bytes(b"")
    (raw / "sida.pdf").write_bytes(b"<html><body>inte en pdf</body></html>")
    (raw / "låst.pdf").write_bytes(pdfgen.encrypted("hemligt", "ägare"))
    db = tmp_path / "c.duckdb"
    first = run("extract", "--raw", str(raw), "--db", str(db), "--no-ocr", "--workers", "1", "--quiet")
    assert first.returncode == 0, first.stderr
    out = first.stdout
    assert "4 processed (1 ok, 0 partial, 3 failed, 0 duplicate)" in out
    assert "failed   tom.pdf: empty file (0 bytes)" in out
    assert "failed   sida.pdf: not a PDF: the file is an HTML page" in out
    assert "failed   låst.pdf: encrypted: password required" in out

    second = run("extract", "--raw", str(raw), "--db", str(db), "--quiet")
    assert second.returncode == 0
    assert second.stdout.startswith("nothing to do: 4 document(s) already loaded")


def test_run_that_cannot_proceed_exits_non_zero(tmp_path):
    missing = run("extract", "--raw", str(tmp_path / "finns inte"), "--db", str(tmp_path / "x.duckdb"))
    assert missing.returncode == 2 and "raw folder not found" in missing.stderr

    bad_arg = run("extract", "--raw", str(tmp_path), "--workers", "0")
    assert bad_arg.returncode == 2 and "--workers" in bad_arg.stderr

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.pdf").write_bytes(pdfgen.TEXT_SAMPLES[0].read_bytes())

    not_db = tmp_path / "not a database.duckdb"
    not_db.write_text("anteckningar")
    wrong = run("extract", "--raw", str(raw), "--db", str(not_db), "--quiet")
    assert wrong.returncode == 2 and "cannot open database" in wrong.stderr and "Traceback" not in wrong.stderr
    assert not_db.read_text() == "anteckningar"

    db = tmp_path / "held.duckdb"
    holder = duckdb.connect(str(db))  # another writer holds the file
    try:
        locked = run("extract", "--raw", str(raw), "--db", str(db), "--quiet", "--lock-wait", "1")
    finally:
        holder.close()
    assert locked.returncode == 3
    assert "in use by another process (waited 1 s)" in locked.stderr and "Traceback" not in locked.stderr


def test_nothing_to_do_loads_neither_spacy_nor_pandas(tmp_path):
    """The unchanged re-run is the common case in production: it hashes and compares only."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.pdf").write_bytes(pdfgen.TEXT_SAMPLES[0].read_bytes())
    db = tmp_path / "n.duckdb"
    assert run("extract", "--raw", str(raw), "--db", str(db), "--no-ocr", "--workers", "1", "--quiet").returncode == 0
    probe = ("import sys; from pipeline.cli import main; "
             f"rc = main(['extract', '--raw', {str(raw)!r}, '--db', {str(db)!r}, '--quiet']); "
             "print(rc, sorted(m for m in ('spacy', 'pandas', 'pdfplumber') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.splitlines()[0].startswith("nothing to do")
    assert out.stdout.splitlines()[-1] == "0 []", out.stdout + out.stderr
