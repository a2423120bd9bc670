"""Run a batch: ingest, skip what is loaded, process the rest, load as results arrive."""
from __future__ import annotations

import functools
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import __version__
from .executors import WorkFailed, process_pool, serial
from .extract import document_row, get_nlp
from .ingest import discover
from .load import Store
from .records import DUPLICATE, FAILED, PARTIAL, DocumentResult, SourceFile
from .worker import WorkOptions, failed, process_document


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
    sources = list(discover(options.raw))
    with Store(options.db) as store:
        known = store.known()
        by_sha = store.first_with_sha()
        todo: list[SourceFile] = []
        claimed: dict[str, str] = {}
        for src in sources:
            prev = known.get(src.doc_id)
            if (
                not options.force
                and prev is not None
                and prev[0] == src.sha256
                and prev[1] == __version__
                and not (options.retry_failed and prev[2] == FAILED)
            ):
                summary.skipped += 1
                continue
            first = by_sha.get(src.sha256) or claimed.get(src.sha256)
            if first is not None and first != src.doc_id:
                dup = DocumentResult(src, document_row(
                    src, status=DUPLICATE, duplicate_of=first,
                    error=f"same bytes as document {first}"))
                store.write(dup)
                _count(summary, dup)
                continue
            claimed[src.sha256] = src.doc_id
            todo.append(src)

        if todo:
            results = _execute(options, todo)
            bar = _progress(options.progress, len(todo))
            for src, result in results:
                if isinstance(result, WorkFailed):
                    result = failed(src, str(result))
                store.write(result)
                _count(summary, result)
                if on_result:
                    on_result(result)
                if bar:
                    bar.update(1)
            if bar:
                bar.close()
        summary.rows = store.counts()
    summary.seconds = time.perf_counter() - t0
    return summary


def _execute(options: RunOptions, todo: list[SourceFile]):
    fn = functools.partial(process_document, options=options.work)
    if options.executor == "serial":
        return serial(fn, todo)
    if options.executor == "dask":
        from .dask_executor import dask_map

        return dask_map(fn, todo, workers=options.workers, scheduler=options.scheduler)
    get_nlp()  # built once here; forked workers inherit it
    return process_pool(fn, todo, workers=options.workers, timeout=options.timeout)


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
