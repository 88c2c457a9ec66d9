"""The store room's words for its codes (CORE-8): its audit event kinds, signer roles and record references."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "stores.document.saved": _("Stock document saved"),
    "stores.document.changed": _("Stock document changed"),
    "stores.document.audited": _("Stock document audited"),
    "stores.document.unaudited": _("Stock document un-audited"),
    "stores.stocktake.opened": _("Stocktake opened"),
    "stores.stocktake.submitted": _("Stocktake submitted for approval"),
    "stores.stocktake.approved": _("Stocktake approved"),
    "stores.stocktake.rejected": _("Stocktake rejected"),
    "stores.reconciled": _("Books reconciled"),
    "stores.requisition.applied": _("Requisition made"),
    "stores.requisition.approved": _("Requisition step approved"),
    "stores.requisition.rejected": _("Requisition rejected"),
    "stores.requisition.dispatched": _("Requisition shipped or purchased"),
    "stores.requisition.arrived": _("Requisition arrived"),
    "stores.plan.drawn_up": _("Annual demand plan drawn up"),
    "stores.receiving.recorded": _("Delivery received"),
    "stores.discrepancy.reported": _("Delivery discrepancy reported"),
    "stores.tool_loan.applied": _("Tool loan form filled in"),
    "stores.tool_loan.approved": _("Tool loan approved"),
    "stores.tool_loan.rejected": _("Tool loan rejected"),
    "stores.tool_loan.lent": _("Tool lent"),
    "stores.tool_loan.returned": _("Tool returned and signed back"),
    "stores.damaged.registered": _("Damaged part registered"),
    "stores.damaged.shipped": _("Damaged parts shipped back"),
    "stores.damaged.returned": _("Repaired part back"),
    "stores.freight.entered": _("Freight entered"),
    "stores.freight.decided": _("Freight decided"),
    "stores.maintained": _("Stock maintained"),
}

SIGNER_ROLES = {
    "stores_tool_returner": _("Returned by (borrower)"),
    "stores_tool_receiver": _("Received back by"),
}

RECORD_KINDS = {
    "stores_document": ("stores.StockDocument", "number", None),
    "stores_stocktake": ("stores.Stocktake", "number", None),
    "stores_requisition": ("stores.Requisition", "number", None),
    "stores_toolloan": ("stores.ToolLoan", "serial", None),
    "stores_damagedpart": ("stores.DamagedPart", "number", None),
}


def register() -> None:
    from django.apps import apps

    from core import labels

    labels.register_event_labels(EVENT_LABELS)
    labels.register_signer_roles(SIGNER_ROLES)
    for kind, (model, field, url_name) in RECORD_KINDS.items():
        labels.register_record_kind(kind, labels.model_ref(apps.get_model(model), field, url_name))
