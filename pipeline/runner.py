"""Run a batch: ingest, skip what is loaded, process the rest, load as results arrive."""
from __future__ import annotations

import functools
import os
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from . import __version__
from .executors import WorkFailed, process_pool, serial, start_fork_server
from .ingest import discover
from . import manifest
from .remote import is_url
from .records import DUPLICATE, FAILED, PARTIAL, DocumentResult, SourceFile, document_row
from .worker import WorkOptions, failed, init_worker, process_document, scrub_document_row, time_limit

# Results wait this long (or until this many have come) before they are committed
# together: at most this much work is redone after a crash.
FLUSH_SECONDS, FLUSH_DOCS = 1.0, 32
# what the workers' fork server imports: spaCy, with the pipeline built
PRELOAD = ("pipeline.zygote",)


@dataclass(frozen=True)
class RunOptions:
    raw: str
    db: str
    force: bool = False
    retry_failed: bool = False
    workers: int | None = None
    executor: str = "process"  # serial | process | dask
    scheduler: str | None = None
    timeout: float = 120.0
    lock_wait: float = 0.0  # seconds to wait for another process's lock on --db
    progress: bool = True
    work: WorkOptions = field(default_factory=WorkOptions)


@dataclass
class RunSummary:
    new: int = 0
    skipped: int = 0
    statuses: Counter = field(default_factory=Counter)
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (file, status, error)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    pages: int = 0


def run_batch(options: RunOptions, on_result: Callable[[DocumentResult], None] | None = None) -> RunSummary:
    t0 = time.perf_counter()
    summary = RunSummary()
    # os.walk skips a folder it cannot list without a word: an unreadable root would
    # look like an empty batch.
    if not is_url(options.raw):
        os.listdir(options.raw)
    sources = list(discover(options.raw))
    if _nothing_to_do(options, sources, summary):
        summary.seconds = time.perf_counter() - t0
        return summary
    if options.executor == "process" and sources:
        start_fork_server(PRELOAD)  # it builds the workers' pipeline while the database opens
    from .load import Store  # DuckDB is imported only when the database must be opened

    with Store(options.db, wait=options.lock_wait) as store:
        known = store.known()
        by_sha = store.first_with_sha()
        todo: list[SourceFile] = []
        claimed: dict[str, str] = {}
        duplicates: list[DocumentResult] = []
        unreadable: list[DocumentResult] = []
        for src in sources:
            if src.error:
                unreadable.append(failed(src, src.error, options.work))
                continue
            if _unchanged(known.get(src.doc_id), src, options):
                summary.skipped += 1
                continue
            first = by_sha.get(src.sha256) or claimed.get(src.sha256)
            if first is not None and first != src.doc_id:
                row = document_row(src, status=DUPLICATE, duplicate_of=first,
                                   error=f"same bytes as document {first}")
                if options.work.mask:
                    scrub_document_row(row)
                duplicates.append(DocumentResult(src, row))
                continue
            claimed[src.sha256] = src.doc_id
            todo.append(src)

        fresh = {s.doc_id for s in sources} - known.keys()
        writer = _Writer(store, fresh, summary, on_result, options.work.mask)
        for dup in duplicates + unreadable:
            writer.add(dup)
        writer.flush()
        if todo:
            # largest first: the run does not end on one worker busy with a long document
            todo.sort(key=lambda src: -(src.bytes or 0))
            results = _execute(options, todo)
            bar = _progress(options.progress, len(todo))
            try:
                for src, result in results:
                    if isinstance(result, WorkFailed):
                        result = failed(src, _work_failed_text(result, options), options.work)
                    writer.add(result)
                    if bar:
                        bar.update(1)
            except KeyboardInterrupt:  # keep what is done; a re-run does the rest
                writer.flush()
                raise
            writer.flush()
            if bar:
                bar.close()
        summary.rows = store.counts()
        loaded = store.known()
    manifest.write(options.db, manifest.Manifest(loaded, summary.rows))
    summary.seconds = time.perf_counter() - t0
    return summary


