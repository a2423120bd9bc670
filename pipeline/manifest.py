"""What a database holds, kept beside it so that a run with nothing to do stays quick.

An operator runs ``make extract`` again and again over a folder that mostly did not
change; answering "is every PDF already loaded?" from DuckDB costs the import of its
engine and the opening of the file, most of a no-work run. After each run the writer
leaves ``<db>.manifest.json``: every document's sha256, pipeline version, status and
masking, the row counts, and the size and modification time of the database file as
it was left. A later run trusts the manifest only while the file is exactly that;
anything else (another tool wrote to it, a WAL is pending, the manifest is missing or
unreadable) sends it the long way, through the database itself.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

FORMAT = 1


@dataclass(frozen=True)
class Manifest:
    known: dict[str, tuple[str, str, str, bool | None]]  # doc_id -> (sha256, version, status, masked)
    counts: dict[str, int]


def path_for(db: str | os.PathLike) -> Path:
    return Path(f"{db}.manifest.json")


def _stamp(db: str | os.PathLike) -> list | None:
    try:
        st = os.stat(db)
    except OSError:
        return None
    if os.path.exists(f"{db}.wal"):
        return None  # changes not yet in the file: the database must be asked
    return [st.st_size, st.st_mtime_ns]


def write(db: str | os.PathLike, manifest: Manifest) -> None:
    """Record what ``db`` holds, now that it is closed."""
    stamp = _stamp(db)
    target = path_for(db)
    if stamp is None:
        target.unlink(missing_ok=True)
        return
    data = {"format": FORMAT, "db": stamp, "counts": manifest.counts,
            "known": {k: list(v) for k, v in manifest.known.items()}}
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        tmp.unlink(missing_ok=True)  # a read-only folder: runs just take the long way


def read(db: str | os.PathLike) -> Manifest | None:
    """The manifest of ``db``, if it still describes the file; else None."""
    try:
        data = json.loads(path_for(db).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("db") != _stamp(db):
            return None
        known = {k: (v[0], v[1], v[2], v[3]) for k, v in data["known"].items()}
        return Manifest(known, {str(k): int(n) for k, n in data["counts"].items()})
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None
