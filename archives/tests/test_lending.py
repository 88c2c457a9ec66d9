"""Borrowing and reading archives through the house's lending engine (ARCH-5, ARCH-7, ARCH-8, ARCH-11)."""
from __future__ import annotations

import datetime as dt

import pytest

from archives.models import ArchiveLoan, LoanKind
from archives.services import lending as svc
from archives.sweeps import lending as sweep
from archives.tests.helpers import file, shelve, volume
from core import clearance
from core.clock import at_beijing
from core.errors import Conflict, DomainError, NotAllowed
from core.lending.states import LoanStatus
from core.models import Notification
from core.signatures import signatures_of
from core.testing.fixtures import PASSWORD

pytestmark = pytest.mark.django_db

MONDAY_10 = at_beijing(dt.date(2026, 6, 8), dt.time(10, 0))


@pytest.fixture(autouse=True)
def monday(travel):
    return travel(MONDAY_10)


@pytest.fixture
def vol(project, users):
    v = volume(project, users, "QJ")
    file(v, users)  # two items, handed over by kefu1
    shelve(v, users, 1)
    v.refresh_from_db()
    return v


def applied(vol, users, kind=LoanKind.BORROW, who="gongcheng1", **kw):
    return svc.apply(volume=vol, applicant=users[who], registered_by=users["dangan"], kind=kind,
                     purpose="核对保洁合同执行记录", **kw)


def approved(vol, users, **kw):
    return svc.approve(loan=applied(vol, users, **kw), approver=users["jingli"])


def lent(vol, users, **kw):
    return svc.lend(loan=approved(vol, users, **kw), issuer=users["dangan"], counted=vol.item_count,
                    holder_password=PASSWORD)


@pytest.mark.req("ARCH-5")
def test_a_volume_is_applied_for_approved_by_the_manager_counted_and_signed_out_and_back(vol, users, travel):
    loan = applied(vol, users, days=3)
    assert loan.status == LoanStatus.PENDING and loan.serial.startswith("DJ20260608-")
    assert loan.period_end == at_beijing(dt.date(2026, 6, 11), dt.time(17, 30))  # registered with its return date
    loan = svc.approve(loan=loan, approver=users["jingli"])
    assert loan.status == LoanStatus.APPROVED
    loan = svc.lend(loan=loan, issuer=users["dangan"], counted=2, holder_password=PASSWORD)
    assert (loan.status, loan.items_out, loan.due_at) == (LoanStatus.LENT, 2, loan.period_end)
    assert set(signatures_of(loan).values_list("capacity", flat=True)) == {
        "borrower", "issuer"}
    travel(at_beijing(dt.date(2026, 6, 10), dt.time(9, 0)))
    loan = svc.take_back(loan=loan, receiver=users["dangan"], counted=2, holder_password=PASSWORD)
    assert loan.status == LoanStatus.RETURNED and loan.returned_intact and loan.items_in == 2
    assert set(signatures_of(loan).values_list("capacity", flat=True)) == {
        "borrower", "issuer", "archives_returned_by", "archives_taken_back_by"}


@pytest.mark.req("ARCH-5")
def test_the_manager_rejects_with_a_reason_and_nothing_is_lent(vol, users, unchanged):
    loan = applied(vol, users)
    with unchanged(), pytest.raises(DomainError) as err:
        svc.reject(loan=loan, approver=users["jingli"], comment="")
    assert err.value.code == "required"
    loan = svc.reject(loan=loan, approver=users["jingli"], comment="与工作无关")
    assert loan.status == LoanStatus.REJECTED
    with unchanged(), pytest.raises(Conflict) as err:
        svc.lend(loan=loan, issuer=users["dangan"], counted=2, holder_password=PASSWORD)
    assert err.value.code == "illegal_transition"


