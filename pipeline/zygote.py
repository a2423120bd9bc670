"""Imported by the worker fork server: each worker is forked with the pipeline built.

Importing spaCy and building the pipeline is most of a worker's start (about 0.9 s of
CPU); done once here, it is shared by every worker forked after, and the fork server
does it while the writer is still opening the database.
"""
from .extract import get_nlp

get_nlp()
