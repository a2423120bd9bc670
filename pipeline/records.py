"""Typed records passed between the stages."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from . import __version__

# documents.status values
OK, PARTIAL, FAILED, DUPLICATE = "ok", "partial", "failed", "duplicate"


@dataclass(frozen=True)
class SourceFile:
    """One PDF offered to the pipeline (ingest's output)."""

    doc_id: str
    path: str  # what the parse stage opens: a local path or an fsspec URL
    rel_path: str  # relative to the raw root, '/'-separated
    file_name: str
    batch: str
    sha256: str
    bytes: int
    # set when the file could not even be read (permissions, vanished mid-run)
    error: str | None = None


@dataclass
class Page:
    page_no: int  # 1-based
    text: str
    source: str = "text"  # 'text' or 'ocr'
    ocr_confidence: float | None = None
    # (start, end) character ranges of running headers/footers in ``text``
    boilerplate: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class TableRow:
    page_no: int
    table_no: int
    row_no: int
    cells: list[str | None]
    flags: list[str] = field(default_factory=list)


@dataclass
class ParsedDocument:
    """The parse stage's output: per-page text and what went wrong, if anything."""

    source: SourceFile
    n_pages: int = 0
    pages: list[Page] = field(default_factory=list)
    tables: list[TableRow] = field(default_factory=list)
    status: str = OK
    error: str | None = None


@dataclass
class DocumentResult:
    """Everything one document contributes to the database: rows per table.

    ``rows`` maps a table name to a list of dicts keyed by column; the loader writes
    them all in one transaction.
    """

    source: SourceFile
    document: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def status(self) -> str:
        return self.document["status"]


# The documents row lives here, not beside the NLP: the writer process makes rows for
# duplicates and unreadable files and must not import spaCy (its forked workers would
# carry a second copy of spaCy's pages in their memory).
def document_row(source: SourceFile, **fields: Any) -> dict[str, Any]:
    row = {
        "doc_id": source.doc_id, "file_name": source.file_name, "source_path": source.rel_path,
        "batch": source.batch, "sha256": source.sha256, "bytes": source.bytes,
        "n_pages": None, "status": FAILED, "error": None, "duplicate_of": None,
        "doc_type": None, "title": None, "authority": None, "document_date": None,
        "text_chars": None, "ocr_pages": None, "seconds": None,
        "extracted_at": datetime.now(timezone.utc).replace(tzinfo=None),
        "pipeline_version": __version__,
    }
    row.update(fields)
    return row
