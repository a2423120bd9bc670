"""Every file offered gets one documents row with a status and a reason a person
understands, and the good files in the same batch are loaded whole.

Each kind of bad file is written here (tests/pdfgen.py), not mocked: the batch runs
through the real process pool, with its memory limit and per-document timeout.
"""
from __future__ import annotations

import shutil

import duckdb
import pytest

import pdfgen
from pipeline.load import CHILD_TABLES
from pipeline.parse import ParseOptions
from pipeline.runner import RunOptions, run_batch
from pipeline.worker import WorkOptions

S0, S1, S2 = pdfgen.TEXT_SAMPLES[:3]

# file name -> (bytes, expected status, words the error must contain)
CASES = {
    "tom fil.pdf": (lambda: b"", "failed", ["empty file"]),
    "webbsida.pdf": (lambda: b"<!DOCTYPE html><html><head><title>404</title></head><body>Saknas</body></html>\n",
                     "failed", ["not a PDF", "HTML"]),
    "protokoll.docx.pdf": (lambda: b"PK\x03\x04\x14\x00\x06\x00" + pdfgen.random_bytes(3000, 2),
                           "failed", ["not a PDF", "ZIP"]),
    "brus.pdf": (lambda: pdfgen.random_bytes(5000), "failed", ["not a PDF"]),
    "avklippt.pdf": (lambda: pdfgen.truncated(S0), "failed", ["truncated"]),
    "bara huvud.pdf": (lambda: b"%PDF-1.7\n", "failed", ["truncated"]),
    "trasig xref.pdf": (lambda: pdfgen.broken_xref(S1), "ok", []),
    "förvanskad xref.pdf": (lambda: pdfgen.garbled_xref(S2), "ok", []),
    "inga sidor.pdf": (pdfgen.zero_pages, "failed", ["no pages"]),
    "lösenord.pdf": (lambda: pdfgen.encrypted("hemligt", "ägare"), "failed", ["encrypted: password required"]),
    "bara ägarlösen.pdf": (lambda: pdfgen.encrypted("", "ägare"), "ok", []),
    "trettio sidor.pdf": (lambda: pdfgen.many_pages(30), "partial", ["first 10 of 30 pages", "page limit"]),
    "bomb.pdf": (lambda: pdfgen.decompression_bomb(2048), "failed", ["out of memory", "1024 MB"]),
    "djupt nästlad.pdf": (lambda: pdfgen.deeply_nested(100_000), "ok", []),
    "djupt sidträd.pdf": (lambda: pdfgen.deep_page_tree(5000), "failed", ["damaged PDF"]),
    "självritande.pdf": (pdfgen.self_drawing_form, "ok", []),
    # good files under awkward names
    "Beslut om förlängning – Kontaktcenter 2021.pdf": (lambda: pdfgen.distinct_copy(S0, 1), "ok", []),
    "TJÄNSTESKRIVELSE ÅÄÖ.PDF": (lambda: S1.read_bytes(), "ok", []),
    "protokoll med  två mellanslag.Pdf": (lambda: S2.read_bytes(), "ok", []),
}
# Same bytes as an earlier file: sorted after it, so it is the second one seen.
DUPLICATE = ("Ö kopia av beslutet.pdf", "Beslut om förlängning – Kontaktcenter 2021.pdf")


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    box = raw / "inkorg"
    box.mkdir()
    for name, (make, _, _) in CASES.items():
        (box / name).write_bytes(make())
    shutil.copyfile(box / DUPLICATE[1], box / DUPLICATE[0])
    # A folder named like a PDF is not a document; a stray non-PDF file is not offered.
    (box / "bilagor.pdf").mkdir()
    (box / "bilagor.pdf" / "läsmig.txt").write_text("ingen pdf")
    db = tmp_path_factory.mktemp("db") / "bad.duckdb"
    summary = run_batch(RunOptions(
        raw=str(raw), db=str(db), workers=2, timeout=120, progress=False,
        work=WorkOptions(parse=ParseOptions(ocr=False, max_pages=10), memory_mb=1024),
    ))
    with duckdb.connect(str(db), read_only=True) as con:
        docs = {r[0]: r for r in con.execute(
            "SELECT file_name, status, error, doc_id, duplicate_of, n_pages FROM documents").fetchall()}
    return summary, raw, db, docs


@pytest.fixture()
def con(bad_batch):
    c = duckdb.connect(str(bad_batch[2]), read_only=True)
    yield c
    c.close()


