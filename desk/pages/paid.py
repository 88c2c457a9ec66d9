"""Pages of paid and convenience services (有偿服务单): register with items from the price list, the
list, one slip with perform, resident signature, payment or waiver (SERVICE-1)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import policies
from core.errors import DomainError
from core.models import Resident, Unit
from core.permissions import has_role, restrict
from core.web.pages import attempt, checked_by, current_project, pick, refusal_page
from desk.models import Contact, PaidService, PaidStatus
from desk.pages.repairs import initial_from
from desk.permissions import require_paid_staff
from desk.services import paid as service

refused = refusal_page(gettext_lazy("Paid services"))


def items_from_form(data, catalogue) -> list[dict]:
    items = []
    for row in catalogue:
        quantity = (data.get(f"qty-{row['code']}") or "").strip()
        if quantity and quantity != "0":
            item = {"code": row["code"], "quantity": quantity}
            price = (data.get(f"price-{row['code']}") or "").strip()
            if price:
                item["price"] = price
            items.append(item)
    return items


@login_required
@checked_by(require_paid_staff, refused)
def new_page(request):
    project = current_project(request)
    catalogue = policies.value("desk.paid.price_list", project)
    form = request.POST if request.method == "POST" else request.GET
    contact = pick(Contact, project, form.get("contact"))
    err = None
    if request.method == "POST":
        paid, err = attempt(request, lambda: service.register_service(
            project=project, registered_by=request.user, person_name=form.get("person_name", ""),
            phone=form.get("phone", ""), unit=pick(Unit, project, form.get("unit")),
            resident=pick(Resident, project, form.get("resident")), items=items_from_form(form, catalogue),
            description=form.get("description", ""), contact=contact), _("The paid service is registered."))
        if paid:
            return redirect("desk:paid-detail", pk=paid.pk)
    return render(request, "desk/paid/new.html", {
        "form": form, "err": err, "catalogue": catalogue, "contact": contact, "initial": initial_from(contact),
        "units": Unit.objects.filter(project=project).select_related("building").order_by("building__code", "number")})


@login_required
@checked_by(require_paid_staff, refused)
def list_page(request):
    project = current_project(request)
    status = request.GET.get("status", "open")
    qs = PaidService.objects.filter(project=project).select_related("unit__building", "performed_by")
    if status == "open":
        qs = qs.filter(status__in=[PaidStatus.REGISTERED, PaidStatus.PERFORMED, PaidStatus.SIGNED])
    elif status in PaidStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "desk/paid/list.html", {"page": page, "status": status, "statuses": PaidStatus.choices})


def my_service(request, pk) -> PaidService:
    return get_object_or_404(restrict(PaidService.objects, request.user)
                             .select_related("project", "unit__building", "registered_by", "performed_by",
                                             "received_by", "waived_by", "contact"), pk=pk)


@login_required
def detail_page(request, pk: int):
    paid = my_service(request, pk)
    try:
        require_paid_staff(request.user, paid.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        data, user = request.POST, request.user
        calls = {
            "perform": (lambda: service.perform_service(service=paid, performed_by=user, note=data.get("note", "")),
                        _("Recorded as performed.")),
            "sign": (lambda: service.sign_service(service=paid, witnessed_by=user, name=data.get("signer_name", ""),
                                                  image=data.get("signature", "")), _("Signed by the resident.")),
            "pay": (lambda: service.record_payment(service=paid, received_by=user, amount=data.get("amount", ""),
                                                   receipt_number=data.get("receipt_number", "")),
                    _("Payment recorded; the service is closed.")),
            "waive": (lambda: service.waive_charge(service=paid, waived_by=user, reason=data.get("reason", "")),
                      _("Charge waived; the service is closed.")),
            "cancel": (lambda: service.cancel_service(service=paid, cancelled_by=user, reason=data.get("reason", "")),
                       _("The paid service is cancelled.")),
        }
        action = data.get("action", "")
        if action in calls:
            call, success = calls[action]
            done, err = attempt(request, call, success)
            if done:
                return redirect("desk:paid-detail", pk=paid.pk)
        paid = my_service(request, pk)
    return render(request, "desk/paid/detail.html", {
        "s": paid, "err": err,
        "may_waive": request.user.is_superuser or has_role(request.user, paid.project,
                                                           *policies.value("desk.paid.waive_roles", paid.project))})


urlpatterns = [
    path("paid/", list_page, name="paid-list"),
    path("paid/new/", new_page, name="paid-new"),
    path("paid/<id:pk>/", detail_page, name="paid-detail"),
]
