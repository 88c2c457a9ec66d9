"""Documents: incoming signed in, instructed, circulated, handled and archived (DOC-1); outgoing reviewed and
signed by the GM, numbered and sent, internal signed by the department's manager (DOC-2); a signed document
never changes, secret documents only with the GM's approval, every document loan recorded (DOC-3)."""
from __future__ import annotations

import datetime as dt

import pytest

from archives.models import DocDirection, DocStatus, DocumentUse
from archives.services import documents as svc
from archives.services import documents_loans as loans
from archives.services import documents_outgoing as out
from archives.sweeps import documents as sweep
from core.clock import at_beijing
from core.errors import Conflict, DomainError, NotAllowed
from core.lending.states import LoanStatus
from core.models import AuditEvent, Notification
from core.signatures import signatures_of
from core.testing.fixtures import PASSWORD

pytestmark = pytest.mark.django_db

MONDAY_10 = at_beijing(dt.date(2026, 6, 8), dt.time(10, 0))
PDF = b"%PDF-1.4\n" + b"1 0 obj\n" * 20
PDF2 = b"%PDF-1.4\n" + b"2 0 obj\n" * 20


@pytest.fixture(autouse=True)
def monday(travel):
    return travel(MONDAY_10)


def incoming(project, users, *, secret=False, by="dangan", **kw):
    kw = {"title": "关于加强消防安全检查的通知", "from_unit": "区住建局", "their_number": "住建〔2026〕12号",
          "kind": "notice", "pages": 3, "scan_name": "通知.pdf", "scan_data": PDF, **kw}
    return svc.sign_in(project=project, clerk=users[by], secret=secret, **kw)


def instructed(project, users, **kw):
    doc = incoming(project, users, **kw)
    return svc.instruct(document=doc, gm=users["zongjingli"], instruction="请各部门经理传阅，客服部落实。",
                        readers=[users["kfzg"], users["gczg"]], handler=users["kefu1"],
                        handle_by=dt.date(2026, 6, 12))


def drafted(project, users, *, direction=DocDirection.OUTGOING, by="kefu2", **kw):
    kw = {"title": "关于停水的函", "kind": "letter", "to_unit": "市自来水公司", "pages": 2, "scan_name": "函.pdf",
          "scan_data": PDF, **kw}
    return out.draft(project=project, drafter=users[by], direction=direction, **kw)


@pytest.mark.req("DOC-1")
def test_an_incoming_document_is_registered_instructed_circulated_handled_and_archived(project, users):
    doc = incoming(project, users)
    assert doc.serial.startswith("SW20260608-") and doc.status == DocStatus.WITH_GM
    assert doc.sha256 and doc.scan.kind == "scan"
    assert Notification.objects.filter(recipient=users["zongjingli"], kind="archives.document_to_instruct").exists()
    doc = svc.instruct(document=doc, gm=users["zongjingli"], instruction="传阅，客服部办理",
                       readers=[users["kfzg"], users["gczg"]], handler=users["kefu1"], handle_by=dt.date(2026, 6, 12))
    assert doc.status == DocStatus.INSTRUCTED
    assert list(doc.circulation.values_list("reader__username", flat=True)) == ["kfzg", "gczg"]
    svc.read(document=doc, reader=users["kfzg"], opinion="已阅，客服部配合")
    svc.read(document=doc, reader=users["gczg"], opinion="已阅，工程部检查消防设施")
    svc.record_result(document=doc, handler=users["kefu1"], result="已于6月10日完成全楼消防通道检查")
    doc = svc.archive(document=doc, clerk=users["dangan"])
    assert doc.status == DocStatus.ARCHIVED and doc.archived_by == users["dangan"]
    assert not Notification.objects.filter(subject__startswith=f"archives.document:{doc.pk}",
                                           resolved_at__isnull=True).exists()