def _unchanged(prev: tuple | None, src: SourceFile, options: RunOptions) -> bool:
    """Is ``src`` loaded already, from the same bytes, by this version, masked alike?"""
    return (
        not options.force
        and prev is not None
        and prev[0] == src.sha256
        and prev[1] == __version__
        and bool(prev[3]) == options.work.mask
        and not (options.retry_failed and prev[2] == FAILED)
    )


def _nothing_to_do(options: RunOptions, sources: list[SourceFile], summary: RunSummary) -> bool:
    """Every offered PDF is loaded and unchanged, by the database's manifest."""
    if options.force or is_url(options.db):
        return False
    m = manifest.read(options.db)
    if m is None or any(src.error or not _unchanged(m.known.get(src.doc_id), src, options) for src in sources):
        return False
    summary.skipped = len(sources)
    summary.rows = m.counts
    return True


class _Writer:
    """Commits results in small groups; each document still whole or absent."""

    def __init__(self, store: Store, fresh: set[str], summary: RunSummary, on_result, masked: bool):
        self.store, self.fresh, self.summary, self.on_result = store, fresh, summary, on_result
        self.masked = masked
        self.pending: list[DocumentResult] = []
        self.since = 0.0

    def add(self, result: DocumentResult) -> None:
        result.document["masked"] = self.masked
        if not self.pending:
            self.since = time.monotonic()
        self.pending.append(result)
        if len(self.pending) >= FLUSH_DOCS or time.monotonic() - self.since >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        try:
            self.store.write_many(self.pending, fresh=self.fresh)
        except Exception:  # noqa: BLE001 (one document's rows the database refuses)
            self.pending = [self._write_alone(r) for r in self.pending]
        for result in self.pending:
            self.fresh.discard(result.source.doc_id)
            _count(self.summary, result)
            if self.on_result:
                self.on_result(result)
        self.pending = []


    def _write_alone(self, result: DocumentResult) -> DocumentResult:
        """Store one document; if the database refuses its rows, a failed row says why.

        Each write is its own transaction, so the refused document leaves nothing
        half-written; if even the failed row cannot be stored, the database itself is
        the trouble and the run stops.
        """
        try:
            self.store.write_many([result], fresh=self.fresh)
            return result
        except Exception as exc:  # noqa: BLE001
            text = " ".join(str(exc).split())[:300]
            row = failed(result.source, f"could not be stored: {type(exc).__name__}: {text}",
                         WorkOptions(mask=self.masked))
            row.document["masked"] = self.masked
            self.store.write_many([row], fresh=self.fresh)
            return row


def _work_failed_text(exc: WorkFailed, options: RunOptions) -> str:
    if getattr(exc, "kind", None) == "died":
        mb = options.work.memory_mb
        limit = f" under the {mb} MB memory limit" if mb else ""
        return (f"out of memory{limit} or a crash in the PDF reader ({exc}): "
                "damaged PDF or decompression bomb")
    return str(exc)


def _execute(options: RunOptions, todo: list[SourceFile]):
    work = replace(options.work, timeout=options.timeout)
    fn = functools.partial(process_document, options=work)
    limit = functools.partial(_limit_of, options.timeout)
    if options.executor == "serial":
        return serial(fn, todo)
    if options.executor == "dask":
        from .dask_executor import dask_map

        return dask_map(fn, todo, workers=options.workers, scheduler=options.scheduler, timeout=limit)
    # Workers fork from a server that built the spaCy pipeline once (pipeline.zygote),
    # not from this process: the writer keeps no spaCy, whose pages would otherwise
    # count once more in every worker's memory.
    init = functools.partial(init_worker, options.work.memory_mb, os.getpid(), dict(os.environ), os.getcwd())
    return process_pool(fn, todo, workers=options.workers, timeout=limit, initializer=init,
                        preload=PRELOAD)


def _limit_of(timeout: float | None, src: SourceFile) -> float | None:
    return time_limit(timeout, src.bytes)


def _count(summary: RunSummary, result: DocumentResult) -> None:
    doc = result.document
    summary.new += 1
    summary.statuses[doc["status"]] += 1
    summary.pages += doc.get("n_pages") or 0
    if doc["status"] in (FAILED, PARTIAL):
        summary.problems.append((result.source.rel_path, doc["status"], doc.get("error") or ""))


def _progress(enabled: bool, total: int):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="extract", leave=False)
