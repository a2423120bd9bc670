"""OCR of scans: the scanned sample reads like its text version, once."""
from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from pipeline.ingest import discover
from pipeline.parse import ParseOptions, needs_ocr, parse_pdf
from pipeline.parse import ocr as ocr_mod
from tests.conftest import SAMPLE

SCANNED = "004_73ab96fcde37e5c4_scanned.pdf"
TEXT = "004_73ab96fcde37e5c4.pdf"
needs_tesseract = pytest.mark.skipif(
    not ocr_mod.tesseract_available("swe"), reason="tesseract with Swedish not installed"
)


def _source(name: str, tmp_path: Path):
    raw = tmp_path / "raw" / "b"
    raw.mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLE / name, raw / name)
    return next(s for s in discover(tmp_path / "raw") if s.file_name == name)


def _words_ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


@pytest.fixture()
def fresh_cache(tmp_path, monkeypatch):
    cache = tmp_path / "ocr-cache"
    monkeypatch.setenv("PIPELINE_OCR_CACHE", str(cache))
    ocr_mod.tesseract_available.cache_clear()
    ocr_mod.tesseract_version.cache_clear()
    yield cache
    ocr_mod.tesseract_available.cache_clear()
    ocr_mod.tesseract_version.cache_clear()


def _no_tesseract(monkeypatch, tmp_path):
    empty = tmp_path / "empty-bin"
    empty.mkdir(exist_ok=True)
    monkeypatch.setenv("PATH", str(empty))
    ocr_mod.tesseract_available.cache_clear()
    ocr_mod.tesseract_version.cache_clear()


def test_render_scale():
    # the sample scan: a 1700 px wide image on a 1275 pt page is read at its own density
    assert ocr_mod.render_scale(1275.0, 1700 / 1275) == pytest.approx(1700 / 1275, rel=1e-3)
    # a 600 dpi A4 scan is not read at 600 dpi; a 72 dpi one is brought up to size
    assert 595 * ocr_mod.render_scale(595.0, 600 / 72) <= ocr_mod.MAX_WIDTH_PX + 1
    assert 595 * ocr_mod.render_scale(595.0, 1.0) >= ocr_mod.MIN_WIDTH_PX - 1
    # a vector page without text: the default dpi
    assert ocr_mod.render_scale(595.0, None) == pytest.approx(250 / 72, rel=1e-3)


def test_which_pages_need_ocr(tmp_path):
    scanned = parse_pdf(_source(SCANNED, tmp_path), ParseOptions(ocr=False))
    assert scanned.status == "partial"
    assert "OCR disabled" in scanned.error and "1, 2, 3" in scanned.error
    text = parse_pdf(_source(TEXT, tmp_path))
    assert not any(needs_ocr(p.text) for p in text.pages)
    assert all(p.source == "text" for p in text.pages)


@pytest.mark.slow
@needs_tesseract
def test_ocr_reads_the_scan_like_the_text_layer_and_only_once(tmp_path, fresh_cache, monkeypatch):
    scanned = parse_pdf(_source(SCANNED, tmp_path))
    text = parse_pdf(_source(TEXT, tmp_path))
    assert scanned.status == "ok", scanned.error
    assert [p.source for p in scanned.pages] == ["ocr"] * 3
    for s_page, t_page in zip(scanned.pages, text.pages):
        assert s_page.ocr_confidence is not None and s_page.ocr_confidence > 80
        assert _words_ratio(s_page.text, t_page.text) > 0.9, s_page.page_no
        # running header and footer are found on OCR text too
        assert any("581 81" in s_page.text[s:e] for s, e in s_page.boilerplate)
    assert "den 1 mars 2024 till och med den 28 februari 2026" in scanned.pages[0].text
    assert len(list(fresh_cache.rglob("*.json"))) == 3

    # the second time the cache answers: no tesseract needed at all
    _no_tesseract(monkeypatch, tmp_path)
    again = parse_pdf(_source(SCANNED, tmp_path))
    assert again.status == "ok", again.error
    assert [p.text for p in again.pages] == [p.text for p in scanned.pages]
    assert [p.ocr_confidence for p in again.pages] == [p.ocr_confidence for p in scanned.pages]


