"""The spaCy pipeline as a researcher uses it: built, saved, loaded, called on text."""
from __future__ import annotations

import pytest

import subprocess
import sys
import textwrap

from spacy.tokens import Span

from pipeline.nlp import COMPONENTS, make_doc
from pipeline.nlp.layout import page_of, page_starts, section_of


def test_pipeline_is_blank_swedish_with_registered_components(nlp):
    assert nlp.lang == "sv"
    assert tuple(nlp.pipe_names) == COMPONENTS


def test_round_trip_through_disk_in_a_fresh_interpreter(nlp, tmp_path):
    """spacy.load() finds the factories through the package's entry points."""
    nlp.to_disk(tmp_path / "model")
    code = textwrap.dedent(f"""
        import spacy
        nlp = spacy.load({str(tmp_path / "model")!r})
        doc = nlp("Avtalet förlängs från 2019-01-01 till 2020-12-31 och kostar 450 tkr per år.")
        print(sorted(s._.norm["date"] for s in doc.spans["dates"]))
        print([s._.norm["amount_sek"] for s in doc.spans["amounts"]])
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    dates, amounts = out.stdout.strip().splitlines()
    assert dates == "['2019-01-01', '2020-12-31']"
    assert amounts == "[450000.0]"


def test_each_end_of_a_date_range_is_its_own_span(nlp):
    doc = nlp("Avtalsperioden är 2022-10-01--2026-09-30 enligt avtalet.")
    spans = sorted(doc.spans["dates"], key=lambda s: s.start_char)
    assert [s.text for s in spans] == ["2022-10-01", "2026-09-30"]
    assert [s._.norm["date"] for s in spans] == ["2022-10-01", "2026-09-30"]


def test_spans_over_the_same_text_keep_their_own_values(nlp):
    doc = nlp.make_doc("Attendo Sverige AB")
    a, b = Span(doc, 0, 3, label="supplier"), Span(doc, 0, 3, label="recipient")
    a._.norm, b._.norm = {"role": "supplier"}, {"role": "recipient"}
    doc.spans["parties"] = [a, b]
    assert [s._.norm["role"] for s in doc.spans["parties"]] == ["supplier", "recipient"]


def test_pages_and_sections_are_known_to_every_span(nlp):
    pages = [
        "Förslag till beslut\nAvtalet förlängs till och med 31 mars 2026.",
        "Ekonomiska konsekvenser\nKostnaden är 450 tkr per år.",
    ]
    doc = nlp(make_doc(nlp, pages))
    starts = page_starts(doc)
    (date,) = doc.spans["dates"]
    (amount,) = doc.spans["amounts"]
    assert page_of(date, starts) == 1 and page_of(amount, starts) == 2
    assert section_of(date) == "förslag till beslut"
    assert section_of(amount) == "ekonomiska konsekvenser"
    assert amount.start_char - starts[1] == pages[1].index("450 tkr")


@pytest.mark.slow
def test_a_text_longer_than_spacys_default_limit_is_read():
    from pipeline.nlp import build_nlp

    text = "Nämnden har tagit del av informationen om verksamheten.\n" * 20000 + \
        "Avtalet gäller till och med 2026-12-31."
    assert len(text) > 1_000_000  # spaCy's default nlp.max_length
    doc = build_nlp()(text)
    assert [s._.norm["date"] for s in doc.spans["dates"]] == ["2026-12-31"]
