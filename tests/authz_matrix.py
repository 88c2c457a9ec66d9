"""The expected authorisation matrix: every page and API endpoint that names an object, which model the
object is, and what any role of another project must get when it asks for that object (ASVS 4.2.1).

`tests/test_authz_matrix.py` walks every URL pattern; a pattern that names an object but is missing
here fails the test, so a new endpoint cannot ship without its row. DRF viewsets name their model
through their queryset; pages (function views) are listed in PAGE_MODELS.

Expected for every role of another project, on every method the route accepts:
  - status 403, 404 or 405 (or 400 only when a non-existent object gets the same 400);
  - never 2xx, never a redirect other than to a sign-in page, never 500;
  - no audit event written (nothing changed).
"""
from __future__ import annotations

DENIED = frozenset({403, 404, 405})

# Page URL name -> (model label, extra URL kwargs). The object is one of the first project's.
PAGE_MODELS: dict[str, tuple[str, dict]] = {
    "attachment-download": ("core.Attachment", {}),
    "notification-read": ("core.Notification", {}),
    "notification-open": ("core.Notification", {}),
    "job-open": ("core.Job", {}),
    "job-status": ("core.Job", {}),
    "pages:lend": ("keys.KeyLoan", {}),
    "pages:take-back": ("keys.KeyLoan", {}),
    "pages:loan": ("keys.KeyLoan", {}),
    "pages:loan-action": ("keys.KeyLoan", {"action": "cancel"}),
    "pages:decide": ("keys.LoanExtension", {"kind": "extension"}),
    "pages:resolve": ("keys.KeyFault", {"kind": "fault"}),
    "pages:key": ("keys.KeySet", {}),
    "pages:key-edit": ("keys.KeySet", {}),
    "pages:key-retire": ("keys.KeySet", {}),
    "pages:inventory-count": ("keys.InventoryCount", {}),
    "pages:inventory-resolve": ("keys.InventoryLine", {}),
    "pages:deposit-detail": ("keys.KeyDeposit", {}),
    "pages:deposit-action": ("keys.KeyDeposit", {"action": "reseal"}),
    "pages:deposit-opening": ("keys.KeyDepositOpening", {}),
    "pages:deposit-opening-action": ("keys.KeyDepositOpening", {"action": "approve"}),
    "pages:loss-report": ("keys.LossReport", {}),
    "pages:loss-action": ("keys.LossReport", {"action": "close"}),
    "pages:loss-duplicate-action": ("keys.DuplicationRequest", {"action": "approve"}),
    "pages:custody-checks-slip": ("keys.ShiftKeySlip", {}),
    "pages:custody-checks-check": ("keys.CustodyCheck", {}),
    "pages:custody-checks-finding-close": ("keys.CheckFinding", {}),
    "printing:application": ("keys.KeyLoan", {}),
    "printing:deposit-handover": ("keys.UnitKeyHandover", {}),
    "printing:loss-statement": ("keys.LossReport", {}),
    "printing:key-handover-slip": ("keys.ShiftKeySlip", {}),
    "duty:log-entry": ("duty.DutyEntry", {}),
    "duty:log-round": ("duty.DutyRound", {}),
    "duty:log-emergency-print": ("duty.DutyEntry", {}),
    "duty:handover-detail": ("duty.Handover", {}),
    "duty:handover-print": ("duty.Handover", {}),
    "duty:roster-detail": ("duty.Roster", {}),
    "duty:roster-act": ("duty.Roster", {}),
    "duty:roster-print": ("duty.Roster", {}),
    "duty:roster-export": ("duty.Roster", {}),
    "duty:roster-request-decide": ("duty.ShiftChangeRequest", {}),
    "duty:attendance-leave-act": ("duty.PostLeave", {}),
    "duty:holidays-prep": ("duty.HolidayPrep", {}),
    "duty:holidays-prep-print": ("duty.HolidayPrep", {}),
    "duty:holidays-calls-xlsx": ("duty.HolidayPrep", {}),
    "desk:intake-detail": ("desk.Contact", {}),
    "desk:repairs-detail": ("desk.Repair", {}),
    "desk:repairs-print": ("desk.Repair", {}),
    "desk:paid-detail": ("desk.PaidService", {}),
    "desk:paid-print": ("desk.PaidService", {}),
    "desk:complaints-detail": ("desk.Complaint", {}),
    "desk:complaints-print-one": ("desk.Complaint", {}),
    "desk:complaints-summary": ("desk.ComplaintSummary", {}),
    "desk:complaints-summary-print": ("desk.ComplaintSummary", {}),
    "desk:visits-detail": ("desk.ReturnVisit", {}),
    "desk:visits-print": ("desk.ReturnVisit", {}),
    "desk:quality-detail": ("desk.QualityCheck", {}),
    "desk:visitors-detail": ("desk.Visitor", {}),
    "desk:mail-detail": ("desk.MailItem", {}),
    "desk:deposits-detail": ("desk.Deposit", {}),
    "desk:passes-detail": ("desk.GoodsPass", {}),
    "desk:passes-print": ("desk.GoodsPass", {}),
    "desk:access-detail": ("desk.AccessPass", {}),
    "desk:access-print": ("desk.AccessPass", {}),
    "desk:lost-detail": ("desk.LostItem", {}),
    "archives:volume": ("archives.Volume", {}),
    "archives:volume-file": ("archives.Volume", {}),
    "archives:volume-print": ("archives.Volume", {}),
    "archives:transfer": ("archives.Transfer", {}),
    "archives:transfer-print": ("archives.Transfer", {}),
    "archives:check": ("archives.ShelfCheck", {}),
    "archives:finding": ("archives.Finding", {}),
    "archives:loan": ("archives.ArchiveLoan", {}),
    "archives:incident": ("archives.ArchiveIncident", {}),
    "archives:outsider": ("archives.OutsiderReading", {}),
    "archives:document": ("archives.Document", {}),
    "archives:document-file": ("archives.Document", {}),
    "archives:document-circulation": ("archives.Document", {}),
    "archives:destruction": ("archives.DestructionList", {}),
    "archives:destruction-print": ("archives.DestructionList", {}),
    "siteoffice:receipt": ("siteoffice.Receipt", {}),
    "siteoffice:receipt-print": ("siteoffice.Receipt", {}),
    "siteoffice:close": ("siteoffice.DailyClose", {}),
    "siteoffice:close-print": ("siteoffice.DailyClose", {}),
    "siteoffice:decoration": ("siteoffice.Decoration", {}),
    "siteoffice:decoration-application": ("siteoffice.Decoration", {}),
    "siteoffice:decoration-permit": ("siteoffice.Decoration", {}),
    "safety:visit": ("safety.Visit", {}),
    "safety:round": ("safety.Round", {}),
    "safety:route-codes": ("safety.Route", {}),
    "safety:hazard": ("safety.Hazard", {}),
    "safety:hazard-notice": ("safety.Hazard", {}),
    "safety:inspection-print": ("safety.Inspection", {}),
    "safety:crew": ("safety.Crew", {}),
    "safety:meeting-ledger": ("safety.Crew", {}),
    "safety:meeting-ledger-export": ("safety.Crew", {}),
    "safety:meeting": ("safety.Meeting", {}),
    "safety:accident": ("safety.Accident", {}),
    "stores:document": ("stores.StockDocument", {}),
    "stores:document-print": ("stores.StockDocument", {}),
    "stores:stocktake-print": ("stores.Stocktake", {}),
    "stores:tool-loan-print": ("stores.ToolLoan", {}),
    "stores:location-card": ("stores.Location", {}),
    "stores:stocktake": ("stores.Stocktake", {}),
    "stores:stocktake-export": ("stores.Stocktake", {}),
    "stores:tool-loan": ("stores.ToolLoan", {}),
    "stores:requisition": ("stores.Requisition", {}),
    "stores:requisition-print": ("stores.Requisition", {}),
    "stores:receiving": ("stores.Receiving", {}),
    "stores:receiving-print": ("stores.Receiving", {}),
    "stores:damaged-part": ("stores.DamagedPart", {}),
    "stores:freight-one": ("stores.FreightCharge", {}),
    "staff:session": ("staff.TrainingSession", {}),
    "staff:session-print": ("staff.TrainingSession", {}),
    "staff:induction": ("staff.Induction", {}),
    "staff:appraisal": ("staff.Appraisal", {}),
    "staff:appraisal-print": ("staff.Appraisal", {}),
    # The residents' door (RES-1): a staff sign-in is no household session, so every portal page refuses it (403);
    # a household of the same project asking for another's gets 404 (residents/tests/test_web.py).
    "portal:consent": ("residents.KeyConsent", {}),
    "portal:survey": ("residents.Campaign", {}),
    "residents:campaign": ("residents.Campaign", {}),
    "residents:questionnaire-print": ("residents.Campaign", {}),
}

