"""Cross-document linking: entity resolution and event clustering."""
