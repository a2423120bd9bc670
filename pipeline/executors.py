"""Where per-document work runs: in this process, a process pool, or a Dask cluster.

Every executor yields ``(item, result)`` pairs in order of completion and keeps only
a bounded number of documents in flight, so memory stays flat however large the batch.
"""
from __future__ import annotations

import concurrent.futures as cf
import os
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class WorkFailed(Exception):
    """The work for one item did not return: it timed out or its process died.

    ``kind`` is ``timeout``, ``died`` (killed by a signal or exited: out of memory under
    the worker's limit, or a crash in native code) or ``error``.
    """

    def __init__(self, message: str, kind: str = "error", exitcode: int | None = None):
        super().__init__(message)
        self.kind = kind
        self.exitcode = exitcode


def serial(fn: Callable[[T], R], items: Iterable[T], **_) -> Iterator[tuple[T, R | WorkFailed]]:
    for item in items:
        yield item, fn(item)


MAX_TASKS = 500
# Documents in flight per worker. Results wait while the writer commits (tens of ms):
# a deeper queue keeps every worker busy meanwhile, and a few documents more take
# little memory.
WINDOW_PER_WORKER = 4


def process_pool(
    fn: Callable[[T], R],
    items: Iterable[T],
    workers: int | None = None,
    timeout: float | Callable[[T], float | None] | None = None,
    initializer: Callable[[], None] | None = None,
    preload: tuple[str, ...] = (),
) -> Iterator[tuple[T, R | WorkFailed]]:
    """A pool of child processes; one that hangs past ``timeout`` (seconds, or a function
    of the item giving them) is killed and replaced. With ``preload`` the workers fork
    from a server that imported those modules (see ``start_fork_server``)."""
    limit_of = timeout if callable(timeout) else (lambda _item: timeout)
    from pebble import ProcessExpired, ProcessPool

    workers = workers or len(os.sched_getaffinity(0)) or 1
    window = WINDOW_PER_WORKER * workers
    # A worker is replaced after MAX_TASKS documents: spaCy's string store only grows.
    context = _fork_server(preload) if preload else None
    with ProcessPool(max_workers=workers, max_tasks=MAX_TASKS, initializer=initializer,
                     **({"context": context} if context else {})) as pool:
        pending: dict[cf.Future, tuple[T, float | None]] = {}
        it = iter(items)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < window:
                try:
                    item = next(it)
                except StopIteration:
                    exhausted = True
                    break
                limit = limit_of(item)
                pending[pool.schedule(fn, args=(item,), timeout=limit)] = (item, limit)
            if not pending:
                break
            done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            for fut in done:
                item, limit = pending.pop(fut)
                try:
                    yield item, fut.result()
                except cf.TimeoutError:
                    yield item, WorkFailed(f"timed out after {limit:g} s (per-document limit)", "timeout")
                except ProcessExpired as exc:
                    yield item, WorkFailed(f"worker process died ({_exit_text(exc.exitcode)})",
                                           "died", exc.exitcode)
                except Exception as exc:
                    yield item, WorkFailed(f"{type(exc).__name__}: {exc}")


def _exit_text(code: int | None) -> str:
    if code is not None and code < 0:
        import signal

        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            pass
    return f"exit code {code}"


def start_fork_server(preload: tuple[str, ...]) -> None:
    """Start the fork server now, so that it imports ``preload`` while this process does
    other work; the pool's workers are forked from it later. One server serves every
    pool of the process, with the preload it was started with."""
    ctx = _fork_server(preload)
    if ctx is not None:
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _fork_server(preload: tuple[str, ...]):
    """A multiprocessing context whose workers fork from a server that imported ``preload``."""
    import multiprocessing as mp

    try:
        ctx = mp.get_context("forkserver")
    except ValueError:  # no fork server on this platform
        return None
    ctx.set_forkserver_preload(list(preload))
    return ctx
