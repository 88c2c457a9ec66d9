"""Over-long text is refused by the key room's services, never cut (issue 14, finding 5): one character over the
column is `too_long` and changes nothing; exactly the column's length is stored whole."""
from __future__ import annotations

import datetime as dt
import io

import pytest

from core.errors import DomainError
from core.testing.fixtures import unchanged
from keys.categories import Category
from keys.models import (
    CheckFinding,
    CustodyCheck,
    CustodyDelegation,
    DailyReview,
    DailyReviewEntry,
    DepositLockChange,
    DuplicationRequest,
    InventoryLine,
    KeyDeposit,
    KeyDepositOpening,
    KeyLoan,
    KeySet,
    LoanApproval,
    LoanExtension,
    LoanIncident,
    LossReport,
    RepairPickup,
    ShiftKeySlip,
)
from keys.selectors.loans import keys_expected_on_hook
from keys.services import (
    custody_checks,
    daily,
    deposit,
    deposit_opening,
    desk,
    inventory,
    loans,
    loss_settlement,
    loss_vacant,
    repair_keys,
    requests,
    shift_keys,
)
from keys.tests.custody_checks_helpers import collect, listed_keys, monthly_check
from keys.tests.deposit_helpers import *  # its fixtures
from keys.tests.deposit_helpers import approved_emergency, make_deposit
from keys.tests.helpers import apply, lend, make_key
from keys.tests.loss_helpers import *  # its fixtures
from keys.tests.loss_helpers import report

CHAR = "长"


def refused_then_whole(call, stored, limit: int, *watched) -> None:
    """`call(text)` refuses limit + 1 characters with too_long and changes nothing, then stores `limit` whole."""
    with unchanged(*watched), pytest.raises(DomainError) as err:
        call(CHAR * (limit + 1))
    assert err.value.code == "too_long" and err.value.details["limit"] == limit
    call(CHAR * limit)
    assert stored() == CHAR * limit


@pytest.mark.req("KEY-SHIFT-1")
def test_a_slip_explanation_and_its_resolution_are_refused_past_300_characters(project, users):
    keys = listed_keys(project, users)
    counts = {keys[0].pk: 1, keys[1].pk: 2}
    refused_then_whole(lambda text: collect(project, users, keys, counts=counts, explanation=text),
                       lambda: ShiftKeySlip.objects.get().explanation, 300, ShiftKeySlip, KeySet)
    slip = ShiftKeySlip.objects.get()
    refused_then_whole(lambda text: shift_keys.resolve_slip_followup(slip=slip, resolved_by=users["kfzg"],
                                                                     resolution=text),
                       lambda: ShiftKeySlip.objects.get().resolution, 300, ShiftKeySlip)


@pytest.mark.req("KEY-LOAN-8")
def test_an_extension_decision_comment_is_refused_past_300_characters(project, users, unit_key):
    loan = lend(unit_key, users)
    ext = requests.request_extension(loan=loan, requested_by=users["gongcheng1"],
                                     new_due_at=loan.due_at + dt.timedelta(hours=5), reason="未修完")
    refused_then_whole(lambda text: requests.decide_extension(extension=ext, approver=users["kfzg"], approve=True,
                                                              comment=text),
                       lambda: LoanExtension.objects.get().comment, 300, LoanExtension, KeyLoan)


@pytest.mark.req("KEY-LOAN-3")
def test_a_rejection_reason_is_refused_past_300_characters(project, users, public_key):
    loan = apply(public_key, users)
    step = loans.next_step(loan)[1]
    approver = next(users[name] for name in ("gczg", "kfzg", "xzzg", "zongjingli", "jingli")
                    if loans.may_decide(users[name], loan, step))
    refused_then_whole(lambda text: loans.reject_loan(loan=loan, approver=approver, comment=text),
                       lambda: LoanApproval.objects.get().comment, 300, LoanApproval, KeyLoan)


@pytest.mark.req("KEY-LOAN-10")
def test_a_return_note_is_refused_past_300_characters_and_an_incident_keeps_it_whole(project, users, unit_key):
    loan = lend(unit_key, users)
    refused_then_whole(lambda text: desk.return_key(loan=loan, receiver=users["kefu1"], scanned=unit_key.tag_token,
                                                    pieces_returned=2, accept_discrepancy=True, note=text),
                       lambda: KeyLoan.objects.get().closing_note, 300, KeyLoan, KeySet, LoanIncident)
    assert LoanIncident.objects.get().description == CHAR * 300


