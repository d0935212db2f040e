"""API clients for the newsletter providers (no Textual; core uses them, never the reverse)."""
