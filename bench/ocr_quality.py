"""``python -m bench.ocr_quality``: how well OCR reads degraded scans (not a test).

Pages of the text sample are turned into degraded image-only scans
(tests/scangen.py) and parsed like any PDF, without the OCR cache. Per degradation:
- words: word agreement (difflib ratio over words) between the OCR text and the text
  layer of the same page;
- facts: dates, amounts and identifiers that ``build_nlp()`` finds on the OCR page
  and on the text page; "found" = share of the text page's facts found on the OCR page,
  "extra" = facts the OCR page has that the text page has not;
- conf: Tesseract's mean word confidence;
- s/page: wall-clock seconds of parse per page (the machine is shared: a rough rate),
  and cpu/page: CPU seconds of this process and its Tesseract children per page
  (what a busy machine moves much less).
Also the seconds per page on the real scanned sample, which is a clean scan.
"""
from __future__ import annotations

import argparse
import resource
import difflib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.nlp import build_nlp  # noqa: E402
from pipeline.parse import parse_pdf  # noqa: E402
from pipeline.records import SourceFile  # noqa: E402
from tests.scangen import DEGRADATIONS, degraded_pdf  # noqa: E402

SAMPLE = ROOT / "data" / "raw" / "sample"
# pages with dates, amounts and identifiers on them, from three kinds of document
PAGES = (("000_7f2fc2e1f45aab5b.pdf", 1), ("001_62d12ed7b24e347c.pdf", 2),
         ("002_1900549f2ee016df.pdf", 1), ("004_73ab96fcde37e5c4.pdf", 3))
SCANNED = "004_73ab96fcde37e5c4_scanned.pdf"


def source(path: Path) -> SourceFile:
    # no sha256: the OCR cache is neither read nor written
    return SourceFile(doc_id=path.stem, path=str(path), rel_path=path.name, file_name=path.name,
                      batch="bench", sha256="", bytes=path.stat().st_size)


def cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def words_ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def facts(nlp, text: str) -> set:
    doc = nlp(text)
    keys = {"dates": ("date",), "amounts": ("amount_sek",), "identifiers": ("kind", "value")}
    return {(g, *(s._.norm[k] for k in ks)) for g, ks in keys.items() for s in doc.spans[g]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", help="degradations whose name contains this")
    ap.add_argument("--pages", type=int, default=len(PAGES), help="how many of the bench pages")
    args = ap.parse_args(argv)
    nlp = build_nlp()
    pages = PAGES[: args.pages]
    truth = {}
    for name, no in pages:
        page = parse_pdf(source(SAMPLE / name)).pages[no - 1]
        truth[(name, no)] = (page.text, facts(nlp, page.text))
    print(f"{'degradation':42} {'words':>6} {'found':>6} {'extra':>6} {'conf':>5} {'s/page':>7} {'cpu/page':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for d in DEGRADATIONS:
            if args.only and args.only not in d.name:
                continue
            ratios, confs, n_text, n_found, n_extra, secs, cpus = [], [], 0, 0, 0, 0.0, 0.0
            for name, no in pages:
                pdf = Path(tmp) / f"{Path(name).stem}-{no}.pdf"
                pdf.write_bytes(degraded_pdf(SAMPLE / name, [no], d))
                t0, c0 = time.perf_counter(), cpu()
                parsed = parse_pdf(source(pdf))
                secs += time.perf_counter() - t0
                cpus += cpu() - c0
                text = parsed.pages[0].text
                t_text, t_facts = truth[(name, no)]
                o_facts = facts(nlp, text)
                ratios.append(words_ratio(text, t_text))
                confs.append(parsed.pages[0].ocr_confidence or 0.0)
                n_text += len(t_facts)
                n_found += len(t_facts & o_facts)
                n_extra += len(o_facts - t_facts)
            print(f"{d.name:42} {sum(ratios) / len(ratios):6.3f} {n_found / max(n_text, 1):6.2f} "
                  f"{n_extra:6d} {sum(confs) / len(confs):5.1f} {secs / len(pages):7.2f} {cpus / len(pages):8.2f}", flush=True)
    if not args.only or args.only in "clean scanned sample":
        t0, c0 = time.perf_counter(), cpu()
        parsed = parse_pdf(source(SAMPLE / SCANNED))
        secs, cpus = time.perf_counter() - t0, cpu() - c0
        print(f"clean scanned sample: {secs / len(parsed.pages):.2f} s/page, {cpus / len(parsed.pages):.2f} cpu/page "
              f"({len(parsed.pages)} pages, confidence {[p.ocr_confidence for p in parsed.pages]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
