"""Movement documents (入库单, 出库单, 调拨单): saved, then audited — only auditing changes the books; a change
needs un-auditing first; a document's warehouse never changes (STOCK-2, STOCK-3). The balance never goes
negative: every decrease is one conditional UPDATE (`quantity >= n`), so of two issues of the last unit one wins on
SQLite and PostgreSQL alike; each balance change writes its journal row in the same transaction (STOCK-4)."""
from __future__ import annotations

import datetime as dt

from django.db.models import F
from django.utils.translation import gettext as _

from core import audit, clock
from core.errors import Conflict, DomainError, NotAllowed, NotFound
from stores import permissions
from stores.models import Balance, Item, Location, Lot, Movement, StockDocument, StockLine, Warehouse
from stores.services.numbers import take
from stores.states import DOC_FLOW, KIND_GRADE, DocKind, DocStatus, Grade

MAX_LINES = 200


def _series(kind: str, red: bool) -> str:
    if kind == DocKind.TRANSFER:
        return "transfer"
    return "in" if (kind in DocKind.incoming()) != red else "out"


def _clean_lines(project, warehouse: Warehouse, lines) -> list[dict]:
    if not lines:
        raise DomainError(_("A document needs at least one line."), code="no_lines", rule="STOCK-2")
    if len(lines) > MAX_LINES:
        raise DomainError(_("Too many lines."), code="too_many_lines", rule="STOCK-2")
    clean = []
    for raw in lines:
        item = raw["item"]
        if not isinstance(item, Item):
            item = Item.objects.filter(pk=item, company_id=project.company_id).first()
        if item is None or item.company_id != project.company_id:
            raise NotFound(_("No such item."), code="item_not_found")
        try:
            quantity = int(raw["quantity"])
        except (TypeError, ValueError, KeyError):
            quantity = 0
        if quantity <= 0:
            raise DomainError(_("Quantities are whole numbers above zero; a return is a red entry."),
                              code="bad_quantity", rule="STOCK-2")
        location = raw.get("location")
        if location is not None and not isinstance(location, Location):
            location = Location.objects.filter(pk=location).first()
        if location is not None and location.warehouse_id != warehouse.pk:
            raise DomainError(_("The location is not in the receiving warehouse."), code="bad_location",
                              rule="STOCK-11")
        clean.append({"item": item, "quantity": quantity, "unit_price": raw.get("unit_price") or item.price,
                      "expires_on": raw.get("expires_on"), "location": location})
    return clean


def _check_placement(item: Item, location: Location | None, *, placed: bool) -> None:
    """Hazardous goods apart, each item in a location of its ABC class (STOCK-11; 003 篇2 §1.4)."""
    if not placed:
        return
    if item.hazardous and (location is None or not location.hazardous):
        raise DomainError(_("%(item)s is hazardous: store it apart, in a hazardous-goods location.") % {
            "item": item.name}, code="hazardous_apart", rule="STOCK-11")
    if location is not None and location.hazardous and not item.hazardous:
        raise DomainError(_("The hazardous-goods store holds hazardous goods only."), code="hazardous_apart",
                          rule="STOCK-11")
    if location is not None and location.abc_class != item.abc_class:
        raise DomainError(_("%(item)s is class %(abc)s; place it in a class %(abc)s location.") % {
            "item": item.name, "abc": item.abc_class}, code="abc_mismatch", rule="STOCK-11")


def _receiver(kind, red, warehouse, to_warehouse):
    """The warehouse whose stock rises when the document is audited (None when none does)."""
    if kind == DocKind.TRANSFER:
        return to_warehouse
    return warehouse if (kind in DocKind.incoming() or kind == DocKind.STOCKTAKE) != red else None