def test_every_offered_file_has_exactly_one_row(bad_batch, con):
    docs = bad_batch[3]
    offered = set(CASES) | {DUPLICATE[0]}
    assert set(docs) == offered
    assert con.execute("SELECT count(*), count(DISTINCT source_path) FROM documents").fetchone() == (len(offered),) * 2
    assert "bilagor.pdf" not in docs


@pytest.mark.parametrize("name", sorted(CASES))
def test_status_and_reason(bad_batch, name):
    docs = bad_batch[3]
    _, status, words = CASES[name]
    file_name, got_status, error, *_ = docs[name]
    assert got_status == status, (name, got_status, error)
    for w in words:
        assert w in (error or ""), (name, error)
    if status in ("failed", "partial"):
        assert error and "\n" not in error and len(error) < 300
        assert "Traceback" not in error


def test_duplicate_points_at_first(bad_batch):
    docs = bad_batch[3]
    dup, first = docs[DUPLICATE[0]], docs[DUPLICATE[1]]
    assert dup[1] == "duplicate"
    assert dup[4] == first[3]
    assert first[3] in dup[2]


def test_good_files_loaded_whole(bad_batch, con):
    docs = bad_batch[3]
    for name, (_, status, _) in CASES.items():
        doc_id, n_pages = docs[name][3], docs[name][5]
        pages = con.execute("SELECT count(*), sum(length(text)) FROM pages WHERE doc_id = ?", [doc_id]).fetchone()
        if status == "ok":
            assert pages[0] == n_pages and pages[1] > 0, name
        elif status == "partial":
            assert pages[0] == 10 and n_pages == 30, name
        else:
            assert pages[0] == 0, name
    # the real documents among them yield facts, not just text
    good = [docs[n][3] for n in ("TJÄNSTESKRIVELSE ÅÄÖ.PDF", "bara ägarlösen.pdf", "trasig xref.pdf")]
    marks = ",".join("?" * len(good))
    assert con.execute(f"SELECT count(DISTINCT doc_id) FROM dates WHERE doc_id IN ({marks})", good).fetchone()[0] == 3


def test_child_rows_only_for_loaded_documents(con):
    for table in CHILD_TABLES:
        orphans = con.execute(
            f"SELECT count(*) FROM {table} t LEFT JOIN documents d USING (doc_id) "
            "WHERE d.doc_id IS NULL OR d.status NOT IN ('ok', 'partial')").fetchone()[0]
        assert orphans == 0, table


def test_summary_lists_failed_and_partial_with_reasons(bad_batch):
    summary, docs = bad_batch[0], bad_batch[3]
    listed = {path.rsplit("/", 1)[-1]: (status, error) for path, status, error in summary.problems}
    expected = {n for n, (_, st, _) in CASES.items() if st in ("failed", "partial")}
    assert set(listed) == expected
    for name, (status, error) in listed.items():
        assert status == docs[name][1] and error == docs[name][2]
    assert summary.statuses["duplicate"] == 1


def test_rerun_skips_everything(bad_batch):
    """Failed files are remembered too: an unchanged bad batch costs no work the second time."""
    first, raw, db, _ = bad_batch
    assert first.new == len(CASES) + 1
    again = run_batch(RunOptions(raw=str(raw), db=str(db), workers=2, progress=False,
                                 work=WorkOptions(parse=ParseOptions(ocr=False, max_pages=10), memory_mb=1024)))
    assert (again.new, again.skipped) == (0, len(CASES) + 1)
    assert again.rows == first.rows


def test_hanging_document_is_stopped_and_batch_goes_on(tmp_path):
    """2,000 pages of prose take minutes; the 3 s limit kills the child, the next file loads."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "lång.pdf").write_bytes(pdfgen.many_pages(2000))
    (raw / "kort.pdf").write_bytes(S1.read_bytes())
    db = tmp_path / "t.duckdb"
    run_batch(RunOptions(raw=str(raw), db=str(db), workers=2, timeout=3, progress=False,
                         work=WorkOptions(parse=ParseOptions(ocr=False))))
    con = duckdb.connect(str(db), read_only=True)
    rows = dict(con.execute("SELECT file_name, status || ': ' || coalesce(error, '') FROM documents").fetchall())
    con.close()
    assert rows["lång.pdf"] == "failed: timed out after 3 s (per-document limit)"
    assert rows["kort.pdf"].startswith("ok")