@pytest.mark.req("DOC-1")
def test_only_the_clerk_signs_in_and_the_scan_and_kind_are_required(project, users, unchanged):
    with unchanged(), pytest.raises(NotAllowed) as err:
        incoming(project, users, by="gongcheng1")
    assert err.value.code == "role_not_allowed"
    with unchanged(), pytest.raises(DomainError) as err:
        incoming(project, users, scan_data=None)
    assert err.value.code == "scan_required"
    with unchanged(), pytest.raises(DomainError) as err:
        incoming(project, users, kind="poem")
    assert err.value.code == "invalid_kind"
    with unchanged(), pytest.raises(DomainError) as err:
        incoming(project, users, title="题" * 201)
    assert err.value.code == "too_long"
    assert incoming(project, users, by="kefu2").registered_by == users["kefu2"]  # the cs assistant is a clerk too


@pytest.mark.req("DOC-1")
def test_only_the_gm_instructs_and_readers_are_department_managers(project, users, unchanged):
    doc = incoming(project, users)
    with unchanged(doc), pytest.raises(NotAllowed) as err:
        svc.instruct(document=doc, gm=users["jingli"], instruction="传阅", readers=[users["kfzg"]])
    assert err.value.code == "role_not_allowed"
    with unchanged(doc), pytest.raises(DomainError) as err:
        svc.instruct(document=doc, gm=users["zongjingli"], instruction="传阅", readers=[users["kefu1"]])
    assert err.value.code == "reader_not_manager"
    with unchanged(doc), pytest.raises(DomainError) as err:
        svc.instruct(document=doc, gm=users["zongjingli"], instruction="办理", handler=users["kefu1"],
                     handle_by=dt.date(2026, 6, 1))
    assert err.value.code == "invalid_date"
    with unchanged(doc), pytest.raises(DomainError) as err:
        svc.instruct(document=doc, gm=users["zongjingli"], instruction="")
    assert err.value.code == "required"
    with unchanged(doc), pytest.raises(DomainError) as err:
        svc.instruct(document=doc, gm=users["zongjingli"], instruction="阅")
    assert err.value.code == "nothing_instructed"


@pytest.mark.req("DOC-1")
def test_archiving_is_refused_until_every_reader_has_read_and_the_result_is_recorded(project, users, unchanged):
    doc = instructed(project, users)
    with unchanged(doc), pytest.raises(Conflict) as err:
        svc.archive(document=doc, clerk=users["dangan"])
    assert err.value.code == "result_missing"
    svc.record_result(document=doc, handler=users["kefu1"], result="已办结")
    svc.read(document=doc, reader=users["kfzg"], opinion="已阅")
    with unchanged(doc), pytest.raises(Conflict) as err:
        svc.archive(document=doc, clerk=users["dangan"])
    assert err.value.code == "circulation_unread" and err.value.details == {"readers": [users["gczg"].pk]}


@pytest.mark.req("DOC-1")
def test_only_named_readers_read_once_and_only_the_handler_records_the_result(project, users, unchanged):
    doc = instructed(project, users)
    with unchanged(doc), pytest.raises(NotAllowed) as err:
        svc.read(document=doc, reader=users["xzzg"], opinion="已阅")
    assert err.value.code == "not_a_reader"
    with unchanged(doc), pytest.raises(DomainError) as err:
        svc.read(document=doc, reader=users["kfzg"], opinion="")
    assert err.value.code == "required"
    svc.read(document=doc, reader=users["kfzg"], opinion="已阅")
    with unchanged(doc), pytest.raises(Conflict) as err:
        svc.read(document=doc, reader=users["kfzg"], opinion="再阅")
    assert err.value.code == "already_read"
    with unchanged(doc), pytest.raises(NotAllowed) as err:
        svc.record_result(document=doc, handler=users["kefu2"], result="办了")
    assert err.value.code == "not_the_handler"


