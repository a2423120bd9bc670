"""The work done for one document, in whichever process runs it."""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

from .parse import ParseOptions
from .records import FAILED, DocumentResult, SourceFile, document_row

# Memory one document may take in its worker process (beyond what the worker starts
# with) before the reader is stopped: a decompression bomb or a pathological object
# graph then fails alone instead of taking the machine down.
DEFAULT_MEMORY_MB = 2048


# A document's time limit grows with its size: a scanned protocol of 60 pages (some
# 10 MB) needs minutes of OCR at a few seconds a page, while a hanging reader is
# usually stuck on a small file. Every started BYTES_PER_LIMIT of the file adds one
# more --timeout.
BYTES_PER_LIMIT = 1_500_000


def time_limit(timeout: float | None, nbytes: int) -> float | None:
    """Seconds one document may take, for a per-document ``timeout`` (None: no limit)."""
    if not timeout:
        return None
    return timeout * max(1, -(-nbytes // BYTES_PER_LIMIT))


@dataclass(frozen=True)
class WorkOptions:
    parse: ParseOptions = field(default_factory=ParseOptions)
    mask: bool = True  # mask personal data in stored text and evidence
    memory_mb: int | None = DEFAULT_MEMORY_MB  # per document in a worker; None: no limit
    # per-document timeout (see time_limit): OCR stops in time to keep what it read
    timeout: float | None = None


def process_document(source: SourceFile, options: WorkOptions = WorkOptions()) -> DocumentResult:
    """Parse and extract one document. Never raises: a failure is a documents row."""
    # Imported here so a run with nothing to do never loads spaCy.
    from .extract import extract_document
    from .parse import parse_pdf

    t0 = time.perf_counter()
    parse_options = options.parse
    limit = time_limit(options.timeout, source.bytes)
    if limit:
        # OCR stops early enough for the document to be finished and sent back before
        # the pool kills it: pages read so far are kept (and cached), the rest named
        parse_options = replace(parse_options, deadline=time.monotonic() + limit - min(30.0, 0.25 * limit))
    try:
        parsed = parse_pdf(source, parse_options)
        if options.mask:
            from .masking import mask_document

            mask_document(parsed)
        result = extract_document(parsed)
    except MemoryError:
        return failed(source, f"out of memory while reading the document{_limit(options)}: "
                      "damaged PDF or decompression bomb", options)
    except RecursionError:
        return failed(source, "objects nested too deeply to read: damaged or malicious PDF", options)
    except Exception as exc:  # the batch goes on; the reason is kept
        return failed(source, describe(exc), options)
    if options.mask:
        scrub_document_row(result.document)
    result.document["seconds"] = round(time.perf_counter() - t0, 4)
    return result


def describe(exc: BaseException) -> str:
    """One line for a person: pdfium errors past opening mean a damaged file."""
    name = type(exc).__name__
    text = " ".join(str(exc).split())
    if name == "PdfiumError":
        return f"damaged PDF: pdfium could not read its pages ({text or 'no reason given'})"[:500]
    return f"{name}: {text}"[:500]


def failed(source: SourceFile, error: str, options: WorkOptions | None = None) -> DocumentResult:
    row = document_row(source, status=FAILED, error=error)
    if options is None or options.mask:
        scrub_document_row(row)
    return DocumentResult(source, row)


def scrub_document_row(row: dict) -> None:
    """File names, titles and messages can hold a personnummer too."""
    from .masking import mask_value

    for key in ("file_name", "source_path", "title", "authority", "error"):
        row[key] = mask_value(row.get(key))


def _limit(options: WorkOptions) -> str:
    return f" (limit {options.memory_mb} MB)" if options.memory_mb else ""


def init_worker(memory_mb: int | None = DEFAULT_MEMORY_MB, parent: int | None = None,
                environ: dict[str, str] | None = None, cwd: str | None = None) -> None:
    """Runs first in every worker process: bound its memory, die with ``parent`` (the
    extract's process), and take its environment and working folder.

    A worker forked from the fork server starts with the server's environment and
    folder, which are the extract's as they were when the server started: a second
    batch in the same process (a notebook, the tests) must see the present ones.
    """
    import faulthandler
    import os
    import signal
    import sys

    if environ is not None:
        os.environ.clear()
        os.environ.update(environ)
    if cwd is not None:
        os.chdir(cwd)

    # A reader stopped by the memory limit aborts; its traceback dump (inherited from a
    # parent that enabled faulthandler, as pytest does) would only be noise.
    faulthandler.disable()
    if sys.platform.startswith("linux"):
        try:  # a SIGKILLed extract must not leave workers running on
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if parent is not None:
        _exit_with(parent)
    from .extract import get_nlp

    get_nlp()  # before the memory budget is set: the budget is for the documents
    if memory_mb:
        import resource

        # The budget is on top of what the worker starts with: a forked worker inherits
        # its parent's mappings (DuckDB alone reserves hundreds of MB of address space),
        # which no document uses.
        limit = (_address_space() or 0) + (memory_mb << 20)
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _exit_with(pid: int) -> None:
    """End this process as soon as process ``pid`` (the extract) has ended.

    The parent's death signal only follows the immediate parent, and a worker's parent
    is the fork server, which in turn lives as long as any worker holds its pipe: a
    killed extract would leave both running on. A thread waits on the extract's pidfd
    (Linux), or looks for it every second.
    """
    import os
    import threading

    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        fd = None
    if fd is None and not _alive(pid):
        os._exit(1)

    def watch() -> None:
        import select
        import time

        while True:
            if fd is not None:
                select.select([fd], [], [])  # readable once the process has ended
                os._exit(1)
            time.sleep(1.0)
            if not _alive(pid):
                os._exit(1)

    threading.Thread(target=watch, name="exit-with-extract", daemon=True).start()


def _alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def _address_space() -> int | None:
    """This process's virtual size in bytes (Linux), None where unknown."""
    try:
        with open("/proc/self/statm") as f:
            import os

            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None
