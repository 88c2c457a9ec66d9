"""Demo of the store room's workflows beyond the stock: a delivery received against its delivery note with one line
short (its purchase-in waits for audit by `gczg`), and freight — an express bill within the site's discretion and an
air-freight bill waiting for `jingli`."""
from __future__ import annotations

from core.demo import World
from stores.demo.stock import catalogue, warehouses
from stores.models import FreightCharge, Receiving
from stores.services import freight, supply
from stores.states import FreightMode


def build_supply(world: World) -> None:
    project, users = world.projects[0], world.users
    items = catalogue(world.company)
    site = warehouses(project)["site"]
    if not Receiving.objects.filter(warehouse=site).exists():
        supply.receive(warehouse=site, by=users["cangguan"], delivery_note="FH-2026-014", packing_list="ZX-2026-014",
                       lines=[{"item": items["M-001"], "listed": 30, "received": 30},
                              {"item": items["M-002"], "listed": 6, "received": 5}])
    if not FreightCharge.objects.filter(project=project).exists():
        freight.enter(project=project, by=users["cangguan"], mode=FreightMode.EXPRESS, amount="86.00")
        freight.enter(project=project, by=users["cangguan"], mode=FreightMode.AIR, amount="640.00",
                      written_request="空气开关急需，航空发运")
