"""The runner: ingest -> clean -> extract -> store -> analyse, incremental and resumable."""
