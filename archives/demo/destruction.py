"""Demo destruction (ARCH-10): volumes of twelve years ago past their short retention — one list already carried
out (shredded before the supervisor as witness), one awaiting the manager (login `jingli`), one approved and
awaiting the shredder (the archivist `dangan` carries it out before a witness), and one volume past retention still
to be listed by the archivist."""
from __future__ import annotations

from django.conf import settings

from archives.models import Category, DestructionList
from archives.services import catalogue, destruction
from archives.states import DestructionMethod, Retention
from core import clock
from core.demo import World
from core.models import Department, Project


def build_destruction(world: World, project: Project, prefix: str) -> None:
    if DestructionList.objects.filter(project=project).exists():
        return
    u = {name: world.users[prefix + name] for name in ("dangan", "jingli", "kfzg")}
    archivist = u["dangan"]
    cat = {c.code: c for c in Category.objects.filter(company=project.company)}
    cs = Department.objects.filter(company=project.company, code="cs").first()
    if not cat or cs is None:
        return
    year = clock.today().year - 12
    old = [catalogue.open_volume(project=project, by=archivist, category=cat[code], year=year, title=title,
                                 retention=Retention.SHORT, department=cs)
           for code, title in (("QJ", f"{year}年清洁卫生检查记录"), ("LH", f"{year}年绿化养护记录"),
                               ("XJ", f"{year}年楼宇巡检记录"), ("WX", f"{year}年公共区域维修记录"))]
    done = destruction.draw_up(project=project, by=archivist, volumes=[old[0]], reason="保管期限已满，经清理无保存必要")
    done = destruction.decide(destruction=done, approver=u["jingli"], approve=True, comment="同意销毁")
    password = settings.PROPDESK_DEMO_PASSWORD
    if u["kfzg"].check_password(password):
        destruction.carry_out(destruction=done, by=archivist, method=DestructionMethod.SHREDDED, witness=u["kfzg"],
                              witness_password=password, note="碎纸机处理")
    destruction.draw_up(project=project, by=archivist, volumes=[old[1]], reason="保管期限已满，经清理无保存必要")
    approved = destruction.draw_up(project=project, by=archivist, volumes=[old[3]], reason="保管期限已满，经清理无保存必要")
    destruction.decide(destruction=approved, approver=u["jingli"], approve=True, comment="同意销毁，碎纸处理")
