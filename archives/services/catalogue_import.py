"""Import of the catalogue (issue 15; ARCH-2): an archivist uploads the volumes of an existing catalogue as an
.xlsx (LibreOffice's or Excel's) or a .csv. Every row is checked — its category, year, title, retention, series,
and its volume number when it has one (in the house's form, never given before, not twice in the file) — and the
report names each row's problem in words. Nothing is imported while any row is bad, unless the archivist asks
explicitly for exactly the good rows; the rows go in together, in one transaction, a few queries for the whole
file. A cell is data, never a formula: "=1+2" is a title that reads "=1+2".

The page runs it as a background job (core.jobs, issue 22) with its progress; a volume number already in the
catalogue, or repeated in the file, is reported as a duplicate and never created twice."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from archives.models import Category, ExternalUnit, Volume, VolumeCounter
from archives.services.access import may_see_confidential, require_keeper
from archives.services.catalogue import FOREVER
from archives.services.sealing import last_year_to_seal
from archives.states import Owner, Retention, VolumeStatus
from core import audit, clock, jobs, limits, policies
from core.errors import DomainError
from core.models import Department, Project, User

RULE = "ARCH-2"
BATCH = 1000
CHUNK = 900  # ids per IN (…) query: under SQLite's variable limit
JOB_KIND = "archives.catalogue_import"
EVERY = 500  # rows between two progress reports

# key: (the template's header, other headers taken for it)
COLUMNS = {
    "category": ("类别", "类别代码", "category"),
    "year": ("年度", "year"),
    "title": ("案卷题名", "题名", "title"),
    "retention": ("保管期限", "retention"),
    "department": ("部门", "department"),
    "unit": ("外部单位", "external unit", "unit"),
    "number": ("案卷号", "number"),
}
REQUIRED = ("category", "year", "title")
TEMPLATE_EXAMPLE = [["QJ", 2019, "2019年清洁卫生检查记录", "短期", "客服部", "", ""],
                    ["HT", 2020, "二次供水设施维护合同", "长期", "", "市自来水公司", ""],
                    ["ZB", 2018, "2018年客服中心值班记录", "15年", "客服部", "", "DA-2018-ZB-0001"]]
RETENTION_WORDS = {"永久": Retention.PERMANENT, "长期": Retention.LONG, "短期": Retention.SHORT,
                   **{value: value for value in (Retention.PERMANENT, Retention.LONG, Retention.SHORT)}}
YEARS = re.compile(r"^(\d{1,3})\s*年?$")


class ImportRejected(DomainError):
    code = "import_rejected"


@dataclass
class ImportResult:
    created: int
    rows: int
    errors: list[dict] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


def report(lines: list[int], errors: list[dict]) -> list[dict]:
    """One entry per row of the file: its number, and OK or its problems in words."""
    by_row: dict[int, list[dict]] = {}
    for error in errors:
        by_row.setdefault(error["row"], []).append(error)
    return [{"row": line, "ok": line not in by_row, "problems": by_row.get(line, [])} for line in lines]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return str(value).strip()


def _malformed(message) -> DomainError:
    return DomainError(message, code="malformed_file", rule=RULE)


def _rows_of(data: bytes, name: str) -> list[tuple]:
    """The sheet's rows as tuples of raw values. Formulas are read as their text (data_only=False): a cell that
    begins with = + - @ is the words it shows in the file, never something computed."""
    if name.lower().endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):  # Excel in Chinese saves CSV in GB18030
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise _malformed(_("The CSV file is neither UTF-8 nor GB18030 text."))
        return [tuple(row) for row in csv.reader(io.StringIO(text))]
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _malformed(_("This is not an Excel (.xlsx) or CSV file.")) from exc
    try:
        return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def read(data: bytes, name: str, project: Project) -> tuple[dict[str, int], list[tuple[int, tuple]]]:
    """The header's columns and the non-blank rows (with their row numbers in the file), within the policy's
    bounds of size and rows."""
    if not data:
        raise _malformed(_("The file is empty."))
    largest = int(policies.value("archives.import.max_bytes", project))
    if len(data) > largest:
        raise DomainError(_("The file is larger than %(kb)s KB.") % {"kb": largest // 1024}, code="file_too_large",
                          rule=RULE, details={"limit": largest},
                          clause=policies.resolve("archives.import.max_bytes", project).clause)
    rows = _rows_of(data, name)
    if not rows or not any(_text(v) for v in rows[0]):
        raise _malformed(_("The sheet has no header row."))
    names = [_text(h).lower() for h in rows[0]]
    positions = {}
    for key, aliases in COLUMNS.items():
        for alias in aliases:
            if alias.lower() in names:
                positions[key] = names.index(alias.lower())
                break
    missing = [COLUMNS[k][0] for k in REQUIRED if k not in positions]
    if missing:
        raise DomainError(_("Required columns are missing: %(cols)s") % {"cols": "、".join(missing)},
                          code="malformed_file", rule=RULE, details={"missing": missing})
    body = [(index, row) for index, row in enumerate(rows[1:], start=2) if any(_text(v) for v in row)]
    most = int(policies.value("archives.import.max_rows", project))
    if len(body) > most:
        raise DomainError(_("The file has %(n)s rows; at most %(max)s are imported at once.")
                          % {"n": len(body), "max": most}, code="too_many_rows", rule=RULE,
                          details={"rows": len(body), "limit": most},
                          clause=policies.resolve("archives.import.max_rows", project).clause)
    if not body:
        raise _malformed(_("The sheet has no rows to import."))
    return positions, body


class _Context:
    """What the rows are checked against, read once for the whole file."""

    def __init__(self, project: Project, actor: User):
        company = project.company
        self.project = project
        self.categories = {}
        for category in Category.objects.filter(company=company):
            self.categories[category.code.lower()] = category
            self.categories.setdefault(category.name.lower(), category)
        self.departments = {}
        for department in Department.objects.filter(company=company):
            self.departments[department.name.lower()] = department
            self.departments.setdefault(department.code.lower(), department)
        self.units = {u.name.lower(): u for u in ExternalUnit.objects.filter(project=project)}
        self.confidential_ok = may_see_confidential(actor, project)
        self.prefix = policies.value("archives.volume.number_prefix", project)
        self.spans = {Retention.LONG: int(policies.value("archives.retention.long_years", project)),
                      Retention.SHORT: int(policies.value("archives.retention.short_years", project))}
        self.proposed = dict(policies.value("archives.retention.default", project))
        self.seal_until = last_year_to_seal(project)
        self.this_year = clock.today().year

    def keep_until(self, retention: str, years: int | None, year: int) -> dt.date:
        if retention == Retention.PERMANENT:
            return FOREVER
        span = self.spans.get(retention, years)
        return dt.date(min(year + int(span), 9998), 12, 31)


def _check_row(ctx: _Context, cell) -> tuple[dict | None, list[tuple[str, str]]]:
    bad: list[tuple[str, str]] = []
    raw = cell("category")
    category = ctx.categories.get(raw.lower()) if raw else None
    if not raw:
        bad.append(("类别", _("required")))
    elif category is None:
        bad.append(("类别", _("no category “%(value)s”") % {"value": raw}))
    elif not category.active:
        bad.append(("类别", _("category “%(value)s” is no longer in use") % {"value": raw}))
    elif category.confidential and not ctx.confidential_ok:
        bad.append(("类别", _("confidential archives need the manager's permission")))
    raw_year = cell("year")
    year = int(raw_year) if raw_year.isascii() and raw_year.isdigit() else None
    if year is None or not 1949 <= year <= ctx.this_year:
        bad.append(("年度", _("a year from 1949 to %(year)s") % {"year": ctx.this_year}))
    try:
        title = limits.fit(Volume, "title", cell("title"), required=True, rule=RULE)
    except DomainError as refused:  # the same bound as a volume opened by hand, in the same words
        title = ""
        bad.append(("案卷题名", str(refused.message)))
    raw_retention, retention, years = cell("retention"), "", None
    if raw_retention:
        retention = RETENTION_WORDS.get(raw_retention.lower(), "")
        match = YEARS.match(raw_retention) if not retention else None
        if match and 1 <= int(match.group(1)) <= 100:
            retention, years = Retention.YEARS, int(match.group(1))
        elif not retention:
            bad.append(("保管期限", _("write 永久, 长期, 短期 or a number of years (1–100)")))
    elif category is not None:
        retention = ctx.proposed.get(category.code, Retention.SHORT)
    dept_name, unit_name = cell("department"), cell("unit")
    department = ctx.departments.get(dept_name.lower()) if dept_name else None
    unit = ctx.units.get(unit_name.lower()) if unit_name else None
    if bool(dept_name) == bool(unit_name):
        bad.append(("部门", _("name either a department or an external unit")))
    elif dept_name and department is None:
        bad.append(("部门", _("no department “%(value)s”") % {"value": dept_name}))
    elif unit_name and unit is None:
        bad.append(("外部单位", _("no external unit “%(value)s” in this project") % {"value": unit_name}))
    number, seq = cell("number"), None
    if number and category is not None and year is not None:
        found = re.fullmatch(rf"{re.escape(ctx.prefix)}-{year}-{re.escape(category.code)}-(\d{{4,6}})", number)
        if found is None or int(found.group(1)) == 0:
            bad.append(("案卷号", _("write it as %(example)s") % {
                "example": f"{ctx.prefix}-{year}-{category.code}-0001"}))
        else:
            seq = int(found.group(1))
    if bad:
        return None, bad
    return {"category": category, "year": year, "title": title, "retention": retention, "retention_years": years,
            "department": department, "unit": unit, "number": number, "seq": seq}, []


def _taken(project: Project, numbers: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(numbers), CHUNK):
        found |= set(Volume.objects.filter(project=project, number__in=numbers[start:start + CHUNK])
                     .values_list("number", flat=True))
    return found


def _given(project: Project, parsed: list[dict]) -> dict[tuple[int, int], int]:
    """The last sequence already given per (category, year) of the file's numbered rows: one query."""
    keys = {(p["category"].pk, p["year"]) for p in parsed if p["seq"] is not None}
    if not keys:
        return {}
    rows = VolumeCounter.objects.filter(project=project, category_id__in={k[0] for k in keys},
                                        year__in={k[1] for k in keys}).values_list("category_id", "year", "last")
    return {(c, y): last for c, y, last in rows}


