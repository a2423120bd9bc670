"""A naive dates baseline the evaluation prints next to the pipeline's score.

``dateparser.search.search_dates`` over each page, Swedish only. We keep a result
only when the matched string itself names a day, a month and a year (checked by
parsing it again with ``REQUIRE_PARTS``): search_dates otherwise fills missing parts
from today's date, and "hösten 2022", a bare "2017" or "två år" (relative to today) would
become invented days that the contract says are not dates. This is the fair version of the baseline:
what an off-the-shelf parser gives when used with the contract's rule in mind.
"""
from __future__ import annotations

import functools
from typing import Iterable

# relative expressions ("två år", "nu") count as complete for REQUIRE_PARTS: leave them out
SETTINGS = {
    "DATE_ORDER": "DMY",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
}


@functools.lru_cache(maxsize=4096)
def _full_date(s: str) -> str | None:
    import dateparser

    d = dateparser.parse(s, languages=["sv"], settings=SETTINGS)
    return d.date().isoformat() if d else None


def baseline_dates(page_texts: Iterable[str]) -> set[str]:
    """ISO dates dateparser's search finds in the pages (day, month and year written)."""
    from dateparser.search import search_dates

    found: set[str] = set()
    for text in page_texts:
        if not text or not text.strip():
            continue
        for matched, _dt in search_dates(text, languages=["sv"], settings={"DATE_ORDER": "DMY"}) or []:
            iso = _full_date(matched)
            if iso:
                found.add(iso)
    return found
