"""Ruled tables: found from page objects, read by pdfplumber only where rules are."""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline.ingest import discover
from pipeline.parse import parse_pdf
from pipeline.parse.objects import page_hints
from pipeline.parse.tables import table_flags
from tests.pdfgen import TEXT_SAMPLES

reportlab = pytest.importorskip("reportlab")

ROWS = [
    ["Insats", "Volym", "Ersättning per år"],
    ["Familjestöd", "200 barn", "1 827 000 kr"],
    ["Gruppverksamhet", "6-8 deltagare", "450 000 kr"],
    ["Kontaktcentrum", "60-70 besökare per dag", "3 747 552 kr"],
]


def _table_pdf(path: Path, rows=ROWS, grid: bool = True, extra_page: bool = True) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    style = getSampleStyleSheet()["Normal"]
    story = []
    if extra_page:
        story += [Paragraph("Sida utan tabell. Avtalet gäller från 2024-01-01.", style), PageBreak()]
    table = Table(rows)
    if grid:
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story += [Paragraph("Tabell 1. Ersättning och volymer", style), table,
              Paragraph("Beloppen gäller i 2024 års prisnivå.", style)]
    path.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def _parse(tmp_path: Path, **kw):
    _table_pdf(tmp_path / "raw" / "b" / "table.pdf", **kw)
    (src,) = discover(tmp_path / "raw")
    return parse_pdf(src)


def test_ruled_table_rows(tmp_path):
    doc = _parse(tmp_path)
    assert doc.status == "ok", doc.error
    assert [t.cells for t in doc.tables] == ROWS
    assert {(t.page_no, t.table_no) for t in doc.tables} == {(2, 1)}
    assert [t.row_no for t in doc.tables] == [1, 2, 3, 4]
    assert "header" in doc.tables[0].flags
    assert not any("uncertain" in t.flags for t in doc.tables)
    # the table's figures are in the page text the NLP reads, too
    text = doc.pages[1].text
    assert "1 827 000 kr" in text and "60-70 besökare per dag" in text


def test_table_detection_is_cheap_and_selective(tmp_path):
    path = _table_pdf(tmp_path / "t.pdf")
    pdf = pdfium.PdfDocument(str(path))
    try:
        hints = [page_hints(pdf[i]) for i in range(len(pdf))]
    finally:
        pdf.close()
    assert [h.ruled for h in hints] == [False, True]
    # no sample page has rules: pdfplumber never opens them
    for sample in TEXT_SAMPLES:
        pdf = pdfium.PdfDocument(str(sample))
        try:
            assert not any(page_hints(pdf[i]).ruled for i in range(len(pdf))), sample.name
        finally:
            pdf.close()


def test_unruled_table_is_not_guessed(tmp_path):
    doc = _parse(tmp_path, grid=False)
    assert doc.tables == []
    assert "1 827 000 kr" in doc.pages[1].text


def test_uncertain_flags():
    assert table_flags([["a", "b"]]) == ["uncertain"]  # one row
    assert table_flags([["a"], ["b"]]) == ["uncertain"]  # one column
    assert table_flags([["a", None, None], [None, None, "b"]]) == ["uncertain"]  # mostly empty
    assert table_flags([["(cid:12)(cid:13)", "b"], ["c", "d"]]) == ["uncertain"]  # unmapped glyphs
    assert table_flags([["a", "b"], ["c", "d"]]) == []


def test_tables_reach_duckdb(tmp_path):
    from pipeline.runner import RunOptions, run_batch
    import duckdb

    _table_pdf(tmp_path / "raw" / "b" / "table.pdf")
    db = tmp_path / "t.duckdb"
    run_batch(RunOptions(raw=str(tmp_path / "raw"), db=str(db), progress=False, executor="serial"))
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT page_no, table_no, row_no, cells, flags FROM tables ORDER BY row_no").fetchall()
        amounts = {r[0] for r in con.execute("SELECT amount_sek FROM amounts").fetchall()}
    finally:
        con.close()
    assert [r[3] for r in rows] == ROWS
    assert rows[0][:3] == (2, 1, 1)
    # amounts in the table are read with the rest of the text
    assert 1827000 in amounts


