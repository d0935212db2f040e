"""The Maileon provider kit (cmxOrganize → Maileon): secrets, checklist, pre-flight check M0."""

from nlconsole.core.maileon.kit import MaileonKit

KIT = MaileonKit()
