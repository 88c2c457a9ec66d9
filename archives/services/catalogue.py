"""The catalogue (ARCH-1, ARCH-2, ARCH-4, ARCH-9): the categories of a company, external units, opening a volume
with the number the system gives it, and putting it on its shelf."""
from __future__ import annotations

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from archives.models import Category, ExternalUnit, Volume, VolumeCounter
from archives.policies.catalogue import CATEGORIES
from archives.services.access import may_see_confidential, require_confidential, require_keeper
from archives.states import Owner, Retention, VolumeStatus
from core import audit, clock, limits, policies
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Company, Department, Project, User
from core.permissions import has_role

CODE = re.compile(r"^[A-Z]{1,6}$")
FOREVER = dt.date(9999, 12, 31)


def _bad(message, code: str, field: str = "", rule: str = "ARCH-2", **kw) -> DomainError:
    return DomainError(message, code=code, rule=rule, details={"field": field} if field else None, **kw)


def _keeper_of_company(user: User, company: Company) -> Project:
    """A project of this company in which the user keeps the archives (categories are the company's)."""
    for project in Project.objects.filter(company=company).order_by("pk"):
        if user.is_superuser or has_role(user, project, *policies.value("archives.keeper_roles", project)):
            return project
    raise NotAllowed(_("Only the archivist keeps the archives."), code="role_not_allowed", rule="ARCH-1")


@audit.atomic()
def seed_categories(*, company: Company, by: User) -> int:
    """Create the regulation's categories the company does not have yet (ARCH-1, ARCH-11); answers how many."""
    project = _keeper_of_company(by, company)
    have = set(Category.objects.filter(company=company).values_list("code", flat=True))
    made = 0
    for order, (code, name, read_only, confidential, clause) in enumerate(CATEGORIES, start=1):
        if code in have:
            continue
        Category.objects.create(company=company, code=code, name=name, order=order * 10, read_only=read_only,
                                confidential=confidential, clause=clause)
        made += 1
    if made:
        audit.record(actor=by, action="archives.category.seeded", target=company,
                     project=project, data={"created": made})
    return made


def _category_fields(*, name, order, read_only, confidential) -> dict:
    name = limits.fit(Category, "name", name, required=True, rule="ARCH-1")
    if not isinstance(order, int) or not 0 <= order <= 32000:
        raise _bad(_("The shelf order is a whole number from 0 to 32000."), "invalid_order", "order", rule="ARCH-1")
    return {"name": name, "order": order, "read_only": bool(read_only), "confidential": bool(confidential)}


@audit.atomic()
def add_category(*, company: Company, by: User, code: str, name: str, order: int, read_only: bool = False,
                 confidential: bool = False) -> Category:
    project = _keeper_of_company(by, company)
    code = (code or "").strip().upper()
    if not CODE.match(code):
        raise _bad(_("The code is one to six capital letters, e.g. QJ."), "invalid_code", "code", rule="ARCH-1")
    fields = _category_fields(name=name, order=order, read_only=read_only, confidential=confidential)
    if confidential:
        require_confidential(by, project)
    try:
        with transaction.atomic():
            category = Category.objects.create(company=company, code=code, **fields)
    except IntegrityError:
        raise Conflict(_("The company already has a category with this code."), code="duplicate_code", rule="ARCH-1")
    audit.record(actor=by, action="archives.category.added", target=category, project=project,
                 data={"code": code, **fields})
    return category


@audit.atomic()
def edit_category(*, category: Category, by: User, name: str, order: int, read_only: bool, confidential: bool,
                  active: bool) -> Category:
    """The archivist renames, reorders, retires a category; whether it is confidential is the manager's to
    change (making personal files ordinary would show them to everyone, ARCH-11). Its code stays: it is in the
    numbers of its volumes."""
    category = Category.objects.select_for_update().get(pk=category.pk)
    project = _keeper_of_company(by, category.company)
    fields = _category_fields(name=name, order=order, read_only=read_only, confidential=confidential)
    if fields["confidential"] != category.confidential:
        require_confidential(by, project)
    fields["active"] = bool(active)
    before = {k: getattr(category, k) for k in fields}
    for key, value in fields.items():
        setattr(category, key, value)
    category.save(update_fields=list(fields))
    if before["order"] != category.order:  # the catalogue's order follows the shelf order
        Volume.objects.filter(category=category).update(category_order=category.order)
    audit.record(actor=by, action="archives.category.edited", target=category, project=project,
                 data={"before": before, "after": fields})
    return category


@audit.atomic()
def add_external_unit(*, project: Project, by: User, name: str) -> ExternalUnit:
    """An outside unit gets its own file series, apart from the company's own (ARCH-9; 002 篇1 §1.4.2)."""
    require_keeper(by, project)
    name = limits.fit(ExternalUnit, "name", name, required=True, rule="ARCH-9")
    try:
        with transaction.atomic():
            unit = ExternalUnit.objects.create(project=project, name=name)
    except IntegrityError:
        raise Conflict(_("This external unit already has its series."), code="duplicate_unit", rule="ARCH-9")
    audit.record(actor=by, action="archives.unit.added", target=unit, project=project, data={"name": name})
    return unit


def proposed_retention(project: Project, category: Category) -> str:
    return dict(policies.value("archives.retention.default", project)).get(category.code, Retention.SHORT)


