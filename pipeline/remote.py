"""PDFs that live behind a URL (``s3://bucket/prefix/...``, any fsspec protocol).

Credentials and endpoints come from the environment each process already has
(``AWS_ACCESS_KEY_ID``, ``AWS_ENDPOINT_URL``, ``FSSPEC_S3='{"anon": true}'`` ...), so
every Dask worker reads with its own identity and nothing secret travels with a task.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from typing import Iterator

CHUNK = 1 << 20
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*://")


class FetchError(OSError):
    """The PDF could not be fetched; the message is meant for a person."""


def is_url(path: str | os.PathLike) -> bool:
    return isinstance(path, str) and bool(_URL.match(path))


def sha256_of_url(fs, path: str) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with fs.open(path, "rb", block_size=CHUNK) as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


@contextlib.contextmanager
def local_copy(url: str, sha256: str | None = None) -> Iterator[str]:
    """A temporary local file with the bytes at ``url``, removed afterwards.

    Every reader of a document (text layer, OCR, tables) then opens an ordinary file,
    and a large PDF is fetched once and never held in memory whole. With ``sha256``,
    bytes that changed since ingest hashed them are refused: their rows would carry
    the wrong hash, and the next run picks the new version up as changed.
    """
    import fsspec

    fd, tmp = tempfile.mkstemp(suffix=".pdf", prefix="pipeline-")
    try:
        h = hashlib.sha256()
        with os.fdopen(fd, "wb") as out:
            try:
                fs, path = fsspec.core.url_to_fs(url)
                with fs.open(path, "rb", block_size=CHUNK) as f:
                    while chunk := f.read(CHUNK):
                        h.update(chunk)
                        out.write(chunk)
            except FileNotFoundError:
                raise FetchError(f"not found any more: {url}") from None
            except Exception as exc:
                raise FetchError(f"could not fetch {url} ({type(exc).__name__}: {exc})".splitlines()[0]) from None
        if sha256 and h.hexdigest() != sha256:
            raise FetchError(f"changed since it was listed (sha256 {h.hexdigest()[:12]}, expected {sha256[:12]}): {url}")
        yield tmp
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def parse_remote(source, options):
    """``parse_pdf`` for a source whose path is a URL: parsed from a local copy."""
    import dataclasses

    from .parse import parse_pdf
    from .records import FAILED, ParsedDocument

    try:
        with local_copy(source.path, source.sha256) as tmp:
            doc = parse_pdf(dataclasses.replace(source, path=tmp), options)
    except FetchError as exc:
        return ParsedDocument(source=source, status=FAILED, error=str(exc))
    doc.source = source
    return doc
