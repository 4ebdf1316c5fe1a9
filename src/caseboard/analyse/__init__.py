"""Cross-document analysis: timeline, corroboration, contradictions, relations, ACH, soft spots."""
