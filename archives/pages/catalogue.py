"""Pages of the catalogue: the general catalogue (paged, filtered), opening a volume, one volume with its items,
shelf place and sealing, the shelves in order, the categories and external units (ARCH-1, -2, -4, -9, -11)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from archives.models import Category, ExternalUnit
from archives.pages.common import err_status, my_volume, refused
from archives.permissions import may_keep, may_see_confidential, require_keeper, require_reader
from archives.selectors import catalogue as selectors
from archives.selectors import destruction as destruction_selectors
from archives.services import catalogue as svc
from archives.services import sealing
from archives.states import Retention, VolumeStatus
from core import clock
from core.errors import DomainError
from core.models import Department
from core.pagination import CappedPaginator
from core.parsing import safe_int
from core.web.pages import attempt, checked_by, current_project, pick


@login_required
@checked_by(require_reader, refused)
def catalogue_page(request):
    """The general catalogue (总目录): every volume by category and number; filters and a title search."""
    project = current_project(request)
    category = safe_int(request.GET.get("category"))
    year = safe_int(request.GET.get("year"), low=1900, high=2999)
    status = request.GET.get("status", "")
    q = request.GET.get("q", "").strip()[:100]
    qs = selectors.general_catalogue(project=project, category=category, year=year,
                                     status=status if status in VolumeStatus.values else "", q=q)
    return render(request, "archives/catalogue.html", {
        "page": CappedPaginator(qs, 50).get_page(request.GET.get("page")),
        "categories": selectors.categories(project.company), "statuses": VolumeStatus.choices,
        "f": {"category": category, "year": year or "", "status": status, "q": q},
        "may_keep": may_keep(request.user, project)})


def _choices(project):
    return {"categories": selectors.categories(project.company, active_only=True),
            "departments": Department.objects.filter(company=project.company).order_by("pk"),
            "units": selectors.external_units(project), "retentions": Retention.choices}


@login_required
@checked_by(require_keeper, refused)
def volume_new_page(request):
    project = current_project(request)
    err, form = None, {"year": clock.today().year}
    if request.method == "POST":
        form = request.POST
        owner = form.get("owner", "")

        def call():
            category = Category.objects.filter(company=project.company, pk=safe_int(form.get("category"), 0)).first()
            department = external_unit = None
            if owner.startswith("d"):
                department = Department.objects.filter(company=project.company, pk=safe_int(owner[1:], 0)).first()
            elif owner.startswith("u"):
                external_unit = pick(ExternalUnit, project, owner[1:])
            return svc.open_volume(project=project, by=request.user, category=category,
                                   year=safe_int(form.get("year"), 0), title=form.get("title", ""),
                                   retention=form.get("retention", ""),
                                   retention_years=safe_int(form.get("retention_years")),
                                   department=department, external_unit=external_unit)
        done, err = attempt(request, call, _("The volume is opened."))
        if done:
            return redirect("archives:volume", pk=done.pk)
    return render(request, "archives/volume_new.html", {"form": form, "err": err, **_choices(project)},
                  status=err_status(err))


@login_required
def volume_page(request, pk: int):
    volume = my_volume(request, pk)
    project = volume.project
    try:
        require_reader(request.user, project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        data, user = request.POST, request.user
        calls = {
            "shelve": (lambda: svc.shelve_volume(volume=volume, by=user, room=data.get("room", ""),
                                                 cabinet=data.get("cabinet", ""),
                                                 shelf=safe_int(data.get("shelf"), 0),
                                                 position=safe_int(data.get("position"), 0)),
                       _("The volume is in its place.")),
            "seal": (lambda: sealing.seal_volume(volume=volume, by=user), _("The volume is sealed.")),
        }
        action = data.get("action", "")
        if action in calls:
            call, success = calls[action]
            done, err = attempt(request, call, success)
            if done:
                return redirect("archives:volume", pk=volume.pk)
        else:
            err = {"message": _("Choose from the list."), "code": "invalid_choice", "rule": "", "clause": ""}
        volume = my_volume(request, pk)
    shown = svc.may_see_items(request.user, volume)
    return render(request, "archives/volume.html", {
        "v": volume, "err": err, "shown": shown, "items": selectors.items_of(volume) if shown else [],
        "may_keep": may_keep(request.user, project), "open": volume.status == VolumeStatus.OPEN,
        "transfers": volume.transfers.select_related("handed_by", "received_by").order_by("handed_at"),
        "destroyed": destruction_selectors.record_of(volume) if volume.status == VolumeStatus.DESTROYED else None},
        status=err_status(err))


@login_required
@checked_by(require_reader, refused)
def shelves_page(request):
    """The shelves as they stand, and any volume standing out of category-and-number order (ARCH-4)."""
    project = current_project(request)
    return render(request, "archives/shelves.html", {
        "page": CappedPaginator(selectors.shelf_list(project=project), 100).get_page(request.GET.get("page")),
        "out_of_order": {v.pk for v in selectors.out_of_order(project=project)},
        "unshelved": selectors.shelving_order(project=project).filter(shelf__isnull=True)[:50]})


@login_required
@checked_by(require_reader, refused)
def categories_page(request):
    """The company's categories (the archivist adds, renames, reorders, retires; seeds the regulation's list) and
    this project's external units (each its own series, ARCH-9)."""
    project = current_project(request)
    err, user, data = None, request.user, request.POST
    if request.method == "POST":
        def edit():
            category = Category.objects.filter(company=project.company, pk=safe_int(data.get("category"), 0)).first()
            if category is None:
                raise DomainError(_("Choose from the list."), code="invalid_choice", rule="ARCH-1")
            return svc.edit_category(category=category, by=user, name=data.get("name", ""),
                                     order=safe_int(data.get("order"), -1), read_only=bool(data.get("read_only")),
                                     confidential=bool(data.get("confidential")), active=bool(data.get("active")))
        calls = {
            "seed": (lambda: svc.seed_categories(company=project.company, by=user), _("The categories are created.")),
            "add": (lambda: svc.add_category(company=project.company, by=user, code=data.get("code", ""),
                                             name=data.get("name", ""), order=safe_int(data.get("order"), -1),
                                             read_only=bool(data.get("read_only")),
                                             confidential=bool(data.get("confidential"))),
                    _("The category is added.")),
            "edit": (edit, _("The category is saved.")),
            "unit": (lambda: svc.add_external_unit(project=project, by=user, name=data.get("unit_name", "")),
                     _("The external unit's series is opened.")),
        }
        action = data.get("action", "")
        if action in calls:
            call, success = calls[action]
            _done, err = attempt(request, call, success)
            if err is None:
                return redirect("archives:categories")
        else:
            err = {"message": _("Choose from the list."), "code": "invalid_choice", "rule": "", "clause": ""}
    return render(request, "archives/categories.html", {
        "categories": selectors.categories(project.company), "units": selectors.external_units(project),
        "may_keep": may_keep(user, project), "may_confidential": may_see_confidential(user, project),
        "err": err, "form": data}, status=err_status(err))


urlpatterns = [
    path("", catalogue_page, name="catalogue"),
    path("volumes/new/", volume_new_page, name="volume-new"),
    path("volumes/<id:pk>/", volume_page, name="volume"),
    path("shelves/", shelves_page, name="shelves"),
    path("categories/", categories_page, name="categories"),
]