@pytest.mark.req("KEY-CHECK-1")
def test_a_finding_and_a_checklist_note_are_refused_past_300_characters(project, users):
    check = monthly_check(project, users)
    refused_then_whole(lambda text: custody_checks.add_finding(check=check, added_by=users["xingzheng"],
                                                               description=text, owner=users["kefu1"],
                                                               item="storage"),
                       lambda: CheckFinding.objects.get().description, 300, CheckFinding)
    results = {"ledger": {"ok": True}, "returns": {"ok": True}}
    refused_then_whole(lambda text: custody_checks.complete_check(
                           check=check, completed_by=users["xingzheng"],
                           results={**results, "storage": {"ok": False, "note": text}}),
                       lambda: CustodyCheck.objects.get().results["storage"]["note"], 300, CustodyCheck)


@pytest.mark.req("KEY-LOSS-1")
def test_a_loss_report_place_is_refused_past_200_characters(project, users, unit_key):
    refused_then_whole(lambda text: report(unit_key, users, place=text), lambda: LossReport.objects.get().place,
                       200, LossReport, KeySet)


@pytest.mark.req("KEY-LOSS-2")
def test_a_damage_assessment_is_refused_past_300_characters(project, users, public_key):
    rep = report(public_key, users, kind="damaged", by="xingzheng")
    refused_then_whole(lambda text: loss_settlement.assess_damage(report=rep, assessed_by=users["xingzheng"],
                                                                  repairable=True, note=text),
                       lambda: LossReport.objects.get().assessment_note, 300, LossReport)


@pytest.mark.req("KEY-VACANT-1")
def test_a_duplication_reason_is_refused_past_300_characters(project, users, vacant_key):
    refused_then_whole(lambda text: loss_vacant.request_duplication(key=vacant_key, requested_by=users["kefu1"],
                                                                    reason=text, count=1),
                       lambda: DuplicationRequest.objects.get().reason, 300, DuplicationRequest)


@pytest.mark.req("KEY-REPAIR-1")
def test_a_pickup_name_is_refused_past_100_characters(project, users, repair_key):
    refused_then_whole(lambda text: repair_keys.record_pickup(key=repair_key, registered_by=users["kefu1"],
                                                              picker_name=text, relation="owner", id_kind="id_card",
                                                              id_number="110105198001011234"),
                       lambda: RepairPickup.objects.get().picker_name, 100, RepairPickup, KeySet)


@pytest.mark.req("KEY-DEPOSIT-1")
def test_who_may_collect_a_deposited_key_is_refused_past_200_characters(project, users):
    refused_then_whole(lambda text: make_deposit(project, users, may_collect=text),
                       lambda: KeyDeposit.objects.get().may_collect, 200, KeyDeposit, KeySet)


@pytest.mark.req("KEY-DEPOSIT-6")
def test_a_lock_change_note_is_refused_past_300_characters(project, users, sealed_deposit):
    refused_then_whole(lambda text: deposit.report_lock_change(deposit=sealed_deposit, reported_by=users["kefu1"],
                                                               note=text),
                       lambda: DepositLockChange.objects.get().note, 300, DepositLockChange, KeyDeposit)


@pytest.mark.req("KEY-DEPOSIT-8")
def test_a_custody_delegation_reason_is_refused_past_200_characters(project, users):
    today = dt.date(2026, 1, 1)
    refused_then_whole(lambda text: deposit.delegate_custody(project=project, custodian=users["kefu1"],
                                                             delegate=users["kefu2"], starts_on=today,
                                                             ends_on=today + dt.timedelta(days=3), reason=text,
                                                             created_by=users["kfzg"]),
                       lambda: CustodyDelegation.objects.get().reason, 200, CustodyDelegation)


@pytest.mark.req("KEY-DEPOSIT-2")
def test_the_resident_call_outcome_is_refused_past_200_characters(project, users, sealed_deposit):
    opening = approved_emergency(sealed_deposit, users, called=False)
    refused_then_whole(lambda text: deposit_opening.log_resident_call(opening=opening, called_by=users["kefu1"],
                                                                      outcome=text),
                       lambda: KeyDepositOpening.objects.get().call_outcome, 200, KeyDepositOpening)


