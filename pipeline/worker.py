"""The work done for one document, in whichever process runs it."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from .extract import document_row, extract_document
from .parse import ParseOptions, parse_pdf
from .records import FAILED, DocumentResult, SourceFile


@dataclass(frozen=True)
class WorkOptions:
    parse: ParseOptions = field(default_factory=ParseOptions)
    mask: bool = True  # mask personal data in stored text and evidence


def process_document(source: SourceFile, options: WorkOptions = WorkOptions()) -> DocumentResult:
    """Parse and extract one document. Never raises: a failure is a documents row."""
    t0 = time.perf_counter()
    try:
        parsed = parse_pdf(source, options.parse)
        if options.mask and parsed.pages:
            from .masking import mask_pages

            mask_pages(parsed.pages)
        result = extract_document(parsed)
    except MemoryError:
        return failed(source, "out of memory while reading the document")
    except Exception as exc:  # the batch goes on; the reason is kept
        return failed(source, f"{type(exc).__name__}: {exc}".splitlines()[0][:500])
    result.document["seconds"] = round(time.perf_counter() - t0, 4)
    return result


def failed(source: SourceFile, error: str) -> DocumentResult:
    return DocumentResult(source, document_row(source, status=FAILED, error=error))
