"""The front desk's words for its codes (CORE-8): every audit event kind it records, every signer role
(signature capacity) it asks for, and the records named by references such as "repair:9" (their
document numbers BX-…, TS-… and pages). Registered by DeskConfig.ready()."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "desk.complaint.registered": _("Complaint registered"),
    "desk.complaint.sent": _("Complaint sent to the department"),
    "desk.complaint.handled": _("Complaint handled"),
    "desk.complaint.escalated": _("Complaint escalated as major"),
    "desk.complaint.closed": _("Complaint closed"),
    "desk.complaint.summary_saved": _("Complaint summary saved"),
    "desk.contact.registered": _("Customer contact registered"),
    "desk.contact.routed": _("Contact routed to a department"),
    "desk.contact.escalated": _("Contact escalated"),
    "desk.contact.became_matter": _("Contact turned into a work order"),
    "desk.contact.closed": _("Contact closed"),
    "desk.paid.registered": _("Paid service registered"),
    "desk.paid.performed": _("Paid service performed"),
    "desk.paid.signed": _("Paid service signed by the resident"),
    "desk.paid.paid": _("Paid service charged"),
    "desk.paid.waived": _("Charge waived"),
    "desk.paid.cancelled": _("Paid service cancelled"),
    "desk.quality.checked": _("Service quality checked"),
    "desk.quality.nonconformity_closed": _("Nonconformity closed"),
    "desk.repair.reported": _("Repair reported"),
    "desk.repair.dispatched": _("Repair dispatched"),
    "desk.repair.appointment_booked": _("Repair appointment booked"),
    "desk.repair.set_out": _("Technician set out"),
    "desk.repair.completed": _("Repair completed"),
    "desk.repair.signed": _("Repair signed off"),
    "desk.repair.cancelled": _("Repair cancelled"),
    "desk.visits.closure_registered": _("Closed matter registered for a return visit"),
    "desk.visits.planned": _("Return visit planned"),
    "desk.visits.assigned": _("Return visit assigned"),
    "desk.visits.phone_shown": _("Resident's phone shown for a return visit"),
    "desk.visits.recorded": _("Return visit recorded"),
    "desk.visits.reviewed": _("Return visit reviewed"),
    "desk.visits.filed": _("Return visit records filed"),
    "desk.visits.analysis_saved": _("Quarterly analysis saved"),
    "desk.visits.analysis_concluded": _("Quarterly analysis concluded"),
    "desk.goods_pass.registered": _("Goods-release pass applied for"),
    "desk.goods_pass.owner_consented": _("Owner consented to the goods leaving"),
    "desk.goods_pass.owner_refused": _("Owner refused the goods leaving"),
    "desk.goods_pass.approved": _("Goods-release pass approved"),
    "desk.goods_pass.rejected": _("Goods-release pass rejected"),
    "desk.goods_pass.revoked": _("Goods-release pass revoked"),
    "desk.goods_pass.let_out": _("Goods let out at the gate"),
    "desk.access_pass.issued": _("Access pass issued"),
    "desk.access_pass.checked": _("Access pass checked at the gate"),
    "desk.access_pass.returned": _("Access pass handed back"),
    "desk.access_pass.revoked": _("Access pass revoked"),
    "desk.lost.registered": _("Lost property registered"),
    "desk.lost.returned": _("Lost property returned to its owner"),
    "desk.lost.disposed": _("Unclaimed lost property disposed of"),
}

SIGNER_ROLES = {
    "resident": _("Resident"),
    "paid_service_resident": _("Resident"),
    "repair_completion": _("Signed off by"),
    "lost_claimant": _("Claimant"),
}

# Reference kind -> (model, number field, page). "repair:9" and "desk.repair:9" both name Repair 9.
RECORD_KINDS = {
    "repair": ("desk.Repair", "serial", "desk:repairs-detail"),
    "complaint": ("desk.Complaint", "serial", "desk:complaints-detail"),
    "paid": ("desk.PaidService", "serial", "desk:paid-detail"),
    "contact": ("desk.Contact", "serial", "desk:intake-detail"),
    "visit": ("desk.ReturnVisit", "number", "desk:visits-detail"),
    "goods_pass": ("desk.GoodsPass", "serial", "desk:passes-detail"),
    "access_pass": ("desk.AccessPass", "serial", "desk:access-detail"),
    "lost": ("desk.LostItem", "serial", "desk:lost-detail"),
}


def register() -> None:
    from django.apps import apps

    from core import labels

    labels.register_event_labels(EVENT_LABELS)
    labels.register_signer_roles(SIGNER_ROLES)
    for kind, (model, field, url_name) in RECORD_KINDS.items():
        labels.register_record_kind(kind, labels.model_ref(apps.get_model(model), field, url_name))


# --- The desk's daily registers (FRONT-1..4) ---------------------------------------------------------------------
EVENT_LABELS.update({
    "desk.visitor.registered": _("Visitor registered"),
    "desk.visitor.identified": _("Visitor's identification recorded"),
    "desk.visitor.admitted": _("Visitor let in with the host's agreement"),
    "desk.visitor.refused": _("Visitor refused entry"),
    "desk.visitor.left": _("Visitor left"),
    "desk.mail.registered": _("Mail item registered"),
    "desk.mail.notified": _("Resident told of a mail item"),
    "desk.mail.collected": _("Mail item collected"),
    "desk.mail.subscribed": _("Periodical subscription recorded"),
    "desk.deposit.registered": _("Item for others registered"),
    "desk.deposit.approved": _("Item for others approved"),
    "desk.deposit.rejected": _("Item for others rejected"),
    "desk.deposit.signed_in": _("Item for others signed in"),
    "desk.deposit.signed_out": _("Item for others signed out"),
    "desk.closing.closed": _("Desk closed for the day"),
})
SIGNER_ROLES.update({
    "mail_collector": _("Collected by"),
    "deposit_depositor": _("Deposited by"),
    "deposit_collector": _("Collected by"),
})
RECORD_KINDS.update({
    "visitor": ("desk.Visitor", "serial", "desk:visitors-detail"),
    "mail": ("desk.MailItem", "serial", "desk:mail-detail"),
    "deposit": ("desk.Deposit", "serial", "desk:deposits-detail"),
})