@audit.atomic()
def create(*, project, by, kind: str, warehouse: Warehouse, lines, grade: str = "", red: bool = False,
           to_warehouse: Warehouse | None = None, note: str = "", reference: str = "",
           _system: bool = False) -> StockDocument:
    """Save a document (the books do not change until it is audited)."""
    if not _system:
        permissions.require_keeper(by, project)
    if kind not in DocKind.values or (kind == DocKind.STOCKTAKE and not _system):
        raise DomainError(_("Unknown kind of document."), code="bad_kind", rule="STOCK-2")
    if warehouse.project_id != project.pk:
        raise NotFound(_("No such warehouse."), code="warehouse_not_found")
    if kind == DocKind.TRANSFER:
        if to_warehouse is None or to_warehouse.pk == warehouse.pk:
            raise DomainError(_("A transfer goes to another warehouse."), code="bad_transfer", rule="STOCK-2")
        if to_warehouse.project.company_id != project.company_id:
            raise NotFound(_("No such warehouse."), code="warehouse_not_found")
        if grade not in Grade.values:
            raise DomainError(_("Say whether good or damaged stock is transferred."), code="bad_grade",
                              rule="STOCK-2")
    else:
        to_warehouse = None
        grade = grade if kind == DocKind.STOCKTAKE else KIND_GRADE.get(kind, grade or Grade.GOOD)
    receiver = _receiver(kind, red, warehouse, to_warehouse)
    clean = _clean_lines(project, receiver or warehouse, lines)
    for line in clean:
        _check_placement(line["item"], line["location"] or _current_location(receiver, line["item"], grade),
                         placed=receiver is not None)
    doc = StockDocument.objects.create(project=project, number=take(project, _series(kind, red)), kind=kind,
                                       grade=grade, red=red, warehouse=warehouse, to_warehouse=to_warehouse,
                                       note=note[:300], reference=reference[:60], created_by=by,
                                       created_at=clock.now())
    StockLine.objects.bulk_create([StockLine(document=doc, **line) for line in clean])
    audit.record(actor=by, action="stores.document.saved", target=doc, project=project,
                 data={"number": doc.number, "kind": kind, "red": red, "lines": len(clean)})
    return doc


def _current_location(warehouse, item, grade):
    if warehouse is None:
        return None
    balance = Balance.objects.filter(warehouse=warehouse, item=item, grade=grade).select_related("location").first()
    return balance.location if balance else None


def _locked(document: StockDocument) -> StockDocument:
    return StockDocument.objects.select_for_update().get(pk=document.pk)


@audit.atomic()
def update(*, document: StockDocument, by, lines=None, note: str | None = None,
           warehouse: Warehouse | None = None) -> StockDocument:
    """Change a saved document's lines or note; an audited one must be un-audited first; the warehouse never
    changes (STOCK-3)."""
    permissions.require_keeper(by, document.project)
    doc = _locked(document)
    if warehouse is not None and warehouse.pk != doc.warehouse_id:
        raise Conflict(_("A document's warehouse cannot change; write a new document."), code="warehouse_fixed",
                       rule="STOCK-3")
    if doc.status != DocStatus.SAVED:
        raise Conflict(_("The document is audited; un-audit it before changing it."), code="audited_locked",
                       rule="STOCK-3")
    if lines is not None:
        receiver = _receiver(doc.kind, doc.red, doc.warehouse, doc.to_warehouse)
        clean = _clean_lines(doc.project, receiver or doc.warehouse, lines)
        for line in clean:
            _check_placement(line["item"], line["location"] or _current_location(receiver, line["item"], doc.grade),
                             placed=receiver is not None)
        doc.lines.all().delete()
        StockLine.objects.bulk_create([StockLine(document=doc, **line) for line in clean])
    if note is not None:
        doc.note = note[:300]
        doc.save(update_fields=["note"])
    audit.record(actor=by, action="stores.document.changed", target=doc, project=doc.project,
                 data={"number": doc.number})
    return doc


def _effects(doc: StockDocument, sign: int):
    """(warehouse, item, grade, delta, line) of each balance change the document makes; sign −1 undoes it."""
    red = -1 if doc.red else 1
    for line in doc.lines.select_related("item", "location"):
        if doc.kind == DocKind.TRANSFER:  # out of one first, then into the other (the lots travel with it)
            source, target = (doc.warehouse, doc.to_warehouse) if sign > 0 else (doc.to_warehouse, doc.warehouse)
            yield source, line, -line.quantity
            yield target, line, line.quantity
        elif doc.kind in DocKind.incoming():
            yield doc.warehouse, line, line.quantity * red * sign
        elif doc.kind == DocKind.STOCKTAKE:
            # A stocktake's adjustment: a gain is a plain line, a loss a red one (the line holds the size).
            yield doc.warehouse, line, line.quantity * red * sign
        else:
            yield doc.warehouse, line, -line.quantity * red * sign