def test_tesseract_missing_marks_partial_and_the_batch_goes_on(tmp_path, fresh_cache, monkeypatch):
    from pipeline.runner import RunOptions, run_batch
    import duckdb

    _source(SCANNED, tmp_path)
    _source(TEXT, tmp_path)
    _no_tesseract(monkeypatch, tmp_path)
    db = tmp_path / "x.duckdb"
    run_batch(RunOptions(raw=str(tmp_path / "raw"), db=str(db), progress=False, executor="serial"))
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = dict(con.execute("SELECT file_name, status FROM documents").fetchall())
        (error,) = con.execute("SELECT error FROM documents WHERE file_name = ?", [SCANNED]).fetchone()
    finally:
        con.close()
    assert docs == {SCANNED: "partial", TEXT: "ok"}
    assert "tesseract" in error and "apt-get install tesseract-ocr tesseract-ocr-swe" in error
    assert "1, 2, 3" in error


def _facts(con, doc_id: str) -> dict[str, set]:
    queries = {
        "dates": "SELECT date, role FROM dates",
        "amounts": "SELECT round(amount_sek), period, price_year FROM amounts",
        "parties": "SELECT canonical_name, role FROM parties",
        "people": "SELECT name, role FROM people",
        "volumes": "SELECT value, value_max, unit, per FROM volumes",
        "durations": "SELECT value, unit, role FROM durations",
        "identifiers": "SELECT kind, value FROM identifiers",
        "sections": "SELECT heading FROM sections",
    }
    return {k: set(con.execute(q + " WHERE doc_id = ?", [doc_id]).fetchall()) for k, q in queries.items()}


@pytest.mark.slow
@needs_tesseract
def test_scanned_sample_gives_the_same_facts(sample_con):
    """Dates, amounts, parties (and the rest) of the scan equal those of the text version."""
    ids = dict(sample_con.execute("SELECT file_name, doc_id FROM documents").fetchall())
    scanned, text = _facts(sample_con, ids[SCANNED]), _facts(sample_con, ids[TEXT])
    assert text["dates"] and text["parties"]
    for group in scanned:
        assert scanned[group] == text[group], (group, scanned[group] ^ text[group])


@pytest.mark.slow
@needs_tesseract
def test_ocr_pages_say_so(sample_con):
    (doc_id, status, n_ocr) = sample_con.execute(
        "SELECT doc_id, status, ocr_pages FROM documents WHERE file_name = ?", [SCANNED]).fetchone()
    assert status == "ok" and n_ocr == 3
    pages = sample_con.execute("SELECT source, ocr_confidence FROM pages WHERE doc_id = ?", [doc_id]).fetchall()
    assert [p[0] for p in pages] == ["ocr"] * 3
    assert all(p[1] > 80 for p in pages)
    text_conf = sample_con.execute(
        "SELECT max(confidence) FROM dates WHERE doc_id = ?", [doc_id]).fetchone()[0]
    assert text_conf is not None and text_conf < 1.0


def test_letter_o_in_numbers():
    from pipeline.parse.clean import clean_page_text

    fix = ocr_mod.fix_ocr_digits
    assert clean_page_text(fix("i åldern O-\n20 år")) == "i åldern 0-20 år"
    assert fix("år 2O19, 2019-O1-O1, 1O kr") == "år 2019, 2019-01-01, 10 kr"
    # words keep their O
    assert fix("Omsorgsnämnden i Orsa och Oslo, CO2") == "Omsorgsnämnden i Orsa och Oslo, CO2"


def test_needs_ocr_decisions():
    from pipeline.parse.objects import PageHints

    scan = PageHints(width=595, height=842, n_images=1, image_cover=0.95, image_scale=300 / 72)
    blank = PageHints(width=595, height=842)
    body = "Avtalet förlängs till och med den 28 februari 2026 enligt nämndens beslut."
    assert needs_ocr("", scan)
    assert needs_ocr("Sida 1 (3)", scan)  # a stamp on top of a scan is no text layer
    assert not needs_ocr(body, scan)  # a scan with a text layer (OCR'd by the scanner)
    assert needs_ocr("\ufffd" * 60, scan)  # glyphs without Unicode mapping
    assert needs_ocr("\ue000\ue001" * 30, blank)  # private-use glyphs: even without an image
    assert not needs_ocr("", blank)  # an empty page has nothing to read
    outlines = PageHints(width=595, height=842, n_paths=400)
    assert needs_ocr("", outlines)  # text drawn as outlines