def _counters(project: Project, keys: set[tuple[int, int]]) -> dict[tuple[int, int], VolumeCounter]:
    """The (category, year) counters of the file, made where missing, locked: one query to read them all."""
    categories, years = {k[0] for k in keys}, {k[1] for k in keys}

    def locked():
        return {(c.category_id, c.year): c for c in VolumeCounter.objects.select_for_update().filter(
            project=project, category_id__in=categories, year__in=years) if (c.category_id, c.year) in keys}

    have = locked()
    missing = [VolumeCounter(project=project, category_id=c, year=y, last=0) for c, y in keys - set(have)]
    if missing:
        VolumeCounter.objects.bulk_create(missing, batch_size=BATCH, ignore_conflicts=True)
        have = locked()
    return have


def _no_progress(done: int, total: int | None = None, phase: str | None = None) -> None:
    return None


def import_volumes(*, project: Project, actor: User, data: bytes, name: str = "catalogue.xlsx",
                   only_good_rows: bool = False, progress: Callable = _no_progress) -> ImportResult:
    """Check every row; import all of them, or (asked for) exactly the good ones; never a part by accident."""
    require_keeper(actor, project)
    progress(0, None, "reading")
    positions, body = read(data, name, project)
    progress(0, len(body), "checking")
    ctx = _Context(project, actor)
    errors: list[dict] = []
    parsed: list[dict] = []
    in_file: dict[str, int] = {}
    for done, (line, row) in enumerate(body):
        if done % EVERY == 0:
            progress(done)
        def cell(key, row=row):
            index = positions.get(key)
            return _text(row[index]) if index is not None and index < len(row) else ""
        item, bad = _check_row(ctx, cell)
        errors += [{"row": line, "column": column, "message": str(message), "kind": "error"} for column, message in bad]
        if item and item["number"]:
            if item["number"] in in_file:
                bad.append(("案卷号", ""))
                errors.append({"row": line, "column": "案卷号", "kind": "duplicate", "message": str(
                    _("repeats row %(row)s") % {"row": in_file[item["number"]]})})
            in_file.setdefault(item["number"], line)
        if item and not bad:
            parsed.append({**item, "row": line})
    taken = _taken(project, [p["number"] for p in parsed if p["number"]])
    given = _given(project, parsed)
    for item in parsed:
        if item["number"] in taken:
            errors.append({"row": item["row"], "column": "案卷号", "kind": "duplicate", "message": str(
                _("%(number)s is already in the catalogue: a duplicate, not imported again") % {"number": item["number"]})})
        elif item["seq"] is not None and item["seq"] <= given.get((item["category"].pk, item["year"]), 0):
            errors.append({"row": item["row"], "column": "案卷号", "kind": "error", "message": str(
                _("%(number)s was given before and is never given again") % {"number": item["number"]})})
    bad_rows = {e["row"] for e in errors}
    good = [p for p in parsed if p["row"] not in bad_rows]
    wrong = {e["row"] for e in errors if e["kind"] == "error"}
    counts = {"rejected": len(wrong), "duplicates": len(bad_rows - wrong)}
    if errors and not only_good_rows:
        raise ImportRejected(_("%(n)s row(s) have errors; nothing was imported.") % {"n": len(bad_rows)},
                             rule=RULE, details={"errors": sorted(errors, key=lambda e: e["row"])[:5000],
                                                 "rows": len(body), "lines": [line for line, _row in body],
                                                 "counts": counts})
    if not good:
        raise ImportRejected(_("No row is free of errors; nothing was imported."), rule=RULE,
                             details={"errors": sorted(errors, key=lambda e: e["row"])[:5000], "rows": len(body),
                                      "lines": [line for line, _row in body]})
    progress(len(body), len(body), "writing")
    result = _write(project, actor, ctx, good, errors, len(body))
    result.lines = [line for line, _row in body]
    return result


