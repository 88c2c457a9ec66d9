"""Demo data of the key room's follow-ups in cuihu: an extension and a hand-over waiting for a decision, a return
incident, a fault, a weekly self-check, a request to open a sealed key, a duplication request, a repair-period key
collected by its owner with the developer's confirmation on file, and a move-in unit-key handover.

Built through the services; every record is guarded by an existence check, so running it twice changes nothing."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction

from core import clock
from core.demo import World, tiny_png
from core.models import Resident, Unit
from keys.categories import Category
from keys.models import (
    DeveloperConfirmation,
    DuplicationRequest,
    InventoryCount,
    KeyDeposit,
    KeyDepositOpening,
    KeyFault,
    KeyLoan,
    KeySet,
    LoanExtension,
    LoanIncident,
    LoanTransfer,
    PurposeKind,
    RepairPickup,
    UnitKeyHandover,
)
from keys.services import (
    deposit,
    deposit_opening,
    desk,
    followups,
    inventory,
    ledger,
    loans,
    loss_vacant,
    repair_keys,
    requests,
)
from keys.states import KeyStatus, LoanStatus

APPROVERS = ["gczg", "kfzg", "xzzg", "zongjingli", "baz", "xingzheng", "jingli"]


def _key(project, name: str) -> KeySet | None:
    return KeySet.objects.filter(project=project, name=name).first()


def _lend(key: KeySet, users, password: str, *, applicant: str, purpose: str, hours: int,
          purpose_kind: str = PurposeKind.REPAIR) -> KeyLoan:
    """Apply, walk the approval chain with the right approver at each step, and hand the key out at the desk."""
    now = clock.now()
    loan = loans.apply_for_loan(key=key, applicant=users[applicant], registered_by=users["kefu1"],
                                purpose_kind=purpose_kind, purpose=purpose, period_start=now,
                                period_end=now + dt.timedelta(hours=hours), key_name=key.name)
    for _ in range(len(loan.chain)):
        step = loans.next_step(loan)
        if step is None:
            break
        approver = next(users[name] for name in APPROVERS
                        if loans.may_decide(users[name], loan, step[1]) and users[name].pk != loan.applicant_id
                        and not loan.approvals.filter(approver=users[name]).exists())
        loan = loans.approve_loan(loan=loan, approver=approver)
    return desk.checkout_key(loan=loan, issuer=users["xingzheng"], scanned=key.tag_token, pieces_counted=key.pieces,
                             borrower_password=password)


def _extension(project, users) -> None:
    """周师傅 asks, before the deadline, to keep the lift machine-room key longer (KEY-LOAN-8)."""
    if LoanExtension.objects.filter(loan__project=project).exists():
        return
    loan = KeyLoan.objects.filter(project=project, key__name="1栋电梯机房", status=LoanStatus.LENT,
                                  holder=users["gongcheng1"]).first()
    if loan is None or loan.due_at is None or clock.now() >= loan.due_at:
        return  # the deadline has passed: an extension can no longer be asked
    requests.request_extension(loan=loan, requested_by=users["gongcheng1"],
                               new_due_at=loan.due_at + dt.timedelta(hours=2),
                               reason="曳引机异响需更换轴承,配件下午送到,申请延长2小时归还")


def _transfer(project, users, password: str) -> None:
    """周师傅 is called away; the power-room key should go on to 吴工程主管, pending 行政部's approval (KEY-LOAN-9)."""
    if LoanTransfer.objects.filter(loan__project=project).exists():
        return
    key = _key(project, "配电室")
    if key is None or key.status != KeyStatus.IN_STORE:
        return
    loan = _lend(key, users, password, applicant="gongcheng1", purpose="配电柜季度检修", hours=4)
    requests.request_transfer(loan=loan, requested_by=users["gongcheng1"], to_user=users["gczg"],
                              reason="本人临时被派往2栋处理漏水,配电柜检修由吴工程主管接手完成")


def _incident(project, users, password: str) -> None:
    """The meter-box keys come back one short: the return is recorded and an incident opened (KEY-LOAN-10)."""
    if LoanIncident.objects.filter(loan__project=project).exists():
        return
    key = _key(project, "1栋水表箱")
    if key is None or key.status != KeyStatus.IN_STORE:
        return
    loan = _lend(key, users, password, applicant="gongcheng1", purpose="1栋月度抄表", hours=3,
                 purpose_kind=PurposeKind.INSPECTION)
    desk.return_key(loan=loan, receiver=users["xingzheng"], scanned=key.tag_token, pieces_returned=key.pieces - 1,
                    accept_discrepancy=True, note="归还时少1把,周师傅称可能遗落在12层水表箱内,待查找")


