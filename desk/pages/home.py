"""The front-desk hub: register a contact, today's contacts, open repairs with their timers, links to
the other desk registers (DESK-INTAKE-1, REPAIR-2)."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from core import clock
from desk.models import Contact, ContactStatus
from desk.pages.repairs import may_view
from desk.selectors.repairs import late_repairs, open_repairs
from desk.services.intake import is_desk_staff
from desk.services.paid import may_handle
from keys.pages.common import current_project

OTHER_AREAS = (("desk:complaints-list", "Complaints"), ("desk:visits-list", "Return visits"),
               ("desk:quality-list", "Quality checks"), ("desk:compliance", "Compliance"))


def _links() -> list[tuple[str, str]]:
    links = []
    for name, label in OTHER_AREAS:
        try:
            links.append((reverse(name), _(label)))
        except NoReverseMatch:  # that area's page is not there (yet)
            continue
    return links


@login_required
def home(request):
    project = current_project(request)
    user = request.user
    start, end = clock.day_bounds(clock.today())
    context = {"now": clock.now(), "links": _links(), "desk": is_desk_staff(user, project),
               "repairs_ok": may_view(user, project), "paid_ok": may_handle(user, project)}
    if context["desk"]:
        context["today"] = (Contact.objects.filter(project=project, received_at__gte=start, received_at__lte=end)
                            .select_related("unit__building").order_by("-is_vip", "-received_at")[:50])
        context["open_contacts"] = Contact.objects.filter(project=project).exclude(
            status=ContactStatus.CLOSED).count()
    if context["repairs_ok"]:
        context["repairs"] = open_repairs(project=project).order_by("due_at", "reported_at")[:50]
        context["late_count"] = late_repairs(project=project).count()
    return render(request, "desk/home/home.html", context)
