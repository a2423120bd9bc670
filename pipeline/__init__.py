"""Swedish municipal PDFs to facts in DuckDB."""

# Bump when extraction rules change: a new version reprocesses what an older one loaded.
__version__ = "0.1.0"
