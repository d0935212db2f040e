"""The Newsletter2Go provider kit (PEIQ PORTAL → Newsletter2Go): secrets, checklist, check N0."""

from nlconsole.core.newsletter2go.kit import Newsletter2GoKit

KIT = Newsletter2GoKit()