@pytest.mark.req("DOC-1")
def test_the_sweep_chases_overdue_handling_and_unread_circulation_once_a_day(project, users, travel):
    doc = instructed(project, users)
    assert sweep.sweep_project(project) == 0
    travel(at_beijing(dt.date(2026, 6, 11), dt.time(9, 0)))  # 3 days on: the readers are late
    svc.read(document=doc, reader=users["kfzg"], opinion="已阅")
    assert sweep.sweep_project(project) == 1
    assert Notification.objects.filter(kind="archives.document_unread", recipient=users["gczg"]).count() == 1
    assert sweep.sweep_project(project) == 0  # once a day
    travel(at_beijing(dt.date(2026, 6, 13), dt.time(9, 0)))  # past the handling date
    queued = sweep.sweep_project(project)
    assert Notification.objects.filter(kind="archives.document_overdue", recipient=users["kefu1"]).exists()
    assert queued >= 2
    svc.record_result(document=doc, handler=users["kefu1"], result="已办结")
    assert not Notification.objects.filter(kind="archives.document_overdue", recipient=users["kefu1"],
                                           resolved_at__isnull=True).exists()


@pytest.mark.req("DOC-2")
def test_an_outgoing_document_is_signed_by_the_gm_numbered_registered_and_sent(project, users, audited):
    doc = drafted(project, users)
    assert doc.status == DocStatus.IN_REVIEW and doc.serial is None
    doc = out.sign(document=doc, signer=users["zongjingli"], password=PASSWORD)
    assert doc.status == DocStatus.SIGNED and doc.signed_by == users["zongjingli"]
    assert audited("archives.document.signed", doc).data["sha256"] == doc.sha256
    assert set(signatures_of(doc).values_list("capacity", flat=True)) == {"documents_signed_by"}
    doc = out.register(document=doc, clerk=users["dangan"])
    assert doc.serial.startswith("FW20260608-") and doc.registered_by == users["dangan"]
    doc = out.send(document=doc, clerk=users["dangan"])
    assert doc.status == DocStatus.SENT and doc.scan_id is not None  # the original stays with the clerk


@pytest.mark.req("DOC-2")
def test_the_gm_rejects_with_a_reason_and_the_drafter_revises(project, users, unchanged):
    doc = drafted(project, users)
    with unchanged(doc), pytest.raises(DomainError) as err:
        out.reject(document=doc, signer=users["zongjingli"], reason="")
    assert err.value.code == "required"
    doc = out.reject(document=doc, signer=users["zongjingli"], reason="措辞不当")
    assert doc.status == DocStatus.REJECTED
    with unchanged(doc), pytest.raises(Conflict) as err:
        out.sign(document=doc, signer=users["zongjingli"], password=PASSWORD)
    assert err.value.code == "not_in_review"
    doc = out.revise(document=doc, by=users["kefu2"], title="关于临时停水的函", scan_data=PDF2, scan_name="函2.pdf")
    assert doc.status == DocStatus.IN_REVIEW and doc.title == "关于临时停水的函"
    with unchanged(doc), pytest.raises(Conflict) as err:
        out.register(document=doc, clerk=users["dangan"])
    assert err.value.code == "not_signed"


@pytest.mark.req("DOC-2")
def test_only_the_gm_signs_an_outgoing_document_never_its_drafter(project, users, two_hats, unchanged):
    doc = drafted(project, users)
    with unchanged(doc), pytest.raises(NotAllowed) as err:
        out.sign(document=doc, signer=users["jingli"], password=PASSWORD)
    assert err.value.code == "role_not_allowed"
    with unchanged(doc), pytest.raises(NotAllowed) as err:
        out.sign(document=doc, signer=users["zongjingli"], password="wrong")
    assert err.value.code == "bad_credentials"
    two_hats("kefu2", "general_manager")  # the drafter also holds the GM's role
    with unchanged(doc), pytest.raises(NotAllowed) as err:
        out.sign(document=doc, signer=users["kefu2"], password=PASSWORD)
    assert err.value.code == "self_signing"
    with unchanged(doc), pytest.raises(NotAllowed) as err:
        out.reject(document=doc, signer=users["kefu2"], reason="自己退回")
    assert err.value.code == "self_signing"
    signed = out.sign(document=doc, signer=users["zongjingli"], password=PASSWORD)
    with unchanged(signed), pytest.raises(NotAllowed) as err:
        out.register(document=signed, clerk=users["gongcheng1"])
    assert err.value.code == "role_not_allowed"


