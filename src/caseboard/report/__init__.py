"""Brief assembly and renderers (JSON export, Markdown, HTML)."""
