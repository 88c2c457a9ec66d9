"""Three warehouses of the first project, a catalogue, audited documents, a tool lent, a damaged part."""
from __future__ import annotations

from core.demo import World
from stores.models import Item, Location, Warehouse
from stores.services import stock
from stores.states import Abc, DocKind, Level

ITEMS = [("M-001", "LED灯泡", "12W", Abc.C, False, False, None, None, "8.50"),
         ("M-002", "水龙头", "DN15", Abc.B, False, False, None, None, "45.00"),
         ("M-003", "空气开关", "DZ47-63 C16", Abc.A, False, False, None, None, "32.00"),
         ("M-004", "油漆稀释剂", "5L", Abc.B, True, False, 365, None, "60.00"),
         ("T-001", "冲击钻", "博世GSB", Abc.A, False, True, None, 90, "480.00")]


def catalogue(company) -> dict[str, Item]:
    out = {}
    for code, name, spec, abc, hazardous, tool, life, maint, price in ITEMS:
        out[code], _made = Item.objects.get_or_create(company=company, code=code, defaults=dict(
            name=name, spec=spec, abc_class=abc, hazardous=hazardous, is_tool=tool, shelf_life_days=life,
            maintenance_days=maint, price=price, reserve=5))
    return out


def warehouses(project) -> dict[str, Warehouse]:
    company, _ = Warehouse.objects.get_or_create(project=project, code="GS", defaults={
        "level": Level.COMPANY, "name": "公司库房"})
    dept, _ = Warehouse.objects.get_or_create(project=project, code="YWB", defaults={
        "level": Level.DEPARTMENT, "name": "业务部库房", "parent": company})
    site, _ = Warehouse.objects.get_or_create(project=project, code="XC", defaults={
        "level": Level.SITE, "name": f"{project.name}现场库房", "parent": dept})
    for code, abc, hazardous in (("A-01", Abc.A, False), ("B-01", Abc.B, False), ("C-01", Abc.C, False),
                                 ("H-01", Abc.B, True)):
        Location.objects.get_or_create(warehouse=site, code=code, defaults={
            "abc_class": abc, "hazardous": hazardous, "shelf": code[0], "layer": "1", "position": code[-1]})
    return {"company": company, "department": dept, "site": site}


def build(world: World) -> None:
    project = world.projects[0]
    items = catalogue(world.company)
    ws = warehouses(project)
    site = ws["site"]
    if site.documents.exists():
        return
    loc = {lo.code: lo for lo in site.locations.all()}
    doc = stock.create(project=project, by=world.users["cangguan"], kind=DocKind.PURCHASE, warehouse=site, lines=[
        {"item": items["M-001"], "quantity": 50, "location": loc["C-01"]},
        {"item": items["M-002"], "quantity": 10, "location": loc["B-01"]},
        {"item": items["M-003"], "quantity": 20, "location": loc["A-01"]},
        {"item": items["M-004"], "quantity": 4, "location": loc["H-01"]},
        {"item": items["T-001"], "quantity": 2, "location": loc["A-01"]}], reference="FH-2026-001")
    stock.audit_document(document=doc, auditor=world.users["gczg"])


def build_more(world: World) -> None:
    """A stocktake being counted, a tool loan form, a damaged part registered, a requisition waiting for planning."""
    import datetime as dt

    from core import clock
    from stores.models import DamagedPart, Requisition, Stocktake, ToolLoan
    from stores.services import counts, parts, supply, tools

    project, users = world.projects[0], world.users
    items = catalogue(world.company)
    site = warehouses(project)["site"]
    if not Stocktake.objects.filter(warehouse=site).exists():
        counts.open_count(warehouse=site, by=users["cangguan"])
    if not ToolLoan.objects.filter(warehouse=site).exists():
        tools.apply(warehouse=site, tool=items["T-001"], holder=users["gongcheng1"], registered_by=users["cangguan"],
                    team="维修一组", purpose="更换楼道灯具", days=2)
    if not DamagedPart.objects.filter(warehouse=site).exists():
        parts.register(warehouse=site, part=items["M-003"], by=users["cangguan"], quantity=1,
                       replaced_on=clock.today() - dt.timedelta(days=1), spec="DZ47-63 C16", asset_no="1栋配电箱",
                       replaced_by="周师傅", new_serial="N-2026-001", old_serial="O-2019-334", reason="触点烧蚀",
                       route="warranty")
    if not Requisition.objects.filter(warehouse=site).exists():
        supply.apply(warehouse=site, by=users["cangguan"], purpose="月度维修备料",
                     lines=[{"item": items["M-001"], "quantity": 20}])
