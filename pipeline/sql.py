"""``python -m pipeline sql``: analysts' queries against the database, which they cannot change.

Three locks, each enough alone for the common case, together for the odd one:
the file is opened read-only (INSERT, DELETE, DROP fail in DuckDB itself), external
access is switched off and the configuration locked (no ATTACH of another file, no
COPY TO, no extension loading, no SET to undo it), and every statement is checked
against a list of kinds that only read before anything runs.
"""
from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import sys
from pathlib import Path
from typing import Any, Sequence, TextIO

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

from .errors import DatabaseLocked, DatabaseUnavailable

# StatementType names that cannot change anything.
READ_ONLY_KINDS = {"SELECT", "EXPLAIN", "PRAGMA", "RELATION"}
MAX_CELL = 80  # characters shown per cell in the table format


class Refused(ValueError):
    """A statement that could change data or reach outside the database."""


def open_read_only(db: str | Path) -> duckdb.DuckDBPyConnection:
    if not Path(db).is_file():
        raise FileNotFoundError(f"database not found: {db} (run `python -m pipeline extract` first)")
    from .load import connect

    con = connect(db, read_only=True)
    con.execute("SET enable_external_access = false")
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    con.execute("SET lock_configuration = true")
    return con


def check(con: duckdb.DuckDBPyConnection, query: str) -> list:
    """The statements of ``query``; Refused if any one of them is not a read."""
    statements = con.extract_statements(query)
    if not statements:
        raise Refused("no statement given")
    for st in statements:
        kind = st.type.name
        if kind not in READ_ONLY_KINDS:
            raise Refused(
                f"refused: {kind} statements are not allowed; `sql` only reads "
                "(SELECT, WITH ... SELECT, EXPLAIN, DESCRIBE, SHOW) and opens the database read-only"
            )
        if kind == "PRAGMA" and not _harmless_pragma(st.query):
            raise Refused("refused: only informational PRAGMAs (table_info, show_tables, ...) are allowed")
    return statements


def _harmless_pragma(text: str) -> bool:
    name = text.strip().lower().removeprefix("pragma").strip()
    return name.startswith(("table_info", "show_tables", "show", "database_size", "storage_info",
                            "version", "platform", "functions", "metadata_info"))


def run_query(db: str | Path, query: str) -> tuple[list[str], list[tuple]]:
    """Columns and rows of the last statement in ``query``."""
    con = open_read_only(db)
    try:
        statements = check(con, query)
        cur = None
        for st in statements:
            cur = con.execute(st.query)
        if cur is None or cur.description is None:
            return [], []
        return [d[0] for d in cur.description], cur.fetchall()
    finally:
        con.close()


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time, decimal.Decimal)):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def write_table(cols: Sequence[str], rows: Sequence[tuple], out: TextIO) -> None:
    def cell(v: Any) -> str:
        text = "" if v is None else " ".join(str(_plain(v)).split())
        return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
    out.write("  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in cells:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")


def write_csv(cols: Sequence[str], rows: Sequence[tuple], out: TextIO) -> None:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(cols)
    for row in rows:
        w.writerow(["" if v is None else _plain(v) for v in row])


def write_json(cols: Sequence[str], rows: Sequence[tuple], out: TextIO) -> None:
    json.dump([dict(zip(cols, row)) for row in rows], out, ensure_ascii=False, default=_plain)
    out.write("\n")


WRITERS = {"table": write_table, "csv": write_csv, "json": write_json}


def add_sql_parser(sub, default_db: str) -> None:
    q = sub.add_parser("sql", help="run a read-only SQL query against --db",
                       description="Run SELECT queries against the database, opened read-only: "
                       "no statement can change data or write files.")
    q.add_argument("query", help='SQL, e.g. "SELECT doc_type, count(*) FROM documents GROUP BY 1"')
    q.add_argument("--db", default=default_db, help="DuckDB file [%(default)s]")
    q.add_argument("--format", choices=tuple(WRITERS), default="table", help="output format [%(default)s]")
    q.set_defaults(func=cmd_sql)


def cmd_sql(args) -> int:
    import duckdb

    try:
        cols, rows = run_query(args.db, args.query)
    except Refused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except DatabaseLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except (FileNotFoundError, DatabaseUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"error: {first}", file=sys.stderr)
        return 1
    WRITERS[args.format](cols, rows, sys.stdout)
    return 0