# What a scanner's OCR made of a page it read upside down (Tesseract on the sample,
# turned 180°): letters, but no words.
UPSIDE_DOWN_LAYER = """Ae Te1AswouaB nessBulujgy.:oj Na Pauw JADE Je1agse WNJJUaIPIeIUOY SUJUOISSILUSPEIS
22ypIIe2swef
(s)ew apuedub.sang sabPLuINJUNWWoOX In 2UBT]
"SeJNBLAIOJ ANEAYSA SAPUEYQS34 ap SEJUBAIOJ JasJesul apuelpoNIs
WES IPULIZAIOUU YIO IJYWESYIIADIIADS AB WIOJ I SJeSul HNewWajqosd euuap pauw
JOXSIUUBW epnIg.a He WoOuag "JapnBUL Yy30 pAIs 'deysuawaBb 1a1aybLeASs ejenosoxAsd"""
BODY = """Omsorgsnämnden ska ta ställning till uppsägning av avtal gällande verksamheten
Kontaktcentrum. Utförare är Linköping Stadsmission. Verksamheten riktar sig till
personer med missbruksproblematik och/eller psykosocial problematik. Avtalet förlängs
med två år från 2019-01-01 till och med 2020-12-31, se dnr SN 2018-0123 (IBL1)."""


def test_garbage_text_layers_need_ocr():
    from pipeline.parse.objects import PageHints

    scan = PageHints(width=595, height=842, n_images=1, image_cover=0.95, image_scale=200 / 72)
    page = PageHints(width=595, height=842)
    assert not needs_ocr(BODY, scan) and not needs_ocr(BODY, page)
    assert needs_ocr(UPSIDE_DOWN_LAYER, scan)
    # fonts without a Unicode map, as other tools write them out
    assert needs_ocr(" ".join(f"(cid:{i})(cid:{i + 3})(cid:{i + 7})" for i in range(40)), page)
    assert needs_ocr(" ".join("ÿþA\x00v\x00t\x00a\x00l" for _ in range(30)), page)
    mojibake = BODY.replace("ö", "Ã¶").replace("ä", "Ã¤").replace("å", "Ã¥")
    assert needs_ocr(mojibake, page)
    assert not needs_ocr(BODY + " Ã¶", page)  # one stray sequence in a good text layer


def test_skew_and_sideways_are_measured():
    from pipeline.parse.scanprep import analyse, straighten
    from tests.scangen import Degradation, degrade, render_page

    page = render_page(SAMPLE / TEXT, 1, dpi=150)
    for skew in (2.0, -3.0, 0.7):
        layout = analyse(degrade(page, Degradation("", skew=skew, dpi=150), source_dpi=150))
        assert not layout.sideways and layout.skew == pytest.approx(-skew, abs=0.15), skew
    sideways = analyse(degrade(page, Degradation("", skew=1.5, quarter_turns=1, dpi=150), source_dpi=150))
    assert sideways.sideways and abs(sideways.skew) == pytest.approx(1.5, abs=0.15)
    straight = analyse(page)
    assert not straight.sideways and straight.skew == pytest.approx(0.0, abs=0.1)
    assert straighten(page, straight) is page  # a straight page is not resampled


def _page_facts(nlp, text: str) -> set:
    doc = nlp(text)
    return {(g, s._.norm.get("date"), s._.norm.get("amount_sek"), s._.norm.get("value"))
            for g in ("dates", "amounts", "identifiers") for s in doc.spans[g]}


def _parse_bytes(data: bytes, name: str, tmp_path: Path):
    raw = tmp_path / "raw" / "b"
    raw.mkdir(parents=True, exist_ok=True)
    (raw / name).write_bytes(data)
    return parse_pdf(next(s for s in discover(tmp_path / "raw") if s.file_name == name))


