"""The benchmark's generated documents: distinct, varied, and read like real ones."""
from __future__ import annotations

import hashlib

import pytest

pytest.importorskip("reportlab")


def test_generated_documents_are_distinct_and_parse(tmp_path):
    from bench.generate import _build, _gold_people, _plan, _seed_texts
    from pipeline.ingest import discover
    from pipeline.parse import parse_pdf

    seeds, people = _seed_texts(), _gold_people()
    plans = [_plan(i, seeds, people) for i in range(6)]
    out = tmp_path / "raw" / "bench"
    out.mkdir(parents=True)
    built = [_build(p, str(out)) for p in plans]
    digests = {hashlib.sha256((out / name).read_bytes()).hexdigest() for name, _ in built}
    assert len(digests) == 6
    # content varies: the same seed gives different dates and municipalities
    first, again = plans[0], plans[len(seeds)]
    assert first["seed"] == again["seed"] and first["paras"] != again["paras"]
    for src in discover(tmp_path / "raw"):
        doc = parse_pdf(src)
        assert doc.status == "ok", doc.error
        n = dict(built)[src.file_name]
        assert doc.n_pages == n
        # letterhead and footer are found as on the real documents
        for page in doc.pages:
            marked = [page.text[s:e] for s, e in page.boilerplate]
            assert any(m.startswith("Sida ") for m in marked), marked
            assert any("Organisationsnummer" in m for m in marked), marked
