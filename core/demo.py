"""The demo world: one company, two projects, buildings, units, residents and staff of every role."""
from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from core import pii, policies
from core.errors import NotAllowed
from core.models import Building, Company, Department, Membership, Project, Resident, Unit, User
from core.roles import DepartmentCode, Role

DEPARTMENT_NAMES = {
    DepartmentCode.CUSTOMER_SERVICE: "客服部", DepartmentCode.ADMINISTRATION: "行政部",
    DepartmentCode.ENGINEERING: "工程部", DepartmentCode.SECURITY: "保安部", DepartmentCode.ORDER: "秩序维护部",
    DepartmentCode.FINANCE: "财务部", DepartmentCode.SALES: "销售部", DepartmentCode.MANAGEMENT: "管理处",
}

# username, full name, department, roles — staff of the first project; the second gets "bj_" copies.
STAFF = [
    ("kefu1", "李小红", "cs", [Role.CS_ASSISTANT, Role.KEY_KEEPER]),
    ("kefu2", "陈静", "cs", [Role.CS_ASSISTANT]),
    ("kfzg", "王主管", "cs", [Role.CS_SUPERVISOR]),
    ("jingli", "张经理", "management", [Role.SITE_MANAGER]),
    ("xingzheng", "赵行政", "admin", [Role.ADMIN_STAFF]),
    ("xzzg", "孙行政主管", "admin", [Role.DEPT_HEAD]),
    ("gongcheng1", "周师傅", "engineering", [Role.TECHNICIAN]),
    ("gczg", "吴工程主管", "engineering", [Role.DEPT_HEAD]),
    ("baoan1", "郑保安", "security", [Role.SECURITY_GUARD]),
    ("baz", "冯保安队长", "security", [Role.DEPT_HEAD]),
    ("dangan", "何档案", "admin", [Role.ARCHIVIST]),
    ("cangguan", "钱仓管", "admin", [Role.STOREKEEPER]),
]
COMPANY_WIDE = [("zongjingli", "刘总经理", "management", [Role.GENERAL_MANAGER])]


@dataclass
class World:
    company: Company
    projects: list[Project]
    users: dict[str, User] = field(default_factory=dict)


def _user(company, departments, username, full_name, dept, password) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={
        "full_name": full_name, "company": company, "department": departments[dept],
        "phone": f"1390000{len(username):04d}",
    })
    if created:
        user.set_password(password)
        user.save()
    return user


# The demo company's own code (a company's short name in the data, not an error code).
DEMO_COMPANY_CODE = "demo"


def refuse_in_production() -> None:
    """The demo creates `admin` and a dozen staff with the published password: never on a production system."""
    if getattr(settings, "PRODUCTION", False):
        raise NotAllowed(_("Demo data is never loaded in production (PROPDESK_ENV=production): it would create "
                           "accounts with the published demo password."), code="demo_in_production")


@transaction.atomic
def build_world(*, password: str | None = None) -> World:
    refuse_in_production()
    password = password or settings.PROPDESK_DEMO_PASSWORD
    policies.seed_defaults()
    company, _ = Company.objects.get_or_create(code=DEMO_COMPANY_CODE, defaults={"name": "示例物业服务有限公司"})
    departments = {
        code.value: Department.objects.get_or_create(company=company, code=code.value,
                                                     defaults={"name": DEPARTMENT_NAMES[code]})[0]
        for code in DepartmentCode
    }
    p1, _ = Project.objects.get_or_create(company=company, code="cuihu",
                                          defaults={"name": "翠湖花园管理处", "address": "翠湖路88号"})
    p2, _ = Project.objects.get_or_create(company=company, code="binjiang",
                                          defaults={"name": "滨江大厦管理处", "address": "滨江大道1号"})
    world = World(company=company, projects=[p1, p2])
    for project, prefix in ((p1, ""), (p2, "bj_")):
        for username, full_name, dept, roles in STAFF:
            user = _user(company, departments, prefix + username, full_name if not prefix else full_name + "(滨江)",
                         dept, password)
            world.users[prefix + username] = user
            for role in roles:
                Membership.objects.get_or_create(user=user, project=project, role=role)
        for code, name, zone in (("1", "1栋", "1组团"), ("2", "2栋", "2组团")):
            building, _ = Building.objects.get_or_create(project=project, code=code,
                                                         defaults={"name": name, "zone": zone})
            for floor in (1, 2, 3, 12):
                for room in ("01", "02"):
                    number = f"{floor}{room}"
                    unit, made = Unit.objects.get_or_create(project=project, building=building, number=number,
                                                            defaults={"floor": floor, "is_vacant": floor == 3})
                    if made and floor != 3:
                        resident = Resident(project=project, name=f"业主{code}-{number}",
                                            phone=f"138{int(code):02d}{floor:02d}{room}{floor:02d}"[:11],
                                            is_vip=(floor == 12 and room == "01"))
                        pii.set_id_number(resident, f"11010519800101{int(code)}{floor:02d}{room[-1]}"[:17] + "X")
                        resident.save()
                        resident.units.add(unit)
    for username, full_name, dept, roles in COMPANY_WIDE:
        user = _user(company, departments, username, full_name, dept, password)
        world.users[username] = user
        for project in world.projects:
            for role in roles:
                Membership.objects.get_or_create(user=user, project=project, role=role)
    admin, made = User.objects.get_or_create(username="admin", defaults={
        "full_name": "系统管理员", "company": company, "is_staff": True, "is_superuser": True})
    if made:
        admin.set_password(password)
        admin.save()
    world.users["admin"] = admin
    return world


def tiny_png() -> bytes:
    """A valid 1×1 grey PNG standing in for an on-site photo or a scanned page in demo records."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b""))


# --- Each room's demo records, registered in its AppConfig.ready() -------------------------------------------
_BUILDERS: list[tuple[int, str, Callable[[World], None]]] = []


def register(room: str, build: Callable[[World], None], *, order: int) -> None:
    """`manage.py demo_data` builds the world, then each room's records in `order` (a room whose records use
    another room's — a duty log that mentions keys — comes after it). Builders are idempotent."""
    _BUILDERS[:] = [b for b in _BUILDERS if b[1] != room] + [(order, room, build)]
    _BUILDERS.sort(key=lambda b: b[0])


def build_everything(world: World) -> list[str]:
    """Every installed room's demo records; answers the rooms built, in order."""
    for _, _room, build in _BUILDERS:
        build(world)
    return [room for _, room, _ in _BUILDERS]
