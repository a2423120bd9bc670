"""Ingest: find the PDFs under the raw root, hash them, name their batch."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterator

from .records import SourceFile

CHUNK = 1 << 20


def sha256_of(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def doc_id_for(rel_path: str) -> str:
    """Stable id of a document's place in the archive: the same path keeps its id
    when its content changes, so a re-run replaces its rows."""
    return hashlib.sha256(rel_path.encode("utf-8")).hexdigest()[:16]


def discover(raw: str | os.PathLike) -> Iterator[SourceFile]:
    """Every ``*.pdf`` (any case) under ``raw``, recursively, in a stable order.

    The batch is the first folder under the raw root (files directly in it belong
    to batch ''). Folders named like ``x.pdf`` are not files and are skipped.
    """
    root = Path(raw)
    if not root.is_dir():
        raise NotADirectoryError(f"raw folder not found or not a folder: {root}")
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.lower().endswith(".pdf"):
                continue
            path = Path(dirpath) / name
            if not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            parts = rel.split("/")
            sha, size = sha256_of(path)
            yield SourceFile(
                doc_id=doc_id_for(rel),
                path=str(path),
                rel_path=rel,
                file_name=name,
                batch=parts[0] if len(parts) > 1 else "",
                sha256=sha,
                bytes=size,
            )
