"""Thin commands over importable functions (``caseboard.service``)."""
