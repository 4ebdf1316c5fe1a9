"""Readers (txt, md, html, jsonl, url, manifest), cleaning and dedup."""
