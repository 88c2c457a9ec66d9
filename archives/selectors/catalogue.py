"""Reads of the catalogue: the general catalogue filtered by category, year, series and title, the shelf list in
shelf order, the categories of a company (ARCH-1, ARCH-2, ARCH-4). Each list is a queryset the caller pages."""
from __future__ import annotations

from django.db.models import QuerySet

from archives.models import Category, ExternalUnit, Item, Transfer, Volume
from core.models import Company, Project


def categories(company: Company, *, active_only: bool = False) -> QuerySet[Category]:
    qs = Category.objects.filter(company=company)
    return qs.filter(active=True) if active_only else qs


def external_units(project: Project) -> QuerySet[ExternalUnit]:
    return ExternalUnit.objects.filter(project=project)


def general_catalogue(*, project: Project | list[int], category: int | None = None, year: int | None = None,
                      status: str = "", q: str = "", unit: int | None = None) -> QuerySet[Volume]:
    """The general catalogue (总目录): every volume of the project, in category then number order. Filters run
    on the (project, category, year, seq) index; the title search narrows the same rows."""
    qs = Volume.objects.filter(project__in=project) if isinstance(project, list) else Volume.objects.filter(
        project=project)
    if category is not None:
        qs = qs.filter(category_id=category)
    if year is not None:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    if unit is not None:
        qs = qs.filter(external_unit_id=unit)
    if q:
        qs = qs.filter(number=q) if q.upper().startswith("DA-") and q.count("-") == 3 else qs.filter(title__icontains=q)
    return qs.select_related("category", "department", "external_unit").order_by("category_order", "category_id",
                                                                                "year", "seq")


def shelf_list(*, project: Project) -> QuerySet[Volume]:
    """The shelves as they stand: room, cabinet, shelf from the top, position from the left (ARCH-4)."""
    return (Volume.objects.filter(project=project, shelf__isnull=False).select_related("category")
            .order_by("room", "cabinet", "shelf", "position"))


def shelving_order(*, project: Project) -> QuerySet[Volume]:
    """How volumes are to stand: by category, then by volume (保管单位) — 002 篇1 §1.1.2 ⑵⑧."""
    return (Volume.objects.filter(project=project).select_related("category")
            .order_by("category_order", "category_id", "year", "seq"))


def out_of_order(*, project: Project) -> list[Volume]:
    """Shelved volumes standing before one that should come after them (category, then volume)."""
    placed = list(shelf_list(project=project))
    key = [(v.category.order, v.category_id, v.year, v.seq) for v in placed]
    out, highest = [], None
    for volume, k in zip(placed, key):
        if highest is not None and k < highest:
            out.append(volume)
        else:
            highest = k
    return out


def items_of(volume: Volume) -> QuerySet[Item]:
    return volume.items.select_related("transfer").order_by("seq")


def transfers(*, project: Project) -> QuerySet[Transfer]:
    return (Transfer.objects.filter(project=project).select_related("volume", "handed_by", "received_by")
            .order_by("-handed_at", "-pk"))


def late_items(*, project: Project) -> QuerySet[Item]:
    return Item.objects.filter(project=project, late=True).select_related("volume").order_by("-filed_at")