@pytest.mark.req("KEY-DAILY-1")
def test_a_daily_review_reason_is_refused_past_300_characters(project, users):
    loan = lend(make_key(project, users, Category.VACANT, name="空房301"), users)
    expected = keys_expected_on_hook(project=project)
    refused_then_whole(lambda text: daily.record_daily_review(project=project, reviewed_by=users["kefu1"],
                                                              counted_on_hook=expected, reasons={loan.pk: text}),
                       lambda: DailyReviewEntry.objects.get().reason, 300, DailyReview, DailyReviewEntry)


@pytest.mark.req("KEY-DAILY-2")
def test_a_discrepancy_resolution_is_refused_past_300_characters(project, users):
    key = make_key(project, users, Category.UNIT, name="101", pieces=3)
    count = inventory.start_inventory(project=project, kind="weekly", started_by=users["kefu1"])
    line = count.lines.get(key=key)
    inventory.submit_inventory(count=count, counted_by=users["kefu1"], counts={line.pk: 2})
    refused_then_whole(lambda text: inventory.resolve_discrepancy(line=line, resolved_by=users["kfzg"],
                                                                  resolution=text),
                       lambda: InventoryLine.objects.get(pk=line.pk).resolution, 300, InventoryLine)


@pytest.mark.req("KEY-LOSS-1")
def test_the_api_answers_an_over_long_place_with_400_too_long(api_as, users, public_key):
    """The API's serializer takes any length here: the service's refusal is what the clerk sees."""
    body = {"key": public_key.pk, "kind": "damaged", "place": CHAR * 201, "occurred_when": "上午",
            "circumstances": "钥匙折断"}
    with unchanged(LossReport, KeySet):
        response = api_as(users["xingzheng"]).post("/api/keys/loss-reports/", body, format="json")
    assert response.status_code == 400 and response.json()["code"] == "too_long"
    assert response.json()["details"]["limit"] == 200


@pytest.mark.req("KEY-LOSS-1")
def test_the_page_shows_an_over_long_place_as_a_refusal(client, users, unit_key):
    client.force_login(users["kefu1"])
    with unchanged(LossReport, KeySet):
        response = client.post("/keys/loss/", {"key": unit_key.number, "kind": "lost", "place": CHAR * 201,
                                               "occurred_when": "今天14点", "circumstances": "口袋破了"})
    html = response.content.decode()
    assert response.status_code == 200 and 'data-code="too_long"' in html and "超过 200 个字符" in html


@pytest.mark.req("KEY-LEDGER-4")
def test_a_ledger_upload_with_a_form_field_past_the_long_text_limit_is_refused(project, users, api_as, settings):
    """The ledger import takes a file: the plain fields beside it are bounded like any form (the bound of
    core.rest_parsers.BoundedMultiPartParser, which DRF skips once the NUL middleware has read the body)."""
    upload = io.BytesIO(b"PK\x03\x04 not read")
    upload.name = "ledger.xlsx"
    long = settings.TEXT_MAX_CHARS["long"]
    with unchanged(KeySet):
        response = api_as(users["xingzheng"]).post("/api/keys/import/", {"project": project.pk, "file": upload,
                                                                         "note": CHAR * (long + 1)}, format="multipart")
    assert response.status_code == 400 and response.json()["code"] == "too_long"
    assert response.json()["details"] == {"field": "note", "limit": long}


@pytest.mark.req("KEY-LOAN-8", "KEY-LOAN-1")
def test_required_texts_are_held_to_their_column_too(users, public_key):
    """The reasons and descriptions a person must give are refused one character over their column, not only
    over the note limit: a 301-character extension reason or loan purpose is too_long and nothing changes."""
    from core.errors import DomainError
    from core.testing.fixtures import unchanged
    from keys.models import KeyLoan, LoanExtension
    from keys.services import requests
    from keys.tests.helpers import apply, lend

    with unchanged(KeyLoan), pytest.raises(DomainError) as err:
        apply(public_key, users, purpose="修" * 301)
    assert err.value.code == "too_long"
    loan = lend(public_key, users)
    with unchanged(LoanExtension), pytest.raises(DomainError) as err:
        requests.request_extension(loan=loan, requested_by=users["gongcheng1"],
                                   new_due_at=loan.due_at + dt.timedelta(hours=2), reason="因" * 301)
    assert err.value.code == "too_long"