def test_plain_lattice_read_without_pdfplumber_agrees_with_it(tmp_path):
    from pipeline.parse.tables import _plumber_tables, read_tables
    from pipeline.parse.text import read_text_pages

    path = _table_pdf(tmp_path / "t.pdf")
    hints: list = []
    read_text_pages(str(path), 10, hints=hints)
    rows, problems = read_tables(str(path), [2], hints)
    plumber, _ = _plumber_tables(str(path), [2])
    assert not problems
    assert [r.cells for r in rows] == ROWS == plumber[2][0]


def test_merged_cells_go_to_pdfplumber_and_are_flagged(tmp_path):
    """A cell spanning two columns: not a plain lattice, pdfplumber reads it and the
    row says 'merged' (pdfplumber leaves the covered cell empty)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from pipeline.parse.tables import lattices
    from pipeline.parse.text import read_text_pages

    rows = [["Insats", "Volym", "Belopp"], ["Familjestöd", "200 barn", "1 827 000 kr"],
            ["Summa för hela uppdraget", "", "1 827 000 kr"]]
    path = tmp_path / "raw" / "b" / "merged.pdf"
    path.parent.mkdir(parents=True)
    table = Table(rows)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("SPAN", (0, 2), (1, 2))]))
    SimpleDocTemplate(str(path), pagesize=A4).build([table])
    hints: list = []
    read_text_pages(str(path), 10, hints=hints)
    assert hints[0].ruled and lattices(hints[0].h_segs, hints[0].v_segs) is None
    (src,) = discover(tmp_path / "raw")
    doc = parse_pdf(src)
    assert [t.cells for t in doc.tables][:2] == rows[:2]
    last = doc.tables[-1]
    assert last.cells[0] == "Summa för hela uppdraget" and last.cells[-1] == "1 827 000 kr"
    assert "merged" in last.flags


def _cells_one_by_one(chars, xs, ys):
    """The cells as a character-by-character loop puts them together: the reference."""
    import bisect

    index, text, cx, cy = chars
    cells = [[[] for _ in xs[1:]] for _ in ys[1:]]
    neg_ys = [-y for y in ys]
    for i, ch, x, y in zip(index.tolist(), text, cx.tolist(), cy.tolist()):
        col, row = bisect.bisect_right(xs, x) - 1, bisect.bisect_right(neg_ys, -y) - 1
        if 0 <= row < len(ys) - 1 and 0 <= col < len(xs) - 1:
            cells[row][col].append((i, ch))
    out = []
    for row in cells:
        out.append([])
        for chs in row:
            parts = [("\n" if k and i != chs[k - 1][0] + 1 else "") + ch for k, (i, ch) in enumerate(chs)]
            out[-1].append("".join(parts))
    return out


def test_lattice_cells_as_one_by_one():
    """Characters scattered over a grid and around it, with gaps in their indices and
    centres on the rules, land in the cells the one-by-one loop puts them in."""
    import random

    import numpy as np

    from pipeline.parse.tables import _cells

    rng = random.Random(4)
    for _ in range(500):
        xs = sorted(rng.sample(range(0, 500, 10), rng.randint(2, 6)))
        ys = sorted(rng.sample(range(0, 800, 10), rng.randint(2, 6)), reverse=True)
        n = rng.randint(0, 60)
        index = np.array(sorted(rng.sample(range(3 * n + 1), n)), dtype=np.int64)
        text = "".join(rng.choice("abcåäö 12-") for _ in range(n))
        # whole numbers land on rules now and then
        cx = np.array([rng.choice([rng.uniform(-20, 520), float(rng.choice(xs))]) for _ in range(n)])
        cy = np.array([rng.choice([rng.uniform(-20, 820), float(rng.choice(ys))]) for _ in range(n)])
        chars = (index, text, cx, cy)
        assert _cells(chars, [float(x) for x in xs], [float(y) for y in ys]) == _cells_one_by_one(chars, xs, ys)
