"""`python -m pipeline sql`: analysts read; nothing they type changes the database or
writes a file."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent


def sql(db: Path, query: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "sql", query, "--db", str(db), *extra],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.fixture()
def db(tmp_path) -> Path:
    """A small database of the pipeline's own schema (built by the Store, no PDFs needed)."""
    from pipeline.load import Store

    path = tmp_path / "a.duckdb"
    with Store(path) as store:
        store.con.execute(
            "INSERT INTO documents (doc_id, file_name, status, error) VALUES "
            "('a1', 'Beslut, 2021.pdf', 'ok', NULL), ('b2', 'tom.pdf', 'failed', 'empty file (0 bytes)')")
        store.con.execute("INSERT INTO pages (doc_id, page_no, text, source) VALUES ('a1', 1, 'Hej \"åäö\"', 'text')")
    return path


def snapshot(db: Path) -> list:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SHOW TABLES").fetchall()]
        return [(t, con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()) for t in tables]
    finally:
        con.close()


def test_formats(db):
    q = "SELECT doc_id, file_name, status, error FROM documents ORDER BY doc_id"
    table = sql(db, q)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["doc_id", "file_name", "status", "error"]
    assert "empty file (0 bytes)" in table.stdout and lines[-1] == "(2 rows)"

    rows = list(csv.reader(io.StringIO(sql(db, q, "--format", "csv").stdout)))
    assert rows == [["doc_id", "file_name", "status", "error"], ["a1", "Beslut, 2021.pdf", "ok", ""],
                    ["b2", "tom.pdf", "failed", "empty file (0 bytes)"]]

    data = json.loads(sql(db, "SELECT page_no, text FROM pages", "--format", "json").stdout)
    assert data == [{"page_no": 1, "text": 'Hej "åäö"'}]


@pytest.mark.parametrize("query", [
    "INSERT INTO documents (doc_id, status) VALUES ('x', 'ok')",
    "DELETE FROM pages",
    "UPDATE documents SET status = 'ok'",
    "DROP TABLE pages",
    "CREATE TABLE t AS SELECT 1",
    "ATTACH '{dir}/other.duckdb' AS other",
    "COPY documents TO '{dir}/out.csv'",
    "EXPORT DATABASE '{dir}/export'",
    "SELECT 1; DELETE FROM pages",
    "SET lock_configuration = false",
    "INSTALL httpfs",
    "CHECKPOINT",
])
def test_changes_are_refused(db, query):
    before = snapshot(db)
    files = set(db.parent.iterdir())
    result = sql(db, query.format(dir=db.parent))
    assert result.returncode == 2
    assert result.stderr.startswith("error: refused") and "Traceback" not in result.stderr
    assert snapshot(db) == before
    assert set(db.parent.iterdir()) == files


def test_reading_files_outside_the_database_is_off(db, tmp_path):
    (tmp_path / "x.csv").write_text("a\n1\n")
    result = sql(db, f"SELECT * FROM read_csv('{tmp_path}/x.csv')")
    assert result.returncode == 1 and result.stderr.startswith("error:")


def test_sql_error_and_missing_database(db, tmp_path):
    bad = sql(db, "SELECT nope FROM documents")
    assert bad.returncode == 1 and bad.stderr.startswith("error:") and "Traceback" not in bad.stderr
    missing = sql(tmp_path / "none.duckdb", "SELECT 1")
    assert missing.returncode == 2 and "database not found" in missing.stderr
    assert not (tmp_path / "none.duckdb").exists()
