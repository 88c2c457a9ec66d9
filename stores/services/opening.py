"""Opening balances imported from a sheet (.xlsx or .csv) with a report row by row (the house pattern of
archives' catalogue import): every row names an item of the catalogue, a whole quantity above zero, a grade and
optionally a location and an expiry date. Nothing is imported while any row is bad unless exactly the good rows
are asked for; the rows become saved opening documents (one per grade), which a second person audits like any
other document (STOCK-1, STOCK-3). A cell is data, never a formula."""
from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from core import audit
from core.errors import DomainError
from stores import permissions
from stores.models import Item, Location, StockDocument, Warehouse
from stores.services import stock
from stores.states import DocKind, Grade

RULE = "STOCK-1"
MAX_ROWS = 5000
COLUMNS = {"item": ("物料编码", "item"), "quantity": ("数量", "quantity"), "grade": ("完好/损坏", "grade"),
           "location": ("库位", "location"), "expires_on": ("有效期", "expires_on")}
GRADES = {"完好": Grade.GOOD, "完好品": Grade.GOOD, "损坏": Grade.DAMAGED, "损坏品": Grade.DAMAGED,
          Grade.GOOD.value: Grade.GOOD, Grade.DAMAGED.value: Grade.DAMAGED, "": Grade.GOOD}


@dataclass
class OpeningResult:
    documents: list[StockDocument] = field(default_factory=list)
    report: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(row["ok"] for row in self.report)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return str(value).strip()


def _rows_of(data: bytes, name: str) -> list[tuple]:
    if name.lower().endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return [tuple(r) for r in csv.reader(io.StringIO(data.decode(encoding)))]
            except UnicodeDecodeError:
                continue
        raise DomainError(_("The CSV file is neither UTF-8 nor GB18030 text."), code="malformed_file", rule=RULE)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DomainError(_("This is not an Excel (.xlsx) or CSV file."), code="malformed_file", rule=RULE) from exc
    try:
        return [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _header(row: tuple) -> dict[str, int]:
    names = [_text(c).lower() for c in row]
    found = {}
    for key, words in COLUMNS.items():
        for i, name in enumerate(names):
            if name in {w.lower() for w in words}:
                found[key] = i
    if "item" not in found or "quantity" not in found:
        raise DomainError(_("The first row names the columns: 物料编码, 数量 (完好/损坏, 库位, 有效期 optional)."),
                          code="malformed_file", rule=RULE)
    return found


def _check(cells, cols, items, locations) -> tuple[dict | None, list[str]]:
    def cell(key):
        i = cols.get(key)
        return _text(cells[i]) if i is not None and i < len(cells) else ""

    problems = []
    item = items.get(cell("item"))
    if item is None:
        problems.append(_("No item with code “%(code)s” in the catalogue.") % {"code": cell("item")[:30]})
    raw = cell("quantity")
    quantity = int(raw) if raw.isascii() and raw.isdigit() else 0
    if quantity <= 0:
        problems.append(_("The quantity is a whole number above zero."))
    grade = GRADES.get(cell("grade"))
    if grade is None:
        problems.append(_("The grade is 完好 or 损坏."))
    location = None
    if cell("location"):
        location = locations.get(cell("location"))
        if location is None:
            problems.append(_("No location “%(code)s” in this warehouse.") % {"code": cell("location")[:20]})
    expires = None
    if cell("expires_on"):
        try:
            expires = parse_date(cell("expires_on"))
        except ValueError:
            expires = None
        if expires is None:
            problems.append(_("The expiry date reads YYYY-MM-DD."))
    if problems:
        return None, problems
    return {"item": item, "quantity": quantity, "grade": grade, "location": location, "expires_on": expires}, []


@audit.atomic()
def import_opening(*, warehouse: Warehouse, by, data: bytes, name: str = "opening.xlsx",
                   good_only: bool = False) -> OpeningResult:
    permissions.require_keeper(by, warehouse.project)
    rows = _rows_of(data, name)
    if not rows:
        raise DomainError(_("The file is empty."), code="malformed_file", rule=RULE)
    if len(rows) > MAX_ROWS + 1:
        raise DomainError(_("At most %(n)s rows at a time.") % {"n": MAX_ROWS}, code="too_many_rows", rule=RULE)
    cols = _header(rows[0])
    items = {i.code: i for i in Item.objects.filter(company_id=warehouse.project.company_id)}
    locations = {lo.code: lo for lo in Location.objects.filter(warehouse=warehouse)}
    result, good = OpeningResult(), []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(_text(c) for c in cells):
            continue
        parsed, problems = _check(cells, cols, items, locations)
        result.report.append({"row": number, "ok": not problems, "problems": problems})
        if parsed:
            good.append(parsed)
    if not result.ok and not good_only:
        return result
    for grade in (Grade.GOOD, Grade.DAMAGED):
        lines = [{k: v for k, v in row.items() if k != "grade"} for row in good if row["grade"] == grade]
        if lines:
            result.documents.append(stock.create(project=warehouse.project, by=by, kind=DocKind.OPENING,
                                                 warehouse=warehouse, lines=lines, grade=grade,
                                                 note=_("Opening balance from %(name)s") % {"name": name[:100]}))
    return result
