"""Ruled tables: read from the rules pypdfium2 reports, pdfplumber where that is not enough.

pdfplumber reads a page some hundred times slower than pypdfium2 (it interprets the
page in Python), so it only sees pages whose objects show a grid (``PageHints.ruled``),
and not even those when the grid is a plain lattice: every horizontal rule running
across every vertical one, as Word and reportlab draw simple tables. Such a lattice
is cut into cells from the rules' coordinates and each cell's text read by pdfium.
Anything else (merged cells, a grid drawn as one path, rules that do not meet) goes
to pdfplumber's table finder.

The table text is also in the page's text layer, which is what the NLP reads: the
rows here are for analysts who want the grid, and a grid the reader is unsure of is
flagged ``uncertain`` rather than guessed into shape.
"""
from __future__ import annotations

import ctypes
import re
from itertools import repeat
from typing import Iterable

import pypdfium2.raw as pdfium_c

from ..records import TableRow
from .clean import clean_page_text
from .objects import bare

_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}
_CID = re.compile(r"\(cid:\d+\)")
_WS = re.compile(r"\s+")


def read_tables(path: str, page_nos: Iterable[int], hints: list | None = None) -> tuple[list[TableRow], list[str]]:
    """Rows of the ruled tables on ``page_nos`` (1-based); problems worth reporting.

    ``hints`` (PageHints per page, from the text pass) holds the plain lattices' cells,
    read while the text pass had the page open: those pages skip pdfplumber.
    """
    page_nos = sorted(set(page_nos))
    if not page_nos:
        return [], []
    rows: list[TableRow] = []
    problems: list[str] = []
    table_no = 0
    grids = {no: hints[no - 1].grids for no in page_nos
             if hints and len(hints) >= no and hints[no - 1] is not None and hints[no - 1].grids}
    rest = [no for no in page_nos if no not in grids]
    if rest:
        plumber_rows, problems = _plumber_tables(path, rest)
    else:
        plumber_rows = {}
    for no in page_nos:
        for grid in grids.get(no) or plumber_rows.get(no) or []:
            table_no += 1
            rows.extend(_rows(no, table_no, grid))
    return rows, problems


def _plumber_tables(path: str, page_nos: list[int]) -> tuple[dict[int, list], list[str]]:
    import pdfplumber

    out: dict[int, list] = {}
    problems: list[str] = []
    try:
        with pdfplumber.open(path) as pdf:
            for no in page_nos:
                try:
                    page = pdf.pages[no - 1]
                    tables = page.find_tables(_SETTINGS)
                    out[no] = [g for g in (t.extract() for t in tables) if g]
                    page.flush_cache()  # pdfplumber keeps every parsed page otherwise
                except Exception as exc:  # one odd page costs its tables, not the document
                    problems.append(f"tables on page {no} not read ({type(exc).__name__})")
    except Exception as exc:
        problems.append(f"tables not read ({type(exc).__name__}: {str(exc)[:100]})")
    return out, problems


_TOL = 2.0  # points: rules this close are one rule, ends this close meet


def _merge(segs: list[tuple[float, float, float]]) -> list[list[float]]:
    """Collinear pieces joined: [(pos, lo, hi)], one per rule (cells' borders are often
    drawn one cell at a time)."""
    out: list[list[float]] = []
    for pos, lo, hi in sorted(segs):
        for rule in out:
            if abs(rule[0] - pos) <= _TOL and lo <= rule[2] + _TOL and hi >= rule[1] - _TOL:
                rule[1], rule[2] = min(rule[1], lo), max(rule[2], hi)
                break
        else:
            out.append([pos, lo, hi])
    return out


