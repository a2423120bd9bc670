"""The writer process stays small: spaCy lives only in the workers."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_writer_process_never_loads_spacy(tmp_path):
    # Forked workers share the parent's pages, and memory is counted per process: a
    # spaCy loaded by the writer is counted again in every worker.
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw" / "sample", raw / "sample")
    code = (
        "import sys\n"
        "from pipeline.runner import RunOptions, run_batch\n"
        f"s = run_batch(RunOptions(raw={str(raw)!r}, db={str(tmp_path / 'x.duckdb')!r}, progress=False, workers=2))\n"
        "print(s.statuses['ok'], 'spacy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    ok, spacy_loaded = out.stdout.split()
    assert int(ok) == len(list((ROOT / "data" / "raw" / "sample").glob("*.pdf")))
    assert spacy_loaded == "False"
