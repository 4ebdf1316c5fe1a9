"""Evaluation: gold annotations, the scorer and the reference-corpus evaluation."""
