"""The residents' room in the workspace: its links, each with the predicate its page checks."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core import workspace
from core.workspace import Link, Room
from residents import permissions as may


def provide() -> None:
    workspace.register_room(Room("residents", _("Residents"), 90, (
        Link(_("Satisfaction surveys"), "residents:campaigns", may.run_surveys),
        Link(_("Satisfaction statistics"), "residents:statistics", may.read_satisfaction),
        Link(_("Notices to households"), "residents:notices", may.run_surveys),
        Link(_("Residents' entry codes"), "residents:entry-codes", may.run_surveys),
        Link(_("Consent to use deposited keys"), "residents:consents", may.ask_key_consent),
    )))
