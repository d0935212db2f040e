"""`python -m nlconsole` runs the command-line entry point."""

from nlconsole.cli import main

raise SystemExit(main())
