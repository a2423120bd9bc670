"""``python -m bench``: the whole extract against bare text readers, on one batch.

Measured in one run, on the batch from bench/generate.py:
- ``extract`` cold (new database, default parallelism = all cores), as a child process
  whose process tree is sampled with psutil for peak memory, in rounds alternating
  with ``pdftotext`` (the median round of each is reported: the machine's speed
  drifts);
- ``extract`` again over the unchanged batch (the incremental no-work path);
- ``pdftotext`` over every file, as many at a time as extract has workers;
- pdfplumber's ``extract_text`` on a sample of documents (it reads a few pages a
  second; a whole batch would take minutes), in as many processes, extrapolated to
  the batch: the printout says so;
- scaling: ``extract --workers 1`` and ``--workers 2`` on a subset.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from .generate import ensure_batch

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(__file__).resolve().parent / "_work"
MB = 1024 * 1024


def children_cpu() -> float:
    """CPU seconds (user + system) of every finished child and grandchild so far.

    The machine is shared: wall-clock rates move with everybody else's load, CPU
    seconds per page much less, so the table shows both.
    """
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


class TreeSampler(threading.Thread):
    """Peak memory and CPU seconds of a process and all its descendants, sampled every
    ``interval`` s.

    RSS counts pages shared between a parent and its forked workers once per process,
    so the RSS sum overstates; PSS shares them out and is the fairer total.
    CPU: the extract's workers are forked from a fork server that outlives the extract,
    so their CPU never reaches this process's RUSAGE_CHILDREN; the sum of each process's
    last sampled CPU time misses at most one interval per process.
    """

    def __init__(self, pid: int, interval: float = 0.05, pss_every: int = 10):
        super().__init__(daemon=True)
        self.pid, self.interval, self.pss_every = pid, interval, pss_every
        self.peak_rss = self.peak_pss = 0
        self.peak_procs = 0
        self._cpu: dict[int, float] = {}
        self._halt = threading.Event()

    @property
    def cpu(self) -> float:
        return sum(self._cpu.values())

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        tick = 0
        while not self._halt.is_set():
            try:
                procs = [root] + root.children(recursive=True)
            except psutil.Error:
                break
            rss = pss = 0
            for p in procs:
                try:
                    t = p.cpu_times()
                    self._cpu[p.pid] = t.user + t.system
                    rss += p.memory_info().rss
                    if tick % self.pss_every == 0:
                        pss += getattr(p.memory_full_info(), "pss", 0)
                except psutil.Error:
                    pass
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_procs = max(self.peak_procs, len(procs))
            tick += 1
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def run_extract(raw: Path, db: Path, workers: int | None = None, fresh: bool = True) -> dict:
    if fresh:
        for p in (db, db.with_suffix(db.suffix + ".wal")):
            if p.exists():
                p.unlink()
    cmd = [sys.executable, "-m", "pipeline", "extract", "--raw", str(raw), "--db", str(db), "--quiet"]
    if workers:
        cmd += ["--workers", str(workers)]
    t0, c0 = time.perf_counter(), children_cpu()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - t0
    sampler.stop()
    if proc.returncode != 0:
        raise SystemExit(f"extract failed ({proc.returncode}):\n{out}\n{err}")
    return {"seconds": seconds, "cpu": max(children_cpu() - c0, sampler.cpu), "peak_rss_mb": sampler.peak_rss / MB, "peak_pss_mb": sampler.peak_pss / MB,
            "processes": sampler.peak_procs, "stdout": out.strip()}


def _pdftotext(path: str) -> None:
    subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", path, "-"], stdout=subprocess.DEVNULL, check=False)


def run_pdftotext(files: list[Path], workers: int) -> tuple[float, float] | None:
    if not shutil.which("pdftotext"):
        return None
    t0, c0 = time.perf_counter(), children_cpu()
    with ThreadPoolExecutor(workers) as pool:  # threads only wait on the child processes
        list(pool.map(_pdftotext, map(str, files)))
    return time.perf_counter() - t0, children_cpu() - c0


def _plumber_doc(path: str) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.flush_cache()
        return len(pdf.pages)


def run_pdfplumber(files: list[Path], workers: int) -> tuple[float, float, int]:
    t0, c0 = time.perf_counter(), children_cpu()
    with ProcessPoolExecutor(workers) as pool:
        pages = sum(pool.map(_plumber_doc, map(str, files)))
    return time.perf_counter() - t0, children_cpu() - c0, pages


def _parse_doc(src) -> int:
    from pipeline.parse import ParseOptions, parse_pdf

    return len(parse_pdf(src, ParseOptions(ocr=False)).pages)


def run_parse_only(files: list[Path], workers: int) -> tuple[float, float, int]:
    """The parse stage alone (text layer, clean-up, boilerplate, tables): what this
    project reads before the NLP, against the same readers."""
    from pipeline.ingest import discover

    wanted = {str(f) for f in files}
    t0, c0 = time.perf_counter(), children_cpu()
    sources = [s for s in discover(files[0].parent) if s.path in wanted]
    with ProcessPoolExecutor(workers) as pool:
        pages = sum(pool.map(_parse_doc, sources, chunksize=8))
    return time.perf_counter() - t0, children_cpu() - c0, pages


def _median(items: list, key):
    return sorted(items, key=key)[(len(items) - 1) // 2]


def _subset(raw: Path, files: list[Path], n: int, name: str = "raw_subset") -> Path:
    sub = WORK / name / "bench"
    if sub.exists():
        shutil.rmtree(sub.parent)
    sub.mkdir(parents=True)
    for f in files[:n]:
        os.symlink(f, sub / f.name)
    return sub.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=220, help="documents in the generated batch (at least) [%(default)s]")
    ap.add_argument("--pages", type=int, default=1000, help="pages in the generated batch (at least) [%(default)s]")
    ap.add_argument("--plumber-docs", type=int, default=12, help="documents read by pdfplumber (a sample) [%(default)s]")
    ap.add_argument("--scaling-docs", type=int, default=240,
                    help="documents in the --workers 1/2 runs (the whole batch by default, so start-up weighs no more than in a real run); 0 skips them [%(default)s]")
    ap.add_argument("--rounds", type=int, default=3,
                    help="alternating rounds of cold extract and pdftotext; the median of each is reported [%(default)s]")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N documents (a quick check, not a benchmark)")
    args = ap.parse_args(argv)
    cores = os.cpu_count() or 1

    t = time.perf_counter()
    manifest = ensure_batch(WORK, min_docs=args.docs, min_pages=args.pages, workers=min(cores, 4))
    raw = WORK / "raw"
    files = sorted((raw / "bench").glob("*.pdf"))
    pages_of = manifest["files"]
    if args.limit:
        raw = _subset(raw, files, args.limit, "raw_limit")
        files = sorted((raw / "bench").glob("*.pdf"))
    n_pages = sum(pages_of[f.name] for f in files)
    load = os.getloadavg()[0]
    print(f"batch: {len(files)} PDFs, {n_pages} pages in {raw} "
          f"(generated {'now' if time.perf_counter() - t > 2 else 'before'}); {cores} cores; "
          f"load average {load:.1f} at start", flush=True)
    db_dir = WORK / "db"
    db_dir.mkdir(exist_ok=True)
    db = db_dir / "bench.duckdb"

    # Byte-compiling the package is a one-time cost of installing it, not of a run: a
    # first run after an edit would otherwise pay it inside the cold timing.
    import compileall

    compileall.compile_dir(str(ROOT / "pipeline"), quiet=1)
    # The machine is shared: its speed drifts by tens of percent within a minute. The
    # cold extract and pdftotext are therefore timed in alternating rounds, and each
    # line is the median round, so a slow moment weighs on both sides alike.
    colds, texts = [], []
    for k in range(args.rounds):
        colds.append(run_extract(raw, db))
        texts.append(run_pdftotext(files, cores))
        print(f"round {k + 1}: extract cold {colds[-1]['seconds']:.1f} s"
              + (f", pdftotext {texts[-1][0]:.2f} s" if texts[-1] else ""), flush=True)
    cold = _median(colds, key=lambda c: c["seconds"])
    cold["peak_rss_mb"] = max(c["peak_rss_mb"] for c in colds)
    cold["peak_pss_mb"] = max(c["peak_pss_mb"] for c in colds)
    pdftotext = _median(texts, key=lambda t: t[0]) if all(texts) else None
    warm = run_extract(raw, db, fresh=False)
    print(f"extract re-run: {warm['seconds']:.2f} s", flush=True)
    step = max(1, len(files) // max(args.plumber_docs, 1))
    sample = files[::step][: args.plumber_docs]
    plumber_s, plumber_cpu, plumber_pages = run_pdfplumber(sample, cores)
    plumber_rate = plumber_pages / plumber_s
    parse_s, parse_cpu, _ = run_parse_only(files, cores)

    scaling = None
    if args.scaling_docs:
        sub = _subset(raw, files, args.scaling_docs)
        sub_pages = sum(pages_of[f.name] for f in files[: args.scaling_docs])
        w1 = run_extract(sub, db_dir / "w1.duckdb", workers=1)
        w2 = run_extract(sub, db_dir / "w2.duckdb", workers=2)
        scaling = (min(args.scaling_docs, len(files)), sub_pages, w1, w2)

    rate = n_pages / cold["seconds"]
    cpu_rate = n_pages / cold["cpu"]
    rows = [("extract, cold (new db, all cores)", cold["seconds"], rate, cpu_rate, f"median of {len(colds)} rounds")]
    if pdftotext:
        rows.append((f"pdftotext ({cores} at a time)", pdftotext[0], n_pages / pdftotext[0], n_pages / pdftotext[1], f"median of {len(texts)} rounds"))
    plumber_cpu_rate = plumber_pages / plumber_cpu
    rows.append((f"pdfplumber extract_text ({cores} procs)", n_pages / plumber_rate, plumber_rate, plumber_cpu_rate,
                 f"sample {len(sample)} docs/{plumber_pages} p, time extrapolated"))
    rows.append((f"parse stage alone ({cores} procs)", parse_s, n_pages / parse_s, n_pages / parse_cpu,
                 "pypdfium2 + clean-up + boilerplate + tables, no NLP"))
    print()
    print(f"{'reader':<40} {'seconds':>8} {'pages/s':>8} {'pages/cpu-s':>12}  note")
    for name, sec, r, cr, note in rows:
        print(f"{name:<40} {sec:>8.1f} {r:>8.1f} {cr:>12.1f}  {note}")
    print()

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    results = {"docs": len(files), "pages": n_pages, "cores": cores, "extract_cold_s": cold["seconds"],
               "extract_cpu_s": cold["cpu"], "extract_pages_per_s": rate, "rerun_s": warm["seconds"],
               "peak_rss_mb": cold["peak_rss_mb"], "peak_pss_mb": cold["peak_pss_mb"],
               "pdfplumber_pages_per_s": plumber_rate, "parse_only_pages_per_s": n_pages / parse_s}
    print("ratios (wall clock; per CPU second in brackets)")
    if pdftotext:
        r, rc = rate / (n_pages / pdftotext[0]), cpu_rate / (n_pages / pdftotext[1])
        results.update(ratio_pdftotext=r, ratio_pdftotext_cpu=rc)
        print(f"extract / pdftotext        {r:8.2f}   [{rc:.2f}]   (target >= 0.20)  {verdict(r >= 0.20)}")
    else:
        print("extract / pdftotext        n/a           pdftotext not installed (apt-get install poppler-utils)")
    r, rc = rate / plumber_rate, cpu_rate / plumber_cpu_rate
    results.update(ratio_pdfplumber=r, ratio_pdfplumber_cpu=rc)
    print(f"extract / pdfplumber       {r:8.1f} x [{rc:.1f} x]  (target >= 5 x)   {verdict(r >= 5)}")
    share = warm["seconds"] / cold["seconds"]
    results["rerun_share"] = share
    print(f"incremental re-run         {warm['seconds']:8.2f} s    = {share:.1%} of cold (target < 2%)  {verdict(share < 0.02)}")
    if pdftotext and len(colds) > 1:
        per_round = [n_pages / c["seconds"] / (n_pages / t[0]) for c, t in zip(colds, texts)]
        print(f"  (each round: {', '.join(f'{x:.2f}' for x in per_round)})")
    print(f"peak RSS, extract tree     {cold['peak_rss_mb']:8.0f} MB   (target < 500 MB)  {verdict(cold['peak_rss_mb'] < 500)}"
          f"   [PSS {cold['peak_pss_mb']:.0f} MB, {cold['processes']} processes]")
    if scaling:
        n_docs, sub_pages, w1, w2 = scaling
        r1, r2 = sub_pages / w1["seconds"], sub_pages / w2["seconds"]
        results.update({"scaling_docs": n_docs, "scaling_pages": sub_pages, "workers1_pages_per_s": r1,
                        "workers2_pages_per_s": r2})
        print(f"scaling ({n_docs} docs, {sub_pages} p)   workers 1: {r1:.1f} p/s   workers 2: {r2:.1f} p/s   "
              f"ratio {r2 / r1:.2f}x   [CPU {w1['cpu']:.1f} s vs {w2['cpu']:.1f} s]")
    print(f"load average {os.getloadavg()[0]:.1f} at the end (other work on the machine slows every wall-clock rate)")
    print(f"\nextract said: {cold['stdout'].splitlines()[0] if cold['stdout'] else ''}")
    (WORK / "results.json").write_text(json.dumps(results, indent=1))
    return 0