def run_job(job, progress) -> jobs.Outcome:
    """The page's import as a background job (core.jobs kind "archives.catalogue_import")."""
    result = import_volumes(project=job.project, actor=job.actor, data=bytes(job.data), name=job.file_name,
                            only_good_rows=bool(job.options.get("only_good_rows")), progress=progress)
    return jobs.Outcome(created=result.created, rows=result.rows, report=sorted(result.errors, key=lambda e: e["row"]))


@audit.atomic()
def _write(project: Project, actor: User, ctx: _Context, good: list[dict], errors: list[dict],
           rows: int) -> ImportResult:
    counters = _counters(project, {(p["category"].pk, p["year"]) for p in good})
    for item in good:  # checked before; a volume opened meanwhile may have taken it: refused whole, nothing written
        counter = counters[(item["category"].pk, item["year"])]
        if item["seq"] is not None and item["seq"] <= counter.last:
            raise ImportRejected(_("%(n)s row(s) have errors; nothing was imported.") % {"n": 1}, rule=RULE,
                                 details={"errors": [{"row": item["row"], "column": "案卷号", "message": str(
                                     _("%(number)s was given before and is never given again")
                                     % {"number": item["number"]})}], "rows": rows})
    for item in good:
        counter = counters[(item["category"].pk, item["year"])]
        if item["seq"] is not None:
            counter.given = max(getattr(counter, "given", 0), item["seq"])
    now, objs = clock.now(), []
    for item in good:
        counter = counters[(item["category"].pk, item["year"])]
        if item["seq"] is None:
            counter.last = max(counter.last, getattr(counter, "given", 0)) + 1
            seq = counter.last
            number = f"{ctx.prefix}-{item['year']}-{item['category'].code}-{seq:04d}"
        else:
            seq, number = item["seq"], item["number"]
        sealed = item["year"] <= ctx.seal_until
        owner = Owner.DEPARTMENT if item["department"] else Owner.EXTERNAL
        objs.append(Volume(
            project=project, category=item["category"], category_order=item["category"].order, year=item["year"],
            seq=seq, number=number,
            title=item["title"], retention=item["retention"], retention_years=item["retention_years"], owner=owner,
            department=item["department"], external_unit=item["unit"],
            status=VolumeStatus.SEALED if sealed else VolumeStatus.OPEN, sealed_at=now if sealed else None,
            created_by=actor, created_at=now,
            retain_until=ctx.keep_until(item["retention"], item["retention_years"], item["year"])))
    for counter in counters.values():
        counter.last = max(counter.last, getattr(counter, "given", 0))
    VolumeCounter.objects.bulk_update(list(counters.values()), ["last"], batch_size=BATCH)
    Volume.objects.bulk_create(objs, batch_size=BATCH)
    bad_rows = len({e["row"] for e in errors})
    audit.record(actor=actor, action="archives.catalogue.imported", target=("core.project", project.pk),
                 project=project, data={"created": len(objs), "rejected_rows": bad_rows,
                                        "first": objs[0].number, "last": objs[-1].number})
    return ImportResult(created=len(objs), rows=rows, errors=errors, numbers=[v.number for v in objs])


def template_bytes() -> bytes:
    from core.xlsx import workbook_bytes

    headers = [COLUMNS[key][0] for key in ("category", "year", "title", "retention", "department", "unit", "number")]
    return workbook_bytes(title="档案案卷目录", headers=headers, rows=TEMPLATE_EXAMPLE, widths=[8, 6, 36, 10, 14, 18, 20])
