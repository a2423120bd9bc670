"""Ruled tables, read by pdfplumber on the pages that have rules.

pdfplumber reads a page some hundred times slower than pypdfium2, so it only sees
pages whose objects show a grid (``PageHints.ruled``). The table text is also in the
page's text layer, which is what the NLP reads: the rows here are for analysts
who want the grid, and a grid the reader is unsure of is flagged ``uncertain``
rather than guessed into shape.
"""
from __future__ import annotations

import re
from typing import Iterable

from ..records import TableRow
from .clean import clean_page_text

_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}
_CID = re.compile(r"\(cid:\d+\)")
_WS = re.compile(r"\s+")


def read_tables(path: str, page_nos: Iterable[int]) -> tuple[list[TableRow], list[str]]:
    """Rows of the ruled tables on ``page_nos`` (1-based); problems worth reporting."""
    page_nos = sorted(set(page_nos))
    if not page_nos:
        return [], []
    import pdfplumber

    rows: list[TableRow] = []
    problems: list[str] = []
    table_no = 0
    try:
        with pdfplumber.open(path) as pdf:
            for no in page_nos:
                try:
                    page = pdf.pages[no - 1]
                    tables = page.find_tables(_SETTINGS)
                    for table in tables:
                        grid = table.extract()
                        if not grid:
                            continue
                        table_no += 1
                        rows.extend(_rows(no, table_no, grid))
                    page.flush_cache()  # pdfplumber keeps every parsed page otherwise
                except Exception as exc:  # one odd page costs its tables, not the document
                    problems.append(f"tables on page {no} not read ({type(exc).__name__})")
    except Exception as exc:
        problems.append(f"tables not read ({type(exc).__name__}: {str(exc)[:100]})")
    return rows, problems


def _cell(value: str | None) -> str | None:
    if value is None:
        return None
    return _WS.sub(" ", clean_page_text(value)).strip()


def _rows(page_no: int, table_no: int, grid: list[list[str | None]]) -> list[TableRow]:
    cells = [[_cell(c) for c in row] for row in grid]
    flags = table_flags(cells)
    out = []
    for i, row in enumerate(cells):
        row_flags = list(flags)
        if i == 0 and _looks_like_header(row):
            row_flags.append("header")
        if any(c is None for c in row):
            row_flags.append("merged")  # a cell spanning columns: pdfplumber leaves None
        out.append(TableRow(page_no=page_no, table_no=table_no, row_no=i + 1, cells=row, flags=row_flags))
    return out


def table_flags(cells: list[list[str | None]]) -> list[str]:
    """``['uncertain']`` when the grid is too small, mostly empty or unreadable."""
    n_rows = len(cells)
    n_cols = max((len(r) for r in cells), default=0)
    values = [c for r in cells for c in r]
    filled = [c for c in values if c]
    if n_rows < 2 or n_cols < 2:
        return ["uncertain"]  # a framed paragraph or a single ruled line, not a grid
    if len(filled) < 0.5 * len(values):
        return ["uncertain"]  # rules that frame a layout rather than a table
    if any(_CID.search(c) for c in filled):
        return ["uncertain"]  # glyphs without a Unicode mapping
    if len({len(r) for r in cells}) > 1:
        return ["uncertain"]
    return []


def _looks_like_header(row: list[str | None]) -> bool:
    filled = [c for c in row if c]
    return bool(filled) and not any(re.search(r"\d", c) for c in filled)
