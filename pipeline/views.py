"""Views for analysts, created with the tables."""
from __future__ import annotations

import duckdb

VIEWS: dict[str, str] = {}


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    for name, sql in VIEWS.items():
        con.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")
