"""Load: the single writer. A document is written whole or not at all.

Several documents may share one transaction (``write_many``): inserting them as one
frame per table costs a fraction of one insert per document and table, and a crash
still leaves each of them whole or absent, because nothing of a transaction survives
unless its COMMIT does.
"""
from __future__ import annotations

import datetime
import json
import os
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Sequence

import duckdb

from . import __version__
from .errors import DatabaseLocked, DatabaseUnavailable  # noqa: F401 (raised here, imported from here by callers)
from .records import DocumentResult

# Every table that holds rows of a document, documents last: a document row says
# the document is there whole.
CHILD_TABLES = (
    "pages", "sections", "tables", "mentions", "parties", "people", "dates", "amounts",
    "volumes", "durations", "identifiers", "contracts",
)




def schema_sql() -> str:
    return resources.files("pipeline").joinpath("schema.sql").read_text(encoding="utf-8")


def connect(db_path: str | Path, read_only: bool = False, wait: float = 0.0) -> duckdb.DuckDBPyConnection:
    """Open the file; while another process holds its lock, retry for up to ``wait`` s."""
    deadline = time.monotonic() + max(0.0, wait)
    while True:
        try:
            return duckdb.connect(str(db_path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise DatabaseUnavailable(f"cannot open database {db_path}: {first}") from None
            if time.monotonic() >= deadline:
                waited = f" (waited {wait:g} s)" if wait > 0 else ""
                raise DatabaseLocked(
                    f"database {db_path} is in use by another process{waited}: another extract "
                    "is probably running; try again when it has finished"
                ) from None
            time.sleep(0.25)


class Store:
    """The DuckDB file, opened for writing by one process."""

    def __init__(self, db_path: str | Path, wait: float = 0.0):
        path = Path(db_path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseUnavailable(f"cannot create the folder for database {db_path}: {exc.strerror}") from None
        self.con = connect(path, wait=wait)
        # The writer's inserts are small and frequent, and the workers need the cores:
        # one DuckDB thread does them with less CPU than a thread per core.
        self.con.execute("SET threads = 1")
        # One transaction: a run killed while creating the database leaves it empty or
        # whole, never with half of the tables.
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute(schema_sql())
            # Whether a document's text was masked: a later run with the other setting
            # must redo it, or personal data kept by --no-mask would stay for good.
            self.con.execute("ALTER TABLE documents ADD COLUMN IF NOT EXISTS masked BOOLEAN")
            from .views import create_views

            create_views(self.con)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            self.con.close()
            raise
        described = {
            t: self.con.execute(f"DESCRIBE main.{t}").fetchall() for t in CHILD_TABLES + ("documents",)
        }
        self._columns = {t: [r[0] for r in rows] for t, rows in described.items()}
        self._json_columns = {
            t: "{" + ", ".join(f"'{r[0]}': '{r[1]}'" for r in rows) + "}" for t, rows in described.items()
        }
        self._scratch: str | None = None  # the file a batch of rows is written to, made on first use

    def close(self) -> None:
        self.con.close()
        if self._scratch:
            try:
                os.remove(self._scratch)
            except OSError:
                pass

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def known(self) -> dict[str, tuple[str, str, str, bool | None]]:
        """doc_id -> (sha256, pipeline_version, status, masked) of what is loaded."""
        rows = self.con.execute(
            "SELECT doc_id, sha256, pipeline_version, status, masked FROM documents").fetchall()
        return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}

    def first_with_sha(self) -> dict[str, str]:
        """sha256 -> doc_id of a loaded (not duplicate) document with those bytes."""
        rows = self.con.execute(
            "SELECT sha256, min(doc_id) FROM documents WHERE status <> 'duplicate' AND pipeline_version = ? GROUP BY sha256",
            [__version__],
        ).fetchall()
        return dict(rows)

    def write(self, result: DocumentResult) -> None:
        """Replace everything of ``result``'s document in one transaction."""
        self.write_many([result])

    def write_many(self, results: Sequence[DocumentResult], fresh: Iterable[str] = ()) -> None:
        """Replace everything of these documents in one transaction.

        ``fresh`` names doc_ids the caller knows have no rows yet: their deletes are
        skipped (child rows never exist without their documents row).
        """
        if not results:
            return
        con = self.con
        fresh = set(fresh)
        stale = sorted({r.source.doc_id for r in results} - fresh)
        con.execute("BEGIN TRANSACTION")
        try:
            if stale:
                marks = ",".join("?" * len(stale))
                for table in CHILD_TABLES + ("documents",):
                    con.execute(f"DELETE FROM {table} WHERE doc_id IN ({marks})", stale)
            for table in CHILD_TABLES:
                self._insert(table, [row for r in results for row in r.rows.get(table, ())])
            self._insert("documents", [r.document for r in results])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        cols = ", ".join(self._columns[table])
        if self._write_json(rows):
            self.con.execute(
                f"INSERT INTO {table} ({cols}) SELECT {cols} FROM read_json("
                f"'{_quote(self._scratch)}', format='array', columns={self._json_columns[table]}, "
                f"maximum_object_size={MAX_ROW_BYTES})"
            )
            return
        import pandas as pd  # a value JSON cannot carry: let DuckDB convert the rows one by one

        frame = pd.DataFrame([[r.get(c) for c in self._columns[table]] for r in rows],
                             columns=self._columns[table], dtype=object)
        self.con.register("_rows", frame)
        try:
            self.con.execute(f"INSERT INTO {table} SELECT * FROM _rows")
        finally:
            self.con.unregister("_rows")

    def _write_json(self, rows: list[dict[str, Any]]) -> bool:
        """Write ``rows`` as a JSON array to the scratch file; False if a value has no JSON form.

        Rows reach DuckDB as JSON that its reader types after the table's own columns:
        a DataFrame of Python objects made DuckDB inspect every value (2 ms a page in
        the single writer, as much as a worker's parse stage), and handing it Arrow or
        pandas objects loads pandas into the writer, 40 MB more in every run. One
        ``dumps`` of the whole list runs in json's C encoder, a third of a call per row.
        """
        try:
            text = json.dumps(rows, ensure_ascii=False, default=_json_value)
        except (TypeError, ValueError):
            return False
        if self._scratch is None:
            fd, self._scratch = tempfile.mkstemp(prefix="municipal-rows-", suffix=".json", dir=_scratch_dir())
            os.close(fd)
        # a lone surrogate (a broken PDF's text) cannot be stored in UTF-8: it becomes "?",
        # one character for one, so offsets stay true
        with open(self._scratch, "w", encoding="utf-8", errors="replace") as f:
            f.write(text)
        return True

    def counts(self) -> dict[str, int]:
        return {
            t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents",) + CHILD_TABLES
        }


MAX_ROW_BYTES = 1 << 28  # a row (a page's text) larger than this is no municipal document


def _scratch_dir() -> str | None:
    """Memory-backed /dev/shm where there is one: the scratch file is rewritten for every
    table of every commit, and on a disk mounted with ``discard`` each truncation costs
    milliseconds (4 ms, 13 tables, every second of a run)."""
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None


def _json_value(value: Any) -> str:
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else value.isoformat()
    raise TypeError(type(value).__name__)


def _quote(path: str) -> str:
    return path.replace("'", "''")
