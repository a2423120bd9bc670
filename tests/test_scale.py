"""Scale-out: serial, process pool and Dask give the same database; --raw may be an S3 URL.

The comparisons run on a copy of the sample batch without the scanned PDF: OCR costs
20+ s a page and adds nothing to what is compared here (which executor ran the work,
where the bytes came from). The scanned file's OCR is covered by the parse tests.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT, SAMPLE
from pipeline.executors import WorkFailed
from pipeline.ingest import discover
from pipeline.runner import RunOptions, run_batch

pytest.importorskip("distributed")

# Columns that say when or how fast, not what was extracted.
VOLATILE = {"extracted_at", "seconds"}


@pytest.fixture(scope="module")
def text_batch(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("textraw")
    shutil.copytree(SAMPLE, raw / "sample", ignore=shutil.ignore_patterns("*scanned*"))
    assert len(list((raw / "sample").glob("*.pdf"))) >= 4
    return raw


def table_rows(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows without volatile columns, sorted, so run order does not matter."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
        for t in tables:
            cols = [r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' "
                "AND table_name = ? ORDER BY ordinal_position", [t]).fetchall() if r[0] not in VOLATILE]
            rows = con.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{t}"').fetchall()
            out[t] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def assert_same_rows(a: dict, b: dict, what: str) -> None:
    assert a.keys() == b.keys(), what
    for table in a:
        assert len(a[table]) == len(b[table]), f"{what}: {table} has {len(a[table])} vs {len(b[table])} rows"
        assert a[table] == b[table], f"{what}: rows of {table} differ"


@pytest.fixture(scope="module")
def serial_rows(text_batch, tmp_path_factory) -> dict[str, list[tuple]]:
    db = tmp_path_factory.mktemp("serial") / "serial.duckdb"
    s = run_batch(RunOptions(raw=str(text_batch), db=str(db), executor="serial", progress=False))
    assert s.statuses["ok"] == len(list(discover(text_batch))) and not s.problems
    rows = table_rows(db)
    # an empty database would compare equal to another empty one
    for table in ("documents", "pages", "mentions", "dates", "parties", "volumes"):
        assert rows[table], f"serial run wrote no {table}"
    return rows


@pytest.mark.slow
def test_serial_process_pool_and_dask_hold_the_same_rows(text_batch, serial_rows, tmp_path):
    for executor in ("process", "dask"):
        db = tmp_path / f"{executor}.duckdb"
        s = run_batch(RunOptions(raw=str(text_batch), db=str(db), executor=executor, workers=2, progress=False))
        assert s.new == len(serial_rows["documents"]) and not s.problems, executor
        assert_same_rows(serial_rows, table_rows(db), f"serial vs {executor}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def s3_batch(text_batch, monkeypatch):
    """The batch uploaded to a moto S3 server on loopback; yields its s3:// URL.

    The endpoint reaches s3fs the standard way (AWS_ENDPOINT_URL), as it would on
    a cluster with MinIO or Ceph; credentials are dummies moto accepts.
    """
    pytest.importorskip("s3fs")
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    env = {
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    for k in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
        monkeypatch.delenv(k, raising=False)
    try:
        import fsspec

        fs = fsspec.filesystem("s3", skip_instance_cache=True)
        fs.mkdir("municipal")
        for pdf in sorted(text_batch.rglob("*.pdf")):
            fs.put_file(str(pdf), f"municipal/archive/{pdf.relative_to(text_batch).as_posix()}")
        yield "s3://municipal/archive"
    finally:
        server.stop()


@pytest.mark.slow
def test_extract_reads_the_batch_from_s3_with_dask_workers(s3_batch, serial_rows, text_batch, tmp_path):
    local = {s.rel_path: s for s in discover(text_batch)}
    remote = {s.rel_path: s for s in discover(s3_batch)}
    assert remote.keys() == local.keys()
    for rel, src in remote.items():
        assert src.path == f"{s3_batch}/{rel}"
        assert (src.doc_id, src.sha256, src.bytes, src.batch) == (
            local[rel].doc_id, local[rel].sha256, local[rel].bytes, local[rel].batch)

    # through the command line, as an operator runs it: Dask workers fetch the PDFs
    db = tmp_path / "s3.duckdb"
    cmd = [sys.executable, "-m", "pipeline", "extract", "--raw", s3_batch, "--db", str(db),
           "--executor", "dask", "--workers", "2", "--quiet"]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=os.environ.copy(), timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert f"{len(local)} ok" in out.stdout, out.stdout
    assert_same_rows(serial_rows, table_rows(db), "local vs s3")


def test_a_remote_file_changed_since_listing_fails_with_a_reason(text_batch):
    from dataclasses import replace

    from pipeline.parse import parse_pdf

    src = next(discover(text_batch))
    url = replace(src, path=Path(src.path).resolve().as_uri())
    assert parse_pdf(url).status == "ok"
    stale = parse_pdf(replace(url, sha256="0" * 64))
    assert stale.status == "failed" and "changed since it was listed" in stale.error
    gone = parse_pdf(replace(url, path=url.path + ".missing"))
    assert gone.status == "failed" and "not found" in gone.error


def test_a_missing_raw_url_is_an_error_not_a_traceback(tmp_path):
    cmd = [sys.executable, "-m", "pipeline", "extract", "--raw", (tmp_path / "nope").as_uri(),
           "--db", str(tmp_path / "x.duckdb"), "--quiet"]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 2 and "not found" in out.stderr and "Traceback" not in out.stderr


# --- the Dask executor itself, with plain functions (no PDFs) -----------------------

def _square(x: int) -> int:
    return x * x


def _die_once(arg: tuple[str, int]) -> int:
    """Kill the worker process the first time an item is seen (a marker file remembers)."""
    marker, x = arg
    if not os.path.exists(marker):
        open(marker, "w").close()
        os._exit(1)
    return x


def _always_die(x: int) -> int:
    os._exit(1)


@pytest.fixture()
def by_value():
    # spawned Dask workers may not have tests/ on their path: ship these functions whole
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    yield
    cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


@pytest.mark.slow
def test_dask_map_streams_with_a_bounded_window(by_value):
    from pipeline.dask_executor import PER_THREAD, dask_map

    pulled = []

    def items():
        for i in range(40):
            pulled.append(i)
            yield i

    got = []
    for item, result in dask_map(_square, items(), workers=2):
        if not got:
            # the first result arrives before the batch has been read: memory stays flat
            assert len(pulled) <= PER_THREAD * 2
        got.append((item, result))
        assert len(pulled) - len(got) <= PER_THREAD * 2
    assert sorted(got) == [(i, i * i) for i in range(40)]


@pytest.mark.slow
def test_dask_map_survives_a_worker_that_dies_and_reports_one_that_always_dies(tmp_path, by_value):
    import dask

    from pipeline.dask_executor import dask_map

    items = [(str(tmp_path / f"m{i}"), i) for i in range(3)]
    got = dict(dask_map(_die_once, items, workers=2))
    assert {k[1]: v for k, v in got.items()} == {0: 0, 1: 1, 2: 2}
    assert all(os.path.exists(m) for m, _ in items)  # each one really killed a worker

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        failed = list(dask_map(_always_die, [7], workers=1))
    assert len(failed) == 1 and isinstance(failed[0][1], WorkFailed)
    assert "died" in str(failed[0][1])


def _hang(x: int) -> int:
    import time

    time.sleep(600)
    return x


@pytest.mark.slow
def test_dask_map_gives_up_on_a_document_past_the_time_limit(by_value):
    import time

    import dask

    from pipeline.dask_executor import dask_map

    t0 = time.monotonic()
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        got = list(dask_map(_hang, [1], workers=1, timeout=2))
    assert len(got) == 1 and isinstance(got[0][1], WorkFailed), got
    assert "time limit" in str(got[0][1])
    assert time.monotonic() - t0 < 60


# --- one machine: the process pool the runner uses by default ------------------------

def _pid_after_a_while(x: int) -> tuple[int, int]:
    import time

    time.sleep(0.2)
    return x, os.getpid()


def test_process_pool_uses_every_core_by_default_and_streams():
    from pipeline.executors import WINDOW_PER_WORKER, process_pool
    from pipeline.runner import RunOptions

    assert RunOptions(raw="r", db="d").executor == "process" and RunOptions(raw="r", db="d").workers is None
    cores = len(os.sched_getaffinity(0))
    pulled = []

    def items():
        for i in range(6 * cores):
            pulled.append(i)
            yield i

    got = []
    for item, (x, pid) in process_pool(_pid_after_a_while, items()):
        got.append((item, pid))
        # never more than a small window ahead of the writer, however long the batch
        assert len(pulled) - len(got) <= WINDOW_PER_WORKER * cores
    assert sorted(i for i, _ in got) == list(range(6 * cores))
    assert len({pid for _, pid in got}) == cores


def _env_and_folder(_x: int) -> tuple[str | None, str]:
    return os.environ.get("MUNICIPAL_TEST_MARK"), os.getcwd()


def test_workers_forked_from_the_fork_server_see_the_present_environment_and_folder(tmp_path, monkeypatch):
    # The fork server keeps the environment and folder it started with; a second batch
    # in the same process (a notebook) must still run with the ones of its own time.
    import functools

    from pipeline.executors import process_pool
    from pipeline.worker import init_worker

    seen = []
    for mark in ("first", "second"):
        folder = tmp_path / mark
        folder.mkdir()
        monkeypatch.setenv("MUNICIPAL_TEST_MARK", mark)
        monkeypatch.chdir(folder)
        init = functools.partial(init_worker, None, os.getpid(), dict(os.environ), os.getcwd())
        seen += [r for _, r in process_pool(_env_and_folder, [0], workers=1, initializer=init,
                                            preload=("pipeline.zygote",))]
    assert seen == [("first", str(tmp_path / "first")), ("second", str(tmp_path / "second"))]


def test_the_fork_server_imports_spacy_without_its_command_line_which_still_works():
    import subprocess
    import sys

    code = (
        "import sys, pipeline.zygote, spacy\n"
        "print(sorted(m for m in ('typer', 'weasel', 'spacy.cli') if m in sys.modules))\n"
        "from pipeline.extract import get_nlp\n"
        "print(len(get_nlp()('Avtalet gäller från den 1 januari 2026.')))\n"
        "print(spacy.info(silent=True)['spacy_version'] == spacy.__version__)\n"
        "import spacy.cli\n"
        "print(callable(spacy.cli.download))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:4] == ["[]", "8", "True", "True"]
