"""caseboard: news articles in, an evidence-linked intelligence brief out."""

__version__ = "0.1.0"