@pytest.mark.req("DOC-2")
def test_an_internal_document_is_signed_by_its_department_s_manager_never_self_signed(project, users, two_hats,
                                                                                      unchanged):
    doc = drafted(project, users, direction=DocDirection.INTERNAL, to_unit="")
    with unchanged(doc), pytest.raises(NotAllowed) as err:
        out.sign(document=doc, signer=users["gczg"], password=PASSWORD)  # another department's head
    assert err.value.code == "not_department_head"
    doc = out.sign(document=doc, signer=users["kfzg"], password=PASSWORD)  # the customer-service supervisor
    assert doc.status == DocStatus.SIGNED and doc.serial.startswith("NW20260608-")
    own = drafted(project, users, direction=DocDirection.INTERNAL, by="kfzg", to_unit="")
    with unchanged(own), pytest.raises(NotAllowed) as err:
        out.sign(document=own, signer=users["kfzg"], password=PASSWORD)
    assert err.value.code == "self_signing"


@pytest.mark.req("DOC-3")
def test_a_signed_document_can_never_be_altered(project, users, unchanged):
    doc = out.sign(document=drafted(project, users), signer=users["zongjingli"], password=PASSWORD)
    with unchanged(doc), pytest.raises(Conflict) as err:
        out.revise(document=doc, by=users["kefu2"], title="改过的标题")
    assert err.value.code == "document_signed"
    with unchanged(doc), pytest.raises(Conflict) as err:
        out.revise(document=doc, by=users["kefu2"], scan_data=PDF2, scan_name="换.pdf")
    assert err.value.code == "document_signed"
    inc = incoming(project, users)
    with unchanged(inc), pytest.raises(Conflict) as err:
        out.revise(document=inc, by=users["dangan"], title="改")
    assert err.value.code == "document_signed"


@pytest.mark.req("DOC-3")
def test_verify_recomputes_the_digest_of_the_stored_file(project, users, unchanged):
    doc = out.sign(document=drafted(project, users), signer=users["zongjingli"], password=PASSWORD)
    assert svc.verify(doc)["intact"] is True
    with doc.scan.file.open("wb") as fh:  # someone swaps the file on disk
        fh.write(PDF2)
    report = svc.verify(doc)
    assert report["intact"] is False and report["kept"] == doc.sha256 != report["found"]
    other = drafted(project, users, title="另一份")
    with other.scan.file.open("wb") as fh:
        fh.write(PDF2)
    with unchanged(other), pytest.raises(Conflict) as err:
        out.sign(document=other, signer=users["zongjingli"], password=PASSWORD)
    assert err.value.code == "file_altered"


@pytest.mark.req("DOC-3")
def test_a_secret_document_is_read_copied_or_taken_out_only_with_the_gm_s_approval(project, users, unchanged):
    doc = incoming(project, users, secret=True)
    with unchanged(doc), pytest.raises(NotAllowed) as err:
        svc.open_file(document=doc, user=users["kfzg"])
    assert err.value.code == "secret_needs_approval"
    assert not svc.may_open(doc, users["dangan"])  # not even the clerk who signed it in
    assert svc.may_open(doc, users["zongjingli"])
    request = loans.apply(document=doc, applicant=users["kfzg"], registered_by=users["dangan"],
                          use=DocumentUse.READ, purpose="核对消防整改要求")
    assert request.status == LoanStatus.PENDING and request.chain[0]["code"] == "general_manager"
    with unchanged(doc), pytest.raises(NotAllowed) as err:
        svc.open_file(document=doc, user=users["kfzg"])
    assert err.value.code == "secret_needs_approval"
    with unchanged(doc), pytest.raises(NotAllowed) as err:
        loans.approve(loan=request, approver=users["jingli"])
    assert err.value.code == "approver_not_allowed"
    loans.approve(loan=request, approver=users["zongjingli"])
    assert svc.open_file(document=doc, user=users["kfzg"]) == PDF
    assert AuditEvent.objects.filter(action="archives.document.opened", target_id=str(doc.pk)).count() == 1
    with unchanged(doc), pytest.raises(NotAllowed) as err:  # approved to read, not to copy
        svc.open_file(document=doc, user=users["kfzg"], use=DocumentUse.COPY)
    assert err.value.code == "secret_needs_approval"
    take = loans.apply(document=doc, applicant=users["gczg"], registered_by=users["dangan"],
                       use=DocumentUse.TAKE_OUT, purpose="带去现场核对")
    with unchanged(doc), pytest.raises(NotAllowed) as err:
        loans.lend(loan=take, issuer=users["dangan"], counted=3, holder_password=PASSWORD)
    assert err.value.code == "secret_needs_approval"