@pytest.mark.slow
@needs_tesseract
@pytest.mark.parametrize("degradation", ["all, upside down", "rotated 270°"])
def test_degraded_scans_give_the_text_layers_facts(degradation, tmp_path, fresh_cache, nlp):
    """Crooked, upside down or sideways, grey, speckled, 150 dpi JPEG: the same dates and amounts."""
    from tests.scangen import BY_NAME, degraded_pdf

    source = SAMPLE / "000_7f2fc2e1f45aab5b.pdf"  # page 1: a period, an amount
    truth = parse_pdf(_source(source.name, tmp_path)).pages[0].text
    expected = _page_facts(nlp, truth)
    assert {f[0] for f in expected} >= {"dates", "amounts"}
    scan = _parse_bytes(degraded_pdf(source, [1], BY_NAME[degradation]), "scan.pdf", tmp_path)
    assert scan.status == "ok" and scan.pages[0].source == "ocr", scan.error
    assert _page_facts(nlp, scan.pages[0].text) == expected
    assert _words_ratio(scan.pages[0].text, truth) > 0.9


@pytest.mark.slow
@needs_tesseract
def test_scan_with_a_garbage_ocr_layer_is_read_again(tmp_path, fresh_cache, nlp):
    from tests.scangen import BY_NAME, degraded_pdf, with_text_layer

    source = SAMPLE / TEXT
    truth = parse_pdf(_source(TEXT, tmp_path)).pages[0].text
    scan = with_text_layer(degraded_pdf(source, [1], BY_NAME["clean 200 dpi"]), UPSIDE_DOWN_LAYER)
    parsed = _parse_bytes(scan, "layered.pdf", tmp_path)
    assert parsed.pages[0].source == "ocr"
    assert "den 1 mars 2024 till och med den 28 februari 2026" in parsed.pages[0].text
    assert _page_facts(nlp, parsed.pages[0].text) == _page_facts(nlp, truth)


def test_a_facts_confidence_follows_its_pages_reading():
    from pipeline.extract import extract_document
    from pipeline.records import OK, Page, ParsedDocument, SourceFile

    src = SourceFile(doc_id="c1", path="/x.pdf", rel_path="b/x.pdf", file_name="x.pdf", batch="b",
                     sha256="1" * 64, bytes=1)
    text = "Avtalet gäller från och med den 1 april 2025."
    pages = [Page(1, text), Page(2, text, source="ocr", ocr_confidence=95.0),
             Page(3, text, source="ocr", ocr_confidence=50.0), Page(4, text, source="ocr")]
    result = extract_document(ParsedDocument(source=src, pages=pages, n_pages=4, status=OK))
    by_page = {r["page_no"]: r["confidence"] for r in result.rows["dates"]}
    assert by_page[1] == 1.0
    assert by_page[2] == pytest.approx(0.855) and by_page[3] == pytest.approx(0.45)
    assert by_page[4] == 0.7  # confidence unknown


def test_a_long_scan_gets_more_time_than_a_small_file():
    from pipeline.worker import BYTES_PER_LIMIT, time_limit

    assert time_limit(120, 40_000) == 120
    assert time_limit(120, 10 * BYTES_PER_LIMIT) == 1200
    assert time_limit(120, 10 * BYTES_PER_LIMIT + 1) == 1320
    assert time_limit(None, 10 ** 9) is None


@pytest.mark.slow
@needs_tesseract
def test_ocr_past_the_deadline_keeps_what_it_read_and_names_the_rest(tmp_path, monkeypatch):
    import time

    from pipeline.ingest import discover
    from pipeline.parse import ParseOptions, parse_pdf

    monkeypatch.setenv("PIPELINE_OCR_CACHE", str(tmp_path / "cache"))
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE / SCANNED, raw / SCANNED)
    src, = discover(raw)
    parsed = parse_pdf(src, ParseOptions(deadline=time.monotonic() - 1))
    assert parsed.status == "partial"
    assert "page(s) 1, 2, 3 not read by OCR: the document's time limit was reached" in parsed.error
    assert all(not p.text.strip() for p in parsed.pages)