def _fault(project, users) -> None:
    """A guard reports that the east-gate key turns stiffly in the lock (KEY-LOAN-11)."""
    if KeyFault.objects.filter(key__project=project).exists():
        return
    key = _key(project, "小区东大门")
    if key is not None:
        followups.report_fault(key=key, reported_by=users["baoan1"], kind="wont_open",
                               description="夜间巡查时钥匙插入锁芯后转动困难,疑似锁芯生锈,需工程部检查")


def _inventory(project, users) -> None:
    """客服部's weekly self-check of the unit keys, everything found on its hook (KEY-DAILY-2)."""
    if InventoryCount.objects.filter(project=project).exists():
        return
    count = inventory.start_inventory(project=project, kind="weekly", started_by=users["kefu1"])
    counts = {line.pk: None if line.expected_status == KeyStatus.LENT else line.expected_pieces
              for line in count.lines.all()}
    inventory.submit_inventory(count=count, counted_by=users["kefu1"], counts=counts)


def _opening(project, users) -> None:
    """The owner of 1栋202 asks in writing to have the sealed key opened; it waits for 客服主管 (KEY-DEPOSIT-2)."""
    if KeyDepositOpening.objects.filter(project=project).exists():
        return
    item = KeyDeposit.objects.filter(project=project, unit__building__code="1", unit__number="202").first()
    if item is None or item.status != "sealed":
        return

    deposit_opening.request_opening(deposit=item, requested_by=users["kefu1"], kind="written_request",
                                    reason="业主出差在外,委托家人取出寄存钥匙进屋取物",
                                    responsible_confirmed_with="业主1-202本人(电话确认)",
                                    request_scan=("业主书面申请.png", tiny_png()))


def _duplication(project, users) -> None:
    """More viewings of the vacant unit: 客服 asks to cut one more key, pending the supervisor (KEY-VACANT-1)."""
    if DuplicationRequest.objects.filter(project=project).exists():
        return
    key = _key(project, "1栋301空房钥匙")
    if key is not None:
        loss_vacant.request_duplication(key=key, requested_by=users["kefu1"], count=1,
                                        reason="近期看房预约增多,现有2把周转不足,申请增配1把")


def _repair_keys(project, users) -> None:
    """The developer's confirmation for the warranty contractor on 2栋202, and 2栋102's owner collecting the
    repair-period key now the repairs are done (KEY-REPAIR-1)."""
    if not DeveloperConfirmation.objects.filter(project=project).exists():
        key = _key(project, "2栋202返修钥匙")
        if key is not None:
            repair_keys.record_developer_confirmation(
                key=key, recorded_by=users["kefu1"], contractor_company="华建建设工程有限公司",
                developer_company="翠湖置业发展有限公司", developer_contact="开发商工程部 林工 13800001111",
                reference="CH-WX-2026-031", valid_until=clock.today() + dt.timedelta(days=90))
    if RepairPickup.objects.filter(project=project).exists():
        return
    unit = Unit.objects.filter(project=project, building__code="2", number="102").first()
    resident = Resident.objects.filter(project=project, units=unit).first() if unit else None
    if resident is None:
        return
    key = _key(project, "2栋102返修钥匙") or ledger.create_key(
        project=project, actor=users["kefu1"], category=Category.REPAIR, name="2栋102返修钥匙", unit=unit, pieces=2,
        storage="B-02-02")
    if key.status != KeyStatus.IN_STORE:
        return
    repair_keys.record_pickup(key=key, registered_by=users["kefu1"], picker_name=resident.name, relation="owner",
                              id_kind="id_card", id_number="11010519800101201X", resident=resident,
                              note="返修项目(卫生间渗水)已完工验收,业主本人凭身份证取回")


def _unit_handover(project, users) -> None:
    """The new owner of 2栋1202 receives the unit keys at move-in and signs the slip (KEY-DEPOSIT-1)."""
    if UnitKeyHandover.objects.filter(project=project).exists():
        return
    unit = Unit.objects.filter(project=project, building__code="2", number="1202").first()
    resident = Resident.objects.filter(project=project, units=unit).first() if unit else None
    if resident is None:
        return
    from keys.demo.deposit import DEMO_SIGNATURE

    deposit.hand_over_unit_keys(project=project, handed_by=users["kefu1"], unit=unit, resident=resident,
                                keys_description="入户门钥匙3把、信报箱钥匙1把", pieces=4, signer_name=resident.name,
                                signature_image=DEMO_SIGNATURE)


@transaction.atomic
def build(world: World, *, password: str | None = None) -> None:

    password = password or settings.PROPDESK_DEMO_PASSWORD
    project, users = world.projects[0], world.users
    _extension(project, users)
    _transfer(project, users, password)
    _incident(project, users, password)
    _fault(project, users)
    _inventory(project, users)
    _opening(project, users)
    _duplication(project, users)
    _repair_keys(project, users)
    _unit_handover(project, users)
