"""Why a command could not run: raised by the database layer, caught by the CLI.

Kept apart from ``load`` so that catching them does not import DuckDB.
"""


class DatabaseUnavailable(RuntimeError):
    """The database file cannot be opened: the run cannot proceed."""


class DatabaseLocked(DatabaseUnavailable):
    """Another process holds the database file."""
