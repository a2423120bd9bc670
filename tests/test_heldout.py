"""How the rules generalise: documents in the style of other municipalities.

The held-out sets (tests/fixtures/heldout*, see build_heldout.py) were written by hand
with their gold, in the forms of Umeå, Göteborg, Malmö, Kungsbacka, Norrtälje, Region
Västerbotten, Lund, Stockholm, Växjö, Luleå, Sundsvall, Jönköping, Västerås, Gävle,
Borås, Kalmar, Eskilstuna, Halmstad, Trollhättan, Region Halland, Nacka, Karlstad,
Region Uppsala, Östersund, Helsingborg, Södertälje, Region Gotland and more; several
are scans. heldout4 to heldout9 were each measured once, blind, before any rule was
changed for them (heldout8/SCORES.md and heldout9/SCORES.md keep those scores and the
mechanism behind every miss); the rules were then fixed for those mechanisms. The floors below are what the engine must keep
on documents it was not written for; they sit under the measured scores, so a
regression in any category fails here.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.runner import RunOptions, run_batch

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SETS = sorted(p.name for p in FIXTURES.glob("heldout*") if (p / "gold").is_dir())
FLOORS = {
    "dates": 0.90, "amounts": 0.90, "volumes": 0.90, "durations": 0.90,
    "identifiers": 0.70, "people": 0.85, "parties": 0.60,
}
CONTRACT_FLOOR = 0.60


@pytest.fixture(scope="module", params=SETS)
def heldout(request, tmp_path_factory):
    name = request.param
    raw = tmp_path_factory.mktemp(name)
    shutil.copytree(FIXTURES / name / "pdf", raw / name)
    db = raw / "h.duckdb"
    summary = run_batch(RunOptions(raw=str(raw), db=str(db), progress=False))
    assert summary.statuses["ok"] == len(list((FIXTURES / name / "pdf").glob("*.pdf")))
    return name, evaluate(FIXTURES / name / "gold", db)


@pytest.mark.slow
@pytest.mark.parametrize("category", sorted(FLOORS))
def test_category_generalises(heldout, category):
    name, report = heldout
    assert not report["documents"]["missing"]
    f1 = report[category]["f1"]
    assert f1 >= FLOORS[category], f"{name} {category}: F1 {f1:.3f} < {FLOORS[category]}"


@pytest.mark.slow
def test_contract_fields_generalise(heldout):
    name, report = heldout
    assert report["contracts"]["all_fields"] >= CONTRACT_FLOOR, (name, report["contracts"])