@pytest.mark.req("ARCH-5")
def test_only_the_step_s_role_approves_never_the_applicant_nor_the_archivist_who_registered_it(
        vol, users, two_hats, unchanged):
    loan = applied(vol, users)
    with unchanged(), pytest.raises(NotAllowed) as err:
        svc.approve(loan=loan, approver=users["kfzg"])
    assert err.value.code == "approver_not_allowed"
    # The archivist who registered the application also holds the manager's role: still not theirs to approve.
    two_hats("dangan", "site_manager")
    with unchanged(), pytest.raises(NotAllowed) as err:
        svc.approve(loan=loan, approver=users["dangan"])
    assert err.value.code == "self_approval"
    # The borrower who is also a site manager cannot approve their own loan either.
    own = applied(vol, users, who="jingli")
    with unchanged(), pytest.raises(NotAllowed) as err:
        svc.approve(loan=own, approver=users["jingli"])
    assert err.value.code == "self_approval"


@pytest.mark.req("ARCH-5")
def test_the_archivist_does_not_lend_to_herself(vol, users, two_hats, unchanged):
    loan = svc.approve(loan=svc.apply(volume=vol, applicant=users["dangan"], registered_by=users["kfzg"],
                                      kind=LoanKind.BORROW, purpose="整理"), approver=users["jingli"])
    with unchanged(), pytest.raises(NotAllowed) as err:
        svc.lend(loan=loan, issuer=users["dangan"], counted=2, holder_password=PASSWORD)
    assert err.value.code == "self_issue"


@pytest.mark.req("ARCH-5")
def test_items_are_counted_face_to_face_and_a_wrong_count_lends_nothing(vol, users, unchanged):
    loan = approved(vol, users)
    with unchanged(), pytest.raises(DomainError) as err:
        svc.lend(loan=loan, issuer=users["dangan"], counted=1, holder_password=PASSWORD)
    assert err.value.code == "count_mismatch" and err.value.details == {"ledger": 2, "counted": 1}
    with unchanged(), pytest.raises(NotAllowed) as err:
        svc.lend(loan=loan, issuer=users["dangan"], counted=2, holder_password="wrong")
    assert err.value.code == "bad_credentials"


@pytest.mark.req("ARCH-5", "ARCH-6")
def test_a_short_count_at_return_is_refused_unless_confirmed_with_what_is_missing(vol, users, unchanged):
    loan = lent(vol, users)
    with unchanged(), pytest.raises(Conflict) as err:
        svc.take_back(loan=loan, receiver=users["dangan"], counted=1, holder_password=PASSWORD)
    assert err.value.code == "return_mismatch"
    with unchanged(), pytest.raises(DomainError) as err:
        svc.take_back(loan=loan, receiver=users["dangan"], counted=1, holder_password=PASSWORD,
                      accept_discrepancy=True)
    assert err.value.code == "note_required"
    loan = svc.take_back(loan=loan, receiver=users["dangan"], counted=1, holder_password=PASSWORD,
                         accept_discrepancy=True, note="缺第2份检查表")
    assert loan.returned_intact is False and loan.items_in == 1


@pytest.mark.req("ARCH-5")
def test_documentary_archives_are_read_never_borrowed(project, users, unchanged):
    ws = volume(project, users, "WS", title="市政府关于物业管理的通知")
    with unchanged(), pytest.raises(NotAllowed) as err:
        applied(ws, users)
    assert err.value.code == "read_only_archive"
    assert applied(ws, users, kind=LoanKind.READING).period_end == at_beijing(dt.date(2026, 6, 8), dt.time(17, 30))


@pytest.mark.req("ARCH-5", "ARCH-11")
def test_confidential_archives_are_never_lent_and_read_only_with_the_manager_s_permission(project, users,
                                                                                          unchanged):
    rs = volume(project, users, "RS", title="员工个人档案")
    with unchanged(), pytest.raises(NotAllowed) as err:
        applied(rs, users, who="kfzg")
    assert err.value.code == "confidential_not_lent"
    with unchanged(), pytest.raises(NotAllowed) as err:
        applied(rs, users, kind=LoanKind.READING, who="kfzg")
    assert err.value.code == "confidential_not_allowed"
    assert applied(rs, users, kind=LoanKind.READING, who="zongjingli").kind == LoanKind.READING


@pytest.mark.req("ARCH-5")
def test_a_reading_is_not_applied_for_after_the_archive_room_closes(vol, users, travel, unchanged):
    travel(at_beijing(dt.date(2026, 6, 8), dt.time(18, 0)))
    with unchanged(), pytest.raises(DomainError) as err:
        applied(vol, users, kind=LoanKind.READING)
    assert err.value.code == "reading_room_closed"


