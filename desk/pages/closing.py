"""The close of the desk page (FRONT-4): the clerk's end-of-day checklist and the closes of recent days."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import User
from core.web.pages import attempt, checked_by, current_project, refusal_page
from desk.models import DeskClose
from desk.permissions import require_registers
from desk.selectors.registers import deposits_held, mail_held
from desk.services import closing as service
from desk.services.identity import may_keep_registers

refused = refusal_page(gettext_lazy("Close of the desk"))


@login_required
@checked_by(require_registers, refused)
def close_page(request):
    project = current_project(request)
    form = request.POST if request.method == "POST" else {}
    err = None
    clerks = [u for u in User.objects.filter(memberships__project=project, is_active=True).exclude(
        pk=request.user.pk).distinct().order_by("full_name") if may_keep_registers(u, project)]
    if request.method == "POST":
        chosen = next((u for u in clerks if str(u.pk) == form.get("next_clerk", "")), None)
        if chosen is None and form.get("next_clerk", "") == str(request.user.pk):
            chosen = request.user  # the service names the refusal
        done, err = attempt(request, lambda: service.close_desk(
            project=project, clerk=request.user, next_clerk=chosen, cabinet_locked=form.get("cabinet_locked") == "on",
            keys_returned=form.get("keys_returned") == "on", keys_counted=form.get("keys_counted", "") or None,
            unfinished=form.get("unfinished", ""), items_handed=form.get("items_handed", "")),
            _("The desk is closed for today."))
        if done:
            return redirect("desk:closing")
    return render(request, "desk/registers/closing.html", {
        "form": form, "err": err, "clerks": clerks, "mail_held": mail_held(project=project).count(),
        "deposits_held": deposits_held(project=project).count(),
        "closes": DeskClose.objects.filter(project=project).select_related("clerk", "next_clerk")[:30]})


urlpatterns = [path("closing/", close_page, name="closing")]
