"""Demo archive loans: one volume out with the engineer, one application awaiting the manager (login `jingli`),
so the archivist (`dangan`) can take a volume back and lend another at once."""
from __future__ import annotations

from django.conf import settings

from archives.models import ArchiveLoan, LoanKind, Volume
from archives.services import lending
from core.demo import World
from core.models import Project


def build_loans(world: World, project: Project, prefix: str) -> None:
    if ArchiveLoan.objects.filter(project=project).exists():
        return
    users = {name: world.users[prefix + name] for name in ("dangan", "jingli", "gongcheng1", "kefu2")}
    password = settings.PROPDESK_DEMO_PASSWORD
    volumes = {v.category.code: v for v in Volume.objects.filter(project=project, item_count__gt=0)
               .select_related("category").order_by("year", "seq")}
    cleaning, residents = volumes.get("QJ"), volumes.get("YH")
    if cleaning is not None and users["gongcheng1"].check_password(password):
        loan = lending.apply(volume=cleaning, applicant=users["gongcheng1"], registered_by=users["dangan"],
                             kind=LoanKind.BORROW, purpose="核对外包保洁合同的检查记录", days=3)
        loan = lending.approve(loan=loan, approver=users["jingli"], comment="同意，三天内归还")
        lending.lend(loan=loan, issuer=users["dangan"], counted=cleaning.item_count, holder_password=password)
    if residents is not None:
        lending.apply(volume=residents, applicant=users["kefu2"], registered_by=users["dangan"],
                      kind=LoanKind.BORROW, purpose="回访前查阅收楼遗留问题", days=2)