@pytest.mark.req("ARCH-5")
def test_a_loan_period_beyond_the_policy_and_a_blank_purpose_are_refused(vol, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as err:
        applied(vol, users, days=31)
    assert err.value.code == "invalid_period"
    with unchanged(), pytest.raises(DomainError) as err:
        svc.apply(volume=vol, applicant=users["gongcheng1"], registered_by=users["dangan"], kind=LoanKind.BORROW,
                  purpose="  ")
    assert err.value.code == "required"
    with unchanged(), pytest.raises(DomainError) as err:
        svc.apply(volume=vol, applicant=users["gongcheng1"], registered_by=users["dangan"], kind="take_home",
                  purpose="x")
    assert err.value.code == "invalid_kind"


@pytest.mark.req("ARCH-8")
def test_an_outsider_is_not_lent_archives_as_staff(vol, users, unchanged):
    with unchanged(), pytest.raises(NotAllowed) as err:
        applied(vol, users, who="bj_gongcheng1")  # staff of another project is an outsider here
    assert err.value.code == "outsider_needs_letter"


@pytest.mark.req("ARCH-5")
def test_two_archivists_lending_one_volume_one_wins(vol, users, unchanged):
    first, second = approved(vol, users), approved(vol, users, who="kefu2")
    svc.lend(loan=first, issuer=users["dangan"], counted=2, holder_password=PASSWORD)
    with unchanged(), pytest.raises(Conflict) as err:
        svc.lend(loan=second, issuer=users["dangan"], counted=2, holder_password=PASSWORD)
    assert err.value.code == "volume_already_lent"
    assert ArchiveLoan.objects.filter(volume=vol, status=LoanStatus.LENT).count() == 1


@pytest.mark.req("ARCH-5")
def test_overdue_loans_are_chased_once_a_day_until_back(vol, users, travel):
    loan = lent(vol, users, days=2)
    travel(at_beijing(dt.date(2026, 6, 10), dt.time(17, 0)))
    assert sweep.sweep_project(vol.project) == 0  # not yet due
    travel(at_beijing(dt.date(2026, 6, 11), dt.time(9, 0)))
    sent = sweep.sweep_project(vol.project)
    assert sent >= 2  # the borrower and the archivist
    assert sweep.sweep_project(vol.project) == 0  # once a day
    assert Notification.objects.filter(kind="archives.loan_overdue", recipient=users["gongcheng1"]).count() == 1
    svc.take_back(loan=loan, receiver=users["dangan"], counted=2, holder_password=PASSWORD)
    travel(at_beijing(dt.date(2026, 6, 12), dt.time(9, 0)))
    assert sweep.sweep_project(vol.project) == 0


@pytest.mark.req("ARCH-7")
def test_a_volume_still_out_blocks_the_borrower_s_clearance(vol, users, unchanged):
    loan = lent(vol, users)
    items = clearance.outstanding(users["gongcheng1"])
    assert [i.document for i in items] == [loan.serial] and vol.number in items[0].what
    with unchanged(), pytest.raises(Conflict) as err:
        clearance.deactivate(person=users["gongcheng1"], by=users["jingli"])
    assert err.value.code == "not_cleared"
    svc.take_back(loan=loan, receiver=users["dangan"], counted=2, holder_password=PASSWORD)
    assert clearance.deactivate(person=users["gongcheng1"], by=users["jingli"]).is_active is False


@pytest.mark.req("ARCH-5")
def test_over_the_api_apply_approve_lend_and_return_with_stable_refusals(vol, users, api_as):
    archivist, manager = api_as(users["dangan"]), api_as(users["jingli"])
    made = archivist.post("/api/archives/loans/", {"volume": vol.pk, "applicant": users["gongcheng1"].pk,
                                                    "kind": "borrow", "purpose": "核对", "days": 2}, format="json")
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    refused = archivist.post(f"/api/archives/loans/{pk}/approve/", {}, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "self_approval"  # she registered it
    assert manager.post(f"/api/archives/loans/{pk}/approve/", {}, format="json").json()["status"] == "approved"
    short = archivist.post(f"/api/archives/loans/{pk}/lend/", {"counted": 1, "holder_password": PASSWORD},
                           format="json")
    assert short.status_code == 400 and short.json()["code"] == "count_mismatch"
    assert ArchiveLoan.objects.get(pk=pk).status == LoanStatus.APPROVED
    out = archivist.post(f"/api/archives/loans/{pk}/lend/", {"counted": 2, "holder_password": PASSWORD},
                         format="json")
    assert out.status_code == 200 and out.json()["status"] == "lent"
    assert [row["serial"] for row in archivist.get("/api/archives/loans/?status=lent").json()["results"]] == [
        out.json()["serial"]]
    bad = archivist.get("/api/archives/loans/?status=gone")
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"
    back = archivist.post(f"/api/archives/loans/{pk}/return/", {"counted": 2, "holder_password": PASSWORD},
                          format="json")
    assert back.status_code == 200 and back.json()["status"] == "returned"


@pytest.mark.req("ARCH-5")
def test_another_project_s_staff_does_not_see_or_touch_the_loan(vol, users, api_as):
    loan = applied(vol, users)
    outsider = api_as(users["bj_jingli"])
    assert outsider.get(f"/api/archives/loans/{loan.pk}/").status_code == 404
    assert outsider.post(f"/api/archives/loans/{loan.pk}/approve/", {}, format="json").status_code == 404
    assert ArchiveLoan.objects.get(pk=loan.pk).status == LoanStatus.PENDING


@pytest.mark.req("ARCH-5")
def test_the_pages_walk_a_loan_from_application_to_return(vol, users, client, project):
    from core.testing.fixtures import login

    login(client, users["dangan"], project)
    page = client.get(f"/archives/loans/new/?volume={vol.pk}")
    assert page.status_code == 200 and vol.number in page.content.decode()
    done = client.post("/archives/loans/new/", {"volume": vol.pk, "applicant": users["gongcheng1"].pk,
                                                "kind": "borrow", "purpose": "核对", "days": "2"})
    loan = ArchiveLoan.objects.get(volume=vol)
    assert done.status_code == 302 and done["Location"].endswith(f"/archives/loans/{loan.pk}/")
    refused = client.post(f"/archives/loans/{loan.pk}/", {"action": "approve"})
    assert refused.status_code == 403 and ArchiveLoan.objects.get(pk=loan.pk).status == LoanStatus.PENDING
    login(client, users["jingli"], project)
    assert client.post(f"/archives/loans/{loan.pk}/", {"action": "approve"}).status_code == 302
    login(client, users["dangan"], project)
    assert client.post(f"/archives/loans/{loan.pk}/", {"action": "lend", "counted": "2",
                                                       "password": PASSWORD}).status_code == 302
    assert loan.serial in client.get("/archives/loans/?view=out").content.decode()
    assert loan.serial not in client.get("/archives/loans/?view=awaiting").content.decode()


@pytest.mark.req("ARCH-5")
def test_the_register_prints_each_loan_with_its_four_signatures_and_exports_to_excel(vol, users, client, project,
                                                                                     travel):
    import io

    from openpyxl import load_workbook

    from core.testing.fixtures import login

    loan = lent(vol, users)
    svc.take_back(loan=loan, receiver=users["dangan"], counted=2, holder_password=PASSWORD)
    login(client, users["dangan"], project)
    page = client.get("/archives/loans/print/?year=2026&month=6").content.decode()
    assert "档案借阅登记表" in page and loan.serial in page
    assert page.count(users["gongcheng1"].display_name) >= 2 and page.count(users["dangan"].display_name) >= 2
    assert loan.serial not in client.get("/archives/loans/print/?year=2026&month=5").content.decode()
    sheet = load_workbook(io.BytesIO(client.get("/archives/loans/export/?year=2026&month=6").content)).active
    assert [c.value for c in sheet[2]][:2] == [loan.serial, vol.number]


@pytest.mark.req("ARCH-5")
def test_an_approval_whose_period_has_ended_lends_nothing(vol, users, travel, unchanged):
    loan = approved(vol, users, days=1)
    travel(at_beijing(dt.date(2026, 6, 9), dt.time(17, 31)))
    with unchanged(), pytest.raises(Conflict) as err:
        svc.lend(loan=loan, issuer=users["dangan"], counted=2, holder_password=PASSWORD)
    assert err.value.code == "period_ended"