@pytest.mark.req("DOC-3")
def test_the_gm_who_asked_to_read_it_does_not_approve_his_own_request(project, users, two_hats, unchanged):
    doc = incoming(project, users, secret=True)
    two_hats("dangan", "general_manager")  # the clerk registering the request also holds the GM's role
    request = loans.apply(document=doc, applicant=users["kfzg"], registered_by=users["dangan"],
                          use=DocumentUse.COPY, purpose="复印存档")
    with unchanged(), pytest.raises(NotAllowed) as err:
        loans.approve(loan=request, approver=users["dangan"])
    assert err.value.code == "self_approval"


@pytest.mark.req("DOC-3")
def test_every_document_loan_records_date_purpose_handler_and_return_counted_by_pages(project, users, travel,
                                                                                       unchanged):
    doc = incoming(project, users)
    loan = loans.apply(document=doc, applicant=users["gongcheng1"], registered_by=users["dangan"],
                       use=DocumentUse.TAKE_OUT, purpose="现场核对", days=2)
    assert loan.status == LoanStatus.APPROVED and loan.serial.startswith("WJ20260608-")  # not secret: registered
    assert loan.period_end == at_beijing(dt.date(2026, 6, 10), dt.time(18, 0))
    with unchanged(loan), pytest.raises(DomainError) as err:
        loans.lend(loan=loan, issuer=users["dangan"], counted=2, holder_password=PASSWORD)
    assert err.value.code == "count_mismatch"
    loan = loans.lend(loan=loan, issuer=users["dangan"], counted=3, holder_password=PASSWORD)
    assert loan.status == LoanStatus.LENT and loan.issued_by == users["dangan"]
    second = loans.apply(document=doc, applicant=users["kefu1"], registered_by=users["dangan"],
                         use=DocumentUse.TAKE_OUT, purpose="也要")
    with unchanged(second), pytest.raises(Conflict) as err:  # one document, one borrower at a time
        loans.lend(loan=second, issuer=users["dangan"], counted=3, holder_password=PASSWORD)
    assert err.value.code == "document_already_lent"
    travel(at_beijing(dt.date(2026, 6, 9), dt.time(15, 0)))
    loan = loans.take_back(loan=loan, receiver=users["dangan"], counted=3, holder_password=PASSWORD)
    assert loan.status == LoanStatus.RETURNED and loan.received_by == users["dangan"]
    assert loan.returned_at == at_beijing(dt.date(2026, 6, 9), dt.time(15, 0)) and loan.purpose == "现场核对"


@pytest.mark.req("DOC-3")
def test_the_verify_command_names_an_altered_document(project, users):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    doc = out.sign(document=drafted(project, users), signer=users["zongjingli"], password=PASSWORD)
    output = io.StringIO()
    call_command("verify_documents", stdout=output)
    assert "1 document(s) verified" in output.getvalue()
    with doc.scan.file.open("wb") as fh:
        fh.write(PDF2)
    with pytest.raises(CommandError) as err:
        call_command("verify_documents")
    assert f"#{doc.pk}" in str(err.value) and doc.sha256 in str(err.value)


