"""Demo incident report and outsider reading (ARCH-6, ARCH-8), in each project: last year's cleaning records found
damp in the archive room and reported, awaiting the manager's decision on accountability (login `jingli`); an
officer of the local police station registered to read the duty records, the introduction letter scanned,
awaiting the manager's approval."""
from __future__ import annotations

from archives.demo.documents import PDF
from archives.models import ArchiveIncident, OutsiderReading, Volume
from archives.services import incidents, outsiders
from core import clock
from core.demo import World
from core.models import Project

# A well-formed 18-character ID card number for the demo visitor (checksum valid, not a real person's).
VISITOR_ID = "11010519491231002X"


def build_incidents(world: World, project: Project, prefix: str) -> None:
    archivist = world.users[prefix + "dangan"]
    volumes = Volume.objects.filter(project=project, category__confidential=False).select_related("category")
    last_year = volumes.filter(category__code="QJ", year=clock.today().year - 1).order_by("seq").first()
    if last_year is not None and not ArchiveIncident.objects.filter(project=project).exists():
        incidents.report(volume=last_year, kind="damaged", reported_by=archivist,
                         responsible_name="档案室空调冷凝水渗漏，无直接责任人",
                         text="月度清理时发现该卷存放处受潮，十二月清洁卫生检查表下半部分字迹洇开、纸张起皱；"
                              "已取出晾干、单独存放，空调排水管已报工程部维修。")
    duty = volumes.filter(category__code="ZB", status="open").order_by("year", "seq").first()
    if duty is not None and not OutsiderReading.objects.filter(project=project).exists():
        reading = outsiders.register(volume=duty, registered_by=archivist, visitor_name="刘警官",
                                     visitor_unit="辖区派出所", id_number=VISITOR_ID,
                                     purpose="核查上月一起车辆刮蹭事件当晚的值班及巡查记录")
        outsiders.attach_letter(reading=reading, uploaded_by=archivist, name="派出所介绍信.pdf", data=PDF)
