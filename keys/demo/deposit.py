"""Demo: one sealed deposit in cuihu, through the services (idempotent)."""
from __future__ import annotations

from core.demo import World
from core.models import Resident, Unit
from keys.models import KeyDeposit
from keys.services.deposit import deposit_key

DEMO_SIGNATURE = "data:image/png;base64," + "iVBORw0KGgo" * 30


def build(world: World) -> KeyDeposit | None:
    project = world.projects[0]
    unit = Unit.objects.filter(project=project, building__code="1", number="202").first()
    if unit is None:
        return None
    existing = KeyDeposit.objects.filter(project=project, unit=unit).first()
    if existing:
        return existing
    resident = Resident.objects.filter(project=project, units=unit).first()
    return deposit_key(project=project, received_by=world.users["kefu1"], resident=resident, unit=unit, pieces=2,
                       purpose="应急备用(长期寄存)", sealed=True, seal_number="FC-0001", may_collect="业主本人",
                       signer_name=resident.name, signature_image=DEMO_SIGNATURE, storage="A-04-01")
