"""Per-document work on a Dask distributed cluster (or a LocalCluster started here).

Same contract as ``executors.serial`` / ``executors.process_pool``: yields
``(item, result)`` in order of completion, with a bounded number of documents in
flight, so the single writer loads results as they arrive and neither this process
nor the cluster holds a whole batch.
"""
from __future__ import annotations

import logging
import os
import sys
import threading
import time
import warnings
from typing import Callable, Iterable, Iterator, TypeVar

from .executors import WorkFailed

T = TypeVar("T")
R = TypeVar("R")

# Each worker thread may hold one document; two per thread keeps every thread busy
# while the writer is loading the previous result.
PER_THREAD = 2
# How often the window follows workers joining or leaving an existing cluster.
RESIZE_EVERY = 5.0

# PDFium is not thread-safe and spaCy pipelines are not meant to be shared across
# threads: a worker started with several threads runs one document at a time.
_ONE_AT_A_TIME = threading.Lock()


# Exit code of a worker that gave up on a document past the time limit.
HUNG_EXIT = 75


def _run_alone(fn: Callable[[T], R], item: T, timeout: float | None = None) -> R:
    with _ONE_AT_A_TIME:
        watchdog = None
        if timeout:
            watchdog = threading.Timer(timeout, _give_up, args=(item, timeout))
            watchdog.daemon = True
            watchdog.start()
        try:
            return fn(item)
        finally:
            if watchdog is not None:
                watchdog.cancel()


def _give_up(item, timeout: float) -> None:
    # A document stuck in native code (PDFium, Tesseract) cannot be interrupted from
    # Python. Ending the process lets the nanny start a fresh worker; the scheduler
    # then retries the document elsewhere or, past allowed-failures, reports it.
    name = getattr(item, "rel_path", None) or repr(item)[:200]
    sys.stderr.write(f"pipeline: {name} still running after {timeout:g} s; restarting this worker\n")
    sys.stderr.flush()
    os._exit(HUNG_EXIT)


def dask_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    workers: int | None = None,
    scheduler: str | None = None,
    retries: int = 2,
    timeout: float | Callable[[T], float | None] | None = None,
) -> Iterator[tuple[T, R | WorkFailed]]:
    """Run ``fn`` on every item on a Dask cluster.

    ``scheduler`` is the address of a running scheduler (``tcp://HOST:PORT``); without
    one a LocalCluster of ``workers`` single-threaded processes is started on the
    loopback interface and closed when the iteration ends.

    A worker that dies mid-document does not lose it: the scheduler hands the task to
    another worker, up to ``distributed.scheduler.allowed-failures`` times (default 3),
    after which the item comes back as ``WorkFailed`` (KilledWorker). ``retries``
    covers exceptions raised by ``fn`` itself. A document still running after
    ``timeout`` seconds (or a function of the item giving them) ends its worker process,
    which counts as such a death.
    """
    limit_of = timeout if callable(timeout) else (lambda _item: timeout)
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers or _cores(),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # HTTP endpoints too stay on loopback
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    pending: dict = {}
    try:
        _warn_if_threaded(client)
        window = _window(client)
        resized = time.monotonic()
        it = iter(items)
        exhausted = False
        done = as_completed()

        def top_up() -> None:
            nonlocal exhausted
            while not exhausted and len(pending) < window:
                try:
                    item = next(it)
                except StopIteration:
                    exhausted = True
                    return
                fut = client.submit(_run_alone, fn, item, limit_of(item), pure=False, retries=retries,
                                    key=_key(item))
                pending[fut] = item
                done.add(fut)

        top_up()
        for fut in done:
            item = pending.pop(fut)
            if fut.status == "finished":
                try:
                    result = fut.result()
                except Exception as exc:  # the result could not be brought back
                    result = WorkFailed(_describe(exc))
            elif fut.status == "error":
                result = WorkFailed(_describe(fut.exception()))
            else:
                result = WorkFailed(f"Dask task {fut.status}")
            # Dropping the last reference lets the cluster forget the result at once.
            fut.release()
            del fut
            yield item, result
            if time.monotonic() - resized > RESIZE_EVERY:
                window, resized = _window(client), time.monotonic()
            top_up()
    finally:
        if pending:
            client.cancel(list(pending))
        client.close()
        if cluster is not None:
            cluster.close()


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _window(client) -> int:
    # Workers run one document at a time (see _run_alone), so a worker counts once
    # however many threads it was started with.
    return PER_THREAD * max(len(client.nthreads()), 1)


def _warn_if_threaded(client) -> None:
    threaded = [addr for addr, n in client.nthreads().items() if n > 1]
    if threaded:
        warnings.warn(
            f"{len(threaded)} Dask worker(s) have more than one thread; documents run one at "
            "a time per worker process. Start workers with --nthreads 1 --nworkers N to use N cores.",
            stacklevel=3,
        )


def _key(item) -> str | None:
    import uuid

    doc_id = getattr(item, "doc_id", None)
    # Keys name the document in the dashboard and logs; the suffix keeps a re-submitted
    # document distinct from an earlier run on a long-lived cluster.
    return f"document-{doc_id}-{uuid.uuid4().hex[:8]}" if doc_id else None


def _describe(exc: BaseException) -> str:
    name = type(exc).__name__
    if name == "KilledWorker":
        return (f"Dask worker process died on this document on every attempt: a crash, the "
                f"worker's memory limit, or over the per-document time limit ({exc})")
    return f"{name}: {exc}".splitlines()[0][:500]
