"""The pipeline's benchmark: ``python -m bench`` (``make bench``); see bench/run.py."""
