"""Import an existing Excel ledger (KEY-LEDGER-4): every bad row reported with its reason; nothing is
half-imported — either the whole file goes in, or (if the user asks) exactly the good rows.

The page runs it as a background job (core.jobs, issue 22): `run_job` reports its progress as it checks the rows.
A key number already in the ledger is reported as a duplicate (never created twice); the same file twice is
refused by the job runner before a row is read. The file is read with calamine (a 100,000-row sheet in about a
second; openpyxl took half a minute), the rows are checked in memory against what a few queries read, and written
with bulk_create in batches under one audit event for the whole import."""
from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

from core import audit, clock, jobs, policies
from core.errors import DomainError
from core.models import Building, Project, Unit, User
from core.parsing import is_int
from core.permissions import require_member
from keys.categories import UNIT_BOUND, Category
from keys.models import KeySet
from keys.models.ledger import new_tag_token

COLUMNS = {
    "number": ("编号", "number"), "category": ("类别", "category"), "name": ("名称/开启对象", "名称", "开启对象", "name"),
    "building": ("楼栋", "building"), "unit": ("房号", "unit"), "floor": ("楼层", "floor"),
    "equipment": ("设备", "equipment"), "room_number": ("房间号", "room"), "pieces": ("件数", "pieces"),
    "storage": ("存放位置", "storage"), "spare": ("紧急备用", "spare"), "notes": ("备注", "notes"),
}
REQUIRED = ("category", "name", "pieces", "storage")
CATEGORY_NAMES = {
    "客户房屋钥匙": Category.UNIT, "业户寄存钥匙": Category.DEPOSITED, "业户委托钥匙": Category.DEPOSITED,
    "空房钥匙": Category.VACANT, "返修钥匙": Category.REPAIR, "公共区域钥匙": Category.PUBLIC,
    "设备房钥匙": Category.EQUIPMENT, "办公区域钥匙": Category.OFFICE, "水表箱钥匙": Category.METER_BOX,
    "信报箱钥匙": Category.MAILBOX, "对讲钥匙": Category.INTERCOM, "前台钥匙": Category.FRONT_DESK,
    "样板间钥匙": Category.MODEL_UNIT,
}
YES = {"是", "y", "yes", "true", "1", "√", "✓"}
NO = {"", "否", "n", "no", "false", "0"}
BATCH = 2000
JOB_KIND = "keys.ledger_import"
EVERY = 2000  # rows between two progress reports
REPORTED = 5000  # problems kept in a refusal's details (all are counted)


class ImportRejected(DomainError):
    code = "import_rejected"


@dataclass
class ImportResult:
    created: int
    errors: list[dict] = field(default_factory=list)
    rows: int = 0


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read(data: bytes) -> tuple[dict[str, int], list[tuple[int, tuple]]]:
    if not data:
        raise DomainError(_("The file is empty."), code="malformed_file", rule="KEY-LEDGER-4")
    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        rows = iter(sheet.to_python(skip_empty_area=False))
    except (CalamineError, ValueError, IndexError, OSError) as exc:
        raise DomainError(_("This is not an Excel (.xlsx) file."), code="malformed_file", rule="KEY-LEDGER-4") from exc
    header = next(rows, None)
    if not header:
        raise DomainError(_("The sheet has no header row."), code="malformed_file", rule="KEY-LEDGER-4")
    names = [_text(h).lower() for h in header]
    positions = {}
    for key, aliases in COLUMNS.items():
        for alias in aliases:
            if alias.lower() in names:
                positions[key] = names.index(alias.lower())
                break
    missing = [COLUMNS[k][0] for k in REQUIRED if k not in positions]
    if missing:
        raise DomainError(_("Required columns are missing: %(cols)s") % {"cols": "、".join(missing)},
                          code="malformed_file", rule="KEY-LEDGER-4", details={"missing": missing})
    body = [(index, row) for index, row in enumerate(rows, start=2) if any(_text(v) for v in row)]
    return positions, body


