"""Fuzz: mutated sample PDFs (byte flips, truncations, splices, deletions), run as one
batch through the real process pool. No case may escape as an unhandled exception,
and every case gets exactly one documents row."""
from __future__ import annotations

import re

import duckdb
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import pdfgen
from pipeline.parse import ParseOptions
from pipeline.runner import RunOptions, run_batch
from pipeline.worker import WorkOptions

SAMPLES = [p.read_bytes() for p in pdfgen.TEXT_SAMPLES]
CASES = 25
# A failure reason that is just a Python exception's name means nothing caught it.
RAW_EXCEPTION = re.compile(r"^[A-Z]\w*(Error|Exception|Exit|Interrupt)\b")

position = st.floats(min_value=0.0, max_value=1.0)
mutation = st.one_of(
    st.tuples(st.just("flip"), position, st.integers(1, 255)),
    st.tuples(st.just("truncate"), position),
    st.tuples(st.just("splice"), position, st.integers(0, len(SAMPLES) - 1), position, st.integers(1, 4096)),
    st.tuples(st.just("delete"), position, st.integers(1, 4096)),
    st.tuples(st.just("zero"), position, st.integers(1, 512)),
)
case = st.tuples(st.integers(0, len(SAMPLES) - 1), st.lists(mutation, min_size=1, max_size=5))


def mutate(data: bytes, ops) -> bytes:
    buf = bytearray(data)
    for op in ops:
        at = int(op[1] * max(len(buf) - 1, 0))
        if op[0] == "flip" and buf:
            buf[at] ^= op[2]
        elif op[0] == "truncate":
            del buf[at:]
        elif op[0] == "splice":
            other = SAMPLES[op[2]]
            start = int(op[3] * (len(other) - 1))
            buf[at:at] = other[start:start + op[4]]
        elif op[0] == "delete":
            del buf[at:at + op[2]]
        elif op[0] == "zero":
            buf[at:at + op[2]] = bytes(len(buf[at:at + op[2]]))
    return bytes(buf)


def generate_cases(n: int) -> list:
    """``n`` cases drawn by hypothesis, one per example, so they spread out (a single
    drawn list would be the simplest one: n empty truncations)."""
    found = []

    @settings(max_examples=n, deadline=None, phases=[Phase.generate], database=None,
              suppress_health_check=list(HealthCheck))
    @given(case)
    def collect(c):
        found.append(c)

    collect()
    return found


def test_mutated_pdfs_each_get_one_row(tmp_path_factory):
    cases = generate_cases(CASES)
    assert len(cases) >= CASES - 5
    raw = tmp_path_factory.mktemp("fuzz")
    names = []
    for i, (sample, ops) in enumerate(cases):
        name = f"fall {i:02d}.pdf"
        (raw / name).write_bytes(mutate(SAMPLES[sample], ops))
        names.append(name)
    db = tmp_path_factory.mktemp("fuzzdb") / "fuzz.duckdb"
    summary = run_batch(RunOptions(raw=str(raw), db=str(db), workers=2, timeout=120, progress=False,
                                   work=WorkOptions(parse=ParseOptions(ocr=False))))
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT file_name, status, error FROM documents").fetchall()
    finally:
        con.close()
    assert sorted(r[0] for r in rows) == names
    assert summary.new == len(cases)
    for name, status, error in rows:
        assert status in ("ok", "partial", "failed", "duplicate"), (name, status)
        if status != "ok":
            assert error and "\n" not in error, (name, status, error)
            assert not RAW_EXCEPTION.match(error), (name, cases[names.index(name)], error)