# API routes whose viewset chooses its serializer per action (no single queryset/serializer model).
API_MODELS: dict[str, str] = {
    "inventory-detail": "keys.InventoryCount",
    "inventory-submit": "keys.InventoryCount",
    **{f"duty-roster-{action}": "duty.Roster" for action in (
        "detail", "approve", "cells", "issue", "return-to-draft", "review", "revise", "versions")},
}

# Objects named by something other than a primary key. These redirect to a page of the user's own
# project: followed, the final page must not show the object (its `shown` field).
TOKEN_PAGES: dict[str, tuple[str, str, str, str]] = {
    # URL name -> (model label, URL kwarg, model field giving its value, field that must not be shown)
    "pages:tag": ("keys.KeySet", "token", "tag_token", "number"),
    "safety:checkpoint": ("safety.Checkpoint", "token", "token", "name"),
}

# Patterns with an object-like parameter that name no object of a project, with the reason.
NOT_OBJECTS: dict[str, str] = {
    # The lobby code of a building is public by design (posted in the lobby): it opens a sign-in page that shows
    # the project's and building's names and nothing of any household (residents/tests/test_access.py).
    "portal:entry": "a building's public lobby code, no household's record",
    "portal:verify": "a building's public lobby code, no household's record",
    "attachment-upload": "checked for every attachable record type (core.attachments.ATTACHABLE, filled by the rooms)",
    "pages:custody-checks-slip-new": "kind is a slip kind (collect/return), not an object",
    "duty:attendance-report": "month of the user's own project's report",
    "duty:attendance-report-print": "month of the user's own project's report",
    "duty:attendance-report-export": "month of the user's own project's report",
    "desk:visits-analysis": "year and quarter of the user's own project's analysis",
    "desk:visits-analysis-print": "year and quarter of the user's own project's analysis",
    "archives-category-detail": "a company's archive category, shared by the company's projects (ARCH-1)",
    "archives-category-edit": "a company's archive category, edited by an archivist of any of its projects (ARCH-1)",
    # A person belongs to the company, not to a project: core.rest_clearance.person_to_clear answers 404 to
    # anyone sharing no project with them and 403 to a colleague without a clearing role
    # (keys/tests/test_clearance.py proves both, nothing changed).
    "api-person-clearance": "a person of the company, reached only through a shared project (ARCH-7)",
    "api-person-deactivate": "a person of the company, reached only through a shared project (ARCH-7)",
}


# Django admin: staff accounts only; no project role is staff, so every admin URL must send them to sign in.
ADMIN_PREFIX = "admin/"
ADMIN_PUBLIC = frozenset({"/admin/login/", "/admin/logout/"})
