"""Shared fixtures: the real sample batch, extracted once per test session."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "raw" / "sample"
GOLD = Path(__file__).resolve().parent / "fixtures" / "gold"
TEXTS = Path(__file__).resolve().parent / "fixtures" / "text"


@pytest.fixture(scope="session")
def sample_raw(tmp_path_factory) -> Path:
    """A raw root holding the sample batch (a copy: tests may not touch data/raw)."""
    raw = tmp_path_factory.mktemp("raw")
    shutil.copytree(SAMPLE, raw / "sample")
    return raw


@pytest.fixture(scope="session")
def sample_db(sample_raw, tmp_path_factory) -> Path:
    """The sample batch extracted with the default settings into a fresh database."""
    from pipeline.runner import RunOptions, run_batch

    db = tmp_path_factory.mktemp("db") / "sample.duckdb"
    run_batch(RunOptions(raw=str(sample_raw), db=str(db), progress=False))
    return db


@pytest.fixture()
def sample_con(sample_db):
    con = duckdb.connect(str(sample_db), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp import build_nlp

    return build_nlp()