class _Numberer:
    """Numbers for rows without one, by the company's rule, never colliding with the ledger or the file."""

    def __init__(self, project: Project, taken: set[str]):
        self.rules = policies.value("keys.numbering", project)
        self.taken = taken
        self.project = project
        self.loaded = False

    def next(self, category: str, building: str, floor: int | None, equipment: str) -> str:
        if not self.loaded:
            self.taken |= set(KeySet.objects.filter(project=self.project).values_list("number", flat=True))
            self.loaded = True
        pattern = self.rules.get(category) or self.rules["default"]
        values = {"building": building or "X", "floor": floor or 0, "equipment": equipment[:12] or "EQ",
                  "prefix": category.upper()[:3]}
        seq = 1
        while (candidate := pattern.format(seq=seq, **values)) in self.taken:
            seq += 1
        self.taken.add(candidate)
        return candidate


def _no_progress(done: int, total: int | None = None, phase: str | None = None) -> None:
    return None


def import_ledger(*, project: Project, actor: User, data: bytes, only_good_rows: bool = False,
                  progress: Callable = _no_progress) -> ImportResult:
    """Check every row, then import all of them or (asked for) exactly the good ones (KEY-LEDGER-4)."""
    require_member(actor, project)
    progress(0, None, "reading")
    positions, body = _read(data)
    total = len(body)
    progress(0, total, "checking")
    buildings = {b.code: b for b in Building.objects.filter(project=project)}
    units = {(u.building.code, u.number): u for u in Unit.objects.filter(project=project).select_related("building")}
    file_numbers: dict[str, int] = {}
    errors: list[dict] = []
    parsed: list[dict] = []

    def cell(row, key):
        return _text(row[positions[key]]) if key in positions and positions[key] < len(row) else ""

    for done, (line, row) in enumerate(body):
        if done % EVERY == 0:
            progress(done, None, None)
        bad = []
        item = {"number": cell(row, "number"), "name": cell(row, "name"), "storage": cell(row, "storage"),
                "equipment": cell(row, "equipment"), "room_number": cell(row, "room_number"), "notes": cell(row, "notes")}
        raw_category = cell(row, "category")
        category = CATEGORY_NAMES.get(raw_category) or (raw_category if raw_category in Category.values else None)
        if category is None:
            bad.append(("类别", _("unknown category “%(value)s”") % {"value": raw_category}))
        for key in ("name", "storage"):
            if not item[key]:
                bad.append((COLUMNS[key][0], _("required")))
        pieces = cell(row, "pieces")
        if not is_int(pieces) or int(pieces) < 1:
            bad.append(("件数", _("must be a whole number of at least 1")))
        floor = cell(row, "floor")
        if floor and not is_int(floor.lstrip("-")):
            bad.append(("楼层", _("must be a whole number")))
        building_code, unit_number = cell(row, "building"), cell(row, "unit")
        building = buildings.get(building_code) if building_code else None
        if building_code and building is None:
            bad.append(("楼栋", _("no building “%(value)s” in this project") % {"value": building_code}))
        unit = None
        if unit_number:
            unit = units.get((building_code, unit_number))
            if unit is None:
                bad.append(("房号", _("no unit %(b)s-%(u)s in this project") % {"b": building_code, "u": unit_number}))
        if category in UNIT_BOUND and category != Category.MAILBOX and not unit_number:
            bad.append(("房号", _("a resident's key must name its unit")))
        spare = cell(row, "spare").lower()
        if spare not in YES | NO:
            bad.append(("紧急备用", _("write 是 or 否")))
        if item["number"]:
            if item["number"] in file_numbers:
                errors.append({"row": line, "column": "编号", "kind": "duplicate", "message": str(
                    _("repeats row %(row)s") % {"row": file_numbers[item["number"]]})})
            file_numbers.setdefault(item["number"], line)
        for column, message in bad:
            errors.append({"row": line, "column": column, "message": str(message), "kind": "error"})
        if not bad:
            item.update(category=category, pieces=int(pieces), floor=int(floor) if floor else (unit.floor if unit else None),
                        building=building or (unit.building if unit else None), unit=unit,
                        is_emergency_spare=spare in YES, row=line)
            parsed.append(item)
    given = [p["number"] for p in parsed if p["number"]]
    existing = set()
    for start in range(0, len(given), 900):
        existing |= set(KeySet.objects.filter(project=project, number__in=given[start:start + 900])
                        .values_list("number", flat=True))
    for item in parsed:
        if item["number"] in existing:
            errors.append({"row": item["row"], "column": "编号", "kind": "duplicate", "message": str(
                _("%(number)s is already in the ledger: a duplicate, not imported again") % {"number": item["number"]})})
    errors.sort(key=lambda e: e["row"])
    bad_rows = {e["row"] for e in errors}
    good = [p for p in parsed if p["row"] not in bad_rows]
    counts = {"rejected": len({e["row"] for e in errors if e["kind"] == "error"}),
              "duplicates": len({e["row"] for e in errors if e["kind"] == "duplicate"}
                                - {e["row"] for e in errors if e["kind"] == "error"})}
    if errors and not only_good_rows:
        raise ImportRejected(_("%(n)s row(s) have errors; nothing was imported.") % {"n": len(bad_rows)},
                             rule="KEY-LEDGER-4", details={"errors": errors[:REPORTED], "rows": total, "counts": counts})
    if not good and not errors:
        raise DomainError(_("The sheet has no rows to import."), code="malformed_file", rule="KEY-LEDGER-4")
    progress(total, total, "writing")
    numberer = _Numberer(project, set(file_numbers) | existing)
    now = clock.now()
    # Built before the transaction opens: on SQLite the write lock is held only for the inserts themselves.
    objs = [KeySet(project=project, category=item["category"], name=item["name"], building=item["building"],
                   number=item["number"] or numberer.next(item["category"], item["building"].code if item["building"]
                                                          else "", item["floor"], item["equipment"]),
                   unit=item["unit"], floor=item["floor"], equipment=item["equipment"],
                   room_number=item["room_number"], pieces=item["pieces"], storage=item["storage"],
                   is_emergency_spare=item["is_emergency_spare"], notes=item["notes"], tag_token=new_tag_token(),
                   created_at=now, updated_at=now) for item in good]
    return _write(project, actor, objs, errors=errors, total=total, counts=counts)


