"""Ingest: find the PDFs under the raw root, hash them, name their batch."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterator

from .records import SourceFile
from .remote import is_url, sha256_of_url

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
    ``raw`` may be a URL (``s3://bucket/prefix``): see ``_discover_url``.
    """
    if is_url(raw):
        yield from _discover_url(raw)
        return
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
            error = None
            try:
                sha, size = sha256_of(path)
            except OSError as exc:  # one unreadable file must not stop the batch
                sha, size = "", 0
                error = f"cannot read the file: {exc.strerror or exc}"
            yield SourceFile(
                doc_id=doc_id_for(rel),
                path=str(path),
                rel_path=rel,
                file_name=name,
                batch=parts[0] if len(parts) > 1 else "",
                sha256=sha,
                bytes=size,
                error=error,
            )


# Hashing a remote file is a round trip, not a disk read: a few at a time hide the latency.
URL_HASHERS = 8


def _discover_url(url: str) -> Iterator[SourceFile]:
    """The same records for a folder behind a URL; ``path`` is the file's own URL.

    Files come in the order ``os.walk`` would give them (a folder's files, then its
    sub-folders), so the first of two identical files is the same one either way.
    """
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    import fsspec

    fs, root = fsspec.core.url_to_fs(url)
    root = root.rstrip("/")
    if not fs.isdir(root):
        raise NotADirectoryError(f"raw folder not found or not a folder: {url}")
    found = fs.find(root, detail=True)
    rels = [p[len(root) + 1:] for p, info in found.items()
            if info.get("type") == "file" and p.lower().endswith(".pdf") and p.startswith(root + "/")]
    rels.sort(key=lambda rel: [(1, part) for part in rel.split("/")[:-1]] + [(0, rel.rsplit("/", 1)[-1])])

    def record(rel: str, hashed) -> SourceFile:
        sha, size = hashed.result()
        parts = rel.split("/")
        return SourceFile(
            doc_id=doc_id_for(rel),
            path=fs.unstrip_protocol(f"{root}/{rel}"),
            rel_path=rel,
            file_name=parts[-1],
            batch=parts[0] if len(parts) > 1 else "",
            sha256=sha,
            bytes=size,
        )

    with ThreadPoolExecutor(URL_HASHERS) as pool:
        queue: deque = deque()
        for rel in rels:
            queue.append((rel, pool.submit(sha256_of_url, fs, f"{root}/{rel}")))
            if len(queue) >= URL_HASHERS:
                yield record(*queue.popleft())
        while queue:
            yield record(*queue.popleft())
