"""``python -m pipeline export``: every table and view, for people who work in another tool.

parquet and csv: one file per table/view, written by DuckDB's COPY (types kept in parquet).
xlsx: one workbook, one sheet per table/view, written by pandas with openpyxl.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

FORMATS = ("parquet", "csv", "xlsx")
WORKBOOK = "municipal.xlsx"
# Excel's own limits: longer cells are refused or silently cut by Excel itself.
XLSX_MAX_CELL = 32767
XLSX_MAX_ROWS = 1_048_576 - 1
# Control characters openpyxl refuses to write (form feeds from PDF text, for one).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class Exported:
    name: str
    kind: str  # 'table' or 'view'
    rows: int
    path: Path
    note: str = ""


def relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(name, 'table'|'view') of the main schema: tables first, then views, by name."""
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT internal "
        "AND database_name = current_database() ORDER BY table_name").fetchall()]
    views = [r[0] for r in con.execute(
        "SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal "
        "AND database_name = current_database() ORDER BY view_name").fetchall()]
    return [(t, "table") for t in tables] + [(v, "view") for v in views]


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def export(db: str | Path, out_dir: str | Path, fmt: str) -> list[Exported]:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    from .load import connect

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    con = connect(db, read_only=True)
    try:
        rels = relations(con)
        if fmt == "xlsx":
            return _xlsx(con, rels, out / WORKBOOK)
        done = []
        for name, kind in rels:
            path = out / f"{name}.{fmt}"
            options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
            con.execute(f"COPY (SELECT * FROM {_quote_ident(name)}) TO {_quote_str(str(path))} ({options})")
            n = con.execute(f"SELECT count(*) FROM {_quote_ident(name)}").fetchone()[0]
            done.append(Exported(name, kind, n, path))
        return done
    finally:
        con.close()


def _xlsx_value(v):
    if isinstance(v, str):
        v = _ILLEGAL.sub(" ", v)
        return v if len(v) <= XLSX_MAX_CELL else v[: XLSX_MAX_CELL - 1] + "…"
    if hasattr(v, "tolist"):  # DuckDB lists arrive in pandas as numpy arrays
        v = v.tolist()
    if isinstance(v, (list, tuple)):
        return _xlsx_value(", ".join("" if x is None else str(x) for x in v))
    return v


def _xlsx(con: duckdb.DuckDBPyConnection, rels: list[tuple[str, str]], path: Path) -> list[Exported]:
    import pandas as pd

    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise SystemExit("xlsx export needs openpyxl: pip install -e '.[export]'") from None
    done = []
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, kind in rels:
            frame = con.execute(f"SELECT * FROM {_quote_ident(name)}").df()
            note = ""
            if len(frame) > XLSX_MAX_ROWS:
                note = f"first {XLSX_MAX_ROWS} of {len(frame)} rows (Excel's limit); use parquet or csv"
                frame = frame.head(XLSX_MAX_ROWS)
            for col in frame.columns:
                if frame[col].dtype == object or str(frame[col].dtype) in ("string", "str"):
                    frame[col] = frame[col].map(_xlsx_value)
                elif hasattr(frame[col].dtype, "tz") and frame[col].dtype.tz is not None:
                    frame[col] = frame[col].dt.tz_localize(None)  # Excel has no time zones
            # Sheet names: at most 31 characters; ours are short table names.
            frame.to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            sheet.freeze_panes = "A2"
            done.append(Exported(name, kind, len(frame), path, note))
    return done


def add_export_parser(sub, default_db: str) -> None:
    x = sub.add_parser(
        "export", help="write every table and view as parquet, csv or xlsx",
        description="Write every table and view of --db into --out: one file per table/view for "
        f"parquet and csv, one workbook ({WORKBOOK}, a sheet per table/view) for xlsx.")
    x.add_argument("--format", required=True, choices=FORMATS, help="file format")
    x.add_argument("--out", required=True, metavar="DIR", help="folder to write into (created if missing)")
    x.add_argument("--db", default=default_db, help="DuckDB file [%(default)s]")
    x.set_defaults(func=_cmd_export)


def _cmd_export(args) -> int:
    import sys

    if not Path(args.db).exists():
        print(f"error: database not found: {args.db} (run extract first)", file=sys.stderr)
        return 2
    from .load import DatabaseLocked

    try:
        done = export(args.db, args.out, args.format)
    except DatabaseLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    for e in done:
        print(f"{e.kind:<5} {e.name:<20} {e.rows:>7} rows  {e.path}" + (f"  ({e.note})" if e.note else ""))
    return 0