@audit.atomic()
def _write(project: Project, actor: User, objs: list[KeySet], *, errors: list[dict], total: int,
           counts: dict) -> ImportResult:
    """The good rows in batches and one audit event for the import, in one transaction."""
    for start in range(0, len(objs), BATCH):
        KeySet.objects.bulk_create(objs[start:start + BATCH], batch_size=BATCH)
    audit.record(actor=actor, action="keys.ledger.imported", target=("core.project", project.pk), project=project,
                 data={"created": len(objs), "rejected_rows": counts["rejected"],
                       "duplicate_rows": counts["duplicates"],
                       "first": objs[0].number if objs else "", "last": objs[-1].number if objs else ""})
    return ImportResult(created=len(objs), errors=errors, rows=total)


def run_job(job, progress) -> jobs.Outcome:
    """The page's import as a background job (core.jobs kind "keys.ledger_import")."""
    result = import_ledger(project=job.project, actor=job.actor, data=bytes(job.data),
                           only_good_rows=bool(job.options.get("only_good_rows")), progress=progress)
    return jobs.Outcome(created=result.created, rows=result.rows, report=result.errors)


def template_bytes() -> bytes:
    from core.xlsx import workbook_bytes

    headers = ["编号", "类别", "名称/开启对象", "楼栋", "房号", "楼层", "设备", "房间号", "件数", "存放位置", "紧急备用", "备注"]
    example = [["", "公共区域钥匙", "1栋12层消防通道门", "1", "", 12, "", "", 1, "C-01-01", "否", ""],
               ["", "客户房屋钥匙", "1栋1201入户门", "1", "1201", 12, "", "", 3, "A-01-01", "否", "业主委托"]]
    return workbook_bytes(title="钥匙台账", headers=headers, rows=example)
