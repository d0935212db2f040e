"""Core services of nlconsole: models, profiles, secrets, credentials, checks.

Nothing in this package imports Textual (a test enforces it), so every decision here is usable
from the headless CLI and testable without a terminal.
"""
