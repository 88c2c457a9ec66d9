"""The key room's words for its codes (CORE-8): every audit event kind it records, every signer role
(signature capacity) it asks for, and the records its references name. Registered by KeysConfig.ready()."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.labels import RecordRef

EVENT_LABELS = {
    "keys.custody_check.completed": _("Custody check completed"),
    "keys.custody_check.spot_started": _("Unannounced spot check started"),
    "keys.custody_check.finding_added": _("Check finding recorded"),
    "keys.custody_check.finding_closed": _("Check finding closed"),
    "keys.custody_check.started": _("Custody check started"),
    "keys.daily_review.recorded": _("Daily review of the key register recorded"),
    "keys.deposit.collected": _("Deposited key collected"),
    "keys.deposit.custody_delegated": _("Custody of deposited keys delegated"),
    "keys.deposit.deposited": _("Key deposited"),
    "keys.deposit.lock_change_completed": _("Lock change completed"),
    "keys.deposit.lock_change_reported": _("Lock change reported"),
    "keys.deposit.opened": _("Sealed key opened"),
    "keys.deposit.opening_closed": _("Use of the sealed key closed"),
    "keys.deposit.opening_decided": _("Use of the sealed key decided"),
    "keys.deposit.opening_requested": _("Use of the sealed key requested"),
    "keys.deposit.paperwork_completed": _("Paperwork after opening completed"),
    "keys.deposit.resealed": _("Key sealed again"),
    "keys.deposit.resident_called": _("Resident called"),
    "keys.deposit.unit_keys_handed_over": _("Unit keys handed over to the owner"),
    "keys.extension.requested": _("Extension of the loan requested"),
    "keys.extension.approved": _("Extension of the loan approved"),
    "keys.extension.rejected": _("Extension of the loan rejected"),
    "keys.fault.reported": _("Key fault reported"),
    "keys.fault.resolved": _("Key fault resolved"),
    "keys.incident.opened": _("Key incident opened"),
    "keys.incident.resolved": _("Key incident resolved"),
    "keys.inventory.discrepancy_resolved": _("Inventory discrepancy resolved"),
    "keys.inventory.started": _("Key inventory started"),
    "keys.inventory.submitted": _("Key inventory submitted"),
    "keys.key.created": _("Key added to the register"),
    "keys.key.retired": _("Key retired"),
    "keys.key.updated": _("Key details changed"),
    "keys.ledger.imported": _("Key register imported"),
    "keys.loan.applied": _("Applied to borrow the key"),
    "keys.loan.approved": _("Loan approved"),
    "keys.loan.cancelled": _("Loan application cancelled"),
    "keys.loan.checked_out": _("Key lent out"),
    "keys.loan.closed_lost": _("Loan closed: key lost"),
    "keys.loan.emergency_released": _("Key released in an emergency"),
    "keys.loan.followed_up": _("Overdue loan followed up"),
    "keys.loan.rejected": _("Loan rejected"),
    "keys.loan.returned": _("Key returned"),
    "keys.loss.assessed": _("Loss assessed"),
    "keys.loss.closed": _("Loss report closed"),
    "keys.loss.compensation_set": _("Compensation set"),
    "keys.loss.measure_recorded": _("Remedial measure recorded"),
    "keys.loss.paid": _("Compensation paid"),
    "keys.loss.reassessed": _("Loss assessed again"),
    "keys.loss.repaired": _("Key repaired"),
    "keys.loss.reported": _("Key loss or damage reported"),
    "keys.loss.sent_for_repair": _("Key sent for repair"),
    "keys.loss.statement_signed": _("Written statement signed"),
    "keys.repair.confirmation_recorded": _("Repair key confirmation recorded"),
    "keys.repair.picked_up": _("Repair key picked up"),
    "keys.shift_key.listed": _("Key added to the shift keys"),
    "keys.shift_key.unlisted": _("Key removed from the shift keys"),
    "keys.shift_slip.followup_resolved": _("Handover slip follow-up resolved"),
    "keys.shift_slip.recorded": _("Key handover slip recorded"),
    "keys.transfer.requested": _("Handing the key to another person requested"),
    "keys.transfer.approved": _("Handing the key to another person approved"),
    "keys.transfer.rejected": _("Handing the key to another person rejected"),
    "keys.vacant.duplicates_cut": _("Duplicate keys cut"),
    "keys.vacant.duplication_requested": _("Duplication of a key requested"),
    "keys.vacant.duplication_approved": _("Duplication of a key approved"),
    "keys.vacant.duplication_rejected": _("Duplication of a key rejected"),
}

SIGNER_ROLES = {
    "borrower": _("Borrower"),
    "issuer": _("Issued by"),
    "handed_by": _("Key handed over by"),
    "received_by": _("Key taken over by"),
    "manager": _("Customer-service manager"),
    "witness_1": _("Witness 1"),
    "witness_2": _("Witness 2"),
    "witness_3": _("Witness 3"),
    "witness_4": _("Witness 4"),
    "resident": _("Resident"),
    "resident_seal": _("Resident (sealed key)"),
    "resident_reseal": _("Resident (sealed again)"),
    "resident_paperwork": _("Resident (request after opening)"),
    "collector": _("Collector"),
    "owner": _("Owner"),
    "loss_statement": _("Borrower's written statement"),
}


def loss_report_ref(pk: int):
    """A loss report has no number of its own: it is named by its key's number."""
    from django.urls import reverse
    from django.utils.translation import gettext

    from keys.models import LossReport

    report = LossReport.objects.filter(pk=pk).select_related("key").first()
    if report is None:
        return None
    return RecordRef(number=gettext("%(key)s loss report") % {"key": report.key.number},
                     url=reverse("pages:loss-report", args=[pk]))


def register() -> None:
    from core import labels

    labels.register_event_labels(EVENT_LABELS)
    labels.register_signer_roles(SIGNER_ROLES)
    labels.register_record_kind("keys.loss", loss_report_ref)
