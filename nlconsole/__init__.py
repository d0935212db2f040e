"""nlconsole: set up and acceptance-test Maileon and Newsletter2Go newsletter interfaces.

Importing the package is cheap on purpose: nothing here pulls in Textual, httpx or keyring, so
the CLI and the console's first frame only pay for what they use.
"""

__version__ = "0.1.0"
