"""Sentence boundaries in text that came out of a PDF: lines wrap mid-sentence."""
from __future__ import annotations

from pipeline.nlp import build_nlp
from pipeline.nlp.layout import SENT_KEY


def sentences(text: str) -> list[str]:
    doc = build_nlp()(text)
    return [" ".join(s.text.split()) for s in doc.sents]


def test_a_wrapped_line_goes_on():
    text = ("Ärendet gäller stödet. Nämnden föreslås besluta att förlänga avtalet med\n"
            "föreningen Solgläntan till och med 2026-12-31.")
    assert sentences(text) == ["Ärendet gäller stödet.", "Nämnden föreslås besluta att förlänga avtalet med "
                               "föreningen Solgläntan till och med 2026-12-31."]


def test_a_short_line_without_a_full_stop_ends():
    text = "Handläggare\nKarin Boström\nEnhetschef\n\nAvtalet löper ut den 31 mars 2027."
    assert sentences(text) == ["Handläggare", "Karin Boström", "Enhetschef", "Avtalet löper ut den 31 mars 2027."]


def test_a_long_line_wrapped_before_a_capital_goes_on():
    text = ("Kultur- och fritidsförvaltningen har under hösten haft en dialog om lokalerna med\n"
            "Föreningen Norrsken som driver verksamheten.")
    assert len(sentences(text)) == 1


def test_offsets_of_sentence_starts_are_kept_for_lookups():
    doc = build_nlp()("Första meningen.\nAndra raden\nTredje raden slutar här.")
    assert doc.user_data[SENT_KEY] == [s.start_char for s in doc.sents]
