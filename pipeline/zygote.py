"""Imported by the worker fork server: each worker is forked with the pipeline built.

Importing spaCy and building the pipeline is most of a worker's start (about 0.8 s of
CPU); done once here, it is shared by every worker forked after, and the fork server
does it while the writer is still opening the database.
"""
import sys
import types
from contextlib import contextmanager


@contextmanager
def _without_spacy_cli():
    """``import spacy`` without its command line.

    spaCy's ``__init__`` imports ``spacy.cli.info`` for the ``spacy.info`` shortcut,
    and with it every command (typer, weasel, httpx, jinja2): 0.18 s of the fork
    server's start, which every worker waits for, for code a worker never runs. While
    spaCy is imported a stand-in answers for the two modules; they are then forgotten,
    so ``import spacy.cli`` loads the real ones, and the stand-in ``spacy.info``
    imports the real one when called.
    """
    if "spacy" in sys.modules:
        yield
        return
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    info_module = types.ModuleType("spacy.cli.info")

    def info(*args, **kwargs):
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    info_module.info = info
    stand_ins = {"spacy.cli": cli, "spacy.cli.info": info_module}
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


try:
    with _without_spacy_cli():
        import spacy  # noqa: F401
except ImportError:  # a spaCy whose start needs more of its command line: import it whole
    import spacy  # noqa: F401

from .extract import get_nlp  # noqa: E402

get_nlp()
