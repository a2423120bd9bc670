"""Load: the single writer. One document is written in one transaction."""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import duckdb
import pandas as pd

from . import __version__
from .records import DocumentResult

# Every table that holds rows of a document, documents last: a document row says
# the document is there whole.
CHILD_TABLES = (
    "pages", "sections", "tables", "mentions", "parties", "people", "dates", "amounts",
    "volumes", "durations", "identifiers", "contracts",
)


class DatabaseLocked(RuntimeError):
    pass


def schema_sql() -> str:
    return resources.files("pipeline").joinpath("schema.sql").read_text(encoding="utf-8")


def connect(db_path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(db_path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseLocked(
                f"database {db_path} is in use by another process (another extract running?)"
            ) from None
        raise


class Store:
    """The DuckDB file, opened for writing by one process."""

    def __init__(self, db_path: str | Path):
        path = Path(db_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.con = connect(path)
        self.con.execute(schema_sql())
        from .views import create_views

        create_views(self.con)
        self._columns = {
            t: [r[0] for r in self.con.execute(f"DESCRIBE {t}").fetchall()]
            for t in CHILD_TABLES + ("documents",)
        }

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def known(self) -> dict[str, tuple[str, str, str]]:
        """doc_id -> (sha256, pipeline_version, status) of what is loaded."""
        rows = self.con.execute("SELECT doc_id, sha256, pipeline_version, status FROM documents").fetchall()
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def first_with_sha(self) -> dict[str, str]:
        """sha256 -> doc_id of a loaded (not duplicate) document with those bytes."""
        rows = self.con.execute(
            "SELECT sha256, min(doc_id) FROM documents WHERE status <> 'duplicate' AND pipeline_version = ? GROUP BY sha256",
            [__version__],
        ).fetchall()
        return dict(rows)

    def write(self, result: DocumentResult) -> None:
        """Replace everything of ``result``'s document in one transaction."""
        con = self.con
        doc_id = result.source.doc_id
        con.execute("BEGIN TRANSACTION")
        try:
            for table in CHILD_TABLES + ("documents",):
                con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
            for table in CHILD_TABLES:
                self._insert(table, result.rows.get(table, ()))
            self._insert("documents", [result.document])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _insert(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        rows = list(rows)
        if not rows:
            return
        cols = self._columns[table]
        frame = pd.DataFrame([[r.get(c) for c in cols] for r in rows], columns=cols, dtype=object)
        self.con.register("_rows", frame)
        try:
            self.con.execute(f"INSERT INTO {table} SELECT * FROM _rows")
        finally:
            self.con.unregister("_rows")

    def counts(self) -> dict[str, int]:
        return {
            t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents",) + CHILD_TABLES
        }
