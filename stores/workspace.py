"""The store room in the workspace: its links (each with the predicate its page checks) and its figures."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core import workspace
from core.workspace import CLERK, SUPERVISOR, Figure, Link, Room
from stores import permissions as may
from stores.models import StockDocument
from stores.selectors import stock as sel
from stores.services import parts
from stores.states import DocStatus


def provide() -> None:
    workspace.register_room(Room("stores", _("Store room"), 70, (
        Link(_("Stock"), "stores:stock", may.read_stock),
        Link(_("Stocktakes"), "stores:stocktakes", may.read_stock),
        Link(_("Requisitions"), "stores:requisitions", may.read_stock),
        Link(_("Receiving"), "stores:receivings", may.read_stock),
        Link(_("Tool loans"), "stores:tool-loans", may.read_stock),
        Link(_("Damaged-parts register"), "stores:damaged", may.read_stock),
        Link(_("Freight"), "stores:freight", may.read_stock),
        Link(_("Import opening balances"), "stores:opening", may.read_stock),
    )))
    for figure in (
        Figure("stores.unaudited", _("Stock documents awaiting audit"), "stores", SUPERVISOR,
               lambda project, user: StockDocument.objects.filter(project=project, status=DocStatus.SAVED).count(),
               "stores:stock", may.audit_stock),
        Figure("stores.expiring", _("Stock expiring soon"), "stores", CLERK,
               lambda project, user: sel.expiring_lots(project).count(), "stores:stock", may.keep_stock),
        Figure("stores.ship_damaged", _("Damaged parts to ship back"), "stores", CLERK,
               lambda project, user: parts.ship_due(project).count(), "stores:damaged", may.keep_stock),
    ):
        workspace.register_figure(figure)
