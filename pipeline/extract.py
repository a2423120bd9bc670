"""Extract: a parsed document through the spaCy pipeline into rows per table."""
from __future__ import annotations

import functools
import time
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .nlp import FACT_GROUPS, build_nlp, make_doc
from .nlp.layout import doc_text, in_boilerplate, page_of, page_starts, section_of, sentence_around, sentence_starts
from .records import FAILED, OK, PARTIAL, DocumentResult, ParsedDocument, SourceFile, document_row

# Facts read off an OCR'd page are less certain than those from a text layer.
# A fact read off an OCR'd page is as sure as the reading of that page: Tesseract's mean
# word confidence (0-100) scaled into (0, 0.9]; 0.7 where the page's confidence is unknown.
TEXT_CONFIDENCE, OCR_CONFIDENCE, OCR_CEILING = 1.0, 0.7, 0.9


def ocr_fact_confidence(page_confidence: float | None) -> float:
    if page_confidence is None:
        return OCR_CONFIDENCE
    return round(max(0.1, min(OCR_CEILING, OCR_CEILING * page_confidence / 100)), 3)
MENTION_LABELS = {
    "parties": "PARTY", "people": "PERSON", "dates": "DATE", "amounts": "MONEY",
    "volumes": "VOLUME", "durations": "DURATION", "identifiers": "ID", "orgs": "ORG",
}


@functools.lru_cache(maxsize=1)
def get_nlp() -> Language:
    """One pipeline per process: building it costs far more than running it on a page."""
    return build_nlp()




def run_components(nlp: Language, doc: Doc) -> tuple[Doc, list[str]]:
    """Run the pipeline's components one by one; one that fails is named and skipped.

    A rule that trips over an unforeseen text must not cost the document its other
    facts: its dates and amounts are still found, and the document is ``partial``
    with the component's error.
    """
    problems = []
    for name, proc in nlp.pipeline:
        try:
            doc = proc(doc)
        except Exception as exc:  # noqa: BLE001 (the batch goes on; the reason is kept)
            problems.append(f"{name} failed on this text ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})")
    return doc, problems


def extract_document(parsed: ParsedDocument, nlp: Language | None = None) -> DocumentResult:
    t0 = time.perf_counter()
    src = parsed.source
    if parsed.status == FAILED:
        return DocumentResult(src, document_row(src, status=FAILED, error=parsed.error, n_pages=parsed.n_pages or None))
    nlp = nlp or get_nlp()
    ocr = [p.page_no for p in parsed.pages if p.source == "ocr"]
    doc = make_doc(
        nlp,
        [p.text for p in parsed.pages],
        boilerplate=[(p.page_no, s, e) for p in parsed.pages for s, e in p.boilerplate],
        ocr_pages=ocr,
    )
    doc, problems = run_components(nlp, doc)
    status, error = parsed.status, parsed.error
    if problems:
        status = PARTIAL if status == OK else status
        error = "; ".join(([error] if error else []) + problems)
    rows = doc_rows(doc, src.doc_id, {p.page_no: p.ocr_confidence for p in parsed.pages if p.source == "ocr"})
    rows["pages"] = [
        {"doc_id": src.doc_id, "page_no": p.page_no, "text": p.text, "source": p.source,
         "ocr_confidence": p.ocr_confidence}
        for p in parsed.pages
    ]
    rows["tables"] = [
        {"doc_id": src.doc_id, "page_no": t.page_no, "table_no": t.table_no, "row_no": t.row_no,
         "cells": t.cells, "flags": t.flags}
        for t in parsed.tables
    ]
    document = document_row(
        src,
        n_pages=parsed.n_pages, status=status, error=error,
        doc_type=doc._.doc_type, title=doc._.title, authority=doc._.authority,
        document_date=doc._.document_date,
        text_chars=sum(len(p.text) for p in parsed.pages), ocr_pages=len(ocr),
        seconds=round(time.perf_counter() - t0, 4),
    )
    return DocumentResult(src, document, rows)


def doc_rows(doc: Doc, doc_id: str, ocr_confidence: dict[int, float | None] | None = None,
             ) -> dict[str, list[dict[str, Any]]]:
    """Rows for every fact table, the mentions and the sections of a processed Doc.

    ``ocr_confidence``: page number -> OCR confidence of the pages read by OCR.
    """
    starts = page_starts(doc)
    ocr_confidence = ocr_confidence if ocr_confidence is not None else dict.fromkeys(doc._.ocr_pages)
    rows: dict[str, list[dict[str, Any]]] = {g: [] for g in FACT_GROUPS}
    rows["mentions"], rows["sections"] = [], []

    # read once: Doc.text and Span.text join every token anew, and thousands of spans ask
    text = doc_text(doc)
    sent_starts = sentence_starts(doc) if doc.has_annotation("SENT_START") else None
    # the extension's getter itself: ``span._`` builds an Underscore per read (2 us, 8x)
    norm_of = Span.get_extension("norm")[2]

    def provenance(span: Span) -> dict[str, Any]:
        page_no = page_of(span, starts)
        base = starts[page_no - 1]
        s, e = span.start_char, span.end_char
        return {
            "page_no": page_no,
            "start_char": s - base,
            "end_char": e - base,
            # a bare pipeline has no sentences: the span is its own evidence
            "evidence": text[s:e] if sent_starts is None else sentence_around(text, sent_starts, s, e),
        }

    seen_parties = set()
    for group in FACT_GROUPS:
        for span in doc.spans.get(group, []):
            norm = norm_of(span)
            if norm is None:
                continue
            # No fact comes from a running header or footer, but the office in the
            # letterhead is the one that wrote the document: a scan repeats it on every
            # page, and there it is the only place the preparer is named.
            if in_boilerplate(span) and not (group == "parties" and norm.get("role") == "preparer"):
                continue
            prov = provenance(span)
            row = {"doc_id": doc_id, **norm}
            if group == "parties":
                key = (row.get("canonical_name"), row.get("role"))
                if key in seen_parties:  # a party with two roles is two rows, not one per mention
                    continue
                seen_parties.add(key)
            elif group != "people":
                row["text"] = text[span.start_char:span.end_char]
            row.update(prov)
            row["section"] = section_of(span)
            page_no = prov["page_no"]
            row["confidence"] = (ocr_fact_confidence(ocr_confidence[page_no]) if page_no in ocr_confidence
                                 else TEXT_CONFIDENCE)
            rows[group].append(row)
    for group, label in MENTION_LABELS.items():
        for span in doc.spans.get(group, []):
            if in_boilerplate(span):
                continue
            prov = provenance(span)
            rows["mentions"].append({
                "doc_id": doc_id, "label": label, "text": text[span.start_char:span.end_char],
                "normalized": _normalized(norm_of(span)), "page_no": prov["page_no"],
                "start_char": prov["start_char"], "end_char": prov["end_char"],
                "sentence": prov["evidence"],
            })
    for i, sec in enumerate(doc.spans.get("sections", [])):
        page_no = page_of(sec, starts)
        base = starts[page_no - 1]
        rows["sections"].append({
            "doc_id": doc_id, "section_no": i + 1, "heading": sec.label_, "page_no": page_no,
            "start_char": sec.start_char - base, "end_char": sec.end_char - base,
        })
    contract = doc._.contract
    rows["contracts"] = [{"doc_id": doc_id, **contract}] if contract else []
    return rows


def _normalized(norm: dict | None) -> str | None:
    if not norm:
        return None
    for key in ("canonical_name", "date", "amount_sek", "value", "name"):
        if norm.get(key) is not None:
            return str(norm[key])
    return None
