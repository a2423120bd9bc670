"""Command line: ``python -m pipeline extract|eval|...``."""
from __future__ import annotations

import argparse
import json
import os
import sys

DEFAULT_DB = "data/processed/municipal.duckdb"


def _positive_int(text: str) -> int:
    n = int(text)
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Swedish municipal PDFs to facts in DuckDB: parties, dates, amounts, "
        "volumes, durations, case numbers and contract summaries, each with its page and sentence.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    e = sub.add_parser("extract", help="read new or changed PDFs under --raw into --db",
                       description="Read every *.pdf under --raw (recursively) into --db. "
                       "Incremental: a PDF whose bytes are already loaded by this pipeline version is skipped.")
    e.add_argument("--raw", default="data/raw", help="folder of PDFs (batches are its first-level folders), or a URL such as s3://bucket/prefix [%(default)s]")
    e.add_argument("--db", default=DEFAULT_DB, help="DuckDB file [%(default)s]")
    e.add_argument("--force", action="store_true", help="reprocess documents already loaded")
    e.add_argument("--retry-failed", action="store_true", help="reprocess documents that failed before")
    e.add_argument("--workers", type=_positive_int, default=None, help="worker processes [all cores]")
    e.add_argument("--executor", choices=("process", "serial", "dask"), default="process",
                   help="where documents are processed [%(default)s]")
    e.add_argument("--scheduler", default=None, help="Dask scheduler address tcp://HOST:PORT (with --executor dask)")
    e.add_argument("--timeout", type=float, default=120.0, help="seconds a document may take, per started 1.5 MB of the file (a long scan needs minutes of OCR); "
                   "OCR stops in time to keep the pages it read [%(default)s]")
    e.add_argument("--max-pages", type=_positive_int, default=2000, help="pages read per document; the rest makes it partial [%(default)s]")
    e.add_argument("--no-ocr", action="store_true", help="do not OCR pages without a text layer")
    e.add_argument("--no-mask", action="store_true", help="keep personnummer, private phone numbers and e-mail (closed environments only)")
    e.add_argument("--memory-limit", type=int, default=2048, metavar="MB",
                   help="memory one PDF may take in its worker process; one that needs more fails alone (0: no limit) [%(default)s]")
    e.add_argument("--lock-wait", type=float, default=0.0, metavar="S",
                   help="seconds to wait while another process holds --db, then give up [%(default)s]")
    e.add_argument("--quiet", action="store_true", help="no progress bar")
    e.set_defaults(func=cmd_extract)

    v = sub.add_parser("eval", help="score --db against gold JSON files",
                       description="Precision, recall and F1 per category against gold files (matched by file stem).")
    v.add_argument("--gold", required=True, help="folder of gold *.json files")
    v.add_argument("--db", default=DEFAULT_DB, help="DuckDB file [%(default)s]")
    v.add_argument("--json", action="store_true", help="print one JSON object")
    v.add_argument("--misses", action="store_true", help="also list every miss (false positives/negatives)")
    v.set_defaults(func=cmd_eval)

    from .export import add_export_parser
    from .show import add_show_parser

    add_show_parser(sub, DEFAULT_DB)
    add_export_parser(sub, DEFAULT_DB)
    from .sql import add_sql_parser

    add_sql_parser(sub, DEFAULT_DB)
    return p


def cmd_extract(args: argparse.Namespace) -> int:
    from .errors import DatabaseLocked, DatabaseUnavailable
    from .parse import ParseOptions
    from .runner import RunOptions, run_batch
    from .worker import WorkOptions

    from .remote import is_url

    # a URL is listed by fsspec when the run starts: a missing bucket fails there
    if not is_url(args.raw) and not os.path.isdir(args.raw):
        print(f"error: raw folder not found: {args.raw}", file=sys.stderr)
        return 2
    options = RunOptions(
        raw=args.raw, db=args.db, force=args.force, retry_failed=args.retry_failed,
        workers=args.workers, executor=args.executor, scheduler=args.scheduler,
        timeout=args.timeout, lock_wait=args.lock_wait,
        progress=not args.quiet and sys.stderr.isatty(),
        work=WorkOptions(parse=ParseOptions(max_pages=args.max_pages, ocr=not args.no_ocr),
                         mask=not args.no_mask, memory_mb=args.memory_limit or None),
    )
    try:
        s = run_batch(options)
    except DatabaseLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except DatabaseUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: finished documents are saved; run the same command again to do the rest",
              file=sys.stderr)
        return 130
    except (PermissionError, NotADirectoryError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    st = s.statuses
    if s.new == 0:
        print(f"nothing to do: {s.skipped} document(s) already loaded, unchanged ({s.seconds:.1f} s)")
    else:
        print(f"documents: {s.new} processed ({st['ok']} ok, {st['partial']} partial, "
              f"{st['failed']} failed, {st['duplicate']} duplicate), {s.skipped} skipped (unchanged); "
              f"{s.pages} pages in {s.seconds:.1f} s")
    print("rows: " + ", ".join(f"{t} {n}" for t, n in s.rows.items()))
    for path, status, error in s.problems:
        print(f"  {status:<8} {path}: {error}")
    print(f"database: {args.db}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_report

    report = evaluate(args.gold, args.db)
    misses = report.pop("_misses")
    if args.json:
        if args.misses:
            report["misses"] = misses
        print(json.dumps(report, ensure_ascii=False, default=str))
    else:
        print(format_report(report))
        if args.misses:
            for cat, items in misses.items():
                for m in items:
                    print(f"  {cat:<11} {m['kind']:<11} {m['doc'][:12]} {json.dumps(m['item'], ensure_ascii=False, default=str)}"
                          + (f" got={m['got']}" if "got" in m else ""))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # output piped into `head`: the reader left, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
