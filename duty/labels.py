"""The duty desk's words for its codes (CORE-8): every audit event kind it records and every signer
role (signature capacity) it asks for. Registered by DutyConfig.ready()."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "duty.attendance.absence_recorded": _("Absence recorded"),
    "duty.attendance.clerk_designated": _("Attendance clerk designated"),
    "duty.attendance.clock_in": _("Clocked in"),
    "duty.attendance.clock_out": _("Clocked out"),
    "duty.attendance.leave_requested": _("Leave of post requested"),
    "duty.attendance.leave_approved": _("Leave of post approved"),
    "duty.attendance.leave_rejected": _("Leave of post rejected"),
    "duty.attendance.leave_cancelled": _("Leave of post cancelled"),
    "duty.attendance.left_post": _("Left the post"),
    "duty.attendance.returned_to_post": _("Returned to the post"),
    "duty.attendance.report_prepared": _("Attendance report prepared"),
    "duty.attendance.report_refreshed": _("Attendance report brought up to date"),
    "duty.attendance.report_submitted": _("Attendance report submitted"),
    "duty.emergency.filled": _("Emergency form filled in"),
    "duty.emergency.report_received": _("Emergency report received"),
    "duty.emergency.report_submitted": _("Emergency report submitted"),
    "duty.entry.recorded": _("Duty log entry recorded"),
    "duty.entry.resolved": _("Duty log entry followed up"),
    "duty.equipment.started": _("Major equipment started"),
    "duty.equipment.finished": _("Major equipment operation finished"),
    "duty.handover.arrived": _("Arrived for the handover"),
    "duty.handover.carry_added": _("Open item carried over"),
    "duty.handover.carry_done": _("Carried-over item done"),
    "duty.handover.completed": _("Handover completed"),
    "duty.handover.counted": _("Public items counted"),
    "duty.handover.explained": _("Handover explained"),
    "duty.handover.incoming_unfit": _("Incoming staff unfit for duty"),
    "duty.handover.item_saved": _("Handover item saved"),
    "duty.handover.prepared": _("Handover prepared"),
    "duty.handover.ready": _("Ready for the handover"),
    "duty.handover.refused": _("Handover refused"),
    "duty.handover.reopened": _("Handover reopened"),
    "duty.handover.started": _("Handover started"),
    "duty.handover.substitute_named": _("Substitute named"),
    "duty.holidays.calendar_loaded": _("Holiday calendar loaded"),
    "duty.holidays.call_recorded": _("Call to a household recorded"),
    "duty.holidays.day_removed": _("Holiday day removed"),
    "duty.holidays.finding_fixed": _("Inspection finding fixed"),
    "duty.holidays.household_registered": _("Household registered"),
    "duty.holidays.inspection_recorded": _("Pre-holiday inspection recorded"),
    "duty.holidays.makeup_added": _("Make-up working day added"),
    "duty.holidays.notice_posted": _("Holiday notice posted"),
    "duty.holidays.parking_registered": _("Parking registered"),
    "duty.holidays.period_added": _("Holiday period added"),
    "duty.holidays.prep_opened": _("Holiday preparation opened"),
    "duty.holidays.quiet_request_received": _("Request for quiet received"),
    "duty.log.manager_signoff": _("Daily log signed by the manager"),
    "duty.log.supervisor_read": _("Daily log read by the supervisor"),
    "duty.roster.approved": _("Roster approved"),
    "duty.roster.change_requested": _("Shift change requested"),
    "duty.roster.change_approved": _("Shift change approved"),
    "duty.roster.change_rejected": _("Shift change rejected"),
    "duty.roster.change_cancelled": _("Shift change cancelled"),
    "duty.roster.drafted": _("Roster drafted"),
    "duty.roster.edited": _("Roster edited"),
    "duty.roster.holiday_drafted": _("Holiday roster drafted"),
    "duty.roster.issued": _("Roster issued"),
    "duty.roster.pattern_updated": _("Shift pattern changed"),
    "duty.roster.patterns_created": _("Shift patterns created"),
    "duty.roster.returned": _("Roster returned for changes"),
    "duty.roster.reviewed": _("Roster reviewed"),
    "duty.roster.revised": _("Roster revised"),
    "duty.roster.team_set": _("Team set"),
    "duty.roster.withdrawn": _("Roster withdrawn"),
    "duty.round.started": _("Round started"),
    "duty.round.finished": _("Round finished"),
}

SIGNER_ROLES = {
    "outgoing": _("Handed over by"),
    "incoming": _("Taken over by"),
    "manager_signoff": _("Customer-service manager's signature"),
    "supervisor_read": _("Supervisor's daily reading"),
}


def register() -> None:
    from core import labels

    labels.register_event_labels(EVENT_LABELS)
    labels.register_signer_roles(SIGNER_ROLES)
