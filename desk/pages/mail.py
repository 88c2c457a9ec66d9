"""Pages of the mail register (FRONT-2): register an item on arrival (a damaged one with its photo), the items
held, one item — the resident told, the pickup signed for against identification —; subscriptions and today's
arrivals. No page opens an item."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import attachments
from core.errors import DomainError
from core.masking import mask_id_number
from core.models import Resident, Unit
from core.parsing import safe_date
from core.permissions import restrict
from core.web.pages import attempt, checked_by, current_project, pick, refusal_page
from desk.models import Collector, IdType, MailItem, MailKind, MailStatus, NoticeMethod, Period, SealState, Subscription
from desk.pages.visitors import units_of
from desk.permissions import require_registers
from desk.selectors.registers import current_subscriptions, mail_uncollected
from desk.services import mail as service

refused = refusal_page(gettext_lazy("Mail and periodicals"))


@login_required
@checked_by(require_registers, refused)
def list_page(request):
    project = current_project(request)
    show = request.GET.get("show", "held")
    qs = MailItem.objects.filter(project=project).select_related("unit__building")
    if show == "held":
        qs = qs.filter(status=MailStatus.HELD)
    elif show == "uncollected":
        qs = mail_uncollected(project=project)
    page = Paginator(qs.order_by("-received_at", "-pk"), 50).get_page(request.GET.get("page"))
    return render(request, "desk/registers/mail_list.html", {"page": page, "show": show})


@login_required
@checked_by(require_registers, refused)
def new_page(request):
    project = current_project(request)
    form = request.POST if request.method == "POST" else request.GET
    err = None
    if request.method == "POST":
        upload = request.FILES.get("photo")
        item, err = attempt(request, lambda: service.register_mail(
            project=project, received_by=request.user, kind=form.get("kind", ""), addressee=form.get("addressee", ""),
            unit=pick(Unit, project, form.get("unit")), resident=pick(Resident, project, form.get("resident")),
            seal_state=form.get("seal_state", ""), damage_note=form.get("damage_note", ""),
            photo=upload.read() if upload else None, photo_name=upload.name if upload else "",
            carrier=form.get("carrier", ""), tracking_number=form.get("tracking_number", ""),
            copies=form.get("copies", "1")), _("The item is registered; tell the resident."))
        if item:
            return redirect("desk:mail-detail", pk=item.pk)
    return render(request, "desk/registers/mail_new.html", {
        "form": form, "err": err, "units": units_of(project), "kinds": MailKind.choices, "seals": SealState.choices})


def my_item(request, pk) -> MailItem:
    return get_object_or_404(restrict(MailItem.objects, request.user).select_related(
        "project", "unit__building", "received_by", "notified_by", "handed_by"), pk=pk)


@login_required
def detail_page(request, pk: int):
    item = my_item(request, pk)
    try:
        require_registers(request.user, item.project)
    except DomainError as exc:
        return refused(request, exc)
    err = None
    if request.method == "POST":
        data, user = request.POST, request.user
        calls = {
            "notify": (lambda: service.record_notice(item=item, notified_by=user, method=data.get("method", "")),
                       _("Recorded: the resident was told.")),
            "collect": (lambda: service.collect_mail(
                item=item, handed_by=user, collector=data.get("collector", ""),
                collector_name=data.get("signer_name", ""), id_type=data.get("id_type", ""),
                id_number=data.get("id_number", ""), signature=data.get("signature", "")),
                _("Collected and signed for.")),
        }
        if data.get("action", "") in calls:
            call, success = calls[data["action"]]
            done, err = attempt(request, call, success)
            if done:
                return redirect("desk:mail-detail", pk=item.pk)
        item = my_item(request, pk)
    return render(request, "desk/registers/mail_detail.html", {
        "m": item, "err": err, "photos": attachments.attachments_of(item), "methods": NoticeMethod.choices,
        "collectors": Collector.choices, "id_types": IdType.choices,
        "collector_id": mask_id_number(item.collector_id_hint)})


@login_required
@checked_by(require_registers, refused)
def subscriptions_page(request):
    project = current_project(request)
    form = request.POST if request.method == "POST" else {}
    err = None
    if request.method == "POST":
        data = request.POST
        if data.get("action") == "arrived":
            sub = pick(Subscription, project, data.get("subscription"))
            if sub is not None:
                done, err = attempt(request, lambda: service.record_arrival(subscription=sub, received_by=request.user),
                                    _("Today's issue registered."))
        else:
            done, err = attempt(request, lambda: service.add_subscription(
                project=project, created_by=request.user, resident=pick(Resident, project, data.get("resident")),
                title=data.get("title", ""), period=data.get("period", ""), copies=data.get("copies", "1"),
                starts_on=safe_date(data.get("starts_on", "")), ends_on=safe_date(data.get("ends_on", ""))),
                _("The subscription is recorded."))
        if err is None:
            return redirect("desk:mail-subscriptions")
    return render(request, "desk/registers/subscriptions.html", {
        "form": form, "err": err, "subscriptions": current_subscriptions(project=project)[:200],
        "residents": Resident.objects.filter(project=project).order_by("name")[:500], "periods": Period.choices})


urlpatterns = [
    path("mail/", list_page, name="mail-list"),
    path("mail/new/", new_page, name="mail-new"),
    path("mail/<id:pk>/", detail_page, name="mail-detail"),
    path("mail/subscriptions/", subscriptions_page, name="mail-subscriptions"),
]
