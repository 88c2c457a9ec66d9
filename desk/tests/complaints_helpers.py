"""Shared builders for the complaints tests."""
from core.models import Resident
from desk.services import complaints as svc


def complaint(project, user, **kw):
    data = {"person_name": "业主甲", "phone": "13800001111", "content": "楼上装修噪音扰民", "channel": "call",
            "subject": "噪音扰民", "department": "engineering"}
    data.update(kw)
    return svc.register_complaint(project=project, registered_by=user, **data)


def vip_resident(project):
    return Resident.objects.filter(project=project, is_vip=True).first()


def sent(project, users, **kw):
    c = complaint(project, users["kefu1"], **kw)
    return svc.send_to_department(complaint=c, sent_by=users["kefu1"])


def handled(project, users, **kw):
    c = sent(project, users, **kw)
    return svc.record_handling(complaint=c, handled_by=users["gongcheng1"], handling="已协调楼上业主停工")