def _levels(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _TOL:
            out.append(v)
    return out


def lattices(h_segs, v_segs) -> list[tuple[list[float], list[float]]] | None:
    """Plain lattices as (xs left to right, ys top to bottom), or None when the rules
    form something else (then pdfplumber decides)."""
    hs, vs = _merge(h_segs), _merge(v_segs)
    # group rules into tables: a vertical rule belongs with the horizontals it crosses
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, x0, x1) in enumerate(hs):
        for j, (x, y0, y1) in enumerate(vs):
            if x0 - _TOL <= x <= x1 + _TOL and y0 - _TOL <= y <= y1 + _TOL:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    out = []
    for g_h, g_v in groups.values():
        if len(g_h) < 2 or len(g_v) < 2:
            if len(g_h) + len(g_v) >= 3:
                return None  # rules that do not make a grid: underlines, a frame, a form
            continue
        xs, ys = _levels([v[0] for v in g_v]), _levels([h[0] for h in g_h])
        left, right, bottom, top = xs[0], xs[-1], ys[0], ys[-1]
        if len(xs) != len(g_v) or len(ys) != len(g_h):
            return None
        for _, x0, x1 in g_h:
            if x0 > left + _TOL or x1 < right - _TOL:
                return None  # a rule that stops short: merged cells
        for _, y0, y1 in g_v:
            if y0 > bottom + _TOL or y1 < top - _TOL:
                return None
        out.append((xs, ys[::-1]))
    # top to bottom on the page
    return sorted(out, key=lambda t: -t[1][0])


def _char_centres(textpage) -> tuple:
    """(index, characters, centre x, centre y) of every character on the page, as arrays
    (and one string), read once for all its tables.

    Two pdfium calls per character are all the work: bare ones, mapped, not looped, in Python.
    """
    import numpy as np

    raw = textpage.raw
    n = max(0, pdfium_c.FPDFText_CountChars(raw))
    codes = np.fromiter(map(_GET_UNICODE, repeat(raw, n), range(n)), dtype=np.uint32, count=n)
    boxes = (ctypes.c_double * (4 * n))()  # left, right, bottom, top of each character
    outs = (map(ctypes.byref, repeat(boxes, n), range(k, 32 * n, 32)) for k in (0, 8, 16, 24))
    read = np.fromiter(map(_GET_CHAR_BOX, repeat(raw, n), range(n), *outs), dtype=bool, count=n)
    index = np.flatnonzero(read & (codes != 0) & (codes != 10) & (codes != 13))
    box = np.frombuffer(boxes, dtype=np.float64).reshape(n, 4)[index]
    text = "".join(map(chr, codes[index].tolist()))
    return index, text, (box[:, 0] + box[:, 1]) / 2, (box[:, 2] + box[:, 3]) / 2


_GET_UNICODE = bare(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint)
_GET_CHAR_BOX = bare(pdfium_c.FPDFText_GetCharBox, ctypes.c_int)


def _cells(chars: tuple, xs: list[float], ys: list[float]) -> list[list[str]]:
    """Each character goes to the cell that holds its centre (a rectangle query would
    also catch the descenders of the line above the table)."""
    import numpy as np

    index, text, cx, cy = chars
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    col = np.searchsorted(xs, cx, side="right") - 1
    row = np.searchsorted([-y for y in ys], -cy, side="right") - 1  # ys run top to bottom
    inside = np.flatnonzero((row >= 0) & (row < n_rows) & (col >= 0) & (col < n_cols))
    cell = (row * n_cols + col)[inside]
    order = np.argsort(cell, kind="stable")  # page order within a cell
    at, cell = inside[order], cell[order]
    index = index[at]
    # a cell's line is a run of consecutive characters; between runs goes a line break
    # (clean-up rejoins broken words)
    first = np.ones(len(at), dtype=bool)
    first[1:] = (cell[1:] != cell[:-1]) | (index[1:] != index[:-1] + 1)
    last = np.ones(len(at), dtype=bool)
    last[:-1] = first[1:]
    starts, ends = np.flatnonzero(first), np.flatnonzero(last)
    lines: list[list[str]] = [[] for _ in range(n_rows * n_cols)]
    for c, start, end in zip(cell[starts].tolist(), at[starts].tolist(), at[ends].tolist()):
        lines[c].append(text[start:end + 1])
    return [["\n".join(lines[r * n_cols + c]) for c in range(n_cols)] for r in range(n_rows)]


def lattice_grids(hints, textpage) -> list | None:
    """Cells of the page's plain lattices, read by pdfium, or None when the page's rules
    are not plain (then pdfplumber decides)."""
    if hints.complex_rules:
        return None
    found = lattices(hints.h_segs, hints.v_segs)
    if not found:
        return None
    chars = _char_centres(textpage)
    return [_cells(chars, xs, ys) for xs, ys in found]


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
