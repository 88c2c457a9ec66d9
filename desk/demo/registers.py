"""Demo records of the desk's daily registers, through the services: visitors (one inside, one refused), mail
(one held, one damaged with its photo, one collected), a newspaper subscription, items for others (awaiting
approval, held). The close of the desk is left for the user to try today."""
from __future__ import annotations

import datetime as dt

from core import clock
from core.models import Resident, Unit
from desk.demo.repairs import SIGNATURE
from desk.models import Visitor
from desk.services import deposits, mail, visitors

ID_CARD = "11010519491231002X"
PHOTO = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def build(world) -> None:
    project = world.projects[0]
    if Visitor.objects.filter(project=project).exists():
        return
    u = world.users
    unit = Unit.objects.get(project=project, building__code="1", number="201")
    inside = visitors.register_visitor(project=project, registered_by=u["kefu1"], visitor_name="王来访",
                                       id_type="resident_card", id_number=ID_CARD, host_kind="resident", unit=unit,
                                       purpose="探亲", party_size=2)
    visitors.admit_visitor(visitor=inside, contacted_by=u["kefu1"], method="intercom", agreed_by="业主1-201")
    away = visitors.register_visitor(project=project, registered_by=u["kefu1"], visitor_name="推销员",
                                     host_kind="resident", unit=unit, purpose="推销")
    visitors.refuse_visitor(visitor=away, refused_by=u["kefu1"], reason="no_id")
    visitors.register_visitor(project=project, registered_by=u["kefu2"], visitor_name="李工", id_type="work",
                              id_number="GC2026001", host_kind="staff", host_staff=u["jingli"], purpose="洽谈维保")
    mail.register_mail(project=project, received_by=u["kefu1"], kind="express", unit=unit, addressee="业主1-201",
                       seal_state="intact", carrier="顺丰", tracking_number="SF1234567890")
    mail.register_mail(project=project, received_by=u["kefu1"], kind="parcel", unit=unit, addressee="业主1-201",
                       seal_state="damaged", damage_note="外箱一角压破", photo=PHOTO, photo_name="damage.png",
                       carrier="中国邮政")
    done = mail.register_mail(project=project, received_by=u["kefu2"], kind="registered", addressee="业主1-102",
                              unit=Unit.objects.get(project=project, building__code="1", number="102"),
                              seal_state="intact", carrier="EMS")
    mail.record_notice(item=done, notified_by=u["kefu2"], method="phone")
    mail.collect_mail(item=done, handed_by=u["kefu2"], collector="resident", id_type="resident_card",
                      id_number=ID_CARD, signature=SIGNATURE)
    resident = Resident.objects.filter(project=project).first()
    if resident is not None:
        today = clock.today()
        sub = mail.add_subscription(project=project, created_by=u["kefu1"], resident=resident, title="人民日报",
                                    period="daily", starts_on=today.replace(day=1),
                                    ends_on=today.replace(day=1) + dt.timedelta(days=365))
        mail.record_arrival(subscription=sub, received_by=u["kefu1"])
    deposits.register_deposit(project=project, requested_by=u["kefu1"], kind="deposit", description="雨伞、购物袋",
                              pieces=2, depositor_name="业主1-201", unit=unit, reason="业主外出办事,暂存两小时")
    passed = deposits.register_deposit(project=project, requested_by=u["kefu2"], kind="pass_on",
                                       description="合同文件袋", pieces=1, depositor_name="张先生",
                                       recipient_name="业主1-102", reason="业主委托转交装修合同")
    passed = deposits.decide_deposit(deposit=passed, approver=u["kfzg"], approve=True)
    deposits.sign_in(deposit=passed, taken_in_by=u["kefu2"], signature=SIGNATURE)
