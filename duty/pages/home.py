"""The duty desk's hub: what needs doing on this shift, and the way to each register."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from core import clock
from duty.pages.handover import hub_context as handover_hub
from duty.selectors import handover as handover_selectors
from duty.selectors import log as log_selectors
from duty.selectors import roster as roster_selectors
from duty.services.log import may_read_log


@login_required
def home(request):
    """Carried-forward work (HANDOVER-8) and, for those who may read the log (DUTY-LOG-5), what is open."""
    project = request.project
    context = {**handover_hub(request)}
    if project is not None:
        context["on_duty_today"] = list(roster_selectors.issued_assignments(project=project, day=clock.today())
                                        .select_related("shift", "person"))
        context["open_handovers"] = handover_selectors.open_handovers(project=project).count()
        if may_read_log(request.user, project):
            context.update({
                "may_read_log": True,
                "open_serious": log_selectors.open_serious_entries(project=project).count(),
                "open_events": log_selectors.open_entries(project=project).count(),
                "overdue_reports": log_selectors.overdue_reports(project=project).count(),
            })
    return render(request, "duty/home.html", context)
