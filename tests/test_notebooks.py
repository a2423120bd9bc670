"""The notebooks execute against the sample database, so they never rot.

Also the way to refresh their saved outputs:
    MUNICIPAL_DB=data/processed/sample.duckdb .venv/bin/python tests/test_notebooks.py --save
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NAMES = ("01_contracts.ipynb", "02_quality.ipynb")


def run_notebook(path: Path, env: dict[str, str] | None = None, timeout: int = 300):
    """Execute ``path`` in a fresh kernel of this interpreter's environment (the venv's
    ipykernel), with ``env`` (MUNICIPAL_DB, MUNICIPAL_HELDOUT_DB) set. Returns the executed notebook."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    saved = {k: os.environ.get(k) for k in env or {}}
    os.environ.update(env or {})
    try:
        # "python3" is ipykernel's own spec in this environment, and jupyter_client starts
        # it with this very interpreter (sys.executable): the venv, whatever else is installed.
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        client.execute()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return nb


def outputs_text(nb) -> str:
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if "text" in o:
                out.append(o["text"])
            for kind in ("text/plain", "text/html", "text/markdown"):
                if kind in o.get("data", {}):
                    out.append(o["data"][kind])
    return "\n".join(out)


@pytest.fixture(scope="module")
def heldout_db(tmp_path_factory) -> Path:
    """Where 02_quality builds the held-out database (not in data/processed: tests leave it alone)."""
    return tmp_path_factory.mktemp("heldout") / "heldout.duckdb"


@pytest.fixture(scope="module")
def executed(sample_db, heldout_db):
    env = {"MUNICIPAL_DB": str(sample_db), "MUNICIPAL_HELDOUT_DB": str(heldout_db)}
    return {name: run_notebook(NOTEBOOKS / name, env) for name in NAMES}


@pytest.mark.slow
def test_contracts_notebook(executed, sample_db):
    import duckdb

    nb = executed["01_contracts.ipynb"]
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    text = outputs_text(nb)
    assert "documents, " in text and "database: " in text
    con = duckdb.connect(str(sample_db), read_only=True)
    try:
        files = [r[0] for r in con.execute("SELECT file_name FROM documents").fetchall()]
        n_contracts = con.execute("SELECT count(*) FROM contract_overview").fetchone()[0]
        with_amount = con.execute(
            "SELECT count(*) FROM supplier_totals WHERE total_amount_per_year_sek IS NOT NULL").fetchone()[0]
        periods = con.execute(
            "SELECT count(*) FROM contract_timeline WHERE start_date IS NOT NULL OR end_date IS NOT NULL").fetchone()[0]
    finally:
        con.close()
    # the documents table lists every sample file
    assert all(f in text for f in files)
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    # a chart where there is something to draw, a plain note where there is not
    assert len(images) == (periods > 0) + (with_amount > 0)
    if not periods:
        assert "no contract periods in the database yet" in text
    if not n_contracts:
        assert "no contract documents yet" in text


@pytest.mark.slow
def test_quality_notebook(executed, sample_db, heldout_db, tmp_path):
    import html
    import shutil

    import duckdb

    from pipeline.evaluate import CATEGORIES, evaluate

    nb = executed["02_quality.ipynb"]
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    text = outputs_text(nb)
    # the notebook built the held-out database where it was told to
    assert heldout_db.exists()
    gold = tmp_path / "heldout-gold"
    gold.mkdir()
    for g in ROOT.glob("tests/fixtures/heldout*/gold/*.json"):
        shutil.copy(g, gold / g.name)
    sets = {"sample": (ROOT / "tests" / "fixtures" / "gold", sample_db), "held-out": (gold, heldout_db)}
    for name, (gold_dir, db) in sets.items():
        report = evaluate(gold_dir, db)
        misses = report.pop("_misses")
        n_docs = len(report["documents"]["evaluated"])
        assert n_docs == len(list(Path(gold_dir).glob("*.json")))
        assert f"{name}: documents evaluated: {n_docs} | missing from the database: none" in text
        for cat in CATEGORIES:
            n = len(misses[cat])
            said = {0: "no misses", 1: "1 miss"}.get(n, f"{n} misses")
            assert f"#### {name} · {cat}: {said}" in text
            # the score table shows this category's F1 as computed
            assert f"{report[cat]['f1']:.3f}" in text
            for m in misses[cat]:
                assert m["doc"] in text
        # a miss the pipeline did find (fp, or a role that differs) is shown with its own sentence
        con = duckdb.connect(str(db), read_only=True)
        checked = 0
        try:
            for cat in CATEGORIES:
                for m in misses[cat]:
                    if m["kind"] != "fn" and cat == "dates":
                        ev = con.execute("SELECT evidence FROM facts f JOIN documents d USING (doc_id) "
                                         "WHERE d.file_name = ? AND category = 'dates' AND value = ? LIMIT 1",
                                         [m["doc"] + ".pdf", m["item"]["value"]]).fetchone()[0]
                        assert html.escape(ev[:60], quote=False) in text, ev
                        checked += 1
        finally:
            con.close()
        date_attr_misses = [m for m in misses["dates"] if m["kind"] != "fn"]
        assert checked == len(date_attr_misses)


def test_notebooks_saved_with_outputs():
    import nbformat

    for name in NAMES:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code and all(c.get("execution_count") for c in code), name
        assert not [o for c in code for o in c.outputs if o.get("output_type") == "error"], name


if __name__ == "__main__":
    import argparse

    import nbformat

    ap = argparse.ArgumentParser(description="execute the notebooks; --save writes their outputs back")
    ap.add_argument("--save", action="store_true")
    ap.add_argument("names", nargs="*", default=list(NAMES))
    args = ap.parse_args()
    for name in args.names:
        nb = run_notebook(NOTEBOOKS / name)
        if args.save:
            nbformat.write(nb, NOTEBOOKS / name)
        print(f"{name}: ok" + (" (saved)" if args.save else ""))