@pytest.mark.req("DOC-1")
def test_every_other_refusal_of_an_incoming_document_changes_nothing(project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as err:
        incoming(project, users, pages=0)
    assert err.value.code == "invalid_pages"
    doc = incoming(project, users)
    with unchanged(doc), pytest.raises(DomainError) as err:
        svc.instruct(document=doc, gm=users["zongjingli"], instruction="办理", handle_by=dt.date(2026, 6, 12))
    assert err.value.code == "invalid_handler"
    with unchanged(doc), pytest.raises(Conflict) as err:
        svc.archive(document=doc, clerk=users["dangan"])
    assert err.value.code == "not_circulating"
    doc = instructed(project, users)
    with unchanged(doc), pytest.raises(Conflict) as err:
        svc.instruct(document=doc, gm=users["zongjingli"], instruction="再批", readers=[users["kfzg"]])
    assert err.value.code == "not_with_gm"
    svc.record_result(document=doc, handler=users["kefu1"], result="已办结")
    with unchanged(doc), pytest.raises(Conflict) as err:
        svc.record_result(document=doc, handler=users["kefu1"], result="再办")
    assert err.value.code == "result_recorded"


@pytest.mark.req("DOC-2")
def test_every_other_refusal_of_a_draft_changes_nothing(project, users, unchanged):
    with unchanged(), pytest.raises(DomainError) as err:
        drafted(project, users, direction=DocDirection.INCOMING)
    assert err.value.code == "invalid_direction"
    users["kefu2"].department = None
    users["kefu2"].save(update_fields=["department"])
    with unchanged(), pytest.raises(DomainError) as err:
        drafted(project, users)
    assert err.value.code == "no_department"
    users["kefu2"].refresh_from_db()
    from core.models import Department
    users["kefu2"].department = Department.objects.get(company=project.company, code="cs")
    users["kefu2"].save(update_fields=["department"])
    doc = drafted(project, users)
    with unchanged(doc), pytest.raises(NotAllowed) as err:
        out.revise(document=doc, by=users["kefu1"], title="别人改")
    assert err.value.code == "forbidden"
    doc = out.register(document=out.sign(document=doc, signer=users["zongjingli"], password=PASSWORD),
                       clerk=users["dangan"])
    out.send(document=doc, clerk=users["dangan"])
    with unchanged(doc), pytest.raises(Conflict) as err:
        out.send(document=doc, clerk=users["dangan"])
    assert err.value.code == "not_registered"


@pytest.mark.req("DOC-3")
def test_every_other_refusal_of_a_document_loan_changes_nothing(project, users, travel, unchanged):
    doc = incoming(project, users)
    for kw, code in (({"use": "burn"}, "invalid_use"), ({"days": 99}, "invalid_period")):
        with unchanged(), pytest.raises(DomainError) as err:
            loans.apply(document=doc, applicant=users["kefu1"], registered_by=users["dangan"], purpose="看",
                        **{"use": DocumentUse.READ, **kw})
        assert err.value.code == code
    with unchanged(), pytest.raises(NotAllowed) as err:
        loans.apply(document=doc, applicant=users["bj_kefu1"], registered_by=users["dangan"], use=DocumentUse.READ,
                    purpose="看")
    assert err.value.code == "not_staff"
    with unchanged(doc), pytest.raises(DomainError) as err:
        svc.open_file(document=doc, user=users["kefu1"], use="burn")
    assert err.value.code == "invalid_use"
    reading = loans.apply(document=doc, applicant=users["kefu1"], registered_by=users["dangan"],
                          use=DocumentUse.READ, purpose="看")
    with unchanged(reading), pytest.raises(Conflict) as err:
        loans.lend(loan=reading, issuer=users["dangan"], counted=3, holder_password=PASSWORD)
    assert err.value.code == "not_taken_out"
    with unchanged(reading), pytest.raises(Conflict) as err:
        loans.approve(loan=reading, approver=users["zongjingli"])
    assert err.value.code == "not_pending"
    take = loans.apply(document=doc, applicant=users["kefu1"], registered_by=users["dangan"],
                       use=DocumentUse.TAKE_OUT, purpose="带走", days=1)
    travel(at_beijing(dt.date(2026, 6, 10), dt.time(9, 0)))
    with unchanged(take), pytest.raises(Conflict) as err:
        loans.lend(loan=take, issuer=users["dangan"], counted=3, holder_password=PASSWORD)
    assert err.value.code == "period_ended"