def keep_until(project: Project, retention: str, years: int | None, year: int) -> dt.date:
    """A volume is kept from the end of its year: permanent ones forever."""
    if retention == Retention.PERMANENT:
        return FOREVER
    span = {Retention.LONG: int(policies.value("archives.retention.long_years", project)),
            Retention.SHORT: int(policies.value("archives.retention.short_years", project))}.get(retention, years)
    return dt.date(min(year + int(span), 9998), 12, 31)


def _clean_owner(project: Project, department, external_unit) -> dict:
    if (department is None) == (external_unit is None):
        raise _bad(_("A volume belongs to one series: a department's or an external unit's."), "owner_required",
                   "department", rule="ARCH-9")
    if department is not None:
        if not isinstance(department, Department) or department.company_id != project.company_id:
            raise _bad(_("Choose a department of the company."), "invalid_choice", "department", rule="ARCH-9")
        return {"owner": Owner.DEPARTMENT, "department": department, "external_unit": None}
    if not isinstance(external_unit, ExternalUnit) or external_unit.project_id != project.pk:
        raise _bad(_("Choose an external unit of this project."), "invalid_choice", "external_unit", rule="ARCH-9")
    return {"owner": Owner.EXTERNAL, "department": None, "external_unit": external_unit}


@audit.atomic()
def open_volume(*, project: Project, by: User, category: Category, year: int, title: str, retention: str = "",
                retention_years: int | None = None, department: Department | None = None,
                external_unit: ExternalUnit | None = None) -> Volume:
    """Open a volume (立卷) and give it the next number of its project, category and year, e.g.
    DA-2026-QJ-0001 — unique, and never given again (ARCH-2; 002 篇1 §1.1.2 ⑵④⑤)."""
    require_keeper(by, project)
    if not isinstance(category, Category) or category.company_id != project.company_id or not category.active:
        raise _bad(_("Choose a category in use."), "invalid_category", "category", rule="ARCH-1")
    today = clock.today()
    if not isinstance(year, int) or not 1949 <= year <= today.year:
        raise _bad(_("The year is one up to this year."), "invalid_year", "year")
    title = limits.fit(Volume, "title", title, required=True, rule="ARCH-2")
    retention = retention or proposed_retention(project, category)
    if retention not in Retention.values:
        raise _bad(_("Choose a retention period."), "invalid_retention", "retention")
    if retention == Retention.YEARS:
        if not isinstance(retention_years, int) or not 1 <= retention_years <= 100:
            raise _bad(_("Give the years kept, from 1 to 100."), "invalid_retention", "retention_years")
    else:
        retention_years = None
    owner = _clean_owner(project, department, external_unit)
    counter, _made = VolumeCounter.objects.get_or_create(project=project, category=category, year=year)
    counter = VolumeCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    prefix = policies.value("archives.volume.number_prefix", project)
    number = f"{prefix}-{year}-{category.code}-{counter.last:04d}"
    volume = Volume.objects.create(
        project=project, category=category, category_order=category.order, year=year, seq=counter.last,
        number=number, title=title,
        retention=retention, retention_years=retention_years, created_by=by, created_at=clock.now(),
        retain_until=keep_until(project, retention, retention_years, year), **owner)
    audit.record(actor=by, action="archives.volume.opened", target=volume, project=project,
                 data={"number": number, "category": category.code, "year": year, "retention": retention,
                       "retention_years": retention_years, "series": volume.series})
    return volume


@audit.atomic()
def shelve_volume(*, volume: Volume, by: User, room: str, cabinet: str, shelf: int, position: int) -> Volume:
    """Put a volume in its place — room, cabinet, shelf from the top, position from the left (ARCH-4;
    002 篇1 §1.1.2 ⑵⑧); one volume per place. A confidential one goes in a locked cabinet (§1.4.5)."""
    volume = Volume.objects.select_for_update().select_related("category").get(pk=volume.pk)
    require_keeper(by, volume.project)
    if volume.status == VolumeStatus.DESTROYED:
        raise Conflict(_("Volume %(number)s has been destroyed.") % {"number": volume.number},
                       code="volume_destroyed", rule="ARCH-10")
    room = limits.fit(Volume, "room", room, required=True, rule="ARCH-4")
    cabinet = limits.fit(Volume, "cabinet", cabinet, required=True, rule="ARCH-4")
    for field, value in (("shelf", shelf), ("position", position)):
        if not isinstance(value, int) or not 1 <= value <= 999:
            raise _bad(_("Shelf and position are whole numbers from 1 to 999."), "invalid_place", field, rule="ARCH-4")
    before = volume.place
    volume.room, volume.cabinet, volume.shelf, volume.position = room, cabinet, shelf, position
    volume.shelved_at = clock.now()
    try:
        with transaction.atomic():
            volume.save(update_fields=["room", "cabinet", "shelf", "position", "shelved_at"])
    except IntegrityError:
        raise Conflict(_("Another volume stands in this place."), code="place_taken", rule="ARCH-4")
    audit.record(actor=by, action="archives.volume.shelved", target=volume, project=volume.project,
                 data={"from": before, "to": volume.place})
    return volume


def may_see_items(user: User, volume: Volume) -> bool:
    return not volume.category.confidential or may_see_confidential(user, volume.project)
