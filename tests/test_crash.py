"""SIGKILL at any moment, and a second extract on the same database: the database
stays consistent and the batch completes. Real processes, real signals."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import duckdb
import psutil
import pytest

import pdfgen
from pipeline.load import CHILD_TABLES

ROOT = Path(__file__).resolve().parent.parent
COPIES = 24  # enough pages that a kill a second after the first commit finds the run busy


def extract(raw: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "extract", "--raw", str(raw), "--db", str(db),
            "--no-ocr", "--workers", "2", "--quiet", *extra]


def make_batch(raw: Path) -> dict[str, str]:
    """Copies of the text samples, each with its own bytes; file name -> sample it copies."""
    origin = {}
    for sample in pdfgen.TEXT_SAMPLES:
        for k in range(COPIES):
            name = f"{sample.stem}_kopia {k}.pdf"
            (raw / name).write_bytes(pdfgen.distinct_copy(sample, k))
            origin[name] = sample.name
    return origin


# Every process of a killed run carries this in its environment (the fork server and
# its workers inherit it), however it was started.
RUN_MARK = "MUNICIPAL_TEST_RUN"


def marked_env(mark: str) -> dict[str, str]:
    return {**os.environ, RUN_MARK: mark}


def wait_for_orphans(db: Path, mark: str, limit: float = 20.0) -> list[int]:
    """PIDs of processes of the run marked ``mark`` or running an extract on ``db``,
    still alive ``limit`` s after the run was killed."""
    deadline = time.monotonic() + limit
    while True:
        alive = []
        for p in psutil.process_iter(["pid", "cmdline"]):
            try:
                if p.status() == psutil.STATUS_ZOMBIE:
                    continue
                if str(db) in " ".join(p.info["cmdline"] or ()) or p.environ().get(RUN_MARK) == mark:
                    alive.append(p.pid)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


def check_consistent(db: Path, origin: dict[str, str]) -> dict[str, str]:
    """No half-loaded document, no duplicated rows; returns file name -> status."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if not tables:  # killed before the schema was committed: an empty database
            return {}
        assert {"documents", *CHILD_TABLES} <= tables, f"half a schema: {sorted(tables)}"
        docs = con.execute("SELECT doc_id, file_name, status, n_pages FROM documents").fetchall()
        assert len({d[0] for d in docs}) == len(docs) == len({d[1] for d in docs})
        loaded = {d[0]: d for d in docs if d[2] in ("ok", "partial")}
        counts: dict[str, dict[str, int]] = defaultdict(dict)
        for table in CHILD_TABLES:
            for doc_id, n in con.execute(f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id").fetchall():
                assert doc_id in loaded, f"{table} has rows of a document that is not loaded"
                counts[doc_id][table] = n
        for doc_id, (_, _, _, n_pages) in loaded.items():
            assert counts[doc_id].get("pages", 0) == n_pages, "pages missing or doubled"
        # Copies of one sample have the same text, so the same rows: a copy loaded twice
        # or half would stand out.
        by_sample: dict[str, set] = defaultdict(set)
        for doc_id, (_, name, _, _) in loaded.items():
            by_sample[origin[name]].add(tuple(sorted(counts[doc_id].items())))
        for sample, variants in by_sample.items():
            assert len(variants) == 1, f"copies of {sample} differ: {variants}"
        return {d[1]: d[2] for d in docs}
    finally:
        con.close()


# Creating the views after the schema also grows the log a little; a group of documents
# (their pages' text alone) grows it by far more.
COMMIT_GROWTH = 48 * 1024


def wait_for_first_commit(db: Path, proc: subprocess.Popen) -> bool:
    """True once documents are committed; False if the run ended first.

    The write-ahead log appears with the schema's commit; it grows again only when a
    group of documents is committed.
    """
    wal = Path(f"{db}.wal")
    base = None
    while proc.poll() is None:
        size = wal.stat().st_size if wal.exists() else None
        if base is None:
            base = size
        elif size is not None and size > base + COMMIT_GROWTH:
            return True
        time.sleep(0.01)
    return False


def kill(proc: subprocess.Popen, after: float) -> int:
    try:
        proc.wait(timeout=after)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    return proc.wait()


def test_sigkill_at_any_moment_then_rerun(tmp_path):
    raw, db = tmp_path / "raw", tmp_path / "kill.duckdb"
    raw.mkdir()
    origin = make_batch(raw)
    rng = random.Random()

    # First kill: mid-batch, a random moment after the first documents were committed.
    first = subprocess.Popen(extract(raw, db), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=marked_env("first"))
    committed = wait_for_first_commit(db, first)
    delay = rng.uniform(0.0, 1.0)
    rc1 = kill(first, delay)
    assert wait_for_orphans(db, "first") == [], "workers outlived the killed extract"
    loaded = check_consistent(db, origin)
    print(f"killed {delay:.2f} s after the first commit (rc {rc1}): {len(loaded)} of {len(origin)} loaded")
    if committed:
        assert loaded, "a committed document was lost"

    # Second kill: any moment from start-up on (opening the database, replaying its
    # log, building the pipeline, mid-batch).
    delay = rng.uniform(0.3, 3.0)
    second = subprocess.Popen(extract(raw, db), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=marked_env("second"))
    rc2 = kill(second, delay)
    assert wait_for_orphans(db, "second") == [], f"workers outlived the killed extract (delay {delay:.2f} s)"
    again = check_consistent(db, origin)
    assert set(loaded) <= set(again)
    print(f"killed {delay:.2f} s after start (rc {rc2}): {len(again)} of {len(origin)} loaded")
    assert -signal.SIGKILL in (rc1, rc2), "the batch finished before any kill: make it bigger"

    done = subprocess.run(extract(raw, db), cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    statuses = check_consistent(db, origin)
    assert statuses == {name: "ok" for name in origin}

    rerun = subprocess.run(extract(raw, db), cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0 and rerun.stdout.startswith("nothing to do"), rerun.stdout


def _wait_until_locked(db: Path, proc: subprocess.Popen, limit: float = 120.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the first extract ended before it was seen holding the lock"
        try:
            duckdb.connect(str(db), read_only=True).close()
        except duckdb.Error as exc:
            if "lock" in str(exc).lower():
                return
        time.sleep(0.2)
    raise AssertionError("the first extract never took the database")


def test_second_extract_refuses_or_waits(tmp_path):
    big, small, db = tmp_path / "big", tmp_path / "small", tmp_path / "shared.duckdb"
    big.mkdir()
    small.mkdir()
    # Minutes of work: the first run is certainly still going while the others try.
    (big / "tvåtusen sidor.pdf").write_bytes(pdfgen.many_pages(2000))
    (small / "beslut.pdf").write_bytes(pdfgen.TEXT_SAMPLES[1].read_bytes())
    # --lock-wait: the probe below opens the file for a moment and must not make it give up.
    first = subprocess.Popen(extract(big, db, "--workers", "1", "--timeout", "600", "--lock-wait", "60"), cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    waiter = None
    try:
        _wait_until_locked(db, first)

        refused = subprocess.run(extract(small, db), cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert refused.returncode == 3
        assert "in use by another process" in refused.stderr and "Traceback" not in refused.stderr

        query = subprocess.run([sys.executable, "-m", "pipeline", "sql", "SELECT 1", "--db", str(db)],
                               cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert query.returncode == 3 and "in use by another process" in query.stderr

        waiter = subprocess.Popen(extract(small, db, "--lock-wait", "300"), cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(2)  # let it reach the lock; it must not give up or write meanwhile
        assert waiter.poll() is None
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    out, err = waiter.communicate(timeout=300)
    assert waiter.returncode == 0, err
    assert "1 processed (1 ok" in out
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT file_name, status FROM documents").fetchall()
    finally:
        con.close()
    assert rows == [("beslut.pdf", "ok")]


def test_a_worker_ends_with_the_extract_that_started_it_whoever_its_parent_is():
    # a worker's parent is the fork server, not the extract: the death signal of its
    # parent does not reach it, so it watches the extract itself
    extract_stand_in = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(1.5)"])
    code = ("import sys, time\nfrom pipeline.worker import init_worker\n"
            "init_worker(None, int(sys.argv[1]))\ntime.sleep(60)\nprint('outlived the extract')")
    t0 = time.monotonic()
    worker = subprocess.run([sys.executable, "-c", code, str(extract_stand_in.pid)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    extract_stand_in.wait()
    assert worker.returncode != 0 and "outlived" not in worker.stdout
    assert time.monotonic() - t0 < 30