def _take_lots(warehouse, item, grade, quantity: int, *, usable_only: bool) -> list[tuple[int, dt.date | None]]:
    """Consume `quantity` from the oldest lots first (FIFO, STOCK-8); expired lots are never issued for use."""
    today = clock.today()
    taken, left = [], quantity
    for lot in Lot.objects.select_for_update().filter(warehouse=warehouse, item=item, grade=grade,
                                                      remaining__gt=0).order_by("received_on", "pk"):
        if usable_only and lot.expires_on is not None and lot.expires_on < today:
            continue
        part = min(left, lot.remaining)
        Lot.objects.filter(pk=lot.pk).update(remaining=F("remaining") - part)
        taken.append((part, lot.expires_on))
        left -= part
        if not left:
            return taken
    raise Conflict(_("Not enough usable stock of %(item)s: the rest is expired.") % {"item": item.name},
                   code="expired_stock", rule="STOCK-8")


def _apply(doc: StockDocument, warehouse, line: StockLine, delta: int, carried: list, now) -> None:
    item, grade = line.item, doc.grade
    if delta < 0:
        changed = Balance.objects.filter(warehouse=warehouse, item=item, grade=grade,
                                         quantity__gte=-delta).update(quantity=F("quantity") + delta)
        if not changed:
            raise Conflict(_("Not enough %(item)s in stock in %(warehouse)s.") % {
                "item": item.name, "warehouse": warehouse.name}, code="insufficient_stock", rule="STOCK-2",
                details={"item": item.code})
        usable = doc.kind not in (DocKind.SCRAP, DocKind.STOCKTAKE) and grade == Grade.GOOD
        carried[:] = _take_lots(warehouse, item, grade, -delta, usable_only=usable)
    else:
        balance, _made = Balance.objects.get_or_create(warehouse=warehouse, item=item, grade=grade)
        Balance.objects.filter(pk=balance.pk).update(quantity=F("quantity") + delta)
        if line.location_id and line.location.warehouse_id == warehouse.pk and balance.location_id != line.location_id:
            Balance.objects.filter(pk=balance.pk).update(location=line.location_id)
        parts = carried or [(delta, line.expires_on or _shelf_life(item, now))]
        Lot.objects.bulk_create([Lot(warehouse=warehouse, item=item, grade=grade, received_on=clock.today(),
                                     expires_on=expires, remaining=qty) for qty, expires in parts])
        carried[:] = []
    Movement.objects.create(project=doc.project, warehouse=warehouse, item=item, grade=grade, delta=delta,
                            document=doc, day=clock.beijing(now).date(), occurred_at=now)


def _shelf_life(item: Item, now) -> dt.date | None:
    if item.shelf_life_days:
        return clock.beijing(now).date() + dt.timedelta(days=item.shelf_life_days)
    return None


def _post(doc: StockDocument, sign: int) -> None:
    now, carried, previous = clock.now(), [], None
    for warehouse, line, delta in _effects(doc, sign):
        if line.pk != previous:
            carried, previous = [], line.pk
        _apply(doc, warehouse, line, delta, carried, now)


@audit.atomic()
def audit_document(*, document: StockDocument, auditor, _system: bool = False) -> StockDocument:
    """审核: the books change now. The auditor is never the document's writer."""
    if not _system:
        permissions.require_auditor(auditor, document.project)
    doc = _locked(document)
    DOC_FLOW.check(doc.status, DocStatus.AUDITED)
    if not _system and auditor.pk == doc.created_by_id:
        raise NotAllowed(_("The writer of a document cannot audit it; a second person must."), code="self_audit",
                         rule="STOCK-3")
    _post(doc, 1)
    doc.status, doc.audited_by, doc.audited_at = DocStatus.AUDITED, auditor, clock.now()
    doc.save(update_fields=["status", "audited_by", "audited_at"])
    audit.record(actor=auditor, action="stores.document.audited", target=doc, project=doc.project,
                 data={"number": doc.number})
    return doc


@audit.atomic()
def unaudit_document(*, document: StockDocument, auditor) -> StockDocument:
    """反审核: the document's movements are undone by counter-movements in the journal; it is saved again."""
    permissions.require_auditor(auditor, document.project)
    doc = _locked(document)
    DOC_FLOW.check(doc.status, DocStatus.SAVED)
    if doc.kind == DocKind.STOCKTAKE:
        raise Conflict(_("A stocktake's adjustment is not un-audited; count again."), code="stocktake_final",
                       rule="STOCK-4")
    _post(doc, -1)
    doc.status, doc.audited_by, doc.audited_at = DocStatus.SAVED, None, None
    doc.save(update_fields=["status", "audited_by", "audited_at"])
    audit.record(actor=auditor, action="stores.document.unaudited", target=doc, project=doc.project,
                 data={"number": doc.number})
    return doc
