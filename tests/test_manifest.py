"""A run with nothing to do answers from the manifest, and only while it is true."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline import manifest
from pipeline.runner import RunOptions, run_batch

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "raw" / "sample"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("manifest")
    raw = tmp / "raw"
    raw.mkdir()
    for name in ("000_7f2fc2e1f45aab5b.pdf", "002_1900549f2ee016df.pdf"):
        shutil.copy(SAMPLE / name, raw / name)
    db = tmp / "m.duckdb"
    first = run_batch(RunOptions(raw=str(raw), db=str(db), progress=False, executor="serial"))
    assert first.new == 2
    return raw, db, first


def test_a_rerun_reads_no_database(loaded):
    raw, db, first = loaded
    code = (
        "import sys\n"
        "from pipeline.runner import RunOptions, run_batch\n"
        f"s = run_batch(RunOptions(raw={str(raw)!r}, db={str(db)!r}, progress=False))\n"
        "print(s.new, s.skipped, s.rows['documents'], s.rows['dates'], 'duckdb' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["0", "2", "2", str(first.rows["dates"]), "False"]


def test_a_database_changed_by_another_hand_is_asked(loaded, tmp_path):
    raw, db, _ = loaded
    copy = tmp_path / "c.duckdb"
    shutil.copy2(db, copy)  # same size and modification time: the manifest still holds
    shutil.copy(manifest.path_for(db), manifest.path_for(copy))
    assert manifest.read(copy) is not None
    con = duckdb.connect(str(copy))
    doc_id = con.execute("SELECT doc_id FROM documents ORDER BY doc_id LIMIT 1").fetchone()[0]
    for table in ("dates", "documents"):
        con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
    con.close()
    assert manifest.read(copy) is None
    again = run_batch(RunOptions(raw=str(raw), db=str(copy), progress=False, executor="serial"))
    assert (again.new, again.skipped) == (1, 1)


def test_a_changed_pdf_is_read_again(loaded, tmp_path):
    raw, db, _ = loaded
    raw2 = tmp_path / "raw"
    shutil.copytree(raw, raw2)
    shutil.copy(SAMPLE / "001_62d12ed7b24e347c.pdf", raw2 / "000_7f2fc2e1f45aab5b.pdf")  # new bytes, same name
    copy = tmp_path / "c.duckdb"
    shutil.copy(db, copy)
    again = run_batch(RunOptions(raw=str(raw2), db=str(copy), progress=False, executor="serial"))
    assert (again.new, again.skipped) == (1, 1)


def test_an_unreadable_manifest_is_ignored(tmp_path):
    db = tmp_path / "x.duckdb"
    db.write_bytes(b"")
    manifest.path_for(db).write_text("{not json", encoding="utf-8")
    assert manifest.read(db) is None
