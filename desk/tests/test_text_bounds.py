"""Over-long text is refused by the front desk's services, never cut (issue 14, finding 5): one character over the
column is `too_long` and changes nothing; exactly the column's length is stored whole."""
from __future__ import annotations

import pytest

from core.errors import DomainError
from desk.models import Closure, Complaint, Contact, Nonconformity, PaidService, Repair, ReturnVisit
from desk.services import complaints, intake, paid, quality, repairs, repairs_sign, visits_record
from desk.tests.complaints_helpers import complaint
from desk.tests.quality_helpers import check, nc
from desk.tests.test_intake_contacts import call
from desk.tests.test_repairs_factories import SIGNATURE, completed, household, unit_of
from desk.tests.visits_helpers import closure, open_window, planned_visit

CHAR = "长"


@pytest.fixture
def refused_then_whole(unchanged):
    """`check(call, stored, limit, *rows)`: `call(text)` refuses limit + 1 characters with too_long, leaving every
    duty and desk table and the given rows as they were, then stores exactly `limit` characters whole."""
    def check_bound(call, stored, limit: int, *rows) -> None:
        with unchanged(*rows), pytest.raises(DomainError) as err:
            call(CHAR * (limit + 1))
        assert err.value.code == "too_long" and err.value.details["limit"] == limit
        call(CHAR * limit)
        assert stored() == CHAR * limit
    return check_bound


@pytest.mark.req("DESK-INTAKE-1")
def test_a_contact_name_is_refused_past_100_characters(project, users, refused_then_whole):
    refused_then_whole(lambda text: call(project, users["kefu1"], person_name=text),
                       lambda: Contact.objects.get().person_name, 100)


@pytest.mark.req("DESK-INTAKE-2")
def test_an_escalation_reason_is_refused_past_300_characters(project, users, refused_then_whole):
    contact = call(project, users["kefu1"])
    refused_then_whole(lambda text: intake.escalate_contact(contact=contact, escalated_by=users["kefu1"],
                                                            level="supervisor", reason=text),
                       lambda: Contact.objects.get().escalation_reason, 300, contact)


@pytest.mark.req("REPAIR-1")
def test_a_repair_location_is_refused_past_200_characters(project, users, refused_then_whole):
    refused_then_whole(lambda text: household(project, users["kefu1"], unit=None, location=text, public_area=True),
                       lambda: Repair.objects.get().location, 200)


@pytest.mark.req("REPAIR-3")
def test_the_household_signer_name_is_refused_past_100_characters(project, users, refused_then_whole):
    repair = completed(project, users)
    refused_then_whole(lambda text: repairs_sign.sign_by_household(repair=repair, witnessed_by=users["gongcheng1"],
                                                                   name=text, image=SIGNATURE, is_adult=True),
                       lambda: Repair.objects.get().signer_name, 100, repair)


@pytest.mark.req("REPAIR-5")
def test_a_cancellation_reason_is_refused_past_300_characters(project, users, refused_then_whole):
    repair = household(project, users["kefu1"])
    refused_then_whole(lambda text: repairs.cancel_repair(repair=repair, cancelled_by=users["kfzg"], reason=text),
                       lambda: Repair.objects.get().cancel_reason, 300, repair)


@pytest.mark.req("SERVICE-1")
def test_a_service_note_and_a_receipt_number_are_refused_past_their_columns(project, users, refused_then_whole):
    service = paid.register_service(project=project, registered_by=users["kefu1"], person_name="业主1-201",
                                    unit=unit_of(project), items=[{"code": "lamp", "quantity": 1}])
    refused_then_whole(lambda text: paid.perform_service(service=service, performed_by=users["gongcheng1"], note=text),
                       lambda: PaidService.objects.get().work_note, 300, service)
    service = paid.sign_service(service=PaidService.objects.get(), witnessed_by=users["kefu1"], name="业主1-201",
                                image=SIGNATURE)
    refused_then_whole(lambda text: paid.record_payment(service=service, received_by=users["kefu1"],
                                                        amount=service.total, receipt_number=text),
                       lambda: PaidService.objects.get().receipt_number, 40, service)


@pytest.mark.req("COMPLAINT-1")
def test_a_complainants_name_is_refused_past_100_characters(project, users, refused_then_whole):
    refused_then_whole(lambda text: complaint(project, users["kefu1"], person_name=text),
                       lambda: Complaint.objects.get().person_name, 100)


@pytest.mark.req("COMPLAINT-2")
def test_an_escalation_note_is_refused_past_300_characters(project, users, refused_then_whole):
    c = complaint(project, users["kefu1"])
    refused_then_whole(lambda text: complaints.escalate_complaint(complaint=c, escalated_by=users["kefu1"], note=text),
                       lambda: Complaint.objects.get().escalation_note, 300, c)


@pytest.mark.req("QUALITY-1")
def test_a_nonconformity_closing_note_is_refused_past_300_characters(project, users, refused_then_whole):
    row = check(project, users, failed=["值班记录"], rows=[nc(users)]).nonconformities.get()
    refused_then_whole(lambda text: quality.close_nonconformity(nonconformity=row, closed_by=users["kfzg"],
                                                                note=text),
                       lambda: Nonconformity.objects.get().closure_note, 300, row)


@pytest.mark.req("VISIT-1")
def test_a_closed_matters_subject_is_refused_past_200_characters(project, users, refused_then_whole):
    refused_then_whole(lambda text: closure(project, users, subject=text),
                       lambda: Closure.objects.get().subject, 200)


@pytest.mark.req("VISIT-4")
def test_the_name_confirming_a_visit_is_refused_past_100_characters(project, users, refused_then_whole):
    visit = open_window(planned_visit(project, users))
    refused_then_whole(lambda text: visits_record.record_visit(
                           visit=visit, visitor=visit.assignee, method="phone", quality="好", effect="已解决",
                           satisfaction="satisfied", resident_name=text, verbal_confirmed=True),
                       lambda: ReturnVisit.objects.get(pk=visit.pk).confirmed_by_name, 100, visit)


@pytest.mark.req("REPAIR-1")
def test_the_api_refuses_an_over_long_name_with_400_and_writes_nothing(api_as, project, users, unchanged):
    """The repair API's serializer caps the name at the column's own length: it answers first, with the field."""
    body = {"project": project.pk, "person_name": CHAR * 101, "content": "漏水", "category": "水电",
            "unit": unit_of(project).pk}
    with unchanged():
        response = api_as(users["kefu1"]).post("/api/desk/repairs/", body, format="json")
    assert response.status_code == 400 and "person_name" in response.json()["details"]


@pytest.mark.req("REPAIR-1")
def test_the_page_shows_an_over_long_name_as_a_refusal_and_writes_nothing(client, project, users, unchanged):
    client.force_login(users["kefu1"])
    with unchanged():
        response = client.post("/desk/repairs/new/", {"person_name": CHAR * 101, "phone": "138", "category": "水电",
                                                      "unit": unit_of(project).pk, "content": "漏水"})
    html = response.content.decode()
    assert response.status_code == 200 and 'data-code="too_long"' in html and "超过 100 个字符" in html
