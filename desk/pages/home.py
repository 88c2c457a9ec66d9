"""The front-desk hub: register a contact, today's contacts, open repairs with their timers, links to
the other desk registers (DESK-INTAKE-1, REPAIR-2)."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import clock
from core.web.pages import current_project
from desk.models import ComplaintStatus, Contact, ContactStatus
from desk.permissions import keep_registers, may_view_repairs
from desk.selectors.registers import visitors_of_day
from desk.selectors import complaints as complaint_reads
from desk.selectors import visits as visit_reads
from desk.selectors.repairs import late_repairs, open_repairs
from desk.services.complaints import may_read_all
from desk.services.intake import is_desk_staff
from desk.services.paid import may_handle
from desk.services.visits import may_read_visits

OTHER_AREAS = (("desk:complaints-list", _("Complaints")), ("desk:visits-list", _("Return visits")),
               ("desk:quality-list", _("Quality checks")), ("desk:compliance", _("Compliance")))


def _links() -> list[tuple[str, str]]:
    return [(reverse(name), label) for name, label in OTHER_AREAS]


@login_required
def home(request):
    project = current_project(request)
    user = request.user
    start, end = clock.day_bounds(clock.today())
    context = {"now": clock.now(), "links": _links(), "desk": is_desk_staff(user, project),
               "repairs_ok": may_view_repairs(user, project), "paid_ok": may_handle(user, project)}
    if context["desk"]:
        context["today"] = (Contact.objects.filter(project=project, received_at__gte=start, received_at__lte=end)
                            .select_related("unit__building").order_by("-is_vip", "-received_at")[:50])
        context["open_contacts"] = Contact.objects.filter(project=project).exclude(
            status=ContactStatus.CLOSED).count()
    if may_read_all(user, project):
        context["complaints_open"] = complaint_reads.register(project=project, user=user).exclude(
            status=ComplaintStatus.CLOSED).count()
        context["complaints_overdue"] = complaint_reads.overdue(project=project).count()
    if may_read_visits(user, project):
        context["visits_due"] = visit_reads.due_now(project=project).count()
        context["visits_overdue"] = visit_reads.overdue(project=project).count()
    if context["repairs_ok"]:
        context["repairs"] = open_repairs(project=project).order_by("due_at", "reported_at")[:50]
        context["late_count"] = late_repairs(project=project).count()
    if keep_registers(user, project):
        # Today's visitors on the desk (FRONT-1).
        context["visitors_today"] = visitors_of_day(project=project)[:50]
    return render(request, "desk/home/home.html", context)
